"""Maritime services shared by the API and the web pages: events, vessels, maps, volume.

Thin functions over ``sanctionwatch.maritime``. They read the same AIS directory as
``sanctionwatch ais ...`` (``<data dir>/ais`` unless the app sets ``app.state.ais_dir``),
so ``ais ingest`` + ``ais detect`` followed by ``serve`` shows the events. Events keep
the order the maritime package ranks them in: designated vessels first, then
DPRK-flagged vessels, then vessels with a DPRK history.
"""

from __future__ import annotations

import math
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctionwatch import settings
from sanctionwatch.errors import InputError, NotFoundError
from sanctionwatch.maritime.events import EVENT_TYPES, Event, EventStore, iso, parse_iso
from sanctionwatch.maritime.geo import mmsi_flag
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.linking import (
    PRIORITY_DPRK_FLAG,
    PRIORITY_DPRK_HISTORY,
    PRIORITY_LISTED,
)

Bbox = tuple[float, float, float, float]
AIS_DIR_ENV = "SANCTIONWATCH_AIS_DIR"
EVENT_TIERS = ("gfw", "dprk", "report")
MAX_TRACK_POINTS = 5000
# Matplotlib's pyplot keeps global state: one drawing at a time per process.
_DRAW_LOCK = threading.Lock()
_WRITE_LOCK = threading.Lock()


def default_root() -> Path:
    """The AIS directory ``sanctionwatch ais`` uses: ``SANCTIONWATCH_AIS_DIR`` or ``<data dir>/ais``."""
    value = os.environ.get(AIS_DIR_ENV)
    return Path(value).expanduser().resolve() if value else settings.data_dir() / "ais"


# ----------------------------------------------------------------------------- parsing


def parse_bbox(value: str | None) -> Bbox | None:
    """``W,S,E,N`` in degrees, or None; a clear 400 otherwise."""
    if not value:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError:
        raise InputError(
            f"bbox {value!r} is not four numbers",
            hint="give W,S,E,N in degrees, e.g. 119,29,127,40",
        ) from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise InputError(f"bbox {value!r} is empty or out of range", hint="need W < E and S < N")
    return (w, s, e, n)


def parse_time(value: str | None, name: str) -> int | None:
    """An ISO date or date-time (UTC unless it says otherwise) → epoch seconds."""
    if not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise InputError(
            f"{name} {value!r} is not an ISO date or time",
            hint="e.g. 2026-03-02 or 2026-03-02T06:00Z",
        ) from None


def parse_vessel(value: str) -> tuple[str, str]:
    """A 7-digit IMO (``IMO`` prefix allowed) or a 9-digit MMSI → ("imo"|"mmsi", digits)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 7:
        return "imo", digits
    if len(digits) == 9:
        return "mmsi", digits
    raise InputError(
        f"vessel {value!r} is neither an IMO number nor an MMSI",
        hint="give a 7-digit IMO number or a 9-digit MMSI",
    )


@dataclass(frozen=True)
class EventFilter:
    """The filters the events list, the GeoJSON export and the page share."""

    type: str | None = None
    vessel: str | None = None
    start: int | None = None
    end: int | None = None
    bbox: Bbox | None = None
    tier: str | None = None
    linked: bool = False

    @classmethod
    def parse(
        cls,
        type: str | None = None,
        vessel: str | None = None,
        from_: str | None = None,
        to: str | None = None,
        bbox: str | None = None,
        tier: str | None = None,
        linked: bool = False,
    ) -> EventFilter:
        """Validate query-string values; every problem is a 400 naming the parameter."""
        if type and type not in EVENT_TYPES:
            raise InputError(
                f"unknown event type {type!r}", hint=f"use one of {', '.join(EVENT_TYPES)}"
            )
        if tier and tier not in EVENT_TIERS:
            raise InputError(f"unknown tier {tier!r}", hint=f"use one of {', '.join(EVENT_TIERS)}")
        if vessel:
            parse_vessel(vessel)
        start, end = parse_time(from_, "from"), parse_time(to, "to")
        if start is not None and end is not None and end <= start:
            raise InputError("'to' must be after 'from'", hint="swap the dates")
        return cls(type or None, vessel or None, start, end, parse_bbox(bbox), tier or None, linked)

    def accepts(self, event: Event) -> bool:
        if self.type and event.type != self.type:
            return False
        if self.tier and event.tier != self.tier:
            return False
        if self.vessel and not involves(event, self.vessel):
            return False
        if self.start is not None and event.end < self.start:
            return False
        if self.end is not None and event.start >= self.end:
            return False
        if self.bbox is not None:
            w, s, e, n = self.bbox
            if not (w <= event.lon <= e and s <= event.lat <= n):
                return False
        return not (self.linked and event.priority <= 0)

    def as_query(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "vessel": self.vessel,
            "from": iso(self.start) if self.start is not None else None,
            "to": iso(self.end) if self.end is not None else None,
            "bbox": list(self.bbox) if self.bbox else None,
            "tier": self.tier,
            "linked": self.linked,
        }


def involves(event: Event, vessel: str) -> bool:
    """Whether an event involves the vessel given as IMO or MMSI."""
    kind, digits = parse_vessel(vessel)
    if kind == "imo":
        return any(v.imo == digits for v in event.vessels)
    return any(v.mmsi == int(digits) for v in event.vessels)


# ----------------------------------------------------------------------------- reading


class _EventCache:
    """Parsed events, re-read only when the events file changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, int, int] | None = None
        self._events: list[Event] = []

    def load(self, root: Path) -> list[Event]:
        store = EventStore(root)
        try:
            st = store.path.stat()
        except FileNotFoundError:
            return []
        key = (str(store.path), st.st_mtime_ns, st.st_size)
        with self._lock:
            if key != self._key:
                self._events = store.load()
                self._key = key
            return list(self._events)


