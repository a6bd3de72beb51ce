"""Quotes: who said what in each article.

``extract_quotes`` finds direct quotes (paired quotation marks, across sentences and
paragraphs, around an interrupting "he said"), partial quotes embedded in a sentence and
reported speech ("X said that ...", "according to X"), each with its cue and speaker.
Cues and the clauses they report are found by ``reported_speech.find_cues``; the trained
scorer ``attribution_model.reporting_cues`` decides which of their clauses, and of the
clauses of verbs and nouns the lexicons lack, are reported speech, and the trained refiner
``content_bounds.refined`` moves the ends of each reported statement. This module pairs
quotation marks, links each quote to its (lexicon) cue and resolves the speaker: a news
outlet that relays what someone said ("..., Roe said, the Herald reported", "according to
the Herald") is not its speaker, and the person an outlet quotes ("quoting Roe") is.
How each outlet quoted the same words is ``quote_groups.analyze_quotes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .attribution_cues import WEAK_CUES
from .attribution_model import reporting_cues
from .content_bounds import refined
from .mentions import overlaps
from .model import Quote
from .name_cues import known_given_name, wordset
from .nlp import ParsedArticle, dateline_end
from .reported_speech import (
    Cue,
    SpanIndex,
    agentive,
    answerer,
    cue_lemma,
    find_cues,
    in_spans,
    past_show,
    words_of,
)
from .speakers import PERSONAL_PRONOUNS, PersonIndex, Speaker, describe, noun_phrase

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
# Two apostrophes stand for a straight double quotation mark in some archives' text (''Yes,''
# she said); PolNeAR holds 116 such texts among 840 in train.
# Two backquotes open a quotation in wire text set for typewriter quotes (``Yes,'' she said:
# DUC 2006's AP and NYT documents); they pair with the two apostrophes that close it.
_MARKS = re.compile(r"``|''|[“”\"]")
# The marks that open a quotation: a paragraph that starts with one resumes a quotation left
# open at the end of the one before.
_OPENING_MARKS = (_OPEN, _STRAIGHT, "''", "``")
# A line break inside a quotation's words, with the mark that reopens it in the next paragraph.
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*(?:" + "|".join(map(re.escape, _OPENING_MARKS)) + ")?")
# Quotation marks, single ones and what stands for them ('' and ``), as trimmed from the words
# between or before quotations.
_MARK_CHARS = "“”\"'‘’`"
# A cue clause ending in one of these closes its sentence: the quotation after it is a
# sentence of its own (“A,” she said. “B.”), not the second piece of an interrupted one.
_SENTENCE_END = (".", "!", "?", "…")
# Cues (lemmas) kept when they stand inside another quote's content. Reported clauses whose
# cue is inside another's content rarely match a gold attribution (PolNeAR train, 300
# texts: 148 of 937, 0.16). "say" was kept too, set on dev (9 of 14); on all 840 train
# texts keeping it scores content overlap F1 0.6989, leaving it out 0.7005 (dev 0.7236 ->
# 0.7228), so it goes. "according" is lemmatized "accord".
NESTED_CUES = frozenset({"accord"})
# An uncued quotation is the last named speaker's when that speaker was quoted this many
# paragraphs back at most; PolNeAR train (120 files) speaker accuracy: 0 (same paragraph)
# 0.871, 1 0.881, 2 0.883 (kept 1: the gain past it is within noise, the risk grows).
CONTINUED_PARAGRAPHS = 1
# Fewest words a quote with no cue must have to be kept (shorter ones are titles and scare
# quotes); set on PolNeAR train, content precision, 5 words.
MIN_UNCUED_WORDS = 5
# Titles quoted outside a reported clause are shorter than this many words ("The Art of the
# Deal"); PolNeAR dev and train (120): each partial quote of 2-5 words in title case outside
# a reported clause (67) named a show, book, film, song, slogan or nickname, bar one
# place name (dev content overlap F1 0.6902 -> 0.6916; BASIL coverage unchanged).
MIN_PARTIAL_WORDS = 6
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "with", "to"})
# "he"/"she" and bare titles refer to the last quoted person while that person was quoted
# within this many paragraphs; else to the last person named. Set on BASIL dev (speaker
# accuracy: last-named person only 0.52 on 40 articles; with the last speaker first, see
# the bench figures in the report).
RECENT_PARAGRAPHS = 2
# Last words of a news outlet's name ("the Marlow Herald", "Tecora Daily", "the Post"): an
# outlet that reports what someone said relays the quote; it is not its speaker. Written for
# this project from English-language mastheads; "Service" is one only after the words of
# _SERVICE_PRESS ("Wire Service"), alone it names an agency ("the Park Service").
PRESS_WORDS = wordset(
    """news press post times herald journal wire radio tv television gazette tribune
    courier ledger daily chronicle report dispatch bulletin examiner inquirer sentinel
    telegraph observer broadcasting newswire"""
)
_SERVICE_PRESS = wordset("wire news press")
# Common nouns for the press ("the newspaper reported"), and those that are the press only
# after a word of _SERVICE_PRESS ("the wire service", "a news agency"); written for this
# project from news usage.
_PRESS_NOUNS = wordset("newspaper paper tabloid broadcaster magazine newswire")
_SERVICE_NOUNS = wordset("service agency outlet site organization")


@dataclass(frozen=True)
class _Region:
    """Quoted content between paired marks: ``parts`` are its pieces (marks excluded)."""

    parts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _paragraph_regions(text: str, offset: int) -> tuple[list[tuple[int, int]], int | None]:
    """Quoted pieces of one paragraph, and the start of a quote left open at its end."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _MARKS.finditer(text):
        mark = match.group().replace("''", _STRAIGHT).replace("``", _OPEN)
        pos = match.start()
        if mark == _OPEN or (mark == _STRAIGHT and open_at is None):
            if open_at is None or mark == _OPEN:
                open_at = match.end()
        elif open_at is not None:
            regions.append((offset + open_at, offset + pos))
            open_at = None
    return regions, None if open_at is None else offset + open_at


