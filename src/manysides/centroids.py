"""Single-pass centroid clustering over sparse vectors, with an inverted index over centroid
terms (tier 1; the core of ``cluster``'s events and storylines).

A vector is a dict from term (an integer vocabulary id inside ``StoryIndex``) to weight. A
cluster keeps the sum of its members' vectors (its top ``CENTROID_TERMS`` terms) and is
posted under its members' heaviest terms; a new vector is scored against the few clusters
its own heaviest terms vote for (``MAX_CANDIDATES``), so adding one touches a bounded set.
A small cluster also keeps its members' own vectors, so it can split when they turn out to
form two groups (``_OnlineClusters._split_loose``).

Calibration: every constant below was tuned on stories_dev.jsonl.gz with bench/stories.py
(the only tuning data; B-cubed and pairwise F1 of events on BASIL+NeuS, of storylines on
DUC, and overall), plus the seeds check, like the constants in ``cluster``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import add, itemgetter, mul, truediv
from typing import Any

import numpy as np

Vector = dict[Any, float]  # term (a vocabulary id inside StoryIndex) -> weight

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
# Figures: a short text (join scale <= FIGURE_SHORT_SCALE, under ~190 tokens: leads) that
# quotes at least MIN_FIGURES specific numbers (cluster._is_figure) scores FIGURE_PENALTY
# times its score against an event whose members quote at least MIN_FIGURES and share none
# of them: the next weekly report or the next vote on the same subject. Calibrated on
# stories_dev only (the only tuning data; event / storyline / overall B-cubed / pairwise F1,
# without the rule 0.8946 / 0.7706, 0.8609 / 0.8425, 0.8816 / 0.8563): penalty 0.7 at
# scales 0.75 / 0.8 / 0.85: 0.8964 / 0.7826, 0.8623 / 0.8438, 0.8826 / 0.8576 (all three);
# penalties 0.65 / 0.7 equal, 0.6 event 0.8952 / 0.7806, 0.75 and 0.85 no change, 0.5 (all
# texts under 300 tokens) 0.8952 / 0.7806; for every text, long ones too: event 0.8915 /
# 0.7746, storyline 0.851 / 0.821 (long texts' incidental numbers); MIN_FIGURES 3: event
# 0.894 / 0.772. Exempting near-copies (score >= 0.6 / 0.8) and blocking merges of events
# whose figures disagree changed nothing, so left out; remembering long texts' figures too
# gave the same groupings (only short texts' are kept: bounded memory). Seeds check holds.
MIN_FIGURES = 2
FIGURE_PENALTY = 0.7
FIGURE_SHORT_SCALE = 0.8
# Weekdays: an undated text that names weekdays in its lead (cluster._lead_weekdays) scores
# WEEKDAY_PENALTY times its score against an event whose undated members named weekdays
# and none within WEEKDAY_TOLERANCE days of its own: a lead anchors its event in the week
# ("late Thursday"), so a report of a later step of the same story names another day.
# Evidence (stories_dev NeuS pairs with cosine >= 0.15 where both texts name a weekday):
# same event 13 of 194 pairs share no weekday, different events 204 of 304. Dev, event /
# storyline B-cubed / pairwise F1 (without the rule 0.8964 / 0.7826, 0.8623 / 0.8438):
# tolerance 0 (exact day): penalty 0.7 event 0.9029 / 0.7997, 0.5 0.9030 / 0.8077, but
# the seeds fail (002's lead names the day before 000's and 001's), so 1 (a report
# published the next morning names yesterday): penalty 0.5 0.9018 / 0.7925, 0.6 0.9036 /
# 0.7841, 0.65 0.9000 / 0.7765, 0.7 / 0.75 / 0.8 0.9021 / 0.7967 (storyline 0.8587 / 0.8401
# for all: NeuS events that share storylines with DUC ones), so 0.75, mid-plateau. Also
# tried: a boost for agreeing days, x1.05 (event 0.9007 / 0.7850; x1.1 at tolerance 0:
# 0.9000 / 0.7855);
# the same penalty on merges (no change, and no gain with lower merge thresholds).
# Round 14, with event splits (cluster.SPLIT_BAR; event 0.9144 / 0.8449 at 0.75; halves by
# gold-id crc32, even 0.9193 / 0.8465, odd 0.9093 / 0.8432): 0.7 the same; 0.65 0.9189 /
# 0.8581; 0.5 / 0.55 / 0.6: 0.9224 / 0.8670 (even 0.9327 / 0.8862, odd 0.9118 / 0.8474); 0.4
# 0.9211 / 0.8650; storyline 0.8619 / 0.8423 throughout, so 0.55, mid-plateau (the evidence
# above: a disagreeing day is ten times likelier between different events). In three
# shuffled orders of the file, 0.75 -> 0.55: event B-cubed -0.0004 / -0.0013 / +0.0047,
# pairwise +0.0083 / +0.0002 / +0.0009.
WEEKDAY_PENALTY = 0.55
WEEKDAY_TOLERANCE = 1
# Splits (``_OnlineClusters._split_loose``): an event of SPLIT_MIN_MEMBERS to
# SPLIT_MAX_MEMBERS articles, all with their own vectors kept, whose members average-link
# agglomeration parts into two groups of at least SPLIT_MIN_PART with a mean cosine between
# them under the split bar (``_Params.split_bar``; cluster.SPLIT_BAR, where it is
# calibrated) splits in two. Online joins are made against young centroids: two reports of
# one subject (the next vote, another platform's ban) join, and only the articles that
# follow show two events. Dev (stories_dev, split bar 0.25): a largest size of 8 / 12 / 20
# gives the same groupings (12: the label samples' count, so the same vectors are kept);
# groups of one (an outlier ejected, at bars 0.20 / 0.22 / 0.25 / 0.28) event B-cubed F1
# 0.9015 / 0.9107 / 0.9151 / 0.9134 against 0.9048 / 0.9128 / 0.9144 / 0.9136 for two, and
# SPLIT_MIN_MEMBERS 3 with groups of one 0.891-0.900: not robust, so 2 and 4.
SPLIT_MIN_MEMBERS = 4
SPLIT_MAX_MEMBERS = 12
SPLIT_MIN_PART = 2
CENTROID_TERMS = 150  # centroids keep their top terms (dev: 400 changes F1 < 0.01)
QUERY_TERMS = 12  # an article looks up its top terms, and its event is posted under them
POSTING_CAP = 200  # a posting list keeps its most recent events (bounds work per article)
MAX_CANDIDATES = 15  # events scored exactly per article (dev: 8, 15, 30 give F1 within 0.002)
LABEL_CANDIDATES = 12  # members remembered per event to choose its label from


@dataclass(frozen=True)
class VectorArrays:
    """A vector's term ids and weights as numpy arrays (in the dict's order), and its
    largest term id (how big a dense scratch copy must be)."""

    ids: np.ndarray
    weights: np.ndarray
    top: int


# The largest element of an array, in C: ndarray.max goes through numpy's Python-level
# _methods._amax on every call; this is the ufunc reduction it ends in (same result).
_largest = np.maximum.reduce


def vector_arrays(vector: Vector) -> VectorArrays:
    n = len(vector)
    ids = np.fromiter(vector, dtype=np.intp, count=n)
    weights = np.fromiter(vector.values(), dtype=np.float64, count=n)
    return VectorArrays(ids, weights, int(_largest(ids, initial=-1)))


def _heaviest(items: Iterable[tuple[str, float]], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (term, weight) pairs, ties in input order: heapq.nlargest's
    documented result, but sorting in C beats its Python loop at these sizes (60-300)."""
    return sorted(items, key=itemgetter(1), reverse=True)[:n]


