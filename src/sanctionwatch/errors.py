"""One exception root for the whole package.

Errors are named for the situation and carry what a user needs to fix it: the
file, the record and the next step. Interfaces translate them at the edges: the
CLI prints ``str(error)`` and exits non-zero, the API renders one JSON shape
using ``status``.
"""

from __future__ import annotations

from pathlib import Path


class SanctionwatchError(Exception):
    """Root of every error sanctionwatch raises on purpose."""

    status: int = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  what to do: {self.hint}"
        return self.message


class ConfigError(SanctionwatchError):
    """A setting is missing or invalid; fix the setting named in the message."""

    status = 500


class InputError(SanctionwatchError):
    """A file or request cannot be used as given; nothing was changed.

    ``path``, ``line`` and ``record`` locate the problem when known.
    """

    status = 400

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        record: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.record = record
        where = []
        if self.path:
            where.append(self.path)
        if line is not None:
            where.append(f"line {line}")
        if record:
            where.append(f"record {record}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message, hint=hint)


class UnsafeInputError(InputError):
    """Input uses a feature we refuse on principle (XML DTDs, entities, oversize data)."""


class SourceMismatchError(InputError):
    """A file does not look like the format of the source it was loaded as."""


class NotFoundError(SanctionwatchError):
    """A release, entity, book, alert or dataset does not exist."""

    status = 404


class ConflictError(SanctionwatchError):
    """The request lost a race or contradicts the current state; reload and retry."""

    status = 409


class AuthError(SanctionwatchError):
    """A token is missing or does not grant the operation."""

    status = 401


class DownloadError(SanctionwatchError):
    """A list could not be fetched; the last good release keeps serving."""

    status = 502
