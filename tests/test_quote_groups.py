"""Quote groups: which quotes and paraphrases join one utterance, on invented articles."""

from __future__ import annotations

import pytest

from conftest import make_article
from manysides.model import Entity, Quote, QuoteGroup, QuoteVariant
from manysides.quote_groups import (
    _group_speaker,
    _own_words,
    analyze_quotes,
    with_entity_speakers,
)
from manysides.quotes import extract_quotes

QUOTED = """Lakeport closes its records office to federal requests.

"The county will not share a single worker's records with federal agents," Commissioner Ines Halvorsen said on Monday.
"""

# Reported speech that covers the quotation and runs on to a second point.
PARAPHRASED = """Lakeport pushes back on immigration agents.

Commissioner Ines Halvorsen said the county will not share a single worker's records with federal agents and would fight any subpoena in court.
"""

# Reported speech of only that second point: it matches the paraphrase above, not the quote.
SECOND_POINT = """A fight over payroll records looms in Lakeport.

Halvorsen said the county would fight any subpoena in court.
"""


@pytest.fixture
def records_story(parse):
    return parse(
        make_article(QUOTED, outlet="Lakeport Ledger"),
        make_article(PARAPHRASED, outlet="Valley Post"),
        make_article(SECOND_POINT, outlet="County Wire"),
    )


def quotations(groups):
    """The groups some outlet quotes (reported statements left out)."""
    return [g for g in groups if not g.reported]


def test_paraphrase_of_the_quotation_joins_its_group(records_story):
    quoted, paraphrased, _ = records_story
    (group,) = quotations(analyze_quotes(records_story))
    assert group.speaker == "Ines Halvorsen"
    assert group.text == "The county will not share a single worker's records with federal agents"
    assert [(v.article_id, v.kind, v.verbatim) for v in group.variants] == [
        (quoted.id, "direct", True),
        (paraphrased.id, "indirect", False),
    ]


def test_paraphrase_matching_only_another_paraphrase_does_not_chain_into_the_group(
    records_story,
):
    # The second point's reported speech matches the Valley Post paraphrase (which runs on
    # past the quotation) but not the quoted words: it is not a version of this quotation.
    _, _, second_point = records_story
    groups = analyze_quotes(records_story)
    assert [len(g.variants) for g in groups] == [2, 1]
    # it stands on its own, after the quotations, as what the commissioner is reported saying
    assert (groups[1].reported, groups[1].text) == (
        True,
        "Halvorsen said the county would fight any subpoena in court",
    )
    assert [v.article_id for v in groups[1].variants] == [second_point.id]


def test_paraphrase_order_does_not_change_the_group(parse):
    # Listing the second point before the paraphrase it matches gives the same group.
    story = parse(
        make_article(SECOND_POINT, outlet="County Wire"),
        make_article(QUOTED, outlet="Lakeport Ledger"),
        make_article(PARAPHRASED, outlet="Valley Post"),
    )
    second_point, quoted, paraphrased = story
    (group,) = quotations(analyze_quotes(story))
    assert [v.article_id for v in group.variants] == [quoted.id, paraphrased.id]


def test_an_act_is_no_paraphrase_of_what_was_said(parse):
    # "voted against ..." is an attribution extract_quotes reports (PolNeAR counts acts),
    # and its words match the quotation; but a vote is not a version of the quoted words:
    # only the reported speech ("said she would vote ...") joins the group.
    quoted = make_article(
        "“I will vote against the harbor levy in committee,” Sen. Rita Vance said on Monday.\n",
        outlet="Lakeport Ledger",
    )
    acted = make_article(
        "Sen. Rita Vance voted against the harbor levy in committee.\n", outlet="Valley Post"
    )
    reported = make_article(
        "Sen. Rita Vance said she would vote against the harbor levy in committee.\n",
        outlet="County Wire",
    )
    story = parse(quoted, acted, reported)
    assert [(q.kind, q.cue) for q in extract_quotes(story[1])] == [("indirect", "voted")]
    (group,) = analyze_quotes(story)
    assert [(v.article_id, v.kind, v.cue) for v in group.variants] == [
        (quoted.id, "direct", "said"),
        (reported.id, "indirect", "said"),
    ]


