"""The store, run the same way against SQLite and a throwaway PostgreSQL cluster."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from manysides.errors import NotFound, StoreError
from manysides.model import (
    Article,
    Duplicate,
    Event,
    FeedState,
    Grouping,
    Removed,
    SharedPassage,
    Storyline,
)
from manysides.outlets import Outlet
from manysides.store import AddResult, Store, head_revision, schema
from manysides.store._db import HEAD_REVISION, _alembic_config, parse_url
from manysides.store.schema import compared_by_autogenerate, metadata
from manysides.store.store import _article_row
from pgserver import create_database

_databases = itertools.count()
PACIFIC = timezone(timedelta(hours=-8))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return create_database(request.getfixturevalue("pg_url"), f"store_{next(_databases)}")


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        yield opened


def article(n: int, text: str, **fields) -> Article:
    return Article(id=f"art{n:02d}", text=text, **fields)


FERRY = article(
    1,
    "The island ferry “Gull’s Rest” resumed service on Monday — Zoë Ngata, 52, said the "
    "café on board will stay closed.\nFares rise by 50% in April.",
    title="Ferry service resumes after ZÜRICH-built engine repair",
    url="https://harbor-ledger.example/ferry-resumes",
    outlet="Harbor Ledger",
    author="Mara Quill",
    published=datetime(2018, 2, 5, 23, 30, 15, 123456, tzinfo=PACIFIC),
    removed=(
        Removed("Subscribe for £1 a week", "subscription"),
        Removed("Share on 東京", "social"),
    ),
    source="/corpus/harbor/ferry.html",
)
FERRY_COPY = article(
    2,
    "The island ferry Gull's Rest resumed service on Monday, the operator said.",
    title="Island ferry back in service",
    outlet="Valley Courier",
    published=datetime(2018, 2, 6, 9, 0, tzinfo=UTC),
)
BRIDGE = article(
    3,
    "Crews closed the north bridge for inspection; the zürich consultancy found no cracks.",
    title="North bridge closed for a day",
    outlet="Valley Courier",
    published=datetime(2018, 3, 1, 12, 0, tzinfo=UTC),
)
BARE = article(4, "A short note with no title, outlet or date.")


# --- schema and migrations ------------------------------------------------------------


def test_opening_migrates_an_empty_database_to_head(store_url):
    with Store.open(store_url) as store:
        assert store.revision() == head_revision() == HEAD_REVISION == "0005"
    engine = sa.create_engine(parse_url(store_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert context.get_current_revision() == "0005"
            # The migrated schema is exactly schema.py: no table, column, index or type drift
            # (full-text search objects are outside metadata, managed by migration 0002).
            options = {"include_name": compared_by_autogenerate}
            assert compare_metadata(MigrationContext.configure(connection, opts=options), metadata) == []
            tables = set(sa.inspect(connection).get_table_names())
            indexes = {i["name"] for i in sa.inspect(connection).get_indexes("articles")}
        search = {f"articles_search{suffix}" for suffix in ("", "_config", "_data", "_docsize", "_idx")}
        if store_url.startswith("sqlite"):
            assert tables == set(metadata.tables) | {"alembic_version"} | search
        else:
            assert tables == set(metadata.tables) | {"alembic_version"}
            assert "ix_articles_search" in indexes
    finally:
        engine.dispose()
    with Store.open(store_url) as again:  # reopening an up-to-date database changes nothing
        assert again.revision() == "0005"
        assert again.count_articles() == 0


def test_upgrading_from_0001_indexes_the_stored_articles_for_search(store_url):
    engine = sa.create_engine(parse_url(store_url))
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0001")
            now = datetime.now(UTC)
            rows = [_article_row(FERRY, 1, now), _article_row(BRIDGE, 2, now)]
            connection.execute(schema.articles.insert(), rows)
            connection.execute(schema.counters.update().values(value=2))
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert store.revision() == "0005"
        assert [a.id for a in store.search_articles("consultancy")] == [BRIDGE.id]
        store.add_articles([FERRY_COPY])  # new rows reach the index through its trigger
        assert [a.id for a in store.search_articles("operator")] == [FERRY_COPY.id]


def test_upgrading_from_0004_keeps_each_feed_with_no_item_given_up(store_url):
    engine = sa.create_engine(parse_url(store_url))
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "0004")
            connection.execute(
                sa.text("INSERT INTO feeds (url, etag, last_modified, links, read_at) VALUES (:u, :e, NULL, :l, :r)"),
                {"u": "https://harbor-ledger.example/rss", "e": '"v1"', "l": '["https://a.example/1"]', "r": datetime.now(UTC)},
            )
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert store.revision() == "0005"
        assert store.feed_state("https://harbor-ledger.example/rss") == FeedState(
            "https://harbor-ledger.example/rss", '"v1"', None, ("https://a.example/1",), ()
        )


def test_the_search_index_follows_edits_and_deletes(store_url):
    with Store.open(store_url) as store:
        store.add_articles([FERRY, BRIDGE])
    engine = sa.create_engine(parse_url(store_url))
    try:
        with engine.begin() as connection:
            a = schema.articles
            connection.execute(a.update().where(a.c.id == BRIDGE.id).values(text="Pier repairs."))
            connection.execute(a.delete().where(a.c.id == FERRY.id))
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert [a.id for a in store.search_articles("pier")] == [BRIDGE.id]
        assert store.search_articles("consultancy") == ()
        assert store.search_articles("ferry") == ()


def test_a_database_from_a_newer_manysides_is_refused(store_url):
    Store.open(store_url).close()
    engine = sa.create_engine(parse_url(store_url))
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="cannot migrate the database schema .*'0999'"):
        Store.open(store_url)


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path):
    with Store.open(tmp_path / "plain-path.db") as store:
        assert store.url == f"sqlite:///{tmp_path / 'plain-path.db'}"
        with store._engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_urls_are_normalized():
    assert parse_url("postgresql://u:pw@db.example/news").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@db.example/news").drivername == "postgresql+psycopg"
    assert parse_url("data/news.db").render_as_string() == "sqlite:///data/news.db"
    assert parse_url("sqlite://").database is None


# --- articles --------------------------------------------------------------------------


def test_every_article_field_round_trips(store):
    store.add_articles([FERRY, BARE])
    stored = store.get_article(FERRY.id)
    assert stored == FERRY
    assert stored.published == datetime(2018, 2, 6, 7, 30, 15, 123456, tzinfo=UTC)
    assert stored.published.utcoffset() == timedelta(0)
    assert stored.removed == (
        Removed("Subscribe for £1 a week", "subscription"),
        Removed("Share on 東京", "social"),
    )
    assert stored.text == FERRY.text and "\n" in stored.text
    bare = store.get_article(BARE.id)
    assert bare == BARE
    assert (bare.title, bare.outlet, bare.published, bare.removed) == ("", None, None, ())


def test_naive_datetimes_are_taken_as_utc(store):
    naive = article(9, "Naive date.", published=datetime(2018, 1, 1, 8, 0))
    store.add_articles([naive])
    assert store.get_article(naive.id).published == datetime(2018, 1, 1, 8, 0, tzinfo=UTC)


def test_reingesting_is_a_no_op(store):
    assert store.add_articles([FERRY, BRIDGE]) == AddResult(
        added=(FERRY.id, BRIDGE.id), existing=()
    )
    changed = Article(id=BRIDGE.id, text=BRIDGE.text, title="Another title")
    result = store.add_articles([changed, FERRY_COPY, FERRY_COPY])
    assert result == AddResult(added=(FERRY_COPY.id,), existing=(BRIDGE.id, FERRY_COPY.id))
    assert store.get_article(BRIDGE.id).title == "North bridge closed for a day"
    assert store.count_articles() == 3
    assert [seq for seq, _ in store.iter_sequenced()] == [1, 2, 3]
    assert store.add_articles([]) == AddResult()


def test_a_failing_batch_leaves_nothing_behind(store):
    store.add_articles([FERRY])
    broken = Article(id="broken", text=None)  # type: ignore[arg-type]  # NOT NULL violation
    with pytest.raises(StoreError) as caught:
        store.add_articles([FERRY_COPY, BRIDGE, broken])
    message = str(caught.value)
    assert message.startswith(store.url + ": adding 3 articles failed: ")
    assert "\n" not in message
    assert store.count_articles() == 1
    assert store.add_articles([BRIDGE]).added == (BRIDGE.id,)
    assert [(seq, a.id) for seq, a in store.iter_sequenced()] == [(1, FERRY.id), (2, BRIDGE.id)]


def test_a_failure_after_the_inserts_rolls_them_back(store):
    def fail_on_counter_update(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE COUNTERS"):
            raise RuntimeError("disk on fire")

    sa.event.listen(store._engine, "before_cursor_execute", fail_on_counter_update)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_articles([FERRY, BRIDGE])
    sa.event.remove(store._engine, "before_cursor_execute", fail_on_counter_update)
    assert store.count_articles() == 0
    assert store.add_articles([BRIDGE]) == AddResult(added=(BRIDGE.id,))
    assert store.last_seq() == 1


def test_get_articles_keeps_the_requested_order(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE])
    got = store.get_articles([BRIDGE.id, FERRY.id, BRIDGE.id])
    assert [a.id for a in got] == [BRIDGE.id, FERRY.id, BRIDGE.id]
    assert store.get_articles([]) == ()
    with pytest.raises(NotFound, match="no article with id 'missing'"):
        store.get_articles([FERRY.id, "missing"])
    with pytest.raises(NotFound):
        store.get_article("missing")


def test_article_heads_cut_the_text_and_keep_the_rest(store):
    from manysides.store.store import HEAD_CHARS

    long = replace(FERRY, id="long", text="Ferry crossings resumed. " * 20, title="")
    store.add_articles([long, BRIDGE])
    heads = store.article_heads([BRIDGE.id, "missing", long.id])
    assert [h.id for h in heads] == [BRIDGE.id, long.id]  # unknown ids left out
    assert heads[1].text == long.text[:HEAD_CHARS] and len(long.text) > HEAD_CHARS
    assert heads[1].display_title == long.display_title
    stored = store.get_article(BRIDGE.id)
    assert heads[0] == replace(stored, text=stored.text[:HEAD_CHARS], removed=())
    assert store.article_heads([]) == ()


def test_iteration_follows_ingest_order_and_resumes(store):
    many = [article(10 + i, f"Item {i} of the batch.") for i in range(7)]
    store.add_articles(many[:4])
    store.add_articles(many[4:])
    assert [a.id for a in store.iter_articles(batch_size=3)] == [a.id for a in many]
    assert [a.id for a in store.iter_articles(after_seq=5, batch_size=2)] == [
        many[5].id,
        many[6].id,
    ]
    assert list(store.iter_articles(after_seq=7)) == []
    assert store.last_seq() == 7


def test_outlet_counts(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
    counts = store.outlets()
    assert counts == {"Valley Courier": 2, "Harbor Ledger": 1, None: 1}
    assert list(counts) == ["Valley Courier", "Harbor Ledger", None]


def test_stored_at_finds_articles_by_the_address_they_were_read_from(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
    page, path = "https://harbor-ledger.example/ferry-resumes", "/corpus/harbor/ferry.html"
    assert store.stored_at([page, path, "https://harbor-ledger.example/other", page]) == {
        page: FERRY.id,  # its url
        path: FERRY.id,  # its source
    }
    assert store.stored_at([]) == {}


def test_feed_states_are_kept_replaced_and_cleared(store):
    first = FeedState("https://harbor-ledger.example/rss", '"v1"', None, ("https://a.example/1",))
    other = FeedState("https://courier.example/atom", None, "Tue, 05 Mar 2024 19:30:00 GMT", ())
    store.save_feed_states([first, other])
    assert store.feed_state(first.url) == first
    assert store.feed_state(other.url) == other
    newer = FeedState(first.url, '"v2"', "Wed, 06 Mar 2024 08:00:00 GMT", ("https://a.example/2", "https://a.example/1"))
    store.save_feed_states([newer])
    assert store.feed_state(first.url) == newer
    store.save_feed_states([FeedState(other.url, None, None, ("https://c.example/9",))])
    assert store.feed_state(other.url) is None  # no validator: read in full next time
    # no validator, but an item given up on: kept, so the next read skips that item
    skipping = FeedState(other.url, None, None, ("https://c.example/9", "https://c.example/8"), ("https://c.example/8",))
    store.save_feed_states([skipping])
    assert store.feed_state(other.url) == skipping
    assert store.feed_state("https://never.example/rss") is None
    store.save_feed_states([])


def test_search(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])

    def ids(*args, **kwargs):
        return [a.id for a in store.search_articles(*args, **kwargs)]

    assert ids("ferry") == [FERRY_COPY.id, FERRY.id]  # newest first
    assert ids("FERRY operator") == [FERRY_COPY.id]  # every word, title or text, any case
    assert ids("ferries operated") == [FERRY_COPY.id]  # stemmed
    assert ids("zürich") == [BRIDGE.id, FERRY.id]  # non-ASCII case folding on SQLite too
    assert ids("50%") == [FERRY.id]
    assert ids("5_%") == []  # whole words: wildcards and prefixes match nothing
    assert ids('"ferry" OR bridge') == []  # query syntax in user input is plain text
    assert ids("%%") == []
    assert ids("ferry", outlet="Harbor Ledger") == [FERRY.id]
    assert ids("", since=datetime(2018, 2, 6, 9, 0, tzinfo=UTC)) == [BRIDGE.id, FERRY_COPY.id]
    assert ids("", until=datetime(2018, 2, 6, 9, 0, tzinfo=UTC)) == [FERRY.id]
    assert ids("", since=datetime(2018, 2, 6, 1, 0, tzinfo=PACIFIC)) == [BRIDGE.id, FERRY_COPY.id]
    assert ids("") == [BRIDGE.id, FERRY_COPY.id, FERRY.id, BARE.id]  # undated last
    assert ids("", limit=2) == [BRIDGE.id, FERRY_COPY.id]
    assert ids("no such words") == []
    # every match, unlimited, as ids in the same order (story search reads these)
    assert store.matching_article_ids("ferries operated") == (FERRY_COPY.id,)
    assert store.matching_article_ids("zürich") == (BRIDGE.id, FERRY.id)
    assert store.matching_article_ids("") == (BRIDGE.id, FERRY_COPY.id, FERRY.id, BARE.id)
    assert store.matching_article_ids("no such words") == ()


# --- parse cache -------------------------------------------------------------------------


def test_parse_cache_round_trip(store):
    blob = bytes(range(256)) * 4096  # 1 MiB with every byte value
    store.put_parses({FERRY.id: blob, BRIDGE.id: b"\x00bridge"}, "1-en_core_web_sm-3.8.0")
    version = "1-en_core_web_sm-3.8.0"
    assert store.get_parses([FERRY.id, BRIDGE.id, "unparsed"], version) == {
        FERRY.id: blob,
        BRIDGE.id: b"\x00bridge",
    }
    assert store.get_parses([FERRY.id], "2-en_core_web_sm-3.8.0") == {}
    store.put_parses({BRIDGE.id: b"reparsed"}, version)
    assert store.get_parses([BRIDGE.id], version) == {BRIDGE.id: b"reparsed"}
    store.put_parses({}, version)
    assert store.get_parses([], version) == {}


def test_a_parse_under_a_new_analyzer_version_replaces_the_old_one(store):
    old, new = "4-en_core_web_sm-3.8.0", "5-en_core_web_sm-3.8.0"
    store.put_parses({FERRY.id: b"ferry-4", BRIDGE.id: b"bridge-4"}, old)
    store.put_parses({FERRY.id: b"ferry-5"}, new)
    assert store.get_parses([FERRY.id, BRIDGE.id], new) == {FERRY.id: b"ferry-5"}
    # the ferry's old parse is gone; the bridge, not parsed again yet, keeps its own
    assert store.get_parses([FERRY.id, BRIDGE.id], old) == {BRIDGE.id: b"bridge-4"}


# --- tier-1 grouping -------------------------------------------------------------------


FIRST_GROUPING = Grouping(
    events=(
        Event(
            "ev-ferry",
            (FERRY.id, FERRY_COPY.id),
            "Ferry resumes",
            datetime(2018, 2, 5, 23, 30, tzinfo=PACIFIC),
            datetime(2018, 2, 6, 9, 0, tzinfo=UTC),
        ),
        Event("ev-bridge", (BRIDGE.id,), "Bridge closed"),
    ),
    storylines=(Storyline("sl-transport", ("ev-bridge", "ev-ferry"), "Island transport"),),
    duplicates=(Duplicate(FERRY_COPY.id, FERRY.id, 0.82),),
    shared_passages=(
        SharedPassage(FERRY_COPY.id, 0, 40, FERRY.id, 0, 42),
        SharedPassage(FERRY.id, 0, 42, FERRY_COPY.id, 0, 40),
    ),
)
SECOND_GROUPING = Grouping(
    events=(Event("ev-all", (BRIDGE.id, FERRY.id, FERRY_COPY.id), "Island news"),),
)


def test_grouping_round_trip_and_lookups(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
    assert store.grouping() == Grouping()
    store.save_grouping(FIRST_GROUPING)
    assert store.grouping() == FIRST_GROUPING
    assert store.event("ev-ferry") == FIRST_GROUPING.events[0]
    assert store.event("ev-ferry").start.utcoffset() == timedelta(0)
    assert store.event_of_article(FERRY_COPY.id) == FIRST_GROUPING.events[0]
    assert store.event_of_article(BARE.id) is None
    assert store.storyline_of_event("ev-bridge") == FIRST_GROUPING.storylines[0]
    with pytest.raises(NotFound, match="no event with id 'ev-none'"):
        store.event("ev-none")


def test_saving_a_grouping_replaces_the_old_one(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE])
    store.save_grouping(FIRST_GROUPING)
    store.save_grouping(SECOND_GROUPING)
    assert store.grouping() == SECOND_GROUPING
    assert store.storyline_of_event("ev-all") is None
    with pytest.raises(NotFound):
        store.event("ev-ferry")
    # An event pointing at an unknown article is refused, and the stored grouping stays.
    bad = Grouping(events=(Event("ev-ghost", ("not-stored",)),))
    with pytest.raises(StoreError, match="saving the grouping failed"):
        store.save_grouping(bad)
    assert store.grouping() == SECOND_GROUPING


def _row_ids(store: Store, table: sa.Table) -> dict[tuple, int]:
    """SQLite's rowid of every row of ``table`` by its values: a row deleted and written
    again gets a new rowid, a row left alone keeps its own."""
    with store._read("reading rowids") as connection:
        rows = connection.execute(sa.select(sa.literal_column("rowid"), *table.c)).all()
    return {tuple(row[1:]): row[0] for row in rows}


def test_saving_a_grouping_writes_what_changed_and_names_the_stale_stories(store):
    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
    assert store.save_grouping(FIRST_GROUPING).stale == {"ev-ferry", "ev-bridge"}
    assert store.save_grouping(FIRST_GROUPING).stale == frozenset()  # the same again: nothing
    # a new event founded last: its storyline's other stories show it, so they go stale
    bare = Event("ev-bare", (BARE.id,), "A bare note")
    grown = replace(
        FIRST_GROUPING,
        events=(*FIRST_GROUPING.events, bare),
        storylines=(
            Storyline("sl-transport", ("ev-bridge", "ev-ferry", "ev-bare"), "Island transport"),
        ),
    )
    assert store.save_grouping(grown).stale == {"ev-ferry", "ev-bridge", "ev-bare"}
    assert store.grouping() == grown
    # the bare note leaves the storyline for one of its own: the transport stories change
    apart = replace(
        grown,
        storylines=(
            FIRST_GROUPING.storylines[0],
            Storyline("sl-bare", ("ev-bare",), "A bare note"),
        ),
    )
    assert store.save_grouping(apart).stale == {"ev-ferry", "ev-bridge", "ev-bare"}
    assert store.grouping() == apart
    # a relabelled event alone in its storyline: only it
    relabelled = replace(apart, events=(*apart.events[:2], replace(bare, label="A note")))
    assert store.save_grouping(relabelled).stale == {"ev-bare"}
    assert store.grouping() == relabelled
    # the copy is no longer one, and a passage goes: the ferry story's copies changed
    no_copy = replace(relabelled, duplicates=(), shared_passages=relabelled.shared_passages[:1])
    assert store.save_grouping(no_copy).stale == {"ev-ferry"}
    assert store.grouping() == no_copy
    # the bridge merges into the ferry event: both stale, the bridge's rows gone
    merged_ferry = Event("ev-ferry", (FERRY.id, FERRY_COPY.id, BRIDGE.id), "Ferry resumes")
    merged = replace(
        no_copy,
        events=(merged_ferry, replace(bare, label="A note")),
        storylines=(
            Storyline("sl-transport", ("ev-ferry",), "Island transport"),
            no_copy.storylines[1],
        ),
    )
    assert store.save_grouping(merged).stale == {"ev-ferry", "ev-bridge"}
    assert store.grouping() == merged
    assert store.event_of_article(BRIDGE.id) == merged_ferry
    with pytest.raises(NotFound):
        store.event("ev-bridge")


def test_a_save_handed_the_last_one_reads_the_stored_grouping_only_after_another_writer(
    store, monkeypatch
):
    from manysides.store import _grouping

    store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
    mine = store.save_grouping(FIRST_GROUPING)
    reads = []
    real_read = _grouping.read_grouping
    monkeypatch.setattr(
        _grouping, "read_grouping", lambda connection: reads.append(1) or real_read(connection)
    )
    bare = Event("ev-bare", (BARE.id,), "A bare note")
    grown = replace(FIRST_GROUPING, events=(*FIRST_GROUPING.events, bare))
    mine = store.save_grouping(grown, mine)
    assert (reads, mine.stale) == ([], {"ev-bare"})  # compared with my last save
    other = store.save_grouping(SECOND_GROUPING)  # another writer saves in between
    assert len(reads) == 1
    again = store.save_grouping(grown, mine)  # mine is not what is stored any more
    assert len(reads) == 2 and again.stale == {"ev-all", "ev-ferry", "ev-bridge", "ev-bare"}
    assert store.grouping() == grown and other.token != again.token


def test_a_grouping_saved_over_another_keeps_the_rows_that_did_not_change(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'rows.db'}") as store:
        store.add_articles([FERRY, FERRY_COPY, BRIDGE, BARE])
        store.save_grouping(FIRST_GROUPING)
        before = _row_ids(store, schema.events)
        members_before = _row_ids(store, schema.event_articles)
        bare = Event("ev-bare", (BARE.id,), "A bare note")
        grown = replace(FIRST_GROUPING, events=(*FIRST_GROUPING.events, bare))
        store.save_grouping(grown)
        after = _row_ids(store, schema.events)
        assert {k: v for k, v in after.items() if k[0] != "ev-bare"} == before
        assert set(after) - set(before) == {("ev-bare", 2, "A bare note", None, None)}
        members_after = _row_ids(store, schema.event_articles)
        assert {k: v for k, v in members_after.items() if k[0] != "ev-bare"} == members_before
        # a new event among the old ones cannot keep their positions: all are written again
        first = Event("ev-bare", (BARE.id,), "A bare note")
        reordered = replace(FIRST_GROUPING, events=(first, *FIRST_GROUPING.events))
        assert store.save_grouping(reordered).stale == frozenset()  # (order shows in no report)
        assert store.grouping() == reordered
        assert [k[:2] for k in sorted(_row_ids(store, schema.events), key=lambda k: k[1])] == [
            ("ev-bare", 0),
            ("ev-ferry", 1),
            ("ev-bridge", 2),
        ]


# --- state, reports, outlets -----------------------------------------------------------


def test_state_blobs(store):
    assert store.get_state("story-index") is None
    store.put_state("story-index", b"\x80\x05first")
    store.put_state("story-index", b"\x80\x05second")
    store.put_state("other", b"")
    assert store.get_state("story-index") == b"\x80\x05second"
    assert store.get_state("other") == b""


def test_report_cache(store):
    store.put_report("ev-ferry", "r1", '{"schema": "manysides.report/1", "title": "Fähre"}')
    store.put_report("ev-ferry", "r2", '{"v": 2}')
    store.put_report("ev-bridge", "r1", '{"v": 1}')
    store.put_report("ev-bridge", "r1", '{"v": "replaced"}')
    assert (
        store.get_report("ev-ferry", "r1") == '{"schema": "manysides.report/1", "title": "Fähre"}'
    )
    assert store.get_report("ev-bridge", "r1") == '{"v": "replaced"}'
    assert store.get_report("ev-bridge", "r2") is None
    assert store.invalidate_reports(["ev-bridge", "ev-unknown"]) == 1
    assert store.get_report("ev-bridge", "r1") is None
    assert store.get_report("ev-ferry", "r2") == '{"v": 2}'
    assert store.invalidate_reports() == 2
    assert store.get_report("ev-ferry", "r1") is None


def test_caching_a_report_can_drop_the_ones_other_code_made(store):
    store.put_report("ev-ferry", "0.1-aaa-w100", "{}")
    store.put_report("ev-ferry", "0.1-aaa-w250", "{}")
    store.put_report("ev-bridge", "0.1-aaa-w100", "{}")
    store.put_report("ev-ferry", "0.1-bbb-w100", '{"new": 1}', keep_prefix="0.1-bbb-")
    assert store.get_report("ev-ferry", "0.1-aaa-w100") is None
    assert store.get_report("ev-ferry", "0.1-aaa-w250") is None
    assert store.get_report("ev-bridge", "0.1-aaa-w100") == "{}"  # other stories untouched
    store.put_report("ev-ferry", "0.1-bbb-w250", "{}", keep_prefix="0.1-bbb-")
    assert store.get_report("ev-ferry", "0.1-bbb-w100") == '{"new": 1}'  # same code: kept


def test_outlet_registry(store):
    assert store.outlet_registry() == []
    store.upsert_outlets(
        [
            Outlet("Valley Courier", ("valley-courier.example",), "NZ", "center"),
            Outlet("Harbor Ledger", ("harbor-ledger.example", "hl.example"), "GB"),
        ]
    )
    store.upsert_outlets([Outlet("Valley Courier", (), "NZ", "left", "Courier Trust")])
    assert store.outlet_registry() == [
        Outlet("Harbor Ledger", ("harbor-ledger.example", "hl.example"), "GB", "", ""),
        Outlet("Valley Courier", (), "NZ", "left", "Courier Trust"),
    ]


# --- errors and concurrency ------------------------------------------------------------


def test_unreachable_database_is_one_line_without_password():
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://reader:s3cret-pw@127.0.0.1:1/news")
    message = str(caught.value)
    assert message.startswith("postgresql+psycopg://reader:***@127.0.0.1:1/news: cannot open")
    assert "s3cret" not in message and "\n" not in message


def test_closed_store_and_bad_urls(tmp_path):
    store = Store.open(tmp_path / "closed.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="the store is closed"):
        store.count_articles()
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://user:pw@db.example:notaport/news")
    assert str(caught.value).startswith("postgresql://user:***@db.example:notaport/news: not a")
    with pytest.raises(StoreError) as caught:
        Store.open("nodriver://user:pw@db.example/news")
    assert str(caught.value).startswith(
        "nodriver://user:***@db.example/news: opening the store failed: Can't load plugin"
    )


def test_threads_share_one_store(store):
    batches = [
        [article(100 + 10 * t + i, f"Thread {t} item {i}.") for i in range(5)] for t in range(4)
    ]

    def ingest_and_read(batch):
        result = store.add_articles(batch)
        return result.added, store.count_articles() >= len(batch)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(ingest_and_read, batches))
    assert [added for added, _ in results] == [tuple(a.id for a in b) for b in batches]
    assert all(saw_own for _, saw_own in results)
    assert [seq for seq, _ in store.iter_sequenced()] == list(range(1, 21))
