"""Run every detector over a time range, continuously across UTC midnight.

``detect_table`` is the pure core: positions (any order) + static history → events.
``detect_range`` reads [start - carry-over, end + carry-over) from the store so events
near the edges are seen whole, and keeps those that intersect [start, end).
``detect_by_day`` runs ``detect_range`` day by day (in-process or on a Dask cluster)
and stitches events seen by neighbouring days, so nothing is lost or split at a
partition boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from sanctionwatch.maritime.config import DEFAULT, TIERS, Thresholds
from sanctionwatch.maritime.detectors.encounters import detect_encounters, one_sided_transfers
from sanctionwatch.maritime.detectors.gaps import detect_gaps
from sanctionwatch.maritime.detectors.identity import position_anomalies, static_anomalies, swaps
from sanctionwatch.maritime.detectors.loitering import detect_loitering, slow_periods
from sanctionwatch.maritime.detectors.port_calls import detect_port_calls
from sanctionwatch.maritime.events import Event, stitch
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.segments import segment

DAY = 86400
Bbox = tuple[float, float, float, float]


def detect_table(
    table: pa.Table,
    history: Sequence[dict[str, Any]] = (),
    tiers: Sequence[str] = TIERS,
    cfg: Thresholds = DEFAULT,
    window: tuple[int, int] | None = None,
    dprk_linked: Collection[int] = (),
) -> list[Event]:
    """All events of the given tiers from positions and static history (pure)."""
    track = segment(table, cfg)
    ship_types = {int(r["mmsi"]): r.get("ship_type") for r in history}
    linked = set(dprk_linked) | {
        int(m) for m in set(track.seg_mmsi.tolist()) if str(m).startswith("445")
    }
    events: list[Event] = []
    periods = slow_periods(track, cfg, min(cfg.loiter_min_hours, cfg.loiter_dprk_min_hours))
    if "report" in tiers:
        events += detect_gaps(track, "report", cfg, linked)
    for tier in (t for t in tiers if t != "report"):
        encounters = detect_encounters(track, tier, cfg)
        gaps = detect_gaps(track, tier, cfg, linked)
        loitering = detect_loitering(track, tier, cfg, ship_types, periods)
        events += encounters + gaps + loitering
        events += detect_port_calls(track, tier, cfg)
        if tier == "dprk":
            raw_loiter = detect_loitering(track, "raw", cfg, ship_types, periods)
            dark = detect_gaps(track, "report", cfg, linked)
            events += one_sided_transfers(raw_loiter, dark, cfg)
        events += static_anomalies(history, track, tier, cfg)
        events += position_anomalies(track, tier)
        events += swaps(track, history, tier, cfg)
    if window is not None:
        lo, hi = window
        events = [e for e in events if e.end >= lo and e.start < hi]
    return sorted(events, key=lambda e: (e.start, e.type, e.mmsis))


def detect_range(
    store: AisStore,
    start: int,
    end: int,
    bbox: Bbox | None = None,
    tiers: Sequence[str] = TIERS,
    cfg: Thresholds = DEFAULT,
) -> list[Event]:
    """Events intersecting [start, end), computed with a carry-over margin on both sides."""
    pad = int(cfg.carry_over_hours * 3600)
    table = store.positions(start - pad, end + pad, bbox)
    return detect_table(table, store.static_history(), tiers, cfg, (start, end))


def _day_job(
    root: str, day_start: int, bbox: Bbox | None, tiers: Sequence[str], cfg: Thresholds
) -> list[dict[str, Any]]:
    events = detect_range(AisStore(Path(root)), day_start, day_start + DAY, bbox, tiers, cfg)
    return [e.to_json() for e in events]


def detect_by_day(
    store: AisStore,
    start: int,
    end: int,
    bbox: Bbox | None = None,
    tiers: Sequence[str] = TIERS,
    cfg: Thresholds = DEFAULT,
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Event]:
    """``detect_range`` one UTC day at a time (optionally on a Dask client), stitched."""
    days = list(range(start - start % DAY, end, DAY))
    if client is not None:
        futures = client.map(
            _day_job,
            [str(store.root)] * len(days),
            days,
            bbox=bbox,
            tiers=tuple(tiers),
            cfg=cfg,
            pure=False,
        )
        results = client.gather(futures)
    else:
        results = []
        for n, day in enumerate(days):
            results.append(_day_job(str(store.root), day, bbox, tuple(tiers), cfg))
            if progress:
                progress(n + 1, len(days))
    events = [Event.from_json(e) for day_events in results for e in day_events]
    return [e for e in stitch(events) if e.end >= start and e.start < end]
