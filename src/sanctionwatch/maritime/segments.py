"""Per-MMSI track cleaning: drop noise, split into segments, flag shared identities.

Follows GFW's segmenter (gpsdio-segment v3.0.0): reported speeds 51.2, 63 and 102.3 kn
are noise; a track splits where the implied speed exceeds 25 kn or a gap exceeds 24 h.
Where an MMSI's track has an impossible jump, two transmitters may share the MMSI, so
its points are re-assigned one by one to the open segment that explains them (lowest
implied speed within the limit) - that per-point matcher runs only on such MMSIs; every
other MMSI is split with vectorised numpy. Segments of one MMSI that overlap in time
are flagged ``overlapping``: a shared or spoofed MMSI.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from sanctionwatch.maritime.config import DEFAULT, KNOT_KMH, Thresholds
from sanctionwatch.maritime.geo import haversine_km

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


@dataclass
class Track:
    """Cleaned positions sorted by (segment, time), with a segment table.

    Point arrays: ``mmsi``, ``t`` (epoch s), ``lat``, ``lon``, ``sog`` (NaN if not
    reported), ``seg`` (segment number). Segment arrays (indexed by segment number):
    ``seg_mmsi``, ``seg_start``, ``seg_end``, ``seg_count``, ``seg_overlapping``.
    """

    mmsi: I64
    t: I64
    lat: F64
    lon: F64
    sog: F64
    seg: I64
    seg_mmsi: I64
    seg_start: I64
    seg_end: I64
    seg_count: I64
    seg_overlapping: NDArray[np.bool_]
    dropped_noise: int = 0

    def __len__(self) -> int:
        return int(self.t.size)

    def segment_bounds(self) -> tuple[I64, I64]:
        """(first index, one past last index) of each segment's points."""
        starts = np.searchsorted(self.seg, np.arange(self.seg_mmsi.size), side="left")
        ends = np.searchsorted(self.seg, np.arange(self.seg_mmsi.size), side="right")
        return starts.astype(np.int64), ends.astype(np.int64)

    def implied_knots(self) -> F64:
        """Implied speed from each point's predecessor in its segment (NaN at segment starts)."""
        out = np.full(self.t.size, np.nan)
        if self.t.size < 2:
            return out
        same = self.seg[1:] == self.seg[:-1]
        dt_h = (self.t[1:] - self.t[:-1]) / 3600.0
        km = haversine_km(self.lat[:-1], self.lon[:-1], self.lat[1:], self.lon[1:])
        with np.errstate(divide="ignore", invalid="ignore"):
            speed = np.where(dt_h > 0, km / KNOT_KMH / dt_h, 0.0)
        out[1:] = np.where(same, speed, np.nan)
        return out


def _as_numpy(table: pa.Table) -> dict[str, np.ndarray]:
    cols: dict[str, np.ndarray] = {}
    for name in ("mmsi", "t", "lat", "lon", "sog"):
        col = table.column(name)
        if name == "sog":
            cols[name] = col.to_numpy(zero_copy_only=False).astype(np.float64)
            cols[name] = np.where(np.isnan(cols[name]), np.nan, cols[name])
        else:
            cols[name] = col.to_numpy(zero_copy_only=False)
    return cols


