"""Messages for the installation and the Excel workbook (check-install, build-workbook)."""

MESSAGES: dict[str, tuple[str, str]] = {}
