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

import json
import sys
from pathlib import Path

from uno_office import office, prop


def edit(doc, op):
    sheet = doc.Sheets.getByName(op["sheet"])
    kind = op["op"]
    if kind == "insert_cols":
        sheet.Columns.insertByIndex(op["index"], op.get("count", 1))
    elif kind == "insert_rows":
        sheet.Rows.insertByIndex(op["index"], op.get("count", 1))
    elif kind == "formula":
        sheet.getCellRangeByName(op["cell"]).setFormula(op["text"])
    elif kind == "text":
        sheet.getCellRangeByName(op["cell"]).setString(op["text"])
    elif kind == "number":
        sheet.getCellRangeByName(op["cell"]).setValue(op["value"])
    else:
        raise ValueError(kind)


def main():
    soffice, document, out, ops = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    with office(soffice) as desktop:
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
    print(json.dumps({"ok": True}))


if __name__ == "__main__":
    main()
