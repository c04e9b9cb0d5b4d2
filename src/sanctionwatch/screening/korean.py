"""Korean names: Hangul romanisation and a spelling-independent phonetic key.

One Korean name reaches an analyst in many spellings (McCune–Reischauer with
breves or apostrophes, Revised Romanization, DPRK style, South-Korean
conventional spellings, Hangul). Spellings differ mostly in how they write the
same sounds, so we fold every spelling into one small alphabet:

* consonants lose aspiration/tensing and voicing (k/g/kk/k' → k, ch/j/tch → c,
  t/d → t, p/b → p, l/r → r, sh/ss → s);
* vowels lose the distinctions romanisations disagree on (ŏ/eo/o/u/ŭ/eu/oo → o,
  ae/e/ai → e, ui/ŭi/ee/i → i, oe/oi/we/wae → we, yŏ/yeo/yo/yu → yo).

A syllable folds the same way whether it comes from a Hangul block (decomposed
into jamo arithmetically) or from a romanised token, so "Choe Son Hui",
"CH'OE SO'N HU'I", "Choi Sun-hee", "Choe Sonhui" and 최선희 all give the key
``cwe|sonhi``. Surnames fold through a table of their known spellings
(Ri/Li/Lee/Yi/Rhee, Pak/Park/Bak, ...). The key keeps every syllable: short
syllables such as Un, Il, Ho and U carry the difference between two people.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

__all__ = [
    "SPLIT",
    "canonical_joined",
    "compare_given",
    "compare_hangul",
    "fold_roman",
    "hangul_romanisations",
    "hangul_to_folded",
    "is_hangul",
    "is_syllable",
    "korean_keys",
    "surname_key",
]

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3

# Jamo order of the Unicode Hangul syllables block.
_INITIALS_FOLD = [
    "k",
    "k",
    "n",
    "t",
    "t",
    "r",
    "m",
    "p",
    "p",
    "s",
    "s",
    "",
    "c",
    "c",
    "c",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS_FOLD = [
    "a",
    "e",
    "ya",
    "ye",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "we",
    "we",
    "yo",
    "o",
    "wo",
    "we",
    "wi",
    "yo",
    "o",
    "i",
    "i",
]

# Romanisations of each jamo: (McCune–Reischauer without breves as the UN and
# the DPRK write it, Revised Romanization).
_INITIALS_MR = [
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "ch",
    "tch",
    "ch'",
    "k'",
    "t'",
    "p'",
    "h",
]
_INITIALS_RR = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS_MR = [
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
]
_VOWELS_RR = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
# Final consonants are written alike in McCune-Reischauer and Revised Romanization.
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]
# Folded, final ㄹ is r like initial ㄹ (Kil, Gil → kir).
_FINALS_FOLD = [final.replace("l", "r") for final in _FINALS]

# Romanised spelling units, longest first, and their folded form.
_ROMAN_UNITS: dict[str, str] = {
    # vowels and diphthongs
    "yeo": "yo",
    "yoo": "yo",  # South-Korean conventional 유/윤: Yoo, Yoon (= Yu, Yun)
    "you": "yo",  # and 용/영 as Young
    "yae": "ye",
    "wae": "we",
    "weo": "wo",
    "eui": "i",
    "eo": "o",
    "eu": "o",
    "oo": "o",
    "ou": "o",
    "ae": "e",
    "ai": "e",
    "ay": "e",
    "oe": "we",
    "oi": "we",
    "we": "we",
    "wi": "wi",
    "wo": "wo",
    "wa": "wa",
    "uo": "wo",
    "ua": "wa",
    "ui": "i",
    "ee": "i",
    "ea": "i",
    "yo": "yo",
    "yu": "yo",
    "ya": "ya",
    "ye": "ye",
    "a": "a",
    "e": "e",
    "i": "i",
    "o": "o",
    "u": "o",
    "y": "y",
    "w": "w",
    # consonants
    "tch": "c",
    "ch": "c",
    "jj": "c",
    "j": "c",
    "ts": "c",
    "sh": "s",
    "ss": "s",
    "s": "s",
    "kk": "k",
    "gg": "k",
    "kh": "k",
    "k": "k",
    "g": "k",
    "q": "k",
    "c": "c",
    "tt": "t",
    "th": "t",
    "dd": "t",
    "t": "t",
    "d": "t",
    "pp": "p",
    "ph": "p",
    "bb": "p",
    "p": "p",
    "b": "p",
    "f": "p",
    "v": "p",
    "rh": "r",
    "r": "r",
    "l": "r",
    "ll": "r",
    "rr": "r",
    "ng": "ng",
    "n": "n",
    "mm": "m",
    "m": "m",
    "h": "h",
    "x": "ks",
    "z": "c",
}
_ROMAN_RE = re.compile(
    "|".join(sorted((re.escape(u) for u in _ROMAN_UNITS), key=len, reverse=True))
)

# Folded surname spellings → one canonical key per surname.
_SURNAME_GROUPS: dict[str, tuple[str, ...]] = {
    "ri": ("ri", "li", "lee", "yi", "rhee", "i", "rii", "lie", "rhie", "ree", "leigh"),
    "pak": ("pak", "park", "bak", "bahk", "pack", "paik"),
    "cwe": ("choe", "choi", "chwe", "choy", "chey", "tsoi"),
    "cong": ("jong", "chong", "jeong", "chung", "cheong", "joung", "jung", "chung", "jeung"),
    "co": ("jo", "cho", "joe", "chough"),
    "kim": ("kim", "gim", "ghim", "kym"),
    "kang": ("kang", "gang", "khang"),
    "ko": ("ko", "go", "koh", "goh"),
    "kwon": ("kwon", "gwon", "kwan"),
    "ryu": ("ryu", "yu", "yoo", "lyu", "ryoo", "rew", "you"),
    "rim": ("rim", "im", "lim", "yim"),
    "ryang": ("ryang", "yang"),
    "ro": ("ro", "no", "roh", "noh"),
    "ryo": ("ryo", "yeo", "yo"),
    "ryom": ("ryom", "yeom", "yom", "yum", "yeum"),
    "han": ("han", "hahn"),
    "hyon": ("hyon", "hyun", "hyeon"),
    "o": ("o", "oh"),
    "u": ("u", "woo", "wu"),
    "sin": ("sin", "shin"),
    "song": ("song", "sung"),
    "son": ("son", "sohn"),
    "cang": ("jang", "chang"),
    "con": ("jon", "chon", "jeon", "chun", "cheon"),
    "tong": ("tong", "dong"),
    "to": ("to", "do", "doh", "toh"),
    "mun": ("mun", "moon"),
    "paek": ("paek", "baek", "paik", "baik"),
    # Less common surnames: listed DPRK people carry them too (Hwang Kil Su, Ho Yong Il).
    "hwang": ("hwang",),
    "ho": ("ho", "heo", "huh", "hur"),
    "an": ("an", "ahn"),
    "so": ("so", "seo", "suh"),
    "pe": ("pae", "bae"),
    "hong": ("hong",),
    "nam": ("nam",),
    "ha": ("ha",),
    "kwak": ("kwak", "gwak", "kwack"),
    "ca": ("cha",),
    "min": ("min",),
    "cin": ("chin", "jin"),
    "ci": ("ji", "chi"),
    "om": ("om", "eom", "um", "uhm"),
    "ce": ("chae", "chai"),
    "won": ("won", "weon"),
    "pang": ("pang", "bang"),
    "kong": ("kong", "gong"),
    "ham": ("ham", "hahm"),
    "pyon": ("pyon", "byon", "byun", "byeon", "pyun"),
    "sim": ("sim", "shim"),
    "ma": ("ma",),
    "kir": ("kil", "gil"),
    "pyo": ("pyo",),
    "myong": ("myong", "myung", "myeong"),
    "ki": ("ki", "gi"),
    "kye": ("kye", "gye"),
    "te": ("thae", "tae"),
    "kom": ("kum", "keum", "kuem"),
    "ok": ("ok",),
    "meng": ("maeng",),
    "tak": ("thak", "tak"),
    "yon": ("yun", "yoon", "yon", "yeon"),
    "sok": ("sok", "seok", "suk"),
    "sor": ("sol", "seol"),
    "po": ("pu", "bu", "boo"),
    "wi": ("wi", "wee"),
    "pan": ("pan", "ban"),
    "kyong": ("kyong", "kyung", "gyeong"),
    "pong": ("pong", "bong"),
    "mo": ("mo",),
    "ryok": ("ryuk", "yuk"),
}


def _fold_roman_uncached(text: str) -> str:
    return "".join(_ROMAN_UNITS[m.group(0)] for m in _ROMAN_RE.finditer(text))


@lru_cache(maxsize=200_000)
def fold_roman(token: str) -> str:
    """Fold one romanised token (lowercase ASCII, no apostrophes) into the key alphabet."""
    if token.startswith("woo"):
        # South-Korean spelling writes an initial 우 as "Woo" (Woong = Ung, Woo = U).
        token = token[1:]
    return _fold_roman_uncached(token)


_SURNAMES: dict[str, str] = {}
for _canon, _spellings in _SURNAME_GROUPS.items():
    for _spelling in _spellings:
        _SURNAMES.setdefault(_fold_roman_uncached(_spelling), _canon)
        _SURNAMES.setdefault(_spelling, _canon)


def surname_key(token: str) -> str | None:
    """The canonical key of a Korean surname spelling, or None if it is not one we know."""
    return _SURNAMES.get(token) or _SURNAMES.get(fold_roman(token))


def is_hangul(text: str) -> bool:
    """True if ``text`` contains a precomposed Hangul syllable."""
    return any(_HANGUL_BASE <= ord(ch) <= _HANGUL_LAST for ch in text)


def _jamo(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - _HANGUL_BASE
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_BASE:
        return None
    return code // 588, (code % 588) // 28, code % 28


def hangul_to_folded(text: str) -> list[str]:
    """Folded key of each Hangul syllable in ``text`` (other characters are skipped)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        parts = _jamo(ch)
        if parts is None:
            continue
        ini, vow, fin = parts
        out.append(_INITIALS_FOLD[ini] + _VOWELS_FOLD[vow] + _FINALS_FOLD[fin])
    return out


