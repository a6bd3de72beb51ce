"""Framing: how each outlet tells the story.

* Word-choice contrast: log-odds ratios with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008, "Fightin' Words"), z-scored, for each outlet (and each leaning side
  when the outlets registry knows them) against the rest, over lower-cased unigrams and
  bigrams of content words. The prior is the store's corpus counts (``TermCounts``); without
  one, the story's own counts mixed with general English frequencies from ``wordfreq``.
* Term pairs: the same head noun with different modifiers (or the same modifier on different
  heads) used by different outlets, e.g. "<adj A> workers" in one outlet, "<adj B> workers"
  in another.
* Loaded language and biased sentences (``loaded.py``) and each article's genre
  (``genre.py``), gathered here into the story's ``Framing``.
* Coverage by leaning and a blindspot flag (see ``blindspot_of``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wordfreq import word_frequency

from .genre import label_article
from .lexicon import COMMON_ZIPF, Lexicon, evaluative_score, load_lexicon, zipf_frequency
from .loaded import biased_sentences, loaded_spans
from .model import Framing, FramingTerm, TermPair
from .nlp import ParsedArticle
from .outlets import (
    LEANINGS,
    SIDE_OF,
    OutletRegistry,
    outlet_labels,
    outlet_mentions,
    without_outlets,
)
from .text import STOPWORDS, tokenize

# Total pseudo-count of the Dirichlet prior as a multiple of the compared counts (Monroe et
# al. scale the prior to the data): 0.1 = a tenth of the story's counts; 1.0 let common
# words ("say", "state") crowd out story-specific ones on the seeds.
# Checked by eye on the seeds and on allsides dev left-vs-right terms; not tuned on a metric.
PRIOR_STRENGTH = 0.1
# Share of the no-prior fallback taken from general English (wordfreq) vs the story itself.
GENERAL_SHARE = 0.5
# z at or above which a term is reported as distinctive. Story-sized samples are small and
# Monroe's variance is dominated by the group that never uses a term: a term one outlet uses
# 4 times and the others never reaches z ~ 1.2-1.3, a term used once ~ 0.6 (checked on an
# invented story); 1.0 keeps the first and drops the second. z is reported for judging.
Z_MIN = 1.0
TERMS_PER_GROUP = 10
# Blindspot: at least this many articles from outlets with a known leaning.
BLINDSPOT_MIN_ARTICLES = 3


# --- term counts and the corpus prior ---------------------------------------------------


@dataclass(frozen=True)
class TermCounts:
    """Term frequencies over a set of articles (the corpus prior the store persists)."""

    counts: Mapping[str, int] = field(default_factory=dict)
    documents: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def merge(self, other: TermCounts) -> TermCounts:
        merged = Counter(self.counts)
        merged.update(other.counts)
        return TermCounts(dict(merged), self.documents + other.documents)

    def to_json(self) -> bytes:
        payload = {
            "schema": "manysides.termcounts/1",
            "documents": self.documents,
            "counts": dict(sorted(self.counts.items())),
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> TermCounts:
        payload = json.loads(data)
        if payload.get("schema") != "manysides.termcounts/1":
            raise ValueError("not a manysides.termcounts/1 document")
        return cls(
            {str(k): int(v) for k, v in payload["counts"].items()}, int(payload["documents"])
        )


def terms_of(text: str) -> list[str]:
    """Unigrams and bigrams of adjacent content words, lower-cased (no stopwords/numbers)."""
    tokens = tokenize(text)
    keep = [t.isalpha() or ("-" in t and t.replace("-", "").isalpha()) for t in tokens]
    keep = [k and len(t) > 1 and t not in STOPWORDS for t, k in zip(tokens, keep, strict=True)]
    unigrams = [t for t, k in zip(tokens, keep, strict=True) if k]
    bigrams = [
        f"{tokens[i]} {tokens[i + 1]}" for i in range(len(tokens) - 1) if keep[i] and keep[i + 1]
    ]
    return unigrams + bigrams


def _text_of(item: str | ParsedArticle) -> str:
    if isinstance(item, str):
        return item
    return f"{item.article.title}\n{item.article.text}" if item.article.title else item.article.text


def term_counts(texts_or_parsed: Iterable[str | ParsedArticle]) -> TermCounts:
    """Count terms over texts or parsed articles (build the corpus prior from the store)."""
    counts: Counter[str] = Counter()
    documents = 0
    for item in texts_or_parsed:
        counts.update(terms_of(_text_of(item)))
        documents += 1
    return TermCounts(dict(counts), documents)


# --- log-odds with an informative Dirichlet prior ----------------------------------------


def _general_frequency(term: str) -> float:
    """General-English frequency of a term (a bigram as the product of its words)."""
    value = 1.0
    for word in term.split():
        value *= word_frequency(word, "en", minimum=1e-8)
    return value


def prior_weights(
    vocabulary: Iterable[str], prior: TermCounts | None, story: Counter[str]
) -> dict[str, float]:
    """Dirichlet pseudo-counts alpha_w over ``vocabulary``, summing to ``PRIOR_STRENGTH``
    times the story's total count."""
    vocabulary = list(vocabulary)
    if prior is not None and prior.counts:
        raw = {w: prior.counts.get(w, 0) + 0.5 for w in vocabulary}
    else:
        general = {w: _general_frequency(w) for w in vocabulary}
        general_total = sum(general.values()) or 1.0
        story_total = sum(story.values()) or 1
        raw = {
            w: GENERAL_SHARE * general[w] / general_total
            + (1 - GENERAL_SHARE) * story[w] / story_total
            for w in vocabulary
        }
    total = sum(raw.values()) or 1.0
    strength = PRIOR_STRENGTH * max(1, sum(story.values()))
    return {w: strength * v / total for w, v in raw.items()}


