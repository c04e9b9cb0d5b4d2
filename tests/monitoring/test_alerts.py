from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from sanctionwatch.errors import ConflictError, InputError
from sanctionwatch.monitoring import alerts, audit, books
from sanctionwatch.monitoring.tables import alerts as alerts_table
from sanctionwatch.store import Store


def _alert(store: Store, four_eyes: bool = False) -> int:
    book = books.ensure_book(store.engine, "book", threshold=0.7, four_eyes=four_eyes)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        key = conn.execute(
            alerts_table.insert().values(
                book_id=book.id,
                external_id="c1",
                entity_id="un-KPi.033",
                source="un",
                reference="KPi.033",
                caption="KIM JONG UN",
                status=alerts.OPEN,
                score=0.93,
                explanation={},
                basis={},
                basis_hash="x",
                lock_version=1,
                created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key
    assert key is not None
    return int(key[0])


def test_dismiss_records_reviewer_time_and_reason(store: Store) -> None:
    alert_id = _alert(store)
    decision = alerts.decide(store.engine, alert_id, "dismiss", "ana", "different DOB")
    assert (decision.from_status, decision.to_status) == ("open", "dismissed")
    shown = alerts.get_alert(store.engine, alert_id)
    assert shown["status"] == "dismissed"
    assert shown["decisions"][0]["reviewer"] == "ana"
    assert shown["decisions"][0]["reason"] == "different DOB"
    assert [e["action"] for e in audit.entries(store.engine)][-1] == "alert.decision"


def test_invalid_transitions_and_missing_reason(store: Store) -> None:
    alert_id = _alert(store)
    with pytest.raises(InputError, match="reason"):
        alerts.decide(store.engine, alert_id, "dismiss", "ana", "  ")
    with pytest.raises(InputError, match="unknown action"):
        alerts.decide(store.engine, alert_id, "ignore", "ana", "x")
    with pytest.raises(ConflictError, match="cannot reopen"):
        alerts.decide(store.engine, alert_id, "reopen", "ana", "x")


def test_four_eyes_needs_a_second_reviewer(store: Store) -> None:
    alert_id = _alert(store, four_eyes=True)
    first = alerts.decide(store.engine, alert_id, "confirm", "ana", "same passport")
    assert first.to_status == alerts.PENDING
    with pytest.raises(ConflictError, match="second reviewer"):
        alerts.decide(store.engine, alert_id, "confirm", "ana", "still sure")
    second = alerts.decide(store.engine, alert_id, "confirm", "ben", "agree: same passport")
    assert second.to_status == alerts.CONFIRMED


def test_without_four_eyes_one_confirmation_is_enough(store: Store) -> None:
    alert_id = _alert(store)
    assert alerts.decide(store.engine, alert_id, "confirm", "ana", "match").to_status == "confirmed"


def test_concurrent_decisions_do_not_both_win(store: Store) -> None:
    alert_id = _alert(store)
    version = alerts.get_alert(store.engine, alert_id)["lock_version"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(action: str, reviewer: str) -> None:
        barrier.wait()
        try:
            alerts.decide(
                store.engine, alert_id, action, reviewer, "race", expected_version=version
            )
            outcomes.append(f"won:{action}")
        except ConflictError:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=decide, args=("confirm", "ana")),
        threading.Thread(target=decide, args=("dismiss", "ben")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "won"]
    shown = alerts.get_alert(store.engine, alert_id)
    assert len(shown["decisions"]) == 1
    assert shown["status"] == shown["decisions"][0]["to"]
