"""Plain result types the store hands out (no I/O; ``to_dict`` gives the JSON shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Release:
    """One loaded file (or file set) of a source.

    ``seq_key`` orders the releases of a source: publication time first, then the
    sha256, so any two stores holding the same files agree on the order.
    Counts compare the release with the one before it in that order.
    """

    id: str
    source: str
    format: str
    published: datetime
    sha256: str
    loaded_at: datetime
    inputs: tuple[str, ...]
    entities: int
    statements: int
    added: int
    removed: int
    amended: int
    skipped: int
    seq_key: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "published": _iso(self.published),
            "sha256": self.sha256,
            "loaded_at": _iso(self.loaded_at),
            "inputs": list(self.inputs),
            "entities": self.entities,
            "statements": self.statements,
            "added": self.added,
            "removed": self.removed,
            "amended": self.amended,
            "skipped": self.skipped,
        }


@dataclass(frozen=True)
class LoadResult:
    """What one load did: ``created`` is False when the same bytes were already loaded."""

    release: Release
    created: bool
    skipped: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "release": self.release.to_dict(),
            "created": self.created,
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True)
class ChangeSet:
    """Subject entity ids that changed between two releases of one source."""

    source: str
    from_release: str | None
    to_release: str
    added: frozenset[str] = frozenset()
    amended: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    @property
    def changed(self) -> frozenset[str]:
        """Ids to re-screen: added or amended (removed ones left the list)."""
        return self.added | self.amended

    def __bool__(self) -> bool:
        return bool(self.added or self.amended or self.removed)


@dataclass(frozen=True)
class EntityRef:
    """An entity in a diff: our id, the list's own number and a display name."""

    id: str
    reference: str | None
    caption: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "reference": self.reference, "caption": self.caption}


@dataclass(frozen=True)
class ValueChange:
    """Old and new values of one property (sorted)."""

    old: tuple[str, ...]
    new: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"old": list(self.old), "new": list(self.new)}


@dataclass(frozen=True)
class AmendedEntity:
    """An entity present in both releases whose statements differ."""

    entity: EntityRef
    changes: dict[str, ValueChange]

    def to_dict(self) -> dict[str, Any]:
        out = self.entity.to_dict()
        out["changes"] = {prop: change.to_dict() for prop, change in self.changes.items()}
        return out


@dataclass(frozen=True)
class ListDiff:
    """What changed in a source between two releases.

    Property names are FtM (or Fact) properties of the subject; properties of
    its linked entities are prefixed with their schema, e.g. ``Sanction.program``.
    """

    source: str
    from_release: Release | None
    to_release: Release
    added: list[EntityRef] = field(default_factory=list)
    removed: list[EntityRef] = field(default_factory=list)
    amended: list[AmendedEntity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "from": self.from_release.id if self.from_release else None,
            "to": self.to_release.id,
            "added": [ref.to_dict() for ref in self.added],
            "removed": [ref.to_dict() for ref in self.removed],
            "amended": [item.to_dict() for item in self.amended],
        }


@dataclass(frozen=True)
class ReleasePoint:
    """A release named in a history: its id and publication time."""

    id: str
    published: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "published": _iso(self.published)}


@dataclass(frozen=True)
class ValueSpan:
    """One value of one property and the run of releases that carried it.

    ``removed_in`` is the first release after ``last_seen`` (None while the
    value is still in the latest release).
    """

    entity_id: str
    schema: str
    prop: str
    value: str
    first_seen: ReleasePoint
    last_seen: ReleasePoint
    removed_in: ReleasePoint | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "schema": self.schema,
            "prop": self.prop,
            "value": self.value,
            "first_seen": self.first_seen.to_dict(),
            "last_seen": self.last_seen.to_dict(),
            "removed_in": self.removed_in.to_dict() if self.removed_in else None,
        }


@dataclass(frozen=True)
class ListingPeriod:
    """A run of releases in which the entity was on the list.

    ``delisted_in`` is the first release without it (None while still listed).
    """

    first_seen: ReleasePoint
    last_seen: ReleasePoint
    delisted_in: ReleasePoint | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_seen": self.first_seen.to_dict(),
            "last_seen": self.last_seen.to_dict(),
            "delisted_in": self.delisted_in.to_dict() if self.delisted_in else None,
        }


@dataclass(frozen=True)
class EntityHistory:
    """Everything the store ever held about one listed subject."""

    id: str
    source: str
    schema: str
    reference: str | None
    caption: str
    listed: bool
    listing_dates: tuple[str, ...]
    periods: tuple[ListingPeriod, ...]
    values: tuple[ValueSpan, ...]

    @property
    def first_seen(self) -> ReleasePoint:
        return self.periods[0].first_seen

    @property
    def delisted_in(self) -> ReleasePoint | None:
        return self.periods[-1].delisted_in

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "schema": self.schema,
            "reference": self.reference,
            "caption": self.caption,
            "listed": self.listed,
            "listing_dates": list(self.listing_dates),
            "periods": [period.to_dict() for period in self.periods],
            "values": [value.to_dict() for value in self.values],
        }
