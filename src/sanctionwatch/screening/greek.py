"""A phonetic Latin reading of a foreign name written in Greek script.

ICU's Greek → Latin transliteration (used for every script in
:mod:`.normalize`) follows the Greek passport standard, which suits Greek
names: Κωνσταντίνος → Konstantinos. Greek press and registries write *foreign*
names by sound instead, with digraphs for sounds Greek lacks: Κιμ Γιονγκ Ουν is
Kim Jong Un, Τσόε Ριόνγκ Χε is Choe Ryong Hae, Μπακ is Pak. ICU reads those as
"Gion'nk Oun" and "Mpak". This module gives the sound-based reading, which a
query gets in addition to ICU's.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["has_greek", "phonetic_readings"]

_GREEK_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_VOWELS = "αεηιουω"

# Longest first; the sounds Greek spells with two letters.
_DIGRAPHS = [
    ("νγκ", "ng"),
    ("γγ", "ng"),
    ("γκ", "g"),
    ("μπ", "b"),
    ("ντ", "d"),
    ("τσ", "ch"),
    ("τζ", "j"),
    ("ου", "u"),
    ("αι", "e"),
    ("ει", "i"),
    ("οι", "i"),
]
_LETTERS = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
         "r", "s", "s", "t", "i", "f", "h", "ps", "o"],
        strict=True,
    )
)  # fmt: skip


def has_greek(text: str) -> bool:
    return bool(_GREEK_RE.search(text))


def phonetic_readings(text: str) -> list[str]:
    """'Κιμ Τζονγκ Ουν' → ['kim jong un']; Latin and other characters pass through.

    Greek writes both Korean ㅢ (ui) and ㅟ (wi) as ουι, so a name with it gets
    both readings: Χούι is Hui or Hwi.
    """
    reading = _reading(text)
    if "ui" not in reading:
        return [reading]
    return [reading, reading.replace("ui", "wi")]


def _reading(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Glides before a vowel: γου → w (Γουόν → won); γι / ι → y (Γιονγκ → yong, Ριόνγκ → ryong).
    text = re.sub(f"γου(?=[{_VOWELS}])", "w", text)
    text = re.sub(f"γι(?=[{_VOWELS}])", "y", text)
    text = re.sub(f"(?<=[^\\W{_VOWELS}])ι(?=[{_VOWELS}])", "y", text)
    for greek, latin in _DIGRAPHS:
        text = text.replace(greek, latin)
    return "".join(_LETTERS.get(ch, ch) for ch in text)
