"""Online event clustering and storylines (tier 1: sparse vectors only, no NLP models).

Each article is turned into a sparse TF-IDF vector over its title and body words (numbers
and hyphenated names included), with document frequencies learned online, so no background
corpus is needed. On arrival it joins the most similar event, or starts a new one:

* candidates come from an inverted index over the events' centroids (each event is posted
  under its top-weighted terms; every posting list keeps only its most recent events), so
  adding one article to a store of 100k touches a bounded candidate set;
* similarity is the cosine to the event centroid, damped when both sides have dates and the
  article lies far outside the event's time span (articles without dates are not damped);
* when the new article also matches a second event and the two centroids are close, the two
  events merge (the older id survives).

Storylines are computed the same way one level up: events, in order of creation, join the
storyline whose centroid is closest (a lower threshold and a wider time window).
Copies found by ``dedupe`` join their original's event without moving its centroid.
Everything is deterministic for the same input order; ids derive from first article ids.
"""

from __future__ import annotations

import math
import pickle
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from itertools import count, repeat
from operator import add, itemgetter, mul, truediv
from typing import Any

import numpy as np

from .dedupe import Deduper, Fingerprint, fingerprint, safe_loads
from .model import Article, Event, Grouping, Storyline
from .text import STOPWORDS, fast_tokens

__all__ = ["StoryIndex", "group_articles", "article_terms"]

Vector = dict[Any, float]  # term (a vocabulary id inside StoryIndex) -> weight

