"""The tasks action on a real master: checks on Nhiệm vụ and Phòng ban with their cells, the
Phân công annex, and one workbook per department."""

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.plan import DEPARTMENT_SHEET

DEPARTMENT_CODES = ["NN", "TCKH", "YT", "VHTT", "TNMT", "DPT", "KHAC", "UBNDX"]


def _found(issues):
    return {(i.code, i.location.sheet, i.location.cell) for i in issues}


def _table(ws, first_header: str = "TT"):
    """The rendered table of a document sheet: header texts and the rows below them."""
    for row in ws.iter_rows():
        if row[0].value == first_header:
            header = [c.value for c in row]
            body = [
                list(r) for r in ws.iter_rows(min_row=row[0].row + 1) if any(c.value for c in r)
            ]
            return header, body
    raise AssertionError(f"no table in {ws.title}")


def test_matrix_checks_point_at_their_cells_and_the_annex_is_written(master, tmp_path):
    book = load_workbook(master)
    departments = book["Phòng ban"]
    departments["A10"], departments["B10"] = "KHCN", "Phòng Khoa học và Công nghệ"
    book["Nhiệm vụ"]["E3"] = "UBNDX, NN, KHAC"  # II.2 is led by NN
    book.save(master)

    result = run_action("tasks", FileWorkbook.open(master), out=tmp_path / "phan-cong")

    assert _found(result.issues) == {
        ("TASK_DEPARTMENT_IDLE", "Phòng ban", "A10"),
        ("TASK_LEAD_ALSO_COORDINATES", "Nhiệm vụ", "E3"),
    }
    assert [i.severity for i in result.issues if i.code == "TASK_DEPARTMENT_IDLE"] == ["error"]

    book = load_workbook(master)
    header, body = _table(book["Phân công"])
    assert header[:3] == ["TT", "Mục", "Nội dung nhiệm vụ"]
    assert header[3:12] == [*DEPARTMENT_CODES, "KHCN"]
    col = {code: header.index(code) for code in header[3:12]}
    first = body[0]
    assert first[2].value.startswith("Tuyên truyền")
    assert (first[col["DPT"]].value, first[col["NN"]].value, first[col["UBNDX"]].value) == (
        "CT",
        "PH",
        "PH",
    )
    assert first[col["DPT"]].fill.start_color.rgb.endswith("F8CBAD")
    assert first[col["NN"]].fill.start_color.rgb.endswith("DDEBF7")
    assert first[col["YT"]].value in (None, "")
    second = body[1]
    assert second[col["NN"]].value == "CT"  # lead and coordinator at once: shown as lead
    leads = next(r for r in body if r[2].value == "Số nhiệm vụ chủ trì")
    coordinations = next(r for r in body if r[2].value == "Số nhiệm vụ phối hợp")
    assert leads[col["NN"]].value == 12 and leads[col["VHTT"]].value == 2
    assert coordinations[col["UBNDX"]].value == 8
    assert leads[col["KHCN"]].value == 0 and coordinations[col["KHCN"]].value == 0
    ws = book["Phân công"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9

    checks = book["Kiểm tra"]
    rows = [[c.value for c in r] for r in checks.iter_rows()]
    col = {h: i for i, h in enumerate(rows.pop(0))}
    action, code, cell = col["Chức năng"], col["Mã lỗi"], col["Ô"]
    assert {(r[action], r[code], r[cell]) for r in rows} == {
        ("Phân công nhiệm vụ", "TASK_DEPARTMENT_IDLE", "A10"),
        ("Phân công nhiệm vụ", "TASK_LEAD_ALSO_COORDINATES", "E3"),
    }

    assert result.data["departments"][0] == {
        "code": "NN",
        "name": "Phòng Nông nghiệp và PTNT",
        "leads": 12,
        "coordinations": 10,
    }
    assert result.data["tasks"][1]["coordinators"] == ["UBNDX", "KHAC"]


def test_one_workbook_per_department_with_its_tasks(master, tmp_path):
    out = tmp_path / "phan-cong"
    result = run_action("tasks", FileWorkbook.open(master), out=out)
    files = sorted(p.name for p in out.glob("*.xlsx"))
    assert files == sorted(f"phan-cong-{c.lower()}.xlsx" for c in DEPARTMENT_CODES)
    assert result.counts["files"] == 8 and len(result.outputs) == 8

    book = load_workbook(out / "phan-cong-vhtt.xlsx")
    assert book.sheetnames == [DEPARTMENT_SHEET]
    ws = book[DEPARTMENT_SHEET]
    texts = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert "DANH MỤC NHIỆM VỤ GIAO PHÒNG VĂN HÓA VÀ THÔNG TIN" in texts
    header, body = _table(ws)
    assert header == [
        "TT",
        "Mã nhiệm vụ",
        "Nội dung nhiệm vụ",
        "Vai trò",
        "Đơn vị cùng thực hiện",
        "Thời hạn",
        "Sản phẩm đầu ra",
    ]
    tasks = {r[1].value: (r[3].value, r[4].value, r[5].value) for r in body if r[1].value}
    assert tasks["IV.4.b"] == (
        "Chủ trì",
        "Phối hợp: Phòng Nông nghiệp và PTNT; UBND các xã, thị trấn",
        "Cả năm",
    )
    assert tasks["II.4.d"] == ("Phối hợp", "Chủ trì: Phòng Nông nghiệp và PTNT", "Cả năm")
    assert len(tasks) == 5
    assert ws["A1"].font.name == "Times New Roman"
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows

    # run again: the files are replaced whole, nothing else appears in the folder
    run_action("tasks", FileWorkbook.open(master), out=out)
    assert sorted(p.name for p in out.iterdir()) == files


def test_broken_assignments_are_refused_in_one_pass_the_same_way_as_check_config(master):
    book = load_workbook(master)
    tasks = book["Nhiệm vụ"]
    tasks["D2"] = None  # II.1: no lead
    tasks["D3"] = "NN, YT"  # II.2: two leads
    tasks["E4"] = "UBNDX, PHONG_LA"  # II.3: a coordinator that does not exist
    book.save(master)

    result = run_action("tasks", FileWorkbook.open(master), out=None)
    expected = {
        ("TASK_LEAD_MISSING", "Nhiệm vụ", "D2"),
        ("TASK_LEAD_SEVERAL", "Nhiệm vụ", "D3"),
        ("CONFIG_UNKNOWN_REFERENCE", "Nhiệm vụ", "E4"),
    }
    assert _found(result.issues) == expected | {("TASKS_NOT_WRITTEN", "", "")}
    assert all(i.is_error for i in result.issues)
    # nothing is written from a broken configuration
    ws = load_workbook(master)["Phân công"]
    assert all(c.value is None for r in ws.iter_rows() for c in r)

    # the same rule, the same cells, when the configuration is checked
    config = run_action("check-config", FileWorkbook.open(master))
    assert _found(config.issues) == expected
    several = next(i for i in config.issues if i.code == "TASK_LEAD_SEVERAL")
    assert several.message_vi == (
        "Nhiệm vụ “II.2” có 2 đơn vị chủ trì (NN, YT) ở ô D3 trang “Nhiệm vụ”: mỗi nhiệm vụ "
        "chỉ có đúng một đơn vị chủ trì, các đơn vị khác ghi vào cột Phối hợp."
    )
