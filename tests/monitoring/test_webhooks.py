from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.monitoring import audit, webhooks
from sanctionwatch.store import Store

SECRET = "s3cret-s3cret-s3cret"


class Receiver(ThreadingHTTPServer):
    def __init__(self, fail_first: int, status: int = 500) -> None:
        self.fail_first = fail_first
        self.fail_status = status
        self.received: list[tuple[dict[str, str], bytes]] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(({k: v for k, v in self.headers.items()}, body))
        failing = len(self.server.received) <= self.server.fail_first
        self.send_response(self.server.fail_status if failing else 204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[Receiver]:
    fail_first, status = getattr(request, "param", (0, 500))
    server = Receiver(fail_first, status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: Receiver) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/hook"


@pytest.mark.parametrize("receiver", [(2, 503)], indirect=True)
def test_signed_delivery_with_retries(store: Store, receiver: Receiver) -> None:
    webhooks.add_webhook(store.engine, _url(receiver), SECRET)
    sleeps: list[float] = []
    [result] = webhooks.notify(store.engine, "alert.new", [{"alert": 1}], sleep=sleeps.append)
    assert result["status"] == "delivered" and result["attempts"] == 3
    assert sleeps == [0.5, 1.0]
    headers, body = receiver.received[-1]
    assert webhooks.verify_signature(SECRET, body, headers[webhooks.SIGNATURE_HEADER])
    assert not webhooks.verify_signature(
        "wrong-secret-wrong", body, headers[webhooks.SIGNATURE_HEADER]
    )
    assert headers[webhooks.EVENT_HEADER] == "alert.new"
    # every retry carries the same delivery id, so receivers can de-duplicate
    assert len({h[webhooks.DELIVERY_HEADER] for h, _ in receiver.received}) == 1


@pytest.mark.parametrize("receiver", [(99, 400)], indirect=True)
def test_rejected_delivery_is_not_retried_and_is_recorded(store: Store, receiver: Receiver) -> None:
    webhooks.add_webhook(store.engine, _url(receiver), SECRET)
    [result] = webhooks.notify(store.engine, "alert.new", [{"alert": 1}], sleep=lambda _: None)
    assert result["status"] == "failed" and result["attempts"] == 1
    assert [e["action"] for e in audit.entries(store.engine)][-1] == "webhook.failed"


def test_unreachable_receiver_fails_after_all_attempts(store: Store) -> None:
    webhooks.add_webhook(store.engine, "http://127.0.0.1:9/hook", SECRET)
    policy = webhooks.RetryPolicy(attempts=3, timeout=1.0)
    [result] = webhooks.notify(store.engine, "alert.new", [{"a": 1}], policy, sleep=lambda _: None)
    assert result["status"] == "failed" and result["attempts"] == 3
    assert "ConnectError" in result["error"]


def test_bad_webhook_settings(store: Store) -> None:
    with pytest.raises(InputError, match="http"):
        webhooks.add_webhook(store.engine, "ftp://example.org", SECRET)
    with pytest.raises(InputError, match="secret"):
        webhooks.add_webhook(store.engine, "https://example.org/hook", "short")
