"""report: every printable document of the master exported to its own file and printed to
PDF by LibreOffice; empty documents listed as "chưa có dữ liệu"."""

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.vnformat import place_date_line
from ocop_xl.workbook import document_export
from ocop_xl.workbook.file_workbook import FileWorkbook

from .. import plan_samples as samples
from ..conftest import pdf_info, pdf_pages, pdf_text, require_soffice

MINUTES_TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP HUYỆN"
ESTIMATE_TITLE = "DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH OCOP NĂM 2023"
TITLES = {
    "registration_list": "DANH SÁCH TỔNG HỢP SẢN PHẨM ĐĂNG KÝ THAM GIA CHƯƠNG TRÌNH OCOP NĂM 2023",
    "minutes": MINUTES_TITLE,
    "estimate": ESTIMATE_TITLE,
    "task_matrix": "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH OCOP NĂM 2023",
    "progress_report": "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH OCOP NĂM 2023",
}


def _other_areas_documents(master) -> None:
    """The minutes and the estimate as the council and budget actions would leave them; the
    list for the province stays empty (the council has not met)."""
    header = ("ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ", "HỘI ĐỒNG ĐÁNH GIÁ SẢN PHẨM OCOP")
    wb = FileWorkbook.open(master)
    wb.write_document(
        "minutes",
        Document(
            title=MINUTES_TITLE,
            issuing_body=header,
            place_date=place_date_line("Tứ Kỳ", None),
            columns=(DocColumn("TT", 6, "int"), DocColumn("Sản phẩm", 40), DocColumn("Điểm", 10)),
            rows=[(i, p[3], "58,25") for i, p in enumerate(samples.PRODUCTS, start=1)],
            signatures=(Signature(("THƯ KÝ",)), Signature(("CHỦ TỊCH HỘI ĐỒNG",))),
        ),
    )
    wb.write_document(
        "estimate",
        Document(
            title=ESTIMATE_TITLE,
            issuing_body=("ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ", "PHÒNG NÔNG NGHIỆP VÀ PTNT"),
            place_date=place_date_line("Tứ Kỳ", None),
            columns=(
                DocColumn("TT", 6, "int"),
                DocColumn("Nội dung", 40),
                DocColumn("Số tiền", 18, "money"),
            ),
            rows=[(1, "Bao bì, nhãn mác", 108_000_000), (2, "Logo OCOP huyện", 25_000_000)],
            total_row=("", "Tổng cộng", 133_000_000),
            landscape=True,
        ),
    )
    wb.commit()


def _a4_pages(pdf) -> int:
    assert "(A4)" in pdf_info(pdf)
    return pdf_pages(pdf)


def _squeeze(text: str) -> str:
    """Text without any blank: pdftotext splits words where the font kerns them."""
    return "".join(text.split())


def _has(flat: str, wanted: str) -> bool:
    return _squeeze(wanted) in flat


