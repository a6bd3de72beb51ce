"""Quote groups: the same utterance across outlets, and how each one worded it.

``analyze_quotes`` groups the same utterance quoted by several articles (``extract_quotes``
finds them per article) and diffs each variant's wording against the group's base text:
words added, dropped or changed, truncations and "…" splices; verbatim vs paraphrase; the
same words attributed to different speakers. What outlets only report a named speaker
saying, in their own words, forms groups of its own after the quotations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from . import attribution_cues as lexicon
from .model import DiffOp, Entity, Quote, QuoteGroup, QuoteVariant
from .name_cues import shares_surname
from .nlp import ParsedArticle
from .quotes import extract_quotes
from .reported_speech import cue_lemma
from .speakers import role_words as _role_words
from .text import in_headline

# Two quotes are one utterance when the shorter one's words nearly all appear, in order, in
# the longer one (rapidfuzz partial_ratio on normalized words). 80 keeps the seeds' three
# versions of one statement together (lowest pair 84) while unrelated quotes of one story
# stay apart (highest such pair seen in the seeds: 62).
SAME_UTTERANCE = 80
# Same words with different named speakers still group (and are flagged) only when the
# wording is this close: a near-verbatim match is the same quotation misattributed.
SAME_WORDS = 92
# Quotes shorter than this many words are too generic to match loosely across outlets...
MIN_GROUP_WORDS = 4
# ...but a short quotation with a speaker ("changes nothing," Vance said) is still something
# that person said: it is shown, and joins another quote only when all its words appear, in
# order, in it (score 100). One word is a scare quote or a term, not a statement.
MIN_SHORT_WORDS = 2
_ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.)\s*")
# Cues (lemmas) of words, views and intentions: reported speech with one of them may join a
# quotation's group as a paraphrase. extract_quotes also reports acts ("voted against the
# levy", "signed the bill": PolNeAR annotates them, the trained cue scorer finds them); an
# act is no version of what someone said, so it stays out of "who said what".
SPEECH_CUES = (
    lexicon.CUE_VERBS
    | lexicon.OBJECT_TAKING
    | lexicon.REGARD_VERBS
    | lexicon.INTENT_VERBS
    | lexicon.DIRECT_ONLY_CUES
    | lexicon.CUE_NOUNS
    | lexicon.STANCE_ADJECTIVES
    | frozenset(lexicon.TOPIC_VERBS)
    | {"accord", ":"}  # "according to", a transcript's "NAME:"
)


def _words(text: str) -> list[str]:
    """Words for comparison: quotation marks and case dropped, apostrophes made straight."""
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[\w']+|…", _ELLIPSIS.sub(" … ", text).lower())


@lru_cache(maxsize=4096)
def _comparable(text: str) -> str:
    # cached: every quote of a story is compared with every other one
    return " ".join(w for w in _words(text) if w != "…")


def _same_utterance(a: Quote, b: Quote, score: float) -> bool:
    """Whether ``a`` and ``b`` (partial_ratio ``score`` of their words) are one utterance:
    named speakers who disagree need near-verbatim words, a short quote all its words and
    the same named speaker."""
    if score < SAME_UTTERANCE:  # (most pairs: no need to compare their speakers)
        return False
    if min(_length(a), _length(b)) < MIN_GROUP_WORDS:
        # a phrase of two or three words ("harbour levy") is something anyone may say: it
        # is a piece of a quote only when the same person is named as saying both
        return score >= 100 and _same_person(a.speaker, b.speaker)
    return score >= SAME_WORDS or not _speakers_conflict(a.speaker, b.speaker)


def _length(quote: Quote) -> int:
    return len(_comparable(quote.text).split())


def _shown(quote: Quote) -> bool:
    """Whether a quote takes part in grouping: ``MIN_GROUP_WORDS`` words, or a short
    quotation (not reported speech) with a speaker."""
    length = _length(quote)
    if length >= MIN_GROUP_WORDS:
        return True
    return length >= MIN_SHORT_WORDS and quote.kind != "indirect" and bool(quote.speaker)


@lru_cache(maxsize=4096)
def _word_pairs(text: str) -> frozenset[tuple[str, str]]:
    words = _comparable(text).split()
    return frozenset(zip(words, words[1:], strict=False))


def _scores(members: Sequence[Quote], candidates: Sequence[Quote]) -> list[dict[int, float]]:
    """For each candidate, the members that may be the same utterance: index -> partial_ratio
    (at least ``SAME_UTTERANCE``). Only pairs that share two adjacent words are scored.

    A story holds hundreds of quotes, and scoring every pair was most of the quotes stage
    (a 25-article DUC cluster: 265k pairs, 1.6 CPU-s). A shared word pair is cheap to index
    and is evidence any real match has: over 50 DUC 2006 clusters, 6% of cross-article
    pairs share one, and of the 1,598 pairs scoring 80+ the 70 that share none were nearly
    all a short phrase whose letters recur inside an unrelated sentence (in the manner of
    "the costs of ferries" inside "...the cost of the ferries..."); one true rewording was
    lost."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, quote in enumerate(members):
        for pair in _word_pairs(quote.text):
            index[pair].append(i)
    found: list[dict[int, float]] = []
    for quote in candidates:
        text = _comparable(quote.text)
        near = {i for pair in _word_pairs(quote.text) for i in index.get(pair, ())}
        scores = {}
        for i in sorted(near):
            score = fuzz.partial_ratio(
                _comparable(members[i].text), text, score_cutoff=SAME_UTTERANCE
            )
            if score:
                scores[i] = score
        found.append(scores)
    return found


