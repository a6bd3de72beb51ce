"""HTML pages: main text and metadata with trafilatura, then the same cleaning as text."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from courlan import is_navigation_page
from lxml import etree
from lxml import html as lxml_html

from ..clean import normalize_space
from ..errors import BinaryInput, EmptyInput
from ..model import Article
from .base import WEB_SCHEMES, Metadata, build_article, clean_field

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


def _json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """The top-level JSON-LD objects of a page, ``@graph`` members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                yield from (g for g in graph if isinstance(g, dict)) if isinstance(graph, list) else ()


def _json_ld_date(tree: Any) -> str | None:
    for item in _json_ld_items(tree):
        if isinstance(item.get("datePublished"), str):
            return str(item["datePublished"])
    return None


def _publisher_name(publisher: Any) -> str | None:
    """``publisher`` of a JSON-LD article: an Organization (or a list of them) or a name."""
    for entry in publisher if isinstance(publisher, list) else [publisher]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            return name
    return None


def _parse(html: str) -> Any:
    try:
        return lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def meta_site_name(tree: Any) -> str | None:
    """The name a page (``_parse``'s tree) declares for its site (og:site_name, else the
    JSON-LD publisher), as written; None when it declares none. trafilatura's sitename is
    not used for this: when a page declares nothing it falls back to a Twitter handle or
    the URL's host."""
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key == "og:site_name" and (meta.get("content") or "").strip():
            return str(meta.get("content"))
    for item in _json_ld_items(tree):
        name = _publisher_name(item.get("publisher"))
        if name:
            return name
    return None


def meta_date(tree: Any) -> str | None:
    """The publication time a page (``_parse``'s tree) declares in its meta tags or
    JSON-LD, as written."""
    if tree is None:
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


# Feed types a page names in <link rel="alternate">, and JSON-LD types that make it an article.
_FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_ARTICLE_LD_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")
# schema.org types of a page that lists other pages (a section, a tag's page, search results).
_COLLECTION_LD_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage"})
# What ``page_kind`` tells a page to be.
ARTICLE, LISTING, MAYBE_LISTING = "article", "listing", "maybe listing"


def _ld_types(item: Mapping[str, Any]) -> list[str]:
    declared = item.get("@type")
    return [t for t in (declared if isinstance(declared, list) else [declared]) if isinstance(t, str)]


def _og_type(tree: Any) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return ""


def page_kind(tree: Any, url: str) -> str:
    """What a page (``_parse``'s tree) at ``url`` is: ``ARTICLE`` when it declares an article
    (og:type, JSON-LD) or shows no sign of a listing; ``LISTING`` (a site's home or section
    page) when it sits at the site's root, declares a collection of pages in JSON-LD, or has
    a section's address (a tag, category, topic, author or archive path, by courlan's rule);
    ``MAYBE_LISTING`` when it only declares itself a website, which many sites' article pages
    also do."""
    if tree is None:
        return ARTICLE
    ld_types = {t for item in _json_ld_items(tree) for t in _ld_types(item)}  # (parsed once)
    og_type = _og_type(tree)
    if any(_ARTICLE_LD_TYPE.search(t) for t in ld_types) or og_type.startswith("article"):
        return ARTICLE
    path = urlsplit(url).path
    # the path alone: courlan also reads WordPress's "?p=123", the address of a post, as one
    if path in ("", "/") or ld_types & _COLLECTION_LD_TYPES or is_navigation_page(path + "/"):
        return LISTING
    return MAYBE_LISTING if og_type == "website" else ARTICLE


def feed_link(tree: Any, url: str) -> str | None:
    """The address of the first RSS/Atom feed a page (``_parse``'s tree) names in its
    ``<link rel="alternate">`` tags, made whole against the page's <base> or address
    (http(s) only: a ``javascript:`` or ``file:`` link is no feed to fetch)."""
    if tree is None:
        return None
    base = next((b.get("href") for b in tree.iter("base") if b.get("href")), None)
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        address = urljoin(urljoin(url, base) if base else url, href) if href else ""
        if "alternate" in rel and kind in _FEED_LINK_TYPES and address.startswith(WEB_SCHEMES):
            return address
    return None


def listing_feed(html: str, url: str) -> tuple[str, str | None]:
    """For a page at ``url``: its ``page_kind``, and the feed it names when it may be a
    listing (None when it names none, or is an article)."""
    tree = _parse(html)
    kind = page_kind(tree, url)
    return kind, (None if kind == ARTICLE else feed_link(tree, url))


def _extract(html: str, url: str | None) -> Any:
    import trafilatura  # (0.14 s of imports an ingest of text and JSON files need not wait for)

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
    tree = _parse(html)  # once, for both the site name and the date
    meta = Metadata(
        title=title,
        url=clean_field(document.url) or url,
        sitename=clean_field(meta_site_name(tree)),
        site_hint=clean_field(document.sitename),
        author=clean_field(document.author),
        published=meta_date(tree) or document.date,
    ).merged(defaults)
    return build_article(_body(document.text, title), meta, source)
