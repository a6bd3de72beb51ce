"""Loaded language: spans with loaded, emotive or editorializing wording, each with its
reason (the rules and lexicons are in ``lexicon.py``), and sentences whose own wording reads
as biased as a whole.

Words inside quotation marks are the speaker's, not the outlet's: they are reported with
``quoted=True`` and count at ``QUOTED_WEIGHT`` in sentence penalties and bias scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from .lexicon import (
    RARE_ADJECTIVE_WEIGHT,
    UNCOMMON_WORD_WEIGHT,
    Hit,
    Lexicon,
    lexical_hits,
    load_lexicon,
)
from .model import BiasedSentence, Citation, LoadedSpan
from .nlp import ParsedArticle
from .opinion_words import leading_words, opinion_score
from .outlets import outlet_mentions, without_outlets

# A quoted word counts this much toward its sentence's penalty: the speaker chose it, but
# the outlet chose to quote it. Calibrated with CUE_WEIGHTS on AllSides opinion/news
# sentences (half A macro-F1 over 0 / 0.5 / 1: 0.631 / 0.632 / 0.630, flat; 0.5 kept).
QUOTED_WEIGHT = 0.5
# A loaded word in indirect speech ("Smith said the plan was a disaster") counts this much
# in sentence bias: like a quoted word, it is the speaker's wording the outlet reports.
# Calibrated on the AllSides calibration set with the cue weights fixed (half A macro-F1,
# half B in brackets): 1 (no discount) 0.6328 (0.574); 0.5 0.6355 (0.579); 0 0.6334 (0.582).
# The speech verbs are _SPEECH_CUES (adding believe/accuse/allege/suggest/note: A 0.6353).
REPORTED_WEIGHT = 0.5
# How many heads up from a loaded word the reported clause's verb may be (AllSides A: 2
# 0.6328, 4 0.6342, 6 0.6355, 10 0.6355).
REPORTED_DEPTH = 6
# Sentence loadedness (sum of span weights) that makes the summarizer's penalty 1.0: a
# sentence with one full-weight loaded word gets 0.5 (set by that rule, not fitted).
PENALTY_SCALE = 2.0

# Tried and removed: a logistic word model trained on BASIL lex spans, adding words the rules
# miss, made BABE worse (words P 0.540 -> 0.513, R 0.464 -> 0.481, macro-F1 0.7254 -> 0.7245;
# its lemma weights memorised BASIL topics). See commit 363e220.

_QUOTE_RE = re.compile(
    # Wire text set for typewriter quotes (``Yes,'' she said) and archives writing two
    # apostrophes for a double mark (''Yes,'' she said), as quotes.py reads them.
    r"``[^\n]{1,1500}?''|''[^'\n]{1,1500}''|"
    r"“[^”\n]{1,1500}”|\"[^\"\n]{1,1500}\"|‘[^’\n]{1,300}’(?![a-z])"
    # Straight single marks, as headlines quote ("Court rejects 'sham' appeal"): one that
    # opens follows no letter (an apostrophe does: "Trump's", "voters'"), one that closes is
    # followed by none.
    r"|(?<![\w'’])'(?=[^\s'])[^'\n]{1,300}(?<=[^\s'])'(?![\w'’])"
)
_SCARE_MAX_WORDS = 3


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Char ranges (inside the marks) of quotations in ``text``, within one paragraph."""
    return [(m.start() + _mark_width(m), m.end() - _mark_width(m)) for m in _QUOTE_RE.finditer(text)]


def _mark_width(match: re.Match[str]) -> int:
    """Characters of a quotation's marks: two for ``...'' and ''...'', else one."""
    return 2 if match.group()[:2] in ("``", "''") else 1


