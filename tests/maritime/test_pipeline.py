"""No event is lost or split at UTC midnight or at a day-partition boundary.

The same planted events are detected three ways: on the whole range at once, day by
day with carry-over and stitching, and on a single day that holds only part of each
event. Every way must give the same events with the same start and end.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from sanctionwatch.maritime.events import stitch
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.pipeline import detect_by_day, detect_range, detect_table
from sanctionwatch.maritime.synthetic.writers import MARINECADASTRE_COLUMNS
from tests.maritime.conftest import ECS, cut, epoch, line, offset, table

H = 3600
DAY1 = epoch("2026-03-02T00:00:00")
MIDNIGHT = DAY1 + 24 * H


def write_noaa(path: Path, *tracks: dict[str, np.ndarray]) -> None:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MARINECADASTRE_COLUMNS)
        for tr in tracks:
            for m, t, la, lo, s in zip(
                tr["mmsi"], tr["t"], tr["lat"], tr["lon"], tr["sog"], strict=True
            ):
                when = datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%S")
                w.writerow(
                    [
                        m,
                        when,
                        f"{la:.6f}",
                        f"{lo:.6f}",
                        f"{s:.1f}",
                        "0",
                        "511",
                        f"SHIP {m}",
                        "",
                        "",
                        "80",
                        "0",
                        "100",
                        "16",
                        "",
                        "",
                        "A",
                    ]
                )


def planted() -> list[dict[str, np.ndarray]]:
    """An STS 22:30-01:30, loitering 21:00-03:00 and a 10 h gap, all across midnight."""
    a = line(412000001, MIDNIGHT - 4 * H, MIDNIGHT + 4 * H, *ECS, step_s=120)
    b = line(
        413000002,
        MIDNIGHT - int(1.5 * H),
        MIDNIGHT + int(1.5 * H),
        *offset(*ECS, 0, 250),
        step_s=120,
    )
    b_far_before = line(
        413000002,
        MIDNIGHT - 4 * H,
        MIDNIGHT - int(1.5 * H) - 600,
        ECS[0] + 0.3,
        ECS[1],
        knots=9,
        step_s=120,
    )
    b_far_after = line(
        413000002,
        MIDNIGHT + int(1.5 * H) + 600,
        MIDNIGHT + 4 * H,
        ECS[0] - 0.3,
        ECS[1],
        knots=9,
        step_s=120,
    )
    c = cut(
        line(414000003, MIDNIGHT - 20 * H, MIDNIGHT + 20 * H, 31.0, 124.0, knots=0.4, step_s=300),
        MIDNIGHT - 5 * H + 1,
        MIDNIGHT + 5 * H,
    )
    return [a, b, b_far_before, b_far_after, c]


def signature(events) -> list[tuple[str, str, str, tuple[int, ...], int, int]]:
    return sorted((e.type, e.kind, e.tier, e.mmsis, e.start, e.end) for e in events)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> AisStore:
    root = tmp_path_factory.mktemp("ais")
    src = root / "planted.csv"
    write_noaa(src, *planted())
    s = AisStore(root / "store")
    report = s.ingest(src)
    assert report.days == ["2026-03-02", "2026-03-03"]
    return s


def test_events_cross_midnight_whole(store: AisStore) -> None:
    events = detect_range(store, DAY1 - 24 * H, DAY1 + 72 * H)
    sig = signature(events)
    assert (
        "encounter",
        "two_sided",
        "gfw",
        (412000001, 413000002),
        MIDNIGHT - int(1.5 * H),
        MIDNIGHT + int(1.5 * H),
    ) in sig
    assert ("gap", "dark", "report", (414000003,), MIDNIGHT - 5 * H, MIDNIGHT + 5 * H) not in sig
    loiter = [
        e for e in events if e.type == "loitering" and e.tier == "gfw" and e.mmsis == (412000001,)
    ]
    assert [(e.start, e.end) for e in loiter] == [(MIDNIGHT - 4 * H, MIDNIGHT + 4 * H)]


def test_day_by_day_equals_whole_range(store: AisStore) -> None:
    whole = detect_range(store, DAY1 - 24 * H, DAY1 + 72 * H, tiers=("gfw", "dprk", "report"))
    by_day = detect_by_day(store, DAY1 - 24 * H, DAY1 + 72 * H, tiers=("gfw", "dprk", "report"))
    assert signature(by_day) == signature(whole)
    gaps = [e for e in by_day if e.type == "gap" and e.tier == "report"]
    assert [(e.start, e.end) for e in gaps] == [(MIDNIGHT - 5 * H, MIDNIGHT + 5 * H)]


def test_one_day_query_keeps_events_that_started_the_day_before(store: AisStore) -> None:
    day2 = detect_range(store, MIDNIGHT, MIDNIGHT + 24 * H)
    enc = [e for e in day2 if e.type == "encounter" and e.tier == "gfw"]
    assert [(e.start, e.end) for e in enc] == [(MIDNIGHT - int(1.5 * H), MIDNIGHT + int(1.5 * H))]


def test_stitch_joins_pieces_cut_by_a_short_carry_over() -> None:
    from dataclasses import replace

    from sanctionwatch.maritime.config import DEFAULT

    tiny = replace(DEFAULT, carry_over_hours=1.0)
    tracks = planted()
    tab = table(*tracks)
    pieces = []
    for day in (DAY1, MIDNIGHT):
        lo, hi = day - 1 * H, day + 25 * H
        keep = (tab.column("t").to_numpy() >= lo) & (tab.column("t").to_numpy() < hi)
        pieces += detect_table(
            tab.filter(keep), tiers=("gfw",), cfg=tiny, window=(day, day + 24 * H)
        )
    loiter = [e for e in stitch(pieces) if e.type == "loitering" and e.mmsis == (412000001,)]
    assert [(e.start, e.end) for e in loiter] == [(MIDNIGHT - 4 * H, MIDNIGHT + 4 * H)]


def test_dask_client_gives_the_same_events(store: AisStore) -> None:
    from dask.distributed import Client

    with Client(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as client:
        on_dask = detect_by_day(store, DAY1, DAY1 + 48 * H, client=client)
    assert signature(on_dask) == signature(detect_by_day(store, DAY1, DAY1 + 48 * H))
