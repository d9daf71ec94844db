"""The registration of one product, declared once: every field a commune's form and the
master's Đăng ký hold, in their column order, with its header, type and rules.

Everything else is derived from ``REGISTRATION``: the fields a commune fills in
(``vocab.FIELDS``), the required ones, the columns of Đăng ký and of the commune template
(``workbook.layout.submissions``, which adds only widths and wrapping), which template
columns keep numbers as text, and a product's Đăng ký row (``Product.to_row`` and
``Product.from_row``). tests/integration/test_registration_schema.py checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["text", "int", "date"]


@dataclass(frozen=True)
class Field:
    key: str  # the Product attribute, the DataFrame column and the layout key
    header: str  # the header on Đăng ký (and on the form, unless ``form_header``)
    kind: FieldKind = "text"
    required: bool = False  # a commune's row without it is an error
    # Digits written as text (a phone's or tax number's leading 0 must stay): the form's
    # column is formatted as text, so Excel does not turn them into a number.
    numeric_text: bool = False
    prefilled: bool = False  # the template fills it in: it does not make a row "filled"
    on_form: bool = True  # a column of the commune template
    on_register: bool = True  # a column of Đăng ký
    form_header: str = ""  # the form's header, when it is not ``header``
    note: str = ""  # the form's input message and its line in the guide
    aliases: tuple[str, ...] = ()  # other headers a commune's file may have for it

    @property
    def form_label(self) -> str:
        return self.form_header or self.header


def _register_only(key: str, header: str, kind: FieldKind = "text") -> Field:
    return Field(key, header, kind, on_form=False)


# Other areas read product_id, commune_code, commune, product_name, group_code, producer,
# kind, current_stars and support from Đăng ký: keep these keys stable.
REGISTRATION: tuple[Field, ...] = (
    Field(
        "seq",
        "STT",
        "int",
        prefilled=True,
        on_register=False,
        note="Số thứ tự (không bắt buộc).",
        aliases=("Số TT", "TT"),
    ),
    _register_only("product_id", "Mã sản phẩm"),
    _register_only("commune_code", "Mã xã"),
    Field(
        "commune",
        "Xã, thị trấn",
        prefilled=True,
        note="Đã ghi sẵn tên xã; không sửa.",
        aliases=("Xã", "Tên xã", "Xã/thị trấn", "Đơn vị"),
    ),
    Field(
        "product_name",
        "Tên sản phẩm",
        required=True,
        note="Bắt buộc. Tên sản phẩm như ghi trên nhãn, ví dụ: Mật ong hoa nhãn.",
        aliases=("Tên SP", "Sản phẩm", "Tên sản phẩm OCOP", "Tên sản phẩm đăng ký"),
    ),
    Field(
        "group_code",
        "Mã nhóm sản phẩm",
        required=True,
        form_header="Nhóm sản phẩm",  # the form's cell holds "code - name"
        note="Bắt buộc. Chọn phân nhóm trong danh sách (mã - tên), theo bộ tiêu chí OCOP.",
        aliases=("Mã nhóm sản phẩm", "Nhóm", "Mã nhóm", "Nhóm, phân nhóm"),
    ),
    _register_only("group_name", "Nhóm sản phẩm"),
    Field(
        "producer",
        "Tên chủ thể",
        required=True,
        note="Bắt buộc. Tên HTX, tổ hợp tác, doanh nghiệp, trang trại hoặc hộ sản xuất.",
        aliases=("Chủ thể", "Tên cơ sở", "Cơ sở sản xuất", "Tên chủ thể sản xuất"),
    ),
    Field(
        "producer_type",
        "Loại hình chủ thể",
        required=True,
        note="Bắt buộc. Chọn trong danh sách.",
        aliases=("Loại hình", "Loại chủ thể", "Hình thức tổ chức"),
    ),
    Field(
        "tax_id",
        "Mã số thuế / ĐKKD",
        numeric_text=True,
        note="HTX, doanh nghiệp: mã số thuế 10 chữ số (chi nhánh: 10 chữ số-3 chữ số). Hộ kinh "
        "doanh: số định danh cá nhân 12 chữ số của chủ hộ (hoặc mã số thuế đã cấp). Tổ hợp "
        "tác, trang trại: ghi nếu có.",
        aliases=("Mã số thuế", "MST", "Số ĐKKD", "Mã số doanh nghiệp", "MST/ĐKKD"),
    ),
    Field(
        "representative",
        "Người đại diện",
        required=True,
        note="Bắt buộc. Họ và tên người đại diện của chủ thể.",
        aliases=("Đại diện", "Người đại diện theo pháp luật", "Họ tên người đại diện"),
    ),
    Field(
        "phone",
        "Điện thoại",
        required=True,
        numeric_text=True,
        note="Bắt buộc. Số di động 10 chữ số bắt đầu bằng 0, hoặc số cố định gồm mã vùng "
        "(ví dụ 0220 3712 345); được viết có dấu cách, dấu chấm.",
        aliases=("Số điện thoại", "SĐT", "Điện thoại liên hệ", "ĐT"),
    ),
    Field(
        "address",
        "Địa chỉ (thôn, xóm)",
        required=True,
        note="Bắt buộc. Thôn, xóm nơi sản xuất.",
        aliases=("Địa chỉ", "Thôn, xóm", "Thôn/xóm"),
    ),
    Field(
        "kind",
        "Hình thức đăng ký",
        required=True,
        note="Bắt buộc. Chọn trong danh sách. Nâng hạng sao và đánh giá lại: ghi cả số sao, "
        "số và ngày cấp giấy chứng nhận.",
        aliases=("Hình thức", "Loại đăng ký"),
    ),
    Field(
        "current_stars",
        "Số sao hiện có",
        "int",
        note="Với nâng hạng sao, đánh giá lại: số sao trên giấy chứng nhận (3, 4, 5).",
        aliases=("Số sao", "Hạng sao hiện có", "Hạng sao"),
    ),
    Field(
        "certificate_no",
        "Số giấy chứng nhận",
        numeric_text=True,
        note="Với nâng hạng sao, đánh giá lại: số giấy chứng nhận OCOP.",
        aliases=("Số GCN", "Số giấy chứng nhận OCOP", "Số quyết định"),
    ),
    Field(
        "certificate_date",
        "Ngày cấp giấy chứng nhận",
        "date",
        note="Với nâng hạng sao, đánh giá lại: ngày cấp, dạng ngày/tháng/năm (dd/mm/yyyy).",
        aliases=("Ngày cấp", "Ngày cấp GCN", "Ngày cấp giấy chứng nhận OCOP"),
    ),
    Field(
        "support",
        "Nội dung đề nghị hỗ trợ",
        note="Chọn trong danh sách; nhiều nội dung thì ghi các mã cách nhau bởi dấu phẩy, "
        "ví dụ: CBCL, BAOBI.",
        aliases=("Đề nghị hỗ trợ", "Nội dung hỗ trợ", "Hỗ trợ"),
    ),
    Field("notes", "Ghi chú", note="Không bắt buộc.", aliases=("Ghi chú khác",)),
    # Where a consolidated row was read from (blank for a row the office typed).
    _register_only("source_file", "Tệp nguồn"),
    _register_only("source_sheet", "Trang nguồn"),
    _register_only("source_row", "Dòng nguồn", "int"),
)

FORM_FIELDS: tuple[Field, ...] = tuple(f for f in REGISTRATION if f.on_form)
REGISTER_FIELDS: tuple[Field, ...] = tuple(f for f in REGISTRATION if f.on_register)
