"""Kiểm tra: every problem any action found, one row each, with file, sheet and cell."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, TableSheet

ERROR_FILL = "F8CBAD"
WARNING_FILL = "FFE699"

ISSUES_TABLE = TableSheet(
    name="issues",
    sheet="Kiểm tra",
    table="tblKiemTra",
    role="output",
    key=("action", "code", "file", "sheet", "cell"),
    tab_color="C00000",
    # What a clerk reads first on the left: how serious, what the problem is, in which
    # field, the message; where it is; the action and the stable code last, narrow.
    columns=(
        Column("severity", "Mức độ", 9, fills=(("Lỗi", ERROR_FILL), ("Cảnh báo", WARNING_FILL))),
        Column("title", "Vấn đề", 24, wrap=True),
        Column("field", "Trường", 18, wrap=True),
        Column("message", "Nội dung", 70, wrap=True),
        Column("file", "Tệp", 28, wrap=True),
        Column("sheet", "Trang tính", 16, wrap=True),
        Column("cell", "Ô", 7),
        Column("row", "Dòng", 7, "int"),
        Column("column", "Cột", 5),
        Column("action", "Chức năng", 18, wrap=True),
        Column("code", "Mã lỗi", 10),
        Column("message_en", "Message (English)", 60, hidden=True),
    ),
)
