"""Maritime endpoints under ``/api/ais``: events, GeoJSON, maps, vessel tracks, volume.

Reads follow the server's read rule; ingest and detect are writes and need a token.
The AIS directory is the CLI's (``<data dir>/ais``) unless ``app.state.ais_dir`` is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sanctionwatch.api.limits import save_body
from sanctionwatch.api.security import require_read, require_write, services_of
from sanctionwatch.services import maritime
from sanctionwatch.services.tokens import TokenInfo

router = APIRouter(prefix="/api/ais", tags=["maritime"])
read = [Depends(require_read)]
Writer = Annotated[TokenInfo, Depends(require_write)]
Mmsi = Annotated[int, PathParam(ge=100_000_000, le=999_999_999, description="9-digit MMSI")]
PNG: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}}, "description": "A PNG map."}
}


def ais_root(request: Request) -> Path:
    """The AIS directory this server reads (``app.state.ais_dir`` or ``<data dir>/ais``)."""
    root = getattr(request.app.state, "ais_dir", None)
    return Path(root) if root else maritime.default_root()


def event_filter(
    type: Annotated[
        str | None, Query(description="encounter, gap, loitering, port_call or identity")
    ] = None,
    vessel: Annotated[str | None, Query(description="7-digit IMO or 9-digit MMSI")] = None,
    from_: Annotated[str | None, Query(alias="from", description="ISO date/time (UTC)")] = None,
    to: Annotated[str | None, Query(description="ISO date/time, exclusive")] = None,
    bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
    tier: Annotated[str | None, Query(description="gfw, dprk or report")] = None,
    linked: Annotated[
        bool, Query(description="only events with a listed or DPRK-linked vessel")
    ] = False,
) -> maritime.EventFilter:
    return maritime.EventFilter.parse(type, vessel, from_, to, bbox, tier, linked)


Filter = Annotated[maritime.EventFilter, Depends(event_filter)]


def _png(data: bytes) -> Response:
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=60"})


@router.get("/status", dependencies=read)
def status(request: Request) -> dict[str, Any]:
    """What the AIS store holds: days of positions, files ingested, events stored."""
    return maritime.store_status(ais_root(request))


@router.get("/events", dependencies=read)
def events(
    request: Request,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Stored events, designated and DPRK-linked vessels first, with filters."""
    return maritime.list_events(ais_root(request), flt, limit, offset)


@router.get("/events.geojson", dependencies=read)
def events_geojson(request: Request, flt: Filter) -> JSONResponse:
    """Stored events (filtered) as a GeoJSON FeatureCollection of points."""
    return JSONResponse(maritime.geojson(ais_root(request), flt), media_type="application/geo+json")


@router.get("/events/{event_id}", dependencies=read)
def event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its evidence, its vessels and their list hits, and related events."""
    return maritime.event_detail(ais_root(request), event_id)


@router.get("/events/{event_id}/map.png", dependencies=read, responses=PNG, response_class=Response)
async def event_map(request: Request, event_id: str) -> Response:
    """The event drawn over the shipped coastline: its vessels' tracks 6 h either side."""
    return _png(await run_in_threadpool(maritime.event_map_png, ais_root(request), event_id))


@router.get("/vessels/{mmsi}", dependencies=read)
def vessel(request: Request, mmsi: Mmsi) -> dict[str, Any]:
    """A vessel by MMSI: identity (static data) history, track extent, events, list hits."""
    return maritime.vessel_detail(ais_root(request), mmsi)


@router.get("/vessels/{mmsi}/track", dependencies=read)
def vessel_track(
    request: Request,
    mmsi: Mmsi,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> JSONResponse:
    """The vessel's positions as a GeoJSON LineString (thinned to at most 5,000 points)."""
    start, end = maritime.parse_time(from_, "from"), maritime.parse_time(to, "to")
    return JSONResponse(
        maritime.track(ais_root(request), mmsi, start, end), media_type="application/geo+json"
    )


@router.get("/vessels/{mmsi}/map.png", dependencies=read, responses=PNG, response_class=Response)
async def vessel_map(
    request: Request,
    mmsi: Mmsi,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> Response:
    """The vessel's track coloured by time, over the shipped coastline."""
    start, end = maritime.parse_time(from_, "from"), maritime.parse_time(to, "to")
    data = await run_in_threadpool(maritime.vessel_map_png, ais_root(request), mmsi, start, end)
    return _png(data)


@router.get("/volume", dependencies=read)
def volume(
    request: Request,
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    dwt: Annotated[float, Query(gt=0, le=1_000_000)] = 2600.0,
    bbl_per_tonne: Annotated[float, Query(gt=0, le=20)] = 7.62,
    deliveries: Annotated[int | None, Query(ge=0, le=100_000)] = None,
) -> dict[str, Any]:
    """Refined petroleum delivered, PoE-style: tanker deliveries × capacity × laden fraction vs the cap."""
    return maritime.volume(ais_root(request), year, dwt, bbl_per_tonne, deliveries)


@router.post("/ingest", status_code=201)
async def ingest(
    request: Request,
    token: Writer,
    format: Annotated[Literal["nmea", "csv"] | None, Query()] = None,
) -> dict[str, Any]:
    """Add one NMEA or CSV file (raw body or multipart field ``file``) to the AIS store."""
    services = services_of(request)
    path, filename = await save_body(request, services.jobs.root / "uploads")
    try:
        return await run_in_threadpool(maritime.ingest, ais_root(request), path, format, filename)
    finally:
        path.unlink(missing_ok=True)


class DetectBody(BaseModel):
    from_: str | None = Field(default=None, alias="from", description="ISO date/time (UTC)")
    to: str | None = Field(default=None, description="ISO date/time, exclusive")
    bbox: str | None = Field(default=None, description="W,S,E,N in degrees")
    tier: Literal["gfw", "dprk", "both", "report", "all"] = "both"


@router.post("/detect")
async def detect(request: Request, body: DetectBody, token: Writer) -> dict[str, Any]:
    """Run every detector over the stored positions, screen the vessels, store the events."""
    from sanctionwatch.maritime.config import ALL_TIERS, TIERS
    from sanctionwatch.maritime.linking import ScreenerLinker
    from sanctionwatch.screening import Query as ScreenQuery

    flt = maritime.EventFilter.parse(from_=body.from_, to=body.to, bbox=body.bbox)
    tiers = {"both": TIERS, "all": ALL_TIERS}.get(body.tier, (body.tier,))
    services = services_of(request)
    linker = None
    if services.store.sources():
        linker = ScreenerLinker(services.snapshot().screener, ScreenQuery)
    return await run_in_threadpool(maritime.detect, ais_root(request), flt, tiers, linker)
