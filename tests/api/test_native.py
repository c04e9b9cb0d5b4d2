"""sanctionwatch's own endpoints: releases, diffs, history, as-of, screening, list loads."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sw_testserver import app_client

from sanctionwatch.api.settings import ServerSettings

UN_DIR = Path(__file__).resolve().parents[2] / "src" / "sanctionwatch" / "data" / "lists" / "un"


def test_releases_in_order_with_counts(client: TestClient) -> None:
    releases = client.get("/api/releases", params={"source": "un"}).json()["releases"]
    assert [r["published"][:10] for r in releases] == ["2022-09-15", "2025-11-20", "2026-02-27"]
    latest = releases[-1]
    assert (latest["added"], latest["removed"], latest["amended"]) == (4, 1, 2)
    assert len(latest["sha256"]) == 64
    everything = client.get("/api/releases").json()["releases"]
    assert {r["source"] for r in everything} == {"un", "ofac"}


def test_unknown_source_is_404(client: TestClient) -> None:
    response = client.get("/api/releases", params={"source": "xx"})
    assert response.status_code == 404
    assert "unknown source" in response.json()["error"]


def test_diff_between_dates_matches_release_counts(client: TestClient) -> None:
    body = client.get(
        "/api/diff", params={"source": "un", "from": "2025-12-01", "to": "2026-03-01"}
    ).json()
    assert body["from"] == body["from_release"]["id"] and body["from_release"][
        "published"
    ].startswith("2025-11-20")
    assert body["to_release"]["published"].startswith("2026-02-27")
    assert (len(body["added"]), len(body["removed"]), len(body["amended"])) == (4, 1, 2)
    assert {"id", "reference", "caption"} <= set(body["added"][0])
    assert all(row["changes"] for row in body["amended"])
    timeline = client.get("/api/diff/timeline", params={"source": "un"}).json()["steps"]
    assert [(s["added"], s["removed"], s["amended"]) for s in timeline][-1] == (4, 1, 2)


def test_bad_date_is_a_clear_400(client: TestClient) -> None:
    response = client.get("/api/entities/KPi.033", params={"as_of": "last tuesday"})
    assert response.status_code == 400
    assert "as_of must be a date" in response.json()["error"]


def test_entity_history_and_as_of(client: TestClient) -> None:
    history = client.get("/api/entities/KPi.033/history").json()
    assert history["id"] == "un-KPi.033" and history["listed"] is True
    assert history["periods"][0]["first_seen"]["published"].startswith("2022-09-15")
    assert any(v["prop"] == "name" and v["value"] == "RI WON HO" for v in history["values"])
    then = client.get("/api/entities/un-KPi.033", params={"as_of": "2023-01-01"}).json()
    assert then["id"] == "un-KPi.033"
    before = client.get("/api/entities/un-KPi.033", params={"as_of": "2001-01-01"})
    assert before.status_code == 404


def test_screen_native_query(client: TestClient) -> None:
    body = client.post(
        "/api/screen", json={"name": "리원호", "schema": "Person"}, params={"dataset": "un_dprk"}
    ).json()
    top = body["results"][0]
    assert top["reference"] == "KPi.033" and top["match"] is True
    assert top["explanation"]["name"]["candidate"] == "RI WON HO"
    assert client.post("/api/screen", json={"name": ""}).status_code == 422


def test_list_load_needs_token_and_refreshes_the_index(
    fresh_store_copy: Path, tmp_path: Path
) -> None:
    settings = ServerSettings(
        db_url=f"sqlite:///{fresh_store_copy}", jobs_dir=tmp_path / "jobs", refresh_seconds=0
    )
    from sanctionwatch.services.tokens import TokenStore
    from sanctionwatch.store import Store

    store = Store.open(settings.db_url)
    token = TokenStore(store.engine).create("loader")
    store.engine.dispose()
    payload = (UN_DIR / "un_consolidated_2026-02-27.xml").read_bytes()
    for client in app_client(settings):
        refused = client.post(
            "/api/lists/un", content=payload, headers={"Content-Type": "application/xml"}
        )
        assert refused.status_code == 401
        assert refused.json()["error"] == "this operation needs an API token"
        again = client.post(
            "/api/lists/un",
            content=payload,
            headers={"Authorization": f"Bearer {token}", "X-Filename": "un.xml"},
        )
        assert again.status_code == 201, again.text
        # the same bytes are already loaded: the store changes nothing
        assert again.json()["result"][0]["created"] is False
        bad = client.post(
            "/api/lists/un", content=b"<not-xml", headers={"Authorization": f"Bearer {token}"}
        )
        assert bad.status_code == 400
        assert bad.json()["ok"] is False


def test_screening_as_of_a_past_date(client: TestClient) -> None:
    def refs(name: str, **params: str) -> set[str]:
        q = {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
        response = client.post("/match/un", json=q, params=params)
        assert response.status_code == 200, response.text
        return {r["reference"] for r in response.json()["responses"]["q"]["results"] if r["match"]}

    # SDi.007 was added in the release of 2026-02-27; IQi.074 was removed by it.
    assert "SDi.007" in refs("Gedo Hamdan Ahmed")
    assert "SDi.007" not in refs("Gedo Hamdan Ahmed", as_of="2025-12-01")
    assert "IQi.074" not in refs("Munir al Qubaysi")
    assert "IQi.074" in refs("Munir al Qubaysi", as_of="2025-12-01")
    native = client.post(
        "/api/screen",
        json={"name": "Munir al Qubaysi"},
        params={"as_of": "2025-12-01", "dataset": "un"},
    ).json()
    assert native["as_of"] == "2025-12-01" and native["results"][0]["reference"] == "IQi.074"
