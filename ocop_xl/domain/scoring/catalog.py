"""The office's criteria catalog (sheet Bộ tiêu chí), read and checked.

When the catalog holds criteria, members score each criterion and a part's points are the
sum of its criteria; without it they score parts A, B and C directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ocop_xl.domain.criteria import PARTS, CriteriaSet
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.scoring.display import exact_text
from ocop_xl.domain.scoring.model import Criterion, Row
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_decimal, split_codes

LABELS = {
    "code": "Mã tiêu chí",
    "part": "Phần",
    "max_points": "Điểm tối đa",
}


def parse_catalog(
    rows: Sequence[Row], criteria_set: CriteriaSet
) -> tuple[tuple[Criterion, ...], list[Issue]]:
    """The valid criteria and every problem of the catalog rows. A row with an error is
    left out; the rest of the catalog still applies."""
    issues: list[Issue] = []
    criteria: list[Criterion] = []
    seen: dict[str, Location] = {}
    known_groups = {g.code for g in criteria_set.groups}
    for row in rows:
        bad = False
        code = clean(row.get("code"))
        for key in ("code", "part", "max_points"):
            if is_blank(row.get(key)):
                issues.append(Issue.error("CONFIG_VALUE_REQUIRED", row.at(key), label=LABELS[key]))
                bad = True
        if code and code in seen:
            issues.append(
                Issue.error(
                    "CONFIG_DUPLICATE_CODE", row.at("code"), value=code, other_cell=seen[code].cell
                )
            )
            bad = True
        elif code:
            seen[code] = row.at("code")
        part = clean(row.get("part")).upper().removeprefix("PHẦN ").strip()
        if part and part not in PARTS:
            issues.append(_invalid(row, "part", "chọn A, B hoặc C", "one of A, B, C"))
            bad = True
        max_points = None
        if not is_blank(row.get("max_points")):
            try:
                max_points = parse_decimal(row.get("max_points"))
            except ValueProblem as exc:
                issues.append(_invalid(row, "max_points", exc.expected_vi, exc.expected_en))
                bad = True
            else:
                if max_points <= 0 or (part in PARTS and max_points > criteria_set.part_max(part)):
                    limit = criteria_set.part_max(part) if part in PARTS else 100
                    issues.append(
                        _invalid(
                            row,
                            "max_points",
                            f"phải lớn hơn 0 và không quá {limit}",
                            f"must be above 0 and at most {limit}",
                        )
                    )
                    bad = True
        groups = split_codes(row.get("product_groups"))
        for group in groups:
            if group not in known_groups:
                issues.append(
                    Issue.warning(
                        "CATALOG_GROUP_UNKNOWN",
                        row.at("product_groups"),
                        value=group,
                        criteria_set=criteria_set.code,
                    )
                )
        if bad or max_points is None:
            continue
        criteria.append(
            Criterion(
                code=code,
                part=part,
                max_points=max_points,
                text=clean(row.get("text")),
                group=clean(row.get("group")),
                product_groups=groups,
            )
        )
    issues.extend(_part_sums(criteria, criteria_set, rows))
    return tuple(criteria), issues


def _invalid(row: Row, key: str, expected_vi: str, expected_en: str) -> Issue:
    return Issue.error(
        "CONFIG_VALUE_INVALID",
        row.at(key),
        value=clean(row.get(key)),
        expected_vi=expected_vi,
        expected_en=expected_en,
    )


def _part_sums(
    criteria: Sequence[Criterion], criteria_set: CriteriaSet, rows: Sequence[Row]
) -> list[Issue]:
    """Warn when, for a product group, a part's criteria do not add up to the part's
    maximum (a criterion forgotten or typed twice)."""
    if not criteria:
        return []
    sheet = rows[0].at("code").sheet if rows else ""
    file = rows[0].at("code").file if rows else ""
    groups = sorted({g for c in criteria for g in c.product_groups}) or ["*"]
    issues = []
    for group in groups:
        for part in PARTS:
            applicable = [
                c for c in criteria if c.part == part and (group == "*" or c.applies_to(group))
            ]
            total = sum((c.max_points for c in applicable), Decimal(0))
            if total != criteria_set.part_max(part):
                issues.append(
                    Issue.warning(
                        "CATALOG_PART_SUM",
                        Location(file=file, sheet=sheet),
                        part=part,
                        group="(mọi nhóm)" if group == "*" else group,
                        total=exact_text(total),
                        max=criteria_set.part_max(part),
                    )
                )
    return issues


def applicable(criteria: Sequence[Criterion], group_code: str) -> tuple[Criterion, ...]:
    return tuple(c for c in criteria if c.applies_to(group_code))
