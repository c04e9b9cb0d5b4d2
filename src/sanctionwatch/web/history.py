"""Shape service results for the pages: names by script, identifiers, history spans and events."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from sanctionwatch.services.catalog import Dataset
from sanctionwatch.services.context import Snapshot
from sanctionwatch.web.charts import Span

NAME_PROPS = (("name", "Name"), ("alias", "Alias"), ("previousName", "Former name"), ("weakAlias", "Weak alias (low quality)"))
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
            names.append({"value": str(value), "kind": "Original script", "script": script_of(str(value))})
    scripts: dict[str, list[dict[str, str]]] = {}
    for n in names:
        scripts.setdefault(n["script"], []).append(n)
    identifiers = [(label, merged[p]) for p, label in ID_PROPS if merged.get(p)]
    details = [(label, merged[p]) for p, label in FACT_PROPS if merged.get(p)]
    shown = {p for p, _ in NAME_PROPS + ID_PROPS + FACT_PROPS} | {"nameOriginalScript", "topics", "sanctions"}
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


START_KEYS = ("first_seen", "from", "since", "start", "appeared", "valid_from")
END_KEYS = ("last_seen", "to", "until", "end", "disappeared", "removed", "valid_to")


def _date_of(item: dict[str, Any], keys: tuple[str, ...]) -> date | None:
    for key in keys:
        if key in item:
            value = item[key]
            if isinstance(value, dict):
                value = value.get("published") or value.get("date") or value.get("loaded_at")
            found = to_date(value)
            if found is not None:
                return found
    return None


def _walk(node: Any, prop: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "value" in node and _date_of(node, START_KEYS) is not None:
            found.append((str(node.get("prop") or prop or ""), node))
        else:
            for key, child in node.items():
                found.extend(_walk(child, key if isinstance(child, list) else prop))
    elif isinstance(node, list):
        for child in node:
            found.extend(_walk(child, prop))
    return found


def spans(history: dict[str, Any]) -> list[Span]:
    """Timeline bars from an entity history: listing periods first, then each value's life."""
    out: list[Span] = []
    for period in history.get("listed", []) or history.get("periods", []) or []:
        if isinstance(period, dict):
            start = _date_of(period, START_KEYS + ("listed", "listed_on"))
            if start is not None:
                end = _date_of(period, END_KEYS + ("delisted",))
                out.append(Span("Listed", start, end, "listed"))
    items = _walk(history.get("values", history))
    for prop, item in items[:40]:
        start = _date_of(item, START_KEYS)
        assert start is not None
        end = None if item.get("current") else _date_of(item, END_KEYS)
        out.append(Span(f"{prop}: {item['value']}", start, end, "removed" if end else "value"))
    return out


def events(history: dict[str, Any]) -> list[dict[str, Any]]:
    """A dated list of what happened to the entry (value added / removed), newest first."""
    rows: list[dict[str, Any]] = []
    for prop, item in _walk(history.get("values", history)):
        start = _date_of(item, START_KEYS)
        end = None if item.get("current") else _date_of(item, END_KEYS)
        rows.append({"date": start, "what": "added", "prop": prop, "value": item["value"]})
        if end is not None:
            rows.append({"date": end, "what": "removed", "prop": prop, "value": item["value"]})
    rows.sort(key=lambda r: r["date"] or date.min, reverse=True)
    return rows


def filter_diff(diff: dict[str, Any], snapshot: Snapshot, dataset: Dataset | None) -> dict[str, Any]:
    """Keep only the diff rows whose entity is in ``dataset`` (e.g. the UN DPRK regime).

    Removed entries may be gone from the current snapshot; they are kept when
    their reference looks like the regime's (UN DPRK references start ``KP``).
    """
    if dataset is None:
        return {**diff, "added": [], "removed": [], "amended": []}
    out = dict(diff)
    for key in ("added", "removed", "amended"):
        kept = []
        for row in diff.get(key, []):
            entity = snapshot.entity(str(row.get("id")))
            if entity is not None:
                if dataset.contains(entity):
                    kept.append(row)
            elif dataset.programs and any(p.upper().startswith("DPRK") for p in dataset.programs) and str(row.get("reference") or "").upper().startswith("KP"):
                kept.append(row)
        out[key] = kept
    return out
