"""Initial schema: articles, parse cache, tier-1 grouping, state, reports, outlets.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)
WHEN = sa.DateTime(timezone=True)


def _fk(
    column: str, target: str, table: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_{column}_{target.split('.')[0]}"
    return sa.ForeignKeyConstraint([column], [target], name=name, ondelete=ondelete)


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("author", sa.Text),
        sa.Column("published", WHEN),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("ingested_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("seq", name="uq_articles_seq"),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )
    op.bulk_insert(counters, [{"name": "article_seq", "value": 0}])
    op.create_table(
        "parses",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "version", name="pk_parses"),
    )


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("start_time", WHEN),
        sa.Column("end_time", WHEN),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_table(
        "event_articles",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "position", name="pk_event_articles"),
        sa.UniqueConstraint("article_id", name="uq_event_articles_article_id"),
        _fk("event_id", "events.id", "event_articles", ondelete="CASCADE"),
        _fk("article_id", "articles.id", "event_articles"),
    )
    op.create_table(
        "storylines",
        sa.Column("id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_storylines"),
    )
    op.create_table(
        "storyline_events",
        sa.Column("storyline_id", ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("storyline_id", "position", name="pk_storyline_events"),
        sa.UniqueConstraint("event_id", name="uq_storyline_events_event_id"),
        _fk("storyline_id", "storylines.id", "storyline_events", ondelete="CASCADE"),
        _fk("event_id", "events.id", "storyline_events"),
    )


def _copies() -> None:
    op.create_table(
        "duplicates",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("original_id", ID, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_duplicates"),
        _fk("article_id", "articles.id", "duplicates"),
        _fk("original_id", "articles.id", "duplicates"),
    )
    op.create_table(
        "shared_passages",
        sa.Column("position", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("other_id", ID, nullable=False),
        sa.Column("other_start_char", sa.Integer, nullable=False),
        sa.Column("other_end_char", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_shared_passages"),
        _fk("article_id", "articles.id", "shared_passages"),
        _fk("other_id", "articles.id", "shared_passages"),
    )
    op.create_index("ix_shared_passages_article_id", "shared_passages", ["article_id"])


def _caches() -> None:
    op.create_table(
        "state",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("value", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_state"),
    )
    op.create_table(
        "reports",
        sa.Column("story_id", ID, nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "version", name="pk_reports"),
    )
    op.create_table(
        "outlets",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("domains", sa.JSON, nullable=False),
        sa.Column("country", sa.String(100)),
        sa.Column("leaning", sa.String(100)),
        sa.Column("ownership", sa.Text),
        sa.PrimaryKeyConstraint("name", name="pk_outlets"),
    )


def upgrade() -> None:
    _articles()
    _events()
    _copies()
    _caches()


def downgrade() -> None:
    for table in (
        "outlets",
        "reports",
        "state",
        "shared_passages",
        "duplicates",
        "storyline_events",
        "storylines",
        "event_articles",
        "events",
        "parses",
        "counters",
        "articles",
    ):
        op.drop_table(table)
