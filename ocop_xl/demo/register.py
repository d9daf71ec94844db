"""Demo steps for the product register (Sổ theo dõi OCOP).

The office's list of products certified in earlier years (a plain workbook, every name and
number marked "(mẫu)", headers as an office would type them) is written beside the master
and imported before the council meets; after the council, ``registry`` computes the alerts
as of the plan's judging day (31/12 of the plan year): one certificate lapsed without a
re-evaluation, three lapsing within 90 days (one within 30: urgent), the others valid. Two
rows are the certified products the sample communes register for an upgrade and a
re-evaluation: the council's result on the re-evaluation is written into the register (the
wine, one of the three, is then proposed for withdrawal, so the alerts show two expiring).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.profile_sheets import read_profile

LIST_FILE = "so-ocop-cac-nam-truoc-mau.xlsx"
HEADERS = (
    "STT",
    "Tên SP",
    "Chủ thể sản xuất",
    "Xã/thị trấn",
    "Số sao",
    "Điểm",
    "Cấp công nhận",
    "Số QĐ",
    "Ngày QĐ",
    "Số GCN",
    "Ghi chú",
)
PROVINCE = "UBND tỉnh Hải Dương (mẫu)"


def sample_products(year: int) -> list[tuple]:
    """(name, producer, commune, star, points, body, decision no, decision date, certificate
    no); dates follow the plan's ``year`` so the alerts show on its judging day."""
    return [
        (
            "Mật ong hoa nhãn (mẫu)",
            "HTX Ong mật Mẫu Hà Kỳ",
            "Hà Kỳ",
            3,
            62.5,
            PROVINCE,
            "101/QĐ-UBND (mẫu)",
            date(year - 1, 6, 15),
            "01/GCN-OCOP (mẫu)",
        ),
        (
            "Rượu nếp cái hoa vàng (mẫu)",
            "Công ty TNHH Rượu Mẫu",
            "Hà Kỳ",
            3,
            58.25,
            PROVINCE,
            "45/QĐ-UBND (mẫu)",
            date(year - 2, 3, 10),
            "02/GCN-OCOP (mẫu)",
        ),
        (
            "Nước mắm cá (mẫu)",
            "Công ty Cổ phần Thực phẩm Mẫu",
            "Quang Phục",
            3,
            66,
            PROVINCE,
            "101/QĐ-UBND (mẫu)",
            date(year - 1, 6, 15),
            "03/GCN-OCOP (mẫu)",
        ),
        (
            "Bánh đậu xanh (mẫu)",
            "Cơ sở Bánh Mẫu Tứ Kỳ",
            "Thị trấn Tứ Kỳ",
            3,
            55,
            PROVINCE,
            "12/QĐ-UBND (mẫu)",
            date(year - 2, 1, 12),
            "12/GCN-OCOP (mẫu)",
        ),
        (
            "Tương bần (mẫu)",
            "HTX Tương Mẫu",
            "Quang Phục",
            4,
            72.75,
            PROVINCE,
            "230/QĐ-UBND (mẫu)",
            date(year - 3, 6, 5),
            "31/GCN-OCOP (mẫu)",
        ),
        (
            "Chả cá thu (mẫu)",
            "Hộ sản xuất Vũ Văn Hải (mẫu)",
            "Hà Thanh",
            3,
            57.5,
            PROVINCE,
            "48/QĐ-UBND (mẫu)",
            date(year - 2, 3, 20),
            "15/GCN-OCOP (mẫu)",
        ),
        (
            "Gà đồi thả vườn (mẫu)",
            "Trang trại Gà Mẫu",
            "Tân Kỳ",
            3,
            60,
            PROVINCE,
            "101/QĐ-UBND (mẫu)",
            date(year - 1, 6, 15),
            "07/GCN-OCOP (mẫu)",
        ),
    ]


def write_sample_list(path: Path, year: int) -> Path:
    """The office's own list, as it might keep one: a title, then the products."""
    book = Workbook()
    ws = book.active
    ws.title = "Sản phẩm OCOP"
    ws.append([f"DANH SÁCH SẢN PHẨM OCOP ĐÃ ĐƯỢC CÔNG NHẬN ({year - 3}–{year - 1}) – SỐ LIỆU MẪU"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(list(HEADERS))
    for number, row in enumerate(sample_products(year), start=1):
        ws.append([number, *row, "Số liệu mẫu"])
        ws.cell(ws.max_row, HEADERS.index("Ngày QĐ") + 1).number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def _import(ctx: DemoContext) -> ActionResult:
    wb = FileWorkbook.open(ctx.master, writable=False)
    year = read_profile(wb).year
    path = write_sample_list(ctx.out / LIST_FILE, year)
    return ctx.run("registry-import", sources=[path])


def _alerts(ctx: DemoContext) -> ActionResult:
    return ctx.run("registry")


IMPORT_STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("registry import", _import),
]
STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("registry", _alerts),
]
# The steps whose summary the demo prints under its table (the register's alerts).
SHOWN = ("registry",)
