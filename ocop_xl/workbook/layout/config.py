"""Configuration sheets: the plan profile as tables the office edits in Excel."""

from __future__ import annotations

from dataclasses import dataclass

from ocop_xl.domain.profile import COUNCIL_ROLES
from ocop_xl.domain.routes import LEVEL_VI
from ocop_xl.domain.targets import RULE_LABELS
from ocop_xl.workbook.layout.spec import YES_NO, Column, TableSheet

CONFIG_TAB = "1F4E79"

SETTINGS_TABLE = TableSheet(
    name="settings",
    sheet="Cấu hình",
    table="tblCauHinh",
    role="config",
    key="key",
    tab_color=CONFIG_TAB,
    columns=(
        Column("label", "Tham số", 46, wrap=True),
        Column("value", "Giá trị", 52, required=True, wrap=True),
        Column("note", "Ghi chú", 46, wrap=True),
        Column("key", "Mã tham số", 24, required=True, note="Mã cố định, không sửa."),
    ),
)


@dataclass(frozen=True)
class Setting:
    """One row of the Cấu hình sheet: a scalar of the profile."""

    key: str
    label: str
    kind: str = "text"  # text | int | date | bool | fraction | choice
    choices: tuple[str, ...] = ()
    note: str = ""
    optional: bool = False  # may be blank; a master made before it existed may lack it


ROUNDING_LABELS = {"half_up": "Làm tròn lên từ 5", "half_even": "Làm tròn về số chẵn"}

SETTINGS: tuple[Setting, ...] = (
    Setting("profile_id", "Mã hồ sơ kế hoạch"),
    Setting("title", "Tên kế hoạch"),
    Setting("year", "Năm kế hoạch", "int"),
    Setting("unit_name", "Đơn vị hành chính"),
    Setting("province", "Tỉnh"),
    Setting("issuing_body", "Cơ quan ban hành văn bản", note="Viết hoa, như trên tiêu đề văn bản."),
    Setting("standing_office", "Cơ quan thường trực OCOP"),
    Setting(
        "place",
        "Địa danh ghi ngày tháng",
        note="Địa danh đứng trước “, ngày … tháng … năm …” trên văn bản.",
    ),
    Setting("criteria_set", "Bộ tiêu chí áp dụng", "choice"),
    Setting("communes_as_of", "Danh mục xã tính đến ngày", "date"),
    Setting("communes_source", "Căn cứ danh mục xã"),
    Setting(
        "number_words", "Đọc số 0 hàng chục khi viết số tiền bằng chữ", "choice", ("linh", "lẻ")
    ),
    Setting("certificate_validity_months", "Thời hạn giấy chứng nhận OCOP (tháng)", "int"),
    Setting(
        "certificate_pattern",
        "Mẫu số giấy chứng nhận",
        note="{seq:03d}: số thứ tự trong năm (001); {year}: năm; {province}, {unit}: mã tỉnh, "
        "mã đơn vị. Số đã cấp không bao giờ dùng lại.",
    ),
    Setting(
        "expiry_window_days",
        "Cảnh báo giấy chứng nhận sắp hết hạn trước (ngày)",
        "int",
        note="Sổ theo dõi OCOP báo các giấy chứng nhận hết hạn trong số ngày này. Để trống: 90.",
        optional=True,
    ),
    Setting(
        "expiry_urgent_days",
        "Cảnh báo khẩn trước (ngày)",
        "int",
        note="Giấy chứng nhận hết hạn trong số ngày này được đánh dấu Khẩn. Để trống: 30.",
        optional=True,
    ),
    Setting("province_code", "Mã tỉnh trên số giấy chứng nhận"),
    Setting("unit_code", "Mã đơn vị trên số giấy chứng nhận"),
    Setting("quorum", "Tỷ lệ thành viên hội đồng có mặt tối thiểu", "fraction", note="Ví dụ: 3/4"),
    Setting(
        "chair_required",
        "Bắt buộc người chủ trì cuộc họp có mặt",
        "bool",
        YES_NO,
        note="Người chủ trì: một thành viên có chức danh ở dòng “Chức danh được chủ trì”.",
    ),
    Setting(
        "presiders",
        "Chức danh được chủ trì cuộc họp",
        note="Các chức danh, cách nhau bởi dấu phẩy, theo thứ tự ưu tiên; "
        "ví dụ: Chủ tịch, Phó Chủ tịch.",
    ),
    Setting(
        "secretary_scores",
        "Thư ký hội đồng là thành viên chấm điểm",
        "bool",
        YES_NO,
        note="Có: thư ký chấm điểm và được tính vào số thành viên (theo quy chế của tỉnh).",
    ),
    Setting("spread_limit", "Chênh lệch điểm tối đa giữa các thành viên", "int"),
    Setting(
        "route",
        "Mã quy trình đánh giá, phân hạng",
        note="Các cấp và ngưỡng điểm của quy trình ở trang “Quy trình đánh giá”.",
    ),
    Setting("route_name", "Tên quy trình đánh giá, phân hạng"),
    Setting("route_decision", "Căn cứ của quy trình"),
    Setting("display_decimals", "Số chữ số thập phân khi hiển thị điểm", "int"),
    Setting(
        "rounding", "Cách làm tròn khi hiển thị điểm", "choice", tuple(ROUNDING_LABELS.values())
    ),
    Setting("sample_note", "Ghi chú về số liệu mẫu"),
    Setting(
        "as_of",
        "Ngày xét số liệu",
        "date",
        note="Ngày dùng để xét hạn giấy chứng nhận, ngày cấp, ngày hoạt động (dd/mm/yyyy). "
        "Để trống: ngày hôm nay, nhưng không quá ngày 31/12 của năm kế hoạch.",
        optional=True,
    ),
    Setting(
        "document_date",
        "Ngày ký văn bản",
        "date",
        note="Ngày ghi trên các văn bản in ra (dd/mm/yyyy). Để trống: văn bản in “ngày … "
        "tháng … năm …” để điền tay khi ký.",
        optional=True,
    ),
    Setting(
        "submission_deadline",
        "Hạn các xã nộp phiếu đăng ký",
        "date",
        note="In trên phiếu đăng ký gửi các xã (dd/mm/yyyy). Để trống: không in hạn nộp.",
        optional=True,
    ),
    Setting(
        "contact",
        "Cán bộ đầu mối (họ tên, điện thoại)",
        note="In trên phiếu đăng ký gửi các xã, để xã liên hệ khi cần.",
        optional=True,
    ),
    Setting(
        "preparer_name",
        "Họ tên người lập biểu",
        note="In dưới chữ ký “Người lập biểu” trên văn bản. Để trống: dòng chấm để ghi tay.",
        optional=True,
    ),
    Setting(
        "head_name",
        "Họ tên trưởng phòng (cơ quan thường trực)",
        note="In dưới chữ ký “Trưởng phòng” trên văn bản. Để trống: dòng chấm để ghi tay.",
        optional=True,
    ),
    Setting(
        "chair_name",
        "Họ tên Chủ tịch Ủy ban nhân dân",
        note="In dưới chữ ký “TM. Ủy ban nhân dân - Chủ tịch”. Để trống: dòng chấm để ghi tay.",
        optional=True,
    ),
)

