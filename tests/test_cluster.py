"""Online events, merges and storylines on invented articles (tests/corpus/tier1)."""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

import manysides.centroids as centroids
import manysides.cluster as cluster
from conftest import tier1_corpus
from manysides.cluster import StoryIndex, group_articles
from manysides.dedupe import fingerprint, fingerprints
from manysides.model import Article, Event, Grouping
from manysides.text import content_id

ROWS, ARTICLES = tier1_corpus()
ORDER = [row["key"] for row in ROWS]
STRIKE = ["elsin_strike_ledger", "elsin_strike_wire", "elsin_strike_courier"]
DEAL = ["elsin_deal_ledger", "elsin_deal_wire"]
KARROW = ["karrow_ash", "karrow_lava"]


def ids(*keys: str) -> tuple[str, ...]:
    return tuple(ARTICLES[k].id for k in keys)


def events_by_keys(grouping: Grouping) -> list[tuple[str, ...]]:
    key_of = {a.id: k for k, a in ARTICLES.items()}
    return [tuple(key_of[a] for a in event.article_ids) for event in grouping.events]


@pytest.fixture(scope="module")
def grouping() -> Grouping:
    return group_articles(ARTICLES[k] for k in ORDER)


def test_each_article_joins_its_event(grouping: Grouping) -> None:
    assert events_by_keys(grouping) == [tuple(STRIKE), tuple(DEAL), tuple(KARROW)]


def test_event_ids_labels_and_time_spans(grouping: Grouping) -> None:
    strike, deal, karrow = grouping.events
    assert strike.id == "e-" + ARTICLES["elsin_strike_ledger"].id
    assert deal.id == "e-" + ARTICLES["elsin_deal_ledger"].id
    assert strike.start == datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    assert strike.end == datetime(2025, 3, 4, 7, 15, tzinfo=UTC)
    assert strike.label in {ARTICLES[k].title for k in STRIKE}
    assert karrow.label in {ARTICLES[k].title for k in KARROW}


def test_storylines_link_the_strike_and_the_deal(grouping: Grouping) -> None:
    strike, deal, karrow = grouping.events
    assert [s.event_ids for s in grouping.storylines] == [(strike.id, deal.id), (karrow.id,)]
    first = grouping.storylines[0]
    assert first.id == "s-" + ARTICLES["elsin_strike_ledger"].id
    assert first.label == strike.label  # the largest event names the thread


def test_online_add_returns_the_current_event_id() -> None:
    index = StoryIndex()
    returned = [index.add(ARTICLES[k]) for k in ORDER]
    strike_id = "e-" + ARTICLES["elsin_strike_ledger"].id
    assert returned[:3] == [strike_id] * 3
    assert returned[3] == returned[4] != strike_id
    assert index.event_id(ARTICLES["elsin_strike_courier"].id) == strike_id
    assert index.add(ARTICLES["elsin_strike_wire"]) == strike_id  # known id: a no-op
    assert len(index) == len(ORDER)


def test_dates_separate_events_that_words_alone_would_join() -> None:
    undated = [replace(ARTICLES[k], published=None) for k in ORDER]
    result = group_articles(undated)
    assert events_by_keys(result)[0] == tuple(STRIKE + DEAL)
    assert len(result.storylines) == 2


def test_same_order_same_result_and_ids() -> None:
    one = group_articles(ARTICLES[k] for k in ORDER)
    two = group_articles(ARTICLES[k] for k in ORDER)
    assert one == two


def test_a_copy_joins_its_originals_event_and_is_reported() -> None:
    wire = ARTICLES["elsin_strike_wire"]
    copy_text = "Republished with permission.\n\n" + wire.text
    copy = Article(
        id=content_id(copy_text),
        text=copy_text,
        title=wire.title,
        published=datetime(2025, 3, 3, 16, tzinfo=UTC),
    )
    index = StoryIndex()
    for k in ORDER:
        index.add(ARTICLES[k])
    assert index.add(copy) == "e-" + ARTICLES["elsin_strike_ledger"].id
    result = index.grouping()
    assert [(d.article_id, d.original_id) for d in result.duplicates] == [(copy.id, wire.id)]
    assert copy.id in result.events[0].article_ids


def test_round_trip_continues_exactly() -> None:
    straight = group_articles(ARTICLES[k] for k in ORDER)
    index = StoryIndex()
    for k in ORDER[:4]:
        index.add(ARTICLES[k])
    restored = StoryIndex.from_bytes(index.to_bytes())
    assert restored.grouping().events == index.grouping().events
    for k in ORDER[4:]:
        restored.add(ARTICLES[k])
    assert restored.grouping() == straight


def test_a_loaded_index_holds_no_reference_cycles() -> None:
    # what lets the pipeline freeze a loaded index (collector.kept_for_good): reference
    # counting alone frees all of it once it is dropped
    index = StoryIndex()
    for k in ORDER:
        index.add(ARTICLES[k])
    index.grouping()
    data = index.to_bytes()
    gc.collect()
    gc.disable()
    try:
        restored = StoryIndex.from_bytes(data)
        restored.grouping()
        del restored
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_unknown_format_is_refused() -> None:
    import pickle
    import zlib

    with pytest.raises(ValueError, match="unknown StoryIndex format"):
        StoryIndex.from_bytes(zlib.compress(pickle.dumps({"format": 99})))


def test_empty_and_tiny_articles_do_not_crash() -> None:
    index = StoryIndex()
    empty = Article(id="empty", text="")
    tiny = Article(id="tiny", text="Yes.")
    assert index.add(empty) == "e-empty"
    assert index.add(tiny) == "e-tiny"
    assert [e.label for e in index.grouping().events] == ["", "yes"]


def test_labels_fall_back_to_top_terms_without_titles() -> None:
    untitled = [replace(ARTICLES[k], title="") for k in KARROW]
    (event,) = group_articles(untitled).events
    terms = event.label.split(", ")
    assert len(terms) == 5
    assert "selde" in terms


# --- the clustering core, with hand-made vectors ------------------------------------------

# term ids (inside StoryIndex, vectors are keyed by vocabulary id)
HARBOUR, FERRY, TIDE, GULL, PIER, X, Y, Z, Q, COMMON = range(10)


def _clusters(threshold: float, merge: float | None) -> cluster._OnlineClusters:
    return cluster._OnlineClusters(cluster._Params(threshold, merge, 3.0, 7.0))


def test_bridging_member_merges_two_events() -> None:
    clusters = _clusters(0.5, 0.3)
    assert clusters.add("a", {HARBOUR: 1.0}, None) == 0
    assert clusters.add("b", {FERRY: 1.0}, None) == 1
    # cosine 0.707 to both; joins the older, then the centroids are close enough to merge
    assert clusters.add("c", {HARBOUR: 0.7071, FERRY: 0.7071}, None) == 0
    assert clusters.resolve(1) == 0
    assert clusters.clusters[0].members == ["a", "c", "b"]
    assert not clusters.clusters[1].alive


