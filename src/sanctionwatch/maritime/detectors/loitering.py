"""Loitering (GFW pipe-loitering, research §7.3).

Each segment's movement is bucketed by UTC hour: an hour's speed is the distance of
the intervals ending in it over their duration. Consecutive slow hours (< 2 kn) form
an event that starts at the last position before the first slow hour's first interval.
Segments are processed whole, so an event crossing midnight stays one event.
gfw tier: GFW's product table, ≥ 2 h and mean position ≥ 20 nm from shore (the
transshipment flag adds ≥ 4 h). ``raw`` tier: GFW's raw table, ≥ 2 h anywhere (used
for one-sided transfers). dprk tier: ≥ 4 h, tanker/cargo/unknown type, mean position
more than 3 km from any port.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sanctionwatch.maritime.config import DEFAULT, KNOT_KMH, NM_KM, Thresholds
from sanctionwatch.maritime.detectors.common import group_bounds
from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.geo import aoi_name, distance_from_shore_km, haversine_km, world_ports
from sanctionwatch.maritime.segments import Track

# AIS ship type codes the dprk tier looks at (ITU-R M.1371 table 53: 7x cargo, 8x tanker).
CARGO_OR_TANKER = set(range(70, 90))


def slow_periods(
    track: Track, cfg: Thresholds = DEFAULT, min_hours: float = 0.0
) -> list[dict[str, float]]:
    """Runs of consecutive slow UTC hours per segment.

    An interval between two positions belongs to the hour its later position falls in;
    an interval that skips a whole hour carries no speed for any hour and breaks the
    run ("consecutive hours"). A run spans from the start of its first hour (or the
    position before it, if later) to the end of its last hour (or the next position,
    if earlier), so n slow hours of steady reporting last n hours.
    """
    if len(track) < 2:
        return []
    same = track.seg[1:] == track.seg[:-1]
    hour_of = track.t // 3600
    jump = np.zeros(track.t.size, dtype=bool)
    jump[1:] = hour_of[1:] - hour_of[:-1] > 1
    k = np.flatnonzero(same & ~jump[1:]) + 1  # interval ends
    if k.size == 0:
        return []
    km_iv = haversine_km(track.lat[k - 1], track.lon[k - 1], track.lat[k], track.lon[k])
    dt_iv = (track.t[k] - track.t[k - 1]).astype(np.float64)
    # An interval that crosses an hour boundary is split there in proportion to time, so
    # each hour gets exactly the movement made within it.
    cross = hour_of[k] != hour_of[k - 1]
    boundary = hour_of[k] * 3600
    frac = np.where(cross, (boundary - track.t[k - 1]) / np.where(dt_iv > 0, dt_iv, 1.0), 0.0)
    first = np.flatnonzero(cross)
    # pieces: every interval's part in its end hour, plus the before-boundary part of crossers
    piece_iv = np.concatenate([np.arange(k.size), first])
    piece_hour = np.concatenate([hour_of[k], hour_of[k[first] - 1]])
    piece_km = np.concatenate([km_iv * (1 - frac), km_iv[first] * frac[first]])
    piece_dt = np.concatenate([dt_iv * (1 - frac), dt_iv[first] * frac[first]])
    piece_seg = track.seg[k[piece_iv]]
    order = np.lexsort((piece_hour, piece_seg))
    piece_iv, piece_hour, piece_km, piece_dt, piece_seg = (
        piece_iv[order],
        piece_hour[order],
        piece_km[order],
        piece_dt[order],
        piece_seg[order],
    )
    key = (piece_seg << 24) + (piece_hour - piece_hour.min())
    g0, _ = group_bounds(key)
    g_km = np.add.reduceat(piece_km, g0)
    g_dt = np.add.reduceat(piece_dt, g0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g_speed = np.where(g_dt > 0, g_km / KNOT_KMH / (g_dt / 3600.0), 0.0)
    hour = piece_hour
    g_seg = piece_seg[g0]
    g_hour = hour[g0]
    slow = g_speed < cfg.loiter_max_knots
    new_run = np.ones(g0.size, dtype=bool)
    new_run[1:] = (g_seg[1:] != g_seg[:-1]) | ~slow[:-1] | (g_hour[1:] - g_hour[:-1] != 1)
    run = np.cumsum(new_run | ~slow).astype(np.int64)  # each fast hour is its own (discarded) run
    r0, r1 = group_bounds(run)
    keep = slow[r0]
    r0, r1 = r0[keep], r1[keep]
    # first/last position of each run: the interval pieces in a group may start mid-hour
    g_first_iv = np.minimum.reduceat(piece_iv, g0)
    g_last_iv = np.maximum.reduceat(piece_iv, g0)
    i_start = k[g_first_iv[r0]] - 1
    i_end = k[g_last_iv[r1 - 1]]
    i_end = np.where(track.t[i_end] > (g_hour[r1 - 1] + 1) * 3600, i_end - 1, i_end)
    start = np.maximum(g_hour[r0] * 3600, track.t[i_start])
    nxt = np.minimum(i_end + 1, track.t.size - 1)
    continues = (nxt > i_end) & (track.seg[nxt] == track.seg[i_end]) & ~jump[nxt]
    end = np.where(continues, np.minimum((g_hour[r1 - 1] + 1) * 3600, track.t[nxt]), track.t[i_end])
    keep = (end - start) >= min_hours * 3600
    r0, r1, i_start, i_end = r0[keep], r1[keep], i_start[keep], i_end[keep]
    start, end = start[keep], end[keep]
    cum_km = np.r_[0.0, np.cumsum(g_km)]
    cum_dt = np.r_[0.0, np.cumsum(g_dt)]
    tot_km = cum_km[r1] - cum_km[r0]
    tot_h = (cum_dt[r1] - cum_dt[r0]) / 3600.0
    cum_lat = np.r_[0.0, np.cumsum(track.lat)]
    cum_lon = np.r_[0.0, np.cumsum(track.lon)]
    npts = i_end - i_start + 1
    mean_lat = (cum_lat[i_end + 1] - cum_lat[i_start]) / npts
    mean_lon = (cum_lon[i_end + 1] - cum_lon[i_start]) / npts
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_kn = np.where(tot_h > 0, tot_km / KNOT_KMH / np.where(tot_h > 0, tot_h, 1), 0.0)
    return [
        {
            "mmsi": int(track.mmsi[i0]),
            "start": int(t0),
            "end": int(t1),
            "mean_knots": float(kn),
            "lat": float(la),
            "lon": float(lo),
            "hours": int(h1 - h0),
        }
        for i0, t0, t1, kn, la, lo, h0, h1 in zip(
            i_start, start, end, mean_kn, mean_lat, mean_lon, r0, r1, strict=True
        )
    ]


def detect_loitering(
    track: Track,
    tier: str,
    cfg: Thresholds = DEFAULT,
    ship_types: Mapping[int, int | None] = {},
    periods: list[dict[str, float]] | None = None,
) -> list[Event]:
    """Loitering events of one tier (``periods``: ``slow_periods`` computed once, if given)."""
    events: list[Event] = []
    if periods is None:
        periods = slow_periods(track, cfg, min(cfg.loiter_min_hours, cfg.loiter_dprk_min_hours))
    if not periods:
        return events
    lat = np.array([p["lat"] for p in periods])
    lon = np.array([p["lon"] for p in periods])
    shore_nm = distance_from_shore_km(lat, lon) / NM_KM
    port_km, port_i = world_ports().nearest(lat, lon)
    for n, p in enumerate(periods):
        hours = (p["end"] - p["start"]) / 3600.0
        transship = (
            hours >= cfg.loiter_transship_hours and shore_nm[n] >= cfg.loiter_transship_shore_nm
        )
        if hours < cfg.loiter_min_hours:
            continue
        if tier == "gfw" and shore_nm[n] < cfg.loiter_transship_shore_nm:
            continue
        if tier == "dprk":
            stype = ship_types.get(int(p["mmsi"]))
            if hours < cfg.loiter_dprk_min_hours or port_km[n] <= cfg.loiter_dprk_port_km:
                continue
            if stype is not None and stype not in CARGO_OR_TANKER:
                continue
        evidence = {
            "duration_hours": round(hours, 3),
            "mean_speed_knots": round(float(p["mean_knots"]), 3),
            "distance_from_shore_nm": round(float(shore_nm[n]), 2),
            "nearest_port": world_ports().ports[int(port_i[n])].name,
            "nearest_port_km": round(float(port_km[n]), 2),
            "transshipment_filter": bool(transship),
            "context": aoi_name(float(lat[n]), float(lon[n])) or "elsewhere",
            "gfw_compatible": bool(shore_nm[n] >= cfg.loiter_transship_shore_nm),
        }
        events.append(
            Event(
                "loitering",
                "slow",
                tier,
                int(p["start"]),
                int(p["end"]),
                float(lat[n]),
                float(lon[n]),
                [VesselRef(int(p["mmsi"]))],
                evidence,
            )
        )
    return events