def _unit(weights: Iterable[tuple[str, float]], keep: int) -> Vector:
    top = _heaviest(weights, keep)
    values = [w for _, w in top]
    norm = math.sqrt(sum(map(mul, values, values))) or 1.0  # the same sum, in C
    return dict(zip(map(itemgetter(0), top), map(truediv, values, repeat(norm)), strict=True))


def _group_places(sizes: np.ndarray) -> np.ndarray:
    """Each item's place in its group (0, 1, ...), for groups of ``sizes`` items laid out
    one group after another."""
    return np.arange(int(sizes.sum())) - (sizes.cumsum() - sizes).repeat(sizes)


def _heaviest_in_groups(
    weights: np.ndarray, group: np.ndarray, sizes: np.ndarray, keep: int
) -> np.ndarray:
    """Positions of the ``keep`` heaviest ``weights`` of each group (``group[i]``: the group
    of weight i, ascending; ``sizes``: each group's count), group by group, heaviest first,
    ties in order (lexsort is stable; groups stay in place)."""
    order = np.lexsort((-weights, group))
    return order[_group_places(sizes) < keep]


def _units(
    arrays: Sequence[VectorArrays], keep: int, keys: Sequence[Any] | None = None
) -> list[tuple[Vector, VectorArrays]]:
    """``_unit`` of the vector held in each of ``arrays`` (the same dict, values and order),
    and the result as arrays, in one numpy pass over all of them: storylines take the top
    terms of every event centroid (whose arrays are cached), and a dozen numpy calls per
    event were most of that. ``keys[i]``: the object to key id ``i`` with (shared ids, not
    one new int per entry)."""
    if not arrays:
        return []
    sizes = np.fromiter((len(a.ids) for a in arrays), dtype=np.intp, count=len(arrays))
    owner = np.arange(len(arrays)).repeat(sizes)
    weights = np.concatenate([a.weights for a in arrays])
    chosen = _heaviest_in_groups(weights, owner, sizes, keep)
    ids = np.concatenate([a.ids for a in arrays]).take(chosen)
    top = weights.take(chosen)
    ends = np.minimum(sizes, keep).cumsum().tolist()
    spans = list(zip([0, *ends[:-1]], ends, strict=True))
    values = top.tolist()
    # _unit's sum, term by term, in C
    norms = [math.sqrt(sum(map(mul, values[a:b], values[a:b]))) or 1.0 for a, b in spans]
    top = top / np.repeat(norms, [b - a for a, b in spans])
    id_list, values = ids.tolist(), top.tolist()
    found = []
    for a, b in spans:
        names = id_list[a:b] if keys is None else map(keys.__getitem__, id_list[a:b])
        vector = dict(zip(names, values[a:b], strict=True))
        found.append((vector, VectorArrays(ids[a:b], top[a:b], max(id_list[a:b], default=-1))))
    return found


