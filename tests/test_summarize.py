"""Cited summaries of a small invented story (three outlets, one bridge closure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conftest import make_article
from manysides.errors import AnalysisError
from manysides.facts import align_facts, with_restated
from manysides.model import Article, Citation, Fact
from manysides.summarize import (
    MAX_PENALTY,
    ROLLBACK_MIN_PICKS,
    STRATEGIES,
    Greedy,
    _candidates,
    headed_lead,
    neutral_wording,
    novel_share,
    opening_candidates,
    redundant,
    summarize,
    with_headline,
)
from manysides.summary_scores import (
    SINGLE_SOURCE_WEIGHT,
    article_words,
    centrality,
    concept_weights,
    concepts_of,
    shared_share,
    stem,
    word_users,
)
from manysides.summary_units import SummaryRequest, build_story
from manysides.text import word_count
from test_facts import CLOSURE, FINES, RESTATING

GAZETTE = make_article(
    "The Millbrook city council voted 7-2 on Tuesday to close the Elm Street bridge for repairs.\n\n"
    "The bridge, built in 1931, will stay closed for 14 months.\n\n"
    "Mayor Dana Whitfield said the repairs would cost $12 million.\n\n"
    '"This is a sad day for everyone who loves that old bridge," said resident Paul Ortega.\n\n'
    "Do we really need another detour?",
    outlet="Harbor Gazette",
    published=datetime(2024, 3, 5, 9, tzinfo=UTC),
)
COURIER = make_article(
    "Millbrook's council voted 7-2 on Tuesday to shut the Elm Street bridge for repairs.\n\n"
    "Repairs to the 1931 bridge will cost $12 million, Mayor Dana Whitfield said.\n\n"
    "Commuters will follow a detour along Route 9 while the bridge is closed.\n\n"
    "I think the council simply caved to the contractors again.",
    outlet="Valley Courier",
    published=datetime(2024, 3, 5, 11, tzinfo=UTC),
)
POST = make_article(
    "The Elm Street bridge in Millbrook will close for 14 months after a council vote on Tuesday.\n\n"
    "Officials said traffic would be sent along Route 9 during the closure.\n\n"
    "The state transportation department will pay half of the repair bill.",
    outlet="River Post",
    published=datetime(2024, 3, 6, 8, tzinfo=UTC),
)
# A syndicated copy of the Gazette story with a credit line added.
GAZETTE_COPY = make_article(
    GAZETTE.text + "\n\nDistributed by the Coastal News Exchange.", outlet="Bay Daily"
)

G, C, P = GAZETTE.id, COURIER.id, POST.id


def titled(title: str, body: Article) -> Article:
    """``body``'s article with ``title`` as its title and its text's first line."""
    return make_article(title + "\n\n" + body.text, title=title)


@pytest.fixture
def story(parse):
    return parse(GAZETTE, COURIER, POST)


def cited(summary):
    return [(s.text, [(c.article_id, c.sentence) for c in s.citations]) for s in summary.sentences]


COUNCIL = "Millbrook's council voted 7-2 on Tuesday to shut the Elm Street bridge for repairs."
BUILT = "The bridge, built in 1931, will stay closed for 14 months."
COST = "Mayor Dana Whitfield said the repairs would cost $12 million."


def test_default_summary_picks_shared_facts_and_cites_every_report(story):
    assert cited(summarize(story, words=40)) == [
        (COUNCIL, [(C, 0), (G, 0)]),
        (BUILT, [(G, 1)]),
        (COST, [(G, 2), (C, 1)]),
    ]


def test_penalized_sentences_are_never_chosen(story):
    texts = [s.text for s in summarize(story, words=500).sentences]
    assert "Do we really need another detour?" not in texts  # question, first person
    assert "I think the council simply caved to the contractors again." not in texts
    assert not any(t.startswith('"This is a sad day') for t in texts)  # mostly quotation
    # Only the Post tells who pays: one outlet's own words (share 1/7) stay out of a generic
    # summary however long, though an update summary keeps them (below).
    assert "The state transportation department will pay half of the repair bill." not in texts
    assert len(texts) == 5


@pytest.mark.parametrize("words", [10, 14, 20, 30, 45, 60, 100])
def test_word_budget_is_respected(story, words):
    summary = summarize(story, words=words)
    assert sum(word_count(s.text) for s in summary.sentences) <= words
    assert summary.sentences or words < 14  # the shortest usable sentence has 14 words


def test_copies_count_once(parse):
    with_copy = parse(GAZETTE, COURIER, POST, GAZETTE_COPY)
    copies = {GAZETTE_COPY.id: GAZETTE.id}
    summary = summarize(with_copy, words=40, copies=copies)
    assert cited(summary) == cited(summarize(with_copy[:3], words=40))
    assert all(c.article_id != GAZETTE_COPY.id for s in summary.sentences for c in s.citations)


def test_focus_changes_selection(story):
    generic = summarize(story, words=30)
    focused = summarize(story, words=30, focus="How will traffic get around during the closure?")
    assert [s.text for s in generic.sentences] == [COUNCIL, COST]
    assert [s.text for s in focused.sentences] == [
        COUNCIL,
        "Officials said traffic would be sent along Route 9 during the closure.",
    ]


@pytest.mark.parametrize("since", [[G, C], datetime(2024, 3, 5, 12, tzinfo=UTC)])
def test_update_summary_keeps_only_new_content(story, since):
    # The Post's lead repeats the vote and the 14 months the reader has seen: left out.
    assert cited(summarize(story, words=60, since=since)) == [
        ("Officials said traffic would be sent along Route 9 during the closure.", [(P, 1)]),
        ("The state transportation department will pay half of the repair bill.", [(P, 2)]),
    ]


def test_loaded_language_penalty_prefers_the_other_wording(story):
    summary = summarize(story, words=40, penalties={Citation(G, 2): 0.9})
    assert cited(summary)[2] == (
        "Repairs to the 1931 bridge will cost $12 million, Mayor Dana Whitfield said.",
        [(C, 1), (G, 2)],
    )


def test_facts_expand_citations(story):
    fact = Fact("f1", "closed 14 months", (Citation(G, 1), Citation(P, 0)))
    assert cited(summarize(story, words=40, facts=[fact]))[1] == (BUILT, [(G, 1), (P, 0)])


def test_a_lead_stated_twice_by_one_outlet_is_cited_by_every_outlet(parse):
    # RESTATING states its lead twice; CLOSURE and FINES each state it once, in the words
    # of one version: whichever version a summary sentence is, it cites all three.
    parsed = parse(RESTATING, CLOSURE, FINES)
    summary = summarize(parsed, words=60, facts=align_facts(parsed))
    leads = {Citation(RESTATING.id, 0), Citation(RESTATING.id, 1), Citation(CLOSURE.id, 0), Citation(FINES.id, 0)}
    from_leads = [s for s in summary.sentences if s.citations[0] in leads]
    assert from_leads
    assert all(
        {c.article_id for c in s.citations} == {RESTATING.id, CLOSURE.id, FINES.id}
        for s in from_leads
    )


def test_restatements_take_the_links_facts_carry_and_work_them_out_otherwise(parse, monkeypatch):
    from manysides import summary_support

    parsed = parse(RESTATING, CLOSURE, FINES)
    facts = align_facts(parsed)
    worked_out = summary_support.restatements(SummaryRequest(parsed, facts=facts))
    assert len(worked_out) == 2  # the two versions of the lead, linked both ways
    carried = with_restated(facts, worked_out)
    monkeypatch.setattr(summary_support, "restated_facts", lambda *a: pytest.fail("recomputed"))
    assert summary_support.restatements(SummaryRequest(parsed, facts=carried)) == worked_out


def test_a_fact_sentence_whose_figures_differ_is_not_cited(story):
    # An alignment of the closure's 14 months with the 7-2 vote: sentences whose numbers
    # differ may be one fact told in conflicting figures, but neither supports the other.
    fact = Fact("f2", "closure", (Citation(G, 1), Citation(P, 0), Citation(C, 0)))
    assert cited(summarize(story, words=40, facts=[fact]))[1] == (BUILT, [(G, 1), (P, 0)])
    # Otherwise the facts stage is trusted: what it aligned is cited however few words the
    # two sentences share (its synonyms and stems find paraphrases that wording misses).
    fact = Fact("f3", "closure", (Citation(G, 1), Citation(P, 2)))
    assert cited(summarize(story, words=40, facts=[fact]))[1] == (BUILT, [(G, 1), (P, 2)])


def test_lead_strategy_takes_leads_newest_first_without_repeats(story):
    assert [s.text for s in summarize(story, words=30, strategy="lead").sentences] == [
        "The Elm Street bridge in Millbrook will close for 14 months after a council vote on Tuesday.",
        "Officials said traffic would be sent along Route 9 during the closure.",
    ]


def test_strategies_are_registered_by_name(story):
    assert {"default", "lead", "llm"} <= set(STRATEGIES)
    with pytest.raises(AnalysisError, match="unknown summary strategy 'best'"):
        summarize(story, strategy="best")


def test_empty_story_gives_empty_summary():
    assert summarize([]).sentences == ()


def test_paraphrase_is_cited_but_not_another_statement_of_the_same_person(parse):
    first = make_article(
        "Mayor Dana Whitfield said the city will fine contractors up to $5,000 for each week of late work.\n\n"
        "The city hall roof was repaired last spring.",
        outlet="Harbor Gazette",
    )
    paraphrase = make_article(
        "Contractors face fines of up to $5,000 for each week of late work, Mayor Dana Whitfield warned.\n\n"
        "Mayor Dana Whitfield also opened a new library branch on Monday.",
        outlet="Valley Courier",
    )
    other = make_article(
        "Mayor Dana Whitfield opened the new library branch downtown on Monday with a ribbon cutting.",
        outlet="River Post",
    )
    parsed = parse(first, paraphrase, other)
    # The same person doing two different things is not one fact; a paraphrase is.
    assert cited(summarize(parsed, words=30)) == [
        (
            "Contractors face fines of up to $5,000 for each week of late work, Mayor Dana Whitfield warned.",
            [(paraphrase.id, 0), (first.id, 0)],
        ),
        (
            "Mayor Dana Whitfield also opened a new library branch on Monday.",
            [(paraphrase.id, 1), (other.id, 0)],
        ),
    ]


def test_a_long_name_and_title_alone_do_not_make_two_statements_one(parse):
    # Three outlets quote one man on three different things; his name and title are most of
    # each sentence's words, which carried the cosine past SUPPORT_MIN (a citation each).
    ledger = make_article(
        "Tomas Ferreira, president of the Harborside Marina Owners Guild, said the port authority had picked a side.\n\n"
        "The port authority voted to double mooring fees on Tuesday.",
        outlet="Harbor Ledger",
    )
    gazette = make_article(
        "Tomas Ferreira, president of the Harborside Marina Owners Guild, said boat owners would leave for other harbors.\n\n"
        "The port authority voted on Tuesday to double mooring fees.",
        outlet="Valley Gazette",
    )
    post = make_article(
        "\u201cThis is a tax on weekend sailors,\u201d said Tomas Ferreira, president of the Harborside Marina Owners Guild.\n\n"
        "Mooring fees will double after a vote of the port authority on Tuesday.",
        outlet="River Post",
    )
    parsed = parse(ledger, gazette, post)
    assert cited(summarize(parsed, words=60)) == [
        (
            "Tomas Ferreira, president of the Harborside Marina Owners Guild, said the port authority had picked a side.",
            [(ledger.id, 0)],
        ),
        (
            "The port authority voted to double mooring fees on Tuesday.",
            [(ledger.id, 1), (gazette.id, 1), (post.id, 1)],
        ),
    ]


def test_copy_without_its_original_stands_for_it(parse):
    parsed = parse(COURIER, POST, GAZETTE_COPY)
    summary = summarize(parsed, words=40, copies={GAZETTE_COPY.id: GAZETTE.id})
    cited_ids = {c.article_id for s in summary.sentences for c in s.citations}
    assert GAZETTE_COPY.id in cited_ids


def test_headline_comes_first_and_is_not_repeated(parse):
    first = make_article(
        "Bridge closure vote divides Millbrook neighbors and the Elm Street shops\n\n"
        + GAZETTE.text,
        title="Bridge closure vote divides Millbrook neighbors and the Elm Street shops",
    )
    second = make_article(
        "Millbrook bridge closure vote angers Elm Street shop owners\n\n" + COURIER.text,
        title="Millbrook bridge closure vote angers Elm Street shop owners",
    )
    texts = [s.text for s in summarize(parse(first, second), words=60).sentences]
    assert texts[0] == "Millbrook bridge closure vote angers Elm Street shop owners"
    assert "Bridge closure vote divides Millbrook neighbors and the Elm Street shops" not in texts
    assert len(texts) == 5


def test_one_loaded_word_down_weights_but_two_exclude(story):
    traffic = "Officials said traffic would be sent along Route 9 during the closure."
    texts = lambda penalty: [  # noqa: E731
        s.text for s in summarize(story, words=200, penalties={Citation(P, 1): penalty}).sentences
    ]
    assert traffic in texts(0.5)  # framing's penalty for one loaded word
    assert traffic not in texts(1.0)  # two or more loaded words


def test_undated_article_is_placed_by_the_dated_reports_it_matches(parse):
    dated = make_article(
        "The Marlow council approved the harbor dredging contract on Tuesday.\n\n"
        "Work on the channel will start in May, the council said.",
        outlet="Marlow Wire",
        published=datetime(2025, 4, 2, tzinfo=UTC),
    )
    undated = make_article(
        "Marlow council approved the harbor dredging contract on Tuesday.\n\n"
        "Fishermen at the quay said the dredging would reopen the harbor to trawlers.",
        outlet="Quay Post",
    )
    summary = summarize(parse(undated, dated), words=60)
    # The undated lead takes the day of the dated report it matches; the undated article's own
    # detail follows the dated ones instead of sorting first for lack of a date.
    assert [s.text for s in summary.sentences] == [
        "Marlow council approved the harbor dredging contract on Tuesday.",
        "Work on the channel will start in May, the council said.",
        "Fishermen at the quay said the dredging would reopen the harbor to trawlers.",
    ]


def test_pronoun_led_sentence_gives_way_to_a_named_equivalent(parse):
    first = make_article(
        "Mayor Ines Okafor opened the new ferry terminal on Monday.\n\n"
        "Okafor said the terminal would carry 4,000 passengers a day by summer.",
        outlet="Harbor Daily",
    )
    second = make_article(
        "The new ferry terminal opened on Monday with a ribbon cutting.\n\n"
        "She said the terminal would carry 4,000 passengers a day by summer.",
        outlet="Bay Times",
    )
    summary = summarize(parse(first, second), words=40)
    texts = [s.text for s in summary.sentences]
    assert "Okafor said the terminal would carry 4,000 passengers a day by summer." in texts
    assert not any(t.startswith("She ") for t in texts)


def test_two_headlines_that_say_different_things_both_lead(parse):
    titles = (
        "Millbrook council shuts Elm Street bridge for 14 months",
        "State to pay half of Elm Street bridge repair bill in Millbrook",
        "Route 9 detour planned for Millbrook bridge closure commuters",
    )
    articles = [
        make_article(title + "\n\n" + base.text, title=title)
        for title, base in zip(titles, (GAZETTE, POST, COURIER), strict=True)
    ]
    texts = [s.text for s in summarize(parse(*articles), words=200).sentences]
    assert sum(text in titles for text in texts) == 2


def test_shared_share_and_centrality_measure_what_other_outlets_also_say(story):
    built = build_story(SummaryRequest(tuple(story)))
    words = article_words(built)
    share = {u.text: shared_share(u, words) for u in built.units}
    # state, transportation, department, pay, half, bill: only the Post; "repair" is shared.
    assert share["The state transportation department will pay half of the repair bill."] == 1 / 7
    assert share[COUNCIL] == 8 / 9  # "shut": the others say "close"
    assert share[COST] == 1.0
    assert shared_share(built.units[0], {0: words[0]}) == 1.0  # a single article: all shared
    users = word_users(words)
    assert users["bridge"] == 3 and users["shut"] == 1
    assert {u.text: shared_share(u, words, users) for u in built.units} == share
    central = centrality(words)
    # The Gazette shares most with the other two; the Post, with its own detail, least.
    assert central[0] == 1.0
    assert central[2] < central[1] < 1.0
    assert centrality({}) == {}


def test_generic_summary_keeps_one_outlets_angle_out_but_focus_may_take_it(story):
    state_pays = "The state transportation department will pay half of the repair bill."
    assert state_pays not in [s.text for s in summarize(story, words=200).sentences]
    focused = summarize(story, words=200, focus="Who pays for the repair bill?")
    assert state_pays in [s.text for s in focused.sentences]


def test_headline_and_its_restating_lead_are_not_redundant_with_each_other(parse):
    title = "Millbrook council votes to close Elm Street bridge for repairs"
    article = make_article(
        title + "\n\nThe Millbrook city council voted on Tuesday to close the Elm Street bridge "
        "for repairs.\n\nThe Millbrook council voted on Tuesday to close the old Elm Street "
        "bridge for repairs.",
        title=title,
    )
    built = build_story(SummaryRequest(tuple(parse(article))))
    headline, lead, restated = range(3)
    assert built.units[headline].headline and not built.units[lead].headline
    assert built.similarity[headline, lead] >= 0.45  # similar, yet a title and a sentence
    assert not redundant(built, lead, [headline])
    assert redundant(built, restated, [headline, lead])  # two body sentences saying one thing
    assert not redundant(built, lead, [])
    texts = [s.text for s in summarize(parse(article), words=60).sentences]
    assert texts[:2] == [title, built.units[lead].text]
    assert len(texts) == 2


CRASH_HERALD = make_article(
    "Kestrel Air plane crashes near Dunmore\n\n"
    "A Kestrel Air flight crashed on Monday off the coast of Dunmore, killing all 54 people on board.\n\n"
    "Investigators recovered the flight recorders on Tuesday, the transport ministry said.",
    "Coast Herald",
    title="Kestrel Air plane crashes near Dunmore",
)
CRASH_POST = make_article(
    "Dunmore air crash leaves 54 dead\n\n"
    "All 54 people aboard the plane were killed when it went down in the sea on Monday.\n\n"
    "The airline said the aircraft had passed a safety inspection in March.",
    "Dunmore Post",
    title="Dunmore air crash leaves 54 dead",
)


def test_two_wordings_of_one_aligned_fact_are_redundant(parse):
    parsed = parse(CRASH_HERALD, CRASH_POST)
    facts = align_facts(parsed)
    built = build_story(SummaryRequest(tuple(parsed), facts=facts))
    crashed, killed = 1, 4  # the two outlets' second sentences: one fact, in other words
    assert built.fact_of[crashed] == built.fact_of[killed]
    assert built.similarity[crashed, killed] < 0.45  # too different for the wording test
    assert redundant(built, killed, [crashed])
    assert not redundant(build_story(SummaryRequest(tuple(parsed))), killed, [crashed])
    killed_text = "All 54 people aboard the plane were killed when it went down in the sea on Monday."
    # Without the facts the summary tells the deaths twice; with them, once.
    assert [s.text for s in summarize(parsed, words=60).sentences] == [
        "Dunmore air crash leaves 54 dead",
        "A Kestrel Air flight crashed on Monday off the coast of Dunmore, killing all 54 people on board.",
        killed_text,
    ]
    assert [s.text for s in summarize(parsed, words=60, facts=facts).sentences] == [
        "Kestrel Air plane crashes near Dunmore",
        killed_text,
    ]


def test_an_update_summary_leaves_out_a_seen_fact_in_new_words(parse):
    parsed = parse(CRASH_HERALD, CRASH_POST)
    facts = align_facts(parsed)
    # The reader has the Herald: the Post's headline and its deaths sentence are the same
    # facts in other words; only the inspection is new.
    assert [s.text for s in summarize(parsed, words=60, facts=facts, since=[CRASH_HERALD.id]).sentences] == [
        "The airline said the aircraft had passed a safety inspection in March."
    ]
    assert len(summarize(parsed, words=60, since=[CRASH_HERALD.id]).sentences) == 3


def test_novel_share_counts_content_words_not_yet_in_the_summary(story):
    built = build_story(SummaryRequest(tuple(story)))
    unit = next(u for u in built.units if u.text == COST)
    own = set(unit.content)
    assert novel_share(unit, set()) == 1.0
    assert novel_share(unit, own) == 0.0
    some = sorted(own)[:2]
    assert novel_share(unit, set(some) | {"unrelated"}) == (len(own) - 2) / len(own)


def test_a_summary_without_a_headline_gets_the_best_one_in_place_of_its_last_picks(parse):
    titles = (
        "Millbrook council votes to shut Elm Street bridge",
        "Elm Street bridge in Millbrook to close for repairs",
    )
    first, second = titled(titles[0], GAZETTE), titled(titles[1], COURIER)
    story = build_story(SummaryRequest(parse(first, second)))
    heads = [i for i, u in enumerate(story.units) if u.headline]
    body = [i for i, u in enumerate(story.units) if not u.headline][:3]
    assert len(heads) == 2
    scores = {heads[0]: 1.0, heads[1]: 2.0}
    assert with_headline(story, body, 100, scores) == [heads[1], *body]
    # Room is made by dropping the last (least valuable) picks.
    budget = sum(story.units[i].words for i in body) + story.units[heads[1]].words - 1
    assert with_headline(story, body, budget, scores) == [heads[1], *body[:2]]
    # A summary holding a headline stays as it is; a headline without gain is not added.
    assert with_headline(story, [heads[0], *body], 100, scores) == [heads[0], *body]
    assert with_headline(story, body, 100, {heads[0]: 0.0}) == body


def test_a_chosen_headlines_own_lead_is_exempt_from_the_shared_share_floor(parse):
    ferry = "Harbor board freezes Gull Island ferry fares until 2027"
    island = "Gull Island riders cheer as ferry fares stay put"
    first = make_article(
        ferry + "\n\nThe Port Alden harbor board voted on Monday to keep ferry fares for "
        "island residents unchanged until 2027.\n\nThe vote was five to nothing.",
        title=ferry,
    )
    second = make_article(
        island + "\n\nThey said on the early boat that the decision would save them "
        "hundreds of dollars a year.\n\nThe board meets again in June.",
        title=island,
    )
    built = build_story(SummaryRequest(tuple(parse(first, second))))
    texts = [u.text for u in built.units]
    head, lead, vote = (texts.index(ferry), texts.index(ferry) + 1, texts.index(ferry) + 2)
    other_head, other_lead = texts.index(island), texts.index(island) + 1
    assert built.units[head].headline and not built.units[lead].headline
    assert headed_lead(built, head, [])  # a headline is never held to the floor
    assert headed_lead(built, lead, [head])  # its article's headline is in the summary
    assert not headed_lead(built, vote, [head])  # a later sentence is not the lead
    assert not headed_lead(built, lead, [other_head])  # another article's headline
    assert not headed_lead(built, other_lead, [head, lead])
    # A lead opening with a pronoun leans on words the summary does not hold: never a
    # candidate, so it never reaches the exemption.
    assert built.units[other_lead].penalty >= MAX_PENALTY
    assert other_lead not in _candidates(built)


def test_concepts_are_stemmed_word_pairs_one_word_apart_included(parse):
    first = make_article("The mayor signed an order on Friday to close the Elm Street bridge.")
    second = make_article("The governor signed the order after the announcement of the closure.")
    story = build_story(SummaryRequest(parse(first, second)))
    assert stem("announcement") == stem("announced") == "announc"
    concepts = concepts_of(story.units[1])
    assert ("announc", "of") in concepts and ("announcement", "of") not in concepts
    # "signed an order" and "signed the order" share a concept, so it counts both articles.
    weights = concept_weights(story, frozenset())
    assert weights[("sign", "order")] == 2
    assert weights[("mayor", "sign")] == SINGLE_SOURCE_WEIGHT


def test_a_penalized_pick_gives_way_to_another_outlets_plain_wording_of_it(parse):
    titles = (
        "Millbrook council votes to shut crumbling Elm Street bridge for repairs",
        "Millbrook council votes on Tuesday to close the Elm Street bridge for repairs",
    )
    first, second = titled(titles[0], GAZETTE), titled(titles[1], POST)
    parsed = parse(first, second)
    loaded = Citation(parsed[0].id, 0)  # the framing stage found a loaded word in it
    story = build_story(SummaryRequest(parsed, penalties={loaded: 0.5}))
    texts = [u.text for u in story.units]
    head, plain = texts.index(titles[0]), texts.index(titles[1])
    lead = texts.index(GAZETTE.text.split("\n\n")[0])
    assert story.units[head].penalty > 0 and story.units[plain].penalty == 0
    pool = range(len(story.units))
    assert neutral_wording(story, [head, lead], 100, pool) == [plain, lead]
    # Not when the plain wording would break the budget, nor from outside the candidates.
    assert story.units[plain].words > story.units[head].words
    tight = story.units[head].words + story.units[lead].words
    assert neutral_wording(story, [head, lead], tight, pool) == [head, lead]
    assert neutral_wording(story, [head, lead], 100, [head, lead]) == [head, lead]
    # A headline never stands in for a body sentence: the lead has no plain twin here.
    assert neutral_wording(story, [lead], 100, pool) == [lead]


def test_a_best_sentence_that_no_longer_fits_replaces_the_picks_made_since_it_did(story):
    built = build_story(SummaryRequest(tuple(story)))
    texts = [u.text for u in built.units]
    lead = texts.index(GAZETTE.text.split("\n\n")[0])  # 16 words
    cost, built_in = texts.index(COST), texts.index(BUILT)  # 10 and 11 words
    state = texts.index("The state transportation department will pay half of the repair bill.")
    route = texts.index("Officials said traffic would be sent along Route 9 during the closure.")
    assert [built.units[i].words for i in (lead, cost, built_in, state, route)] == [
        16,
        10,
        11,
        11,
        12,
    ]

    def greedy(lead_weight: float, budget: int) -> Greedy:
        # One concept per sentence, so each sentence's value is its weight (priors 1).
        weights = {cost: 30.0, built_in: 25.0, state: 20.0, route: 12.0, lead: lead_weight}
        concepts = {i: {(str(i), "concept"): w} for i, w in weights.items()}
        return Greedy(
            built, budget, dict.fromkeys(weights, 1.0), concepts, dict.fromkeys(weights, 1.0)
        )

    # Per word the lead ranks after the Route 9 sentence; once four picks use 44 of 50 words
    # it no longer fits, though it did after three (32 used).
    picks = greedy(14.0, 50).run(())
    assert picks.chosen == (cost, built_in, state, route) and picks.missed == lead
    assert picks.used_before == (0, 10, 21, 32) and picks.value == 87.0
    assert ROLLBACK_MIN_PICKS == 3
    assert greedy(14.0, 50).rolled_back(picks) == [cost, built_in, state, lead]  # 89 > 87
    lighter = greedy(11.0, 50)
    assert lighter.rolled_back(lighter.run(())) == [cost, built_in, state, route]  # 86 < 87
    # Under 40 words the lead fitted only before the third pick: too early to go back to,
    # though that run would be worth more (30 + 25 + 24 against 30 + 25 + 20).
    tight = greedy(24.0, 40)
    assert tight.run(()).missed == lead
    assert tight.rolled_back(tight.run(())) == [cost, built_in, state]



def test_untitled_articles_open_with_the_leads_two_other_outlets_report(parse):
    # No title in the texts: a lead stands in for a headline when two other outlets report
    # it. The vote is in all three leads; the Post's closure lead is reported by one other.
    wire = make_article(
        "Millbrook's city council voted 7-2 on Tuesday to close the Elm Street bridge for "
        "repairs.\n\nThe bridge will reopen next summer, the city said.",
        outlet="Coast Wire",
    )
    story = build_story(SummaryRequest(parse(GAZETTE, COURIER, POST, wire)))
    every = range(len(story.units))
    picked = [(story.units[i].article, story.units[i].position) for i in opening_candidates(story, every)]
    assert picked == [(0, 0), (1, 0), (3, 0)]


def test_titled_articles_open_with_their_headlines_only(parse):
    titles = ("Millbrook council votes to shut Elm Street bridge", "Elm Street bridge to close")
    first, second = titled(titles[0], GAZETTE), titled(titles[1], COURIER)
    story = build_story(SummaryRequest(parse(first, second)))
    every = range(len(story.units))
    assert [story.units[i].text for i in opening_candidates(story, every)] == list(titles)
