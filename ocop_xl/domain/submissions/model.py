"""What a commune file holds once read, and what consolidation makes of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ocop_xl.domain.issues import Location
from ocop_xl.domain.precheck import CommunePrecheck
from ocop_xl.domain.submissions.schema import REGISTER_FIELDS, FieldKind
from ocop_xl.domain.text import clean, is_blank


@dataclass(frozen=True)
class SourceSheet:
    """The registration sheet of one commune file, as the reader found it (blank cells
    are "" or None).

    ``rows`` are (row number in the file, {field key: raw cell value}); ``letters`` maps a
    field key to its column letter and ``labels`` to the header people see, so every
    finding can name its cell and field. ``meta`` is the template's metadata sheet
    (empty when the file has none). ``unsaved_formulas`` maps a row number to the fields
    whose cells hold a formula without a stored value (they read as blank); the reader
    fills it only when asked (``commune_reader.check_submission``)."""

    file: str  # how the file is named in messages and in Đăng ký (path as shown)
    sheet: str
    sha256: str
    rows: tuple[tuple[int, dict[str, Any]], ...]
    letters: dict[str, str]
    labels: dict[str, str]
    meta: dict[str, str] = field(default_factory=dict)
    extra_columns: dict[str, str] = field(default_factory=dict)  # header -> letter
    modified: float = 0.0  # file modification time (newest file of a commune wins)
    unsaved_formulas: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def location(self, row: int | None, key: str | None = None) -> Location:
        letter = self.letters.get(key, "") if key else ""
        cell = f"{letter}{row}" if letter and row is not None else ""
        return Location(self.file, self.sheet, cell, row, letter, key or "")


@dataclass
class Product:
    """One registered product, normalised: what a row of Đăng ký holds."""

    product_id: str
    commune_code: str
    commune: str
    product_name: str
    group_code: str = ""
    group_name: str = ""
    producer: str = ""
    producer_type: str = ""
    tax_id: str = ""
    representative: str = ""
    phone: str = ""
    address: str = ""
    kind: str = ""
    current_stars: int | None = None
    certificate_no: str = ""
    certificate_date: date | None = None
    support: str = ""  # support item codes, comma-separated
    notes: str = ""
    source_file: str = ""
    source_sheet: str = ""
    source_row: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # extra columns of the source
    errors: int = 0
    warnings: int = 0
    origin: Location | None = None  # the product-name cell in its source file
    # The commune's assessment of the four dossier contents, when its file carries one.
    precheck: CommunePrecheck | None = None

    def to_row(self) -> dict[str, Any]:
        """The Đăng ký row (keys of the master layout, from ``schema.REGISTRATION``)."""
        return {f.key: getattr(self, f.key) for f in REGISTER_FIELDS}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Product:
        """A product from a row of Đăng ký as read back (blank cells None or NaN, numbers
        maybe floats): the inverse of ``to_row``. A cell that does not hold its field's type
        (a star count typed as text) is left out rather than refused."""
        return cls(**{f.key: _cell_value(f.kind, row.get(f.key)) for f in REGISTER_FIELDS})

    def to_report(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "product_id": self.product_id,
            "commune": self.commune_code,
            "name": self.product_name,
            "producer": self.producer,
            "source_file": self.source_file,
            "source_row": self.source_row,
        }
        if self.extra:
            entry["extra"] = dict(self.extra)
        return entry


def _cell_value(kind: FieldKind, value: Any) -> Any:
    if kind == "text":
        return "" if is_blank(value) else clean(value)
    if is_blank(value):
        return None
    if kind == "int":
        return int(value) if isinstance(value, int | float) else None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


@dataclass
class FileSummary:
    """One line of the report's ``files``: what came of one source file."""

    file: str
    sha256: str = ""
    commune: str = ""
    rows: int = 0  # filled-in rows read
    products: int = 0  # rows that went into Đăng ký
    errors: int = 0
    warnings: int = 0
    refused: bool = False  # the file could not be used at all

    def to_report(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "commune": self.commune,
            "rows": self.rows,
            "products": self.products,
            "errors": self.errors,
            "warnings": self.warnings,
            "sha256": self.sha256,
            "refused": self.refused,
        }