def _dot(a: Vector, b: Vector) -> float:
    # Walks the smaller vector in its insertion order, all in C (map over dict.get): faster
    # than a key-set intersection, and unlike a set's (hash-seeded) order the same in every
    # process, so sums, ties and labels are reproducible.
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def _weekdays_agree(known: Iterable[int], named: Iterable[int]) -> bool:
    """Whether some day of ``known`` is within WEEKDAY_TOLERANCE days of one of ``named``
    (weekday numbers, Monday 0; the week wraps around)."""
    return any(min((a - b) % 7, (b - a) % 7) <= WEEKDAY_TOLERANCE for a in known for b in named)


@dataclass(frozen=True)
class _Member:
    """What a member brought to its cluster, kept while the cluster may still split."""

    vector: Vector
    when: float | None
    figures: frozenset[Any]
    weekdays: frozenset[int]
    dense: np.ndarray | None


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
    figures: set[Any] = field(default_factory=set)  # its short members' figures (term ids)
    weekdays: set[int] = field(default_factory=set)  # named in its undated members' leads
    # each member's own data while the cluster may split (SPLIT_MAX_MEMBERS), else None;
    # copies: a copy's id -> (the member it copies, its timestamp), also only while it may
    parts: dict[str, _Member] | None = field(default_factory=dict, repr=False)
    copies: dict[str, tuple[str, float | None]] = field(default_factory=dict, repr=False)
    # the centroid as arrays (see ``arrays``); ``fresh``: the centroid has not changed since
    cached: VectorArrays | None = field(default=None, repr=False)
    fresh: bool = field(default=False, repr=False)

    def arrays(self) -> VectorArrays:
        """The centroid's term ids and weights as numpy arrays (in the dict's order).

        Adding a vector updates existing terms in place and appends new ones, so until the
        centroid is trimmed (a new dict, ``cached`` dropped) the old ids stay a prefix and
        only the appended ids are converted (int conversion is most of the rebuild).
        """
        cached = self.cached
        if cached is not None and self.fresh:
            return cached
        if cached is None:
            self.cached = vector_arrays(self.centroid)
        else:
            centroid, known = self.centroid, len(cached.ids)
            added = np.fromiter(islice(centroid, known, None), np.intp, len(centroid) - known)
            weights = np.fromiter(centroid.values(), np.float64, len(centroid))
            top = max(cached.top, int(_largest(added, initial=-1)))
            self.cached = VectorArrays(np.concatenate((cached.ids, added)), weights, top)
        self.fresh = True
        return self.cached

    def add_vector(self, vector: Vector, weight: float = 1.0, *, norm: bool = True) -> None:
        """Add ``vector`` times ``weight`` to the centroid; ``norm=False`` leaves ``norm``
        stale (a caller adding many vectors in a row sets it once at the end)."""
        centroid = self.centroid
        self.fresh = False
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
            self.cached = None  # (a new dict: its ids are no longer a prefix)
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
    split_bar: float | None = None  # events: cluster.SPLIT_BAR; storylines: no splits


