"""The OCOP ribbon as decided: tab, groups, buttons, tags; every button fully described."""

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ocop_xl.workbook.xlsm.ribbon import CUSTOM_UI_NS, callbacks, ribbon_buttons

CUSTOM_UI = Path(__file__).resolve().parents[2] / "macros" / "customUI.xml"

EXPECTED = [
    ("Xã", "template", "Tạo mẫu cho xã"),
    ("Xã", "consolidate", "Tổng hợp hồ sơ"),
    ("Xã", "returns", "Trả lỗi cho xã"),
    ("Hội đồng", "score-sheets", "Tạo phiếu chấm"),
    ("Hội đồng", "score", "Tính điểm"),
    ("Sổ OCOP", "registry", "Sổ theo dõi OCOP"),
    ("Kinh phí", "budget", "Tổng hợp kinh phí"),
    ("Kế hoạch", "tasks", "Ma trận phân công"),
    ("Kế hoạch", "progress", "Tiến độ"),
    ("Kế hoạch", "report", "In báo cáo"),
    ("Hệ thống", "check-config", "Kiểm tra cấu hình"),
    ("Hệ thống", "check-install", "Kiểm tra cài đặt"),
    ("Hệ thống", "help", "Trợ giúp"),
]


@pytest.fixture(scope="module")
def xml() -> bytes:
    return CUSTOM_UI.read_bytes()


def test_uses_the_2006_namespace_that_openpyxl_keeps(xml):
    root = ET.fromstring(xml)
    assert root.tag == f"{{{CUSTOM_UI_NS}}}customUI"
    assert b"2009/07/customui" not in xml


def test_one_ocop_tab_with_the_decided_groups_and_buttons(xml):
    tabs = list(ET.fromstring(xml).iter(f"{{{CUSTOM_UI_NS}}}tab"))
    assert [t.get("label") for t in tabs] == ["OCOP"]
    assert [(b.group, b.tag, b.label) for b in ribbon_buttons(xml)] == EXPECTED


def test_every_button_is_complete_and_generic(xml):
    buttons = ribbon_buttons(xml)
    assert len({b.id for b in buttons}) == len(buttons)
    for button in buttons:
        assert button.on_action == "OnRibbonButton", button.id
        assert button.image and button.screentip == button.label and button.supertip
        # the VBA passes the tag to Python only if it looks like an action name
        assert button.tag.replace("-", "").isalpha() and button.tag == button.tag.lower()
    assert callbacks(xml) == {"OnRibbonButton"}


def test_labels_are_composed_unicode(xml):
    import unicodedata

    text = xml.decode("utf-8")
    assert unicodedata.normalize("NFC", text) == text
