"""The jurisdiction profile is checked where it is read: a typo or a wrong value is refused
with the key named, never silently left at the national figure."""

import pytest

from reviewer.errors import ReviewerError
from reviewer.profile import default_as_of, validate_profile
from reviewer.review import load_profile


def _load(tmp_path, body: str) -> dict:
    p = tmp_path / "local.yaml"
    p.write_text(body, encoding="utf-8")
    return load_profile(str(p))


def test_the_national_profile_has_the_shape_of_a_profile():
    prof = load_profile(None)
    assert validate_profile(prof, "national") is prof


def test_a_misspelt_key_is_refused_with_the_nearest_known_one(tmp_path):
    with pytest.raises(ReviewerError) as err:
        _load(tmp_path, "name: local\nmax_validty_years: 3\n")
    assert "max_validty_years" in str(err.value) and "max_validity_years" in str(err.value)


@pytest.mark.parametrize(
    "body,key",
    [
        ("max_validity_years: 五年\n", "max_validity_years"),
        ("max_validity_years: 0\n", "max_validity_years"),
        ("require_validity: 是\n", "require_validity"),
        ("validity_rule: {title: 某省规范性文件管理办法, page: 3}\n", "validity_rule.page"),
        ("verdict:\n  abolish_share: 4\n", "verdict.abolish_share"),
        ("verdict:\n  effects:\n    default: {error: delete}\n", "verdict.effects.default.error"),
        ("verdict:\n  abolish_shares: 0.5\n", "verdict.abolish_shares"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_key(tmp_path, body, key):
    with pytest.raises(ReviewerError) as err:
        _load(tmp_path, body)
    assert key in str(err.value)


def test_a_jurisdictions_own_figures_load(tmp_path):
    prof = _load(
        tmp_path,
        "name: local\nmax_validity_years: 3\nvalidity_rule: {title: 某省行政规范性文件管理办法, article: 第二十条}\n",
    )
    assert prof["max_validity_years"] == 3


def test_one_default_review_date():
    assert len(default_as_of()) == 10 and default_as_of()[4] == "-"
