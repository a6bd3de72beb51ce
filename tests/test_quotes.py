"""Quotes: extraction, speaker attribution and cross-outlet groups, on invented articles."""

from __future__ import annotations

import pytest

from conftest import make_article
from manysides.entities import extract_entities
from manysides.quote_groups import analyze_quotes, diff_words
from manysides.quotes import extract_quotes, quote_regions
from manysides.speakers import PersonIndex

HERALD = """Harbor City Mayor Delia Marchetti warned landlords on Monday that cutting off heat in winter will bring fines.

“It is essential, given the reports out there, to let tenants know, and especially landlords, that if they shut off the heat in January, they face action by my office and the housing court,” Marchetti said at a news conference.

The former prosecutor has clashed with the landlords' association before.
"""

LEDGER = """The mayor of Harbor City has put landlords on notice.

“It is essential, given the reports that are out there, to let tenants know … that if they shut off the heat in January, they face action by my office,” said Mayor Delia Marchetti.

“We will not wait for a tragedy,” she added.
"""

COURIER = """Tenants in Harbor City won a promise of help this week.

Delia Marchetti, the city's mayor, spoke to reporters on Monday. “It is really essential, given the reports that are out there, to let tenants know that if they shut off the heat in January, they face action by my office,” the mayor said.

According to the landlords' association, most buildings already meet the heating code.

Association director Omar Pryce told the Courier that the fines were unnecessary.
"""

SPEECH = """Fire Chief Lena Ostrowski spoke for nearly an hour on Tuesday.

“The station on Pier Road has not had a working ladder truck since March,” Ostrowski said. “Crews have borrowed one from the county twice this month.

“That is not a plan. That is luck, and luck runs out,” she said.

“We asked for the money,” the chief said, “and we were told to wait.”

Councilman Ray Dunmore, who chairs the budget committee, said the request would be heard in May.
"""


@pytest.fixture
def story(parse):
    articles = (
        make_article(HERALD, outlet="Harbor Herald"),
        make_article(LEDGER, outlet="Bay Ledger"),
        make_article(COURIER, outlet="Coast Courier"),
    )
    return parse(*articles)


def test_quote_regions_pair_curly_straight_and_paragraph_spanning_marks():
    text = 'He said “one two,” and "three four".\n\n“Five six.\n\n“Seven.” Done.'
    found = [[text[a:b] for a, b in r.parts] for r in quote_regions(text)]
    assert found == [["one two,"], ["three four"], ["Five six.", "Seven."]]


def test_two_apostrophes_pair_as_a_quotation_mark(parse):
    text = "''The pier opens in May,'' Harbor master Ines Duarte said, ''so bring a coat.''\n"
    found = [[text[a:b] for a, b in r.parts] for r in quote_regions(text)]
    assert found == [["The pier opens in May,"], ["so bring a coat."]]
    assert [(q.kind, q.speaker, q.text) for q in _parsed_quotes(parse, text)] == [
        ("direct", "Ines Duarte", "The pier opens in May, so bring a coat.")
    ]


def test_direct_quote_with_surname_resolved_to_full_name_and_role(story):
    quotes = extract_quotes(story[0])
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    quote = direct[0]
    assert quote.text.startswith("It is essential, given the reports out there")
    assert quote.text.endswith("by my office and the housing court")
    assert (quote.speaker, quote.speaker_text, quote.cue) == (
        "Delia Marchetti",
        "Marchetti",
        "said",
    )
    assert quote.role == "Harbor City Mayor"
    # The span keeps the comma that closes the quotation; the text leaves it out.
    assert story[0].article.text[quote.start : quote.end] == quote.text + ","
    assert quote.sentence == 1


def test_inverted_cue_pronoun_and_title(story):
    ledger = [q for q in extract_quotes(story[1]) if q.kind == "direct"]
    assert [(q.speaker, q.speaker_text, q.cue) for q in ledger] == [
        ("Delia Marchetti", "Mayor Delia Marchetti", "said"),
        ("Delia Marchetti", "she", "added"),
    ]
    courier = [q for q in extract_quotes(story[2]) if q.kind == "direct"]
    assert [(q.speaker, q.speaker_text) for q in courier] == [("Delia Marchetti", "the mayor")]


def test_reported_speech_and_according_to(story):
    quotes = extract_quotes(story[2])
    indirect = {(q.speaker, q.cue, q.text) for q in quotes if q.kind == "indirect"}
    assert (
        "the landlords' association",
        "according to",
        "most buildings already meet the heating code",
    ) in indirect
    assert ("Omar Pryce", "told", "that the fines were unnecessary") in indirect


def test_backquotes_open_a_quotation_that_two_apostrophes_close(parse):
    text = (
        "``The pier opens in May,'' Harbor master Ines Duarte said on Monday. ``Bring a coat to the dock.''"
        "\n\nShe said ``the ferry'' would wait.\n"
    )
    found = [[text[a:b] for a, b in r.parts] for r in quote_regions(text)]
    assert found == [["The pier opens in May,"], ["Bring a coat to the dock."], ["the ferry"]]
    assert [(q.kind, q.speaker, q.text) for q in _parsed_quotes(parse, text)][:2] == [
        ("direct", "Ines Duarte", "The pier opens in May"),
        ("direct", "Ines Duarte", "Bring a coat to the dock."),
    ]


def test_quote_across_paragraphs_and_interrupted_quote(parse):
    (article,) = parse(make_article(SPEECH))
    quotes = [q for q in extract_quotes(article) if q.kind == "direct"]
    assert [(q.speaker, q.text) for q in quotes] == [
        (
            "Lena Ostrowski",
            "The station on Pier Road has not had a working ladder truck since March",
        ),
        (
            "Lena Ostrowski",
            "Crews have borrowed one from the county twice this month. That is not a plan. That is luck, and luck runs out",
        ),
        ("Lena Ostrowski", "We asked for the money, and we were told to wait."),
    ]
    assert len(quotes[1].spans) == 2  # the quote runs over a paragraph break
    assert len(quotes[2].spans) == 2  # "the chief said" interrupts it
    reported = [q for q in extract_quotes(article) if q.kind == "indirect"]
    assert [(q.speaker, q.text) for q in reported] == [
        ("Ray Dunmore", "the request would be heard in May")
    ]


def test_unknown_speaker_stays_unknown(parse):
    text = "The sign on the door read “Closed until further notice, by order of the board.”\n"
    (article,) = parse(make_article(text))
    assert all(q.speaker is None for q in extract_quotes(article))


