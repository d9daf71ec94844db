"""The support budget: lines, funding sources, every check, the tallies, the estimate.

Money is whole đồng (int) from the cell to the printed total.
"""

from ocop_xl.domain.budget.estimate import estimate_document, roman
from ocop_xl.domain.budget.lines import (
    LINE_DONE,
    LINE_PAID,
    LINE_PLANNED,
    LINE_STATUSES,
    PLAN_WIDE,
    BudgetInputs,
    BudgetLine,
    Product,
    SheetNames,
    classify_columns,
    is_plan_wide,
    line_done,
    read_lines,
    renamed_source_columns,
)
from ocop_xl.domain.budget.prefill import PREFILL_NOTE, Prefill, prefill_lines
from ocop_xl.domain.budget.tally import (
    STATUS_VI,
    Budget,
    GroupTally,
    SourceTally,
    percent_number,
    percent_text,
    tally_budget,
)

__all__ = [
    "LINE_DONE",
    "LINE_PAID",
    "LINE_PLANNED",
    "LINE_STATUSES",
    "PLAN_WIDE",
    "PREFILL_NOTE",
    "STATUS_VI",
    "Budget",
    "BudgetInputs",
    "BudgetLine",
    "GroupTally",
    "Prefill",
    "Product",
    "SheetNames",
    "SourceTally",
    "classify_columns",
    "estimate_document",
    "is_plan_wide",
    "line_done",
    "percent_number",
    "percent_text",
    "prefill_lines",
    "read_lines",
    "renamed_source_columns",
    "roman",
    "tally_budget",
]