def test_every_document_is_exported_and_printed(master, tmp_path):
    require_soffice()
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", samples.registrations(count=60))
    wb.commit()
    samples.fill(master, "results", "budget_lines", "activities")
    _other_areas_documents(master)
    out = tmp_path / "bao-cao"

    result = run_action("report", FileWorkbook.open(master), out=out, pdf=True)

    documents = {d["name"]: d for d in result.data["documents"]}
    assert [d["name"] for d in result.data["documents"]] == [
        "registration_list",
        "minutes",
        "province_list",
        "estimate",
        "task_matrix",
        "progress_report",
    ]
    assert documents["province_list"] == {
        "name": "province_list",
        "sheet": "Danh sách đề nghị cấp tỉnh",
        "status": "no_data",
        "xlsx": None,
        "pdf": None,
    }
    assert ("Danh sách đề nghị cấp tỉnh", "chưa có dữ liệu") in result.summary
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.{ext}"
        for stem in (
            "01-danh-sach-dang-ky",
            "02-bien-ban",
            "04-du-toan-kinh-phi",
            "05-phan-cong",
            "06-bao-cao-ket-qua",
        )
        for ext in ("xlsx", "pdf")
    )
    assert result.counts["exported"] == 5 and result.counts["pdf"] == 5

    pages = {}
    for name, title in TITLES.items():
        doc = documents[name]
        assert doc["status"] == "exported", name
        text = pdf_text(doc["pdf"])
        flat = _squeeze(text)
        assert _has(flat, title), name
        assert _has(flat, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and _has(
            flat, "Độc lập - Tự do - Hạnh phúc"
        )
        pages[name] = _a4_pages(doc["pdf"])
        assert f"Trang {pages[name]}/{pages[name]}" in text, name  # page numbers
        book = load_workbook(doc["xlsx"])
        assert len(book.sheetnames) == 1 and not list(book.defined_names), name
        ws = book.active
        assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows, name
        assert ws["A1"].font.name == "Times New Roman", name

    # the short documents on one or two pages at full size (Nghị định 30: never shrunk to
    # fit); the 60 products need several, with the header row repeated on every page
    assert max(pages["minutes"], pages["estimate"], pages["progress_report"]) <= 2
    assert pages["registration_list"] >= 2
    registration_text = pdf_text(documents["registration_list"]["pdf"])
    assert registration_text.count("Tên chủ thể") == pages["registration_list"]
    flat = _squeeze(registration_text)
    assert _has(flat, "Tổng cộng: 60 sản phẩm của 10 xã, thị trấn")
    assert _has(flat, "Thị trấn Tứ Kỳ (5 sản phẩm)")  # communes in the profile's order, counted
    order = [flat.index(_squeeze(c)) for c in ("Thị trấn Tứ Kỳ", "Xã Đại Sơn", "Xã Hà Thanh")]
    assert order == sorted(order)

    annex = _squeeze(pdf_text(documents["task_matrix"]["pdf"]))
    assert _has(annex, "Số nhiệm vụ chủ trì") and _has(annex, "CT: chủ trì; PH: phối hợp.")
    report = _squeeze(pdf_text(documents["progress_report"]["pdf"]))
    assert _has(report, "Sản phẩm đề nghị")  # the title wraps in its cell
    assert _has(report, "10 12 11 110% Đạt Số sản phẩm đạt từ 3")
    assert _has(report, "Phát hành Logo OCOP huyện")  # the activities done are listed


def test_without_libreoffice_the_files_are_still_written_and_the_user_is_told(
    master, tmp_path, monkeypatch
):
    monkeypatch.setattr(document_export, "find_soffice", lambda: None)
    out = tmp_path / "bao-cao"
    result = run_action("report", FileWorkbook.open(master), out=out, pdf=True)
    [missing] = result.errors
    assert missing.code == "LIBREOFFICE_MISSING"
    assert missing.message_vi.startswith(
        "Không tìm thấy LibreOffice trên máy này nên không tạo được tệp PDF."
    )
    assert sorted(p.name for p in out.iterdir()) == ["05-phan-cong.xlsx", "06-bao-cao-ket-qua.xlsx"]
    checks = load_workbook(master)["Kiểm tra"]
    rows = list(checks.iter_rows(values_only=True))
    code = list(rows[0]).index("Mã lỗi")
    assert [r[code] for r in rows[1:]] == ["LIBREOFFICE_MISSING"]


def test_an_empty_master_exports_only_what_it_has(master, tmp_path):
    result = run_action("report", FileWorkbook.open(master), out=tmp_path / "bao-cao")
    status = {d["name"]: d["status"] for d in result.data["documents"]}
    assert status == {
        "registration_list": "no_data",
        "minutes": "no_data",
        "province_list": "no_data",
        "estimate": "no_data",
        "task_matrix": "exported",
        "progress_report": "exported",
    }
    assert result.issues == [] and result.counts["pdf"] == 0
    # the progress report says what is missing rather than printing zeros
    ws = load_workbook(tmp_path / "bao-cao" / "06-bao-cao-ket-qua.xlsx").active
    texts = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert texts.count("Chưa có dữ liệu") == 14  # 7 targets: the actual and the status
    assert "Chưa có số liệu ở các trang: Kết quả, Kinh phí, Hoạt động." in texts


@pytest.mark.parametrize("lock", ["~$05-phan-cong.xlsx", ".~lock.05-phan-cong.xlsx#"])
def test_a_document_open_in_excel_is_reported_and_the_others_written(master, tmp_path, lock):
    out = tmp_path / "bao-cao"
    out.mkdir()
    (out / "05-phan-cong.xlsx").write_bytes(b"old copy")
    (out / lock).write_text("")
    result = run_action("report", FileWorkbook.open(master), out=out)
    [locked] = result.errors
    assert locked.code == "MASTER_LOCKED" and "05-phan-cong.xlsx" in locked.message_vi
    assert (out / "05-phan-cong.xlsx").read_bytes() == b"old copy"  # untouched
    assert (out / "06-bao-cao-ket-qua.xlsx").exists()
    assert {d["name"]: d["status"] for d in result.data["documents"]}["task_matrix"] == "failed"


class _NotAFile:
    """A Workbook port that holds no openpyxl book and cannot save a copy of itself."""

    def __init__(self, inner: FileWorkbook) -> None:
        self._inner = inner

    def __getattr__(self, name):
        if name == "book":
            raise AttributeError(name)
        return getattr(self._inner, name)


def test_an_adapter_that_cannot_give_a_copy_of_itself_is_told_once(master, tmp_path):
    out = tmp_path / "bao-cao"
    result = run_action("report", _NotAFile(FileWorkbook.open(master)), out=out)
    [unsupported] = result.errors
    assert unsupported.code == "DOCUMENT_EXPORT_UNSUPPORTED"
    assert "ocop_master.xlsx" in unsupported.message_vi
    # Đăng ký is empty: known without the sheet; every other document needed the copy
    assert [d["status"] for d in result.data["documents"]] == ["no_data"] + ["failed"] * 5
    assert not out.exists() or list(out.iterdir()) == []
