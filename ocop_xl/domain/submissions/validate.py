"""Checks of one commune file: its template, its commune, every row and every field.

All problems are collected in one pass; a row with errors is still consolidated (its
errors are listed in Kiểm tra), except a row without a product name, which cannot be
identified. A text longer than an Excel cell holds is an error and is cut, visibly, to fit;
its row is still consolidated. A cell holding a formula without a stored value (when the
reader looked for them: ``SourceSheet.unsaved_formulas``) is reported as such, not as blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.precheck import KEYS as PRECHECK_CONTENTS
from ocop_xl.domain.precheck import CommunePrecheck, assess, label_of
from ocop_xl.domain.register.validity import valid_until
from ocop_xl.domain.submissions.fields import (
    ALL_TAX_FORMS,
    TaxIdRule,
    normalise_phone,
    normalise_tax_id,
)
from ocop_xl.domain.submissions.fields import parse_stars as _parse_stars
from ocop_xl.domain.submissions.ids import product_id
from ocop_xl.domain.submissions.model import FileSummary, Product, SourceSheet
from ocop_xl.domain.submissions.rules import Rules
from ocop_xl.domain.submissions.schema import FORM_FIELDS
from ocop_xl.domain.submissions.vocab import (
    CERTIFIED_KINDS,
    FIELDS,
    KIND_UPGRADE,
    KNOWN_TEMPLATE_VERSIONS,
    MAX_STARS,
    PRECHECK_FIELDS,
    PREFILLED_FIELDS,
    REQUIRED_FIELDS,
    STAR_CHOICES,
    TAX_ID_FORMS,
    TAX_ID_REQUIRED_TYPES,
)
from ocop_xl.domain.text import (
    EXCEL_CELL_LIMIT,
    brief,
    clean,
    cut_to_cell,
    excel_length,
    fits_cell,
    is_blank,
)
from ocop_xl.domain.values import ValueProblem, parse_date


@dataclass
class FileOutcome:
    summary: FileSummary
    commune_code: str | None
    products: list[Product] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    modified: float = 0.0


_TEXTS: dict[str, str] = {}  # many cells repeat (types, kinds, hamlets): clean each once


_REQUIRED_IN_ORDER = tuple(k for k in FIELDS if k in REQUIRED_FIELDS)

# The texts of a product that go into cells of Đăng ký, each from the source cell of the
# same field: the schema's text fields but the pre-filled ones (the row number, the commune).
# Shorter than half the cell limit, a text fits whatever its characters.
_CELL_TEXTS = tuple(
    f.key for f in FORM_FIELDS if f.kind == "text" and f.key not in PREFILLED_FIELDS
)
_cell_texts = attrgetter(*_CELL_TEXTS)
_SURELY_FITS = EXCEL_CELL_LIMIT // 2

# Findings a blank cell or row leads to. Only a file with one of them is looked at again
# for cells holding a formula without a stored value (they read as blank), so the files
# that have none are not read twice.
BLANK_FINDINGS = frozenset(
    {
        "REQUIRED_MISSING",
        "PRODUCT_NAME_MISSING",
        "TAX_ID_REQUIRED",
        "REQUIRED_FOR_KIND",
        "BLANK_ROWS",
        "FILE_NO_PRODUCTS",
        "PRECHECK_BLANK",
        "PRECHECK_NOT_FILLED",
    }
)


def has_blank_findings(outcome: FileOutcome) -> bool:
    return any(issue.code in BLANK_FINDINGS for issue in outcome.issues)


def text_of(value: Any) -> str:
    """A cell as text: 12.0 -> '12', a date -> 'dd/mm/yyyy', text cleaned (NFC, spaces)."""
    if isinstance(value, str):
        found = _TEXTS.get(value)
        if found is None:
            if len(_TEXTS) > 100_000:
                _TEXTS.clear()
            found = _TEXTS[value] = clean(value)
        return found
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return clean(value)


class _Row:
    """Collects the findings of one row, so the row can carry its counts."""

    def __init__(self, src: SourceSheet, row: int, issues: list[Issue]) -> None:
        self.src, self.row, self.issues = src, row, issues
        self.errors = self.warnings = 0
        # Fields whose cell holds a formula without a stored value: reported once as
        # such, never again as blank.
        self.unsaved: tuple[str, ...] = src.unsaved_formulas.get(row, ())

    def at(self, key: str) -> Location:
        return self.src.location(self.row, key)

    def error(self, code: str, key: str, **params: Any) -> None:
        self.issues.append(Issue.error(code, self.at(key), **params))
        self.errors += 1

    def warning(self, code: str, key: str, **params: Any) -> None:
        self.issues.append(Issue.warning(code, self.at(key), **params))
        self.warnings += 1

    def label(self, key: str) -> str:
        return self.src.labels.get(key, key)

    def invalid(self, key: str, raw: Any, problem: ValueProblem) -> None:
        self.error(
            "VALUE_INVALID",
            key,
            label=self.label(key),
            value=quoted(raw),
            expected_vi=problem.expected_vi,
            expected_en=problem.expected_en,
        )

    def fit(self, key: str, text: str) -> str:
        """``text`` as one Excel cell holds it: a longer text is an error and is cut,
        ending in '…', never cut without a word."""
        if fits_cell(text):
            return text
        self.error(
            "TEXT_TOO_LONG",
            key,
            label=self.label(key),
            length=excel_length(text),
            limit=EXCEL_CELL_LIMIT,
        )
        return cut_to_cell(text)


def quoted(value: Any) -> str:
    """A cell's value as a message quotes it (a long text shortened, with '…')."""
    return brief(text_of(value))


