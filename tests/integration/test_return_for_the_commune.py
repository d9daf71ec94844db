"""The copy sent back to a commune speaks to the commune (issue 14, point 12): no district
folder or internal product ID, only the support items a commune may request, a run of one
blank row said as one row, and every message fitting its cell and its comment."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.workbook import folders
from ocop_xl.workbook.layout.submissions import RETURN_SHEET, TEMPLATE_SHEET

PRODUCT_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)*-[0-9A-F]{8,12}\b")
DISTRICT_FOLDERS = {f.name + "/" for f in vars(folders).values() if isinstance(f, folders.Folder)}


def _returned(demo_folder: Path) -> Path:
    return sorted((demo_folder / folders.RETURNS.name).glob("*.xlsx"))[0]


def _texts(path: Path) -> tuple[list[str], list[str]]:
    book = load_workbook(path)
    listed = [str(r[4]) for r in book[RETURN_SHEET].iter_rows(min_row=6, values_only=True) if r[4]]
    comments = [
        c.comment.text for row in book[TEMPLATE_SHEET].iter_rows() for c in row if c.comment
    ]
    return listed, comments


def test_no_district_path_and_no_internal_id(demo_folder):
    listed, comments = _texts(_returned(demo_folder))
    assert listed and comments
    assert DISTRICT_FOLDERS  # ho-so-xa/, mau-xa/, …
    for text in [*listed, *comments]:
        assert not any(folder in text for folder in DISTRICT_FOLDERS), text
        assert not PRODUCT_ID.search(text), text
    duplicate = next(t for t in listed if "trùng với" in t)
    assert "trùng với dòng 8 trong cùng tệp" in duplicate


def test_only_the_items_a_commune_may_request_are_offered(demo_folder):
    listed, _ = _texts(_returned(demo_folder))
    support = next(t for t in listed if "không có trong Danh mục hỗ trợ" in t)
    said = support.split("các mã:")[1]
    assert "CBCL" in said and "BAOBI" in said
    for plan_wide in ("LOGO", "TAPHUAN", "THAMQUAN", "DIEMBAN", "TRUYENTHONG"):
        assert plan_wide not in said, plan_wide


def test_one_blank_row_is_said_as_one_row(demo_folder):
    listed, _ = _texts(_returned(demo_folder))
    blank = next(t for t in listed if "để trống giữa bảng" in t)
    assert blank.startswith("Dòng 7 để trống giữa bảng"), blank


def test_messages_fit_their_cells_and_comments(demo_folder):
    book = load_workbook(_returned(demo_folder))
    ws = book[RETURN_SHEET]
    width = ws.column_dimensions["E"].width
    for row in ws.iter_rows(min_row=6):
        text = row[4].value
        if not text:
            continue
        assert row[4].alignment.wrap_text
        lines = math.ceil(len(str(text)) * 1.1 / width)
        height = ws.row_dimensions[row[0].row].height
        assert height is not None and height >= 15 * lines, (row[0].row, height, lines)
    assert ws["A3"].alignment.wrap_text  # the guide line wraps inside the sheet's width
    # comment boxes (openpyxl does not read their size back: from the file's VML drawing)
    form = book[TEMPLATE_SHEET]
    with zipfile.ZipFile(_returned(demo_folder)) as archive:
        vml = next(archive.read(n).decode() for n in archive.namelist() if n.endswith(".vml"))
    shapes = [m.group(0) for m in re.finditer(r"<(\w+):shape .*?</\1:shape>", vml, re.S)]
    assert len(shapes) == sum(1 for row in form.iter_rows() for c in row if c.comment)
    for shape in shapes:
        height = int(re.search(r"height:(\d+)px", shape).group(1))
        row = int(re.search(r"<\w+:Row>(\d+)</\w+:Row>", shape).group(1)) + 1
        col = int(re.search(r"<\w+:Column>(\d+)</\w+:Column>", shape).group(1)) + 1
        text = form.cell(row, col).comment.text
        lines = sum(math.ceil(max(len(t), 1) / 40) for t in text.split("\n"))
        assert height >= 16 * lines, (row, col, height, lines)
