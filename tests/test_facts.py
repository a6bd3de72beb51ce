"""Fact alignment and coverage on invented articles."""

from __future__ import annotations

from conftest import make_article
from manysides.facts import (
    align_facts,
    attribution_tokens,
    canonical,
    coverage,
    named_speakers,
    quoted_speakers,
    restated_facts,
    restated_lead,
    sentence_similarity,
    with_restated,
)
from manysides.model import Citation
from manysides.outlets import outlet_labels

A = make_article(
    "A storm knocked out power to 40,000 homes in Dellford on Tuesday night.\n\n"
    '"We expect most customers to have power back by Friday," said utility spokesman Omar Leclerc.\n\n'
    "Omar Leclerc joined the utility as spokesman in 2019.\n\n"
    "Read more.",
    outlet="Ridge Herald",
)
B = make_article(
    "Power went out for 40,000 homes across Dellford when a storm hit on Tuesday night.\n\n"
    "Utility spokesman Omar Leclerc said most customers should expect their power back by Friday.\n\n"
    "Two schools in Dellford stayed closed on Wednesday.",
    outlet="Lakeside Star",
)
C = make_article(
    "Tuesday night's storm cut electricity to 40,000 homes in Dellford.\n\n"
    "Crews from three neighbouring states arrived on Wednesday to repair fallen lines.",
)


def test_aligns_paraphrase_and_reported_speech_but_not_near_misses(parse):
    facts = align_facts(parse(A, B, C))
    supports = [f.support for f in facts]
    assert supports[0] == (Citation(A.id, 0), Citation(B.id, 0), Citation(C.id, 0))
    assert (Citation(A.id, 1), Citation(B.id, 1)) in supports  # quote vs reported speech
    assert (Citation(A.id, 2),) in supports  # same speaker, a different statement
    assert [f.id for f in facts] == [f"f{i}" for i in range(1, len(facts) + 1)]
    assert len(facts) == 5  # "Read more." is boilerplate, not a fact
    assert facts[0].outlets == ("Ridge Herald", "Lakeside Star", f"unknown outlet ({C.id})")
    assert facts[0].text in {
        A.text.split("\n\n")[0],
        B.text.split("\n\n")[0],
        C.text.split("\n\n")[0],
    }


def test_a_fact_leaves_out_the_wire_dateline_its_sentence_opens_with(parse):
    # the place and agency are the article's; the fact is what the sentence states
    dated = make_article(
        "DELLFORD – A storm knocked out power to 40,000 homes in Dellford on Tuesday night.",
        outlet="Ridge Herald",
    )
    (fact,) = align_facts(parse(dated))
    assert fact.text == "A storm knocked out power to 40,000 homes in Dellford on Tuesday night."


def test_a_fact_is_worded_by_a_sentence_that_stands_on_its_own(parse):
    # Its row is read out of its article: "It said ..." names no one
    leaning = make_article(
        "The Calder coast guard released its report on the Marlow ferry on Friday.\n\n"
        "It said the ferry sank after its crew ignored three storm warnings near Port Ansel.",
        outlet="Ridge Herald",
    )
    named = make_article(
        "The Calder coast guard said the Marlow ferry sank after its crew ignored three storm "
        "warnings near Port Ansel.",
        outlet="Lakeside Star",
    )
    shared = align_facts(parse(leaning, named))[0]
    assert shared.support == (Citation(leaning.id, 1), Citation(named.id, 0))
    assert shared.text == named.text


def test_copies_count_once(parse):
    copy = make_article(A.text + "\n\nSyndicated.", outlet="Copy Desk")
    facts = align_facts(parse(A, copy, B), copies={copy.id: A.id})
    assert all(c.article_id != copy.id for f in facts for c in f.support)
    assert facts[0].outlets == ("Ridge Herald", "Lakeside Star")


