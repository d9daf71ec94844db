"""The wheelhouse of the Windows bundle: the ocop_xl wheel and a win_amd64 wheel of every
dependency, for every Python version the bundle supports, resolved here on Linux.

pip evaluates environment markers for the machine it runs on, even with ``--platform``:
downloading for Windows from Linux silently leaves out the requirements only Windows has
(xlwings' ``pywin32``, click's and tqdm's ``colorama``…). So the wheelhouse is closed
explicitly: the ``Requires-Dist`` of every wheel are read and evaluated for Windows and
each Python version; what no wheel satisfies is downloaded by name, until nothing is
missing (``missing_requirements`` is also what the tests check).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

PYTHONS = ("3.11", "3.12", "3.13")  # requires-python >=3.11; the bundled runtime is 3.13
PLATFORM = "win_amd64"


def windows_environment(python: str) -> dict[str, str]:
    """Marker values of 64-bit CPython ``python`` on Windows."""
    env = {key: str(value) for key, value in default_environment().items()}
    env.update(
        os_name="nt",
        sys_platform="win32",
        platform_system="Windows",
        platform_machine="AMD64",
        platform_release="10",
        platform_version="10.0.19045",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        python_version=python,
        python_full_version=f"{python}.0",
        implementation_version=f"{python}.0",
    )
    return env


def wheel_metadata(wheel: Path) -> tuple[str, str, list[str]]:
    """(name, version, Requires-Dist) of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    return message["Name"], message["Version"], message.get_all("Requires-Dist") or []


def fits(wheel: Path, python: str) -> bool:
    """Whether pip would install this wheel on 64-bit Windows CPython ``python``."""
    _, _, _, tags = parse_wheel_filename(wheel.name)
    short = "cp" + python.replace(".", "")
    for tag in tags:
        if tag.platform not in ("any", PLATFORM):
            continue
        if tag.interpreter in (short, "py3", "py2.py3") or (
            tag.abi == "abi3" and tag.interpreter.startswith("cp3")
        ):
            return True
        if tag.interpreter.startswith("py3"):
            return True
    return False


def missing_requirements(wheelhouse: Path, python: str) -> list[str]:
    """Requirements of the wheels for ``python`` on Windows (extras left aside) that no
    wheel of the wheelhouse satisfies."""
    env = windows_environment(python)
    have: dict[str, list[str]] = {}
    requirements: list[Requirement] = []
    for wheel in sorted(wheelhouse.glob("*.whl")):
        if not fits(wheel, python):
            continue
        name, version, requires = wheel_metadata(wheel)
        have.setdefault(canonicalize_name(name), []).append(version)
        requirements += [Requirement(r) for r in requires]
    missing = []
    for requirement in requirements:
        if requirement.marker is not None and not requirement.marker.evaluate({**env, "extra": ""}):
            continue
        versions = have.get(canonicalize_name(requirement.name), [])
        if not any(requirement.specifier.contains(v, prereleases=True) for v in versions):
            missing.append(str(requirement.name) + str(requirement.specifier))
    return sorted(set(missing))


def download(requirements: list[str], wheelhouse: Path, python: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
         "--platform", PLATFORM, "--python-version", python, "--implementation", "cp",
         "-d", str(wheelhouse), *requirements],
        check=True,
    )  # fmt: skip


def fill(wheelhouse: Path, ocop_wheel: Path) -> None:
    """Every dependency of ``ocop_wheel`` for every supported Python, Windows-only ones
    included, into ``wheelhouse`` (files already there are reused)."""
    wheelhouse.mkdir(parents=True, exist_ok=True)
    for python in PYTHONS:
        download([str(ocop_wheel)], wheelhouse, python)
        for _ in range(10):
            missing = missing_requirements(wheelhouse, python)
            if not missing:
                break
            download(missing, wheelhouse, python)
        else:
            raise RuntimeError(f"wheelhouse not closed for Python {python}: {missing}")


def resolve_offline(wheelhouse: Path, python: str) -> list[str]:
    """What pip would install on Windows with ``python``, from the wheelhouse alone, no
    index (``pip install --dry-run --no-index``): ``name==version`` lines."""
    wheels = sorted(wheelhouse.glob("ocop_xl-*.whl"))
    with tempfile.TemporaryDirectory(prefix="ocop-dry-") as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-index",
             "--find-links", str(wheelhouse), "--platform", PLATFORM, "--python-version",
             python, "--implementation", "cp", "--only-binary=:all:", "--target",
             str(Path(folder) / "target"), "--report", str(report), str(wheels[-1])],
            check=True, capture_output=True, text=True,
            env={"PIP_CONFIG_FILE": "/dev/null", "PATH": "/usr/bin:/bin", "PIP_NO_INPUT": "1"},
        )  # fmt: skip
        data = json.loads(report.read_text())
    return sorted(
        f"{item['metadata']['name']}=={item['metadata']['version']}" for item in data["install"]
    )
