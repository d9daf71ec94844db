"""The product register (Sổ theo dõi OCOP): alerts, imports of earlier years, and its part
in the council's flow.

- ``registry`` (ribbon button *Sổ theo dõi OCOP*): the register as of a day: this round's
  recognitions from Sổ giấy chứng nhận, re-evaluation registrations linked, each row's
  validity, status and alert, the colours, the summary by commune and star, the printable
  list and Kiểm tra rows with their cells.
- ``registry-import``: earlier years' masters and the office's lists merged in.
- ``after_score``: called by ``score``: this year's recognitions and the council's
  re-evaluation results written into the register.

Every rule is in ``ocop_xl.domain.register``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions.common import read_communes, read_optional_table, replace_issues
from ocop_xl.actions.registry import action
from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.recognition import CertificateRecord
from ocop_xl.domain.register.documents import (
    SUMMARY_KEYS,
    Assessed,
    alert_list,
    summary_document,
    summary_rows,
)
from ocop_xl.domain.register.entries import (
    ALERT_EXPIRED,
    ALERT_EXPIRING,
    ALERT_PLAN_YEAR,
    ALERT_URGENT,
    STATUS_NO_DECISION,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_REEVALUATED,
    STATUS_WITHDRAWN,
    Entry,
    assess,
)
from ocop_xl.domain.register.history import Event, new_events
from ocop_xl.domain.register.merge import merge, new_id, parse_incoming
from ocop_xl.domain.register.reevaluation import (
    Request,
    from_certificates,
    link,
    linked_event,
    outcome,
)
from ocop_xl.domain.register.validity import STATUS_EXPIRING, STATUS_VALID, Window
from ocop_xl.domain.registrations import CommuneNames
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_date, parse_decimal, parse_int
from ocop_xl.workbook.commune_reader import expand_sources
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.register import (
    ALERT_LIST_DOCUMENT,
    HISTORY_TABLE,
    REGISTER_TABLE,
    SUMMARY_DOCUMENT,
    SUMMARY_TABLE,
)
from ocop_xl.workbook.port import ROW_INDEX, Workbook, location, records
from ocop_xl.workbook.profile_sheets import read_profile
from ocop_xl.workbook.register_sources import read_source, same_file

REGISTRY_LABEL = "Sổ theo dõi OCOP"
IMPORT_LABEL = "Nhập sổ theo dõi OCOP"
ALERT_CODES = {
    ALERT_URGENT: "REGISTER_EXPIRING_URGENT",
    ALERT_EXPIRING: "REGISTER_EXPIRING",
    ALERT_EXPIRED: "REGISTER_EXPIRED",
    ALERT_PLAN_YEAR: "REGISTER_DUE_IN_PLAN_YEAR",
}
_DATES = ("decision_date", "reeval_date")


# -- reading and writing the register ---------------------------------------------------------


class Register:
    """The register as read: its entries, the raw text of cells that could not be read
    (written back as they were), and the frame (for cell locations)."""

    def __init__(self, wb: Workbook) -> None:
        self.frame = read_optional_table(wb, REGISTER_TABLE.name)
        self.present = self.frame is not None
        self.entries: list[Entry] = []
        self.raw: dict[tuple[int, str], Any] = {}
        self.issues: list[Issue] = []
        self.where: dict[int, Location] = {}
        communes = CommuneNames(read_communes(wb))
        if self.frame is None:
            return
        seen: dict[str, Location] = {}
        for row, rec in records(self.frame):
            if all(is_blank(rec.get(k)) for k in ("product_id", "product_name", "producer")):
                continue
            entry = self._entry(self.frame, row, rec)
            if not entry.product_id:
                entry = entry.with_(product_id=new_id(entry, communes))
                self.issues.append(
                    Issue.warning(
                        "REGISTER_ID_FILLED",
                        location(self.frame, row, "product_id"),
                        product=entry.product_id,
                    )
                )
            at = location(self.frame, row, "product_id")
            folded = entry.product_id.casefold()
            if folded in seen:
                self.issues.append(
                    Issue.warning(
                        "REGISTER_DUPLICATE_ID",
                        at,
                        product=entry.product_id,
                        other=seen[folded].cell,
                    )
                )
            else:
                seen[folded] = at
            self.where[len(self.entries)] = at
            self.entries.append(entry)

    def _entry(self, frame: pd.DataFrame, row: int, rec: dict[str, Any]) -> Entry:
        def parsed(key: str, parse: Callable[[object], Any]) -> Any:
            raw = rec.get(key)
            if is_blank(raw):
                return None
            try:
                return parse(raw)
            except ValueProblem as exc:
                self.raw[(row, key)] = raw
                self.issues.append(
                    Issue.warning(
                        "REGISTER_VALUE_INVALID",
                        location(frame, row, key),
                        value=clean(raw),
                        expected_vi=exc.expected_vi,
                        expected_en=exc.expected_en,
                    )
                )
                return None

        return Entry(
            product_id=clean(rec.get("product_id")),
            product_name=clean(rec.get("product_name")),
            producer=clean(rec.get("producer")),
            commune=clean(rec.get("commune")),
            group=clean(rec.get("group")),
            star=parsed("star", parse_int),
            points=parsed("points", parse_decimal),
            body=clean(rec.get("body")),
            decision_no=clean(rec.get("decision_no")),
            decision_date=parsed("decision_date", parse_date),
            certificate_no=clean(rec.get("certificate_no")),
            status=clean(rec.get("status")),
            reeval_result=clean(rec.get("reeval_result")),
            reeval_date=parsed("reeval_date", parse_date),
            reeval_registration=clean(rec.get("reeval_registration")),
            source=clean(rec.get("source")),
            notes=clean(rec.get("notes")),
            row=row,
        )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _assessed(entries: Sequence[Entry], profile: Profile, as_of: date) -> list[Assessed]:
    window = Window(profile.expiry_window_days, profile.expiry_urgent_days)
    months = profile.certificate_validity_months
    return [Assessed(e, assess(e, as_of, months, window, profile.year)) for e in entries]


def _register_frame(assessed: Sequence[Assessed], raw: dict[tuple[int, str], Any]) -> pd.DataFrame:
    rows = []
    for a in assessed:
        e, s = a.entry, a.assessment
        record = {
            "product_id": e.product_id,
            "product_name": e.product_name or None,
            "producer": e.producer or None,
            "commune": e.commune or None,
            "group": e.group or None,
            "star": e.star,
            "points": _number(e.points),
            "body": e.body or None,
            "decision_no": e.decision_no or None,
            "decision_date": e.decision_date,
            "certificate_no": e.certificate_no or None,
            "valid_until": s.valid_until,
            "status": s.status,
            "days_left": s.days_left if s.alert else None,
            "alert": s.alert or None,
            "reeval_result": e.reeval_result or None,
            "reeval_date": e.reeval_date,
            "reeval_registration": e.reeval_registration or None,
            "source": e.source or None,
            "notes": e.notes or None,
        }
        if e.row is not None:
            for key in record:
                if (e.row, key) in raw:
                    record[key] = raw[(e.row, key)]  # a cell that could not be read stays
        rows.append(record)
    index = pd.Index([a.entry.row for a in assessed], name=ROW_INDEX, dtype=object)
    return pd.DataFrame(rows, index=index, columns=list(REGISTER_TABLE.keys), dtype=object)


def _history(
    wb: Workbook,
    events: Sequence[Event],
    label: str,
    carried: Sequence[dict[str, Any]] = (),
) -> int:
    """Append the events not logged yet; the rows already there are never rewritten.
    ``carried``: rows of an earlier master's history (``registry import``), appended first
    as they were (their time, action and key), each key once."""
    frame = read_optional_table(wb, HISTORY_TABLE.name)
    keys = list(HISTORY_TABLE.keys)
    logged = set() if frame is None else {clean(v) for v in frame["event_key"] if not is_blank(v)}
    earlier = []
    for row in carried:
        key = clean(row.get("event_key"))
        if key not in logged:
            logged.add(key)
            earlier.append({k: row.get(k) for k in keys} | {"event_key": key})
    fresh = new_events(list(events), logged)
    if not fresh and not earlier:
        return 0
    now = datetime.now().replace(microsecond=0)
    new = pd.DataFrame(
        earlier
        + [
            {
                "time": now,
                "product_id": e.product_id,
                "product_name": e.product_name,
                "event": e.kind,
                "star_before": e.star_before,
                "star_after": e.star_after,
                "decision": e.decision or None,
                "detail": e.detail or None,
                "source": e.source or None,
                "action": label,
                "event_key": e.key,
            }
            for e in fresh
        ],
        columns=keys,
        index=pd.Index([None] * (len(earlier) + len(fresh)), name=ROW_INDEX, dtype=object),
        dtype=object,
    )
    if frame is not None and len(frame):
        old = frame.reindex(columns=keys).astype(object)
        old.index = pd.Index(list(frame.index), name=ROW_INDEX, dtype=object)
        new = pd.concat([old, new])
    wb.write_table(HISTORY_TABLE.name, new)
    return len(earlier) + len(fresh)


def _alert_issues(
    wb: Workbook, frame: pd.DataFrame, assessed: Sequence[Assessed], year: int
) -> list[Issue]:
    issues = []
    for i, a in enumerate(assessed):
        s, e = a.assessment, a.entry
        code = ALERT_CODES.get(s.alert)
        if code is None and s.status == STATUS_PROPOSED_WITHDRAWAL:
            code = "REGISTER_PROPOSED_WITHDRAWAL"
        if code is None:
            continue
        column = "alert" if s.alert else "status"
        where = location(frame, frame.index[i], column) if i < len(frame.index) else Location()
        if not where.sheet:
            where = Location(file=wb.name, sheet=REGISTER_TABLE.sheet)
        issues.append(
            Issue.warning(
                code,
                where,
                name=e.product_name,
                producer=e.producer or "—",
                certificate=e.certificate_no or e.decision_no or "—",
                until=f"{s.valid_until:%d/%m/%Y}" if s.valid_until else "",
                days=s.days_left,
                year=year,
                result=e.reeval_result,
            )
        )
    return issues


def _item(a: Assessed, frame: pd.DataFrame, i: int) -> dict[str, Any]:
    e, s = a.entry, a.assessment
    cell = location(frame, frame.index[i], "product_id").cell if i < len(frame.index) else ""
    return {
        "product_id": e.product_id,
        "product_name": e.product_name,
        "producer": e.producer,
        "commune": e.commune,
        "star": e.star,
        "certificate_no": e.certificate_no,
        "decision_no": e.decision_no,
        "decision_date": e.decision_date.isoformat() if e.decision_date else None,
        "valid_until": s.valid_until.isoformat() if s.valid_until else None,
        "days_left": s.days_left,
        "status": s.status,
        "alert": s.alert or None,
        "urgent": s.urgent,
        "reeval_result": e.reeval_result or None,
        "cell": cell,
    }


def write_register(
    wb: Workbook,
    profile: Profile,
    register: Register,
    entries: Sequence[Entry],
    as_of: date,
) -> tuple[list[Assessed], list[Issue], dict[str, Any]]:
    """Write the register, its summary and documents as of ``as_of``; the alerts as issues
    and the report's parts."""
    assessed = _assessed(entries, profile, as_of)
    wb.write_table(REGISTER_TABLE.name, _register_frame(assessed, register.raw))
    frame = wb.read_table(REGISTER_TABLE.name)
    summary = summary_rows(assessed)
    wb.write_table(
        SUMMARY_TABLE.name, pd.DataFrame(summary, columns=list(SUMMARY_TABLE.keys), dtype=object)
    )
    day = profile.document_date
    wb.write_document(ALERT_LIST_DOCUMENT.name, alert_list(profile, assessed, as_of, day))
    wb.write_document(SUMMARY_DOCUMENT.name, summary_document(profile, summary, as_of, day))
    issues = _alert_issues(wb, frame, assessed, profile.year)
    items = [(_item(a, frame, i), a) for i, a in enumerate(assessed)]
    statuses = Counter(a.assessment.status for a in assessed)
    data = {
        "as_of": as_of.isoformat(),
        "plan_year": profile.year,
        "validity_months": profile.certificate_validity_months,
        "window_days": profile.expiry_window_days,
        "urgent_days": profile.expiry_urgent_days,
        "expiring": [d for d, a in items if a.assessment.status == STATUS_EXPIRING],
        "expired": [d for d, a in items if a.assessment.alert == ALERT_EXPIRED],
        "due_in_plan_year": [d for d, a in items if a.assessment.due_in_plan_year],
        "proposed_withdrawal": [
            d for d, a in items if a.assessment.status == STATUS_PROPOSED_WITHDRAWAL
        ],
        "statuses": dict(statuses),
        "summary": [{k: r[k] for k in SUMMARY_KEYS} for r in summary],
    }
    return assessed, issues, data


