"""Commune text that cannot fool the checks, on real commune workbooks consolidated into a
real master: invisible characters, texts longer than a cell, formulas without a value."""

import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ocop_xl.actions import run_action
from ocop_xl.domain.submissions import product_id
from ocop_xl.domain.text import is_blank
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.submissions import COMMUNE_TABLE, TEMPLATE_SHEET
from ocop_xl.workbook.libreoffice import convert

from .. import council_support as cs
from ..conftest import require_soffice

TODAY = date(2023, 11, 30)
# Characters that show nothing (and NBSP, a space): alone they are an empty cell.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u00a0"
NAMES = ["Cá rô đồng", "Rượu nếp", "Chổi chít", "Nước mắm", "Dưa lưới", "Trà sen", "Gạo", "Giò"]


def row(name, producer="HTX Ong mật Mẫu", **more):
    values = {
        "product_name": name,
        "group_code": "I.2.b",
        "producer": producer,
        "producer_type": "HTX",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912000101",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
        "support": "CBCL",
    }
    values.update(more)
    return values


def cell(key, row_number):
    return (
        f"{get_column_letter(COMMUNE_TABLE.first_col + COMMUNE_TABLE.keys.index(key))}{row_number}"
    )


def commune_file(folder, profile, code, rows):
    commune = profile.commune(code)
    path = folder / template_file_name(profile, commune)
    return write_filled(path, profile, criteria_set(profile.criteria_set), commune, rows, TODAY)


