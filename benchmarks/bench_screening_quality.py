"""Screening quality: ours vs nomenklatura logic-v2 vs a rapidfuzz baseline.

    PYTHONPATH=src:benchmarks python benchmarks/bench_screening_quality.py [--plot docs/img/screening_pr.png]

1. The development set (benchmarks/data/screening_devset.jsonl, made by
   make_screening_devset.py from the real UN and OFAC lists) screened against the
   whole corpus (all UN entries + OFAC SDN 2024-05-03, ~16k entities). Every engine
   scores the same candidates: those our index proposes plus the expected (or
   "near", for negatives) entity. A positive is found when the expected entity is
   in the top 5 at or above the engine's threshold; a negative is a false alert
   when the entity it resembles scores at or above the threshold.
2. The held-out sets (benchmarks/data/screening_heldout*.jsonl, made by
   make_screening_heldout.py: fresh entities per class and real UK spellings),
   scored the same way at the same thresholds, one table per round.
3. The labelled pairs in ../shared/data/names: OpenSanctions' 826 name pairs and
   228 entity checks, and the 300 Cascade company/vessel pairs.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import defaultdict
from pathlib import Path

import yaml
from screening_engines import LOGIC_V2_THRESHOLD, Engines, ftm_query, query_from_dict
from screening_lists import SHARED, load_corpus

from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.screening import DEFAULT_THRESHOLD, Query, Screener

DEVSET = Path(__file__).parent / "data" / "screening_devset.jsonl"


NAMES = SHARED.parent / "names"
ENGINES = ("ours", "logic-v2", "rapidfuzz")
CURVE = [round(0.30 + 0.05 * i, 2) for i in range(14)]


def heldout_sets() -> list[Path]:
    """Every round of held-out set (make_screening_heldout.py), oldest first."""
    found = DEVSET.parent.glob("screening_heldout*.jsonl")
    return sorted(found, key=lambda p: int(p.stem.removeprefix("screening_heldout") or 1))


def best_f1_threshold(pos: list[float], neg: list[float]) -> float:
    best, best_t = -1.0, 0.5
    for i in range(20, 100):
        t = i / 100
        tp = sum(s >= t for s in pos)
        fp = sum(s >= t for s in neg)
        f1 = 2 * tp / (2 * tp + fp + (len(pos) - tp)) if tp else 0.0
        if f1 > best:
            best, best_t = f1, t
    return best_t


def pr(pos: list[float], neg: list[float], t: float) -> tuple[float, float, float]:
    tp = sum(s >= t for s in pos)
    fp = sum(s >= t for s in neg)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / len(pos) if pos else 0.0
    fa = fp / len(neg) if neg else 0.0
    return precision, recall, fa


def run_devset(
    screener: Screener, engines: Engines, path: Path = DEVSET
) -> dict[str, dict[str, list[float]]]:
    """Per engine and class: the effective score of the expected/near entity per query."""
    out: dict[str, dict[str, list[float]]] = {e: defaultdict(list) for e in ENGINES}
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for row in rows:
        query = query_from_dict(row["query"])
        target = row["expect"] or row["near"]
        ours = screener.screen(query, limit=50, cutoff=0.0)
        ranked = [m.entity_id for m in ours]
        score = next((m.score for m in ours if m.entity_id == target), 0.0)
        # Found only in the top 5: a user sees no further.
        out["ours"][row["class"]].append(score if target in ranked[:5] else 0.0)
        candidates = list(dict.fromkeys([*screener.candidate_ids(query), *ranked, target]))
        proxy = ftm_query(query)
        for name in ("logic-v2", "rapidfuzz"):
            if name == "logic-v2":
                pairs = [(engines.logic_v2(query, c, proxy), c) for c in candidates]
            else:
                pairs = [(engines.rapidfuzz(query, c), c) for c in candidates]
            scores = sorted(pairs, key=lambda sc: (-sc[0], sc[1]))
            top = [c for _, c in scores[:5]]
            value = next(s for s, c in scores if c == target)
            out[name][row["class"]].append(value if target in top else 0.0)
    return out


def report_devset(
    scores: dict[str, dict[str, list[float]]],
    thresholds: dict[str, float],
    title: str = "Development set",
) -> None:
    classes = sorted(scores["ours"])
    print(f"\n## {title} (per class; positives: recall, negatives: false-alert rate)\n")
    print(f"| class | n | {' | '.join(f'{e} @{thresholds[e]:.2f}' for e in ENGINES)} |")
    print("|---|---:|" + "---:|" * len(ENGINES))
    for cls in classes:
        negative = cls.startswith("neg_")
        cells = []
        for engine in ENGINES:
            values = scores[engine][cls]
            hits = sum(v >= thresholds[engine] for v in values)
            rate = hits / len(values)
            cells.append(f"{'FA ' if negative else ''}{100 * rate:.1f}%")
        print(f"| {cls} | {len(scores['ours'][cls])} | {' | '.join(cells)} |")
    print("\n| engine | threshold | precision | recall | false alerts | F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for engine in ENGINES:
        pos = [v for c in classes if not c.startswith("neg_") for v in scores[engine][c]]
        neg = [v for c in classes if c.startswith("neg_") for v in scores[engine][c]]
        p, r, fa = pr(pos, neg, thresholds[engine])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {engine} | {thresholds[engine]:.2f} | {p:.3f} | {r:.3f} | {fa:.3f} | {f1:.3f} |")


def report_curve(scores: dict[str, list[float]], plot: Path | None, label: str) -> None:
    pos = [v for c, vs in scores.items() if not c.startswith("neg_") for v in vs]
    neg = [v for c, vs in scores.items() if c.startswith("neg_") for v in vs]
    print(f"\n## Precision/recall curve, ours ({label})\n")
    print("| threshold | precision | recall | false alerts | min class recall |")
    print("|---:|---:|---:|---:|---:|")
    for t in CURVE:
        p, r, fa = pr(pos, neg, t)
        worst = min(
            sum(v >= t for v in vs) / len(vs)
            for c, vs in scores.items()
            if not c.startswith("neg_")
        )
        mark = " ←" if abs(t - DEFAULT_THRESHOLD) < 1e-9 else ""
        print(f"| {t:.2f}{mark} | {p:.3f} | {r:.3f} | {fa:.3f} | {worst:.3f} |")
    if plot is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        ts = [i / 100 for i in range(20, 100)]
        rows = [pr(pos, neg, t) for t in ts]
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(ts, [r[0] for r in rows], label="precision")
        ax.plot(ts, [r[1] for r in rows], label="recall")
        ax.plot(ts, [r[2] for r in rows], label="false-alert rate")
        ax.axvline(DEFAULT_THRESHOLD, color="grey", linestyle="--", label="DEFAULT_THRESHOLD")
        ax.set_xlabel("threshold")
        ax.set_title("sanctionwatch screening, development set")
        ax.legend(loc="lower left")
        ax.grid(alpha=0.3)
        plot.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(plot, dpi=110, bbox_inches="tight")
        print(f"\n(plot written to {plot})")


def _pair_entity(
    schema: str, name: str | list[str] | dict[str, object], entity_id: str = "pair"
) -> ListedEntity:
    props: dict[str, list[str]] = {}
    if isinstance(name, dict):
        for key, value in name.items():
            props[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if "name" not in props:
            parts = [props.get(k, [""])[0] for k in ("firstName", "middleName", "lastName")]
            props["name"] = [" ".join(p for p in parts if p)]
    else:
        props["name"] = name if isinstance(name, list) else [name]
    return ListedEntity(entity_id, schema, "pairs", props)


def run_pairs(
    label: str,
    pairs: list[tuple[str, dict[str, object], dict[str, object], bool]],
    show_errors: int = 0,
) -> None:
    results: dict[str, tuple[list[float], list[float]]] = {e: ([], []) for e in ENGINES}
    errors: list[str] = []
    for number, (schema, q_props, c_props, is_match) in enumerate(pairs):
        # Unique ids: logic-v2 memoises name analysis per entity id.
        entity_id = f"pair-{number}"
        entity = _pair_entity(schema, c_props, entity_id)
        q_entity = _pair_entity(schema, q_props)
        query = Query(name=q_entity.caption, schema=schema)
        engines = Engines({entity_id: entity})
        for engine, fn in (
            ("ours", engines.ours),
            ("logic-v2", engines.logic_v2),
            ("rapidfuzz", engines.rapidfuzz),
        ):
            score = fn(query, entity_id)
            results[engine][0 if is_match else 1].append(score)
            if engine == "ours" and show_errors and (score >= DEFAULT_THRESHOLD) != is_match:
                errors.append(
                    f"  {'FN' if is_match else 'FP'} {score:.2f} {query.name!r} ~ {entity.caption!r}"
                )
    print(f"\n## {label} ({len(pairs)} pairs)\n")
    print("| engine | threshold | precision | recall | F1 | best-F1 threshold | F1 there |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for engine in ENGINES:
        pos, neg = results[engine]
        t = {"ours": DEFAULT_THRESHOLD, "logic-v2": LOGIC_V2_THRESHOLD}.get(engine, 0.85)
        p, r, _ = pr(pos, neg, t)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        bt = best_f1_threshold(pos, neg)
        bp, br, _ = pr(pos, neg, bt)
        bf = 2 * bp * br / (bp + br) if bp + br else 0.0
        print(f"| {engine} | {t:.2f} | {p:.3f} | {r:.3f} | {f1:.3f} | {bt:.2f} | {bf:.3f} |")
    for line in errors[:show_errors]:
        print(line)


def load_pairs_csv(path: Path) -> list[tuple[str, dict[str, object], dict[str, object], bool]]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.append(
                (
                    row["schema"],
                    {"name": row["name1"]},
                    {"name": row["name2"]},
                    row["is_match"].strip().lower() == "true",
                )
            )
    return out


def load_checks(path: Path) -> list[tuple[str, dict[str, object], dict[str, object], bool]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(c["schema"], c["query"], c["candidate"], bool(c["match"])) for c in data["checks"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plot", type=Path, default=None, help="write the P/R curve as PNG")
    parser.add_argument("--skip-pairs", action="store_true")
    parser.add_argument("--skip-heldout", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    corpus = load_corpus()
    screener = Screener.from_entities(corpus)
    engines = Engines({e.id: e for e in corpus})
    print(f"corpus: {len(corpus)} entities, index built in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    scores = run_devset(screener, engines)
    n = sum(len(v) for v in scores["ours"].values())
    print(f"development set: {n} queries, all engines in {time.perf_counter() - t0:.1f}s")
    pos_rf = [v for c, vs in scores["rapidfuzz"].items() if not c.startswith("neg_") for v in vs]
    neg_rf = [v for c, vs in scores["rapidfuzz"].items() if c.startswith("neg_") for v in vs]
    thresholds = {
        "ours": DEFAULT_THRESHOLD,
        "logic-v2": LOGIC_V2_THRESHOLD,
        "rapidfuzz": best_f1_threshold(pos_rf, neg_rf),
    }
    print(
        "thresholds: ours = DEFAULT_THRESHOLD, logic-v2 = yente's default 0.70, "
        "rapidfuzz = its best-F1 threshold on this set"
    )
    report_devset(scores, thresholds)
    pos_v2 = [v for c, vs in scores["logic-v2"].items() if not c.startswith("neg_") for v in vs]
    neg_v2 = [v for c, vs in scores["logic-v2"].items() if c.startswith("neg_") for v in vs]
    best_v2 = best_f1_threshold(pos_v2, neg_v2)
    print(f"\n(logic-v2 at its own best-F1 threshold {best_v2:.2f} on this set:)")
    report_devset(scores, {**thresholds, "logic-v2": best_v2})
    report_curve(scores["ours"], args.plot, "development set")
    for path in [] if args.skip_heldout else heldout_sets():
        # Same thresholds as above: a held-out set must not choose them.
        t0 = time.perf_counter()
        held = run_devset(screener, engines, path)
        n = sum(len(v) for v in held["ours"].values())
        print(f"\n{path.name}: {n} queries, all engines in {time.perf_counter() - t0:.1f}s")
        report_devset(held, thresholds, f"Held-out set {path.name}")
        report_curve(held["ours"], None, path.name)
    if not args.skip_pairs:
        run_pairs(
            "OpenSanctions name_bench cases.csv",
            load_pairs_csv(NAMES / "opensanctions_nomenklatura_name_bench_cases.csv"),
        )
        run_pairs(
            "OpenSanctions entity_bench checks.yml",
            load_checks(NAMES / "opensanctions_nomenklatura_entity_bench_checks.yml"),
        )
        run_pairs("Cascade company/vessel pairs", load_pairs_csv(NAMES / "cascade-name-pairs.csv"))


if __name__ == "__main__":
    main()
