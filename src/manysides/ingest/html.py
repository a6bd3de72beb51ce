"""HTML pages: main text and metadata with trafilatura, then the same cleaning as text."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

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


# Publication-time meta tags, most specific first. htmldate prefers a date in the URL and
# drops the time of day, so these are read first and trafilatura's date is the fallback.
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publish-date", "publishdate", "dc.date.issued", "dc.date", "parsely-pub-date",
    "sailthru.date", "date",
)


def _json_ld_date(tree: Any) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return str(item["datePublished"])
    return None


def meta_date(html: str) -> str | None:
    """The publication time a page declares in its meta tags or JSON-LD, as written."""
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content") and key not in found:
            found[key] = meta.get("content").strip()
    for key in _DATE_META:
        if key in found:
            return found[key]
    return _json_ld_date(tree)


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
        published=meta_date(html) or document.date,
    ).merged(defaults)
    return build_article(_body(document.text, title), meta, source)
