"""``score`` on a real master: Chấm điểm read back, Kết quả, Kiểm tra, documents, report."""

import json

from openpyxl import load_workbook

from ocop_xl.workbook.layout import MASTER

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

CHAIR, VICE, M1, M2 = "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"


def _setup(master, scores, council=None, products=None):
    set_products(
        master,
        products
        or [
            product("TK-001", product_name="Bánh đa Hà Kỳ"),
            product("TK-002", kind="Nâng hạng sao", current_stars=3, group_code="II.1.a"),
            product("TK-003", commune="Đại Sơn", commune_code="dai-son", producer="HTX Mật ong"),
        ],
    )
    if council is not None:
        set_council(master, council)
    else:
        set_council(master)
    set_scores(master, scores)


def _good_scores():
    rows = []
    for member, a in ((CHAIR, 30), (VICE, 31), (M1, 29), (M2, "30,5")):
        rows.append(score_row("TK-001", member, a, 20, 25))
        rows.append(score_row("TK-002", member, 32, 20, 20))
        rows.append(score_row("TK-003", member, 15, 10, 10))
    return rows


def test_results_are_written_one_row_per_product(master):
    _setup(master, _good_scores())
    result = run(master, "score")
    assert result.ok, [i.message_vi for i in result.issues]
    frame = table(master, "results")
    # in the commune list's order: Đại Sơn's product before Hà Kỳ's (issue 14, point 8)
    assert list(frame["product_id"]) == ["TK-003", "TK-001", "TK-002"]
    first = frame.iloc[1]
    assert first["product_name"] == "Bánh đa Hà Kỳ"
    assert first["members_counted"] == 4
    assert first["mean"] == 75.13  # 75.125 shown half up with 2 decimals
    assert first["mean_exact"] == 75.125
    assert first["star"] == 4 and first["forwarded"] == "Có"
    assert first["upgrade_met"] is None and first["outcome"] == "Đề nghị cấp tỉnh"
    upgrade = frame.iloc[2]
    assert upgrade["star"] == 4 and upgrade["upgrade_met"] == "Có"
    low = frame.iloc[0]
    assert low["star"] == 2 and low["forwarded"] == "Không" and low["flag_codes"] is None
    assert result.counts["forwarded"] == 2 and result.counts["products"] == 3


def test_flags_are_readable_in_vietnamese_and_coded_for_other_areas(master):
    scores = _good_scores()
    scores[0] = score_row("TK-001", CHAIR, 40, 25, 35)  # 100 against ~75: spread 25
    scores = [s for s in scores if not (s["product_id"] == "TK-003" and s["member"] == M2)]
    _setup(master, scores)
    run(master, "score")
    frame = table(master, "results").set_index("product_id")
    assert frame.at["TK-001", "flag_codes"] == "SPREAD_ABOVE_LIMIT"
    assert "thảo luận và chấm lại" in frame.at["TK-001", "flags"]
    assert frame.at["TK-001", "forwarded"] == "Không"
    assert frame.at["TK-003", "flag_codes"] == "SCORES_MISSING"
    assert M2 in frame.at["TK-003", "flags"]


def test_star_column_is_coloured_by_star(master):
    _setup(master, _good_scores())
    run(master, "score")
    ws = load_workbook(master)[MASTER.table("results").sheet]
    letter = MASTER.table("results").letter("star")
    rules = [r for cf in ws.conditional_formatting for r in cf.rules if letter in str(cf.sqref)]
    assert sorted(r.formula[0] for r in rules) == ["1", "2", "3", "4", "5"]


def test_recusal_is_listed_and_the_score_left_out(master):
    council = [
        (CHAIR, "Chủ tịch", "Có", "", ""),
        (VICE, "Phó Chủ tịch", "Có", "HTX Mật ong", "Con gái làm ở HTX"),
        (M1, "Ủy viên", "Có", "", ""),
        (M2, "Ủy viên", "Có", "", ""),
    ]
    _setup(master, _good_scores(), council)
    result = run(master, "score")
    frame = table(master, "results").set_index("product_id")
    assert frame.at["TK-003", "recused"] == f"{VICE} (Con gái làm ở HTX)"
    assert frame.at["TK-003", "members_counted"] == 3
    assert frame.at["TK-001", "members_counted"] == 4
    warning = next(i for i in result.issues if i.code == "SCORE_RECUSED_IGNORED")
    assert warning.location.sheet == "Chấm điểm" and warning.location.cell.startswith("A")
    report = result.to_json()
    tk3 = next(r for r in report["results"] if r["product_id"] == "TK-003")
    assert tk3["recused"] == [VICE]


