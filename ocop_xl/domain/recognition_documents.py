"""The recognition documents of the office's People's Committee: the draft *Quyết định công
nhận* and its attached list (product, producer, commune, points, star, certificate number).

Both are ``Document`` values, printed by the one document renderer like every other
document (national header, A4, Times New Roman). Dates and the decision number stay blank
for a pen until the office types them on Sổ giấy chứng nhận.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.recognition import CertificateRecord
from ocop_xl.domain.scoring.display import score_text, star_label
from ocop_xl.domain.text import fold
from ocop_xl.domain.vnformat import place_date_line

DECISION_SUFFIX = "/QĐ-UBND"


def _decision(rows: Sequence[CertificateRecord]) -> tuple[str, str]:
    """The decision number and date line typed on the register, when the rows agree."""
    numbers = {r.decision_no for r in rows if r.decision_no}
    dates = {r.decision_date for r in rows if r.decision_date}
    number = numbers.pop() if len(numbers) == 1 else ""
    day = dates.pop() if len(dates) == 1 else None
    return number, (f"ngày {day:%d/%m/%Y}" if day else "ngày …/…/……")


def _authority(profile: Profile) -> str:
    return f"ỦY BAN NHÂN DÂN {profile.unit.name.upper()}"


def decision_document(
    profile: Profile, rows: Sequence[CertificateRecord], criteria_set: CriteriaSet
) -> Document:
    """Quyết định công nhận sản phẩm đạt tiêu chuẩn OCOP: the articles, and a small table of
    the products recognised per star (the products themselves are in the attached list)."""
    unit = profile.unit
    number, _ = _decision(rows)
    by_star = Counter(r.star for r in rows)
    total = len(rows)
    validity = profile.certificate_validity_months
    route = profile.route
    before = (
        _authority(profile),
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        f"Căn cứ {criteria_set.decision} về Bộ tiêu chí và quy trình đánh giá, phân hạng "
        "sản phẩm Chương trình mỗi xã một sản phẩm;",
        f"Căn cứ {profile.title};",
        "Căn cứ Biên bản họp Hội đồng đánh giá, phân hạng sản phẩm OCOP "
        f"{unit.name} năm {profile.year};",
        f"Theo đề nghị của {unit.standing_office}.",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Công nhận {total} sản phẩm đạt tiêu chuẩn sản phẩm OCOP năm {profile.year} "
        "(có danh sách kèm theo), gồm:",
    )
    stars = route.office.recognised_stars or tuple(sorted(by_star))
    table = [(star_label(s), by_star.get(s, 0)) for s in stars]
    after = (
        f"Điều 2. Các sản phẩm tại Điều 1 được cấp Giấy chứng nhận sản phẩm OCOP (số giấy "
        f"chứng nhận ghi trong danh sách kèm theo); kết quả công nhận có giá trị {validity} "
        "tháng kể từ ngày ký Quyết định này. Chủ thể có sản phẩm được công nhận có trách "
        "nhiệm duy trì chất lượng sản phẩm theo Bộ tiêu chí OCOP.",
        f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. {unit.standing_office}, các cơ quan, "
        "đơn vị có liên quan và các chủ thể có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
    )
    return Document(
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc công nhận sản phẩm đạt tiêu chuẩn OCOP năm {profile.year}",
        issuing_body=(unit.issuing_body,),
        number_line=f"Số: {number}" if number else f"Số:        {DECISION_SUFFIX}",
        place_date=place_date_line(unit.place, _day(rows)),
        columns=(DocColumn("Hạng sao", 40, "center"), DocColumn("Số sản phẩm", 40, "int")),
        rows=table,
        total_row=("Tổng cộng", total),
        before=before,
        after=after,
        signatures=(Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), profile.chair_name),),
        recipients=("- Như Điều 3;", "- Lưu: VT."),
    )


def _day(rows: Sequence[CertificateRecord]) -> date | None:
    dates = {r.decision_date for r in rows if r.decision_date}
    return dates.pop() if len(dates) == 1 else None


def recognition_list_document(profile: Profile, rows: Sequence[CertificateRecord]) -> Document:
    """Danh sách sản phẩm được công nhận, kèm theo the decision: one row per product."""
    unit = profile.unit
    number, day = _decision(rows)
    ordered = sorted(rows, key=lambda r: (r.seq, fold(r.commune), r.product_id))
    body: list[tuple[object, ...]] = [
        (
            i,
            r.product_name,
            r.producer,
            r.commune,
            score_text(r.points, profile.council),
            star_label(r.star),
            r.number,
        )
        for i, r in enumerate(ordered, start=1)
    ]
    if not body:
        body = [("", "Không có sản phẩm nào được công nhận ở cấp này.", "", "", "", "", "")]
    which = number or f"số        {DECISION_SUFFIX}"
    return Document(
        title=f"DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN OCOP NĂM {profile.year}",
        subtitle=(f"(Kèm theo Quyết định {which} {day} của Ủy ban nhân dân {unit.name})"),
        issuing_body=(unit.issuing_body,),
        place_date=place_date_line(unit.place, _day(rows)),
        columns=(
            DocColumn("TT", 5, "int"),
            DocColumn("Tên sản phẩm", 32),
            DocColumn("Tên chủ thể", 30),
            DocColumn("Xã, phường", 16),
            DocColumn("Điểm", 9, "decimal"),
            DocColumn("Hạng sao", 9, "center"),
            DocColumn("Số giấy chứng nhận", 24),
        ),
        rows=body,
        after=(f"Tổng cộng: {len(rows)} sản phẩm.",),
        signatures=(Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), profile.chair_name),),
        landscape=True,
    )
