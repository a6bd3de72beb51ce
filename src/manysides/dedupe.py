"""Near-duplicates, syndication and shared passages (tier 1: hashing only, no NLP models).

* Copies: MinHash (datasketch) over word 5-shingles, candidates from a MinHash LSH index,
  confirmed by the MinHash Jaccard estimate. Copies form groups; the group's original is the
  member with the earliest ``published`` date, else the first seen.
* Shared passages: an article that embeds paragraphs of another. One shingle in
  ``ANCHOR_EVERY`` (chosen by hash value, so the same text always picks the same anchors) is
  indexed; an article sharing ``MIN_SHARED_ANCHORS`` anchors with an earlier one is aligned
  token by token with it, and each common run of at least ``MIN_PASSAGE_TOKENS`` words is
  reported with char offsets in both texts.

Only originals go into the LSH index, so a story syndicated a thousand times costs one
bucket entry, and adding an article touches a bounded candidate set.
"""

from __future__ import annotations

import math
import pickle
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from .model import Article, Duplicate, SharedPassage
from .text import (
    TokenPage,
    fast_token_offsets,
    fast_token_page,
    fast_tokens,
    hash_shingles,
    mixed_shingles,
    shingle_hashes,
)

# datasketch is imported where a MinHash or a layout is first needed (see ``_MINHASH``)
if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = [
    "Deduper",
    "Fingerprint",
    "fingerprint",
    "fingerprints",
    "find_shared_passages",
]

SHINGLE_SIZE = 5
NUM_PERM = 64  # 64 permutations: Jaccard estimate error ~0.06, enough to confirm copies
# Copies: estimated Jaccard of 5-shingles >= 0.5. Calibrated on invented wire copies with a
# changed dateline/credit and a few edited sentences (J 0.55-0.9) vs same-event rewrites by
# different outlets in stories_dev (BASIL/NeuS triplets: J < 0.1); 0.5 keeps a wide margin.
DUPLICATE_THRESHOLD = 0.5
ANCHOR_EVERY = 8  # 1 shingle in 8 is an anchor: a 20-word passage holds ~2 anchors
_ANCHOR_MASK = np.uint64(ANCHOR_EVERY - 1)  # hash % ANCHOR_EVERY, a power of two
assert ANCHOR_EVERY & (ANCHOR_EVERY - 1) == 0
MIN_SHARED_ANCHORS = 2
MIN_PASSAGE_TOKENS = 20  # shorter common runs are stock phrases and bylines, not passages
MAX_PASSAGE_GAP = 3  # words edited inside an embedded paragraph still leave one passage
MAX_ANCHOR_REPEATS = 8  # an anchor in more articles than this is boilerplate: ignored
MAX_PASSAGE_SOURCES = 2  # articles aligned per new article (most shared anchors first)
# Passage sources are mostly recent (one news cycle); keeping their shingles saves hashing
# the source's text again (16 MiB at most).
RECENT_SHINGLES = 4096


# MinHash layouts. Per ``num_perm``: datasketch's permutations, their scheme and the hash
# values of an empty MinHash; per (threshold, num_perm): its LSH bands and rows per band.
# datasketch derives them the same way each time, but importing it costs 0.75 s (with the
# scipy modules it loads): a saved deduper carries its layout (``to_state``), so a process
# that loads one and adds to it (a CLI ingest) never imports datasketch.
_MINHASH: dict[int, tuple[np.ndarray, str, np.ndarray]] = {}
_BANDS: dict[tuple[float, int], tuple[int, int]] = {}


def _minhash_layout(num_perm: int) -> tuple[np.ndarray, str, np.ndarray]:
    if num_perm not in _MINHASH:
        from datasketch import MinHash

        seed = MinHash(num_perm=num_perm, hashfunc=int)
        _MINHASH[num_perm] = (seed.permutations, seed.scheme, seed.hashvalues)
    return _MINHASH[num_perm]