def test_an_undated_bridge_does_not_merge_events_months_apart() -> None:
    # The same bridge as above, but the two events happened 100 days apart: an undated text
    # joins one, and the other is too far away in time to merge with it (before, the merged
    # span then took in every dated article in between, and an AllSides store grew a North
    # Korea "event" of 81 articles over six years).
    day = 86400.0
    clusters = _clusters(0.5, 0.3)
    clusters.add("a", {HARBOUR: 1.0}, 0.0)
    clusters.add("b", {FERRY: 1.0}, 100 * day)
    assert clusters.add("c", {HARBOUR: 0.7071, FERRY: 0.7071}, None) == 0
    assert [c.alive for c in clusters.clusters] == [True, True]
    # within the window (3 days) and a little beyond (damped by exp(-gap / 7 days)) they merge
    for days, merged in ((3, True), (4, True), (6, False)):
        near = _clusters(0.5, 0.3)
        near.add("a", {HARBOUR: 1.0}, 0.0)
        near.add("b", {FERRY: 1.0}, days * day)
        near.add("c", {HARBOUR: 0.7071, FERRY: 0.7071}, None)
        assert (not near.clusters[1].alive) is merged, days


def test_no_merge_when_centroids_stay_apart() -> None:
    clusters = _clusters(0.5, 0.6)
    clusters.add("a", {HARBOUR: 1.0}, None)
    clusters.add("b", {FERRY: 1.0}, None)
    clusters.add("c", {HARBOUR: 0.7071, FERRY: 0.7071}, None)
    assert [c.alive for c in clusters.clusters] == [True, True]


def _leaning(share: dict[int, float], own: int) -> dict[int, float]:
    """A unit vector with the given weights plus the word ``own`` for the rest."""
    rest = 1.0 - sum(w * w for w in share.values())
    return {**share, own: rest**0.5}


def test_a_short_text_joins_a_clear_winner_a_little_under_its_bar() -> None:
    # bar 0.5 x 0.8 = 0.4 for the short text; 0.38 is within 0.9 of it and unrivalled
    clusters = _clusters(0.5, None)
    clusters.add("a", {HARBOUR: 1.0}, None)
    assert clusters.add("b", _leaning({HARBOUR: 0.38}, TIDE), None, scale=0.8) == 0
    # a full-length text gets no such leeway: 0.47 is under its bar of 0.5
    clusters = _clusters(0.5, None)
    clusters.add("a", {HARBOUR: 1.0}, None)
    assert clusters.add("b", _leaning({HARBOUR: 0.47}, TIDE), None) == 1


def test_a_short_text_under_its_bar_between_two_close_events_starts_its_own() -> None:
    clusters = _clusters(0.5, None)
    clusters.add("a", {HARBOUR: 1.0}, None)
    clusters.add("b", {FERRY: 1.0}, None)
    # 0.38 vs 0.30: the best is not 1.4 times the runner-up, so no leeway
    assert clusters.add("c", _leaning({HARBOUR: 0.38, FERRY: 0.30}, TIDE), None, scale=0.8) == 2
    # and nothing below 0.9 of the bar joins, however clear
    assert clusters.add("d", _leaning({FERRY: 0.35}, GULL), None, scale=0.8) == 3


def test_time_gap_damps_similarity() -> None:
    clusters = _clusters(0.5, None)
    day = 86400.0
    clusters.add("a", {HARBOUR: 1.0}, 0.0)
    assert clusters.add("b", {HARBOUR: 1.0}, 2 * day) == 0  # within the 3-day window
    assert clusters.add("c", {HARBOUR: 1.0}, 40 * day) == 1  # damped below the threshold
    assert clusters.add("d", {HARBOUR: 1.0}, None) == 0  # undated: not damped


def test_same_news_cycle_boosts_dated_scores() -> None:
    clusters = cluster._OnlineClusters(cluster._Params(0.5, None, 3.0, 7.0, time_boost=1.2))
    day = 86400.0
    near = {HARBOUR: 0.45, FERRY: 0.893}  # cosine 0.45 to the event: below 0.5 as such
    clusters.add("a", {HARBOUR: 1.0}, 0.0)
    assert clusters.add("undated", near, None) == 1  # 0.45 < 0.5
    assert clusters.add("dated", {HARBOUR: 0.45, PIER: 0.893}, 1 * day) == 0  # 0.54


def test_storylines_reassign_an_early_event_to_the_closer_final_centroid() -> None:
    threads = _clusters(0.5, None)
    vectors = {
        "a": {X: 1.0},
        "b": {X: 0.55, Y: 0.835},  # joins a's thread (0.55), which later drifts to x
        "e": {X: 1.0},
        "c": {Y: 1.0},
        "d": {Y: 1.0},
    }
    for key, vector in vectors.items():
        threads.add(key, vector, None)
    assert [t.members for t in threads.clusters] == [["a", "b", "e"], ["c", "d"]]
    events = tuple(Event(id=key, article_ids=(key,)) for key in vectors)
    working = [cluster._Cluster(key=key, members=[key]) for key in vectors]
    groups = cluster._reassign(threads, list(vectors.values()), working, events)
    assert groups == [["a", "e"], ["b", "c", "d"]]


def test_a_lone_event_attaches_to_a_bigger_storyline_at_the_lower_bar() -> None:
    threads = _clusters(0.5, None)
    vectors = {"a": {X: 1.0}, "e": {X: 1.0}, "b": {X: 0.3, Z: 0.954}, "c": {Q: 1.0}}
    for key, vector in vectors.items():
        threads.add(key, vector, None)
    assert [t.members for t in threads.clusters] == [["a", "e"], ["b"], ["c"]]  # 0.3 < 0.5
    events = tuple(Event(id=key, article_ids=(key,)) for key in vectors)
    working = [cluster._Cluster(key=key, members=[key]) for key in vectors]
    groups = cluster._reassign(threads, list(vectors.values()), working, events)
    assert groups == [["a", "e", "b"], ["c"]]  # b: 0.3 >= 0.06; c shares no term


def test_posting_lists_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centroids, "POSTING_CAP", 4)
    clusters = _clusters(0.99, None)
    for n in range(10):
        clusters.add(f"a{n}", {COMMON: 0.6, 100 + n: 0.8}, None)
    assert list(clusters.postings[COMMON]) == [6, 7, 8, 9]
    assert len(clusters.clusters) == 10


# --- optional dense features (plumbing, with a stand-in embedding function) ---------------


def _embedding(*hot: int) -> np.ndarray:
    vector = np.zeros(8)
    vector[list(hot)] = 1.0
    return vector / np.linalg.norm(vector)


def test_dense_scores_can_split_what_words_join() -> None:
    own_axis = {ARTICLES[k].id: _embedding(n) for n, k in enumerate(STRIKE)}
    index = StoryIndex(embed=lambda a: own_axis[a.id], dense_weight=0.9)
    returned = [index.add(ARTICLES[k]) for k in STRIKE]
    assert len(set(returned)) == 3  # orthogonal embeddings outvote shared words
    plain = StoryIndex()
    assert len({plain.add(ARTICLES[k]) for k in STRIKE}) == 1