def test_coverage_exclusive_and_omitted(parse):
    articles = (A, B, C)
    facts = align_facts(parse(*articles))
    cov = coverage(facts, articles)
    unknown = f"unknown outlet ({C.id})"
    assert cov.outlets == ("Ridge Herald", "Lakeside Star", unknown)
    by_fact = dict(cov.matrix)
    assert by_fact["f1"] == ("Ridge Herald", "Lakeside Star", unknown)
    exclusive = dict(cov.exclusive)
    assert len(exclusive["Ridge Herald"]) == 1 and len(exclusive["Lakeside Star"]) == 1
    assert len(exclusive[unknown]) == 1
    omitted = dict(cov.omitted)
    assert omitted["Ridge Herald"] == () and omitted["Lakeside Star"] == ()
    assert omitted[unknown] == ("f2",)  # the spokesman's statement the two others report


def test_copy_outlet_covers_its_original(parse):
    copy = make_article(B.text + "\n\nFrom the wires.", outlet="Copy Desk")
    articles = (A, B, copy)
    facts = align_facts(parse(*articles), copies={copy.id: B.id})
    cov = coverage(facts, articles, copies={copy.id: B.id})
    assert dict(cov.matrix)["f1"] == ("Ridge Herald", "Lakeside Star", "Copy Desk")
    assert "Copy Desk" not in dict(cov.exclusive)


def test_one_independent_outlet_has_nothing_exclusive(parse):
    # A second story from the same desk plus a copy elsewhere: still one independent outlet,
    # so "only Ridge Herald reports" would be said of every fact and mean nothing.
    follow_up = make_article(
        "Crews restored power to most of Dellford by Thursday evening.", outlet="Ridge Herald"
    )
    copy = make_article(A.text + "\n\nFrom the wires.", outlet="Copy Desk")
    articles = (A, follow_up, copy)
    facts = align_facts(parse(*articles), copies={copy.id: A.id})
    cov = coverage(facts, articles, copies={copy.id: A.id})
    assert cov.outlets == ("Ridge Herald", "Copy Desk")
    assert dict(cov.matrix)["f1"] == ("Ridge Herald", "Copy Desk")
    assert cov.exclusive == ()
    assert cov.omitted == (("Ridge Herald", ()),)


def test_unknown_outlets_stay_apart():
    first = make_article("One text.", title="Storm hits Dellford")
    second = make_article("Another text.")
    labels = outlet_labels([first, second])
    assert labels == {
        first.id: "unknown outlet: Storm hits Dellford",
        second.id: f"unknown outlet ({second.id})",
    }


def test_empty_story():
    assert align_facts(()) == ()


def test_synonyms_align_paraphrases():
    assert canonical("hurt") == canonical("injure") == canonical("wounded") == "injure"
    assert canonical("house") == "home" and canonical("position") == "job"
    assert canonical("bridge") == "bridge"


def test_paraphrase_with_news_synonyms_aligns(parse):
    a = make_article(
        "The wildfire near Osterby destroyed 40 houses on Sunday.", outlet="Ridge Herald"
    )
    b = make_article(
        "Forty homes near Osterby were wrecked by the blaze on Sunday.", outlet="Lakeside Star"
    )
    facts = align_facts(parse(a, b))
    assert facts[0].support == (Citation(a.id, 0), Citation(b.id, 0))


def test_short_paraphrases_meet_on_a_shared_count_and_a_phrase(parse):
    a = make_article(
        "A landslide buried part of the hill village of Ostrel on Monday.\n\n"
        "Volunteers dug 31 survivors out of the mud.\n\n"
        "Eleven villagers lost their lives.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "Heavy rain set off a landslide above Ostrel on Monday.\n\n"
        "Diggers rescued 31 people from the mud.\n\n"
        "Eleven villagers died.",
        outlet="Lakeside Star",
    )
    supports = {f.support for f in align_facts(parse(a, b))}
    assert (Citation(a.id, 1), Citation(b.id, 1)) in supports  # 31 survivors = 31 people
    assert (Citation(a.id, 2), Citation(b.id, 2)) in supports  # "lost their lives" = "died"


