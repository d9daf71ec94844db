"""A result said in words, the same in Kết quả, the minutes and the message box."""

from __future__ import annotations

from ocop_xl.domain.profile import CouncilRules
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.model import ProductResult


def outcome_text(result: ProductResult, rules: CouncilRules) -> str:
    codes = set(result.flag_codes)
    if flags.SPREAD_ABOVE_LIMIT in codes:
        text = "Chưa có kết quả: thảo luận, chấm lại"
    elif codes & flags.RESCORE:
        text = "Chưa có kết quả: còn thiếu điểm"
    elif codes & {flags.QUORUM_NOT_REACHED, flags.CHAIR_ABSENT}:
        text = "Chưa có giá trị: hội đồng chưa đủ điều kiện họp"
    elif flags.MANDATORY_NOT_MET in codes:
        text = "Không đề nghị: chưa đạt tiêu chí bắt buộc"
    elif result.forwarded:
        text = "Đề nghị cấp tỉnh"
    else:
        text = f"Không đề nghị: dưới {rules.forward_threshold} điểm"
    target = result.product.upgrade_target
    if result.upgrade_met is not None and target is not None:
        verb = "đạt" if result.upgrade_met else "chưa đạt"
        text += f"; {verb} nâng hạng lên {target} sao"
    return text


def outcome_label(result: ProductResult) -> str:
    """The outcome in a few words, for a table cell of a printed document."""
    codes = set(result.flag_codes)
    if flags.SPREAD_ABOVE_LIMIT in codes:
        return "Chấm lại"
    if codes & flags.RESCORE:
        return "Thiếu điểm"
    if codes & {flags.QUORUM_NOT_REACHED, flags.CHAIR_ABSENT}:
        return "Chưa đủ điều kiện"
    if flags.MANDATORY_NOT_MET in codes:
        return "Không đạt TC bắt buộc"
    return "Đề nghị cấp tỉnh" if result.forwarded else "Không đề nghị"
