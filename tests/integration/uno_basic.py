"""Run by the system Python that has LibreOffice's UNO bridge (python3-uno), never by the
test suite's own interpreter:

    python3 uno_basic.py SOFFICE DOCUMENT '["Module.Function", ...]'

opens DOCUMENT in a headless LibreOffice with macros allowed, calls each Basic function
of its VBAProject library (LibreOffice compiles a module when one of its procedures is
first called) and prints {"Module.Function": {"ok": bool, "value": repr | "error": text}}
as one line of JSON.
"""

import contextlib
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

ALWAYS_EXECUTE_NO_WARN = 4


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    soffice, document, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    pipe = "ocop" + uuid.uuid4().hex
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(
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
                sys.exit("LibreOffice did not answer")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            doc = desktop.loadComponentFromURL(
                Path(document).resolve().as_uri(),
                "_blank",
                0,
                (prop("Hidden", True), prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)),
            )
            provider = doc.getScriptProvider()
            found = {}
            for name in calls:
                url = f"vnd.sun.star.script:VBAProject.{name}?language=Basic&location=document"
                try:
                    result = provider.getScript(url).invoke((), (), ())
                    found[name] = {"ok": True, "value": result[0]}
                except Exception as exc:  # reported to the test, which decides
                    message = str(getattr(exc, "Message", exc))
                    found[name] = {"ok": False, "error": type(exc).__name__ + ": " + message[:500]}
            doc.close(True)
            with contextlib.suppress(Exception):
                desktop.terminate()
            print(json.dumps(found, default=repr))
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main()