def test_diff_marks_truncation_splice_insertion_and_change():
    base = "It is essential, given the reports that are out there, to let tenants know that they face action"
    variant = "It is really essential, given the reports out there, to let tenants know … action"
    ops = [(op.op, op.base, op.variant) for op in diff_words(base, variant) if op.op != "equal"]
    assert ops == [
        ("insert", "", "really"),
        ("delete", "that are", ""),
        ("splice", "that they face", "…"),
    ]
    assert [op.op for op in diff_words("one two three four", "two three")] == [
        "truncate",
        "equal",
        "truncate",
    ]


def test_one_group_for_the_statement_three_outlets_quote(story):
    groups = analyze_quotes(story)
    group = groups[0]
    assert group.speaker == "Delia Marchetti"
    assert not group.speaker_conflict
    assert {v.article_id for v in group.variants} == {p.id for p in story}
    by_article = {v.article_id: v for v in group.variants}
    herald, ledger, courier = (by_article[p.id] for p in story)
    assert group.text == herald.text  # the longest version is the base
    assert herald.verbatim and herald.diff[0].op == "equal" and len(herald.diff) == 1
    assert [(d.op, d.base, d.variant) for d in ledger.diff if d.op != "equal"] == [
        ("insert", "", "that are"),
        ("splice", "and especially landlords", "…"),
        ("truncate", "and the housing court", ""),
    ]
    assert [(d.op, d.base, d.variant) for d in courier.diff if d.op != "equal"] == [
        ("insert", "", "really"),
        ("insert", "", "that are"),
        ("delete", "and especially landlords", ""),
        ("truncate", "and the housing court", ""),
    ]
    assert not ledger.verbatim and not courier.verbatim


def test_copies_add_no_variant_and_conflicting_speakers_are_flagged(parse):
    quote = "“Every bridge in the county will be inspected before the winter storms arrive,”"
    first = make_article(f"{quote} Commissioner Ada Whitlock said.\n", outlet="One")
    second = make_article(f"{quote} Commissioner Ben Okafor said on Friday.\n", outlet="Two")
    copy = make_article(f"{quote} Commissioner Ada Whitlock said.\n\nCopied.\n", outlet="Three")
    parsed = parse(first, second, copy)
    (group,) = analyze_quotes(parsed, copies={copy.id: first.id})
    assert {v.article_id for v in group.variants} == {first.id, second.id}
    assert group.speaker_conflict
    assert {v.speaker for v in group.variants} == {"Ada Whitlock", "Ben Okafor"}


def _quotes(parse, text):
    (article,) = parse(make_article(text))
    return [(q.kind, q.cue, q.speaker, q.text) for q in extract_quotes(article)]


def test_stance_verb_reports_its_object(parse):
    text = "Councilwoman Rita Vance denounced the toll increase as a tax on commuters.\n"
    assert _quotes(parse, text) == [
        ("indirect", "denounced", "Rita Vance", "the toll increase as a tax on commuters")
    ]


def test_any_verb_with_a_speaking_subject_and_a_clause_is_a_cue(parse):
    text = "Economists reckon the harbor tax will raise little money.\n\nThe delay means that buses will run late.\n"
    assert _quotes(parse, text) == [
        ("indirect", "reckon", "Economists", "the harbor tax will raise little money")
    ]


def test_headline_names_its_speaker_before_a_colon(parse):
    text = "Mayor Delia Marchetti: Heat cutoffs will bring fines\n\nThe mayor spoke on Monday.\n"
    assert _quotes(parse, text) == [
        ("indirect", ":", "Delia Marchetti", "Heat cutoffs will bring fines")
    ]


def test_partial_quote_belongs_to_the_cue_whose_clause_holds_it(parse):
    text = "Omar Pryce said the fines were “a solution in search of a problem” and would hurt small owners.\n"
    assert _quotes(parse, text) == [
        (
            "indirect",
            "said",
            "Omar Pryce",
            "the fines were “a solution in search of a problem” and would hurt small owners",
        ),
        ("partial", "said", "Omar Pryce", "a solution in search of a problem"),
    ]


def test_participle_and_passive_cues_find_their_speaker(parse):
    participle = (
        "Mayor Delia Marchetti spoke on Tuesday, calling the plan “a disgrace to the city.”\n"
    )
    assert {(q[1], q[2]) for q in _quotes(parse, participle)} == {("calling", "Delia Marchetti")}
    passive = "The toll plan was criticized by Omar Pryce as unfair to commuters.\n"
    assert _quotes(parse, passive) == [
        ("indirect", "criticized", "Omar Pryce", "as unfair to commuters")
    ]


def test_uncued_quotation_continues_the_speaker_just_quoted(parse):
    text = "Fire Chief Lena Ostrowski said the station needs a new truck. “We have waited two years for it.”\n"
    (article,) = parse(make_article(text))
    direct = [q for q in extract_quotes(article) if q.kind == "direct"]
    assert [(q.cue, q.speaker, q.speaker_text) for q in direct] == [
        (None, "Lena Ostrowski", "Fire Chief Lena Ostrowski")
    ]


def test_she_skips_a_man_named_more_recently(parse):
    text = (
        "Councilwoman Susan Whitfield met Mr. Berger on Monday.\n\n"
        "Mr. Berger proposed a new tax on boats.\n\n“We cannot afford it,” she said.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "proposed", "Berger", "a new tax on boats"),
        ("direct", "said", "Susan Whitfield", "We cannot afford it"),
    ]


def test_reported_clause_stops_before_the_speakers_next_act(parse):
    urged = "Harbor master Ines Duarte said the pier was safe, and urged boaters to return.\n"
    assert _quotes(parse, urged)[0] == ("indirect", "said", "Ines Duarte", "the pier was safe")
    echoing = (
        "Councilman Ray Dunmore said the vote should wait until May, echoing a letter from "
        "the mayor.\n"
    )
    # the participle is an attribution of its own: what the speaker echoed
    assert _quotes(parse, echoing) == [
        ("indirect", "said", "Ray Dunmore", "the vote should wait until May"),
        ("indirect", "echoing", "Ray Dunmore", "a letter from the mayor"),
    ]
    aside = (
        "Harbor master Ines Duarte said the city had hired Ana Ortiz, who ran the port for years.\n"
    )
    assert _quotes(parse, aside) == [
        ("indirect", "said", "Ines Duarte", "the city had hired Ana Ortiz")
    ]


