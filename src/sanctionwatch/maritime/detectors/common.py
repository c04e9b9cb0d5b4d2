"""Helpers shared by detectors: chains of one vessel's points, resampling, run finding."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.config import KNOT_KMH
from sanctionwatch.maritime.geo import haversine_km
from sanctionwatch.maritime.segments import Track

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


def chains(track: Track) -> I64:
    """Chain id per point: one per MMSI, except each segment of a shared MMSI on its own.

    Gaps and port visits are measured along chains, so an MMSI used by two ships never
    pairs one ship's last position with the other's first (GFW's pipe-gaps bug).
    """
    if len(track) == 0:
        return np.zeros(0, dtype=np.int64)
    shared_mmsi = np.unique(track.seg_mmsi[track.seg_overlapping])
    seg_shared = np.isin(track.seg_mmsi, shared_mmsi)
    new_chain = np.ones(track.seg_mmsi.size, dtype=bool)
    new_chain[1:] = (track.seg_mmsi[1:] != track.seg_mmsi[:-1]) | seg_shared[1:] | seg_shared[:-1]
    chain_of_seg = np.cumsum(new_chain) - 1
    return chain_of_seg[track.seg].astype(np.int64)


def run_starts(flags: NDArray[np.bool_]) -> tuple[I64, I64]:
    """(start, end-exclusive) index pairs of runs of True."""
    padded = np.concatenate([[False], flags, [False]])
    diff = np.diff(padded.astype(np.int8))
    return np.flatnonzero(diff == 1).astype(np.int64), np.flatnonzero(diff == -1).astype(np.int64)


@dataclass
class Resampled:
    """Positions on a fixed time grid per segment (no interpolation across long gaps)."""

    seg: I64
    mmsi: I64
    t: I64
    lat: F64
    lon: F64
    knots: F64  # implied speed of the interval the sample lies in
    sog: F64  # reported SOG of the nearest point (NaN if none)


def resample(track: Track, step_s: int, max_gap_s: float) -> Resampled:
    """Sample every segment at multiples of ``step_s`` by linear interpolation.

    A grid time between two positions more than ``max_gap_s`` apart gets no sample
    (GFW MAX_GAP_HOURS); exact hits are kept as they are.
    """
    empty_i = np.zeros(0, dtype=np.int64)
    empty_f = np.zeros(0)
    if len(track) == 0:
        return Resampled(empty_i, empty_i, empty_i, empty_f, empty_f, empty_f, empty_f)
    first_g = -(-track.seg_start // step_s) * step_s
    last_g = (track.seg_end // step_s) * step_s
    counts = np.maximum((last_g - first_g) // step_s + 1, 0)
    total = int(counts.sum())
    if total == 0:
        return Resampled(empty_i, empty_i, empty_i, empty_f, empty_f, empty_f, empty_f)
    seg = np.repeat(np.arange(counts.size, dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts
    g = first_g[seg] + step_s * (np.arange(total, dtype=np.int64) - offsets[seg])
    t0 = int(track.t.min())
    key_pts = (track.seg << 32) + (track.t - t0)
    key_grid = (seg << 32) + (g - t0)
    i0 = np.searchsorted(key_pts, key_grid, side="right") - 1
    exact = track.t[i0] == g
    i1 = np.minimum(i0 + 1, track.t.size - 1)
    inside = (track.seg[i1] == seg) & (track.t[i1] > g)
    span = (track.t[i1] - track.t[i0]).astype(np.float64)
    ok = exact | (inside & (span < max_gap_s))
    # For exact hits at a segment's last point use the interval before it for the speed.
    a = np.where(exact & ~inside, np.maximum(i0 - 1, 0), i0)
    b = np.where(exact & ~inside, i0, i1)
    same = (track.seg[a] == track.seg[b]) & (a != b)
    frac = np.where(exact | ~inside, 0.0, (g - track.t[i0]) / np.where(span > 0, span, 1.0))
    lat = track.lat[i0] + frac * (track.lat[i1] - track.lat[i0])
    lon = track.lon[i0] + frac * (track.lon[i1] - track.lon[i0])
    dt_h = (track.t[b] - track.t[a]) / 3600.0
    km = haversine_km(track.lat[a], track.lon[a], track.lat[b], track.lon[b])
    with np.errstate(divide="ignore", invalid="ignore"):
        knots = np.where(same & (dt_h > 0), km / KNOT_KMH / np.where(dt_h > 0, dt_h, 1.0), 0.0)
    near = np.where(frac > 0.5, i1, i0)
    sog = track.sog[near]
    return Resampled(seg[ok], track.seg_mmsi[seg[ok]], g[ok], lat[ok], lon[ok], knots[ok], sog[ok])


def group_bounds(keys: NDArray[np.int64]) -> tuple[I64, I64]:
    """(start, end-exclusive) of runs of equal consecutive keys."""
    if keys.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    change = np.ones(keys.size, dtype=bool)
    change[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(change).astype(np.int64)
    ends = np.append(starts[1:], keys.size).astype(np.int64)
    return starts, ends
