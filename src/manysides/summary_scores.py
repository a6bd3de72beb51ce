"""Weights the default summary strategy scores sentences by.

Bigram concepts weighted by the number of articles using them (after Gillick & Favre 2009),
the content lemmas of a focus question, and each sentence's prior weight: its position, its
cross-outlet support, its focus terms, the share of its wording other outlets also use, the
centrality of its article and its neutrality penalty.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import snowballstemmer

from .nlp import load_nlp
from .settings import Settings
from .summary_units import Story, Unit

# Words of topic statements that say what to write, not what about (DUC 2006 topics.sgml).
_QUERY_STOP = frozenset(
    [
        "discuss",
        "describe",
        "include",
        "information",
        "identify",
        "explain",
        "report",
        "provide",
        "specific",
        "regard",
        "involve",
        "mention",
        "issue",
        "example",
        "detail",
        "happen",
        "kind",
        "type",
        "way",
        "effect",
        "relate",
        "make",
    ]
)
# With a focus, sentences naming focus terms weigh up to 1 + FOCUS_SENTENCE_BOOST times more
# (concepts holding one: FOCUS_CONCEPT_BOOST). DUC 2006 focused ROUGE-2, first 6 topics:
# concept boost 1 / 1.5 / 2 gave 0.0805 / 0.0789 / 0.0760 (sentence boost 1); sentence boost
# 0 / 1 / 2 / 4 gave 0.0771 / 0.0805 / 0.0818 / 0.0840; all 50 topics: 4 gives 0.1029, 8 0.1023.
FOCUS_CONCEPT_BOOST = 1.0
FOCUS_SENTENCE_BOOST = 4.0
# Earlier sentences of an article carry its main facts: weight 1 + POSITION_BONUS/(1+pos).
# DUC 2006 generic ROUGE-2: 0.5 gives 0.0975, 2.0 gives 0.0928.
POSITION_BONUS = 0.5
# A concept must be used by this many articles (fewer when the story has fewer).
CONCEPT_MIN_ARTICLES = 2
# Weight of a content word as a concept, relative to a bigram. DUC 2006 (50 topics) generic
# ROUGE-2: 0 gives 0.0975, 1 gives 0.0888; on NeuS 1 gained under 0.5 ROUGE-1, so 0.
UNIGRAM_WEIGHT = 0.0
# Concepts also include pairs of content words one word apart (``Unit.spaced_pairs``): two
# outlets writing "signed an order" and "signed the order" share no adjacent pair but state
# the same fact. NeuS dev ROUGE-1/2 F1 (with the opinion-label rule of summary_units) 44.69
# / 20.35 -> 44.98 / 20.63 (even half 45.20 / 22.00 -> 45.55 / 22.31, odd 44.18 / 18.70 ->
# 44.40 / 18.94); pairs up to two or three words apart gave 44.72 / 20.33 and 44.80 /
# 20.49; adjacent content-word pairs alone (dropping pairs holding one stopword) 43.68 /
# 19.55, pairs of consecutive content words at any distance alone 43.88 / 19.36.
# Concepts are compared by the Snowball stems of their lemmas, so that "the announcement of
# a ban" and "announced a ban" share a concept (spaCy's lemmas keep nouns and verbs apart).
# NeuS dev ROUGE-1/2 F1 44.96 / 20.64 -> 45.13 / 20.78 (even half 45.57 / 22.37 -> 45.86 /
# 22.57, odd 44.35 / 18.92 -> 44.40 / 18.98); stemming the words of shared_share and
# centrality too gave 44.80 / 20.33.
_STEMMER = snowballstemmer.stemmer("english")
# Concepts below that count still weigh a little, so that once the shared content is
# covered, a short story's summary goes on with what single outlets add.
SINGLE_SOURCE_WEIGHT = 0.05
# Each other article stating the same thing adds this much (relative) weight. DUC 2006
# (50 topics) generic / focused ROUGE-2: 0 gives 0.0970 / 0.1005, 0.1 gives 0.0975 / 0.1024,
# 0.3 gives 0.0939 / 0.1017.
SUPPORT_BONUS = 0.1
# The editors' summaries of NeuS keep the core the outlets share and drop each outlet's own
# angle; the share of a sentence's content words that another article also uses predicts
# its ROUGE-1 precision against them (correlation 0.58 over the 1,090 NeuS dev sentences;
# mean precision 0.28 below a share of 0.3, 0.57 above 0.7). In a generic summary (no
# focus, no update) a sentence's weight is multiplied by share ** SHARED_EXPONENT and by
# 1 + CENTRAL_BONUS x its article's centrality, and after the first sentence one under
# MIN_SHARED_SHARE is never chosen (what one outlet alone says is left to the coverage
# table). NeuS dev ROUGE-1/2 F1 tuned on the even-numbered clusters (odd-numbered, held out,
# in brackets): none 43.82 / 20.83 (42.97 / 18.51); exponent 0.5 / 1 / 2 alone 43.97 /
# 44.10 / 44.50 and 20.82 / 20.83 / 21.16 (43.56 / 43.48 / 43.02, 18.75 / 18.74 / 18.00);
# exponent 0.5 with minimum share 0.15 / 0.2 / 0.25 and centrality bonus 0 or 1: best at
# 0.25 and 1, 44.56 / 21.16 (43.59 / 19.19); minimum share 0.3 / 0.4 / 0.5 fell to 44.1 /
# 43.5 / 42.9 ROUGE-1. A minimum share for the second headline (0.25 - 0.6) did not help.
# DUC 2006 generic ROUGE-2 (50 topics), where "shared" means used by at least half of the
# other articles: 0.0950 without, 0.0982 with these values (exponent 0.25 / 1: 0.0976 /
# 0.1002; no centrality bonus 0.0991); shared meaning used by any other article gave 0.0947
# there (with 25 articles nearly every word is), and the same NeuS figures.
# Re-checked once a chosen headline's own lead was exempt (summarize.headed_lead), NeuS dev
# all 150 (even / odd): minimum share 0.15 / 0.2 / 0.25 / 0.275 / 0.29 / 0.31 / 0.325 / 0.35
# gave ROUGE-1 44.43 / 44.48 / 44.74 / 44.72 / 44.88 / 44.39 / 44.15 / 44.25 and ROUGE-2
# 20.19 / 20.20 / 20.35 / 20.34 / 20.55 / 20.03 / 19.67 / 19.74 (0.29: 45.16 / 21.96 even,
# 44.60 / 19.14 odd): a lone peak where the shares 2/7 and 3/10 fall on either side, not a
# trend, so 0.25 stays.
SHARED_EXPONENT = 0.5
CENTRAL_BONUS = 1.0
MIN_SHARED_SHARE = 0.25


def concepts_of(unit: Unit) -> frozenset[tuple[str, ...]]:
    """Bigram concepts and pairs of content words one word apart, stemmed (see above);
    content words too when ``UNIGRAM_WEIGHT`` gives them weight."""
    pairs: frozenset[tuple[str, ...]] = unit.bigrams | unit.spaced_pairs
    if UNIGRAM_WEIGHT:
        pairs |= {(w,) for w in unit.content}
    return frozenset(tuple(map(stem, concept)) for concept in pairs)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A lemma's Snowball (Porter 2) stem: "announcement" and "announce" share one."""
    return str(_STEMMER.stemWord(word))


