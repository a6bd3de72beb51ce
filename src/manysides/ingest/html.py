"""HTML pages: main text and metadata with trafilatura, then the same cleaning as text."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import trafilatura

from ..clean import normalize_space
from ..errors import BinaryInput, EmptyInput
from ..model import Article
from .base import Metadata, build_article, clean_field

# Keep the time of day when the page gives one (htmldate defaults to a bare date).
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,
    "extensive_search": False,
}


def _extract(html: str, url: str | None) -> Any:
    # trafilatura logs every page it cannot parse; the caller reports that as a problem.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError):
        return None


def _body(text: str, title: str | None) -> str:
    """trafilatura's lines are paragraphs; the first repeats the headline on most pages."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and title and normalize_space(lines[0]) == normalize_space(title):
        lines = lines[1:]
    return "\n\n".join(lines)


def article_from_html(
    html: str | bytes,
    url: str | None = None,
    source: str | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Article:
    """An Article from an HTML page: title, author, date, site name and canonical URL.

    Raises EmptyInput when the page has no extractable text, BinaryInput when it is not text.
    """
    source = source or url or "<html>"
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if "\x00" in html:
        raise BinaryInput(source, "not text (contains NUL bytes)")
    if not html.strip():
        raise EmptyInput(source, "empty (nothing but whitespace)")
    document = _extract(html, url)
    if document is None or not (document.text or "").strip():
        raise EmptyInput(source, "no article text found in the HTML")
    title = clean_field(document.title)
    meta = Metadata(
        title=title,
        url=clean_field(document.url) or url,
        sitename=clean_field(document.sitename),
        author=clean_field(document.author),
        published=document.date,
    ).merged(defaults)
    return build_article(_body(document.text, title), meta, source)
