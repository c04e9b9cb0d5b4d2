"""Invariants checked with generated names (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening import Query, Screener
from sanctionwatch.screening.features import compare_names
from sanctionwatch.screening.normalize import normalize_name
from tests.screening.corpus import corpus

SCREENER = Screener.from_entities(corpus())

syllables = st.sampled_from(
    ["kim", "ri", "pak", "choe", "jong", "un", "il", "ho", "son", "hui", "chol", "u", "nam", "su"]
)
names = st.lists(syllables, min_size=2, max_size=4).map(lambda parts: " ".join(parts).title())
any_text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(any_text, st.sampled_from([None, "Person", "Organization", "Vessel", "LegalEntity"]))
def test_scores_stay_in_unit_interval(name: str, schema: str | None) -> None:
    for match in SCREENER.screen(Query(name=name, schema=schema), limit=20, cutoff=0.0):
        assert 0.0 <= match.score <= 1.0
        assert all(-1.0 <= v <= 1.0 for v in match.features.values())


@settings(max_examples=60, deadline=None)
@given(names)
def test_a_name_matches_itself_at_the_top(name: str) -> None:
    entity = ListedEntity("test-self", "Person", "test", {"name": [name]})
    screener = Screener.from_entities([*corpus(), entity])
    matches = screener.screen(Query(name=name, schema="Person"))
    assert matches and matches[0].match
    assert matches[0].score == max(m.score for m in matches)
    assert "test-self" in [m.entity_id for m in matches if m.score == matches[0].score]


@settings(max_examples=25, deadline=None)
@given(names, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_insertion_order(name: str, rnd: random.Random) -> None:
    entities = corpus()
    shuffled = list(entities)
    rnd.shuffle(shuffled)
    a = Screener.from_entities(entities).screen(Query(name=name), limit=10, cutoff=0.0)
    b = Screener.from_entities(shuffled).screen(Query(name=name), limit=10, cutoff=0.0)
    assert [(m.entity_id, m.score) for m in a] == [(m.entity_id, m.score) for m in b]


pieces = st.sampled_from(
    [
        "kim", "jong", "chong", "un", "il", "ri", "li", "won", "ho", "choe", "son", "hui",
        "nikolai", "patr", "ushev", "patrushev", "mohammad", "hasni", "mohammadhasni",
        "korea", "ryonbong", "yonbong", "general", "corporation", "trading", "co", "ltd",
        "al", "bin", "abdul", "aziz", "ivanovich", "petrovich", "7", "first", "a", "j",
    ]
)  # fmt: skip
loose_names = st.lists(pieces, min_size=1, max_size=5).map(" ".join)
schemata = st.sampled_from(["Person", "Organization", "Vessel", "LegalEntity"])


@settings(max_examples=400, deadline=None)
@given(loose_names, loose_names, schemata, st.floats(min_value=0.01, max_value=1.0))
def test_a_floor_only_skips_pairs_below_it(
    query: str, listed: str, schema: str, floor: float
) -> None:
    q, c = normalize_name(query, schema), normalize_name(listed, schema)
    full = compare_names(q, c)
    bounded = compare_names(q, c, floor)
    if bounded.method == "below floor":
        assert full.score <= bounded.score < floor
    else:
        assert bounded == full


dates = st.sampled_from([None, "1964", "1964-07-17", "1984-01-08", "1950-01-15", "1975"])
countries = st.sampled_from([None, "kp", "cn", "ru"])


@settings(max_examples=120, deadline=None)
@given(names, dates, countries, st.sampled_from([0.3, 0.5, 0.7, 0.85]), st.booleans())
def test_pruning_at_the_threshold_changes_no_result(
    name: str, birth_date: str | None, nationality: str | None, threshold: float, complete: bool
) -> None:
    query = Query(name=name, birth_date=birth_date, nationality=nationality)
    everything = SCREENER.screen(query, limit=100, cutoff=0.0, complete=complete)
    pruned = SCREENER.screen(query, limit=100, threshold=threshold, complete=complete)
    expected = [m for m in everything if m.score >= threshold]
    assert [(m.entity_id, m.score, m.explanation) for m in pruned] == [
        (m.entity_id, m.score, m.explanation) for m in expected
    ]
