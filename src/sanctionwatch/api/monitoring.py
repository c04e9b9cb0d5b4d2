"""Monitoring endpoints: books, re-screening, the alert queue, decisions, audit and webhooks.

Writes need a token, and a decision's reviewer is the token's name, so the
four-eyes rule compares authenticated identities, not typed-in names.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sanctionwatch.api.limits import save_body
from sanctionwatch.api.security import require_read, require_write, services_of
from sanctionwatch.monitoring import audit, webhooks
from sanctionwatch.monitoring.tables import create_tables
from sanctionwatch.services import monitoring
from sanctionwatch.services.tokens import TokenInfo

router = APIRouter(prefix="/api", tags=["monitoring"])
read = [Depends(require_read)]
Writer = Annotated[TokenInfo, Depends(require_write)]


@router.get("/books", dependencies=read)
def list_books(request: Request) -> dict[str, Any]:
    """Books with their record counts and settings."""
    from sanctionwatch.monitoring.books import list_books as books

    return {"books": books(services_of(request).store.engine)}


@router.post("/books/{name}/records", status_code=201)
async def import_records(
    request: Request,
    name: str,
    token: Writer,
    threshold: Annotated[float | None, Query(gt=0.0, le=1.0)] = None,
    four_eyes: bool | None = None,
) -> dict[str, Any]:
    """Import records (CSV with ``id,name,...`` or JSON/JSONL) into a book and screen the new ones."""
    services = services_of(request)
    path, filename = await save_body(request, services.jobs.root / "uploads")
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ".csv"
    named = path.with_suffix(suffix)
    path.rename(named)
    try:
        return await run_in_threadpool(
            monitoring.import_book, services, name, named, threshold, four_eyes, token.name
        )
    finally:
        named.unlink(missing_ok=True)


@router.post("/books/{name}/rescreen")
async def rescreen(
    request: Request, name: str, token: Writer, full: bool = False
) -> dict[str, Any]:
    """Re-screen a book now: new and changed records, or every record with ``full=true``."""
    return await run_in_threadpool(
        monitoring.rescreen, services_of(request), name, full, token.name
    )


@router.get("/alerts", dependencies=read)
def alert_queue(
    request: Request,
    book: str | None = None,
    status: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> dict[str, Any]:
    """The alert queue: active alerts by default, or those with ``status``."""
    return monitoring.queue(services_of(request), book, status, limit)


@router.get("/alerts/{alert_id}", dependencies=read)
def alert_case(request: Request, alert_id: int) -> dict[str, Any]:
    """One alert: record and list entry side by side, explanation, decisions and history."""
    return monitoring.case(services_of(request), alert_id)


class DecisionBody(BaseModel):
    action: Literal["confirm", "dismiss", "escalate", "reopen"]
    reason: str = Field(min_length=1, max_length=5000)
    lock_version: int | None = Field(
        default=None, description="The version you reviewed; a stale one gets 409."
    )


@router.post("/alerts/{alert_id}/decision")
def decide(request: Request, alert_id: int, body: DecisionBody, token: Writer) -> dict[str, Any]:
    """Record a review decision; the reviewer is the token's name. 409 if someone decided first."""
    return monitoring.decide(
        services_of(request), alert_id, body.action, token.name, body.reason, body.lock_version
    )


@router.get("/audit", dependencies=[Depends(require_write)])
def audit_entries(
    request: Request,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
) -> dict[str, Any]:
    """Audit entries from sequence number ``since`` on."""
    engine = services_of(request).store.engine
    create_tables(engine)
    found = []
    for entry in audit.entries(engine, since):
        found.append(entry)
        if len(found) >= limit:
            break
    return {"entries": found}


@router.get("/audit/verify", dependencies=[Depends(require_write)])
def audit_verify(request: Request) -> dict[str, Any]:
    """Recompute the hash chain; ``ok`` is false with the first entry that does not fit."""
    engine = services_of(request).store.engine
    create_tables(engine)
    result = audit.verify(engine)
    return {
        "ok": result.ok,
        "checked": result.checked,
        "first_bad_seq": result.first_bad_seq,
        "problem": result.problem,
    }


class WebhookBody(BaseModel):
    url: str = Field(min_length=8, max_length=2000)
    secret: str = Field(min_length=16, max_length=200)


@router.post("/webhooks", status_code=201)
def add_webhook(request: Request, body: WebhookBody, token: Writer) -> dict[str, Any]:
    """Subscribe a URL to new and reopened alerts (HMAC-SHA256 signed with ``secret``)."""
    engine = services_of(request).store.engine
    return {"id": webhooks.add_webhook(engine, body.url, body.secret, actor=token.name)}
