"""Sentence units of a summary: display text and the penalty for poor summary sentences."""

from __future__ import annotations

import pytest

from conftest import make_article
from manysides.summary_units import (
    SummaryRequest,
    build_story,
    display_text,
    opinion_piece,
    own_penalty,
    spaced_pairs,
)


def test_display_text_drops_wire_dateline():
    assert (
        display_text("MILLBROOK, Ore. (Valley Wire) -- The  council voted on Tuesday.")
        == "The council voted on Tuesday."
    )
    assert (
        display_text("Officials said the bridge would close.")
        == "Officials said the bridge would close."
    )
    assert (
        display_text("MILLBROOK _ “Close the bridge now,” the engineer told the council.")
        == '"Close the bridge now," the engineer told the council.'
    )
    # places joined by "/", an agency whatever its brackets hold, or the agency alone
    for dateline in ("MILLBROOK/ASHFORD (Valley Wire) - ", "MILLBROOK (vw) - ", "(███) - ",
                     "(Valley Wire) - ", "ST ELBE’S, Ore. (Valley Wire) - "):
        assert display_text(dateline + "The council voted.") == "The council voted.", dateline
    # a capitalized word before a dash is no dateline
    assert display_text("Fares - up again - hurt riders.") == "Fares - up again - hurt riders."
    assert (
        display_text("ESTERBY, March 4 (Valley Wire) -- The ferry resumed service.")
        == "The ferry resumed service."
    )
    assert (
        display_text("PUBLISHED MARCH 4, 2025: The ferry resumed service on Monday.")
        == "The ferry resumed service on Monday."
    )
    assert display_text("Published figures: 12 votes to 3.") == "Published figures: 12 votes to 3."
    assert display_text("Ferry fares to rise in May..") == "Ferry fares to rise in May."
    assert display_text("Ferry fares to rise in May...") == "Ferry fares to rise in May..."
    # Capitalized words before a dash that are not followed by a word or a quotation stay.
    assert display_text("Harbor Board - 12 votes to 3.") == "Harbor Board - 12 votes to 3."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted on Tuesday to close the Elm Street bridge for repairs.", 0.0),
        ("Will the council vote on Tuesday to close the Elm Street bridge?", 0.7),
        ("Will the council vote on Tuesday to close the Elm Street bridge?.", 0.7),
        ("We think the council should close the Elm Street bridge for repairs.", 0.6),
        ("Officials approved the plan. – READ MORE", 1.0),
        ("The bridge is closed.", 0.7),
        ("and approved on Tuesday by the council, the plan closes the Elm Street bridge.", 0.6),
        ("eMotor workers approved the plan to close the Elm Street bridge for repairs.", 0.0),
        ("The US and Canada agreed on Tuesday to share the cost of the Elm Street bridge.", 0.0),
        ("Officials told us on Tuesday that the Elm Street bridge would close for repairs.", 0.6),
        ("OFFICIALS TOLD US ON TUESDAY THAT THE ELM STREET BRIDGE WOULD CLOSE FOR GOOD.", 0.6),
        ("But the council voted on Tuesday to keep the Elm Street bridge open to buses.", 0.5),
        ("However, the council voted on Tuesday to keep the Elm Street bridge open.", 0.5),
        ("They voted on Tuesday to keep the Elm Street bridge open to buses and bicycles.", 0.5),
        ("Now they want the Elm Street bridge kept open to buses and bicycles all year.", 0.5),
        ("Now the council wants the Elm Street bridge kept open to buses all year.", 0.0),
        ("This means that the Elm Street bridge will stay closed to buses all year.", 0.5),
        ("That's the number of buses the council sent to the Elm Street bridge.", 0.5),
        ("That’s why the council sent buses to the Elm Street bridge on Tuesday.", 0.5),
        ("This week the council voted to keep the Elm Street bridge open to buses.", 0.0),
        ("That included the cost of closing the Elm Street bridge to buses all year.", 0.5),
        ("That led the council to close the Elm Street bridge to buses all year.", 0.5),
        ("That need for a new Elm Street bridge was raised by the council on Tuesday.", 0.0),
        ("(The council could close the Elm Street bridge if the state refuses to pay.)", 0.5),
        ("(Officials) said the Elm Street bridge would close to buses on Tuesday.", 0.0),
        ("Thatcher Road and the Elm Street bridge will stay closed to buses all year.", 0.0),
        ("COUNCIL VOTES TO KEEP THE ELM STREET BRIDGE OPEN TO BUSES ALL YEAR.", 0.6),
        ("The NATO and EU envoys crossed the Elm Street bridge by bus on Tuesday.", 0.0),
        ("FAA, NTSB AND EPA staff inspected the Elm Street bridge on Tuesday.", 0.0),
        ("Butler County voted on Tuesday to keep the Elm Street bridge open to buses.", 0.0),
        ("The paper said on Tuesday that the Elm Street bridge would close for repairs.", 0.5),
        ("The paper, citing a clerk, said the Elm Street bridge would close on Tuesday.", 0.5),
        ("The sources said the council would vote on the Elm Street bridge on Tuesday.", 0.5),
        ("The paperwork for the Elm Street bridge repairs was filed with the council.", 0.0),
        ("The Paper Mill Act funds repairs to the Elm Street bridge from next Tuesday.", 0.0),
        ("The report did not say when the Elm Street bridge would close for repairs.", 0.5),
        ("The report, released on Tuesday, said the Elm Street bridge would close.", 0.0),
        # the end of a quotation begun in an earlier sentence
        ('This vote is about a safe crossing for the whole town of Millbrook."', 0.5),
        # an item of a list the page runs on one line with dashes
        ("– The council voted on Tuesday to close the Elm Street bridge for repairs.", 0.6),
        ("— The council voted on Tuesday to close the Elm Street bridge for repairs.", 0.6),
    ],
)
def test_own_penalty(text, expected):
    assert own_penalty(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "headline", "expected"),
    [
        ("Council closes Elm Street bridge.", True, 0.0),
        ("Council closes Elm Street bridge.", False, 0.7),
        ("Elm Street bridge closes.", True, 0.7),
    ],
)
def test_headlines_may_be_short(text, headline, expected):
    assert own_penalty(text, headline=headline) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "headline", "expected"),
    [
        ("Why it matters: The Elm Street bridge carries most of the town's freight.", False, 0.5),
        ("Reality check: The bridge fund holds less than the council said it would.", False, 0.5),
        ("The numbers: Repairs to the Elm Street bridge will cost $4 million in all.", False, 0.5),
        ("Poll: Most residents want the Elm Street bridge kept open to traffic.", True, 0.0),
        ("Mayor Ruiz said: The Elm Street bridge will stay open to buses this year.", False, 0.0),
        ("He added: The Elm Street bridge will stay open to buses until spring.", False, 0.5),
        ("Consider: * The Elm Street bridge has been closed twice in the past year.", False, 0.6),
        ("\u25a0 The council set aside $4 million for the Elm Street bridge repairs.", False, 0.6),
        ("-Repairs to the Elm Street bridge deck and the two approach ramps.", False, 0.6),
        ("Repairs to the Elm Street bridge deck - and the approach ramps - come next.", False, 0.0),
        ("The council set aside $4 million * for the Elm Street bridge repairs.", False, 0.6),
        ("The council set aside 4*10 million dollars for the Elm Street bridge.", False, 0.0),
        ("How the Elm Street bridge closure unfolded:", True, 0.6),  # a lead-in, no statement
        ("Here is what the council decided about the Elm Street bridge:", False, 0.6),
    ],
)
def test_signposts_and_list_items_are_never_chosen(text, headline, expected):
    assert own_penalty(text, headline=headline) == pytest.approx(expected)


