"""Putting the VBA project, the ribbon and the xlwings.conf sheet into a master workbook,
and reading them back out of a file.

openpyxl writes the package: it keeps ``xl/vbaProject.bin``, ``customUI/…`` and the 2006
customUI relationship of the package from ``book.vba_archive`` whenever it saves (that is
how ``keep_vba=True`` round trips work). A new master gets a ``vba_archive`` holding our
parts, so creating a master and re-saving one go through the same door.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import OcopError
from ocop_xl.workbook.table.cells import put
from ocop_xl.workbook.xlsm import vba_project
from ocop_xl.workbook.xlsm.documents import with_documents
from ocop_xl.workbook.xlsm.sources import (
    UDF_MODULES,
    WORKBOOK_CODE_NAME,
    custom_ui,
    vba_version,
    workbook_modules,
)
from ocop_xl.workbook.xlsm.vba_project import Module

VBA_PART = "xl/vbaProject.bin"
CUSTOM_UI_PART = "customUI/customUI.xml"
ROOT_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_UI_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
CUSTOM_UI14_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CUSTOM_UI_REL_ID = "rIdOcopRibbon"
XLWINGS_MODULES = ("xlwings", "Dictionary")  # what a standalone build adds
EMPTY_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)

CONF_SHEET = "xlwings.conf"  # the name xlwings looks for (a leading "_" would disable it)
UDF_MODULES_KEY = "UDF Modules"
INTERPRETER_KEY = "Interpreter_Win"
# Buttons run in the Python the worksheet functions keep loaded (docs/excel-addin.md).
UDF_SERVER_KEY = "Use UDF Server"
MODE_NAME = "OCOP_XLWINGS"  # read by macros/OcopRibbon.bas
CONF_NOTE = (
    "Cấu hình xlwings của tệp tổng hợp (cột A: tên, cột B: giá trị). "
    "Xem docs/excel-addin.md trước khi sửa."
)


def attach_macros(
    book: OpenpyxlBook, *, standalone: bool = False, interpreter: str | None = None
) -> list[Module]:
    """Give an openpyxl book our VBA project, the OCOP ribbon, the xlwings.conf sheet and
    the mode mark; the next ``save`` to a ``.xlsm`` path writes them. Other parts an
    existing file carries (comments' drawings, the staff's own parts) are kept, and so are
    VBA modules that are not ours (the UDF module xlwings imports, the staff's macros)."""
    code_name = book.code_name or WORKBOOK_CODE_NAME
    existing = _existing_project(book)
    udf_modules = _udf_modules(book)
    modules = workbook_modules(
        standalone=standalone,
        workbook_name=code_name,
        udf_modules=tuple(m for m in udf_modules.split(";") if m),
    )
    if existing is not None:
        modules = _merge(existing, modules, code_name)
    book.code_name = code_name
    settings = {UDF_MODULES_KEY: udf_modules}
    if not _conf_has(book, UDF_SERVER_KEY):  # a choice the staff made stays
        settings[UDF_SERVER_KEY] = "True"
    if interpreter:
        settings[INTERPRETER_KEY] = interpreter
    write_conf_sheet(book, settings)
    modules = with_documents(book, modules)  # every sheet's code name and module
    if MODE_NAME in book.defined_names:
        del book.defined_names[MODE_NAME]
    mode = '"standalone"' if standalone else '"addin"'
    book.defined_names[MODE_NAME] = DefinedName(MODE_NAME, attr_text=mode, hidden=True)
    vba = vba_project.build(modules, keep=existing)
    book.vba_archive = _archive(book.vba_archive, vba, custom_ui())
    return modules


def _existing_project(book: OpenpyxlBook) -> vba_project.Project | None:
    archive = book.vba_archive
    if archive is None or VBA_PART not in archive.namelist():
        return None
    project = vba_project.read_project(archive.read(VBA_PART))
    if project.has_designers:
        # A UserForm lives in storages a project rebuilt from text cannot carry.
        raise OcopError("VBA_FORMS_PRESENT")
    if project.protected:
        # Rebuilt, the project would lose its password: refuse rather than unlock it.
        raise OcopError("VBA_PROTECTED")
    return project


def _merge(existing: vba_project.Project, ours: list[Module], code_name: str) -> list[Module]:
    """Our modules replace theirs by name, in their place (xlwings' too, whichever mode is
    asked for: a module of xlwings' the new mode does not want goes); the workbook's own
    document module and every other module and class stay as they are, in their order;
    modules of ours the project lacks come after them."""
    new = {m.name.upper(): m for m in ours[1:]}
    dropped = {m.upper() for m in XLWINGS_MODULES} - set(new)
    merged: list[Module] = []
    has_workbook = False
    for module in existing.modules:
        key = module.name.upper()
        if module.kind == "document" and module.name == code_name:
            merged.append(module)
            has_workbook = True
        elif key in new:
            merged.append(new.pop(key))
        elif key not in dropped:
            merged.append(module)
    if not has_workbook:
        merged.insert(0, ours[0])
    return merged + list(new.values())


def _conf_has(book: OpenpyxlBook, key: str) -> bool:
    if CONF_SHEET not in book.sheetnames:
        return False
    return any(str(k).strip().upper() == key.upper() for k, _ in read_conf_rows(book[CONF_SHEET]))


def _udf_modules(book: OpenpyxlBook) -> str:
    """Our UDF module, after any others the staff already declared (xlwings: ";" list)."""
    declared: list[str] = []
    if CONF_SHEET in book.sheetnames:
        for key, value in read_conf_rows(book[CONF_SHEET]):
            if str(key).strip().upper() == UDF_MODULES_KEY.upper() and value:
                declared = [m.strip() for m in str(value).split(";") if m.strip()]
    return ";".join([m for m in declared if m != UDF_MODULES] + [UDF_MODULES])


def _root_rels(old: bytes | None) -> bytes:
    ET.register_namespace("", REL_NS)
    root = ET.fromstring(old) if old else ET.Element(f"{{{REL_NS}}}Relationships")
    for rel in list(root):
        if rel.get("Type") in (CUSTOM_UI_REL, CUSTOM_UI14_REL):
            root.remove(rel)
    ET.SubElement(
        root,
        f"{{{REL_NS}}}Relationship",
        Id=CUSTOM_UI_REL_ID,
        Type=CUSTOM_UI_REL,
        Target=CUSTOM_UI_PART,
    )
    return ET.tostring(root, xml_declaration=True, encoding="UTF-8")


def _archive(old: zipfile.ZipFile | None, vba: bytes, ui: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    replaced = {VBA_PART, CUSTOM_UI_PART, ROOT_RELS, CONTENT_TYPES, "customUI/customUI14.xml"}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        old_rels: bytes | None = None
        types: str | bytes = EMPTY_TYPES
        if old is not None:
            for name in old.namelist():
                if name not in replaced:
                    archive.writestr(name, old.read(name))
                elif name == ROOT_RELS:
                    old_rels = old.read(name)
                elif name == CONTENT_TYPES:
                    types = old.read(name)
        archive.writestr(ROOT_RELS, _root_rels(old_rels))
        archive.writestr(CONTENT_TYPES, types)
        archive.writestr(VBA_PART, vba)
        archive.writestr(CUSTOM_UI_PART, ui)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def replace_project(book: OpenpyxlBook, vba: bytes) -> None:
    """Swap the book's ``vbaProject.bin`` for ``vba``, every other part as it was."""
    old: zipfile.ZipFile | None = book.vba_archive
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in old.namelist() if old is not None else []:
            if old is not None and name != VBA_PART:
                archive.writestr(name, old.read(name))
        archive.writestr(VBA_PART, vba)
    book.vba_archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def write_conf_sheet(book: OpenpyxlBook, settings: dict[str, str]) -> None:
    """Set ``settings`` in the xlwings.conf sheet (hidden, last), keeping other keys.

    xlwings reads names from A1 down to the first blank cell, values beside them."""
    rows: list[tuple[str, object]] = []
    if CONF_SHEET in book.sheetnames:
        ws = book[CONF_SHEET]
        rows = [(str(k), v) for k, v in read_conf_rows(ws)]
    else:
        ws = book.create_sheet(CONF_SHEET)
    wanted = {k.upper(): (k, v) for k, v in settings.items()}
    merged = [wanted.pop(k.upper(), (k, v)) for k, v in rows]
    merged += list(wanted.values())
    for row in range(1, ws.max_row + 1):
        ws.cell(row, 1).value = None
        ws.cell(row, 2).value = None
    for i, (key, value) in enumerate(merged, start=1):
        put(ws, i, 1, key)
        put(ws, i, 2, value)
    ws["D1"] = CONF_NOTE
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def read_conf_rows(ws: Worksheet) -> list[tuple[object, object]]:
    rows: list[tuple[object, object]] = []
    for key, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if key is None or str(key).strip() == "":
            break
        rows.append((key, value))
    return rows


# -- reading a file back -----------------------------------------------------------------


@dataclass
class WorkbookMacros:
    """What a workbook file carries on its VBA side."""

    modules: list[Module] = field(default_factory=list)
    has_vba: bool = False
    custom_ui: bytes | None = None  # the part the 2006 customUI relationship points at
    conf: dict[str, str] = field(default_factory=dict)  # xlwings.conf, keys upper-cased
    has_conf: bool = False
    mode: str | None = None  # "standalone" or "addin" (the OCOP_XLWINGS name)

    def module(self, name: str) -> Module | None:
        return next((m for m in self.modules if m.name.lower() == name.lower()), None)

    @property
    def xlwings_version(self) -> str | None:
        module = self.module("xlwings")
        return vba_version(module.code) if module else None


def read_macros(path: Path) -> WorkbookMacros:
    """The VBA modules, ribbon, xlwings.conf and mode of a workbook file."""
    info = WorkbookMacros()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if VBA_PART in names:
            info.has_vba = True
            info.modules = vba_project.read(archive.read(VBA_PART))
        if ROOT_RELS in names:
            for rel in ET.fromstring(archive.read(ROOT_RELS)):
                if rel.get("Type") == CUSTOM_UI_REL:
                    target = rel.get("Target", "").lstrip("/")
                    if target in names:
                        info.custom_ui = archive.read(target)
    book = load_workbook(path, read_only=True, keep_vba=False)
    try:
        if CONF_SHEET in book.sheetnames:
            info.has_conf = True
            info.conf = {
                str(k).strip().upper(): "" if v is None else str(v)
                for k, v in read_conf_rows(book[CONF_SHEET])
            }
        if MODE_NAME in book.defined_names:
            value = book.defined_names[MODE_NAME].attr_text or ""
            info.mode = value.strip('="').lower() or None
    finally:
        book.close()
    return info
