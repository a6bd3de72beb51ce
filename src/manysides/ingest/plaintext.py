"""Plain-text articles: optional ``key: value`` header block, headline, then body."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..clean import boilerplate_reason, normalize_space
from ..errors import EmptyInput
from ..model import Article
from .base import Metadata, build_article, clean_field, parse_date

_HEADER = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z _-]{0,20}?)\s*:\s*(?P<value>\S.*?)?\s*$")
_HEADER_KEYS = {
    "url": "url", "link": "url", "canonical": "url",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "date": "published", "published": "published", "published at": "published",
    "author": "author", "by": "author", "byline": "author",
    "title": "title", "headline": "title",
}
# A headline is a short line that does not end like a sentence or a clause: the longest
# seed headline is 18 words; 30 leaves room while excluding lead paragraphs (>= 35 words
# in the seeds and fixtures).
_MAX_HEADLINE_WORDS = 30
_HEADLINE_BAD_END = re.compile(r"[.,;:]$")


def _header_value(field: str, value: str) -> str | None:
    """A validated header value, or None when the line is not really a header."""
    if field == "url" and not re.match(r"^https?://\S+$", value):
        return None
    if field == "published" and parse_date(value) is None:
        return None
    if field in {"outlet", "author"} and len(value.split()) > 6:
        return None
    return value


def split_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Leading ``key: value`` lines with known keys, and the remaining lines."""
    header: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip() and not header:
        index += 1
    read = False
    while index < len(lines):
        match = _HEADER.match(lines[index])
        field = _HEADER_KEYS.get(match.group("key").lower().strip()) if match else None
        if match and field and match.group("value") is None:
            read, index = True, index + 1  # "title:" left empty: a header line saying nothing
            continue
        value = _header_value(field, match.group("value")) if match and field else None
        if not field or value is None or field in header:
            break
        header[field] = value
        read, index = True, index + 1
    if read and index < len(lines) and lines[index].strip():
        return {}, lines  # a header block must end with a blank line (or the text)
    return header, lines[index:]


# The marks of a Markdown heading ("# Pier vote passes" in a saved .md file); a hashtag
# ("#PierVote trends") has no space after its mark and stays.
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def looks_like_headline(line: str, rest: str) -> bool:
    line = normalize_space(line)
    words = len(line.split())
    return (
        0 < words <= _MAX_HEADLINE_WORDS
        and not _HEADLINE_BAD_END.search(line)
        and bool(rest.strip())
        and boilerplate_reason(line, top=True) is None
    )


def split_headline(lines: list[str]) -> tuple[str | None, str]:
    """The first non-empty line when it looks like a headline, and the body."""
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        return None, ""
    first = nonempty[0]
    rest = "\n".join(lines[first + 1 :])
    headline = _MARKDOWN_HEADING.sub("", lines[first])
    if looks_like_headline(headline, rest):
        return normalize_space(headline), rest
    return None, "\n".join(lines[first:])


def article_from_text(
    text: str, source: str, defaults: Mapping[str, Any] | None = None
) -> Article:
    """An Article from plain text; ``defaults`` fill metadata the text does not carry.

    Raises EmptyInput when there is no text (or only boilerplate).
    """
    if not text or not text.strip():
        raise EmptyInput(source, "empty (nothing but whitespace)")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, lines = split_header(lines)
    title = clean_field(header.get("title"))
    if title is None:
        title, body = split_headline(lines)
    else:
        body = "\n".join(lines)
    meta = Metadata(
        title=title,
        url=header.get("url"),
        outlet=header.get("outlet"),
        author=header.get("author"),
        published=header.get("published"),
    ).merged(defaults)
    return build_article(body, meta, source)


def article_from_body(body: str, source: str, metadata: Mapping[str, Any]) -> Article:
    """An Article from text whose metadata is already known (no header, no headline)."""
    if not body or not body.strip():
        raise EmptyInput(source, "empty (no article text)")
    return build_article(body, Metadata().merged(metadata), source)
