"""Turn a name as written into comparable tokens and keys.

The pipeline, in order: Unicode NFKC; invisible characters dropped; homoglyphs
inside Latin words folded back to Latin; the "FAMILY, Given" comma form
reordered; Hangul romanised syllable by syllable (see :mod:`.korean`); every
other script transliterated to ASCII by ICU (through ``normality``); case,
diacritics and punctuation removed; apostrophes joined (Ch'oe → choe) and
hyphens split (Son-hui → son hui); titles and honorifics dropped for people;
company legal forms (Co., Ltd, Corporation, JSC, OOO, ...) rewritten to one
generic form and flagged, so they count little. Short name parts (Un, Il, Ho,
U) are kept: there are no stop words in person names.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from normality import ascii_text
from rigour.names import (
    NamePartTag,
    NameTypeTag,
    SymbolCategory,
    analyze_names,
    remove_obj_prefixes,
    replace_org_types_compare,
)

from sanctionwatch.screening import greek, hanja, korean

__all__ = [
    "LEGAL",
    "ORG_SCHEMATA",
    "PERSON_SYMBOLS_ENV",
    "NormalizedName",
    "clean_text",
    "load_taggers",
    "name_symbols",
    "normalize_name",
    "person_symbols",
    "person_symbols_enabled",
    "query_names",
]

ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity"})

# Zero-width and other format characters used to defeat exact matching.
_INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\ufeff",
    "\u00ad",
    "\u034f",
    "\u180e",
    "\u061c",
    "\u0640",
}

# Cyrillic and Greek letters that look like Latin ones. Applied only inside a
# word that already mixes Latin with them, so real Cyrillic text is left to ICU.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "һ": "h",
        "ӏ": "l",
        "ԛ": "q",
        "ԝ": "w",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "κ": "k",
        "τ": "t",
        "ι": "i",
        "υ": "u",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "0": "0",
        "ı": "i",
    }
)

_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "sheikh",
        "shaykh",
        "sheik",
        "haji",
        "hajji",
        "hadji",
        "mullah",
        "maulana",
        "maulvi",
        "imam",
        "gen",
        "general",
        "lt",
        "ltg",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "adm",
        "admiral",
        "cmdr",
        "commander",
        "sgt",
        "marshal",
        "vice",
        "rear",
        "brig",
        "brigadier",
        "his",
        "her",
        "excellency",
        "hon",
        "honorable",
        "honourable",
        "rev",
        "reverend",
        "fr",
        "father",
        "sayyid",
        "sayed",
        "sayyed",
        "amir",
        "emir",
        "prince",
        "princess",
        "king",
        "queen",
        "president",
        "minister",
        "ambassador",
        "comrade",
        "mister",
        # Offices that reports and bank records put before a name.
        "director",
        "deputy",
        "chairman",
        "chairwoman",
        "premier",
        "secretary",
        "excellence",
    }
)

# Generic legal-form words not in rigour's org-type table, folded to one token
# each; the table itself handles the country-specific forms (OOO, GmbH, ...).
_LEGAL_WORDS: dict[str, str] = {
    "corporation": "corp",
    "corp": "corp",
    "incorporated": "inc",
    "inc": "inc",
    "company": "co",
    "co": "co",
    "companies": "co",
    "limited": "ltd",
    "ltd": "ltd",
    "llc": "llc",
    "plc": "plc",
    "jsc": "jsc",
    "ojsc": "jsc",
    "cjsc": "jsc",
    "pjsc": "jsc",
    "ooo": "llc",
    "zao": "jsc",
    "oao": "jsc",
    "pao": "jsc",
    "ao": "jsc",
    "tov": "llc",
    "gmbh": "llc",
    "ag": "jsc",
    "sa": "jsc",
    "srl": "llc",
    "bv": "llc",
    "nv": "jsc",
    "pte": "pte",
    "pvt": "pvt",
    "lp": "lp",
    "llp": "lp",
    "fze": "fze",
    "fzco": "fze",
    "fzc": "fze",
    "coltd": "ltd",
    "sdn": "sdn",
    "bhd": "bhd",
    "group": "group",
    "enterprise": "ent",
    "enterprises": "ent",
    "holding": "holding",
    "holdings": "holding",
    "general": "general",
    "gen": "general",
    "the": "the",
    "and": "and",
    "of": "of",
}
# Marker put on legal-form tokens so features can weight them down.
LEGAL = "legal"

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_ALNUM_SPLIT = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_HANGUL_WORD_RE = re.compile(r"[\uac00-\ud7a3]+")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
_LEET_RE = re.compile(r"(?<=[A-Za-z])[013457-9](?=[A-Za-z])")
_HAN_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")

# rigour symbol categories that say two spans mean the same thing. Legal forms
# (ORG_CLASS) are handled by our own legal-form flags, initials by the part
# comparison, phonetic codes are too loose to count as identity.
_SYMBOL_CATEGORIES = {
    SymbolCategory.NAME: "NAME",
    SymbolCategory.NICK: "NICK",
    SymbolCategory.NUMERIC: "NUM",
    SymbolCategory.SYMBOL: "SYMBOL",
    SymbolCategory.DOMAIN: "DOMAIN",
    SymbolCategory.LOCATION: "LOC",
}
# Every name but a person's is read with rigour's organisation tagger (cheap to
# load); its "entity" type would load the person tagger too.

# rigour's person-name tagger (the same given or family name across scripts,
# nicknames) costs ~7 s of CPU and ~400 MiB when a process first uses it, which
# one-shot CLI runs and small batches cannot afford: it is opt-in.
PERSON_SYMBOLS_ENV = "SANCTIONWATCH_PERSON_NAME_SYMBOLS"


@lru_cache(maxsize=1)
def person_symbols_enabled() -> bool:
    """True when ``SANCTIONWATCH_PERSON_NAME_SYMBOLS`` is 1/true/yes/on.

    Read once per process (call ``person_symbols_enabled.cache_clear()`` after
    changing the environment).
    """
    return os.environ.get(PERSON_SYMBOLS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _rigour_symbols(
    text: str, schema: str | None
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...], tuple[str, ...]]:
    # Every schema but Person reads alike: one cache entry serves a query's
    # readings under several schemata.
    return _tagged(text, schema == "Person")


@lru_cache(maxsize=100_000)
def _tagged(
    text: str, person: bool
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...], tuple[str, ...]]:
    """rigour's parts, shared-meaning symbols and numbers for one name.

    Numbers are the values of the widest numeric spans ("Forty-Four" is 44, not
    40 and 4); a lone letter counts as a roman numeral only as the last part
    after a longer part ("Fund I"), not inside a name ("M V Kumsong", "K O T I").
    """
    type_tag = NameTypeTag.PER if person else NameTypeTag.ORG
    analysed = analyze_names(type_tag, [text], consolidate=False, phonetics=False)
    if not analysed:
        return (), (), ()
    name = max(analysed, key=lambda n: len(n.parts))
    parts = tuple(p.ascii or ascii_text(p.form) or p.form for p in name.parts)
    symbols: list[tuple[str, tuple[int, ...]]] = []
    numeric: list[tuple[tuple[int, ...], str]] = []
    for span in name.spans:
        category = _SYMBOL_CATEGORIES.get(span.symbol.category)
        if category is None:
            continue
        indices = tuple(p.index for p in span.parts)
        symbols.append((f"{category}:{span.symbol.id}", indices))
        if category == "NUM":
            numeric.append((indices, str(span.symbol.id)))
    last = max((p.index for p in name.parts if p.tag != NamePartTag.LEGAL), default=-1)
    numbers: list[str] = []
    for indices, value in numeric:
        wider = any(set(indices) < set(other) for other, _ in numeric)
        at = indices[0]
        lone = len(indices) == 1 and len(parts[at]) == 1 and parts[at].isalpha()
        # "Fund I" ends in a numeral; "K O T I" is a name spelt out letter by letter.
        spelt = at == 0 or len(parts[at - 1]) == 1
        if wider or (lone and (at != last or spelt)):
            continue
        numbers.append(value)
    return parts, tuple(sorted(set(symbols))), tuple(sorted(set(numbers)))


class NormalizedName(NamedTuple):
    """One name, ready to compare (a tuple: cheap to pickle into the index cache).

    ``tokens`` are lowercase ASCII parts in written order (comma form reordered
    to "Given FAMILY"); ``legal`` flags the tokens that are company legal forms;
    ``core`` is the tokens without legal forms and ``joined`` those without
    spaces (catches joined and split words); ``korean`` holds the phonetic keys
    ``surname|given`` when the name reads as a Korean personal name; ``hangul``
    the original Hangul, if any; ``numbers`` the numeric parts (digits, and
    for non-person names number words, ordinals and roman numerals: "Forty-Four"
    → 44, "1st" → 1, "Fund VIII" → 8).

    ``parts`` and ``symbols`` are rigour's reading of the name (empty for a
    person's name until :func:`name_symbols` reads them): its parts (in
    ASCII where they can be) and the symbols its tagger attaches to spans of
    them, as ``("CATEGORY:id", part indices)``; ``person`` marks a person's name: the same Wikidata given or
    family name in any script (贝拉克 and Barack), nicknames (Ben → Benjamin),
    numbers, and organisation vocabulary (Int'l → International).
    """

    original: str
    tokens: tuple[str, ...]
    legal: tuple[bool, ...]
    core: tuple[str, ...]
    joined: str
    korean: tuple[str, ...] = ()
    hangul: str | None = None
    numbers: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    symbols: tuple[tuple[str, tuple[int, ...]], ...] = ()
    person: bool = False


def clean_text(text: str) -> str:
    """NFKC, invisible characters removed, homoglyphs in Latin words folded, spaces squeezed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch not in _INVISIBLE
        and unicodedata.category(ch) not in ("Cf", "Cc", "Mn")
        or ch.isspace()
    )
    if _mostly_latin(text):
        # Look-alike Cyrillic/Greek letters in a Latin name are disguise, not script.
        text = text.translate(_HOMOGLYPHS)
    return " ".join(text.split())


