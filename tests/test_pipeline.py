"""End to end: files → store → stories → reports, on the invented 4-article test story."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from manysides import pipeline
from manysides.errors import ConfigError, NotFound
from manysides.ingest import ingest_paths
from manysides.settings import Settings
from manysides.store import Store

CORPUS = Path(__file__).parent / "corpus" / "story"
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/manysides/render/report.schema.json").read_text()
)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'p.db'}") as opened:
        yield opened


def titles_by_event(store: Store) -> list[list[str]]:
    grouping = store.grouping()
    return sorted(
        sorted(a.title for a in store.get_articles(e.article_ids)) for e in grouping.events
    )


def test_analyze_writes_index_and_reports(store: Store, tmp_path: Path) -> None:
    result = pipeline.analyze([CORPUS], tmp_path / "out", store, Settings())
    assert len(result.ingest.added) == 4 and result.ingest.problems == ()
    assert titles_by_event(store) == [
        [
            "Council cuts off east side with bridge shutdown",
            "Eldham council votes to close Gannet Street bridge",
        ],
        [
            "Inspectors: bridge was safe for cars all along",
            "State inspectors say Gannet Street bridge can reopen to light traffic",
        ],
    ]
    index = json.loads(result.index_file.read_text())
    assert index["schema"] == "manysides.index/1"
    assert len(index["storylines"]) == 1 and len(index["storylines"][0]["events"]) == 2
    for entry in index["storylines"][0]["events"]:
        doc = json.loads((tmp_path / "out" / entry["report"]).read_text())
        jsonschema.validate(doc, SCHEMA)
        assert (tmp_path / "out" / entry["html"]).read_text().startswith("<!doctype html>")
        assert (
            (tmp_path / "out" / entry["markdown"])
            .read_text()
            .startswith(f"# {doc['story']['title']}")
        )
        assert_summary_cites_real_sentences(doc)


def assert_summary_cites_real_sentences(doc: dict) -> None:
    articles = {a["id"]: a for a in doc["articles"]}
    assert doc["summary"]
    for sentence in doc["summary"]:
        cited_texts = []
        for citation in sentence["citations"]:
            article = articles[citation["article_id"]]
            start, end = article["sentences"][citation["sentence"]]
            cited_texts.append(article["text"][start:end])
        # Extractive: the summary sentence is (a trimmed form of) one of the cited sentences.
        assert any(_words(sentence["text"]) <= _words(text) for text in cited_texts), sentence


def _words(text: str) -> set[str]:
    return {w.strip(".,;:“”\"'()—-").lower() for w in text.split()} - {""}


def test_reingest_is_a_noop(store: Store) -> None:
    first = pipeline.ingest([CORPUS], store, Settings())
    again = pipeline.ingest([CORPUS], store, Settings())
    assert again.added == () and sorted(again.existing) == sorted(first.added)
    assert again.grouping == first.grouping


def test_an_ingest_fetches_the_web_addresses_among_its_paths(store: Store) -> None:
    import httpx

    pages = {  # the story's two bridge reports served as a feed item's page and as a page
        "https://valleyherald.example/feed": (
            "application/rss+xml",
            "<rss><channel><title>Valley Herald</title><item><title>Bridge vote</title>"
            "<link>https://valleyherald.example/bridge</link></item></channel></rss>",
        ),
        "https://valleyherald.example/bridge": ("text/plain", (CORPUS / "01_valleyherald_bridge_vote.txt").read_text()),
        "https://eastside.example/bridge": ("text/plain", (CORPUS / "02_eastsidebulletin_bridge_vote.txt").read_text()),
    }
    served = []

    def answer(request: httpx.Request) -> httpx.Response:
        served.append(str(request.url))
        kind, body = pages[str(request.url)]
        return httpx.Response(200, headers={"content-type": kind}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(answer))
    local = CORPUS / "03_valleyherald_inspection.txt"
    outcome = pipeline.ingest(
        ["https://valleyherald.example/feed", str(local), "https://eastside.example/bridge"],
        store,
        Settings(),
        client=client,
    )
    assert sorted(served) == [  # (the addresses are read together, in any order)
        "https://eastside.example/bridge",
        "https://valleyherald.example/bridge",
        "https://valleyherald.example/feed",
    ]
    assert len(outcome.added) == 3 and outcome.problems == ()
    sources = {a.source for a in store.get_articles(outcome.added)}
    assert sources == {str(local), "https://valleyherald.example/bridge", "https://eastside.example/bridge"}
    assert len(store.grouping().events) == 2  # the two bridge reports are one story
    assert not client.is_closed  # a client handed in is the caller's to close


def test_the_addresses_of_an_ingest_are_read_together_and_kept_in_order(store: Store) -> None:
    import threading

    import httpx

    files = ["03_valleyherald_inspection.txt", "01_valleyherald_bridge_vote.txt"]
    urls = [f"https://site{n}.example/story" for n in range(len(files))]
    together = threading.Barrier(len(urls), timeout=5)  # read one by one, the first waits in vain

    def answer(request: httpx.Request) -> httpx.Response:
        together.wait()
        n = urls.index(str(request.url))
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=(CORPUS / files[n]).read_text())

    client = httpx.Client(transport=httpx.MockTransport(answer))
    outcome = pipeline.ingest(urls, store, Settings(), client=client)
    assert [a.source for a in store.get_articles(outcome.added)] == urls
    assert outcome.problems == ()


def test_a_feed_ingested_again_fetches_only_its_new_items(store: Store) -> None:
    import httpx

    items = {
        "https://valleyherald.example/bridge": "01_valleyherald_bridge_vote.txt",
        "https://valleyherald.example/inspection": "03_valleyherald_inspection.txt",
    }
    listed = ["https://valleyherald.example/bridge"]
    served = []

    def answer(request: httpx.Request) -> httpx.Response:
        served.append(str(request.url))
        if str(request.url) == "https://valleyherald.example/feed":
            feed = "".join(f"<item><title>Item</title><link>{link}</link></item>" for link in listed)
            return httpx.Response(
                200, headers={"content-type": "application/rss+xml"},
                text=f"<rss><channel><title>Valley Herald</title>{feed}</channel></rss>",
            )
        body = (CORPUS / items[str(request.url)]).read_text()
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(answer))
    feed = ["https://valleyherald.example/feed"]
    first = pipeline.ingest(feed, store, Settings(), client=client)
    listed.insert(0, "https://valleyherald.example/inspection")  # a new item on top
    served.clear()
    second = pipeline.ingest(feed, store, Settings(), client=client)
    assert served == ["https://valleyherald.example/feed", "https://valleyherald.example/inspection"]
    assert len(second.added) == 1 and second.existing == first.added
    served.clear()
    again = pipeline.ingest(feed, store, Settings(), client=client, refetch=True)
    assert served == feed + listed  # corrections are picked up on request
    assert again.added == () and sorted(again.existing) == sorted(first.added + second.added)


def test_an_unchanged_feed_costs_one_conditional_request(store: Store) -> None:
    import httpx

    feed = "https://valleyherald.example/feed"
    page = "https://valleyherald.example/bridge"
    asked = []

    def answer(request: httpx.Request) -> httpx.Response:
        url, condition = str(request.url), request.headers.get("if-none-match")
        asked.append((url, condition))
        if url == feed and condition == 'W/"7"':
            return httpx.Response(304)
        if url == feed:
            return httpx.Response(
                200, headers={"content-type": "application/rss+xml", "etag": 'W/"7"'},
                text=f"<rss><channel><item><title>Bridge</title><link>{page}</link></item></channel></rss>",
            )
        return httpx.Response(200, headers={"content-type": "text/plain"},
                              text=(CORPUS / "01_valleyherald_bridge_vote.txt").read_text())

    client = httpx.Client(transport=httpx.MockTransport(answer))
    first = pipeline.ingest([feed], store, Settings(), client=client)
    assert asked == [(feed, None), (page, None)] and len(first.added) == 1
    asked.clear()
    second = pipeline.ingest([feed], store, Settings(), client=client)
    assert asked == [(feed, 'W/"7"')]
    assert second.added == () and second.existing == first.added  # analyze still reports it
    asked.clear()
    pipeline.ingest([feed], store, Settings(), client=client, refetch=True)
    assert asked == [(feed, None), (page, None)]


def test_an_opml_subscription_list_ingests_each_feed_it_names(store: Store, tmp_path: Path) -> None:
    import httpx

    feeds = {
        "https://valleyherald.example/feed": "https://valleyherald.example/bridge",
        "https://eastside.example/rss": "https://eastside.example/bridge",
    }
    pages = {
        "https://valleyherald.example/bridge": "01_valleyherald_bridge_vote.txt",
        "https://eastside.example/bridge": "02_eastsidebulletin_bridge_vote.txt",
    }
    served = []

    def answer(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        served.append(url)
        if url in feeds:
            item = f"<item><title>Bridge</title><link>{feeds[url]}</link></item>"
            return httpx.Response(200, headers={"content-type": "application/rss+xml"},
                                  text=f"<rss><channel>{item}</channel></rss>")
        return httpx.Response(200, headers={"content-type": "text/plain"},
                              text=(CORPUS / pages[url]).read_text())

    subscriptions = tmp_path / "Subscriptions.OPML"
    subscriptions.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>'
        '<outline text="Local"><outline text="Valley Herald" type="rss" '
        'xmlUrl="https://valleyherald.example/feed"/>'
        '<outline text="Eastside" xmlUrl="https://eastside.example/rss"/></outline>'
        '<outline text="Again" xmlUrl="https://valleyherald.example/feed"/>'
        '<outline text="Not on the web" xmlUrl="file:///etc/feed.xml"/>'
        "</body></opml>"
    )
    broken = tmp_path / "old.opml"
    broken.write_text("<opml><body><outline text='No address'/></body></opml>")
    client = httpx.Client(transport=httpx.MockTransport(answer))
    outcome = pipeline.ingest([str(broken), str(subscriptions)], store, Settings(), client=client)
    assert sorted(served) == [
        "https://eastside.example/bridge", "https://eastside.example/rss",
        "https://valleyherald.example/bridge", "https://valleyherald.example/feed",
    ]
    assert len(outcome.added) == 2
    assert [str(p) for p in outcome.problems] == [
        f"error: {broken}: OPML list names no http(s) feed"
    ]
    assert len(store.grouping().events) == 1  # the two bridge reports are one story


def test_index_catches_up_after_an_interrupted_run(store: Store) -> None:
    articles = ingest_paths([CORPUS], Settings()).articles
    store.add_articles(articles)  # stored, but the run died before indexing
    assert store.grouping().events == ()
    grouping = pipeline.update_index(store)
    assert sorted(len(e.article_ids) for e in grouping.events) == [2, 2]
    assert pipeline.update_index(store) == grouping  # nothing new: unchanged


def test_grouping_tells_its_progress_page_by_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[tuple[str, int, int]] = []
    pipeline.ingest([CORPUS], store, Settings(), progress=lambda *told: heard.append(told))
    count = store.count_articles()
    once = [
        (pipeline.GROUPING, count, count),
        (pipeline.GROUPING, 1, 1),
        (pipeline.LINKING, 0, 1),
        (pipeline.LINKING, 1, 1),
    ]
    assert count == 4 and heard == once
    heard.clear()
    pages = pipeline._pages
    monkeypatch.setattr(pipeline, "_pages", lambda sequenced: pages(sequenced, 3))
    pipeline.rebuild_index(store, Settings(), lambda *told: heard.append(told))
    assert heard == [(pipeline.GROUPING, 3, 4), *once]
    heard.clear()
    pipeline.ingest([CORPUS], store, Settings(), progress=lambda *told: heard.append(told))
    assert heard == []  # nothing new to group


def test_a_publication_date_in_the_future_is_left_out_with_a_warning(
    store: Store, tmp_path: Path
) -> None:
    import json
    from datetime import UTC, datetime, timedelta

    soon = datetime.now(UTC) + timedelta(hours=20)  # a zone ahead of UTC: still honest
    records = [
        {"title": "Ferry fares", "text": "The ferry board raised fares by a tenth on Monday.",
         "date": "2050-09-30"},
        {"title": "Dock repairs", "text": "Crews began repairs on the east dock this week.",
         "date": soon.isoformat()},
    ]
    feed = tmp_path / "wire.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    outcome = pipeline.ingest([feed], store, Settings())
    assert [str(p) for p in outcome.problems] == [
        f"warning: {feed}:1: publication date 2050-09-30 is in the future; left out"
    ]
    stored = {a.title: a.published for a in store.iter_articles()}
    assert stored["Ferry fares"] is None
    assert stored["Dock repairs"] == soon
    assert len(outcome.added) == 2


def test_report_cache_round_trip(store: Store) -> None:
    grouping = pipeline.ingest([CORPUS], store, Settings()).grouping
    story = grouping.events[0].id
    store.put_report(story, "0.0.1-0123456789ab-w100", "{}")  # made by older code
    doc = pipeline.cached_report_doc(store, story, Settings())
    epoch = pipeline.prior_epoch(store.last_seq())
    assert store.get_report(story, pipeline.report_version(Settings(), epoch)) is not None
    assert store.get_report(story, "0.0.1-0123456789ab-w100") is None
    assert pipeline.cached_report_doc(store, story, Settings()) == doc


def test_rebuilding_the_index_groups_every_article_again_by_the_current_rules(
    store: Store, tmp_path: Path
) -> None:
    import struct

    from manysides.cluster import StoryIndex

    with Store.open(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        expected = pipeline.ingest([CORPUS], fresh, Settings()).grouping
    assert len(expected.events) == 2
    # a store whose saved index joined everything (as an index of older rules might have)
    pipeline.ingest([CORPUS], store, Settings())
    old = StoryIndex(event_threshold=0.0)
    old.add_many(store.get_articles([a.id for a in store.iter_articles()]))
    assert len(old.grouping().events) == 1
    store.save_grouping(old.grouping())
    last = struct.pack(">Q", store.last_seq())
    store.put_state(pipeline.INDEX_STATE_KEY, last + old.to_bytes(texts=False))
    story = old.grouping().events[0].id
    pipeline.cached_report_doc(store, story, Settings())
    assert pipeline.update_index(store).events == old.grouping().events  # it keeps its events
    web_live = pipeline.LiveIndex(index=old, seen=store.last_seq())  # as a running web app holds it
    rebuilt = pipeline.rebuild_index(store, Settings())
    assert rebuilt == expected and store.grouping() == expected
    assert store.get_report(story, pipeline.report_version(Settings(), pipeline.prior_epoch(store.last_seq()))) is None
    # the saved index is the new one: the next ingest goes on from it, and so does one
    # through an index a running web app loaded before (it would save the old events again)
    (tmp_path / "museum.txt").write_text(UNRELATED)
    grown = pipeline.ingest([tmp_path / "museum.txt"], store, Settings()).grouping
    assert len(grown.events) == 3 and set(expected.events) < set(grown.events)
    (tmp_path / "museum-2.txt").write_text(UNRELATED.replace("Saturday", "Sunday, again"))
    article = next(iter(ingest_paths([tmp_path / "museum-2.txt"]).articles))
    later = pipeline.store_articles([article], [], store, None, web_live).grouping
    assert len(later.events) == 3 and {e.id for e in grown.events} <= {e.id for e in later.events}


def test_the_id_of_a_story_that_merged_leads_to_the_story_it_merged_into(store: Store) -> None:
    from manysides.model import Event, Grouping, Storyline

    pipeline.ingest([CORPUS], store, Settings())
    first, second, third, fourth = (a.id for a in store.iter_articles())
    apart = Grouping(
        events=(Event(f"e-{first}", (first,)), Event(f"e-{second}", (second,)), Event(f"e-{third}", (third, fourth))),
        storylines=(Storyline(f"s-{first}", (f"e-{first}",)), Storyline(f"s-{second}", (f"e-{second}", f"e-{third}"))),
    )
    store.save_grouping(apart)
    assert pipeline.moved_id(store, f"e-{second}") is None  # still a story of its own
    merged = Grouping(
        events=(Event(f"e-{first}", (first, second)), Event(f"e-{third}", (third, fourth))),
        storylines=(Storyline(f"s-{first}", (f"e-{first}", f"e-{third}")),),
    )
    store.save_grouping(merged)
    assert pipeline.moved_id(store, f"e-{second}") == f"e-{first}"
    assert pipeline.moved_id(store, f"s-{second}") == f"s-{first}"
    assert pipeline.moved_id(store, f"e-{fourth}") == f"e-{third}"  # any of its articles' ids
    assert pipeline.moved_id(store, f"e-{first}") is None  # in use: nothing moved
    for unknown in ("e-0000000000000000", "e-", "x-" + second, second, ""):
        assert pipeline.moved_id(store, unknown) is None


UNRELATED = """outlet: Harbor Ledger
date: 2024-09-14

