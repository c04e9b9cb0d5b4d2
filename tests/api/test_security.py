"""Tokens: shown once, stored hashed, required for writes and (by setting) for reads."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sanctionwatch.cli.main import main
from sanctionwatch.services.tokens import TokenStore, tokens_table


def test_cli_creates_lists_and_revokes_tokens(tmp_path: object) -> None:
    db = f"{tmp_path}/tokens.db"
    runner = CliRunner()
    created = runner.invoke(main, ["--db", db, "tokens", "create", "robot"])
    assert created.exit_code == 0, created.output
    token = created.output.strip()
    assert token.startswith("sw_") and len(token) > 40
    listed = runner.invoke(main, ["--db", db, "tokens", "list"])
    assert listed.exit_code == 0 and "robot" in listed.output and "active" in listed.output
    assert token.split("_", 2)[2] not in listed.output
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = [tuple(map(str, r)) for r in conn.execute(sa.select(tokens_table))]
    # only the hash is stored: the secret appears in no column
    assert rows and all(token.split("_", 2)[2] not in " ".join(r) for r in rows)
    store = TokenStore(engine)
    assert store.verify(token).name == "robot"
    token_id = token.split("_")[1]
    revoked = runner.invoke(main, ["--db", db, "tokens", "revoke", token_id])
    assert revoked.exit_code == 0, revoked.output
    again = runner.invoke(main, ["--db", db, "tokens", "revoke", token_id])
    assert again.exit_code != 0 and "no active token" in again.output
    empty = runner.invoke(main, ["--db", db, "tokens", "create", "  "])
    assert empty.exit_code != 0 and "needs a name" in empty.output


def test_writes_need_a_valid_token(client: TestClient, write_token: str) -> None:
    csv = b"id,name\n1,Ri Won Ho\n"
    missing = client.post("/api/batch", content=csv)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.json()["error"] == "this operation needs an API token"
    wrong = client.post("/api/batch", content=csv, headers={"Authorization": "Bearer sw_0000_nope"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "the API token is not valid"
    garbage = client.post("/api/batch", content=csv, headers={"X-API-Key": "hello"})
    assert garbage.status_code == 401 and "malformed" in garbage.json()["error"]
    forged = write_token[:-4] + "AAAA"
    assert (
        client.post(
            "/api/batch", content=csv, headers={"Authorization": f"Bearer {forged}"}
        ).status_code
        == 401
    )
    ok = client.post("/api/batch", content=csv, headers={"Authorization": f"ApiKey {write_token}"})
    assert ok.status_code == 202, ok.text
    assert client.get("/api/batch").status_code == 401
    # reads stay public by default
    assert client.get("/search/default", params={"q": "kim"}).status_code == 200


def test_reads_can_require_a_token(private_client: TestClient, write_token: str) -> None:
    q = {"queries": {"q": {"schema": "Person", "properties": {"name": "Ri Won Ho"}}}}
    assert private_client.post("/match/default", json=q).status_code == 401
    assert private_client.get("/search").status_code == 401
    assert private_client.get("/entities/un-KPi.033").status_code == 401
    auth = {"Authorization": f"ApiKey {write_token}"}
    assert private_client.post("/match/default", json=q, headers=auth).status_code == 200
    assert private_client.get("/entities/un-KPi.033", headers=auth).status_code == 200
    # liveness and readiness stay open for orchestrators
    assert private_client.get("/healthz").status_code == 200
    assert private_client.get("/readyz").status_code == 200
