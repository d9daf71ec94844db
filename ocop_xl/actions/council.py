"""Actions for the evaluation council: score sheets for the members, and scoring.

``score-sheets`` writes one scoring workbook per member who scores. ``score`` reads the
members' returned workbooks and/or the Chấm điểm tables of the master, checks every
score, and writes Kết quả, the statistics and charts, the minutes (Biên bản) and the list
for the province; problems go to Kiểm tra with their file and cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions.common import (
    fill_product_names,
    read_optional_table,
    read_products,
    replace_issues,
)
from ocop_xl.actions.product_register import after_score
from ocop_xl.actions.registry import action
from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.products import in_commune_order
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.recognition import (
    STATUS_DRAFT,
    CertificateRecord,
    Recognised,
    assign_certificates,
)
from ocop_xl.domain.recognition_documents import decision_document, recognition_list_document
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.scoring import (
    PART_KEYS,
    Criterion,
    MemberIndex,
    Product,
    ProductResult,
    Row,
    Scoring,
    check_criterion_rows,
    check_part_rows,
    check_precheck_rows,
    check_requirement_rows,
    ignored_rows,
    minutes_document,
    outcome_text,
    parse_catalog,
    province_list_document,
    recusal,
    score_products,
    score_text,
    shown,
    star_label,
    typed_rows,
)
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import ValueProblem, parse_date, parse_decimal, parse_int, yes_no
from ocop_xl.profiles import criteria_set as load_criteria_set
from ocop_xl.workbook.layout import MASTER, TableSheet
from ocop_xl.workbook.port import ROW_INDEX, Workbook, location, records
from ocop_xl.workbook.profile_sheets import read_profile
from ocop_xl.workbook.score_sheets import (
    MODE_CRITERIA,
    MODE_PARTS,
    MemberWorkbook,
    file_name,
    member_files,
    read_member_workbook,
    write_member_workbook,
)

SHEETS_LABEL = "Tạo phiếu chấm điểm"
SCORE_LABEL = "Tính điểm hội đồng"
PART_COLUMNS = tuple(PART_KEYS.values())
REQUIREMENT_KEYS = ("product_id", "requirement", "met", "note")
PRECHECK_KEYS = ("product_id", "origin", "labour", "idea", "identity", "report", "note")


# -- reading the master -----------------------------------------------------------------------


def _rows(frame: pd.DataFrame | None, keys: Sequence[str]) -> list[Row]:
    if frame is None:
        return []
    return typed_rows(
        (
            {k: rec.get(k) for k in keys},
            {k: location(frame, excel_row, k) for k in keys},
            clean(rec.get("source")),
        )
        for excel_row, rec in records(frame)
    )


def _products(wb: Workbook) -> list[Product]:
    """The registered products (sheet Đăng ký), in its order; a product ID listed twice
    is taken once (the consolidation reports duplicates)."""
    products, _ = read_products(wb)
    unique: dict[str, Product] = {}
    for product in products:
        if product.product_id and product.product_id not in unique:
            unique[product.product_id] = product
    return list(unique.values())


def _catalog(wb: Workbook, cs: CriteriaSet) -> tuple[tuple[Criterion, ...], list[Issue]]:
    spec = MASTER.table("criteria")
    return parse_catalog(_rows(read_optional_table(wb, "criteria"), spec.keys), cs)


def _setup(wb: Workbook, needs: tuple[str, ...]) -> tuple[Profile, CriteriaSet, list[Product]]:
    """The profile, its criteria set and the products in the commune list's order (score
    sheets, Kết quả, the statistics and the documents all list them so)."""
    profile = read_profile(wb, ("communes", *needs))
    products = in_commune_order(_products(wb), profile.communes)
    return profile, load_criteria_set(profile.criteria_set), products


def _council_issues(wb: Workbook, profile: Profile) -> list[Issue]:
    if any(m.scores(profile.council) for m in profile.council_members):
        return []
    where = Location(file=wb.name, sheet=MASTER.table("council").sheet)
    return [Issue.error("COUNCIL_NO_SCORING_MEMBERS", where)]


# -- score-sheets -------------------------------------------------------------------------------


@action("score-sheets", SHEETS_LABEL)
def score_sheets(wb: Workbook, out: Path) -> ActionResult:
    """One scoring workbook per present scoring member, in ``out``. An existing file is
    never overwritten: it may already hold a member's scores."""
    profile, cs, products = _setup(wb, ("council_members",))
    catalog, issues = _catalog(wb, cs)
    members = profile.council_members
    issues += _council_issues(wb, profile)
    result = ActionResult("score-sheets", issues=issues)
    rules = profile.council
    scorers = [m for m in members if m.scores(rules) and m.present]
    absent = [m.name for m in members if m.scores(rules) and not m.present]
    written: list[dict[str, Any]] = []
    if not products:
        issues.append(Issue.warning("SCORE_SHEETS_NO_PRODUCTS", Location(file=wb.name)))
    else:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        for done, member in enumerate(scorers, start=1):
            wb.progress(done - 1, len(scorers), f"Phiếu chấm của {member.name}")
            name = file_name(profile, member, taken)
            path = out / name
            if path.exists():
                issues.append(Issue.warning("SCORE_SHEET_EXISTS", Location(file=str(path))))
                continue
            mine = [p for p in products if recusal(member, p) is None]
            recused = [p for p in products if recusal(member, p) is not None]
            write_member_workbook(
                path,
                profile=profile,
                criteria_set=cs,
                member=member,
                products=mine,
                recused=recused,
                catalog=catalog,
            )
            result.outputs.append(str(path))
            written.append(
                {
                    "file": str(path),
                    "member": member.name,
                    "products": len(mine),
                    "recused": [p.product_id for p in recused],
                }
            )
        wb.progress(len(scorers), len(scorers), "Xong")
    replace_issues(wb, SHEETS_LABEL, issues)
    mode = "theo từng tiêu chí" if catalog else "theo phần A, B, C"
    result.counts = {"workbooks": len(written), "products": len(products)}
    result.data = {
        "out": str(out),
        "workbooks": written,
        "absent": absent,
        "mode": MODE_CRITERIA if catalog else MODE_PARTS,
    }
    result.summary = [
        ("Số phiếu chấm đã tạo", str(len(written))),
        ("Số sản phẩm", str(len(products))),
        ("Cách chấm", mode),
        ("Thư mục", str(out)),
    ]
    if absent:
        result.summary.append(("Vắng mặt, không tạo phiếu", ", ".join(absent)))
    return result


