"""Vietnamese text as it arrives from keyboards and spreadsheets, made comparable."""

from __future__ import annotations

import re
import unicodedata

# Characters that show nothing: Unicode's default-ignorable code points (zero-width space,
# joiners, word joiner, BOM, soft hyphen, bidi marks, Mongolian vowel separator, variation
# selectors, Hangul fillers, tags; DerivedCoreProperties.txt, Default_Ignorable_Code_Point)
# and the control characters that are not whitespace. A cell holding only these (and
# spaces) is blank; inside text they are removed.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Of these, the ones str.isprintable() counts as printable (combining or letter-like: the
# grapheme joiner, variation selectors, Hangul fillers...); it is False for the others
# (format characters, unassigned code points), for controls and for every whitespace but
# the plain space. tests/unit/test_text.py checks this list against isprintable().
_PRINTABLE_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)
# The control characters that are not whitespace (whitespace is collapsed, not removed).
_CONTROLS = ((0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x84), (0x86, 0x9F))


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The body of a regex character class holding ``ranges`` (inclusive)."""
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


_INVISIBLE_CLASS = _char_class(_DEFAULT_IGNORABLE + _CONTROLS)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]+")
_PRINTABLE_INVISIBLE = re.compile(f"[{_char_class(_PRINTABLE_IGNORABLE)}]")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE_CLASS}]")
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")

EXCEL_CELL_LIMIT = 32_767  # characters (UTF-16 units, as Excel's LEN counts) in one cell


def clean(value: object) -> str:
    """NFC, invisible characters removed, trimmed, inner runs of whitespace collapsed to
    one space; None gives ''."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # Most cells are already clean. isprintable() is False for controls, format characters
    # and every whitespace but the plain space, so printable ASCII text has only spaces to
    # look at; other printable text may still need NFC or hold one of the few invisible
    # characters that count as printable.
    if text.isprintable():
        if text.isascii():
            if "  " not in text and text[:1] != " " and text[-1:] != " ":
                return text
            return _SPACES.sub(" ", text).strip()
        if _PRINTABLE_INVISIBLE.search(text) is None:
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
            if "  " not in text and text[:1] != " " and text[-1:] != " ":
                return text
            return _SPACES.sub(" ", text).strip()
    # Removed before NFC: an accent typed after a zero-width space still joins its letter.
    text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
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
    """None, NaN, or text of nothing but whitespace and invisible characters."""
    if value is None:
        return True
    if isinstance(value, str):
        if " " < value[:1] < "\x7f":  # a visible ASCII character first: the usual case
            return False
        return not value or _VISIBLE.search(value) is None
    return isinstance(value, float) and value != value  # NaN from pandas


def excel_length(text: str) -> int:
    """The length Excel counts (UTF-16 units: a character beyond U+FFFF counts 2)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def fits_cell(text: str) -> bool:
    # Every character is at most 2 UTF-16 units: most texts need no counting at all.
    return len(text) * 2 <= EXCEL_CELL_LIMIT or excel_length(text) <= EXCEL_CELL_LIMIT


def cut_to_cell(text: str, mark: str = "…") -> str:
    """``text`` cut to fit one Excel cell, ``mark`` showing where it was cut."""
    if fits_cell(text):
        return text
    room = (EXCEL_CELL_LIMIT - excel_length(mark)) * 2
    head = text.encode("utf-16-le")[:room].decode("utf-16-le", "ignore")  # no half pair
    return head + mark


def brief(text: str, limit: int = 200) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, '…' when cut."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