def enclosing_range(start: int, ranges: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    return next((r for r in ranges if r[0] <= start < r[1]), None)


def _adverb_adjective(hit: Hit, doc: Any) -> Hit:
    """Widen an evaluative adjective to its adverb ("<adv>ly <adj>"): the adverb sharpens it."""
    head = doc[hit.start]
    adverbs = [
        c
        for c in head.lefts
        if c.dep_ == "advmod" and c.i == hit.start - 1 and c.lower_.endswith("ly")
    ]
    if head.pos_ == "ADJ" and hit.end - hit.start == 1 and adverbs:
        return Hit(adverbs[0].i, hit.end, "evaluative adverb+adjective")
    return hit


_SPEECH_CUES = {
    "say",
    "call",
    "tell",
    "term",
    "dub",
    "label",
    "write",
    "describe",
    "brand",
    "add",
    "state",
    "declare",
    "warn",
    "argue",
    "insist",
    "claim",
    "name",
}


def in_reported_speech(doc: Any, start: int, end: int) -> bool:
    """Whether the words at [start, end) lie in a clause reported after a speech verb
    ("Smith said the plan was a disaster"): indirect speech, the speaker's wording."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(REPORTED_DEPTH):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in _SPEECH_CUES:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _attributed(doc: Any, start: int, end: int) -> bool:
    """Whether a quoted fragment hangs off a speech verb (a partial quote, not a scare quote)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(3):
        if token.lemma_.lower() in _SPEECH_CUES:
            return True
        if token.head is token:
            break
        token = token.head
    return False


def _scare_quotes(
    parsed: ParsedArticle, ranges: Sequence[tuple[int, int]], sentence: Any
) -> list[tuple[int, int]]:
    """Short quoted fragments (a word or three) the writer sets off without attributing."""
    text = parsed.article.text
    found = []
    for start, end in ranges:
        if text[start - 1] == "'":
            continue  # a headline's quotation marks, not a writer's irony (see _QUOTE_RE)
        fragment = text[start:end]
        words = fragment.split()
        inside_sentence = sentence.start < start - 1 and end <= sentence.end
        # A capitalised fragment is a title or name, one ending in punctuation a quoted
        # remark: neither is the writer's irony.
        ironic = fragment[:1].islower() and fragment[-1:].isalnum()
        if (
            inside_sentence
            and ironic
            and 0 < len(words) <= _SCARE_MAX_WORDS
            and not _attributed(parsed.doc, start, end)
        ):
            found.append((start - 1, end + 1))
    return found


def _target_person(token: Any) -> bool:
    """Whether an adjective or adverb judges a named person: it modifies a person's name
    ("the feckless Smith"), is predicated of one ("Smith was feckless"), or describes how
    one acted ("Smith brazenly lied")."""
    head = token.head
    if token.dep_ in ("acomp", "attr", "advmod") and head.pos_ in ("AUX", "VERB"):
        head = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), head)
    return head.ent_type_ == "PERSON"


ABOUT_PERSON = ", about a named person"


def _about_person(hit: Hit, doc: Any) -> Hit:
    """Say so in the reason when a loaded adjective or adverb judges a named person."""
    word = doc[hit.end - 1]
    if word.pos_ in ("ADJ", "ADV") and _target_person(word):
        return Hit(hit.start, hit.end, hit.reason + ABOUT_PERSON)
    return hit


def _widened_hits(hits: Sequence[Hit], doc: Any) -> list[Hit]:
    """Adjective hits widened to their adverb; a hit inside a widened one is dropped (the
    adverb of "<adv>ly <adj>" is not a second loaded word)."""
    widened = [_about_person(_adverb_adjective(hit, doc), doc) for hit in hits]
    return [
        h
        for h in widened
        if not any(o != h and o.start <= h.start and h.end <= o.end for o in widened)
    ]


