"""``sanctionwatch demo`` and ``sanctionwatch serve`` start the real server and print its URL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sw_testserver import free_port

pytestmark = pytest.mark.slow


def start(args: list[str], data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SANCTIONWATCH_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "sanctionwatch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def wait_for_url(proc: subprocess.Popen[str], pattern: str, timeout: float = 90) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        found = re.search(pattern, line)
        if found:
            return found.group(1)
    raise AssertionError("no URL printed:\n" + "".join(seen))


def wait_ready(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("server not ready")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_demo_loads_the_bundled_lists_and_serves(fresh_store_copy: Path, tmp_path: Path) -> None:
    # The copy already holds the bundled releases, so the load is the idempotent fast path.
    port = free_port()
    proc = start(["--db", str(fresh_store_copy), "demo", "--port", str(port)], tmp_path)
    try:
        url = wait_for_url(proc, r"running at\s+(http://\S+/)")
        assert url == f"http://127.0.0.1:{port}/"
        token = wait_for_url(proc, r"shown once\): (sw_\S+)")
        wait_ready(url)
        page = httpx.get(url + "search", params={"q": "ri won ho"})
        assert page.status_code == 200 and "KPi.033" in page.text
        job = httpx.post(
            url + "api/batch",
            content=b"id,name\n1,Ri Won Ho\n",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert job.status_code == 202, job.text
    finally:
        stop(proc)


def test_serve_on_a_chosen_port(fresh_store_copy: Path, tmp_path: Path) -> None:
    port = free_port()
    proc = start(["--db", str(fresh_store_copy), "serve", "--port", str(port)], tmp_path)
    try:
        url = wait_for_url(proc, r"at (http://\S+/)")
        wait_ready(url)
        assert httpx.get(url + "healthz").json() == {"status": "ok"}
        assert httpx.get(url + "docs").status_code == 200
    finally:
        stop(proc)
