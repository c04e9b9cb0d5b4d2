"""sanctionwatch's own endpoints: releases, diffs, entity history, as-of, screening, loads, batch jobs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from sanctionwatch.api.limits import save_body
from sanctionwatch.api.security import require_read, require_write, services_of
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.services import lists, matching
from sanctionwatch.services.batch import match_summary
from sanctionwatch.services.tokens import TokenInfo

router = APIRouter(prefix="/api", tags=["sanctionwatch"])
read = [Depends(require_read)]


@router.get("/releases", dependencies=read)
def releases(request: Request, source: str | None = None) -> dict[str, Any]:
    """Every loaded release (file), oldest first: source, publication time, sha256, counts."""
    return {"releases": lists.releases(services_of(request), source)}


@router.get("/diff", dependencies=read)
def diff(
    request: Request,
    source: str,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> dict[str, Any]:
    """Entries added, removed and amended between two releases (ids or dates; default the two latest)."""
    return lists.diff(services_of(request), source, from_, to)


@router.get("/diff/timeline", dependencies=read)
def diff_timeline(request: Request, source: str) -> dict[str, Any]:
    """Counts of changes between each pair of consecutive releases of a source."""
    return {"source": source, "steps": lists.diff_timeline(services_of(request), source)}


@router.get("/entities/{entity_id}", dependencies=read)
def entity(request: Request, entity_id: str, as_of: str | None = None) -> dict[str, Any]:
    """One entry by id or list reference, as of a date if given."""
    return lists.entity(services_of(request), entity_id, lists.parse_date(as_of))


@router.get("/entities/{entity_id}/history", dependencies=read)
def entity_history(request: Request, entity_id: str) -> dict[str, Any]:
    """When each value of the entry appeared and disappeared; listing and delisting dates."""
    return lists.history(services_of(request), entity_id)


class ScreenBody(BaseModel):
    """A screening question in our own terms (issue 3's query)."""

    name: str = Field(min_length=1, max_length=500, examples=["Ri Won Ho"])
    schema_: str | None = Field(default=None, alias="schema")
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    passport: str | None = None
    imo: str | None = None
    mmsi: str | None = None


@router.post("/screen", dependencies=read)
def screen(
    request: Request,
    body: ScreenBody,
    dataset: str = "default",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """Screen one name with optional evidence; each candidate comes with its explanation.

    ``as_of=YYYY-MM-DD`` screens against the releases in force that day.
    """
    snapshot = services_of(request).snapshot_as_of(lists.parse_date(as_of))
    ds = snapshot.catalog.get(dataset)
    thr = matching.default_threshold() if threshold is None else threshold
    req = matching.ScreenRequest(
        name=body.name,
        schema=body.schema_,
        birth_date=body.birth_date,
        nationality=body.nationality,
        country=body.country,
        passport=body.passport,
        imo=body.imo,
        mmsi=body.mmsi,
    )
    found = matching.screen(snapshot, [req], ds, limit=limit, cutoff=min(thr, 0.5))
    return {
        "query": body.model_dump(by_alias=True),
        "as_of": as_of,
        "dataset": dataset,
        "threshold": thr,
        "results": [match_summary(m, thr) for m in found],
    }


@router.post("/lists/{source}", status_code=201)
async def load_list(
    request: Request, source: str, token: Annotated[TokenInfo, Depends(require_write)]
) -> dict[str, Any]:
    """Load one list file (the request body, or form field ``file``) as a new release of ``source``."""
    from starlette.concurrency import run_in_threadpool

    services = services_of(request)
    lists.check_source(source)
    path, filename = await save_body(request, services.jobs.root / "uploads")
    try:
        named = path.with_name(f"{path.stem}-{_safe(filename)}")
        path.rename(named)
        path = named
        result = await run_in_threadpool(services.store.load_files, [path], source)
    finally:
        path.unlink(missing_ok=True)
    services.invalidate()
    # Books are re-screened whenever a list changes.
    await run_in_threadpool(after_load, services.store, result, actor=token.name)
    return {"ok": True, "source": source, "loaded_by": token.name, "result": lists.jsonable(result)}


def _safe(filename: str) -> str:
    keep = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)
    return keep[-100:] or "upload"


@router.post("/batch", status_code=202)
async def create_batch(
    request: Request,
    token: Annotated[TokenInfo, Depends(require_write)],
    dataset: str = "default",
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
) -> JSONResponse:
    """Upload a CSV (``name`` column required) to screen in the background; poll the returned URL."""
    from starlette.concurrency import run_in_threadpool

    services = services_of(request)
    path, filename = await save_body(request, services.jobs.root / "uploads")
    try:
        status = await run_in_threadpool(
            services.jobs.submit,
            path,
            filename=filename,
            dataset=dataset,
            threshold=threshold,
            max_rows=request.app.state.settings.max_batch_rows,
        )
    finally:
        path.unlink(missing_ok=True)
    url = str(request.url_for("batch_status", job_id=status.id))
    body = status.to_dict() | {"url": url, "created_by": token.name}
    return JSONResponse(body, status_code=202, headers={"Location": url})


@router.get("/batch", dependencies=[Depends(require_write)])
def list_batches(request: Request) -> dict[str, Any]:
    """Batch jobs on this server, newest first."""
    return {"jobs": [s.to_dict() for s in services_of(request).jobs.jobs()]}


@router.get("/batch/{job_id}", dependencies=[Depends(require_write)])
def batch_status(request: Request, job_id: str) -> dict[str, Any]:
    """A job's state and progress (rows done of rows total)."""
    return services_of(request).jobs.status(job_id).to_dict()


@router.get("/batch/{job_id}/results", dependencies=[Depends(require_write)])
def batch_results(
    request: Request,
    job_id: str,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """One page of a finished job's results, in input order."""
    jobs = services_of(request).jobs
    status = jobs.status(job_id)
    rows = list(jobs.iter_results(job_id, offset, limit))
    return {"job": status.to_dict(), "offset": offset, "limit": limit, "rows": rows}


@router.get("/batch/{job_id}/results.jsonl", dependencies=[Depends(require_write)])
def batch_jsonl(request: Request, job_id: str) -> StreamingResponse:
    """All results as JSON lines, one per input row."""
    path = services_of(request).jobs.results_path(job_id)

    def chunks() -> Any:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 16):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="screening-{job_id}.jsonl"'},
    )


@router.get("/batch/{job_id}/results.csv", dependencies=[Depends(require_write)])
def batch_csv(request: Request, job_id: str) -> StreamingResponse:
    """All results as CSV: one line per (input row, candidate); rows without hits kept."""
    jobs = services_of(request).jobs
    jobs.results_path(job_id)  # 404/409 before streaming starts
    return StreamingResponse(
        jobs.iter_csv(job_id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="screening-{job_id}.csv"'},
    )
