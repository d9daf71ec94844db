import unicodedata

from ocop_xl.domain.text import clean, fold, is_blank, slug


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
