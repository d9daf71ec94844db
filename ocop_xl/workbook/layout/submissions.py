"""Đăng ký: the consolidated list of registered products, one row per product; and the
commune template (the workbook each commune fills in), declared the same way."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from ocop_xl.domain.submissions.schema import FORM_FIELDS, REGISTER_FIELDS, Field
from ocop_xl.workbook.layout.spec import Column, Kind, TableSheet


# How each registration field looks (``schema.REGISTRATION`` declares the fields, their
# headers, types and order): its width on Đăng ký and on the commune form (None: not a
# column there) and whether its text wraps there.
class Look(NamedTuple):
    register: float | None
    form: float | None
    wrap_register: bool = False
    wrap_form: bool = False


LOOKS: dict[str, Look] = {
    "seq": Look(None, 5),
    "product_id": Look(20, None),
    "commune_code": Look(12, None),
    "commune": Look(18, 11),
    "product_name": Look(32, 20, True, True),
    "group_code": Look(12, 20, False, True),
    "group_name": Look(26, None, True),
    "producer": Look(30, 20, True, True),
    "producer_type": Look(18, 13),
    "tax_id": Look(16, 15),
    "representative": Look(20, 15),
    "phone": Look(14, 13),
    "address": Look(22, 15),
    "kind": Look(16, 12),
    "current_stars": Look(10, 8),
    "certificate_no": Look(16, 13),
    "certificate_date": Look(14, 12),
    "support": Look(28, 18, True, True),
    "notes": Look(24, 14, True, True),
    "source_file": Look(30, None),
    "source_sheet": Look(16, None),
    "source_row": Look(10, None),
}


def _width(width: float | None, key: str, table: str) -> float:
    if width is None:
        raise RuntimeError(f"registration field {key!r} has no width on {table}")
    return width


def _register_column(f: Field) -> Column:
    look = LOOKS[f.key]
    return Column(
        f.key, f.header, _width(look.register, f.key, "Đăng ký"), f.kind, wrap=look.wrap_register
    )


def _form_column(f: Field) -> Column:
    look = LOOKS[f.key]
    return Column(
        f.key,
        f.form_label,
        _width(look.form, f.key, "the commune form"),
        f.kind,
        required=f.required,
        note=f.note,
        aliases=f.aliases,
        wrap=look.wrap_form,
    )


REGISTRATIONS_TABLE = TableSheet(
    name="registrations",
    sheet="Đăng ký",
    table="tblDangKy",
    role="output",
    key="product_id",
    typed_rows=True,  # the office types products here by hand too (issue 14)
    tab_color="548235",
    columns=tuple(_register_column(f) for f in REGISTER_FIELDS),
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
    return Column(key, header, width, kind, note=note, aliases=aliases, wrap=wrap)


COMMUNE_TABLE = TableSheet(
    name="commune_registrations",
    sheet=TEMPLATE_SHEET,
    table="tblDangKySanPham",
    role="input",
    anchor=f"A{TEMPLATE_TITLE_ROWS + 1}",
    tab_color="548235",
    columns=tuple(_form_column(f) for f in FORM_FIELDS),
)
# The form's columns formatted as text, so digits keep their leading 0.
FORM_TEXT_COLUMNS: frozenset[str] = frozenset(f.key for f in FORM_FIELDS if f.numeric_text)

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