def quote_regions(text: str) -> list[_Region]:
    """Pair quotation marks paragraph by paragraph. A quote left open at a paragraph's end
    continues when the next paragraph opens with a quotation mark (the news convention)."""
    regions: list[_Region] = []
    carried: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        here, offset = offset, offset + len(paragraph) + 1
        if not paragraph.strip():
            continue
        pieces, open_at = _paragraph_regions(paragraph, here)
        end = here + len(paragraph.rstrip())
        if carried:
            reopened = paragraph.lstrip().startswith(_OPENING_MARKS)
            if reopened and pieces:
                regions.append(_Region((*carried, pieces.pop(0))))
                carried = []
            elif reopened and open_at is not None:
                carried.append((open_at, end))
                continue
            else:
                regions.append(_Region(tuple(carried)))
                carried = []
        regions.extend(_Region((p,)) for p in pieces)
        if open_at is not None and end > open_at:
            carried = [(open_at, end)]
    if carried:
        regions.append(_Region(tuple(carried)))
    return [r for r in regions if text[r.start : r.end].strip()]


# --- linking quotes to cues ---------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A quote before speaker resolution."""

    parts: tuple[tuple[int, int], ...]
    kind: str
    cue: Cue | None
    # a quotation that goes on from the quote before in a sentence of its own, attributed
    # by that quote's cue (“A,” she said. “B.”: B is hers, through "said")
    continued: bool = False
    # reported words that hold a direct quote of the same cue (see ``_runs_on``): they hide
    # no reported clause inside them, which stays the attribution it was without them
    holds_quote: bool = False


def _sentence_at(parsed: ParsedArticle, pos: int) -> int:
    for sentence in parsed.sentences:
        if pos < sentence.end:
            return sentence.index
    return len(parsed.sentences) - 1


def _cue_for(region: _Region, parsed: ParsedArticle, cues: Sequence[Cue]) -> Cue | None:
    """The cue of a quote (see ``_linked_cue``), unless "quoting Roe" or "quoted Roe" comes
    after it and before the quote in the quote's sentence: the quotation is the one that
    names ("called the ruling a defeat, quoting Roe: “...”" is Roe's, not the caller's)."""
    linked = _linked_cue(region, parsed, cues)
    quoting = _quoting_cue(region, parsed, cues)
    if quoting is not None and (linked is None or linked.token.idx < quoting.token.idx):
        return quoting
    return linked


def _quoting_cue(region: _Region, parsed: ParsedArticle, cues: Sequence[Cue]) -> Cue | None:
    """The last "quoting Roe" / "quoted Roe" before the quote in the sentence it opens in."""
    sentence = parsed.sentences[_sentence_at(parsed, region.start)]
    before = [
        c for c in cues if sentence.start <= c.token.idx < region.start and _quotes_someone(c)
    ]
    return before[-1] if before else None


def _linked_cue(region: _Region, parsed: ParsedArticle, cues: Sequence[Cue]) -> Cue | None:
    """The nearest cue in a sentence the quote touches, else a cue in the sentence just
    before that ends with a colon ("Vance said: ...")."""
    governing = _governing_cue(region, parsed.doc, cues)
    if governing is not None:
        return governing
    first, last = _sentence_at(parsed, region.start), _sentence_at(parsed, region.end - 1)
    lo, hi = parsed.sentences[first].start, parsed.sentences[last].end
    near = _outermost([c for c in cues if lo <= c.token.idx < hi])
    if near:
        return min(near, key=lambda c: _distance(c.token.idx, region))
    if first > 0:
        previous = parsed.sentences[first - 1]
        if previous.text.rstrip().endswith(":"):
            before = [c for c in cues if previous.start <= c.token.idx < previous.end]
            if before:
                return before[-1]
        lead_in = _cut_lead_in(region, parsed, previous.start, cues)
        if lead_in is not None:
            return lead_in
    return _trailing_cue(region, parsed, last, cues)


def _cut_lead_in(
    region: _Region, parsed: ParsedArticle, start: int, cues: Sequence[Cue]
) -> Cue | None:
    """The cue of a lead-in ending in a colon right before the quote that the parser cut in
    two ("Roe told KXL’s “Face the Harbor” on Sunday: “...”", the title read as a clause of
    its own): the last cue since ``start`` that reports no clause of its own."""
    if _colon_before(region, parsed.article.text) is None:
        return None
    before = [c for c in cues if start <= c.token.idx < region.start and c.content is None]
    return before[-1] if before else None


