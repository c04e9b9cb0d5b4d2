"""Screening services: yente's ``/match`` batch, ``/search``, and our own screen call.

Everything here is interface glue: turn an FtM example into a screening
:class:`~sanctionwatch.screening.Query`, scope it to a dataset, and shape the
screener's matches as yente results (``score``, ``match``, ``explanations``
and the legacy ``features``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sanctionwatch.errors import InputError
from sanctionwatch.services.catalog import Dataset
from sanctionwatch.services.context import Snapshot
from sanctionwatch.services.ftm import clean_example, entity_to_ftm

MAX_QUERIES = 100
MAX_LIMIT = 500
DEFAULT_MATCH_LIMIT = 5
ALGORITHM = "sanctionwatch-v1"
# Names yente clients send; all are served by our one algorithm.
ALGORITHM_ALIASES = frozenset(
    {
        "best",
        "default",
        "logic-v2",
        "logic-v1",
        "name-based",
        "name-qualified",
        "regression-v1",
        ALGORITHM,
    }
)
NAME_PROPS = ("name", "alias", "previousName")
MAX_NAMES = 5


def default_threshold() -> float:
    from sanctionwatch.screening import DEFAULT_THRESHOLD

    return float(DEFAULT_THRESHOLD)


def check_algorithm(name: str | None) -> str:
    """Accept yente's algorithm names; ours scores every one of them. Unknown names get 400."""
    if name is None or name in ALGORITHM_ALIASES:
        return ALGORITHM
    raise InputError(
        f"Invalid algorithm: {name!r}",
        hint=f"use one of: {', '.join(sorted(ALGORITHM_ALIASES))} (GET /algorithms)",
    )


@dataclass(frozen=True)
class ScreenRequest:
    """One screening question in our own terms (CSV rows, web form, native API)."""

    name: str
    schema: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    passport: str | None = None
    imo: str | None = None
    mmsi: str | None = None
    national_id: str | None = None
    call_sign: str | None = None


def _first(props: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        for value in props.get(name, []):
            if value:
                return value
    return None


def request_from_example(cleaned: dict[str, Any]) -> list[ScreenRequest]:
    """One request per distinct name of a cleaned FtM example (at most ``MAX_NAMES``)."""
    props: dict[str, list[str]] = cleaned["properties"]
    names: list[str] = []
    for prop in NAME_PROPS:
        for value in props.get(prop, []):
            if value not in names:
                names.append(value)
    if not names:
        parts = [_first(props, p) for p in ("firstName", "middleName", "lastName")]
        joined = " ".join(p for p in parts if p)
        if joined:
            names.append(joined)
    base = ScreenRequest(
        name="",
        schema=cleaned["schema"],
        birth_date=_first(props, "birthDate"),
        nationality=_first(props, "nationality", "citizenship"),
        country=_first(props, "country", "jurisdiction", "flag", "mainCountry"),
        passport=_first(props, "passportNumber"),
        imo=_first(props, "imoNumber"),
        mmsi=_first(props, "mmsi"),
        national_id=_first(props, "idNumber", "registrationNumber", "taxNumber"),
        call_sign=_first(props, "callSign"),
    )
    if not names:
        ident = base.imo or base.mmsi or base.passport or base.national_id or base.call_sign
        if not ident:
            raise InputError(
                "Cannot parse example entity: it has no name and no identifier to match on",
                hint="give a 'name' (or firstName/lastName), or an imoNumber, mmsi or passportNumber",
            )
        # The screener finds entities by an exact identifier when there is no name.
        names = [""]
    return [replace(base, name=n) for n in names[:MAX_NAMES]]


def _query(req: ScreenRequest, dataset: Dataset) -> Any:
    from sanctionwatch.screening import Query
    from sanctionwatch.screening.types import SCHEMATA

    # FtM schemata the screener does not distinguish (Thing, Airplane, ...) screen against all.
    schema = req.schema if req.schema in SCHEMATA else None
    return Query(
        name=req.name,
        schema=schema,
        birth_date=req.birth_date,
        nationality=req.nationality,
        country=req.country,
        passport=req.passport,
        imo=req.imo,
        mmsi=req.mmsi,
        national_id=req.national_id,
        call_sign=req.call_sign,
        sources=list(dataset.sources) if dataset.sources is not None else None,
        programs=list(dataset.programs) if dataset.programs is not None else None,
    )


def screen(
    snapshot: Snapshot,
    requests: Sequence[ScreenRequest],
    dataset: Dataset,
    *,
    limit: int,
    cutoff: float,
    threshold: float | None = None,
) -> list[Any]:
    """Screen every request (several names of one party), best match per entity first.

    Candidates scoring below ``cutoff`` are left out.
    """
    best: dict[str, Any] = {}
    thr = default_threshold() if threshold is None else threshold
    for req in requests:
        query = _query(req, dataset)
        found = snapshot.screener.screen(query, limit=limit, threshold=thr, cutoff=cutoff)
        for m in found:
            if m.entity_id not in best or m.score > best[m.entity_id].score:
                best[m.entity_id] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.entity_id))[:limit]


