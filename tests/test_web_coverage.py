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
from manysides.listing import StoryCard, StoryFilter
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app
from manysides.web.app import feed_title, feed_url
from manysides.web.feed import ATOM, stories_atom

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
    assert bad.json()["detail"] == "blindspot: expected left, right or any, got 'up'"


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


# --- the storyline page ---------------------------------------------------------------------


def test_storyline_api_lists_stories_in_time_order_and_who_covered_which(client: TestClient) -> None:
    listed = stories(client)
    warning, ruling = listed[WARNING], listed[RULING]
    assert warning["storyline_id"] == ruling["storyline_id"]
    line = client.get(f"/api/v1/storylines/{warning['storyline_id']}").json()
    assert line["label"] == WARNING
    assert [s["id"] for s in line["stories"]] == [warning["id"], ruling["id"]]  # oldest first
    assert line["stories"][1] == ruling  # each story as /api/v1/stories gives it
    assert (line["start"], line["end"]) == ("2025-01-17T00:00:00+00:00", "2025-03-11T00:00:00+00:00")
    assert line["coverage"] == {"left": 1, "center": 4, "right": 2}
    rows = [(o["name"], o["leaning"], sorted(o["stories"])) for o in line["outlets"]]
    both = sorted([warning["id"], ruling["id"]])
    assert rows == [  # by leaning, then the most stories covered, then name
        ("The Harbor Progressive", "left", [warning["id"]]),
        ("Calder Wire Service", "center", both),
        ("Port Ansel Courier", "center", both),
        ("NewsStack Daily", "center", [warning["id"]]),
        ("Liberty Ledger", "right", both),
    ]
    for outlet in line["outlets"]:
        for story_id, article_id in outlet["stories"].items():
            article = client.get(f"/api/v1/articles/{article_id}").json()
            assert (article["outlet"], article["story_id"]) == (outlet["name"], story_id)
    missing = client.get("/api/v1/storylines/s-0000")
    assert missing.status_code == 404 and missing.json()["detail"] == "no storyline with id 's-0000'"


def test_storyline_page(client: TestClient) -> None:
    warning = stories(client)[WARNING]
    front = client.get("/").text
    assert f'<a class="storyline-link" href="/storylines/{warning["storyline_id"]}">' in front
    page = client.get(f"/storylines/{warning['storyline_id']}").text
    assert "2 stories · 8 articles · 5 outlets · 2025-01-17 – 2025-03-11" in page
    assert 'aria-label="Coverage by leaning: left 1, center 4, right 2"' in page
    line = client.get(f"/api/v1/storylines/{warning['storyline_id']}").json()
    progressive = line["outlets"][0]
    row = page.split('href="/outlets/The%20Harbor%20Progressive"', 1)[1].split("</tr>", 1)[0]
    assert "1 of 2" in row
    assert f'<a href="/articles/{progressive["stories"][warning["id"]]}" aria-label="The Harbor Progressive on story 1">●</a>' in row
    assert '<span class="missing" aria-label="not covered">·</span>' in row
    assert page.index('id="story-1"') < page.index('id="story-2"')
    story_page = client.get(f"/stories/{warning['id']}").text
    assert f'in <a href="/storylines/{warning["storyline_id"]}">this storyline</a>' in story_page
    assert client.get("/storylines/s-0000").status_code == 404


