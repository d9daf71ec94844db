"""A result said in words, the same in Kết quả, the minutes and the message box.

The words follow the evaluation route: a product is recognised at the office's level (its
People's Committee decides), proposed to the next level, or neither; an upgrade is either
recognised here or, when a higher level awards the star, only proposed.
"""

from __future__ import annotations

from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.routes import Route
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.model import ProductResult


def _pending(codes: set[str]) -> str | None:
    if flags.PRECHECK_FAILED in codes:
        return "Không đủ điều kiện: xã đánh giá hồ sơ chưa đạt"
    if flags.PRECHECK_MISSING in codes:
        return "Chưa đủ điều kiện: chưa có kết quả đánh giá của xã"
    if flags.SPREAD_ABOVE_LIMIT in codes:
        return "Chưa có kết quả: thảo luận, chấm lại"
    if codes & flags.RESCORE:
        return "Chưa có kết quả: còn thiếu điểm"
    if codes & {flags.QUORUM_NOT_REACHED, flags.CHAIR_ABSENT}:
        return "Chưa có giá trị: hội đồng chưa đủ điều kiện họp"
    if flags.REQUIREMENTS_NOT_RECORDED in codes:
        return "Chưa có kết quả: chưa ghi đánh giá yêu cầu bắt buộc"
    return None


def outcome_text(result: ProductResult, route: Route, criteria_set: CriteriaSet) -> str:
    codes = set(result.flag_codes)
    text = _pending(codes)
    d = result.disposition
    if text is None:
        if d.recognised:
            text = f"Đạt {d.star} sao: đề nghị công nhận"
        elif d.forwarded and d.to is not None:
            text = f"Đề nghị {d.to.name}"
            if route.office.recognises_any and d.star is not None:
                text += f" (dự kiến {d.star} sao)"
        elif result.unmet:
            first = result.unmet[0]
            verb = "Không công nhận" if route.office.recognises_any else "Không đề nghị"
            text = f"{verb}: chưa đạt yêu cầu bắt buộc {first.code} (từ {first.from_star} sao)"
        else:
            verb = "Không công nhận" if route.office.recognises_any else "Không đề nghị"
            text = f"{verb}: dưới {route.lowest_outcome(criteria_set)} điểm"
        if result.unmet and (d.recognised or d.forwarded):
            text += f"; giới hạn {result.star} sao do chưa đạt yêu cầu {result.unmet[0].code}"
    target = result.product.upgrade_target
    if result.upgrade_met is not None and target is not None:
        if not result.upgrade_met:
            text += f"; chưa đạt nâng hạng lên {target} sao"
        elif d.recognised:
            text += f"; đạt nâng hạng lên {target} sao"
        else:
            text += f"; đề nghị {d.to.name if d.to else 'cấp trên'} nâng hạng lên {target} sao"
    return text


def outcome_label(result: ProductResult) -> str:
    """The outcome in a few words, for a table cell of a printed document."""
    codes = set(result.flag_codes)
    if codes & {flags.PRECHECK_FAILED, flags.PRECHECK_MISSING}:
        return "Xã chưa xác nhận"
    if flags.SPREAD_ABOVE_LIMIT in codes:
        return "Chấm lại"
    if codes & flags.RESCORE:
        return "Thiếu điểm"
    if codes & {flags.QUORUM_NOT_REACHED, flags.CHAIR_ABSENT}:
        return "Chưa đủ điều kiện"
    if flags.REQUIREMENTS_NOT_RECORDED in codes:
        return "Chưa ghi yêu cầu"
    d = result.disposition
    if d.recognised:
        return f"Công nhận {d.star} sao"
    if d.forwarded and d.to is not None:
        return f"Đề nghị {d.to.name}"
    if result.unmet:
        return "Không đạt yêu cầu bắt buộc"
    return "Không đề nghị"