def test_conjoined_cue_on_a_reported_clause_keeps_the_reporting_speaker(parse):
    text = (
        "Port spokesman Leo Hart said the Harbor Authority was not in danger, and urged that "
        "everyone stay calm.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "said", "Leo Hart", "the Harbor Authority was not in danger"),
        ("indirect", "urged", "Leo Hart", "that everyone stay calm"),
    ]


def test_role_noun_with_a_name_beside_it_resolves_to_the_name(parse):
    text = "The aide, Ann Roe, said the pier was closed.\n"
    (article,) = parse(make_article(text))
    assert [(q.speaker, q.role) for q in extract_quotes(article)] == [("Ann Roe", "The aide")]


def test_he_goes_to_the_person_made_subject_after_the_last_quote(parse):
    text = (
        "Mayor Ann Roe defended the budget on Tuesday.\n\n“The numbers add up,” Roe said.\n\n"
        "Councilman Peter Lindqvist sat through the debate. Lindqvist, however, voted for it "
        "after midnight.\n\n“I will not block a budget in an election year,” he said.\n"
    )
    direct = [
        (q.speaker, q.speaker_text) for q in _parsed_quotes(parse, text) if q.kind == "direct"
    ]
    assert direct == [("Ann Roe", "Roe"), ("Peter Lindqvist", "he")]


def test_she_goes_to_a_woman_named_since_a_speaker_of_unknown_gender(parse):
    text = (
        "The twins spoke briefly at the fair.\n\n“Nope,” Kiran said.\n\n"
        "Later came the harshest critic, Ms. Okafor, a blogger from Dayton.\n\n"
        "“They looked bored and rude,” she wrote on her site.\n"
    )
    assert [q.speaker for q in _parsed_quotes(parse, text)] == ["Kiran", "Okafor"]


def test_a_platform_tagged_as_a_person_is_no_candidate(parse):
    text = "Tomas Ferreira, who has 9,000 followers on Twitter, wrote to the council on Friday.\n"
    (article,) = parse(make_article(text))
    assert [name for _, name, _ in PersonIndex.of(article.doc).people] == ["Tomas Ferreira"]


def _parsed_quotes(parse, text):
    (article,) = parse(make_article(text))
    return extract_quotes(article)


def test_dateline_is_not_the_speaker_and_names_in_quotes_do_not_speak(parse):
    dateline = "RIVERTON — Mayor Ann Roe said on Monday that the bridge will reopen in June.\n"
    assert _quotes(parse, dateline) == [
        ("indirect", "said", "Ann Roe", "that the bridge will reopen in June")
    ]
    inside = "“Ask Tom Berger what he thinks of the tax,” Susan Whitfield said.\n"
    assert [q[2] for q in _quotes(parse, inside)] == ["Susan Whitfield"]


def test_a_dateline_is_not_part_of_what_was_said_nor_of_a_quotations_lead(parse):
    # Before: the reported clause began with the dateline, and a quotation opening the
    # sentence after a dateline was a partial quote plus a reported clause holding it.
    reported = "PORT ANSEL/EASTBROOK (Coast Wire) - The harbour board raised fares, Dana Molloy said.\n"
    assert _quotes(parse, reported) == [
        ("indirect", "said", "Dana Molloy", "The harbour board raised fares")
    ]
    alone = "(Coast Wire) - The harbour board raised fares, Dana Molloy said.\n"
    assert [q[3] for q in _quotes(parse, alone)] == ["The harbour board raised fares"]
    direct = "PORT ANSEL (Coast Wire) - “We had no choice,” said Dana Molloy, the board's chair.\n"
    assert _quotes(parse, direct) == [("direct", "said", "Dana Molloy", "We had no choice")]
    # the model makes the dash a verb, and the dateline a clause of "said"
    dashed = (
        "CALDER ― Ann Roe’s yearslong obsession with the ferry board’s budget is an insult to "
        "all riders, top union leaders said Friday afternoon.\n"
    )
    assert [q[2:] for q in _quotes(parse, dashed)] == [(
        "top union leaders",
        "Ann Roe’s yearslong obsession with the ferry board’s budget is an insult to all riders",
    )]


def test_a_title_before_a_name_leaves_the_name_speaking_and_a_noun_is_no_one(parse):
    # Before: the parser gave "said" two subjects, "chair" and "Molloy", and the first
    # spoke; then "Fares", which the model tagged a person, was whom "she" referred to.
    text = (
        "The harbour board raised ferry fares on Monday, its chair Dana Molloy said.\n\n"
        "Fares will rise by 5 percent, she said.\n"
    )
    assert [q[2:] for q in _quotes(parse, text)] == [
        ("Dana Molloy", "The harbour board raised ferry fares on Monday"),
        ("Dana Molloy", "Fares will rise by 5 percent"),
    ]


def test_group_base_is_the_span_every_version_shares(parse):
    cue = " Harbor master Ines Duarte said."
    short = make_article(
        f"“The north pier will close for repairs until the spring thaw,”{cue}\n", outlet="A"
    )
    longer = make_article(
        "“The north pier will close for repairs until the spring thaw. Boats must use the "
        f"south dock,”{cue}\n",
        outlet="B",
    )
    (group,) = analyze_quotes(parse(short, longer))
    assert group.text == "The north pier will close for repairs until the spring thaw."
    by_article = {v.article_id: v for v in group.variants}
    assert [(d.op, d.variant) for d in by_article[short.id].diff] == [
        ("equal", "The north pier will close for repairs until the spring thaw")
    ]
    assert [(d.op, d.base, d.variant) for d in by_article[longer.id].diff if d.op != "equal"] == [
        ("extend", "", "Boats must use the south dock")
    ]
    assert by_article[longer.id].verbatim


def test_continue_cues_a_quotation_but_reports_no_clause(parse):
    text = (
        "Fire Chief Lena Ostrowski took questions.\n\n"
        "“We will rebuild the station,” she continued.\n\nFuel prices continued to rise in May.\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "continued", "Lena Ostrowski", "We will rebuild the station")
    ]


def test_a_verb_inside_what_was_said_is_no_attribution_of_its_own(parse):
    text = "Mayor Ann Roe told voters she would consider a veto a betrayal of the port.\n"
    assert _quotes(parse, text) == [
        ("indirect", "told", "Ann Roe", "she would consider a veto a betrayal of the port")
    ]


def test_question_split_from_its_cue_sentence_keeps_the_cue(parse):
    # the quotation after the cue sentence is one of its own, attributed through that cue
    text = "“How long must the tenants wait?” Marchetti asked. “They have waited since March.”\n"
    assert _quotes(parse, text) == [
        ("direct", "asked", "Marchetti", "How long must the tenants wait?"),
        ("direct", "asked", "Marchetti", "They have waited since March."),
    ]


