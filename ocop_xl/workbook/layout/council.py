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

# Other areas read these columns (the plan's progress counts forwarded products and met
# upgrades): keep their keys stable.
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
        Column("commune_code", "Mã xã", 12),
        Column("commune", "Xã, thị trấn", 16),
        Column("group_code", "Mã nhóm sản phẩm", 12),
        Column("producer", "Tên chủ thể", 26, wrap=True),
        Column("members_counted", "Số thành viên tính điểm", 12, "int"),
        Column("mean", "Điểm trung bình", 12, "score"),
        Column("min", "Điểm thấp nhất", 12, "score"),
        Column("max", "Điểm cao nhất", 12, "score"),
        Column("spread", "Chênh lệch", 12, "score"),
        Column("star", "Hạng sao", 10, "int"),
        Column("flags", "Lưu ý", 50, wrap=True),
        Column("flag_codes", "Mã lưu ý", 20, hidden=True),
        Column("forwarded", "Đề nghị cấp tỉnh", 12),
        Column("upgrade_met", "Đạt nâng hạng", 12),
        Column("rank_in_group", "Xếp hạng trong nhóm", 12, "int"),
        Column("recused", "Thành viên không chấm (xung đột lợi ích)", 30, wrap=True),
    ),
)

MINUTES_DOCUMENT = DocumentSheet(name="minutes", sheet="Biên bản", tab_color=COUNCIL_TAB)

PROVINCE_LIST_DOCUMENT = DocumentSheet(
    name="province_list", sheet="Danh sách đề nghị cấp tỉnh", tab_color=COUNCIL_TAB
)