def test_counts_of_the_same_thing_align_even_when_the_figures_differ(parse):
    a = make_article(
        "A storm flooded the port town of Kessary on Thursday.\n\n"
        "About 140 soldiers are filling sandbags.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "Floodwater reached the centre of Kessary on Thursday.\n\n"
        "More than 250 soldiers have been deployed to the town.",
        outlet="Lakeside Star",
    )
    supports = {f.support for f in align_facts(parse(a, b))}
    assert (Citation(a.id, 1), Citation(b.id, 1)) in supports  # 140 vs 250 soldiers


def test_counts_of_people_do_not_tie_different_facts(parse):
    a = make_article(
        "A storm flooded the port town of Kessary on Thursday.\n\n"
        "About 900 people were moved to the school gym.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "Floodwater reached the centre of Kessary on Thursday.\n\n"
        "Some 6,000 people live in the town.",
        outlet="Lakeside Star",
    )
    supports = {f.support for f in align_facts(parse(a, b))}
    assert (Citation(a.id, 1),) in supports and (Citation(b.id, 1),) in supports


def test_a_reporting_verbs_noun_namesake_is_no_attribution(parse):
    (parsed,) = parse(
        make_article(
            "Under the new state law, clinics must report every case, the governor said.",
            outlet="T",
        )
    )
    span = parsed.sentence_span(0)
    assert sorted(span.doc[i].text for i in attribution_tokens(span)) == [
        "clinics",
        "governor",
        "report",
        "said",
        "the",
    ]


def test_opposite_claims_by_two_named_speakers_stay_apart(parse):
    # The same topic words (county, state, water, rules) in two statements by two people.
    first = make_article(
        "The county has no duty to follow the state water rules, Commissioner Jonas Arvel said.",
        outlet="Fenmoor Times",
    )
    second = make_article(
        "Engineer Mira Solvik said the state water rules bind the county and every farm in it.",
        outlet="Basin Review",
    )
    same_speaker = make_article(
        "Jonas Arvel said the county has no duty to follow state water rules.",
        outlet="Delta Wire",
    )
    facts = align_facts(parse(first, second))
    assert [len(f.support) for f in facts] == [1, 1]
    facts = align_facts(parse(first, same_speaker))
    assert [f.support for f in facts] == [(Citation(first.id, 0), Citation(same_speaker.id, 0))]


def test_named_speakers_are_the_proper_nouns_of_a_reporting_verbs_subject(parse):
    (article,) = parse(
        make_article(
            "Board chair Miles Danner told reporters the plan was sound.\n\n"
            "She said the vote was close.\n\n"
            "Officials said the depot would close.",
        )
    )
    spans = [article.sentence_span(s.index) for s in article.sentences]
    assert [named_speakers(span) for span in spans] == [
        frozenset({"miles", "danner"}),
        frozenset(),
        frozenset(),
    ]


def test_named_speakers_leave_out_a_possessive_and_keep_an_apposition(parse):
    (article,) = parse(
        make_article(
            "Vellmark's chief prosecutor has warned landlords that they face charges.\n\n"
            "The port's new director, Hana Koivu, said the cranes would be replaced."
        )
    )
    spans = [article.sentence_span(s.index) for s in article.sentences]
    assert [named_speakers(span) for span in spans] == [frozenset(), frozenset({"hana", "koivu"})]


def test_quoted_speakers_name_a_quotations_later_sentences_and_reported_statements(parse):
    (article,) = parse(
        make_article(
            "“The bridge will reopen in May,” Mayor Ilse Brandvold said. “Our crews are working "
            "every night. Nobody wants this to take longer than it must.”\n\n"
            "Ilse Brandvold reassured commuters that the ferry would keep running.\n\n"
            "The company promised that tolls would not rise."
        )
    )
    assert quoted_speakers(article) == {
        index: frozenset({"ilse", "brandvold"}) for index in (0, 1, 2, 3)
    }


