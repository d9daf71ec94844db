"""The printable documents of the plan, as plain ``Document`` data: the task annex, each
department's task list, the progress report and the consolidated registration list.

The workbook adapters render them (national header, A4, Times New Roman, repeated header
row, page numbers); nothing here knows about sheets or files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.targets import Status, TargetProgress, percent_vi
from ocop_xl.domain.tasks import COORDINATE, LEAD, ROLE_LABELS, DepartmentLoad, TaskMatrix
from ocop_xl.domain.text import clean, fold
from ocop_xl.domain.vnformat import date_vi, place_date_line, roman

LEAD_FILL = "F8CBAD"
COORDINATE_FILL = "DDEBF7"
NO_DATA = "Chưa có dữ liệu"


def preparer(profile: Profile) -> Signature:
    return Signature(("NGƯỜI LẬP BIỂU",), profile.preparer_name)


def head_of_office(profile: Profile) -> Signature:
    return Signature(("TRƯỞNG PHÒNG",), profile.head_name)


def office_recipients(profile: Profile) -> tuple[str, ...]:
    """ "Nơi nhận:" of what the standing office sends: the People's Committee, the file."""
    return (
        f"- Ủy ban nhân dân {profile.unit.name} (để báo cáo);",
        "- Các phòng, ban liên quan;",
        "- Lưu: VT.",
    )


def _office_header(profile: Profile) -> tuple[str, ...]:
    """The parent body above, the standing office (bold) below, as office papers write it."""
    return (profile.unit.issuing_body, profile.unit.standing_office.upper())


def _office_code(profile: Profile) -> str:
    """The office's letters in a document number ("Phòng Nông nghiệp và PTNT" → NNPTNT)."""
    words = clean(profile.unit.standing_office).split()
    skip = {"phòng", "và", "ban"}
    letters = "".join(
        w if w.isupper() else w[0].upper() for w in words if fold(w) not in {fold(x) for x in skip}
    )
    return fold(letters).upper().replace(" ", "") or "VP"


def _cell(value: object) -> str:
    return clean(value)


# -- the task annex -------------------------------------------------------------------------


def task_annex(profile: Profile, matrix: TaskMatrix, day: date | None) -> Document:
    """Tasks as rows, departments as columns, CT / PH in the cells, counts at the foot."""
    codes = [d.code for d in matrix.departments]
    columns = (
        DocColumn("TT", 5, "center"),
        DocColumn("Mục", 8, "center"),
        DocColumn("Nội dung nhiệm vụ", 40),
        *(DocColumn(code, 7, "center") for code in codes),
        DocColumn("Thời hạn", 11, "center"),
        DocColumn("Sản phẩm đầu ra", 18),
    )
    rows: list[tuple[object, ...]] = []
    for number, row in enumerate(matrix.rows, start=1):
        task = row.task
        rows.append(
            (
                number,
                task.section or task.code,
                task.title,
                *(row.roles.get(code, "") for code in codes),
                task.deadline,
                task.output,
            )
        )
    foot = len(rows)
    rows.append(("", "", "Số nhiệm vụ chủ trì", *(matrix.load(c).leads for c in codes), "", ""))
    rows.append(
        ("", "", "Số nhiệm vụ phối hợp", *(matrix.load(c).coordinations for c in codes), "", "")
    )
    legend = "; ".join(f"{d.code}: {d.name}" for d in matrix.departments)
    return Document(
        title=f"PHỤ LỤC PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH OCOP NĂM {profile.year}",
        subtitle=f"(Kèm theo {profile.title})",
        issuing_body=(profile.unit.issuing_body,),
        place_date=place_date_line(profile.unit.place, day),
        columns=columns,
        rows=rows,
        group_rows=frozenset({foot, foot + 1}),
        after=(
            f"Ghi chú: {LEAD}: chủ trì; {COORDINATE}: phối hợp.",
            f"Các phòng, ban, đơn vị: {legend}.",
        ),
        landscape=True,
        fills=((LEAD, LEAD_FILL), (COORDINATE, COORDINATE_FILL)),
    )


