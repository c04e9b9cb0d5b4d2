"""Webhooks: POST new and reopened alerts to subscribers, signed, with retries.

Each request carries ``X-Sanctionwatch-Event``, ``X-Sanctionwatch-Delivery`` and
``X-Sanctionwatch-Signature: sha256=<hex>``, an HMAC-SHA256 of the raw body under
the subscriber's secret; receivers should recompute it and compare in constant
time. Deliveries run after the screening transaction has committed, so a slow
receiver never holds a database lock, and every attempt is recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import httpx
import sqlalchemy as sa

from sanctionwatch.errors import InputError
from sanctionwatch.monitoring import audit
from sanctionwatch.monitoring.tables import create_tables, new_id, webhook_deliveries, webhooks

SIGNATURE_HEADER = "X-Sanctionwatch-Signature"
EVENT_HEADER = "X-Sanctionwatch-Event"
DELIVERY_HEADER = "X-Sanctionwatch-Delivery"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    first_delay: float = 0.5
    factor: float = 2.0
    timeout: float = 5.0


def sign(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(secret: str, body: bytes, header: str) -> bool:
    """For receivers (and tests): does ``header`` sign ``body`` under ``secret``?"""
    return hmac.compare_digest(sign(secret, body), header)


def add_webhook(engine: sa.Engine, url: str, secret: str, actor: str = "system") -> int:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"not an http(s) URL: {url!r}", hint="e.g. https://example.org/hook")
    if len(secret) < 16:
        raise InputError("the secret is too short", hint="use at least 16 random characters")
    create_tables(engine)
    with engine.begin() as conn:
        hook_id = new_id(
            conn.execute(
                webhooks.insert().values(url=url, secret=secret, created_at=datetime.now(UTC))
            )
        )
        audit.append(conn, "webhook.added", {"id": hook_id, "url": url}, actor=actor)
    return int(hook_id)


def list_webhooks(engine: sa.Engine) -> list[dict[str, Any]]:
    create_tables(engine)
    with engine.connect() as conn:
        return [
            {"id": row.id, "url": row.url}
            for row in conn.execute(sa.select(webhooks.c.id, webhooks.c.url))
        ]


def notify(
    engine: sa.Engine,
    event: str,
    payloads: Sequence[dict[str, Any]],
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """Send each payload to every webhook; returns one delivery record per attempt series."""
    create_tables(engine)
    with engine.connect() as conn:
        hooks = conn.execute(sa.select(webhooks)).all()
    results: list[dict[str, Any]] = []
    if not hooks or not payloads:
        return results
    with httpx.Client(timeout=policy.timeout) as client:
        for hook in hooks:
            for payload in payloads:
                results.append(_deliver(engine, client, hook, event, payload, policy, sleep))
    return results


def _deliver(
    engine: sa.Engine,
    client: httpx.Client,
    hook: sa.Row[Any],
    event: str,
    payload: dict[str, Any],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
) -> dict[str, Any]:
    delivery_id = str(uuid.uuid4())
    body = json.dumps(
        {"event": event, "delivery": delivery_id, "data": payload}, default=str, ensure_ascii=False
    ).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        SIGNATURE_HEADER: sign(hook.secret, body),
    }
    delay = policy.first_delay
    error: str | None = None
    attempts = 0
    for attempts in range(1, policy.attempts + 1):
        try:
            response = client.post(hook.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code < 300:
                error = None
                break
            error = f"HTTP {response.status_code}"
            if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                break  # the receiver rejected it; retrying will not help
        if attempts < policy.attempts:
            sleep(delay)
            delay *= policy.factor
    status = "delivered" if error is None else "failed"
    with engine.begin() as conn:
        conn.execute(
            webhook_deliveries.insert().values(
                webhook_id=hook.id,
                event=event,
                payload=body.decode("utf-8"),
                attempts=attempts,
                status=status,
                last_error=error,
                at=datetime.now(UTC),
            )
        )
        audit.append(
            conn,
            f"webhook.{status}",
            {
                "webhook": hook.id,
                "event": event,
                "delivery": delivery_id,
                "attempts": attempts,
                "error": error,
            },
        )
    return {
        "webhook": hook.id,
        "delivery": delivery_id,
        "status": status,
        "attempts": attempts,
        "error": error,
    }
