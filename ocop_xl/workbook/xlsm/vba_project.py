"""``vbaProject.bin`` from VBA source text, and the module sources back out of one
([MS-OVBA] 2.2 and 2.3).

The project holds source only, no compiled code: ``_VBA_PROJECT`` is the seven-byte
version-independent form, so Office compiles the modules itself when the workbook opens.
Everything is deterministic (the project id comes from the module names and texts), so the
same sources always give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from dataclasses import dataclass
from typing import Literal

from ocop_xl.workbook.xlsm import cfb
from ocop_xl.workbook.xlsm.compression import compress, decompress

CODE_PAGE = 1252
ENCODING = "cp1252"  # of CODE_PAGE: what macros/*.bas are read as (they are ASCII)
PROJECT_NAME = "VBAProject"
ModuleKind = Literal["standard", "class", "document"]
ReferenceKind = Literal["registered", "project", "control"]

# Base interfaces VBE writes into VB_Base for a class module and for Excel's workbook.
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"

# Type libraries every Excel project refers to: OLE Automation, and Office (IRibbonControl).
REFERENCES = (
    (
        "stdole",
        "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
        "C:\\Windows\\System32\\stdole2.tlb#OLE Automation",
    ),
    (
        "Office",
        "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
        "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL#"
        "Microsoft Office 16.0 Object Library",
    ),
)


@dataclass(frozen=True)
class Module:
    """One VBA module: its name, kind and the source text exactly as stored (CRLF lines,
    starting with its ``Attribute VB_Name`` line); ``private`` and ``read_only`` are the
    module's flags in the ``dir`` stream (Option Private Module is set in the text)."""

    name: str
    kind: ModuleKind
    code: str
    private: bool = False
    read_only: bool = False


def crlf(text: str) -> str:
    return re.sub(r"\r?\n", "\r\n", text)


def module_name(code: str) -> str:
    found = re.search(r'^Attribute VB_Name = "([^"]+)"', code, re.MULTILINE)
    if not found:
        raise ValueError("VBA source without an Attribute VB_Name line")
    return found.group(1)


def standard_module(text: str) -> Module:
    """A module from the text of a ``.bas`` file."""
    code = crlf(text)
    return Module(module_name(code), "standard", code)


def class_module(text: str) -> Module:
    """A class module from the text of a ``.cls`` file, stored as the VBA editor stores an
    imported class: the ``VERSION``/``BEGIN…END`` block dropped, ``VB_Base``,
    ``VB_TemplateDerived`` and ``VB_Customizable`` added to the attributes."""
    lines = crlf(text).split("\r\n")
    if lines and lines[0].startswith("VERSION "):
        end = next(i for i, line in enumerate(lines) if line.strip() == "END")
        lines = lines[end + 1 :]
    attributes: dict[str, str] = {}
    order: list[str] = []
    body_at = 0
    for i, line in enumerate(lines):
        found = re.match(r"Attribute (VB_\w+) = (.*)$", line)
        if not found:
            body_at = i
            break
        attributes[found.group(1)] = found.group(2)
        order.append(found.group(1))
    else:
        body_at = len(lines)
    standard = [
        ("VB_Name", None),
        ("VB_Base", f'"{CLASS_BASE}"'),
        ("VB_GlobalNameSpace", "False"),
        ("VB_Creatable", "False"),
        ("VB_PredeclaredId", "False"),
        ("VB_Exposed", "False"),
        ("VB_TemplateDerived", "False"),
        ("VB_Customizable", "False"),
    ]
    head = []
    for key, default in standard:
        value = attributes.get(key, default)
        if value is None:
            raise ValueError("class module without an Attribute VB_Name line")
        head.append(f"Attribute {key} = {value}")
    head += [f"Attribute {k} = {attributes[k]}" for k in order if k not in dict(standard)]
    code = "\r\n".join(head + lines[body_at:])
    return Module(module_name(code), "class", code)


def workbook_module(name: str = "ThisWorkbook") -> Module:
    """The document module of the workbook itself (no code of ours lives there)."""
    attributes = [
        ("VB_Name", f'"{name}"'),
        ("VB_Base", f'"{WORKBOOK_BASE}"'),
        ("VB_GlobalNameSpace", "False"),
        ("VB_Creatable", "False"),
        ("VB_PredeclaredId", "True"),
        ("VB_Exposed", "True"),
        ("VB_TemplateDerived", "False"),
        ("VB_Customizable", "True"),
    ]
    code = "".join(f"Attribute {k} = {v}\r\n" for k, v in attributes)
    return Module(name, "document", code)


