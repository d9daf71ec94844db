"""The document modules of a macro workbook: one for the workbook and one for each sheet,
named by the sheet's code name, as Excel keeps them.

Excel gives every sheet of a macro workbook a code name (``codeName`` on the sheet's
``sheetPr``, the workbook's on ``workbookPr``) and a document module of that name in the
VBA project. A file without them opens, but Excel adds Sheet1… on opening and then asks to
save on closing. So the builder names them as Excel does (``Sheet1``, ``Sheet2``… by place,
one count for worksheets and chart sheets, ``ThisWorkbook`` for the book), and every save
of an ``.xlsm`` (``sync_document_modules``) gives a sheet an action added its code name
and module, and takes out the empty module of a sheet that is gone.

A document module holds only its attributes unless the staff typed event code into it; a
module with code whose sheet is gone is kept as it is (never lose what staff typed).
"""

from __future__ import annotations

import re

from openpyxl.workbook.workbook import Workbook as OpenpyxlBook

from ocop_xl.workbook.openpyxl_compat import sheets_in_tab_order
from ocop_xl.workbook.xlsm import vba_project
from ocop_xl.workbook.xlsm.vba_project import WORKBOOK_BASE, Module

WORKBOOK_CODE_NAME = "ThisWorkbook"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CHARTSHEET_BASE = "0{00020821-0000-0000-C000-000000000046}"
VBA_PART = "xl/vbaProject.bin"


def document_module(name: str, base: str) -> Module:
    """A document module holding only the attributes Excel writes for one."""
    attributes = [
        ("VB_Name", f'"{name}"'),
        ("VB_Base", f'"{base}"'),
        ("VB_GlobalNameSpace", "False"),
        ("VB_Creatable", "False"),
        ("VB_PredeclaredId", "True"),
        ("VB_Exposed", "True"),
        ("VB_TemplateDerived", "False"),
        ("VB_Customizable", "True"),
    ]
    return Module(name, "document", "".join(f"Attribute {k} = {v}\r\n" for k, v in attributes))


def _sheets(book: OpenpyxlBook) -> list:
    return sheets_in_tab_order(book)  # worksheets and chart sheets, in tab order


def _is_chart(sheet: object) -> bool:
    return type(sheet).__name__ == "Chartsheet"


def assign_code_names(book: OpenpyxlBook, taken: set[str] | None = None) -> None:
    """Give the workbook and every sheet without one a code name, as Excel names them:
    ``SheetN``/``ChartN`` by place where that name is free, else the first free number."""
    if not book.code_name:
        book.code_name = WORKBOOK_CODE_NAME
    used = {name.upper() for name in (taken or set())} | {book.code_name.upper()}
    sheets = _sheets(book)
    for sheet in sheets:
        if sheet.sheet_properties.codeName:
            used.add(sheet.sheet_properties.codeName.upper())
    for place, sheet in enumerate(sheets, start=1):
        if sheet.sheet_properties.codeName:
            continue
        prefix = "Chart" if _is_chart(sheet) else "Sheet"
        name = f"{prefix}{place}"
        number = 1
        while name.upper() in used:
            name = f"{prefix}{number}"
            number += 1
        sheet.sheet_properties.codeName = name
        used.add(name.upper())


def _has_code(module: Module) -> bool:
    body = [
        line
        for line in module.code.replace("\r\n", "\n").split("\n")
        if line.strip() and not re.match(r"\s*Attribute\s+VB_", line, re.IGNORECASE)
    ]
    return bool(body)


def with_documents(book: OpenpyxlBook, modules: list[Module]) -> list[Module]:
    """``modules`` with a document module for the workbook and for each sheet (code names
    assigned where missing): existing ones kept as they are, missing ones added after the
    document modules already there, empty ones of sheets that are gone left out."""
    assign_code_names(book, {m.name for m in modules if m.kind != "document"})
    wanted: dict[str, Module] = {
        book.code_name.upper(): document_module(book.code_name, WORKBOOK_BASE)
    }
    for sheet in _sheets(book):
        name = sheet.sheet_properties.codeName
        base = CHARTSHEET_BASE if _is_chart(sheet) else WORKSHEET_BASE
        wanted[name.upper()] = document_module(name, base)
    result: list[Module] = []
    last_document = -1
    for module in modules:
        key = module.name.upper()
        if module.kind == "document":
            if key not in wanted and not _has_code(module):
                continue  # the empty module of a sheet that is gone
            wanted.pop(key, None)
            result.append(module)
            last_document = len(result) - 1
        else:
            result.append(module)
    missing = list(wanted.values())
    return result[: last_document + 1] + missing + result[last_document + 1 :]


def sync_document_modules(book: OpenpyxlBook) -> bool:
    """Before a macro workbook is saved: bring its VBA project's document modules in line
    with its sheets (see ``with_documents``). Returns whether the project was rewritten;
    a book without a VBA project, or one whose modules already match, is left alone."""
    from ocop_xl.workbook.xlsm.package import replace_project

    archive = book.vba_archive
    if archive is None or VBA_PART not in archive.namelist():
        return False
    project = vba_project.read_project(archive.read(VBA_PART))
    if project.has_designers or project.protected:
        assign_code_names(book, {m.name for m in project.modules})
        return False  # a project this code cannot rebuild: Excel will add what is missing
    modules = with_documents(book, project.modules)
    if [(m.name, m.kind) for m in modules] == [(m.name, m.kind) for m in project.modules]:
        return False
    replace_project(book, vba_project.build(modules, keep=project))
    return True
