"""Reported speech: cue verbs, stance adjectives and cue nouns, on invented sentences."""

from __future__ import annotations

import pytest

from conftest import make_article
from manysides.quotes import extract_quotes
from manysides.reported_speech import SpanIndex, in_spans

# These tests pin the spans the rules give (tests/test_content_bounds.py covers the trained
# refiner that moves their ends afterwards).
pytestmark = pytest.mark.usefixtures("rules_alone")


def _quotes(parse, text):
    (article,) = parse(make_article(text))
    return [(q.kind, q.cue, q.speaker, q.text) for q in extract_quotes(article)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senator Ann Roe attacked the harbor plan on Tuesday.\n",
            ("indirect", "attacked", "Ann Roe", "the harbor plan"),
        ),
        (
            "Mayor Delia Marchetti referred to the toll as a tax on the poor.\n",
            ("indirect", "referred", "Delia Marchetti", "to the toll as a tax on the poor"),
        ),
        (
            "Senator Ann Roe spoke about the harbor levy on Monday.\n",
            ("indirect", "spoke", "Ann Roe", "the harbor levy"),
        ),
        (
            "Councilman Ray Dunmore is looking to unseat the mayor in March.\n",
            ("indirect", "looking", "Ray Dunmore", "to unseat the mayor in March"),
        ),
        # a "for ... to" clause the parser hangs on the cue as an adverbial clause
        (
            "Mayor Delia Marchetti is calling for the state to rebuild the old ferry pier.\n",
            ("indirect", "calling", "Delia Marchetti", "the state to rebuild the old ferry pier"),
        ),
        # a call reports who is to act and what: the "to" clause names what is asked of
        # whom the call is addressed to
        (
            "Mayor Delia Marchetti called on the harbor board to resign.\n",
            ("indirect", "called", "Delia Marchetti", "the harbor board to resign"),
        ),
        (
            "Senator Ann Roe has called for the port director to release the audit.\n",
            ("indirect", "called", "Ann Roe", "the port director to release the audit"),
        ),
        # "as" after the object, parsed as a prep on the verb (an "as" the parser hangs on
        # an adverbial clause is not read: test_quotes' as-clause test)
        (
            "Mayor Delia Marchetti regards the new toll as a tax on the poor.\n",
            ("indirect", "regards", "Delia Marchetti", "the new toll as a tax on the poor"),
        ),
        (
            "Most dock workers see the harbor plan as deeply unfair.\n",
            ("indirect", "see", "Most dock workers", "the harbor plan as deeply unfair"),
        ),
        # the small model lemmatizes "hoping" as "hop"
        (
            "Senator Ann Roe is hoping to win the fishing vote.\n",
            ("indirect", "hoping", "Ann Roe", "to win the fishing vote"),
        ),
    ],
)
def test_verbs_of_stance_and_intention_report_their_object(parse, text, expected):
    assert _quotes(parse, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Councilwoman Rita Vance is critical of the toll increase.\n",
            ("indirect", "critical", "Rita Vance", "of the toll increase"),
            id="stance-adjective-after-a-copula",
        ),
        pytest.param(
            "Harbor master Ines Duarte was hopeful that the pier would reopen by June.\n",
            ("indirect", "hopeful", "Ines Duarte", "that the pier would reopen by June"),
            id="stance-adjective-with-a-clause",
        ),
        pytest.param(
            "The council rejected Omar Pryce's claim that the fines were unnecessary.\n",
            ("indirect", "claim", "Omar Pryce", "that the fines were unnecessary"),
            id="cue-noun-with-its-owner",
        ),
        pytest.param(
            "Mayor Delia Marchetti renewed her call for a ban on night flights.\n",
            ("indirect", "call", "Delia Marchetti", "for a ban on night flights"),
            id="a-possessive-pronoun-resolves-like-she",
        ),
    ],
)
def test_stance_adjectives_and_cue_nouns_report_their_complement(parse, text, expected):
    assert _quotes(parse, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Senator Ann Roe won the fishing vote.\n", id="a-verb-of-doing"),
        pytest.param("Senator Ann Roe looked at the harbor.\n", id="another-verb-of-doing"),
        pytest.param("Senator Ann Roe spoke to reporters.\n", id="speaking-to-someone"),
        pytest.param(
            "The storm was critical of nothing.\n",
            id="a-stance-adjective-needs-a-speaking-subject",
        ),
        pytest.param("The plan for a new pier drew crowds.\n", id="a-cue-noun-of-no-one"),
    ],
)
def test_no_cue(parse, text):
    assert _quotes(parse, text) == []


