"""Files: the master workbook's layout, the Workbook port and its file adapter.

Names are loaded on first use (PEP 562): ``ocop-xl --help`` and the command modules import
``ocop_xl.workbook.folders`` without paying for openpyxl and pandas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ocop_xl.workbook.file_workbook import FileWorkbook
    from ocop_xl.workbook.port import AuditEntry, Workbook

__all__ = ["AuditEntry", "FileWorkbook", "Workbook"]


def __getattr__(name: str) -> Any:
    if name == "FileWorkbook":
        from ocop_xl.workbook.file_workbook import FileWorkbook

        return FileWorkbook
    if name in ("AuditEntry", "Workbook"):
        from ocop_xl.workbook import port

        return getattr(port, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
