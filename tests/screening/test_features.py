from __future__ import annotations

import pytest

from sanctionwatch.screening.features import (
    birth_date_feature,
    clean_country,
    compare_names,
    country_feature,
    parse_partial_date,
    token_similarity,
)
from sanctionwatch.screening.normalize import normalize_name


def test_two_letter_parts_tolerate_no_edit() -> None:
    assert token_similarity("un", "il") == 0.0
    assert token_similarity("jong", "chong") == 0.95  # romanisation variants fold
    assert 0.5 < token_similarity("sechin", "sechni") < 1.0  # a transposition is one edit


def test_name_comparison_says_how() -> None:
    result = compare_names(
        normalize_name("Choi Sun-hee", "Person"), normalize_name("CHOE SON HUI", "Person")
    )
    assert result.method == "korean" and result.score > 0.9
    assert "cwe" in result.detail
    different = compare_names(
        normalize_name("Kim Jong Il", "Person"), normalize_name("KIM, Jong Un", "Person")
    )
    assert different.score <= 0.5


@pytest.mark.parametrize(
    ("query", "dates", "ranges", "state"),
    [
        ("1964-08-10", ["1964-08-10"], [], "agree"),
        ("1964", ["1964-08-10"], [], "partial"),
        ("1964-10-08", ["1964-08-10"], [], "partial"),  # day and month swapped
        ("1964-08-11", ["1964-08-10"], [], "conflict"),
        ("1971", ["1964-08-10"], [], "conflict"),
        ("1953", [], ["1950/1955"], "partial"),
        ("1960", [], ["1950/1955"], "conflict"),
        ("1964", [], [], "unknown"),
    ],
)
def test_birth_dates(query: str, dates: list[str], ranges: list[str], state: str) -> None:
    result = birth_date_feature(query, dates, ranges)
    assert result.state == state
    assert result.detail


def test_partial_dates_parse() -> None:
    assert parse_partial_date("1964") == (1964, None, None)
    assert parse_partial_date("1964-02-30") is None


def test_countries() -> None:
    assert clean_country("North Korea") == clean_country("KP") == "kp"
    assert country_feature(["DPRK"], ["kp"]).state == "agree"
    assert country_feature(["kr"], ["kp"]).state == "conflict"
    assert country_feature([], ["kp"]).state == "unknown"
