"""Realistic rows for the sheets the plan reads (Đăng ký, Kết quả, Kinh phí, Hoạt động),
written through FileWorkbook.write_table as the other areas and the staff would leave them.
Every producer and product is fictional."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

# product ID | commune code | commune | product | producer | group | star | forwarded | upgrade
_PRODUCTS = """
HATHANH-01 | ha-thanh | Hà Thanh | Bánh đa gấc Hà Thanh | HTX Bánh đa Hà Thanh | I.3.b | 3 | Có |
HATHANH-02 | ha-thanh | Hà Thanh | Rượu nếp cái hoa vàng | Hộ Nguyễn Văn Mẫu | II.1.a | 3 | Có |
HAKY-01 | ha-ky | Hà Kỳ | Nước mắm cá cơm Hà Kỳ | HTX Thủy sản Hà Kỳ | I.4.a | 4 | Có | Có
HAKY-02 | ha-ky | Hà Kỳ | Tôm khô Hà Kỳ | Tổ hợp tác Tôm Hà Kỳ | I.3.d | 3 | Có |
DAISON-01 | dai-son | Đại Sơn | Vải thiều Đại Sơn | HTX Nông nghiệp Đại Sơn | I.1.a | 3 | Có |
TTTUKY-01 | tt-tu-ky | Tứ Kỳ | Chả cá Tứ Kỳ | Công ty TNHH Thực phẩm | I.3.d | 4 | Có | Có
QUANGPHUC-01 | quang-phuc | Quang Phục | Gạo nếp cái | HTX Quang Phục | I.2.a | 3 | Có | Không
MINHDUC-01 | minh-duc | Minh Đức | Mật ong hoa nhãn | Trang trại ong Minh Đức | I.2.b | 3 | Có |
TANKY-01 | tan-ky | Tân Kỳ | Bánh gai Tân Kỳ | Hộ Trần Thị Mẫu | I.3.b | 3 | Có |
VANTO-01 | van-to | Văn Tố | Chè xanh Văn Tố | HTX Chè Văn Tố | I.5.a | 3 | Có |
CONGLAC-01 | cong-lac | Cộng Lạc | Dưa chuột muối | HTX Cộng Lạc | I.3.c | 3 | Có |
ANTHANH-01 | an-thanh | An Thanh | Bánh chưng An Thanh | Hộ Lê Văn Mẫu | I.3.b | 2 | Không |
"""
PRODUCTS = [
    tuple(int(v) if v.isdigit() else v for v in (part.strip() for part in line.split("|")))
    for line in _PRODUCTS.strip().splitlines()
]
FORWARDED = 11
UPGRADES_MET = 2


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    keys = list(MASTER.table(name).keys)
    extra = [k for r in rows for k in r if k not in keys]
    return pd.DataFrame(rows, columns=keys + list(dict.fromkeys(extra)))


def registrations(count: int | None = None) -> pd.DataFrame:
    """The consolidated list; with ``count``, that many products cycling the communes."""
    rows = [
        {
            "product_id": p[0],
            "commune_code": p[1],
            "commune": p[2],
            "product_name": p[3],
            "producer": p[4],
            "group_code": p[5],
            "kind": "Đánh giá mới",
            "current_stars": None,
        }
        for p in PRODUCTS
    ]
    if count is not None:
        base = list(rows)
        rows = []
        for i in range(count):
            row = dict(base[i % len(base)])
            row["product_id"] = f"{row['product_id']}-{i:03d}"
            row["product_name"] = f"{row['product_name']} loại {i + 1}"
            rows.append(row)
    return _frame("registrations", rows)


def results() -> pd.DataFrame:
    return _frame(
        "results",
        [
            {
                "product_id": p[0],
                "product_name": p[3],
                "commune_code": p[1],
                "commune": p[2],
                "group_code": p[5],
                "producer": p[4],
                "members_counted": 7,
                "mean": {2: 45.5, 3: 58.25, 4: 72.0}[p[6]],
                "star": p[6],
                "forwarded": p[7],
                "upgrade_met": p[8] or None,
            }
            for p in PRODUCTS
        ],
    )


# Budget lines: item, product, amount, and the split by funding source (extra columns).
FULLY_STANDARDISED = "HAKY-01"  # gets every item of the CHUANHOA target
QUALITY_ITEMS = {  # product -> items among CBCL, MAVACH, TEMTX
    "HAKY-01": ("CBCL", "MAVACH", "TEMTX"),
    "HATHANH-01": ("CBCL", "MAVACH"),
    "HATHANH-02": ("CBCL",),
    "HAKY-02": ("MAVACH",),
    "DAISON-01": ("TEMTX",),
    "TTTUKY-01": ("CBCL", "TEMTX"),
    "MINHDUC-01": ("CBCL",),
}
PACKAGED = ("HAKY-01", "HATHANH-01", "HATHANH-02", "DAISON-01", "TANKY-01", "VANTO-01")
QUALITY_SUPPORTED = len(QUALITY_ITEMS)
PACKAGING_SUPPORTED = len(PACKAGED)


def budget_lines() -> pd.DataFrame:
    rows: list[dict] = []

    def line(
        item: str, product: str, amount: object, nsh: object = None, status: str = "Đã thực hiện"
    ) -> None:
        rows.append(
            {
                "item": item,
                "product_id": product,
                "commune_code": None,
                "description": f"Hỗ trợ {item} cho {product}",
                "quantity": 1,
                "unit_cost": amount,
                "amount": amount,
                "status": status,
                "NSH": nsh if nsh is not None else amount,
                "DU": 0,
            }
        )

    for product, items in QUALITY_ITEMS.items():
        for item in items:
            line(item, product, 3_000_000 if item == "MAVACH" else 12_500_000)
    for product in PACKAGED:
        line(
            "BAOBI",
            product,
            18_000_000,
            status="Đã thanh toán" if product < "HB" else "đã thực hiện",
        )
    line("HOICHO", FULLY_STANDARDISED, 15_000_000)
    line("HOICHO", "TTTUKY-01", 15_000_000)
    line("LOGO", "hoạt động chung", 25_000_000)
    # None of these is support given: each would count if read as "a line above 0".
    line("BAOBI", "QUANGPHUC-01", 18_000_000, nsh=0)  # done, but 0 đồng from every source
    line("BAOBI", "MINHDUC-01", 18_000_000, status="Dự kiến")  # still planned
    line("CBCL", "VANTO-01", 12_500_000, status="")  # blank: planned
    line("BAOBI", "ANTHANH-01", 18_000_000)  # the council rated it 2 stars
    line("BAOBI", "CONGLAC-01", 10_000_000, nsh="mười triệu")  # unreadable: left out, warned
    return _frame("budget_lines", rows)


def activities() -> pd.DataFrame:
    return _frame(
        "activities",
        [
            {
                "kind": "LOGO",
                "title": "Phát hành Logo OCOP huyện",
                "date": date(2023, 6, 15),
                "quantity": None,
                "task": "II.4.d",
                "evidence": "Quyết định phát hành (mẫu)",
            },
            {
                "kind": "DIEMBAN",
                "title": "Hai điểm bán tại thị trấn",
                "date": "20/08/2023",
                "quantity": 2,
                "task": "IV.4.b",
            },
            {
                "kind": "DIEMBAN",
                "title": "Điểm mở từ năm trước",
                "date": date(2022, 12, 1),
                "quantity": 1,
            },
            {"kind": "TAPHUAN", "title": "Lớp tập huấn", "date": date(2023, 4, 12)},
            {"kind": "HOPBAO", "title": "Loại không có trong danh mục", "date": date(2023, 5, 1)},
            {
                "kind": "DIEMBAN",
                "title": "Số lượng viết chữ",
                "date": date(2023, 9, 1),
                "quantity": "hai",
            },
        ],
    )


DISPLAY_POINTS = 2  # the 2022 row and the unreadable quantity are left out


def fill(path, *names: str) -> None:
    """Write the named sample tables into the master at ``path``."""
    makers = {
        "registrations": registrations,
        "results": results,
        "budget_lines": budget_lines,
        "activities": activities,
    }
    wb = FileWorkbook.open(path)
    for name in names:
        wb.write_table(name, makers[name]())
    wb.commit()
