"""The save path's messages: both languages, the reason in each language's words, and
every code documented in docs/master-workbook.md."""

import errno
import re
from pathlib import Path

from ocop_xl.domain.catalog import MESSAGES, saving
from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook.atomic import OsReason

DOC = Path(__file__).parents[2] / "docs" / "master-workbook.md"


def test_the_reason_is_one_parameter_written_in_each_language():
    with_reason = [code for code, (vi, _) in saving.MESSAGES.items() if "{reason" in vi]
    assert len(with_reason) >= 8
    for code in with_reason:
        vi, en = saving.MESSAGES[code]
        assert "{reason:vi}" in vi and "{reason:en}" in en, code
        assert "{reason:en}" not in vi and "{reason:vi}" not in en, code
        error = MasterError(
            code,
            file="f.xlsx",
            path="/p",
            folder="/d",
            temp="/t",
            reason=OsReason.of(OSError(errno.ENOSPC, "No space left")),
        )
        assert "(ổ đĩa đã đầy)" in error.message_vi, code
        assert "(the disk is full)" in error.message_en, code
        assert "{" not in error.message_vi and "{" not in error.message_en, code


def test_system_errors_in_the_users_words():
    cases = {
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EACCES: "không có quyền truy cập",
        errno.EROFS: "ổ đĩa chỉ cho phép đọc",
        errno.ENOTDIR: "trong đường dẫn có một tệp ở chỗ cần thư mục",
        errno.EISDIR: "đó là một thư mục, không phải tệp",
    }
    for number, words in cases.items():
        assert str(OsReason.of(OSError(number, "x"))) == words
    other = OsReason.of(OSError(errno.EIO, "Input/output error"))
    assert f"{other:vi}" == "lỗi hệ thống: Input/output error"
    assert f"{other:en}" == "system error: Input/output error"


def test_every_saving_code_is_in_the_catalog_and_documented():
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Saving") : text.index("### Large tables")]
    for code in saving.MESSAGES:
        assert code in MESSAGES
        assert f"`{code}`" in section, f"{code} is not documented in the Saving section"
    for code, (vi, _) in saving.MESSAGES.items():
        if not code.startswith("OS_"):
            shown = re.sub(r"\{reason:(vi|en)\}", "{reason}", vi)
            assert shown.split(".")[0] in section, code
