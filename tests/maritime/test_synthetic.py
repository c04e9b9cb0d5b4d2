"""The synthetic scenario generator: determinism, encodings, and truth that fits the tracks."""

from __future__ import annotations

import contextlib
import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from pyais.stream import IterMessages

from sanctionwatch.cli.main import main
from sanctionwatch.errors import ConfigError
from sanctionwatch.maritime.synthetic import POSITIONS_SCHEMA, build, busy_day, generate
from sanctionwatch.maritime.synthetic.dataset import Dataset, close_approaches
from sanctionwatch.maritime.synthetic.geo import (
    bearing_deg,
    destination,
    haversine_m,
    interpolate,
)
from sanctionwatch.maritime.synthetic.rules import (
    encounter_fires,
    gap_fires,
    likely_disabling,
    nearest_port,
    shore_distance_nm,
)
from sanctionwatch.maritime.synthetic.truth import TruthEvent
from sanctionwatch.maritime.synthetic.vessels import imo_check_digit, imo_is_valid

# Header of the real NOAA file shared/data/ais/marinecadastre_sample_2023-01-11.csv.
REAL_MARINECADASTRE_HEADER = (
    "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
    "Length,Width,Draft,Cargo,TransceiverClass"
)
SMALL = ["sts_ecs", "gaps", "identity_changes", "port_calls"]


@pytest.fixture(scope="module")
def small() -> Dataset:
    """Four scenarios, ~20 ships, ~25k positions."""
    return build(7, SMALL)


@pytest.fixture(scope="module")
def everything() -> Dataset:
    """The full catalogue (core, sweeps, background): ~120 ships, ~95k positions, ~1.5 s."""
    return build(11, "all")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    out = tmp_path_factory.mktemp("synth")
    result = generate(5, out, scenarios=["sts_nampo", "identity_changes", "gaps"], fmt="both")
    return out, result.dataset


def _truth(dataset: Dataset, type_: str, fires: bool | None = True) -> list[TruthEvent]:
    return [
        e for e in dataset.truth if e.type == type_ and (fires is None or e.should_fire == fires)
    ]


# ----------------------------------------------------------------------------- geometry, rules


def test_geometry_round_trips() -> None:
    lat, lon = destination(38.7, 125.1, 73.0, 12_345.0)
    assert float(haversine_m(38.7, 125.1, lat, lon)) == pytest.approx(12_345.0, abs=0.01)
    assert float(bearing_deg(38.7, 125.1, lat, lon)) == pytest.approx(73.0, abs=0.01)
    mid_lat, mid_lon = interpolate(38.7, 125.1, lat, lon, 0.5)
    assert float(haversine_m(38.7, 125.1, mid_lat, mid_lon)) == pytest.approx(6172.5, abs=0.01)


def test_imo_check_digit() -> None:
    # 9074729: the worked example of the IMO scheme (9*7+0*6+7*5+4*4+7*3+2*2 = 139).
    assert imo_check_digit(907472) == 9
    assert imo_is_valid(9074729)
    assert not imo_is_valid(9074728)


