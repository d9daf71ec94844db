"""Plan sheets: the activities done, the department task matrix, progress on the targets, and
the printable documents the plan area builds (task annex, progress report, registration list).
"""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import ChartSpec, Column, DocumentSheet, TableSheet

PLAN_TAB = "2F75B5"

# What the office records as done: a display point opened, the logo issued, a training
# held. Progress counts the quantity of rows whose kind a target's rule names.
ACTIVITIES_TABLE = TableSheet(
    name="activities",
    sheet="Hoạt động",
    table="tblHoatDong",
    role="input",
    tab_color=PLAN_TAB,
    columns=(
        Column(
            "kind",
            "Loại hoạt động",
            16,
            required=True,
            choices_from=("support_items", "code"),
            note="Mã nội dung trong trang Danh mục hỗ trợ (LOGO, DIEMBAN, TAPHUAN…).",
        ),
        Column("title", "Nội dung", 40, wrap=True),
        Column("date", "Ngày thực hiện", 14, "date", note="Ngày đã thực hiện, dạng dd/mm/yyyy."),
        Column("quantity", "Số lượng", 10, "int", note="Để trống là 1."),
        Column("task", "Mã nhiệm vụ", 12, choices_from=("tasks", "code")),
        Column("evidence", "Minh chứng (số văn bản, ảnh…)", 34, wrap=True),
        Column("note", "Ghi chú", 24, wrap=True),
    ),
)

STATUS_FILLS = (
    ("Chưa đạt", "F8CBAD"),
    ("Đạt", "C6EFCE"),
    ("Vượt", "9BC2E6"),
    ("Chưa có dữ liệu", "D9D9D9"),
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
        Column("title", "Chỉ tiêu", 46, wrap=True),
        Column("unit", "Đơn vị tính", 11),
        Column("minimum", "Tối thiểu", 10, "int"),
        Column("stretch", "Phấn đấu", 10, "int"),
        Column("actual", "Thực hiện", 12, "int"),
        Column("percent", "Tỷ lệ so với tối thiểu", 12, "percent"),
        Column("status", "Tình trạng", 16, fills=STATUS_FILLS),
        Column("basis", "Cách tính số thực hiện", 44, wrap=True),
    ),
    charts=(
        ChartSpec(
            "Tiến độ thực hiện chỉ tiêu",
            categories="code",
            values=("minimum", "stretch", "actual"),
            y_title="Số lượng",
        ),
    ),
)

TASK_MATRIX_DOCUMENT = DocumentSheet(name="task_matrix", sheet="Phân công", tab_color=PLAN_TAB)

PROGRESS_REPORT_DOCUMENT = DocumentSheet(
    name="progress_report", sheet="Báo cáo kết quả", tab_color=PLAN_TAB
)

REGISTRATION_LIST_DOCUMENT = DocumentSheet(
    name="registration_list", sheet="Danh sách đăng ký", tab_color=PLAN_TAB
)

# In tab order, as layout/__init__.py places them.
PLAN_SHEETS = (
    ACTIVITIES_TABLE,
    TASK_MATRIX_DOCUMENT,
    PROGRESS_TABLE,
    PROGRESS_REPORT_DOCUMENT,
    REGISTRATION_LIST_DOCUMENT,
)

# The one sheet of each department's workbook (phan-cong-<code>.xlsx), not part of the master.
DEPARTMENT_SHEET = "Nhiệm vụ được giao"
