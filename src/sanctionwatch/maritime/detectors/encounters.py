"""Encounters / ship-to-ship transfers (GFW pipe-encounters, research §7.1).

Both vessels are resampled every 10 minutes; pairs closer than 500 m at a sample form
runs of consecutive samples; a run must last 60 min, runs of one pair less than 4 h
apart are merged, and the merged encounter must last 2 h with a median implied speed
below 2 kn. The gfw tier then drops encounters whose mean position is within 10 km of
a port or on land; the dprk tier waives that filter inside DPRK waters, Korea Bay /
Yellow Sea and the East China Sea and records the context instead, plus Ballinger's
strict flag (both vessels' median SOG < 1 kn).

``one_sided_transfers`` adds the dark STS: vessel A loiters while vessel B, last and
next seen close to A, is dark for the overlap.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

from sanctionwatch.maritime.config import DEFAULT, Thresholds
from sanctionwatch.maritime.detectors.common import Resampled, group_bounds, resample
from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.geo import (
    AOI_BOXES,
    aoi_name,
    distance_from_shore_km,
    haversine_km,
    is_land,
    world_ports,
)
from sanctionwatch.maritime.segments import Track


def close_pairs(res: Resampled, max_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i, j) of samples at the same time within ``max_km``, with distances.

    Samples are bucketed in grid cells at least ``max_km`` wide and joined with the 3×3
    neighbourhood in DuckDB, so the work grows with local density, not with n².
    """
    empty = np.zeros(0, dtype=np.int64)
    if res.t.size < 2:
        return empty, empty, np.zeros(0)
    lat_cell = max(max_km / 111.0, 1e-4) * 1.01
    max_lat = float(np.max(np.abs(res.lat)))
    lon_cell = lat_cell / max(np.cos(np.radians(min(max_lat, 85.0))), 0.05)
    table = pa.table(
        {
            "i": np.arange(res.t.size, dtype=np.int64),
            "m": res.mmsi,
            "t": res.t,
            "cx": np.floor(res.lon / lon_cell).astype(np.int64),
            "cy": np.floor(res.lat / lat_cell).astype(np.int64),
        }
    )
    con = duckdb.connect()
    con.register("r", table)
    out = con.execute(
        """
        WITH nb AS (
          SELECT i, m, t, cx + dx AS cx, cy + dy AS cy
          FROM r, (VALUES (-1), (0), (1)) a(dx), (VALUES (-1), (0), (1)) b(dy))
        SELECT a.i AS i, nb.i AS j FROM r a JOIN nb
          ON a.t = nb.t AND a.cx = nb.cx AND a.cy = nb.cy AND a.m < nb.m
        """
    ).fetchnumpy()
    i = np.asarray(out["i"], dtype=np.int64)
    j = np.asarray(out["j"], dtype=np.int64)
    km = haversine_km(res.lat[i], res.lon[i], res.lat[j], res.lon[j])
    keep = km <= max_km
    return i[keep], j[keep], km[keep]


def _context(lat: float, lon: float) -> str:
    name = aoi_name(lat, lon)
    return name or "elsewhere"


def _at_sea_for_dprk_tier(lat: float, lon: float, cfg: Thresholds) -> bool:
    """The dprk tier's location rule: away from ports and land, or anywhere in the AOI."""
    if aoi_name(lat, lon) is not None:
        return True
    port_km, _ = world_ports().nearest(np.array([lat]), np.array([lon]))
    on_land = bool(is_land(np.array([lat]), np.array([lon]))[0])
    return float(port_km[0]) >= cfg.encounter_min_port_distance_km and not on_land