def test_a_report_of_what_someone_else_said_is_no_paraphrase_of_the_quotation(parse):
    # The Valley Post reports the opposition's words, which reuse the commissioner's: not a
    # version of her quotation (nor a misattribution of it), so it stays out of her group.
    quoted = make_article(
        "“I want a fair hearing where the county can defend its records,” Commissioner Ines "
        "Halvorsen said on Monday.\n",
        outlet="Lakeport Ledger",
    )
    echoed = make_article(
        "Council member Tomas Reyes said the commissioner never wanted a fair hearing where "
        "the county can defend its records.\n",
        outlet="Valley Post",
    )
    story = parse(quoted, echoed)
    group, echo = analyze_quotes(story)
    assert group.speaker == "Ines Halvorsen"
    assert [v.article_id for v in group.variants] == [quoted.id]
    assert (echo.reported, echo.speaker, [v.article_id for v in echo.variants]) == (
        True,
        "Tomas Reyes",
        [echoed.id],
    )


# A short phrase whose letters nearly all recur, in order, inside another quotation ("the
# costs of ferries" in "...the cost of the ferries..."): partial_ratio alone scores the pair
# at SAME_UTTERANCE (same speaker, so no near-verbatim bar), but the two share no pair of
# adjacent words.
PHRASE = """Ferry operators meet in Port Alder.

Mayor Dana Kellerman said the plan would halve "the costs of ferries" within a year.
"""
SENTENCE = """Port Alder weighs a tourist levy.

"The board cannot cover the cost of the ferries next winter," Mayor Dana Kellerman said.
"""


def test_quotes_sharing_no_word_pair_stay_apart(parse):
    from rapidfuzz import fuzz

    from manysides.quote_groups import SAME_UTTERANCE, _comparable

    phrase, sentence = parse(
        make_article(PHRASE, outlet="Harbour Times"), make_article(SENTENCE, outlet="Alder Daily")
    )
    (short,) = [q for q in extract_quotes(phrase) if q.kind != "indirect"]
    (long,) = [q for q in extract_quotes(sentence) if q.kind != "indirect"]
    assert fuzz.partial_ratio(_comparable(short.text), _comparable(long.text)) >= SAME_UTTERANCE
    assert sorted(len(g.variants) for g in analyze_quotes([phrase, sentence])) == [1, 1]


FULL_SENTENCE = """Port Alder keeps its ferry levy.

"This vote changes nothing for the harbour," Mayor Dana Kellerman said on Friday.
"""
TWO_WORDS = """Ferry levy stays.

Mayor Dana Kellerman said the vote "changes nothing" and left the chamber.
"""
SCARE_QUOTE = """Harbour fees rise.

Critics call the levy a "windfall" for the port.
"""


def test_a_short_quotation_with_a_speaker_is_shown_and_joins_the_quote_it_comes_from(parse):
    full, short = parse(
        make_article(FULL_SENTENCE, outlet="Harbour Times"),
        make_article(TWO_WORDS, outlet="Alder Daily"),
    )
    (group,) = analyze_quotes([full, short])
    assert [(v.article_id, v.text) for v in group.variants] == [
        (full.id, "This vote changes nothing for the harbour"),
        (short.id, "changes nothing"),
    ]
    (alone,) = analyze_quotes([short])
    assert (alone.speaker, alone.text) == ("Dana Kellerman", "changes nothing")


def test_a_one_word_scare_quote_is_no_statement(parse):
    (article,) = parse(make_article(SCARE_QUOTE, outlet="Harbour Times"))
    assert analyze_quotes([article]) == ()


# Two people's quotations that both hold a term a third outlet puts in quotation marks.
MAYOR_ON_LEVY = """Port Alder weighs a new fee.

"The harbour levy will double before the fiscal year ends," Mayor Dana Kellerman said on Monday.
"""
TERM_IN_MARKS = """Port Alder council splits.

Councillor Ravi Osei warned of a "harbour levy" in a letter to residents on Tuesday.
"""
RESIDENT_ON_LEVY = """Residents rally in Port Alder.

"Nobody in this town voted for a harbour levy that doubles in a single year," said Amara Quist, who leads the residents association.
"""


