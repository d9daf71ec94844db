"""A product the office types by hand into Đăng ký is first-class: its commune is taken from
its name, its ID is filled in, it is on the members' score sheets, scored and funded; what
keeps a typed row out is on Kiểm tra with its cell."""

from openpyxl import load_workbook

from ocop_xl.domain.submissions import product_id

from .. import council_support as cs

TYPED = {
    "product_id": None,
    "commune_code": None,
    "commune": "xa ha ky",  # typed without accents, with the kind of unit
    "product_name": "Bánh đa vừng nhập tay",
    "group_code": "I.3.b",
    "producer": "HTX Bánh đa Mẫu",
    "producer_type": "HTX",
    "tax_id": "0800000999",
    "representative": "Vũ Văn Mẫu",
    "phone": "0912000999",
    "address": "Thôn Mẫu",
    "kind": "sản phẩm đã có",
    "support": "BAOBI",
}
EXPECTED_ID = product_id("ha-ky", TYPED["product_name"], TYPED["producer"])


def _sheet_rows(path, sheet):
    ws = load_workbook(path)[sheet]
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, r, strict=False))
        for r in ws.iter_rows(min_row=2, values_only=True)
        if any(r)
    ]


def _masters(master):
    cs.set_council(master)
    cs.set_products(
        master,
        [
            cs.product("ha-ky-0000FILE", source_file="communes/ha-ky.xlsx"),
            TYPED,
            {"product_name": "Sản phẩm chưa ghi xã", "producer": "Hộ Mẫu"},
            {"product_name": "Sản phẩm xã lạ", "commune": "Xã Không Có", "producer": "Hộ Mẫu"},
        ],
    )


def test_a_typed_row_gets_its_commune_and_id_and_is_on_every_score_sheet(master, tmp_path):
    _masters(master)
    cs.run(master, "score-sheets", out=tmp_path / "phieu")

    regs = {r["Tên sản phẩm"]: r for r in _sheet_rows(master, "Đăng ký")}
    typed = regs["Bánh đa vừng nhập tay"]
    assert (typed["Mã xã"], typed["Mã sản phẩm"]) == ("ha-ky", EXPECTED_ID)
    assert typed["Xã, thị trấn"] == "xa ha ky"  # what the office typed stays
    sheets = sorted((tmp_path / "phieu").glob("*.xlsx"))
    assert len(sheets) == 4  # the present scoring members
    for path in sheets:
        book = load_workbook(path)
        text = " ".join(
            str(v) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r if v
        )
        assert EXPECTED_ID in text and "Bánh đa vừng nhập tay" in text

    checks = _sheet_rows(master, "Kiểm tra")
    found = {(c["Mã lỗi"], c["Ô"]) for c in checks if c["Chức năng"] == "Đăng ký (dòng nhập tay)"}
    letters = cs.table(master, "registrations").attrs["letters"]
    rows = {r: i for i, r in enumerate(regs, start=2)}
    assert found >= {
        ("REGISTRATION_COMMUNE_MISSING", f"{letters['commune']}{rows['Sản phẩm chưa ghi xã']}"),
        ("REGISTRATION_COMMUNE_UNKNOWN", f"{letters['commune']}{rows['Sản phẩm xã lạ']}"),
    }


def test_a_typed_row_is_scored_and_funded(master):
    _masters(master)
    members = [m[0] for m in cs.COUNCIL if m[1] != "Thư ký"]
    # the ID as Đăng ký will show it: the office reads it there after any action ran once
    cs.set_scores(master, [cs.score_row(EXPECTED_ID, m, 30, 18, 25) for m in members])
    scored = cs.run(master, "score")
    results = {r["Mã sản phẩm"]: r for r in _sheet_rows(master, "Kết quả")}
    assert EXPECTED_ID in results
    assert not any(i.code == "SCORE_PRODUCT_UNKNOWN" for i in scored.issues)

    cs.run(master, "budget", prefill=True)
    lines = _sheet_rows(master, "Kinh phí")
    assert {(r["Mã nội dung hỗ trợ"], r["Mã sản phẩm"]) for r in lines} >= {("BAOBI", EXPECTED_ID)}