def test_a_long_cue_sentence_still_joins_the_interrupted_quotation(parse):
    text = (
        "“The pier is safe,” said Ines Duarte, a harbor pilot who has worked with the port "
        "authority for years, “but the ferries must wait.”\n"
    )
    assert [(q[0], q[2], q[3]) for q in _quotes(parse, text)] == [
        ("direct", "Ines Duarte", "The pier is safe, but the ferries must wait.")
    ]


def test_a_quotation_after_a_full_stop_is_a_quote_of_its_own_with_the_same_cue(parse):
    # “A,” she said at the dock. “B.”: two quotations (not "A, B"), both hers through
    # the one cue, as they are one attribution to PolNeAR
    text = (
        "“No ferry will sail with a cracked hull,” Harbor master Ines Duarte said at the dock. "
        "“If you try it now, you will lose your license.”\n"
    )
    (article,) = parse(make_article(text))
    quotes = extract_quotes(article)
    assert [(q.kind, q.cue, q.speaker, q.sentence, q.text) for q in quotes] == [
        ("direct", "said", "Ines Duarte", 0, "No ferry will sail with a cracked hull"),
        ("direct", "said", "Ines Duarte", 1, "If you try it now, you will lose your license."),
    ]
    assert quotes[0].cue_start == quotes[1].cue_start == text.index("said")
    assert [len(q.spans) for q in quotes] == [1, 1]


def test_a_quotation_with_its_own_speaker_does_not_join_the_one_before(parse):
    text = (
        "“The toll will rise in June,” Mayor Ann Roe said. “Not if the council can help it,” "
        "Councilman Ray Dunmore replied.\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "said", "Ann Roe", "The toll will rise in June"),
        ("direct", "replied", "Ray Dunmore", "Not if the council can help it"),
    ]


def test_an_inverted_cue_misread_as_a_modifier_is_not_part_of_the_name(nlp):
    from spacy.tokens import Doc

    from manysides.speakers import noun_phrase

    words = ["added", "Brennan", ",", "the", "acting", "director"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 5, 5, 1],
        deps=["amod", "ROOT", "punct", "det", "amod", "appos"],
        tags=["VBD", "NNP", ",", "DT", "VBG", "NN"],
        pos=["VERB", "PROPN", "PUNCT", "DET", "VERB", "NOUN"],
    )
    assert noun_phrase(doc[1]).text == "Brennan"
    assert noun_phrase(doc[5]).text == "the acting director"


def test_verbs_coordinated_with_the_cue_by_mistake_continue_its_object(parse):
    text = "Mayor Ann Roe wants to widen the harbor road, rebuild the pier and open a ferry line.\n"
    assert _quotes(parse, text) == [
        (
            "indirect",
            "wants",
            "Ann Roe",
            "to widen the harbor road, rebuild the pier and open a ferry line",
        )
    ]


def test_a_clause_inside_a_nested_clause_is_not_hidden_by_it(parse):
    text = (
        "Later that day, Roe fired back a reply saying she would not support Dunmore’s budget "
        "and suggesting that the council should do what is best for the city.\n"
    )
    assert [(q[1], q[3]) for q in _quotes(parse, text)] == [
        ("saying", "she would not support Dunmore’s budget"),
        ("suggesting", "that the council should do what is best for the city"),
    ]


def test_a_quoted_title_outside_the_reported_clause_is_not_a_quote(parse):
    title = "Ann Roe, who hosts “Harbor Talk” on Sundays, said the pier would reopen.\n"
    assert _quotes(parse, title) == [("indirect", "said", "Ann Roe", "the pier would reopen")]
    inside = "Roe said the council had acted “in bad faith” and would regret it.\n"
    assert ("partial", "said", "Roe", "in bad faith") in _quotes(parse, inside)
    # a title may open with a number
    numbered = (
        "In an interview that aired on “48 Hours,” Roe said the pier would reopen "
        "“in the coming weeks.”\n"
    )
    assert _quotes(parse, numbered) == [
        ("indirect", "said", "Roe", "the pier would reopen “in the coming weeks”"),
        ("partial", "said", "Roe", "in the coming weeks."),
    ]
    # the parser cuts a lead-in holding a title in two; its colon still leads to the quotation
    # (before, the quotation was lost: no cue in its parse's sentence)
    lead_in = "Mr. Roe told KXL’s “Face the Harbor” on Sunday: “The pier will reopen in May.”\n"
    assert _quotes(parse, lead_in) == [("direct", "told", "Roe", "The pier will reopen in May.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ann Roe told CBS News’s “Face the Nation” on Sunday that the levy would pass.\n",
            [("indirect", "told", "Ann Roe", "that the levy would pass")],
        ),
        (
            "Ann Roe said on CNN’s “State of the Union” that the vote would be close.\n",
            [("indirect", "said", "Ann Roe", "that the vote would be close")],
        ),
        (  # the quotation after the colon is what was told
            "Ann Roe told CBS News’s “Face the Nation” on Sunday: “The levy will pass.”\n",
            [("direct", "told", "Ann Roe", "The levy will pass.")],
        ),
        (  # a title alone may be what was said
            "The crowd chanted “Dump Roe” all night.\n",
            [("indirect", "chanted", "the crowd", "Dump Roe"), ("partial", "chanted", "the crowd", "Dump Roe")],
        ),
    ],
)
def test_the_show_a_speaker_spoke_on_is_not_what_they_said(parse, text, expected):
    # Before: the parser hung the clause on the show's title, and "“Face the Nation” on
    # Sunday that the levy would pass" was what Roe told, with the title a partial quote.
    assert _quotes(parse, text) == expected


def test_a_parenthetical_cue_is_left_out_of_the_clause_it_interrupts(parse):
    text = "The harbor tax, Roe said, was never meant to last.\n"
    (quote,) = _parsed_quotes(parse, text)
    assert (quote.kind, quote.cue, quote.speaker, quote.text) == (
        "indirect",
        "said",
        "Roe",
        "The harbor tax was never meant to last",
    )
    assert [text[a:b] for a, b in quote.spans] == ["The harbor tax", "was never meant to last"]


def test_a_listener_or_a_date_is_not_what_was_said(parse):
    listener = "Ann Roe spoke to the council, and Ann Roe told reporters on Friday.\n"
    assert _quotes(parse, listener) == []
    shows = "A harbor poll shows Ann Roe with a lead of nine points.\n"
    assert _quotes(parse, shows) == [
        ("indirect", "shows", "a harbor poll", "Ann Roe with a lead of nine points")
    ]


