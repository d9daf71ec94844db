"""The commune pre-check from the commune files (QĐ 1489; QĐ 26/2026, Mẫu số 03): the
template carries the commune's part when the route has one, consolidate reads it into Kiểm
tra của xã with every problem at its file cell, rows the office typed stay theirs, and
score uses it. Real commune workbooks and real masters, written and read back."""

from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.submissions import product_id
from ocop_xl.profiles import criteria_set, load_profile, route
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.checks import ERROR_FILL
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE_WITH_PRECHECK,
    PRECHECK_COLUMNS,
    PRECHECK_HEADER_FILL,
    TEMPLATE_SHEET,
)

from .test_consolidate_cell_text import sheet_xml_with

TODAY = date(2025, 11, 30)
ALL_PASS = {"origin": "Đạt", "labour": "Đạt", "idea": "Đạt", "identity": "Đạt"}
PRECHECK = MASTER.table("precheck")


def row(name, producer="HTX Mẫu", **more):
    values = {
        "product_name": name,
        "group_code": "I.2.b",
        "producer": producer,
        "producer_type": "HTX",
        "tax_id": "0200000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912000101",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
    }
    values.update(more)
    return values


def checked(name, producer="HTX Mẫu", report="12/BC-UBND ngày 05/8/2025", **verdicts):
    """A row with the commune's assessment: every content Đạt unless given."""
    return row(name, producer, **{**ALL_PASS, **verdicts}, precheck_report=report)


@pytest.fixture
def hai_phong():
    return load_profile("hai-phong-2025")


@pytest.fixture
def city(tmp_path, hai_phong):
    """A fresh master of the post-2025 profile (route qd-1489-province)."""
    path = tmp_path / "tong-hop.xlsx"
    create_master(hai_phong, path)
    return path


@pytest.fixture
def communes(city):
    folder = city.parent / "ho-so-xa"
    folder.mkdir()
    return folder


def commune_file(folder, profile, code, rows):
    commune = profile.commune(code)
    path = folder / template_file_name(profile, commune)
    return write_filled(path, profile, criteria_set(profile.criteria_set), commune, rows, TODAY)


def consolidate(master, *sources):
    return run_action("consolidate", FileWorkbook.open(master), sources=list(sources))


def table(master, name):
    return FileWorkbook.open(master, writable=False).read_table(name)


def prechecks(master):
    return table(master, "precheck").set_index("product_id")


def issues(master):
    frame = table(master, "issues")
    return frame[frame["action"] == "Tổng hợp hồ sơ xã"]


def letter(key):
    return COMMUNE_TABLE_WITH_PRECHECK.letter(key)


def type_rows(master, rows):
    """The office types rows into Kiểm tra của xã, below what is there (openpyxl, as a file
    edited by hand); returns their Excel rows."""
    book = load_workbook(master)
    ws = book[PRECHECK.sheet]
    first = ws.max_row + 1
    while first > 2 and ws.cell(first - 1, 1).value is None:
        first -= 1
    for offset, values in enumerate(rows):
        for key, value in values.items():
            ws.cell(first + offset, PRECHECK.keys.index(key) + 1, value)
    book.save(master)
    return list(range(first, first + len(rows)))


def set_cell(master, sheet, ref, value):
    book = load_workbook(master)
    book[sheet][ref] = value
    book.save(master)


# -- the template ---------------------------------------------------------------------------


def test_the_template_carries_the_communes_part_only_when_the_route_has_a_pre_check(
    city, master, tmp_path
):
    out = tmp_path / "mau"
    run_action("template", FileWorkbook.open(city), out=out, commune="an-hoa")
    (path,) = out.glob("*.xlsx")
    book = load_workbook(path)
    ws = book[TEMPLATE_SHEET]
    headers = [ws.cell(4, c).value for c in range(1, len(COMMUNE_TABLE_WITH_PRECHECK.columns) + 1)]
    assert headers == [c.header for c in COMMUNE_TABLE_WITH_PRECHECK.columns]
    assert headers[-5:] == [c.header for c in PRECHECK_COLUMNS]
    assert ws[f"{letter('origin')}4"].fill.start_color.rgb.endswith(PRECHECK_HEADER_FILL)
    assert ws.tables["tblDangKySanPham"].ref == f"A4:{letter('precheck_report')}24"
    lists = {
        "".join(ch for ch in str(dv.sqref).split(":")[0] if ch.isalpha()): dv
        for dv in ws.data_validations.dataValidation
    }
    assert len(lists) == len(COMMUNE_TABLE_WITH_PRECHECK.columns)
    for key in ("origin", "labour", "idea", "identity"):
        assert lists[letter(key)].formula1 == "=ds_ket_qua_danh_gia"
    assert lists[letter("origin")].prompt.startswith("Phần của UBND xã: chọn Đạt hoặc")
    names = book["Danh mục"]
    assert [names["F2"].value, names["F3"].value] == ["Đạt", "Không đạt"]
    guide = " ".join(str(c) for r in book["Hướng dẫn"].iter_rows(values_only=True) for c in r if c)
    assert "Mẫu số 03" in guide and "Sở Nông nghiệp và Môi trường thành phố Hải Phòng" in guide
    assert "phần đánh giá của UBND xã" in ws["A3"].value

    # Tứ Kỳ 2023: no commune pre-check in its route, none in its template
    run_action("template", FileWorkbook.open(master), out=tmp_path / "tk", commune="ha-ky")
    (plain,) = (tmp_path / "tk").glob("*.xlsx")
    book = load_workbook(plain)
    ws = book[TEMPLATE_SHEET]
    assert ws.cell(4, 17).value is None and ws["A3"].value.endswith("Xem trang “Hướng dẫn”.")
    assert "ds_ket_qua_danh_gia" not in book.defined_names


