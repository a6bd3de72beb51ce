"""End-to-end in headless Chromium (Debian package) driven by Playwright: the demo story page.

Skips with a printed reason when /usr/bin/chromium is absent (``make test`` installs it).
Screenshots land in tests/screenshots/ for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from manysides import pipeline
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).parents[1] / "examples" / "demo"
SHOTS = Path(__file__).parent / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("browser")
    settings = Settings(db=f"sqlite:///{tmp / 'demo.db'}", port=_free_port())
    store = Store.open(settings.db)
    pipeline.ingest([DEMO], store, settings)
    config = uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=settings.port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{settings.port}", store
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


def _biggest_story(store: Store) -> str:
    grouping = store.grouping()
    return max(grouping.events, key=lambda e: len(e.article_ids)).id


def test_citation_click_highlights_the_cited_sentence(server, browser) -> None:
    base, store = server
    story = _biggest_story(store)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/stories/{story}")
    cite = page.locator("#summary a.cite").first
    article, sentence = cite.get_attribute("data-article"), cite.get_attribute("data-sentence")
    cite.click()
    target = page.locator(f"#s-{article}-{sentence}")
    target.wait_for(state="visible")
    assert "hl" in (target.get_attribute("class") or "")
    assert page.locator(".sent.hl").count() == 1
    assert page.evaluate(f"document.getElementById('a-{article}').open") is True


def test_quote_tabs_switch_variants(server, browser) -> None:
    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/stories/{_biggest_story(store)}")
    group = page.locator(".quote-group").filter(has=page.locator(".tab")).first
    tabs = group.locator(".tab")
    assert tabs.count() >= 2
    second = tabs.nth(1)
    second.click()
    variant_id = second.get_attribute("data-variant")
    assert page.locator(f"#{variant_id}").is_visible()
    assert second.get_attribute("aria-selected") == "true"
    assert tabs.nth(0).get_attribute("aria-selected") == "false"
    assert group.locator(".variant.active").count() == 1


@pytest.mark.parametrize("width", [1280, 390])
def test_story_page_screenshots_fit_the_viewport(server, browser, width: int) -> None:
    base, store = server
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{base}/stories/{_biggest_story(store)}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a {width}px viewport"
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"story-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
