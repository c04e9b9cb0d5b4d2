"""Monitoring over the API: book import, alert queue, case view, decisions, audit, list loads.

One app per module over a private copy of the bundled lists; two reviewers' tokens.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.api.app import create_app
from sanctionwatch.api.settings import ServerSettings
from sanctionwatch.services.tokens import TokenStore
from sanctionwatch.store import Store
from tests.conftest import SHARED_DATA

UN = SHARED_DATA / "lists" / "un"
BOOK_CSV = (
    "id,name,schema,country\n"
    "c1,Korea Ryonbong General Corp.,Organization,kp\n"
    "c2,Tanchon Commercial Bank,Organization,\n"
    "c3,Harbor Pioneer Logistics Ltd,Company,sg\n"
    "c4,Maria Garcia Lopez,Person,es\n"
)


@pytest.fixture(scope="module")
def setup(
    bundled_db: Path, server_settings: ServerSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("monitoring-api")
    db = root / "sw.db"
    shutil.copyfile(bundled_db, db)
    store = Store.open(f"sqlite:///{db}")
    tokens = TokenStore(store.engine)
    ana, ben = tokens.create("ana"), tokens.create("ben")
    store.engine.dispose()
    settings = replace(
        server_settings, db_url=f"sqlite:///{db}", jobs_dir=root / "jobs", max_upload_bytes=4 << 20
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield {"client": client, "ana": ana, "ben": ben}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _upload(setup: dict[str, Any], book: str, body: str, **params: Any) -> Any:
    return setup["client"].post(
        f"/api/books/{book}/records",
        content=body.encode(),
        params=params,
        headers={**_auth(setup["ana"]), "Content-Type": "text/csv", "X-Filename": "book.csv"},
    )


def _alert_for(setup: dict[str, Any], book: str, record: str) -> dict[str, Any]:
    queue = setup["client"].get("/api/alerts", params={"book": book}).json()["alerts"]
    return next(a for a in queue if a["external_id"] == record)


def test_import_needs_a_token(setup: dict[str, Any]) -> None:
    response = setup["client"].post("/api/books/x/records", content=b"id,name\n1,A\n")
    assert response.status_code == 401
    assert response.json()["ok"] is False and "token" in response.json()["error"]


def test_import_screens_and_fills_the_queue(setup: dict[str, Any]) -> None:
    response = _upload(setup, "customers", BOOK_CSV, threshold=0.7)
    assert response.status_code == 201, response.text
    summary = response.json()
    assert summary["added"] == 4 and summary["screening"]["new"] >= 2
    queue = setup["client"].get("/api/alerts", params={"book": "customers"}).json()
    records = {a["external_id"] for a in queue["alerts"]}
    assert {"c1", "c2"} <= records and not {"c3", "c4"} & records
    ryonbong = _alert_for(setup, "customers", "c1")
    assert ryonbong["reference"] == "KPe.002" and ryonbong["status"] == "open"
    # the page and its JSON twin come from the same service call
    page = setup["client"].get("/alerts", params={"book": "customers"})
    assert page.status_code == 200 and "KOREA RYONBONG GENERAL CORPORATION" in page.text
    twin = setup["client"].get("/alerts.json", params={"book": "customers"}).json()
    assert [a["id"] for a in twin["alerts"]] == [a["id"] for a in queue["alerts"]]


def test_bad_book_file_gets_a_clear_error(setup: dict[str, Any]) -> None:
    response = _upload(setup, "customers", "id,fullname\n1,Kim\n")
    assert response.status_code == 400
    body = response.json()
    assert "name" in body["error"] and body["ok"] is False


def test_case_view_and_decisions(setup: dict[str, Any]) -> None:
    client = setup["client"]
    alert = _alert_for(setup, "customers", "c2")
    case = client.get(f"/api/alerts/{alert['id']}").json()
    assert case["record"]["name"] == "Tanchon Commercial Bank"
    assert case["entity"]["reference"] == "KPe.003"
    assert "dismiss" in case["actions"]
    page = client.get(f"/alerts/{alert['id']}")
    assert page.status_code == 200 and "side by side" in page.text and "KPe.003" in page.text

    decided = client.post(
        f"/api/alerts/{alert['id']}/decision",
        json={
            "action": "escalate",
            "reason": "check ownership",
            "lock_version": alert["lock_version"],
        },
        headers=_auth(setup["ana"]),
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["reviewer"] == "ana" and decided.json()["to"] == "escalated"
    stale = client.post(
        f"/api/alerts/{alert['id']}/decision",
        json={"action": "dismiss", "reason": "late", "lock_version": alert["lock_version"]},
        headers=_auth(setup["ben"]),
    )
    assert stale.status_code == 409 and stale.json()["ok"] is False
    assert client.get("/alerts/not-a-number").status_code == 404


def test_four_eyes_over_the_api(setup: dict[str, Any]) -> None:
    client = setup["client"]
    assert _upload(setup, "vip", BOOK_CSV, threshold=0.7, four_eyes="true").status_code == 201
    alert = _alert_for(setup, "vip", "c1")

    def confirm(who: str) -> Any:
        return client.post(
            f"/api/alerts/{alert['id']}/decision",
            json={"action": "confirm", "reason": "same entity"},
            headers=_auth(setup[who]),
        )

    assert confirm("ana").json()["to"] == "pending_confirmation"
    assert confirm("ana").status_code == 409
    assert confirm("ben").json()["to"] == "confirmed"


def test_list_load_rescreens_books_and_audit_verifies(setup: dict[str, Any]) -> None:
    client = setup["client"]
    body = (UN / "un_consolidated_2026-05-08.xml").read_bytes()
    loaded = client.post(
        "/api/lists/un",
        content=body,
        headers={**_auth(setup["ana"]), "X-Filename": "un.xml", "Content-Type": "application/xml"},
    )
    assert loaded.status_code == 201, loaded.text
    entries = client.get("/api/audit", headers=_auth(setup["ana"])).json()["entries"]
    actions = [e["action"] for e in entries]
    assert "list.loaded" in actions
    assert actions.count("screening.run") >= 4  # two imports, then both books after the load
    assert client.get("/api/audit/verify").status_code == 401
    verified = client.get("/api/audit/verify", headers=_auth(setup["ana"])).json()
    assert verified["ok"] is True and verified["checked"] == len(entries)
