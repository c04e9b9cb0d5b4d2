"""The store contract: one test body, run on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from sanctionwatch.errors import NotFoundError
from sanctionwatch.model.entity import Fact
from sanctionwatch.store import Store
from sanctionwatch.store.schema import statements
from tests.store.factory import make_release, person


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "store.db")


def test_store_contract(store_url: str, tmp_path: Path) -> None:
    store = Store.open(store_url)
    jan = make_release(
        tmp_path,
        "2024-01-10",
        {"KPi.001": person("KIM A"), "KPi.002": person("RI B")},
        facts=[Fact("un-KPi.001", "birthDateRange", "1960/1962")],
    )
    feb = make_release(
        tmp_path,
        "2024-02-10",
        {"KPi.001": person("KIM A", alias=["KIM AA"]), "KPi.003": person("PAK C")},
        facts=[Fact("un-KPi.001", "birthDateRange", "1960/1962")],
    )
    first = store.load_parsed(feb)  # out of date order on purpose
    second = store.load_parsed(jan)
    again = store.load_parsed(feb)
    assert first.created and second.created and not again.created
    assert again.release.id == first.release.id

    rels = store.releases("un")
    assert [r.published.date() for r in rels] == [date(2024, 1, 10), date(2024, 2, 10)]
    assert [(r.added, r.removed, r.amended) for r in rels] == [(2, 0, 0), (1, 1, 1)]
    assert rels[0].entities == 2 and rels[0].statements > 0
    assert store.release_at("un", "2024-01-31").id == rels[0].id
    assert store.release_at("un", "2024-02-10").id == rels[1].id
    assert store.release_at("un", rels[1].id[:14]).id == rels[1].id
    with pytest.raises(NotFoundError, match="in force"):
        store.release_at("un", "2023-12-31")

    diff = store.diff("un").to_dict()
    assert diff == {
        "source": "un",
        "from": rels[0].id,
        "to": rels[1].id,
        "added": [{"id": "un-KPi.003", "reference": "KPi.003", "caption": "PAK C"}],
        "removed": [{"id": "un-KPi.002", "reference": "KPi.002", "caption": "RI B"}],
        "amended": [
            {
                "id": "un-KPi.001",
                "reference": "KPi.001",
                "caption": "KIM A",
                "changes": {"alias": {"old": [], "new": ["KIM AA"]}},
            }
        ],
    }
    changes = store.changed_entities("un", rels[0].id, rels[1].id)
    assert changes.added == {"un-KPi.003"} and changes.removed == {"un-KPi.002"}
    assert changes.changed == {"un-KPi.003", "un-KPi.001"}

    current = {e.id: e for e in store.listed_entities()}
    assert set(current) == {"un-KPi.001", "un-KPi.003"}
    assert current["un-KPi.001"].get("birthDateRange") == ["1960/1962"]
    assert current["un-KPi.001"].reference == "KPi.001"
    past = {e.id for e in store.listed_entities(as_of=date(2024, 1, 15))}
    assert past == {"un-KPi.001", "un-KPi.002"}
    assert list(store.listed_entities(as_of=date(2023, 1, 1))) == []

    assert store.entity("KPi.001").names == ["KIM A", "KIM AA"]
    assert store.entity("un-KPi.001", as_of=date(2024, 1, 20)).names == ["KIM A"]
    assert store.entity("KPi.002").caption == "RI B"  # delisted: last known state
    with pytest.raises(NotFoundError):
        store.entity("KPi.002", as_of=date(2024, 3, 1))
    with pytest.raises(NotFoundError):
        store.entity("KPi.999")
    assert store.was_listed("KPi.002", date(2024, 1, 20))
    assert not store.was_listed("KPi.002", date(2024, 2, 20))

    history = store.entity_history("KPi.002")
    assert not history.listed
    [period] = history.periods
    assert period.first_seen.id == rels[0].id and period.delisted_in is not None
    assert period.delisted_in.id == rels[1].id
    alias = [v for v in store.entity_history("KPi.001").values if v.prop == "alias"]
    assert alias[0].first_seen.id == rels[1].id and alias[0].removed_in is None

    key = store.state_key()
    assert key == store.state_key(["un"]) and len(key) == 64
    march = make_release(tmp_path, "2024-03-10", {"KPi.001": person("KIM A")})
    store.load_parsed(march)
    assert store.state_key() != key


def test_failed_load_writes_nothing(store_url: str, tmp_path: Path) -> None:
    store = Store.open(store_url)
    store.load_parsed(make_release(tmp_path, "2024-01-10", {"KPi.001": person("KIM A")}))
    before = store.dump()
    from sanctionwatch.store.store import PreparedRelease

    feb = PreparedRelease.from_parsed(
        make_release(tmp_path, "2024-02-10", {"KPi.001": person("KIM B")})
    )

    def fail(conn: sa.Connection) -> None:
        # The writes above happened inside the transaction; prove they did.
        assert conn.execute(sa.select(sa.func.count()).select_from(statements)).scalar()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.load_prepared([feb], after=fail)
    assert store.dump() == before


def test_concurrent_loads_are_serialised(store_url: str, tmp_path: Path) -> None:
    import threading

    days = ["2024-01-10", "2024-02-10", "2024-03-10", "2024-04-10"]
    parsed = [
        make_release(tmp_path, day, {f"KPi.{i:03d}": person(f"P{i}") for i in range(n + 1)})
        for n, day in enumerate(days)
    ]
    store = Store.open(store_url)
    errors: list[Exception] = []

    def load(index: int) -> None:
        try:
            Store.open(store_url).load_parsed(parsed[index])
        except Exception as exc:  # noqa: BLE001 (asserted empty in the main thread)
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(i,)) for i in (2, 0, 3, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequential = Store.open(str(tmp_path / "sequential.db"))
    for release in parsed:
        sequential.load_parsed(release)
    assert store.dump() == sequential.dump()
