from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening import DEFAULT_THRESHOLD, Query, Screener
from tests.screening.corpus import corpus


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(corpus())


def top(screener: Screener, **kwargs: object) -> str | None:
    matches = screener.screen(Query(**kwargs))  # type: ignore[arg-type]
    return matches[0].entity_id if matches else None


@pytest.mark.parametrize(
    "name",
    ["최선희", "Choi Sun-hee", "CHOE, Son Hui", "Son Hui Choe", "Choe Sonhui", "Ch'oe Sŏn-hŭi"],
)
def test_korean_spellings_find_the_listing(screener: Screener, name: str) -> None:
    assert top(screener, name=name) == "un-KPi.076"


def test_hangul_and_hanja_find_kim_jong_un(screener: Screener) -> None:
    assert top(screener, name="김정은") == "ofac-20157"
    assert top(screener, name="金正恩") == "ofac-20157"
    assert top(screener, name="리원호") == "un-KPi.033"


def test_kim_jong_il_is_not_kim_jong_un(screener: Screener) -> None:
    matches = screener.screen(Query(name="Kim Jong Il", schema="Person"), cutoff=0.0)
    scores = {m.entity_id: m for m in matches}
    assert scores["ofac-90001"].match
    assert not scores["ofac-20157"].match


def test_partial_match_does_not_saturate(screener: Screener) -> None:
    name_only = screener.screen(Query(name="CHOE SON HUI"))[0]
    with_dob = screener.screen(Query(name="CHOE SON HUI", birth_date="1964-08-10"))[0]
    assert name_only.score < with_dob.score < 1.0
    conflict = screener.screen(
        Query(name="CHOE SON HUI", birth_date="1975-02-03", nationality="South Korea"), cutoff=0
    )[0]
    assert conflict.score < DEFAULT_THRESHOLD
    assert conflict.explanation["birth_date"] == "conflict"
    assert conflict.explanation["country"] == "conflict"


def test_identical_imo_is_decisive_and_a_different_imo_counts_against(screener: Screener) -> None:
    renamed = screener.screen(Query(name="SOMETHING ELSE", schema="Vessel", imo="IMO 8660313"))
    assert renamed[0].entity_id == "ofac-17083" and renamed[0].score >= 0.97
    same_name = screener.screen(
        Query(name="CHON MA SAN", schema="Vessel", imo="9074729"), cutoff=0.0
    )
    assert same_name[0].entity_id == "ofac-99999" and same_name[0].match
    other = next(m for m in same_name if m.entity_id == "ofac-17083")
    assert not other.match
    assert other.explanation["identifiers"] == "conflict"


def test_explanation_names_the_matched_names_and_features(screener: Screener) -> None:
    match = screener.screen(Query(name="Choi Sun-hee", birth_date="1964"))[0]
    data = match.to_dict()
    assert set(data) >= {
        "entity_id",
        "source",
        "reference",
        "caption",
        "schema",
        "score",
        "match",
        "explanation",
    }
    assert data["reference"] == "KPi.076"
    name = data["explanation"]["name"]
    assert name["query"] == "Choi Sun-hee" and name["candidate"] in (
        "CHOE SON HUI",
        "Ch'oe So'n-hu'i",
    )
    assert name["method"] == "korean"
    features = data["explanation"]["features"]
    assert {"score", "weight", "detail"} <= set(features["name"])
    assert data["explanation"]["birth_date"] == "partial"
    json.dumps(data)


def test_filters(screener: Screener) -> None:
    assert top(screener, name="CHON MA SAN", programs=["IRAN"]) == "ofac-99999"
    assert top(screener, name="CHOE SON HUI", sources=["ofac"]) is None
    assert top(screener, name="CHOE SON HUI", schema="Vessel") is None


def test_weak_alias_counts_less(screener: Screener) -> None:
    match = screener.screen(Query(name="Ri Un"), cutoff=0.0)
    weak = next(m for m in match if m.entity_id == "un-KPi.078")
    assert weak.explanation["name"]["weak_alias"]


