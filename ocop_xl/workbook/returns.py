"""Copies of commune files returned with their problems marked: each problem cell filled
in a warning colour with the Vietnamese message as a comment, and a first sheet listing
every problem. The commune's original file is only ever read."""

from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlBook
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string

from ocop_xl.domain.issues import OcopError, Severity
from ocop_xl.workbook.atomic import atomic_save
from ocop_xl.workbook.layout.checks import ERROR_FILL, WARNING_FILL
from ocop_xl.workbook.layout.submissions import RETURN_SHEET
from ocop_xl.workbook.libreoffice import convert, find_soffice
from ocop_xl.workbook.table.cells import put

# Problems that leave nothing to annotate: the file could not be used at all.
NOT_RETURNABLE = frozenset(
    {
        "SOURCE_NOT_FOUND",
        "NO_SOURCES",
        "FILE_UNREADABLE",
        "FILE_NOT_SPREADSHEET",
        "FILE_ENCRYPTED",
        "FILE_EMPTY",
        "FILE_TOO_LARGE",
        "FILE_INFLATES_TOO_LARGE",
        "FILE_IS_MASTER",
        "FILE_OTHER_TEMPLATE",
        "COMMUNE_FILE_TWICE",
    }
)
ERROR_LABEL = Severity.ERROR.label_vi  # how Kiểm tra writes an error
AUTHOR = "ocop_xl"
COMMENT_LINE = 40  # characters a line in a comment box 320 points wide


def return_file_name(source: Path) -> str:
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    return f"{source.stem}-can-sua{suffix}"


def for_commune(message: Any, shown: str, name: str) -> str:
    """A message of Kiểm tra as the commune reads it: its file by its own name, not by the
    district's folder (``ho-so-xa/…``)."""
    text = "" if message is None else str(message)
    return text.replace(shown, name) if shown and shown != name else text


def make_return(
    source: Path, target: Path, problems: Iterable[Mapping[str, Any]], shown: str = ""
) -> Path:
    """Write the annotated copy of ``source`` to ``target`` (never to ``source``);
    ``shown`` is how Kiểm tra names the file, replaced by its own name in the messages."""
    source, target = Path(source), Path(target)
    if source.resolve() == target.resolve():
        raise OcopError("RETURN_UNREADABLE", file=source.name, detail="same file")
    problems = [
        {**p, "message": for_commune(p.get("message"), shown, source.name)} for p in problems
    ]
    book = _open_copy(source)
    _mark_cells(book, problems)
    _problem_sheet(book, source, problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_save(target, book.save)
    return target


def _open_copy(source: Path) -> OpenpyxlBook:
    suffix = source.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return load_workbook(source, keep_vba=suffix == ".xlsm")
        if find_soffice() is not None:
            with tempfile.TemporaryDirectory(prefix="ocop-return-") as folder:
                converted = convert(source, "xlsx", Path(folder))
                return load_workbook(converted)
        return _values_copy(source)
    except OcopError:
        raise
    except Exception as exc:
        raise OcopError("RETURN_UNREADABLE", file=source.name, detail=str(exc)[:200]) from exc


def _values_copy(source: Path) -> OpenpyxlBook:
    """Without LibreOffice an .xls or .ods is copied by value (formatting is lost)."""
    import python_calamine as calamine

    book = OpenpyxlBook()
    book.remove(book.active)
    with calamine.CalamineWorkbook.from_path(str(source)) as original:
        for name in original.sheet_names:
            ws = book.create_sheet(name)
            for r, row in enumerate(original.get_sheet_by_name(name).to_python(False), 1):
                for c, value in enumerate(row, 1):
                    if value != "":
                        put(ws, r, c, value)
    return book


def _mark_cells(book: OpenpyxlBook, problems: list[Mapping[str, Any]]) -> None:
    by_cell: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for p in problems:
        sheet, cell = p.get("sheet"), p.get("cell")
        if sheet and cell and sheet in book.sheetnames:
            by_cell[(str(sheet), str(cell))].append(p)
    for (sheet, cell), found in by_cell.items():
        try:
            coordinate_from_string(cell)
        except ValueError:
            continue
        target = book[sheet][cell]
        colour = (
            ERROR_FILL if any(p.get("severity") == ERROR_LABEL for p in found) else (WARNING_FILL)
        )
        target.fill = PatternFill("solid", start_color=colour, end_color=colour)
        text = "\n".join(f"• {p.get('message')}" for p in found)
        comment = Comment(text, AUTHOR)
        # about 40 characters a line in a box 320 points wide, 16 points a line: the whole
        # message shows when the pointer is on the cell
        lines = sum(math.ceil(max(len(t), 1) / COMMENT_LINE) for t in text.split("\n"))
        comment.width, comment.height = 320, 24 + 16 * lines
        target.comment = comment


def _problem_sheet(book: OpenpyxlBook, source: Path, problems: list[Mapping[str, Any]]) -> None:
    if RETURN_SHEET in book.sheetnames:  # a returned copy returned again
        book.remove(book[RETURN_SHEET])
    ws = book.create_sheet(RETURN_SHEET, 0)
    ws["A1"] = "CÁC LỖI CẦN SỬA TRONG HỒ SƠ ĐĂNG KÝ SẢN PHẨM OCOP"
    ws["A1"].font = Font(bold=True, size=13)
    put(ws, 2, 1, f"Tệp: {source.name}; ngày kiểm tra: {date.today():%d/%m/%Y}")
    ws["A3"] = (
        "Các ô có lỗi được tô màu (cam: lỗi phải sửa, vàng: cảnh báo cần xem lại) và có "
        "ghi chú. Sửa xong, xóa trang này hoặc để nguyên rồi gửi lại tệp cho huyện."
    )
    ws["A3"].font = Font(italic=True)
    for row in (1, 2, 3):  # the title lines wrap within the list's width
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[3].height = 32
    headers = ("STT", "Mức độ", "Trang", "Ô", "Nội dung")
    widths = (6, 10, 20, 8, 100)
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(5, col, header)
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = width
    ordered = sorted(problems, key=lambda p: (p.get("severity") != ERROR_LABEL, p.get("row") or 0))
    for i, p in enumerate(ordered, start=1):
        row = 5 + i
        ws.cell(row, 1, i)
        put(ws, row, 2, p.get("severity"))
        put(ws, row, 3, p.get("sheet"))
        put(ws, row, 4, p.get("cell") or (f"dòng {p['row']}" if p.get("row") else ""))
        put(ws, row, 5, p.get("message"))
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
        # tall enough for the wrapped message (Excel and LibreOffice keep a set height)
        lines = math.ceil(len(str(p.get("message") or "")) * 1.1 / widths[4])
        ws.row_dimensions[row].height = max(15, 15 * lines + 2)
        colour = ERROR_FILL if p.get("severity") == ERROR_LABEL else WARNING_FILL
        ws.cell(row, 2).fill = PatternFill("solid", start_color=colour, end_color=colour)
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False
