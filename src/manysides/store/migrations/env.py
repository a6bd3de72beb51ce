"""Alembic environment for the manysides store.

``manysides.store.migrate`` runs it with an open connection in
``config.attributes["connection"]``. For writing a new revision by hand:

    python -m manysides.store.migrations "what changes"   (see __main__.py)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from manysides.store.schema import compared_by_autogenerate, metadata


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
        user_module_prefix="manysides.store.schema.",
        include_name=compared_by_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        _configure(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("manysides store migrations run online only")
run()
