"""Run by the system Python that has LibreOffice's UNO bridge (python3-uno), never by the
test suite's own interpreter:

    python3 uno_basic.py SOFFICE DOCUMENT '["Module.Function", ...]'

opens DOCUMENT in a headless LibreOffice with macros allowed, calls each Basic function
of its VBAProject library (LibreOffice compiles a module when one of its procedures is
first called) and prints {"Module.Function": {"ok": bool, "value": repr | "error": text}}
as one line of JSON.
"""

import json
import sys
from pathlib import Path

from uno_office import office, prop

ALWAYS_EXECUTE_NO_WARN = 4


def main():
    soffice, document, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    with office(soffice) as desktop:
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
    print(json.dumps(found, default=repr))


if __name__ == "__main__":
    main()
