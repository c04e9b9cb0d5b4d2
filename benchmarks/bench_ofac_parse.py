"""Parse time and peak memory of the OFAC parsers on the real files.

Each file is parsed in a fresh child process, so peak RSS (``ru_maxrss``) belongs
to that one parse, and the time includes the one-off warm-up a cold process pays
(FollowThemoney's country-name table); CPU seconds are printed beside wall seconds
because the machine is shared; peak Python allocations come from ``tracemalloc`` (a second,
traced run in the same child, which is slower, so its time is not reported).

``--synthetic-advanced N`` also writes an sdn_advanced-sized file (the real one is
~120 MB and not stored here) by repeating cons_advanced's parties, documents,
relationships and sanctions entries N times under new ids, and compares the
streaming parser with a whole-tree ``lxml`` parse of the same file.

    PYTHONPATH=src python benchmarks/bench_ofac_parse.py [--synthetic-advanced 45]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OFAC = REPO.parent / "shared" / "data" / "lists" / "ofac"
REAL_FILES = [
    "sdn_2024-05-03.csv",
    "sdn_2023-12-01.csv",
    "set_2021-07-07/sdn.csv",
    "ofac_nonsdn_consolidated_2025-12-18.xml",
    "cons_advanced_2020-03-17.xml",
]
_IDS = re.compile(
    r'((?:FixedRef|<Profile ID|<Identity ID|IdentityID|ProfileID|From-ProfileID|To-ProfileID)=")'
    r'(\d+)"'
)


def measure_one(path: Path, mode: str) -> dict[str, float | int | str]:
    """Parse ``path`` (mode ``parse`` or ``tree``) in this process and report figures."""
    from sanctionwatch.sources import registry
    from sanctionwatch.sources.xmlsafe import parse_xml

    start, cpu_start = time.perf_counter(), time.process_time()
    if mode == "tree":
        root = parse_xml(path)
        count = len(root.findall(".//{*}DistinctParty"))
    else:
        parser = registry.parser_for(path, "ofac")
        parsed = parser.parse(path)
        count = sum(1 for e in parsed.entities if e.schema.name == "Sanction")
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    traced_mib = 0.0
    if mode == "parse":
        tracemalloc.start()
        parser.parse(path)
        traced_mib = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {
        "file": path.name,
        "mode": mode,
        "mib": round(path.stat().st_size / 2**20, 1),
        "entries": count,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "peak_rss_mib": round(rss_mib, 1),
        "peak_traced_mib": round(traced_mib, 1),
    }


def run_child(path: Path, mode: str) -> dict[str, float | int | str]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(path), "--mode", mode],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, float | int | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def synthetic_advanced(copies: int, folder: Path) -> Path:
    """cons_advanced with its parties (and their documents, links, entries) repeated."""
    text = (OFAC / "cons_advanced_2020-03-17.xml").read_text(encoding="utf-8")
    sections = ("IDRegDocuments", "DistinctParties", "ProfileRelationships", "SanctionsEntries")
    for name in sections:
        start = text.index(f"<{name}>") + len(f"<{name}>")
        end = text.index(f"</{name}>")
        body = text[start:end]
        grown = [body] + [
            _IDS.sub(lambda m, k=k: f'{m.group(1)}{int(m.group(2)) + k * 10_000_000}"', body)
            for k in range(1, copies)
        ]
        text = text[:start] + "".join(grown) + text[end:]
    path = folder / f"synthetic_advanced_x{copies}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args.add_argument("--mode", default="parse", help=argparse.SUPPRESS)
    args.add_argument("--synthetic-advanced", type=int, default=0, metavar="N")
    opts = args.parse_args()
    if opts.one:
        print(json.dumps(measure_one(opts.one, opts.mode)))
        return
    rows = [run_child(OFAC / name, "parse") for name in REAL_FILES]
    if opts.synthetic_advanced:
        with tempfile.TemporaryDirectory() as folder:
            path = synthetic_advanced(opts.synthetic_advanced, Path(folder))
            rows.append(run_child(path, "parse"))
            rows.append(run_child(path, "tree"))
    header = (
        f"{'file':42} {'mode':5} {'MiB':>6} {'entries':>7} {'wall s':>7} {'CPU s':>6} "
        f"{'RSS MiB':>8} {'py MiB':>7}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['file']!s:42} {row['mode']!s:5} {row['mib']:>6} {row['entries']:>7} "
            f"{row['seconds']:>7} {row['cpu_seconds']:>6} {row['peak_rss_mib']:>8} "
            f"{row['peak_traced_mib'] if row['mode'] == 'parse' else '-':>7}"
        )


if __name__ == "__main__":
    main()
