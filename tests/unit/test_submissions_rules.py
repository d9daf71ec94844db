"""The checks of one commune file and of many together, on rows built in code."""

from datetime import date

import pytest

from ocop_xl.domain.submissions import Rules, SourceSheet, check_file, consolidate
from ocop_xl.domain.submissions.model import Product
from ocop_xl.domain.submissions.vocab import FIELDS, TEMPLATE_ID
from ocop_xl.profiles import criteria_set

TODAY = date(2023, 6, 1)
LETTERS = {key: chr(ord("A") + i) for i, key in enumerate(FIELDS)}
LABELS = {key: key.replace("_", " ") for key in FIELDS}
META = {
    "template_id": TEMPLATE_ID,
    "template_version": "1",
    "profile_id": "tu-ky-2023",
    "year": "2023",
    "commune_code": "ha-ky",
}


@pytest.fixture
def rules(tu_ky):
    return Rules.for_plan(tu_ky, criteria_set(tu_ky.criteria_set), TODAY)


def good(**changes):
    row = {
        "seq": 1,
        "commune": "Hà Kỳ",
        "product_name": "Mật ong hoa nhãn",
        "group_code": "I.2.b - Mật ong, mật khác và nông sản thực phẩm khác",
        "producer": "HTX Ong mật Hà Kỳ",
        "producer_type": "HTX",
        "tax_id": "0801234567",
        "representative": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
        "current_stars": None,
        "certificate_no": None,
        "certificate_date": None,
        "support": "CBCL, BAOBI",
        "notes": None,
    }
    row.update(changes)
    return row


def sheet(rows, *, meta=META, file="ha-ky.xlsx", letters=LETTERS, modified=0.0, start=5):
    return SourceSheet(
        file=file,
        sheet="Đăng ký sản phẩm",
        sha256="0" * 64,
        rows=tuple((start + i, r) for i, r in enumerate(rows)),
        letters=dict(letters),
        labels=LABELS,
        meta=dict(meta),
        modified=modified,
    )


def codes(outcome_or_issues):
    issues = getattr(outcome_or_issues, "issues", outcome_or_issues)
    return sorted(i.code for i in issues)


def test_a_clean_row_becomes_a_normalised_product(rules):
    out = check_file(sheet([good(producer_type="htx", phone="0912.345.678")]), rules)
    assert out.issues == []
    (p,) = out.products
    assert (p.commune_code, p.commune, p.group_code, p.group_name) == (
        "ha-ky",
        "Hà Kỳ",
        "I.2.b",
        "Mật ong, mật khác và nông sản thực phẩm khác",
    )
    assert (p.producer_type, p.phone, p.support, p.source_row) == (
        "HTX",
        "0912345678",
        "CBCL, BAOBI",
        5,
    )


def test_every_problem_of_a_row_is_reported_at_its_cell(rules):
    row = good(
        representative=None,
        phone="12345",
        tax_id="999",
        kind="nâng cấp",
        group_code="I.3",
        support="CBCL, XYZ",
    )
    out = check_file(sheet([row]), rules)
    assert codes(out) == [
        "GROUP_NOT_LEAF",
        "PHONE_FORMAT",
        "REQUIRED_MISSING",
        "SUPPORT_UNKNOWN",
        "TAX_ID_FORMAT",
        "VALUE_NOT_IN_LIST",
    ]
    cells = {i.code: i.location.cell for i in out.issues}
    assert cells["REQUIRED_MISSING"] == "H5" and cells["PHONE_FORMAT"] == "I5"
    assert out.products[0].errors == 6  # the row is still listed, with its count
    assert "Ô I5" in next(i for i in out.issues if i.code == "PHONE_FORMAT").message_vi


def test_a_row_without_product_name_is_left_out(rules):
    out = check_file(sheet([good(product_name=None)]), rules)
    assert codes(out) == ["PRODUCT_NAME_MISSING"] and out.products == []


