"""API tokens: created once, shown once, stored only as a hash.

A token is ``sw_<id>_<secret>``; the table keeps the id, name and
``sha256(secret)``. The secret is 32 random bytes, so a fast hash is enough
(no dictionary to attack) and verification stays cheap on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from sanctionwatch.errors import AuthError, InputError, NotFoundError

metadata = sa.MetaData()
tokens_table = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("secret_sha256", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

PREFIX = "sw"


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenStore:
    """Create, check, list and revoke tokens in the ``api_tokens`` table of the store's database."""

    def __init__(self, engine: sa.Engine, cache_seconds: float = 30.0) -> None:
        self.engine = engine
        self.cache_seconds = cache_seconds
        self._created = False
        self._verified: dict[str, tuple[float, TokenInfo]] = {}

    def _ensure(self) -> None:
        if not self._created:
            metadata.create_all(self.engine, checkfirst=True)
            self._created = True

    def create(self, name: str) -> str:
        """Create a token called ``name`` and return it; it cannot be shown again."""
        name = name.strip()
        if not name:
            raise InputError(
                "a token needs a name", hint="e.g. sanctionwatch tokens create batch-robot"
            )
        self._ensure()
        token_id = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(
                tokens_table.insert().values(
                    id=token_id,
                    name=name,
                    secret_sha256=_digest(secret),
                    created_at=datetime.now(UTC),
                )
            )
        return f"{PREFIX}_{token_id}_{secret}"

    def verify(self, token: str) -> TokenInfo:
        """The token's record if it is valid and not revoked; :class:`AuthError` otherwise."""
        parts = token.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            raise AuthError("the API token is malformed", hint="tokens look like sw_<id>_<secret>")
        self._ensure()
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(tokens_table).where(tokens_table.c.id == parts[1])).first()
        if row is None or not hmac.compare_digest(row.secret_sha256, _digest(parts[2])):
            raise AuthError(
                "the API token is not valid",
                hint="create one with: sanctionwatch tokens create NAME",
            )
        if row.revoked_at is not None:
            raise AuthError(
                "the API token was revoked",
                hint="create a new one with: sanctionwatch tokens create NAME",
            )
        return TokenInfo(row.id, row.name, row.created_at, row.revoked_at)

    def verify_cached(self, token: str) -> TokenInfo:
        """:meth:`verify`, remembering a good token for ``cache_seconds`` (for reads).

        A revoked token keeps read access for at most that long; writes always
        call :meth:`verify`.
        """
        now = time.monotonic()
        key = _digest(token)
        found = self._verified.get(key)
        if found is not None and now - found[0] < self.cache_seconds:
            return found[1]
        info = self.verify(token)
        if len(self._verified) > 1000:
            self._verified.clear()
        self._verified[key] = (now, info)
        return info

    def list(self) -> list[TokenInfo]:
        self._ensure()
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(tokens_table).order_by(tokens_table.c.created_at)).all()
        return [TokenInfo(r.id, r.name, r.created_at, r.revoked_at) for r in rows]

    def revoke(self, token_id: str) -> None:
        self._ensure()
        with self.engine.begin() as conn:
            done = conn.execute(
                tokens_table.update()
                .where(tokens_table.c.id == token_id, tokens_table.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
        if done.rowcount == 0:
            raise NotFoundError(
                f"no active token with id {token_id!r}", hint="sanctionwatch tokens list"
            )
