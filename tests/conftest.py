"""Shared fixtures. Test corpora are written by the project (tests/corpus/, examples/)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from manysides.model import Article
from manysides.nlp import ParsedArticle, load_nlp, parse_articles
from manysides.text import content_id

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
EXAMPLES = TESTS.parent / "examples"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def tier1_corpus() -> tuple[list[dict], dict[str, Article]]:
    """The invented tier-1 corpus: its rows in file order, and the Articles by key."""
    rows = json.loads((CORPUS / "tier1" / "articles.json").read_text(encoding="utf-8"))
    articles = {
        row["key"]: Article(
            id=content_id(row["text"]),
            text=row["text"],
            title=row["title"],
            outlet=row["outlet"],
            published=datetime.fromisoformat(row["published"]),
        )
        for row in rows
    }
    return rows, articles


def make_article(text: str, outlet: str | None = None, title: str = "", **fields) -> Article:
    return Article(id=content_id(text), text=text, title=title, outlet=outlet, **fields)


@pytest.fixture
def parse(nlp) -> Callable[..., tuple[ParsedArticle, ...]]:
    """parse(article, ...) -> ParsedArticles, parsed with the real model."""

    def _parse(*articles: Article) -> tuple[ParsedArticle, ...]:
        return parse_articles(articles, nlp)

    return _parse


@pytest.fixture
def rules_alone(monkeypatch) -> None:
    """Quote extraction with the rules' statement spans, the trained refiner of their ends
    (``content_bounds``) switched off: for tests that pin what the rules find."""
    from manysides import quotes

    monkeypatch.setattr(quotes, "refined", lambda doc, pieces, cue: pieces)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of an empty database on a throwaway PostgreSQL cluster (tests/pgserver.py);
    skips with the reason when PostgreSQL cannot be started here."""
    from pgserver import PostgresUnavailable, throwaway_postgres

    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)