def test_rules_pin_the_published_thresholds() -> None:
    base = {"duration_s": 7200.0, "speed_kn": 1.0, "port_km": 50.0}
    assert encounter_fires("gfw", distance_m=500.0, **base)
    assert not encounter_fires("gfw", distance_m=500.1, **base)
    assert not encounter_fires("gfw", distance_m=100.0, duration_s=7199.0, speed_kn=1.0, port_km=50)
    assert not encounter_fires("gfw", distance_m=100.0, duration_s=7200.0, speed_kn=2.0, port_km=50)
    # GFW drops encounters within 10 km of a port; the DPRK tier keeps them.
    assert not encounter_fires("gfw", distance_m=100.0, duration_s=9000.0, speed_kn=0.5, port_km=7)
    assert encounter_fires("dprk", distance_m=100.0, duration_s=9000.0, speed_kn=0.5, port_km=7)
    offshore = (29.7, 125.4)
    assert shore_distance_nm(*offshore) > 50
    kw: dict[str, Any] = {
        "off": offshore,
        "on": offshore,
        "dprk_flagged": False,
        "reachable_ports": [],
    }
    assert gap_fires("gfw", duration_s=12 * 3600, **kw)
    assert not gap_fires("gfw", duration_s=12 * 3600 - 1, **kw)
    assert gap_fires("report", duration_s=6 * 3600, **kw)
    assert not gap_fires("report", duration_s=6 * 3600 - 1, **kw)
    # The DPRK tier wants gaps near DPRK waters (or with a DPRK port in reach) ...
    assert not gap_fires("dprk", duration_s=20 * 3600, **kw)
    near = (38.45, 124.9)
    assert nearest_port(*near)[0].name == "Nampo"
    kw = {**kw, "off": near, "on": near}
    assert not gap_fires("gfw", duration_s=20 * 3600, **kw)  # starts < 50 nm from shore
    assert gap_fires("dprk", duration_s=6 * 3600, **kw)
    assert not gap_fires("dprk", duration_s=6 * 3600 - 1, **kw)
    # ... from 4 h for a DPRK-flagged ship.
    assert gap_fires("dprk", duration_s=4 * 3600, **{**kw, "dprk_flagged": True})
    assert not gap_fires("dprk", duration_s=4 * 3600 - 1, **{**kw, "dprk_flagged": True})
    assert likely_disabling(duration_s=12 * 3600, off=offshore)
    assert not likely_disabling(duration_s=20 * 3600, off=near)


# ----------------------------------------------------------------------------- determinism


def test_same_seed_same_data_set(small: Dataset) -> None:
    again = build(7, SMALL)
    for name in ("t", "lat", "lon", "sog", "cog", "heading", "status", "msg_type"):
        np.testing.assert_array_equal(getattr(small.reports, name), getattr(again.reports, name))
    assert small.truth == again.truth
    other = build(8, SMALL)
    assert not np.array_equal(small.reports.lat[:1000], other.reports.lat[:1000])


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = generate(3, tmp_path / "a", scenarios=["sts_nampo"], fmt="both")
    b = generate(3, tmp_path / "b", scenarios=["sts_nampo"], fmt="both")
    for kind in ("nmea", "csv", "truth"):
        assert a.files[kind].read_bytes() == b.files[kind].read_bytes(), kind


def test_unknown_scenario_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown scenario.*nope"):
        build(1, ["sts_ecs", "nope"])
    with pytest.raises(ConfigError, match="unknown format"):
        generate(1, tmp_path, scenarios=["sts_ecs"], fmt="xml")
    assert not (tmp_path / "truth.json").exists()


# ----------------------------------------------------------------------------- encodings


def test_nmea_decodes_back_to_the_planted_reports(written: tuple[Path, Dataset]) -> None:
    out, dataset = written
    lines = (out / "ais.nmea").read_bytes().splitlines()
    assert all(line.startswith(b"\\") and b"!AIVDM" in line for line in lines)
    r = dataset.reports
    positions: list[tuple[int, int, float, float, float, float, int]] = []
    statics: list[tuple[int, int, int, str, str, int, int]] = []
    for msg in IterMessages(lines):
        msg.tag_block.init()
        t = int(msg.tag_block.receiver_timestamp)
        d = msg.decode()
        if d.msg_type in (1, 2, 3):
            positions.append((t, d.mmsi, d.lat, d.lon, d.speed, d.course, d.heading))
        elif d.msg_type == 5:
            statics.append(
                (t, d.mmsi, d.imo, d.shipname, d.callsign, d.to_bow + d.to_stern, d.draught)
            )
    assert len(positions) == len(r)
    assert len(statics) == len(dataset.statics)
    got = sorted(positions)
    mmsi = np.array(
        [dataset.plans[v].identities[i][1].mmsi for v, i in zip(r.vessel, r.identity, strict=True)]
    )
    order = np.lexsort((r.lon, r.lat, mmsi, r.t))
    resolution = 1 / 600_000  # AIS positions are 1/10000 minute
    for row, k in zip(got, order, strict=True):
        t, m, lat, lon, sog, cog, heading = row
        assert (t, m) == (int(r.t[k]), int(mmsi[k]))
        assert abs(lat - r.lat[k]) <= resolution and abs(lon - r.lon[k]) <= resolution
        assert sog == pytest.approx(r.sog[k], abs=0.05)
        assert cog == pytest.approx(r.cog[k], abs=0.05)
        assert heading == r.heading[k]
    # Type 5 carries the identity in force at its time, renames included.
    by_mmsi = {i.mmsi: i for plan in dataset.plans for _, i in plan.identities}
    names = set()
    for _, m, imo, name, _callsign, _length, _draught in statics:
        identity = by_mmsi[m]
        assert imo == identity.imo or identity.imo != imo and name != identity.name
        names.add(name)
    changed = next(p for p in dataset.plans if len(p.identities) > 1)
    assert {i.name for _, i in changed.identities} <= names


