"""The plan's targets (chỉ tiêu) and how each one's actual value is computed from the data.

A target names a rule (column "Cách tính" of Chỉ tiêu) and the rule's parameters. Each rule
reads one kind of evidence: the council's results, the budget lines, or the activities the
office records. When that evidence is missing altogether (the sheet is empty or absent) the
actual value is ``None``, "chưa có dữ liệu", never 0: nothing is known yet.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import Target
from ocop_xl.domain.text import clean, fold

Source = Literal["results", "budget_lines", "activities"]
ParamKind = Literal["none", "items", "star"]
NOWHERE = Location()


@dataclass(frozen=True)
class Rule:
    code: str
    source: Source  # the table of the master the rule reads
    params: ParamKind  # what the "Tham số cách tính" cell holds
    basis_vi: str  # how the actual is counted, for people; {params} and {sheet} are filled
    label_vi: str = ""  # its name in the "Cách tính" cell of Chỉ tiêu (the code also reads)


# What "supported" means, said beside every figure that counts support.
SUPPORTED_FROM_STARS = 3
SUPPORT_BASIS = (
    " đã thực hiện hoặc đã thanh toán, có kinh phí (trang {sheet}); "
    f"không tính sản phẩm xếp dưới {SUPPORTED_FROM_STARS} sao"
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "products_forwarded",
            "results",
            "none",
            "Số sản phẩm được đề nghị cấp tỉnh (trang {sheet})",
            "Số sản phẩm đề nghị cấp trên",
        ),
        Rule(
            "products_with_star",
            "results",
            "star",
            "Số sản phẩm đạt từ {params} sao trở lên (trang {sheet})",
            "Số sản phẩm đạt từ số sao",
        ),
        Rule(
            "upgrades_met",
            "results",
            "none",
            "Số sản phẩm đạt nâng hạng (trang {sheet})",
            "Số sản phẩm đạt nâng hạng",
        ),
        Rule(
            "products_with_all_items",
            "budget_lines",
            "items",
            "Số sản phẩm có đủ các nội dung {params}" + SUPPORT_BASIS,
            "Số sản phẩm được hỗ trợ đủ các nội dung",
        ),
        Rule(
            "products_with_any_item",
            "budget_lines",
            "items",
            "Số sản phẩm có ít nhất một nội dung {params}" + SUPPORT_BASIS,
            "Số sản phẩm được hỗ trợ ít nhất một nội dung",
        ),
        Rule(
            "activities",
            "activities",
            "items",
            "Tổng số lượng hoạt động loại {params} đã thực hiện (trang {sheet})",
            "Tổng số lượng hoạt động",
        ),
    )
}


RULE_LABELS: dict[str, str] = {code: rule.label_vi for code, rule in RULES.items()}


def rule_code(value: object) -> str:
    """The rule a "Cách tính" cell names, by its Vietnamese name or its code (any case or
    accents); the text as typed when it names none (reported as an unknown rule)."""
    text = clean(value)
    wanted = fold(text)
    for code, rule in RULES.items():
        if wanted in (fold(code), fold(rule.label_vi)):
            return code
    return text


def rule_label(code: str) -> str:
    """What the "Cách tính" cell shows for a rule: its Vietnamese name."""
    rule = RULES.get(code)
    return rule.label_vi if rule is not None else code


# -- evidence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRecord:
    """One product of Kết quả."""

    product_id: str
    star: int | None = None
    forwarded: bool = False
    upgrade_met: bool = False


@dataclass(frozen=True)
class SupportRecord:
    """One budget line that gave a product support: marked done or paid, money from a
    funding source, a registered product ID."""

    product_id: str
    item: str


@dataclass(frozen=True)
class ActivityRecord:
    """One activity done (Hoạt động), counted ``quantity`` times."""

    kind: str
    quantity: int = 1


@dataclass(frozen=True)
class Evidence:
    """What the workbook holds; ``None`` where a sheet is empty or missing."""

    results: tuple[ResultRecord, ...] | None = None
    support: tuple[SupportRecord, ...] | None = None
    activities: tuple[ActivityRecord, ...] | None = None

    def of(self, source: Source) -> tuple | None:
        return {
            "results": self.results,
            "budget_lines": self.support,
            "activities": self.activities,
        }[source]


# -- checking a target's rule -------------------------------------------------------------------


def rule_issues(
    target: Target,
    item_codes: Collection[str],
    *,
    rule_at: Location = NOWHERE,
    params_at: Location = NOWHERE,
    items_sheet: str = "",
) -> list[Issue]:
    """Errors that leave a target without a way to count: an unknown rule, missing or
    wrong parameters."""
    rule = RULES.get(target.rule)
    if rule is None:
        return [
            Issue.error(
                "TARGET_RULE_UNKNOWN",
                rule_at,
                value=target.rule,
                target=target.code,
                known=", ".join(r.label_vi for r in RULES.values()),
            )
        ]
    if rule.params == "star":
        star = _star_param(target.params)
        if star is None:
            return [
                Issue.error(
                    "TARGET_PARAMS_INVALID",
                    params_at,
                    target=target.code,
                    rule=rule.label_vi,
                    value=", ".join(target.params),
                    expected_vi="một số sao từ 1 đến 5",
                    expected_en="one star count from 1 to 5",
                )
            ]
    if rule.params == "items":
        if not target.params:
            return [
                Issue.error(
                    "TARGET_PARAMS_INVALID",
                    params_at,
                    target=target.code,
                    rule=rule.label_vi,
                    value="",
                    expected_vi="ít nhất một mã nội dung hỗ trợ, cách nhau bởi dấu phẩy",
                    expected_en="at least one support item code, separated by commas",
                )
            ]
        known = {fold(c) for c in item_codes}
        return [
            Issue.error("CONFIG_UNKNOWN_REFERENCE", params_at, value=code, target_sheet=items_sheet)
            for code in target.params
            if fold(code) not in known
        ]
    return []


def _star_param(params: Sequence[str]) -> int | None:
    if len(params) != 1 or not params[0].strip().isdigit():
        return None
    star = int(params[0])
    return star if 1 <= star <= 5 else None


def basis(target: Target, sheet: str) -> str:
    """How the target's actual value is counted, in the words of the progress sheet."""
    rule = RULES.get(target.rule)
    if rule is None:
        return ""
    return rule.basis_vi.format(params=", ".join(target.params), sheet=sheet)


