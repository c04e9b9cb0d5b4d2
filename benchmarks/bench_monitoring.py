"""Monitoring benchmark: import a synthetic book, full re-screen, incremental re-screen after a
real daily update (OFAC SDN 2023-11-30 -> 2023-12-01, nine additions), and the same on Dask.

    python benchmarks/bench_monitoring.py --records 1000000
    python benchmarks/bench_monitoring.py --records 20000 --full-records 20000 --dask

Lists: UN 2025-11-20 plus OFAC SDN 2023-11-30, then OFAC 2023-12-01 as the update.
The book is synthetic (benchmarks/synthetic_book.py); a few records copy names the
update designates, so the incremental run must raise exactly those alerts.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_book import write_csv

from sanctionwatch.monitoring import alerts, books
from sanctionwatch.monitoring.executors import DaskExecutor, InProcessExecutor
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.monitoring.tables import records as records_table
from sanctionwatch.screening import Screener, compiled
from sanctionwatch.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"
# Names OFAC designated on 2023-12-01 (checked by hand in sdn_2023-12-01.csv).
PLANTED = ["CHOE Un Hyok", "IM Song Sun", "RI Sung Il", "KANG Phyong Guk"]


def tree_cpu() -> float:
    """CPU seconds used so far by this process and its live children (pool or Dask workers)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    # Children already reaped (a finished process pool) are only in RUSAGE_CHILDREN.
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + reaped.ru_utime + reaped.ru_stime


def timed(label: str, func, *args, cpu: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    cpu_before = tree_cpu() if cpu else 0.0
    started = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:9.2f} s", flush=True)
    if cpu:
        # Wall time on a shared machine depends on other jobs; CPU seconds much less so.
        print(f"  CPU, all processes of this benchmark: {tree_cpu() - cpu_before:.1f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument(
        "--full-records",
        type=int,
        default=None,
        help="book size for the full re-screen (default: --records)",
    )
    parser.add_argument("--dask", action="store_true", help="also run on a 2-worker LocalCluster")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-mon-"))
    store = Store.open(f"sqlite:///{tmp / 'bench.db'}")
    timed(
        "load UN 2025-11-20 + OFAC 2023-11-30",
        store.load_files,
        [DATA / "un" / "un_consolidated_2025-11-20.xml"],
        "un",
    )
    store.load_files([DATA / "ofac" / "sdn_2023-11-30.csv"], "ofac")
    screener, _ = timed("build screening index", Screener.from_store, store)
    print(f"entities in index: {len(screener)}")
    print(f"name comparison: {'compiled (mypyc)' if compiled() else 'pure Python (source)'}")

    executor = InProcessExecutor(args.workers)
    full_n = args.full_records
    if full_n:
        path = write_csv(tmp / "full.csv", full_n, seed=11)
        book = books.ensure_book(store.engine, "full", threshold=0.7)
        timed(
            f"import {full_n:,} records",
            books.import_records,
            store.engine,
            book,
            books.read_records(path),
        )
        run, seconds = timed(
            f"full re-screen {full_n:,} records ({executor.workers} processes)",
            rescreen_book,
            store,
            "full",
            full=True,
            screener=screener,
            executor=executor,
            cpu=True,
        )
        print(f"  {full_n / seconds:,.0f} records/s, {run.hits} hits")
        if args.dask:
            from distributed import Client, LocalCluster

            with (
                LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
                Client(cluster) as client,
            ):
                _, dask_seconds = timed(
                    f"full re-screen {full_n:,} records (Dask, 2 workers)",
                    rescreen_book,
                    store,
                    "full",
                    full=True,
                    screener=screener,
                    executor=DaskExecutor(client=client),
                    cpu=True,
                )
            print(f"  Dask / in-process time: {dask_seconds / seconds:.2f}x")

    path = write_csv(tmp / "book.csv", args.records, seed=7, plant=PLANTED)
    book = books.ensure_book(store.engine, "book", threshold=0.7)
    records = books.read_records(path)
    timed(f"import {args.records:,} records", books.import_records, store.engine, book, records)
    # The book was screened against yesterday's lists (the full re-screen above measures
    # that cost); mark it so, then time only what the daily update costs.
    with store.engine.begin() as conn:
        conn.execute(
            records_table.update()
            .where(records_table.c.book_id == book.id)
            .values(screened_state=store.state_key())
        )
    results = store.load_files([DATA / "ofac" / "sdn_2023-12-01.csv"], "ofac")
    outcome, seconds = timed(
        f"daily update: incremental re-screen {args.records:,}",
        after_load,
        store,
        results,
        executor=executor,
        notify=False,
    )
    [run] = [r for r in outcome.runs if r.book == "book"]
    changed = sum(len(c.changed) for c in outcome.changes)
    print(
        f"  {changed} changed entities; {len(run.new)} new alerts: {sorted({p['caption'] for p in run.new})}"
    )
    raised = {
        a["external_id"]
        for a in alerts.list_alerts(store.engine, "book", limit=1_000_000)
        if a["status"] == "open"
    }
    print(f"  open alerts in book: {len(raised)}")
    # Planted records sit at 2,500 + k * 5,000 (synthetic_book.records); any other alert is a
    # synthetic name that truly resembles a newly listed one.
    planted = {f"r{n:07d}" for n in range(2_500, args.records, 5_000)}
    others = [p for p in run.new if p["record"] not in planted]
    print(
        f"  planted records alerted: {len(planted & raised)} of {len(planted)}; "
        f"alerts on other records: {len(others)}"
    )
    names = {r.external_id: r.data.get("name", "") for r in records}
    for p in sorted(others, key=lambda p: -p["score"])[:20]:
        print(f"    {names.get(p['record'], p['record'])!r} ~ {p['caption']!r} ({p['score']:.2f})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
