"""The event JSON contract, stitching and the events table."""

from __future__ import annotations

from pathlib import Path

from sanctionwatch.maritime.events import Event, EventStore, VesselRef, stitch

CONTRACT = {"type", "vessels", "start", "end", "lat", "lon", "tier", "evidence"}


def ev(start: int, end: int, mmsi: int = 412000001, tier: str = "gfw") -> Event:
    return Event(
        "loitering",
        "slow",
        tier,
        start,
        end,
        31.0,
        124.0,
        [VesselRef(mmsi)],
        {"duration_hours": (end - start) / 3600},
    )


def test_json_contract_has_exactly_the_fields() -> None:
    data = ev(1772409600, 1772416800).to_json()
    assert set(data) == CONTRACT
    assert data["start"] == "2026-03-02T00:00:00Z" and data["end"] == "2026-03-02T02:00:00Z"
    assert set(data["vessels"][0]) == {"mmsi", "imo", "name", "flag", "list_hits"}
    assert {"event_id", "kind", "priority"} <= set(data["evidence"])
    back = Event.from_json(data)
    assert (back.start, back.end, back.kind, back.id) == (
        1772409600,
        1772416800,
        "slow",
        ev(1772409600, 1772416800).id,
    )


def test_stitch_joins_overlapping_copies_only() -> None:
    joined = stitch([ev(0, 100), ev(50, 300), ev(500, 600), ev(0, 100, tier="dprk")])
    assert sorted((e.tier, e.start, e.end) for e in joined) == [
        ("dprk", 0, 100),
        ("gfw", 0, 300),
        ("gfw", 500, 600),
    ]
    assert next(e for e in joined if e.end == 300).evidence["stitched"] is True


def test_event_store_upserts_by_id(tmp_path: Path) -> None:
    store = EventStore(tmp_path)
    assert store.save([ev(0, 100), ev(200, 300)]) == 2
    assert store.save([ev(0, 100)]) == 2
    assert [(e.start, e.end) for e in sorted(store.load(), key=lambda e: e.start)] == [
        (0, 100),
        (200, 300),
    ]
