"""Excel worksheet functions (xlwings UDFs) over the council's scoring rules.

Each function is a thin wrapper over the same domain functions the ``score`` action uses
(``star_for``, ``threshold_for``, ``summarize``, ``needs_rescore``, ``star_label``), so a
formula in a sheet and the action can never disagree. Each accepts one cell or a whole
range and answers in one call (a column of 100,000 totals is one call, not 100,000): a
blank cell gives a blank, a bad value gives a short "#OCOP: …" text in its cell, never a
Python traceback.

Ranges arrive as Excel sends them: a single value, or a list of rows (``ndim=2``), with
``None`` for blanks and floats for whole numbers. Numbers typed as text the Vietnamese way
("50,5") are accepted, as everywhere in ocop_xl.

OCOP_MEAN, OCOP_SPREAD and OCOP_RESCORE read one product per row (members across the
columns) and return one value per row; a single column is one product's list of totals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import xlwings as xw

from ocop_xl.domain.criteria import (
    MAX_TOTAL,
    PARTS,
    CriteriaSet,
    criteria_set_for,
    star_for,
    threshold_for,
)
from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.profile import CouncilRules, Profile
from ocop_xl.domain.register.validity import Window, date_status, valid_until
from ocop_xl.domain.scoring import exact_text, needs_rescore, star_label, summarize
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import (
    ValueProblem,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    yes_no,
)
from ocop_xl.profiles import criteria_sets

PREFIX = "#OCOP: "
DEFAULT_SPREAD_LIMIT = CouncilRules().spread_limit
# The profile's defaults (Cấu hình may change them; a formula reads none of the sheets).
DEFAULT_VALIDITY_MONTHS: int = Profile.model_fields["certificate_validity_months"].default
DEFAULT_WINDOW = Window(
    Profile.model_fields["expiry_window_days"].default,
    Profile.model_fields["expiry_urgent_days"].default,
)


class _Bad(Exception):
    """A value a function cannot use; its text goes into the cell."""


def _error(text: str) -> str:
    return PREFIX + text


# -- shapes ---------------------------------------------------------------------------------


def _each(value: Any, fn: Callable[[Any], Any]) -> Any:
    """``fn`` on every cell, keeping the shape Excel sent (value, row list, list of rows)."""
    if isinstance(value, list | tuple):
        return [_each(v, fn) for v in value]
    return _cell(value, fn)


def _cell(value: Any, fn: Callable[[Any], Any]) -> Any:
    if is_blank(value):
        return None
    try:
        return fn(value)
    except _Bad as exc:
        return _error(str(exc))
    except Exception as exc:  # whatever happens, the cell shows text, not a traceback
        return _error(f"lỗi {type(exc).__name__}")


def _products(scores: Any) -> tuple[list[list[Any]], bool]:
    """Rows of totals, one per product, and whether the answer is a single value."""
    if not isinstance(scores, list | tuple):
        return [[scores]], True
    if not scores or not isinstance(scores[0], list | tuple):
        return [list(scores)], True  # one row (or a 1-D list): one product
    rows = [list(r) for r in scores]
    if len(rows) > 1 and all(len(r) == 1 for r in rows):
        return [[r[0] for r in rows]], True  # one column: one product's totals
    return rows, len(rows) == 1


def _per_product(
    scores: Any, fn: Callable[[list[Any], list[Any] | None], Any], mask: Any = None
) -> Any:
    rows, single = _products(scores)
    masks: list[list[Any]] | None = None
    if mask is not None and not (is_blank(mask) and not isinstance(mask, list | tuple)):
        masks, _ = _products(mask)
        if [len(r) for r in masks] != [len(r) for r in rows]:
            return _error("vùng đánh dấu không chấm phải cùng kích thước với vùng điểm")
    answers = []
    for i, row in enumerate(rows):
        try:
            answers.append(fn(row, masks[i] if masks else None))
        except _Bad as exc:
            answers.append(_error(str(exc)))
        except Exception as exc:
            answers.append(_error(f"lỗi {type(exc).__name__}"))
    return answers[0] if single else [[a] for a in answers]


# -- values ---------------------------------------------------------------------------------


def _criteria_set(code: Any) -> CriteriaSet:
    """The named criteria set; or, given a date (a date cell, "dd/mm/yyyy"), the set in force
    that day; blank means today. A date no set covers is an error, not a guess."""
    sets = criteria_sets()
    if is_blank(code) or isinstance(code, date | datetime):
        day = date.today() if is_blank(code) else parse_date(code)
        try:
            return criteria_set_for(day, sets.values())
        except OcopError as exc:
            raise _Bad(f"không có bộ tiêu chí áp dụng cho ngày {day:%d/%m/%Y}") from exc
    wanted = clean(code).casefold()
    for key, cs in sets.items():
        if key.casefold() == wanted:
            return cs
    try:
        return _criteria_set(parse_date(code))
    except ValueProblem:
        pass
    raise _Bad(f"không có bộ tiêu chí “{clean(code)}” (có: {', '.join(sets)})")


def _total(value: Any) -> Fraction:
    try:
        number = Fraction(parse_decimal(value))
    except ValueProblem as exc:
        raise _Bad(f"“{clean(value)}” {exc.expected_vi}") from exc
    if not 0 <= number <= MAX_TOTAL:
        raise _Bad(f"điểm {exact_text(number)} ngoài khoảng 0–{MAX_TOTAL}")
    return number


def _totals(row: list[Any], mask: list[Any] | None) -> list[Fraction]:
    """The totals of a row, blanks and cells marked as recused left out."""
    values = []
    for i, value in enumerate(row):
        if is_blank(value):
            continue
        if mask is not None and _marked(mask[i]):
            continue
        values.append(_total(value))
    return values


def _marked(flag: Any) -> bool:
    if is_blank(flag):
        return False
    try:
        return parse_bool(flag)
    except ValueProblem as exc:
        raise _Bad("đánh dấu không chấm bằng Có/Không hoặc x") from exc


def _memo(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Within one call, a repeated value is worked out once (a column of totals repeats)."""
    seen: dict[Any, Any] = {}

    def cached(value: Any) -> Any:
        key = (type(value), value)
        if key not in seen:
            try:
                seen[key] = (True, fn(value))
            except _Bad as exc:
                seen[key] = (False, exc)
        ok, answer = seen[key]
        if not ok:
            raise answer
        return answer

    return cached


