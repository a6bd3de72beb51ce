"""Write a new store migration from the difference between ``schema.py`` and head.

    python -m manysides.store.migrations "add column x to articles"

Migrates a temporary SQLite database to the current head, autogenerates a revision
numbered after the newest one into ``versions/``, and prints its path. Review it (and
make it portable to PostgreSQL) before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from .._db import _alembic_config, create_engine, migrate, parse_url


def main(message: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        url = parse_url(Path(folder) / "head.db")
        engine = create_engine(url)
        migrate(engine, url)
        with engine.begin() as connection:
            config = _alembic_config(connection)
            config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
            scripts = ScriptDirectory.from_config(config)
            rev_id = f"{len(list(scripts.walk_revisions())) + 1:04d}"
            script = command.revision(config, message, autogenerate=True, rev_id=rev_id)
        engine.dispose()
    return script.path if script and not isinstance(script, list) else ""


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(main(sys.argv[1]))
