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
    text = value if isinstance(value, str) else str(value)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Most cells are already clean: isprintable() is False for every whitespace but the
    # plain space, so only text with tabs, line breaks, NBSP or doubled spaces is rewritten.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES.sub(" ", text).strip()


# Vietnamese diacritics decompose (NFD) into the combining marks U+0300-U+036F; đ/Đ carry
# none, so they are mapped by hand.
_STRIP_MARKS = {code: None for code in range(0x0300, 0x0370)} | {ord("đ"): "d", ord("Đ"): "D"}


def fold(value: object) -> str:
    """A key for accent- and case-insensitive comparison: 'Hợp tác xã' -> 'hop tac xa'."""
    text = unicodedata.normalize("NFD", clean(value)).translate(_STRIP_MARKS)
    if not text.isascii():  # marks outside the common block (rare): the general rule
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.casefold()


def slug(value: object) -> str:
    """ASCII file-name part: 'Hà Kỳ' -> 'ha-ky'."""
    return _NON_SLUG.sub("-", fold(value)).strip("-")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and not value.strip()
