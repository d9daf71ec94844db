"""ocop_xl: the OCOP program of a district, in its master Excel workbook and on the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ocop-xl")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
