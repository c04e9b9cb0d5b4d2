"""Ground-truth events: what was planted, and whether each tier should fire on it.

Written as JSON: ``[{"type", "subtype", "mmsis", "start", "end", "lat", "lon",
"tier", "should_fire", "note", "scenario", "id", "ambiguous"}]``. ``tier`` is
``gfw``, ``dprk`` or ``both`` (and ``report`` for GFW's unfiltered gap table);
``should_fire`` holds for the tier(s) named. Where the two tiers disagree, an
event is written twice, once per tier.

``ambiguous`` marks an expectation that sits on a threshold by accident rather
than by design (a loitering run of exactly 4 h, as hourly buckets make them):
whether a detector fires there depends on a second, so the harness scores neither
a fire nor a silence on it. Threshold sweeps are planted exactly and never ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import numpy as np

from sanctionwatch.maritime.synthetic.geo import KNOT_MS, haversine_m
from sanctionwatch.maritime.synthetic.rules import (
    THRESHOLDS,
    TIERS,
    Tier,
    loitering_fires,
)
from sanctionwatch.maritime.synthetic.tracks import VesselPlan

EventType = Literal["encounter", "gap", "loitering", "port_call", "identity"]
TruthTier = Literal["gfw", "dprk", "both", "report"]

# Identity anomalies that are properties of an identity, not moments: the
# harness matches them on vessel alone.
STATIC_IDENTITY_SUBTYPES = frozenset({"invalid_imo", "mid_unallocated"})


def iso(t: float) -> str:
    return datetime.fromtimestamp(round(t), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class TruthEvent:
    type: EventType
    subtype: str
    mmsis: tuple[int, ...]
    start: float
    end: float
    lat: float
    lon: float
    tier: TruthTier
    should_fire: bool
    note: str
    scenario: str
    ambiguous: bool = False

    def to_json(self, index: int) -> dict[str, Any]:
        return {
            "id": f"{self.scenario}#{index}",
            "scenario": self.scenario,
            "type": self.type,
            "subtype": self.subtype,
            "mmsis": list(self.mmsis),
            "start": iso(self.start),
            "end": iso(self.end),
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "tier": self.tier,
            "should_fire": self.should_fire,
            "note": self.note,
            "ambiguous": self.ambiguous,
        }


def per_tier(
    fires: dict[Tier, bool],
    *,
    type: EventType,
    subtype: str,
    mmsis: tuple[int, ...],
    start: float,
    end: float,
    lat: float,
    lon: float,
    note: str,
    scenario: str,
    ambiguous: dict[Tier, bool] | None = None,
) -> list[TruthEvent]:
    """One event for ``both`` tiers when they agree, else one per tier."""
    unsure = ambiguous or {"gfw": False, "dprk": False}
    common: dict[str, Any] = {
        "type": type,
        "subtype": subtype,
        "mmsis": mmsis,
        "start": start,
        "end": end,
        "lat": lat,
        "lon": lon,
        "note": note,
        "scenario": scenario,
    }
    if fires["gfw"] == fires["dprk"] and unsure["gfw"] == unsure["dprk"]:
        return [
            TruthEvent(tier="both", should_fire=fires["gfw"], ambiguous=unsure["gfw"], **common)
        ]
    return [
        TruthEvent(tier=tier, should_fire=fires[tier], ambiguous=unsure[tier], **common)
        for tier in TIERS
    ]


def derive_loitering(plan: VesselPlan, scenario: str) -> list[TruthEvent]:
    """Loitering implied by a plan, by GFW's hourly rule on the noise-free track.

    Every slow ship loiters (STS partners, ships at anchor or in port), so these
    events are derived for every plan rather than planted one by one. The plan is
    sampled once a minute outside dark windows. As in GFW's pipe-loitering, each
    interval between consecutive samples counts in the UTC hour where it ends; an
    hour is slow if its distance over its time is below 2 kn; consecutive slow
    hours form one event, from the last sample before the first slow hour to the
    last sample of the last slow hour. An interval that spans a dark window is
    not movement anyone saw, so it counts nowhere: a gap is not loitering.
    Each run is then judged per tier (``rules.loitering_fires``); a run within
    5 minutes of a tier's duration threshold is marked ambiguous for that tier,
    and a run whose neighbouring hour averages within 0.25 kn of 2 kn for both.
    """
    t = np.arange(np.ceil(plan.start), np.floor(plan.end) + 1, 60.0)
    t = t[~plan.is_dark(t)]
    if len(t) < 3:
        return []
    lat, lon, _, _ = plan.position(t)
    step_m = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    step_s = np.diff(t)
    visible = step_s <= 180.0
    hour = (t[1:] // 3600).astype(np.int64)
    hours, inverse = np.unique(hour[visible], return_inverse=True)
    dist = np.bincount(inverse, weights=step_m[visible])
    dur = np.bincount(inverse, weights=step_s[visible])
    slow = dist / dur / KNOT_MS < THRESHOLDS.loiter_max_speed_kn
    thresholds: dict[Tier, float] = {
        "gfw": THRESHOLDS.loiter_gfw_min_duration_s,
        "dprk": THRESHOLDS.loiter_dprk_min_duration_s,
    }
    events: list[TruthEvent] = []
    i = 0
    while i < len(hours):
        if not slow[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hours) and slow[j + 1] and hours[j + 1] == hours[j] + 1:
            j += 1
        steps = np.flatnonzero(visible & (hour >= hours[i]) & (hour <= hours[j]))
        first, last = int(steps[0]), int(steps[-1]) + 1
        start, end = float(t[first]), float(t[last])
        mlat, mlon = float(lat[first : last + 1].mean()), float(lon[first : last + 1].mean())
        identity = plan.identity_at(start)
        fires = {
            tier: loitering_fires(
                tier, duration_s=end - start, lat=mlat, lon=mlon, ship_type=identity.ship_type
            )
            for tier in TIERS
        }
        ambiguous = {tier: abs(end - start - thresholds[tier]) <= 300 for tier in TIERS}
        # An hour next to the run averaging within 0.25 kn of the threshold could go
        # either way on real messages, moving the start or end by an hour.
        edges = [n for n in (i - 1, j + 1) if 0 <= n < len(hours)]
        edge_kn = [dist[n] / dur[n] / KNOT_MS for n in edges]
        if any(abs(v - THRESHOLDS.loiter_max_speed_kn) < 0.25 for v in edge_kn):
            ambiguous = {tier: True for tier in TIERS}
        if end - start >= 3600:
            events += per_tier(
                fires,
                type="loitering",
                subtype="slow_hours",
                mmsis=(identity.mmsi,),
                start=start,
                end=end,
                lat=mlat,
                lon=mlon,
                note=f"{(end - start) / 3600:.2f} h of hourly mean speed < 2 kn (derived from plan)",
                scenario=scenario,
                ambiguous=ambiguous,
            )
        i = j + 1
    return events


def derive_identity_changes(plan: VesselPlan, scenario: str) -> list[TruthEvent]:
    """Name, call sign and flag (MMSI) changes in a plan's identity timeline."""
    events: list[TruthEvent] = []
    for (_, before), (since, after) in zip(plan.identities, plan.identities[1:], strict=False):
        lat, lon, _, _ = plan.position(since)
        changes: list[tuple[str, str]] = []
        if before.mmsi != after.mmsi:
            changes.append(("flag_change", f"MMSI {before.mmsi} -> {after.mmsi} (same IMO)"))
        if before.name != after.name:
            changes.append(("name_change", f"name {before.name!r} -> {after.name!r}"))
        if before.callsign != after.callsign:
            changes.append(("callsign_change", f"call sign {before.callsign} -> {after.callsign}"))
        for subtype, note in changes:
            mmsis = tuple(sorted({before.mmsi, after.mmsi}))
            events.append(
                TruthEvent(
                    type="identity",
                    subtype=subtype,
                    mmsis=mmsis,
                    start=since,
                    end=since,
                    lat=float(lat),
                    lon=float(lon),
                    tier="both",
                    should_fire=True,
                    note=note,
                    scenario=scenario,
                )
            )
    return events
