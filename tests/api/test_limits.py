"""A 1 GB upload to the running server is refused with 413 before its body is read."""

from __future__ import annotations

import json
import socket
import time

import httpx
from sw_testserver import LiveServer


def test_one_gigabyte_upload_is_refused_without_reading_it(
    live_server: LiveServer, write_token: str
) -> None:
    gigabyte = 1024**3
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        head = (
            "POST /api/batch HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\n"
            f"Authorization: Bearer {write_token}\r\n"
            "Content-Type: text/csv\r\n"
            f"Content-Length: {gigabyte}\r\n\r\n"
        )
        sock.sendall(head.encode() + b"id,name\n1,Ri Won Ho\n")
        received = b""
        while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    elapsed = time.monotonic() - started
    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413"), received[:200]
    body = json.loads(rest.split(b"\r\n\r\n", 1)[1])
    assert body["ok"] is False and body["status"] == 413 and "too large" in body["error"]
    assert elapsed < 5, "the server must answer without waiting for the body"
    assert httpx.get(live_server.url + "/healthz").json() == {"status": "ok"}


def test_missing_token_on_the_running_server(live_server: LiveServer) -> None:
    response = httpx.post(live_server.url + "/api/batch", content=b"id,name\n1,x\n")
    assert response.status_code == 401
    assert response.json()["error"] == "this operation needs an API token"
    assert httpx.get(live_server.url + "/healthz").status_code == 200
