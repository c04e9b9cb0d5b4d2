"""The issue's acceptance scenario on the real OFAC releases of 2023-11-30 and 2023-12-01.

2023-12-01 added nine entries (eight DPRK designations). A book holding four of
those names, with birth dates and a passport the customer file would carry,
must raise exactly those alerts; a dismissal must survive a reload; an
amendment of the entry must reopen it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sanctionwatch.monitoring import alerts, books
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.store import Store
from tests.conftest import SHARED_DATA

OFAC = SHARED_DATA / "lists" / "ofac"

BOOK = [
    {"id": "k1", "name": "Phyong Guk Kang", "birth_date": "1978-06-07", "nationality": "kp"},
    {"id": "k2", "name": "Ri Sung-il", "birth_date": "1966-12-10"},
    {"id": "k3", "name": "IM Song Sun", "passport": "745335827"},
    {"id": "k4", "name": "Choe Un-hyok", "birth_date": "1985"},
    {"id": "n1", "name": "Jennifer Lopez", "birth_date": "1969-07-24"},
    {"id": "n2", "name": "Harbor Pioneer Shipping Ltd", "schema": "Company"},
    {"id": "n3", "name": "Daniel Kang", "birth_date": "1990-01-01", "nationality": "us"},
]
NEW_IDS = {"k1": "ofac-37656", "k2": "ofac-37657", "k3": "ofac-46130", "k4": "ofac-46449"}


@pytest.fixture(scope="module")
def before_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ofac") / "before.db"
    Store.open(f"sqlite:///{path}").load_files([OFAC / "sdn_2023-11-30.csv"], "ofac")
    return path


@pytest.mark.slow
def test_daily_update_raises_exactly_the_new_designations(
    before_db: Path, tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    shutil.copy(before_db, tmp_path / "sw.db")
    store = Store.open(f"sqlite:///{tmp_path / 'sw.db'}")
    book = books.ensure_book(store.engine, "customers", threshold=0.7)
    path = write_csv(tmp_path / "book.csv", BOOK)
    books.import_records(store.engine, book, books.read_records(path))
    baseline = rescreen_book(store, "customers")
    baseline_pairs = {(p["record"], p["entity"]) for p in baseline.new}

    update = OFAC / "sdn_2023-12-01.csv"
    outcome = after_load(store, store.load_files([update], "ofac"))
    [change] = outcome.changes
    assert len(change.added) == 9 and not change.amended and not change.removed
    [run] = outcome.runs
    raised = {(p["record"], p["entity"]) for p in run.new}
    assert raised == set(NEW_IDS.items()), (raised, baseline_pairs)

    # Dismiss one; loading the same release again changes nothing and raises nothing.
    alert = next(a for a in alerts.list_alerts(store.engine) if a["external_id"] == "k4")
    alerts.decide(store.engine, alert["id"], "dismiss", "ana", "customer is a different Choe")
    again = after_load(store, store.load_files([update], "ofac"))
    assert again.changes == [] and again.runs == []

    # A later release amends CHOE Un Hyok (adds a passport): the dismissal lapses.
    text = update.read_text(encoding="latin-1")
    old = "DOB 19 Oct 1985; nationality Korea, North;"
    assert text.count(old) == 1
    amended = tmp_path / "sdn_2023-12-02.csv"
    amended.write_text(text.replace(old, old + " Passport 563410081 (Korea, North);"), "latin-1")
    outcome = after_load(store, store.load_files([amended], "ofac"))
    assert outcome.changes[0].amended == {"ofac-46449"}
    [run] = outcome.runs
    assert [(p["record"], p["entity"]) for p in run.reopened] == [("k4", "ofac-46449")]
    assert run.new == []
    reopened = alerts.get_alert(store.engine, alert["id"])
    assert reopened["status"] == alerts.OPEN
    assert reopened["reopen_reason"]["changes"]["entity"]["passportNumber"]["new"] == ["563410081"]
