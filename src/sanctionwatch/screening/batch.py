"""Batch screening of a CSV file into JSON Lines, on every core, in constant memory.

Input: a header with ``id`` and ``name`` plus any of ``schema``,
``birth_date``, ``nationality``, ``country``, ``passport``, ``national_id``,
``imo``, ``mmsi``, ``call_sign``; other columns are ignored. Output: one JSON
object per input row, in input order: ``{"id": ..., "results": [...]}`` with
up to five candidates at or above the threshold, best first.

Rows are read and written in windows of :data:`WINDOW` rows, so memory stays
flat however long the file. Worker processes are forked after the index is
built and share it copy-on-write; on platforms without ``fork`` the batch runs
in one process.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

import click
import orjson

from sanctionwatch.errors import InputError
from sanctionwatch.screening.normalize import load_taggers
from sanctionwatch.screening.screener import Screener
from sanctionwatch.screening.types import DEFAULT_THRESHOLD, SCHEMATA, Query

__all__ = ["COLUMNS", "BatchStats", "screen_csv"]

COLUMNS = (
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
WINDOW = 2000
LIMIT = 5

# Set in the parent before forking; workers read it (copy-on-write).
_SCREENER: Screener | None = None
_THRESHOLD = DEFAULT_THRESHOLD


@dataclass
class BatchStats:
    rows: int = 0
    hits: int = 0


def _query(row: dict[str, str], line: int, path: Path) -> Query:
    schema = (row.get("schema") or "").strip() or None
    if schema is not None and schema not in SCHEMATA:
        raise InputError(
            f"unknown schema {schema!r}",
            path=path,
            line=line,
            hint=f"use one of: {', '.join(SCHEMATA)} or leave it empty",
        )
    values = {c: (row.get(c) or "").strip() or None for c in COLUMNS if c != "schema"}
    return Query(name=(row.get("name") or "").strip(), schema=schema, **values)


def _screen_row(item: tuple[str, Query | None]) -> bytes:
    row_id, query = item
    assert _SCREENER is not None
    results: list[dict[str, Any]] = []
    if query is not None and query.name:
        results = [m.to_dict() for m in _SCREENER.screen(query, limit=LIMIT, threshold=_THRESHOLD)]
    return orjson.dumps({"id": row_id, "results": results}) + b"\n"


def _rows(path: Path, fh: IO[str]) -> Iterator[tuple[str, Query | None]]:
    reader = csv.DictReader(fh)
    header = reader.fieldnames or []
    if "name" not in header:
        raise InputError(
            "the CSV has no 'name' column",
            path=path,
            line=1,
            hint="the first line must be a header such as: id,name,schema,birth_date",
        )
    for number, row in enumerate(reader, start=1):
        row_id = (row.get("id") or "").strip() or str(number)
        query = _query(row, reader.line_num, path)
        yield row_id, (query if query.name else None)


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def screen_csv(
    screener: Screener,
    path: Path,
    out: Path | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    workers: int | None = None,
    progress: bool | None = None,
) -> BatchStats:
    """Screen every row of ``path`` and write JSON Lines to ``out`` (stdout if None).

    The output is written to a temporary file and renamed at the end, so a
    failed batch leaves no half-written file behind.
    """
    global _SCREENER, _THRESHOLD
    if not path.exists():
        raise InputError("file not found", path=path, hint="check the path of the CSV file")
    _SCREENER, _THRESHOLD = screener, threshold
    workers = workers or os.cpu_count() or 1
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    show = progress if progress is not None else sys.stderr.isatty()
    stats = BatchStats()
    tmp = out.with_name(f".{out.name}.tmp") if out is not None else None
    sink: IO[bytes] = tmp.open("wb") if tmp is not None else sys.stdout.buffer
    if workers > 1 and can_fork:
        # Load rigour's tagger once here, so forked workers share it.
        load_taggers()
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 and can_fork else None
    try:
        total = _count_lines(path) if show else 0
        with (
            path.open(newline="", encoding="utf-8-sig") as fh,
            click.progressbar(
                length=total,
                label="screening" if show else "",
                file=sys.stderr if show else io.StringIO(),
            ) as bar,
        ):
            rows = _rows(path, fh)
            while True:
                window = list(islice(rows, WINDOW))
                if not window:
                    break
                lines: Iterator[bytes]
                if pool is not None:
                    lines = pool.imap(_screen_row, window, chunksize=64)
                else:
                    lines = map(_screen_row, window)
                for line in lines:
                    sink.write(line)
                    stats.rows += 1
                    if b'"results":[]' not in line:
                        stats.hits += 1
                if show:
                    bar.update(len(window))
        sink.flush()
        if tmp is not None and out is not None:
            sink.close()
            os.replace(tmp, out)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the CSV is not UTF-8 ({exc.reason})", path=path, hint="save the file as UTF-8"
        ) from exc
    finally:
        if pool is not None:
            pool.terminate()
        if tmp is not None:
            if not sink.closed:
                sink.close()
            tmp.unlink(missing_ok=True)
        _SCREENER = None
    return stats
