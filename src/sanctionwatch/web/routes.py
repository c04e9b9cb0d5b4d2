"""Server-rendered pages. Each has a JSON twin (``.json`` or ``Accept: application/json``)
built from the same service call as the page."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sanctionwatch import __version__
from sanctionwatch.api.security import require_read, require_write, services_of
from sanctionwatch.services import lists, matching
from sanctionwatch.services.catalog import REGIMES
from sanctionwatch.web import charts, history

HERE = Path(__file__).parent
router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
SCHEMATA = ("Person", "Organization", "LegalEntity", "Company", "Vessel", "Aircraft")


def wants_json(request: Request, json_suffix: bool) -> bool:
    if json_suffix:
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    json_suffix: bool,
    extra: dict[str, Any] | None = None,
) -> Response:
    """Render ``template`` with ``data`` (+ HTML-only ``extra``), or return ``data`` as JSON."""
    if wants_json(request, json_suffix):
        return JSONResponse(lists.jsonable(data))
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {**data, **(extra or {})})


def _strip_json(value: str) -> tuple[str, bool]:
    return (value[:-5], True) if value.endswith(".json") else (value, False)


def dataset_name(source: str, regime: str) -> str:
    """The dataset for a source/regime filter pair (``un`` + ``dprk`` -> ``un_dprk``)."""
    if source and regime:
        return f"{source}_{regime}"
    return source or regime or "default"


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=302)


@router.get("/search")
@router.get("/search.json")
def search_page(
    request: Request,
    q: str = "",
    source: str = "",
    regime: str = "",
    schema: str = "",
    partial: bool = False,
) -> Response:
    """Search as you type: hits with score and explanation, filtered by source, regime and schema."""
    services = services_of(request)
    snapshot = services.snapshot()
    name = dataset_name(source, regime)
    error = None
    result: dict[str, Any] = {"results": [], "total": {"value": 0, "relation": "eq"}}
    if name in snapshot.catalog.datasets:
        if q.strip():
            result = matching.search(snapshot, name, q, schema=schema or None, limit=20)
    else:
        error = f"No entries for {source or 'any list'} under regime {regime or 'any'}."
    data = {
        "q": q,
        "source": source,
        "regime": regime,
        "schema": schema,
        "dataset": name,
        "results": result["results"],
        "total": result["total"]["value"],
        "error": error,
    }
    sources = [
        d
        for d in snapshot.catalog.to_list()
        if d.sources and len(d.sources) == 1 and d.programs is None
    ]
    extra = {
        "sources": sources,
        "regimes": [r for r in REGIMES if r.key in snapshot.catalog.datasets],
        "schemata": SCHEMATA,
        "threshold": matching.default_threshold(),
        "entity_count": len(snapshot.entities),
    }
    is_json = request.url.path.endswith(".json")
    template = "_results.html" if partial else "search.html"
    return page(request, template, data, json_suffix=is_json, extra=extra)


@router.get("/entity/{entity_id}")
def entity_page(request: Request, entity_id: str, as_of: str | None = None) -> Response:
    """One entry: names in every script, identifiers, designations, and its timeline across releases."""
    entity_id, is_json = _strip_json(entity_id)
    services = services_of(request)
    when = lists.parse_date(as_of)
    body = lists.entity(services, entity_id, when, nested=True)
    if body["id"] != entity_id and not is_json:
        return RedirectResponse(
            f"/entity/{body['id']}" + (f"?as_of={as_of}" if as_of else ""), status_code=302
        )
    hist = lists.history(services, body["id"])
    view = history.entity_view(body)
    spans = history.spans(hist)
    data = {"entity": body, "history": hist, "as_of": as_of}
    marks = [
        d
        for d in (history.to_date(r["published"]) for r in lists.releases(services, body["source"]))
        if d is not None
    ]
    extra = {
        "view": view,
        "releases_count": len(marks),
        "timeline": charts.timeline_svg(
            spans, date.today(), f"Timeline of {body['caption']} across list releases", marks
        ),
        "events": history.events(hist),
    }
    return page(request, "entity.html", data, json_suffix=is_json, extra=extra)


@router.get("/releases")
@router.get("/releases.json")
def releases_page(request: Request, source: str = "un") -> Response:
    """Releases of a list, with a chart of what changed at each release."""
    services = services_of(request)
    rel = list(reversed(lists.releases(services, source)))
    steps = lists.diff_timeline(services, source)
    data = {
        "source": source,
        "releases": rel,
        "steps": steps,
        "sources": lists.sources_overview(services),
    }
    extra = {"chart": _changes_chart(steps, source)}
    return page(
        request, "releases.html", data, json_suffix=request.url.path.endswith(".json"), extra=extra
    )


def _changes_chart(steps: list[dict[str, Any]], source: str) -> str:
    chart_steps = [
        charts.Step(
            history.to_date(s["from"]["published"]) or date.today(),
            history.to_date(s["to"]["published"]) or date.today(),
            _label(s["to"]),
            s["added"],
            s["removed"],
            s["amended"],
        )
        for s in steps
    ]
    return charts.changes_svg(chart_steps, f"Changes per release of the {source} list")


def _label(release: dict[str, Any]) -> str:
    when = history.to_date(release.get("published") or release.get("loaded_at"))
    return f"release {release.get('id')} ({when.isoformat() if when else '?'})"


@router.get("/diff")
@router.get("/diff.json")
def diff_page(
    request: Request,
    source: str = "un",
    from_: str = "",
    to: str = "",
    regime: str = "",
) -> Response:
    """What changed in a list between two releases or dates, optionally within one regime."""
    services = services_of(request)
    params = request.query_params
    from_ref = params.get("from", from_) or None
    to_ref = to or None
    result = lists.diff(services, source, from_ref, to_ref)
    if regime:
        ds = services.snapshot().catalog.datasets.get(f"{source}_{regime}")
        result = history.filter_diff(result, services, ds)
    data = {"source": source, "regime": regime, "diff": result}
    extra = {
        "chart": _changes_chart(lists.diff_timeline(services, source), source),
        "releases": list(reversed(lists.releases(services, source))),
        "sources": lists.sources_overview(services),
        "regimes": REGIMES,
    }
    return page(
        request, "diff.html", data, json_suffix=request.url.path.endswith(".json"), extra=extra
    )


@router.get("/batch")
@router.get("/batch.json")
def batch_page(request: Request) -> Response:
    """Batch screening: upload a CSV, watch progress, read and download the results."""
    snapshot = services_of(request).snapshot()
    data = {
        "datasets": [d.name for d in snapshot.catalog.to_list()],
        "threshold": matching.default_threshold(),
    }
    return page(request, "batch.html", data, json_suffix=request.url.path.endswith(".json"))


@router.get("/batch/{job_id}")
def batch_job_page(request: Request, job_id: str) -> Response:
    """One job: progress bar, results table and downloads (data fetched with the API token)."""
    job_id, is_json = _strip_json(job_id)
    if is_json or wants_json(request, False):
        require_write(request)
        jobs = services_of(request).jobs
        status = jobs.status(job_id)
        rows = list(jobs.iter_results(job_id, 0, 100)) if status.state == "done" else []
        return JSONResponse({"job": status.to_dict(), "rows": rows})
    return page(request, "batch_job.html", {"job_id": job_id}, json_suffix=False)


def _fmt_date(value: Any) -> str:
    d = history.to_date(value)
    return d.isoformat() if d else ""


def _fmt_time(value: Any) -> str:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return "" if value is None else str(value)


def install(app: FastAPI) -> None:
    """Mount the pages, the static files and the templates on ``app``."""
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["version"] = __version__
    templates.env.filters["date"] = _fmt_date
    templates.env.filters["time"] = _fmt_time
    templates.env.filters["pct"] = lambda v: f"{float(v) * 100:.0f}%"
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)
    from sanctionwatch.web import monitoring

    app.include_router(monitoring.router)
    from sanctionwatch.web import maritime as maritime_pages

    app.include_router(maritime_pages.router)


__all__ = ["install"]