def _trailing_cue(
    region: _Region, parsed: ParsedArticle, last: int, cues: Sequence[Cue]
) -> Cue | None:
    """The cue of a quotation ending in ? or ! that the parser split from its cue clause
    (“Why now?” Roe asked.): a cue with no clause of its own in the next sentence, when that
    sentence starts right after the closing mark."""
    if last + 1 >= len(parsed.sentences):
        return None
    after = parsed.sentences[last + 1]
    gap = parsed.article.text[region.end : after.start]
    if "\n" in gap or gap.strip(" ?!.“”\"'`") or not gap.strip():
        return None
    found = [c for c in cues if after.start <= c.token.idx < after.end and c.content is None]
    return found[0] if found else None


def _governing_cue(region: _Region, doc: Any, cues: Sequence[Cue]) -> Cue | None:
    """The cue whose clause syntactically contains a quote embedded in a sentence (said
    that the plan was “a disaster”): the nearest cue among the quote's ancestors."""
    span = doc.char_span(region.parts[0][0], region.parts[0][1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    by_token = {c.token.i: c for c in cues}
    governing = _outermost([by_token[a.i] for a in span.root.ancestors if a.i in by_token])
    return governing[0] if governing else None


def _outermost(cues: Sequence[Cue]) -> list[Cue]:
    """The cues not inside what another of them reports: in "said he asks them to help,
    “...”" the quote is the outer speaker's, "asks" being part of the words. PolNeAR content
    overlap F1, train (300 texts) 0.6991 -> 0.7022, dev 0.7161 -> 0.7236."""
    return [
        c
        for c in cues
        if not any(o is not c and o.content and in_spans(c.token.idx, o.content) for o in cues)
    ]


def _distance(pos: int, region: _Region) -> int:
    if region.start <= pos <= region.end:
        # inside the span of an interrupted quote: the cue that interrupts it
        return 0
    return region.start - pos if pos < region.start else pos - region.end


def _kind(region: _Region, parsed: ParsedArticle, cue: Cue | None) -> str:
    """direct when the quote opens its sentence or follows a cue clause ending in , or :"""
    index = _sentence_at(parsed, region.start)
    start = _after_dateline(parsed, index)
    lead = parsed.article.text[start : region.start].strip(" \n([—–-" + _MARK_CHARS)
    if not lead:
        return "direct"
    if lead[-1] in ",:" and cue is not None and cue.token.idx < region.start:
        return "direct"
    if lead[-1] == "," and cue is None:
        return "direct"
    return "partial"


def _after_dateline(parsed: ParsedArticle, index: int) -> int:
    """Where sentence ``index`` starts, after the wire dateline that may open it ("PORT
    ANSEL (AP) — “...,” she said"), read as the cues read it (``nlp.dateline_end``)."""
    start = parsed.sentences[index].start
    span = parsed.sentence_span(index)
    dash = dateline_end(span[0]) if span is not None and len(span) else None
    if dash is None:
        return start
    return max(start, parsed.doc[dash].idx + len(parsed.doc[dash].text))


def _merge_interrupted(found: list[_Found], text: str) -> list[_Found]:
    """Join “A,” he said, “B.” into one quote when B has no cue of its own and only the
    first quote's cue clause stands between them. When that clause ends its sentence
    (“A,” he said. “B.”), B stays a quote of its own that takes A's cue: two quotations,
    one attribution (PolNeAR annotates one Content, both pieces, for the cue)."""
    merged: list[_Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is None or not _resumes(last, item) or not _interrupts(last, item, text):
            merged.append(item)
        elif _ends_sentence(last, item, text):
            merged.append(_Found(item.parts, item.kind, last.cue, continued=True))
        else:
            merged[-1] = _Found(last.parts + item.parts, last.kind, last.cue)
    return merged


def _ends_sentence(first: _Found, second: _Found, text: str) -> bool:
    """Whether the words between two quotations end a sentence ("Okonjo said at the
    Capitol." / "Roe asked."), so the second opens a new one."""
    between = text[first.parts[-1][1] : second.parts[0][0]].strip(" " + _MARK_CHARS)
    return between.rstrip(")]").endswith(_SENTENCE_END)


def _resumes(first: _Found, second: _Found) -> bool:
    """``second`` may go on from ``first``: an uncued quotation, or one with the same cue."""
    if second.cue is None:
        return second.kind == "direct"
    return second.cue is first.cue


def _interrupts(first: _Found, second: _Found, text: str) -> bool:
    cue = first.cue
    if cue is None or not first.parts[-1][1] <= cue.token.idx < second.parts[0][0]:
        return False
    # only the cue's own sentence stands between them ("Okonjo added." / "said Ann Roe, a
    # lawyer who has fought the plant for years."), however long it is
    between = text[first.parts[-1][1] : second.parts[0][0]]
    words = between.strip(" " + _MARK_CHARS)
    if "\n" in between or not words:
        return False
    start = first.parts[-1][1] + between.index(words)
    sentence = cue.token.sent
    return sentence.start_char <= start and start + len(words) <= sentence.end_char


def _find(parsed: ParsedArticle, regions: Sequence[_Region]) -> list[_Found]:
    text = parsed.article.text
    quoted = [p for r in regions for p in r.parts]
    cues = find_cues(parsed.doc, quoted)
    # the model scores the cues as found; who speaks through them is settled after
    cues, reported = _as_spoken(cues, reporting_cues(parsed.doc, quoted, cues), quoted)
    cues, reported = _past_shows(parsed.doc, cues, reported)
    found = []
    for region in regions:
        cue = _cue_for(region, parsed, cues) or _colon_lead_in(region, parsed)
        kind = _kind(region, parsed, cue)
        if cue is None and (
            kind == "partial" or len(text[region.start : region.end].split()) < MIN_UNCUED_WORDS
        ):
            continue
        if kind == "partial" and not _in_clause(region, cue) and _title(region, text):
            continue
        found.append(_Found(region.parts, kind, cue))
    found = _merge_interrupted(found, text)
    # the quotation itself is what a cue linked to a direct quote reports (a quotation
    # continued in the next sentence is not what it reports: the quote before it is)
    direct = {
        f.cue.token.i for f in found if f.cue is not None and f.kind == "direct" and not f.continued
    }
    # a quotation "quoting Roe" took from another cue is no words of that cue's either
    quoting = [p for f in found if f.cue is not None and _quotes_someone(f.cue) for p in f.parts]
    for cue in reported:
        if cue.content is None:
            continue
        if cue.token.i in direct and not _runs_on(cue, found, text):
            continue
        if not any(in_spans(a, quoting) for a, _ in cue.content):
            found.append(_Found(cue.content, "indirect", cue, holds_quote=cue.token.i in direct))
    # which statements stand inside others is the rules' call; the refiner then only moves
    # the ends of those left
    found = [_bounded(parsed, f) for f in _drop_nested(found)]
    return sorted(found, key=lambda f: (f.parts[0][0], f.kind != "indirect"))


def _past_shows(doc: Any, cues: list[Cue], reported: list[Cue]) -> tuple[list[Cue], list[Cue]]:
    """The cues with what they report read past the show it was said on (``past_show``:
    "told CBS’s “Face the Nation” on Sunday that ..." reports the clause after "that", and
    "told CBS’s “Face the Nation” on Sunday: “...”" no clause, the quotation being its
    words). A cue in both lists stays one object."""
    shown: dict[int, Cue] = {}
    for cue in [*cues, *reported]:
        shown.setdefault(id(cue), _past_show_cue(doc, cue))
    return [shown[id(c)] for c in cues], [shown[id(c)] for c in reported]


def _past_show_cue(doc: Any, cue: Cue) -> Cue:
    if cue.content is None or len(cue.content) != 1:
        return cue
    span = doc.char_span(*cue.content[0], alignment_mode="expand")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    said = past_show(words)
    if said is None:
        return cue
    content = ((said[0].idx, said[-1].idx + len(said[-1].text)),) if said else None
    return replace(cue, content=content)


def _bounded(parsed: ParsedArticle, item: _Found) -> _Found:
    """A reported statement with the ends ``content_bounds`` places (other quotes as found)."""
    if item.kind != "indirect" or item.cue is None:
        return item
    return replace(item, parts=refined(parsed.doc, item.parts, item.cue.token))


# Words outside quotation marks a direct quote's reported clause must add for the clause to
# be reported beside it: '"We are saddened" by the closing of the pier, Roe said'.
MIN_RUN_ON_WORDS = 2


def _runs_on(cue: Cue, found: Sequence[_Found], text: str) -> bool:
    """Whether a cue linked to a direct quote reports more than the quotation: a clause that
    opens with the quote and goes on in the writer's words ('"We are saddened" by the
    closing of the pier, Roe said'). The quoted words are the speaker's; the statement is
    the whole clause (PolNeAR's Content holds it all)."""
    quoted = [p for f in found if f.cue is cue for p in f.parts]
    if not quoted or cue.content is None:
        return False
    first = min(a for a, _ in quoted)
    if not any(a <= first <= b for a, b in cue.content):
        return False  # the clause must hold the quotation
    outside = [
        w for a, b in cue.content for w in re.finditer(r"\w+", text[a:b])
        if not in_spans(a + w.start(), quoted)
    ]
    return len(outside) >= MIN_RUN_ON_WORDS


def _colon_lead_in(region: _Region, parsed: ParsedArticle) -> Cue | None:
    """A quotation a clause introduces with a colon, with no word of saying in it ("Ricci
    was less patient: “...”", "The mayor had one answer: “...”"): the clause's subject, when
    it can speak, is the speaker, and the colon the cue. None otherwise."""
    colon_at = _colon_before(region, parsed.article.text)
    if colon_at is None:
        return None
    span = parsed.doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].text != ":":
        return None
    colon = span[0]
    clause = colon.head
    subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i < colon.i]
    if clause.pos_ not in ("VERB", "AUX") or len(subjects) != 1 or not agentive(subjects[0]):
        return None
    return Cue(colon, subjects[0], None)


def _colon_before(region: _Region, text: str) -> int | None:
    """Where the colon is that ends the text right before a quote (spaces and quotation
    marks aside), or None."""
    before = text[: region.start].rstrip(" " + _MARK_CHARS)
    return len(before) - 1 if before.endswith(":") else None


# --- who speaks through a cue: outlets that relay, people an outlet quotes ------------------


def _as_spoken(
    cues: Sequence[Cue], reported: Sequence[Cue], quoted: Sequence[tuple[int, int]]
) -> tuple[list[Cue], list[Cue]]:
    """The cues and the reporting cues, read for who speaks: "quoted Roe" (and a cue with no
    subject under it: "quoted Roe as saying ...") is Roe's and reports no words of its own.
    An outlet's cue that relays another speaker's words (``_relayed``) links no quotation;
    it reports none when it is "according to" or follows the speaker's cue ("Roe wrote ...,
    the Herald reported"). A leading one keeps its clause ("The Times wrote that Roe had
    claimed a loss": PolNeAR annotates the outlet's attribution there; dropping it lost one
    match on dev). A cue in both lists stays one object."""
    spoken: dict[int, Cue] = {}
    for cue in [*cues, *reported]:
        spoken.setdefault(cue.token.i, _quoted_speaker(cue))
    every = list(spoken.values())
    speaking = _speaking(every, {c.token.i for c in reported}, quoted)
    relays = [c for c in every if _relayed(c, speaking)]
    unlinked = {c.token.i for c in relays}
    tags = [c for c in relays if _tags_along(c, speaking)]
    for relay in tags:
        for i, cue in spoken.items():
            spoken[i] = _without_relay(cue, relay)
    unreported = {c.token.i for c in tags}
    return (
        [spoken[c.token.i] for c in cues if c.token.i not in unlinked],
        [spoken[c.token.i] for c in reported if c.token.i not in unreported],
    )


def _tags_along(relay: Cue, cues: Sequence[Cue]) -> bool:
    """An outlet's relaying cue that only says where the words were read: "according to the
    Herald", or a cue after the speaker's ("Roe said ..., the Herald reported")."""
    if cue_lemma(relay.token) == "accord":
        return True
    return any(c.token.i < relay.token.i for c in _relayed(relay, cues))


def _without_relay(cue: Cue, relay: Cue) -> Cue:
    """``cue`` with an outlet's tag left out of its words ("Roe told reporters the fines
    would stand, according to the Herald" / "The fines stand, Roe said, the Herald
    reported": "the fines would stand" / "The fines stand")."""
    if not cue.content or cue is relay:
        return cue
    start, end = _tag_span(relay)
    text = relay.token.doc.text
    pieces = []
    for a, b in cue.content:
        for x, y in ((a, min(b, start)), (max(a, end), b)):
            while x < y and text[y - 1] in _RELAY_EDGES:
                y -= 1
            while x < y and text[x] in _RELAY_EDGES:
                x += 1
            if x < y:
                pieces.append((x, y))
    return replace(cue, content=tuple(pieces)) if pieces else cue


def _tag_span(relay: Cue) -> tuple[int, int]:
    """Char span of an outlet's tag: the "according to" phrase, or what a cue's phrase holds
    after the words it reports ("the Herald reported on Monday")."""
    verb = relay.token
    tokens = list(verb.subtree) if cue_lemma(verb) == "accord" else [verb]
    for child in verb.children if cue_lemma(verb) != "accord" else ():
        if child.dep_ in _TAG_DEPS:
            tokens += list(child.subtree)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


# The parts of an outlet's cue that make its tag: who reported, how and when, not what.
_TAG_DEPS = frozenset({"nsubj", "aux", "neg", "advmod", "npadvmod", "prep", "agent"})


# What stands between a cue's words and the "according to" phrase cut out of them.
_RELAY_EDGES = frozenset(" ,;—–-\n")


def _quoted_speaker(cue: Cue) -> Cue:
    """``cue`` with the person it quotes as its speaker: "quoting Roe" / "quoted Roe" (its
    words are Roe, not what Roe said), or a subjectless cue under one ("as saying")."""
    person = _quoted_person(cue.token)
    if person is not None:
        return replace(cue, subject=person, content=None)
    if cue.subject is None:
        for head in cue.token.ancestors:
            person = _quoted_person(head)
            if person is not None:
                return replace(cue, subject=person)
    return cue


def _quotes_someone(cue: Cue) -> bool:
    """A "quoting Roe" cue, read by ``_quoted_speaker`` as Roe's."""
    return cue.subject is not None and cue.subject == _quoted_person(cue.token)


def _quoted_person(token: Any) -> Any:
    """The object of "quote" ("quoting organizer Ana Roe", "quoted him"), or whose words
    "in the words of" gives ("in the words of Sen. Ana Roe, “...”"), or None."""
    if token.lower_ == "words":
        return words_of(token)
    if cue_lemma(token) != "quote":
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return objects[0] if objects and objects[0].pos_ in ("PROPN", "NOUN", "PRON") else None


def _speaking(
    cues: Sequence[Cue], reported: set[int], quoted: Sequence[tuple[int, int]]
) -> list[Cue]:
    """The cues through which someone other than an outlet speaks: a named subject, and
    reported speech by the model or words touching a quotation. Not a label before a colon
    ("Delegates: Roe leads, according to the Herald"), nor a verb the model turned down
    ("the harbor crew painted the pier, the Herald reported": no one spoke)."""
    return [
        c
        for c in cues
        if c.subject is not None
        and not c.token.is_punct
        and not _outlet(c.subject)
        and (c.token.i in reported or any(overlaps(a, b, quoted) for a, b in c.content or ()))
    ]


def _relayed(cue: Cue, speaking: Sequence[Cue]) -> list[Cue]:
    """The speaking cues an outlet's cue relays ("Vance said ..., according to the Calder
    Wire Service"; "Roe wrote that ..., the Herald reported"): the outlet tells where the
    words were read, they who spoke them. Each is the verb the outlet's phrase hangs on (or
    one above it) or hangs on the outlet's verb, and lies in the outlet's words or shares
    those before it ("The fines stand, Roe said, the Herald reported"). A cue deeper in
    ("according to the Herald, engineers studied how the tides would shift once the mayor
    declared ...") is no speaker of the outlet's words."""
    if not cue.content or not _outlet(cue.subject):
        return []
    return [
        c
        for c in speaking
        if c is not cue
        and (c.token in cue.token.ancestors or c.token.head == cue.token)
        and (in_spans(c.token.idx, cue.content) or _shared_before(c, cue.content))
    ]


def _shared_before(cue: Cue, others: Sequence[tuple[int, int]]) -> bool:
    """Whether ``cue`` reports some words of ``others`` that come before it (the parser
    hangs "said" on "reported" as a parenthetical in "The fines stand, Roe said, the
    Herald reported")."""
    at = cue.token.idx
    return any(a < d and c < b and max(a, c) < at for a, b in cue.content or () for c, d in others)


def _outlet(mention: Any) -> bool:
    """Whether a mention names a news outlet by its form: a proper name ending in a press
    word (``PRESS_WORDS``), written after "the" or in two words at least ("the Post",
    "Tecora Daily", "the Calder Wire Service"); not a person's name ("Peter Post"). The
    tagger's PERSON is no guide: it labels "the Tecora Gazette" so. Or the press named by
    a common noun: "the newspaper", "the wire service" (``_PRESS_NOUNS``)."""
    if mention is None:
        return False
    if mention.pos_ == "NOUN":
        before = mention.nbor(-1).lower_ if mention.i > 0 else ""
        return mention.lower_ in _PRESS_NOUNS or (
            mention.lower_ in _SERVICE_NOUNS and before in _SERVICE_PRESS
        )
    if mention.pos_ != "PROPN":
        return False
    words = [t for t in noun_phrase(mention) if not t.is_punct]
    named = [t.text for t in words if t.lower_ != "the"]
    if not named or not all(w[:1].isupper() for w in named):
        return False
    last = named[-1].lower()
    if last == "service":
        return len(named) > 1 and named[-2].lower() in _SERVICE_PRESS
    if last not in PRESS_WORDS:
        return False
    if len(named) == 1:
        return len(words) > 1  # "the Post"; a lone "Post" is as often a surname
    return not (len(named) == 2 and known_given_name(named[0]))


def _drop_nested(found: list[_Found]) -> list[_Found]:
    """Leave out a reported clause whose cue lies inside another quote's content ("said he
    would consider it an insult", "told them the plan shows promise"): the inner verb is
    part of what the outer speaker said, not an attribution of its own ("said the aides
    had said ..." included), unless it is "according to" (see ``NESTED_CUES``)."""

    def kept(outer: Sequence[_Found]) -> list[_Found]:
        covered = _covered_by_other([f for f in outer if not f.holds_quote])
        return [
            f
            for f in found
            if f.kind != "indirect"
            or f.cue is None
            or f.cue.token.lemma_.lower() in NESTED_CUES
            or not covered(f.cue.token.idx, f.cue)
        ]

    # only a quote that is no nested clause itself hides what lies inside it
    return kept(kept(found))


def _covered_by_other(outer: Sequence[_Found]) -> Callable[[int, Cue], bool]:
    """Whether a char offset lies in a part of one of the ``outer`` quotes whose cue is not
    the given one (a ``SpanIndex`` over their parts: testing every quote per clause made 85k
    tests on a 25-article DUC 2006 cluster)."""
    index = SpanIndex((a, b, n) for n, o in enumerate(outer) for a, b in o.parts)

    def covered(at: int, cue: Cue) -> bool:
        return any(outer[n].cue is not cue for n in index.holding(at))

    return covered


def _in_clause(region: _Region, cue: Cue | None) -> bool:
    if cue is None or cue.content is None:
        return False
    return _contains((cue.content[0][0], cue.content[-1][1]), region.parts)


def _title(region: _Region, text: str) -> bool:
    """A few quoted words in title case outside any reported clause are the name of a show,
    book or song ("on “Harbor Talk,”", "“The Long Pier”", "“48 Hours”"), not words someone
    said. A number counts as a capitalized word."""
    words = re.findall(r"\w[\w'’-]*", text[region.start : region.end])
    if not 2 <= len(words) < MIN_PARTIAL_WORDS:
        return False  # one capitalized word is as often a name or an adjective ("Dangerous")
    return _title_word(words[0]) and all(
        _title_word(w) or w.lower() in _TITLE_SMALL_WORDS for w in words
    )


def _title_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _contains(outer: tuple[int, int], parts: Sequence[tuple[int, int]]) -> bool:
    return outer[0] <= parts[0][0] and parts[-1][1] <= outer[1]


def _paragraph_of(text: str) -> Any:
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]

    def index(pos: int) -> int:
        return sum(1 for s in starts if s <= pos) - 1

    return index


