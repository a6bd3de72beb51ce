"""Facts and coverage: which sentences of different articles state the same thing.

``align_facts`` groups the informative sentences of one story's articles into facts. Each
sentence becomes a weighted bag of features (content-word lemmas, numbers with and without
the noun they count, and 5-letter lemma prefixes so that "prosecute"/"prosecution" still meet), TF-IDF-weighted over the
story's own sentences: words every article repeats (the story's main names) weigh little,
so two sentences must share what is specific to them to align. Pairs above a similarity
threshold are merged greedily, most similar first, under two rules: a fact holds at most
one sentence per article, and two groups merge only when their average similarity stays
above the threshold (average linkage, so chains of loosely related sentences do not form).
A pair must also share words beyond the story's topic words (those in a few sentences of
every article): a shared "law" and "immigration" is the story, not a fact.
Quoted and reported versions of a statement share their content words and align; near
misses that share only the main names do not.

Lemmas pass through a small hand-written table of news synonyms (``canonical``: "hurt" →
"injure", "houses" → "home", "positions" → "job"), so paraphrases meet without word vectors.

Which sentences are facts: every sentence that has a verb and at least ``MIN_CONTENT_WORDS``
content words and is not boilerplate ("read more", "originally published at" ...). A pure
quote is kept (what someone said is a fact of the story). Sentences stated by one article
only are facts too, supported by one outlet.

Copies (``copies`` maps a copy's id to its original's) are left out of alignment, so a
syndicated article counts once; ``coverage`` still lists the copy's outlet as covering the
facts of its original.

An article that states its lead twice (first without names, then with them) has the two
sentences in two facts; ``restated_facts`` links such facts when they pass the merge test,
so coverage and citations treat an outlet stating either version as stating both.

Outlet labels: an article with no outlet is its own outlet, labelled ``unknown outlet:
<title>`` (or ``unknown outlet (<id>)`` without a title), because two anonymous articles are
not known to come from the same place and must not merge into one column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import combinations
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from .clean import without_dateline
from .model import Article, Citation, Coverage, Fact, Sentence
from .nlp import ParsedArticle
from .outlets import outlet_labels
from .quotes import extract_quotes
from .summary_units import reads_alone
from .text import STOPWORDS

# Calibrated on bench/data/facts_labelled tuning half (s01-s03), pairwise alignment F1:
# F1 0.93-0.94 from 0.15 to 0.20 (0.25: lower); 0.18 is the middle of that plateau.
SIMILARITY_THRESHOLD = 0.18
# Weight of the secondary features (5-letter lemma prefix, so "prosecute" meets
# "prosecution"; a number's order of magnitude, so "3,000" meets "3,200") relative to the
# lemma or exact number.
SECONDARY_WEIGHT = 0.5
PREFIX_LENGTH = 5
# Weight of speaker and reporting-verb words: who said something is not what was said, so
# two different statements by one person must not align on the person's name and title.
ATTRIBUTION_WEIGHT = 0.3
# Weight of the names of people, organisations and places: the story's actors recur in
# sentences that state different things; tuning half F1 was flat between 0.5 and 1.0.
ENTITY_WEIGHT = 0.7
_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Every pair of sentences in a fact must reach this share of the threshold (besides the
# average reaching it): stops chains of sentences that share one topic word (DUC D0601A).
MIN_LINK_SHARE = 0.5
# Unit words: a number's feature is bound to its unit ("#12 percent", "#3 day"), so "a
# 20 percent raise over three years" and "a three-day strike" do not share "#3".
UNIT_WORDS = frozenset(
    [
        "percent",
        "percentage",
        "time",
        "times",
        "year",
        "day",
        "week",
        "month",
        "hour",
        "minute",
        "million",
        "billion",
        "thousand",
        "dollar",
        "cent",
        "mile",
        "foot",
        "inch",
        "per",
    ]
)
# Two sentences must share at least this many lemmas or exact numbers to align: one shared
# word is a topic, not a statement (DUC 2006 D0601A: single shared words chained unrelated
# sentences into one fact; labelled tuning half F1 0.94 with 2 at threshold 0.18, 0.95 with 1).
MIN_SHARED_CORE = 2
# Topic words: core features in at least this many sentences per article of the story
# ("law", "immigration" in a story about a state's immigration law). Two sentences must
# share MIN_SHARED_SPECIFIC core features that are not topic words (a multi-word proper
# name counting once), or one when both state a figure ("3,000 pilots" / "3,200 pilots
# took part"): sentences joined only by the story's topic words state different things.
# Calibrated on the labelled tuning half (pairwise alignment F1 0.900 -> 0.903, flat for
# 2.0-3.0 sentences per article, 1.5: 0.885; 2.5 is the middle) and on the canonical seeds'
# employers story (multi-outlet facts read by hand: 5 of 12 wrong -> 1 of 11).
TOPIC_SENTENCES_PER_ARTICLE = 2.5
MIN_SHARED_SPECIFIC = 2
# Pairs at least this similar need no specific words: a repeated sentence made of topic words
# ("one of them should not chair the party", BASIL) is still one statement. Tuning half F1
# 0.903 from 0.25 to 0.45 (0.2: 0.900, 0.5: 0.899); 0.35 is the middle. The seeds' false
# merges were 0.23-0.26 similar, their true ones 0.33 and above.
EVIDENT_SIMILARITY = 0.35
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "announce",
        "claim",
        "write",
        "argue",
        "insist",
        "warn",
        "note",
        "explain",
        "report",
    ]
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
# Sentences with fewer content words carry no checkable statement ("Read more.").
MIN_CONTENT_WORDS = 3
_BOILERPLATE_RE = re.compile(
    r"\b(read more|originally published|click here|sign up|subscribe|follow us|all rights"
    r" reserved|contributed to this report|copyright)\b",
    re.IGNORECASE,
)


# Words news writers use interchangeably, each mapped to one canonical lemma, so "hurt" meets
# "injured" and "houses" meets "homes" without word vectors. Written by hand from common news
# vocabulary (not from any data set); a word is listed only where its usual news sense is the
# group's sense ("fire" the blaze, not the dismissal, is what most news sentences mean).
_SYNONYM_GROUPS = (
    ("injure", "hurt", "wound", "injury", "injured", "wounded"),
    ("die", "kill", "dead", "death", "killed", "fatality", "fatal", "perish"),
    ("home", "house", "residence", "household", "dwelling"),
    ("job", "position"),
    ("worker", "employee", "staff", "workforce", "staffer", "personnel", "headcount"),
    ("arrest", "detain", "custody", "detention", "apprehend"),
    ("vehicle", "car", "automobile"),
    ("fire", "blaze", "flame", "wildfire", "inferno"),
    ("cut", "eliminate", "slash", "layoff", "axe"),
    ("company", "firm", "carrier", "business", "corporation"),
    ("begin", "start", "launch", "commence"),
    ("close", "shut", "closure", "shutdown", "shutter"),
    ("approve", "pass", "adopt", "endorse"),
    ("increase", "raise", "hike", "rise", "boost"),
    ("decrease", "drop", "decline", "fall", "plunge", "slump"),
    ("buy", "purchase", "acquire", "acquisition"),
    ("investigate", "investigation", "probe", "inquiry"),
    ("steal", "embezzle", "theft", "embezzlement", "rob"),
    ("money", "funds", "fund", "cash"),
    ("destroy", "ruin", "demolish", "wreck", "flatten", "raze", "collapse", "topple"),
    ("strike", "walkout"),
    ("talk", "negotiation", "negotiate"),
    ("child", "kid", "children"),
    ("resign", "quit", "resignation"),
    ("help", "aid", "assist", "assistance"),
    ("law", "legislation", "ordinance", "bill", "statute"),
    ("plant", "factory", "mill", "facility"),
    ("evacuate", "evacuation", "flee"),
    ("cause", "trigger", "spark"),
    ("cancel", "scrap", "cancellation"),
    ("hospital", "hospitalize", "hospitalise"),
    ("day", "daily"),
    ("fine", "penalty"),
    ("doctor", "physician"),
    ("link", "tie", "connect", "attribute"),
)
SYNONYMS = {word: group[0] for group in _SYNONYM_GROUPS for word in group}


def canonical(lemma: str) -> str:
    """The canonical form of a lowercase lemma under the hand-written synonym table."""
    return SYNONYMS.get(lemma, lemma)


@dataclass(frozen=True)
class _Unit:
    """One informative sentence: where it is and its features."""

    article_pos: int
    article_id: str
    sentence: int
    text: str
    features: tuple[tuple[str, float], ...]
    speakers: frozenset[str] = frozenset()
    names: tuple[tuple[str, ...], ...] = ()


def _is_informative(span) -> bool:  # noqa: ANN001 - spaCy Span
    if _BOILERPLATE_RE.search(span.text):
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    return sum(1 for t in span if _is_content(t)) >= MIN_CONTENT_WORDS


def _is_content(token) -> bool:  # noqa: ANN001 - spaCy Token
    if token.text == "%":
        return True
    if token.is_punct or token.is_space or token.pos_ in ("PRON", "DET", "ADP", "CCONJ", "PART"):
        return False
    if token.dep_ == "prep":
        return False  # a verb form used as a preposition: "following reports", "including"
    lower = token.lower_
    return token.like_num or (token.is_alpha and lower not in STOPWORDS and not token.is_stop)


def attribution_tokens(span) -> set[int]:  # noqa: ANN001 - spaCy Span
    """Token indexes of "who said it": reporting verbs and their speaker phrases."""
    found: set[int] = set()
    for token in span:
        if (
            token.lower_ == "according" and token.nbor(1).lower_ == "to"
            if token.i + 1 < len(token.doc)
            else False
        ):
            found.update(t.i for t in token.subtree)
            found.update(t.i for t in token.nbor(1).subtree)
    for verb, subjects in _reports(span):
        found.add(verb.i)
        for subject in subjects:
            found.update(t.i for t in subject.subtree)
    return found


def _reports(span) -> list[tuple[Any, list[Any]]]:  # noqa: ANN001 - spaCy Span
    """Each reporting verb in ``span`` with its subjects, the speaker phrases (the noun
    "state" of "state law", or "report", reports nothing)."""
    return [
        (token, [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")])
        for token in span
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX")
    ]


def _number_value(token) -> float | None:  # noqa: ANN001 - spaCy Token
    text = token.lower_.replace(",", "")
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _unit_of(token) -> str:  # noqa: ANN001 - spaCy Token
    """What a number counts: the unit after it ("12 percent", "three-day") or its noun."""
    doc = token.doc
    for offset in (1, 2):
        if token.i + offset < len(doc):
            nxt = doc[token.i + offset]
            if nxt.text == "-":
                continue
            lemma = "percent" if nxt.text == "%" else nxt.lemma_.lower()
            if lemma in UNIT_WORDS:
                return lemma
            break
    return token.head.lemma_.lower() if token.head.pos_ == "NOUN" else ""


def _word(token) -> str:  # noqa: ANN001 - spaCy Token
    """A content word's feature name: its canonical lemma, with "lost their lives" read as
    "die" (the phrase, not the words, is what news writers vary)."""
    lemma = token.lemma_.lower()
    if lemma == "lose" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in token.children
    ):
        return "die"
    if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() == "lose":
        return "die"
    return canonical(lemma)


# Nouns naming people in general. Here a count of them ("3,000 people") is no evidence that
# two sentences count the same thing; in ``quantity_compare`` such a subject may be the same
# people as any other subject ("two people died" / "two passengers were killed").
GENERIC_PEOPLE = frozenset({"people", "person", "individual"})
# A count's noun without its figure ("#? firefighter") is a core feature: two sentences that
# count the same thing state one fact, the figures perhaps conflicting (facts_labelled
# s01-s27 alignment F1 0.899 -> 0.903: tune 0.902 -> 0.899, held-out 0.895 -> 0.908; DUC 2006
# D0601-D0612 number conflicts 10 -> 12). Nouns too general to tie two counts together
# ("3,000 people" evacuated, "4,500 people" living nearby) are left out.
_GENERIC_COUNTS = GENERIC_PEOPLE | {"time", "thing"}


def _features(span) -> dict[str, float]:  # noqa: ANN001 - spaCy Span
    """Weighted features: content lemmas, numbers (exact and order of magnitude)."""
    attribution = attribution_tokens(span)
    features: dict[str, float] = {}
    for token in span:
        if not _is_content(token):
            continue
        weight = ATTRIBUTION_WEIGHT if token.i in attribution else 1.0
        if token.ent_type_ in _ACTOR_ENTITIES:
            weight *= ENTITY_WEIGHT
        value = _number_value(token) if token.like_num else None
        if value is not None and value <= 1:
            continue  # "one" is mostly a pronoun ("one of", "no one"), not a figure
        if value is not None:
            unit = _unit_of(token)
            names = [f"#{value:g} {unit}", f"~{float(f'{value:.1g}'):g}"]
            if unit not in UNIT_WORDS:
                names.append(f"#{value:g}")  # "23 survivors" and "23 people": one count
                if unit and unit not in _GENERIC_COUNTS:
                    # A count of the same thing, whatever the figure: "214 passengers" and
                    # "230 passengers" state one fact, perhaps with conflicting numbers.
                    names.append(f"#? {canonical(unit)}")
        else:
            names = ["percent" if token.text == "%" else _word(token)]
            if len(names[0]) > PREFIX_LENGTH:
                names.append(names[0][:PREFIX_LENGTH] + "~")
        for rank, name in enumerate(names):
            features[name] = features.get(name, 0.0) + weight * (
                1.0 if rank == 0 else SECONDARY_WEIGHT
            )
    return features


def _shared_core(
    units: Sequence[_Unit],
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, frozenset[str]]:
    """How many core features (lemmas and exact numbers, no units) each pair shares, all
    of them and the specific ones; and the story's topic words (``_topic_columns``)."""
    core = [
        {name: 1 for name, _ in u.features if name[0] != "~" and name[-1] != "~"} for u in units
    ]
    vectorizer = DictVectorizer()
    binary = vectorizer.fit_transform(core).tocsc()
    topic = _topic_columns(binary, len({u.article_pos for u in units}))
    specific = binary[:, ~topic].tocsr()
    binary = binary.tocsr()
    topic_words = frozenset(np.asarray(vectorizer.feature_names_, dtype=object)[topic])
    return (binary @ binary.T).tocsr(), (specific @ specific.T).tocsr(), topic_words


