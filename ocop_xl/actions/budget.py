"""Tổng hợp kinh phí: tally the budget lines against the funding sources, write the
tallies and the printable estimate (dự toán kinh phí); ``prefill`` first drafts lines from
the support the products requested in their registrations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ocop_xl.actions.common import fill_product_names, read_products, replace_issues
from ocop_xl.actions.registry import action
from ocop_xl.domain.budget import (
    Budget,
    BudgetInputs,
    GroupTally,
    Prefill,
    Product,
    SheetNames,
    classify_columns,
    estimate_document,
    percent_number,
    prefill_lines,
    renamed_source_columns,
    tally_budget,
)
from ocop_xl.domain.issues import Issue, Location, MasterError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.text import clean
from ocop_xl.domain.values import ValueProblem, parse_amount
from ocop_xl.domain.vnformat import money
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.spec import Column
from ocop_xl.workbook.port import ROW_INDEX, Workbook, location, records
from ocop_xl.workbook.profile_sheets import read_profile

LABEL = "Tổng hợp kinh phí"
LINES = MASTER.table("budget_lines")


def sheet_names() -> SheetNames:
    return SheetNames(
        lines=LINES.sheet,
        sources=MASTER.table("funding_sources").sheet,
        items=MASTER.table("support_items").sheet,
        registrations=MASTER.table("registrations").sheet,
        communes=MASTER.table("communes").sheet,
    )


def _extras(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in LINES.keys]


def _locator(frame: pd.DataFrame) -> Callable[[int | None, str], Location]:
    header_row = frame.attrs.get("header_row", LINES.header_row)

    def locate(row: int | None, key: str) -> Location:
        if row is not None:
            return location(frame, row, key)
        letter = frame.attrs.get("letters", {}).get(key, "")
        return Location(
            file=frame.attrs.get("file", ""),
            sheet=frame.attrs.get("sheet", ""),
            cell=f"{letter}{header_row}" if letter else "",
            row=header_row,
            column=letter,
            field=key,
        )

    return locate


def _rewrite_lines(
    wb: Workbook, frame: pd.DataFrame, profile: Profile, new_rows: list[dict[str, Any]]
) -> list[str]:
    """Write Kinh phí back with ``new_rows`` appended and a column for every current
    source; the cells already there are written back as they were read."""
    found, _ = classify_columns(_extras(frame), profile.funding_sources)
    present = set(found.values())
    missing = [s.code for s in profile.funding_sources if s.code not in present]
    columns = [*LINES.keys, *_extras(frame), *missing]
    kept = records(frame)
    rows = [dict(rec) for _, rec in kept] + new_rows
    # Each line read stays on its row (its formulas and notes with it); new ones are added.
    index = pd.Index([row for row, _ in kept] + [None] * len(new_rows), name=ROW_INDEX)
    out = pd.DataFrame(rows, columns=columns, index=index, dtype=object)
    out = out.astype(object).where(out.notna(), None)
    # the funding-source columns are money, as the declared amount columns are
    out.attrs["column_looks"] = {
        header: Column(header, header, 14, "money") for header in [*found, *missing]
    }
    wb.write_table("budget_lines", out)
    return missing


MONEY_KEYS = ("unit_cost", "amount")
EXACT_LIMIT = 10**15  # Excel keeps 15 significant digits in a number cell


def _money_as_numbers(
    lines: pd.DataFrame, sources: dict[str, str]
) -> tuple[pd.DataFrame, list[Issue]]:
    """Amounts typed as text ("250.000.000", "30 000 000 đ") in the money columns of Kinh
    phí (unit cost, amount, each funding source) as the numbers they say, each change
    noted on Kiểm tra (``MONEY_TEXT_READ``) with its cell; text that is no amount stays
    as typed (the checks report it), and so does an amount of 16 digits or more, which a
    number cell would round."""
    notes: list[Issue] = []
    columns = [k for k in (*MONEY_KEYS, *sources) if k in lines.columns]
    if not columns or not len(lines):
        return lines, notes
    out = lines.astype(object)
    out.attrs = dict(lines.attrs)
    for row, rec in records(lines):
        for key in columns:
            value = rec.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            try:
                number = parse_amount(value)
            except ValueProblem:
                continue
            if number >= EXACT_LIMIT:  # a number cell would round it: it stays exact text
                continue
            out.loc[row, key] = number
            notes.append(
                Issue.warning(
                    "MONEY_TEXT_READ",
                    location(lines, row, key),
                    value=value.strip(),
                    amount=money(number),
                )
            )
    return out, notes


def _refuse_renamed_sources(lines: pd.DataFrame, profile: Profile) -> None:
    """Stop before anything is counted or written when a source's column seems renamed."""
    columns = {h: lines[h].tolist() for h in _extras(lines)}
    lacking, suspects = renamed_source_columns(columns, profile.funding_sources)
    if suspects:
        where = _locator(lines)(None, suspects[0])
        raise MasterError(
            "BUDGET_SOURCE_COLUMN_RENAMED", where, value=suspects[0], codes=", ".join(lacking)
        )