def test_a_participle_that_names_a_thing_is_no_cue(parse):
    assert _quotes(parse, "Mayor Ann Roe fished in a mountain stream called Miracle Run.\n") == []
    assert _quotes(parse, "Mayor Ann Roe called the toll plan a disaster.\n") == [
        ("indirect", "called", "Ann Roe", "the toll plan a disaster")
    ]


def test_a_section_label_before_a_colon_is_no_speaker(parse):
    note = "Editor's note: Ann Roe is a regular contributor to the Harbor Ledger.\n"
    assert _quotes(parse, note) == []
    heading = (
        "Little Relief: The ferry crisis is the sort of problem the council was made to solve.\n"
    )
    assert _quotes(parse, heading) == []


def test_a_poll_reports_the_clause_it_introduces_with_in(parse):
    assert _quotes(parse, "In the harbor poll, Ann Roe leads the race by nine points.\n") == [
        ("indirect", "in", "the harbor poll", "Ann Roe leads the race by nine points")
    ]
    assert _quotes(parse, "In a new report, the council said the pier would reopen.\n") == [
        ("indirect", "said", "the council", "the pier would reopen")
    ]


@pytest.mark.usefixtures("rules_alone")
def test_pointed_to_reports_what_it_points_to(parse):
    text = "Councilman Ray Dunmore pointed to the ferry fire as proof that the dock needs repair.\n"
    assert _quotes(parse, text) == [
        (
            "indirect",
            "pointed",
            "Ray Dunmore",
            "to the ferry fire as proof that the dock needs repair",
        )
    ]


def test_see_as_states_a_view_and_seeing_does_not(parse):
    assert _quotes(parse, "Harbor critics see the toll as a tax on commuters.\n") == [
        ("indirect", "see", "Harbor critics", "the toll as a tax on commuters")
    ]
    assert _quotes(parse, "Mayor Ann Roe saw the ferry leave at noon.\n") == []


def test_words_quoted_inside_a_reported_clause_are_the_outer_speakers(parse):
    # "hopes" is part of what Roe said: the quotation marks give her words, not the council's
    text = "Senator Ann Roe said the council hopes “to finish the pier by June.”\n"
    assert _quotes(parse, text) == [
        ("indirect", "said", "Ann Roe", "the council hopes “to finish the pier by June”"),
        ("partial", "said", "Ann Roe", "to finish the pier by June."),
    ]


def test_a_saying_inside_what_another_said_is_part_of_those_words(parse):
    text = "Senator Ann Roe said the mayor had said the pier would reopen.\n"
    assert _quotes(parse, text) == [
        ("indirect", "said", "Ann Roe", "the mayor had said the pier would reopen")
    ]


@pytest.mark.usefixtures("rules_alone")
def test_an_as_aside_after_a_clause_reports_that_clause_not_the_main_one(parse):
    # the union urged a later vote; the mayor's refusal is not the union's words, and the
    # one asked has no say in what she was asked
    text = (
        "Councilor Ruth Okafor said the harbor levy was fair.\n\n"
        "Asked whether a later vote would help, as the tenants' union urged on Monday, "
        "Mayor Delia Marchetti refused the delay.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "said", "Ruth Okafor", "the harbor levy was fair"),
        ("indirect", "asked", None, "whether a later vote would help"),
        ("indirect", "urged", "the tenants' union", "whether a later vote would help"),
        ("indirect", "refused", "Delia Marchetti", "the delay"),
    ]


def test_the_one_asked_is_no_speaker_of_the_question_but_of_the_reply(parse):
    text = (
        "Asked whether the pier would reopen by summer, Mayor Delia Marchetti said repairs "
        "would take a year.\n\n"
        "Asked whether the county should pay, Councilor Ruth Okafor shot back: "
        "“That would be good.”\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "asked", None, "whether the pier would reopen by summer"),
        ("indirect", "said", "Delia Marchetti", "repairs would take a year"),
        ("direct", "asked", "Ruth Okafor", "That would be good."),
    ]


def test_of_two_subjects_a_long_sentence_gives_a_cue_the_one_next_to_it_speaks(parse):
    # the parser makes "attacker" and "she" both subjects of "thought"; she is the thinker
    text = (
        "Professor Dana Whitfield spoke to the panel on Monday.\n\n"
        "Her attacker, whom she recalled then and now as Tom Dunn, clapped his hand across "
        "her mouth when she screamed, pushing down so tightly she could not breathe, so "
        "tightly she thought he might kill her by accident.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "thought", "Dana Whitfield", "he might kill her by accident")
    ]


def test_a_view_whose_as_clause_the_content_cannot_reach_is_no_quote(parse):
    # The parser hangs "as badly flawed" on "flawed" (not on "see"), so the content would
    # stop at the object: "the plan" is not what the dock workers think.
    assert _quotes(parse, "Dock workers see the plan as badly flawed.") == []


# --- a news outlet that relays a quote is not its speaker ---------------------------------


def test_a_quotation_an_outlet_reports_is_the_inner_speakers(parse):
    # the wire service tells where the words were read; "said" tells who spoke them. A
    # quotation only the outlet reports stays the outlet's, and an agency named "Service"
    # is no outlet.
    text = (
        "“The ferry will run all winter,” Mayor Odile Fenn said at the pier, "
        "the Brackwater Wire Service reported.\n\n"
        "“Ice closed the channel twice last year,” the Brackwater Wire Service reported.\n\n"
        "Snow is likely by Friday, Harbor Weather Service forecasters said, "
        "the Tollan Herald reported.\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "said", "Odile Fenn", "The ferry will run all winter"),
        (
            "direct",
            "reported",
            "the Brackwater Wire Service",
            "Ice closed the channel twice last year",
        ),
        ("indirect", "said", "Harbor Weather Service forecasters", "Snow is likely by Friday"),
    ]


def test_words_a_person_wrote_stay_theirs_when_an_outlet_reported_them(parse):
    text = (
        "Judge Marta Quill wrote that the county may charge a fee but “may not close "
        "the beach to residents,” the Tollan Herald reported.\n"
    )
    assert _quotes(parse, text) == [
        (
            "indirect",
            "wrote",
            "Marta Quill",
            "that the county may charge a fee but “may not close the beach to residents”",
        ),
        ("partial", "wrote", "Marta Quill", "may not close the beach to residents"),
    ]


