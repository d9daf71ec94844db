"""Council scoring, pure: typed scores checked, members counted, exact means, stars,
flags, outcomes, ranks, and the council's documents.

The same functions serve the ``score`` action, the command line and the Excel UDFs.
"""

from ocop_xl.domain.scoring.catalog import applicable, parse_catalog
from ocop_xl.domain.scoring.compute import (
    Scoring,
    rank_within_groups,
    score_product,
    score_products,
)
from ocop_xl.domain.scoring.display import (
    exact_text,
    round_score,
    score_text,
    shown,
    star_label,
    vi_number,
)
from ocop_xl.domain.scoring.documents import minutes_document, province_list_document
from ocop_xl.domain.scoring.members import (
    CouncilStatus,
    MemberIndex,
    council_status,
    recusal,
)
from ocop_xl.domain.scoring.model import (
    PART_KEYS,
    Criterion,
    Flag,
    MemberScore,
    Product,
    ProductResult,
    Recusal,
    Row,
    typed_rows,
)
from ocop_xl.domain.scoring.outcome import outcome_label, outcome_text
from ocop_xl.domain.scoring.precheck import PrecheckBook, check_precheck_rows
from ocop_xl.domain.scoring.requirements import (
    RequirementBook,
    apply_requirements,
    check_requirement_rows,
)
from ocop_xl.domain.scoring.stats import Summary, needs_rescore, summarize
from ocop_xl.domain.scoring.validate import (
    ProductIndex,
    ScoreBook,
    check_criterion_rows,
    check_part_rows,
    ignored_rows,
)

__all__ = [
    "PART_KEYS",
    "CouncilStatus",
    "Criterion",
    "Flag",
    "MemberIndex",
    "MemberScore",
    "PrecheckBook",
    "Product",
    "ProductIndex",
    "ProductResult",
    "Recusal",
    "RequirementBook",
    "Row",
    "ScoreBook",
    "Scoring",
    "Summary",
    "applicable",
    "apply_requirements",
    "check_criterion_rows",
    "check_part_rows",
    "check_precheck_rows",
    "check_requirement_rows",
    "council_status",
    "exact_text",
    "ignored_rows",
    "minutes_document",
    "needs_rescore",
    "outcome_label",
    "outcome_text",
    "parse_catalog",
    "province_list_document",
    "rank_within_groups",
    "recusal",
    "round_score",
    "score_product",
    "score_products",
    "score_text",
    "shown",
    "star_label",
    "summarize",
    "typed_rows",
    "vi_number",
]
