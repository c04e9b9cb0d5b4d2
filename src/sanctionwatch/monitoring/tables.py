"""Tables monitoring adds to the store's database (same engine, own metadata)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

books = sa.Table(
    "mon_books",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("four_eyes", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# The current version of each record; every version is also in record_versions.
records = sa.Table(
    "mon_records",
    metadata,
    sa.Column("book_id", sa.Integer, sa.ForeignKey("mon_books.id"), primary_key=True),
    sa.Column("external_id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("screened_state", sa.String(64), nullable=True),
)

record_versions = sa.Table(
    "mon_record_versions",
    metadata,
    sa.Column("book_id", sa.Integer, primary_key=True),
    sa.Column("external_id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
)

alerts = sa.Table(
    "mon_alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("book_id", sa.Integer, sa.ForeignKey("mon_books.id"), nullable=False),
    sa.Column("external_id", sa.String(200), nullable=False),
    sa.Column("entity_id", sa.String(200), nullable=False),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("reference", sa.String(100), nullable=True),
    sa.Column("caption", sa.String(500), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("explanation", sa.JSON, nullable=False),
    # what the pair looked like when the alert was raised or last decided
    sa.Column("basis", sa.JSON, nullable=False),
    sa.Column("basis_hash", sa.String(64), nullable=False),
    sa.Column("reopen_reason", sa.JSON, nullable=True),
    sa.Column("lock_version", sa.Integer, nullable=False, default=1),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("book_id", "external_id", "entity_id", name="uq_mon_alert_pair"),
)

decisions = sa.Table(
    "mon_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("mon_alerts.id"), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("from_status", sa.String(30), nullable=False),
    sa.Column("to_status", sa.String(30), nullable=False),
    sa.Column("reviewer", sa.String(200), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

audit_log = sa.Table(
    "mon_audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# Where the chain starts after retention pruned older rows.
audit_anchor = sa.Table(
    "mon_audit_anchor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=False),
)

webhooks = sa.Table(
    "mon_webhooks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("secret", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

webhook_deliveries = sa.Table(
    "mon_webhook_deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("webhook_id", sa.Integer, sa.ForeignKey("mon_webhooks.id"), nullable=False),
    sa.Column("event", sa.String(60), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)


def create_tables(engine: sa.Engine) -> None:
    """Create the monitoring tables if they are missing."""
    metadata.create_all(engine)


def new_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just added."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