def _named(speaker: str | None) -> bool:
    return bool(speaker and speaker[:1].isupper())


def _speakers_conflict(a: str | None, b: str | None) -> bool:
    """Two named speakers conflict unless one name's words contain the other's surname."""
    # only two names can disagree; "a source" or None cannot
    return _named(a) and _named(b) and not shares_surname(a or "", b or "")


def _same_person(a: str | None, b: str | None) -> bool:
    """Whether two speakers are one named person (one name holds the other's surname)."""
    return _named(a) and _named(b) and shares_surname(a or "", b or "")


def _may_report(reporter_speaker: str | None, quoted_speaker: str | None) -> bool:
    """Whether reported speech of ``reporter_speaker`` may be a version of a quotation of
    ``quoted_speaker``: the same named person, or neither named ("officials", "an aide")."""
    if _named(reporter_speaker) or _named(quoted_speaker):
        return _same_person(reporter_speaker, quoted_speaker)
    return True


def _cluster(quotes: Sequence[Quote]) -> list[list[int]]:
    """Single-link clusters (indexes into ``quotes``, in text order) of quotes from
    different articles that are the same utterance: each quote joins the first cluster
    holding a match from another article, unless that cluster already quotes its own article.

    Quotes of ``MIN_GROUP_WORDS`` or more are clustered first, then the short ones join
    them (``order``): a short quote is no bridge. Its words inside a longer quote say
    nothing of what else that quote's group holds, and two quotes of different people that
    each held a quoted term ("harbour levy") were chained into one group through it."""
    clusters: list[list[int]] = []
    cluster_of: dict[int, int] = {}
    scores = _scores(quotes, quotes)
    short = [_length(q) < MIN_GROUP_WORDS for q in quotes]
    order = sorted(range(len(quotes)), key=lambda j: (short[j], j))
    for j in order:
        quote = quotes[j]
        homes = [
            cluster_of[i]
            for i, score in scores[j].items()
            if i in cluster_of
            and quotes[i].article_id != quote.article_id
            and _same_utterance(quotes[i], quote, score)
        ]
        home = clusters[min(homes)] if homes else None
        if home is None or any(quotes[i].article_id == quote.article_id for i in home):
            cluster_of[j] = len(clusters)
            clusters.append([j])
        else:
            cluster_of[j] = min(homes)
            home.append(j)
    in_order = sorted((sorted(c) for c in clusters), key=lambda c: c[0])
    return _pieces_absorbed(quotes, in_order)


def _pieces_absorbed(quotes: Sequence[Quote], clusters: list[list[int]]) -> list[list[int]]:
    """``clusters`` with each lone quote moved into the cluster where its article's other
    piece of the same utterance is: an outlet that quoted “A,” and, a sentence on, “B.”
    where another quoted “A … B” gave a group for A and a lone one for B (B came before the
    longer quote that holds both, so it found nothing to join)."""
    # the clusters of several quotes each article takes part in: a lone quote looks only
    # at its own article's (a story of many articles holds thousands of quotes)
    shared: dict[str, list[list[int]]] = defaultdict(list)
    for cluster in clusters:
        if len(cluster) > 1:
            for article_id in dict.fromkeys(quotes[i].article_id for i in cluster):
                shared[article_id].append(cluster)
    kept: list[list[int]] = []
    for cluster in clusters:
        lone = cluster[0] if len(cluster) == 1 else None
        home = None if lone is None else _home_of_piece(quotes, lone, shared[quotes[lone].article_id])
        if home is not None:
            home.append(cluster[0])
        else:
            kept.append(cluster)
    return kept


