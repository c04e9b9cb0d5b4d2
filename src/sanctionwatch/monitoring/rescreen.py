"""Re-screen a book, fully or only where a list change can matter, and reconcile alerts.

A pair's score depends only on the record and the list entry, so after a
release only two kinds of pair can change: (every record × each added or
amended entry) and (each new or changed record × every entry). Incremental
re-screening evaluates exactly those pairs, withdraws alerts on removed entries,
and leaves every other alert as it is, which makes it equal to a full re-screen
(tests/monitoring/test_rescreen.py and test_ofac_daily_update.py prove it on
real releases). Which entries are *considered* for a record does depend on the
rest of the index; ``_changed_pairs`` accounts for that.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.monitoring import audit
from sanctionwatch.monitoring.alerts import ACTIVE, DISMISSED, OPEN, WITHDRAWN
from sanctionwatch.monitoring.basis import basis_changes, basis_hash, pair_basis
from sanctionwatch.monitoring.books import Book, Record, get_book, load_records
from sanctionwatch.monitoring.executors import Executor, InProcessExecutor, PairHit, screen_chunk
from sanctionwatch.monitoring.tables import alerts, create_tables, records
from sanctionwatch.screening import Screener
from sanctionwatch.screening.index import CANDIDATES
from sanctionwatch.store import ChangeSet, Store


@dataclass
class RescreenResult:
    """What one run did; ``new`` and ``reopened`` feed the webhooks."""

    book: str
    mode: str
    records_screened: int
    entities_screened: int
    hits: int
    seconds: float = 0.0
    new: list[dict[str, Any]] = field(default_factory=list)
    reopened: list[dict[str, Any]] = field(default_factory=list)
    updated: int = 0
    withdrawn: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "book": self.book,
            "mode": self.mode,
            "records_screened": self.records_screened,
            "entities_screened": self.entities_screened,
            "hits": self.hits,
            "new": len(self.new),
            "reopened": len(self.reopened),
            "updated": self.updated,
            "withdrawn": self.withdrawn,
            "seconds": round(self.seconds, 3),
        }


def rescreen_book(
    store: Store,
    book_name: str,
    *,
    full: bool = False,
    changes: Sequence[ChangeSet] = (),
    screener: Screener | None = None,
    executor: Executor | None = None,
    actor: str = "system",
) -> RescreenResult:
    """Re-screen one book and update its alerts in one transaction.

    ``full`` screens every record against every entry. Otherwise the run covers
    the entries in ``changes`` plus the book's records not yet screened against
    the current lists (new or changed since their last screening).
    """
    started = time.perf_counter()
    engine = store.engine
    create_tables(engine)
    book = get_book(engine, book_name)
    executor = executor or InProcessExecutor()
    screener = screener or Screener.from_store(store)
    state = store.state_key()
    entities = {e.id: e for e in store.listed_entities()}

    changed_ids: set[str] = set()
    removed_ids: set[str] = set()
    for change in changes:
        changed_ids |= set(change.changed)
        removed_ids |= set(change.removed)
    changed_ids &= set(entities)

    all_records = load_records(engine, book)
    by_id = {r.external_id: r for r in all_records}
    if full:
        stale = set(by_id)
    else:
        stale = _unscreened(engine, book)

    hits: list[PairHit] = []
    if full:
        hits = executor.screen(screener, all_records, book.threshold)
        found = {(h.external_id, h.entity_id) for h in hits}
        missing = [p for p in _active_pairs(engine, book) if p not in found]
        hits += _rescore(missing, by_id, entities, book.threshold)
        entities_screened = len(entities)
    else:
        if stale:
            hits += executor.screen(screener, [by_id[i] for i in sorted(stale)], book.threshold)
        if changed_ids:
            others = [r for r in all_records if r.external_id not in stale]
            hits += _changed_pairs(executor, others, entities, changed_ids, book)
        entities_screened = len(changed_ids)

    result = RescreenResult(
        book=book.name,
        mode="full" if full else "incremental",
        records_screened=len(all_records) if full or changed_ids else len(stale),
        entities_screened=entities_screened,
        hits=len(hits),
    )

    def in_scope(external_id: str, entity_id: str) -> bool:
        return (
            full
            or external_id in stale
            or entity_id in changed_ids
            or entity_id in removed_ids
            or entity_id not in entities
        )

    with engine.begin() as conn:
        _reconcile(conn, book, hits, by_id, entities, in_scope, result, actor)
        conn.execute(
            records.update()
            .where(records.c.book_id == book.id)
            .where(records.c.external_id.in_(sorted(stale)) if not full else sa.true())
            .values(screened_state=state)
        )
        result.seconds = time.perf_counter() - started
        audit.append(conn, "screening.run", {**result.summary(), "lists": state}, actor=actor)
    return result


def _changed_pairs(
    executor: Executor,
    candidates: Sequence[Record],
    entities: dict[str, ListedEntity],
    changed_ids: set[str],
    book: Book,
) -> list[PairHit]:
    """Every (record, changed entry) pair scoring at or above the book's threshold.

    A pair's score depends only on the pair, but which entries the index
    *proposes* for a record depends on the other entries (IDF, top-K). Indexes
    of at most ``CANDIDATES`` changed entries propose every entry that shares a
    key with the record, so no true pair is crowded out.
    """
    ordered = sorted(changed_ids)
    hits: list[PairHit] = []
    for start in range(0, len(ordered), CANDIDATES):
        group = Screener.from_entities([entities[i] for i in ordered[start : start + CANDIDATES]])
        hits += executor.screen(group, candidates, book.threshold)
    return hits


def _rescore(
    pairs: Sequence[tuple[str, str]],
    by_id: dict[str, Record],
    entities: dict[str, ListedEntity],
    threshold: float,
) -> list[PairHit]:
    """Score alerted pairs directly, so an alert never lapses only because of index ranking."""
    hits: list[PairHit] = []
    for external_id, entity_id in pairs:
        if external_id in by_id and entity_id in entities:
            single = Screener.from_entities([entities[entity_id]])
            hits += screen_chunk(single, [by_id[external_id]], threshold)
    return hits


def _active_pairs(engine: sa.Engine, book: Book) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(alerts.c.external_id, alerts.c.entity_id)
            .where(alerts.c.book_id == book.id)
            .where(alerts.c.status.in_(ACTIVE))
            .order_by(alerts.c.id)
        )
        return [(row.external_id, row.entity_id) for row in rows]


def _unscreened(engine: sa.Engine, book: Book) -> set[str]:
    """Records new or changed since they were last screened (import clears the mark)."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(records.c.external_id)
            .where(records.c.book_id == book.id)
            .where(records.c.screened_state.is_(None))
        )
        return {row.external_id for row in rows}