def _romanise(word: str, initials: list[str], vowels: list[str], finals: list[str]) -> list[str]:
    syllables: list[str] = []
    for ch in word:
        parts = _jamo(ch)
        if parts is None:
            continue
        ini, vow, fin = parts
        syllables.append((initials[ini] + vowels[vow] + finals[fin]).replace("'", ""))
    return syllables


def hangul_romanisations(word: str) -> list[list[str]]:
    """Romanise a Hangul word syllable by syllable: DPRK/McCune–Reischauer and RR.

    Returns one syllable list per system (duplicates removed); the first syllable
    of a word keeps DPRK "r" (리 → ri), as the UN list writes DPRK names.
    """
    forms: list[list[str]] = []
    for ini, vow, fin in (
        (_INITIALS_MR, _VOWELS_MR, _FINALS),
        (_INITIALS_RR, _VOWELS_RR, _FINALS),
    ):
        syllables = _romanise(word, ini, vow, fin)
        if syllables and syllables not in forms:
            forms.append(syllables)
    return forms


_VOWEL_LETTERS = frozenset("aeiou")


def _fold_given(token: str) -> str:
    # No romanisation ends a syllable in a lone g (a final ㄱ is k, ㅇ is ng): "Chag"
    # is a misspelt Chang, not the real syllable Chak its folding would make of it.
    if len(token) >= 3 and token[-1] == "g" and token[-2] in _VOWEL_LETTERS:
        return fold_roman(token[:-1]) + "g"
    return fold_roman(token)


