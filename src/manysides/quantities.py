"""Quantities: numbers with their qualifier and subject, compared across outlets.

``extract_quantities`` finds money, percentages, counts, durations, measures and dates in
each sentence: ``quantity_patterns`` reads the number as written ("$1.5 million", "three-day",
"Forty-five", "from $5,000 to $10,000", "March 1, 2025") with the qualifier in front of it
("up to", "more than", "nearly" ...); spaCy's entities decide whether a bare number is a
quantity at all (so "Route 9" or "AB 450" are not), and its dependency parse gives the
subject — the noun the number counts or modifies ("immigrants", "fine"), or for a number
attached to a verb, that verb's noun ("fine violators up to $5,000" → "fine");
``quantity_scope`` reads the years, places, people, agent and forecast wording of its sentence.

``compare_quantities`` extracts the figures of a story's articles and hands them to
``quantity_compare``, which groups figures about the same thing and flags conflicts
(interval semantics, comparability and scope rules are described there).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from itertools import takewhile

from .facts import align_facts, canonical
from .model import Fact, Quantity, QuantityGroup
from .nlp import ParsedArticle
from .quantity_compare import (
    _AMOUNT_VERBS,
    _CHANGE_NOUNS,
    _MONEY_NOUNS,
    _RELATIVE_SET_WORDS,
    _UNIT_NOUNS,
    _Frame,
    compare_frames,
)
from .quantity_patterns import (
    ANY_NUMBER_RE,
    UNDATED,
    amount_matches,
    date_matches,
    magnitude_matches,
    vote_matches,
)
from .quantity_scope import (
    FIRST_PERSON_RE,
    TOTAL_RE,
    agent,
    is_projection,
    named_persons,
    scope,
)

_PART = "<part>"
# Prison terms: a duration followed within ``PRISON_WINDOW`` tokens by one of these words
# is the sentence served ("six years in prison", "five years behind bars"); hand-set.
_PRISON_WORDS = {"prison", "jail", "bar", "imprisonment", "custody"}
PRISON_WINDOW = 3
# Counted things news writers use for one another in one story: the jobs cut are the
# workers laid off; the homes without power are the utility's customers.
_SAME_MEASURE = {
    "job": "worker", "customer": "home", "apartment": "home", "flat": "home", "truck": "vehicle",
    "pickup": "vehicle", "quake": "earthquake", "epicentre": "epicenter", "centre": "epicenter",
}  # fmt: skip
# Verbs that carry no event of their own: a quantity under them is compared on its subject.
_LIGHT_VERBS = {"be", "have", "become", "remain", "amount", "total", "reach", "stand", "put",
                "get", "take", "make", "do", "say", "tell", "report", "estimate", "show",
                "include", "number", "give", "see", "leave", "bring", "go", "come", "keep"}  # fmt: skip
_CARRIER_VERBS = {"suffer", "sustain", "receive"}
# Verbs of change: a quantity after their "to" is the level reached ("raise the fare to $3",
# "the price will rise to $90"), so the changed thing is the subject and the verb says nothing
# of its own (the change's size comes with "by": "rose by 14 percent").
_REACH_VERBS = {"raise", "increase", "rise", "climb", "jump", "grow", "boost", "hike", "go",
                "cut", "lower", "reduce", "fall", "drop", "decline", "decrease", "lift", "bring"}  # fmt: skip
# Verbs of falling into a state ("fell ill", "fell silent") say "became", not "decreased".
_STATE_WORDS = {"ill", "sick", "silent", "asleep", "unconscious", "short", "victim"}
_CHANGE_VERBS = {
    "increase",
    "decrease",
    "grow",
    "climb",
    "jump",
    "double",
    "soar",
    "surge",
    "change",
    "plummet",
}
_ENTITY_LABELS = ("MONEY", "CARDINAL", "PERCENT", "QUANTITY", "DATE", "TIME")
_CONDITION_WORDS = {
    "first",
    "second",
    "third",
    "subsequent",
    "repeat",
    "each",
    "every",
    "later",
    "additional",
    "further",
}

# How far left of a money amount to look for its amount word (tokens); a hand-set guess
# covering "fine landlords who break the rule up to $X", not tuned on data.
MONEY_WINDOW = 6


def _not_a_figure(span) -> bool:  # noqa: ANN001 - spaCy Span
    """Numbers that are not amounts: "no one", "10 times", "per 1,000", "two-thirds", ages."""
    doc, last = span.doc, span[-1]
    after = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in ("times", "-") or before in ("per", "aged", "age", "no"):
        return True
    two_before = doc[span.start - 2].lower_ if span.start > 1 else ""
    if (before, two_before) in (("of", "out"), ("in", "one"), ("in", "1")):
        return True  # "1 out of 500", "one in 250": a rate, not a count
    if _denominator(span):
        return True  # "75 of the 125 seats": the whole a part is counted against
    root = span.root
    return root.lower_ == "one" and root.dep_ != "nummod"


def _denominator(span) -> bool:  # noqa: ANN001 - spaCy Span
    """The whole after a part ("won 75 of the 125 seats", "five of 12 jurors"): a number
    after "of" (or "of the") that follows another number."""
    doc, start = span.doc, span.start
    words = [t.lower_ for t in doc[max(0, start - 3) : start]]
    if words[-2:] == ["of", "the"]:
        part = start - 3
    elif words[-1:] == ["of"]:
        part = start - 2
    else:
        return False
    return part >= 0 and doc[part].like_num


def _counts_noun(span) -> bool:  # noqa: ANN001 - spaCy Span
    """A number that counts the noun after it ("Eleven passengers"), which the entity
    recognizer sometimes leaves unlabelled at the start of a sentence."""
    root = span.root
    return (
        root.like_num
        and root.dep_ == "nummod"
        and root.head.pos_ == "NOUN"
        and root.head.i > root.i
    )


def _is_label(span) -> bool:  # noqa: ANN001 - spaCy Span
    """A bare number that follows the noun it belongs to names something ("Route 9",
    "Highway 12", "routes 4 and 11"); a count comes before its noun ("12 highways")."""
    root = span.root
    if root.dep_ == "conj" and root.head.like_num:
        root = root.head
    return (
        root.head.i < root.i and root.head.pos_ in ("NOUN", "PROPN") and root.i - root.head.i <= 2
    )


def _verb_noun(verb) -> str:  # noqa: ANN001 - spaCy Token
    """What an amount attached to ``verb`` is about: the verb itself for amount verbs,
    else its subject (or object) noun."""
    if (word := _amount_word(verb)) in _AMOUNT_VERBS:
        return word
    # "The strike is planned to last two days": "last" has no subject of its own.
    governors = [verb, verb.head] if verb.dep_ in ("xcomp", "advcl") else [verb]
    for governor in governors:
        for dep in ("nsubj", "nsubjpass", "dobj"):
            for child in governor.children:
                if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN"):
                    return child.lemma_.lower()
    return verb.lemma_.lower()


def _of_complement(span) -> str:  # noqa: ANN001 - spaCy Span
    """The noun after "of" that a percentage, duration or part counts ("8 percent of its
    staff", "two years of credit monitoring"); ``_PART`` for "five of them"."""
    for token in span:
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PRON":
                    return _PART
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj.lemma_.lower()
    return ""


def _money_in(span) -> str:  # noqa: ANN001 - spaCy Span
    """The money noun of "in <money noun>" right after an amount ("pay $150 more a year in
    property taxes" → "tax"), which names the amount better than a verb like "pay"."""
    doc = span.doc
    window = doc[span.end : min(span.sent.end, span.end + MONEY_WINDOW)]
    for token in window:
        if token.lower_ == "in":
            for noun in doc[token.i + 1 : min(window.end, token.i + 4)]:
                word = _money_noun(noun)
                if noun.pos_ == "NOUN" and word:
                    return word
    return ""


_AMOUNT_WORDS = _MONEY_NOUNS | _AMOUNT_VERBS


def _listed_word(token, words: Collection[str], endings: Sequence[str]) -> str:  # noqa: ANN001 - spaCy Token
    """The word of ``words`` a token is, by its lemma or, where the small model mislemmatizes
    an inflected form, by its text less one of ``endings``; "" for any other word."""
    lower = token.lower_
    for word in (token.lemma_.lower(), lower, *(lower.removesuffix(e) for e in endings)):
        if word in words:
            return word
    return ""


def _amount_word(token) -> str:  # noqa: ANN001 - spaCy Token
    """The amount verb or money noun a token is, also by an inflected form the small model
    mislemmatizes ("fined" → "fin")."""
    return _listed_word(token, _AMOUNT_WORDS, ("d", "ed", "s"))


def _money_noun(token) -> str:  # noqa: ANN001 - spaCy Token
    """The money noun a token is, also by its plural (the small model lemmatizes "taxes" as
    "taxis")."""
    return _listed_word(token, _MONEY_NOUNS, ("s", "es"))


def _reach_verb(span):  # noqa: ANN001, ANN202 - spaCy Span -> Token | None
    """The change verb whose "to" the quantity follows ("raise the fare to $2.75", "will go up
    to $95"): the quantity is the level reached. None otherwise."""
    root = span.root
    head = root.head
    if head.lower_ == "to" and head.dep_ == "prep":
        head = head.head  # "rise to $90"
        if head.pos_ == "NOUN" and head.dep_ == "dobj":
            head = head.head  # "raise adult admission to $18": "to" hangs from the object
    elif not any(t.lower_ == "to" for t in span) and not (
        span.start and span.doc[span.start - 1].lower_ == "to"
    ):
        return None  # "went up 18 percent": the size of the change
    if head.pos_ == "VERB" and head.lemma_.lower() in _REACH_VERBS:
        return head
    return None


def _changed_by(noun, span) -> str:  # noqa: ANN001 - spaCy Token and Span
    """What a change noun's figure changes ("an 18 percent fall in bread sales" → "sale",
    "the 14 percent rent increase" → "rent"); "" when the noun is no change noun."""
    if noun.lemma_.lower() not in _CHANGE_NOUNS:
        return ""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj.lemma_.lower()
    for child in noun.children:
        if (
            child.dep_ == "compound"
            and child.pos_ == "NOUN"
            and not span.start <= child.i < span.end
            and child.lemma_.lower() not in _UNIT_NOUNS
        ):
            return child.lemma_.lower()
    return ""


def _changed_thing(verb) -> str:  # noqa: ANN001 - spaCy Token
    """What a change verb changes: its object ("raise the fare") or its subject ("the price
    will rise"); "" when it has neither as a noun."""
    for dep in ("dobj", "nsubj", "nsubjpass"):
        for child in verb.children:
            if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN"):
                return child.lemma_.lower()
    return ""


def _state_degree(span) -> str:  # noqa: ANN001 - spaCy Span
    """The state a percentage measures the degree of ("40 percent contained" → "contain",
    "80 percent complete"), which names the figure better than the sentence's subject."""
    for child in span.root.children:
        if child.dep_ in ("acl", "amod") and child.i == span.end and child.tag_ in ("VBN", "JJ"):
            return child.lemma_.lower()
    return ""


def _subject(span, money: bool = False) -> str:  # noqa: ANN001 - spaCy Span
    """The noun phrase head a quantity measures (lemma), found by climbing the parse; for
    money, a nearby amount word to the left ("fine", "pay") wins, as the small model often
    attaches the amount to the wrong verb, except an amount verb before "in <money noun>".
    A level reached names the thing changed ("raise the fare to $3" → "fare")."""
    reach = _reach_verb(span)
    if reach is not None:
        return _changed_thing(reach)
    if money:
        for token in reversed(
            span.doc[max(span.sent.start, span.start - MONEY_WINDOW) : span.start]
        ):
            word = _amount_word(token)
            if word in _MONEY_NOUNS:
                return word
            if word in _AMOUNT_VERBS:
                return _money_in(span) or word
    else:
        complement = _of_complement(span) or _state_degree(span)
        if complement:
            return "" if complement == _PART else complement
    node = span.root
    for _ in range(5):
        if node.i < span.start or node.i >= span.end:
            if node.pos_ in ("NOUN", "PROPN") and node.lemma_.lower() not in _UNIT_NOUNS:
                return _changed_by(node, span) or node.lemma_.lower()
            if node.pos_ in ("VERB", "AUX"):
                # the size of a change names the thing changed ("raise fares by 12 percent"
                # is about fares), as the level reached does
                changed = "" if money or node.lemma_.lower() not in _REACH_VERBS else _changed_thing(node)
                return changed or _verb_noun(node)
        if node.head is node:
            break
        node = node.head
    return ""


def _prison_term(span) -> bool:  # noqa: ANN001 - spaCy Span
    """A duration spent in prison ("six years in prison", "five years behind bars")."""
    after = span.doc[span.end : min(span.sent.end, span.end + PRISON_WINDOW)]
    return any(t.lemma_.lower() in _PRISON_WORDS for t in after)


def _measure(subject: str) -> str:
    """The canonical subject, with counts that news writers use for one another merged."""
    word = canonical(subject)
    return _SAME_MEASURE.get(word, word)


def _modifiers(span, subject: str) -> frozenset[str]:  # noqa: ANN001 - spaCy Span
    """Noun and adjective modifiers of the subject noun nearest the quantity ("unemployment"
    in "unemployment rate", "abuse" in "rate of substance abuse")."""
    sentence = span.doc[span.sent.start : span.sent.end]
    nouns = [
        t for t in sentence if t.lemma_.lower() == subject and not span.start <= t.i < span.end
    ]
    if not nouns:
        return frozenset()
    noun = min(nouns, key=lambda t: abs(t.i - span.root.i))
    # Names are left out: "Carrick pickups" and "pickup trucks" are one kind of thing.
    words = [
        c for c in noun.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
    ]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        words.extend(o for o in prep.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"))
    # "68 more lives": the parse hangs "more" on the number, not on the noun it counts (after
    # the number only: "more than 300" is a qualifier).
    words.extend(
        c for c in span.root.children if c.i >= span.end and c.lower_ in _RELATIVE_SET_WORDS
    )
    return frozenset(canonical(w.lemma_.lower()) for w in words if not w.like_num)


def _predicate(span) -> str:  # noqa: ANN001 - spaCy Span
    """What the sentence says happened to the measured thing: the nearest verb above the
    quantity, canonical ("killed" and "died" → "die"); "" for verbs that say nothing of
    their own ("is", "has", "amounts to") and for parts ("five of them")."""
    if _of_complement(span) == _PART or _reach_verb(span) is not None:
        return ""  # a part, or a level reached ("will rise to $90")
    node, counted = span.root, True
    for _ in range(4):
        if node.head is node:
            return ""
        node = node.head
        if node.pos_ == "NOUN" and counted:
            counted = False  # the counted noun: a verb describing it names its event
            if node.lemma_.lower() in _CHANGE_NOUNS:
                return canonical(node.lemma_.lower())  # "an 18 percent fall in sales": a fall
            described = _describing_verb(node)
            if described:
                return described
        if node.pos_ != "VERB":
            continue
        lemma = _amount_word(node) or node.lemma_.lower()
        action = [c for c in node.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if action and lemma not in _AMOUNT_VERBS:  # "were told to evacuate" says "evacuate"
            node, lemma = action[0], action[0].lemma_.lower()
        if lemma == "lose" and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in node.children
        ):
            return "die"  # "lost their lives"
        if lemma in _CARRIER_VERBS:  # "suffered injuries" says "injure"
            objects = [
                c
                for c in node.children
                if c.dep_ == "dobj" and c.pos_ == "NOUN" and not span.start <= c.i < span.end
            ]  # "received six months of pay": no event
            return canonical(objects[0].lemma_.lower()) if objects else ""
        if lemma == "fall" and any(c.lower_ in _STATE_WORDS for c in node.children):
            return ""  # "fell ill" is "became ill"
        return "" if lemma in _LIGHT_VERBS else canonical(lemma)
    return ""


def _describing_verb(noun) -> str:  # noqa: ANN001 - spaCy Token
    """The verb of a participle or relative clause after a counted noun ("12 crashes linked
    to the defect" → "link"): what happened to the counted things, whichever verb the
    sentence hangs them from ("the company knew of 12 crashes linked to ...")."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i > noun.i:
            lemma = child.lemma_.lower()
            return "" if lemma in _LIGHT_VERBS else canonical(lemma)
    return ""


def _phrase(token) -> list:  # noqa: ANN001 - spaCy Token
    """The token's subtree without coordinated phrases ("... and from $4,000 to ...")."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in ("conj", "cc", "punct"):
            tokens.extend(_phrase(child))
    return sorted(tokens, key=lambda t: t.i)


def _condition(span) -> str:  # noqa: ANN001 - spaCy Span
    """A "for a first violation"-type phrase attached to the quantity or its governor."""
    anchors = list(span) + [span.root.head, span.root.head.head]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ != "prep" or child.lower_ not in ("for", "on"):
                continue
            words = [t.lower_ for t in _phrase(child) if t.i != child.i and t.pos_ != "DET"]
            if _CONDITION_WORDS & set(words):
                return " ".join(words)
    return ""


def extract_quantities(parsed_article: ParsedArticle) -> tuple[Quantity, ...]:
    """Quantities of one article, sentence by sentence, in reading order."""
    return tuple(frame.quantity for frame in _frames(parsed_article))


def _frames(parsed_article: ParsedArticle) -> list[_Frame]:
    ents = tuple(parsed_article.doc.ents)  # once: each Span.ents call rebuilds them all
    entities = [(e.start_char, e.end_char) for e in ents if e.label_ in _ENTITY_LABELS]
    return [
        f
        for sentence in parsed_article.sentences
        if ANY_NUMBER_RE.search(sentence.text)
        for f in _sentence_frames(parsed_article, sentence, entities, ents)
    ]


def _coordinated_money_subject(span, previous) -> str:  # noqa: ANN001 - spaCy Spans
    """The subject of an earlier amount this one is coordinated with, no verb between
    ("fine them up to $5,000 for a first violation and $5,000 to $10,000 for each ...")."""
    between = span.doc[previous.end : span.start]
    if any(t.lower_ in ("and", "or") for t in between) and not any(
        t.pos_ in ("VERB", "AUX") for t in between
    ):
        return _subject(previous, money=True)
    return ""


def _sentence_frames(parsed_article: ParsedArticle, sentence, entities, ents) -> list[_Frame]:  # noqa: ANN001
    found: list[_Frame] = []
    doc = parsed_article.doc
    dates = (
        date_matches(sentence.text) + magnitude_matches(sentence.text) + vote_matches(sentence.text)
    )
    matches = dates + amount_matches(sentence.text, [(d.start, d.end) for d in dates])
    previous_money = None
    for match in sorted(matches, key=lambda m: m.start):
        start, end = sentence.start + match.start, sentence.start + match.end
        if match.unit == UNDATED:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if (
            span is None
            or len(span) == 0
            or _not_a_figure(span)
            or (not match.unit and _is_label(span))
        ):
            continue
        if (
            match.unit in ("", "calendar year")
            and not any(s < end and start < e for s, e in entities)
            and not (match.unit == "" and _counts_noun(span))
        ):
            continue
        money = match.unit in ("$", "€", "£")
        subject = "vote" if match.unit == "vote" else _subject(span, money=money)
        if match.unit == "days" and _prison_term(span):
            subject = "sentence"  # "six years in prison" is the sentence "five-year sentence" gives
        if money and previous_money is not None and subject not in _AMOUNT_WORDS:
            subject = _coordinated_money_subject(span, previous_money) or subject
        previous_money = span if money else previous_money
        if not match.unit and (not subject or match.value <= 1):
            continue  # a bare number with nothing it counts; "one family" is not a figure
        quantity = Quantity(
            parsed_article.id, sentence.index, sentence.text[match.start:match.end].strip(),
            match.value, match.unit, match.qualifier, subject, match.upper, _condition(span),
        )  # fmt: skip
        predicate = _predicate(span)
        if match.upper is not None and (
            predicate in _CHANGE_VERBS or _reach_verb(span) is not None
        ):
            continue  # "rose from 4.5 percent to 21.5 percent" is a change, not a range of values
        sent = doc[span.sent.start : span.sent.end]
        sent_ents = [e for e in ents if e.start >= sent.start and e.end <= sent.end]
        years, places = scope(sent, span, sent_ents)
        total = bool(TOTAL_RE.search(sentence.text))
        subject = "" if subject in _UNIT_NOUNS else subject
        found.append(_Frame(
            quantity, _measure(subject), predicate, agent(span),
            _modifiers(span, subject) if subject else frozenset(), total, years, places,
            bool(FIRST_PERSON_RE.search(sentence.text)), named_persons(sent, sent_ents),
            is_projection(sent),
        ))  # fmt: skip
    return found


def compare_quantities(
    parsed: Sequence[ParsedArticle],
    copies: Mapping[str, str] | None = None,
    *,
    facts: Sequence[Fact] | None = None,
) -> tuple[QuantityGroup, ...]:
    """Quantities about the same thing reported by two or more articles, conflicts flagged.

    Copies are left out (a syndicated figure counts once). Values conflict only when they
    are comparable (``quantity_compare._comparable``): "a 20 % raise demanded" and "a 12 %
    raise offered" share a subject but not a predicate, so they are shown together, not
    flagged. Pass ``facts`` (from ``align_facts`` on the same articles) to avoid aligning twice.
    """
    copies = copies or {}
    originals = [p for p in parsed if p.id not in copies]
    frames = [f for p in originals for f in _frames(p)]
    if facts is None:
        facts = align_facts(originals)
    by_id = {p.id: p for p in originals}
    return tuple(
        replace(group, subject=written_subject(group, by_id))
        for group in compare_frames(originals, frames, facts)
    )


def written_subject(group: QuantityGroup, parsed: Mapping[str, ParsedArticle]) -> str:
    """The group's subject as a heading: the noun as its sentences write a name ("Obama",
    "Americans"), else the lemma ("tax", and an amount word even as a verb: "fined $5,000"
    is a fine); "" when no sentence of the group has it as a noun, because a verb stood in
    for the subject ("included $800 billion") and would read as a heading ("include")."""
    if group.subject in _AMOUNT_WORDS:
        return group.subject
    if group.subject:
        for quantity in group.values:
            for token in parsed[quantity.article_id].sentence_span(quantity.sentence):
                if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() == group.subject:
                    return token.text if token.pos_ == "PROPN" else group.subject
    written = Counter(_written_after(quantity, parsed) for quantity in group.values)
    written.pop("", None)
    return max(written, key=lambda w: (written[w], -len(w)), default="")


def _written_after(quantity: Quantity, parsed: Mapping[str, ParsedArticle]) -> str:
    """What an amount is of when its sentence writes it after the figure with "in" ("$1.6
    trillion in revenue increases" → "revenue increases", "$800 billion in new revenue" →
    "revenue"): the nouns that end the phrase; "" when none follows."""
    sentence = parsed[quantity.article_id].sentence_span(quantity.sentence)
    at = sentence.text.find(quantity.text)
    if at < 0:
        return ""
    end = sentence.start_char + at + len(quantity.text)
    doc = sentence.doc
    after = [t for t in doc[sentence.start : sentence.end] if t.idx >= end]
    if len(after) < 2 or after[0].lower_ != "in":
        return ""
    phrase = list(takewhile(lambda t: t.pos_ in ("ADJ", "NOUN", "VERB"), after[1:]))
    nouns = list(takewhile(lambda t: t.pos_ == "NOUN", reversed(phrase)))
    return " ".join(t.lower_ for t in reversed(nouns))
