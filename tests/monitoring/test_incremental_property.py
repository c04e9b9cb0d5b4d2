"""Incremental re-screening on crowded random corpora, against a brute-force truth.

The corpora reuse a small pool of name parts, so many entries compete for the
same records and the candidate index's top-K cut matters. The truth is every
(record, entry) pair whose score reaches the threshold, found by scoring each
pair on its own. After a release, incremental re-screening must report
exactly: the earlier alerts on entries the release did not touch, plus the
true pairs on every added or amended entry. Monitoring screens with the
index's complete retrieval (every entry sharing a name key), so a full
re-screen finds exactly the truth too; the interactive top-K retrieval would
lose crowded-out pairs here. On the real lists
(test_rescreen.py, test_ofac_daily_update.py) incremental equals full.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.monitoring import alerts, books
from sanctionwatch.monitoring.executors import screen_chunk
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.screening import Screener
from sanctionwatch.store import Store

FAMILY = ["Kim", "Pak", "Ri", "Choe", "Jong", "Han", "Kang", "O"]
GIVEN = ["Chol", "Song", "Il", "Un", "Hyok", "Myong", "Su", "Nam", "Yong", "Ho"]


def _person(rng: random.Random, n: int) -> dict[str, object]:
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
    props: dict[str, list[str]] = {"name": [name]}
    if rng.random() < 0.5:
        props["birthDate"] = [str(rng.randint(1950, 1990))]
    return {"id": f"t-{n}", "schema": "Person", "properties": props}


def _release(path: Path, people: list[dict[str, object]], day: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for person in people:
            fh.write(json.dumps({**person, "last_change": f"{day}T00:00:00"}) + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_full_on_crowded_corpora(
    seed: int, tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    rng = random.Random(seed)
    before = [_person(rng, n) for n in range(150)]
    after = [dict(p) for p in before[10:]]  # ten delisted
    for person in rng.sample(after, 15):  # fifteen amended: a new alias
        props = dict(person["properties"])  # type: ignore[arg-type]
        props["alias"] = [f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}{rng.choice(GIVEN).lower()}"]
        person["properties"] = props
    after += [_person(rng, 1000 + n) for n in range(60)]  # sixty added
    rows = [
        {"id": f"r{n}", "name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"}
        for n in range(120)
    ]
    book_csv = write_csv(tmp_path / "book.csv", rows)

    def store_with(name: str) -> Store:
        store = Store.open(f"sqlite:///{tmp_path / name}")
        book = books.ensure_book(store.engine, "b", threshold=0.6)
        books.import_records(store.engine, book, books.read_records(book_csv))
        return store

    incremental = store_with("inc.db")
    incremental.load_files([_release(tmp_path / "r1.ftm.json", before, "2024-01-01")], "ftm")
    rescreen_book(incremental, "b")
    baseline = active(incremental)
    results = incremental.load_files(
        [_release(tmp_path / "r2.ftm.json", after, "2024-01-02")], "ftm"
    )
    outcome = after_load(incremental, results, notify=False)
    [run] = outcome.runs
    assert run.mode == "incremental"
    [change] = outcome.changes
    assert len(change.added) == 60 and len(change.amended) == 15 and len(change.removed) == 10

    current = list(incremental.listed_entities())
    truth = _brute_force(current, books.read_records(book_csv), 0.6)
    touched = change.changed | change.removed
    expected = {p for p in baseline if p[1] not in touched} | {
        p for p in truth if p[1] in change.changed
    }
    assert active(incremental) == expected
    assert expected <= truth

    full = store_with("full.db")
    full.load_files([_release(tmp_path / "r2.ftm.json", after, "2024-01-02")], "ftm")
    rescreen_book(full, "b", full=True)
    # Monitoring screens with complete retrieval: no true pair is crowded out.
    assert active(full) == truth
    assert len(truth) > 20  # crowded enough to mean something


def active(store: Store) -> set[tuple[str, str, float]]:
    return {
        (a["external_id"], a["entity_id"], round(a["score"], 9))
        for a in alerts.list_alerts(store.engine, "b", limit=100_000)
        if a["status"] in alerts.ACTIVE
    }


def _brute_force(
    entities: list[ListedEntity], records: list[books.Record], threshold: float
) -> set[tuple[str, str, float]]:
    found: set[tuple[str, str, float]] = set()
    for entity in entities:
        single = Screener.from_entities([entity])
        for hit in screen_chunk(single, records, threshold):
            found.add((hit.external_id, hit.entity_id, round(hit.score, 9)))
    return found
