"""Full-text search over article titles and texts.

SQLite gets an FTS5 index that reads its text from ``articles`` (external content, keyed
by ``articles.seq``) and triggers that keep it in step; PostgreSQL gets a GIN index over
the same ``to_tsvector`` expression that ``Store.search_articles`` queries. Other backends
get nothing and search by substring. Existing articles are indexed by the upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

from manysides.store.schema import (
    PG_SEARCH_INDEX,
    PG_SEARCH_VECTOR,
    SQLITE_SEARCH_TABLE,
    SQLITE_SEARCH_TOKENIZER,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_T = SQLITE_SEARCH_TABLE
# External-content FTS5 tables do not maintain themselves: removing a row's terms needs
# its old values, hence the 'delete' command in the delete and update triggers.
_SQLITE_STATEMENTS = (
    f"CREATE VIRTUAL TABLE {_T} USING fts5(title, text, content='articles', "
    f"content_rowid='seq', tokenize='{SQLITE_SEARCH_TOKENIZER}')",
    f"CREATE TRIGGER {_T}_insert AFTER INSERT ON articles BEGIN "
    f"INSERT INTO {_T}(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    f"CREATE TRIGGER {_T}_delete AFTER DELETE ON articles BEGIN "
    f"INSERT INTO {_T}({_T}, rowid, title, text) "
    f"VALUES ('delete', old.seq, old.title, old.text); END",
    f"CREATE TRIGGER {_T}_update AFTER UPDATE ON articles BEGIN "
    f"INSERT INTO {_T}({_T}, rowid, title, text) "
    f"VALUES ('delete', old.seq, old.title, old.text); "
    f"INSERT INTO {_T}(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    f"INSERT INTO {_T}({_T}) VALUES ('rebuild')",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_STATEMENTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX {PG_SEARCH_INDEX} ON articles USING gin ({PG_SEARCH_VECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for suffix in ("_insert", "_delete", "_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {_T}{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {_T}")
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
