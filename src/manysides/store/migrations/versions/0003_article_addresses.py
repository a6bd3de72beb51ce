"""Indexes on the addresses articles were read from (``url`` and ``source``).

Ingesting a feed again looks up which of its items the store already holds by address
(``Store.stored_at``), so that their pages are not fetched again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_source", "articles", ["source"])


def downgrade() -> None:
    op.drop_index("ix_articles_source", table_name="articles")
    op.drop_index("ix_articles_url", table_name="articles")
