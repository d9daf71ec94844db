"""Actions for the installation and the Excel workbook (check-install, build-workbook)."""