# -- consolidate ------------------------------------------------------------------------------


def test_the_communes_assessments_land_on_kiem_tra_cua_xa(city, hai_phong, communes):
    commune_file(
        communes,
        hai_phong,
        "an-hoa",
        [checked("Nước mắm cốt"), checked("Chổi chít", labour="không đạt")],
    )
    commune_file(communes, hai_phong, "binh-minh", [checked("Chè xanh", "HTX Chè", report="")])

    result = consolidate(city, communes)

    frame = prechecks(city)
    mam = product_id("an-hoa", "Nước mắm cốt", "HTX Mẫu")
    choi = product_id("an-hoa", "Chổi chít", "HTX Mẫu")
    che = product_id("binh-minh", "Chè xanh", "HTX Chè")
    assert list(frame.index) == [mam, choi, che]
    assert frame.loc[mam, ["commune", "origin", "labour", "idea", "identity"]].tolist() == [
        "An Hòa (mẫu)",
        "Đạt",
        "Đạt",
        "Đạt",
        "Đạt",
    ]
    assert frame.loc[choi, "labour"] == "Không đạt"  # written as the rule reads it
    assert frame.loc[mam, "report"] == "12/BC-UBND ngày 05/8/2025"
    assert pd.isna(frame.loc[che, "report"])
    assert frame.loc[mam, "source"] == "ho-so-xa/dang-ky-ocop-2025-an-hoa-mau.xlsx"
    assert issues(city).empty  # a content not met is the commune's finding, not a problem
    assert result.counts["prechecks_from_files"] == 3
    assert result.counts["prechecks_kept_typed"] == 0
    assert ("Kết quả đánh giá của xã lấy từ các tệp", "3") in result.summary


def test_every_problem_names_its_file_sheet_and_cell(city, hai_phong, communes, tmp_path):
    source = commune_file(
        communes,
        hai_phong,
        "dong-tien",
        [
            checked("Rượu nếp", idea="Tốt"),  # not a verdict
            checked("Bánh đa", identity=None),  # one content left blank
            row("Mật ong"),  # nothing assessed
            checked("Vải sấy", report="@@REPORT@@"),
        ],
    )
    sheet_xml_with(source, b"@@REPORT@@", b"x" * 40_000)  # a report longer than a cell

    result = consolidate(city, communes)

    found = issues(city).set_index("code")
    file = "ho-so-xa/dang-ky-ocop-2025-dong-tien-mau.xlsx"
    expected = {
        "PRECHECK_INVALID": (f"{letter('idea')}5", "Lỗi"),
        "PRECHECK_BLANK": (f"{letter('identity')}6", "Lỗi"),
        "PRECHECK_NOT_FILLED": (f"{letter('origin')}7", "Cảnh báo"),
        "TEXT_TOO_LONG": (f"{letter('precheck_report')}8", "Lỗi"),
    }
    assert set(found.index) == set(expected)
    for code, (cell, severity) in expected.items():
        issue = found.loc[code]
        assert (issue["file"], issue["sheet"], issue["cell"], issue["severity"]) == (
            file,
            TEMPLATE_SHEET,
            cell,
            severity,
        ), code
    assert "“Tốt”" in found.loc["PRECHECK_INVALID", "message"]
    assert "nguồn gốc ý tưởng sản phẩm" in found.loc["PRECHECK_INVALID", "message"]
    assert "Mật ong" in found.loc["PRECHECK_NOT_FILLED", "message"]
    report = result.to_json()
    assert (report["counts"]["errors"], report["counts"]["warnings"]) == (3, 1)
    assert (report["files"][0]["errors"], report["files"][0]["warnings"]) == (3, 1)

    frame = prechecks(city)
    ruou = product_id("dong-tien", "Rượu nếp", "HTX Mẫu")
    assert frame.loc[ruou, "idea"] == "Tốt"  # kept as written: the council sees it too
    assert product_id("dong-tien", "Mật ong", "HTX Mẫu") not in frame.index
    assert frame.loc[product_id("dong-tien", "Vải sấy", "HTX Mẫu"), "report"].endswith("…")

    # the commune's returned copy marks the pre-check cells
    run_action("returns", FileWorkbook.open(city), out=tmp_path / "tra")
    copy = load_workbook(tmp_path / "tra" / f"{source.stem}-can-sua.xlsx")[TEMPLATE_SHEET]
    marked = copy[f"{letter('idea')}5"]
    assert marked.fill.start_color.rgb.endswith(ERROR_FILL) and "Tốt" in marked.comment.text


