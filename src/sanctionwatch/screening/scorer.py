"""Combine feature results into one score in [0, 1] that ranks.

The name decides how far a candidate can get on its own, secondary evidence
moves it from there. Weights (documented here and in docs/benchmarks.md):

==================  ======  ==================================================
feature             weight  effect
==================  ======  ==================================================
name                0.85    score = 0.85 × name similarity (a name alone never
                            reaches 1.0: partial matches do not saturate)
weak_alias          0.85×   a name matched only through a low-quality alias
                            counts 85 %
birth_date agree    0.60    closes 60 % of the gap to 1 (× name similarity);
                            "partial" (year or range) proportionally less
birth_date conflict 0.45    removes up to 45 % of the score (a different year);
                            a different day in the same year removes less
country agree       0.25    closes 25 % of the remaining gap
country conflict    0.20    removes 20 %
identifier agree    0.97    identical IMO/passport/MMSI/national id is
                            decisive: score ≥ 0.97
identifier conflict 0.60    two vessels with different IMO (or MMSI) numbers:
                            removes 60 %; passports differ: removes 30 %
==================  ======  ==================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sanctionwatch.screening.features import (
    FeatureResult,
    NameResult,
    birth_date_feature,
    compare_names,
    country_feature,
)
from sanctionwatch.screening.index import Entry, listed_identifiers, normalize_identifier
from sanctionwatch.screening.normalize import NormalizedName

__all__ = ["WEIGHTS", "ScoredEntry", "name_floor", "score_entry"]

WEIGHTS: dict[str, float] = {
    "name": 0.85,
    "weak_alias": 0.85,
    "birth_date_agree": 0.60,
    "birth_date_conflict": 0.45,
    "country_agree": 0.25,
    "country_conflict": 0.20,
    "identifier_agree": 0.97,
    "imo_conflict": 0.60,
    "passport_conflict": 0.30,
}

# Identifier kinds whose disagreement means "a different thing", per schema.
_CONFLICTING_IDS = {"imo": "imo_conflict", "mmsi": "imo_conflict", "passport": "passport_conflict"}


@dataclass
class ScoredEntry:
    score: float
    features: dict[str, float]
    explanation: dict[str, Any]


def _best_name(
    names: list[NormalizedName], entry: Entry, least: float = 0.0
) -> tuple[NameResult | None, bool]:
    best: NameResult | None = None
    best_weak = False
    weak_floor = least / WEIGHTS["weak_alias"]
    for q in names:
        for c, weak in zip(entry.names, entry.weak, strict=True):
            result = compare_names(q, c, weak_floor if weak else least)
            effective = result.score * (WEIGHTS["weak_alias"] if weak else 1.0)
            if best is None or effective > best.score * (
                WEIGHTS["weak_alias"] if best_weak else 1.0
            ):
                best, best_weak = result, weak
                if result.score >= 1.0 and not weak:
                    return best, best_weak
    return best, best_weak


def _identifiers(query_ids: dict[str, str], entry: Entry) -> tuple[FeatureResult, str | None]:
    agree: list[str] = []
    conflict: list[tuple[str, str]] = []
    for kind, value in query_ids.items():
        listed = listed_identifiers(entry.identifiers, kind)
        if not listed:
            continue
        norm = normalize_identifier(kind, value)
        if norm in listed:
            agree.append(f"{kind} {value}")
        else:
            conflict.append((kind, f"{kind} {value} vs listed {', '.join(sorted(listed))}"))
    if agree:
        return FeatureResult("identifiers", 1.0, "identical " + "; ".join(agree), "agree"), None
    if conflict:
        kind, detail = conflict[0]
        weight_key = _CONFLICTING_IDS.get(kind)
        if kind in ("imo", "mmsi") and entry.schema != "Vessel":
            weight_key = None
        return FeatureResult("identifiers", -1.0, "different " + detail, "conflict"), weight_key
    if query_ids:
        return FeatureResult("identifiers", 0.0, "no comparable identifier on the list"), None
    return FeatureResult("identifiers", 0.0, "no identifier in the query"), None


def _upper_bound(name_score: float, birth_date: str | None, countries: list[str]) -> float:
    # The best this candidate can reach if every other piece of evidence agrees.
    score = WEIGHTS["name"] * name_score
    if birth_date:
        score += (1.0 - score) * WEIGHTS["birth_date_agree"] * name_score
    if countries:
        score += (1.0 - score) * WEIGHTS["country_agree"] * name_score
    return score


@lru_cache(maxsize=1024)
def name_floor(floor: float, has_birth_date: bool, has_countries: bool) -> float:
    """The least name similarity whose :func:`_upper_bound` reaches ``floor``.

    Name pairs below it cannot lift the candidate to the floor, so the name
    comparison may stop as soon as it proves a pair is below.
    """
    birth_date = "y" if has_birth_date else None
    countries = ["y"] if has_countries else []
    if _upper_bound(1.0, birth_date, countries) < floor:
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        if _upper_bound(mid, birth_date, countries) < floor:
            low = mid
        else:
            high = mid
    # ``low`` stays below the floor; keep a margin for rounding.
    return max(0.0, low - 1e-6)


def score_entry(
    names: list[NormalizedName],
    entry: Entry,
    birth_date: str | None,
    countries: list[str],
    query_ids: dict[str, str],
    floor: float = 0.0,
) -> ScoredEntry | None:
    """Score one listed entry for a query; see the module docstring for the weights.

    Returns None when the candidate cannot reach ``floor`` even if all its
    other evidence agreed (so most candidates cost one name comparison; an
    agreeing identifier is never pruned).
    """
    ids, conflict_key = _identifiers(query_ids, entry)
    # An agreeing identifier lifts any name; otherwise the name bounds the score.
    prune = floor > 0 and ids.score <= 0
    least = name_floor(floor, bool(birth_date), bool(countries)) if prune else 0.0
    name, weak = _best_name(names, entry, least)
    name_score = name.score if name else 0.0
    if weak:
        name_score *= WEIGHTS["weak_alias"]
    if prune and _upper_bound(name_score, birth_date, countries) < floor:
        return None
    score = WEIGHTS["name"] * name_score
    features: dict[str, float] = {"name": round(name_score, 4)}
    feature_docs: dict[str, dict[str, Any]] = {
        "name": {
            "score": round(name_score, 4),
            "weight": WEIGHTS["name"],
            "detail": (name.detail if name else "no name compared")
            + (" (weak alias)" if weak else ""),
        }
    }

    dob = birth_date_feature(birth_date, list(entry.birth_dates), list(entry.birth_ranges))
    if dob.score > 0:
        score += (1.0 - score) * WEIGHTS["birth_date_agree"] * dob.score * name_score
    elif dob.score < 0:
        score *= 1.0 + WEIGHTS["birth_date_conflict"] * dob.score
    features["birth_date"] = dob.score
    feature_docs["birth_date"] = dob.to_dict(
        WEIGHTS["birth_date_agree" if dob.score >= 0 else "birth_date_conflict"]
    )

    country = country_feature(countries, list(entry.countries))
    if country.score > 0:
        score += (1.0 - score) * WEIGHTS["country_agree"] * name_score
    elif country.score < 0:
        score *= 1.0 - WEIGHTS["country_conflict"]
    features["country"] = country.score
    feature_docs["country"] = country.to_dict(
        WEIGHTS["country_agree" if country.score >= 0 else "country_conflict"]
    )

    if ids.score > 0:
        score = max(score, WEIGHTS["identifier_agree"] + 0.03 * name_score)
        feature_docs["identifiers"] = ids.to_dict(WEIGHTS["identifier_agree"])
    elif conflict_key is not None:
        score *= 1.0 - WEIGHTS[conflict_key]
        feature_docs["identifiers"] = ids.to_dict(WEIGHTS[conflict_key])
    else:
        feature_docs["identifiers"] = ids.to_dict(0.0)
    features["identifiers"] = ids.score

    score = min(1.0, max(0.0, score))
    explanation: dict[str, Any] = {
        "name": {
            "query": name.query if name else None,
            "candidate": name.candidate if name else None,
            "method": name.method if name else None,
            "score": round(name_score, 4),
            "detail": name.detail if name else None,
            "parts": name.parts_dicts() if name else [],
            "weak_alias": weak,
        },
        "birth_date": dob.state,
        "country": country.state,
        "identifiers": ids.state,
        "features": feature_docs,
    }
    return ScoredEntry(score, features, explanation)