def test_bad_scores_go_to_kiem_tra_with_their_cell(master):
    scores = [
        *_good_scores(),
        score_row("TK-001", "Người Lạ", 30, 20, 20),
        score_row("TK-404", CHAIR, "ba mươi", 20, 20),
    ]
    _setup(master, scores)
    result = run(master, "score")
    assert not result.ok
    issues = table(master, "issues")
    mine = issues[issues["action"] == "Tính điểm hội đồng"]
    cells = set(zip(mine["code"], mine["cell"], strict=True))
    assert ("SCORE_MEMBER_UNKNOWN", "C14") in cells
    assert ("SCORE_PRODUCT_UNKNOWN", "A15") in cells
    assert ("SCORE_NOT_NUMBER", "D15") in cells
    assert set(mine["sheet"]) == {"Chấm điểm"} and set(mine["file"]) == {master.name}
    assert all(mine["severity"] == "Lỗi")
    # The valid rows still count.
    assert table(master, "results").iloc[0]["members_counted"] == 4


def test_quorum_and_chair_absent_block_the_whole_meeting(master):
    council = [
        (CHAIR, "Chủ tịch", "Không", "", ""),
        (VICE, "Phó Chủ tịch", "Có", "", ""),
        (M1, "Ủy viên", "Không", "", ""),
        (M2, "Ủy viên", "Có", "", ""),
    ]
    scores = [s for s in _good_scores() if s["member"] in {VICE, M2}]
    _setup(master, scores, council)
    result = run(master, "score")
    codes = {i.code for i in result.issues}
    assert {"QUORUM_NOT_REACHED", "CHAIR_ABSENT"} <= codes
    frame = table(master, "results")
    assert set(frame["forwarded"]) == {"Không"}
    assert all("QUORUM_NOT_REACHED" in c for c in frame["flag_codes"])
    assert result.to_json()["council"] == {
        "members": 4,
        "present": 2,
        "quorum": "3/4",
        "quorum_reached": False,
        "chair_present": False,
    }


def test_report_holds_the_documented_keys(master, tmp_path):
    _setup(master, _good_scores())
    report = json.loads(json.dumps(run(master, "score").to_json(), ensure_ascii=False))
    assert list(report)[:4] == ["action", "ok", "counts", "issues"]
    by_id = {r["product_id"]: r for r in report["results"]}
    first = by_id["TK-001"]
    for key in (
        "product_id",
        "commune",
        "group",
        "members_counted",
        "mean",
        "min",
        "max",
        "spread",
        "star",
        "flags",
        "forwarded",
        "upgrade_met",
        "recused",
    ):
        assert key in first, key
    assert first["mean"] == 75.125 and first["min"] == 74.0 and first["spread"] == 2.0
    assert first["forwarded"] is True and first["upgrade_met"] is None
    assert by_id["TK-002"]["upgrade_met"] is True


def test_documents_and_statistics_are_written(master):
    _setup(master, _good_scores())
    run(master, "score")
    book = load_workbook(master)
    minutes = " ".join(
        str(v) for row in book["Biên bản"].iter_rows(values_only=True) for v in row if v
    )
    assert "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP" in minutes
    assert "Có mặt 4/4 thành viên chấm điểm" in minutes and CHAIR in minutes
    assert "75,13" in minutes and "Đề nghị cấp tỉnh" in minutes
    listed = [
        row[1]
        for row in book["Danh sách đề nghị cấp tỉnh"].iter_rows(values_only=True)
        if isinstance(row[0], int)
    ]
    assert listed == ["Bánh đa Hà Kỳ", "Sản phẩm TK-002"]
    stars = table(master, "star_stats").set_index("star_label")
    assert stars.at["4 sao", "products"] == 2 and stars.at["2 sao", "products"] == 1
    communes = table(master, "commune_stats").set_index("commune")
    assert communes.at["Hà Kỳ", "forwarded"] == 2 and communes.at["Đại Sơn", "products"] == 1
    ws = book["Thống kê kết quả"]
    assert len(ws._charts) == 2


def test_staff_columns_of_ket_qua_are_kept_by_product(master):
    _setup(master, _good_scores())
    run(master, "score")
    book = load_workbook(master)
    ws = book["Kết quả"]
    extra = ws.cell(1, len(MASTER.table("results").columns) + 1)
    extra.value = "Ghi chú của phòng"
    row = next(c.row for c in ws["A"] if c.value == "TK-002")
    ws.cell(row, extra.column, "gọi lại chủ thể")
    tbl = ws.tables["tblKetQua"]  # Excel widens the table when a column is typed beside it
    tbl.ref = f"A1:{extra.column_letter}{tbl.ref.split(':')[1][1:]}"
    book.save(master)
    scores = _good_scores()
    write(master, "registrations", [product("TK-000"), *[product(f"TK-00{i}") for i in (1, 2, 3)]])
    set_scores(master, scores)
    run(master, "score")
    frame = table(master, "results").set_index("product_id")
    assert frame.at["TK-002", "Ghi chú của phòng"] == "gọi lại chủ thể"
    assert frame.at["TK-000", "flag_codes"] == "NO_SCORES"


