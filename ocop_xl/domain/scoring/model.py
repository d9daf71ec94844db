"""The things the council works with: products, criteria, typed rows, valid scores, results.

Scores are exact from the moment they are read until they are displayed: typed points and
their sums are ``Decimal`` (exact for numbers written with decimals), means are
``Fraction``; so a mean of 49.995 stays below 50 and earns 2 stars.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ocop_xl.domain.catalog import render
from ocop_xl.domain.issues import Location
from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import Requirement
from ocop_xl.domain.routes import Disposition
from ocop_xl.domain.scoring.bulk import collector_paused
from ocop_xl.domain.scoring.flags import BLOCKING
from ocop_xl.domain.text import clean

PART_KEYS = {"A": "part_a", "B": "part_b", "C": "part_c"}
PENDING = Disposition("pending")


def part_label(part: str) -> str:
    return f"Phần {part}"


@dataclass(frozen=True)
class Row:
    """One row of a sheet as it was typed: raw cell values by column key, and each cell's
    place (file, sheet, cell), so a finding can point at it."""

    values: Mapping[str, Any]
    cells: Mapping[str, Location] = field(default_factory=dict)
    source: str = ""  # the file the row was typed in, kept as provenance

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def at(self, key: str) -> Location:
        if key in self.cells:
            return self.cells[key]
        return next(iter(self.cells.values()), Location())


def typed_rows(
    entries: Iterable[tuple[Mapping[str, Any], Mapping[str, Location], str]],
) -> list[Row]:
    """The rows of a sheet from (values, cells, source), made with the garbage collector
    paused: a council's sheet has a row per product and member (180,000 on a large one),
    and the collector's passes over them while they are made find nothing to free."""
    with collector_paused():
        return [Row(values, cells, source) for values, cells, source in entries]


@dataclass(frozen=True)
class Criterion:
    """One criterion of the office's catalog (sheet Bộ tiêu chí)."""

    code: str
    part: str
    max_points: Decimal
    text: str = ""
    group: str = ""  # criteria group: "Tổ chức sản xuất", …
    product_groups: tuple[str, ...] = ()  # blank: every product group

    def applies_to(self, group_code: str) -> bool:
        """A criterion for 'I.3' applies to 'I.3' and to its sub-groups 'I.3.b'."""
        if not self.product_groups:
            return True
        code = clean(group_code)
        return any(code == g or code.startswith(g + ".") for g in self.product_groups)


@dataclass(frozen=True)
class MemberScore:
    """A valid score of one member for one product: per part, and per criterion when the
    council scores from a catalog (then the parts are the sums of the criteria)."""

    product_id: str
    member: str
    parts: Mapping[str, Decimal]
    criteria: Mapping[str, Decimal] = field(default_factory=dict)
    location: Location = field(default_factory=Location)
    source: str = ""
    total: Decimal = field(init=False, repr=False, compare=False)  # the sum of the parts

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.parts.values(), Decimal(0)))

    @classmethod
    def checked(
        cls,
        product_id: str,
        member: str,
        parts: dict[str, Decimal],
        total: Decimal,
        location: Location,
        source: str,
    ) -> MemberScore:
        """A score of checked parts whose ``total`` (their sum) is already known, made
        without the frozen dataclass's one ``object.__setattr__`` per field: a council
        makes one per typed row (180,000 on a large sheet). The same fields, the same
        object."""
        score = object.__new__(cls)
        fields = score.__dict__
        fields["product_id"] = product_id
        fields["member"] = member
        fields["parts"] = parts
        fields["criteria"] = {}
        fields["location"] = location
        fields["source"] = source
        fields["total"] = total
        return score


@dataclass(frozen=True)
class Flag:
    """Something the council must know about a result; ``code`` is stable, the words come
    from the message catalog."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text_vi(self) -> str:
        return render(self.code, dict(self.params), "vi")

    @property
    def text_en(self) -> str:
        return render(self.code, dict(self.params), "en")


@dataclass(frozen=True)
class Recusal:
    member: str
    reason: str = ""


@dataclass(frozen=True)
class ProductResult:
    product: Product
    counted: tuple[str, ...] = ()  # names of the members whose totals make the mean
    totals: tuple[Decimal, ...] = ()
    mean: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None
    spread: Fraction | None = None
    star: int | None = None  # after the cap of any unmet mandatory requirement; None while blocked
    flags: tuple[Flag, ...] = ()
    disposition: Disposition = PENDING  # recognised, forwarded, … (the route)
    upgrade_met: bool | None = None  # None: not an upgrade request; True: recognised or proposed
    rank_in_group: int | None = None
    recused: tuple[Recusal, ...] = ()
    missing: tuple[str, ...] = ()  # present scoring members without a score
    unmet: tuple[Requirement, ...] = ()  # mandatory requirements recorded as not met

    @property
    def forwarded(self) -> bool:
        """Proposed to the next level of the route (the province, the ministry)."""
        return self.disposition.forwarded

    @property
    def recognised(self) -> bool:
        """Recognised at the office's own level (its People's Committee decides)."""
        return self.disposition.recognised

    @property
    def product_id(self) -> str:
        return self.product.product_id

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    @property
    def blocked(self) -> bool:
        return any(f.code in BLOCKING for f in self.flags)

    def rated_at_least(self, star: int) -> bool:
        """Rated ``star`` stars or more; a pending result has no star yet (``star`` None).
        Every "from 3 stars" count of sheets and documents asks this."""
        return self.star is not None and self.star >= star