def _name_excess(a: _Unit, b: _Unit, topic: frozenset[str]) -> int:
    """Specific words ``a`` and ``b`` share beyond one per multi-word name: "Worker
    Protection Act" in both is one piece of evidence, not three."""
    shared = {n for n, _ in a.features}.intersection(n for n, _ in b.features) - topic
    return sum(max(0, len(shared.intersection(name)) - 1) for name in set(a.names) | set(b.names))


def _topic_columns(binary: sparse.csc_matrix, articles: int) -> np.ndarray:
    """Features in at least ``TOPIC_SENTENCES_PER_ARTICLE`` sentences per article of the
    story: its topic words ("law", "immigration"), which every near miss shares."""
    counts = np.asarray(binary.sum(axis=0)).ravel()
    return counts >= TOPIC_SENTENCES_PER_ARTICLE * articles


def _units(parsed: Sequence[ParsedArticle]) -> list[_Unit]:
    return [
        _Unit(pos, article.id, index, text, features, speakers, names)
        for pos, article in enumerate(parsed)
        for index, text, features, speakers, names in article.memo(
            "facts.units", partial(_article_units, article)
        )
    ]


def named_speakers(span) -> frozenset[str]:  # noqa: ANN001 - spaCy Span
    """Lowercase proper nouns of the subject of a reporting verb ("Warren Pike told a radio
    host"); empty when the sentence names no speaker ("she said", "officials said", or no
    attribution). Proper nouns, not PERSON entities: the small model misses rare names."""
    return frozenset(
        t.lower_
        for _, subjects in _reports(span)
        for subject in subjects
        for t in _name_part(subject)
        if t.pos_ == "PROPN"
    )


