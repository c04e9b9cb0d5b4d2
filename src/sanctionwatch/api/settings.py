"""Server settings: environment variables with embedded defaults for one machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sanctionwatch.errors import ConfigError
from sanctionwatch.settings import data_dir, database_url

MIB = 1024 * 1024


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {value!r}") from None


@dataclass(frozen=True)
class ServerSettings:
    """Everything ``create_app`` needs.

    Environment: ``SANCTIONWATCH_DB``, ``SANCTIONWATCH_DATA_DIR``,
    ``SANCTIONWATCH_READ_TOKEN_REQUIRED`` (default false: reads are public),
    ``SANCTIONWATCH_MAX_UPLOAD_MB`` (default 50), ``SANCTIONWATCH_MAX_BATCH_ROWS``
    (default 100000), ``SANCTIONWATCH_MAX_BODY_KB`` for JSON bodies (default 1024).
    """

    db_url: str
    jobs_dir: Path
    read_token_required: bool = False
    max_upload_bytes: int = 50 * MIB
    max_body_bytes: int = 1 * MIB
    max_batch_rows: int = 100_000
    refresh_seconds: float = 5.0

    @classmethod
    def from_env(cls, db: str | None = None) -> ServerSettings:
        """Settings from the environment; ``db`` (the CLI's ``--db``) wins over ``SANCTIONWATCH_DB``."""
        return cls(
            db_url=database_url(db),
            jobs_dir=data_dir() / "jobs",
            read_token_required=_bool("SANCTIONWATCH_READ_TOKEN_REQUIRED", False),
            max_upload_bytes=_int("SANCTIONWATCH_MAX_UPLOAD_MB", 50) * MIB,
            max_body_bytes=_int("SANCTIONWATCH_MAX_BODY_KB", 1024) * 1024,
            max_batch_rows=_int("SANCTIONWATCH_MAX_BATCH_ROWS", 100_000),
        )
