"""The product register (Sổ theo dõi OCOP): certified products across the years, the
history of their events, the summary by commune and star, and the printable documents.

The aliases of the register's columns are the headers earlier masters (Sổ giấy chứng nhận,
Đăng ký) and the office's own lists use: ``ocop-xl registry import`` maps columns by them.
"""

from __future__ import annotations

from ocop_xl.domain.register.entries import (
    ALERT_EXPIRED,
    ALERT_EXPIRING,
    ALERT_PLAN_YEAR,
    ALERT_URGENT,
    STATUS_NO_DECISION,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_REEVALUATED,
    STATUS_WITHDRAWN,
)
from ocop_xl.domain.register.validity import STATUS_EXPIRED, STATUS_EXPIRING, STATUS_VALID
from ocop_xl.workbook.layout.council import STAR_FILLS
from ocop_xl.workbook.layout.spec import Column, DocumentSheet, TableSheet

REGISTER_TAB = "C65911"

STATUS_FILLS = (
    (STATUS_VALID, "C6EFCE"),
    (STATUS_EXPIRING, "FFEB9C"),
    (STATUS_EXPIRED, "FFC7CE"),
    (STATUS_REEVALUATED, "DDEBF7"),
    (STATUS_PROPOSED_WITHDRAWAL, "F8CBAD"),
    (STATUS_WITHDRAWN, "D9D9D9"),
    (STATUS_NO_DECISION, "EDEDED"),
)
ALERT_FILLS = (
    (ALERT_URGENT, "FF7C80"),
    (ALERT_EXPIRING, "FFEB9C"),
    (ALERT_EXPIRED, "FFC7CE"),
    (ALERT_PLAN_YEAR, "FCE4D6"),
)

# Staff may type rows (old certificates) by hand: rows typed below are its rows; the key
# makes their notes and own columns follow a row.
REGISTER_TABLE = TableSheet(
    name="product_register",
    sheet="Sổ theo dõi OCOP",
    table="tblSoTheoDoiOCOP",
    role="input",
    key="product_id",
    tab_color=REGISTER_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            16,
            note="Để trống khi nhập tay: chương trình ghi mã theo xã, tên sản phẩm, chủ thể.",
            aliases=("Mã SP", "Mã số sản phẩm"),
        ),
        Column(
            "product_name",
            "Tên sản phẩm",
            30,
            wrap=True,
            aliases=("Tên SP", "Sản phẩm", "Tên sản phẩm OCOP"),
        ),
        Column(
            "producer",
            "Tên chủ thể",
            28,
            wrap=True,
            aliases=(
                "Chủ thể",
                "Chủ thể sản xuất",
                "Tên chủ thể sản xuất",
                "Cơ sở sản xuất",
                "Tên cơ sở",
                "Đơn vị sản xuất",
                "Chủ thể OCOP",
            ),
        ),
        Column(
            "commune",
            "Xã, phường",
            16,
            aliases=("Xã, thị trấn", "Xã", "Tên xã", "Xã/phường/thị trấn", "Địa phương"),
        ),
        Column(
            "group",
            "Nhóm sản phẩm",
            14,
            aliases=("Mã nhóm sản phẩm", "Nhóm", "Mã nhóm", "Ngành hàng", "Bộ sản phẩm"),
        ),
        Column(
            "star",
            "Hạng sao",
            9,
            "int",
            fills=STAR_FILLS,
            aliases=("Số sao", "Số sao hiện có", "Hạng sao hiện có", "Xếp hạng", "Hạng", "Sao"),
        ),
        Column(
            "points",
            "Điểm",
            9,
            "score",
            aliases=("Điểm trung bình", "Tổng điểm", "Điểm đánh giá", "Điểm số"),
        ),
        Column(
            "body",
            "Cơ quan công nhận",
            18,
            note="Ví dụ: UBND tỉnh Hải Dương, UBND huyện Tứ Kỳ.",
            aliases=("Cấp công nhận", "Cơ quan quyết định", "Cấp quyết định"),
        ),
        Column(
            "decision_no",
            "Số quyết định công nhận",
            18,
            note="Ví dụ: 125/QĐ-UBND.",
            aliases=("Số quyết định", "Số QĐ", "Quyết định số", "Số QĐ công nhận"),
        ),
        Column(
            "decision_date",
            "Ngày quyết định",
            12,
            "date",
            note="Ngày ký quyết định công nhận (dd/mm/yyyy): hạn giấy chứng nhận tính từ ngày này.",
            aliases=(
                "Ngày quyết định công nhận",
                "Ngày công nhận",
                "Ngày ký quyết định",
                "Ngày QĐ",
                "Ngày cấp giấy chứng nhận",
                "Ngày cấp",
                "Ngày cấp GCN",
                "Ngày cấp giấy chứng nhận OCOP",
            ),
        ),
        Column(
            "certificate_no",
            "Số giấy chứng nhận",
            20,
            aliases=("Số GCN", "Số giấy chứng nhận OCOP", "Số chứng nhận"),
        ),
        Column(
            "valid_until",
            "Hiệu lực đến",
            12,
            "date",
            note="Ghi tự động: ngày quyết định + thời hạn giấy chứng nhận (Cấu hình).",
            aliases=("Có hiệu lực đến", "Ngày hết hạn", "Hết hạn ngày", "Thời hạn"),
        ),
        Column(
            "status",
            "Tình trạng",
            16,
            fills=STATUS_FILLS,
            note="Ghi tự động theo ngày xét. Văn phòng ghi “Thu hồi” khi đã có quyết định thu "
            "hồi: giữ nguyên.",
            aliases=("Trạng thái", "Tình trạng giấy chứng nhận"),
        ),
        Column("days_left", "Số ngày còn lại", 9, "int", aliases=("Còn lại (ngày)",)),
        Column("alert", "Cảnh báo", 18, fills=ALERT_FILLS, wrap=True),
        Column(
            "reeval_result",
            "Kết quả đánh giá lại",
            30,
            wrap=True,
            aliases=("Kết quả tái đánh giá",),
        ),
        Column("reeval_date", "Ngày đánh giá lại", 12, "date"),
        Column("reeval_registration", "Mã đăng ký đánh giá lại", 16),
        Column("source", "Nguồn", 26, wrap=True, aliases=("Nguồn dữ liệu",)),
        Column("notes", "Ghi chú", 30, wrap=True, aliases=("Ghi chú khác",)),
    ),
)

