"""Time and memory of the UN SC consolidated list parser on every real UN file.

Prints, per file: records, entities, facts, and the best of N warm parse times, next to a
bare lxml parse of the same file (the floor any parser pays). Then the cold first parse
(which includes FollowTheMoney's and rigour's one-off table loading), the peak Python
memory of one parse of the largest file (tracemalloc) and the process's peak RSS.

Usage: PYTHONPATH=src python benchmarks/bench_un_parse.py [--repeat N] [--data DIR]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

from lxml import etree

from sanctionwatch.sources.un_sc import parse

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists" / "un"


def _best(repeat: int, action: object) -> float:
    assert callable(action)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeat", type=int, default=3, help="warm runs per file (best is shown)")
    args.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of UN XML files")
    options = args.parse_args()
    files = sorted(p for p in options.data.glob("*.xml") if "BAD" not in p.name)
    if not files:
        raise SystemExit(f"no UN files in {options.data}")

    start = time.perf_counter()
    parse(files[0])
    cold = time.perf_counter() - start
    print(f"cold first parse ({files[0].name}, includes library warm-up): {cold:.2f} s")
    print()
    header = f"{'file':34} {'MB':>5} {'records':>7} {'entities':>8} {'facts':>6}"
    print(f"{header} {'parse s':>8} {'lxml s':>7} {'ratio':>6}")
    total = 0.0
    for path in files:
        result = parse(path)
        records = sum(1 for e in result.entities if e.schema.name == "Sanction")
        seconds = _best(options.repeat, lambda path=path: parse(path))
        floor = _best(options.repeat, lambda path=path: etree.parse(str(path)))
        total += seconds
        size = path.stat().st_size / 1e6
        print(
            f"{path.name:34} {size:5.2f} {records:7d} {len(result.entities):8d} "
            f"{len(result.facts):6d} {seconds:8.3f} {floor:7.3f} {seconds / floor:5.0f}x",
            flush=True,
        )
    print(f"all {len(files)} files, warm: {total:.2f} s")

    largest = max(files, key=lambda p: p.stat().st_size)
    tracemalloc.start()
    parse(largest)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory, one parse of {largest.name}: {peak / 2**20:.1f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
