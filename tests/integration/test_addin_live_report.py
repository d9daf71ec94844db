"""In báo cáo from Excel: report on the book open in Excel (LiveWorkbook on an openpyxl-backed
stand-in for xlwings, see excel_standin.py). The documents are exported from a copy Excel
saves with SaveCopyAs, by the same code as for a master file, and printed to PDF by Excel
itself (the stand-in prints with LibreOffice), LibreOffice taking over when Excel cannot.
The open book is never saved and its file on disk never changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.plan import REPORT_DOCUMENTS
from ocop_xl.domain.issues import OcopError
from ocop_xl.excel.dispatch import route_params, run_tag
from ocop_xl.excel.live_workbook import LiveWorkbook
from ocop_xl.workbook import document_export
from ocop_xl.workbook.document_export import export_documents
from ocop_xl.workbook.file_workbook import FileWorkbook

from .. import plan_samples as samples
from ..conftest import pdf_text, require_soffice
from .addin_helpers import FakeUi
from .excel_standin import open_in_excel
from .test_report_documents import TITLES, _a4_pages, _has, _other_areas_documents, _squeeze

# the council's minutes and the budget estimate only (numbered as in the report)
MINUTES_AND_ESTIMATE = [
    (spec, None if spec.name in {"minutes", "estimate"} else False) for spec in REPORT_DOCUMENTS
]
MINUTES_ONLY = [(spec, None if spec.name == "minutes" else False) for spec in REPORT_DOCUMENTS]


def _values(ws) -> list[tuple]:
    """The sheet's values without its trailing empty rows (openpyxl adds empty cells where
    a read looks below the used range; Excel's sheet is the same with or without them)."""
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _state(book) -> tuple:
    """Everything an export could change in the open book: sheets, cells, names, tables."""
    xl = book.xl
    return (
        book.name,
        book.fullname,
        [
            (
                ws.title,
                _values(ws),
                sorted((t.name, t.ref) for t in ws.tables.values()),
            )
            for ws in xl.worksheets
        ],
        sorted((n, str(d.attr_text)) for n, d in xl.defined_names.items()),
    )


def _no_libreoffice_in_export(monkeypatch) -> None:
    """document_export's own LibreOffice is gone (the stand-in Excel still prints)."""
    monkeypatch.setattr(document_export, "find_soffice", lambda: None)


@pytest.fixture
def filled(master):
    """A master as the other areas and the staff leave it: 60 products, results, budget
    lines, activities, the council's minutes and the budget estimate."""
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", samples.registrations(count=60))
    wb.commit()
    samples.fill(master, "results", "budget_lines", "activities")
    _other_areas_documents(master)
    return master


