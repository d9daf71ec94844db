"""Budget lines drafted from the support items each product requested in its registration.

A line already on Kinh phí for the same product and support item is never touched: the
staff may have edited it, and the pair (product ID, item code) is how it is recognised.
Prefill only appends lines for pairs that have no line yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_xl.domain.budget.lines import Product, SheetNames
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import SupportItem
from ocop_xl.domain.text import clean, fold
from ocop_xl.domain.values import split_codes

PREFILL_NOTE = "Theo đề nghị hỗ trợ trong phiếu đăng ký"


@dataclass
class Prefill:
    lines: list[dict[str, Any]] = field(default_factory=list)  # new Kinh phí rows, by key
    issues: list[Issue] = field(default_factory=list)
    kept: int = 0  # requests that already had a line (left as the staff have it)
    plan_wide: int = 0  # requested plan-wide items: the office plans those once, not per product

    @property
    def added(self) -> int:
        return len(self.lines)


def _match(text: str, items: Sequence[SupportItem]) -> SupportItem | None:
    """A requested item by its code (any case) or, failing that, by its name."""
    for item in items:
        if item.code.casefold() == text.casefold():
            return item
    for item in items:
        if fold(item.name) == fold(text):
            return item
    return None


def prefill_lines(
    existing: Iterable[tuple[str, str]],
    products: Sequence[Product],
    items: Sequence[SupportItem],
    support_cell: Callable[[Product], Location],
    sheets: SheetNames,
) -> Prefill:
    """New lines for every (product, requested item) pair without a line.

    ``existing``: the (product ID, item code) pairs of the current lines, as typed.
    """
    seen = {(clean(p).casefold(), clean(i).casefold()) for p, i in existing}
    result = Prefill()
    for product in products:
        if not product.product_id:
            continue
        for text in split_codes(product.support):
            item = _match(text, items)
            if item is None:
                result.issues.append(
                    Issue.warning(
                        "BUDGET_PREFILL_ITEM_UNKNOWN",
                        support_cell(product),
                        value=text,
                        product=product.product_id,
                        target_sheet=sheets.items,
                    )
                )
                continue
            if not item.per_product:
                result.plan_wide += 1
                continue
            key = (product.product_id.casefold(), item.code.casefold())
            if key in seen:
                result.kept += 1
                continue
            seen.add(key)
            cap = item.cap_per_product
            result.lines.append(
                {
                    "item": item.code,
                    "product_id": product.product_id,
                    "commune_code": product.commune_code or None,
                    "description": PREFILL_NOTE,
                    "quantity": 1,
                    "unit_cost": cap,
                    "amount": cap,
                }
            )
    return result
