"""Demo steps for the evaluation council: a sample council scores the sample products.

Runs after the submissions step has filled Đăng ký. Writes a fictional council (every name
marked "(mẫu)") to Hội đồng, makes the members' scoring workbooks, lets one member "return"
a filled workbook, types the other members' scores into Chấm điểm (deterministic: the same
every run), and scores. The sample includes one product whose members disagree by more
than 10 points, one recusal, one absent member, and products on both sides of 50 points.
With Đăng ký still empty it writes the council and scores nothing.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.criteria import PARTS, CriteriaSet
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.scoring import PART_KEYS
from ocop_xl.domain.text import clean
from ocop_xl.domain.values import yes_no
from ocop_xl.profiles import criteria_set as load_criteria_set
from ocop_xl.workbook import folders
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.council import MEMBER_PARTS_COLUMNS, MEMBER_PARTS_SHEET
from ocop_xl.workbook.profile_sheets import read_profile
from ocop_xl.workbook.score_sheets import read_member_workbook

SAMPLE = "(số liệu mẫu)"
SHEETS_DIR = folders.SCORE_SHEETS.name
RETURNED_DIR = folders.SCORED.name
# Targets spread over the bands: some products above the forward threshold, some below.
TARGETS = (78, 62, 45, 55, 38, 71, 52, 27, 66, 49.5, 58, 84, 41, 60, 33, 75, 53, 47, 68, 57)
SPREAD_PRODUCT = 1  # members disagree by more than 10 points on this product
RECUSED_PRODUCT = 3  # a member declared a conflict with this product's producer


def sample_council(products: list[dict]) -> pd.DataFrame:
    """Eight fictional members: seven score (one absent), the secretary does not."""
    recused = products[RECUSED_PRODUCT % len(products)] if products else None
    conflict = clean(recused.get("producer")) or clean(recused.get("product_id")) if recused else ""
    rows = [
        ("Nguyễn Văn Thành (mẫu)", "Chủ tịch", "UBND huyện", True),
        ("Trần Thị Hoa (mẫu)", "Phó Chủ tịch", "Phòng Nông nghiệp và PTNT", True),
        ("Lê Minh Đức (mẫu)", "Ủy viên", "Phòng Tài chính - Kế hoạch", True),
        ("Phạm Thu Hằng (mẫu)", "Ủy viên", "Phòng Y tế", True),
        ("Vũ Quốc Hưng (mẫu)", "Ủy viên", "Phòng Văn hóa và Thông tin", True),
        ("Đỗ Thị Lan (mẫu)", "Ủy viên", "Phòng Tài nguyên và Môi trường", False),
        ("Bùi Văn Nam (mẫu)", "Ủy viên", "Hội Nông dân huyện", True),
        ("Ngô Thị Quỳnh (mẫu)", "Thư ký", "Phòng Nông nghiệp và PTNT", True),
    ]
    records = []
    for name, role, unit, present in rows:
        record = {
            "name": name,
            "role": role,
            "unit": f"{unit} {SAMPLE}",
            "present": yes_no(present),
            "conflicts": None,
            "conflict_reason": None,
        }
        if name.startswith("Bùi") and conflict:
            record["conflicts"] = conflict
            record["conflict_reason"] = f"Là thành viên của chủ thể sản xuất {SAMPLE}"
        records.append(record)
    return pd.DataFrame(records, columns=list(MASTER.table("council").keys))


def sample_parts(product_id: str, index: int, member: int, cs: CriteriaSet) -> dict[str, float]:
    """One member's parts for one product: the product's target total, a small personal
    offset (a wide one on the spread product), split across the parts by their maxima."""
    rng = random.Random(f"ocop-demo-{product_id}-{member}")
    target = TARGETS[index % len(TARGETS)]
    if index == SPREAD_PRODUCT:
        offset: float = (-7, 6, -2, 4, 1, -5, 3)[member % 7]
    else:
        offset = rng.choice((-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3))
    total = Fraction(min(max(target + offset, 5), 98)).limit_denominator(2)
    a = Fraction(round(total * cs.part_max("A") / 50), 2)
    b = Fraction(round(total * cs.part_max("B") / 50), 2)
    c = min(total - a - b, Fraction(cs.part_max("C")))
    return {"A": float(a), "B": float(b), "C": float(c)}


def _prepare(ctx: DemoContext) -> None:
    """Write the sample council and the members' typed scores; remember the products, the
    scoring members present, and the member whose workbook comes back."""
    wb = FileWorkbook.open(ctx.master)
    frame = wb.read_table("registrations")
    products = [
        {k: frame.at[i, k] for k in ("product_id", "producer", "group_code")}
        for i in frame.index
        if clean(frame.at[i, "product_id"])
    ]
    council = sample_council(products)
    wb.write_table("council", council)
    profile = read_profile(wb)
    cs = load_criteria_set(profile.criteria_set)
    scorers = [m for m in profile.council_members if m.scores(profile.council) and m.present]
    returned = scorers[1].name  # the vice-chair returns a filled workbook
    rows = []
    for index, product in enumerate(products):
        pid = clean(product["product_id"])
        for number, member in enumerate(scorers):
            if member.name == returned or any(
                clean(c) in {pid, clean(product["producer"])} for c in member.conflicts
            ):
                continue
            parts = sample_parts(pid, index, number, cs)
            rows.append(
                {
                    "product_id": pid,
                    "member": member.name,
                    **{PART_KEYS[p]: parts[p] for p in PARTS},
                    "note": SAMPLE,
                }
            )
    wb.write_table("scores", pd.DataFrame(rows, columns=list(MASTER.table("scores").keys)))
    wb.commit()
    ctx.extras["council"] = _Seated(products, returned, [m.name for m in scorers])


@dataclass(frozen=True)
class _Seated:
    """What the council's set-up leaves for the step that fills the returned workbook."""

    products: list[dict[str, Any]]
    returned: str  # the member who returns a filled workbook
    scorers: list[str]


