"""Actions for the support budget (tally, estimate)."""