# -- score --------------------------------------------------------------------------------------


def _take_workbooks(
    paths: Sequence[Path],
    profile: Profile,
    members: MemberIndex,
    catalog_mode: bool,
) -> tuple[list[MemberWorkbook], list[Issue], list[tuple[str, str]]]:
    """The returned workbooks that can be used, one per member, and why others cannot."""
    kept: list[MemberWorkbook] = []
    issues: list[Issue] = []
    inputs: list[tuple[str, str]] = []
    owners: dict[str, str] = {}
    for path in paths:
        sheet, problems = read_member_workbook(path)
        issues += problems
        if sheet is None:
            continue
        inputs.append((sheet.file, sheet.sha256))
        where = Location(file=sheet.file)
        plan = f"{sheet.info.get('profile_id', '')} {sheet.info.get('year', '')}".strip()
        expected = f"{profile.id} {profile.year}"
        if plan != expected:
            issues.append(
                Issue.error("SCORE_SHEET_OTHER_PLAN", where, value=plan, expected=expected)
            )
            continue
        if catalog_mode and sheet.mode != MODE_CRITERIA:
            issues.append(Issue.error("SCORE_SHEET_PARTS_ONLY", where))
            continue
        if not catalog_mode and sheet.mode == MODE_CRITERIA:
            issues.append(Issue.error("SCORE_SHEET_CRITERIA_ONLY", where))
            continue
        member = members.find(sheet.member)
        if member is None:
            issues.append(
                Issue.error("SCORE_SHEET_MEMBER_UNKNOWN", sheet.member_at, member=sheet.member)
            )
            continue
        if member.name in owners:
            issues.append(
                Issue.error(
                    "SCORE_SHEET_SAME_MEMBER", where, member=member.name, other=owners[member.name]
                )
            )
            continue
        value_keys = ("points",) if catalog_mode else PART_COLUMNS
        if ignored_rows(sheet.rows, value_keys) == 0:
            issues.append(Issue.warning("SCORE_SHEET_EMPTY", where, member=member.name))
            continue
        owners[member.name] = sheet.file
        kept.append(sheet)
    return kept, issues, inputs


