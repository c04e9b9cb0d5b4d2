"""A small AIS store with events produced for real, shared by the maritime API and page tests.

``build_ais_dir`` generates a seeded synthetic scenario (4 scenarios, 19 ships, about
6,300 positions over 4 days), gives the foreign tanker of the Nampo ship-to-ship
transfer the IMO number and name of a DPRK-programme vessel on the bundled lists, then runs
``sanctionwatch ais ingest`` and ``sanctionwatch ais detect`` against the list store,
exactly as a user would before ``sanctionwatch serve``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from sanctionwatch.cli.main import main
from sanctionwatch.maritime.synthetic import generate
from sanctionwatch.store import Store

SEED = 7
SCENARIOS = ["sts_nampo", "port_calls", "identity_swap", "gaps"]


@dataclass(frozen=True)
class AisData:
    root: Path
    csv: Path
    listed_mmsi: int
    listed_imo: str
    listed_name: str
    listed_entity: str


def listed_vessel(db_url: str) -> tuple[str, str, str]:
    """(entity id, IMO, name) of the first listed DPRK-programme vessel with an IMO number."""
    store = Store.open(db_url)
    try:
        for entity in sorted(store.listed_entities(), key=lambda e: e.id):
            if entity.schema == "Vessel" and "DPRK" in (entity.programs or []):
                imos = ["".join(c for c in i if c.isdigit())[-7:] for i in entity.get("imoNumber")]
                if imos and imos[0]:
                    return entity.id, imos[0], entity.caption
    finally:
        store.engine.dispose()
    raise AssertionError("no DPRK-programme vessel with an IMO number in the bundled lists")


def build_ais_dir(work: Path, db_url: str) -> AisData:
    generated = generate(SEED, work / "synthetic", scenarios=SCENARIOS, fmt="csv")
    dataset = generated.dataset
    tanker = next(
        plan
        for plan, scenario in zip(dataset.plans, dataset.scenario_of, strict=True)
        if scenario == "sts_nampo" and not str(plan.identities[0][1].mmsi).startswith("445")
    )
    mmsi = tanker.identities[0][1].mmsi
    entity_id, imo, name = listed_vessel(db_url)
    source = generated.files["csv"]
    planted = work / "ais.csv"
    with (
        source.open(newline="", encoding="utf-8") as fin,
        planted.open("w", newline="", encoding="utf-8") as fout,
    ):
        reader = csv.DictReader(fin)
        assert reader.fieldnames is not None
        writer = csv.DictWriter(fout, reader.fieldnames)
        writer.writeheader()
        for row in reader:
            if int(row["MMSI"]) == mmsi:
                row["IMO"] = f"IMO{imo}"
                row["VesselName"] = name.upper()
            writer.writerow(row)
    root = work / "ais"
    runner = CliRunner()
    result = runner.invoke(main, ["ais", "--ais-dir", str(root), "ingest", str(planted)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--db", db_url, "ais", "--ais-dir", str(root), "detect"])
    assert result.exit_code == 0, result.output
    return AisData(root, planted, mmsi, imo, name, entity_id)
