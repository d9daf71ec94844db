"""The race the office hit: `report --pdf` and `consolidate` started 0.8 s apart on the
demo's master. Both run, one after the other, and the master keeps both results."""

import time

from ..conftest import require_soffice
from ..saving_support import audit_actions, cli_env, leftovers, ocop, ocop_started, product_ids


def test_report_and_consolidate_started_together_both_keep_their_results(tmp_path):
    require_soffice()
    demo = tmp_path / "demo"
    made = ocop("demo", "--out", demo)
    assert made.returncode == 0, made.stderr
    master = demo / "ocop_master.xlsm"
    registered = product_ids(master)
    logged = audit_actions(master)
    assert registered  # the demo consolidated the communes' files

    env = cli_env(OCOP_XL_LOCK_WAIT="300")  # long enough for the PDF export to finish
    report = ocop_started("report", "--pdf", "--workbook", master, env=env)
    time.sleep(0.8)
    consolidate = ocop_started("consolidate", "--workbook", master, env=env)
    for process in (report, consolidate):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err

    after = audit_actions(master)
    assert after[: len(logged)] == logged
    assert sorted(after[len(logged) :]) == ["consolidate", "report"]  # no lost update
    assert product_ids(master) == registered  # the registrations are all there
    assert leftovers(demo) == []
    assert len(list((demo / "sao-luu").iterdir())) == 5
