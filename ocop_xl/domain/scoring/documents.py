"""The council's printable documents: the minutes (Biên bản) and the list of products
proposed to the province (Danh sách đề nghị cấp tỉnh)."""

from __future__ import annotations

from collections.abc import Sequence

from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.products import commune_order
from ocop_xl.domain.profile import CouncilMember, CouncilRules, Profile
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.compute import Scoring
from ocop_xl.domain.scoring.display import score_text, star_label
from ocop_xl.domain.scoring.outcome import outcome_label
from ocop_xl.domain.text import clean
from ocop_xl.domain.vnformat import place_date_line

COUNCIL_NAME = "HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP"
ROLE_TITLES = {
    "Chủ tịch": "Chủ tịch Hội đồng",
    "Phó Chủ tịch": "Phó Chủ tịch Hội đồng",
    "Ủy viên": "Ủy viên",
    "Thư ký": "Thư ký Hội đồng",
}
BLANK = "……"


def _member_line(number: int, member: CouncilMember) -> str:
    line = f"{number}. {member.name}, {ROLE_TITLES[member.role]}"
    return line + (f", {member.unit}" if member.unit else "") + "."


def _named(members: Sequence[CouncilMember], role: str) -> str:
    return next((m.name for m in members if m.role == role and m.present), "")


def _scores(member: CouncilMember, rules: CouncilRules) -> bool:
    return member.scores(rules)


def minutes_document(
    profile: Profile,
    scoring: Scoring,
    members: Sequence[CouncilMember],
    criteria_set: CriteriaSet,
) -> Document:
    rules = profile.council
    status = scoring.council
    unit = profile.unit
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    before = [
        f"Hôm nay, ngày {BLANK} tháng {BLANK} năm {profile.year}, tại {BLANK * 4}, "
        f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {unit.name} họp đánh giá, phân hạng "
        f"các sản phẩm đăng ký tham gia Chương trình OCOP năm {profile.year}.",
        "I. THÀNH PHẦN",
        f"Có mặt {len(status.present)}/{len(status.scoring)} thành viên chấm điểm"
        + (", cùng Thư ký Hội đồng" if any(not _scores(m, rules) for m in present) else "")
        + ":",
        *(_member_line(i, m) for i, m in enumerate(present, start=1)),
    ]
    if absent:
        names = "; ".join(f"{m.name} ({ROLE_TITLES[m.role]})" for m in absent)
        before.append(f"Vắng mặt: {names}.")
    quorum_ok = status.quorum_reached
    chair_ok = status.chair_present or not status.chair_required
    presider = status.presider
    who = (
        f"{ROLE_TITLES[presider.role]} {presider.name} chủ trì"
        if presider is not None
        else "không có người chủ trì (" + ", ".join(status.presiders) + ") có mặt"
    )
    before.append(
        f"Số thành viên có mặt {'đạt' if quorum_ok else 'chưa đạt'} tỷ lệ tối thiểu "
        f"{status.quorum}; {who}"
        f": cuộc họp {'đủ' if quorum_ok and chair_ok else 'chưa đủ'} điều kiện."
    )
    recusals = [(r, res) for res in scoring.results for r in res.recused]
    if recusals:
        before.append("Thành viên không chấm do xung đột lợi ích (điểm không được tính):")
        for r, res in recusals:
            reason = f", lý do: {r.reason}" if r.reason else ""
            before.append(
                f"- {r.member} không chấm sản phẩm {res.product_id} ({res.product.name}){reason}."
            )
    else:
        before.append("Không có thành viên nào phải tránh chấm do xung đột lợi ích.")
    before += [
        "II. KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG",
        "Điểm của mỗi sản phẩm là trung bình cộng tổng điểm của các thành viên được tính; "
        "hạng sao xét trên điểm trung bình chính xác (chưa làm tròn) theo "
        f"{criteria_set.decision}.",
    ]
    rows = [
        (
            i,
            res.product_id,
            res.product.name,
            res.product.commune,
            len(res.counted),
            score_text(res.mean, rules),
            star_label(res.star),
            outcome_label(res),
        )
        for i, res in enumerate(scoring.results, start=1)
    ]
    return Document(
        title="BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP",
        subtitle=f"Năm {profile.year}",
        issuing_body=(unit.issuing_body, COUNCIL_NAME),
        number_line="Số:        /BB-HĐ",
        place_date=place_date_line(unit.place, None),
        columns=(
            DocColumn("TT", 5, "int"),
            DocColumn("Mã sản phẩm", 14),
            DocColumn("Tên sản phẩm", 34),
            DocColumn("Xã, thị trấn", 14),
            DocColumn("Số thành viên chấm", 10, "int"),
            DocColumn("Điểm trung bình", 10, "decimal"),
            DocColumn("Hạng sao", 8, "center"),
            DocColumn("Kết quả", 22),
        ),
        rows=rows or [("", "", "Chưa có sản phẩm nào được đánh giá.", "", "", "", "", "")],
        before=tuple(before),
        after=tuple(_minutes_after(scoring, profile)),
        signatures=(
            Signature(("THƯ KÝ HỘI ĐỒNG",), _named(members, "Thư ký")),
            Signature(
                (f"{ROLE_TITLES[presider.role].upper()}" if presider else "CHỦ TỊCH HỘI ĐỒNG",),
                presider.name if presider else "",
            ),
        ),
    )


