"""Parse time and peak memory of the EU, UK and FtM parsers.

Cases (each in a fresh process, so peak RSS belongs to that case alone):
- ``ofsi``: the real OFSI ConList CSV of 2016-03-23 (3.2 MB, 8,746 rows).
- ``eu``: a SYNTHETIC EU FSF file of 6,000 entries, made by repeating the
  hand-written test entries under new logicalIds (the real EU file holds about
  5,000-6,000 entries; no real copy is available here).
- ``ftm``: export the parsed OFSI list with ``write_ftm``, then re-import it.

Usage: ``PYTHONPATH=src python benchmarks/bench_lists_eu_uk_ftm.py [--shared-data DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "sources" / "fixtures"


def _synthetic_eu(path: Path, entries: int) -> None:
    text = (FIXTURES / "eu_fsf_sample.xml").read_text(encoding="utf-8")
    head, rest = text.split("<sanctionEntity", 1)
    body, tail = rest.rsplit("</export>", 1)
    blocks = ["<sanctionEntity" + b for b in body.split("<sanctionEntity")]
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for i in range(entries):
            block = blocks[i % len(blocks)]
            fh.write(re.sub(r'logicalId="\d+"', f'logicalId="{900000 + i}"', block, count=1))
        fh.write("</export>" + tail)


def _run_case(case: str, shared: Path) -> dict[str, float | int | str]:
    from followthemoney.types import registry

    from sanctionwatch.model.entity import listed_entities
    from sanctionwatch.sources.eu_fsf import EuFsfParser
    from sanctionwatch.sources.ftm import FtmParser, write_ftm
    from sanctionwatch.sources.uk import OfsiConListCsvParser

    # rigour builds its territory-name index on the first country lookup; that one-off
    # cost (per process) is reported apart from the parse itself.
    start = time.perf_counter()
    registry.country.clean("North Korea")
    warmup = time.perf_counter() - start
    ofsi = shared / "lists" / "uk" / "ofsi_ConList_2016-03-23.csv"
    with tempfile.TemporaryDirectory() as tmp:
        if case == "ofsi":
            start = time.perf_counter()
            parsed = OfsiConListCsvParser().parse(ofsi)
            seconds = time.perf_counter() - start
            size = ofsi.stat().st_size
            count = len(parsed.entities)
        elif case == "eu":
            path = Path(tmp) / "eu.xml"
            _synthetic_eu(path, 6000)
            start = time.perf_counter()
            parsed = EuFsfParser().parse(path)
            seconds = time.perf_counter() - start
            size = path.stat().st_size
            count = len(parsed.entities)
        elif case == "ftm":
            parsed = OfsiConListCsvParser().parse(ofsi)
            entities = listed_entities("uk", parsed.entities, parsed.facts)
            path = Path(tmp) / "ofsi.ftm.jsonl"
            start = time.perf_counter()
            with path.open("w", encoding="utf-8") as fh:
                write_ftm(entities, fh)
            again = FtmParser().parse(path)
            seconds = time.perf_counter() - start
            size = path.stat().st_size
            count = len(again.entities)
        else:
            raise SystemExit(f"unknown case {case}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "case": case,
        "warmup": round(warmup, 3),
        "seconds": round(seconds, 3),
        "file_mb": round(size / 1e6, 2),
        "entities": count,
        "peak_rss_mb": round(peak_kib / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_run_case(args.case, args.shared_data)))
        return
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    print(
        f"{'case':6} {'best s':>8} {'warm-up s':>10} {'file MB':>8} {'entities':>9}"
        f" {'peak RSS MB':>12}"
    )
    for case in ("ofsi", "eu", "ftm"):
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--case", case, "--shared-data", str(args.shared_data)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout
            runs.append(json.loads(out))
        best = min(runs, key=lambda r: float(r["seconds"]))
        peak = max(float(r["peak_rss_mb"]) for r in runs)
        print(
            f"{case:6} {best['seconds']:>8} {best['warmup']:>10} {best['file_mb']:>8}"
            f" {best['entities']:>9} {peak:>12}",
            flush=True,
        )


if __name__ == "__main__":
    main()