def _sentence_spans(
    parsed: ParsedArticle, index: int, lexicon: Lexicon, ranges: Sequence[tuple[int, int]]
) -> list[LoadedSpan]:
    sentence = parsed.sentences[index]
    tokens = parsed.sentence_span(index)
    text = parsed.article.text
    spans = []
    for hit in _widened_hits(lexical_hits(tokens, lexicon), parsed.doc):
        start, end = (
            parsed.doc[hit.start].idx,
            parsed.doc[hit.end - 1].idx + len(parsed.doc[hit.end - 1]),
        )
        quoted = enclosing_range(start, ranges) is not None
        spans.append(LoadedSpan(parsed.id, index, text[start:end], hit.reason, start, end, quoted))
    for start, end in _scare_quotes(parsed, ranges, sentence):
        spans.append(
            LoadedSpan(parsed.id, index, text[start:end], "scare quotes", start, end, False)
        )
    return sorted(spans, key=lambda s: (s.start, s.end))


def loaded_spans(
    parsed_article: ParsedArticle, lexicon: Lexicon | None = None
) -> tuple[LoadedSpan, ...]:
    """Loaded, emotive or editorializing spans of one article, each with its reason."""
    lexicon = lexicon or load_lexicon()
    ranges = quoted_ranges(parsed_article.article.text)
    spans: list[LoadedSpan] = []
    for sentence in parsed_article.sentences:
        spans.extend(_sentence_spans(parsed_article, sentence.index, lexicon, ranges))
    return tuple(spans)


# Half-weight span classes. Scare quotes: set by judgement (the marks distance the writer,
# the words inside may be neutral); they never fire on the AllSides calibration sentences,
# so nothing there could calibrate them. The uncommon classes: see RARE_ADJECTIVE_WEIGHT
# and UNCOMMON_WORD_WEIGHT.
_SPAN_WEIGHT = {
    "scare quotes": 0.5,
    "uncommon adjective": RARE_ADJECTIVE_WEIGHT,
    "uncommon adverb": RARE_ADJECTIVE_WEIGHT,
    "negative adjective": UNCOMMON_WORD_WEIGHT,
    "uncommon verb": UNCOMMON_WORD_WEIGHT,
    "uncommon noun": UNCOMMON_WORD_WEIGHT,
}


def span_weight(span: LoadedSpan, quoted_weight: float | None = None) -> float:
    """How much a span loads its sentence (quoted words count ``quoted_weight``, by default
    ``QUOTED_WEIGHT``)."""
    weight = _SPAN_WEIGHT.get(span.reason.removesuffix(ABOUT_PERSON), 1.0)
    if not span.quoted:
        return weight
    return weight * (QUOTED_WEIGHT if quoted_weight is None else quoted_weight)


# A quoted loaded word does not count toward the summary's penalty (it does toward sentence
# bias, at QUOTED_WEIGHT): inside quotation marks the words are the speaker's, attributed,
# and a neutral summary may report them. NeuS dev ROUGE-1/2 F1 (tuned on the even half,
# SUMMARY_QUOTED_WEIGHT 0.5 / 0): all 45.24 / 21.06 -> 45.40 / 21.24, even 46.00 / 22.80 ->
# 46.31 / 23.16, odd 44.48 / 19.32 unchanged; DUC 2006 focused / generic R-2 0.1012 / 0.0974
# -> 0.1012 / 0.0972; the seeds summary stays free of "illegal aliens".
SUMMARY_QUOTED_WEIGHT = 0.0


def penalties_from_spans(spans: Iterable[LoadedSpan]) -> dict[Citation, float]:
    """Each sentence's summary penalty from its loaded spans (``PENALTY_SCALE``; quoted
    spans count ``SUMMARY_QUOTED_WEIGHT``); sentences with no span are left out."""
    loadedness: dict[Citation, float] = {}
    for span in spans:
        key = Citation(span.article_id, span.sentence)
        loadedness[key] = loadedness.get(key, 0.0) + span_weight(span, SUMMARY_QUOTED_WEIGHT)
    return {c: min(1.0, v / PENALTY_SCALE) for c, v in loadedness.items()}


