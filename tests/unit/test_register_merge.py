"""Imports into the register: headers by text, rows parsed with their cells, merged by
product ID then name + producer, near matches reported and never merged, idempotent."""

from datetime import date
from decimal import Decimal

from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import Commune
from ocop_xl.domain.register.entries import Entry
from ocop_xl.domain.register.history import (
    EVENT_ADDED,
    EVENT_EARLIER_DECISION,
    EVENT_NEW_DECISION,
    new_events,
)
from ocop_xl.domain.register.merge import Incoming, map_headers, merge, parse_incoming
from ocop_xl.domain.registrations import CommuneNames
from ocop_xl.workbook.register_sources import FIELDS

COMMUNES = CommuneNames(
    [Commune(code="ha-ky", name="Hà Kỳ"), Commune(code="tan-ky", name="Tân Kỳ")]
)


def _row(**values) -> Incoming:
    cells = {
        k: Location(file="ds.xlsx", sheet="DS", cell=f"{chr(65 + i)}5", row=5, field=k)
        for i, k in enumerate(values)
    }
    return Incoming(
        values, cells, Location(file="ds.xlsx", sheet="DS", cell="A5", row=5), "ds.xlsx"
    )


def _entry(**values) -> tuple[Entry, Incoming]:
    row = _row(**values)
    entry, issues = parse_incoming(row)
    assert entry is not None and not issues
    return entry, row


def test_headers_moved_renamed_and_without_accents_are_mapped():
    headers = [
        "STT",
        "Số GCN",
        "ten san pham",
        "Cơ sở sản xuất",
        None,
        "Xã/thị trấn",
        "Số sao hiện có",
        "Ngày cấp",
        "Điện thoại",
        "Số quyết định",
        "Tên SP",
    ]
    found = map_headers(headers, FIELDS)
    assert found.columns == {
        "certificate_no": 1,
        "product_name": 2,
        "producer": 3,
        "commune": 5,
        "star": 6,
        "decision_date": 7,
        "decision_no": 9,
    }
    assert found.unmapped == ("STT", "Điện thoại")
    assert found.repeated == ("Tên SP",)
    assert found.usable
    assert not map_headers(["Tên sản phẩm", "Hạng sao", "Điểm"], FIELDS).usable


def test_a_row_is_a_certified_product_only_with_a_recognition():
    entry, issues = parse_incoming(
        _row(
            product_name="Mật ong",
            producer="HTX A",
            star="4 sao",
            decision_date="05/02/2023",
            points="72,5",
        )
    )
    assert not issues
    assert (entry.star, entry.decision_date, entry.points) == (4, date(2023, 2, 5), Decimal("72.5"))
    stars, _ = parse_incoming(_row(product_name="B", star="★★★", certificate_no="01"))
    assert stars.star == 3
    assert parse_incoming(_row(product_name="Ý tưởng", star=2)) == (None, [])
    draft = _row(product_name="C", certificate_no="002/GCN", status="Dự thảo")
    assert parse_incoming(draft) == (None, [])
    assert parse_incoming(_row(certificate_no="003")) == (None, [])


def test_bad_cells_are_reported_with_their_cell_and_left_blank():
    entry, issues = parse_incoming(
        _row(product_name="Mật ong", decision_date="31/02/2023", star="sáu", certificate_no="1")
    )
    assert entry is not None and entry.decision_date is None and entry.star is None
    assert [(i.code, i.location.field) for i in issues] == [
        ("REGISTER_IMPORT_VALUE", "star"),
        ("REGISTER_IMPORT_VALUE", "decision_date"),
    ]
    assert all(i.location.cell and i.location.file == "ds.xlsx" for i in issues)