def test_single_quoted_words_are_not_the_outlet_speaking():
    quoted = "Mayor Ellen Varga vows to 'Keep Our Streets Clean' as the council passes the budget."
    assert own_penalty(quoted) == 0.0
    # An apostrophe opens no quotation: the outlet's own "our" still counts.
    own = "The council's vote on Tuesday closes our Elm Street bridge for two months of repairs."
    assert own_penalty(own) == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Not on my watch': Mayor Varga vetoes the Elm Street bridge closure", 0.5),
        ("'Reckless' council closes the Elm Street bridge for two months", 0.5),
        ('"Not on my watch": Mayor Varga vetoes the Elm Street bridge closure', 0.5),
        ("'90s-era Elm Street bridge closes for two months of deck repairs", 0.0),
        ("Mayor Varga vetoes the 'reckless' Elm Street bridge closure on Tuesday", 0.0),
    ],
)
def test_a_headline_opening_with_a_quotation_takes_the_quotation_penalty(text, expected):
    assert own_penalty(text, headline=True) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        # Cut off by the source: the last sentence ends mid-clause.
        ("The county will refund $2 million in parking fines to drivers who were", True, 0.6),
        ("The county will refund $2 million in parking fines to drivers who were", False, 0.0),
        ("The county will refund $2 million in parking fines, the treasurer said.", True, 0.0),
        ('The county treasurer told the board on Monday that the refund was "overdue."', True, 0.0),
        ("Will the county refund the $2 million in parking fines to ticketed drivers?", True, 0.7),
    ],
)
def test_last_sentence_cut_off_mid_clause_is_never_chosen(text, last, expected):
    assert own_penalty(text, last=last) == pytest.approx(expected)


