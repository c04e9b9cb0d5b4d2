"""AIS gaps / going dark (GFW pipe-gaps, Welch et al. 2022, research §7.2) and the
inferred DPRK port call (§7.4).

A gap is the time between consecutive positions of one chain (an MMSI, or one segment
of a shared MMSI). The ``report`` tier lists every gap of at least 6 h (GFW's gap table). The gfw tier
keeps Welch's "likely disabling" gaps (≥ 12 h, start > 50 nm from shore, start 1°
cell with > 10 positions per vessel-day, ≥ 14 positions in the 12 h before; we cannot
tell satellite from terrestrial receivers, so all positions count). The dprk tier has
no offshore filter: a gap of ≥ 6 h (≥ 4 h for DPRK-linked vessels) counts when an
off/on point lies within 100 km of DPRK waters or a DPRK port is reachable in it.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from sanctionwatch.maritime.config import DEFAULT, NM_KM, Thresholds
from sanctionwatch.maritime.detectors.common import chains
from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.geo import (
    DPRK_PORTS,
    distance_from_shore_km,
    haversine_km,
    km_to_dprk_waters,
)
from sanctionwatch.maritime.segments import Track


def reception(track: Track) -> dict[tuple[int, int], float]:
    """Positions per vessel-day in each 1° cell (Welch's reception measure, from our data)."""
    if len(track) == 0:
        return {}
    cy = np.floor(track.lat).astype(np.int64) + 90
    cx = np.floor(track.lon).astype(np.int64) + 180
    cell = cy * 1000 + cx  # < 2**18
    day = track.t // 86400
    day = day - day.min()  # < 2**12 for a decade
    _, mmsi_idx = np.unique(track.mmsi, return_inverse=True)  # < 2**30
    vessel_day = (cell << 42) | (day << 30) | mmsi_idx.astype(np.int64)
    cells, counts = np.unique(cell, return_counts=True)
    vd_cells = np.unique(vessel_day) >> 42
    vd_counts = np.bincount(np.searchsorted(cells, vd_cells), minlength=cells.size)
    return {
        (int(c // 1000) - 90, int(c % 1000) - 180): float(n) / max(int(v), 1)
        for c, n, v in zip(cells, counts, vd_counts, strict=True)
    }


def vessel_speed_knots(track: Track, cfg: Thresholds) -> dict[int, float]:
    """Each MMSI's assumed cruising speed: 95th percentile of reported SOG (research §7.4)."""
    ok = np.isfinite(track.sog) & (track.sog > 0.5)
    if not ok.any():
        return {}
    m, s = track.mmsi[ok], track.sog[ok]
    order = np.lexsort((s, m))
    m, s = m[order], s[order]
    starts = np.flatnonzero(np.r_[True, m[1:] != m[:-1]])
    counts = np.diff(np.r_[starts, m.size])
    p95 = s[starts + np.floor(0.95 * (counts - 1)).astype(np.int64)]
    return dict(zip(m[starts].tolist(), p95.tolist(), strict=True))


def raw_gaps(track: Track, min_hours: float) -> dict[str, np.ndarray]:
    """Every gap of at least ``min_hours`` along chains, as column arrays."""
    chain = chains(track)
    if len(track) < 2:
        return {}
    dt = np.diff(track.t)
    same = chain[1:] == chain[:-1]
    k = np.flatnonzero(same & (dt >= min_hours * 3600))
    prior = np.zeros(k.size, dtype=np.int64)
    if k.size:
        # positions in the 12 h before the gap on the same chain
        key = (chain << 32) + (track.t - track.t.min())
        lo = np.searchsorted(key, key[k] - 12 * 3600, side="left")
        prior = (k - lo + 1).astype(np.int64)
    return {
        "off": k,
        "on": k + 1,
        "prior": prior,
    }


def detect_gaps(
    track: Track,
    tier: str,
    cfg: Thresholds = DEFAULT,
    dprk_linked: Collection[int] = (),
) -> list[Event]:
    """Gap events of one tier; the dprk tier also emits inferred DPRK port calls.

    Tiers: ``report`` = every gap of at least 6 h (GFW's gap table, no filters);
    ``gfw`` = Welch's "likely disabling" gaps; ``dprk`` = research §7.2.
    """
    min_h = min(cfg.gap_report_hours, cfg.gap_dprk_hours)
    raw = raw_gaps(track, min_h)
    if not raw or raw["off"].size == 0:
        return []
    off, on, prior = raw["off"], raw["on"], raw["prior"]
    t0, t1 = track.t[off], track.t[on]
    hours = (t1 - t0) / 3600.0
    km = haversine_km(track.lat[off], track.lon[off], track.lat[on], track.lon[on])
    shore_km = distance_from_shore_km(track.lat[off], track.lon[off])
    near_km = np.minimum(
        km_to_dprk_waters(track.lat[off], track.lon[off]),
        km_to_dprk_waters(track.lat[on], track.lon[on]),
    )
    rec = reception(track)
    speeds = vessel_speed_knots(track, cfg) if tier == "dprk" else {}
    linked = set(dprk_linked)
    events: list[Event] = []
    for n in range(off.size):
        i, j = int(off[n]), int(on[n])
        mmsi = int(track.mmsi[i])
        cell = (int(np.floor(track.lat[i])), int(np.floor(track.lon[i])))
        cell_rec = rec.get(cell, 0.0)
        disabling = bool(
            hours[n] >= cfg.gap_disabling_hours
            and shore_km[n] > cfg.gap_disabling_shore_nm * NM_KM
            and cell_rec > cfg.gap_disabling_reception
            and prior[n] >= cfg.gap_disabling_prior_positions
        )
        port = None
        near = bool(near_km[n] <= cfg.gap_dprk_near_km)
        if tier == "report" and hours[n] < cfg.gap_report_hours:
            continue
        if tier == "gfw" and not disabling:
            continue
        if tier == "dprk":
            floor = cfg.gap_dprk_hours if mmsi in linked else cfg.gap_report_hours
            if hours[n] < floor:
                continue
            port = _reachable_port(track, i, j, speeds.get(mmsi, 0.0), cfg)
            if not near and port is None:
                continue
        evidence: dict[str, object] = {
            "duration_hours": round(float(hours[n]), 3),
            "distance_km": round(float(km[n]), 3),
            "implied_speed_knots": round(float(km[n] / 1.852 / hours[n]), 3) if hours[n] else None,
            "off_lat": float(track.lat[i]),
            "off_lon": float(track.lon[i]),
            "on_lat": float(track.lat[j]),
            "on_lon": float(track.lon[j]),
            "off_distance_from_shore_nm": round(float(shore_km[n] / NM_KM), 2),
            "positions_prior_12h": int(prior[n]),
            "start_cell_positions_per_vessel_day": round(cell_rec, 2),
            "likely_disabling": disabling,
            "km_to_dprk_waters": round(float(near_km[n]), 1),
            "dprk_linked_vessel": mmsi in linked,
            "dprk_port_reachable": port["port"] if port else None,
            "gfw_compatible": disabling,
        }
        events.append(
            Event(
                "gap",
                "dark",
                tier,
                int(t0[n]),
                int(t1[n]),
                float(track.lat[i]),
                float(track.lon[i]),
                [VesselRef(mmsi)],
                evidence,
            )
        )
        if tier == "dprk" and port is not None:
            p = DPRK_PORTS[int(str(port["index"]))]
            events.append(
                Event(
                    "port_call",
                    "inferred",
                    tier,
                    int(t0[n]),
                    int(t1[n]),
                    p.lat,
                    p.lon,
                    [VesselRef(mmsi)],
                    {
                        **{k: v for k, v in port.items() if k != "index"},
                        "gap_hours": round(float(hours[n]), 3),
                        "gfw_compatible": False,
                    },
                )
            )
    return events


def _reachable_port(
    track: Track, i: int, j: int, p95_knots: float, cfg: Thresholds
) -> dict[str, object] | None:
    """The DPRK port with most slack if the gap allows going there, dwelling and returning."""
    hours = (track.t[j] - track.t[i]) / 3600.0
    knots = min(max(p95_knots, cfg.inferred_port_min_knots), cfg.inferred_port_max_knots)
    plat = np.array([p.lat for p in DPRK_PORTS])
    plon = np.array([p.lon for p in DPRK_PORTS])
    d_in = haversine_km(track.lat[i], track.lon[i], plat, plon)
    d_out = haversine_km(plat, plon, track.lat[j], track.lon[j])
    need = (d_in + d_out) / (knots * 1.852) + cfg.inferred_port_dwell_hours
    ok = (need <= hours) & (d_in <= cfg.inferred_port_max_km) & (d_out <= cfg.inferred_port_max_km)
    if not ok.any():
        return None
    slack = np.where(ok, hours - need, -np.inf)
    k = int(np.argmax(slack))
    return {
        "index": k,
        "port": DPRK_PORTS[k].name,
        "km_off_to_port": round(float(d_in[k]), 1),
        "km_port_to_on": round(float(d_out[k]), 1),
        "assumed_speed_knots": round(knots, 2),
        "dwell_hours_min": cfg.inferred_port_dwell_hours,
        "hours_needed": round(float(need[k]), 2),
        "slack_hours": round(float(slack[k]), 2),
    }
