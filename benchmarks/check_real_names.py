"""Check the hand-written real Hangul and hanja spellings in the development set.

    PYTHONPATH=src:benchmarks python benchmarks/check_real_names.py [--hanja-table table.yml]

``REAL_HANGUL`` (make_screening_devset.py) was written by hand. Each Hangul
name is checked syllable by syllable against the listed Latin name: every
syllable's initial consonant, vowel and final consonant must be one the
McCune–Reischauer, DPRK or Revised Romanization standards write that way. The
tables here follow the standards, not the screening code. ``REAL_HANJA`` is
checked against a hanja → Hangul reading table given as a YAML mapping (the
``table.yml`` of the ``hanja`` package on PyPI has that shape); the surname
金 reads 김 (its dictionary reading is 금) and DPRK writes 李 as 리.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from make_screening_devset import REAL_HANGUL, REAL_HANJA
from screening_lists import load_corpus

# Jamo (initial, vowel, final) → the Latin spellings the standards allow.
INITIALS = [
    ("k", "g"), ("kk", "gg"), ("n",), ("t", "d"), ("tt", "dd"), ("r", "l", "n", ""),
    ("m",), ("p", "b"), ("pp", "bb"), ("s", "sh"), ("ss",), ("",), ("ch", "j"),
    ("tch", "jj"), ("ch",), ("k", "kh"), ("t", "th"), ("p", "ph"), ("h",),
]  # fmt: skip
VOWELS = [
    ("a",), ("ae",), ("ya",), ("yae",), ("o", "eo"), ("e",), ("yo", "yeo"), ("ye",),
    ("o",), ("wa",), ("wae",), ("oe",), ("yo",), ("u",), ("wo",), ("we",), ("wi",),
    ("yu",), ("u", "eu"), ("ui",), ("i",),
]  # fmt: skip
FINALS = [
    ("",), ("k", "g"), ("k",), ("k",), ("n",), ("n",), ("n",), ("t", "d"), ("l", "r"),
    ("k", "l"), ("m", "l"), ("p", "l"), ("l",), ("l",), ("p", "l"), ("l",), ("m",),
    ("p", "b"), ("p",), ("t", "s"), ("t",), ("ng",), ("t",), ("t",), ("k",), ("t",),
    ("p",), ("t",),
]  # fmt: skip


def latin_syllables(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’`]", "", text)
    if "," in text:
        family, given = text.split(",", 1)
        text = f"{family} {given}"
    return re.findall(r"[a-z]+", text)


def allowed(syllable: str) -> set[str]:
    code = ord(syllable) - 0xAC00
    ini, vow, fin = code // 588, (code % 588) // 28, code % 28
    return {i + v + f for i in INITIALS[ini] for v in VOWELS[vow] for f in FINALS[fin]}


def check_hangul(hangul: str, latin: str) -> str | None:
    """None if every syllable of ``hangul`` can be written as the listed Latin syllable."""
    parts = latin_syllables(latin)
    if len(parts) != len(hangul):
        return f"{len(hangul)} syllables vs {parts}"
    for block, part in zip(hangul, parts, strict=True):
        spellings = allowed(block)
        if part not in spellings:
            return f"{block} is not written {part!r} (allowed: {sorted(spellings)})"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hanja-table", type=Path, help="YAML mapping hanja → Hangul reading")
    args = parser.parse_args()
    by_id = {e.id: e for e in load_corpus()}
    failures = 0
    for entity_id, hangul in REAL_HANGUL.items():
        latin = by_id[entity_id].caption
        problem = check_hangul(hangul, latin)
        failures += problem is not None
        print(f"{'FAIL' if problem else 'ok  '} {hangul} ~ {latin} ({entity_id}) {problem or ''}")
    if args.hanja_table:
        import yaml

        table = yaml.load(args.hanja_table.read_text(encoding="utf-8"), Loader=yaml.CLoader)
        table = {**table, "金": "김", "李": "리"}
        for entity_id, hanja in REAL_HANJA.items():
            reading = "".join(table.get(ch, "?") for ch in hanja)
            problem = None if reading == REAL_HANGUL[entity_id] else f"reads {reading}"
            failures += problem is not None
            print(
                f"{'FAIL' if problem else 'ok  '} {hanja} → {REAL_HANGUL[entity_id]} {problem or ''}"
            )
    print(f"{failures} problem(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