def _mostly_latin(text: str) -> bool:
    latin = lookalike = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
        elif ch.translate(_HOMOGLYPHS) != ch:
            lookalike += 1
        else:
            other += 1
    if lookalike == 0:
        return False
    # Either Latin letters dominate, or every non-Latin letter is a look-alike
    # (a disguised all-caps name such as "РАК").
    digits = any(ch.isdigit() for ch in text)
    return latin > lookalike + other or (other == 0 and (latin > 0 or digits))


def _reorder_comma(text: str) -> str:
    # "CHOE, Son Hui" → "Son Hui CHOE"; only one comma with short sides is a name order.
    if text.count(",") != 1:
        return text
    family, given = (part.strip() for part in text.split(","))
    if not family or not given or len(family.split()) > 3 or len(given.split()) > 4:
        return text
    return f"{given} {family}"


def _ascii_tokens(text: str) -> list[str]:
    text = text.replace("'", "").replace("’", "").replace("‘", "").replace("`", "")
    text = text.replace("ʼ", "").replace("ʻ", "")
    latin = ascii_text(text) or ""
    latin = latin.replace("'", "")
    # A digit between letters is a disguised letter ("Ig0r Sech1n"); other
    # letters and digits part ways: "Kumsong7" → "kumsong 7", "P-552" → "p 552".
    latin = _LEET_RE.sub(lambda m: _LEET[m.group(0)], latin)
    return [t.lower() for t in _TOKEN_RE.findall(_ALNUM_SPLIT.sub(" ", latin))]


