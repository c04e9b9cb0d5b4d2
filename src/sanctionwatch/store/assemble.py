"""Fold statement rows back into :class:`ListedEntity` views."""

from __future__ import annotations

from collections.abc import Iterable

from followthemoney import model

from sanctionwatch.model.entity import SUBJECT_SCHEMATA, ListedEntity
from sanctionwatch.store.statements import ID_PROP

SUBJECT_NAMES: frozenset[str] = frozenset(
    name
    for name, schema in model.schemata.items()
    if name in SUBJECT_SCHEMATA or schema.is_a("LegalEntity")
)

Row = tuple[str, str, str, str, str]  # subject_id, entity_id, schema, prop, value


def fold(source: str, subject_id: str, rows: Iterable[Row]) -> ListedEntity | None:
    """Build one subject from its rows; None if the subject entity itself is absent."""
    schema: str | None = None
    props: dict[str, set[str]] = {}
    sanctions: dict[str, dict[str, set[str]]] = {}
    for _, entity_id, row_schema, prop, value in rows:
        if entity_id == subject_id:
            if row_schema in SUBJECT_NAMES:
                schema = row_schema
            if prop != ID_PROP:
                props.setdefault(prop, set()).add(value)
        elif row_schema == "Sanction":
            sanction = sanctions.setdefault(entity_id, {})
            if prop != ID_PROP:
                sanction.setdefault(prop, set()).add(value)
    if schema is None:
        return None
    entity = ListedEntity(subject_id, schema, source)
    entity.properties = {p: sorted(v) for p, v in sorted(props.items())}
    entity.sanctions = [
        {p: sorted(v) for p, v in sorted(sanctions[sid].items())} for sid in sorted(sanctions)
    ]
    return entity


def label(entity: ListedEntity) -> tuple[str, str | None]:
    """(caption, reference) for lists and diffs."""
    return entity.caption, entity.reference
