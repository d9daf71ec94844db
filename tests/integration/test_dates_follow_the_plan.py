"""Dates follow the plan, not the computer's clock: checks judge against the plan's year (or
Cấu hình's "Ngày xét số liệu", or ``--as-of``), documents carry the date set on Cấu hình and
leave "ngày … tháng … năm" blank when none is set."""

from datetime import date

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook

from ..conftest import pdf_text, require_soffice


def _row(name, certificate_date):
    return {
        "product_name": name,
        "group_code": "I.3.b - Chế biến từ gạo, ngũ cốc",
        "producer": f"HTX {name}",
        "producer_type": "HTX",
        "tax_id": "0800000301",
        "representative": "Nguyễn Văn Mẫu",
        "phone": "0912000301",
        "address": "Thôn Mẫu",
        "kind": "đánh giá lại",
        "current_stars": 3,
        "certificate_no": "01/GCN (mẫu)",
        "certificate_date": certificate_date,
    }


def _commune_file(tu_ky, folder):
    commune = tu_ky.commune("ha-ky")
    return write_filled(
        folder / template_file_name(tu_ky, commune),
        tu_ky,
        criteria_set(tu_ky.criteria_set),
        commune,
        [
            _row("Bánh gai", date(2021, 3, 10)),  # 36 months: valid to 10/03/2024
            _row("Bánh đa", date(2022, 6, 5)),  # valid to 05/06/2025
            _row("Bánh cuốn", date(2024, 1, 2)),  # after the plan's year: in the future
        ],
        date(2023, 5, 2),
    )


def _set(master, **values):
    wb = FileWorkbook.open(master)
    frame = wb.read_table("settings")
    for key, value in values.items():
        frame.loc[frame["key"] == key, "value"] = value
    wb.write_table("settings", frame)
    wb.commit()


def _codes(result):
    return sorted((i.code, i.params.get("value")) for i in result.issues)


def test_certificates_are_judged_against_the_plans_year(master, tu_ky, tmp_path):
    source = _commune_file(tu_ky, tmp_path)
    result = run_action("consolidate", FileWorkbook.open(master), sources=[source])
    # on 31/12/2023 both certificates were valid; the 2024 one is not yet issued
    assert _codes(result) == [("CERTIFICATE_DATE_FUTURE", "02/01/2024")]

    later = run_action(
        "consolidate", FileWorkbook.open(master), sources=[source], as_of=date(2024, 6, 1)
    )
    assert _codes(later) == [("CERTIFICATE_EXPIRED", "10/03/2021")]

    _set(master, as_of=date(2025, 7, 1))  # the office's own "Ngày xét số liệu"
    kept = run_action("consolidate", FileWorkbook.open(master), sources=[source])
    assert _codes(kept) == [
        ("CERTIFICATE_EXPIRED", "05/06/2022"),
        ("CERTIFICATE_EXPIRED", "10/03/2021"),
    ]


def _text(pdf) -> str:
    return " ".join(pdf_text(pdf).split())


def test_documents_carry_the_office_date_or_leave_it_blank(master, tmp_path):
    require_soffice()
    out = tmp_path / "bao-cao"
    result = run_action("report", FileWorkbook.open(master), out=out, pdf=True)
    pdfs = [d["pdf"] for d in result.data["documents"] if d["pdf"]]
    assert pdfs
    this_year = str(date.today().year)
    for pdf in pdfs:
        text = _text(pdf)
        assert "Tứ Kỳ, ngày …… tháng …… năm ……" in text, pdf
        if this_year != "2023":
            assert f"năm {this_year}" not in text, pdf
    report = _text(out / "06-bao-cao-ket-qua.pdf")
    assert "(Số liệu đến ngày 31/12/2023)" in report

    _set(master, document_date=date(2023, 12, 15))
    run_action("report", FileWorkbook.open(master), out=out, pdf=True)
    for name in ("05-phan-cong", "06-bao-cao-ket-qua"):
        assert "Tứ Kỳ, ngày 15 tháng 12 năm 2023" in _text(out / f"{name}.pdf"), name
    ws = load_workbook(master)["Báo cáo kết quả"]
    assert any(
        c.value == "Tứ Kỳ, ngày 15 tháng 12 năm 2023" for r in ws.iter_rows(max_row=6) for c in r
    )
