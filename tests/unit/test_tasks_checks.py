"""The task matrix rules of the domain: one lead, known departments, coverage, overlap."""

from ocop_xl.domain.issues import Location, Severity
from ocop_xl.domain.profile import Department, PlanTask
from ocop_xl.domain.tasks import (
    COORDINATE,
    LEAD,
    Assignment,
    DepartmentEntry,
    assignment_issues,
    build_matrix,
    coverage_issues,
    overlap_issues,
)

DEPARTMENTS = {"NN", "TCKH", "YT"}


def _at(cell: str) -> Location:
    return Location(file="m.xlsx", sheet="Nhiệm vụ", cell=cell, row=int(cell[1:]), column=cell[0])


def _row(task="II.1", leads=("NN",), coordinators=(), row=2) -> Assignment:
    return Assignment(task, tuple(leads), tuple(coordinators), _at(f"D{row}"), _at(f"E{row}"))


def test_a_task_with_one_known_lead_and_known_coordinators_is_fine():
    assert assignment_issues(_row(coordinators=("TCKH", "YT")), DEPARTMENTS, "Phòng ban") == []


def test_a_task_without_a_lead_is_an_error_on_the_lead_cell():
    [issue] = assignment_issues(_row(leads=()), DEPARTMENTS, "Phòng ban")
    assert (issue.code, issue.severity, issue.location.cell) == (
        "TASK_LEAD_MISSING",
        Severity.ERROR,
        "D2",
    )
    assert issue.message_vi == (
        "Nhiệm vụ “II.1” chưa có đơn vị chủ trì (ô D2 trang “Nhiệm vụ”): "
        "ghi mã của đúng một phòng ban."
    )


def test_two_leads_are_an_error_that_says_how_many_and_which():
    [issue] = assignment_issues(_row(leads=("NN", "YT")), DEPARTMENTS, "Phòng ban")
    assert issue.code == "TASK_LEAD_SEVERAL"
    assert "có 2 đơn vị chủ trì (NN, YT) ở ô D2" in issue.message_vi


def test_unknown_departments_are_errors_on_the_cell_that_names_them():
    issues = assignment_issues(
        _row(leads=("PHONG_LA",), coordinators=("NN", "XYZ"), row=7), DEPARTMENTS, "Phòng ban"
    )
    assert [(i.code, i.location.cell, i.params["value"]) for i in issues] == [
        ("CONFIG_UNKNOWN_REFERENCE", "D7", "PHONG_LA"),
        ("CONFIG_UNKNOWN_REFERENCE", "E7", "XYZ"),
    ]
    assert issues[0].message_vi == (
        "Mã “PHONG_LA” ở ô D7 trang “Nhiệm vụ” không có trong trang “Phòng ban”."
    )


def test_every_department_needs_a_task_leading_or_coordinating():
    rows = [_row(leads=("NN",), coordinators=("TCKH",))]
    entries = [
        DepartmentEntry(code, Location(sheet="Phòng ban", cell=f"A{i}", row=i))
        for i, code in enumerate(("NN", "TCKH", "YT"), start=2)
    ]
    [issue] = coverage_issues(rows, entries, "Nhiệm vụ")
    assert (issue.code, issue.severity, issue.location.cell) == (
        "TASK_DEPARTMENT_IDLE",
        Severity.ERROR,
        "A4",
    )
    assert issue.message_vi == (
        "Phòng ban “YT” (ô A4 trang “Phòng ban”) không chủ trì hay phối hợp nhiệm vụ nào "
        "trong trang “Nhiệm vụ”."
    )


def test_a_lead_that_also_coordinates_is_a_warning_on_the_coordinators_cell():
    rows = [
        _row("II.2", ("NN",), ("NN", "YT", "NN"), row=3),
        _row("II.3", ("YT",), ("NN",), row=4),
    ]
    [issue] = overlap_issues(rows)
    assert (issue.code, issue.severity, issue.location.cell, issue.params["task"]) == (
        "TASK_LEAD_ALSO_COORDINATES",
        Severity.WARNING,
        "E3",
        "II.2",
    )


def test_matrix_roles_and_counts_per_department():
    departments = [Department(code=c, name=f"Phòng {c}") for c in ("NN", "TCKH", "YT")]
    tasks = [
        PlanTask(code="A", title="Việc A", section="II.1", lead="NN", coordinators=("YT",)),
        PlanTask(code="B", title="Việc B", section="II.2", lead="YT", coordinators=("NN", "TCKH")),
        # the lead written again among coordinators counts once, as lead
        PlanTask(code="C", title="Việc C", section="IV.1", lead="NN", coordinators=("NN",)),
    ]
    matrix = build_matrix(departments, tasks)
    assert [row.roles for row in matrix.rows] == [
        {"NN": LEAD, "YT": COORDINATE},
        {"YT": LEAD, "NN": COORDINATE, "TCKH": COORDINATE},
        {"NN": LEAD},
    ]
    assert [(ld.department.code, ld.leads, ld.coordinations) for ld in matrix.loads] == [
        ("NN", 2, 1),
        ("TCKH", 0, 1),
        ("YT", 1, 1),
    ]
    assert [t.code for t, _ in matrix.load("NN").tasks] == ["A", "B", "C"]


def test_the_tu_ky_plan_gives_every_department_a_task(tu_ky):
    matrix = build_matrix(tu_ky.departments, tu_ky.tasks)
    assert all(load.tasks for load in matrix.loads)
    assert matrix.load("NN").leads == sum(t.lead == "NN" for t in tu_ky.tasks)
    assert matrix.load("VHTT").leads == 2
