"""Messages for commune submissions (template, consolidate, returns)."""

MESSAGES: dict[str, tuple[str, str]] = {}
