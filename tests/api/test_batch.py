"""Batch screening jobs: upload, progress, results in input order, JSONL and CSV downloads."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Any

from fastapi.testclient import TestClient

ROWS = [
    ("c1", "Ri Won Ho", "Person", "1964-07-17", ""),
    ("c2", "Jane Ordinary", "Person", "", ""),
    ("c3", "Chong Chon Gang", "Vessel", "", "7937317"),
    ("c4", "Korea Mining Development Trading Corp", "Organization", "", ""),
    ("c5", "", "", "", ""),
]


def upload_csv(rows: list[tuple[str, ...]] = ROWS) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "name", "schema", "birth_date", "imo", "ignored_column"])
    for row in rows:
        writer.writerow([*row, "whatever"])
    return buf.getvalue().encode()


def wait_done(client: TestClient, url: str, auth: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(url, headers=auth).json()
        assert status["state"] in {"queued", "running", "done"}, status
        assert 0 <= status["rows_done"] <= status["rows_total"]
        if status["state"] == "done":
            return status
        time.sleep(0.1)
    raise AssertionError("batch job did not finish")


def test_batch_job_end_to_end(client: TestClient, write_token: str) -> None:
    auth = {"Authorization": f"Bearer {write_token}"}
    created = client.post(
        "/api/batch",
        content=upload_csv(),
        params={"dataset": "dprk", "threshold": "0.7"},
        headers={**auth, "Content-Type": "text/csv", "X-Filename": "book.csv"},
    )
    assert created.status_code == 202, created.text
    job = created.json()
    assert job["rows_total"] == 5 and job["filename"] == "book.csv" and job["dataset"] == "dprk"
    assert created.headers["location"].endswith(f"/api/batch/{job['id']}")
    status = wait_done(client, created.headers["location"], auth)
    assert status["progress"] == 1.0 and status["rows_done"] == 5
    assert status["rows_matched"] == 3 and status["rows_failed"] == 1

    lines = [
        json.loads(line)
        for line in client.get(
            f"/api/batch/{job['id']}/results.jsonl", headers=auth
        ).text.splitlines()
    ]
    assert [line["id"] for line in lines] == ["c1", "c2", "c3", "c4", "c5"]
    assert (
        lines[0]["results"][0]["reference"] == "KPi.033" and lines[0]["results"][0]["match"] is True
    )
    assert lines[0]["results"][0]["explanation"]["name"]["candidate"] == "RI WON HO"
    assert not any(r["match"] for r in lines[1]["results"])
    assert lines[2]["results"][0]["entity_id"] == "ofac-17069"
    assert lines[4]["error"].endswith("empty name")

    table = client.get(f"/api/batch/{job['id']}/results.csv", headers=auth)
    assert table.headers["content-type"].startswith("text/csv")
    assert "attachment" in table.headers["content-disposition"]
    parsed = list(csv.DictReader(io.StringIO(table.text)))
    assert (
        parsed[0]["id"] == "c1"
        and parsed[0]["reference"] == "KPi.033"
        and parsed[0]["match"] == "true"
    )
    assert {row["id"] for row in parsed} == {"c1", "c2", "c3", "c4", "c5"}

    page = client.get(
        f"/api/batch/{job['id']}/results", params={"offset": 1, "limit": 2}, headers=auth
    ).json()
    assert [row["id"] for row in page["rows"]] == ["c2", "c3"]
    listed = client.get("/api/batch", headers=auth).json()["jobs"]
    assert job["id"] in {j["id"] for j in listed}


def test_multipart_form_upload(client: TestClient, write_token: str) -> None:
    created = client.post(
        "/api/batch",
        files={"file": ("people.csv", upload_csv(ROWS[:1]), "text/csv")},
        headers={"Authorization": f"Bearer {write_token}"},
    )
    assert created.status_code == 202, created.text
    assert created.json()["filename"] == "people.csv" and created.json()["rows_total"] == 1


def test_bad_uploads_are_clear_400s(client: TestClient, write_token: str) -> None:
    auth = {"Authorization": f"Bearer {write_token}"}
    no_name = client.post("/api/batch", content=b"id,fullname\n1,x\n", headers=auth)
    assert no_name.status_code == 400 and "no 'name' column" in no_name.json()["error"]
    assert "header" in no_name.json()["hint"]
    empty = client.post("/api/batch", content=b"", headers=auth)
    assert empty.status_code == 400 and "empty" in empty.json()["error"]
    header_only = client.post("/api/batch", content=b"id,name\n", headers=auth)
    assert header_only.status_code == 400 and "no rows" in header_only.json()["error"]
    latin1 = client.post(
        "/api/batch", content="id,name\n1,Jos\xe9\n".encode("latin-1"), headers=auth
    )
    assert latin1.status_code == 400 and "UTF-8" in latin1.json()["error"]
    unknown = client.post(
        "/api/batch", content=upload_csv(), params={"dataset": "mars"}, headers=auth
    )
    assert unknown.status_code == 404
    missing = client.get("/api/batch/doesnotexist", headers=auth)
    assert missing.status_code == 404


def test_upload_over_the_limit_is_413(client: TestClient, write_token: str) -> None:
    # The test server's upload limit is 2 MiB; a declared length over it is refused unread.
    auth = {"Authorization": f"Bearer {write_token}"}
    big = b"id,name\n" + b"1,Some Body\n" * 300_000
    response = client.post("/api/batch", content=big, headers=auth)
    assert response.status_code == 413 and response.json()["status"] == 413

    def chunks() -> Any:  # no Content-Length: counted while streaming
        for _ in range(300):
            yield b"x" * 10_000

    streamed = client.post("/api/batch", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    assert "too large" in streamed.json()["error"]
    assert client.get("/healthz").status_code == 200
