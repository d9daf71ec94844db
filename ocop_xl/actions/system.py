"""Actions for the installation and the Excel workbook: check-install, help, and bringing
a master's macros up to date (upgrade-macros, on the command line only)."""

from __future__ import annotations

import importlib
import os
import platform
import re
import struct
import sys
import time
import zipfile
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_xl import __version__
from ocop_xl.actions.registry import action, log_and_commit
from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.folders import folders_of
from ocop_xl.workbook.port import Workbook
from ocop_xl.workbook.xlsm import (
    MODE_NAME,
    UDF_MODULES,
    UDF_MODULES_KEY,
    WorkbookMacros,
    attach_macros,
    custom_ui,
    project_modules,
    read_macros,
    vba_project,
    vba_version,
)
from ocop_xl.workbook.xlsm.package import INTERPRETER_KEY
from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons
from ocop_xl.workbook.xlsm.udf_wrappers import WRAPPER_MODULE, signatures, wrapper_module
from ocop_xl.workbook.xlsm.vba_text import same_code

if TYPE_CHECKING:  # a type only: no import of openpyxl for it
    from openpyxl.workbook.workbook import Workbook as OpenpyxlBook

ADDIN_FILE = "xlwings.xlam"
DOCS = "docs/windows-checklist.md"
UPGRADE_MACROS_LABEL = "Cập nhật macro"


# -- check-install -----------------------------------------------------------------------


def xlwings_pin() -> str | None:
    """The xlwings version ocop_xl is pinned to (None when running from a bare source tree)."""
    try:
        requires = metadata.requires("ocop-xl") or []
    except metadata.PackageNotFoundError:
        return None
    for requirement in requires:
        found = re.match(r"xlwings\s*==\s*([\w.]+)", requirement)
        if found:
            return found.group(1)
    return None


def default_addin_path() -> Path | None:
    """Where ``xlwings addin install`` puts the add-in (Excel's XLSTART folder)."""
    appdata = os.environ.get("APPDATA")
    if not appdata:
        return None
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART" / ADDIN_FILE


def addin_vba_version(path: Path) -> str | None:
    """XLWINGS_VERSION of the add-in's VBA (its module "Main")."""
    with zipfile.ZipFile(path) as archive:
        modules = vba_project.read(archive.read("xl/vbaProject.bin"))
    for module in modules:
        found = vba_version(module.code)
        if found:
            return found
    return None


def check_install_result(
    workbook: Path | None,
    addin: Path | None = None,
    *,
    platform_name: str = sys.platform,
    prefix: Path | None = None,
) -> ActionResult:
    """What check-install reports, for a workbook file (or for this computer only).
    ``platform_name`` and ``prefix`` (the Python installation) say what is checked for
    Windows: the xlwings DLL beside Python and the interpreter xlwings.conf names."""
    import xlwings

    installed = xlwings.__version__
    result = ActionResult("check-install")
    result.summary = [
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("xlwings", installed),
        ("ocop_xl", __version__),
    ]
    data: dict[str, object] = {
        "python": platform.python_version(),
        "xlwings": installed,
        "ocop_xl": __version__,
    }
    pin = xlwings_pin()
    if pin and pin != installed:
        result.issues.append(Issue.error("INSTALL_XLWINGS_VERSION", found=installed, expected=pin))

    udf_modules = UDF_MODULES
    info: WorkbookMacros | None = None
    if workbook is not None and workbook.is_file():
        location = Location(file=workbook.name)
        info = read_macros(workbook)
        _check_macros(result, workbook, info, location)
        vba = _check_vba_version(result, workbook, info, installed, addin, location)
        data["vba"] = vba
        udf_modules = info.conf.get(UDF_MODULES_KEY.upper(), "") or UDF_MODULES
        _check_interpreter(result, info, location, platform_name)
    udfs = data["udf_modules"] = _check_udfs(result, udf_modules)
    if (
        workbook is not None
        and info is not None
        and info.has_vba
        and all(v == "ok" for v in udfs.values())
    ):
        _check_wrappers(result, info, udf_modules, Location(file=workbook.name))
    dll = _check_xlwings_dll(result, installed, platform_name, prefix)
    if dll is not None:
        data["xlwings_dll"] = dll
    result.data = data
    result.summary.append(("Lỗi cài đặt", str(len(result.errors))))
    return result


