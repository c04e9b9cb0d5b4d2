"""Realistic names for the synthetic monitoring book (``benchmarks/synthetic_book.py``).

The vocabulary is Faker's locale data read as plain lists and weighted dicts, plus the
hand-written lists in ``words`` where Faker has nothing in Latin script (Arabic names,
longer Japanese lists, company stems, ship names). Names are drawn with the caller's
seeded ``random.Random``: with Faker's frequency weights where a list has them, with
Zipf-like rank weights where a list is ordered by frequency, uniformly otherwise.
Cyrillic, Greek and Chinese names are romanised once, when the vocabulary is built
(ICU's BGN/PCGN, UNGEGN and pinyin rules); Korean ones with our own
``hangul_romanisations`` and the conventional spellings in ``words``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .companies import ANY_COUNTRY, Companies
from .people import REGION_SHARES, People
from .vessels import Vessels

__all__ = ["ANY_COUNTRY", "REGION_COUNTRIES", "REGION_SHARES", "Vocabulary", "vocabulary"]

# Nationalities typical of each region of ``REGION_SHARES``.
REGION_COUNTRIES = {
    "anglo": ("us", "gb", "ca", "au", "ie", "nz", "sg", "hk"),
    "western_european": ("de", "fr", "it", "nl", "ch", "at", "be", "se", "dk", "no", "pt", "gr"),
    "hispanic": ("es", "mx", "co", "ar", "cl", "pe", "us", "pa"),
    "chinese": ("cn", "cn", "cn", "hk", "tw", "sg", "my"),
    "japanese": ("jp",),
    "korean": ("kr",),
    "cyrillic": ("ru", "ru", "ua", "kz", "by"),
    "arabic": ("ae", "sa", "eg", "jo", "lb", "qa", "kw", "om", "dz", "ma", "iq"),
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Person, company and vessel name drawers sharing one set of name lists."""

    people: People
    companies: Companies
    vessels: Vessels


@cache
def vocabulary() -> Vocabulary:
    """The shared vocabulary, built on first use (about 1 s)."""
    people = People()
    return Vocabulary(people, Companies(people), Vessels(people))
