"""Demo steps for commune submissions: templates for every commune, five communes' files
filled with sample registrations (one with deliberate mistakes), consolidation, returns.

Every producer, person, phone and tax number here is fictional and marked "(mẫu)".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook import folders
from ocop_xl.workbook.commune_template import fill_rows
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.profile_sheets import read_profile
from ocop_xl.workbook.layout.submissions import TEMPLATE_SHEET

# The folders the ribbon uses beside the master (the demo's master is in ``out``).
TEMPLATES = folders.TEMPLATES.name
COMMUNES = folders.SUBMISSIONS.name  # the filled files "sent back" by the communes
RETURNS = folders.RETURNS.name
# The commune whose file carries deliberate mistakes.
FAULTY = "dai-son"


def _row(
    name: str,
    group: str,
    producer: str,
    ptype: str,
    tax: str | None,
    person: str,
    phone: str,
    hamlet: str,
    kind: str = "sản phẩm đã có",
    support: str = "",
    **more: Any,
) -> dict[str, Any]:
    return {
        "product_name": name,
        "group_code": group,
        "producer": producer,
        "producer_type": ptype,
        "tax_id": tax,
        "representative": person,
        "phone": phone,
        "address": hamlet,
        "kind": kind,
        "support": support,
        **more,
    }


def sample_rows(year: int) -> dict[str, list[dict[str, Any]]]:
    """Sample registrations by commune code; certificate dates follow the plan's ``year``
    (valid certificates, one dated after the plan's year on purpose)."""
    last_year = date(year - 1, 6, 15)
    two_years = date(year - 2, 3, 10)
    return {
        "ha-ky": [
            _row("Mật ong hoa nhãn (mẫu)", "I.2.b - Mật ong, mật khác và nông sản thực phẩm khác",
                 "HTX Ong mật Mẫu Hà Kỳ", "HTX", "0800000101", "Nguyễn Văn An (mẫu)",
                 "0912 000 101", "Thôn Mẫu Nhất", "nâng hạng sao", "BAOBI, TEMTX",
                 current_stars=3, certificate_no="01/GCN-OCOP (mẫu)",
                 certificate_date=last_year),
            _row("Cá rô đồng (mẫu)", "I.1.b - Thịt, thủy sản, trứng, sữa tươi",
                 "Tổ hợp tác Thủy sản Mẫu", "tổ hợp tác", None, "Trần Thị Bình (mẫu)",
                 "0220 3712 345", "Thôn Mẫu Nhì", support="CBCL, MAVACH"),
            _row("Bánh đa vừng (mẫu)", "I.3.b - Chế biến từ gạo, ngũ cốc",
                 "Hộ sản xuất Lê Văn Cường (mẫu)", "hộ sản xuất có ĐKKD", "030085000103",
                 "Lê Văn Cường (mẫu)", "0912000103", "Thôn Mẫu Ba", "ý tưởng mới", "CBCL"),
            _row("Rượu nếp cái hoa vàng (mẫu)", "II.1.a - Rượu trắng",
                 "Công ty TNHH Rượu Mẫu", "doanh nghiệp", "0800000104-001",
                 "Phạm Văn Dũng (mẫu)", "0912 000 104", "Thôn Mẫu Nhất",
                 "đánh giá lại", "SHTT", current_stars=3, certificate_no="02/GCN-OCOP (mẫu)",
                 certificate_date=two_years),
        ],
        "tan-ky": [
            _row("Vải thiều sấy (mẫu)", "I.3.c - Chế biến từ rau, củ, quả, hạt",
                 "HTX Nông sản Mẫu Tân Kỳ", "htx", "0800000201", "Hoàng Thị Em (mẫu)",
                 "0912 000 201", "Thôn Mẫu Đông", support="BAOBI"),
            _row("Chè xanh (mẫu)", "I.5.a - Chè tươi, chè chế biến",
                 "Trang trại Chè Mẫu", "trang trại", "0800000202", "Vũ Văn Giang (mẫu)",
                 "0912 000 202", "Thôn Mẫu Tây", "ý tưởng mới", "CBCL, BAOBI"),
            _row("Giò lụa (mẫu)", "I.3.d - Chế biến từ thịt, trứng, sữa, thủy sản, mật ong",
                 "Hộ sản xuất Đỗ Thị Hoa (mẫu)", "hộ sản xuất có ĐKKD", "0800000203",
                 "Đỗ Thị Hoa (mẫu)", "0912 000 203", "Thôn Mẫu Nam", support="CBCL"),
            _row("Chổi chít (mẫu)", "IV.1 - Thủ công mỹ nghệ gia dụng, trang trí",
                 "Tổ hợp tác Chổi Mẫu", "tổ hợp tác", "0800000204", "Bùi Văn Khánh (mẫu)",
                 "0912 000 204", "Thôn Mẫu Bắc", "ý tưởng mới", "BAOBI"),
        ],
        "quang-phuc": [
            _row("Dưa lưới (mẫu)", "I.1.a - Rau, củ, quả, hạt tươi",
                 "HTX Dịch vụ Nông nghiệp Mẫu", "HTX", "0800000301", "Ngô Văn Lâm (mẫu)",
                 "0912 000 301", "Thôn Mẫu Thượng", support="MAVACH, TEMTX"),
            _row("Nước mắm cá (mẫu)", "I.4.a - Tương, nước mắm, gia vị dạng lỏng",
                 "Công ty Cổ phần Thực phẩm Mẫu", "doanh nghiệp", "0800000302",
                 "Đinh Thị Mai (mẫu)", "0912 000 302", "Thôn Mẫu Hạ", "nâng hạng sao",
                 "CBCL, TUVAN", current_stars=3, certificate_no="03/GCN-OCOP (mẫu)",
                 certificate_date=last_year),
            _row("Gạo nếp cái (mẫu)", "I.2.a - Gạo, ngũ cốc, hạt",
                 "HTX Lúa gạo Mẫu", "HTX", "0800000303", "Tạ Văn Nam (mẫu)",
                 "0912 000 303", "Thôn Mẫu Trung", "ý tưởng mới", "BAOBI, MAVACH"),
            _row("Cam đường (mẫu)", "I.1.a - Rau, củ, quả, hạt tươi",
                 "Trang trại Cây ăn quả Mẫu", "trang trại", "0800000304", "Lý Thị Oanh (mẫu)",
                 "0912 000 304", "Thôn Mẫu Thượng", support="TEMTX"),
        ],
        "tt-tu-ky": [
            _row("Bánh gai (mẫu)", "I.3.b - Chế biến từ gạo, ngũ cốc",
                 "Cơ sở Bánh gai Mẫu", "hộ sản xuất có ĐKKD", "0800000401",
                 "Mai Văn Phúc (mẫu)", "0912 000 401", "Khu Mẫu 1", support="CBCL, BAOBI"),
            _row("Trà túi lọc lá sen (mẫu)", "I.5.b - Chè từ thực vật khác",
                 "Công ty TNHH Sen Mẫu", "doanh nghiệp", "0800000402", "Cao Thị Quỳnh (mẫu)",
                 "0912 000 402", "Khu Mẫu 2", "ý tưởng mới", "CBCL"),
        ],
        FAULTY: [
            # Deliberate mistakes, one or more per row, to show Kiểm tra and the returns.
            _row("Bánh chưng (mẫu)", "I.3", "HTX Bánh chưng Mẫu", "htx", "12345",
                 "Kiều Văn Sơn (mẫu)", "0912.34.567", "Thôn Mẫu Cầu", support="CBCL, XYZ"),
            _row("Dưa hấu (mẫu)", "I.1.a - Rau, củ, quả, hạt tươi", "Trang trại Dưa Mẫu",
                 "trang trại", "0800000502", "", "0912 000 502", "Thôn Mẫu Đình",
                 "nâng hạng sao", current_stars=3, certificate_no="04/GCN-OCOP (mẫu)"),
            {},  # a blank row in the middle of the table
            _row("Nấm sò (mẫu)", "I.1.a - Rau, củ, quả, hạt tươi", "HTX Nấm Mẫu", "HTX",
                 "0800000503", "Phan Thị Tâm (mẫu)", "0912 000 503", "Thôn Mẫu Chợ",
                 "đánh giá lại", current_stars=4, certificate_no="05/GCN-OCOP (mẫu)",
                 certificate_date=date(year + 1, 1, 1)),
            _row("Nấm Sò (mẫu)", "I.1.a - Rau, củ, quả, hạt tươi", "HTX nấm mẫu", "HTX",
                 "0800000503", "Phan Thị Tâm (mẫu)", "0912 000 503", "Thôn Mẫu Chợ"),
            _row("Mật ong rừng (mẫu)", "I.2.b - Mật ong, mật khác và nông sản thực phẩm khác",
                 "HTX Ong Mẫu Đại Sơn", "hợp tác", "0800000504", "Quách Văn Uy (mẫu)",
                 "0912 000 504", "Thôn Mẫu Đình", commune="Hà Kỳ"),
        ],
    }


def write_sample_files(templates: Path, out: Path, year: int) -> list[Path]:
    """Copies of the communes' templates with the sample rows typed in."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code, rows in sample_rows(year).items():
        template = next(p for p in sorted(templates.glob("*.xlsx")) if _commune_of(p) == code)
        book = load_workbook(template)
        fill_rows(book[TEMPLATE_SHEET], rows)
        target = out / template.name
        book.save(target)
        written.append(target)
    return written


def _commune_of(path: Path) -> str:
    from ocop_xl.workbook.commune_reader import read_submission

    outcome = read_submission(path)
    return outcome.sheet.meta.get("commune_code", "") if outcome.sheet else ""


def _template(ctx: DemoContext) -> ActionResult:
    result = ctx.run("template", out=ctx.out / TEMPLATES)
    year = read_profile(FileWorkbook.open(ctx.master, writable=False)).year
    write_sample_files(ctx.out / TEMPLATES, ctx.out / COMMUNES, year)
    return result


def _consolidate(ctx: DemoContext) -> ActionResult:
    return ctx.run("consolidate", sources=[ctx.out / COMMUNES])


def _returns(ctx: DemoContext) -> ActionResult:
    return ctx.run("returns", out=ctx.out / RETURNS)


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("template", _template),
    ("consolidate", _consolidate),
    ("returns", _returns),
]
