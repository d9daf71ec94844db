"""ocop_xl inside Excel (xlwings): the ribbon's ``dispatch``, the ``LiveWorkbook`` port on
the open book, and the UDFs (``ocop_xl.excel.udfs``, declared in the xlwings.conf sheet).

The workbook's VBA runs ``import ocop_xl.excel as x; x.dispatch('TAG')`` for every button.
"""

from ocop_xl.excel.dispatch import ROUTES, dispatch, run_tag

__all__ = ["ROUTES", "dispatch", "run_tag"]
