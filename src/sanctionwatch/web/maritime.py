"""Maritime pages: ranked AIS events, one event with its map and evidence, one vessel.

Each page has a JSON twin (``.json`` or ``Accept: application/json``) built from the
same ``services.maritime`` calls as the ``/api/ais`` endpoints.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from sanctionwatch.api.maritime import ais_root
from sanctionwatch.api.security import require_read
from sanctionwatch.errors import NotFoundError
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.services import maritime
from sanctionwatch.web.routes import page

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

TYPE_LABELS = {
    "encounter": "Encounter (ship-to-ship)",
    "gap": "AIS gap",
    "loitering": "Loitering",
    "port_call": "Port call",
    "identity": "Identity anomaly",
}
RANK_LABELS = {
    "listed": "Listed vessel",
    "dprk-flag": "DPRK flag",
    "dprk-history": "DPRK history",
}
# Evidence keys → (label, unit); anything else is shown with its key.
EVIDENCE_LABELS: dict[str, tuple[str, str]] = {
    "duration_hours": ("Duration", "h"),
    "median_distance_km": ("Median distance between the vessels", "km"),
    "max_distance_km": ("Largest distance between the vessels", "km"),
    "median_speed_knots": ("Median speed", "kn"),
    "mean_speed_knots": ("Mean speed", "kn"),
    "samples": ("Resampled positions compared", ""),
    "resample_minutes": ("Resampling step", "min"),
    "runs_merged": ("Close-approach runs merged", ""),
    "nearest_port": ("Nearest port", ""),
    "nearest_port_km": ("Distance to the nearest port", "km"),
    "distance_from_shore_km": ("Distance from shore", "km"),
    "distance_from_shore_nm": ("Distance from shore", "nm"),
    "off_distance_from_shore_nm": ("Distance from shore when AIS went off", "nm"),
    "context": ("Context", ""),
    "distance_km": ("Distance covered", "km"),
    "implied_speed_knots": ("Implied speed while dark", "kn"),
    "off_lat": ("Last position before the gap: latitude", "°"),
    "off_lon": ("Last position before the gap: longitude", "°"),
    "on_lat": ("First position after the gap: latitude", "°"),
    "on_lon": ("First position after the gap: longitude", "°"),
    "positions_prior_12h": ("Positions in the 12 h before", ""),
    "start_cell_positions_per_vessel_day": ("Reception where it went dark", "positions/vessel-day"),
    "likely_disabling": ("AIS likely switched off", ""),
    "km_to_dprk_waters": ("Distance to DPRK waters", "km"),
    "dprk_linked_vessel": ("DPRK-linked vessel", ""),
    "dprk_port_reachable": ("A DPRK port was reachable during the gap", ""),
    "port": ("Port", ""),
    "port_locode": ("UN/LOCODE", ""),
    "confidence": ("Confidence (GFW scale 2-4)", ""),
    "positions": ("Positions in port", ""),
    "min_distance_km": ("Closest approach to the port", "km"),
    "gfw_compatible": ("Would also fire with GFW's published thresholds", ""),
    "strict_sog_below_1kn": ("Both vessels below 1 kn throughout", ""),
    "transshipment_filter": ("Transshipment vessel filter applied", ""),
    "hours_between": ("Hours between one going dark and the other appearing", "h"),
    "length_m": ("Lengths", "m"),
    "width_m": ("Widths", "m"),
    "dark_mmsi": ("MMSI that went dark", ""),
    "new_mmsi": ("MMSI that appeared", ""),
    "stitched": ("Joined across a day boundary", ""),
}


def _evidence_rows(evidence: dict[str, Any]) -> list[dict[str, str]]:
    rows = []
    for key, value in evidence.items():
        label, unit = EVIDENCE_LABELS.get(key, (key.replace("_", " ").capitalize(), ""))
        rows.append({"key": key, "label": label, "value": _show(value), "unit": unit})
    return rows


def _show(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value).replace("_", " ") if isinstance(value, str) else str(value)


def ship_type_label(code: Any) -> str:
    """AIS ship type code → "80 tanker" (ITU-R M.1371 groups)."""
    if code is None:
        return "—"
    value = int(code)
    group = {
        30: "fishing",
        31: "towing",
        32: "towing",
        52: "tug",
        35: "military",
        50: "pilot",
        51: "search and rescue",
    }.get(value) or {6: "passenger", 7: "cargo", 8: "tanker", 4: "high-speed craft"}.get(
        value // 10, ""
    )
    return f"{value} {group}".strip()


def _extra() -> dict[str, Any]:
    return {
        "type_labels": TYPE_LABELS,
        "rank_labels": RANK_LABELS,
        "ship_type_label": ship_type_label,
    }


@router.get("/maritime")
@router.get("/maritime.json")
def events_page(
    request: Request,
    type: str = "",
    vessel: str = "",
    from_: str = "",
    to: str = "",
    bbox: str = "",
    tier: str = "",
    linked: bool = False,
    limit: int = 200,
    offset: int = 0,
) -> Response:
    """Stored AIS events, designated and DPRK-linked vessels first, with filters."""
    root = ais_root(request)
    params = request.query_params
    start = params.get("from", from_)
    form: dict[str, Any] = {
        "type": type,
        "vessel": vessel,
        "from": start,
        "to": to,
        "bbox": bbox,
        "tier": tier,
        "linked": linked,
    }
    flt = maritime.EventFilter.parse(type, vessel, start, to, bbox, tier, linked)
    limit = max(1, min(limit, 1000))
    data = maritime.list_events(root, flt, limit, max(0, offset))
    data["store"] = maritime.store_status(root)
    data["volume"] = {k: v for k, v in maritime.volume(root).items() if k != "events"}
    extra = {**_extra(), "form": form, "event_types": EVENT_TYPES, "tiers": maritime.EVENT_TIERS}
    return page(
        request,
        "maritime.html",
        data,
        json_suffix=request.url.path.endswith(".json"),
        extra=extra,
    )


@router.get("/maritime/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    """One event: map, evidence, vessels with their list hits, related events."""
    raw, is_json = event_id.removesuffix(".json"), event_id.endswith(".json")
    data = maritime.event_detail(ais_root(request), raw)
    extra = {**_extra(), "evidence_rows": _evidence_rows(data["evidence"])}
    return page(request, "maritime_event.html", data, json_suffix=is_json, extra=extra)


@router.get("/maritime/vessels/{mmsi}")
def vessel_page(request: Request, mmsi: str, from_: str = "", to: str = "") -> Response:
    """One vessel by MMSI: track map (optionally of a time window), identity history, events."""
    raw, is_json = mmsi.removesuffix(".json"), mmsi.endswith(".json")
    if not (raw.isdigit() and len(raw) == 9):
        raise NotFoundError(f"no vessel {raw!r}", hint="vessels are addressed by 9-digit MMSI")
    start = request.query_params.get("from", from_)
    window = {k: v for k, v in (("from", start), ("to", to)) if v}
    for name, value in window.items():
        maritime.parse_time(value, name)  # a bad date is a 400 here, not a broken image
    data = maritime.vessel_detail(ais_root(request), int(raw))
    if window:
        data["map"] += "?" + urlencode(window)
    extra = {**_extra(), "window": window}
    return page(request, "maritime_vessel.html", data, json_suffix=is_json, extra=extra)
