"""The three commands as an office user runs them, and the demo's sample communes."""

import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.demo.context import DemoContext
from ocop_xl.demo.submissions import FAULTY
from ocop_xl.workbook.commune_template import fill_rows
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.folders import NAMES
from ocop_xl.workbook.layout.submissions import TEMPLATE_SHEET

from ..cli_support import ocop_in_process

ROOT = Path(__file__).parents[2]


def ocop(*args, check=True):
    done = ocop_in_process(*args, cwd=ROOT)
    if check and done.returncode != 0:
        raise AssertionError(done.stdout + done.stderr)
    return done


def test_template_consolidate_returns_on_the_command_line(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    ocop("new-master", "--out", master)
    ocop("template", "--workbook", master, "--out", tmp_path / "mau", "--commune", "ha-ky")
    template = tmp_path / "mau" / "dang-ky-ocop-2023-ha-ky.xlsx"
    book = load_workbook(template)
    base = {
        "group_code": "I.2.b",
        "producer": "HTX Ong Mẫu",
        "producer_type": "htx",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
    }
    fill_rows(
        book[TEMPLATE_SHEET],
        [
            {**base, "product_name": "Mật ong hoa nhãn", "phone": "0912 000 101"},
            {**base, "product_name": "Sáp ong", "phone": "0912"},
        ],
    )
    communes = tmp_path / "nhan-ve"
    communes.mkdir()
    book.save(communes / template.name)

    report = tmp_path / "bao-cao.json"
    done = ocop(
        "consolidate", "--workbook", master, "--report", report, "--strict", communes, check=False
    )
    assert done.returncode == 1  # --strict and an error was found
    assert "PHONE_FORMAT" in done.stdout and "Tổng số sản phẩm" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["action"] == "consolidate" and data["ok"] is False
    assert data["counts"]["errors"] == 1 and data["counts"]["products"] == 2
    (issue,) = data["issues"]
    assert issue.keys() == {
        "code",
        "severity",
        "file",
        "sheet",
        "cell",
        "row",
        "column",
        "field",
        "message_vi",
        "message_en",
    }
    assert (issue["cell"], issue["column"], issue["field"]) == ("I6", "I", "phone")
    (entry,) = data["files"]
    assert entry["commune"] == "ha-ky" and entry["rows"] == 2 and len(entry["sha256"]) == 64
    assert {p["name"] for p in data["products"]} == {"Mật ong hoa nhãn", "Sáp ong"}

    ocop("consolidate", "--workbook", master, communes)  # without --strict: exit 0
    ocop("returns", "--workbook", master, "--out", tmp_path / "tra-lai")
    assert [p.name for p in (tmp_path / "tra-lai").iterdir()] == [
        "dang-ky-ocop-2023-ha-ky-can-sua.xlsx"
    ]


def test_consolidate_sees_through_invisible_text_long_text_and_unsaved_formulas(tmp_path):
    """A commune file with a name of invisible characters, a name made by a formula whose
    value was never saved (written by openpyxl) and a note longer than a cell holds."""
    master = tmp_path / "tong-hop.xlsx"
    ocop("new-master", "--out", master)
    ocop("template", "--workbook", master, "--out", tmp_path / "mau", "--commune", "ha-ky")
    template = tmp_path / "mau" / "dang-ky-ocop-2023-ha-ky.xlsx"
    base = {
        "group_code": "I.2.b",
        "producer": "HTX Ong Mẫu",
        "producer_type": "HTX",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912000101",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
    }
    book = load_workbook(template)
    ws = book[TEMPLATE_SHEET]
    fill_rows(
        ws,
        [
            {**base, "product_name": "\u200b\u00a0\ufeff"},
            {**base, "product_name": "(công thức)"},
            {**base, "product_name": "Mật ong\u200b hoa nhãn", "notes": "@@GHI-CHU@@"},
            {**base, "product_name": "Sáp ong"},
        ],
    )
    ws["C6"] = '=B6&" - bánh đa"'
    communes = tmp_path / "nhan-ve"
    communes.mkdir()
    book.save(communes / template.name)
    sent = communes / template.name
    note = "Ghi chú" + " rất dài" * 5000  # 40,007 characters: more than a cell holds
    with zipfile.ZipFile(sent) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    with zipfile.ZipFile(sent, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.replace(b"@@GHI-CHU@@", note.encode()))

    report = tmp_path / "bao-cao.json"
    done = ocop(
        "consolidate", "--workbook", master, "--report", report, "--strict", communes, check=False
    )

    assert done.returncode == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    found = {i["cell"]: (i["code"], i["message_vi"]) for i in data["issues"]}
    assert sorted((cell, code) for cell, (code, _) in found.items()) == [
        ("C5", "PRODUCT_NAME_MISSING"),
        ("C6", "PRODUCT_NAME_FORMULA_NO_VALUE"),
        ("P7", "TEXT_TOO_LONG"),
    ]
    assert found["C6"][1].startswith("Ô C6 (Tên sản phẩm) chứa công thức chưa có giá trị đã lưu")
    assert found["P7"][1].startswith(f"Ô P7 (Ghi chú) dài {len(note)} ký tự")
    assert [p["name"] for p in data["products"]] == ["Mật ong hoa nhãn", "Sáp ong"]
    registrations = FileWorkbook.open(master, writable=False).read_table("registrations")
    kept = registrations.set_index("product_name").loc["Mật ong hoa nhãn", "notes"]
    assert len(kept) == 32_767 and note.startswith(kept[:-1]) and kept.endswith("…")

    ocop("returns", "--workbook", master, "--out", tmp_path / "tra-lai")
    returned = load_workbook(tmp_path / "tra-lai" / "dang-ky-ocop-2023-ha-ky-can-sua.xlsx")
    marked = returned[TEMPLATE_SHEET]
    assert all(marked[ref].comment is not None for ref in ("C5", "C6", "P7"))
    assert "mở tệp bằng Excel, lưu lại rồi gửi lại" in marked["C6"].comment.text


def test_consolidate_needs_a_workbook_and_a_readable_master(tmp_path):
    assert ocop("consolidate", tmp_path, check=False).returncode == 2  # no --workbook
    done = ocop("consolidate", "--workbook", tmp_path / "x.xlsx", tmp_path, check=False)
    assert done.returncode == 3 and "Không tìm thấy tệp tổng hợp" in done.stderr


def test_demo_consolidates_its_sample_communes_and_shows_the_faulty_one(demo_folder):
    tmp_path = demo_folder  # the demo run once for the session (tests/conftest.py), read only
    master = FileWorkbook.open(DemoContext(tmp_path).master, writable=False)
    # the counts consolidate logged in Nhật ký
    audit = master.read_table("audit")
    (counts,) = audit.loc[audit["command"] == "consolidate", "counts"]
    logged = dict(part.split(": ") for part in counts.split(", "))
    assert int(logged["Số xã"]) == 5 and int(logged["Số sản phẩm"]) >= 17
    checks = master.read_table("issues")
    ours = checks[checks["action"] == "Tổng hợp hồ sơ xã"]
    assert set(ours["file"]) == {f"ho-so-xa/dang-ky-ocop-2023-{FAULTY}.xlsx"}
    assert {
        "PHONE_FORMAT",
        "TAX_ID_FORMAT",
        "GROUP_NOT_LEAF",
        "REQUIRED_MISSING",
        "REQUIRED_FOR_KIND",
        "DUPLICATE_PRODUCT",
        "COMMUNE_MISMATCH",
        "BLANK_ROWS",
        "CERTIFICATE_DATE_FUTURE",
        "SUPPORT_UNKNOWN",
    } <= set(ours["code"])
    registrations = master.read_table("registrations")
    upgrades = registrations[registrations["kind"] == "nâng hạng sao"]
    assert 3 in set(upgrades["current_stars"])
    assert all("(mẫu)" in name for name in registrations["product_name"])
    returned = list((tmp_path / "tra-loi-xa").iterdir())
    assert [p.name for p in returned] == [f"dang-ky-ocop-2023-{FAULTY}-can-sua.xlsx"]
    # The demo writes the ribbon's folders beside its master, and no other folder
    written = {p.name for p in tmp_path.iterdir() if p.is_dir()}
    assert written == NAMES  # sao-luu too: each step's save backs the master up