def sentence_penalties(
    parsed: Sequence[ParsedArticle], spans: Iterable[LoadedSpan] | None = None
) -> dict[Citation, float]:
    """Penalty in [0, 1] for every sentence (0 = plain reporting; 1 = heavily loaded).

    ``spans``: the loaded spans already found for these articles (``Framing.loaded``), so
    they are not looked for twice."""
    if spans is None:
        lexicon = load_lexicon()
        spans = [span for article in parsed for span in loaded_spans(article, lexicon)]
    penalties = {Citation(p.id, s.index): 0.0 for p in parsed for s in p.sentences}
    penalties.update(penalties_from_spans(spans))
    return penalties


# --- sentence bias: loaded wording weighed against reporting and opinion cues -------------

# What a sentence's form says beside its words: plain reporting dates, counts and attributes
# ("said on Tuesday", "3 percent"); editorializing addresses the reader, asks, exclaims,
# leans on stance particles ("even", "just") or is a punchy headline with no final stop.
# Each cue adds its weight (in loaded-word units) to the sentence's span weights.
# Calibrated without BABE, on AllSides dev: 1,440 sentences (3 per article, balanced) from
# 240 opinion-page articles (URL under /opinion/, /commentary/, /editorial/ ...) vs 240
# straight-news articles, labelled by their article's genre; articles split in two halves
# by id. Grid over {-1, -0.5, 0, 0.5, 1} per cue, the threshold over {0.25, 0.5, 0.75, 1}
# and QUOTED_WEIGHT over {0, 0.5, 1} on half A: sentence macro-F1 0.632 (span weights alone
# 0.558), half B 0.569 (alone 0.513); labels are noisy (opinion pieces report facts too),
# hence the modest figures. With today's lexicon 0.634 / 0.571 (``bench/framing.py
# --calibration`` rebuilds the set and prints both; with the AllSides text read as prose by
# clean.untokenized, as ingest now reads it, 0.688 / 0.656 against 0.700 / 0.634 with the
# bench's earlier detokenizer). Also tried: one weight per span reason
# fitted by logistic regression on half A: BABE dev ROC AUC fell from 0.78 to 0.72, so every
# loaded span keeps weight 1 (0.5 for the weak classes in ``_SPAN_WEIGHT``). Tried first:
# BASIL dev sentences with a lex span vs none: its best weights (+1 for dates, -1 for
# questions) fit BASIL's long quote-heavy articles and dropped BABE dev macro-F1 to 0.56, so
# not used. BABE is only measured (bench/framing.py).
# Cues tried and left out earlier (each moved BABE dev macro-F1 by < 0.006): predicative
# adjectives, -ly adverbs, negation, contrast conjunctions, superlatives, modals,
# intensifiers, dashes and colons, sentence length.
# The date and number cues count only calendar dates ("on Tuesday", "in 2019", "last week")
# and figures in digits: vague spans ("for decades", "years") and counts in words ("millions
# of Americans") are opinion's as much as news's. Checked on the same AllSides halves (A /
# B): any date and number 0.6355 / 0.5747, calendar dates 0.6323 / 0.5797, and figures in
# digits 0.6344 / 0.5800 (A within noise, B up); the grid above, re-run with both, picks
# these weights again ("no final punctuation" 1.0 scores 0.6360 on A, a tie kept at 0.5).
# Re-run after REPORTED_WEIGHT: the best on A (first or second person 0.5, stance particle
# 1.0, no final punctuation 1.0) scores 0.6385 / 0.5765 against 0.6355 / 0.5790 for these:
# within noise, kept.
# Also tried on AllSides (BABE only measured): a logistic regression over span weight and
# the cues fitted on half A (B ROC AUC 0.658; BABE dev AUC 0.746 and macro-F1 0.669 against
# 0.786 / 0.711 for these weights); with 22 more features (superlatives, intensifiers,
# hedges, modals, negation, subjectivity and valence aggregates, quoted share, length) B AUC
# 0.659, BABE AUC 0.723: opinion-vs-news labels reward genre (length, names, attribution)
# more than wording. Extra cues one at a time (weights -0.5..1): hedges +0.5 raise A to
# 0.653 and B to 0.585 but drop BABE dev to 0.712 (left out: the genre labels, not loaded
# wording, favour them); deontic modals, negation, superlatives, intensifiers, contrast
# conjunctions and universal words ("always", "nobody") move A by < 0.01; more reporting
# verbs (add, note, explain, confirm ...), named people or organisations, and stance
# particles not before a number ("only 3", "just a") lower A; labels given with "call",
# "dub", "describe ... as" counted as reported speech leave A flat (0.6355) and B lower.
CUE_WEIGHTS = {
    "date or time": -1.0,
    "number": -0.5,
    "attribution": -1.0,
    "first or second person": 1.0,
    "question or exclamation": 1.0,
    "stance particle": 0.5,
    "no final punctuation": 0.5,
}
# A sentence reads as biased at this score: half a loaded word net of its cues (calibrated
# with CUE_WEIGHTS on AllSides half A, as above: 0.25 and 0.5 tie, 0.75 and 1.0 lower).
BIASED_SCORE = 0.5
# The opinion-word score (``opinion_words``: log-odds that a sentence's words outside quotes
# are an opinion page's, from single-word weights trained on AllSides dev genre) counts this
# much in loaded-word units. Calibrated with the protocol above on the same AllSides
# calibration set (same halves: crc32 of the article id), the word model of each half
# trained on the other half's articles only (cross-fitted), together with the word model's
# regularization C: ``scripts/train_opinion_words.py`` re-runs the (C, weight) grid and keeps
# the pair best on half A. Half A macro-F1 (half B) at BIASED_SCORE 0.5 for weight 0 / 0.5 /
# 1 with the shipped C 0.02: 0.623 (0.583) / 0.633 (0.594) / 0.674 (0.617); ROC AUC A 0.679 /
# 0.722 / 0.742 (B 0.629 / 0.670 / 0.689); weight 1 wins at every C (0.003 to 0.3). With
# weight 1, BIASED_SCORE 0.25 scores 0.669 on A (0.5 kept). The grid is the cue grid's ({0,
# 0.5, 1}); beyond it these genre labels keep rewarding the genre-trained score (1.5: 0.680
# for an earlier word model), which says more about the labels than about biased wording, so
# 1 is kept. Not on BABE (measured after each choice: sentence macro-F1 0.7231 without the
# score, 0.7422 with the C 0.01 model, 0.7494 with C 0.03, 0.7528 with C 0.02, which ties
# C 0.03 on half A once the grid had 0.02 and 0.05; bench/framing.py), not on BASIL
# (there the word score does not rank lexical-bias sentences, ROC AUC 0.44 alone: BASIL's
# sentences with a bias span are mostly attributed news reporting; 0.49-0.50 against its
# sentences with an unquoted lex span only).
OPINION_WEIGHT = 1.0
_ATTRIBUTION_LEMMAS = {"say", "tell", "announce", "report"}
_STANCE_PARTICLES = {"even", "just", "actually", "simply", "really", "only"}
_READER_PERSON = {"i", "me", "my", "we", "us", "our", "you", "your"}
_DATE_LABELS = {"DATE", "TIME"}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_FINAL_MARKS = frozenset(".!?…:;\"'”’)")


