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
from sanctionwatch.screening.normalize import (
    PERSON_SYMBOLS_ENV,
    normalize_name,
    person_symbols_enabled,
)


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


def _score(a: str, b: str, schema: str = "Person") -> float:
    return compare_names(normalize_name(a, schema), normalize_name(b, schema)).score


@pytest.mark.parametrize(
    ("query", "listed", "schema"),
    [
        ("贝拉克·奥巴马", "Barack Obama", "Person"),  # same name item, another script
        ("Ben Netanyahu", "Benjamin Netanyahu", "Person"),  # nickname
        ("1st International Bank", "First International Bank", "Company"),  # ordinal
        ("First Bank Int'l", "First International Bank", "Company"),  # abbreviation
        ("Brigade Forty-Four", "Brigade 44", "Organization"),  # number words
    ],
)
def test_rigour_symbols_explain_what_spelling_cannot(
    query: str, listed: str, schema: str, person_symbols: None
) -> None:
    result = compare_names(normalize_name(query, schema), normalize_name(listed, schema))
    assert result.method == "symbols"
    assert result.score >= 0.7


def test_shared_symbols_do_not_override_korean_syllables() -> None:
    # "Jong Un" carries rigour name symbols, but a Korean pair is judged by syllables.
    assert _score("Kim Jong Il", "Kim Jong Un") < 0.6


def test_roman_and_word_numbers_conflict() -> None:
    assert (
        _score("Apollo Investment Fund VIII L.P.", "Apollo Investment Fund IX L.P.", "Company")
        < 0.6
    )
    assert _score("Zu Zag Bong 6", "Zu Zag Bong 5", "Vessel") < 0.6
    assert _score("Kumsong 7", "Kumsong Seven", "Vessel") >= 0.9


def test_korean_folding_does_not_loosen_other_names() -> None:
    # Merkur/Merkel fold alike letter by letter, but two edits in six letters is another name.
    assert token_similarity("merkur", "merkel") == 0.0
    assert token_similarity("jeong", "chong") == 0.95


def test_person_short_listed_name_inside_a_longer_query() -> None:
    assert _score("ANJEM IFTIKHAR CHOUDARY MAHMOOD", "ANJEM CHOUDARY") >= 0.6
    # Both sides with a part of their own: still another person.
    assert _score("TAHA YASSIN RAMADAN AL-MOSULI", "TAHA YASSIN RAMADAN AL-JIZRAWI") < 0.7


def test_initials_alone_identify_nobody() -> None:
    assert _score("N.N.", "Nursultan Nazarbayev") <= 0.45


def test_acronyms_keep_letter_order() -> None:
    assert _score("C.B.A. Company", "A.B.C. Company", "Company") < 0.5
    assert _score("A.B.C. Company", "ABC Company", "Company") >= 0.95


def test_hangul_against_hangul_is_exact() -> None:
    # 종 and 정 both romanise "jong" in McCune-Reischauer without breves.
    assert _score("김종은", "김정은") < 0.6
    # The initial-sound law (리/이, 룡/용) is one name in two spelling conventions.
    assert _score("리룡남", "이용남") >= 0.95


def test_korean_names_with_other_surnames_do_not_match_when_glued() -> None:
    assert _score("Ri Yong Hyok", "O Myonghyok") < 0.5
    assert _score("Choe Son Hui", "Choe Sonhui") >= 0.9


def test_a_part_written_as_two_is_one_part() -> None:
    result = compare_names(
        normalize_name("Nikolai Patr ushev", "Person"),
        normalize_name("Nikolai Platonovich Patrushev", "Person"),
    )
    assert result.score >= 0.6
    assert ("patr ushev", "patrushev", 1.0) in result.parts
    flipped = compare_names(
        normalize_name("Mohammadhasni Zarkari", "Person"),
        normalize_name("Mohammad Hasni Zarkari", "Person"),
    )
    assert ("mohammadhasni", "mohammad hasni", 1.0) in flipped.parts


def test_person_symbols_are_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PERSON_SYMBOLS_ENV, raising=False)
    person_symbols_enabled.cache_clear()
    assert _score("Ben Netanyahu", "Benjamin Netanyahu") < 0.5
    # Organisation symbols need no opt-in.
    assert _score("1st International Bank", "First International Bank", "Company") >= 0.9


def test_a_missing_patronymic_is_cheap_a_different_one_is_not() -> None:
    assert _score("Volodymyr Zelenskyy", "Volodymyr Oleksandrovych Zelenskyy") >= 0.7
    # Name similarity 0.5: with the name weight 0.85 the screening score stays below 0.5.
    assert _score("Sergey Ivanovich Lavrov", "Sergey Viktorovich Lavrov") <= 0.5


def test_a_number_read_from_a_word_does_not_conflict_with_a_misspelling() -> None:
    assert _score("FIRKT OIL JV CO LTD", "FIRST OIL JV CO LTD", "Company") >= 0.7
    # Digits on one side only still count against: Kumsong 7 is not any Kumsong.
    assert _score("Kumsong", "Kumsong 7", "Vessel") < 0.6


def test_joined_names_fold_romanisation_only_between_korean_names() -> None:
    assert _score("Tech Investment GmbH", "DAY INVESTMENT", "Company") < 0.5
    assert _score("Choe Sonhui", "CHOE SON HUI") >= 0.9


def test_a_floor_skips_pairs_that_cannot_reach_it() -> None:
    query = normalize_name("James Kim", "Person")
    listed = normalize_name("KIM YONG CHOL", "Person")
    full = compare_names(query, listed)
    pruned = compare_names(query, listed, floor=0.5)
    assert pruned.method == "below floor" and not pruned.parts
    assert full.score <= pruned.score < 0.5
    # A pair that may reach the floor is compared in full, parts and all.
    close = normalize_name("Kim Yong Chul", "Person")
    assert compare_names(close, listed, floor=0.5) == compare_names(close, listed)


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Patr Ushev Nikolai", "Nikolai PATRUSHEV"), ("Ali Mohammadhasni", "Mohammad Hasni ALI")],
)
def test_a_floor_never_skips_a_part_written_as_two(query: str, listed: str) -> None:
    # No part matches the split one alone and the joined strings differ (other
    # order): only merging two parts finds it, so the cheap bound must not apply.
    q, c = normalize_name(query, "Person"), normalize_name(listed, "Person")
    assert compare_names(q, c, floor=0.6) == compare_names(q, c)
    assert compare_names(q, c).score == 1.0
