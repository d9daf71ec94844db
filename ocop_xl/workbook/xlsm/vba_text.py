"""VBA source compared the way the VBA editor stores it.

The editor keeps one spelling per identifier for the whole project: once a workbook is
saved in Excel, ``control.Tag`` may read ``control.tag`` and ``hWnd`` read ``Hwnd`` because
another module (xlwings' own) spells them so. It also lays a line out again when it parses
it (spaces between tokens, ``1.0`` shown as ``1#``) and stores CRLF line ends. None of this
changes what the code does, so none of it may make check-install call the macros outdated.

Two texts are the same code when their non-blank lines hold the same tokens: identifiers
and keywords compared without case, numbers by value, string literals and comments exactly
(the editor never touches them, and the Vietnamese messages live in string literals).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(
    r"""
    (?P<string>"(?:[^"]|"")*"?)
  | (?P<comment>'.*$)
  | (?P<hex>&[Hh][0-9A-Fa-f]+[&%^]?)
  | (?P<octal>&[Oo]?[0-7]+[&%^]?)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?[#!@&%^]?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*[$%&!#@]?)
  | (?P<op><>|<=|>=|:=|\S)
    """,
    re.VERBOSE,
)


def _number(text: str, base: int) -> object:
    digits = text.rstrip("#!@&%^")
    if base != 10:
        return int(re.sub(r"^&[HhOo]?", "", digits), base)
    try:
        return Decimal(digits.replace("d", "e").replace("D", "e"))
    except InvalidOperation:
        return digits


def line_tokens(line: str) -> tuple[object, ...]:
    """The tokens of one line of VBA, as far as the editor leaves them alone."""
    tokens: list[object] = []
    pos = 0
    for found in _TOKEN.finditer(line):
        kind, text = found.lastgroup, found.group()
        pos = found.end()
        if kind == "string":
            tokens.append(("s", text))
        elif kind == "comment":
            tokens.append(("c", text.rstrip()))
            break
        elif kind == "hex":
            tokens.append(("n", _number(text, 16)))
        elif kind == "octal":
            tokens.append(("n", _number(text, 8)))
        elif kind == "number":
            tokens.append(("n", _number(text, 10)))
        elif kind == "word":
            if text.lower() == "rem" and (not tokens or tokens[-1] == ("o", ":")):
                tokens.append(("c", "rem" + line[pos:].rstrip()))
                break
            tokens.append(("w", text.casefold()))
        else:
            tokens.append(("o", text))
    return tuple(tokens)


def canonical(code: str) -> list[tuple[object, ...]]:
    """A module's code as the list of its non-blank lines' tokens."""
    lines = code.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [tokens for tokens in (line_tokens(line) for line in lines) if tokens]


def same_code(a: str, b: str) -> bool:
    """Whether two module texts are the same code for the VBA editor."""
    return a == b or canonical(a) == canonical(b)