def concept_weights(
    story: Story,
    focus_terms: frozenset[str],
    concepts: Sequence[frozenset[tuple[str, ...]]] | None = None,
) -> dict[tuple[str, ...], float]:
    """Bigram concepts weighted by how many articles use them (Gillick & Favre 2009).

    A concept used by a single article weighs little when the story has several; concepts
    the reader has already seen get none either; with a focus, concepts holding a focus
    term weigh more. ``concepts``: each unit's ``concepts_of``, when already computed."""
    articles: dict[tuple[str, ...], set[int]] = {}
    seen_concepts: set[tuple[str, ...]] = set()
    for i, unit in enumerate(story.units):
        for bigram in concepts[i] if concepts is not None else concepts_of(unit):
            articles.setdefault(bigram, set()).add(unit.article)
            if i in story.seen:
                seen_concepts.add(bigram)
    floor = min(CONCEPT_MIN_ARTICLES, story.articles)
    focus = frozenset(map(stem, focus_terms))
    weights = {}
    for bigram, users in articles.items():
        if bigram in seen_concepts:
            continue
        boost = FOCUS_CONCEPT_BOOST if focus & set(bigram) else 1.0
        kind = UNIGRAM_WEIGHT if len(bigram) == 1 else 1.0
        weights[bigram] = (
            (len(users) if len(users) >= floor else SINGLE_SOURCE_WEIGHT) * boost * kind
        )
    return weights


