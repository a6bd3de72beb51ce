"""Coverage by leaning and blindspots on story cards (front page, API) and the Atom feed of
a filtered front page, on part of the invented demo corpus with its outlets registry."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from manysides import pipeline
from manysides.ingest.feeds import parse_feed
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app
from manysides.web.app import feed_title, feed_url
from manysides.web.feed import ATOM, stories_atom
from manysides.web.listing import StoryCard, StoryFilter

EXAMPLES = Path(__file__).parents[1] / "examples"
# The warning story whole (five outlets, one of them a syndicated copy) and the ruling
# story without the left-leaning outlet's report.
FILES = [
    *sorted((EXAMPLES / "demo").glob("0[1-5]_*")),
    *(EXAMPLES / "demo" / name for name in ("10_calderwire_court_ruling.txt", "12_libertyledger_court_ruling.txt",
                                            "13_portanselcourier_court_ruling.txt")),
]
WARNING = "Calder attorney general warns landlords over evictions under new Open Harbor Act"
RULING = "Judge upholds most of Calder's Open Harbor Act, strikes police provision"
NS = {"a": ATOM}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("coverage") / "coverage.db"
    settings = Settings(db=f"sqlite:///{db}")
    store = Store.open(settings.db)
    pipeline.ingest(FILES, store, settings)
    pipeline.import_outlets(EXAMPLES / "outlets.toml", store)
    yield TestClient(create_app(settings, store))
    store.close()


def stories(client: TestClient, **params: str) -> dict[str, dict]:
    body = client.get("/api/v1/stories", params=params).json()
    return {s["label"]: s for s in body["stories"]}


def test_cards_count_leanings_as_the_report_does(client: TestClient) -> None:
    listed = stories(client)
    assert set(listed) == {WARNING, RULING}
    warning, ruling = listed[WARNING], listed[RULING]
    # the syndicated copy of the wire story counts once: five articles, four by leaning
    assert warning["articles"] == 5
    assert warning["coverage"] == {"left": 1, "center": 2, "right": 1}
    assert warning["blindspot"] is None
    assert ruling["articles"] == 3
    assert ruling["coverage"] == {"center": 2, "right": 1}
    assert ruling["blindspot"] == "left"
    for story in (warning, ruling):
        framing = client.get(f"/api/v1/stories/{story['id']}").json()["framing"]
        assert framing["leaning_coverage"] == story["coverage"]
        assert framing["blindspot"] == story["blindspot"]


def test_blindspot_filter(client: TestClient) -> None:
    assert set(stories(client, blindspot="left")) == {RULING}
    assert set(stories(client, blindspot="any")) == {RULING}
    assert stories(client, blindspot="right") == {}
    assert set(stories(client, blindspot="left", leaning="center")) == {RULING}
    bad = client.get("/api/v1/stories", params={"blindspot": "up"})
    assert bad.status_code == 400
    assert bad.json()["detail"] == "blindspot: expected one of left, right, any, got 'up'"


def test_front_page_shows_coverage_and_offers_the_feed(client: TestClient) -> None:
    page = client.get("/", params={"blindspot": "left", "since": "2025-01-01"}).text
    assert page.count('<a class="title"') == 1
    assert '">' + RULING.replace("'", "&#39;") + "</a>" in page
    assert '<span class="badge-blindspot" title="No left-leaning outlet covered this story">Blindspot: left</span>' in page
    assert 'aria-label="Coverage by leaning: center 2, right 1"' in page
    assert '<option value="left" selected>For the left</option>' in page
    # the feed follows the filters but not the days
    assert '<link rel="alternate" type="application/atom+xml" title="These stories (Atom)" href="/feed.atom?blindspot=left">' in page
    everything = client.get("/").text
    assert 'aria-label="Coverage by leaning: left 1, center 2, right 1"' in everything
    assert everything.count('class="badge-blindspot"') == 1
    assert 'href="/feed.atom">' in everything
    assert client.get("/", params={"blindspot": "both"}).status_code == 400


def test_atom_feed_of_a_filter(client: TestClient) -> None:
    response = client.get("/feed.atom", params={"blindspot": "left"})
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(response.content)
    assert feed.findtext("a:title", namespaces=NS) == "manysides: stories — blindspots for the left"
    assert feed.find("a:link[@rel='self']", NS).get("href") == "http://testserver/feed.atom?blindspot=left"
    assert feed.findtext("a:updated", namespaces=NS) == "2025-03-11T00:00:00Z"
    (entry,) = feed.findall("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == RULING
    story_id = stories(client, blindspot="left")[RULING]["id"]
    assert entry.findtext("a:id", namespaces=NS) == f"http://testserver/stories/{story_id}"
    assert entry.findtext("a:summary", namespaces=NS) == (
        "3 articles from 3 outlets (Calder Wire Service, Liberty Ledger, Port Ansel Courier). "
        "Coverage by leaning: center 2, right 1. Blindspot: no left-leaning outlet covered it. "
        f"Storyline: {WARNING}."
    )
    assert [c.get("term") for c in entry.findall("a:category", NS)] == [
        "Calder Wire Service", "Liberty Ledger", "Port Ansel Courier", "blindspot:left"
    ]
    # our own feed reader takes it: each item is the story's page
    items = parse_feed(response.content, "http://testserver/feed.atom")
    assert [i.link for i in items] == [f"http://testserver/stories/{story_id}"]
    everything = etree.fromstring(client.get("/feed.atom").content)
    assert [e.findtext("a:title", namespaces=NS) for e in everything.findall("a:entry", NS)] == [RULING, WARNING]
    assert client.get("/feed.atom", params={"blindspot": "all"}).status_code == 400


def test_feed_address_and_title() -> None:
    assert feed_url({}) == "/feed.atom"
    assert feed_url({"q": "rent & fees", "since": "2025-01-01", "until": "2025-02-01", "blindspot": "any"}) == (
        "/feed.atom?q=rent+%26+fees&blindspot=any"
    )
    assert feed_title(StoryFilter()) == "manysides: stories"
    assert feed_title(StoryFilter(" rent ", "Liberty Ledger", "right", blindspot="any")) == (
        "manysides: stories — “rent”, from Liberty Ledger, covered by the right, blindspots for either side"
    )


def test_feed_drops_characters_xml_cannot_hold() -> None:
    card = StoryCard(
        id="e-1", label="Pier\x0b fire\x00 closes the ferry", storyline_id=None, storyline_label="",
        article_ids=("1",), titles=("Pier fire",), outlets=("Tide\x1fwater Gazette",), leanings=("",),
        start=None, end=None,
    )
    feed = etree.fromstring(stories_atom([card], "t", "https://news.example", "https://news.example/feed.atom"))
    entry = feed.find("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == "Pier fire closes the ferry"
    assert entry.find("a:category", NS).get("term") == "Tidewater Gazette"
    # an undated story takes the feed's time, fixed while the store is unchanged
    assert entry.findtext("a:updated", namespaces=NS) == feed.findtext("a:updated", namespaces=NS) == "1970-01-01T00:00:00Z"
    assert entry.find("a:published", NS) is None
    dated = StoryCard(**{**card.__dict__, "start": datetime(2025, 5, 2, 9, 30, tzinfo=UTC),
                         "end": datetime(2025, 5, 3, 18, 0, tzinfo=UTC)})
    entry = etree.fromstring(stories_atom([dated], "t", "s", "u")).find("a:entry", NS)
    assert entry.findtext("a:updated", namespaces=NS) == "2025-05-03T18:00:00Z"
    assert entry.findtext("a:published", namespaces=NS) == "2025-05-02T09:30:00Z"
