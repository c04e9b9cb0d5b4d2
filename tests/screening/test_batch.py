from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.screening import Screener
from sanctionwatch.screening.batch import screen_csv
from tests.screening.corpus import corpus


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(corpus())


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_rows_come_back_in_input_order(tmp_path: Path, screener: Screener, workers: int) -> None:
    rows = ["id,name,schema,birth_date,imo,colour"]
    names = ["최선희", "Nobody Atall", "Kim Jong Un", "CHON MA SAN", "", "Choi Sun-hee"]
    rows += [f"r{i},{n},,,,blue" for i, n in enumerate(names * 5)]
    rows.append("v1,Renamed Ship,Vessel,,IMO 8660313,red")
    src = write(tmp_path / "in.csv", "\n".join(rows) + "\n")
    out = tmp_path / "out.jsonl"
    stats = screen_csv(screener, src, out, workers=workers, progress=False)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert stats.rows == len(lines) == 31
    assert [line["id"] for line in lines[:6]] == [f"r{i}" for i in range(6)]
    assert lines[0]["results"][0]["reference"] == "KPi.076"
    assert lines[1]["results"] == [] and lines[4]["results"] == []
    assert lines[-1]["results"][0]["entity_id"] == "ofac-17083"
    assert all(len(line["results"]) <= 5 for line in lines)
    assert all(r["score"] >= 0.5 for line in lines for r in line["results"])


def test_threshold_is_applied(tmp_path: Path, screener: Screener) -> None:
    src = write(tmp_path / "in.csv", "id,name\n1,Choe Son Hui\n")
    out = tmp_path / "out.jsonl"
    screen_csv(screener, src, out, threshold=0.99, workers=1, progress=False)
    assert json.loads(out.read_text(encoding="utf-8"))["results"] == []


def test_missing_name_column_is_a_clear_error(tmp_path: Path, screener: Screener) -> None:
    src = write(tmp_path / "in.csv", "id,full_name\n1,Choe Son Hui\n")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match="no 'name' column") as info:
        screen_csv(screener, src, out, workers=1, progress=False)
    assert "in.csv" in str(info.value) and "header" in str(info.value)
    assert not out.exists() and not list(tmp_path.glob(".out*"))


def test_bad_schema_names_the_line_and_nothing_is_written(
    tmp_path: Path, screener: Screener
) -> None:
    src = write(tmp_path / "in.csv", "id,name,schema\n1,Choe Son Hui,Person\n2,X,Ship\n")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match="line 3"):
        screen_csv(screener, src, out, workers=1, progress=False)
    assert not out.exists()


def test_non_utf8_input_is_a_clear_error(tmp_path: Path, screener: Screener) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes("id,name\n1,Ch\xf6e\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        screen_csv(screener, src, tmp_path / "out.jsonl", workers=1, progress=False)
