"""Actions for commune submissions: the template sent to communes, the consolidation of
what comes back, and the annotated copies returned to communes with problems."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions.common import complete_registered, read_optional_table, replace_issues
from ocop_xl.actions.registry import action
from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.precheck import ROW_KEYS as PRECHECK_ROW_KEYS
from ocop_xl.domain.precheck import PrecheckMerge, PrecheckSource, merge_prechecks
from ocop_xl.domain.profile import Commune, Profile
from ocop_xl.domain.registrations import CommuneNames, complete
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.submissions import (
    FileOutcome,
    Product,
    Rules,
    is_filled,
)
from ocop_xl.domain.submissions import (
    consolidate as consolidate_files,
)
from ocop_xl.domain.submissions.model import FileSummary
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_batch import checked_files, warm_up
from ocop_xl.workbook.commune_reader import expand_sources, read_submission
from ocop_xl.workbook.commune_template import template_file_name, write_template
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.port import ROW_INDEX, Workbook, location, records
from ocop_xl.workbook.profile_sheets import read_profile
from ocop_xl.workbook.returns import (
    ERROR_LABEL,
    NOT_RETURNABLE,
    make_return,
    return_file_name,
)

TEMPLATE_LABEL = "Tạo mẫu đăng ký"
CONSOLIDATE_LABEL = "Tổng hợp hồ sơ xã"
RETURNS_LABEL = "Trả hồ sơ cho xã"
# the configuration sections the forms and the checks of a submission use (with Cấu hình)
COMMUNE_SECTIONS = ("communes", "support_items", "route")
RECEIVED_USED = "Đã tổng hợp"
RECEIVED_REFUSED = "Không dùng được"
REGISTRATION_KEYS = list(MASTER.table("registrations").keys)


def shown_path(path: Path, folder: Path | None) -> str:
    """How a source file is named everywhere (Kiểm tra, Đăng ký, the report): relative to
    the master's folder when it lies inside it, else its full path."""
    # abspath, not resolve(): resolving walks every folder of the path on disk, per file.
    absolute = Path(os.path.abspath(path))
    if folder is not None:
        try:
            return absolute.relative_to(os.path.abspath(folder)).as_posix()
        except ValueError:
            pass
    return str(absolute)


def source_path(shown: str, folder: Path | None) -> Path:
    path = Path(shown)
    return path if path.is_absolute() or folder is None else Path(folder) / path


# -- template -----------------------------------------------------------------------------


def _pick_communes(profile: Profile, wanted: str | None) -> list[Commune]:
    if wanted is None or is_blank(wanted):
        return list(profile.communes)
    key = fold(wanted)
    for commune in profile.communes:
        if key in (fold(commune.code), fold(commune.name), fold(commune.full_name)):
            return [commune]
    raise OcopError(
        "COMMUNE_NOT_IN_PLAN",
        value=clean(wanted),
        known=", ".join(c.code for c in profile.communes),
    )


@action("template", TEMPLATE_LABEL)
def template(wb: Workbook, out: Path, commune: str | None = None) -> ActionResult:
    """One registration workbook per commune (or for ``commune`` only) in ``out``."""
    profile = read_profile(wb, COMMUNE_SECTIONS)
    criteria = criteria_set(profile.criteria_set)
    communes = _pick_communes(profile, commune)
    out = Path(out)
    result = ActionResult("template")
    written: list[dict[str, str]] = []
    for done, c in enumerate(communes, start=1):
        wb.progress(done - 1, len(communes), f"Mẫu đăng ký: {c.full_name}")
        path = out / template_file_name(profile, c)
        if path.exists() and not _blank_template(path):
            result.issues.append(Issue.warning("TEMPLATE_KEPT_FILLED", Location(str(path))))
            continue
        write_template(path, profile, criteria, c, date.today())
        result.outputs.append(str(path))
        written.append({"commune": c.code, "file": str(path)})
    wb.progress(len(communes), len(communes), "Mẫu đăng ký")
    replace_issues(wb, TEMPLATE_LABEL, result.issues)
    result.counts = {"templates": len(written), "kept": len(communes) - len(written)}
    result.data["templates"] = written
    result.summary = [
        ("Thư mục", str(out)),
        ("Số mẫu đã tạo", str(len(written))),
        ("Bộ tiêu chí", criteria.code),
    ]
    return result


