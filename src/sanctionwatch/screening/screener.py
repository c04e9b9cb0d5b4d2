"""The screening entry point: build or load an index, screen queries against it."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np

from sanctionwatch import settings
from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening.index import CANDIDATES, CandidateIndex, Entry
from sanctionwatch.screening.normalize import NormalizedName, normalize_name, query_names
from sanctionwatch.screening.scorer import WEIGHTS, name_floor, score_entry
from sanctionwatch.screening.types import DEFAULT_THRESHOLD, SCHEMATA, Match, Query

__all__ = ["INDEX_VERSION", "IndexCacheMismatch", "Screener", "StoreLike", "cache_format"]

log = logging.getLogger(__name__)

# Bump when normalisation or scoring inputs change: old caches are rebuilt.
INDEX_VERSION = "screening-index-7"
_CACHE_MAGIC = b"sanctionwatch screening index\n"
# Below this many candidate names (of one schema), bounding them all at once
# costs more than the pair-by-pair ceiling it saves.
BOUND_FROM = 160


def cache_format() -> str:
    """The format a cache file must carry to be read: version plus the record layouts.

    The layouts (field names of :class:`Entry` and :class:`NormalizedName`) are
    part of it, so a change of either invalidates old caches even if nobody
    bumped :data:`INDEX_VERSION`.
    """
    layout = ",".join(Entry._fields) + ";" + ",".join(NormalizedName._fields)
    return f"{INDEX_VERSION}/{hashlib.sha256(layout.encode()).hexdigest()[:12]}"


class IndexCacheMismatch(InputError):
    """The index cache file was written by another version; rebuild it from the store."""


# Which listed schemata a query schema may match.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity"}),
    "Company": frozenset({"Organization", "Company", "LegalEntity"}),
    "LegalEntity": frozenset({"Person", "Organization", "Company", "LegalEntity"}),
    "Vessel": frozenset({"Vessel"}),
    "Aircraft": frozenset({"Aircraft", "Airplane"}),
    "Airplane": frozenset({"Aircraft", "Airplane"}),
}


class StoreLike(Protocol):
    """What :meth:`Screener.from_store` needs of the store."""

    def listed_entities(
        self, as_of: date | None = None, sources: Sequence[str] | None = None
    ) -> Iterable[ListedEntity]: ...

    def state_key(self) -> str: ...


def _query_identifiers(query: Query) -> dict[str, str]:
    ids = {
        "imo": query.imo,
        "mmsi": query.mmsi,
        "passport": query.passport,
        "national_id": query.national_id,
        "call_sign": query.call_sign,
    }
    return {k: v.strip() for k, v in ids.items() if v and v.strip()}


class _Readings:
    """A query's name readings under each listed schema, read once per query."""

    def __init__(self, name: str | None, names: list[NormalizedName]) -> None:
        self.name = name or ""
        self.names = names
        self.by_schema: dict[str, list[NormalizedName]] = {}

    def of(self, schema: str) -> list[NormalizedName]:
        found = self.by_schema.get(schema)
        if found is None:
            found = self.by_schema[schema] = (
                query_names(self.name, schema) + self.names[1:] if self.names else []
            )
        return found


