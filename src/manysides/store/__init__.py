"""The manysides store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

    from manysides.store import Store
    with Store.open("sqlite:///manysides.db") as store:
        result = store.add_articles(articles)

Opening a store runs the Alembic migrations shipped in ``manysides/store/migrations``.
"""

from __future__ import annotations

from ._db import DEFAULT_URL, head_revision
from ._grouping import SavedGrouping
from .store import AddResult, Store

__all__ = ["DEFAULT_URL", "AddResult", "SavedGrouping", "Store", "head_revision"]