class _OnlineClusters:
    """Single-pass centroid clustering with an inverted index over centroid terms."""

    def __init__(self, params: _Params) -> None:
        self.params = params
        self.clusters: list[_Cluster] = []
        self.postings: dict[Any, dict[int, None]] = {}  # term -> clusters
        self.forward: dict[int, int] = {}  # merged cluster -> the cluster that absorbed it
        self.moved: dict[str, int] = {}  # member -> the cluster a split moved it to
        self._scratch = np.zeros(0)  # dense copy of the vector being scored (else zeros)

    def home(self, key: str, index: int) -> int:
        """The cluster member ``key`` (that joined cluster ``index``) belongs to now."""
        return self.resolve(self.moved.get(key, index))

    def resolve(self, index: int) -> int:
        while index in self.forward:
            index = self.forward[index]
        return index

    def candidates(self, query: list[tuple[str, float]]) -> list[int]:
        votes: dict[int, float] = {}
        get = votes.get
        postings = self.postings
        for term, weight in query:
            posting = postings.get(term)
            if posting:  # (a plain loop: posting lists hold 2.7 clusters on average on
                # stories_dev, too few for a chain of C-level maps to pay for itself)
                for c in posting:
                    votes[c] = get(c, 0.0) + weight
        clusters = self.clusters
        # most votes first, ties by index: two stable C sorts of the indexes (no key lambda,
        # no (index, votes) tuples to build and compare)
        ranked = sorted(sorted(votes), key=votes.__getitem__, reverse=True)
        return [c for c in ranked if clusters[c].alive][:MAX_CANDIDATES]

    def scores(
        self,
        vector: Vector,
        candidates: list[int],
        when: float | None,
        dense: np.ndarray | None,
        arrays: VectorArrays | None = None,
    ) -> list[tuple[float, int]]:
        """``(similarity, index)`` of each candidate, in one loop (a method call per
        candidate was a tenth of tier 1's time). ``arrays``: ``vector_arrays(vector)``,
        when the caller has them."""
        if not candidates:
            return []
        p = self.params
        clusters = self.clusters
        mix_dense = dense is not None and p.dense_weight
        power = 1 - SIZE_POWER
        window, decay, boost = p.window_days, p.decay_days, p.time_boost
        out = []
        dots = self._dots(arrays or vector_arrays(vector), candidates)
        for c, dot in zip(candidates, dots, strict=True):
            cluster = clusters[c]
            size = cluster.size if cluster.size > 1.0 else 1.0
            score = dot / (cluster.norm**power * size**SIZE_POWER)
            if mix_dense and cluster.dense is not None:
                dense_cosine = float(dense @ cluster.dense) / (
                    float(np.linalg.norm(cluster.dense)) or 1.0
                )
                score = (1 - p.dense_weight) * score + p.dense_weight * dense_cosine
            if when is not None and cluster.start is not None and cluster.end is not None:
                gap = max(cluster.start - when, when - cluster.end, 0.0) / 86400.0  # days
                # time damping, inline (a function call per candidate): the boost within the
                # window, an exponential decay beyond it
                score *= boost if gap <= window else math.exp(-(gap - window) / decay)
            out.append((score, c))
        return out

    def _dots(self, vector: VectorArrays, candidates: list[int]) -> list[float]:
        """Dot product of ``vector`` (integer term ids) with each candidate's centroid, in
        one numpy pass: the vector is scattered into a dense scratch array, the candidates'
        centroid arrays are concatenated, gathered against it and summed per candidate
        (a dict walk per candidate cost 1.5-2x as much on stories_dev)."""
        clusters = self.clusters
        # a fresh cache is read inline (``arrays()`` is a method call per candidate)
        arrays = [
            cluster.cached if cluster.fresh and cluster.cached is not None else cluster.arrays()
            for cluster in map(clusters.__getitem__, candidates)
        ]
        terms = np.concatenate([a.ids for a in arrays])
        weights = np.concatenate([a.weights for a in arrays])
        need = 1 + max(vector.top, max([a.top for a in arrays]))
        if need > len(self._scratch):
            self._scratch = np.zeros(max(need, 2 * len(self._scratch), 1024))
        scratch = self._scratch
        # (put and take: plainer loops than fancy indexing; the ids are distinct)
        scratch.put(vector.ids, vector.weights)
        owner = np.arange(len(arrays)).repeat([len(a.ids) for a in arrays])  # (method: in C)
        products = scratch.take(terms) * weights
        scratch.put(vector.ids, 0.0)
        return np.bincount(owner, weights=products, minlength=len(arrays)).tolist()

    def add(
        self,
        key: str,
        vector: Vector,
        when: float | None,
        scale: float = 1.0,
        dense: np.ndarray | None = None,
        query: list[tuple[str, float]] | None = None,
        arrays: VectorArrays | None = None,
        figures: frozenset[Any] = frozenset(),
        weekdays: frozenset[int] = frozenset(),
    ) -> int:
        """Assign ``vector`` (member ``key``) to a cluster; returns the cluster index.

        ``scale`` multiplies the join threshold (short texts get a lower one); ``dense`` is an
        optional unit embedding, mixed into the score with weight ``params.dense_weight``.
        Candidates always come from the sparse index, looked up under ``query`` (the
        vector's QUERY_TERMS heaviest terms; computed when not given); ``arrays`` is
        ``vector_arrays(vector)`` when the caller has it. ``figures``: the text's specific
        numbers (FIGURE_PENALTY), used and remembered for short texts only. ``weekdays``: the
        weekdays an undated text's lead names (WEEKDAY_PENALTY).
        """
        if query is None:
            query = _heaviest(vector.items(), QUERY_TERMS)
        scored = self.scores(vector, self.candidates(query), when, dense, arrays)
        if scale > FIGURE_SHORT_SCALE:  # a long text's numbers are mostly incidental
            figures = frozenset()
        if len(figures) >= MIN_FIGURES:
            # both sides quote several specific numbers and share none: another instance of
            # the same kind of event (next week's report, the next vote)
            scored = self._penalized(
                scored,
                lambda k: len(k.figures) >= MIN_FIGURES and k.figures.isdisjoint(figures),
                FIGURE_PENALTY,
            )
        if weekdays:
            # its leads named weekdays, none near the text's: the same subject another day
            scored = self._penalized(
                scored,
                lambda k: bool(k.weekdays) and not _weekdays_agree(k.weekdays, weekdays),
                WEEKDAY_PENALTY,
            )
        # best score first, ties by index: two stable C sorts (no key lambda and tuple each)
        scored.sort(key=itemgetter(1))
        scored.sort(key=itemgetter(0), reverse=True)
        if scored and self._joins(scored, scale):
            target = scored[0][1]
        else:
            target = len(self.clusters)
            # an index that never splits keeps no per-member data at all
            parts: dict[str, _Member] | None = {} if self.params.split_bar is not None else None
            self.clusters.append(_Cluster(key=key, members=[], parts=parts))
        cluster = self.clusters[target]
        cluster.members.append(key)
        cluster.add_vector(vector)
        cluster.add_time(when)
        if dense is not None:
            cluster.dense = dense.copy() if cluster.dense is None else cluster.dense + dense
        cluster.figures.update(figures)
        cluster.weekdays.update(weekdays)
        if self.params.split_bar is not None:
            _remember(cluster, key, _Member(vector, when, figures, weekdays, dense))
        self._post(target, [t for t, _ in query])
        if self.params.merge_threshold is not None:
            target = self._merge_close(
                target, [c for s, c in scored[1:4] if s >= self.params.threshold * 0.8]
            )
        if self.params.split_bar is not None:
            self._split_loose(target)
            target = self.moved.get(key, target)
        return target

    def add_copy(self, index: int, key: str, original: str, when: float | None) -> None:
        """Member ``key``, a copy of member ``original``, joins cluster ``index`` (its
        original's) without moving the centroid; a split takes it where its original goes."""
        cluster = self.clusters[index]
        cluster.members.append(key)
        cluster.add_time(when)
        if cluster.parts is not None:  # it may split (an index that never splits keeps none)
            cluster.copies[key] = (original, when)

    def _penalized(
        self, scored: list[tuple[float, int]], disagrees: Callable[[_Cluster], bool], penalty: float
    ) -> list[tuple[float, int]]:
        """``scored`` with the score of every cluster ``disagrees`` with times ``penalty``."""
        clusters = self.clusters
        return [(score * penalty if disagrees(clusters[c]) else score, c) for score, c in scored]

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
            cosine = _dot(a.centroid, b.centroid) / (a.norm * b.norm) * self._apart(a, b)
            if cosine >= (self.params.merge_threshold or 1.0):
                target = self._merge(target, other)
        return target

    def _apart(self, a: _Cluster, b: _Cluster) -> float:
        """The join's time damping for two clusters' spans: 1 within the window of each
        other (or when either has no dated member), decaying beyond it."""
        if a.start is None or a.end is None or b.start is None or b.end is None:
            return 1.0
        gap = max(a.start - b.end, b.start - a.end, 0.0) / 86400.0  # days
        window = self.params.window_days
        return 1.0 if gap <= window else math.exp(-(gap - window) / self.params.decay_days)

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
        survivor.figures |= absorbed.figures
        survivor.weekdays |= absorbed.weekdays
        if (
            survivor.parts is not None
            and absorbed.parts is not None
            and len(survivor.parts) + len(absorbed.parts) <= SPLIT_MAX_MEMBERS
        ):
            survivor.parts.update(absorbed.parts)
            survivor.copies.update(absorbed.copies)
        else:
            _forget_parts(survivor)  # too big to split, or merged with one that was
        survivor.add_time(absorbed.start)
        survivor.add_time(absorbed.end)
        survivor.samples = (survivor.samples + absorbed.samples)[:LABEL_CANDIDATES]
        absorbed.alive = False  # its posting entries are skipped, then age out of the lists
        absorbed.members = []
        absorbed.centroid = {}
        absorbed.cached = None
        absorbed.samples = []
        absorbed.figures = set()
        absorbed.weekdays = set()
        _forget_parts(absorbed)
        self.forward[gone] = keep
        self._post(keep, survivor.top_terms(QUERY_TERMS))
        return keep

    def _split_loose(self, index: int) -> None:
        """Split cluster ``index`` in two when its members form two loose groups (mean cosine
        between them under ``params.split_bar``), then each part again; the part holding its
        first member keeps its index and key."""
        cluster = self.clusters[index]
        parts = cluster.parts
        if parts is None or not SPLIT_MIN_MEMBERS <= len(parts) == cluster.size:
            return
        keys = list(parts)
        groups, link = _two_groups(_similarities([parts[k].vector for k in keys]))
        if link >= (self.params.split_bar or 0.0) or min(map(len, groups)) < SPLIT_MIN_PART:
            return
        first = keys.index(cluster.key) if cluster.key in parts else 0
        leaving = groups[1] if first in groups[0] else groups[0]
        new = self._split_off(index, {keys[i] for i in leaving})
        self._split_loose(index)
        self._split_loose(new)

    def _split_off(self, index: int, leaving: set[str]) -> int:
        """Move members ``leaving`` (and their copies) of cluster ``index`` to a new
        cluster; both are rebuilt from their members' own data. Returns the new index."""
        cluster = self.clusters[index]
        for copy, (original, _) in cluster.copies.items():  # (arrival order: copies of
            if original in leaving:  # copies come after their originals)
                leaving.add(copy)
        new = len(self.clusters)
        staying = [m for m in cluster.members if m not in leaving]
        going = [m for m in cluster.members if m in leaving]
        split = _Cluster(key=going[0], members=going)
        self.clusters.append(split)
        # samples are (title, vector) with the member's own vector object: sorted by identity
        parts = cluster.parts or {}
        moved = {id(parts[m].vector) for m in going if m in parts}
        split.samples = [s for s in cluster.samples if id(s[1]) in moved]
        cluster.samples = [s for s in cluster.samples if id(s[1]) not in moved]
        _rebuild(split, cluster, going)
        _rebuild(cluster, cluster, staying)
        for member in going:
            self.moved[member] = new
        self._post(new, split.top_terms(QUERY_TERMS))
        return new