# -- writing -----------------------------------------------------------------------------


def codec(code_page: int) -> str:
    return f"cp{code_page}"


def _record(rid: int, body: bytes) -> bytes:
    return struct.pack("<HI", rid, len(body)) + body


def _text_record(rid: int, unicode_rid: int | None, text: str, code_page: int) -> bytes:
    out = _record(rid, text.encode(codec(code_page)))
    if unicode_rid is not None:
        out += _record(unicode_rid, text.encode("utf-16-le"))
    return out


def _information(name: str, code_page: int) -> bytes:
    """The PROJECTINFORMATION and PROJECTREFERENCES records of a new project."""

    def mbcs(text: str) -> bytes:
        return text.encode(codec(code_page))

    out = bytearray()
    out += _record(0x0001, struct.pack("<I", 1))  # SysKind: 32-bit Windows
    out += _record(0x0002, struct.pack("<I", 0x0409))  # LCID
    out += _record(0x0014, struct.pack("<I", 0x0409))  # LCID for invoking
    out += _record(0x0003, struct.pack("<H", code_page))
    out += _record(0x0004, mbcs(name))
    out += _text_record(0x0005, 0x0040, "", code_page)  # doc string
    out += _record(0x0006, b"") + _record(0x003D, b"")  # help file, twice
    out += _record(0x0007, struct.pack("<I", 0))  # help context
    out += _record(0x0008, struct.pack("<I", 0))  # library flags
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # version 1.0
    out += _text_record(0x000C, 0x003C, "", code_page)  # conditional compilation constants
    for ref_name, libid in REFERENCES:
        out += _text_record(0x0016, 0x003E, ref_name, code_page)
        registered = struct.pack("<I", len(libid)) + mbcs(libid) + struct.pack("<IH", 0, 0)
        out += _record(0x000D, registered)
    return bytes(out)


def _dir_stream(information: bytes, modules: list[Module], code_page: int) -> bytes:
    """The ``dir`` stream: ``information`` (the project's own records and its references,
    kept byte for byte from an existing project), then the modules."""
    out = bytearray(information)
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # project cookie
    for module in modules:
        out += _text_record(0x0019, 0x0047, module.name, code_page)
        out += _text_record(0x001A, 0x0032, module.name, code_page)  # stream = module name
        out += _text_record(0x001C, 0x0048, "", code_page)  # doc string
        out += _record(0x0031, struct.pack("<I", 0))  # source starts the stream
        out += _record(0x001E, struct.pack("<I", 0))  # help context
        out += _record(0x002C, struct.pack("<H", 0xFFFF))  # cookie
        out += _record(0x0021 if module.kind == "standard" else 0x0022, b"")
        if module.read_only:
            out += _record(0x0025, b"")
        if module.private:
            out += _record(0x0028, b"")
        out += _record(0x002B, b"")  # end of module
    out += _record(0x0010, b"")  # end of dir
    return bytes(out)


