"""The FastAPI app factory: API routers, web pages, error handling and limits in one app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from sanctionwatch import __version__
from sanctionwatch.api import errors, maritime, monitoring, native, yente
from sanctionwatch.api.limits import BodyLimitMiddleware
from sanctionwatch.api.settings import ServerSettings
from sanctionwatch.services.context import Services

if TYPE_CHECKING:
    from sanctionwatch.store import Store

UPLOAD_PREFIXES = ("/api/batch", "/api/lists", "/api/books", "/api/ais/ingest")

DESCRIPTION = """
Sanctions lists with full history, name screening with explanations, and batch screening.

* **yente-compatible**: `POST /match/{dataset}`, `GET /search/{dataset}`, `GET /entities/{id}`,
  `GET /catalog`, `GET /algorithms`, `GET /healthz`, `GET /readyz` take and return what
  OpenSanctions' yente does, so its clients work unchanged.
* **sanctionwatch**: `/api/releases`, `/api/diff`, `/api/entities/{id}/history`, `as_of` queries,
  `/api/screen`, list loads and batch screening jobs under `/api/batch`.
* **Tokens**: writes (list loads, batch jobs) need `Authorization: Bearer <token>`
  (`sanctionwatch tokens create NAME`); reads too when `SANCTIONWATCH_READ_TOKEN_REQUIRED=true`.
* **Errors** always have one shape: `{"ok": false, "status", "error", "detail", "hint", "errors"}`,
  with yente's status codes: 400 a query or file that cannot be used (unknown schema, no name,
  more than 100 queries, a CSV without a `name` column), 401 a missing or invalid token,
  404 an unknown dataset, entity, source or job, 405 a wrong method, 409 results of an unfinished
  job, 413 a body over the limit (refused before it is read), 422 a malformed body or parameter,
  500 an internal error (details only in the server log), 503 the index is still being built.
"""


def create_app(settings: ServerSettings, store: Store | None = None) -> FastAPI:
    """Build the app; opens ``settings.db_url`` unless a ``store`` is passed in."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services: Services = app.state.services
        services.start()
        yield

    if store is None:
        from sanctionwatch.store import Store

        store = Store.open(settings.db_url)
    services = Services(store, jobs_dir=settings.jobs_dir, refresh_seconds=settings.refresh_seconds)

    app = FastAPI(
        title="sanctionwatch",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.services = services
    errors.install(app)
    app.add_middleware(
        BodyLimitMiddleware,
        body_limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
        upload_prefixes=UPLOAD_PREFIXES,
    )
    app.include_router(yente.router)
    app.include_router(native.router)
    app.include_router(monitoring.router)
    app.include_router(maritime.router)

    from sanctionwatch.web import routes as web

    web.install(app)
    return app
