"""Web test fixtures: the server ones live in ``tests/sw_testserver.py`` (shared with the API
tests); the browser and the screenshot check are here, for every page test."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Make the shared fixture module importable by its plain name.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sw_testserver import (  # noqa: F401
    bundled_db,
    client,
    data_dir,
    fresh_store_copy,
    live_server,
    private_client,
    server_settings,
    write_token,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
# As root, without background networking: Chromium must not try to reach the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    """Debian's headless Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium missing; run scripts/system-deps.sh")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def assert_screenshot(page: "Page", path: Path) -> None:
    """Save a full-page screenshot and check it is a real, non-blank render."""
    page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, path
