"""Gỡ cài đặt ocop_xl của người dùng này: %LOCALAPPDATA%\\ocop_xl and its PATH entry.
The master workbooks and the folders beside them (Documents\\OCOP) are the office's data:
never removed."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP = "ocop_xl"


def remove_from_path(scripts: Path) -> None:
    try:
        import winreg
    except ImportError:
        return
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_ALL_ACCESS) as key:
        try:
            value, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            return
        parts = [p for p in value.split(";") if p and p.lower() != str(scripts).lower()]
        winreg.SetValueEx(key, "Path", 0, kind, ";".join(parts))


def main() -> int:
    print("=== GỠ CÀI ĐẶT ocop_xl ===", flush=True)
    home = Path(os.environ.get("LOCALAPPDATA", "")) / APP
    if not os.environ.get("LOCALAPPDATA") or not home.exists():
        print("ocop_xl chưa được cài cho người dùng này: không có gì để gỡ.")
        return 0
    remove_from_path(home / "venv" / "Scripts")
    try:
        shutil.rmtree(home)
    except OSError as exc:
        print(f"Không xóa được {home} ({exc}). Hãy đóng Excel rồi chạy lại.")
        return 1
    print(f"Đã xóa {home} và lệnh ocop-xl khỏi PATH.")
    print("Các tệp tổng hợp (thư mục Documents\\OCOP) và dữ liệu vẫn được giữ nguyên.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
