from collections import Counter

import pytest

from conftest import make_article
from manysides.clean import clean_text
from manysides.framing import (
    TermCounts,
    analyze_framing,
    blindspot_of,
    contrast,
    leaning_coverage,
    term_counts,
    terms_of,
)
from manysides.genre import label_article
from manysides.loaded import (
    loaded_spans,
    qa_headings,
    quoted_ranges,
    sentence_bias,
    sentence_cues,
    sentence_penalties,
)
from manysides.model import BiasedSentence, Citation, Removed
from manysides.outlets import Outlet, OutletRegistry, outlet_mentions


@pytest.fixture
def no_opinion_words(monkeypatch):
    """Sentence bias from spans and cues alone (the opinion-word score has its own test)."""
    import manysides.loaded

    monkeypatch.setattr(manysides.loaded, "OPINION_WEIGHT", 0.0)


def spans_of(parse, text):
    (parsed,) = parse(make_article(text))
    return [(s.text, s.reason, s.quoted) for s in loaded_spans(parsed)]


def test_loaded_spans_name_their_reason(parse):
    text = "The governor went rogue on Tuesday with a wildly costly budget, critics claimed."
    assert spans_of(parse, text) == [
        ("went rogue", "pejorative idiom", False),
        ("wildly", "editorializing stance adverb", False),
        ("claimed", "non-neutral attribution verb", False),
    ]


def test_evaluative_adverb_adjective_and_hyphenated_labels(parse):
    assert spans_of(
        parse, "In a legally questionable step, the mayor ordered the agency to close."
    ) == [("legally questionable", "evaluative adverb+adjective", False)]
    assert spans_of(parse, "Critics on the far-left said the plan was flawed.")[0] == (
        "far-left",
        "pejorative or partisan label",
        False,
    )


def test_plain_reporting_has_no_spans(parse):
    assert (
        spans_of(parse, "The council approved the budget on Tuesday by a vote of seven to two.")
        == []
    )


def test_quoted_words_are_the_speakers_and_scare_quotes_the_writers(parse):
    assert spans_of(parse, 'The senator called the plan "a disgrace" during the hearing.') == [
        ("disgrace", "emotive word", True)
    ]
    assert spans_of(parse, 'The board will review the "savings" next month.') == [
        ('"savings"', "scare quotes", False)
    ]


def test_sentence_penalties_cover_every_sentence_and_leave_out_quotes(parse):
    (parsed,) = parse(
        make_article(
            "The council met on Monday.\n\nThe mayor went rogue, critics claimed.\n\n"
            'A resident called the vote "a disgrace".\n\n'
            'A resident called the shameful vote "a disgrace".'
        )
    )
    penalties = sentence_penalties([parsed])
    # the quoted "disgrace" is the resident's word: only the outlet's own "shameful" counts
    assert penalties == {
        Citation(parsed.id, 0): 0.0,
        Citation(parsed.id, 1): 1.0,
        Citation(parsed.id, 2): 0.0,
        Citation(parsed.id, 3): 0.5,
    }


def test_quoted_ranges_pair_curly_and_straight_marks():
    text = 'He said “stop now” and she said "no".'
    assert [text[a:b] for a, b in quoted_ranges(text)] == ["stop now", "no"]


def test_quoted_ranges_read_typewriter_and_doubled_apostrophe_marks():
    # wire text (``...'') and archives writing two apostrophes for a double mark (''...'')
    text = "``I will fight this,'' she said, and he answered ''we shall see.'' It's 'final'."
    assert [text[a:b] for a, b in quoted_ranges(text)] == ["I will fight this,", "we shall see.", "final"]


def test_first_person_inside_typewriter_quotes_does_not_make_news_an_opinion(parse):
    # Before, the quotations' "I" and "my" read as the writer's: a news report, opinion.
    text = (
        "The harbor board voted 5-2 on Monday to raise mooring fees by a third.\n\n"
        "``I think my members will leave,'' said Tomas Ferreira of the marina guild.\n\n"
        "``I cannot support this,'' board member Ada Brook said before the vote.\n\n"
        "The new fees take effect in June, the board said."
    )
    (parsed,) = parse(make_article(text, outlet="Harbor Ledger"))
    assert label_article(parsed).label == "news"


def test_straight_single_marks_quote_as_headlines_do_and_apostrophes_do_not():
    text = "Mayor's 'cruel' levy rebuked as voters' 'No' wins; rock 'n' roll in the '90s."
    assert [text[a:b] for a, b in quoted_ranges(text)] == ["cruel", "No", "n"]


