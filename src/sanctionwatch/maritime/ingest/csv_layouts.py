"""AIS CSV exports: NOAA MarineCadastre and Danish Maritime Authority layouts, read by DuckDB.

Both are read as text and cast with ``TRY_CAST``/``TRY_STRPTIME`` so one bad row is
counted (with its line number) instead of failing the file; a header that matches
neither layout refuses the file before anything is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import duckdb

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.records import DMA_NAV_STATUS, DMA_SHIP_TYPES, DecodeCounts
from sanctionwatch.maritime.ingest.sniff import first_line

NOAA_REQUIRED = ("MMSI", "BaseDateTime", "LAT", "LON")
DMA_REQUIRED = ("Timestamp", "MMSI", "Latitude", "Longitude")


@dataclass(frozen=True)
class Layout:
    name: str
    columns: list[str]


def detect_layout(path_text: str, header: bytes) -> Layout:
    """Name the layout from the header row, or refuse the file naming both layouts."""
    text = header.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    if text.startswith("#"):
        text = text[1:].strip()
    try:
        columns = next(csv.reader(io.StringIO(text)))
    except (StopIteration, csv.Error):
        columns = []
    names = [c.strip() for c in columns]
    if all(c in names for c in NOAA_REQUIRED):
        return Layout("noaa", names)
    if all(c in names for c in DMA_REQUIRED):
        return Layout("dma", names)
    raise InputError(
        f"the header does not match a known AIS CSV layout (found: {', '.join(names[:8]) or 'nothing'})",
        path=path_text,
        line=1,
        hint="expected NOAA MarineCadastre (MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,"
        "IMO,...) or Danish Maritime Authority ('# Timestamp,Type of mobile,MMSI,Latitude,"
        "Longitude,...'); for NMEA sentences use --format nmea",
    )


def _col(layout: Layout, name: str) -> str:
    """Quoted column reference, or NULL when the layout lacks the column."""
    return f'"{name}"' if name in layout.columns else "NULL"


def _case_map(expr: str, mapping: dict[str, int]) -> str:
    whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in mapping.items())
    return f"CASE lower(trim({expr})) {whens} ELSE NULL END"


def _typed_select(layout: Layout) -> str:
    def c(name: str) -> str:
        return _col(layout, name)

    if layout.name == "noaa":
        ts = f"TRY_CAST({c('BaseDateTime')} AS TIMESTAMP)"
        return f"""
        SELECT line, TRY_CAST({c("MMSI")} AS BIGINT) AS mmsi, {ts} AS ts,
          TRY_CAST({c("LAT")} AS DOUBLE) AS lat, TRY_CAST({c("LON")} AS DOUBLE) AS lon,
          TRY_CAST({c("SOG")} AS FLOAT) AS sog, TRY_CAST({c("COG")} AS FLOAT) AS cog,
          TRY_CAST({c("Heading")} AS FLOAT) AS heading,
          TRY_CAST(TRY_CAST({c("Status")} AS DOUBLE) AS SMALLINT) AS nav_status,
          NULLIF(regexp_replace(coalesce({c("IMO")}, ''), '[^0-9]', '', 'g'), '') AS imo,
          NULLIF(trim({c("VesselName")}), '') AS name, NULLIF(trim({c("CallSign")}), '') AS callsign,
          TRY_CAST(TRY_CAST({c("VesselType")} AS DOUBLE) AS SMALLINT) AS ship_type,
          TRY_CAST({c("Length")} AS FLOAT) AS length, TRY_CAST({c("Width")} AS FLOAT) AS width,
          TRY_CAST({c("Draft")} AS FLOAT) AS draught, CAST(NULL AS VARCHAR) AS destination
        FROM raw"""
    ts = f"TRY_STRPTIME({c('Timestamp')}, '%d/%m/%Y %H:%M:%S')"
    return f"""
        SELECT line, TRY_CAST({c("MMSI")} AS BIGINT) AS mmsi, {ts} AS ts,
          TRY_CAST({c("Latitude")} AS DOUBLE) AS lat, TRY_CAST({c("Longitude")} AS DOUBLE) AS lon,
          TRY_CAST({c("SOG")} AS FLOAT) AS sog, TRY_CAST({c("COG")} AS FLOAT) AS cog,
          TRY_CAST({c("Heading")} AS FLOAT) AS heading,
          {_case_map(c("Navigational status"), DMA_NAV_STATUS)} AS nav_status,
          NULLIF(regexp_replace(coalesce({c("IMO")}, ''), '[^0-9]', '', 'g'), '') AS imo,
          NULLIF(NULLIF(trim({c("Name")}), ''), 'Unknown') AS name,
          NULLIF(NULLIF(trim({c("Callsign")}), ''), 'Unknown') AS callsign,
          {_case_map(c("Ship type"), DMA_SHIP_TYPES)} AS ship_type,
          TRY_CAST({c("Length")} AS FLOAT) AS length, TRY_CAST({c("Width")} AS FLOAT) AS width,
          TRY_CAST({c("Draught")} AS FLOAT) AS draught,
          NULLIF(NULLIF(trim({c("Destination")}), ''), 'Unknown') AS destination
        FROM raw"""


def load_csv(con: duckdb.DuckDBPyConnection, path_text: str, counts: DecodeCounts) -> None:
    """Read one CSV into temp tables ``positions`` and ``static`` on ``con``."""
    from pathlib import Path

    header = first_line(Path(path_text))
    if b"\x00" in header:
        raise InputError(
            "this is not a text CSV file (binary bytes found)",
            path=path_text,
            line=1,
            hint="pass a NOAA MarineCadastre or DMA CSV (optionally .gz)",
        )
    layout = detect_layout(path_text, header)
    names = ", ".join(f"'{n}': 'VARCHAR'" for n in layout.columns)
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE raw AS
            SELECT row_number() OVER () + 1 AS line, * FROM read_csv(?, header=false, skip=1,
              columns={{{names}}}, auto_detect=false, delim=',', quote='"', null_padding=true,
              ignore_errors=false, strict_mode=false)""",
            [path_text],
        )
    except duckdb.Error as exc:
        raise InputError(
            f"the CSV cannot be parsed ({str(exc).splitlines()[0]})",
            path=path_text,
            hint="check the delimiter is ',' and every row has the header's columns",
        ) from exc
    con.execute(f"CREATE OR REPLACE TEMP TABLE typed AS {_typed_select(layout)}")
    bad = con.execute(
        """SELECT line, CASE WHEN mmsi IS NULL THEN 'MMSI is not a number'
                  WHEN ts IS NULL THEN 'timestamp does not parse'
                  ELSE 'latitude/longitude missing or out of range' END
           FROM typed WHERE mmsi IS NULL OR ts IS NULL OR lat IS NULL OR lon IS NULL
             OR abs(lat) > 90 OR abs(lon) > 180 ORDER BY line"""
    ).fetchall()
    total = con.execute("SELECT count(*) FROM typed").fetchone()
    counts.lines = int(total[0]) + 1 if total else 1
    counts.messages = counts.lines - 1
    for line, reason in bad:
        counts.bad(int(line), str(reason))
    if bad and len(bad) == counts.messages:
        raise InputError(
            f"no row of the {layout.name.upper()} CSV is usable (first: {bad[0][1]})",
            path=path_text,
            line=int(bad[0][0]),
            hint="check the timestamp format (NOAA: YYYY-MM-DDTHH:MM:SS; DMA: dd/mm/yyyy HH:MM:SS)",
        )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE positions AS
        SELECT mmsi, timezone('UTC', ts) AS ts, lat, lon, sog, cog,
               CASE WHEN heading >= 360 THEN NULL ELSE heading END AS heading,
               nav_status, CAST(NULL AS TINYINT) AS msg_type
        FROM typed WHERE mmsi IS NOT NULL AND ts IS NOT NULL AND lat IS NOT NULL
          AND lon IS NOT NULL AND abs(lat) <= 90 AND abs(lon) <= 180"""
    )
    # Static rows: keep the first and last report of each unchanged run per MMSI, not one
    # per position (the last one tells how long the state was seen).
    con.execute(
        """CREATE OR REPLACE TEMP TABLE static AS
        WITH s AS (
          SELECT mmsi, timezone('UTC', ts) AS ts, imo, name, callsign, ship_type, length, width,
                 draught, destination,
                 lag(concat_ws('|', imo, name, callsign, ship_type, length, width, draught,
                     destination)) OVER (PARTITION BY mmsi ORDER BY ts) AS prev,
                 lead(concat_ws('|', imo, name, callsign, ship_type, length, width, draught,
                     destination)) OVER (PARTITION BY mmsi ORDER BY ts) AS nxt,
                 concat_ws('|', imo, name, callsign, ship_type, length, width, draught,
                     destination) AS cur
          FROM typed WHERE mmsi IS NOT NULL AND ts IS NOT NULL
            AND coalesce(imo, name, callsign, CAST(ship_type AS VARCHAR), CAST(length AS VARCHAR),
                         destination) IS NOT NULL)
        SELECT mmsi, ts, imo, name, callsign, ship_type, length, width, draught, destination
        FROM s WHERE prev IS NULL OR prev <> cur OR nxt IS NULL OR nxt <> cur"""
    )
    row = con.execute("SELECT count(*) FROM positions").fetchone()
    counts.positions = int(row[0]) if row else 0
    row = con.execute("SELECT count(*) FROM static").fetchone()
    counts.static = int(row[0]) if row else 0
