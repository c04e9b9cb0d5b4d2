"""The alert queue and the case view in headless Chromium: review an alert end to end."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.api.app import create_app
from sanctionwatch.api.settings import ServerSettings
from sanctionwatch.monitoring import books
from sanctionwatch.monitoring.rescreen import rescreen_book
from sanctionwatch.services.tokens import TokenStore
from sanctionwatch.store import Store
from tests.web.conftest import assert_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(
    bundled_db: Path, server_settings: ServerSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    from sw_testserver import LiveServer

    root = tmp_path_factory.mktemp("alert-pages")
    db = root / "sw.db"
    shutil.copyfile(bundled_db, db)
    store = Store.open(f"sqlite:///{db}")
    token = TokenStore(store.engine).create("ana")
    path = root / "book.csv"
    path.write_text(
        "id,name,schema\nc1,Korea Ryonbong General Corp.,Organization\n"
        "c2,Tanchon Commercial Bank,Organization\nc3,Maria Garcia Lopez,Person\n",
        encoding="utf-8",
    )
    book = books.ensure_book(store.engine, "customers", threshold=0.7)
    books.import_records(store.engine, book, books.read_records(path))
    rescreen_book(store, "customers")
    store.engine.dispose()
    settings = replace(server_settings, db_url=f"sqlite:///{db}", jobs_dir=root / "jobs")
    with LiveServer(create_app(settings)) as live:
        yield {"url": live.url, "token": token, "shots": root}


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def test_queue_to_decision(page: Any, server: dict[str, Any]) -> None:
    page.goto(server["url"] + "/alerts")
    table = page.locator("table.queue")
    assert table.is_visible()
    assert "KOREA RYONBONG GENERAL CORPORATION" in table.inner_text()
    assert "Maria Garcia" not in table.inner_text()
    assert_screenshot(page, server["shots"] / "alerts.png")

    # filter by book with the keyboard-operable form
    page.select_option("#book", "customers")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**/alerts?book=customers**")

    page.click(
        "text=Tanchon Commercial Bank >> xpath=ancestor::tr//a[starts-with(@href, '/alerts/')]"
    )
    page.wait_for_selector("h1:has-text('Alert #')")
    side = page.locator("table.side-by-side").inner_text()
    assert "Tanchon Commercial Bank" in side and "TANCHON COMMERCIAL BANK" in side
    assert page.locator("text=Why it matched").is_visible()
    assert_screenshot(page, server["shots"] / "alert.png")

    page.check("input[value=dismiss]")
    page.fill("#reason", "Different bank: customer is a Tanchon in Seoul")
    page.fill("#token", server["token"])
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("#decision-result:has-text('Saved')")
    page.wait_for_selector("#alert-status:has-text('dismissed')", timeout=10_000)
    assert "ana" in page.locator("ol.timeline").inner_text()


def test_case_view_on_a_phone(page: Any, server: dict[str, Any]) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server["url"] + "/alerts?status=dismissed")
    page.click("table.queue a[href^='/alerts/']")
    page.wait_for_selector("h1:has-text('Alert #')")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page is {width}px wide on a 390px screen"
    assert_screenshot(page, server["shots"] / "alert-phone.png")


def test_wrong_token_shows_the_error(page: Any, server: dict[str, Any]) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(server["url"] + "/alerts")
    page.click("table.queue a[href^='/alerts/']")
    page.wait_for_selector("#decision-form")
    page.fill("#reason", "try")
    page.fill("#token", "not-a-token")
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("#decision-result.error")
    assert "token" in page.locator("#decision-result").inner_text().lower()