def _counts(assessed: Sequence[Assessed]) -> dict[str, int]:
    status = Counter(a.assessment.status for a in assessed)
    return {
        "products": len(assessed),
        "valid": status[STATUS_VALID],
        "expiring": status[STATUS_EXPIRING],
        "urgent": sum(a.assessment.urgent for a in assessed),
        "expired": sum(a.assessment.alert == ALERT_EXPIRED for a in assessed),
        "due_in_plan_year": sum(a.assessment.due_in_plan_year for a in assessed),
        "reevaluated": status[STATUS_REEVALUATED],
        "proposed_withdrawal": status[STATUS_PROPOSED_WITHDRAWAL],
        "withdrawn": status[STATUS_WITHDRAWN],
        "no_decision": status[STATUS_NO_DECISION],
    }


def _summary(counts: dict[str, int], as_of: date, profile: Profile) -> list[tuple[str, str]]:
    return [
        ("Ngày xét", f"{as_of:%d/%m/%Y}"),
        ("Sản phẩm trong sổ", str(counts["products"])),
        ("Còn hiệu lực", str(counts["valid"])),
        (
            f"Sắp hết hạn (trong {profile.expiry_window_days} ngày)",
            f"{counts['expiring']} (khẩn, trong {profile.expiry_urgent_days} ngày: "
            f"{counts['urgent']})",
        ),
        ("Hết hạn, chưa đánh giá lại", str(counts["expired"])),
        (f"Đến hạn đánh giá lại trong năm {profile.year}", str(counts["due_in_plan_year"])),
        ("Đã đánh giá lại", str(counts["reevaluated"])),
        ("Đề nghị thu hồi", str(counts["proposed_withdrawal"])),
    ]


