"""Score detected AIS events against the synthetic ground truth.

A detected event matches a truth event when they have the same ``type``, share
at least one MMSI, and their start and end each differ by at most one resampling
step (10 minutes). Identity anomalies that are properties rather than moments
(an invalid IMO check digit, an unallocated MID) match on vessel and overlapping
time alone. Each truth event is matched at most once, each detection at most once,
closest first.

Scoring is per event type and per tier (``gfw``, ``dprk``, and any other tier
named, such as ``report`` for GFW's unfiltered gap table): truth events with
``should_fire`` for that tier (tier ``both`` counts for gfw and dprk) are the
positives; a detection counts for its own tier (``both`` for gfw and dprk).
Truth marked ``ambiguous`` (a threshold tie nobody planted) is scored neither way. Unmatched positives are
misses, unmatched detections false alarms. Every failure is kept with the
scenario it came from, so the detectors' authors can see exactly what to fix:
a miss, a fire on a near-miss that must not fire, or an event found with its
start/end off by more than the tolerance (``timing``).

Input shapes: the truth file ``truth.json`` written by ``ais-synth``; detections as
the JSON list ``sanctionwatch ais detect --json`` prints (objects with ``type``,
``vessels`` [{``mmsi``, ...}], ``start``, ``end``, ``tier`` and optionally
``evidence.kind``), or an object holding that list under ``events``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

from sanctionwatch.errors import InputError

EVENT_TYPES = ("encounter", "gap", "loitering", "port_call", "identity")
TIERS = ("gfw", "dprk")
DEFAULT_TOLERANCE_S = 600
STATIC_IDENTITY_SUBTYPES = frozenset({"invalid_imo", "mid_unallocated"})


@dataclass(frozen=True)
class TruthRecord:
    id: str
    scenario: str
    type: str
    subtype: str
    mmsis: frozenset[int]
    start: int
    end: int
    tier: str
    should_fire: bool
    note: str
    ambiguous: bool = False

    def counts_for(self, tier: str) -> bool:
        return self.tier in (tier, "both")


@dataclass(frozen=True)
class Detection:
    index: int
    type: str
    mmsis: frozenset[int]
    start: int
    end: int
    tier: str
    kind: str | None
    likely_disabling: bool | None = None

    def counts_for(self, tier: str) -> bool:
        return self.tier in (tier, "both")


@dataclass(frozen=True)
class Match:
    truth: TruthRecord
    detection: Detection
    tier: str

    @property
    def start_error_s(self) -> int:
        return self.detection.start - self.truth.start

    @property
    def end_error_s(self) -> int:
        return self.detection.end - self.truth.end


@dataclass(frozen=True)
class Failure:
    """One thing the detectors got wrong, located by scenario."""

    kind: str  # missed | timing | fired_on_near_miss | false_alarm | flag
    type: str
    tier: str
    scenario: str
    truth_id: str | None
    detection_index: int | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "type": self.type,
            "tier": self.tier,
            "scenario": self.scenario,
            "truth_id": self.truth_id,
            "detection_index": self.detection_index,
            "detail": self.detail,
        }


@dataclass
class Score:
    type: str
    tier: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ambiguous: int = 0  # detections on threshold ties, scored neither way
    flag_checked: int = 0  # gaps whose "likely disabling" flag could be compared
    flag_agreed: int = 0
    start_errors_s: list[int] = field(default_factory=list)
    end_errors_s: list[int] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f05(self) -> float | None:
        """F0.5, weighting precision over recall as Welch et al. chose for gaps."""
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 1.25 * p * r / (0.25 * p + r)

    def to_json(self) -> dict[str, Any]:
        abs_start = [abs(e) for e in self.start_errors_s]
        abs_end = [abs(e) for e in self.end_errors_s]
        return {
            "type": self.type,
            "tier": self.tier,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f0.5": self.f05,
            "ambiguous": self.ambiguous,
            "likely_disabling_flag": (
                f"{self.flag_agreed}/{self.flag_checked}" if self.flag_checked else None
            ),
            "median_abs_start_error_s": median(abs_start) if abs_start else None,
            "median_abs_end_error_s": median(abs_end) if abs_end else None,
            "max_abs_start_error_s": max(abs_start) if abs_start else None,
            "max_abs_end_error_s": max(abs_end) if abs_end else None,
        }


@dataclass
class Evaluation:
    scores: list[Score]
    matches: list[Match]
    failures: list[Failure]
    tolerance_s: int

    def score(self, type_: str, tier: str) -> Score:
        return next(s for s in self.scores if s.type == type_ and s.tier == tier)

    def passed(self, minimum: float = 0.95) -> bool:
        """True if every (type, tier) with positives or detections reaches ``minimum``."""
        for s in self.scores:
            for value in (s.precision, s.recall):
                if value is not None and value < minimum:
                    return False
        return True

    def table(self) -> str:
        """A fixed-width table: one row per detector and tier."""
        head = (
            f"{'detector':<10} {'tier':<5} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} "
            f"{'recall':>6} {'F0.5':>6} {'|dstart| med/max':>17} {'|dend| med/max':>15}"
        )
        lines = [head, "-" * len(head)]

        def pct(v: float | None) -> str:
            return "-" if v is None else f"{v:.3f}"

        def minutes(values: list[int]) -> str:
            if not values:
                return "-"
            a = [abs(v) / 60 for v in values]
            return f"{median(a):.1f}/{max(a):.1f} min"

        for s in self.scores:
            lines.append(
                f"{s.type:<10} {s.tier:<5} {s.tp:>4} {s.fp:>4} {s.fn:>4} {pct(s.precision):>6} "
                f"{pct(s.recall):>6} {pct(s.f05):>6} {minutes(s.start_errors_s):>17} "
                f"{minutes(s.end_errors_s):>15}"
            )
        return "\n".join(lines)

    def failures_by_scenario(self) -> dict[str, list[Failure]]:
        out: dict[str, list[Failure]] = {}
        for failure in self.failures:
            out.setdefault(failure.scenario, []).append(failure)
        return dict(sorted(out.items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "tolerance_s": self.tolerance_s,
            "scores": [s.to_json() for s in self.scores],
            "failures": [f.to_json() for f in self.failures],
        }


# --------------------------------------------------------------------------- reading


def _epoch(value: Any, where: str, source: str) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return int(parsed.timestamp())
    raise InputError(
        f"{where}: {value!r} is not an ISO 8601 time or epoch seconds",
        path=source,
        hint="write times like 2026-03-02T10:00:00Z",
    )


def _records(data: Any, source: str, what: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        data = data["events"]
    if not isinstance(data, list):
        raise InputError(
            f"expected a JSON list of {what}, got {type(data).__name__}",
            path=source,
            hint=f"pass the list of {what} (or an object with it under 'events')",
        )
    return data


def _tier(value: Any, where: str, source: str) -> str:
    text = str(value).strip().lower()
    for tier in ("both", *TIERS):
        if text == tier or text.startswith(tier):
            return tier
    # Other tiers (e.g. ``report``, GFW's unfiltered gap table) are scored on their own.
    if text.isidentifier():
        return text
    raise InputError(
        f"{where}: tier {value!r} is not gfw, dprk, both or another tier name",
        path=source,
        hint="fix the tier",
    )


def parse_truth(data: Any, source: str = "truth") -> list[TruthRecord]:
    """Truth records from the decoded ``truth.json``; bad records raise ``InputError``."""
    out = []
    for i, raw in enumerate(_records(data, source, "truth events")):
        where = f"truth event {i}"
        try:
            out.append(
                TruthRecord(
                    id=str(raw.get("id", i)),
                    scenario=str(raw.get("scenario", "?")),
                    type=str(raw["type"]),
                    subtype=str(raw.get("subtype", "")),
                    mmsis=frozenset(int(m) for m in raw["mmsis"]),
                    start=_epoch(raw["start"], where, source),
                    end=_epoch(raw["end"], where, source),
                    tier=_tier(raw["tier"], where, source),
                    should_fire=bool(raw["should_fire"]),
                    note=str(raw.get("note", "")),
                    ambiguous=bool(raw.get("ambiguous", False)),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"{where} is malformed ({exc!r})",
                path=source,
                record=str(i),
                hint="truth events need type, mmsis, start, end, tier and should_fire",
            ) from exc
    return out


def parse_detections(data: Any, source: str = "detections") -> list[Detection]:
    """Detections from the decoded ``ais detect --json`` output."""
    out = []
    for i, raw in enumerate(_records(data, source, "detected events")):
        where = f"detected event {i}"
        try:
            mmsis = frozenset(
                int(v["mmsi"]) for v in raw.get("vessels") or [] if v.get("mmsi") is not None
            )
            evidence = raw.get("evidence") or {}
            if not isinstance(evidence, dict):
                evidence = {}
            kind = evidence.get("kind")
            disabling = evidence.get("likely_disabling")
            out.append(
                Detection(
                    index=i,
                    type=str(raw["type"]),
                    mmsis=mmsis,
                    start=_epoch(raw["start"], where, source),
                    end=_epoch(raw["end"], where, source),
                    tier=_tier(raw["tier"], where, source),
                    kind=str(kind) if kind is not None else None,
                    likely_disabling=disabling if isinstance(disabling, bool) else None,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"{where} is malformed ({exc!r})",
                path=source,
                record=str(i),
                hint="detected events need type, vessels[].mmsi, start, end and tier",
            ) from exc
    return out


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError("file not found", path=path) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", path=path, line=exc.lineno) from exc


# --------------------------------------------------------------------------- matching


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int, slack: int = 0) -> bool:
    return a_start <= b_end + slack and b_start <= a_end + slack


def _strict_cost(t: TruthRecord, d: Detection, tolerance_s: int) -> float | None:
    """Matching cost, or None if the pair cannot match."""
    if t.type != d.type or not (t.mmsis & d.mmsis):
        return None
    same_kind = 0.0 if d.kind is None or d.kind == t.subtype else 1.0
    if t.type == "identity" and t.subtype in STATIC_IDENTITY_SUBTYPES:
        if not _overlaps(t.start, t.end, d.start, d.end, tolerance_s):
            return None
        return same_kind
    ds, de = abs(d.start - t.start), abs(d.end - t.end)
    if ds > tolerance_s or de > tolerance_s:
        return None
    return ds + de + same_kind


def _loose(t: TruthRecord, d: Detection) -> bool:
    """Same event, found with the wrong times: same type and vessel, overlapping in time."""
    return (
        t.type == d.type
        and bool(t.mmsis & d.mmsis)
        and _overlaps(t.start, t.end, d.start, d.end, 3600)
    )


def evaluate(
    truth: Sequence[TruthRecord],
    detections: Sequence[Detection],
    *,
    tolerance_s: int = DEFAULT_TOLERANCE_S,
    types: Iterable[str] = EVENT_TYPES,
    vessel_scenarios: dict[int, str] | None = None,
) -> Evaluation:
    """Match detections to truth per type and tier; score and list every failure."""
    vessel_scenarios = dict(vessel_scenarios or {})
    for t in truth:
        for m in t.mmsis:
            vessel_scenarios.setdefault(m, t.scenario)
    extra_types = sorted({d.type for d in detections} - set(types))
    seen_tiers = {t.tier for t in truth} | {d.tier for d in detections}
    extra_tiers = sorted(seen_tiers - {"both", *TIERS})
    scores: list[Score] = []
    matches: list[Match] = []
    failures: list[Failure] = []
    for type_ in [*types, *extra_types]:
        for tier in [*TIERS, *extra_tiers]:
            if (
                tier not in TIERS
                and not any(t.type == type_ and t.tier == tier for t in truth)
                and not any(d.type == type_ and d.tier == tier for d in detections)
            ):
                continue
            score = Score(type_, tier)
            scores.append(score)
            mine = [t for t in truth if t.type == type_ and t.counts_for(tier)]
            positives = [t for t in mine if t.should_fire and not t.ambiguous]
            negatives = [t for t in mine if not t.should_fire and not t.ambiguous]
            ties = [t for t in mine if t.ambiguous]
            found = [d for d in detections if d.type == type_ and d.counts_for(tier)]
            pairs = []
            for ti, t in enumerate(positives):
                for di, d in enumerate(found):
                    cost = _strict_cost(t, d, tolerance_s)
                    if cost is not None:
                        pairs.append((cost, ti, di))
            pairs.sort()
            used_t: set[int] = set()
            used_d: set[int] = set()
            for _, ti, di in pairs:
                if ti in used_t or di in used_d:
                    continue
                used_t.add(ti)
                used_d.add(di)
                match = Match(positives[ti], found[di], tier)
                matches.append(match)
                score.tp += 1
                if not (type_ == "identity" and positives[ti].subtype in STATIC_IDENTITY_SUBTYPES):
                    score.start_errors_s.append(match.start_error_s)
                    score.end_errors_s.append(match.end_error_s)
                flag = found[di].likely_disabling
                if type_ == "gap" and flag is not None:
                    expected = positives[ti].subtype == "likely_disabling"
                    score.flag_checked += 1
                    score.flag_agreed += flag == expected
                    if flag != expected:
                        failures.append(
                            Failure(
                                "flag",
                                type_,
                                tier,
                                positives[ti].scenario,
                                positives[ti].id,
                                found[di].index,
                                f"likely_disabling is {flag}, expected {expected}: "
                                f"{positives[ti].note}",
                            )
                        )
            missed = [t for ti, t in enumerate(positives) if ti not in used_t]
            extra = [d for di, d in enumerate(found) if di not in used_d]
            tied = [d for d in extra if any(_loose(t, d) for t in ties)]
            extra = [d for d in extra if d not in tied]
            score.ambiguous = len(tied)
            score.fn = len(missed)
            score.fp = len(extra)
            for t in missed:
                near = [d for d in extra if _loose(t, d)]
                if near:
                    d = min(near, key=lambda d: abs(d.start - t.start) + abs(d.end - t.end))
                    detail = (
                        f"found with start {(d.start - t.start) / 60:+.0f} min, end "
                        f"{(d.end - t.end) / 60:+.0f} min (tolerance {tolerance_s / 60:.0f} min); "
                        f"{t.note}"
                    )
                    failures.append(
                        Failure("timing", type_, tier, t.scenario, t.id, d.index, detail)
                    )
                else:
                    failures.append(
                        Failure(
                            "missed", type_, tier, t.scenario, t.id, None, f"{t.subtype}: {t.note}"
                        )
                    )
            for d in extra:
                if any(_loose(t, d) for t in missed):
                    continue  # already reported as a timing failure
                negative = next((t for t in negatives if _loose(t, d)), None)
                if negative is not None:
                    failures.append(
                        Failure(
                            "fired_on_near_miss",
                            type_,
                            tier,
                            negative.scenario,
                            negative.id,
                            d.index,
                            f"must not fire: {negative.note}",
                        )
                    )
                    continue
                scenario = next(
                    (vessel_scenarios[m] for m in sorted(d.mmsis) if m in vessel_scenarios),
                    "unknown",
                )
                failures.append(
                    Failure(
                        "false_alarm",
                        type_,
                        tier,
                        scenario,
                        None,
                        d.index,
                        f"{d.kind or type_} on {sorted(d.mmsis)} "
                        f"{_iso(d.start)}..{_iso(d.end)}: no planted event",
                    )
                )
    return Evaluation(scores=scores, matches=matches, failures=failures, tolerance_s=tolerance_s)


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def evaluate_files(
    truth_path: Path,
    detections_path: Path,
    *,
    manifest_path: Path | None = None,
    tolerance_s: int = DEFAULT_TOLERANCE_S,
) -> Evaluation:
    """``evaluate`` on a truth file, a detections file and (optionally) the generator's manifest."""
    truth = parse_truth(load_json(truth_path), str(truth_path))
    detections = parse_detections(load_json(detections_path), str(detections_path))
    vessel_scenarios: dict[int, str] = {}
    if manifest_path is not None and manifest_path.exists():
        for vessel in load_json(manifest_path).get("vessels", []):
            for m in vessel.get("mmsis", []):
                vessel_scenarios.setdefault(int(m), str(vessel.get("scenario", "?")))
    return evaluate(truth, detections, tolerance_s=tolerance_s, vessel_scenarios=vessel_scenarios)


def write_failures(evaluation: Evaluation, path: Path) -> None:
    """Write the failures grouped by scenario as Markdown (and JSON beside it)."""
    lines = [
        "# Failing synthetic scenarios",
        "",
        (
            f"Tolerance on start and end: {evaluation.tolerance_s // 60} min. "
            "Kinds: missed, timing (found but start/end off), fired_on_near_miss, false_alarm."
        ),
        "",
    ]
    for scenario, failures in evaluation.failures_by_scenario().items():
        lines.append(f"## {scenario}")
        for f in failures:
            ref = f" truth {f.truth_id}" if f.truth_id else ""
            det = f" detection #{f.detection_index}" if f.detection_index is not None else ""
            lines.append(f"- **{f.kind}** {f.type}/{f.tier}{ref}{det}: {f.detail}")
        lines.append("")
    if not evaluation.failures:
        lines.append("None: every planted event was found, on time, and nothing else fired.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.with_suffix(".json").write_text(
        json.dumps([f.to_json() for f in evaluation.failures], indent=1) + "\n", encoding="utf-8"
    )
