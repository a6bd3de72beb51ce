"""The store: articles, parse cache, tier-1 grouping, state blobs, reports, outlets.

One ``Engine`` per store; every call checks out its own connection, so one store can be
shared by the threads of a web server. Every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import NotFound, StoreError
from ..model import Article, Event, FeedState, Grouping, Removed, Storyline
from ..outlets import Outlet
from . import _db
from . import schema as s
from ._grouping import (
    SavedGrouping,
    read_event,
    read_grouping,
    read_storyline,
    save_grouping_changes,
)
from ._sql import chunks, insert_rows, text_search, upsert

ARTICLE_SEQ = "article_seq"
# Characters of its text an article head keeps (``article_heads``): a display title is the
# first line, at most 90 of them.
HEAD_CHARS = 200


@dataclass(frozen=True)
class AddResult:
    """Ids of a batch in input order: newly stored, and already there (or repeated)."""

    added: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()


def _article_row(article: Article, seq: int, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "seq": seq,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "source": article.source,
        "ingested_at": now,
    }


def _article(row: Any) -> Article:
    """The article of a row of ``articles`` (``removed`` NULL, as ``Store.article_heads``
    selects it: none)."""
    return Article(
        id=row.id,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        removed=tuple(Removed(r["text"], r["reason"]) for r in row.removed or ()),
        source=row.source,
    )


class Store:
    """A manysides database at any SQLAlchemy URL (default ``sqlite:///manysides.db``).

    Opening it migrates the schema to the newest revision. A bare path means a SQLite
    file; ``postgresql://`` URLs use psycopg 3. Errors are ``StoreError`` (one line, URL
    without password); unknown ids raise ``NotFound``.
    """

    def __init__(self, url: str | Path = _db.DEFAULT_URL, *, echo: bool = False) -> None:
        self._url = _db.parse_url(url)
        self._closed = False
        with _db.guard(self._url, "opening the store"):
            self._engine = _db.create_engine(self._url, echo=echo)
        try:
            _db.migrate(self._engine, self._url)
        except BaseException:
            self._engine.dispose()
            raise

    @classmethod
    def open(cls, url: str | Path = _db.DEFAULT_URL, *, echo: bool = False) -> Store:
        return cls(url, echo=echo)

    @property
    def url(self) -> str:
        """The database URL, password masked."""
        return _db.shown(self._url)

    @property
    def dialect(self) -> str:
        """``sqlite``, ``postgresql``, ..."""
        return self._engine.dialect.name

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # --- connections ---------------------------------------------------------------

    @contextmanager
    def _read(self, action: str) -> Iterator[sa.Connection]:
        """A connection with one read transaction (a consistent snapshot on SQLite)."""
        if self._closed:
            raise StoreError(f"{self.url}: {action}: the store is closed")
        with _db.guard(self._url, action), self._engine.connect() as connection:
            yield connection

    @contextmanager
    def _write(self, action: str) -> Iterator[sa.Connection]:
        """A connection in one write transaction: all of it lands, or none of it."""
        if self._closed:
            raise StoreError(f"{self.url}: {action}: the store is closed")
        with (
            _db.guard(self._url, action),
            self._engine.connect().execution_options(write=True) as connection,
            connection.begin(),
        ):
            yield connection

    def revision(self) -> str | None:
        """The schema revision the database is at (equals ``head_revision()`` once open)."""
        with self._read("reading the schema revision") as connection:
            return _db.current_revision(connection)

    # --- articles --------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store new articles in one transaction; ids already stored are left untouched."""
        batch = list(articles)
        added: list[Article] = []
        existing: list[str] = []
        with self._write(f"adding {len(batch)} articles") as connection:
            # Locking the counter row serializes concurrent batches (SQLite: BEGIN IMMEDIATE).
            counter = sa.select(s.counters.c.value).where(s.counters.c.name == ARTICLE_SEQ)
            last = connection.execute(counter.with_for_update()).scalar_one()
            known = self._known_ids(connection, [a.id for a in batch])
            for article in batch:
                if article.id in known:
                    existing.append(article.id)
                else:
                    known.add(article.id)
                    added.append(article)
            if added:
                now = datetime.now(UTC)
                rows = [_article_row(a, last + i, now) for i, a in enumerate(added, start=1)]
                insert_rows(connection, s.articles, rows)
                connection.execute(
                    s.counters.update()
                    .where(s.counters.c.name == ARTICLE_SEQ)
                    .values(value=last + len(added))
                )
        return AddResult(tuple(a.id for a in added), tuple(existing))

    @staticmethod
    def _known_ids(connection: sa.Connection, ids: Sequence[str]) -> set[str]:
        known: set[str] = set()
        for part in chunks(sorted(set(ids))):
            query = sa.select(s.articles.c.id).where(s.articles.c.id.in_(part))
            known.update(connection.execute(query).scalars())
        return known

    def get_article(self, article_id: str) -> Article:
        return self.get_articles([article_id])[0]

    def get_articles(self, article_ids: Sequence[str]) -> tuple[Article, ...]:
        """Articles in the order of ``article_ids``; NotFound names the first unknown id."""
        found = self._articles_by_id(tuple(s.articles.c), article_ids, _article)
        missing = [i for i in article_ids if i not in found]
        if missing:
            raise NotFound(f"no article with id {missing[0]!r} in {self.url}")
        return tuple(found[i] for i in article_ids)

    def article_heads(self, article_ids: Sequence[str]) -> tuple[Article, ...]:
        """The articles of ``article_ids`` (in that order) as a listing shows them: ``text``
        cut to its first HEAD_CHARS characters (``display_title`` reads its first line) and
        no removed passages; unknown ids are left out. Reading every text to list 11,000
        articles took most of the web front page's listing (1.2 s of 1.7)."""
        a = s.articles
        columns = (a.c.id, a.c.url, a.c.outlet, a.c.title, a.c.author, a.c.published, a.c.source)
        head = sa.func.substr(a.c.text, 1, HEAD_CHARS).label("text")
        no_removed = sa.null().label("removed")
        found = self._articles_by_id((*columns, head, no_removed), article_ids, _article)
        return tuple(found[i] for i in article_ids if i in found)

    def _articles_by_id(
        self,
        columns: Sequence[Any],
        article_ids: Sequence[str],
        article_of: Callable[[Any], Article],
    ) -> dict[str, Article]:
        """Id -> ``article_of(row)`` for the stored ones of ``article_ids``, the article
        ``columns`` read a chunk of ids at a time."""
        found: dict[str, Article] = {}
        with self._read("reading articles") as connection:
            for part in chunks(sorted(set(article_ids))):
                query = sa.select(*columns).where(s.articles.c.id.in_(part))
                found.update((row.id, article_of(row)) for row in connection.execute(query).all())
        return found

    def iter_articles(
        self, after_seq: int | None = None, *, batch_size: int = 500
    ) -> Iterator[Article]:
        """Every article in ingest order (those ingested after ``after_seq`` if given)."""
        for _seq, article in self.iter_sequenced(after_seq, batch_size=batch_size):
            yield article

    def iter_sequenced(
        self, after_seq: int | None = None, *, batch_size: int = 500
    ) -> Iterator[tuple[int, Article]]:
        """``(seq, article)`` in ingest order; pass the last seq back to resume later.

        Reads page by page, each page on its own connection, so a long iteration never
        holds a transaction open against writers.
        """
        last = after_seq or 0
        while True:
            query = (
                sa.select(s.articles)
                .where(s.articles.c.seq > last)
                .order_by(s.articles.c.seq)
                .limit(batch_size)
            )
            with self._read("reading articles") as connection:
                rows = connection.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield row.seq, _article(row)
            last = rows[-1].seq

    def last_seq(self) -> int:
        """The seq of the newest article (0 when empty)."""
        query = sa.select(sa.func.max(s.articles.c.seq))
        with self._read("reading articles") as connection:
            return connection.execute(query).scalar_one() or 0

    def count_articles(self) -> int:
        with self._read("counting articles") as connection:
            return connection.execute(
                sa.select(sa.func.count()).select_from(s.articles)
            ).scalar_one()

    def search_articles(
        self,
        query: str,
        limit: int = 20,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[Article, ...]:
        """Articles whose title or text has every word of ``query`` (any case; stemmed
        where the backend has full-text search), newest first. ``since`` is inclusive,
        ``until`` exclusive; either one leaves out articles without a date. An empty query
        matches every article."""
        a = s.articles.c
        match = text_search(self._engine.dialect.name, s.articles, query)
        select = sa.select(s.articles).where(match)
        if outlet is not None:
            select = select.where(a.outlet == outlet)
        if since is not None:
            select = select.where(a.published >= since)
        if until is not None:
            select = select.where(a.published < until)
        select = select.order_by(a.published.desc().nulls_last(), a.seq.desc())
        with self._read("searching articles") as connection:
            rows = connection.execute(select.limit(max(0, limit))).all()
        return tuple(_article(row) for row in rows)

    def matching_article_ids(self, query: str) -> tuple[str, ...]:
        """Ids of every article whose title or text has every word of ``query``, as
        ``search_articles`` matches and orders them (newest first; stemmed where the backend
        has full-text search): one search gives both the stories to show and their newest
        articles."""
        a = s.articles.c
        match = text_search(self._engine.dialect.name, s.articles, query)
        select = sa.select(a.id).where(match).order_by(a.published.desc().nulls_last(), a.seq.desc())
        with self._read("searching articles") as connection:
            return tuple(connection.scalars(select))

    def stored_at(self, addresses: Sequence[str]) -> dict[str, str]:
        """Address → id of a stored article read from it (its ``url`` or its ``source``),
        for those of ``addresses`` the store holds: a feed ingested again skips the pages
        it already read."""
        a = s.articles.c
        found: dict[str, str] = {}
        with self._read("looking up article addresses") as connection:
            for part in chunks(sorted(set(addresses))):
                for column in (a.url, a.source):
                    query = sa.select(column, a.id).where(column.in_(part)).order_by(a.seq)
                    for address, article_id in connection.execute(query):
                        found.setdefault(address, article_id)
        return found

    def feed_state(self, url: str) -> FeedState | None:
        """What the feed at ``url`` answered when last read, if it was read and gave a
        validator for a conditional GET or had items given up on."""
        query = sa.select(s.feeds).where(s.feeds.c.url == url)
        with self._read("reading feed states") as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        given_up = tuple(row.given_up or ())
        return FeedState(row.url, row.etag, row.last_modified, tuple(row.links), given_up)

    def save_feed_states(self, states: Sequence[FeedState]) -> None:
        """Keep what each feed answered; a state with neither a validator nor an item given
        up on removes its feed's row, so that the next read of that feed is in full."""
        now = datetime.now(UTC)
        rows = [
            {"url": f.url, "etag": f.etag, "last_modified": f.last_modified,
             "links": list(f.links), "given_up": list(f.given_up), "read_at": now}
            for f in states
            if f.conditional or f.given_up
        ]
        gone = [f.url for f in states if not (f.conditional or f.given_up)]
        if not rows and not gone:
            return
        with self._write(f"saving {len(states)} feed states") as connection:
            for part in chunks(gone):
                connection.execute(s.feeds.delete().where(s.feeds.c.url.in_(part)))
            upsert(connection, s.feeds, rows, ("url",))

    def outlets(self) -> dict[str | None, int]:
        """Article count per outlet (None: no outlet known), most articles first."""
        query = sa.select(s.articles.c.outlet, sa.func.count()).group_by(s.articles.c.outlet)
        with self._read("counting outlets") as connection:
            counts = [(name, count) for name, count in connection.execute(query)]
        counts.sort(key=lambda item: (-item[1], item[0] is None, item[0] or ""))
        return dict(counts)

    # --- parse cache (manysides.nlp.ParseCache) ------------------------------------

    def get_parses(self, article_ids: Sequence[str], version: str) -> dict[str, bytes]:
        p = s.parses.c
        found: dict[str, bytes] = {}
        with self._read("reading cached parses") as connection:
            for part in chunks(sorted(set(article_ids))):
                query = sa.select(p.article_id, p.data).where(
                    p.version == version, p.article_id.in_(part)
                )
                found.update((aid, bytes(data)) for aid, data in connection.execute(query))
        return found

    def put_parses(self, parses: Mapping[str, bytes], version: str) -> None:
        rows = [
            {"article_id": aid, "version": version, "data": data} for aid, data in parses.items()
        ]
        p = s.parses.c
        with self._write(f"caching {len(rows)} parses") as connection:
            # an article parsed anew under a new analyzer version has no use for its old parse
            for part in chunks(sorted(parses)):
                connection.execute(
                    sa.delete(s.parses).where(p.article_id.in_(part), p.version != version)
                )
            upsert(connection, s.parses, rows, ("article_id", "version"))

    # --- tier-1 grouping ---------------------------------------------------------------

    def save_grouping(
        self, grouping: Grouping, last: SavedGrouping | None = None
    ) -> SavedGrouping:
        """Make ``grouping`` the stored events, storylines, duplicates and shared passages,
        writing only the rows that changed. Its ``stale``: the ids of the stories (events)
        whose reports it makes stale (``_grouping.stale_stories``); hand it back as ``last``
        to the next save, which then reads the stored grouping only if another writer
        saved one since."""
        with self._write("saving the grouping") as connection:
            return save_grouping_changes(connection, grouping, last)

    def grouping(self) -> Grouping:
        with self._read("reading the grouping") as connection:
            return read_grouping(connection)

    def event(self, event_id: str) -> Event:
        with self._read("reading an event") as connection:
            event = read_event(connection, event_id)
        if event is None:
            raise NotFound(f"no event with id {event_id!r} in {self.url}")
        return event

    def event_of_article(self, article_id: str) -> Event | None:
        query = sa.select(s.event_articles.c.event_id).where(
            s.event_articles.c.article_id == article_id
        )
        with self._read("reading an event") as connection:
            event_id = connection.execute(query).scalar_one_or_none()
            return None if event_id is None else read_event(connection, event_id)

    def storyline_of_event(self, event_id: str) -> Storyline | None:
        query = sa.select(s.storyline_events.c.storyline_id).where(
            s.storyline_events.c.event_id == event_id
        )
        with self._read("reading a storyline") as connection:
            storyline_id = connection.execute(query).scalar_one_or_none()
            return None if storyline_id is None else read_storyline(connection, storyline_id)

    # --- state blobs -----------------------------------------------------------------

    def put_state(self, key: str, value: bytes) -> None:
        row = {"key": key, "value": value, "updated_at": datetime.now(UTC)}
        with self._write(f"saving state {key!r}") as connection:
            upsert(connection, s.state, [row], ("key",))

    def get_state(self, key: str) -> bytes | None:
        query = sa.select(s.state.c.value).where(s.state.c.key == key)
        with self._read(f"reading state {key!r}") as connection:
            value = connection.execute(query).scalar_one_or_none()
        return None if value is None else bytes(value)

    # --- report cache ------------------------------------------------------------------

    def put_report(
        self, story_id: str, version: str, json_text: str, *, keep_prefix: str | None = None
    ) -> None:
        """Cache a story's report. With ``keep_prefix``, the story's cached reports whose
        version does not start with it (made by other code) are dropped in the same step."""
        row = {
            "story_id": story_id,
            "version": version,
            "body": json_text,
            "created_at": datetime.now(UTC),
        }
        r = s.reports.c
        with self._write(f"caching report {story_id!r}") as connection:
            if keep_prefix is not None:
                versions = connection.execute(sa.select(r.version).where(r.story_id == story_id))
                stale = [v for v in versions.scalars() if not v.startswith(keep_prefix)]
                if stale:
                    connection.execute(
                        s.reports.delete().where(r.story_id == story_id, r.version.in_(stale))
                    )
            upsert(connection, s.reports, [row], ("story_id", "version"))

    def get_report(self, story_id: str, version: str) -> str | None:
        r = s.reports.c
        query = sa.select(r.body).where(r.story_id == story_id, r.version == version)
        with self._read(f"reading report {story_id!r}") as connection:
            return connection.execute(query).scalar_one_or_none()

    def invalidate_reports(self, story_ids: Iterable[str] | None = None) -> int:
        """Drop cached reports (all, or those of ``story_ids``); returns how many."""
        with self._write("dropping cached reports") as connection:
            if story_ids is None:
                return connection.execute(s.reports.delete()).rowcount
            dropped = 0
            for part in chunks(sorted(set(story_ids))):
                query = s.reports.delete().where(s.reports.c.story_id.in_(part))
                dropped += connection.execute(query).rowcount
            return dropped

    # --- outlet registry -------------------------------------------------------------

    def upsert_outlets(self, outlets: Iterable[Outlet]) -> None:
        # An unknown field ("" on the Outlet) is stored as NULL.
        rows = [
            {
                "name": o.name,
                "domains": list(o.domains),
                "country": o.country or None,
                "leaning": o.leaning or None,
                "ownership": o.ownership or None,
            }
            for o in outlets
        ]
        with self._write(f"saving {len(rows)} outlets") as connection:
            upsert(connection, s.outlets, rows, ("name",))

    def outlet_registry(self) -> list[Outlet]:
        """Every registered outlet, by name."""
        with self._read("reading outlets") as connection:
            rows = connection.execute(sa.select(s.outlets).order_by(s.outlets.c.name)).all()
        return [
            Outlet(r.name, tuple(r.domains), r.country or "", r.leaning or "", r.ownership or "")
            for r in rows
        ]
