"""Messages for the plan (task matrix, progress, documents)."""

MESSAGES: dict[str, tuple[str, str]] = {}