def test_dense_scores_can_join_what_words_keep_apart() -> None:
    # (naming the island too would now join on words alone: a short text with one
    # unrivalled candidate gets a little leeway under its bar)
    notice = Article(id="notice", text="The airport stays shut while the ash cloud drifts.")
    same = {ARTICLES["karrow_ash"].id: _embedding(1), "notice": _embedding(1)}
    plain = StoryIndex()
    assert plain.add(ARTICLES["karrow_ash"]) != plain.add(notice)
    index = StoryIndex(embed=lambda a: same[a.id], dense_weight=0.9)
    assert index.add(ARTICLES["karrow_ash"]) == index.add(notice)


def test_round_trip_keeps_dense_centroids() -> None:
    axis = {ARTICLES[k].id: _embedding(n % 8) for n, k in enumerate(ORDER)}
    embed = lambda a: axis[a.id]  # noqa: E731
    straight = StoryIndex(embed=embed)
    for k in ORDER:
        straight.add(ARTICLES[k])
    index = StoryIndex(embed=embed)
    for k in ORDER[:3]:
        index.add(ARTICLES[k])
    restored = StoryIndex.from_bytes(index.to_bytes(), embed=embed)
    for k in ORDER[3:]:
        restored.add(ARTICLES[k])
    assert restored.grouping() == straight.grouping()


def test_embeddings_extra_reports_why_it_is_unavailable() -> None:
    from manysides.embeddings import unavailable_reason

    reason = unavailable_reason()
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        assert reason is not None and "embeddings" in reason


def _vector_of(index: StoryIndex, article: Article) -> tuple:
    """``index._page_vectors`` of an article alone, fed as ``StoryIndex.add`` feeds it."""
    return index._page_vectors([article.title], [fingerprint(article)])[0]


def test_article_vector_is_tfidf_of_the_raw_terms() -> None:
    index = StoryIndex()
    first, second = ARTICLES[ORDER[0]], ARTICLES[ORDER[1]]
    index.add(first)
    index.add(second)
    raw = cluster.article_terms(second.title, cluster.fast_tokens(second.text))
    terms = {t: w for t, w in raw.items() if cluster._is_term(t)}
    first_terms = set(cluster.article_terms(first.title, cluster.fast_tokens(first.text)))
    prior = cluster.background_df(cluster.PRIOR_DOCUMENTS)
    log_n = np.log(2 + cluster.PRIOR_DOCUMENTS + 1)
    weighted = {
        t: w * (log_n - np.log(1 + (t in first_terms) + prior.get(t, 0.0) + 1.0) + 1.0)
        for t, w in terms.items()
    }
    top = sorted(weighted, key=lambda t: -weighted[t])[: cluster.ARTICLE_TERMS]
    norm = np.sqrt(sum(weighted[t] ** 2 for t in top))
    replay = StoryIndex()
    _vector_of(replay, first)
    by_id, arrays, _ = _vector_of(replay, second)
    assert arrays.ids.tolist() == list(by_id) and arrays.weights.tolist() == list(by_id.values())
    assert arrays.top == max(by_id)
    vector = {replay._terms[term]: weight for term, weight in by_id.items()}  # ids -> words
    assert set(vector) == set(top)
    assert all(vector[t] == pytest.approx(weighted[t] / norm, rel=1e-12) for t in top)


def test_dot_walks_the_smaller_vector_in_insertion_order() -> None:
    small = {"quay": 0.1, "strike": 0.7, "port": 0.2}
    large = {"port": 0.3, "strike": 0.4, "crane": 0.5, "quay": 0.6}
    expected = 0.1 * 0.6 + 0.7 * 0.4 + 0.2 * 0.3  # exactly this order of additions
    assert cluster._dot(small, large) == expected
    assert cluster._dot(large, small) == expected
    assert cluster._dot(small, {"crane": 1.0}) == 0.0


def test_final_merge_joins_storylines_with_close_centroids() -> None:
    volcano, ash, tariff = 0, 1, 2
    vectors = [{volcano: 0.8, ash: 0.6}, {volcano: 0.6, ash: 0.8}, {tariff: 1.0}]
    events = tuple(
        Event(id=f"e-{k}", article_ids=(k,), label=k, start=None, end=None) for k in "abc"
    )
    states = [cluster._Cluster(key=k, members=[k]) for k in "abc"]
    params = cluster._Params(0.1, None, 1.0, 1.0)
    groups = [["e-a"], ["e-b"], ["e-c"]]
    threads = cluster._rebuilt(params, groups, vectors, states, events)
    assert cluster._merge_groups(threads, 0.3) == [["e-a", "e-b"], ["e-c"]]
    assert cluster._merge_groups(threads, 0.97) == groups  # cosine 0.96 stays apart


def test_final_merge_joins_each_storyline_with_its_nearest_only() -> None:
    # cosines a-b 0.8, b-c 0.42, c-d 0.6, the other pairs 0: all four pairs that touch are
    # over the bar, so joining every such pair would chain a-b-c-d into one storyline
    vectors = [
        {0: 1.0},
        {0: 0.8, 1: 0.6},
        {1: 0.7, 2: 0.714},
        {2: 0.84, 3: 0.5426},
    ]
    events = tuple(
        Event(id=f"e-{k}", article_ids=(k,), label=k, start=None, end=None) for k in "abcd"
    )
    states = [cluster._Cluster(key=k, members=[k]) for k in "abcd"]
    params = cluster._Params(0.1, None, 1.0, 1.0)
    groups = [["e-a"], ["e-b"], ["e-c"], ["e-d"]]
    threads = cluster._rebuilt(params, groups, vectors, states, events)
    assert cluster._merge_groups(threads, 0.3) == [["e-a", "e-b"], ["e-c", "e-d"]]
    # c's nearest is d; with d too far (bar 0.7) c stays alone rather than joining b
    assert cluster._merge_groups(threads, 0.7) == [["e-a", "e-b"], ["e-c"], ["e-d"]]


def test_units_equal_unit_of_the_same_vector() -> None:
    # ties (0.5 twice, 0.25 twice) keep insertion order, as _unit's stable sort does
    vector = {7: 0.25, 3: 0.5, 9: 1.5, 4: 0.5, 8: 0.25, 2: 0.125}
    expected = centroids._unit(vector.items(), 4)
    [(unit, arrays)] = centroids._units([centroids.vector_arrays(vector)], 4)
    assert list(unit.items()) == list(expected.items())
    assert list(unit) == [9, 3, 4, 7]
    assert arrays.ids.tolist() == [9, 3, 4, 7] and arrays.weights.tolist() == list(unit.values())
    assert arrays.top == 9
    words = [f"w{i}" for i in range(10)]  # ids keyed by the caller's objects
    [(named, _)] = centroids._units([centroids.vector_arrays(vector)], 4, words)
    assert list(named.items()) == [(words[t], w) for t, w in expected.items()]


