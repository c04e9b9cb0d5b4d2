"""Tie event vessels to the sanctions lists, fill in their identity, and rank events.

Each vessel is screened by IMO, MMSI and its current and former AIS names. The
screening engine (``sanctionwatch.screening.Screener``) is used when it is installed;
otherwise IMO/MMSI/name are matched exactly against ``Store.listed_entities()``.
Events with a designated vessel rank first, then DPRK-flagged (MID 445) vessels, then
vessels with a DPRK history (a DPRK port call or presence in DPRK waters).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.geo import mmsi_flag
from sanctionwatch.model.entity import ListedEntity

PRIORITY_LISTED = 100
PRIORITY_DPRK_FLAG = 50
PRIORITY_DPRK_HISTORY = 25


class Linker(Protocol):
    def hits(self, mmsi: int, imo: str | None, names: Sequence[str]) -> list[dict[str, Any]]: ...


def _norm_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", name.casefold()).strip()


def _hit(entity: ListedEntity, how: str, value: str) -> dict[str, Any]:
    return {
        "entity_id": entity.id,
        "source": entity.source,
        "reference": entity.reference,
        "caption": entity.caption,
        "matched_on": how,
        "value": value,
        "flag": next(iter(entity.get("flag")), None),
    }


class EntityLinker:
    """Exact IMO / MMSI / normalised-name look-ups over listed vessels."""

    def __init__(self, entities: Iterable[ListedEntity]) -> None:
        self.by_imo: dict[str, list[ListedEntity]] = {}
        self.by_mmsi: dict[str, list[ListedEntity]] = {}
        self.by_name: dict[str, list[ListedEntity]] = {}
        for entity in entities:
            if entity.schema != "Vessel":
                continue
            for imo in entity.get("imoNumber"):
                digits = re.sub(r"\D", "", imo)
                if digits:
                    self.by_imo.setdefault(digits[-7:], []).append(entity)
            for mmsi in entity.get("mmsi"):
                self.by_mmsi.setdefault(re.sub(r"\D", "", mmsi), []).append(entity)
            for name in entity.names:
                self.by_name.setdefault(_norm_name(name), []).append(entity)

    def hits(self, mmsi: int, imo: str | None, names: Sequence[str]) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if imo:
            for e in self.by_imo.get(imo.zfill(7), []):
                out.setdefault(e.id, _hit(e, "imo", imo))
        for e in self.by_mmsi.get(str(mmsi), []):
            out.setdefault(e.id, _hit(e, "mmsi", str(mmsi)))
        for name in names:
            for e in self.by_name.get(_norm_name(name), []):
                out.setdefault(e.id, _hit(e, "name", name))
        return list(out.values())


class ScreenerLinker:
    """Vessel screening through ``sanctionwatch.screening`` (fuzzy names, identifiers)."""

    def __init__(self, screener: Any, query_type: Any) -> None:
        self.screener = screener
        self.query_type = query_type

    def hits(self, mmsi: int, imo: str | None, names: Sequence[str]) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for name in names or [""]:
            query = self.query_type(name=name, schema="Vessel", imo=imo, mmsi=str(mmsi))
            for match in self.screener.screen(query):
                if getattr(match, "match", False) and match.entity_id not in out:
                    out[match.entity_id] = {
                        "entity_id": match.entity_id,
                        "source": match.source,
                        "reference": match.reference,
                        "caption": match.caption,
                        "matched_on": "screening",
                        "value": name,
                        "score": round(match.score, 4),
                    }
        return list(out.values())


def linker_for_db(db: str | None) -> Linker | None:
    """A linker over the list store at ``db``, or None when no store/lists are available."""
    try:
        store_mod = importlib.import_module("sanctionwatch.store")
    except ImportError:
        return None
    from sanctionwatch import settings

    store = store_mod.Store.open(settings.database_url(db))
    if not store.sources():
        return None
    try:
        screening = importlib.import_module("sanctionwatch.screening")
        screener = screening.Screener.from_store(store)
        return ScreenerLinker(screener, screening.Query)
    except (ImportError, AttributeError):
        return EntityLinker(store.listed_entities())


def _ship_type(rows: list[dict[str, Any]], t: int) -> int | None:
    value = None
    for row in rows:
        if row.get("ship_type") is not None and (row["valid_from"] <= t or value is None):
            value = int(row["ship_type"])
    return value


def enrich(
    events: list[Event], history: Sequence[dict[str, Any]], linker: Linker | None = None
) -> list[Event]:
    """Fill IMO/name/flag from static history, add list hits, set priority, sort."""
    states: dict[int, list[dict[str, Any]]] = {}
    for row in history:
        states.setdefault(int(row["mmsi"]), []).append(row)
    dprk_history = {
        v.mmsi
        for e in events
        for v in e.vessels
        if (e.type == "port_call") or e.evidence.get("context") == "dprk_waters"
    }
    cache: dict[tuple[int, str | None, tuple[str, ...]], list[dict[str, Any]]] = {}
    for event in events:
        priority = 0
        for vessel in event.vessels:
            rows = states.get(vessel.mmsi, [])
            current = None
            for row in rows:
                if row["valid_from"] <= event.start or current is None:
                    current = row
            if current is not None:
                vessel.imo = vessel.imo or (
                    str(current["imo"]).zfill(7) if current.get("imo") else None
                )
                vessel.name = vessel.name or current.get("name")
            vessel.flag = vessel.flag or mmsi_flag(vessel.mmsi)
            names = tuple(dict.fromkeys(r["name"] for r in rows if r.get("name")))
            if linker is not None:
                key = (vessel.mmsi, vessel.imo, names)
                if key not in cache:
                    cache[key] = linker.hits(vessel.mmsi, vessel.imo, list(names))
                vessel.list_hits = cache[key]
            for hit in vessel.list_hits:
                # a listed flag that differs from the flag the MMSI's MID implies
                listed_flag = hit.get("flag")
                if listed_flag and vessel.flag and str(listed_flag).lower() != vessel.flag:
                    hit["mid_flag_mismatch"] = {"listed": listed_flag, "mid": vessel.flag}
            if vessel.list_hits:
                priority = max(priority, PRIORITY_LISTED)
            if vessel.flag == "kp":
                priority = max(priority, PRIORITY_DPRK_FLAG)
            if vessel.mmsi in dprk_history:
                priority = max(priority, PRIORITY_DPRK_HISTORY)
        event.priority = priority
        types = {
            str(v.mmsi): _ship_type(states.get(v.mmsi, []), event.start) for v in event.vessels
        }
        if any(t is not None for t in types.values()):
            event.evidence["ship_types"] = types
    return sorted(events, key=lambda e: (-e.priority, e.start, e.type))
