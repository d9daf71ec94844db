"""The macro side of the master ``.xlsm``: a VBA project written in pure Python (no Office,
no LibreOffice needed), the OCOP ribbon part and the xlwings.conf sheet.

- ``compression`` and ``cfb``: the two file formats under ``vbaProject.bin``.
- ``vba_project``: modules in, ``vbaProject.bin`` out (and back).
- ``sources``: ``macros/`` and, for standalone workbooks, the installed xlwings' VBA.
- ``package``: attach all of it to an openpyxl book; read it back from a file.
- ``documents``: every sheet's code name and document module, kept in step on each save.
- ``vba_text``: module texts compared the way the VBA editor stores them.
"""

from ocop_xl.workbook.xlsm.documents import sync_document_modules
from ocop_xl.workbook.xlsm.package import (
    CONF_SHEET,
    CUSTOM_UI_PART,
    CUSTOM_UI_REL,
    MODE_NAME,
    UDF_MODULES,
    UDF_MODULES_KEY,
    VBA_PART,
    WorkbookMacros,
    attach_macros,
    read_macros,
)
from ocop_xl.workbook.xlsm.sources import (
    custom_ui,
    macros_dir,
    project_modules,
    vba_version,
    workbook_modules,
    xlwings_vba,
)

__all__ = [
    "CONF_SHEET",
    "CUSTOM_UI_PART",
    "CUSTOM_UI_REL",
    "MODE_NAME",
    "UDF_MODULES",
    "UDF_MODULES_KEY",
    "VBA_PART",
    "WorkbookMacros",
    "attach_macros",
    "custom_ui",
    "macros_dir",
    "project_modules",
    "read_macros",
    "sync_document_modules",
    "vba_version",
    "workbook_modules",
    "xlwings_vba",
]