# -- computing actual values --------------------------------------------------------------------


def actual_value(target: Target, evidence: Evidence) -> int | None:
    """The target's actual value, or ``None`` when its evidence is missing altogether."""
    rule = RULES[target.rule]
    records = evidence.of(rule.source)
    if records is None:
        return None
    wanted = {fold(p) for p in target.params}
    match rule.code:
        case "products_forwarded":
            return len({r.product_id for r in records if r.forwarded})
        case "products_with_star":
            star = _star_param(target.params) or 0
            return len({r.product_id for r in records if r.star is not None and r.star >= star})
        case "upgrades_met":
            return len({r.product_id for r in records if r.upgrade_met})
        case "products_with_all_items":
            items: dict[str, set[str]] = {}
            for r in supported(records, evidence.results):
                items.setdefault(r.product_id, set()).add(fold(r.item))
            return sum(wanted <= got for got in items.values())
        case "products_with_any_item":
            return len(
                {
                    r.product_id
                    for r in supported(records, evidence.results)
                    if fold(r.item) in wanted
                }
            )
        case "activities":
            return sum(r.quantity for r in records if fold(r.kind) in wanted)
    raise AssertionError(f"rule without a computation: {rule.code}")


def supported(
    support: Sequence[SupportRecord], results: Sequence[ResultRecord] | None
) -> list[SupportRecord]:
    """Support that counts towards a target: not for a product the council has rated below
    3 stars (support is meant for products on their way to OCOP; a product still waiting
    for its result counts)."""
    failed = {
        r.product_id for r in results or () if r.star is not None and r.star < SUPPORTED_FROM_STARS
    }
    return [r for r in support if r.product_id not in failed]


class Status(StrEnum):
    NO_DATA = "no_data"
    BELOW = "below"
    MET = "met"
    EXCEEDED = "exceeded"

    @property
    def label_vi(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.NO_DATA: "Chưa có dữ liệu",
    Status.BELOW: "Chưa đạt",
    Status.MET: "Đạt",
    Status.EXCEEDED: "Vượt",
}


def status_of(minimum: int, stretch: int, actual: int | None) -> Status:
    """Below the minimum: Chưa đạt. At the stretch value and above the minimum: Vượt (for
    10-12 products, 12; for a single logo, a second one). Otherwise: Đạt."""
    if actual is None:
        return Status.NO_DATA
    if actual < minimum:
        return Status.BELOW
    if actual >= stretch and actual > minimum:
        return Status.EXCEEDED
    return Status.MET


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: int | None
    status: Status
    computable: bool = True  # False: the rule or its parameters are wrong (see the issues)

    @property
    def share_of_minimum(self) -> Fraction | None:
        if self.actual is None or self.target.minimum == 0:
            return None
        return Fraction(self.actual, self.target.minimum)


def evaluate(
    targets: Sequence[Target], evidence: Evidence, broken: Collection[str] = ()
) -> list[TargetProgress]:
    """Every target's actual value and status; targets in ``broken`` (wrong rule or
    parameters) stay without a value."""
    out = []
    for target in targets:
        if target.code in broken or target.rule not in RULES:
            out.append(TargetProgress(target, None, Status.NO_DATA, computable=False))
            continue
        actual = actual_value(target, evidence)
        status = status_of(target.minimum, target.stretch, actual)
        out.append(TargetProgress(target, actual, status))
    return out


def percent_vi(share: Fraction | None) -> str:
    """83,3% the Vietnamese way (a comma before the decimal), one decimal, half up."""
    if share is None:
        return ""
    tenths = (share * 1000 + Fraction(1, 2)) // 1
    whole, tenth = divmod(int(tenths), 10)
    return f"{whole},{tenth}%" if tenth else f"{whole}%"