# Links that stay inside the speaker's name ("Mayor Ruth Okafor", "the mayor, Ruth Okafor",
# "Ana Ferrow and Luis Bettany"); a possessive or a prepositional phrase names someone else
# ("California's top law officer", "the head of Harlow Health").
_NAME_LINKS = frozenset({"compound", "appos", "flat", "conj"})


def _name_part(subject):  # noqa: ANN001, ANN202 - spaCy Token
    """The subject's head and the words linked to it by ``_NAME_LINKS``, transitively."""
    found, stack = [], [subject]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in _NAME_LINKS)
    return found


def _multiword_names(span) -> tuple[tuple[str, ...], ...]:  # noqa: ANN001 - spaCy Span
    """The feature names of each run of two or more proper nouns ("Worker Protection Act",
    "Jerry Brown"): one name is one piece of evidence, however many words it has. Runs of
    proper nouns, not entities: the small model leaves many laws and bodies untagged."""
    names, run = [], []
    for token in [*span, None]:
        if token is not None and token.pos_ == "PROPN" and _is_content(token):
            run.append(_word(token))
            continue
        if len(set(run)) > 1:
            names.append(tuple(dict.fromkeys(run)))
        run = []
    return tuple(names)


def _different_speakers(a: _Unit, b: _Unit) -> bool:
    """Two sentences whose named speakers share no name are two statements, however alike
    their words ("X said federal law comes first" / "Y said it does not")."""
    return bool(a.speakers and b.speakers and not a.speakers & b.speakers)


