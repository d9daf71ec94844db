"""``ocop-xl demo --qd-1489``: the post-2025 route end to end on sample data.

A province (the post-merger city of Hải Phòng, profile ``hai-phong-2025``, route
``qd-1489-province``) receives its communes' dossiers: the communes fill their registration
workbooks with their own assessment of the four dossier contents (the commune pre-check),
the office consolidates them (the assessments land on Kiểm tra của xã), the city council
scores, records the mandatory requirements, and ``score`` writes the results, the minutes,
the draft recognition decision with its list and certificate numbers (3★-4★), and the list
proposed to the Ministry (90 or more). Every name, producer and figure is fictional and
marked "(mẫu)".
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from openpyxl import load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.demo.context import MASTER_FILE, DemoContext
from ocop_xl.demo.submissions import _commune_of
from ocop_xl.domain.precheck import FAIL, PASS
from ocop_xl.domain.precheck import KEYS as PRECHECK_CONTENTS
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.text import clean
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.commune_template import fill_rows
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.submissions import TEMPLATE_SHEET

PROFILE = "hai-phong-2025"
SAMPLE = "(mẫu)"

# product, group, producer, type, tax, kind, total, pre-check failures, unmet requirement
PRODUCTS: dict[str, list[tuple]] = {
    "an-hoa": [
        ("Nước mắm cốt (mẫu)", "I.4.a", "HTX Thủy sản Mẫu An Hòa", "HTX", "0200000101",
         "sản phẩm đã có", 94, (), None),
        ("Bánh đa cua (mẫu)", "I.3.b", "Hộ sản xuất Phạm Văn Bình (mẫu)", "hộ sản xuất có ĐKKD",
         "0200000102", "sản phẩm đã có", 76, (), "TRUYXUAT"),
    ],
    "binh-minh": [
        ("Chè xanh (mẫu)", "I.5.a", "HTX Chè Mẫu Bình Minh", "HTX", "0200000201",
         "nâng hạng sao", 81, (), None),
        ("Gạo nếp cái (mẫu)", "I.2.a", "Tổ hợp tác Lúa Mẫu", "tổ hợp tác", "0200000202",
         "sản phẩm đã có", 62, (), None),
    ],
    "dong-tien": [
        ("Rượu nếp (mẫu)", "II.1.a", "Công ty TNHH Rượu Mẫu Đồng Tiến", "doanh nghiệp",
         "0200000301", "sản phẩm đã có", 91, (), "XUATKHAU"),
        ("Chổi chít (mẫu)", "IV.1", "HTX Thủ công Mẫu", "HTX", "0200000302",
         "sản phẩm đã có", 55, ("labour",), None),
    ],
    "song-hong": [
        ("Vải thiều sấy (mẫu)", "I.3.c", "HTX Nông sản Mẫu Sông Hồng", "HTX", "0200000501",
         "nâng hạng sao", 67, (), None),
        ("Mật ong hoa nhãn (mẫu)", "I.2.b", "Hộ sản xuất Lê Thị Cúc (mẫu)",
         "hộ sản xuất có ĐKKD", "0200000502", "ý tưởng mới", 44, (), None),
    ],
}
COUNCIL = (
    ("Trần Văn Quyết (mẫu)", "Chủ tịch", "UBND thành phố", False),  # absent: the vice presides
    ("Nguyễn Thị Mai (mẫu)", "Phó Chủ tịch", "Sở Nông nghiệp và Môi trường", True),
    ("Lê Văn Sơn (mẫu)", "Ủy viên", "Sở Công Thương", True),
    ("Đỗ Thị Hạnh (mẫu)", "Ủy viên", "Sở Y tế", True),
    ("Phạm Quốc Toản (mẫu)", "Ủy viên", "Sở Tài chính", True),
    ("Vũ Thị Ngọc (mẫu)", "Thư ký", "Sở Nông nghiệp và Môi trường", True),
)
OFFSETS = (-1, 1, -0.5, 0.5)  # the four present scoring members around each target


def _rows(code: str) -> list[dict[str, Any]]:
    """A commune's registrations, with its pre-check of each product (Mẫu số 03)."""
    rows = []
    for i, (name, group, producer, ptype, tax, kind, _total, failing, _unmet) in enumerate(
        PRODUCTS[code]
    ):
        row = {
            "product_name": name,
            "group_code": group,
            "producer": producer,
            "producer_type": ptype,
            "tax_id": tax,
            "representative": f"Người đại diện {i + 1} {SAMPLE}",
            "phone": f"0912 {i}00 {len(code):03d}",
            "address": f"Thôn Mẫu {i + 1}",
            "kind": kind,
        }
        if kind == "nâng hạng sao":
            row.update(current_stars=3, certificate_no=f"0{i + 1}/GCN-OCOP {SAMPLE}",
                       certificate_date=date(2023, 9, 15))
        for key in PRECHECK_CONTENTS:
            row[key] = FAIL if key in failing else PASS
        row["precheck_report"] = f"{10 + i}/BC-UBND ngày 05/8/2025 {SAMPLE}"
        rows.append(row)
    return rows


