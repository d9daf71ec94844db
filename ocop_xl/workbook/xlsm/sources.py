"""Where the VBA side of the master comes from: ``macros/`` (written for this project) and,
for a standalone workbook, the VBA module of the installed xlwings package.

``macros/`` is found in the source tree (a checkout or an editable install) or, for an
installed wheel, in ``<prefix>/share/ocop-xl/macros`` where pyproject's data-files put it.
"""

from __future__ import annotations

import os
import re
import site
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import ocop_xl
from ocop_xl.domain.issues import OcopError
from ocop_xl.workbook.xlsm.vba_project import (
    ENCODING,
    Module,
    class_module,
    standard_module,
    workbook_module,
)

CUSTOM_UI = "customUI.xml"
UDF_MODULES = "ocop_xl.excel.udfs"  # the worksheet functions (xlwings.conf "UDF Modules")
WORKBOOK_CODE_NAME = "ThisWorkbook"
SHARE = Path("share") / "ocop-xl" / "macros"
VERSION_CONST = re.compile(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]*)"', re.IGNORECASE)


def macro_dirs() -> list[Path]:
    """Places ``macros/`` may be, most specific first."""
    candidates = []
    if os.environ.get("OCOP_XL_MACROS"):
        candidates.append(Path(os.environ["OCOP_XL_MACROS"]))
    candidates.append(Path(ocop_xl.__file__).resolve().parent.parent / "macros")
    for base in (sysconfig.get_path("data"), site.getuserbase()):
        if base:
            candidates.append(Path(base) / SHARE)
    return candidates


def macros_dir() -> Path:
    for candidate in macro_dirs():
        if (candidate / CUSTOM_UI).is_file():
            return candidate
    raise OcopError("MACROS_NOT_FOUND")


def project_modules() -> list[Module]:
    """The modules written for ocop_xl (``macros/*.bas``), in name order."""
    folder = macros_dir()
    return [
        standard_module(path.read_text(encoding=ENCODING))
        for path in sorted(folder.glob("*.bas"), key=lambda p: p.name.lower())
    ]


def custom_ui() -> bytes:
    return (macros_dir() / CUSTOM_UI).read_bytes()


@dataclass(frozen=True)
class XlwingsVba:
    """The VBA that xlwings' own standalone workbooks carry, from the installed package."""

    version: str
    modules: tuple[Module, ...]


def xlwings_vba() -> XlwingsVba:
    import xlwings

    root = Path(xlwings.__file__).parent
    module_file, class_file = root / "xlwings.bas", root / "addin" / "Dictionary.cls"
    for path in (module_file, class_file):
        if not path.is_file():
            raise OcopError("XLWINGS_VBA_MISSING", file=str(path))
    module = standard_module(module_file.read_text(encoding=ENCODING))
    dictionary = class_module(class_file.read_text(encoding=ENCODING))
    return XlwingsVba(vba_version(module.code) or "", (module, dictionary))


def vba_version(code: str) -> str | None:
    """The XLWINGS_VERSION constant of an xlwings VBA module, if it has one."""
    found = VERSION_CONST.search(code)
    return found.group(1) if found else None


def workbook_modules(
    *,
    standalone: bool = False,
    workbook_name: str = WORKBOOK_CODE_NAME,
    udf_modules: tuple[str, ...] = (UDF_MODULES,),
) -> list[Module]:
    """The modules of the master's VBA project that ocop_xl writes, in project order: the
    workbook's document module, ``macros/*.bas``, the worksheet functions' wrappers of
    ``udf_modules`` (xlwings' generator), and xlwings' own VBA when ``standalone``. The
    sheets' document modules are added by ``documents.with_documents``."""
    from ocop_xl.workbook.xlsm.udf_wrappers import wrapper_module

    modules = [workbook_module(workbook_name), *project_modules()]
    modules.append(wrapper_module(list(udf_modules), addin=not standalone))
    if standalone:
        modules += list(xlwings_vba().modules)
    return modules
