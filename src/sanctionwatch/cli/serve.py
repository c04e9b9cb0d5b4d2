"""``sanctionwatch serve``, ``sanctionwatch demo`` and ``sanctionwatch tokens``."""

from __future__ import annotations

import os
import socket

import click

from sanctionwatch.services.tokens import TokenStore
from sanctionwatch.settings import database_url


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def run_server(db_url: str, host: str, port: int, workers: int, log_level: str = "warning") -> None:
    """Run uvicorn in the foreground; several workers share the database and job directory."""
    import uvicorn

    from sanctionwatch.api.server import HTTP_PROTOCOL

    os.environ["SANCTIONWATCH_DB"] = db_url
    uvicorn.run(
        "sanctionwatch.api.asgi:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        http=HTTP_PROTOCOL,
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes."
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Start the web app and REST API (yente-compatible /match; OpenAPI at /docs)."""
    db_url = database_url(ctx.obj.get("db") if ctx.obj else None)
    click.echo(f"sanctionwatch: serving {db_url} at http://{host}:{port}/  (API docs: /docs)")
    run_server(db_url, host, port, workers, log_level="info")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Only load the bundled lists and summarise them.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Load the bundled lists (no network needed), then start the web app and print its URL."""
    from sanctionwatch.cli.demo import demo as load_demo
    from sanctionwatch.store import Store

    ctx.invoke(load_demo)
    if no_serve:
        return
    db_url = database_url(ctx.obj.get("db") if ctx.obj else None)
    store = Store.open(db_url)
    token = TokenStore(store.engine).create("demo")
    store.engine.dispose()
    if not _port_free(host, port):
        new_port = _free_port(host)
        click.echo(f"port {port} is busy; using {new_port}")
        port = new_port
    click.echo("")
    click.echo(f"  sanctionwatch is running at  http://{host}:{port}/")
    click.echo(f"  API documentation:           http://{host}:{port}/docs")
    click.echo(f"  demo API token for batch screening (shown once): {token}")
    click.echo("  stop with Ctrl-C")
    click.echo("")
    run_server(db_url, host, port, 1)


@click.group()
def tokens() -> None:
    """API tokens for write operations (list loads, batch jobs); stored hashed."""


def _token_store(ctx: click.Context) -> TokenStore:
    from sanctionwatch.store import Store

    root = ctx.find_root()
    store = Store.open(database_url(root.obj.get("db") if root.obj else None))
    return TokenStore(store.engine)


@tokens.command("create")
@click.argument("name")
@click.pass_context
def tokens_create(ctx: click.Context, name: str) -> None:
    """Create a token called NAME and print it (only this once)."""
    store = _token_store(ctx)
    click.echo(store.create(name))


@tokens.command("list")
@click.pass_context
def tokens_list(ctx: click.Context) -> None:
    """List tokens (ids and names; secrets are not stored)."""
    store = _token_store(ctx)
    for info in store.list():
        state = f"revoked {info.revoked_at:%Y-%m-%d}" if info.revoked_at else "active"
        click.echo(f"{info.id}  {info.name}  created {info.created_at:%Y-%m-%d %H:%M}  {state}")


@tokens.command("revoke")
@click.argument("token_id")
@click.pass_context
def tokens_revoke(ctx: click.Context, token_id: str) -> None:
    """Revoke the token with id TOKEN_ID (the part after ``sw_``)."""
    store = _token_store(ctx)
    store.revoke(token_id)
    click.echo(f"revoked {token_id}")
