"""Books: named collections of monitored records (customers, counterparties, vessels).

A record has a stable external id and the fields of a screening query.
Re-importing a record that changed stores a new version; the old one stays in
``mon_record_versions``. An import is one transaction: one bad row rejects the
file, naming every bad row, and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sanctionwatch.errors import InputError, NotFoundError
from sanctionwatch.monitoring import audit
from sanctionwatch.monitoring.tables import books, create_tables, new_id, record_versions, records

RECORD_FIELDS = (
    "name",
    "schema",
    "birth_date",
    "nationality",
    "country",
    "passport",
    "national_id",
    "imo",
    "mmsi",
    "call_sign",
)
SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft")
DEFAULT_BOOK_THRESHOLD = 0.7
MAX_ERRORS_SHOWN = 20


@dataclass(frozen=True)
class Book:
    id: int
    name: str
    threshold: float
    four_eyes: bool


@dataclass(frozen=True)
class Record:
    external_id: str
    data: dict[str, str]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.data)


@dataclass
class ImportResult:
    book: Book
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> list[str]:
        return self.added + self.updated


def fingerprint(data: Mapping[str, str]) -> str:
    body = json.dumps(dict(sorted(data.items())), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def clean_record(raw: Mapping[str, Any], where: str) -> Record:
    """Validate one raw row; unknown fields are ignored."""
    external_id = str(raw.get("id") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not external_id:
        raise InputError("missing id", record=where, hint="every record needs a stable id")
    if not name:
        raise InputError("missing name", record=f"{where} (id {external_id})", hint="fill in name")
    data = {"name": name}
    for key in RECORD_FIELDS[1:]:
        value = raw.get(key)
        if value is not None and str(value).strip():
            data[key] = str(value).strip()
    schema = data.get("schema")
    if schema is not None and schema not in SCHEMATA:
        raise InputError(
            f"unknown schema {schema!r}",
            record=f"{where} (id {external_id})",
            hint=f"use one of {', '.join(SCHEMATA)}",
        )
    return Record(external_id, data)


def read_records(path: Path) -> list[Record]:
    """Read a CSV (header with ``id,name`` and any query fields) or a JSON/JSONL file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="save the file as UTF-8"
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from exc
    if not text.strip():
        raise InputError("the file is empty", path=path, hint="export the book again")
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
        rows = list(_json_rows(path, text))
    else:
        rows = list(_csv_rows(path, text))
    found: list[Record] = []
    errors: list[str] = []
    seen: set[str] = set()
    for where, raw in rows:
        try:
            record = clean_record(raw, where)
        except InputError as exc:
            errors.append(exc.message if exc.record is None else f"{exc.record}: {exc.message}")
            continue
        if record.external_id in seen:
            errors.append(f"{where}: duplicate id {record.external_id}")
            continue
        seen.add(record.external_id)
        found.append(record)
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = (
            f" (and {len(errors) - MAX_ERRORS_SHOWN} more)"
            if len(errors) > MAX_ERRORS_SHOWN
            else ""
        )
        raise InputError(
            f"{len(errors)} bad record(s), nothing imported: {shown}{more}",
            path=path,
            hint="fix these rows and import the file again",
        )
    return found


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in ("id", "name") if c not in header]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(header)}",
            path=path,
            line=1,
            hint="the header needs id,name plus any of " + ",".join(RECORD_FIELDS[1:]),
        )
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    "more values than header columns",
                    path=path,
                    line=reader.line_num,
                    hint="quote values that contain commas",
                )
            yield f"line {reader.line_num}", row
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc


def _json_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg}", path=path, line=exc.lineno) from exc
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise InputError("each item must be an object", path=path, record=f"item {number}")
            yield f"item {number}", item
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"malformed JSON: {exc.msg}", path=path, line=number, hint="one object per line"
            ) from exc
        if not isinstance(item, dict):
            raise InputError("each line must be a JSON object", path=path, line=number)
        yield f"line {number}", item


def ensure_book(
    engine: sa.Engine,
    name: str,
    threshold: float | None = None,
    four_eyes: bool | None = None,
) -> Book:
    """Return the named book, creating it (or updating its settings) as needed."""
    create_tables(engine)
    if threshold is not None and not 0 < threshold <= 1:
        raise InputError(f"threshold {threshold} is outside (0, 1]", hint="use e.g. 0.7")
    with engine.begin() as conn:
        row = conn.execute(sa.select(books).where(books.c.name == name)).first()
        if row is None:
            value = threshold if threshold is not None else DEFAULT_BOOK_THRESHOLD
            inserted = conn.execute(
                books.insert().values(
                    name=name,
                    threshold=value,
                    four_eyes=bool(four_eyes),
                    created_at=datetime.now(UTC),
                )
            )
            book_id = new_id(inserted)
            audit.append(
                conn,
                "book.created",
                {"book": name, "threshold": value, "four_eyes": bool(four_eyes)},
            )
            return Book(book_id, name, value, bool(four_eyes))
        changes: dict[str, Any] = {}
        if threshold is not None and threshold != row.threshold:
            changes["threshold"] = threshold
        if four_eyes is not None and four_eyes != row.four_eyes:
            changes["four_eyes"] = four_eyes
        if changes:
            conn.execute(books.update().where(books.c.id == row.id).values(**changes))
            audit.append(conn, "book.settings", {"book": name, **changes})
        return Book(
            row.id,
            name,
            float(changes.get("threshold", row.threshold)),
            bool(changes.get("four_eyes", row.four_eyes)),
        )