def test_a_headlines_quoted_word_is_the_speakers_not_scare_quotes(parse):
    assert spans_of(parse, "Council calls the ferry levy 'a disgrace' at the Tuesday vote.") == [
        ("disgrace", "emotive word", True)
    ]
    assert spans_of(parse, "Council calls the ferry levy a disgrace at the Tuesday vote.") == [
        ("disgrace", "emotive word", False)
    ]


def test_rule_words_inflected_in_title_case_headlines_are_found(parse):
    # The model leaves "Slams" and "Touts" as they are; lower-case they are lemmatised.
    assert spans_of(parse, "Council Slams Ferry Levy As Mayor Touts Bridge Plan.") == [
        ("Slams", "non-neutral attribution verb", False),
        ("Touts", "non-neutral attribution verb", False),
    ]


def test_term_counts_unigrams_bigrams_and_json_roundtrip():
    counts = term_counts(
        ["Rivers flooded 3 farms; the flooded farms were empty.", "Farms recovered."]
    )
    assert counts.documents == 2
    # "empty" is a stopword of the shared list; bigrams join adjacent content words only
    assert counts.counts == {
        "rivers": 1,
        "flooded": 2,
        "farms": 3,
        "recovered": 1,
        "rivers flooded": 1,
        "flooded farms": 1,
        "farms recovered": 1,
    }
    again = TermCounts.from_json(counts.to_json())
    assert again == counts
    assert again.merge(counts).counts["farms"] == 6
    with pytest.raises(ValueError):
        TermCounts.from_json(b'{"schema": "other"}')


def test_terms_drop_stopwords_numbers_and_punctuation():
    assert terms_of("The 2024 harvest, by all accounts, was poor!") == [
        "harvest",
        "accounts",
        "poor",
    ]


def test_contrast_finds_each_groups_distinctive_terms():
    a = Counter({"undocumented workers": 12, "workers": 20, "harvest": 10})
    b = Counter({"unlawful workers": 12, "workers": 20, "harvest": 10})
    top = contrast({"A": a, "B": b})
    assert top["A"][0][0] == "undocumented workers"
    assert top["B"][0][0] == "unlawful workers"
    assert all(term not in {"workers", "harvest"} for term, _ in top["A"] + top["B"])


def test_a_word_used_only_inside_a_listed_pair_is_not_listed_again():
    # "general" is only ever part of "attorney general"; "squatters" stands alone too
    a = Counter({"attorney general": 6, "attorney": 6, "general": 6, "squatters": 9,
                 "illegal squatters": 4, "illegal": 4, "court": 5})
    b = Counter({"court": 5, "owners": 8, "tenants": 7})
    assert [term for term, _ in contrast({"A": a, "B": b})["A"]] == [
        "squatters", "attorney general", "illegal squatters"
    ]


def test_blindspot_rule():
    assert blindspot_of((("right", 2), ("center", 1))) == "left"
    assert blindspot_of((("lean-left", 3),)) == "right"
    assert blindspot_of((("right", 2),)) is None  # too few articles
    assert blindspot_of((("left", 1), ("right", 2))) is None
    assert blindspot_of((("center", 4),)) is None
    assert leaning_coverage(["right", "", "lean-left", "right"]) == (
        ("lean-left", 1),
        ("right", 2),
        ("unknown", 1),
    )


def test_article_labels(parse):
    release, aggregate, opinion, news = parse(
        make_article("FOR IMMEDIATE RELEASE\n\nAcme Tools opens a plant.\n\nMedia contact: Jo Ray"),
        make_article("The river rose overnight.\n\nRead the full article at the Valley Courier."),
        make_article("I think the plan fails.\n\nYou should ask why.\n\nI have seen this before."),
        make_article("The river rose overnight.\n\nCrews closed two bridges, officials said."),
    )
    assert label_article(release).label == "press release"
    assert label_article(release).reasons == (
        "press-release marker: for immediate release",
        "press-release marker: media contact",
    )
    assert label_article(aggregate).label == "aggregation"
    assert label_article(opinion).label == "opinion"
    assert label_article(opinion).reasons[:2] == (
        "first person outside quotes in 67% of sentences",
        "second person (addresses the reader) in 33% of sentences",
    )
    assert label_article(news).label == "news"


