"""The department task matrix: who leads (chủ trì) and who coordinates (phối hợp) each task.

The checks on assignments live here once:
- ``assignment_issues`` (exactly one lead; only departments that exist) makes a task row
  unusable, so the configuration reader calls it for every row of Nhiệm vụ: check-config,
  every action that reads the profile, and the tasks action refuse the same cells with the
  same words.
- ``coverage_issues`` (every department has a task) and ``overlap_issues`` (a department
  leads and coordinates the same task) judge the plan as a whole; only the tasks action
  reports them, so a department without a task never blocks scoring or the budget.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import Department, PlanTask

LEAD = "CT"  # chủ trì, as the plan's annex writes it in a cell
COORDINATE = "PH"  # phối hợp
ROLE_LABELS = {LEAD: "Chủ trì", COORDINATE: "Phối hợp"}
NOWHERE = Location()


@dataclass(frozen=True)
class Assignment:
    """One row of Nhiệm vụ as typed: department codes split, with the cells they sit in."""

    task: str
    leads: tuple[str, ...]
    coordinators: tuple[str, ...] = ()
    lead_at: Location = NOWHERE
    coordinators_at: Location = NOWHERE


@dataclass(frozen=True)
class DepartmentEntry:
    """One row of Phòng ban: the code and its cell."""

    code: str
    at: Location = NOWHERE


def assignment_issues(
    row: Assignment, departments: Collection[str], departments_sheet: str
) -> list[Issue]:
    """Errors of one task row: no lead, several leads, department codes that do not exist."""
    issues: list[Issue] = []
    if not row.leads:
        issues.append(Issue.error("TASK_LEAD_MISSING", row.lead_at, task=row.task))
    elif len(row.leads) > 1:
        issues.append(
            Issue.error(
                "TASK_LEAD_SEVERAL",
                row.lead_at,
                task=row.task,
                value=", ".join(row.leads),
                count=len(row.leads),
            )
        )
    for where, codes in ((row.lead_at, row.leads), (row.coordinators_at, row.coordinators)):
        for code in codes:
            if code not in departments:
                issues.append(
                    Issue.error(
                        "CONFIG_UNKNOWN_REFERENCE",
                        where,
                        value=code,
                        target_sheet=departments_sheet,
                    )
                )
    return issues


def coverage_issues(
    rows: Iterable[Assignment], departments: Sequence[DepartmentEntry], tasks_sheet: str
) -> list[Issue]:
    """An error on each department of Phòng ban that neither leads nor coordinates a task."""
    named = {code for row in rows for code in (*row.leads, *row.coordinators)}
    return [
        Issue.error("TASK_DEPARTMENT_IDLE", d.at, value=d.code, target_sheet=tasks_sheet)
        for d in departments
        if d.code and d.code not in named
    ]


def overlap_issues(rows: Iterable[Assignment]) -> list[Issue]:
    """A warning where a task's lead is also written among its coordinators."""
    issues = []
    for row in rows:
        for code in dict.fromkeys(c for c in row.coordinators if c in row.leads):
            issues.append(
                Issue.warning(
                    "TASK_LEAD_ALSO_COORDINATES", row.coordinators_at, value=code, task=row.task
                )
            )
    return issues


# -- the matrix of a valid profile -----------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    task: PlanTask
    roles: dict[str, str]  # department code -> LEAD | COORDINATE


@dataclass(frozen=True)
class DepartmentLoad:
    department: Department
    tasks: tuple[tuple[PlanTask, str], ...]  # (task, role), in the plan's order

    @property
    def leads(self) -> int:
        return sum(role == LEAD for _, role in self.tasks)

    @property
    def coordinations(self) -> int:
        return sum(role == COORDINATE for _, role in self.tasks)


@dataclass(frozen=True)
class TaskMatrix:
    departments: tuple[Department, ...]
    rows: tuple[MatrixRow, ...]
    loads: tuple[DepartmentLoad, ...]

    def load(self, code: str) -> DepartmentLoad:
        return next(load for load in self.loads if load.department.code == code)


def roles_of(task: PlanTask) -> dict[str, str]:
    """Department code -> role. A lead also written as coordinator counts once, as lead."""
    roles = {task.lead: LEAD}
    for code in task.coordinators:
        roles.setdefault(code, COORDINATE)
    return roles


def build_matrix(departments: Sequence[Department], tasks: Sequence[PlanTask]) -> TaskMatrix:
    rows = tuple(MatrixRow(task, roles_of(task)) for task in tasks)
    loads = tuple(
        DepartmentLoad(
            dept,
            tuple((row.task, row.roles[dept.code]) for row in rows if dept.code in row.roles),
        )
        for dept in departments
    )
    return TaskMatrix(tuple(departments), rows, loads)
