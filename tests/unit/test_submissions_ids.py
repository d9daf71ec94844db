"""Product IDs depend on what the product is, never on where its row is."""

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
    import unicodedata

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
