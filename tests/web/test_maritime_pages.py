"""The maritime pages in headless Chromium: ranked events, an event with its map, a vessel.

Events are produced for real (module fixture): a seeded synthetic scenario of 19 ships
and about 6,300 positions, one ship given a listed vessel's identity, run through
``sanctionwatch ais ingest`` and ``ais detect``, then served by uvicorn.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sw_aisdata import AisData, build_ais_dir

from sanctionwatch.api.app import create_app
from sanctionwatch.api.settings import ServerSettings
from tests.web.conftest import assert_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(
    bundled_db: Path, server_settings: ServerSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    from sw_testserver import LiveServer

    root = tmp_path_factory.mktemp("maritime-pages")
    ais = build_ais_dir(root, f"sqlite:///{bundled_db}")
    app = create_app(server_settings)
    app.state.ais_dir = ais.root
    with LiveServer(app) as live:
        yield {"url": live.url, "ais": ais, "shots": root}


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def _image_loaded(page: Any, selector: str, base: str) -> None:
    """The <img> decoded in the browser, and its URL serves a non-trivial PNG."""
    img = page.locator(selector)
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "sel => { const i = document.querySelector(sel); return i.complete && i.naturalWidth > 0 }",
        arg=selector,
        timeout=30_000,
    )
    assert page.evaluate(f"document.querySelector('{selector}').naturalWidth") > 400
    response = httpx.get(base + img.get_attribute("src"), timeout=30)
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert len(response.content) > 20_000


def test_events_table_ranks_listed_vessels_first(page: Any, server: dict[str, Any]) -> None:
    ais: AisData = server["ais"]
    page.goto(server["url"] + "/maritime")
    assert page.locator("nav a[aria-current=page]").inner_text() == "Maritime"
    rows = page.locator("table.ais-events tbody tr")
    expected = httpx.get(server["url"] + "/api/ais/events").json()
    assert rows.count() == expected["total"] > 10
    first = rows.nth(0).inner_text()
    assert "LISTED VESSEL" in first.upper() and ais.listed_name.upper() in first
    assert "DPRK FLAG" in page.locator("table.ais-events").inner_text().upper()
    assert "Refined petroleum estimate" in page.inner_text("main")
    assert_screenshot(page, server["shots"] / "maritime.png")

    page.select_option("#type", "port_call")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**/maritime?type=port_call**")
    cells = page.locator("table.ais-events tbody tr td:nth-child(2) a").all_inner_texts()
    assert cells and set(cells) == {"Port call"}
    twin = httpx.get(server["url"] + "/maritime.json", params={"type": "port_call"}).json()
    assert len(cells) == twin["total"]


def test_event_page_shows_map_evidence_and_list_hits(page: Any, server: dict[str, Any]) -> None:
    ais: AisData = server["ais"]
    page.goto(server["url"] + "/maritime?type=encounter&tier=dprk")
    page.click("table.ais-events tbody tr >> nth=0 >> a[href^='/maritime/events/']")
    page.wait_for_selector("h1:has-text('Encounter')")
    _image_loaded(page, "#event-map", server["url"])
    evidence = page.locator("dl.evidence").inner_text()
    assert "Median distance between the vessels" in evidence and "km" in evidence
    vessels = page.locator("table.ais-vessels")
    assert ais.listed_imo in vessels.inner_text()
    assert page.locator("p.ranked").is_visible()
    assert_screenshot(page, server["shots"] / "maritime-event.png")
    twin = httpx.get(page.url + ".json").json()
    assert twin["event"]["type"] == "encounter" and twin["vessels"]

    page.click(f"table.ais-vessels a[href='/entity/{ais.listed_entity}']")
    page.wait_for_url(f"**/entity/{ais.listed_entity}")
    assert ais.listed_name.upper() in page.locator("h1").inner_text().upper()


def test_vessel_page_shows_track_map_and_identity_history(
    page: Any, server: dict[str, Any]
) -> None:
    ais: AisData = server["ais"]
    page.goto(server["url"] + "/maritime")
    page.click(f"table.ais-events a[href='/maritime/vessels/{ais.listed_mmsi}'] >> nth=0")
    page.wait_for_selector(f"h1:has-text('MMSI {ais.listed_mmsi}')")
    _image_loaded(page, "#vessel-map", server["url"])
    history = page.locator("table.identity").inner_text()
    assert ais.listed_imo in history and ais.listed_name.upper() in history
    assert page.locator("section.notice a[href^='/entity/']").count() >= 1
    assert page.locator("table.ais-events tbody tr").count() >= 2
    assert_screenshot(page, server["shots"] / "maritime-vessel.png")

    page.fill("#t-from", "2026-03-02")
    page.fill("#t-to", "2026-03-03")
    page.click("button:has-text('Draw')")
    page.wait_for_url("**from=2026-03-02**")
    assert "from=2026-03-02" in page.locator("#vessel-map").get_attribute("src")
    _image_loaded(page, "#vessel-map", server["url"])


def test_pages_fit_a_phone(page: Any, server: dict[str, Any]) -> None:
    ais: AisData = server["ais"]
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        for path, name in (
            ("/maritime", "maritime-phone.png"),
            (f"/maritime/vessels/{ais.listed_mmsi}", "maritime-vessel-phone.png"),
        ):
            page.goto(server["url"] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 400, f"{path} is {width}px wide on a 390px screen"
            assert_screenshot(page, server["shots"] / name)
        page.goto(server["url"] + "/maritime")
        page.click("table.ais-events tbody tr >> nth=0 >> a[href^='/maritime/events/']")
        page.wait_for_selector("#event-map")
        _image_loaded(page, "#event-map", server["url"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
        assert_screenshot(page, server["shots"] / "maritime-event-phone.png")
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})


def test_keyboard_reaches_the_filter_and_an_event(page: Any, server: dict[str, Any]) -> None:
    page.goto(server["url"] + "/maritime")
    page.focus("#type")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tier"
    link = page.locator("table.ais-events tbody tr >> nth=0 >> a[href^='/maritime/events/']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#event-map")
    assert page.locator("#event-map").get_attribute("alt").startswith("Map of the")
