"""CLI commands for commune submissions (template, consolidate, returns)."""