def extract_quotes(parsed_article: ParsedArticle) -> tuple[Quote, ...]:
    """Direct, partial and reported quotes of one article, in text order, with speakers.
    Found once per article (the quote groups and the facts' speaker check both read them)."""
    return parsed_article.memo("quotes.extract", lambda: _extract_quotes(parsed_article))


def _extract_quotes(parsed_article: ParsedArticle) -> tuple[Quote, ...]:
    parsed = parsed_article
    text = parsed.article.text
    regions = quote_regions(text)
    people = PersonIndex.of(parsed.doc, [p for r in regions for p in r.parts])
    paragraph = _paragraph_of(text)
    recent: str | None = None
    # the last speaker quoted that is no group ("Republicans"): the one "he" or "she" means
    # when a group was quoted since
    recent_one: str | None = None
    recent_at = recent_one_at = since = 0
    previous: Quote | None = None
    quotes = []
    by_cue: dict[int, Speaker | None] = {}
    for item in _find(parsed, regions):
        if item.continued and item.cue is not None and item.cue.token.i in by_cue:
            speaker = by_cue[item.cue.token.i]  # the quotation its cue was resolved for
        else:
            cue = _voiced(item, _replying(item))
            singular = cue is not None and _singular_pronoun(cue.subject)
            speaker = _speaker(cue, people, recent_one if singular else recent, since)
        if item.cue is not None:
            by_cue.setdefault(item.cue.token.i, speaker)
        if speaker is not None:
            people = people.referred_to(speaker)
        if speaker is None and _continues(item, previous, paragraph, parsed.doc):
            speaker = _previous_speaker(previous)
        quote = _quote(parsed, item, speaker)
        # (people quoted together are no one "he", "she" or "the mayor" can mean)
        if speaker is not None and _one_named(speaker.name, people):
            recent, recent_at = speaker.name, paragraph(item.parts[0][0])
            if not _group_mention(parsed.doc, speaker):
                recent_one, recent_one_at = recent, recent_at
            # people named after the quote and its speaker mention compete with them
            since = max(since, item.parts[-1][1], speaker.end)
        here = paragraph(item.parts[0][0])
        if recent is not None and here - recent_at > RECENT_PARAGRAPHS:
            recent = None
        if recent_one is not None and here - recent_one_at > RECENT_PARAGRAPHS:
            recent_one = None
        quotes.append(quote)
        previous = quote if quote.speaker else previous
    return tuple(quotes)


