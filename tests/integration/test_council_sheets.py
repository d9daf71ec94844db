"""The members' scoring workbooks: written, filled as a member would, read back."""

import hashlib
import shutil

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook, load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.workbook.layout.council import (
    MEMBER_CRITERIA_SHEET,
    MEMBER_INFO_SHEET,
    MEMBER_PARTS_SHEET,
)
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice
from ..council_support import (
    product,
    run,
    score_row,
    set_council,
    set_products,
    set_scores,
    table,
    write,
)

COUNCIL = (
    ("Nguyễn Văn An", "Chủ tịch", "Có", "", ""),
    ("Trần Thị Bình", "Phó Chủ tịch", "Có", "TK-002", "Là thành viên HTX"),
    ("Lê Văn Cường", "Ủy viên", "Có", "", ""),
    ("Phạm Thị Dung", "Ủy viên", "Không", "", ""),
    ("Hoàng Văn Em", "Thư ký", "Có", "", ""),
)
PRODUCTS = [product("TK-001"), product("TK-002"), product("TK-003", group_code="II.1.a")]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sheets(master, tmp_path):
    set_products(master, PRODUCTS)
    set_council(master, COUNCIL)
    out = tmp_path / "phieu"
    result = run(master, "score-sheets", out=out)
    assert result.ok
    return out, result


def fill(path, values, target=None):
    """Type scores into a member's workbook: {product ID: (A, B, C)}."""
    book = load_workbook(path)
    ws = book[MEMBER_PARTS_SHEET]
    for row in ws.iter_rows(min_row=7):
        pid = row[0].value
        if pid in values:
            for cell, value in zip(row[4:7], values[pid], strict=True):
                cell.value = value
    book.save(target or path)
    return target or path


def test_one_workbook_per_present_scoring_member(sheets):
    out, result = sheets
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "phieu-cham-diem-2023-le-van-cuong.xlsx",
        "phieu-cham-diem-2023-nguyen-van-an.xlsx",
        "phieu-cham-diem-2023-tran-thi-binh.xlsx",
    ]
    assert result.data["absent"] == ["Phạm Thị Dung"]
    assert result.counts["workbooks"] == 3


def test_maxima_are_shown_and_enforced_and_only_score_cells_are_open(sheets):
    out, _ = sheets
    book = load_workbook(out / "phieu-cham-diem-2023-nguyen-van-an.xlsx")
    ws = book[MEMBER_PARTS_SHEET]
    headers = [c.value for c in ws[6]]
    # the parts by name (issue 14)
    assert headers[4:7] == [
        "Phần A - Sản phẩm và sức mạnh cộng đồng (tối đa 40 điểm)",
        "Phần B - Khả năng tiếp thị (tối đa 25 điểm)",
        "Phần C - Chất lượng sản phẩm (tối đa 35 điểm)",
    ]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["E7:E9"].type == "decimal" and rules["E7:E9"].operator == "between"
    assert (rules["E7:E9"].formula1, rules["E7:E9"].formula2) == ("0", "40.0")
    assert rules["F7:F9"].formula2 == "25.0" and rules["G7:G9"].formula2 == "35.0"
    assert rules["E7:E9"].errorStyle == "stop" and "từ 0 đến 40" in rules["E7:E9"].error
    assert ws.protection.sheet
    assert ws["A7"].protection.locked and not ws["E7"].protection.locked
    assert ws["H7"].value.startswith("=IF(COUNT(E7:G7)")
    info = book[MEMBER_INFO_SHEET]
    assert info.sheet_state == "hidden"
    assert dict(info.iter_rows(values_only=True))["member"] == "Nguyễn Văn An"


def test_a_recused_product_is_left_out_of_the_members_workbook(sheets):
    out, result = sheets
    ws = load_workbook(out / "phieu-cham-diem-2023-tran-thi-binh.xlsx")[MEMBER_PARTS_SHEET]
    ids = [r[0].value for r in ws.iter_rows(min_row=7) if r[0].value]
    assert ids == ["TK-001", "TK-003"]
    assert "TK-002" in ws["A5"].value and "xung đột lợi ích" in ws["A5"].value
    binh = next(w for w in result.data["workbooks"] if w["member"] == "Trần Thị Bình")
    assert binh["recused"] == ["TK-002"]


def test_the_1048_maxima_under_another_profile(tmp_path, tiny):
    master = tmp_path / "tiny.xlsx"
    create_master(tiny, master)
    set_products(master, [product("X-1")])
    run(master, "score-sheets", out=tmp_path / "out")
    (path,) = (tmp_path / "out").iterdir()
    ws = load_workbook(path)[MEMBER_PARTS_SHEET]
    assert [c.value for c in ws[6]][4:7] == [
        "Phần A - Sản phẩm và sức mạnh cộng đồng (tối đa 35 điểm)",
        "Phần B - Khả năng tiếp thị (tối đa 25 điểm)",
        "Phần C - Chất lượng sản phẩm (tối đa 40 điểm)",
    ]
    assert path.name == "phieu-cham-diem-2030-nguoi-thu-nhat.xlsx"