def test_a_quotations_second_sentence_and_another_speakers_statement_stay_apart(parse):
    # The second sentence names no speaker; it is the police chief's words, not the mayor's.
    chief = make_article(
        '"Calls to us are about safety," Police Chief Aron Velde said. "When residents call '
        'for help we will help them and we will not ask about their papers."',
        outlet="Harbor Ledger",
    )
    mayor = make_article(
        "Mayor Dita Sorell told reporters that police will not help federal agents ask "
        "residents about their papers.",
        outlet="Valley Post",
    )
    parsed = parse(chief, mayor)
    assert quoted_speakers(parsed[0])[1] == frozenset({"aron", "velde"})
    assert all(len({c.article_id for c in f.support}) == 1 for f in align_facts(parsed))


def test_sentence_similarity_after_align_facts_is_the_same_and_its_own(parse):
    parsed = parse(A, B, C)
    align_facts(parsed)  # leaves this story's similarity cached
    rows, kept = sentence_similarity(parsed)
    kept[:] = -1.0  # a caller's edits must not reach the cache
    again_rows, again = sentence_similarity(parsed)
    fresh_rows, fresh = sentence_similarity(parse(A, B, C))  # new articles: computed anew
    assert again_rows == rows == fresh_rows and len(rows) > 1
    assert (again == fresh).all() and again.max() > 0.99


def test_sentences_sharing_only_the_storys_topic_words_stay_apart(parse):
    # "council", "water" and "Marrowby" are in most sentences of every article: the topic.
    a = make_article(
        "The Marrowby council voted on Monday to stop adding fluoride to the town water supply.\n\n"
        "The council said the Marrowby water plant would save 90,000 dollars a year.\n\n"
        "The council must hold a public hearing before any change to the Marrowby water law.\n\n"
        "Marrowby water has been fluoridated since 1962, according to council records.",
        outlet="Fenwick Courier",
    )
    b = make_article(
        "On Monday the Marrowby council voted to stop putting fluoride in the water.\n\n"
        "The Marrowby water law dates from 1971 and was last amended by the council in 1990.\n\n"
        "The water department in Marrowby expects the change to save the town 90,000 dollars each year.\n\n"
        "The council meets again in March to discuss Marrowby water rates.",
        outlet="Tarn Valley News",
    )
    c = make_article(
        "Marrowby will no longer add fluoride to its water after a council vote on Monday.\n\n"
        "The council attorney said the Marrowby water law gives the mayor no veto.\n\n"
        "Dentists warned the Marrowby council that children would have more cavities.\n\n"
        "The council water committee in Marrowby has five members.",
        outlet="Orchard Ledger",
    )
    multi = [f.support for f in align_facts(parse(a, b, c)) if len(f.support) > 1]
    assert multi == [
        (Citation(a.id, 0), Citation(b.id, 0), Citation(c.id, 0)),
        (Citation(a.id, 1), Citation(b.id, 2)),
    ]  # the hearing rule and the mayor's veto share only "council", "water", "Marrowby", "law"


# An article that states its main fact twice, in its lead and again with the names, and two
# outlets that each state it once, one in the words of each version.
RESTATING = make_article(
    "The county's chief health officer has warned restaurant owners that they face closure if"
    " they skip the new kitchen inspections.\n\n"
    "Speaking at a briefing in Dunmore, Health Commissioner Mara Ellison said on Monday that"
    " kitchens breaking the sanitation code face penalties, including fines of up to $2,000.\n\n"
    "Inspectors will begin visiting restaurants in March.\n\n"
    "Several owners said the rules came with little notice.",
    outlet="Dunmore Ledger",
)
CLOSURE = make_article(
    "Health Commissioner Mara Ellison threatened on Monday to close any restaurant owners who"
    " skip the kitchen inspections.\n\n"
    "The new inspection program was approved by the county board last year.\n\n"
    "Owners must post the inspection grade in their front windows.",
    outlet="Valley Star",
)
FINES = make_article(
    "The county health commissioner warned restaurant owners on Monday that breaking the"
    " sanitation code brings penalties, including fines of up to $2,000.\n\n"
    "A restaurant association called the fines too steep for small diners.\n\n"
    "Inspectors will begin visiting restaurants in March.",
    outlet="Harbor Times",
)


