"""JSON and JSON Lines records: one article per object."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import MalformedRecord
from ..model import Article
from .base import Metadata, build_article, clean_field

_TEXT_KEYS = ("text", "content", "body", "article", "maintext", "body-paragraphs")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link", "canonical_url", "canonical")
_OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename", "site")
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "pubDate", "datetime")
_AUTHOR_KEYS = ("author", "authors", "byline")
_LIST_KEYS = ("articles", "items", "records", "data", "documents")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|article|html|body|span|h[1-6])\b[^>]*>", re.IGNORECASE)


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = "\n\n".join(str(part) for part in value if isinstance(part, str | int | float))
    return value if isinstance(value, str) and value.strip() else None


def _outlet(value: Any) -> str | None:
    if isinstance(value, Mapping):  # {"id": ..., "name": "Example News"} as news APIs give it
        value = value.get("name") or value.get("title")
    return clean_field(value) if isinstance(value, str) else None


def article_from_record(record: Mapping[str, Any], source: str) -> Article:
    """An Article from a JSON object with text/content/body and optional metadata.

    Raises MalformedRecord when it is not an object or has no text, EmptyInput when the
    text is only boilerplate.
    """
    if not isinstance(record, Mapping):
        raise MalformedRecord(source, f"expected a JSON object, got {type(record).__name__}")
    text = _text(_first(record, _TEXT_KEYS))
    if text is None:
        raise MalformedRecord(source, "no text (expected a text, content or body field)")
    meta = Metadata(
        title=clean_field(_first(record, _TITLE_KEYS)),
        url=clean_field(_first(record, _URL_KEYS)),
        outlet=_outlet(_first(record, _OUTLET_KEYS)),
        author=clean_field(_first(record, _AUTHOR_KEYS)),
        published=_first(record, _DATE_KEYS),
    )
    if _LOOKS_HTML.search(text):
        from .html import article_from_html  # content feeds often carry HTML bodies

        defaults = {k: v for k, v in vars(meta).items() if v is not None}
        return article_from_html(text, url=meta.url, source=source, defaults=defaults)
    return build_article(text, meta, source)


def records_from_json(text: str, source: str) -> Iterator[tuple[str, Any]]:
    """(source, record) pairs of a JSON document: one object, a list, or {"articles": [...]}.

    Raises MalformedRecord when the document is not valid JSON.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(source, f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if isinstance(data, Mapping):
        nested = _first(data, _LIST_KEYS)
        if isinstance(nested, list) and _first(data, _TEXT_KEYS) is None:
            data = nested
    if isinstance(data, list):
        for index, record in enumerate(data):
            yield f"{source}[{index}]", record
    else:
        yield source, data


def record_from_line(line: str, source: str) -> Any:
    """The JSON value of one JSONL line; raises MalformedRecord naming file and line."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(source, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