def _prefill(
    lines: pd.DataFrame, profile: Profile, products: list[Product], regs: pd.DataFrame | None
) -> Prefill:
    existing = [(clean(rec.get("product_id")), clean(rec.get("item"))) for _, rec in records(lines)]
    return prefill_lines(
        existing,
        products,
        profile.support_items,
        # without Đăng ký there is no product, so no support cell to point at
        lambda p: location(regs, p.row, "support") if regs is not None else Location(),
        sheet_names(),
    )


def tally(wb: Workbook, profile: Profile, products: list[Product]) -> Budget:
    """Read Kinh phí and Nguồn vốn and run every check of the domain."""
    lines = wb.read_table("budget_lines")
    sources = wb.read_table("funding_sources")
    source_cells = {
        clean(rec.get("code")): location(sources, row, "available")
        for row, rec in records(sources)
        if clean(rec.get("code"))
    }
    inputs = BudgetInputs(
        rows=records(lines),
        extra_headers=_extras(lines),
        locate=_locator(lines),
        labels={c.key: c.header for c in LINES.columns},
        sources=profile.funding_sources,
        source_cells=source_cells,
        items=profile.support_items,
        products=products,
        communes=profile.communes,
        sheets=sheet_names(),
    )
    return tally_budget(inputs)


def _write_tallies(wb: Workbook, budget: Budget) -> None:
    def frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=list(MASTER.table(name).keys), dtype=object)

    wb.write_table(
        "budget_by_source",
        frame(
            "budget_by_source",
            [
                {
                    "code": s.code,
                    "name": s.name,
                    "available": s.available,
                    "allocated": s.allocated,
                    "remaining": s.remaining,
                    "percent_used": None if s.share_used is None else float(s.share_used),
                    "status": s.status_vi,
                }
                for s in budget.sources
            ],
        ),
    )
    wb.write_table(
        "budget_by_item",
        frame(
            "budget_by_item",
            [
                {
                    "code": g.key,
                    "name": g.name,
                    "unit": g.unit,
                    "lines": g.lines,
                    "quantity": g.quantity,
                    "amount": g.amount,
                    "allocated": g.allocated,
                }
                for g in budget.items
            ],
        ),
    )
    wb.write_table(
        "budget_by_commune",
        frame(
            "budget_by_commune",
            [
                {
                    "code": g.key,
                    "name": g.name,
                    "products": len(g.products),
                    "lines": g.lines,
                    "amount": g.amount,
                    "allocated": g.allocated,
                }
                for g in budget.communes
            ],
        ),
    )
    wb.write_table(
        "budget_by_product",
        frame(
            "budget_by_product",
            [
                {
                    "product_id": g.key,
                    "product_name": g.name,
                    "commune": g.commune,
                    "items": ", ".join(g.items),
                    "lines": g.lines,
                    "amount": g.amount,
                    "allocated": g.allocated,
                }
                for g in budget.products
            ],
        ),
    )


def _group_json(groups: Iterable[GroupTally], **extra_keys: str) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        out.append(
            {
                "code": g.key,
                "name": g.name,
                **{k: getattr(g, attr) for k, attr in extra_keys.items()},
                "lines": g.lines,
                "amount": g.amount,
                "allocated": g.allocated,
                "unfunded": g.unfunded,
                "by_source": dict(g.by_source),
            }
        )
    return out


