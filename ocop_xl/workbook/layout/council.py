"""Sheets of the evaluation council: the criteria catalog and the scores in; results,
statistics, the minutes and the list for the province out. Also the layout of the scoring
workbook each member receives (written by ocop_xl/workbook/score_sheets.py)."""

from __future__ import annotations

from ocop_xl.workbook.layout.spec import YES_NO, ChartSpec, Column, DocumentSheet, TableSheet

COUNCIL_TAB = "7030A0"

CRITERIA_TABLE = TableSheet(
    name="criteria",
    sheet="Bộ tiêu chí",
    table="tblBoTieuChi",
    role="input",
    key="code",
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "code",
            "Mã tiêu chí",
            12,
            note="Để trống cả trang nếu hội đồng chấm theo phần A, B, C.",
        ),
        Column("part", "Phần", 8, choices=("A", "B", "C")),
        Column("group", "Nhóm tiêu chí", 24, wrap=True),
        Column("text", "Nội dung tiêu chí", 50, wrap=True),
        Column("max_points", "Điểm tối đa", 10, "decimal"),
        Column(
            "product_groups",
            "Áp dụng cho nhóm sản phẩm",
            20,
            note="Mã nhóm sản phẩm, cách nhau bởi dấu phẩy; để trống: mọi nhóm.",
        ),
    ),
)

_PART_NOTE = "Điểm phần {part}: từ 0 đến điểm tối đa của bộ tiêu chí đang áp dụng ({maxima})."

SCORES_TABLE = TableSheet(
    name="scores",
    sheet="Chấm điểm",
    table="tblChamDiem",
    role="input",
    key=("product_id", "member"),
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            20,
            required=True,
            choices_from=("registrations", "product_id"),
        ),
        Column(
            "product_name",
            "Tên sản phẩm",
            28,
            wrap=True,
            later=True,
            note="Ghi tự động theo mã sản phẩm (trang Đăng ký).",
        ),
        Column(
            "member", "Thành viên hội đồng", 26, required=True, choices_from=("council", "name")
        ),
        Column(
            "part_a",
            "Phần A",
            10,
            "score",
            note=_PART_NOTE.format(part="A", maxima="QĐ 148: 40; QĐ 1048: 35"),
        ),
        Column("part_b", "Phần B", 10, "score", note=_PART_NOTE.format(part="B", maxima="25")),
        Column(
            "part_c",
            "Phần C",
            10,
            "score",
            note=_PART_NOTE.format(part="C", maxima="QĐ 148: 35; QĐ 1048: 40"),
        ),
        Column("note", "Ghi chú", 30),
        Column("source", "Nguồn điểm", 30, note="Tệp phiếu chấm của thành viên (ghi tự động)."),
    ),
)

CRITERION_SCORES_TABLE = TableSheet(
    name="criterion_scores",
    sheet="Chấm theo tiêu chí",
    table="tblChamTieuChi",
    role="input",
    key=("product_id", "member", "criterion"),
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            20,
            required=True,
            choices_from=("registrations", "product_id"),
        ),
        Column(
            "product_name",
            "Tên sản phẩm",
            28,
            wrap=True,
            later=True,
            note="Ghi tự động theo mã sản phẩm (trang Đăng ký).",
        ),
        Column(
            "member", "Thành viên hội đồng", 26, required=True, choices_from=("council", "name")
        ),
        Column("criterion", "Mã tiêu chí", 12, required=True, choices_from=("criteria", "code")),
        Column("points", "Điểm", 10, "score", note="Từ 0 đến điểm tối đa của tiêu chí."),
        Column("note", "Ghi chú", 30),
        Column("source", "Nguồn điểm", 30, note="Tệp phiếu chấm của thành viên (ghi tự động)."),
    ),
)

REQUIREMENT_CHECKS_TABLE = TableSheet(
    name="requirement_checks",
    sheet="Đánh giá yêu cầu",
    table="tblDanhGiaYeuCau",
    role="input",
    key=("product_id", "requirement"),
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            20,
            required=True,
            choices_from=("registrations", "product_id"),
        ),
        Column(
            "requirement",
            "Mã yêu cầu",
            14,
            required=True,
            choices_from=("requirements", "code"),
        ),
        Column(
            "met",
            "Đạt",
            10,
            choices=YES_NO,
            note="Hội đồng ghi Có (đạt) hoặc Không (không đạt); để trống: chưa đánh giá.",
        ),
        Column("note", "Căn cứ, ghi chú", 40, wrap=True),
    ),
)

STAR_FILLS = (
    (1, "F8CBAD"),
    (2, "FCE4D6"),
    (3, "FFF2CC"),
    (4, "E2EFDA"),
    (5, "A9D08E"),
)

