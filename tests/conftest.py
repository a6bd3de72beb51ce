"""Shared fixtures. Test corpora are written by the project (tests/corpus/, examples/)."""

from __future__ import annotations

from collections.abc import Callable
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


def make_article(text: str, outlet: str | None = None, title: str = "", **fields) -> Article:
    return Article(id=content_id(text), text=text, title=title, outlet=outlet, **fields)


@pytest.fixture
def parse(nlp) -> Callable[..., tuple[ParsedArticle, ...]]:
    """parse(article, ...) -> ParsedArticles, parsed with the real model."""

    def _parse(*articles: Article) -> tuple[ParsedArticle, ...]:
        return parse_articles(articles, nlp)

    return _parse
