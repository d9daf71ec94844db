"""Messages for the support budget (tally, estimate)."""

MESSAGES: dict[str, tuple[str, str]] = {}
