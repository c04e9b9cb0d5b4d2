"""Monitoring services shared by the API and the web pages: queue, case view, decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctionwatch.errors import NotFoundError
from sanctionwatch.monitoring import alerts, books
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import deliver
from sanctionwatch.services.context import Services


def queue(
    services: Services, book: str | None, status: str | None, limit: int = 200
) -> dict[str, Any]:
    """Alerts (default: the active ones), highest score first, with the filters applied."""
    found = alerts.list_alerts(services.store.engine, book, status, limit)
    if status is None:
        found = [a for a in found if a["status"] in alerts.ACTIVE]
    return {
        "book": book,
        "status": status,
        "statuses": list(alerts.STATUSES),
        "books": books.list_books(services.store.engine),
        "alerts": [_summary(a) for a in found],
    }


def _summary(alert: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "book", "external_id", "entity_id", "source", "reference", "caption")
    return {k: alert[k] for k in keep} | {
        "status": alert["status"],
        "score": round(float(alert["score"]), 4),
        "record_name": alert["basis"].get("record", {}).get("name"),
        "reopened": alert["reopen_reason"] is not None,
        "updated_at": alert["updated_at"],
        "lock_version": alert["lock_version"],
    }


def case(services: Services, alert_id: int) -> dict[str, Any]:
    """Everything a reviewer needs: record and list entry side by side, explanation, history."""
    engine = services.store.engine
    alert = alerts.get_alert(engine, alert_id)
    book = books.get_book(engine, alert["book"])
    try:
        entity = services.store.entity(alert["entity_id"])
        listed: dict[str, Any] | None = {
            "id": entity.id,
            "schema": entity.schema,
            "source": entity.source,
            "caption": entity.caption,
            "reference": entity.reference,
            "programs": entity.programs,
            "properties": entity.properties,
        }
    except NotFoundError:
        listed = None  # delisted: the alert keeps the basis it was raised on
    return {
        "alert": alert,
        "record": alert["basis"].get("record", {}),
        "record_history": books.record_history(engine, book, alert["external_id"]),
        "entity": listed,
        "entity_basis": alert["basis"].get("entity", {}),
        "actions": [a for a, allowed in alerts.ACTIONS.items() if alert["status"] in allowed],
        "four_eyes": book.four_eyes,
    }


def decide(
    services: Services,
    alert_id: int,
    action: str,
    reviewer: str,
    reason: str,
    lock_version: int | None,
) -> dict[str, Any]:
    decision = alerts.decide(
        services.store.engine, alert_id, action, reviewer, reason, lock_version
    )
    return {
        "alert": alert_id,
        "action": decision.action,
        "from": decision.from_status,
        "to": decision.to_status,
        "reviewer": decision.reviewer,
        "reason": decision.reason,
        "at": decision.at.isoformat(),
    }


def import_book(
    services: Services,
    name: str,
    path: Path,
    threshold: float | None,
    four_eyes: bool | None,
    actor: str,
) -> dict[str, Any]:
    """Import a CSV/JSON file of records into a book, then screen what is new or changed."""
    engine = services.store.engine
    found = books.read_records(path)
    book = books.ensure_book(engine, name, threshold, four_eyes)
    result = books.import_records(engine, book, found, actor=actor)
    summary: dict[str, Any] = {
        "book": name,
        "added": len(result.added),
        "updated": len(result.updated),
        "unchanged": result.unchanged,
    }
    if services.store.releases():
        run = rescreen_book(
            services.store, name, screener=services.snapshot().screener, actor=actor
        )
        deliver(services.store, [run])
        summary["screening"] = run.summary()
    return summary


def rescreen(services: Services, name: str, full: bool, actor: str) -> dict[str, Any]:
    run = rescreen_book(
        services.store, name, full=full, screener=services.snapshot().screener, actor=actor
    )
    deliver(services.store, [run])
    return run.summary()
