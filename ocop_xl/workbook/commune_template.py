"""The workbook each commune fills in: one registration table with dropdowns and input
messages, a guide, the lists the dropdowns draw from, and a hidden, protected metadata
sheet that tells the consolidation which template, plan and commune the file belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlBook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl import __version__
from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.precheck import FAIL, PASS
from ocop_xl.domain.profile import Commune, Profile
from ocop_xl.domain.submissions.fields import Groups, SupportItems
from ocop_xl.domain.submissions.vocab import (
    KINDS,
    PRODUCER_TYPES,
    STAR_CHOICES,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
)
from ocop_xl.domain.text import slug
from ocop_xl.domain.vnformat import place_date_line
from ocop_xl.workbook.atomic import atomic_save
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE,
    COMMUNE_TABLE_WITH_PRECHECK,
    FORM_TEXT_COLUMNS,
    GUIDE_SHEET,
    LISTS_SHEET,
    META_SHEET,
    PRECHECK_COLUMNS,
    PRECHECK_HEADER_FILL,
    PRECHECK_KEYS,
    TEMPLATE_BLANK_ROWS,
    TEMPLATE_CONFIRMATION,
    TEMPLATE_SHEET,
    commune_table,
)
from ocop_xl.workbook.table.cells import put

REQUIRED_FILL = PatternFill("solid", start_color="F4B183")
OPTIONAL_FILL = PatternFill("solid", start_color="DDEBF7")
PRECHECK_FILL = PatternFill("solid", start_color=PRECHECK_HEADER_FILL)
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
VALIDATED_ROWS = 500  # dropdowns and input messages reach this many rows below the header
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")

# Lists sheet: (defined name, header, column letter).
LISTS = {
    "group_code": ("ds_nhom_san_pham", "Nhóm sản phẩm (mã - tên)", "A"),
    "producer_type": ("ds_loai_hinh_chu_the", "Loại hình chủ thể", "B"),
    "kind": ("ds_hinh_thuc_dang_ky", "Hình thức đăng ký", "C"),
    "current_stars": ("ds_so_sao", "Số sao", "D"),
    "support": ("ds_noi_dung_ho_tro", "Nội dung hỗ trợ (mã - tên)", "E"),
    "verdict": ("ds_ket_qua_danh_gia", "Kết quả đánh giá của xã", "F"),
}
# The columns each list feeds (the commune's four verdicts share one list).
LIST_OF: dict[str, str] = {key: key for key in LISTS if key != "verdict"}
LIST_OF.update({key: "verdict" for key in PRECHECK_KEYS if key != "precheck_report"})


def pre_checks(profile: Profile) -> bool:
    """Whether the plan's route has a commune pre-check (the template then carries it)."""
    return profile.route.pre_check_level is not None


def template_file_name(profile: Profile, commune: Commune) -> str:
    """'dang-ky-ocop-2023-ha-ky.xlsx'; the code is added when two communes share a name."""
    base = slug(commune.name)
    if sum(1 for c in profile.communes if slug(c.name) == base) > 1:
        base = f"{base}-{slug(commune.code)}"
    return f"dang-ky-ocop-{profile.year}-{base}.xlsx"


def list_values(profile: Profile, criteria: CriteriaSet) -> dict[str, list[Any]]:
    return {
        "group_code": [Groups.label(g.code, g.name) for g in criteria.leaf_groups()],
        "producer_type": list(PRODUCER_TYPES),
        "kind": list(KINDS),
        "current_stars": list(STAR_CHOICES),
        "support": [
            SupportItems.label(i.code, i.name) for i in profile.support_items if i.per_product
        ],
        "verdict": [PASS, FAIL],
    }


def metadata(profile: Profile, criteria: CriteriaSet, commune: Commune, today: date) -> dict:
    return {
        "template_id": TEMPLATE_ID,
        "template_version": TEMPLATE_VERSION,
        "template_title": "Phiếu đăng ký sản phẩm OCOP",
        "profile_id": profile.id,
        "year": str(profile.year),
        "criteria_set": criteria.code,
        "commune_code": commune.code,
        "commune_name": commune.full_name,
        "created": today.strftime("%d/%m/%Y"),
        "generator": f"ocop_xl {__version__}",
    }