def test_corrupted_sentences_are_damaged_not_lost(tmp_path: Path) -> None:
    result = generate(2, tmp_path, scenarios=["sts_ecs"], fmt="nmea", corrupt_rate=0.05)
    lines = result.files["nmea"].read_bytes().splitlines()
    decoded = 0
    for msg in IterMessages(lines):
        with contextlib.suppress(Exception):  # a damaged payload may fail in several ways
            msg.decode()
            decoded += 1
    assert result.counts["nmea_lines"] == len(lines)
    # Some messages are damaged, most survive.
    assert 0.85 * (len(result.dataset.reports) + len(result.dataset.statics)) < decoded
    assert decoded < len(result.dataset.reports) + len(result.dataset.statics)


def test_csv_has_marinecadastre_columns(written: tuple[Path, Dataset]) -> None:
    out, dataset = written
    text = (out / "ais.csv").read_text()
    assert text.splitlines()[0] == REAL_MARINECADASTRE_HEADER
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(dataset.reports)
    first = rows[0]
    datetime.strptime(first["BaseDateTime"], "%Y-%m-%dT%H:%M:%S")
    assert first["TransceiverClass"] == "A"
    assert all(r["IMO"] == "" or (r["IMO"].startswith("IMO") and len(r["IMO"]) == 10) for r in rows)
    lat = np.array([float(r["LAT"]) for r in rows])
    assert np.abs(np.sort(lat) - np.sort(dataset.reports.lat)).max() <= 0.5e-5


def test_truth_file_schema(written: tuple[Path, Dataset]) -> None:
    out, dataset = written
    events = json.loads((out / "truth.json").read_text())
    assert len(events) == len(dataset.truth)
    for e in events:
        assert e["type"] in {"encounter", "gap", "loitering", "port_call", "identity"}
        assert e["tier"] in {"gfw", "dprk", "both"} or (e["tier"], e["type"]) == ("report", "gap")
        assert isinstance(e["should_fire"], bool)
        assert all(isinstance(m, int) for m in e["mmsis"])
        assert e["start"] <= e["end"] and e["start"].endswith("Z")
        assert {"subtype", "lat", "lon", "note", "scenario", "id"} <= set(e)


# ----------------------------------------------------------------------------- truth fits tracks


