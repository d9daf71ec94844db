"""The budget tally: every check on the lines, and the sums by source, item, commune and
product, in whole đồng (exact int arithmetic; percentages as Fractions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from ocop_xl.domain.budget.lines import (
    PLAN_WIDE,
    BudgetInputs,
    BudgetLine,
    classify_columns,
    read_lines,
)
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import FundingSource
from ocop_xl.domain.vnformat import money

SourceStatus = Literal["ok", "warning", "over"]
STATUS_VI: dict[str, str] = {
    "ok": "Trong hạn mức",
    "warning": "Gần hết",
    "over": "Vượt số bố trí",
}
DISTRICT_LEVEL = "Cấp huyện (hoạt động chung)"


@dataclass(frozen=True)
class SourceTally:
    code: str
    name: str
    available: int
    allocated: int
    warning_percent: int

    @property
    def remaining(self) -> int:
        return self.available - self.allocated

    @property
    def share_used(self) -> Fraction | None:
        """allocated / available, exactly; None when nothing is available."""
        return Fraction(self.allocated, self.available) if self.available else None

    @property
    def status(self) -> SourceStatus:
        if self.allocated > self.available:
            return "over"
        # Above the threshold, compared exactly: allocated / available > percent / 100.
        if self.allocated * 100 > self.available * self.warning_percent:
            return "warning"
        return "ok"

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.status]


@dataclass
class GroupTally:
    """The lines of one support item, commune or product added up."""

    key: str
    name: str
    unit: str = ""
    commune: str = ""
    lines: int = 0
    quantity: int = 0
    amount: int = 0
    allocated: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    products: set[str] = field(default_factory=set)
    items: list[str] = field(default_factory=list)

    def add(self, line: BudgetLine) -> None:
        self.lines += 1
        self.quantity += line.quantity or 0
        self.amount += line.amount or 0
        self.allocated += line.allocated
        for code, value in line.allocations.items():
            self.by_source[code] = self.by_source.get(code, 0) + value
        if line.product_id:
            self.products.add(line.product_id)
        if line.item and line.item not in self.items:
            self.items.append(line.item)

    @property
    def unfunded(self) -> int:
        return self.amount - self.allocated


@dataclass
class Budget:
    lines: list[BudgetLine]
    issues: list[Issue]
    sources: list[SourceTally]
    items: list[GroupTally]
    communes: list[GroupTally]
    products: list[GroupTally]
    source_columns: dict[str, str]  # Kinh phí header -> source code

    @property
    def allocated(self) -> int:
        return sum(s.allocated for s in self.sources)

    @property
    def available(self) -> int:
        return sum(s.available for s in self.sources)

    @property
    def amount(self) -> int:
        return sum(line.amount or 0 for line in self.lines)

    def source(self, code: str) -> SourceTally:
        return next(s for s in self.sources if s.code == code)


def percent_text(share: Fraction | None) -> str:
    """Fraction(209, 200) -> "104,5%" (one decimal, half up, Vietnamese decimal comma)."""
    if share is None:
        return ""
    value = (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{value}".replace(".", ",") + "%"


def percent_number(share: Fraction | None, places: int = 2) -> float | None:
    """The share as a percentage rounded half up for reports: Fraction(209, 200) -> 104.5."""
    if share is None:
        return None
    value = (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
    )
    return float(value)


def _cross_checks(
    lines: list[BudgetLine], inputs: BudgetInputs, source_columns: dict[str, str]
) -> list[Issue]:
    items = {i.code: i for i in inputs.items}
    issues: list[Issue] = []
    first_row: dict[tuple[str, str], int] = {}
    for line in lines:
        item = items.get(line.item) if line.item_known else None
        at = inputs.locate
        if item is not None and item.eligible_sources:
            for header, code in source_columns.items():
                if line.allocations.get(code, 0) > 0 and code not in item.eligible_sources:
                    issues.append(
                        Issue.error(
                            "BUDGET_SOURCE_NOT_ELIGIBLE",
                            at(line.row, header),
                            source=code,
                            item=item.code,
                            item_name=item.name,
                            eligible=", ".join(item.eligible_sources),
                        )
                    )
        if (
            item is not None
            and item.cap_per_product is not None
            and not line.plan_wide
            and line.amount is not None
            and line.amount > item.cap_per_product
        ):
            issues.append(
                Issue.error(
                    "BUDGET_CAP_EXCEEDED",
                    at(line.row, "amount"),
                    amount=money(line.amount),
                    cap=money(item.cap_per_product),
                    excess=money(line.amount - item.cap_per_product),
                    item=item.code,
                )
            )
        if not line.plan_wide and line.item:
            key = (line.product_id.casefold(), line.item.casefold())
            if key in first_row:
                issues.append(
                    Issue.error(
                        "BUDGET_DOUBLE_FUNDING",
                        at(line.row, "item"),
                        product=line.product_id,
                        item=line.item,
                        other_row=first_row[key],
                    )
                )
            else:
                first_row[key] = line.row
        if line.complete and line.amount is not None and line.allocated != line.amount:
            short = line.allocated < line.amount
            issues.append(
                Issue.error(
                    "BUDGET_LINE_UNDERFUNDED" if short else "BUDGET_LINE_OVERFUNDED",
                    at(line.row, "amount"),
                    amount=money(line.amount),
                    allocated=money(line.allocated),
                    difference=money(abs(line.amount - line.allocated)),
                )
            )
    return issues


def _source_tallies(lines: list[BudgetLine], sources: Iterable[FundingSource]) -> list[SourceTally]:
    allocated: dict[str, int] = {}
    for line in lines:
        for code, value in line.allocations.items():
            allocated[code] = allocated.get(code, 0) + value
    return [
        SourceTally(s.code, s.name, s.available, allocated.get(s.code, 0), s.warning_percent)
        for s in sources
    ]


def _source_issues(tallies: list[SourceTally], inputs: BudgetInputs) -> list[Issue]:
    issues = []
    for s in tallies:
        where = inputs.source_cells.get(s.code, Location(sheet=inputs.sheets.sources))
        params = {
            "source": s.code,
            "name": s.name,
            "allocated": money(s.allocated),
            "available": money(s.available),
        }
        if s.status == "over":
            issues.append(
                Issue.error(
                    "BUDGET_SOURCE_OVER", where, excess=money(s.allocated - s.available), **params
                )
            )
        elif s.status == "warning":
            issues.append(
                Issue.warning(
                    "BUDGET_SOURCE_WARNING",
                    where,
                    percent=percent_text(s.share_used),
                    threshold=s.warning_percent,
                    **params,
                )
            )
    return issues


def _group_tallies(
    lines: list[BudgetLine], inputs: BudgetInputs
) -> tuple[list[GroupTally], list[GroupTally], list[GroupTally]]:
    # By item: every catalog item in catalog order (zeros show what is not planned yet),
    # then codes the catalog lacks.
    items = {i.code: GroupTally(i.code, i.name, unit=i.unit) for i in inputs.items}
    # By commune and by product: those with lines, in the order of Danh mục xã and Đăng ký,
    # then codes those lists lack, then the plan-wide lines.
    communes = {c.code: GroupTally(c.code, c.full_name) for c in inputs.communes}
    products = {
        p.product_id: GroupTally(p.product_id, p.name, commune=p.commune or p.commune_code)
        for p in inputs.products
        if p.product_id
    }
    district = GroupTally("", DISTRICT_LEVEL)
    plan_wide = GroupTally(PLAN_WIDE, "Các hoạt động chung của kế hoạch")
    for line in lines:
        if line.item:
            items.setdefault(line.item, GroupTally(line.item, "")).add(line)
        if line.commune_code:
            communes.setdefault(line.commune_code, GroupTally(line.commune_code, "")).add(line)
        else:
            district.add(line)
        if line.product_id:
            group = products.setdefault(
                line.product_id, GroupTally(line.product_id, "", commune=line.commune_code)
            )
            group.add(line)
        else:
            plan_wide.add(line)
    commune_list = [g for g in communes.values() if g.lines] + (
        [district] if district.lines else []
    )
    product_list = [g for g in products.values() if g.lines] + (
        [plan_wide] if plan_wide.lines else []
    )
    return list(items.values()), commune_list, product_list


def tally_budget(inputs: BudgetInputs) -> Budget:
    """Read every line, run every check, add everything up."""
    source_columns, unknown = classify_columns(inputs.extra_headers, inputs.sources)
    issues: list[Issue] = [
        Issue.error(
            "BUDGET_SOURCE_UNKNOWN",
            inputs.locate(None, header),
            value=header,
            target_sheet=inputs.sheets.sources,
            known=", ".join(s.code for s in inputs.sources),
        )
        for header in unknown
    ]
    lines, line_issues = read_lines(inputs, source_columns)
    issues += line_issues
    issues += _cross_checks(lines, inputs, source_columns)
    sources = _source_tallies(lines, inputs.sources)
    issues += _source_issues(sources, inputs)
    items, communes, products = _group_tallies(lines, inputs)
    return Budget(lines, issues, sources, items, communes, products, source_columns)
