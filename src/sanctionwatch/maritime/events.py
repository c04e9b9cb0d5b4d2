"""The event record every detector emits, its JSON contract and its storage.

``Event.to_json()`` is the contract ``ais detect --json`` prints and the evaluation
harness reads: exactly ``type, vessels, start, end, lat, lon, tier, evidence`` with
``start``/``end`` as ISO 8601 UTC. The stable event id, the sub-type and the priority
travel inside ``evidence`` (``event_id``, ``kind``, ``priority``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

EVENT_TYPES = ("encounter", "gap", "loitering", "port_call", "identity")


def iso(ts: int) -> str:
    """Epoch seconds → ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.fromtimestamp(int(ts), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> int:
    """ISO 8601 (``Z`` or offset; a bare date means midnight UTC) → epoch seconds."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


@dataclass
class VesselRef:
    """One vessel in an event, as identified by AIS, with its list hits."""

    mmsi: int
    imo: str | None = None
    name: str | None = None
    flag: str | None = None
    list_hits: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "mmsi": self.mmsi,
            "imo": self.imo,
            "name": self.name,
            "flag": self.flag,
            "list_hits": self.list_hits,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VesselRef:
        return cls(
            int(data["mmsi"]),
            data.get("imo"),
            data.get("name"),
            data.get("flag"),
            list(data.get("list_hits") or []),
        )


@dataclass
class Event:
    """A detected event; times are epoch seconds (UTC)."""

    type: str
    kind: str
    tier: str
    start: int
    end: int
    lat: float
    lon: float
    vessels: list[VesselRef]
    evidence: dict[str, Any] = field(default_factory=dict)
    priority: int = 0

    @property
    def mmsis(self) -> tuple[int, ...]:
        return tuple(sorted(v.mmsi for v in self.vessels))

    @property
    def key(self) -> tuple[str, str, str, tuple[int, ...]]:
        """Events with the same key and overlapping times are the same event."""
        return (self.type, self.kind, self.tier, self.mmsis)

    @property
    def id(self) -> str:
        raw = f"{self.type}|{self.kind}|{self.tier}|{self.mmsis}|{self.start}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        evidence = {"event_id": self.id, "kind": self.kind, "priority": self.priority}
        evidence.update(self.evidence)
        return {
            "type": self.type,
            "vessels": [v.to_json() for v in self.vessels],
            "start": iso(self.start),
            "end": iso(self.end),
            "lat": round(float(self.lat), 6),
            "lon": round(float(self.lon), 6),
            "tier": self.tier,
            "evidence": evidence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        evidence = dict(data["evidence"])
        evidence.pop("event_id", None)
        kind = str(evidence.pop("kind", data["type"]))
        priority = int(evidence.pop("priority", 0))
        return cls(
            data["type"],
            kind,
            data["tier"],
            parse_iso(data["start"]),
            parse_iso(data["end"]),
            float(data["lat"]),
            float(data["lon"]),
            [VesselRef.from_json(v) for v in data["vessels"]],
            evidence,
            priority,
        )


def stitch(events: Iterable[Event], tolerance_s: int = 0) -> list[Event]:
    """Join copies of one event seen by neighbouring chunks (same key, overlapping times).

    The longest copy keeps its evidence; the joined interval is the union.
    """
    by_key: dict[tuple[str, str, str, tuple[int, ...]], list[Event]] = {}
    for event in events:
        by_key.setdefault(event.key, []).append(event)
    out: list[Event] = []
    for group in by_key.values():
        group.sort(key=lambda e: (e.start, e.end))
        current = group[0]
        pieces = 1
        for event in group[1:]:
            if event.start <= current.end + tolerance_s:
                longest = (
                    event if event.end - event.start > current.end - current.start else current
                )
                merged = Event(
                    current.type,
                    current.kind,
                    current.tier,
                    min(current.start, event.start),
                    max(current.end, event.end),
                    longest.lat,
                    longest.lon,
                    longest.vessels,
                    dict(longest.evidence),
                    max(current.priority, event.priority),
                )
                pieces += 1 if (event.start, event.end) != (current.start, current.end) else 0
                if pieces > 1 and (merged.start, merged.end) != (longest.start, longest.end):
                    merged.evidence["stitched"] = True
                current = merged
            else:
                out.append(current)
                current = event
                pieces = 1
        out.append(current)
    return sorted(out, key=lambda e: (e.start, e.type, e.mmsis))


class EventStore:
    """Events kept as one Parquet file under the AIS directory, keyed by event id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "events" / "events.parquet"

    def load(self) -> list[Event]:
        if not self.path.exists():
            return []
        con = duckdb.connect()
        rows = con.execute(
            "SELECT json FROM read_parquet(?) ORDER BY priority DESC, start", [str(self.path)]
        ).fetchall()
        return [Event.from_json(json.loads(r[0])) for r in rows]

    def save(self, events: Iterable[Event]) -> int:
        """Upsert events by id; the file is replaced atomically. Returns the stored count."""
        merged = {e.id: e for e in self.load()}
        for event in events:
            merged[event.id] = event
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            (
                e.id,
                e.type,
                e.tier,
                e.start,
                e.end,
                ",".join(str(m) for m in e.mmsis),
                ",".join(v.imo for v in e.vessels if v.imo),
                e.priority,
                json.dumps(e.to_json()),
            )
            for e in merged.values()
        ]
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".parquet.tmp")
        os.close(fd)
        try:
            con = duckdb.connect()
            con.execute(
                'CREATE TABLE ev (id VARCHAR, type VARCHAR, tier VARCHAR, start BIGINT, "end" BIGINT,'
                " mmsis VARCHAR, imos VARCHAR, priority INTEGER, json VARCHAR)"
            )
            if rows:
                con.executemany("INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            con.execute(f"COPY ev TO '{tmp}' (FORMAT parquet)")
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return len(rows)
