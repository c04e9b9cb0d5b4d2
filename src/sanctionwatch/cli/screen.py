"""``sanctionwatch screen``: screen one name, or a CSV file of names."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click
import orjson

from sanctionwatch.errors import InputError
from sanctionwatch.screening import DEFAULT_THRESHOLD, Match, Query, Screener
from sanctionwatch.screening.types import SCHEMATA


def _load_screener(ctx: click.Context, as_of: date | None, sources: Sequence[str]) -> Screener:
    from sanctionwatch.store import Store

    store = Store.open((ctx.obj or {}).get("db"))
    if not store.sources():
        raise InputError(
            "the list store is empty",
            hint="load the lists first: sanctionwatch lists load (or sanctionwatch demo)",
        )
    return Screener.from_store(store, as_of=as_of, sources=list(sources) or None)


def _format(match: Match) -> str:
    exp = match.explanation
    name = exp.get("name", {})
    lines = [
        (
            f"{match.score:.2f} {'MATCH' if match.match else '     '} {match.caption}"
            f"  [{match.schema}, {match.source} {match.reference or match.entity_id}]"
        ),
        (
            f"     name: {name.get('query')!r} ~ {name.get('candidate')!r}"
            f" ({name.get('method')}, {name.get('score', 0):.2f}): {name.get('detail')}"
        ),
    ]
    for feature, doc in exp.get("features", {}).items():
        if feature == "name":
            continue
        lines.append(
            f"     {feature}: {doc.get('state', 'unknown')} ({doc['score']:+.2f}) {doc['detail']}"
        )
    return "\n".join(lines)


@click.command()
@click.argument("name", required=False)
@click.option("--schema", type=click.Choice(SCHEMATA), help="What the name is.")
@click.option("--birth-date", help="Full or partial date of birth: 1964, 1964-08, 1964-08-10.")
@click.option("--nationality", help="Nationality or country (code or name).")
@click.option("--country", help="Country of residence or registration.")
@click.option("--imo", help="IMO number (vessels).")
@click.option("--mmsi", help="MMSI (vessels).")
@click.option("--passport", help="Passport number.")
@click.option("--source", "sources", multiple=True, help="Only these lists (repeatable).")
@click.option("--program", "programs", multiple=True, help="Only these programs, e.g. DPRK.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Screen the lists as of a date.")
@click.option("--limit", default=5, show_default=True, help="Candidates to show.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Score at or above which a candidate is a match (and is reported).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@click.option(
    "--batch", type=click.Path(dir_okay=False, path_type=Path), help="CSV file to screen."
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="JSONL output (batch)."
)
@click.option("--workers", type=int, default=None, help="Batch processes (default: every core).")
@click.pass_context
def screen(
    ctx: click.Context,
    name: str | None,
    schema: str | None,
    birth_date: str | None,
    nationality: str | None,
    country: str | None,
    imo: str | None,
    mmsi: str | None,
    passport: str | None,
    sources: tuple[str, ...],
    programs: tuple[str, ...],
    as_of: Any,
    limit: int,
    threshold: float,
    as_json: bool,
    batch: Path | None,
    out: Path | None,
    workers: int | None,
) -> None:
    """Screen NAME (or a CSV file with --batch) against the sanctions lists."""
    if batch is None and not name:
        raise click.UsageError("give a NAME to screen, or --batch FILE.csv")
    if batch is not None and name:
        raise click.UsageError("give either a NAME or --batch, not both")
    day = as_of.date() if as_of is not None else None
    screener = _load_screener(ctx, day, sources)
    if batch is not None:
        from sanctionwatch.screening.batch import screen_csv

        stats = screen_csv(screener, batch, out, threshold=threshold, workers=workers)
        click.echo(f"screened {stats.rows} rows, {stats.hits} with candidates", err=True)
        return
    assert name is not None
    query = Query(
        name=name,
        schema=schema,
        birth_date=birth_date,
        nationality=nationality,
        country=country,
        imo=imo,
        mmsi=mmsi,
        passport=passport,
        sources=list(sources) or None,
        programs=list(programs) or None,
    )
    matches = screener.screen(query, limit=limit, threshold=threshold)
    if as_json:
        sys.stdout.buffer.write(
            orjson.dumps([m.to_dict() for m in matches], option=orjson.OPT_INDENT_2) + b"\n"
        )
        return
    if not matches:
        click.echo(f"no candidate at or above {threshold:.2f} for {name!r}")
        return
    for match in matches:
        click.echo(_format(match))