def test_a_short_quote_is_no_bridge_between_quotes_of_different_people(parse):
    mayor, term, resident = parse(
        make_article(MAYOR_ON_LEVY, outlet="Harbour Times"),
        make_article(TERM_IN_MARKS, outlet="Alder Daily"),
        make_article(RESIDENT_ON_LEVY, outlet="Coast Wire"),
    )
    groups = analyze_quotes([mayor, term, resident])
    assert [(g.speaker, g.speaker_conflict, [v.article_id for v in g.variants]) for g in groups] == [
        ("Dana Kellerman", False, [mayor.id]),
        ("Councillor Ravi Osei", False, [term.id]),
        ("Amara Quist", False, [resident.id]),
    ]


TERM_FROM_MAYOR = """Port Alder braces for a shortfall.

Mayor Dana Kellerman warned residents about the "harbour cliff" on Monday.
"""
REPORT_USING_TERM = """Ferry service at risk in Port Alder.

Kellerman said going over the harbour cliff would close the ferry service for a month.
"""


def test_a_report_is_no_version_of_a_short_quotation_it_holds(parse):
    # The report uses the mayor's two quoted words, but says more than they do: shown as a
    # rewording of "harbour cliff" it would read as what the mayor's quotation said.
    term, report = parse(
        make_article(TERM_FROM_MAYOR, outlet="Harbour Times"),
        make_article(REPORT_USING_TERM, outlet="Alder Daily"),
    )
    group, told = analyze_quotes([term, report])
    assert [(v.article_id, v.text) for v in group.variants] == [(term.id, "harbour cliff")]
    # the report is shown as what it is: the mayor's statement in the outlet's words
    assert [(v.article_id, v.kind, v.text) for v in told.variants] == [
        (report.id, "indirect", REPORT_USING_TERM.split("\n\n")[1].strip().rstrip(".")),
    ]


MAYOR_ON_TIMING = """Port Alder weighs a new fee.

"The harbour levy will double before the fiscal year ends unless the province steps in," Mayor Dana Kellerman said on Monday.
"""
ECONOMISTS_ON_TIMING = """Economists weigh in on Port Alder.

The harbour levy will double before the fiscal year ends unless the province steps in, two economists at the provincial university said on Tuesday.
"""


def test_reported_speech_of_unnamed_speakers_is_no_version_of_a_named_persons_quotation(parse):
    mayor, economists = parse(
        make_article(MAYOR_ON_TIMING, outlet="Harbour Times"),
        make_article(ECONOMISTS_ON_TIMING, outlet="Coast Wire"),
    )
    (group,) = analyze_quotes([mayor, economists])
    assert (group.speaker, [v.article_id for v in group.variants]) == ("Dana Kellerman", [mayor.id])


# One outlet quotes two sentences apart; another splices both into one quotation inside a
# reported clause that runs on past the closing mark.
TWO_QUOTES = """Harbor crews stay on the job in Port Alder.

"The ferry terminal stays open through the storm," Mayor Odile Brandvik told reporters on Friday. "If the province wants the terminal closed, then it can send its own crews to close it."
"""

SPLICED = """Port Alder defies the province over the ferry terminal.

Mayor Odile Brandvik told a radio host on Friday that “the ferry terminal stays open through the storm… If the province wants the terminal closed, then it can send its own crews to close it,” prompting a letter from two council members asking how crews are assigned.
"""


def test_a_report_holding_a_quotation_is_matched_by_its_own_words_only(parse):
    # The spliced quotation holds both of the Tribune's sentences, which become one
    # variant of one group (they made two groups before); the reported clause around the
    # quotation is no rewording of them and adds no variant.
    two_quotes, spliced = parse(
        make_article(TWO_QUOTES, outlet="Alder Tribune"),
        make_article(SPLICED, outlet="Coastline Radio"),
    )
    (group,) = analyze_quotes([two_quotes, spliced])
    assert [(v.article_id, v.kind) for v in group.variants] == [(two_quotes.id, "direct"), (spliced.id, "partial")]
    assert group.variants[0].text == (
        "The ferry terminal stays open through the storm … If the province wants the terminal closed, "
        "then it can send its own crews to close it."
    )