def test_an_existing_workbook_is_never_overwritten(sheets, master):
    out, _ = sheets
    path = out / "phieu-cham-diem-2023-nguyen-van-an.xlsx"
    fill(path, {"TK-001": (30, 20, 25)})
    before = digest(path)
    result = run(master, "score-sheets", out=out)
    assert [i.code for i in result.issues] == ["SCORE_SHEET_EXISTS"] * 3
    assert digest(path) == before and result.counts["workbooks"] == 0


def test_returned_workbooks_are_read_imported_and_left_untouched(sheets, master, tmp_path):
    out, _ = sheets
    back = tmp_path / "da-cham"
    back.mkdir()
    an = fill(
        out / "phieu-cham-diem-2023-nguyen-van-an.xlsx",
        {"TK-001": (30, "20,5", 25), "TK-002": (32, 20, 20), "TK-003": (12, 10, 10)},
        back / "An gui lai.xlsx",  # renamed by the member: the information sheet still says who
    )
    binh = fill(
        out / "phieu-cham-diem-2023-tran-thi-binh.xlsx",
        {"TK-001": (31, 20, 25), "TK-003": (13, 10, 10)},
        back / "binh.xlsx",
    )
    set_scores(
        master,
        [
            score_row("TK-001", "Nguyễn Văn An", 1, 1, 1),  # replaced by An's workbook
            score_row("TK-001", "Lê Văn Cường", 29, 20, 25),
            score_row("TK-002", "Lê Văn Cường", 30, 20, 20),
            score_row("TK-003", "Lê Văn Cường", 11, 10, 10),
        ],
    )
    hashes = {p: digest(p) for p in (an, binh)}
    result = run(master, "score", sources=[back])
    assert result.ok, [i.message_vi for i in result.issues]
    assert {p: digest(p) for p in (an, binh)} == hashes
    assert sorted(f["member"] for f in result.to_json()["files"]) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert {name for name, _ in result.inputs} == {"An gui lai.xlsx", "binh.xlsx"}
    scores = table(master, "scores")
    assert len(scores) == 3 + 3 + 2
    mine = scores[scores["member"] == "Nguyễn Văn An"]
    assert list(mine["source"]) == ["An gui lai.xlsx"] * 3
    assert mine["part_b"].iloc[0] == 20.5
    results = table(master, "results").set_index("product_id")
    assert results.at["TK-001", "mean"] == 75.17 and results.at["TK-001", "members_counted"] == 3
    assert results.at["TK-002", "members_counted"] == 2
    # Scoring again from the master alone gives the same results.
    again = run(master, "score")
    assert [r["mean"] for r in again.to_json()["results"]] == [
        r["mean"] for r in result.to_json()["results"]
    ]


def test_a_bad_score_in_a_members_workbook_names_that_file_and_cell(sheets, master):
    out, _ = sheets
    path = fill(out / "phieu-cham-diem-2023-le-van-cuong.xlsx", {"TK-003": (45, 10, "mười")})
    result = run(master, "score", sources=[path])
    found = {(i.code, i.location.file, i.location.sheet, i.location.cell) for i in result.issues}
    name = path.name
    assert ("SCORE_OUT_OF_RANGE", name, MEMBER_PARTS_SHEET, "E9") in found
    assert ("SCORE_NOT_NUMBER", name, MEMBER_PARTS_SHEET, "G9") in found
    # What the member typed is kept in Chấm điểm as typed, and checked there next time.
    again = run(master, "score")
    cells = {(i.code, i.location.sheet, i.location.cell) for i in again.issues}
    assert ("SCORE_OUT_OF_RANGE", "Chấm điểm", "D2") in cells
    assert ("SCORE_NOT_NUMBER", "Chấm điểm", "F2") in cells


