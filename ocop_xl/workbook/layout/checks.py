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
    columns=(
        Column("action", "Chức năng", 14),
        Column("severity", "Mức độ", 10, fills=(("Lỗi", ERROR_FILL), ("Cảnh báo", WARNING_FILL))),
        Column("code", "Mã lỗi", 24),
        Column("file", "Tệp", 34),
        Column("sheet", "Trang tính", 20),
        Column("cell", "Ô", 8),
        Column("row", "Dòng", 8, "int"),
        Column("column", "Cột", 6),
        Column("field", "Trường", 18),
        Column("message", "Nội dung", 80, wrap=True),
        Column("message_en", "Message (English)", 60, hidden=True),
    ),
)
