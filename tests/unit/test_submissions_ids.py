"""Product IDs depend on what the product is, never on where its row is."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ocop_xl.domain.submissions import product_id, product_key


def test_id_has_the_commune_and_eight_hex_digits():
    pid = product_id("ha-ky", "Mật ong hoa nhãn", "HTX Ong mật Hà Kỳ")
    assert pid.startswith("ha-ky-")
    suffix = pid.removeprefix("ha-ky-")
    assert len(suffix) == 8 and suffix == suffix.upper()
    int(suffix, 16)


def test_id_ignores_accents_case_spacing_punctuation_and_legal_form_abbreviations():
    base = product_id("ha-ky", "Mật ong hoa nhãn", "Hợp tác xã Ong mật Hà Kỳ")
    assert product_id("ha-ky", "mat ong  hoa nhan.", "HTX ong mat Ha Ky") == base
    assert product_id("ha-ky", "MẬT ONG HOA NHÃN", "H.T.X Ong mật Hà Kỳ") != base  # not HTX
    # NFD input (some keyboards) is the same text.
    nfd = unicodedata.normalize("NFD", "Mật ong hoa nhãn")
    assert product_id("ha-ky", nfd, "HTX Ong mật Hà Kỳ") == base


def test_id_changes_with_the_product_the_producer_or_the_commune():
    base = product_id("ha-ky", "Mật ong hoa nhãn", "HTX Ong mật Hà Kỳ")
    assert product_id("ha-ky", "Mật ong hoa vải", "HTX Ong mật Hà Kỳ") != base
    assert product_id("ha-ky", "Mật ong hoa nhãn", "HTX Ong mật Tân Kỳ") != base
    assert product_id("tan-ky", "Mật ong hoa nhãn", "HTX Ong mật Hà Kỳ") != base


def test_company_abbreviations_are_spelled_out():
    assert product_key("Giò lụa", "Cty TNHH Mẫu") == product_key(
        "Giò lụa", "Công ty trách nhiệm hữu hạn Mẫu"
    )


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


@given(
    st.text(
        alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " 0123456789,.-()/"),
        max_size=40,
    )
)
def test_name_key_is_the_accent_fold_of_vietnamese_text(text):
    import re

    from ocop_xl.domain.submissions import name_key
    from ocop_xl.domain.text import fold

    assert name_key(text) == re.sub(r"[^0-9a-z]+", " ", fold(text)).strip()
    assert name_key(unicodedata.normalize("NFD", text)) == name_key(text)