HISTORY_TABLE = TableSheet(
    name="register_history",
    sheet="Lịch sử OCOP",
    table="tblLichSuOCOP",
    role="output",
    key="event_key",
    tab_color=REGISTER_TAB,
    columns=(
        Column("time", "Thời điểm ghi", 18, "datetime"),
        Column("product_id", "Mã sản phẩm", 16),
        Column("product_name", "Tên sản phẩm", 28, wrap=True),
        Column("event", "Sự kiện", 22),
        Column("star_before", "Hạng sao trước", 9, "int"),
        Column("star_after", "Hạng sao sau", 9, "int"),
        Column("decision", "Quyết định", 26, wrap=True),
        Column("detail", "Nội dung", 40, wrap=True),
        Column("source", "Nguồn", 26, wrap=True),
        Column("action", "Chức năng", 18),
        Column("event_key", "Mã sự kiện", 18, hidden=True),
    ),
)

SUMMARY_TABLE = TableSheet(
    name="register_summary",
    sheet="Thống kê sổ OCOP",
    table="tblSoOCOPTheoXa",
    role="output",
    key="commune",
    anchor="A3",
    title="Sản phẩm OCOP theo xã và hạng sao (sổ theo dõi)",
    tab_color=REGISTER_TAB,
    columns=(
        Column("commune", "Xã, phường", 20),
        Column("star3", "3 sao", 8, "int"),
        Column("star4", "4 sao", 8, "int"),
        Column("star5", "5 sao", 8, "int"),
        Column("total", "Tổng số", 9, "int"),
        Column("valid", "Còn hiệu lực", 10, "int"),
        Column("expiring", "Sắp hết hạn", 10, "int"),
        Column("expired", "Hết hạn", 9, "int"),
        Column("reevaluated", "Đã đánh giá lại", 11, "int"),
        Column("withdrawn", "Thu hồi", 9, "int"),
    ),
)

ALERT_LIST_DOCUMENT = DocumentSheet(
    name="register_alerts", sheet="DS OCOP sắp hết hạn", tab_color=REGISTER_TAB
)
SUMMARY_DOCUMENT = DocumentSheet(
    name="register_summary_document", sheet="Tổng hợp sổ OCOP", tab_color=REGISTER_TAB
)

# In tab order, for the master's layout.
REGISTER_SHEETS = (
    REGISTER_TABLE,
    HISTORY_TABLE,
    SUMMARY_TABLE,
    ALERT_LIST_DOCUMENT,
    SUMMARY_DOCUMENT,
)
