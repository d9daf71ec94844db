"""Compound files: what our writer makes olefile reads back, and the directory is a valid
red-black tree in the order [MS-CFB] requires."""

import io
import os
import struct

import olefile
import pytest

from ocop_xl.workbook.xlsm import cfb


def olefile_streams(data: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(data))
    return {"/".join(p): ole.openstream("/".join(p)).read() for p in ole.listdir()}


SIZES = [0, 1, 63, 64, 65, 4095, 4096, 4097, 20_000]


def sample() -> dict[str, bytes]:
    streams = {f"VBA/Module{size}": os.urandom(size) for size in SIZES}
    streams.update({"PROJECT": b"ID=x\r\n", "PROJECTwm": b"\0\0", "VBA/dir": b"d" * 300})
    streams.update({f"Other/S{i}": bytes([i]) * (i * 37) for i in range(30)})
    return streams


def test_olefile_reads_every_stream_back():
    streams = sample()
    data = cfb.write(streams)
    assert olefile_streams(data) == streams
    assert cfb.read(data) == streams


def test_the_writer_is_deterministic():
    streams = sample()
    assert cfb.write(streams) == cfb.write(dict(streams))


def _entries(data: bytes) -> list[dict]:
    ole = olefile.OleFileIO(io.BytesIO(data))
    out = []
    for entry in ole.direntries:
        if entry is None:
            continue
        out.append(entry)
    return out


def _key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def test_directory_is_an_ordered_red_black_tree():
    data = cfb.write(sample())
    ole = olefile.OleFileIO(io.BytesIO(data))
    entries = {e.sid: e for e in ole.direntries if e is not None}
    sector = data[512 * (struct.unpack_from("<I", data, 48)[0] + 1) :]
    colours = {sid: sector[sid * 128 + 67] for sid in entries}
    nostream = olefile.NOSTREAM

    def check(sid: int, low, high) -> int:
        """Black height of the subtree; asserts order and colour rules."""
        if sid == nostream:
            return 1
        entry = entries[sid]
        key = _key(entry.name)
        assert (low is None or low < key) and (high is None or key < high)
        left, right = entry.sid_left, entry.sid_right
        if colours[sid] == 0:  # red: both children black
            for child in (left, right):
                assert child == nostream or colours[child] == 1
        lh, rh = check(left, low, key), check(right, key, high)
        assert lh == rh
        return lh + (1 if colours[sid] == 1 else 0)

    storages = [e for e in entries.values() if e.entry_type in (1, 5)]
    assert len(storages) == 3  # root, VBA, Other
    for storage in storages:
        child = storage.sid_child
        assert colours[child] == 1  # the root of each tree is black
        check(child, None, None)


def test_names_too_long_are_refused():
    with pytest.raises(ValueError):
        cfb.write({"x" * 40: b""})