def test_cut_off_headline_is_left_alone():
    assert own_penalty("County to refund parking fines", headline=True, last=True) == 0.0


def test_a_long_quotation_is_left_to_the_quotes_section():
    long_quote = (
        'Mayor Ellen Varga told the council on Monday that "the bridge has served this town for'
        ' ninety years and it will serve it again," before the vote on the repairs.'
    )
    short_quote = (
        'Mayor Ellen Varga told the council on Monday that the bridge was "worth saving" before'
        " the vote on the repairs."
    )
    assert own_penalty(long_quote) == pytest.approx(0.5)
    assert own_penalty(short_quote) == 0.0


def test_spaced_pairs_join_content_words_one_word_apart():
    terms = ["the", "mayor", "sign", "an", "order", "to", "close", "the", "bridge", "."]
    stops = [True, False, False, True, False, True, False, True, False, True]
    assert spaced_pairs(terms, stops) == {
        ("sign", "order"),
        ("order", "close"),
        ("close", "bridge"),
    }
    # Adjacent content words are plain bigrams already; two words apart are too far.
    assert (
        spaced_pairs(["bridge", "repair", "of", "the", "road"], [False, False, True, True, False])
        == set()
    )


def test_an_opinion_pieces_sentences_are_never_chosen_while_news_reports_it(parse):
    news = make_article(
        "The Millbrook council voted on Tuesday to close the Elm Street bridge for repairs.",
        title="Council votes to close bridge",
    )
    column = make_article(
        "Opinion: The council was wrong to close the Elm Street bridge for repairs.",
        title="Opinion: The bridge deserved better",
    )
    analysis = make_article("ANALYSIS | Why the Elm Street bridge vote matters to shops.")
    verdict = make_article(
        "The council finally did the right thing on Tuesday.",
        title="Good News: Millbrook Closes Its Crumbling Bridge",
    )
    assert [opinion_piece(p) for p in parse(news, column, analysis, verdict)] == [
        False, True, True, True
    ]
    story = build_story(SummaryRequest(parse(news, column)))
    assert [u.penalty for u in story.units] == [0.0, 1.0]
    # With no news report in the story, the column is summarized as any article would be.
    alone = build_story(SummaryRequest(parse(column)))
    assert [u.penalty for u in alone.units] == [0.0]


def _last_unit(parse, lead: str):
    title = "Harbor board backs ferry levy."
    story = build_story(SummaryRequest(parse(make_article(f"{title} {lead}", title=title))))
    return story.units[-1]


def test_a_cut_off_last_sentence_keeps_its_main_clause(parse):
    unit = _last_unit(
        parse,
        "The Millbrook harbor board approved a ferry levy on Monday, raising the fare for"
        " island commuters by a dollar and",
    )
    assert unit.text == "The Millbrook harbor board approved a ferry levy on Monday."
    assert (unit.penalty, unit.words) == (0.0, 10)
    assert unit.terms[-2:] == ("on", "monday")  # the cut tail's words are not its words
    appositive = _last_unit(
        parse, "The Millbrook harbor board approved a ferry levy on Monday, a move that"
    )
    assert appositive.text == "The Millbrook harbor board approved a ferry levy on Monday."


@pytest.mark.parametrize(
    "lead",
    [
        # The tail holds the attribution: cutting it would make the claim the summary's own.
        "The Millbrook harbor board will raise the island ferry fare by a dollar next month,"
        " the board's chairman told reporters on",
        # The rest of a list.
        "The Millbrook harbor board said the levy would pay for new docks, ferries, buoys and",
        # The cut would leave a quotation open.
        'The Millbrook harbor board called the ferry levy "a fair price for the island, a'
        ' lifeline for its commuters" in its vote on',
        # ... or a bracket.
        "The Millbrook harbor board approved the ferry levy on Monday (a fee paid by every"
        " rider, raising the fare by a dollar) in its vote on",
        # No clause boundary after the main verb.
        "In a vote that may reshape island commuting for years, the Millbrook harbor board on"
        " Monday approved a levy that",
        # Any verb of saying in the tail is its attribution, not only "said" or "told".
        "The Millbrook harbor board will raise the island ferry fare by a dollar next month,"
        " a move its chairman argued would help the",
        # No verb at all: no main clause to keep.
        "A new ferry levy from the Millbrook harbor board for every island commuter this"
        " winter, despite",
    ],
)
def test_a_cut_off_sentence_without_a_clean_clause_stays_whole_and_out(parse, lead):
    unit = _last_unit(parse, lead)
    assert unit.text == lead
    assert unit.penalty == pytest.approx(0.6)
