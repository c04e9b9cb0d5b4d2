"""List history services: releases, diffs, one entity (as of a date) and its history."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, datetime
from typing import Any

from sanctionwatch.errors import InputError, NotFoundError
from sanctionwatch.services.catalog import SOURCE_TITLES
from sanctionwatch.services.context import Services
from sanctionwatch.services.ftm import entity_to_ftm


def jsonable(value: Any) -> Any:
    """Plain JSON data from the store's result objects (dataclasses, dates, paths)."""
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def parse_date(value: str | None, field: str = "as_of") -> date | None:
    """``YYYY-MM-DD`` (or a full timestamp) as a date; a 400 naming the field otherwise."""
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{field} must be a date like 2024-03-31, got {value!r}") from None


def check_source(source: str) -> str:
    from sanctionwatch.sources.registry import SOURCES

    if source not in SOURCES:
        raise NotFoundError(f"unknown source {source!r}", hint=f"use one of: {', '.join(SOURCES)}")
    return source


def releases(services: Services, source: str | None = None) -> list[dict[str, Any]]:
    """Every loaded release (of one source, or all), oldest first."""
    if source:
        check_source(source)
    return [jsonable(r) for r in services.store.releases(source or None)]


def sources_overview(services: Services) -> list[dict[str, Any]]:
    """Per source: title and number of releases, for the releases page."""
    from sanctionwatch.sources.registry import SOURCES

    rows = []
    for name in SOURCES:
        count = len(services.store.releases(name))
        rows.append({"source": name, "title": SOURCE_TITLES.get(name, name), "releases": count})
    return rows


def diff(
    services: Services, source: str, from_ref: str | None, to_ref: str | None
) -> dict[str, Any]:
    """What changed in ``source`` between two releases (ids or dates; default: the two latest)."""
    check_source(source)
    result = services.store.diff(source, from_ref or None, to_ref or None)
    data: dict[str, Any] = result.to_dict()
    data["from_release"] = jsonable(result.from_release)
    data["to_release"] = jsonable(result.to_release)
    return data


def diff_timeline(services: Services, source: str) -> list[dict[str, Any]]:
    """Counts of added/removed/amended entries for each consecutive pair of releases.

    The store counts each release against the one before it when it loads.
    """
    check_source(source)
    rel = releases(services, source)
    return [
        {
            "from": before,
            "to": after,
            "added": after["added"],
            "removed": after["removed"],
            "amended": after["amended"],
        }
        for before, after in itertools.pairwise(rel)
    ]


def entity(
    services: Services, id_or_reference: str, as_of: date | None = None, nested: bool = True
) -> dict[str, Any]:
    """One entry as yente's ``EntityResponse`` (sanctions nested), as of a date if given."""
    found = services.store.entity(id_or_reference, as_of)
    snapshot = services.snapshot()
    return entity_to_ftm(found, snapshot.catalog, nested=nested)


def history(services: Services, id_or_reference: str) -> dict[str, Any]:
    """The entry's full history: when each value appeared and disappeared, listing and delisting."""
    data: dict[str, Any] = jsonable(services.store.entity_history(id_or_reference))
    return data
