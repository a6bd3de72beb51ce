"""The store's tables (SQLAlchemy Core). The database gets them only through migrations.

This module describes the schema at the newest migration; ``tests/test_store.py`` checks
that migrating an empty database to head yields exactly these tables (autogenerate diff is
empty), so a change here without a migration fails the tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """An aware datetime stored as UTC; always read back aware, in UTC.

    SQLite has no time zone type, so it gets naive UTC text (which still sorts and compares
    correctly); PostgreSQL gets ``timestamptz``. A naive datetime is taken to be UTC.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


ID = sa.String(64)  # article ids are 16 hex chars; room for other hash schemes

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False, unique=True),  # ingest order, from 1
    sa.Column("url", sa.Text, index=True),
    sa.Column("outlet", sa.String(200), index=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("author", sa.Text),
    sa.Column("published", UTCDateTime, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("removed", sa.JSON, nullable=False),  # [{"text": ..., "reason": ...}, ...]
    sa.Column("source", sa.Text, index=True),
    sa.Column("ingested_at", UTCDateTime, nullable=False),
)

# Named counters; "article_seq" hands out ``articles.seq``. Updating its row is also the
# lock that serializes concurrent ingest batches on every backend.
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

# Serialized spaCy Docs; no foreign key: articles analyzed without being stored cache too.
parses = sa.Table(
    "parses",
    metadata,
    sa.Column("article_id", ID, primary_key=True),
    sa.Column("version", sa.String(100), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("start_time", UTCDateTime),
    sa.Column("end_time", UTCDateTime),
)

event_articles = sa.Table(
    "event_articles",
    metadata,
    sa.Column("event_id", ID, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    # An article belongs to one event at most.
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False, unique=True),
)

storylines = sa.Table(
    "storylines",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("label", sa.Text, nullable=False),
)

storyline_events = sa.Table(
    "storyline_events",
    metadata,
    sa.Column(
        "storyline_id", ID, sa.ForeignKey("storylines.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("position", sa.Integer, primary_key=True),
    # An event belongs to one storyline at most.
    sa.Column("event_id", ID, sa.ForeignKey("events.id"), nullable=False, unique=True),
)

duplicates = sa.Table(
    "duplicates",
    metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("original_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
)

shared_passages = sa.Table(
    "shared_passages",
    metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("other_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("other_start_char", sa.Integer, nullable=False),
    sa.Column("other_end_char", sa.Integer, nullable=False),
)

# Opaque blobs by key, e.g. the serialized online clustering index.
state = sa.Table(
    "state",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("story_id", ID, primary_key=True),
    sa.Column("version", sa.String(100), primary_key=True),
    sa.Column("body", sa.Text, nullable=False),  # manysides.report/1 JSON text
    sa.Column("created_at", UTCDateTime, nullable=False),
)

outlets = sa.Table(
    "outlets",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("domains", sa.JSON, nullable=False),  # ["example.com", ...]
    sa.Column("country", sa.String(100)),
    sa.Column("leaning", sa.String(100)),
    sa.Column("ownership", sa.Text),
)

# What each feed answered when last read (migration 0004): the validators of a conditional
# GET and the item addresses it listed, so that a "304 Not Modified" still names its items;
# and the items given up on (migration 0005), pages that gave no article for good.
feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.String(2048), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("links", sa.JSON, nullable=False),  # ["https://...", ...] in feed order
    sa.Column("read_at", UTCDateTime, nullable=False),
    sa.Column("given_up", sa.JSON),  # ["https://...", ...] in feed order; NULL: none
)

# --- full-text search (migration 0002) ---------------------------------------------------
# Not declared as tables or indexes above: SQLAlchemy has no FTS5 virtual tables, and the
# PostgreSQL index is over an expression. ``Store.search_articles`` queries exactly these.
SQLITE_SEARCH_TABLE = "articles_search"
# Porter stemming ("ferries" finds "ferry"), Unicode case folding, accents ignored.
SQLITE_SEARCH_TOKENIZER = "porter unicode61 remove_diacritics 2"
PG_SEARCH_CONFIG = "'english'::regconfig"
PG_SEARCH_VECTOR = f"to_tsvector({PG_SEARCH_CONFIG}, title || ' ' || text)"
PG_SEARCH_INDEX = "ix_articles_search"


def compared_by_autogenerate(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's ``include_name`` hook: autogenerate leaves full-text search (the FTS5 table,
    its shadow tables, the GIN index) alone, since migrations manage it outside ``metadata``."""
    search = name is not None and (name == PG_SEARCH_INDEX or name.startswith(SQLITE_SEARCH_TABLE))
    return not (type_ in ("table", "index") and search)