def explanations(match: Any) -> dict[str, dict[str, Any]]:
    """yente's ``explanations``: ``{feature: {score, detail, query, candidate}}``."""
    raw: dict[str, Any] = match.explanation
    features = raw.get("features") if isinstance(raw, dict) else None
    out: dict[str, dict[str, Any]] = {}
    if isinstance(features, dict):
        for name, value in features.items():
            if isinstance(value, dict):
                # The name feature's matched pair lives next to the features, not in them.
                found = raw.get(name)
                pair: dict[str, Any] = found if isinstance(found, dict) else {}
                out[name] = {
                    "score": float(value.get("score", 0.0)),
                    "detail": value.get("detail"),
                    "query": value.get("query", pair.get("query")),
                    "candidate": value.get("candidate", pair.get("candidate")),
                    "weight": value.get("weight"),
                }
            else:
                out[name] = {
                    "score": float(value),
                    "detail": None,
                    "query": None,
                    "candidate": None,
                }
    elif isinstance(features, list):
        for value in features:
            out[str(value.get("name"))] = {
                "score": float(value.get("score", 0.0)),
                "detail": value.get("detail"),
                "query": value.get("query"),
                "candidate": value.get("candidate"),
            }
    for name, score in (match.features or {}).items():
        out.setdefault(
            name, {"score": float(score), "detail": None, "query": None, "candidate": None}
        )
    return out


def scored_entity(snapshot: Snapshot, match: Any, threshold: float) -> dict[str, Any]:
    """One yente ``ScoredEntity`` from a screener match."""
    entity = snapshot.entity(match.entity_id)
    if entity is not None:
        body = entity_to_ftm(entity, snapshot.catalog)
    else:  # the screener knows an entity the snapshot lost: still answer with what we have
        body = {
            "id": match.entity_id,
            "caption": match.caption,
            "schema": match.schema,
            "properties": {},
            "datasets": [match.source],
            "referents": [],
            "target": True,
            "first_seen": None,
            "last_seen": None,
            "last_change": None,
            "source": match.source,
            "reference": match.reference,
        }
    expl = explanations(match)
    body.update(
        {
            "score": float(match.score),
            "match": float(match.score) >= threshold,
            "explanations": expl,
            "features": {k: v["score"] for k, v in expl.items()},
            "explanation": match.explanation,
        }
    )
    return body


def match_one(
    snapshot: Snapshot,
    example: dict[str, Any],
    dataset: Dataset,
    *,
    threshold: float,
    cutoff: float,
    limit: int,
) -> dict[str, Any]:
    """yente's ``EntityMatches`` for one query example."""
    cleaned = clean_example(example)
    requests = request_from_example(cleaned)
    # Ask for a few more than shown so ``total`` counts matches beyond the page.
    matches = screen(
        snapshot, requests, dataset, limit=limit + 10, cutoff=cutoff, threshold=threshold
    )
    total = sum(1 for m in matches if m.score >= threshold)
    return {
        "status": 200,
        "results": [scored_entity(snapshot, m, threshold) for m in matches[:limit]],
        "total": {"value": total, "relation": "eq" if len(matches) < limit + 10 else "gte"},
        "query": cleaned,
    }


