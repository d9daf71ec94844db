"""The user guide: generated parts in step with the program, every ribbon button in the
button table, every message in the appendix, every picture a chapter shows made by the
build, and the sheets named in the table exist in a master."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_xl.domain.catalog import MESSAGES
from release import guide

from ..cli_support import ocop_in_process

ROOT = Path(__file__).resolve().parents[2]


# the guide's pictures (a module fixture) made once, on one xdist worker
pytestmark = pytest.mark.xdist_group("guide")


def test_generated_parts_are_up_to_date():
    assert guide.stale_generated() == [], "run make guide and commit docs/huong-dan/"


def test_every_ribbon_button_is_in_the_button_table():
    table = (guide.GUIDE / guide.BUTTONS_FILE).read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "ocop-xl" in line]
    buttons = guide._buttons()
    assert len(buttons) >= 12
    for button in buttons:
        assert any(
            f"**{button.label}**" in row and f"`ocop-xl {button.tag}`" in row for row in rows
        ), button.label
    svg = (guide.GUIDE / guide.RIBBON_FILE).read_text(encoding="utf-8")
    for button in buttons:
        for word in button.label.split():
            assert word in svg
        assert button.image in svg


def test_every_button_names_the_sheets_it_writes():
    assert {b.tag for b in guide._buttons()} <= set(guide.SHEETS_OF)


def test_sheets_of_the_table_exist_in_a_master(tmp_path):
    master = tmp_path / "m.xlsx"
    done = ocop_in_process("new-master", "--out", master)
    assert done.returncode == 0, done.stderr
    sheets = set(load_workbook(master, read_only=True).sheetnames)
    named = {
        s.strip()
        for text in guide.SHEETS_OF.values()
        for s in text.split(",")
        if not s.strip().startswith("–")
    }
    documents = {"Biên bản", "Danh sách đề nghị cấp tỉnh", "Dự toán kinh phí", "Báo cáo kết quả"}
    assert named - documents <= sheets, named - documents - sheets


def test_every_message_is_explained():
    text = (guide.GUIDE / guide.MESSAGES_FILE).read_text(encoding="utf-8")
    for code in MESSAGES:
        if not code.startswith("OS_"):
            row = next(line for line in text.splitlines() if line.startswith(f"| `{code}` |"))
            assert row.rstrip("|").split("|")[-1].strip(), code


def test_chapters_cover_the_year():
    titles = [
        (guide.GUIDE / name).read_text(encoding="utf-8").splitlines()[0] for name in guide.CHAPTERS
    ]
    for words in ("Cài đặt", "Cấu hình", "Hồ sơ của xã", "Hội đồng", "Kinh phí", "Kế hoạch",
                  "In báo cáo", "Sao lưu và khắc phục sự cố"):  # fmt: skip
        assert any(words in t for t in titles), words
    folders_named = re.findall(r"`([a-z-]+)`", " ".join(
        (guide.GUIDE / n).read_text(encoding="utf-8") for n in guide.CHAPTERS
    ))  # fmt: skip
    from ocop_xl.workbook.folders import NAMES

    old_names = {"mau-dang-ky", "communes", "phieu-cham-diem"}
    assert not (set(folders_named) & old_names)
    assert {"mau-xa", "ho-so-xa", "bao-cao", "sao-luu"} <= set(folders_named) | NAMES


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> Path:
    """The pictures as make guide places them; made here when it has not run."""
    if guide.PICTURES.is_dir() and any(guide.PICTURES.glob("*.png")):
        return guide.PICTURES
    folder = tmp_path_factory.mktemp("guide")
    guide.make_pictures(folder / "work", folder / "hinh")
    return folder / "hinh"


@pytest.mark.libreoffice
def test_every_picture_the_guide_shows_is_made(pictures):
    references = guide.referenced_pictures()
    shown = [ref for refs in references.values() for ref in refs]
    assert len([r for r in shown if r.startswith("hinh/")]) >= 20
    for chapter, refs in references.items():
        for ref in refs:
            if ref.startswith("hinh/"):
                assert (pictures / ref.removeprefix("hinh/")).is_file(), f"{chapter}: {ref}"
            else:
                assert (guide.GUIDE / ref).is_file(), f"{chapter}: {ref}"
    # every chapter of the year shows at least one real sheet or document
    for chapter in guide.CHAPTERS[2:9]:
        assert any(r.startswith("hinh/") for r in references[chapter]), chapter


def test_stable_picture_names():
    assert guide.stable_name(Path("11-tong-hop-dang-ky-1.png")) == "tong-hop-dang-ky-1.png"
    assert guide.stable_name(Path("07-van-ban-02-bien-ban-02.png")) == "van-ban-02-bien-ban-2.png"
