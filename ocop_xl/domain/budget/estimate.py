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


def estimate_document(
    budget: Budget,
    profile: Profile,
    products: Sequence[Product] = (),
    *,
    day: date | None = None,
    errors: int = 0,
) -> Document:
    """The estimate: lines grouped by support item with subtotals, one column per funding
    source, the total in figures and in words. ``errors`` > 0 marks it as a draft."""
    sources = [s.code for s in budget.sources]
    by_product = {p.product_id: p for p in products}
    communes = {c.code: c.full_name for c in profile.communes}
    item_names = {i.code: (i.name, i.unit) for i in profile.support_items}
    columns = (
        DocColumn("TT", 6, "center"),
        DocColumn("Nội dung hỗ trợ", 44),
        DocColumn("Mã sản phẩm", 14),
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
                None,
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
                    line.product_id or None,
                    unit,
                    line.quantity,
                    line.unit_cost,
                    line.amount,
                    *(line.allocations.get(code) for code in sources),
                )
            )
    total = budget.amount
    total_row = ("", "TỔNG CỘNG", None, None, None, None, total, *by_source(budget.lines))
    legend = "; ".join(f"{s.code}: {s.name}" for s in budget.sources)
    before = (f"Ký hiệu nguồn vốn: {legend}.", "Đơn vị tính: đồng.")
    office = profile.unit.standing_office
    return Document(
        title=f"DỰ TOÁN KINH PHÍ HỖ TRỢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM {profile.year}",
        subtitle=f"(Kèm theo {profile.title})",
        issuing_body=(profile.unit.issuing_body, office.upper()),
        place_date=place_date_line(profile.unit.place, day),
        columns=columns,
        rows=rows,
        before=before,
        total_row=total_row,
        after=(f"Tổng số tiền bằng chữ: {amount_in_words(total, profile.number_words)}.",),
        signatures=(
            Signature(("NGƯỜI LẬP BIỂU",)),
            Signature((office.upper(), "TRƯỞNG PHÒNG")),
        ),
        landscape=True,
        group_rows=frozenset(bold),
        draft_errors=errors,
    )