def test_merge_by_id_then_by_name_and_producer_and_ids_for_new_rows():
    register = [
        Entry(
            "ha-ky-1",
            "Mật ong hoa nhãn",
            "HTX Ong Hà Kỳ",
            "Hà Kỳ",
            star=3,
            decision_date=date(2022, 1, 5),
            certificate_no="01",
            row=2,
        ),
        Entry(
            "tan-ky-2",
            "Bánh gai",
            "Cơ sở Bánh gai",
            "Tân Kỳ",
            star=3,
            decision_date=date(2021, 6, 1),
            row=3,
        ),
    ]
    incoming = [
        _entry(
            product_id="HA-KY-1",
            product_name="Mật ong (tên khác)",
            decision_date=date(2022, 1, 5),
            certificate_no="01",
            body="UBND tỉnh",
        ),
        _entry(
            product_name="banh gai",
            producer="Co so banh gai",
            decision_date=date(2021, 6, 1),
            group="I.3.b",
        ),
        _entry(
            product_name="Gạo nếp",
            producer="HTX Lúa",
            commune="xã Hà Kỳ",
            decision_date=date(2020, 2, 1),
            star=3,
        ),
    ]
    out = merge(register, incoming, COMMUNES)
    assert (out.added, out.updated, out.unchanged) == (1, 2, 0)
    honey, cake, rice = out.entries
    assert honey.product_name == "Mật ong hoa nhãn" and honey.body == "UBND tỉnh"  # blank filled
    assert cake.group == "I.3.b" and cake.row == 3
    assert rice.product_id.startswith("ha-ky-") and rice.row is None
    assert [e.kind for e in out.events] == [EVENT_ADDED]


def test_a_near_match_is_reported_and_added_apart_never_merged():
    register = [
        Entry("ha-ky-1", "Mật ong hoa nhãn", "HTX Ong Hà Kỳ", decision_date=date(2022, 1, 5))
    ]
    out = merge(
        register,
        [
            _entry(
                product_name="Mật ong hoa nhãnn",
                producer="HTX Ong Hà Kỳ",
                decision_date=date(2022, 1, 5),
            )
        ],
        COMMUNES,
    )
    assert out.added == 1 and len(out.entries) == 2
    (issue,) = out.issues
    assert issue.code == "REGISTER_NEAR_MATCH" and issue.location.cell == "A5"
    assert "ha-ky-1" in issue.message_vi and "không gộp" in issue.message_vi


def test_importing_again_reports_the_same_near_matches():
    """Both rows are in the register after the first import; the second one finds each
    row by itself and still flags the later row against the earlier, so Kiểm tra (which
    an import rewrites) keeps the warning until the office settles it."""
    rows = [
        _entry(product_name="Mật ong hoa nhãn", producer="HTX Ong", decision_no="5/QĐ"),
        _entry(product_name="Bánh gai", producer="CS Bánh", decision_no="6/QĐ"),
        _entry(product_name="Mật ong hoa nhãn rừng", producer="HTX Ong", decision_no="7/QĐ"),
    ]
    first = merge([], rows, COMMUNES)
    second = merge(first.entries, rows, COMMUNES)
    assert (first.added, second.unchanged, second.entries) == (3, 3, first.entries)
    flagged = [
        [(i.params["name"], i.params["other_name"]) for i in o.issues] for o in (first, second)
    ]
    assert flagged[0] == flagged[1] == [("Mật ong hoa nhãn rừng", "Mật ong hoa nhãn")]


def test_a_newer_decision_replaces_the_row_and_the_old_one_goes_to_the_history():
    register = [
        Entry(
            "P1",
            "Mật ong",
            "HTX A",
            star=3,
            decision_no="10/QĐ",
            decision_date=date(2020, 3, 1),
            certificate_no="01",
        )
    ]
    newer = _entry(
        product_id="P1",
        star=4,
        decision_no="20/QĐ",
        decision_date=date(2023, 3, 1),
        certificate_no="09",
    )
    out = merge(register, [newer], COMMUNES)
    (row,) = out.entries
    assert (row.star, row.decision_no, row.certificate_no) == (4, "20/QĐ", "09")
    assert [e.kind for e in out.events] == [EVENT_NEW_DECISION, EVENT_EARLIER_DECISION]
    # importing the older decision afterwards logs the same "earlier decision" event
    older = _entry(
        product_id="P1",
        star=3,
        decision_no="10/QĐ",
        decision_date=date(2020, 3, 1),
        certificate_no="01",
    )
    again = merge(out.entries, [older], COMMUNES)
    assert again.entries == out.entries and again.unchanged == 1
    assert new_events(again.events, {e.key for e in out.events}) == []


