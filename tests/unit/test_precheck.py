"""The commune pre-check rule and the merge of the communes' assessments into Kiểm tra của xã."""

from ocop_xl.domain.issues import Location
from ocop_xl.domain.precheck import (
    FAIL,
    PASS,
    CommunePrecheck,
    PrecheckSource,
    assess,
    merge_prechecks,
)
from ocop_xl.domain.scoring import Product, Row, check_precheck_rows

ALL = {"origin": PASS, "labour": PASS, "idea": PASS, "identity": PASS}


def test_each_content_is_dat_or_khong_dat_accents_and_case_aside():
    verdict = assess(
        {"origin": "dat", "labour": "KHÔNG ĐẠT", "idea": " Đạt ", "identity": "đạt"}.get
    )
    assert verdict.values == {"origin": PASS, "labour": FAIL, "idea": PASS, "identity": PASS}
    assert verdict.failed == ("sử dụng lao động địa phương",)
    assert verdict.passed is False and verdict.complete

    waiting = assess({"origin": "Đạt", "labour": "tốt", "idea": None, "identity": "Đạt"}.get)
    assert waiting.passed is None and not waiting.blank
    assert waiting.problems == (
        ("labour", "PRECHECK_INVALID", "tốt"),
        ("idea", "PRECHECK_BLANK", ""),
    )
    assert assess({}.get).blank and assess(ALL.get).passed is True
    # a cell reported otherwise (a formula without a value) raises no second problem
    assert assess({**ALL, "idea": None}.get, skip={"idea"}).problems == ()


def test_scoring_reads_kiem_tra_cua_xa_with_the_same_rule():
    products = [Product("A-1", name="A"), Product("A-2", name="B"), Product("A-3", name="C")]
    rows = [
        Row({"product_id": "a-1", **ALL}),
        Row({"product_id": "A-2", **ALL, "identity": "không đạt"}),
        Row({"product_id": "A-3", **ALL, "labour": ""}),
        Row({"product_id": "A-9", **ALL}),
    ]
    book = check_precheck_rows(rows, products)
    assert book.passed == {"A-1": True, "A-2": False}
    assert book.failed_contents == {"A-2": ("bản sắc, trí tuệ địa phương",)}
    assert [i.code for i in book.issues] == ["PRECHECK_BLANK", "PRECHECK_PRODUCT_UNKNOWN"]


def _source(pid, commune="xa-a", **verdicts):
    check = CommunePrecheck(assess({**ALL, **verdicts}.get), "5/BC", Location("f.xlsx", "S", "Q5"))
    return PrecheckSource(pid, commune, "Xã A", f"ho-so/{commune}.xlsx", check)


def test_program_rows_of_communes_read_again_are_replaced_and_the_offices_stay():
    existing = [
        (2, {"product_id": "xa-a-1", **ALL, "source": "ho-so/xa-a.xlsx", "note": "của phòng"}),
        (3, {"product_id": "xa-a-2", **ALL, "source": "ho-so/xa-a.xlsx"}),  # withdrawn
        (4, {"product_id": "xa-b-1", **ALL, "source": "ho-so/xa-b.xlsx"}),  # not read again
        (5, {"product_id": "xa-a-3", **ALL, "labour": FAIL, "source": "báo cáo giấy"}),
        (6, {"product_id": None, "note": "dòng ghi chú"}),
    ]
    merge = merge_prechecks(
        existing,
        [_source("xa-a-1", idea=FAIL), _source("xa-a-3"), _source("xa-a-4")],
        replaced={"xa-a"},
        known_files={"ho-so/xa-a.xlsx", "ho-so/xa-b.xlsx"},
        communes={},
        master_cell=lambda row, key: Location("m.xlsx", "Kiểm tra của xã", f"A{row}"),
    )
    by_row = {row: values for row, values in merge.rows}
    assert list(by_row) == [4, 5, 6, 2, None]
    assert by_row[2]["idea"] == FAIL and by_row[2]["note"] == "của phòng"
    assert by_row[5]["labour"] == FAIL  # "báo cáo giấy" is no file ocop_xl read: the office's
    assert by_row[None]["product_id"] == "xa-a-4" and by_row[None]["report"] == "5/BC"
    assert (merge.written, merge.kept_typed) == (2, 1)
    (kept,) = merge.issues
    assert kept.code == "PRECHECK_KEPT_TYPED" and kept.params["master_cell"] == "A5"
    assert kept.location.cell == "Q5"


def test_an_office_row_that_says_the_same_raises_nothing():
    existing = [(2, {"product_id": "XA-A-1", **ALL, "report": "5/BC"})]
    merge = merge_prechecks(
        existing,
        [_source("xa-a-1")],
        {"xa-a"},
        set(),
        {},
        lambda row, key: Location(),
    )
    assert merge.issues == [] and merge.kept_typed == 1 and merge.written == 0
