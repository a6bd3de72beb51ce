"""Which sentences of a story state the same thing, and the citations a summary sentence gets.

Two sentences of different articles state the same thing when their idf-weighted cosine is
high (``SUPPORT_MIN``), or moderate with enough shared word pairs (``PARAPHRASE_MIN``), and
no number of one contradicts the other. A summary sentence cites its own source sentence,
then the best such sentence of every other article and, when aligned facts are given, the
other sentences of the fact holding it and, for an article's restated lead, of the fact
restating it (those whose numbers do not contradict it).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .attribution_cues import CUE_VERBS
from .facts import restated_facts, restated_lead
from .model import Citation
from .nlp import ParsedArticle
from .summary_units import Story, SummaryRequest, Unit

# Minimum idf-weighted cosine for one sentence to count as stating the same thing as another.
# Calibrated by hand on invented stories (tests/test_summarize.py) and the seeds' employer
# story: 0.45 links paraphrases that share names and numbers, and no unrelated pair there.
SUPPORT_MIN = 0.45
# Looser paraphrases count when they also share this many word pairs. Calibrated on the
# seeds' employer story: the two reports of "fines up to $10,000" score 0.40 and share 6 pairs;
# two different statements of one mayor scored 0.33 and share no pair outside her name.
PARAPHRASE_MIN = 0.3
PARAPHRASE_SHARED_BIGRAMS = 3
# Citation recall, checked on the seeds' employer story and on the facts labelled set
# (bench/data/facts_labelled, every sentence taken as a summary sentence; a citation is right
# when the gold puts both sentences in one fact, wrong otherwise; "missed" counts the gold
# articles left uncited). A sentence the facts stage aligned with the summary sentence is
# cited unless a number contradicts it. It used to need a cosine of 0.25 with it as well,
# because the facts stage then grouped unrelated sentences of the seeds at 0.07-0.24; since
# its topic-word and speaker rules it groups none there, and the cosine test only left out
# paraphrases in other words. Right / wrong / missed, the facts stage's 15 tuning stories 182
# / 14 / 144 -> 230 / 16 / 96; its 14 held-out stories 128 / 10 / 150 -> 160 / 12 / 118 (a
# cosine of 0.1: 226 / 16 / 100 and 156 / 12 / 122). On real text, the 100-word summaries of
# 12 BASIL triplets gain 9 citations, read by hand: 6 right, 1 in part, 2 wrong, about the
# rate of the fact citations that passed 0.25 there. On the seeds it adds three pairs, all
# right: the two outlets' leads on the attorney general's warning, two statements of what the
# workplace law forbids, two of what the sanctuary law restricts. The summary sentence on the
# warning still missed one outlet's lead, which the facts stage aligned with the citing
# outlet's own lead (that outlet states the warning twice, and a fact holds one sentence per
# article): ``facts.restated_lead`` now cites across two facts kept apart only by that rule
# when the article in both has its first two sentences there. Over 100 BASIL triplets it adds
# 28 citations, read by hand: 26 right or in part, 2 wrong (a fragment of a quote); none on the
# labelled set. (Before facts telling a further act were left out, ``facts._further_act``, 8
# more, all wrong: a second set of subpoenas in one scandal.) Tried and dropped: the same for any two
# sentences of the article (mean cross cosine 0.15-0.25) added 0 right and 3-34 wrong
# citations on the labelled set; before, citing through facts holding any sentence of the
# summary sentence's own article (0 right, 20 wrong) or only its lead (0 right, 6 wrong). Most
# wrong citations left state the fact inside a larger one ("three people were killed when a
# tour bus overturned", cited for the crash).


def numbers_conflict(a: Unit, b: Unit) -> bool:
    """Both sentences hold numbers and share none: they report different figures."""
    return bool(a.numbers and b.numbers and not a.numbers & b.numbers)


# Content words two sentences must share outside the names they hold (of people, groups,
# places, laws) for one to state what the other does: "Walter Brandt, president of the Calder
# Property Owners Association, said ..." twice is the same man, not the same statement.
SHARED_BEYOND_NAMES = 2


def said_beyond_names(a: Unit, b: Unit) -> bool:
    """Whether ``a`` and ``b`` share ``SHARED_BEYOND_NAMES`` content words that are not
    words of a name in either, nor verbs of saying: their likeness must rest on what they
    say. A long name and title can carry the cosine alone (0.47-0.60 for three different
    statements of one man in the demo story, against SUPPORT_MIN 0.45). Nothing tuned: the
    facts labelled set (every sentence as a summary sentence, right / wrong / missed
    citations) stays at 230 / 10 / 96 on its tuning stories and 160 / 2 / 118 held out; DUC
    2006 R-2 focused / generic 0.1021 / 0.0959 -> 0.1019 / 0.0962 (support counts enter the
    sentence prior); NeuS dev and the seeds unchanged."""
    names = {w for name in a.entities | b.entities for w in name.split()}
    shared = (set(a.content) & set(b.content)) - names - CUE_VERBS  # ("said" is no content)
    return len(shared) >= SHARED_BEYOND_NAMES


def states_same(a: Unit, b: Unit, similarity: float) -> bool:
    """Whether ``b`` states what ``a`` states: similar wording, no number that contradicts.

    Close wording (``SUPPORT_MIN``) is enough; a looser paraphrase (``PARAPHRASE_MIN``) must
    also share at least ``PARAPHRASE_SHARED_BIGRAMS`` word pairs ("legal repercussions",
    "fines up to") other than the pairs inside a name (the same person doing two things)."""
    if numbers_conflict(a, b) or not said_beyond_names(a, b):
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


def citations(
    story: Story, i: int, request: SummaryRequest, restated: Mapping[str, frozenset[str]]
) -> tuple[Citation, ...]:
    """Unit ``i``'s own sentence first, then every supporting sentence in article order: the
    sentences the similarity test finds (``support``) and, when aligned facts are given, the
    other sentences of the fact holding it or of the facts ``restated`` links to it
    (``aligned_by_facts``)."""
    found = set(support(story, i)) | set(aligned_by_facts(story, i, request, restated))
    found.discard(i)
    others = sorted(found, key=lambda j: (story.units[j].article, story.units[j].position))
    return (story.units[i].citation, *(story.units[j].citation for j in others))


def _fact_articles(request: SummaryRequest) -> list[ParsedArticle]:
    """The articles the request's facts were aligned on: all but the copies."""
    copies = request.copies or {}
    return [p for p in request.parsed if p.id not in copies]


