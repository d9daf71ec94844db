"""The council's demo step on sample products, and its minutes printed by LibreOffice."""

import subprocess

import pytest
from openpyxl import load_workbook

from ocop_xl.demo import council
from ocop_xl.demo.context import DemoContext
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice, require_tool
from ..council_support import product, set_products, table

COMMUNES = (
    ("ha-ky", "Hà Kỳ"),
    ("dai-son", "Đại Sơn"),
    ("tan-ky", "Tân Kỳ"),
    ("minh-duc", "Minh Đức"),
)
GROUPS = ("I.3.b", "II.1.a", "I.2.b", "I.4.a", "IV.1")


def sample_products(n=20):
    return [
        product(
            f"TK-{i:03d}",
            commune_code=COMMUNES[i % 4][0],
            commune=COMMUNES[i % 4][1],
            product_name=f"Sản phẩm mẫu số {i}",
            group_code=GROUPS[i % 5],
            producer=f"Hợp tác xã mẫu {i}",
            kind="Nâng hạng sao" if i == 6 else "Sản phẩm mới",
            current_stars=3 if i == 6 else None,
        )
        for i in range(1, n + 1)
    ]


def run_council_steps(ctx):
    return {name: step(ctx) for name, step in council.STEPS}


@pytest.fixture
def demo(tmp_path, master):
    """A demo folder whose master already holds the consolidated sample products."""
    ctx = DemoContext(tmp_path)
    assert ctx.master == master
    set_products(master, sample_products())
    return ctx, run_council_steps(ctx)


def test_the_sample_council_is_written_and_marked_as_sample(demo):
    ctx, _ = demo
    members = table(ctx.master, "council")
    assert len(members) == 8
    assert all("(mẫu)" in name for name in members["name"])
    assert all("số liệu mẫu" in unit for unit in members["unit"])
    assert list(members["role"]).count("Thư ký") == 1


def test_the_demo_scores_with_a_spread_a_recusal_and_both_sides_of_fifty(demo):
    _, outcomes = demo
    sheets, scored = outcomes["score-sheets"], outcomes["score"]
    assert sheets.counts["workbooks"] == 6  # seven score, one is absent
    assert scored.ok and scored.errors == []
    report = scored.to_json()
    results = report["results"]
    assert len(results) == 20
    spread = [r for r in results if "SPREAD_ABOVE_LIMIT" in r["flags"]]
    assert len(spread) == 1 and spread[0]["spread"] > 10
    recused = [r for r in results if r["recused"]]
    assert len(recused) == 1 and recused[0]["members_counted"] == 5
    assert any(r["forwarded"] for r in results)
    assert any(r["mean"] < 50 for r in results)
    assert report["files"][0]["member"] == "Trần Thị Hoa (mẫu)"  # the returned workbook
    assert all(len(r["members"]) >= 5 for r in results)


def test_the_demo_is_deterministic(demo):
    ctx, outcomes = demo
    again = run_council_steps(ctx)["score"].to_json()["results"]
    assert again == outcomes["score"].to_json()["results"]


def test_the_minutes_print_on_a4_through_libreoffice(demo, tmp_path):
    require_soffice()
    ctx, _ = demo
    only = tmp_path / "bien-ban.xlsx"
    book = load_workbook(ctx.master)
    for name in book.sheetnames:
        if name not in {"Biên bản", "Danh sách đề nghị cấp tỉnh"}:
            del book[name]
    book.save(only)
    pdf = convert(only, "pdf", tmp_path / "pdf")
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "pts (A4)" in info
    text = " ".join(text.split())  # 13-14 pt on A4: long lines wrap (issue 14, point 7)
    assert "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Có mặt 6/7 thành viên chấm điểm" in text
    assert "Bùi Văn Nam (mẫu) không chấm sản phẩm" in text
    assert "THƯ KÝ HỘI ĐỒNG" in text and "Ngô Thị Quỳnh (mẫu)" in text
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and "Nguyễn Văn Thành (mẫu)" in text
    assert "DANH SÁCH SẢN PHẨM ĐỀ NGHỊ CẤP TỈNH" in text
    assert "Trang 1/" in text


def test_with_no_products_the_step_writes_the_council_and_scores_nothing(tmp_path, master):
    ctx = DemoContext(tmp_path)  # the master fixture: a fresh master, Đăng ký empty
    outcomes = run_council_steps(ctx)
    assert outcomes["score-sheets"].counts["workbooks"] == 0
    assert outcomes["score"].counts["products"] == 0
    assert outcomes["score"].ok
    assert len(table(ctx.master, "council")) == 8
    assert not (tmp_path / "phieu-cham").exists() or not any((tmp_path / "phieu-cham").iterdir())