def test_a_restated_lead_reaches_the_outlets_of_both_its_facts(parse):
    parsed = parse(RESTATING, CLOSURE, FINES)
    facts = align_facts(parsed)
    # One sentence per article per fact: the two versions of the lead are two facts.
    supports = {f.support for f in facts}
    assert (Citation(RESTATING.id, 0), Citation(CLOSURE.id, 0)) in supports
    assert (Citation(RESTATING.id, 1), Citation(FINES.id, 0)) in supports
    assert (Citation(RESTATING.id, 2), Citation(FINES.id, 2)) in supports
    restated = restated_facts(parsed, facts)
    cited = {
        (article.id, index): restated_lead(parsed, facts, Citation(article.id, index), restated)
        for article, index in [(RESTATING, 0), (RESTATING, 1), (CLOSURE, 0), (FINES, 0), (RESTATING, 2), (CLOSURE, 1)]
    }
    assert cited == {
        (RESTATING.id, 0): (Citation(FINES.id, 0),),
        (RESTATING.id, 1): (Citation(CLOSURE.id, 0),),
        (CLOSURE.id, 0): (Citation(RESTATING.id, 1), Citation(FINES.id, 0)),
        (FINES.id, 0): (Citation(RESTATING.id, 0), Citation(CLOSURE.id, 0)),
        # Past the leads an article's two sentences are two facts; a fact of one sentence
        # shares no article with another.
        (RESTATING.id, 2): (),
        (CLOSURE.id, 1): (),
    }


def test_an_outlet_stating_a_restated_lead_in_other_words_does_not_leave_it_out(parse):
    parsed = parse(RESTATING, CLOSURE, FINES)
    facts = align_facts(parsed)
    fact_of = {c: f.id for f in facts for c in f.support}
    closure, fines = fact_of[Citation(CLOSURE.id, 0)], fact_of[Citation(FINES.id, 0)]
    inspectors = fact_of[Citation(FINES.id, 2)]
    restated = restated_facts(parsed, facts)
    assert restated == {closure: frozenset({fines}), fines: frozenset({closure})}
    articles = [RESTATING, CLOSURE, FINES]
    everyone = ("Dunmore Ledger", "Valley Star", "Harbor Times")
    plain, linked = coverage(facts, articles), coverage(with_restated(facts, restated), articles)
    # Without the link each of the two outlets seems to leave out the other's version.
    assert dict(plain.matrix)[closure] == ("Dunmore Ledger", "Valley Star")
    assert set(dict(plain.omitted)["Harbor Times"]) >= {closure}
    assert set(dict(plain.omitted)["Valley Star"]) >= {fines}
    assert dict(linked.matrix)[closure] == everyone
    assert dict(linked.matrix)[fines] == everyone
    assert dict(linked.matrix)[inspectors] == ("Dunmore Ledger", "Harbor Times")
    assert dict(linked.omitted) == {
        "Dunmore Ledger": (),
        "Valley Star": (inspectors,),
        "Harbor Times": (),
    }


def test_a_sentence_telling_a_further_act_restates_no_lead(parse):
    # "also said": the commissioner's second statement, not her lead told again.
    further = make_article(
        RESTATING.text.replace("Mara Ellison said on Monday", "Mara Ellison also said on Monday"),
        outlet="Dunmore Ledger",
    )
    parsed = parse(further, CLOSURE, FINES)
    facts = align_facts(parsed)
    supports = {f.support for f in facts}
    assert (Citation(further.id, 0), Citation(CLOSURE.id, 0)) in supports
    assert (Citation(further.id, 1), Citation(FINES.id, 0)) in supports
    assert restated_facts(parsed, facts) == {}
    assert restated_lead(parsed, facts, Citation(further.id, 1), restated_facts(parsed, facts)) == ()