def _permutations(num_perm: int) -> tuple[Any, str]:
    permutations, scheme, _ = _minhash_layout(num_perm)
    return permutations, scheme


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What tier 1 computes once per article and shares between dedupe and clustering."""

    article_id: str
    shingles: np.ndarray  # 32-bit hashes of word 5-shingles, in text order
    signature: np.ndarray  # MinHash hash values (datasketch's affine32 scheme)
    word_hashes: np.ndarray  # text.token_hashes of the tokens (cluster counts words by them)
    page: TokenPage  # the batch's tokens, this text's among them
    first: int  # its first token's number in the page (len(word_hashes) tokens from there)
    index: int  # its text's number in the page

    @cached_property
    def tokens(self) -> list[str]:
        """text.fast_tokens of the text (made on demand: most articles need few of them)."""
        return self.words(0, len(self.word_hashes))

    def words(self, start: int, count: int) -> list[str]:
        """Tokens ``start`` .. ``start + count - 1`` (fewer at the end of the text)."""
        stop = min(start + count, len(self.word_hashes))
        return self.page.tokens(self.first + start, self.first + stop)

    @property
    def minhash(self) -> MinHash:
        """The signature as a datasketch MinHash (built on demand: indexing needs only the
        values, and a MinHash object costs more to construct than the values to compute)."""
        return _as_minhash(self.signature)


# Shingle hashes come from text.shingle_hashes (a polynomial hash of each token's bytes).
HASH_VERSION = 2  # 1: zlib.crc32 per token (states saved then are rebuilt on load)


def fingerprint(article: Article, num_perm: int = NUM_PERM) -> Fingerprint:
    """Tokens, shingle hashes and MinHash signature of an article's text."""
    return fingerprints([article], num_perm)[0]


def fingerprints(articles: Sequence[Article], num_perm: int = NUM_PERM) -> list[Fingerprint]:
    """``fingerprint`` of each article, computed as one batch.

    Token hashes are position-independent and a shingle reads only its own five tokens, so
    the batch's texts are tokenized and hashed in one numpy pass (text.fast_token_page) and
    cut per article, and the MinHash minima of all articles come from one product
    (``_signatures``). A per-article pass spent most of its time in numpy call overhead
    (about 40 calls on a few hundred values each): stories_dev in batches of 64, 0.385 ->
    0.215 CPU-s.
    """
    if not articles:
        return []
    page = fast_token_page([article.text for article in articles])
    lengths = page.counts
    words = page.hashes
    mixed = mixed_shingles(words, SHINGLE_SIZE)
    ends = np.cumsum(lengths).tolist()
    starts = (np.cumsum(lengths) - lengths).tolist()
    counts = (lengths - (SHINGLE_SIZE - 1)).tolist()
    shingles = [
        mixed[start : start + count] if count > 0 else hash_shingles(words[start:end], SHINGLE_SIZE)
        for start, end, count in zip(starts, ends, counts, strict=True)
    ]
    signatures = _signatures(shingles, num_perm)
    return [
        Fingerprint(article.id, hashes, signature, words[start:end], page, start, index)
        for index, (article, hashes, signature, start, end) in enumerate(
            zip(articles, shingles, signatures, starts, ends, strict=True)
        )
    ]


_SIGNATURE_COLUMNS = 1 << 15  # shingles per product in ``_signatures`` (8 MiB of uint32)


def _signatures(shingles: list[np.ndarray], num_perm: int) -> list[np.ndarray]:
    """``_signature`` of each shingle array: one permutation product per group of arrays
    of up to _SIGNATURE_COLUMNS shingles, minimized per array with ``minimum.reduceat``."""
    if _permutations(num_perm)[1] != "affine32":
        return [_signature(hashes, num_perm) for hashes in shingles]
    found: list[np.ndarray] = []
    group: list[np.ndarray] = []
    size = 0
    for hashes in shingles:
        if group and size + len(hashes) > _SIGNATURE_COLUMNS:
            found.extend(_grouped_signatures(group, num_perm))
            group, size = [], 0
        group.append(hashes)
        size += len(hashes)
    found.extend(_grouped_signatures(group, num_perm))
    return found


def _grouped_signatures(group: list[np.ndarray], num_perm: int) -> list[np.ndarray]:
    filled = [hashes for hashes in group if len(hashes)]
    if not filled:
        return [_empty_signature(num_perm) for _ in group]
    lengths = np.fromiter(map(len, filled), dtype=np.intp, count=len(filled))
    minima = np.minimum.reduceat(
        _permuted(np.concatenate(filled), num_perm), np.cumsum(lengths) - lengths, axis=1
    )
    rows = iter(np.minimum(_empty_signature_values(num_perm)[:, None], minima).T)
    return [next(rows) if len(hashes) else _empty_signature(num_perm) for hashes in group]


