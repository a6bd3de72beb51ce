"""Which sentences of a story state the same thing, and the citations a summary sentence gets.

Two sentences of different articles state the same thing when their idf-weighted cosine is
high (``SUPPORT_MIN``), or moderate with enough shared word pairs (``PARAPHRASE_MIN``), and
no number of one contradicts the other. A summary sentence cites its own source sentence,
then the best such sentence of every other article, or, when aligned facts are given, every
sentence of the facts holding it.
"""

from __future__ import annotations

import numpy as np

from .model import Citation
from .summary_units import Story, SummaryRequest, Unit, kept_articles

# Minimum idf-weighted cosine for one sentence to count as stating the same thing as another.
# Calibrated by hand on invented stories (tests/test_summarize.py) and the seeds' employer
# story: 0.45 links paraphrases that share names and numbers, and no unrelated pair there.
SUPPORT_MIN = 0.45
# Looser paraphrases count when they also share this many word pairs. Calibrated on the
# seeds' employer story: the two reports of "fines up to $10,000" score 0.40 and share 6 pairs;
# two different statements of one mayor scored 0.33 and share no pair outside her name.
PARAPHRASE_MIN = 0.3
PARAPHRASE_SHARED_BIGRAMS = 3


def states_same(a: Unit, b: Unit, similarity: float) -> bool:
    """Whether ``b`` states what ``a`` states: similar wording, no number that contradicts.

    Close wording (``SUPPORT_MIN``) is enough; a looser paraphrase (``PARAPHRASE_MIN``) must
    also share at least ``PARAPHRASE_SHARED_BIGRAMS`` word pairs ("legal repercussions",
    "fines up to") other than the pairs inside a name (the same person doing two things)."""
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False
    if similarity >= SUPPORT_MIN:
        return True
    if similarity < PARAPHRASE_MIN:
        return False
    names = {w for name in a.entities | b.entities for w in name.split()}
    shared = [g for g in a.bigrams & b.bigrams if not (g[0] in names and g[1] in names)]
    return len(shared) >= PARAPHRASE_SHARED_BIGRAMS


def support(story: Story, i: int) -> list[int]:
    """Units of other articles stating the same as unit ``i``: the best one per article."""
    best: dict[int, tuple[float, int]] = {}
    unit = story.units[i]
    for j in np.flatnonzero(story.similarity[i] >= PARAPHRASE_MIN):
        other = story.units[j]
        score = float(story.similarity[i, j])
        if other.article == unit.article or not states_same(unit, other, score):
            continue
        if score > best.get(other.article, (0.0, -1))[0]:
            best[other.article] = (score, int(j))
    return [j for _, j in best.values()]


def citations(story: Story, i: int, request: SummaryRequest) -> tuple[Citation, ...]:
    """Unit ``i``'s own sentence first, then every supporting sentence in article order."""
    own = story.units[i].citation
    if request.facts:
        cited = _fact_support(own, request)
        if cited:
            return cited
    others = sorted(
        support(story, i), key=lambda j: (story.units[j].article, story.units[j].position)
    )
    return (own, *(story.units[j].citation for j in others))


def _fact_support(own: Citation, request: SummaryRequest) -> tuple[Citation, ...]:
    """Own citation plus all support of the facts holding it; empty when no fact does."""
    counted = {request.parsed[i].id for i in kept_articles(request)}
    holding = [f for f in request.facts or () if own in f.support]
    found = [own]
    for fact in holding:
        found += [c for c in fact.support if c not in found and c.article_id in counted]
    return tuple(found) if holding else ()
