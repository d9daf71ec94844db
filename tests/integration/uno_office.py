"""A headless LibreOffice for the UNO scripts of the tests (uno_basic.py, uno_edit.py), run
by the system Python that has LibreOffice's UNO bridge (python3-uno), never imported by
the test suite's own interpreter."""

import contextlib
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


@contextlib.contextmanager
def office(soffice):
    """The Desktop of a LibreOffice started for the block, with its own empty profile;
    the office is stopped at the end."""
    pipe = "ocop" + uuid.uuid4().hex
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [
                soffice,
                "-env:UserInstallation=" + Path(profile).as_uri(),
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local
            )
            for _ in range(480):
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except NoConnectException:
                    time.sleep(0.25)
            else:
                raise SystemExit("LibreOffice did not answer")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            try:
                yield desktop
            finally:
                with contextlib.suppress(Exception):
                    desktop.terminate()
        finally:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