# MurmurHash3's 32-bit finalizer, as datasketch applies it before its affine permutations.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


def _as_minhash(signature: np.ndarray) -> MinHash:
    """A datasketch MinHash holding ``signature`` (values from ``_signature``)."""
    from datasketch import MinHash

    permutations, scheme = _permutations(len(signature))
    return MinHash(hashfunc=int, hashvalues=signature, permutations=permutations, scheme=scheme)


def _signature(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """The hash values of datasketch's MinHash of 32-bit values, its "affine32" update done
    in one numpy pass.

    ``MinHash.update_batch`` maps a Python function over every value first (a third of
    tier 1's fingerprint time); the values are identical (tests compare the two).
    """
    permutations, scheme = _permutations(num_perm)
    if scheme != "affine32":  # another datasketch default: let it do the work
        from datasketch import MinHash

        minhash = MinHash(num_perm=num_perm, hashfunc=int, permutations=permutations, scheme=scheme)
        minhash.update_batch(hashes.tolist())
        return minhash.hashvalues
    if not len(hashes):
        return _empty_signature(num_perm)
    return np.minimum(_empty_signature(num_perm), _permuted(hashes, num_perm).min(axis=1))


def _permuted(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """Each 32-bit value under each affine32 permutation: (num_perm, len(hashes)) uint32."""
    shift1, mul1, shift2, mul2 = _FMIX32
    hv = hashes.astype(np.uint32)
    hv = (hv ^ (hv >> shift1)) * mul1
    hv = (hv ^ (hv >> shift2)) * mul2
    hv = hv ^ (hv >> shift1)
    (a, b), _ = _permutations(num_perm)
    # one row per permutation, so the min runs along contiguous memory (a third faster than
    # the transposed layout); uint32 arithmetic wraps, as in datasketch
    mixed = np.multiply.outer(a, hv)
    mixed += b[:, None]
    return mixed


def _empty_signature_values(num_perm: int) -> np.ndarray:
    return _minhash_layout(num_perm)[2]


def _empty_signature(num_perm: int) -> np.ndarray:
    return _empty_signature_values(num_perm).copy()


# --- exact shared passages between two texts ---------------------------------------------


def _common_runs(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int, int]]:
    """Maximal runs of equal shingle hashes: (start in a, start in b, length in tokens).

    Each shingle of ``a`` is matched to the first equal shingle of ``b`` (vectorized: a
    stable sort of ``b`` and a binary search), and a run continues while the match in ``b``
    advances by one as well.
    """
    if not len(a) or not len(b):
        return []
    order = np.argsort(b, kind="stable")
    ranked = b[order]
    slot = np.minimum(np.searchsorted(ranked, a), len(b) - 1)
    found = ranked[slot] == a
    j = np.where(found, order[slot], -2)
    continues = np.zeros(len(a), dtype=bool)
    continues[1:] = found[1:] & (j[1:] == j[:-1] + 1)
    starts = np.flatnonzero(found & ~continues)
    ends = np.flatnonzero(found & ~np.append(continues[1:], False)) + 1
    return [
        (int(i0), int(j[i0]), int(i1 - i0) + SHINGLE_SIZE - 1)
        for i0, i1 in zip(starts.tolist(), ends.tolist(), strict=True)
    ]


def _merge_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Join runs separated by a few edited words in both texts: (a0, a1, b0, b1) token ends."""
    merged: list[list[int]] = []
    for i, j, length in runs:
        if merged:
            last = merged[-1]
            gap_a, gap_b = i - last[1], j - last[3]
            if 0 <= gap_a <= MAX_PASSAGE_GAP and 0 <= gap_b <= MAX_PASSAGE_GAP:
                last[1], last[3] = i + length, j + length
                continue
        merged.append([i, i + length, j, j + length])
    return [(a0, a1, b0, b1) for a0, a1, b0, b1 in merged]


class _Side:
    """One text prepared for alignment; tokens and char spans are computed when needed."""

    def __init__(
        self, text: str, hashes: np.ndarray | None = None, fp: Fingerprint | None = None
    ) -> None:
        self.text = text
        self._tokens: list[str] | None = None
        self._fp = fp  # the text's fingerprint: its words without the whole token list
        if hashes is None:
            hashes = shingle_hashes(self.tokens, SHINGLE_SIZE)
        self.hashes = hashes
        # (from the fingerprint's page when it has them)
        self._offsets = None if fp is None else fp.page.offsets(fp.index, fp.first)

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = fast_tokens(self.text)
        return self._tokens

    def words(self, start: int, count: int) -> list[str]:
        """Tokens ``start`` .. ``start + count - 1``: from the fingerprint's page or the token
        list when there is one, else cut out of the text at their offsets (the same lower-case
        strings)."""
        if self._fp is not None:
            return self._fp.words(start, count)
        if self._tokens is not None:
            return self._tokens[start : start + count]
        if self._offsets is None:
            self._offsets = fast_token_offsets(self.text)
        end = min(start + count, len(self._offsets[0]))  # a text shorter than a shingle
        spans = [self.span(i) for i in range(start, end)]
        return [
            self.text[s:e].replace("\u2019", "'").replace("\u2018", "'").lower() for s, e in spans
        ]

    def span(self, index: int) -> tuple[int, int]:
        """Char span of token ``index`` in ``text``."""
        if self._offsets is None:
            self._offsets = fast_token_offsets(self.text)
        starts, ends = self._offsets
        return int(starts[index]), int(ends[index])


def _passages_between(
    article_id: str, a: _Side, other_id: str, b: _Side, min_tokens: int
) -> list[SharedPassage]:
    found = []
    for a0, a1, b0, b1 in _merge_runs(_common_runs(a.hashes, b.hashes)):
        if min(a1 - a0, b1 - b0) < min_tokens:
            continue
        if a.words(a0, SHINGLE_SIZE) != b.words(b0, SHINGLE_SIZE):
            continue  # a 32-bit hash collision, not a shared passage
        found.append(
            SharedPassage(
                article_id=article_id,
                start=a.span(a0)[0],
                end=a.span(a1 - 1)[1],
                other_id=other_id,
                other_start=b.span(b0)[0],
                other_end=b.span(b1 - 1)[1],
            )
        )
    return found


def find_shared_passages(
    article: Article, other: Article, min_tokens: int = MIN_PASSAGE_TOKENS
) -> tuple[SharedPassage, ...]:
    """Passages of ``article`` that also appear in ``other`` (>= ``min_tokens`` words each).

    Matching ignores case, punctuation and whitespace; a few edited words inside a passage
    do not split it. Offsets are char offsets into each article's ``text``.
    """
    found = _passages_between(
        article.id, _Side(article.text), other.id, _Side(other.text), min_tokens
    )
    return tuple(found)


# --- the online index ---------------------------------------------------------------------


# Texts of saved articles, by id: a store hands them back when a passage needs one, so a
# saved index need not hold a copy of every text (two thirds of its size at 11,000 articles).
TextSource = Callable[[Sequence[str]], Mapping[str, str]]


def _timestamp(article: Article) -> float:
    if article.published is None:
        return math.inf
    return article.published.timestamp()


class Deduper:
    """Online near-duplicate and shared-passage index.

    ``add`` each article once, in arrival order; the result says whether it is a copy.
    """

    def __init__(
        self,
        threshold: float = DUPLICATE_THRESHOLD,
        num_perm: int = NUM_PERM,
        min_passage_tokens: int = MIN_PASSAGE_TOKENS,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_passage_tokens = min_passage_tokens
        self._lsh = _BandIndex(threshold, num_perm)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._when: list[float] = []  # published timestamp, inf when unknown
        self._signatures: list[np.ndarray] = []
        self._parent: list[int] = []  # union-find over copy groups
        self._original: dict[int, int] = {}  # group root -> original's position
        self._members: dict[int, list[int]] = {}  # group root -> positions, for groups of 2+
        self._indexed: list[int] = []  # positions inserted in the LSH (originals on arrival)
        self._anchors = _AnchorIndex()  # anchor shingle hash -> first article's position
        self._anchor_repeats: Counter[int] = Counter()
        self._texts: list[str | None] = []  # None: saved without it, read from text_source
        self.text_source: TextSource | None = None
        self._passages: list[SharedPassage] = []
        # shingles of recent articles (not saved: recomputed from the text when missing)
        self._recent_shingles: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    # -- public API ----------------------------------------------------------------------

    def add(self, article: Article, fp: Fingerprint | None = None) -> Duplicate | None:
        """Index ``article``; its copy relation when it is a (near-)copy, else None.

        When the article joins a copy group, the Duplicate names the group's original after
        this article was added (an earlier-dated copy becomes the original; then the
        Duplicate's ``article_id`` is the former original). Adding a known id is a no-op.
        """
        if article.id in self._position:
            return self.duplicate_of(article.id)
        fp = fp or fingerprint(article, self.num_perm)
        position = self._append(article, fp)
        bands = self._lsh.keys(fp.signature)  # (once for the query and the insert)
        matches = self._matching_originals(fp.signature, bands)
        for other in matches:
            self._union(other, position)
        if not matches:
            self._lsh.insert(position, fp.signature, bands)
            self._indexed.append(position)
        self._find_passages(position, fp)
        self._remember_shingles(position, fp.shingles)
        return self._relation(position) if matches else None

    def duplicate_of(self, article_id: str) -> Duplicate | None:
        """The copy relation of a known article, or None when it is not in a copy group."""
        position = self._position[article_id]
        if self._find(position) not in self._members:
            return None
        return self._relation(position)

    def duplicates(self) -> tuple[Duplicate, ...]:
        """Every copy with its group's original, in arrival order."""
        found = []
        for position in range(len(self._ids)):
            original = self._original[self._find(position)]
            if original != position:
                found.append(self._pair(position, original))
        return tuple(found)

    def copies(self) -> dict[str, str]:
        """Copy id -> original id (what tier-2 stages take as ``copies``)."""
        return {d.article_id: d.original_id for d in self.duplicates()}

    def shared_passages(self, article_id: str | None = None) -> tuple[SharedPassage, ...]:
        """Shared passages found so far; with ``article_id``, those on either side of it."""
        if article_id is None:
            return tuple(self._passages)
        return tuple(p for p in self._passages if article_id in (p.article_id, p.other_id))

    # -- copy groups ---------------------------------------------------------------------

    def _append(self, article: Article, fp: Fingerprint) -> int:
        position = len(self._ids)
        self._ids.append(article.id)
        self._position[article.id] = position
        self._when.append(_timestamp(article))
        self._signatures.append(fp.signature)
        self._parent.append(position)
        self._original[position] = position
        self._texts.append(article.text)
        return position

    def _similarity(self, a: int, b: int) -> float:
        return float(np.mean(self._signatures[a] == self._signatures[b]))

    def _matching_originals(self, signature: np.ndarray, bands: list[bytes]) -> list[int]:
        candidates = sorted(self._lsh.query(signature, bands))
        return [
            c
            for c in candidates
            if float(np.mean(self._signatures[c] == signature)) >= self.threshold
        ]

    def _find(self, position: int) -> int:
        while self._parent[position] != position:
            self._parent[position] = self._parent[self._parent[position]]
            position = self._parent[position]
        return position

    def _union(self, a: int, b: int) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return
        root, child = min(root_a, root_b), max(root_a, root_b)
        original = min(self._original[root_a], self._original[root_b], key=self._seniority)
        self._parent[child] = root
        del self._original[child]
        self._original[root] = original
        members = self._members.pop(root, [root]) + self._members.pop(child, [child])
        self._members[root] = sorted(members)

    def _seniority(self, position: int) -> tuple[float, int]:
        return (self._when[position], position)

    def _pair(self, position: int, original: int) -> Duplicate:
        similarity = round(self._similarity(position, original), 3)
        return Duplicate(self._ids[position], self._ids[original], similarity)

    def _relation(self, position: int) -> Duplicate:
        original = self._original[self._find(position)]
        if original != position:
            return self._pair(position, original)
        others = [p for p in self._members[self._find(position)] if p != position]
        former = min(others, key=self._seniority)
        return self._pair(former, position)

    # -- shared passages -----------------------------------------------------------------

    def _find_passages(self, position: int, fp: Fingerprint) -> None:
        shingles = fp.shingles
        anchors = list(dict.fromkeys(shingles[shingles & _ANCHOR_MASK == 0].tolist()))
        firsts = self._anchors.firsts(anchors, position)
        seen = [(a, f) for a, f in zip(anchors, firsts, strict=True) if f != position]
        if not seen:
            return
        repeats = self._anchor_repeats
        repeats.update(a for a, _ in seen)
        root = self._find(position)
        shared: Counter[int] = Counter(
            f for a, f in seen if repeats[a] <= MAX_ANCHOR_REPEATS and self._find(f) != root
        )
        sources = [o for o, n in shared.most_common() if n >= MIN_SHARED_ANCHORS]
        if not sources:
            return
        mine = _Side(self._text(position), hashes=shingles, fp=fp)
        for other in sorted(sources[:MAX_PASSAGE_SOURCES]):
            theirs = _Side(self._text(other), hashes=self._recent_shingles.get(other))
            self._passages.extend(
                _passages_between(
                    self._ids[position], mine, self._ids[other], theirs, self.min_passage_tokens
                )
            )

    def _text(self, position: int) -> str:
        text = self._texts[position]
        return text if text is not None else self._read_texts([self._ids[position]])[0]

    def _all_texts(self) -> list[str]:
        """Every article's text, those not held read from the source in one call."""
        missing = [self._ids[p] for p, text in enumerate(self._texts) if text is None]
        read = iter(self._read_texts(missing) if missing else ())
        return [text if text is not None else next(read) for text in self._texts]

    def _read_texts(self, ids: Sequence[str]) -> list[str]:
        """The texts of ``ids`` (in that order) from ``text_source``."""
        if self.text_source is None:
            raise LookupError(f"the text of {ids[0]!r} was not saved and no text source is set")
        found = self.text_source(ids)
        return [found[article_id] for article_id in ids]

    def _remember_shingles(self, position: int, shingles: np.ndarray) -> None:
        """Keep the shingles of the last RECENT_SHINGLES articles for passage alignment."""
        recent = self._recent_shingles
        recent[position] = shingles.astype(np.uint32)  # hashes are 32-bit values
        if len(recent) > RECENT_SHINGLES:
            del recent[next(iter(recent))]

    # -- persistence ---------------------------------------------------------------------

    def to_state(self, texts: bool = True) -> dict[str, Any]:
        """Plain data (str, int, float, bytes, lists, dicts) for ``from_state``; without
        ``texts``, ``from_state`` needs a ``text_source`` that has every article's text."""
        state = {
            "hash_version": HASH_VERSION,
            "layout": _layout_state(self.threshold, self.num_perm),
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "min_passage_tokens": self.min_passage_tokens,
            "ids": self._ids,
            "when": self._when,
            "signatures": b"".join(s.astype(np.uint64).tobytes() for s in self._signatures),
            "parent": [self._find(p) for p in range(len(self._parent))],
            "original": self._original,
            "members": self._members,
            "indexed": self._indexed,
            "anchors": self._anchors.to_state(),
            "anchor_repeats": dict(self._anchor_repeats),
            "passages": [
                (p.article_id, p.start, p.end, p.other_id, p.other_start, p.other_end)
                for p in self._passages
            ],
        }
        if texts:
            state["texts"] = self._all_texts()
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any], text_source: TextSource | None = None) -> Deduper:
        """The deduper ``to_state`` saved; ``text_source`` gives the texts a state saved
        without them (ValueError when it is missing then)."""
        if "texts" not in state and text_source is None:
            raise ValueError("this deduper state holds no texts: pass a text_source")
        threshold, num_perm = state["threshold"], state["num_perm"]
        same_layout = _adopt_layout(state.get("layout"), threshold, num_perm)
        deduper = cls(threshold, num_perm, state["min_passage_tokens"])
        deduper.text_source = text_source
        if state.get("hash_version", 1) != HASH_VERSION or not same_layout:
            return deduper._replayed(state)
        deduper._ids = list(state["ids"])
        deduper._position = {article_id: i for i, article_id in enumerate(deduper._ids)}
        deduper._when = list(state["when"])
        flat = np.frombuffer(state["signatures"], dtype=np.uint64)
        deduper._signatures = [row.copy() for row in flat.reshape(-1, deduper.num_perm)]
        deduper._parent = list(state["parent"])
        deduper._original = dict(state["original"])
        deduper._members = {root: list(m) for root, m in state["members"].items()}
        deduper._indexed = list(state["indexed"])
        deduper._anchors = _AnchorIndex.from_state(state["anchors"])
        deduper._anchor_repeats = Counter(state["anchor_repeats"])
        deduper._texts = list(state["texts"]) if "texts" in state else [None] * len(deduper._ids)
        deduper._passages = [SharedPassage(*p) for p in state["passages"]]
        matrix = flat.reshape(-1, deduper.num_perm)
        deduper._lsh.insert_many(deduper._indexed, matrix.take(deduper._indexed, axis=0))
        return deduper

    def _replayed(self, state: dict[str, Any]) -> Deduper:
        """A state saved with other shingle hashes or another MinHash layout: its texts
        added again, in order (their signatures and anchors would not match new articles'
        otherwise)."""
        texts = state["texts"] if "texts" in state else self._read_texts(state["ids"])
        for article_id, when, text in zip(state["ids"], state["when"], texts, strict=True):
            published = None if math.isinf(when) else datetime.fromtimestamp(when, UTC)
            self.add(Article(id=article_id, text=text, published=published))
        return self

    def to_bytes(self, texts: bool = True) -> bytes:
        return zlib.compress(pickle.dumps(self.to_state(texts), protocol=5), 1)

    @classmethod
    def from_bytes(cls, data: bytes, text_source: TextSource | None = None) -> Deduper:
        return cls.from_state(safe_loads(zlib.decompress(data)), text_source)


