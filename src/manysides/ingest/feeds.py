"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: the items' links and the metadata they carry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from ..errors import MalformedRecord
from .base import WEB_SCHEMES, clean_field

# No entities, no network, no huge trees: a feed is untrusted input.
XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b")


@dataclass(frozen=True)
class FeedItem:
    link: str | None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    content: str | None = None  # full HTML when the feed carries it (content:encoded)

    def defaults(self) -> dict[str, str]:
        fields = {"title": self.title, "published": self.published, "author": self.author,
                  "url": self.link}
        return {key: value for key, value in fields.items() if value}


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
        if _local(child.tag) == "author" and "author" in names and len(child):
            return _child_text(child, "name")
    return None


def _link(element: etree._Element) -> str | None:
    """RSS <link>text</link>; Atom <link rel="alternate" href=...> (rel missing = alternate)."""
    for child in element:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and (child.text or "").strip():
            return child.text.strip()
    # a guid or id is an address only when it is a whole one ("12345" is no relative link)
    guid = _child_text(element, "guid", "id") if element.find("*") is not None else None
    return guid if guid and guid.startswith(WEB_SCHEMES) else None


def _absolute(link: str | None, base: str | None) -> str | None:
    """``link`` as a web address: a relative one ("/news/pier", "pier") resolved against
    the item's xml:base or the feed's own address; None when it cannot be."""
    if not link:
        return None
    resolved = urljoin(base or "", link)
    return resolved if resolved.startswith(WEB_SCHEMES) else None


def _item(element: etree._Element) -> FeedItem:
    return FeedItem(
        link=_absolute(_link(element), element.base),
        title=clean_field(_child_text(element, "title")),
        published=_child_text(element, "pubdate", "published", "updated", "date", "issued"),
        author=clean_field(_child_text(element, "author", "creator")),
        content=_child_text(element, "encoded", "content"),
    )


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("<") and bool(_FEED_ROOT.search(head))


def parse_feed(data: bytes | str, source: str) -> tuple[FeedItem, ...]:
    """The items of a feed, in feed order; raises MalformedRecord when it is not a feed."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        # a feed fetched by address resolves its relative links against that address
        base = source if source.startswith(WEB_SCHEMES) else None
        root = etree.fromstring(raw, XML_PARSER, base_url=base)
    except etree.XMLSyntaxError as error:
        raise MalformedRecord(source, f"not a feed (XML error: {error})") from None
    if root is None or _local(root.tag) not in {"rss", "feed", "rdf"}:
        raise MalformedRecord(source, "not an RSS or Atom feed")
    items = [el for el in root.iter() if _local(el.tag) in {"item", "entry"}]
    return tuple(_item(element) for element in items)
