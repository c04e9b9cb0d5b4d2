"""Screening over the real store, loaded with two real UN releases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sanctionwatch.screening import Query, Screener
from sanctionwatch.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("store")
    store = Store.open(str(folder / "un.db"))
    for name in ("un_consolidated_2017-07-03.xml", "un_consolidated_2026-05-08.xml"):
        store.load_files([shared_data / "lists" / "un" / name], "un")
    return store


def test_screens_the_latest_release_and_caches_it(store: Store, tmp_path: Path) -> None:
    screener = Screener.from_store(store, cache_dir=tmp_path)
    match = screener.screen(Query(name="리원호"))[0]
    assert (match.entity_id, match.reference) == ("un-KPi.033", "KPi.033")
    assert match.explanation["name"]["method"] in ("identical", "korean", "parts")
    assert len(list(tmp_path.glob("index-*.pickle"))) == 1
    cached = Screener.from_store(store, cache_dir=tmp_path)
    assert len(cached) == len(screener)


def test_as_of_screens_the_release_in_force(store: Store, tmp_path: Path) -> None:
    # KPi.067 KIM KYONG IL was designated on 2017-12-22.
    latest = Screener.from_store(store, cache_dir=tmp_path)
    then = Screener.from_store(store, as_of=date(2017, 8, 1), cache_dir=tmp_path)
    query = Query(name="Kim Kyong Il", schema="Person")
    assert "un-KPi.067" in [m.entity_id for m in latest.screen(query)]
    assert "un-KPi.067" not in [m.entity_id for m in then.screen(query)]
    assert len(list(tmp_path.glob("index-*.pickle"))) == 2