def is_filled(values: dict[str, Any]) -> bool:
    """Whether a row holds anything beyond what the template pre-fills (text of only
    spaces and invisible characters is nothing)."""
    for key, value in values.items():
        if value is None or key in PREFILLED_FIELDS:
            continue
        if not isinstance(value, str) or not is_blank(value):
            return True
    return False


def _formula_rows(src: SourceSheet) -> set[int]:
    """Rows with a typed field holding a formula without a stored value: not blank, even
    though every cell of them may read so."""
    return {
        row
        for row, keys in src.unsaved_formulas.items()
        if any(key not in PREFILLED_FIELDS for key in keys)
    }


def _meta_checks(src: SourceSheet, rules: Rules, issues: list[Issue]) -> None:
    where = Location(src.file, src.sheet)
    if not src.meta:
        issues.append(Issue.warning("TEMPLATE_META_MISSING", where))
        return
    version = src.meta.get("template_version", "")
    if version not in KNOWN_TEMPLATE_VERSIONS:
        issues.append(
            Issue.warning(
                "TEMPLATE_VERSION_UNKNOWN",
                where,
                version=version or "?",
                known=", ".join(sorted(KNOWN_TEMPLATE_VERSIONS)),
            )
        )
    profile, year = src.meta.get("profile_id", ""), src.meta.get("year", "")
    if (profile and profile != rules.profile_id) or (year and year != str(rules.year)):
        issues.append(
            Issue.warning(
                "TEMPLATE_OTHER_PLAN",
                where,
                profile=profile or "?",
                year=year or "?",
                expected_profile=rules.profile_id,
                expected_year=rules.year,
            )
        )


def _file_commune(
    src: SourceSheet, rules: Rules, filled: list[tuple[int, dict[str, Any]]], issues: list[Issue]
) -> str | None:
    """The commune of the file: its metadata, else the one commune its rows name."""
    where = Location(src.file, src.sheet)
    meta_code = src.meta.get("commune_code", "")
    if meta_code in rules.communes:
        return meta_code
    named = {
        rules.commune_code(v.get("commune")) for _, v in filled if not is_blank(v.get("commune"))
    }
    if meta_code:
        issues.append(
            Issue.error(
                "COMMUNE_UNKNOWN",
                where,
                value=brief(meta_code),
                known=", ".join(rules.communes),
            )
        )
    if len(named) == 1 and None not in named:
        return named.pop()
    if not meta_code:
        issues.append(Issue.error("COMMUNE_MISSING", where))
    return None


