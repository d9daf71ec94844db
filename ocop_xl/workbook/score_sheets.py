"""The scoring workbook of one council member: written with openpyxl, read back with
python-calamine.

Each workbook lists the products the member scores (not those the member is recused
from), shows the maxima in the headers and enforces them with data validation; only the
score cells are unlocked. A hidden information sheet says whose workbook it is and for
which plan, so a returned file is matched to its member whatever it is renamed to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlBook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl import __version__
from ocop_xl.domain.criteria import PARTS, CriteriaSet
from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import CouncilMember, Profile
from ocop_xl.domain.scoring import PART_KEYS, Criterion, Product, Row, applicable, exact_text
from ocop_xl.domain.scoring.documents import ROLE_TITLES
from ocop_xl.domain.text import clean, fold, is_blank, slug
from ocop_xl.workbook.atomic import atomic_save
from ocop_xl.workbook.layout.council import (
    MEMBER_CRITERIA_COLUMNS,
    MEMBER_CRITERIA_SHEET,
    MEMBER_INFO_SHEET,
    MEMBER_KIND,
    MEMBER_PARTS_COLUMNS,
    MEMBER_PARTS_SHEET,
)
from ocop_xl.workbook.layout.spec import NUMBER_FORMATS, Column
from ocop_xl.workbook.table.cells import put

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
FORMAT_VERSION = "1"
HEADER_ROW = 6
FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
MODE_PARTS, MODE_CRITERIA = "parts", "criteria"


# -- writing --------------------------------------------------------------------------------


def file_name(profile: Profile, member: CouncilMember, taken: set[str]) -> str:
    """'phieu-cham-diem-2023-nguyen-van-an.xlsx', numbered when two names fold alike."""
    base = f"phieu-cham-diem-{profile.year}-{slug(member.name) or 'thanh-vien'}"
    name, n = f"{base}.xlsx", 2
    while name in taken:
        name, n = f"{base}-{n}.xlsx", n + 1
    taken.add(name)
    return name


def write_member_workbook(
    path: Path,
    *,
    profile: Profile,
    criteria_set: CriteriaSet,
    member: CouncilMember,
    products: Sequence[Product],
    recused: Sequence[Product] = (),
    catalog: Sequence[Criterion] = (),
) -> None:
    """Write one member's workbook atomically (the caller refuses existing files)."""
    book = OpenpyxlBook()
    ws = book.active
    if catalog:
        ws.title = MEMBER_CRITERIA_SHEET
        _criteria_sheet(ws, profile, criteria_set, member, products, recused, catalog)
    else:
        ws.title = MEMBER_PARTS_SHEET
        _parts_sheet(ws, profile, criteria_set, member, products, recused)
    _info_sheet(book, profile, criteria_set, member, MODE_CRITERIA if catalog else MODE_PARTS)
    atomic_save(Path(path), book.save)


def part_title(criteria_set: CriteriaSet, part: str) -> str:
    """'Phần A - Sản phẩm và sức mạnh cộng đồng (tối đa 40 điểm)': a part as the score
    sheet heads its column (read back by its start, "Phần A")."""
    named = next((p.name for p in criteria_set.parts if p.code == part), "")
    name = f" - {named}" if named else ""
    return f"Phần {part}{name} (tối đa {criteria_set.part_max(part)} điểm)"


