"""The quick bounds of similar product names decide exactly as difflib's own: computed
without a SequenceMatcher per pair, they must give the very same floats."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from ocop_xl.domain.submissions.consolidate import _common_letters, _ratio


def test_bounds_equal_difflibs_on_random_names():
    rng = random.Random(17)
    letters: dict = {}
    alphabet = "abcdeđ hoa1"
    for _ in range(5000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        matcher = SequenceMatcher(None, a, b)
        length = len(a) + len(b)
        assert _ratio(min(len(a), len(b)), length) == matcher.real_quick_ratio()
        assert _ratio(_common_letters(a, b, letters), length) == matcher.quick_ratio()


def test_bounds_on_product_names():
    letters: dict = {}
    a, b = "mat ong hoa nhan ha ky", "mat ong hoa nhan ha ki"
    matcher = SequenceMatcher(None, a, b)
    assert _ratio(_common_letters(a, b, letters), len(a) + len(b)) == matcher.quick_ratio()
    assert _ratio(0, 0) == 1.0  # two empty names, as difflib says