def _blank_template(path: Path) -> bool:
    """Only a template nobody has filled in may be overwritten by a new one."""
    outcome = read_submission(path)
    if outcome.sheet is None or not outcome.sheet.meta:
        return False
    return not any(is_filled(values) for _, values in outcome.sheet.rows)


# -- consolidate --------------------------------------------------------------------------


_READ_FROM = "_excel_row"  # where a kept row was read from, until it is written back


def _existing_products(
    frame: pd.DataFrame, replaced: set[str]
) -> list[tuple[dict[str, Any], Product]]:
    """The rows of Đăng ký this consolidation keeps: those of communes it does not read
    again, and those the office typed by hand (no source file)."""
    pairs = []
    for excel_row, rec in records(frame):
        from_file = not is_blank(rec.get("source_file"))
        if from_file and clean(rec.get("commune_code")) in replaced:
            continue
        row = {k: rec.get(k) for k in REGISTRATION_KEYS}
        row[_READ_FROM] = excel_row
        for key in ("product_id", "commune_code", "product_name", "producer", "tax_id"):
            row[key] = clean(row[key]) if not is_blank(row[key]) else row[key]
        pairs.append((row, Product.from_row(row)))
    return pairs


@action("consolidate", CONSOLIDATE_LABEL)
def consolidate(wb: Workbook, sources: list[Path], as_of: date | None = None) -> ActionResult:
    """Read the commune files in ``sources`` (files or folders) into Đăng ký; every
    problem goes to Kiểm tra and the report. Certificate dates are judged against
    ``as_of`` (else Cấu hình's, else today within the plan's year)."""
    folder = wb.folder
    master_path = [folder / wb.name] if folder is not None else []
    paths, issues = expand_sources([Path(s) for s in sources], skip=master_path)
    warm_up(len(paths))  # the worker processes get ready while the master is read
    profile = read_profile(wb, COMMUNE_SECTIONS)
    day = profile.judging_day(date.today(), as_of)
    rules = Rules.for_plan(profile, criteria_set(profile.criteria_set), day)

    outcomes: list[FileOutcome] = []
    refused: list[FileSummary] = []
    inputs: list[tuple[str, str]] = []
    # In worker processes when there are many files (the bar moves here as their results
    # arrive), while this one reads Đăng ký.
    results = checked_files(
        [(path, shown_path(path, folder)) for path in paths],
        rules,
        before=lambda i: wb.progress(i, len(paths), f"Đọc {paths[i].name}"),
    )
    before = wb.read_table("registrations")
    for checked in results:
        shown = checked.file
        if checked.sha256:
            inputs.append((shown, checked.sha256))
        outcome = checked.outcome
        if outcome is None:
            issues.extend(checked.read_issues)
            refused.append(
                FileSummary(shown, checked.sha256, errors=len(checked.read_issues), refused=True)
            )
            continue
        outcome.issues[:0] = checked.read_issues
        outcome.summary.warnings += len(checked.read_issues)
        outcomes.append(outcome)
    wb.progress(len(paths), len(paths), "Kiểm tra trùng lặp")

    replaced = {o.commune_code for o in outcomes if o.commune_code}
    kept = _existing_products(before, replaced)
    names = CommuneNames(profile.communes)
    for row, p in kept:  # a row the office typed: its commune code and ID filled in
        if is_blank(row.get("source_file")):
            completed = complete(row, names, lambda _key: Location(), {}, typed=False)
            row.update(completed.filled)
            p.product_id, p.commune_code = completed.product_id, completed.commune_code
            p.commune = completed.commune
    merged = consolidate_files(outcomes, [p for _, p in kept], rules)
    issues.extend(merged.issues)

    rows = [row for row, _ in kept] + [p.to_row() for p in merged.products]
    rows.sort(key=lambda r: rules.commune_order(clean(r.get("commune_code"))))
    # A kept row takes its own cells along (the office's columns, formulas, notes); a row
    # read again from a commune's file finds them by its product ID.
    index = pd.Index([r.pop(_READ_FROM, None) for r in rows], name=ROW_INDEX)
    wb.write_table("registrations", pd.DataFrame(rows, columns=REGISTRATION_KEYS, index=index))
    files = merged.files + refused
    prechecks = None
    if rules.pre_check:  # the communes' assessments into Kiểm tra của xã
        prechecks = _record_prechecks(wb, merged.products, replaced, before, files)
        if prechecks is None:
            issues.append(Issue.warning("PRECHECK_SHEET_MISSING", master=wb.name))
        else:
            issues.extend(prechecks.issues)
    replace_issues(wb, CONSOLIDATE_LABEL, issues)
    # What still keeps a typed row out, at its cell as the rows now stand (own label).
    _, typed_issues = complete_registered(wb)

    _record_received_files(wb, files, replaced)
    products = [p.to_report() for _, p in kept] + [p.to_report() for p in merged.products]
    products.sort(key=lambda e: rules.commune_order(e["commune"]))
    result = ActionResult("consolidate", issues=issues + typed_issues, inputs=inputs)
    result.counts = {
        "files": len(paths),
        "files_refused": sum(1 for f in files if f.refused),
        "rows_read": sum(f.rows for f in files),
        "products": len(rows),
        "products_from_files": len(merged.products),
        "products_kept": len(kept),
        "communes": len(merged.communes),
    }
    if prechecks is not None:
        result.counts["prechecks_from_files"] = prechecks.written
        result.counts["prechecks_kept_typed"] = prechecks.kept_typed
    result.data = {
        "files": [f.to_report() for f in files],
        "products": products,
    }
    result.summary = [
        ("Số tệp đã đọc", str(len(paths))),
        ("Tệp không dùng được", str(result.counts["files_refused"])),
        ("Số xã có hồ sơ", str(len(merged.communes))),
        ("Sản phẩm lấy từ các tệp", str(len(merged.products))),
        ("Sản phẩm giữ nguyên (xã khác, nhập tay)", str(len(kept))),
        ("Tổng số sản phẩm trong trang Đăng ký", str(len(rows))),
    ]
    if prechecks is not None:
        result.summary.append(("Kết quả đánh giá của xã lấy từ các tệp", str(prechecks.written)))
    return result


