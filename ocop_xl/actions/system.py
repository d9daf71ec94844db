"""Actions for the installation and the Excel workbook: check-install, help, and bringing
a master's macros up to date (upgrade-macros, on the command line only)."""

from __future__ import annotations

import importlib
import os
import platform
import re
import sys
import time
import zipfile
from datetime import datetime
from importlib import metadata
from pathlib import Path

from ocop_xl import __version__
from ocop_xl.actions.registry import action, current_user
from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.folders import folders_of
from ocop_xl.workbook.port import AuditEntry, Workbook
from ocop_xl.workbook.xlsm import (
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
from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons
from ocop_xl.workbook.xlsm.vba_text import same_code

ADDIN_FILE = "xlwings.xlam"
DOCS = "docs/windows-checklist.md"


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


def check_install_result(workbook: Path | None, addin: Path | None = None) -> ActionResult:
    """What check-install reports, for a workbook file (or for this computer only)."""
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
    if workbook is not None and workbook.is_file():
        location = Location(file=workbook.name)
        info = read_macros(workbook)
        _check_macros(result, workbook, info, location)
        vba = _check_vba_version(result, workbook, info, installed, addin, location)
        data["vba"] = vba
        udf_modules = info.conf.get(UDF_MODULES_KEY.upper(), "") or UDF_MODULES
    data["udf_modules"] = _check_udfs(result, udf_modules)
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
    names = ", ".join(m.name for m in info.modules)
    result.summary.append(("Macro trong tệp", names))
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
        result.issues.append(Issue.warning("INSTALL_ADDIN_MISSING", path=str(path)))
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
    from ocop_xl.excel.dispatch import LOG_FILE

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


def upgrade_macros(
    path: Path,
    *,
    standalone: bool = False,
    interpreter: str | None = None,
    force: bool = False,
) -> ActionResult:
    """Put the current VBA project, ribbon and xlwings.conf into a master, keeping its
    data. An ``.xlsx`` master gets a ``.xlsm`` copy beside it (the ``.xlsx`` stays)."""
    started = time.perf_counter()
    path = Path(path)
    target = path if path.suffix.lower() == ".xlsm" else path.with_suffix(".xlsm")
    if target != path and target.exists() and not force:
        raise OcopError("OUTPUT_EXISTS", file=str(target))
    wb = FileWorkbook.open(path)
    modules = attach_macros(wb.book, standalone=standalone, interpreter=interpreter)
    wb.path = target
    result = ActionResult(
        "upgrade-macros",
        counts={"modules": len(modules)},
        summary=[
            ("Tệp tổng hợp", str(target)),
            ("Macro", ", ".join(m.name for m in modules)),
            ("Cách chạy Python", "độc lập" if standalone else "add-in xlwings"),
        ],
        data={"workbook": str(target), "modules": [m.name for m in modules]},
    )
    wb.log(
        AuditEntry(
            "upgrade-macros",
            datetime.now(),
            current_user(),
            __version__,
            time.perf_counter() - started,
            counts=result.all_counts(),
        )
    )
    wb.save(target)
    return result
