"""The circumstances a figure holds under, read from its sentence (spaCy parse and entities).

Two figures with the same subject still measure different things when their sentences name
different years, time periods, places or people, when one is a forecast and the other a
measurement, or when different agents act on the counted thing ("it employs 1,400 people"
vs "the mill employs 900"). ``quantities`` stores these on each figure's frame and
``quantity_compare`` uses them to decide which figures are comparable.
"""

from __future__ import annotations

import re

from .facts import attribution_tokens, canonical
from .quantity_compare import _PRONOUN
from .quantity_patterns import CALENDAR_YEAR_RE

# Words of forecasts: a projected figure and a reported one are different measurements.
_PROJECTION_VERBS = {"expect", "forecast", "predict", "project", "anticipate"}
_PROJECTION_MODALS = {"could", "might", "may", "should"}
FIRST_PERSON_RE = re.compile(r"\b(I|I've|I'm|I'd|(?i:we|we've|my|our))\b")
# A generic subject ("people", ``quantity_compare._GENERIC_SUBJECTS``) matches any subject
# unless its sentence says its count is a whole that holds subgroups ("seven people were
# hurt in total", "including three firefighters"): then "people" is a superset.
TOTAL_RE = re.compile(r"\b(in total|in all|altogether|overall|including)\b", re.IGNORECASE)


def named_persons(sentence, ents) -> frozenset[str]:  # noqa: ANN001 - spaCy Span and its entities
    """Surnames of the people a sentence names, except who is reporting it ("said Dana
    Whitlock"): two figures about different people measure different things."""
    reporting = attribution_tokens(sentence)
    return frozenset(
        e[-1].lower_ for e in ents if e.label_ == "PERSON" and not any(t.i in reporting for t in e)
    )


def is_projection(sentence) -> bool:  # noqa: ANN001 - spaCy Span
    """Whether a sentence states an expectation ("is expected to be", "could top",
    "analysts predict") rather than a value that has been measured."""
    return any(
        (t.pos_ == "VERB" and t.lemma_.lower() in _PROJECTION_VERBS)
        or (t.tag_ == "MD" and t.lower_ in _PROJECTION_MODALS)
        for t in sentence
    )


def agent(span) -> str:  # noqa: ANN001 - spaCy Span
    """Who acts on a counted object ("It employs 1,400 people" → "it"): the subject of the
    verb the quantity's phrase is the object of; "" when the quantity is not an object.
    A pronoun agent is returned as ``_PRONOUN``, which matches nothing."""
    node = span.root
    for _ in range(4):
        if node.head is node:
            return ""
        child, node = node, node.head
        if node.pos_ == "VERB":
            if child.dep_ != "dobj":
                return ""
            governors = (
                [node, node.head] if node.dep_ == "conj" else [node]
            )  # "sells ... and employs"
            for subject in (c for g in governors for c in g.children):
                if subject.dep_ == "nsubj":
                    return _PRONOUN if subject.pos_ == "PRON" else canonical(subject.lemma_.lower())
            return ""
    return ""


def scope(sentence, span, ents) -> tuple[frozenset[str], frozenset[str]]:  # noqa: ANN001 - spaCy Spans
    """Years and time expressions (other than the quantity itself) and places its sentence
    names: two figures under different ones measure different things (DUC 2006: "about
    7,500 each year" vs "more than 9,400 in 1997")."""
    years = frozenset(
        t.text
        for t in sentence
        if CALENDAR_YEAR_RE.fullmatch(t.text) and not span.start <= t.i < span.end
    )
    places = frozenset(e.text.lower() for e in ents if e.label_ in ("GPE", "LOC", "NORP"))
    # Time expressions other than the quantity ("each year", "since 1996", "in three months").
    periods = frozenset(
        e.text.lower().removeprefix("the ")
        for e in ents
        if e.label_ == "DATE" and (e.end <= span.start or e.start >= span.end)
    )
    return years | {f"period:{p}" for p in periods}, places
