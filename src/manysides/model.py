"""The data model: frozen dataclasses shared by every stage.

Stages never mutate these; they return new objects. Everything downstream of parsing points
at sentences by ``(article_id, sentence index)`` instead of copying text it can reference;
a few fields carry a sentence's text as well, for renderers that work from the report alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Removed:
    """A line or fragment cleaning took out of an article, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One news article after ingest and cleaning.

    ``id`` is a hash of the normalized clean text, so the same article ingested twice gets
    the same id. ``outlet`` is None when no URL, metadata or credit line names it.
    """

    id: str
    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    removed: tuple[Removed, ...] = ()
    source: str | None = None

    @property
    def outlet_name(self) -> str:
        return self.outlet or "unknown outlet"

    @property
    def display_title(self) -> str:
        """The headline, or the start of the text when the article has none."""
        if self.title:
            return self.title
        first = self.text.strip().split("\n", 1)[0]
        return first if len(first) <= 90 else first[:89].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class FeedState:
    """What a feed answered when last read: the validators a conditional GET sends back
    (``ETag``, ``Last-Modified``; None when it gave none, or when some item could not be
    read for a reason that may pass, so the next read is in full), the addresses of the
    items it listed, which an answer of "304 Not Modified" stands for, and those of its
    items given up on: pages that gave no article for good (gone, empty, not text), which
    later reads neither fetch nor report again."""

    url: str
    etag: str | None
    last_modified: str | None
    links: tuple[str, ...]
    given_up: tuple[str, ...] = ()

    @property
    def conditional(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """A pointer to one sentence of one article."""

    article_id: str
    sentence: int


# --- tier 1: duplicates, events, storylines -------------------------------------------


@dataclass(frozen=True)
class SharedPassage:
    """A passage of ``article_id`` that also appears in ``other_id`` (char offsets in each)."""

    article_id: str
    start: int
    end: int
    other_id: str
    other_start: int
    other_end: int


@dataclass(frozen=True)
class Duplicate:
    """``article_id`` is a (near-)copy of ``original_id``; Jaccard estimate ``similarity``."""

    article_id: str
    original_id: str
    similarity: float


@dataclass(frozen=True)
class Event:
    """One story: articles that report the same happening."""

    id: str
    article_ids: tuple[str, ...]
    label: str = ""
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Storyline:
    """Events that continue one thread over time, in order."""

    id: str
    event_ids: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Grouping:
    """Tier-1 result for a set of articles: copies, events and storylines."""

    events: tuple[Event, ...] = ()
    storylines: tuple[Storyline, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    shared_passages: tuple[SharedPassage, ...] = ()


# --- tier 2: analysis -------------------------------------------------------------------


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...] = ()
    rejected: tuple[RejectedSentence, ...] = ()


@dataclass(frozen=True)
class RejectedSentence:
    """A generated summary sentence dropped because its citations do not support it."""

    text: str
    reason: str


@dataclass(frozen=True)
class Quote:
    """A quotation or reported statement found in one sentence (or run of sentences).

    ``kind`` is ``direct``, ``partial`` or ``indirect``. ``start``/``end`` are char offsets
    of the quoted content in the article text.
    """

    article_id: str
    sentence: int
    text: str
    speaker: str | None
    cue: str | None
    kind: str
    start: int = 0
    end: int = 0
    role: str | None = None
    spans: tuple[tuple[int, int], ...] = ()  # content pieces (an interrupted quote has two)
    speaker_text: str | None = None  # the speaker mention as written ("he", "the chief")
    speaker_start: int = -1  # char offsets of that mention; -1 when there is none
    speaker_end: int = -1
    cue_start: int = -1  # char offset of the cue word


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff: ``op`` is equal, insert, delete, replace or splice."""

    op: str
    base: str
    variant: str


@dataclass(frozen=True)
class QuoteVariant:
    article_id: str
    sentence: int
    text: str
    cue: str | None
    speaker: str | None
    diff: tuple[DiffOp, ...] = ()
    verbatim: bool = True
    kind: str = "direct"  # the Quote kind: direct, partial or indirect
    role: str | None = None  # the speaker's role as this article states it
    start: int = 0  # char offsets of the quoted content in the article text
    end: int = 0


@dataclass(frozen=True)
class QuoteGroup:
    """One utterance across outlets. ``speaker_conflict`` marks differing attributions."""

    speaker: str | None
    text: str
    variants: tuple[QuoteVariant, ...]
    speaker_conflict: bool = False

    @property
    def reported(self) -> bool:
        """Whether no outlet quotes the words: each reports them ("Roe denied the charges")."""
        return all(v.kind == "indirect" for v in self.variants)