class _AnchorIndex:
    """Anchor shingle hash -> position of the first article that held it.

    The anchors of a loaded state stay in two arrays sorted by hash, looked up by bisection;
    those added since go to a dict. A store of 11,000 articles holds 1.2 million anchors:
    as one dict they were the largest part of loading its saved index (0.4 s of 1.9),
    where the arrays load in milliseconds."""

    def __init__(self, hashes: np.ndarray | None = None, firsts: np.ndarray | None = None):
        self._hashes = np.empty(0, np.uint32) if hashes is None else hashes
        self._firsts = np.empty(0, np.int32) if firsts is None else firsts
        self._added: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._hashes) + len(self._added)

    def firsts(self, anchors: list[int], position: int) -> list[int]:
        """The first article of each of ``anchors`` (distinct hashes); ``position`` for
        those not seen before, which it becomes the first of."""
        if not len(self._hashes):
            return list(map(self._added.setdefault, anchors, repeat(position)))  # in C
        wanted = np.array(anchors, dtype=np.uint32)
        at = np.searchsorted(self._hashes, wanted).clip(max=len(self._hashes) - 1)
        loaded = np.where(self._hashes.take(at) == wanted, self._firsts.take(at), -1).tolist()
        added = self._added
        return [
            first if first >= 0 else added.setdefault(anchor, position)
            for anchor, first in zip(anchors, loaded, strict=True)
        ]

    def to_state(self) -> tuple[bytes, bytes]:
        """Every anchor's hash and first position, sorted by hash, as bytes."""
        hashes = np.concatenate((self._hashes, np.fromiter(self._added, np.uint32)))
        firsts = np.concatenate((self._firsts, np.fromiter(self._added.values(), np.int32)))
        order = hashes.argsort(kind="stable")
        return hashes.take(order).tobytes(), firsts.take(order).tobytes()

    @classmethod
    def from_state(cls, state: tuple[bytes, bytes] | dict[int, int]) -> _AnchorIndex:
        """The index ``to_state`` saved (or a dict, as saved before it existed)."""
        if isinstance(state, dict):
            index = cls()
            index._added = dict(state)
            return index
        hashes, firsts = state
        return cls(np.frombuffer(hashes, np.uint32), np.frombuffer(firsts, np.int32))


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's LSH parameters (bands, rows per band) for this threshold."""
    if (threshold, num_perm) not in _BANDS:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        _BANDS[threshold, num_perm] = (lsh.b, lsh.r)
    return _BANDS[threshold, num_perm]