def _record_prechecks(
    wb: Workbook,
    products: list[Product],
    replaced: set[str],
    before: pd.DataFrame,
    files: list[FileSummary],
) -> PrecheckMerge | None:
    """Kiểm tra của xã: the commune's assessment of each product read from its file; rows the
    office typed stay theirs (``domain.precheck.merge_prechecks``). None when the master
    has no such sheet."""
    frame = read_optional_table(wb, "precheck")
    if frame is None:
        return None
    known = {f.file for f in files}
    known |= {clean(v) for v in before.get("source_file", []) if not is_blank(v)}
    known |= set(_received_hashes(wb))
    communes = {
        clean(rec.get("product_id")).casefold(): clean(rec.get("commune_code"))
        for _, rec in records(before)
        if not is_blank(rec.get("product_id"))
    }
    merge = merge_prechecks(
        records(frame),
        [
            PrecheckSource(p.product_id, p.commune_code, p.commune, p.source_file, p.precheck)
            for p in products
        ],
        replaced,
        known,
        communes,
        lambda row, key: location(frame, row, key),
    )
    index = pd.Index([row for row, _ in merge.rows], name=ROW_INDEX)
    values = [values for _, values in merge.rows]
    wb.write_table("precheck", pd.DataFrame(values, columns=list(PRECHECK_ROW_KEYS), index=index))
    return merge


# -- returns ------------------------------------------------------------------------------