def _reconcile(
    conn: sa.Connection,
    book: Book,
    hits: Iterable[PairHit],
    by_id: dict[str, Record],
    entities: dict[str, ListedEntity],
    in_scope: Any,
    result: RescreenResult,
    actor: str,
) -> None:
    now = datetime.now(UTC)
    existing = {
        (row.external_id, row.entity_id): row
        for row in conn.execute(sa.select(alerts).where(alerts.c.book_id == book.id))
    }
    best: dict[tuple[str, str], PairHit] = {}
    for hit in hits:
        key = (hit.external_id, hit.entity_id)
        if key not in best or hit.score > best[key].score:
            best[key] = hit

    for key, hit in sorted(best.items()):
        record, entity = by_id[key[0]], entities[key[1]]
        basis = pair_basis(record, entity)
        digest = basis_hash(basis)
        row = existing.get(key)
        if row is None:
            alert_id = _insert(conn, book, hit, basis, digest, now)
            payload = _payload(book, alert_id, hit, OPEN)
            result.new.append(payload)
            audit.append(conn, "alert.raised", payload, actor=actor)
            continue
        if row.status in (DISMISSED, WITHDRAWN) and row.basis_hash != digest:
            reason = {
                "was": row.status,
                "changes": basis_changes(row.basis, basis),
                "score": {"old": row.score, "new": hit.score},
            }
            _update(conn, row, hit, basis, digest, now, status=OPEN, reopen_reason=reason)
            payload = {**_payload(book, row.id, hit, OPEN), "reopen_reason": reason}
            result.reopened.append(payload)
            audit.append(conn, "alert.reopened", payload, actor=actor)
        elif row.status in (DISMISSED, WITHDRAWN):
            continue  # suppressed: nothing that affects the match has changed
        elif row.basis_hash != digest or abs(row.score - hit.score) > 1e-9:
            _update(conn, row, hit, basis, digest, now, status=row.status)
            result.updated += 1

    for key, row in existing.items():
        if key in best or row.status not in ACTIVE or not in_scope(*key):
            continue
        why = "entry removed from the list" if key[1] not in entities else "no longer matches"
        conn.execute(
            alerts.update()
            .where(alerts.c.id == row.id)
            .values(status=WITHDRAWN, lock_version=row.lock_version + 1, updated_at=now)
        )
        result.withdrawn += 1
        audit.append(
            conn,
            "alert.withdrawn",
            {"alert": row.id, "book": book.name, "record": key[0], "entity": key[1], "why": why},
            actor=actor,
        )


def _payload(book: Book, alert_id: int, hit: PairHit, status: str) -> dict[str, Any]:
    return {
        "alert": alert_id,
        "book": book.name,
        "record": hit.external_id,
        "entity": hit.entity_id,
        "source": hit.source,
        "reference": hit.reference,
        "caption": hit.caption,
        "score": hit.score,
        "status": status,
    }


def _insert(
    conn: sa.Connection,
    book: Book,
    hit: PairHit,
    basis: dict[str, Any],
    digest: str,
    now: datetime,
) -> int:
    inserted = conn.execute(
        alerts.insert().values(
            book_id=book.id,
            external_id=hit.external_id,
            entity_id=hit.entity_id,
            source=hit.source,
            reference=hit.reference,
            caption=hit.caption,
            status=OPEN,
            score=hit.score,
            explanation=hit.explanation,
            basis=basis,
            basis_hash=digest,
            reopen_reason=None,
            lock_version=1,
            created_at=now,
            updated_at=now,
        )
    )
    key = inserted.inserted_primary_key
    assert key is not None
    return int(key[0])


def _update(
    conn: sa.Connection,
    row: Any,
    hit: PairHit,
    basis: dict[str, Any],
    digest: str,
    now: datetime,
    *,
    status: str,
    reopen_reason: dict[str, Any] | None = None,
) -> None:
    conn.execute(
        alerts.update()
        .where(alerts.c.id == row.id)
        .values(
            status=status,
            score=hit.score,
            explanation=hit.explanation,
            caption=hit.caption,
            reference=hit.reference,
            basis=basis,
            basis_hash=digest,
            reopen_reason=reopen_reason if reopen_reason is not None else row.reopen_reason,
            lock_version=row.lock_version + 1,
            updated_at=now,
        )
    )
