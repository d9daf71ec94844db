import json
import re

from ocop_xl.domain.catalog import MESSAGES
from ocop_xl.domain.issues import Issue, Location, Severity
from ocop_xl.domain.report import ActionResult

VIETNAMESE_LETTER = re.compile(
    r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
CODE = re.compile(r"^[A-Z][A-Z0-9_]+$")


def test_every_code_is_stable_upper_snake_with_both_languages():
    for code, message in MESSAGES.items():
        assert CODE.match(code), code
        assert message.vi.strip() and message.en.strip(), code
        assert VIETNAMESE_LETTER.search(message.vi), f"{code}: Vietnamese text without diacritics?"
        fields_vi = set(re.findall(r"{(\w+)}", message.vi))
        fields_en = set(re.findall(r"{(\w+)}", message.en))
        assert fields_vi - {"expected_vi"} == fields_en - {"expected_en"}, code


def test_issue_renders_both_languages_with_its_location():
    issue = Issue.error(
        "CONFIG_VALUE_REQUIRED",
        Location(file="m.xlsx", sheet="Cấu hình", cell="C4", row=4, column="C", field="value"),
        label="Năm kế hoạch",
    )
    assert issue.message_vi == "Ô C4 trang “Cấu hình” (Năm kế hoạch) không được để trống."
    assert "Cell C4" in issue.message_en
    assert issue.to_dict() == {
        "code": "CONFIG_VALUE_REQUIRED",
        "severity": "error",
        "file": "m.xlsx",
        "sheet": "Cấu hình",
        "cell": "C4",
        "row": 4,
        "column": "C",
        "field": "value",
        "message_vi": issue.message_vi,
        "message_en": issue.message_en,
    }


def test_report_envelope():
    result = ActionResult(
        "demo-action",
        issues=[Issue.warning("SHEET_MISSING", sheet="X")],
        counts={"rows": 3},
        data={"files": []},
    )
    doc = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert list(doc)[:4] == ["action", "ok", "counts", "issues"]
    assert doc["ok"] is True and doc["counts"] == {"rows": 3, "errors": 0, "warnings": 1}
    assert doc["issues"][0]["severity"] == Severity.WARNING
    assert doc["files"] == []