def test_the_report_button_in_excel_exports_what_the_command_exports(filled, tmp_path, monkeypatch):
    require_soffice()
    by_file = tmp_path / "lenh" / filled.name
    by_file.parent.mkdir()
    shutil.copy2(filled, by_file)
    original = filled.read_bytes()
    book = open_in_excel(filled)

    def no_libreoffice(*args, **kwargs):
        raise AssertionError("Excel prints the PDFs when the workbook is open in it")

    monkeypatch.setattr(document_export, "convert", no_libreoffice)
    ui = FakeUi()
    outcome = run_tag(
        "report", LiveWorkbook(book, on_status=ui.status, on_progress=ui.progress), ui
    )

    result = outcome.result
    assert result is not None and outcome.params["pdf"] is True
    assert {i.code for i in result.errors} <= {"PROGRESS_ROW_SKIPPED"}  # the samples' own
    out = filled.parent / "bao-cao"
    assert outcome.params["out"] == out
    documents = {d["name"]: d for d in result.data["documents"]}
    assert documents["province_list"]["status"] == "no_data"
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
    assert "Xuất văn bản “Biên bản”…" in ui.statuses

    # the open book: one copy saved beside it in a temporary folder (gone now), never
    # saved itself, still open under its own name, its file on disk unchanged
    calls = book.app.calls
    copies = [c for c in calls if c[0] == "SaveCopyAs"]
    assert len(copies) == 1 and not Path(copies[0][1]).parent.exists()
    assert Path(copies[0][1]).parent != filled.parent
    assert not any(c[0] == "save" for c in calls)
    assert book in book.app.books and book.fullname == str(filled)
    assert filled.read_bytes() == original
    # the report's own changes are in the open book, for the staff to save
    assert "Danh sách đăng ký" in book.xl.sheetnames
    assert list(book.xl["Nhật ký"].values)[-1][-1] == "report"

    # each PDF printed by Excel: the exported file opened read-only, printed, closed
    for name in TITLES:
        xlsx = Path(documents[name]["xlsx"])
        assert ("open", xlsx.name, True) in calls
        assert ("to_pdf", xlsx.name, str(xlsx.with_suffix(".pdf"))) in calls
        assert ("close", xlsx.name) in calls
    assert [b.name for b in book.app.books] == [filled.name]

    # the same documents as the command gives on the same master
    run_action("report", FileWorkbook.open(by_file), out=by_file.parent / "bao-cao")
    for name, title in TITLES.items():
        live_file = Path(documents[name]["xlsx"])
        live = load_workbook(live_file)
        command = load_workbook(by_file.parent / "bao-cao" / live_file.name)
        assert live.sheetnames == command.sheetnames and not list(live.defined_names), name
        ws, expected = live.active, command.active
        assert list(ws.values) == list(expected.values), name
        assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows, name
        assert ws.print_title_rows == expected.print_title_rows, name
        assert ws.page_setup.orientation == expected.page_setup.orientation, name
        assert ws["A1"].font.name == "Times New Roman", name

        pdf = Path(documents[name]["pdf"])
        text = pdf_text(pdf)
        assert _has(_squeeze(text), title), name
        pages = _a4_pages(pdf)
        assert f"Trang {pages}/{pages}" in text, name


def test_exporting_leaves_the_open_book_as_it_was(master, tmp_path):
    _other_areas_documents(master)
    book = open_in_excel(master)
    live = LiveWorkbook(book)
    before = _state(book)

    documents, issues = export_documents(
        live, [(spec, None) for spec in REPORT_DOCUMENTS], tmp_path / "bao-cao"
    )

    assert issues == []
    assert [d.outcome for d in documents] == [
        "no_data",  # the registration list was never rendered in this master
        "exported",
        "no_data",
        "exported",
        "no_data",
        "no_data",
    ]
    assert _state(book) == before
    assert [c[0] for c in book.app.calls] == ["SaveCopyAs"]  # nothing read, written or saved
    exported = load_workbook(tmp_path / "bao-cao" / "02-bien-ban.xlsx")
    assert exported.sheetnames == ["Biên bản"]


def test_excel_that_cannot_print_hands_over_to_libreoffice(master, tmp_path, monkeypatch):
    require_soffice()
    _other_areas_documents(master)
    book = open_in_excel(master)
    book.app.pdf_error = RuntimeError("(-2147352567, 'Không có máy in', None)")
    out = tmp_path / "bao-cao"

    documents, issues = export_documents(LiveWorkbook(book), MINUTES_AND_ESTIMATE, out, pdf=True)

    assert issues == []  # LibreOffice made the PDFs: nothing to tell
    assert [d.pdf for d in documents if d.pdf] == [
        out / "02-bien-ban.pdf",
        out / "04-du-toan-kinh-phi.pdf",
    ]
    assert _has(_squeeze(pdf_text(out / "02-bien-ban.pdf")), TITLES["minutes"])
    assert [b.name for b in book.app.books] == [master.name]  # Excel's copies were closed

    _no_libreoffice_in_export(monkeypatch)
    out = tmp_path / "lan-2"
    documents, issues = export_documents(LiveWorkbook(book), MINUTES_AND_ESTIMATE, out, pdf=True)
    assert [i.code for i in issues] == ["EXCEL_PDF_FAILED", "EXCEL_PDF_FAILED"]
    assert issues[0].message_vi.startswith("Excel không in được tệp 02-bien-ban.xlsx ra PDF (")
    assert "Microsoft Print to PDF" in issues[0].message_vi
    assert [d.name for d in documents if d.outcome == "exported"] == ["minutes", "estimate"]
    assert sorted(p.name for p in out.iterdir()) == ["02-bien-ban.xlsx", "04-du-toan-kinh-phi.xlsx"]


