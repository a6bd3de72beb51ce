"""Tier-1 text utilities: normalization, ids, regex tokenization, shingle hashes.

Cheap and dependency-light on purpose: tier 1 must keep up with a firehose and never loads
spaCy. Tier 2 has its own sentence and token model in ``nlp.py``.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice, repeat

import numpy as np


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stopword list, read from its module file alone.

    Importing ``sklearn.feature_extraction.text`` loads scikit-learn and SciPy (30k objects
    that every full garbage collection of a tier-1 process then walks); the list's own
    module has no imports, so it is loaded by itself. Falls back to the normal import.
    """
    from importlib.util import find_spec, module_from_spec, spec_from_file_location
    from pathlib import Path

    package = find_spec("sklearn")
    if package is not None and package.submodule_search_locations:
        folder = Path(next(iter(package.submodule_search_locations)))
        spec = spec_from_file_location(
            "_manysides_sklearn_stop_words", folder / "feature_extraction" / "_stop_words.py"
        )
        if spec is not None and spec.loader is not None:
            module = module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
                return frozenset(module.ENGLISH_STOP_WORDS)
            except (OSError, ImportError, AttributeError):
                pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


STOPWORDS = _english_stop_words() | {"said", "says", "told", "mr", "ms", "mrs"}

_QUOTE_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_WORD_RE = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*", re.UNICODE)
_CAPITALIZED_RE = re.compile(r"\b[A-Z][a-zA-Z]+(?:[ \-][A-Z][a-zA-Z]+)*\b|\b[A-Z]{2,}\d*\b")
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


# (source, replacement) pairs of _QUOTE_TRANSLATION: every source is non-ASCII and every
# replacement ASCII, so replacing them one after another equals the translation
_QUOTE_PAIRS = tuple((chr(source), target) for source, target in _QUOTE_TRANSLATION.items())


def _straighten(text: str) -> str:
    """``text.translate(_QUOTE_TRANSLATION)``: str.translate looks every character up in
    the table (~100 us on a 3,000-character non-ASCII article); a search per mapped
    character, and a replace for those present, costs a tenth of that."""
    for source, target in _QUOTE_PAIRS:
        if source in text:
            text = text.replace(source, target)
    return text


def normalize_text(text: str) -> str:
    """Unicode-normalize, straighten quotes and dashes, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():  # (O(1)) the translation maps non-ASCII characters only
        return _collapse_spaces(text, _ASCII_SPACES_BUT_SPACE)
    return _collapse_spaces(_straighten(text), _SPACES_BUT_SPACE)


# The characters str.isspace() holds true for (and so str.split() and regex \s split on),
# besides the space itself: the ASCII ones, then the others (a test checks the list
# against every code point).
_ASCII_SPACES_BUT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_SPACES_BUT_SPACE = _ASCII_SPACES_BUT_SPACE + (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _collapse_spaces(text: str, spaces: str) -> str:
    """``" ".join(text.split())`` when ``spaces`` holds every whitespace character of
    ``text`` but the space, without a string per word: each becomes a space, runs of spaces
    are halved until single, the ends are stripped (memchr-speed scans; the split and join
    were 2.5% of tier 1's time on stories_dev, through content_id)."""
    for space in spaces:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def content_id(text: str, publisher: str | None = None) -> str:
    """Stable article id: a hash of the case-folded normalized text (16 hex chars).

    ``publisher`` (the outlet, else the URL) is hashed in too, so a wire story that two
    outlets run verbatim stays two articles (one a copy of the other) instead of one.
    """
    normalized = normalize_text(text).casefold()
    if publisher:
        normalized += "\x1f" + normalize_text(publisher).casefold()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters/digits, inner apostrophes, hyphens and dots kept)."""
    return [m.group(0).lower() for m in _WORD_RE.finditer(normalize_text(text))]


def content_tokens(tokens: Iterable[str]) -> list[str]:
    """Tokens without stopwords and one-letter tokens."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS]


def capitalized_terms(text: str) -> list[str]:
    """Entity-like runs of capitalized words and acronyms (a cheap stand-in for NER)."""
    return [m.group(0) for m in _CAPITALIZED_RE.finditer(normalize_text(text))]


def numbers(text: str) -> list[str]:
    """Numbers as written, without thousands separators."""
    return [m.group(0).replace(",", "") for m in _NUMBER_RE.finditer(text)]


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