def _layout_state(threshold: float, num_perm: int) -> dict[str, Any]:
    """The MinHash layout of a deduper, as plain data (see ``_MINHASH``)."""
    permutations, scheme, empty = _minhash_layout(num_perm)
    return {
        "permutations": _array_state(permutations),
        "scheme": scheme,
        "empty": _array_state(empty),
        "bands": list(_bands(threshold, num_perm)),
    }


def _array_state(array: np.ndarray) -> tuple[str, list[int], bytes]:
    return array.dtype.str, list(array.shape), array.tobytes()


def _array_from(state: tuple[str, list[int], bytes]) -> np.ndarray:
    dtype, shape, data = state
    return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape).copy()


def _adopt_layout(state: dict[str, Any] | None, threshold: float, num_perm: int) -> bool:
    """Take a saved deduper's layout as this process's when it has none yet for these
    parameters; False when it has another one (then the saved signatures would never match
    new ones). A state saved before layouts were kept (None) is taken to match."""
    if state is None:
        return True
    saved = (_array_from(state["permutations"]), str(state["scheme"]), _array_from(state["empty"]))
    known = _MINHASH.setdefault(num_perm, saved)
    bands = _BANDS.setdefault((threshold, num_perm), (state["bands"][0], state["bands"][1]))
    permutations, scheme, empty = known
    return (
        scheme == saved[1]
        and np.array_equal(permutations, saved[0])
        and np.array_equal(empty, saved[2])
        and list(bands) == list(state["bands"])
    )


