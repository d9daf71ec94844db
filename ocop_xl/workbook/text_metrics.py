"""Widths of Times New Roman letters, to lay out printed documents without a printer.

Advance widths in thousandths of an em of the printable ASCII characters (space to "~"),
regular and bold, as Times New Roman and its metric twin Liberation Serif have them.
A Vietnamese letter is as wide as its base letter (diacritics sit above or below it).
"""

from __future__ import annotations

import re
import unicodedata

REGULAR = (
    250,
    333,
    408,
    500,
    500,
    833,
    778,
    180,
    333,
    333,
    500,
    564,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    278,
    278,
    564,
    564,
    564,
    444,
    921,
    722,
    667,
    667,
    722,
    611,
    556,
    722,
    722,
    333,
    389,
    722,
    611,
    889,
    722,
    722,
    556,
    722,
    667,
    556,
    611,
    722,
    722,
    944,
    722,
    722,
    611,
    333,
    278,
    333,
    469,
    500,
    333,
    444,
    500,
    444,
    500,
    444,
    333,
    500,
    500,
    278,
    278,
    500,
    278,
    778,
    500,
    500,
    500,
    500,
    333,
    389,
    278,
    500,
    500,
    722,
    500,
    500,
    444,
    480,
    200,
    480,
    541,
)
BOLD = (
    250,
    333,
    555,
    500,
    500,
    1000,
    833,
    278,
    333,
    333,
    500,
    570,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    333,
    333,
    570,
    570,
    570,
    500,
    930,
    722,
    667,
    722,
    722,
    667,
    611,
    778,
    778,
    389,
    500,
    778,
    667,
    944,
    722,
    778,
    611,
    778,
    722,
    556,
    667,
    722,
    722,
    1000,
    722,
    722,
    667,
    333,
    278,
    333,
    581,
    500,
    333,
    500,
    556,
    444,
    556,
    444,
    333,
    500,
    556,
    278,
    333,
    556,
    278,
    833,
    556,
    500,
    556,
    556,
    444,
    389,
    333,
    556,
    500,
    722,
    500,
    500,
    444,
    394,
    220,
    394,
    520,
)

# The height of one line of text, in ems (ascent + descent of Times New Roman, and the
# little spreadsheets add between lines).
LINE_EM = 1.17
_EXTRA = {"Đ": "D", "đ": "d", "Ơ": "O", "ơ": "o", "Ư": "U", "ư": "u"}


def _base(ch: str) -> str:
    if " " <= ch <= "~":
        return ch
    if ch in _EXTRA:
        return _EXTRA[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    return base if " " <= base <= "~" else ""


def char_em(ch: str, bold: bool = False) -> float:
    """The advance width of one character, in ems."""
    base = _base(ch)
    table = BOLD if bold else REGULAR
    if not base:
        return 0.6 if not unicodedata.combining(ch) else 0.0
    width = table[ord(base) - 32] / 1000
    # Ơ, Ư and the like are a horn wider than their base letter
    return width * 1.08 if ch in "ƠơƯưỜờỚớỞởỠỡỢợỪừỨứỬửỮữỰự" else width


def text_pt(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in Times New Roman of ``size`` points, in points."""
    return sum(char_em(ch, bold) for ch in text) * size


def line_pt(size: float) -> float:
    """The height of one line of text of ``size`` points, in points."""
    return size * LINE_EM


def _pieces(paragraph: str) -> list[tuple[str, bool]]:
    """The unbreakable pieces of a paragraph, each with whether a space stands before it:
    words, and parts of a word after a hyphen ("quang-" "phuc-" "C033C066"), where
    spreadsheets break a line too."""
    pieces: list[tuple[str, bool]] = []
    for word in paragraph.split():
        parts = re.findall(r"[^-]*-+|[^-]+", word)
        for i, part in enumerate(parts):
            pieces.append((part, i == 0))
    return pieces


def wrap_count(text: str, width_pt: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width_pt`` wide, words kept whole (broken
    after a hyphen, or inside when longer than the box), explicit line breaks kept."""
    width_pt = max(width_pt, size)
    space = char_em(" ", bold) * size
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for piece, spaced in _pieces(paragraph):
            size_pt = text_pt(piece, size, bold)
            gap = space if spaced else 0.0
            if used and used + gap + size_pt <= width_pt:
                used += gap + size_pt
                continue
            if used:
                lines += 1
            extra = int((size_pt - 0.001) // width_pt)
            lines += extra
            used = size_pt - extra * width_pt
        total += lines
    return total


def longest_word_pt(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest unbreakable piece of ``text``: a column is never narrower."""
    pieces = _pieces(str(text))
    return max((text_pt(p, size, bold) for p, _ in pieces), default=0.0)