def _article_units(
    article: ParsedArticle,
) -> tuple[
    tuple[int, str, tuple[tuple[str, float], ...], frozenset[str], tuple[tuple[str, ...], ...]],
    ...,
]:
    """(sentence index, text, features, named speakers, names) of each informative sentence;
    kept on the article, since align_facts and sentence_similarity (quantities) both need
    them."""
    units = []
    quoted = quoted_speakers(article)
    for sentence in article.sentences:
        span = article.sentence_span(sentence.index)
        if span is None or not _is_informative(span):
            continue
        units.append(
            (
                sentence.index,
                sentence.text,
                tuple(_features(span).items()),
                named_speakers(span) or quoted.get(sentence.index, frozenset()),
                _multiword_names(span),
            )
        )
    return tuple(units)


def quoted_speakers(article: ParsedArticle) -> dict[int, frozenset[str]]:
    """Lowercase words of the speaker's name (as the quotes stage resolves it) of each
    sentence that reports someone's words, for sentences ``named_speakers`` leaves empty: a
    reported statement whose verb is not a plain reporting verb ("X reassured residents that
    ..."), and a sentence that is mostly a direct quotation's continuation ("... we are there
    to help them.”), are their speaker's statements as much as "X said ..." is. Only names
    count ("Nadia Brandt", "Trellon"), as in ``named_speakers``: "the company" may be the
    firm another outlet names."""
    proper = frozenset(t.text for t in article.doc if t.pos_ == "PROPN")
    ends = [sentence.end for sentence in article.sentences]
    found: dict[int, frozenset[str]] = {}
    for quote in extract_quotes(article):
        words = _name_words(quote.speaker or "", proper)
        if not words or quote.kind == "partial":
            continue
        if quote.kind == "indirect":
            found.setdefault(quote.sentence, words)
            continue
        pieces = quote.spans or ((quote.start, quote.end),)
        for index in _mostly_quoted(article.sentences, ends, pieces):
            found.setdefault(index, words)
    return found


