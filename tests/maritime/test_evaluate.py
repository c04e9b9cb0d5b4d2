"""The evaluation harness scores hand-made detections exactly as intended."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.evaluate import (
    evaluate,
    evaluate_files,
    parse_detections,
    parse_truth,
    write_failures,
)

T0 = 1_772_409_600  # 2026-03-02T00:00:00Z


def iso(ts: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def truth_event(
    type_: str,
    mmsis: list[int],
    start: int,
    end: int,
    *,
    tier: str = "both",
    fires: bool = True,
    subtype: str = "x",
    scenario: str = "s",
) -> dict[str, Any]:
    return {
        "id": f"{scenario}#{type_}{start}",
        "scenario": scenario,
        "type": type_,
        "subtype": subtype,
        "mmsis": mmsis,
        "start": iso(start),
        "end": iso(end),
        "lat": 30.0,
        "lon": 124.0,
        "tier": tier,
        "should_fire": fires,
        "note": f"{type_} planted",
    }


def detected(
    type_: str, mmsis: list[int], start: int, end: int, tier: str, kind: str | None = None
) -> dict[str, Any]:
    return {
        "type": type_,
        "vessels": [
            {"mmsi": m, "imo": None, "name": None, "flag": None, "list_hits": []} for m in mmsis
        ],
        "start": iso(start),
        "end": iso(end),
        "lat": 30.0,
        "lon": 124.0,
        "tier": tier,
        "evidence": {"kind": kind} if kind else {},
    }


H = 3600
TRUTH = [
    truth_event("encounter", [1, 2], T0 + 10 * H, T0 + 15 * H, scenario="sts"),
    truth_event(
        "encounter", [3, 4], T0 + 20 * H, T0 + 22 * H, tier="gfw", fires=False, scenario="port"
    ),
    truth_event("encounter", [3, 4], T0 + 20 * H, T0 + 22 * H, tier="dprk", scenario="port"),
    truth_event("encounter", [5, 6], T0 + 30 * H, T0 + 33 * H, fires=False, scenario="near_miss"),
    truth_event("gap", [7], T0 + 5 * H, T0 + 18 * H, tier="gfw", scenario="gaps"),
    truth_event("gap", [7], T0 + 5 * H, T0 + 18 * H, tier="dprk", fires=False, scenario="gaps"),
    truth_event("identity", [8], T0, T0 + 6 * H, subtype="invalid_imo", scenario="ids"),
]


def perfect() -> list[dict[str, Any]]:
    out = []
    for t in TRUTH:
        if not t["should_fire"]:
            continue
        tiers = ["gfw", "dprk"] if t["tier"] == "both" else [t["tier"]]
        start = int(parse_truth([t])[0].start)
        end = int(parse_truth([t])[0].end)
        for tier in tiers:
            out.append(detected(t["type"], t["mmsis"], start + 120, end - 300, tier))
    return out


def test_perfect_detection_scores_one() -> None:
    result = evaluate(parse_truth(TRUTH), parse_detections(perfect()))
    assert result.failures == []
    assert result.passed()
    enc = result.score("encounter", "gfw")
    assert (enc.tp, enc.fp, enc.fn) == (1, 0, 0)
    assert result.score("encounter", "dprk").tp == 2
    assert result.score("gap", "gfw").precision == 1.0
    assert result.score("gap", "dprk").recall is None  # nothing to find, nothing found
    assert enc.start_errors_s == [120] and enc.end_errors_s == [-300]
    # Static identity anomalies match on vessel, not on the exact interval.
    assert result.score("identity", "dprk").tp == 1
    assert result.score("identity", "dprk").start_errors_s == []


def test_imperfect_detection_is_scored_and_explained(tmp_path: Path) -> None:
    found = perfect()
    # Miss the DPRK-tier encounter at port; report the STS 20 min late (outside 10 min).
    found = [f for f in found if not (f["type"] == "encounter" and f["vessels"][0]["mmsi"] == 3)]
    sts_gfw = next(f for f in found if f["vessels"][0]["mmsi"] == 1 and f["tier"] == "gfw")
    sts_gfw["start"] = iso(T0 + 10 * H + 20 * 60)
    # Fire on the 600 m near-miss, on a gap the DPRK tier must not report, and on nothing.
    found.append(detected("encounter", [5, 6], T0 + 30 * H, T0 + 33 * H, "gfw"))
    found.append(detected("gap", [7], T0 + 5 * H, T0 + 18 * H, "dprk"))
    found.append(detected("loitering", [99], T0, T0 + 3 * H, "both"))
    result = evaluate(
        parse_truth(TRUTH), parse_detections(found), vessel_scenarios={99: "background"}
    )

    gfw = result.score("encounter", "gfw")
    assert (gfw.tp, gfw.fp, gfw.fn) == (0, 2, 1)
    assert gfw.precision == 0.0 and gfw.recall == 0.0
    dprk = result.score("encounter", "dprk")
    assert (dprk.tp, dprk.fp, dprk.fn) == (1, 0, 1)
    assert dprk.recall == 0.5 and dprk.precision == 1.0
    assert result.score("gap", "dprk").fp == 1
    assert result.score("loitering", "gfw").fp == 1 and result.score("loitering", "dprk").fp == 1
    assert not result.passed()

    kinds = sorted((f.kind, f.scenario, f.tier) for f in result.failures)
    assert kinds == [
        ("false_alarm", "background", "dprk"),
        ("false_alarm", "background", "gfw"),
        ("fired_on_near_miss", "gaps", "dprk"),
        ("fired_on_near_miss", "near_miss", "gfw"),
        ("missed", "port", "dprk"),
        ("timing", "sts", "gfw"),
    ]
    timing = next(f for f in result.failures if f.kind == "timing")
    assert "+20 min" in timing.detail

    write_failures(result, tmp_path / "failures.md")
    text = (tmp_path / "failures.md").read_text()
    assert "## near_miss" in text and "fired_on_near_miss" in text
    assert len(json.loads((tmp_path / "failures.json").read_text())) == 6
    assert "encounter  gfw" in result.table()


def test_tolerance_is_inclusive_at_ten_minutes() -> None:
    truth = parse_truth([truth_event("gap", [7], T0, T0 + 7 * H, tier="dprk")])
    on_edge = parse_detections([detected("gap", [7], T0 + 600, T0 + 7 * H - 600, "dprk")])
    assert evaluate(truth, on_edge).score("gap", "dprk").tp == 1
    over = parse_detections([detected("gap", [7], T0 + 601, T0 + 7 * H, "dprk")])
    assert evaluate(truth, over).score("gap", "dprk").tp == 0


def test_one_detection_matches_one_truth_event() -> None:
    truth = parse_truth(
        [
            truth_event("encounter", [1, 2], T0, T0 + 3 * H),
            truth_event("encounter", [1, 2], T0 + 5 * 60, T0 + 3 * H + 5 * 60),
        ]
    )
    result = evaluate(
        truth, parse_detections([detected("encounter", [2, 1], T0, T0 + 3 * H, "gfw")])
    )
    gfw = result.score("encounter", "gfw")
    assert (gfw.tp, gfw.fn) == (1, 1)
    assert result.matches[0].start_error_s == 0  # the closer one


def test_bad_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="detected event 1.*malformed"):
        parse_detections([detected("gap", [1], T0, T0 + H, "gfw"), {"type": "gap"}], "det.json")
    with pytest.raises(InputError, match="tier '\\?\\?'"):
        parse_detections([detected("gap", [1], T0, T0 + H, "??")])
    with pytest.raises(InputError, match="not an ISO 8601"):
        parse_truth([{**truth_event("gap", [1], T0, T0 + H), "start": "yesterday"}])
    with pytest.raises(InputError, match="expected a JSON list"):
        parse_detections({"nope": 1})
    bad = tmp_path / "det.json"
    bad.write_text("[{")
    good = tmp_path / "truth.json"
    good.write_text(json.dumps(TRUTH))
    with pytest.raises(InputError, match="det.json.*not JSON"):
        evaluate_files(good, bad)
    # An object with the list under "events" is accepted.
    bad.write_text(json.dumps({"events": perfect()}))
    assert evaluate_files(good, bad).passed()


def test_threshold_ties_are_scored_neither_way() -> None:
    tie = {**truth_event("loitering", [9], T0, T0 + 4 * H, tier="dprk"), "ambiguous": True}
    truth = parse_truth([tie])
    fired = evaluate(truth, parse_detections([detected("loitering", [9], T0, T0 + 4 * H, "dprk")]))
    silent = evaluate(truth, parse_detections([]))
    for result in (fired, silent):
        score = result.score("loitering", "dprk")
        assert (score.tp, score.fp, score.fn) == (0, 0, 0)
        assert result.failures == []
    assert fired.score("loitering", "dprk").ambiguous == 1


def test_likely_disabling_flag_is_checked_on_matched_gaps() -> None:
    truth = parse_truth(
        [
            truth_event("gap", [7], T0, T0 + 13 * H, tier="both", subtype="likely_disabling"),
            truth_event("gap", [8], T0, T0 + 7 * H, tier="both", subtype="dark"),
        ]
    )
    found = [
        detected("gap", [7], T0, T0 + 13 * H, "both"),
        detected("gap", [8], T0, T0 + 7 * H, "both"),
    ]
    found[0]["evidence"] = {"likely_disabling": True}
    found[1]["evidence"] = {"likely_disabling": True}  # wrong: 7 h is not "disabling"
    result = evaluate(truth, parse_detections(found))
    score = result.score("gap", "gfw")
    assert score.tp == 2 and (score.flag_agreed, score.flag_checked) == (1, 2)
    assert [(f.kind, f.tier) for f in result.failures] == [("flag", "gfw"), ("flag", "dprk")]
    assert result.passed()  # a wrong flag is reported, not counted against precision


def test_other_tiers_are_scored_on_their_own() -> None:
    truth = parse_truth([{**truth_event("gap", [7], T0, T0 + 7 * H), "tier": "report"}])
    result = evaluate(truth, parse_detections([detected("gap", [7], T0, T0 + 7 * H, "report")]))
    report = result.score("gap", "report")
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert result.score("gap", "gfw").tp == 0
    assert not any(s.tier == "report" and s.type == "encounter" for s in result.scores)