def _merge_rows(
    spec: TableSheet,
    frame: pd.DataFrame | None,
    workbooks: list[MemberWorkbook],
    members: MemberIndex,
) -> tuple[list[Row], pd.DataFrame | None]:
    """The master's rows, with the rows of each member who returned a workbook replaced by
    that workbook's rows; and the master's rows kept (None: no workbook, nothing to write).

    The kept rows are written back first, one after another, so their findings name the
    cells they will have after the write."""
    if not workbooks:
        return _rows(frame, spec.keys), None
    replaced = {m.name for w in workbooks if (m := members.find(w.member)) is not None}
    kept_index = []
    if frame is not None:
        for excel_row, rec in records(frame):
            found = members.find(rec.get("member"))
            if found is None or found.name not in replaced:
                kept_index.append(excel_row)
    if frame is None:
        kept = pd.DataFrame(columns=list(spec.keys))
    else:
        # The kept rows stay where they are (their Excel rows: findings name those cells).
        kept = frame.loc[kept_index].copy()
        kept.attrs = dict(frame.attrs)
    new_rows = [r for w in workbooks for r in w.rows]
    return _rows(kept, spec.keys) + new_rows, kept


def _import_frame(
    spec_name: str, kept: pd.DataFrame, workbooks: list[MemberWorkbook], members: MemberIndex
) -> pd.DataFrame:
    """Chấm điểm (or Chấm theo tiêu chí) as it will be written: the kept rows as they were
    (with any column the office added), then the imported ones, numbers as numbers."""
    keys = list(MASTER.table(spec_name).keys)
    value_keys = ["points"] if spec_name == "criterion_scores" else list(PART_COLUMNS)
    imported = []
    for w in workbooks:
        member = members.find(w.member)
        for row in w.rows:
            if all(is_blank(row.get(k)) for k in value_keys):
                continue
            record = {k: row.get(k) for k in keys}
            record["member"] = member.name if member else w.member
            for k in value_keys:
                record[k] = _number_or_text(row.get(k))
            record["source"] = w.file
            imported.append(record)
    rows = [rec for _, rec in records(kept)] + imported
    if not rows:
        return pd.DataFrame(columns=keys)
    # Kept rows by the Excel row they were read from, imported ones new: each stays put.
    index = pd.Index([*kept.index.tolist(), *[None] * len(imported)], name=ROW_INDEX)
    combined = pd.DataFrame(rows, index=index, dtype=object)
    extras = [c for c in combined.columns if c not in keys]
    return combined.reindex(columns=keys + extras)


def _number_or_text(value: Any) -> Any:
    """A typed score as the master stores it: a number when it is one ('32,5' → 32.5),
    otherwise the text itself, so the next check still shows what the member wrote."""
    if is_blank(value):
        return None
    try:
        return parse_decimal(value)
    except ValueProblem:
        return clean(value)


