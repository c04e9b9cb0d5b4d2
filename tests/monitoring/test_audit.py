from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from sanctionwatch.monitoring import audit
from sanctionwatch.monitoring.tables import audit_log, create_tables
from sanctionwatch.store import Store


def _fill(store: Store, count: int) -> None:
    create_tables(store.engine)
    with store.engine.begin() as conn:
        for n in range(count):
            audit.append(conn, "test.event", {"n": n}, actor="tester")


def test_chain_verifies_and_exports(store: Store) -> None:
    _fill(store, 5)
    result = audit.verify(store.engine)
    assert result.ok and result.checked == 5
    out = io.StringIO()
    assert audit.export_jsonl(store.engine, out) == 5
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["payload"] == {"n": 0} and first["prev_hash"] == audit.GENESIS


def test_edited_row_is_caught(store: Store) -> None:
    _fill(store, 5)
    with store.engine.begin() as conn:
        conn.execute(audit_log.update().where(audit_log.c.seq == 3).values(payload='{"n": 99}'))
    result = audit.verify(store.engine)
    assert not result.ok and result.first_bad_seq == 3 and result.checked == 2


def test_deleted_row_is_caught(store: Store) -> None:
    _fill(store, 5)
    with store.engine.begin() as conn:
        conn.execute(audit_log.delete().where(audit_log.c.seq == 2))
    result = audit.verify(store.engine)
    assert not result.ok and result.first_bad_seq == 3


def test_rehashed_forgery_is_caught_downstream(store: Store) -> None:
    # A forger who recomputes the edited row's hash still breaks the next link.
    _fill(store, 4)
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(audit_log).where(audit_log.c.seq == 2)).one()
        forged = audit._row_hash(row.prev_hash, 2, row.at, row.actor, row.action, '{"n": 7}')
        conn.execute(
            audit_log.update().where(audit_log.c.seq == 2).values(payload='{"n": 7}', hash=forged)
        )
    result = audit.verify(store.engine)
    assert not result.ok and result.first_bad_seq == 3


def test_pruning_keeps_the_rest_verifiable(store: Store) -> None:
    _fill(store, 6)
    old = datetime.now(UTC) - timedelta(days=400)
    with store.engine.begin() as conn:
        conn.execute(audit_log.update().where(audit_log.c.seq <= 3).values(at=old))
    # Back-dating broke those rows' hashes; re-seal them as if written then.
    with store.engine.begin() as conn:
        prev = audit.GENESIS
        for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all():
            digest = audit._row_hash(prev, row.seq, row.at, row.actor, row.action, row.payload)
            conn.execute(
                audit_log.update()
                .where(audit_log.c.seq == row.seq)
                .values(prev_hash=prev, hash=digest)
            )
            prev = digest
    assert audit.verify(store.engine).ok
    assert audit.prune(store.engine, retention_days=365) == 3
    result = audit.verify(store.engine)
    assert result.ok and result.checked == 4  # 3 kept + the prune's own entry