COMMUNES_TABLE = TableSheet(
    name="communes",
    sheet="Danh mục xã",
    table="tblDanhMucXa",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã xã", 14, required=True, note="Mã ngắn, cố định; dùng trong tên tệp."),
        Column("name", "Tên xã, thị trấn", 26, required=True),
        Column("kind", "Loại đơn vị", 14, choices=("Xã", "Thị trấn", "Phường")),
        Column("note", "Ghi chú", 30),
    ),
)

DEPARTMENTS_TABLE = TableSheet(
    name="departments",
    sheet="Phòng ban",
    table="tblPhongBan",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã phòng ban", 14, required=True),
        Column("name", "Tên phòng ban, đơn vị", 36, required=True),
        Column("duty", "Nhiệm vụ chính", 70, wrap=True),
    ),
)

TASKS_TABLE = TableSheet(
    name="tasks",
    sheet="Nhiệm vụ",
    table="tblNhiemVu",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã nhiệm vụ", 12, required=True),
        Column("section", "Mục kế hoạch", 10),
        Column("title", "Nội dung nhiệm vụ", 60, required=True, wrap=True),
        Column(
            "lead",
            "Chủ trì",
            12,
            required=True,
            choices_from=("departments", "code"),
            note="Mã một phòng ban chủ trì.",
        ),
        Column(
            "coordinators",
            "Phối hợp",
            22,
            note="Mã các phòng ban phối hợp, cách nhau bởi dấu phẩy.",
        ),
        Column("deadline", "Thời hạn", 14),
        Column("output", "Sản phẩm đầu ra", 30, wrap=True),
    ),
)

TARGETS_TABLE = TableSheet(
    name="targets",
    sheet="Chỉ tiêu",
    table="tblChiTieu",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã chỉ tiêu", 12, required=True),
        Column("title", "Chỉ tiêu", 60, required=True, wrap=True),
        Column("minimum", "Tối thiểu", 10, "int", required=True),
        Column("stretch", "Phấn đấu", 10, "int"),
        Column("unit", "Đơn vị tính", 12),
        Column(
            "rule",
            "Cách tính",
            30,
            required=True,
            wrap=True,
            choices=tuple(RULE_LABELS.values()),
            note="Chọn cách đếm số thực hiện trong danh sách.",
        ),
        Column("params", "Tham số cách tính", 30, note="Các mã, cách nhau bởi dấu phẩy."),
    ),
)