def get_book(engine: sa.Engine, name: str) -> Book:
    create_tables(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(books).where(books.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no book named {name!r}", hint="create it with `books import`")
    return Book(row.id, row.name, float(row.threshold), bool(row.four_eyes))


def list_books(engine: sa.Engine) -> list[dict[str, Any]]:
    create_tables(engine)
    with engine.connect() as conn:
        counts: dict[int, int] = dict(
            conn.execute(
                sa.select(records.c.book_id, sa.func.count()).group_by(records.c.book_id)
            ).all()
        )
        return [
            {
                "name": row.name,
                "threshold": row.threshold,
                "four_eyes": bool(row.four_eyes),
                "records": int(counts.get(row.id, 0)),
            }
            for row in conn.execute(sa.select(books).order_by(books.c.name))
        ]


def import_records(
    engine: sa.Engine, book: Book, new_records: Iterable[Record], actor: str = "system"
) -> ImportResult:
    """Insert new records and new versions of changed ones, in one transaction."""
    result = ImportResult(book)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        current = {
            row.external_id: (row.version, row.fingerprint)
            for row in conn.execute(
                sa.select(records.c.external_id, records.c.version, records.c.fingerprint).where(
                    records.c.book_id == book.id
                )
            )
        }
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        versions: list[dict[str, Any]] = []
        for record in new_records:
            digest = record.fingerprint
            known = current.get(record.external_id)
            if known is not None and known[1] == digest:
                result.unchanged += 1
                continue
            version = 1 if known is None else known[0] + 1
            row = {
                "book_id": book.id,
                "external_id": record.external_id,
                "version": version,
                "data": record.data,
                "fingerprint": digest,
                "updated_at": now,
            }
            if known is None:
                inserts.append({**row, "screened_state": None})
                result.added.append(record.external_id)
            else:
                updates.append({**row, "b_ext": record.external_id})
                result.updated.append(record.external_id)
            versions.append(
                {
                    "book_id": book.id,
                    "external_id": record.external_id,
                    "version": version,
                    "data": record.data,
                    "valid_from": now,
                }
            )
            current[record.external_id] = (version, digest)
        if inserts:
            conn.execute(records.insert(), inserts)
        if updates:
            conn.execute(
                records.update()
                .where(records.c.book_id == book.id)
                .where(records.c.external_id == sa.bindparam("b_ext"))
                .values(
                    version=sa.bindparam("version"),
                    data=sa.bindparam("data"),
                    fingerprint=sa.bindparam("fingerprint"),
                    updated_at=sa.bindparam("updated_at"),
                    screened_state=None,
                ),
                [
                    {k: v for k, v in u.items() if k not in ("book_id", "external_id")}
                    for u in updates
                ],
            )
        if versions:
            conn.execute(record_versions.insert(), versions)
        audit.append(
            conn,
            "book.import",
            {
                "book": book.name,
                "added": len(result.added),
                "updated": len(result.updated),
                "unchanged": result.unchanged,
            },
            actor=actor,
        )
    return result


def load_records(
    engine: sa.Engine, book: Book, external_ids: Iterable[str] | None = None
) -> list[Record]:
    """Current records of a book (all, or the given ids)."""
    query = sa.select(records.c.external_id, records.c.data).where(records.c.book_id == book.id)
    wanted = None if external_ids is None else set(external_ids)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(records.c.external_id)).all()
    return [
        Record(row.external_id, dict(row.data))
        for row in rows
        if wanted is None or row.external_id in wanted
    ]


def record_history(engine: sa.Engine, book: Book, external_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(record_versions)
            .where(record_versions.c.book_id == book.id)
            .where(record_versions.c.external_id == external_id)
            .order_by(record_versions.c.version)
        ).all()
    if not rows:
        raise NotFoundError(f"no record {external_id!r} in book {book.name!r}")
    return [
        {"version": r.version, "data": dict(r.data), "valid_from": audit._iso(r.valid_from)}
        for r in rows
    ]
