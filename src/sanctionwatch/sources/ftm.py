"""FollowTheMoney JSON lines: import (OpenSanctions exports and our own) and export.

Import (``ftm-jsonl``): one entity per line, ``{"id", "schema", "properties"}``.
- Every entity is imported (subjects, Sanction, Address, Ownership, ...) with its
  id unchanged. Entity values nested inside properties (OpenSanctions
  ``*.nested.json`` exports, e.g. ``"sanctions": [{"schema": "Sanction", ...}]``)
  become entities of their own; a nested entity under a reverse property (such
  as ``sanctions``) gets the link back to its parent (``Sanction.entity``).
- Property values are taken as published: FtM exports are already cleaned, and
  re-cleaning would drop values FtM cannot re-parse without context (phone
  numbers without a country, for one). Schema and property names are checked.
- OpenSanctions' ``datasets`` and ``referents`` are kept as the facts
  ``dataset`` and ``referent`` (referents name the source records an entity was
  merged from, which links it to the official lists). ``caption`` only orders
  the names (the caption's name comes first, so the entity shows under it).
  ``first_seen``, ``last_seen``, ``last_change`` and ``target`` are not kept:
  the store records its own history.
- Published time: the file has no header, so it is the latest ``last_change``
  (or ``last_seen``) of any line; a file without either uses the file's
  modification time (UTC).
- Bad input rejects the whole file (:class:`InputError` naming the file, line,
  entity and fix): a line that is not JSON, not UTF-8, not an object with
  ``id``/``schema``; an unknown or abstract schema; an unknown property; a value
  that is neither text nor a nested entity; two lines with the same id and
  incompatible schemas; a file with no entities. FtM files are machine-written, so
  a bad line means a damaged or foreign file, and silently dropping an entity
  could hide a designation.

Export (:func:`write_ftm`): each :class:`ListedEntity` becomes its subject line and
one ``Sanction`` line per designation. Values that are facts rather than FtM
properties (e.g. ``birthDateRange``) travel in a ``"sanctionwatch": {"facts":
{...}}`` member that FtM tools ignore and this importer reads back, so an export
re-imports to the same entities.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import orjson
from followthemoney import EntityProxy, model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import Fact, ListedEntity
from sanctionwatch.sources.base import ListParser, ParsedList

__all__ = ["PARSERS", "FtmParser", "write_ftm"]

EXTENSION_KEY = "sanctionwatch"
_SCHEMA_HINT = "use FollowTheMoney schema names such as Person, Organization, Vessel, Sanction"


class _Line:
    """Where in the file we are, for error messages."""

    def __init__(self, path: Path, number: int, last: bool) -> None:
        self.path = path
        self.number = number
        self.last = last

    def error(self, message: str, hint: str, record: str | None = None) -> InputError:
        return InputError(message, path=self.path, line=self.number, record=record, hint=hint)


def _iter_lines(path: Path) -> Iterator[tuple[_Line, bytes]]:
    # Streamed: OpenSanctions exports run to gigabytes.
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if raw.strip():
                # Only the final line can lack its newline; that is how truncation shows.
                yield _Line(path, number, last=not raw.endswith(b"\n")), raw


def _load_json(where: _Line, raw: bytes) -> dict[str, Any]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise where.error(
            f"byte {exc.start + 1} of the line is not UTF-8",
            "FtM JSON lines are UTF-8; re-export or re-download the file",
        ) from exc
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        hint = (
            "the file looks truncated; re-download or re-export it"
            if where.last
            else "each line must be one JSON object; re-export the file"
        )
        raise where.error(f"not valid JSON: {exc}", hint) from exc
    if not isinstance(data, dict):
        raise where.error(
            f"expected a JSON object, found {type(data).__name__}",
            "each line must be one FtM entity object",
        )
    return data


def _entity(
    where: _Line, data: dict[str, Any], found: dict[str, EntityProxy], facts: list[Fact]
) -> EntityProxy:
    """Build (and register in ``found``) the entity ``data`` and every entity nested in it."""
    entity_id = data.get("id")
    schema_name = data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise where.error('entity has no "id"', "every FtM entity needs a string id")
    if not isinstance(schema_name, str):
        raise where.error('entity has no "schema"', _SCHEMA_HINT, entity_id)
    schema = model.get(schema_name)
    if schema is None:
        close = difflib.get_close_matches(schema_name, list(model.schemata), n=1)
        suggestion = f"did you mean {close[0]!r}? " if close else ""
        raise where.error(f"unknown schema {schema_name!r}", suggestion + _SCHEMA_HINT, entity_id)
    if schema.abstract:
        raise where.error(
            f"schema {schema_name!r} is abstract and cannot hold entities",
            _SCHEMA_HINT,
            entity_id,
        )
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise where.error('"properties" must be an object', "see the FtM entity format", entity_id)
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            close = difflib.get_close_matches(name, list(schema.properties), n=1)
            hint = (
                f"did you mean {close[0]!r}? " if close else f"check the {schema.name} schema; "
            ) + "a file from a newer FollowTheMoney needs followthemoney upgraded"
            raise where.error(f"schema {schema.name} has no property {name!r}", hint, entity_id)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict):
                if prop.type != registry.entity:
                    raise where.error(
                        f"property {name!r} holds text, not a nested entity",
                        "give its values as strings",
                        entity_id,
                    )
                child = _entity(where, value, found, facts)
                if prop.stub and prop.reverse is not None:
                    # A reverse edge (Person.sanctions): the child carries the link.
                    child.add(prop.reverse, entity_id, cleaned=True)
                else:
                    proxy.add(prop, child.id, cleaned=True)
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                if not prop.stub:  # a reverse edge given as an id: the other side holds it
                    proxy.add(prop, str(value), cleaned=True)
            elif value is not None:
                raise where.error(
                    f"property {name!r} has a {type(value).__name__} value",
                    "values must be strings, numbers or nested entities",
                    entity_id,
                )
    caption = data.get("caption")
    names = proxy.get("name", quiet=True)
    if isinstance(caption, str) and caption in names and names[0] != caption:
        # The publisher's chosen caption leads, so the entity shows under the same name.
        proxy.set("name", [caption, *(n for n in names if n != caption)], cleaned=True)
    facts.extend(_facts(where, data))
    existing = found.get(entity_id)
    if existing is None:
        found[entity_id] = proxy
        return proxy
    try:
        existing.merge(proxy)
    except InvalidData as exc:
        raise where.error(
            f"entity appears again with an incompatible schema: {exc}",
            "each id must keep one schema; check the export",
            entity_id,
        ) from exc
    return existing


def _timestamp(where: _Line, data: dict[str, Any]) -> datetime | None:
    latest: datetime | None = None
    for key in ("last_change", "last_seen"):
        value = data.get(key)
        if not isinstance(value, str):
            continue
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError as exc:
            raise where.error(
                f"{key} {value!r} is not an ISO timestamp",
                "re-export the file",
                str(data.get("id")),
            ) from exc
        stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
        latest = stamp if latest is None or stamp > latest else latest
    return latest


def _facts(where: _Line, data: dict[str, Any]) -> list[Fact]:
    entity_id = str(data["id"])
    extension = data.get(EXTENSION_KEY)
    if isinstance(extension, dict):
        facts = extension.get("facts", {})
        if not isinstance(facts, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in facts.values()
        ):
            raise where.error(
                f'"{EXTENSION_KEY}.facts" must map names to lists of strings',
                "re-export the file with sanctionwatch",
                entity_id,
            )
        return [Fact(entity_id, prop, value) for prop, values in facts.items() for value in values]
    found: list[Fact] = []
    for key, prop in (("datasets", "dataset"), ("referents", "referent")):
        values = data.get(key)
        if isinstance(values, list):
            found.extend(Fact(entity_id, prop, str(v)) for v in values if v)
    return found


class FtmParser:
    """FollowTheMoney JSON lines (one entity per line)."""

    source = "ftm"
    format = "ftm-jsonl"

    def sniff(self, path: Path, head: bytes) -> bool:
        """The first non-blank line is a JSON object naming a ``schema``."""
        first = head.lstrip().split(b"\n", 1)[0]
        if not first.startswith(b"{"):
            return False
        # A long first line may be cut off before "schema"; "properties" then suffices.
        return b'"id"' in first and (b'"schema"' in first or b'"properties"' in first)

    def parse(self, path: Path) -> ParsedList:
        """Read every line; any bad line rejects the file (see the module docs)."""
        found: dict[str, EntityProxy] = {}
        facts: list[Fact] = []
        latest: datetime | None = None
        for where, raw in _iter_lines(path):
            data = _load_json(where, raw)
            _entity(where, data, found, facts)
            stamp = _timestamp(where, data)
            if stamp is not None and (latest is None or stamp > latest):
                latest = stamp
        if not found:
            raise InputError(
                "the file holds no entities",
                path=path,
                hint="export at least one entity, or check that this is the right file",
            )
        if latest is None:
            latest = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        return ParsedList(
            source=self.source,
            format=self.format,
            published=latest,
            inputs=[path],
            entities=list(found.values()),
            facts=facts,
        )


def _sanction_id(subject_id: str, sanction: dict[str, list[str]]) -> str:
    # Content-derived so that re-exporting an unchanged designation gives the same id.
    digest = hashlib.sha1(orjson.dumps(sanction, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return f"{subject_id}-sanction-{digest[:12]}"


def write_ftm(entities: Iterable[ListedEntity], fh: TextIO) -> int:
    """Write ``entities`` as FtM JSON lines (subject, then its Sanctions); return lines written."""
    written = 0
    for entity in entities:
        schema = model.get(entity.schema)
        if schema is None:
            raise InputError(f"entity {entity.id} has unknown schema {entity.schema!r}")
        properties: dict[str, list[str]] = {}
        facts: dict[str, list[str]] = {}
        for prop, values in entity.properties.items():
            if not values:
                continue
            known = schema.properties.get(prop)
            # Reverse (stub) properties cannot be written on this side of the edge.
            target = properties if known is not None and not known.stub else facts
            target[prop] = list(values)
        line: dict[str, Any] = {
            "id": entity.id,
            "schema": entity.schema,
            "caption": entity.caption,
            "properties": properties,
            "datasets": [entity.source],
            "target": True,
            # Always present: it tells the importer that "datasets" is not a fact here.
            EXTENSION_KEY: {"facts": facts},
        }
        fh.write(orjson.dumps(line).decode() + "\n")
        written += 1
        used: set[str] = set()
        for sanction in entity.sanctions:
            props = {k: list(v) for k, v in sanction.items() if v}
            props["entity"] = [entity.id]
            sanction_id = _sanction_id(entity.id, props)
            # The same designation twice stays twice (ids would otherwise merge them).
            while sanction_id in used:
                sanction_id += "-x"
            used.add(sanction_id)
            record = {
                "id": sanction_id,
                "schema": "Sanction",
                "properties": props,
                "datasets": [entity.source],
                EXTENSION_KEY: {"facts": {}},
            }
            fh.write(orjson.dumps(record).decode() + "\n")
            written += 1
    return written


PARSERS: list[ListParser] = [FtmParser()]
