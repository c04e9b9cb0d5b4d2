"""The list store: every release of every list, and the history of each statement.

Public API (kept stable for screening, monitoring and the web app)::

    store = Store.open(url)
    store.load_files(paths, source) / store.load_parsed(parsed)
    store.releases(source) / store.release_at(source, ref)
    store.diff(source, from_ref, to_ref) / store.changed_entities(source, a, b)
    store.listed_entities(as_of, sources) / store.entity(id) / store.entity_history(id)
    store.was_listed(id, on) / store.state_key(sources) / store.engine
"""

from sanctionwatch.store.bundled import load_bundled
from sanctionwatch.store.records import (
    AmendedEntity,
    ChangeSet,
    EntityHistory,
    EntityRef,
    ListDiff,
    ListingPeriod,
    LoadResult,
    Release,
    ReleasePoint,
    ValueChange,
    ValueSpan,
)
from sanctionwatch.store.store import Store

__all__ = [
    "AmendedEntity",
    "ChangeSet",
    "EntityHistory",
    "EntityRef",
    "ListDiff",
    "ListingPeriod",
    "LoadResult",
    "Release",
    "ReleasePoint",
    "Store",
    "ValueChange",
    "ValueSpan",
    "load_bundled",
]
