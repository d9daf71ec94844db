"""Actions for the plan: the department task matrix (tasks), progress on the targets
(progress) and the office's printable documents (report)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions.budget import LABEL as BUDGET_LABEL
from ocop_xl.actions.common import REGISTRATIONS_LABEL, replace_issues
from ocop_xl.actions.council import SCORE_LABEL
from ocop_xl.actions.plan_inputs import (
    read_activities,
    read_assignments,
    read_registrations,
    read_results,
    read_support,
)
from ocop_xl.actions.registry import action
from ocop_xl.actions.submissions import CONSOLIDATE_LABEL
from ocop_xl.domain.issues import Issue, Severity
from ocop_xl.domain.plan_documents import ActivityLine, progress_report, registration_list
from ocop_xl.domain.plan_documents import task_annex as annex_document
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.targets import (
    RULES,
    Evidence,
    Status,
    TargetProgress,
    basis,
    evaluate,
    percent_vi,
    rule_issues,
)
from ocop_xl.domain.tasks import TaskMatrix, build_matrix, coverage_issues, overlap_issues
from ocop_xl.domain.text import clean
from ocop_xl.workbook.department_workbooks import write_department_workbooks
from ocop_xl.workbook.document_export import export_documents
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.budget import ESTIMATE_DOCUMENT
from ocop_xl.workbook.layout.council import MINUTES_DOCUMENT, PROVINCE_LIST_DOCUMENT
from ocop_xl.workbook.layout.plan import (
    PROGRESS_REPORT_DOCUMENT,
    REGISTRATION_LIST_DOCUMENT,
    TASK_MATRIX_DOCUMENT,
)
from ocop_xl.workbook.port import Workbook, location, records
from ocop_xl.workbook.profile_sheets import collect_profile, read_profile

TASKS_LABEL = "Phân công nhiệm vụ"
PROGRESS_LABEL = "Tiến độ chỉ tiêu"
REPORT_LABEL = "In báo cáo"
# the configuration sections the documents print (Cấu hình is always read)
REPORT_SECTIONS = (
    "communes",
    "departments",
    "tasks",
    "targets",
    "funding_sources",
    "support_items",
)
NO_DATA_TEXT = "chưa có dữ liệu"
NOT_COMPUTABLE_TEXT = "chưa tính được"


# -- drafts -----------------------------------------------------------------------------------

# Which actions' open errors on Kiểm tra make a document a draft: the actions that check the
# data the document is made from (DỰ THẢO and the count above its title and on every page).
DRAFT_SOURCES: dict[str, tuple[str, ...]] = {
    REGISTRATION_LIST_DOCUMENT.name: (CONSOLIDATE_LABEL, REGISTRATIONS_LABEL),
    MINUTES_DOCUMENT.name: (SCORE_LABEL,),
    PROVINCE_LIST_DOCUMENT.name: (SCORE_LABEL,),
    ESTIMATE_DOCUMENT.name: (BUDGET_LABEL,),
    TASK_MATRIX_DOCUMENT.name: (TASKS_LABEL,),
    PROGRESS_REPORT_DOCUMENT.name: (PROGRESS_LABEL, BUDGET_LABEL, SCORE_LABEL),
}


def open_errors(wb: Workbook, labels: Collection[str], extra: Iterable[Issue] = ()) -> int:
    """The errors on Kiểm tra found by the actions ``labels`` (and ``extra``, not yet on the
    sheet), each problem counted once even when two actions report it."""
    seen: set[tuple] = set()
    if wb.has_sheet("issues"):
        frame = wb.read_table("issues")
        wanted = frame[frame["action"].isin(list(labels)) & (frame["severity"] == "Lỗi")]
        for _, rec in wanted.iterrows():
            seen.add(tuple(clean(rec.get(k)) for k in ("code", "file", "sheet", "cell", "message")))
    for i in extra:
        if i.severity is Severity.ERROR:
            loc = i.location
            seen.add((i.code, loc.file or "", loc.sheet or "", loc.cell or "", i.message_vi))
    return len(seen)


def draft_counts(wb: Workbook) -> dict[str, int]:
    """Every document's open errors, as ``DRAFT_SOURCES`` says."""
    return {name: open_errors(wb, labels) for name, labels in DRAFT_SOURCES.items()}


