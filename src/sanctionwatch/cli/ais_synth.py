"""``sanctionwatch ais-synth``: write seeded synthetic AIS with ground truth."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from sanctionwatch.maritime.synthetic import busy_day, generate


@click.command("ais-synth")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write into (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nmea", "csv", "both"]),
    default="both",
    show_default=True,
    help="NMEA !AIVDM with tag blocks, MarineCadastre CSV, or both.",
)
@click.option(
    "--scenario",
    type=click.Choice(["all", "core", "sweep", "busy-day"]),
    default="all",
    show_default=True,
    help="Planted scenarios (core), threshold sweeps (sweep), both (all), or one busy day "
    "of positions as Parquet for speed benchmarks (busy-day).",
)
@click.option(
    "--positions",
    type=click.IntRange(min=1),
    default=10_000_000,
    show_default=True,
    help="Rows to write with --scenario busy-day.",
)
@click.option(
    "--corrupt-rate",
    type=click.FloatRange(0.0, 0.5),
    default=0.0,
    show_default=True,
    help="Share of NMEA sentences to damage (bad checksum or cut short), as real feeds are.",
)
def ais_synth(
    seed: int, out_dir: Path, fmt: str, scenario: str, positions: int, corrupt_rate: float
) -> None:
    """Write synthetic AIS with planted events and a ground-truth file.

    Files: ais.nmea, ais.csv, truth.json (the planted events and, per tier,
    whether a detector should fire), manifest.json. With --scenario busy-day:
    busy_day.parquet (mmsi, timestamp, lat, lon, sog, cog, heading).
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    if scenario == "busy-day":
        path = out_dir / "busy_day.parquet"
        if sys.stderr.isatty():
            with click.progressbar(length=positions, label="positions", file=sys.stderr) as bar:
                stats = busy_day(path, n_positions=positions, seed=seed, progress=bar.update)
        else:
            stats = busy_day(path, n_positions=positions, seed=seed)
        click.echo(
            f"wrote {stats.rows:,} positions of {stats.ships:,} ships to {path} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return
    result = generate(seed, out_dir, scenarios=scenario, fmt=fmt, corrupt_rate=corrupt_rate)  # type: ignore[arg-type]
    counts = result.counts
    click.echo(
        f"seed {seed}: {counts['vessels']} ships, {counts['positions']:,} positions, "
        f"{counts['static_reports']:,} static reports, {counts['truth_events']} truth events "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for kind, path in result.files.items():
        click.echo(f"  {kind:8} {path}")
