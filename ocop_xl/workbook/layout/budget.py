"""Budget sheets: the lines staff enter, the tally by source, the printable estimate."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, DocumentSheet, TableSheet

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
        Column("product_id", "Mã sản phẩm", 18, note="Mã sản phẩm, hoặc “hoạt động chung”."),
        Column("commune_code", "Mã xã", 12, choices_from=("communes", "code")),
        Column("description", "Diễn giải", 30, wrap=True),
        Column("quantity", "Số lượng", 10, "int"),
        Column("unit_cost", "Đơn giá (đồng)", 16, "money"),
        Column("amount", "Thành tiền (đồng)", 18, "money"),
    ),
)

BUDGET_BY_SOURCE_TABLE = TableSheet(
    name="budget_by_source",
    sheet="Tổng hợp kinh phí",
    table="tblKinhPhiTheoNguon",
    role="output",
    key="code",
    tab_color=BUDGET_TAB,
    columns=(
        Column("code", "Mã nguồn", 10),
        Column("name", "Nguồn vốn", 40, wrap=True),
        Column("available", "Bố trí (đồng)", 18, "money"),
        Column("allocated", "Đã phân bổ (đồng)", 18, "money"),
        Column("remaining", "Còn lại (đồng)", 18, "money"),
        Column("percent_used", "Tỷ lệ sử dụng", 12, "percent"),
        Column("status", "Tình trạng", 14),
    ),
)

ESTIMATE_DOCUMENT = DocumentSheet(name="estimate", sheet="Dự toán kinh phí", tab_color=BUDGET_TAB)
