"""The vectorised name bound: it may only drop entries that could not reach the floor."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionwatch.screening import Query, Screener, screener
from sanctionwatch.screening.bounds import NameTable
from sanctionwatch.screening.features import compare_names
from sanctionwatch.screening.index import Entry
from sanctionwatch.screening.normalize import NormalizedName, normalize_name
from tests.screening.corpus import corpus
from tests.screening.test_properties import countries, dates, loose_names, names, schemata

WEAK = 0.85


def _entry(values: list[str], schema: str, weak: list[bool] | None = None) -> Entry:
    normalized = tuple(normalize_name(v, schema) for v in values)
    return Entry(
        "e1",
        schema,
        "test",
        None,
        values[0],
        (),
        normalized,
        tuple(weak or [False] * len(values)),
        (),
        (),
        (),
        {},
    )


def _reaches(query: NormalizedName, entry: Entry, least: float) -> bool:
    table = NameTable([entry])
    found = table.may_reach([query], np.array([0]), least, least / WEAK)
    return bool(found[0])


@settings(max_examples=500, deadline=None)
@given(
    loose_names,
    st.lists(st.tuples(loose_names, st.booleans()), min_size=1, max_size=3),
    schemata,
    st.floats(min_value=0.01, max_value=1.0),
)
def test_an_entry_is_dropped_only_when_no_name_reaches_the_floor(
    query: str, listed: list[tuple[str, bool]], schema: str, least: float
) -> None:
    q = normalize_name(query, schema)
    entry = _entry([v for v, _ in listed], schema, [w for _, w in listed])
    if not q.tokens or not any(n.tokens for n in entry.names):
        return
    if not _reaches(q, entry, least):
        for name, weak in zip(entry.names, entry.weak, strict=True):
            score = compare_names(q, name).score * (WEAK if weak else 1.0)
            assert score < least, (name.original, score)


def test_unrelated_names_are_dropped_and_close_ones_kept() -> None:
    query = normalize_name("John Smith", "Person")
    assert not _reaches(query, _entry(["Ali Hassan Khalil"], "Person"), 0.6)
    assert _reaches(query, _entry(["SMITH, Jon"], "Person"), 0.6)


def test_a_part_written_in_two_halves_is_left_to_the_full_comparison() -> None:
    # "Patr Ushev" joined is "Patrushev": only the split-part merge finds it.
    query = normalize_name("Patr Ushev Nikolai", "Person")
    entry = _entry(["Nikolai Patrushev"], "Person")
    assert compare_names(query, entry.names[0]).score >= 0.8
    assert _reaches(query, entry, 0.8)
    reverse = normalize_name("Nikolai Patrushev", "Person")
    assert _reaches(reverse, _entry(["Patr Ushev Nikolai"], "Person"), 0.8)


def test_the_same_parts_under_other_legal_forms_are_kept() -> None:
    query = normalize_name("Ocean Star Trading Ltd", "Company")
    entry = _entry(["Ocean Star Trading LLC"], "Company")
    assert compare_names(query, entry.names[0]).score >= 0.99
    assert _reaches(query, entry, 0.95)


def test_korean_names_are_left_to_the_syllable_comparison() -> None:
    query = normalize_name("Kim Jong Un", "Person")
    assert _reaches(query, _entry(["KIM Chong-un"], "Person"), 0.9)


def test_a_weak_alias_must_reach_a_higher_floor() -> None:
    query = normalize_name("Ivan Petrov", "Person")
    strong = _entry(["Ivan Petrovv"], "Person")
    weak = _entry(["Ivan Petrovv"], "Person", [True])
    score = compare_names(query, strong.names[0]).score
    assert _reaches(query, strong, score - 0.01)
    assert not _reaches(query, weak, score - 0.01)


@settings(max_examples=80, deadline=None)
@given(names, dates, countries, st.sampled_from([0.3, 0.5, 0.7, 0.85]), st.booleans())
def test_bounding_every_candidate_changes_no_result(
    name: str, birth_date: str | None, nationality: str | None, threshold: float, complete: bool
) -> None:
    # The corpus is small, so force the bound on however few candidates there are.
    query = Query(name=name, birth_date=birth_date, nationality=nationality)
    with patch.object(screener, "BOUND_FROM", 0):
        everything = SCREENER.screen(query, limit=100, cutoff=0.0, complete=complete)
        bounded = SCREENER.screen(query, limit=100, threshold=threshold, complete=complete)
    expected = [m for m in everything if m.score >= threshold]
    assert [(m.entity_id, m.score, m.explanation) for m in bounded] == [
        (m.entity_id, m.score, m.explanation) for m in expected
    ]


SCREENER = Screener.from_entities(corpus())
