"""A registered product as the other areas see it: one row of the consolidated Đăng ký list.

The consolidation writes that list (ocop_xl.domain.submissions); the council, the budget and
the plan read it back through ``ocop_xl.actions.common.read_products`` into this one type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ocop_xl.domain.submissions.vocab import KIND_UPGRADE
from ocop_xl.domain.text import fold

if TYPE_CHECKING:
    from ocop_xl.domain.profile import Commune

_UPGRADE = fold(KIND_UPGRADE)


@lru_cache(maxsize=256)
def _folded(kind: str) -> str:
    return fold(kind)


@dataclass(frozen=True)
class Product:
    product_id: str
    name: str = ""
    commune_code: str = ""
    commune: str = ""
    support: str = ""  # requested support item codes, comma-separated
    group_code: str = ""
    producer: str = ""
    kind: str = ""  # registration kind (ý tưởng mới, sản phẩm đã có, nâng hạng sao, …)
    current_stars: int | None = None
    row: int | None = None  # its Excel row on Đăng ký

    @property
    def is_upgrade_request(self) -> bool:
        return bool(self.kind) and _folded(self.kind) == _UPGRADE

    @property
    def upgrade_target(self) -> int | None:
        """The star asked for: one above the current stars (3 → 4)."""
        if not self.is_upgrade_request or self.current_stars is None:
            return None
        return self.current_stars + 1


def commune_order(communes: Iterable[Commune], code: str = "", name: str = "") -> tuple[int, int]:
    """Where a commune stands in the commune list (Danh mục xã), found by code or name;
    communes the list lacks come after it. Lists and documents keep this order."""
    folded = fold(name)
    for index, c in enumerate(communes):
        if (code and c.code == code) or (
            folded and folded in {fold(c.name), fold(c.full_name), fold(c.code)}
        ):
            return (0, index)
    return (1, 0)


def in_commune_order(products: Iterable[Product], communes: Sequence[Commune]) -> list[Product]:
    """``products`` by their commune's place in the commune list, the sheet's order kept
    within a commune (a stable sort)."""
    ranks: dict[tuple[str, str], tuple[int, int]] = {}

    def rank(p: Product) -> tuple[int, int]:
        key = (p.commune_code, p.commune)
        if key not in ranks:
            ranks[key] = commune_order(communes, p.commune_code, p.commune)
        return ranks[key]

    return sorted(products, key=rank)