def _whole_call(fn: Callable[[], Any]) -> Any:
    """An argument that spoils the whole call (an unknown criteria set) gives one text."""
    try:
        return fn()
    except _Bad as exc:
        return _error(str(exc))


# -- the functions ----------------------------------------------------------------------------


@xw.func
@xw.arg("total", ndim=2)
def OCOP_STAR(total: Any, criteria_set: Any = None) -> Any:
    """Hạng sao (1-5) của tổng điểm, so sánh chính xác: 49,995 được 2 sao."""

    def run() -> Any:
        cs = _criteria_set(criteria_set)
        return _each(total, _memo(lambda v: star_for(_total(v), cs)))

    return _whole_call(run)


@xw.func
@xw.arg("total", ndim=2)
def OCOP_STAR_LABEL(total: Any, criteria_set: Any = None) -> Any:
    """Hạng sao bằng chữ: "3 sao"."""

    def run() -> Any:
        cs = _criteria_set(criteria_set)
        return _each(total, _memo(lambda v: star_label(star_for(_total(v), cs))))

    return _whole_call(run)


def _star(value: Any) -> int:
    try:
        star = parse_int(value)
    except ValueProblem as exc:
        raise _Bad("hạng sao phải là số nguyên từ 1 đến 5") from exc
    if not 1 <= star <= 5:
        raise _Bad("hạng sao phải từ 1 đến 5")
    return star


@xw.func
@xw.arg("star", ndim=2)
def OCOP_THRESHOLD(star: Any, criteria_set: Any = None) -> Any:
    """Điểm tối thiểu để đạt hạng sao (3 → 50)."""

    def run() -> Any:
        cs = _criteria_set(criteria_set)
        return _each(star, _memo(lambda v: threshold_for(_star(v), cs)))

    return _whole_call(run)


def _part(value: Any) -> str:
    text = fold(value).removeprefix("phan").strip().upper()
    if text not in PARTS:
        raise _Bad("phần phải là A, B hoặc C")
    return text


