"""Helpers for the budget tests: products in Đăng ký and lines in Kinh phí, on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ocop_xl.actions import run_action
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

SOURCES = ("NSH", "NTM", "KHCN", "KC", "KN", "LG", "DU")  # of the tu-ky-2023 profile
LINE_KEYS = list(MASTER.table("budget_lines").keys)

PRODUCTS = [
    {
        "product_id": "TK-HK-01",
        "commune_code": "ha-ky",
        "commune": "Hà Kỳ",
        "product_name": "Bánh đa Hà Kỳ",
        "support": "CBCL, BAOBI",
    },
    {
        "product_id": "TK-DS-02",
        "commune_code": "dai-son",
        "commune": "Đại Sơn",
        "product_name": "Vải thiều Đại Sơn",
        "support": "MAVACH; TAPHUAN, KHONGCO",
    },
]


def write_registrations(master: Path, products: list[dict[str, Any]] = PRODUCTS) -> None:
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", pd.DataFrame(products, dtype=object))
    wb.commit()


def write_lines(
    master: Path, rows: list[dict[str, Any]], extra_columns: tuple[str, ...] = SOURCES
) -> None:
    """Kinh phí rows by key; ``extra_columns`` follow the declared ones (source codes)."""
    wb = FileWorkbook.open(master)
    frame = pd.DataFrame(rows, columns=LINE_KEYS + list(extra_columns), dtype=object)
    wb.write_table("budget_lines", frame.where(frame.notna(), None))
    wb.commit()


def run_budget(master: Path, **params: Any) -> ActionResult:
    return run_action("budget", FileWorkbook.open(master), **params)


def cells(result: ActionResult, code: str) -> list[str]:
    return [i.location.cell for i in result.issues if i.code == code]


def read(master: Path, name: str) -> pd.DataFrame:
    return FileWorkbook.open(master, writable=False).read_table(name)
