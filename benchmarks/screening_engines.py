"""The three engines the screening benchmarks compare, behind one interface.

* ``ours``: sanctionwatch.screening (its own candidate index and scorer);
* ``logic-v2``: nomenklatura 4.17.4's default algorithm (what yente uses),
  run in-process on FollowTheMoney entities built from the same records;
* ``rapidfuzz``: a baseline, the best ``token_sort_ratio`` over the listed
  names after ASCII transliteration and lower-casing.

Each engine scores (query, listed entity) pairs; the benchmark hands every
engine the same candidates.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig
from normality import ascii_text
from rapidfuzz import fuzz

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening import Query
from sanctionwatch.screening.index import Entry
from sanctionwatch.screening.normalize import normalize_name, query_names
from sanctionwatch.screening.scorer import score_entry

LOGIC_V2_THRESHOLD = 0.70  # yente's default match threshold

_ALGO = get_algorithm("logic-v2")
_QUERY_IDS = itertools.count()
_CONFIG = ScoringConfig.defaults()
_QUERY_PROPS = {
    "birth_date": "birthDate",
    "nationality": "nationality",
    "country": "country",
    "passport": "passportNumber",
    "imo": "imoNumber",
    "mmsi": "mmsi",
}


def ftm_query(query: Query) -> EntityProxy:
    schema = {"Aircraft": "Airplane"}.get(query.schema or "", query.schema or "LegalEntity")
    if schema == "LegalEntity" and query.birth_date:
        schema = "Person"
    proxy = model.make_entity(schema)
    # logic-v2 memoises name analysis per entity id: every query needs its own.
    proxy.id = f"query-{next(_QUERY_IDS)}"
    proxy.add("name", query.name)
    for attr, prop in _QUERY_PROPS.items():
        value = getattr(query, attr)
        if value and prop in proxy.schema.properties:
            proxy.add(prop, value)
    return proxy


def ftm_entity(entity: ListedEntity) -> EntityProxy:
    proxy = model.make_entity("Airplane" if entity.schema == "Aircraft" else entity.schema)
    proxy.id = entity.id
    for prop, values in entity.properties.items():
        if prop in proxy.schema.properties:
            proxy.add(prop, values, quiet=True)
    return proxy


@lru_cache(maxsize=50_000)
def _ascii(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (ascii_text(name) or "").lower()))


class Engines:
    """Scores pairs with each engine; caches per-entity preparation."""

    def __init__(self, entities: dict[str, ListedEntity]) -> None:
        self.entities = entities
        self._ftm: dict[str, EntityProxy] = {}
        self._entries: dict[str, Entry] = {}

    def ours(self, query: Query, entity_id: str) -> float:
        entry = self._entries.get(entity_id)
        if entry is None:
            entry = self._entries[entity_id] = Entry.from_entity(self.entities[entity_id])
        names = query_names(query.name, entry.schema)
        if query.schema is None:
            names.append(normalize_name(query.name, "Organization"))
        ids = {
            k: v
            for k, v in {
                "imo": query.imo,
                "mmsi": query.mmsi,
                "passport": query.passport,
            }.items()
            if v
        }
        countries = [c for c in (query.nationality, query.country) if c]
        scored = score_entry(names, entry, query.birth_date, countries, ids)
        return scored.score if scored is not None else 0.0

    def logic_v2(self, query: Query, entity_id: str, proxy: EntityProxy | None = None) -> float:
        target = self._ftm.get(entity_id)
        if target is None:
            target = self._ftm[entity_id] = ftm_entity(self.entities[entity_id])
        q = proxy if proxy is not None else ftm_query(query)
        if not q.schema.can_match(target.schema):
            return 0.0
        return float(_ALGO.compare(q, target, _CONFIG).score)

    def rapidfuzz(self, query: Query, entity_id: str) -> float:
        q = _ascii(query.name)
        return max(
            (fuzz.token_sort_ratio(q, _ascii(n)) / 100.0 for n in self.entities[entity_id].names),
            default=0.0,
        )


def query_from_dict(data: dict[str, Any]) -> Query:
    return Query(**{k: v for k, v in data.items() if v not in (None, "")})
