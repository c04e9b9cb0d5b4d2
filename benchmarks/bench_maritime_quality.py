"""Detector quality on the synthetic scenarios, and event rates on the real AIS samples.

    PYTHONPATH=src python benchmarks/bench_maritime_quality.py [--seed 1] [--format both]
        [--by-day] [--failures docs/maritime-quality-failures.md] [--real ../shared/data/ais]

1. ``ais-synth`` scenarios (core + threshold sweeps + background) for the seed.
2. Ingest the NMEA and/or CSV file into a fresh AIS store (timed: messages/s).
3. Run every detector over the whole period (``pipeline.detect_range``) and, with
   ``--by-day``, day by day with stitching (``pipeline.detect_by_day``), so an event
   lost at a partition boundary shows up as a miss.
4. Score against the ground truth (``maritime.evaluate``): precision, recall, F0.5 and
   start/end error per detector and tier; failures are written per scenario.
5. Run the same detectors on each real sample in ``--real`` (no labels): events per
   type and tier, events per 10k positions, runtime.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.maritime.evaluate import (
    Evaluation,
    evaluate,
    parse_detections,
    parse_truth,
    write_failures,
)
from sanctionwatch.maritime.synthetic import generate
from sanctionwatch.maritime.synthetic.scenarios import DAY0, DAYS

REPO = Path(__file__).resolve().parents[1]
REAL_DEFAULT = REPO.parent / "shared" / "data" / "ais"


def _pipeline() -> Any:
    try:
        from sanctionwatch.maritime import pipeline
    except ImportError as exc:  # the detectors live on the maritime branch
        sys.exit(f"maritime detectors not available ({exc}); merge the maritime branch first")
    return pipeline


def _store(root: Path) -> Any:
    from sanctionwatch.maritime.ingest.store import AisStore

    return AisStore(root)


def ingest(files: list[Path], root: Path) -> tuple[Any, dict[str, Any], float]:
    store = _store(root)
    totals: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        report = store.ingest(path)
        for key, value in report.counts.as_dict().items():
            if isinstance(value, int):
                totals[key] += value
    return store, dict(totals), time.perf_counter() - started


def detect(store: Any, start: int, end: int, by_day: bool) -> tuple[list[dict[str, Any]], float]:
    pipeline = _pipeline()
    started = time.perf_counter()
    from sanctionwatch.maritime import config

    # Every tier the detectors have (gfw, dprk and, for gaps, the unfiltered report tier).
    tiers = getattr(config, "ALL_TIERS", config.TIERS)
    run = pipeline.detect_by_day if by_day else pipeline.detect_range
    events = run(store, start, end, tiers=tiers)
    return [e.to_json() for e in events], time.perf_counter() - started


def report(title: str, evaluation: Evaluation) -> None:
    print(f"\n{title}")
    print(evaluation.table())
    kinds = Counter(f.kind for f in evaluation.failures)
    verdict = "PASS" if evaluation.passed(0.95) else "FAIL"
    print(
        f"target precision and recall >= 0.95 for every detector and tier: {verdict}; "
        f"failures: {dict(kinds) or 'none'}"
    )


def synthetic(args: argparse.Namespace, work: Path) -> list[Evaluation]:
    started = time.perf_counter()
    generated = generate(args.seed, work / "synth", scenarios=args.scenarios, fmt=args.format)
    counts = generated.counts
    print(
        f"generated seed {args.seed}: {counts['vessels']} ships, {counts['positions']:,} positions, "
        f"{counts['static_reports']:,} static reports, {counts['truth_events']} truth events "
        f"in {time.perf_counter() - started:.1f} s"
    )
    truth = parse_truth(json.loads(generated.files["truth"].read_text()), "truth.json")
    manifest = json.loads(generated.files["manifest"].read_text())
    vessel_scenarios = {int(m): v["scenario"] for v in manifest["vessels"] for m in v["mmsis"]}
    start, end = int(DAY0), int(DAY0 + (DAYS + 1) * 86400)
    formats = ["nmea", "csv"] if args.format == "both" else [args.format]
    results = []
    for fmt in formats:
        store, totals, seconds = ingest([generated.files[fmt]], work / f"store_{fmt}")
        rate = totals.get("messages", totals.get("positions", 0)) / seconds
        print(f"\n[{fmt}] ingest: {totals} in {seconds:.1f} s ({rate:,.0f} messages/s)")
        modes = [False, True] if args.by_day else [False]
        for by_day in modes:
            found, seconds = detect(store, start, end, by_day)
            label = "by day, stitched" if by_day else "whole range"
            (work / f"detected_{fmt}_{'day' if by_day else 'range'}.json").write_text(
                json.dumps(found, indent=1)
            )
            evaluation = evaluate(truth, parse_detections(found), vessel_scenarios=vessel_scenarios)
            report(f"[{fmt}] detect ({label}): {len(found)} events in {seconds:.1f} s", evaluation)
            results.append(evaluation)
            if args.failures and not by_day and fmt == formats[0]:
                write_failures(evaluation, args.failures)
                print(f"failures by scenario written to {args.failures}")
    return results


def real_samples(folder: Path, work: Path) -> None:
    print(f"\nreal samples in {folder} (no labels: event rates and runtime only)")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    for n, path in enumerate(files):
        try:
            store, totals, ingest_s = ingest([path], work / f"real_{n}")
            days = store.days()
            if not days:
                print(f"  {path.name}: no timed positions ({totals}); skipped")
                continue
            from datetime import UTC, datetime

            start = int(datetime.fromisoformat(days[0]).replace(tzinfo=UTC).timestamp())
            end = int(datetime.fromisoformat(days[-1]).replace(tzinfo=UTC).timestamp()) + 86400
            found, detect_s = detect(store, start, end, by_day=False)
        except SanctionwatchError as exc:
            print(f"  {path.name}: not usable: {str(exc).splitlines()[0]}")
            continue
        positions = totals.get("positions", 0)
        by_type = Counter(f"{e['type']}/{e['tier']}" for e in found)
        per_10k = len(found) / positions * 10_000 if positions else 0.0
        print(
            f"  {path.name}: {positions:,} positions, ingest {ingest_s:.2f} s, detect "
            f"{detect_s:.2f} s, {len(found)} events ({per_10k:.1f} per 10k positions) "
            f"{dict(sorted(by_type.items()))}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenarios", default="all", choices=["all", "core", "sweep"])
    parser.add_argument("--format", default="both", choices=["nmea", "csv", "both"])
    parser.add_argument("--by-day", action="store_true", help="also run day by day and stitch")
    parser.add_argument(
        "--failures", type=Path, help="write failing scenarios here (Markdown + .json)"
    )
    parser.add_argument(
        "--real", type=Path, default=REAL_DEFAULT, help="folder of real AIS samples"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real samples")
    parser.add_argument("--work", type=Path, help="keep generated files here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        synthetic(args, work)
        if not args.no_real and args.real.is_dir():
            real_samples(args.real, work)


if __name__ == "__main__":
    main()
