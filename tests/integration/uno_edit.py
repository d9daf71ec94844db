"""Run by the system Python that has LibreOffice's UNO bridge (python3-uno), never by the
test suite's own interpreter:

    python3 uno_edit.py SOFFICE DOCUMENT OUT '[{"op": ...}, ...]'

opens DOCUMENT in a headless LibreOffice, makes the edits a clerk makes in a spreadsheet
program (a real engine moves tables, lists, colours and formulas as Excel does), lets it
calculate every formula, and saves the result as .xlsx to OUT. Edits:

    {"op": "insert_cols", "sheet": S, "index": 0, "count": 1}   # columns before A
    {"op": "insert_rows", "sheet": S, "index": 0, "count": 1}   # rows before row 1
    {"op": "formula", "sheet": S, "cell": "G2", "text": "=E2*F2*0.8"}
    {"op": "text", "sheet": S, "cell": "A30", "text": "ghi chú"}
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
from com.sun.star.table import CellAddress


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def cell_of(sheet, ref):
    return sheet.getCellRangeByName(ref)


def edit(doc, op):
    sheet = doc.Sheets.getByName(op["sheet"])
    kind = op["op"]
    if kind == "insert_cols":
        sheet.Columns.insertByIndex(op["index"], op.get("count", 1))
    elif kind == "insert_rows":
        sheet.Rows.insertByIndex(op["index"], op.get("count", 1))
    elif kind == "formula":
        cell_of(sheet, op["cell"]).setFormula(op["text"])
    elif kind == "text":
        cell_of(sheet, op["cell"]).setString(op["text"])
    elif kind == "number":
        cell_of(sheet, op["cell"]).setValue(op["value"])
    else:
        raise ValueError(kind)
    _ = CellAddress  # (kept for edits that need addresses)


def main():
    soffice, document, out, ops = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
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
                Path(document).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
            )
            for op in ops:
                edit(doc, op)
            doc.calculateAll()
            doc.storeToURL(
                Path(out).resolve().as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"),)
            )
            doc.close(True)
            with contextlib.suppress(Exception):
                desktop.terminate()
            print(json.dumps({"ok": True}))
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main()