def _blank_runs(src: SourceSheet, filled_rows: set[int], issues: list[Issue]) -> None:
    """One warning per run of blank rows that has filled rows after it."""
    run_start: int | None = None
    for row, _ in src.rows:
        if row in filled_rows:
            if run_start is not None:
                last = row - 1
                rows = str(run_start) if last == run_start else f"{run_start}-{last}"
                issues.append(
                    Issue.warning(
                        "BLANK_ROWS",
                        Location(src.file, src.sheet, row=run_start),
                        last=last,
                        rows=rows,
                    )
                )
                run_start = None
        elif run_start is None:
            run_start = row


def check_file(src: SourceSheet, rules: Rules) -> FileOutcome:
    issues: list[Issue] = []
    _meta_checks(src, rules, issues)
    for key in _REQUIRED_IN_ORDER:
        if key not in src.letters:
            issues.append(
                Issue.error(
                    "SUBMISSION_COLUMN_MISSING",
                    Location(src.file, src.sheet, field=key),
                    label=src.labels.get(key, key),
                )
            )
    formula_rows = _formula_rows(src) if src.unsaved_formulas else set()
    filled = [(r, v) for r, v in src.rows if is_filled(v) or r in formula_rows]
    code = _file_commune(src, rules, filled, issues)
    summary = FileSummary(src.file, src.sha256, code or "", rows=len(filled))
    outcome = FileOutcome(summary, code, issues=issues, modified=src.modified)
    if code is None:
        summary.refused = True
        _count(outcome)
        return outcome
    _blank_runs(src, {r for r, _ in filled}, issues)
    if not filled:
        issues.append(Issue.warning("FILE_NO_PRODUCTS", Location(src.file, src.sheet)))
    required = [k for k in _REQUIRED_IN_ORDER if k in src.letters]
    with_precheck = _precheck_columns(src, rules, filled, issues)
    for row, values in filled:
        product = _check_row(src, rules, code, row, values, required, issues, with_precheck)
        if product is not None:
            outcome.products.append(product)
    _count(outcome)
    return outcome


def _precheck_columns(
    src: SourceSheet, rules: Rules, filled: list[tuple[int, dict[str, Any]]], issues: list[Issue]
) -> bool:
    """Whether the rows carry the commune's pre-check to read. Under a route with a commune
    pre-check, a file without (some of) its columns is a warning; under a route without one,
    a file that fills them is told they are not consolidated."""
    present = [k for k in PRECHECK_CONTENTS if k in src.letters]
    where = Location(src.file, src.sheet)
    if not rules.pre_check:
        if any(not is_blank(values.get(k)) for _, values in filled for k in PRECHECK_FIELDS):
            issues.append(Issue.warning("PRECHECK_NOT_IN_ROUTE", where, route=rules.route))
        return False
    missing = [k for k in PRECHECK_CONTENTS if k not in present]
    if missing and filled:
        labels = ", ".join(src.labels.get(k, label_of(k)) for k in missing)
        issues.append(Issue.warning("PRECHECK_COLUMNS_MISSING", where, columns=labels))
    return bool(present)


def _count(outcome: FileOutcome) -> None:
    outcome.summary.errors = sum(1 for i in outcome.issues if i.is_error)
    outcome.summary.warnings = len(outcome.issues) - outcome.summary.errors


