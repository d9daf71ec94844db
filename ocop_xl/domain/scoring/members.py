"""Who counts at the meeting: quorum, the chair, recusals, and matching typed names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache

from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import CouncilMember, CouncilRules
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.model import Flag, Recusal
from ocop_xl.domain.text import clean, fold

CHAIR = "Chủ tịch"


@dataclass(frozen=True)
class CouncilStatus:
    """The meeting as a whole. The quorum counts the members who score (the secretary keeps
    the minutes and is counted only where the rules make the secretary a scoring member)."""

    scoring: tuple[CouncilMember, ...]
    present: tuple[CouncilMember, ...]
    quorum: str
    chair_required: bool
    presiders: tuple[str, ...] = (CHAIR,)
    everyone_present: tuple[CouncilMember, ...] = ()  # the secretary too

    @property
    def presider(self) -> CouncilMember | None:
        """Who presides: the first present member of the first role allowed to preside."""
        for role in self.presiders:
            for m in self.everyone_present or self.present:
                if m.role == role:
                    return m
        return None

    @property
    def chair_present(self) -> bool:
        """Someone who may preside is present (the chair, or a vice-chair where allowed)."""
        return self.presider is not None

    @property
    def quorum_reached(self) -> bool:
        share = Fraction(self.quorum)
        return bool(self.scoring) and len(self.present) >= share * len(self.scoring)

    @cached_property
    def flags(self) -> tuple[Flag, ...]:
        """The council's own flags (quorum, chair), the same for every product: made once."""
        found = []
        if not self.quorum_reached:
            found.append(
                Flag(
                    flags.QUORUM_NOT_REACHED,
                    {
                        "present": len(self.present),
                        "total": len(self.scoring),
                        "quorum": self.quorum,
                    },
                )
            )
        if self.chair_required and not self.chair_present:
            found.append(Flag(flags.CHAIR_ABSENT, {"presiders": ", ".join(self.presiders)}))
        return tuple(found)


def council_status(members: Sequence[CouncilMember], rules: CouncilRules) -> CouncilStatus:
    scoring = tuple(m for m in members if m.scores(rules))
    return CouncilStatus(
        scoring=scoring,
        present=tuple(m for m in scoring if m.present),
        quorum=rules.quorum,
        chair_required=rules.chair_required,
        presiders=rules.presiders,
        everyone_present=tuple(m for m in members if m.present),
    )


@lru_cache(maxsize=4096)
def _conflict_keys(conflicts: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Declared conflicts as product-ID keys and as folded producer names."""
    ids = frozenset(clean(c).casefold() for c in conflicts)
    return ids, frozenset(k for k in (fold(c) for c in conflicts) if k)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


def recusal(member: CouncilMember, product: Product) -> Recusal | None:
    """A member declared a conflict with this product (its ID) or with its producer."""
    if not member.conflicts:
        return None
    ids, producers = _conflict_keys(member.conflicts)
    producer = _folded(product.producer) if product.producer else ""
    if clean(product.product_id).casefold() in ids or (producer and producer in producers):
        return Recusal(member.name, member.conflict_reason)
    return None


class MemberIndex:
    """Finds a council member from a typed name: exactly, else accent- and
    case-insensitively ('Nguyen Van An' finds 'Nguyễn Văn An')."""

    def __init__(self, members: Iterable[CouncilMember]) -> None:
        self.members = tuple(members)
        self._exact = {clean(m.name): m for m in self.members}
        self._folded: dict[str, CouncilMember | None] = {}
        for m in self.members:
            key = fold(m.name)
            # Two members whose names fold alike can only be told apart exactly.
            self._folded[key] = None if key in self._folded else m

    def find(self, name: object) -> CouncilMember | None:
        text = clean(name)
        if not text:
            return None
        return self._exact.get(text) or self._folded.get(fold(text))
