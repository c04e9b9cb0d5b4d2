"""``lists load/releases/diff`` and ``entity`` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctionwatch.cli.main import main
from sanctionwatch.store import Store


@pytest.fixture
def un_files(shared_data: Path) -> dict[str, Path]:
    folder = shared_data / "lists" / "un"
    return {
        day: folder / f"un_consolidated_{day}.xml"
        for day in ("2025-11-20", "2025-11-29", "2025-12-10")
    }


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_load_releases_diff_entity(tmp_path: Path, un_files: dict[str, Path]) -> None:
    db = tmp_path / "sw.db"
    code, out = run(
        db,
        "lists",
        "load",
        str(un_files["2025-12-10"]),
        str(un_files["2025-11-20"]),
        "--source",
        "un",
    )
    assert code == 0, out
    assert out.count("loaded un-") == 2 and "1000 entities" in out

    code, out = run(db, "lists", "load", str(un_files["2025-11-20"]), "--source", "un")
    assert code == 0, out
    assert "already loaded" in out

    code, out = run(db, "lists", "load", str(un_files["2025-11-29"]), "--source", "un")
    assert code == 0, out
    assert "(+0 -0 ~2 vs previous)" in out

    code, out = run(db, "lists", "releases", "--json")
    assert code == 0, out
    releases = json.loads(out)
    assert [r["published"][:10] for r in releases] == ["2025-11-20", "2025-11-29", "2025-12-10"]
    # The 2025-12-10 release was recounted against 2025-11-29 when that was loaded later.
    assert (releases[2]["added"], releases[2]["removed"], releases[2]["amended"]) == (0, 1, 0)

    code, out = run(db, "lists", "diff", "--source", "un", "--json")
    assert code == 0, out
    diff = json.loads(out)
    assert set(diff) == {"source", "from", "to", "added", "removed", "amended"}
    assert diff["from"] == releases[1]["id"] and diff["to"] == releases[2]["id"]
    assert diff["removed"] == [
        {"id": "un-IQi.074", "reference": "IQi.074", "caption": "MUNIR AL QUBAYSI"}
    ]

    code, out = run(
        db, "lists", "diff", "--source", "un", "--from", "2025-11-20", "--to", releases[1]["id"]
    )
    assert code == 0, out
    assert "~ HTi.006  PROPHANE VICTOR" in out and "notes: + Gender: Male." in out

    code, out = run(db, "entity", "KPi.033")
    assert code == 0, out
    assert "RI WON HO" in out and "listingDate: 2016-11-30" in out

    code, out = run(db, "entity", "IQi.074", "--history")
    assert code == 0, out
    assert "NOT listed" in out and "delisted in " + releases[2]["id"] in out

    code, out = run(db, "entity", "IQi.074", "--as-of", "2025-11-25", "--json")
    assert code == 0, out
    assert json.loads(out)["reference"] == "IQi.074"

    code, out = run(db, "entity", "IQi.074", "--as-of", "2025-12-25")
    assert code == 1 and "was not on the 'un' list" in out

    code, out = run(db, "entity", "XXi.999")
    assert code == 1 and "no listed entity" in out and "what to do" in out

    code, out = run(db, "lists", "diff", "--source", "un", "--from", "1999-01-01")
    assert code == 1 and "no 'un' release was in force on 1999-01-01" in out


def test_demo_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, out = run(db, "demo", "--no-serve")
    assert code == 0, out
    assert "newly loaded" in out
    before = Store.open(str(db)).dump()
    code, out = run(db, "demo", "--no-serve")
    assert code == 0, out
    assert "(0 newly loaded)" in out
    assert Store.open(str(db)).dump() == before


def test_single_bad_record_is_skipped_and_reported(shared_data: Path, tmp_path: Path) -> None:
    lines = (
        (shared_data / "lists" / "uk" / "ofsi_ConList_2016-03-23.csv").read_bytes().split(b"\r\n")
    )
    path = tmp_path / "ConList.csv"
    path.write_bytes(b"\r\n".join([*lines[:2], b"a,b,c", *lines[3:40]]))
    code, out = run(tmp_path / "sw.db", "lists", "load", str(path), "--source", "uk")
    assert code == 0, out
    skipped_line = [line for line in out.splitlines() if "skipped record" in line]
    assert len(skipped_line) == 1 and "line 3" in skipped_line[0]
    [release] = Store.open(str(tmp_path / "sw.db")).releases("uk")
    assert release.skipped == 1 and release.entities > 0


def test_export_reimports_to_the_same_entities(tmp_path: Path, un_files: dict[str, Path]) -> None:
    db = tmp_path / "sw.db"
    code, out = run(db, "lists", "load", str(un_files["2025-12-10"]), "--source", "un")
    assert code == 0, out
    target = tmp_path / "un.ftm.json"
    code, out = run(db, "lists", "export", "--source", "un", "-o", str(target))
    assert code == 0, out
    code, out = run(db, "lists", "load", str(target), "--source", "ftm")
    assert code == 0, out
    store = Store.open(str(db))
    exported = {e.id: e for e in store.listed_entities(sources=["un"])}
    imported = {e.id: e for e in store.listed_entities(sources=["ftm"])}
    assert len(exported) == store.releases("un")[0].entities
    assert set(imported) == set(exported)
    kim = imported["un-KPi.033"]
    assert kim.properties == exported["un-KPi.033"].properties
    assert kim.reference == "KPi.033"
