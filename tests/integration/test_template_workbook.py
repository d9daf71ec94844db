"""The commune template: what a commune receives, checked on the written file."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.submissions.vocab import KINDS, PRODUCER_TYPES, TEMPLATE_ID
from ocop_xl.workbook.commune_template import fill_rows
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE,
    GUIDE_SHEET,
    LISTS_SHEET,
    META_SHEET,
    TEMPLATE_SHEET,
)


def make(master, out, commune=None):
    return run_action("template", FileWorkbook.open(master), out=out, commune=commune)


def test_one_file_per_commune_named_without_diacritics(master, tu_ky, tmp_path):
    result = make(master, tmp_path / "mau")
    names = sorted(p.name for p in (tmp_path / "mau").iterdir())
    assert len(names) == len(tu_ky.communes) == result.counts["templates"] == 23
    assert "dang-ky-ocop-2023-ha-ky.xlsx" in names
    assert "dang-ky-ocop-2023-quang-nghiep.xlsx" in names  # Quảng Nghiệp


def test_the_registration_sheet_has_a_table_dropdowns_and_input_messages(master, tmp_path):
    make(master, tmp_path / "mau", commune="Hà Kỳ")
    (path,) = (tmp_path / "mau").glob("*.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [TEMPLATE_SHEET, GUIDE_SHEET, LISTS_SHEET, META_SHEET]
    ws = book[TEMPLATE_SHEET]
    table = ws.tables[COMMUNE_TABLE.table]
    assert table.ref.startswith("A4:P")
    assert [ws.cell(4, c).value for c in range(1, 17)] == [c.header for c in COMMUNE_TABLE.columns]
    assert ws["B5"].value == "Hà Kỳ" and ws["A5"].value == 1  # pre-filled STT and commune

    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert len(validations) == len(COMMUNE_TABLE.columns)
    assert all(dv.showInputMessage and dv.prompt for dv in validations.values())
    lists = {
        COMMUNE_TABLE.columns[ord(cell[0]) - 65].key: dv.formula1
        for cell, dv in validations.items()
        if dv.type == "list"
    }
    assert set(lists) == {"group_code", "producer_type", "kind", "current_stars", "support"}

    def values(formula):
        name = formula.lstrip("=")
        sheet, ref = next(iter(book.defined_names[name].destinations))
        return [c.value for (c,) in book[sheet][ref.replace("$", "")]]

    assert values(lists["producer_type"]) == list(PRODUCER_TYPES)
    assert values(lists["kind"]) == list(KINDS)
    assert values(lists["current_stars"]) == [3, 4, 5]
    groups = values(lists["group_code"])
    assert "I.3.b - Chế biến từ gạo, ngũ cốc" in groups and not any(
        g.startswith("I.3 ") for g in groups
    )
    support = values(lists["support"])
    assert "CBCL - Hồ sơ công bố chất lượng (gồm phân tích chất lượng)" in support
    assert not any(s.startswith("LOGO") for s in support)  # plan-wide, not per product
    assert ws.column_dimensions["I"].number_format == "@"  # phone keeps its leading 0


def test_metadata_sheet_is_hidden_and_protected(master, tmp_path):
    make(master, tmp_path / "mau", commune="tan-ky")
    book = load_workbook(next((tmp_path / "mau").glob("*.xlsx")))
    meta = book[META_SHEET]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    values = {r[0]: r[1] for r in meta.iter_rows(min_row=2, values_only=True)}
    assert values["template_id"] == TEMPLATE_ID and values["template_version"] == "1"
    assert (values["profile_id"], values["year"], values["commune_code"]) == (
        "tu-ky-2023",
        "2023",
        "tan-ky",
    )
    assert book[LISTS_SHEET].protection.sheet
    guide = [c for (c,) in book[GUIDE_SHEET].iter_rows(max_col=1, values_only=True) if c]
    assert any("I.3.b" in str(c) for c in guide)


def test_an_unknown_commune_is_refused(master, tmp_path):
    with pytest.raises(OcopError) as info:
        make(master, tmp_path, commune="xa-khong-co")
    assert info.value.code == "COMMUNE_NOT_IN_PLAN" and "ha-ky" in info.value.message_vi


def test_a_filled_file_is_never_overwritten_but_a_blank_one_is(master, tmp_path):
    make(master, tmp_path, commune="ha-ky")
    path = tmp_path / "dang-ky-ocop-2023-ha-ky.xlsx"
    book = load_workbook(path)
    fill_rows(book[TEMPLATE_SHEET], [{"product_name": "Mật ong"}])
    book.save(path)
    filled = path.read_bytes()
    result = make(master, tmp_path, commune="ha-ky")
    assert [i.code for i in result.issues] == ["TEMPLATE_KEPT_FILLED"]
    assert path.read_bytes() == filled
    path.unlink()
    make(master, tmp_path, commune="ha-ky")
    blank = path.stat().st_mtime_ns
    result = make(master, tmp_path, commune="ha-ky")
    assert result.issues == [] and path.stat().st_mtime_ns >= blank


def test_a_blank_template_consolidates_to_no_products(master, tmp_path):
    make(master, tmp_path / "mau", commune="ha-ky")
    result = run_action("consolidate", FileWorkbook.open(master), sources=[tmp_path / "mau"])
    assert [i.code for i in result.issues] == ["FILE_NO_PRODUCTS"]
    assert result.counts["products"] == 0


def test_the_template_follows_the_master_profile(tmp_path, tiny):
    from ocop_xl.actions.new_master import create_master

    master = tmp_path / "m.xlsx"
    create_master(tiny, master)
    make(master, tmp_path / "mau")
    names = sorted(p.name for p in Path(tmp_path / "mau").iterdir())
    assert names == ["dang-ky-ocop-2030-hai.xlsx", "dang-ky-ocop-2030-mot.xlsx"]
    book = load_workbook(tmp_path / "mau" / "dang-ky-ocop-2030-hai.xlsx")
    assert book[TEMPLATE_SHEET]["A2"].value.startswith("Phường Hai, huyện Thử Nghiệm")
    lists = [
        c
        for (c,) in book[LISTS_SHEET].iter_rows(min_row=2, min_col=5, max_col=5, values_only=True)
        if c
    ]
    assert lists == ["I1 - Hỗ trợ một"]