def _replying(item: _Found) -> Cue | None:
    """The cue of a found quote; a quotation an "Asked ..." participle introduces is the
    reply of the one asked ('Asked whether ..., Roe shot back: “...”'), though what was
    asked has no speaker (nor has a quotation inside the question: a poll's wording)."""
    cue = item.cue
    if cue is None or cue.subject is not None or item.kind != "direct":
        return cue
    replier = answerer(cue.token)
    if replier is None:
        return cue
    # read from the replying verb, as a cue of its own would be ("who told the panel, when
    # asked, “...”": the relative pronoun is the mention)
    return replace(cue, token=cue.token.head, subject=replier)


def _voiced(item: _Found, cue: Cue | None) -> Cue | None:
    """The cue whose speaker quoted words are: a quotation's own cue, unless that is one of
    showing or finding whose subject says nothing ('the vote shows “the town is split”'),
    when it is the nearest verb above it with a subject who speaks ('Roe made the case that
    the vote shows “...”': Roe's words)."""
    if cue is None or item.kind == "indirect" or cue.subject is None:
        return cue
    if not _says_nothing(cue.token, [cue.subject]):
        return cue
    for verb in cue.token.ancestors:
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and agentive(c)]
        if subjects:
            return replace(cue, token=verb, subject=subjects[0])
    return cue


