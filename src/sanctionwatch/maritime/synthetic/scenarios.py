"""The scenario catalogue: planted events, near-misses, threshold sweeps, background.

Each scenario function adds ship plans and ground-truth events to a ``Scene``.
Events whose exact times depend on which messages were actually sent (the last
report before a gap, the first report inside a port radius) are resolved after
sampling through ``Scene.resolve``.

The data set spans 2026-03-02 00:00 to 2026-03-06 00:00 UTC, so UTC midnights
(and day partitions) fall inside several events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from sanctionwatch.maritime.synthetic.geo import KNOT_MS, destination, haversine_m
from sanctionwatch.maritime.synthetic.rules import (
    DPRK_PORTS,
    OTHER_PORTS,
    THRESHOLDS,
    TIERS,
    Port,
    encounter_fires,
    gap_fires,
    likely_disabling,
    near_dprk,
    nearest_port,
    reachable_dprk_ports,
)
from sanctionwatch.maritime.synthetic.tracks import PlanBuilder, Reports, VesselPlan
from sanctionwatch.maritime.synthetic.truth import TruthEvent, per_tier
from sanctionwatch.maritime.synthetic.vessels import (
    CARGO,
    FISHING,
    TANKER,
    UNALLOCATED_MIDS,
    Identity,
    IdentityFactory,
)

H = 3600.0
M = 60.0
DAY0 = datetime(2026, 3, 2, tzinfo=UTC).timestamp()
DAYS = 4
APPROACH_KN = 12.0


def at(day: int, hours: float = 0.0) -> float:
    """Unix time of ``day`` (0-based from 2026-03-02) plus ``hours``."""
    return DAY0 + day * 86400.0 + hours * H


def port(name: str) -> Port:
    return next(p for p in DPRK_PORTS + OTHER_PORTS if p.name == name)


Resolver = Callable[[dict[str, Reports]], list[TruthEvent]]


@dataclass
class Scene:
    """Plans and truth of one named scenario."""

    name: str
    ids: IdentityFactory
    rng: np.random.Generator
    plans: list[VesselPlan] = field(default_factory=list)
    events: list[TruthEvent] = field(default_factory=list)
    resolvers: list[Resolver] = field(default_factory=list)

    def add(self, plan: VesselPlan) -> VesselPlan:
        """Add a plan; its key becomes ``scenario/key`` (numbered if already taken)."""
        taken = {p.key for p in self.plans}
        key, n = f"{self.name}/{plan.key}", 1
        while key in taken:
            n += 1
            key = f"{self.name}/{plan.key}_{n}"
        plan.key = key
        self.plans.append(plan)
        return plan


# --------------------------------------------------------------------------- building blocks


def _approach_point(
    lat: float, lon: float, bearing: float, km: float = 25.0
) -> tuple[float, float]:
    la, lo = destination(lat, lon, bearing, km * 1000.0)
    return float(la), float(lo)


def inbound(
    lat: float,
    lon: float,
    *,
    arrive: float,
    from_bearing: float,
    kn: float = APPROACH_KN,
    hours: float = 2.0,
) -> PlanBuilder:
    """A plan that sails in from ``from_bearing`` for ``hours`` and reaches (lat, lon) at ``arrive``."""
    start = _approach_point(lat, lon, from_bearing, kn * KNOT_MS * hours * H / 1000.0)
    return PlanBuilder(arrive - hours * H, *start).arrive(lat, lon, arrive)


def encounter(
    scene: Scene,
    *,
    site: tuple[float, float],
    start: float,
    duration_s: float,
    separation_m: float,
    a: Identity,
    b: Identity,
    drift_kn: float = 0.0,
    drift_bearing: float = 200.0,
    exact: bool = False,
    subtype: str = "sts",
    note: str = "",
    interruptions: tuple[tuple[float, float], ...] = (),
) -> None:
    """Two ships side by side at ``site`` from ``start`` for ``duration_s``.

    Ship B arrives at ``start`` at 12 kn and leaves at the end the same way, so
    the encounter boundaries are sharp (B is > 3 km away one resample step out).
    If ``drift_kn`` is 0, A is anchored from 1.5 h before to 1.5 h after (so the
    hours it arrives and leaves in are clearly fast for loitering);
    otherwise both arrive together and drift in parallel. ``interruptions`` are
    (offset_s, length_s) windows during which B pulls 5 km away and returns.
    """
    lat, lon = site
    end = start + duration_s
    blat, blon = (float(v) for v in destination(lat, lon, 90.0, separation_m))
    if drift_kn == 0.0:
        pa = inbound(lat, lon, arrive=start - 1.5 * H, from_bearing=315.0)
        pa.hold_until(end + 1.5 * H).sail(300.0, APPROACH_KN, 2 * H)
        pb = inbound(blat, blon, arrive=start, from_bearing=135.0)
        for offset, length in interruptions:
            away = _approach_point(blat, blon, 150.0, 5.0)
            pb.hold_until(start + offset).sail_to(*away, APPROACH_KN)
            leg_s = pb.t - (start + offset)
            pb.hold_until(start + offset + length - leg_s).arrive(
                blat, blon, start + offset + length
            )
        pb.hold_until(end).sail(120.0, APPROACH_KN, 2 * H)
    else:
        pa = inbound(lat, lon, arrive=start, from_bearing=315.0)
        pa.drift(drift_bearing, drift_kn, duration_s).sail(300.0, APPROACH_KN, 2 * H)
        pb = inbound(blat, blon, arrive=start, from_bearing=135.0)
        pb.drift(drift_bearing, drift_kn, duration_s).sail(120.0, APPROACH_KN, 2 * H)
    scene.add(pa.build("a", a, exact=exact))
    scene.add(pb.build("b", b, exact=exact))
    near, port_km = nearest_port(lat, lon)
    fires = {
        tier: encounter_fires(
            tier, distance_m=separation_m, duration_s=duration_s, speed_kn=drift_kn, port_km=port_km
        )
        for tier in TIERS
    }
    # Runs closer than the merge window are one event; farther apart, one event per run.
    runs = [(start, end)]
    for offset, length in interruptions:
        if length >= THRESHOLDS.encounter_merge_s:
            last_start, last_end = runs.pop()
            runs += [(last_start, start + offset), (start + offset + length, last_end)]
    for run_start, run_end in runs:
        long_enough = run_end - run_start >= THRESHOLDS.encounter_min_duration_s
        scene.events += per_tier(
            {tier: fires[tier] and long_enough for tier in TIERS},
            type="encounter",
            subtype=subtype,
            mmsis=tuple(sorted((a.mmsi, b.mmsi))),
            start=run_start,
            end=run_end,
            lat=lat,
            lon=lon,
            note=(note + "; " if note else "")
            + f"{separation_m:.0f} m apart for {(run_end - run_start) / H:.2f} h at "
            f"{drift_kn:.1f} kn, {port_km:.1f} km from {near.name}",
            scenario=scene.name,
        )


def _emitted(reports: dict[str, Reports], key: str) -> Reports:
    return reports[key]


def gap(
    scene: Scene,
    *,
    off: tuple[float, float],
    t_off: float,
    duration_s: float,
    identity: Identity,
    heading: float = 60.0,
    speed_kn: float = 10.0,
    exact: bool = False,
    hide: tuple[float, float] | None = None,
    on: tuple[float, float] | None = None,
    key: str = "ship",
    note: str = "",
    infer_port_call: bool = False,
) -> VesselPlan:
    """A ship under way that goes dark at ``off`` for ``duration_s`` and comes back.

    While dark it sails to ``hide`` (default: out and back along its heading) and
    reappears at ``on`` (default: near ``off``). Gap truth is resolved from the
    reports actually sent: the last before and the first after the dark window.
    """
    t_on = t_off + duration_s
    plan = inbound(*off, arrive=t_off, from_bearing=(heading + 180.0) % 360.0, kn=speed_kn)
    if hide is None:
        hide = _approach_point(*off, heading, speed_kn * KNOT_MS * duration_s * 0.45 / 1000)
    if on is None:
        on = _approach_point(*off, (heading + 25.0) % 360, 3.0)
    plan.arrive(*hide, t_off + duration_s / 2).arrive(*on, t_on)
    plan.dark_between(t_off, t_on)
    plan.sail((heading + 25.0) % 360, speed_kn, 2 * H)
    vessel = scene.add(plan.build(key, identity, exact=exact))

    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        return gap_truth(
            scene,
            reports[vessel.key],
            identity,
            t_off,
            t_on,
            note=note,
            infer_port_call=infer_port_call,
        )

    scene.resolvers.append(resolve)
    return vessel


def gap_truth(
    scene: Scene,
    r: Reports,
    identity: Identity,
    t_off: float,
    t_on: float,
    *,
    note: str = "",
    infer_port_call: bool = False,
) -> list[TruthEvent]:
    """Truth for a dark window, from the last report before it to the first after it.

    One record per tier (``gfw``/``dprk``, merged as ``both`` when they agree) plus
    one for the unfiltered ``report`` tier; an inferred DPRK port call when a port
    is reachable (or, with ``infer_port_call``, a must-not-fire one when none is).
    """
    before = np.flatnonzero(r.t <= t_off)[-1]
    after = np.flatnonzero(r.t >= t_on)[0]
    t0, t1 = float(r.t[before]), float(r.t[after])
    p_off = (float(r.lat[before]), float(r.lon[before]))
    p_on = (float(r.lat[after]), float(r.lon[after]))
    v_max = float(np.percentile(r.sog, 95))
    ports = reachable_dprk_ports(off=p_off, on=p_on, duration_s=t1 - t0, v_max_kn=v_max)
    kw: dict[str, Any] = {
        "duration_s": t1 - t0,
        "off": p_off,
        "on": p_on,
        "dprk_flagged": identity.flag == "KP",
        "reachable_ports": ports,
    }
    fires = {tier: gap_fires(tier, **kw) for tier in TIERS}
    reach = ", ".join(p.name for p in ports) or "no DPRK port"
    disabling = likely_disabling(duration_s=t1 - t0, off=p_off)
    near = "near" if near_dprk(*p_off) or near_dprk(*p_on) else "far from"
    common: dict[str, Any] = {
        "type": "gap",
        "subtype": "likely_disabling" if disabling else "dark",
        "mmsis": (identity.mmsi,),
        "start": t0,
        "end": t1,
        "lat": p_off[0],
        "lon": p_off[1],
        "note": note or f"{(t1 - t0) / H:.2f} h dark {near} DPRK waters; reachable: {reach}",
        "scenario": scene.name,
    }
    events = per_tier(fires, **common)
    events.append(TruthEvent(tier="report", should_fire=gap_fires("report", **kw), **common))
    if infer_port_call or ports:
        target = ports[0] if ports else nearest_port(*p_off, DPRK_PORTS)[0]
        events += per_tier(
            {"gfw": False, "dprk": bool(ports) and fires["dprk"]},
            type="port_call",
            subtype="inferred",
            mmsis=(identity.mmsi,),
            start=t0,
            end=t1,
            lat=target.lat,
            lon=target.lon,
            note=f"gap of {(t1 - t0) / H:.1f} h; reachable DPRK ports: {reach}",
            scenario=scene.name,
        )
    return events


def port_visit(
    scene: Scene,
    *,
    target: Port,
    arrive: float,
    stay_s: float,
    identity: Identity,
    from_bearing: float = 250.0,
    berth_offset_m: float = 400.0,
    key: str = "ship",
    note: str = "",
) -> VesselPlan:
    """A ship sailing in from 60 km out, moored ``stay_s`` near ``target``, and out again."""
    berth = _approach_point(target.lat, target.lon, from_bearing, berth_offset_m / 1000.0)
    plan = inbound(*berth, arrive=arrive, from_bearing=from_bearing, kn=10.0, hours=3.0)
    plan.hold(stay_s).sail(from_bearing, 10.0, 3 * H)
    vessel = scene.add(plan.build(key, identity))
    resolve_port_call(scene, vessel, target, identity, note=note)
    return vessel


def resolve_port_call(
    scene: Scene, vessel: VesselPlan, target: Port, identity: Identity, *, note: str = ""
) -> None:
    """Truth for an observed visit: first report within 3 km to first report beyond 4 km."""

    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        r = _emitted(reports, vessel.key)
        d_km = haversine_m(r.lat, r.lon, target.lat, target.lon) / 1000.0
        inside = np.flatnonzero(d_km <= THRESHOLDS.port_entry_km)
        if len(inside) == 0:
            return []
        entry = inside[0]
        beyond = np.flatnonzero((d_km > THRESHOLDS.port_exit_km) & (np.arange(len(r)) > entry))
        exit_ = beyond[0] if len(beyond) else len(r) - 1
        return per_tier(
            {"gfw": True, "dprk": True},
            type="port_call",
            subtype="observed",
            mmsis=(identity.mmsi,),
            start=float(r.t[entry]),
            end=float(r.t[exit_]),
            lat=target.lat,
            lon=target.lon,
            note=note or f"moored at {target.name}",
            scenario=scene.name,
        )

    scene.resolvers.append(resolve)


# --------------------------------------------------------------------------- core scenarios

ECS_STS = (30.55, 124.45)
NAMPO_OFFSHORE = (38.70, 125.10)  # inside DPRK waters, ~26 km west of Nampo
NAMPO_NEAR_PORT = (38.71, 125.32)  # ~7 km from Nampo: GFW's 10 km port filter drops it
KOREA_BAY = (38.3, 124.2)
ECS_GAP = (29.7, 125.4)
NEAR_DPRK = (38.45, 124.6)
KUM_YA_OFF = (37.35, 122.8)  # ~130 km from DPRK waters, off Shandong


def sts_transfers(scene: Scene) -> None:
    """Tanker-to-tanker transfers in the East China Sea and off Nampo."""
    ids = scene.ids
    encounter(
        scene,
        site=ECS_STS,
        start=at(0, 10.2),
        duration_s=6 * H,
        separation_m=80.0,
        a=ids.vessel(352, TANKER),
        b=ids.vessel(667, TANKER),
        drift_kn=0.4,
        note="STS in the East China Sea, drifting together",
    )


def nampo_sts(scene: Scene) -> None:
    ids = scene.ids
    encounter(
        scene,
        site=NAMPO_OFFSHORE,
        start=at(0, 13.0),
        duration_s=6 * H,
        separation_m=60.0,
        a=ids.vessel(445, TANKER, destination="NAMPO"),
        b=ids.vessel(671, TANKER),
        note="STS inside DPRK waters off Nampo, 26 km from port",
    )


def nampo_sts_near_port(scene: Scene) -> None:
    ids = scene.ids
    encounter(
        scene,
        site=NAMPO_NEAR_PORT,
        start=at(1, 4.5),
        duration_s=5 * H,
        separation_m=70.0,
        a=ids.vessel(445, TANKER),
        b=ids.vessel(616, TANKER),
        note="STS 7 km from Nampo: GFW's port filter drops it, the DPRK tier keeps it",
    )


def midnight_sts(scene: Scene) -> None:
    ids = scene.ids
    encounter(
        scene,
        site=(31.2, 124.9),
        start=at(1, 22.3),
        duration_s=4.4 * H,
        separation_m=90.0,
        a=ids.vessel(538, TANKER),
        b=ids.vessel(457, TANKER),
        drift_kn=0.3,
        note="STS across UTC midnight (GFW loses short ones)",
    )


def one_sided_sts(scene: Scene) -> None:
    """A loiters in Korea Bay while B (DPRK) is dark alongside: only the DPRK tier sees it."""
    ids = scene.ids
    a, b = ids.vessel(671, TANKER), ids.vessel(445, TANKER)
    lat, lon = KOREA_BAY
    t0, t1 = at(2, 10.0), at(2, 15.0)
    pa = inbound(lat, lon, arrive=t0, from_bearing=240.0, hours=3.0)
    pa.drift(10.0, 0.5, t1 - t0).sail(240.0, APPROACH_KN, 3 * H)
    scene.add(pa.build("loiterer", a))
    b_off = _approach_point(lat, lon, 80.0, 25.0)
    b_on = _approach_point(lat, lon, 60.0, 30.0)
    alongside = _approach_point(lat, lon, 90.0, 0.06)
    pb = inbound(*b_off, arrive=at(2, 7.83), from_bearing=80.0, kn=10.0)
    pb.arrive(*alongside, t0 - 0.2 * H).hold_until(t1 - 0.3 * H).arrive(*b_on, at(2, 17.17))
    pb.dark_between(at(2, 7.83), at(2, 17.17)).sail(60.0, 10.0, 3 * H)
    vb = scene.add(pb.build("dark", b))
    scene.events += per_tier(
        {"gfw": False, "dprk": True},
        type="encounter",
        subtype="one_sided",
        mmsis=tuple(sorted((a.mmsi, b.mmsi))),
        start=t0,
        end=t1,
        lat=lat,
        lon=lon,
        note="A loiters 5 h while DPRK tanker B is dark, B's off/on points 25-30 km away",
        scenario=scene.name,
    )
    # B's own gap, resolved from its reports.
    _gap_only(scene, vb, b, at(2, 7.83), at(2, 17.17))


def _gap_only(
    scene: Scene, vessel: VesselPlan, identity: Identity, t_off: float, t_on: float
) -> None:
    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        return gap_truth(scene, reports[vessel.key], identity, t_off, t_on)

    scene.resolvers.append(resolve)


def dark_gaps(scene: Scene) -> None:
    """Gaps offshore and near the DPRK, long and short, one across midnight."""
    ids = scene.ids
    gap(
        scene,
        off=ECS_GAP,
        t_off=at(0, 6.0),
        duration_s=13 * H,
        identity=ids.vessel(352, CARGO),
        key="offshore_13h",
    )
    gap(
        scene,
        off=(29.9, 124.9),
        t_off=at(1, 3.0),
        duration_s=11 * H,
        identity=ids.vessel(636, CARGO),
        key="offshore_11h",
    )
    gap(
        scene,
        off=NEAR_DPRK,
        t_off=at(1, 12.0),
        duration_s=7 * H,
        identity=ids.vessel(412, TANKER),
        key="near_dprk_7h",
        heading=200.0,
    )
    gap(
        scene,
        off=(38.6, 124.5),
        t_off=at(2, 1.0),
        duration_s=5.75 * H,
        identity=ids.vessel(413, TANKER),
        key="near_dprk_5h45",
        heading=20.0,
    )
    gap(
        scene,
        off=(38.5, 124.9),
        t_off=at(2, 20.0),
        duration_s=4.5 * H,
        identity=ids.vessel(445, CARGO),
        key="dprk_flag_4h30",
        heading=250.0,
    )
    gap(
        scene,
        off=(30.2, 125.2),
        t_off=at(2, 9.0),
        duration_s=3 * H,
        identity=ids.vessel(477, CARGO),
        key="short_3h",
    )
    gap(
        scene,
        off=(38.35, 124.75),
        t_off=at(3, 5.0),
        duration_s=3.5 * H,
        identity=ids.vessel(412, CARGO),
        key="near_dprk_3h30",
        heading=160.0,
    )
    gap(
        scene,
        off=(30.0, 124.6),
        t_off=at(1, 20.0),
        duration_s=14 * H,
        identity=ids.vessel(538, TANKER),
        key="midnight_14h",
        heading=100.0,
    )


def kum_ya(scene: Scene) -> None:
    """Off Shandong, ~130 km from DPRK waters, dark 40 h: a round trip to Nampo fits the gap."""
    ids = scene.ids
    tanker = ids.vessel(511, TANKER, destination="LONGKOU")
    # Not DPRK-flagged and far from the DPRK coast: only reachability makes it a DPRK gap.
    gap(
        scene,
        off=KUM_YA_OFF,
        t_off=at(1, 14.0),
        duration_s=40 * H,
        identity=tanker,
        heading=75.0,
        hide=(port("Nampo").lat, port("Nampo").lon - 0.05),
        on=_approach_point(*KUM_YA_OFF, 200.0, 4.0),
        key="round_trip",
        infer_port_call=True,
    )
    short = ids.vessel(352, TANKER)
    gap(
        scene,
        off=(37.3, 122.85),
        t_off=at(3, 2.0),
        duration_s=14 * H,
        identity=short,
        heading=75.0,
        key="too_short_for_nampo",
        infer_port_call=True,
    )


def port_calls(scene: Scene) -> None:
    """Observed calls at Nampo, Songnim (across midnight), Wonsan, Chongjin; a pass-by at Haeju."""
    ids = scene.ids
    port_visit(
        scene,
        target=port("Nampo"),
        arrive=at(1, 6.0),
        stay_s=20 * H,
        identity=ids.vessel(671, TANKER, destination="NAMPO"),
        key="nampo",
    )
    port_visit(
        scene,
        target=port("Songnim"),
        arrive=at(2, 21.0),
        stay_s=6.5 * H,
        identity=ids.vessel(445, CARGO),
        key="songnim_midnight",
        from_bearing=235.0,
    )
    port_visit(
        scene,
        target=port("Wonsan"),
        arrive=at(0, 9.0),
        stay_s=10 * H,
        identity=ids.vessel(445, CARGO),
        key="wonsan",
        from_bearing=100.0,
    )
    port_visit(
        scene,
        target=port("Chongjin"),
        arrive=at(3, 3.0),
        stay_s=8 * H,
        identity=ids.vessel(273, CARGO),
        key="chongjin",
        from_bearing=140.0,
    )
    haeju = port("Haeju")
    start = _approach_point(haeju.lat, haeju.lon, 250.0, 40.0)
    end = _approach_point(haeju.lat, haeju.lon, 160.0, 40.0)
    pass_by = _approach_point(haeju.lat, haeju.lon, 205.0, 6.0)
    plan = PlanBuilder(at(2, 3.0), *start).sail_to(*pass_by, 9.0)
    closest = plan.t
    plan.sail_to(*end, 9.0)
    vessel = ids.vessel(445, CARGO)
    scene.add(plan.build("haeju_pass_by", vessel))
    scene.events += per_tier(
        {"gfw": False, "dprk": False},
        type="port_call",
        subtype="observed",
        mmsis=(vessel.mmsi,),
        start=closest - 1800,
        end=closest + 1800,
        lat=haeju.lat,
        lon=haeju.lon,
        note="passes 6 km from Haeju without entering 3 km",
        scenario=scene.name,
    )


def identity_swap(scene: Scene) -> None:
    """A goes dark; 4 h later B with the same dimensions appears 15 km away."""
    ids = scene.ids
    a = ids.vessel(616, TANKER)
    b = a.but(mmsi=ids.mmsi(457), imo=ids.imo(), name=ids.name(), callsign=ids.callsign(457))
    site = (31.8, 124.2)
    pa = inbound(*site, arrive=at(1, 6.0), from_bearing=250.0, kn=11.0, hours=4.0)
    scene.add(pa.build("old", a))
    appear = _approach_point(*site, 30.0, 15.0)
    pb = PlanBuilder(at(1, 10.0), *appear).sail(30.0, 10.0, 5 * H)
    scene.add(pb.build("new", b))

    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        ra, rb = reports[f"{scene.name}/old"], reports[f"{scene.name}/new"]
        return per_tier(
            {"gfw": True, "dprk": True},
            type="identity",
            subtype="swap",
            mmsis=tuple(sorted((a.mmsi, b.mmsi))),
            start=float(ra.t[-1]),
            end=float(rb.t[0]),
            lat=site[0],
            lon=site[1],
            note=f"A dark; 4 h later B (same {a.length} x {a.width} m) appears 15 km away",
            scenario=scene.name,
        )

    scene.resolvers.append(resolve)
    # Near-miss: the newcomer's dimensions differ, so it is not a swap.
    c = ids.vessel(352, TANKER)
    d = ids.vessel(457, TANKER)
    site2 = (32.2, 125.3)
    pc = inbound(*site2, arrive=at(2, 6.0), from_bearing=250.0, kn=11.0, hours=4.0)
    scene.add(pc.build("old_other", c))
    pd = PlanBuilder(at(2, 10.0), *_approach_point(*site2, 30.0, 15.0)).sail(30.0, 10.0, 5 * H)
    scene.add(pd.build("new_other", d))
    scene.events += per_tier(
        {"gfw": False, "dprk": False},
        type="identity",
        subtype="swap",
        mmsis=tuple(sorted((c.mmsi, d.mmsi))),
        start=at(2, 6.0),
        end=at(2, 10.0),
        lat=site2[0],
        lon=site2[1],
        note=f"dimensions differ ({c.length}x{c.width} vs {d.length}x{d.width}): not a swap",
        scenario=scene.name,
    )


def shared_identifiers(scene: Scene) -> None:
    """Two ships on one MMSI 600 km apart; two MMSIs broadcasting one IMO."""
    ids = scene.ids
    one = ids.vessel(412, CARGO)
    other = ids.vessel(412, CARGO).but(mmsi=one.mmsi)
    p1 = PlanBuilder(at(0, 4.0), 30.3, 123.6).sail(20.0, 11.0, 8 * H)
    p2 = PlanBuilder(at(0, 5.0), 34.9, 129.2).sail(230.0, 12.0, 8 * H)
    v1 = scene.add(p1.build("mmsi_one", one))
    v2 = scene.add(p2.build("mmsi_two", other))
    _overlap_event(scene, v1, v2, "shared_mmsi", (one.mmsi,), "one MMSI, two ships ~600 km apart")
    imo = ids.imo()
    x = ids.vessel(667, TANKER).but(imo=imo)
    y = ids.vessel(574, TANKER).but(imo=imo)
    p3 = PlanBuilder(at(2, 14.0), 33.0, 123.0).sail(10.0, 11.0, 9 * H)
    p4 = PlanBuilder(at(2, 16.0), 36.5, 124.0).sail(180.0, 10.0, 9 * H)
    v3 = scene.add(p3.build("imo_one", x))
    v4 = scene.add(p4.build("imo_two", y))
    _overlap_event(
        scene,
        v3,
        v4,
        "imo_on_two_mmsis",
        tuple(sorted((x.mmsi, y.mmsi))),
        f"IMO {imo} on two MMSIs at once",
    )


def _overlap_event(
    scene: Scene, v1: VesselPlan, v2: VesselPlan, subtype: str, mmsis: tuple[int, ...], note: str
) -> None:
    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        r1, r2 = reports[v1.key], reports[v2.key]
        start, end = float(max(r1.t[0], r2.t[0])), float(min(r1.t[-1], r2.t[-1]))
        return per_tier(
            {"gfw": True, "dprk": True},
            type="identity",
            subtype=subtype,
            mmsis=mmsis,
            start=start,
            end=end,
            lat=float(r1.lat[0]),
            lon=float(r1.lon[0]),
            note=note,
            scenario=scene.name,
        )

    scene.resolvers.append(resolve)


def identity_changes(scene: Scene) -> None:
    """Invalid IMO check digit, unallocated MID, renames, call-sign change and reflagging."""
    ids = scene.ids
    bad_imo = ids.vessel(667, TANKER, imo_valid=False)
    bad_mid = ids.vessel(352, CARGO).but(mmsi=UNALLOCATED_MIDS[0] * 1_000_000 + 123_456)
    for key, identity, lat, lon, t0, subtype, note in (
        (
            "bad_imo",
            bad_imo,
            33.4,
            124.0,
            at(0, 15.0),
            "invalid_imo",
            f"IMO {bad_imo.imo} fails the check digit",
        ),
        (
            "bad_mid",
            bad_mid,
            34.2,
            123.2,
            at(1, 16.0),
            "mid_unallocated",
            f"MMSI {bad_mid.mmsi}: MID {UNALLOCATED_MIDS[0]} is not allocated",
        ),
    ):
        plan = scene.add(PlanBuilder(t0, lat, lon).sail(45.0, 11.0, 6 * H).build(key, identity))
        _static_event(scene, plan, identity, subtype, note)
    ship = ids.vessel(352, TANKER)
    renamed = ship.but(name=ids.name())
    recalled = renamed.but(callsign=ids.callsign(352))
    # Reflagged at sea: new MMSI (new MID), same IMO, name and call sign.
    reflagged = recalled.but(mmsi=ids.mmsi(667))
    timeline = [
        (at(2, 4.0), ship),
        (at(2, 7.0), renamed),
        (at(2, 10.0), recalled),
        (at(2, 13.0), reflagged),
    ]
    voyage = PlanBuilder(at(2, 4.0), 33.8, 125.0).sail(200.0, 9.0, 6 * H).sail(260.0, 9.0, 6 * H)
    scene.add(voyage.build("changes", timeline))


def _static_event(
    scene: Scene, vessel: VesselPlan, identity: Identity, subtype: str, note: str
) -> None:
    def resolve(reports: dict[str, Reports]) -> list[TruthEvent]:
        r = reports[vessel.key]
        return per_tier(
            {"gfw": True, "dprk": True},
            type="identity",
            subtype=subtype,
            mmsis=(identity.mmsi,),
            start=float(r.t[0]),
            end=float(r.t[-1]),
            lat=float(r.lat[0]),
            lon=float(r.lon[0]),
            note=note,
            scenario=scene.name,
        )

    scene.resolvers.append(resolve)


def near_misses(scene: Scene) -> None:
    """Close but not encounters: 600 m for 3 h, 400 m for 1 h 30, fast passing."""
    ids = scene.ids
    encounter(
        scene,
        site=(35.3, 123.4),
        start=at(0, 16.0),
        duration_s=3 * H,
        separation_m=600.0,
        a=ids.vessel(412, TANKER),
        b=ids.vessel(413, TANKER),
        note="600 m apart for 3 h: too far",
    )
    encounter(
        scene,
        site=(35.6, 123.9),
        start=at(1, 8.0),
        duration_s=1.5 * H,
        separation_m=400.0,
        a=ids.vessel(440, CARGO),
        b=ids.vessel(441, CARGO),
        note="400 m apart for 1 h 30: too short",
    )
    # Fast passing: opposite courses, closest approach ~100 m.
    mid = (35.0, 124.0)
    a = ids.vessel(431, CARGO)
    b = ids.vessel(477, CARGO)
    t = at(2, 12.0)
    pa = inbound(*mid, arrive=t, from_bearing=0.0).sail(180.0, 12.0, 2 * H)
    bmid = _approach_point(*mid, 90.0, 0.1)
    pb = inbound(*bmid, arrive=t, from_bearing=180.0).sail(0.0, 12.0, 2 * H)
    scene.add(pa.build("pass_a", a))
    scene.add(pb.build("pass_b", b))
    scene.events += per_tier(
        {"gfw": False, "dprk": False},
        type="encounter",
        subtype="passing",
        mmsis=tuple(sorted((a.mmsi, b.mmsi))),
        start=t - 300,
        end=t + 300,
        lat=mid[0],
        lon=mid[1],
        note="passing at 12 kn each, 100 m apart at closest",
        scenario=scene.name,
    )


def midnight_loiter(scene: Scene) -> None:
    """A tanker drifting 22:00-03:00 UTC far offshore (loitering across midnight)."""
    ids = scene.ids
    site = (29.9, 125.5)
    plan = inbound(*site, arrive=at(2, 22.0), from_bearing=300.0, hours=3.0)
    plan.drift(135.0, 0.6, 5 * H).sail(120.0, 12.0, 3 * H)
    scene.add(plan.build("tanker", ids.vessel(352, TANKER)))


CORE: dict[str, Callable[[Scene], None]] = {
    "sts_ecs": sts_transfers,
    "sts_nampo": nampo_sts,
    "sts_nampo_near_port": nampo_sts_near_port,
    "sts_midnight": midnight_sts,
    "sts_one_sided": one_sided_sts,
    "gaps": dark_gaps,
    "gap_kum_ya": kum_ya,
    "port_calls": port_calls,
    "identity_swap": identity_swap,
    "identity_shared": shared_identifiers,
    "identity_changes": identity_changes,
    "near_misses": near_misses,
    "loiter_midnight": midnight_loiter,
}


# --------------------------------------------------------------------------- threshold sweeps


def _ecs_site(i: int) -> tuple[float, float]:
    """Well-separated open-sea sites (> 60 nm from shore, > 10 km from ports)."""
    return 29.55 + 0.3 * (i // 5), 124.3 + 0.33 * (i % 5)


def _yellow_site(i: int) -> tuple[float, float]:
    return 34.9 + 0.3 * (i // 4), 123.1 + 0.33 * (i % 4)


def sweep_encounter_distance(scene: Scene) -> None:
    for k, sep in enumerate((450.0, 499.0, 550.0)):
        encounter(
            scene,
            site=_ecs_site(k),
            start=at(k, 4.0),
            duration_s=3 * H,
            separation_m=sep,
            a=scene.ids.vessel(352, TANKER),
            b=scene.ids.vessel(667, TANKER),
            exact=True,
            note=f"distance sweep: {sep:.0f} m for 3 h"
            + (
                " (the 500 m threshold, 1 m inside to survive encoding resolution)"
                if sep == 499.0
                else ""
            ),
        )


def sweep_encounter_duration(scene: Scene) -> None:
    for k, minutes in enumerate((110, 120, 130)):
        encounter(
            scene,
            site=_ecs_site(5 + k),
            start=at(k, 14.0),
            duration_s=minutes * M,
            separation_m=300.0,
            a=scene.ids.vessel(538, TANKER),
            b=scene.ids.vessel(671, TANKER),
            exact=True,
            note=f"duration sweep: 300 m for {minutes // 60} h {minutes % 60:02d}",
        )


def sweep_encounter_speed(scene: Scene) -> None:
    for k, kn in enumerate((1.9, 2.1)):
        encounter(
            scene,
            site=_ecs_site(10 + k),
            start=at(k + 1, 8.0),
            duration_s=3 * H,
            separation_m=100.0,
            drift_kn=kn,
            a=scene.ids.vessel(636, TANKER),
            b=scene.ids.vessel(616, TANKER),
            exact=True,
            note=f"speed sweep: drifting together at {kn} kn for 3 h",
        )


def sweep_encounter_merge(scene: Scene) -> None:
    for k, pause_h in enumerate((3.0, 5.0)):
        encounter(
            scene,
            site=_yellow_site(k),
            start=at(k + 1, 2.0),
            duration_s=(5.0 + pause_h) * H,
            separation_m=120.0,
            a=scene.ids.vessel(412, TANKER),
            b=scene.ids.vessel(445, TANKER),
            exact=True,
            interruptions=((2.5 * H, pause_h * H),),
            note=f"merge sweep: two 2.5 h runs {pause_h:.0f} h apart",
        )


def sweep_gaps(scene: Scene) -> None:
    """Gap durations either side of 6 h (report, DPRK near DPRK), 12 h (GFW) and 4 h (DPRK-flagged)."""
    ids = scene.ids

    def label(minutes: int) -> str:
        return f"{minutes // 60} h {minutes % 60:02d}"

    for k, minutes in enumerate((350, 360, 370)):
        gap(
            scene,
            off=_ecs_site(12 + k),
            t_off=at(k, 2.0),
            duration_s=minutes * M,
            identity=ids.vessel(352, CARGO),
            exact=True,
            key=f"offshore_{minutes}m",
            note=f"gap sweep (6 h, report tier): {label(minutes)} far offshore",
        )
    for k, minutes in enumerate((710, 720, 730)):
        gap(
            scene,
            off=_ecs_site(15 + k),
            t_off=at(k + 1, 1.0),
            duration_s=minutes * M,
            identity=ids.vessel(636, CARGO),
            exact=True,
            key=f"disabling_{minutes}m",
            note=f"gap sweep (12 h, GFW likely disabling): {label(minutes)} far offshore",
        )
    for k, minutes in enumerate((350, 360, 370)):
        site = (38.45 + 0.1 * k, 124.7 + 0.05 * k)
        gap(
            scene,
            off=site,
            t_off=at(k + 1, 15.0),
            duration_s=minutes * M,
            identity=ids.vessel(413, TANKER),
            exact=True,
            key=f"near_dprk_{minutes}m",
            heading=200.0,
            note=f"gap sweep (DPRK tier 6 h): {label(minutes)} near DPRK waters",
        )
    for k, minutes in enumerate((230, 240, 250)):
        site = (38.55 + 0.1 * k, 124.75 - 0.08 * k)
        gap(
            scene,
            off=site,
            t_off=at(k, 7.0),
            duration_s=minutes * M,
            identity=ids.vessel(445, CARGO),
            exact=True,
            key=f"dprk_flag_{minutes}m",
            heading=230.0,
            note=f"gap sweep (DPRK tier 4 h, DPRK-flagged): {label(minutes)} near DPRK waters",
        )


def sweep_loitering(scene: Scene) -> None:
    """Drifts filling whole UTC hours: 1.9 vs 2.1 kn for 6 h; 0.5 kn for 1, 3 and 5 h.

    Each ship arrives at 12 kn 20 minutes before the hour and leaves 20 minutes
    after the last one, so the hours around the drift average well above 2 kn
    and the expected loiter is exactly the planted whole hours.
    """
    for k, (kn, hours) in enumerate(((1.9, 6), (2.1, 6), (0.5, 1), (0.5, 3), (0.5, 5))):
        site = _yellow_site(4 + k)
        t0 = at(k % 4, 6.0 + k)
        plan = inbound(*site, arrive=t0 - 20 * M, from_bearing=270.0, hours=3.0)
        plan.drift(45.0, kn, hours * H + 40 * M).sail(90.0, 12.0, 3 * H)
        scene.add(plan.build(f"drift_{kn}kn_{hours}h", scene.ids.vessel(352, TANKER), exact=True))


def sweep_port_radius(scene: Scene) -> None:
    """Anchored 2.8 km from Nampo (a call) vs 3.3 km (never inside 3 km)."""
    nampo = port("Nampo")
    for k, km in enumerate((2.8, 3.3)):
        ident = scene.ids.vessel(445, TANKER)
        out = _approach_point(nampo.lat, nampo.lon, 250.0, 50.0)
        anchor = _approach_point(nampo.lat, nampo.lon, 250.0 + 20 * k, km)
        plan = (
            PlanBuilder(at(k + 2, 0.0), *out).sail_to(*anchor, 10.0).hold(6 * H).sail_to(*out, 10.0)
        )
        vessel = scene.add(plan.build(f"anchored_{km}km", ident, exact=True))
        if km <= THRESHOLDS.port_entry_km:
            resolve_port_call(scene, vessel, nampo, ident, note=f"anchored {km} km from Nampo")
        else:
            scene.events += per_tier(
                {"gfw": False, "dprk": False},
                type="port_call",
                subtype="observed",
                mmsis=(ident.mmsi,),
                start=at(k + 2, 3.0),
                end=at(k + 2, 9.0),
                lat=nampo.lat,
                lon=nampo.lon,
                note=f"anchored {km} km from Nampo: outside the 3 km entry radius",
                scenario=scene.name,
            )


SWEEPS: dict[str, Callable[[Scene], None]] = {
    "sweep_encounter_distance": sweep_encounter_distance,
    "sweep_encounter_duration": sweep_encounter_duration,
    "sweep_encounter_speed": sweep_encounter_speed,
    "sweep_encounter_merge": sweep_encounter_merge,
    "sweep_gaps": sweep_gaps,
    "sweep_loitering": sweep_loitering,
    "sweep_port_radius": sweep_port_radius,
}


# --------------------------------------------------------------------------- background

_ROUTES: tuple[tuple[str, tuple[tuple[float, float], ...], str], ...] = (
    ("Zhoushan", ((31.0, 123.5), (33.5, 127.0)), "Busan"),
    ("Ningbo", ((31.0, 123.5), (35.0, 125.0)), "Incheon"),
    ("Qingdao", ((36.3, 122.5),), "Incheon"),
    ("Qingdao", ((35.5, 123.0), (34.2, 127.5)), "Busan"),
    ("Lianyungang", ((35.0, 122.0),), "Pyeongtaek"),
    ("Rizhao", ((36.0, 123.0),), "Incheon"),
    ("Dalian", ((38.0, 123.5),), "Incheon"),
    ("Yantai", ((37.7, 123.0),), "Incheon"),
    ("Tianjin", ((38.7, 119.5),), "Dalian"),
    ("Zhoushan", ((32.8, 122.8), (35.5, 121.5)), "Qingdao"),
    ("Busan", ((35.8, 130.0), (40.0, 131.5)), "Vladivostok"),
    ("Dandong", ((39.0, 123.5),), "Dalian"),
)


def background(scene: Scene, n_transits: int = 36, n_moored: int = 8) -> None:
    """Honest traffic: transits between Chinese, Korean and Russian ports, ships in port."""
    ids, rng = scene.ids, scene.rng
    mids = (412, 413, 440, 441, 352, 538, 636, 477, 431)
    for i in range(n_transits):
        origin, via, dest = _ROUTES[int(rng.integers(len(_ROUTES)))]
        if rng.random() < 0.5:
            origin, via, dest = dest, tuple(reversed(via)), origin
        speed = float(rng.uniform(9.0, 16.0))
        depart = at(0, float(rng.uniform(0.0, DAYS * 24 - 30)))
        o, d = port(origin), port(dest)
        # Lanes are offset a little per ship so ships on one route are not abreast.
        lane = float(rng.uniform(-8e3, 8e3))
        pts = [(o.lat, o.lon), *via, (d.lat, d.lon)]
        plan = PlanBuilder(depart, *_approach_point(o.lat, o.lon, 90.0, 2.0))
        for k, (la, lo) in enumerate(pts[1:]):
            if 0 < k + 1 < len(pts) - 1:
                la, lo = (float(v) for v in destination(la, lo, 0.0, lane))
            elif k + 1 == len(pts) - 1:
                la, lo = _approach_point(la, lo, float(rng.uniform(0, 360)), 2.5)
            plan.sail_to(la, lo, speed)
        kind = CARGO if rng.random() < 0.7 else TANKER
        mid = mids[int(rng.integers(len(mids)))]
        scene.add(plan.build(f"transit_{i}", ids.vessel(mid, kind, destination=dest.upper()[:20])))
    for i in range(n_moored):
        home = OTHER_PORTS[i % len(OTHER_PORTS)]
        # Berths 0.8-1.5 km from the port point, one ship per port: never two abreast.
        berth = _approach_point(home.lat, home.lon, 45.0 * i + 10.0, 0.8 + 0.1 * i)
        t0 = at(int(rng.integers(0, DAYS - 1)), float(rng.uniform(0, 12)))
        plan = PlanBuilder(t0, *berth).hold(float(rng.uniform(18, 30)) * H)
        kind = FISHING if i % 4 == 3 else CARGO
        scene.add(plan.build(f"moored_{i}", ids.vessel(412, kind)))
