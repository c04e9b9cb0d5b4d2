"""Every page end to end in headless Chromium against the real server, with screenshot checks.

Screenshots go to ``<pytest basetemp>/screenshots`` (printed at the end); each
is checked for size and content (not blank, more than a handful of colours).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sw_testserver import LiveServer

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    # A 4xx answer is logged by Chromium as a console error; those tests check the page itself.
    opened.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "status of 4" not in msg.text
            else None
        ),
    )
    yield opened
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def screenshot(page: Page, shots: Path, name: str, viewport: dict[str, int] = DESKTOP) -> Path:
    """Save a full-page screenshot and check it is a real page: right width, not blank."""
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    with Image.open(path) as image:
        width, height = image.size
        assert width == viewport["width"], f"{name}: page wider than the viewport ({width}px)"
        assert height >= viewport["height"] * 0.5
        colours = image.convert("RGB").resize((200, 200)).getcolors(maxcolors=40000) or []
        assert len(colours) > 30, f"{name}: screenshot looks blank ({len(colours)} colours)"
        dominant = max(count for count, _ in colours) / (200 * 200)
        assert dominant < 0.97, f"{name}: one colour covers {dominant:.0%} of the page"
    return path


def no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page scrolls sideways by {overflow}px"


def test_search_as_you_type_with_scores_explanations_and_filters(
    page: Page, live_server: LiveServer, shots: Path
) -> None:
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/search$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the sanctions lists")
    box = page.get_by_label("Name or identifier")
    box.click()
    box.press_sequentially("ri won h", delay=40)
    first = page.locator("ol.hits > li").first
    ri_won_ho = re.compile(r"RI,? WON HO", re.IGNORECASE)  # the UN and OFAC spellings
    expect(first.locator(".hit-name")).to_have_text(ri_won_ho)
    expect(first.locator(".badge.match")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=ri\+won\+h"))
    first.get_by_text("Why this score").click()
    expect(first.locator(".why")).to_contain_text("name")
    expect(first.locator(".why")).to_contain_text(ri_won_ho)
    # filters: the OFAC list only has no UN reference
    page.get_by_label("List", exact=True).select_option("ofac")
    expect(page.locator("#results")).to_contain_text("in ofac")
    page.get_by_label("List", exact=True).select_option("un")
    page.get_by_label("Regime", exact=True).select_option("dprk")
    expect(page.locator("#results")).to_contain_text("in un_dprk")
    expect(first.locator(".ref")).to_have_text("KPi.033")
    page.get_by_label("Type", exact=True).select_option("Organization")
    expect(page.locator("#results")).to_contain_text("No entries match")
    page.get_by_label("Type", exact=True).select_option("")
    # Hangul finds the same man
    box.fill("리원호")
    expect(page.locator("ol.hits > li").first.locator(".hit-name")).to_have_text(ri_won_ho)
    screenshot(page, shots, "search")


def test_search_works_by_keyboard_and_without_javascript(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focused links must show a focus ring"
    page.get_by_label("Name or identifier").fill("korea mining")
    page.get_by_label("Name or identifier").press("Enter")
    expect(page.locator(".hit-name").first).to_have_text(
        "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    )
    context.close()


def test_entity_page_names_identifiers_designations_timeline(
    page: Page, live_server: LiveServer, shots: Path
) -> None:
    page.goto(live_server.url + "/search?q=chong+chon+gang")
    page.get_by_role("link", name="CHONG CHON GANG").first.click()
    expect(page).to_have_url(re.compile(r"/entity/ofac-17069$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CHONG CHON GANG")
    expect(page.locator("#ids-h + dl")).to_contain_text("7937317")
    expect(page.get_by_role("region", name="Designations")).to_contain_text("DPRK")
    page.goto(live_server.url + "/entity/KPi.033")  # a reference redirects to the entry
    expect(page).to_have_url(re.compile(r"/entity/un-KPi.033$"))
    names = page.get_by_role("region", name="Names")
    expect(names.get_by_role("heading", name="Latin")).to_be_visible()
    expect(names).to_contain_text("RI WON HO")
    designations = page.get_by_role("region", name="Designations")
    expect(designations).to_contain_text("KPi.033")
    expect(designations).to_contain_text("2016-11-30")
    timeline = page.locator("svg.timeline")
    expect(timeline).to_be_visible()
    assert timeline.locator("rect.bar.listed").count() == 1
    assert timeline.locator("rect.bar").count() > 3
    screenshot(page, shots, "entity")
    # as of a date before the listing: a clear error page
    page.get_by_label("Show the entry as it stood on").fill("2001-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("404")
    expect(page.locator("main")).to_contain_text("What to do")


def test_entity_with_names_in_several_scripts(
    page: Page, live_server: LiveServer, shots: Path
) -> None:
    body = httpx.get(live_server.url + "/search/un_dprk", params={"limit": 500}).json()
    multi = next(
        r["id"]
        for r in body["results"]
        if any(
            re.search("[\uac00-\ud7a3\u4e00-\u9fff\u0400-\u04ff]", n)
            for n in r["properties"].get("alias", []) + r["facts"].get("nameOriginalScript", [])
        )
    )
    page.goto(live_server.url + f"/entity/{multi}")
    headings = (
        page.get_by_role("region", name="Names").get_by_role("heading", level=3).all_inner_texts()
    )
    assert "Latin" in headings and len(headings) >= 2, headings
    screenshot(page, shots, "entity-scripts")


def test_releases_page_with_change_chart(page: Page, live_server: LiveServer, shots: Path) -> None:
    page.goto(live_server.url + "/releases?source=un")
    expect(page.get_by_role("heading", level=1)).to_have_text("List releases")
    chart = page.locator("svg.changes")
    expect(chart).to_be_visible()
    assert chart.locator("rect.bar.added").count() == 2
    table = page.get_by_role("region", name="Releases")
    expect(table).to_contain_text("2026-02-27")
    expect(table).to_contain_text("2022-09-15")
    screenshot(page, shots, "releases")
    page.get_by_role("link", name="What changed").first.click()
    expect(page).to_have_url(re.compile(r"/diff\?source=un&from="))
    expect(page.locator("main")).to_contain_text("4 added")


def test_diff_of_the_un_dprk_list_between_two_dates(
    page: Page, live_server: LiveServer, shots: Path
) -> None:
    page.goto(live_server.url + "/diff")
    page.get_by_label("List", exact=True).select_option("un")
    page.get_by_label("Regime", exact=True).select_option("dprk")
    page.get_by_label("From (release or date)").fill("2022-12-31")
    page.get_by_label("To (release or date)").fill("2026-01-31")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What changed in the UN list (DPRK regime)"
    )
    lead = page.locator("p.lead")
    expect(lead).to_contain_text("un-2022-09-15")
    expect(lead).to_contain_text("un-2025-11-20")
    data = httpx.get(
        live_server.url + "/diff.json",
        params={"source": "un", "regime": "dprk", "from": "2022-12-31", "to": "2026-01-31"},
    ).json()["diff"]
    assert data["added"] or data["amended"]
    assert all(
        row["reference"].startswith("KP")
        for row in data["added"] + data["removed"] + data["amended"]
    )
    expect(page.get_by_role("region", name=re.compile("^Amended"))).to_contain_text(
        data["amended"][0]["caption"]
    )
    screenshot(page, shots, "diff")


def test_batch_upload_progress_results_and_download(
    page: Page, live_server: LiveServer, write_token: str, shots: Path, tmp_path: Path
) -> None:
    upload = tmp_path / "book.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "name", "schema", "imo"])
    writer.writerow(["c1", "Ri Won Ho", "Person", ""])
    writer.writerow(["c2", "Chong Chon Gang", "Vessel", "7937317"])
    for i in range(120):
        writer.writerow([f"x{i}", f"Ordinary Customer {i}", "Person", ""])
    upload.write_text(buf.getvalue(), encoding="utf-8")

    page.goto(live_server.url + "/batch")
    page.get_by_label("API token").fill(write_token)
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_label("Screen against").select_option("dprk")
    page.get_by_role("button", name="Upload and screen").click()
    expect(page).to_have_url(re.compile(r"/batch/[0-9a-f]{24}$"))
    progress = page.get_by_role("progressbar")
    expect(progress).to_be_visible()
    expect(page.locator("#progress-text")).to_contain_text(
        "done: 122 of 122 rows screened (100%)", timeout=60_000
    )
    assert progress.get_attribute("value") == "122"
    table = page.locator("#results-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(122)
    expect(table.locator("tbody tr:visible")).to_have_count(
        2
    )  # only rows with a candidate, by default
    expect(table.locator("tbody tr").first).to_contain_text("RI WON HO")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("CHONG CHON GANG")
    screenshot(page, shots, "batch-job")
    page.get_by_label("Only rows with a candidate").uncheck()
    expect(table.locator("tbody tr:visible")).to_have_count(122)

    with page.expect_download() as info:
        page.get_by_role("button", name="results.csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0]["id"] == "c1" and rows[0]["reference"] == "KPi.033"
    with page.expect_download() as info:
        page.get_by_role("button", name="results.jsonl").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 122 and json.loads(lines[1])["results"][0]["entity_id"] == "ofac-17069"

    page.goto(live_server.url + "/batch")
    expect(page.locator("#jobs")).to_contain_text("book.csv")
    screenshot(page, shots, "batch")


def test_batch_upload_errors_are_shown(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,fullname\n1,x\n", encoding="utf-8")
    page.goto(live_server.url + "/batch")
    page.get_by_label("API token").fill("sw_0000_wrong")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.get_by_role("alert")).to_contain_text("the API token is not valid")


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=kim+jong",
        "/entity/un-KPi.033",
        "/releases?source=un",
        "/diff?source=un",
        "/batch",
    ],
)
def test_pages_are_readable_on_a_phone(
    browser: Browser, live_server: LiveServer, shots: Path, path: str
) -> None:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(live_server.url + path)
    expect(page.get_by_role("main")).to_be_visible()
    no_horizontal_scroll(page)
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 14
    name = "phone-" + re.sub(r"[^a-z]+", "-", path.split("?")[0].strip("/")).strip("-")
    screenshot(page, shots, name, PHONE)
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=ri+won+ho",
        "/entity/un-KPi.033",
        "/releases?source=un",
        "/diff?source=un",
        "/batch",
    ],
)
def test_every_page_has_a_json_twin(live_server: LiveServer, path: str) -> None:
    base, _, query = path.partition("?")
    twin = httpx.get(f"{live_server.url}{base}.json" + (f"?{query}" if query else ""))
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
    negotiated = httpx.get(live_server.url + path, headers={"Accept": "application/json"})
    assert negotiated.json() == twin.json()
    page = httpx.get(live_server.url + path, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and 'href="/search"' in page.text


def test_pages_have_landmarks_and_labels(page: Page, live_server: LiveServer) -> None:
    for path in ("/search", "/entity/un-KPi.033", "/releases", "/diff", "/batch"):
        page.goto(live_server.url + path)
        assert page.get_by_role("banner").count() == 1
        assert page.get_by_role("navigation", name="Main").count() == 1
        assert page.get_by_role("main").count() == 1
        assert page.get_by_role("contentinfo").count() == 1
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select')]
                 .filter(el => !el.labels || el.labels.length === 0).map(el => el.name)"""
        )
        assert unlabeled == [], f"{path}: inputs without a label: {unlabeled}"
        assert page.locator("html").get_attribute("lang") == "en"
