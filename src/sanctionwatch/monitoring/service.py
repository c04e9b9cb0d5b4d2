"""What happens after lists load: audit the load, re-screen every book, notify.

The CLI, the API and ``lists update`` call :func:`after_load` right after a
successful load, so books are re-screened whenever any list changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sanctionwatch.monitoring import audit, webhooks
from sanctionwatch.monitoring.books import list_books
from sanctionwatch.monitoring.executors import Executor
from sanctionwatch.monitoring.rescreen import RescreenResult, rescreen_book
from sanctionwatch.monitoring.tables import create_tables
from sanctionwatch.screening import Screener
from sanctionwatch.store import ChangeSet, LoadResult, Store


@dataclass
class AfterLoad:
    changes: list[ChangeSet] = field(default_factory=list)
    runs: list[RescreenResult] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)


def record_loads(store: Store, results: Sequence[LoadResult], actor: str = "system") -> None:
    """Write one audit entry per load attempt that created a release or found it loaded."""
    create_tables(store.engine)
    with store.engine.begin() as conn:
        for result in results:
            audit.append(
                conn,
                "list.loaded" if result.created else "list.already_loaded",
                result.release.to_dict(),
                actor=actor,
            )


def current_changes(store: Store, results: Sequence[LoadResult]) -> list[ChangeSet]:
    """For each source with new releases: what changed between the lists in force before and now."""
    created = {r.release.id for r in results if r.created}
    changes: list[ChangeSet] = []
    for source in sorted({r.release.source for r in results if r.created}):
        ordered = store.releases(source)
        ordered.sort(key=lambda rel: rel.seq_key)
        latest = ordered[-1]
        if latest.id not in created:
            continue  # an older release was back-filled; today's list is unchanged
        before = [rel for rel in ordered if rel.id not in created]
        previous = before[-1].id if before else None
        change = store.changed_entities(source, previous, latest.id)
        if change:
            changes.append(change)
    return changes


def after_load(
    store: Store,
    results: Sequence[LoadResult],
    *,
    executor: Executor | None = None,
    notify: bool = True,
    actor: str = "system",
) -> AfterLoad:
    """Audit the loads, re-screen every book incrementally, and POST new/reopened alerts."""
    record_loads(store, results, actor=actor)
    outcome = AfterLoad(changes=current_changes(store, results))
    books = list_books(store.engine)
    if not outcome.changes or not books:
        return outcome
    screener = Screener.from_store(store)
    for book in books:
        outcome.runs.append(
            rescreen_book(
                store,
                book["name"],
                changes=outcome.changes,
                screener=screener,
                executor=executor,
                actor=actor,
            )
        )
    if notify:
        outcome.deliveries = deliver(store, outcome.runs)
    return outcome


def deliver(store: Store, runs: Sequence[RescreenResult]) -> list[dict[str, Any]]:
    """POST each run's new and reopened alerts to the webhooks."""
    deliveries: list[dict[str, Any]] = []
    for run in runs:
        deliveries += webhooks.notify(store.engine, "alert.new", run.new)
        deliveries += webhooks.notify(store.engine, "alert.reopened", run.reopened)
    return deliveries
