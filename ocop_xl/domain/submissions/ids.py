"""Stable product IDs: from what a product is, never from where its row happens to be.

ID = commune code + "-" + the first 8 hex digits (upper case) of the SHA-256 of
``name_key(product name) + "|" + producer_key(producer)``, e.g. ``ha-ky-3F9A0C12``.
Both keys are accent- and case-insensitive, ignore punctuation and extra spaces, and the
producer key spells out common abbreviations (HTX, Cty, DN...). So reordering rows, fixing
a diacritic or retyping "HTX" as "Hợp tác xã" keeps the ID; renaming the product or its
producer, or moving it to another commune, gives a new one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ACCENTS = re.compile("[\u0300-\u036f]+")

# Abbreviations of legal forms, as words after folding (no accents, lower case).
_ABBREVIATIONS = {
    "htx": "hop tac xa",
    "tht": "to hop tac",
    "cty": "cong ty",
    "ct": "cong ty",
    "tnhh": "trach nhiem huu han",
    "cp": "co phan",
    "dn": "doanh nghiep",
    "dntn": "doanh nghiep tu nhan",
    "hkd": "ho kinh doanh",
    "csxs": "co so san xuat",
    "cs": "co so",
    "sx": "san xuat",
    "tm": "thuong mai",
    "dv": "dich vu",
}


def name_key(name: object) -> str:
    """'Mật ong  hoa nhãn!' -> 'mat ong hoa nhan': NFD, combining accents (U+0300-U+036F)
    dropped, đ -> d, lower case, every run of other characters than a-z and 0-9 one space.
    Same as ``fold`` for Vietnamese text, without its per-character loop (this runs on
    every row of every file)."""
    text = unicodedata.normalize("NFD", name if isinstance(name, str) else str(name or ""))
    text = _ACCENTS.sub("", text).lower().replace("đ", "d")
    return _NON_WORD.sub(" ", text).strip()


_PRODUCERS: dict[str, str] = {}  # a producer often registers several products


def producer_key(producer: object) -> str:
    """'HTX Mật ong Hà Kỳ' and 'Hợp tác xã mật ong Hà Kỳ' give the same key."""
    if isinstance(producer, str) and producer in _PRODUCERS:
        return _PRODUCERS[producer]
    key = " ".join(_ABBREVIATIONS.get(w, w) for w in name_key(producer).split())
    if isinstance(producer, str):
        if len(_PRODUCERS) > 100_000:
            _PRODUCERS.clear()
        _PRODUCERS[producer] = key
    return key


def product_key(name: object, producer: object) -> str:
    return f"{name_key(name)}|{producer_key(producer)}"


def product_id(commune_code: str, name: object, producer: object, digits: int = 8) -> str:
    """``digits`` hex digits of the hash; consolidation asks for 12 in the (about one in
    four billion) case where two different products of a commune share the first 8."""
    digest = hashlib.sha256(product_key(name, producer).encode("utf-8")).hexdigest()
    return f"{commune_code}-{digest[:digits].upper()}"