# -- this round's recognitions and the re-evaluation registrations ---------------------------


def _requests(wb: Workbook) -> list[Request]:
    frame = read_optional_table(wb, "registrations")
    if frame is None:
        return []
    out = []
    for row, rec in records(frame):
        pid = clean(rec.get("product_id"))
        if not pid:
            continue
        try:
            stars = None if is_blank(rec.get("current_stars")) else parse_int(rec["current_stars"])
        except ValueProblem:
            stars = None
        out.append(
            Request(
                product_id=pid,
                product_name=clean(rec.get("product_name")),
                producer=clean(rec.get("producer")),
                kind=clean(rec.get("kind")),
                current_stars=stars,
                certificate_no=clean(rec.get("certificate_no")),
                where=location(frame, row, "kind"),
            )
        )
    return out


def _certificates(wb: Workbook) -> list[CertificateRecord]:
    from ocop_xl.actions.council import read_certificates  # council imports this module

    return read_certificates(wb, [])


def recognising_body(profile: Profile) -> str:
    return f"UBND {profile.unit.name}"


def _sync(
    wb: Workbook,
    profile: Profile,
    entries: list[Entry],
    certificates: Sequence[CertificateRecord] | None = None,
) -> tuple[list[Entry], list[Event], int, int]:
    certs = _certificates(wb) if certificates is None else certificates
    if not certs:
        return entries, [], 0, 0
    groups = {}
    frame = read_optional_table(wb, "registrations")
    if frame is not None:
        groups = {
            clean(rec.get("product_id")): clean(rec.get("group_code"))
            for _, rec in records(frame)
            if clean(rec.get("product_id"))
        }
    synced = from_certificates(
        entries,
        certs,
        body=recognising_body(profile),
        groups=groups,
        source=f"{MASTER.table('certificates').sheet} ({wb.name})",
    )
    return synced.entries, synced.events, synced.added, synced.updated


