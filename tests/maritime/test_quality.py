"""Detector quality on the seeded synthetic scenarios (maritime-eval's generator and harness).

Every detector and tier must reach precision and recall ≥ 0.95 with start/end within one
resampling step.
"""

from __future__ import annotations

import pytest

from sanctionwatch.maritime.evaluate import evaluate, parse_detections, parse_truth
from sanctionwatch.maritime.events import parse_iso
from sanctionwatch.maritime.ingest.store import AisStore
from sanctionwatch.maritime.linking import enrich
from sanctionwatch.maritime.pipeline import detect_range
from sanctionwatch.maritime.synthetic import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[1, 3])
def scored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import json

    work = tmp_path_factory.mktemp("quality")
    gen = generate(request.param, work / "synth", scenarios="all", fmt="csv")
    store = AisStore(work / "ais")
    report = store.ingest(gen.files["csv"])
    start = parse_iso(report.days[0])
    end = parse_iso(report.days[-1]) + 86400
    events = enrich(detect_range(store, start, end), store.static_history())
    truth = parse_truth(json.loads(gen.files["truth"].read_text()))
    return evaluate(truth, parse_detections([e.to_json() for e in events]))


@pytest.mark.parametrize("type_", ["encounter", "gap", "port_call", "identity", "loitering"])
@pytest.mark.parametrize("tier", ["gfw", "dprk"])
def test_precision_and_recall(scored, type_: str, tier: str) -> None:  # type: ignore[no-untyped-def]
    score = scored.score(type_, tier)
    assert score.recall is None or score.recall >= 0.95, scored.table()
    assert score.precision is None or score.precision >= 0.95, scored.table()