def test_according_to_an_outlet_adds_no_quote_to_the_speakers(parse):
    text = (
        "“The pier stays closed until spring,” Fenn said, according to the Tollan Herald.\n\n"
        "Harbor master Eli Varga told reporters the channel would be dredged, "
        "according to the Brackwater Gazette.\n\n"
        # a person whose surname is a press word is no outlet
        "“The dunes are shrinking,” Peter Post said, according to the Tollan Herald.\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "said", "Fenn", "The pier stays closed until spring"),
        ("indirect", "told", "Eli Varga", "the channel would be dredged"),
        ("direct", "said", "Peter Post", "The dunes are shrinking"),
    ]


def test_according_to_an_outlet_before_the_speaker_adds_no_quote(parse):
    # a verb deep inside the outlet's words ("declared", under "studied") speaks none of
    # them: the outlet keeps its attribution there
    text = (
        "According to the Tollan Herald, harbor master Eli Varga said the channel would close.\n\n"
        "According to the Tollan Herald, port engineers studied how the tides would shift once "
        "the mayor declared a closure.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "said", "Eli Varga", "the channel would close"),
        (
            "indirect",
            "according to",
            "the Tollan Herald",
            "port engineers studied how the tides would shift once the mayor declared a closure",
        ),
    ]


def test_the_person_an_outlet_quotes_is_the_speaker(parse):
    text = (
        "The Tollan Herald called the vote a setback for the port, quoting dock worker "
        "Nils Ambry: “We were never asked, and now we are told to wait.”\n\n"
        "The Brackwater Times quoted Mayor Odile Fenn as saying “the ferry will run all winter.”\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "quoting", "Nils Ambry", "We were never asked, and now we are told to wait."),
        ("indirect", "saying", "Odile Fenn", "the ferry will run all winter"),
        ("partial", "saying", "Odile Fenn", "the ferry will run all winter."),
    ]


def test_the_press_named_by_a_common_noun_relays_too(parse):
    text = (
        "“The ferry will run all winter,” Fenn said, the newspaper reported.\n\n"
        "Harbor master Eli Varga said the channel would close, according to a news agency.\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "said", "Fenn", "The ferry will run all winter"),
        ("indirect", "said", "Eli Varga", "the channel would close"),
    ]


def test_an_outlet_relays_only_the_speakers_its_words_hang_on(parse):
    # each case fails without its rule: a cue deep inside the outlet's words (``_relayed``:
    # "said" under "weighed") is no speaker of them; a verb the model turns down ("added")
    # is no speaker (``_speaking``); "organization" is the press only after "news", "wire"
    # or "press" (``_outlet``)
    deep = (
        "According to the Tollan Herald, aides weighed what to do if the mayor said the ferry "
        "would stop.\n"
    )
    assert _quotes(parse, deep) == [
        (
            "indirect",
            "according to",
            "the Tollan Herald",
            "aides weighed what to do if the mayor said the ferry would stop",
        )
    ]
    unspoken = "Volunteers added 40 buoys, the Tollan Herald reported.\n"
    assert _quotes(parse, unspoken) == [
        ("indirect", "reported", "the Tollan Herald", "Volunteers added 40 buoys")
    ]
    organization = (
        "Harbor master Eli Varga said the channel would close, according to the organization.\n"
    )
    assert _quotes(parse, organization) == [
        (
            "indirect",
            "according to",
            "the organization",
            "Harbor master Eli Varga said the channel would close",
        )
    ]


def test_reported_speech_ending_in_a_partial_quote_closes_it(parse):
    # The content stops before the closing mark; shown, 'the order “will cost jobs' read as
    # a quotation left open.
    (article,) = parse(make_article("An aide said the senator “was not consulted.” A clerk said the file \"was lost.\""))
    reported = [q.text for q in extract_quotes(article) if q.kind == "indirect"]
    assert reported == ["the senator “was not consulted”", 'the file "was lost"']
    # Words that stop inside a quotation stay open: the quotation does not end there.
    (article,) = parse(make_article('Quist said repairs would take "at least a year, maybe two."'))
    reported = [q.text for q in extract_quotes(article) if q.kind == "indirect"]
    assert reported == ['repairs would take "at least a year']


def test_a_quotation_a_clause_introduces_with_a_colon_is_its_subjects(parse):
    # No word of saying: before, the quotation had no cue and went to whoever was quoted
    # last ("Vale" here) or to no one.
    text = (
        "“We need the study,” said council member Ada Vale.\n\n"
        "The union's leader, Paolo Ricci, was less patient: “Enough studies. Fix the wall now.”\n\n"
        "The report's conclusion was stark: “The wall will fail within a decade.”"
    )
    (article,) = parse(make_article(text))
    found = [(q.kind, q.speaker, q.cue, q.text) for q in extract_quotes(article) if q.kind == "direct"]
    assert found == [
        ("direct", "Ada Vale", "said", "We need the study"),
        ("direct", "Paolo Ricci", ":", "Enough studies. Fix the wall now."),
    ]  # a report's conclusion cannot speak: that quotation stays out


@pytest.mark.usefixtures("rules_alone")
def test_what_a_listener_is_accused_of_is_what_was_said(parse):
    # "of" hangs on the listener, not on the cue; the clause the participle modifies is
    # the writer's, not the accusation
    text = (
        "Meanwhile, Ann Roe is lashing out at the harbor board, accusing the president "
        "of ordering an inquiry that was too narrow.\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "accusing", "Ann Roe", "of ordering an inquiry that was too narrow")
    ]


def test_words_running_on_into_a_cue_are_no_fronted_report(parse):
    text = (
        "Ann Roe spoke to the panel. Her account has not been corroborated, and the three "
        "witnesses she says she remembers were at the party have each said they can not "
        "recall anything like what she describes.\n"
    )
    said = [q[3] for q in _quotes(parse, text)]
    assert "Her account has not been corroborated, and the three witnesses" not in said
    fronted = "The pier will reopen next week, Roe said.\n"
    assert _quotes(parse, fronted) == [("indirect", "said", "Roe", "The pier will reopen next week")]


