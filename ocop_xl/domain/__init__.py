"""The pure core: models and rules, no files, no spreadsheets, no Excel.

Nothing in this package may import openpyxl, xlwings, python_calamine, typer or rich, or
touch the file system (tests/unit/test_domain_purity.py checks it).
"""
