"""A registered product as the other areas see it: one row of the consolidated Đăng ký list.

The consolidation writes that list (ocop_xl.domain.submissions); the council, the budget and
the plan read it back through ``ocop_xl.actions.common.read_products`` into this one type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ocop_xl.domain.submissions.vocab import KIND_UPGRADE
from ocop_xl.domain.text import fold

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
