"""Plan sheets: the department task matrix, the activities done, progress on the targets."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, DocumentSheet, TableSheet

PLAN_TAB = "2F75B5"

ACTIVITIES_TABLE = TableSheet(
    name="activities",
    sheet="Hoạt động",
    table="tblHoatDong",
    role="input",
    tab_color=PLAN_TAB,
    columns=(
        Column("kind", "Loại hoạt động", 16, required=True, choices_from=("support_items", "code")),
        Column("title", "Nội dung", 40, wrap=True),
        Column("date", "Ngày thực hiện", 14, "date"),
        Column("quantity", "Số lượng", 10, "int"),
        Column("evidence", "Minh chứng (số văn bản, ảnh…)", 34, wrap=True),
    ),
)

PROGRESS_TABLE = TableSheet(
    name="progress",
    sheet="Tiến độ",
    table="tblTienDo",
    role="output",
    key="code",
    tab_color=PLAN_TAB,
    columns=(
        Column("code", "Mã chỉ tiêu", 12),
        Column("title", "Chỉ tiêu", 50, wrap=True),
        Column("minimum", "Tối thiểu", 10, "int"),
        Column("stretch", "Phấn đấu", 10, "int"),
        Column("actual", "Thực hiện", 10, "int"),
        Column("status", "Tình trạng", 12),
    ),
)

TASK_MATRIX_DOCUMENT = DocumentSheet(name="task_matrix", sheet="Phân công", tab_color=PLAN_TAB)