def _minutes_after(scoring: Scoring, profile: Profile) -> list[str]:
    rules = profile.council
    route = profile.route
    results = scoring.results
    rated = [r for r in results if r.mean is not None]
    three_up = [r for r in results if r.rated_at_least(3)]
    forwarded = [r for r in results if r.forwarded]
    recognised = [r for r in results if r.recognised]
    line = (
        f"Tổng số {len(results)} sản phẩm; {len(rated)} sản phẩm có điểm; "
        f"{len(three_up)} sản phẩm đạt từ 3 sao trở lên"
    )
    if route.office.recognises_any:
        stars = route.office.recognised_stars
        which = f"{stars[0]} sao" if len(stars) == 1 else f"{stars[0]} đến {stars[-1]} sao"
        line += (
            f"; {len(recognised)} sản phẩm đạt {which}, đề nghị "
            f"Ủy ban nhân dân {profile.unit.name} ban hành quyết định công nhận"
        )
    nxt = route.next_level
    if nxt is not None:
        line += (
            f"; {len(forwarded)} sản phẩm đạt từ {route.office.forward_from} điểm trở lên, "
            f"đủ điều kiện đề nghị {nxt.name} đánh giá, công nhận"
        )
    lines = [line + "."]
    rescore = [r for r in results if set(r.flag_codes) & flags.RESCORE]
    if rescore:
        ids = "; ".join(f"{r.product.name} ({r.product_id})" for r in rescore)
        lines.append(
            f"Sản phẩm cần thảo luận và chấm lại (điểm các thành viên chênh nhau quá "
            f"{rules.spread_limit} điểm, hoặc còn thiếu điểm): {ids}."
        )
    upgrades = [r for r in results if r.upgrade_met is not None]
    if upgrades:
        said = "; ".join(
            f"{r.product.name} ({r.product_id}): {'đạt' if r.upgrade_met else 'chưa đạt'}"
            for r in upgrades
        )
        lines.append(f"Sản phẩm đề nghị nâng hạng sao: {said}.")
    lines.append(
        f"Biên bản kết thúc vào hồi {BLANK} giờ {BLANK} cùng ngày, đã được thông qua trước "
        "Hội đồng và các thành viên dự họp nhất trí."
    )
    return lines


def province_list_document(profile: Profile, scoring: Scoring) -> Document:
    """The list of products proposed to the next level of the route (the province under
    the Tứ Kỳ 2023 plan and QĐ 148, the ministry under QĐ 1489)."""
    rules = profile.council
    unit = profile.unit
    nxt = profile.route.next_level
    upward = nxt.name if nxt is not None else "cấp trên"
    threshold = profile.route.office.forward_from
    chosen = sorted(
        (r for r in scoring.results if r.forwarded),
        key=lambda r: (
            commune_order(profile.communes, r.product.commune_code, r.product.commune),
            -(r.mean or 0),
            r.product_id,
        ),
    )
    rows: list[tuple[object, ...]] = [
        (
            i,
            r.product.name,
            r.product.group_code,
            r.product.producer,
            r.product.commune,
            score_text(r.mean, rules),
            star_label(r.star),
            _form(r.product.kind, r.upgrade_met, r.product.upgrade_target),
        )
        for i, r in enumerate(chosen, start=1)
    ]
    if not rows:
        rows = [("", f"Không có sản phẩm nào đủ điều kiện đề nghị {upward}.", *[""] * 6)]
    return Document(
        title=(
            f"DANH SÁCH SẢN PHẨM ĐỀ NGHỊ {upward.upper()} ĐÁNH GIÁ, CÔNG NHẬN SẢN PHẨM OCOP "
            f"NĂM {profile.year}"
        ),
        subtitle=(
            "(Kèm theo biên bản họp Hội đồng đánh giá, phân hạng sản phẩm OCOP "
            f"{unit.name}; sản phẩm đạt từ {threshold} điểm trở lên)"
        ),
        issuing_body=(unit.issuing_body,),
        place_date=place_date_line(unit.place, None),
        columns=(
            DocColumn("TT", 5, "int"),
            DocColumn("Tên sản phẩm", 36),
            DocColumn("Mã nhóm sản phẩm", 10, "center"),
            DocColumn("Tên chủ thể", 34),
            DocColumn("Xã, thị trấn", 16),
            DocColumn("Điểm trung bình", 10, "decimal"),
            DocColumn("Hạng sao dự kiến", 10, "center"),
            DocColumn("Hình thức", 24),
        ),
        rows=rows,
        after=(f"Tổng cộng: {len(chosen)} sản phẩm.",),
        signatures=(
            Signature(("NGƯỜI LẬP BIỂU",), profile.preparer_name),
            Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), profile.chair_name),
        ),
        landscape=True,
    )


def _form(kind: str, upgrade_met: bool | None, target: int | None) -> str:
    if upgrade_met is not None and target is not None:
        return f"Nâng hạng lên {target} sao"
    return clean(kind) or "Đánh giá, phân hạng mới"
