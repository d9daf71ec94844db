import pytest

from ocop_xl.domain.issues import OcopError
from ocop_xl.profiles import load_profile, profile_ids

from ..conftest import TINY_PROFILE


def test_tu_ky_2023_holds_the_plan_facts(tu_ky):
    assert tu_ky.year == 2023
    assert tu_ky.unit.name == "huyện Tứ Kỳ"
    assert tu_ky.criteria_set == "qd-148-2023"
    assert len(tu_ky.communes) == 23
    assert sum(c.kind == "Thị trấn" for c in tu_ky.communes) == 1
    assert {c.name for c in tu_ky.communes} >= {"Hà Kỳ", "Hà Thanh", "Đại Sơn", "Quảng Nghiệp"}
    codes = [c.code for c in tu_ky.communes]
    assert len(set(codes)) == 23 and "ha-ky" in codes
    assert {d.name for d in tu_ky.departments} >= {
        "Phòng Nông nghiệp và PTNT",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Y tế",
        "Phòng Văn hóa và Thông tin",
        "Phòng Tài nguyên và Môi trường",
        "Đài Phát thanh huyện",
    }


def test_council_rules_of_the_plan(tu_ky):
    rules = tu_ky.council
    assert (rules.quorum, rules.chair_required, rules.spread_limit) == ("3/4", True, 10)
    assert rules.presiders == ("Chủ tịch",) and not rules.secretary_scores
    route = tu_ky.route  # the plan's own: ≥50 forwarded, nothing recognised at the district
    assert route.code == "tu-ky-2023" and route.office_level == "district"
    assert route.office.forward_from == 50 and not route.office.recognises_any


def test_targets_table(tu_ky):
    targets = {t.code: (t.minimum, t.stretch) for t in tu_ky.targets}
    assert targets == {
        "SP3SAO": (10, 12),
        "NANGHANG": (1, 2),
        "CHUANHOA": (1, 1),
        "HOSOCL": (10, 12),
        "BAOBI": (10, 12),
        "LOGO": (1, 1),
        "DIEMBAN": (3, 3),
    }


def test_tasks_name_known_departments_and_sections(tu_ky):
    sections = {t.section.split(".")[0] for t in tu_ky.tasks}
    assert sections == {"II", "IV"}
    culture = [t for t in tu_ky.tasks if t.lead == "VHTT"]
    assert any("03 điểm" in t.title for t in culture)


def test_amounts_the_plan_does_not_state_are_marked_sample(tu_ky):
    assert len(tu_ky.funding_sources) == 7
    assert all(s.sample for s in tu_ky.funding_sources)
    assert all(i.sample for i in tu_ky.support_items)
    assert {"CBCL", "MAVACH", "TEMTX", "BAOBI", "LOGO", "DIEMBAN"} <= {
        i.code for i in tu_ky.support_items
    }


def test_a_second_profile_changes_everything(tiny):
    assert tiny.id == "tiny-2030" and tiny.criteria_set == "qd-1048-2019"
    assert [c.code for c in tiny.communes] == ["mot", "hai"]
    assert tiny.council.quorum == "2/3" and tiny.route.office.forward_from == 60
    assert tiny.council.secretary_scores and "Phó Chủ tịch" in tiny.council.presiders
    assert tiny.number_words == "lẻ"


def test_unknown_profile_is_a_clear_error():
    assert "tu-ky-2023" in profile_ids()
    with pytest.raises(OcopError) as info:
        load_profile("khong-co")
    assert info.value.code == "PROFILE_UNKNOWN"
    assert "tu-ky-2023" in info.value.message_vi


def test_inconsistent_profile_is_refused(tmp_path):
    text = TINY_PROFILE.read_text(encoding="utf-8").replace('lead = "KT"', 'lead = "ZZ"')
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(OcopError) as info:
        load_profile(broken)
    assert info.value.code == "PROFILE_INVALID"
    assert "ZZ" in info.value.message_vi
