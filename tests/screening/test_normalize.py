from __future__ import annotations

from sanctionwatch.screening.normalize import clean_text, normalize_name, query_names


def test_invisible_characters_are_dropped() -> None:
    assert normalize_name("Ki\u200bm Jo\u00adng\u2060 Un", "Person").tokens == ("kim", "jong", "un")


def test_homoglyphs_in_latin_names_fold_to_latin() -> None:
    # Cyrillic К, О and Greek Ν disguised inside Latin names.
    assert normalize_name("КIM JОNG UN", "Person").tokens == ("kim", "jong", "un")
    assert normalize_name("RА ΝАM 2", "Vessel").tokens == ("ra", "nam", "2")
    assert clean_text("Сергей Лавров") == "Сергей Лавров"  # real Cyrillic is left to ICU


def test_scripts_are_transliterated() -> None:
    assert normalize_name("Сергей Лавров", "Person").tokens == ("sergej", "lavrov")
    assert normalize_name("리원호", "Person").tokens == ("ri", "won", "ho")


def test_hanja_names_get_a_korean_reading() -> None:
    readings = [n.tokens for n in query_names("金正恩", "Person")]
    assert ("kim", "chong", "un") in readings


def test_comma_form_titles_and_digits() -> None:
    assert normalize_name("CHOE, Son Hui", "Person").tokens == ("son", "hui", "choe")
    assert normalize_name("General Kim Yong Chol", "Person").tokens == ("kim", "yong", "chol")
    assert normalize_name("Ig0r Sech1n", "Person").tokens == ("igor", "sechin")


def test_legal_forms_fold_and_are_flagged() -> None:
    a = normalize_name("Korea Ryonbong General Corporation", "Organization")
    b = normalize_name("KOREA RYONBONG GEN. CORP.", "Organization")
    assert a.core == b.core == ("korea", "ryonbong")
    ooo = normalize_name("OOO Gazprom", "Company")
    assert ooo.core == ("gazprom",) and ooo.legal[0]


def test_vessel_prefixes_and_numbers() -> None:
    name = normalize_name("M/V Kumsong7", "Vessel")
    assert name.tokens == ("kumsong", "7")
    assert name.numbers == ("7",)


def test_spelt_out_letters_are_also_read_joined() -> None:
    readings = [n.tokens for n in query_names("M/V S E V A S T O P O L", "Vessel")]
    assert ("sevastopol",) in readings
    assert [n.tokens for n in query_names("Kim Jong Un", "Person")] == [("kim", "jong", "un")]


def test_offices_before_a_name_are_titles() -> None:
    for title in ("Director", "Deputy", "Chairman", "Premier"):
        assert normalize_name(f"{title} Ri Won Ho", "Person").tokens == ("ri", "won", "ho")