def test_rows_the_office_typed_stay_theirs(city, hai_phong, communes):
    commune_file(communes, hai_phong, "an-hoa", [checked("Nước mắm cốt"), checked("Bánh đa cua")])
    mam = product_id("an-hoa", "Nước mắm cốt", "HTX Mẫu")
    banh = product_id("an-hoa", "Bánh đa cua", "HTX Mẫu")
    other = product_id("tan-lac", "Gạo nếp", "HTX Lúa")
    # Before any file: the office typed the city's record of Nước mắm cốt from the
    # commune's paper report, and one of a commune that sends no file.
    typed = type_rows(
        city,
        [
            {
                "product_id": mam,
                "origin": "Đạt",
                "labour": "Không đạt",
                "idea": "Đạt",
                "identity": "Đạt",
                "report": "Công văn 5/UBND",
                "note": "theo bản giấy",
            },
            {
                "product_id": other,
                "origin": "Đạt",
                "labour": "Đạt",
                "idea": "Đạt",
                "identity": "Đạt",
                "report": "Báo cáo 7/BC-UBND",
                "note": '="xem "&G3',  # the office's formula
            },
        ],
    )
    assert typed == [2, 3]  # the first rows of the empty table

    result = consolidate(city, communes)

    frame = prechecks(city)
    assert frame.loc[mam, ["labour", "report", "note"]].tolist() == [
        "Không đạt",
        "Công văn 5/UBND",
        "theo bản giấy",
    ]
    assert pd.isna(frame.loc[mam, "source"])
    assert frame.loc[other, "report"] == "Báo cáo 7/BC-UBND"
    assert frame.loc[other, "note"] == "xem Báo cáo 7/BC-UBND"  # read by its value
    assert load_workbook(city)[PRECHECK.sheet][f"H{typed[1]}"].value == '="xem "&G3'
    assert frame.loc[banh, "source"] == "ho-so-xa/dang-ky-ocop-2025-an-hoa-mau.xlsx"
    kept = issues(city).set_index("code").loc["PRECHECK_KEPT_TYPED"]
    assert (kept["severity"], kept["cell"]) == ("Cảnh báo", f"{letter('origin')}5")
    assert f"A{typed[0]}" in kept["message"] and "Không đạt" in kept["message"]
    assert result.counts["prechecks_kept_typed"] == 1
    assert result.counts["prechecks_from_files"] == 1

    # The office notes something on the program's row, and takes another one over by
    # clearing its Tệp nguồn; the commune then sends a corrected file.
    rows = table(city, "precheck")
    at = {pid: r for r, pid in zip(rows.index, rows["product_id"], strict=True)}
    set_cell(city, PRECHECK.sheet, f"H{at[banh]}", "đã gọi điện xác minh")
    commune_file(
        communes,
        hai_phong,
        "an-hoa",
        [checked("Nước mắm cốt", origin="Không đạt"), checked("Bánh đa cua", idea="Không đạt")],
    )
    consolidate(city, communes)

    frame = prechecks(city)
    assert frame.loc[banh, ["idea", "note"]].tolist() == ["Không đạt", "đã gọi điện xác minh"]
    assert frame.loc[mam, "labour"] == "Không đạt" and frame.loc[mam, "origin"] == "Đạt"
    assert frame.loc[other, "report"] == "Báo cáo 7/BC-UBND"
    after = table(city, "precheck")
    assert dict(zip(after["product_id"], after.index, strict=True)) == at  # rows stay put

    set_cell(city, PRECHECK.sheet, f"I{at[banh]}", None)  # now the office's own row
    commune_file(communes, hai_phong, "an-hoa", [checked("Nước mắm cốt"), checked("Bánh đa cua")])
    consolidate(city, communes)
    assert prechecks(city).loc[banh, "idea"] == "Không đạt"