def _home_of_piece(quotes: Sequence[Quote], j: int, clusters: list[list[int]]) -> list[int] | None:
    """Among ``clusters`` (those holding a quote of quote ``j``'s article), the one holding
    another piece of ``j``'s utterance from its article and a longer quote, from another
    article, that holds both pieces nearly word for word."""
    piece = quotes[j]
    for cluster in clusters:
        mine = [quotes[i] for i in cluster if quotes[i].article_id == piece.article_id]
        if any(_speakers_conflict(q.speaker, piece.speaker) for q in mine):
            continue
        holders = [
            quotes[i]
            for i in cluster
            if quotes[i].article_id != piece.article_id and _length(quotes[i]) > _length(piece)
        ]
        for longer in holders:
            text = _comparable(longer.text)
            if all(fuzz.partial_ratio(_comparable(q.text), text) >= SAME_WORDS for q in (piece, *mine)):
                return cluster
    return None


def _display_words(text: str) -> list[str]:
    return re.findall(r"[\w’'\[\]-]+|…", _ELLIPSIS.sub(" … ", text))


def _key(word: str) -> str:
    return word.lower().replace("’", "'").strip("[]")


def diff_words(base: str, variant: str) -> tuple[DiffOp, ...]:
    """Word-level diff of ``variant`` against ``base``: equal, insert, delete, replace;
    ``truncate`` for base words the variant cuts from either end, ``extend`` for words the
    variant quotes beyond either end of the base, ``splice`` where "…" stands for base words
    left out. Each op carries the base words and the variant words it covers."""
    from difflib import SequenceMatcher

    a, b = _display_words(base), _display_words(variant)
    matcher = SequenceMatcher(None, [_key(w) for w in a], [_key(w) for w in b], autojunk=False)
    codes = matcher.get_opcodes()
    ops = []
    for n, (opcode, i1, i2, j1, j2) in enumerate(codes):
        tag: str = opcode
        left, right = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag != "equal" and right.strip("… ") == "" and "…" in right:
            tag = "splice"
        elif tag == "delete" and (n == 0 or n == len(codes) - 1):
            tag = "truncate"
        elif tag == "insert" and (n == 0 or n == len(codes) - 1):
            tag = "extend"
        ops.append(DiffOp(tag, left, right))
    return tuple(ops)


def _verbatim(ops: Sequence[DiffOp]) -> bool:
    return all(op.op in ("equal", "truncate", "splice", "extend") for op in ops)


# A new sentence or quotation piece starts after end punctuation, or after the comma that
# closed the first piece of an interrupted quotation ("... by my office, We will ...").
_SEGMENT_BREAK = re.compile(r"(?<=[.!?…,;:])[\"”’]?\s+(?=[“\"]?[A-Z])")


def shared_text(base: str, others: Sequence[str]) -> str:
    """``base`` without leading or trailing sentences that no other version quotes: the
    common span of the utterance, so one outlet quoting a sentence more does not make every
    other version look truncated."""
    segments = _SEGMENT_BREAK.split(base)
    if len(segments) < 2 or not others:
        return base
    versions = [_comparable(o) for o in others]
    covered = [
        any(fuzz.partial_ratio(_comparable(seg), v) >= SAME_UTTERANCE for v in versions)
        for seg in segments
    ]
    if not any(covered):
        return base
    first, last = covered.index(True), len(covered) - 1 - covered[::-1].index(True)
    return " ".join(segments[first : last + 1])


def _one_per_article(cluster: Sequence[Quote]) -> list[Quote]:
    """The cluster with an article's pieces of the utterance (``_pieces_absorbed``) joined
    into one quote, in text order, by "…"."""
    pieces: dict[str, list[Quote]] = {}
    for quote in cluster:
        pieces.setdefault(quote.article_id, []).append(quote)
    return [_joined(sorted(quotes, key=lambda q: q.start)) for quotes in pieces.values()]


def _joined(pieces: Sequence[Quote]) -> Quote:
    """Pieces of one utterance from one article, in text order, as one quote: the first's
    cue and speaker, their words joined by "…", all their spans."""
    first, last = pieces[0], pieces[-1]
    if len(pieces) == 1:
        return first
    text = " … ".join([q.text.rstrip(" .,;:") for q in pieces[:-1]] + [last.text])
    spans = tuple(span for q in pieces for span in (q.spans or ((q.start, q.end),)))
    return replace(first, text=text, end=last.end, spans=spans)


