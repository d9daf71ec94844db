"""The message catalog: stable code -> Vietnamese and English templates.

Each area of the program keeps its codes in its own module here; this package merges them
and refuses a code defined twice. Templates use ``str.format`` fields filled from an issue's
location (file, sheet, cell, row, field) and its parameters.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ocop_xl.domain.catalog import (
    budget,
    core,
    council,
    legibility,
    master,
    plan,
    precheck,
    register,
    saving,
    submissions,
    system,
)


class Message(NamedTuple):
    vi: str
    en: str


def _merge(*modules: Any) -> dict[str, Message]:
    merged: dict[str, Message] = {}
    for module in modules:
        for code, (vi, en) in module.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"message code defined twice: {code}")
            merged[code] = Message(vi, en)
    return merged


MESSAGES: dict[str, Message] = _merge(
    core,
    master,
    submissions,
    precheck,
    council,
    budget,
    plan,
    system,
    saving,
    register,
    legibility,
)


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def title(code: str) -> str:
    """The short Vietnamese title of a problem (``titles.TITLES``); a code without one
    is "Vấn đề khác"."""
    from ocop_xl.domain.catalog.titles import TITLES

    if code in TITLES:
        return TITLES[code]
    return "Vấn đề khác"


def render(code: str, params: dict[str, Any], lang: str = "vi") -> str:
    message = MESSAGES.get(code)
    if message is None:
        return code if lang == "en" else f"Lỗi {code}"
    template = message.vi if lang == "vi" else message.en
    values = _Lenient({k: ("" if v is None else v) for k, v in params.items()})
    return template.format_map(values)
