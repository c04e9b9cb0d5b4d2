"""One error shape for every failure, and no stack trace ever sent to a client.

Body: ``{"ok": false, "status": 404, "error": "No such dataset.", "detail":
"No such dataset.", "hint": "...", "errors": [...]}``. ``detail`` repeats
``error`` because yente clients read that key. Browsers asking for HTML get
the same facts on a page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sanctionwatch.errors import AuthError, SanctionwatchError

log = logging.getLogger(__name__)


def error_body(
    status: int, error: str, *, hint: str | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The one JSON error shape."""
    return {
        "ok": False,
        "status": status,
        "error": error,
        "detail": error,
        "hint": hint,
        "errors": errors or [],
    }


def wants_html(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept


def render_error(
    request: Request,
    status: int,
    error: str,
    *,
    hint: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_html(request) and hasattr(request.app.state, "templates"):
        page: Response = request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "error": error, "hint": hint, "errors": errors or []},
            status_code=status,
            headers=headers,
        )
        return page
    return JSONResponse(
        error_body(status, error, hint=hint, errors=errors), status_code=status, headers=headers
    )


def _location(loc: Any) -> str:
    return ".".join(str(p) for p in loc)


async def sanctionwatch_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SanctionwatchError)
    status = exc.status if 400 <= exc.status < 600 else 500
    headers = (
        {"WWW-Authenticate": 'Bearer realm="sanctionwatch"'} if isinstance(exc, AuthError) else None
    )
    if status == 503:  # not ready yet: expected while the index builds
        log.debug("%s %s: %s", request.method, request.url.path, exc.message)
    elif status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc.message)
    return render_error(request, status, exc.message, hint=exc.hint, headers=headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": _location(e.get("loc", ())),
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors()
    ]
    summary = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors[:5]) or "invalid request"
    return render_error(request, 422, f"Invalid request: {summary}", errors=errors)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"No such page or endpoint: {request.url.path}"
    return render_error(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def unexpected_error(request: Request, exc: Exception) -> Response:
    # The trace goes to the server log only; the client learns nothing internal.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return render_error(request, 500, "Internal server error; the details are in the server log.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(SanctionwatchError, sanctionwatch_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
