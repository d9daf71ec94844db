"""ocop-xl report as a user runs it: one file per document, a clear word without LibreOffice."""

import json
import os

from .test_tasks_cli import ocop


def test_report_exports_the_documents_it_has(master, tmp_path):
    out, report = tmp_path / "bao-cao", tmp_path / "report.json"
    done = ocop("report", "--workbook", str(master), "--out", str(out), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert "chưa có dữ liệu" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [d["status"] for d in data["documents"]] == [
        "no_data",
        "no_data",
        "no_data",
        "no_data",
        "exported",
        "exported",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["05-phan-cong.xlsx", "06-bao-cao-ket-qua.xlsx"]


def test_pdf_without_libreoffice_says_so_in_vietnamese(master, tmp_path):
    env = {**os.environ, "OCOP_XL_SOFFICE": str(tmp_path / "khong-co" / "soffice")}
    out = tmp_path / "bao-cao"
    done = ocop("report", "--workbook", str(master), "--out", str(out), "--pdf", env=env)
    assert done.returncode == 0, done.stderr
    assert "LIBREOFFICE_MISSING" in done.stdout
    assert "Không tìm thấy LibreOffice" in " ".join(done.stdout.split())
    assert not list(out.glob("*.pdf")) and len(list(out.glob("*.xlsx"))) == 2


def test_report_without_out_writes_beside_the_master_as_the_button_does(master):
    done = ocop("report", "--workbook", str(master))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (master.parent / "bao-cao").iterdir())
    assert written == ["05-phan-cong.xlsx", "06-bao-cao-ket-qua.xlsx"]
