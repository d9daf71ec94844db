"""openpyxl's internals are used in one module only (ocop_xl/workbook/openpyxl_compat.py).

The code of ocop_xl is scanned: an attribute of another object whose name is one of
openpyxl's private names (``ws._cells``, ``cell._style``, ``getattr(c, "_hyperlink")``…),
or an import of an openpyxl module or name that is not part of its public API, anywhere
else fails here, naming the file and line. openpyxl's private names are read from the
installed openpyxl's own source, so a new internal is caught too."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import openpyxl

import ocop_xl

PACKAGE = Path(ocop_xl.__file__).parent
COMPAT = PACKAGE / "workbook" / "openpyxl_compat.py"
# openpyxl modules with no documented API: the reader and writer, helpers for its own code.
INTERNAL_MODULES = (
    "openpyxl.reader",
    "openpyxl.writer",
    "openpyxl.compat",
    "openpyxl.packaging",
    "openpyxl.xml",
    "openpyxl.styles.cell_style",
    "openpyxl.worksheet._reader",
    "openpyxl.worksheet._writer",
)
# Undocumented names of otherwise public modules.
INTERNAL_NAMES = {
    ("openpyxl.cell.cell", "ILLEGAL_CHARACTERS_RE"),
    ("openpyxl.cell.cell", "TIME_TYPES"),
    ("openpyxl.cell.cell", "get_time_format"),
}
ATTRIBUTE_CALLS = {"getattr", "setattr", "hasattr", "delattr"}


def _private(name: str) -> bool:
    return (
        len(name) > 1
        and name.startswith("_")
        and not (name.startswith("__") and name.endswith("__"))
    )


@cache
def openpyxl_private_names() -> frozenset[str]:
    """Every private name openpyxl's source defines or uses: attributes, methods, slots."""
    names: set[str] = set()
    for path in Path(openpyxl.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef) and _private(node.name):
                names.add(node.name)
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.isidentifier()
                and _private(node.value)
            ):
                names.add(node.value)  # __slots__ entries, getattr names
    return frozenset(names)


def _internal_import(module: str, name: str | None) -> bool:
    if any(_private(part) for part in module.split(".")) or (name and _private(name)):
        return True
    if any(module == m or module.startswith(m + ".") for m in INTERNAL_MODULES):
        return True
    return (module, name) in INTERNAL_NAMES


def breaches(source: str, where: str = "<source>") -> list[str]:
    """Each use of openpyxl's internals in ``source``, as "where:line: what"."""
    private = openpyxl_private_names()
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr in private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((line, f".{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ATTRIBUTE_CALLS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        ):
            found.append((line, f"{node.func.id}(…, {node.args[1].value!r})"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "openpyxl":
            for alias in node.names:
                if _internal_import(node.module or "", alias.name):
                    found.append((line, f"from {node.module} import {alias.name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "openpyxl" and _internal_import(alias.name, None):
                    found.append((line, f"import {alias.name}"))
    return [f"{where}:{line}: {what}" for line, what in sorted(found)]


def test_no_module_but_the_compat_one_touches_openpyxl_internals():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == COMPAT:
            continue
        where = str(path.relative_to(PACKAGE.parent))
        found += breaches(path.read_text(encoding="utf-8"), where)
    assert not found, "openpyxl internals outside openpyxl_compat.py:\n" + "\n".join(found)


def test_the_scan_sees_each_kind_of_breach():
    source = "\n".join(
        [
            "from openpyxl.reader.excel import ExcelReader",
            "from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE",
            "import openpyxl.worksheet._reader",
            "cells = ws._cells",
            "cell._style = array",
            "link = getattr(cell, '_hyperlink', None)",
            "n = self.ws._cells",
        ]
    )
    assert [b.split(": ", 1)[1] for b in breaches(source)] == [
        "from openpyxl.reader.excel import ExcelReader",
        "from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE",
        "import openpyxl.worksheet._reader",
        "._cells",
        "._style",
        "getattr(…, '_hyperlink')",
        "._cells",
    ]


def test_what_is_not_openpyxls_passes():
    source = "\n".join(
        [
            "from openpyxl.utils import get_column_letter",
            "from openpyxl.cell.cell import Cell, MergedCell",
            "self._cells = {}",
            "value = cell.value",
            "wb._held.pop(name)",  # ocop_xl's own FileWorkbook
        ]
    )
    assert breaches(source) == []


def test_the_compat_module_uses_what_it_fences():
    # The scan is not vacuous: the one module allowed does use openpyxl's internals.
    assert len(breaches(COMPAT.read_text(encoding="utf-8"))) >= 10
