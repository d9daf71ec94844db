"""The post-2025 demo end to end: commune pre-check (from the communes' files), province
scoring, the draft recognition decision with certificate numbers, the list to the Ministry;
read back from the master."""

from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

from ..cli_support import ocop_in_process


def test_demo_qd_1489_runs_the_province_route(tmp_path):
    out = tmp_path / "demo"
    done = ocop_in_process("demo", "--qd-1489", "--out", str(out))
    assert done.returncode == 0, done.stderr
    wb = FileWorkbook.open(out / "ocop_master.xlsm", writable=False)
    # the communes' assessments came with their files, into Kiểm tra của xã
    registered = wb.read_table("registrations").set_index("product_name")["product_id"]
    prechecks = wb.read_table("precheck").set_index("product_id")
    assert len(prechecks) == len(registered) == 8
    assert set(prechecks["source"].str.startswith("ho-so-xa/dang-ky-ocop-2025-")) == {True}
    assert prechecks.at[registered["Chổi chít (mẫu)"], "labour"] == "Không đạt"
    assert prechecks.at[registered["Chè xanh (mẫu)"], "report"].startswith("10/BC-UBND")
    results = wb.read_table("results").set_index("product_name")
    # ≥90 goes to the Ministry; 3-4 stars are recognised by the city; a failed commune
    # pre-check is not eligible; a failed 4★ requirement caps at 3★ (recognised)
    assert results.at["Nước mắm cốt (mẫu)", "forwarded"] == "Có"
    assert "Bộ Nông nghiệp và Môi trường" in results.at["Nước mắm cốt (mẫu)", "outcome"]
    assert results.at["Chè xanh (mẫu)", "recognised"] == "Có"
    assert results.at["Chổi chít (mẫu)", "recognised"] == "Không"
    assert "PRECHECK_FAILED" in results.at["Chổi chít (mẫu)", "flag_codes"]
    assert results.at["Bánh đa cua (mẫu)", "star"] == 3
    assert results.at["Rượu nếp (mẫu)", "star"] == 4  # 91 points, export requirement failed
    certificates = wb.read_table("certificates")
    assert len(certificates) == 5 and certificates["number"].is_unique
    assert set(certificates["number"].str.endswith("/GCN-OCOP-HP/2025")) == {True}
    from openpyxl import load_workbook

    book = load_workbook(out / "ocop_master.xlsm")
    decision = [
        c
        for row in book[MASTER.document("decision").sheet].iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]
    assert "QUYẾT ĐỊNH" in decision and any("Công nhận 5 sản phẩm" in t for t in decision)
    listed = [
        c
        for row in book[MASTER.document("recognition_list").sheet].iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]
    assert "001/GCN-OCOP-HP/2025" in listed
    upward = [
        c
        for row in book[MASTER.document("province_list").sheet].iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]
    assert any("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in t for t in upward)
    assert "Nước mắm cốt (mẫu)" in upward and "Chè xanh (mẫu)" not in upward
