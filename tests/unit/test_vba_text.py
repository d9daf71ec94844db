"""VBA source compared as the VBA editor stores it: identifiers without case, layout and
line ends ignored, string literals and comments exactly."""

from ocop_xl.workbook.xlsm.vba_text import canonical, same_code

CODE = (
    'Attribute VB_Name = "M"\r\n'
    "Option Explicit\r\n"
    "\r\n"
    "' Says hello.\r\n"
    "Public Sub Hello(control As IRibbonControl)\r\n"
    '    MsgBox "Xin ch\\u00E0o " & control.Tag, 48, "OCOP"  \' trailing note\r\n'
    "    x = &H0030 + 1.0\r\n"
    "End Sub\r\n"
)


def test_what_the_editor_changes_is_the_same_code():
    recased = CODE.replace("control.Tag", "control.tag").replace("MsgBox", "Msgbox")
    relaid = recased.replace("&H0030 + 1.0", "&H30+1#").replace("\r\n", "\n")
    assert same_code(CODE, relaid)
    assert same_code(CODE, relaid.replace("\n\n", "\n"))  # a blank line
    assert same_code(CODE, CODE.replace("End Sub", "End Sub   "))  # trailing spaces


def test_what_changes_behaviour_or_words_is_different_code():
    assert not same_code(CODE, CODE.replace("Xin ch", "xin ch"))  # inside a string
    assert not same_code(CODE, CODE.replace("Says hello", "says hello"))  # a comment
    assert not same_code(CODE, CODE.replace("control.Tag", "control.Id"))
    assert not same_code(CODE, CODE.replace("48", "16"))
    assert not same_code(CODE, CODE.replace("End Sub\r\n", ""))


def test_strings_and_comments_are_tokens_of_their_own():
    (line,) = canonical("a = \"it's\" ' it's a note\r\n")
    assert line == (("w", "a"), ("o", "="), ("s", '"it\'s"'), ("c", "' it's a note"))
    assert canonical("Rem note\r\nx = 1: rem two\r\n")[1][-1] == ("c", "rem two")
