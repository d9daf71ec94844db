"""The Windows bundle and the guide, as ``make bundle`` / ``make guide`` built them.

``make test`` builds the bundle first and names it in ``OCOP_BUNDLE``; run alone, the
tests build it once per session into a temporary folder (downloads cached in
``.cache/bundle``, the folder the Makefile names), with a placeholder guide when
build/guide/HuongDan.pdf was not made.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundle_zip(tmp_path_factory) -> Path:
    named = os.environ.get("OCOP_BUNDLE")
    if named:
        path = Path(named)
        if not path.is_absolute():
            path = ROOT / path
        assert path.is_file(), f"OCOP_BUNDLE={named} does not exist: run make bundle"
        return path
    from release import bundle

    guide = ROOT / "build" / "guide" / bundle.GUIDE_PDF
    if not guide.is_file():
        guide = tmp_path_factory.mktemp("guide") / bundle.GUIDE_PDF
        guide.write_bytes(b"%PDF-1.4 placeholder\n")
    return bundle.build(tmp_path_factory.mktemp("dist"), ROOT / ".cache" / "bundle", guide)


@pytest.fixture(scope="session")
def bundle_tree(bundle_zip, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(out)
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return folder
