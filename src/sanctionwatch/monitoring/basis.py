"""What a match rests on: the record's fields and the list entry's matching properties.

An alert stores this basis when raised or decided. A dismissed alert reopens
only when the basis changes, and the change is what the reviewer is shown.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.monitoring.books import Record

ENTITY_BASIS_PROPS = (
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "birthDate",
    "birthDateRange",
    "nationality",
    "citizenship",
    "country",
    "passportNumber",
    "idNumber",
    "imoNumber",
    "mmsi",
    "callSign",
)


def pair_basis(record: Record, entity: ListedEntity) -> dict[str, Any]:
    props = {p: sorted(entity.get(p)) for p in ENTITY_BASIS_PROPS if entity.get(p)}
    return {
        "record": dict(sorted(record.data.items())),
        "entity": {"schema": entity.schema, **props},
    }


def basis_hash(basis: dict[str, Any]) -> str:
    body = json.dumps(basis, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def basis_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Field-level changes between two bases: ``{"record"|"entity": {field: {old, new}}}``."""
    changes: dict[str, Any] = {}
    for side in ("record", "entity"):
        before = old.get(side, {})
        after = new.get(side, {})
        diff = {
            key: {"old": before.get(key), "new": after.get(key)}
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        }
        if diff:
            changes[side] = diff
    return changes