# Other areas read these columns (the plan's progress counts forwarded products and met
# upgrades): keep their keys stable. forwarded: "Có"/"Không"; upgrade_met: "Có"/"Không",
# blank when the product asks for no upgrade; flag_codes: stable codes, comma-separated.
RESULTS_TABLE = TableSheet(
    name="results",
    sheet="Kết quả",
    table="tblKetQua",
    role="output",
    key="product_id",
    tab_color=COUNCIL_TAB,
    columns=(
        Column("product_id", "Mã sản phẩm", 20),
        Column("product_name", "Tên sản phẩm", 30, wrap=True),
        Column("commune_code", "Mã xã", 12),
        Column("commune", "Xã, thị trấn", 16),
        Column("group_code", "Mã nhóm sản phẩm", 12),
        Column("producer", "Tên chủ thể", 26, wrap=True),
        Column("members_counted", "Số thành viên tính điểm", 12, "int"),
        Column(
            "mean",
            "Điểm trung bình",
            12,
            "score",
            note="Đã làm tròn để hiển thị; hạng sao xét trên điểm chính xác.",
        ),
        Column("min", "Điểm thấp nhất", 12, "score"),
        Column("max", "Điểm cao nhất", 12, "score"),
        Column("spread", "Chênh lệch", 12, "score"),
        Column("star", "Hạng sao", 10, "int", fills=STAR_FILLS),
        Column("flags", "Lưu ý", 50, wrap=True),
        Column("flag_codes", "Mã lưu ý", 20, hidden=True),
        Column("forwarded", "Đề nghị cấp trên", 12, aliases=("Đề nghị cấp tỉnh",)),
        Column("upgrade_met", "Đạt nâng hạng", 12),
        Column("rank_in_group", "Xếp hạng trong nhóm", 12, "int"),
        Column("recused", "Thành viên không chấm (xung đột lợi ích)", 30, wrap=True),
        Column("outcome", "Kết luận", 30, wrap=True),
        Column("mean_exact", "Điểm trung bình chính xác", 14, hidden=True),
        Column("recognised", "Công nhận tại cấp này", 12),
    ),
)

STATS_SHEET = "Thống kê kết quả"

STAR_STATS_TABLE = TableSheet(
    name="star_stats",
    sheet=STATS_SHEET,
    table="tblThongKeSao",
    role="output",
    key="star_label",
    anchor="A3",
    title="Số sản phẩm theo hạng sao",
    tab_color=COUNCIL_TAB,
    columns=(
        Column("star_label", "Hạng sao", 16),
        Column("products", "Số sản phẩm", 12, "int"),
        Column("forwarded", "Đề nghị cấp trên", 12, "int"),
    ),
    charts=(
        ChartSpec(
            "Số sản phẩm theo hạng sao",
            "star_label",
            ("products",),
            y_title="Sản phẩm",
            anchor="F2",
        ),
    ),
)

COMMUNE_STATS_TABLE = TableSheet(
    name="commune_stats",
    sheet=STATS_SHEET,
    table="tblThongKeXa",
    role="output",
    key="commune",
    anchor="A14",
    title="Số sản phẩm theo xã, thị trấn",
    tab_color=COUNCIL_TAB,
    columns=(
        Column("commune", "Xã, thị trấn", 20),
        Column("products", "Số sản phẩm", 12, "int"),
        Column("three_up", "Đạt từ 3 sao", 12, "int"),
        Column("forwarded", "Đề nghị cấp trên", 12, "int"),
    ),
    charts=(
        ChartSpec(
            "Sản phẩm theo xã, thị trấn",
            "commune",
            ("products", "forwarded"),
            y_title="Sản phẩm",
            anchor="F20",
        ),
    ),
)

# The certificates the office's People's Committee issues (routes whose office level
# recognises stars). The score action adds rows and keeps every number ever given; the
# office types the decision number and date once the decision is signed. Issue 13's
# product register reads it through ocop_xl.domain.recognition.
CERTIFICATES_TABLE = TableSheet(
    name="certificates",
    sheet="Sổ giấy chứng nhận",
    table="tblSoGiayChungNhan",
    role="input",
    key="number",
    tab_color=COUNCIL_TAB,
    columns=(
        Column("number", "Số giấy chứng nhận", 26, required=True),
        Column("seq", "Số thứ tự", 9, "int"),
        Column("year", "Năm", 8, "int"),
        Column("product_id", "Mã sản phẩm", 16, required=True),
        Column("product_name", "Tên sản phẩm", 30, wrap=True),
        Column("producer", "Tên chủ thể", 26, wrap=True),
        Column("commune", "Xã, phường", 16),
        Column("star", "Hạng sao", 9, "int"),
        Column("points", "Điểm trung bình", 11, "score"),
        Column(
            "status",
            "Tình trạng",
            16,
            choices=("Dự thảo", "Đã ban hành", "Không còn đủ điều kiện"),
            note="Đã ban hành: số và ngày quyết định đã ghi; hàng này không bao giờ bị sửa.",
        ),
        Column("decision_no", "Số quyết định công nhận", 18, note="Ví dụ: 125/QĐ-UBND."),
        Column("decision_date", "Ngày quyết định", 14, "date"),
    ),
)