@dataclass(frozen=True)
class Fact:
    """Sentences from different articles that state the same thing. ``outlets``: the
    outlets of ``support``; ``restated``: ids of the facts that state it again in other
    words (an article's lead told twice, ``facts.restated_facts``), whose outlets the
    coverage counts as reporting this one too."""

    id: str
    text: str
    support: tuple[Citation, ...]
    outlets: tuple[str, ...] = ()
    restated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """Facts × outlets: which outlet reports which fact, what each alone reports or omits."""

    outlets: tuple[str, ...]
    matrix: tuple[tuple[str, tuple[str, ...]], ...]  # (fact id, outlets reporting it)
    exclusive: tuple[tuple[str, tuple[str, ...]], ...]  # (outlet, fact ids only it reports)
    omitted: tuple[tuple[str, tuple[str, ...]], ...]  # (outlet, fact ids most others report)


@dataclass(frozen=True)
class Quantity:
    article_id: str
    sentence: int
    text: str
    value: float
    unit: str
    qualifier: str = ""
    subject: str = ""
    upper: float | None = None  # for ranges ("$5,000 to $10,000")
    condition: str = ""  # what the amount applies to ("first violation"); "" when general


@dataclass(frozen=True)
class QuantityGroup:
    """Quantities about the same subject across articles; ``conflict`` when incompatible."""

    subject: str
    values: tuple[Quantity, ...]
    conflict: bool = False
    conflicts: tuple[tuple[int, int], ...] = ()  # index pairs into ``values`` that contradict


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    mentions: tuple[tuple[str, int], ...]  # (article id, count)
    role: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # a person's party, from a tag ("(D-Calif.)") or "a Democrat"


@dataclass(frozen=True)
class FramingTerm:
    term: str
    outlet: str
    z: float
    group: str = "outlet"  # "outlet", or "leaning" when ``outlet`` names a leaning side


@dataclass(frozen=True)
class TermPair:
    """Outlets naming the same thing differently: ``terms`` is ((outlet, phrase), ...)."""

    concept: str
    terms: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LoadedSpan:
    article_id: str
    sentence: int
    text: str
    reason: str
    start: int = 0  # char offsets of the span in the article text
    end: int = 0
    quoted: bool = False  # inside quotation marks: the speaker's words, not the outlet's


@dataclass(frozen=True)
class ArticleLabel:
    """Genre of an article: news, opinion, press release or aggregation, with reasons."""

    article_id: str
    label: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class BiasedSentence:
    """A sentence whose own wording (outside quotation marks) reads as biased: its score
    (``loaded.sentence_bias``) reaches ``loaded.BIASED_SCORE``. ``cues`` names what made
    it: sentence cues ("question or exclamation") and loaded spans ("reason: words")."""

    article_id: str
    sentence: int
    score: float
    cues: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Framing:
    terms: tuple[FramingTerm, ...] = ()
    loaded: tuple[LoadedSpan, ...] = ()
    pairs: tuple[TermPair, ...] = ()
    labels: tuple[ArticleLabel, ...] = ()
    leaning_coverage: tuple[tuple[str, int], ...] = ()  # (leaning, article count)
    blindspot: str | None = None
    leanings: tuple[tuple[str, str], ...] = ()  # (article id, leaning of its outlet)
    biased: tuple[BiasedSentence, ...] = ()  # sentences that read as biased


@dataclass(frozen=True)
class TimelineEntry:
    """A dated statement. ``when`` is an ISO date when resolved, else the relative phrase.

    ``text``, ``article_id`` and ``sentence`` are the sentence shown; ``sources`` every
    sentence that reports the same thing at the same time (the shown one first), one per
    article, so a reader sees which outlets report the event."""

    when: str
    resolved: bool
    text: str
    article_id: str
    sentence: int
    expression: str = ""
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class StoryReport:
    """Everything manysides says about one story (the ``manysides.report/1`` contract)."""

    story_id: str
    title: str
    event_id: str
    storyline_id: str | None
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    shared_passages: tuple[SharedPassage, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    rejected: tuple[RejectedSentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    coverage: Coverage | None = None
    quotes: tuple[QuoteGroup, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[QuantityGroup, ...] = ()
    framing: Framing = field(default_factory=Framing)
    timeline: tuple[TimelineEntry, ...] = ()
    related_events: tuple[Event, ...] = ()
