"""Ships and IMO numbers named in the free text of a list entry.

Sanctions lists name ships inside narrative comments ("Registered owner of the DPRK
tanker YU JONG 2 ... IMO number: 5434358."). Two things look alike there and must not
be confused:

- a **ship's** IMO number, which carries a check digit and sits next to a ship word
  ("the vessel WISE HONEST (IMO 8905490)");
- the **entry's own** IMO company-and-owner number, stated as a sentence of its own
  ("IMO number: 5342883.", "International Maritime Organization (IMO) Number: 1790183.",
  "Company Number IMO 5434358."). Company numbers have no ship check digit; 14 of the
  15 in the real UN files fail it, KPe.020's passes by chance.

:func:`imo_mentions` sorts every 7-digit IMO mention into one of those (or neither), and
:func:`ship_names` reads the upper-case names that follow a ship word. Both are pure and
know nothing of any list format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sanctionwatch.model.identifiers import imo_check_digit_ok

__all__ = ["ImoMention", "imo_mentions", "ship_names"]

MentionKind = Literal["ship", "own", "bad-check-digit", "unattributed"]

_SENTENCE = re.compile(r"(?<=[.;])\s+|\n+")
# "IMO 8905490", "IMO number: 5342883", "(IMO) Number: 1790183": up to 30 non-digits between.
_IMO = re.compile(r"\bIMO\b[^0-9]{0,30}?(\d{7})(?!\d)", re.IGNORECASE)
_SHIP_WORD = r"(?:vessels?|tankers?|ships?|M/?V|M/?T|freighter|bulk carrier|cargo ship)"
_SHIP_WORDS = re.compile(rf"\b{_SHIP_WORD}\b", re.IGNORECASE)
_OWN_NUMBER = re.compile(
    r"^\W*(?:International Maritime Organi[sz]ation\s*\(IMO\)\s*|Company\s+)?"
    r"(?:IMO\s*)?(?:company\s+)?(?:number|no\.?)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z0-9][A-Z0-9'-]*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
# Upper-case names after a ship word, "and"-joined: "tankers SAM JONG 1 and SAM JONG 2".
_NAMES_AFTER_SHIP_WORD = re.compile(
    rf"\b(?:vessels?|tankers?|ships?|M/?V|M/?T)\s+({_NAME}(?:\s+and\s+{_NAME})*)"
)
# An upper-case name right before the number: "WISE HONEST (IMO 8905490)", "KOTI, IMO 1234567".
_NAME_BEFORE_NUMBER = re.compile(rf"({_NAME})\s*$")


@dataclass(frozen=True)
class ImoMention:
    """One 7-digit IMO number in a text, and what it belongs to.

    ``kind`` is ``ship`` (a ship's number, check digit valid), ``own`` (the entry's own
    company number), ``bad-check-digit`` (next to a ship word, but not a valid ship
    number) or ``unattributed`` (neither). ``name`` is the ship's name when it can be read.
    """

    imo: str
    kind: MentionKind
    name: str | None = None


def _is_name(text: str) -> bool:
    """A name needs a word of two or more letters ("vessel C" is not one)."""
    return re.search(r"[A-Z]{2}", text) is not None and not _SHIP_WORDS.fullmatch(text)


def ship_names(text: str) -> list[str]:
    """Upper-case ship names that follow a ship word, in order, without repeats."""
    found: list[str] = []
    for match in _NAMES_AFTER_SHIP_WORD.finditer(" ".join(text.split())):
        for name in match.group(1).split(" and "):
            name = name.strip()
            if _is_name(name) and name not in found:
                found.append(name)
    return found


def _name_before(before: str) -> str | None:
    match = _NAME_BEFORE_NUMBER.search(before.rstrip(" ,(:"))
    if match and _is_name(match.group(1)):
        return match.group(1)
    after = [m.group(1) for m in _NAMES_AFTER_SHIP_WORD.finditer(before)]
    return after[-1].split(" and ")[-1] if after else None


def imo_mentions(text: str) -> list[ImoMention]:
    """Every 7-digit IMO number in ``text``, classified (see :class:`ImoMention`)."""
    if "imo" not in text.lower():
        return []
    found: list[ImoMention] = []
    for sentence in _SENTENCE.split(text):
        for match in _IMO.finditer(sentence):
            digits = match.group(1)
            before = sentence[: match.start()]
            if _OWN_NUMBER.match(sentence[: match.end()]):
                found.append(ImoMention(digits, "own"))
            elif not _SHIP_WORDS.search(before):
                found.append(ImoMention(digits, "unattributed"))
            elif not imo_check_digit_ok(digits):
                found.append(ImoMention(digits, "bad-check-digit"))
            else:
                found.append(ImoMention(digits, "ship", _name_before(before)))
    return found
