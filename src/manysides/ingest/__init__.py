"""Ingest: files, folders, globs; text, HTML, JSON/JSONL, Multi-News, newswire SGML, feeds, web, OPML.

    ingest_paths(paths, settings)          -> IngestResult(articles, problems)
    ingest_url(url, client, settings)      -> IngestResult
    ingest_feed(url, client, settings)     -> IngestResult
    ingest_location(url, client, settings) -> IngestResult (a page, or a feed's items)
    opml.read_feed_lists(paths, limit)     -> (feed addresses, problems) of OPML lists
    article_from_text / article_from_html / article_from_record  -> Article (raise InputError)

Bad input never raises from the ``ingest_*`` functions: each is one ``Problem`` naming the
input, and the rest of the batch still lands. Articles with the same clean text get the
same id; within one result only the first is kept.
"""

from .base import ERROR, WARNING, IngestResult, Problem, outlet_from_url, parse_date
from .files import ingest_paths
from .html import article_from_html
from .jsonl import article_from_record
from .plaintext import article_from_text
from .web import ingest_feed, ingest_location, ingest_url, is_url

__all__ = [
    "ERROR",
    "WARNING",
    "IngestResult",
    "Problem",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "ingest_feed",
    "ingest_location",
    "ingest_paths",
    "ingest_url",
    "is_url",
    "outlet_from_url",
    "parse_date",
]
