"""Re-evaluation in the council's flow and this year's recognitions on the register."""

from datetime import date
from fractions import Fraction

import pytest

from ocop_xl.domain.issues import Location
from ocop_xl.domain.recognition import STATUS_ISSUED, STATUS_WITHDRAWN, CertificateRecord
from ocop_xl.domain.register.entries import (
    RESULT_NOT_MET,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_REEVALUATED,
    Entry,
    assess,
    result_kind,
)
from ocop_xl.domain.register.history import (
    EVENT_ADDED,
    EVENT_DECISION_RECORDED,
    EVENT_DRAFT_DROPPED,
    EVENT_NEW_DECISION,
    EVENT_REEVALUATED,
    EVENT_UPGRADE_NOT_MET,
    new_events,
)
from ocop_xl.domain.register.reevaluation import (
    Request,
    from_certificates,
    link,
    outcome,
    result_text,
)
from ocop_xl.domain.register.validity import Window

WHERE = Location(file="m.xlsx", sheet="Đăng ký", cell="M4", row=4)
REGISTER = [
    Entry(
        "old-1",
        "Rượu nếp",
        "Công ty Rượu",
        star=3,
        decision_date=date(2021, 3, 10),
        certificate_no="02/GCN (mẫu)",
    ),
    Entry("old-2", "Mật ong", "HTX Ong", star=3, decision_date=date(2022, 6, 15)),
    Entry("old-3", "Chè xanh", "HTX Chè", star=4, decision_date=date(2022, 6, 15)),
]


def _req(pid, name="", producer="", kind="đánh giá lại", cert="", stars=3) -> Request:
    return Request(pid, name, producer, kind, stars, cert, WHERE)


def test_links_by_certificate_then_id_then_name_and_producer():
    links = link(
        [
            _req("dk-1", "Tên khác", "Khác", cert="02/gcn (MẪU)"),
            _req("old-2", kind="nâng hạng sao"),
            _req("dk-3", "chè xanh", "Hợp tác xã chè"),
            _req("dk-4", "Ý tưởng", "X", kind="ý tưởng mới"),
        ],
        REGISTER,
    )
    assert links.rows == {"dk-1": 0, "old-2": 1, "dk-3": 2}
    assert (
        links.how["dk-1"] == "số giấy chứng nhận" and links.how["dk-3"] == "tên sản phẩm và chủ thể"
    )
    assert links.issues == []


def test_an_unknown_certified_product_is_reported_with_a_near_match_never_linked():
    links = link([_req("dk-9", "Rượu nếpp", "Công ty Rượu", cert="99/GCN")], REGISTER)
    assert links.rows == {}
    (issue,) = links.issues
    assert issue.code == "REGISTER_REEVAL_UNLINKED" and issue.location.cell == "M4"
    assert "old-1" in issue.message_vi


def test_results_kept_upgraded_downgraded_not_met():
    assert result_text(3, 3, "62,50", "đề nghị cấp tỉnh công nhận")[1] == (
        "Giữ hạng 3 sao (62,50 điểm; đề nghị cấp tỉnh công nhận)"
    )
    assert result_text(3, 4, "", "")[1] == "Nâng hạng lên 4 sao"
    assert result_text(4, 3, "55,00", "")[1] == "Hạ hạng xuống 3 sao (55,00 điểm)"
    kind, text = result_text(3, 2, "46,67", "")
    assert kind == RESULT_NOT_MET and result_kind(text) == RESULT_NOT_MET
    assert "đề nghị thu hồi" in text


def test_outcome_records_the_result_and_the_event_the_history_keeps():
    entry, event = outcome(REGISTER[0], _req("dk-1"), 2, "46,67", "", date(2023, 12, 31))
    assert entry.reeval_date == date(2023, 12, 31) and entry.reeval_registration == "dk-1"
    assert result_kind(entry.reeval_result) == RESULT_NOT_MET
    assert (event.kind, event.star_before, event.star_after) == (EVENT_REEVALUATED, 3, 2)
    again, second = outcome(entry, _req("dk-1"), 3, "55,00", "", date(2024, 1, 5))
    assert again.reeval_result.startswith("Giữ hạng") and second.key != event.key
    # an upgrade not reached leaves the certificate as it stands
    same, note = outcome(
        REGISTER[1], _req("old-2", kind="nâng hạng sao"), 3, "65,00", "", date(2023, 12, 31)
    )
    assert same.reeval_result == "" and note.kind == EVENT_UPGRADE_NOT_MET