class _BandIndex:
    """MinHash LSH with datasketch's banding (same bands, same candidates), kept in plain
    dicts: a band's key is its rows' bytes, which costs a fifth of datasketch's insert and
    query per article (it byte-swaps and hashes each band through a storage layer).

    A bucket holds one position as a plain int and becomes a list only when a second one
    arrives (rare: copies are not inserted). One list per band per article was most of the
    objects the garbage collector had to walk (stories_dev: 25k of 35k), and its full
    collections were ~4% of tier 1's CPU time.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = _bands(threshold, num_perm)
        self.tables: list[dict[bytes, int | list[int]]] = [{} for _ in range(self.bands)]

    def keys(self, hashvalues: np.ndarray) -> list[bytes]:
        """Each band's key: its rows' bytes."""
        width = self.rows * 8
        data = hashvalues[: self.bands * self.rows].astype(np.uint64, copy=False).tobytes()
        return [data[i : i + width] for i in range(0, len(data), width)]

    def insert(
        self, position: int, hashvalues: np.ndarray, keys: list[bytes] | None = None
    ) -> None:
        keys = keys or self.keys(hashvalues)
        # every bucket gets the position when empty, in C; the rare taken ones are extended
        held = list(map(dict.setdefault, self.tables, keys, repeat(position)))
        for table, key, bucket in zip(self.tables, keys, held, strict=True):
            if isinstance(bucket, list) or bucket != position:
                _share(table, key, position)

    def insert_many(self, positions: list[int], signatures: np.ndarray) -> None:
        """``insert`` each of ``positions`` with its row of ``signatures``, in order, a
        band at a time (a saved index's 11,000 originals: 0.35 s one by one)."""
        width = self.rows * 8
        rows = np.ascontiguousarray(signatures[:, : self.bands * self.rows], dtype=np.uint64)
        for band, table in enumerate(self.tables):
            columns = rows[:, band * self.rows : (band + 1) * self.rows]
            keys = np.ascontiguousarray(columns).view(f"V{width}").ravel().tolist()
            held = np.fromiter(map(table.setdefault, keys, positions), np.intp, len(keys))
            for i in np.flatnonzero(held != positions).tolist():  # the rare shared buckets
                _share(table, keys[i], positions[i])

    def query(self, hashvalues: np.ndarray, keys: list[bytes] | None = None) -> set[int]:
        found: set[int] = set()
        for bucket in map(dict.get, self.tables, keys or self.keys(hashvalues)):
            if bucket is None:
                continue
            if isinstance(bucket, list):
                found.update(bucket)
            else:
                found.add(bucket)
        return found


def _share(table: dict[bytes, int | list[int]], key: bytes, position: int) -> None:
    """Add ``position`` to the taken bucket ``key`` of ``table`` (an int becomes a list)."""
    bucket = table[key]
    if isinstance(bucket, list):
        bucket.append(position)
    else:
        table[key] = [bucket, position]


class _PlainUnpickler(pickle.Unpickler):
    """Loads builtin containers and scalars only: no class, so no code, can be named."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from an index blob")


def safe_loads(data: bytes) -> Any:
    import io

    return _PlainUnpickler(io.BytesIO(data)).load()