def test_units_of_several_equal_units_of_each_alone() -> None:
    vectors = [
        {7: 0.25, 3: 0.5, 9: 1.5, 4: 0.5, 8: 0.25, 2: 0.125},
        {},
        {5: 2.0},
        {1: 0.3, 6: 0.3, 0: 0.1},
    ]
    arrays = [centroids.vector_arrays(v) for v in vectors]
    words = [f"w{i}" for i in range(10)]
    for keys in (None, words):
        together = centroids._units(arrays, 2, keys)
        for raw, one, (vector, found) in zip(vectors, arrays, together, strict=True):
            [(alone, alone_arrays)] = centroids._units([one], 2, keys)
            assert list(vector.items()) == list(alone.items())
            assert found.ids.tolist() == alone_arrays.ids.tolist()
            assert found.weights.tolist() == alone_arrays.weights.tolist()
            assert found.top == alone_arrays.top
            expected = centroids._unit(raw.items(), 2)
            assert found.ids.tolist() == list(expected)
            assert found.weights.tolist() == list(expected.values())
            assert found.top == max(expected, default=-1)
            name = (lambda t: t) if keys is None else keys.__getitem__
            assert list(vector.items()) == [(name(t), w) for t, w in expected.items()]
    assert list(centroids._units(arrays, 2)[0][0]) == [9, 3]  # ties keep their order
    assert centroids._units([], 2) == []


def test_rebuilt_reuses_an_unmerged_online_thread_with_the_same_members() -> None:
    vectors = [{0: 0.6, 1: 0.8}, {1: 0.6, 2: 0.8}, {3: 1.0}]  # a and b share term 1
    events = tuple(
        Event(id=f"e-{k}", article_ids=(k,), label=k, start=None, end=None) for k in "abc"
    )
    spans = {"a": (5.0, 6.0), "b": (1.0, 2.0), "c": (9.0, 9.0)}
    states = [cluster._Cluster(key=k, members=[k], start=s, end=e) for k, (s, e) in spans.items()]
    params = cluster._Params(0.1, None, 1.0, 1.0)
    online = cluster._OnlineClusters(params)
    for event, vector, state in zip(events, vectors, states, strict=True):
        index = online.add(event.id, vector, state.start, query=list(vector.items()))
        online.clusters[index].add_time(state.end)
    groups = [["e-a", "e-b"], ["e-c"]]
    assert [t.members for t in online.clusters] == groups
    reused = cluster._rebuilt(params, groups, vectors, states, events, online=online)
    summed = cluster._rebuilt(params, groups, vectors, states, events)
    assert [t is o for t, o in zip(reused.clusters, online.clusters, strict=True)] == [True] * 2
    for a, b in zip(reused.clusters, summed.clusters, strict=True):
        assert (a.members, a.norm, a.size, a.start, a.end) == (
            b.members,
            b.norm,
            b.size,
            b.start,
            b.end,
        )
        assert list(a.centroid.items()) == list(b.centroid.items())  # same sums, same order
    assert reused.clusters[0].start == 1.0 and reused.clusters[0].end == 6.0
    assert reused.postings == summed.postings
    online.forward[1] = 0  # thread 0 absorbed another: its sums differ, so it is summed again
    again = cluster._rebuilt(params, groups, vectors, states, events, online=online)
    assert again.clusters[0] is not online.clusters[0] and again.clusters[1] is online.clusters[1]


def test_lead_terms_are_the_first_terms_of_the_lead_window() -> None:
    words = [f"w{i}" for i in range(200)]
    tokens = ["the", "a", *words[:150], "of", *words[150:]]  # stopwords and one letter skipped
    assert cluster._lead_terms(tokens) == words[: cluster.LEAD_TOKENS]
    # a one-character token above U+0250 is no term either, even among the first terms
    assert cluster._lead_terms(["\u4e00", *tokens]) == words[: cluster.LEAD_TOKENS]
    # only the first 3 * LEAD_TOKENS tokens count
    late = ["said"] * (3 * cluster.LEAD_TOKENS - 2) + ["quay", "crane", "port"]
    assert cluster._lead_terms(late) == ["quay", "crane"]
    assert cluster._lead_terms(["\u4e00", *late]) == ["quay"]


def _counter_terms(tokens: list[str]) -> tuple[list[str], list[float]]:
    """What _counted_terms stands for: a Counter's words and counts, lead terms raised."""
    counts: dict[str, float] = dict(Counter(tokens))
    for word in cluster._lead_terms(tokens):
        counts[word] += cluster.LEAD_BONUS
    return list(counts), [float(n) for n in counts.values()]


def test_page_terms_are_a_counters_words_and_lead_raised_counts() -> None:
    lead = [f"w{i % 130}" for i in range(140)]
    texts = [
        "",
        "the the a",
        "Quay cranes stood idle; the quay workers said the cranes were unsafe. Quay!",
        " ".join(["of", "\u4e00", *lead, "and", "w3", *lead[:40], "said", "w1"]),
        " ".join(["said"] * 298 + ["quay", "crane", "port", "quay"]),
    ]
    titles = [["pier"], [], ["quay", "talks", "quay"], [], ["port", "said"]]
    prints = fingerprints([Article(id=str(i), text=text) for i, text in enumerate(texts)])
    index = StoryIndex()
    terms = cluster._page_terms(prints, titles)
    ids = index._page_ids(terms, prints, titles)
    raised = terms.counts + cluster.LEAD_BONUS * cluster._lead_counts(
        terms, index._term_flag.take(ids)
    )
    for i, (fp, title) in enumerate(zip(prints, titles, strict=True)):
        words, expected = _counter_terms(fp.tokens)
        # title words the body lacks follow, in title order, with no count
        extra = [w for w in dict.fromkeys(title) if w not in words]
        span = slice(terms.bounds[i], terms.bounds[i + 1])
        assert [index._terms[t] for t in ids[span]] == words + extra
        assert raised[span].tolist() == expected + [0.0] * len(extra)
        assert [w in title for w in words + extra] == terms.in_title[span].tolist()
        window = terms.window[terms.window_bounds[i] : terms.window_bounds[i + 1]]
        assert [index._terms[t] for t in ids.take(window)] == fp.tokens[: 3 * cluster.LEAD_TOKENS]
    # vocabulary ids: first-seen order over the page, the same word the same id
    assert index._terms[:3] == ["pier", "the", "a"]
    assert index._term_ids(["quay", "pier", "wharf"]).tolist()[:2] == [
        index._terms.index("quay"),
        0,
    ]
    assert index._terms[-1] == "wharf"
    # one article alone gives what it gives within a page
    alone = cluster._page_terms(prints[3:4], titles[3:4])
    span = slice(terms.bounds[3], terms.bounds[4])
    assert alone.hashes.tolist() == terms.hashes[span].tolist()
    assert alone.counts.tolist() == terms.counts[span].tolist()


