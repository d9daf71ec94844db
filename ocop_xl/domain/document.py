"""A printable document (biên bản, dự toán, danh sách, phụ lục) described as plain data.

Actions build a ``Document``; the workbook adapters render it on a sheet with the national
header, A4 page setup, Times New Roman, repeated header rows and page numbers. One renderer
serves every document, so they all look alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ColumnKind = Literal["text", "int", "money", "decimal", "date", "center"]


@dataclass(frozen=True)
class DocColumn:
    header: str
    width: float = 14
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Signature:
    """One signature block: 'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH' / (blank) / name."""

    title_lines: tuple[str, ...]
    name: str = ""  # blank: a dotted line, for the signer's name written by hand


@dataclass(frozen=True)
class Document:
    title: str
    issuing_body: tuple[str, ...]  # left header lines, upper case: ("UBND HUYỆN TỨ KỲ", ...)
    place_date: str
    columns: tuple[DocColumn, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    subtitle: str = ""
    number_line: str = ""  # "Số:      /BB-HĐ"
    before: tuple[str, ...] = ()  # paragraphs between the title and the table
    after: tuple[str, ...] = ()  # paragraphs after the table
    total_row: tuple[Any, ...] | None = None
    signatures: tuple[Signature, ...] = ()
    landscape: bool = False
    group_rows: frozenset[int] = frozenset()  # indexes of rows printed bold (section rows)
    # (cell text, RGB) pairs: body cells holding exactly that text get that background, as
    # the "CT" / "PH" marks of the task annex.
    fills: tuple[tuple[str, str], ...] = ()
    # Open errors (Kiểm tra) in the data the document is made from: above 0 it is a draft,
    # marked above its title and in the page header of every page (``draft_note``).
    draft_errors: int = 0
    # "Nơi nhận:" at the foot, left of the signature (Nghị định 30/2020/NĐ-CP): one line
    # each, as printed ("- Ủy ban nhân dân huyện (để báo cáo);", "- Lưu: VT.").
    recipients: tuple[str, ...] = ()


BLANK_NAME = "……………………………"


def draft_note(errors: int) -> str:
    """The draft mark above a document's title."""
    return f"{draft_header(errors)} (xem trang Kiểm tra), cần sửa trước khi trình ký."


def draft_header(errors: int) -> str:
    """The draft mark in the page header, on every printed page."""
    return f"DỰ THẢO: số liệu còn {errors} lỗi"
