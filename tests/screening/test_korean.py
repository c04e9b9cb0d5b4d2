from __future__ import annotations

import pytest

from sanctionwatch.screening.features import compare_names
from sanctionwatch.screening.korean import (
    SPLIT,
    compare_given,
    fold_roman,
    hangul_romanisations,
    hangul_to_folded,
    is_syllable,
    surname_key,
)
from sanctionwatch.screening.normalize import normalize_name


@pytest.mark.parametrize(
    "spelling",
    [
        "Choe Son Hui",
        "CH'OE SO'N HU'I",
        "Ch'oe Sŏn-hŭi",
        "Choi Sun-hee",
        "Choe Seon-hui",
        "Choe Sonhui",
        "Son Hui Choe",
        "CHOE, Son Hui",
        "최선희",
    ],
)
def test_every_spelling_of_choe_son_hui_shares_the_key(spelling: str) -> None:
    assert "cwe|son.hi" in normalize_name(spelling, "Person").korean or any(
        k.replace(".", "") == "cwe|sonhi" for k in normalize_name(spelling, "Person").korean
    )


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (["Ri", "Li", "Lee", "Yi", "Rhee"], "ri"),
        (["Pak", "Park", "Bak"], "pak"),
        (["Choe", "Choi", "Chwe"], "cwe"),
        (["Jong", "Chong", "Jeong", "Chung"], "cong"),
        (["Jo", "Cho"], "co"),
    ],
)
def test_surname_variants_fold_together(variants: list[str], key: str) -> None:
    assert {surname_key(v.lower()) for v in variants} == {key}


def test_short_syllables_are_name_parts_not_stop_words() -> None:
    un = normalize_name("Kim Jong Un", "Person")
    il = normalize_name("Kim Jong Il", "Person")
    assert un.tokens == ("kim", "jong", "un")
    assert un.korean != il.korean
    score, detail = compare_given("cong.on", "cong.ir")
    assert score < 0.6 and "on≠ir" in detail


def test_hangul_decomposes_into_syllable_keys_and_romanisations() -> None:
    assert hangul_to_folded("김정은") == ["kim", "cong", "on"]
    assert hangul_romanisations("리원호")[0] == ["ri", "won", "ho"]
    assert ["gim", "jeong", "eun"] in hangul_romanisations("김정은")


def test_joined_and_split_given_names_compare_equal() -> None:
    assert compare_given("son.hi", "sonhi")[0] >= 0.95
    # ㄴ+ㄱ and ㅇ+ㅇ read alike across a lost boundary (Jon-gun / Jong-un).
    assert compare_given("con.kon", "cong.on")[0] >= 0.95


def test_a_misspelt_syllable_is_a_typo_a_real_syllable_is_another_name() -> None:
    assert not is_syllable(fold_roman("mynog"))
    assert compare_given("mynok.cor", "myong.cor")[0] > 0.9
    assert compare_given("pyong.cor", "myong.cor")[0] < 0.6


def test_conventional_yoo_spellings_fold_like_yu() -> None:
    assert fold_roman("yoon") == fold_roman("yun")
    assert fold_roman("yoo") == fold_roman("yu")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Hwang Kilsu", "HWANG, Kil Su"),
        ("Ho Yongil", "HO, Yong Il"),
        ("Heo Yong-il", "HO, Yong Il"),
        ("Chang Young-sun", "JANG, Yong Son"),
        ("Yoon Ho Jin", "YUN HO-JIN"),
        ("Bae Won Uk", "PAE WON UK"),
    ],
)
def test_less_common_surnames_get_a_korean_key(query: str, listed: str) -> None:
    q = {k.replace(".", "") for k in normalize_name(query, "Person").korean}
    c = {k.replace(".", "") for k in normalize_name(listed, "Person").korean}
    assert q & c, (q, c)


def test_young_is_a_spelling_of_yong() -> None:
    assert fold_roman("young") == fold_roman("yong")


def test_a_letter_dropped_from_a_long_syllable_counts_half() -> None:
    score, detail = compare_given("ryok", "ryong")  # Ryog for Ryong
    assert score == pytest.approx(0.75) and "missing" in detail
    score, _ = compare_given("kang.hon", "kwang.hon")  # Kang for Kwang
    assert 0.6 < score < 0.9
    # A changed letter in a short syllable is still another name (Un/Il).
    assert compare_given("cong.ir", "cong.on")[0] <= 0.5


def test_typos_only_in_longer_syllables_and_not_in_the_first_letter() -> None:
    assert compare_given("mynok", "myong")[0] > 0.8  # Mynog for Myong
    assert compare_given("ana", "para")[0] < 0.5  # Ana Kim is not Phara Kim
    assert compare_given("ris", "ri")[0] < 0.5  # Luis Lee is not Li Yi


def test_an_unfinished_last_syllable_as_typed_still_matches() -> None:
    assert compare_given("won.h", "won.ho")[0] > 0.8  # "Ri Won H" while typing


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Kim Suil", "KIM, Su Il"),  # u+i read as one vowel (의) when joined
        ("Choe Puil", "CHOE, Pu Il"),
        ("Ri Choil", "RI, Cho Il"),  # o+i read as 외
    ],
)
def test_a_joined_given_name_splits_where_two_vowels_meet(query: str, listed: str) -> None:
    q, c = normalize_name(query, "Person"), normalize_name(listed, "Person")
    assert compare_names(q, c).score >= 0.95
    # Each split is a reading beside the name as written, not instead of it.
    assert SPLIT not in q.korean[0]


def test_two_split_readings_are_not_compared_with_each_other() -> None:
    # Read with Ho as the surname, "Paek" splits into Pa-ek on both sides: the one
    # shared part must not count as two agreeing syllables (Il is not Chang).
    q = normalize_name("Paek Il Ho", "Person")
    c = normalize_name("PAEK CHANG-HO", "Person")
    assert any(SPLIT in k for k in q.korean) and any(SPLIT in k for k in c.korean)
    assert compare_names(q, c).score <= 0.5
    assert compare_given("pa-ek.ir", "pa-ek.cang")[0] == 0.0


def test_a_syllable_ending_in_a_lone_g_is_a_misspelling() -> None:
    # No romanisation ends a syllable in g (final ㄱ is k, ㅇ is ng): Chag is a
    # misspelt Chang, while Chak is a real syllable and another name.
    typo = compare_names(
        normalize_name("CHAG MYONG-CHIN", "Person"), normalize_name("CHANG MYONG-CHIN", "Person")
    )
    assert typo.score > 0.9 and "typo" in typo.detail
    other = compare_names(
        normalize_name("CHAK MYONG-CHIN", "Person"), normalize_name("CHANG MYONG-CHIN", "Person")
    )
    assert other.score <= 0.5
