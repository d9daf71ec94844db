"""ocop_xl ships its type hints (PEP 561): the py.typed marker is in the package and
declared as package data, so the wheel carries it (tests/release/test_bundle.py looks in
the wheel the bundle is built with)."""

import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_py_typed_marker_is_in_the_package():
    assert files("ocop_xl").joinpath("py.typed").is_file()


def test_py_typed_is_declared_package_data():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "py.typed" in setuptools["package-data"]["ocop_xl"]
