"""Maritime speed benchmarks: NMEA decode + ingest, and detection on a busy day.

    PYTHONPATH=src python benchmarks/bench_maritime.py [--positions 10000000] [--skip-dask]

1. NMEA decode + ingest: the seeded synthetic scenarios (``ais-synth``, NMEA with tag
   blocks) through ``AisStore.ingest``; prints messages/s.
2. Detect on one busy day (``synthetic.busy_day``: Yellow Sea / ECS, one report a minute
   per ship, default 10 million positions), all detectors, both tiers, in a child process
   so its peak RSS is its own; prints seconds and peak memory.
3. The same 10 million positions as two busy days of half the size each, detected day by
   day on a Dask ``LocalCluster`` (2 workers × 1 thread) and, for the ratio, day by day
   in-process in the same run.

Anchor: GFW's pipe-gaps core detector, 3.6 s per 10 million messages (research §1.3).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.synthetic import busy_day, generate


def to_store(parquet: Path, store: AisStore, name: str) -> list[str]:
    """Copy a busy-day Parquet file into the store's day partitions (same as ingest writes)."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    days = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT strftime(timestamp, '%Y-%m-%d') FROM read_parquet(?)", [str(parquet)]
        ).fetchall()
    ]
    for day in days:
        out = store.positions_dir / f"day={day}"
        out.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"""COPY (SELECT mmsi, timestamp AS ts, lat, lon, sog, cog,
                       CAST(heading AS FLOAT) AS heading, CAST(NULL AS SMALLINT) AS nav_status,
                       CAST(NULL AS TINYINT) AS msg_type
                FROM read_parquet('{parquet}') WHERE strftime(timestamp, '%Y-%m-%d') = '{day}'
                ORDER BY mmsi, ts) TO '{out / (name + ".parquet")}' (FORMAT parquet)"""
        )
    return days


def bench_ingest(work: Path) -> dict[str, float]:
    gen = generate(7, work / "synth", scenarios="core", fmt="nmea")
    store = AisStore(work / "ingest")
    t0 = time.perf_counter()
    report = store.ingest(gen.files["nmea"])
    took = time.perf_counter() - t0
    c = report.counts
    return {
        "lines": c.lines,
        "messages": c.messages,
        "positions": c.positions,
        "seconds": round(took, 2),
        "messages_per_s": round(c.messages / took),
    }


CHILD = """
import json, resource, sys, time
from pathlib import Path
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.pipeline import detect_range
root, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0, c0 = time.perf_counter(), time.process_time()
store = AisStore(Path(root))
n = store.positions(start, end).num_rows
t1 = time.perf_counter()
events = detect_range(store, start, end)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"positions": n, "read_s": round(t1 - t0, 2), "detect_s": round(t2 - t1, 2),
                  "total_s": round(t2 - t0, 2), "cpu_s": round(c2 - c0, 2), "events": len(events),
                  "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)}))
"""


def bench_detect(work: Path, n: int) -> dict[str, float]:
    parquet = work / "busy.parquet"
    busy_day(parquet, n_positions=n, seed=1, day=date(2026, 3, 3))
    store = AisStore(work / "busy")
    (day,) = to_store(parquet, store, "busy")
    start = int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(store.root), str(start), str(start + 86400)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def bench_dask(work: Path, n: int) -> dict[str, float]:
    from dask.distributed import Client, LocalCluster

    from sanctionwatch.maritime.pipeline import detect_by_day

    store = AisStore(work / "two_days")
    days = []
    for k, d in enumerate((date(2026, 3, 3), date(2026, 3, 4))):
        parquet = work / f"half{k}.parquet"
        busy_day(parquet, n_positions=n // 2, seed=10 + k, day=d)
        days += to_store(parquet, store, f"half{k}")
    start = int(datetime.fromisoformat(days[0]).replace(tzinfo=UTC).timestamp())
    end = start + 2 * 86400
    t0 = time.perf_counter()
    local = detect_by_day(store, start, end)
    in_process = time.perf_counter() - t0
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit="6GiB",
        ) as cluster,
        Client(cluster) as client,
    ):
        t0 = time.perf_counter()
        remote = detect_by_day(store, start, end, client=client)
        on_dask = time.perf_counter() - t0
    assert sorted(e.id for e in remote) == sorted(e.id for e in local)
    return {
        "positions": n,
        "days": 2,
        "in_process_by_day_s": round(in_process, 2),
        "dask_2_workers_s": round(on_dask, 2),
        "speed_up": round(in_process / on_dask, 2),
        "events": len(remote),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--positions", type=int, default=10_000_000)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-maritime-") as tmp:
        work = Path(tmp)
        ingest = bench_ingest(work)
        print(f"nmea ingest: {ingest}")
        detect = bench_detect(work, args.positions)
        print(f"detect one busy day: {detect}")
        gfw = 3.6 * detect["positions"] / 10_000_000
        print(
            f"  anchor: GFW pipe-gaps core gap detector 3.6 s / 10 M messages -> {gfw:.1f} s "
            f"for this many; we run every detector, both tiers: {detect['total_s'] / gfw:.1f}x"
        )
        if not args.skip_dask:
            print(f"dask split by day: {bench_dask(work, args.positions)}")
    print(
        f"benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB"
    )


if __name__ == "__main__":
    main()
