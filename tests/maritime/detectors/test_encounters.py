"""Encounter thresholds pinned by boundary sweeps (distance, duration, speed, merge, port)."""

from __future__ import annotations

import pytest

from sanctionwatch.maritime.detectors.encounters import detect_encounters, one_sided_transfers
from sanctionwatch.maritime.detectors.gaps import detect_gaps
from sanctionwatch.maritime.detectors.loitering import detect_loitering
from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import ECS, epoch, line, offset, table

T0 = epoch("2026-03-02T10:00:00")
H = 3600


def pair(
    distance_m: float,
    hours: float,
    knots: float = 0.0,
    lat: float = ECS[0],
    lon: float = ECS[1],
    t0: int = T0,
):
    """Two vessels side by side for ``hours``, each with an hour of sailing away before/after."""
    end = t0 + round(hours * H)
    a = line(412000001, t0, end, lat, lon, knots=knots, course=0.0)
    b_lat, b_lon = offset(lat, lon, 0.0, distance_m)
    b = line(413000002, t0, end, b_lat, b_lon, knots=knots, course=0.0)
    # approach and departure: separate tracks far apart so only the planted window counts
    a_before = line(412000001, t0 - 2 * H, t0 - 60, lat - 0.2, lon - 0.3, knots=10.0)
    b_before = line(413000002, t0 - 2 * H, t0 - 60, lat + 0.2, lon + 0.3, knots=10.0)
    return table(a_before, a, b_before, b)


@pytest.mark.parametrize(
    ("distance_m", "fires"), [(450, True), (499.9, True), (500.1, False), (550, False)]
)
def test_distance_threshold_is_500_m(distance_m: float, fires: bool) -> None:
    events = detect_encounters(segment(pair(distance_m, 3)), "gfw")
    assert bool(events) is fires


@pytest.mark.parametrize(("minutes", "fires"), [(110, False), (120, True), (130, True)])
def test_duration_threshold_is_2_h(minutes: int, fires: bool) -> None:
    events = detect_encounters(segment(pair(300, minutes / 60)), "gfw")
    assert bool(events) is fires
    if fires:
        (event,) = events
        assert event.start == T0 and event.end == T0 + minutes * 60


@pytest.mark.parametrize(("knots", "fires"), [(1.9, True), (2.1, False)])
def test_median_speed_threshold_is_2_kn(knots: float, fires: bool) -> None:
    events = detect_encounters(segment(pair(200, 3, knots=knots)), "gfw")
    assert bool(events) is fires


@pytest.mark.parametrize(("gap_h", "n_events"), [(3, 1), (5, 2)])
def test_runs_less_than_4_h_apart_merge(gap_h: int, n_events: int) -> None:
    first = pair(300, 2.5)
    t1 = T0 + int(2.5 * H) + gap_h * H
    second_a = line(412000001, t1, t1 + int(2.5 * H), ECS[0] + 0.01, ECS[1])
    b_lat, b_lon = offset(ECS[0] + 0.01, ECS[1], 0, 300)
    second_b = line(413000002, t1, t1 + int(2.5 * H), b_lat, b_lon)
    # apart in between: both present but 20 km from each other
    mid_a = line(412000001, T0 + int(2.5 * H) + 600, t1 - 600, ECS[0] + 0.2, ECS[1], knots=0.5)
    mid_b = line(413000002, T0 + int(2.5 * H) + 600, t1 - 600, ECS[0] - 0.2, ECS[1], knots=0.5)
    events = detect_encounters(segment(table(first, second_a, second_b, mid_a, mid_b)), "gfw")
    assert len(events) == n_events
    assert events[0].start == T0


def test_encounter_across_midnight_is_one_event() -> None:
    t0 = epoch("2026-03-02T22:30:00")
    events = detect_encounters(segment(pair(300, 3, t0=t0)), "gfw")
    assert [(e.start, e.end) for e in events] == [(t0, t0 + 3 * H)]


def test_off_nampo_only_the_dprk_tier_keeps_it() -> None:
    # 5 km off Nampo's port position, inside DPRK waters: GFW's 10 km port filter drops it.
    lat, lon = offset(38.717, 125.400, -3000, -4000)
    track = segment(pair(300, 3, lat=lat, lon=lon))
    assert detect_encounters(track, "gfw") == []
    (event,) = detect_encounters(track, "dprk")
    assert event.evidence["context"] == "dprk_waters"
    assert event.evidence["gfw_compatible"] is False


def test_three_vessel_raft_gives_each_pair() -> None:
    a = line(412000001, T0, T0 + 3 * H, *ECS)
    b = line(413000002, T0, T0 + 3 * H, *offset(*ECS, 0, 200))
    c = line(414000003, T0, T0 + 3 * H, *offset(*ECS, 200, 100))
    events = detect_encounters(segment(table(a, b, c)), "gfw")
    assert sorted(e.mmsis for e in events) == [
        (412000001, 413000002),
        (412000001, 414000003),
        (413000002, 414000003),
    ]


def test_one_sided_transfer_when_partner_is_dark() -> None:
    a = line(412000001, T0, T0 + 10 * H, *ECS)  # loiters 10 h
    b_before = line(445000009, T0 - 4 * H, T0 + H, *offset(*ECS, -15000, 0), knots=2.0, course=0)
    b_after = line(445000009, T0 + 8 * H, T0 + 12 * H, *offset(*ECS, 2000, 0), knots=6.0, course=0)
    track = segment(table(a, b_before, b_after))
    gaps = detect_gaps(track, "report")
    loiter = detect_loitering(track, "raw")
    (event,) = one_sided_transfers(loiter, gaps)
    assert event.kind == "one_sided"
    assert event.start == T0 + H and event.end == T0 + 8 * H