def test_a_clause_that_holds_a_quotation_and_goes_on_is_reported_beside_it(parse):
    # the quoted words are the harbor master's; what she said is the whole clause, so it is
    # reported too (with its opening mark), and a reported clause inside it stays its own
    text = (
        "“We are saddened and angry” by the closing of the old pier on the east shore, "
        "Dana Whitcombe said.\n\n"
        "Whitcombe told the Gazette that she found it “odd” that the board waited so long, "
        "“after having had the engineers' report for six weeks.”\n\n"
        "“The pier is closed,” Whitcombe said on Tuesday.\n"
    )
    assert _quotes(parse, text) == [
        (
            "indirect",
            "said",
            "Dana Whitcombe",
            "“We are saddened and angry” by the closing of the old pier on the east shore",
        ),
        ("direct", "said", "Dana Whitcombe", "We are saddened and angry"),
        (
            "indirect",
            "told",
            "Dana Whitcombe",
            "that she found it “odd” that the board waited so long, “after having had the "
            "engineers' report for six weeks”",
        ),
        ("indirect", "found", "Dana Whitcombe", "it “odd” that the board waited so long"),
        ("partial", "told", "Dana Whitcombe", "odd"),
        ("direct", "told", "Dana Whitcombe", "after having had the engineers' report for six weeks."),
        ("direct", "said", "Dana Whitcombe", "The pier is closed"),
    ]


def test_a_quotation_a_clause_of_the_writer_leads_into_goes_on_from_the_quote_before(parse):
    # "Unless ...," sets the quotation off as an opening "Roe said," would: it is a
    # quotation of its own (the speaker's, from the sentence before), not a fragment
    text = (
        "“This is the worst flood I have seen,” said Mayor Dana Whitcombe of Port Ansel. "
        "Unless the river drops by Friday, “the whole east side will be under water by "
        "the weekend.”\n"
    )
    assert _quotes(parse, text) == [
        ("direct", "said", "Dana Whitcombe", "This is the worst flood I have seen"),
        ("direct", None, "Dana Whitcombe", "the whole east side will be under water by the weekend."),
    ]


def test_offices_before_a_name_are_its_role_not_part_of_it(parse):
    # the model tags "Treasurer" with the name; a name tagged whole has no given names
    # missing, so the words before it are the role
    text = (
        "City Treasurer Nadia Pell said, “The books are closed.”\n\n"
        "Harbor News Chief Political Analyst Marcus Whitfield says, “It is striking to see "
        "a nominee use that word.”\n"
    )
    assert [(q.speaker, q.role) for q in _parsed_quotes(parse, text)] == [
        ("Nadia Pell", "City Treasurer"),
        ("Marcus Whitfield", "Harbor News Chief Political Analyst"),
    ]


def test_a_statement_a_named_ones_office_issued_is_that_offices(parse):
    text = (
        "Senator Ruth Okafor opposed the delay on Tuesday. Okafor's office issued a statement "
        "that called the report “a rushed job”. The statement also criticized the board's "
        "timing.\n"
    )
    assert [(q.cue, q.speaker, q.text) for q in _parsed_quotes(parse, text)] == [
        ("opposed", "Ruth Okafor", "the delay on Tuesday"),
        ("called", "Okafor's office", "the report"),
        ("called", "Okafor's office", "a rushed job"),
        ("criticized", "Okafor's office", "the board's timing"),
    ]


def test_a_cue_going_on_in_a_relative_clause_is_its_antecedents(parse):
    text = "Tenants joined Harbor Action, which opposed the toll and argued that it would hurt commuters.\n"
    assert [(q.cue, q.speaker, q.text) for q in _parsed_quotes(parse, text)] == [
        ("opposed", "Harbor Action", "the toll"),
        ("argued", "Harbor Action", "that it would hurt commuters"),
    ]


@pytest.mark.parametrize(
    "middle",
    [
        # pronouns before the name are someone else's ("Her lawyers ... as Judge Tom Dunn")
        "Her lawyers and her family sat behind her as Judge Tom Dunn listened.",
        # pronouns inside his quotation are whom he speaks of
        "Judge Tom Dunn wrote: “She let her district down, and her own staff knew it.”",
    ],
)
def test_pronouns_that_are_someone_elses_do_not_make_a_man_a_she(parse, middle):
    text = (
        "Professor Dana Whitfield testified on Thursday about the night in question.\n\n"
        f"{middle}\n\n“I never met her,” he said.\n"
    )
    last = _parsed_quotes(parse, text)[-1]
    assert (last.text, last.speaker) == ("I never met her", "Tom Dunn")


def test_the_name_right_after_an_inverted_cue_speaks_when_the_parse_gives_it_elsewhere(parse):
    # the parser makes the senator the subject of "asked", leaving "said" with none
    text = (
        "“We feel good about it, but every senator votes their conscience,” said Sen. Marcus "
        "Whitfield (R-Ore.), the No. 3 Republican senator, asked about the prospects for "
        "Saturday’s vote.\n"
    )
    # and he was the one asked about the prospects, not the one asking
    assert [(q.kind, q.cue, q.speaker) for q in _parsed_quotes(parse, text)] == [
        ("direct", "said", "Marcus Whitfield"),
        ("indirect", "asked", None),
    ]


def test_a_pronoun_opening_the_names_own_clause_tells_its_gender(parse):
    # "her" before the name is hers: "he" cannot be the councilor, and no man is named
    text = (
        "Fighting to save her seat, Councilor Dana Whitfield met the voters on Monday.\n\n"
        "“I will win,” he said.\n"
    )
    assert [(q.text, q.speaker) for q in _parsed_quotes(parse, text)] == [("I will win", None)]


def test_a_bare_surname_two_people_share_is_the_one_named_in_full_more_often(parse):
    # not the longer name: the son's name is longer, the governor the one the story is about
    text = (
        "Governor Ruth Okafor opened the session on Monday. Ruth Okafor said the budget "
        "would pass.\n\n"
        "Marcus Okafor, who runs a shipping firm, met the board last year.\n\n"
        "Okafor said on Tuesday that she had never discussed the firm with anyone.\n"
    )
    last = _parsed_quotes(parse, text)[-1]
    assert (last.text, last.speaker) == (
        "that she had never discussed the firm with anyone", "Ruth Okafor"
    )


def test_a_new_label_before_a_colon_is_no_speaker(parse):
    text = (
        "NEW: Adam Ruiz has reached agreement with the witness to come before the committee, "
        "he tells reporters, and says he expects to hear from the witness “very soon.”\n"
    )
    assert {q.speaker for q in _parsed_quotes(parse, text)} == {"Adam Ruiz"}