def test_reconsolidating_a_commune_replaces_only_its_own_rows(city, hai_phong, communes):
    an_hoa = commune_file(
        communes, hai_phong, "an-hoa", [checked("Nước mắm cốt"), checked("Bánh đa cua")]
    )
    commune_file(communes, hai_phong, "binh-minh", [checked("Chè xanh", "HTX Chè")])
    consolidate(city, communes)
    before = prechecks(city)

    # An Hòa withdraws Bánh đa cua and re-assesses Nước mắm cốt; only its file is read.
    commune_file(communes, hai_phong, "an-hoa", [checked("Nước mắm cốt", identity="Không đạt")])
    consolidate(city, an_hoa)

    frame = prechecks(city)
    mam = product_id("an-hoa", "Nước mắm cốt", "HTX Mẫu")
    che = product_id("binh-minh", "Chè xanh", "HTX Chè")
    assert list(frame.index) == [mam, che]
    assert frame.loc[mam, "identity"] == "Không đạt"
    assert frame.loc[che].equals(before.loc[che])


def test_a_file_of_the_older_form_is_read_with_a_warning(city, hai_phong, communes):
    older = hai_phong.model_copy(update={"route": route("tu-ky-2023")})  # no pre-check part
    commune_file(communes, older, "song-hong", [row("Vải thiều sấy")])

    consolidate(city, communes)

    assert len(table(city, "registrations")) == 1
    (issue,) = issues(city).to_dict("records")
    assert (issue["code"], issue["severity"], issue["sheet"]) == (
        "PRECHECK_COLUMNS_MISSING",
        "Cảnh báo",
        TEMPLATE_SHEET,
    )
    assert pd.isna(issue["cell"])  # the file as a whole
    assert "Xã đánh giá: Nguồn gốc sản phẩm" in issue["message"]
    assert table(city, "precheck").empty


def test_a_plan_without_a_commune_pre_check_leaves_kiem_tra_cua_xa_alone(master, tu_ky, tmp_path):
    folder = tmp_path / "files"
    commune = tu_ky.commune("ha-ky")
    # a commune file that carries the pre-check columns (a template of another plan)
    path = folder / template_file_name(tu_ky, commune)
    with_check = tu_ky.model_copy(update={"route": route("qd-1489-province")})
    write_filled(
        path,
        with_check,
        criteria_set(tu_ky.criteria_set),
        commune,
        [checked("Bánh gai", group_code="I.3.b")],
        date(2023, 11, 30),
    )

    consolidate(master, folder)

    assert len(table(master, "registrations")) == 1
    codes = issues(master)["code"].tolist()
    assert codes == ["PRECHECK_NOT_IN_ROUTE"]
    assert "tu-ky-2023" in issues(master)["message"].iloc[0]
    assert table(master, "precheck").empty


# -- the outcome -------------------------------------------------------------------------------


def test_score_follows_the_communes_assessment(city, hai_phong, communes):
    commune_file(
        communes,
        hai_phong,
        "an-hoa",
        [
            checked("Nước mắm cốt"),
            checked("Chổi chít", labour="Không đạt"),
            checked("Bánh đa", idea=None),  # incomplete: waits
            row("Mật ong"),  # not assessed: waits
        ],
    )
    consolidate(city, communes)
    wb = FileWorkbook.open(city)
    ids = dict(
        zip(*[table(city, "registrations")[k] for k in ("product_name", "product_id")], strict=True)
    )
    members = [("Chủ Tịch", "Chủ tịch"), ("Ủy Viên A", "Ủy viên"), ("Ủy Viên B", "Ủy viên")]
    council = [
        {
            "name": n,
            "role": r,
            "unit": "Sở",
            "present": "Có",
            "conflicts": None,
            "conflict_reason": None,
        }
        for n, r in members
    ]
    scores = [
        {"product_id": pid, "member": n, "part_a": 30, "part_b": 20, "part_c": 25, "note": None}
        for pid in ids.values()
        for n, _ in members
    ]
    checks = [
        {"product_id": pid, "requirement": req.code, "met": "Có", "note": None}
        for pid in ids.values()
        for req in hai_phong.requirements
    ]
    for name, rows in (("council", council), ("scores", scores), ("requirement_checks", checks)):
        wb.write_table(name, pd.DataFrame(rows, columns=list(MASTER.table(name).keys)))
    wb.commit()

    run_action("score", FileWorkbook.open(city))

    results = table(city, "results").set_index("product_name")
    assert results.at["Nước mắm cốt", "recognised"] == "Có"  # 75 points, 4★ at the city
    assert results.at["Chổi chít", "recognised"] == "Không"
    assert "PRECHECK_FAILED" in results.at["Chổi chít", "flag_codes"]
    assert results.at["Chổi chít", "outcome"] == "Không đủ điều kiện: xã đánh giá hồ sơ chưa đạt"
    for waiting in ("Bánh đa", "Mật ong"):
        assert "PRECHECK_MISSING" in results.at[waiting, "flag_codes"]
        assert results.at[waiting, "recognised"] == "Không"
