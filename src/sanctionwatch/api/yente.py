"""yente-compatible endpoints: ``/match``, ``/search``, ``/entities``, ``/catalog``, ``/algorithms``, health.

Request and response shapes follow yente (OpenSanctions' API server), so its
clients work unchanged; ``docs`` at ``/docs`` lists what we add (``as_of``,
``reference``/``source`` on results, legacy ``features`` next to ``explanations``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from sanctionwatch.api.security import require_read, services_of
from sanctionwatch.services import lists, matching
from sanctionwatch.services.context import NotReadyError
from sanctionwatch.services.matching import MAX_LIMIT

router = APIRouter()
INLINE_QUERIES = 4
read = [Depends(require_read)]

Scalar = str | int | float | bool | None


class EntityExample(BaseModel):
    """An FtM entity stub to match against: a schema and some properties."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = None
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, Scalar | list[Scalar]] = Field(
        default_factory=dict,
        examples=[{"name": ["Kim Jong Un"], "birthDate": ["1984"], "nationality": ["kp"]}],
    )


class EntityMatchQuery(BaseModel):
    """yente's match body: up to 100 examples keyed by the caller's ids."""

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="accepted for compatibility; our feature weights are fixed and documented at /algorithms",
    )
    config: dict[str, Scalar] = Field(
        default_factory=dict, description="accepted for compatibility"
    )


@router.post("/match/{dataset}", dependencies=read, tags=["yente"])
async def match(
    request: Request,
    dataset: str,
    body: EntityMatchQuery,
    response: Response,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = matching.DEFAULT_MATCH_LIMIT,
    algorithm: str | None = None,
    exclude_schema: Annotated[list[str] | None, Query()] = None,
    exclude_entity_ids: Annotated[list[str] | None, Query()] = None,
    fuzzy: bool | None = None,
    as_of: Annotated[
        str | None, Query(description="screen against the releases in force that day (YYYY-MM-DD)")
    ] = None,
) -> dict[str, Any]:
    """Match up to 100 entity examples (yente's query-by-example).

    Each result has ``score``, ``match`` (``score >= threshold``), per-feature
    ``explanations`` and the legacy ``features``; results at or below the
    cutoff are left out. ``algorithm`` accepts yente's names; our scorer is
    used for all of them.
    """
    services = services_of(request)
    when = lists.parse_date(as_of)
    queries = {key: example.model_dump(by_alias=True) for key, example in body.queries.items()}

    def run() -> dict[str, Any]:
        return matching.match_batch(
            services.snapshot_as_of(when),
            dataset,
            queries,
            threshold=threshold,
            cutoff=cutoff,
            limit=limit,
            algorithm=algorithm,
        )

    # A few queries take a millisecond or two: answering inline is cheaper than a thread hop.
    # Big batches, as-of snapshots and a cold index go to the thread pool to keep the loop free.
    if len(queries) <= INLINE_QUERIES and when is None and services.ready:
        result = run()
    else:
        result = await run_in_threadpool(run)
    if exclude_schema or exclude_entity_ids:
        drop_ids = set(exclude_entity_ids or [])
        drop_schemata = set(exclude_schema or [])
        for inner in result["responses"].values():
            inner["results"] = [
                r
                for r in inner["results"]
                if r["id"] not in drop_ids and r["schema"] not in drop_schemata
            ]
    response.headers["x-batch-size"] = str(len(queries))
    return result


@router.get("/search/{dataset}", dependencies=read, tags=["yente"])
def search(
    request: Request,
    dataset: str,
    q: str = "",
    schema: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=9999)] = 0,
) -> dict[str, Any]:
    """Free-text search of one dataset; an empty ``q`` browses it alphabetically."""
    snapshot = services_of(request).snapshot()
    return matching.search(snapshot, dataset, q, schema=schema, limit=limit, offset=offset)


@router.get("/entities/{entity_id}", dependencies=read, tags=["yente"], response_model=None)
def entity(
    request: Request,
    entity_id: str,
    nested: bool = True,
    as_of: str | None = None,
) -> dict[str, Any] | RedirectResponse:
    """One listed entity, designations nested as ``Sanction`` entities.

    A list reference (``KPi.033``) redirects (308) to the entity's id, as yente
    does for merged ids. ``as_of=YYYY-MM-DD`` gives the entry as it stood that day.
    """
    services = services_of(request)
    body = lists.entity(services, entity_id, lists.parse_date(as_of), nested=nested)
    if body["id"] != entity_id:
        url = request.url_for("entity", entity_id=body["id"]).include_query_params(
            **request.query_params
        )
        return RedirectResponse(str(url), status_code=308)
    return body


@router.get("/catalog", dependencies=read, tags=["yente"])
def catalog(request: Request) -> dict[str, Any]:
    """The datasets this server can match against: ``default``, one per list, one per regime."""
    services = services_of(request)
    snapshot = services.snapshot()
    releases = lists.releases(services)
    latest: dict[str, str] = {}
    for rel in releases:
        stamp = str(rel.get("published") or rel.get("loaded_at") or "")
        if stamp > latest.get(rel["source"], ""):
            latest[rel["source"]] = stamp
    datasets = []
    for ds in snapshot.catalog.to_list():
        sources = ds.sources or tuple(latest)
        updated = max((latest.get(s, "") for s in sources), default="") or None
        datasets.append(
            {
                "name": ds.name,
                "title": ds.title,
                "summary": ds.title,
                "load": True,
                "entity_count": ds.entity_count,
                "thing_count": ds.entity_count,
                "children": list(ds.children),
                "version": snapshot.state_key,
                "index_version": snapshot.state_key,
                "index_current": True,
                "updated_at": updated,
                "last_export": updated,
                "sources": list(ds.sources) if ds.sources else None,
                "programs": list(ds.programs) if ds.programs else None,
            }
        )
    names = [d["name"] for d in datasets]
    return {"datasets": datasets, "current": names, "outdated": [], "index_stale": False}


@router.get("/algorithms", tags=["yente"])
def algorithms() -> dict[str, Any]:
    """The scoring algorithm (yente's names ``best``, ``logic-v2``, ... are served by it)."""
    from sanctionwatch.services.algorithms import describe

    return describe()


@router.get("/healthz", tags=["yente"])
def healthz() -> dict[str, str]:
    """Liveness: the process is up."""
    return {"status": "ok"}


@router.get("/readyz", tags=["yente"], response_model=None)
def readyz(request: Request) -> dict[str, Any]:
    """Readiness: 503 until the screening index is built."""
    services = services_of(request)
    if not services.ready:
        raise NotReadyError(
            "the screening index is not ready",
            hint="retry in a few seconds; see the server log if this lasts",
        )
    snap = services.snapshot()
    return {
        "status": "ok",
        "entities": len(snap.entities),
        "index_seconds": round(snap.build_seconds, 3),
    }
