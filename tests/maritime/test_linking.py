"""Linking event vessels to list entries, and ranking."""

from __future__ import annotations

from sanctionwatch.maritime.events import Event, VesselRef
from sanctionwatch.maritime.linking import EntityLinker, enrich
from sanctionwatch.model.entity import ListedEntity

LISTED = ListedEntity(
    id="un-KPe.999",
    schema="Vessel",
    source="un",
    properties={"name": ["CHON MA SAN"], "imoNumber": ["8660313"], "flag": ["kp"]},
    sanctions=[{"unscId": ["KPe.999"]}],
)


def history(mmsi: int, imo: str | None, name: str) -> dict[str, object]:
    return {
        "mmsi": mmsi,
        "valid_from": 0,
        "last_seen": 10,
        "valid_to": None,
        "imo": imo,
        "name": name,
        "callsign": None,
        "ship_type": 80,
        "length": 100.0,
        "width": 16.0,
        "draught": None,
        "destination": None,
    }


def test_exact_imo_and_former_name_hits() -> None:
    linker = EntityLinker([LISTED])
    assert [h["matched_on"] for h in linker.hits(352000001, "8660313", [])] == ["imo"]
    assert [h["matched_on"] for h in linker.hits(352000001, None, ["Chon  Ma-San"])] == ["name"]
    assert linker.hits(352000001, "9074729", ["OTHER"]) == []


def test_listed_first_then_dprk_flag() -> None:
    listed = Event(
        "encounter",
        "two_sided",
        "dprk",
        100,
        200,
        31,
        124,
        [VesselRef(352000001), VesselRef(413000001)],
        {},
    )
    dprk = Event("gap", "dark", "dprk", 50, 60, 31, 124, [VesselRef(445000001)], {})
    plain = Event("gap", "dark", "dprk", 10, 20, 31, 124, [VesselRef(413000002)], {})
    hist = [history(352000001, "8660313", "NEW NAME"), history(413000001, None, "X")]
    ranked = enrich([plain, dprk, listed], hist, EntityLinker([LISTED]))
    assert [e.type for e in ranked] == ["encounter", "gap", "gap"]
    assert ranked[0].vessels[0].imo == "8660313" and ranked[0].vessels[0].list_hits
    # listed as DPRK-flagged, transmitting a Panamanian MID
    assert ranked[0].vessels[0].list_hits[0]["mid_flag_mismatch"] == {"listed": "kp", "mid": "pa"}
    assert ranked[1].vessels[0].flag == "kp" and ranked[1].priority > ranked[2].priority
    assert ranked[0].evidence["ship_types"] == {"352000001": 80, "413000001": 80}