def _remember(cluster: _Cluster, key: str, member: _Member) -> None:
    """Keep ``member``'s data while ``cluster`` may still split."""
    if cluster.parts is None:
        return
    if len(cluster.parts) >= SPLIT_MAX_MEMBERS or len(cluster.parts) + 1 != cluster.size:
        _forget_parts(cluster)  # too big to split, or merged with one that was
    else:
        cluster.parts[key] = member


def _forget_parts(cluster: _Cluster) -> None:
    """``cluster`` will not split: drop what a split needs (its members' own data and its
    copies' originals), so an event that grew big keeps no per-member state."""
    cluster.parts, cluster.copies = None, {}


def _rebuild(cluster: _Cluster, source: _Cluster, members: list[str]) -> None:
    """Make ``cluster`` hold exactly ``members`` of ``source`` (before its split): centroid,
    size, span, figures, weekdays and dense sum from their own data, in member order."""
    parts, copies = source.parts or {}, source.copies
    own = [parts[m] for m in members if m in parts]
    kept_copies = {m: copies[m] for m in members if m in copies}
    cluster.members = members
    cluster.centroid, cluster.size, cluster.cached, cluster.fresh = {}, 0.0, None, False
    cluster.start = cluster.end = None
    for part in own:
        cluster.add_vector(part.vector, norm=False)
        cluster.add_time(part.when)
    for _, when in kept_copies.values():
        cluster.add_time(when)
    cluster.update_norm()
    cluster.figures = set().union(*(p.figures for p in own))
    cluster.weekdays = set().union(*(p.weekdays for p in own))
    denses = [p.dense for p in own if p.dense is not None]
    cluster.dense = sum(denses[1:], denses[0].copy()) if denses else None
    cluster.parts = {m: parts[m] for m in members if m in parts}
    cluster.copies = kept_copies


