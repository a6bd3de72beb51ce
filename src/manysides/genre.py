"""Genre of an article: news, opinion/analysis, press release or aggregation, with the
reasons that decided it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .clean import DISCLAIMER, TRUNCATION
from .loaded import enclosing_range, loaded_spans, quoted_ranges
from .model import ArticleLabel, LoadedSpan
from .nlp import ParsedArticle

# Pointers to the full text elsewhere. Not "first appeared" or "originally published":
# reporting says that of the stories it cites ("her account first appeared in a magazine"),
# and a credit line saying it of the article itself is a republished whole article, which
# cleaning sets apart (clean.SYNDICATION). Cleaning sets apart the pointers too: a removed
# truncation notice counts as one.
_AGGREGATION_RE = re.compile(
    r"\b(read (the )?(full|more|original|entire|rest of the) (article|story|post|report)"
    r"|continue reading|click here to read|read more at|view (the )?original)\b",
    re.I,
)
# A release's own furniture. Its labels count where a line starts with them: reporting
# cites releases ("the senator said in a press release on Tuesday").
_RELEASE_RE = re.compile(
    r"^\s*(?:for immediate release|media contacts?|press contacts?|press release"
    r"|investor relations)\b"
    r"|\b(forward-looking statements|(pr ?newswire|business wire|globe ?newswire)"
    # an "About Acme Corp" boilerplate heading: a whole line of capitalized words
    r"|^\s*about(?-i: [A-Z][\w&.]*)+\s*$)|^\s*#{3}\s*$",
    re.I | re.M,
)
# A title marks opinion with a label set apart at its start or end ("Opinion: ...",
# "Analysis | ...", "... - Commentary"), not with the word anywhere: "McDaniel rebukes her
# uncle for op-ed" reports on an op-ed.
_OPINION_LABEL = r"(?:opinion|op-ed|editorial|column|commentary|analysis|perspective|viewpoint)"
_OPINION_TITLE_RE = re.compile(
    rf"^\s*{_OPINION_LABEL}\s*(?:[:|–—]|-\s)|(?:[:|–—]|\s-)\s*{_OPINION_LABEL}\s*$", re.I
)
_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
_SECOND_PERSON = {"you", "your", "yours", "yourself"}
# Share of sentences with first/second person outside quotes, and of loaded sentences, above
# which an article reads as opinion. Set by judgement on invented news/opinion pairs (a news
# story rarely has either outside quotes). LOADED_SHARE was raised from 0.35 after straight
# news reports among the seeds reached 35% (loaded words in reported clashes), while the
# opinion pieces we wrote sit well above half. Checked since on AllSides dev opinion-page
# articles against straight news (``bench/framing.py --calibration``, "genre"; 300 of each,
# halves A / B): accuracy 0.750 / 0.785, with 17% / 14% of straight news labelled opinion.
# PERSON_SHARE 0.06 gave 0.760 / 0.792 but 20% / 18% of news labelled opinion, and LOADED_SHARE
# 0.4 with it 0.764 / 0.776 at 24% / 26%: a point of accuracy bought with news reports shown
# as opinion, the worse error for a reader, so both stay. Leaving out loaded words in reported
# speech ("critics said the plan was reckless") gave 0.767 / 0.772 at 16% / 13%: fewer news
# reports shown as opinion (43 from 49 of 300) for fewer opinion pieces found (4 of 300), so
# not taken either. Since ingest reads AllSides' tokenized text as prose (clean.untokenized:
# curly quotation marks, contractions joined), the bench reads it so too: 0.740 / 0.779 at
# 19% / 14% (its own rougher detokenizer gave the figures above); nothing retuned. Since the
# bench cleans the text as ingest does (boilerplate kept apart): 0.750 / 0.782 at 19% / 15%;
# with a site's note that the views are the author's own (clean.DISCLAIMER) as a reason for
# opinion, 0.754 / 0.792, news labelled opinion unchanged (no news article carries one);
# with "first appeared" and "originally published" no longer aggregation markers (see
# _AGGREGATION_RE), 0.764 / 0.795; with release labels read only where a line starts with
# them (_RELEASE_RE), 0.764 / 0.792: 6 of the 600 reports cited a press release and were
# labelled one, and a news report among them now reads as opinion by its wording.
PERSON_SHARE = 0.08
LOADED_SHARE = 0.45


def _person_share(
    parsed: ParsedArticle, ranges: Sequence[tuple[int, int]], persons: set[str]
) -> float:
    # The cheap word test first: the quotation test scans every range.
    words = (t for t in parsed.doc if t.lower_ in persons and t.is_alpha)
    hits = {t.sent.start for t in words if enclosing_range(t.idx, ranges) is None}
    return len(hits) / max(1, len(parsed.sentences))


def _opinion_reasons(parsed: ParsedArticle, spans: Sequence[LoadedSpan]) -> list[str]:
    ranges = quoted_ranges(parsed.article.text)
    reasons = []
    if _OPINION_TITLE_RE.search(parsed.article.title or ""):
        reasons.append("title marks it as opinion/analysis")
    if any(r.reason == DISCLAIMER for r in parsed.article.removed):
        reasons.append("the site notes that the views are the author's own")
    first = _person_share(parsed, ranges, _FIRST_PERSON)
    second = _person_share(parsed, ranges, _SECOND_PERSON)
    if first >= PERSON_SHARE:
        reasons.append(f"first person outside quotes in {first:.0%} of sentences")
    if second >= PERSON_SHARE:
        reasons.append(f"second person (addresses the reader) in {second:.0%} of sentences")
    loaded = {s.sentence for s in spans if not s.quoted}
    share = len(loaded) / max(1, len(parsed.sentences))
    if share >= LOADED_SHARE and len(parsed.sentences) >= 3:
        reasons.append(f"evaluative wording in {share:.0%} of sentences")
    return reasons


def label_article(
    parsed_article: ParsedArticle, spans: Sequence[LoadedSpan] | None = None
) -> ArticleLabel:
    """Genre of one article with the reasons that decided it."""
    text = parsed_article.article.text
    release = sorted({m.group(0).strip().lower() for m in _RELEASE_RE.finditer(text)})
    if release:
        return ArticleLabel(
            parsed_article.id,
            "press release",
            tuple(f"press-release marker: {m}" for m in release[:3]),
        )
    aggregation = [
        f"aggregation marker: {m}"
        for m in sorted({m.group(0).lower() for m in _AGGREGATION_RE.finditer(text)})
    ] + [
        f"truncation notice: {r.text}"
        for r in parsed_article.article.removed
        if r.reason == TRUNCATION
    ]
    if aggregation:
        return ArticleLabel(parsed_article.id, "aggregation", tuple(aggregation[:3]))
    spans = loaded_spans(parsed_article) if spans is None else spans
    reasons = _opinion_reasons(parsed_article, spans)
    if reasons:
        return ArticleLabel(parsed_article.id, "opinion", tuple(reasons))
    return ArticleLabel(
        parsed_article.id,
        "news",
        ("third-person reporting; no opinion, press-release or aggregation markers",),
    )
