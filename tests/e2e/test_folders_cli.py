"""One set of folder names: a command given no --out (or no source) works in the same
folder beside the master as its ribbon button, and the ribbon's routes are those folders."""

import json
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.excel.dispatch import ROUTES
from ocop_xl.workbook import folders
from ocop_xl.workbook.commune_template import fill_rows
from ocop_xl.workbook.layout.submissions import TEMPLATE_SHEET
from ocop_xl.workbook.xlsm import custom_ui
from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons

from ..cli_support import ocop_in_process
from ..council_support import product, set_council, set_products

ROOT = Path(__file__).parents[2]


def ocop(*args, check=True):
    done = ocop_in_process(*args, cwd=ROOT)
    if check and done.returncode != 0:
        raise AssertionError(done.stdout + done.stderr)
    return done


def test_ribbon_routes_are_the_declared_folders():
    routed = {(tag, name, "out") for tag, r in ROUTES.items() for name in r.outputs.values()} | {
        (tag, name, "in") for tag, r in ROUTES.items() for name in r.inputs.values()
    }
    declared = {(f.action, f.name, f.direction) for f in folders.FOLDERS if f.action}
    assert routed == declared
    tags = {b.tag for b in ribbon_buttons(custom_ui())}
    assert {f.action for f in folders.FOLDERS if f.action} <= tags
    assert all(f.name.isascii() and f.name == f.name.lower() for f in folders.FOLDERS)


def test_commands_without_out_use_the_folders_beside_the_master(tmp_path):
    office = tmp_path / "van-phong"
    office.mkdir()
    master = office / "ocop_master.xlsx"
    ocop("new-master", "--out", master)
    ocop("template", "--workbook", master, "--commune", "ha-ky")
    template = office / "mau-xa" / "dang-ky-ocop-2023-ha-ky.xlsx"
    assert template.is_file()

    done = ocop("consolidate", "--workbook", master, check=False)  # ho-so-xa not there yet
    assert "ho-so-xa" in done.stdout and "SOURCE_NOT_FOUND" in done.stdout

    book = load_workbook(template)
    row = {
        "product_name": "Mật ong hoa nhãn",
        "group_code": "I.2.b",
        "producer": "HTX Ong Mẫu",
        "producer_type": "htx",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912",  # wrong: the returns get a copy
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
    }
    fill_rows(book[TEMPLATE_SHEET], [row])
    (office / "ho-so-xa").mkdir()
    book.save(office / "ho-so-xa" / template.name)
    done = ocop("consolidate", "--workbook", master)
    assert "PHONE_FORMAT" in done.stdout
    ocop("returns", "--workbook", master)
    assert [p.name for p in (office / "tra-loi-xa").iterdir()] == [
        "dang-ky-ocop-2023-ha-ky-can-sua.xlsx"
    ]
    ocop("tasks", "--workbook", master)
    assert len(list((office / "phan-cong").glob("phan-cong-*.xlsx"))) == 8
    ocop("report", "--workbook", master)
    assert list((office / "bao-cao").glob("*.xlsx"))
    written = {p.name for p in office.iterdir() if p.is_dir()}
    assert written <= folders.NAMES
    assert {"mau-xa", "ho-so-xa", "tra-loi-xa", "phan-cong", "bao-cao"} <= written


def test_score_commands_default_to_the_council_folders(master, tmp_path):
    set_products(master, [product("TK-001"), product("TK-002")])
    set_council(master)
    ocop("score-sheets", "--workbook", master)
    sheets = sorted((tmp_path / "phieu-cham").glob("*.xlsx"))
    assert len(sheets) == 4  # the four scoring members present

    report = tmp_path / "ket-qua.json"
    ocop("score", "--workbook", master, "--report", report)  # no phieu-da-cham yet
    assert json.loads(report.read_text(encoding="utf-8"))["files"] == []

    path = sheets[0]
    book = load_workbook(path)
    ws = book["Phiếu chấm điểm"]
    ws["E7"], ws["F7"], ws["G7"] = 33, 20, 27
    (tmp_path / "phieu-da-cham").mkdir()
    book.save(tmp_path / "phieu-da-cham" / path.name)
    ocop("score", "--workbook", master, "--report", report)
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert [f["file"] for f in files] == [path.name]