def test_speaker_before_a_colon_after_a_dash(parse):
    text = (
        "The harbor vote turned on the hills - Ann Roe: “Two weeks ago the harbor was the "
        "strongest ground. Now it is the hills.”\n\n"
        "Correction: An earlier version misstated the toll on the bridge.\n\n"
        "Delegates: 46\n"
    )
    assert _quotes(parse, text) == [
        (
            "direct",
            ":",
            "Ann Roe",
            "Two weeks ago the harbor was the strongest ground. Now it is the hills.",
        )
    ]


def test_headline_speaker_tagged_as_a_common_noun(parse):
    text = "Lindqvist: The ferry plan will not survive the winter. The council met on Monday.\n"
    assert _quotes(parse, text)[0] == (
        "indirect",
        ":",
        "Lindqvist",
        "The ferry plan will not survive the winter",
    )


def test_cue_noun_as_the_subject_of_a_copula(parse):
    text = "Her message was that the pier must reopen.\n"
    assert _quotes(parse, "Senator Ann Roe spoke on Monday. " + text) == [
        ("indirect", "message", "Ann Roe", "that the pier must reopen")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The harbor levy seems likely to pass in the spring.\n",
            ("indirect", "seems", None, "The harbor levy likely to pass in the spring"),
            id="seeming",
        ),
        pytest.param(
            "The ferry vote is expected to be close.\n",
            ("indirect", "expected", None, "The ferry vote to be close"),
            id="an-impersonal-passive",
        ),
        pytest.param(
            "Councilman Ray Dunmore, known for his long speeches, arrived late.\n",
            ("indirect", "known", None, "Councilman Ray Dunmore for his long speeches"),
            id="a-participle-on-a-name",
        ),
    ],
)
def test_views_the_text_gives_without_a_holder(parse, text, expected):
    assert _quotes(parse, text) == [expected]


def test_known_as_names_and_states_no_view(parse):
    assert _quotes(parse, "The harbor was once known as Gull Bay.\n") == []


def test_transcript_speaker_labels_in_capitals_report_their_whole_turn(parse):
    text = (
        "The ferry debate ran late.\n"
        "ROE: Frankly, the toll is too high. It hurts the fishermen.\n"
        "MARA DUNMORE: Why not lower it? The council can.\n"
        "BREAKING NEWS: The ferry sank.\n"
    )
    assert [(kind, cue, said) for kind, cue, _, said in _quotes(parse, text)] == [
        ("indirect", ":", "Frankly, the toll is too high. It hurts the fishermen"),
        ("indirect", ":", "Why not lower it? The council can"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Councilman Ray Dunmore was criticized for the toll.\n",
            ("indirect", "criticized", None, "Councilman Ray Dunmore for the toll"),
            id="the-one-criticized-is-not-the-speaker",
        ),
        pytest.param(
            "Mayor Ann Roe was asked to resign.\n",
            ("indirect", "asked", None, "Mayor Ann Roe to resign"),
            id="the-one-asked-is-not-the-speaker",
        ),
        pytest.param(
            "The ferry plan was rejected on Monday.\n",
            ("indirect", "rejected", None, "The ferry plan"),
            id="the-subject-alone",
        ),
        pytest.param(
            "The harbor chief stands accused of hiding the audit, Mayor Bo Lind is silent and "
            "the council is away.\n",
            ("indirect", "accused", None, "The harbor chief of hiding the audit"),
            id="a-participle-after-a-linking-verb-is-a-passive",
        ),
    ],
)
def test_a_cue_in_the_passive_with_no_agent_has_no_speaker(parse, text, expected):
    assert _quotes(parse, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The ferry toll was criticized by Senator Ann Roe.\n",
            ("indirect", "criticized", "Ann Roe", "The ferry toll"),
            id="the-agent-speaks-of-the-subject",
        ),
        pytest.param(
            "The harbor levy was rejected by the Calder Council on Monday.\n",
            ("indirect", "rejected", "the Calder Council", "The harbor levy"),
            id="an-organization-as-agent",
        ),
    ],
)
def test_a_cue_in_the_passive_with_an_agent_reports_its_subject(parse, text, expected):
    assert _quotes(parse, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The ferry will not run this winter, an aide said, on the condition of anonymity "
            "to discuss the plans.\n",
            ("indirect", "said", "an aide", "The ferry will not run this winter"),
            id="after-a-parenthetical-cue",
        ),
        pytest.param(
            "Two officials described the talks on condition of anonymity.\n",
            ("indirect", "described", "Two officials", "the talks"),
            id="after-an-object",
        ),
    ],
)
def test_the_terms_of_anonymity_are_not_what_was_said(parse, text, expected):
    assert _quotes(parse, text) == [expected]


def test_a_question_opened_by_if_is_what_was_asked(parse):
    # the mayor was asked, so the question is not his; who asked it is not said
    text = "Asked if the ferry would run in winter, Mayor Tom Dunn said no.\n"
    assert _quotes(parse, text) == [("indirect", "asked", None, "if the ferry would run in winter")]


