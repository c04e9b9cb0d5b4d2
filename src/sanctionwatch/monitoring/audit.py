"""Append-only, tamper-evident audit log.

Each row's hash covers its own fields and the previous row's hash, so editing,
deleting or reordering any row breaks the chain from that row on. Retention
pruning removes the oldest rows and records where the surviving chain starts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

import sqlalchemy as sa

from sanctionwatch.monitoring.tables import audit_anchor, audit_log

GENESIS = "0" * 64
DEFAULT_RETENTION_DAYS = 3650  # OFAC: keep records for 10 years


def _row_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str, payload: str) -> str:
    material = "\x1f".join([prev_hash, str(seq), _iso(at), actor, action, payload])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _iso(at: datetime) -> str:
    # SQLite returns naive datetimes; all our times are UTC.
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def append(conn: sa.Connection, action: str, payload: dict[str, Any], actor: str = "system") -> int:
    """Add one entry inside the caller's transaction; returns its sequence number."""
    last = conn.execute(
        sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    if last is None:
        anchor = conn.execute(sa.select(audit_anchor.c.seq, audit_anchor.c.prev_hash)).first()
        seq, prev_hash = (anchor.seq, anchor.prev_hash) if anchor else (1, GENESIS)
    else:
        seq, prev_hash = last.seq + 1, last.hash
    at = datetime.now(UTC)
    body = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    conn.execute(
        audit_log.insert().values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            payload=body,
            prev_hash=prev_hash,
            hash=_row_hash(prev_hash, seq, at, actor, action, body),
        )
    )
    return int(seq)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(engine: sa.Engine) -> VerifyResult:
    """Recompute the chain; report the first row that does not fit."""
    with engine.connect() as conn:
        anchor = conn.execute(sa.select(audit_anchor.c.seq, audit_anchor.c.prev_hash)).first()
        expected_seq, prev_hash = (anchor.seq, anchor.prev_hash) if anchor else (1, GENESIS)
        checked = 0
        for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)):
            if row.seq != expected_seq:
                return VerifyResult(False, checked, row.seq, f"expected entry {expected_seq} next")
            if row.prev_hash != prev_hash:
                return VerifyResult(False, checked, row.seq, "link to the previous entry is broken")
            digest = _row_hash(prev_hash, row.seq, row.at, row.actor, row.action, row.payload)
            if digest != row.hash:
                return VerifyResult(
                    False, checked, row.seq, "entry was changed after it was written"
                )
            prev_hash = row.hash
            expected_seq += 1
            checked += 1
    return VerifyResult(True, checked)


def entries(engine: sa.Engine, since_seq: int = 0) -> Iterator[dict[str, Any]]:
    """All entries from ``since_seq`` on, oldest first, as plain dicts."""
    with engine.connect() as conn:
        query = sa.select(audit_log).where(audit_log.c.seq >= since_seq).order_by(audit_log.c.seq)
        for row in conn.execute(query):
            yield {
                "seq": row.seq,
                "at": _iso(row.at),
                "actor": row.actor,
                "action": row.action,
                "payload": json.loads(row.payload),
                "prev_hash": row.prev_hash,
                "hash": row.hash,
            }


def export_jsonl(engine: sa.Engine, fh: TextIO) -> int:
    """Write every entry as one JSON line; returns the count."""
    count = 0
    for entry in entries(engine):
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        count += 1
    return count


def prune(engine: sa.Engine, retention_days: int = DEFAULT_RETENTION_DAYS) -> int:
    """Delete entries older than the retention period, keeping the chain verifiable."""
    cutoff = datetime.now(UTC) - timedelta(days=retention_days)
    with engine.begin() as conn:
        first_kept = conn.execute(
            sa.select(audit_log.c.seq, audit_log.c.prev_hash)
            .where(audit_log.c.at >= cutoff)
            .order_by(audit_log.c.seq)
            .limit(1)
        ).first()
        if first_kept is None:
            last = conn.execute(
                sa.select(audit_log.c.seq, audit_log.c.hash)
                .order_by(audit_log.c.seq.desc())
                .limit(1)
            ).first()
            if last is None:
                return 0
            anchor_seq, anchor_hash = last.seq + 1, last.hash
        else:
            anchor_seq, anchor_hash = first_kept.seq, first_kept.prev_hash
        deleted = conn.execute(audit_log.delete().where(audit_log.c.seq < anchor_seq)).rowcount
        if deleted:
            conn.execute(audit_anchor.delete())
            conn.execute(
                audit_anchor.insert().values(
                    id=1, seq=anchor_seq, prev_hash=anchor_hash, pruned_at=datetime.now(UTC)
                )
            )
            append(conn, "audit.pruned", {"deleted": deleted, "before": _iso(cutoff)})
        return int(deleted)