def _mostly_quoted(
    sentences: Sequence[Sentence], ends: Sequence[int], pieces: Sequence[tuple[int, int]]
) -> list[int]:
    """Indexes of the sentences at least half inside the quotation ``pieces`` (char ranges).
    Only the sentences that overlap them are read (``ends``: each sentence's end, in text
    order), not the whole article once per quotation."""
    last = max(end for _, end in pieces)
    found = []
    for k in range(bisect_right(ends, min(start for start, _ in pieces)), len(sentences)):
        sentence = sentences[k]
        if sentence.start >= last:
            break
        inside = sum(
            max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in pieces
        )
        if inside * 2 >= sentence.end - sentence.start:
            found.append(sentence.index)
    return found


def _name_words(speaker: str, proper: frozenset[str]) -> frozenset[str]:
    """The lowercase words of ``speaker`` when it is a name: every word capitalised and
    the last one a proper noun of the article (not "The company" or "Prosecutors")."""
    words = speaker.split()
    if not words or not all(w[:1].isupper() for w in words) or words[-1] not in proper:
        return frozenset()
    return frozenset(w.lower() for w in words)


def _vectors(units: Sequence[_Unit]) -> sparse.csr_matrix:
    """Row-normalized TF-IDF vectors of the weighted features (IDF over this story)."""
    counts = DictVectorizer().fit_transform([dict(u.features) for u in units])
    return normalize(TfidfTransformer().fit_transform(counts).tocsr())


def sentence_similarity(
    parsed: Sequence[ParsedArticle],
) -> tuple[dict[tuple[str, int], int], np.ndarray]:
    """Cosine similarity of the informative sentences of one story, on the features the
    aligner uses: (article id, sentence index) → row, and the dense similarity matrix."""
    units = _units(parsed)
    if not units:
        return {}, np.zeros((0, 0))
    rows = {(u.article_id, u.sentence): k for k, u in enumerate(units)}
    return rows, _similarity(parsed, units)[1].copy()


# The last story's similarity matrices, keyed on its articles' memoised units (held here,
# so no other story's can share their ids): align_facts and then sentence_similarity (for
# quantities) ask for the same story's, and building them twice cost 0.08 CPU-s on the
# largest DUC 2006 cluster.
_last_similarity: list[tuple[tuple[Any, ...], sparse.csr_matrix, np.ndarray]] = []


