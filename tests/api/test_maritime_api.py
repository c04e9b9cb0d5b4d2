"""``/api/ais``: events ranked and filtered, detail, GeoJSON, maps, tracks, volume, writes.

The events are produced for real (module fixture, about 25 s the first time): a seeded
synthetic scenario of 19 ships and about 6,300 positions, one ship given a listed
vessel's identity, run through ``sanctionwatch ais ingest`` and ``ais detect``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from matplotlib import image as mpimg
from sw_aisdata import AisData, build_ais_dir
from sw_testserver import wait_ready

from sanctionwatch.api.app import create_app
from sanctionwatch.api.settings import ServerSettings
from sanctionwatch.cli.main import main
from sanctionwatch.maritime.events import Event, parse_iso
from sanctionwatch.maritime.volume import count_deliveries

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ais(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> AisData:
    return build_ais_dir(tmp_path_factory.mktemp("ais-api"), f"sqlite:///{bundled_db}")


@pytest.fixture(scope="module")
def api(server_settings: ServerSettings, ais: AisData) -> Iterator[TestClient]:
    app = create_app(server_settings)
    app.state.ais_dir = ais.root
    with TestClient(app, raise_server_exceptions=False) as client:
        wait_ready(client.get)
        yield client


@pytest.fixture(scope="module")
def cli_events(ais: AisData) -> list[dict[str, Any]]:
    """What ``sanctionwatch ais events --json`` prints for the same directory."""
    result = CliRunner().invoke(main, ["ais", "--ais-dir", str(ais.root), "events", "--json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.output)
    assert len(found) >= 10
    return found


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def test_events_are_the_stored_ones_listed_first(
    api: TestClient, ais: AisData, cli_events: list[dict[str, Any]]
) -> None:
    body = api.get("/api/ais/events").json()
    assert body["total"] == len(cli_events)
    assert [e["id"] for e in body["events"]] == [e["evidence"]["event_id"] for e in cli_events]
    first = body["events"][0]
    assert first["rank"] == "listed" and first["listed"] is True
    assert ais.listed_mmsi in [v["mmsi"] for v in first["vessels"]]
    priorities = [e["priority"] for e in body["events"]]
    assert priorities == sorted(priorities, reverse=True)
    # DPRK-flagged (MID 445) events come before events with no DPRK link
    ranks = [e["rank"] for e in body["events"]]
    assert "dprk-flag" in ranks and ranks.index("dprk-flag") < ranks.index("")
    assert sum(body["counts"]["type"].values()) == body["total"]
    for key in ("type", "vessels", "start", "end", "lat", "lon", "tier", "evidence"):
        assert key in first
    paged = api.get("/api/ais/events", params={"limit": 3, "offset": 2}).json()
    assert [e["id"] for e in paged["events"]] == [e["id"] for e in body["events"][2:5]]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "port_call"}, lambda e: e["type"] == "port_call"),
        ({"tier": "gfw"}, lambda e: e["tier"] == "gfw"),
        ({"linked": "true"}, lambda e: e["evidence"]["priority"] > 0),
        ({"bbox": "124,38,126,39.5"}, lambda e: 124 <= e["lon"] <= 126 and 38 <= e["lat"] <= 39.5),
        (
            {"from": "2026-03-03", "to": "2026-03-04"},
            lambda e: (
                parse_iso(e["end"]) >= parse_iso("2026-03-03")
                and parse_iso(e["start"]) < parse_iso("2026-03-04")
            ),
        ),
    ],
)
def test_filters_keep_exactly_the_matching_events(
    api: TestClient, cli_events: list[dict[str, Any]], params: dict[str, str], check: Any
) -> None:
    body = api.get("/api/ais/events", params=params).json()
    expected = [e["evidence"]["event_id"] for e in cli_events if check(e)]
    assert 0 < len(expected) < len(cli_events), "the filter must split this scenario"
    assert [e["id"] for e in body["events"]] == expected


def test_vessel_filter_by_imo_and_by_mmsi(api: TestClient, ais: AisData) -> None:
    by_imo = api.get("/api/ais/events", params={"vessel": f"IMO {ais.listed_imo}"}).json()
    by_mmsi = api.get("/api/ais/events", params={"vessel": str(ais.listed_mmsi)}).json()
    assert by_imo["total"] >= 2 and by_imo["events"] == by_mmsi["events"]
    for e in by_imo["events"]:
        assert any(v["imo"] == ais.listed_imo for v in e["vessels"])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"type": "bunkering"}, "unknown event type"),
        ({"tier": "strict"}, "unknown tier"),
        ({"vessel": "12345"}, "neither an IMO number nor an MMSI"),
        ({"bbox": "1,2,3"}, "not four numbers"),
        ({"bbox": "10,2,3,4"}, "empty or out of range"),
        ({"from": "yesterday"}, "not an ISO date"),
        ({"from": "2026-03-04", "to": "2026-03-03"}, "after 'from'"),
    ],
)
def test_bad_filters_get_a_clear_400(
    api: TestClient, params: dict[str, str], fragment: str
) -> None:
    body = _error(api.get("/api/ais/events", params=params), 400)
    assert fragment in body["error"] and body["hint"]
    assert api.get("/api/ais/events").status_code == 200


def test_event_detail_has_evidence_vessels_and_list_hits(api: TestClient, ais: AisData) -> None:
    first = api.get("/api/ais/events", params={"type": "encounter", "tier": "dprk"}).json()
    event_id = first["events"][0]["id"]
    body = api.get(f"/api/ais/events/{event_id}").json()
    assert body["event"]["id"] == event_id and body["map"].endswith("/map.png")
    assert body["evidence"]["median_distance_km"] < 0.5
    assert body["evidence"]["context"] == "dprk_waters"
    listed = next(v for v in body["vessels"] if v["mmsi"] == ais.listed_mmsi)
    assert listed["imo"] == ais.listed_imo
    assert ais.listed_entity in [h["entity_id"] for h in listed["list_hits"]]
    assert {v["mid_flag"] for v in body["vessels"]} == {"kp", listed["mid_flag"]}
    assert body["related"], "the tanker's loitering is a related event"
    _error(api.get("/api/ais/events/0000000000000000"), 404)


def _png_pixels(data: bytes) -> np.ndarray:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pixels: np.ndarray = mpimg.imread(io.BytesIO(data), format="png")
    return pixels


def test_event_map_is_a_real_png(api: TestClient) -> None:
    event_id = api.get("/api/ais/events").json()["events"][0]["id"]
    response = api.get(f"/api/ais/events/{event_id}/map.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert len(response.content) > 20_000
    pixels = _png_pixels(response.content)
    assert pixels.shape[0] > 400 and pixels.shape[1] > 400
    colours = np.unique((pixels[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50, "water, land, tracks, labels: not a blank canvas"
    again = api.get(f"/api/ais/events/{event_id}/map.png")
    assert again.content == response.content
    _error(api.get("/api/ais/events/ffffffffffffffff/map.png"), 404)


def test_vessel_identity_track_and_map(api: TestClient, ais: AisData) -> None:
    body = api.get(f"/api/ais/vessels/{ais.listed_mmsi}").json()
    assert body["imo"] == ais.listed_imo and body["flag"] == "tg"
    assert (
        body["identity_history"] and body["identity_history"][-1]["name"] == ais.listed_name.upper()
    )
    assert body["track"]["positions"] > 100
    assert ais.listed_entity in [h["entity_id"] for h in body["list_hits"]]
    assert body["events"] and all(
        ais.listed_mmsi in [v["mmsi"] for v in e["vessels"]] for e in body["events"]
    )
    track = api.get(f"/api/ais/vessels/{ais.listed_mmsi}/track").json()
    assert track["geometry"]["type"] == "LineString"
    assert len(track["geometry"]["coordinates"]) == track["properties"]["positions"]
    assert len(track["properties"]["times"]) == len(track["geometry"]["coordinates"])
    window = api.get(
        f"/api/ais/vessels/{ais.listed_mmsi}/track",
        params={"from": "2026-03-02T14:00Z", "to": "2026-03-02T16:00Z"},
    ).json()
    assert 0 < window["properties"]["positions"] < track["properties"]["positions"]
    assert all("2026-03-02T14" <= t < "2026-03-02T16" for t in window["properties"]["times"])
    png = api.get(f"/api/ais/vessels/{ais.listed_mmsi}/map.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert len(png.content) > 20_000 and _png_pixels(png.content).shape[0] > 400
    _error(api.get("/api/ais/vessels/999999999"), 404)
    _error(api.get("/api/ais/vessels/999999999/map.png"), 404)
    _error(api.get("/api/ais/vessels/12"), 422)


def test_geojson_export_follows_the_filters(api: TestClient) -> None:
    everything = api.get("/api/ais/events.geojson")
    assert everything.headers["content-type"].startswith("application/geo+json")
    body = everything.json()
    assert body["type"] == "FeatureCollection"
    total = api.get("/api/ais/events").json()["total"]
    assert len(body["features"]) == total
    feature = body["features"][0]
    assert feature["geometry"]["coordinates"] == [
        feature["properties"]["lon"],
        feature["properties"]["lat"],
    ]
    gaps = api.get("/api/ais/events.geojson", params={"type": "gap"}).json()
    assert 0 < len(gaps["features"]) < total
    assert {f["properties"]["type"] for f in gaps["features"]} == {"gap"}


def test_volume_counts_the_stored_tanker_deliveries(
    api: TestClient, cli_events: list[dict[str, Any]]
) -> None:
    expected = count_deliveries([Event.from_json(e) for e in cli_events])
    body = api.get("/api/ais/volume", params={"dwt": 3000}).json()
    assert body["deliveries"] == len(expected) > 0
    assert [e["id"] for e in body["events"]] == [e.id for e in expected]
    ninety = next(s for s in body["scenarios"] if s["laden"] == "90 %")
    assert ninety["barrels"] == round(len(expected) * 3000 * 7.62 * 0.9)
    assert ninety["times_cap"] == round(ninety["barrels"] / 500_000, 3)
    fixed = api.get("/api/ais/volume", params={"deliveries": 18}).json()
    assert fixed["deliveries"] == 18 and fixed["events"] == []
    _error(api.get("/api/ais/volume", params={"dwt": -1}), 422)


def test_reads_need_a_token_when_configured(private_client: TestClient, write_token: str) -> None:
    _error(private_client.get("/api/ais/events"), 401)
    _error(private_client.get("/maritime.json"), 401)
    ok = private_client.get("/api/ais/status", headers={"Authorization": f"Bearer {write_token}"})
    assert ok.status_code == 200


def test_ingest_and_detect_over_the_api(
    api: TestClient, server_settings: ServerSettings, ais: AisData, write_token: str, tmp_path: Path
) -> None:
    app: Any = api.app
    app.state.ais_dir = tmp_path / "ais"  # the same server, pointed at an empty AIS directory
    auth = {"Authorization": f"Bearer {write_token}"}
    try:
        data = ais.csv.read_bytes()
        _error(api.post("/api/ais/ingest", content=data), 401)
        _error(api.post("/api/ais/detect", json={}, headers=auth), 404)  # nothing ingested
        added = api.post(
            "/api/ais/ingest", content=data, headers=auth, params={"filename": "x.csv"}
        )
        assert added.status_code == 201, added.text
        assert added.json()["positions"] > 6000 and added.json()["skipped"] is False
        assert added.json()["path"] == "x.csv"
        again = api.post(
            "/api/ais/ingest", files={"file": ("ais.csv", data, "text/csv")}, headers=auth
        )
        assert again.status_code == 201 and again.json()["skipped"] is True
        _error(api.post("/api/ais/detect", json={"tier": "strict"}, headers=auth), 422)
        _error(api.post("/api/ais/detect", json={"bbox": "x"}, headers=auth), 400)
        _error(api.post("/api/ais/detect", json={}), 401)
        detected = api.post("/api/ais/detect", json={"tier": "dprk"}, headers=auth)
        assert detected.status_code == 200, detected.text
        assert detected.json()["stored"] == detected.json()["detected"] > 0
        listed = api.get("/api/ais/events", params={"linked": "true"}).json()["events"]
        assert listed[0]["rank"] == "listed" and {e["tier"] for e in listed} == {"dprk"}
        too_big = api.post(
            "/api/ais/ingest", content=b"x" * (server_settings.max_upload_bytes + 1), headers=auth
        )
        _error(too_big, 413)
        junk = api.post("/api/ais/ingest", content=b"\x00\x01 not AIS\n", headers=auth)
        assert 400 <= junk.status_code < 500, junk.text
        assert api.get("/api/ais/status").json()["files"] == 1
    finally:
        app.state.ais_dir = ais.root


def test_pages_json_twins_use_the_same_services(api: TestClient, ais: AisData) -> None:
    events = api.get("/api/ais/events", params={"tier": "dprk"}).json()
    page = api.get("/maritime.json", params={"tier": "dprk"}).json()
    assert [e["id"] for e in page["events"]] == [e["id"] for e in events["events"]]
    assert page["store"]["events"] == api.get("/api/ais/events").json()["total"]
    event_id = events["events"][0]["id"]
    assert (
        api.get(f"/maritime/events/{event_id}.json").json()
        == api.get(f"/api/ais/events/{event_id}").json()
    )
    assert (
        api.get(f"/maritime/vessels/{ais.listed_mmsi}.json").json()
        == api.get(f"/api/ais/vessels/{ais.listed_mmsi}").json()
    )
    html = {"accept": "text/html"}
    missing = api.get("/maritime/events/nope", headers=html)
    assert missing.status_code == 404 and "no stored event" in missing.text
    assert "<html" in missing.text and "Traceback" not in missing.text
    assert api.get("/maritime/vessels/abc", headers=html).status_code == 404
    assert api.get("/maritime?type=bogus", headers=html).status_code == 400
    first = api.get("/maritime", params={"limit": 5, "tier": "dprk"}, headers=html).text
    assert 'rel="next"' in first and "offset=5" in first and 'rel="prev"' not in first
    second = api.get("/maritime", params={"limit": 5, "offset": 5, "tier": "dprk"}, headers=html)
    assert 'rel="prev"' in second.text and "offset=0" in second.text


def test_serve_reads_the_directory_the_ais_commands_write(
    api: TestClient, ais: AisData, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: Any = api.app
    del app.state.ais_dir  # as `sanctionwatch serve` runs: no override
    try:
        monkeypatch.setenv("SANCTIONWATCH_DATA_DIR", str(ais.root.parent))
        status = api.get("/api/ais/status").json()
        assert Path(status["ais_dir"]) == ais.root and status["events"] > 0
        monkeypatch.setenv("SANCTIONWATCH_AIS_DIR", str(ais.root.parent / "elsewhere"))
        assert api.get("/api/ais/status").json()["events"] == 0
    finally:
        app.state.ais_dir = ais.root
