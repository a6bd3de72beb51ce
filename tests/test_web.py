"""The web app and JSON API through FastAPI's TestClient, on the invented test story corpus."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from manysides import pipeline
from manysides.settings import Settings
from manysides.store import Store
from manysides.web import create_app
from manysides.web.app import sentence_roles

CORPUS = Path(__file__).parent / "corpus" / "story"
SCHEMA = json.loads((Path(__file__).parents[1] / "src/manysides/render/report.schema.json").read_text())
KEY = "test-key-123"


@pytest.fixture(scope="module")
def app_store(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("web") / "web.db"
    settings = Settings(db=f"sqlite:///{db}", api_key=KEY, api_max_body_bytes=20_000)
    store = Store.open(settings.db)
    pipeline.ingest([CORPUS], store, settings)
    yield create_app(settings, store), store
    store.close()


@pytest.fixture(scope="module")
def client(app_store) -> TestClient:
    return TestClient(app_store[0])


@pytest.fixture(scope="module")
def bridge_story(client: TestClient) -> dict:
    """The council-vote story: its two articles carry boilerplate that cleaning removed."""
    stories = client.get("/api/v1/stories", params={"since": "2024-09-01", "until": "2024-09-30"}).json()["stories"]
    assert len(stories) == 1
    return stories[0]


def test_story_list_api(client: TestClient) -> None:
    body = client.get("/api/v1/stories").json()
    assert body["total"] == 2
    assert sorted(s["articles"] for s in body["stories"]) == [2, 2]
    assert {tuple(sorted(s["outlets"])) for s in body["stories"]} == {("Eastside Bulletin", "Valley Herald")}


def test_story_filters(client: TestClient, bridge_story: dict) -> None:
    assert client.get("/api/v1/stories", params={"q": "inspectors"}).json()["total"] == 1
    # words of the articles' text, in any order, stemmed ("drivers" finds "driver"): before,
    # the query had to be a piece of a headline as typed
    by_text = client.get("/api/v1/stories", params={"q": "driver detour Okafor"}).json()
    assert [s["id"] for s in by_text["stories"]] == [bridge_story["id"]]
    assert client.get("/api/v1/stories", params={"q": "detour zeppelin"}).json()["total"] == 0
    assert client.get("/api/v1/stories", params={"outlet": "Nobody Times"}).json()["total"] == 0
    assert client.get("/api/v1/stories", params={"since": "2024-11-01"}).json()["total"] == 1
    bad = client.get("/api/v1/stories", params={"since": "yesterday"})
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"


def test_story_report_is_the_contract(client: TestClient, bridge_story: dict) -> None:
    doc = client.get(f"/api/v1/stories/{bridge_story['id']}").json()
    jsonschema.validate(doc, SCHEMA)
    assert doc["story"]["id"] == bridge_story["id"]
    assert len(doc["articles"]) == 2
    sentences = {(a["id"], i) for a in doc["articles"] for i in range(len(a["sentences"]))}
    cited = {(c["article_id"], c["sentence"]) for s in doc["summary"] for c in s["citations"]}
    assert doc["summary"] and cited <= sentences


def test_unknown_story_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/v1/stories/e-nope")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not found"
    assert client.get("/stories/e-nope").status_code == 404


def test_the_id_of_a_story_that_merged_redirects_to_the_story_it_merged_into(app_store, client: TestClient) -> None:
    # A story's id is "e-" and the id of the article that started it; when it merges into
    # another, that article is in the other: an old link still leads to it, query and all.
    grouping = app_store[1].grouping()
    story = grouping.events[0]
    later = next(a for a in story.article_ids if f"e-{a}" != story.id)
    page = client.get(f"/stories/e-{later}?from=feed", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/stories/{story.id}?from=feed"
    api = client.get(f"/api/v1/stories/e-{later}", follow_redirects=False)
    assert api.status_code == 307 and api.headers["location"] == f"/api/v1/stories/{story.id}"
    assert client.get(f"/api/v1/stories/e-{later}").json()["story"]["id"] == story.id
    (line,) = (s for s in grouping.storylines if story.id in s.event_ids)
    for prefix in ("", "/api/v1"):
        moved = client.get(f"{prefix}/storylines/s-{later}", follow_redirects=False)
        assert moved.status_code == 307 and moved.headers["location"] == f"{prefix}/storylines/{line.id}"
    assert client.get(f"/stories/s-{later}", follow_redirects=False).status_code == 404  # no story's id
    assert client.get(f"/stories/e-{later}x").status_code == 404


def test_story_page_has_every_section(client: TestClient, bridge_story: dict) -> None:
    html = client.get(f"/stories/{bridge_story['id']}").text
    for heading in ("Summary", "What each outlet reports", "Who said what", "Numbers across outlets", "Articles"):
        assert f"<h2>{heading}</h2>" in html
    assert 'class="cite"' in html and "data-sentence=" in html
    assert "https://" not in html.split("<main")[0]  # head loads nothing remote
    # One document in the site layout: the report body is not a second page inside it.
    assert html.count("<!doctype html>") == 1 and html.count("<style>") == 1
    assert html.count("Citations open the cited sentence") == 1  # story.js included once
    assert '<a href="/stories/' in html  # the storyline's other event links to its page


def test_home_and_outlet_pages(client: TestClient) -> None:
    home = client.get("/", params={"q": "bridge"})
    assert home.status_code == 200 and "2 stories" in home.text
    outlet = client.get("/outlets/Valley Herald")
    assert outlet.status_code == 200 and "2 stories with coverage from Valley Herald" in outlet.text
    assert client.get("/outlets/Nobody Times").status_code == 404


def test_article_page_and_api(client: TestClient, bridge_story: dict) -> None:
    doc = client.get(f"/api/v1/stories/{bridge_story['id']}").json()
    with_removed = next(a for a in doc["articles"] if a["removed"])
    article = client.get(f"/api/v1/articles/{with_removed['id']}").json()
    assert article["story_id"] == bridge_story["id"]
    assert article["removed"] == with_removed["removed"]
    page = client.get(f"/articles/{with_removed['id']}").text
    assert "Removed boilerplate" in page and with_removed["removed"][0]["reason"] in page
    assert "cited in summary" in page


def test_search(client: TestClient, app_store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = app_store[1]
    searches: list[str] = []
    for name in ("matching_article_ids", "search_articles"):
        method = getattr(store, name)
        monkeypatch.setattr(store, name, lambda q, *a, _m=method, **k: searches.append(q) or _m(q, *a, **k))
    body = client.get("/api/v1/search", params={"q": "Gannet"}).json()
    assert searches == ["Gannet"]  # one full-text search gives both the stories and the articles
    newest_first = [a.id for a in store.search_articles("Gannet")]
    assert len(body["stories"]) == 2
    assert [a["id"] for a in body["articles"]] == newest_first and len(newest_first) == 4


def test_openapi_document(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles", "/api/v1/search"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/v1/articles"]


NEW_ARTICLE = {
    "title": "Gannet Street bridge reopens one lane",
    "outlet": "Valley Herald",
    "url": "https://valleyherald.example/2024/11/27/bridge-lane",
    "date": "2024-11-27",
    "text": "One lane of the Gannet Street bridge reopened to light traffic on Tuesday, the town said.\n\n"
    "Trucks remain banned while repairs to two corroded beams continue through the winter.",
}


def test_post_requires_the_key(client: TestClient) -> None:
    assert client.post("/api/v1/articles", json=NEW_ARTICLE).status_code == 401
    wrong = client.post("/api/v1/articles", json=NEW_ARTICLE, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401 and wrong.headers["content-type"] == "application/problem+json"


def test_post_validation_errors(client: TestClient) -> None:
    headers = {"X-API-Key": KEY}
    assert client.post("/api/v1/articles", content=b"{not json", headers={**headers, "content-type": "application/json"}).status_code == 400
    assert client.post("/api/v1/articles", json={"title": "no text"}, headers=headers).status_code == 422
    assert client.post("/api/v1/articles", content=b"x" * 30_000, headers={**headers, "content-type": "application/json"}).status_code == 413
    assert client.post("/api/v1/articles", content=b"plain", headers={**headers, "content-type": "text/plain"}).status_code == 415


def test_post_ingests_once(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'post.db'}", api_key=KEY)
    with Store.open(settings.db) as store, TestClient(create_app(settings, store)) as fresh:
        first = fresh.post("/api/v1/articles", json=NEW_ARTICLE, headers={"Authorization": f"Bearer {KEY}"})
        again = fresh.post("/api/v1/articles", json=NEW_ARTICLE, headers={"X-API-Key": KEY})
        assert first.status_code == 201 and first.json()["created"] is True
        assert again.status_code == 201 and again.json()["created"] is False
        assert again.json()["id"] == first.json()["id"] and first.json()["story_id"]
        assert first.json()["warnings"] == []
        assert fresh.get("/api/v1/stories").json()["total"] == 1
        misdated = {**NEW_ARTICLE, "text": NEW_ARTICLE["text"] + " More later.", "date": "2099-01-01"}
        later = fresh.post("/api/v1/articles", json=misdated, headers={"X-API-Key": KEY})
        assert later.json()["warnings"] == ["publication date 2099-01-01 is in the future; left out"]
        assert store.get_articles([later.json()["id"]])[0].published is None


def test_writes_disabled_without_a_configured_key(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'nokey.db'}")
    with Store.open(settings.db) as store, TestClient(create_app(settings, store)) as fresh:
        response = fresh.post("/api/v1/articles", json=NEW_ARTICLE, headers={"X-API-Key": ""})
        assert response.status_code == 403


def test_sentence_roles_of_one_article() -> None:
    doc = {
        "summary": [{"citations": [{"article_id": "a1", "sentence": 0}, {"article_id": "b2", "sentence": 4}]}],
        "quotes": [{"variants": [{"article_id": "a1", "sentence": 2}, {"article_id": "a1", "sentence": 0}]}],
        "framing": {
            "loaded": [{"article_id": "a1", "sentence": 3}, {"article_id": "b2", "sentence": 1}],
            "biased": [{"article_id": "a1", "sentence": 3}, {"article_id": "a1", "sentence": 5}],
        },
    }
    assert sentence_roles(doc, "a1") == {
        0: ["cited in summary", "quote"],
        2: ["quote"],
        3: ["loaded", "biased"],
        5: ["biased"],
    }
    del doc["framing"]["biased"]  # a report cached before sentence bias existed
    assert sentence_roles(doc, "b2") == {4: ["cited in summary"], 1: ["loaded"]}


def test_concurrent_requests_build_the_listing_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from manysides.web import services as services_module
    from manysides.web.services import Services

    settings = Settings(db=f"sqlite:///{tmp_path / 'l.db'}")
    with Store.open(settings.db) as store:
        pipeline.ingest([CORPUS], store, settings)
        builds: list[int] = []
        entered = threading.Event()
        release = threading.Event()
        real_build = services_module.build_listing

        def slow_build(*args):
            builds.append(1)
            entered.set()
            release.wait(5)
            return real_build(*args)

        monkeypatch.setattr(services_module, "build_listing", slow_build)
        svc = Services(settings, store)
        with ThreadPoolExecutor(4) as pool:
            first = pool.submit(svc.listing)
            assert entered.wait(5)
            others = [pool.submit(svc.listing) for _ in range(3)]
            time.sleep(0.2)  # let them reach the listing while the first build is held
            release.set()
            listings = [first.result(), *(f.result() for f in others)]
        assert len(builds) == 1
        assert all(listing is listings[0] for listing in listings)
        assert len(listings[0].cards) == 2


def test_front_page_lists_sixty_stories_a_page_and_keeps_the_filters(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from manysides.model import Article, Event, Grouping, Storyline

    day = datetime(2025, 1, 1, tzinfo=UTC)
    articles = [
        Article(
            id=f"a{n:03d}",
            text=f"{'Ferry' if n % 2 else 'Harbour'} notice {n}.",
            title=f"{'Ferry' if n % 2 else 'Harbour'} notice {n:03d}",
            outlet="Desk",
            published=day + timedelta(days=n),
        )
        for n in range(130)
    ]
    events = tuple(Event(f"e-{a.id}", (a.id,), a.title) for a in articles)
    grouping = Grouping(events, tuple(Storyline(f"s-{e.id}", (e.id,), e.label) for e in events))
    settings = Settings(db=f"sqlite:///{tmp_path / 'paged.db'}")
    with Store.open(settings.db) as store:
        store.add_articles(articles)
        store.save_grouping(grouping)
        client = TestClient(create_app(settings, store))
        first = client.get("/").text
        # newest first: notices 129 down to 70, then 69 down to 10, then 9 down to 0
        assert "notice 129" in first and "notice 070" in first and "notice 069" not in first
        assert "130 stories · page 1 of 3" in first
        assert 'href="/?page=2">Next page' in first and "Previous page" not in first
        last = client.get("/", params={"page": 3}).text
        assert "notice 009" in last and "notice 000" in last and "notice 010" not in last
        assert 'href="/?page=2">← Previous page' in last and "Next page" not in last
        ferries = client.get("/", params={"q": "ferry"}).text  # 65 stories
        assert "65 stories · page 1 of 2" in ferries and 'href="/?q=ferry&amp;page=2"' in ferries
        beyond = client.get("/", params={"page": 4})
        assert beyond.status_code == 404 and "no page 4: the stories fill 3 pages" in beyond.text
        # an outlet's page is paged the same way (before, all its stories made one page)
        desk = client.get("/outlets/Desk").text
        assert "130 stories with coverage from Desk · page 1 of 3" in desk
        assert "notice 070" in desk and "notice 069" not in desk
        assert 'href="/outlets/Desk?page=2">Next page' in desk and 'href="/feed.atom?outlet=Desk"' in desk
        desk_last = client.get("/outlets/Desk", params={"page": 3}).text
        assert "notice 000" in desk_last and 'href="/outlets/Desk?page=2">← Previous page' in desk_last
        assert client.get("/outlets/Desk", params={"page": 4}).status_code == 404
