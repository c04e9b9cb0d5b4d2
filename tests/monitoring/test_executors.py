from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from followthemoney import model

from sanctionwatch.model.entity import ListedEntity, listed_entities
from sanctionwatch.monitoring.books import Record
from sanctionwatch.monitoring.executors import (
    DaskExecutor,
    InProcessExecutor,
    PairHit,
    screen_chunk,
    screen_packed,
)
from sanctionwatch.screening import Screener


def _corpus() -> list[ListedEntity]:
    proxies = []
    for n, name in enumerate(["KIM Jong Un", "RI Won Ho", "CHOE Son Hui", "PAK Pong Ju"]):
        person = model.make_entity("Person")
        person.id = f"un-KPi.{n:03d}"
        person.add("name", name)
        sanction = model.make_entity("Sanction")
        sanction.id = f"{person.id}-sanction"
        sanction.add("entity", person.id)
        sanction.add("unscId", f"KPi.{n:03d}")
        proxies += [person, sanction]
    return listed_entities("un", proxies)


RECORDS = [
    Record("r1", {"name": "Kim Jong-un"}),
    Record("r2", {"name": "Ri Won-ho"}),
    Record("r3", {"name": "Jane Doe"}),
    Record("r4", {"name": "Choe Sonhui"}),
] * 3


def _key(hits: list[PairHit]) -> list[tuple[str, str, float]]:
    return sorted((h.external_id, h.entity_id, round(h.score, 9)) for h in hits)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _worker_state(dask_worker: Any) -> tuple[int, bool, list[str]]:
    import gc

    profile = dask_worker.periodic_callbacks.get("profile")
    return (
        gc.get_freeze_count(),
        profile is not None and profile.is_running(),
        sorted(dask_worker.plugins),
    )


@pytest.mark.slow
@pytest.mark.parametrize("tune_workers", [True, False])
def test_dask_and_in_process_give_the_same_hits(
    dask_client: Any, monkeypatch: pytest.MonkeyPatch, tune_workers: bool
) -> None:
    from sanctionwatch.monitoring import executors

    # Several chunks, so records really are split, packed and sent to both workers.
    monkeypatch.setattr(executors, "CHUNK_SIZE", 5)
    screener = Screener.from_entities(_corpus())
    local = InProcessExecutor(workers=1).screen(screener, RECORDS, 0.7)
    distributed = DaskExecutor(client=dask_client, tune_workers=tune_workers).screen(
        screener, RECORDS, 0.7
    )
    assert _key(local) == _key(distributed)
    # Whole hits, explanations included, not just the keys.
    assert sorted(local, key=repr) == sorted(distributed, key=repr)
    assert {h.external_id for h in local} == {"r1", "r2", "r4"}


@pytest.mark.slow
def test_dask_run_leaves_the_workers_as_found(dask_client: Any) -> None:
    from sanctionwatch.monitoring.dask_workers import PLUGIN_NAME

    before = dask_client.run(_worker_state)
    assert all(not state[0] and state[1] for state in before.values())
    DaskExecutor(client=dask_client).screen(Screener.from_entities(_corpus()), RECORDS, 0.7)
    after = dask_client.run(_worker_state)
    assert after == before
    assert all(not name.startswith(PLUGIN_NAME) for s in after.values() for name in s[2])


@pytest.mark.slow
def test_worker_plugin_freezes_gc_and_pauses_the_profiler(dask_client: Any) -> None:
    from sanctionwatch.monitoring.dask_workers import PLUGIN_NAME, ScreeningWorkerPlugin

    dask_client.register_plugin(ScreeningWorkerPlugin(), name=PLUGIN_NAME)
    try:
        during = dask_client.run(_worker_state)
    finally:
        dask_client.unregister_worker_plugin(PLUGIN_NAME)
    after = dask_client.run(_worker_state)
    for state in during.values():
        assert state[0] > 0  # objects frozen out of the collector's reach
        assert state[1] is False  # profiler paused
        assert PLUGIN_NAME in state[2]
    for state in after.values():
        assert state[0] == 0
        assert state[1] is True


@pytest.mark.slow
def test_overlapping_runs_keep_the_workers_tuned_until_the_last_ends(dask_client: Any) -> None:
    from sanctionwatch.monitoring.dask_workers import ScreeningWorkerPlugin, plugin_name

    first, second = plugin_name(), plugin_name()
    assert first != second
    dask_client.register_plugin(ScreeningWorkerPlugin(), name=first)
    dask_client.register_plugin(ScreeningWorkerPlugin(), name=second)
    try:
        dask_client.unregister_worker_plugin(first)
        # The second run is still screening: the first's teardown must not undo the tuning.
        for state in dask_client.run(_worker_state).values():
            assert state[0] > 0 and state[1] is False
    finally:
        dask_client.unregister_worker_plugin(second)
    for state in dask_client.run(_worker_state).values():
        assert state[0] == 0 and state[1] is True


def test_packed_records_screen_like_records() -> None:
    screener = Screener.from_entities(_corpus())
    packed = [(r.external_id, r.data) for r in RECORDS]
    assert screen_packed(screener, packed, 0.7) == screen_chunk(screener, RECORDS, 0.7)


def test_forked_pool_gives_the_same_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctionwatch.monitoring import executors

    monkeypatch.setattr(executors, "POOL_MIN_RECORDS", 1)
    monkeypatch.setattr(executors, "CHUNK_SIZE", 2)
    screener = Screener.from_entities(_corpus())
    single = InProcessExecutor(workers=1).screen(screener, RECORDS, 0.7)
    pooled = InProcessExecutor(workers=2).screen(screener, RECORDS, 0.7)
    assert _key(single) == _key(pooled)


@pytest.mark.slow
def test_connecting_imports_the_screening_stack_on_workers(dask_client: Any) -> None:
    # A lambda is pickled by value: running it must not import this test module (and
    # with it sanctionwatch) on the worker.
    def has_screening() -> Any:
        return dask_client.run(lambda: "sanctionwatch.screening" in __import__("sys").modules)

    dask_client.restart()  # fresh worker processes, nothing of ours imported yet
    assert not any(has_screening().values())
    DaskExecutor(client=dask_client)
    assert all(has_screening().values())


def _freeze_count_as_hit(screener: Screener, records: Any, threshold: float) -> list[PairHit]:
    import gc

    return [PairHit("child", "", "", None, "", "", float(gc.get_freeze_count()), {})]


def test_pool_workers_inherit_the_book_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from sanctionwatch.monitoring import executors

    # The forked workers run the patched function; each reports its frozen object count.
    monkeypatch.setattr(executors, "screen_chunk", _freeze_count_as_hit)
    monkeypatch.setattr(executors, "POOL_MIN_RECORDS", 1)
    screener = Screener.from_entities(_corpus())
    hits = InProcessExecutor(workers=2).screen(screener, RECORDS, 0.7)
    assert hits and all(h.score > 0 for h in hits)
    assert gc.get_freeze_count() == 0  # the parent's objects are back in the collector's care
