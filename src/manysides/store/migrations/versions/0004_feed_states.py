"""What each feed answered when last read: validators for a conditional GET and its items.

A feed polled every half hour mostly answers "304 Not Modified" to a request that sends back
its ``ETag`` / ``Last-Modified``; the item addresses kept with them let such an answer still
name the feed's stored articles.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("links", sa.JSON, nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_feeds"),
    )


def downgrade() -> None:
    op.drop_table("feeds")