def _similarities(vectors: list[Vector]) -> np.ndarray:
    """Cosines of unit sparse ``vectors``, pair by pair, as a matrix (one dense product)."""
    arrays = [vector_arrays(v) for v in vectors]
    terms, column = np.unique(np.concatenate([a.ids for a in arrays]), return_inverse=True)
    rows = np.arange(len(arrays)).repeat([len(a.ids) for a in arrays])
    dense = np.zeros((len(arrays), len(terms)))
    dense[rows, column] = np.concatenate([a.weights for a in arrays])
    return dense @ dense.T


def _two_groups(similarity: np.ndarray) -> tuple[list[list[int]], float]:
    """Average-link agglomeration of items with pairwise ``similarity`` down to two groups
    (ties: the earlier pair); the groups (item positions, ascending) and their link."""
    link = similarity.astype(np.float64, copy=True)
    n = len(link)
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(n)
    groups: list[list[int]] = [[i] for i in range(n)]
    for _ in range(n - 2):
        a, b = divmod(int(link.argmax()), n)
        a, b = min(a, b), max(a, b)
        row = (link[a] * sizes[a] + link[b] * sizes[b]) / (sizes[a] + sizes[b])
        link[a], link[:, a] = row, row
        link[a, a] = -np.inf
        link[b], link[:, b] = -np.inf, -np.inf
        sizes[a] += sizes[b]
        groups[a] = sorted(groups[a] + groups[b])
        groups[b] = []
    kept = [g for g in groups if g]
    return kept, float(link.max())