def test_certificate_rules(rules):
    rows = [
        good(kind="nâng hạng sao"),  # no stars, number or date
        good(
            product_name="B",
            kind="nâng hạng sao",
            current_stars=5,
            certificate_no="1",
            certificate_date=date(2022, 1, 1),
        ),
        good(
            product_name="C",
            kind="đánh giá lại",
            current_stars="3 sao",
            certificate_no="2",
            certificate_date="01/07/2023",
        ),  # after TODAY
        good(
            product_name="D",
            kind="đánh giá lại",
            current_stars=4,
            certificate_no="3",
            certificate_date=44000.0,
        ),  # Excel serial: 19/06/2020, 36 months before 19/06/2023
        good(
            product_name="E",
            kind="đánh giá lại",
            current_stars=3,
            certificate_no="4",
            certificate_date="15/05/2020",
        ),  # expired 15/05/2023
        good(product_name="F", current_stars=3),  # stars on a product without certificate
        good(
            product_name="G",
            kind="đánh giá lại",
            current_stars=2,
            certificate_no="5",
            certificate_date="32/01/2022",
        ),
    ]
    out = check_file(sheet(rows), rules)
    by_row = {}
    for issue in out.issues:
        by_row.setdefault(issue.location.row, []).append(issue.code)
    assert sorted(by_row[5]) == ["REQUIRED_FOR_KIND"] * 3
    assert by_row[6] == ["UPGRADE_FROM_MAX_STARS"]
    assert by_row[7] == ["CERTIFICATE_DATE_FUTURE"]
    assert 8 not in by_row  # valid until 19/06/2023
    assert by_row[9] == ["CERTIFICATE_EXPIRED"]
    assert by_row[10] == ["STARS_NOT_EXPECTED"]
    assert by_row[11] == ["VALUE_INVALID", "VALUE_INVALID"]
    d = next(p for p in out.products if p.product_name == "D")
    assert d.certificate_date == date(2020, 6, 18) and d.current_stars == 4


def test_commune_of_the_rows_must_be_the_commune_of_the_file(rules):
    out = check_file(sheet([good(), good(product_name="B", commune="Xã Tân Kỳ")]), rules)
    assert codes(out) == ["COMMUNE_MISMATCH"]
    assert out.issues[0].location.cell == "B6"


def test_unknown_commune_in_the_metadata(rules):
    out = check_file(sheet([good()], meta={**META, "commune_code": "xa-la"}), rules)
    # The rows name Hà Kỳ, so the file is still placed, with an error about its metadata.
    assert codes(out) == ["COMMUNE_UNKNOWN"] and out.commune_code == "ha-ky"
    out = check_file(sheet([good(commune=None)], meta={**META, "commune_code": "xa-la"}), rules)
    assert codes(out) == ["COMMUNE_UNKNOWN"] and out.commune_code is None and out.products == []


def test_a_file_without_metadata_is_read_by_its_rows(rules):
    out = check_file(sheet([good()], meta={}), rules)
    assert codes(out) == ["TEMPLATE_META_MISSING"] and out.commune_code == "ha-ky"
    out = check_file(sheet([good(commune=None)], meta={}), rules)
    assert codes(out) == ["COMMUNE_MISSING", "TEMPLATE_META_MISSING"]


def test_template_version_and_plan(rules):
    meta = {**META, "template_version": "7", "year": "2022"}
    assert codes(check_file(sheet([good()], meta=meta), rules)) == [
        "TEMPLATE_OTHER_PLAN",
        "TEMPLATE_VERSION_UNKNOWN",
    ]


def test_missing_required_column_is_one_error_not_one_per_row(rules):
    letters = {k: v for k, v in LETTERS.items() if k != "phone"}
    rows = [{k: v for k, v in good(product_name=n).items() if k != "phone"} for n in "ABC"]
    assert codes(check_file(sheet(rows, letters=letters), rules)) == ["SUBMISSION_COLUMN_MISSING"]