def test_storyline_table_keeps_the_largest_stories_in_time_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.model import Article
    from manysides.outlets import Outlet, OutletRegistry
    from manysides.web import storyline as storyline_module

    monkeypatch.setattr(storyline_module, "TABLE_STORIES", 2)

    def card(story: str, articles: tuple[str, ...], day: int | None, coverage=()) -> StoryCard:
        when = datetime(2025, 4, day, tzinfo=UTC) if day else None
        return StoryCard(id=story, label=f"story {story}", storyline_id="s-1", storyline_label="the thread",
                         article_ids=articles, titles=(), outlets=(), leanings=(), start=when, end=when,
                         coverage=coverage)

    cards = [card("e-late", ("a1",), 9, (("left", 1),)), card("e-big", ("a2", "a3", "a4"), 5, (("left", 1), ("right", 2))),
             card("e-undated", ("a5", "a6"), None, (("unknown", 2),)), card("e-early", ("a7", "a8"), 1)]
    outlet_of = {"a1": "Tide Gazette", "a2": "Tide Gazette", "a3": "Dune Daily", "a4": "Dune Daily",
                 "a5": "Reef Radio", "a6": "Tide Gazette", "a7": "Dune Daily", "a8": "Reef Radio"}
    articles = {i: Article(id=i, text="t", title="t", outlet=o) for i, o in outlet_of.items()}
    registry = OutletRegistry((Outlet("Tide Gazette", leaning="lean-left"), Outlet("Dune Daily", leaning="right")))
    view = storyline_module.storyline_view(cards, articles, registry.article_leaning)
    assert [c.id for c in view.stories] == ["e-early", "e-big", "e-late", "e-undated"]  # undated last
    # the two largest (three articles, then the earlier of the two-article ones), in time order
    assert [c.id for c in view.shown] == ["e-early", "e-big"]
    assert [view.column(c.id) for c in view.stories] == [1, 2, None, None]
    assert [(r.name, r.leaning, r.articles) for r in view.outlets] == [
        ("Tide Gazette", "lean-left", (None, "a2")),
        ("Dune Daily", "right", ("a7", "a3")),
        ("Reef Radio", "", ("a8", None)),
    ]
    assert view.coverage == (("left", 2), ("right", 2), ("unknown", 2))
    assert view.articles == 8
    assert (view.id, view.label) == ("s-1", "the thread")


def test_a_reindex_reaches_a_running_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.model import Event, Grouping
    from manysides.web import services

    monkeypatch.setattr(services, "GENERATION_TTL_S", 0.0)  # ask the store on every request
    settings = Settings(db=f"sqlite:///{tmp_path / 'regrouped.db'}")
    with Store.open(settings.db) as store:
        pipeline.ingest(FILES, store, settings)
        app = TestClient(create_app(settings, store))
        assert app.get("/api/v1/stories").json()["total"] == 2
        # another process groups the store again (what `manysides reindex` writes), into one
        # story; no article was added, so the newest ingest seq is the same
        everything = tuple(a.id for a in store.iter_articles())
        store.save_grouping(Grouping(events=(Event(f"e-{everything[0]}", everything),)))
        store.put_state(pipeline.INDEX_EPOCH_KEY, b"1")
        (only,) = app.get("/api/v1/stories").json()["stories"]
        assert only["articles"] == len(everything)


def test_a_registry_import_reaches_a_running_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.web import services

    monkeypatch.setattr(services, "GENERATION_TTL_S", 0.0)  # ask the store on every request
    settings = Settings(db=f"sqlite:///{tmp_path / 'late.db'}")
    with Store.open(settings.db) as store:
        pipeline.ingest(FILES[5:], store, settings)  # the ruling story alone
        app = TestClient(create_app(settings, store))
        (before,) = app.get("/api/v1/stories").json()["stories"]
        assert before["coverage"] == {} and before["blindspot"] is None
        report = app.get(f"/api/v1/stories/{before['id']}").json()
        assert report["framing"]["blindspot"] is None
        pipeline.import_outlets(EXAMPLES / "outlets.toml", store)  # as `manysides outlets import`
        (after,) = app.get("/api/v1/stories").json()["stories"]
        assert after["coverage"] == {"center": 2, "right": 1} and after["blindspot"] == "left"
        assert app.get(f"/api/v1/stories/{before['id']}").json()["framing"]["blindspot"] == "left"
        assert "Blindspot: left" in app.get("/").text
