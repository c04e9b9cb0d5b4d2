"""Seeded synthetic AIS with planted events and ground truth, for evaluating the detectors.

``generate(seed, out_dir)`` writes ``ais.nmea`` (``!AIVDM`` behind IEC tag blocks),
``ais.csv`` (NOAA MarineCadastre columns), ``truth.json`` (the planted events and,
per tier, whether a detector should fire) and ``manifest.json``.
``busy_day(path)`` writes one day of busy traffic as Parquet for speed benchmarks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sanctionwatch.errors import ConfigError
from sanctionwatch.maritime.synthetic.busy_day import POSITIONS_SCHEMA, BusyDayStats, busy_day
from sanctionwatch.maritime.synthetic.dataset import Dataset, build, scenario_names
from sanctionwatch.maritime.synthetic.writers import (
    MARINECADASTRE_COLUMNS,
    atomic_text,
    write_marinecadastre_csv,
    write_nmea,
    write_truth,
)

Format = Literal["nmea", "csv", "both"]

__all__ = [
    "MARINECADASTRE_COLUMNS",
    "POSITIONS_SCHEMA",
    "BusyDayStats",
    "Dataset",
    "Generated",
    "build",
    "busy_day",
    "generate",
]


@dataclass
class Generated:
    """Paths and counts of one ``generate`` run."""

    dataset: Dataset
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def generate(
    seed: int,
    out_dir: Path,
    *,
    scenarios: str | list[str] = "all",
    fmt: Format = "both",
    corrupt_rate: float = 0.0,
) -> Generated:
    """Build the scenarios for ``seed`` and write them to ``out_dir``."""
    if fmt not in ("nmea", "csv", "both"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use nmea, csv or both")
    names = scenario_names(scenarios)
    out_dir.mkdir(parents=True, exist_ok=True)
    dataset = build(seed, names)
    result = Generated(dataset=dataset)
    if fmt in ("nmea", "both"):
        path = out_dir / "ais.nmea"
        result.counts["nmea_lines"] = write_nmea(dataset, path, corrupt_rate=corrupt_rate)
        result.files["nmea"] = path
    if fmt in ("csv", "both"):
        path = out_dir / "ais.csv"
        result.counts["csv_rows"] = write_marinecadastre_csv(dataset, path)
        result.files["csv"] = path
    path = out_dir / "truth.json"
    result.counts["truth_events"] = write_truth(dataset, path)
    result.files["truth"] = path
    result.counts["positions"] = len(dataset.reports)
    result.counts["static_reports"] = len(dataset.statics.t)
    result.counts["vessels"] = len(dataset.plans)
    manifest = {
        "seed": seed,
        "scenarios": names,
        "format": fmt,
        "corrupt_rate": corrupt_rate,
        "files": {k: v.name for k, v in result.files.items()},
        "counts": result.counts,
        "vessels": [
            {
                "key": plan.key,
                "scenario": scenario,
                "mmsis": sorted({i.mmsi for _, i in plan.identities}),
            }
            for plan, scenario in zip(dataset.plans, dataset.scenario_of, strict=True)
        ],
    }
    path = out_dir / "manifest.json"
    with atomic_text(path) as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    result.files["manifest"] = path
    return result