def _score_sheets(ctx: DemoContext) -> ActionResult:
    _prepare(ctx)
    folder = ctx.out / SHEETS_DIR
    shutil.rmtree(folder, ignore_errors=True)  # the demo's own output of an earlier run
    return ctx.run("score-sheets", out=folder)


def _fill_returned(ctx: DemoContext) -> list[Path]:
    """The returning member types scores into the workbook made for them."""
    seated = ctx.extras.get("council")
    folder = ctx.out / SHEETS_DIR
    target_dir = ctx.out / RETURNED_DIR
    shutil.rmtree(target_dir, ignore_errors=True)
    if not isinstance(seated, _Seated) or not seated.products or not folder.is_dir():
        return []
    products, returned, scorers = seated.products, seated.returned, seated.scorers
    wb = FileWorkbook.open(ctx.master, writable=False)
    cs = load_criteria_set(read_profile(wb).criteria_set)
    order = {clean(p["product_id"]): i for i, p in enumerate(products)}
    number = scorers.index(returned)
    for path in sorted(folder.glob("*.xlsx")):
        sheet, _ = read_member_workbook(path)
        if sheet is None or sheet.member != returned:
            continue
        book = load_workbook(path)
        ws = book[MEMBER_PARTS_SHEET]
        keys = [c.key for c in MEMBER_PARTS_COLUMNS]
        for row in sheet.rows:
            pid = clean(row.get("product_id"))
            parts = sample_parts(pid, order[pid], number, cs)
            for part in PARTS:
                ws.cell(row.at("product_id").row, keys.index(PART_KEYS[part]) + 1, parts[part])
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / path.name
        book.save(target)
        return [target]
    return []


def _score(ctx: DemoContext) -> ActionResult:
    return ctx.run("score", sources=_fill_returned(ctx))


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("score-sheets", _score_sheets),
    ("score", _score),
]