# --- fast paths for tier-1 indexing (tokens without NFKC, token char spans) -------------


# Edge punctuation for fast_tokens: ASCII plus the typographic marks news text uses. Kept
# short on purpose: str.strip scans this string for every character it strips.
_EDGE_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00ab\u00bb\u00bf\u00a1\u2013\u2014\u2018\u201c\u201d\u2026\u00a7\u00b0"

# Its ASCII marks: all an ASCII text's words can hold. str.strip looks each edge character
# up in the set it is given; an ASCII-only set is searched with memchr, the full one (two
# bytes a character) char by char (stories_dev fast_tokens: 168 -> 154 ms in a timeit).
_ASCII_EDGE_PUNCTUATION = "".join(c for c in _EDGE_PUNCTUATION if c.isascii())


def fast_tokens(text: str) -> list[str]:
    """Lower-case whitespace tokens with edge punctuation stripped: tier-1 indexing speed.

    About three times cheaper than ``tokenize`` (no regex, no NFKC); inner punctuation
    stays ("u.s", "78-year-old", "don't"), which is what shingles and TF-IDF want anyway.
    """
    words = text.lower().replace("\u2019", "'").replace("\u2018", "'").split()
    edges = _ASCII_EDGE_PUNCTUATION if text.isascii() else _EDGE_PUNCTUATION
    # map over the unbound str.strip runs in C: 15% cheaper than a comprehension
    return list(filter(None, map(str.strip, words, repeat(edges))))


# Class of each code point below 0x3002 (every str.isspace character and every edge mark
# is below it; higher code points are word characters): 0 word, 1 space, 2 edge mark.
_CHAR_CLASS = np.zeros(0x3002, dtype=np.uint8)
_CHAR_CLASS[[c for c in range(0x3001) if chr(c).isspace()]] = 1
_CHAR_CLASS[[ord(c) for c in _EDGE_PUNCTUATION]] = 2


