"""Recognition at the office's level: certificate numbers and the draft decision.

Under a route whose office level recognises stars (QĐ 148: the district, 3★; QĐ 1489: the
province, 3★–4★), the People's Committee issues a *Quyết định công nhận* with an attached
list and one certificate (giấy chứng nhận) per product. This module is the one API for that:

- ``CertificateRecord``: one row of the certificate register (sheet Sổ giấy chứng nhận):
  certificate number, sequence, year, product, star, points, and the decision number and
  date the office types once the decision is signed.
- ``assign_certificates``: the register after a round: a product already holding a number
  keeps it; a new recognised product gets the next sequence; a number once given is never
  given to anything else (a product no longer recognised keeps its row, marked withdrawn).
- ``recognitions``: per product, the decision number/date and certificate number in force
  (what the product register builds on).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from ocop_xl.domain.text import fold

STATUS_DRAFT = "Dự thảo"
STATUS_ISSUED = "Đã ban hành"  # typed by the office, or implied by a decision number
STATUS_WITHDRAWN = "Không còn đủ điều kiện"
PLACEHOLDERS = ("province", "unit", "seq", "year")


def certificate_number(pattern: str, *, seq: int, year: int, province: str, unit: str) -> str:
    """The pattern filled in: '{seq:03d}/GCN-OCOP/{year}' → '007/GCN-OCOP/2025'."""
    return pattern.format(seq=seq, year=year, province=province, unit=unit)


def check_pattern(pattern: str) -> str | None:
    """Why a pattern cannot number certificates, or None. It needs {seq} (else two
    products would share a number) and only the known placeholders."""
    if "{seq" not in pattern:
        return "thiếu {seq} (số thứ tự)"
    try:
        certificate_number(pattern, seq=1, year=2000, province="X", unit="Y")
    except (KeyError, IndexError, ValueError) as exc:
        return f"chỉ dùng {', '.join('{' + p + '}' for p in PLACEHOLDERS)} ({exc})"
    return None


@dataclass(frozen=True)
class CertificateRecord:
    number: str
    seq: int
    year: int
    product_id: str
    star: int
    points: Fraction | None = None
    product_name: str = ""
    producer: str = ""
    commune: str = ""
    status: str = STATUS_DRAFT
    decision_no: str = ""
    decision_date: date | None = None

    @property
    def in_force(self) -> bool:
        return self.status != STATUS_WITHDRAWN


@dataclass(frozen=True)
class Recognised:
    """A product the office recognises in this round (from Kết quả)."""

    product_id: str
    star: int
    points: Fraction | None
    product_name: str = ""
    producer: str = ""
    commune: str = ""


def assign_certificates(
    recognised: Sequence[Recognised],
    register: Sequence[CertificateRecord],
    *,
    pattern: str,
    year: int,
    province: str,
    unit: str,
) -> list[CertificateRecord]:
    """The register after this round, existing rows first in their order, then new ones.

    A product with a row of this year keeps its number (its star and points follow the
    latest result while the row is a draft); a product recognised for the first time gets
    the next sequence of the year; a draft row whose product is no longer recognised is
    marked withdrawn and its number is never used again. Issued rows are never changed."""
    now = {r.product_id: r for r in recognised}
    out: list[CertificateRecord] = []
    holders: set[str] = set()
    for row in register:
        mine = row.year == year and row.product_id in now and row.product_id not in holders
        if row.status == STATUS_ISSUED or row.decision_no:
            out.append(row)
            if mine:
                holders.add(row.product_id)
            continue
        if mine:
            r = now[row.product_id]
            out.append(
                replace(
                    row,
                    star=r.star,
                    points=r.points,
                    product_name=r.product_name or row.product_name,
                    producer=r.producer or row.producer,
                    commune=r.commune or row.commune,
                    status=STATUS_DRAFT,
                )
            )
            holders.add(row.product_id)
        elif row.year == year and row.status == STATUS_DRAFT:
            out.append(replace(row, status=STATUS_WITHDRAWN))
        else:
            out.append(row)
    used_numbers = {fold(r.number) for r in out}
    seq = max((r.seq for r in out if r.year == year), default=0)
    for r in recognised:
        if r.product_id in holders:
            continue
        while True:
            seq += 1
            number = certificate_number(pattern, seq=seq, year=year, province=province, unit=unit)
            if fold(number) not in used_numbers:
                break
        used_numbers.add(fold(number))
        holders.add(r.product_id)
        out.append(
            CertificateRecord(
                number=number,
                seq=seq,
                year=year,
                product_id=r.product_id,
                star=r.star,
                points=r.points,
                product_name=r.product_name,
                producer=r.producer,
                commune=r.commune,
            )
        )
    return out


@dataclass(frozen=True)
class Recognition:
    """What the product register needs of one recognised product."""

    product_id: str
    star: int
    certificate_no: str
    decision_no: str
    decision_date: date | None
    status: str


def recognitions(register: Iterable[CertificateRecord]) -> dict[str, Recognition]:
    """Per product, its latest certificate in force (the last row of the register wins)."""
    found: dict[str, Recognition] = {}
    for row in register:
        if not row.in_force:
            continue
        found[row.product_id] = Recognition(
            row.product_id, row.star, row.number, row.decision_no, row.decision_date, row.status
        )
    return found
