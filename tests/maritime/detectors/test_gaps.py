"""Gap thresholds: 6 h report, Welch's disabling rule, the dprk tier and inferred port calls."""

from __future__ import annotations

import pytest

from sanctionwatch.maritime.detectors.gaps import detect_gaps
from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import ECS, cut, epoch, line, offset, table

T0 = epoch("2026-03-02T00:00:00")
H = 3600
# 150 km east of Shanghai's coast, far (> 50 nm) from shore; reports every 5 min.
OFFSHORE = (31.0, 124.0)


def dark(
    minutes: int,
    lat: float = OFFSHORE[0],
    lon: float = OFFSHORE[1],
    mmsi: int = 412000001,
    knots: float = 0.5,
    step_s: int = 300,
):
    full = line(mmsi, T0, T0 + 40 * H, lat, lon, knots=knots, step_s=step_s)
    return cut(full, T0 + 12 * H + 1, T0 + 12 * H + minutes * 60)


@pytest.mark.parametrize(("minutes", "fires"), [(359, False), (360, True), (400, True)])
def test_report_tier_lists_every_gap_from_6_h(minutes: int, fires: bool) -> None:
    events = detect_gaps(segment(table(dark(minutes, step_s=60))), "report")
    assert bool(events) is fires
    if fires:
        assert events[0].end - events[0].start == minutes * 60


@pytest.mark.parametrize(("hours", "fires"), [(11.9, False), (12.0, True)])
def test_gfw_disabling_needs_12_h_offshore(hours: float, fires: bool) -> None:
    events = detect_gaps(segment(table(dark(round(hours * 60)))), "gfw")
    assert bool(events) is fires
    if fires:
        assert events[0].evidence["likely_disabling"] is True
        assert events[0].evidence["off_distance_from_shore_nm"] > 50


def test_gfw_disabling_not_near_the_coast() -> None:
    near_coast = (30.9, 122.2)  # a few km off the Zhoushan islands
    assert detect_gaps(segment(table(dark(13 * 60, *near_coast))), "gfw") == []
    assert detect_gaps(segment(table(dark(13 * 60, *near_coast))), "report") != []


def test_gfw_disabling_needs_reception() -> None:
    # one report every 3 hours: too few positions before the gap for Welch's rule
    sparse = dark(13 * 60, step_s=3 * H)
    events = detect_gaps(segment(table(sparse)), "report")
    assert events and not events[0].evidence["likely_disabling"]


def test_dprk_tier_near_dprk_waters_and_linked_vessels() -> None:
    near = offset(38.3, 124.6, 0, 0)  # inside the West Sea DPRK zone
    five_h = dark(5 * 60, *near, mmsi=413000001)
    assert detect_gaps(segment(table(five_h)), "dprk") == []  # 5 h < 6 h floor
    linked = dark(5 * 60, *near, mmsi=445000001)
    (event,) = [
        e
        for e in detect_gaps(segment(table(linked)), "dprk", dprk_linked={445000001})
        if e.type == "gap"
    ]
    assert event.evidence["dprk_linked_vessel"] is True
    far = dark(7 * 60, *ECS, mmsi=413000002)
    assert detect_gaps(segment(table(far)), "dprk") == []  # far from DPRK, no port reachable


def _nampo_trip(gap_hours: float):
    """Off 150 km west of Nampo at 10 kn, dark for ``gap_hours``, back on at the same spot."""
    lat, lon = offset(38.717, 125.400, 0, -150_000)
    before = line(352000001, T0, T0 + 6 * H, lat, lon - 0.5, knots=10.0, course=90)
    back = T0 + 6 * H + round(gap_hours * H)
    after = line(352000001, back, back + 6 * H, lat, lon, knots=10.0, course=270)
    return segment(table(before, after))


def test_inferred_port_call_when_nampo_is_reachable() -> None:
    # 150 km each way at 10 kn = 16.2 h, plus 2 h alongside: 20 h is enough
    events = detect_gaps(_nampo_trip(20), "dprk")
    call = [e for e in events if e.type == "port_call"]
    assert [c.evidence["port"] for c in call] == ["Nampo"]
    assert call[0].kind == "inferred" and call[0].evidence["slack_hours"] >= 0


def test_no_inferred_call_when_the_gap_is_too_short() -> None:
    events = detect_gaps(_nampo_trip(12), "dprk")
    assert [e for e in events if e.type == "port_call"] == []


def test_shared_mmsi_gap_never_pairs_two_ships() -> None:
    # two ships on one MMSI 600 km apart, each reporting every 10 min with 2 h gaps
    a = line(412000009, T0, T0 + 20 * H, 30.3, 123.6, knots=8, step_s=600)
    b = line(412000009, T0 + 300, T0 + 20 * H, 34.9, 129.2, knots=8, step_s=600)
    track = segment(table(a, b))
    assert track.seg_overlapping.all()
    assert detect_gaps(track, "report") == []