def log_odds_z(
    group: Counter[str], rest: Counter[str], alpha: Mapping[str, float]
) -> dict[str, float]:
    """z-scores of the log-odds ratio of each term in ``group`` vs ``rest`` (Monroe eq. 22)."""
    n_group, n_rest = sum(group.values()), sum(rest.values())
    alpha_total = sum(alpha.values())
    scores = {}
    for word, a in alpha.items():
        y_i, y_j = group.get(word, 0), rest.get(word, 0)
        if y_i + y_j == 0:
            continue
        delta = math.log((y_i + a) / (n_group + alpha_total - y_i - a)) - math.log(
            (y_j + a) / (n_rest + alpha_total - y_j - a)
        )
        scores[word] = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
    return scores


def contrast(
    groups: Mapping[str, Counter[str]],
    prior: TermCounts | None = None,
    top: int = TERMS_PER_GROUP,
    min_count: int = 2,
) -> dict[str, list[tuple[str, float]]]:
    """For each group, its most distinctive terms vs all other groups: [(term, z)], z >= Z_MIN."""
    pooled: Counter[str] = Counter()
    for counts in groups.values():
        pooled.update(counts)
    alpha = prior_weights(pooled, prior, pooled)
    result = {}
    for name, counts in groups.items():
        rest = pooled - counts
        z = log_odds_z(counts, rest, {w: alpha[w] for w in counts if counts[w] >= min_count})
        ranked = sorted(((w, s) for w, s in z.items() if s >= Z_MIN), key=lambda x: (-x[1], x[0]))
        result[name] = _without_parts(ranked, counts)[:top]
    return result


def _without_parts(ranked: list[tuple[str, float]], counts: Counter[str]) -> list[tuple[str, float]]:
    """``ranked`` without the words that a ranked two-word term holds every time they are
    used: "general" beside "attorney general", "quay" beside "quay street" say it twice."""
    pairs = [term for term, _ in ranked if " " in term]
    inside = {
        word
        for pair in pairs
        for word in pair.split()
        if counts[word] == counts[pair]
    }
    return [(term, z) for term, z in ranked if term not in inside]


# --- term pairs: the same thing named differently ----------------------------------------


def noun_phrases(doc: Any) -> Iterable[tuple[str, str, str]]:
    """(head lemma, "adjective lemma", "adjective noun" as written) for nouns directly
    preceded by an adjective modifier: "delinquent buildings" and "delinquent building"
    are one phrase, a choice of number, not of words. As written: lower-case, but for an
    adjective capitalized inside a sentence ("Turkish media")."""
    for token in doc:
        if token.pos_ != "NOUN" or not token.is_alpha or token.i == 0:
            continue
        mod = doc[token.i - 1]
        common = zipf_frequency(mod.lower_, "en") >= COMMON_ZIPF  # "other", "new", "such"
        if mod.dep_ == "amod" and mod.head.i == token.i and mod.pos_ == "ADJ" and not common:
            head = token.lemma_.lower()
            proper = mod.text[:1].isupper() and not mod.is_sent_start
            yield head, f"{mod.lower_} {head}", f"{mod.text if proper else mod.lower_} {token.lower_}"


def _exclusive_phrases(phrases: Mapping[str, set[str]]) -> set[str]:
    """Phrases in a mutually exclusive choice: outlet A writes p, never q; B writes q, never p."""
    chosen: set[str] = set()
    for p, outlets_p in phrases.items():
        for q, outlets_q in phrases.items():
            if p != q and outlets_p - outlets_q and outlets_q - outlets_p:
                chosen.update((p, q))
    return chosen


