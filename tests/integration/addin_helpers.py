"""Shared pieces of the Excel add-in tests: masters with macros, olevba's view of them, a
fake Excel user interface for dispatch."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from oletools.olevba import VBA_Parser

from ocop_xl.actions.new_master import create_master
from ocop_xl.profiles import load_profile

ROOT = Path(__file__).resolve().parents[2]
MACROS = ROOT / "macros"


def build_master(folder: Path, *, standalone: bool = False, name: str = "ocop_master.xlsm"):
    path = folder / name
    create_master(load_profile("tu-ky-2023"), path, standalone=standalone)
    return path


def replace_vba(path: Path, modules: list, code_page: int = 1252, project_text=None) -> None:
    """Put another VBA project into a workbook file (what Excel would have saved)."""
    from ocop_xl.workbook.xlsm import cfb, vba_project

    data = vba_project.build(modules, code_page=code_page)
    if project_text is not None:
        streams = cfb.read(data)
        streams["PROJECT"] = project_text(streams["PROJECT"])
        data = cfb.write(streams)
    replace_vba_bytes(path, data)


def replace_vba_bytes(path: Path, data: bytes) -> None:
    """Put a vbaProject.bin, as it is, into a workbook file."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/vbaProject.bin"] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def office_project(name: str) -> bytes:
    """The vbaProject.bin of a workbook the installed xlwings ships (saved by Excel)."""
    import xlwings

    return zipfile.ZipFile(Path(xlwings.__file__).parent / name).read("xl/vbaProject.bin")


def olevba_modules(path: Path) -> dict[str, str]:
    """Module name -> source, as oletools reads them out of the workbook."""
    parser = VBA_Parser(str(path))
    try:
        return {
            vba_name.rsplit(".", 1)[0]: code for _, _, vba_name, code in parser.extract_all_macros()
        }
    finally:
        parser.close()


def bas_text(path: Path) -> str:
    """A .bas file as the VBA project stores it: CRLF line ends."""
    return path.read_text(encoding="ascii").replace("\r\n", "\n").replace("\n", "\r\n")


@dataclass
class FakeUi:
    """Records what dispatch shows; ``pick`` is what the folder picker answers."""

    pick: Path | bool | None = False
    events: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    alerts: list[tuple[str, str, bool]] = field(default_factory=list)
    picked_from: list[Path] = field(default_factory=list)

    def begin(self) -> None:
        self.events.append("begin")

    def end(self) -> None:
        self.events.append("end")

    def status(self, text: str) -> None:
        self.statuses.append(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.statuses.append(f"{text} {done}/{total}")

    def alert(self, text: str, title: str, critical: bool = False) -> None:
        self.events.append("alert")
        self.alerts.append((text, title, critical))

    def pick_folder(self, title: str, start: Path):
        self.picked_from.append(start)
        return self.pick
