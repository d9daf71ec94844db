"""Building blocks for the council tests: products, a council and scores written into a
real master workbook through the Workbook port, as the office would type them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions import run_action
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

COUNCIL = (
    # name, role, present, conflicts, reason
    ("Nguyễn Văn An", "Chủ tịch", "Có", "", ""),
    ("Trần Thị Bình", "Phó Chủ tịch", "Có", "", ""),
    ("Lê Văn Cường", "Ủy viên", "Có", "", ""),
    ("Phạm Thị Dung", "Ủy viên", "Có", "", ""),
    ("Hoàng Văn Em", "Thư ký", "Có", "", ""),
)


def product(pid: str, **values: Any) -> dict[str, Any]:
    base = {
        "product_id": pid,
        "commune_code": "ha-ky",
        "commune": "Hà Kỳ",
        "product_name": f"Sản phẩm {pid}",
        "group_code": "I.3.b",
        "producer": f"HTX {pid}",
        "kind": "Sản phẩm mới",
    }
    return {**base, **values}


def write(master: Path, table: str, rows: Sequence[dict[str, Any]]) -> None:
    wb = FileWorkbook.open(master)
    wb.write_table(table, pd.DataFrame(list(rows), columns=list(MASTER.table(table).keys)))
    wb.commit()


def set_products(master: Path, products: Iterable[dict[str, Any]]) -> None:
    write(master, "registrations", list(products))


def set_council(master: Path, members: Iterable[tuple] = COUNCIL) -> None:
    rows = [
        {
            "name": name,
            "role": role,
            "unit": "Đơn vị thử",
            "present": present,
            "conflicts": conflicts,
            "conflict_reason": reason,
        }
        for name, role, present, conflicts, reason in members
    ]
    write(master, "council", rows)


def score_row(pid: str, member: str, a: Any, b: Any, c: Any, **extra: Any) -> dict[str, Any]:
    return {"product_id": pid, "member": member, "part_a": a, "part_b": b, "part_c": c, **extra}


def set_scores(master: Path, rows: Iterable[dict[str, Any]]) -> None:
    write(master, "scores", list(rows))


def run(master: Path, action: str, **params: Any) -> ActionResult:
    return run_action(action, FileWorkbook.open(master), **params)


def table(master: Path, name: str) -> pd.DataFrame:
    return FileWorkbook.open(master, writable=False).read_table(name)