def test_own_words_leave_out_every_quotation_inside_the_report_even_overlapping_ones():
    text = "Dunn said the pier “will stay open” and “open all winter” for the ferry crews."
    report = Quote("a", 0, text[10:-1], "Tom Dunn", "said", "indirect", 10, len(text) - 1)

    def quotation(words: str) -> Quote:
        start = text.index(words)
        return Quote("a", 0, words, "Tom Dunn", "said", "partial", start, start + len(words))

    inside = [quotation("will stay open"), quotation("stay open” and “open all")]
    assert _own_words(report, inside, text).text == "the pier “ … winter” for the ferry crews"
    assert _own_words(report, [], text) is report
    # an interrupted report: its pieces, without the cue between them
    pieces = "The pier, Dunn said, will stay open all winter."
    interrupted = Quote(
        "a",
        0,
        "The pier will stay open all winter",
        "Tom Dunn",
        "said",
        "indirect",
        0,
        len(pieces) - 1,
        spans=((0, 8), (20, len(pieces) - 1)),
    )
    start = pieces.index("stay open")
    held = Quote("a", 0, "stay open", "Tom Dunn", "said", "partial", start, start + 9)
    assert _own_words(interrupted, [held], pieces).text == "The pier … will … all winter"


def test_fragments_one_cue_introduces_are_one_variant_with_a_splice(parse):
    # Before, the second fragment ("do it any longer") made a group of its own.
    whole = make_article(
        "Ferry fares rise.\n\n“We have held fares flat for six years, and we cannot do it any "
        "longer,” said board chair Maren Lindqvist.",
        outlet="Harbor Wire",
    )
    pieces = make_article(
        "Riders face a fare hike.\n\nBoard chair Maren Lindqvist said the authority had “held "
        "fares flat for six years” and could not “do it any longer.”",
        outlet="Island Post",
    )
    story = parse(whole, pieces)
    (group,) = analyze_quotes(story)
    assert group.text == "We have held fares flat for six years, and we cannot do it any longer"
    (variant,) = [v for v in group.variants if v.article_id == story[1].id]
    assert variant.text == "held fares flat for six years … do it any longer."
    assert [(op.op, op.base) for op in variant.diff] == [
        ("truncate", "We have"), ("equal", "held fares flat for six years"),
        ("splice", "and we cannot"), ("equal", "do it any longer"),
    ]
    assert variant.verbatim


def test_speakers_take_the_full_name_the_story_knows_them_by():
    def group(speaker):
        return QuoteGroup(speaker, f"words of {speaker}", ())

    entities = (
        Entity("Dana J. Kellerman", "person", (("a", 2),), "Mayor", ("Kellerman", "Dana Kellerman")),
        Entity("Ravi Osei", "person", (("b", 1),), aliases=("Osei",)),
        Entity("Tomas Osei", "person", (("c", 1),), aliases=("Osei",)),
        Entity("Kellerman Ferries", "organization", (("a", 1),), aliases=("Kellerman",)),
    )
    speakers = ("Kellerman", "Dana Kellerman", "Dana J. Kellerman", "Osei", "a spokeswoman", None)
    groups = [group(s) for s in speakers]
    assert [g.speaker for g in with_entity_speakers(groups, entities)] == [
        "Dana J. Kellerman",
        "Dana J. Kellerman",
        "Dana J. Kellerman",
        "Osei",  # two people of the story share the name: no guess
        "a spokeswoman",
        None,
    ]


