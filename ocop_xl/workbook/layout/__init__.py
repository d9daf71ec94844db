"""The master workbook, declared once: every sheet, table and column, in tab order.

Each area keeps its sheets in its own module; this module puts them in the order the tabs
appear. ``MASTER`` is the only layout the rest of the code refers to.
"""

from __future__ import annotations

from ocop_xl.workbook.layout.audit import ARCHIVE_TABLE, AUDIT_TABLE
from ocop_xl.workbook.layout.budget import (
    BUDGET_BY_COMMUNE_TABLE,
    BUDGET_BY_ITEM_TABLE,
    BUDGET_BY_PRODUCT_TABLE,
    BUDGET_BY_SOURCE_TABLE,
    BUDGET_LINES_TABLE,
    ESTIMATE_DOCUMENT,
)
from ocop_xl.workbook.layout.checks import ISSUES_TABLE
from ocop_xl.workbook.layout.config import CONFIG_TABLES
from ocop_xl.workbook.layout.council import COUNCIL_INPUTS, COUNCIL_OUTPUTS
from ocop_xl.workbook.layout.plan import PLAN_SHEETS
from ocop_xl.workbook.layout.register import REGISTER_SHEETS
from ocop_xl.workbook.layout.spec import (
    ChartSpec,
    Column,
    DocumentSheet,
    Layout,
    TableSheet,
)
from ocop_xl.workbook.layout.submissions import RECEIVED_FILES_TABLE, REGISTRATIONS_TABLE

MASTER = Layout(
    items=(
        *CONFIG_TABLES,
        REGISTRATIONS_TABLE,
        ISSUES_TABLE,
        RECEIVED_FILES_TABLE,
        *COUNCIL_INPUTS,
        *COUNCIL_OUTPUTS,
        *REGISTER_SHEETS,
        BUDGET_LINES_TABLE,
        BUDGET_BY_SOURCE_TABLE,
        BUDGET_BY_ITEM_TABLE,
        BUDGET_BY_COMMUNE_TABLE,
        BUDGET_BY_PRODUCT_TABLE,
        ESTIMATE_DOCUMENT,
        *PLAN_SHEETS,
        AUDIT_TABLE,
        ARCHIVE_TABLE,
    )
)


def field_header(sheet: str, key: str) -> str:
    """The Vietnamese header of the column ``key`` a finding names: in the table of
    ``sheet`` (the master's, or a commune file's registration sheet), else in any table
    that has such a column; the key itself when none does."""
    from ocop_xl.workbook.layout.submissions import COMMUNE_TABLE

    if not key:
        return ""
    tables = [*MASTER.tables(), COMMUNE_TABLE]
    for table in sorted(tables, key=lambda t: t.sheet != sheet):
        for col in table.columns:
            if col.key == key:
                return col.header
    return key


__all__ = ["MASTER", "ChartSpec", "Column", "DocumentSheet", "Layout", "TableSheet", "field_header"]
