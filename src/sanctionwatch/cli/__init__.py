"""The ``sanctionwatch`` console script."""

from sanctionwatch.cli.main import main

__all__ = ["main"]
