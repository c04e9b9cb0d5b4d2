"""CSV layouts: NOAA MarineCadastre (real samples) and DMA; bad headers and rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.csv_layouts import load_csv
from sanctionwatch.maritime.ingest.records import DecodeCounts

DMA_HEADER = (
    "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,"
    "IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,"
    "Destination,ETA,Data source type,A,B,C,D"
)


def load(path: Path) -> tuple[duckdb.DuckDBPyConnection, DecodeCounts]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    counts = DecodeCounts()
    load_csv(con, str(path), counts)
    return con, counts


def test_noaa_sample(shared_data: Path) -> None:
    con, counts = load(shared_data / "ais" / "marinecadastre_sample_2023-01-11.csv")
    assert counts.positions == 1000 and counts.malformed == 0
    row = con.execute(
        "SELECT imo, name, callsign, ship_type, length, width FROM static WHERE mmsi = 636021061"
    ).fetchone()
    assert row == ("9307839", "MSC NAISHA III", "5LCB4", 70, 208.0, 30.0)


def test_noaa_gzip_sample(shared_data: Path) -> None:
    con, counts = load(shared_data / "ais" / "marinecadastre_2022-01-03_first99999.csv.gz")
    assert counts.positions == 99999 and counts.malformed == 0
    (vessels,) = con.execute("SELECT count(DISTINCT mmsi) FROM positions").fetchone() or (0,)
    assert vessels == 10631


def test_dma_layout(tmp_path: Path) -> None:
    path = tmp_path / "aisdk.csv"
    path.write_text(
        DMA_HEADER + "\n"
        "02/03/2026 23:59:58,Class A,219000001,55.1,12.1,Under way using engine,0,10.2,90,91,"
        "Unknown,OXAB2,NORDIC STAR,Tanker,,16,104,GPS,6.5,GDANSK,03/03/2026 10:00:00,AIS,1,2,3,4\n"
        "03/03/2026 00:00:08,Class A,219000001,55.1,12.102,At anchor,0,0.1,90,91,"
        "Unknown,OXAB2,NORDIC STAR,Tanker,,16,104,GPS,6.5,GDANSK,03/03/2026 10:00:00,AIS,1,2,3,4\n"
        "31/02/2026 00:00:00,Class A,219000001,55.1,12.1,,,,,,,,,,,,,,,,,,,,,\n"
    )
    con, counts = load(path)
    assert counts.positions == 2 and counts.malformed == 1
    assert counts.malformed_examples == ["line 4: timestamp does not parse"]
    rows = con.execute(
        "SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), nav_status FROM positions ORDER BY ts"
    ).fetchall()
    assert rows == [("2026-03-02 23:59:58", 0), ("2026-03-03 00:00:08", 1)]
    static = con.execute(
        "SELECT DISTINCT ship_type, length, width, draught, destination FROM static"
    ).fetchall()
    assert static == [(80, 104.0, 16.0, 6.5, "GDANSK")]


def test_wrong_columns_are_refused(shared_data: Path) -> None:
    path = shared_data / "ais" / "evergiven_suez_boat-positions_2021-03-20_24.csv"
    with pytest.raises(InputError, match="does not match a known AIS CSV layout") as info:
        load(path)
    text = str(info.value)
    assert str(path) in text and "line 1" in text and "MarineCadastre" in text


def test_every_row_bad_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("MMSI,BaseDateTime,LAT,LON\nabc,2023-01-01T00:00:00,1,2\n1,notatime,1,2\n")
    with pytest.raises(InputError, match="no row"):
        load(path)


def test_binary_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"MMSI\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        load(path)
