"""Bad files: each gives one clear issue and the rest of the folder consolidates."""

import hashlib
import io
import shutil
import struct
import zipfile
from collections import defaultdict
from datetime import date

import msoffcrypto.format.ooxml
import pytest
from openpyxl import Workbook, load_workbook

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_reader import (
    MAX_FILE_BYTES,
    MAX_INFLATED_BYTES,
    check_zip,
    read_submission,
)
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.submissions import META_SHEET
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice

TODAY = date.today()


def row(name, producer="HTX Mẫu"):
    return {
        "product_name": name,
        "group_code": "I.3.b",
        "producer": producer,
        "producer_type": "HTX",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912000101",
        "address": "Thôn Nhất",
        "kind": "ý tưởng mới",
    }


def filled(folder, profile, code, rows, name=None):
    commune = profile.commune(code)
    path = folder / (name or template_file_name(profile, commune))
    return write_filled(path, profile, criteria_set(profile.criteria_set), commune, rows, TODAY)


def zip_with_sheet(path, sheet_bytes):
    """A small archive shaped like an .xlsx whose sheet XML is ``sheet_bytes``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_bytes)
    return path


def understate_sizes(path, declared=1000):
    """Rewrite the uncompressed sizes in the local and central headers: a lying archive."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + 4] = struct.pack("<I", declared)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def encrypt(source, target):
    with open(source, "rb") as handle:
        office = msoffcrypto.format.ooxml.OOXMLFile(handle)
        out = io.BytesIO()
        office.encrypt("matkhau", out)
    target.write_bytes(out.getvalue())
    return target


@pytest.fixture
def folder(master):
    path = master.parent / "nhan-ve"
    path.mkdir()
    return path