def _check_row(
    src: SourceSheet,
    rules: Rules,
    code: str,
    row: int,
    values: dict[str, Any],
    required: list[str],
    issues: list[Issue],
    with_precheck: bool = False,
) -> Product | None:
    r = _Row(src, row, issues)
    get = values.get
    for key in r.unsaved:
        if key not in PREFILLED_FIELDS:
            r.error(
                "PRODUCT_NAME_FORMULA_NO_VALUE" if key == "product_name" else "FORMULA_NO_VALUE",
                key,
                label=r.label(key),
            )
    unsaved = r.unsaved
    for key in required:
        if is_blank(get(key)) and key not in unsaved:
            r.error(
                "PRODUCT_NAME_MISSING" if key == "product_name" else "REQUIRED_MISSING",
                key,
                label=r.label(key),
            )

    raw_commune = get("commune")
    if not is_blank(raw_commune) and rules.commune_code(raw_commune) != code:
        r.error(
            "COMMUNE_MISMATCH", "commune", value=quoted(raw_commune), expected=rules.communes[code]
        )

    group_code = group_name = ""
    raw = get("group_code")
    if not is_blank(raw):
        group = rules.groups.match(raw)
        if group is None:
            r.error(
                "GROUP_UNKNOWN", "group_code", value=quoted(raw), criteria_set=rules.criteria_set
            )
        elif not group.leaf:
            r.error("GROUP_NOT_LEAF", "group_code", value=group.code, name=group.name)
        else:
            group_code, group_name = group.code, group.name

    producer_type = _choice(r, rules.producer_types, "producer_type", get("producer_type"))
    kind = _choice(r, rules.kinds, "kind", get("kind"))

    phone = ""
    tax_id = _tax_id(r, producer_type, get("tax_id"))
    raw = get("phone")
    if not is_blank(raw):
        try:
            phone = normalise_phone(raw)
        except ValueProblem:
            r.error("PHONE_FORMAT", "phone", value=quoted(raw))
            phone = text_of(raw)

    stars, cert_date = _certificate(r, rules, kind, values)
    support = _support(r, rules, get("support"))

    name = text_of(get("product_name"))
    if not name:
        return None
    product = Product(
        product_id="",
        commune_code=code,
        commune=rules.communes[code],
        product_name=name,
        group_code=group_code or text_of(get("group_code")),
        group_name=group_name,
        producer=text_of(get("producer")),
        producer_type=producer_type or text_of(get("producer_type")),
        tax_id=tax_id,
        representative=text_of(get("representative")),
        phone=phone,
        address=text_of(get("address")),
        kind=kind or text_of(get("kind")),
        current_stars=stars,
        certificate_no=text_of(get("certificate_no")),
        certificate_date=cert_date,
        support=support,
        notes=text_of(get("notes")),
        source_file=src.file,
        source_sheet=src.sheet,
        source_row=row,
        extra={h: values[h] for h in src.extra_columns if not is_blank(values.get(h))},
        origin=src.location(row, "product_name"),
    )
    if max(map(len, _cell_texts(product))) > _SURELY_FITS:
        for key in _CELL_TEXTS:
            setattr(product, key, r.fit(key, getattr(product, key)))
    if with_precheck:
        product.precheck = _precheck(r, values, name)
    product.product_id = product_id(code, product.product_name, product.producer)
    product.errors, product.warnings = r.errors, r.warnings
    return product


def _precheck(r: _Row, values: dict[str, Any], name: str) -> CommunePrecheck | None:
    """The commune's assessment of the row's product (``ocop_xl.domain.precheck``'s rule),
    each problem at its cell; nothing assessed at all is one warning and no assessment."""
    letters = r.src.letters
    # a missing column was reported for the file; an unsaved formula at its own cell
    skip = {k for k in PRECHECK_CONTENTS if k not in letters} | set(r.unsaved)
    verdict = assess(lambda key: values.get(key) if key in letters else None, skip)
    report = text_of(values.get("precheck_report")) if "precheck_report" in letters else ""
    first = next(k for k in PRECHECK_FIELDS if k in letters)
    if verdict.blank and not report:
        if not any(k in r.unsaved for k in PRECHECK_FIELDS):
            r.warning("PRECHECK_NOT_FILLED", first, product=brief(name))
        return None
    for key, code, value in verdict.problems:
        r.error(code, key, content=label_of(key), value=quoted(value) if value else "")
    found = {k: v if fits_cell(v) else r.fit(k, v) for k, v in verdict.values.items()}
    return CommunePrecheck(
        replace(verdict, values=found), r.fit("precheck_report", report), r.at(first)
    )


