"""Real producers' numbers pass the checks: a household business's 12-digit personal ID, a
landline with its area code, a tổ hợp tác without a tax code. What is wrong for a producer
type is still an error on its cell of Kiểm tra."""

from datetime import date

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook


def _row(name, producer, producer_type, tax_id, phone="0912 000 101"):
    return {
        "product_name": name,
        "group_code": "I.3.b - Chế biến từ gạo, ngũ cốc",
        "producer": producer,
        "producer_type": producer_type,
        "tax_id": tax_id,
        "representative": "Nguyễn Văn Mẫu",
        "phone": phone,
        "address": "Thôn Mẫu",
        "kind": "sản phẩm đã có",
    }


ROWS = [
    # accepted
    _row("Bánh đa gấc", "Hộ kinh doanh Lê Văn Mẫu", "hộ sản xuất có ĐKKD", "030085012345"),
    _row("Bánh gai", "Hộ kinh doanh Trần Thị Mẫu", "hộ sản xuất có ĐKKD", "0800000201"),
    _row("Bánh chưng", "HTX Mẫu", "HTX", "0800000202", phone="0220 3712 345"),
    _row("Bánh cuốn", "Tổ hợp tác Bánh cuốn Mẫu", "tổ hợp tác", None),
    _row("Bánh tẻ", "Trang trại Mẫu", "trang trại", None, phone="(0220) 3.712.346"),
    _row("Bánh giầy", "Công ty TNHH Mẫu", "doanh nghiệp", "0800000203 - 001"),
    # errors
    _row("Bánh khúc", "HTX Khúc Mẫu", "HTX", "030085012346"),  # a personal ID for an HTX
    _row("Bánh dày", "Công ty CP Dày Mẫu", "doanh nghiệp", None),  # an enterprise without one
    _row("Bánh đúc", "Hộ Đúc Mẫu", "hộ sản xuất có ĐKKD", "12345", phone="0220 371 234"),
]


def test_numbers_are_judged_by_producer_type(master, tu_ky, tmp_path):
    commune = tu_ky.commune("ha-ky")
    source = write_filled(
        tmp_path / template_file_name(tu_ky, commune),
        tu_ky,
        criteria_set(tu_ky.criteria_set),
        commune,
        ROWS,
        date(2023, 5, 2),
    )
    result = run_action("consolidate", FileWorkbook.open(master), sources=[source])

    book = load_workbook(master)
    checks = book["Kiểm tra"]
    header = [c.value for c in checks[1]]
    found = [
        dict(zip(header, r, strict=False))
        for r in checks.iter_rows(min_row=2, values_only=True)
        if any(r)
    ]
    code_col = next(h for h in header if h and h.startswith("Mã"))
    cell_col = "Ô"
    assert sorted((f[code_col], f[cell_col]) for f in found) == sorted(
        [
            ("TAX_ID_FORMAT", "G11"),
            ("TAX_ID_REQUIRED", "G12"),
            ("TAX_ID_FORMAT", "G13"),
            ("PHONE_FORMAT", "I13"),
        ]
    )
    messages = {i.location.cell + i.code: i.message_vi for i in result.issues}
    assert "với HTX" in messages["G11TAX_ID_FORMAT"]
    assert "mã số thuế 10 chữ số" in messages["G11TAX_ID_FORMAT"]
    assert "bắt buộc với doanh nghiệp" in messages["G12TAX_ID_REQUIRED"]
    assert "số định danh cá nhân 12 chữ số" in messages["G13TAX_ID_FORMAT"]

    regs = book["Đăng ký"]
    header = [c.value for c in regs[1]]
    rows = {
        r[header.index("Tên sản phẩm")]: dict(zip(header, r, strict=False))
        for r in regs.iter_rows(min_row=2, values_only=True)
        if r[0]
    }
    assert rows["Bánh đa gấc"]["Mã số thuế / ĐKKD"] == "030085012345"
    assert rows["Bánh giầy"]["Mã số thuế / ĐKKD"] == "0800000203-001"
    assert rows["Bánh chưng"]["Điện thoại"] == "02203712345"
    assert rows["Bánh tẻ"]["Điện thoại"] == "02203712346"
    assert rows["Bánh cuốn"]["Mã số thuế / ĐKKD"] is None
