"""Where screening of a book's records runs: in this process (with a process pool) or on Dask.

Both split the records into chunks and call the same pure function,
:func:`screen_chunk`, so results are identical whichever runs them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from sanctionwatch.monitoring.books import Record
from sanctionwatch.screening import Query, Screener

# Every pair at or above the threshold raises its own alert, so ask for plenty.
PAIR_LIMIT = 50
CHUNK_SIZE = 5000
# Below this many records a pool costs more than it saves.
POOL_MIN_RECORDS = 4000


@dataclass(frozen=True)
class PairHit:
    external_id: str
    entity_id: str
    source: str
    reference: str | None
    caption: str
    schema: str
    score: float
    explanation: dict[str, Any]


def record_query(record: Record) -> Query:
    data = record.data
    return Query(
        name=data["name"],
        schema=data.get("schema"),
        birth_date=data.get("birth_date"),
        nationality=data.get("nationality"),
        country=data.get("country"),
        passport=data.get("passport"),
        national_id=data.get("national_id"),
        imo=data.get("imo"),
        mmsi=data.get("mmsi"),
        call_sign=data.get("call_sign"),
    )


def screen_chunk(screener: Screener, records: Sequence[Record], threshold: float) -> list[PairHit]:
    """Screen records; every (record, entity) pair at or above ``threshold``."""
    hits: list[PairHit] = []
    for record in records:
        # Complete retrieval: in a crowded name space the index's top-K could
        # crowd out a true pair, and here a missed pair is a missed alert.
        matches = screener.screen(
            record_query(record),
            limit=max(PAIR_LIMIT, len(screener)),
            threshold=threshold,
            complete=True,
        )
        for match in matches:
            if match.score < threshold:
                continue
            hits.append(
                PairHit(
                    external_id=record.external_id,
                    entity_id=match.entity_id,
                    source=match.source,
                    reference=match.reference,
                    caption=match.caption,
                    schema=match.schema,
                    score=float(match.score),
                    explanation=dict(match.explanation),
                )
            )
    return hits


def _chunks(records: Sequence[Record], size: int) -> list[Sequence[Record]]:
    return [records[i : i + size] for i in range(0, len(records), size)]


class Executor(Protocol):
    def screen(
        self, screener: Screener, records: Sequence[Record], threshold: float
    ) -> list[PairHit]: ...


# Set in the parent just before forking, so workers inherit the index without pickling it.
_FORKED_SCREENER: Screener | None = None


def _screen_forked(records: Sequence[Record], threshold: float) -> list[PairHit]:
    assert _FORKED_SCREENER is not None
    return screen_chunk(_FORKED_SCREENER, records, threshold)


class InProcessExecutor:
    """Screens in this process, forking one worker per core for large books."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def screen(
        self, screener: Screener, records: Sequence[Record], threshold: float
    ) -> list[PairHit]:
        if self.workers == 1 or len(records) < POOL_MIN_RECORDS:
            return screen_chunk(screener, records, threshold)
        global _FORKED_SCREENER
        _FORKED_SCREENER = screener
        # The workers inherit the index and the whole book: frozen, the cycle
        # collector never walks those millions of objects in every worker (nor
        # copies their pages by touching them).
        gc.freeze()
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
                chunks = _chunks(records, CHUNK_SIZE)
                parts = pool.map(_screen_forked, chunks, [threshold] * len(chunks))
                return [hit for part in parts for hit in part]
        finally:
            gc.unfreeze()
            _FORKED_SCREENER = None


# The Dask task payload: (external_id, data) pairs. Pickling 100,000 Record dataclasses
# costs ~0.5 s each way and the records cross three pickles on the way to a worker
# (client -> scheduler -> worker); plain tuples of str and dict pickle ~3x faster.
PackedRecords = list[tuple[str, dict[str, str]]]


def _pack(records: Sequence[Record]) -> PackedRecords:
    return [(record.external_id, record.data) for record in records]


def screen_packed(screener: Screener, packed: PackedRecords, threshold: float) -> list[PairHit]:
    """:func:`screen_chunk` over records sent as ``(external_id, data)`` pairs (the Dask task)."""
    return screen_chunk(screener, [Record(ext, data) for ext, data in packed], threshold)


def prepare_worker() -> None:
    """Import what unpickling the index and screening need (run on each Dask worker)."""
    import importlib

    for module in ("sanctionwatch.screening", "sanctionwatch.monitoring.executors"):
        importlib.import_module(module)


class DaskExecutor:
    """Screens on a Dask cluster: the index is broadcast once, chunks are mapped over workers.

    ``address`` is a scheduler address such as ``tcp://10.0.0.5:8786``; a
    ``distributed.Client`` may be passed instead (tests use a LocalCluster). Workers
    need ``sanctionwatch`` installed; they need no access to our files or store: the
    index and the records travel over the Dask connection.

    With ``tune_workers`` (the default) a
    :class:`~sanctionwatch.monitoring.dask_workers.ScreeningWorkerPlugin` is registered
    for the duration of each :meth:`screen` call; it is removed (and its changes
    undone) before the call returns.
    """

    def __init__(
        self, address: str | None = None, client: Any | None = None, tune_workers: bool = True
    ) -> None:
        from distributed import Client

        self.client = client if client is not None else Client(address)  # type: ignore[no-untyped-call]
        self.tune_workers = tune_workers
        # A fresh worker would otherwise import the screening stack (followthemoney,
        # rigour, ...: 1-4 s) while unpickling the index inside the first screen() call;
        # a forked process inherits it for free. Pay it once here, on connecting.
        self.client.run(prepare_worker)

    def screen(
        self, screener: Screener, records: Sequence[Record], threshold: float
    ) -> list[PairHit]:
        if not records:
            return []
        from sanctionwatch.monitoring.dask_workers import ScreeningWorkerPlugin, plugin_name

        client = self.client
        # hash=False: tokenising the index to name it would pickle all of it once more
        # in this process (~1 s), only to find a key nobody else will ever look up.
        index = client.scatter(screener, broadcast=True, hash=False)
        tuned: str | None = None
        try:
            if self.tune_workers:
                # After the scatter, so the freeze covers the index just unpickled.
                tuned = plugin_name()
                client.register_plugin(ScreeningWorkerPlugin(), name=tuned)
            chunks = [_pack(chunk) for chunk in _chunks(records, CHUNK_SIZE)]
            futures = client.map(
                screen_packed, [index] * len(chunks), chunks, threshold=threshold, pure=False
            )
            parts: list[list[PairHit]] = client.gather(futures)
            del futures
            return [hit for part in parts for hit in part]
        finally:
            if tuned is not None:
                client.unregister_worker_plugin(tuned)
            index.release()
