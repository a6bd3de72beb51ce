"""The items of each feed given up on: pages that gave no article for good.

A feed item whose page is gone (HTTP 404, 410), empty or not text was fetched again on every
read of its feed and reported again each time, and it kept the feed from being asked for
with a conditional GET. Its address is now kept with the feed, so later reads skip it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as table:
        table.add_column(sa.Column("given_up", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as table:
        table.drop_column("given_up")
