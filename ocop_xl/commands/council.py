"""CLI commands for the evaluation council (score sheets, scoring)."""
