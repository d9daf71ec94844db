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
        Column("action", "Chức năng", 24, wrap=True),
        Column("user", "Người thực hiện", 16),
        Column("inputs", "Tệp đầu vào (SHA-256)", 50, wrap=True),
        Column("counts", "Kết quả", 50, wrap=True),
        Column("duration", "Thời gian chạy (giây)", 12, "decimal"),
        Column("version", "Phiên bản ocop_xl", 10),
        # the command's stable name (the CLI's and the ribbon tag), narrow, for reference
        Column("command", "Lệnh", 12),
    ),
)

# Lưu trữ: what the staff typed in rows a table no longer has (a problem solved, a product a
# commune took back), and their formulas or notes on a printable sheet that was made again.
# Appended to, never rewritten: nothing the office typed is dropped.
ARCHIVE_TABLE = TableSheet(
    name="archive",
    sheet="Lưu trữ",
    table="tblLuuTru",
    role="audit",
    tab_color="7F7F7F",
    columns=(
        Column("time", "Thời gian", 20, "datetime"),
        Column("action", "Chức năng", 18),
        Column("sheet", "Trang tính", 18),
        Column("cell", "Ô cũ", 8),
        Column("row_key", "Dòng (mã)", 24, wrap=True),
        Column("header", "Cột", 20, wrap=True),
        Column("kind", "Loại", 12),
        Column("content", "Nội dung", 50, wrap=True),
    ),
)