_events = _EventCache()


def stored_events(root: Path) -> list[Event]:
    """Every stored event, ranked as the maritime package ranks them."""
    return _events.load(root)


def why_ranked(event: Event) -> list[str]:
    """Plain reasons for an event's rank (the priority the linker set)."""
    reasons = []
    if any(v.list_hits for v in event.vessels):
        reasons.append("a vessel matches a sanctions list entry")
    if any(v.flag == "kp" for v in event.vessels):
        reasons.append("a DPRK-flagged vessel (MID 445)")
    if event.priority >= PRIORITY_DPRK_HISTORY and not reasons:
        reasons.append("a vessel with a DPRK history (port call or presence in DPRK waters)")
    return reasons


def rank_label(priority: int) -> str:
    if priority >= PRIORITY_LISTED:
        return "listed"
    if priority >= PRIORITY_DPRK_FLAG:
        return "dprk-flag"
    if priority >= PRIORITY_DPRK_HISTORY:
        return "dprk-history"
    return ""


def event_summary(event: Event) -> dict[str, Any]:
    """The JSON contract of ``ais detect --json`` plus id, kind, priority and rank reasons."""
    body = event.to_json()
    body.update(
        {
            "id": event.id,
            "kind": event.kind,
            "priority": event.priority,
            "rank": rank_label(event.priority),
            "why_ranked": why_ranked(event),
            "duration_hours": round((event.end - event.start) / 3600, 2),
            "listed": any(v.list_hits for v in event.vessels),
        }
    )
    return body


def list_events(root: Path, flt: EventFilter, limit: int = 200, offset: int = 0) -> dict[str, Any]:
    """Stored events passing ``flt``, ranked, with counts by type and tier."""
    found = [e for e in stored_events(root) if flt.accepts(e)]
    by_type: dict[str, int] = {}
    by_tier: dict[str, int] = {}
    for e in found:
        by_type[e.type] = by_type.get(e.type, 0) + 1
        by_tier[e.tier] = by_tier.get(e.tier, 0) + 1
    return {
        "query": flt.as_query(),
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "counts": {"type": by_type, "tier": by_tier},
        "events": [event_summary(e) for e in found[offset : offset + limit]],
    }


def store_status(root: Path) -> dict[str, Any]:
    """What the AIS directory holds: days, files ingested, events stored."""
    store = AisStore(root)
    days = store.days()
    return {
        "ais_dir": str(root),
        "days": len(days),
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "files": len(store.manifest()),
        "events": len(stored_events(root)),
    }


def find_event(root: Path, event_id: str) -> Event:
    for event in stored_events(root):
        if event.id == event_id:
            return event
    raise NotFoundError(
        f"no stored event {event_id!r}", hint="list events at /maritime or GET /api/ais/events"
    )


def _history_by_mmsi(
    store: AisStore, mmsis: Sequence[int], rows: Sequence[dict[str, Any]] | None = None
) -> dict[int, list[dict[str, Any]]]:
    wanted = set(mmsis)
    out: dict[int, list[dict[str, Any]]] = {m: [] for m in wanted}
    for row in store.static_history() if rows is None else rows:
        if int(row["mmsi"]) in wanted:
            out[int(row["mmsi"])].append(_identity_row(row))
    return out