def test_encounters_keep_their_planted_separation(everything: Dataset) -> None:
    planted = [e for e in _truth(everything, "encounter", None) if e.subtype == "sts"]
    assert len(planted) >= 15
    for event in planted:
        if "runs" in event.note:
            continue  # the merge sweep separates mid-way on purpose
        a, b = (
            next(p for p in everything.plans if any(i.mmsi == m for _, i in p.identities))
            for m in event.mmsis
        )
        t = np.arange(event.start, event.end + 1, 60.0)
        la, lo, _, _ = a.position(t)
        lb, lob, _, _ = b.position(t)
        d = haversine_m(la, lo, lb, lob)
        separation = float(event.note.split(" m apart")[0].rsplit(" ", 1)[-1])
        assert d.max() <= separation + 1.0, event.note
        # ... and they are more than 2 km apart one resample step outside it.
        outside = np.array([event.start - 600.0, event.end + 600.0])
        la, lo, _, _ = a.position(outside)
        lb, lob, _, _ = b.position(outside)
        assert haversine_m(la, lo, lb, lob).min() > 2000.0, event.note


def test_every_close_pair_is_in_the_truth(everything: Dataset) -> None:
    """No unplanned encounter hides in the background or the scenario layout."""
    planted = {frozenset(e.mmsis) for e in _truth(everything, "encounter", None)}
    key_mmsis = {p.key: frozenset(i.mmsi for _, i in p.identities) for p in everything.plans}
    for key_a, key_b, _, _ in close_approaches(everything, within_m=1000.0, min_steps=6):
        pair = frozenset({*key_mmsis[key_a], *key_mmsis[key_b]})
        assert pair in planted, (key_a, key_b)


def test_gaps_have_no_reports_inside(everything: Dataset) -> None:
    r = everything.reports
    mmsi = np.array(
        [
            everything.plans[v].identities[i][1].mmsi
            for v, i in zip(r.vessel, r.identity, strict=True)
        ]
    )
    gaps = _truth(everything, "gap", None)
    assert len(gaps) >= 15
    for g in gaps:
        seen = r.t[mmsi == g.mmsis[0]]
        assert g.start in seen and g.end in seen
        assert not ((seen > g.start) & (seen < g.end)).any()


def test_threshold_sweeps_fire_on_the_right_side(everything: Dataset) -> None:
    def fired(scenario: str, needle: str, tier: str) -> bool:
        hits = [
            e
            for e in everything.truth
            if e.scenario == scenario
            and needle in e.note
            and (e.tier == tier or (e.tier == "both" and tier != "report"))
        ]
        assert hits, (scenario, needle, tier)
        return hits[0].should_fire

    assert fired("sweep_encounter_distance", "450 m for 3 h", "gfw")
    assert fired("sweep_encounter_distance", "499 m for 3 h", "gfw")
    assert not fired("sweep_encounter_distance", "550 m for 3 h", "gfw")
    assert not fired("sweep_encounter_duration", "1 h 50", "gfw")
    assert fired("sweep_encounter_duration", "2 h 00", "gfw")
    assert fired("sweep_encounter_duration", "2 h 10", "dprk")
    assert fired("sweep_encounter_speed", "1.9 kn", "gfw")
    assert not fired("sweep_encounter_speed", "2.1 kn", "gfw")
    assert not fired("sweep_gaps", "5 h 50 far offshore", "report")
    assert fired("sweep_gaps", "6 h 00 far offshore", "report")
    assert not fired("sweep_gaps", "6 h 10 far offshore", "dprk")
    assert not fired("sweep_gaps", "11 h 50 far offshore", "gfw")
    assert fired("sweep_gaps", "12 h 00 far offshore", "gfw")
    assert fired("sweep_gaps", "11 h 50 far offshore", "report")
    assert not fired("sweep_gaps", "5 h 50 near", "dprk") and fired(
        "sweep_gaps", "6 h 00 near", "dprk"
    )
    assert not fired("sweep_gaps", "6 h 10 near", "gfw")
    assert not fired("sweep_gaps", "3 h 50", "dprk") and fired("sweep_gaps", "4 h 00", "dprk")
    assert not fired("sweep_gaps", "4 h 10", "report")
    merged = [
        e
        for e in everything.truth
        if e.scenario == "sweep_encounter_merge" and e.type == "encounter"
    ]
    assert sorted(round((e.end - e.start) / 3600, 1) for e in merged) == [2.5, 2.5, 8.0]
    # Loitering sweeps: 1.9 kn loiters, 2.1 kn does not; 3 h is GFW-only, 5 h and 6 h both.
    loiter = [
        e for e in everything.truth if e.scenario == "sweep_loitering" and e.type == "loitering"
    ]
    hours = sorted((round((e.end - e.start) / 3600), e.tier, e.should_fire) for e in loiter)
    assert hours == [
        (1, "both", False),
        (3, "dprk", False),
        (3, "gfw", True),
        (5, "both", True),
        (6, "both", True),
    ]