_VOWELS = frozenset("aeiouy")


def _all_latin(text: str) -> bool:
    return all(
        ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha()
    )


def _split_initials(token: str) -> list[str]:
    # In a person's name written in Latin letters, two or three consonants and
    # no vowel are initials written together ("JC Juncker" = J. C. Juncker):
    # every name syllable, romanised Korean included, has a vowel. Text
    # transliterated from Arabic and others often has none, hence Latin only.
    if (
        2 <= len(token) <= 3
        and token.isalpha()
        and token not in ("ng", "st")
        and not _VOWELS & set(token)
    ):
        return list(token)
    return [token]


def _join_letter_runs(tokens: list[str]) -> list[str]:
    # In a company or vessel name, letters written apart are one acronym
    # ("C.B.A." → "cba", "K O T I" → "koti"), and their order matters.
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if token:
            out.append(token)
    return out


Symbols = tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...]]


def load_taggers() -> None:
    """Load rigour's name taggers now (before forking workers that share them).

    The person-name tagger only when :func:`person_symbols_enabled`.
    """
    _tagged("Korea Mining Development Trading Corporation", False)
    if person_symbols_enabled():
        _tagged("Kim Jong Un", True)


def name_symbols(name: NormalizedName) -> Symbols:
    """rigour's parts and symbols of a name, read on first use for a person's name.

    A person's are empty unless :func:`person_symbols_enabled`.
    """
    if name.symbols or not name.person:
        return name.parts, name.symbols
    if not person_symbols_enabled():
        return (), ()
    return person_symbols(name.original)


@lru_cache(maxsize=100_000)
def person_symbols(name: str) -> Symbols:
    """Parts and symbols of a person's name (rigour's person-name tagger).

    The tagger loads on the first call (several seconds, a few hundred MiB), so
    only comparisons that need it pay for it.
    """
    text = _reorder_comma(clean_text(name))
    parts, symbols, _ = _rigour_symbols(text, "Person")
    return parts, symbols