# Calibration: every constant below was tuned on stories_dev.jsonl.gz with bench/stories.py
# (B-cubed and pairwise F1 of events on BASIL+NeuS, of storylines on DUC, and overall), plus
# the seeds check; the dev figures quoted are those of the grid runs during tuning.
EVENT_THRESHOLD = 0.32  # join score to join an event (dev grid 0.15-0.34; seeds need > 0.30)
MERGE_THRESHOLD = 0.45  # centroid cosine to merge two events (dev: 0.35 / 0.45 / 0.55)
STORYLINE_THRESHOLD = 0.10  # event -> storyline join score (dev: 0.06-0.25; 0.10 best)
STORYLINE_MERGE_THRESHOLD: float | None = None  # dev: 0.2 / 0.3 / 0.4 hurt or change < 0.005
TITLE_WEIGHT = 1.0  # added to a title word's weight (dev: 0 / 1 / 2 / 4 tried; 1 best)
# News puts the event in the lead: its first LEAD_TOKENS content words count 1 + LEAD_BONUS
# times. Calibrated on the seeds (the only no-date check of event vs storyline: 100/1.0 puts
# the police-guidance and ICE-director articles below the threshold and the three employer
# articles above it) at a cost on stories_dev (event B-cubed F1 0.875 -> 0.85).
LEAD_TOKENS = 100
LEAD_BONUS = 1.0
# Texts shorter than SHORT_TEXT_TOKENS (NeuS leads) join at threshold * sqrt(tokens / 300),
# never below SHORT_TEXT_FLOOR times it (dev: floors 0.6-0.9 tried; event F1 0.845 -> 0.870).
SHORT_TEXT_TOKENS = 300.0
SHORT_TEXT_FLOOR = 0.75  # round 2 (with EVENT_TIME_BOOST): 0.7 / 0.75 / 0.8 / 0.85 -> 0.75
# A short text whose best event scores at least CLEAR_WINNER_RATIO times the runner-up (or
# has no runner-up) joins it at CLEAR_WINNER_BAR times its bar (NeuS leads share few words,
# yet their best event is usually the right one). Dev, event B-cubed / pairwise F1 (round
# 6; without the rule 0.886 / 0.760, storyline 0.855 / 0.836, overall 0.877 / 0.853):
# bar x0.9 with ratio 1.2 / 1.3 / 1.4 / 1.5 / 2.0: 0.891 / 0.761, 0.894 / 0.770, 0.895 /
# 0.771, 0.895 / 0.771, 0.891 / 0.767; ratio 1.3-1.5 with x0.85: 0.892-0.893 / 0.754-0.755;
# x0.8: 0.889-0.892 / 0.742-0.752; x0.95: 0.891 / 0.764. At x0.9 / 1.4: storyline 0.861 /
# 0.843, overall 0.882 / 0.856. A plain lower floor (0.675 = 0.75 x 0.9) gives event 0.887 /
# 0.717; the rule for all texts, not only short ones, costs storylines 0.02-0.09 and fails
# the seeds. Title-only cosine as extra evidence (max, mixed or added, 0.03-0.7) and wider
# or lower merges (cosine 0.35 / 0.4, average link 0.2 / 0.25, more candidates) were tried
# in the same round and left out (event 0.855-0.886, storylines lower).
CLEAR_WINNER_RATIO = 1.4
CLEAR_WINNER_BAR = 0.9
# Join score = dot(article, centroid sum) / (|sum|^0.7 * members^0.3): between centroid cosine
# (0) and average link (1); big loose events attract less. Dev: 0, 0.3, 0.6 tried; 0.3 best
# (overall pairwise F1 0.791 -> 0.811).
SIZE_POWER = 0.3
ARTICLE_TERMS = 60  # article vectors keep their top terms (dev: 200 changes F1 < 0.01, slower)
CENTROID_TERMS = 150  # centroids keep their top terms (dev: 400 changes F1 < 0.01)
QUERY_TERMS = 12  # an article looks up its top terms, and its event is posted under them
# The same for an event looking up storylines (online pass, reassignment, final merge):
# an event's centroid is broader than one article, so more of its terms find the right
# thread. Dev, storyline B-cubed / pairwise F1 (events unchanged): 12: 0.844 / 0.825;
# 14: 0.855 / 0.836; 16: 0.855 / 0.836; 18: 0.856 / 0.837; 20: 0.853 / 0.834; 24: 0.854 /
# 0.835 (a plateau from 14 on); overall 0.869 / 0.842 -> 0.877 / 0.853 at 16. (The same
# change for articles, QUERY_TERMS 16, leaves events as they are and costs 8% more time.)
STORYLINE_QUERY_TERMS = 16
POSTING_CAP = 200  # a posting list keeps its most recent events (bounds work per article)
MAX_CANDIDATES = 15  # events scored exactly per article (dev: 8, 15, 30 give F1 within 0.002)
# Time: BASIL events span 0-4 days (dev gold), so no damping within 3 days of an event's span
# and an e-folding decay of 7 days beyond (dev: window 30 days was worse). DUC topics (the
# storyline gold) span 316-1692 days, so storylines are in effect not damped by time.
EVENT_WINDOW_DAYS = 3.0
EVENT_DECAY_DAYS = 7.0
# Dated article and event within the window: the score is multiplied by EVENT_TIME_BOOST
# (same news cycle is evidence of the same event). Dev (BASIL is the dated event-level set):
# 1.0 / 1.15 / 1.3 / 1.5 -> BASIL B-cubed F1 0.929 / 0.977 / 0.977 / 0.987, but storyline
# F1 0.825 / 0.826 / 0.812 / 0.817 (DUC events over-merge), so 1.15. A mixing weight for the
# best cosine to a remembered member (single link) was tried too: 0.3 / 0.5 gave no gain.
# Caveat: the seeds are undated; article 003 scores 0.294 to the 000-002 event after
# cleaning, so if the five were dated within days, 1.15 would lift it over the threshold.
EVENT_TIME_BOOST = 1.15
# Also tried in round 2 and left out (dev, event / storyline B-cubed F1 then 0.886 / 0.827):
# features from the first 200-600 tokens only (storyline 0.74-0.79); lead bigrams (NeuS
# precision 0.95 but recall 0.67; with lower thresholds event 0.868-0.874 and the seeds
# fail); a bonus for capitalized words inside sentences, 0.3-1.0 (event 0.880-0.887,
# storyline 0.76-0.82); merge thresholds 0.35 / 0.4 / 0.5 (within 0.01); a grouping-time
# pass merging close centroids (event 0.876-0.883) or lone articles into bigger events
# (event 0.888, storyline 0.816).
STORYLINE_WINDOW_DAYS = 5000.0  # dev: 60 / 365 / 5000 days: storyline F1 0.60 / 0.77 / 0.80
STORYLINE_DECAY_DAYS = 120.0
STORYLINE_EVENT_TERMS = (
    80  # event vector terms for storylines (dev: 40 / 80 / 150: F1 0.798 / 0.825 / 0.825)
)
# Weight of the embedding cosine when an ``embed`` function is given (manysides[embeddings]);
# not calibrated in this environment (the extra is not installed here), so a neutral 0.5.
DENSE_WEIGHT = 0.5
# Reassignment step (``_reassign``): an event whose storyline has at most
# STORYLINE_SMALL_EVENTS events may move to another storyline scoring at least
# STORYLINE_ATTACH_THRESHOLD (bigger storylines keep STORYLINE_THRESHOLD). Dev, storyline
# B-cubed / pairwise F1: no lower bar 0.827 / 0.804; 1 event and 0.10 / 0.08 / 0.06 / 0.04:
# 0.832 / 0.834 / 0.836 / 0.830; 0.06 with 2 / 3 / 5 events: 0.843 / 0.843 / 0.843 (pairwise
# 0.822 / 0.821 / 0.821; overall B-cubed 0.869 / 0.869 / 0.870). Kept at 1 event: every
# DUC topic has 25 documents, so dev rewards dissolving small storylines, but real news has
# many genuine two- or three-event threads. 1 event, 0.06: storyline 0.836 / 0.816.
STORYLINE_ATTACH_THRESHOLD = 0.06
STORYLINE_SMALL_EVENTS = 1
# Final merge (``_merge_groups``): after reassignment, storylines whose centroids have cosine
# >= STORYLINE_FINAL_MERGE join (single link; DUC topics split into threads that drifted
# apart online). Dev, storyline B-cubed / pairwise F1 (storylines): none 0.836 / 0.816 (117);
# 0.5: unchanged; 0.4: 0.838 / 0.818; 0.35 and 0.32: 0.842 / 0.823 (115); 0.30: 0.844 /
# 0.825 (114); 0.28: 0.841 / 0.813; 0.25: 0.838 / 0.799 (104). Events are not touched. A
# second reassignment step before it adds 0.002 for another scoring pass: left out.
STORYLINE_FINAL_MERGE: float | None = 0.30
# Also tried in round 3 and left out (dev figures, event / storyline B-cubed F1 then 0.886 /
# 0.844): a lower join bar when the best event is a single article, x0.9 / x0.8 / x1.1
# (NeuS 0.860 / 0.851 / 0.843 against 0.855, storyline 0.814 / 0.821 / 0.836); in the final
# merge a lower bar when one side is a lone event, x0.8 / x0.6 (no change: the 37 lone DUC
# storylines have no storyline within reach); MAX_CANDIDATES 8 / 5 (all figures 0.002-0.008
# lower). Speed, tried and slower or no faster on 1,850 dev articles: candidate votes summed
# with numpy (posting lists are short: ~25 entries per query), and scoring all candidates in
# one numpy gather over term ids (per-call overhead and centroid conversions ate the gain).
LABEL_CANDIDATES = 12  # members remembered per event to choose its label from
# Background document frequencies: general English (wordfreq) acts as PRIOR_DOCUMENTS
# pseudo-documents of PRIOR_DOC_TOKENS words, so a handful of articles (the five seeds) gets
# a meaningful IDF, and the index's own counts take over as it grows (dev: 100 / 300 / 1000 /
# 3000 pseudo-documents; 1000 best, and the seeds check passes with 100-1000).
PRIOR_DOCUMENTS = 1000.0
PRIOR_DOC_TOKENS = 400.0
PRIOR_MIN_FREQUENCY = 1e-6  # rarer words would add < 0.4 pseudo-documents: left out


