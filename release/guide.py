"""``make guide``: "Hướng dẫn sử dụng ocop_xl", the Vietnamese user guide, with pictures.

- The chapters are Markdown in docs/huong-dan/ (``CHAPTERS``, in the order of the year).
- Three parts are generated from the program itself and committed, so that they read on
  their own and a test can keep them in step (``python -m release.guide --check``):
  ``nut-lenh.md`` (button → command → folder → sheet, from macros/customUI.xml, the folder
  declarations of ocop_xl/workbook/folders.py and ``SHEETS_OF``), ``thong-bao.md`` (every
  message of the catalog, what it means and how to fix it) and ``the-ocop.svg`` (the OCOP
  ribbon tab drawn from customUI.xml: Excel itself cannot be pictured here).
- The pictures (docs/huong-dan/hinh/, never committed) are the demo's sheets and documents,
  printed by LibreOffice and turned into PNG (ocop_xl/demo/pictures.py), renamed without
  their running number so the chapters can name them.
- ``HuongDan.pdf`` (build/guide/): the chapters as one HTML page, printed by LibreOffice
  Writer.

Usage: python -m release.guide [--out build/guide] [--check] [--no-pictures]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong-dan"
PICTURES = GUIDE / "hinh"
CHAPTERS = (
    "README.md",
    "01-cai-dat.md",
    "02-cau-hinh.md",
    "03-ho-so-xa.md",
    "04-hoi-dong.md",
    "05-kinh-phi.md",
    "06-ke-hoach.md",
    "07-in-bao-cao.md",
    "08-sao-luu-va-su-co.md",
    "nut-lenh.md",
    "thong-bao.md",
)
BUTTONS_FILE = "nut-lenh.md"
MESSAGES_FILE = "thong-bao.md"
RIBBON_FILE = "the-ocop.svg"
PDF_NAME = "HuongDan.pdf"

# The sheets of the master each button writes (checked against the demo's master by a test).
SHEETS_OF = {
    "template": "–",
    "consolidate": "Đăng ký, Hồ sơ đã nhận, Kiểm tra, Nhật ký",
    "returns": "Nhật ký",
    "score-sheets": "Nhật ký",
    "score": "Kết quả, Thống kê kết quả, Biên bản, Danh sách đề nghị cấp tỉnh, Kiểm tra, Nhật ký",
    "budget": "Tổng hợp kinh phí, Dự toán kinh phí, Kiểm tra, Nhật ký",
    "tasks": "Phân công, Kiểm tra, Nhật ký",
    "progress": "Tiến độ, Báo cáo kết quả, Kiểm tra, Nhật ký",
    "report": "Nhật ký",
    "check-config": "Kiểm tra, Nhật ký",
    "registry": "Sổ theo dõi OCOP, Lịch sử OCOP, Thống kê sổ OCOP, DS OCOP sắp hết hạn, "
    "Tổng hợp sổ OCOP, Kiểm tra, Nhật ký",
    "check-install": "– (chỉ đọc)",
    "help": "– (chỉ đọc)",
}

# The areas of the catalog, in the order of the year, with their titles in the guide.
AREAS = (
    ("core", "Chung: tệp tổng hợp, cấu hình, hồ sơ kế hoạch"),
    ("master", "Bảng trong tệp tổng hợp (những gì văn phòng đã nhập)"),
    ("submissions", "Hồ sơ của xã (Tổng hợp hồ sơ, Trả lỗi cho xã)"),
    ("precheck", "Kết quả kiểm tra hồ sơ của xã (trang Kiểm tra của xã)"),
    ("council", "Hội đồng (Tạo phiếu chấm, Tính điểm)"),
    ("budget", "Kinh phí (Tổng hợp kinh phí)"),
    ("plan", "Kế hoạch (Ma trận phân công, Tiến độ, In báo cáo)"),
    ("system", "Cài đặt và Excel (Kiểm tra cài đặt, các nút)"),
    ("saving", "Lưu tệp, sao lưu"),
    ("register", "Sổ theo dõi sản phẩm OCOP (Sổ theo dõi OCOP)"),
    ("legibility", "Số liệu văn phòng gõ được chương trình đọc lại"),
)
# How to fix what a message does not itself say (the others end with what to do).
GENERIC_FIX = {
    "core": "Mở trang và ô được nêu, sửa theo nội dung thông báo, rồi bấm lại nút.",
    "master": "Xem trang và ô được nêu; dữ liệu của văn phòng không bị xóa. Sửa nếu cần rồi "
    "bấm lại nút.",
    "submissions": "Sửa ô được nêu trong tệp của xã (hoặc bấm Trả lỗi cho xã để xã tự sửa), "
    "chép lại vào thư mục ho-so-xa rồi bấm Tổng hợp hồ sơ.",
    "precheck": "Sửa ô được nêu trong tệp của xã (cột đánh giá của UBND xã) hoặc ở trang Kiểm "
    "tra của xã, rồi bấm Tổng hợp hồ sơ và Tính điểm.",
    "council": "Sửa ô được nêu (trang Hội đồng, Chấm điểm hoặc phiếu của thành viên) rồi bấm "
    "Tính điểm.",
    "budget": "Sửa dòng, ô được nêu ở trang Kinh phí hoặc Nguồn vốn rồi bấm Tổng hợp kinh phí.",
    "plan": "Sửa ô được nêu (trang Nhiệm vụ, Chỉ tiêu, Hoạt động) rồi bấm lại nút.",
    "system": "Bấm Kiểm tra cài đặt và làm theo thông báo; nếu vẫn lỗi, chạy lại CaiDat.bat.",
    "saving": "Tệp tổng hợp cũ vẫn còn nguyên; kiểm tra ổ đĩa, quyền ghi, rồi chạy lại.",
    "legibility": "Xem ô được nêu: chương trình đã ghi lại số tiền thành số; sửa nếu chưa đúng.",
    "register": "Sửa ô được nêu ở trang Sổ theo dõi OCOP (hoặc trong tệp danh sách đưa vào) "
    "rồi bấm Sổ theo dõi OCOP.",
}
FIXES = {
    "MASTER_NOT_FOUND": "Kiểm tra đường dẫn; tệp mặc định ở Documents\\OCOP\\ocop_master.xlsm.",
    "MASTER_UNREADABLE": "Lấy bản gần nhất trong thư mục sao-luu (chương 8).",
    "SHEET_MISSING": "Đổi lại đúng tên trang tính (hoặc chép trang từ bản sao lưu).",
    "TABLE_MISSING": "Khôi phục dòng tiêu đề của bảng như tệp mẫu (hoặc lấy từ bản sao lưu).",
    "COLUMN_MISSING": "Đổi tiêu đề cột về đúng tên được nêu (chương 8, mục 8.4).",
    "CONFIG_VALUE_INVALID": "Sửa ô được nêu theo giá trị cần có ghi trong thông báo.",
    "CONFIG_VALUE_REQUIRED": "Nhập giá trị vào ô được nêu.",
    "CONFIG_DUPLICATE_CODE": "Đổi một trong hai mã để mỗi mã chỉ có một dòng.",
    "CONFIG_UNKNOWN_REFERENCE": "Thêm mã đó vào trang được nêu hoặc sửa lại mã cho đúng.",
    "NO_SOURCES": "Chép các tệp hồ sơ của xã vào thư mục ho-so-xa rồi bấm lại.",
    "SOURCE_NOT_FOUND": "Tạo thư mục (hoặc chép tệp) được nêu rồi bấm lại.",
    "FILE_UNREADABLE": "Đề nghị xã lưu lại tệp bằng Excel (.xlsx) và gửi lại.",
    "FILE_NOT_SPREADSHEET": "Bỏ tệp đó khỏi thư mục ho-so-xa.",
    "FILE_IS_MASTER": "Không cần làm gì; không chép tệp tổng hợp vào ho-so-xa.",
    "DUPLICATE_PRODUCT": "Xóa dòng trùng trong tệp của xã, hoặc bỏ qua nếu đúng là trùng.",
    "SIMILAR_PRODUCT": "Xem hai dòng; nếu là một sản phẩm, xóa một dòng trong tệp của xã.",
    "SCORE_NOT_NUMBER": "Nhập điểm là số (32 hoặc 32,5) vào ô được nêu.",
    "SCORE_OUT_OF_RANGE": "Sửa điểm trong khoảng được nêu.",
    "QUORUM_NOT_REACHED": "Ghi đủ thành viên có mặt ở trang Hội đồng (cột Có mặt).",
    "SPREAD_ABOVE_LIMIT": "Hội đồng thảo luận, chấm lại, nhập điểm mới rồi bấm Tính điểm.",
    "SCORES_MISSING": "Nhập điểm còn thiếu hoặc nhận phiếu của thành viên đó.",
    "BUDGET_SOURCE_OVER": "Giảm số phân bổ ở trang Kinh phí hoặc tăng số bố trí ở trang Nguồn vốn.",
    "BUDGET_LINE_UNDERFUNDED": "Phân bổ đủ số tiền của dòng cho các nguồn.",
    "BUDGET_LINE_OVERFUNDED": "Giảm số tiền các nguồn của dòng cho bằng thành tiền.",
    "TABLE_NO_ROOM": "Dời nội dung ô được nêu đi chỗ khác hoặc chèn dòng trống (chương 8).",
    "TABLE_MERGED_CELLS": "Bỏ gộp các ô được nêu (chương 8).",
    "MASTER_LOCKED": "Đóng tệp trong Excel rồi chạy lại lệnh (chương 8).",
    "MASTER_BUSY": "Chờ thao tác kia xong rồi bấm lại (chương 8).",
    "ROWS_ARCHIVED": "Không cần làm gì: nội dung đã chuyển sang trang Lưu trữ.",
}
INSTRUCTION = re.compile(r"\b(Hãy|hãy|Đề nghị|đề nghị|cần|Bấm|bấm|chạy lại|Chạy)\b")


def _catalog_areas() -> list[tuple[str, str, dict[str, tuple[str, str]]]]:
    import importlib

    return [
        (area, title, importlib.import_module(f"ocop_xl.domain.catalog.{area}").MESSAGES)
        for area, title in AREAS
    ]


def _placeholders(text: str) -> str:
    """``{file}`` → ‹file› so a template reads as a sentence with blanks."""
    return re.sub(r"\{(\w+)(?::\w+)?\}", r"‹\1›", text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fix_of(area: str, code: str, vi: str) -> str:
    if code in FIXES:
        return FIXES[code]
    if INSTRUCTION.search(vi):
        return "Làm như thông báo hướng dẫn."
    return GENERIC_FIX[area]


def messages_markdown() -> str:
    lines = [
        "<!-- Generated by `make guide` (release/guide.py) from ocop_xl/domain/catalog/: "
        "do not edit. -->",
        "",
        "# Phụ lục B. Các thông báo và cách xử lý",
        "",
        "Mỗi vấn đề chương trình tìm thấy là một dòng ở trang *Kiểm tra* (và trong báo cáo "
        "JSON): mức độ (Lỗi / Cảnh báo), tệp, trang, ô và lời thông báo dưới đây. Chữ trong "
        "‹ › là phần chương trình điền vào (tên tệp, ô, giá trị…). Những thông báo dừng "
        "chương trình (không ghi gì vào tệp) được giải thích thêm ở chương 8.",
        "",
    ]
    for area, title, messages in _catalog_areas():
        rows = [(c, vi) for c, (vi, _en) in messages.items() if not c.startswith("OS_")]
        if not rows:
            continue
        lines += [f"## {title}", "", "| Mã | Thông báo | Cách xử lý |", "|---|---|---|"]
        for code, vi in rows:
            lines.append(
                f"| `{code}` | {_cell(_placeholders(vi))} | {_cell(fix_of(area, code, vi))} |"
            )
        lines.append("")
    return "\n".join(lines)


def _buttons():
    from ocop_xl.workbook.xlsm import custom_ui
    from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons

    return ribbon_buttons(custom_ui())


def buttons_markdown() -> str:
    from ocop_xl.workbook.folders import FOLDERS, folders_of

    lines = [
        "<!-- Generated by `make guide` (release/guide.py) from macros/customUI.xml and "
        "ocop_xl/workbook/folders.py: do not edit. -->",
        "",
        "# Phụ lục A. Các nút, lệnh, thư mục và trang tính",
        "",
        "Mỗi nút trên thẻ **OCOP** chạy một lệnh; lệnh đó cũng gõ được trong Command Prompt "
        "(`ocop-xl <lệnh> --workbook <tệp tổng hợp>`). Thư mục nằm cạnh tệp tổng hợp và được "
        "tạo khi cần.",
        "",
        "![Thẻ OCOP](the-ocop.svg)",
        "",
        "| Nhóm | Nút | Lệnh | Thư mục | Trang tính được ghi |",
        "|---|---|---|---|---|",
    ]
    for button in _buttons():
        used = folders_of(button.tag)
        folder = ", ".join(f"`{f.name}` ({'đọc' if f.direction == 'in' else 'ghi'})" for f in used)
        lines.append(
            f"| {button.group} | **{button.label}** | `ocop-xl {button.tag}` | {folder or '–'} "
            f"| {SHEETS_OF.get(button.tag, '–')} |"
        )
    lines += ["", "## Các thư mục cạnh tệp tổng hợp", "", "| Thư mục | Chứa |", "|---|---|"]
    for place in FOLDERS:
        lines.append(f"| `{place.name}` | {place.holds_vi} |")
    return "\n".join(lines) + "\n"


def ribbon_svg() -> str:
    """The OCOP tab as Excel lays it out: groups side by side, large buttons (icon above
    a two-line label), the group's name below; each icon is a box with its imageMso name."""
    buttons = _buttons()
    groups: list[tuple[str, list]] = []
    for button in buttons:
        if not groups or groups[-1][0] != button.group:
            groups.append((button.group, []))
        groups[-1][1].append(button)
    width_button, pad, top = 92, 8, 34
    width = pad + sum(len(b) * width_button + pad * 2 for _, b in groups) + pad
    height = 170
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Segoe UI, Liberation Sans, Arial" '
        'font-size="11">',
        "<!-- Generated by release/guide.py from macros/customUI.xml: do not edit. -->",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f3f3f3"/>',
        '<text x="10" y="20" fill="#444">Tệp   Trang đầu   Chèn   …</text>',
        '<rect x="150" y="4" width="60" height="26" fill="#ffffff" stroke="#c8c8c8"/>',
        '<text x="180" y="22" text-anchor="middle" font-weight="bold" fill="#217346">OCOP</text>',
        f'<rect x="0" y="{top - 4}" width="{width}" height="{height - top + 4}" '
        'fill="#ffffff" stroke="#c8c8c8"/>',
    ]
    x = pad
    for name, members in groups:
        group_width = len(members) * width_button + pad
        for index, button in enumerate(members):
            bx = x + pad // 2 + index * width_button
            out.append(
                f'<rect x="{bx + 26}" y="{top + 6}" width="40" height="40" rx="4" '
                'fill="#e7f1ea" stroke="#217346"/>'
            )
            out.append(
                f'<text x="{bx + 46}" y="{top + 58}" text-anchor="middle" font-size="8" '
                f'fill="#777">{escape(button.image)}</text>'
            )
            words = button.label.split()
            half = (len(words) + 1) // 2
            for line_no, line in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
                if line:
                    out.append(
                        f'<text x="{bx + 46}" y="{top + 76 + 14 * line_no}" '
                        f'text-anchor="middle">{escape(line)}</text>'
                    )
        out.append(
            f'<text x="{x + group_width / 2}" y="{height - 12}" text-anchor="middle" '
            f'fill="#555">{escape(name)}</text>'
        )
        out.append(
            f'<line x1="{x + group_width + pad / 2}" y1="{top + 2}" '
            f'x2="{x + group_width + pad / 2}" y2="{height - 6}" stroke="#d0d0d0"/>'
        )
        x += group_width + pad
    out.append("</svg>")
    return "\n".join(out) + "\n"


