"""Every typed score checked: a number (Vietnamese decimal comma accepted), within 0..max of
its part or criterion, total at most 100, member and product known, the member allowed to
score it. All problems are found in one pass; a row with an error is not counted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ocop_xl.domain.criteria import MAX_TOTAL, PARTS, CriteriaSet
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules
from ocop_xl.domain.scoring.bulk import collector_paused
from ocop_xl.domain.scoring.catalog import applicable
from ocop_xl.domain.scoring.display import exact_text
from ocop_xl.domain.scoring.members import MemberIndex, recusal
from ocop_xl.domain.scoring.model import (
    PART_KEYS,
    Criterion,
    MemberScore,
    Product,
    Row,
    part_label,
)
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_decimal

Pair = tuple[str, str]  # (product ID, member name)
DEFAULT_RULES = CouncilRules()
_UNSEEN: Any = object()


@dataclass
class ScoreBook:
    """The valid scores by (product ID, member name), and what was found on the way."""

    scores: dict[Pair, MemberScore] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


class ProductIndex:
    def __init__(self, products: Iterable[Product]) -> None:
        self.products = tuple(products)
        self._exact = {p.product_id: p for p in self.products}
        self._folded = {p.product_id.casefold(): p for p in self.products}

    def find(self, value: object) -> Product | None:
        text = clean(value)
        return self._exact.get(text) or self._folded.get(text.casefold())


def _where(loc: Location) -> str:
    """'Chấm điểm!C7' or 'phieu-cham.xlsx Phiếu chấm điểm!E9', for 'entered twice' messages."""
    place = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"{loc.file} {place}".strip()


class _Checker:
    def __init__(
        self,
        products: Sequence[Product],
        members: Sequence[CouncilMember],
        criteria_set: CriteriaSet,
        rules: CouncilRules,
    ) -> None:
        self.rules = rules
        self.products = ProductIndex(products)
        self.members = MemberIndex(members)
        self.criteria_set = criteria_set
        self.book = ScoreBook()
        # Typed numbers repeat (quarter points): each distinct cell value parsed once. Keyed
        # by type too, so 1, 1.0 and True each keep their own parse.
        self._parsed: dict[tuple[type, object], Decimal] = {}
        # Each product ID is typed once per member, each name once per product: a typed
        # text is looked up once.
        self._product_of: dict[str, Product | None] = {}
        self._member_of: dict[str, CouncilMember | None] = {}

    def error(self, code: str, where: Location, **params: Any) -> None:
        self.book.issues.append(Issue.error(code, where, **params))

    def warning(self, code: str, where: Location, **params: Any) -> None:
        self.book.issues.append(Issue.warning(code, where, **params))

    def who_and_what(self, row: Row) -> tuple[Product | None, CouncilMember | None]:
        """The row's product and member, reporting a blank or unknown one."""
        product = member = None
        values = row.values
        raw_product, raw_member = values.get("product_id"), values.get("member")
        if is_blank(raw_product):
            self.error("SCORE_PRODUCT_BLANK", row.at("product_id"))
        else:
            if type(raw_product) is str:
                product = self._product_of.get(raw_product, _UNSEEN)
                if product is _UNSEEN:
                    product = self._product_of[raw_product] = self.products.find(raw_product)
            else:
                product = self.products.find(raw_product)
            if product is None:
                self.error("SCORE_PRODUCT_UNKNOWN", row.at("product_id"), value=clean(raw_product))
        if is_blank(raw_member):
            self.error("SCORE_MEMBER_BLANK", row.at("member"))
        else:
            if type(raw_member) is str:
                member = self._member_of.get(raw_member, _UNSEEN)
                if member is _UNSEEN:
                    member = self._member_of[raw_member] = self.members.find(raw_member)
            else:
                member = self.members.find(raw_member)
            if member is None:
                self.error("SCORE_MEMBER_UNKNOWN", row.at("member"), value=clean(raw_member))
        return product, member

    def points(self, row: Row, key: str, label: str, maximum: Decimal | int) -> Decimal | None:
        raw = row.values.get(key)
        kind = type(raw)
        # (0.0 and -0.0 are equal keys but not equal decimals: zeros are not cached)
        cached = (kind is float or kind is int) and raw != 0
        value = self._parsed.get((kind, raw)) if cached else None
        if value is None:
            try:
                value = parse_decimal(raw)
            except ValueProblem:
                self.error("SCORE_NOT_NUMBER", row.at(key), label=label, value=clean(raw))
                return None
            if cached:
                self._parsed[(kind, raw)] = value
        if not 0 <= value <= maximum:
            self.error(
                "SCORE_OUT_OF_RANGE",
                row.at(key),
                label=label,
                value=exact_text(value),
                max=exact_text(maximum),
            )
            return None
        return value

    def allowed(self, product: Product, member: CouncilMember, where: Location) -> bool:
        """Only present, scoring, non-recused members' scores count."""
        if not member.scores(self.rules):
            self.warning("SCORE_BY_SECRETARY", where, member=member.name)
            return False
        if not member.present:
            self.warning("SCORE_BY_ABSENT_MEMBER", where, member=member.name)
            return False
        recused = recusal(member, product)
        if recused is not None:
            self.warning(
                "SCORE_RECUSED_IGNORED",
                where,
                member=member.name,
                product=product.product_id,
                reason=recused.reason or "không ghi lý do",
            )
            return False
        return True

    def within_total(self, score: MemberScore, where: Location) -> bool:
        if score.total > MAX_TOTAL:
            self.error(
                "SCORE_TOTAL_ABOVE_MAX",
                where,
                member=score.member,
                product=score.product_id,
                total=exact_text(score.total),
                max=MAX_TOTAL,
            )
            return False
        return True


