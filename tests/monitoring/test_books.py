from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from sanctionwatch.errors import InputError
from sanctionwatch.monitoring import audit, books
from sanctionwatch.monitoring.tables import record_versions, records
from sanctionwatch.store import Store


def test_import_then_reimport_keeps_history(
    store: Store, tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    first = write_csv(
        tmp_path / "a.csv",
        [
            {"id": "c1", "name": "Kim Chol", "birth_date": "1970", "extra": "ignored"},
            {"id": "c2", "name": "Ocean Star", "schema": "Vessel", "imo": "9074729"},
        ],
    )
    book = books.ensure_book(store.engine, "customers", threshold=0.8)
    result = books.import_records(store.engine, book, books.read_records(first))
    assert sorted(result.added) == ["c1", "c2"] and not result.updated

    second = write_csv(
        tmp_path / "b.csv",
        [
            {"id": "c1", "name": "Kim Chol", "birth_date": "1971"},
            {"id": "c2", "name": "Ocean Star", "schema": "Vessel", "imo": "9074729"},
        ],
    )
    result = books.import_records(store.engine, book, books.read_records(second))
    assert result.updated == ["c1"] and result.unchanged == 1

    history = books.record_history(store.engine, book, "c1")
    assert [h["data"]["birth_date"] for h in history] == ["1970", "1971"]
    assert "extra" not in history[0]["data"]
    assert audit.verify(store.engine).ok


def test_missing_name_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,full_name\n1,Kim\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        books.read_records(path)
    message = str(caught.value)
    assert "bad.csv" in message and "name" in message and "line 1" in message


def test_one_bad_row_rejects_the_file_and_writes_nothing(
    store: Store, tmp_path: Path, write_csv: Callable[..., Path]
) -> None:
    book = books.ensure_book(store.engine, "customers")
    good = write_csv(tmp_path / "good.csv", [{"id": "c1", "name": "Kim Chol"}])
    books.import_records(store.engine, book, books.read_records(good))
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,schema\nc2,Pak Su Il,Person\nc3,,Person\nc4,X,Spaceship\n", "utf-8")
    with pytest.raises(InputError) as caught:
        books.read_records(bad)
    assert "line 3" in str(caught.value) and "line 4" in str(caught.value)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(records)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(record_versions)).scalar() == 1


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    array = tmp_path / "book.json"
    array.write_text('[{"id": 1, "name": "Ri Won Ho", "nationality": "kp"}]', "utf-8")
    lines = tmp_path / "book.jsonl"
    lines.write_text('{"id": "v1", "name": "Chon Ma San", "schema": "Vessel"}\n\n', "utf-8")
    assert books.read_records(array)[0].data == {"name": "Ri Won Ho", "nationality": "kp"}
    assert books.read_records(lines)[0].external_id == "v1"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "v1", "name": "x"}\n{"id": \n', "utf-8")
    with pytest.raises(InputError, match="line 2"):
        books.read_records(broken)


def test_duplicate_ids_and_empty_file(tmp_path: Path) -> None:
    dup = tmp_path / "dup.csv"
    dup.write_text("id,name\n1,A\n1,B\n", "utf-8")
    with pytest.raises(InputError, match="duplicate id 1"):
        books.read_records(dup)
    empty = tmp_path / "empty.csv"
    empty.write_text("", "utf-8")
    with pytest.raises(InputError, match="empty"):
        books.read_records(empty)
