from __future__ import annotations

import pytest

from sanctionwatch.screening import Query, Screener
from sanctionwatch.screening.greek import has_greek, phonetic_readings
from tests.screening.corpus import corpus


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("Κιμ Τζονγκ Ουν", "kim jong un"),
        ("Τσόε Ριόνγκ Χε", "choe ryong he"),
        ("Ρι Γουόν Χο", "ri won ho"),
        ("Μπακ Ντονγκ", "bak dong"),
    ],
)
def test_greek_press_spellings_read_by_sound(greek: str, latin: str) -> None:
    assert phonetic_readings(greek)[0] == latin


def test_ambiguous_vowel_gets_both_readings() -> None:
    assert phonetic_readings("Τσόε Σον Χούι") == ["choe son hui", "choe son hwi"]
    assert not has_greek("Choe Son Hui")


def test_greek_queries_find_the_listing() -> None:
    screener = Screener.from_entities(corpus())
    for name, expected in (("Κιμ Τζονγκ Ουν", "ofac-20157"), ("Ρι Γουόν Χο", "un-KPi.033")):
        [best, *_] = screener.screen(Query(name=name))
        assert best.entity_id == expected and best.score >= 0.5