def check_part_rows(
    rows: Sequence[Row],
    products: Sequence[Product],
    members: Sequence[CouncilMember],
    criteria_set: CriteriaSet,
    rules: CouncilRules = DEFAULT_RULES,
) -> ScoreBook:
    """Scores typed per part (columns part_a, part_b, part_c), one row per product and
    member. A row whose three parts are blank is a product not scored yet.

    Column-wise first: each distinct typed product ID, name and score is judged once, and a
    row whose cells are all fine, whose member may score the product and whose pair is new
    is kept at once. Every other row goes through the row-by-row checks in its place, so
    the findings and their order are those of checking every row on its own."""
    checker = _Checker(products, members, criteria_set, rules)
    columns = [(p, PART_KEYS[p], part_label(p), criteria_set.part_max(p)) for p in PARTS]
    values = [r.values for r in rows]

    def scoring_member(text: str) -> CouncilMember | None:
        member = checker.members.find(text)
        return member if member is not None and member.scores(rules) and member.present else None

    with collector_paused():
        product_of = _by_text(checker.products.find, [v.get("product_id") for v in values])
        member_of = _by_text(scoring_member, [v.get("member") for v in values])
        points = [_points(values, key, maximum) for _, key, _, maximum in columns]
        _keep_rows(checker, rows, columns, product_of, member_of, points)
    return checker.book


def _keep_rows(
    checker: _Checker,
    rows: Sequence[Row],
    columns: list[tuple[str, str, str, int]],
    product_of: list[Product | None],
    member_of: list[CouncilMember | None],
    points: list[list[Decimal | None]],
) -> None:
    """Each row kept at once when its cells were all found fine, else checked on its own."""
    scores = checker.book.scores
    popped: dict[Pair, MemberScore] = {}  # first scores of the pairs typed twice differently
    a_, b_, c_ = PARTS
    zero = Decimal(0)
    recusals = any(m.conflicts for m in checker.members.members)
    for row, product, member, a, b, c in zip(rows, product_of, member_of, *points, strict=True):
        if product is None or member is None or a is None or b is None or c is None:
            _check_part_row(checker, row, columns, popped)
            continue
        total = zero + a + b + c  # as sum(parts, Decimal(0)): the same decimal
        pair = (product.product_id, member.name)
        if (
            total > MAX_TOTAL
            or pair in scores
            or (popped and pair in popped)
            or (recusals and recusal(member, product) is not None)
        ):
            _check_part_row(checker, row, columns, popped)
            continue
        where = row.cells.get("product_id") or row.at("product_id")
        scores[pair] = MemberScore.checked(
            pair[0], pair[1], {a_: a, b_: b, c_: c}, total, where, row.source
        )


