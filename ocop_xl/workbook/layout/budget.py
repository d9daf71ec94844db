"""Budget sheets: the lines staff enter, the tallies, the printable estimate."""

from __future__ import annotations

from ocop_xl.domain.budget.lines import LINE_STATUSES
from ocop_xl.workbook.layout.checks import ERROR_FILL, WARNING_FILL
from ocop_xl.workbook.layout.spec import ChartSpec, Column, DocumentSheet, TableSheet

BUDGET_TAB = "BF8F00"

# One column per funding source follows these (its header is the source's code): the
# sources come from the Nguồn vốn sheet, so those columns are not declared here.
# The plan's progress reads item and product_id: keep their keys stable.
BUDGET_LINES_TABLE = TableSheet(
    name="budget_lines",
    sheet="Kinh phí",
    table="tblKinhPhi",
    role="input",
    tab_color=BUDGET_TAB,
    columns=(
        Column(
            "item", "Mã nội dung hỗ trợ", 14, required=True, choices_from=("support_items", "code")
        ),
        Column(
            "product_id",
            "Mã sản phẩm",
            20,
            choices_from=("registrations", "product_id"),
            note="Chọn mã sản phẩm trong danh sách, hoặc ghi “hoạt động chung”.",
        ),
        Column(
            "product_name",
            "Tên sản phẩm",
            26,
            wrap=True,
            later=True,
            note="Ghi tự động theo mã sản phẩm (trang Đăng ký).",
        ),
        Column("commune_code", "Mã xã", 12, choices_from=("communes", "code")),
        Column("description", "Diễn giải", 30, wrap=True),
        Column("quantity", "Số lượng", 10, "int"),
        Column("unit_cost", "Đơn giá (đồng)", 16, "money"),
        Column(
            "amount",
            "Thành tiền (đồng)",
            18,
            "money",
            note="Để trống thì lấy số lượng × đơn giá. Các cột bên phải (mã nguồn vốn): "
            "số tiền mỗi nguồn bố trí cho dòng này.",
        ),
        Column(
            "status",
            "Tình trạng thực hiện",
            16,
            choices=LINE_STATUSES,
            aliases=("Tình trạng", "Đã thực hiện"),
            note="Để trống là dự kiến. Chỉ dòng “Đã thực hiện” hoặc “Đã thanh toán” được "
            "tính vào kết quả thực hiện chỉ tiêu.",
        ),
    ),
)

# Tổng hợp kinh phí (issue 14): the tallies stacked, read top to bottom on one screen width,
# each with room below it to grow: by source (its chart beside it), by support item, then
# by commune and by product side by side at the bottom, where both grow freely. A table
# that needs more rows than its room stops the action naming the cell (TABLE_NO_ROOM): the
# clerk moves the table below elsewhere; tables are found by name wherever they stand, so
# masters made with the four tables side by side keep working as they are.
SUMMARY_SHEET = "Tổng hợp kinh phí"
SOURCE_ROW = 3  # header row of the table by source (its title above)
SOURCE_ROOM = 20  # rows for the funding sources
ITEM_ROW = SOURCE_ROW + 1 + SOURCE_ROOM + 3
ITEM_ROOM = 40  # rows for the support items
BOTTOM_ROW = ITEM_ROW + 1 + ITEM_ROOM + 3  # by commune and by product, side by side

BUDGET_BY_SOURCE_TABLE = TableSheet(
    name="budget_by_source",
    sheet=SUMMARY_SHEET,
    table="tblKinhPhiTheoNguon",
    role="output",
    key="code",
    anchor=f"A{SOURCE_ROW}",
    title="Theo nguồn vốn",
    tab_color=BUDGET_TAB,
    columns=(
        Column("code", "Mã nguồn", 10),
        Column("name", "Nguồn vốn", 40, wrap=True),
        Column("available", "Bố trí (đồng)", 18, "money"),
        Column("allocated", "Đã phân bổ (đồng)", 18, "money"),
        Column("remaining", "Còn lại (đồng)", 18, "money"),
        Column("percent_used", "Tỷ lệ sử dụng", 12, "percent"),
        Column(
            "status",
            "Tình trạng",
            16,
            fills=(("Vượt số bố trí", ERROR_FILL), ("Gần hết", WARNING_FILL)),
        ),
    ),
    charts=(
        ChartSpec(
            title="Kinh phí đã phân bổ so với số bố trí theo nguồn vốn",
            categories="code",
            values=("available", "allocated"),
            y_title="đồng",
            anchor="I2",  # beside the table by source
        ),
    ),
)

BUDGET_BY_ITEM_TABLE = TableSheet(
    name="budget_by_item",
    sheet=SUMMARY_SHEET,
    table="tblKinhPhiTheoNoiDung",
    role="output",
    key="code",
    anchor=f"A{ITEM_ROW}",
    title="Theo nội dung hỗ trợ",
    tab_color=BUDGET_TAB,
    columns=(
        Column("code", "Mã nội dung", 14),
        Column("name", "Nội dung hỗ trợ", 36, wrap=True),
        Column("unit", "Đơn vị tính", 10),
        Column("lines", "Số dòng", 8, "int"),
        Column("quantity", "Số lượng", 9, "int"),
        Column("amount", "Thành tiền (đồng)", 18, "money"),
        Column("allocated", "Đã phân bổ (đồng)", 18, "money"),
    ),
)

BUDGET_BY_COMMUNE_TABLE = TableSheet(
    name="budget_by_commune",
    sheet=SUMMARY_SHEET,
    table="tblKinhPhiTheoXa",
    role="output",
    key="code",
    anchor=f"A{BOTTOM_ROW}",
    title="Theo xã, thị trấn",
    tab_color=BUDGET_TAB,
    columns=(
        Column("code", "Mã xã", 12),
        Column("name", "Xã, thị trấn", 26),
        Column("products", "Số sản phẩm", 10, "int"),
        Column("lines", "Số dòng", 8, "int"),
        Column("amount", "Thành tiền (đồng)", 18, "money"),
        Column("allocated", "Đã phân bổ (đồng)", 18, "money"),
    ),
)

BUDGET_BY_PRODUCT_TABLE = TableSheet(
    name="budget_by_product",
    sheet=SUMMARY_SHEET,
    table="tblKinhPhiTheoSanPham",
    role="output",
    key="product_id",
    anchor=f"H{BOTTOM_ROW}",
    title="Theo sản phẩm",
    tab_color=BUDGET_TAB,
    columns=(
        Column("product_id", "Mã sản phẩm", 20),
        Column("product_name", "Tên sản phẩm", 30, wrap=True),
        Column("commune", "Xã, thị trấn", 16),
        Column("items", "Nội dung hỗ trợ", 24, wrap=True),
        Column("lines", "Số dòng", 8, "int"),
        Column("amount", "Thành tiền (đồng)", 18, "money"),
        Column("allocated", "Đã phân bổ (đồng)", 18, "money"),
    ),
)

BUDGET_TABLES = (
    BUDGET_LINES_TABLE,
    BUDGET_BY_SOURCE_TABLE,
    BUDGET_BY_ITEM_TABLE,
    BUDGET_BY_COMMUNE_TABLE,
    BUDGET_BY_PRODUCT_TABLE,
)

ESTIMATE_DOCUMENT = DocumentSheet(name="estimate", sheet="Dự toán kinh phí", tab_color=BUDGET_TAB)