def _identity_row(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["valid_from"] = iso(row["valid_from"])
    out["last_seen"] = iso(row["last_seen"]) if row.get("last_seen") is not None else None
    out["valid_to"] = iso(row["valid_to"]) if row.get("valid_to") is not None else None
    if out.get("imo") is not None:
        out["imo"] = str(out["imo"]).zfill(7)
    return out


def event_detail(root: Path, event_id: str) -> dict[str, Any]:
    """One event: the contract, its evidence, its vessels with list hits and identity, related events."""
    event = find_event(root, event_id)
    store = AisStore(root)
    history = _history_by_mmsi(store, [v.mmsi for v in event.vessels])
    ship_types = event.evidence.get("ship_types") or {}
    vessels = []
    for v in event.vessels:
        vessels.append(
            v.to_json()
            | {
                "mid_flag": mmsi_flag(v.mmsi),
                "ship_type": ship_types.get(str(v.mmsi)),
                "identities": len(history.get(v.mmsi, [])),
                "names": list(
                    dict.fromkeys(r["name"] for r in history.get(v.mmsi, []) if r.get("name"))
                ),
            }
        )
    mmsis = set(event.mmsis)
    related = [
        event_summary(e) for e in stored_events(root) if e.id != event.id and mmsis & set(e.mmsis)
    ]
    evidence = {k: v for k, v in event.evidence.items() if k not in ("ship_types",)}
    return {
        "event": event_summary(event),
        "evidence": evidence,
        "vessels": vessels,
        "related": related[:50],
        "map": f"/api/ais/events/{event.id}/map.png",
    }


def vessel_detail(root: Path, mmsi: int) -> dict[str, Any]:
    """A vessel (by MMSI): identity history, track extent, events and list hits."""
    store = AisStore(root)
    all_rows = store.static_history()
    history = _history_by_mmsi(store, [mmsi], all_rows)[mmsi]
    events = [e for e in stored_events(root) if mmsi in e.mmsis]
    table = store.positions(mmsis=[mmsi])
    if table.num_rows == 0 and not history and not events:
        raise NotFoundError(
            f"no AIS data for MMSI {mmsi}", hint="check the number; list events at /maritime"
        )
    t = table.column("t").to_numpy() if table.num_rows else None
    imos = {r["imo"] for r in history if r.get("imo")}
    shared = []
    if imos:
        for row in all_rows:
            imo = str(row["imo"]).zfill(7) if row.get("imo") is not None else None
            if imo in imos and int(row["mmsi"]) != mmsi:
                shared.append({"mmsi": int(row["mmsi"]), "imo": imo, "name": row.get("name")})
    hits: dict[str, dict[str, Any]] = {}
    for e in events:
        for v in e.vessels:
            if v.mmsi == mmsi:
                for hit in v.list_hits:
                    hits.setdefault(str(hit.get("entity_id")), hit)
    current = history[-1] if history else {}
    return {
        "mmsi": mmsi,
        "flag": mmsi_flag(mmsi),
        "imo": current.get("imo"),
        "name": current.get("name"),
        "identity_history": history,
        "changed_fields": _changed_fields(history),
        "same_imo_other_mmsi": list({(s["mmsi"], s["imo"]): s for s in shared}.values()),
        "list_hits": list(hits.values()),
        "track": {
            "positions": int(table.num_rows),
            "first": iso(int(t.min())) if t is not None else None,
            "last": iso(int(t.max())) if t is not None else None,
        },
        "events": [event_summary(e) for e in events],
        "map": f"/api/ais/vessels/{mmsi}/map.png",
    }


def _changed_fields(history: list[dict[str, Any]]) -> list[list[str]]:
    """For each identity row, the fields that differ from the row before it."""
    fields = ("imo", "name", "callsign", "ship_type", "length", "width", "draught", "destination")
    out: list[list[str]] = []
    for i, row in enumerate(history):
        prev = history[i - 1] if i else None
        out.append([f for f in fields if prev is not None and prev.get(f) != row.get(f)])
    return out


def track(
    root: Path, mmsi: int, start: int | None = None, end: int | None = None
) -> dict[str, Any]:
    """A vessel's positions as a GeoJSON LineString feature (thinned to ``MAX_TRACK_POINTS``)."""
    table = AisStore(root).positions(start, end, mmsis=[mmsi])
    if table.num_rows == 0:
        raise NotFoundError(
            f"no positions for MMSI {mmsi} in this range", hint="check the MMSI and from/to"
        )
    step = max(1, -(-table.num_rows // MAX_TRACK_POINTS))
    t = table.column("t").to_numpy()[::step]
    lat = table.column("lat").to_numpy()[::step]
    lon = table.column("lon").to_numpy()[::step]
    sog = table.column("sog").to_numpy()[::step]
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [
                [round(float(x), 6), round(float(y), 6)] for x, y in zip(lon, lat, strict=True)
            ],
        },
        "properties": {
            "mmsi": mmsi,
            "positions": int(table.num_rows),
            "every_nth": step,
            "times": [iso(int(v)) for v in t],
            "sog_knots": [None if math.isnan(v) else round(float(v), 1) for v in sog],
        },
    }


def geojson(root: Path, flt: EventFilter) -> dict[str, Any]:
    """Filtered stored events as a FeatureCollection (same properties as ``ais export``)."""
    from sanctionwatch.maritime.maps import events_geojson

    return events_geojson([e for e in stored_events(root) if flt.accepts(e)])


# ----------------------------------------------------------------------------- maps


class _PngCache:
    """A few recent map images, keyed by what they were drawn from."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], draw: Callable[[Path], None]) -> bytes:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        with _DRAW_LOCK, tempfile.TemporaryDirectory(prefix="sw-map-") as tmp:
            out = Path(tmp) / "map.png"
            draw(out)
            data = out.read_bytes()
        with self._lock:
            self._items[key] = data
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return data


_maps = _PngCache()


def _version(root: Path) -> tuple[int, int]:
    store = AisStore(root)
    stamp = [
        p.stat().st_mtime_ns for p in (store.manifest_path, EventStore(root).path) if p.exists()
    ]
    return (len(stamp), max(stamp, default=0))


def event_map_png(root: Path, event_id: str) -> bytes:
    """The event's vessels' tracks around it, over the shipped coastline (PNG bytes)."""
    from sanctionwatch.maritime.maps import draw_event

    event = find_event(root, event_id)
    store = AisStore(root)
    return _maps.get(
        ("event", str(root), event.id, _version(root)), lambda out: draw_event(store, event, out)
    )


def vessel_map_png(
    root: Path, mmsi: int, start: int | None = None, end: int | None = None
) -> bytes:
    """One vessel's track coloured by time (PNG bytes); 404 when it has no positions."""
    from sanctionwatch.maritime.maps import draw_track

    store = AisStore(root)
    return _maps.get(
        ("vessel", str(root), mmsi, start, end, _version(root)),
        lambda out: draw_track(store, mmsi, out, start, end),
    )


# ----------------------------------------------------------------------------- volume


def volume(
    root: Path,
    year: int | None = None,
    dwt: float = 2600.0,
    bbl_per_tonne: float = 7.62,
    deliveries: int | None = None,
) -> dict[str, Any]:
    """The Panel's estimate: counted tanker deliveries × capacity × 1/3, 60 %, 90 % vs the cap."""
    from sanctionwatch.maritime.volume import count_deliveries, estimate

    if dwt <= 0 or bbl_per_tonne <= 0:
        raise InputError("dwt and bbl_per_tonne must be positive")
    basis: list[Event] = []
    if deliveries is None:
        basis = count_deliveries(stored_events(root), year)
        deliveries = len(basis)
    result = estimate(deliveries, dwt, bbl_per_tonne)
    return {
        **result,
        "year": year,
        "dwt": dwt,
        "bbl_per_tonne": bbl_per_tonne,
        "events": [event_summary(e) for e in basis],
    }


# ----------------------------------------------------------------------------- writes


def ingest(root: Path, path: Path, fmt: str | None, name: str) -> dict[str, Any]:
    """Add one NMEA or CSV file to the store (whole or not at all; a repeat is skipped)."""
    with _WRITE_LOCK:
        report = AisStore(root).ingest(path, fmt)
    body = report.as_dict()
    body["path"] = name
    return body


def detect(
    root: Path,
    flt: EventFilter,
    tiers: Sequence[str],
    linker: Any = None,
) -> dict[str, Any]:
    """Run every detector over the stored positions, link vessels to the lists, store the events."""
    from sanctionwatch.maritime.config import DEFAULT
    from sanctionwatch.maritime.linking import enrich
    from sanctionwatch.maritime.pipeline import detect_range

    store = AisStore(root)
    days = store.days()
    if not days:
        raise NotFoundError(
            f"no AIS positions in {root}", hint="ingest a file first (POST /api/ais/ingest)"
        )
    start = flt.start if flt.start is not None else parse_iso(days[0])
    end = flt.end if flt.end is not None else parse_iso(days[-1]) + 86400
    with _WRITE_LOCK:
        events = detect_range(store, start, end, flt.bbox, tuple(tiers), DEFAULT)
        events = enrich(events, store.static_history(), linker)
        stored = EventStore(root).save(events)
    return {
        "detected": len(events),
        "stored": stored,
        "from": iso(start),
        "to": iso(end),
        "tiers": list(tiers),
        "events": [event_summary(e) for e in events[:200]],
    }