def test_a_bare_office_is_the_storys_clear_holder_of_it_named_in_the_quoting_articles():
    # Before: "the governor" stayed a heading of its own when its article named the governor
    # only without the title ("Ana Roe"), while other articles of the story wrote "Gov. Ana Roe".
    def quoted_in(speaker, *article_ids):
        variants = tuple(QuoteVariant(a, 0, "the pier reopens", "said", speaker) for a in article_ids)
        return QuoteGroup(speaker, "the pier reopens", variants)

    entities = (
        Entity("Ana Roe", "person", (("a", 4), ("b", 2)), "Governor", ("Roe",)),
        Entity("Ben Holt", "person", (("a", 1), ("b", 1), ("c", 1)), "Lieutenant Governor"),
        Entity("Cy Marsh", "person", (("b", 1), ("c", 1)), "former governor"),
        Entity("Dee Park", "person", (("c", 1),), "Governor"),
        Entity("Harbor Board", "organization", (("a", 1),), "governor"),
    )
    groups = [
        quoted_in("the governor", "a"),
        quoted_in("The governor", "a", "b"),  # named in both, the lieutenant and the former aside
        quoted_in("the governor", "c"),  # one governor named there, another of another state
        quoted_in("the governor", "a", "c"),  # not named in "c": no one
        quoted_in("the spokesman", "a"),  # an office many may hold
    ]
    assert [g.speaker for g in with_entity_speakers(groups, entities)] == [
        "Ana Roe",
        "Ana Roe",
        "Dee Park",
        "the governor",
        "the spokesman",
    ]
    # Two holders named: the one mentioned at least twice as often, else no one.
    rival = Entity("Eli Cruz", "person", (("a", 2),), "Governor")
    assert with_entity_speakers(groups[:1], (*entities, rival))[0].speaker == "Ana Roe"
    close = Entity("Eli Cruz", "person", (("a", 3),), "Governor")
    assert with_entity_speakers(groups[:1], (*entities, close))[0].speaker == "the governor"


def test_a_description_closing_on_a_name_is_that_person():
    # Before: "One of Roe's lawyers, Ann Lind" was a heading of its own beside "Ann Lind".
    variant = QuoteVariant("a", 0, "the case is weak", "said", "One of Roe's lawyers, Ann Lind")
    groups = [QuoteGroup(variant.speaker, variant.text, (variant,))]
    entities = (Entity("Ann K. Lind", "person", (("a", 2),), "attorney", ("Ann Lind", "Lind")),)
    assert [g.speaker for g in with_entity_speakers(groups, entities)] == ["Ann K. Lind"]
    for speaker in (
        "One of Roe's lawyers, Bo Marsh",  # no person of the story
        "A lawyer for Roe's accuser, Ann Lind",  # the accuser's name, not the lawyer's
    ):
        other = QuoteVariant("a", 0, "the case is weak", "said", speaker)
        groups = [QuoteGroup(speaker, other.text, (other,))]
        assert [g.speaker for g in with_entity_speakers(groups, entities)] == [speaker]


def test_a_shared_surname_is_the_one_person_named_in_every_quoting_article():
    # Before: "Osei" stayed a heading of its own beside "Ravi Osei".
    def quoted_in(*article_ids):
        variants = tuple(QuoteVariant(a, 0, "fares rise", "said", "Osei") for a in article_ids)
        return QuoteGroup("Osei", "fares rise", variants)

    entities = (
        Entity("Ravi Osei", "person", (("a", 3), ("b", 1)), aliases=("Osei",)),
        Entity("Tomas Osei", "person", (("b", 1), ("c", 2)), aliases=("Osei",)),
    )
    groups = [quoted_in("a"), quoted_in("c"), quoted_in("a", "c"), quoted_in("b")]
    assert [g.speaker for g in with_entity_speakers(groups, entities)] == [
        "Ravi Osei",
        "Tomas Osei",
        "Osei",  # each article names another of them
        "Osei",  # the article names both
    ]


def test_a_shared_surname_is_not_the_person_its_article_quotes_by_full_name_or_another_role():
    # Before: article "b" names both Oseis, so "Osei" stayed a heading of its own beside
    # "Ravi Osei", though "b" quotes Tomas by his full name and calls Ravi "Governor".
    def quoted(speaker, role=None):
        variant = QuoteVariant("b", 0, f"words of {speaker}", "said", speaker, role=role)
        return QuoteGroup(speaker, variant.text, (variant,))

    entities = (
        Entity("Ravi Osei", "person", (("a", 3), ("b", 2)), "Governor", ("Osei",)),
        Entity("Tomas Osei", "person", (("b", 1),), aliases=("Osei",)),
        Entity("Lena Osei", "person", (("b", 1),), "Judge", ("Osei",)),
    )
    groups = [quoted("Tomas Osei"), quoted("Osei"), quoted("Osei", role="Gov.")]
    renamed = with_entity_speakers(groups, entities)
    assert [g.speaker for g in renamed] == [
        "Tomas Osei",
        "Osei",  # Ravi or Lena: no guess
        "Ravi Osei",  # the governor
    ]
    assert [g.speaker for g in with_entity_speakers(groups, entities[:2])] == [
        "Tomas Osei",
        "Ravi Osei",  # the article quoted Tomas by his full name
        "Ravi Osei",
    ]