def test_blank_rows_inside_the_table_are_flagged_once_per_run(rules):
    blank = {"seq": 2, "commune": "Hà Kỳ"}  # pre-filled by the template only
    rows = [good(), blank, dict(blank), good(product_name="B"), blank]
    out = check_file(sheet(rows), rules)
    assert codes(out) == ["BLANK_ROWS"]
    assert out.issues[0].location.row == 6 and out.issues[0].params["last"] == 7
    assert len(out.products) == 2


def test_an_empty_template_registers_nothing(rules):
    out = check_file(sheet([{"seq": 1, "commune": "Hà Kỳ"}]), rules)
    assert codes(out) == ["FILE_NO_PRODUCTS"] and out.commune_code == "ha-ky"


def test_plan_wide_support_is_not_a_product_request(rules):
    out = check_file(sheet([good(support="CBCL, LOGO")]), rules)
    assert codes(out) == ["SUPPORT_NOT_PER_PRODUCT"] and out.products[0].support == "CBCL"


def test_duplicates_within_and_across_communes_and_against_the_list(rules):
    ha_ky = check_file(
        sheet([good(), good(product_name="mat ong hoa nhan", producer="Hợp tác xã ong mật Hà Kỳ")]),
        rules,
    )
    tan_ky = check_file(
        sheet(
            [good(commune="Tân Kỳ"), good(commune="Tân Kỳ", product_name="Giò lụa")],
            meta={**META, "commune_code": "tan-ky"},
            file="tan-ky.xlsx",
        ),
        rules,
    )
    kept = [Product("dai-son-1", "dai-son", "Đại Sơn", "Giò lụa", producer="HTX Ong mật Hà Kỳ")]
    result = consolidate([ha_ky, tan_ky], kept, rules)
    dupes = [i for i in result.issues if i.code == "DUPLICATE_PRODUCT"]
    # Communes are taken in the order of the commune list (Tân Kỳ before Hà Kỳ): the
    # first occurrence stays, every later one is an error at its own cell.
    assert [(i.location.file, i.location.cell) for i in dupes] == [
        ("tan-ky.xlsx", "C6"),
        ("ha-ky.xlsx", "C5"),
        ("ha-ky.xlsx", "C6"),
    ]
    # no internal ID in the message (it goes back to the commune); the report keeps it
    assert "trùng với một sản phẩm đã có trong danh sách tổng hợp" in dupes[0].message_vi
    assert "dai-son-1" not in dupes[0].message_vi and dupes[0].params["other_id"] == "dai-son-1"
    assert "dòng 5 tệp tan-ky.xlsx" in dupes[1].message_vi
    assert [(p.source_file, p.source_row) for p in result.products] == [("tan-ky.xlsx", 5)]
    assert {f.file: (f.products, f.errors) for f in result.files} == {
        "ha-ky.xlsx": (0, 2),
        "tan-ky.xlsx": (1, 1),
    }


def test_near_identical_names_of_one_producer_are_a_warning(rules):
    out = check_file(
        sheet([good(), good(product_name="Mật ong hoa nhãm"), good(product_name="Bánh đa")]),
        rules,
    )
    result = consolidate([out], [], rules)
    similar = [i for i in result.issues if i.code == "SIMILAR_PRODUCT"]
    assert [i.location.row for i in similar] == [6]
    assert not [i for i in result.issues if i.is_error]
    assert len(result.products) == 3


def test_the_newest_file_of_a_commune_wins(rules):
    old = check_file(sheet([good()], file="cu.xlsx", modified=100.0), rules)
    new = check_file(sheet([good(product_name="B")], file="moi.xlsx", modified=200.0), rules)
    result = consolidate([new, old], [], rules)
    assert [p.product_name for p in result.products] == ["B"]
    assert codes(result) == ["COMMUNE_FILE_TWICE"]
    assert result.issues[0].location.file == "cu.xlsx" and "moi.xlsx" in result.issues[0].message_vi
    assert result.communes == ["ha-ky"]
