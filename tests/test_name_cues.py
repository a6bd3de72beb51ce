"""Name cues: what the words around a name say it is. Sentences are invented."""

from __future__ import annotations

import pytest

from conftest import make_article
from manysides.name_cues import context_kind, name_span, place_office_after, role_of


def _ent(parse, text: str, name: str):
    (parsed,) = parse(make_article(text))
    token = next(t for t in parsed.doc if t.text == name)
    return parsed.doc[token.i : token.i + 1]


@pytest.mark.parametrize(
    "text",
    [
        "Tarsin's attorney general is threatening landlords.",
        "Critics said Tarsin's housing law goes too far.",
        "Tarsin's governor signed it.",
        "About 30 auditors would be sent to Tarsin.",
    ],
)
def test_the_owner_of_a_places_office_or_law_and_where_one_is_sent_is_a_place(parse, text):
    assert context_kind(_ent(parse, text, "Tarsin")) == "place"


def test_the_owner_of_a_companys_office_is_not_a_place(parse):
    assert context_kind(_ent(parse, "Acme's chief executive resigned.", "Acme")) is None


def test_a_places_office_before_a_person(parse):
    text = "Tarsin Attorney General Ana Roe and Acme CEO Bo Lind met."
    assert place_office_after(_ent(parse, text, "Tarsin"))
    assert not place_office_after(_ent(parse, text, "Acme"))


def test_a_company_one_moves_to_is_not_a_place(parse):
    assert context_kind(_ent(parse, "Roe moved to Acme in 2019.", "Acme")) is None


def test_a_one_word_name_after_a_persons_name_and_of_is_where_they_are_from(parse):
    # the small model tags "Brindle" a person here
    assert context_kind(
        _ent(parse, "Tom Vasko of Brindle said the road was closed.", "Brindle")
    ) == ("place")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # before: "Director", "Leader", "Director" (what of, the list could not say)
        (
            "County Housing Director Ana Lind said the shelters would close.",
            "Lind",
            "County Housing Director",
        ),
        ("Senate Majority Leader Ana Lind said no.", "Lind", "Senate Majority Leader"),
        ("Bureau of Port Safety (BPS) Director Tom Hale said yes.", "Hale", "BPS Director"),
        # a place's office keeps the place out of the role, as before
        ("The council met. Tarsin Mayor Ana Lind agreed with the plan.", "Lind", "Mayor"),
    ],
)
def test_a_title_keeps_the_words_that_say_what_the_office_is_of(parse, text, name, role):
    (parsed,) = parse(make_article(text))
    ent = next(e for e in parsed.doc.ents if e.text.endswith(name))
    assert role_of(name_span(ent)) == role


def test_a_title_word_that_ends_another_persons_name_is_no_role(parse):
    # The model tags "Mark" alone a person: before, "Judge" of "Mark Judge" before the comma
    # was read as Holt's title, and the story's "Holt" went to a judge of that name.
    text = "Her claim was backed by notes from Paul Smyth and Mark Judge, Holt could argue."
    (parsed,) = parse(make_article(text))
    ent = next(e for e in parsed.doc.ents if e.text == "Holt")
    assert role_of(name_span(ent)) is None
