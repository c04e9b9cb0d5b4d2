"""Alert lifecycle: review decisions with reviewer, time and reason.

Transitions (``action``: from → to)::

    confirm:   open, escalated          → confirmed (or pending_confirmation under four-eyes)
    confirm:   pending_confirmation     → confirmed (a second, different reviewer)
    dismiss:   open, escalated, pending_confirmation → dismissed (a false positive)
    escalate:  open, pending_confirmation → escalated
    reopen:    dismissed, confirmed, withdrawn → open

Every decision is a compare-and-set on ``lock_version``: of two concurrent
decisions on one alert, exactly one wins and the other gets ConflictError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionwatch.errors import ConflictError, InputError, NotFoundError
from sanctionwatch.monitoring import audit
from sanctionwatch.monitoring.tables import alerts, books, create_tables, decisions

OPEN = "open"
PENDING = "pending_confirmation"
CONFIRMED = "confirmed"
DISMISSED = "dismissed"
ESCALATED = "escalated"
WITHDRAWN = "withdrawn"  # the pair no longer matches, or the entity was delisted
STATUSES = (OPEN, PENDING, CONFIRMED, DISMISSED, ESCALATED, WITHDRAWN)
ACTIVE = (OPEN, PENDING, ESCALATED)

ACTIONS: dict[str, tuple[str, ...]] = {
    "confirm": (OPEN, ESCALATED, PENDING),
    "dismiss": (OPEN, ESCALATED, PENDING),
    "escalate": (OPEN, PENDING),
    "reopen": (DISMISSED, CONFIRMED, WITHDRAWN),
}


@dataclass(frozen=True)
class Decision:
    alert_id: int
    action: str
    from_status: str
    to_status: str
    reviewer: str
    reason: str
    at: datetime


def _row_dict(row: sa.Row[Any]) -> dict[str, Any]:
    data = dict(row._mapping)
    for key in ("created_at", "updated_at"):
        data[key] = audit._iso(data[key])
    return data


def list_alerts(
    engine: sa.Engine,
    book: str | None = None,
    status: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Alerts, newest first, with the book name."""
    create_tables(engine)
    if status is not None and status not in STATUSES:
        raise InputError(f"unknown status {status!r}", hint=f"use one of {', '.join(STATUSES)}")
    query = (
        sa.select(alerts, books.c.name.label("book"))
        .join(books, books.c.id == alerts.c.book_id)
        .order_by(alerts.c.score.desc(), alerts.c.id.desc())
        .limit(limit)
    )
    if book is not None:
        query = query.where(books.c.name == book)
    if status is not None:
        query = query.where(alerts.c.status == status)
    with engine.connect() as conn:
        return [_row_dict(row) for row in conn.execute(query)]


def get_alert(engine: sa.Engine, alert_id: int) -> dict[str, Any]:
    """One alert with its decisions, oldest first."""
    create_tables(engine)
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(alerts, books.c.name.label("book"), books.c.four_eyes)
            .join(books, books.c.id == alerts.c.book_id)
            .where(alerts.c.id == alert_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no alert {alert_id}", hint="list alerts with `alerts list`")
        found = _row_dict(row)
        found["decisions"] = [
            {
                "action": d.action,
                "from": d.from_status,
                "to": d.to_status,
                "reviewer": d.reviewer,
                "reason": d.reason,
                "at": audit._iso(d.at),
            }
            for d in conn.execute(
                sa.select(decisions)
                .where(decisions.c.alert_id == alert_id)
                .order_by(decisions.c.id)
            )
        ]
    return found


def decide(
    engine: sa.Engine,
    alert_id: int,
    action: str,
    reviewer: str,
    reason: str,
    expected_version: int | None = None,
) -> Decision:
    """Apply a review decision; raises ConflictError if someone else decided first."""
    if action not in ACTIONS:
        raise InputError(f"unknown action {action!r}", hint=f"use one of {', '.join(ACTIONS)}")
    reviewer = reviewer.strip()
    reason = reason.strip()
    if not reviewer:
        raise InputError("a decision needs the reviewer's name", hint="pass --reviewer")
    if not reason:
        raise InputError("a decision needs a reason", hint="pass --reason")
    current = get_alert(engine, alert_id)
    version = current["lock_version"] if expected_version is None else expected_version
    from_status = current["status"]
    if from_status not in ACTIONS[action]:
        raise ConflictError(
            f"alert {alert_id} is {from_status}; cannot {action} it",
            hint=f"{action} applies to: {', '.join(ACTIONS[action])}",
        )
    to_status = _target(action, current, reviewer)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        updated = conn.execute(
            alerts.update()
            .where(alerts.c.id == alert_id)
            .where(alerts.c.lock_version == version)
            .values(
                status=to_status,
                lock_version=version + 1,
                updated_at=now,
                reopen_reason=None if action != "reopen" else current["reopen_reason"],
            )
        ).rowcount
        if updated != 1:
            raise ConflictError(
                f"alert {alert_id} was changed by someone else while you decided",
                hint="reload the alert and decide again",
            )
        conn.execute(
            decisions.insert().values(
                alert_id=alert_id,
                action=action,
                from_status=from_status,
                to_status=to_status,
                reviewer=reviewer,
                reason=reason,
                at=now,
            )
        )
        audit.append(
            conn,
            "alert.decision",
            {
                "alert": alert_id,
                "book": current["book"],
                "record": current["external_id"],
                "entity": current["entity_id"],
                "action": action,
                "from": from_status,
                "to": to_status,
                "reason": reason,
            },
            actor=reviewer,
        )
    return Decision(alert_id, action, from_status, to_status, reviewer, reason, now)


def _target(action: str, current: dict[str, Any], reviewer: str) -> str:
    if action == "dismiss":
        return DISMISSED
    if action == "escalate":
        return ESCALATED
    if action == "reopen":
        return OPEN
    # confirm
    if not current["four_eyes"]:
        return CONFIRMED
    if current["status"] != PENDING:
        return PENDING
    first = [d for d in current["decisions"] if d["to"] == PENDING]
    if first and first[-1]["reviewer"] == reviewer:
        raise ConflictError(
            f"alert {current['id']} needs a second reviewer to confirm (four-eyes rule)",
            hint=f"ask someone other than {reviewer} to confirm",
        )
    return CONFIRMED