def test_catalog_mode_scores_each_criterion(master):
    write(
        master,
        "criteria",
        [
            {
                "code": "A1",
                "part": "A",
                "text": "Tổ chức sản xuất",
                "max_points": 40,
            },
            {"code": "B1", "part": "B", "text": "Tiếp thị", "max_points": 25},
            {"code": "C1", "part": "C", "text": "Chất lượng", "max_points": 35},
        ],
    )
    set_products(master, [product("TK-001"), product("TK-002")])
    set_council(master)
    crit = []
    for member in (CHAIR, VICE, M1, M2):
        crit += [
            {"product_id": "TK-001", "member": member, "criterion": "A1", "points": 30},
            {"product_id": "TK-001", "member": member, "criterion": "B1", "points": 20},
            {"product_id": "TK-001", "member": member, "criterion": "C1", "points": "25,5"},
            {"product_id": "TK-002", "member": member, "criterion": "A1", "points": 0},
            {"product_id": "TK-002", "member": member, "criterion": "B1", "points": 25},
            {"product_id": "TK-002", "member": member, "criterion": "C1", "points": 35},
        ]
    write(master, "criterion_scores", crit)
    set_scores(master, [score_row("TK-001", CHAIR, 1, 1, 1)])  # ignored in catalog mode
    result = run(master, "score")
    assert {i.code for i in result.issues} == {"SCORE_PARTS_IGNORED"}
    frame = table(master, "results").set_index("product_id")
    assert frame.at["TK-001", "mean"] == 75.5 and frame.at["TK-001", "star"] == 4
    # a criterion scored 0 decides no requirement: 60 points are 3 stars, forwarded
    assert frame.at["TK-002", "star"] == 3 and frame.at["TK-002", "forwarded"] == "Có"


def test_requirements_recorded_by_the_council_cap_the_star(master):
    write(
        master,
        "requirements",
        [
            {"code": "ATTP", "text": "An toàn thực phẩm", "from_star": 3, "sample": "Có"},
            {"code": "TRUYXUAT", "text": "Truy xuất nguồn gốc", "from_star": 4},
        ],
    )
    set_products(master, [product("TK-001"), product("TK-002"), product("TK-003")])
    set_council(master)
    scores = []
    for member in (CHAIR, VICE, M1, M2):
        scores += [
            score_row("TK-001", member, 35, 20, 20),  # 75: 4 stars on points
            score_row("TK-002", member, 35, 20, 20),
            score_row("TK-003", member, 30, 15, 15),  # 60
        ]
    set_scores(master, scores)
    write(
        master,
        "requirement_checks",
        [
            {"product_id": "TK-001", "requirement": "ATTP", "met": "Có"},
            {
                "product_id": "TK-001",
                "requirement": "TRUYXUAT",
                "met": "Không",
                "note": "chưa có tem",
            },
            {"product_id": "TK-002", "requirement": "ATTP", "met": "Có"},
            {"product_id": "TK-002", "requirement": "TRUYXUAT", "met": "Có"},
            {"product_id": "TK-003", "requirement": "ATTP", "met": "không rõ"},
        ],
    )
    result = run(master, "score")
    bad = next(i for i in result.issues if i.code == "REQUIREMENT_MET_INVALID")
    assert bad.location.sheet == "Đánh giá yêu cầu" and bad.location.cell == "C6"
    frame = table(master, "results").set_index("product_id")
    assert frame.at["TK-001", "star"] == 3 and frame.at["TK-001", "forwarded"] == "Có"
    assert "TRUYXUAT" in frame.at["TK-001", "flags"]
    assert frame.at["TK-002", "star"] == 4
    # TK-003: ATTP matters for its 3 stars and is not validly recorded: no result yet
    assert "REQUIREMENTS_NOT_RECORDED" in frame.at["TK-003", "flag_codes"]
    assert frame.at["TK-003", "forwarded"] == "Không"


def test_an_empty_master_scores_nothing(master):
    result = run(master, "score")
    assert result.counts["products"] == 0
    assert {i.code for i in result.issues} == {"COUNCIL_NO_SCORING_MEMBERS"}
    assert len(table(master, "results")) == 0
