"""yente-compatible endpoints on the real bundled lists (UN releases + OFAC SDN 2021-07-07)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def person(name: str, **props: Any) -> dict[str, Any]:
    return {"schema": "Person", "properties": {"name": [name], **props}}


def match(
    client: TestClient, queries: dict[str, Any], dataset: str = "default", **params: Any
) -> Any:
    response = client.post(f"/match/{dataset}", json={"queries": queries}, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_match_finds_un_entry_with_score_flag_and_explanations(client: TestClient) -> None:
    body = match(client, {"q1": person("Ri Won Ho", nationality=["North Korea"], birthDate=[1964])})
    assert set(body) == {"responses", "matcher", "limit"}
    assert body["limit"] == 5
    inner = body["responses"]["q1"]
    assert inner["status"] == 200
    top = inner["results"][0]
    assert top["id"] == "un-KPi.033"
    assert top["reference"] == "KPi.033"
    assert top["match"] is True and 0.7 < top["score"] <= 1.0
    assert top["schema"] == "Person" and top["caption"] == "RI WON HO"
    assert set(top) >= {"id", "caption", "schema", "properties", "datasets", "referents", "target"}
    assert {"first_seen", "last_seen", "last_change"} <= set(top)
    assert "un_dprk" in top["datasets"] and top["target"] is True
    name = top["explanations"]["name"]
    assert (
        name["query"] == "Ri Won Ho" and name["candidate"] == "RI WON HO" and name["score"] == 1.0
    )
    assert top["explanations"]["country"]["score"] > 0  # "North Korea" was cleaned to kp and agrees
    assert top["features"]["name"] == 1.0  # the legacy flat view for old clients
    # the query comes back cleaned by FtM: a country name becomes its code, a number a string
    assert inner["query"] == {
        "id": None,
        "schema": "Person",
        "properties": {"name": ["Ri Won Ho"], "nationality": ["kp"], "birthDate": ["1964"]},
    }
    assert inner["total"] == {"value": sum(r["match"] for r in inner["results"]), "relation": "eq"}


def test_results_are_sorted_and_limit_and_threshold_apply(client: TestClient) -> None:
    body = match(client, {"k": person("Kim Jong Sik")}, limit=3, threshold=0.99, cutoff=0.3)
    results = body["responses"]["k"]["results"]
    assert body["limit"] == 3 and len(results) == 3
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(r["match"] is (r["score"] >= 0.99) for r in results)
    assert all(r["score"] >= 0.3 for r in results)


def test_batch_keeps_client_keys_and_reports_batch_size(client: TestClient) -> None:
    queries = {
        "a": person("Ri Won Ho"),
        "b": {
            "schema": "Organization",
            "properties": {"name": "Korea Mining Development Trading Corporation"},
        },
        "nobody": person("Zzyzx Qwertyuiop"),
    }
    response = client.post("/match/default", json={"queries": queries})
    assert response.status_code == 200
    assert response.headers["x-batch-size"] == "3"
    responses = response.json()["responses"]
    assert set(responses) == {"a", "b", "nobody"}
    # listed by both the UN (KPe.001) and OFAC: both come back on top
    top = responses["b"]["results"][:2]
    assert {r["source"] for r in top} == {"un", "ofac"}
    assert "KPe.001" in {r["reference"] for r in top}
    assert responses["nobody"]["results"] == [] and responses["nobody"]["total"]["value"] == 0


def test_vessel_by_imo_number(client: TestClient) -> None:
    # CHONG CHON GANG: a DPRK freighter on the OFAC SDN list, IMO 7937317.
    imo_only = {"schema": "Vessel", "properties": {"imoNumber": ["IMO 7937317"]}}
    body = match(client, {"v": imo_only}, dataset="ofac_dprk")
    top = body["responses"]["v"]["results"][0]
    assert top["id"] == "ofac-17069" and top["match"] is True
    assert top["explanations"]["identifiers"]["score"] == 1.0
    # the same name with another (valid) IMO number is strong evidence against
    other = {
        "schema": "Vessel",
        "properties": {"name": ["Chong Chon Gang"], "imoNumber": ["9187629"]},
    }
    same = {
        "schema": "Vessel",
        "properties": {"name": ["Chong Chon Gang"], "imoNumber": ["7937317"]},
    }
    body = match(client, {"other": other, "same": same}, cutoff=0.0)
    scores = {
        key: next((r["score"] for r in inner["results"] if r["id"] == "ofac-17069"), 0.0)
        for key, inner in body["responses"].items()
    }
    assert scores["same"] > 0.9 and scores["other"] < 0.7


def test_datasets_scope_the_candidates(client: TestClient) -> None:
    q = {"q": person("Kim Jong Sik")}
    un = match(client, q, dataset="un_dprk", cutoff=0.3)["responses"]["q"]["results"]
    assert un and all(r["source"] == "un" for r in un)
    assert all("un_dprk" in r["datasets"] for r in un)
    ofac = match(client, q, dataset="ofac", cutoff=0.3)["responses"]["q"]["results"]
    assert ofac and all(r["source"] == "ofac" for r in ofac)


def test_algorithm_names_weights_and_config_are_accepted(client: TestClient) -> None:
    for algorithm in ("best", "logic-v2", "logic-v1", "sanctionwatch-v1"):
        body = client.post(
            "/match/default",
            params={"algorithm": algorithm, "fuzzy": "false"},
            json={
                "queries": {"q": person("Ri Won Ho")},
                "weights": {"name_match": 0.5},
                "config": {"nm_number_mismatch": 0.2},
            },
        )
        assert body.status_code == 200, body.text
        assert body.json()["responses"]["q"]["results"][0]["id"] == "un-KPi.033"


def test_exclusions(client: TestClient) -> None:
    body = match(client, {"q": person("Ri Won Ho")}, exclude_entity_ids=["un-KPi.033"])
    assert all(r["id"] != "un-KPi.033" for r in body["responses"]["q"]["results"])
    body = match(client, {"q": person("Ri Won Ho")}, exclude_schema=["Person"], cutoff=0.2)
    assert all(r["schema"] != "Person" for r in body["responses"]["q"]["results"])


def test_search_ranks_typed_prefixes_and_browses(client: TestClient) -> None:
    body = client.get("/search/default", params={"q": "korea mining"}).json()
    assert body["results"][0]["caption"] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert body["total"]["relation"] == "eq" and body["limit"] == 10 and body["offset"] == 0
    assert "score" in body["results"][0] and "explanations" in body["results"][0]
    browse = client.get("/search/un_dprk", params={"limit": 5, "offset": 5}).json()
    assert browse["total"]["value"] > 100 and len(browse["results"]) == 5
    assert all(r["source"] == "un" for r in browse["results"])
    people = client.get("/search/dprk", params={"q": "kim", "schema": "Person"}).json()
    assert people["results"] and all(r["schema"] == "Person" for r in people["results"])


def test_entity_nested_sanctions_and_reference_redirect(client: TestClient) -> None:
    body = client.get("/entities/un-KPi.033").json()
    assert body["id"] == "un-KPi.033" and body["caption"] == "RI WON HO"
    sanctions = body["properties"]["sanctions"]
    assert sanctions[0]["schema"] == "Sanction"
    assert sanctions[0]["properties"]["unscId"] == ["KPi.033"]
    assert sanctions[0]["properties"]["listingDate"] == ["2016-11-30"]
    flat = client.get("/entities/un-KPi.033", params={"nested": "false"}).json()
    assert "sanctions" not in flat["properties"]
    redirect = client.get("/entities/KPi.033", follow_redirects=False)
    assert redirect.status_code == 308
    assert redirect.headers["location"].endswith("/entities/un-KPi.033")


def test_catalog_lists_default_sources_and_regimes(client: TestClient) -> None:
    body = client.get("/catalog").json()
    by_name = {d["name"]: d for d in body["datasets"]}
    assert {"default", "un", "ofac", "un_dprk", "ofac_dprk", "dprk"} <= set(by_name)
    assert (
        by_name["default"]["entity_count"]
        == by_name["un"]["entity_count"] + by_name["ofac"]["entity_count"]
    )
    assert 100 < by_name["un_dprk"]["entity_count"] < by_name["un"]["entity_count"]
    assert (
        by_name["dprk"]["entity_count"]
        == by_name["un_dprk"]["entity_count"] + by_name["ofac_dprk"]["entity_count"]
    )
    assert (
        body["current"] == list(by_name) and body["outdated"] == [] and body["index_stale"] is False
    )
    assert all(d["load"] for d in body["datasets"])


def test_algorithms_health_and_readiness(client: TestClient) -> None:
    algos = client.get("/algorithms").json()
    assert algos["default"] == algos["best"] == "sanctionwatch-v1"
    assert algos["algorithms"][0]["docs"]["features"]
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ok" and ready["entities"] > 9000


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/match/{dataset}",
        "/search/{dataset}",
        "/entities/{entity_id}",
        "/catalog",
        "/api/batch",
        "/api/diff",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200
