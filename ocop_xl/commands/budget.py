"""CLI commands for the support budget (tally, estimate)."""