def _clusters_state(online: _OnlineClusters) -> dict[str, Any]:
    """An index's clusters as plain data (its params are the owner's to restore)."""
    return {
        "clusters": [_cluster_state(c) for c in online.clusters],
        "postings": {t: list(p) for t, p in online.postings.items()},
        "forward": online.forward,
        "moved": online.moved,
    }


def _load_clusters(online: _OnlineClusters, state: dict[str, Any]) -> None:
    """Fill ``online`` with the clusters ``_clusters_state`` saved."""
    online.clusters = [_cluster_from_state(c) for c in state["clusters"]]
    online.postings = {t: dict.fromkeys(p) for t, p in state["postings"].items()}
    online.forward = dict(state["forward"])
    online.moved = dict(state.get("moved", {}))  # (an index saved before splits existed)


def _cluster_state(cluster: _Cluster) -> dict[str, Any]:
    return {
        "key": cluster.key,
        "members": cluster.members,
        "centroid": cluster.centroid,
        "norm": cluster.norm,
        "size": cluster.size,
        "dense": _dense_bytes(cluster.dense),
        "start": cluster.start,
        "end": cluster.end,
        "samples": cluster.samples,
        "alive": cluster.alive,
        "figures": sorted(cluster.figures),
        "weekdays": sorted(cluster.weekdays),
        "parts": None
        if cluster.parts is None
        else {k: _member_state(m) for k, m in cluster.parts.items()},
        "copies": cluster.copies,
    }


def _member_state(member: _Member) -> tuple[Any, ...]:
    figures, weekdays = sorted(member.figures), sorted(member.weekdays)
    return member.vector, member.when, figures, weekdays, _dense_bytes(member.dense)


def _member_from_state(state: tuple[Any, ...]) -> _Member:
    vector, when, figures, weekdays, dense = state
    return _Member(
        vector,
        when,
        frozenset(figures),
        frozenset(weekdays),
        _dense_array(dense),
    )


def _dense_bytes(dense: np.ndarray | None) -> bytes | None:
    return None if dense is None else dense.astype(np.float64).tobytes()


def _dense_array(data: bytes | None) -> np.ndarray | None:
    return None if data is None else np.frombuffer(data).copy()


def _cluster_from_state(state: dict[str, Any]) -> _Cluster:
    fields = {
        **state,
        "dense": _dense_array(state.get("dense")),
        "figures": set(state.get("figures", ())),
        "weekdays": set(state.get("weekdays", ())),
        # (an index saved before splits existed: its clusters never split)
        "parts": None
        if state.get("parts") is None
        else {k: _member_from_state(m) for k, m in state["parts"].items()},
        "copies": dict(state.get("copies", {})),
    }
    return _Cluster(**fields)
