"""A small writer and reader of Compound File Binary files ([MS-CFB]), the container of
``vbaProject.bin``.

Only what a VBA project needs: version 3 (512-byte sectors), storages and streams given as
paths ("VBA/dir"), streams under 4096 bytes kept in the mini stream. The writer is
deterministic (no timestamps, fixed CLSIDs), so the same modules give the same bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT, DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF
HEADER_DIFAT = 109
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _sort_key(name: str) -> tuple[int, str]:
    # [MS-CFB] 2.6.4: shorter names first, then by upper-cased UTF-16 code units.
    return (len(name.encode("utf-16-le")), name.upper())


def _tree(entry: _Entry) -> None:
    """Link ``entry``'s children as a balanced red-black tree: every node black except
    those on an incomplete deepest level, which are red (a valid colouring)."""
    ordered = sorted(entry.children, key=lambda e: _sort_key(e.name))
    if not ordered:
        return
    depth_of: dict[int, int] = {}

    def build(lo: int, hi: int, depth: int) -> int:
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi + 1) // 2
        node = ordered[mid]
        depth_of[id(node)] = depth
        node.left = build(lo, mid - 1, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        return node.sid

    entry.child = build(0, len(ordered) - 1, 1)
    deepest = max(depth_of.values())
    full = len(ordered) == 2**deepest - 1
    for node in ordered:
        node.color = RED if depth_of[id(node)] == deepest and not full else BLACK
    for node in ordered:
        _tree(node)


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def _pad(data: bytes, unit: int) -> bytes:
    return data + b"\0" * (-len(data) % unit)


def write(streams: dict[str, bytes], root_clsid: bytes = b"\0" * 16) -> bytes:
    """A compound file holding ``streams`` ({"VBA/dir": bytes, "PROJECT": bytes, ...});
    storages are made from the paths."""
    root = _Entry("Root Entry", ROOT)
    entries = [root]
    for path, data in streams.items():
        parent = root
        *folders, leaf = path.split("/")
        for folder in folders:
            found = next((c for c in parent.children if c.name == folder), None)
            if found is None:
                found = _Entry(folder, STORAGE)
                found.sid = len(entries)
                entries.append(found)
                parent.children.append(found)
            parent = found
        if len(leaf.encode("utf-16-le")) > 62:
            raise ValueError(f"stream name too long for a compound file: {leaf}")
        node = _Entry(leaf, STREAM, bytes(data), size=len(data))
        node.sid = len(entries)
        entries.append(node)
        parent.children.append(node)
    _tree(root)

    # Small streams go to the mini stream, big ones to their own sectors.
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != STREAM or entry.size == 0:
            continue
        if entry.size < MINI_CUTOFF:
            entry.start = len(mini) // MINI_SECTOR
            count = -(-entry.size // MINI_SECTOR)
            mini_fat.extend([0] * count)
            _chain(mini_fat, entry.start, count)
            mini += _pad(entry.data, MINI_SECTOR)
        else:
            big.append(entry)

    dir_bytes_count = -(-len(entries) // 4)  # four 128-byte entries per sector
    minifat_count = -(-len(mini_fat) * 4 // SECTOR) if mini_fat else 0
    ministream_count = -(-len(mini) // SECTOR)
    big_counts = [-(-e.size // SECTOR) for e in big]
    data_sectors = dir_bytes_count + minifat_count + ministream_count + sum(big_counts)
    fat_count = 1
    while fat_count * (SECTOR // 4) < data_sectors + fat_count:
        fat_count += 1
    if fat_count > HEADER_DIFAT:
        raise ValueError("compound file too large for this writer (no DIFAT sectors)")

    fat = [FREESECT] * (fat_count * SECTOR // 4)
    for i in range(fat_count):
        fat[i] = FATSECT
    next_sector = fat_count
    dir_start = next_sector
    _chain(fat, dir_start, dir_bytes_count)
    next_sector += dir_bytes_count
    minifat_start = ENDOFCHAIN
    if minifat_count:
        minifat_start = next_sector
        _chain(fat, minifat_start, minifat_count)
        next_sector += minifat_count
    if ministream_count:
        root.start = next_sector
        root.size = len(mini)
        _chain(fat, next_sector, ministream_count)
        next_sector += ministream_count
    for entry, count in zip(big, big_counts, strict=True):
        entry.start = next_sector
        _chain(fat, next_sector, count)
        next_sector += count

    header = bytearray(SECTOR)
    struct.pack_into(
        "<8s16sHHHHH6xIIIIIIIII",
        header,
        0,
        SIGNATURE,
        b"\0" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        0,  # directory sectors: 0 in version 3
        fat_count,
        dir_start,
        0,
        MINI_CUTOFF,
        minifat_start,
        minifat_count,
        ENDOFCHAIN,
        0,
    )
    difat = [i for i in range(fat_count)] + [FREESECT] * (HEADER_DIFAT - fat_count)
    struct.pack_into(f"<{HEADER_DIFAT}I", header, 76, *difat)

    body = bytearray()
    body += struct.pack(f"<{len(fat)}I", *fat)
    directory = bytearray()
    for entry in entries:
        directory += _dir_entry(entry, root_clsid if entry is root else b"\0" * 16)
    while len(directory) % SECTOR:
        directory += _dir_entry(None, b"\0" * 16)
    body += directory
    if minifat_count:
        table = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
        body += table + b"\xff" * (minifat_count * SECTOR - len(table))  # free slots
    body += _pad(bytes(mini), SECTOR)
    for entry in big:
        body += _pad(entry.data, SECTOR)
    return bytes(header) + bytes(body)


def _dir_entry(entry: _Entry | None, clsid: bytes) -> bytes:
    raw = bytearray(128)
    if entry is None:  # an unused slot
        struct.pack_into("<III", raw, 68, NOSTREAM, NOSTREAM, NOSTREAM)
        return bytes(raw)
    name = entry.name.encode("utf-16-le")
    raw[: len(name)] = name
    struct.pack_into(
        "<HBBIII16sI",
        raw,
        64,
        len(name) + 2,
        entry.kind,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        clsid,
        0,
    )
    start = entry.start if (entry.kind == ROOT or entry.size) else ENDOFCHAIN
    if entry.kind == STORAGE:
        start = 0
    struct.pack_into("<IQ", raw, 116, start, entry.size if entry.kind != STORAGE else 0)
    return bytes(raw)


# -- reading -----------------------------------------------------------------------------


def read(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file by path ("VBA/dir"). Raises ValueError when the
    bytes are not a compound file this reader understands."""
    if data[:8] != SIGNATURE:
        raise ValueError("not a compound file")
    shift = struct.unpack_from("<H", data, 30)[0]
    size = 1 << shift
    mini_cutoff = struct.unpack_from("<I", data, 56)[0]
    fat_count, dir_start = struct.unpack_from("<II", data, 44)
    minifat_start, _, difat_start, difat_count = struct.unpack_from("<IIII", data, 60)
    difat = list(struct.unpack_from(f"<{HEADER_DIFAT}I", data, 76))
    sector = difat_start
    for _ in range(difat_count):
        offset = size * (sector + 1)
        values = struct.unpack_from(f"<{size // 4}I", data, offset)
        difat.extend(values[:-1])
        sector = values[-1]
    fat: list[int] = []
    for s in difat[:fat_count]:
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, size * (s + 1)))

    def chain(start: int) -> bytes:
        out = bytearray()
        seen = set()
        while start not in (ENDOFCHAIN, FREESECT) and start < len(fat):
            if start in seen:
                raise ValueError("loop in a sector chain")
            seen.add(start)
            out += data[size * (start + 1) : size * (start + 2)]
            start = fat[start]
        return bytes(out)

    directory = chain(dir_start)
    raw_entries = [directory[i : i + 128] for i in range(0, len(directory), 128)]
    mini_fat = list(struct.unpack(f"<{len(b) // 4}I", b)) if (b := chain(minifat_start)) else []
    root = raw_entries[0]
    mini_stream = chain(struct.unpack_from("<I", root, 116)[0])

    def mini_chain(start: int, length: int) -> bytes:
        out = bytearray()
        while start not in (ENDOFCHAIN, FREESECT) and start < len(mini_fat):
            out += mini_stream[start * MINI_SECTOR : (start + 1) * MINI_SECTOR]
            start = mini_fat[start]
        return bytes(out[:length])

    streams: dict[str, bytes] = {}

    visited: set[int] = set()

    def walk(sid: int, prefix: str) -> None:
        if sid == NOSTREAM or sid >= len(raw_entries) or sid in visited:
            return
        visited.add(sid)
        raw = raw_entries[sid]
        name_len, kind = struct.unpack_from("<HB", raw, 64)
        left, right, child = struct.unpack_from("<III", raw, 68)
        start, length = struct.unpack_from("<IQ", raw, 116)
        name = raw[: max(name_len - 2, 0)].decode("utf-16-le")
        walk(left, prefix)
        walk(right, prefix)
        if kind == STREAM:
            body = mini_chain(start, length) if length < mini_cutoff else chain(start)[:length]
            streams[prefix + name] = body
        elif kind == STORAGE:
            walk(child, prefix + name + "/")

    walk(struct.unpack_from("<I", root, 76)[0], "")
    return streams
