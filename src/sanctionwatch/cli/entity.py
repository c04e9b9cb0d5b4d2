"""``sanctionwatch entity``: everything known about one listed entry."""

from __future__ import annotations

from datetime import date

import click

from sanctionwatch.cli.lists import echo_json, open_store
from sanctionwatch.errors import InputError
from sanctionwatch.model.entity import ListedEntity
from sanctionwatch.store import EntityHistory


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"--as-of {value!r} is not a date", hint="use YYYY-MM-DD") from exc


def _echo_entity(entity: ListedEntity) -> None:
    click.echo(f"{entity.caption}  [{entity.schema}]  {entity.id}  ({entity.source})")
    if entity.reference:
        click.echo(f"  reference: {entity.reference}")
    for prop, values in entity.properties.items():
        for value in values:
            click.echo(f"  {prop}: {value}")
    for sanction in entity.sanctions:
        click.echo("  designation:")
        for prop, values in sanction.items():
            if prop == "entity":
                continue
            for value in values:
                click.echo(f"    {prop}: {value}")


def _echo_history(history: EntityHistory) -> None:
    status = "listed" if history.listed else "NOT listed in the latest release"
    click.echo(f"history: {status}")
    if history.listing_dates:
        click.echo(f"  listing date(s) stated by the list: {', '.join(history.listing_dates)}")
    for period in history.periods:
        until = (
            f"delisted in {period.delisted_in.id} ({period.delisted_in.published:%Y-%m-%d})"
            if period.delisted_in
            else "still listed"
        )
        click.echo(
            f"  on the list from {period.first_seen.id} ({period.first_seen.published:%Y-%m-%d})"
            f" to {period.last_seen.id} ({period.last_seen.published:%Y-%m-%d}); {until}"
        )
    click.echo("  values (first seen .. last seen):")
    for span in history.values:
        if span.prop == "id":
            continue
        prop = span.prop if span.entity_id == history.id else f"{span.schema}.{span.prop}"
        gone = f", removed {span.removed_in.published:%Y-%m-%d}" if span.removed_in else ""
        click.echo(
            f"    {span.first_seen.published:%Y-%m-%d} .. {span.last_seen.published:%Y-%m-%d}"
            f"{gone}  {prop}: {span.value}"
        )


@click.command()
@click.argument("id_or_reference")
@click.option("--history", is_flag=True, help="Also show when each value appeared and went.")
@click.option("--as-of", "as_of", help="Show the entry as it was on this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def entity(
    ctx: click.Context, id_or_reference: str, history: bool, as_of: str | None, as_json: bool
) -> None:
    """Show a listed entry by id (un-KPi.033) or list reference (KPi.033)."""
    store = open_store(ctx)
    day = _parse_date(as_of)
    found = store.entity(id_or_reference, as_of=day)
    past = store.entity_history(id_or_reference) if history else None
    if as_json:
        data: dict[str, object] = {
            "id": found.id,
            "schema": found.schema,
            "source": found.source,
            "reference": found.reference,
            "caption": found.caption,
            "as_of": day.isoformat() if day else None,
            "properties": found.properties,
            "sanctions": found.sanctions,
        }
        if past is not None:
            data["history"] = past.to_dict()
        echo_json(data)
        return
    _echo_entity(found)
    if past is not None:
        _echo_history(past)