def _result(budget: Budget, prefill: Prefill | None, added_columns: list[str]) -> ActionResult:
    sources_json = [
        {
            "code": s.code,
            "name": s.name,
            "available": s.available,
            "allocated": s.allocated,
            "remaining": s.remaining,
            "percent_used": percent_number(s.share_used),
            "warning_percent": s.warning_percent,
            "status": s.status,
            "status_vi": s.status_vi,
        }
        for s in budget.sources
    ]
    totals = {
        "available": budget.available,
        "allocated": budget.allocated,
        "remaining": budget.available - budget.allocated,
        "amount": budget.amount,
        "unfunded": budget.amount - budget.allocated,
    }
    over = [s.code for s in budget.sources if s.status == "over"]
    near = [s.code for s in budget.sources if s.status == "warning"]
    data: dict[str, Any] = {
        "sources": sources_json,
        "totals": totals,
        "items": _group_json(budget.items, unit="unit"),
        "communes": _group_json(budget.communes),
        "products": _group_json(budget.products, commune="commune"),
        "source_columns_added": added_columns,
    }
    counts = {
        "lines": len(budget.lines),
        "sources": len(budget.sources),
        "products": len({line.product_id for line in budget.lines if line.product_id}),
        "sources_over": len(over),
        "sources_warning": len(near),
    }
    summary = [
        ("Số dòng kinh phí", str(len(budget.lines))),
        ("Tổng thành tiền", f"{money(budget.amount)} đồng"),
        ("Tổng số bố trí các nguồn", f"{money(budget.available)} đồng"),
        ("Đã phân bổ", f"{money(budget.allocated)} đồng"),
        ("Nguồn vượt số bố trí", ", ".join(over) or "không"),
        ("Nguồn vượt ngưỡng cảnh báo", ", ".join(near) or "không"),
    ]
    if added_columns:
        summary.append(("Thêm cột nguồn vốn vào Kinh phí", ", ".join(added_columns)))
    if prefill is not None:
        data["prefill"] = {
            "added": prefill.added,
            "kept": prefill.kept,
            "plan_wide_skipped": prefill.plan_wide,
        }
        counts["prefilled"] = prefill.added
        summary.append(("Dòng thêm từ phiếu đăng ký", str(prefill.added)))
        summary.append(("Dòng đã có, giữ nguyên", str(prefill.kept)))
    issues = (prefill.issues if prefill else []) + budget.issues
    return ActionResult("budget", issues=issues, counts=counts, data=data, summary=summary)


@action("budget", LABEL)
def budget(wb: Workbook, prefill: bool = False) -> ActionResult:
    profile = read_profile(wb, ("communes", "funding_sources", "support_items"))
    products, regs = read_products(wb)
    products = [p for p in products if p.product_id]
    drafted: Prefill | None = None
    lines = wb.read_table("budget_lines")
    _refuse_renamed_sources(lines, profile)
    found, _ = classify_columns(_extras(lines), profile.funding_sources)
    lacking = {s.code for s in profile.funding_sources} - set(found.values())
    added_columns: list[str] = []
    if prefill:
        wb.status("Kinh phí: thêm dòng theo đề nghị hỗ trợ trong phiếu đăng ký…")
        drafted = _prefill(lines, profile, products, regs)
    lines, typed_money = _money_as_numbers(lines, found)
    if (drafted is not None and drafted.lines) or lacking or typed_money:
        # Only when something is to be added, or an amount typed as text is to become a
        # number: otherwise Kinh phí stays exactly as typed.
        added_columns = _rewrite_lines(wb, lines, profile, drafted.lines if drafted else [])
    wb.status("Kinh phí: đang kiểm tra và tổng hợp…")
    result_budget = tally(wb, profile, products)
    result = _result(result_budget, drafted, added_columns)
    result.issues[:0] = typed_money
    _write_tallies(wb, result_budget)
    wb.write_document(
        "estimate",
        estimate_document(
            result_budget,
            profile,
            products,
            day=profile.document_date,
            errors=len(result.errors),
        ),
    )
    fill_product_names(wb, "budget_lines", products)  # each product's name beside its code
    replace_issues(wb, LABEL, result.issues)
    return result
