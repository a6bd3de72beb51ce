"""Story listings: storylines → stories with their outlets, dates and coverage by leaning,
for the web app, the API and the CLI (`stories`, `export`).

The web app computes one per store generation (the newest ingest seq, the outlets registry
and the index's rebuilds) and filters it in memory, so the front page does not query every
article on every request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .framing import blindspot_of, leaning_coverage
from .model import Article, Grouping
from .outlets import SIDE_OF, OutletRegistry
from .store import Store

BLINDSPOT_CHOICES = ("left", "right", "any")  # "any": a blindspot for either side


def blindspot_choice(value: str) -> str:
    """A blindspot filter as a user gave it: "" (none) or one of BLINDSPOT_CHOICES; a
    ValueError saying what is expected otherwise (the CLI and the API each report it)."""
    if value and value not in BLINDSPOT_CHOICES:
        *others, last = BLINDSPOT_CHOICES
        raise ValueError(f"expected {', '.join(others)} or {last}, got {value!r}")
    return value


@dataclass(frozen=True)
class StoryCard:
    id: str
    label: str
    storyline_id: str | None
    storyline_label: str
    article_ids: tuple[str, ...]
    titles: tuple[str, ...]
    outlets: tuple[str, ...]
    leanings: tuple[str, ...]
    start: datetime | None
    end: datetime | None
    # as the story's report counts them: (leaning, articles) with copies left out, and the
    # side no outlet of which covered it (framing.blindspot_of)
    coverage: tuple[tuple[str, int], ...] = ()
    blindspot: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "storyline_id": self.storyline_id,
            "storyline_label": self.storyline_label,
            "articles": len(self.article_ids),
            "outlets": list(self.outlets),
            "leanings": sorted(set(self.leanings) - {""}),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "coverage": dict(self.coverage),
            "blindspot": self.blindspot,
        }


@dataclass(frozen=True)
class StoryFilter:
    """What a listing is narrowed to: text, outlet, leaning, a span of days, blindspots
    (each optional; ``blindspot`` is one of BLINDSPOT_CHOICES)."""

    q: str = ""
    outlet: str = ""
    leaning: str = ""
    since: datetime | None = None
    until: datetime | None = None
    blindspot: str = ""


@dataclass(frozen=True)
class Listing:
    cards: tuple[StoryCard, ...]
    outlets: tuple[str, ...]

    def filter(self, wanted: StoryFilter, found: frozenset[str] = frozenset()) -> list[StoryCard]:
        """The cards passing every filter ``wanted`` sets. Its text: every word in the
        story's label or headlines, or one of its articles among ``found`` (the articles
        whose text has every word: ``Store.matching_article_ids``), so "okonjo fines" finds
        the story whose reports say so in their text, in any order."""
        words = wanted.q.casefold().split()
        since, until = wanted.since, wanted.until
        return [
            card
            for card in self.cards
            if (not words or _mentions(card, words) or not found.isdisjoint(card.article_ids))
            and (not wanted.outlet or wanted.outlet in card.outlets)
            and (not wanted.leaning or wanted.leaning in card.leanings)
            and (since is None or (card.end is not None and card.end >= since))
            and (until is None or (card.start is not None and card.start <= until))
            and blindspot_passes(card, wanted.blindspot)
        ]


def stories_matching(listing: Listing, store: Store, wanted: StoryFilter) -> list[StoryCard]:
    """The cards of ``listing`` passing ``wanted``, its text also looked for in the
    articles' text through the store's full-text search (none run for a blank text)."""
    found = store.matching_article_ids(wanted.q) if wanted.q.strip() else ()
    return listing.filter(wanted, frozenset(found))


def blindspot_passes(card: StoryCard, wanted: str) -> bool:
    """Whether the card passes a blindspot filter ("" passes every card)."""
    if not wanted:
        return True
    return card.blindspot is not None and wanted in ("any", card.blindspot)


def blindspot_side(choice: str) -> str:
    """Whom a blindspot filter is for, in words: "the left", "the right", "either side"."""
    return "either side" if choice == "any" else f"the {choice}"


def _mentions(card: StoryCard, words: Sequence[str]) -> bool:
    """Whether every word occurs in the card's label or headlines (case aside)."""
    heading = (card.label + " " + " ".join(card.titles)).casefold()
    return all(word in heading for word in words)


def build_listing(store: Store, registry: OutletRegistry, grouping: Grouping | None = None) -> Listing:
    """Every story's card, newest first, from the store's grouping (or ``grouping``, when
    the caller has read it already)."""
    grouping = grouping or store.grouping()
    storyline_of = {e: s for s in grouping.storylines for e in s.event_ids}
    original_of = {d.article_id: d.original_id for d in grouping.duplicates}
    article_ids = [a for e in grouping.events for a in e.article_ids]
    articles = {a.id: a for a in store.article_heads(article_ids)}
    leaning_of = registry.article_leaning
    cards = []
    for event in grouping.events:
        members = [articles[a] for a in event.article_ids if a in articles]
        # a copy counts once, as in the report, when its original is in the same story
        inside = set(event.article_ids)
        originals = [a for a in members if original_of.get(a.id) not in inside]
        coverage = leaning_coverage(leaning_of(a) for a in originals) if len(registry) else ()
        line = storyline_of.get(event.id)
        cards.append(
            _card(
                event.id, event.label, line.id if line else None, line.label if line else "",
                members, tuple(SIDE_OF.get(leaning_of(a), "") for a in members), coverage,
            )
        )
    cards.sort(key=lambda c: (c.end is None, -(c.end.timestamp() if c.end else 0), -len(c.article_ids)))
    outlets = sorted({o for c in cards for o in c.outlets})
    return Listing(tuple(cards), tuple(outlets))


def _card(
    event_id: str,
    label: str,
    storyline_id: str | None,
    storyline_label: str,
    members: Sequence[Article],
    leanings: tuple[str, ...],
    coverage: tuple[tuple[str, int], ...],
) -> StoryCard:
    dates = sorted(a.published for a in members if a.published)
    outlets = tuple(dict.fromkeys(a.outlet_name for a in members))
    return StoryCard(
        id=event_id,
        label=label or (members[0].display_title if members else event_id),
        storyline_id=storyline_id,
        storyline_label=storyline_label,
        article_ids=tuple(a.id for a in members),
        titles=tuple(a.display_title for a in members),
        outlets=outlets,
        leanings=leanings,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
        coverage=coverage,
        blindspot=blindspot_of(coverage),
    )


def group_by_storyline(cards: Sequence[StoryCard]) -> list[tuple[str | None, str, list[StoryCard]]]:
    """(storyline id or None, its label, its cards) in the order the cards come."""
    groups: dict[str, list[StoryCard]] = {}
    labels: Mapping[str, str] = {c.storyline_id or c.id: c.storyline_label or c.label for c in cards}
    for card in cards:
        groups.setdefault(card.storyline_id or card.id, []).append(card)
    return [(members[0].storyline_id, labels[key], members) for key, members in groups.items()]