@cache
def background_df(documents: float = PRIOR_DOCUMENTS) -> dict[str, float]:
    """Expected document frequency of common English words among ``documents`` documents.

    Read from wordfreq's packaged English list (cBpack: bin i holds words of frequency
    10**(-i/100)); an empty prior when wordfreq or its data is unavailable.
    """
    try:
        import gzip
        from importlib.util import find_spec
        from pathlib import Path

        import msgpack

        # the package's folder without importing it (its import costs 10x reading the list)
        spec = find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return {}
        folder = Path(next(iter(spec.submodule_search_locations)))
        with gzip.open(folder / "data" / "small_en.msgpack.gz", "rb") as packed:
            bins = msgpack.load(packed, raw=False)[1:]
    except (ImportError, OSError, ValueError):
        return {}
    prior: dict[str, float] = {}
    for centibels, words in enumerate(bins):
        frequency = 10 ** (-centibels / 100)
        if frequency < PRIOR_MIN_FREQUENCY:
            break
        expected = documents * -math.expm1(-frequency * PRIOR_DOC_TOKENS)
        prior.update(zip(words, repeat(expected)))
    return prior


def _is_term(token: str) -> bool:
    return len(token) > 1 and token not in STOPWORDS


def _raw_terms(title: str, tokens: list[str]) -> tuple[list[str], np.ndarray]:
    """Terms in first-seen order and their raw weights (before IDF)."""
    counts: Counter[str] = Counter()
    counts.update(tokens)
    stop = STOPWORDS
    lead = [t for t in tokens[: LEAD_TOKENS * 3] if len(t) > 1 and t not in stop]
    for token in lead[:LEAD_TOKENS]:
        counts[token] += LEAD_BONUS  # type: ignore[assignment]  # float counts on purpose
    for token in dict.fromkeys(fast_tokens(title)):
        counts.setdefault(token, 0)
    keys = [t for t in counts if len(t) > 1 and t not in stop]
    raw = np.fromiter(map(counts.__getitem__, keys), dtype=np.float64, count=len(keys))
    weights = np.where(raw > 0, 1.0 + np.log(np.maximum(raw, 1e-9)), 0.0)
    if title:
        in_title = set(fast_tokens(title))
        bonus = np.fromiter((t in in_title for t in keys), dtype=bool, count=len(keys))
        weights = weights + TITLE_WEIGHT * bonus
    return keys, weights


def article_terms(title: str, tokens: list[str]) -> dict[str, float]:
    """Raw term weights: sub-linear counts, lead words counted extra, title words a bonus."""
    keys, weights = _raw_terms(title, tokens)
    return dict(zip(keys, weights.tolist(), strict=True))


def _top_unit(keys: list[str], weights: np.ndarray, keep: int) -> Vector:
    """The ``keep`` heaviest terms, L2-normalized (ties: the earlier term wins)."""
    if len(keys) > keep:
        chosen = np.sort(np.argsort(-weights, kind="stable")[:keep])
        keys = [keys[i] for i in chosen.tolist()]
        weights = weights[chosen]
    norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
    return dict(zip(keys, (weights / norm).tolist(), strict=True))


