"""The Panel of Experts' volume method: deliveries × tanker capacity × laden fraction vs the cap.

Resolution 2397 (2017) caps refined petroleum at 500,000 barrels a year. The Panel
turned counted tanker deliveries into barrels at 1/3, 60 % and 90 % laden (research
§2.4, §7.6). A delivery here is a dprk-tier event that moves cargo to the DPRK: a
tanker's (AIS type 80-89) port call at a DPRK port, observed or inferred, or an
encounter of a tanker with a DPRK-flagged or listed vessel or inside DPRK waters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sanctionwatch.maritime.events import Event

CAP_BBL = 500_000
LADEN = (("1/3", 1 / 3), ("60 %", 0.6), ("90 %", 0.9))


def _tanker(event: Event, mmsi: int) -> bool:
    types = event.evidence.get("ship_types") or {}
    value = types.get(str(mmsi))
    return value is not None and 80 <= int(value) <= 89


def count_deliveries(events: list[Event], year: int | None = None) -> list[Event]:
    """The events counted as tanker deliveries (dprk tier, so nothing is counted twice)."""
    out: list[Event] = []
    for e in events:
        if e.tier != "dprk":
            continue
        if year is not None and datetime.fromtimestamp(e.start, UTC).year != year:
            continue
        if e.type == "port_call" and any(_tanker(e, v.mmsi) for v in e.vessels):
            out.append(e)
        elif e.type == "encounter":
            tankers = [v for v in e.vessels if _tanker(e, v.mmsi)]
            others = [v for v in e.vessels if v not in tankers]
            dprk_side = any(v.flag == "kp" or v.list_hits for v in others)
            if tankers and (dprk_side or e.evidence.get("context") == "dprk_waters"):
                out.append(e)
    return out


def estimate(deliveries: int, dwt_tonnes: float, bbl_per_tonne: float) -> dict[str, Any]:
    """Volumes at each laden fraction, their ratio to the cap, and the arithmetic as text."""
    capacity = dwt_tonnes * bbl_per_tonne
    lines = [
        f"capacity per tanker = {dwt_tonnes:,.0f} t × {bbl_per_tonne:g} bbl/t = {capacity:,.0f} bbl",
    ]
    rows = []
    for label, fraction in LADEN:
        barrels = deliveries * capacity * fraction
        rows.append(
            {
                "laden": label,
                "fraction": round(fraction, 4),
                "barrels": round(barrels),
                "times_cap": round(barrels / CAP_BBL, 3),
            }
        )
        lines.append(
            f"{label:>4} laden: {deliveries} deliveries × {capacity:,.0f} bbl × {fraction:.3f} = "
            f"{barrels:,.0f} bbl = {barrels / CAP_BBL:.2f} × the {CAP_BBL:,} bbl cap"
            + ("  (over the cap)" if barrels > CAP_BBL else "")
        )
    return {
        "deliveries": deliveries,
        "capacity_bbl": round(capacity),
        "cap_bbl": CAP_BBL,
        "scenarios": rows,
        "arithmetic": lines,
    }
