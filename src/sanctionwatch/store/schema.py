"""Tables of the list store (SQLAlchemy Core, portable across SQLite and PostgreSQL).

History is kept as statement *spans*: a row says that one statement
(source, entity, schema, property, value) was present in every release of its
source from ``first_key`` to ``last_key`` inclusive, in release order.
``*_key`` columns hold the ``seq_key`` of a release (publication time, then
sha256), so comparing keys compares positions in the release order and no row
has to be renumbered when a release is loaded out of date order. A statement
with a gap in its presence has one row per run; the runs are always the
maximal ones (see ``spans.py``). A run that reaches the latest release stores
``spans.OPEN`` as its end, so appending a release leaves unchanged rows alone.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _key() -> sa.types.TypeEngine[str]:
    # Release keys are compared as byte strings; PostgreSQL would otherwise use
    # the database locale's collation.
    return sa.String(120).with_variant(sa.String(120, collation="C"), "postgresql")


releases = sa.Table(
    "list_releases",
    metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("format", sa.String(40), nullable=False),
    # Naive UTC everywhere: SQLite has no time zones.
    sa.Column("published", sa.DateTime(), nullable=False),
    sa.Column("seq_key", _key(), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("loaded_at", sa.DateTime(), nullable=False),
    sa.Column("inputs", sa.Text(), nullable=False),
    sa.Column("entities", sa.Integer(), nullable=False),
    sa.Column("statements", sa.Integer(), nullable=False),
    sa.Column("added", sa.Integer(), nullable=False),
    sa.Column("removed", sa.Integer(), nullable=False),
    sa.Column("amended", sa.Integer(), nullable=False),
    sa.Column("skipped", sa.Integer(), nullable=False),
    sa.UniqueConstraint("source", "sha256", name="uq_list_releases_sha"),
    sa.UniqueConstraint("source", "seq_key", name="uq_list_releases_seq"),
)

statements = sa.Table(
    "list_statements",
    metadata,
    sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
    # sha1 of source, entity_id, schema, prop, value: the statement's identity.
    sa.Column("stmt_id", sa.String(40), nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    # The listed subject this statement belongs to (its own id, or the subject a
    # Sanction/Identification/Address entity hangs off).
    sa.Column("subject_id", sa.String(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=False),
    sa.Column("schema", sa.String(64), nullable=False),
    sa.Column("prop", sa.String(128), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.Column("first_key", _key(), nullable=False),
    sa.Column("last_key", _key(), nullable=False),
    sa.Index("ix_list_statements_last", "source", "last_key"),
    sa.Index("ix_list_statements_first", "source", "first_key"),
    sa.Index("ix_list_statements_subject", "subject_id"),
)

# The list's own numbers (KPi.033, OFAC ent_num) -> subject, across all releases.
references = sa.Table(
    "list_references",
    metadata,
    sa.Column("reference", sa.String(128), primary_key=True),
    sa.Column("source", sa.String(16), primary_key=True),
    sa.Column("subject_id", sa.String(255), primary_key=True),
)

# Conditional-GET state of ``lists update``, per source and URL.
downloads = sa.Table(
    "list_downloads",
    metadata,
    sa.Column("source", sa.String(16), primary_key=True),
    sa.Column("url", sa.String(1000), primary_key=True),
    sa.Column("etag", sa.String(400)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("checked_at", sa.DateTime(), nullable=False),
)
