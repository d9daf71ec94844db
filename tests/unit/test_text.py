import unicodedata

from ocop_xl.domain.text import (
    EXCEL_CELL_LIMIT,
    brief,
    clean,
    cut_to_cell,
    excel_length,
    fits_cell,
    fold,
    is_blank,
    slug,
)


def test_decomposed_text_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Tứ Kỳ")
    assert nfd != "Tứ Kỳ"
    assert clean(nfd) == "Tứ Kỳ"


def test_spaces_are_trimmed_and_collapsed():
    assert clean("  Hợp   tác\txã \n") == "Hợp tác xã"
    assert clean(None) == ""


def test_fold_ignores_accents_case_and_d_bar():
    assert fold("HỢP TÁC XÃ") == fold("hop tac xa") == "hop tac xa"
    assert fold("Đại Sơn") == "dai son"


def test_slug_for_file_names():
    assert slug("Hà Kỳ") == "ha-ky"
    assert slug("Thị trấn Tứ Kỳ") == "thi-tran-tu-ky"


def test_blank_values():
    assert is_blank(None) and is_blank("  ") and is_blank(float("nan"))
    assert not is_blank(0) and not is_blank("0")


# Characters that show nothing, and spaces that are not the plain one.
INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # BOM / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\u180e",  # Mongolian vowel separator
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u034f",  # combining grapheme joiner (counts as printable)
    "\ufe0f",  # variation selector-16 (counts as printable)
    "\u3164",  # Hangul filler (shows as a blank, counts as printable)
    "\U000e0041",  # tag letter
    "\x01",  # a control character
]
SPACES = ["\u00a0", "\u202f", "\u2007", "\u3000", "\t", "\n", "\r\n"]


def test_invisible_characters_and_odd_spaces_alone_are_blank():
    for text in INVISIBLE + SPACES:
        assert is_blank(text), repr(text)
        assert clean(text) == "", repr(text)
    assert is_blank("".join(INVISIBLE + SPACES) + " ")
    assert not is_blank("\u200ba") and not is_blank("Đ") and not is_blank("\u00a0ấp\u200b")


def test_invisible_characters_inside_text_are_removed():
    for ch in INVISIBLE:
        assert clean(f"{ch}Mật ong{ch} hoa{ch}{ch} nhãn {ch}") == "Mật ong hoa nhãn", repr(ch)
    assert clean("Hợp\u00a0tác\u3000xã") == "Hợp tác xã"
    assert fold("\ufeffHTX\u200b") == "htx"
    assert slug("Hà\u00ad Kỳ\u200b") == "ha-ky"


def test_an_accent_after_an_invisible_character_still_joins_its_letter():
    # "a" + zero-width space + combining acute: once the space is gone, NFC makes "á".
    assert clean("Ma\u200b\u0301t") == "Mát"


def test_legitimate_characters_are_kept():
    texts = [
        "Nước mắm Vạn Phần – loại 1 (chai 500 ml), 3★",
        "Bánh cáy làng Nguyễn; giá 120.000đ/kg",
        "ĐẶC SẢN ỔI ĐÀO — Ấp 3",
        "Trà hoa vàng 金花茶",
    ]
    for text in texts:
        assert clean(text) == text
    nfd = unicodedata.normalize("NFD", "Cà phê Đường Lâm")  # combining marks: NFC, kept
    assert clean(nfd) == "Cà phê Đường Lâm"


def test_clean_returns_already_clean_text_itself():
    for text in ["HTX", "Mật ong hoa nhãn", "0912345678", ""]:
        assert clean(text) is text


def test_cell_limit_counts_as_excel_does_and_cuts_visibly():
    assert excel_length("ấp") == 2 and excel_length("😀") == 2  # beyond U+FFFF: two units
    assert fits_cell("x" * EXCEL_CELL_LIMIT) and not fits_cell("x" * (EXCEL_CELL_LIMIT + 1))
    assert not fits_cell("😀" * 20_000)
    short = "Ghi chú"
    assert cut_to_cell(short) is short
    cut = cut_to_cell("ừ" * 40_000)
    assert len(cut) == EXCEL_CELL_LIMIT and cut.endswith("…") and set(cut[:-1]) == {"ừ"}
    emoji = cut_to_cell("a" + "😀" * 20_000)  # never half of a surrogate pair
    assert excel_length(emoji) <= EXCEL_CELL_LIMIT and emoji.endswith("😀…")


def test_brief_quotes_a_long_text_with_an_ellipsis():
    assert brief("Mật ong") == "Mật ong"
    quoted = brief("x" * 1000)
    assert len(quoted) == 201 and quoted.endswith("…")


def test_the_lists_of_invisible_characters_agree_with_python_s_unicode_data():
    from ocop_xl.domain import text

    def codes(ranges):
        return {c for low, high in ranges for c in range(low, high + 1)}

    ignorable = codes(text._DEFAULT_IGNORABLE)
    assert codes(text._PRINTABLE_IGNORABLE) == {c for c in ignorable if chr(c).isprintable()}
    controls = {c for c in range(0xA0) if unicodedata.category(chr(c)) == "Cc"}
    assert codes(text._CONTROLS) == {c for c in controls if not chr(c).isspace()}
