"""``lists update`` against a real loopback HTTP server: 200, 304, 500, refused, garbage."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctionwatch.cli.main import main
from sanctionwatch.store import Store

pytestmark = pytest.mark.slow


@dataclass
class Feed:
    """What the fake UN server answers, and what it was asked."""

    body: bytes = b""
    etag: str = '"v1"'
    status: int = 200
    requests: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[tuple[str, Feed]]:
    feed = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.requests.append(dict(self.headers))
            if feed.status != 200:
                self.send_error(feed.status)
                return
            if self.headers.get("If-None-Match") == feed.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", feed.etag)
            self.send_header("Content-Length", str(len(feed.body)))
            self.end_headers()
            self.wfile.write(feed.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/consolidated.xml", feed
    finally:
        httpd.shutdown()
        httpd.server_close()


def update(db: Path, url: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--db", str(db), "lists", "update", "--source", "un", "--url", url]
    )
    return result.exit_code, result.output


def test_update_conditional_get_and_failures(
    server: tuple[str, Feed], shared_data: Path, tmp_path: Path
) -> None:
    url, feed = server
    db = tmp_path / "sw.db"
    un = shared_data / "lists" / "un"
    feed.body = (un / "un_consolidated_2025-11-29.xml").read_bytes()

    code, out = update(db, url)
    assert code == 0, out
    assert "un: loaded un-2025-11-29" in out
    store = Store.open(str(db))
    [release] = store.releases("un")
    assert release.inputs == (url,)

    code, out = update(db, url)
    assert code == 0, out
    assert "not modified" in out
    assert feed.requests[-1].get("If-None-Match") == '"v1"'
    good = store.dump()

    feed.status = 500
    code, out = update(db, url)
    assert code == 1 and "HTTP 500" in out
    assert f"the last good release {release.id} keeps serving" in out
    assert store.dump() == good

    feed.status, feed.etag, feed.body = 200, '"v2"', b"<html>maintenance</html>"
    code, out = update(db, url)
    assert code == 1 and "is not a valid list" in out and "keeps serving" in out
    assert store.dump() == good

    feed.body = (un / "un_consolidated_2025-11-29.xml").read_bytes()[:100_000]
    code, out = update(db, url)
    assert code == 1 and "not a valid list" in out and "re-download" in out
    assert store.dump() == good

    # The failed attempts did not store the new ETag, so a good v2 is fetched in full.
    feed.etag, feed.body = '"v3"', (un / "un_consolidated_2025-12-10.xml").read_bytes()
    code, out = update(db, url)
    assert code == 0, out
    assert "loaded un-2025-12-10" in out and "(+0 -1 ~0 vs previous)" in out
    assert [r.published.date().isoformat() for r in store.releases("un")] == [
        "2025-11-29",
        "2025-12-10",
    ]


def test_update_unreachable_source(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now: connection refused.
    code, out = update(tmp_path / "sw.db", f"http://127.0.0.1:{port}/consolidated.xml")
    assert code == 1
    assert "cannot download" in out and "what to do" in out


def test_update_url_from_environment(
    server: tuple[str, Feed], shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, feed = server
    feed.body = (shared_data / "lists" / "un" / "un_consolidated_2025-12-10.xml").read_bytes()
    monkeypatch.setenv("SANCTIONWATCH_URL_UN", url)
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "sw.db"), "lists", "update", "--source", "un"]
    )
    assert result.exit_code == 0, result.output
    assert len(feed.requests) == 1