def _by_text(find: Callable[[str], Any], column: list[Any]) -> list[Any]:
    """Each cell's match, looked up once per distinct typed text; None for a blank,
    unknown or non-text cell (left to the row-by-row checks)."""
    try:
        distinct = set(column)
    except TypeError:  # an unhashable cell: only the texts are looked up anyway
        distinct = {x for x in column if type(x) is str}
    found = {x: None if is_blank(x) else find(x) for x in distinct if type(x) is str}
    if len(found) == len(distinct):  # texts only (the usual column): read in one pass
        return list(map(found.get, column))
    return [found.get(x) if type(x) is str else None for x in column]


_PLAIN = frozenset({float, int, str})


def _points(values: list[Mapping[str, Any]], key: str, maximum: Decimal | int) -> list[Any]:
    """Each cell's exact points when it is a number within 0..max, judged once per distinct
    typed value (and type: 1, 1.0 and '1' keep their own decimal); None for anything else,
    left to the row-by-row checks: blanks, texts that are no number, scores out of range,
    zeros (0.0 and -0.0 are equal keys but different decimals), other types."""
    column = [v.get(key) for v in values]
    kinds = set(map(type, column))
    if len(kinds) == 1 and kinds <= _PLAIN:  # one type (the usual column): keyed by value
        kind = next(iter(kinds))
        judged = {raw: _judged(kind, raw, maximum) for raw in set(column)}
        return list(map(judged.get, column))
    try:
        keys = list(zip(map(type, column), column, strict=True))
        distinct = set(keys)
    except TypeError:  # an unhashable cell: only the plain ones are judged
        keys = [(type(x), x) if type(x) in _PLAIN else (object, None) for x in column]
        distinct = set(keys)
    by_kind = {k: _judged(*k, maximum) if k[0] in _PLAIN else None for k in distinct}
    return list(map(by_kind.get, keys))


def _judged(kind: type, raw: Any, maximum: Decimal | int) -> Decimal | None:
    if (kind is str or raw != 0) and not is_blank(raw):
        try:
            value = parse_decimal(raw)
        except ValueProblem:
            return None
        if 0 <= value <= maximum:
            return value
    return None


def _check_part_row(
    checker: _Checker,
    row: Row,
    columns: list[tuple[str, str, str, int]],
    popped: dict[Pair, MemberScore],
) -> None:
    """One typed row checked on its own, every finding reported."""
    values = row.values
    if all(is_blank(values.get(key)) for _, key, _, _ in columns):
        return
    product, member = checker.who_and_what(row)
    parts: dict[str, Decimal] = {}
    complete = True
    for part, key, label, maximum in columns:
        if is_blank(values.get(key)):
            checker.error("SCORE_PART_BLANK", row.at(key), label=label)
            complete = False
            continue
        value = checker.points(row, key, label, maximum)
        if value is None:
            complete = False
        else:
            parts[part] = value
    if product is None or member is None or not complete:
        return
    where = row.at("product_id")
    score = MemberScore(product.product_id, member.name, parts, location=where, source=row.source)
    if score.total > MAX_TOTAL and not checker.within_total(score, row.at(PART_KEYS["C"])):
        return  # (the cell of part C looked up only for the finding)
    if not checker.allowed(product, member, where):
        return
    _keep(checker, score, popped)


