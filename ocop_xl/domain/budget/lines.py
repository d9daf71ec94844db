"""Budget lines as the staff type them on Kinh phí, read into exact values cell by cell.

A line is one support item for one product (or a plan-wide activity), with its quantity,
unit cost, amount and the amount each funding source gives. Funding-source columns are
found by their header: the source's code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import Commune, FundingSource, SupportItem
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import ValueProblem, parse_amount, parse_int
from ocop_xl.domain.vnformat import money

PLAN_WIDE = "hoạt động chung"
_PLAN_WIDE_KEY = fold(PLAN_WIDE)
# Where a line stands (column "Tình trạng thực hiện"): blank is still planned. Only a line
# done or paid is support given; the plan's targets count those and nothing else.
LINE_PLANNED = "Dự kiến"
LINE_DONE = "Đã thực hiện"
LINE_PAID = "Đã thanh toán"
LINE_STATUSES = (LINE_PLANNED, LINE_DONE, LINE_PAID)
_DONE_KEYS = frozenset(fold(s) for s in (LINE_DONE, LINE_PAID, "đã giải ngân", "xong", "có"))
# A header that looks like a source code (no spaces, no accents, no lower case): a staff
# column such as "Ghi chú" is left alone, a column "ABC" is taken for an unknown source.
_CODE_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]*$")

Locate = Callable[[int | None, str], Location]  # (Excel row or None for the header, column)


def line_done(value: object) -> bool:
    """Whether a line's "Tình trạng thực hiện" says the support was given (done or paid,
    any case or accents; "Đã giải ngân" and "Có" too). Blank or "Dự kiến": not yet."""
    return not is_blank(value) and fold(value) in _DONE_KEYS


def is_plan_wide(value: object) -> bool:
    """Blank or "hoạt động chung" (any case, with or without accents)."""
    return is_blank(value) or fold(value) == _PLAN_WIDE_KEY


@dataclass(frozen=True)
class SheetNames:
    """Sheet names the messages refer to (the layout owns the Vietnamese words)."""

    lines: str
    sources: str
    items: str
    registrations: str
    communes: str


@dataclass(frozen=True)
class BudgetInputs:
    """Everything the tally needs, already read from the workbook."""

    rows: Sequence[tuple[int, Mapping[str, Any]]]  # Kinh phí rows: (Excel row, cells by key)
    extra_headers: Sequence[str]  # undeclared Kinh phí columns, by header text
    locate: Locate  # the cell of (row, column key or header); row None = header cell
    labels: Mapping[str, str]  # column key -> its header, for messages
    sources: Sequence[FundingSource]
    source_cells: Mapping[str, Location]  # source code -> its "available" cell on Nguồn vốn
    items: Sequence[SupportItem]
    products: Sequence[Product]
    communes: Sequence[Commune]
    sheets: SheetNames


@dataclass
class BudgetLine:
    row: int
    item: str  # the catalog code when known, else as typed
    item_known: bool
    product_id: str  # the registered ID when known, else as typed; "" = plan-wide
    product_known: bool
    commune_code: str  # as typed, else the product's commune
    description: str
    quantity: int | None
    unit_cost: int | None
    amount: int | None  # None when missing or invalid
    allocations: dict[str, int] = field(default_factory=dict)  # source code -> đồng
    complete: bool = True  # every money cell valid: only then is the funding balance checked

    @property
    def plan_wide(self) -> bool:
        return not self.product_id

    @property
    def allocated(self) -> int:
        return sum(self.allocations.values())


def classify_columns(
    headers: Iterable[str], sources: Sequence[FundingSource]
) -> tuple[dict[str, str], list[str]]:
    """Which undeclared columns are funding sources: ({header: source code}, [unknown
    source-like headers]). Codes match without regard to case."""
    by_key = {s.code.casefold(): s.code for s in sources}
    found: dict[str, str] = {}
    unknown: list[str] = []
    for header in headers:
        text = clean(header)
        if text.casefold() in by_key:
            found[header] = by_key[text.casefold()]
        elif _CODE_LIKE.match(text):
            unknown.append(header)
    return found, unknown


def renamed_source_columns(
    columns: Mapping[str, Sequence[object]], sources: Sequence[FundingSource]
) -> tuple[list[str], list[str]]:
    """(sources with no column, columns that hold amounts but name no source) when both
    exist: a source column the staff renamed ("NSH" -> "NS huyện"). Its amounts would
    otherwise count as 0 and a new empty column be added for the source."""
    found, _ = classify_columns(columns, sources)
    lacking = [s.code for s in sources if s.code not in set(found.values())]
    if not lacking:
        return [], []
    suspects = []
    for header, values in columns.items():
        if header in found:
            continue
        amounts = 0
        for value in values:
            if is_blank(value) or isinstance(value, bool):
                continue
            try:
                parse_amount(value)
            except ValueProblem:
                continue
            amounts += 1
        if amounts:
            suspects.append(header)
    return (lacking, suspects) if suspects else ([], [])


def _quantity(value: object) -> int:
    number = parse_int(value)
    if number < 0:
        raise ValueProblem("số lượng không được âm", "a quantity must not be negative")
    return number


class _LineReader:
    def __init__(self, inputs: BudgetInputs, source_columns: Mapping[str, str]) -> None:
        self.inp = inputs
        self.source_columns = source_columns
        self.items = {i.code.casefold(): i for i in inputs.items}
        self.products = {p.product_id.casefold(): p for p in inputs.products if p.product_id}
        self.communes = {c.code.casefold(): c for c in inputs.communes}
        self.issues: list[Issue] = []

    def at(self, row: int, key: str) -> Location:
        return self.inp.locate(row, key)

    def money(self, row: int, key: str, raw: object, label: str) -> tuple[int | None, bool]:
        """(value, valid): blank is (None, True)."""
        if is_blank(raw):
            return None, True
        try:
            return parse_amount(raw), True
        except ValueProblem as exc:
            self.issues.append(
                Issue.error(
                    "BUDGET_AMOUNT_INVALID",
                    self.at(row, key),
                    label=label,
                    value=clean(raw),
                    expected_vi=exc.expected_vi,
                    expected_en=exc.expected_en,
                )
            )
            return None, False

    def line(self, row: int, rec: Mapping[str, Any]) -> BudgetLine:
        sheets = self.inp.sheets
        # Support item.
        item_text = clean(rec.get("item"))
        item = self.items.get(item_text.casefold()) if item_text else None
        if not item_text:
            self.issues.append(Issue.error("BUDGET_ITEM_MISSING", self.at(row, "item")))
        elif item is None:
            self.issues.append(
                Issue.error(
                    "BUDGET_ITEM_UNKNOWN",
                    self.at(row, "item"),
                    value=item_text,
                    target_sheet=sheets.items,
                )
            )
        # Product, or a plan-wide activity.
        product_raw = rec.get("product_id")
        product = None
        product_id = ""
        if not is_plan_wide(product_raw):
            product_id = clean(product_raw)
            product = self.products.get(product_id.casefold())
            if product is None:
                self.issues.append(
                    Issue.error(
                        "BUDGET_PRODUCT_UNKNOWN",
                        self.at(row, "product_id"),
                        value=product_id,
                        target_sheet=sheets.registrations,
                    )
                )
            else:
                product_id = product.product_id
        elif item is not None and item.per_product:
            if is_blank(product_raw):
                self.issues.append(
                    Issue.error(
                        "BUDGET_PRODUCT_MISSING", self.at(row, "product_id"), item=item.code
                    )
                )
            else:
                self.issues.append(
                    Issue.warning(
                        "BUDGET_PRODUCT_PLAN_WIDE", self.at(row, "product_id"), item=item.code
                    )
                )
        # Commune: as typed, else the product's.
        commune_code = clean(rec.get("commune_code"))
        if commune_code:
            commune = self.communes.get(commune_code.casefold())
            if commune is None:
                self.issues.append(
                    Issue.error(
                        "BUDGET_COMMUNE_UNKNOWN",
                        self.at(row, "commune_code"),
                        value=commune_code,
                        target_sheet=sheets.communes,
                    )
                )
            else:
                commune_code = commune.code
                other = product.commune_code if product is not None else ""
                if other and other.casefold() != commune_code.casefold():
                    self.issues.append(
                        Issue.warning(
                            "BUDGET_COMMUNE_MISMATCH",
                            self.at(row, "commune_code"),
                            value=commune_code,
                            expected=other,
                            product=product_id,
                        )
                    )
        elif product is not None:
            commune_code = product.commune_code
        # Quantity, unit cost, amount.
        complete = True
        quantity = None
        if not is_blank(rec.get("quantity")):
            try:
                quantity = _quantity(rec.get("quantity"))
            except ValueProblem as exc:
                complete = False
                self.issues.append(
                    Issue.error(
                        "BUDGET_QUANTITY_INVALID",
                        self.at(row, "quantity"),
                        value=clean(rec.get("quantity")),
                        expected_vi=exc.expected_vi,
                        expected_en=exc.expected_en,
                    )
                )
        labels = self.inp.labels
        unit_cost, ok = self.money(
            row, "unit_cost", rec.get("unit_cost"), labels.get("unit_cost", "")
        )
        complete &= ok
        amount, ok = self.money(row, "amount", rec.get("amount"), labels.get("amount", ""))
        complete &= ok
        computed = quantity * unit_cost if quantity is not None and unit_cost is not None else None
        if amount is None and ok:
            if computed is not None:
                amount = computed
            else:
                complete = False
                self.issues.append(Issue.error("BUDGET_AMOUNT_MISSING", self.at(row, "amount")))
        elif amount is not None and computed is not None and amount != computed:
            self.issues.append(
                Issue.error(
                    "BUDGET_AMOUNT_MISMATCH",
                    self.at(row, "amount"),
                    amount=money(amount),
                    expected=money(computed),
                )
            )
        # What each source gives.
        allocations: dict[str, int] = {}
        for header, code in self.source_columns.items():
            value, ok = self.money(row, header, rec.get(header), header)
            complete &= ok
            if value is not None:
                allocations[code] = allocations.get(code, 0) + value
        return BudgetLine(
            row=row,
            item=item.code if item else item_text,
            item_known=item is not None,
            product_id=product_id,
            product_known=product is not None,
            commune_code=commune_code,
            description=clean(rec.get("description")),
            quantity=quantity,
            unit_cost=unit_cost,
            amount=amount,
            allocations=allocations,
            complete=complete,
        )


def read_lines(
    inputs: BudgetInputs, source_columns: Mapping[str, str]
) -> tuple[list[BudgetLine], list[Issue]]:
    """Every row of Kinh phí as a line, and the problems of its own cells."""
    reader = _LineReader(inputs, source_columns)
    lines = [reader.line(row, rec) for row, rec in inputs.rows]
    return lines, reader.issues