_CALENDAR_RE = re.compile(
    r"\d|\b((mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june"
    r"|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?"
    r"|oct|nov|dec|today|tonight|yesterday|tomorrow|this|last|next|earlier|later)\b",
    re.I,
)


def _reporting_date(ent: Any) -> bool:
    """A date or time that pins the sentence to a moment ("on Tuesday", "in March 2019",
    "last week"), as reporting does; vague spans ("for decades", "years", "these days")
    are as common in opinion."""
    return ent.label_ in _DATE_LABELS and _CALENDAR_RE.search(ent.text) is not None


def _reported_figure(ent: Any) -> bool:
    """A figure written in digits ("3 percent", "$40 million", "1,200 people"); counts in
    words ("millions of Americans", "one") are as common in opinion."""
    return ent.label_ in _NUMBER_LABELS and any(c.isdigit() for c in ent.text)


def sentence_cues(
    parsed: ParsedArticle, index: int, ranges: Sequence[tuple[int, int]] | None = None
) -> tuple[str, ...]:
    """Names of the ``CUE_WEIGHTS`` cues in sentence ``index`` (words outside quotes only)."""
    ranges = quoted_ranges(parsed.article.text) if ranges is None else ranges
    span = parsed.sentence_span(index)
    if span is None or not len(span):
        return ()
    # Only the quotations that overlap the sentence can hold its words.
    local = [r for r in ranges if r[0] < span.end_char and r[1] > span.start_char]
    own = [t for t in span if enclosing_range(t.idx, local) is None] if local else list(span)
    ents = parsed.sentence_ents(index)
    # the words' lower-case forms read once for three of the tests, not once per test
    lowers = {t.lower_ for t in own}
    text = span.text
    found = {
        "date or time": any(_reporting_date(e) for e in ents),
        "number": any(_reported_figure(e) for e in ents),
        "attribution": any(t.lemma_.lower() in _ATTRIBUTION_LEMMAS for t in own)
        or "according to" in text.lower(),
        "first or second person": not lowers.isdisjoint(_READER_PERSON),
        "question or exclamation": "?" in lowers or "!" in lowers,
        "stance particle": not lowers.isdisjoint(_STANCE_PARTICLES),
        "no final punctuation": text.rstrip()[-1:] not in _FINAL_MARKS,
    }
    return tuple(name for name, present in found.items() if present)


