"""What ``/algorithms`` reports: our scorer, under the names yente clients send."""

from __future__ import annotations

from typing import Any

from sanctionwatch.services.matching import ALGORITHM, ALGORITHM_ALIASES, default_threshold

DESCRIPTION = (
    "sanctionwatch's explainable scorer: names compared across scripts and Korean romanisations, "
    "then dates of birth, nationality/country and identifiers (IMO, MMSI, passport) as evidence for "
    "or against. yente's algorithm names (best, logic-v2, logic-v1, ...) are accepted and served by it."
)


def feature_docs() -> dict[str, dict[str, Any]]:
    """Feature name -> {coefficient, description, url}, from the screening package if it documents them."""
    from sanctionwatch import screening

    found: dict[str, dict[str, Any]] = {}
    weights = (
        getattr(screening, "FEATURE_WEIGHTS", None) or getattr(screening, "WEIGHTS", None) or {}
    )
    docs = getattr(screening, "FEATURE_DOCS", None) or {}
    for name in sorted(set(weights) | set(docs)):
        found[name] = {
            "coefficient": weights.get(name),
            "description": docs.get(name, ""),
            "url": None,
        }
    return found


def describe() -> dict[str, Any]:
    """yente's ``AlgorithmsResponse``."""
    entry = {
        "name": ALGORITHM,
        "description": DESCRIPTION,
        "docs": {
            "config": {},
            "features": feature_docs(),
            "threshold": default_threshold(),
            "aliases": sorted(ALGORITHM_ALIASES - {ALGORITHM}),
        },
    }
    return {"algorithms": [entry], "default": ALGORITHM, "best": ALGORITHM}