# -- the task matrix --------------------------------------------------------------------------


def matrix_findings(wb: Workbook) -> list[Issue]:
    """Checks on the plan as a whole: every department has a task, no lead coordinates its
    own task. (One lead and known departments are checked when the profile is read.)"""
    assignments, departments = read_assignments(wb)
    tasks_sheet = MASTER.table("tasks").sheet
    return coverage_issues(assignments, departments, tasks_sheet) + overlap_issues(assignments)


def write_matrix(wb: Workbook, profile: Profile, day: date | None) -> TaskMatrix:
    """Phân công, a draft while Kiểm tra holds errors of the task checks (written first)."""
    matrix = build_matrix(profile.departments, profile.tasks)
    errors = open_errors(wb, DRAFT_SOURCES[TASK_MATRIX_DOCUMENT.name])
    document = replace(annex_document(profile, matrix, day), draft_errors=errors)
    wb.write_document(TASK_MATRIX_DOCUMENT.name, document)
    return matrix


def _matrix_data(matrix: TaskMatrix) -> dict[str, Any]:
    return {
        "tasks": [
            {
                "code": row.task.code,
                "section": row.task.section,
                "title": row.task.title,
                "lead": row.task.lead,
                "coordinators": [c for c in row.task.coordinators if c != row.task.lead],
                "deadline": row.task.deadline,
            }
            for row in matrix.rows
        ],
        "departments": [
            {
                "code": load.department.code,
                "name": load.department.name,
                "leads": load.leads,
                "coordinations": load.coordinations,
            }
            for load in matrix.loads
        ],
    }


@action("tasks", TASKS_LABEL)
def tasks(wb: Workbook, out: Path | None = None) -> ActionResult:
    """Check Nhiệm vụ against Phòng ban, write Phân công and, with ``out``, one workbook per
    department."""
    profile, issues = collect_profile(wb, ("departments", "tasks"))
    issues = issues + matrix_findings(wb)
    result = ActionResult("tasks")
    day = profile.document_date if profile is not None else None
    if profile is None:
        issues.append(Issue.error("TASKS_NOT_WRITTEN"))
        replace_issues(wb, TASKS_LABEL, issues)
        result.issues = issues
        result.summary = [("Bảng phân công", "chưa lập (lỗi cấu hình)")]
        return result
    replace_issues(wb, TASKS_LABEL, issues)
    matrix = write_matrix(wb, profile, day)
    files: list[tuple[str, Path]] = []
    if out is not None:
        files, file_issues = write_department_workbooks(profile, matrix, Path(out), day)
        if file_issues:
            issues += file_issues
            replace_issues(wb, TASKS_LABEL, issues)
    result.issues = issues
    result.counts = {
        "tasks": len(matrix.rows),
        "departments": len(matrix.loads),
        "files": len(files),
    }
    result.data = {
        **_matrix_data(matrix),
        "files": [{"department": code, "file": str(path)} for code, path in files],
    }
    result.outputs = [str(path) for _, path in files]
    result.summary = [
        ("Số nhiệm vụ", str(len(matrix.rows))),
        ("Số phòng ban", str(len(matrix.loads))),
        *(
            (load.department.name, f"chủ trì {load.leads}, phối hợp {load.coordinations}")
            for load in matrix.loads
        ),
        ("Trang tính", TASK_MATRIX_DOCUMENT.sheet),
    ]
    if out is not None:
        result.summary.append(("Tệp gửi các phòng ban", f"{len(files)} tệp trong {out}"))
    return result


# -- targets and progress ---------------------------------------------------------------------


@dataclass
class ProgressOutcome:
    progress: list[TargetProgress]
    activities: list[ActivityLine]
    no_data_sheets: list[str]
    issues: list[Issue] = field(default_factory=list)


