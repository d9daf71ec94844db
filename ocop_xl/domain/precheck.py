"""The commune pre-check (QĐ 1489/QĐ-TTg; QĐ 26/2026/QĐ-TTg, Điều 7.2 and Mẫu số 03): before
the province scores, the commune People's Committee assesses four contents of each dossier
and reports them. One rule reads an assessment, wherever it was typed (the commune's file,
or the office's *Kiểm tra của xã*): each content is "Đạt" or "Không đạt" (accents and case
aside); a product is eligible when all four are "Đạt".

``merge_prechecks`` puts what the commune files say into the rows of *Kiểm tra của xã*: a row
the program wrote from a file (its *Tệp nguồn* names a file ocop_xl read) is replaced when
its commune's file is read again; every other row is the office's and stays as it is, and a
product the office has a row for is never written over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.text import clean, fold, is_blank

# the four contents the commune assesses (docs/profile.md for the sources)
CONTENTS: tuple[tuple[str, str], ...] = (
    ("origin", "nguồn gốc sản phẩm/nguyên liệu địa phương"),
    ("labour", "sử dụng lao động địa phương"),
    ("idea", "nguồn gốc ý tưởng sản phẩm"),
    ("identity", "bản sắc, trí tuệ địa phương"),
)
KEYS: tuple[str, ...] = tuple(key for key, _ in CONTENTS)
PASS, FAIL = "Đạt", "Không đạt"
_PASS, _FAIL = fold(PASS), fold(FAIL)

# Kiểm tra của xã, as the master's layout declares it (keys of the frame written)
ROW_KEYS = ("product_id", "commune", *KEYS, "report", "note", "source")


@dataclass(frozen=True)
class Verdict:
    """The commune's assessment of one product: each content's value as written ("Đạt",
    "Không đạt", or the text found), the labels of the contents not met, and the problems
    (content key, ``PRECHECK_BLANK`` or ``PRECHECK_INVALID``, the text found)."""

    values: Mapping[str, str]
    failed: tuple[str, ...] = ()
    problems: tuple[tuple[str, str, str], ...] = ()

    @property
    def blank(self) -> bool:
        """Nothing assessed at all."""
        return not any(self.values.values())

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def passed(self) -> bool | None:
        """True: all four met; False: one is not met; None: not all assessed."""
        if self.failed:
            return False
        return True if self.complete else None


def assess(get: Callable[[str], Any], skip: Iterable[str] = ()) -> Verdict:
    """Read the four contents through ``get`` (a row's value by content key). Contents in
    ``skip`` (a cell whose formula has no stored value, reported otherwise) raise no
    problem."""
    skipped = set(skip)
    values: dict[str, str] = {}
    failed: list[str] = []
    problems: list[tuple[str, str, str]] = []
    for key, label in CONTENTS:
        raw = get(key)
        if is_blank(raw):
            values[key] = ""
            if key not in skipped:
                problems.append((key, "PRECHECK_BLANK", ""))
            continue
        folded = fold(raw)
        if folded == _PASS:
            values[key] = PASS
        elif folded == _FAIL:
            values[key] = FAIL
            failed.append(label)
        else:
            values[key] = clean(raw)
            problems.append((key, "PRECHECK_INVALID", clean(raw)))
    return Verdict(values, tuple(failed), tuple(problems))


def label_of(key: str) -> str:
    return dict(CONTENTS)[key]


def problem_issues(verdict: Verdict, at: Callable[[str], Location]) -> list[Issue]:
    """The problems of a verdict as errors at their cells."""
    return [
        Issue.error(code, at(key), content=label_of(key), value=value)
        for key, code, value in verdict.problems
    ]


# -- from the commune files into Kiểm tra của xã -------------------------------------------


@dataclass(frozen=True)
class CommunePrecheck:
    """What one commune file says about one product: the verdict, the commune's report
    (number, date) and the first cell of the pre-check in the file."""

    verdict: Verdict
    report: str = ""
    cell: Location = field(default_factory=Location)


@dataclass(frozen=True)
class PrecheckSource:
    """A product read from a commune file, as the merge needs it."""

    product_id: str
    commune_code: str
    commune: str
    source_file: str
    precheck: CommunePrecheck | None


@dataclass
class PrecheckMerge:
    # (Excel row it was read from or None for a new row, the row's values by ROW_KEYS)
    rows: list[tuple[int | None, dict[str, Any]]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    written: int = 0  # rows written from commune files this run
    kept_typed: int = 0  # products the office's own row was kept for, over a file's


def is_program_row(row: Mapping[str, Any], known_files: set[str]) -> bool:
    """A row the program wrote from a commune file: its Tệp nguồn names a file ocop_xl read.
    Any other row (no file, or a text the office typed) is the office's."""
    source = row.get("source")
    return not is_blank(source) and clean(source) in known_files


def _commune_of(product_id: str, communes: Mapping[str, str]) -> str:
    """The commune of a product ID: as Đăng ký had it, else the ID's prefix."""
    found = communes.get(product_id.casefold())
    if found is not None:
        return found
    return product_id.rsplit("-", 1)[0] if "-" in product_id else ""


def _same(row: Mapping[str, Any], check: CommunePrecheck) -> bool:
    for key in KEYS:
        if fold(row.get(key)) != fold(check.verdict.values.get(key)):
            return False
    return fold(row.get("report")) == fold(check.report) or is_blank(check.report)


def _describe(values: Mapping[str, Any]) -> str:
    return "; ".join(clean(values.get(key)) or "(trống)" for key in KEYS)


def merge_prechecks(
    existing: Sequence[tuple[int | None, Mapping[str, Any]]],
    products: Sequence[PrecheckSource],
    replaced: set[str],
    known_files: set[str],
    communes: Mapping[str, str],
    master_cell: Callable[[int | None, str], Location],
) -> PrecheckMerge:
    """The rows of Kiểm tra của xã after a consolidation.

    ``existing``: the rows as read (Excel row, values); ``products``: the products read from
    commune files this run; ``replaced``: the communes whose files were read; ``known_files``:
    every commune file ocop_xl has read (Hồ sơ đã nhận, Đăng ký, this run); ``communes``:
    product ID (case-folded) -> commune code, as Đăng ký had them; ``master_cell(row, key)``
    names a cell of the sheet for the messages."""
    merge = PrecheckMerge()
    typed: dict[str, tuple[int | None, Mapping[str, Any]]] = {}
    replaced_rows: dict[str, tuple[int | None, Mapping[str, Any]]] = {}
    for excel_row, row in existing:
        pid = clean(row.get("product_id"))
        if is_program_row(row, known_files):
            if _commune_of(pid, communes) in replaced:
                replaced_rows.setdefault(pid.casefold(), (excel_row, row))
                continue  # read again below, or gone with its product
        elif pid:
            typed.setdefault(pid.casefold(), (excel_row, row))
        merge.rows.append((excel_row, {k: row.get(k) for k in ROW_KEYS}))
    for product in products:
        check = product.precheck
        if check is None or check.verdict.blank:
            continue
        key = product.product_id.casefold()
        if key in typed:
            excel_row, row = typed[key]
            merge.kept_typed += 1
            if not _same(row, check):
                merge.issues.append(
                    Issue.warning(
                        "PRECHECK_KEPT_TYPED",
                        check.cell,
                        product=product.product_id,
                        master_cell=master_cell(excel_row, "product_id").cell,
                        typed=_describe(row),
                        found=_describe(check.verdict.values),
                    )
                )
            continue
        old_row, old = replaced_rows.get(key, (None, {}))
        values: dict[str, Any] = {k: old.get(k) for k in ROW_KEYS}  # the office's note stays
        values.update(
            product_id=product.product_id,
            commune=product.commune,
            report=check.report or None,
            source=product.source_file,
        )
        values.update({k: check.verdict.values.get(k) or None for k in KEYS})
        merge.rows.append((old_row, values))
        merge.written += 1
    return merge
