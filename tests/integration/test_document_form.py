"""The printed documents in the form of Nghị định 30/2020/NĐ-CP (issue 14, points 7 and 8),
read from the PDFs LibreOffice prints of the demo: page size and margins, real font sizes,
the short rules, "Số:", "Nơi nhận:", signature blocks, page numbers, page breaks, and the
communes in the commune list's order."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from ocop_xl.workbook import folders
from ocop_xl.workbook.document_sheet import page_starts

from ..conftest import require_soffice

MM = 72 / 25.4
A4 = (595.3, 841.9)
DOCUMENTS = (
    "01-danh-sach-dang-ky",
    "02-bien-ban",
    "03-danh-sach-de-nghi-cap-tinh",
    "04-du-toan-kinh-phi",
    "05-phan-cong",
    "06-bao-cao-ket-qua",
)


# the printed documents (a module fixture) read once, on one xdist worker
pytestmark = pytest.mark.xdist_group("document-form")


@pytest.fixture(scope="module")
def printed(demo_folder) -> dict[str, Path]:
    require_soffice()
    reports = folders.DOCUMENTS.beside(demo_folder / "ocop_master.xlsm")
    found = {name: reports / f"{name}.pdf" for name in DOCUMENTS}
    assert all(p.is_file() for p in found.values()), sorted(reports.iterdir())
    return found


def _lines(page) -> list[tuple[float, str, list[dict]]]:
    """The text of a page by line (top, text, chars), top to bottom."""
    rows: dict[int, list[dict]] = {}
    for ch in page.chars:
        rows.setdefault(round(ch["top"]), []).append(ch)
    out = []
    for top in sorted(rows):
        chars = sorted(rows[top], key=lambda c: c["x0"])
        out.append((top, "".join(c["text"] for c in chars), chars))
    return out


def _find(page, text: str) -> list[dict]:
    """The characters of the first line holding ``text``, ``text``'s own ones (spaces
    aside: a PDF need not have them as characters)."""
    wanted = "".join(text.split())
    for _, _, chars in _lines(page):
        letters = [c for c in chars if c["text"].strip()]
        start = "".join(c["text"] for c in letters).find(wanted)
        if start >= 0:
            return letters[start : start + len(wanted)]
    raise AssertionError(f"{text!r} not on the page")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a4_with_the_decree_margins_and_page_numbers_on_every_page(printed, name):
    with pdfplumber.open(printed[name]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            size = sorted((round(page.width, 1), round(page.height, 1)))
            assert size == sorted(A4), (name, number, size)
            footer = [c for c in page.chars if c["top"] > page.height - 20 * MM]
            header = [c for c in page.chars if c["bottom"] < 20 * MM]
            body = [c for c in page.chars if c not in footer and c not in header]
            assert body
            left = min(c["x0"] for c in body)
            right = page.width - max(c["x1"] for c in body)
            # left margin 30-35 mm, right 15-20 mm (text stands a little inside its cell)
            assert 30 * MM - 1 <= left <= 40 * MM, (name, number, left / MM)
            assert right >= 15 * MM - 1, (name, number, right / MM)
            top = min(c["top"] for c in body)
            bottom = page.height - max(c["bottom"] for c in body)
            assert top >= 20 * MM - 1 and bottom >= 20 * MM - 1, (name, number)
            # the table's borders keep inside the margins too
            for edge in page.edges:
                assert edge["x0"] >= 30 * MM - 1 and edge["x1"] <= page.width - 15 * MM + 1
            # "Trang x/y", whole, inside the page below the text
            text = "".join(c["text"] for c in footer)
            assert f"Trang {number}/{len(pdf.pages)}" in text, (name, number, text)
            assert all(c["bottom"] <= page.height - 5 * MM for c in footer)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_printed_at_full_size_body_13_to_14_points(printed, name):
    with pdfplumber.open(printed[name]) as pdf:
        sizes = [round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()]
        first = pdf.pages[0]
        # the page is not scaled: the national name is set at exactly 13 pt, the motto 14
        assert {round(c["size"], 1) for c in _find(first, "CỘNG HÒA")} == {13.0}
        assert {round(c["size"], 1) for c in _find(first, "Độc lập")} == {14.0}
    rule_pt = 6.0  # the short rules: underscores in small type
    letters = [s for s in sizes if s != rule_pt]
    assert min(letters) >= 11.0, name  # the smallest: the "Nơi nhận" list, 11 pt
    big = sum(s >= 13.0 for s in letters) / len(letters)
    small = sum(s < 12.0 for s in letters) / len(letters)
    assert big > 0.6 and small < 0.05, (name, big, small)


def _rule_below(page, text: str) -> tuple[float, float, float, float]:
    """(centre of the line(s) holding ``text``, their width, centre of the rule just below
    them, the rule's width). A name that wraps is taken whole, over its lines."""
    chars = _find(page, text)
    x0, x1 = chars[0]["x0"], chars[-1]["x1"]
    lines = [c for c in page.chars if c["text"].strip() and c["text"] != "_"]
    block = [
        c
        for c in lines
        if c["top"] >= chars[0]["top"] - 1
        and c["top"] <= chars[0]["top"] + 60
        and c["x0"] > x0 - 40
        and c["x1"] < x1 + 40
        and abs(c["size"] - chars[0]["size"]) < 0.1
        and ("Bold" in c["fontname"]) == ("Bold" in chars[0]["fontname"])
    ]
    rows: dict[int, list[dict]] = {}
    for c in block:
        rows.setdefault(round(c["top"]), []).append(c)
    kept, bottom = [], None
    for top in sorted(rows):  # the name's own lines: each right below the one before
        if bottom is not None and top > bottom + 4:
            break
        kept += rows[top]
        bottom = max(c["bottom"] for c in rows[top])
    x0, x1 = min(c["x0"] for c in kept), max(c["x1"] for c in kept)
    below = [
        c
        for c in page.chars
        if c["text"] == "_" and bottom - 6 <= c["top"] <= bottom + 14 and x0 - 60 < c["x0"] < x1
    ]
    assert below, f"no rule below {text!r}"
    r0, r1 = min(c["x0"] for c in below), max(c["x1"] for c in below)
    return (x0 + x1) / 2, x1 - x0, (r0 + r1) / 2, r1 - r0


@pytest.mark.parametrize("name", DOCUMENTS)
def test_short_rules_under_the_motto_and_the_issuing_body(printed, name):
    with pdfplumber.open(printed[name]) as pdf:
        page = pdf.pages[0]
        centre, width, rule_centre, rule = _rule_below(page, "Độc lập - Tự do - Hạnh phúc")
        assert abs(centre - rule_centre) < 3 * MM
        assert 0.85 * width <= rule <= 1.15 * width  # as long as the motto
        body = {
            "02-bien-ban": "HỘI ĐỒNG ĐÁNH",
            "03-danh-sach-de-nghi-cap-tinh": "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ",
            "05-phan-cong": "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ",
        }.get(name, "PHÒNG NÔNG NGHIỆP VÀ PTNT")
        centre, width, rule_centre, rule = _rule_below(page, body)
        assert abs(centre - rule_centre) < 3 * MM
        assert rule < width  # a short rule, shorter than the body's name


def _text(pdf) -> list[str]:
    return ["\n".join(line for _, line, _ in _lines(p)) for p in pdf.pages]


def test_number_recipients_and_signature_blocks(printed):
    with pdfplumber.open(printed["06-bao-cao-ket-qua"]) as pdf:
        pages = _text(pdf)
        assert "Số:" in pages[0] and "/BC-" in pages[0]
        last = pdf.pages[-1]
        assert "Nơi nhận:" in pages[-1] and "- Lưu: VT." in pages[-1]
        title = _find(last, "TRƯỞNG PHÒNG")
        name = _find(last, "Trần Thị Hoa (mẫu)")
        assert name[0]["top"] - title[0]["bottom"] > 40  # room to sign between them
        recipients = _find(last, "Nơi nhận:")
        assert recipients[0]["x0"] < title[0]["x0"]  # on the left, the signature right
        assert {round(c["size"]) for c in recipients} == {12}
    with pdfplumber.open(printed["02-bien-ban"]) as pdf:
        pages = _text(pdf)
        assert "Số:" in pages[0] and "/BB-HĐ" in pages[0]
        assert "THƯ KÝ HỘI ĐỒNG" in pages[-1] and "Ngô Thị Quỳnh (mẫu)" in pages[-1]
    with pdfplumber.open(printed["04-du-toan-kinh-phi"]) as pdf:
        pages = _text(pdf)
        for text in ("NGƯỜI LẬP BIỂU", "Ngô Thị Quỳnh (mẫu)", "TRƯỞNG PHÒNG", "Trần Thị Hoa"):
            assert text in pages[-1], text


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_signatures_page_carries_rows_of_the_table(printed, name):
    """Never "Tổng cộng" and the signatures alone on a page: the last page holds the
    table's header and at least two of its rows above them."""
    with pdfplumber.open(printed[name]) as pdf:
        if len(pdf.pages) == 1:
            return
        last = pdf.pages[-1]
        rules = sorted(
            {round(e["top"]) for e in last.edges if e["orientation"] == "h" and e["width"] > 80}
        )
        assert len(rules) >= 4, (name, rules)  # header top and bottom, two rows at least


def test_page_starts_keep_the_last_rows_with_the_total_and_signatures():
    # a title block, a header row, 30 rows that just fill a page, the total, signatures
    heights = [100.0, 30.0] + [20.0] * 30 + [20.0, 10.0] + [20.0] * 6
    kinds = ["head", "thead"] + ["body"] * 30 + ["total", "sign"] + ["sign"] * 6
    room = 100 + 30 + 20 * 30  # the body fills the first page exactly
    starts = page_starts(heights, kinds, 1, room)
    assert starts == [30]  # rows 29 and 30 go with the total and the signatures
    assert kinds[starts[-1]] == "body"
    # a short document: one page, no break
    assert page_starts([50.0, 20.0, 20.0, 20.0], ["head", "thead", "body", "sign"], 1, 500) == []


def test_communes_in_the_commune_list_order(demo_folder):
    book = load_workbook(demo_folder / "ocop_master.xlsm", read_only=True)
    communes = [r[1] for r in book["Danh mục xã"].iter_rows(min_row=2, values_only=True) if r[1]]
    rank = {name: i for i, name in enumerate(communes)}

    def in_order(names: list[str]) -> bool:
        seq = [rank[n] for n in names]
        return seq == sorted(seq) and len(set(names)) > 2

    results = list(book["Kết quả"].iter_rows(min_row=2, values_only=True))
    assert in_order([r[3] for r in results if r[0]])
    stats = [r[0] for r in book["Thống kê kết quả"].iter_rows(min_row=15, values_only=True)]
    assert in_order([s for s in stats if s in rank])
    listed = []
    for row in book["Danh sách đề nghị cấp tỉnh"].iter_rows(values_only=True):
        if isinstance(row[0], int) and row[4] in rank:
            listed.append(row[4])
    assert in_order(listed), listed
