"""Consolidation across files: one file per commune, one row per product.

Runs after every file has been checked on its own (``validate.check_file``):
- a commune with several files keeps its newest file, the others are set aside;
- the same product (same normalised name and producer) twice, in one commune or in two,
  is an error: the first keeps its place in Đăng ký, the later row is left out;
- near-identical names of one producer are a warning.
Products already in the master for communes not read this time take part in the
duplicate checks, so a commune's file is checked against everything the list holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.submissions.ids import name_key, producer_key, product_id, product_key
from ocop_xl.domain.submissions.model import FileSummary, Product
from ocop_xl.domain.submissions.rules import Rules
from ocop_xl.domain.submissions.validate import FileOutcome
from ocop_xl.domain.text import brief

SIMILAR_RATIO = 0.85  # difflib ratio of two folded names above which they look the same


@dataclass
class Consolidation:
    products: list[Product] = field(default_factory=list)  # to write, in list order
    issues: list[Issue] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)
    communes: list[str] = field(default_factory=list)  # communes whose rows are replaced


def consolidate(outcomes: list[FileOutcome], kept: list[Product], rules: Rules) -> Consolidation:
    result = Consolidation()
    used = _one_file_per_commune(outcomes, rules, result)
    result.communes = sorted(
        {o.commune_code for o in used if o.commune_code}, key=rules.commune_order
    )
    by_file = {id(o): o for o in used}
    for outcome in outcomes:
        result.files.append(outcome.summary)
        if id(outcome) in by_file or outcome.commune_code is None:
            result.issues.extend(outcome.issues)

    new = [
        p
        for o in sorted(used, key=lambda o: rules.commune_order(o.commune_code or ""))
        for p in o.products
    ]
    accepted, issues = _drop_duplicates(new, kept)
    issues += _similar_names(accepted, kept)
    by_name: dict[str, FileSummary] = {}
    for summary in result.files:
        by_name.setdefault(summary.file, summary)  # the first of a name, as a scan finds
    for issue in issues:
        _count_on_file(by_name, issue)
    result.issues.extend(issues)
    result.products = accepted
    per_file = Counter(p.source_file for p in accepted)  # one pass, not one per file
    for summary in result.files:
        summary.products = per_file[summary.file]
    return result


def _one_file_per_commune(
    outcomes: list[FileOutcome], rules: Rules, result: Consolidation
) -> list[FileOutcome]:
    by_commune: dict[str, list[FileOutcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.commune_code:
            by_commune[outcome.commune_code].append(outcome)
    used = []
    for code, group in by_commune.items():
        group.sort(key=lambda o: (o.modified, o.summary.file))
        newest = group[-1]
        used.append(newest)
        for older in group[:-1]:
            older.summary.refused = True
            older.summary.errors = 0
            older.summary.warnings = 1
            older.products = []
            result.issues.append(
                Issue.warning(
                    "COMMUNE_FILE_TWICE",
                    Location(older.summary.file),
                    commune=rules.communes[code],
                    used=newest.summary.file,
                    modified=_when(newest.modified),
                )
            )
    return used


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d/%m/%Y %H:%M") if timestamp else "?"


def _drop_duplicates(new: list[Product], kept: list[Product]) -> tuple[list[Product], list[Issue]]:
    seen: dict[str, Product] = {}
    ids: dict[str, str] = {}  # product ID -> key, to catch the (rare) hash collision
    for product in kept:
        seen.setdefault(product_key(product.product_name, product.producer), product)
        ids[product.product_id] = product_key(product.product_name, product.producer)
    accepted: list[Product] = []
    issues: list[Issue] = []
    for product in new:
        key = product_key(product.product_name, product.producer)
        other = seen.get(key)
        if other is not None:
            issues.append(
                Issue.error(
                    "DUPLICATE_PRODUCT",
                    product.origin or Location(product.source_file, product.source_sheet),
                    name=brief(product.product_name),
                    producer=brief(product.producer),
                    other=_describe(other, product.source_file),
                    other_id=other.product_id,
                )
            )
            continue
        if ids.get(product.product_id, key) != key:  # two products, one short hash
            product.product_id = product_id(
                product.commune_code, product.product_name, product.producer, digits=12
            )
        seen[key] = product
        ids[product.product_id] = key
        accepted.append(product)
    return accepted, issues


def _describe(product: Product, file: str) -> str:
    """Where the product repeated stands, as the commune that sent ``file`` reads it: a row
    of the same file, or of a file by its own name (never the district's folders), or the
    list already consolidated (never an internal ID: the message goes back to the commune)."""
    if product.source_file and product.source_row:
        if product.source_file == file:
            return f"dòng {product.source_row} trong cùng tệp"
        name = product.source_file.replace("\\", "/").rsplit("/", 1)[-1]
        return f"dòng {product.source_row} tệp {name}"
    return "một sản phẩm đã có trong danh sách tổng hợp"


def _producer_identity(product: Product) -> str:
    return product.tax_id.split("-")[0] if product.tax_id else producer_key(product.producer)


def _similar_names(accepted: list[Product], kept: list[Product]) -> list[Issue]:
    by_producer: dict[str, list[tuple[Product, str]]] = defaultdict(list)
    for product in kept:
        by_producer[_producer_identity(product)].append((product, name_key(product.product_name)))
    issues = []
    letters: dict[str, Counter[str]] = {}
    for product in accepted:
        group = by_producer[_producer_identity(product)]
        mine = name_key(product.product_name)
        for other, theirs in group:
            # difflib's two quick upper bounds of ratio() (real_quick_ratio: the lengths;
            # quick_ratio: the letters in common), computed as difflib does but without a
            # SequenceMatcher per pair: most pairs stop there.
            length = len(mine) + len(theirs)
            if _ratio(min(len(mine), len(theirs)), length) < SIMILAR_RATIO:
                continue
            if _ratio(_common_letters(mine, theirs, letters), length) < SIMILAR_RATIO:
                continue
            if SequenceMatcher(None, mine, theirs).ratio() >= SIMILAR_RATIO:
                issues.append(
                    Issue.warning(
                        "SIMILAR_PRODUCT",
                        product.origin or Location(product.source_file, product.source_sheet),
                        name=brief(product.product_name),
                        other_name=brief(other.product_name),
                        other=_describe(other, product.source_file),
                        producer=brief(product.producer),
                    )
                )
                product.warnings += 1
                break
        group.append((product, mine))
    return issues


def _ratio(matches: int, length: int) -> float:
    """difflib's ratio formula, so a bound compares with ``SIMILAR_RATIO`` exactly as the
    SequenceMatcher's own would."""
    return 2.0 * matches / length if length else 1.0


def _common_letters(a: str, b: str, letters: dict[str, Counter[str]]) -> int:
    """How many letters ``a`` and ``b`` have in common, counted with repeats (what
    ``SequenceMatcher.quick_ratio`` counts); each name's letters counted once."""
    ca = letters.get(a)
    if ca is None:
        ca = letters[a] = Counter(a)
    cb = letters.get(b)
    if cb is None:
        cb = letters[b] = Counter(b)
    return sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)


def _count_on_file(files: dict[str, FileSummary], issue: Issue) -> None:
    summary = files.get(issue.location.file)
    if summary is not None:
        if issue.is_error:
            summary.errors += 1
        else:
            summary.warnings += 1
