"""A storyline seen whole: its stories in the order they happened and which outlet covered
which of them, so a reader sees who followed the thread and who dropped it (the full-coverage
view of a developing story, with every side's attention over time)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..errors import NotFound
from ..listing import Listing, StoryCard
from ..model import Article
from ..outlets import LEANINGS

# Columns of the outlet-by-story table: a storyline of hundreds of stories shows its largest
# ones (kept in time order), the rest listed below it.
TABLE_STORIES = 30


@dataclass(frozen=True)
class OutletRow:
    """One outlet's coverage of a storyline: per shown story, its first article there."""

    name: str
    leaning: str
    articles: tuple[str | None, ...]

    @property
    def covered(self) -> int:
        return sum(1 for a in self.articles if a)


@dataclass(frozen=True)
class StorylineView:
    id: str
    label: str
    stories: tuple[StoryCard, ...]  # every story, oldest first (undated last)
    shown: tuple[StoryCard, ...]  # the table's columns: the largest TABLE_STORIES, in time order
    outlets: tuple[OutletRow, ...]
    coverage: tuple[tuple[str, int], ...]  # the stories' coverage by leaning, summed

    @property
    def articles(self) -> int:
        return sum(len(c.article_ids) for c in self.stories)

    @property
    def start(self) -> datetime | None:
        return min((c.start for c in self.stories if c.start), default=None)

    @property
    def end(self) -> datetime | None:
        return max((c.end for c in self.stories if c.end), default=None)

    def column(self, story_id: str) -> int | None:
        """The story's column in the outlet table, from 1; None when it has none."""
        return next((i for i, c in enumerate(self.shown, start=1) if c.id == story_id), None)

    def as_json(self) -> dict[str, object]:
        shown = [c.id for c in self.shown]
        return {
            "id": self.id,
            "label": self.label,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "coverage": dict(self.coverage),
            "stories": [c.as_json() for c in self.stories],
            "outlets": [
                {
                    "name": row.name,
                    "leaning": row.leaning or None,
                    "stories": {story: article for story, article in zip(shown, row.articles, strict=True) if article},
                }
                for row in self.outlets
            ],
        }


def storyline_cards(listing: Listing, storyline_id: str) -> list[StoryCard]:
    """The listing's cards of one storyline; NotFound when it has none."""
    cards = [c for c in listing.cards if c.storyline_id == storyline_id]
    if not cards:
        raise NotFound(f"no storyline with id {storyline_id!r}")
    return cards


def _in_time_order(cards: Sequence[StoryCard]) -> list[StoryCard]:
    return sorted(cards, key=lambda c: (c.start is None, c.start.timestamp() if c.start else 0.0, c.id))


def storyline_view(
    cards: Sequence[StoryCard], articles: Mapping[str, Article], leaning_of: Callable[[Article], str]
) -> StorylineView:
    """The view of one storyline from its cards and their articles (by id)."""
    stories = _in_time_order(cards)
    largest = sorted(stories, key=lambda c: -len(c.article_ids))[:TABLE_STORIES]
    shown = _in_time_order(largest)
    first: dict[str, dict[str, str]] = {}  # outlet -> story id -> its first article there
    leaning: dict[str, str] = {}
    for card in shown:
        for article_id in card.article_ids:
            article = articles.get(article_id)
            if article is None:
                continue
            name = article.outlet_name
            first.setdefault(name, {}).setdefault(card.id, article.id)
            leaning[name] = leaning.get(name) or leaning_of(article)
    rows = [OutletRow(name, leaning[name], tuple(by_story.get(c.id) for c in shown)) for name, by_story in first.items()]
    order = {name: i for i, name in enumerate(LEANINGS)}
    rows.sort(key=lambda r: (order.get(r.leaning, len(order)), -r.covered, r.name.casefold()))
    summed: dict[str, int] = {}
    for card in stories:
        for name, count in card.coverage:
            summed[name] = summed.get(name, 0) + count
    coverage = tuple((name, summed[name]) for name in (*LEANINGS, "unknown") if summed.get(name))
    return StorylineView(
        id=cards[0].storyline_id or cards[0].id,
        label=cards[0].storyline_label or cards[0].label,
        stories=tuple(stories),
        shown=tuple(shown),
        outlets=tuple(rows),
        coverage=coverage,
    )
