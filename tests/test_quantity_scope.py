"""The circumstances of a figure read from its sentence (``manysides.quantity_scope``)."""

from __future__ import annotations

from collections.abc import Callable

from conftest import make_article
from manysides.quantity_compare import _PRONOUN
from manysides.quantity_scope import (
    FIRST_PERSON_RE,
    TOTAL_RE,
    agent,
    is_projection,
    named_persons,
    scope,
)


def _sentence(parse: Callable, text: str):  # noqa: ANN202 - spaCy Span, its entities, a figure
    parsed = parse(make_article(text))[0]
    ents = list(parsed.doc.ents)
    figure = next(e for e in ents if e.label_ == "CARDINAL")
    return parsed.doc[:], ents, figure


def test_agent_is_the_subject_acting_on_the_counted_object(parse: Callable) -> None:
    _, _, figure = _sentence(parse, "The Harlow mill employs 1,400 people in Vermont.")
    assert agent(figure) == "plant"  # canonical: a mill is a plant
    _, _, figure = _sentence(parse, "It employs 900 workers.")
    assert agent(figure) == _PRONOUN


def test_scope_names_places_years_and_periods(parse: Callable) -> None:
    sentence, ents, figure = _sentence(parse, "The Harlow mill employs 1,400 people in Vermont.")
    assert scope(sentence, figure, ents) == (frozenset(), frozenset({"vermont"}))
    sentence, ents, figure = _sentence(parse, "We counted 30 boats each year.")
    assert scope(sentence, figure, ents) == (frozenset({"period:each year"}), frozenset())


def test_named_persons_leave_out_the_reporter(parse: Callable) -> None:
    sentence, ents, _ = _sentence(parse, "Councillor Ben Arveda said 12 families left in 1998.")
    assert named_persons(sentence, ents) == frozenset()
    sentence, ents, _ = _sentence(parse, "Lena Marsk sold 12 boats last spring, said Ada Pell.")
    assert named_persons(sentence, ents) == frozenset({"marsk"})


def test_projection_and_sentence_markers(parse: Callable) -> None:
    sentence, _, _ = _sentence(parse, "Analysts expect sales of 40,000 units in 2027.")
    assert is_projection(sentence)
    sentence, _, _ = _sentence(parse, "It employs 900 workers.")
    assert not is_projection(sentence)
    assert FIRST_PERSON_RE.search("We counted 30 boats each year.")
    assert not FIRST_PERSON_RE.search("They counted 30 boats each year.")
    assert TOTAL_RE.search("Seven people were hurt in total.")
    assert not TOTAL_RE.search("Seven people were hurt.")