def check_criterion_rows(
    rows: Sequence[Row],
    products: Sequence[Product],
    members: Sequence[CouncilMember],
    criteria_set: CriteriaSet,
    catalog: Sequence[Criterion],
    rules: CouncilRules = DEFAULT_RULES,
) -> ScoreBook:
    """Scores typed per criterion (columns criterion, points), one row per product, member
    and criterion. A member's score of a product counts when every criterion that applies
    to the product's group is scored; the parts are then the sums of their criteria."""
    checker = _Checker(products, members, criteria_set, rules)
    by_code = {c.code: c for c in catalog}
    by_folded = {c.code.casefold(): c for c in catalog}
    typed: dict[Pair, dict[str, tuple[Decimal, Location]]] = {}
    first_row: dict[Pair, Location] = {}
    broken: set[Pair] = set()
    sources: dict[Pair, str] = {}
    for row in rows:
        if is_blank(row.get("points")):
            continue
        product, member = checker.who_and_what(row)
        criterion = None
        raw_code = row.get("criterion")
        if is_blank(raw_code):
            checker.error("SCORE_CRITERION_BLANK", row.at("criterion"))
        else:
            code = clean(raw_code)
            criterion = by_code.get(code) or by_folded.get(code.casefold())
            if criterion is None:
                checker.error("SCORE_CRITERION_UNKNOWN", row.at("criterion"), value=code)
        if (
            criterion is not None
            and product is not None
            and not criterion.applies_to(product.group_code)
        ):
            checker.warning(
                "SCORE_CRITERION_NOT_APPLICABLE",
                row.at("criterion"),
                value=criterion.code,
                group=product.group_code or "(trống)",
            )
            continue
        value = None
        if criterion is not None:
            value = checker.points(
                row, "points", f"tiêu chí {criterion.code}", criterion.max_points
            )
        if product is None or member is None:
            continue
        pair = (product.product_id, member.name)
        first_row.setdefault(pair, row.at("product_id"))
        sources.setdefault(pair, row.source)
        if criterion is None or value is None:
            broken.add(pair)
            continue
        entered = typed.setdefault(pair, {})
        if criterion.code in entered:
            earlier, earlier_at = entered[criterion.code]
            params = {"member": member.name, "product": product.product_id}
            if earlier == value:
                checker.warning(
                    "SCORE_REPEATED", row.at("points"), other=_where(earlier_at), **params
                )
            else:
                checker.error(
                    "SCORE_CONFLICTING", row.at("points"), other=_where(earlier_at), **params
                )
                broken.add(pair)
            continue
        entered[criterion.code] = (value, row.at("points"))

    products_by_id = {p.product_id: p for p in products}
    members_by_name = {m.name: m for m in members}
    for pair, where in first_row.items():
        if pair in broken:
            continue
        product, member = products_by_id[pair[0]], members_by_name[pair[1]]
        if not checker.allowed(product, member, where):
            continue
        entered = typed.get(pair, {})
        needed = applicable(catalog, product.group_code)
        missing = [c.code for c in needed if c.code not in entered]
        if missing:
            checker.error(
                "SCORE_CRITERIA_INCOMPLETE",
                where,
                member=member.name,
                product=product.product_id,
                missing=", ".join(missing),
            )
            continue
        points = {code: v for code, (v, _) in entered.items()}
        parts = {p: Decimal(0) for p in PARTS}
        for c in needed:
            parts[c.part] += points[c.code]
        over = [p for p in PARTS if parts[p] > criteria_set.part_max(p)]
        for part in over:
            checker.error(
                "SCORE_PART_ABOVE_MAX",
                where,
                label=part_label(part),
                member=member.name,
                product=product.product_id,
                total=exact_text(parts[part]),
                max=criteria_set.part_max(part),
            )
        score = MemberScore(
            product.product_id, member.name, parts, points, location=where, source=sources[pair]
        )
        if over or not checker.within_total(score, where):
            continue
        checker.book.scores[pair] = score
    return checker.book


def _keep(checker: _Checker, score: MemberScore, popped: dict[Pair, MemberScore]) -> None:
    """Keep a valid score once. The same score typed twice counts once (a warning); two
    different scores for one product and member count neither (an error). ``popped`` holds
    the first score of each pair that was typed twice differently."""
    scores = checker.book.scores
    pair = (score.product_id, score.member)
    earlier = scores.get(pair)
    if earlier is None:
        earlier = popped.get(pair)
    if earlier is None:
        scores[pair] = score
        return
    params = {"member": score.member, "product": score.product_id}
    other = _where(earlier.location)  # where the first score was typed
    if dict(earlier.parts) == dict(score.parts) and pair not in popped:
        checker.warning("SCORE_REPEATED", score.location, other=other, **params)
    else:
        checker.error("SCORE_CONFLICTING", score.location, other=other, **params)
        if pair not in popped:
            popped[pair] = scores.pop(pair)


def ignored_rows(rows: Sequence[Row], keys: Sequence[str]) -> int:
    """How many rows hold a value in any of ``keys`` (rows left out in the other mode)."""
    return sum(1 for r in rows if any(not is_blank(r.get(k)) for k in keys))
