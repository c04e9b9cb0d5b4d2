"""Track cleaning: noise speeds, 24 h and 25 kn splits, shared MMSIs."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import ECS, epoch, line, table

H = 3600
T0 = epoch("2026-03-02T00:00:00")


def test_noise_speeds_are_dropped() -> None:
    tr = line(412000001, T0, T0 + H, *ECS, knots=5)
    tr["sog"][[3, 7, 11]] = [51.2, 63.0, 102.3]
    track = segment(table(tr))
    assert len(track) == tr["t"].size - 3 and track.dropped_noise == 3


def test_split_after_24_h_silence() -> None:
    a = line(412000001, T0, T0 + H, *ECS)
    b = line(412000001, T0 + 25 * H + H, T0 + 27 * H, *ECS)
    c = line(412000001, T0 + 27 * H + 23 * H, T0 + 51 * H, *ECS)
    track = segment(table(a, b, c))
    assert track.seg_count.tolist() == [a["t"].size, b["t"].size + c["t"].size]


def test_split_at_impossible_speed_and_no_overlap_flag_for_a_single_jump() -> None:
    a = line(412000001, T0, T0 + H, *ECS, knots=10)
    b = line(412000001, T0 + H + 60, T0 + 2 * H, ECS[0] + 1.0, ECS[1], knots=10)  # 111 km in 1 min
    track = segment(table(a, b))
    assert track.seg_mmsi.size == 2 and not track.seg_overlapping.any()


def test_two_ships_on_one_mmsi_become_overlapping_segments() -> None:
    a = line(412000009, T0, T0 + 8 * H, 30.3, 123.6, knots=10, step_s=300)
    b = line(412000009, T0 + 100, T0 + 8 * H, 34.9, 129.2, knots=10, step_s=300)
    track = segment(table(a, b))
    assert track.seg_overlapping.tolist() == [True, True]
    assert sorted(track.seg_count.tolist()) == sorted([a["t"].size, b["t"].size])
    # each segment's points are one ship's: no point of b lies near a's start
    first = track.seg == 0
    assert np.ptp(track.lat[first]) < 1.0