def detect_encounters(track: Track, tier: str, cfg: Thresholds = DEFAULT) -> list[Event]:
    """Two-vessel encounters of one tier."""
    step = cfg.resample_minutes * 60
    res = resample(track, step, cfg.resample_max_gap_hours * 3600)
    i, j, km = close_pairs(res, cfg.encounter_max_distance_km)
    if i.size == 0:
        return []
    ma, mb = res.mmsi[i], res.mmsi[j]
    # one sample per (pair, time): a shared MMSI may place two segments near the partner
    order = np.lexsort((km, res.t[i], mb, ma))
    i, j, km, ma, mb = i[order], j[order], km[order], ma[order], mb[order]
    t = res.t[i]
    first = np.ones(t.size, dtype=bool)
    first[1:] = (ma[1:] != ma[:-1]) | (mb[1:] != mb[:-1]) | (t[1:] != t[:-1])
    i, j, km, ma, mb, t = i[first], j[first], km[first], ma[first], mb[first], t[first]
    # runs of consecutive samples of one pair
    new_run = np.ones(t.size, dtype=bool)
    new_run[1:] = (ma[1:] != ma[:-1]) | (mb[1:] != mb[:-1]) | (t[1:] - t[:-1] != step)
    run_id = np.cumsum(new_run) - 1
    r_start, r_end = group_bounds(run_id)
    r_t0, r_t1 = t[r_start], t[r_end - 1]
    good = ((r_end - r_start) >= 2) & ((r_t1 - r_t0) >= cfg.encounter_raw_min_minutes * 60)
    r_start, r_end, r_t0, r_t1 = r_start[good], r_end[good], r_t0[good], r_t1[good]
    if r_start.size == 0:
        return []
    r_ma, r_mb = ma[r_start], mb[r_start]
    new_ev = np.ones(r_start.size, dtype=bool)
    new_ev[1:] = (
        (r_ma[1:] != r_ma[:-1])
        | (r_mb[1:] != r_mb[:-1])
        | ((r_t0[1:] - r_t1[:-1]) >= cfg.encounter_merge_gap_hours * 3600)
    )
    ev_id = np.cumsum(new_ev) - 1
    e_first, e_last = group_bounds(ev_id)
    events: list[Event] = []
    ports = world_ports()
    for a, b in zip(e_first, e_last, strict=True):
        runs = range(int(a), int(b))
        start, end = int(r_t0[a]), int(r_t1[b - 1])
        if end - start < cfg.encounter_min_hours * 3600:
            continue
        idx = np.concatenate([np.arange(r_start[k], r_end[k]) for k in runs])
        speeds = np.concatenate([res.knots[i[idx]], res.knots[j[idx]]])
        median_speed = float(np.median(speeds))
        if median_speed >= cfg.encounter_max_median_knots:
            continue
        lat = float(np.mean((res.lat[i[idx]] + res.lat[j[idx]]) / 2))
        lon = float(np.mean((res.lon[i[idx]] + res.lon[j[idx]]) / 2))
        port_km, port_i = ports.nearest(np.array([lat]), np.array([lon]))
        on_land = bool(is_land(np.array([lat]), np.array([lon]))[0])
        context = _context(lat, lon)
        near_port = float(port_km[0]) < cfg.encounter_min_port_distance_km
        if tier == "gfw" and (near_port or on_land):
            continue
        if tier == "dprk" and (near_port or on_land) and context not in ("dprk_waters", *AOI_BOXES):
            continue
        sog_a = res.sog[i[idx]]
        sog_b = res.sog[j[idx]]
        strict = bool(
            np.all(np.isfinite(sog_a))
            and np.all(np.isfinite(sog_b))
            and np.median(sog_a) < cfg.encounter_strict_sog_knots
            and np.median(sog_b) < cfg.encounter_strict_sog_knots
        )
        evidence = {
            "duration_hours": round((end - start) / 3600, 3),
            "median_distance_km": round(float(np.median(km[idx])), 4),
            "max_distance_km": round(float(np.max(km[idx])), 4),
            "median_speed_knots": round(median_speed, 3),
            "samples": int(idx.size),
            "runs_merged": len(runs),
            "resample_minutes": cfg.resample_minutes,
            "nearest_port": ports.ports[int(port_i[0])].name,
            "nearest_port_km": round(float(port_km[0]), 2),
            "distance_from_shore_km": round(
                float(distance_from_shore_km(np.array([lat]), np.array([lon]))[0]), 2
            ),
            "context": context,
            "strict_sog_below_1kn": strict,
            "gfw_compatible": not near_port and not on_land,
        }
        events.append(
            Event(
                "encounter",
                "two_sided",
                tier,
                start,
                end,
                lat,
                lon,
                [VesselRef(int(r_ma[a])), VesselRef(int(r_mb[a]))],
                evidence,
            )
        )
    return events