def _similarity(
    parsed: Sequence[ParsedArticle], units: Sequence[_Unit]
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Cosine similarity of ``units`` (``_units(parsed)``), sparse and dense."""
    key = tuple(article.memo("facts.units", partial(_article_units, article)) for article in parsed)
    for last_key, sim, dense in list(_last_similarity):
        if len(last_key) == len(key) and all(a is b for a, b in zip(last_key, key, strict=True)):
            return sim, dense
    vectors = _vectors(units)
    sim = sparse.csr_matrix(vectors @ vectors.T)
    dense = sim.toarray()
    _last_similarity[:] = [(key, sim, dense)]
    return sim, dense


def _candidate_pairs(
    units: Sequence[_Unit], sim: sparse.csr_matrix
) -> list[tuple[float, int, int]]:
    """Pairs (similarity, i, j), i < j, of different articles above the threshold that share
    at least ``MIN_SHARED_CORE`` core features, of which ``MIN_SHARED_SPECIFIC`` are not the
    story's topic words (one, when both sentences state a figure; none at
    ``EVIDENT_SIMILARITY``)."""
    coo = sparse.triu(sim, k=1).tocoo()
    articles = np.array([u.article_pos for u in units])
    keep = (coo.data >= SIMILARITY_THRESHOLD) & (articles[coo.row] != articles[coo.col])
    if keep.any():
        shared, specific, topic = _shared_core(units)
        pairs = coo.row[keep], coo.col[keep]
        common = np.asarray(specific[pairs]).ravel()
        for k in np.flatnonzero(common >= MIN_SHARED_SPECIFIC):
            a, b = units[pairs[0][k]], units[pairs[1][k]]
            if a.names or b.names:
                common[k] -= _name_excess(a, b, topic)
        figures = np.array([any(name[0] == "#" for name, _ in u.features) for u in units])
        keep[keep] = (np.asarray(shared[pairs]).ravel() >= MIN_SHARED_CORE) & (
            (coo.data[keep] >= EVIDENT_SIMILARITY)
            | (common >= MIN_SHARED_SPECIFIC)
            | ((common >= 1) & figures[pairs[0]] & figures[pairs[1]])
        )
    rows, cols, data = coo.row[keep], coo.col[keep], coo.data[keep]
    order = np.lexsort((cols, rows, -data))
    return [(float(data[k]), int(rows[k]), int(cols[k])) for k in order]


def _cluster(
    units: Sequence[_Unit], sim: sparse.csr_matrix, dense: np.ndarray
) -> list[list[int]]:
    """Greedy average-linkage merging, one sentence per article per cluster. ``dense`` is
    ``sim.toarray()``: reading its rows costs nothing, where ``sim.getrow(k).toarray()``
    was a third of align_facts' CPU on the largest DUC 2006 cluster."""
    owner = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    for _, i, j in _candidate_pairs(units, sim):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        if {units[k].article_pos for k in members[a]} & {units[k].article_pos for k in members[b]}:
            continue
        if not _may_merge(units, dense, members[a], members[b]):
            continue
        members[a].extend(members.pop(b))
        for k in members[a]:
            owner[k] = a
    return [sorted(group) for group in members.values()]


def _may_merge(
    units: Sequence[_Unit], dense: np.ndarray, left: Sequence[int], right: Sequence[int]
) -> bool:
    """Average linkage: two groups state one fact when no two of their sentences name
    different speakers, their cross similarities average ``SIMILARITY_THRESHOLD`` and none
    falls below ``MIN_LINK_SHARE`` of it."""
    if any(_different_speakers(units[k], units[m]) for k in left for m in right):
        return False
    cross = dense[np.ix_(left, right)]
    return bool(
        cross.mean() >= SIMILARITY_THRESHOLD
        and cross.min() >= SIMILARITY_THRESHOLD * MIN_LINK_SHARE
    )


# A fact's members may state it more or less closely (a group is joined on average
# similarity): the wording shown for it is chosen among the members whose mean similarity to
# the others reaches this share of the most central one's. Read on three AllSides stories:
# loose members (0.40-0.64 of the best) stated something else ("It is the first time ..."
# for a whistleblower's complaint), close ones (0.76-0.96) the same thing in other words.
CLOSE_SHARE = 0.75


def _close(group: Sequence[int], dense: np.ndarray) -> list[int]:
    """The members of ``group`` that state it closely (``CLOSE_SHARE``), most central first
    (in group order on ties); ``dense``: the similarity matrix as an array."""
    if len(group) <= 2:
        return list(group)
    block = dense[np.ix_(group, group)]
    centrality = block.sum(axis=1) - block.diagonal()  # (a sentence's likeness to itself apart)
    order = sorted(range(len(group)), key=lambda k: -centrality[k])
    best = centrality[order[0]]
    return [group[k] for k in order if centrality[k] >= CLOSE_SHARE * best]


