"""Shape service results for the pages: names by script, identifiers, history spans and events."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from sanctionwatch.errors import NotFoundError
from sanctionwatch.services.catalog import Dataset
from sanctionwatch.services.context import Services
from sanctionwatch.web.charts import Span

NAME_PROPS = (
    ("name", "Name"),
    ("alias", "Alias"),
    ("previousName", "Former name"),
    ("weakAlias", "Weak alias (low quality)"),
)
ID_PROPS = (
    ("imoNumber", "IMO number"),
    ("mmsi", "MMSI"),
    ("callSign", "Call sign"),
    ("passportNumber", "Passport"),
    ("idNumber", "National id"),
    ("registrationNumber", "Registration number"),
    ("taxNumber", "Tax number"),
    ("swiftBic", "SWIFT/BIC"),
)
FACT_PROPS = (
    ("birthDate", "Date of birth"),
    ("birthDateRange", "Date of birth (range)"),
    ("birthPlace", "Place of birth"),
    ("nationality", "Nationality"),
    ("country", "Country"),
    ("flag", "Flag"),
    ("pastFlags", "Past flags"),
    ("type", "Vessel type"),
    ("title", "Title"),
    ("position", "Designation / position"),
    ("gender", "Gender"),
    ("address", "Address"),
    ("notes", "Notes"),
)
SCRIPT_NAMES = {
    "LATIN": "Latin",
    "HANGUL": "Hangul (Korean)",
    "CJK": "Han (Chinese)",
    "CYRILLIC": "Cyrillic",
    "ARABIC": "Arabic",
    "GREEK": "Greek",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
}


def script_of(text: str) -> str:
    """The script of the first letter of ``text`` (Latin, Hangul, Han, Cyrillic, ...)."""
    for ch in text:
        if ch.isalpha():
            first = unicodedata.name(ch, "UNKNOWN").split()[0]
            return SCRIPT_NAMES.get(first, first.title())
    return "Other"


def entity_view(body: dict[str, Any]) -> dict[str, Any]:
    """Names grouped by script, identifiers and other facts, designations: ready for the template."""
    props: dict[str, list[Any]] = body.get("properties", {})
    facts: dict[str, list[Any]] = body.get("facts", {})
    merged = {**facts, **{k: v for k, v in props.items() if k != "sanctions"}}
    names: list[dict[str, str]] = []
    for prop, label in NAME_PROPS:
        for value in merged.get(prop, []):
            names.append({"value": str(value), "kind": label, "script": script_of(str(value))})
    for value in merged.get("nameOriginalScript", []):
        if all(n["value"] != value for n in names):
            names.append(
                {"value": str(value), "kind": "Original script", "script": script_of(str(value))}
            )
    scripts: dict[str, list[dict[str, str]]] = {}
    for n in names:
        scripts.setdefault(n["script"], []).append(n)
    identifiers = [(label, merged[p]) for p, label in ID_PROPS if merged.get(p)]
    details = [(label, merged[p]) for p, label in FACT_PROPS if merged.get(p)]
    shown = {p for p, _ in NAME_PROPS + ID_PROPS + FACT_PROPS} | {
        "nameOriginalScript",
        "topics",
        "sanctions",
    }
    other = [(k, v) for k, v in merged.items() if k not in shown and v]
    sanctions = [s.get("properties", {}) for s in props.get("sanctions", []) if isinstance(s, dict)]
    return {
        "scripts": scripts,
        "identifiers": identifiers,
        "details": details,
        "other": other,
        "sanctions": sanctions,
    }


def to_date(value: Any) -> date | None:
    """A date from a date, datetime or ISO string (None if it is none of those)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# Bookkeeping properties that say nothing to an analyst on a timeline.
QUIET_PROPS = frozenset(
    {"topics", "sourceUrl", "entity", "recordId", "unDataId", "unVersionNum", "unListType", "id"}
)
PRIORITY = (
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "nameOriginalScript",
    "imoNumber",
    "mmsi",
    "passportNumber",
    "idNumber",
    "birthDate",
    "nationality",
    "program",
    "listingDate",
)
MAX_SPANS = 20
# When nothing changed, a few defining values are enough to read the timeline.
STEADY_PROPS = frozenset(
    {
        "name",
        "alias",
        "imoNumber",
        "mmsi",
        "passportNumber",
        "birthDate",
        "nationality",
        "flag",
        "program",
    }
)


