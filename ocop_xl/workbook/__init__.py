"""Files: the master workbook's layout, the Workbook port and its file adapter."""

from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.port import AuditEntry, Workbook

__all__ = ["AuditEntry", "FileWorkbook", "Workbook"]