def _representative(group: Sequence[int], dense: np.ndarray, units: Sequence[_Unit]) -> int:
    """The most central of the members that state the fact closely and read well on their
    own (``summary_units.reads_alone``), when one does: a fact's row is read out of its
    article, so "It says the ferry sank" gives way to another outlet's "The coast guard
    says the ferry sank"."""
    close = _close(group, dense)
    return next((k for k in close if reads_alone(without_dateline(units[k].text))), close[0])


def close_wordings(
    fact: Fact, rows: Mapping[tuple[str, int], int], dense: np.ndarray
) -> tuple[Citation, ...]:
    """The sentences supporting ``fact`` that state it closely (``CLOSE_SHARE``), most
    central first: the wordings it may be shown in. ``rows`` and ``dense``: the story's
    ``sentence_similarity`` (of the articles that are not copies)."""
    keys = [(c, (c.article_id, c.sentence)) for c in fact.support]
    members = {rows[key]: c for c, key in keys if key in rows}
    return tuple(members[k] for k in _close(list(members), dense)) or fact.support


def align_facts(
    parsed: Sequence[ParsedArticle], copies: Mapping[str, str] | None = None
) -> tuple[Fact, ...]:
    """Facts of one story, most widely supported first (then by first appearance)."""
    copies = copies or {}
    originals = [p for p in parsed if p.id not in copies]
    units = _units(originals)
    if not units:
        return ()
    sim, dense = _similarity(originals, units)
    groups = _cluster(units, sim, dense)
    groups.sort(key=lambda g: (-len(g), units[g[0]].article_pos, units[g[0]].sentence))
    labels = outlet_labels([p.article for p in originals])
    facts = []
    for number, group in enumerate(groups, start=1):
        support = tuple(Citation(units[k].article_id, units[k].sentence) for k in group)
        outlets = tuple(dict.fromkeys(labels[units[k].article_id] for k in group))
        # (a wire dateline opening the sentence belongs to its article, not to the fact)
        text = without_dateline(units[_representative(group, dense, units)].text)
        facts.append(Fact(f"f{number}", text, support, outlets))
    return tuple(facts)


# A lead and its restatement: news articles often state their main fact twice, first without
# names and then with them ("the state's top law officer warned employers ..." then "Attorney
# General X told reporters that businesses ..."). A fact holds one sentence per article, so
# the two land in different facts, each aligned with other outlets' sentences; a summary
# sentence from either fact must still cite the outlets that state it in the other's words.
# Only an article's first ``LEAD_SENTENCES`` sentences count as such a pair: on
# bench/data/facts_labelled (no article there states a fact twice) this adds no citation,
# where any two sentences of an article added 3-34 wrong ones. ``RESTATED_MIN_SIMILARITY``:
# each sentence cited this way must also resemble the citing sentence itself; over 100 BASIL
# triplets and 12 DUC 2006 clusters it drops 6 wrong citations (three pairs at 0.095-0.108)
# and keeps right ones from 0.126 up, the seeds' at 0.164. What it adds there, read by hand:
# summary_support.py.
LEAD_SENTENCES = 2
RESTATED_MIN_SIMILARITY = 0.12


def restated_facts(
    parsed: Sequence[ParsedArticle], facts: Sequence[Fact]
) -> dict[str, frozenset[str]]:
    """Fact id → ids of the facts that restate it: pairs of facts each holding one of the
    first ``LEAD_SENTENCES`` sentences of one article (that article stated its lead twice)
    that pass the aligner's merge test (``_may_merge``), so only the one-sentence-per-article
    rule kept them apart, and that tell no further act (``_further_act``). ``parsed``: the
    articles ``facts`` were aligned on."""
    holding: dict[str, list[Fact]] = {}  # article id -> the facts holding its leads
    for fact in facts:
        for c in fact.support:
            if c.sentence < LEAD_SENTENCES:
                holding.setdefault(c.article_id, []).append(fact)
    pairs = {
        (a.id, b.id): (a, b) for held in holding.values() for a, b in combinations(held, 2)
    }
    if not pairs:
        return {}
    units = _units(parsed)
    dense = _similarity(parsed, units)[1]
    row = {Citation(u.article_id, u.sentence): k for k, u in enumerate(units)}
    links: dict[str, set[str]] = {}
    articles = {p.id: p for p in parsed}
    for a, b in pairs.values():
        if any(c not in row for c in (*a.support, *b.support)):
            continue  # facts aligned on other articles than ``parsed``
        if any(_further_act(articles[c.article_id], c.sentence) for c in (*a.support, *b.support)):
            continue
        if _may_merge(units, dense, [row[c] for c in a.support], [row[c] for c in b.support]):
            links.setdefault(a.id, set()).add(b.id)
            links.setdefault(b.id, set()).add(a.id)
    return {fact_id: frozenset(linked) for fact_id, linked in links.items()}


