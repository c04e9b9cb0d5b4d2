"""``sanctionwatch demo``: load the bundled list releases and summarise them."""

from __future__ import annotations

import sys

import click

from sanctionwatch.cli.lists import open_store, release_line
from sanctionwatch.monitoring.service import after_load
from sanctionwatch.store import load_bundled


@click.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Load the list releases shipped with sanctionwatch (idempotent) and summarise."""
    store = open_store(ctx)
    results = load_bundled(store, progress=sys.stderr.isatty())
    # Like any other load: audited, and every monitored book is re-screened.
    outcome = after_load(store, results, actor="demo")
    new = sum(1 for r in results if r.created)
    click.echo(f"bundled releases: {len(results)} ({new} newly loaded)")
    for source in store.sources():
        found = store.releases(source)
        latest = found[-1]
        click.echo(f"{source}: {len(found)} release(s); latest {release_line(latest)}")
    dprk = sum(1 for e in store.listed_entities() if any("DPRK" in p for p in e.programs))
    click.echo(f"entries under a DPRK programme in the latest releases: {dprk}")
    for run in outcome.runs:
        click.echo(f"book {run.book}: {len(run.new)} new alert(s), {len(run.reopened)} reopened")
