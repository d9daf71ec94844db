"""The version of ocop_xl (pyproject.toml reads it from here)."""

__version__ = "0.1.0"