def _link(
    wb: Workbook, entries: list[Entry], requests: list[Request]
) -> tuple[list[Entry], list[Event], list[Issue], dict[str, int]]:
    links = link(requests, entries)
    events = []
    by_id = {r.product_id: r for r in requests}
    for pid, index in links.rows.items():
        entry = entries[index]
        if entry.reeval_registration != pid:
            events.append(linked_event(entry, by_id[pid]))
            entries[index] = entry.with_(reeval_registration=pid)
    return entries, events, links.issues, links.rows


# -- the actions --------------------------------------------------------------------------------


def _as_of(profile: Profile, as_of: date | None) -> date:
    return profile.judging_day(date.today(), as_of)


def _windows(profile: Profile, window_days: int | None, urgent_days: int | None) -> Profile:
    """The profile with the command's alert windows, when given; refused when the urgent
    window would be wider than the alert window."""
    changes = {}
    if window_days is not None:
        changes["expiry_window_days"] = window_days
    if urgent_days is not None:
        changes["expiry_urgent_days"] = urgent_days
    if not changes:
        return profile
    if min(changes.values()) < 0:
        raise ValueError("alert windows: negative")
    # a copy keeps the sections the action has not read yet unread (SheetProfile); the
    # check is Profile's own
    return profile.model_copy(update=changes).check_windows()


