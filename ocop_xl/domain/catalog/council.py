"""Messages for the evaluation council (score sheets, scoring)."""

MESSAGES: dict[str, tuple[str, str]] = {}
