"""Token checks: writes always need a token; reads only when the setting says so.

Accepted forms: ``Authorization: Bearer <token>``, ``Authorization: ApiKey
<token>`` (what yente clients send), ``X-API-Key: <token>``.
"""

from __future__ import annotations

from fastapi import Request

from sanctionwatch.errors import AuthError
from sanctionwatch.services.context import Services
from sanctionwatch.services.tokens import TokenInfo


def token_from(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() in {"bearer", "apikey", "token"} and value.strip():
        return value.strip()
    key = request.headers.get("x-api-key", "").strip()
    return key or None


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _token_or_error(request: Request) -> str:
    token = token_from(request)
    if token is None:
        raise AuthError(
            "this operation needs an API token",
            hint="send 'Authorization: Bearer <token>'; create one with: sanctionwatch tokens create NAME",
        )
    return token


def require_write(request: Request) -> TokenInfo:
    """Dependency for write operations (list loads, batch jobs): a valid token or 401.

    Checked against the database every time, so a revocation takes effect at once.
    """
    return services_of(request).tokens.verify(_token_or_error(request))


async def require_read(request: Request) -> TokenInfo | None:
    """Dependency for reads: public unless SANCTIONWATCH_READ_TOKEN_REQUIRED is set.

    Async so a public read never takes a trip through the thread pool.
    """
    if not request.app.state.settings.read_token_required:
        return None
    return services_of(request).tokens.verify_cached(_token_or_error(request))
