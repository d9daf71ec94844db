"""``ocop-xl demo --pictures``: every sheet of the master and of each kind of file, and every
exported document, printed by LibreOffice to PNG pictures anyone can look at."""

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.demo.pictures import render_pictures
from ocop_xl.domain.text import slug
from ocop_xl.workbook.file_workbook import FileWorkbook

from ..conftest import require_soffice, require_tool

PNG = b"\x89PNG\r\n\x1a\n"


def test_every_sheet_and_document_becomes_a_picture(master, tmp_path):
    require_soffice()
    require_tool("pdftoppm")
    demo = master.parent
    run_action("template", FileWorkbook.open(master), out=demo / "mau-xa", commune="ha-ky")
    run_action("report", FileWorkbook.open(master), out=demo / "bao-cao", pdf=True)

    pictures = render_pictures(demo, tmp_path / "hinh-anh")

    names = [p.name for p in pictures]
    assert all(p.read_bytes().startswith(PNG) for p in pictures)
    visible = [ws.title for ws in load_workbook(master).worksheets if ws.sheet_state == "visible"]
    for sheet in visible:
        assert any(f"-tong-hop-{slug(sheet)}-" in n for n in names), sheet
    template = load_workbook(next((demo / "mau-xa").glob("*.xlsx")))
    for ws in template.worksheets:
        if ws.sheet_state == "visible":
            assert any(f"-mau-xa-{slug(ws.title)}-" in n for n in names), ws.title
    documents = {p.stem for p in (demo / "bao-cao").glob("*.pdf")}
    assert documents
    for stem in documents:
        assert any(n.startswith(f"van-ban-{stem}-") for n in names), stem
    # the pictures follow the order of the year's work: configuration first
    assert names[0].startswith("01-tong-hop-cau-hinh")