class Screener:
    """Screens names against an in-memory index of listed entities.

    >>> screener = Screener.from_entities(entities)      # doctest: +SKIP
    >>> screener.screen(Query(name="Choi Sun-hee"))[0].reference  # doctest: +SKIP
    'KPi.067'
    """

    def __init__(self, index: CandidateIndex) -> None:
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    @classmethod
    def from_entities(cls, entities: Iterable[ListedEntity]) -> Screener:
        """Build the index from entities (order does not matter)."""
        return cls(CandidateIndex.build(entities))

    @classmethod
    def from_store(
        cls,
        store: StoreLike,
        as_of: date | None = None,
        sources: Sequence[str] | None = None,
        cache_dir: Path | None = None,
    ) -> Screener:
        """Load the index for the store's current state from the on-disk cache, or build it.

        The cache file name hashes ``store.state_key()``, ``as_of`` and
        ``sources``, so a new release never reads a stale index. The file
        starts with its :func:`cache_format`: a cache written by another
        version of sanctionwatch (or damaged) is rebuilt and overwritten in
        place, never trusted and never fatal.
        """
        key = "|".join([store.state_key(), str(as_of), ",".join(sorted(sources or []))])
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        folder = cache_dir or settings.data_dir() / "screening"
        path = folder / f"index-{digest}.pickle"
        if path.exists():
            try:
                return cls.load(path)
            except IndexCacheMismatch as exc:
                log.info("rebuilding the screening index: %s", exc.message)
            except (
                OSError,
                pickle.UnpicklingError,
                EOFError,
                AttributeError,
                ValueError,
                TypeError,
                ImportError,
                IndexError,
                KeyError,
                InputError,
            ) as exc:
                # A damaged cache is rebuilt, never trusted.
                log.warning("ignoring unreadable screening cache %s: %s", path, exc)
        screener = cls.from_entities(store.listed_entities(as_of=as_of, sources=sources))
        screener.save(path)
        return screener

    def save(self, path: Path) -> None:
        """Write the index atomically (temp file + rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_CACHE_MAGIC + cache_format().encode() + b"\n")
                pickle.dump(self.index, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> Screener:
        """Read an index written by :meth:`save`.

        Raises :class:`IndexCacheMismatch` before unpickling anything when the
        file's format is not this version's :func:`cache_format`.
        """
        with path.open("rb") as fh:
            if fh.readline() != _CACHE_MAGIC:
                raise IndexCacheMismatch(
                    "not a screening index cache (or one from before cache formats)",
                    path=path,
                    hint="it is rebuilt from the store",
                )
            found = fh.readline().decode("utf-8", "replace").strip()
            if found != cache_format():
                raise IndexCacheMismatch(
                    f"screening index cache has format {found!r}, this version reads "
                    f"{cache_format()!r}",
                    path=path,
                    hint="it is rebuilt from the store",
                )
            # Unpickling creates ~10^5 objects: pausing the cycle collector
            # meanwhile roughly halves the load time.
            enabled = gc.isenabled()
            gc.disable()
            try:
                index = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
        if not isinstance(index, CandidateIndex) or not hasattr(index, "names"):
            raise IndexCacheMismatch("screening index cache holds no index", path=path)
        return cls(index)

    def _allowed(self, entry: Entry, query: Query) -> bool:
        if query.schema and entry.schema not in _COMPATIBLE[query.schema]:
            return False
        if query.sources and entry.source not in query.sources:
            return False
        if query.programs:
            wanted = [p.upper() for p in query.programs]
            if not any(p.upper().startswith(w) for p in entry.programs for w in wanted):
                return False
        return True

    def screen(
        self,
        query: Query,
        limit: int = 5,
        threshold: float = DEFAULT_THRESHOLD,
        cutoff: float | None = None,
        complete: bool = False,
    ) -> list[Match]:
        """Best candidates for ``query``, best first, at most ``limit``.

        Candidates scoring below ``cutoff`` (default: ``threshold``) are dropped;
        ``match`` is ``score >= threshold``. Pass ``cutoff=0`` to see near misses.
        ``complete`` scores every entry sharing a name key with the query, not
        only the best-voted ``CANDIDATES`` (slower where names are common; for
        monitoring, where a crowded-out true pair is a missed alert).
        """
        if query.schema is not None and query.schema not in SCHEMATA:
            raise InputError(
                f"unknown schema {query.schema!r}", hint=f"use one of: {', '.join(SCHEMATA)}"
            )
        ids = _query_identifiers(query)
        names = self._query_names(query)
        if not names and not ids:
            if query.name and query.name.strip():
                return []  # a name of symbols or control characters only matches nothing
            raise InputError(
                "a query needs a name or an identifier",
                hint="give the name to screen, or an IMO, MMSI, passport or national id number",
            )
        floor = threshold if cutoff is None else cutoff
        positions, id_hits = self.index.candidates(names, ids, CANDIDATES, complete=complete)
        countries = [c for c in (query.nationality, query.country) if c]
        readings = _Readings(query.name, names)
        if floor > 0 and names and len(positions) > 1:
            least = name_floor(floor, bool(query.birth_date), bool(countries))
            positions = self._within_reach(positions, id_hits, readings, least)
        results: list[Match] = []
        for pos in dict.fromkeys([*positions, *sorted(id_hits)]):
            entry = self.index.entries[pos]
            if not self._allowed(entry, query):
                continue
            # Score each name reading under the listed entity's schema.
            entry_names = readings.of(entry.schema)
            scored = score_entry(entry_names, entry, query.birth_date, countries, ids, floor)
            if scored is None or scored.score < floor:
                continue
            results.append(
                Match(
                    entity_id=entry.entity_id,
                    source=entry.source,
                    reference=entry.reference,
                    caption=entry.caption,
                    schema=entry.schema,
                    score=scored.score,
                    match=scored.score >= threshold,
                    explanation=scored.explanation,
                    features=scored.features,
                )
            )
        results.sort(key=lambda m: (-m.score, m.entity_id))
        return results[:limit]

    def _within_reach(
        self, positions: list[int], id_hits: set[int], readings: _Readings, least: float
    ) -> list[int]:
        """The candidates whose names might reach ``least`` (see :mod:`.bounds`).

        The rest would score below the floor anyway; those sharing an
        identifier are always kept, since an agreeing identifier lifts any name.
        """
        table = self.index.names
        found = np.array(positions, dtype=np.int64)
        keep = np.zeros(len(found), dtype=np.bool_)
        codes = table.schema_codes[found]
        for code in np.unique(codes).tolist():
            group = codes == code
            if table.name_count(found[group]) < BOUND_FROM:
                keep[group] = True
                continue
            keep[group] = table.may_reach(
                readings.of(table.schemas[code]),
                found[group],
                least,
                least / WEIGHTS["weak_alias"],
            )
        if id_hits:
            keep |= np.isin(found, list(id_hits))
        return [int(p) for p in found[keep]]

    @staticmethod
    def _query_names(query: Query) -> list[NormalizedName]:
        """Every reading of the query's name; empty when it has no usable name.

        A name that normalises to nothing ("", "---", "N/A" punctuation) leaves
        the identifiers to find the entity.
        """
        if not query.name or not query.name.strip():
            return []
        names = [n for n in query_names(query.name, query.schema) if n.tokens]
        if names and query.schema is None:
            # Unknown schema: also read the name as an organisation (legal forms).
            org = normalize_name(query.name, "Organization")
            if org.tokens and org.tokens != names[0].tokens:
                names.append(org)
        return names

    def candidate_ids(self, query: Query) -> list[str]:
        """Entity ids the index proposes for ``query`` before scoring (for evaluation)."""
        names = self._query_names(query)
        positions, id_hits = self.index.candidates(names, _query_identifiers(query), CANDIDATES)
        entries = self.index.entries
        return [entries[p].entity_id for p in dict.fromkeys([*positions, *sorted(id_hits)])]

    def explain(self, query: Query, entity_id: str) -> Match | None:
        """Score one named entity for a query regardless of candidates (for reviewers)."""
        for entry in self.index.entries:
            if entry.entity_id == entity_id:
                names = query_names(query.name, entry.schema) if self._query_names(query) else []
                countries = [c for c in (query.nationality, query.country) if c]
                scored = score_entry(
                    names, entry, query.birth_date, countries, _query_identifiers(query)
                )
                assert scored is not None  # floor 0 always scores
                return Match(
                    entry.entity_id,
                    entry.source,
                    entry.reference,
                    entry.caption,
                    entry.schema,
                    scored.score,
                    scored.score >= DEFAULT_THRESHOLD,
                    scored.explanation,
                    scored.features,
                )
        return None