def test_a_different_value_under_the_same_decision_is_reported_not_overwritten():
    register = [Entry("P1", "Mật ong", "HTX A", star=3, decision_date=date(2022, 1, 5))]
    out = merge(
        register,
        [_entry(product_id="P1", star=4, decision_date=date(2022, 1, 5))],
        COMMUNES,
        {0: Location(cell="A2")},
    )
    assert out.entries[0].star == 3
    (issue,) = out.issues
    assert issue.code == "REGISTER_IMPORT_CONFLICT" and issue.params["other"] == "A2"


def test_merging_the_same_rows_twice_changes_nothing():
    rows = [
        _entry(
            product_name="Mật ong",
            producer="HTX A",
            commune="Hà Kỳ",
            star=3,
            decision_date=date(2021, 5, 1),
        ),
        _entry(
            product_name="Mật ong",
            producer="HTX A",
            commune="Hà Kỳ",
            star=3,
            decision_date=date(2022, 5, 1),
        ),
        _entry(
            product_name="Bánh gai", producer="CS B", commune="Tân Kỳ", star=4, decision_no="5/QĐ"
        ),
    ]
    first = merge([], rows, COMMUNES)
    second = merge(first.entries, rows, COMMUNES)
    assert second.entries == first.entries
    assert (second.added, second.updated) == (0, 0)
    assert new_events(second.events, {e.key for e in first.events}) == []


def test_an_earlier_masters_reevaluation_comes_with_its_row_and_its_event():
    """Last year's register: the wine was re-evaluated and not met. Imported into this
    year's master it stays proposed for withdrawal, with the event the council logged
    (the same key: the earlier history brought along holds it once)."""
    from ocop_xl.domain.register.entries import assess
    from ocop_xl.domain.register.reevaluation import Request, outcome
    from ocop_xl.domain.register.validity import Window

    wine = Entry(
        "ha-ky-W",
        "Rượu nếp",
        "Công ty Rượu",
        commune="Hà Kỳ",
        star=3,
        decision_no="45/QĐ",
        decision_date=date(2021, 3, 10),
    )
    request = Request("ha-ky-W", "Rượu nếp", "Công ty Rượu", "đánh giá lại", 3, "", Location())
    scored, logged = outcome(wine, request, 2, "46,67", "", date(2023, 12, 31))
    row = _entry(
        product_id="ha-ky-W",
        product_name="Rượu nếp",
        producer="Công ty Rượu",
        commune="Hà Kỳ",
        star=3,
        decision_no="45/QĐ",
        decision_date=date(2021, 3, 10),
        reeval_result=scored.reeval_result,
        reeval_date=date(2023, 12, 31),
        reeval_registration="ha-ky-W",
    )
    added = merge([], [row], COMMUNES)
    (entry,) = added.entries
    assert (entry.reeval_result, entry.reeval_date) == (scored.reeval_result, date(2023, 12, 31))
    assert assess(entry, date(2024, 1, 2), 36, Window(), 2024).status == "Đề nghị thu hồi"
    assert [e.kind for e in added.events] == [EVENT_ADDED, "Kết quả đánh giá lại"]
    assert added.events[1].key == logged.key
    # into a row the register already has (without the result): taken, with the event
    filled = merge([wine], [row], COMMUNES)
    assert filled.updated == 1 and filled.entries[0].reeval_result == scored.reeval_result
    assert [e.key for e in filled.events] == [logged.key]
    assert merge(filled.entries, [row], COMMUNES).events == []  # again: nothing
    # a later result in the register is never replaced by an older one
    later = filled.entries[0].with_(reeval_result="Giữ hạng 3 sao", reeval_date=date(2024, 6, 1))
    kept = merge([later], [row], COMMUNES)
    assert kept.entries == [later] and kept.events == []
