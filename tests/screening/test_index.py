"""Candidate retrieval: the top-K cut and the complete mode monitoring relies on."""

from __future__ import annotations

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening import Query, Screener
from sanctionwatch.screening.index import CANDIDATES


def _crowd(n: int) -> list[ListedEntity]:
    # n listed people sharing one common name (a crowded Kim/Ri/Pak space), each
    # scoring the same against the query, plus unrelated entries.
    people = [
        ListedEntity(f"p{k:03d}", "Person", "test", {"name": ["KIM Chol Nam"]}) for k in range(n)
    ]
    others = [
        ListedEntity(f"o{k:03d}", "Person", "test", {"name": [f"PAK Song {g}"]})
        for k, g in enumerate(["Il", "Su", "Ho", "Un"])
    ]
    return people + others


def test_complete_retrieval_returns_every_entry_above_threshold() -> None:
    n = CANDIDATES * 3
    screener = Screener.from_entities(_crowd(n))
    query = Query(name="Kim Chol Nam", schema="Person")
    truth = {e.id for e in _crowd(n) if e.id.startswith("p")}
    # Brute force: every entry scored on its own.
    brute = {e.id for e in _crowd(n) if Screener.from_entities([e]).screen(query, limit=5)}
    assert brute == truth
    complete = screener.screen(query, limit=1000, complete=True)
    assert {m.entity_id for m in complete} == truth
    # The interactive default stays bounded: the crowd is cut at CANDIDATES.
    fast = screener.screen(query, limit=1000)
    assert len(fast) == CANDIDATES < len(truth)


def test_complete_retrieval_keeps_the_best_first() -> None:
    screener = Screener.from_entities(_crowd(CANDIDATES * 2))
    matches = screener.screen(Query(name="Pak Song Il", schema="Person"), complete=True)
    assert matches[0].entity_id == "o000"


def _people(names: list[str]) -> list[ListedEntity]:
    return [
        ListedEntity(f"p{k:03d}", "Person", "test", {"name": [name]})
        for k, name in enumerate(names)
    ]


def test_a_query_without_schema_keeps_short_syllables_for_retrieval() -> None:
    # "In" reads as a legal form to an organisation reading; among many O ... Chun
    # the query without a schema must still find O In Chun by its syllables.
    given = ["Chol", "Su", "Ho", "Nam", "Il", "Sik", "Hyok", "Man", "Gun", "Pom"]
    crowd = [f"O, {a} {b} Chun" for a in given for b in given[:2]]
    entities = _people([*crowd, "O, In Chun"])
    target = entities[-1].id
    screener = Screener.from_entities(entities)
    assert len(crowd) > CANDIDATES
    assert target in screener.candidate_ids(Query(name="Oh In-choon"))
    assert screener.screen(Query(name="Oh In-choon"))[0].entity_id == target


def test_a_name_written_with_initials_is_found_by_its_initials() -> None:
    # "Abd A. M. R. A. Rahman" shares Abd and Rahman with the listing, as do dozens
    # of Abd Allah ... Rahman; the initials of the parts pick it out.
    others = ["Karim", "Salam", "Aziz", "Hadi", "Latif", "Majid", "Qadir", "Wahid", "Jalil"]
    crowd = [f"Abd Allah {a} {b} Rahman" for a in others for b in others[:3]]
    entities = _people([*crowd, "ABD ALLAH MOHAMED RAGAB ABDEL RAHMAN"])
    target = entities[-1].id
    screener = Screener.from_entities(entities)
    assert len(crowd) > CANDIDATES
    query = Query(name="Abd A. M. R. A. Rahman", schema="Person")
    assert target in screener.candidate_ids(query)
    assert screener.screen(query)[0].entity_id == target
