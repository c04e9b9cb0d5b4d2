"""Root command group.

Sub-commands are imported only when used, so ``sanctionwatch --help`` stays fast
and a missing optional dependency of one area does not break the others.
Each capability adds one line to ``COMMANDS``.
"""

from __future__ import annotations

import importlib

import click

from sanctionwatch import __version__
from sanctionwatch.errors import SanctionwatchError

# command name -> "module:attribute" of a click command or group
COMMANDS: dict[str, str] = {
    "lists": "sanctionwatch.cli.lists:lists",
    "entity": "sanctionwatch.cli.entity:entity",
    "demo": "sanctionwatch.cli.serve:demo",
    "serve": "sanctionwatch.cli.serve:serve",
    "tokens": "sanctionwatch.cli.serve:tokens",
    "screen": "sanctionwatch.cli.screen:screen",
    "ais": "sanctionwatch.cli.ais:ais",
    "ais-synth": "sanctionwatch.cli.ais_synth:ais_synth",
    "books": "sanctionwatch.cli.monitoring:books_group",
    "alerts": "sanctionwatch.cli.monitoring:alerts_group",
    "audit": "sanctionwatch.cli.monitoring:audit_group",
    "webhooks": "sanctionwatch.cli.monitoring:webhooks_group",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attr = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        # Every deliberate error reaches the user as its message, never a traceback.
        try:
            return super().invoke(ctx)
        except SanctionwatchError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="sanctionwatch")
@click.option(
    "--db",
    envvar="SANCTIONWATCH_DB",
    default=None,
    help="SQLite file or database URL (default: ./sanctionwatch.db; env SANCTIONWATCH_DB).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Monitor UN sanctions: lists, screening, monitoring and maritime evidence."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