GENERATED = {
    BUTTONS_FILE: buttons_markdown,
    MESSAGES_FILE: messages_markdown,
    RIBBON_FILE: ribbon_svg,
}


def write_generated(folder: Path = GUIDE) -> list[str]:
    """Write the generated parts; returns the names that changed."""
    changed = []
    for name, make in GENERATED.items():
        text = make()
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_generated(folder: Path = GUIDE) -> list[str]:
    return [
        name
        for name, make in GENERATED.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != make()
    ]


PICTURE_REF = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def referenced_pictures(folder: Path = GUIDE) -> dict[str, list[str]]:
    """Every picture a chapter shows: chapter -> paths relative to docs/huong-dan/."""
    return {
        name: PICTURE_REF.findall((folder / name).read_text(encoding="utf-8")) for name in CHAPTERS
    }


def stable_name(picture: Path) -> str:
    """``11-tong-hop-dang-ky-01.png`` → ``tong-hop-dang-ky-1.png`` (the running number of
    the pictures depends on how many sheets come before)."""
    stem = re.sub(r"^\d+-", "", picture.stem)
    stem = re.sub(r"-0*(\d+)$", r"-\1", stem)
    return stem + picture.suffix


def make_pictures(work: Path, target: Path = PICTURES) -> list[Path]:
    """The demo, its pictures, renamed into ``target`` (emptied first)."""
    from ocop_xl.demo.pictures import render_pictures

    demo = work / "demo"
    if demo.exists():
        shutil.rmtree(demo)
    subprocess.run(
        [sys.executable, "-m", "ocop_xl", "demo", "--out", str(demo)],
        check=True,
        capture_output=True,
    )
    raw = work / "raw"
    pictures = render_pictures(demo, raw)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    placed = []
    for picture in pictures:
        placed.append(target / stable_name(picture))
        shutil.copy2(picture, placed[-1])
    return placed