@xw.func
@xw.arg("part", ndim=2)
def OCOP_PART_MAX(part: Any, criteria_set: Any = None) -> Any:
    """Điểm tối đa của phần A, B hoặc C trong bộ tiêu chí."""

    def run() -> Any:
        cs = _criteria_set(criteria_set)
        return _each(part, _memo(lambda v: cs.part_max(_part(v))))

    return _whole_call(run)


@xw.func
@xw.arg("scores", ndim=2)
@xw.arg("recused", ndim=2)
def OCOP_MEAN(scores: Any, recused: Any = None) -> Any:
    """Điểm trung bình của các thành viên (mỗi dòng một sản phẩm); ô đánh dấu ở vùng
    ``recused`` (Có, x) là thành viên không chấm, không tính."""

    def mean(row: list[Any], mask: list[Any] | None) -> Any:
        summary = summarize(_totals(row, mask))
        return None if summary is None else float(summary.mean)

    return _per_product(scores, mean, recused)


@xw.func
@xw.arg("scores", ndim=2)
def OCOP_SPREAD(scores: Any) -> Any:
    """Chênh lệch điểm cao nhất và thấp nhất của các thành viên (mỗi dòng một sản phẩm)."""

    def spread(row: list[Any], _: list[Any] | None) -> Any:
        summary = summarize(_totals(row, None))
        return None if summary is None else float(summary.spread)

    return _per_product(scores, spread)


@xw.func
@xw.arg("scores", ndim=2)
def OCOP_RESCORE(scores: Any, limit: Any = None) -> Any:
    """Có khi điểm các thành viên chênh nhau quá mức cho phép (mặc định 10): chấm lại."""

    def run() -> Any:
        if is_blank(limit):
            bound = Fraction(DEFAULT_SPREAD_LIMIT)
        else:
            try:
                bound = Fraction(parse_decimal(limit))
            except ValueProblem as exc:
                raise _Bad("mức chênh lệch phải là một số") from exc

        def rescore(row: list[Any], _: list[Any] | None) -> Any:
            summary = summarize(_totals(row, None))
            return None if summary is None else yes_no(needs_rescore(summary, bound))

        return _per_product(scores, rescore)

    return _whole_call(run)


# -- certificates (the product register) -----------------------------------------------------


def _date(value: Any, what: str = "ngày quyết định") -> date:
    if isinstance(value, bool):
        raise _Bad(f"{what} phải là một ngày (dd/mm/yyyy)")
    try:
        return parse_date(value)
    except ValueProblem as exc:
        raise _Bad(f"{what} “{clean(value)}” không phải ngày (dd/mm/yyyy)") from exc


@xw.func
@xw.arg("decision_date", ndim=2)
def OCOP_VALID_UNTIL(decision_date: Any) -> Any:
    """Ngày cuối cùng giấy chứng nhận OCOP còn hiệu lực: ngày quyết định công nhận + 36
    tháng (31/01/2023 → 31/01/2026; 29/02/2024 → 28/02/2027)."""
    return _each(decision_date, _memo(lambda v: valid_until(_date(v), DEFAULT_VALIDITY_MONTHS)))


@xw.func
@xw.arg("decision_date", ndim=2)
def OCOP_CERT_STATUS(decision_date: Any, as_of: Any = None) -> Any:
    """Tình trạng giấy chứng nhận tính đến ngày ``as_of`` (để trống: hôm nay): Còn hiệu lực,
    Sắp hết hạn (còn không quá 90 ngày) hoặc Hết hạn (từ ngày sau ngày hiệu lực cuối)."""

    def run() -> Any:
        day = date.today() if is_blank(as_of) else _date(as_of, "ngày xét")
        return _each(
            decision_date,
            _memo(lambda v: date_status(_date(v), day, DEFAULT_VALIDITY_MONTHS, DEFAULT_WINDOW)),
        )

    return _whole_call(run)


__all__ = [
    "OCOP_CERT_STATUS",
    "OCOP_MEAN",
    "OCOP_PART_MAX",
    "OCOP_RESCORE",
    "OCOP_SPREAD",
    "OCOP_STAR",
    "OCOP_STAR_LABEL",
    "OCOP_THRESHOLD",
    "OCOP_VALID_UNTIL",
]