Lighthouse keepers' museum opens on Skerry Point

SKERRY POINT — A museum devoted to the lighthouse keepers who lived on Skerry Point opened
on Saturday in the old fog-signal house, with logbooks, lamps and a restored kitchen.

Curator Ines Varga said volunteers spent three winters cataloguing the keepers' letters.
"""


def test_an_ingest_drops_the_cached_reports_of_the_stories_it_changed_only(
    store: Store, tmp_path: Path
) -> None:
    grouping = pipeline.ingest([CORPUS], store, Settings()).grouping
    bridge_stories = {e.id for e in grouping.events}
    for story in bridge_stories:
        store.put_report(story, "kept-until-stale", "{}")
    unrelated = tmp_path / "museum.txt"
    unrelated.write_text(UNRELATED)
    after = pipeline.ingest([unrelated], store, Settings()).grouping
    (museum,) = {e.id for e in after.events} - bridge_stories
    store.put_report(museum, "kept-until-stale", "{}")
    # the bridge stories, their storyline and copies unchanged: their reports still hold
    assert all(store.get_report(s, "kept-until-stale") == "{}" for s in bridge_stories)
    # a second telling of the council vote joins its story, in the bridge storyline: both
    # bridge stories show it (one as a member, the other as a related event's size)
    vote = (CORPUS / "01_valleyherald_bridge_vote.txt").read_text()
    retold = tmp_path / "retold.txt"
    retold.write_text(
        vote.replace("Valley Herald", "Gull Coast Times").replace("5-2 on Thursday", "5 to 2")
    )
    pipeline.ingest([retold], store, Settings())
    assert [store.get_report(s, "kept-until-stale") for s in sorted(bridge_stories)] == [
        None,
        None,
    ]
    assert store.get_report(museum, "kept-until-stale") == "{}"


def test_a_cached_report_is_rebuilt_once_the_corpus_grew_by_the_prior_drift() -> None:
    assert pipeline.prior_epoch(0) == pipeline.prior_epoch(1) == 0
    assert pipeline.prior_epoch(19) != pipeline.prior_epoch(20)  # 5% of a small corpus
    for size in (10_000, 75_000):
        # under 5% more articles cross at most one boundary; 5% more always cross one
        assert len({pipeline.prior_epoch(n) for n in range(size, int(size * 1.049))}) <= 2
        assert pipeline.prior_epoch(int(size * 1.051)) > pipeline.prior_epoch(size)


def test_cached_reports_are_keyed_by_the_code_that_made_them(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "stage.py").write_text("WEIGHT = 1\n")
    (tmp_path / "data" / "words.toml").write_text("[loaded]\n")
    first = pipeline.folder_fingerprint(tmp_path)
    assert len(first) == 12 and int(first, 16) >= 0
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "stage.cpython-311.pyc").write_bytes(b"\x00compiled")
    (tmp_path / "notes.txt").write_text("not code")
    assert pipeline.folder_fingerprint(tmp_path) == first  # bytecode and other files: no
    (tmp_path / "data" / "words.toml").write_text("[loaded]\nrogue = 1\n")
    assert pipeline.folder_fingerprint(tmp_path) != first  # a lexicon change: stale
    version = pipeline.report_version(Settings(summary_words=120), 7)
    assert version.endswith(f"-{pipeline.code_fingerprint()}-p7-w120")


class _WordHashEncoder:
    """Stands in for the sentence encoder: a unit vector of hashed title and lead words."""

    def embed(self, article):
        import zlib

        import numpy as np

        vector = np.zeros(32)
        for word in f"{article.title} {article.text}".lower().split()[:60]:
            vector[zlib.crc32(word.encode()) % 32] += 1.0
        return vector / max(np.linalg.norm(vector), 1e-9)


def test_embeddings_setting_builds_a_dense_index_that_keeps_its_mode(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pipeline, "_encoder", _WordHashEncoder)
    dense = Settings(embeddings=True)
    outcome = pipeline.ingest([CORPUS], store, dense)
    assert len(outcome.added) == 4
    assert store.get_state(pipeline.INDEX_MODE_KEY) == b"dense"
    assert pipeline.ingest([CORPUS], store, dense).grouping == outcome.grouping
    with pytest.raises(
        ConfigError, match="built with embeddings on, but the setting embeddings is off"
    ):
        pipeline.ingest([CORPUS], store, Settings())


def test_a_sparse_store_refuses_embeddings_before_storing_anything(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.ingest([CORPUS], store, Settings())
    assert store.get_state(pipeline.INDEX_MODE_KEY) == b"sparse"
    monkeypatch.setattr(pipeline, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pipeline, "_encoder", _WordHashEncoder)
    extra = ingest_paths([CORPUS], Settings()).articles[:1]
    extra = [replace(extra[0], id="new-article", text=extra[0].text + " One more line.")]
    with pytest.raises(ConfigError, match="built with embeddings off"):
        pipeline.store_articles(
            extra, (), store, pipeline.story_embedder(Settings(embeddings=True))
        )
    with pytest.raises(NotFound):
        store.get_articles(["new-article"])


def test_embeddings_without_the_extra_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        pipeline, "unavailable_reason", lambda: "the embeddings extra is not installed"
    )
    with pytest.raises(
        ConfigError, match="setting embeddings: the embeddings extra is not installed"
    ):
        pipeline.story_embedder(Settings(embeddings=True))
    assert pipeline.story_embedder(Settings()) is None


def test_a_later_ingest_finds_a_passage_it_shares_with_a_stored_article(store: Store) -> None:
    import zlib

    from conftest import tier1_corpus
    from manysides.model import Article
    from manysides.text import content_id

    _, articles = tier1_corpus()
    source = articles["karrow_ash"]
    pipeline.store_articles([source, articles["elsin_strike_wire"]], [], store)
    saved = zlib.decompress(store.get_state(pipeline.INDEX_STATE_KEY)[8:])
    assert source.text.encode() not in saved  # the store holds the texts, not the index
    paragraph = source.text.split("\n\n")[1]
    column_text = "\n\n".join(
        [
            "Our columnist looks back at a week on the island and at the report that started it.",
            paragraph,
            "Whatever the geologists conclude, the ferries will decide when life returns.",
        ]
    )
    column = Article(id=content_id(column_text), text=column_text, outlet="Island Weekly")
    grouping = pipeline.store_articles([column], [], store).grouping
    (passage,) = grouping.shared_passages
    assert (passage.article_id, passage.other_id) == (column.id, source.id)
    assert column_text[passage.start : passage.end] in paragraph
    assert source.text[passage.other_start : passage.other_end] == column_text[passage.start : passage.end]


def _tier1_articles() -> list:
    from conftest import tier1_corpus

    rows, articles = tier1_corpus()
    return [articles[row["key"]] for row in rows]


def _lagging_snapshot(
    store: Store, monkeypatch: pytest.MonkeyPatch, articles: list, first: int
) -> bytes:
    """Store ``articles[:first]``, then one more: the saved index (rewritten once it lacks
    40% of the articles) still holds the first ``first``; it is returned."""
    monkeypatch.setattr(pipeline, "SNAPSHOT_SHARE", 0.4)
    pipeline.store_articles(articles[:first], [], store)
    saved = store.get_state(pipeline.INDEX_STATE_KEY)
    pipeline.store_articles(articles[first : first + 1], [], store)  # lacks 1: not rewritten
    assert store.get_state(pipeline.INDEX_STATE_KEY) == saved
    return saved


def test_a_lagging_saved_index_is_caught_up_from_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from manysides.cluster import group_articles

    articles = _tier1_articles()
    saved = _lagging_snapshot(store, monkeypatch, articles, 4)
    # the next ingest loads the 4-article index, feeds the fifth again, then the new ones
    grouping = pipeline.store_articles(articles[5:], [], store).grouping
    assert grouping == group_articles(articles)
    assert store.grouping() == grouping
    assert store.get_state(pipeline.INDEX_STATE_KEY) != saved  # 3 of 7: rewritten
    assert pipeline.update_index(store) == grouping  # nothing new: the same


def test_a_saved_index_in_an_older_format_is_written_again_by_the_next_ingest(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle
    import struct
    import zlib

    import numpy as np

    from manysides.cluster import INDEX_FORMAT, StoryIndex, group_articles
    from manysides.dedupe import safe_loads

    articles = _tier1_articles()
    saved = _lagging_snapshot(store, monkeypatch, articles, 5)
    state = safe_loads(zlib.decompress(saved[8:]))
    hashes, firsts = state["deduper"]["anchors"]
    # the same index as format 2 saved it: the anchors as one dict
    state["format"] = 2
    keys, values = np.frombuffer(hashes, np.uint32), np.frombuffer(firsts, np.int32)
    state["deduper"]["anchors"] = dict(zip(keys.tolist(), values.tolist(), strict=True))
    older = saved[:8] + zlib.compress(pickle.dumps(state, protocol=5))
    store.put_state(pipeline.INDEX_STATE_KEY, older)
    grouping = pipeline.store_articles(articles[6:7], [], store).grouping  # lacks 2 of 7
    assert grouping == group_articles(articles[:7])
    rewritten = store.get_state(pipeline.INDEX_STATE_KEY)
    assert struct.unpack(">Q", rewritten[:8])[0] == 7  # written again, with all seven
    loaded = StoryIndex.from_bytes(rewritten[8:], text_source=lambda ids: {})
    assert loaded.loaded_format == INDEX_FORMAT and len(loaded) == 7


def test_a_live_index_is_not_loaded_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.cluster import group_articles

    articles = _tier1_articles()
    live = pipeline.LiveIndex()
    pipeline.store_articles(articles[:3], [], store, live=live)
    assert live.index is not None and len(live.index) == 3 and live.snapshot == 3

    def no_load(*_args: object) -> None:
        raise AssertionError("the live index was loaded again")

    monkeypatch.setattr(pipeline, "_load_index", no_load)
    grouping = pipeline.store_articles(articles[3:], [], store, live=live).grouping
    assert grouping == group_articles(articles) == store.grouping()
    assert live.seen == store.last_seq() and len(live.index) == len(articles)


def test_an_ingest_with_nothing_new_does_not_load_the_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    grouping = pipeline.ingest([CORPUS], store, Settings()).grouping

    def no_load(*_args: object) -> None:
        raise AssertionError("the index was loaded for nothing new")

    monkeypatch.setattr(pipeline, "_load_index", no_load)
    again = pipeline.ingest([CORPUS], store, Settings())
    assert again.added == () and len(again.existing) == 4 and again.grouping == grouping
