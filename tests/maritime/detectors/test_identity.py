"""Identity anomalies: check digits, MIDs, renames, one IMO on two MMSIs, reflagging, swaps."""

from __future__ import annotations

from typing import Any

from sanctionwatch.maritime.detectors.identity import position_anomalies, static_anomalies, swaps
from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import ECS, epoch, line, offset, table

H = 3600
T0 = epoch("2026-03-02T00:00:00")


def state(mmsi: int, t: int, last: int, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "mmsi": mmsi,
        "valid_from": t,
        "last_seen": last,
        "imo": None,
        "name": None,
        "callsign": None,
        "ship_type": 80,
        "length": 100.0,
        "width": 16.0,
        "draught": None,
        "destination": None,
    }
    row.update(fields)
    return row


def kinds(events: list[Any]) -> list[str]:
    return sorted(e.kind for e in events)


def test_invalid_imo_check_digit() -> None:
    track = segment(table(line(412000001, T0, T0 + H, *ECS)))
    history = [state(412000001, T0, T0 + H, imo="9074730")]  # valid: 9074729
    (event,) = static_anomalies(history, track, "dprk")
    assert event.kind == "invalid_imo" and event.evidence["imo"] == "9074730"
    assert static_anomalies([state(412000001, T0, T0 + H, imo="9074729")], track, "dprk") == []


def test_name_and_callsign_change_at_the_new_state() -> None:
    track = segment(table(line(412000001, T0, T0 + 10 * H, *ECS)))
    history = [
        state(412000001, T0, T0 + 4 * H, imo="9074729", name="OLD NAME", callsign="BAAA"),
        state(412000001, T0 + 5 * H, T0 + 10 * H, imo="9074729", name="NEW NAME", callsign="BBBB"),
    ]
    events = static_anomalies(history, track, "gfw")
    assert kinds(events) == ["callsign_change", "name_change"]
    name = next(e for e in events if e.kind == "name_change")
    assert (name.start, name.evidence["old"], name.evidence["new"]) == (
        T0 + 5 * H,
        "OLD NAME",
        "NEW NAME",
    )


def test_alternating_names_on_a_shared_mmsi_are_not_renames() -> None:
    track = segment(table(line(412000001, T0, T0 + 10 * H, *ECS)))
    history = [
        state(412000001, T0 + k * H, T0 + k * H + 60, name=("A" if k % 2 else "B"))
        for k in range(6)
    ]
    assert static_anomalies(history, track, "gfw") == []


def test_one_imo_on_two_mmsis_at_once_and_reflagging() -> None:
    a = line(412000001, T0, T0 + 10 * H, *ECS)
    b = line(352000002, T0, T0 + 10 * H, ECS[0] + 1, ECS[1])
    track = segment(table(a, b))
    both = [
        state(412000001, T0, T0 + 10 * H, imo="9074729"),
        state(352000002, T0 + H, T0 + 9 * H, imo="9074729"),
    ]
    (event,) = static_anomalies(both, track, "gfw")
    assert event.kind == "imo_on_two_mmsis" and (event.start, event.end) == (T0 + H, T0 + 9 * H)
    after = [
        state(412000001, T0, T0 + 4 * H, imo="9074729"),
        state(352000002, T0 + 5 * H, T0 + 9 * H, imo="9074729"),
    ]
    (event,) = static_anomalies(after, track, "gfw")
    assert event.kind == "flag_change"
    assert (event.evidence["old_flag"], event.evidence["new_flag"]) == ("cn", "pa")


def test_placeholder_imo_on_many_mmsis_is_ignored() -> None:
    track = segment(table(line(412000001, T0, T0 + H, *ECS)))
    rows = [state(412000000 + k, T0, T0 + H, imo="1234567") for k in range(8)]
    assert static_anomalies(rows, track, "gfw") == []


def test_unallocated_mid_and_shared_mmsi() -> None:
    odd = line(789123456, T0, T0 + 2 * H, *ECS)
    one = line(412000009, T0, T0 + 8 * H, 30.3, 123.6, knots=10, step_s=300)
    two = line(412000009, T0 + 100, T0 + 8 * H, 34.9, 129.2, knots=10, step_s=300)
    events = position_anomalies(segment(table(odd, one, two)), "dprk")
    assert kinds(events) == ["mid_unallocated", "shared_mmsi"]
    shared = next(e for e in events if e.kind == "shared_mmsi")
    assert shared.evidence["max_separation_km_at_first_fix"] > 500


def _swap(width_b: float, km_apart: float):
    a = line(616000001, T0, T0 + 6 * H, *ECS, knots=11, course=90)
    end_lat, end_lon = a["lat"][-1], a["lon"][-1]
    b = line(
        457000002,
        T0 + 10 * H,
        T0 + 16 * H,
        *offset(end_lat, end_lon, 0, km_apart * 1000),
        knots=10,
        course=90,
    )
    filler = line(412000003, T0, T0 + 24 * H, ECS[0] + 2, ECS[1])  # data runs all day
    history = [
        state(616000001, T0, T0 + 6 * H, imo="9074729", length=104.0, width=16.0),
        state(457000002, T0 + 10 * H, T0 + 16 * H, imo="9176187", length=104.0, width=width_b),
    ]
    return segment(table(a, b, filler)), history


def test_swap_same_dimensions_nearby() -> None:
    (event,) = swaps(*_swap(16.0, 15), "dprk")
    assert event.mmsis == (457000002, 616000001)
    assert event.start == T0 + 6 * H and event.end == T0 + 10 * H


def test_no_swap_when_dimensions_differ_or_too_far() -> None:
    assert swaps(*_swap(24.0, 15), "dprk") == []
    assert swaps(*_swap(16.0, 80), "dprk") == []