def fast_token_offsets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end char offsets in ``text`` of ``fast_tokens(text)``'s tokens, in numpy.

    A token is a whitespace-separated word without its edge punctuation; words that are all
    punctuation are skipped. Vectorized over the text's code points: a tenth of the regex's
    cost on a long text, for callers that need the offsets of far-apart tokens.
    """
    straight = text.replace("\u2019", "'").replace("\u2018", "'")  # same length
    return _spans(np.frombuffer(straight.encode("utf-32-le"), dtype=np.uint32))


def _spans(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``fast_token_offsets`` of the text whose code points are ``codes``: its words (runs
    of non-space characters), each shrunk past its edge marks, all-mark words left out."""
    top = len(_CHAR_CLASS) - 1
    # (the clamp only when a code point lies past the table: a pass less otherwise)
    kind = _CHAR_CLASS[codes if _largest(codes, initial=0) <= top else np.minimum(codes, top)]
    edges = np.diff((kind != 1).view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # most words start and end with a word character; the others shed one mark a round
    # (a run of marks longer than a few characters goes by the slower searches below)
    lead = np.flatnonzero(kind.take(starts) == 2)
    for _ in range(_SHED_ROUNDS):
        if not len(lead):
            break
        starts[lead] += 1
        lead = lead[starts.take(lead) < ends.take(lead)]
        lead = lead[kind.take(starts.take(lead)) == 2]
    if len(lead):
        starts[lead] = _first_word_chars(kind, starts.take(lead), ends.take(lead))
    filled = starts < ends
    starts, ends = starts[filled], ends[filled]
    tail = np.flatnonzero(kind.take(ends - 1) == 2)  # (each start is a word char: no bound)
    for _ in range(_SHED_ROUNDS):
        if not len(tail):
            break
        ends[tail] -= 1
        tail = tail[kind.take(ends.take(tail) - 1) == 2]
    if len(tail):
        ends[tail] = _last_word_chars(kind, ends.take(tail))
    return starts, ends


# Rounds of shedding one edge mark per word before a search takes over: stories_dev's 880k
# words have at most 4 leading and 6 trailing marks (98% / 88% none), so 8 rounds cover them
# all; a longer run (a rule of dashes glued to a word) costs one search, not a round a mark.
_SHED_ROUNDS = 8
_largest = np.maximum.reduce


def _first_word_chars(kind: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The first word character (class 0) of each span, or the span's end when none."""
    core = np.flatnonzero(kind == 0)
    first = np.searchsorted(core, starts)
    at = core.take(np.minimum(first, len(core) - 1)) if len(core) else ends
    return np.where((first < len(core)) & (at < ends), at, ends)


def _last_word_chars(kind: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """One past the last word character (class 0) before each of ``ends`` (every span
    holds one)."""
    core = np.flatnonzero(kind == 0)
    return core.take(np.searchsorted(core, ends) - 1) + 1


@dataclass(frozen=True, eq=False)
class TokenPage:
    """``fast_tokens`` of several texts at once, as spans of one string: ``text`` is the
    texts lower-cased with straight apostrophes (what fast_tokens splits), joined by spaces;
    token i is ``text[starts[i]:ends[i]]``, ``hashes[i]`` its ``token_hashes`` value, and
    text j holds ``counts[j]`` tokens (texts in order), begins at ``text[firsts[j]]`` and,
    when ``kept[j]``, kept its length when lower-cased (so its chars and offsets are those
    of the original text)."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray
    counts: np.ndarray
    firsts: np.ndarray
    kept: np.ndarray

    def offsets(self, text: int, start: int) -> tuple[np.ndarray, np.ndarray] | None:
        """``fast_token_offsets`` of text number ``text`` (whose tokens begin at ``start``)
        in the original text, or None when lower-casing changed its length."""
        if not self.kept[text]:
            return None
        stop, first = start + int(self.counts[text]), int(self.firsts[text])
        return self.starts[start:stop] - first, self.ends[start:stop] - first

    def tokens(self, start: int, stop: int) -> list[str]:
        """Tokens ``start`` .. ``stop - 1`` as strings."""
        spans = zip(self.starts[start:stop].tolist(), self.ends[start:stop].tolist(), strict=True)
        return [self.text[s:e] for s, e in spans]

    def at(self, indexes: np.ndarray) -> list[str]:
        """The tokens at ``indexes``, as strings."""
        starts, ends = self.starts.take(indexes).tolist(), self.ends.take(indexes).tolist()
        return list(map(self.text.__getitem__, map(slice, starts, ends)))


def fast_token_page(texts: Sequence[str]) -> TokenPage:
    """``fast_tokens`` of each text and the tokens' ``token_hashes``, without a string per
    token: split and stripped over the page's code points in numpy, each token hashed from
    the page's UTF-8 bytes (prefix sums of the same polynomial). Making, joining and encoding
    a string per token were a tenth of tier 1's time."""
    lowered = [text.lower() for text in texts]  # (per text, as fast_tokens does)
    page = " ".join(lowered).replace("\u2019", "'").replace("\u2018", "'")  # same length
    codes = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    starts, ends = _spans(codes)
    # each text's first char in the page (texts are joined by one space)
    sizes = np.fromiter(map(len, lowered), dtype=np.intp, count=len(lowered))
    firsts = (sizes + 1).cumsum() - (sizes + 1)
    counts = np.diff(np.searchsorted(starts, firsts), append=len(starts))
    kept = sizes == np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
    hashes = _span_hashes(page, codes, starts, ends)
    return TokenPage(page, starts, ends, hashes, counts, firsts, kept)


def _span_hashes(text: str, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``token_hashes`` of the tokens ``text[starts[i]:ends[i]]`` (``codes``: the text's code
    points). A token's sum is read off prefix sums of byte * _BASE**position, with the
    space ``token_hashes`` puts after every token added as its last byte."""
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if len(data) == len(codes):  # ASCII: a char is a byte
        byte_starts, byte_ends = starts, ends
    else:  # each code point's first byte: the bytes that are no continuation (10xxxxxx)
        offsets = np.flatnonzero((data & 0xC0) != 0x80)
        offsets = np.append(offsets, len(data))
        byte_starts, byte_ends = offsets.take(starts), offsets.take(ends)
    powers, inverse = _power_tables(len(data) + 1)
    prefix = np.zeros(len(data) + 1, dtype=np.uint64)
    # (array integer arithmetic wraps mod 2**64 silently, as wanted)
    np.cumsum(data * powers[: len(data)], out=prefix[1:])
    sums = (prefix.take(byte_ends) - prefix.take(byte_starts)) * inverse.take(byte_starts)
    return _finalized(sums + _SPACE * powers.take(byte_ends - byte_starts))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-case token)`` for each word token; offsets index ``text`` itself.

    The quote translation maps one char to one char, so offsets are unchanged by it.
    """
    straight = _straighten(text)
    return [(m.start(), m.end(), m.group(0).lower()) for m in _WORD_RE.finditer(straight)]


# --- background document frequencies (cluster's IDF prior) ------------------------------

# ``background_df`` treats general English as pseudo-documents of PRIOR_DOC_TOKENS words;
# calibrated with cluster.PRIOR_DOCUMENTS on stories_dev (see there).
PRIOR_DOC_TOKENS = 400.0
PRIOR_MIN_FREQUENCY = 1e-6  # rarer words would add < 0.4 pseudo-documents: left out


@cache
def background_df(documents: float) -> dict[str, float]:
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


# --- word shingle hashes (dedupe's MinHash and shared passages) ---------------------


_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)
# Token hashes: a polynomial hash of each token's UTF-8 bytes mod 2**64, computed for all
# tokens of a text at once in numpy (a Python-level hash call per token was a sixth of tier
# 1's time). Byte i of the joined text weighs _BASE**i; a token's sum is shifted back to its
# own start by the inverse power, so the same token hashes the same anywhere.
_BASE = np.uint64(0x100000001B3)  # odd, so its powers are invertible mod 2**64
_BASE_INVERSE = np.uint64(pow(0x100000001B3, -1, 2**64))
_S27, _S30, _S31 = np.uint64(27), np.uint64(30), np.uint64(31)
_SPACE = np.uint64(32)  # the byte token_hashes puts after each token
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_powers = np.ones(1, dtype=np.uint64)
_inverse_powers = np.ones(1, dtype=np.uint64)


def _power_tables(size: int) -> tuple[np.ndarray, np.ndarray]:
    """_BASE**i and its inverse for i < size (grown by doubling, kept between calls)."""
    global _powers, _inverse_powers
    if len(_powers) < size:
        capacity = max(size, 2 * len(_powers), 4096)
        _powers = _geometric(_BASE, capacity)
        _inverse_powers = _geometric(_BASE_INVERSE, capacity)
    return _powers, _inverse_powers


def _geometric(ratio: np.uint64, size: int) -> np.ndarray:
    """1, ratio, ratio**2, ... mod 2**64 (uint64 products wrap)."""
    out = np.full(size, ratio, dtype=np.uint64)
    out[0] = 1
    return np.multiply.accumulate(out)  # array integer overflow wraps silently


def token_hashes(tokens: list[str]) -> np.ndarray:
    """64-bit hash of each token (tokens hold no whitespace, so a space separates them)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    data = np.frombuffer((" ".join(tokens) + " ").encode("utf-8"), dtype=np.uint8)
    powers, inverse = _power_tables(len(data))
    starts = np.flatnonzero(data == 32)[:-1] + 1
    starts = np.concatenate((np.zeros(1, dtype=np.intp), starts))
    # (array integer arithmetic wraps mod 2**64 silently, as wanted)
    sums = np.add.reduceat(data * powers[: len(data)], starts)
    return _finalized(sums * inverse[starts])


def _finalized(hashes: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer (in place): every input bit reaches every output bit."""
    hashes ^= hashes >> _S30
    hashes *= _M1
    hashes ^= hashes >> _S27
    hashes *= _M2
    return hashes ^ (hashes >> _S31)


def shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """32-bit hash of each word ``size``-shingle of ``tokens`` (one shorter shingle when
    there are fewer tokens), in order: what dedupe's MinHash and passages are built on."""
    return hash_shingles(token_hashes(tokens), size)


def mixed_shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """32-bit hash of each run of ``size`` consecutive token hashes, in order."""
    count = len(hashes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    mixed = hashes[:count].copy()
    for offset in range(1, size):
        mixed = mixed * _MIX + hashes[offset : offset + count]
    return (mixed ^ (mixed >> np.uint64(29))) & _MASK32


def hash_shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """``shingle_hashes`` of the tokens whose ``token_hashes`` are ``hashes``."""
    if len(hashes) < size:
        size = max(len(hashes), 1)
    return mixed_shingles(hashes, size)


# --- wire datelines ------------------------------------------------------------------

_DASHES = frozenset({"—", "–", "―", "-", "--", "_"})
DATELINE_TOKENS = 14  # "LAUSANNE, Switzerland, March 3 (AP) —" is 9; room for longer places
_AGENCY_TOKENS = 6  # what a dateline's brackets hold: "CWS", "Coast Wire", "CBSDC / AP"


def dateline_dash(
    words: Sequence[str], spaced: Sequence[bool], first: int, stop: int
) -> int | None:
    """The index of the dash ending a dateline that opens at ``words[first]``, looking no
    further than ``stop``: a word in capitals, then place words (several places joined by
    "/"), a date, an agency in brackets, up to a dash ("PORT ANSEL, Calder (CWS) —",
    "BERLIN (AP) _", "PORT ANSEL/EASTBROOK (Coast Wire) -"); or the bracketed agency alone
    ("(Coast Wire) -"). The agency is whatever the brackets hold ("dpa", a redaction's
    "███"). None if none. ``spaced[k]``: whether token k is followed by whitespace. A dash
    glued to the words on both sides is a hyphen inside a name ("SAINT-ANSELME, Calder —"),
    not the dateline's end, and a capitalised word with a hyphen in it ("ALPHA-Omega agency
    said") opens no dateline unless a dash follows."""
    if words[first] == "(":
        return _agency_dash(words, first, stop)
    if not _is_capitals(words[first]):
        return None
    for k in range(first + 1, min(first + DATELINE_TOKENS, stop)):
        if words[k] in _DASHES and (spaced[k - 1] or spaced[k]):
            return k
        if words[k] == "(":
            return _agency_dash(words, k, stop)
        if words[k] not in _DASHES and not _dateline_word(words[k]):
            return None
    return None


def _agency_dash(words: Sequence[str], opening: int, stop: int) -> int | None:
    """The dash right after the bracketed agency opening at ``opening`` ("(CWS) —")."""
    for k in range(opening + 1, min(opening + _AGENCY_TOKENS + 1, stop)):
        if words[k] == ")":
            return k + 1 if k + 1 < stop and words[k + 1] in _DASHES else None
        if words[k] in _DASHES or "\n" in words[k]:
            return None
    return None


def _is_capitals(word: str) -> bool:
    """A word in capitals, an abbreviation's dot allowed ("ST. PETERSBURG")."""
    word = word.removesuffix(".")
    return len(word) > 1 and word.isalpha() and word.isupper()


def _dateline_word(word: str) -> bool:
    """A place's or a date's word, or what joins them: "ST JOHN’S, Newfoundland", "NEW
    YORK/LONDON", "Aug. 3"; or a word of a wire slug ("FERRY-FEES-1STLD")."""
    return (
        word in {",", ".", "&", "/"}
        or word[:1].isupper()
        or word.isdigit()
        or (word.isalnum() and word.isupper())  # a wire slug's "1STLD" (first lead)
        or (word[:1] in "'’" and word[1:].isupper())
    )


# A word as the parser splits one for the dateline reader: a name with its dots ("S.D."), a
# possessive ending ("JOHN", "’S"), a double hyphen, or any other mark (a hyphen inside a
# name, "SAINT-ANSELME", is a token of its own, glued to the words on both sides).
_DATELINE_TOKEN = re.compile(r"--|[^\W_]+(?:\.[^\W_]+)*\.?|['’][^\W_]+|\S")


def dateline_length(text: str) -> int:
    """How many characters of plain ``text`` the wire dateline opening it takes, up to and
    with the space after its dash ("PORT ANSEL, Calder (CWS) — "); 0 when it opens with
    none. The same reading as ``dateline_dash`` over a parse, for text that has none."""
    line = text.split("\n", 1)[0]
    found = list(islice(_DATELINE_TOKEN.finditer(line), DATELINE_TOKENS + 1))
    words = [m.group() for m in found]
    spaced = [line[m.end() : m.end() + 1].isspace() for m in found]
    dash = dateline_dash(words, spaced, 0, len(words)) if words else None
    if dash is None or not spaced[dash]:
        return 0
    end = found[dash].end()
    return end + len(line[end:]) - len(line[end:].lstrip())


_LINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def headline_like(line: str) -> bool:
    """Whether a line reads as a headline: 2 to 20 words, most of them capitalized, no
    final period."""
    words = _LINE_WORD.findall(line)
    if not 2 <= len(words) <= 20 or line.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Char ranges of the headline-like lines of ``text`` (``headline_like``)."""
    ranges, offset = [], 0
    for line in text.split("\n"):
        if headline_like(line):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


def in_headline(text: str, offset: int) -> bool:
    """Whether the line of ``text`` holding char ``offset`` reads as a headline."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return headline_like(text[start : end if end >= 0 else len(text)])
