"""Actions for the evaluation council (score sheets, scoring)."""
