"""Alert queue and case view pages; their JSON twins come from the same service calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from sanctionwatch.api.security import require_read, services_of
from sanctionwatch.errors import NotFoundError
from sanctionwatch.services import monitoring
from sanctionwatch.web.routes import page

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

FIELD_LABELS = {
    "name": "Name",
    "schema": "Type",
    "birth_date": "Birth date",
    "nationality": "Nationality",
    "country": "Country",
    "passport": "Passport",
    "national_id": "National id",
    "imo": "IMO number",
    "mmsi": "MMSI",
    "call_sign": "Call sign",
}
# Which listed properties sit beside which record field in the case view.
COUNTERPARTS = {
    "name": ("name", "alias", "previousName", "weakAlias"),
    "schema": ("schema",),
    "birth_date": ("birthDate", "birthDateRange"),
    "nationality": ("nationality", "citizenship"),
    "country": ("country", "nationality"),
    "passport": ("passportNumber",),
    "national_id": ("idNumber",),
    "imo": ("imoNumber",),
    "mmsi": ("mmsi",),
    "call_sign": ("callSign",),
}


@router.get("/alerts")
@router.get("/alerts.json")
def alerts_page(request: Request, book: str = "", status: str = "") -> Response:
    """The alert queue: active alerts by default, filter by book and status."""
    data = monitoring.queue(services_of(request), book or None, status or None)
    return page(request, "alerts.html", data, json_suffix=request.url.path.endswith(".json"))


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, alert_id: str) -> Response:
    """One case: record and list entry side by side, explanation, history, decision form."""
    raw, is_json = alert_id.removesuffix(".json"), alert_id.endswith(".json")
    if not raw.isdigit():
        raise NotFoundError(f"no alert {raw!r}", hint="alert numbers are integers; see /alerts")
    data = monitoring.case(services_of(request), int(raw))
    listed = data["entity"]["properties"] if data["entity"] else data["entity_basis"]
    rows = []
    for field, label in FIELD_LABELS.items():
        mine = data["record"].get(field)
        theirs: list[str] = []
        for prop in COUNTERPARTS[field]:
            theirs += [v for v in _listed_values(data, listed, prop) if v not in theirs]
        if mine or theirs:
            rows.append({"label": label, "record": mine, "listed": theirs})
    extra = {"rows": rows}
    return page(request, "alert.html", data, json_suffix=is_json, extra=extra)


def _listed_values(data: dict[str, Any], listed: dict[str, Any], prop: str) -> list[str]:
    if prop == "schema":
        entity = data["entity"]
        return [entity["schema"] if entity else data["entity_basis"].get("schema", "")]
    return list(listed.get(prop) or [])
