"""Tier 1 (ingest, clean, fingerprints, copies, clustering, store) never loads spaCy or a
neural model: it has to keep up with a firehose."""

import subprocess
import sys

TIER1 = ("manysides.ingest", "manysides.clean", "manysides.text", "manysides.dedupe",
         "manysides.cluster", "manysides.store")


def test_tier1_imports_no_nlp_library() -> None:
    code = (
        f"import sys; import {', '.join(TIER1)}; "
        "heavy = sorted(m for m in ('spacy', 'thinc', 'torch', 'sentence_transformers') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _ingest_in_a_fresh_interpreter(feed, db: str) -> list[str]:
    """`manysides ingest FEED --db DB` in a new interpreter: its output line, then the heavy
    libraries it imported (comma-separated)."""
    code = (
        "import sys; from typer.testing import CliRunner; from manysides.cli import app; "
        f"result = CliRunner().invoke(app, ['ingest', {str(feed)!r}, '--db', {db!r}]); "
        "heavy = sorted(m for m in ('spacy', 'sklearn', 'thinc', 'torch', 'datasketch', "
        "'alembic', 'wordfreq') "
        "if m in sys.modules); "
        "print(result.exit_code, result.stdout.strip()); print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_an_ingest_from_the_cli_imports_no_report_library(tmp_path) -> None:
    """`manysides ingest` stores and groups articles without importing what reports need
    (spaCy, scikit-learn, wordfreq: seconds of imports on every call); once the store exists and has
    a saved story index, it imports neither Alembic nor datasketch."""
    feed = tmp_path / "one.jsonl"
    feed.write_text(
        '{"title": "Ferry strike halts Elsin crossings", "outlet": "Test Desk", "text": '
        '"Ferry crews on the Elsin strait walked out on Monday, halting every crossing '
        'between the two ports until further notice."}\n',
        encoding="utf-8",
    )
    db = "sqlite:///" + str(tmp_path / "store.db")
    assert _ingest_in_a_fresh_interpreter(feed, db) == [
        "0 1 new, 0 already stored, 0 skipped; 1 story in 1 storyline",
        "alembic,datasketch",  # a new store is migrated; its first article fingerprinted
    ]
    assert _ingest_in_a_fresh_interpreter(feed, db) == [
        "0 0 new, 1 already stored, 0 skipped; 1 story in 1 storyline",
        "",
    ]
    # a new article is fingerprinted with the MinHash layout saved with the story index
    other = tmp_path / "two.jsonl"
    other.write_text(
        '{"title": "Orchard growers count frost damage", "outlet": "Test Desk", "text": '
        '"Growers in the Amsel valley counted the damage after two nights of hard frost '
        'killed most of the early apricot blossom."}\n',
        encoding="utf-8",
    )
    assert _ingest_in_a_fresh_interpreter(other, db) == [
        "0 1 new, 0 already stored, 0 skipped; 2 stories in 2 storylines",
        "",
    ]
