"""What ``/algorithms`` reports: our scorer, under the names yente clients send."""

from __future__ import annotations

from typing import Any

from sanctionwatch.services.matching import ALGORITHM, ALGORITHM_ALIASES, default_threshold

DESCRIPTION = (
    "sanctionwatch's explainable scorer: names compared across scripts and Korean romanisations, "
    "then dates of birth, nationality/country and identifiers (IMO, MMSI, passport) as evidence for "
    "or against. yente's algorithm names (best, logic-v2, logic-v1, ...) are accepted and served by it."
)


COEFFICIENT_DOCS: dict[str, str] = {
    "name": "Weight of the best name comparison (query name vs every listed name and alias).",
    "weak_alias": "Multiplier when the best name is a low-quality alias.",
    "birth_date_agree": "How far an agreeing date of birth lifts the score (scaled by the name score).",
    "birth_date_conflict": "How much a conflicting date of birth lowers it.",
    "country_agree": "Lift for an agreeing nationality or country.",
    "country_conflict": "Penalty for a conflicting nationality or country.",
    "identifier_agree": "Floor of the score when an identifier (IMO, MMSI, passport) is identical.",
    "imo_conflict": "Penalty when both sides have an IMO/MMSI number and they differ.",
    "passport_conflict": "Penalty when both sides have a passport number and they differ.",
}


def feature_docs() -> dict[str, dict[str, Any]]:
    """Coefficient name -> {coefficient, description, url}, from the screening scorer's weights."""
    from sanctionwatch.screening.scorer import WEIGHTS

    return {
        name: {"coefficient": weight, "description": COEFFICIENT_DOCS.get(name, ""), "url": None}
        for name, weight in WEIGHTS.items()
    }


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