def _singular_pronoun(subject: Any) -> bool:
    return subject is not None and subject.lower_ in PERSONAL_PRONOUNS


def _group_mention(doc: Any, speaker: Speaker) -> bool:
    """Whether a speaker mention names a group ("Republicans", "Senate Democrats", "the
    aides"): a plural noun at its head, which "he" or "she" cannot continue ("a Democrat"
    can)."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.tag_ in ("NNS", "NNPS")


def _one_named(name: str | None, people: PersonIndex) -> bool:
    """Whether a speaker is one named person or organization, not several quoted together
    ("Jonas Weil and Emil Weil") nor a description opening a sentence ("Your letters")."""
    if not name or not name[:1].isupper():
        return False
    if any(n == name for _, n, _ in people.people):
        return True
    return " and " not in name and name.split()[0].lower() not in _DESCRIPTION_OPENINGS


# Words that open a description, not a name ("Your public statements", "These groups").
_DESCRIPTION_OPENINGS = frozenset(
    {"a", "an", "your", "my", "our", "his", "her", "their", "its", "this", "these", "those"}
)


def _previous_speaker(previous: Quote | None) -> Speaker | None:
    """The speaker of the quote before, mention included (the mention a reader goes back to)."""
    if previous is None:
        return None
    text = previous.speaker_text or ""
    return Speaker(
        text, previous.speaker_start, previous.speaker_end, previous.speaker, previous.role
    )


def _speaker(
    cue: Cue | None, people: PersonIndex, recent: str | None, since: int
) -> Speaker | None:
    if cue is None or cue.subject is None:
        return None
    subject = cue.subject
    relative = _relative_clause_verb(cue.token)
    if subject.lower_ in ("who", "that", "which") and relative is not None:
        # the relative pronoun is the mention (as "he" is), named after whom it is about;
        # PolNeAR's Sources are such pronouns: train (300 texts) speaker accuracy 0.891 with
        # the antecedent as the mention, 0.911 with the pronoun
        head = describe(relative.head, people, recent, since)
        if head is not None:
            return replace(
                head, text=subject.text, start=subject.idx, end=subject.idx + len(subject)
            )
    return describe(subject, people, recent, since)


def _relative_clause_verb(verb: Any) -> Any | None:
    """The verb of the relative clause a cue opens or goes on ("a statement that called the
    plan rushed and noted ...": "called" for "noted" too); None outside one."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.dep_ == "relcl" else None


def _continues(item: _Found, previous: Quote | None, paragraph: Any, doc: Any) -> bool:
    """An uncued quotation goes on from the last attributed quote when that one is in the
    same paragraph or the one before ("X said on Monday. “...”" / a quote's next paragraph),
    and its speaker is one who speaks: "Television images showed crowds cheering" gives the
    next quotation, a police tweet, no speaker."""
    if (
        item.cue is not None
        or item.kind != "direct"
        or previous is None
        or previous.speaker is None
    ):
        return False
    near = paragraph(item.parts[0][0]) - paragraph(previous.start) <= CONTINUED_PARAGRAPHS
    return near and _speaks(previous, doc)


def _speaks(quote: Quote, doc: Any) -> bool:
    """Whether a quote's speaker is one who may go on to say more: one whose mention has a
    word for someone who can say words (``reported_speech.agentive``), or whose cue is not
    one of showing or thinking (``WEAK_CUES``: "images showed", "the data find")."""
    if quote.speaker_start < 0 or quote.cue_start < 0:
        return True
    cue = doc.char_span(quote.cue_start, quote.cue_start + 1, alignment_mode="expand")
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return cue is None or span is None or not _says_nothing(cue.root, span)


def _says_nothing(cue: Any, mention: Any) -> bool:
    """Whether a cue of showing or thinking (``WEAK_CUES``) has a speaker mention with no
    word for someone who can say words ("images showed", "the vote shows")."""
    return cue_lemma(cue) in WEAK_CUES and not any(map(agentive, mention))


def _opened(words: str, before: str) -> str:
    """``words`` with the quotation they close opened, when the article opens it right before
    them (``before``: the text that precedes): a reported clause that opens with a quotation
    ('"We are saddened" by the closing of the pier, Roe said') starts after its opening
    mark, and shown without it the closing mark has no partner."""
    opening = before.rstrip(" ")[-1:]
    if words.count(_STRAIGHT) % 2 and opening == _STRAIGHT:
        return _STRAIGHT + words
    if words.count(_CLOSE) > words.count(_OPEN) and opening == _OPEN:
        return _OPEN + words
    return words


def _closed(words: str, after: str) -> str:
    """``words`` with a quotation they open closed, when the article closes it right after
    them (``after``: the text that follows): reported speech that ends in a partial quote
    stops before its closing mark ('the order "will cost jobs'). Words that stop inside a
    quotation stay open: a closing mark there would say the quotation ends where it does
    not ('would take "at least a year' of '"at least a year, maybe two"')."""
    closing = after.lstrip(" .,;:!?…")[:1]
    if words.count(_STRAIGHT) % 2 and closing == _STRAIGHT:
        return words + _STRAIGHT
    if words.count(_OPEN) > words.count(_CLOSE) and closing == _CLOSE:
        return words + _CLOSE
    return words


def _cue_phrase(token: Any) -> str:
    """A cue as shown: the phrase it opens ("according to", "in the words of"), else itself,
    in lower case where only opening the sentence capitalized it ("Asked ...": "asked")."""
    if token.lower_ == "according":
        return "according to"
    if words_of(token) is not None:
        return "in the words of"
    opening = token.is_sent_start and token.text[:1].isupper() and token.text[1:].islower()
    return token.lower_ if opening else token.text


def _quote(parsed: ParsedArticle, item: _Found, speaker: Speaker | None) -> Quote:
    if speaker is not None and speaker.name and not any(c.isalpha() for c in speaker.name):
        speaker = None  # marks, no name ("███": a redaction the parse took for a subject)
    text = parsed.article.text
    start, end = item.parts[0][0], item.parts[-1][1]
    words = " ".join(text[a:b].strip() for a, b in item.parts)
    # A closing comma is the reporting sentence's ("... with crimes," he said), not the
    # speaker's: shown, it reads as a quote cut off mid-sentence. (The spans keep it.)
    words = _PARAGRAPH_BREAK.sub(" ", words).strip().removesuffix(",").rstrip()
    words = _closed(_opened(words, text[max(0, start - 8) : start]), text[end : end + 8])
    cue = item.cue
    cue_text = None
    if cue is not None:
        cue_text = _cue_phrase(cue.token)
    return Quote(
        article_id=parsed.id,
        sentence=_sentence_at(parsed, start),
        text=words,
        speaker=speaker.name if speaker else None,
        cue=cue_text,
        kind=item.kind,
        start=start,
        end=end,
        role=speaker.role if speaker else None,
        spans=item.parts,
        speaker_text=speaker.text if speaker and speaker.text else None,
        speaker_start=speaker.start if speaker else -1,
        speaker_end=speaker.end if speaker else -1,
        cue_start=cue.token.idx if cue else -1,
    )