def restatements(request: SummaryRequest) -> dict[str, frozenset[str]]:
    """The request's facts linked to the facts restating them (``facts.restated_facts``),
    worked out once for all of a summary's citations, unless the facts carry their links
    (``Fact.restated``, as a report's do)."""
    if not request.facts:
        return {}
    given = {f.id: frozenset(f.restated) for f in request.facts if f.restated}
    return given or restated_facts(_fact_articles(request), request.facts)


def aligned_by_facts(
    story: Story, i: int, request: SummaryRequest, restated: Mapping[str, frozenset[str]]
) -> list[int]:
    """Units that share an aligned fact with unit ``i``, or state it in a fact ``restated``
    links to its own (``facts.restated_lead``), unless a number of theirs contradicts it
    (the facts stage aligns "three hurt" with "four hurt": a conflict, shown as one, but not
    support). Copies are not units, so they are never cited."""
    facts = request.facts or ()
    unit = story.units[i]
    index = {other.citation: k for k, other in enumerate(story.units)}
    held = {c for fact in facts if unit.citation in fact.support for c in fact.support}
    if restated:
        held.update(restated_lead(_fact_articles(request), facts, unit.citation, restated))
    aligned = [index[c] for c in held if c in index and index[c] != i]
    return [j for j in aligned if not numbers_conflict(unit, story.units[j])]
