"""Insert one release into the statement spans of its source.

Invariant: for every statement, its rows are exactly the *maximal* runs of
consecutive releases (in ``seq_key`` order) that contain it. That is a pure
function of which releases contain which statements, so any load order that
ends with the same set of releases ends with the same rows.

Inserting release X between neighbours P (before) and N (after) keeps the
invariant. Before the insert P and N are adjacent, so a run either ends at P,
starts at N, spans both, or lies elsewhere and is untouched. For a statement in X:
  - run over P and N: nothing to do;
  - run ending at P and run starting at N: merge them through X;
  - run ending at P: extend it to X;  run starting at N: start it at X;
  - neither: a new run [X, X].
For a run over P and N whose statement is *not* in X: split into [.., P] and [N, ..].
Appending (no N) and prepending (no P) are the same rules with one side empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from sanctionwatch.store.schema import statements
from sanctionwatch.store.statements import Statement

T = TypeVar("T")
BATCH = 5000


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class _Run:
    pk: int
    stmt_id: str
    first_key: str
    last_key: str


def _runs(conn: sa.Connection, where: Any) -> list[_Run]:
    t = statements.c
    query = sa.select(t.pk, t.stmt_id, t.first_key, t.last_key).where(where)
    return [_Run(*row) for row in conn.execute(query)]


def _executemany(conn: sa.Connection, stmt: Any, params: list[dict[str, Any]]) -> None:
    for batch in chunks(params):
        conn.execute(stmt, list(batch))


def insert_release(
    conn: sa.Connection,
    source: str,
    key: str,
    prev_key: str | None,
    next_key: str | None,
    present: dict[str, Statement],
) -> None:
    """Record that release ``key`` of ``source`` contains exactly ``present``."""
    t = statements.c
    ending: dict[str, _Run] = {}
    starting: dict[str, _Run] = {}
    covering: dict[str, _Run] = {}
    if prev_key is not None:
        for run in _runs(conn, sa.and_(t.source == source, t.last_key == prev_key)):
            ending[run.stmt_id] = run
    if next_key is not None:
        for run in _runs(conn, sa.and_(t.source == source, t.first_key == next_key)):
            starting[run.stmt_id] = run
    if prev_key is not None and next_key is not None:
        over = sa.and_(t.source == source, t.first_key <= prev_key, t.last_key >= next_key)
        for run in _runs(conn, over):
            covering[run.stmt_id] = run

    set_last: list[dict[str, Any]] = []
    set_first: list[dict[str, Any]] = []
    delete: list[dict[str, Any]] = []
    new_rows: list[dict[str, Any]] = []

    # Runs ending at P: extend those whose statement is in X. Appending touches
    # nearly every current run, so update them all at once and undo the few
    # that stop here instead of updating row by row.
    extend = [r for sid, r in ending.items() if sid in present and sid not in starting]
    stop = [r for sid, r in ending.items() if sid not in present]
    if ending and len(stop) < len(extend):
        conn.execute(
            sa.update(statements)
            .where(t.source == source, t.last_key == prev_key)
            .values(last_key=key)
        )
        set_last += [{"k_pk": r.pk, "k_last": prev_key} for r in stop]
    else:
        set_last += [{"k_pk": r.pk, "k_last": key} for r in extend]

    # Runs starting at N: same trick for prepending.
    begin = [r for sid, r in starting.items() if sid in present and sid not in ending]
    late = [r for sid, r in starting.items() if sid not in present]
    if starting and len(late) < len(begin):
        conn.execute(
            sa.update(statements)
            .where(t.source == source, t.first_key == next_key)
            .values(first_key=key)
        )
        set_first += [{"k_pk": r.pk, "k_first": next_key} for r in late]
    else:
        set_first += [{"k_pk": r.pk, "k_first": key} for r in begin]

    for sid, stmt in present.items():
        if sid in covering:
            continue
        if sid in ending and sid in starting:
            # Merge: the run ending at P takes over the end of the run from N.
            set_last.append({"k_pk": ending[sid].pk, "k_last": starting[sid].last_key})
            delete.append({"k_pk": starting[sid].pk})
        elif sid not in ending and sid not in starting:
            new_rows.append(_row(source, stmt, key, key))

    split_rows = {}
    for sid, run in covering.items():
        if sid in present:
            continue
        set_last.append({"k_pk": run.pk, "k_last": prev_key})
        split_rows[sid] = run
    if split_rows:
        # Copy the statement's fields for the second half of the split.
        ids = list(split_rows)
        for batch in chunks(ids, 500):
            query = sa.select(
                t.stmt_id, t.subject_id, t.entity_id, t.schema, t.prop, t.value
            ).where(t.pk.in_([split_rows[sid].pk for sid in batch]))
            for row in conn.execute(query):
                run = split_rows[row.stmt_id]
                stmt = Statement(*row)
                assert next_key is not None
                new_rows.append(_row(source, stmt, next_key, run.last_key))

    pk: sa.BindParameter[int] = sa.bindparam("k_pk")
    if delete:
        _executemany(conn, sa.delete(statements).where(t.pk == pk), delete)
    if set_last:
        upd = sa.update(statements).where(t.pk == pk).values(last_key=sa.bindparam("k_last"))
        _executemany(conn, upd, set_last)
    if set_first:
        upd = sa.update(statements).where(t.pk == pk).values(first_key=sa.bindparam("k_first"))
        _executemany(conn, upd, set_first)
    if new_rows:
        _executemany(conn, sa.insert(statements), new_rows)


def _row(source: str, stmt: Statement, first_key: str, last_key: str) -> dict[str, Any]:
    return {
        "stmt_id": stmt.stmt_id,
        "source": source,
        "subject_id": stmt.subject_id,
        "entity_id": stmt.entity_id,
        "schema": stmt.schema,
        "prop": stmt.prop,
        "value": stmt.value,
        "first_key": first_key,
        "last_key": last_key,
    }


def covering(source: str, key: str) -> Any:
    """WHERE clause: statements of ``source`` present in the release with ``key``."""
    t = statements.c
    return sa.and_(t.source == source, t.first_key <= key, t.last_key >= key)


def iter_ids(rows: Iterable[Any]) -> Iterator[str]:
    for row in rows:
        yield str(row[0])
