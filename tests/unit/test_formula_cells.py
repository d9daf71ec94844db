"""Finding the cells that hold a formula whose value was never saved, in the XML itself."""

import io
import zipfile
from xml.sax.saxutils import quoteattr

from ocop_xl.workbook.formula_cells import unsaved_formula_cells

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(
    sheets: dict[str, str], targets: dict[str, str] | None = None, prefixed: bool = False
) -> bytes:
    """A minimal .xlsx: each sheet name -> the XML of its sheetData's content (every tag
    prefixed ``x:`` when ``prefixed``, as some writers do)."""
    targets = targets or {}
    entries = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" '
        f'Target="{targets.get(name, f"worksheets/sheet{i}.xml")}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>',
        )
        for i, (name, body) in enumerate(sheets.items(), start=1):
            path = targets.get(name, f"worksheets/sheet{i}.xml").lstrip("/")
            path = path if path.startswith("xl/") else f"xl/{path}"
            xml = f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
            if prefixed:
                xml = xml.replace("<", "<x:").replace("<x:/", "</x:").replace("xmlns=", "xmlns:x=")
            archive.writestr(path, xml)
    return out.getvalue()


def test_formulas_without_a_value_are_found_and_stored_results_are_not():
    body = (
        '<row r="1">'
        '<c r="A1" t="inlineStr"><is><t>tiêu đề</t></is></c>'
        '<c r="B1"><f>A1&amp;"x"</f><v /></c>'  # openpyxl: an empty <v/>
        '<c r="C1"><f>A1</f></c>'  # no <v> at all
        '<c r="D1" t="str"><f>IF(1,"","")</f><v></v></c>'  # its result is the empty text
        '<c r="E1"><f>1+1</f><v>2</v></c>'  # a stored number
        '<c r="F1" t="str"><f>A1</f><v>tiêu đề</v></c>'  # a stored text
        '<c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'  # a stored error
        "</row>"
        '<row r="3"><c r="B3"><f t="shared" ref="B3:B4" si="0">A3</f><v/></c></row>'
        '<row r="4"><c r="B4"><f t="shared" si="0"/></c><c r="C4"/></row>'
    )
    assert unsaved_formula_cells(xlsx({"Đăng ký": body}), "ooxml", "Đăng ký") == {
        (0, 1),
        (0, 2),
        (2, 1),
        (3, 1),
    }


def test_the_named_sheet_is_found_through_the_workbook_relations():
    data = xlsx(
        {"Hướng dẫn": '<row r="1"><c r="A1"><f>1</f></c></row>', "Đăng ký & mẫu": ""},
        targets={"Đăng ký & mẫu": "/xl/worksheets/dang-ky.xml"},
    )
    assert unsaved_formula_cells(data, "ooxml", "Hướng dẫn") == {(0, 0)}
    assert unsaved_formula_cells(data, "ooxml", "Đăng ký & mẫu") == set()
    assert unsaved_formula_cells(data, "ooxml", "Không có") == set()


def test_prefixed_tags_and_cells_without_a_reference_are_placed():
    # Some writers prefix every tag (x:c) and may leave out r (cells then follow each other).
    body = (
        "<row><c><v>1</v></c><c><f>A1</f></c></row>"
        '<row r="5"><c r="C5"><v>1</v></c><c><f>C5</f><v/></c></row>'
    )
    found = unsaved_formula_cells(xlsx({"S": body}, prefixed=True), "ooxml", "S")
    assert found == {(0, 1), (4, 3)}


def test_other_kinds_and_damaged_files_give_nothing():
    assert unsaved_formula_cells(b"\xd0\xcf\x11\xe0 an xls", "xls", "S") == set()
    assert unsaved_formula_cells(b"PK\x03\x04 damaged", "ooxml", "S") == set()
    broken = xlsx({"S": "<row><c><f>1"})  # cut short: the XML is not parsed, only scanned
    assert unsaved_formula_cells(broken, "ooxml", "S") == set()


def ods(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
            f"<office:spreadsheet>{content}</office:spreadsheet></office:body>"
            "</office:document-content>",
        )
    return out.getvalue()


def test_ods_formulas_without_a_value_are_found_where_repeats_put_them():
    saved = (
        '<table:table-cell table:formula="of:=1" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell>"
    )
    other = '<table:table table:name="Khác"><table:table-row>'
    other += '<table:table-cell table:formula="of:=1"/></table:table-row></table:table>'
    sheet = (
        '<table:table table:name="Đăng ký">'
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-repeated="3"/></table:table-row>'
        "<table:table-row>"
        '<table:table-cell table:number-columns-repeated="2"/>'
        f'{saved}<table:table-cell table:formula="of:=[.A1]"/>'
        '<table:covered-table-cell table:formula="of:=2"/>'
        "</table:table-row>"
        '<table:table-row><table:table-cell table:formula="of:=[.A1]&amp;&quot;x&quot;">'
        "</table:table-cell></table:table-row></table:table>"
    )
    data = ods(other + sheet)
    assert unsaved_formula_cells(data, "ods", "Đăng ký") == {(2, 3), (2, 4), (3, 0)}
    assert unsaved_formula_cells(data, "ods", "Khác") == {(0, 0)}


def test_a_crafted_repeat_cannot_blow_up():
    sheet = (
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:formula="of:=1" table:number-columns-repeated="1000000"/>'
        "</table:table-row></table:table>"
    )
    assert len(unsaved_formula_cells(ods(sheet), "ods", "S")) == 20_000