def _title_block(
    ws: Worksheet,
    profile: Profile,
    criteria_set: CriteriaSet,
    member: CouncilMember,
    recused: Sequence[Product],
    columns: Sequence[Column],
    guide: str,
) -> None:
    """The council's header (left) and the national one (right), the title "PHIẾU ĐÁNH
    GIÁ", whose sheet it is, the parts by name, and the guide: rows 1 to 5."""
    ncols = len(columns)
    last = get_column_letter(ncols)
    split = max(2, ncols // 2)
    council = f"HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP {profile.unit.name.upper()}"
    header = [
        (1, 1, split, council, True, False),
        (1, split + 1, ncols, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
        (2, split + 1, ncols, "Độc lập - Tự do - Hạnh phúc", True, False),
    ]
    for row, first, end, text, bold, italic in header:
        cell = ws.cell(row, first, text)
        cell.font = Font(name=FONT, bold=bold, italic=italic, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=end)
    ws.row_dimensions[1].height = 34
    unit = f", {member.unit}" if member.unit else ""
    parts = "; ".join(part_title(criteria_set, p) for p in PARTS)
    note = guide
    if recused:
        ids = ", ".join(f"{p.name} ({p.product_id})" for p in recused)
        note += f" Không chấm do xung đột lợi ích: {ids}."
    lines = [
        (3, f"PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP NĂM {profile.year}", True, 14, "center"),
        (
            4,
            f"Thành viên hội đồng: {member.name}, {ROLE_TITLES[member.role]}{unit}. "
            f"{criteria_set.name}: {parts}; tổng 100 điểm.",
            False,
            12,
            "left",
        ),
        (5, note, False, 11, "left"),
    ]
    for row, text, bold, size, align in lines:
        cell = ws.cell(row, 1, text)
        cell.font = Font(name=FONT, bold=bold, size=size)
        cell.alignment = Alignment(horizontal=align, wrap_text=True, vertical="center")
        ws.merge_cells(f"A{row}:{last}{row}")
        width = sum(c.width for c in columns)
        lines_needed = 1 + int(len(text) * 1.1 // max(width, 1))
        ws.row_dimensions[row].height = max(20, 16 * lines_needed + 4)


def _header(ws: Worksheet, columns: Sequence[Column], headers: Sequence[str]) -> None:
    for i, (col, text) in enumerate(zip(columns, headers, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, i, text)
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = f"A{HEADER_ROW + 1}"


def _body(
    ws: Worksheet, columns: Sequence[Column], records: Sequence[dict], inputs: set[str]
) -> None:
    for r, record in enumerate(records, start=HEADER_ROW + 1):
        for i, col in enumerate(columns, start=1):
            cell = put(ws, r, i, record.get(col.key))
            cell.font = Font(name=FONT, size=11)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=col.wrap)
            fmt = NUMBER_FORMATS.get(col.kind)
            if fmt and fmt != "@":
                cell.number_format = fmt
            if col.key in inputs:
                cell.fill = INPUT_FILL
                cell.protection = Protection(locked=False)


def _validation(ws: Worksheet, cells: Sequence[str], label: str, maximum: Any) -> None:
    top = exact_text(maximum)
    dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2=str(float(maximum)),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Điểm không hợp lệ",
        error=f"Điểm {label} phải là số từ 0 đến {top}.",
        showInputMessage=True,
        promptTitle=label[:32],
        prompt=f"Từ 0 đến {top} điểm. Để trống nếu chưa chấm.",
    )
    for block in cells:
        dv.add(block)
    ws.add_data_validation(dv)


def _blocks(letter: str, rows: Sequence[int]) -> list[str]:
    """Rows of one column as ranges of consecutive cells: [7, 8, 9, 12] → H7:H9, H12."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return [
        f"{letter}{run[0]}" if len(run) == 1 else f"{letter}{run[0]}:{letter}{run[-1]}"
        for run in runs
    ]


def _signature(ws: Worksheet, row: int, ncols: int, member: CouncilMember) -> None:
    first = max(1, ncols - 3)
    for offset, (text, bold, italic) in enumerate(
        [
            ("Ngày ….. tháng ….. năm ……", False, True),
            ("NGƯỜI CHẤM ĐIỂM", True, False),
            ("(Ký, ghi rõ họ tên)", False, True),
        ]
    ):
        cell = ws.cell(row + offset, first, text)
        cell.font = Font(name=FONT, bold=bold, italic=italic, size=12)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(
            start_row=row + offset, start_column=first, end_row=row + offset, end_column=ncols
        )
    cell = ws.cell(row + 6, first, member.name)
    cell.font = Font(name=FONT, bold=True, size=12)
    cell.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=row + 6, start_column=first, end_row=row + 6, end_column=ncols)


def _protect_and_print(ws: Worksheet, ncols: int, last_row: int) -> None:
    # Protection without a password: a guard against typing over product IDs and
    # formulas, not a secret. Column widths and row heights stay adjustable.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    ws.oddFooter.center.text = "Trang &P/&N"


def _parts_sheet(
    ws: Worksheet,
    profile: Profile,
    criteria_set: CriteriaSet,
    member: CouncilMember,
    products: Sequence[Product],
    recused: Sequence[Product],
) -> None:
    columns = MEMBER_PARTS_COLUMNS
    _title_block(
        ws,
        profile,
        criteria_set,
        member,
        recused,
        columns,
        "Nhập điểm vào các ô màu vàng (số thập phân dùng dấu phẩy, ví dụ 32,5); "
        "để trống sản phẩm chưa chấm; không sửa mã sản phẩm.",
    )
    headers = []
    for col in columns:
        part = next((p for p, key in PART_KEYS.items() if key == col.key), None)
        headers.append(part_title(criteria_set, part) if part else col.header)
    _header(ws, columns, headers)
    ws.row_dimensions[HEADER_ROW].height = 66  # the parts' names on three or four lines
    records = [
        {
            "product_id": p.product_id,
            "product_name": p.name,
            "commune": p.commune,
            "group_code": p.group_code,
        }
        for p in products
    ]
    inputs = {*PART_KEYS.values(), "note"}
    _body(ws, columns, records, inputs)
    first, last = HEADER_ROW + 1, HEADER_ROW + max(len(records), 1)
    keys = [c.key for c in columns]
    letters = {k: get_column_letter(i) for i, k in enumerate(keys, start=1)}
    for part, key in PART_KEYS.items():
        letter = letters[key]
        _validation(
            ws, [f"{letter}{first}:{letter}{last}"], f"phần {part}", criteria_set.part_max(part)
        )
    a, c, total = letters["part_a"], letters["part_c"], letters["total"]
    for r in range(first, first + len(records)):
        ws[f"{total}{r}"] = f'=IF(COUNT({a}{r}:{c}{r})=0,"",SUM({a}{r}:{c}{r}))'
    _signature(ws, last + 2, len(columns), member)
    _protect_and_print(ws, len(columns), last + 8)


def _criteria_sheet(
    ws: Worksheet,
    profile: Profile,
    criteria_set: CriteriaSet,
    member: CouncilMember,
    products: Sequence[Product],
    recused: Sequence[Product],
    catalog: Sequence[Criterion],
) -> None:
    columns = MEMBER_CRITERIA_COLUMNS
    _title_block(
        ws,
        profile,
        criteria_set,
        member,
        recused,
        columns,
        "Chấm từng tiêu chí vào ô màu vàng, từ 0 đến điểm tối đa của tiêu chí; tiêu chí "
        "bắt buộc chấm 0 điểm là không đạt. Không sửa mã sản phẩm, mã tiêu chí.",
    )
    _header(ws, columns, [c.header for c in columns])
    records = [
        {
            "product_id": p.product_id,
            "product_name": p.name,
            "criterion": c.code,
            "part": c.part,
            "text": c.text,
            "max_points": float(c.max_points),
        }
        for p in products
        for c in applicable(catalog, p.group_code)
    ]
    _body(ws, columns, records, {"points", "note"})
    keys = [c.key for c in columns]
    letter = get_column_letter(keys.index("points") + 1)
    by_max: dict[Any, list[int]] = {}
    for r, record in enumerate(records, start=HEADER_ROW + 1):
        by_max.setdefault(record["max_points"], []).append(r)
    for maximum, rows in by_max.items():
        _validation(ws, _blocks(letter, rows), "tiêu chí", maximum)
    last = HEADER_ROW + max(len(records), 1)
    _signature(ws, last + 2, len(columns), member)
    _protect_and_print(ws, len(columns), last + 8)


def _info_sheet(
    book: OpenpyxlBook,
    profile: Profile,
    criteria_set: CriteriaSet,
    member: CouncilMember,
    mode: str,
) -> None:
    ws = book.create_sheet(MEMBER_INFO_SHEET)
    rows = [
        ("kind", MEMBER_KIND),
        ("format", FORMAT_VERSION),
        ("version", __version__),
        ("profile_id", profile.id),
        ("year", profile.year),
        ("criteria_set", criteria_set.code),
        ("mode", mode),
        ("member", member.name),
        ("role", member.role),
        ("generated", datetime.now().replace(microsecond=0).isoformat(sep=" ")),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        put(ws, r, 1, key)
        put(ws, r, 2, value)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    ws.protection.sheet = True
    ws.sheet_state = "hidden"


# -- reading --------------------------------------------------------------------------------


@dataclass
class MemberWorkbook:
    """A returned scoring workbook: whose it is, and its rows of scores as typed."""

    file: str
    sha256: str
    info: dict[str, str]
    member_at: Location
    rows: list[Row] = field(default_factory=list)

    @property
    def member(self) -> str:
        return clean(self.info.get("member"))

    @property
    def mode(self) -> str:
        return self.info.get("mode", MODE_PARTS)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def read_member_workbook(path: Path) -> tuple[MemberWorkbook | None, list[Issue]]:
    """The workbook's rows of scores, or the one problem that makes it unusable. The file
    is only read, never written."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    where = Location(file=path.name)
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own types for zip, xml, password errors
        return None, [Issue.error("SCORE_SHEET_UNREADABLE", where, detail=type(exc).__name__)]
    try:
        if MEMBER_INFO_SHEET not in names:
            return None, [Issue.error("SCORE_SHEET_NOT_RECOGNISED", where, sheet=MEMBER_INFO_SHEET)]
        info_rows = book.get_sheet_by_name(MEMBER_INFO_SHEET).to_python(skip_empty_area=False)
        info = {_text(r[0]): _text(r[1]) for r in info_rows if len(r) >= 2 and not is_blank(r[0])}
        if info.get("kind") != MEMBER_KIND:
            return None, [Issue.error("SCORE_SHEET_NOT_RECOGNISED", where, sheet=MEMBER_INFO_SHEET)]
        member_row = next(
            (i for i, r in enumerate(info_rows, start=1) if r and _text(r[0]) == "member"), 0
        )
        member_at = Location(
            file=path.name,
            sheet=MEMBER_INFO_SHEET,
            cell=f"B{member_row}",
            row=member_row,
            column="B",
            field="member",
        )
        sheet_name, columns = (
            (MEMBER_CRITERIA_SHEET, MEMBER_CRITERIA_COLUMNS)
            if info.get("mode") == MODE_CRITERIA
            else (MEMBER_PARTS_SHEET, MEMBER_PARTS_COLUMNS)
        )
        if sheet_name not in names:
            return None, [Issue.error("SHEET_MISSING", where, sheet=sheet_name)]
        grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as exc:
        return None, [Issue.error("SCORE_SHEET_UNREADABLE", where, detail=type(exc).__name__)]
    finally:
        book.close()
    result = MemberWorkbook(path.name, sha256(path), info, member_at)
    header_at, letters = _find_header(grid, columns)
    if header_at is None:
        return None, [
            Issue.error(
                "TABLE_MISSING", Location(file=path.name, sheet=sheet_name), sheet=sheet_name
            )
        ]
    member_name = info.get("member", "")
    for r in range(header_at + 1, len(grid)):
        excel_row = r + 1
        line = grid[r]
        values: dict[str, Any] = {"member": member_name}
        cells: dict[str, Location] = {"member": member_at}
        for key, index in letters.items():
            value = line[index] if index < len(line) else None
            values[key] = None if is_blank(value) else value
            letter = get_column_letter(index + 1)
            cells[key] = Location(
                file=path.name,
                sheet=sheet_name,
                cell=f"{letter}{excel_row}",
                row=excel_row,
                column=letter,
                field=key,
            )
        if is_blank(values.get("product_id")):
            break  # the products end here; the signature block follows
        if isinstance(values["product_id"], float):
            values["product_id"] = _text(values["product_id"])
        result.rows.append(Row(values, cells, source=path.name))
    return result, []


def _find_header(
    grid: list[list[Any]], columns: Sequence[Column]
) -> tuple[int | None, dict[str, int]]:
    """The header row (0-based) and each column key's index; headers are matched without
    accents and case, and by their start ('Phần A (tối đa 40)' is 'Phần A')."""
    wanted = [(c.key, fold(c.header)) for c in columns]
    for r, line in enumerate(grid[:40]):
        found: dict[str, int] = {}
        texts = [fold(v) if isinstance(v, str) else "" for v in line]
        for key, header in wanted:
            exact = [i for i, t in enumerate(texts) if t == header]
            prefix = [i for i, t in enumerate(texts) if t.startswith(header + " ")]
            hits = exact or prefix
            if hits:
                found[key] = hits[0]
        if "product_id" in found and len(found) >= len(columns) - 2:
            return r, found
    return None, {}


def member_files(sources: Sequence[Path]) -> tuple[list[Path], list[Issue]]:
    """The workbooks named, folders expanded (spreadsheets directly inside, sorted);
    Excel's and LibreOffice's lock files are skipped."""
    files: list[Path] = []
    issues: list[Issue] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found = sorted(
                p
                for p in source.iterdir()
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.startswith(("~$", ".~lock"))
            )
            files.extend(found)
        elif source.is_file():
            files.append(source)
        else:
            issues.append(Issue.error("SOURCE_NOT_FOUND", Location(file=str(source))))
    unique: list[Path] = []
    for f in files:
        if f.resolve() not in {u.resolve() for u in unique}:
            unique.append(f)
    return unique, issues
