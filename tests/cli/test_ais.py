"""``sanctionwatch ais`` end to end on a small planted file, in-process with CliRunner."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sanctionwatch.cli.main import main
from sanctionwatch.maritime.synthetic.writers import MARINECADASTRE_COLUMNS

H = 3600
T0 = int(datetime(2026, 3, 2, 22, 0, tzinfo=UTC).timestamp())


def _track(mmsi: int, lat: float, lon: float, start: int, end: int) -> list[list[object]]:
    rows = []
    for t in range(start, end + 1, 120):
        when = datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        rows.append(
            [
                mmsi,
                when,
                f"{lat:.6f}",
                f"{lon:.6f}",
                "0.1",
                "0",
                "511",
                f"V{mmsi}",
                "",
                "",
                "80",
                "1",
                "100",
                "16",
                "",
                "",
                "A",
            ]
        )
    return rows


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    path = tmp_path / "sts.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MARINECADASTRE_COLUMNS)
        east = 250 / 1000 / (111.195 * np.cos(np.radians(31.0)))
        for row in _track(352000001, 31.0, 124.5, T0, T0 + 4 * H) + _track(
            445000002, 31.0, 124.5 + east, T0, T0 + 4 * H
        ):
            w.writerow(row)
    return path


def run(args: list[str]) -> object:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result


def test_ingest_detect_events_export_map_volume(tmp_path: Path, planted: Path) -> None:
    ais = ["--db", str(tmp_path / "none.db"), "ais", "--ais-dir", str(tmp_path / "ais")]
    result = run([*ais, "ingest", str(planted)])
    assert result.exit_code == 0, result.output
    assert "242 positions" in result.output and "0 malformed" in result.output
    again = run([*ais, "ingest", str(planted)])
    assert "already ingested" in again.output

    result = run([*ais, "detect", "--json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    enc = [e for e in events if e["type"] == "encounter" and e["tier"] == "gfw"]
    assert len(enc) == 1
    assert set(enc[0]) == {"type", "vessels", "start", "end", "lat", "lon", "tier", "evidence"}
    assert (enc[0]["start"], enc[0]["end"]) == ("2026-03-02T22:00:00Z", "2026-03-03T02:00:00Z")
    assert events[0]["evidence"]["priority"] >= 50  # the DPRK-flagged vessel ranks first

    listed = run([*ais, "events", "--vessel", "445000002"])
    assert listed.exit_code == 0 and "encounter/two_sided" in listed.output
    event_id = enc[0]["evidence"]["event_id"]

    out = tmp_path / "ev.geojson"
    assert run([*ais, "export", "--geojson", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())["features"]) == len(events)

    png = tmp_path / "ev.png"
    result = run([*ais, "map", event_id, "--out", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:4] == b"\x89PNG"

    result = run([*ais, "volume", "--deliveries", "18"])
    assert result.exit_code == 0 and "90 % laden: 18 deliveries" in result.output


def test_bad_input_is_a_clear_error(tmp_path: Path, shared_data: Path) -> None:
    ais = ["ais", "--ais-dir", str(tmp_path / "ais")]
    bad = shared_data / "ais" / "evergiven_suez_boat-positions_2021-03-20_24.csv"
    result = run([*ais, "ingest", str(bad)])
    assert result.exit_code != 0
    assert (
        "does not match a known AIS CSV layout" in result.output and "what to do" in result.output
    )
    result = run([*ais, "detect"])
    assert result.exit_code != 0 and "ais ingest" in result.output
    result = run([*ais, "detect", "--bbox", "1,2,3"])
    assert result.exit_code != 0 and "W,S,E,N" in result.output


def test_bad_dprk_waters_file_stops_detect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "waters.geojson"
    bad.write_text('{"type": "Point", "coordinates": [130.0, 40.0]}')
    monkeypatch.setenv("SANCTIONWATCH_DPRK_WATERS", str(bad))
    result = run(["ais", "--ais-dir", str(tmp_path / "ais"), "detect"])
    assert result.exit_code != 0
    assert str(bad) in result.output and "not a polygon" in result.output


@pytest.mark.slow
def test_events_link_to_loaded_lists(tmp_path: Path, planted: Path) -> None:
    """A vessel whose AIS IMO is on OFAC's SDN list (CHONG CHON GANG) gets the hit and ranks first."""
    db = str(tmp_path / "lists.db")
    ofac = Path(__file__).resolve().parents[2] / "src/sanctionwatch/data/lists/ofac/set_2021-07-07"
    files = [str(ofac / n) for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]
    assert run(["--db", db, "lists", "load", *files, "--source", "ofac"]).exit_code == 0
    static = tmp_path / "static.csv"
    text = planted.read_text().splitlines()
    # the DPRK ship transmits CHONG CHON GANG's IMO in its static data
    text = [text[0]] + [
        line.replace(",V445000002,,", ",CHONG CHON GANG,IMO7937317,") for line in text[1:]
    ]
    static.write_text("\n".join(text) + "\n")
    ais = ["--db", db, "ais", "--ais-dir", str(tmp_path / "ais")]
    assert run([*ais, "ingest", str(static)]).exit_code == 0
    result = run([*ais, "detect", "--json"])
    assert result.exit_code == 0, result.output
    top = json.loads(result.output)[0]
    vessel = next(v for v in top["vessels"] if v["mmsi"] == 445000002)
    assert vessel["imo"] == "7937317" and vessel["name"] == "CHONG CHON GANG"
    assert [h["matched_on"] for h in vessel["list_hits"]][:1] in (["imo"], ["screening"])
    assert top["evidence"]["priority"] == 100
