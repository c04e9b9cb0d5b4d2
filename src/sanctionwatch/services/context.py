"""The long-lived objects a server needs, and the snapshot of list data it screens against.

A :class:`Snapshot` is everything derived from one store state: the screener,
the entities by id and the catalog. It is rebuilt when ``store.state_key()``
changes (a list was loaded, here or by another process); the check runs at
most every ``refresh_seconds`` so a busy ``/match`` does not query the
database on every request.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.services.catalog import Catalog, build_catalog
from sanctionwatch.services.textsearch import PrefixIndex

if TYPE_CHECKING:
    from sanctionwatch.screening import Screener
    from sanctionwatch.store import Store

log = logging.getLogger(__name__)
AS_OF_KEEP = 4


class NotReadyError(SanctionwatchError):
    """The screening index is still being built; retry in a few seconds."""

    status = 503


@dataclass
class Snapshot:
    """Screening state for one store state."""

    state_key: str
    screener: Screener
    entities: dict[str, ListedEntity]
    catalog: Catalog
    text: PrefixIndex
    built_at: float = field(default_factory=time.time)
    build_seconds: float = 0.0

    def entity(self, entity_id: str) -> ListedEntity | None:
        return self.entities.get(entity_id)


def build_snapshot(store: Store, as_of: date | None = None) -> Snapshot:
    """Build the screener, entity map and catalog from the store's current state (or as of a day)."""
    from sanctionwatch.screening import Screener

    started = time.perf_counter()
    key = store.state_key()
    entities = list(store.listed_entities(as_of, None))
    # Screener.from_store rebuilds a cache written by another version by itself.
    screener = Screener.from_store(store, as_of=as_of)
    catalog = build_catalog(entities, store.sources())
    return Snapshot(
        state_key=key,
        screener=screener,
        entities={e.id: e for e in entities},
        catalog=catalog,
        text=PrefixIndex(entities),
        build_seconds=time.perf_counter() - started,
    )


class Services:
    """Owns the store, the current snapshot, batch jobs and tokens for one server process."""

    def __init__(
        self,
        store: Store,
        *,
        jobs_dir: Path,
        refresh_seconds: float = 5.0,
        ready_timeout: float = 120.0,
    ) -> None:
        from sanctionwatch.services.batch import JobManager
        from sanctionwatch.services.tokens import TokenStore

        self.store = store
        self.refresh_seconds = refresh_seconds
        self.ready_timeout = ready_timeout
        self.tokens = TokenStore(store.engine)
        self.jobs = JobManager(self, jobs_dir)
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._as_of: dict[date, Snapshot] = {}
        self._rebuilding = False

    # -- snapshot lifecycle -------------------------------------------------

    def start(self) -> None:
        """Build the first snapshot in a background thread (``/readyz`` says when it is done)."""
        threading.Thread(target=self._initial_build, name="sw-index", daemon=True).start()

    def _initial_build(self) -> None:
        try:
            self.refresh(force=True)
        except BaseException as exc:  # reported through readyz and every request
            log.exception("building the screening index failed")
            self._error = exc
        finally:
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._snapshot is not None

    def refresh(self, force: bool = False) -> Snapshot:
        """The current snapshot; checks the store at most every ``refresh_seconds``.

        When the store moved on, the new snapshot is built on a background
        thread while requests keep being answered from the old one; ``force``
        (and the very first build) builds in the calling thread.
        """
        with self._lock:
            now = time.monotonic()
            current = self._snapshot
            if current is not None and not force and now - self._checked_at < self.refresh_seconds:
                return current
            self._checked_at = now
        if current is None or force:
            return self._rebuild()
        if self.store.state_key() != current.state_key:
            with self._lock:
                if not self._rebuilding:
                    self._rebuilding = True
                    threading.Thread(target=self._rebuild, name="sw-reindex", daemon=True).start()
        return current

    def _rebuild(self) -> Snapshot:
        try:
            fresh = build_snapshot(self.store)
            with self._lock:
                self._snapshot = fresh
                self._as_of.clear()
            log.info("screening index ready: %d entities", len(fresh.entities))
            return fresh
        finally:
            with self._lock:
                self._rebuilding = False

    def snapshot(self) -> Snapshot:
        """The current snapshot; waits for the first build, refreshes when the store moved on."""
        if self._snapshot is None and (
            not self._ready.wait(self.ready_timeout) or self._snapshot is None
        ):
            if self._error is not None:
                raise NotReadyError(
                    f"the screening index could not be built: {self._error}",
                    hint="check the server log and the database setting",
                )
            raise NotReadyError(
                "the screening index is still being built", hint="retry in a few seconds"
            )
        return self.refresh()

    def snapshot_as_of(self, as_of: date | None) -> Snapshot:
        """The snapshot of the releases in force on ``as_of`` (the current one for None).

        A few recent days are kept in memory; the screener's own disk cache
        makes a rebuild of an older day cheap.
        """
        current = self.snapshot()
        if as_of is None:
            return current
        with self._lock:
            found = self._as_of.get(as_of)
            if found is not None and found.state_key == current.state_key:
                return found
        found = build_snapshot(self.store, as_of)
        with self._lock:
            if len(self._as_of) >= AS_OF_KEEP:
                self._as_of.pop(next(iter(self._as_of)))
            self._as_of[as_of] = found
        return found

    def invalidate(self) -> None:
        """Force the next request to re-check the store (after a load through this process)."""
        self._checked_at = 0.0