def test_page_vectors_equal_vectors_one_article_at_a_time() -> None:
    articles = [ARTICLES[k] for k in ORDER]
    prints = fingerprints(articles)
    page, alone = StoryIndex(), StoryIndex()
    together = page._page_vectors([a.title for a in articles], prints)
    for article, fp, (vector, arrays, figures) in zip(articles, prints, together, strict=True):
        one, one_arrays, one_figures = alone._page_vectors([article.title], [fp])[0]
        assert list(vector.items()) == list(one.items())  # same ids, weights and order
        assert arrays.ids.tolist() == one_arrays.ids.tolist() and arrays.top == one_arrays.top
        assert figures == one_figures
    assert page._terms == alone._terms
    assert page._df_count.tolist() == alone._df_count.tolist()
    assert page._documents == alone._documents == len(articles)


def test_add_many_and_grouping_pause_the_garbage_collector_and_restore_it(monkeypatch) -> None:
    index = StoryIndex()
    seen: list[bool] = []
    add = index._add

    def watched_add(*args):
        seen.append(gc.get_threshold()[0] > 0)
        return add(*args)

    monkeypatch.setattr(index, "_add", watched_add)
    before = gc.get_threshold()
    assert before[0] > 0
    index.add_many(ARTICLES[k] for k in ORDER[:3])
    assert seen == [False, False, False]  # paused while the page is added
    assert gc.get_threshold() == before  # and back on after it
    gc.disable()  # a caller that paused it keeps it paused
    try:
        index.add_many(ARTICLES[k] for k in ORDER[3:])
        index.grouping()
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert index.grouping() == group_articles(ARTICLES[k] for k in ORDER)


def test_add_many_returns_each_articles_event_on_arrival() -> None:
    index = StoryIndex()
    first = index.add_many(ARTICLES[k] for k in ORDER[:2])
    assert first == ["e-" + ARTICLES[ORDER[0]].id] * 2
    rest = index.add_many(ARTICLES[k] for k in ORDER[2:])
    assert rest[0] == "e-" + ARTICLES[ORDER[0]].id
    assert index.grouping() == group_articles(ARTICLES[k] for k in ORDER)


def test_add_many_in_batches_decides_as_add_one_by_one(monkeypatch) -> None:
    one_by_one = StoryIndex()
    feed = [ARTICLES[k] for k in ORDER] + [ARTICLES[ORDER[0]]]  # a repeat is a no-op
    expected = [one_by_one.add(a) for a in feed]
    monkeypatch.setattr(cluster, "FINGERPRINT_BATCH", 2)  # batches end mid-event
    batched = StoryIndex()
    assert batched.add_many(feed) == expected
    assert batched.grouping() == one_by_one.grouping()
    assert batched.to_bytes() == one_by_one.to_bytes()


def test_add_many_of_a_page_indexed_before_returns_its_events() -> None:
    index = StoryIndex()
    first = index.add_many(ARTICLES[k] for k in ORDER[:2])
    state = index.to_bytes()
    # nothing in the page is new: no fingerprints, no word counts, no change
    assert index.add_many(ARTICLES[k] for k in reversed(ORDER[:2])) == first[::-1]
    assert index.to_bytes() == state


def test_centroid_arrays_follow_added_vectors_and_trims(monkeypatch) -> None:
    monkeypatch.setattr(centroids, "CENTROID_TERMS", 3)  # trimmed past 6 terms
    thread = centroids._Cluster(key="a", members=["a"])
    for vector in ({5: 0.5, 9: 0.25}, {9: 0.5, 2: 0.75}, {7: 1.0}, {1: 0.125, 3: 0.5, 4: 0.1}):
        thread.add_vector(vector)
        arrays = thread.arrays()
        assert arrays.ids.tolist() == list(thread.centroid)
        assert arrays.weights.tolist() == list(thread.centroid.values())
        assert arrays.top == max(thread.centroid)
        assert thread.arrays() is arrays  # kept while the centroid is unchanged
    assert list(thread.centroid) == [7, 9, 2]  # the last add trimmed it to its heaviest


def test_candidates_rank_by_summed_votes_then_by_index() -> None:
    clusters = cluster._OnlineClusters(cluster._Params(0.3, None, 1.0, 1.0))
    clusters.clusters = [cluster._Cluster(key=k, members=[k]) for k in "abcd"]
    quay, crane, ferry = 0, 1, 2
    clusters.postings = {quay: {2: None, 0: None}, crane: {1: None, 2: None, 3: None}}
    clusters.clusters[3].alive = False  # merged away: never a candidate
    # votes: 0 -> 0.5, 1 -> 0.25, 2 -> 0.75 (both terms), 3 -> dead
    assert clusters.candidates([(quay, 0.5), (crane, 0.25), (ferry, 0.9)]) == [2, 0, 1]
    # a tie between 0 and 1 goes to the lower index
    assert clusters.candidates([(quay, 0.25), (crane, 0.25)]) == [2, 0, 1]


def test_title_words_get_one_bonus_each_even_when_repeated_or_absent_from_the_text() -> None:
    text = "Dock cranes idle at Elsin as the port strike enters a third week. " * 3
    title = "Strike strike: Elsin port talks"  # 'talks' is only in the title
    index = StoryIndex()
    by_id, _, _ = _vector_of(index, Article(id="t", text=text, title=title))
    vector = {index._terms[term]: weight for term, weight in by_id.items()}  # ids -> words
    raw = cluster.article_terms(title, cluster.fast_tokens(text))
    # 'strike': 3 times, all within the lead (+1 each), plus one title bonus
    assert raw["talks"] == 1.0 and raw["strike"] == pytest.approx(2.0 + np.log(3.0 + 3.0))
    prior = cluster.background_df(cluster.PRIOR_DOCUMENTS)
    log_n = np.log(1 + cluster.PRIOR_DOCUMENTS + 1)
    weighted = {
        t: w * (log_n - np.log(1 + prior.get(t, 0.0) + 1.0) + 1.0)
        for t, w in raw.items()
        if cluster._is_term(t)
    }
    norm = np.sqrt(sum(w * w for w in weighted.values()))
    assert list(vector) == list(weighted)  # first-seen order, title-only words last
    assert all(vector[t] == pytest.approx(w / norm, rel=1e-12) for t, w in weighted.items())


def test_content_id_of_ascii_text_is_the_normalized_hash() -> None:
    import hashlib

    import manysides.text as text_module

    text = "  The  PORT strike\tends;\n\n'Done,' said the union.  "
    other = "Ferry service resumes at Karrow."
    normalized = text_module.normalize_text(text).casefold()
    assert content_id(text) == hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]
    assert cluster.fast_tokens(text) == [
        "the",
        "port",
        "strike",
        "ends",
        "done",
        "said",
        "the",
        "union",
    ]
    assert cluster.fast_tokens(other) == ["ferry", "service", "resumes", "at", "karrow"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("51-49", True),
        ("1.5", True),
        ("231,000", True),
        ("$600", True),
        ("10th", True),
        ("1", False),
        ("2nd", False),
        ("2019", False),
        ("1987", False),
        ("harbour", False),
    ],
)
def test_is_figure_keeps_specific_numbers_not_years(token: str, expected: bool) -> None:
    assert cluster._is_figure(token) is expected
    assert cluster._figure_positions(["quay", token, "1,2"]) == ([1, 2] if expected else [2])