PRECHECK_TABLE = TableSheet(
    name="precheck",
    sheet="Kiểm tra của xã",
    table="tblKiemTraCuaXa",
    role="input",
    key="product_id",
    tab_color=COUNCIL_TAB,
    columns=(
        Column(
            "product_id",
            "Mã sản phẩm",
            20,
            required=True,
            choices_from=("registrations", "product_id"),
        ),
        Column("commune", "Xã, phường", 16),
        Column(
            "origin", "Nguồn gốc sản phẩm/nguyên liệu địa phương", 16, choices=("Đạt", "Không đạt")
        ),
        Column("labour", "Sử dụng lao động địa phương", 14, choices=("Đạt", "Không đạt")),
        Column("idea", "Nguồn gốc ý tưởng sản phẩm", 14, choices=("Đạt", "Không đạt")),
        Column("identity", "Bản sắc, trí tuệ địa phương", 14, choices=("Đạt", "Không đạt")),
        Column("report", "Báo cáo đánh giá của UBND xã (số, ngày)", 24),
        Column("note", "Ghi chú", 30, wrap=True),
        Column(
            "source",
            "Tệp nguồn",
            30,
            note="Tệp của xã mà Tổng hợp hồ sơ đã đọc (ghi tự động): dòng này được ghi lại mỗi "
            "lần tổng hợp tệp của xã. Xóa ô này để giữ dòng như văn phòng đã sửa.",
        ),
    ),
)

MINUTES_DOCUMENT = DocumentSheet(name="minutes", sheet="Biên bản", tab_color=COUNCIL_TAB)

PROVINCE_LIST_DOCUMENT = DocumentSheet(
    name="province_list", sheet="Danh sách đề nghị cấp tỉnh", tab_color=COUNCIL_TAB
)

DECISION_DOCUMENT = DocumentSheet(name="decision", sheet="QĐ công nhận", tab_color=COUNCIL_TAB)
RECOGNITION_LIST_DOCUMENT = DocumentSheet(
    name="recognition_list", sheet="DS công nhận", tab_color=COUNCIL_TAB
)

# In tab order, for the master's layout.
COUNCIL_INPUTS = (
    PRECHECK_TABLE,
    CRITERIA_TABLE,
    SCORES_TABLE,
    CRITERION_SCORES_TABLE,
    REQUIREMENT_CHECKS_TABLE,
)
COUNCIL_OUTPUTS = (
    RESULTS_TABLE,
    STAR_STATS_TABLE,
    COMMUNE_STATS_TABLE,
    MINUTES_DOCUMENT,
    PROVINCE_LIST_DOCUMENT,
    CERTIFICATES_TABLE,
    DECISION_DOCUMENT,
    RECOGNITION_LIST_DOCUMENT,
)

# -- the scoring workbook of one member (not part of the master) --------------------------
MEMBER_INFO_SHEET = "Thông tin phiếu"  # hidden: who the workbook belongs to, which plan
MEMBER_PARTS_SHEET = "Phiếu chấm điểm"
MEMBER_CRITERIA_SHEET = "Chấm theo tiêu chí"
MEMBER_KIND = "ocop-xl phiếu chấm điểm"

MEMBER_PARTS_COLUMNS = (
    Column("product_id", "Mã sản phẩm", 22),
    Column("product_name", "Tên sản phẩm", 34, wrap=True),
    Column("commune", "Xã, thị trấn", 16),
    Column("group_code", "Mã nhóm sản phẩm", 11),
    Column("part_a", "Phần A", 16, "score"),
    Column("part_b", "Phần B", 16, "score"),
    Column("part_c", "Phần C", 16, "score"),
    Column("total", "Tổng điểm", 11, "score"),
    Column("note", "Ghi chú", 28, wrap=True),
)

MEMBER_CRITERIA_COLUMNS = (
    Column("product_id", "Mã sản phẩm", 20),
    Column("product_name", "Tên sản phẩm", 28, wrap=True),
    Column("criterion", "Mã tiêu chí", 11),
    Column("part", "Phần", 7),
    Column("text", "Nội dung tiêu chí", 46, wrap=True),
    Column("max_points", "Điểm tối đa", 10, "decimal"),
    Column("points", "Điểm chấm", 11, "score"),
    Column("note", "Ghi chú", 24, wrap=True),
)
