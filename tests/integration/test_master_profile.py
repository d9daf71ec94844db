"""new-master writes the profile into the workbook; the workbook is then the source of truth."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.issues import ConfigError, OcopError
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.profile_sheets import collect_profile, read_profile


def _read(path: Path):
    return read_profile(FileWorkbook.open(path, writable=False))


def _setting_cell(ws, key: str) -> str:
    for row in ws.iter_rows(min_row=2):
        if row[3].value == key:
            return row[1].coordinate
    raise KeyError(key)


def test_profile_round_trips_through_the_master(master, tu_ky):
    assert _read(master) == tu_ky


def test_tiny_profile_round_trips_and_nothing_of_tu_ky_leaks(tmp_path, tiny):
    path = tmp_path / "tiny.xlsx"
    create_master(tiny, path)
    assert _read(path) == tiny
    book = load_workbook(path)
    text = " ".join(
        str(v)
        for ws in book
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    assert "Tứ Kỳ" not in text and "Hải Dương" not in text
    assert "Thử Nghiệm" in text


def test_every_sheet_of_the_layout_is_there_in_order(master):
    book = load_workbook(master)
    assert book.sheetnames == MASTER.sheet_order
    for spec in MASTER.tables():
        ws = book[spec.sheet]
        assert spec.table in ws.tables, spec.name
        first, row = spec.first_col, spec.header_row  # tables may share a sheet (anchor)
        header = [ws.cell(row, first + i).value for i in range(len(spec.columns))]
        assert header == [c.header for c in spec.columns]
    communes = book["Danh mục xã"]
    assert communes.freeze_panes == "A2"
    assert communes.tables["tblDanhMucXa"].ref == "A1:D24"
    kinds = [dv for dv in communes.data_validations.dataValidation if dv.type == "list"]
    assert kinds and kinds[0].formula1 == '"Xã,Thị trấn,Phường"'
    money = book["Nguồn vốn"]["C2"]
    assert money.number_format == "[$-42A]#,##0" and money.value == 500000000


def test_staff_edit_in_a_configuration_sheet_is_read_back(master):
    book = load_workbook(master)
    ws = book["Cấu hình"]
    ws[_setting_cell(ws, "spread_limit")] = 12
    ws[_setting_cell(ws, "criteria_set")] = "qd-1048-2019"
    book["Danh mục xã"]["B24"] = "Hà  Thanh mới"  # double space: cleaned on reading
    book["Nguồn vốn"]["C2"] = "750.000.000"  # typed as text, the Vietnamese way
    book.save(master)
    profile = _read(master)
    assert profile.council.spread_limit == 12
    assert profile.criteria_set == "qd-1048-2019"
    assert profile.communes[-1].name == "Hà Thanh mới"
    assert profile.funding_sources[0].available == 750_000_000


def test_broken_cell_names_sheet_and_cell(master):
    book = load_workbook(master)
    ws = book["Cấu hình"]
    cell = _setting_cell(ws, "year")
    ws[cell] = "hai nghìn"
    book.save(master)
    with pytest.raises(ConfigError) as info:
        _read(master)
    assert info.value.issue.location.sheet == "Cấu hình"
    assert info.value.issue.location.cell == cell
    assert info.value.message_vi == (
        f"Giá trị “hai nghìn” ở ô {cell} trang “Cấu hình” không hợp lệ: phải là một số."
    )


def test_every_broken_cell_is_found_in_one_pass(master):
    book = load_workbook(master)
    book["Nhiệm vụ"]["D2"] = "PHONG_LA"  # lead not in Phòng ban
    book["Danh mục xã"]["A3"] = book["Danh mục xã"]["A2"].value  # duplicate code
    book["Nguồn vốn"]["C3"] = -5
    book["Danh mục hỗ trợ"]["E2"] = "NSH, KHONGCO"
    book.save(master)
    profile, issues = collect_profile(FileWorkbook.open(master, writable=False))
    assert profile is None
    found = {(i.code, i.location.sheet, i.location.cell) for i in issues}
    assert found == {
        ("CONFIG_UNKNOWN_REFERENCE", "Nhiệm vụ", "D2"),
        ("CONFIG_DUPLICATE_CODE", "Danh mục xã", "A3"),
        ("CONFIG_VALUE_INVALID", "Nguồn vốn", "C3"),
        ("CONFIG_UNKNOWN_REFERENCE", "Danh mục hỗ trợ", "E2"),
    }


def test_unknown_criteria_set_lists_the_known_ones(master):
    book = load_workbook(master)
    ws = book["Cấu hình"]
    ws[_setting_cell(ws, "criteria_set")] = "qd-999"
    book.save(master)
    with pytest.raises(ConfigError) as info:
        _read(master)
    assert info.value.code == "CRITERIA_SET_UNKNOWN"
    assert "QĐ 148/QĐ-TTg" in info.value.message_vi  # by the name Cấu hình shows


def test_missing_configuration_sheet_and_column(master):
    book = load_workbook(master)
    del book["Phòng ban"]
    book["Danh mục xã"]["B1"] = "Tên gọi khác"
    book.save(master)
    wb = FileWorkbook.open(master, writable=False)
    with pytest.raises(OcopError) as info:
        read_profile(wb)
    assert info.value.code in {"SHEET_MISSING", "COLUMN_MISSING"}
    with pytest.raises(OcopError) as sheet_info:
        wb.read_table("departments")
    assert sheet_info.value.code == "SHEET_MISSING"
    assert "Phòng ban" in sheet_info.value.message_vi
    with pytest.raises(OcopError) as col_info:
        wb.read_table("communes")
    assert col_info.value.code == "COLUMN_MISSING"
    assert "Tên xã, thị trấn" in col_info.value.message_vi


def test_headers_match_without_accents(master):
    book = load_workbook(master)
    book["Danh mục xã"]["B1"] = "TEN XA, THI TRAN"
    book.save(master)
    frame = FileWorkbook.open(master, writable=False).read_table("communes")
    assert frame["name"].iloc[0] == "Tứ Kỳ"


def test_new_master_refuses_to_overwrite_without_force(master, tu_ky):
    with pytest.raises(OcopError) as info:
        create_master(tu_ky, master)
    assert info.value.code == "OUTPUT_EXISTS"
    create_master(tu_ky, master, force=True)
    assert list((master.parent / "sao-luu").glob("ocop_master-*.xlsx"))