def test_an_excerpt_pointing_to_the_full_text_is_aggregation_and_a_cited_first_report_is_not(parse):
    excerpt = "The river rose overnight, and crews closed two bridges.\n\nRead the full story at the Valley Courier"
    text, removed = clean_text(excerpt)
    cleaned, cites = parse(
        make_article(text, removed=removed),
        make_article(
            "The river rose overnight.\n\nThe warning first appeared in the Valley Courier on "
            "Monday, and the county confirmed it, officials said."
        ),
    )
    assert removed == (Removed("Read the full story at the Valley Courier", "truncation notice"),)
    assert label_article(cleaned).label == "aggregation"
    assert label_article(cleaned).reasons == (
        "truncation notice: Read the full story at the Valley Courier",
    )
    assert label_article(cites).label == "news"


def test_a_report_citing_a_press_release_is_news(parse):
    (cites,) = parse(make_article(
        "The river rose overnight.\n\nThe county said in a press release on Tuesday that two "
        "bridges would stay closed, and its media contacts took calls all day."
    ))
    assert label_article(cites).label == "news"


def test_a_sites_note_that_the_views_are_the_authors_marks_opinion(parse):
    body = (
        "The levee held through the night, and the river fell by morning.\n\n"
        "Crews will inspect the north bank on Friday, the county engineer said.\n\n"
        "Mara Voss is a hydrologist at Valley State. The views expressed here are her own."
    )
    text, removed = clean_text(body)
    noted, plain = parse(make_article(text, removed=removed), make_article(text))
    assert removed == (Removed(body.split("\n\n")[2], "disclaimer"),)
    assert label_article(noted).label == "opinion"
    assert label_article(noted).reasons == ("the site notes that the views are the author's own",)
    assert label_article(plain).label == "news"


def test_a_title_marks_opinion_with_a_label_not_with_the_word_anywhere(parse):
    body = "The river rose overnight.\n\nCrews closed two bridges, officials said."
    labelled = ("Opinion: The river needs a new levee", "Levee plans, explained - Analysis",
                "Column | Why the river keeps rising")
    reporting = ("Mayor rebukes council member over op-ed on levee", "Engineers share analysis of levee")
    parsed = parse(*(make_article(body + f"\n\nUpdate {n}.", title=t) for n, t in enumerate(labelled + reporting)))
    assert [label_article(p).label for p in parsed] == ["opinion"] * 3 + ["news"] * 2


STORY = [
    (
        "Valley Courier",
        "Undocumented workers filled the orchards this week. "
        "Growers said undocumented workers were needed for the harvest. "
        "Undocumented workers picked apples until dark. "
        "Undocumented workers slept in the packing sheds.",
    ),
    (
        "Ridge Gazette",
        "Unlawful workers filled the orchards this week. "
        "Sheriffs said unlawful workers crossed the county line for the harvest.",
    ),
    ("Plains Herald", "Unlawful workers arrived at the orchards, a sheriff said."),
]


def test_analyze_framing_pairs_terms_and_leanings(parse):
    articles = [make_article(text, outlet=outlet) for outlet, text in STORY]
    copy = make_article(STORY[2][1] + " Updated.", outlet="Mirror Daily")
    parsed = parse(*articles, copy)
    registry = OutletRegistry(
        (
            Outlet("Valley Courier", ("courier.example",), "US", "left"),
            Outlet("Ridge Gazette", leaning="right"),
            Outlet("Plains Herald", leaning="lean-right"),
            Outlet("Mirror Daily", leaning="left"),
        )
    )
    framing = analyze_framing(parsed, outlets=registry, copies={copy.id: articles[2].id})
    pair = next(p for p in framing.pairs if p.concept == "workers")
    assert pair.terms == (
        ("Plains Herald", "unlawful workers"),
        ("Ridge Gazette", "unlawful workers"),
        ("Valley Courier", "undocumented workers"),
    )
    assert framing.leaning_coverage == (("left", 1), ("lean-right", 1), ("right", 1))
    assert framing.blindspot is None
    courier = [
        t.term for t in framing.terms if t.outlet == "Valley Courier" and t.group == "outlet"
    ]
    assert "undocumented workers" in courier
    assert {t.outlet for t in framing.terms if t.group == "leaning"} <= {"left", "right"}
    assert len(framing.labels) == 4  # copies are labelled too, but not counted


