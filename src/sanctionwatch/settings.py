"""Settings read from the environment, with embedded defaults for one machine."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "SANCTIONWATCH_DB"
DEFAULT_DB = "sanctionwatch.db"


def database_url(db: str | None = None) -> str:
    """Return an SQLAlchemy URL from ``--db``, ``SANCTIONWATCH_DB`` or the default SQLite file.

    A plain path means an SQLite file; anything with ``://`` is used as a URL
    (for example ``postgresql+psycopg://user@host/db``).
    """
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def data_dir() -> Path:
    """Directory for caches and derived files (index cache, AIS parquet)."""
    value = os.environ.get("SANCTIONWATCH_DATA_DIR", "var")
    path = Path(value).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