def _heaviest(items: Iterable[tuple[str, float]], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (term, weight) pairs, ties in input order: heapq.nlargest's
    documented result, but sorting in C beats its Python loop at these sizes (60-300)."""
    return sorted(items, key=itemgetter(1), reverse=True)[:n]


def _unit(weights: Iterable[tuple[str, float]], keep: int) -> Vector:
    top = _heaviest(weights, keep)
    values = [w for _, w in top]
    norm = math.sqrt(sum(map(mul, values, values))) or 1.0  # the same sum, in C
    return dict(zip(map(itemgetter(0), top), map(truediv, values, repeat(norm)), strict=True))


def _dot(a: Vector, b: Vector) -> float:
    # Walks the smaller vector in its insertion order, all in C (map over dict.get): faster
    # than a key-set intersection, and unlike a set's (hash-seeded) order the same in every
    # process, so sums, ties and labels are reproducible.
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def _damping(gap_days: float | None, window: float, decay: float, boost: float = 1.0) -> float:
    if gap_days is None:
        return 1.0
    if gap_days <= window:
        return boost
    return math.exp(-(gap_days - window) / decay)


@dataclass
class _Cluster:
    """Mutable working state of one event or storyline (internal)."""

    key: str  # id of its first member
    members: list[str]
    centroid: Vector = field(default_factory=dict)
    norm: float = 0.0
    size: float = 0.0  # members whose vectors were added
    start: float | None = None  # timestamps of the earliest/latest dated member
    end: float | None = None
    samples: list[tuple[str, Vector]] = field(default_factory=list)  # (title, vector)
    alive: bool = True
    dense: np.ndarray | None = None  # sum of member embeddings (optional dense features)
    # the centroid as (term ids, weights) arrays, rebuilt after it changes (see ``arrays``)
    cached: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The centroid's term ids and weights as numpy arrays (in the dict's order)."""
        if self.cached is None:
            centroid, n = self.centroid, len(self.centroid)
            self.cached = (
                np.fromiter(centroid, dtype=np.intp, count=n),
                np.fromiter(centroid.values(), dtype=np.float64, count=n),
            )
        return self.cached

    def add_vector(self, vector: Vector, weight: float = 1.0, *, norm: bool = True) -> None:
        """Add ``vector`` times ``weight`` to the centroid; ``norm=False`` leaves ``norm``
        stale (a caller adding many vectors in a row sets it once at the end)."""
        centroid = self.centroid
        self.cached = None
        # centroid[t] += w * weight for every term, in C (keys are distinct, so each read
        # happens before that key's write)
        values: Iterable[float] = vector.values()
        if weight != 1.0:
            values = map(mul, values, repeat(weight))
        centroid.update(
            zip(vector, map(add, map(centroid.get, vector, repeat(0.0)), values), strict=True)
        )
        if len(centroid) > 2 * CENTROID_TERMS:
            self.centroid = dict(_heaviest(centroid.items(), CENTROID_TERMS))
        if norm:
            self.update_norm()
        self.size += weight

    def update_norm(self) -> None:
        self.norm = math.hypot(*self.centroid.values()) or 1.0

    def add_time(self, when: float | None) -> None:
        if when is None:
            return
        self.start = when if self.start is None else min(self.start, when)
        self.end = when if self.end is None else max(self.end, when)

    def gap_days(self, when: float | None) -> float | None:
        """Days between ``when`` and this cluster's span; None when either side is undated."""
        if when is None or self.start is None or self.end is None:
            return None
        return max(self.start - when, when - self.end, 0.0) / 86400.0

    def top_terms(self, n: int) -> list[Any]:
        return [t for t, _ in _heaviest(self.centroid.items(), n)]


@dataclass(frozen=True)
class _Params:
    threshold: float
    merge_threshold: float | None
    window_days: float
    decay_days: float
    dense_weight: float = 0.0
    time_boost: float = 1.0


class _OnlineClusters:
    """Single-pass centroid clustering with an inverted index over centroid terms."""

    def __init__(self, params: _Params) -> None:
        self.params = params
        self.clusters: list[_Cluster] = []
        self.postings: dict[Any, dict[int, None]] = {}  # term -> clusters
        self.forward: dict[int, int] = {}  # merged cluster -> the cluster that absorbed it
        self._scratch = np.zeros(0)  # dense copy of the vector being scored (else zeros)

    def resolve(self, index: int) -> int:
        while index in self.forward:
            index = self.forward[index]
        return index

    def candidates(self, query: list[tuple[str, float]]) -> list[int]:
        votes: dict[int, float] = {}
        postings = self.postings
        for term, weight in query:
            posting = postings.get(term)
            if posting:  # votes[c] += weight for each c, in C (a posting's keys are distinct)
                added = map(add, map(votes.get, posting, repeat(0.0)), repeat(weight))
                votes.update(zip(posting, added, strict=True))
        clusters = self.clusters
        # most votes first, ties by index: two stable C sorts instead of a key lambda
        ranked = sorted(sorted(votes.items()), key=itemgetter(1), reverse=True)
        return [c for c, _ in ranked if clusters[c].alive][:MAX_CANDIDATES]

    def scores(
        self, vector: Vector, candidates: list[int], when: float | None, dense: np.ndarray | None
    ) -> list[tuple[float, int]]:
        """``(similarity, index)`` of each candidate, in one loop (a method call per
        candidate was a tenth of tier 1's time)."""
        if not candidates:
            return []
        p = self.params
        clusters = self.clusters
        mix_dense = dense is not None and p.dense_weight
        power = 1 - SIZE_POWER
        out = []
        for c, dot in zip(candidates, self._dots(vector, candidates), strict=True):
            cluster = clusters[c]
            size = cluster.size if cluster.size > 1.0 else 1.0
            score = dot / (cluster.norm**power * size**SIZE_POWER)
            if mix_dense and cluster.dense is not None:
                dense_cosine = float(dense @ cluster.dense) / (
                    float(np.linalg.norm(cluster.dense)) or 1.0
                )
                score = (1 - p.dense_weight) * score + p.dense_weight * dense_cosine
            gap = cluster.gap_days(when)
            if gap is not None:
                score *= _damping(gap, p.window_days, p.decay_days, p.time_boost)
            out.append((score, c))
        return out

    def _dots(self, vector: Vector, candidates: list[int]) -> list[float]:
        """Dot product of ``vector`` (integer term ids) with each candidate's centroid, in
        one numpy pass: the vector is scattered into a dense scratch array, the candidates'
        centroid arrays are concatenated, gathered against it and summed per candidate
        (a dict walk per candidate cost 1.5-2x as much on stories_dev)."""
        ids = np.fromiter(vector, dtype=np.intp, count=len(vector))
        arrays = [self.clusters[c].arrays() for c in candidates]
        terms = np.concatenate([a for a, _ in arrays])
        weights = np.concatenate([w for _, w in arrays])
        need = 1 + max(int(ids.max(initial=-1)), int(terms.max(initial=-1)))
        if need > len(self._scratch):
            self._scratch = np.zeros(max(need, 2 * len(self._scratch), 1024))
        scratch = self._scratch
        scratch[ids] = np.fromiter(vector.values(), dtype=np.float64, count=len(ids))
        owner = np.repeat(np.arange(len(arrays)), [len(a) for a, _ in arrays])
        products = scratch[terms] * weights
        scratch[ids] = 0.0
        return np.bincount(owner, weights=products, minlength=len(arrays)).tolist()

    def add(
        self,
        key: str,
        vector: Vector,
        when: float | None,
        scale: float = 1.0,
        dense: np.ndarray | None = None,
        query: list[tuple[str, float]] | None = None,
    ) -> int:
        """Assign ``vector`` (member ``key``) to a cluster; returns the cluster index.

        ``scale`` multiplies the join threshold (short texts get a lower one); ``dense`` is an
        optional unit embedding, mixed into the score with weight ``params.dense_weight``.
        Candidates always come from the sparse index, looked up under ``query`` (the
        vector's QUERY_TERMS heaviest terms; computed when not given).
        """
        if query is None:
            query = _heaviest(vector.items(), QUERY_TERMS)
        scored = self.scores(vector, self.candidates(query), when, dense)
        scored.sort(key=lambda sc: (-sc[0], sc[1]))
        if scored and self._joins(scored, scale):
            target = scored[0][1]
        else:
            target = len(self.clusters)
            self.clusters.append(_Cluster(key=key, members=[]))
        cluster = self.clusters[target]
        cluster.members.append(key)
        cluster.add_vector(vector)
        cluster.add_time(when)
        if dense is not None:
            cluster.dense = dense.copy() if cluster.dense is None else cluster.dense + dense
        self._post(target, [t for t, _ in query])
        if self.params.merge_threshold is not None:
            target = self._merge_close(
                target, [c for s, c in scored[1:4] if s >= self.params.threshold * 0.8]
            )
        return target

    def _joins(self, scored: list[tuple[float, int]], scale: float) -> bool:
        """Whether the best of ``scored`` (sorted, best first) is close enough to join.

        A short text (``scale`` < 1) may also join a little under its bar when its best
        event is a clear winner: few shared words make the score low, but not ambiguous.
        """
        best, bar = scored[0][0], self.params.threshold * scale
        if best >= bar:
            return True
        clear = len(scored) < 2 or best >= CLEAR_WINNER_RATIO * scored[1][0]
        return scale < 1.0 and clear and best >= bar * CLEAR_WINNER_BAR

    def _post(self, index: int, terms: list[str]) -> None:
        """Post cluster ``index`` under ``terms`` (its new member's top terms)."""
        postings = self.postings
        for term in terms:
            posting = postings.get(term)
            if posting is None:  # (setdefault would build a dict for every term)
                posting = postings[term] = {}
            posting.pop(index, None)
            posting[index] = None
            if len(posting) > POSTING_CAP:
                del posting[next(iter(posting))]

    def _merge_close(self, target: int, others: list[int]) -> int:
        for other in others:
            a, b = self.clusters[target], self.clusters[other]
            if other == target or not b.alive:
                continue
            cosine = _dot(a.centroid, b.centroid) / (a.norm * b.norm)
            if cosine >= (self.params.merge_threshold or 1.0):
                target = self._merge(target, other)
        return target

    def _merge(self, a: int, b: int) -> int:
        keep, gone = min(a, b), max(a, b)
        survivor, absorbed = self.clusters[keep], self.clusters[gone]
        survivor.members.extend(absorbed.members)
        survivor.add_vector(absorbed.centroid, 1.0)
        survivor.size += absorbed.size - 1.0  # the centroid sums absorbed.size vectors
        if absorbed.dense is not None:
            survivor.dense = (
                absorbed.dense if survivor.dense is None else survivor.dense + absorbed.dense
            )
        survivor.add_time(absorbed.start)
        survivor.add_time(absorbed.end)
        survivor.samples = (survivor.samples + absorbed.samples)[:LABEL_CANDIDATES]
        absorbed.alive = False  # its posting entries are skipped, then age out of the lists
        absorbed.members = []
        absorbed.centroid = {}
        absorbed.cached = None
        absorbed.samples = []
        self.forward[gone] = keep
        self._post(keep, survivor.top_terms(QUERY_TERMS))
        return keep


# --- the public index -------------------------------------------------------------------


def _timestamp(when: datetime | None) -> float | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def _datetime(timestamp: float | None) -> datetime | None:
    return None if timestamp is None else datetime.fromtimestamp(timestamp, UTC)


class StoryIndex:
    """Online tier-1 index: copies, events and storylines, persisted as bytes in the store.

    ``add`` articles in arrival order; ``grouping()`` reports the state at any time. The
    defaults are the calibrated values (module constants, tuned on stories_dev).
    """

    def __init__(
        self,
        *,
        event_threshold: float = EVENT_THRESHOLD,
        merge_threshold: float | None = MERGE_THRESHOLD,
        storyline_threshold: float = STORYLINE_THRESHOLD,
        duplicate_threshold: float | None = None,
        use_dates: bool = True,
        dense_weight: float = DENSE_WEIGHT,
        embed: Callable[[Article], np.ndarray] | None = None,
    ) -> None:
        self.settings: dict[str, Any] = {
            "event_threshold": event_threshold,
            "merge_threshold": merge_threshold,
            "storyline_threshold": storyline_threshold,
            "duplicate_threshold": duplicate_threshold,
            "use_dates": use_dates,
            "dense_weight": dense_weight,
        }
        self.embed = embed  # optional: Article -> unit embedding (see manysides.embeddings)
        self.deduper = (
            Deduper() if duplicate_threshold is None else Deduper(threshold=duplicate_threshold)
        )
        self._events = _OnlineClusters(
            _Params(
                event_threshold,
                merge_threshold,
                EVENT_WINDOW_DAYS,
                EVENT_DECAY_DAYS,
                dense_weight if embed is not None else 0.0,
                EVENT_TIME_BOOST,
            )
        )
        # term vocabulary: id -> word, and per id its document count, prior and term flag
        # word -> id; an unseen word looked up gets the next id (in C, via count)
        self._vocab: defaultdict[str, int] = defaultdict(count().__next__)
        self._terms: list[str] = []
        self._df_count = np.zeros(0, dtype=np.float64)
        self._prior_df = np.zeros(0, dtype=np.float64)
        self._term_flag = np.zeros(0, dtype=bool)
        self._documents = 0
        self._prior = background_df(PRIOR_DOCUMENTS)
        self._prior_documents = PRIOR_DOCUMENTS if self._prior else 0.0
        self._event_of: dict[str, int] = {}  # article id -> event index at its arrival
        self._arrival: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._arrival)

    def add(self, article: Article, fp: Fingerprint | None = None) -> str:
        """Index one article; returns the id of the event it belongs to now.

        Adding an article id already indexed is a no-op that returns its event id.
        """
        if article.id in self._arrival:
            return self.event_id(article.id)
        fp = fp or fingerprint(article)
        duplicate = self.deduper.add(article, fp)
        self._arrival[article.id] = len(self._arrival)
        when = _timestamp(article.published) if self.settings["use_dates"] else None
        if duplicate is not None:
            partner = (
                duplicate.original_id
                if duplicate.article_id == article.id
                else duplicate.article_id
            )
            index = self._events.resolve(self._event_of[partner])
            cluster = self._events.clusters[index]
            cluster.members.append(article.id)
            cluster.add_time(when)
        else:
            vector = self._vector(article.title, fp.tokens)
            scale = min(1.0, max(SHORT_TEXT_FLOOR, math.sqrt(len(fp.tokens) / SHORT_TEXT_TOKENS)))
            dense = None if self.embed is None else np.asarray(self.embed(article), dtype=float)
            index = self._events.add(article.id, vector, when, scale, dense)
            samples = self._events.clusters[index].samples
            if len(samples) < LABEL_CANDIDATES:
                samples.append((article.title, vector))
        self._event_of[article.id] = index
        return self.event_id(article.id)

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        """``add`` each article in order; the event id each belongs to right after its add.

        Exactly the same decisions as calling ``add`` one by one (assignment is sequential
        by design); the entry point for feeding a batch, e.g. one page of the store.
        """
        return [self.add(article) for article in articles]

    def _vector(self, title: str, tokens: list[str]) -> Vector:
        """The article's unit TF-IDF vector (same values as ``_raw_terms`` weighted by IDF).

        Terms get integer ids in a vocabulary whose document frequencies, priors and
        stopword flags are numpy arrays. Tokens are counted in a small per-article dict
        first, so the big vocabulary (cache misses) is looked up once per distinct word;
        the rest is array arithmetic.
        """
        counts = Counter(tokens)  # distinct words in first-seen order
        words = list(counts)
        title_words = fast_tokens(title) if title else []
        words.extend(w for w in dict.fromkeys(title_words) if w not in counts)
        ids = self._term_ids(words)
        position = dict(zip(words, range(len(words)), strict=True))
        raw = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        keep = self._term_flag[ids]
        lead = np.fromiter(map(position.__getitem__, tokens[: LEAD_TOKENS * 3]), dtype=np.intp)
        lead = lead[keep[lead]][:LEAD_TOKENS]  # (lead words are counted words)
        raw += LEAD_BONUS * np.bincount(lead, minlength=len(counts))
        # 1 + log(count) for counted words; 0 for title-only words (count 0)
        weights = np.zeros(len(words), dtype=np.float64)
        weights[: len(counts)] = 1.0 + np.log(raw)
        if title_words:  # += on repeated indices adds once: a 0/1 bonus per word
            weights[np.fromiter(map(position.__getitem__, title_words), dtype=np.intp)] += (
                TITLE_WEIGHT
            )
        ids, weights = ids[keep], weights[keep]
        self._documents += 1
        self._df_count[ids] += 1.0
        log_n = math.log(self._documents + self._prior_documents + 1)
        idf = log_n - np.log(self._df_count[ids] + self._prior_df[ids] + 1.0) + 1.0
        return self._top_unit(ids, weights * idf)

    def _top_unit(self, ids: np.ndarray, weights: np.ndarray) -> Vector:
        """The ARTICLE_TERMS heaviest terms, L2-normalized (ties: the earlier term wins)."""
        if len(ids) > ARTICLE_TERMS:
            chosen = np.sort(np.argsort(-weights, kind="stable")[:ARTICLE_TERMS])
            ids, weights = ids[chosen], weights[chosen]
        norm = math.sqrt(float(np.dot(weights, weights))) or 1.0
        return dict(zip(ids.tolist(), (weights / norm).tolist(), strict=True))

    def _term_ids(self, keys: list[str]) -> np.ndarray:
        """Vocabulary ids of ``keys``; unseen words are added (with their prior and flag)."""
        start = len(self._terms)
        ids = np.fromiter(map(self._vocab.__getitem__, keys), dtype=np.intp, count=len(keys))
        if len(self._vocab) > start:  # new words got ids start, start + 1, ... in key order
            self._terms.extend(keys[i] for i in np.flatnonzero(ids >= start).tolist())
            self._grow(start)
        return ids

    def _grow(self, start: int) -> None:
        """Room and per-term data for the vocabulary entries from ``start`` on."""
        size = len(self._terms)
        if size > len(self._df_count):
            capacity = max(2 * len(self._df_count), size, 1024)
            for name in ("_df_count", "_prior_df", "_term_flag"):
                old = getattr(self, name)
                grown = np.zeros(capacity, dtype=old.dtype)
                grown[: len(old)] = old
                setattr(self, name, grown)
        new = self._terms[start:]
        self._prior_df[start:size] = np.fromiter(
            map(self._prior.get, new, repeat(0.0)), dtype=np.float64, count=len(new)
        )
        # _is_term for each new word, with C-level maps
        long = np.fromiter(map(len, new), dtype=np.intp, count=len(new)) > 1
        stop = np.fromiter(map(STOPWORDS.__contains__, new), dtype=bool, count=len(new))
        self._term_flag[start:size] = long & ~stop

    def event_id(self, article_id: str) -> str:
        """Id of the event an indexed article belongs to now ("e-" + its first article's id)."""
        index = self._events.resolve(self._event_of[article_id])
        return "e-" + self._events.clusters[index].key

    # -- reporting -----------------------------------------------------------------------

    def grouping(self) -> Grouping:
        """Events, storylines, copies and shared passages for everything indexed so far."""
        alive = [c for c in self._events.clusters if c.alive]
        events = tuple(self._event(c) for c in alive)
        return Grouping(
            events=events,
            storylines=self._storylines(alive, events),
            duplicates=self.deduper.duplicates(),
            shared_passages=self.deduper.shared_passages(),
        )

    def _event(self, cluster: _Cluster) -> Event:
        return Event(
            id="e-" + cluster.key,
            article_ids=tuple(sorted(cluster.members, key=self._arrival.__getitem__)),
            label=_label(cluster, self._terms),
            start=_datetime(cluster.start),
            end=_datetime(cluster.end),
        )

    def _storylines(
        self, clusters: list[_Cluster], events: tuple[Event, ...]
    ) -> tuple[Storyline, ...]:
        threads = _OnlineClusters(
            _Params(
                float(self.settings["storyline_threshold"]),
                STORYLINE_MERGE_THRESHOLD,
                STORYLINE_WINDOW_DAYS,
                STORYLINE_DECAY_DAYS,
            )
        )
        vectors, queries = [], []
        for cluster, event in zip(clusters, events, strict=True):
            vector = _unit(cluster.centroid.items(), STORYLINE_EVENT_TERMS)
            query = _heaviest(vector.items(), STORYLINE_QUERY_TERMS)  # once, used three times
            vectors.append(vector)
            queries.append(query)
            index = threads.add(event.id, vector, cluster.start, query=query)
            threads.clusters[index].add_time(cluster.end)
        by_id = {event.id: event for event in events}
        # One reassignment step after the online pass (dev, storyline level: B-cubed F1
        # 0.826 -> 0.827, pairwise 0.799 -> 0.804; thresholds 0.09 / 0.11 with it were worse).
        groups = _reassign(threads, vectors, clusters, events, queries)
        if STORYLINE_FINAL_MERGE is not None:
            rebuilt = _rebuilt(threads.params, groups, vectors, clusters, events, queries)
            groups = _merge_groups(rebuilt, STORYLINE_FINAL_MERGE)
        return tuple(_storyline(members, by_id) for members in groups)

    # -- persistence ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as bytes (zlib-compressed plain data; see ``from_bytes``)."""
        events = self._events
        state = {
            "format": 2,  # 1: vectors and postings keyed by term strings
            "settings": self.settings,
            "deduper": self.deduper.to_state(),
            "terms": self._terms,  # a term's vocabulary id is its position here
            "df": self._df_count[: len(self._terms)].astype(np.int64).tolist(),
            "documents": self._documents,
            "event_of": self._event_of,
            "arrival": list(self._arrival),
            "clusters": [_cluster_state(c) for c in events.clusters],
            "postings": {t: list(p) for t, p in events.postings.items()},
            "forward": events.forward,
        }
        return zlib.compress(pickle.dumps(state, protocol=5), 1)

    @classmethod
    def from_bytes(
        cls, data: bytes, embed: Callable[[Article], np.ndarray] | None = None
    ) -> StoryIndex:
        """Rebuild an index saved by ``to_bytes``; it continues exactly where it stopped.

        Pass the same ``embed`` the index was built with when it used dense features.
        """
        state = safe_loads(zlib.decompress(data))
        if state.get("format") not in (1, 2):
            raise ValueError(f"unknown StoryIndex format {state.get('format')!r}")
        index = cls(**state["settings"], embed=embed)
        index.deduper = Deduper.from_state(state["deduper"])
        if state["format"] == 1:
            state = _ids_for_format_1(state)
        index._term_ids(list(state["terms"]))
        df = state["df"]
        index._df_count[: len(df)] = np.asarray(df, dtype=np.float64)
        index._documents = state["documents"]
        index._event_of = dict(state["event_of"])
        index._arrival = {article_id: i for i, article_id in enumerate(state["arrival"])}
        events = index._events
        events.clusters = [_cluster_from_state(c) for c in state["clusters"]]
        events.postings = {t: dict.fromkeys(p) for t, p in state["postings"].items()}
        events.forward = dict(state["forward"])
        return index


