"""Tables of the store for research: one row per article or per story, as CSV or JSON Lines.

A media researcher's first question of a corpus is a table: which outlet published what,
when, in which story, from which side. ``manysides export`` writes it for a spreadsheet,
pandas or R, with the same story ids, leanings and coverage counts as the reports and the
web app (copies counted once; leaning by outlet name, else by the address's domain).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from .listing import StoryCard
from .model import Article, Grouping
from .outlets import LEANINGS

FORMATS = ("csv", "jsonl")

ARTICLE_FIELDS = (
    "id", "story_id", "storyline_id", "outlet", "leaning", "published", "title", "url",
    "author", "words", "copy_of",
)
STORY_FIELDS = (
    "id", "storyline_id", "label", "articles", "outlets", "outlet_names", "start", "end",
    *LEANINGS, "unknown", "blindspot",
)


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to export (each optional): ids from a text search, an outlet's name
    (as listed: "unknown outlet" for none), a span of publication times (``since``
    inclusive, ``until`` exclusive; either leaves out undated articles)."""

    ids: frozenset[str] | None = None
    outlet: str = ""
    since: datetime | None = None
    until: datetime | None = None

    def passes(self, article: Article) -> bool:
        when = article.published
        return (
            (self.ids is None or article.id in self.ids)
            and (not self.outlet or article.outlet_name == self.outlet)
            and (self.since is None or (when is not None and when >= self.since))
            and (self.until is None or (when is not None and when < self.until))
        )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def article_rows(
    articles: Iterable[Article],
    grouping: Grouping,
    leaning_of: Callable[[Article], str],
    wanted: ArticleFilter = ArticleFilter(),
    with_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """A row per wanted article, in the order given: its story and storyline, outlet and
    leaning, date, headline, address, author, length in words, and the article it copies
    (a copy found by the index; empty for an original)."""
    story_of = {a: e.id for e in grouping.events for a in e.article_ids}
    storyline_of = {e: s.id for s in grouping.storylines for e in s.event_ids}
    original_of = {d.article_id: d.original_id for d in grouping.duplicates}
    for article in articles:
        if not wanted.passes(article):
            continue
        story = story_of.get(article.id)
        row = {
            "id": article.id,
            "story_id": story,
            "storyline_id": storyline_of.get(story) if story else None,
            "outlet": article.outlet,
            "leaning": leaning_of(article) or None,
            "published": _iso(article.published),
            "title": article.title,
            "url": article.url,
            "author": article.author,
            "words": len(article.text.split()),
            "copy_of": original_of.get(article.id),
        }
        if with_text:
            row["text"] = article.text
        yield row


def story_rows(cards: Iterable[StoryCard]) -> Iterator[dict[str, Any]]:
    """A row per story: its size, outlets, dates, articles per leaning (copies once, as in
    its report) and blindspot."""
    for card in cards:
        coverage = dict(card.coverage)
        yield {
            "id": card.id,
            "storyline_id": card.storyline_id,
            "label": card.label,
            "articles": len(card.article_ids),
            "outlets": len(card.outlets),
            "outlet_names": list(card.outlets),
            "start": _iso(card.start),
            "end": _iso(card.end),
            **{name: coverage.get(name, 0) for name in (*LEANINGS, "unknown")},
            "blindspot": card.blindspot,
        }


def _csv_value(value: Any) -> Any:
    """A cell: lists joined with "; ", None as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return value


def write_rows(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], fmt: str, out: TextIO) -> int:
    """Write ``rows`` to ``out`` as CSV (a header of ``fields``) or JSON Lines; returns how
    many rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use {' or '.join(FORMATS)}")
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    count = 0
    for row in rows:
        if fmt == "csv":
            writer.writerow({k: _csv_value(row.get(k)) for k in fields})
        else:
            out.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def format_of(path: str | None, given: str | None) -> str:
    """The format named, else the one the output file's suffix names, else CSV."""
    if given:
        return given
    if path and path.lower().endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "csv"