def compute_progress(wb: Workbook, profile: Profile, today: date) -> ProgressOutcome:
    """Every target's actual value from the data, with the problems found on the way."""
    issues: list[Issue] = []
    frame = wb.read_table("targets")
    rows = {clean(rec.get("code")): row for row, rec in records(frame)}
    item_codes = [i.code for i in profile.support_items]
    items_sheet = MASTER.table("support_items").sheet
    broken = set()
    for target in profile.targets:
        row = rows.get(target.code)
        found = rule_issues(
            target,
            item_codes,
            rule_at=location(frame, row, "rule"),
            params_at=location(frame, row, "params"),
            items_sheet=items_sheet,
        )
        if found:
            broken.add(target.code)
            issues += found
    results, found_results = read_results(wb)
    products, _ = read_registrations(wb)
    registered = [p.product_id for p in products if p.product_id] if products else None
    support, found_support = read_support(wb, profile, registered)
    activities = read_activities(wb, profile, today)
    issues += found_results + found_support + activities.issues
    evidence = Evidence(results=results, support=support, activities=activities.records)
    progress = evaluate(profile.targets, evidence, broken)
    used = {RULES[p.target.rule].source for p in progress if p.computable}
    no_data = [
        MASTER.table(source).sheet
        for source in ("results", "budget_lines", "activities")
        if source in used and evidence.of(source) is None
    ]
    return ProgressOutcome(progress, activities.lines, no_data, issues)


def _actual_cell(p: TargetProgress) -> int | str:
    if not p.computable:
        return NOT_COMPUTABLE_TEXT
    return NO_DATA_TEXT if p.actual is None else p.actual


def _basis_cell(p: TargetProgress) -> str:
    if not p.computable:
        return "Cách tính hoặc tham số sai: xem trang " + MASTER.table("issues").sheet
    sheet = MASTER.table(RULES[p.target.rule].source).sheet
    text = basis(p.target, sheet)
    return text + (f"; trang {sheet} chưa có dữ liệu" if p.actual is None else "")


def write_progress(
    wb: Workbook, profile: Profile, outcome: ProgressOutcome, data_day: date
) -> None:
    """Tiến độ and the progress report: figures as they stood on ``data_day``, the report
    dated with Cấu hình's document date (blank when unset), a draft while Kiểm tra holds
    errors of its sources (the progress checks written first)."""
    keys = list(MASTER.table("progress").keys)
    frame = pd.DataFrame(
        [
            {
                "code": p.target.code,
                "title": p.target.title,
                "unit": p.target.unit,
                "minimum": p.target.minimum,
                "stretch": p.target.stretch,
                "actual": _actual_cell(p),
                "percent": float(p.share_of_minimum) if p.share_of_minimum is not None else None,
                "status": p.status.label_vi,
                "basis": _basis_cell(p),
            }
            for p in outcome.progress
        ],
        columns=keys,
    )
    wb.write_table("progress", frame)
    document = progress_report(
        profile,
        outcome.progress,
        outcome.activities,
        profile.document_date,
        outcome.no_data_sheets,
        data_day=data_day,
        bases=[_basis_cell(p) for p in outcome.progress],
    )
    errors = open_errors(wb, DRAFT_SOURCES[PROGRESS_REPORT_DOCUMENT.name])
    wb.write_document(PROGRESS_REPORT_DOCUMENT.name, replace(document, draft_errors=errors))


def _target_data(p: TargetProgress) -> dict[str, Any]:
    share = p.share_of_minimum
    return {
        "code": p.target.code,
        "title": p.target.title,
        "unit": p.target.unit,
        "rule": p.target.rule,
        "params": list(p.target.params),
        "minimum": p.target.minimum,
        "stretch": p.target.stretch,
        "actual": p.actual,
        "percent_of_minimum": round(float(share * 100), 1) if share is not None else None,
        "status": p.status.label_vi,
        "status_code": str(p.status),
    }


