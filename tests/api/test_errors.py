"""Every failure has one JSON shape, carries yente's status code, and never leaks a trace."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

ERROR_KEYS = {"ok", "status", "error", "detail", "hint", "errors"}


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    assert body["error"] and body["detail"] == body["error"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


def still_serving(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ok = client.post(
        "/match/default",
        json={"queries": {"q": {"schema": "Person", "properties": {"name": "Ri Won Ho"}}}},
    )
    assert ok.status_code == 200


def test_error_shape_is_pinned(client: TestClient) -> None:
    body = assert_error(client.get("/entities/no-such-entity"), 404)
    assert body["hint"]  # says what to do next
    assert isinstance(body["errors"], list)


def test_malformed_json_body_is_422(client: TestClient) -> None:
    response = client.post(
        "/match/default", content=b'{"queries": {', headers={"Content-Type": "application/json"}
    )
    body = assert_error(response, 422)
    assert body["errors"] and body["errors"][0]["type"] == "json_invalid"
    still_serving(client)


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"queries": {"q": {"properties": {"name": "x"}}}}, 422, "schema"),
        (
            {"queries": {"q": {"schema": "Banana", "properties": {"name": "x"}}}},
            400,
            "Cannot parse example entity",
        ),
        (
            {"queries": {"q": {"schema": "Sanction", "properties": {"program": "x"}}}},
            400,
            "cannot be matched",
        ),
        (
            {"queries": {"q": {"schema": "Person", "properties": {"birthDate": "1970"}}}},
            400,
            "no name",
        ),
        ({"queries": {}}, 400, "No queries provided."),
        ({"nothing": 1}, 422, "queries"),
        ([1, 2], 422, "Invalid request"),
    ],
)
def test_bad_match_bodies(client: TestClient, payload: Any, status: int, message: str) -> None:
    body = assert_error(client.post("/match/default", json=payload), status)
    assert message in body["error"]
    still_serving(client)


def test_unknown_dataset_is_404(client: TestClient) -> None:
    body = assert_error(
        client.post(
            "/match/nowhere",
            json={"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}},
        ),
        404,
    )
    assert body["error"] == "No such dataset."
    assert_error(client.get("/search/nowhere", params={"q": "x"}), 404)
    still_serving(client)


def test_101_queries_are_refused(client: TestClient) -> None:
    queries = {
        f"q{i}": {"schema": "Person", "properties": {"name": f"Person {i}"}} for i in range(101)
    }
    body = assert_error(client.post("/match/default", json={"queries": queries}), 400)
    assert "limit is 100" in body["error"]
    hundred = dict(list(queries.items())[:100])
    assert client.post("/match/default", json={"queries": hundred}).status_code == 200
    still_serving(client)


def test_bad_parameters(client: TestClient) -> None:
    q = {"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}}
    assert_error(client.post("/match/default", json=q, params={"algorithm": "magic"}), 400)
    assert_error(client.post("/match/default", json=q, params={"threshold": "2"}), 422)
    assert_error(client.post("/match/default", json=q, params={"limit": "0"}), 422)
    assert_error(client.get("/nope"), 404)
    assert_error(client.put("/match/default", json=q), 405)


def test_oversized_json_body_is_413(client: TestClient) -> None:
    big = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 300_000]}}}}
    body = assert_error(client.post("/match/default", json=big), 413)
    assert "too large" in body["error"]
    still_serving(client)


def test_unexpected_errors_hide_their_details(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sanctionwatch.services import matching

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal state /etc/passwd")

    monkeypatch.setattr(matching, "match_batch", broken)
    response = client.post(
        "/match/default", json={"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}}
    )
    body = assert_error(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert body["error"].startswith("Internal server error")
    monkeypatch.undo()
    still_serving(client)


def test_browsers_get_an_error_page(client: TestClient) -> None:
    response = client.get("/entity/no-such-entity", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no listed entity" in response.text and "Traceback" not in response.text
