"""``sanctionwatch books|alerts|audit|webhooks``: monitoring from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from sanctionwatch.cli.lists import echo_json, open_store
from sanctionwatch.monitoring import alerts as alert_service
from sanctionwatch.monitoring import audit, books, webhooks
from sanctionwatch.monitoring.executors import DaskExecutor, Executor, InProcessExecutor
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.monitoring.service import deliver
from sanctionwatch.monitoring.tables import create_tables


@click.group(name="books")
def books_group() -> None:
    """Books of monitored customers, counterparties and vessels."""


@books_group.command(name="import")
@click.argument("book")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--threshold", type=float, help="Alert at or above this score (new books: 0.7).")
@click.option(
    "--four-eyes/--no-four-eyes", default=None, help="Confirmations need a second reviewer."
)
@click.option("--screen/--no-screen", default=True, help="Screen new and changed records now.")
@click.option("--actor", default="cli", help="Who is importing (for the audit trail).")
@click.pass_context
def import_book(
    ctx: click.Context,
    book: str,
    file: Path,
    threshold: float | None,
    four_eyes: bool | None,
    screen: bool,
    actor: str,
) -> None:
    """Import records into BOOK from a CSV (id,name,...) or JSON file; re-imports keep history."""
    store = open_store(ctx)
    found = books.read_records(file)
    target = books.ensure_book(store.engine, book, threshold, four_eyes)
    result = books.import_records(store.engine, target, found, actor=actor)
    click.echo(
        f"{book}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{result.unchanged} unchanged"
    )
    if screen and store.releases():
        run = rescreen_book(store, book, actor=actor)
        deliver(store, [run])
        _echo_run(run.summary())


@books_group.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_books(ctx: click.Context, as_json: bool) -> None:
    """Books with their record counts and settings."""
    found = books.list_books(open_store(ctx).engine)
    if as_json:
        echo_json(found)
        return
    for book in found:
        eyes = ", four-eyes" if book["four_eyes"] else ""
        click.echo(
            f"{book['name']}: {book['records']} records, threshold {book['threshold']}{eyes}"
        )


@books_group.command(name="rescreen")
@click.argument("book")
@click.option("--full", is_flag=True, help="Screen every record, not only new or changed ones.")
@click.option("--dask", "scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--workers", type=int, help="Local processes (default: one per core).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def rescreen(
    ctx: click.Context,
    book: str,
    full: bool,
    scheduler: str | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Re-screen BOOK against the lists in force."""
    store = open_store(ctx)
    executor: Executor = DaskExecutor(scheduler) if scheduler else InProcessExecutor(workers)
    run = rescreen_book(store, book, full=full, executor=executor, actor="cli")
    deliver(store, [run])
    if as_json:
        echo_json(run.summary())
    else:
        _echo_run(run.summary())


def _echo_run(summary: dict[str, Any]) -> None:
    click.echo(
        f"screened {summary['records_screened']} records ({summary['mode']}) in "
        f"{summary['seconds']} s: {summary['new']} new alerts, {summary['reopened']} reopened, "
        f"{summary['withdrawn']} withdrawn"
    )


@click.group(name="alerts")
def alerts_group() -> None:
    """Review alerts raised by monitoring."""


@alerts_group.command(name="list")
@click.option("--book")
@click.option("--status", type=click.Choice(alert_service.STATUSES))
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_alerts(
    ctx: click.Context, book: str | None, status: str | None, limit: int, as_json: bool
) -> None:
    """Alerts, highest score first."""
    found = alert_service.list_alerts(open_store(ctx).engine, book, status, limit)
    if as_json:
        echo_json(found)
        return
    for alert in found:
        ref = alert["reference"] or alert["entity_id"]
        click.echo(
            f"#{alert['id']:<5} {alert['status']:<21} {alert['score']:.2f}  "
            f"{alert['book']}/{alert['external_id']} -> {ref} {alert['caption']}"
        )