@action("registry", REGISTRY_LABEL)
def registry(
    wb: Workbook,
    as_of: date | None = None,
    window_days: int | None = None,
    urgent_days: int | None = None,
) -> ActionResult:
    """The register as of ``as_of`` (default: Cấu hình's day, else today within the plan
    year): statuses, alerts, colours, summary, the printable list. ``window_days`` and
    ``urgent_days`` replace Cấu hình's alert windows for this run."""
    profile = read_profile(wb, ())  # Cấu hình only
    try:
        profile = _windows(profile, window_days, urgent_days)
    except ValueError as exc:
        raise OcopError(
            "REGISTER_WINDOWS_INVALID",
            window=profile.expiry_window_days if window_days is None else window_days,
            urgent=profile.expiry_urgent_days if urgent_days is None else urgent_days,
        ) from exc
    day = _as_of(profile, as_of)
    register = Register(wb)
    entries, events, added, updated = _sync(wb, profile, list(register.entries))
    entries, linked, link_issues, links = _link(wb, entries, _requests(wb))
    events += linked
    assessed, alerts, data = write_register(wb, profile, register, entries, day)
    logged = _history(wb, events, REGISTRY_LABEL)
    issues = register.issues + link_issues + alerts
    replace_issues(wb, REGISTRY_LABEL, issues)
    counts = _counts(assessed) | {
        "added": added,
        "updated": updated,
        "linked": len(links),
        "events": logged,
    }
    summary = _summary(counts, day, profile)
    if added:
        summary.append(("Thêm từ Sổ giấy chứng nhận", str(added)))
    return ActionResult("registry", issues=issues, counts=counts, data=data, summary=summary)


