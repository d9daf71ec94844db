"""Commune submissions: the vocabulary of a registration, its field rules, stable product
IDs, the checks of one file and the consolidation of many (pure: no files, no Excel)."""

from ocop_xl.domain.submissions.consolidate import Consolidation, consolidate
from ocop_xl.domain.submissions.fields import (
    Choices,
    Groups,
    SupportItems,
    normalise_phone,
    normalise_tax_id,
    parse_stars,
)
from ocop_xl.domain.submissions.ids import name_key, producer_key, product_id, product_key
from ocop_xl.domain.submissions.model import FileSummary, Product, SourceSheet
from ocop_xl.domain.submissions.rules import Rules
from ocop_xl.domain.submissions.validate import (
    FileOutcome,
    check_file,
    has_blank_findings,
    is_filled,
)

__all__ = [
    "Choices",
    "Consolidation",
    "FileOutcome",
    "FileSummary",
    "Groups",
    "Product",
    "Rules",
    "SourceSheet",
    "SupportItems",
    "check_file",
    "consolidate",
    "has_blank_findings",
    "is_filled",
    "name_key",
    "normalise_phone",
    "normalise_tax_id",
    "parse_stars",
    "producer_key",
    "product_id",
    "product_key",
]
