from __future__ import annotations

from sanctionwatch.screening.normalize import (
    clean_text,
    name_symbols,
    normalize_name,
    query_names,
)


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


def test_legal_form_phrases_are_read_before_transliteration() -> None:
    for name in (
        'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "БАЙКАЛ"',
        "Baikal Gesellschaft mit beschränkter Haftung",
        "BAIKAL Sp. z o.o.",
    ):
        norm = normalize_name(name, "Company")
        assert norm.core == ("bajkal",) or norm.core == ("baikal",), norm
        assert any(norm.legal)
    # A transliterated English form stays one phrase (read after transliteration).
    cyr = normalize_name("Лимитед Лиабилиты Цомпаны Алис", "Company")
    assert "limited" not in cyr.core


def test_numbers_from_words_ordinals_and_roman_numerals() -> None:
    assert normalize_name("Brigade Forty-Four", "Organization").numbers == ("44",)
    assert normalize_name("First Bank", "Company").numbers == ("1",)
    assert normalize_name("Apollo Investment Fund VIII L.P.", "Company").numbers == ("8",)
    # Letters spelt out are a name, not numerals; people have no numbers from words.
    assert normalize_name("K O T I", "Vessel").numbers == ()
    assert normalize_name("John First", "Person").numbers == ()


def test_rigour_symbols_are_read_for_comparison(person_symbols: None) -> None:
    norm = normalize_name("Ben Netanyahu", "Person")
    # A person's symbols are read lazily (rigour's person tagger is costly to load).
    assert norm.person and norm.symbols == ()
    parts, symbols = name_symbols(norm)
    assert parts == ("ben", "netanyahu")
    assert any(s.startswith("NICK:") and idx == (0,) for s, idx in symbols)
    org = normalize_name("First Bank Int'l", "Company")
    assert any(s == "SYMBOL:INTL" for s, _ in org.symbols)


def test_initials_written_together_are_split_in_latin_person_names() -> None:
    assert normalize_name("JC Juncker", "Person").tokens == ("j", "c", "juncker")
    # Korean syllables always carry a vowel; "Ng" is a surname; companies keep acronyms.
    assert normalize_name("Ng Kim Un", "Person").tokens == ("ng", "kim", "un")
    assert normalize_name("JSC Sberbank", "Company").tokens[0] != "j"


def test_spelt_out_letters_are_also_read_joined() -> None:
    readings = [n.tokens for n in query_names("M/V S E V A S T O P O L", "Vessel")]
    assert ("sevastopol",) in readings
    assert [n.tokens for n in query_names("Kim Jong Un", "Person")] == [("kim", "jong", "un")]


def test_offices_before_a_name_are_titles() -> None:
    for title in ("Director", "Deputy", "Chairman", "Premier"):
        assert normalize_name(f"{title} Ri Won Ho", "Person").tokens == ("ri", "won", "ho")


def test_an_unknown_schema_keeps_every_word_of_the_name() -> None:
    # "In" is a legal form in rigour's table (and Sa, Se, Yu in some countries), but
    # a syllable of a Korean name: read without a schema, the name keeps it.
    unknown = normalize_name("Oh In-choon", None)
    assert unknown.tokens == ("oh", "in", "choon") and not any(unknown.legal)
    assert "o|in.con" in unknown.korean
    assert normalize_name("Ri Sa Ung", None).tokens == ("ri", "sa", "ung")
    # The organisation reading still folds legal forms.
    assert normalize_name("Kumsong Trading Co Ltd", "Organization").core == ("kumsong", "trading")