def _encrypt(data: bytes, project_key: int, seed: int) -> str:
    """[MS-OVBA] 2.4.3.2: the obfuscation of the CMG, DPB and GC values."""
    version = 2
    out = bytearray([seed, seed ^ version, seed ^ project_key])
    unencrypted1, encrypted1, encrypted2 = project_key, seed ^ project_key, seed ^ version
    for _ in range((seed & 6) // 2):  # ignored bytes
        temp = 0
        byte = temp ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(byte)
        encrypted2, encrypted1, unencrypted1 = encrypted1, byte, temp
    for plain in struct.pack("<I", len(data)) + data:
        byte = plain ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(byte)
        encrypted2, encrypted1, unencrypted1 = encrypted1, byte, plain
    return out.hex().upper()


def decrypt(text: str) -> bytes:
    """The data of an obfuscated CMG/DPB/GC value (the inverse of the encryption)."""
    raw = bytes.fromhex(text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    if seed ^ version_enc != 2:
        raise ValueError("unknown obfuscation version")
    project_key = seed ^ key_enc
    unencrypted1, encrypted1, encrypted2 = project_key, key_enc, version_enc
    pos = 3
    for _ in range((seed & 6) // 2):
        byte = raw[pos]
        temp = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        encrypted2, encrypted1, unencrypted1 = encrypted1, byte, temp
        pos += 1
    plain = bytearray()
    for byte in raw[pos:]:
        value = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        plain.append(value)
        encrypted2, encrypted1, unencrypted1 = encrypted1, byte, value
    length = struct.unpack_from("<I", plain)[0]
    return bytes(plain[4 : 4 + length])


def _module_lines(modules: list[Module]) -> list[str]:
    lines = []
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind == "class":
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    return lines


def _project_stream(name: str, project_id: str, modules: list[Module], code_page: int) -> bytes:
    key = sum(project_id.encode("ascii")) & 0xFF
    digest = hashlib.sha256(project_id.encode()).digest()
    cmg = _encrypt(struct.pack("<I", 0), key, digest[0])  # not protected
    dpb = _encrypt(bytes([0]), key, digest[1])  # no password
    gc = _encrypt(bytes([0xFF]), key, digest[2])  # visible
    lines = [f'ID="{project_id}"', *_module_lines(modules)]
    lines += [
        f'Name="{name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{cmg}"',
        f'DPB="{dpb}"',
        f'GC="{gc}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
    ]
    return ("\r\n".join(lines) + "\r\n").encode(codec(code_page))


MODULE_KEYS = ("Document", "Module", "Class", "BaseClass", "Package")


def _kept_project_stream(text: str, modules: list[Module], code_page: int) -> bytes:
    """An existing PROJECT stream with its module lines replaced by ``modules``' and every
    other line kept (ID, name, description, help file, protection values, host extender
    info, the editor's window positions of modules that remain)."""
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    first_section = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    head, tail = lines[:first_section], lines[first_section:]
    properties = [line for line in head if line.split("=", 1)[0] not in MODULE_KEYS]
    at = 1 if properties and properties[0].startswith("ID=") else 0
    head = properties[:at] + _module_lines(modules) + properties[at:]
    names = {m.name.upper() for m in modules}
    kept_tail: list[str] = []
    section = ""
    for line in tail:
        if line.startswith("["):
            section = line
        elif (
            section == "[Workspace]" and "=" in line and line.split("=", 1)[0].upper() not in names
        ):
            continue  # the window of a module that is gone
        kept_tail.append(line)
    return ("\r\n".join(head + kept_tail) + "\r\n").encode(codec(code_page), "replace")


def _project_wm(modules: list[Module], code_page: int) -> bytes:
    out = bytearray()
    for module in modules:
        name = module.name.encode(codec(code_page))
        out += name + b"\0" + module.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


def build(
    modules: list[Module],
    name: str = PROJECT_NAME,
    code_page: int = CODE_PAGE,
    *,
    keep: Project | None = None,
) -> bytes:
    """The bytes of ``vbaProject.bin`` holding ``modules`` (source text only), stored in
    ``code_page`` (the ANSI code page of the project; ours are ASCII, so any will do).

    With ``keep`` (an existing project, as read), the new project keeps its code page, its
    own records and every reference record byte for byte, and its PROJECT stream's lines
    other than the module list; only the modules are new."""
    if keep is not None:
        code_page = keep.code_page
    names = [m.name.upper() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError("two VBA modules with the same name")
    for module in modules:
        try:
            module.code.encode(codec(code_page))
        except UnicodeEncodeError as exc:
            raise ValueError(f"module {module.name} has text outside {codec(code_page)}") from exc
    fingerprint = hashlib.sha256(
        "\0".join(f"{m.name}\0{m.kind}\0{m.code}" for m in modules).encode("utf-8")
    ).digest()
    project_id = "{" + str(uuid.UUID(bytes=fingerprint[:16])).upper() + "}"
    if keep is not None and keep.information:
        information = keep.information
        project = _kept_project_stream(keep.project_text, modules, code_page)
    else:
        information = _information(name, code_page)
        project = _project_stream(name, project_id, modules, code_page)
    streams = {
        "PROJECT": project,
        "PROJECTwm": _project_wm(modules, code_page),
        "VBA/_VBA_PROJECT": bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x01, 0x00]),
        "VBA/dir": compress(_dir_stream(information, modules, code_page)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = compress(module.code.encode(codec(code_page)))
    return cfb.write(streams)


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """One reference of the project (Tools › References): its name and the kind of record
    (registered type library, another VBA project, an ActiveX control library)."""

    name: str
    kind: ReferenceKind
    libid: str


@dataclass(frozen=True)
class Project:
    modules: list[Module]
    code_page: int
    has_designers: bool  # UserForms: their designer storages cannot be rebuilt from text
    # The dir stream's records before the module list (the project's own information and
    # every reference), byte for byte, and the PROJECT stream's text: what an upgrade keeps.
    information: bytes = b""
    project_text: str = ""
    references: tuple[Reference, ...] = ()
    protected: bool = False  # locked with a password (Tools › VBAProject Properties)


def read(data: bytes) -> list[Module]:
    """The modules of a ``vbaProject.bin`` (any Office-written one too), in project order."""
    return read_project(data).modules


def read_project(data: bytes) -> Project:
    """A ``vbaProject.bin``'s modules, code page and whether it holds UserForms."""
    streams = cfb.read(data)
    dir_stream = decompress(streams["VBA/dir"])
    project = streams.get("PROJECT", b"").decode("latin-1")
    documents = {m.split("/")[0].upper() for m in re.findall(r"^Document=(.+)$", project, re.M)}
    code_page = CODE_PAGE
    modules: list[Module] = []
    references: list[Reference] = []
    reference_name = ""
    information = b""
    current: dict[str, str | int | bool] = {}
    pos = 0
    while pos + 6 <= len(dir_stream):
        rid, size = struct.unpack_from("<HI", dir_stream, pos)
        if rid == 0x0009:  # PROJECTVERSION: its size field is a fixed reserved value
            size = 6
        body = dir_stream[pos + 6 : pos + 6 + size]
        if rid == 0x000F:  # PROJECTMODULES: what comes before is the project's own
            information = dir_stream[:pos]
        pos += 6 + size
        if rid == 0x0003:
            code_page = struct.unpack("<H", body)[0]
        elif rid == 0x0016:
            reference_name = body.decode(f"cp{code_page}", "replace")
        elif rid == 0x003E:
            reference_name = body.decode("utf-16-le", "replace")
        elif rid in (0x000D, 0x000E, 0x002F):
            kinds: dict[int, ReferenceKind] = {
                0x000D: "registered",
                0x000E: "project",
                0x002F: "control",
            }
            length = struct.unpack_from("<I", body)[0]  # each starts with its libid's size
            libid = body[4 : 4 + length].decode(f"cp{code_page}", "replace")
            references.append(Reference(reference_name, kinds[rid], libid))
        elif rid == 0x0025:
            current["read_only"] = True
        elif rid == 0x0028:
            current["private"] = True
        elif rid == 0x0019:
            current = {"name": body.decode(f"cp{code_page}", "replace")}
        elif rid == 0x0047:
            current["name"] = body.decode("utf-16-le")
        elif rid == 0x001A:
            current["stream"] = body.decode(f"cp{code_page}", "replace")
        elif rid == 0x0032:
            current["stream"] = body.decode("utf-16-le")
        elif rid == 0x0031:
            current["offset"] = struct.unpack("<I", body)[0]
        elif rid in (0x0021, 0x0022):
            current["type"] = rid
        elif rid == 0x002B and current:
            raw = streams[f"VBA/{current['stream']}"][int(current.get("offset", 0)) :]
            code = decompress(raw).decode(f"cp{code_page}", "replace")
            kind: ModuleKind = "standard"
            if current.get("type") == 0x0022:
                kind = "document" if str(current["name"]).upper() in documents else "class"
            modules.append(
                Module(
                    str(current["name"]),
                    kind,
                    code,
                    private=bool(current.get("private")),
                    read_only=bool(current.get("read_only")),
                )
            )
            current = {}
        elif rid == 0x0010:
            break
    designers = bool(re.search(r"^BaseClass=", project, re.MULTILINE))
    project_text = streams.get("PROJECT", b"").decode(f"cp{code_page}", "replace")
    return Project(
        modules,
        code_page,
        designers,
        information=information,
        project_text=project_text,
        references=tuple(references),
        protected=_has_password(project_text),
    )


def _has_password(project_text: str) -> bool:
    """Whether the PROJECT stream's DPB value holds a password ([MS-OVBA] 2.3.1.16): a
    project without one stores a single zero byte."""
    found = re.search(r'^DPB="([0-9A-Fa-f]+)"', project_text, re.MULTILINE)
    if not found:
        return False
    try:
        return decrypt(found.group(1)) != b"\0"
    except (ValueError, IndexError, struct.error):
        return True  # unreadable: treat it as locked rather than unlock it
