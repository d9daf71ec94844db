"""Everything the checks of a registration need to know about the plan, built once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ocop_xl.domain.criteria import CriteriaSet
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.submissions.fields import Choices, Groups, SupportItems
from ocop_xl.domain.submissions.vocab import KINDS, PRODUCER_TYPE_ALIASES, PRODUCER_TYPES
from ocop_xl.domain.text import fold


@dataclass
class Rules:
    profile_id: str
    year: int
    criteria_set: str
    communes: dict[str, str]  # code -> name, in the profile's order
    groups: Groups
    support: SupportItems
    plan_wide_support: frozenset[str]  # items that are not per product
    today: date
    certificate_months: int = 36
    # The plan's route has a commune pre-check: the files carry the commune's assessment.
    pre_check: bool = False
    route: str = ""
    producer_types: Choices = field(default_factory=lambda: Choices(PRODUCER_TYPES))
    kinds: Choices = field(default_factory=lambda: Choices(KINDS))
    _commune_keys: dict[str, str] = field(default_factory=dict)
    _commune_memo: dict[object, str | None] = field(default_factory=dict)
    _commune_positions: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.producer_types = Choices(PRODUCER_TYPES, PRODUCER_TYPE_ALIASES)
        self.kinds = Choices(KINDS)

    @classmethod
    def for_plan(cls, profile: Profile, criteria: CriteriaSet, today: date) -> Rules:
        rules = cls(
            profile_id=profile.id,
            year=profile.year,
            criteria_set=criteria.code,
            communes={c.code: c.name for c in profile.communes},
            groups=Groups(
                ((g.code, g.name) for g in criteria.groups),
                (g.code for g in criteria.leaf_groups()),
            ),
            support=SupportItems((i.code, i.name) for i in profile.support_items),
            plan_wide_support=frozenset(i.code for i in profile.support_items if not i.per_product),
            today=today,
            certificate_months=profile.certificate_validity_months,
            pre_check=profile.route.pre_check_level is not None,
            route=profile.route.code,
        )
        for c in profile.communes:
            for variant in (c.code, c.name, c.full_name, f"{c.kind} {c.name}".lower()):
                rules._commune_keys.setdefault(fold(variant), c.code)
        return rules

    def commune_code(self, value: object) -> str | None:
        """The commune a text names: its code, its name or 'Xã Hà Kỳ'."""
        try:
            return self._commune_memo[value]
        except (KeyError, TypeError):
            found = self._commune_keys.get(fold(value))
        if isinstance(value, str):
            self._commune_memo[value] = found
        return found

    def commune_order(self, code: str) -> int:
        """The commune's place in the profile's list (unknown codes last)."""
        positions = self._commune_positions
        if len(positions) != len(self.communes):  # built at the first call
            positions.clear()
            positions.update((c, i) for i, c in enumerate(self.communes))
        return positions.get(code, len(self.communes))
