"""Assemble scenarios into one seeded data set: plans, sent reports, ground truth."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from sanctionwatch.errors import ConfigError
from sanctionwatch.maritime.synthetic.geo import haversine_m
from sanctionwatch.maritime.synthetic.scenarios import CORE, SWEEPS, Scene, background
from sanctionwatch.maritime.synthetic.tracks import Reports, StaticReports, VesselPlan, sample
from sanctionwatch.maritime.synthetic.truth import (
    TruthEvent,
    derive_identity_changes,
    derive_loitering,
)
from sanctionwatch.maritime.synthetic.vessels import IdentityFactory

SCENARIO_SETS = ("all", "core", "sweep")


@dataclass
class Dataset:
    """Everything one generator run produced."""

    seed: int
    plans: list[VesselPlan]
    scenario_of: list[str]
    reports: Reports  # sorted by time
    statics: StaticReports  # sorted by time
    truth: list[TruthEvent]

    def reports_of(self, key: str) -> Reports:
        index = next(i for i, plan in enumerate(self.plans) if plan.key == key)
        return self.reports.take(np.flatnonzero(self.reports.vessel == index))


def scenario_names(which: str | Iterable[str]) -> list[str]:
    """Scenario names for a set name (``all``, ``core``, ``sweep``) or an explicit list."""
    if isinstance(which, str):
        if which == "all":
            return [*CORE, *SWEEPS, "background"]
        if which == "core":
            return [*CORE, "background"]
        if which == "sweep":
            return list(SWEEPS)
        which = [which]
    names = list(which)
    known = {*CORE, *SWEEPS, "background"}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(
            f"unknown scenario(s): {', '.join(unknown)}",
            hint=f"use one of {', '.join(SCENARIO_SETS)} or of: {', '.join(sorted(known))}",
        )
    return names


def build(seed: int, scenarios: str | Iterable[str] = "all") -> Dataset:
    """Plan the named scenarios, send their reports and write down the truth.

    The same seed and scenario list give the same data set, byte for byte once written.
    """
    rng = np.random.default_rng(seed)
    ids = IdentityFactory(rng)
    scenes: list[Scene] = []
    for name in scenario_names(scenarios):
        # Each scenario draws from its own stream so adding one does not reshuffle another.
        scene_rng = np.random.default_rng([seed, _stable_hash(name)])
        scene = Scene(name=name, ids=ids, rng=scene_rng)
        builder: Callable[[Scene], None] = {**CORE, **SWEEPS, "background": background}[name]
        builder(scene)
        scenes.append(scene)

    plans = [plan for scene in scenes for plan in scene.plans]
    scenario_of = [scene.name for scene in scenes for _ in scene.plans]
    parts: list[Reports] = []
    static_parts: list[StaticReports] = []
    by_key: dict[str, Reports] = {}
    for index, plan in enumerate(plans):
        vessel_rng = np.random.default_rng([seed, _stable_hash(plan.key)])
        reports, statics = sample(plan, index, vessel_rng)
        parts.append(reports)
        static_parts.append(statics)
        by_key[plan.key] = reports

    truth: list[TruthEvent] = []
    for scene in scenes:
        truth += scene.events
        for resolve in scene.resolvers:
            truth += resolve(by_key)
    for plan, scenario in zip(plans, scenario_of, strict=True):
        truth += derive_loitering(plan, scenario)
        truth += derive_identity_changes(plan, scenario)
    truth.sort(key=lambda e: (e.start, e.type, e.mmsis))

    all_reports = Reports.concat(parts)
    order = np.lexsort((all_reports.vessel, all_reports.t))
    statics = StaticReports(
        vessel=np.concatenate([s.vessel for s in static_parts]),
        identity=np.concatenate([s.identity for s in static_parts]),
        t=np.concatenate([s.t for s in static_parts]),
    )
    static_order = np.lexsort((statics.vessel, statics.t))
    return Dataset(
        seed=seed,
        plans=plans,
        scenario_of=scenario_of,
        reports=all_reports.take(order),
        statics=StaticReports(
            vessel=statics.vessel[static_order],
            identity=statics.identity[static_order],
            t=statics.t[static_order],
        ),
        truth=truth,
    )


def _stable_hash(text: str) -> int:
    # Python's hash() is salted per process; seeds must not be.
    value = 2166136261
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) % 2**32
    return value


def close_approaches(
    dataset: Dataset, *, within_m: float = 1000.0, min_steps: int = 6, step_s: int = 600
) -> list[tuple[str, str, float, float]]:
    """Pairs of ships (by plan key) visibly within ``within_m`` for ``min_steps`` resample steps.

    Used to prove the background and the scenario layout plant no encounter that
    the truth file does not know about.
    """
    t0 = int(dataset.reports.t.min()) // step_s * step_s
    t1 = int(dataset.reports.t.max())
    grid = np.arange(t0, t1 + 1, step_s, dtype=np.float64)
    n = len(dataset.plans)
    lat = np.full((n, len(grid)), np.nan)
    lon = np.full((n, len(grid)), np.nan)
    for i in range(n):
        r = dataset.reports.take(np.flatnonzero(dataset.reports.vessel == i))
        if len(r) < 2:
            continue
        # Only where the ship is visible: within 1 h of a report on both sides.
        inside = (grid >= r.t[0]) & (grid <= r.t[-1])
        nxt = np.searchsorted(r.t, grid[inside])
        prev_gap = grid[inside] - r.t[np.clip(nxt - 1, 0, None)]
        next_gap = r.t[np.clip(nxt, 0, len(r) - 1)] - grid[inside]
        ok = (prev_gap <= 3600) & (next_gap <= 3600)
        cols = np.flatnonzero(inside)[ok]
        lat[i, cols] = np.interp(grid[cols], r.t, r.lat)
        lon[i, cols] = np.interp(grid[cols], r.t, r.lon)
    found = []
    for i in range(n):
        d = haversine_m(lat[i][None, :], lon[i][None, :], lat[i + 1 :], lon[i + 1 :])
        close = np.nan_to_num(d, nan=np.inf) <= within_m
        for j in np.flatnonzero(close.sum(axis=1) >= min_steps):
            k = i + 1 + int(j)
            steps = np.flatnonzero(close[j])
            found.append(
                (dataset.plans[i].key, dataset.plans[k].key, grid[steps[0]], grid[steps[-1]])
            )
    return found