def _further_act(article: ParsedArticle, index: int) -> bool:
    """Sentence ``index`` reports an act besides one told before: "also" or "too" on its
    main verb ("the committee has also issued subpoenas"). Over 100 BASIL triplets the
    restated-lead citations through such sentences were all wrong (8: a second set of
    subpoenas told beside the first), and none right."""
    span = article.sentence_span(index)
    if span is None:
        return False
    root = span.root
    return any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in root.children)


def with_restated(
    facts: Sequence[Fact], links: Mapping[str, frozenset[str]]
) -> tuple[Fact, ...]:
    """``facts``, each carrying the ids of the facts that restate it (``Fact.restated``,
    sorted) from ``links`` (``restated_facts``): what coverage, the summary's citations and
    the timeline read."""
    return tuple(replace(f, restated=tuple(sorted(links.get(f.id, ())))) for f in facts)


def restated_lead(
    parsed: Sequence[ParsedArticle],
    facts: Sequence[Fact],
    citation: Citation,
    restated: Mapping[str, frozenset[str]],
) -> tuple[Citation, ...]:
    """Sentences of other articles that state what ``citation`` states in a fact restating
    its own (``restated``: ``restated_facts(parsed, facts)``), each at least
    ``RESTATED_MIN_SIMILARITY`` similar to it."""
    own = next((f for f in facts if citation in f.support), None)
    linked = restated.get(own.id, frozenset()) if own else frozenset()
    if not linked:
        return ()
    units = _units(parsed)
    dense = _similarity(parsed, units)[1]
    row = {Citation(u.article_id, u.sentence): k for k, u in enumerate(units)}
    here = row[citation]
    return tuple(
        c
        for fact in facts
        if fact.id in linked
        for c in fact.support
        if c.article_id != citation.article_id and dense[here, row[c]] >= RESTATED_MIN_SIMILARITY
    )


def coverage(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    copies: Mapping[str, str] | None = None,
) -> Coverage:
    """Facts × outlets, with what each outlet alone reports and what it leaves out.

    A copy's outlet covers its original's facts (it published them) but is not an
    independent source: exclusive and omitted facts are computed from originals only.
    With fewer than two independent outlets nothing is exclusive: "only it reports"
    needs another outlet that could have reported it. An outlet that reports a fact
    restating another (``Fact.restated``, see ``with_restated``) reports that one too (on
    the seeds, an outlet that gave the attorney general's warning in other words was said to
    leave it out).
    """
    copies = copies or {}
    labels = outlet_labels(articles)
    outlets = tuple(dict.fromkeys(labels[a.id] for a in articles))
    known = {a.id for a in articles}
    copy_outlets: dict[str, set[str]] = {}
    for copy_id, original_id in copies.items():
        if copy_id in known:
            copy_outlets.setdefault(original_id, set()).add(labels[copy_id])
    by_id = {f.id: f for f in facts}
    stating = {
        f.id: [c for g in (f.id, *f.restated) if g in by_id for c in by_id[g].support]
        for f in facts
    }
    independent = {
        fact_id: {labels[c.article_id] for c in support if c.article_id in labels}
        for fact_id, support in stating.items()
    }
    matrix = []
    for fact in facts:
        reporting = set(independent[fact.id])
        for citation in stating[fact.id]:
            reporting |= copy_outlets.get(citation.article_id, set())
        matrix.append((fact.id, tuple(o for o in outlets if o in reporting)))
    sources = tuple(dict.fromkeys(labels[a.id] for a in articles if a.id not in copies))
    exclusive = (
        tuple((o, tuple(f.id for f in facts if independent[f.id] == {o})) for o in sources)
        if len(sources) > 1
        else ()
    )
    omitted = tuple((o, _omitted_by(o, sources, facts, independent)) for o in sources)
    return Coverage(outlets, tuple(matrix), exclusive, omitted)


def _omitted_by(
    outlet: str, sources: Sequence[str], facts: Sequence[Fact], independent: Mapping[str, set[str]]
) -> tuple[str, ...]:
    """Facts that more than half of the other outlets report and ``outlet`` does not."""
    others = len(sources) - 1
    if others < 1:
        return ()
    return tuple(
        f.id
        for f in facts
        if outlet not in independent[f.id] and len(independent[f.id]) * 2 > others
    )
