"""A throwaway PostgreSQL cluster for tests (initdb + pg_ctl from the system packages).

The cluster lives in a temp dir, listens only on a unix socket in that dir (no port
races), trusts local connections and skips fsync. PostgreSQL refuses to run as root, so
as root its binaries run as the ``postgres`` system user, who owns the temp dir.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "postgres"
DATABASE = "manysides_test"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


def find_bin_dir() -> Path:
    """The newest installed server's bin dir, else the one on PATH."""
    found = sorted(
        (Path(d) for d in glob.glob(BIN_GLOB) if Path(d, "initdb").exists()),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise PostgresUnavailable(f"PostgreSQL server binaries not found ({BIN_GLOB}/initdb, PATH)")


def _runner() -> list[str]:
    """Command prefix: as root, run as the postgres user."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError as exc:
        raise PostgresUnavailable("running as root and there is no 'postgres' user") from exc
    if shutil.which("runuser"):
        return ["runuser", "-u", SUPERUSER, "--"]
    raise PostgresUnavailable("running as root and 'runuser' is missing")


def _run(prefix: list[str], *command: str | Path) -> None:
    result = subprocess.run(
        [*prefix, *map(str, command)], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PostgresUnavailable(f"{Path(command[0]).name} failed: {' | '.join(detail[-3:])}")


def _utf8_locale() -> str:
    """C.UTF-8 when the system has it: like production databases, the test database then
    case-folds non-ASCII letters (ILIKE 'zürich' finds 'ZÜRICH'); plain C does not."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    except OSError:
        return "C"
    return next((name for name in listed if name.lower() in ("c.utf8", "c.utf-8")), "C")


def _start(bin_dir: Path, prefix: list[str], folder: Path) -> None:
    data = folder / "data"
    _run(prefix, bin_dir / "initdb", "-D", data, "-A", "trust", "-U", SUPERUSER,
         "-E", "UTF8", f"--locale={_utf8_locale()}", "--no-sync")  # fmt: skip
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -p 5432 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    _run(prefix, bin_dir / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w",
         "-t", "60", "-o", options, "start")  # fmt: skip
    _run(prefix, bin_dir / "createdb", "-h", folder, "-p", "5432", "-U", SUPERUSER, DATABASE)


def url_for(folder: Path | str, database: str = DATABASE) -> str:
    return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={folder}&port=5432"


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a cluster, yield the SQLAlchemy URL of an empty database, stop and delete it."""
    bin_dir = find_bin_dir()
    prefix = _runner()
    folder = Path(tempfile.mkdtemp(prefix="manysides-pg-"))
    try:
        if prefix:
            shutil.chown(folder, user=SUPERUSER)
        started = False
        try:
            _start(bin_dir, prefix, folder)
            started = True
            yield url_for(folder)
        finally:
            if started or (folder / "data" / "postmaster.pid").exists():
                _run(prefix, bin_dir / "pg_ctl", "-D", folder / "data", "-m", "immediate",
                     "-w", "stop")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_database(url: str, name: str) -> str:
    """Create database ``name`` on the server of ``url``; returns its URL."""
    import psycopg
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    host = parsed.query["host"]
    with psycopg.connect(host=host, port=5432, user=SUPERUSER, dbname=parsed.database,
                         autocommit=True) as connection:  # fmt: skip
        connection.execute(f'CREATE DATABASE "{name}"')
    return url_for(host, name)