def _check_macros(
    result: ActionResult, workbook: Path, info: WorkbookMacros, location: Location
) -> None:
    if not info.has_vba:
        result.issues.append(Issue.warning("INSTALL_NO_MACROS", location))
        result.summary.append(("Macro trong tệp", "không có"))
        return
    names = ", ".join(m.name for m in info.modules if m.kind != "document")
    documents = sum(1 for m in info.modules if m.kind == "document")
    result.summary.append(
        ("Macro trong tệp", f"{names} (+ {documents} mô-đun của tệp, trang tính)")
    )
    for module in project_modules():
        found = info.module(module.name)
        if found is None or not same_code(found.code, module.code):
            result.issues.append(
                Issue.warning(
                    "INSTALL_MACROS_OUTDATED", location, module=module.name, version=__version__
                )
            )
    if info.custom_ui is None:
        result.issues.append(Issue.warning("INSTALL_RIBBON_MISSING", location))
    elif info.custom_ui != custom_ui():
        result.issues.append(
            Issue.warning(
                "INSTALL_MACROS_OUTDATED", location, module="customUI.xml", version=__version__
            )
        )
    else:
        result.summary.append(("Thẻ OCOP", f"{len(ribbon_buttons(info.custom_ui))} nút"))
    if not info.has_conf:
        result.issues.append(Issue.warning("INSTALL_CONF_MISSING", location))


def _check_vba_version(
    result: ActionResult,
    workbook: Path,
    info: WorkbookMacros,
    installed: str,
    addin: Path | None,
    location: Location,
) -> dict[str, object]:
    if not info.has_vba:
        return {"mode": None}
    if info.mode == "standalone" or info.module("xlwings") is not None:
        found = info.xlwings_version or "?"
        result.summary.append(("Cách chạy Python", "độc lập (mã xlwings nằm trong tệp)"))
        result.summary.append(("Mã VBA của xlwings", found))
        if found != installed:
            result.issues.append(
                Issue.error("INSTALL_VBA_VERSION", location, found=found, expected=installed)
            )
        return {"mode": "standalone", "version": found}
    result.summary.append(("Cách chạy Python", "add-in xlwings"))
    path = addin or default_addin_path()
    if path is None:
        result.summary.append(("Add-in xlwings", "chỉ kiểm tra được trên Windows"))
        return {"mode": "addin", "addin": None}
    if not path.is_file():
        result.issues.append(Issue.error("INSTALL_ADDIN_MISSING", location, path=str(path)))
        return {"mode": "addin", "addin": str(path), "version": None}
    try:
        found = addin_vba_version(path) or "?"
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        found = "?"
    result.summary.append(("Add-in xlwings", f"{found} ({path})"))
    if found != installed:
        result.issues.append(
            Issue.error("INSTALL_ADDIN_VERSION", path=str(path), found=found, expected=installed)
        )
    return {"mode": "addin", "addin": str(path), "version": found}


def _check_wrappers(
    result: ActionResult, info: WorkbookMacros, setting: str, location: Location
) -> None:
    """The worksheet functions' module must be the one this ocop_xl writes for the UDF
    modules the workbook declares: a function missing or with other arguments shows an
    error (or #NAME?) in its cells."""
    names = [m.strip() for m in setting.split(";") if m.strip()]
    try:
        expected = wrapper_module(names, addin=info.mode != "standalone")
    except OcopError:
        return  # a module that does not import: INSTALL_UDF_IMPORT says so
    found = info.module(WRAPPER_MODULE)
    if found is None or not same_code(found.code, expected.code):
        result.issues.append(Issue.error("INSTALL_UDFS_OUTDATED", location, version=__version__))
        return
    result.summary.append(("Hàm trong tệp", f"{len(signatures(found.code))} hàm (=OCOP_…)"))


def _check_interpreter(
    result: ActionResult, info: WorkbookMacros, location: Location, platform_name: str
) -> None:
    """An Interpreter_Win that does not exist makes every button and function fail."""
    path = info.conf.get(INTERPRETER_KEY.upper(), "").strip()
    if not path or not platform_name.startswith("win"):
        return
    if not Path(path).is_file():
        result.issues.append(Issue.error("INSTALL_INTERPRETER_MISSING", location, path=path))


def _check_xlwings_dll(
    result: ActionResult, installed: str, platform_name: str, prefix: Path | None
) -> str | None:
    """On Windows, xlwings' VBA loads xlwings64-<version>.dll (32 on 32-bit Office) from
    beside python.exe or from the folder above it (a virtual environment)."""
    if not platform_name.startswith("win"):
        return None
    root = Path(prefix) if prefix is not None else Path(sys.prefix)
    bits = 8 * struct.calcsize("P")
    name = f"xlwings{bits}-{installed}.dll"
    for folder in (root, root / "Scripts", Path(sys.executable).parent):
        if (folder / name).is_file():
            return str(folder / name)
    result.issues.append(Issue.error("INSTALL_XLWINGS_DLL", file=name, path=str(root)))
    return None


