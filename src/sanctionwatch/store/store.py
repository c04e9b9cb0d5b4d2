"""The list store: releases of each source and the history of every statement.

One :class:`Store` wraps one SQLAlchemy engine (SQLite file by default,
PostgreSQL by URL). Loads parse everything first and then write in a single
transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sanctionwatch.errors import ConflictError, InputError, NotFoundError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.settings import database_url
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.store import diff as diffs
from sanctionwatch.store.assemble import SUBJECT_NAMES, Row, fold
from sanctionwatch.store.records import (
    ChangeSet,
    EntityHistory,
    ListDiff,
    ListingPeriod,
    LoadResult,
    Release,
    ReleasePoint,
    ValueSpan,
)
from sanctionwatch.store.schema import metadata, references, releases, statements
from sanctionwatch.store.spans import OPEN, chunks, fetch_raw, insert_release
from sanctionwatch.store.statements import (
    ID_PROP,
    Statement,
    release_references,
    release_statements,
    subject_count,
)

# Order in which sources are asked when a reference (e.g. KPi.033) is ambiguous:
# the UN number belongs to the UN entry; EU/UK entries carry it as a cross-link.
SOURCE_PRIORITY = ("un", "ofac", "eu", "uk", "ftm")


def _utc_naive(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def seq_key(published: datetime, sha256: str) -> str:
    """Sortable position of a release within its source: publication time, then
    the start of the sha256 (two files published in the same microsecond).

    Every statement row stores two of these and both are indexed, so they are
    kept short (34 characters).
    """
    return f"{_utc_naive(published):%Y%m%dT%H%M%S%f}|{sha256[:12]}"


def release_id(source: str, published: datetime, sha256: str) -> str:
    return f"{source}-{_utc_naive(published):%Y-%m-%d}-{sha256[:8]}"


def inputs_sha256(paths: Sequence[Path]) -> str:
    """sha256 of the file bytes; for a file set, of the sorted per-file digests."""
    digests = []
    for path in paths:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
        digests.append(digest.hexdigest())
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(sorted(digests)).encode()).hexdigest()


@dataclass
class PreparedRelease:
    """A parsed release reduced to what the store writes (the FtM proxies can go)."""

    source: str
    format: str
    published: datetime
    sha256: str
    inputs: tuple[str, ...]
    statements: dict[str, Statement]
    references: set[tuple[str, str]]
    entities: int
    skipped: tuple[str, ...]

    @classmethod
    def from_parsed(cls, parsed: ParsedList) -> PreparedRelease:
        if not parsed.inputs:
            raise InputError(
                f"parsed {parsed.source!r} list names no input files",
                hint="parsers must list the files they read in ParsedList.inputs",
            )
        skipped = tuple(
            s.reference
            + (f" (line {s.line})" if s.line and f"line {s.line}" not in s.reference else "")
            + f": {s.reason}"
            for s in parsed.skipped
        )
        return cls(
            source=parsed.source,
            format=parsed.format,
            published=_utc_naive(parsed.published),
            sha256=inputs_sha256(parsed.inputs),
            inputs=tuple(str(p) for p in parsed.inputs),
            statements=release_statements(parsed),
            references=release_references(parsed),
            entities=subject_count(parsed),
            skipped=skipped,
        )


def _release(row: Any) -> Release:
    m = row._mapping
    return Release(
        id=m["id"],
        source=m["source"],
        format=m["format"],
        published=_as_utc(m["published"]),
        sha256=m["sha256"],
        loaded_at=_as_utc(m["loaded_at"]),
        inputs=tuple(json.loads(m["inputs"])),
        entities=m["entities"],
        statements=m["statements"],
        added=m["added"],
        removed=m["removed"],
        amended=m["amended"],
        skipped=m["skipped"],
        seq_key=m["seq_key"],
    )


def parse_when(ref: str) -> datetime | None:
    """An ISO date means the end of that day (UTC); an ISO datetime means itself."""
    try:
        day = date.fromisoformat(ref)
    except ValueError:
        pass
    else:
        return datetime.combine(day, time.max)
    try:
        return _utc_naive(datetime.fromisoformat(ref))
    except ValueError:
        return None


def _when(as_of: date | datetime) -> datetime:
    if isinstance(as_of, datetime):
        return _utc_naive(as_of)
    return datetime.combine(as_of, time.max)


SUBJECT_COLUMNS = "subject_id, entity_id, schema, prop, value"


def lock_for_load(conn: sa.Connection) -> None:
    """Serialise loaders before they read the release order they will write into.

    PostgreSQL: an EXCLUSIVE table lock still lets readers read. SQLite: a write
    that changes nothing starts the write transaction (and takes its lock) now
    rather than at the first insert.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"LOCK TABLE {releases.name} IN EXCLUSIVE MODE")
    else:
        conn.execute(sa.update(releases).where(sa.false()).values(id=releases.c.id))