def test_outlet_names_are_not_words_an_outlet_favours(parse):
    # An aggregator credits the outlets it rounds up (and an outlet may name itself): that
    # is whom it cites, not its word choice. Before, the digest's terms were "courier",
    # "bayside", "bayside courier", "wire", "harbor wire" and "harbor".
    roundup = make_article(
        "The pier will close for repairs, the Bayside Courier reported. The Bayside Courier "
        "said the work would take a month, and the Bayside Courier added that boaters would "
        "use the north ramp. Harbor Wire said divers found cracks. Harbor Wire said the "
        "pilings were old. The harbor master told Harbor Wire that crews start soon. The "
        "Bayside Courier said the ramp opens at dawn. According to the Bayside Courier, the "
        "shutdown spares the ferry, the shutdown spares the market, and Harbor Wire said the "
        "shutdown ends in June.",
        outlet="Daily Digest",
    )
    wire = make_article(
        "Divers found cracks in the pier pilings during an inspection. Repairs will close the "
        "pier for a month. The harbor master urged boaters to plan ahead and said crews start "
        "soon.",
        outlet="Harbor Wire",
    )
    courier = make_article(
        "The pier closes Monday for a month of repairs. Divers found cracks in the pilings, "
        "and boaters are asked to use the north ramp, which opens at dawn.",
        outlet="Bayside Courier",
    )
    terms = analyze_framing(parse(roundup, wire, courier)).terms
    assert [(t.outlet, t.term) for t in terms] == [("Daily Digest", "shutdown")]


def test_outlet_mentions_match_names_as_written():
    # case counts: an outlet named "Time" leaves the word "time" alone
    found = outlet_mentions(["Harbor Wire", "Time"]).findall("Harbor  Wire said time will tell. Time said.")
    assert found == ["Harbor  Wire", "Time"]
    assert outlet_mentions(["", "  "]) is None


def test_a_phrase_in_the_singular_and_the_plural_is_one_choice(parse):
    ledger = make_article(
        "Undocumented workers picked the harvest. One undocumented worker said the pay was "
        "late. Farms hired more undocumented workers this year.",
        outlet="Valley Ledger",
    )
    gazette = make_article(
        "Unlawful workers picked the harvest, farm owners said on Monday.", outlet="Ridge Gazette"
    )
    pair = next(p for p in analyze_framing(parse(ledger, gazette)).pairs if p.concept == "workers")
    assert pair.terms == (("Ridge Gazette", "unlawful workers"), ("Valley Ledger", "undocumented workers"))


def test_denotation_words_are_not_loaded_by_sentiment_alone(parse):
    # "killed", "attack", "violent" name what happened; there is no neutral synonym
    assert spans_of(parse, "Two guards were killed in a violent attack on the depot.") == []


def test_the_noun_democrat_as_an_adjective_is_partisan_framing(parse):
    assert spans_of(parse, "Several Democrat senators voted against the harbor levy.") == [
        ("Democrat senators", "partisan framing term", False)
    ]
    assert spans_of(parse, "Several Democratic senators voted against the harbor levy.") == []
    assert spans_of(parse, "A Democrat from Millbrook voted against the harbor levy.") == []


def test_intensifiers_alone_are_not_loaded(parse):
    assert spans_of(parse, "The storm was very strong and more rain is expected.") == []


def test_vivid_verbs_uncommon_evaluative_words_and_new_attribution_verbs(parse):
    assert spans_of(parse, "The board slashed the library budget, the treasurer grumbled.") == [
        ("slashed", "vivid metaphorical verb", False),
        ("grumbled", "non-neutral attribution verb", False),
    ]
    # "acrimonious": mild VADER valence, but rare in general English
    assert spans_of(parse, "The council ended an acrimonious meeting at noon.") == [
        ("acrimonious", "uncommon evaluative word", False)
    ]


def test_capitalised_or_punctuated_quotes_are_not_scare_quotes(parse):
    assert spans_of(parse, 'Fans of the show "Harbor Lights" met on Sunday.') == []
    assert spans_of(parse, 'The board will review the "savings" next month.') == [
        ('"savings"', "scare quotes", False)
    ]


def test_about_heading_marks_a_release_but_about_in_prose_does_not(parse):
    release, news = parse(
        make_article(
            "Acme Tools opens a plant in Dunmore.\n\nAbout Acme Tools\n\nAcme makes hand tools."
        ),
        make_article(
            "The council met again on Monday.\n\nThe mayor said the vote changes nothing about the plan."
        ),
    )
    assert label_article(release).reasons == ("press-release marker: about acme tools",)
    assert label_article(news).label == "news"