@alerts_group.command(name="show")
@click.argument("alert_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show_alert(ctx: click.Context, alert_id: int, as_json: bool) -> None:
    """One alert: the record, the list entry, the explanation and the decisions."""
    alert = alert_service.get_alert(open_store(ctx).engine, alert_id)
    if as_json:
        echo_json(alert)
        return
    click.echo(f"alert #{alert['id']} [{alert['status']}] score {alert['score']:.3f}")
    click.echo(f"  record  {alert['book']}/{alert['external_id']}: {alert['basis']['record']}")
    click.echo(f"  entry   {alert['reference'] or alert['entity_id']}: {alert['caption']}")
    if alert["reopen_reason"]:
        click.echo(f"  reopened because: {json.dumps(alert['reopen_reason'], ensure_ascii=False)}")
    click.echo("  explanation: " + json.dumps(alert["explanation"], ensure_ascii=False)[:2000])
    for d in alert["decisions"]:
        click.echo(
            f"  {d['at']} {d['reviewer']}: {d['action']} ({d['from']} -> {d['to']}): {d['reason']}"
        )


@alerts_group.command(name="decide")
@click.argument("alert_id", type=int)
@click.option("--action", type=click.Choice(sorted(alert_service.ACTIONS)), required=True)
@click.option("--reviewer", required=True, help="Your name, as it goes into the audit trail.")
@click.option("--reason", required=True, help="Why: shown to the next reviewer and auditors.")
@click.pass_context
def decide(ctx: click.Context, alert_id: int, action: str, reviewer: str, reason: str) -> None:
    """Confirm, dismiss, escalate or reopen an alert."""
    decision = alert_service.decide(open_store(ctx).engine, alert_id, action, reviewer, reason)
    click.echo(f"alert #{alert_id}: {decision.from_status} -> {decision.to_status}")


@click.group(name="audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command(name="verify")
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Recompute the hash chain; exit 1 at the first entry that does not fit."""
    engine = open_store(ctx).engine
    create_tables(engine)
    result = audit.verify(engine)
    if not result.ok:
        raise click.ClickException(
            f"audit trail broken at entry {result.first_bad_seq}: {result.problem} "
            f"({result.checked} entries before it verified)"
        )
    click.echo(f"audit trail intact: {result.checked} entries verified")


@audit_group.command(name="export")
@click.option("--out", type=click.Path(path_type=Path), help="File to write (default: stdout).")
@click.pass_context
def export(ctx: click.Context, out: Path | None) -> None:
    """Write every entry as JSON lines."""
    engine = open_store(ctx).engine
    create_tables(engine)
    if out is None:
        audit.export_jsonl(engine, sys.stdout)
        return
    with out.open("w", encoding="utf-8") as fh:
        count = audit.export_jsonl(engine, fh)
    click.echo(f"wrote {count} entries to {out}", err=True)


@audit_group.command(name="prune")
@click.option(
    "--retention-days",
    type=int,
    default=audit.DEFAULT_RETENTION_DAYS,
    show_default=True,
    envvar="SANCTIONWATCH_AUDIT_RETENTION_DAYS",
)
@click.pass_context
def prune(ctx: click.Context, retention_days: int) -> None:
    """Delete entries older than the retention period (the chain stays verifiable)."""
    engine = open_store(ctx).engine
    create_tables(engine)
    click.echo(f"pruned {audit.prune(engine, retention_days)} entries")


@click.group(name="webhooks")
def webhooks_group() -> None:
    """Webhooks that receive new and reopened alerts."""


@webhooks_group.command(name="add")
@click.argument("url")
@click.option("--secret", required=True, help="Shared secret for the HMAC-SHA256 signature.")
@click.pass_context
def add_webhook(ctx: click.Context, url: str, secret: str) -> None:
    hook_id = webhooks.add_webhook(open_store(ctx).engine, url, secret, actor="cli")
    click.echo(f"webhook {hook_id} added: {url}")


@webhooks_group.command(name="list")
@click.pass_context
def list_webhooks(ctx: click.Context) -> None:
    for hook in webhooks.list_webhooks(open_store(ctx).engine):
        click.echo(f"{hook['id']}: {hook['url']}")
