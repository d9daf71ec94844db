"""Stable codes of the flags on a product's result; their words are in the catalog."""

from __future__ import annotations

QUORUM_NOT_REACHED = "QUORUM_NOT_REACHED"
CHAIR_ABSENT = "CHAIR_ABSENT"
SPREAD_ABOVE_LIMIT = "SPREAD_ABOVE_LIMIT"
SCORES_MISSING = "SCORES_MISSING"
REQUIREMENT_NOT_MET = "REQUIREMENT_NOT_MET"  # explains a capped star, not blocking
REQUIREMENTS_NOT_RECORDED = "REQUIREMENTS_NOT_RECORDED"
PRECHECK_MISSING = "PRECHECK_MISSING"
PRECHECK_FAILED = "PRECHECK_FAILED"
NO_SCORES = "NO_SCORES"
MEAN_ROUNDED_ACROSS_BAND = "MEAN_ROUNDED_ACROSS_BAND"
UPGRADE_STARS_MISSING = "UPGRADE_STARS_MISSING"

# A result with one of these is not final: the product is neither recognised nor forwarded,
# and an upgrade is not met, until the council has fixed the cause.
BLOCKING = frozenset(
    {
        QUORUM_NOT_REACHED,
        CHAIR_ABSENT,
        SPREAD_ABOVE_LIMIT,
        SCORES_MISSING,
        REQUIREMENTS_NOT_RECORDED,
        PRECHECK_MISSING,
        PRECHECK_FAILED,
        NO_SCORES,
    }
)
# Flags that mean "score again" (the UDF OCOP_RESCORE and the minutes' re-scoring list).
RESCORE = frozenset({SPREAD_ABOVE_LIMIT, SCORES_MISSING, NO_SCORES})
