"""Nhật ký: one row appended by every action that touches the master."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, TableSheet

AUDIT_TABLE = TableSheet(
    name="audit",
    sheet="Nhật ký",
    table="tblNhatKy",
    role="audit",
    tab_color="7F7F7F",
    columns=(
        Column("time", "Thời gian", 20, "datetime"),
        Column("action", "Chức năng", 16),
        Column("user", "Người thực hiện", 16),
        Column("inputs", "Tệp đầu vào (SHA-256)", 60, wrap=True),
        Column("counts", "Kết quả", 40, wrap=True),
        Column("duration", "Thời gian chạy (giây)", 14, "decimal"),
        Column("version", "Phiên bản ocop_xl", 14),
    ),
)
