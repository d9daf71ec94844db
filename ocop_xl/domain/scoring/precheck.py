"""The commune pre-check of QĐ 1489: before the province scores, the commune People's
Committee assesses four contents of each dossier and reports them. A product whose four
contents are not all assessed "Đạt" is not eligible for scoring at the province."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ocop_xl.domain.issues import Issue
from ocop_xl.domain.scoring.model import Product, Row
from ocop_xl.domain.text import clean, fold, is_blank

# the four contents the commune assesses (QĐ 1489/QĐ-TTg; docs/profile.md for the source)
CONTENTS: tuple[tuple[str, str], ...] = (
    ("origin", "nguồn gốc sản phẩm/nguyên liệu địa phương"),
    ("labour", "sử dụng lao động địa phương"),
    ("idea", "nguồn gốc ý tưởng sản phẩm"),
    ("identity", "bản sắc, trí tuệ địa phương"),
)
PASS, FAIL = "Đạt", "Không đạt"


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
        failed, complete = [], True
        for key, label in CONTENTS:
            value = fold(row.get(key))
            if value == fold(PASS):
                continue
            if value == fold(FAIL):
                failed.append(label)
                continue
            complete = False
            code = "PRECHECK_BLANK" if is_blank(row.get(key)) else "PRECHECK_INVALID"
            book.issues.append(
                Issue.error(code, row.at(key), content=label, value=clean(row.get(key)))
            )
        if failed:
            book.passed[pid] = False
            book.failed_contents[pid] = tuple(failed)
        elif complete:
            book.passed[pid] = True
    return book