def test_uncommon_adjective_no_lexicon_rates_counts_half(parse, no_opinion_words):
    text = "The mayor gave a feckless answer to the council."
    assert spans_of(parse, text) == [("feckless", "uncommon adjective", False)]
    (parsed,) = parse(make_article(text))
    assert sentence_bias(parsed) == {0: 0.5}


def test_sentence_bias_weighs_reporting_and_opinion_cues(parse, no_opinion_words):
    (parsed,) = parse(
        make_article(
            "The council approved the budget on Tuesday, the clerk said.\n\n"
            "Why would anyone trust this council?\n\n"
            "Council Votes Again\n\n"
            "We should even thank the mayor for the plan."
        )
    )
    assert [sentence_cues(parsed, s.index) for s in parsed.sentences] == [
        ("date or time", "attribution"),
        ("question or exclamation",),
        ("no final punctuation",),
        ("first or second person", "stance particle"),
    ]
    assert sentence_bias(parsed) == {0: -2.0, 1: 1.0, 2: 0.5, 3: 1.5}


def test_only_calendar_dates_and_digit_figures_are_reporting_cues(parse):
    (parsed,) = parse(
        make_article(
            "For decades, millions of families waited for the council.\n\n"
            "In March 2019, the council spent $40 million on 12 buses."
        )
    )
    assert [sentence_cues(parsed, s.index) for s in parsed.sentences] == [
        (),
        ("date or time", "number"),
    ]


def _report_with_biased_sentence():
    from dataclasses import replace

    from test_render import sample_report

    report = sample_report()
    biased = BiasedSentence(
        "b2", 0, 1.0, ("evaluative adjective: reckless",), "Councillors passed a reckless budget."
    )
    return replace(report, framing=replace(report.framing, biased=(biased,)))


def test_every_renderer_shows_biased_sentences():
    import json

    import jsonschema
    from rich.console import Console

    from manysides.render import (
        render_html,
        render_json,
        render_markdown,
        render_terminal,
        report_to_dict,
    )
    from test_render import SCHEMA

    report = _report_with_biased_sentence()
    jsonschema.validate(json.loads(render_json(report)), SCHEMA)
    assert report_to_dict(report)["framing"]["biased"] == [
        {
            "article_id": "b2",
            "sentence": 0,
            "score": 1.0,
            "cues": ["evaluative adjective: reckless"],
            "text": "Councillors passed a reckless budget.",
        }
    ]
    markdown = render_markdown(report)
    assert "Sentences that read as biased (the outlet's own words; Town Crier 1/2):" in markdown
    assert (
        "- Town Crier (score 1.0): Councillors passed a reckless budget. "
        "_(evaluative adjective: reckless)_" in markdown
    )
    html = render_html(report)
    assert "<h3>Sentences that read as biased</h3>" in html
    assert "Per outlet: Town Crier 1 of 2 sentences." in html
    assert '<span class="badge">evaluative adjective: reckless</span>' in html
    console = Console(record=True, width=200)
    render_terminal(report, console)
    text = console.export_text()
    assert "Sentences that read as biased (Town Crier 1/2):" in text
    assert "Town Crier (1.0): Councillors passed a reckless budget." in text


BIASED_TEXT = (
    "The city council approved the transit budget on Tuesday, officials said. "
    "Critics slammed the reckless plan as a shameless giveaway to developers. "
    "Why should riders pay for it? "
    'The mayor said the plan was "a disgrace to the taxpayers" before the vote.'
)


def test_biased_sentences_are_the_outlets_own_words_with_their_cues(parse, no_opinion_words):
    framing = analyze_framing(parse(make_article(BIASED_TEXT, outlet="Harbor Ledger")))
    assert [(b.sentence, b.score, b.cues) for b in framing.biased] == [
        (
            1,
            3.5,
            (
                "non-neutral attribution verb: slammed",
                "negative adjective: reckless",
                "character judgement: shameless",
                "loaded characterisation: giveaway",
            ),
        ),
        (2, 1.0, ("question or exclamation",)),
    ]
    assert framing.biased[1].text == "Why should riders pay for it?"


EXPLAINER = (
    "The pier closes on Monday for a month. Here is a guide.\n\n"
    "What happened? Divers found cracks in the pilings during an inspection.\n\n"
    "Who pays? The harbor board will cover the repairs from its reserve.\n\n"
    "Why should riders pay for it?\n\n"
    "Boaters will use the north ramp until the work is done."
)


