"""Tiny track factories for the maritime tests.

``line(...)`` makes one vessel's reports along a course; ``table(...)`` joins tracks
into the position table detectors read. All times are epoch seconds (UTC).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest

KM_PER_DEG = 111.195
# A quiet spot in the East China Sea: > 100 km from land and ports.
ECS = (31.0, 124.5)


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """A point ``north_m``/``east_m`` metres from (lat, lon)."""
    return (
        lat + north_m / 1000 / KM_PER_DEG,
        lon + east_m / 1000 / (KM_PER_DEG * np.cos(np.radians(lat))),
    )


def line(
    mmsi: int,
    start: int,
    end: int,
    lat: float,
    lon: float,
    knots: float = 0.0,
    course: float = 90.0,
    step_s: int = 60,
    sog: float | None = None,
) -> dict[str, np.ndarray]:
    """Reports every ``step_s`` from ``start`` to ``end`` inclusive, sailing a rhumb line."""
    t = np.arange(start, end + 1, step_s, dtype=np.int64)
    km = knots * 1.852 * (t - start) / 3600
    c = np.radians(course)
    lats = lat + km * np.cos(c) / KM_PER_DEG
    lons = lon + km * np.sin(c) / (KM_PER_DEG * np.cos(np.radians(lat)))
    return {
        "mmsi": np.full(t.size, mmsi, dtype=np.int64),
        "t": t,
        "lat": lats,
        "lon": lons,
        "sog": np.full(t.size, knots if sog is None else sog, dtype=np.float32),
    }


def table(*tracks: dict[str, np.ndarray]) -> pa.Table:
    cols = {k: np.concatenate([tr[k] for tr in tracks]) for k in ("mmsi", "t", "lat", "lon", "sog")}
    return pa.table(cols)


def cut(track: dict[str, np.ndarray], start: int, end: int) -> dict[str, np.ndarray]:
    """Remove reports in [start, end) (a dark period)."""
    keep = (track["t"] < start) | (track["t"] >= end)
    return {k: v[keep] for k, v in track.items()}


@pytest.fixture
def tracks() -> Callable[..., object]:
    """The factory module's functions, for tests that prefer a fixture."""
    return line
