"""Observed port calls at DPRK ports (GFW pipe-anchorages state machine, research §7.4).

A vessel is in port from its first position within 3 km of a port until its first
position beyond 4 km (hysteresis; positions in between keep the previous state). Each
visit gets GFW's confidence: 4 = entry + exit + (stop or port gap), 3 = entry or exit
+ (stop or gap), 2 = stop or gap only, 1 = entry/exit only. A stop is a speed below
0.2 kn; a port gap is more than 4 h without a position while in port. gfw tier keeps
confidence ≥ 2 (GFW products), dprk tier ≥ 1. Inferred calls (AIS off) come from
``gaps.detect_gaps``.
"""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.config import DEFAULT, Thresholds
from sanctionwatch.maritime.detectors.common import chains, run_starts
from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.geo import PortIndex, dprk_ports, haversine_km
from sanctionwatch.maritime.segments import Track


def detect_port_calls(
    track: Track, tier: str, cfg: Thresholds = DEFAULT, ports: PortIndex | None = None
) -> list[Event]:
    """Observed visits of one tier at ``ports`` (default: the DPRK ports)."""
    ports = ports or dprk_ports()
    if len(track) == 0:
        return []
    chain = chains(track)
    # Only points in a box around some port can be within the exit radius: look those up.
    plat = np.array([p.lat for p in ports.ports])
    plon = np.array([p.lon for p in ports.ports])
    pad = cfg.port_exit_km / 111.0 * 2
    near = np.zeros(len(track), dtype=bool)
    lat_ok = (track.lat >= plat.min() - pad) & (track.lat <= plat.max() + pad)
    cand = np.flatnonzero(lat_ok)
    for la, lo in zip(plat, plon, strict=True):
        lon_pad = pad / max(np.cos(np.radians(la)), 0.1)
        sel = (np.abs(track.lat[cand] - la) <= pad) & (np.abs(track.lon[cand] - lo) <= lon_pad)
        near[cand[sel]] = True
    km = np.full(len(track), np.inf)
    idx = np.zeros(len(track), dtype=np.int64)
    km[near], idx[near] = ports.nearest(track.lat[near], track.lon[near])
    state = np.where(km <= cfg.port_entry_km, 1, np.where(km > cfg.port_exit_km, 0, -1))
    chain_start = np.ones(chain.size, dtype=bool)
    chain_start[1:] = chain[1:] != chain[:-1]
    state = np.where(chain_start & (state < 0), 0, state)
    # carry the last definite state forward through the 3-4 km band
    pos = np.where(state >= 0, np.arange(state.size), 0)
    pos = np.maximum.accumulate(pos)
    in_port = state[pos] == 1
    # a run must not continue across chains
    starts, ends = run_starts(in_port)
    split_starts: list[int] = []
    split_ends: list[int] = []
    for a, b in zip(starts, ends, strict=True):
        cuts = np.flatnonzero(chain_start[a + 1 : b]) + a + 1
        bounds = [int(a), *cuts.tolist(), int(b)]
        split_starts += bounds[:-1]
        split_ends += bounds[1:]
    chain_end = np.ones(chain.size, dtype=bool)
    chain_end[:-1] = chain[:-1] != chain[1:]
    min_conf = cfg.port_min_confidence_gfw if tier == "gfw" else cfg.port_min_confidence_dprk
    events: list[Event] = []
    for a, b in zip(split_starts, split_ends, strict=True):
        last = b - 1
        entry = not chain_start[a]
        exit_ = not chain_end[last]
        sog = track.sog[a:b]
        km_steps = haversine_km(
            track.lat[a : b - 1], track.lon[a : b - 1], track.lat[a + 1 : b], track.lon[a + 1 : b]
        )
        dt_h = np.maximum(np.diff(track.t[a:b]), 1) / 3600.0
        implied = np.r_[np.nan, km_steps / 1.852 / dt_h]
        speeds = np.where(np.isfinite(sog), sog, implied)
        stop = bool(np.any(np.nan_to_num(speeds, nan=99.0) < cfg.port_stop_knots))
        gap = bool(b - a > 1 and np.max(np.diff(track.t[a:b])) > cfg.port_gap_hours * 3600)
        if entry and exit_ and (stop or gap):
            conf = 4
        elif (entry or exit_) and (stop or gap):
            conf = 3
        elif stop or gap:
            conf = 2
        else:
            conf = 1
        if conf < min_conf:
            continue
        port = ports.ports[int(idx[a])]
        evidence = {
            "port": port.name,
            "port_locode": port.locode,
            "confidence": conf,
            "entry": entry,
            "exit": exit_,
            "stop": stop,
            "port_gap": gap,
            "positions": int(b - a),
            "min_distance_km": round(float(km[a:b].min()), 3),
            "gfw_compatible": conf >= cfg.port_min_confidence_gfw,
        }
        events.append(
            Event(
                "port_call",
                "observed",
                tier,
                int(track.t[a]),
                int(track.t[last]),
                port.lat,
                port.lon,
                [VesselRef(int(track.mmsi[a]))],
                evidence,
            )
        )
    return events
