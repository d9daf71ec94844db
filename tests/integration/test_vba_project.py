"""vbaProject.bin from source text: modules in, the same modules out (our reader and
olevba), and Office-written projects read back the same way."""

import io
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from oletools.olevba import VBA_Parser

from ocop_xl.workbook.xlsm import cfb, vba_project
from ocop_xl.workbook.xlsm.vba_project import (
    Module,
    class_module,
    decrypt,
    standard_module,
    workbook_module,
)

XLWINGS = Path(xlwings.__file__).parent


def office_project(name: str) -> bytes:
    """The vbaProject.bin of a workbook xlwings ships (saved by Office)."""
    return zipfile.ZipFile(XLWINGS / name).read("xl/vbaProject.bin")


def sample_modules() -> list[Module]:
    long_body = "".join(f"    total = total + {i} ' line {i}\r\n" for i in range(200))
    return [
        workbook_module(),
        standard_module(
            'Attribute VB_Name = "Tools"\nOption Explicit\n\nPublic Function Sum200() As Long\n'
            f"    Dim total As Long\n{long_body}    Sum200 = total\nEnd Function\n"
        ),
        class_module(
            'VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  \'True\nEND\nAttribute VB_Name = "Box"\n'
            "Attribute VB_Exposed = False\nPrivate mValue As Variant\n"
        ),
    ]


def test_modules_round_trip_through_our_reader_and_olevba(tmp_path):
    modules = sample_modules()
    data = vba_project.build(modules)
    assert [(m.name, m.kind, m.code) for m in vba_project.read(data)] == [
        (m.name, m.kind, m.code) for m in modules
    ]
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(data)
    parser = VBA_Parser(str(path))
    found = {name: code for _, _, name, code in parser.extract_all_macros()}
    parser.close()
    assert found == {
        "ThisWorkbook.cls": modules[0].code,
        "Tools.bas": modules[1].code,
        "Box.cls": modules[2].code,
    }
    assert len(modules[1].code) > 5000  # far past where ms-ovba 0.0.1 corrupts modules


def test_project_stream_says_unprotected_visible_and_has_every_module():
    data = vba_project.build(sample_modules())
    ole = olefile.OleFileIO(io.BytesIO(data))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert decrypt(values["CMG"].strip('"')) == b"\0\0\0\0"  # no protection
    assert decrypt(values["DPB"].strip('"')) == b"\0"  # no password
    assert decrypt(values["GC"].strip('"')) == b"\xff"  # visible
    assert "Document=ThisWorkbook/&H00000000" in text
    assert "Module=Tools" in text and "Class=Box" in text
    assert ole.openstream("VBA/_VBA_PROJECT").read()[:4] == b"\xcc\x61\xff\xff"  # source only
    assert ole.openstream("PROJECTwm").read().startswith(b"ThisWorkbook\0T\0h\0")


def test_building_is_deterministic():
    assert vba_project.build(sample_modules()) == vba_project.build(sample_modules())


def test_decrypt_reads_values_office_wrote():
    text = olefile.OleFileIO(office_project("quickstart_standalone.xlsm"))
    project = text.openstream("PROJECT").read().decode("cp1252")
    values = dict(line.split("=", 1) for line in project.splitlines() if "=" in line)
    assert decrypt(values["CMG"].strip('"')) == b"\0\0\0\0"
    assert decrypt(values["GC"].strip('"')) == b"\xff"


def test_reads_the_xlwings_addin_office_saved():
    modules = {m.name: m for m in vba_project.read(office_project("addin/xlwings.xlam"))}
    assert 'XLWINGS_VERSION As String = "' + xlwings.__version__ + '"' in modules["Main"].code
    data = office_project("addin/xlwings.xlam")
    assert cfb.read(data).keys() == {
        "/".join(p) for p in olefile.OleFileIO(io.BytesIO(data)).listdir()
    }


def test_class_modules_are_stored_as_the_vba_editor_stores_them():
    """xlwings' standalone quickstart holds Dictionary.cls as imported by the VBA editor:
    our conversion of the same .cls gives the same attribute block."""
    office = {m.name: m for m in vba_project.read(office_project("quickstart_standalone.xlsm"))}
    ours = class_module((XLWINGS / "addin" / "Dictionary.cls").read_text(encoding="cp1252"))
    assert office["Dictionary"].kind == "class"
    head = [line for line in ours.code.split("\r\n") if line.startswith("Attribute ")]
    office_head = [
        line for line in office["Dictionary"].code.split("\r\n") if line.startswith("Attribute ")
    ]
    assert head == office_head
    # The body is the file's; the editor only re-cased an identifier (err -> Err).
    assert ours.code.lower() == office["Dictionary"].code.lower()


def test_refuses_what_a_project_cannot_hold():
    with pytest.raises(ValueError, match="same name"):
        vba_project.build([workbook_module(), workbook_module()])
    with pytest.raises(ValueError, match="outside"):
        vba_project.build([standard_module('Attribute VB_Name = "V"\n\' Chưa\n')])
    with pytest.raises(ValueError):
        standard_module("Option Explicit\n")  # no VB_Name
