"""What the web app's routes share: the store, settings, caches and the write lock.

Reports are cached as JSON in the store (survives restarts) and as rendered HTML in memory
(keyed by store generation: ingests, registry changes, reindexes), which keeps a warm story
page well under 100 ms.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import pipeline
from ..ingest import Problem
from ..listing import Listing, StoryCard, StoryFilter, build_listing, stories_matching
from ..model import Article
from ..outlets import OutletRegistry
from ..settings import Settings
from ..store import Store
from .storyline import StorylineView, storyline_cards, storyline_view

HTML_CACHE_SIZE = 256
# How long the store's generation (newest ingest seq, the outlets registry, the story index's
# rebuilds) is trusted before asking the database again: writes through this app refresh it
# at once; other writers (a CLI ingest, `outlets import` or `reindex` on the same store) show
# up within this many seconds. Saves queries on every warm page view.
GENERATION_TTL_S = 1.0

# (newest ingest seq, how many times the registry changed, the index's rebuild count)
Generation = tuple[int, int, bytes]
UNCHECKED: tuple[float, Generation] = (0.0, (-1, -1, b""))  # (checked at, value): ask the store


@dataclass
class Services:
    settings: Settings
    store: Store
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _listing: tuple[Generation, Listing] | None = None
    _registry: OutletRegistry | None = None
    _registry_changes: int = 0
    _docs: OrderedDict[tuple[str, Generation], dict[str, Any]] = field(default_factory=OrderedDict)
    _json: OrderedDict[tuple[str, Generation], bytes] = field(default_factory=OrderedDict)
    _pages: OrderedDict[tuple[str, Generation], bytes] = field(default_factory=OrderedDict)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _listing_lock: threading.Lock = field(default_factory=threading.Lock)
    _generation: tuple[float, Generation] = UNCHECKED  # (checked at, value)
    # the story index, kept between posted articles (loading it is seconds in a big store)
    _live: pipeline.LiveIndex = field(default_factory=pipeline.LiveIndex)

    def generation(self) -> Generation:
        """What the caches are keyed by: it changes with every ingest, every change of the
        outlets registry (leanings feed the coverage on cards and in reports) and every
        rebuild of the story index (``manysides reindex``: the stories themselves change)."""
        checked, value = self._generation
        now = time.monotonic()
        if now - checked > GENERATION_TTL_S:
            registry = pipeline.outlet_registry(self.store)
            if registry != self._registry:
                self._registry = registry
                self._registry_changes += 1
            value = (self.store.last_seq(), self._registry_changes, pipeline.index_epoch(self.store))
            self._generation = (now, value)
        return value

    def page(self, story_id: str, render: Callable[[], str]) -> bytes:
        """A whole rendered story page (layout and report body), cached per generation."""
        key = (story_id, self.generation())
        return self._cached(self._pages, key, lambda: render().encode("utf-8"))

    def registry(self) -> OutletRegistry:
        """The outlets registry as of the current generation."""
        self.generation()
        assert self._registry is not None
        return self._registry

    def stories(self, wanted: StoryFilter, listing: Listing | None = None) -> list[StoryCard]:
        """The cards of ``listing`` (default: the current one) passing ``wanted``; its text
        is also looked for in the articles' text through the store's full-text search."""
        return stories_matching(listing or self.listing(), self.store, wanted)

    def search(
        self, wanted: StoryFilter, listing: Listing | None = None
    ) -> tuple[list[StoryCard], tuple[str, ...]]:
        """The cards ``stories`` gives, and the ids of the articles whose title or text has
        every word of ``wanted.q`` (newest first; a blank text matches every article), from
        one full-text search."""
        found = self.store.matching_article_ids(wanted.q)
        return (listing or self.listing()).filter(wanted, frozenset(found)), found

    def storyline(self, storyline_id: str) -> StorylineView:
        """One storyline's stories in time order and which outlet covered which; NotFound
        for an unknown id."""
        cards = storyline_cards(self.listing(), storyline_id)
        articles = self.store.article_heads([a for c in cards for a in c.article_ids])
        return storyline_view(cards, {a.id: a for a in articles}, self.registry().article_leaning)

    def listing(self) -> Listing:
        generation = self.generation()
        current = self._listing
        if current is not None and current[0] == generation:
            return current[1]
        # One thread builds it; requests arriving meanwhile wait for that build instead of
        # each reading every article of the store again.
        with self._listing_lock:
            current = self._listing
            if current is None or current[0] != generation:
                current = (generation, build_listing(self.store, self.registry()))
                self._listing = current
        return current[1]

    def report_doc(self, story_id: str) -> dict[str, Any]:
        key = (story_id, self.generation())
        return self._cached(
            self._docs, key, lambda: pipeline.cached_report_doc(self.store, story_id, self.settings)
        )

    def report_json(self, story_id: str) -> bytes:
        """The report serialized once per generation (the API's hot path)."""
        key = (story_id, self.generation())
        doc = self.report_doc(story_id)
        return self._cached(self._json, key, lambda: json.dumps(doc, ensure_ascii=False).encode())

    def _cached(self, cache: OrderedDict[Any, Any], key: Any, make: Callable[[], Any]) -> Any:
        with self._guard:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = make()
        with self._guard:
            cache[key] = value
            while len(cache) > HTML_CACHE_SIZE:
                cache.popitem(last=False)
        return value

    def ingest(self, articles: list[Article], problems: list[Problem]) -> pipeline.IngestOutcome:
        """Store and index posted articles; one writer at a time."""
        with self.write_lock:
            embed = pipeline.story_embedder(self.settings)
            outcome = pipeline.store_articles(articles, problems, self.store, embed, self._live)
        self._generation = UNCHECKED  # see our own write at once
        return outcome