def test_a_file_already_open_in_excel_is_not_printed_nor_closed(master, tmp_path, monkeypatch):
    _other_areas_documents(master)
    _no_libreoffice_in_export(monkeypatch)
    book = open_in_excel(master)
    elsewhere = tmp_path / "nam-truoc"
    elsewhere.mkdir()
    old = elsewhere / "02-bien-ban.xlsx"
    shutil.copy2(master, old)
    book.app.books.open(str(old), read_only=True)  # last year's minutes, open in a window
    out = tmp_path / "bao-cao"

    documents, issues = export_documents(LiveWorkbook(book), MINUTES_ONLY, out, pdf=True)

    [in_use] = issues
    assert in_use.code == "FILE_IN_USE" and str(out / "02-bien-ban.xlsx") in in_use.message_vi
    minutes = documents[1]
    assert minutes.xlsx == out / "02-bien-ban.xlsx" and minutes.pdf is None
    assert [b.name for b in book.app.books] == [master.name, "02-bien-ban.xlsx"]
    assert not any(c[0] == "to_pdf" for c in book.app.calls)


def test_a_copy_excel_cannot_save_is_said_once_and_nothing_is_written(master, tmp_path):
    _other_areas_documents(master)
    book = open_in_excel(master)
    book.app.copy_error = RuntimeError("(-2147352567, 'Đĩa đầy', None)")
    out = tmp_path / "bao-cao"

    result = run_action("report", LiveWorkbook(book), out=out)

    [failed] = result.errors
    assert failed.code == "WORKBOOK_COPY_FAILED"
    assert failed.message_vi.startswith("Không lưu được bản sao của tệp ocop_master.xlsx")
    assert failed.message_vi.endswith("Tệp đang mở không bị thay đổi.")
    assert "Đĩa đầy" in failed.message_vi
    statuses = {d["name"]: d["status"] for d in result.data["documents"]}
    assert statuses["minutes"] == statuses["task_matrix"] == "failed"
    assert statuses["registration_list"] == "no_data"  # known from Đăng ký, no copy needed
    assert not out.exists() or list(out.iterdir()) == []
    rows = list(book.xl["Kiểm tra"].iter_rows(values_only=True))
    code = list(rows[0]).index("Mã lỗi")
    checks = [r[code] for r in rows[1:]]
    assert "WORKBOOK_COPY_FAILED" in checks  # on Kiểm tra too, like every finding


def test_a_binary_workbook_is_asked_to_be_saved_as_xlsm(master, tmp_path):
    book = open_in_excel(master)
    book.name = "ocop_master.xlsb"
    with pytest.raises(OcopError) as raised:
        LiveWorkbook(book).save_copy(tmp_path)
    assert raised.value.code == "WORKBOOK_NOT_XLSM"
    assert book.app.calls == []


def test_the_ribbon_asks_for_pdfs_whenever_something_can_print_them(master, monkeypatch):
    _no_libreoffice_in_export(monkeypatch)
    ui = FakeUi()
    live = LiveWorkbook(open_in_excel(master))
    assert route_params("report", live, ui)["pdf"] is True  # Excel prints
    assert route_params("report", FileWorkbook.open(master), ui)["pdf"] is False
    # LibreOffice "installed": any program that exists will do, nothing is converted
    monkeypatch.setattr(document_export, "find_soffice", lambda: shutil.which("sh"))
    assert route_params("report", FileWorkbook.open(master), ui)["pdf"] is True