@pytest.mark.parametrize(
    ("councilor", "speaker"),
    [
        ("Ruth Okafor", "Joe Dunn"),  # the one Joe of the article
        ("Joe Okafor", "Joe"),  # two Joes: which one is not said
    ],
)
def test_a_given_name_alone_is_the_one_person_of_the_article_it_names(parse, councilor, speaker):
    text = (
        f"Mayor Joe Dunn spoke on Monday. Councilor {councilor} disagreed.\n\n"
        "“We will wait,” Joe said.\n"
    )
    assert [(q.text, q.speaker) for q in _parsed_quotes(parse, text)] == [("We will wait", speaker)]


def test_an_uncued_quotation_does_not_go_on_from_what_images_showed(parse):
    # Before: the posted notice below was headed as the drone footage's words.
    text = (
        "Residents lined the river on Friday night. Drone footage showed them waving at the "
        "fire crews.\n\n“Road closed. Crews on the scene.”\n"
    )
    assert _quotes(parse, text) == [
        ("indirect", "showed", "Drone footage", "them waving at the fire crews"),
        ("direct", None, None, "Road closed. Crews on the scene."),
    ]
    # A person who showed something may go on speaking.
    shown = text.replace("Drone footage showed", "Mayor Ann Roe showed")
    assert [q[2] for q in _quotes(parse, shown)] == ["Ann Roe", "Ann Roe"]


def test_words_quoted_under_what_a_thing_shows_are_the_speakers_above_it(parse):
    # Before: the quoted words were headed as the vote's.
    text = "Ken Roe made the case that the vote shows “the town has never been this divided.”\n"
    assert _quotes(parse, text) == [
        ("indirect", "shows", "the vote", "the town has never been this divided"),
        ("partial", "shows", "Ken Roe", "the town has never been this divided."),
    ]


def test_a_pronoun_speaker_is_never_a_name_the_text_makes_a_place(parse):
    # Before: the model tagged the town a person, and "he" was headed as the town.
    text = (
        "Our bus reached the city of Marisa, the capital of Verol province, at noon. A driver "
        "on the crew picked up his radio. “Repeat that,” he said.\n"
    )
    assert _quotes(parse, text) == [("direct", "said", None, "Repeat that")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a term a participle gives a noun is no one's words (before: the flights' words)
        (
            "The crews spent the week on dawn patrol flights (called “sky sweeps”) "
            "across the valley.\n",
            [],
        ),
        # "wanted by" is sought, not a wish (before: the words were the agency's)
        (
            "One of them, Tariq Lodi, was wanted by the tribunal for arson, “including the "
            "burning of the old mill on the river.”\n",
            [("direct", None, None, "including the burning of the old mill on the river.")],
        ),
        # "showed no sign of" reports no finding (before: the debate's quoted words)
        (
            "While the quarrel over the pier showed no sign of easing, the town called off its "
            "“Harbor Days” fair “for the safety of everyone.”\n",
            [],
        ),
        # a word of a name is no cue (before: "Said" was the cue, the man its speaker)
        (
            "Their treasurer, Nasir Ulla Said Wali Karimzai, was “closely tied” to the "
            "militia's founder.\n",
            [],
        ),
        # an inverted cue opening the sentence is not part of the speaker's name
        (
            "Experts doubt the levy. Said Rowe: “Nobody on the board wants this levy.”\n",
            [
                ("indirect", "doubt", "Experts", "the levy"),
                ("direct", "said", "Rowe", "Nobody on the board wants this levy."),
            ],
        ),
    ],
)
def test_words_that_only_look_like_cues_report_nothing(parse, text, expected):
    assert _quotes(parse, text) == expected


def test_a_cue_word_inside_a_person_entity_is_no_cue_whatever_its_parse(nlp):
    from spacy.tokens import Doc

    from manysides.reported_speech import find_cues

    # The parse a whole article gave "Another, Nasir Ulla Said Wali Karimzai, was ...":
    # "Said" a verb with "Ulla" its subject and "Karimzai" its object, inside the name.
    words = ["Another", ",", "Nasir", "Ulla", "Said", "Wali", "Karimzai", ",", "was", "tied"]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[False, True, True, True, True, True, False, True, True, False],
        heads=[9, 4, 3, 4, 9, 6, 4, 4, 9, 9],
        deps=["nsubjpass", "punct", "compound", "nsubj", "parataxis", "compound", "dobj",
              "punct", "auxpass", "ROOT"],
        tags=["DT", ",", "NNP", "NNP", "VBD", "NNP", "NNP", ",", "VBD", "VBN"],
        pos=["PRON", "PUNCT", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "AUX",
             "VERB"],
        lemmas=["another", ",", "Nasir", "Ulla", "say", "Wali", "Karimzai", ",", "be", "tie"],
        ents=["O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O",
              "O"],
    )  # fmt: skip
    assert [c.token.text for c in find_cues(doc, [])] == []
    # the same words where the name is not one entity: a subject that says
    doc.ents = []
    assert [c.token.text for c in find_cues(doc, [])] == ["Said"]


def test_a_party_tag_run_into_the_name_is_no_part_of_it(parse):
    # Before: "Mara Quist D-Calif" was a speaker of her own.
    text = "Sen. Mara Quist D-Calif., the ranking member, said the audit cleared the agency.\n"
    assert _quotes(parse, text) == [
        ("indirect", "said", "Mara Quist", "the audit cleared the agency")
    ]
    names = {e.name for e in extract_entities(parse(make_article(text)))}
    assert "Mara Quist" in names and not any("D-Calif" in n for n in names)


def test_a_lone_surname_misspelt_with_the_same_letters_is_the_person_named_in_full(parse):
    # Before: "Hovratich" (a slip for Horvatich) was a speaker of his own.
    text = (
        "Auditor General Anton Horvatich testified on Wednesday. “The audit found lapses,” "
        "Horvatich said. Later, Hovratich said the agency had erred in seventeen places.\n"
    )
    assert [q[2] for q in _quotes(parse, text)] == ["Anton Horvatich", "Anton Horvatich"]
    honored = text.replace("Later, Hovratich", "Later, Mr. Hovratich")
    assert [q[2] for q in _quotes(parse, honored)] == ["Anton Horvatich", "Anton Horvatich"]


def test_the_subject_before_a_cue_that_follows_no_quotation_speaks(parse):
    # Before: the parser hung the reported clause's subject on "said" too, and the code
    # name spoke.
    text = (
        "Opening the hearing, the panel's chair, Sen. Lars Dorn of Idaho, said the name "
        "given to the audit, “Dust Devil,” suited it “since a little dust is all it ever "
        "raised.”\n"
    )
    assert {q[2] for q in _quotes(parse, text)} == {"Lars Dorn"}
