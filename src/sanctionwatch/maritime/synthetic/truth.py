"""Ground-truth events: what was planted, and whether each tier should fire on it.

Written as JSON: ``[{"type", "subtype", "mmsis", "start", "end", "lat", "lon",
"tier", "should_fire", "note", "scenario", "id"}]``. ``tier`` is ``gfw``,
``dprk`` or ``both``; ``should_fire`` holds for the tier(s) named. Where the two
tiers disagree, an event is written twice, once per tier.
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
TruthTier = Literal["gfw", "dprk", "both"]

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
) -> list[TruthEvent]:
    """One event for ``both`` tiers when they agree, else one per tier."""
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
    if fires["gfw"] == fires["dprk"]:
        return [TruthEvent(tier="both", should_fire=fires["gfw"], **common)]
    return [TruthEvent(tier=tier, should_fire=fires[tier], **common) for tier in TIERS]


def derive_loitering(plan: VesselPlan, scenario: str) -> list[TruthEvent]:
    """Loitering implied by a plan, by GFW's hourly rule on the noise-free track.

    Every slow ship loiters (STS partners, ships at anchor or in port), so these
    events are derived for every plan rather than planted one by one. The plan is
    sampled once a minute and at every UTC hour boundary, outside dark windows;
    an hour is slow if the distance sailed within it over the time seen in it is
    below 2 kn; consecutive slow hours form one event, from the first to the last
    sample in them. Each run is then judged per tier (``rules.loitering_fires``).
    Hour-aligned drifts therefore start and end on the hour; an STS that starts
    at 10:12 loiters from 11:00, as an hourly detector sees it.
    """
    lo, hi = np.ceil(plan.start), np.floor(plan.end)
    grid = np.arange(lo, hi + 1, 60.0)
    hours_edges = np.arange(np.ceil(lo / 3600) * 3600, hi + 1, 3600.0)
    t = np.unique(np.concatenate([grid, hours_edges]))
    t = t[~plan.is_dark(t)]
    if len(t) < 3:
        return []
    lat, lon, _, _ = plan.position(t)
    step_m = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    step_s = np.diff(t)
    # Steps that jump a dark window carry no speed information.
    visible = step_s <= 180.0
    hour = ((t[:-1] + t[1:]) / 2 // 3600).astype(np.int64)
    hours, inverse = np.unique(hour[visible], return_inverse=True)
    dist = np.bincount(inverse, weights=step_m[visible])
    dur = np.bincount(inverse, weights=step_s[visible])
    slow = dist / dur / KNOT_MS < THRESHOLDS.loiter_max_speed_kn
    events: list[TruthEvent] = []
    i = 0
    while i < len(hours):
        if not slow[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hours) and slow[j + 1] and hours[j + 1] == hours[j] + 1:
            j += 1
        in_run = visible & (hour >= hours[i]) & (hour <= hours[j])
        steps = np.flatnonzero(in_run)
        start, end = float(t[steps[0]]), float(t[steps[-1] + 1])
        points = np.unique(np.concatenate([steps, steps + 1]))
        mlat, mlon = float(lat[points].mean()), float(lon[points].mean())
        identity = plan.identity_at(start)
        fires = {
            tier: loitering_fires(
                tier, duration_s=end - start, lat=mlat, lon=mlon, ship_type=identity.ship_type
            )
            for tier in TIERS
        }
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
