"""Re-screening on real UN releases: incremental equals full, suppression, reopening.

Store fixture: UN releases 2025-11-20, 2025-11-29 (two amended notes) and
2025-12-10 (IQi.074 delisted), loaded once per module (about 10 s) and copied
per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.monitoring import alerts, books
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.store import Store
from tests.conftest import SHARED_DATA

UN = SHARED_DATA / "lists" / "un"
RELEASES = ["2025-11-20", "2025-11-29", "2025-12-10"]

BOOK = [
    {"id": "c-qubaysi", "name": "Munir Al-Qubaysi", "birth_date": "1966"},
    {"id": "c-prophane", "name": "Victor Prophane"},
    {"id": "c-caddow", "name": "Abdullahi Osman Mohamed Caddow"},
    {"id": "c-ryonbong", "name": "Korea Ryonbong General Corp.", "schema": "Organization"},
    {"id": "c-tanchon", "name": "Tanchon Commercial Bank", "schema": "Organization"},
    {"id": "c-smith", "name": "John Smith", "birth_date": "1980-02-03"},
    {"id": "c-garcia", "name": "Maria Garcia Lopez"},
    {"id": "c-baker", "name": "Baker Street Trading Ltd", "schema": "Company"},
]


def _un(day: str) -> Path:
    return UN / f"un_consolidated_{day}.xml"


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """SQLite files with the first release only, and with all three releases."""
    root = tmp_path_factory.mktemp("rescreen")
    first = root / "first.db"
    Store.open(f"sqlite:///{first}").load_files([_un(RELEASES[0])], "un")
    every = root / "all.db"
    shutil.copy(first, every)
    Store.open(f"sqlite:///{every}").load_files([_un(d) for d in RELEASES[1:]], "un")
    return {"first": first, "all": every}


def _copy(src: Path, tmp_path: Path, name: str) -> Store:
    dest = tmp_path / name
    shutil.copy(src, dest)
    return Store.open(f"sqlite:///{dest}")


def _import(store: Store, tmp_path: Path, write_csv: Callable[..., Path]) -> None:
    path = write_csv(tmp_path / "book.csv", BOOK)
    book = books.ensure_book(store.engine, "customers", threshold=0.7)
    books.import_records(store.engine, book, books.read_records(path))


def _active(store: Store) -> set[tuple[str, str, float]]:
    return {
        (a["external_id"], a["entity_id"], round(a["score"], 9))
        for a in alerts.list_alerts(store.engine, "customers")
        if a["status"] in alerts.ACTIVE
    }


def _by_record(store: Store) -> dict[str, dict[str, Any]]:
    return {a["external_id"]: a for a in alerts.list_alerts(store.engine, "customers")}


def test_incremental_equals_full(
    loaded_db: dict[str, Path], tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    incremental = _copy(loaded_db["first"], tmp_path, "inc.db")
    _import(incremental, tmp_path, write_csv)
    first = rescreen_book(incremental, "customers")
    assert first.mode == "incremental" and first.records_screened == len(BOOK)
    raised = _by_record(incremental)
    assert {"c-qubaysi", "c-prophane", "c-caddow", "c-ryonbong", "c-tanchon"} <= set(raised)
    assert not {"c-smith", "c-garcia", "c-baker"} & set(raised)

    for day in RELEASES[1:]:
        outcome = after_load(incremental, incremental.load_files([_un(day)], "un"))
        [run] = outcome.runs
        assert run.mode == "incremental"
    # IQi.074 was delisted on 2025-12-10: its alert is withdrawn, not deleted.
    assert _by_record(incremental)["c-qubaysi"]["status"] == alerts.WITHDRAWN

    full = _copy(loaded_db["all"], tmp_path, "full.db")
    _import(full, tmp_path, write_csv)
    rescreen_book(full, "customers", full=True)
    assert _active(incremental) == _active(full)
    assert len(_active(full)) >= 4


def test_dismissed_alert_is_not_raised_again_until_the_match_changes(
    loaded_db: dict[str, Path], tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    store = _copy(loaded_db["first"], tmp_path, "sup.db")
    _import(store, tmp_path, write_csv)
    rescreen_book(store, "customers")
    alert = _by_record(store)["c-prophane"]
    alerts.decide(store.engine, alert["id"], "dismiss", "ana", "customer born 1990, not him")

    # 2025-11-29 amends HTi.006's notes only: nothing the match rests on.
    outcome = after_load(store, store.load_files([_un(RELEASES[1])], "un"))
    assert outcome.changes and "un-HTi.006" in outcome.changes[0].amended
    assert outcome.runs[0].new == [] and outcome.runs[0].reopened == []
    assert _by_record(store)["c-prophane"]["status"] == alerts.DISMISSED

    # The customer's record changes in a way that matters: the alert reopens, showing why.
    changed = [dict(r) for r in BOOK]
    changed[1] = {"id": "c-prophane", "name": "Victor Prophane", "nationality": "ht"}
    path = write_csv(tmp_path / "book2.csv", changed)
    books.import_records(
        store.engine, books.get_book(store.engine, "customers"), books.read_records(path)
    )
    run = rescreen_book(store, "customers")
    assert [p["record"] for p in run.reopened] == ["c-prophane"]
    reopened = _by_record(store)["c-prophane"]
    assert reopened["status"] == alerts.OPEN
    assert reopened["reopen_reason"]["changes"]["record"] == {
        "nationality": {"old": None, "new": "ht"}
    }


def test_amended_list_entry_reopens_a_dismissed_alert(
    loaded_db: dict[str, Path], tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    store = _copy(loaded_db["all"], tmp_path, "amend.db")
    _import(store, tmp_path, write_csv)
    rescreen_book(store, "customers")
    alert = _by_record(store)["c-caddow"]
    alerts.decide(store.engine, alert["id"], "dismiss", "ana", "namesake")

    # A later release adds an alias to SOi.022 (a derived copy of the real file).
    text = _un(RELEASES[2]).read_text(encoding="utf-8")
    text = text.replace('dateGenerated="2025-12-10', 'dateGenerated="2025-12-20', 1)
    marker = "<REFERENCE_NUMBER>SOi.022</REFERENCE_NUMBER>"
    assert marker in text
    start = text.index(marker)
    alias_at = text.index("<INDIVIDUAL_ALIAS>", start)
    alias = (
        "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abdullahi Caddow Osman</ALIAS_NAME>"
        "</INDIVIDUAL_ALIAS>"
    )
    amended = tmp_path / "un_consolidated_2025-12-20.xml"
    amended.write_text(text[:alias_at] + alias + text[alias_at:], encoding="utf-8")

    outcome = after_load(store, store.load_files([amended], "un"))
    assert outcome.changes[0].amended == {"un-SOi.022"}
    [run] = outcome.runs
    assert [p["record"] for p in run.reopened] == ["c-caddow"]
    reason = _by_record(store)["c-caddow"]["reopen_reason"]
    assert "Abdullahi Caddow Osman" in reason["changes"]["entity"]["alias"]["new"]
