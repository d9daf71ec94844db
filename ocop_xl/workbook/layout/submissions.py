"""Đăng ký: the consolidated list of registered products, one row per product."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import Column, TableSheet

REGISTRATIONS_TABLE = TableSheet(
    name="registrations",
    sheet="Đăng ký",
    table="tblDangKy",
    role="output",
    key="product_id",
    tab_color="548235",
    columns=(
        Column("product_id", "Mã sản phẩm", 16),
        Column("commune_code", "Mã xã", 12),
        Column("commune", "Xã, thị trấn", 18),
        Column("product_name", "Tên sản phẩm", 32, wrap=True),
        Column("group_code", "Mã nhóm sản phẩm", 12),
        Column("group_name", "Nhóm sản phẩm", 26, wrap=True),
        Column("producer", "Tên chủ thể", 30, wrap=True),
        Column("producer_type", "Loại hình chủ thể", 18),
        Column("tax_id", "Mã số thuế / ĐKKD", 16),
        Column("representative", "Người đại diện", 20),
        Column("phone", "Điện thoại", 14),
        Column("address", "Địa chỉ (thôn, xóm)", 22),
        Column("kind", "Hình thức đăng ký", 16),
        Column("current_stars", "Số sao hiện có", 10, "int"),
        Column("certificate_no", "Số giấy chứng nhận", 16),
        Column("certificate_date", "Ngày cấp giấy chứng nhận", 14, "date"),
        Column("support", "Nội dung đề nghị hỗ trợ", 28, wrap=True),
        Column("notes", "Ghi chú", 24, wrap=True),
        Column("source_file", "Tệp nguồn", 30),
        Column("source_sheet", "Trang nguồn", 16),
        Column("source_row", "Dòng nguồn", 10, "int"),
    ),
)
