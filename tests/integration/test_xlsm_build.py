"""The master .xlsm as built on Linux: olevba finds exactly our modules, the ribbon part and
its 2006 relationship are there, and so are the xlwings.conf sheet and the mode mark."""

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xlwings
from openpyxl import load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.workbook.xlsm import CONF_SHEET, MODE_NAME, UDF_MODULES, read_macros
from ocop_xl.workbook.xlsm.package import CUSTOM_UI14_REL, CUSTOM_UI_REL
from ocop_xl.workbook.xlsm.ribbon import callbacks
from ocop_xl.workbook.xlsm.udf_wrappers import wrapper_text

from .addin_helpers import MACROS, bas_text, build_master, olevba_modules

XLWINGS = Path(xlwings.__file__).parent
WORKBOOK_ATTRIBUTES = (
    'Attribute VB_Name = "ThisWorkbook"\r\n'
    'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"\r\n'
    "Attribute VB_GlobalNameSpace = False\r\nAttribute VB_Creatable = False\r\n"
    "Attribute VB_PredeclaredId = True\r\nAttribute VB_Exposed = True\r\n"
    "Attribute VB_TemplateDerived = False\r\nAttribute VB_Customizable = True\r\n"
)


@pytest.fixture
def addin_master(tmp_path):
    return build_master(tmp_path)


@pytest.fixture
def standalone_master(tmp_path):
    return build_master(tmp_path, standalone=True, name="doc-lap.xlsm")


def without_sheets(modules: dict[str, str]) -> dict[str, str]:
    """The modules but the sheets' document modules (test_xlsm_documents checks those)."""
    return {k: v for k, v in modules.items() if not re.fullmatch(r"Sheet\d+", k)}


def project_bas(*, addin: bool = True) -> dict[str, str]:
    """macros/*.bas, and the worksheet functions' module xlwings' generator writes."""
    found = {path.stem: bas_text(path) for path in sorted(MACROS.glob("*.bas"))}
    found["xlwings_udfs"] = wrapper_text([UDF_MODULES], addin=addin)
    return found


def test_olevba_finds_exactly_the_modules_of_macros(addin_master):
    modules = without_sheets(olevba_modules(addin_master))
    assert modules == {"ThisWorkbook": WORKBOOK_ATTRIBUTES, **project_bas()}


def test_standalone_adds_xlwings_vba_from_the_installed_package(standalone_master):
    modules = without_sheets(olevba_modules(standalone_master))
    installed = (XLWINGS / "xlwings.bas").read_text(encoding="cp1252")
    assert modules["xlwings"] == installed.replace("\r\n", "\n").replace("\n", "\r\n")
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in modules["xlwings"]
    assert modules["Dictionary"].startswith('Attribute VB_Name = "Dictionary"\r\n')
    assert {k: v for k, v in modules.items() if k not in ("xlwings", "Dictionary")} == {
        "ThisWorkbook": WORKBOOK_ATTRIBUTES,
        **project_bas(addin=False),
    }


def test_every_ribbon_callback_is_a_public_procedure_taking_the_control(standalone_master):
    code = "\n".join(olevba_modules(standalone_master).values())
    names = callbacks((MACROS / "customUI.xml").read_bytes())
    assert names == {"OnRibbonButton"}
    for name in names:
        pattern = rf"^Public Sub {name}\(control As IRibbonControl\)"
        assert re.search(pattern, code, re.MULTILINE), name


def test_ribbon_part_and_its_2006_relationship(addin_master):
    with zipfile.ZipFile(addin_master) as archive:
        assert archive.read("customUI/customUI.xml") == (MACROS / "customUI.xml").read_bytes()
        rels = ET.fromstring(archive.read("_rels/.rels"))
        types = {rel.get("Type"): rel.get("Target") for rel in rels}
        assert types[CUSTOM_UI_REL] == "customUI/customUI.xml"
        assert CUSTOM_UI14_REL not in types
        content_types = archive.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types
        assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in (
            content_types
        )
        workbook_rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        assert "relationships/vbaProject" in workbook_rels
        assert 'codeName="ThisWorkbook"' in archive.read("xl/workbook.xml").decode()


def test_xlwings_conf_sheet_and_mode_mark(addin_master, standalone_master):
    book = load_workbook(addin_master)
    conf = book[CONF_SHEET]
    assert conf.sheet_state == "hidden"
    assert book.sheetnames[-1] == CONF_SHEET
    assert (conf["A1"].value, conf["B1"].value) == ("UDF Modules", UDF_MODULES)
    assert (conf["A2"].value, conf["B2"].value) == ("Use UDF Server", "True")
    assert conf["A3"].value is None  # xlwings reads names down to the first blank
    assert book.defined_names[MODE_NAME].attr_text == '"addin"'
    assert read_macros(standalone_master).mode == "standalone"
    assert read_macros(addin_master).mode == "addin"


def test_interpreter_goes_into_xlwings_conf(tmp_path, tu_ky):
    path = tmp_path / "m.xlsm"
    create_master(tu_ky, path, interpreter=r"C:\Python311\python.exe")
    info = read_macros(path)
    assert info.conf == {
        "UDF MODULES": UDF_MODULES,
        "USE UDF SERVER": "True",
        "INTERPRETER_WIN": r"C:\Python311\python.exe",
    }


def test_a_udf_server_choice_the_staff_made_stays(tmp_path):
    from ocop_xl.actions.system import upgrade_macros

    path = build_master(tmp_path)
    book = load_workbook(path, keep_vba=True)
    assert book[CONF_SHEET]["A2"].value == "Use UDF Server"
    book[CONF_SHEET]["B2"] = "False"
    book.save(path)
    upgrade_macros(path)
    assert read_macros(path).conf["USE UDF SERVER"] == "False"


def test_the_vba_project_is_the_same_bytes_every_build(tmp_path, addin_master):
    (tmp_path / "again").mkdir()
    again = build_master(tmp_path / "again")
    with zipfile.ZipFile(addin_master) as a, zipfile.ZipFile(again) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")


def test_an_xlsx_master_stays_without_macros(master):
    with zipfile.ZipFile(master) as archive:
        names = archive.namelist()
    assert "xl/vbaProject.bin" not in names and "customUI/customUI.xml" not in names
    assert CONF_SHEET not in load_workbook(master).sheetnames


def test_the_repository_holds_no_xlwings_vba():
    """Only VBA written for this project is in macros/: xlwings' own module comes from the
    installed package when a standalone workbook is built."""
    ours = " ".join(p.read_text(encoding="ascii") for p in MACROS.glob("*.bas"))
    assert "Zoomer Analytics" not in ours and "Function RunPython" not in ours
    assert {p.suffix for p in MACROS.iterdir()} <= {".bas", ".xml"}