def test_a_description_speaks_for_a_group_only_when_no_name_is_given():
    # Before: "the judge" (an outlet's unresolved description) headed a group another
    # outlet attributed to Rhea Calloway, as the two "surnames" tied one each.
    assert _group_speaker(["the judge", "Rhea Calloway"]) == "Rhea Calloway"
    assert _group_speaker(["an aide", "the aide"]) == "the aide"


def test_a_quoted_term_is_no_ones_statement(parse):
    # Before: "harbour levy" was a statement of Ana Roe, of Bo Lind and of Cy Pell, three
    # headings of two words each, and "so-called" did not mark the term either.
    story = parse(
        make_article(
            "Port Ansel debates a new fee.\n\n"
            "Mayor Ana Roe said the “harbour levy” would fund the ferry.\n\n"
            "Roe called the plan “a fair deal.”",
            outlet="Ansel Herald",
        ),
        make_article(
            "Council weighs the fee.\n\n"
            "Councilman Bo Lind warned that the “harbour levy” would drive away trade.",
            outlet="Coast Post",
        ),
        make_article(
            "Fee vote set for Friday.\n\n"
            "Treasurer Cy Pell said the so-called “pier tax” was overdue.",
            outlet="Bay Wire",
        ),
    )
    shown = [(g.speaker, g.text) for g in analyze_quotes(story) if len(g.text.split()) < 4]
    assert shown == [("Ana Roe", "a fair deal.")]


def test_a_quoted_modifier_of_the_writers_noun_is_shown_in_the_statement_holding_it(parse):
    # Before: "middle-class" and "fair and balanced" were shown alone as Ana Roe's words.
    story = parse(
        make_article(
            "Fee debate.\n\n"
            "Mayor Ana Roe said the bill was a “middle-class” tax cut.\n\n"
            "Roe promised a “fair and balanced” review of the rules.\n\n"
            "Roe called the plan “a fair deal.”\n\n"
            "Critics fear a “pay-to-play” harbour.",
            outlet="Ansel Herald",
        ),
        make_article(
            "Fee vote.\n\nMayor Ana Roe said the bill is a “middle-class” tax cut for families.",
            outlet="Coast Post",
        ),
    )
    shown = [
        (g.speaker, g.text, [v.kind for v in g.variants], g.reported)
        for g in analyze_quotes(story)
    ]
    # still quotations (partial): the quoted words are the speaker's, the rest reported
    assert shown == [
        (
            "Ana Roe",
            "the bill is a “middle-class” tax cut for families",
            ["partial", "partial"],
            False,
        ),
        ("Ana Roe", "a “fair and balanced” review of the rules", ["partial"], False),
        ("Ana Roe", "a fair deal.", ["partial"], False),
        ("Critics", "a “pay-to-play” harbour", ["partial"], False),  # not "pay-to-play" alone
    ]


def test_the_same_short_words_from_two_people_are_still_their_words(parse):
    # Only a noun phrase is a term: two people may each be "100 percent certain".
    story = parse(
        make_article(
            "Hearing ends.\n\nDr. Rhea Calloway said she was “100 percent certain” of it.\n\n"
            "Calloway said she was “100 percent” sure.",
            outlet="Ansel Herald",
        ),
        make_article(
            "Nominee replies.\n\n"
            "Judge Omar Fenn said he was “100 percent certain” it was false.\n\n"
            "Fenn said he was “100 percent” sure.",
            outlet="Coast Post",
        ),
    )
    shown = sorted((g.speaker, g.text) for g in analyze_quotes(story))
    assert shown == [
        ("Omar Fenn", "100 percent"),
        ("Omar Fenn", "100 percent certain"),
        ("Rhea Calloway", "100 percent"),
        ("Rhea Calloway", "100 percent certain"),
    ]