@action("progress", PROGRESS_LABEL)
def progress(wb: Workbook, as_of: date | None = None) -> ActionResult:
    """Compute every target's actual value and write Tiến độ and the progress report.
    Dates are judged against ``as_of`` (else Cấu hình's, else today within the plan year)."""
    profile = read_profile(wb, ("targets", "funding_sources", "support_items"))
    day = profile.judging_day(date.today(), as_of)
    outcome = compute_progress(wb, profile, day)
    replace_issues(wb, PROGRESS_LABEL, outcome.issues)
    write_progress(wb, profile, outcome, day)
    by_status = {s: sum(p.status is s for p in outcome.progress) for s in Status}
    return ActionResult(
        "progress",
        issues=outcome.issues,
        counts={
            "targets": len(outcome.progress),
            "met": by_status[Status.MET] + by_status[Status.EXCEEDED],
            "below": by_status[Status.BELOW],
            "no_data": by_status[Status.NO_DATA],
            "activities": len(outcome.activities),
        },
        data={"targets": [_target_data(p) for p in outcome.progress]},
        summary=[(p.target.code, _summary_line(p)) for p in outcome.progress],
    )


def _summary_line(p: TargetProgress) -> str:
    t = p.target
    wanted = f"{t.minimum}-{t.stretch}" if t.stretch > t.minimum else str(t.minimum)
    if p.actual is None:
        return f"{_actual_cell(p)} (chỉ tiêu {wanted} {t.unit})"
    share = percent_vi(p.share_of_minimum)
    return (
        f"{p.actual}/{wanted} {t.unit}"
        + (f" ({share})" if share else "")
        + f": {p.status.label_vi}"
    )


# -- the documents --------------------------------------------------------------------------

# In the order the office files them; each is exported to "NN-<sheet>.xlsx".
REPORT_DOCUMENTS = (
    REGISTRATION_LIST_DOCUMENT,
    MINUTES_DOCUMENT,
    PROVINCE_LIST_DOCUMENT,
    ESTIMATE_DOCUMENT,
    TASK_MATRIX_DOCUMENT,
    PROGRESS_REPORT_DOCUMENT,
)


@action("report", REPORT_LABEL)
def report(wb: Workbook, out: Path, pdf: bool = False, as_of: date | None = None) -> ActionResult:
    """Refresh the plan's own documents from the data, then export every printable document
    of the master to its own file in ``out`` (and PDF with ``pdf``)."""
    profile = read_profile(wb, REPORT_SECTIONS)
    day = profile.judging_day(date.today(), as_of)
    task_issues = matrix_findings(wb)
    replace_issues(wb, TASKS_LABEL, task_issues)
    write_matrix(wb, profile, profile.document_date)
    outcome = compute_progress(wb, profile, day)
    replace_issues(wb, PROGRESS_LABEL, outcome.issues)
    write_progress(wb, profile, outcome, day)
    products, registration_issues = read_registrations(wb)
    drafts = draft_counts(wb)
    listing = REGISTRATION_LIST_DOCUMENT.name
    drafts[listing] = open_errors(wb, DRAFT_SOURCES[listing], registration_issues)
    if products:
        document = registration_list(profile, products, profile.document_date)
        wb.write_document(listing, replace(document, draft_errors=drafts[listing]))
    own = {
        REGISTRATION_LIST_DOCUMENT.name: bool(products),
        TASK_MATRIX_DOCUMENT.name: True,
        PROGRESS_REPORT_DOCUMENT.name: bool(outcome.progress),
    }
    documents, export_issues = export_documents(
        wb,
        [(spec, own.get(spec.name)) for spec in REPORT_DOCUMENTS],
        Path(out),
        pdf=pdf,
        drafts=drafts,
    )
    report_issues = registration_issues + export_issues
    replace_issues(wb, REPORT_LABEL, report_issues)
    exported = [d for d in documents if d.outcome == "exported"]
    return ActionResult(
        "report",
        issues=task_issues + outcome.issues + report_issues,
        counts={
            "documents": len(documents),
            "exported": len(exported),
            "pdf": sum(d.pdf is not None for d in documents),
            "no_data": sum(d.outcome == "no_data" for d in documents),
        },
        data={"documents": [d.to_dict() for d in documents], "folder": str(out)},
        outputs=[str(p) for d in exported for p in (d.xlsx, d.pdf) if p is not None],
        summary=[
            *((d.sheet, d.outcome_vi) for d in documents),
            ("Thư mục", str(out)),
        ],
    )
