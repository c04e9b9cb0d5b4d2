"""Maps draw over the shipped land mask; GeoJSON export."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.maps import draw_event, draw_track, events_geojson
from tests.maritime.conftest import line


def test_event_and_track_maps(tmp_path: Path) -> None:
    tr = line(445000001, 1772409600, 1772409600 + 6 * 3600, 38.6, 125.0, knots=5, course=60)
    src = tmp_path / "a.csv"
    with open(src, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["MMSI", "BaseDateTime", "LAT", "LON"])
        for t, la, lo in zip(tr["t"], tr["lat"], tr["lon"], strict=True):
            w.writerow([445000001, np.datetime64(int(t), "s").astype(str), la, lo])
    store = AisStore(tmp_path / "ais")
    store.ingest(src)
    event = Event(
        "gap",
        "dark",
        "dprk",
        1772409600 + 3600,
        1772409600 + 7200,
        38.65,
        125.1,
        [VesselRef(445000001, flag="kp")],
        {},
    )
    draw_event(store, event, tmp_path / "e.png")
    draw_track(store, 445000001, tmp_path / "t.png")
    for name in ("e.png", "t.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    geo = events_geojson([event])
    assert geo["features"][0]["geometry"]["coordinates"] == [125.1, 38.65]
