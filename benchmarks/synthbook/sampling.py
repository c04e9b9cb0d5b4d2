"""Seeded sampling from name lists, Faker's locale data as plain data, and romanisation.

Faker's generator is never called: its provider classes are read as lists and weighted
dicts, so the book depends only on our seed and the pinned Faker version, and drawing
costs a bisect instead of Faker's format parsing.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import icu


class Drawable(Protocol):
    def draw(self, rng: random.Random) -> str: ...


@dataclass(frozen=True, slots=True)
class Pool:
    """Distinct strings, uniform or weighted (cumulative weights, as ``rng.choices`` takes)."""

    items: tuple[str, ...]
    cum: tuple[float, ...] = ()

    def draw(self, rng: random.Random) -> str:
        # Same distribution as rng.choices(items, cum_weights=cum)[0], without the list.
        if not self.cum:
            return self.items[int(rng.random() * len(self.items))]
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


@dataclass(frozen=True, slots=True)
class Mix:
    """Draw from one of several pools, picked by weight."""

    parts: tuple[Drawable, ...]
    cum: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return self.parts[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])].draw(rng)


def mix(*weighted: tuple[float, Drawable]) -> Mix:
    """A ``Mix`` of (weight, pool) pairs."""
    return Mix(tuple(p for _, p in weighted), tuple(itertools.accumulate(w for w, _ in weighted)))


def pool(
    names: Iterable[str] | Mapping[str, float], convert: Callable[[str], str] | None = None
) -> Pool:
    """A pool of the distinct (converted) names; weights of names that coincide add up."""
    pairs: Iterable[tuple[str, float]] = (
        names.items() if isinstance(names, Mapping) else ((n, 1.0) for n in names)
    )
    acc: dict[str, float] = {}
    for raw, weight in pairs:
        name = " ".join((convert(raw) if convert else raw).split())
        if name:
            acc[name] = acc.get(name, 0.0) + float(weight)
    if not acc:
        raise ValueError("empty name pool")
    weights = list(acc.values())
    cum = () if min(weights) == max(weights) else tuple(itertools.accumulate(weights))
    return Pool(tuple(acc), cum)


def ranked(
    names: Sequence[str], convert: Callable[[str], str] | None = None, offset: float = 3.0
) -> Pool:
    """A pool of a list ordered by frequency: weight 1 / (rank + offset), a Zipf-like head."""
    weights: dict[str, float] = {}
    for rank, name in enumerate(names):
        weights.setdefault(name, 1.0 / (rank + offset))
    return pool(weights, convert)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """A uniform choice (``rng.choice`` without its rejection sampling)."""
    return options[int(rng.random() * len(options))]


def faker_data(kind: str, locale: str, attr: str) -> Any:
    """A list or weighted dict of a Faker provider, e.g. ("person", "en_US", "last_names")."""
    module = importlib.import_module(f"faker.providers.{kind}.{locale}")
    return getattr(module.Provider, attr)


# Faker lists that are plain lists but ordered by frequency (checked by eye: Peter, Hans,
# Daniel, Thomas...; Martin, Bernard, Thomas...); they get rank weights.
FREQUENCY_ORDERED = {
    ("de_CH", "first_names_male"),
    ("de_CH", "first_names_female"),
    ("fr_FR", "last_names"),
    ("fr_QC", "last_names"),
    ("da_DK", "last_names"),
    ("en_GB", "first_names_male"),
    ("en_GB", "first_names_female"),
    ("ru_RU", "last_names_male"),
    ("ru_RU", "last_names_female"),
}


def person_names(
    data: Iterable[str] | Mapping[str, float],
) -> list[str] | dict[str, float]:
    """Faker's names without the few annotated entries ("Bourgondië, van", "عجرمة (العجارمة)")."""
    if isinstance(data, Mapping):
        return {k: w for k, w in data.items() if not set(k) & set(",()")}
    return [n for n in data if not set(n) & set(",()")]


def faker_pool(locale: str, attr: str, convert: Callable[[str], str] | None = None) -> Pool:
    """A Faker person list as a pool: Faker's weights if it has them, rank weights if the
    list is ordered by frequency, uniform otherwise."""
    data = person_names(faker_data("person", locale, attr))
    if (locale, attr) in FREQUENCY_ORDERED:
        # Offset 20 keeps the head near real shares (Smirnov ~2% of Russians).
        return ranked(list(data), convert, offset=20.0)
    return pool(data, convert)


@cache
def _transliterator(rules: str) -> Any:
    return icu.Transliterator.createInstance(rules)


def romaniser(rules: str) -> Callable[[str], str]:
    """A converter through ICU rules to ASCII, dropping the primes for soft and hard signs."""
    trans = _transliterator(f"{rules}; Latin-ASCII")

    def convert(text: str) -> str:
        return "".join(ch for ch in str(trans.transliterate(text)) if ch not in "'\"ʹʺ’")

    return convert


def fold(text: str) -> str:
    """Latin text without diacritics (Müller -> Muller), as many core systems store it."""
    return str(_transliterator("Latin-ASCII").transliterate(text))


def pinyin(text: str) -> str:
    """Hanzi to pinyin without tones, syllables joined: 欧阳 -> Ouyang, 秀英 -> Xiuying."""
    out = "".join(str(_transliterator("Han-Latin; Latin-ASCII").transliterate(text)).split())
    return out[:1].upper() + out[1:]


# BGN/PCGN gives the spellings English-language books use (Sergeyevich, Shcherbakov);
# normality.ascii_text gives Sergeevic and Serbakov for the same names.
russian = romaniser("Russian-Latin/BGN")
ukrainian = romaniser("Ukrainian-Latin/BGN")
greek = romaniser("Greek-Latin/UNGEGN")


@dataclass(frozen=True, slots=True)
class Locale:
    """Given names by gender and family names of one naming tradition."""

    male: Drawable
    female: Drawable
    family: Drawable
    family_female: Drawable | None = None  # where surnames inflect (Петров/Петрова)

    def given(self, rng: random.Random, male: bool) -> str:
        return (self.male if male else self.female).draw(rng)

    def surname(self, rng: random.Random, male: bool) -> str:
        family = self.family if male or self.family_female is None else self.family_female
        return family.draw(rng)


def faker_locale(locale: str, convert: Callable[[str], str] | None = None) -> Locale:
    """Faker's given names by gender and family names of ``locale``, weighted where Faker is."""
    return Locale(
        faker_pool(locale, "first_names_male", convert),
        faker_pool(locale, "first_names_female", convert),
        faker_pool(locale, "last_names", convert),
    )


def merged_locale(*locales: str) -> Locale:
    """Several Faker locales of one tradition (de_DE, de_AT, de_CH), each equally likely."""

    def side(attr: str) -> Mix:
        return mix(*((1.0, faker_pool(loc, attr)) for loc in locales))

    return Locale(side("first_names_male"), side("first_names_female"), side("last_names"))
