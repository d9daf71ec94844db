"""Sheets of the evaluation council: scores in, results and the list for the province out."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, DocumentSheet, TableSheet

COUNCIL_TAB = "7030A0"

SCORES_TABLE = TableSheet(
    name="scores",
    sheet="Chấm điểm",
    table="tblChamDiem",
    role="input",
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            16,
            required=True,
            choices_from=("registrations", "product_id"),
        ),
        Column(
            "member", "Thành viên hội đồng", 26, required=True, choices_from=("council", "name")
        ),
        Column("part_a", "Phần A", 10, "score"),
        Column("part_b", "Phần B", 10, "score"),
        Column("part_c", "Phần C", 10, "score"),
        Column("note", "Ghi chú", 30),
    ),
)

RESULTS_TABLE = TableSheet(
    name="results",
    sheet="Kết quả",
    table="tblKetQua",
    role="output",
    key="product_id",
    tab_color=COUNCIL_TAB,
    columns=(
        Column("product_id", "Mã sản phẩm", 16),
        Column("product_name", "Tên sản phẩm", 30, wrap=True),
        Column("commune", "Xã, thị trấn", 16),
        Column("mean", "Điểm trung bình", 12, "score"),
        Column("star", "Hạng sao", 10, "int"),
        Column("flags", "Lưu ý", 50, wrap=True),
    ),
)

MINUTES_DOCUMENT = DocumentSheet(name="minutes", sheet="Biên bản", tab_color=COUNCIL_TAB)

PROVINCE_LIST_DOCUMENT = DocumentSheet(
    name="province_list", sheet="Danh sách đề nghị cấp tỉnh", tab_color=COUNCIL_TAB
)
