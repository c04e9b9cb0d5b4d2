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
A run that reaches the latest release stores ``OPEN`` instead of its key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, TypeVar

import sqlalchemy as sa

from sanctionwatch.store.schema import statements
from sanctionwatch.store.statements import Statement

T = TypeVar("T")
# Stored as the end of a run that reaches the latest release of its source. It
# sorts after every seq_key (key columns use the "C" collation on PostgreSQL).
OPEN = "~"
BATCH = 5000


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# (pk, stmt_id, first_key, last_key): plain tuples, as the driver returns them.
_Run = tuple[int, str, str, str]
PK: Final = 0
STMT: Final = 1
LAST: Final = 3


def fetch_raw(conn: sa.Connection, columns: str, where: str, params: tuple[Any, ...]) -> list[Any]:
    """Rows of the statements table as plain driver tuples (``?`` placeholders).

    Wrapping 100k+ rows in SQLAlchemy Row objects would cost more than the query;
    the SQL is plain and portable.
    """
    sql = f"SELECT {columns} FROM {statements.name} WHERE {where}"
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _runs(conn: sa.Connection, where: str, params: tuple[Any, ...]) -> list[_Run]:
    return fetch_raw(conn, "pk, stmt_id, first_key, last_key", where, params)


def _raw_many(conn: sa.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """executemany straight on the driver: SQLAlchemy's per-row parameter handling
    costs more than the database itself for 100k-row releases. ``?`` placeholders
    are rewritten for the driver's paramstyle; the SQL is plain and portable."""
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    for batch in chunks(rows):
        conn.exec_driver_sql(sql, list(batch))


def insert_release(
    conn: sa.Connection,
    source: str,
    key: str,
    prev_key: str | None,
    next_key: str | None,
    present: dict[str, Statement],
) -> None:
    """Record that release ``key`` of ``source`` contains exactly ``present``.

    Runs that reach the latest release store ``OPEN`` as their end, so
    appending a release (the everyday case) only touches the runs that stop and
    the statements that are new, not every current row.
    """
    t = statements.c
    # How the ends of P's and X's runs are stored: OPEN if it is the latest release.
    prev_end = OPEN if next_key is None else prev_key
    new_end = OPEN if next_key is None else key
    ending: dict[str, _Run] = {}
    starting: dict[str, _Run] = {}
    covering: dict[str, _Run] = {}
    if prev_key is not None:
        found = _runs(conn, "source = ? AND last_key = ?", (source, prev_end))
        ending = {r[STMT]: r for r in found}
    if next_key is not None:
        found = _runs(conn, "source = ? AND first_key = ?", (source, next_key))
        starting = {r[STMT]: r for r in found}
    if prev_key is not None and next_key is not None:
        where = "source = ? AND first_key <= ? AND last_key >= ?"
        covering = {r[STMT]: r for r in _runs(conn, where, (source, prev_key, next_key))}

    # Parameter tuples: (new key, pk) for updates, (pk,) for deletes.
    set_last: list[tuple[Any, ...]] = []
    set_first: list[tuple[Any, ...]] = []
    delete: list[tuple[Any, ...]] = []
    new_rows: list[tuple[Any, ...]] = []

    if next_key is None:
        # Appending: runs present in X stay OPEN; the others now end at P.
        set_last += [(prev_key, r[PK]) for sid, r in ending.items() if sid not in present]
    else:
        set_last += [
            (key, r[PK]) for sid, r in ending.items() if sid in present and sid not in starting
        ]

    # Runs starting at N: prepending touches most rows, so move them all at once
    # and put back the few whose statement is not in X.
    begin = [r for sid, r in starting.items() if sid in present and sid not in ending]
    late = [r for sid, r in starting.items() if sid not in present]
    if starting and len(late) < len(begin):
        conn.execute(
            sa.update(statements)
            .where(t.source == source, t.first_key == next_key)
            .values(first_key=key)
        )
        set_first += [(next_key, r[PK]) for r in late]
    else:
        set_first += [(key, r[PK]) for r in begin]

    for sid, stmt in present.items():
        if sid in covering:
            continue
        if sid in ending and sid in starting:
            # Merge: the run ending at P takes over the end of the run from N.
            set_last.append((starting[sid][LAST], ending[sid][PK]))
            delete.append((starting[sid][PK],))
        elif sid not in ending and sid not in starting:
            new_rows.append(_row(source, stmt, key, new_end))

    split_rows = {}
    for sid, run in covering.items():
        if sid in present:
            continue
        set_last.append((prev_key, run[PK]))
        split_rows[sid] = run
    if split_rows:
        # Copy the statement's fields for the second half of the split.
        ids = list(split_rows)
        for batch in chunks(ids, 500):
            query = sa.select(
                t.stmt_id, t.subject_id, t.entity_id, t.schema, t.prop, t.value
            ).where(t.pk.in_([split_rows[sid][PK] for sid in batch]))
            for row in conn.execute(query).all():
                run = split_rows[row.stmt_id]
                assert next_key is not None
                new_rows.append(_row(source, Statement(*row), next_key, run[LAST]))

    table = statements.name
    if delete:
        _raw_many(conn, f"DELETE FROM {table} WHERE pk = ?", delete)
    if set_last:
        _raw_many(conn, f"UPDATE {table} SET last_key = ? WHERE pk = ?", set_last)
    if set_first:
        _raw_many(conn, f"UPDATE {table} SET first_key = ? WHERE pk = ?", set_first)
    if new_rows:
        columns = ", ".join(INSERT_COLUMNS)
        marks = ", ".join("?" for _ in INSERT_COLUMNS)
        _raw_many(conn, f"INSERT INTO {table} ({columns}) VALUES ({marks})", new_rows)


INSERT_COLUMNS = (
    "stmt_id",
    "source",
    "subject_id",
    "entity_id",
    "schema",
    "prop",
    "value",
    "first_key",
    "last_key",
)


def _row(source: str, stmt: Statement, first_key: str, last_key: str) -> tuple[Any, ...]:
    return (
        stmt.stmt_id,
        source,
        stmt.subject_id,
        stmt.entity_id,
        stmt.schema,
        stmt.prop,
        stmt.value,
        first_key,
        last_key,
    )


def covering(source: str, key: str) -> Any:
    """WHERE clause: statements of ``source`` present in the release with ``key``."""
    t = statements.c
    return sa.and_(t.source == source, t.first_key <= key, t.last_key >= key)


def iter_ids(rows: Iterable[Any]) -> Iterator[str]:
    for row in rows:
        yield str(row[0])