def _record_received_files(wb: Workbook, files: list[FileSummary], replaced: set[str]) -> None:
    """Hồ sơ đã nhận: this run's files, and the earlier ones of communes not read again."""
    keys = list(MASTER.table("received_files").keys)
    now = datetime.now().replace(microsecond=0)
    current = {f.file for f in files}
    rows = []
    if wb.has_sheet("received_files"):
        for _, rec in records(wb.read_table("received_files")):
            if rec.get("file") not in current and rec.get("commune_code") not in replaced:
                rows.append({k: rec.get(k) for k in keys})
    for f in files:
        rows.append(
            {
                "file": f.file,
                "commune_code": f.commune,
                "status": RECEIVED_REFUSED if f.refused else RECEIVED_USED,
                "rows": f.rows,
                "products": f.products,
                "errors": f.errors,
                "warnings": f.warnings,
                "read_at": now,
                "sha256": f.sha256,
            }
        )
    wb.write_table("received_files", pd.DataFrame(rows, columns=keys))


def _received_hashes(wb: Workbook) -> dict[str, str]:
    """File -> SHA-256 as the consolidations read it (the Hồ sơ đã nhận sheet)."""
    if not wb.has_sheet("received_files"):
        return {}
    return {
        str(rec["file"]): str(rec["sha256"])
        for _, rec in records(wb.read_table("received_files"))
        if not is_blank(rec.get("file")) and not is_blank(rec.get("sha256"))
    }


@action("returns", RETURNS_LABEL)
def returns(wb: Workbook, out: Path) -> ActionResult:
    """For each commune file with problems on the Kiểm tra sheet, a copy in ``out`` with
    the problem cells coloured and commented, and a sheet listing the problems."""
    out = Path(out)
    frame = wb.read_table("issues")
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, rec in records(frame):
        if rec.get("action") == CONSOLIDATE_LABEL and not is_blank(rec.get("file")):
            by_file[str(rec["file"])].append(rec)
    hashes = _received_hashes(wb)
    result = ActionResult("returns")
    returned: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    files = list(by_file.items())
    for done, (shown, problems) in enumerate(files):
        wb.progress(done, len(files), f"Trả hồ sơ: {Path(shown).name}")
        codes = {clean(p.get("code")) for p in problems}
        if codes & NOT_RETURNABLE:
            skipped.append({"file": shown, "reason": ", ".join(sorted(codes & NOT_RETURNABLE))})
            continue
        path = source_path(shown, wb.folder)
        where = Location(shown)
        if not path.is_file():
            result.issues.append(Issue.warning("RETURN_SOURCE_MISSING", where))
            skipped.append({"file": shown, "reason": "RETURN_SOURCE_MISSING"})
            continue
        if shown in hashes and _sha256(path) != hashes[shown]:
            result.issues.append(Issue.warning("RETURN_SOURCE_CHANGED", where))
            skipped.append({"file": shown, "reason": "RETURN_SOURCE_CHANGED"})
            continue
        target = out / return_file_name(path)
        try:
            written = make_return(path, target, problems, shown)
        except OcopError as exc:
            result.issues.append(Issue.warning("RETURN_UNREADABLE", where, detail=exc.message_vi))
            skipped.append({"file": shown, "reason": "RETURN_UNREADABLE"})
            continue
        result.outputs.append(str(written))
        returned.append(
            {
                "file": shown,
                "returned": str(written),
                "errors": sum(1 for p in problems if p.get("severity") == ERROR_LABEL),
                "warnings": sum(1 for p in problems if p.get("severity") != ERROR_LABEL),
            }
        )
    wb.progress(len(files), len(files), "Trả hồ sơ")
    replace_issues(wb, RETURNS_LABEL, result.issues)
    result.counts = {"returned": len(returned), "not_returned": len(skipped)}
    result.data = {"returned": returned, "not_returned": skipped}
    result.summary = [
        ("Thư mục", str(out)),
        ("Số tệp gửi trả", str(len(returned))),
        ("Tệp không gửi trả được", str(len(skipped))),
    ]
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