PAGE_WIDTH = 640  # pixels at 96 dpi: the text width of an A4 page


def picture_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG (its IHDR) or of an SVG (its root's attributes)."""
    data = path.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    found = re.search(rb'width="(\d+)" height="(\d+)"', data)
    return (int(found.group(1)), int(found.group(2))) if found else (PAGE_WIDTH, PAGE_WIDTH // 2)


def _img(path: Path) -> str:
    """An <img> scaled to the page's width (Writer lays pictures out at their own size)."""
    width, height = picture_size(path) if path.is_file() else (PAGE_WIDTH, PAGE_WIDTH // 2)
    if width > PAGE_WIDTH or path.suffix == ".svg":
        width, height = PAGE_WIDTH, round(height * PAGE_WIDTH / width)
    return f'<img src="{path.resolve().as_uri()}" width="{width}" height="{height}"'


def guide_html(folder: Path = GUIDE) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    parts = []
    for name in CHAPTERS:
        text = (folder / name).read_text(encoding="utf-8")
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        # links between chapters mean nothing on paper: keep their words
        text = re.sub(r"(?<!!)\[([^\]]+)\]\([^)]+\.md(#[^)]*)?\)", r"\1", text)
        body = md.render(text)
        body = re.sub(r'<img src="([^"]+)"', lambda m: _img(folder / m.group(1)), body)
        parts.append(f'<div style="page-break-before: always">{body}</div>')
    style = (
        "body{font-family:'Liberation Sans',Arial;font-size:10.5pt}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;"
        "font-size:9pt;vertical-align:top}h1{color:#1F4E79}code{font-size:9pt}"
    )
    title = html.escape("Hướng dẫn sử dụng ocop_xl")
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )


def make_pdf(out: Path, folder: Path = GUIDE) -> Path:
    from ocop_xl.workbook.libreoffice import convert

    out.mkdir(parents=True, exist_ok=True)
    page = out / "HuongDan.html"
    page.write_text(guide_html(folder), encoding="utf-8")
    pdf = convert(page, "pdf:writer_web_pdf_Export", out, timeout=600)
    return pdf


def build(out: Path, *, pictures: bool = True) -> Path:
    write_generated()
    if pictures:
        make_pictures(out / "pictures-work")
    missing = [
        f"{chapter}: {ref}"
        for chapter, refs in referenced_pictures().items()
        for ref in refs
        if not (GUIDE / ref).is_file()
    ]
    if missing:
        raise SystemExit(
            "pictures the guide shows but the build did not make:\n" + "\n".join(missing)
        )
    return make_pdf(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hướng dẫn sử dụng ocop_xl")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "guide")
    parser.add_argument("--check", action="store_true", help="only check the generated parts")
    parser.add_argument("--no-pictures", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_generated()
        if stale:
            print("out of date (run make guide):", ", ".join(stale), file=sys.stderr)
        return 1 if stale else 0
    pdf = build(args.out, pictures=not args.no_pictures)
    print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
