"""The synthetic monitoring book keeps the contract bench_monitoring relies on, and stays diverse."""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import synthetic_book

PLANT = ["CHOE Un Hyok", "IM Song Sun"]


@pytest.fixture(scope="module")
def book() -> list[dict[str, str]]:
    """20,000 records with two planted names (vocabulary build ~1 s, generation ~0.2 s)."""
    return list(synthetic_book.records(20_000, seed=7, plant=PLANT))


def _is_latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def test_same_seed_same_book_other_seed_other_book(book: list[dict[str, str]]) -> None:
    assert list(synthetic_book.records(500, seed=7, plant=PLANT)) == book[:500]
    other = list(synthetic_book.records(500, seed=8, plant=PLANT))
    assert [r["name"] for r in other] != [r["name"] for r in book[:500]]


def test_one_record_in_5000_is_a_planted_copy(book: list[dict[str, str]]) -> None:
    planted = [r for r in book if "schema" not in r]
    assert planted == [
        {"id": "r0002500", "name": "CHOE Un Hyok"},
        {"id": "r0007500", "name": "IM Song Sun"},
        {"id": "r0012500", "name": "CHOE Un Hyok"},
        {"id": "r0017500", "name": "IM Song Sun"},
    ]
    assert len({r["id"] for r in book}) == len(book)


def test_schema_and_field_shares(book: list[dict[str, str]]) -> None:
    kinds = Counter(r.get("schema") for r in book)
    n = len(book)
    assert kinds["Person"] / n == pytest.approx(0.70, abs=0.02)
    assert kinds["Company"] / n == pytest.approx(0.25, abs=0.02)
    assert kinds["Vessel"] / n == pytest.approx(0.05, abs=0.01)
    persons = [r for r in book if r.get("schema") == "Person"]
    assert sum("birth_date" in r for r in persons) / len(persons) == pytest.approx(0.6, abs=0.03)
    assert sum("nationality" in r for r in persons) / len(persons) == pytest.approx(0.5, abs=0.03)
    assert all(len(r["country"]) == 2 for r in book if r.get("schema") == "Company")


def test_vessels_carry_valid_imo_numbers(book: list[dict[str, str]]) -> None:
    for row in (r for r in book if r.get("schema") == "Vessel"):
        digits = [int(d) for d in row["imo"]]
        assert len(digits) == 7
        assert (
            sum(d * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10 == digits[6]
        )


def test_persons_are_diverse_and_mostly_in_latin_script(book: list[dict[str, str]]) -> None:
    names = [r["name"] for r in book if r.get("schema") == "Person"]
    # The earlier ~100 x ~100 vocabulary gave 48% distinct names at this size.
    assert len(set(names)) / len(names) > 0.9
    native = sum(not _is_latin(n) for n in names) / len(names)
    assert 0.002 < native < 0.03
    # Patronymics, father's names, two family names and middle initials all occur.
    assert any(n.split()[-1].endswith(("ovich", "evich", "ovna", "evna")) for n in names)
    assert any(len(n.split()) >= 3 for n in names)
    assert any(len(part) == 2 and part.endswith(".") for n in names for part in n.split())


def test_write_csv_has_every_field(tmp_path: Path) -> None:
    path = synthetic_book.write_csv(tmp_path / "book.csv", 300, seed=3, plant=PLANT)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == synthetic_book.FIELDS
    assert [r["name"] for r in rows] == [
        r["name"] for r in synthetic_book.records(300, seed=3, plant=PLANT)
    ]
