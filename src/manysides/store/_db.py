"""Engines, SQLite connection settings, migrations and error wrapping for the store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..errors import StoreError

# Alembic (0.2 s of imports, and a read of the migration scripts) is imported only when a
# database is not at HEAD_REVISION: opening a current one reads its version row directly.
if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///manysides.db"
MIGRATIONS = "manysides.store:migrations"  # package resource: works from an installed wheel
HEAD_REVISION = "0005"  # the newest migration's revision (a test holds it to the scripts)
# Seconds a SQLite connection waits for another writer's lock before giving up. Ingest
# batches of a few thousand articles commit in well under a second on a laptop; 30 s
# leaves room for a slow disk without hanging forever.
SQLITE_BUSY_TIMEOUT_S = 30
# Any constant works: it only has to be the same for every manysides process.
_PG_MIGRATION_LOCK = 0x6D616E79  # "many"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def parse_url(url: str | Path) -> sa.URL:
    """A SQLAlchemy URL; a bare path means a SQLite file; PostgreSQL goes through psycopg 3."""
    text = str(url)
    if not _SCHEME_RE.match(text):
        text = "sqlite:///" + text
    try:
        parsed = sa.make_url(text)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(f"{_safe(text)}: not a database URL ({exc})") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _safe(text: str) -> str:
    """A URL string with any password masked (for messages that failed to parse)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text)


def shown(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


@contextmanager
def guard(url: sa.URL, action: str) -> Iterator[None]:
    """Turn database errors into a one-line StoreError naming the (password-free) URL."""
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{shown(url)}: {action} failed: {_first_line(exc)}") from exc


def create_engine(url: sa.URL, echo: bool = False) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, echo=echo, pool_pre_ping=True)
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    options: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
    if in_memory:
        # One shared connection, so every thread sees the same in-memory database.
        options["connect_args"]["check_same_thread"] = False
        options["poolclass"] = sa.pool.StaticPool
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, echo=echo, **options)
    _sqlite_transactions(engine, wal=not in_memory)
    return engine


def _sqlite_transactions(engine: sa.Engine, wal: bool) -> None:
    """WAL and foreign keys on every connection; real BEGINs (IMMEDIATE for writes).

    pysqlite's own transaction handling skips BEGIN before reads and DDL, which breaks
    consistent multi-table reads and atomic migrations, so manysides emits BEGIN itself
    (the recipe in SQLAlchemy's SQLite dialect docs). Writers take the write lock up front
    so two writers queue on the busy timeout instead of failing on a stale snapshot.
    """

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _alembic_config(connection: sa.Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _at_head(connection: sa.Connection) -> bool:
    """Whether the database's version row says HEAD_REVISION (no Alembic needed)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return False
    rows = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
    return list(rows) == [HEAD_REVISION]


def migrate(engine: sa.Engine, url: sa.URL) -> None:
    """Bring the database schema to the newest migration (no-op when already there)."""
    try:
        with engine.connect().execution_options(write=True) as connection, connection.begin():
            if engine.dialect.name == "postgresql":
                # Two processes opening a fresh database must not both create the tables.
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
            if not _at_head(connection):
                _upgrade(connection, url)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{shown(url)}: cannot open store: {_first_line(exc)}") from exc


def _upgrade(connection: sa.Connection, url: sa.URL) -> None:
    """Run the migrations up to the newest one on ``connection``."""
    from alembic import command
    from alembic.util import CommandError

    if current_revision(connection) == head_revision():
        return
    try:
        command.upgrade(_alembic_config(connection), "head")
    except CommandError as exc:
        raise StoreError(
            f"{shown(url)}: cannot migrate the database schema ({exc}); "
            "is it from a newer manysides?"
        ) from exc