def _new_master(ctx: DemoContext) -> ActionResult:
    return create_master(load_profile(PROFILE), ctx.out / MASTER_FILE, force=True)


def _dossiers(ctx: DemoContext) -> ActionResult:
    """The communes' registration workbooks, filled and consolidated."""
    templates, filled = ctx.out / "mau-dang-ky", ctx.out / "ho-so-xa"
    for folder in (templates, filled):
        shutil.rmtree(folder, ignore_errors=True)  # the demo's own output of an earlier run
    ctx.run("template", out=templates)
    filled.mkdir(parents=True)
    for path in sorted(templates.glob("*.xlsx")):
        code = _commune_of(path)
        if code not in PRODUCTS:
            continue
        book = load_workbook(path)
        fill_rows(book[TEMPLATE_SHEET], _rows(code))
        book.save(filled / path.name)
    return ctx.run("consolidate", sources=[filled])


def _registered(wb: FileWorkbook) -> dict[str, str]:
    frame = wb.read_table("registrations")
    return {clean(frame.at[i, "product_name"]): clean(frame.at[i, "product_id"]) for i in frame.index}


def _sample(name: str) -> tuple:
    return next(p for rows in PRODUCTS.values() for p in rows if p[0] == name)


def _prepare_council(ctx: DemoContext) -> ActionResult:
    """The council, its scores and its requirement records, as the office and the council's
    secretary type them (the communes' assessments came with their files)."""
    wb = FileWorkbook.open(ctx.master)
    ids = _registered(wb)
    profile = load_profile(PROFILE)
    scores, checks = [], []
    scorers = [m for m in COUNCIL if m[1] != "Thư ký" and m[3]]
    for name, pid in ids.items():
        _, _, _, _, _, _, total, _failing, unmet = _sample(name)
        for offset, member in zip(OFFSETS, scorers, strict=True):
            points = Decimal(str(total)) + Decimal(str(offset))
            a = min(points, Decimal(40))
            b = min(points - a, Decimal(25))
            scores.append({"product_id": pid, "member": member[0], "part_a": float(a),
                           "part_b": float(b), "part_c": float(points - a - b), "note": SAMPLE})
        for req in profile.requirements:
            checks.append({"product_id": pid, "requirement": req.code,
                           "met": "Không" if req.code == unmet else "Có", "note": SAMPLE})
    council = [{"name": n, "role": r, "unit": f"{u} {SAMPLE}", "present": "Có" if p else "Không",
                "conflicts": None, "conflict_reason": None} for n, r, u, p in COUNCIL]
    for table, rows in (("council", council), ("scores", scores),
                        ("requirement_checks", checks)):
        wb.write_table(table, pd.DataFrame(rows, columns=list(MASTER.table(table).keys)))
    wb.commit()
    return ctx.run("check-config")


def _score(ctx: DemoContext) -> ActionResult:
    return ctx.run("score")


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("new-master", _new_master),
    ("dossiers", _dossiers),
    ("council", _prepare_council),
    ("score", _score),
    ("registry", lambda ctx: ctx.run("registry")),
]


def run_province_demo(
    out: Path, console: Console | None = None
) -> list[tuple[str, ActionResult]]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ctx = DemoContext(out, console)
    outcomes = []
    for name, step in STEPS:
        if console is not None:
            console.print(f"[bold]›[/] {name}")
        outcomes.append((name, step(ctx)))
    return outcomes
