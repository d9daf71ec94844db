"""Pieces several actions share."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import pandas as pd

from ocop_xl.domain.catalog import title
from ocop_xl.domain.issues import Issue, MasterError
from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import Commune
from ocop_xl.domain.registrations import CommuneNames, Completed, complete
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_int
from ocop_xl.workbook.layout import MASTER, field_header
from ocop_xl.workbook.port import Workbook, location, records


def issue_rows(action_label: str, issues: Iterable[Issue]) -> list[dict]:
    """Kiểm tra rows: the problem's short title and the field's Vietnamese name first, the
    stable code kept at the right for reference."""
    return [
        {
            "action": action_label,
            "severity": i.severity.label_vi,
            "title": title(i.code),
            "code": i.code,
            "file": i.location.file,
            "sheet": i.location.sheet,
            "cell": i.location.cell,
            "row": i.location.row,
            "column": i.location.column,
            "field": field_header(i.location.sheet, i.location.field),
            "message": i.message_vi,
            "message_en": i.message_en,
        }
        for i in issues
    ]


def replace_issues(wb: Workbook, action_label: str, issues: Iterable[Issue]) -> None:
    """Put an action's findings on the Kiểm tra sheet, replacing its earlier ones and
    keeping the other actions' rows."""
    keys = list(MASTER.table("issues").keys)
    kept = pd.DataFrame(columns=keys)
    issues = list(issues)
    if wb.has_sheet("issues"):
        try:
            existing = wb.read_table("issues")
        except Exception:  # a damaged Kiểm tra sheet is rebuilt, it holds only outputs
            existing = pd.DataFrame(columns=keys)
        if len(existing):
            kept = existing[existing["action"] != action_label]
            if not issues and len(kept) == len(existing):
                return  # nothing of this action's before, nothing now: the sheet stays
    new = pd.DataFrame(issue_rows(action_label, issues), columns=keys)
    frames = [f for f in (kept, new) if len(f)]
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=keys)
    wb.write_table("issues", combined)


def read_optional_table(wb: Workbook, name: str) -> pd.DataFrame | None:
    """A table of the master, or None when an older master lacks its sheet or table."""
    if not wb.has_sheet(name):
        return None
    try:
        return wb.read_table(name)
    except MasterError as exc:
        if exc.code in {"TABLE_MISSING", "SHEET_MISSING"}:
            return None
        raise


REGISTRATIONS_LABEL = "Đăng ký (dòng nhập tay)"  # Kiểm tra rows about typed Đăng ký rows


def read_communes(wb: Workbook) -> list[Commune]:
    """The commune list as the office keeps it (Danh mục xã); rows that are not a valid
    commune are left to check-config."""
    frame = read_optional_table(wb, "communes")
    out = []
    for _, rec in records(frame) if frame is not None else []:
        try:
            out.append(  # validated: a kind the sheet spells otherwise drops the row
                Commune.model_validate(
                    {
                        "code": clean(rec.get("code")),
                        "name": clean(rec.get("name")),
                        "kind": clean(rec.get("kind")) or "Xã",
                    }
                )
            )
        except ValueError:
            continue
    return out


def complete_registrations(
    frame: pd.DataFrame, communes: list[Commune]
) -> tuple[dict[int, Completed], list[Issue]]:
    """Every row of Đăng ký completed (``domain.registrations.complete``): its commune
    code and ID where they were blank and can be known, and what is missing, with cells."""
    spec = MASTER.table("registrations")
    labels = {c.key: c.header for c in spec.columns}
    names = CommuneNames(communes)
    done: dict[int, Completed] = {}
    issues: list[Issue] = []
    for row, rec in records(frame):
        if all(
            is_blank(rec.get(k))
            for k in ("product_id", "product_name", "commune", "commune_code", "producer")
        ):
            continue
        completed = complete(
            rec,
            names,
            partial(location, frame, row),
            labels,
            typed=is_blank(rec.get("source_file")),
        )
        done[row] = completed
        issues += completed.issues
    return done, issues


def read_products(wb: Workbook) -> tuple[list[Product], pd.DataFrame | None]:
    """The rows of Đăng ký that name a product (by ID or name), in sheet order, and the
    frame they came from (for cell locations); nothing when the sheet is missing. Typed
    rows are completed and reported as ``read_registered`` says."""
    products, frame, _ = read_registered(wb)
    return products, frame


def read_registered(wb: Workbook) -> tuple[list[Product], pd.DataFrame | None, list[Issue]]:
    """``read_products`` with the findings about the rows the office typed by hand.

    A row the office typed by hand is first-class: its commune is taken from its name and
    its ID made as the consolidation makes them; those cells are filled in on Đăng ký (the
    sheet is written only then), and what still keeps a row out is listed on Kiểm tra under
    ``REGISTRATIONS_LABEL``, with its cell, by whichever action read Đăng ký last."""
    frame, issues = complete_registered(wb)
    if frame is None:
        return [], None, []
    return _products_of(frame), frame, issues


def complete_registered(wb: Workbook) -> tuple[pd.DataFrame | None, list[Issue]]:
    """The part of ``read_registered`` that completes the rows typed by hand (cells filled
    in on Đăng ký, findings on Kiểm tra), for an action that needs no products from it."""
    frame = read_optional_table(wb, "registrations")
    if frame is None:
        return None, []
    completed, issues = complete_registrations(frame, read_communes(wb))
    filled = {row: c.filled for row, c in completed.items() if c.filled}
    if filled:
        frame = frame.astype(object)
        for row, cells in filled.items():
            for key, value in cells.items():
                frame.loc[row, key] = value
        wb.write_table("registrations", frame)
        frame = wb.read_table("registrations")
    replace_issues(wb, REGISTRATIONS_LABEL, issues)
    return frame, issues


def _products_of(frame: pd.DataFrame) -> list[Product]:
    products = []
    for row, rec in records(frame):
        product_id, name = clean(rec.get("product_id")), clean(rec.get("product_name"))
        if not product_id and not name:
            continue
        try:
            stars = None if is_blank(rec.get("current_stars")) else parse_int(rec["current_stars"])
        except ValueProblem:
            stars = None  # the consolidation reports a bad star count; here it counts as none
        products.append(
            Product(
                product_id=product_id,
                name=name,
                commune_code=clean(rec.get("commune_code")),
                commune=clean(rec.get("commune")),
                support=clean(rec.get("support")),
                group_code=clean(rec.get("group_code")),
                producer=clean(rec.get("producer")),
                kind=clean(rec.get("kind")),
                current_stars=stars,
                row=row,
            )
        )
    return products


def fill_product_names(wb: Workbook, name: str, products: Iterable[Product]) -> int:
    """Write each product's name beside its code in table ``name`` (Chấm điểm, Kinh phí…)
    where the name cell is blank or no longer the one on Đăng ký; the table is written
    only when a name changed. Returns how many names were written."""
    names = {p.product_id: p.name for p in products if p.product_id and p.name}
    frame = read_optional_table(wb, name)
    if frame is None or not len(frame) or not names:
        return 0
    if "product_name" not in frame.columns:
        frame["product_name"] = None
    frame = frame.astype(object)
    changed = 0
    for row, rec in records(frame):
        wanted = names.get(clean(rec.get("product_id")))
        if wanted and clean(rec.get("product_name")) != wanted:
            frame.loc[row, "product_name"] = wanted
            changed += 1
    if changed:
        wb.write_table(name, frame)
    return changed