def test_bad_queries_are_clear_errors(screener: Screener) -> None:
    with pytest.raises(InputError, match="needs a name"):
        screener.screen(Query(name="  "))
    with pytest.raises(InputError, match="unknown schema"):
        screener.screen(Query(name="x", schema="Ship"))


class FakeStore:
    def __init__(self, key: str) -> None:
        self.key = key
        self.reads = 0

    def listed_entities(
        self, as_of: date | None = None, sources: Sequence[str] | None = None
    ) -> Iterator[ListedEntity]:
        self.reads += 1
        return iter(corpus())

    def state_key(self) -> str:
        return self.key


def test_from_store_caches_by_state_key(tmp_path: Path) -> None:
    store = FakeStore("release-1")
    first = Screener.from_store(store, cache_dir=tmp_path)
    again = Screener.from_store(store, cache_dir=tmp_path)
    assert store.reads == 1 and len(again) == len(first)
    store.key = "release-2"
    Screener.from_store(store, cache_dir=tmp_path)
    assert store.reads == 2
    assert len(list(tmp_path.glob("index-*.pickle"))) == 2
    assert not list(tmp_path.glob(".index-*"))  # no temporary file left behind


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    store = FakeStore("release-1")
    Screener.from_store(store, cache_dir=tmp_path)
    (cache,) = tmp_path.glob("index-*.pickle")
    cache.write_bytes(b"not a pickle")
    rebuilt = Screener.from_store(store, cache_dir=tmp_path)
    assert store.reads == 2 and len(rebuilt) == len(corpus())


def test_an_old_cache_format_is_rebuilt_in_place(tmp_path: Path) -> None:
    import pickle

    from sanctionwatch.screening.screener import IndexCacheMismatch, cache_format

    store = FakeStore("release-1")
    Screener.from_store(store, cache_dir=tmp_path)
    (cache,) = tmp_path.glob("index-*.pickle")
    assert cache_format().encode() in cache.read_bytes()[:200]
    # What versions before the format header wrote: a bare (version, index) pickle.
    old = Screener.from_entities(corpus())
    cache.write_bytes(pickle.dumps(("screening-index-3", old.index)))
    with pytest.raises(IndexCacheMismatch):
        Screener.load(cache)
    rebuilt = Screener.from_store(store, cache_dir=tmp_path)
    assert store.reads == 2 and len(rebuilt) == len(corpus())
    # Rebuilt in place: one file, now readable without a rebuild.
    assert [p.name for p in tmp_path.glob("index-*.pickle")] == [cache.name]
    Screener.from_store(store, cache_dir=tmp_path)
    assert store.reads == 2


def test_a_cache_of_another_format_is_not_unpickled(tmp_path: Path) -> None:
    from sanctionwatch.screening.screener import IndexCacheMismatch

    store = FakeStore("release-1")
    Screener.from_store(store, cache_dir=tmp_path)
    (cache,) = tmp_path.glob("index-*.pickle")
    magic, _, rest = cache.read_bytes().split(b"\n", 2)
    # A later layout with a pickle this version could not even import.
    cache.write_bytes(magic + b"\nscreening-index-99/abc\n" + b"\x80\x05garbage")
    with pytest.raises(IndexCacheMismatch, match="screening-index-99"):
        Screener.load(cache)
    assert len(Screener.from_store(store, cache_dir=tmp_path)) == len(corpus())
    assert rest  # the original file did carry an index after its header


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ({"imo": "IMO 8660313"}, "vessel"),
        ({"passport": "381310014"}, "KPi.033"),
        ({"national_id": "381310014"}, "KPi.033"),  # a passport number sent as an id number
    ],
)
def test_identifier_only_queries_find_the_entity(
    screener: Screener, ids: dict[str, str], expected: str
) -> None:
    for name in ("", "  ", "---"):
        matches = screener.screen(Query(name=name, **ids))  # type: ignore[arg-type]
        assert matches, (name, ids)
        best = matches[0]
        assert expected in (best.reference or "") or best.schema.lower() == expected
        assert best.match and best.score >= 0.97
        assert best.explanation["identifiers"] == "agree"


def test_a_query_without_name_or_identifier_is_refused(screener: Screener) -> None:
    with pytest.raises(InputError, match="name or an identifier"):
        screener.screen(Query(name=" "))
