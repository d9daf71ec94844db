"""The wheelhouse's rules on small wheels made here: markers are evaluated for Windows (not
for this Linux machine), wheel tags are matched per Python version."""

from __future__ import annotations

import zipfile
from pathlib import Path

from release.wheelhouse import fits, missing_requirements, windows_environment


def make_wheel(folder: Path, name: str, version: str, tag: str, requires: list[str]) -> Path:
    path = folder / f"{name}-{version}-{tag}.whl"
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    metadata += [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(metadata) + "\n")
    return path


def test_markers_are_evaluated_for_windows():
    env = windows_environment("3.12")
    assert env["sys_platform"] == "win32"
    assert env["platform_system"] == "Windows"
    assert env["python_version"] == "3.12"


def test_windows_only_requirement_is_missing_until_its_wheel_is_there(tmp_path):
    make_wheel(
        tmp_path,
        "tool",
        "1.0",
        "py3-none-any",
        ['pywin32>=224; platform_system == "Windows"', 'uvloop; sys_platform == "linux"',
         "extra-thing; extra == 'docs'"],
    )  # fmt: skip
    assert missing_requirements(tmp_path, "3.13") == ["pywin32>=224"]
    make_wheel(tmp_path, "pywin32", "311", "cp313-cp313-win_amd64", [])
    assert missing_requirements(tmp_path, "3.13") == []
    # the cp313 wheel does not serve Python 3.12
    assert missing_requirements(tmp_path, "3.12") == ["pywin32>=224"]


def test_wheel_tags():
    assert fits(Path("numpy-2.0-cp311-cp311-win_amd64.whl"), "3.11")
    assert not fits(Path("numpy-2.0-cp311-cp311-win_amd64.whl"), "3.12")
    assert not fits(Path("numpy-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"), "3.12")
    assert fits(Path("rich-13-py3-none-any.whl"), "3.13")
    assert fits(Path("colorama-0.4.6-py2.py3-none-any.whl"), "3.11")
    assert fits(Path("lib-1.0-cp39-abi3-win_amd64.whl"), "3.13")
