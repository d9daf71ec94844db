"""The demo's budget step: sample lines with one over-allocated source and one line funded
twice, both reported on Kiểm tra and in the report."""

from ocop_xl.demo import STEPS, council, plan, submissions
from ocop_xl.demo.budget import MAX_PRODUCTS, SAMPLE
from ocop_xl.demo.context import DemoContext

from ..budget_support import read, write_registrations


def _step():
    return dict(STEPS)["budget"]


def _products(count):
    communes = ["ha-ky", "dai-son", "tt-tu-ky", "hung-dao", "an-thanh"]
    return [
        {
            "product_id": f"TK-{i:02d}",
            "commune_code": communes[i % len(communes)],
            "product_name": f"Sản phẩm mẫu {i}",
            "support": "CBCL, BAOBI",
        }
        for i in range(1, count + 1)
    ]


def test_budget_step_runs_after_submissions_and_council_and_before_plan():
    names = [name for name, _ in STEPS]
    position = names.index("budget")
    assert position > names.index("check-config")
    for name, _ in submissions.STEPS + council.STEPS:
        assert names.index(name) < position, name
    for name, _ in plan.STEPS:
        assert names.index(name) > position, name


def test_demo_budget_with_twenty_registered_products(master):
    assert master.name == "ocop_master.xlsx"
    write_registrations(master, _products(20))
    result = _step()(DemoContext(master.parent))

    assert sorted(i.code for i in result.errors) == ["BUDGET_DOUBLE_FUNDING", "BUDGET_SOURCE_OVER"]
    assert result.warnings == []
    over = next(i for i in result.errors if i.code == "BUDGET_SOURCE_OVER")
    assert over.params["source"] == "LG" and over.location.sheet == "Nguồn vốn"
    double = next(i for i in result.errors if i.code == "BUDGET_DOUBLE_FUNDING")
    assert double.params["product"] == "TK-01" and double.location.sheet == "Kinh phí"
    report = result.to_json()
    assert {s["code"]: s["status"] for s in report["sources"]}["LG"] == "over"
    assert report["counts"]["lines"] == 2 * 20 + 1 + 5
    assert report["counts"]["products"] == 20

    lines = read(master, "budget_lines")
    assert all(str(d).startswith(SAMPLE) for d in lines["description"])
    checks = read(master, "issues")
    mine = checks[checks["action"] == "Tổng hợp kinh phí"]
    assert sorted(mine["code"]) == ["BUDGET_DOUBLE_FUNDING", "BUDGET_SOURCE_OVER"]
    log = read(master, "audit")
    assert log.iloc[-1]["command"] == "budget"


def test_demo_budget_caps_the_sample_lines(master):
    write_registrations(master, _products(MAX_PRODUCTS + 10))
    result = _step()(DemoContext(master.parent))
    assert sorted(i.code for i in result.errors) == ["BUDGET_DOUBLE_FUNDING", "BUDGET_SOURCE_OVER"]
    assert result.to_json()["counts"]["products"] == MAX_PRODUCTS


def test_demo_budget_with_no_registrations_still_shows_the_over_allocation(master):
    result = _step()(DemoContext(master.parent))
    assert [i.code for i in result.issues] == ["BUDGET_SOURCE_OVER"]
    lines = read(master, "budget_lines")
    assert set(lines["product_id"]) == {"hoạt động chung"}
    checks = read(master, "issues")
    assert "BUDGET_SOURCE_OVER" in set(checks["code"])
