"""Rows of Đăng ký the office typed by hand: first-class products like those from the
communes' files.

A row typed into Đăng ký often has only what a person would write: the product, the commune
by name ("Hà Kỳ", "xã Hà Kỳ", "ha ky"), the producer. Before any area uses it, its commune
code is taken from the commune's name (accent- and case-insensitive), its product ID is made
the way the consolidation makes every ID (``submissions.ids.product_id``), and whatever is
still missing is a finding on its cell. The consolidation, the council, the budget and the
plan all read Đăng ký through this, so a typed product is scored, funded and listed like any
other, or the office is told exactly which cell keeps it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import Commune
from ocop_xl.domain.submissions.ids import product_id as make_product_id
from ocop_xl.domain.submissions.vocab import FIELDS, REQUIRED_FIELDS, TAX_ID_REQUIRED_TYPES
from ocop_xl.domain.text import clean, fold, is_blank

# What a typed row must hold beyond its name and commune, in the order the sheet shows it
# (the number is asked only of the producer types that always have one).
TYPED_REQUIRED = tuple(k for k in FIELDS if k in REQUIRED_FIELDS and k != "product_name")


class CommuneNames:
    """A commune from its code, its name or its full name ("Xã Hà Kỳ", "xa ha ky")."""

    def __init__(self, communes: Sequence[Commune]) -> None:
        self.communes = tuple(communes)
        self._by_key: dict[str, Commune] = {}
        for c in self.communes:
            for variant in (c.code, c.name, c.full_name, f"{c.kind} {c.name}"):
                self._by_key.setdefault(fold(variant), c)

    def find(self, value: object) -> Commune | None:
        if is_blank(value):
            return None
        return self._by_key.get(fold(value))


@dataclass
class Completed:
    """A row of Đăng ký after completion: the cells filled in and what is still missing."""

    product_id: str
    commune_code: str
    commune: str
    filled: dict[str, str] = field(default_factory=dict)  # blank cells now given a value
    issues: list[Issue] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """The row names a product the other areas can use: it has an ID."""
        return bool(self.product_id)


def complete(
    values: Mapping[str, Any],
    communes: CommuneNames,
    at: Callable[[str], Location],
    labels: Mapping[str, str],
    *,
    typed: bool,
) -> Completed:
    """Fill a row's commune code, commune name and product ID where they are blank and can
    be known; report what keeps it from being a product. ``typed``: the row has no source
    file (the office typed it), so its missing required fields are reported too (a row from
    a commune file had them checked against that file)."""

    def text(key: str) -> str:
        return "" if is_blank(values.get(key)) else clean(values.get(key))

    product_id, code, name = text("product_id"), text("commune_code"), text("product_name")
    commune_text = text("commune")
    out = Completed(product_id, code, commune_text)
    label = name or product_id

    def error(code_: str, key: str, **params: Any) -> None:
        out.issues.append(Issue.error(code_, at(key), product=label, **params))

    if not name and not product_id:  # not a product (a note, a commune pre-filled alone)
        return out

    commune = communes.find(code) if code else communes.find(commune_text)
    if code and commune is None:
        error("REGISTRATION_COMMUNE_UNKNOWN", "commune_code", value=code)
    elif not code and commune_text and commune is None:
        error("REGISTRATION_COMMUNE_UNKNOWN", "commune", value=commune_text)
    elif commune is None and not product_id:
        error("REGISTRATION_COMMUNE_MISSING", "commune")
    if commune is not None:
        if not code:
            out.commune_code = out.filled["commune_code"] = commune.code
        if not commune_text:
            out.commune = out.filled["commune"] = commune.name
    if not name:
        if product_id:
            error("REGISTRATION_NAME_MISSING", "product_name")
        return out
    if not product_id and commune is not None:
        out.product_id = out.filled["product_id"] = make_product_id(
            commune.code, name, text("producer")
        )
    if typed:
        wanted = list(TYPED_REQUIRED)
        if fold(text("producer_type")) in {fold(t) for t in TAX_ID_REQUIRED_TYPES}:
            wanted.insert(wanted.index("producer_type") + 1, "tax_id")
        for key in wanted:
            if key in labels and is_blank(values.get(key)):
                out.issues.append(
                    Issue.warning(
                        "REGISTRATION_FIELD_MISSING", at(key), product=label, label=labels[key]
                    )
                )
    return out