def test_bad_files_each_give_one_clear_issue_and_the_rest_is_scored(sheets, master, tmp_path):
    out, _ = sheets
    bad = tmp_path / "bad"
    bad.mkdir()
    good = fill(out / "phieu-cham-diem-2023-nguyen-van-an.xlsx", {"TK-001": (30, 20, 25)})
    shutil.copy(good, bad / "copy-of-an.xlsx")
    (bad / "corrupt.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    plain = Workbook()
    plain.active["A1"] = "Mã sản phẩm"
    plain.save(bad / "plain.xlsx")
    other = load_workbook(good)
    info = other[MEMBER_INFO_SHEET]
    for row in info.iter_rows():
        if row[0].value == "year":
            row[1].value = 2024
    other.save(bad / "other-year.xlsx")
    stranger = load_workbook(good)
    for row in stranger[MEMBER_INFO_SHEET].iter_rows():
        if row[0].value == "member":
            row[1].value = "Người Lạ"
    stranger.save(bad / "stranger.xlsx")
    empty = out / "phieu-cham-diem-2023-le-van-cuong.xlsx"
    with open(good, "rb") as plain_file, open(bad / "mat-khau.xlsx", "wb") as locked:
        OOXMLFile(plain_file).encrypt("mat-khau", locked)  # a password-protected workbook
    (bad / "~$lock.xlsx").write_bytes(b"lock")
    before = {p.name: digest(p) for p in bad.iterdir()}
    result = run(master, "score", sources=[good, bad, empty, tmp_path / "missing.xlsx"])
    by_file = {(i.code, i.location.file) for i in result.issues}
    assert ("SCORE_SHEET_SAME_MEMBER", "copy-of-an.xlsx") in by_file
    assert ("SCORE_SHEET_UNREADABLE", "corrupt.xlsx") in by_file
    assert ("SCORE_SHEET_UNREADABLE", "mat-khau.xlsx") in by_file
    assert ("SCORE_SHEET_NOT_RECOGNISED", "plain.xlsx") in by_file
    assert ("SCORE_SHEET_OTHER_PLAN", "other-year.xlsx") in by_file
    assert ("SCORE_SHEET_MEMBER_UNKNOWN", "stranger.xlsx") in by_file
    assert ("SCORE_SHEET_EMPTY", empty.name) in by_file
    assert ("SOURCE_NOT_FOUND", str(tmp_path / "missing.xlsx")) in by_file
    assert not any(i.location.file.startswith("~$") for i in result.issues)
    assert {p.name: digest(p) for p in bad.iterdir()} == before
    assert result.to_json()["results"][0]["members"] == ["Nguyễn Văn An"]


def test_a_workbook_saved_as_ods_by_libreoffice_is_read(sheets, master, tmp_path):
    require_soffice()
    out, _ = sheets
    path = fill(out / "phieu-cham-diem-2023-nguyen-van-an.xlsx", {"TK-001": (30, 20.5, 25)})
    ods = convert(path, "ods", tmp_path / "ods")
    result = run(master, "score", sources=[ods])
    assert result.ok, [i.message_vi for i in result.issues]
    assert result.to_json()["results"][0]["mean"] == 75.5


def test_catalog_mode_workbooks_list_each_applicable_criterion(master, tmp_path):
    write(
        master,
        "criteria",
        [
            {"code": "A1", "part": "A", "text": "Tổ chức", "max_points": 40},
            {"code": "B1", "part": "B", "text": "Tiếp thị", "max_points": 25},
            {"code": "C1", "part": "C", "text": "Chất lượng", "max_points": 30},
            {
                "code": "C2",
                "part": "C",
                "text": "Thực phẩm",
                "max_points": 5,
                "product_groups": "I",
            },
            {"code": "C3", "part": "C", "text": "Đồ uống", "max_points": 5, "product_groups": "II"},
        ],
    )
    set_products(master, PRODUCTS)
    set_council(master, COUNCIL)
    out = tmp_path / "phieu"
    assert run(master, "score-sheets", out=out).data["mode"] == "criteria"
    path = out / "phieu-cham-diem-2023-nguyen-van-an.xlsx"
    book = load_workbook(path)
    ws = book[MEMBER_CRITERIA_SHEET]
    rows = [(r[0].value, r[2].value) for r in ws.iter_rows(min_row=7) if r[0].value]
    assert rows[:4] == [("TK-001", "A1"), ("TK-001", "B1"), ("TK-001", "C1"), ("TK-001", "C2")]
    assert ("TK-003", "C3") in rows and ("TK-003", "C2") not in rows
    rules = {dv.formula2: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"40.0", "25.0", "30.0", "5.0"}
    assert "G7" in rules["40.0"].split()  # the points column, after Điểm tối đa
    points = {"A1": 30, "B1": 20, "C1": 25, "C2": 4, "C3": "4,5"}
    for row in ws.iter_rows(min_row=7):
        if row[0].value:
            row[6].value = points[row[2].value]
    book.save(path)
    result = run(master, "score", sources=[path])
    assert result.ok, [i.message_vi for i in result.issues]
    assert result.to_json()["results"][2]["mean"] == 79.5
    imported = table(master, "criterion_scores")
    assert len(imported) == 12 and set(imported["source"]) == {path.name}


def test_a_parts_workbook_is_refused_once_a_catalog_is_loaded(sheets, master):
    out, _ = sheets
    path = fill(out / "phieu-cham-diem-2023-nguyen-van-an.xlsx", {"TK-001": (30, 20, 25)})
    write(master, "criteria", [{"code": "A1", "part": "A", "max_points": 40}])
    result = run(master, "score", sources=[path])
    assert "SCORE_SHEET_PARTS_ONLY" in {i.code for i in result.issues}
