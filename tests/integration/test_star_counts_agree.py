"""One star count everywhere: a product sent back for re-scoring has no star yet, and Kết
quả, Thống kê kết quả, the minutes' text and the minutes' table agree on how many products
reached 3 stars or more."""

import re

from openpyxl import load_workbook

from ocop_xl.demo.context import DemoContext

from ..council_support import set_products, table
from .test_council_demo import run_council_steps, sample_products


def _minutes_stars(master) -> list[str]:
    """The Hạng sao column of the minutes' table, as printed."""
    ws = load_workbook(master)["Biên bản"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if "Hạng sao" in r)
    col = rows[header].index("Hạng sao")
    out = []
    for r in rows[header + 1 :]:
        if not isinstance(r[0], int):  # the table ends where the numbering does
            break
        out.append(r[col] or "")
    return out


def test_a_product_awaiting_rescoring_has_no_star_and_every_count_agrees(tmp_path, master):
    ctx = DemoContext(tmp_path)
    set_products(master, sample_products())
    outcomes = run_council_steps(ctx)

    results = table(master, "results")
    spread = results[results["flag_codes"].fillna("").str.contains("SPREAD_ABOVE_LIMIT")]
    assert len(spread) == 1
    assert spread["mean"].notna().all() and spread["star"].isna().all()  # scored, no star yet
    rated = results["star"].dropna().astype(int)
    three_up = int((rated >= 3).sum())
    assert three_up > 0

    stars = table(master, "star_stats").set_index("star_label")["products"]
    assert int(sum(stars.get(f"{s} sao", 0) for s in (3, 4, 5))) == three_up
    assert int(stars.get("Chưa có hạng", 0)) >= 1  # the product awaiting re-scoring
    assert int(table(master, "commune_stats")["three_up"].sum()) == three_up
    assert outcomes["score"].counts["three_stars_up"] == three_up

    printed = _minutes_stars(master)
    assert len(printed) == len(results)
    assert sum(1 for s in printed if re.fullmatch(r"[345] sao", s)) == three_up
    said = " ".join(
        str(c)
        for row in load_workbook(master)["Biên bản"].iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    )
    assert f"{three_up} sản phẩm đạt từ 3 sao trở lên" in said