def _published(point: dict[str, Any] | None) -> date | None:
    return to_date(point.get("published")) if point else None


def _label(item: dict[str, Any], subject_schema: str) -> str:
    prop = str(item["prop"])
    if item.get("schema") and item["schema"] != subject_schema:
        prop = f"{item['schema']}.{prop}"
    return prop


def _rank(item: dict[str, Any], first_listed: date | None) -> tuple[int, int, str]:
    changed = (
        item.get("removed_in") is not None or _published(item.get("first_seen")) != first_listed
    )
    prop = str(item["prop"])
    order = PRIORITY.index(prop) if prop in PRIORITY else len(PRIORITY)
    return (0 if changed else 1, order, prop)


def spans(history: dict[str, Any]) -> list[Span]:
    """Timeline bars from ``Store.entity_history``: listing periods, then values (changed ones first)."""
    out: list[Span] = []
    for period in history.get("periods", []):
        start = _published(period.get("first_seen"))
        if start is not None:
            out.append(Span("Listed", start, _published(period.get("delisted_in")), "listed"))
    first_listed = out[0].start if out else None
    schema = str(history.get("schema", ""))
    values = [v for v in history.get("values", []) if v.get("prop") not in QUIET_PROPS]
    values.sort(key=lambda v: _rank(v, first_listed))
    changed = [v for v in values if _rank(v, first_listed)[0] == 0]
    steady = [v for v in values if _rank(v, first_listed)[0] == 1 and v["prop"] in STEADY_PROPS]
    for item in (changed + steady)[:MAX_SPANS]:
        start = _published(item.get("first_seen"))
        if start is None:
            continue
        end = _published(item.get("removed_in"))
        label = f"{_label(item, schema)}: {item['value']}"
        out.append(Span(label, start, end, "removed" if end else "value"))
    return out


def events(history: dict[str, Any]) -> list[dict[str, Any]]:
    """What happened to the entry, newest first: listed, delisted, values added and removed.

    Values present from the first listing are not events; they are the entry.
    """
    rows: list[dict[str, Any]] = []
    periods = history.get("periods", [])
    first_listed = _published(periods[0].get("first_seen")) if periods else None
    for period in periods:
        rows.append(
            {
                "date": _published(period.get("first_seen")),
                "what": "listed",
                "prop": "",
                "value": history.get("reference") or "",
            }
        )
        if period.get("delisted_in"):
            rows.append(
                {
                    "date": _published(period["delisted_in"]),
                    "what": "delisted",
                    "prop": "",
                    "value": history.get("reference") or "",
                }
            )
    schema = str(history.get("schema", ""))
    for item in history.get("values", []):
        if item.get("prop") in QUIET_PROPS:
            continue
        start = _published(item.get("first_seen"))
        if start != first_listed:
            rows.append(
                {
                    "date": start,
                    "what": "added",
                    "prop": _label(item, schema),
                    "value": item["value"],
                }
            )
        if item.get("removed_in"):
            rows.append(
                {
                    "date": _published(item["removed_in"]),
                    "what": "removed",
                    "prop": _label(item, schema),
                    "value": item["value"],
                }
            )
    rows.sort(key=lambda r: r["date"] or date.min, reverse=True)
    return rows


def filter_diff(
    diff: dict[str, Any], services: Services, dataset: Dataset | None
) -> dict[str, Any]:
    """Keep only the diff rows whose entity is in ``dataset`` (e.g. the UN DPRK regime).

    A removed entry is judged by its last listed state, which the store keeps.
    """
    if dataset is None:
        return {**diff, "added": [], "removed": [], "amended": []}
    snapshot = services.snapshot()
    out = dict(diff)
    for key in ("added", "removed", "amended"):
        kept = []
        for row in diff.get(key, []):
            entity = snapshot.entity(str(row["id"]))
            if entity is None:
                try:
                    entity = services.store.entity(str(row["id"]))
                except NotFoundError:
                    continue
            if dataset.contains(entity):
                kept.append(row)
        out[key] = kept
    return out
