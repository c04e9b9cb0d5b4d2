"""Identity anomalies (research §7.5).

From static/voyage history: invalid IMO check digits, one IMO on two MMSIs at once,
changes of name, call sign or IMO on one MMSI, and reflagging (an IMO moving to an
MMSI with another MID). From positions: unallocated MIDs, shared/spoofed MMSIs
(overlapping segments) and the swap pattern - one vessel goes dark and another MMSI
with the same length and width appears within reach soon after (Tae Yang → Krysper
Singa). Identity anomalies are the same in both tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from sanctionwatch.maritime.config import DEFAULT, KNOT_KMH, Thresholds
from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.geo import haversine_km, mmsi_flag, world_ports
from sanctionwatch.maritime.segments import Track
from sanctionwatch.model.identifiers import imo_check_digit_ok

History = Sequence[dict[str, Any]]


def _ev(
    kind: str,
    tier: str,
    start: int,
    end: int,
    lat: float,
    lon: float,
    mmsis: list[int],
    evidence: dict[str, Any],
) -> Event:
    return Event(
        "identity",
        kind,
        tier,
        start,
        end,
        lat,
        lon,
        [VesselRef(m) for m in mmsis],
        {**evidence, "gfw_compatible": kind == "shared_mmsi"},
    )


def _last_position(track: Track, mmsi: int, t: int) -> tuple[float, float]:
    rows = np.flatnonzero(track.mmsi == mmsi)
    if rows.size == 0:
        return (float("nan"), float("nan"))
    k = rows[np.argmin(np.abs(track.t[rows] - t))]
    return float(track.lat[k]), float(track.lon[k])


def static_anomalies(
    history: History, track: Track, tier: str, cfg: Thresholds = DEFAULT
) -> list[Event]:
    """Anomalies visible in static/voyage history."""
    events: list[Event] = []
    by_mmsi: dict[int, list[dict[str, Any]]] = {}
    for row in history:
        by_mmsi.setdefault(int(row["mmsi"]), []).append(row)
    imo_spans: dict[str, dict[int, list[int]]] = {}
    shared = set(track.seg_mmsi[track.seg_overlapping].tolist()) if len(track) else set()
    for mmsi, rows in by_mmsi.items():
        # Two transmitters on one MMSI alternate their static data (A, B, A, ...): that is
        # a shared identity (reported from the track), not a series of renames.
        names = [r.get("name") for r in rows if r.get("name")]
        flip_flop = any(
            n in names[: k - 1] and n != names[k - 1] for k, n in enumerate(names) if k > 1
        )
        if mmsi in shared or flip_flop:
            continue
        for prev, cur in pairwise(rows):
            for field, kind in (
                ("name", "name_change"),
                ("callsign", "callsign_change"),
                ("imo", "imo_change"),
            ):
                old, new = prev.get(field), cur.get(field)
                if old and new and old != new:
                    lat, lon = _last_position(track, mmsi, cur["valid_from"])
                    events.append(
                        _ev(
                            kind,
                            tier,
                            int(cur["valid_from"]),
                            int(cur["valid_from"]),
                            lat,
                            lon,
                            [mmsi],
                            {
                                "field": field,
                                "old": old,
                                "new": new,
                                "previous_last_seen": int(prev["last_seen"]),
                            },
                        )
                    )
        seen_bad: set[str] = set()
        for row in rows:
            imo = row.get("imo")
            if not imo or imo in ("0",):
                continue
            imo = str(imo).zfill(7)
            if not imo_check_digit_ok(imo):
                if imo not in seen_bad:
                    seen_bad.add(imo)
                    span = [r for r in rows if r.get("imo") and str(r["imo"]).zfill(7) == imo]
                    start = min(int(r["valid_from"]) for r in span)
                    end = max(int(r["last_seen"]) for r in span)
                    lat, lon = _last_position(track, mmsi, start)
                    events.append(
                        _ev(
                            "invalid_imo",
                            tier,
                            start,
                            end,
                            lat,
                            lon,
                            [mmsi],
                            {"imo": imo, "reason": "IMO check digit does not match"},
                        )
                    )
                continue
            span_ = imo_spans.setdefault(imo, {}).setdefault(
                mmsi, [int(row["valid_from"]), int(row["last_seen"])]
            )
            span_[0] = min(span_[0], int(row["valid_from"]))
            span_[1] = max(span_[1], int(row["last_seen"]))
    for imo, spans in imo_spans.items():
        if len(spans) < 2:
            continue
        if len(spans) > cfg.imo_placeholder_mmsis or len(set(imo)) == 1:
            continue  # a placeholder IMO typed into many transponders, not one ship's identity
        items = sorted(spans.items(), key=lambda kv: kv[1][0])
        for n, (ma, (a0, a1)) in enumerate(items):
            for mb, (b0, b1) in items[n + 1 :]:
                if a0 <= b1 and b0 <= a1:
                    lat, lon = _last_position(track, ma, max(a0, b0))
                    events.append(
                        _ev(
                            "imo_on_two_mmsis",
                            tier,
                            max(a0, b0),
                            min(a1, b1),
                            lat,
                            lon,
                            [ma, mb],
                            {"imo": imo, "spans": {str(ma): [a0, a1], str(mb): [b0, b1]}},
                        )
                    )
        for (ma, (_a0, a1)), (mb, (b0, _b1)) in pairwise(items):
            if a1 < b0 and mmsi_flag(ma) != mmsi_flag(mb):
                lat, lon = _last_position(track, mb, b0)
                # the switch happened between the old MMSI's last and the new one's first fix
                old_t = track.t[(track.mmsi == ma) & (track.t <= b0)]
                new_t = track.t[(track.mmsi == mb) & (track.t >= a1)]
                t_off = int(old_t.max()) if old_t.size else a1
                t_on = int(new_t.min()) if new_t.size else b0
                events.append(
                    _ev(
                        "flag_change",
                        tier,
                        t_off,
                        max(t_on, t_off),
                        lat,
                        lon,
                        [ma, mb],
                        {
                            "imo": imo,
                            "old_flag": mmsi_flag(ma),
                            "new_flag": mmsi_flag(mb),
                            "old_mmsi": ma,
                            "new_mmsi": mb,
                        },
                    )
                )
    return events


def position_anomalies(track: Track, tier: str) -> list[Event]:
    """Unallocated MIDs and shared/spoofed MMSIs."""
    events: list[Event] = []
    if len(track) == 0:
        return events
    seg_first = np.searchsorted(track.seg, np.arange(track.seg_mmsi.size))
    for mmsi in np.unique(track.seg_mmsi):
        text = f"{int(mmsi):09d}"
        if len(text) == 9 and text[0] in "234567" and mmsi_flag(int(mmsi)) is None:
            rows = np.flatnonzero(track.seg_mmsi == mmsi)
            start, end = int(track.seg_start[rows].min()), int(track.seg_end[rows].max())
            k = int(seg_first[rows[0]])
            events.append(
                _ev(
                    "mid_unallocated",
                    tier,
                    start,
                    end,
                    float(track.lat[k]),
                    float(track.lon[k]),
                    [int(mmsi)],
                    {"mid": text[:3]},
                )
            )
    for mmsi in np.unique(track.seg_mmsi[track.seg_overlapping]):
        rows = np.flatnonzero((track.seg_mmsi == mmsi) & track.seg_overlapping)
        start = int(np.max(np.minimum.reduce([track.seg_start[rows]]))) if rows.size else 0
        starts, ends = track.seg_start[rows], track.seg_end[rows]
        start = int(np.sort(starts)[1])  # overlap begins when the second segment starts
        end = int(np.sort(ends)[-2])  # and ends when the second-to-last one stops
        firsts = seg_first[rows]
        sep = haversine_km(
            track.lat[firsts][:, None],
            track.lon[firsts][:, None],
            track.lat[firsts][None, :],
            track.lon[firsts][None, :],
        )
        k = int(firsts[0])
        events.append(
            _ev(
                "shared_mmsi",
                tier,
                start,
                max(start, end),
                float(track.lat[k]),
                float(track.lon[k]),
                [int(mmsi)],
                {
                    "overlapping_segments": int(rows.size),
                    "positions": [int(c) for c in track.seg_count[rows]],
                    "max_separation_km_at_first_fix": round(float(sep.max()), 1),
                },
            )
        )
    return events


def swaps(track: Track, history: History, tier: str, cfg: Thresholds = DEFAULT) -> list[Event]:
    """One MMSI goes dark; another with the same dimensions appears within reach."""
    if len(track) == 0:
        return []
    dims: dict[int, tuple[float, float]] = {}
    imos: dict[int, set[str]] = {}
    for row in history:
        if row.get("length") and row.get("width"):
            dims[int(row["mmsi"])] = (float(row["length"]), float(row["width"]))
        if row.get("imo"):
            imos.setdefault(int(row["mmsi"]), set()).add(str(row["imo"]))
    if len(dims) < 2:
        return []
    # edges of the loaded data: nothing "appears" at its start or "vanishes" at its end
    t_lo, t_hi = int(track.t.min()), int(track.t.max())
    dark = cfg.swap_dark_hours * 3600
    # per MMSI: appearances (first fix, or fix after >= dark silence) and disappearances
    order = np.lexsort((track.t, track.mmsi))
    m, t = track.mmsi[order], track.t[order]
    lat, lon = track.lat[order], track.lon[order]
    new_m = np.r_[True, m[1:] != m[:-1]]
    last_m = np.r_[m[1:] != m[:-1], True]
    dt_next = np.r_[np.diff(t).astype(np.float64), np.inf]
    # B appears: its first fix in the data, well after the data starts. A vanishes: silent
    # for the whole swap window afterwards (or to the end of the data, if that is far enough).
    appear = new_m & (t > t_lo + dark)
    vanish = (last_m & (t < t_hi - dark)) | (~last_m & (dt_next >= cfg.swap_max_hours * 3600))
    ap = np.flatnonzero(appear)
    va = np.flatnonzero(vanish)
    big = [k for k, (length, _w) in dims.items() if length >= cfg.swap_min_length_m]
    ap = ap[np.isin(m[ap], big)]
    va = va[np.isin(m[va], big)]
    if ap.size and va.size:  # at sea: both ends away from ports (ours)
        ap = ap[world_ports().nearest(lat[ap], lon[ap])[0] >= cfg.encounter_min_port_distance_km]
        va = va[world_ports().nearest(lat[va], lon[va])[0] >= cfg.encounter_min_port_distance_km]
    if ap.size == 0 or va.size == 0:
        return []
    ap = ap[np.argsort(t[ap])]
    events: list[Event] = []
    claimed: set[int] = set()
    for v in va[np.argsort(t[va])]:
        lo = np.searchsorted(t[ap], t[v], side="left")
        hi = np.searchsorted(t[ap], t[v] + cfg.swap_max_hours * 3600, side="right")
        cand = ap[lo:hi]
        cand = cand[m[cand] != m[v]]
        if cand.size == 0:
            continue
        km = haversine_km(lat[v], lon[v], lat[cand], lon[cand])
        hours = (t[cand] - t[v]) / 3600.0
        la, wa = dims[int(m[v])]
        reach = (km <= cfg.swap_max_knots * KNOT_KMH * np.maximum(hours, 0.1)) & (
            km <= cfg.swap_max_km
        )
        same_dims = np.array(
            [
                abs(dims[int(x)][0] - la) <= cfg.swap_dimension_tolerance_m
                and abs(dims[int(x)][1] - wa) <= cfg.swap_dimension_tolerance_m
                for x in m[cand]
            ]
        )
        # the same IMO on both MMSIs is a reflag (reported as flag_change), not a swap
        other_ship = np.array(
            [not (imos.get(int(x), set()) & imos.get(int(m[v]), set())) for x in m[cand]]
        )
        ok = np.flatnonzero(reach & same_dims & other_ship & ~np.isin(m[cand], list(claimed)))
        # the nearest newcomer in time is the swap partner; each newcomer is claimed once
        for k in ok[np.argsort(hours[ok])][:1]:
            c = int(cand[k])
            claimed.add(int(m[c]))
            events.append(
                _ev(
                    "swap",
                    tier,
                    int(t[v]),
                    int(t[c]),
                    float(lat[c]),
                    float(lon[c]),
                    [int(m[v]), int(m[c])],
                    {
                        "dark_mmsi": int(m[v]),
                        "new_mmsi": int(m[c]),
                        "hours_between": round(float(hours[k]), 2),
                        "distance_km": round(float(km[k]), 2),
                        "length_m": [la, dims[int(m[c])][0]],
                        "width_m": [wa, dims[int(m[c])][1]],
                    },
                )
            )
    return events