def department_tasks(
    profile: Profile, matrix: TaskMatrix, load: DepartmentLoad, day: date | None
) -> Document:
    """One department's tasks, its role in each, with whom, by when, to deliver what."""
    names = {d.code: d.name for d in matrix.departments}
    rows = []
    for number, (task, role) in enumerate(load.tasks, start=1):
        if role == LEAD:
            others = [names.get(c, c) for c in task.coordinators if c != task.lead]
            partners = "Phối hợp: " + "; ".join(others) if others else ""
        else:
            partners = "Chủ trì: " + names.get(task.lead, task.lead)
        rows.append(
            (
                number,
                task.code,
                task.title,
                ROLE_LABELS[role],
                partners,
                task.deadline,
                task.output,
            )
        )
    dept = load.department
    before = [
        f"Đơn vị thực hiện: {dept.name}. Chủ trì {load.leads} nhiệm vụ, "
        f"phối hợp {load.coordinations} nhiệm vụ."
    ]
    if dept.duty:
        before.append(f"Nhiệm vụ chính: {dept.duty}.")
    return Document(
        title=f"DANH MỤC NHIỆM VỤ GIAO {dept.name.upper()}",
        subtitle=f"(Thực hiện {profile.title})",
        issuing_body=_office_header(profile),
        place_date=place_date_line(profile.unit.place, day),
        columns=(
            DocColumn("TT", 5, "center"),
            DocColumn("Mã nhiệm vụ", 9, "center"),
            DocColumn("Nội dung nhiệm vụ", 44),
            DocColumn("Vai trò", 10, "center"),
            DocColumn("Đơn vị cùng thực hiện", 28),
            DocColumn("Thời hạn", 12, "center"),
            DocColumn("Sản phẩm đầu ra", 22),
        ),
        rows=rows,
        before=tuple(before),
        after=(
            f"Đề nghị {dept.name} báo cáo kết quả thực hiện các nhiệm vụ trên về "
            f"{profile.unit.standing_office} theo định kỳ.",
        ),
        signatures=(head_of_office(profile),),
        recipients=(f"- {dept.name};", "- Lưu: VT."),
        landscape=True,
        fills=((ROLE_LABELS[LEAD], LEAD_FILL), (ROLE_LABELS[COORDINATE], COORDINATE_FILL)),
    )


# -- the progress report ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityLine:
    """An activity done, as the report lists it."""

    day: date | None
    kind: str
    title: str
    quantity: int
    evidence: str = ""
    note: str = ""


def actual_text(progress: TargetProgress) -> str | int:
    return NO_DATA if progress.actual is None else progress.actual


def progress_report(
    profile: Profile,
    progress: Sequence[TargetProgress],
    activities: Sequence[ActivityLine],
    day: date | None,
    no_data_sources: Sequence[str] = (),
    bases: Sequence[str] = (),
    data_day: date | None = None,
) -> Document:
    """The targets with what was done, each figure with how it is counted beside it."""
    rows = []
    for number, p in enumerate(progress, start=1):
        t = p.target
        rows.append(
            (
                number,
                t.title,
                t.unit,
                t.minimum,
                t.stretch,
                actual_text(p),
                percent_vi(p.share_of_minimum),
                p.status.label_vi,
                bases[number - 1] if number - 1 < len(bases) else "",
            )
        )
    count = {s: sum(p.status is s for p in progress) for s in Status}
    after = [
        f"Tổng số {len(progress)} chỉ tiêu: đạt {count[Status.MET]}, vượt "
        f"{count[Status.EXCEEDED]}, chưa đạt {count[Status.BELOW]}, chưa có dữ liệu "
        f"{count[Status.NO_DATA]}."
    ]
    if no_data_sources:
        after.append("Chưa có số liệu ở các trang: " + ", ".join(no_data_sources) + ".")
    if activities:
        after.append("Các hoạt động đã thực hiện:")
        for a in activities:
            when = date_vi(a.day) if a.day else "chưa ghi ngày"
            detail = [f"{a.kind}, số lượng {a.quantity}"]
            if a.evidence:
                detail.append(a.evidence)
            if a.note:
                detail.append(a.note)
            after.append(f"- {when}: {a.title or a.kind} ({'; '.join(detail)}).")
    as_of = f"(Số liệu đến ngày {date_vi(data_day)})" if data_day else ""
    return Document(
        title=f"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH OCOP NĂM {profile.year}",
        subtitle=as_of,
        issuing_body=_office_header(profile),
        place_date=place_date_line(profile.unit.place, day),
        columns=(
            DocColumn("TT", 5, "center"),
            DocColumn("Chỉ tiêu", 32),
            DocColumn("Đơn vị tính", 9, "center"),
            DocColumn("Tối thiểu", 9, "center"),
            DocColumn("Phấn đấu", 9, "center"),
            DocColumn("Thực hiện", 11, "center"),
            DocColumn("Tỷ lệ so với tối thiểu", 10, "center"),
            DocColumn("Tình trạng", 11, "center"),
            DocColumn("Cách tính số thực hiện", 44),
        ),
        rows=rows,
        before=(
            f"Thực hiện {profile.title}, {profile.unit.standing_office} báo cáo kết quả thực "
            "hiện các chỉ tiêu như sau:",
        ),
        after=tuple(after),
        number_line=f"Số:        /BC-{_office_code(profile)}",
        signatures=(head_of_office(profile),),
        recipients=office_recipients(profile),
        landscape=True,
    )