@action("score", SCORE_LABEL)
def score(wb: Workbook, sources: Sequence[Path] = ()) -> ActionResult:
    profile, cs, products = _setup(wb, ("council_members", "requirements", "route"))
    members = profile.council_members
    index = MemberIndex(members)
    catalog, issues = _catalog(wb, cs)
    catalog_mode = bool(catalog)
    issues += _council_issues(wb, profile)

    paths, missing = member_files(list(sources))
    issues += missing
    wb.status(f"Đọc {len(paths)} phiếu chấm điểm…")
    workbooks, file_issues, inputs = _take_workbooks(paths, profile, index, catalog_mode)
    issues += file_issues

    part_spec, crit_spec = MASTER.table("scores"), MASTER.table("criterion_scores")
    part_frame, crit_frame = (
        read_optional_table(wb, "scores"),
        read_optional_table(wb, "criterion_scores"),
    )
    if catalog_mode:
        part_rows = _rows(part_frame, part_spec.keys)
        crit_rows, kept = _merge_rows(crit_spec, crit_frame, workbooks, index)
        book = check_criterion_rows(crit_rows, products, members, cs, catalog, profile.council)
        skipped = ignored_rows(part_rows, PART_COLUMNS)
        if skipped:
            issues.append(
                Issue.warning(
                    "SCORE_PARTS_IGNORED",
                    Location(file=wb.name),
                    sheet=part_spec.sheet,
                    count=skipped,
                )
            )
        if kept is not None:
            wb.write_table(
                "criterion_scores", _import_frame("criterion_scores", kept, workbooks, index)
            )
    else:
        crit_rows = _rows(crit_frame, crit_spec.keys)
        part_rows, kept = _merge_rows(part_spec, part_frame, workbooks, index)
        book = check_part_rows(part_rows, products, members, cs, profile.council)
        skipped = ignored_rows(crit_rows, ("points",))
        if skipped:
            issues.append(
                Issue.warning(
                    "SCORE_CRITERIA_IGNORED",
                    Location(file=wb.name),
                    sheet=crit_spec.sheet,
                    count=skipped,
                )
            )
        if kept is not None:
            wb.write_table("scores", _import_frame("scores", kept, workbooks, index))
    issues += book.issues

    checks = check_requirement_rows(
        _rows(read_optional_table(wb, "requirement_checks"), REQUIREMENT_KEYS),
        products,
        profile.requirements,
    )
    issues += checks.issues
    precheck = None
    if profile.route.pre_check_level is not None:
        precheck = check_precheck_rows(
            _rows(read_optional_table(wb, "precheck"), PRECHECK_KEYS), products
        )
        issues += precheck.issues
    wb.status("Tính điểm trung bình, hạng sao…")
    scoring = score_products(
        products,
        members,
        book.scores,
        cs,
        profile.council,
        profile.route,
        profile.requirements,
        checks.met,
        precheck,
    )
    council_where = Location(file=wb.name, sheet=MASTER.table("council").sheet)
    if scoring.council.scoring:  # without any scoring member the error above says it all
        issues += [Issue.warning(f.code, council_where, **f.params) for f in scoring.council.flags]

    wb.write_table("results", _results_frame(scoring, profile, cs))
    wb.write_table("star_stats", _star_stats(scoring))
    wb.write_table("commune_stats", _commune_stats(scoring))
    wb.write_document("minutes", minutes_document(profile, scoring, members, cs))
    wb.write_document("province_list", province_list_document(profile, scoring))
    certificates: list[CertificateRecord] = []
    if profile.route.office.recognises_any:
        certificates = _certify(wb, profile, scoring, issues)
        in_round = [c for c in certificates if c.in_force and c.year == profile.year]
        wb.write_document("decision", decision_document(profile, in_round, cs))
        wb.write_document("recognition_list", recognition_list_document(profile, in_round))
    for table in ("scores", "criterion_scores"):  # each product's name beside its code
        fill_product_names(wb, table, products)
    register = after_score(
        wb, profile, scoring.results, certificates, lambda m: score_text(m, profile.council)
    )
    replace_issues(wb, SCORE_LABEL, issues)
    result = _score_result(scoring, profile, cs, issues, inputs, workbooks, catalog_mode)
    result.counts.update(register)
    if register.get("register_added") or register.get("register_reevaluated"):
        result.summary.append(
            (
                "Sổ theo dõi OCOP",
                f"thêm {register['register_added']}, "
                f"đánh giá lại {register['register_reevaluated']}",
            )
        )
    return result


# -- recognition: the certificate register ----------------------------------------------------


