"""Small portable SQL helpers: chunked IN lists, upserts, word search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .schema import PG_SEARCH_CONFIG, PG_SEARCH_VECTOR, SQLITE_SEARCH_TABLE

# Ids per IN (...) list: far below SQLite's 32766 and PostgreSQL's 65535 bound parameters.
IN_CHUNK = 500
_LIKE_ESCAPE = "\\"


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(table.insert(), rows)


def upsert(
    connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert rows, replacing the non-key columns of rows whose key already exists."""
    if not rows:
        return
    name = connection.dialect.name
    if name in ("sqlite", "postgresql"):
        insert = (sqlite.insert if name == "sqlite" else postgresql.insert)(table)
        updates = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in keys}
        connection.execute(insert.on_conflict_do_update(index_elements=keys, set_=updates), rows)
        return
    # Other backends: delete and re-insert inside the caller's transaction.
    match = sa.and_(*(table.c[k] == sa.bindparam(f"key_{k}") for k in keys))
    connection.execute(
        table.delete().where(match), [{f"key_{k}": r[k] for k in keys} for r in rows]
    )
    connection.execute(table.insert(), rows)


def _like_pattern(word: str) -> str:
    escaped = word.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_all(columns: Sequence[sa.ColumnElement[Any]], words: Sequence[str]) -> Any:
    """Every word occurs (case-insensitively, as a substring) in one of ``columns``."""
    clauses = [
        sa.or_(*(column.ilike(_like_pattern(word), escape=_LIKE_ESCAPE) for column in columns))
        for word in words
    ]
    return sa.and_(sa.true(), *clauses)


def _fts5_query(words: Sequence[str]) -> str:
    """An FTS5 query that needs every word: each one a quoted phrase, so operators and
    punctuation in user input are plain text, never query syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def text_search(dialect: str, articles: sa.Table, query: str) -> Any:
    """Rows of ``articles`` matching every word of ``query`` through the full-text index
    of migration 0002 (stemmed: "ferries" finds "ferry"); substring matching on backends
    without one. An empty query matches everything."""
    words = query.split()
    if not words:
        return sa.true()
    if dialect == "sqlite":
        # The tokenizer drops punctuation; a word with no letter or digit matches nothing.
        words = [w for w in words if any(ch.isalnum() for ch in w)]
        if not words:
            return sa.false()
        table = SQLITE_SEARCH_TABLE
        matching = sa.text(f"SELECT rowid FROM {table} WHERE {table} MATCH :fts_query")
        matching = matching.bindparams(fts_query=_fts5_query(words))
        return articles.c.seq.in_(matching.columns(rowid=sa.Integer))
    if dialect == "postgresql":
        tsquery = sa.func.plainto_tsquery(sa.literal_column(PG_SEARCH_CONFIG), query)
        return sa.literal_column(PG_SEARCH_VECTOR).bool_op("@@")(tsquery)
    return contains_all((articles.c.title, articles.c.text), words)