# -- the consolidated registration list ---------------------------------------------------------


def _commune_groups(
    profile: Profile, products: Sequence[Product]
) -> list[tuple[str, list[Product]]]:
    """Products by commune, communes in the profile's order, unknown ones after them."""
    by_code = {c.code: c for c in profile.communes}
    by_name = {fold(c.name): c for c in profile.communes}
    by_name.update({fold(c.full_name): c for c in profile.communes})
    order = {c.code: i for i, c in enumerate(profile.communes)}
    groups: dict[str, tuple[tuple[int, int], str, list[Product]]] = {}
    for p in products:
        commune = by_code.get(p.commune_code) or by_name.get(fold(p.commune))
        if commune is not None:
            key, label, rank = commune.code, commune.full_name, (0, order[commune.code])
        else:
            label = p.commune or "Chưa ghi xã, thị trấn"
            key, rank = "?" + fold(label), (1, len(groups))
        if key not in groups:
            groups[key] = (rank, label, [])
        groups[key][2].append(p)
    return [(label, items) for _, label, items in sorted(groups.values(), key=lambda g: g[0])]


def registration_list(profile: Profile, products: Sequence[Product], day: date | None) -> Document:
    rows: list[tuple[object, ...]] = []
    bold = set()
    number = 0
    groups = _commune_groups(profile, products)
    for index, (label, items) in enumerate(groups, start=1):
        bold.add(len(rows))
        rows.append((roman(index), f"{label} ({len(items)} sản phẩm)", "", "", "", "", ""))
        for p in items:
            number += 1
            rows.append(
                (
                    number,
                    p.name,
                    p.product_id,
                    p.producer,
                    p.group_code,
                    p.kind,
                    _cell(p.current_stars),
                )
            )
    return Document(
        title=(
            f"DANH SÁCH TỔNG HỢP SẢN PHẨM ĐĂNG KÝ THAM GIA CHƯƠNG TRÌNH OCOP NĂM {profile.year}"
        ),
        subtitle=f"({profile.unit.name}, {profile.unit.province})",
        issuing_body=_office_header(profile),
        place_date=place_date_line(profile.unit.place, day),
        columns=(
            DocColumn("TT", 6, "center"),
            DocColumn("Tên sản phẩm", 30),
            DocColumn("Mã sản phẩm", 18, "center"),
            DocColumn("Tên chủ thể", 30),
            DocColumn("Nhóm sản phẩm", 11, "center"),
            DocColumn("Hình thức đăng ký", 14, "center"),
            DocColumn("Số sao hiện có", 9, "center"),
        ),
        rows=rows,
        group_rows=frozenset(bold),
        total_row=(
            "",
            f"Tổng cộng: {number} sản phẩm của {len(groups)} xã, thị trấn",
            "",
            "",
            "",
            "",
            "",
        ),
        signatures=(preparer(profile), head_of_office(profile)),
        landscape=True,
    )