class Store:
    """Releases and statement history of every list source, over one database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (and create if missing) the store at ``url``, a path or an SQLAlchemy URL.

        ``None`` uses ``SANCTIONWATCH_DB`` or ``./sanctionwatch.db``.
        """
        full = database_url(url)
        if full.startswith("sqlite:///"):
            Path(full.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # SQLite: wait for another loader's transaction instead of failing after 5 s.
        connect_args = {"timeout": 120} if full.startswith("sqlite") else {}
        engine = sa.create_engine(full, connect_args=connect_args)
        metadata.create_all(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- loading ---------------------------------------------------------------

    def load_parsed(self, parsed: ParsedList) -> LoadResult:
        """Load one parsed release in one transaction; same bytes twice is a no-op."""
        return self.load_prepared([PreparedRelease.from_parsed(parsed)])[0]

    def load_files(
        self, paths: Sequence[Path], source: str, progress: bool = False
    ) -> list[LoadResult]:
        """Parse every file first, then load them all in one transaction.

        A bad file raises before anything is written. Companion files of a set
        (OFAC add.csv, alt.csv, ...) may be named too; they are read with their
        main file. Results of files already loaded come first, then the others
        in the order given.
        """
        from sanctionwatch.store.loading import prepare_files

        # A file already loaded as a release of its own is not parsed again.
        # OFAC's CSV parser also reads companion files found next to SDN.CSV, so
        # the bytes of one file do not identify its release there.
        known: dict[int, LoadResult] = {}
        if not source.startswith("ofac"):
            for index, path in enumerate(paths):
                release = self._release_by_sha(source, inputs_sha256([Path(path)]))
                if release is not None and len(release.inputs) == 1:
                    known[index] = LoadResult(release, created=False)
        todo = [Path(p) for i, p in enumerate(paths) if i not in known]
        loaded = self.load_prepared(prepare_files(todo, source, progress=progress)) if todo else []
        return [known[i] for i in sorted(known)] + loaded

    def _release_by_sha(self, source: str, sha256: str) -> Release | None:
        r = releases.c
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(releases).where(r.source == source, r.sha256 == sha256)
            ).first()
        return _release(row) if row is not None else None

    def load_prepared(
        self,
        prepared: Sequence[PreparedRelease],
        after: Callable[[sa.Connection], None] | None = None,
    ) -> list[LoadResult]:
        """Write prepared releases in one transaction (in date order, for speed).

        ``after`` runs inside the same transaction (e.g. to record download state).
        """
        results: dict[int, LoadResult] = {}
        order = sorted(
            range(len(prepared)), key=lambda i: seq_key(prepared[i].published, prepared[i].sha256)
        )
        try:
            with self.engine.begin() as conn:
                lock_for_load(conn)
                for index in order:
                    results[index] = self._write(conn, prepared[index])
                if after is not None:
                    after(conn)
        except IntegrityError as exc:
            raise ConflictError(
                "another process loaded the same release at the same time; nothing was written",
                hint="run the command again",
            ) from exc
        return [results[i] for i in range(len(prepared))]

    def _write(self, conn: sa.Connection, rel: PreparedRelease) -> LoadResult:
        r = releases.c
        existing = conn.execute(
            sa.select(releases).where(r.source == rel.source, r.sha256 == rel.sha256)
        ).first()
        if existing is not None:
            return LoadResult(_release(existing), created=False, skipped=rel.skipped)
        key = seq_key(rel.published, rel.sha256)
        prev_key = conn.execute(
            sa.select(sa.func.max(r.seq_key)).where(r.source == rel.source, r.seq_key < key)
        ).scalar()
        next_key = conn.execute(
            sa.select(sa.func.min(r.seq_key)).where(r.source == rel.source, r.seq_key > key)
        ).scalar()
        insert_release(conn, rel.source, key, prev_key, next_key, rel.statements)
        self._add_references(conn, rel)
        changes = diffs.subject_changes(conn, rel.source, prev_key, key)
        rid = release_id(rel.source, rel.published, rel.sha256)
        conn.execute(
            sa.insert(releases).values(
                id=rid,
                source=rel.source,
                format=rel.format,
                published=rel.published,
                seq_key=key,
                sha256=rel.sha256,
                loaded_at=datetime.now(UTC).replace(tzinfo=None),
                inputs=json.dumps(list(rel.inputs)),
                entities=rel.entities,
                statements=len(rel.statements),
                added=len(changes.added),
                removed=len(changes.removed),
                amended=len(changes.amended),
                skipped=len(rel.skipped),
            )
        )
        if next_key is not None:
            # The next release now follows this one: recount it against it.
            later = diffs.subject_changes(conn, rel.source, key, next_key)
            conn.execute(
                sa.update(releases)
                .where(r.source == rel.source, r.seq_key == next_key)
                .values(
                    added=len(later.added),
                    removed=len(later.removed),
                    amended=len(later.amended),
                )
            )
        row = conn.execute(sa.select(releases).where(r.id == rid)).one()
        return LoadResult(_release(row), created=True, skipped=rel.skipped)

    def _add_references(self, conn: sa.Connection, rel: PreparedRelease) -> None:
        if not rel.references:
            return
        c = references.c
        known: set[tuple[str, str]] = set()
        refs = sorted({ref for ref, _ in rel.references})
        for batch in chunks(refs, 500):
            query = sa.select(c.reference, c.subject_id).where(
                c.source == rel.source, c.reference.in_(list(batch))
            )
            known.update((row[0], row[1]) for row in conn.execute(query).all())
        new = [
            {"reference": ref, "source": rel.source, "subject_id": sid}
            for ref, sid in sorted(rel.references - known)
        ]
        for rows in chunks(new):
            conn.execute(sa.insert(references), list(rows))

    # -- releases --------------------------------------------------------------

    def releases(self, source: str | None = None) -> list[Release]:
        """Releases in order: by source, then publication time."""
        r = releases.c
        query = sa.select(releases).order_by(r.source, r.seq_key)
        if source is not None:
            query = query.where(r.source == source)
        with self.engine.connect() as conn:
            return [_release(row) for row in conn.execute(query)]

    def latest(self, source: str) -> Release | None:
        found = self.releases(source)
        return found[-1] if found else None

    def release_at(self, source: str, ref: str) -> Release:
        """Resolve ``ref``: ``latest``, a release id (or unique prefix), or an ISO
        date/datetime meaning the release in force then (the last one published
        on or before it)."""
        found = self.releases(source)
        if not found:
            raise NotFoundError(
                f"no {source!r} release is loaded",
                hint=f"load one with: sanctionwatch lists load FILE --source {source}",
            )
        if ref == "latest":
            return found[-1]
        for release in found:
            if release.id == ref:
                return release
        prefixed = [r for r in found if r.id.startswith(ref)]
        if len(prefixed) == 1:
            return prefixed[0]
        when = parse_when(ref)
        if when is not None:
            in_force = [r for r in found if _utc_naive(r.published) <= when]
            if not in_force:
                raise NotFoundError(
                    f"no {source!r} release was in force on {ref}: the first one is "
                    f"{found[0].id} published {found[0].published:%Y-%m-%d}",
                    hint="pick a later date or load older releases",
                )
            return in_force[-1]
        raise NotFoundError(
            f"no {source!r} release matches {ref!r}",
            hint="give a release id from `sanctionwatch lists releases`, or a date YYYY-MM-DD",
        )

    def _in_force(self, source: str, as_of: date | datetime | None) -> Release | None:
        found = self.releases(source)
        if as_of is None:
            return found[-1] if found else None
        when = _when(as_of)
        in_force = [r for r in found if _utc_naive(r.published) <= when]
        return in_force[-1] if in_force else None

    def sources(self) -> list[str]:
        with self.engine.connect() as conn:
            query = sa.select(releases.c.source).distinct().order_by(releases.c.source)
            return [row[0] for row in conn.execute(query)]

    def state_key(self, sources: Sequence[str] | None = None) -> str:
        """Stable hash of the latest release of each source (for cache keys)."""
        parts = []
        for source in sorted(sources if sources is not None else self.sources()):
            latest = self.latest(source)
            if latest is not None:
                parts.append(f"{source}:{latest.id}:{latest.sha256}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    # -- diffs -----------------------------------------------------------------

    def _pair(
        self, source: str, from_ref: str | None, to_ref: str | None
    ) -> tuple[Release | None, Release]:
        found = self.releases(source)
        to = self.release_at(source, to_ref) if to_ref else self.release_at(source, "latest")
        if from_ref:
            return self.release_at(source, from_ref), to
        before = [r for r in found if r.seq_key < to.seq_key]
        return (before[-1] if before else None), to

    def diff(self, source: str, from_ref: str | None = None, to_ref: str | None = None) -> ListDiff:
        """Entities added, removed and amended (per property) between two releases.

        Defaults: ``to`` is the latest release, ``from`` the one before ``to``.
        """
        old, new = self._pair(source, from_ref, to_ref)
        with self.engine.connect() as conn:
            changes = diffs.subject_changes(conn, source, old.seq_key if old else None, new.seq_key)
            added = diffs.entity_refs(conn, source, new.seq_key, changes.added)
            removed = diffs.entity_refs(conn, source, old.seq_key, changes.removed) if old else []
            amended = (
                diffs.amendments(conn, source, old.seq_key, new.seq_key, changes.amended)
                if old
                else []
            )
        return ListDiff(source, old, new, added, removed, amended)

    def changed_entities(self, source: str, from_release: str | None, to_release: str) -> ChangeSet:
        """Subject ids added, amended and removed between two releases (ids or dates)."""
        new = self.release_at(source, to_release)
        old = self.release_at(source, from_release) if from_release else None
        with self.engine.connect() as conn:
            changes = diffs.subject_changes(conn, source, old.seq_key if old else None, new.seq_key)
        return ChangeSet(
            source,
            old.id if old else None,
            new.id,
            frozenset(changes.added),
            frozenset(changes.amended),
            frozenset(changes.removed),
        )

    # -- entities --------------------------------------------------------------

    def listed_entities(
        self,
        as_of: date | datetime | None = None,
        sources: Sequence[str] | None = None,
    ) -> Iterator[ListedEntity]:
        """Every subject on the lists: the latest release of each source, or the
        release in force on ``as_of``."""
        for source in sorted(sources if sources is not None else self.sources()):
            release = self._in_force(source, as_of)
            if release is None:
                continue
            # Runs reaching the latest release end in OPEN: an equality scan.
            latest = self.latest(source)
            params: tuple[str, ...]
            if latest is not None and latest.seq_key == release.seq_key:
                where, params = "source = ? AND last_key = ?", (source, OPEN)
            else:
                where = "source = ? AND last_key >= ? AND first_key <= ?"
                params = (source, release.seq_key, release.seq_key)
            groups: dict[str, list[Row]] = {}
            with self.engine.connect() as conn:
                for row in fetch_raw(conn, SUBJECT_COLUMNS, where, params):
                    groups.setdefault(row[0], []).append(row)
            for subject_id in sorted(groups):
                entity = fold(source, subject_id, groups[subject_id])
                if entity is not None:
                    yield entity

    def resolve(self, id_or_reference: str) -> tuple[str, str]:
        """(source, subject id) of an entity id or a list reference such as ``KPi.033``."""
        t = statements.c
        c = references.c
        with self.engine.connect() as conn:
            query = (
                sa.select(t.source, t.subject_id)
                .where(
                    t.subject_id == id_or_reference,
                    t.entity_id == id_or_reference,
                    t.prop == ID_PROP,
                    t.schema.in_(sorted(SUBJECT_NAMES)),
                )
                .limit(1)
            )
            row = conn.execute(query).first()
            if row is not None:
                return str(row[0]), str(row[1])
            for needle in (id_or_reference, id_or_reference.lower()):
                column = c.reference if needle == id_or_reference else sa.func.lower(c.reference)
                found = [
                    (str(r[0]), str(r[1]))
                    for r in conn.execute(sa.select(c.source, c.subject_id).where(column == needle))
                ]
                if found:
                    found.sort(key=_source_rank)
                    return found[0]
        raise NotFoundError(
            f"no listed entity has the id or reference {id_or_reference!r}",
            hint="use an id such as un-KPi.033 or a list reference such as KPi.033",
        )

    def _subject_runs(self, conn: sa.Connection, source: str, subject_id: str) -> list[Any]:
        t = statements.c
        query = sa.select(
            t.subject_id, t.entity_id, t.schema, t.prop, t.value, t.first_key, t.last_key
        ).where(t.source == source, t.subject_id == subject_id)
        return list(conn.execute(query))

    def entity(self, id_or_reference: str, as_of: date | datetime | None = None) -> ListedEntity:
        """An entity as of ``as_of`` (default: its latest state; a delisted entity is
        shown as it was in the last release that carried it)."""
        source, subject_id = self.resolve(id_or_reference)
        with self.engine.connect() as conn:
            runs = self._subject_runs(conn, source, subject_id)
        if as_of is not None:
            release = self._in_force(source, as_of)
            if release is None:
                raise NotFoundError(
                    f"no {source!r} release was in force on {as_of:%Y-%m-%d}",
                    hint="pick a later date or load older releases",
                )
            key = release.seq_key
        else:
            key = max(row.last_key for row in runs)
        rows = [tuple(row[:5]) for row in runs if row.first_key <= key <= row.last_key]
        entity = fold(source, subject_id, rows)
        if entity is None:
            raise NotFoundError(
                f"{subject_id} was not on the {source!r} list on {as_of}",
                hint="see its listing periods with: sanctionwatch entity ID --history",
            )
        return entity

    def was_listed(self, id_or_reference: str, on: date | datetime) -> bool:
        """Whether the entity was in the release of its source in force on ``on``."""
        source, subject_id = self.resolve(id_or_reference)
        release = self._in_force(source, on)
        if release is None:
            raise NotFoundError(
                f"no {source!r} release was in force on {on:%Y-%m-%d}, so the store cannot tell",
                hint="load older releases of the list",
            )
        with self.engine.connect() as conn:
            return bool(diffs._present_subjects(conn, source, release.seq_key, [subject_id]))

    def entity_history(self, id_or_reference: str) -> EntityHistory:
        """Every value the entity ever had, when it appeared and disappeared, and its
        listing periods."""
        source, subject_id = self.resolve(id_or_reference)
        found = self.releases(source)
        by_key = {r.seq_key: r for r in found}
        order = [r.seq_key for r in found]
        position = {key: i for i, key in enumerate(order)}
        # Runs reaching the latest release store OPEN as their end.
        by_key[OPEN] = found[-1]
        position[OPEN] = len(order) - 1

        def point(key: str) -> ReleasePoint:
            return ReleasePoint(by_key[key].id, by_key[key].published)

        def after(key: str) -> ReleasePoint | None:
            i = position[key] + 1
            return point(order[i]) if i < len(order) else None

        with self.engine.connect() as conn:
            runs = self._subject_runs(conn, source, subject_id)
        values = sorted(
            (
                ValueSpan(
                    row.entity_id,
                    row.schema,
                    row.prop,
                    row.value,
                    point(row.first_key),
                    point(row.last_key),
                    after(row.last_key),
                )
                for row in runs
            ),
            key=lambda v: (
                v.entity_id != subject_id,
                v.entity_id,
                v.prop,
                v.value,
                v.first_seen.published,
            ),
        )
        present = [False] * len(order)
        for row in runs:
            if row.entity_id == subject_id and row.prop == ID_PROP:
                for i in range(position[row.first_key], position[row.last_key] + 1):
                    present[i] = True
        periods: list[ListingPeriod] = []
        start: int | None = None
        for i, flag in enumerate([*present, False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                delisted = point(order[i]) if i < len(order) else None
                periods.append(ListingPeriod(point(order[start]), point(order[i - 1]), delisted))
                start = None
        latest_key = max(row.last_key for row in runs)
        entity = fold(
            source,
            subject_id,
            [tuple(r[:5]) for r in runs if r.first_key <= latest_key <= r.last_key],
        )
        listing_dates = sorted(
            {
                row.value
                for row in runs
                if row.schema == "Sanction" and row.prop in ("listingDate", "startDate")
            }
        )
        return EntityHistory(
            id=subject_id,
            source=source,
            schema=entity.schema if entity else "",
            reference=entity.reference if entity else None,
            caption=entity.caption if entity else subject_id,
            listed=bool(present and present[-1]),
            listing_dates=tuple(listing_dates),
            periods=tuple(periods),
            values=tuple(values),
        )

    # -- maintenance -----------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        """Everything that defines the history, in a canonical order (for tests and
        audits): releases without their load times, and statement runs by release id."""
        r = releases.c
        t = statements.c
        with self.engine.connect() as conn:
            rels = [
                {k: v for k, v in _release(row).to_dict().items() if k != "loaded_at"}
                for row in conn.execute(sa.select(releases).order_by(r.source, r.seq_key))
            ]
            ids = {
                (row.source, row.seq_key): row.id
                for row in conn.execute(sa.select(r.source, r.seq_key, r.id))
            }
            for rel in rels:  # in order, so the last one per source wins
                ids[(rel["source"], OPEN)] = rel["id"]
            runs = sorted(
                (
                    row.source,
                    row.entity_id,
                    row.schema,
                    row.prop,
                    row.value,
                    row.subject_id,
                    ids[(row.source, row.first_key)],
                    ids[(row.source, row.last_key)],
                )
                for row in conn.execute(
                    sa.select(
                        t.source,
                        t.entity_id,
                        t.schema,
                        t.prop,
                        t.value,
                        t.subject_id,
                        t.first_key,
                        t.last_key,
                    )
                )
            )
            refs = sorted(tuple(row) for row in conn.execute(sa.select(references)))
        return {"releases": rels, "statements": runs, "references": refs}


def _source_rank(item: tuple[str, str]) -> tuple[int, str]:
    source, subject = item
    rank = SOURCE_PRIORITY.index(source) if source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)
    return rank, subject
