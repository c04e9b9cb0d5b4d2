"""Compare two releases of one source: which subjects were added, removed or amended."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.store.assemble import SUBJECT_NAMES, Row, fold
from sanctionwatch.store.records import AmendedEntity, EntityRef, ValueChange
from sanctionwatch.store.schema import statements
from sanctionwatch.store.spans import chunks
from sanctionwatch.store.statements import ID_PROP

t = statements.c


@dataclass
class SubjectChanges:
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    amended: set[str] = field(default_factory=set)


def _covers(key: str) -> sa.ColumnElement[bool]:
    return sa.and_(t.first_key <= key, t.last_key >= key)


def _present_subjects(conn: sa.Connection, source: str, key: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are subjects present in release ``key``."""
    found: set[str] = set()
    for batch in chunks(sorted(ids), 500):
        query = sa.select(t.subject_id).where(
            t.source == source,
            t.subject_id.in_(list(batch)),
            t.entity_id == t.subject_id,
            t.prop == ID_PROP,
            t.schema.in_(sorted(SUBJECT_NAMES)),
            _covers(key),
        )
        found.update(conn.execute(query).scalars().all())
    return found


def _all_subjects(conn: sa.Connection, source: str, key: str) -> set[str]:
    query = sa.select(t.subject_id).where(
        t.source == source,
        t.entity_id == t.subject_id,
        t.prop == ID_PROP,
        t.schema.in_(sorted(SUBJECT_NAMES)),
        _covers(key),
    )
    return set(conn.execute(query).scalars().all())


def subject_changes(
    conn: sa.Connection, source: str, old_key: str | None, new_key: str
) -> SubjectChanges:
    """Subjects added, removed and amended going from ``old_key`` to ``new_key``.

    Only statements present in exactly one of the two releases are read: with
    lo < hi those are runs that cover lo and end before hi, or start after lo
    and cover hi. Both are range scans on the span indexes.
    """
    if old_key is None:
        return SubjectChanges(added=_all_subjects(conn, source, new_key))
    if old_key == new_key:
        return SubjectChanges()
    lo, hi = sorted((old_key, new_key))
    query = sa.select(t.subject_id).where(
        t.source == source,
        sa.or_(
            sa.and_(t.first_key <= lo, t.last_key >= lo, t.last_key < hi),
            sa.and_(t.first_key > lo, t.first_key <= hi, t.last_key >= hi),
        ),
    )
    touched = set(conn.execute(query).scalars().all())
    in_old = _present_subjects(conn, source, old_key, touched)
    in_new = _present_subjects(conn, source, new_key, touched)
    return SubjectChanges(added=in_new - in_old, removed=in_old - in_new, amended=in_old & in_new)


def subject_rows(
    conn: sa.Connection, source: str, key: str, ids: Iterable[str]
) -> dict[str, list[Row]]:
    """Statement rows of the given subjects in release ``key``."""
    out: dict[str, list[Row]] = defaultdict(list)
    cols = (t.subject_id, t.entity_id, t.schema, t.prop, t.value)
    for batch in chunks(sorted(ids), 500):
        query = sa.select(*cols).where(
            t.source == source, t.subject_id.in_(list(batch)), _covers(key)
        )
        for row in conn.execute(query).all():
            out[row[0]].append((row[0], row[1], row[2], row[3], row[4]))
    return out


def _ref(source: str, subject_id: str, rows: list[Row]) -> EntityRef:
    entity = fold(source, subject_id, rows)
    if entity is None:
        return EntityRef(subject_id, None, subject_id)
    return EntityRef(subject_id, entity.reference, entity.caption)


def flat_properties(subject_id: str, rows: Iterable[Row]) -> dict[str, set[str]]:
    """Property name -> values; linked entities' properties get their schema as prefix."""
    out: dict[str, set[str]] = defaultdict(set)
    for _, entity_id, schema, prop, value in rows:
        if entity_id == subject_id:
            if prop == ID_PROP:
                out["schema"].add(schema)
            else:
                out[prop].add(value)
        else:
            out[f"{schema}.{prop}"].add(value)
    return out


def entity_refs(conn: sa.Connection, source: str, key: str, ids: Iterable[str]) -> list[EntityRef]:
    rows = subject_rows(conn, source, key, ids)
    refs = [_ref(source, sid, rows.get(sid, [])) for sid in ids]
    return sorted(refs, key=lambda r: (r.reference or "", r.id))


def amendments(
    conn: sa.Connection, source: str, old_key: str, new_key: str, ids: Iterable[str]
) -> list[AmendedEntity]:
    """Per-property old/new values of subjects present in both releases."""
    ids = sorted(ids)
    old_rows = subject_rows(conn, source, old_key, ids)
    new_rows = subject_rows(conn, source, new_key, ids)
    out: list[AmendedEntity] = []
    for sid in ids:
        old = flat_properties(sid, old_rows.get(sid, []))
        new = flat_properties(sid, new_rows.get(sid, []))
        changes = {
            prop: ValueChange(tuple(sorted(old.get(prop, ()))), tuple(sorted(new.get(prop, ()))))
            for prop in sorted(set(old) | set(new))
            if old.get(prop, set()) != new.get(prop, set())
        }
        if changes:
            out.append(AmendedEntity(_ref(source, sid, new_rows.get(sid, [])), changes))
    return sorted(out, key=lambda a: (a.entity.reference or "", a.entity.id))


def entity_from_rows(source: str, subject_id: str, rows: list[Row]) -> ListedEntity | None:
    return fold(source, subject_id, rows)
