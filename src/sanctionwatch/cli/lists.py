"""``sanctionwatch lists``: load, update, list and compare list releases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.sources.registry import SOURCES
from sanctionwatch.store import ListDiff, LoadResult, Release, Store


def open_store(ctx: click.Context) -> Store:
    """The store named by the global ``--db`` option (or its defaults)."""
    obj = ctx.find_root().obj or {}
    return Store.open(obj.get("db"))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def release_line(release: Release) -> str:
    return (
        f"{release.id}  published {release.published:%Y-%m-%d %H:%M} UTC  "
        f"{release.entities} entities, {release.statements} statements  "
        f"(+{release.added} -{release.removed} ~{release.amended} vs previous)"
    )


def echo_load(result: LoadResult) -> None:
    if result.created:
        click.echo(f"loaded {release_line(result.release)}")
    else:
        click.echo(
            f"already loaded: {result.release.id} (same sha256 {result.release.sha256[:16]}...); "
            "nothing changed"
        )
    for skipped in result.skipped:
        click.echo(f"  skipped record {skipped}", err=True)


source_option = click.option(
    "--source", type=click.Choice(SOURCES), help="Which list (default: all loaded)."
)


@click.group()
def lists() -> None:
    """Load official sanctions lists and query their history."""


@lists.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", type=click.Choice(SOURCES), required=True, help="Which list.")
@click.option("--json", "as_json", is_flag=True, help="Print the releases as JSON.")
@click.pass_context
def load(ctx: click.Context, files: tuple[Path, ...], source: str, as_json: bool) -> None:
    """Load list FILES as releases (all parsed first; one transaction for all).

    Loading the same file twice changes nothing. Releases may be loaded in any
    order; history is kept in publication order.
    """
    store = open_store(ctx)
    results = store.load_files(list(files), source, progress=sys.stderr.isatty())
    runs = rescreen_books(store, results)
    if as_json:
        echo_json([r.to_dict() for r in results])
        return
    for result in results:
        echo_load(result)
    for line in runs:
        click.echo(line)


def rescreen_books(store: Store, results: list[LoadResult]) -> list[str]:
    """Audit the loads and re-screen every monitored book; one summary line per book."""
    from sanctionwatch.monitoring.service import after_load

    outcome = after_load(store, results, actor="cli")
    return [
        f"book {run.book}: {len(run.new)} new alerts, {len(run.reopened)} reopened, "
        f"{run.withdrawn} withdrawn ({run.records_screened} records re-screened)"
        for run in outcome.runs
    ]


@lists.command()
@source_option
@click.option(
    "--url",
    "urls",
    multiple=True,
    help="Override the download URL(s) of --source (one per file of its set).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_context
def update(ctx: click.Context, source: str | None, urls: tuple[str, ...], as_json: bool) -> None:
    """Download the latest official lists (conditional GET), verify and load them.

    A source that cannot be fetched or parsed is reported and its last good
    release keeps serving; the exit status is non-zero if any source failed.
    """
    from sanctionwatch.store.update import update_source

    if urls and not source:
        raise click.UsageError("--url needs --source")
    store = open_store(ctx)
    from sanctionwatch.sources.feeds import FEEDS

    # Default: the UN list plus every source already in the store.
    targets = [source] if source else sorted(({"un"} | set(store.sources())) & set(FEEDS))
    failures: list[str] = []
    outcomes = []
    for name in targets:
        try:
            result = update_source(store, name, urls or None, progress=sys.stderr.isatty())
        except SanctionwatchError as exc:
            failures.append(f"{name}: {exc}")
            continue
        outcomes.append(result.to_dict())
        if result.status == "loaded" and result.release is not None:
            for line in rescreen_books(store, [LoadResult(result.release, created=True)]):
                click.echo(line, err=as_json)
        if not as_json:
            if result.status == "not-modified":
                current = result.release.id if result.release else "none"
                click.echo(f"{name}: not modified since last check (serving {current})")
            elif result.status == "already-loaded" and result.release:
                click.echo(f"{name}: already loaded: {result.release.id}")
            elif result.release:
                click.echo(f"{name}: loaded {release_line(result.release)}")
    if as_json:
        echo_json(outcomes)
    if failures:
        raise click.ClickException("update failed for " + "\n".join(failures))


@lists.command()
@source_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def releases(ctx: click.Context, source: str | None, as_json: bool) -> None:
    """List loaded releases in publication order."""
    found = open_store(ctx).releases(source)
    if as_json:
        echo_json([r.to_dict() for r in found])
        return
    if not found:
        click.echo("no releases loaded; try: sanctionwatch lists load FILE --source un")
    for release in found:
        click.echo(release_line(release))


def echo_diff(result: ListDiff) -> None:
    old = result.from_release.id if result.from_release else "(nothing)"
    click.echo(f"{result.source}: {old} -> {result.to_release.id}")
    click.echo(
        f"  {len(result.added)} added, {len(result.removed)} removed, {len(result.amended)} amended"
    )
    for ref in result.added:
        click.echo(f"+ {ref.reference or ref.id}  {ref.caption}")
    for ref in result.removed:
        click.echo(f"- {ref.reference or ref.id}  {ref.caption}")
    for item in result.amended:
        click.echo(f"~ {item.entity.reference or item.entity.id}  {item.entity.caption}")
        for prop, change in item.changes.items():
            gone = [v for v in change.old if v not in change.new]
            came = [v for v in change.new if v not in change.old]
            for value in gone:
                click.echo(f"    {prop}: - {value}")
            for value in came:
                click.echo(f"    {prop}: + {value}")


@lists.command()
@click.option("--source", type=click.Choice(SOURCES), required=True, help="Which list.")
@click.option("--from", "from_ref", help="Release id or date (default: the one before --to).")
@click.option("--to", "to_ref", help="Release id or date (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def diff(
    ctx: click.Context, source: str, from_ref: str | None, to_ref: str | None, as_json: bool
) -> None:
    """Show entries added, removed and amended between two releases.

    A date means the release in force that day (the last one published on or
    before it).
    """
    result = open_store(ctx).diff(source, from_ref, to_ref)
    if as_json:
        echo_json(result.to_dict())
    else:
        echo_diff(result)


@lists.command()
@source_option
@click.option("--as-of", "as_of", help="The releases in force on this date (default: latest).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_context
def export(ctx: click.Context, source: str | None, as_of: str | None, output: Path | None) -> None:
    """Export listed entities as FollowTheMoney JSON lines (re-importable with --source ftm)."""
    from datetime import date

    from sanctionwatch.errors import InputError
    from sanctionwatch.sources.ftm import write_ftm

    day = None
    if as_of:
        try:
            day = date.fromisoformat(as_of)
        except ValueError as exc:
            raise InputError(f"--as-of {as_of!r} is not a date", hint="use YYYY-MM-DD") from exc
    store = open_store(ctx)
    entities = store.listed_entities(as_of=day, sources=[source] if source else None)
    if output is None:
        count = write_ftm(entities, sys.stdout)
    else:
        with output.open("w", encoding="utf-8") as fh:
            count = write_ftm(entities, fh)
    click.echo(f"exported {count} entities", err=True)
