"""Actions for the plan (task matrix, progress, documents)."""
