"""The AIS store: day-partitioned Parquet under one directory, queried with DuckDB.

Layout under ``root``::

    positions/day=YYYY-MM-DD/<file key>.parquet   positions, sorted by (mmsi, ts)
    static/<file key>.parquet                     static/voyage reports (changes only)
    manifest.json                                 file key → source file, counts
    events/events.parquet                         detected events (see events.py)

The file key is the first 16 hex digits of the input's SHA-256, so re-ingesting a file
writes the same names (no duplicates) and is skipped outright once the manifest has it.
Each file is decoded completely and written to a temporary directory first; only then
are its Parquet files moved into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.ingest.csv_layouts import load_csv
from sanctionwatch.maritime.ingest.nmea import decode_nmea
from sanctionwatch.maritime.ingest.records import DecodeCounts
from sanctionwatch.maritime.ingest.sniff import sniff_format


@dataclass
class IngestReport:
    path: str
    format: str
    key: str
    skipped: bool = False
    days: list[str] = field(default_factory=list)
    counts: DecodeCounts = field(default_factory=DecodeCounts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "key": self.key,
            "skipped": self.skipped,
            "days": self.days,
            **self.counts.as_dict(),
        }


def file_key(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con


class AisStore:
    """Parquet AIS store rooted at one directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.positions_dir = self.root / "positions"
        self.static_dir = self.root / "static"
        self.manifest_path = self.root / "manifest.json"

    # ---- ingest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.exists():
            return {}
        data: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return data

    def ingest(self, path: Path, fmt: str | None = None) -> IngestReport:
        """Decode one file and add it to the store (atomic per file, idempotent)."""
        path = Path(path)
        if not path.is_file():
            raise InputError("no such file", path=path, hint="check the path")
        fmt = fmt or sniff_format(path)
        if fmt not in ("nmea", "csv"):
            raise InputError(f"unknown format {fmt!r}", path=path, hint="use --format nmea or csv")
        key = file_key(path)
        report = IngestReport(str(path), fmt, key)
        if key in self.manifest():
            report.skipped = True
            report.days = list(self.manifest()[key].get("days", []))
            return report
        con = connect()
        if fmt == "nmea":
            decoded = decode_nmea(path)
            report.counts = decoded.counts
            con.register("positions_arrow", decoded.positions)
            con.register("static_arrow", decoded.static)
            con.execute("CREATE TEMP TABLE positions AS SELECT * FROM positions_arrow")
            con.execute("CREATE TEMP TABLE static AS SELECT * FROM static_arrow")
        else:
            load_csv(con, str(path), report.counts)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".ingest-{key}-", dir=self.root))
        try:
            report.days = self._write(con, tmp, key)
            self._record(key, report)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return report

    def _write(self, con: duckdb.DuckDBPyConnection, tmp: Path, key: str) -> list[str]:
        days = [
            str(r[0])
            for r in con.execute(
                "SELECT DISTINCT strftime(ts, '%Y-%m-%d') FROM positions ORDER BY 1"
            ).fetchall()
        ]
        staged: list[tuple[Path, Path]] = []
        if days:
            con.execute(
                f"""COPY (SELECT *, strftime(ts, '%Y-%m-%d') AS day FROM positions ORDER BY mmsi, ts)
                TO '{tmp / "positions"}' (FORMAT parquet, PARTITION_BY (day), COMPRESSION zstd)"""
            )
            for day in days:
                parts = sorted((tmp / "positions" / f"day={day}").glob("*.parquet"))
                if len(parts) != 1:  # DuckDB writes one file per partition here; join if not
                    joined = tmp / f"{day}.parquet"
                    con.execute(
                        f"COPY (SELECT * FROM read_parquet({[str(p) for p in parts]}) "
                        f"ORDER BY mmsi, ts) TO '{joined}' (FORMAT parquet)"
                    )
                    parts = [joined]
                staged.append((parts[0], self.positions_dir / f"day={day}" / f"{key}.parquet"))
        row = con.execute("SELECT count(*) FROM static").fetchone()
        if row and row[0]:
            static_tmp = tmp / "static.parquet"
            con.execute(
                f"COPY (SELECT * FROM static ORDER BY mmsi, ts) TO '{static_tmp}' (FORMAT parquet)"
            )
            staged.append((static_tmp, self.static_dir / f"{key}.parquet"))
        # Everything decoded and written: now move into place (renames on one filesystem).
        for src, dst in staged:
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
        return days

    def _record(self, key: str, report: IngestReport) -> None:
        manifest = self.manifest()
        manifest[key] = {
            "file": report.path,
            "format": report.format,
            "days": report.days,
            "ingested_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "positions": report.counts.positions,
            "static": report.counts.static,
            "malformed": report.counts.malformed,
        }
        fd, tmp = tempfile.mkstemp(dir=self.root, suffix=".json.tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1)
        os.replace(tmp, self.manifest_path)

    # ---- queries ------------------------------------------------------------------------
    def days(self) -> list[str]:
        if not self.positions_dir.exists():
            return []
        return sorted(p.name[4:] for p in self.positions_dir.glob("day=*") if any(p.iterdir()))

    def positions(
        self,
        start: int | None = None,
        end: int | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        mmsis: list[int] | None = None,
    ) -> pa.Table:
        """Positions in [start, end) (epoch s) and a W,S,E,N box, sorted by (mmsi, t).

        Columns: mmsi, t (epoch seconds), lat, lon, sog, nav_status. Only the day
        partitions that can hold the range are read.
        """
        files = self._day_files(start, end)
        if not files:
            return pa.table(
                {
                    "mmsi": pa.array([], pa.int64()),
                    "t": pa.array([], pa.int64()),
                    "lat": pa.array([], pa.float64()),
                    "lon": pa.array([], pa.float64()),
                    "sog": pa.array([], pa.float32()),
                    "nav_status": pa.array([], pa.int16()),
                }
            )
        where: list[str] = ["TRUE"]
        params: list[object] = []
        if start is not None:
            where.append("ts >= to_timestamp(?)")
            params.append(start)
        if end is not None:
            where.append("ts < to_timestamp(?)")
            params.append(end)
        if bbox is not None:
            where.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            params += [bbox[0], bbox[2], bbox[1], bbox[3]]
        if mmsis:
            where.append(f"mmsi IN ({', '.join(str(int(m)) for m in mmsis)})")
        con = connect()
        sql = f"""SELECT mmsi, CAST(epoch(ts) AS BIGINT) AS t, lat, lon, sog, nav_status
                  FROM read_parquet(?, union_by_name=true) WHERE {" AND ".join(where)}
                  ORDER BY mmsi, t"""
        return con.execute(sql, [files, *params]).arrow().read_all()

    def _day_files(self, start: int | None, end: int | None) -> list[str]:
        out: list[str] = []
        for day in self.days():
            d0 = int(datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())
            if start is not None and d0 + 86400 <= start:
                continue
            if end is not None and d0 >= end:
                continue
            out += [str(p) for p in sorted((self.positions_dir / f"day={day}").glob("*.parquet"))]
        return out

    def static_history(self) -> list[dict[str, Any]]:
        """Static/voyage data per MMSI as change history: one row per distinct state.

        Missing fields (e.g. a Class B part A report without call sign) are carried
        forward from the MMSI's previous report. ``valid_to`` is the next state's
        ``valid_from`` (None for the current state); ``last_seen`` is the last report
        in this state.
        """
        files = (
            sorted(str(p) for p in self.static_dir.glob("*.parquet"))
            if self.static_dir.exists()
            else []
        )
        if not files:
            return []
        con = connect()
        sql = """
        WITH obs AS (SELECT DISTINCT * FROM read_parquet(?, union_by_name=true)),
        filled AS (
          SELECT mmsi, ts,
            last_value(imo IGNORE NULLS) OVER w AS imo,
            last_value(name IGNORE NULLS) OVER w AS name,
            last_value(callsign IGNORE NULLS) OVER w AS callsign,
            last_value(ship_type IGNORE NULLS) OVER w AS ship_type,
            last_value(length IGNORE NULLS) OVER w AS length,
            last_value(width IGNORE NULLS) OVER w AS width,
            last_value(draught IGNORE NULLS) OVER w AS draught,
            last_value(destination IGNORE NULLS) OVER w AS destination
          FROM obs
          WINDOW w AS (PARTITION BY mmsi ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
        marked AS (
          SELECT *, concat_ws('|', imo, name, callsign, ship_type, length, width, draught,
                              destination) AS sig FROM filled),
        changes AS (
          SELECT *, CASE WHEN lag(sig) OVER (PARTITION BY mmsi ORDER BY ts) IS DISTINCT FROM sig
                    THEN 1 ELSE 0 END AS is_new FROM marked),
        grouped AS (
          SELECT *, sum(is_new) OVER (PARTITION BY mmsi ORDER BY ts) AS grp FROM changes)
        SELECT mmsi, grp, min(CAST(epoch(ts) AS BIGINT)) AS valid_from,
               max(CAST(epoch(ts) AS BIGINT)) AS last_seen,
               any_value(imo) AS imo, any_value(name) AS name, any_value(callsign) AS callsign,
               any_value(ship_type) AS ship_type, any_value(length) AS length,
               any_value(width) AS width, any_value(draught) AS draught,
               any_value(destination) AS destination
        FROM grouped GROUP BY mmsi, grp ORDER BY mmsi, valid_from"""
        rows = con.execute(sql, [files]).fetchall()
        cols = [
            "mmsi",
            "grp",
            "valid_from",
            "last_seen",
            "imo",
            "name",
            "callsign",
            "ship_type",
            "length",
            "width",
            "draught",
            "destination",
        ]
        out = [dict(zip(cols, r, strict=True)) for r in rows]
        for i, row in enumerate(out):
            row.pop("grp")
            nxt = out[i + 1] if i + 1 < len(out) else None
            row["valid_to"] = (
                nxt["valid_from"] if nxt is not None and nxt["mmsi"] == row["mmsi"] else None
            )
        return out