# Marks the syllable boundary of a split reading in a key ("kim|so-ir" for Suil).
SPLIT = "-"


def _given_keys(tokens: list[str]) -> list[str]:
    """Folded given names: as written, then each joined part split where two vowels meet.

    Folding reads a vowel pair as one vowel (ui → i: Hui, oe → we: Choe), but in
    a joined given name the pair may straddle two syllables: "Suil" is far more
    likely Su-il (수일) than the rare single syllable 싈. Each such split is
    another key, its boundary marked with :data:`SPLIT`.
    """
    folded = [_fold_given(t) for t in tokens]
    keys = [".".join(folded)]
    for n, token in enumerate(tokens):
        for i in range(1, len(token) - 1):
            if token[i - 1] not in _VOWEL_LETTERS or token[i] not in _VOWEL_LETTERS:
                continue
            left, right = fold_roman(token[:i]), _fold_given(token[i:])
            if left + right == folded[n] or not is_syllable(left):
                continue  # the split reads the same (or leaves no syllable before it)
            key = ".".join([*folded[:n], left + SPLIT + right, *folded[n + 1 :]])
            if key not in keys:
                keys.append(key)
    return keys


def canonical_joined(given: str) -> str:
    # Syllable boundaries are lost when given names are joined, and ㄴ+ㄱ / ㅇ+ㅇ
    # read alike across them (Jong-un, Jon-gun): fold that one ambiguity.
    return given.replace(".", "").replace(SPLIT, "").replace("nk", "ng")


