"""The Parquet store: day partitions, idempotent and atomic ingest, static history."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.store import AisStore

NOAA = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n"


def row(mmsi: int, when: str, name: str = "A", imo: str = "IMO9074729") -> str:
    return f"{mmsi},{when},31.0,124.0,0.1,0,511,{name},{imo},CALL,80,1,100,16,5,,A\n"


def test_partitions_by_day_and_is_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text(
        NOAA + row(412000001, "2026-03-02T23:59:00") + row(412000001, "2026-03-03T00:01:00")
    )
    store = AisStore(tmp_path / "ais")
    first = store.ingest(src)
    assert first.days == ["2026-03-02", "2026-03-03"] and not first.skipped
    again = store.ingest(src)
    assert again.skipped
    assert store.positions().num_rows == 2
    assert sorted(p.parent.name for p in (tmp_path / "ais" / "positions").rglob("*.parquet")) == [
        "day=2026-03-02",
        "day=2026-03-03",
    ]


def test_same_content_under_another_name_is_not_duplicated(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text(NOAA + row(412000001, "2026-03-02T10:00:00"))
    b = tmp_path / "b.csv"
    b.write_bytes(a.read_bytes())
    store = AisStore(tmp_path / "ais")
    store.ingest(a)
    assert store.ingest(b).skipped
    assert store.positions().num_rows == 1


def test_bad_file_leaves_nothing_behind(tmp_path: Path, shared_data: Path) -> None:
    store = AisStore(tmp_path / "ais")
    with pytest.raises(InputError):
        store.ingest(shared_data / "ais" / "evergiven_suez_boat-positions_2021-03-20_24.csv")
    garbage = tmp_path / "g.nmea"
    garbage.write_bytes(b"\x00\xff" * 1000)
    with pytest.raises(InputError):
        store.ingest(garbage, "nmea")
    root = tmp_path / "ais"
    assert not root.exists() or not any(root.rglob("*.parquet"))
    assert store.manifest() == {}


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        AisStore(tmp_path).ingest(tmp_path / "nope.csv")


def test_static_history_has_validity_intervals(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text(
        NOAA
        + row(412000001, "2026-03-02T10:00:00", "OLD")
        + row(412000001, "2026-03-02T11:00:00", "OLD")
        + row(412000001, "2026-03-02T12:00:00", "NEW")
    )
    store = AisStore(tmp_path / "ais")
    store.ingest(src)
    hist = store.static_history()
    assert [(h["name"], h["valid_to"] is None) for h in hist] == [("OLD", False), ("NEW", True)]
    assert hist[0]["valid_to"] == hist[1]["valid_from"]
    assert hist[0]["last_seen"] - hist[0]["valid_from"] == 3600


@pytest.mark.parametrize(
    "name",
    [
        "nmea_tagblock_sample_2021-11-01.nm4",
        "nmea_receiver_log_2012-01-01.nmea",
        "marinecadastre_sample_2023-01-11.csv",
        "pyais_nmea_data_sample.txt",
        "gpsd_sample.aivdm",
    ],
)
def test_real_samples_ingest(tmp_path: Path, shared_data: Path, name: str) -> None:
    store = AisStore(tmp_path / "ais")
    report = store.ingest(shared_data / "ais" / name)
    assert store.positions().num_rows == report.counts.positions
    assert report.key in store.manifest()
