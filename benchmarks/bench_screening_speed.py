"""Screening speed: single-query latency, batch throughput, index build, memory.

    PYTHONPATH=src:benchmarks python benchmarks/bench_screening_speed.py [--rows 6000]

Corpus: every UN entry (2026-05-08) plus the largest OFAC SDN file
(sdn_2024-05-03.csv), ~16k entities. Queries: the development set
(benchmarks/data/screening_devset.jsonl). logic-v2 is timed scoring the same
candidates our index proposes, so the ratio compares scoring, not retrieval.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from screening_engines import Engines, ftm_query, query_from_dict
from screening_lists import OFAC_FILE, UN_FILE

from sanctionwatch.screening import Screener
from sanctionwatch.store import Store

DEVSET = Path(__file__).parent / "data" / "screening_devset.jsonl"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of this process)."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - w0, time.process_time() - c0


def build_store(folder: Path) -> Store:
    store = Store.open(str(folder / "bench.db"))
    store.load_files([UN_FILE], "un")
    store.load_files([OFAC_FILE], "ofac")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=6000, help="rows in the batch test")
    parser.add_argument("--logic-v2-queries", type=int, default=300)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core for latency
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    tmpdir = tempfile.TemporaryDirectory()
    folder = Path(tmpdir.name)
    store, wall, _ = timed(build_store, folder)
    print(
        f"store: UN {UN_FILE.name} + OFAC {OFAC_FILE.name} ingested in {wall:.0f}s (not screening)"
    )
    cache = folder / "cache"
    screener, wall, cpu = timed(Screener.from_store, store, cache_dir=cache)
    corpus = list(store.listed_entities())
    names = sum(len(e.names) for e in corpus)
    print(
        f"index build from the store (read entities + index + write cache): "
        f"{wall:.2f}s wall, {cpu:.2f}s CPU; {len(corpus)} entities, {names} names, "
        f"{len(screener.index.postings)} keys"
    )
    _, wall, cpu = timed(Screener.from_entities, corpus)
    print(f"index build from entities in memory: {wall:.2f}s wall, {cpu:.2f}s CPU")
    size = sum(p.stat().st_size for p in cache.glob("*.pickle"))
    loads = [timed(Screener.from_store, store, cache_dir=cache) for _ in range(3)]
    print(
        f"index from the on-disk cache ({size / 2**20:.1f} MiB, incl. store.state_key()): "
        f"best of 3 {min(w for _, w, _ in loads):.2f}s wall, {min(c for _, _, c in loads):.2f}s CPU"
    )

    rows = [json.loads(line) for line in DEVSET.open(encoding="utf-8")]
    queries = [query_from_dict(r["query"]) for r in rows]
    for q in queries[:200]:  # warm caches the way a running service would be
        screener.screen(q)
    walls, cpus = [], []
    for q in queries:
        _, wall, cpu = timed(screener.screen, q)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    print(
        f"single query, one core ({len(walls)} dev-set queries): wall p50 {pct(walls, 0.5):.2f} ms, "
        f"p95 {pct(walls, 0.95):.2f} ms, mean {statistics.mean(walls):.2f} ms; "
        f"CPU p50 {pct(cpus, 0.5):.2f} ms, p95 {pct(cpus, 0.95):.2f} ms, "
        f"mean {statistics.mean(cpus):.2f} ms"
    )

    engines = Engines({e.id: e for e in corpus})
    step = max(1, len(queries) // args.logic_v2_queries)
    sample = queries[::step][: args.logic_v2_queries]
    for q in sample:  # build logic-v2's entities once, outside the timing
        for c in screener.candidate_ids(q):
            engines.logic_v2(q, c, ftm_query(q))
    ours_t, v2_t, n_cands = [], [], []
    for q in sample:
        candidates = screener.candidate_ids(q)
        n_cands.append(len(candidates))
        ours_t.append(timed(screener.screen, q)[2])
        c0 = time.process_time()
        proxy = ftm_query(q)
        for c in candidates:
            engines.logic_v2(q, c, proxy)
        v2_t.append(time.process_time() - c0)
    ratio = statistics.mean(v2_t) / statistics.mean(ours_t)
    print(
        f"same candidates ({statistics.mean(n_cands):.0f} per query, {len(v2_t)} queries), CPU time: "
        f"ours {1000 * statistics.mean(ours_t):.2f} ms/query (retrieval + scoring), "
        f"logic-v2 {1000 * statistics.mean(v2_t):.1f} ms/query (scoring only): "
        f"logic-v2 takes {ratio:.0f}x as long"
    )

    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    src = folder / "batch.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "schema", "birth_date", "nationality", "imo", "extra"])
        for i in range(args.rows):
            q = queries[i % len(queries)]
            writer.writerow(
                [
                    i,
                    q.name,
                    q.schema or "",
                    q.birth_date or "",
                    q.nationality or "",
                    q.imo or "",
                    "x",
                ]
            )
    out = folder / "out.jsonl"
    env = {
        **os.environ,
        "SANCTIONWATCH_DATA_DIR": str(folder / "data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
    }
    cli = [sys.executable, "-m", "sanctionwatch", "--db", str(folder / "bench.db"), "screen"]
    # First run builds the CLI's own index cache; the timed runs read it, as a user's would.
    subprocess.run([*cli, "Kim Jong Un"], env=env, check=True, capture_output=True)
    for workers in (1, os.cpu_count() or 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        subprocess.run(
            [*cli, "--batch", str(src), "--out", str(out), "--workers", str(workers)],
            env=env,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - w0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        rows = sum(1 for _ in out.open(encoding="utf-8"))
        print(
            f"batch via the CLI (cache load included), {rows} rows, {workers} process(es): "
            f"{wall:.1f}s wall = {rows / wall:.0f} rows/s; {cpu:.1f} CPU-s = "
            f"{rows / cpu:.0f} rows per CPU-second"
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory (max RSS): `sanctionwatch screen --batch` process {child:.0f} MiB; "
        f"this benchmark process {peak:.0f} MiB (store, corpus, logic-v2 entities and index)"
    )
    store.close()
    tmpdir.cleanup()


if __name__ == "__main__":
    main()