_SYLLABLE_RE = re.compile(r"^[kntrmpsch]?(?:a|e|i|o|ya|ye|yo|wa|we|wi|wo)(?:ng|[kntrmp])?$")


def is_syllable(folded: str) -> bool:
    """True if a folded string is one possible Korean syllable."""
    return bool(_SYLLABLE_RE.match(folded))


def _is_typo(query: str, listed: str) -> bool:
    # A misspelt syllable is no syllable at all ("Mynog"); a real syllable one
    # letter away from the listed one ("Pyong" for "Myong") is another name.
    if is_syllable(query):
        return False
    if len(listed) < 4:
        # A short syllable tolerates only being unfinished, as typed ("Ri Won H"):
        # "Ris" is not a misspelt "Ri".
        return listed.startswith(query)
    # Never in the first letter (Myong/Pyong are two names): "Ana" is not "Para".
    if query[:1] != listed[:1]:
        return False
    return OSA.distance(query, listed) <= (2 if len(listed) >= 5 else 1)


def _is_dropped_letter(query: str, listed: str) -> bool:
    # One letter left out of a long syllable (Ryong → Ryog, Kwang → Kang) reads as
    # a slip more often than as another name, so it counts for half; a letter
    # changed in a short syllable (Un/Il) still makes another person.
    if len(listed) < 5 or len(query) != len(listed) - 1:
        return False
    if listed.endswith("ng") and query == listed[:-2] + "k":
        return True  # the n of a final ng left out: the lone g folds to k (Ryog ~ Ryong)
    return any(listed[:i] + listed[i + 1 :] == query for i in range(len(listed)))