def test_an_explainers_question_headings_are_not_biased_sentences(parse, no_opinion_words):
    parsed = parse(make_article(EXPLAINER, outlet="Harbor Ledger"))[0]
    assert qa_headings(parsed) == {2, 4}
    # the rhetorical question stands alone in its paragraph, no heading of an answer
    assert [b.text for b in analyze_framing([parsed]).biased] == ["Why should riders pay for it?"]
    one = parse(make_article(EXPLAINER.replace("Who pays? ", ""), outlet="Harbor Ledger"))[0]
    assert qa_headings(one) == frozenset()  # one question opening a paragraph heads nothing
    assert [b.text for b in analyze_framing([one]).biased] == ["What happened?", "Why should riders pay for it?"]


def test_loaded_words_about_a_named_person_say_so(parse):
    assert spans_of(parse, "The feckless Tom Barrow lost the vote on Monday.") == [
        ("feckless", "uncommon adjective, about a named person", False)
    ]
    assert spans_of(parse, "Governor Ellen Marsh brazenly ignored the court order.") == [
        ("brazenly", "editorializing stance adverb, about a named person", False)
    ]
    assert spans_of(parse, "The incompetent agency lost the files.") == [
        ("incompetent", "character judgement", False)
    ]


def test_an_adverb_widened_into_its_adjective_is_one_span(parse):
    assert spans_of(parse, "The council passed a constitutionally questionable levy.") == [
        ("constitutionally questionable", "evaluative adverb+adjective", False)
    ]


def test_loaded_words_in_indirect_speech_count_half(parse, no_opinion_words):
    (own,) = parse(make_article("The plan was a shameful giveaway to the builders."))
    (reported,) = parse(
        make_article("The mayor said the plan was a shameful giveaway to the builders.")
    )
    assert sentence_bias(own) == {0: 2.0}
    assert sentence_bias(reported) == {0: 0.0}


def test_opinion_page_wording_adds_its_score_outside_quotes(parse):
    from manysides.loaded import biased_sentences, own_text

    (parsed,) = parse(
        make_article(
            "I think we must stop pretending this plan is anything but a disaster for our "
            "children. The bridge reopened to traffic after repairs, the agency said in a "
            "statement."
        )
    )
    # 1.3454 from the words, +1 for "we"/"our" (first person), +1 for "disaster";
    # -2.3668 from the words and -1 for "said" (attribution).
    assert sentence_bias(parsed) == {0: 3.3454, 1: -3.3668}
    assert [b.cues for b in biased_sentences(parsed)] == [
        (
            "first or second person",
            "opinion-page wording: our, must, this",
            "loaded characterisation: disaster",
        )
    ]
    text = 'The mayor said the plan was "a disgrace" and voters agreed.'
    assert (
        own_text(text, 4, len(text), quoted_ranges(text))
        == "mayor said the plan was   and voters agreed."
    )


def test_the_outlets_own_name_is_not_opinion_page_wording(parse):
    from manysides.opinion_words import load_opinion_words

    sentence = "The Liberty Courier has learned that the council will vote on the budget."
    (named,) = parse(make_article(sentence, outlet="Liberty Courier"))
    (other,) = parse(make_article(sentence, outlet="Harbor Wire"))
    # "liberty" and "courier" both weigh toward opinion (0.4169, 0.3364). As the article's
    # own name they say who writes it, so they are not read; another outlet's article that
    # cites the Liberty Courier keeps them.
    weights = load_opinion_words().weights
    assert sentence_bias(other)[0] - sentence_bias(named)[0] == pytest.approx(
        weights["liberty"] + weights["courier"], abs=1e-4
    )
    assert weights["liberty"] + weights["courier"] == pytest.approx(0.7533, abs=1e-4)


def test_a_choice_of_words_is_shown_as_written(parse):
    # the head as the texts write it ("media", not its lemma "medium"), and an adjective
    # capitalized inside a sentence keeps its capital
    north = make_article(
        "Officials told Norwegian media the ferry would resume. Norwegian media reported "
        "delays.", outlet="North Post",
    )
    south = make_article(
        "Officials told partisan media the ferry would resume on Friday.", outlet="South Wire"
    )
    (pair,) = analyze_framing(parse(north, south)).pairs
    assert pair.concept == "media"
    assert pair.terms == (("North Post", "Norwegian media"), ("South Wire", "partisan media"))
