"""One day of a busy sea area, straight to Parquet, for the detector speed benchmark.

Ten million positions take seconds: ships are generated in blocks as
(ships x minutes) arrays and each block becomes one Parquet row group, so memory
stays bounded by the block size whatever ``n_positions`` is. The mix is what a
busy regional feed looks like: most ships under way (one report a minute after
thinning), a fifth at anchor (one every 3 minutes, some anchored in pairs 150 m
apart), and a few that go dark for 6 to 14 hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.errors import ConfigError
from sanctionwatch.maritime.synthetic.geo import EARTH_RADIUS_M, KNOT_MS

POSITIONS_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("timestamp", pa.timestamp("us", tz="UTC")),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("sog", pa.float32()),
        ("cog", pa.float32()),
        ("heading", pa.int16()),
    ]
)
# Yellow Sea, Korea Bay and the north of the East China Sea (W, S, E, N).
BUSY_BBOX = (119.0, 29.0, 127.0, 40.0)
MINUTES = 1440
BLOCK_SHIPS = 512
_SHARE_ANCHORED = 0.2
_SHARE_DARK = 0.05


@dataclass(frozen=True)
class BusyDayStats:
    path: Path
    rows: int
    ships: int
    row_groups: int


def _rows_per_ship() -> float:
    under_way = 1.0 - _SHARE_ANCHORED - _SHARE_DARK
    return MINUTES * (under_way + _SHARE_ANCHORED / 3.0 + _SHARE_DARK * 0.6)


def _block(rng: np.random.Generator, first_ship: int, n: int, day_start: int) -> pa.RecordBatch:
    """Reports of ``n`` ships for one day, as one record batch sorted by (mmsi, time)."""
    west, south, east, north = BUSY_BBOX
    minute = np.arange(MINUTES)
    lat0 = rng.uniform(south, north, n)
    lon0 = rng.uniform(west, east, n)
    kind = rng.random(n)
    anchored = kind < _SHARE_ANCHORED
    dark = (kind >= _SHARE_ANCHORED) & (kind < _SHARE_ANCHORED + _SHARE_DARK)
    # Every other anchored ship lies 150 m east of the one before: STS-like pairs.
    pair = anchored & np.r_[False, anchored[:-1]] & (np.arange(n) % 2 == 1)
    prev = np.clip(np.arange(n) - 1, 0, None)
    lat0 = np.where(pair, lat0[prev], lat0)
    lon0 = np.where(
        pair,
        lon0[prev] + np.degrees(150.0 / (EARTH_RADIUS_M * np.cos(np.radians(lat0[prev])))),
        lon0,
    )

    speed = np.where(anchored, 0.0, rng.uniform(7.0, 16.0, n))[:, None]
    course0 = rng.uniform(0.0, 360.0, n)[:, None]
    # Course wanders slowly (a random walk of ~0.7 deg a minute).
    course = (course0 + np.cumsum(rng.normal(0.0, 0.7, (n, MINUTES)), axis=1)) % 360.0
    step = speed * KNOT_MS * 60.0
    rad = np.radians(course)
    dlat = np.degrees(step * np.cos(rad) / EARTH_RADIUS_M)
    lat = lat0[:, None] + np.cumsum(dlat, axis=1) - dlat
    dlon = np.degrees(step * np.sin(rad) / (EARTH_RADIUS_M * np.cos(np.radians(lat))))
    lon = lon0[:, None] + np.cumsum(dlon, axis=1) - dlon
    # GPS error of a few metres.
    lat = lat + rng.normal(0.0, 4.0 / 111_000.0, lat.shape)
    lon = lon + rng.normal(0.0, 4.0 / 90_000.0, lon.shape)

    keep = np.ones((n, MINUTES), dtype=bool)
    keep[anchored] = (minute % 3 == 0)[None, :]
    gap_start = rng.integers(60, MINUTES - 900, n)
    gap_len = rng.integers(360, 840, n)
    in_gap = (minute[None, :] > gap_start[:, None]) & (
        minute[None, :] < (gap_start + gap_len)[:, None]
    )
    keep &= ~(in_gap & dark[:, None])

    phase = rng.integers(0, 60, n)[:, None]
    seconds = day_start + minute[None, :] * 60 + phase
    sog = np.where(
        anchored[:, None],
        rng.uniform(0.0, 0.2, (n, MINUTES)),
        speed + rng.normal(0, 0.2, (n, MINUTES)),
    )
    heading = np.where(anchored[:, None], (course0 % 360).astype(np.int16), course.astype(np.int16))
    mmsi = (
        np.array([412, 413, 440, 352, 538, 636, 477, 445])[(first_ship + np.arange(n)) % 8]
        * 1_000_000
        + 100_000
        + first_ship
        + np.arange(n)
    )[:, None]

    rows = keep.ravel()
    return pa.RecordBatch.from_arrays(
        [
            pa.array(np.broadcast_to(mmsi, keep.shape).ravel()[rows]),
            pa.array(seconds.ravel()[rows] * 1_000_000, pa.int64()).cast(
                POSITIONS_SCHEMA.field("timestamp").type
            ),
            pa.array(np.round(lat.ravel()[rows], 6)),
            pa.array(np.round(lon.ravel()[rows], 6)),
            pa.array(np.round(np.clip(sog, 0, None).ravel()[rows], 1).astype(np.float32)),
            pa.array(np.round(course.ravel()[rows], 1).astype(np.float32)),
            pa.array(heading.ravel()[rows] % 360),
        ],
        schema=POSITIONS_SCHEMA,
    )


def busy_day(
    path: Path,
    *,
    n_positions: int = 10_000_000,
    seed: int = 0,
    day: date = date(2026, 3, 3),
    progress: Callable[[int], None] | None = None,
) -> BusyDayStats:
    """Write exactly ``n_positions`` rows of one day of busy traffic to ``path`` (Parquet).

    Columns: mmsi, timestamp (UTC), lat, lon, sog, cog, heading. ``progress`` is
    called with the number of rows written after each row group.
    """
    if n_positions <= 0:
        raise ConfigError(f"n_positions must be positive, got {n_positions}")
    rng = np.random.default_rng(seed)
    day_start = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    written = ships = groups = 0
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with pq.ParquetWriter(tmp, POSITIONS_SCHEMA, compression="snappy") as writer:
            while written < n_positions:
                left = n_positions - written
                n = int(min(BLOCK_SHIPS, max(1, np.ceil(left / _rows_per_ship() * 1.05))))
                batch = _block(rng, ships, n, day_start)
                if batch.num_rows > left:
                    batch = batch.slice(0, left)
                writer.write_batch(batch)
                written += batch.num_rows
                ships += n
                groups += 1
                if progress is not None:
                    progress(batch.num_rows)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return BusyDayStats(path=path, rows=written, ships=ships, row_groups=groups)
