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

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from normality import ascii_text
from rigour.names import remove_obj_prefixes, replace_org_types_compare

from sanctionwatch.screening import greek, hanja, korean

__all__ = ["LEGAL", "ORG_SCHEMATA", "NormalizedName", "clean_text", "normalize_name", "query_names"]

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


class NormalizedName(NamedTuple):
    """One name, ready to compare (a tuple: cheap to pickle into the index cache).

    ``tokens`` are lowercase ASCII parts in written order (comma form reordered
    to "Given FAMILY"); ``legal`` flags the tokens that are company legal forms;
    ``core`` is the tokens without legal forms and ``joined`` those without
    spaces (catches joined and split words); ``korean`` holds the phonetic keys
    ``surname|given`` when the name reads as a Korean personal name; ``hangul``
    the original Hangul, if any; ``numbers`` the numeric parts.
    """

    original: str
    tokens: tuple[str, ...]
    legal: tuple[bool, ...]
    core: tuple[str, ...]
    joined: str
    korean: tuple[str, ...] = ()
    hangul: str | None = None
    numbers: tuple[str, ...] = ()


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


@lru_cache(maxsize=100_000)
def normalize_name(name: str, schema: str | None = None) -> NormalizedName:
    """Normalise ``name`` for comparison under the given schema (None = unknown)."""
    text = clean_text(name)
    is_org = schema in ORG_SCHEMATA
    # LegalEntity may be a person (UN lists mix them): read Korean keys there too.
    is_person = schema in ("Person", "LegalEntity") or schema is None
    if not is_org and schema != "Vessel":
        text = _reorder_comma(text)
    if schema == "Vessel":
        # "M/V", "MV", "SS", "MT" ... say what the thing is, not which one.
        text = remove_obj_prefixes(text) or text
    hangul: str | None = None
    hangul_words = _HANGUL_WORD_RE.findall(text)
    if hangul_words:
        hangul = " ".join(hangul_words)
        romanised = []
        for word in hangul_words:
            forms = korean.hangul_romanisations(word)
            romanised.append(" ".join(forms[0]) if forms else word)
            text = text.replace(word, " " + " ".join(forms[0]) + " " if forms else word, 1)
    raw_tokens = _ascii_tokens(text)
    if is_org or schema is None:
        generic = replace_org_types_compare(" ".join(raw_tokens), generic=True)
        raw_tokens = _TOKEN_RE.findall(generic) if generic else raw_tokens
    tokens: list[str] = []
    legal: list[bool] = []
    for token in raw_tokens:
        if schema == "Person" and token in _TITLES and len(raw_tokens) > 1:
            continue
        if token in _LEGAL_WORDS and not (schema == "Person" or schema == "Vessel"):
            tokens.append(_LEGAL_WORDS[token])
            legal.append(True)
            continue
        tokens.append(token)
        legal.append(False)
    if not tokens:
        tokens = raw_tokens
        legal = [False] * len(tokens)
    numbers = tuple(t for t in tokens if t.isdigit())
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
        name, tuple(tokens), tuple(legal), core, "".join(core), keys, hangul, numbers
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