@lru_cache(maxsize=100_000)
def normalize_name(name: str, schema: str | None = None) -> NormalizedName:
    """Normalise ``name`` for comparison under the given schema.

    None (unknown) reads the name as written: no legal forms, Korean keys read.
    """
    text = clean_text(name)
    is_org = schema in ORG_SCHEMATA
    # LegalEntity may be a person (UN lists mix them): read Korean keys there too.
    is_person = schema in ("Person", "LegalEntity") or schema is None
    if not is_org and schema != "Vessel":
        text = _reorder_comma(text)
    if schema == "Vessel":
        # "M/V", "MV", "SS", "MT" ... say what the thing is, not which one.
        text = remove_obj_prefixes(text) or text
    # A person's symbols need rigour's person-name tagger (~7 s and ~400 MiB to
    # load): they are read lazily, only for pairs spelling cannot explain
    # (see person_symbols). Other names' symbols are cheap and read here.
    parts: tuple[str, ...] = ()
    symbols: tuple[tuple[str, tuple[int, ...]], ...] = ()
    symbol_numbers: tuple[str, ...] = ()
    if schema != "Person":
        parts, symbols, symbol_numbers = _rigour_symbols(text, schema)
    hangul: str | None = None
    hangul_words = _HANGUL_WORD_RE.findall(text)
    if hangul_words:
        hangul = " ".join(hangul_words)
        romanised = []
        for word in hangul_words:
            forms = korean.hangul_romanisations(word)
            romanised.append(" ".join(forms[0]) if forms else word)
            text = text.replace(word, " " + " ".join(forms[0]) + " " if forms else word, 1)
    # An unknown schema reads the name as written, every word a name part: words
    # some country uses as a legal form (In, Se, Sa, Yu) are Korean name syllables
    # ("Oh In-choon"). The screener adds the organisation reading beside it.
    if is_org:
        # Legal forms written as phrases are read in the original script first,
        # since transliteration breaks them ("Sp. z o.o.", "Gesellschaft mit
        # beschränkter Haftung", "Общество с ограниченной ответственностью");
        # one-word forms once the tokens are Latin (ООО → ooo → llc, Лимитед →
        # limited), so a transliterated "Лимитед Лиабилиты Цомпаны" stays whole.
        # rigour's table is lower-case.
        phrased = replace_org_types_compare(text.lower(), generic=True)
        if phrased and len(phrased.split()) < len(text.split()):
            text = phrased
    raw_tokens = _ascii_tokens(text)
    if is_org:
        generic = replace_org_types_compare(" ".join(raw_tokens), generic=True)
        raw_tokens = _TOKEN_RE.findall(generic) if generic else raw_tokens
    if schema != "Person":
        raw_tokens = _join_letter_runs(raw_tokens)
    elif _all_latin(text):
        raw_tokens = [part for token in raw_tokens for part in _split_initials(token)]
    tokens: list[str] = []
    legal: list[bool] = []
    for token in raw_tokens:
        if schema == "Person" and token in _TITLES and len(raw_tokens) > 1:
            continue
        if token in _LEGAL_WORDS and schema not in (None, "Person", "Vessel"):
            tokens.append(_LEGAL_WORDS[token])
            legal.append(True)
            continue
        tokens.append(token)
        legal.append(False)
    if not tokens:
        tokens = raw_tokens
        legal = [False] * len(tokens)
    numbers = tuple(t for t in tokens if t.isdigit())
    if schema != "Person" and symbol_numbers:
        numbers = tuple(sorted({str(int(n)) for n in numbers} | set(symbol_numbers)))
    keys: tuple[str, ...] = ()
    if is_person:
        words = [t for t in tokens if not t.isdigit()]
        keys = tuple(
            korean.korean_keys(words, hangul if hangul and len(hangul_words) == 1 else None)
        )
        if hangul and len(hangul_words) > 1:
            keys = tuple(korean.korean_keys(words))
    core = tuple(t for t, is_legal in zip(tokens, legal, strict=True) if not is_legal)
    core = core or tuple(tokens)
    return NormalizedName(
        name,
        tuple(tokens),
        tuple(legal),
        core,
        "".join(core),
        keys,
        hangul,
        numbers,
        parts,
        symbols,
        schema == "Person",
    )


# Three or more single letters in a row: a name spelt out to dodge screening ("S E V A S T").
_SPELT_OUT_RE = re.compile(r"(?<![\w/])(?:[^\W\d_][ .\-]+){2,}[^\W\d_](?!\w)")


def query_names(name: str, schema: str | None) -> list[NormalizedName]:
    """Every reading of a query name: as written, with spelt-out letters joined,
    a sound-based reading of Greek script, and a Korean reading of hanja."""
    names = [normalize_name(name, schema)]
    if greek.has_greek(name) and not _mostly_latin(clean_text(name)):
        names += [normalize_name(r, schema) for r in greek.phonetic_readings(clean_text(name))]
    joined = _SPELT_OUT_RE.sub(lambda m: re.sub(r"[ .\-]+", "", m.group(0)), name)
    if joined != name:
        names.append(normalize_name(joined, schema))
    if schema in (None, "Person") and _HAN_RE.search(name):
        reading = hanja.korean_reading(clean_text(name))
        if reading:
            names.append(normalize_name(reading, schema))
    return names
