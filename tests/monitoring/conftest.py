from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from sanctionwatch.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'sw.db'}")


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


WriteCsv = Callable[[Path, list[dict[str, str]]], Path]


@pytest.fixture
def write_csv() -> WriteCsv:
    """Write rows (dicts) as a CSV file with a header."""
    return _write_csv
