"""ocop_xl: the OCOP program of a district, in its master Excel workbook and on the command line."""

from ocop_xl._version import __version__

__all__ = ["__version__"]