def _ids_for_format_1(state: dict[str, Any]) -> dict[str, Any]:
    """A format-1 ``StoryIndex`` state (term strings as keys) with vocabulary ids instead."""
    df = state["df"]
    terms = list(df)
    vocab = {term: i for i, term in enumerate(terms)}

    def ids(vector: dict[str, Any]) -> dict[int, Any]:
        for term in vector:
            if term not in vocab:  # (every centroid term has a count; to be safe)
                vocab[term] = len(terms)
                terms.append(term)
        return {vocab[term]: value for term, value in vector.items()}

    clusters = [
        {
            **c,
            "centroid": ids(c["centroid"]),
            "samples": [(title, ids(vector)) for title, vector in c["samples"]],
        }
        for c in state["clusters"]
    ]
    postings = ids(state["postings"])
    counts = [df.get(term, 0) for term in terms]
    return {**state, "terms": terms, "df": counts, "clusters": clusters, "postings": postings}


def _reassign(
    threads: _OnlineClusters,
    vectors: list[Vector],
    clusters: list[_Cluster],
    events: tuple[Event, ...],
    queries: list[list[tuple[str, float]]] | None = None,
) -> list[list[str]]:
    """One k-means step: every event moves to its best-scoring final storyline centroid.

    The online pass sees early events against young centroids; scoring them again against
    the final ones undoes order effects at a linear cost (candidates from the same index).
    An event alone in its storyline looks only at bigger storylines, with a lower bar: a
    lone event is often a side report of a topic whose centroid moved on.
    """
    owner = {m: threads.resolve(i) for i, t in enumerate(threads.clusters) for m in t.members}
    groups: dict[int, list[str]] = {}
    queries = queries or [_heaviest(v.items(), QUERY_TERMS) for v in vectors]
    for vector, query, cluster, event in zip(vectors, queries, clusters, events, strict=True):
        scored = threads.scores(vector, threads.candidates(query), cluster.start, None)
        target = owner[event.id]
        if _small(threads.clusters[target]):  # may join a bigger storyline, not swap
            scored = [(score, c) for score, c in scored if not _small(threads.clusters[c])]
            bar = STORYLINE_ATTACH_THRESHOLD
        else:
            bar = threads.params.threshold
        best = max(scored, key=lambda sc: (sc[0], -sc[1]), default=(0.0, -1))
        if best[1] >= 0 and best[0] >= bar:
            target = best[1]
        groups.setdefault(target, []).append(event.id)
    return list(groups.values())


