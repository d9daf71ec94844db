"""Vietnamese text as it arrives from keyboards and spreadsheets, made comparable."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def clean(value: object) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed to one space; None gives ''."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """A key for accent- and case-insensitive comparison: 'Hợp tác xã' -> 'hop tac xa'."""
    text = unicodedata.normalize("NFD", clean(value))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    # đ/Đ carry no combining mark, so NFD leaves them alone.
    return text.replace("đ", "d").replace("Đ", "D").casefold()


def slug(value: object) -> str:
    """ASCII file-name part: 'Hà Kỳ' -> 'ha-ky'."""
    return _NON_SLUG.sub("-", fold(value)).strip("-")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and not value.strip()
