"""``sanctionwatch books|alerts|audit`` end to end on a real UN release."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

from sanctionwatch.cli import main
from sanctionwatch.monitoring.tables import audit_log
from sanctionwatch.store import Store
from tests.conftest import SHARED_DATA

UN = SHARED_DATA / "lists" / "un"


def test_books_alerts_audit(tmp_path: Path) -> None:
    db = str(tmp_path / "sw.db")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, ["--db", db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("lists", "load", str(UN / "un_consolidated_2025-11-20.xml"), "--source", "un")
    book = tmp_path / "book.csv"
    book.write_text(
        "id,name,schema\nc1,Tanchon Commercial Bank,Organization\nc2,Maria Garcia Lopez,\n", "utf-8"
    )
    output = run("books", "import", "customers", str(book), "--threshold", "0.7")
    assert "2 added" in output and "new alerts" in output
    assert "customers: 2 records" in run("books", "list")

    [alert] = json.loads(run("alerts", "list", "--book", "customers", "--json"))
    assert alert["external_id"] == "c1" and alert["reference"] == "KPe.003"
    assert "TANCHON COMMERCIAL BANK" in run("alerts", "show", str(alert["id"]))
    output = run(
        "alerts",
        "decide",
        str(alert["id"]),
        "--action",
        "dismiss",
        "--reviewer",
        "ana",
        "--reason",
        "our customer is another bank",
    )
    assert "open -> dismissed" in output
    again = runner.invoke(
        main,
        [
            "--db",
            db,
            "alerts",
            "decide",
            str(alert["id"]),
            "--action",
            "dismiss",
            "--reviewer",
            "ben",
            "--reason",
            "x",
        ],
    )
    assert again.exit_code == 1 and "cannot dismiss" in again.output

    assert "audit trail intact" in run("audit", "verify")
    exported = tmp_path / "audit.jsonl"
    run("audit", "export", "--out", str(exported))
    actions = [json.loads(line)["action"] for line in exported.read_text("utf-8").splitlines()]
    assert {"list.loaded", "book.import", "screening.run", "alert.raised", "alert.decision"} <= set(
        actions
    )

    engine = Store.open(f"sqlite:///{db}").engine
    with engine.begin() as conn:
        conn.execute(audit_log.update().where(audit_log.c.seq == 2).values(actor="mallory"))
    tampered = runner.invoke(main, ["--db", db, "audit", "verify"])
    assert tampered.exit_code == 1
    assert "broken at entry 2" in tampered.output
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar() == len(
            actions
        )


def test_missing_book_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "sw.db"), "books", "rescreen", "nope"]
    )
    assert result.exit_code == 1 and "no book named 'nope'" in result.output


def test_demo_loads_are_audited_and_rescreen_books(tmp_path: Path) -> None:
    db = str(tmp_path / "sw.db")
    runner = CliRunner()
    book = tmp_path / "book.csv"
    book.write_text("id,name,schema\nc1,Tanchon Commercial Bank,Organization\n", "utf-8")
    imported = runner.invoke(main, ["--db", db, "books", "import", "customers", str(book)])
    assert imported.exit_code == 0, imported.output

    result = runner.invoke(main, ["--db", db, "demo", "--no-serve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # Tanchon Commercial Bank is on both bundled lists (UN and OFAC).
    assert "book customers: 2 new alert(s)" in result.output
    with Store.open(f"sqlite:///{db}").engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.action, audit_log.c.actor)).all()
    loads = [row for row in rows if row.action == "list.loaded"]
    assert loads and all(row.actor == "demo" for row in loads)
    assert ("alert.raised", "demo") in [(row.action, row.actor) for row in rows]