def term_pairs(
    parsed: Sequence[ParsedArticle], outlet_of: Mapping[str, str], lexicon: Lexicon | None = None
) -> tuple[TermPair, ...]:
    """Same head noun, different adjectives, chosen by different outlets ("<adj A> workers"
    in one, "<adj B> workers" in another). Pairs whose adjectives are loaded rank first."""
    lexicon = lexicon or load_lexicon()
    by_head: dict[str, dict[str, set[str]]] = {}
    written: dict[str, Counter[str]] = {}  # each phrase's forms as the texts write it
    nouns: dict[str, Counter[str]] = {}  # each head's forms as written ("media", not "medium")
    for p in parsed:
        for head, phrase, form in noun_phrases(p.doc):
            by_head.setdefault(head, {}).setdefault(phrase, set()).add(outlet_of[p.id])
            written.setdefault(phrase, Counter())[form] += 1
            nouns.setdefault(head, Counter())[form.rsplit(" ", 1)[-1]] += 1
    shown = {phrase: forms.most_common(1)[0][0] for phrase, forms in written.items()}
    pairs = []
    for head, phrases in by_head.items():
        chosen = _exclusive_phrases(phrases)
        if chosen:
            terms = tuple(sorted((o, shown[ph]) for ph in chosen for o in phrases[ph]))
            pairs.append(TermPair(nouns[head].most_common(1)[0][0], terms))

    def rank(pair: TermPair) -> tuple[int, int, str]:
        loaded = sum(1 for _, ph in pair.terms if _loaded_word(ph.split()[0], lexicon))
        return (-loaded, -len({o for o, _ in pair.terms}), pair.concept)

    return tuple(sorted(pairs, key=rank)[:TERMS_PER_GROUP])


def _loaded_word(word: str, lexicon: Lexicon) -> bool:
    return (
        (word,) in lexicon.phrases
        or evaluative_score(word, "ADJ", lexicon) >= 0.5
        or abs(lexicon.valence.get(word, 0.0)) >= 1.0
    )


# --- coverage by leaning -------------------------------------------------------------------


def leaning_coverage(leanings: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """(leaning, article count) in scale order, then "unknown"; zero counts left out."""
    counts = Counter(leaning or "unknown" for leaning in leanings)
    order = (*LEANINGS, "unknown")
    return tuple((name, counts[name]) for name in order if counts[name])


def blindspot_of(coverage: Sequence[tuple[str, int]]) -> str | None:
    """The side a story is a blindspot for: with >= BLINDSPOT_MIN_ARTICLES articles of known
    leaning, none from that side (left or right) while the other side has at least one.
    E.g. 3 right-leaning + 1 center articles and no left: "left" (left readers miss it)."""
    sides: Counter[str] = Counter()
    for leaning, count in coverage:
        sides[SIDE_OF.get(leaning, "")] += count
    known = sides["left"] + sides["center"] + sides["right"]
    if known < BLINDSPOT_MIN_ARTICLES:
        return None
    for side, other in (("left", "right"), ("right", "left")):
        if sides[side] == 0 and sides[other] > 0:
            return side
    return None


# --- the stage ----------------------------------------------------------------------------


def _framing_terms(
    groups: Mapping[str, Counter[str]], prior: TermCounts | None, kind: str
) -> list[FramingTerm]:
    if len(groups) < 2:
        return []
    return [
        FramingTerm(term, name, round(z, 3), kind)
        for name, ranked in contrast(groups, prior).items()
        for term, z in ranked
    ]


def analyze_framing(
    parsed: Sequence[ParsedArticle],
    *,
    prior: TermCounts | None = None,
    outlets: OutletRegistry | None = None,
    copies: Mapping[str, str] | None = None,
) -> Framing:
    """Framing of one story: distinctive terms, term pairs, loaded spans, genres, leanings."""
    copies = copies or {}
    originals = [p for p in parsed if p.id not in copies]
    labels = outlet_labels([p.article for p in originals])  # unknown outlets stay apart
    outlet_of = {p.id: labels[p.id] for p in originals}
    registry = outlets or OutletRegistry()
    mentions = outlet_mentions(
        [p.article.outlet or "" for p in parsed] + [o.name for o in registry.outlets]
    )
    terms = {p.id: terms_of(without_outlets(_text_of(p), mentions)) for p in originals}
    by_outlet: dict[str, Counter[str]] = {}
    for p in originals:
        by_outlet.setdefault(outlet_of[p.id], Counter()).update(terms[p.id])
    leaning_of = {p.id: registry.article_leaning(p.article) for p in originals}
    by_side: dict[str, Counter[str]] = {}
    for p in originals:
        side = SIDE_OF.get(leaning_of[p.id], "")
        if side:
            by_side.setdefault(side, Counter()).update(terms[p.id])
    lexicon = load_lexicon()
    spans = {p.id: loaded_spans(p, lexicon) for p in parsed}
    coverage = leaning_coverage(leaning_of.values()) if len(registry) else ()
    return Framing(
        terms=tuple(
            _framing_terms(by_outlet, prior, "outlet") + _framing_terms(by_side, prior, "leaning")
        ),
        loaded=tuple(s for p in parsed for s in spans[p.id]),
        pairs=term_pairs(originals, outlet_of, lexicon),
        labels=tuple(label_article(p, spans[p.id]) for p in parsed),
        leaning_coverage=coverage,
        blindspot=blindspot_of(coverage),
        biased=tuple(b for p in parsed for b in biased_sentences(p, spans[p.id])),
    )
