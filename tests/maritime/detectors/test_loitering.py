"""Loitering: GFW's hourly rule, pinned at 2 kn and 2 h, continuous across midnight."""

from __future__ import annotations

import pytest

from sanctionwatch.maritime.detectors.loitering import detect_loitering, slow_periods
from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import epoch, line, table

H = 3600
FAR = (30.5, 125.5)  # > 20 nm from any shore


def drift(knots: float, start: int, hours: float, mmsi: int = 412000001):
    fast_before = line(mmsi, start - 3 * H, start - 60, FAR[0] - 0.3, FAR[1], knots=10, course=0)
    slow = line(mmsi, start, start + round(hours * H), FAR[0], FAR[1], knots=knots, course=0)
    fast_after = line(
        mmsi,
        start + round(hours * H) + 60,
        start + round(hours * H) + 3 * H,
        FAR[0] + 0.002,
        FAR[1] + 0.05,
        knots=10,
        course=90,
    )
    return table(fast_before, slow, fast_after)


@pytest.mark.parametrize(("knots", "fires"), [(1.9, True), (2.1, False)])
def test_slow_threshold_is_2_kn(knots: float, fires: bool) -> None:
    events = detect_loitering(segment(drift(knots, epoch("2026-03-02T08:00:00"), 5)), "gfw")
    assert bool(events) is fires


@pytest.mark.parametrize(("hours", "fires"), [(1, False), (2, True), (3, True)])
def test_minimum_is_two_slow_hours(hours: int, fires: bool) -> None:
    start = epoch("2026-03-02T08:00:00")
    events = detect_loitering(segment(drift(0.5, start, hours)), "gfw")
    assert bool(events) is fires
    if fires:
        assert events[0].start == start and events[0].end == start + hours * H


def test_loitering_across_midnight_is_one_event() -> None:
    start = epoch("2026-03-02T21:00:00")
    (event,) = detect_loitering(segment(drift(0.3, start, 6)), "gfw")
    assert (event.start, event.end) == (start, start + 6 * H)


def test_dprk_tier_needs_4_h_and_a_cargo_or_tanker() -> None:
    start = epoch("2026-03-02T08:00:00")
    track = segment(drift(0.3, start, 3.0))
    assert detect_loitering(track, "dprk") == []  # 3 h < 4 h
    track = segment(drift(0.3, start, 5.0))
    assert len(detect_loitering(track, "dprk", ship_types={412000001: 80})) == 1
    assert detect_loitering(track, "dprk", ship_types={412000001: 30}) == []  # fishing


def test_an_hour_skipped_by_a_gap_breaks_the_run() -> None:
    start = epoch("2026-03-02T08:00:00")
    slow = line(412000001, start, start + 2 * H, *FAR, knots=0.2)
    later = line(412000001, start + 5 * H, start + 8 * H, *FAR, knots=0.2)
    periods = slow_periods(segment(table(slow, later)))
    assert [(p["start"] - start) // H for p in periods] == [0, 5]
