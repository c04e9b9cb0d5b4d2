"""Shared fixtures for the API and web tests: the real store with the bundled lists,
the app in-process, and the app served for real by uvicorn on a loopback port.

Imported by ``tests/api/conftest.py`` and ``tests/web/conftest.py``. The
bundled database is built once per session (about 15 s for the UN and OFAC
releases) and copied, never modified, by tests that write.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Self

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctionwatch.api.app import create_app
from sanctionwatch.api.server import HTTP_PROTOCOL
from sanctionwatch.api.settings import ServerSettings
from sanctionwatch.services.tokens import TokenStore
from sanctionwatch.store import Store, load_bundled


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _build_bundled(root: Path) -> Path:
    """The bundled lists loaded into one SQLite file (cached in the session's base temp dir)."""
    db = root / "bundled.db"
    done = root / "bundled.done"
    if not done.exists():
        root.mkdir(parents=True, exist_ok=True)
        store = Store.open(f"sqlite:///{db}")
        load_bundled(store)
        store.engine.dispose()
        done.touch()
    return db


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """SANCTIONWATCH_DATA_DIR for the session (screening index cache), kept out of the repo."""
    path = tmp_path_factory.getbasetemp() / "sw-data"
    path.mkdir(exist_ok=True)
    old = os.environ.get("SANCTIONWATCH_DATA_DIR")
    os.environ["SANCTIONWATCH_DATA_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("SANCTIONWATCH_DATA_DIR", None)
    else:
        os.environ["SANCTIONWATCH_DATA_DIR"] = old


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """Path of an SQLite store holding every bundled release (treat as read-only)."""
    return _build_bundled(tmp_path_factory.getbasetemp() / "bundled")


@pytest.fixture(scope="session")
def server_settings(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ServerSettings:
    return ServerSettings(
        db_url=f"sqlite:///{bundled_db}",
        jobs_dir=tmp_path_factory.mktemp("jobs"),
        max_upload_bytes=2 * 1024 * 1024,
        max_body_bytes=256 * 1024,
    )


@pytest.fixture(scope="session")
def write_token(server_settings: ServerSettings) -> str:
    store = Store.open(server_settings.db_url)
    try:
        return TokenStore(store.engine).create("tests")
    finally:
        store.engine.dispose()


def wait_ready(get: object, timeout: float = 60.0) -> None:
    """Poll /readyz until the screening index is built."""
    assert callable(get)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get("/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the server did not become ready")


def app_client(settings: ServerSettings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        wait_ready(client.get)
        yield client


@pytest.fixture(scope="session")
def client(server_settings: ServerSettings) -> Iterator[TestClient]:
    """The app in-process over the bundled store (reads public)."""
    yield from app_client(server_settings)


@pytest.fixture
def private_client(server_settings: ServerSettings, tmp_path: Path) -> Iterator[TestClient]:
    """Same data, with ``SANCTIONWATCH_READ_TOKEN_REQUIRED`` on."""
    yield from app_client(replace(server_settings, read_token_required=True, jobs_dir=tmp_path))


@pytest.fixture
def fresh_store_copy(bundled_db: Path, tmp_path: Path) -> Path:
    """A private copy of the bundled database that a test may write to."""
    target = tmp_path / "copy.db"
    shutil.copyfile(bundled_db, target)
    return target


class LiveServer:
    """The app served by uvicorn in a thread on 127.0.0.1."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            http=HTTP_PROTOCOL,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        wait_ready(lambda path: httpx.get(self.url + path, timeout=5))
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(server_settings: ServerSettings) -> Iterator[LiveServer]:
    """The real server on a loopback port, for third-party clients and the browser."""
    with LiveServer(create_app(server_settings)) as server:
        yield server
