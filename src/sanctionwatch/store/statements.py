"""Turn a parsed release into statements: one row per (entity, schema, property, value)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from followthemoney import EntityProxy, registry

from sanctionwatch.model.entity import SUBJECT_SCHEMATA
from sanctionwatch.sources.base import ParsedList

# The pseudo-property every entity carries, so an entity without properties
# still counts as present and a change of schema shows up in history.
ID_PROP = "id"
REFERENCE_PROPS = ("unscId", "authorityId")


@dataclass(frozen=True, slots=True)
class Statement:
    """One fact of a release; ``stmt_id`` hashes the identifying fields."""

    stmt_id: str
    subject_id: str
    entity_id: str
    schema: str
    prop: str
    value: str


def statement_id(source: str, entity_id: str, schema: str, prop: str, value: str) -> str:
    key = f"{source}\x1f{entity_id}\x1f{schema}\x1f{prop}\x1f{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def is_subject(proxy: EntityProxy) -> bool:
    """Subjects are what a list designates: people, organisations, vessels, aircraft."""
    return proxy.schema.name in SUBJECT_SCHEMATA or proxy.schema.is_a("LegalEntity")


def _subject_map(parsed: ParsedList) -> dict[str, str]:
    """entity id -> id of the subject it belongs to."""
    subjects = {p.id for p in parsed.entities if p.id is not None and is_subject(p)}
    owner: dict[str, str] = {sid: sid for sid in subjects}
    # Subjects point at their Address/Identification entities (addressEntity, ...).
    for proxy in parsed.entities:
        if proxy.id in subjects:
            for prop, value in proxy.itervalues():
                if prop.type == registry.entity and value not in subjects:
                    owner.setdefault(value, proxy.id)
    # Sanction.entity, Identification.holder, links: point at their subject.
    for proxy in parsed.entities:
        if proxy.id is None or proxy.id in subjects:
            continue
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity and value in subjects:
                owner[proxy.id] = value
                break
    return owner


def release_statements(parsed: ParsedList) -> dict[str, Statement]:
    """All statements of a release keyed by ``stmt_id`` (duplicates collapse)."""
    source = parsed.source
    owner = _subject_map(parsed)
    schemata: dict[str, str] = {}
    out: dict[str, Statement] = {}

    def add(entity_id: str, schema: str, prop: str, value: str) -> None:
        sid = statement_id(source, entity_id, schema, prop, value)
        if sid not in out:
            subject = owner.get(entity_id, entity_id)
            out[sid] = Statement(sid, subject, entity_id, schema, prop, value)

    for proxy in parsed.entities:
        if proxy.id is None:
            continue
        schema = proxy.schema.name
        schemata[proxy.id] = schema
        add(proxy.id, schema, ID_PROP, proxy.id)
        for prop, values in proxy.to_dict()["properties"].items():
            for value in values:
                add(proxy.id, schema, prop, value)
    for fact in parsed.facts:
        add(fact.entity_id, schemata.get(fact.entity_id, "Thing"), fact.prop, fact.value)
    return out


def subject_count(parsed: ParsedList) -> int:
    return sum(1 for proxy in parsed.entities if proxy.id is not None and is_subject(proxy))


def release_references(parsed: ParsedList) -> set[tuple[str, str]]:
    """(reference, subject id) pairs: the list's own numbers from Sanction entities."""
    owner = _subject_map(parsed)
    found: set[tuple[str, str]] = set()
    for proxy in parsed.entities:
        if proxy.schema.name != "Sanction" or proxy.id is None:
            continue
        subject = owner.get(proxy.id)
        if subject is None:
            continue
        for prop in REFERENCE_PROPS:
            for value in proxy.get(prop):
                found.add((value, subject))
    return found