def test_each_bad_file_gives_one_issue_and_the_rest_consolidates(master, tu_ky, folder, tmp_path):
    good = filled(folder, tu_ky, "ha-ky", [row("Mật ong"), row("Bánh đa")])
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 this is not really an archive")
    (folder / "thu-moi.xlsx").write_text("Kính gửi UBND huyện", encoding="utf-8")
    with zipfile.ZipFile(folder / "van-ban.xlsx", "w") as docx:  # a Word file renamed
        docx.writestr("word/document.xml", "<w:document/>")
    encrypt(filled(tmp_path, tu_ky, "dai-son", [row("Giò")]), folder / "mat-khau.xlsx")
    (folder / "rong.xlsx").write_bytes(b"")
    Workbook().save(folder / "trang.xlsx")  # a workbook with nothing in it
    with open(folder / "qua-lon.xlsx", "wb") as huge:  # sparse: no disk used
        huge.truncate(MAX_FILE_BYTES + 1)
    zip_with_sheet(folder / "bom-nen.xlsx", b"<row/>" * (MAX_INFLATED_BYTES // 6 + 10))
    understate_sizes(
        zip_with_sheet(folder / "bom-gia.xlsx", b"\0" * (MAX_INFLATED_BYTES + 50_000_000))
    )
    shutil.copy(master, folder / "tong-hop-cu.xlsx")
    other = filled(tmp_path, tu_ky, "tan-ky", [row("Chè")])
    book = load_workbook(other)
    meta = book[META_SHEET]
    for cells in meta.iter_rows(min_row=2):
        if cells[0].value == "template_id":
            cells[1].value = "ocop-xl/phieu-cham-diem"
        if cells[0].value == "template_title":
            cells[1].value = "Phiếu chấm điểm"
    book.save(folder / "phieu-cham.xlsx")
    headless = load_workbook(filled(tmp_path, tu_ky, "hung-dao", [row("Bún")]))
    for cell in headless["Đăng ký sản phẩm"][4]:
        cell.value = None  # the header row deleted
    headless.save(folder / "mat-tieu-de.xlsx")
    stranger = Workbook()
    stranger.active["A1"], stranger.active["B2"] = "Bảng lương tháng 5", 1_250_000
    stranger.save(folder / "bang-luong.xlsx")
    (folder / "ghi-chu.txt").write_text("not a spreadsheet: skipped in a folder")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    result = run_action("consolidate", FileWorkbook.open(master), sources=[folder])

    by_file = defaultdict(list)
    for issue in result.issues:
        by_file[issue.location.file.rsplit("/", 1)[-1]].append(issue.code)
    assert dict(by_file) == {
        "hong.xlsx": ["FILE_UNREADABLE"],
        "thu-moi.xlsx": ["FILE_NOT_SPREADSHEET"],
        "van-ban.xlsx": ["FILE_NOT_SPREADSHEET"],
        "mat-khau.xlsx": ["FILE_ENCRYPTED"],
        "rong.xlsx": ["FILE_EMPTY"],
        "trang.xlsx": ["FILE_EMPTY"],
        "qua-lon.xlsx": ["FILE_TOO_LARGE"],
        "bom-nen.xlsx": ["FILE_INFLATES_TOO_LARGE"],
        "bom-gia.xlsx": ["FILE_INFLATES_TOO_LARGE"],
        "tong-hop-cu.xlsx": ["FILE_IS_MASTER"],
        "phieu-cham.xlsx": ["FILE_OTHER_TEMPLATE"],
        "bang-luong.xlsx": ["SHEET_NOT_FOUND"],
        "mat-tieu-de.xlsx": ["HEADER_NOT_FOUND"],
    }
    assert all(i.is_error for i in result.issues)
    messages = {i.location.file.rsplit("/", 1)[-1]: i.message_vi for i in result.issues}
    assert "mật khẩu" in messages["mat-khau.xlsx"]
    assert "Phiếu chấm điểm" in messages["phieu-cham.xlsx"]
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_name"]) == ["Mật ong", "Bánh đa"]
    assert set(frame["source_file"]) == {f"nhan-ve/{good.name}"}
    files = {f["file"].rsplit("/", 1)[-1]: f for f in result.to_json()["files"]}
    assert files["mat-khau.xlsx"]["refused"] and files["mat-khau.xlsx"]["errors"] == 1
    assert not files[good.name]["refused"] and files[good.name]["rows"] == 2
    checks = FileWorkbook.open(master, writable=False).read_table("issues")
    assert len(checks) == 13 and set(checks["severity"]) == {"Lỗi"}
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before  # no source file was written to


def test_a_lying_archive_is_refused_without_inflating_it_whole(tmp_path, monkeypatch):
    path = understate_sizes(zip_with_sheet(tmp_path / "bom.xlsx", b"\0" * 300_000_000))
    produced = []
    real = zipfile.zlib.decompressobj

    class Counting:
        def __init__(self, *args):
            self.inner = real(*args)

        def decompress(self, data, max_length=0):
            out = self.inner.decompress(data, max_length)
            produced.append(len(out))
            return out

        @property
        def unconsumed_tail(self):
            return self.inner.unconsumed_tail

    monkeypatch.setattr("ocop_xl.workbook.commune_reader.zlib.decompressobj", Counting)
    outcome = read_submission(path)
    assert [i.code for i in outcome.issues] == ["FILE_INFLATES_TOO_LARGE"]
    # It stopped just past the limit, in small chunks, far below the 300 MB inside.
    assert MAX_INFLATED_BYTES < sum(produced) <= MAX_INFLATED_BYTES + 2 * 1024 * 1024
    assert max(produced) <= 1024 * 1024


def test_a_normal_archive_is_not_inflated_by_the_guard(tmp_path, tu_ky, monkeypatch):
    path = filled(tmp_path, tu_ky, "ha-ky", [row("Mật ong")])
    monkeypatch.setattr(
        "ocop_xl.workbook.commune_reader._inflate_counting",
        lambda *a: pytest.fail("a small file cannot be a bomb: no need to inflate it"),
    )
    check_zip(path.read_bytes())
    assert read_submission(path).sheet is not None


def test_xls_and_ods_files_are_read_like_xlsx(master, tu_ky, folder, tmp_path):
    require_soffice()
    xls_source = filled(tmp_path, tu_ky, "ha-ky", [row("Mật ong"), row("Bánh đa")])
    ods_source = filled(tmp_path, tu_ky, "tan-ky", [row("Chè", "HTX Chè")])
    convert(xls_source, "xls", folder)
    convert(ods_source, "ods", folder)
    result = run_action("consolidate", FileWorkbook.open(master), sources=[folder])
    assert result.issues == []
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_name"]) == ["Chè", "Mật ong", "Bánh đa"]
    assert set(frame["source_file"]) == {
        "nhan-ve/dang-ky-ocop-2023-ha-ky.xls",
        "nhan-ve/dang-ky-ocop-2023-tan-ky.ods",
    }
    assert list(frame["source_row"]) == [5, 5, 6]


def test_the_same_commune_twice_keeps_the_newest_file(master, tu_ky, folder):
    import os

    old = filled(folder, tu_ky, "ha-ky", [row("Mật ong")], name="ha-ky-lan-1.xlsx")
    new = filled(folder, tu_ky, "ha-ky", [row("Mật ong"), row("Bánh đa")], name="ha-ky-lan-2.xlsx")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_700_086_400, 1_700_086_400))
    result = run_action("consolidate", FileWorkbook.open(master), sources=[new, old])
    assert [(i.code, i.location.file) for i in result.issues] == [
        ("COMMUNE_FILE_TWICE", "nhan-ve/ha-ky-lan-1.xlsx")
    ]
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_name"]) == ["Mật ong", "Bánh đa"]
    assert set(frame["source_file"]) == {"nhan-ve/ha-ky-lan-2.xlsx"}


def test_a_missing_source_is_reported_and_the_others_consolidate(master, tu_ky, folder):
    filled(folder, tu_ky, "ha-ky", [row("Mật ong")])
    (folder / "~$dang-ky-ocop-2023-ha-ky.xlsx").write_bytes(b"owner")  # Excel's lock file
    filled(folder / "tra-loi-xa", tu_ky, "tan-ky", [row("Chè")])  # a sub-folder: not read
    result = run_action(
        "consolidate", FileWorkbook.open(master), sources=[folder, folder / "khong-co.xlsx"]
    )
    assert [i.code for i in result.issues] == ["SOURCE_NOT_FOUND"]
    assert result.counts["products"] == 1
