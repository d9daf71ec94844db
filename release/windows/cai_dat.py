"""Cài đặt ocop_xl cho người dùng này, không cần Internet, không cần quyền quản trị.

Run by CaiDat.bat with the Python of the bundle (or one found on the PC). Steps:

1. the bundled Python (``python\\``) is copied to %LOCALAPPDATA%\\ocop_xl\\python;
2. a virtual environment %LOCALAPPDATA%\\ocop_xl\\venv is made from it (or from a Python
   3.11-3.13 already installed, when the bundle carries none) and ocop_xl is installed into
   it from the bundle's ``wheelhouse\\`` only (``pip --no-index``);
3. the office's master is built (standalone, xlwings' VBA from the installed xlwings,
   ``Interpreter_Win`` = the environment's pythonw.exe) in Documents\\OCOP\\ocop_master.xlsm;
   an existing master there is kept and only its macros are brought up to date;
4. the environment's Scripts folder is added to the user's PATH (``ocop-xl`` in a Command
   Prompt), ``check-install`` runs on the master, and the next steps are printed.

Everything is written under the user's own folders; nothing asks for administrator rights.
Code in English, every word shown to the user in Vietnamese.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

APP = "ocop_xl"
MASTER = "ocop_master.xlsm"
WORK_FOLDER = "OCOP"
SUPPORTED = ((3, 11), (3, 12), (3, 13))
BUNDLE = Path(__file__).resolve().parent


def say(text: str = "") -> None:
    print(text, flush=True)


def step(number: int, text: str) -> None:
    say()
    say(f"[{number}/5] {text}")


class Stop(Exception):
    """A step failed: its Vietnamese message is shown and the installer stops."""


def local_appdata() -> Path:
    found = os.environ.get("LOCALAPPDATA")
    if not found:
        raise Stop("Không tìm thấy thư mục LOCALAPPDATA của người dùng.")
    return Path(found)


def documents() -> Path:
    """The user's Documents folder as Windows knows it (also when it was moved to OneDrive
    or another drive), through SHGetKnownFolderPath."""
    try:
        import ctypes
        from ctypes import wintypes

        class GUID(ctypes.Structure):
            _fields_ = [
                ("Data1", wintypes.DWORD),
                ("Data2", wintypes.WORD),
                ("Data3", wintypes.WORD),
                ("Data4", wintypes.BYTE * 8),
            ]

        # FOLDERID_Documents {FDD39AD0-238F-46AF-ADB4-6C85480369C7}
        folder_id = GUID(
            0xFDD39AD0, 0x238F, 0x46AF, (wintypes.BYTE * 8)(*b"\xad\xb4\x6c\x85\x48\x03\x69\xc7")
        )
        path = ctypes.c_wchar_p()
        shell32 = ctypes.windll.shell32
        if shell32.SHGetKnownFolderPath(ctypes.byref(folder_id), 0, None, ctypes.byref(path)) == 0:
            found = path.value
            ctypes.windll.ole32.CoTaskMemFree(path)
            if found:
                return Path(found)
    except (AttributeError, OSError):
        pass
    return Path.home() / "Documents"


LIBRARIES_LOAD = (
    "import numpy, pandas, openpyxl, python_calamine, pydantic, xlwings; "
    "import ocop_xl.actions, ocop_xl.profiles, ocop_xl.workbook.file_workbook"
)


def run(command: list[str], failure: str) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-12:]
        raise Stop(failure + "\n" + "\n".join("    " + line for line in detail))
    return done.stdout


def base_python(home: Path) -> Path:
    """The Python the environment is made from: the bundle's own (copied to the user's
    folder first), else the one running this script when its version is supported."""
    bundled = BUNDLE / "python" / "python.exe"
    if bundled.is_file():
        target = home / "python"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(bundled.parent, target)
        say(f"    Python của bộ cài được chép vào {target}")
        return target / "python.exe"
    if sys.version_info[:2] not in SUPPORTED:
        raise Stop(
            f"Bộ cài này không kèm Python và Python trên máy là {sys.version.split()[0]}: "
            "cần Python 3.11, 3.12 hoặc 3.13 (64-bit). Xem chương 1 của hướng dẫn."
        )
    say(f"    Dùng Python có sẵn trên máy: {sys.executable}")
    return Path(sys.executable)


def make_environment(python: Path, venv: Path) -> Path:
    if venv.exists():
        shutil.rmtree(venv)
    run(
        [str(python), "-m", "venv", "--without-pip", str(venv)], "Không tạo được môi trường Python."
    )
    venv_python = venv / "Scripts" / "python.exe"
    run(
        [str(venv_python), "-m", "ensurepip", "--default-pip"],
        "Không cài được pip vào môi trường Python.",
    )
    return venv_python


def install_packages(venv_python: Path) -> None:
    wheelhouse = BUNDLE / "wheelhouse"
    wheels = sorted(wheelhouse.glob("ocop_xl-*.whl"))
    if not wheels:
        raise Stop(f"Thiếu tệp cài đặt ocop_xl trong {wheelhouse}.")
    run(
        [str(venv_python), "-m", "pip", "install", "--no-index", "--find-links", str(wheelhouse),
         "--disable-pip-version-check", "--no-warn-script-location", str(wheels[-1])],
        "Không cài được ocop_xl từ thư mục wheelhouse của bộ cài.",
    )  # fmt: skip


def make_master(venv: Path, folder: Path) -> Path:
    ocop = venv / "Scripts" / "ocop-xl.exe"
    pythonw = venv / "Scripts" / "pythonw.exe"
    folder.mkdir(parents=True, exist_ok=True)
    master = folder / MASTER
    if master.exists():
        run(
            [str(ocop), "upgrade-macros", "--workbook", str(master), "--standalone",
             "--interpreter", str(pythonw)],
            f"Không cập nhật được macro của tệp {master}. Hãy đóng tệp trong Excel rồi chạy lại.",
        )  # fmt: skip
        say(f"    Đã có tệp tổng hợp {master}: giữ nguyên dữ liệu, cập nhật macro.")
    else:
        run(
            [str(ocop), "build-workbook", "--out", str(master), "--standalone",
             "--interpreter", str(pythonw)],
            f"Không tạo được tệp tổng hợp {master}.",
        )  # fmt: skip
        say(f"    Đã tạo tệp tổng hợp {master}")
    return master


def add_to_path(scripts: Path) -> bool:
    """The environment's Scripts folder at the end of the user's own PATH (HKCU), so that
    ``ocop-xl`` runs in a new Command Prompt. False when the registry is not reachable."""
    try:
        import winreg
    except ImportError:
        return False
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_ALL_ACCESS) as key:
        try:
            value, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            value, kind = "", winreg.REG_EXPAND_SZ
        parts = [p for p in value.split(";") if p]
        if str(scripts).lower() not in (p.lower() for p in parts):
            parts.append(str(scripts))
            winreg.SetValueEx(key, "Path", 0, kind, ";".join(parts))
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cài đặt ocop_xl")
    parser.add_argument("--folder", type=Path, help="thư mục đặt tệp tổng hợp")
    args = parser.parse_args(argv)
    say("=== CÀI ĐẶT ocop_xl (chương trình OCOP trên Excel) ===")
    say("Không cần Internet, không cần quyền quản trị; chỉ ghi vào thư mục của người dùng này.")
    try:
        home = local_appdata() / APP
        home.mkdir(parents=True, exist_ok=True)
        step(1, "Chuẩn bị Python")
        python = base_python(home)
        step(2, "Cài ocop_xl và các thư viện (từ thư mục wheelhouse, không cần Internet)")
        venv = home / "venv"
        venv_python = make_environment(python, venv)
        install_packages(venv_python)
        version = run([str(venv / "Scripts" / "ocop-xl.exe"), "--version"], "ocop-xl không chạy.")
        # --version loads no library (lazy start-up): load those every action needs, here,
        # so a missing or broken one stops the installer with its name
        run([str(venv_python), "-c", LIBRARIES_LOAD], "ocop-xl không chạy.")
        say(f"    Đã cài {version.strip()} vào {venv}")
        step(3, "Tạo tệp tổng hợp có thẻ OCOP")
        master = make_master(venv, args.folder or documents() / WORK_FOLDER)
        step(4, "Thêm lệnh ocop-xl cho Command Prompt")
        if add_to_path(venv / "Scripts"):
            say("    Mở cửa sổ Command Prompt mới là gõ được lệnh ocop-xl.")
        step(5, "Kiểm tra cài đặt")
        report = subprocess.run(
            [str(venv / "Scripts" / "ocop-xl.exe"), "check-install", "--workbook", str(master)],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip
        say(report.stdout.rstrip())
    except Stop as stop:
        say()
        say("LỖI: " + str(stop))
        say("Chưa cài xong. Gửi nội dung cửa sổ này cho người hỗ trợ.")
        return 1
    say()
    say("=== ĐÃ CÀI XONG ===")
    say("Việc tiếp theo:")
    say(f"  1. Mở tệp {master} bằng Excel.")
    say("  2. Nếu Excel hiện thanh màu vàng, bấm Enable Content (Bật nội dung).")
    say("  3. Trên thẻ OCOP, nhóm Hệ thống, bấm Kiểm tra cài đặt: phải thấy «Lỗi cài đặt: 0».")
    say("  4. Đọc tệp HuongDan.pdf trong bộ cài: chương 2 (cấu hình) là việc cần làm đầu tiên.")
    say("Gỡ cài đặt: chạy GoCaiDat.bat (tệp tổng hợp và dữ liệu trong thư mục OCOP được giữ lại).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