FEE_LEDGER = """Port Alder sets a ferry fee.

Mayor Dana Kellerman said the ferry fee would rise to $4 in March.
"""
FEE_WIRE = """Ferry riders face a higher fee.

Mayor Dana Kellerman said Monday the ferry fee would rise to $4 in March, the first increase in a decade.
"""
# One statement of each kind that is no named person's statement, then two that are.
BOARD_POST = """Harbor board under pressure.

Officials said the terminal would close for repairs in April. Kellerman did not say when the fee would be reviewed. The captain who Kellerman said was at the helm during the crash has retired. If confirmed, the new fee would fund two more boats for the island route. Kellerman denied the claims made against the harbor board last year. Speaking at the pier on Monday, board chair Osei Mensah, a former captain, told reporters the board would meet again in May.
"""


def test_statements_outlets_only_report_stand_on_their_own(parse):
    ledger, wire, post = parse(
        make_article(FEE_LEDGER, outlet="Harbour Times"),
        make_article(FEE_WIRE, outlet="Coast Wire"),
        make_article(BOARD_POST, outlet="Island Post"),
    )
    groups = analyze_quotes([ledger, wire, post])
    assert all(g.reported for g in groups)
    # each as its outlet wrote the attribution; "…" where that starts inside a sentence.
    # Left out: unnamed officials, what was not said, a clause that describes someone, and
    # "if confirmed" (no one's statement)
    assert [(g.speaker, [(v.article_id, v.text) for v in g.variants]) for g in groups] == [
        (
            "Dana Kellerman",
            [
                (ledger.id, "Mayor Dana Kellerman said the ferry fee would rise to $4 in March"),
                (
                    wire.id,
                    "Mayor Dana Kellerman said Monday the ferry fee would rise to $4 in March, "
                    "the first increase in a decade",
                ),
            ],
        ),
        (
            "Kellerman",
            [(post.id, "Kellerman denied the claims made against the harbor board last year")],
        ),
        (
            "Osei Mensah",
            [
                (
                    post.id,
                    "… board chair Osei Mensah, a former captain, told reporters the board "
                    "would meet again in May",
                )
            ],
        ),
    ]
    assert {(v.kind, v.verbatim, v.cue) for g in groups for v in g.variants} == {
        ("indirect", False, "said"),
        ("indirect", False, "denied"),
        ("indirect", False, "told"),
    }


def test_a_reported_statement_far_from_its_attribution_is_shown_as_an_excerpt(parse):
    (article,) = parse(make_article(
        "Harbor fee.\n\nKellerman said, in a long speech to the harbor board at its crowded "
        "meeting in the old town hall on Monday evening, that the fee would rise by a dollar.\n"
    ))
    (group,) = analyze_quotes([article])
    assert (group.reported, group.speaker, group.text) == (
        True,
        "Kellerman",
        "… that the fee would rise by a dollar",
    )


def test_a_statement_shows_no_speaker_trailing_its_words_and_questions_are_left_out(parse):
    (article,) = parse(make_article(
        "Harbor fee.\n\nWhile saying that the new fee should not burden commuters, Kellerman "
        "said the board would vote in May. Kellerman explained why the pier had closed for a "
        "week. At the hearing, Kellerman showed that the queue at the terminal was long. "
        "Kellerman said when the new pier opens, the island ferry will run every hour.\n"
    ))
    # the name after the words is the next sentence's subject, not part of them; an
    # indirect question and a demonstration state nothing; "when" opening a clause inside
    # the statement asks nothing
    assert [(g.speaker, g.text) for g in analyze_quotes([article])] == [
        ("Kellerman", "… saying that the new fee should not burden commuters"),
        ("Kellerman", "… Kellerman said the board would vote in May"),
        ("Kellerman", "Kellerman said when the new pier opens, the island ferry will run every hour"),
    ]


def test_a_headline_is_no_reported_statement(parse):
    # The headline's grammar misleads the parser ("Harbor Chief Will Testify To Council
    # Panel, Lawyers Say" had a speaker "Council Panel, Lawyers Say"); the same statement
    # in the body stands as it did.
    text = (
        "Harbor Chief Dana Kellerman Will Testify To Council Panel, Lawyers Say\n\n"
        "Lawyers for Dana Kellerman said the harbor chief would testify before the council "
        "panel next week."
    )
    (story,) = parse(make_article(text))
    groups = analyze_quotes([story])
    assert [(g.speaker, g.text) for g in groups] == [
        (
            "Lawyers for Dana Kellerman",
            "Lawyers for Dana Kellerman said the harbor chief would testify before the "
            "council panel next week",
        ),
    ]