def rewrite_member(path, name, change):
    """Rewrite one member of a zip file (a sheet's XML) in place, keeping the others."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            target.writestr(info, change(data) if info.filename == name else data)


def sheet_xml_with(path, old: bytes, new: bytes):
    """Replace ``old`` by ``new`` in whichever part of the .xlsx holds it (the sheet's
    inline strings or the shared strings)."""
    with zipfile.ZipFile(path) as archive:
        part = next(n for n in archive.namelist() if old in archive.read(n))
    rewrite_member(path, part, lambda data: data.replace(old, new))


def consolidate(master, *sources):
    return run_action("consolidate", FileWorkbook.open(master), sources=list(sources))


def table(master, name):
    return FileWorkbook.open(master, writable=False).read_table(name)


@pytest.fixture
def communes(master):
    folder = master.parent / "communes"
    folder.mkdir()
    return folder


# -- invisible characters -------------------------------------------------------------------


def test_invisible_characters_alone_are_blank_and_inside_text_are_removed(master, tu_ky, communes):
    commune_file(
        communes,
        tu_ky,
        "ha-ky",
        [
            row(
                "Mật\u00ad ong\ufeff hoa\u200b nhãn\u180e",
                producer="\ufeffHTX\u00a0Ong mật\u2060 Mẫu",
            ),
            {key: INVISIBLE for key in row("x")},  # a row of nothing visible: blank
            row("\u200b"),  # a product name of a zero-width space only
            row("Bánh đa vừng", representative=" \u200c\u00a0\u2060", address="\u3164"),
            *[row(name, representative=ch) for name, ch in zip(NAMES, INVISIBLE, strict=True)],
        ],
    )

    result = consolidate(master, communes)

    found = sorted((i.code, i.location.cell or f"row {i.location.row}") for i in result.issues)
    assert found == sorted(
        [
            ("BLANK_ROWS", "row 6"),
            ("PRODUCT_NAME_MISSING", "C7"),
            ("REQUIRED_MISSING", cell("representative", 8)),
            ("REQUIRED_MISSING", cell("address", 8)),
            *[("REQUIRED_MISSING", cell("representative", 9 + i)) for i in range(len(INVISIBLE))],
        ]
    )
    name_missing = next(i for i in result.issues if i.code == "PRODUCT_NAME_MISSING")
    assert name_missing.message_vi.startswith("Ô C7: chưa nhập Tên sản phẩm")
    frame = table(master, "registrations")
    assert len(frame) == 2 + len(INVISIBLE)  # the blank row and the nameless row are out
    first = frame.iloc[0]
    assert (first["product_name"], first["producer"]) == ("Mật ong hoa nhãn", "HTX Ong mật Mẫu")
    assert first["product_id"] == product_id("ha-ky", "Mật ong hoa nhãn", "HTX Ong mật Mẫu")
    texts = [v for v in frame.to_numpy().ravel() if isinstance(v, str)]
    assert not any(ch in text for text in texts for ch in INVISIBLE + "\u3164")
    assert result.to_json()["files"][0]["rows"] == 3 + len(INVISIBLE)  # the blank row is not


def test_invisible_characters_alone_are_blank_in_the_masters_own_tables(master, tu_ky, communes):
    """A row the office typed into Đăng ký whose product ID and commune code hold only a
    zero-width space (pasted from a web page) gets both filled in like blank cells."""
    cs.set_products(
        master,
        [
            {
                "product_id": "\u200b",
                "commune_code": "\u00a0\u200b",
                "commune": "Hà Kỳ",
                "product_name": "Bánh đa nhập tay",
                "producer": "HTX Bánh đa Mẫu",
            }
        ],
    )
    commune_file(communes, tu_ky, "tan-ky", [row("Chè xanh", "HTX Chè Mẫu")])

    consolidate(master, communes)

    frame = table(master, "registrations").set_index("product_name")
    typed = frame.loc["Bánh đa nhập tay"]
    assert typed["commune_code"] == "ha-ky"
    assert typed["product_id"] == product_id("ha-ky", "Bánh đa nhập tay", "HTX Bánh đa Mẫu")


# -- texts longer than a cell ---------------------------------------------------------------


def test_a_text_longer_than_a_cell_is_an_error_and_its_row_still_consolidates(
    master, tu_ky, communes
):
    path = commune_file(
        communes,
        tu_ky,
        "ha-ky",
        [
            row("Mật ong", notes="@@NOTES@@"),
            row("Bánh đa", group_code="@@GROUP@@"),
            row("Chè xanh", "HTX Chè Mẫu"),
        ],
    )
    notes = "Ghi chú rất dài " + "ừ" * 40_000  # more than Excel, or openpyxl, can write
    sheet_xml_with(path, b"@@NOTES@@", notes.encode())
    sheet_xml_with(path, b"@@GROUP@@", ("I.9 " + "x" * 33_000).encode())

    result = consolidate(master, communes)

    found = sorted((i.code, i.location.cell) for i in result.issues)
    assert found == [
        ("GROUP_UNKNOWN", cell("group_code", 6)),
        ("TEXT_TOO_LONG", cell("group_code", 6)),
        ("TEXT_TOO_LONG", cell("notes", 5)),
    ]
    too_long = next(i for i in result.issues if i.location.cell == cell("notes", 5))
    assert too_long.is_error and too_long.location.file == f"communes/{path.name}"
    assert too_long.location.sheet == TEMPLATE_SHEET
    assert too_long.message_vi.startswith(f"Ô {cell('notes', 5)} (Ghi chú) dài {len(notes)} ký tự")
    assert "32767" in too_long.message_vi and "“…”" in too_long.message_vi
    unknown = next(i for i in result.issues if i.code == "GROUP_UNKNOWN")
    assert len(unknown.message_vi) < 400  # the message quotes the start of the value

    frame = table(master, "registrations").set_index("product_name")
    assert list(frame.index) == ["Mật ong", "Bánh đa", "Chè xanh"]  # every row is taken
    kept = frame.loc["Mật ong", "notes"]
    assert len(kept) == 32_767 and kept.endswith("…") and notes.startswith(kept[:-1])
    assert frame.loc["Bánh đa", "group_code"].endswith("…")
    assert frame.loc["Chè xanh", "producer"] == "HTX Chè Mẫu"
    checks = table(master, "issues")
    assert all(len(m) < 1000 for m in checks["message"])  # Kiểm tra holds every word


# -- formulas without a stored value --------------------------------------------------------


def test_a_formula_without_a_stored_value_is_reported_as_such(master, tu_ky, communes):
    path = commune_file(
        communes,
        tu_ky,
        "ha-ky",
        [
            row("thay bằng công thức"),
            row("Bánh đa", notes="thay bằng công thức"),
            row("thay bằng công thức có giá trị"),
            row("Giò lụa", representative="thay bằng công thức"),
            row("Chè xanh", "HTX Chè Mẫu"),
        ],
    )
    # Written by openpyxl, which does not calculate: formulas without a stored value.
    book = load_workbook(path)
    ws = book[TEMPLATE_SHEET]
    ws[cell("product_name", 5)] = '=B5&" - mật ong"'
    ws[cell("notes", 6)] = '=C6&" (ghi chú)"'
    ws[cell("product_name", 7)] = '=B7&" - vải"'
    ws[cell("representative", 8)] = "=H5"
    book.save(path)
    # ...and one of them with its value stored, as Excel or LibreOffice save it.
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'(<c r="C7"[^>]*?)>(<f>.*?</f>)<v\s*/>',
            rb'\1 t="str">\2<v>' + "Vải thiều".encode() + rb"</v>",
            xml,
        ),
    )
    before = path.read_bytes()

    result = consolidate(master, communes)

    found = sorted((i.code, i.location.cell) for i in result.issues)
    assert found == [
        ("FORMULA_NO_VALUE", cell("representative", 8)),
        ("FORMULA_NO_VALUE", cell("notes", 6)),
        ("PRODUCT_NAME_FORMULA_NO_VALUE", "C5"),
    ]
    by_cell = {i.location.cell: i for i in result.issues}
    assert by_cell["C5"].message_vi == (
        "Ô C5 (Tên sản phẩm) chứa công thức chưa có giá trị đã lưu (tệp được ghi bằng một "
        "chương trình không tính công thức) nên không đọc được tên sản phẩm; dòng này không "
        "được đưa vào danh sách: mở tệp bằng Excel, lưu lại rồi gửi lại."
    )
    assert by_cell["C5"].location.file == f"communes/{path.name}"
    rep = by_cell[cell("representative", 8)]
    assert rep.is_error and f"Ô {rep.location.cell} (Người đại diện)" in rep.message_vi
    assert "mở tệp bằng Excel, lưu lại rồi gửi lại" in rep.message_vi
    assert "formula whose value was never saved" in rep.message_en

    frame = table(master, "registrations").set_index("product_name")
    assert list(frame.index) == ["Bánh đa", "Vải thiều", "Giò lụa", "Chè xanh"]
    assert is_blank(frame.loc["Bánh đa", "notes"])  # read as blank, and said so
    report = result.to_json()["files"][0]
    assert (report["rows"], report["products"], report["errors"]) == (5, 4, 3)
    assert path.read_bytes() == before  # the source is only read


def test_rows_of_formulas_without_values_are_not_taken_for_blank_rows(master, tu_ky, communes):
    """A file whose every row was made by formulas nobody calculated: each row is reported
    at its product name, not passed over as blank ("no products")."""
    path = commune_file(communes, tu_ky, "ha-ky", [row("a"), row("b")])
    book = load_workbook(path)
    ws = book[TEMPLATE_SHEET]
    for r in (5, 6):
        for key in row("x"):
            ws[cell(key, r)] = f"=Z{r}"
    book.save(path)

    result = consolidate(master, communes)

    codes = {(i.code, i.location.cell) for i in result.issues}
    assert ("PRODUCT_NAME_FORMULA_NO_VALUE", "C5") in codes
    assert ("PRODUCT_NAME_FORMULA_NO_VALUE", "C6") in codes
    assert {c for c, _ in codes} == {"PRODUCT_NAME_FORMULA_NO_VALUE", "FORMULA_NO_VALUE"}
    assert len(codes) == 2 * len(row("x"))  # every cell, once
    assert result.to_json()["files"][0]["rows"] == 2


def test_an_ods_formula_without_a_stored_value_is_reported(master, tu_ky, communes, tmp_path):
    require_soffice()
    source = commune_file(tmp_path, tu_ky, "ha-ky", [row("a"), row("b"), row("Chè xanh")])
    book = load_workbook(source)
    ws = book[TEMPLATE_SHEET]
    ws["C5"] = '=B5&" - mật ong"'
    ws["C6"] = '=B6&" - bánh đa"'
    book.save(source)
    ods = convert(source, "ods", communes)  # LibreOffice calculates and stores both values

    def drop_value(xml: bytes) -> bytes:  # C6 as a program that does not calculate writes it
        shown = re.escape("Hà Kỳ - bánh đa".encode())
        changed, count = re.subn(
            rb'<table:table-cell([^>]*?) table:formula="([^"]*)"[^>]*><text:p>'
            + shown
            + rb"</text:p></table:table-cell>",
            rb'<table:table-cell\1 table:formula="\2"/>',
            xml,
        )
        assert count == 1
        return changed

    rewrite_member(ods, "content.xml", drop_value)

    result = consolidate(master, communes)

    assert [(i.code, i.location.cell) for i in result.issues] == [
        ("PRODUCT_NAME_FORMULA_NO_VALUE", "C6")
    ]
    frame = table(master, "registrations")
    assert list(frame["product_name"]) == ["Hà Kỳ - mật ong", "Chè xanh"]


def test_a_file_without_blank_findings_is_not_looked_at_again(master, tu_ky, communes, monkeypatch):
    commune_file(communes, tu_ky, "ha-ky", [row("Mật ong"), row("Bánh đa", phone="12")])
    monkeypatch.setattr(
        "ocop_xl.workbook.commune_reader.unsaved_formula_cells",
        lambda *a: pytest.fail("no blank cell led to a finding: no need to look for formulas"),
    )
    result = consolidate(master, communes)
    assert [i.code for i in result.issues] == ["PHONE_FORMAT"]
