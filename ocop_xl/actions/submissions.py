"""Actions for commune submissions (template, consolidate, returns)."""