def _cert(number, pid, status="Dự thảo", decision_no="", day=None, star=3):
    return CertificateRecord(
        number,
        1,
        2025,
        pid,
        star,
        Fraction(6251, 100),
        "SP " + pid,
        "Chủ thể",
        "Xã A",
        status,
        decision_no,
        day,
    )


def test_recognitions_of_the_round_are_added_then_get_their_decision():
    synced = from_certificates([], [_cert("001/GCN/2025", "p1")], body="UBND tỉnh")
    (row,) = synced.entries
    assert (row.certificate_no, row.decision_date, row.body) == ("001/GCN/2025", None, "UBND tỉnh")
    assert str(row.points) == "62.51" and [e.kind for e in synced.events] == [EVENT_ADDED]
    issued = _cert("001/GCN/2025", "p1", STATUS_ISSUED, "12/QĐ-UBND", date(2025, 9, 1))
    later = from_certificates(synced.entries, [issued], body="UBND tỉnh")
    assert later.entries[0].decision_date == date(2025, 9, 1) and later.updated == 1
    assert [e.kind for e in later.events] == [EVENT_DECISION_RECORDED]
    assert from_certificates(later.entries, [issued], body="UBND tỉnh").events == []


def test_a_reevaluated_product_gets_its_new_decision_and_a_withdrawn_draft_leaves():
    register = [
        REGISTER[0].with_(
            reeval_registration="dk-1", reeval_result="Giữ hạng 3 sao", reeval_date=date(2025, 5, 1)
        )
    ]
    draft = _cert("004/GCN/2025", "dk-1")
    assert from_certificates(register, [draft], body="B").entries == register  # waits
    issued = _cert("004/GCN/2025", "dk-1", STATUS_ISSUED, "30/QĐ", date(2025, 8, 1))
    renewed = from_certificates(register, [issued], body="B")
    (row,) = renewed.entries
    assert (row.certificate_no, row.decision_date, row.product_id) == (
        "004/GCN/2025",
        date(2025, 8, 1),
        "old-1",
    )
    assert renewed.events[0].kind == EVENT_NEW_DECISION
    waiting = from_certificates([], [_cert("005/GCN/2025", "p5")], body="B").entries
    gone = from_certificates(waiting, [_cert("005/GCN/2025", "p5", STATUS_WITHDRAWN)], body="B")
    assert gone.entries == [] and gone.events[0].kind == EVENT_DRAFT_DROPPED


@pytest.mark.parametrize(
    ("before", "after", "kind", "status"),
    [
        (3, 3, "Giữ hạng", STATUS_REEVALUATED),
        (3, 4, "Nâng hạng", STATUS_REEVALUATED),
        (4, 3, "Hạ hạng", STATUS_REEVALUATED),
        (3, 2, RESULT_NOT_MET, STATUS_PROPOSED_WITHDRAWAL),
    ],
)
def test_each_result_gives_the_row_its_status_and_the_history_keeps_every_result(
    before, after, kind, status
):
    """Lapsed on 10/03/2024, re-evaluated on 31/12/2024: the row shows the result (its star
    stays the decision's until a new decision), each result is one more event."""
    lapsed = REGISTER[0].with_(star=before)
    entry, event = outcome(lapsed, _req("dk-1"), after, "", "", date(2024, 12, 31))
    assessed = assess(entry, date(2025, 1, 2), 36, Window(), 2025)
    assert (result_kind(entry.reeval_result), assessed.status, entry.star) == (kind, status, before)
    assert (event.kind, event.star_before, event.star_after) == (EVENT_REEVALUATED, before, after)
    # the council scores it again: the row shows the new result, the first one stays logged
    other = 3 if after != 3 else 4
    again, second = outcome(entry, _req("dk-1"), other, "", "", date(2025, 1, 10))
    assert again.reeval_result != entry.reeval_result and again.reeval_date == date(2025, 1, 10)
    history = new_events([event, second], set())
    assert [e.star_after for e in history] == [after, other]
    assert new_events([event, second], {e.key for e in history}) == []