def _check_udfs(result: ActionResult, setting: str) -> dict[str, str]:
    """Import every module xlwings.conf names for UDFs (xlwings separates them with ";")."""
    outcome: dict[str, str] = {}
    for name in [m.strip() for m in setting.split(";") if m.strip()]:
        try:
            importlib.import_module(name)
        except Exception as exc:  # any failure is what Excel would meet importing them
            detail = f"{type(exc).__name__}: {exc}"[:200]
            result.issues.append(Issue.error("INSTALL_UDF_IMPORT", module=name, detail=detail))
            outcome[name] = detail
            result.summary.append(("Hàm tự định nghĩa", f"{name}: không nạp được"))
        else:
            outcome[name] = "ok"
            result.summary.append(("Hàm tự định nghĩa", f"{name}: nạp được"))
    return outcome


@action("check-install", "Kiểm tra cài đặt", writes_master=False)
def check_install(wb: Workbook) -> ActionResult:
    """Python, xlwings and ocop_xl versions; the workbook's macros, ribbon and xlwings VBA
    version; the UDF modules. Reads the saved file, changes nothing."""
    workbook = Path(wb.folder) / wb.name if wb.folder is not None else None
    addin_path = getattr(wb, "addin_path", None)
    addin = addin_path() if callable(addin_path) else None
    return check_install_result(workbook, addin)


# -- help --------------------------------------------------------------------------------


def help_result() -> ActionResult:
    from ocop_xl.workbook.folders import LOG_FILE

    result = ActionResult("help")
    buttons = ribbon_buttons(custom_ui())
    for button in buttons:  # each tip names the button's folders (a test checks)
        tip = f"{button.supertip} Lệnh: ocop-xl {button.tag}."
        result.summary.append((f"{button.group} › {button.label}", tip))
    result.summary += [
        (
            "Dòng lệnh",
            "mỗi nút chạy một lệnh (ghi sau mỗi nút): ocop-xl <lệnh> --workbook <tệp>; "
            "các thư mục nằm cạnh tệp tổng hợp (ocop-xl --help)",
        ),
        ("Khi có lỗi", f"xem tệp {LOG_FILE} cạnh tệp tổng hợp và gửi cho người hỗ trợ"),
        ("Hướng dẫn cài đặt", DOCS),
    ]
    result.data["buttons"] = [
        {
            "tag": b.tag,
            "label": b.label,
            "group": b.group,
            "command": f"ocop-xl {b.tag}",
            "folders": [f.name for f in folders_of(b.tag)],
        }
        for b in buttons
    ]
    return result


@action("help", "Trợ giúp", writes_master=False)
def help_action(wb: Workbook) -> ActionResult:
    return help_result()


# -- upgrade-macros ----------------------------------------------------------------------


def current_mode(book: OpenpyxlBook) -> str | None:
    """How an openpyxl book's macros reach Python: "standalone", "addin" or None."""
    if MODE_NAME in book.defined_names:
        value = (book.defined_names[MODE_NAME].attr_text or "").strip('="').lower()
        if value in ("standalone", "addin"):
            return value
    return None


def upgrade_macros(
    path: Path,
    *,
    standalone: bool | None = None,
    interpreter: str | None = None,
    force: bool = False,
) -> ActionResult:
    """Put the current VBA project, ribbon and xlwings.conf into a master, keeping its
    data. An ``.xlsx`` master gets a ``.xlsm`` copy beside it (the ``.xlsx`` stays).
    ``standalone`` None keeps the way the workbook reaches Python (standalone for a
    workbook that had no macros)."""
    started, now = time.perf_counter(), datetime.now()
    path = Path(path)
    target = path if path.suffix.lower() == ".xlsm" else path.with_suffix(".xlsm")
    if target != path and target.exists() and not force:
        raise OcopError("OUTPUT_EXISTS", file=str(target))
    wb = FileWorkbook.open(path)
    if standalone is None:
        standalone = current_mode(wb.book) != "addin"
    modules = attach_macros(wb.book, standalone=standalone, interpreter=interpreter)
    wb.path = target
    result = ActionResult(
        "upgrade-macros",
        counts={"modules": len(modules)},
        summary=[
            ("Tệp tổng hợp", str(target)),
            ("Macro", ", ".join(m.name for m in modules if m.kind != "document")),
            ("Cách chạy Python", "độc lập" if standalone else "add-in xlwings"),
        ],
        data={"workbook": str(target), "modules": [m.name for m in modules]},
    )
    log_and_commit(wb, "upgrade-macros", UPGRADE_MACROS_LABEL, result, at=now, started=started)
    return result