def own_text(text: str, start: int, end: int, ranges: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` without its quotations (marks included): the outlet's own words."""
    parts, position = [], start
    for first, last in ranges:
        first, last = max(first - 1, position), min(last + 1, end)
        if first < last:
            parts.append(text[position:first])
            position = last
    parts.append(text[position:end])
    return " ".join(parts)


def _scored_text(
    parsed_article: ParsedArticle, index: int, ranges: Sequence[tuple[int, int]]
) -> str:
    """What the opinion-word model reads of sentence ``index``: the outlet's own words
    (outside the quotations ``ranges``) without the outlet's own name. "The Liberty Ledger
    has learned" says who writes, not how; yet "liberty" and "courier" carry
    opinion weight in the model."""
    text, sentence = parsed_article.article.text, parsed_article.sentences[index]
    own_name = parsed_article.memo(
        "loaded.own_name", lambda: outlet_mentions([parsed_article.article.outlet or ""])
    )
    return without_outlets(own_text(text, sentence.start, sentence.end, ranges), own_name)


def _sentence_signals(parsed_article: ParsedArticle) -> dict[int, tuple[tuple[str, ...], float]]:
    """Each sentence's cues and opinion-word score (before ``OPINION_WEIGHT``), worked out
    once per article: ``sentence_bias`` and ``biased_sentences`` both read them."""
    ranges = quoted_ranges(parsed_article.article.text)
    return {
        s.index: (
            sentence_cues(parsed_article, s.index, ranges),
            opinion_score(_scored_text(parsed_article, s.index, ranges)),
        )
        for s in parsed_article.sentences
    }


def _opinion_words(
    parsed_article: ParsedArticle, index: int, ranges: Sequence[tuple[int, int]]
) -> tuple[str, ...]:
    """The words behind sentence ``index``'s opinion-word score. Worked out again for the
    few sentences flagged, rather than keeping every sentence's own text with its signals."""
    return leading_words(_scored_text(parsed_article, index, ranges))


def _signals(parsed_article: ParsedArticle) -> dict[int, tuple[tuple[str, ...], float]]:
    """``_sentence_signals``, kept on the article."""
    return parsed_article.memo("loaded.signals", partial(_sentence_signals, parsed_article))


def sentence_bias(
    parsed_article: ParsedArticle, spans: Iterable[LoadedSpan] | None = None
) -> dict[int, float]:
    """Bias score of every sentence: its loaded spans' weights plus its cues' weights plus
    ``OPINION_WEIGHT`` times its opinion-word score. A sentence reads as biased at
    ``BIASED_SCORE`` or above."""
    spans = loaded_spans(parsed_article) if spans is None else spans
    signals = _signals(parsed_article)
    scores = {
        index: sum((CUE_WEIGHTS[c] for c in cues), 0.0) + OPINION_WEIGHT * opinion
        for index, (cues, opinion) in signals.items()
    }
    for span in spans:
        weight = span_weight(span)
        if not span.quoted and in_reported_speech(parsed_article.doc, span.start, span.end):
            weight *= REPORTED_WEIGHT
        scores[span.sentence] = scores.get(span.sentence, 0.0) + weight
    # Rounded: the word weights have four decimals, so more digits are float noise.
    return {index: round(score, 4) for index, score in scores.items()}


# A question that opens a paragraph the writer then answers is a heading of a question-
# and-answer explainer ("What happened? The agency announced ..."), when the article has at
# least this many; at most QA_HEADING_WORDS words.
QA_HEADINGS_MIN = 2
QA_HEADING_WORDS = 10


def qa_headings(parsed_article: ParsedArticle) -> frozenset[int]:
    """Indexes of the sentences that head an explainer's paragraphs as questions: short
    questions opening a paragraph that goes on after them, two or more in the article. A
    question that structures reporting is not a rhetorical one (the opinion cue)."""
    text, sentences = parsed_article.article.text, parsed_article.sentences

    def gap_breaks(i: int) -> bool:  # a paragraph break between sentence i - 1 and i
        return i == 0 or i == len(sentences) or "\n" in text[sentences[i - 1].end : sentences[i].start]

    found = frozenset(
        s.index
        for i, s in enumerate(sentences)
        if s.text.rstrip().endswith("?")
        and len(s.text.split()) <= QA_HEADING_WORDS
        and gap_breaks(i)
        and not gap_breaks(i + 1)
    )
    return found if len(found) >= QA_HEADINGS_MIN else frozenset()


def biased_sentences(
    parsed_article: ParsedArticle, spans: Iterable[LoadedSpan] | None = None
) -> tuple[BiasedSentence, ...]:
    """The sentences whose own wording reads as biased: ``sentence_bias`` over the spans
    outside quotation marks reaches ``BIASED_SCORE``. Each names the cues that raised its
    score and its loaded spans ("reason: words"). An explainer's question headings
    (``qa_headings``) are not among them."""
    spans = loaded_spans(parsed_article) if spans is None else spans
    own = [s for s in spans if not s.quoted]
    signals = _signals(parsed_article)
    ranges = quoted_ranges(parsed_article.article.text)  # read once, not once per sentence
    headings = qa_headings(parsed_article)
    found = []
    for index, score in sorted(sentence_bias(parsed_article, own).items()):
        if score < BIASED_SCORE or index in headings:
            continue
        cues = [c for c in signals[index][0] if CUE_WEIGHTS[c] > 0]
        if OPINION_WEIGHT * signals[index][1] > 0:
            words = _opinion_words(parsed_article, index, ranges)
            cues.append(f"opinion-page wording: {', '.join(words)}")
        cues += [f"{s.reason}: {s.text}" for s in own if s.sentence == index]
        text = parsed_article.sentences[index].text
        found.append(BiasedSentence(parsed_article.id, index, round(score, 3), tuple(cues), text))
    return tuple(found)