def segment(table: pa.Table, cfg: Thresholds = DEFAULT) -> Track:
    """Clean and segment positions (any order) into a :class:`Track`."""
    c = _as_numpy(table)
    mmsi = c["mmsi"].astype(np.int64)
    t = c["t"].astype(np.int64)
    lat = c["lat"].astype(np.float64)
    lon = c["lon"].astype(np.float64)
    sog = c["sog"]
    noise = np.zeros(t.size, dtype=bool)
    for value in cfg.noise_speeds_knots:
        noise |= np.abs(sog - value) < 0.05
    keep = ~noise
    if not _sorted_by(mmsi, t):  # the store already returns (mmsi, t) order
        order = np.lexsort((t, mmsi))
        mmsi, t, lat, lon, sog = mmsi[order], t[order], lat[order], lon[order], sog[order]
        keep = keep[order]
    if not keep.all():
        mmsi, t, lat, lon, sog = mmsi[keep], t[keep], lat[keep], lon[keep], sog[keep]
    # exact duplicates (the same report heard by two receivers)
    if t.size:
        dup = np.zeros(t.size, dtype=bool)
        dup[1:] = (
            (mmsi[1:] == mmsi[:-1])
            & (t[1:] == t[:-1])
            & (lat[1:] == lat[:-1])
            & (lon[1:] == lon[:-1])
        )
        mmsi, t, lat, lon, sog = mmsi[~dup], t[~dup], lat[~dup], lon[~dup], sog[~dup]
    n = t.size
    seg = np.zeros(n, dtype=np.int64)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Track(
            mmsi,
            t,
            lat,
            lon,
            sog,
            seg,
            empty,
            empty,
            empty,
            empty,
            np.zeros(0, dtype=bool),
            int(noise.sum()),
        )
    new_mmsi = np.ones(n, dtype=bool)
    new_mmsi[1:] = mmsi[1:] != mmsi[:-1]
    dt_h = np.zeros(n)
    dt_h[1:] = (t[1:] - t[:-1]) / 3600.0
    km = np.zeros(n)
    km[1:] = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(
            dt_h > 0, km / KNOT_KMH / np.where(dt_h > 0, dt_h, 1.0), np.where(km > 0.1, np.inf, 0.0)
        )
    too_fast = (speed > cfg.segment_max_knots) & ~new_mmsi
    brk = new_mmsi | (dt_h > cfg.segment_max_gap_hours) | too_fast
    # Local segment number within the MMSI, for MMSIs without impossible jumps.
    conflicted_mmsi = np.unique(mmsi[too_fast])
    conflicted = np.isin(mmsi, conflicted_mmsi)
    local = np.cumsum(brk) - 1  # global running id
    seg_local = local.astype(np.int64)
    if conflicted.any():
        next_id = int(seg_local.max()) + 1
        for m in conflicted_mmsi:
            rows = np.flatnonzero(mmsi == m)
            ids = _match_points(t[rows], lat[rows], lon[rows], cfg)
            seg_local[rows] = ids + next_id
            next_id += int(ids.max()) + 1
    # Renumber segments by (mmsi, first time) and sort points by (segment, time).
    uniq, inverse = np.unique(seg_local, return_inverse=True)
    first_t = np.full(uniq.size, np.iinfo(np.int64).max)
    np.minimum.at(first_t, inverse, t)
    seg_m = np.zeros(uniq.size, dtype=np.int64)
    seg_m[inverse] = mmsi
    rank = np.lexsort((first_t, seg_m))
    renum = np.empty(uniq.size, dtype=np.int64)
    renum[rank] = np.arange(uniq.size)
    seg = renum[inverse]
    if not _sorted_by(seg, t):
        order = np.lexsort((t, seg))
        mmsi, t, lat, lon, sog, seg = (
            mmsi[order],
            t[order],
            lat[order],
            lon[order],
            sog[order],
            seg[order],
        )
    nseg = uniq.size
    seg_start = np.full(nseg, np.iinfo(np.int64).max)
    seg_end = np.full(nseg, np.iinfo(np.int64).min)
    np.minimum.at(seg_start, seg, t)
    np.maximum.at(seg_end, seg, t)
    seg_count = np.bincount(seg, minlength=nseg).astype(np.int64)
    seg_mmsi = np.zeros(nseg, dtype=np.int64)
    seg_mmsi[seg] = mmsi
    overlapping = _overlaps(seg_mmsi, seg_start, seg_end, seg_count, cfg)
    return Track(
        mmsi,
        t,
        lat,
        lon,
        sog,
        seg,
        seg_mmsi,
        seg_start,
        seg_end,
        seg_count,
        overlapping,
        int(noise.sum()),
    )


def _sorted_by(major: np.ndarray, minor: np.ndarray) -> bool:
    """True if rows are already ordered by (major, minor)."""
    if major.size < 2:
        return True
    dm = np.diff(major)
    return bool(np.all((dm > 0) | ((dm == 0) & (np.diff(minor) >= 0))))


def _match_points(t: I64, lat: F64, lon: F64, cfg: Thresholds) -> I64:
    """Assign one MMSI's points to segments: the open segment that needs the lowest speed."""
    ids = np.zeros(t.size, dtype=np.int64)
    open_last: list[tuple[int, float, float]] = []  # per segment: last (t, lat, lon)
    for i in range(t.size):
        best, best_speed = -1, np.inf
        for sid, (lt, la, lo) in enumerate(open_last):
            dt = (t[i] - lt) / 3600.0
            if dt > cfg.segment_max_gap_hours:
                continue
            km = float(haversine_km(la, lo, lat[i], lon[i]))
            speed = km / KNOT_KMH / dt if dt > 0 else (0.0 if km < 0.1 else np.inf)
            if speed <= cfg.segment_max_knots and speed < best_speed:
                best, best_speed = sid, speed
        if best < 0:
            best = len(open_last)
            open_last.append((int(t[i]), float(lat[i]), float(lon[i])))
        else:
            open_last[best] = (int(t[i]), float(lat[i]), float(lon[i]))
        ids[i] = best
    return ids


def _overlaps(
    seg_mmsi: I64, seg_start: I64, seg_end: I64, seg_count: I64, cfg: Thresholds
) -> NDArray[np.bool_]:
    """Segments of one MMSI whose time ranges overlap (both with enough positions)."""
    out = np.zeros(seg_mmsi.size, dtype=bool)
    big = seg_count >= cfg.segment_overlap_min_positions
    multi = np.flatnonzero(np.bincount(np.unique(seg_mmsi[big], return_inverse=True)[1]) > 1)
    if multi.size == 0:
        return out
    mm = np.unique(seg_mmsi[big])[multi]
    for m in mm:
        rows = np.flatnonzero((seg_mmsi == m) & big)
        for a_i, a in enumerate(rows):
            for b in rows[a_i + 1 :]:
                if seg_start[a] < seg_end[b] and seg_start[b] < seg_end[a]:
                    out[a] = out[b] = True
    return out
