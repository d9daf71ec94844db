"""Dự toán kinh phí: the printable budget estimate, built from the tally as a Document."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ocop_xl.domain.budget.lines import BudgetLine, Product
from ocop_xl.domain.budget.tally import Budget
from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.number_words import amount_in_words
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.vnformat import place_date_line, roman


def _line_label(line: BudgetLine, products: dict[str, Product], communes: dict[str, str]) -> str:
    if line.plan_wide:
        return line.description or "Hoạt động chung"
    product = products.get(line.product_id)
    label = product.name if product and product.name else line.product_id
    commune = (product.commune if product else "") or communes.get(line.commune_code, "")
    if commune:
        label = f"{label} ({commune})"
    if line.description:
        label = f"{label} - {line.description}"
    return label


def _in_thousands(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row with its amounts (unit cost, amount, sources) in thousands of đồng."""
    head, money = row[:4], row[4:]
    return (*head, *(round(v / 1000) if isinstance(v, int | float) else v for v in money))


def estimate_document(
    budget: Budget,
    profile: Profile,
    products: Sequence[Product] = (),
    *,
    day: date | None = None,
    errors: int = 0,
) -> Document:
    """The estimate: lines grouped by support item with subtotals, one column per funding
    source that gives money (the others are named above the table, so the table fits a
    landscape A4 page at a readable size), the total in figures and in words. A line names
    its product and commune in words, not by the product's internal ID. ``errors`` > 0
    marks it as a draft."""
    funded = {code for line in budget.lines for code, v in line.allocations.items() if v}
    sources = [s.code for s in budget.sources if s.code in funded]
    unfunded = [s.code for s in budget.sources if s.code not in funded]
    by_product = {p.product_id: p for p in products}
    communes = {c.code: c.full_name for c in profile.communes}
    item_names = {i.code: (i.name, i.unit) for i in profile.support_items}
    columns = (
        DocColumn("TT", 6, "center"),
        DocColumn("Nội dung hỗ trợ", 44),
        DocColumn("Đơn vị tính", 10, "center"),
        DocColumn("Số lượng", 9, "int"),
        DocColumn("Đơn giá", 14, "money"),
        DocColumn("Thành tiền", 16, "money"),
        *(DocColumn(code, 14, "money") for code in sources),
    )

    def by_source(lines: Sequence[BudgetLine]) -> list[int | None]:
        sums = []
        for code in sources:
            values = [line.allocations[code] for line in lines if code in line.allocations]
            sums.append(sum(values) if values else None)
        return sums

    # Groups in catalog order, then item codes the catalog lacks, in the order met.
    order = [i.code for i in profile.support_items]
    groups: dict[str, list[BudgetLine]] = {code: [] for code in order}
    for line in budget.lines:
        groups.setdefault(line.item or "?", []).append(line)
    rows: list[tuple[Any, ...]] = []
    bold: set[int] = set()
    section = 0
    for code, lines in groups.items():
        if not lines:
            continue
        section += 1
        name, unit = item_names.get(code, (f"Nội dung “{code}” (chưa có trong danh mục)", ""))
        bold.add(len(rows))
        quantities = [line.quantity for line in lines if line.quantity is not None]
        rows.append(
            (
                roman(section),
                name,
                unit,
                sum(quantities) if quantities else None,
                None,
                sum(line.amount or 0 for line in lines),
                *by_source(lines),
            )
        )
        for number, line in enumerate(lines, start=1):
            rows.append(
                (
                    number,
                    _line_label(line, by_product, communes),
                    unit,
                    line.quantity,
                    line.unit_cost,
                    line.amount,
                    *(line.allocations.get(code) for code in sources),
                )
            )
    total = budget.amount
    total_row = ("", "TỔNG CỘNG", None, None, None, total, *by_source(budget.lines))
    legend = "; ".join(f"{s.code}: {s.name}" for s in budget.sources)
    before = [f"Ký hiệu nguồn vốn: {legend}."]
    if unfunded:
        before.append("Nguồn chưa bố trí kinh phí trong dự toán: " + ", ".join(unfunded) + ".")
    # Amounts in thousands when every one is whole thousands (as budget tables usually are):
    # the columns then fit a landscape page at 13 pt. The total in words stays in đồng.
    money = [v for row in [*rows, total_row] for v in row[4:] if isinstance(v, int | float)]
    thousands = bool(money) and all(float(v) % 1000 == 0 for v in money)
    if thousands:
        rows = [_in_thousands(row) for row in rows]
        total_row = _in_thousands(total_row)
    before.append("Đơn vị tính: nghìn đồng." if thousands else "Đơn vị tính: đồng.")
    office = profile.unit.standing_office
    return Document(
        title=f"DỰ TOÁN KINH PHÍ HỖ TRỢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM {profile.year}",
        subtitle=f"(Kèm theo {profile.title})",
        issuing_body=(profile.unit.issuing_body, office.upper()),
        place_date=place_date_line(profile.unit.place, day),
        columns=columns,
        rows=rows,
        before=tuple(before),
        total_row=total_row,
        after=(f"Tổng số tiền bằng chữ: {amount_in_words(total, profile.number_words)}.",),
        signatures=(
            Signature(("NGƯỜI LẬP BIỂU",), profile.preparer_name),
            Signature((office.upper(), "TRƯỞNG PHÒNG"), profile.head_name),
        ),
        landscape=True,
        group_rows=frozenset(bold),
        draft_errors=errors,
    )
