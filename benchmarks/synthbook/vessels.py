"""Ship names: word pairs, myths and Greek islands, ports, people's names, Chinese coasters
(Hai Feng 168) and Japanese Maru names, some with hull numbers."""

from __future__ import annotations

import random
import string

from . import words
from .people import People
from .sampling import chance, mix, pick, pool


class Vessels:
    """Draws a ship's name."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.adjectives = pool(words.SHIP_ADJECTIVES)
        self.nouns = pool(words.SHIP_NOUNS)
        self.myths = pool(words.SHIP_MYTH)
        self.places = pool(words.SHIP_PLACES)
        greek = people.western_european.traditions["gr"]
        # Greek owners often name ships after the family: Maria, Eleni K., Captain Nikos.
        self.greek_given = mix((1.0, greek.male), (1.0, greek.female))

    def draw(self, rng: random.Random) -> str:
        style = rng.random()
        if style < 0.30:
            return f"{self.adjectives.draw(rng)} {self.nouns.draw(rng)}"
        if style < 0.45:
            return f"{self.adjectives.draw(rng)} {self.nouns.draw(rng)} {rng.randint(1, 30)}"
        if style < 0.60:
            name = self.myths.draw(rng) if chance(rng, 0.6) else self.places.draw(rng)
            tail = rng.random()
            if tail < 0.55:
                return f"{name} {self.nouns.draw(rng)}"
            if tail < 0.80:
                return f"{name} {pick(rng, ('I', 'II', 'III', 'IV', 'V'))}"
            return name
        if style < 0.70:
            if chance(rng, 0.6):
                given = self.greek_given.draw(rng)
            else:
                given = self.people.anglo.names.given(rng, False)
            if chance(rng, 0.5):
                return f"{pick(rng, words.SHIP_LINE_PREFIXES)} {given}"
            return f"{given} {pick(rng, string.ascii_uppercase)}."
        if style < 0.85:  # Chinese coasters
            name = " ".join(
                pick(rng, words.SHIP_CHINESE_SYLLABLES) for _ in range(rng.randint(2, 3))
            )
            return f"{name} {rng.randint(1, 999)}" if chance(rng, 0.8) else name
        if style < 0.90:  # Japanese coasters and fishing boats
            word = pick(rng, words.SHIP_JAPANESE_WORDS)
            if chance(rng, 0.5):
                return f"{word} Maru No. {rng.randint(1, 88)}"
            return f"{word} Maru" if chance(rng, 0.5) else f"{word} Maru {rng.randint(1, 30)}"
        place = self.places.draw(rng)
        return f"Spirit of {place}" if chance(rng, 0.2) else f"{place} {self.nouns.draw(rng)}"