def _tax_id(r: _Row, producer_type: str, raw: Any) -> str:
    """The producer's number in the form its type registers under; required only for the
    types that always have one (``vocab.TAX_ID_REQUIRED_TYPES``)."""
    rule = TaxIdRule(
        producer_type in TAX_ID_REQUIRED_TYPES, TAX_ID_FORMS.get(producer_type, ALL_TAX_FORMS)
    )
    expected_vi, expected_en = rule.expected
    who = producer_type or "chủ thể"
    if is_blank(raw):
        if rule.required and "tax_id" in r.src.letters and "tax_id" not in r.unsaved:
            r.error(
                "TAX_ID_REQUIRED",
                "tax_id",
                label=r.label("tax_id"),
                producer_type=who,
                expected_vi=expected_vi,
                expected_en=expected_en,
            )
        return ""
    try:
        return normalise_tax_id(raw, rule.forms)
    except ValueProblem:
        r.error(
            "TAX_ID_FORMAT",
            "tax_id",
            value=quoted(raw),
            label=r.label("tax_id"),
            producer_type=who,
            expected_vi=expected_vi,
            expected_en=expected_en,
        )
        return text_of(raw)


def _choice(r: _Row, choices: Any, key: str, raw: Any) -> str:
    if is_blank(raw):
        return ""
    found = choices.match(raw)
    if found is None:
        r.error(
            "VALUE_NOT_IN_LIST",
            key,
            label=r.label(key),
            value=quoted(raw),
            choices=", ".join(choices.values),
        )
        return ""
    return found


def _certificate(
    r: _Row, rules: Rules, kind: str, values: dict[str, Any]
) -> tuple[int | None, date | None]:
    stars: int | None = None
    raw = values.get("current_stars")
    if not is_blank(raw):
        try:
            stars = _parse_stars(raw)
            if stars not in STAR_CHOICES:
                raise ValueProblem(
                    "số sao của giấy chứng nhận OCOP: 3, 4 hoặc 5",
                    "the stars of an OCOP certificate: 3, 4 or 5",
                )
        except ValueProblem as problem:
            r.invalid("current_stars", raw, problem)
            stars = None
    cert_date: date | None = None
    raw = values.get("certificate_date")
    if not is_blank(raw):
        try:
            cert_date = parse_date(raw)
        except ValueProblem as problem:
            r.invalid("certificate_date", raw, problem)
    if kind in CERTIFIED_KINDS:
        for key in ("current_stars", "certificate_no", "certificate_date"):
            if key in r.src.letters and is_blank(values.get(key)) and key not in r.unsaved:
                r.error("REQUIRED_FOR_KIND", key, label=r.label(key), kind=kind)
        if kind == KIND_UPGRADE and stars == MAX_STARS:
            r.error("UPGRADE_FROM_MAX_STARS", "current_stars", stars=stars)
    elif kind and stars is not None:
        r.warning("STARS_NOT_EXPECTED", "current_stars", kind=kind, stars=stars)
    if cert_date is not None:
        if cert_date > rules.today:
            r.error("CERTIFICATE_DATE_FUTURE", "certificate_date", value=_vn(cert_date))
        else:
            expiry = valid_until(cert_date, rules.certificate_months)
            if expiry < rules.today:
                r.warning(
                    "CERTIFICATE_EXPIRED",
                    "certificate_date",
                    value=_vn(cert_date),
                    expiry=_vn(expiry),
                    months=rules.certificate_months,
                )
    return stars, cert_date


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _support(r: _Row, rules: Rules, raw: Any) -> str:
    if is_blank(raw):
        return ""
    found = rules.support.match(raw)
    if found.unknown:
        r.error(
            "SUPPORT_UNKNOWN",
            "support",
            value=quoted(raw),
            unknown=brief(", ".join(found.unknown)),
            # only the items a commune may request for one product (the form's list)
            known=", ".join(
                code for code, _ in rules.support.items if code not in rules.plan_wide_support
            ),
        )
    kept = []
    for code in found.codes:
        if code in rules.plan_wide_support:
            r.warning("SUPPORT_NOT_PER_PRODUCT", "support", item=code)
        else:
            kept.append(code)
    return ", ".join(kept)
