"""Returns: annotated copies for the communes with problems; originals never touched."""

import hashlib
from datetime import date

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.checks import ERROR_FILL, WARNING_FILL
from ocop_xl.workbook.layout.submissions import RETURN_SHEET, TEMPLATE_SHEET
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice

TODAY = date.today()


def row(name, **more):
    values = {
        "product_name": name,
        "group_code": "I.3.b",
        "producer": "HTX Mẫu",
        "producer_type": "HTX",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912000101",
        "address": "Thôn Nhất",
        "kind": "ý tưởng mới",
    }
    values.update(more)
    return values


def filled(folder, profile, code, rows):
    commune = profile.commune(code)
    path = folder / template_file_name(profile, commune)
    return write_filled(path, profile, criteria_set(profile.criteria_set), commune, rows, TODAY)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def communes(master):
    path = master.parent / "communes"
    path.mkdir()
    return path


def test_returned_copy_marks_every_problem_cell(master, tu_ky, communes, tmp_path):
    faulty = filled(
        communes,
        tu_ky,
        "dai-son",
        [row("Giò lụa", phone="12345", tax_id="99"), row("Chè", producer_type="hợp tác")],
    )
    filled(communes, tu_ky, "ha-ky", [row("Mật ong")])
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    before = sha(faulty)
    out = tmp_path / "tra-lai"

    result = run_action("returns", FileWorkbook.open(master), out=out)

    assert sha(faulty) == before
    assert [p.name for p in out.iterdir()] == ["dang-ky-ocop-2023-dai-son-can-sua.xlsx"]
    book = load_workbook(out / "dang-ky-ocop-2023-dai-son-can-sua.xlsx")
    assert book.sheetnames[0] == RETURN_SHEET and book.active.title == RETURN_SHEET
    ws = book[TEMPLATE_SHEET]
    for cell in ("I5", "G5", "F6"):
        assert ws[cell].fill.start_color.rgb.endswith(ERROR_FILL), cell
        assert ws[cell].comment is not None
    assert "12345" in ws["I5"].comment.text and "10 chữ số" in ws["I5"].comment.text
    assert ws["C5"].comment is None and ws["C5"].fill.fill_type is None
    listing = [r for r in book[RETURN_SHEET].iter_rows(min_row=6, values_only=True) if r[0]]
    assert len(listing) == 3
    assert {r[3] for r in listing} == {"I5", "G5", "F6"} and {r[1] for r in listing} == {"Lỗi"}
    assert ws.tables["tblDangKySanPham"] is not None  # the commune's table is still there
    assert result.all_counts() == {"returned": 1, "not_returned": 0, "errors": 0, "warnings": 0}


def test_a_corrected_returned_copy_consolidates(master, tu_ky, communes, tmp_path):
    faulty = filled(communes, tu_ky, "dai-son", [row("Giò lụa", phone="12345")])
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    out = tmp_path / "tra-lai"
    run_action("returns", FileWorkbook.open(master), out=out)
    copy = out / "dang-ky-ocop-2023-dai-son-can-sua.xlsx"
    book = load_workbook(copy)
    book[TEMPLATE_SHEET]["I5"] = "0912 345 678"  # the commune fixes the cell
    book.save(copy)
    faulty.unlink()
    result = run_action("consolidate", FileWorkbook.open(master), sources=[copy])
    assert result.issues == [] and result.counts["products"] == 1


def test_warnings_are_yellow_and_unreadable_files_are_not_returned(
    master, tu_ky, communes, tmp_path
):
    filled(communes, tu_ky, "ha-ky", [row("Mật ong", current_stars=3)])  # a warning only
    (communes / "hong.xlsx").write_bytes(b"garbage")
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    result = run_action("returns", FileWorkbook.open(master), out=tmp_path / "tra-lai")
    assert result.data["not_returned"] == [
        {"file": "communes/hong.xlsx", "reason": "FILE_NOT_SPREADSHEET"}
    ]
    book = load_workbook(tmp_path / "tra-lai" / "dang-ky-ocop-2023-ha-ky-can-sua.xlsx")
    assert book[TEMPLATE_SHEET]["L5"].fill.start_color.rgb.endswith(WARNING_FILL)


def test_a_file_changed_since_consolidation_is_not_returned(master, tu_ky, communes, tmp_path):
    faulty = filled(communes, tu_ky, "dai-son", [row("Giò lụa", phone="12345")])
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    book = load_workbook(faulty)
    book[TEMPLATE_SHEET]["I5"] = "0912345678"
    book.save(faulty)
    result = run_action("returns", FileWorkbook.open(master), out=tmp_path / "tra-lai")
    assert [i.code for i in result.issues] == ["RETURN_SOURCE_CHANGED"]
    assert not (tmp_path / "tra-lai").exists() or not list((tmp_path / "tra-lai").iterdir())
    checks = FileWorkbook.open(master, writable=False).read_table("issues")
    assert "RETURN_SOURCE_CHANGED" in set(checks["code"])


def test_an_ods_file_is_returned_as_xlsx_through_libreoffice(master, tu_ky, communes, tmp_path):
    require_soffice()
    source = filled(tmp_path, tu_ky, "dai-son", [row("Giò lụa", phone="12345")])
    ods = convert(source, "ods", communes)
    before = sha(ods)
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    run_action("returns", FileWorkbook.open(master), out=tmp_path / "tra-lai")
    assert sha(ods) == before
    book = load_workbook(tmp_path / "tra-lai" / "dang-ky-ocop-2023-dai-son-can-sua.xlsx")
    ws = book[TEMPLATE_SHEET]
    assert ws["C5"].value == "Giò lụa"
    assert ws["I5"].fill.start_color.rgb.endswith(ERROR_FILL) and ws["I5"].comment


def test_received_files_sheet_lists_each_file_and_follows_re_consolidation(master, tu_ky, communes):
    ha_ky = filled(communes, tu_ky, "ha-ky", [row("Mật ong"), row("Chè xanh")])
    dai_son = filled(communes, tu_ky, "dai-son", [row("Giò lụa", phone="12345")])
    (communes / "hong.xlsx").write_bytes(b"garbage")
    run_action("consolidate", FileWorkbook.open(master), sources=[communes])
    received = FileWorkbook.open(master, writable=False).read_table("received_files")
    by_file = {rec["file"]: rec for rec in received.to_dict("records")}
    assert set(by_file) == {
        "communes/" + ha_ky.name,
        "communes/" + dai_son.name,
        "communes/hong.xlsx",
    }
    assert by_file["communes/" + ha_ky.name]["products"] == 2
    assert by_file["communes/" + ha_ky.name]["sha256"] == sha(ha_ky)
    assert by_file["communes/" + dai_son.name]["errors"] >= 1
    assert by_file["communes/hong.xlsx"]["status"] == "Không dùng được"
    assert received.attrs["sheet"] == "Hồ sơ đã nhận"

    # Only Hà Kỳ comes again: its row is replaced, Đại Sơn's stays.
    filled(communes, tu_ky, "ha-ky", [row("Mật ong")])
    run_action("consolidate", FileWorkbook.open(master), sources=[ha_ky])
    received = FileWorkbook.open(master, writable=False).read_table("received_files")
    by_file = {rec["file"]: rec for rec in received.to_dict("records")}
    assert by_file["communes/" + ha_ky.name]["products"] == 1
    assert by_file["communes/" + ha_ky.name]["sha256"] == sha(ha_ky)
    assert "communes/" + dai_son.name in by_file
