from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import sanctionwatch.cli.screen as screen_cli
from sanctionwatch.cli.main import main
from sanctionwatch.screening import Screener
from tests.screening.corpus import corpus


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    screener = Screener.from_entities(corpus())
    monkeypatch.setattr(screen_cli, "_load_screener", lambda ctx, as_of, sources: screener)
    return CliRunner()


def test_human_output_shows_score_and_explanation(runner: CliRunner) -> None:
    result = runner.invoke(main, ["screen", "Choi Sun-hee", "--birth-date", "1964-08-10"])
    assert result.exit_code == 0, result.output
    assert "MATCH" in result.output and "CHOE SON HUI" in result.output
    assert "korean" in result.output and "birth_date: agree" in result.output


def test_json_output(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["screen", "CHON MA SAN", "--schema", "Vessel", "--imo", "8660313", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0]["entity_id"] == "ofac-17083"
    assert {
        "entity_id",
        "source",
        "reference",
        "caption",
        "schema",
        "score",
        "match",
        "explanation",
    } <= set(data[0])


def test_batch_from_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name\n1,Kim Jong Un\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        main, ["screen", "--batch", str(src), "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["results"][0]["entity_id"] == "ofac-20157"


def test_missing_name_column_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,nom\n1,Kim\n", encoding="utf-8")
    result = runner.invoke(main, ["screen", "--batch", str(src)])
    assert result.exit_code != 0 and "no 'name' column" in result.output


def test_usage_errors(runner: CliRunner) -> None:
    assert runner.invoke(main, ["screen"]).exit_code == 2
    assert runner.invoke(main, ["screen", "x", "--batch", "y.csv"]).exit_code == 2


def test_an_empty_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "empty.db"), "screen", "Kim"])
    assert result.exit_code != 0 and "store is empty" in result.output