def _group(cluster: Sequence[Quote]) -> QuoteGroup:
    cluster = _one_per_article(cluster)
    quoted = [q for q in cluster if q.kind != "indirect"] or list(cluster)
    longest = max(quoted, key=lambda q: (len(_words(q.text)), -cluster.index(q)))
    base = shared_text(longest.text, [q.text for q in quoted if q is not longest])
    variants = []
    for quote in cluster:
        ops = diff_words(base, quote.text)
        variants.append(
            QuoteVariant(
                article_id=quote.article_id,
                sentence=quote.sentence,
                text=quote.text,
                cue=quote.cue,
                speaker=quote.speaker,
                diff=ops,
                verbatim=quote.kind != "indirect" and _verbatim(ops),
                kind=quote.kind,
                role=quote.role,
                start=quote.start,
                end=quote.end,
            )
        )
    names = [q.speaker for q in cluster if q.speaker]
    conflict = any(_speakers_conflict(x, y) for x in names for y in names)
    return QuoteGroup(_group_speaker(names), base, tuple(variants), conflict)


# Words before a quotation that mark it a term the writer mentions, not words spoken.
_TERM_MARKERS = ("so-called", "so called", "dubbed", "known as")


def _without_terms(quotes: Sequence[Quote], docs: Mapping[str, Any]) -> list[Quote]:
    """``quotes`` less the short ones that are terms, not statements: a phrase in quotation
    marks after "so-called" ("the so-called “fiscal cliff”"), or a noun phrase the story
    gives to two or more different speakers (five articles quoted “fiscal cliff” after five
    different people, and each was shown as that person's words). Two people may say the
    same short words ("100 percent certain"): only a noun phrase counts as a term."""
    short = [q for q in quotes if _length(q) < MIN_GROUP_WORDS]
    speakers: dict[str, set[str]] = defaultdict(set)
    for quote in short:
        speakers[_comparable(quote.text)].add(_speaker_key(quote.speaker))
    shared = {text for text, who in speakers.items() if len(who) > 1}

    def is_term(quote: Quote) -> bool:
        doc = docs[quote.article_id]
        before = doc.text[max(0, quote.start - 14) : quote.start]
        if before.rstrip(" “\"'‘`").lower().endswith(_TERM_MARKERS):
            return True
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        # a figure is a claim ("“100 percent” certain"), not a name for something
        named = span is not None and span.root.pos_ in ("NOUN", "PROPN")
        return named and not any(t.like_num for t in span) and _comparable(quote.text) in shared

    return [q for q in quotes if _length(q) >= MIN_GROUP_WORDS or not is_term(q)]


def _speaker_key(speaker: str | None) -> str:
    """One key per person however named: a name's surname, or a description as written."""
    if not speaker:
        return ""
    return speaker.split()[-1].lower() if _named(speaker) else speaker.lower()


def _group_speaker(names: Sequence[str]) -> str | None:
    """The longest name among those that agree with the most often given surname. A
    description ("the judge", "an aide") speaks for a group only when no name is given."""
    names = [n for n in names if _named(n)] or names
    if not names:
        return None
    surnames = [n.split()[-1].lower() for n in names]
    common = max(surnames, key=surnames.count)
    agreeing = [n for n in names if common in n.lower().split()]
    return max(agreeing, key=len)


def analyze_quotes(
    parsed: Sequence[ParsedArticle], copies: Mapping[str, str] | None = None
) -> tuple[QuoteGroup, ...]:
    """Quote groups of one story: each utterance once, with how every article quoted it.

    Copies (keys of ``copies``) add no variants. Direct and partial quotes of at least
    ``MIN_GROUP_WORDS`` words, and shorter ones with a speaker (``_shown``), each start a
    group; reported speech with a cue of saying, stance or intention (``SPEECH_CUES``; not
    an act such as "voted against") joins a group as a paraphrase variant when it matches
    one. A named speaker's reported statement that joins none (``_reported_statement``)
    is a group of its own, its variants the outlets that report it (``QuoteGroup.reported``),
    as each wrote the attribution (``_as_written``). Quoted groups come first, then the
    reported ones; among each, groups more articles carry first.
    """
    copies = copies or {}
    direct: list[Quote] = []
    reported: list[tuple[Quote, Quote]] = []
    for article in parsed:
        if article.id in copies:
            continue
        found = [q for q in _fragments_joined(extract_quotes(article)) if _shown(q)]
        said = [q for q in found if q.kind == "indirect" and _speech(q, article)]
        quoted = [_statement_of(q, said, article.doc) for q in found if q.kind != "indirect"]
        direct.extend(quoted)
        reported.extend((q, _own_words(q, quoted, article.article.text)) for q in said)
    docs = {p.id: p.doc for p in parsed}
    direct = _without_terms(direct, docs)
    clusters = _cluster(direct)
    paraphrases = _attach_paraphrases(direct, clusters, reported)
    groups = [
        _group([direct[i] for i in c] + extra)
        for c, extra in zip(clusters, paraphrases, strict=True)
    ]
    joined = {id(q) for extra in paraphrases for q in extra}
    statements = [
        q
        for q, own in reported
        if id(q) not in joined and own is q and _reported_statement(q, docs[q.article_id])
    ]
    as_written = [_as_written(q, docs[q.article_id]) for q in statements]
    told = [_group([as_written[i] for i in c]) for c in _cluster(statements)]
    return _most_quoted_first(groups) + _most_quoted_first(told)


