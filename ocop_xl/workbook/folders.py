"""The folders beside the master workbook: one set of names for the ribbon, the command
line's defaults, the demo and every document.

A ribbon button always works in the folder named here, next to the open workbook (inputs
are offered in a folder picker that starts there); a command given no ``--out`` (or no
source) uses the same folder next to its ``--workbook``; ``ocop-xl demo --out DIR`` writes
the same folders into ``DIR``. Names are ASCII, lower case, no accents: they survive
zipping, e-mail and old Windows tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# Backups of the master (ocop_xl/workbook/atomic.py writes them here).
BACKUP_DIR = "sao-luu"
# What a ribbon click could not do, for the person who supports the office (excel/dispatch.py).
LOG_FILE = "ocop-xl-loi.log"


@dataclass(frozen=True)
class Folder:
    """One folder beside the master: what it holds and which action fills or reads it."""

    name: str  # on disk
    holds_vi: str  # what is in it, in the words of the office
    action: str  # the action (ribbon tag, CLI command) that writes or reads it
    direction: Literal["out", "in"]  # the action writes it / reads it

    def beside(self, master: Path) -> Path:
        """This folder next to the master workbook."""
        return Path(master).parent / self.name


TEMPLATES = Folder("mau-xa", "mẫu đăng ký gửi các xã", "template", "out")
SUBMISSIONS = Folder("ho-so-xa", "hồ sơ các xã gửi về", "consolidate", "in")
RETURNS = Folder("tra-loi-xa", "bản trả lỗi cho các xã", "returns", "out")
SCORE_SHEETS = Folder("phieu-cham", "phiếu chấm gửi thành viên hội đồng", "score-sheets", "out")
SCORED = Folder("phieu-da-cham", "phiếu đã chấm thành viên gửi lại", "score", "in")
TASKS = Folder("phan-cong", "tệp nhiệm vụ gửi từng phòng, ban", "tasks", "out")
DOCUMENTS = Folder("bao-cao", "văn bản in (Excel và PDF)", "report", "out")
BACKUPS = Folder(BACKUP_DIR, "bản sao lưu tệp tổng hợp (5 bản gần nhất)", "", "out")

FOLDERS: tuple[Folder, ...] = (
    TEMPLATES,
    SUBMISSIONS,
    RETURNS,
    SCORE_SHEETS,
    SCORED,
    TASKS,
    DOCUMENTS,
    BACKUPS,
)
NAMES: frozenset[str] = frozenset(f.name for f in FOLDERS)


def prepare_output(folder: Path) -> Path:
    """An output folder made ready before an action runs (``--out``, or the folder beside
    the master): created if missing; a file of that name, a folder that cannot be created
    or a read-only one stop the action with ``OUTPUT_FOLDER_FAILED`` naming the path."""
    from ocop_xl.workbook.atomic import ensure_folder  # here: the CLI's start-up stays light

    folder = Path(folder)
    ensure_folder(folder, "OUTPUT_FOLDER_FAILED", path=str(folder))
    return folder


def folders_of(action: str) -> list[Folder]:
    """The folders an action writes or reads (empty for actions without files)."""
    return [f for f in FOLDERS if f.action == action]