def test_a_clause_before_a_semicolon_is_not_what_the_next_cue_reports(parse):
    text = (
        "Senator Ann Roe proposes a levy on all boats; Mayor Tom Dunn seeks an additional "
        "grant for the ferry.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "proposes", "Ann Roe", "a levy on all boats"),
        ("indirect", "seeks", "Tom Dunn", "an additional grant for the ferry"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Senator Ann Roe urged the council to lower the toll, which would help the "
            "fishermen.\n",
            ("indirect", "urged", "Ann Roe", "to lower the toll"),
            id="a-which-clause-after-an-object",
        ),
        pytest.param(
            "Mayor Delia Marchetti praised the harbor plan, a project her office drafted.\n",
            ("indirect", "praised", "Delia Marchetti", "the harbor plan"),
            id="an-appositive-after-an-object",
        ),
        pytest.param(
            "Mayor Delia Marchetti praised the harbor plan -- a project her office drafted.\n",
            ("indirect", "praised", "Delia Marchetti", "the harbor plan"),
            id="an-appositive-after-a-dash",
        ),
        pytest.param(
            "The ferry vote is expected to pass the council, which meets on Friday.\n",
            ("indirect", "expected", None, "The ferry vote to pass the council"),
            id="a-which-clause-closing-a-view-without-a-holder",
        ),
        pytest.param(
            "Mayor Ann Roe was asked to close the pier, drawing on the storm report.\n",
            ("indirect", "asked", None, "Mayor Ann Roe to close the pier"),
            id="a-participle-closing-a-passive-cue",
        ),
        pytest.param(
            "Senator Ann Roe said the council would lower the toll, which the fishermen wanted.\n",
            ("indirect", "said", "Ann Roe", "the council would lower the toll"),
            id="a-which-clause-closing-a-reported-clause",
        ),
        pytest.param(
            "Senator Ann Roe plans to cut the harbor toll by half next year, drawing on the "
            "surplus from the ferry.\n",
            ("indirect", "plans", "Ann Roe", "to cut the harbor toll by half next year"),
            id="a-participle-hung-on-the-object-is-the-speakers-next-act",
        ),
    ],
)
def test_a_closing_aside_is_left_out_of_the_content(parse, text, expected):
    assert _quotes(parse, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Senator Ann Roe, who said the toll was unfair, left the hearing early.\n",
            ("said", "Ann Roe", "who", "the toll was unfair"),
            id="who",
        ),
        pytest.param(
            "The Harbor Alliance, which opposed the toll, held a rally on Monday.\n",
            ("opposed", "the Harbor Alliance", "which", "the toll"),
            id="which-on-a-group-takes-a-stance",
        ),
    ],
)
def test_a_relative_pronoun_is_the_mention_named_after_its_antecedent(parse, text, expected):
    (article,) = parse(make_article(text))
    assert [(q.cue, q.speaker, q.speaker_text, q.text) for q in extract_quotes(article)] == [
        expected
    ]


def test_a_phrase_hung_on_the_cue_after_its_object_goes_on_with_it(parse):
    text = "Mayor Delia Marchetti touted the progress of the pier since the storm in March.\n"
    assert _quotes(parse, text) == [
        ("indirect", "touted", "Delia Marchetti", "the progress of the pier since the storm")
    ]


def test_span_index_answers_as_testing_every_span_does():
    spans = [(0, 40, 0), (5, 9, 1), (12, 13, 2), (30, 31, 3), (41, 44, 4), (44, 90, 5)]
    index = SpanIndex(reversed(spans))
    for pos in range(-1, 92):
        holding = sorted(index.holding(pos))
        assert holding == [t for a, b, t in spans if in_spans(pos, [(a, b)])]
    assert list(index.holding(7)) == [1, 0]  # latest start first
    assert list(SpanIndex([]).holding(3)) == []


def test_a_second_that_clause_is_more_of_what_was_said(parse):
    text = (
        "Senator Ann Roe said the pier must be rebuilt, but that she would not back a new toll.\n"
    )
    assert _quotes(parse, text) == [
        (
            "indirect",
            "said",
            "Ann Roe",
            "the pier must be rebuilt, but that she would not back a new toll",
        )
    ]


def test_an_aside_after_a_closing_quotation_mark_is_cut(parse):
    text = (
        "Mayor Delia Marchetti said the repairs “should be over by June,” referring to the "
        "harbor wall.\n"
    )
    quotes = _quotes(parse, text)
    assert ("indirect", "said", "Delia Marchetti", "the repairs “should be over by June”") in quotes


def test_a_noun_the_parser_coordinated_with_the_cue_goes_on_with_its_object(parse):
    text = "Councilman Robert Tanaka called for a voice vote and then a show of hands.\n"
    assert _quotes(parse, text) == [
        ("indirect", "called", "Robert Tanaka", "for a voice vote and then a show of hands")
    ]
