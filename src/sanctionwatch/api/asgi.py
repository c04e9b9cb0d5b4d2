"""ASGI entry point for process managers and ``uvicorn --factory``: settings from the environment.

uvicorn --factory sanctionwatch.api.asgi:app_from_env --workers 2
"""

from __future__ import annotations

from fastapi import FastAPI

from sanctionwatch.api.app import create_app
from sanctionwatch.api.settings import ServerSettings


def app_from_env() -> FastAPI:
    """The app configured by ``SANCTIONWATCH_*`` environment variables."""
    return create_app(ServerSettings.from_env())