def one_sided_transfers(
    loitering: list[Event], gaps: list[Event], cfg: Thresholds = DEFAULT
) -> list[Event]:
    """Dark STS (dprk tier): A loiters while B is dark, B's off/on points close to A."""
    out: list[Event] = []
    if not loitering or not gaps:
        return out
    g_start = np.array([g.start for g in gaps])
    order = np.argsort(g_start)
    gaps = [gaps[k] for k in order]
    g_start = g_start[order]
    g_end = np.array([g.end for g in gaps])
    off = np.array([[g.evidence["off_lat"], g.evidence["off_lon"]] for g in gaps])
    on = np.array([[g.evidence["on_lat"], g.evidence["on_lon"]] for g in gaps])
    g_mmsi = np.array([g.vessels[0].mmsi for g in gaps])
    v_kmh = cfg.segment_max_knots * 1.852
    for lo in loitering:
        a = lo.vessels[0].mmsi
        if not _at_sea_for_dprk_tier(lo.lat, lo.lon, cfg):
            continue
        cand = np.flatnonzero((g_start < lo.end) & (g_end > lo.start) & (g_mmsi != a))
        if cand.size == 0:
            continue
        ov0 = np.maximum(g_start[cand], lo.start)
        ov1 = np.minimum(g_end[cand], lo.end)
        d_off = haversine_km(off[cand, 0], off[cand, 1], lo.lat, lo.lon)
        d_on = haversine_km(on[cand, 0], on[cand, 1], lo.lat, lo.lon)
        # B must be able to reach A after going dark and leave before reappearing, at the
        # segmenter's speed ceiling, and still be alongside for the minimum overlap.
        alongside0 = np.maximum(g_start[cand] + d_off / v_kmh * 3600, lo.start)
        alongside1 = np.minimum(g_end[cand] - d_on / v_kmh * 3600, lo.end)
        ok = (
            (alongside1 - alongside0 >= cfg.dark_sts_min_overlap_hours * 3600)
            & (d_off <= cfg.dark_sts_max_distance_km)
            & (d_on <= cfg.dark_sts_max_distance_km)
        )
        for k, c in enumerate(cand):
            if not ok[k]:
                continue
            gap = gaps[int(c)]
            evidence = {
                "loitering_vessel": a,
                "dark_vessel": int(g_mmsi[c]),
                "overlap_hours": round(float(ov1[k] - ov0[k]) / 3600, 3),
                "loitering_hours": lo.evidence.get("duration_hours"),
                "loitering_mean_knots": lo.evidence.get("mean_speed_knots"),
                "gap_hours": gap.evidence.get("duration_hours"),
                "dark_off_km_from_loiterer": round(float(d_off[k]), 2),
                "dark_on_km_from_loiterer": round(float(d_on[k]), 2),
                "context": _context(lo.lat, lo.lon),
                "gfw_compatible": False,
            }
            out.append(
                Event(
                    "encounter",
                    "one_sided",
                    "dprk",
                    int(ov0[k]),
                    int(ov1[k]),
                    lo.lat,
                    lo.lon,
                    [VesselRef(a), VesselRef(int(g_mmsi[c]))],
                    evidence,
                )
            )
    return out