def read_certificates(wb: Workbook, issues: list[Issue]) -> list[CertificateRecord]:
    """Sổ giấy chứng nhận as the office keeps it; a row that cannot be read is reported and
    kept out of the numbering's reach only by its number (which stays used)."""
    frame = read_optional_table(wb, "certificates")
    if frame is None:
        return []
    rows = []
    for excel_row, rec in records(frame):
        number = clean(rec.get("number"))
        if not number:
            continue
        try:
            seq = parse_int(rec.get("seq")) if not is_blank(rec.get("seq")) else 0
            year = parse_int(rec.get("year")) if not is_blank(rec.get("year")) else 0
            star = parse_int(rec.get("star")) if not is_blank(rec.get("star")) else 0
            day = (
                parse_date(rec.get("decision_date"))
                if not is_blank(rec.get("decision_date"))
                else None
            )
            points = (
                Fraction(parse_decimal(rec.get("points")))
                if not is_blank(rec.get("points"))
                else None
            )
        except ValueProblem as exc:
            issues.append(
                Issue.error(
                    "CONFIG_VALUE_INVALID",
                    location(frame, excel_row, "number"),
                    value=number,
                    expected_vi=exc.expected_vi,
                    expected_en=exc.expected_en,
                )
            )
            seq, year, star, day, points = 0, 0, 0, None, None
        rows.append(
            CertificateRecord(
                number=number,
                seq=seq,
                year=year,
                product_id=clean(rec.get("product_id")),
                star=star,
                points=points,
                product_name=clean(rec.get("product_name")),
                producer=clean(rec.get("producer")),
                commune=clean(rec.get("commune")),
                status=clean(rec.get("status")) or STATUS_DRAFT,
                decision_no=clean(rec.get("decision_no")),
                decision_date=day,
            )
        )
    return rows


def _certify(
    wb: Workbook, profile: Profile, scoring: Scoring, issues: list[Issue]
) -> list[CertificateRecord]:
    recognised = [
        Recognised(
            r.product_id,
            r.star,
            r.mean,
            r.product.name,
            r.product.producer,
            r.product.commune,
        )
        for r in scoring.results
        if r.recognised and r.star is not None
    ]
    register = assign_certificates(
        recognised,
        read_certificates(wb, issues),
        pattern=profile.certificate_pattern,
        year=profile.year,
        province=profile.province_code,
        unit=profile.unit_code,
    )
    frame = pd.DataFrame(
        [
            {
                "number": c.number,
                "seq": c.seq,
                "year": c.year,
                "product_id": c.product_id,
                "product_name": c.product_name,
                "producer": c.producer,
                "commune": c.commune,
                "star": c.star,
                "points": None if c.points is None else shown(c.points, profile.council),
                "status": c.status,
                "decision_no": c.decision_no or None,
                "decision_date": c.decision_date,
            }
            for c in register
        ],
        columns=list(MASTER.table("certificates").keys),
    )
    wb.write_table("certificates", frame)
    return register


# -- writing results ----------------------------------------------------------------------------


def _display(value: Any, profile: Profile) -> Any:
    return None if value is None else shown(value, profile.council)


def _results_frame(scoring: Scoring, profile: Profile, cs: CriteriaSet) -> pd.DataFrame:
    rows = []
    for r in scoring.results:
        p = r.product
        rows.append(
            {
                "product_id": p.product_id,
                "product_name": p.name,
                "commune_code": p.commune_code,
                "commune": p.commune,
                "group_code": p.group_code,
                "producer": p.producer,
                "members_counted": len(r.counted),
                "mean": _display(r.mean, profile),
                "min": _display(r.low, profile),
                "max": _display(r.high, profile),
                "spread": _display(r.spread, profile),
                "star": r.star,
                "flags": "\n".join(f.text_vi for f in r.flags),
                "flag_codes": ", ".join(r.flag_codes),
                "forwarded": yes_no(r.forwarded),
                "upgrade_met": None if r.upgrade_met is None else yes_no(r.upgrade_met),
                "rank_in_group": r.rank_in_group,
                "recused": "; ".join(
                    f"{x.member} ({x.reason})" if x.reason else x.member for x in r.recused
                ),
                "outcome": outcome_text(r, profile.route, cs),
                "mean_exact": None if r.mean is None else float(r.mean),
                "recognised": yes_no(r.recognised),
            }
        )
    return pd.DataFrame(rows, columns=list(MASTER.table("results").keys))


def _star_stats(scoring: Scoring) -> pd.DataFrame:
    stars = Counter(r.star for r in scoring.results)
    sent = Counter(r.star for r in scoring.results if r.forwarded)
    rows = [
        {"star_label": star_label(s), "products": stars.get(s, 0), "forwarded": sent.get(s, 0)}
        for s in range(1, 6)
    ]
    rows.append({"star_label": "Chưa có hạng", "products": stars.get(None, 0), "forwarded": 0})
    return pd.DataFrame(rows, columns=list(MASTER.table("star_stats").keys))


