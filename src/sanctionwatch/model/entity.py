"""The lean view of a listed entity that screening, monitoring and the API share.

Parsers emit FollowTheMoney entities plus :class:`Fact` rows; the store keeps
both as statements. :class:`ListedEntity` is what the rest of the system reads
back: one subject (Person, Organization, LegalEntity, Vessel, Aircraft) with its
properties, its ``Sanction`` designations folded in, and the facts FtM has no
property for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from followthemoney import EntityProxy

SUBJECT_SCHEMATA = frozenset(
    {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft", "Airplane"}
)
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")


@dataclass(frozen=True)
class Fact:
    """A fact about an entity that FollowTheMoney has no property for.

    ``prop`` names are camelCase and documented by the parser that emits them,
    e.g. ``birthDateRange`` = ``"1950/1955"`` (an ISO 8601 interval) or
    ``nameOriginalScript``.
    """

    entity_id: str
    prop: str
    value: str


@dataclass
class ListedEntity:
    """A listed subject with its designations, as of one point in a list's history."""

    id: str
    schema: str
    source: str
    properties: dict[str, list[str]] = field(default_factory=dict)
    sanctions: list[dict[str, list[str]]] = field(default_factory=list)

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    @property
    def caption(self) -> str:
        names = self.get("name")
        return names[0] if names else self.id

    @property
    def names(self) -> list[str]:
        """Strong names first; ``weakAlias`` (low-quality aliases) last."""
        seen: list[str] = []
        for prop in NAME_PROPS:
            for value in self.get(prop):
                if value not in seen:
                    seen.append(value)
        return seen

    @property
    def reference(self) -> str | None:
        """The list's own number: the UN reference if any, else the authority's id."""
        for key in ("unscId", "authorityId"):
            for sanction in self.sanctions:
                values = sanction.get(key)
                if values:
                    return values[0]
        return None

    @property
    def programs(self) -> list[str]:
        found: list[str] = []
        for sanction in self.sanctions:
            for key in ("program", "programId"):
                for value in sanction.get(key, []):
                    if value not in found:
                        found.append(value)
        return found


def listed_entities(
    source: str, entities: Iterable[EntityProxy], facts: Iterable[Fact] = ()
) -> list[ListedEntity]:
    """Fold FtM entities (subjects plus their Sanction entities) and facts into ListedEntity."""
    subjects: dict[str, ListedEntity] = {}
    sanctions: list[EntityProxy] = []
    for proxy in entities:
        if proxy.schema.name == "Sanction":
            sanctions.append(proxy)
        elif proxy.schema.name in SUBJECT_SCHEMATA and proxy.id is not None:
            props = {p: list(v) for p, v in proxy.to_dict()["properties"].items()}
            subjects[proxy.id] = ListedEntity(proxy.id, proxy.schema.name, source, props)
    for sanction in sanctions:
        props = {p: list(v) for p, v in sanction.to_dict()["properties"].items()}
        for entity_id in sanction.get("entity"):
            if entity_id in subjects:
                subjects[entity_id].sanctions.append(props)
    for fact in facts:
        if fact.entity_id in subjects:
            values = subjects[fact.entity_id].properties.setdefault(fact.prop, [])
            if fact.value not in values:
                values.append(fact.value)
    return list(subjects.values())
