"""Đăng ký: the consolidated list of registered products, one row per product; and the
commune template (the workbook each commune fills in), declared the same way."""

from __future__ import annotations

from dataclasses import replace

from ocop_xl.domain.submissions.vocab import REQUIRED_FIELDS
from ocop_xl.workbook.layout.spec import Column, Kind, TableSheet

# Other areas read product_id, commune_code, commune, product_name, group_code, producer,
# kind, current_stars and support: keep these keys stable.
REGISTRATIONS_TABLE = TableSheet(
    name="registrations",
    sheet="Đăng ký",
    table="tblDangKy",
    role="output",
    key="product_id",
    typed_rows=True,  # the office types products here by hand too (issue 14)
    tab_color="548235",
    columns=(
        Column("product_id", "Mã sản phẩm", 20),
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

# One row per commune file the last consolidations read: what came of it, and its SHA-256,
# which tells "returns" whether a file changed since it was read.
RECEIVED_FILES_TABLE = TableSheet(
    name="received_files",
    sheet="Hồ sơ đã nhận",
    table="tblHoSoDaNhan",
    role="output",
    key="file",
    tab_color="548235",
    columns=(
        Column("file", "Tệp", 44),
        Column("commune_code", "Mã xã", 12),
        Column("status", "Tình trạng", 18, fills=(("Không dùng được", "F8CBAD"),)),
        Column("rows", "Số dòng đã đọc", 10, "int"),
        Column("products", "Số sản phẩm đưa vào Đăng ký", 14, "int"),
        Column("errors", "Số lỗi", 8, "int"),
        Column("warnings", "Số cảnh báo", 10, "int"),
        Column("read_at", "Thời điểm đọc", 18, "datetime"),
        Column("sha256", "Mã kiểm tra SHA-256", 30),
    ),
)

# -- the commune template -----------------------------------------------------------------
TEMPLATE_SHEET = "Đăng ký sản phẩm"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
META_SHEET = "Thông tin mẫu"  # hidden and protected
RETURN_SHEET = "Các lỗi cần sửa"  # added to the copies returned to communes
TEMPLATE_TITLE_ROWS = 3  # title lines above the header row
TEMPLATE_BLANK_ROWS = 20  # empty rows (STT and commune pre-filled) in a new template
# The commune's confirmation and signatures, two rows below the form's table: the form's rows
# end at the row whose text starts with this (the reader stops there, issue 14).
TEMPLATE_CONFIRMATION = "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN"


def _col(
    key: str,
    header: str,
    width: float,
    note: str,
    kind: Kind = "text",
    aliases: tuple[str, ...] = (),
    wrap: bool = False,
) -> Column:
    return Column(
        key,
        header,
        width,
        kind,
        required=key in REQUIRED_FIELDS,
        note=note,
        aliases=aliases,
        wrap=wrap,
    )


COMMUNE_TABLE = TableSheet(
    name="commune_registrations",
    sheet=TEMPLATE_SHEET,
    table="tblDangKySanPham",
    role="input",
    anchor=f"A{TEMPLATE_TITLE_ROWS + 1}",
    tab_color="548235",
    columns=(
        _col("seq", "STT", 5, "Số thứ tự (không bắt buộc).", "int", ("Số TT", "TT")),
        _col(
            "commune",
            "Xã, thị trấn",
            11,
            "Đã ghi sẵn tên xã; không sửa.",
            aliases=("Xã", "Tên xã", "Xã/thị trấn", "Đơn vị"),
        ),
        _col(
            "product_name",
            "Tên sản phẩm",
            20,
            "Bắt buộc. Tên sản phẩm như ghi trên nhãn, ví dụ: Mật ong hoa nhãn.",
            aliases=("Tên SP", "Sản phẩm", "Tên sản phẩm OCOP", "Tên sản phẩm đăng ký"),
            wrap=True,
        ),
        _col(
            "group_code",
            "Nhóm sản phẩm",
            20,
            "Bắt buộc. Chọn phân nhóm trong danh sách (mã - tên), theo bộ tiêu chí OCOP.",
            aliases=("Mã nhóm sản phẩm", "Nhóm", "Mã nhóm", "Nhóm, phân nhóm"),
            wrap=True,
        ),
        _col(
            "producer",
            "Tên chủ thể",
            20,
            "Bắt buộc. Tên HTX, tổ hợp tác, doanh nghiệp, trang trại hoặc hộ sản xuất.",
            aliases=("Chủ thể", "Tên cơ sở", "Cơ sở sản xuất", "Tên chủ thể sản xuất"),
            wrap=True,
        ),
        _col(
            "producer_type",
            "Loại hình chủ thể",
            13,
            "Bắt buộc. Chọn trong danh sách.",
            aliases=("Loại hình", "Loại chủ thể", "Hình thức tổ chức"),
        ),
        _col(
            "tax_id",
            "Mã số thuế / ĐKKD",
            15,
            "HTX, doanh nghiệp: mã số thuế 10 chữ số (chi nhánh: 10 chữ số-3 chữ số). Hộ kinh "
            "doanh: số định danh cá nhân 12 chữ số của chủ hộ (hoặc mã số thuế đã cấp). Tổ hợp "
            "tác, trang trại: ghi nếu có.",
            aliases=("Mã số thuế", "MST", "Số ĐKKD", "Mã số doanh nghiệp", "MST/ĐKKD"),
        ),
        _col(
            "representative",
            "Người đại diện",
            15,
            "Bắt buộc. Họ và tên người đại diện của chủ thể.",
            aliases=("Đại diện", "Người đại diện theo pháp luật", "Họ tên người đại diện"),
        ),
        _col(
            "phone",
            "Điện thoại",
            13,
            "Bắt buộc. Số di động 10 chữ số bắt đầu bằng 0, hoặc số cố định gồm mã vùng "
            "(ví dụ 0220 3712 345); được viết có dấu cách, dấu chấm.",
            aliases=("Số điện thoại", "SĐT", "Điện thoại liên hệ", "ĐT"),
        ),
        _col(
            "address",
            "Địa chỉ (thôn, xóm)",
            15,
            "Bắt buộc. Thôn, xóm nơi sản xuất.",
            aliases=("Địa chỉ", "Thôn, xóm", "Thôn/xóm"),
        ),
        _col(
            "kind",
            "Hình thức đăng ký",
            12,
            "Bắt buộc. Chọn trong danh sách. Nâng hạng sao và đánh giá lại: ghi cả số sao, "
            "số và ngày cấp giấy chứng nhận.",
            aliases=("Hình thức", "Loại đăng ký"),
        ),
        _col(
            "current_stars",
            "Số sao hiện có",
            8,
            "Với nâng hạng sao, đánh giá lại: số sao trên giấy chứng nhận (3, 4, 5).",
            "int",
            aliases=("Số sao", "Hạng sao hiện có", "Hạng sao"),
        ),
        _col(
            "certificate_no",
            "Số giấy chứng nhận",
            13,
            "Với nâng hạng sao, đánh giá lại: số giấy chứng nhận OCOP.",
            aliases=("Số GCN", "Số giấy chứng nhận OCOP", "Số quyết định"),
        ),
        _col(
            "certificate_date",
            "Ngày cấp giấy chứng nhận",
            12,
            "Với nâng hạng sao, đánh giá lại: ngày cấp, dạng ngày/tháng/năm (dd/mm/yyyy).",
            "date",
            aliases=("Ngày cấp", "Ngày cấp GCN", "Ngày cấp giấy chứng nhận OCOP"),
        ),
        _col(
            "support",
            "Nội dung đề nghị hỗ trợ",
            18,
            "Chọn trong danh sách; nhiều nội dung thì ghi các mã cách nhau bởi dấu phẩy, "
            "ví dụ: CBCL, BAOBI.",
            aliases=("Đề nghị hỗ trợ", "Nội dung hỗ trợ", "Hỗ trợ"),
            wrap=True,
        ),
        _col("notes", "Ghi chú", 14, "Không bắt buộc.", aliases=("Ghi chú khác",), wrap=True),
    ),
)

# The commune's own part (QĐ 26/2026/QĐ-TTg, Điều 7.2 and Mẫu số 03; QĐ 1489): when the plan's
# route has a commune pre-check, the template carries the commune People's Committee's
# assessment of four contents of each dossier after the registration columns, and the
# consolidation reads it into the master's Kiểm tra của xã. Headers match the master's.
PRECHECK_HEADER_FILL = "C6E0B4"  # green: the commune's part, not the producer's
_VERDICT = "Phần của UBND xã: chọn Đạt hoặc Không đạt sau khi đánh giá "
PRECHECK_COLUMNS = (
    _col(
        "origin",
        "Xã đánh giá: Nguồn gốc sản phẩm, nguyên liệu địa phương",
        18,
        _VERDICT + "nguồn gốc sản phẩm và việc sử dụng nguyên liệu địa phương.",
        aliases=(
            "Nguồn gốc sản phẩm, nguyên liệu địa phương",
            "Nguồn gốc sản phẩm/nguyên liệu địa phương",
            "Sử dụng nguyên liệu địa phương",
        ),
        wrap=True,
    ),
    _col(
        "labour",
        "Xã đánh giá: Sử dụng lao động địa phương",
        16,
        _VERDICT + "việc sử dụng lao động địa phương.",
        aliases=("Sử dụng lao động địa phương",),
        wrap=True,
    ),
    _col(
        "idea",
        "Xã đánh giá: Nguồn gốc ý tưởng sản phẩm",
        16,
        _VERDICT + "nguồn gốc ý tưởng sản phẩm (truyền thống, sản phẩm mới).",
        aliases=("Nguồn gốc ý tưởng sản phẩm",),
        wrap=True,
    ),
    _col(
        "identity",
        "Xã đánh giá: Bản sắc, trí tuệ địa phương",
        16,
        _VERDICT + "bản sắc, trí tuệ địa phương (giá trị văn hóa, tri thức bản địa, "
        "phương thức sản xuất đặc trưng).",
        aliases=("Bản sắc, trí tuệ địa phương", "Bản sắc/trí tuệ địa phương"),
        wrap=True,
    ),
    _col(
        "precheck_report",
        "Báo cáo đánh giá của UBND xã (số, ngày)",
        22,
        "Phần của UBND xã: số và ngày Báo cáo đánh giá của UBND xã, ví dụ: 12/BC-UBND ngày "
        "05/8/2025.",
        aliases=("Báo cáo đánh giá của UBND xã", "Số, ngày báo cáo của xã"),
        wrap=True,
    ),
)
PRECHECK_KEYS = tuple(c.key for c in PRECHECK_COLUMNS)
COMMUNE_TABLE_WITH_PRECHECK = replace(
    COMMUNE_TABLE, columns=COMMUNE_TABLE.columns + PRECHECK_COLUMNS
)


def commune_table(pre_check: bool) -> TableSheet:
    """The registration table of the commune template: with the commune's pre-check part
    when the plan's route has one."""
    return COMMUNE_TABLE_WITH_PRECHECK if pre_check else COMMUNE_TABLE