def compare_given(query: str, listed: str) -> tuple[float, str]:
    """Compare two folded given names (syllables separated by ".") of the same surname.

    Same syllables → 1.0. With the same syllable count, each syllable must fold
    alike; one typo is tolerated only in a long syllable (≥ 5 letters: Myong,
    Kyong), since a letter changed in a short one makes another syllable
    (Un/Il, Tong/Yong). A different syllable counts against twice: it is
    evidence of a different person, not just a missing part. Returns (score
    in [0, 1] over surname + syllables, detail).

    A split reading (:data:`SPLIT`) is there to meet a name written apart; two
    split readings are not compared with each other (both sides joined alike
    already compare as written), which would count one joined part twice.
    """
    if SPLIT in query or SPLIT in listed:
        if SPLIT in query and SPLIT in listed:
            return 0.0, "two split readings are not compared"
        query, listed = query.replace(SPLIT, "."), listed.replace(SPLIT, ".")
    if query == listed:
        return 1.0, "same syllables"
    q_joined, l_joined = canonical_joined(query), canonical_joined(listed)
    if q_joined == l_joined:
        return 0.97, "same sounds, syllables joined or split differently"
    qs, ls = query.split("."), listed.split(".")
    if len(qs) == len(ls):
        num, den = 1.0, 1.0
        differing: list[str] = []
        slips: list[str] = []
        for a, b in zip(qs, ls, strict=True):
            if a == b:
                num += 1.0
                den += 1.0
            elif _is_typo(a, b):
                num += 0.8
                den += 1.0
            elif _is_dropped_letter(a, b):
                num += 0.5
                den += 1.0
                slips.append(f"{a}≈{b}")
            else:
                den += 2.0
                differing.append(f"{a}≠{b}")
        if differing:
            detail = "syllables differ: " + ", ".join(differing)
        elif slips:
            detail = "a letter missing from a long syllable: " + ", ".join(slips)
        else:
            detail = "one typo"
        return num / den, detail
    if min(len(q_joined), len(l_joined)) >= 6 and OSA.distance(q_joined, l_joined) <= 1:
        return 0.85, "joined given names one letter apart"
    return 1.0 / 3.0, "only the surname agrees"


# Initials the initial-sound law swaps between DPRK and ROK spelling (리/이, 룡/용, 로/노).
_SOFT_INITIALS = frozenset({2, 5, 11})  # ㄴ, ㄹ, ㅇ


def _same_hangul_syllable(a: str, b: str) -> bool:
    if a == b:
        return True
    ja, jb = _jamo(a), _jamo(b)
    if ja is None or jb is None:
        return False
    return ja[1:] == jb[1:] and ja[0] in _SOFT_INITIALS and jb[0] in _SOFT_INITIALS


def compare_hangul(query: str, listed: str) -> tuple[float, str] | None:
    """Compare two names both written in Hangul, syllable by syllable.

    Hangul spells each syllable exactly, so no romanisation folding applies:
    정 and 종 are different syllables (Jong Un and Jong Un in romanisation,
    but 김정은 and 김종은 are two names). Only the initial-sound law
    (리/이, 룡/용) is tolerated. None when either is not one Hangul word of
    two or more syllables, or the syllable counts differ.
    """
    qs = [ch for ch in unicodedata.normalize("NFC", query) if _jamo(ch) is not None]
    ls = [ch for ch in unicodedata.normalize("NFC", listed) if _jamo(ch) is not None]
    if len(qs) < 2 or len(qs) != len(ls) or " " in query.strip() or " " in listed.strip():
        return None
    num, den = 1.0, 1.0
    differing: list[str] = []
    for a, b in zip(qs[1:], ls[1:], strict=True):
        if _same_hangul_syllable(a, b):
            num += 1.0
            den += 1.0
        else:
            den += 2.0
            differing.append(f"{a}≠{b}")
    if not differing:
        return 1.0, "same Hangul syllables"
    return num / den, "Hangul syllables differ: " + ", ".join(differing)


def korean_keys(tokens: list[str], hangul: str | None = None) -> list[str]:
    """Phonetic keys ``surname|given`` for a name, for each plausible surname position.

    ``tokens`` are lowercase ASCII name tokens (hyphenated parts already split).
    A Hangul name (``hangul``) has its surname in the first syllable. Returns an
    empty list when no token is a known Korean surname.
    """
    keys: list[str] = []
    if hangul:
        syllables = hangul_to_folded(hangul)
        if len(syllables) >= 2:
            first = syllables[0]
            surname = _SURNAMES.get(first, first)
            keys.append(f"{surname}|{'.'.join(syllables[1:])}")
        return keys
    if len(tokens) < 2:
        return keys
    # Surname first (DPRK/UN style, also the comma form after reordering) or last.
    for position in (0, len(tokens) - 1):
        found = surname_key(tokens[position])
        if found is None:
            continue
        given = tokens[1:] if position == 0 else tokens[:-1]
        for given_key in _given_keys(given):
            key = f"{found}|{given_key}"
            if key not in keys:
                keys.append(key)
    return keys