def test_port_calls_enter_3_km_and_leave_4_km(everything: Dataset) -> None:
    r = everything.reports
    mmsi = np.array(
        [
            everything.plans[v].identities[i][1].mmsi
            for v, i in zip(r.vessel, r.identity, strict=True)
        ]
    )
    calls = [e for e in _truth(everything, "port_call") if e.subtype == "observed"]
    assert len(calls) >= 5
    for call in calls:
        mine = mmsi == call.mmsis[0]
        at_start = mine & (r.t == call.start)
        at_end = mine & (r.t == call.end)
        assert haversine_m(r.lat[at_start], r.lon[at_start], call.lat, call.lon)[0] <= 3000
        assert haversine_m(r.lat[at_end], r.lon[at_end], call.lat, call.lon)[0] > 4000
    inferred = [e for e in _truth(everything, "port_call") if e.subtype == "inferred"]
    assert [e.tier for e in inferred] == ["dprk"]


def test_events_straddle_midnight(everything: Dataset) -> None:
    def day(t: float) -> int:
        return int(t // 86400)

    straddling = {e.type for e in everything.truth if e.should_fire and day(e.start) != day(e.end)}
    assert {"encounter", "gap", "loitering", "port_call"} <= straddling


def test_identity_events_cover_each_anomaly(everything: Dataset) -> None:
    subtypes = {e.subtype for e in _truth(everything, "identity")}
    assert subtypes >= {
        "swap",
        "shared_mmsi",
        "imo_on_two_mmsis",
        "invalid_imo",
        "mid_unallocated",
        "name_change",
        "callsign_change",
        "flag_change",
    }
    assert any(e.subtype == "swap" and not e.should_fire for e in everything.truth)
    dprk_flagged = {
        m for p in everything.plans for _, i in p.identities if i.flag == "KP" for m in [i.mmsi]
    }
    assert len(dprk_flagged) >= 5


# ----------------------------------------------------------------------------- busy day, CLI


def test_busy_day_writes_exactly_n_rows(tmp_path: Path) -> None:
    stats = busy_day(tmp_path / "day.parquet", n_positions=60_000, seed=4)
    table = pq.read_table(stats.path)
    assert table.num_rows == stats.rows == 60_000
    assert table.schema.equals(POSITIONS_SCHEMA)
    ts = table.column("timestamp").to_pylist()
    assert min(ts).date() == max(ts).date() == datetime(2026, 3, 3, tzinfo=UTC).date()
    again = busy_day(tmp_path / "again.parquet", n_positions=60_000, seed=4)
    assert pq.read_table(again.path).equals(table)
    with pytest.raises(ConfigError, match="positive"):
        busy_day(tmp_path / "none.parquet", n_positions=0)


def test_cli_writes_files(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "ais-synth",
            "--seed",
            "2",
            "--out",
            str(tmp_path / "s"),
            "--scenario",
            "sweep",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s" / "ais.csv").exists() and (tmp_path / "s" / "truth.json").exists()
    assert not (tmp_path / "s" / "ais.nmea").exists()
    result = runner.invoke(
        main,
        [
            "ais-synth",
            "--out",
            str(tmp_path / "b"),
            "--scenario",
            "busy-day",
            "--positions",
            "5000",
        ],
    )
    assert result.exit_code == 0, result.output
    assert pq.read_metadata(tmp_path / "b" / "busy_day.parquet").num_rows == 5000
