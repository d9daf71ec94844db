"""The commune pre-check at scoring: the rows of *Kiểm tra của xã*, read with the one rule of
``ocop_xl.domain.precheck``. A product whose four contents are not all assessed "Đạt" is not
eligible for scoring at the province; one without a complete row waits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ocop_xl.domain.issues import Issue
from ocop_xl.domain.precheck import CONTENTS, FAIL, PASS, assess, problem_issues
from ocop_xl.domain.scoring.model import Product, Row
from ocop_xl.domain.text import clean, is_blank

__all__ = ["CONTENTS", "FAIL", "PASS", "PrecheckBook", "check_precheck_rows"]


@dataclass
class PrecheckBook:
    """Per product ID: True when all four contents pass, False when one fails; a product
    absent from ``passed`` has no complete pre-check."""

    passed: dict[str, bool] = field(default_factory=dict)
    failed_contents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def check_precheck_rows(rows: Sequence[Row], products: Sequence[Product]) -> PrecheckBook:
    book = PrecheckBook()
    ids = {p.product_id.casefold(): p.product_id for p in products}
    seen: set[str] = set()
    for row in rows:
        if all(is_blank(row.get(k)) for k, _ in CONTENTS):
            continue
        raw = clean(row.get("product_id"))
        pid = ids.get(raw.casefold())
        if pid is None:
            book.issues.append(
                Issue.error("PRECHECK_PRODUCT_UNKNOWN", row.at("product_id"), value=raw)
            )
            continue
        if pid in seen:
            book.issues.append(Issue.error("PRECHECK_REPEATED", row.at("product_id"), value=pid))
            book.passed.pop(pid, None)
            continue
        seen.add(pid)
        verdict = assess(row.get)
        book.issues += problem_issues(verdict, row.at)
        if verdict.passed is not None:
            book.passed[pid] = verdict.passed
        if verdict.failed:
            book.failed_contents[pid] = verdict.failed
    return book