def build_template(
    profile: Profile, criteria: CriteriaSet, commune: Commune, today: date
) -> OpenpyxlBook:
    book = OpenpyxlBook()
    ws = book.active
    ws.title = TEMPLATE_SHEET
    lists = list_values(profile, criteria)
    if not pre_checks(profile):
        del lists["verdict"]
    _registration_sheet(ws, profile, commune)
    _guide_sheet(book.create_sheet(GUIDE_SHEET), profile, criteria, commune)
    _lists_sheet(book, book.create_sheet(LISTS_SHEET), lists)
    _meta_sheet(book.create_sheet(META_SHEET), metadata(profile, criteria, commune, today))
    book.active = 0
    return book


def write_template(
    path: Path, profile: Profile, criteria: CriteriaSet, commune: Commune, today: date
) -> Path:
    book = build_template(profile, criteria, commune, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_save(path, book.save)
    return path


def deadline_line(profile: Profile) -> str:
    """'Hạn nộp về Phòng Nông nghiệp và PTNT: 31/03/2023. Cán bộ đầu mối: …' from Cấu hình;
    each part left out when unset."""
    parts = []
    if profile.submission_deadline is not None:
        parts.append(
            f"Hạn nộp về {profile.unit.standing_office}: "
            f"{profile.submission_deadline.strftime('%d/%m/%Y')}."
        )
    if profile.contact:
        parts.append(f"Cán bộ đầu mối: {profile.contact}.")
    return " ".join(parts)


def _registration_sheet(ws: Worksheet, profile: Profile, commune: Commune) -> None:
    spec = commune_table(pre_checks(profile))
    header_row = spec.header_row
    last_col = spec.first_col + len(spec.columns) - 1
    last = get_column_letter(last_col)
    guide = (
        "Cột tiêu đề màu cam là bắt buộc. Mỗi sản phẩm một dòng. Không đổi tên, không thêm "
        "hoặc xóa cột. Xem trang “Hướng dẫn”."
    )
    if spec is COMMUNE_TABLE_WITH_PRECHECK:
        guide += " Các cột tiêu đề màu xanh lá là phần đánh giá của UBND xã."
    lines = [
        (
            f"PHIẾU ĐĂNG KÝ SẢN PHẨM THAM GIA CHƯƠNG TRÌNH OCOP NĂM {profile.year}",
            Font(bold=True, size=14),
        ),
        (
            f"{commune.full_name}, {profile.unit.name}, {profile.unit.province}",
            Font(bold=True, size=12),
        ),
        (" ".join(t for t in (deadline_line(profile), guide) if t), Font(italic=True)),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.row_dimensions[1].height = 22
    ws.row_dimensions[3].height = 32  # two lines: deadline and contact, then the guide
    for offset, col in enumerate(spec.columns):
        cell = ws.cell(header_row, spec.first_col + offset, col.header)
        cell.font, cell.alignment = HEADER_FONT, HEADER_ALIGN
        if col.key in PRECHECK_KEYS:
            cell.fill = PRECHECK_FILL
        else:
            cell.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        cell.border = BOX
        letter = get_column_letter(spec.first_col + offset)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        if col.kind == "date":
            dim.number_format = "dd/mm/yyyy"
        elif col.key in FORM_TEXT_COLUMNS:
            dim.number_format = "@"  # text keeps the leading 0 of phone and tax numbers
    ws.row_dimensions[header_row].height = 62  # headers of up to four lines, never cut
    for i in range(TEMPLATE_BLANK_ROWS):
        row = header_row + 1 + i
        ws.cell(row, spec.first_col + spec.keys.index("seq"), i + 1)
        put(ws, row, spec.first_col + spec.keys.index("commune"), commune.name)
        for index in range(spec.first_col, last_col + 1):
            ws.cell(row, index).border = BOX
            ws.cell(row, index).alignment = WRAP
    table = Table(
        displayName=spec.table, ref=f"{spec.anchor}:{last}{header_row + TEMPLATE_BLANK_ROWS}"
    )
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    _validations(ws, spec)
    end = _confirmation(ws, profile, commune, header_row + TEMPLATE_BLANK_ROWS + 2, last_col)
    ws.freeze_panes = ws.cell(header_row + 1, spec.first_col + spec.keys.index("product_name") + 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last}{end}"
    ws.oddFooter.center.text = "Trang &P/&N"
    if spec.tab_color:
        ws.sheet_properties.tabColor = spec.tab_color


def _confirmation(ws: Worksheet, profile: Profile, commune: Commune, row: int, ncols: int) -> int:
    """The commune's confirmation under the form, and the signatures: who made the list
    (left) and the commune's chair (right). Returns the last row used."""
    upper = commune.full_name.upper()
    block = [
        (row, 1, ncols, f"{TEMPLATE_CONFIRMATION} {upper}", Font(bold=True, size=12), "left"),
        (
            row + 1,
            1,
            ncols,
            f"Ủy ban nhân dân {commune.full_name} xác nhận các sản phẩm kê khai trên do các chủ "
            f"thể trên địa bàn sản xuất, kinh doanh, thông tin kê khai là đúng và đề nghị "
            f"{profile.unit.standing_office} {profile.unit.name} xem xét, tổng hợp tham gia "
            f"Chương trình OCOP năm {profile.year}.",
            Font(size=11),
            "left",
        ),
    ]
    split = max(2, ncols // 2)
    signers = [
        ("", place_date_line(commune.name, None), Font(italic=True, size=11)),
        ("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", Font(bold=True, size=12)),
        ("", "CHỦ TỊCH", Font(bold=True, size=12)),
        ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu, ghi rõ họ tên)", Font(italic=True, size=11)),
    ]
    for i, (left, right, font) in enumerate(signers, start=row + 3):
        block.append((i, 1, split, left, font, "center"))
        block.append((i, split + 1, ncols, right, font, "center"))
    for r, first, end, text, font, align in block:
        cell = ws.cell(r, first, text or None)
        cell.font = font
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=end)
    ws.row_dimensions[row + 1].height = 32
    return row + 3 + len(signers) + 4  # room for the signatures


def _validations(ws: Worksheet, spec: TableSheet) -> None:
    first, last = spec.header_row + 1, spec.header_row + VALIDATED_ROWS
    for col in spec.columns:
        listed = LISTS.get(LIST_OF.get(col.key, ""))
        dv = DataValidation(
            type="list" if listed else None,
            formula1=f"={listed[0]}" if listed else None,
            allow_blank=True,
            # Several support codes in one cell are allowed, so that list only warns.
            showErrorMessage=bool(listed),
            errorStyle="information" if col.key == "support" else "warning",
            errorTitle="Giá trị ngoài danh sách",
            error="Giá trị này không có trong danh sách chọn. Xem trang “Hướng dẫn”.",
            showInputMessage=True,
            promptTitle=col.header[:32],
            prompt=col.note[:255],
        )
        dv.add(f"{spec.letter(col.key)}{first}:{spec.letter(col.key)}{last}")
        ws.add_data_validation(dv)


def _lists_sheet(book: OpenpyxlBook, ws: Worksheet, lists: Mapping[str, list[Any]]) -> None:
    for key, (name, header, letter) in LISTS.items():
        if key not in lists:
            continue
        values = lists[key]
        ws[f"{letter}1"] = header
        ws[f"{letter}1"].font = HEADER_FONT
        ws.column_dimensions[letter].width = 48 if key in ("group_code", "support") else 22
        for i, value in enumerate(values, start=2):
            put(ws, i, ws[f"{letter}1"].column, value)
        ref = f"'{ws.title}'!${letter}$2:${letter}${max(len(values) + 1, 2)}"
        book.defined_names[name] = DefinedName(name, attr_text=ref)
    ws.protection.sheet = True  # readable, not editable: the dropdowns depend on it


def _meta_sheet(ws: Worksheet, values: Mapping[str, str]) -> None:
    ws["A1"], ws["B1"] = "key", "value"
    for row, (key, value) in enumerate(values.items(), start=2):
        put(ws, row, 1, key)
        put(ws, row, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _guide_lines(
    profile: Profile, criteria: CriteriaSet, commune: Commune
) -> Iterable[tuple[str, str]]:
    yield ("HƯỚNG DẪN ĐIỀN PHIẾU ĐĂNG KÝ SẢN PHẨM OCOP", "")
    yield (f"{commune.full_name}, {profile.unit.name}, năm {profile.year}", "")
    yield ("", "")
    yield ("1.", f"Điền trang “{TEMPLATE_SHEET}”: mỗi sản phẩm một dòng, bắt đầu từ dòng 1.")
    yield ("2.", "Các cột có tiêu đề màu cam là bắt buộc. Chọn giá trị trong danh sách khi có.")
    yield ("3.", "Không đổi tên cột, không thêm hoặc xóa cột, không đổi tên trang tính.")
    yield (
        "4.",
        "Không đặt mật khẩu cho tệp. Lưu tệp dạng .xlsx rồi gửi lại cho "
        f"{profile.unit.standing_office} {profile.unit.name}.",
    )
    yield (
        "5.",
        "Nâng hạng sao hoặc đánh giá lại: ghi số sao hiện có, số và ngày cấp giấy chứng nhận "
        f"(giấy chứng nhận có hiệu lực {profile.certificate_validity_months} tháng).",
    )
    checked = pre_checks(profile)
    if checked:
        yield (
            "6.",
            "Các cột tiêu đề màu xanh lá là phần của UBND xã: sau khi tiếp nhận hồ sơ, UBND "
            "xã đánh giá bốn nội dung của từng sản phẩm (Báo cáo đánh giá; theo Quyết định "
            "26/2026/QĐ-TTg là Mẫu số 03) và "
            "chọn Đạt hoặc Không đạt cho từng nội dung, ghi số và ngày báo cáo. Sản phẩm chưa "
            "có đủ bốn kết quả thì chưa được chấm điểm ở cấp tỉnh; sản phẩm có nội dung Không "
            "đạt thì không đủ điều kiện.",
        )
    yield ("", "")
    yield ("CÁC CỘT", "")
    for col in commune_table(checked).columns:
        yield (col.header, col.note)
    yield ("", "")
    yield ("LOẠI HÌNH CHỦ THỂ", ", ".join(PRODUCER_TYPES))
    yield ("HÌNH THỨC ĐĂNG KÝ", ", ".join(KINDS))
    yield ("", "")
    yield (f"NHÓM SẢN PHẨM ({criteria.decision})", "")
    leaves = {g.code for g in criteria.leaf_groups()}
    for g in criteria.groups:
        indent = "    " * (g.level - 1)
        yield (indent + g.code, g.name + ("" if g.code in leaves else " (nhóm lớn)"))
    yield ("", "")
    yield ("NỘI DUNG ĐỀ NGHỊ HỖ TRỢ", "Ghi mã; nhiều nội dung cách nhau bởi dấu phẩy.")
    for item in profile.support_items:
        if item.per_product:
            yield (item.code, item.name)
    yield ("", "")
    yield ("Nơi nhận hồ sơ", f"{profile.unit.standing_office} {profile.unit.name}")
    if profile.submission_deadline is not None:
        yield ("Hạn nộp", profile.submission_deadline.strftime("%d/%m/%Y"))
    if profile.contact:
        yield ("Cán bộ đầu mối", profile.contact)


def _guide_sheet(ws: Worksheet, profile: Profile, criteria: CriteriaSet, commune: Commune) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    for row, (left, right) in enumerate(_guide_lines(profile, criteria, commune), start=1):
        a = put(ws, row, 1, left)
        put(ws, row, 2, right)
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        if left.isupper() or row == 1:
            a.font = HEADER_FONT


def _spec_of(ws: Worksheet) -> TableSheet:
    """The table a template's sheet holds: with the commune's pre-check part or without."""
    first = COMMUNE_TABLE.first_col + len(COMMUNE_TABLE.columns)
    header = ws.cell(COMMUNE_TABLE.header_row, first).value
    return COMMUNE_TABLE_WITH_PRECHECK if header == PRECHECK_COLUMNS[0].header else COMMUNE_TABLE


def fill_rows(ws: Worksheet, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write registration rows into a template's table (for the demo, tests and the
    benchmark, standing in for a commune typing them), growing the table if needed. The
    commune's pre-check values go in its own columns when the template has them."""
    spec = _spec_of(ws)
    start = spec.header_row + 1
    for i, values in enumerate(rows):
        row = start + i
        ws.cell(row, spec.first_col, i + 1)
        for key, value in values.items():
            put(ws, row, spec.first_col + spec.keys.index(key), value)
    table = ws.tables[spec.table]
    last_row = max(spec.header_row + TEMPLATE_BLANK_ROWS, spec.header_row + len(rows))
    end = table.ref.split(":")[1]
    letters = "".join(ch for ch in end if ch.isalpha())
    table.ref = f"{spec.anchor}:{letters}{last_row}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def write_filled(
    path: Path,
    profile: Profile,
    criteria: CriteriaSet,
    commune: Commune,
    rows: list[Mapping[str, Any]],
    today: date,
) -> Path:
    """A commune's template with ``rows`` typed in (sample data, tests, the benchmark)."""
    book = build_template(profile, criteria, commune, today)
    fill_rows(book[TEMPLATE_SHEET], rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