def focus_terms(focus: str | None, settings: Settings | None) -> frozenset[str]:
    """Content lemmas of a focus question or topic statement."""
    if not focus or not focus.strip():
        return frozenset()
    doc = load_nlp(settings.spacy_model if settings else "")(focus)
    return frozenset(
        t.lemma_.lower()
        for t in doc
        if t.is_alpha and not t.is_stop and t.lemma_.lower() not in _QUERY_STOP and len(t) > 2
    )


def article_words(story: Story) -> dict[int, frozenset[str]]:
    """Content lemmas of each counted article."""
    found: dict[int, set[str]] = {}
    for unit in story.units:
        found.setdefault(unit.article, set()).update(unit.content)
    return {article: frozenset(words) for article, words in found.items()}


def word_users(words: Mapping[int, frozenset[str]]) -> Counter[str]:
    """How many articles use each content lemma (for ``shared_share``)."""
    return Counter(word for article_words in words.values() for word in article_words)


def shared_share(
    unit: Unit, words: Mapping[int, frozenset[str]], users: Mapping[str, int] | None = None
) -> float:
    """Share of the unit's content lemmas that at least half of the other articles also use
    (one of two, two of three or four; 1 when the story has a single article): what only one
    outlet says is its angle, not the shared core. ``users``: ``word_users(words)``, when
    already counted (the same result, without a pass over every other article per word)."""
    own = set(unit.content)
    others = len(words) - (unit.article in words)
    if not own or not others:
        return 1.0
    needed = math.ceil(others / 2)
    if users is None:
        users = word_users(words)
    mine = words.get(unit.article, frozenset())
    return sum(users.get(word, 0) - (word in mine) >= needed for word in own) / len(own)


def centrality(words: Mapping[int, frozenset[str]]) -> dict[int, float]:
    """Each article's summed Jaccard overlap with the others, relative to the most central
    article (1.0): the article that shares most with the rest tells the common story."""
    overlap = {
        a: sum(len(w & v) / max(1, len(w | v)) for b, v in words.items() if b != a)
        for a, w in words.items()
    }
    top = max(overlap.values(), default=0.0)
    return {a: (o / top if top else 1.0) for a, o in overlap.items()}


def prior_weight(
    story: Story, i: int, focus: frozenset[str], supported: int, shared: float, central: float
) -> float:
    """Multiplicative weight of unit ``i`` before concept gains: position, support, focus,
    shared wording, the centrality of its article, neutrality."""
    unit = story.units[i]
    weight = 1 + POSITION_BONUS / (1 + unit.position)
    weight *= shared**SHARED_EXPONENT * (1 + CENTRAL_BONUS * central)
    weight *= 1 + SUPPORT_BONUS * supported
    if focus:
        hits = len(focus & set(unit.content))
        weight *= 1 + FOCUS_SENTENCE_BOOST * hits / (1 + hits)
    return weight * (1 - unit.penalty)
