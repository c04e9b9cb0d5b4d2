"""Tiny builders of parsed releases for store tests (no parser needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from followthemoney import EntityProxy, model

from sanctionwatch.model.entity import Fact
from sanctionwatch.sources.base import ParsedList

# reference -> (schema, {prop: values}); a Sanction entity is added per subject.
Entry = dict[str, tuple[str, dict[str, list[str]]]]


def person(name: str, **props: list[str]) -> tuple[str, dict[str, list[str]]]:
    return "Person", {"name": [name], **props}


def make_release(
    tmp: Path,
    day: str,
    entries: Entry,
    *,
    source: str = "un",
    facts: list[Fact] | None = None,
    programs: dict[str, list[str]] | None = None,
) -> ParsedList:
    """A release published on ``day`` whose input file holds a digest of the content."""
    entities: list[EntityProxy] = []
    for ref, (schema, props) in sorted(entries.items()):
        subject = model.make_entity(schema)
        subject.id = f"{source}-{ref}"
        for prop, values in props.items():
            subject.add(prop, values)
        sanction = model.make_entity("Sanction")
        sanction.id = f"{subject.id}-sanction"
        sanction.add("entity", subject.id)
        sanction.add("unscId" if source == "un" else "authorityId", ref)
        sanction.add("program", (programs or {}).get(ref, ["DPRK"]))
        entities += [subject, sanction]
    path = tmp / f"{source}_{day}.json"
    body = repr((day, sorted((k, v[0], sorted(v[1].items())) for k, v in entries.items())))
    path.write_text(body + repr(facts) + repr(programs))
    return ParsedList(
        source=source,
        format="test",
        published=datetime.fromisoformat(day).replace(tzinfo=UTC),
        inputs=[path],
        entities=entities,
        facts=list(facts or []),
    )
