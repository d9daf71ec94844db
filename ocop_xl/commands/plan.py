"""CLI commands for the plan (task matrix, progress, documents)."""
