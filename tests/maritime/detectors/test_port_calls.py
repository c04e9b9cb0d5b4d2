"""Port calls at DPRK ports: 3 km entry, 4 km exit, GFW confidence levels."""

from __future__ import annotations

from sanctionwatch.maritime.detectors.port_calls import detect_port_calls
from sanctionwatch.maritime.segments import segment
from tests.maritime.conftest import epoch, line, offset, table

H = 3600
NAMPO = (38.717, 125.400)
T0 = epoch("2026-03-02T00:00:00")


def visit(closest_m: float):
    """Sail in from 20 km west, stop ``closest_m`` from Nampo for 10 h, sail out."""
    stop = offset(*NAMPO, 0, -closest_m)
    start = offset(*NAMPO, 0, -20_000)
    inbound = line(445000001, T0, T0 + 2 * H, *start, knots=(20_000 - closest_m) / 1852 / 2)
    alongside = line(445000001, T0 + 2 * H + 60, T0 + 12 * H, *stop, knots=0.0)
    outbound = line(
        445000001,
        T0 + 12 * H + 60,
        T0 + 14 * H,
        *stop,
        knots=(20_000 - closest_m) / 1852 / 2,
        course=270,
    )
    return segment(table(inbound, alongside, outbound))


def test_full_visit_has_confidence_4() -> None:
    (event,) = detect_port_calls(visit(1000), "gfw")
    assert event.evidence["port"] == "Nampo"
    assert event.evidence["confidence"] == 4
    assert event.evidence["entry"] and event.evidence["exit"] and event.evidence["stop"]


def test_entry_threshold_is_3_km() -> None:
    assert len(detect_port_calls(visit(2900), "gfw")) == 1
    assert detect_port_calls(visit(3100), "gfw") == []


def test_hysteresis_keeps_a_visit_open_between_3_and_4_km() -> None:
    inside = line(445000002, T0, T0 + 4 * H, *offset(*NAMPO, 0, -1000))
    band = line(445000002, T0 + 4 * H + 60, T0 + 6 * H, *offset(*NAMPO, 0, -3500))
    back = line(445000002, T0 + 6 * H + 60, T0 + 8 * H, *offset(*NAMPO, 0, -1000))
    (event,) = detect_port_calls(segment(table(inside, band, back)), "dprk")
    assert (event.start, event.end) == (T0, T0 + 8 * H)


def test_passing_by_is_not_a_call() -> None:
    lat, lon = offset(*NAMPO, -6000, -20_000)
    passing = line(445000003, T0, T0 + 4 * H, lat, lon, knots=10, course=90)
    assert detect_port_calls(segment(table(passing)), "dprk") == []
