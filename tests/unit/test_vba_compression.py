"""MS-OVBA compression: our compressor against two decompressors (ours and olevba's)."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from ocop_xl.workbook.xlsm.compression import CHUNK, compress, decompress

# [MS-OVBA] 3.2: the specification's example, compressed by Office.
SPEC_TEXT = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
SPEC_COMPRESSED = bytes.fromhex(
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30"
    " 6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"
)


def olevba(container: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(container)))


def vba_like(size: int) -> bytes:
    line = b'    If Len(actionName) = 0 Then Exit Function\r\n    MsgBox "OCOP", vbOKOnly\r\n'
    text = b'Attribute VB_Name = "Module1"\r\nOption Explicit\r\n'
    i = 0
    while len(text) < size:
        text += line.replace(b"0", str(i).encode())
        i += 1
    return text[:size]


def test_the_specification_example_decompresses():
    assert decompress(SPEC_COMPRESSED) == SPEC_TEXT
    assert olevba(compress(SPEC_TEXT)) == SPEC_TEXT
    assert len(compress(SPEC_TEXT)) == len(SPEC_COMPRESSED)  # same tokens, ties aside


@pytest.mark.parametrize("size", [0, 1, 2, 3, 649, 650, 651, 700, 2000, 4095, 4096, 4097, 50_000])
def test_source_text_round_trips_through_both_decompressors(size):
    text = vba_like(size)
    container = compress(text)
    assert decompress(container) == text
    assert olevba(container) == text
    if size > 200:
        assert len(container) < size / 2  # VBA text compresses well


def test_incompressible_full_chunks_are_stored_raw():
    data = os.urandom(CHUNK * 2)
    container = compress(data)
    assert container[1:3] == (0x3FFF).to_bytes(2, "little")  # raw chunk header
    assert decompress(container) == data
    assert olevba(container) == data


def test_long_runs_use_overlapping_copies():
    text = b"A" + b" " * 5000 + b"B"
    container = compress(text)
    assert len(container) < 60
    assert decompress(container) == text == olevba(container)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=9000).map(lambda b: bytes(x % 12 + 32 for x in b)))
def test_any_text_round_trips(text):
    container = compress(text)
    assert decompress(container) == text
    assert olevba(container) == text


def test_malformed_containers_are_refused():
    with pytest.raises(ValueError):
        decompress(b"\x02abc")
    with pytest.raises(ValueError):
        decompress(b"\x01\x00\x00")  # chunk signature bits are not 0b011
