"""FollowTheMoney shapes at the API edge: yente's ``EntityResponse`` and query examples.

Our :class:`ListedEntity` carries facts FtM has no property for (e.g.
``birthDateRange``); yente clients load results into FtM proxies, so only
valid schema properties go into ``properties`` and the rest into ``facts``
(an extra field clients ignore). Designations become nested ``Sanction``
entities under ``sanctions`` when ``nested`` is asked for, as yente does.
"""

from __future__ import annotations

import hashlib
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.services.catalog import Catalog

# Properties a query example may carry beyond its schema's own; yente drops them quietly too.
MAX_VALUES_PER_PROP = 50


def schema_or_error(name: str, *, matchable: bool = True) -> Schema:
    """The FtM schema called ``name``; a 400 naming the valid choices otherwise."""
    schema = model.get(name)
    if schema is None:
        raise InputError(
            f"Cannot parse example entity: unknown schema {name!r}",
            hint="use an FtM schema such as Person, Organization, Company, LegalEntity or Vessel",
        )
    if matchable and not schema.matchable:
        raise InputError(
            f"Cannot parse example entity: schema {name!r} cannot be matched",
            hint="use a matchable schema such as Person, Organization, Company or Vessel",
        )
    return schema


def split_properties(
    schema_name: str, properties: dict[str, list[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Split into (valid FtM properties of the schema, other facts)."""
    schema = model.get(schema_name) or model.get("Thing")
    assert schema is not None
    props: dict[str, list[str]] = {}
    facts: dict[str, list[str]] = {}
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is not None and not prop.stub and prop.type.name != "entity":
            props[name] = list(values)
        else:
            facts[name] = list(values)
    return props, facts


def sanction_id(entity_id: str, index: int) -> str:
    digest = hashlib.sha1(f"{entity_id}:{index}".encode()).hexdigest()[:12]
    return f"{entity_id}-sanction-{digest}"


def sanction_to_ftm(
    entity: ListedEntity, index: int, sanction: dict[str, list[str]]
) -> dict[str, Any]:
    """One designation as a yente-style nested ``Sanction`` entity."""
    props, _ = split_properties("Sanction", sanction)
    caption = (props.get("program") or props.get("authority") or ["Sanction"])[0]
    return {
        "id": sanction_id(entity.id, index),
        "caption": caption,
        "schema": "Sanction",
        "properties": props,
        "datasets": [entity.source],
        "referents": [],
        "target": False,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
    }


def entity_to_ftm(
    entity: ListedEntity,
    catalog: Catalog,
    *,
    nested: bool = False,
    dates: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """A listed entity as yente's ``EntityResponse`` (plus ``reference``, ``source``, ``facts``)."""
    props, facts = split_properties(entity.schema, entity.properties)
    props.setdefault("topics", ["sanction"])
    body: dict[str, Any] = {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema,
        "properties": props,
        "datasets": catalog.names_for(entity) or [entity.source],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "source": entity.source,
        "reference": entity.reference,
        "programs": entity.programs,
        "facts": facts,
    }
    if dates:
        body.update({k: v for k, v in dates.items() if k in body})
    if nested and entity.sanctions:
        body["properties"]["sanctions"] = [
            sanction_to_ftm(entity, i, s) for i, s in enumerate(entity.sanctions)
        ]
    return body


def clean_example(example: dict[str, Any]) -> dict[str, Any]:
    """Clean a ``/match`` query example the way FtM does (countries to codes, dates, ...).

    Unknown properties and values that do not clean are dropped, as yente
    does; the cleaned example is echoed back in the response's ``query``.
    """
    schema = schema_or_error(str(example["schema"]))
    proxy = model.make_entity(schema)
    raw = example.get("properties") or {}
    if not isinstance(raw, dict):
        raise InputError("Cannot parse example entity: 'properties' must be an object")
    for name, values in raw.items():
        if not isinstance(values, list):
            values = [values]
        prop = schema.get(name)
        if prop is None or prop.stub or prop.type.name == "entity":
            continue
        for value in values[:MAX_VALUES_PER_PROP]:
            if value is None or isinstance(value, (dict, list)):
                continue
            proxy.add(prop, str(value), cleaned=False, quiet=True)
    cleaned = proxy.to_dict()
    return {
        "id": example.get("id"),
        "schema": schema.name,
        "properties": {k: list(v) for k, v in cleaned["properties"].items()},
    }
