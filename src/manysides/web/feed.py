"""An Atom feed of story cards, so a feed reader can follow the stories a front-page filter
finds (a text, an outlet, a leaning, blindspots) the way Google News offers a feed per
search. Each entry is one story: its headline, a link to its page and what covers it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from lxml import etree

from ..listing import StoryCard
from ..render.view import counted

ATOM = "http://www.w3.org/2005/Atom"
FEED_STORIES = 50  # entries in one feed, newest first (a reader polls it again)
# The feed's time when no story has a date, so an unchanged store gives an unchanged feed.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return; lone
# surrogates; U+FFFE / U+FFFF): an article title carrying one would fail the whole feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(moment: datetime) -> str:
    """RFC 3339 in UTC, as Atom dates are written."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _last(card: StoryCard) -> datetime | None:
    """When a story last changed: its newest article's date."""
    return card.end or card.start


def coverage_line(card: StoryCard) -> str:
    """What covers a story, in words: articles, outlets, leanings and a blindspot."""
    outlets = ", ".join(card.outlets)
    parts = [f"{counted(len(card.article_ids), 'article')} from {counted(len(card.outlets), 'outlet')} ({outlets})."]
    if card.coverage:
        leanings = ", ".join(f"{leaning} {count}" for leaning, count in card.coverage)
        parts.append(f"Coverage by leaning: {leanings}.")
    if card.blindspot:
        parts.append(f"Blindspot: no {card.blindspot}-leaning outlet covered it.")
    if card.storyline_label and card.storyline_label != card.label:
        parts.append(f"Storyline: {card.storyline_label}.")
    return " ".join(parts)


def stories_atom(cards: Sequence[StoryCard], title: str, site: str, self_url: str) -> bytes:
    """An Atom 1.0 document of ``cards`` (the first FEED_STORIES, in the order given: the
    listing's newest first). ``site`` is the app's base address (story pages live under
    it), ``self_url`` the feed's own address with its filters."""
    shown = list(cards[:FEED_STORIES])
    updated = max((d for d in map(_last, shown) if d is not None), default=UNDATED)
    E = _Builder()
    feed = E("feed")
    E.child(feed, "title", title)
    E.child(feed, "id", self_url)
    E.child(feed, "updated", _stamp(updated))
    E.child(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    E.child(feed, "link", rel="alternate", type="text/html", href=site + "/")
    author = E.child(feed, "author")
    E.child(author, "name", "manysides")
    E.child(feed, "generator", "manysides")
    for card in shown:
        page = f"{site}/stories/{card.id}"
        entry = E.child(feed, "entry")
        E.child(entry, "title", card.label)
        E.child(entry, "id", page)
        E.child(entry, "link", rel="alternate", type="text/html", href=page)
        E.child(entry, "updated", _stamp(_last(card) or updated))
        if card.start:
            E.child(entry, "published", _stamp(card.start))
        E.child(entry, "summary", coverage_line(card))
        for outlet in card.outlets:
            E.child(entry, "category", term=outlet)
        if card.blindspot:
            E.child(entry, "category", term=f"blindspot:{card.blindspot}")
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8"))


class _Builder:
    """Atom elements with their text and attributes made XML-safe."""

    def __call__(self, tag: str) -> etree._Element:
        return etree.Element(f"{{{ATOM}}}{tag}", nsmap={None: ATOM})

    def child(self, parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = xml_text(text)
        return element
