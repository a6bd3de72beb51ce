from __future__ import annotations

import pytest

from conftest import make_article
from manysides import content_bounds
from manysides.content_bounds import end_candidates, refined, start_candidates
from manysides.quotes import extract_quotes


def _statements(parse, text):
    (article,) = parse(make_article(text))
    return [(q.cue, q.text) for q in extract_quotes(article) if q.kind == "indirect"]


def _doc_and_cue(parse, text, cue_word):
    (article,) = parse(make_article(text))
    doc = article.doc
    return doc, next(t for t in doc if t.text == cue_word)


def _piece(text, words):
    at = text.index(words)
    return ((at, at + len(words)),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senator Ruiz called for a full review of the contract that the agency signed "
            "last year.\n",
            ("called", "a full review of the contract that the agency signed last year"),
        ),
        (
            "The pastor spoke about the closing of the old mill in a sermon on Sunday.\n",
            ("spoke", "the closing of the old mill in a sermon on Sunday"),
        ),
        (
            "Critics have accused the board of ignoring the warnings from its own engineers.\n",
            ("accused", "the board of ignoring the warnings from its own engineers"),
        ),
    ],
)
def test_the_installed_model_moves_a_statements_ends_to_what_was_said(parse, text, expected):
    # the rules start these at "for", "about" and "of", which belong to the telling
    assert _statements(parse, text) == [expected]


def test_statements_inside_another_are_settled_before_the_ends_move(parse):
    # "concern" reports the same words as "voiced": once "concern about" is cut from the
    # statement it must not come back as a second statement of its own
    text = "Mayor Dana Holt voiced concern about the rising cost of the new harbor bridge.\n"
    assert _statements(parse, text) == [("voiced", "the rising cost of the new harbor bridge")]


# leaving out "for" scores 3, leaving out "a" as well 2; leaving out "year" 2, "last" too 1
TOY = {"start": {"-w=for": 3.0, "-w=a": -1.0}, "end": {"-w=year": 2.0, "-w=last": -1.0}}
TEXT = "Senator Ruiz called for a full review of the contract that the agency signed last year.\n"


def test_each_end_goes_to_its_best_scoring_candidate(parse):
    doc, cue = _doc_and_cue(parse, TEXT, "called")
    pieces = _piece(TEXT, "for a full review of the contract that the agency signed last year")
    (moved,) = refined(doc, pieces, cue, TOY)
    assert TEXT[moved[0] : moved[1]] == "a full review of the contract that the agency signed last"


def test_short_statements_keep_the_rules_ends(parse):
    doc, cue = _doc_and_cue(parse, TEXT, "called")
    pieces = _piece(TEXT, "for a full")
    assert refined(doc, pieces, cue, TOY) == pieces


def test_a_move_that_leaves_out_most_of_the_statement_is_not_made(parse):
    doc, cue = _doc_and_cue(parse, TEXT, "called")
    pieces = _piece(TEXT, "for a full review of the")
    cutting = {"start": {"-w=review": 9.0}, "end": {}}
    assert refined(doc, pieces, cue, cutting) == pieces  # it would keep 2 of 6 words


def test_without_a_model_the_rules_spans_stand(parse, monkeypatch):
    doc, cue = _doc_and_cue(parse, TEXT, "called")
    pieces = _piece(TEXT, "for a full review of the contract")
    monkeypatch.setattr(content_bounds, "load_model", lambda: None)
    assert refined(doc, pieces, cue) == pieces


def _candidates(parse, text, cue_word, first, last):
    doc, cue = _doc_and_cue(parse, text, cue_word)
    start = [t.i for t in doc if t.text == first][-1]
    end = next(t.i for t in doc if t.text == last) + 1
    starts = [doc[t].text for t in start_candidates(doc, start, end, cue)]
    ends = [doc[t - 1].text for t in end_candidates(doc, start, end, cue)]
    return starts, ends


def test_candidates_leave_out_the_cue_and_its_speaker_and_sit_on_phrase_edges(parse):
    text = "The board met. Roe said, sadly, that the pier would close.\n"
    assert _candidates(parse, text, "said", "that", "close") == (
        # not "Roe said", nor a comma, nor "pier" without its "the"
        ["sadly", "that", "the", "would"],
        ["that", "the", "pier", "would", "close"],
    )


def test_candidates_stay_in_the_sentence_and_before_a_later_speaker(parse):
    text = "The board met. The pier will close soon, Roe said.\n"
    assert _candidates(parse, text, "said", "The", "soon") == (
        ["The", "will", "soon"],  # six tokens back is the board's sentence
        ["The", "pier", "will", "soon"],  # ", Roe said" is the telling; "close" has "soon"
    )


def test_a_statement_does_not_run_on_into_according_to(parse):
    text = "A total of 52 people were detained according to city police.\n"
    _, ends = _candidates(parse, text, "according", "A", "detained")
    assert ends[-1] == "detained"
    assert _statements(parse, text) == [("according to", "A total of 52 people were detained")]


def test_an_end_cut_inside_a_closing_mark_keeps_the_mark(parse):
    text = "Roe said the report had “nothing new” in it.\n"
    doc, cue = _doc_and_cue(parse, text, "said")
    pieces = _piece(text, "the report had “nothing new” in it")
    # the best end is after "new", inside the closing mark
    (kept,) = refined(doc, pieces, cue, {"start": {}, "end": {"-w=in": 2.0}})
    assert text[kept[0] : kept[1]] == "the report had “nothing new”"


def test_an_end_inside_a_quotation_leaves_the_rules_span(parse):
    text = "Roe said the board agreed that “the plan is dead” at last.\n"
    doc, cue = _doc_and_cue(parse, text, "said")
    pieces = _piece(text, "the board agreed that “the plan is dead” at last")
    # the best end is after "plan", which would leave the quotation open
    inside = {"start": {}, "end": {"-w=is": 2.0, "-w=plan": -5.0}}
    assert refined(doc, pieces, cue, inside) == pieces
