"""LibreOffice as a second reader of the .xlsm: it opens and prints the workbook, and its
macro library listing (through UNO) holds the same modules with the same code."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from ocop_xl.workbook.libreoffice import convert
from ocop_xl.workbook.xlsm import read_macros, workbook_modules

from ..conftest import missing, require_soffice, require_tool
from .addin_helpers import build_master

pytestmark = pytest.mark.libreoffice

UNO_PYTHON = os.environ.get("OCOP_UNO_PYTHON", "/usr/bin/python3")

# Run by the system Python that has LibreOffice's UNO bridge (python3-uno); prints the
# modules of every Basic library of the document as JSON.
LIST_MODULES = r"""
import json, subprocess, sys, tempfile, time, uuid
from pathlib import Path
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

soffice, document = sys.argv[1], sys.argv[2]
pipe = "ocop" + uuid.uuid4().hex
with tempfile.TemporaryDirectory() as profile:
    office = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + Path(profile).as_uri(), "--headless",
         "--invisible", "--norestore", "--nologo", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except NoConnectException:
                time.sleep(0.25)
        else:
            sys.exit("LibreOffice did not answer")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            Path(document).resolve().as_uri(), "_blank", 0,
            (prop("Hidden", True), prop("MacroExecutionMode", 0)))
        libraries = doc.BasicLibraries
        found = {}
        for name in libraries.ElementNames:
            libraries.loadLibrary(name)
            library = libraries.getByName(name)
            found[name] = {m: library.getByName(m) for m in library.ElementNames}
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        print(json.dumps(found))
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
"""


def require_uno() -> str:
    probe = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    if probe.returncode != 0:
        missing("LibreOffice's Python bridge (python3-uno)")
    return UNO_PYTHON


def body(code: str) -> list[str]:
    """A module's code without the lines each reader adds or drops (attributes, and the
    VBA-compatibility header LibreOffice puts on top)."""
    lines = code.replace("\r\n", "\n").split("\n")
    dropped = ("Attribute ", "Rem Attribute ", "Option VBASupport", "Option ClassModule")
    return [line for line in lines if not line.startswith(dropped) and line.strip()]


@pytest.mark.parametrize("standalone", [False, True], ids=["addin", "standalone"])
def test_libreoffice_lists_the_same_modules(tmp_path, standalone):
    soffice = require_soffice()
    python = require_uno()
    master = build_master(tmp_path, standalone=standalone)
    script = tmp_path / "list_modules.py"
    script.write_text(LIST_MODULES, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [python, str(script), soffice, str(master)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    libraries = json.loads(done.stdout.strip().splitlines()[-1])
    listed = libraries["VBAProject"]
    ours = {m.name: m.code for m in read_macros(master).modules}  # what the file holds
    assert set(ours) >= {m.name for m in workbook_modules(standalone=standalone)}
    assert set(listed) == set(ours)
    for name, code in ours.items():
        assert body(listed[name]) == body(code), name


@pytest.mark.parametrize("standalone", [False, True], ids=["addin", "standalone"])
def test_libreoffice_opens_and_prints_the_xlsm(tmp_path, standalone):
    require_soffice()
    pdfinfo = require_tool("pdfinfo")
    master = build_master(tmp_path, standalone=standalone)
    pdf = convert(master, "pdf", tmp_path / "pdf")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages >= 1