def match_batch(
    snapshot: Snapshot,
    dataset_name: str,
    queries: dict[str, Any],
    *,
    threshold: float | None = None,
    cutoff: float | None = None,
    limit: int = DEFAULT_MATCH_LIMIT,
    algorithm: str | None = None,
) -> dict[str, Any]:
    """yente's ``POST /match/{dataset}``: ``{"responses": {key: EntityMatches}, "limit": n}``."""
    dataset = snapshot.catalog.get(dataset_name)
    check_algorithm(algorithm)
    if not queries:
        raise InputError(
            "No queries provided.",
            hint='send {"queries": {"q1": {"schema": ..., "properties": {...}}}}',
        )
    if len(queries) > MAX_QUERIES:
        raise InputError(
            f"Too many queries in one batch ({len(queries)}); the limit is {MAX_QUERIES}.",
            hint="split the batch, or upload a CSV to the batch screening endpoint (POST /api/batch)",
        )
    if not 0 < limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    threshold = default_threshold() if threshold is None else threshold
    effective_cutoff = threshold if cutoff is None else min(cutoff, threshold)
    responses: dict[str, Any] = {}
    for key, example in queries.items():
        try:
            responses[key] = match_one(
                snapshot,
                example,
                dataset,
                threshold=threshold,
                cutoff=effective_cutoff,
                limit=limit,
            )
        except InputError as exc:
            raise InputError(f"query {key!r}: {exc.message}", hint=exc.hint) from exc
    return {
        "responses": responses,
        "matcher": matcher_info(threshold, effective_cutoff),
        "limit": limit,
    }


def matcher_info(threshold: float, cutoff: float) -> dict[str, Any]:
    return {"name": ALGORITHM, "threshold": threshold, "cutoff": cutoff}


def search(
    snapshot: Snapshot,
    dataset_name: str,
    q: str,
    *,
    schema: str | None = None,
    limit: int = 10,
    offset: int = 0,
    cutoff: float = 0.3,
) -> dict[str, Any]:
    """yente's ``GET /search/{dataset}``: ranked hits for free text, or a browse when ``q`` is empty."""
    dataset = snapshot.catalog.get(dataset_name)
    if not 0 < limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset must not be negative")
    q = q.strip()
    results: list[dict[str, Any]]
    if q:
        matches = search_matches(snapshot, q, dataset, schema)
        total = len(matches)
        thr = default_threshold()
        results = [scored_entity(snapshot, m, thr) for m in matches[offset : offset + limit]]
    else:
        entities = [
            e
            for e in snapshot.entities.values()
            if dataset.contains(e) and (schema is None or e.schema == schema)
        ]
        entities.sort(key=lambda e: (e.caption.casefold(), e.id))
        total = len(entities)
        results = [entity_to_ftm(e, snapshot.catalog) for e in entities[offset : offset + limit]]
    return {
        "results": results,
        "facets": _facets(results),
        "total": {"value": total, "relation": "eq"},
        "limit": limit,
        "offset": offset,
    }


SEARCH_SCORED = 25


def search_matches(snapshot: Snapshot, q: str, dataset: Dataset, schema: str | None) -> list[Any]:
    """Hits for typed text: names holding every typed word as a prefix first, then fuzzy matches.

    Every hit is scored and explained by the screener, so the page shows why.
    """
    from sanctionwatch.screening import Query
    from sanctionwatch.services.textsearch import tokens

    req = ScreenRequest(name=q, schema=schema)
    fuzzy = screen(snapshot, [req], dataset, limit=SEARCH_SCORED, cutoff=0.3)
    by_id = {m.entity_id: m for m in fuzzy}
    typed = set(tokens(q))
    prefixed: list[tuple[int, str, str]] = []
    for entity_id in snapshot.text.lookup(q):
        entity = snapshot.entity(entity_id)
        if entity is None or not dataset.contains(entity):
            continue
        if schema is not None and entity.schema != schema:
            continue
        whole = sum(1 for t in tokens(entity.caption) if t in typed)
        prefixed.append((-whole, entity.caption.casefold(), entity_id))
    prefixed.sort()
    first: list[Any] = []
    query = Query(name=q)
    for _, _, entity_id in prefixed[:SEARCH_SCORED]:
        found = by_id.pop(entity_id, None) or snapshot.screener.explain(query, entity_id)
        if found is not None:
            first.append(found)
    first.sort(key=lambda m: (-m.score, m.entity_id))
    rest = sorted(by_id.values(), key=lambda m: (-m.score, m.entity_id))
    return first + rest


def _facets(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {"schema": {}, "datasets": {}}
    for r in results:
        counts["schema"][r["schema"]] = counts["schema"].get(r["schema"], 0) + 1
        for ds in r["datasets"]:
            counts["datasets"][ds] = counts["datasets"].get(ds, 0) + 1
    return {
        name: {
            "label": name,
            "values": [{"name": k, "label": k, "count": v} for k, v in sorted(values.items())],
        }
        for name, values in counts.items()
    }