def _one_event_then(
    threshold: float, figures: frozenset[int], scale: float
) -> centroids._OnlineClusters:
    """An index holding one short article (term 1, figures 10 and 11) that then gets a
    second text scoring 0.6 against it, with ``figures`` and join ``scale``."""
    index = centroids._OnlineClusters(centroids._Params(threshold, None, 3.0, 7.0))
    index.add("first", {1: 1.0}, None, scale=0.75, figures=frozenset({10, 11}))
    index.add("second", {1: 0.6, 2: 0.8}, None, scale=scale, figures=figures)
    return index


@pytest.mark.parametrize(
    ("figures", "joins"),
    [
        (frozenset({12, 13}), False),  # both quote two numbers, none shared: another instance
        (frozenset({11, 12}), True),  # one number shared
        (frozenset({12}), True),  # a single number is too little evidence
        (frozenset(), True),
    ],
)
def test_short_text_with_other_figures_scores_lower(figures: frozenset[int], joins: bool) -> None:
    # bar 0.7 x 0.75 = 0.525 (x 0.9 for a clear winner): 0.6 joins, 0.6 x 0.7 = 0.42 does not
    index = _one_event_then(0.7, figures, scale=0.75)
    alive = [c.members for c in index.clusters if c.alive]
    assert alive == ([["first", "second"]] if joins else [["first"], ["second"]])
    assert index.clusters[0].figures == ({10, 11} | figures if joins else {10, 11})


def test_long_text_figures_are_ignored() -> None:
    index = _one_event_then(0.55, frozenset({12, 13}), scale=1.0)
    assert [c.members for c in index.clusters] == [["first", "second"]]
    assert index.clusters[0].figures == {10, 11}  # a long text's numbers are not kept


def test_cluster_state_keeps_figures() -> None:
    index = _one_event_then(0.7, frozenset({12, 13}), scale=0.75)
    state = centroids._cluster_state(index.clusters[1])
    assert centroids._cluster_from_state(state).figures == {12, 13}


def test_lead_weekdays_reads_named_days_in_the_lead_only() -> None:
    lead = ["the", "council", "voted", "late", "thursday's", "session", "on", "friday"]
    later = ["filler"] * cluster.WEEKDAY_LEAD_TOKENS + ["monday"]
    assert cluster._lead_weekdays(lead + later) == frozenset({3, 4})
    assert cluster._lead_weekdays(later) == frozenset()
    assert cluster._lead_weekdays(["sundays", "weekday", "mon"]) == frozenset()


def _one_dated_event_then(weekdays: frozenset[int]) -> centroids._OnlineClusters:
    """One undated short article naming Thursday (3), then a text scoring 0.6 against it
    that names ``weekdays``; bar 0.7 x 0.75 = 0.525, x 0.9 for a clear winner (0.4725):
    0.6 joins, 0.6 x 0.75 = 0.45 does not."""
    index = centroids._OnlineClusters(centroids._Params(0.7, None, 3.0, 7.0))
    index.add("first", {1: 1.0}, None, scale=0.75, weekdays=frozenset({3}))
    index.add("second", {1: 0.6, 2: 0.8}, None, scale=0.75, weekdays=weekdays)
    return index


@pytest.mark.parametrize(
    ("weekdays", "joins"),
    [
        (frozenset({3}), True),  # the same day
        (frozenset({2}), True),  # the day before: published the next morning
        (frozenset({4, 6}), True),  # one day of several is near
        (frozenset({6}), False),  # Sunday, three days off: another step of the story
        (frozenset({0}), False),
        (frozenset(), True),  # no day named: no evidence either way
    ],
)
def test_text_naming_another_weekday_scores_lower(weekdays: frozenset[int], joins: bool) -> None:
    index = _one_dated_event_then(weekdays)
    alive = [c.members for c in index.clusters if c.alive]
    assert alive == ([["first", "second"]] if joins else [["first"], ["second"]])
    assert index.clusters[0].weekdays == ({3} | weekdays if joins else {3})


def test_weekdays_agree_across_the_weekend_wrap() -> None:
    assert centroids._weekdays_agree({6}, {0})  # Sunday and Monday are one day apart
    assert not centroids._weekdays_agree({5}, {0})
    assert not centroids._weekdays_agree(set(), {0})


def test_cluster_state_keeps_weekdays() -> None:
    index = _one_dated_event_then(frozenset({6}))
    state = centroids._cluster_state(index.clusters[1])
    assert centroids._cluster_from_state(state).weekdays == {6}
    del state["weekdays"]  # a state saved before weekdays were kept
    assert centroids._cluster_from_state(state).weekdays == set()


def test_only_undated_articles_go_by_the_weekdays_they_name() -> None:
    text = "Harbour pilots at Quelport walked out on Tuesday over night shifts and pay."
    undated = Article(id=content_id(text), text=text, title="Quelport pilots strike")
    fair = "The Vensby bread fair opens on Friday with forty bakers and a rye contest."
    dated = Article(
        id=content_id(fair),
        text=fair,
        title="Vensby bread fair",
        published=datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
    )
    index = StoryIndex()
    index.add(undated)
    index.add(dated)
    assert [(c.members, c.weekdays) for c in index._events.clusters] == [
        ([undated.id], {1}),
        ([dated.id], set()),  # its timestamp carries its day
    ]


def test_label_is_the_title_the_other_members_share_not_the_most_central() -> None:
    terms = ["dockworkers", "strike", "port", "velmora", "harbor", "police", "patrols", "wages"]
    ids = {term: i for i, term in enumerate(terms)}

    def vector(*words: str) -> dict[int, float]:
        return {ids[w]: 1.0 for w in words}

    central = vector("harbor", "police", "patrols", "strike", "port", "velmora", "wages")
    event = centroids._Cluster(key="a", members=["a", "b", "c"], centroid=central)
    event.samples = [
        ("Harbor police add patrols", central),  # nearest the centroid, its own angle
        (
            "Dockworkers strike shuts Velmora port",
            vector("dockworkers", "strike", "port", "velmora"),
        ),
        ("Velmora port strike enters second day", vector("strike", "port", "velmora", "wages")),
    ]
    # shared less unshared title words, on average over the other two: -4.0, 1.0, 0.0
    assert cluster._label(event, terms) == "Dockworkers strike shuts Velmora port"
    # the same headline in loaded wording ("cripples" for "shuts": the same agreement)
    # gives way to the plain one that shares less
    event.samples[1] = ("Dockworkers strike cripples Velmora port", event.samples[1][1])
    assert cluster._label(event, terms) == "Velmora port strike enters second day"
    # the one plain title left stands, though it shares the least
    event.samples[2] = ("Velmora port strike enters second shameful day", event.samples[2][1])
    assert cluster._label(event, terms) == "Harbor police add patrols"
    # every title loaded: the usual choice among them
    event.samples[0] = ("Harbor police add disgraceful patrols", central)
    assert cluster._label(event, terms) == "Dockworkers strike cripples Velmora port"


