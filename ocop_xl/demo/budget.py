"""Demo steps for the support budget (tally, estimate).

Sample budget lines (every one marked "[Mẫu]") for the products the submissions step put
in Đăng ký, plus plan-wide activities. Two mistakes are made on purpose so the demo shows
the checks at work: the display points overspend the integrated sources (LG), and the first
product's quality dossier is funded twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ocop_xl.actions.common import read_products
from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.budget import LINE_DONE, LINE_PAID, LINE_PLANNED, PLAN_WIDE
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.profile_sheets import read_profile

SAMPLE = "[Mẫu] "
# Product lines are drafted for this many products at most, so the sample sources other
# than LG stay within their sample amounts whatever the submissions step registered.
MAX_PRODUCTS = 25


def _line(
    item: str,
    description: str,
    quantity: int,
    unit_cost: int,
    funding: dict[str, int],
    product_id: str = PLAN_WIDE,
    commune_code: str | None = None,
    status: str = LINE_DONE,
) -> dict[str, Any]:
    return {
        "item": item,
        "product_id": product_id,
        "commune_code": commune_code,
        "description": SAMPLE + description,
        "quantity": quantity,
        "unit_cost": unit_cost,
        "amount": quantity * unit_cost,
        "status": status,
        **funding,
    }


def sample_lines(products: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Sample Kinh phí rows for (product ID, commune code) pairs, then plan-wide lines."""
    rows: list[dict[str, Any]] = []
    for number, (product_id, commune) in enumerate(products[:MAX_PRODUCTS]):
        # Support given to most products, some still planned: the report counts only the
        # lines done or paid.
        quality = (LINE_PAID, LINE_DONE, LINE_PLANNED)[number % 3]
        packaging = LINE_DONE if number % 4 != 3 else LINE_PLANNED
        rows.append(
            _line(
                "CBCL",
                "hồ sơ công bố, phân tích chỉ tiêu chất lượng",
                1,
                10_000_000,
                {"NSH": 6_000_000, "DU": 4_000_000},
                product_id,
                commune,
                quality,
            )
        )
        rows.append(
            _line(
                "BAOBI",
                "thiết kế, in bao bì, nhãn mác",
                1,
                15_000_000,
                {"NTM": 10_000_000, "DU": 5_000_000},
                product_id,
                commune,
                packaging,
            )
        )
    if products:
        # Deliberate: the first product's quality dossier a second time (double funding).
        product_id, commune = products[0]
        rows.append(
            _line(
                "CBCL",
                "bổ sung phân tích chỉ tiêu (trùng với dòng trên)",
                1,
                5_000_000,
                {"KHCN": 5_000_000},
                product_id,
                commune,
            )
        )
    rows += [
        _line("LOGO", "thiết kế, phát hành Logo OCOP huyện", 1, 30_000_000, {"NSH": 30_000_000}),
        _line(
            "TAPHUAN",
            "lớp tập huấn cho chủ thể OCOP",
            2,
            25_000_000,
            {"NSH": 20_000_000, "KN": 30_000_000},
        ),
        _line(
            "THAMQUAN", "tham quan mô hình OCOP ngoài tỉnh", 1, 80_000_000, {"NTM": 80_000_000}
        ),
        _line(
            "TRUYENTHONG", "chuyên mục OCOP trên Đài huyện", 12, 2_000_000, {"NSH": 24_000_000}
        ),
        # Deliberate: 240 million from LG, which has 200 million (over-allocation).
        _line(
            "DIEMBAN",
            "điểm trưng bày, giới thiệu, bán sản phẩm OCOP",
            3,
            80_000_000,
            {"LG": 240_000_000},
        ),
    ]
    return rows


def _budget(ctx: DemoContext) -> ActionResult:
    wb = FileWorkbook.open(ctx.master)
    profile = read_profile(wb)
    products = [p for p in read_products(wb)[0] if p.product_id]
    rows = sample_lines([(p.product_id, p.commune_code) for p in products])
    keys = list(MASTER.table("budget_lines").keys)
    columns = keys + [s.code for s in profile.funding_sources]
    wb.write_table("budget_lines", pd.DataFrame(rows, columns=columns, dtype=object))
    wb.commit()
    return ctx.run("budget")


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [("budget", _budget)]
