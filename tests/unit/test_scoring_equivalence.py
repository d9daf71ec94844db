"""The column-wise scoring gives exactly what the plain row-by-row logic gave (issue 17).

``reference`` below is the scoring as it was before it was made column-wise: one row after
the other, each cell parsed and checked on its own, every product scored on its own. Random
councils with dirty sheets (blanks, texts, bad and too large numbers, unknown IDs and names,
repeated and conflicting rows, recusals, absent members, the secretary, missing scores,
spreads above the limit, unmet requirements, pre-checks) must give the same scores, the same
findings in the same order, and the same results.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import fields, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from ocop_xl.domain.criteria import MAX_TOTAL, PARTS, star_for
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules, Requirement
from ocop_xl.domain.routes import Disposition
from ocop_xl.domain.scoring import (
    PART_KEYS,
    Flag,
    MemberScore,
    Product,
    ProductIndex,
    ProductResult,
    Row,
    check_part_rows,
    score_products,
)
from ocop_xl.domain.scoring import flags as F
from ocop_xl.domain.scoring.display import exact_text, score_text, shown
from ocop_xl.domain.scoring.members import MemberIndex, council_status, recusal
from ocop_xl.domain.scoring.precheck import PrecheckBook
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_decimal
from ocop_xl.profiles import criteria_set, route

# -- the reference: the logic before the column-wise rewrite, kept as it was -------------------


def _where(loc: Location) -> str:
    place = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"{loc.file} {place}".strip()


def ref_check_part_rows(rows, products, members, cs, rules):
    issues: list[Issue] = []
    scores: dict = {}
    pindex, mindex = ProductIndex(products), MemberIndex(members)
    first_seen: dict = {}
    conflicted: set = set()

    def points(row, key, label, maximum):
        raw = row.values.get(key)
        try:
            value = parse_decimal(raw)
        except ValueProblem:
            issues.append(
                Issue.error("SCORE_NOT_NUMBER", row.at(key), label=label, value=clean(raw))
            )
            return None
        if not 0 <= value <= maximum:
            issues.append(
                Issue.error(
                    "SCORE_OUT_OF_RANGE",
                    row.at(key),
                    label=label,
                    value=exact_text(value),
                    max=exact_text(maximum),
                )
            )
            return None
        return value

    for row in rows:
        values = row.values
        if all(is_blank(values.get(PART_KEYS[p])) for p in PARTS):
            continue
        product = member = None
        raw_product, raw_member = values.get("product_id"), values.get("member")
        if is_blank(raw_product):
            issues.append(Issue.error("SCORE_PRODUCT_BLANK", row.at("product_id")))
        else:
            product = pindex.find(raw_product)
            if product is None:
                issues.append(
                    Issue.error(
                        "SCORE_PRODUCT_UNKNOWN", row.at("product_id"), value=clean(raw_product)
                    )
                )
        if is_blank(raw_member):
            issues.append(Issue.error("SCORE_MEMBER_BLANK", row.at("member")))
        else:
            member = mindex.find(raw_member)
            if member is None:
                issues.append(
                    Issue.error("SCORE_MEMBER_UNKNOWN", row.at("member"), value=clean(raw_member))
                )
        parts = {}
        complete = True
        for part in PARTS:
            key, label = PART_KEYS[part], f"Phần {part}"
            if is_blank(values.get(key)):
                issues.append(Issue.error("SCORE_PART_BLANK", row.at(key), label=label))
                complete = False
                continue
            value = points(row, key, label, cs.part_max(part))
            if value is None:
                complete = False
            else:
                parts[part] = value
        if product is None or member is None or not complete:
            continue
        where = row.at("product_id")
        score = MemberScore(
            product.product_id, member.name, parts, location=where, source=row.source
        )
        if score.total > MAX_TOTAL:
            issues.append(
                Issue.error(
                    "SCORE_TOTAL_ABOVE_MAX",
                    row.at(PART_KEYS["C"]),
                    member=score.member,
                    product=score.product_id,
                    total=exact_text(score.total),
                    max=MAX_TOTAL,
                )
            )
            continue
        if not member.scores(rules):
            issues.append(Issue.warning("SCORE_BY_SECRETARY", where, member=member.name))
            continue
        if not member.present:
            issues.append(Issue.warning("SCORE_BY_ABSENT_MEMBER", where, member=member.name))
            continue
        recused = recusal(member, product)
        if recused is not None:
            issues.append(
                Issue.warning(
                    "SCORE_RECUSED_IGNORED",
                    where,
                    member=member.name,
                    product=product.product_id,
                    reason=recused.reason or "không ghi lý do",
                )
            )
            continue
        pair = (score.product_id, score.member)
        if pair in first_seen:
            params = {"member": score.member, "product": score.product_id}
            earlier, earlier_at = first_seen[pair]
            if dict(earlier.parts) == dict(score.parts) and pair not in conflicted:
                issues.append(
                    Issue.warning("SCORE_REPEATED", where, other=_where(earlier_at), **params)
                )
            else:
                issues.append(
                    Issue.error("SCORE_CONFLICTING", where, other=_where(earlier_at), **params)
                )
                conflicted.add(pair)
                scores.pop(pair, None)
            continue
        first_seen[pair] = (score, where)
        scores[pair] = score
    return scores, issues


def ref_score_products(products, members, scores, cs, rules, the_route, requirements, met, pre):
    status = council_status(members, rules)
    results = []
    for product in products:
        pid = product.product_id
        recused = tuple(r for m in status.present if (r := recusal(m, product)) is not None)
        out = {r.member for r in recused}
        expected = [m.name for m in status.present if m.name not in out]
        counted = [scores[(pid, n)] for n in expected if (pid, n) in scores]
        missing = tuple(n for n in expected if (pid, n) not in scores)
        totals = [Fraction(s.total) for s in counted]
        mean = low = high = spread = None
        if totals:
            mean, low, high = sum(totals, Fraction(0)) / len(totals), min(totals), max(totals)
            spread = high - low
        found = list(status.flags)
        if the_route.pre_check_level is not None and pre is not None:
            passed = pre.passed.get(pid)
            if passed is None:
                found.append(Flag(F.PRECHECK_MISSING))
            elif not passed:
                contents = "; ".join(pre.failed_contents.get(pid, ()))
                found.append(Flag(F.PRECHECK_FAILED, {"contents": contents}))
        star = None
        unmet: tuple = ()
        if mean is None:
            found.append(Flag(F.NO_SCORES))
        else:
            if missing:
                found.append(Flag(F.SCORES_MISSING, {"members": ", ".join(missing)}))
            if spread > rules.spread_limit:
                found.append(
                    Flag(
                        F.SPREAD_ABOVE_LIMIT,
                        {
                            "spread": score_text(spread, rules),
                            "high": score_text(high, rules),
                            "low": score_text(low, rules),
                            "limit": rules.spread_limit,
                        },
                    )
                )
            star = star_for(mean, cs)
            display = Fraction(shown(mean, rules))
            other_band = star_for(min(display, Fraction(100)), cs) != star
            limit = the_route.office.forward_from
            if other_band or (limit is not None and (display >= limit) != (mean >= limit)):
                found.append(
                    Flag(
                        F.MEAN_ROUNDED_ACROSS_BAND,
                        {"shown": score_text(mean, rules), "exact": exact_text(mean), "star": star},
                    )
                )
            ordered = sorted(requirements, key=lambda r: (r.from_star, r.code))
            unmet_all = tuple(r for r in ordered if met.get((pid, r.code)) is False)
            capped = min(star, unmet_all[0].from_star - 1) if unmet_all else star
            not_recorded = tuple(
                r for r in ordered if r.from_star <= capped and (pid, r.code) not in met
            )
            unmet = tuple(r for r in unmet_all if r.from_star <= star)
            if unmet:
                names = "; ".join(f"{r.code} (từ {r.from_star} sao)" for r in unmet)
                found.append(Flag(F.REQUIREMENT_NOT_MET, {"requirements": names, "star": capped}))
            if not_recorded:
                names = ", ".join(r.code for r in not_recorded)
                found.append(Flag(F.REQUIREMENTS_NOT_RECORDED, {"requirements": names}))
            star = capped
        if product.is_upgrade_request and product.current_stars is None:
            found.append(Flag(F.UPGRADE_STARS_MISSING))
        blocked = any(f.code in F.BLOCKING for f in found)
        office, nxt = the_route.office, the_route.next_level
        if blocked or mean is None or star is None:
            disposition = Disposition("pending")
        elif office.recognises(star):
            disposition = Disposition("recognised", star)
        elif (
            nxt is not None
            and office.forward_from is not None
            and mean >= office.forward_from
            and star >= star_for(office.forward_from, cs)
        ):
            disposition = Disposition("forwarded", star, nxt)
        else:
            disposition = Disposition("not_forwarded", star)
        target = product.upgrade_target
        upgrade_met = None
        if target is not None:
            upgrade_met = (
                (disposition.recognised or disposition.forwarded)
                and star is not None
                and star >= target
            )
        results.append(
            ProductResult(
                product=product,
                counted=tuple(s.member for s in counted),
                totals=tuple(s.total for s in counted),
                mean=mean,
                low=low,
                high=high,
                spread=spread,
                star=None if blocked else star,
                flags=tuple(found),
                disposition=disposition,
                upgrade_met=upgrade_met,
                recused=recused,
                missing=missing,
                unmet=unmet,
            )
        )
    groups: dict = defaultdict(list)
    for r in results:
        if r.mean is not None:
            groups[r.product.group_code].append(r)
    ranks: dict = {}
    for group in groups.values():
        ordered_results = sorted(group, key=lambda r: r.mean, reverse=True)
        for position, r in enumerate(ordered_results, start=1):
            ranks[r.product_id] = position
            if position > 1 and r.mean == ordered_results[position - 2].mean:
                ranks[r.product_id] = ranks[ordered_results[position - 2].product_id]
    return status, [replace(r, rank_in_group=ranks.get(r.product_id)) for r in results]


# -- random councils with dirty sheets ----------------------------------------------------------

NAMES = ("Chủ Tịch", "Phó Chủ Tịch", "Thư Ký", "Ủy Viên Một", "Ủy Viên Hai", "Ủy Viên Ba")
ROLES = ("Chủ tịch", "Phó Chủ tịch", "Thư ký", "Ủy viên", "Ủy viên", "Ủy viên")
ROUTES = ("tu-ky-2023", "qd-148-district", "qd-1489-province")
REQUIREMENTS = (
    Requirement(code="YC-3", text="Yêu cầu 3 sao", from_star=3),
    Requirement(code="YC-4", text="Yêu cầu 4 sao", from_star=4),
)


def _cell(rng: random.Random, maximum: int, plain: bool) -> Any:
    """A typed part score, now and then a dirty one; ``plain``: floats only (a column of
    one type, read by value)."""
    if rng.random() < 0.80:
        value = rng.randrange(0, maximum * 4 + 1) / 4
        return int(value) if not plain and rng.random() < 0.1 and value == int(value) else value
    dirty = [
        float("nan"),
        -1.0,
        -0.0,
        0.0,
        maximum + 0.25,
        1e9,
        rng.randrange(0, maximum * 100 + 1) / 100,
        float(maximum),
    ]
    if not plain:
        dirty += [None, "", "  ", "abc", "12,5", " 7.25 ", 0, True, maximum, Decimal("3.10")]
        dirty += [Decimal("3.1"), Decimal("0"), "0", "0,00"]
    return rng.choice(dirty)


def council(seed: int, plain: bool = False):
    rng = random.Random(seed)
    cs = criteria_set(rng.choice(("qd-148-2023", "qd-1048-2019")))
    rules = CouncilRules(
        quorum=rng.choice(("3/4", "1/2", "2/3")),
        secretary_scores=rng.random() < 0.3,
        spread_limit=rng.choice((5, 10, 15)),
        display_decimals=rng.choice((0, 1, 2)),
        rounding=rng.choice(("half_up", "half_even")),
        presiders=rng.choice((("Chủ tịch",), ("Chủ tịch", "Phó Chủ tịch"))),
    )
    n_products = rng.randrange(1, 40)
    products = [
        Product(
            f"SP-{i:03d}",
            group_code=rng.choice(("I.3.b", "II.1.a", "I.2.b")),
            producer=f"HTX {i % 7}",
            kind=rng.choice(("", "", "Nâng hạng sao")),
            current_stars=rng.choice((None, 3, 4)),
        )
        for i in range(n_products)
    ]
    members = []
    for i in range(rng.randrange(1, len(NAMES) + 1)):
        conflicts: tuple[str, ...] = ()
        if rng.random() < 0.3:
            conflicts = tuple(
                rng.choice((f"SP-{rng.randrange(n_products):03d}", f"htx {rng.randrange(7)}"))
                for _ in range(rng.randrange(1, 3))
            )
        members.append(
            CouncilMember(
                name=NAMES[i],
                role=ROLES[i],
                present=rng.random() < 0.85,
                conflicts=conflicts,
                conflict_reason=rng.choice(("", "người nhà")),
            )
        )
    rows = []
    for p in products:
        base = rng.uniform(0, 100)
        for m in members:
            if rng.random() < 0.1:
                continue  # a missing score
            typed = [
                min(max(round(base * cs.part_max(x) / 100 + rng.uniform(-4, 4)) / 1, 0), 99)
                if rng.random() < 0.5
                else _cell(rng, cs.part_max(x), plain)
                for x in PARTS
            ]
            for _ in range(2 if rng.random() < 0.06 else 1):  # now and then typed twice
                values = {
                    "product_id": rng.choice(
                        (p.product_id,) * 12
                        + (p.product_id.lower(), " " + p.product_id, "SP-999", "")
                        + (() if plain else (None, 7))
                    ),
                    "member": rng.choice(
                        (m.name,) * 12
                        + (m.name.upper(), "Chu Tich", "Người Lạ", "")
                        + (() if plain else (None,))
                    ),
                    **dict(zip(PART_KEYS.values(), typed, strict=True)),
                }
                if rng.random() < 0.3:
                    typed = [_cell(rng, cs.part_max(x), plain) for x in PARTS]
                rows.append(values)
    rng.shuffle(rows)
    typed_rows = [
        Row(
            values,
            {
                k: Location(sheet="Chấm điểm", cell=f"{c}{line}", row=line)
                for c, k in zip("ABCDE", values, strict=True)
            }
            if line % 5
            else {},
            source=rng.choice(("", "phieu-1.xlsx")),
        )
        for line, values in enumerate(rows, start=2)
    ]
    requirements = REQUIREMENTS if rng.random() < 0.5 else ()
    met = {
        (p.product_id, r.code): rng.random() < 0.7
        for p in products
        for r in requirements
        if rng.random() < 0.8
    }
    pre = PrecheckBook(
        passed={p.product_id: rng.random() < 0.8 for p in products if rng.random() < 0.9},
        failed_contents={p.product_id: ("nguồn gốc",) for p in products},
    )
    return (
        cs,
        rules,
        route(rng.choice(ROUTES)),
        products,
        members,
        typed_rows,
        requirements,
        met,
        pre,
    )


@pytest.mark.parametrize("plain", [False, True], ids=["mixed", "floats"])
@pytest.mark.parametrize("seed", range(40))
def test_column_wise_scoring_gives_exactly_the_row_by_row_results(seed, plain):
    cs, rules, the_route, products, members, rows, requirements, met, pre = council(seed, plain)
    expected_scores, expected_issues = ref_check_part_rows(rows, products, members, cs, rules)
    status, expected = ref_score_products(
        products, members, expected_scores, cs, rules, the_route, requirements, met, pre
    )

    book = check_part_rows(rows, products, members, cs, rules)
    assert list(book.scores.items()) == list(expected_scores.items())
    for pair, score in book.scores.items():  # the same decimals, to the last written zero
        assert [str(v) for v in score.parts.values()] == [
            str(v) for v in expected_scores[pair].parts.values()
        ]
        assert str(score.total) == str(expected_scores[pair].total)
        assert (score.location, score.source) == (
            expected_scores[pair].location,
            expected_scores[pair].source,
        )
    assert [i.to_dict() for i in book.issues] == [i.to_dict() for i in expected_issues]
    assert book.issues == expected_issues

    scoring = score_products(
        products, members, book.scores, cs, rules, the_route, requirements, met, pre
    )
    assert scoring.council == status
    assert list(scoring.results) == expected
    for got, want in zip(scoring.results, expected, strict=True):
        assert [f.text_vi for f in got.flags] == [f.text_vi for f in want.flags]
        assert [str(t) for t in got.totals] == [str(t) for t in want.totals]


def test_the_sample_covers_every_finding_and_flag():
    """The random councils reach every branch the test compares (else it proves little)."""
    codes, flag_codes, kinds = set(), set(), set()
    for seed in range(40):
        cs, rules, the_route, products, members, rows, requirements, met, pre = council(seed)
        scores, issues = ref_check_part_rows(rows, products, members, cs, rules)
        codes |= {i.code for i in issues}
        _, results = ref_score_products(
            products, members, scores, cs, rules, the_route, requirements, met, pre
        )
        flag_codes |= {f for r in results for f in r.flag_codes}
        kinds |= {r.disposition.kind for r in results}
    assert codes == {
        "SCORE_PRODUCT_BLANK",
        "SCORE_PRODUCT_UNKNOWN",
        "SCORE_MEMBER_BLANK",
        "SCORE_MEMBER_UNKNOWN",
        "SCORE_PART_BLANK",
        "SCORE_NOT_NUMBER",
        "SCORE_OUT_OF_RANGE",
        # (SCORE_TOTAL_ABOVE_MAX cannot happen here: the parts' maxima add up to 100)
        "SCORE_BY_SECRETARY",
        "SCORE_BY_ABSENT_MEMBER",
        "SCORE_RECUSED_IGNORED",
        "SCORE_REPEATED",
        "SCORE_CONFLICTING",
    }
    assert flag_codes >= {
        F.QUORUM_NOT_REACHED,
        F.CHAIR_ABSENT,
        F.SPREAD_ABOVE_LIMIT,
        F.SCORES_MISSING,
        F.REQUIREMENT_NOT_MET,
        F.REQUIREMENTS_NOT_RECORDED,
        F.PRECHECK_MISSING,
        F.PRECHECK_FAILED,
        F.NO_SCORES,
        F.MEAN_ROUNDED_ACROSS_BAND,
        F.UPGRADE_STARS_MISSING,
    }
    assert kinds == {"recognised", "forwarded", "not_forwarded", "pending"}


def test_a_score_built_for_speed_has_every_field_of_a_plain_one():
    parts = {"A": Decimal("10.25"), "B": Decimal("20.5"), "C": Decimal("30")}
    where = Location(sheet="Chấm điểm", row=3)
    plain = MemberScore("SP-1", "An", parts, location=where, source="a.xlsx")
    fast = MemberScore.checked("SP-1", "An", parts, plain.total, where, "a.xlsx")
    assert fast == plain
    assert {f.name: getattr(fast, f.name) for f in fields(MemberScore)} == {
        f.name: getattr(plain, f.name) for f in fields(MemberScore)
    }