def _commune_stats(scoring: Scoring) -> pd.DataFrame:
    by: dict[str, dict[str, Any]] = {}
    for r in scoring.results:
        name = r.product.commune or r.product.commune_code or "(chưa ghi xã)"
        row = by.setdefault(
            fold(name), {"commune": name, "products": 0, "three_up": 0, "forwarded": 0}
        )
        row["products"] += 1
        row["three_up"] += int(r.rated_at_least(3))
        row["forwarded"] += int(r.forwarded)
    return pd.DataFrame(list(by.values()), columns=list(MASTER.table("commune_stats").keys))


def _upward(profile: Profile) -> str:
    nxt = profile.route.next_level
    return f"Đề nghị {nxt.name}" if nxt is not None else "Đề nghị cấp trên"


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def result_json(r: ProductResult, profile: Profile, cs: CriteriaSet) -> dict[str, Any]:
    """One product in the JSON report; numbers exact as far as a float goes."""
    return {
        "product_id": r.product_id,
        "product_name": r.product.name,
        "commune": r.product.commune,
        "group": r.product.group_code,
        "members_counted": len(r.counted),
        "members": list(r.counted),
        "mean": _number(r.mean),
        "mean_display": score_text(r.mean, profile.council) or None,
        "min": _number(r.low),
        "max": _number(r.high),
        "spread": _number(r.spread),
        "star": r.star,
        "flags": list(r.flag_codes),
        "forwarded": r.forwarded,
        "recognised": r.recognised,
        "disposition": r.disposition.kind,
        "unmet_requirements": [x.code for x in r.unmet],
        "upgrade_met": r.upgrade_met,
        "rank_in_group": r.rank_in_group,
        "recused": [x.member for x in r.recused],
        "missing": list(r.missing),
        "outcome": outcome_text(r, profile.route, cs),
    }


def _score_result(
    scoring: Scoring,
    profile: Profile,
    cs: CriteriaSet,
    issues: list[Issue],
    inputs: list[tuple[str, str]],
    workbooks: list[MemberWorkbook],
    catalog_mode: bool,
) -> ActionResult:
    results = scoring.results
    council = scoring.council
    counts = {
        "products": len(results),
        "scored": sum(1 for r in results if r.mean is not None),
        "three_stars_up": sum(1 for r in results if r.rated_at_least(3)),
        "forwarded": sum(1 for r in results if r.forwarded),
        "recognised": sum(1 for r in results if r.recognised),
        "rescore": sum(1 for r in results if "SPREAD_ABOVE_LIMIT" in r.flag_codes),
        "upgrades_met": sum(1 for r in results if r.upgrade_met),
        "recusals": sum(len(r.recused) for r in results),
        "members_present": len(council.present),
        "workbooks": len(workbooks),
    }
    summary = [
        ("Số sản phẩm", str(counts["products"])),
        ("Có điểm", str(counts["scored"])),
        ("Đạt từ 3 sao", str(counts["three_stars_up"])),
        *(
            [("Đủ điều kiện công nhận", str(counts["recognised"]))]
            if profile.route.office.recognises_any
            else []
        ),
        (_upward(profile), str(counts["forwarded"])),
        ("Cần chấm lại (chênh lệch lớn)", str(counts["rescore"])),
        ("Thành viên có mặt", f"{len(council.present)}/{len(council.scoring)}"),
        ("Cách chấm", "theo từng tiêu chí" if catalog_mode else "theo phần A, B, C"),
    ]
    if workbooks:
        summary.append(("Phiếu chấm đã đọc", str(len(workbooks))))
    return ActionResult(
        "score",
        issues=issues,
        counts=counts,
        data={
            "council": {
                "members": len(council.scoring),
                "present": len(council.present),
                "quorum": council.quorum,
                "quorum_reached": council.quorum_reached,
                "chair_present": council.chair_present,
            },
            "files": [
                {"file": w.file, "member": w.member, "rows": len(w.rows), "sha256": w.sha256}
                for w in workbooks
            ],
            "route": profile.route.code,
            "results": [result_json(r, profile, cs) for r in results],
        },
        summary=summary,
        inputs=inputs,
    )
