"""Every folder the documents, the README and the ribbon's tips name beside the master is
one of the declared folders (ocop_xl/workbook/folders.py): one set of names everywhere."""

import re
from pathlib import Path

import pytest

from ocop_xl.workbook.folders import FOLDERS, NAMES

ROOT = Path(__file__).parents[2]
TEXTS = sorted(
    [ROOT / "README.md", ROOT / "macros" / "customUI.xml", *(ROOT / "docs").rglob("*.md")]
)
# A hyphenated lower-case ASCII name written as a folder: "thư mục mau-xa", "`mau-xa/`"
NAMED_FOLDER = re.compile(
    r"thư mục \*?`?([a-z0-9]+(?:-[a-z0-9]+)+)\b|`([a-z0-9]+(?:-[a-z0-9]+)+)/`", re.IGNORECASE
)


def named_folders(text: str) -> set[str]:
    return {a or b for a, b in NAMED_FOLDER.findall(text)}


def test_the_pattern_finds_folder_names():
    assert named_folders("chép vào thư mục `ho-so-xa`, rồi `tra-loi-xa/` và thư mục bao-cao") == {
        "ho-so-xa",
        "tra-loi-xa",
        "bao-cao",
    }


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documents_name_only_declared_folders(path):
    found = named_folders(path.read_text(encoding="utf-8"))
    assert found <= NAMES, sorted(found - NAMES)


def test_the_folder_list_of_the_docs_is_the_declared_one():
    text = (ROOT / "docs" / "folders.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)/` \|", text, re.MULTILINE)
    assert rows == [f.name for f in FOLDERS]
