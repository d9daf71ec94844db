"""The zip ``make bundle`` builds: its files, a wheelhouse that installs offline on 64-bit
Windows for every supported Python (Windows-only requirements included), the Python
runtime and its record, the scripts."""

from __future__ import annotations

import json
import py_compile
import re
import subprocess
import zipfile

import pytest

from release import runtime, wheelhouse
from release.wheelhouse import wheel_metadata, windows_environment

# one xdist worker opens the bundle (bundle_tree), as for test_bundle_wine.py
pytestmark = pytest.mark.xdist_group("bundle")


def test_zip_name_and_layout(bundle_zip, bundle_tree):
    version = json.loads((bundle_tree / "bundle.json").read_text())["ocop_xl"]
    assert bundle_zip.name == f"ocop_xl-{version}-windows-x64.zip"
    for name in ("CaiDat.bat", "GoCaiDat.bat", "cai_dat.py", "go_cai_dat.py", "HuongDan.pdf",
                 "DOC-TRUOC.txt", "tep-mau/ocop_master.xlsm", "python/python.exe",
                 "python/pythonw.exe", "python/LICENSE.txt", "python/NGUON-GOC.txt",
                 "python/Lib/ensurepip/__init__.py", "python/Lib/venv/__init__.py"):  # fmt: skip
        assert (bundle_tree / name).is_file(), name
    assert list((bundle_tree / "wheelhouse").glob("ocop_xl-*-py3-none-any.whl"))
    read_first = (bundle_tree / "DOC-TRUOC.txt").read_text(encoding="utf-8-sig")
    assert "CaiDat.bat" in read_first and "Documents\\OCOP" in read_first


def test_ocop_wheel_carries_its_data(bundle_tree):
    (wheel,) = (bundle_tree / "wheelhouse").glob("ocop_xl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("profiles/data/routes/tu-ky-2023.toml") for n in names)
    assert any(n.endswith("share/ocop-xl/macros/customUI.xml") for n in names)
    assert any(n.endswith("share/ocop-xl/macros/OcopRibbon.bas") for n in names)
    assert "ocop_xl/py.typed" in names  # its type hints are for use (PEP 561)


@pytest.mark.parametrize("python", wheelhouse.PYTHONS)
def test_every_windows_requirement_has_its_wheel(bundle_tree, python):
    house = bundle_tree / "wheelhouse"
    assert wheelhouse.missing_requirements(house, python) == []
    # the requirements only Windows has, read from the wheels' metadata, are all there
    env = {**windows_environment(python), "extra": ""}
    from packaging.requirements import Requirement

    windows_only = set()
    for wheel in house.glob("*.whl"):
        if not wheelhouse.fits(wheel, python):
            continue
        for text in wheel_metadata(wheel)[2]:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker and marker.evaluate(env) and not marker.evaluate({"extra": ""}):
                windows_only.add(requirement.name.lower())
    assert {"pywin32", "colorama"} <= windows_only
    names = {
        wheel_metadata(w)[0].lower() for w in house.glob("*.whl") if wheelhouse.fits(w, python)
    }
    assert windows_only <= names


@pytest.mark.parametrize("python", wheelhouse.PYTHONS)
def test_wheelhouse_resolves_offline_for_windows(bundle_tree, python):
    installed = wheelhouse.resolve_offline(bundle_tree / "wheelhouse", python)
    names = {line.split("==")[0].lower() for line in installed}
    assert {"ocop-xl", "xlwings", "pandas", "openpyxl", "python-calamine", "formulas"} <= names
    assert "xlwings==0.37.8" in installed


def test_runtime_record_and_signatures(bundle_tree):
    record = json.loads((bundle_tree / "bundle.json").read_text())["python"]
    assert record["version"] == runtime.PYTHON_VERSION
    assert record["sdist_sha256"] == runtime.SDIST_SHA256
    text = (bundle_tree / "python" / "NGUON-GOC.txt").read_text(encoding="utf-8")
    assert "Python Software Foundation" in text and runtime.SDIST_SHA256 in text
    python = bundle_tree / "python"
    assert not (python / "Lib" / "site-packages").exists()
    assert not (python / "Scripts").exists()
    # the binaries are the PSF's, checked again here on the files the zip holds
    work = bundle_tree.parent / "sigwork"
    work.mkdir(exist_ok=True)
    for name in ("python.exe", "python313.dll", "DLLs/_ssl.pyd"):
        assert runtime.check_signed(python / name, work) == "Python Software Foundation"


def test_a_changed_binary_fails_its_check(bundle_tree, tmp_path):
    changed = tmp_path / "python.exe"
    data = bytearray((bundle_tree / "python" / "python.exe").read_bytes())
    data[2000] ^= 0xFF
    changed.write_bytes(bytes(data))
    with pytest.raises(runtime.RuntimeCheckFailed):
        runtime.check_signed(changed, tmp_path)


def test_batch_files(bundle_tree):
    for name, script in (("CaiDat.bat", "cai_dat.py"), ("GoCaiDat.bat", "go_cai_dat.py")):
        data = (bundle_tree / name).read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name}: every line ends in CRLF"
        text = data.decode("utf-8")
        lines = text.split("\r\n")
        before_chcp = lines[: next(i for i, line in enumerate(lines) if line.startswith("chcp"))]
        assert all(line.isascii() for line in before_chcp), "only ASCII before chcp 65001"
        assert "chcp 65001" in text
        labels = {m.lower() for m in re.findall(r"^:(\w+)", text, re.M)}
        jumps = {m.lower() for m in re.findall(r"\bgoto (\w+)", text, re.I)}
        assert jumps <= labels, f"{name}: goto without label {jumps - labels}"
        assert f'"%HERE%{script}"' in text
        assert (bundle_tree / script).is_file()
        assert text.count("(") == text.count(")")


def test_python_scripts_compile(bundle_tree, tmp_path):
    for name in ("cai_dat.py", "go_cai_dat.py"):
        py_compile.compile(str(bundle_tree / name), cfile=str(tmp_path / f"{name}c"), doraise=True)


def test_guide_pdf_in_bundle(bundle_tree):
    pdf = bundle_tree / "HuongDan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if pdf.stat().st_size > 10_000:  # the real guide (make test builds it)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Hướng dẫn sử dụng ocop_xl" in text
        assert "Cài đặt" in text and "Sao lưu và khắc phục sự cố" in text
