"""macros/*.bas: ASCII text, one module per file, and the Vietnamese messages the VBA shows
are the words of the catalog."""

import re

import pytest

from ocop_xl.domain.catalog import MESSAGES
from ocop_xl.excel.live_workbook import ADDIN_BOOK
from ocop_xl.workbook.xlsm import MODE_NAME

from .addin_helpers import MACROS

BAS_FILES = sorted(MACROS.glob("*.bas"))


def decode_escapes(text: str) -> str:
    """What the VBA's DecodeText does with a \\uXXXX-escaped literal."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), text)


def constants(path) -> dict[str, str]:
    text = path.read_text(encoding="ascii")
    return dict(
        re.findall(r'^(?:Private|Public) Const (\w+) As String = "(.*)"$', text, re.MULTILINE)
    )


@pytest.mark.parametrize("path", BAS_FILES, ids=lambda p: p.name)
def test_modules_are_ascii_with_their_file_name(path):
    raw = path.read_bytes()
    raw.decode("ascii")  # the VBA project's code page has no Vietnamese letters
    text = raw.decode("ascii")
    assert text.startswith(f'Attribute VB_Name = "{path.stem}"')
    assert "\nOption Explicit\n" in text.replace("\r\n", "\n")
    assert all(len(line) < 1024 for line in text.splitlines())  # VBA's line limit


def test_vba_messages_are_the_catalog_words():
    found = constants(MACROS / "OcopRibbon.bas")
    messages = {
        name[len("MSG_") :]: value for name, value in found.items() if name.startswith("MSG_")
    }
    assert set(messages) == {"XLWINGS_NOT_FOUND", "RIBBON_TAG_INVALID"}
    for code, escaped in messages.items():
        assert decode_escapes(escaped) == MESSAGES[code].vi


def test_vba_and_python_agree_on_names():
    found = constants(MACROS / "OcopRibbon.bas")
    assert found["MODE_NAME"] == MODE_NAME
    assert found["ADDIN_BOOK"] == ADDIN_BOOK
    text = (MACROS / "OcopRibbon.bas").read_text(encoding="ascii")
    assert "import ocop_xl.excel as x; x.dispatch('\" & actionName & \"')" in text