def _most_quoted_first(groups: Sequence[QuoteGroup]) -> tuple[QuoteGroup, ...]:
    """``groups`` with those more articles quote first (ties in their order)."""
    order = sorted(
        range(len(groups)), key=lambda i: (-len({v.article_id for v in groups[i].variants}), i)
    )
    return tuple(groups[i] for i in order)


# Reported speech no quotation matches is shown on its own when it is a named speaker's
# statement: a verb of saying (or "according to") whose content is a clause with its own
# subject ("Roe said the pier would reopen") or, for a verb whose object is itself a claim,
# a noun phrase ("Roe denied the charges against him"), in this many words or more. A
# clause without its subject is mostly a misparse ("the man who Roe says was there" does
# not report Roe saying "was there"); an object of "say" mostly is too; questions ("asked
# whether ...") state nothing, nor does a person's "showing" (it is no speech).
MIN_STATEMENT_WORDS = 5
_STATEMENT_VERBS = lexicon.CUE_VERBS - {"ask", "wonder", "question", "show"}
# Words that open an indirect question or a clause naming a topic ("explained why the pier
# closed", "showed how high the bar was"): what was said is not in them (see ``_question``).
_QUESTION_WORDS = frozenset({"how", "what", "why", "when", "where", "who", "whether"})
# Dependencies of a clause inside the content: a question word under one asks nothing of
# the whole ("said what happened was a disgrace", "said when the pier opens, boats will follow").
_CLAUSE_DEPS = frozenset({"advcl", "csubj", "csubjpass", "ccomp", "relcl", "acl"})
_CLAIM_OBJECT_VERBS = frozenset(
    {"deny", "confirm", "dispute", "acknowledge", "admit", "allege", "announce", "predict"}
    | {"promise", "pledge", "vow", "propose", "demand", "reiterate", "disclose", "reveal"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Words an attribution may add to its content (speaker, cue, listener: "Ann Roe, the
# port's director, told the Ledger on Monday") before only "cue + content" is shown.
MAX_ATTRIBUTION_WORDS = 12


def _reported_statement(quote: Quote, doc: Any) -> bool:
    """Whether reported speech is a named speaker's statement (``MIN_STATEMENT_WORDS``)."""
    if not _named(quote.speaker) or _length(quote) < MIN_STATEMENT_WORDS:
        return False
    if quote.start <= quote.cue_start < quote.end:
        return False  # content that holds its own cue ("who Roe said was ...") is misread
    if in_headline(doc.text, quote.cue_start):
        return False  # a headline's grammar is misparsed ("Port Will Reopen, Officials Say")
    cue = _cue_token(quote, doc)
    content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    mention = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if cue is None or not content or not mention or not _names_someone(mention):
        return False
    lemma = cue_lemma(cue)
    if lemma != "accord" and not _states(cue, lemma):
        return False
    if _question(content):
        return False
    root = content.root
    if root.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in _SUBJECTS and content.start <= c.i < content.end for c in root.children)
    return root.pos_ in ("NOUN", "PROPN") and lemma in _CLAIM_OBJECT_VERBS


def _question(content: Any) -> bool:
    """Whether reported content is an indirect question: it opens with a question word that
    belongs to its main clause ("why the pier closed", "how high the bar was"), not to a
    clause within it ("when the pier opens, the ferry will follow"). "If" after a verb of
    saying is a condition, not a question ("warned of a cold winter if ...")."""
    word = content[0]
    if word.lower_ not in _QUESTION_WORDS:
        return False
    while word != content.root and content.start <= word.head.i < content.end:
        if word.dep_ in _CLAUSE_DEPS:
            return False
        word = word.head
    return True


def _names_someone(mention: Any) -> bool:
    """Whether a speaker mention is a name, or a pronoun resolved to one: not a description
    that opens a sentence ("Previous reports", "Others", "Roe's calendar")."""
    root = mention.root
    return root.pos_ in ("PROPN", "PRON") or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _states(cue: Any, lemma: str) -> bool:
    """Whether a cue verb states something of its speaker: a verb of saying with its own
    subject, or a participle that goes on from one ("..., saying the plan had failed"), not
    negated. "Confirmed, Roe would ...", "if confirmed" and "did not say when" say nothing."""
    if cue.pos_ != "VERB" or lemma not in _STATEMENT_VERBS:
        return False
    if any(c.dep_ == "neg" for c in cue.children):
        return False  # "would not say how many" states nothing
    return cue.tag_ == "VBG" or any(c.dep_ in _SUBJECTS for c in cue.children)


# A conjunction the content stops at, before a quotation it leaves to its own group
# ("said she had faced years of anxiety, and “...”").
_DANGLING = re.compile(r"[\s,;]+(?:and|but|or)$")


def _as_written(quote: Quote, doc: Any) -> Quote:
    """Reported speech as its outlet wrote the attribution, speaker and cue with the
    content ("Roe denied the charges against him"; "according to Roe, the pier ..."): the
    content alone, "the charges against him", says nothing. Without the speaker when its
    mention lies in another sentence or too far (``MAX_ATTRIBUTION_WORDS``); else the
    content alone. Marked "…" when the words start inside their sentence."""
    sentence = doc.char_span(quote.start, quote.end, alignment_mode="expand")[0].sent
    cue_end = quote.cue_start + len(quote.cue or "")
    pieces = [(quote.start, quote.end), (quote.cue_start, cue_end)]
    within = sentence.start_char <= quote.speaker_start and quote.speaker_end <= sentence.end_char
    if within and not _between_cue_and_speaker(quote):
        pieces.append((quote.speaker_start, quote.speaker_end))
    for shown in (pieces, pieces[:2]):
        start, end = min(a for a, _ in shown), max(b for _, b in shown)
        added = len(doc.text[start:end].split()) - len(doc.text[quote.start : quote.end].split())
        if added <= MAX_ATTRIBUTION_WORDS:
            words = _DANGLING.sub("", " ".join(doc.text[start:end].split()).strip(" ,;:"))
            # words from within a sentence are marked as such ("… said Monday the pier ...")
            opens = not doc.text[sentence.start_char : start].strip(" \"“‘'(—–-")
            return replace(quote, text=words if opens else f"… {words}")
    return replace(quote, text=f"… {quote.text}")


def _between_cue_and_speaker(quote: Quote) -> bool:
    """Whether reported speech's content lies between its cue and its speaker ("While
    saying the pier was safe, Roe ..."): shown together, the speaker's name would trail
    the words as if it were part of them."""
    cue, speaker = quote.cue_start, quote.speaker_start
    return min(cue, speaker) < quote.start and quote.end <= max(cue, speaker)


def _statement_of(quote: Quote, said: Sequence[Quote], doc: Any) -> Quote:
    """A short quotation that modifies the writer's noun ("a “visibly drunk” Roe") as the
    reported speech of its speaker that holds it ("Ana Lind will tell the panel a “visibly
    drunk” Roe locked the door"): the word alone says little. The quotation itself when it
    is no such modifier or no reported speech of that speaker holds it."""
    if _length(quote) >= MIN_GROUP_WORDS:
        return quote
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or not _modifies_outside(span):
        return quote
    holding = (
        r
        for r in said
        if r.speaker == quote.speaker and r.start <= quote.start < quote.end <= r.end
    )
    # still a quotation: some of its words are the speaker's
    return next((replace(r, kind=quote.kind) for r in holding), quote)


# Dependencies by which a word modifies the noun it stands before.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod"})


def _modifies_outside(span: Any) -> bool:
    """Whether a quotation is a modifier of a noun outside it: the writer's sentence borrows
    the word ("a “middle-class” tax cut", "a “fair and balanced” review") and the speaker's
    statement is that sentence, not the word."""
    root = span.root
    outside = not span.start <= root.head.i < span.end
    return root.dep_ in _MODIFIER_DEPS and outside and root.head.pos_ in ("NOUN", "PROPN")


def _fragments_joined(quotes: Sequence[Quote]) -> list[Quote]:
    """Partial quotes one cue introduces in one sentence ('she said the board had “held
    fares flat” and could not “do it any longer”') as one quote, its pieces joined by "…":
    they are fragments of one utterance, and apart the second formed a group of its own
    beside the first's."""
    runs: list[list[Quote]] = []
    for quote in quotes:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and quote.kind == last.kind == "partial"
            and quote.cue_start >= 0
            and (quote.sentence, quote.cue_start, quote.speaker)
            == (last.sentence, last.cue_start, last.speaker)
        ):
            runs[-1].append(quote)
        else:
            runs.append([quote])
    return [_joined(run) for run in runs]


def _speech(quote: Quote, article: ParsedArticle) -> bool:
    """Whether reported speech's cue is a word of saying, stance or intention (see
    ``SPEECH_CUES``), not an act."""
    cue = _cue_token(quote, article.doc)
    return cue is not None and cue_lemma(cue) in SPEECH_CUES


def _cue_token(quote: Quote, doc: Any) -> Any:
    """The token of a quote's cue word in its article's ``doc``; None when it has none."""
    if quote.cue_start < 0:
        return None
    span = doc.char_span(quote.cue_start, quote.cue_start + 1, alignment_mode="expand")
    return span[0] if span else None


def _own_words(quote: Quote, quotations: Sequence[Quote], text: str) -> Quote:
    """Reported speech as matched against quotations: its words in the article ``text``
    without those of its own article's quotations ("told a host that “… then ICE will,”
    prompting a query from ..."). Those words already stand in their quotation's group;
    matched again, the report joined a group of other words the same speaker said, shown as
    a rewording of them."""
    inner = sorted(
        (q.start, q.end) for q in quotations if q.start < quote.end and quote.start < q.end
    )
    if not inner:
        return quote
    pieces = []
    for start, end in quote.spans or ((quote.start, quote.end),):
        at = start
        for left, right in inner:
            if left < end and at < right:
                pieces.append(text[at : max(at, left)])
                at = max(at, right)
        pieces.append(text[at:end] if at < end else "")
    return replace(quote, text=" … ".join(p.strip() for p in pieces if p.strip()))


def _attach_paraphrases(
    direct: Sequence[Quote],
    clusters: Sequence[Sequence[int]],
    indirect: Sequence[tuple[Quote, Quote]],
) -> list[list[Quote]]:
    """The reported speech that joins each cluster: a paraphrase joins the first cluster with
    a quotation it matches and no quote from its own article. Each report comes with the
    words it is matched by (``_own_words``).

    A report of another named person's words is no version of the quotation, however many
    words it shares, nor is a report of what an unnamed speaker said ("the administration",
    "economists") of a named person's quotation, or the reverse: only quotations,
    near-verbatim, are flagged as attributed to different speakers. Nor is a report that
    holds only a short quotation's words ("said going over the “fiscal cliff” could mean a
    recession" holds a quoted term), or one whose own words are that short (in 'said the
    board “has done nothing since May”' they are "the board"): both must have
    ``MIN_GROUP_WORDS`` or more.

    Paraphrases do not chain: one that matches only another paraphrase stays out. Each
    variant is shown as a diff against the group's quoted words, so a member must match
    those words; chaining also let membership depend on article order and let a group drift
    onto other things the speaker said (one outlet's paraphrase runs on past the quote)."""
    joined: list[list[Quote]] = [[] for _ in clusters]
    if not indirect or not direct:
        return joined
    cluster_of = {i: n for n, cluster in enumerate(clusters) for i in cluster}
    matchable = [own for _, own in indirect]
    for (quote, own), scores in zip(indirect, _scores(direct, matchable), strict=True):
        matched = sorted(
            {
                cluster_of[i]
                for i, score in scores.items()
                if min(_length(direct[i]), _length(own)) >= MIN_GROUP_WORDS
                and _same_utterance(direct[i], own, score)
                and _may_report(quote.speaker, direct[i].speaker)
            }
        )
        for n in matched:
            members = [direct[i] for i in clusters[n]] + joined[n]
            if all(q.article_id != quote.article_id for q in members):
                joined[n].append(quote)
                break
    return joined


def with_entity_speakers(
    groups: Sequence[QuoteGroup], entities: Sequence[Entity]
) -> tuple[QuoteGroup, ...]:
    """``groups`` with each speaker that is a person of the story's ``entities``, by name or
    alias, given as that person's full name: outlets name one person differently ("Obama",
    "John Boehner", "John A. Boehner"), and each name was a heading of its own in "who said
    what". A name two people share as an alias ("Trump": Donald and Melania) is the one of
    them named in every article quoting the group, less those those articles quote by their
    full name (there the surname alone was someone else), else the one of them whose role
    the quoting articles give the speaker ("President Trump", not "first lady Melania
    Trump"); else it stays as it is. A bare office its article left unresolved ("the
    president") is the story's clear holder of it (``_titled_person``)."""
    full_names: dict[str, set[str]] = defaultdict(set)
    named_in: dict[str, set[str]] = {}  # full name -> the articles that name the person
    roles: dict[str, set[str]] = {}  # full name -> the words of the person's role
    for entity in entities:
        if entity.type == "person":
            named_in[entity.name] = {article_id for article_id, _ in entity.mentions}
            roles[entity.name] = _role_words(entity.role or "")
            for name in (entity.name, *entity.aliases):
                full_names[name].add(entity.name)
    quoted_as: dict[str, set[str]] = defaultdict(set)  # speaker -> the articles quoting them
    for group in groups:
        for variant in group.variants:
            quoted_as[variant.speaker or ""].add(variant.article_id)
    renamed = []
    for group in groups:
        names = full_names.get(group.speaker or "", set())
        quoting = {v.article_id for v in group.variants}
        if len(names) > 1:
            names = {name for name in names if quoting <= named_in[name]}
        if len(names) > 1:
            # an article that quotes "Melania Trump" by that name left its "Trump" apart
            names = {n for n in names if not quoting <= quoted_as.get(n, set())} or names
        if len(names) > 1:
            stated = set().union(*(_role_words(v.role or "") for v in group.variants))
            names = {name for name in names if roles[name] & stated} or names
        if not names:
            names = full_names.get(_apposed_name(group.speaker or ""), set())
        if not names:
            names = _titled_person(group.speaker or "", quoting, entities)
        if len(names) == 1 and group.speaker not in names:
            group = replace(group, speaker=next(iter(names)))
        renamed.append(group)
    return tuple(renamed)


# Words that start a phrase inside a description, so that a name after it may be the
# phrase's, not the speaker's ("a lawyer for Roe's accuser, Ann Lind": the accuser).
_PHRASE_WORDS = frozenset({"for", "to", "of", "at", "with", "from", "in", "on", "by", "about"})


def _apposed_name(speaker: str) -> str:
    """The name a description closes on when it names the speaker ("One of Roe's lawyers,
    Ann Lind", "Roe's lawyer, Ann Lind"); "" when a phrase inside it may own the name."""
    description, _, name = speaker.rpartition(", ")
    words = description.lower().split()
    if words[:2] in (["one", "of"], ["some", "of"]):
        words = words[2:]
    return name if words and not _PHRASE_WORDS.intersection(words) else ""


# Offices one person holds at a time, by which news refers back to that person ("the
# president said"); "the senator" or "the spokesman" may be any of several.
_SINGLE_OFFICES = frozenset({"president", "governor", "mayor", "chancellor", "premier", "speaker"})
# Words that make an office another one ("the president" is not the vice president).
_OTHER_OFFICE_WORDS = frozenset(
    {"vice", "deputy", "assistant", "associate", "acting", "former", "lieutenant", "ex"}
)
# The one person of a story holding an office is clear when the story mentions them at
# least this many times as often as any other holder of it.
_CLEAR_HOLDER_RATIO = 2


def _titled_person(speaker: str, quoting: set[str], entities: Sequence[Entity]) -> set[str]:
    """The person a bare office held by one at a time (``_SINGLE_OFFICES``: "the president",
    "the prime minister"), left unresolved in its article, means across the story: of the
    people whose stated role is that office, those named in every quoting article; when
    several are, the one those articles mention most, by a clear margin
    (``_CLEAR_HOLDER_RATIO``). Empty when it is not clear."""
    words = speaker.lower().split()
    if len(words) < 2 or words[0] != "the" or not all(w.isalpha() for w in words):
        return set()
    if words[-1] not in _SINGLE_OFFICES and words[-2:] != ["prime", "minister"]:
        return set()
    office = set(words[1:])
    counts: dict[str, int] = {}
    for entity in entities:
        role = _role_words(entity.role or "") if entity.type == "person" else set()
        named = {article_id: n for article_id, n in entity.mentions if article_id in quoting}
        if office <= role and not (role - office) & _OTHER_OFFICE_WORDS and set(named) == quoting:
            counts[entity.name] = sum(named.values())
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] < _CLEAR_HOLDER_RATIO * ranked[1][1]:
        return set()
    return {ranked[0][0]} if ranked else set()