@action("registry-import", IMPORT_LABEL)
def registry_import(
    wb: Workbook, sources: Sequence[Path] = (), as_of: date | None = None
) -> ActionResult:
    """Merge earlier years' masters and lists (files or folders) into the register."""
    profile = read_profile(wb, ())  # Cấu hình only
    day = _as_of(profile, as_of)
    register = Register(wb)
    paths, issues = expand_sources([Path(s) for s in sources])
    master_path = Path(wb.folder) / wb.name if wb.folder is not None else None
    communes = CommuneNames(read_communes(wb))
    entries = list(register.entries)
    files: list[dict[str, Any]] = []
    inputs: list[tuple[str, str]] = []
    counts: Counter[str] = Counter()
    events: list[Event] = []
    carried: list[dict[str, Any]] = []  # earlier masters' history rows
    for number, path in enumerate(paths, start=1):
        wb.progress(number - 1, len(paths), f"Đọc {path.name}")
        if master_path is not None and same_file(path, master_path):
            issues.append(Issue.warning("REGISTER_IMPORT_SELF", Location(file=path.name)))
            continue
        source = read_source(path)
        issues += source.issues
        carried += source.history
        if source.sha256:
            inputs.append((str(path), source.sha256))
        parsed = []
        skipped = 0
        for row in source.rows:
            entry, problems = parse_incoming(row)
            issues += problems
            if entry is None:
                skipped += 1
                continue
            parsed.append((entry, row))
        merged = merge(entries, parsed, communes, register.where)
        entries = merged.entries
        issues += merged.issues
        events += merged.events
        counts["added"] += merged.added
        counts["updated"] += merged.updated
        counts["unchanged"] += merged.unchanged
        counts["rows"] += len(parsed)
        counts["skipped"] += skipped
        files.append(
            {
                "file": str(path),
                "sha256": source.sha256,
                "sheets": source.sheets,
                "rows": len(parsed),
                "skipped": skipped,
                "added": merged.added,
                "updated": merged.updated,
                "unchanged": merged.unchanged,
            }
        )
    wb.progress(len(paths), len(paths), "Xong")
    _, _, data = write_register(wb, profile, register, entries, day)
    logged = _history(wb, events, IMPORT_LABEL, carried)
    replace_issues(wb, IMPORT_LABEL, register.issues + issues)
    near = sum(i.code == "REGISTER_NEAR_MATCH" for i in issues)
    conflicts = sum(i.code == "REGISTER_IMPORT_CONFLICT" for i in issues)
    result_counts = {
        "files": len(files),
        "rows": counts["rows"],
        "skipped": counts["skipped"],
        "added": counts["added"],
        "updated": counts["updated"],
        "unchanged": counts["unchanged"],
        "near_matches": near,
        "conflicts": conflicts,
        "products": len(entries),
        "events": logged,
    }
    return ActionResult(
        "registry-import",
        issues=register.issues + issues,
        counts=result_counts,
        data={"files": files, "as_of": data["as_of"], "statuses": data["statuses"]},
        summary=[
            ("Số tệp đã đọc", str(len(files))),
            ("Sản phẩm đọc được", str(counts["rows"])),
            ("Thêm vào sổ", str(counts["added"])),
            ("Cập nhật", str(counts["updated"])),
            ("Đã có, không đổi", str(counts["unchanged"])),
            ("Gần giống, không gộp (xem Kiểm tra)", str(near)),
            ("Sản phẩm trong sổ", str(len(entries))),
        ],
        inputs=inputs,
    )


# -- in the council's flow ----------------------------------------------------------------------


def after_score(
    wb: Workbook,
    profile: Profile,
    results: Sequence[Any],
    certificates: Sequence[CertificateRecord],
    points_text: Callable[[Fraction | None], str],
) -> dict[str, int]:
    """This year's recognitions and the council's re-evaluation results into the register
    (``score``). ``results``: the scoring's ProductResults; ``points_text(mean)`` shows a
    mean as the minutes do. A master without the register sheet (made before it existed)
    gets it only when there is something to write."""
    register = Register(wb)
    requests = _requests(wb)
    certified = [r for r in requests if r.is_reevaluation or r.is_upgrade]
    if not register.present and not certificates and not certified:
        return {}
    entries, events, added, updated = _sync(wb, profile, list(register.entries), certificates)
    entries, linked, link_issues, links = _link(wb, entries, requests)
    events += linked
    by_id = {r.product_id: r for r in requests}
    day = _as_of(profile, None)
    nxt = profile.route.next_level
    changed = 0
    for result in results:
        index = links.get(result.product_id)
        if index is None or result.star is None or result.disposition.kind == "pending":
            continue
        if result.recognised:
            where = "công nhận tại cấp này"
        elif result.forwarded and nxt is not None:
            where = f"đề nghị {nxt.name} công nhận"
        else:
            where = ""
        entry, event = outcome(
            entries[index],
            by_id[result.product_id],
            result.star,
            points_text(result.mean),
            where,
            day,
        )
        if entry != entries[index]:
            changed += 1
        entries[index] = entry
        events.append(event)
    _, alerts, _ = write_register(wb, profile, register, entries, day)
    logged = _history(wb, events, "Tính điểm hội đồng")
    replace_issues(wb, REGISTRY_LABEL, register.issues + link_issues + alerts)
    return {
        "register_added": added,
        "register_updated": updated,
        "register_reevaluated": changed,
        "register_events": logged,
    }
