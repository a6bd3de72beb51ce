"""Mentions: the names one article writes, their kinds and cues. Sentences are invented."""

from __future__ import annotations

from conftest import make_article
from manysides.mentions import Mention, article_mentions, settled_kind


def _mentions(parse, text: str) -> list[tuple[str, str, str | None]]:
    (parsed,) = parse(make_article(text))
    return [(m.text, m.kind, m.cue) for m in article_mentions(parsed)]


def test_a_datelines_words_before_its_agency_are_places(parse):
    # the small model tags "Tarsin (OWS" an organization; the dateline says where it is
    text = "PORT VELLA, Tarsin (OWS) — The port board met on Monday."
    found = _mentions(parse, text)
    assert found[:2] == [("Port Vella", "place", "place"), ("Tarsin", "place", "place")]
    assert all(kind != "organization" or "Tarsin" not in name for name, kind, _ in found)


def test_a_datelines_date_ends_its_places(parse):
    text = "BRAVONIA, Ostland, March 3 (WNS) — The mill closed."
    found = _mentions(parse, text)
    assert [(n, k) for n, k, _ in found if k == "place"] == [
        ("Bravonia", "place"),
        ("Ostland", "place"),
    ]


def test_a_datelines_places_joined_by_a_slash_are_each_a_place(parse):
    found = _mentions(parse, "PORT VELLA/NEW ASHFORD (WNS) - The mill closed.")
    assert [(n, k) for n, k, _ in found if k == "place"][:2] == [
        ("Port Vella", "place"),
        ("New Ashford", "place"),
    ]


def test_a_hyphenated_opening_gives_no_dateline_places(parse):
    # A wire slug ("MILL-CLOSING _") reads like a hyphenated town: no place is made of it.
    found = _mentions(parse, "MILL-CLOSING _ OSTLAND _ The mill closed.")
    assert not any(cue == "place" for _, _, cue in found)
    found = _mentions(parse, "SAINT-VELLE, Ostland (WNS) — The mill closed.")
    assert not any(name == "Saint" for name, _, _ in found)


def test_a_one_word_name_before_a_places_office_and_a_person_is_that_place(parse):
    found = _mentions(parse, "Tarsin Attorney General Ana Roe warned landlords on Monday.")
    assert ("Tarsin", "place", "place") in found


def test_a_title_the_model_runs_into_a_persons_name_is_their_role(parse):
    # Before: one person named "Tarsin Mayor Ana Lind", with no role.
    (parsed,) = parse(make_article("Tarsin Mayor Ana Lind agreed."))
    people = [(m.text, m.role) for m in article_mentions(parsed) if m.kind == "person"]
    assert people == [("Ana Lind", "Mayor")]


def test_a_surname_that_is_a_title_word_stays_a_name(parse):
    (parsed,) = parse(make_article("Mary Judge said the vote was close."))
    assert [(m.text, m.kind) for m in article_mentions(parsed)] == [("Mary Judge", "person")]


def _m(kind: str, cue: str | None = None) -> Mention:
    return Mention("a", "Halder", kind, 0, 6, cue=cue)


def test_the_text_decides_a_name_the_model_labels_two_ways():
    # "grants from Halder" (organization), "a hotel in Halder" (place, with its cue)
    group = [_m("organization")] * 2 + [_m("place", "place")]
    assert settled_kind(group) == "place"


def test_one_cue_among_many_mentions_does_not_decide():
    # "selling shares in Halder" once, a bookstore the model calls an organization four times
    group = [_m("organization")] * 4 + [_m("place", "place")]
    assert settled_kind(group) == "organization"


def test_a_name_the_model_labels_one_way_keeps_the_votes():
    # a company the model always calls one, once after "at" ("an engineer at Halder")
    group = [_m("organization")] * 3 + [_m("organization", "place")]
    assert settled_kind(group) == "organization"


def test_cues_of_two_kinds_leave_the_votes_to_decide():
    group = [_m("organization")] * 3 + [_m("place", "place"), _m("organization", "organization")]
    assert settled_kind(group) == "organization"
