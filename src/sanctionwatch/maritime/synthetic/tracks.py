"""Planned voyages and the AIS reports a Class A transponder would send along them.

A plan is a list of keyframes (time, lat, lon) joined by great-circle legs at
constant speed, plus the identities the ship announces and the windows in which
it is dark. ``sample`` turns a plan into reports: one position a minute under
way (Class A reports every 2-10 s, thinned to ~1/min as GFW publishes it), one
every 3 minutes at anchor or moored, a type 5 static report every 6 minutes,
with timing jitter, slowly varying GPS error and occasional dropped messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sanctionwatch.maritime.synthetic.geo import (
    KNOT_MS,
    FloatArray,
    bearing_deg,
    destination,
    haversine_m,
    interpolate,
    offset_m,
)
from sanctionwatch.maritime.synthetic.rules import ALL_PORTS
from sanctionwatch.maritime.synthetic.vessels import Identity

IntArray = npt.NDArray[np.int64]

UNDER_WAY_INTERVAL_S = 60
ANCHORED_INTERVAL_S = 180
STATIC_INTERVAL_S = 360
STATIONARY_KN = 0.2
MOORED_PORT_KM = 4.0

# AIS navigational status codes.
UNDER_WAY = 0
AT_ANCHOR = 1
MOORED = 5


@dataclass
class VesselPlan:
    """One ship's planted voyage."""

    key: str
    times: FloatArray
    lats: FloatArray
    lons: FloatArray
    identities: list[tuple[float, Identity]]
    dark: list[tuple[float, float]] = field(default_factory=list)
    jitter_m: float = 6.0
    drop_rate: float = 0.01
    # Threshold sweeps report exactly on the minute with no noise, so that the
    # boundary the scenario tests is the only thing that varies.
    exact: bool = False

    @property
    def start(self) -> float:
        return float(self.times[0])

    @property
    def end(self) -> float:
        return float(self.times[-1])

    def identity_at(self, t: float) -> Identity:
        current = self.identities[0][1]
        for since, identity in self.identities:
            if since <= t:
                current = identity
        return current

    def identity_index(self, t: npt.NDArray[np.float64]) -> IntArray:
        starts = np.array([since for since, _ in self.identities])
        return np.asarray(np.clip(np.searchsorted(starts, t, side="right") - 1, 0, None))

    def position(self, t: npt.ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Planned lat, lon, speed (kn) and course at times ``t`` (clipped to the plan)."""
        tt = np.clip(np.asarray(t, dtype=np.float64), self.start, self.end)
        seg = np.clip(np.searchsorted(self.times, tt, side="right") - 1, 0, len(self.times) - 2)
        t0, t1 = self.times[seg], self.times[seg + 1]
        frac = (tt - t0) / (t1 - t0)
        la0, lo0, la1, lo1 = self.lats[seg], self.lons[seg], self.lats[seg + 1], self.lons[seg + 1]
        lat, lon = interpolate(la0, lo0, la1, lo1, frac)
        leg_m = haversine_m(la0, lo0, la1, lo1)
        speed = leg_m / (t1 - t0) / KNOT_MS
        course = bearing_deg(la0, lo0, la1, lo1)
        return lat, lon, np.asarray(speed), course

    def is_dark(self, t: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
        dark = np.zeros(t.shape, dtype=bool)
        for d0, d1 in self.dark:
            dark |= (t > d0) & (t < d1)
        return dark


class PlanBuilder:
    """Writes a plan leg by leg: ``PlanBuilder(t, lat, lon).sail_to(...).hold(...)``."""

    def __init__(self, t: float, lat: float, lon: float) -> None:
        self._t = [float(t)]
        self._lat = [float(lat)]
        self._lon = [float(lon)]
        self._dark: list[tuple[float, float]] = []

    @property
    def t(self) -> float:
        return self._t[-1]

    @property
    def here(self) -> tuple[float, float]:
        return self._lat[-1], self._lon[-1]

    def _add(self, t: float, lat: float, lon: float) -> PlanBuilder:
        if t <= self._t[-1]:
            raise ValueError(f"plan keyframe at {t} is not after {self._t[-1]}")
        self._t.append(float(t))
        self._lat.append(float(lat))
        self._lon.append(float(lon))
        return self

    def sail_to(self, lat: float, lon: float, speed_kn: float) -> PlanBuilder:
        """Great-circle leg to (lat, lon) at a constant speed."""
        dist = float(haversine_m(self._lat[-1], self._lon[-1], lat, lon))
        return self._add(self.t + max(dist / (speed_kn * KNOT_MS), 1.0), lat, lon)

    def arrive(self, lat: float, lon: float, at: float) -> PlanBuilder:
        """Great-circle leg timed to reach (lat, lon) exactly at ``at``."""
        return self._add(at, lat, lon)

    def sail(self, bearing: float, speed_kn: float, duration_s: float) -> PlanBuilder:
        lat, lon = destination(
            self._lat[-1], self._lon[-1], bearing, speed_kn * KNOT_MS * duration_s
        )
        return self._add(self.t + duration_s, float(lat), float(lon))

    def hold(self, duration_s: float) -> PlanBuilder:
        """Stay put (anchored, moored or alongside)."""
        return self._add(self.t + duration_s, *self.here)

    def hold_until(self, t: float) -> PlanBuilder:
        return self._add(t, *self.here)

    def drift(self, bearing: float, speed_kn: float, duration_s: float) -> PlanBuilder:
        """Drift slowly in a straight line (loitering, STS under way)."""
        return self.sail(bearing, speed_kn, duration_s)

    def go_dark(self, until: float) -> PlanBuilder:
        """No reports from now until ``until``; the ship keeps to the plan meanwhile."""
        self._dark.append((self.t, until))
        return self

    def dark_between(self, t0: float, t1: float) -> PlanBuilder:
        self._dark.append((t0, t1))
        return self

    def build(
        self,
        key: str,
        identity: Identity | list[tuple[float, Identity]],
        *,
        exact: bool = False,
        jitter_m: float = 6.0,
        drop_rate: float = 0.01,
    ) -> VesselPlan:
        identities = identity if isinstance(identity, list) else [(self._t[0], identity)]
        return VesselPlan(
            key=key,
            times=np.array(self._t),
            lats=np.array(self._lat),
            lons=np.array(self._lon),
            identities=identities,
            dark=list(self._dark),
            exact=exact,
            jitter_m=0.0 if exact else jitter_m,
            drop_rate=0.0 if exact else drop_rate,
        )


@dataclass
class Reports:
    """Position reports of one or more ships, one row per message (struct of arrays)."""

    vessel: IntArray  # index into the dataset's plans
    identity: IntArray  # index into that plan's identities
    t: IntArray  # unix seconds
    lat: FloatArray
    lon: FloatArray
    sog: FloatArray
    cog: FloatArray
    heading: IntArray
    status: IntArray
    msg_type: IntArray

    def __len__(self) -> int:
        return len(self.t)

    def take(self, index: npt.NDArray[np.int64] | npt.NDArray[np.bool_]) -> Reports:
        return Reports(**{name: getattr(self, name)[index] for name in _REPORT_FIELDS})

    @staticmethod
    def concat(parts: list[Reports]) -> Reports:
        return Reports(
            **{name: np.concatenate([getattr(p, name) for p in parts]) for name in _REPORT_FIELDS}
        )


_REPORT_FIELDS = (
    "vessel",
    "identity",
    "t",
    "lat",
    "lon",
    "sog",
    "cog",
    "heading",
    "status",
    "msg_type",
)


@dataclass
class StaticReports:
    """Type 5 static and voyage reports (struct of arrays)."""

    vessel: IntArray
    identity: IntArray
    t: IntArray

    def __len__(self) -> int:
        return len(self.t)


def _near_port(lat: FloatArray, lon: FloatArray) -> npt.NDArray[np.bool_]:
    near = np.zeros(lat.shape, dtype=bool)
    for port in ALL_PORTS:
        near |= haversine_m(lat, lon, port.lat, port.lon) <= MOORED_PORT_KM * 1000
    return near


def _report_times(plan: VesselPlan, rng: np.random.Generator, interval: int) -> IntArray:
    """Candidate send times: an integer-second grid with a per-ship phase."""
    first = int(np.ceil(plan.start))
    if not plan.exact:
        first += int(rng.integers(0, interval))
    times = np.arange(first, int(np.floor(plan.end)) + 1, interval, dtype=np.int64)
    if not plan.exact and len(times) > 2:
        # Slot timing wanders a few seconds around the nominal interval.
        wobble = rng.integers(-3, 4, len(times))
        wobble[0] = wobble[-1] = 0
        times = np.sort(times + wobble)
    return times


def _gps_error(
    plan: VesselPlan, t: FloatArray, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """Slowly varying GPS error (metres north, east): real error is correlated over minutes."""
    north = np.zeros(t.shape)
    east = np.zeros(t.shape)
    if plan.jitter_m <= 0:
        return north, east
    for period in rng.uniform(600.0, 2400.0, 3):
        amp = plan.jitter_m / np.sqrt(1.5)
        north += amp * np.sin(2 * np.pi * t / period + rng.uniform(0, 2 * np.pi))
        east += amp * np.sin(2 * np.pi * t / period + rng.uniform(0, 2 * np.pi))
    return north, east


def sample(
    plan: VesselPlan, vessel_index: int, rng: np.random.Generator
) -> tuple[Reports, StaticReports]:
    """The position and static reports a ship on ``plan`` sends."""
    minute = _report_times(plan, rng, UNDER_WAY_INTERVAL_S)
    _, _, speed, _ = plan.position(minute)
    stationary = speed < STATIONARY_KN
    # At anchor or moored a Class A ship reports every 3 minutes instead of every few seconds.
    index = np.arange(len(minute))
    keep = ~stationary | (index % (ANCHORED_INTERVAL_S // UNDER_WAY_INTERVAL_S) == 0)
    # A ship coming to rest keeps one report at the moment it stops and one as it leaves.
    change = np.flatnonzero(np.diff(stationary.astype(np.int8)) != 0)
    keep[change] = keep[np.clip(change + 1, 0, len(keep) - 1)] = True
    keep[0] = keep[-1] = True
    t = minute[keep]
    t = t[~plan.is_dark(t.astype(np.float64))]
    if plan.drop_rate > 0 and len(t) > 2:
        dropped = rng.random(len(t)) < plan.drop_rate
        dropped[0] = dropped[-1] = False
        t = t[~dropped]
    tf = t.astype(np.float64)
    lat, lon, speed, course = plan.position(tf)
    north, east = _gps_error(plan, tf, rng)
    lat, lon = offset_m(lat, lon, north, east)

    moving = speed >= STATIONARY_KN
    n = len(t)
    noise = 0.0 if plan.exact else 0.1
    sog = np.asarray(
        np.round(np.clip(speed + rng.normal(0.0, noise, n) * moving, 0.0, None), 1),
        dtype=np.float64,
    )
    sog[~moving] = 0.0
    # A ship at rest swings at anchor: its course over ground is noise, its heading drifts.
    rest_heading = float(rng.uniform(0, 360))
    cog = np.where(moving, course, (rest_heading + rng.normal(0, 40, n)) % 360)
    cog = np.asarray(np.round(cog, 1) % 360, dtype=np.float64)
    heading = np.where(
        moving, np.round(course + rng.normal(0, 1.5, n) * (not plan.exact)), rest_heading
    )
    heading = heading.astype(np.int64) % 360
    status = np.where(moving, UNDER_WAY, np.where(_near_port(lat, lon), MOORED, AT_ANCHOR))
    # Types 1 and 2 are SOTDMA reports, type 3 ITDMA (common at anchor and on assigned slots).
    msg_type = np.where(moving, np.where(rng.random(n) < 0.05, 2, 1), 3)

    static_t = _report_times(plan, rng, STATIC_INTERVAL_S)
    static_t = static_t[~plan.is_dark(static_t.astype(np.float64))]
    reports = Reports(
        vessel=np.full(n, vessel_index, dtype=np.int64),
        identity=plan.identity_index(tf),
        t=t.astype(np.int64),
        lat=lat,
        lon=lon,
        sog=sog,
        cog=cog,
        heading=heading,
        status=status.astype(np.int64),
        msg_type=msg_type.astype(np.int64),
    )
    statics = StaticReports(
        vessel=np.full(len(static_t), vessel_index, dtype=np.int64),
        identity=plan.identity_index(static_t.astype(np.float64)),
        t=static_t.astype(np.int64),
    )
    return reports, statics
