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
import tempfile
import time
from pathlib import Path

from screening_engines import Engines, ftm_query, query_from_dict
from screening_lists import load_corpus

from sanctionwatch.screening import Screener
from sanctionwatch.screening.batch import screen_csv

DEVSET = Path(__file__).parent / "data" / "screening_devset.jsonl"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=6000, help="rows in the batch test")
    parser.add_argument("--logic-v2-queries", type=int, default=300)
    args = parser.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core for latency

    t0 = time.perf_counter()
    corpus = load_corpus()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    screener = Screener.from_entities(corpus)
    t_build = time.perf_counter() - t0
    names = sum(len(e.names) for e in corpus)
    print(f"corpus: {len(corpus)} entities, {names} names; parsed files in {t_load:.2f}s")
    print(f"index build from entities: {t_build:.2f}s ({len(screener.index.postings)} keys)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.pickle"
        t0 = time.perf_counter()
        screener.save(path)
        t_save = time.perf_counter() - t0
        size = path.stat().st_size
        loads = []
        for _ in range(3):
            t0 = time.perf_counter()
            Screener.load(path)
            loads.append(time.perf_counter() - t0)
    print(f"cache: write {t_save:.2f}s, {size / 2**20:.1f} MiB; load best of 3 {min(loads):.2f}s")

    rows = [json.loads(line) for line in DEVSET.open(encoding="utf-8")]
    queries = [query_from_dict(r["query"]) for r in rows]
    for q in queries[:200]:  # warm caches the way a running service would be
        screener.screen(q)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        screener.screen(q)
        times.append((time.perf_counter() - t0) * 1000)
    print(
        f"single query, one core ({len(times)} dev-set queries): p50 {pct(times, 0.5):.2f} ms, "
        f"p95 {pct(times, 0.95):.2f} ms, p99 {pct(times, 0.99):.2f} ms, "
        f"mean {statistics.mean(times):.2f} ms"
    )

    engines = Engines({e.id: e for e in corpus})
    ours_t, v2_t, n_cands = [], [], []
    step = max(1, len(queries) // args.logic_v2_queries)
    for q in queries[::step][: args.logic_v2_queries]:
        candidates = screener.candidate_ids(q)
        n_cands.append(len(candidates))
        t0 = time.perf_counter()
        screener.screen(q)
        ours_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        proxy = ftm_query(q)
        for c in candidates:
            engines.logic_v2(q, c, proxy)
        v2_t.append(time.perf_counter() - t0)
    # logic-v2 entities were built above on first use; time a second pass (cached entities).
    v2_t = []
    for q in queries[::step][: args.logic_v2_queries]:
        candidates = screener.candidate_ids(q)
        t0 = time.perf_counter()
        proxy = ftm_query(q)
        for c in candidates:
            engines.logic_v2(q, c, proxy)
        v2_t.append(time.perf_counter() - t0)
    ratio = statistics.mean(v2_t) / statistics.mean(ours_t)
    print(
        f"same candidates ({statistics.mean(n_cands):.0f} per query, {len(v2_t)} queries): "
        f"ours {1000 * statistics.mean(ours_t):.2f} ms/query (retrieval + scoring), "
        f"logic-v2 {1000 * statistics.mean(v2_t):.1f} ms/query (scoring only) = {ratio:.0f}x slower"
    )

    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "batch.csv"
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
        out = Path(tmp) / "out.jsonl"
        for workers in (1, os.cpu_count() or 1):
            t0 = time.perf_counter()
            stats = screen_csv(screener, src, out, workers=workers, progress=False)
            elapsed = time.perf_counter() - t0
            print(
                f"batch {stats.rows} rows, {workers} process(es): {elapsed:.1f}s = "
                f"{stats.rows / elapsed:.0f} rows/s"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): main process {peak:.0f} MiB, largest worker {child:.0f} MiB")


if __name__ == "__main__":
    main()