def test_a_storyline_is_named_by_its_biggest_event_a_plain_label_first_on_ties() -> None:
    from manysides.model import Event

    events = {
        "e-1": Event("e-1", ("a", "b"), "Mayor slams council over pier"),
        "e-2": Event("e-2", ("c", "d"), "Council votes to repair the pier"),
        "e-3": Event("e-3", ("e",), "Pier reopens to walkers"),
    }
    assert cluster._storyline(["e-1", "e-2", "e-3"], events).label == "Council votes to repair the pier"
    events["e-1"] = Event("e-1", ("a", "b", "f"), "Mayor slams council over pier")
    assert cluster._storyline(["e-1", "e-2", "e-3"], events).label == "Mayor slams council over pier"


def test_hash_index_finds_words_in_the_recent_run_and_after_merges(monkeypatch) -> None:
    monkeypatch.setattr(cluster, "RECENT_WORDS", 3)  # merged when a fourth word waits
    index = cluster._HashIndex()
    batches = [[50, 10], [30], [20, 40], [60]]  # hashes, ids given in arrival order
    given = 0
    for batch in batches:
        hashes = np.array(sorted(batch), dtype=np.uint64)
        index.add(hashes, np.arange(given, given + len(batch)))
        given += len(batch)
    assert index.hashes.tolist() == [10, 20, 30, 40, 50]  # merged after the third batch
    assert index.recent_hashes.tolist() == [60]
    found = index.find(np.array([60, 10, 35, 50, 20, 0], dtype=np.uint64))
    assert found.tolist() == [5, 0, -1, 1, 3, -1]
    assert cluster._HashIndex().find(np.array([7], dtype=np.uint64)).tolist() == [-1]


# --- splits: an event whose members fall into two loose groups ------------------------------


def _two_ferry_stories(split_bar: float | None) -> centroids._OnlineClusters:
    """Four texts that all join one event at a low bar: two about the harbour ferry's
    timetable, two about its pier repairs, sharing only the word HARBOUR (cosine 0.36
    across the groups, 0.96-1.0 within)."""
    clusters = centroids._OnlineClusters(
        centroids._Params(0.1, None, 3.0, 7.0, split_bar=split_bar)
    )
    for key, own, extra in (("t1", FERRY, TIDE), ("p1", PIER, GULL), ("t2", FERRY, None)):
        vector = (
            {HARBOUR: 0.6, own: 0.8} if extra is None else {HARBOUR: 0.6, own: 0.78, extra: 0.18}
        )
        clusters.add(key, centroids._unit(vector.items(), 10), None)
    return clusters


def test_an_event_of_two_loose_groups_splits_when_the_second_group_has_two_members() -> None:
    clusters = _two_ferry_stories(split_bar=0.5)
    assert [c.members for c in clusters.clusters] == [["t1", "p1", "t2"]]  # 3: not checked
    clusters.add_copy(0, "p1-copy", "p1", None)
    assert clusters.add("p2", {HARBOUR: 0.6, PIER: 0.8}, None) == 1
    assert [c.members for c in clusters.clusters] == [["t1", "t2"], ["p1", "p1-copy", "p2"]]
    assert [c.key for c in clusters.clusters] == ["t1", "p1"]  # the first member keeps it
    assert [c.size for c in clusters.clusters] == [2.0, 2.0]
    assert set(clusters.clusters[1].centroid) == {HARBOUR, PIER, GULL}
    assert [clusters.home(m, 0) for m in ("t1", "p1", "p1-copy", "p2")] == [0, 1, 1, 1]
    assert 1 in clusters.postings[PIER]


def test_no_split_when_the_groups_stay_close_or_splits_are_off() -> None:
    for split_bar in (0.3, None):  # the groups' mean cosine is 0.36
        clusters = _two_ferry_stories(split_bar)
        clusters.add("p2", {HARBOUR: 0.6, PIER: 0.8}, None)
        assert [c.members for c in clusters.clusters] == [["t1", "p1", "t2", "p2"]]


def test_two_groups_is_average_link_down_to_two() -> None:
    similarity = np.array(
        [
            [1.0, 0.9, 0.1, 0.2],
            [0.9, 1.0, 0.3, 0.2],
            [0.1, 0.3, 1.0, 0.8],
            [0.2, 0.2, 0.8, 1.0],
        ]
    )
    groups, link = centroids._two_groups(similarity)
    assert groups == [[0, 1], [2, 3]]
    assert link == pytest.approx((0.1 + 0.2 + 0.3 + 0.2) / 4)


def test_cluster_state_keeps_what_a_split_needs() -> None:
    clusters = _two_ferry_stories(split_bar=0.5)
    clusters.add_copy(0, "p1-copy", "p1", 5.0)
    restored = centroids._cluster_from_state(centroids._cluster_state(clusters.clusters[0]))
    assert restored.parts == clusters.clusters[0].parts
    assert restored.copies == {"p1-copy": ("p1", 5.0)}


HARBOURTON = [
    (
        "Harbourton ferry adds a late crossing",
        "The Harbourton ferry will add a late crossing on weekdays, the operator announced, "
        "after commuters asked for a later boat home from the mainland offices.",
    ),
    (
        "Harbourton pier repairs begin",
        "Crews began repairs on the old Harbourton pier, replacing rotten timber piles and "
        "rusted railings along the fishing platform before the summer season.",
    ),
    (
        "Late ferry crossing for Harbourton commuters",
        "Commuters in Harbourton will get a late ferry crossing on weekdays, the operator "
        "said, answering requests for a later boat home from mainland offices.",
    ),
    (
        "Timber piles replaced as Harbourton pier repairs start",
        "Repairs to the Harbourton pier started with crews replacing rotten timber piles and "
        "rusted railings on the fishing platform ahead of summer.",
    ),
]


def test_a_story_index_splits_an_event_and_keeps_the_split_across_a_round_trip() -> None:
    ferry, pier, ferry_again, pier_again = (
        Article(id=content_id(text), text=text, title=title) for title, text in HARBOURTON
    )
    index = StoryIndex(event_threshold=0.05)  # so low that all four join one event first
    arrivals = [index.add(a) for a in (ferry, pier, ferry_again, pier_again)]
    assert arrivals == ["e-" + ferry.id] * 3 + ["e-" + pier.id]
    events = [e.article_ids for e in index.grouping().events]
    assert events == [(ferry.id, ferry_again.id), (pier.id, pier_again.id)]
    restored = StoryIndex.from_bytes(index.to_bytes())
    assert [restored.event_id(a.id) for a in (ferry, pier)] == ["e-" + ferry.id, "e-" + pier.id]
    assert restored.grouping() == index.grouping()


