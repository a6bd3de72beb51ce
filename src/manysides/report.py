"""StoryReport assembly: runs every tier-2 stage over one story's parsed articles."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from .clean import without_dateline
from .cluster import headline_agreement
from .collector import collector_paused
from .entities import extract_entities
from .facts import (
    align_facts,
    close_wordings,
    coverage,
    restated_facts,
    sentence_similarity,
    with_restated,
)
from .framing import analyze_framing
from .lexicon import headline_rule_words
from .loaded import sentence_penalties
from .model import Citation, Event, Fact, Grouping, Sentence, Storyline, StoryReport
from .nlp import ParsedArticle
from .outlets import SIDE_OF
from .quantities import compare_quantities
from .quote_groups import analyze_quotes, with_entity_speakers
from .settings import Settings
from .side_process import SideProcess, fork_worthwhile
from .summarize import summarize
from .summary_units import reads_alone
from .timeline import build_timeline

SCHEMA = "manysides.report/1"


@dataclass(frozen=True)
class ReportOptions:
    """Per-request knobs for the summary; everything else comes from Settings."""

    words: int | None = None
    focus: str | None = None
    since: datetime | Collection[str] | None = None
    strategy: str = "default"


def story_copies(grouping: Grouping, article_ids: Collection[str]) -> dict[str, str]:
    """Copy id → original id, for the copies inside this story whose original is here too."""
    ids = set(article_ids)
    return {
        d.article_id: d.original_id
        for d in grouping.duplicates
        if d.article_id in ids and d.original_id in ids
    }


def related_events(event: Event, grouping: Grouping) -> tuple[Storyline | None, tuple[Event, ...]]:
    """The storyline holding ``event`` and its other events, in storyline order."""
    by_id = {e.id: e for e in grouping.events}
    for storyline in grouping.storylines:
        if event.id in storyline.event_ids:
            others = tuple(by_id[e] for e in storyline.event_ids if e != event.id and e in by_id)
            return storyline, others
    return None, ()


def story_title(
    event: Event,
    parsed: Sequence[ParsedArticle],
    copies: Collection[str] = (),
    partisan: Collection[str] = (),
) -> str:
    """The headline that speaks for the whole story: of its articles' headlines (copies,
    the ids in ``copies``, left out), the one whose content words the story's other
    articles share most (``cluster.headline_agreement``), the first in article order on
    ties. The grouping's label when fewer than two articles have a headline.

    Headlines of ``partisan`` articles (outlets that lean left or right) stand for the story
    only when no other article has one: the title speaks for every side, and a partisan
    headline is where an outlet's framing is strongest ("Judge guts squatter shield"). So do
    headlines with loaded wording (``lexicon.headline_rule_words``), whoever publishes them.

    The grouping's label follows the same rule, but tier 1 has only its members' trimmed
    term vectors (and at most LABEL_CANDIDATES members); here the words are lemmas of the
    whole texts, so the two may still differ."""
    titled = [p for p in parsed if p.article.title.strip() and p.id not in copies]
    plain = [p for p in titled if not headline_rule_words(p.article.title)]
    # every headline partisan or loaded: the plainly worded ones, if any
    neutral = [p for p in plain if p.id not in partisan] or plain
    if len(neutral) == 1 < len(titled):
        return neutral[0].article.title.strip()
    titled = neutral or titled
    if len(titled) < 2:
        if event.label:
            return event.label
        return titled[0].article.title.strip() if titled else f"Story {event.id}"
    originals = [p for p in parsed if p.id not in copies]
    lemma_of = _lemmas(originals)
    words = {p.id: _article_words(p, lemma_of) for p in originals}

    def shared(candidate: ParsedArticle) -> float:
        heading = _headline_words(candidate.article.title, lemma_of)
        return headline_agreement(heading, [w for aid, w in words.items() if aid != candidate.id])

    scores = [(shared(p), -order) for order, p in enumerate(titled)]
    return titled[scores.index(max(scores))].article.title.strip()


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _lemmas(parsed: Sequence[ParsedArticle]) -> dict[str, str]:
    """Lowercase word → its lemma as the story's parses read it (first reading kept), so a
    headline's words, which are not parsed, compare by lemma with the bodies' words."""
    lemma_of: dict[str, str] = {}
    for p in parsed:
        for token in p.doc:
            if token.is_alpha:
                lemma_of.setdefault(token.lower_, token.lemma_.lower())
    return lemma_of


def _headline_words(title: str, lemma_of: Mapping[str, str]) -> set[str]:
    """The content words of a headline, as lemmas: stop words and one-letter words left out."""
    words = (w.lower().replace("’", "'") for w in _HEADLINE_WORD.findall(title))
    return {lemma_of.get(w, w) for w in words if len(w) > 1 and w not in STOP_WORDS}


def _article_words(parsed: ParsedArticle, lemma_of: Mapping[str, str]) -> set[str]:
    """The lemmas of an article's words and of its headline's."""
    body = {t.lemma_.lower() for t in parsed.doc if t.is_alpha}
    return body | _headline_words(parsed.article.title, lemma_of)


@collector_paused()  # (a fresh pause for each call: contextmanager objects decorate)
def build_report(
    event: Event,
    parsed: Sequence[ParsedArticle],
    grouping: Grouping,
    settings: Settings,
    options: ReportOptions | None = None,
    *,
    prior: Any = None,
    outlets: Any = None,
    client: Any = None,
) -> StoryReport:
    """Run every tier-2 stage over ``parsed`` (the articles of ``event``), the cyclic
    garbage collector paused (``collector_paused``)."""
    options = options or ReportOptions()
    ids = [p.id for p in parsed]
    copies = story_copies(grouping, ids)
    # Framing and entities do not read the facts: on a long story a forked child computes
    # them while this process aligns the facts and summarizes (same results either way).
    beside = (
        lambda: analyze_framing(parsed, prior=prior, outlets=outlets, copies=copies),
        lambda: extract_entities(parsed),
    )
    chars = sum(len(p.article.text) for p in parsed)
    with SideProcess(beside, fork_worthwhile(settings.parse_processes, chars)) as side:
        raw_facts = align_facts(parsed, copies=copies)
        framing = side.next_result()
        penalties = sentence_penalties(parsed, framing.loaded)
        if outlets is not None:
            leanings = ((p.id, outlets.article_leaning(p.article)) for p in parsed)
            framing = replace(framing, leanings=tuple((aid, lean) for aid, lean in leanings if lean))
        bias = {Citation(b.article_id, b.sentence): b.score for b in framing.biased}
        originals = [p for p in parsed if p.id not in copies]
        facts = neutral_wording(raw_facts, originals, penalties, bias)
        facts = with_restated(facts, restated_facts([p for p in parsed if p.id not in copies], facts))
        summary = summarize(
            parsed,
            words=options.words or settings.summary_words,
            focus=options.focus,
            since=options.since,
            copies=copies,
            facts=facts,
            penalties=penalties,
            strategy=options.strategy,
            settings=settings,
            client=client,
        )
        quotes = analyze_quotes(parsed, copies=copies)
        quantities = compare_quantities(parsed, copies=copies, facts=facts)
        timeline = build_timeline(parsed, facts, penalties)
        storyline, others = related_events(event, grouping)
        entities = side.next_result()
        return StoryReport(
            story_id=event.id,
            title=story_title(event, parsed, copies, _partisan(framing.leanings)),
            event_id=event.id,
            storyline_id=storyline.id if storyline else None,
            articles=tuple(p.article for p in parsed),
            sentences=_all_sentences(parsed),
            duplicates=tuple(d for d in grouping.duplicates if d.article_id in copies),
            shared_passages=tuple(
                s for s in grouping.shared_passages if s.article_id in ids and s.other_id in ids
            ),
            summary=summary.sentences,
            rejected=summary.rejected,
            facts=facts,
            coverage=coverage(facts, [p.article for p in parsed], copies=copies),
            quotes=with_entity_speakers(quotes, entities),
            entities=entities,
            quantities=quantities,
            framing=framing,
            timeline=timeline,
            related_events=others,
        )


def _partisan(leanings: Sequence[tuple[str, str]]) -> set[str]:
    """Ids of the articles whose outlet leans left or right ("lean-left" included)."""
    return {aid for aid, leaning in leanings if SIDE_OF.get(leaning) in ("left", "right")}


def neutral_wording(
    facts: Sequence[Fact],
    parsed: Sequence[ParsedArticle],
    penalties: Mapping[Citation, float],
    bias: Mapping[Citation, float] | None = None,
) -> tuple[Fact, ...]:
    """Show each fact in the least loaded of the sentences that state it closely
    (``facts.close_wordings``; ties keep the facts stage's choice), so a neutral outlet's
    wording stands for a fact when there is one. ``bias`` (``Framing.biased`` scores) parts
    sentences whose penalties tie, as two at the full penalty do: of two leads with two
    loaded words each, the one that also calls the move "unprecedented" scores higher.
    Equally loaded, a sentence that reads well on its own (``summary_units.reads_alone``)
    comes before one opening "He said ..." or one that is mostly quotation.
    ``parsed``: the story's articles that are not copies. Shown text leaves out a wire
    dateline, as the facts stage's does."""
    text_of = {(p.id, s.index): without_dateline(s.text) for p in parsed for s in p.sentences}
    bias = bias or {}
    rows, dense = sentence_similarity(parsed)

    def load(c: Citation) -> tuple[float, bool, float]:
        text = text_of.get((c.article_id, c.sentence), "")
        return penalties.get(c, 0.0), not reads_alone(text), bias.get(c, 0.0)

    shown = []
    for fact in facts:
        wordings = close_wordings(fact, rows, dense)
        chosen = next((c for c in wordings if text_of.get((c.article_id, c.sentence)) == fact.text), None)
        best = min(wordings, key=load)
        if chosen is None or load(best) < load(chosen):
            fact = replace(fact, text=text_of.get((best.article_id, best.sentence), fact.text))
        shown.append(fact)
    return tuple(shown)


def _all_sentences(parsed: Sequence[ParsedArticle]) -> tuple[Sentence, ...]:
    return tuple(s for p in parsed for s in p.sentences)