def _rebuilt(
    params: _Params,
    groups: list[list[str]],
    vectors: list[Vector],
    clusters: list[_Cluster],
    events: tuple[Event, ...],
    queries: list[list[tuple[str, float]]] | None = None,
) -> _OnlineClusters:
    """Storyline clusters holding ``groups`` exactly (centroids, spans and postings)."""
    position = {event.id: i for i, event in enumerate(events)}
    queries = queries or [_heaviest(v.items(), QUERY_TERMS) for v in vectors]
    threads = _OnlineClusters(params)
    for members in groups:
        index = len(threads.clusters)
        thread = _Cluster(key=members[0], members=list(members))
        threads.clusters.append(thread)
        for event_id in members:
            i = position[event_id]
            thread.add_vector(vectors[i], norm=False)
            thread.add_time(clusters[i].start)
            thread.add_time(clusters[i].end)
            threads._post(index, [t for t, _ in queries[i]])
        thread.update_norm()  # only the final centroid is scored
    return threads


def _merge_groups(threads: _OnlineClusters, bar: float) -> list[list[str]]:
    """Storylines whose centroids have cosine >= ``bar`` are joined (single link)."""
    parent = list(range(len(threads.clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, thread in enumerate(threads.clusters):
        query = _heaviest(thread.centroid.items(), STORYLINE_QUERY_TERMS)
        for j in threads.candidates(query):
            if j <= i:
                continue
            other = threads.clusters[j]
            cosine = _dot(thread.centroid, other.centroid) / (thread.norm * other.norm)
            if cosine >= bar:
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    merged: dict[int, list[str]] = {}
    for i, thread in enumerate(threads.clusters):
        merged.setdefault(find(i), []).extend(thread.members)
    return list(merged.values())


def _small(thread: _Cluster) -> bool:
    return len(thread.members) <= STORYLINE_SMALL_EVENTS


def _cluster_state(cluster: _Cluster) -> dict[str, Any]:
    return {
        "key": cluster.key,
        "members": cluster.members,
        "centroid": cluster.centroid,
        "norm": cluster.norm,
        "size": cluster.size,
        "dense": None if cluster.dense is None else cluster.dense.astype(np.float64).tobytes(),
        "start": cluster.start,
        "end": cluster.end,
        "samples": cluster.samples,
        "alive": cluster.alive,
    }


def _cluster_from_state(state: dict[str, Any]) -> _Cluster:
    dense = state.get("dense")
    fields = {**state, "dense": None if dense is None else np.frombuffer(dense).copy()}
    return _Cluster(**fields)


def _label(cluster: _Cluster, terms: list[str]) -> str:
    """Title of the member closest to the centroid; top terms when no member has a title."""
    titled = [(title, vector) for title, vector in cluster.samples if title.strip()]
    if len(titled) == 1:
        return titled[0][0].strip()
    if titled:
        best = max(titled, key=lambda tv: _dot(tv[1], cluster.centroid))
        return best[0].strip()
    return ", ".join(terms[t] for t in cluster.top_terms(5))


def _storyline(event_ids: list[str], events: dict[str, Event]) -> Storyline:
    members = [events[event_id] for event_id in event_ids]
    ordered = sorted(
        members, key=lambda e: (e.start is None, e.start or datetime.min.replace(tzinfo=UTC))
    )
    biggest = max(members, key=lambda e: len(e.article_ids))  # first one on ties
    first = members[0].id.removeprefix("e-")
    return Storyline(id="s-" + first, event_ids=tuple(e.id for e in ordered), label=biggest.label)


def group_articles(articles: Iterable[Article], index: StoryIndex | None = None) -> Grouping:
    """Feed ``articles`` in order into ``index`` (a new default one when None); its grouping."""
    index = StoryIndex() if index is None else index
    index.add_many(articles)
    return index.grouping()
