"""The MS-OVBA compression of VBA source code and of the ``dir`` stream ([MS-OVBA] 2.4.1).

A compressed container is a signature byte (0x01) followed by chunks that each hold up to
4096 bytes of data. Inside a chunk, groups of eight tokens follow a flag byte: a clear bit is
one literal byte, a set bit a 16-bit copy token (offset back, length) whose split between
offset and length bits depends on how far into the chunk the token is.

Written from the specification for this project: the one package on PyPI that writes VBA
projects corrupts modules longer than about 650 bytes, so this module is tested against
olevba's independent decompressor and against the example of the specification.
"""

from __future__ import annotations

CHUNK = 4096
_MAX_CANDIDATES = 512  # how many earlier positions a match search walks (speed bound)


def _copy_token_help(difference: int) -> tuple[int, int, int]:
    """(length_mask, bit_count, maximum_length) for a copy token at ``difference`` bytes
    into its chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, bit_count, length_mask + 3


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    out = bytearray()
    chains: dict[bytes, list[int]] = {}  # three-byte prefix -> positions in this chunk
    pos = start
    indexed = start

    def remember(upto: int) -> None:
        nonlocal indexed
        while indexed < upto:
            if indexed + 3 <= end:
                chains.setdefault(data[indexed : indexed + 3], []).append(indexed)
            indexed += 1

    while pos < end:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            remember(pos)
            _, bit_count, max_length = _copy_token_help(pos - start)
            best_length, best_at = 0, 0
            if pos + 3 <= end:
                limit = min(max_length, end - pos)
                candidates = chains.get(data[pos : pos + 3], ())
                for seen, candidate in enumerate(reversed(candidates)):
                    if seen >= _MAX_CANDIDATES:
                        break
                    length = 3
                    while length < limit and data[candidate + length] == data[pos + length]:
                        length += 1
                    if length > best_length:  # nearest candidate wins a tie, as specified
                        best_length, best_at = length, candidate
                        if length == limit:
                            break
            if best_length >= 3:
                token = ((pos - best_at - 1) << (16 - bit_count)) | (best_length - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                pos += best_length
            else:
                out.append(data[pos])
                pos += 1
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer holding ``data``."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        end = min(start + CHUNK, len(data))
        body = _compress_chunk(data, start, end)
        if len(body) > CHUNK:
            if end - start < CHUNK:
                # A raw chunk always decompresses to 4096 bytes; a short last chunk that does
                # not compress cannot be stored. VBA source text always compresses.
                raise ValueError("incompressible final chunk: not VBA source text")
            out += (0x3000 | (CHUNK - 1)).to_bytes(2, "little")  # raw chunk, flag bit clear
            out += data[start:end]
        else:
            header = 0x8000 | 0x3000 | (len(body) + 2 - 3)
            out += header.to_bytes(2, "little") + body
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """The data of a CompressedContainer (raises ValueError on a malformed one)."""
    if not container or container[0] != 0x01:
        raise ValueError("not a compressed container (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(container):
        if pos + 2 > len(container):
            raise ValueError("truncated chunk header")
        header = int.from_bytes(container[pos : pos + 2], "little")
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError("bad chunk signature")
        chunk_end = min(pos + size, len(container))
        pos += 2
        chunk_start = len(out)
        if not header & 0x8000:
            out += container[pos : pos + CHUNK]
            pos += CHUNK
            continue
        while pos < chunk_end:
            flags = container[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(container[pos])
                    pos += 1
                    continue
                token = int.from_bytes(container[pos : pos + 2], "little")
                pos += 2
                length_mask, bit_count, _ = _copy_token_help(len(out) - chunk_start)
                length = (token & length_mask) + 3
                offset = (token >> (16 - bit_count)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError("copy token reaches before its chunk")
                for i in range(length):  # byte by byte: a copy may overlap what it writes
                    out.append(out[source + i])
    return bytes(out)
