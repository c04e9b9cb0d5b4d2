"""The Panel's volume arithmetic."""

from __future__ import annotations

from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.volume import count_deliveries, estimate


def test_reproduces_s_2022_132_order_of_magnitude() -> None:
    # 18 deliveries at 90 % laden ≈ 323,000 bbl (S/2022/132) with the default 2,600 t tanker
    result = estimate(18, 2600, 7.62)
    ninety = next(r for r in result["scenarios"] if r["laden"] == "90 %")
    assert abs(ninety["barrels"] - 323_000) / 323_000 < 0.01
    assert result["arithmetic"][0].startswith("capacity per tanker = 2,600 t × 7.62 bbl/t")
    third = next(r for r in result["scenarios"] if r["laden"] == "1/3")
    assert third["times_cap"] < 1 < estimate(89, 2600, 7.62)["scenarios"][0]["times_cap"]


def test_counts_tanker_deliveries_once() -> None:
    tanker = {"ship_types": {"352000001": 80, "445000001": 70}}
    sts = Event(
        "encounter",
        "two_sided",
        "dprk",
        0,
        1,
        38,
        125,
        [VesselRef(352000001), VesselRef(445000001, flag="kp")],
        dict(tanker),
    )
    gfw_copy = Event(
        "encounter",
        "two_sided",
        "gfw",
        0,
        1,
        38,
        125,
        [VesselRef(352000001), VesselRef(445000001, flag="kp")],
        dict(tanker),
    )
    cargo_call = Event(
        "port_call",
        "observed",
        "dprk",
        0,
        1,
        38.7,
        125.4,
        [VesselRef(445000001)],
        {"ship_types": {"445000001": 70}},
    )
    assert count_deliveries([sts, gfw_copy, cargo_call]) == [sts]
