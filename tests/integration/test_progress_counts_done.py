"""A target counts what was done: a Kinh phí line counts as support only when it is marked
done or paid, has money from a funding source and is for a product the council did not rate
below 3 stars; the printed report says so beside each figure."""

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.workbook.file_workbook import FileWorkbook

from .. import plan_samples as samples


def _report_rows(path) -> dict[str, list]:
    """The progress report's table rows on its sheet, by target title."""
    ws = load_workbook(path)["Báo cáo kết quả"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "TT")
    rows = {}
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], int):
            rows[row[1]] = dict(zip(header, row, strict=False))
    return rows


def test_planned_unfunded_and_failed_products_are_not_support_given(master):
    samples.fill(master, "registrations", "results", "budget_lines")
    result = run_action("progress", FileWorkbook.open(master))
    actual = {t["code"]: (t["actual"], t["status"]) for t in result.data["targets"]}
    # six packaging lines done or paid; the planned line, the line with 0 đồng from every
    # source, the 2-star product's line and the unreadable one are not support given
    assert actual["BAOBI"] == (samples.PACKAGING_SUPPORTED, "Chưa đạt")
    assert actual["HOSOCL"] == (samples.QUALITY_SUPPORTED, "Chưa đạt")

    rows = _report_rows(master)
    packaging = rows["Sản phẩm được hỗ trợ bao bì, nhãn mác"]
    assert packaging["Thực hiện"] == samples.PACKAGING_SUPPORTED
    basis = packaging["Cách tính số thực hiện"]
    assert "BAOBI" in basis and "đã thực hiện hoặc đã thanh toán, có kinh phí" in basis
    assert "không tính sản phẩm xếp dưới 3 sao" in basis
    forwarded = rows["Sản phẩm đề nghị công nhận đạt 3 sao trở lên"]
    assert forwarded["Cách tính số thực hiện"].startswith("Số sản phẩm đạt từ 3 sao trở lên")


def test_a_line_for_a_product_not_in_dang_ky_is_not_support(master):
    samples.fill(master, "results", "budget_lines")
    wb = FileWorkbook.open(master)
    regs = samples.registrations()
    wb.write_table("registrations", regs[regs["product_id"] != "HATHANH-01"])
    wb.commit()
    result = run_action("progress", FileWorkbook.open(master))
    actual = {t["code"]: t["actual"] for t in result.data["targets"]}
    assert actual["BAOBI"] == samples.PACKAGING_SUPPORTED - 1