SOURCES_TABLE = TableSheet(
    name="funding_sources",
    sheet="Nguồn vốn",
    table="tblNguonVon",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã nguồn", 10, required=True),
        Column("name", "Tên nguồn vốn", 50, required=True, wrap=True),
        Column("available", "Số tiền bố trí (đồng)", 20, "money", required=True),
        Column("warning_percent", "Ngưỡng cảnh báo (%)", 14, "int"),
        Column("sample", "Số liệu mẫu", 12, choices=YES_NO),
    ),
)

SUPPORT_ITEMS_TABLE = TableSheet(
    name="support_items",
    sheet="Danh mục hỗ trợ",
    table="tblDanhMucHoTro",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã nội dung", 12, required=True),
        Column("name", "Nội dung hỗ trợ", 46, required=True, wrap=True),
        Column("unit", "Đơn vị tính", 12),
        Column("cap_per_product", "Mức tối đa/sản phẩm (đồng)", 20, "money"),
        Column(
            "eligible_sources",
            "Nguồn được sử dụng",
            26,
            note="Mã nguồn vốn, cách nhau bởi dấu phẩy.",
        ),
        Column("per_product", "Hỗ trợ theo sản phẩm", 12, choices=YES_NO),
        Column("sample", "Số liệu mẫu", 12, choices=YES_NO),
    ),
)

COUNCIL_TABLE = TableSheet(
    name="council",
    sheet="Hội đồng",
    table="tblHoiDong",
    role="config",
    key="name",
    tab_color=CONFIG_TAB,
    columns=(
        Column("name", "Họ và tên", 26, required=True),
        Column("role", "Chức danh trong hội đồng", 18, required=True, choices=COUNCIL_ROLES),
        Column("unit", "Đơn vị công tác", 30),
        Column("present", "Có mặt", 10, choices=YES_NO),
        Column(
            "conflicts",
            "Xung đột lợi ích",
            30,
            wrap=True,
            note="Mã sản phẩm hoặc tên chủ thể mà thành viên không chấm, cách nhau bởi dấu phẩy.",
        ),
        Column("conflict_reason", "Lý do", 30, wrap=True),
    ),
)

ROUTE_TABLE = TableSheet(
    name="route",
    sheet="Quy trình đánh giá",
    table="tblQuyTrinh",
    role="config",
    key="level",
    tab_color=CONFIG_TAB,
    columns=(
        Column(
            "level",
            "Cấp",
            16,
            required=True,
            choices=tuple(LEVEL_VI.values()),
            note="Các cấp theo thứ tự từ xã lên trung ương; mỗi cấp một dòng.",
        ),
        Column("name", "Tên gọi trong văn bản", 26, required=True, note="Ví dụ: cấp tỉnh."),
        Column("body", "Cơ quan thực hiện", 40, wrap=True),
        Column(
            "pre_check",
            "Kiểm tra một phần hồ sơ",
            12,
            choices=YES_NO,
            note="Có: cấp này đánh giá một số nội dung của hồ sơ (QĐ 1489: cấp xã).",
        ),
        Column("scores", "Chấm điểm", 10, choices=YES_NO),
        Column("recognise_from", "Công nhận từ (sao)", 12, "int"),
        Column("recognise_to", "Công nhận đến (sao)", 12, "int"),
        Column(
            "forward_from",
            "Đề nghị lên cấp trên từ (điểm)",
            14,
            "int",
            note="Điểm trung bình tối thiểu để đề nghị cấp trên; 0: mọi sản phẩm; "
            "để trống ở cấp cuối.",
        ),
        Column(
            "office",
            "Cấp của tệp này",
            10,
            choices=YES_NO,
            note="Có: cấp mà văn phòng và hội đồng dùng tệp này làm việc (đúng một dòng).",
        ),
    ),
)

REQUIREMENTS_TABLE = TableSheet(
    name="requirements",
    sheet="Yêu cầu bắt buộc",
    table="tblYeuCauBatBuoc",
    role="config",
    key="code",
    tab_color=CONFIG_TAB,
    columns=(
        Column("code", "Mã yêu cầu", 14, required=True),
        Column("text", "Nội dung yêu cầu bắt buộc", 60, required=True, wrap=True),
        Column(
            "from_star",
            "Bắt buộc từ hạng (sao)",
            12,
            "int",
            required=True,
            note="Sản phẩm không đạt yêu cầu này chỉ được tối đa hạng sao liền dưới.",
        ),
        Column("sample", "Số liệu mẫu", 12, choices=YES_NO),
    ),
)

CONFIG_TABLES = (
    SETTINGS_TABLE,
    COMMUNES_TABLE,
    DEPARTMENTS_TABLE,
    TASKS_TABLE,
    TARGETS_TABLE,
    SOURCES_TABLE,
    SUPPORT_ITEMS_TABLE,
    COUNCIL_TABLE,
    ROUTE_TABLE,
    REQUIREMENTS_TABLE,
)
