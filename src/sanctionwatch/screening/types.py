"""The public value types of screening: what a caller sends and gets back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_THRESHOLD", "SCHEMATA", "Match", "Query"]

# Chosen on the development set's precision/recall curve; see docs/benchmarks.md
# "## Screening" and benchmarks/bench_screening_quality.py.
DEFAULT_THRESHOLD = 0.5

SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft", "Airplane")


@dataclass(frozen=True)
class Query:
    """Who or what to look for: a name plus whatever else the caller knows.

    ``name`` may be empty when an identifier is given: the screener then finds
    entities by the exact identifier alone. ``birth_date`` may be partial ("1964", "1964-08", "1964-08-10");
    ``nationality``/``country`` take ISO codes or country names; ``sources``
    and ``programs`` filter the candidates (e.g. ``("un",)``, ``("DPRK",)``).
    """

    name: str
    schema: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    passport: str | None = None
    national_id: str | None = None
    imo: str | None = None
    mmsi: str | None = None
    call_sign: str | None = None
    sources: Sequence[str] | None = None
    programs: Sequence[str] | None = None


@dataclass
class Match:
    """One listed candidate for a query, scored and explained.

    ``score`` is in [0, 1] and ranks; ``match`` is ``score >= threshold``.
    ``explanation`` says which query name matched which listed name and how,
    gives each feature's score, weight and detail, and whether birth dates and
    identifiers agree. ``features`` is the flat ``{feature: score}`` view.
    """

    entity_id: str
    source: str
    reference: str | None
    caption: str
    schema: str
    score: float
    match: bool
    explanation: dict[str, Any] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as the CLI, batch files and the API return it."""
        return {
            "entity_id": self.entity_id,
            "source": self.source,
            "reference": self.reference,
            "caption": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "match": self.match,
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "explanation": self.explanation,
        }