def test_an_index_with_dense_features_splits_by_word_overlap_too() -> None:
    # Embeddings that call all four one event, and a join bar low enough for their words:
    # the four join one event first, then it splits on word overlap as the sparse index does.
    ferry, pier, ferry_again, pier_again = (
        Article(id=content_id(text), text=text, title=title) for title, text in HARBOURTON
    )
    same = lambda article: np.ones(4) / 2.0  # noqa: E731
    index = StoryIndex(event_threshold=0.05, embed=same)
    arrivals = [index.add(a) for a in (ferry, pier, ferry_again, pier_again)]
    assert arrivals == ["e-" + ferry.id] * 3 + ["e-" + pier.id]
    events = [e.article_ids for e in index.grouping().events]
    assert events == [(ferry.id, ferry_again.id), (pier.id, pier_again.id)]
    restored = StoryIndex.from_bytes(index.to_bytes(), embed=same)
    assert restored.grouping() == index.grouping()


def test_a_split_rebuilds_each_part_from_its_own_members() -> None:
    clusters = centroids._OnlineClusters(centroids._Params(0.1, None, 3.0, 7.0, split_bar=0.5))
    texts = {  # key: (vector, dense embedding, figures, weekdays, timestamp)
        "t1": ({HARBOUR: 0.6, FERRY: 0.8}, [1.0, 0.0], {X, Y}, {3}, 100.0),
        "p1": ({HARBOUR: 0.6, PIER: 0.8}, [0.0, 1.0], {Z, Q}, {0}, 200.0),
        "t2": ({HARBOUR: 0.6, FERRY: 0.8}, [0.6, 0.8], set(), set(), 300.0),
        "p2": ({HARBOUR: 0.6, PIER: 0.8}, [0.8, 0.6], set(), {1}, 400.0),
    }
    for key, (vector, dense, figures, days, when) in texts.items():
        clusters.add(
            key,
            vector,
            when,
            scale=0.75,
            dense=np.array(dense),
            figures=frozenset(figures),
            weekdays=frozenset(days),
        )
    ferry, pier = clusters.clusters
    assert (ferry.members, pier.members) == (["t1", "t2"], ["p1", "p2"])
    assert ferry.centroid == pytest.approx({HARBOUR: 1.2, FERRY: 1.6})
    assert ferry.dense.tolist() == pytest.approx([1.6, 0.8])
    assert pier.dense.tolist() == pytest.approx([0.8, 1.6])
    assert (ferry.start, ferry.end, pier.start, pier.end) == (100.0, 300.0, 200.0, 400.0)
    assert (ferry.figures, pier.figures) == ({X, Y}, {Z, Q})
    assert (ferry.weekdays, pier.weekdays) == ({3}, {0, 1})


def _harbourton_index(count: int) -> tuple[StoryIndex, list[Article]]:
    """An index (join bar so low that all four join one event first) fed the first
    ``count`` HARBOURTON texts; and all four articles."""
    articles = [Article(id=content_id(text), text=text, title=title) for title, text in HARBOURTON]
    index = StoryIndex(event_threshold=0.05)
    for article in articles[:count]:
        index.add(article)
    return index, articles


def test_a_split_after_a_round_trip_is_the_split_without_one() -> None:
    straight, articles = _harbourton_index(4)
    index, _ = _harbourton_index(3)
    restored = StoryIndex.from_bytes(index.to_bytes())
    restored.add(articles[3])
    # a split hands each part its members' label samples, found by the very vector objects
    # its parts hold (which the saved state must keep shared)
    titles = [[title for title, _ in c.samples] for c in restored._events.clusters]
    assert titles == [[t for t, _ in HARBOURTON[0::2]], [t for t, _ in HARBOURTON[1::2]]]
    assert restored.grouping() == straight.grouping()
    assert restored.to_bytes() == straight.to_bytes()


def test_an_index_saved_before_splits_existed_loads_and_its_events_never_split() -> None:
    import pickle
    import zlib

    index, articles = _harbourton_index(3)
    state = pickle.loads(zlib.decompress(index.to_bytes()))
    del state["moved"]  # the state such an index saved: no split data
    for saved in state["clusters"]:
        del saved["parts"], saved["copies"]
    restored = StoryIndex.from_bytes(zlib.compress(pickle.dumps(state)))
    assert restored.grouping() == index.grouping()
    restored.add(articles[3])  # what splits a new index's event (above)
    assert [e.article_ids for e in restored.grouping().events] == [tuple(a.id for a in articles)]


def test_a_big_index_keeps_its_storylines_and_places_new_events_on_arrival(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster, "STORYLINE_KEEP_MIN_EVENTS", 1)  # "big" from one event
    index = StoryIndex()
    index.add_many(ARTICLES[k] for k in STRIKE + KARROW)
    first = index.grouping()  # a full pass, kept
    kept = index._kept
    assert kept is not None and (kept.base, kept.changed) == (2, 0)
    monkeypatch.setattr(cluster, "STORYLINE_REBUILD_SHARE", 1.0)  # one change of two allowed
    index.add_many(ARTICLES[k] for k in DEAL)
    second = index.grouping()
    assert index._kept is kept and kept.changed == 1  # placed online, no full pass
    strike, karrow = first.storylines
    deal_event = "e-" + ARTICLES["elsin_deal_ledger"].id
    assert [(s.id, s.event_ids) for s in second.storylines] == [
        (strike.id, (*strike.event_ids, deal_event)),
        (karrow.id, karrow.event_ids),
    ]
    assert index.grouping() == second and kept.changed == 1  # nothing new: nothing counted


def test_kept_storylines_give_way_to_a_full_pass_after_enough_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster, "STORYLINE_KEEP_MIN_EVENTS", 1)
    monkeypatch.setattr(cluster, "STORYLINE_REBUILD_SHARE", 0.4)  # two events: none may change
    index = StoryIndex()
    index.add_many(ARTICLES[k] for k in STRIKE[:2] + KARROW)
    index.grouping()
    kept = index._kept
    index.add(ARTICLES[STRIKE[2]])  # the strike event grows
    grouping = index.grouping()
    assert index._kept is not kept and index._kept.changed == 0  # a new full pass
    assert grouping == group_articles(ARTICLES[k] for k in STRIKE + KARROW)


def test_a_small_index_keeps_no_storylines(grouping: Grouping) -> None:
    index = StoryIndex()
    index.add_many(ARTICLES[k] for k in ORDER)
    assert index.grouping() == grouping and index._kept is None


def test_kept_storylines_survive_saving_and_continue_identically(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster, "STORYLINE_KEEP_MIN_EVENTS", 1)
    monkeypatch.setattr(cluster, "STORYLINE_REBUILD_SHARE", 1.0)
    straight, saved = StoryIndex(), StoryIndex()
    for index in (straight, saved):
        index.add_many(ARTICLES[k] for k in STRIKE + KARROW)
        index.grouping()
    restored = StoryIndex.from_bytes(saved.to_bytes())
    assert restored._kept is not None and restored._kept.sizes == saved._kept.sizes
    for index in (straight, restored):
        index.add_many(ARTICLES[k] for k in DEAL)
    assert restored.grouping() == straight.grouping()
    assert restored._kept.changed == straight._kept.changed == 1
