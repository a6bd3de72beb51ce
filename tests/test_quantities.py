"""Quantities: parsing, qualifiers as intervals, subjects, cross-outlet conflicts."""

from __future__ import annotations

from conftest import make_article
from manysides.model import Quantity
from manysides.quantities import compare_quantities, extract_quantities
from manysides.quantity_compare import contradicts


def _q(
    value: float,
    qualifier: str = "",
    unit: str = "",
    text: str = "x",
    upper: float | None = None,
    condition: str = "",
) -> Quantity:
    return Quantity("a", 0, text, value, unit, qualifier, "fine", upper, condition)


def _flagged(parse, herald: str, star: str) -> list[list[str]]:
    """The value texts of each conflicting group when two outlets report ``herald`` and
    ``star``."""
    a = make_article(herald, outlet="Ridge Herald")
    b = make_article(star, outlet="Lakeside Star")
    groups = compare_quantities(parse(a, b))
    return [sorted(v.text for v in g.values) for g in groups if g.conflict]


def test_extracts_money_range_qualifier_and_subject(parse):
    (parsed,) = parse(
        make_article(
            "The new law allows the county to fine landlords up to $4,000 for a first violation"
            " and from $4,000 to $9,000 for each repeat violation.\n\n"
            "Officials plan to inspect more than 2,300 apartments.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.value, q.upper, q.unit, q.qualifier) for q in found] == [
        (4000.0, None, "$", "up to"),
        (4000.0, 9000.0, "$", ""),
        (2300.0, None, "", "more than"),
    ]
    assert found[0].subject == "fine"
    assert found[0].condition == "first violation"
    assert found[1].condition == "repeat violation"
    assert found[2].subject == "apartment"
    assert (found[2].sentence, found[2].text) == (1, "more than 2,300")


def test_durations_percentages_dates_and_word_numbers(parse):
    (parsed,) = parse(
        make_article(
            "The dockworkers began a three-day strike on June 4, 2024.\n\n"
            "Their union wants a 9 percent raise.\n\nNo one was hurt.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("three-day", 3.0, "days"),
        ("June 4, 2024", 739041.0, "date"),
        ("9 percent", 9.0, "%"),
    ]


def test_interval_semantics():
    assert not contradicts(_q(1500, "more than"), _q(1500))
    assert not contradicts(_q(10000, "up to", "$"), _q(5000, "", "$"))
    assert not contradicts(_q(2000, "about"), _q(2150))
    assert not contradicts(_q(400, "nearly"), _q(391))
    assert not contradicts(_q(1500), _q(1520))  # rounding
    assert contradicts(_q(3), _q(4))
    assert contradicts(
        _q(12e6, unit="$", text="$12 million"), _q(15e6, unit="$", text="$15 million")
    )
    assert not contradicts(_q(3, unit="days"), _q(4, unit="%"))
    assert not contradicts(_q(5000, unit="$", condition="first violation"), _q(10000, unit="$"))


def test_conflicts_flagged_only_for_the_same_fact(parse):
    a = make_article(
        "A gas leak forced the evacuation of the Pellworth Mall on Saturday afternoon.\n\n"
        "Seven shoppers were treated for dizziness at Pellworth Hospital.\n\n"
        "More than 1,200 people left the mall within twenty minutes.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "The Pellworth Mall was evacuated on Saturday afternoon because of a gas leak.\n\n"
        "Nine shoppers were treated for dizziness at Pellworth Hospital, officials said.\n\n"
        "About 1,200 people left the mall within twenty minutes.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    by_subject = {g.subject: g for g in groups}
    shoppers = by_subject["shopper"]
    assert shoppers.conflict
    assert sorted(v.value for v in shoppers.values) == [7.0, 9.0]
    assert shoppers.conflicts == ((0, 1),)
    assert not by_subject["people"].conflict
    assert [g.subject for g in groups if g.conflict] == ["shopper"]


def test_copies_do_not_count(parse):
    a = make_article(
        "Nine shoppers were treated for dizziness at Pellworth Hospital.", outlet="Ridge Herald"
    )
    b = make_article(
        "Nine shoppers were treated for dizziness at Pellworth Hospital today.", outlet="Copy Desk"
    )
    parsed = parse(a, b)
    assert compare_quantities(parsed, copies={b.id: a.id}) == ()
    assert len(compare_quantities(parsed)) == 1


def test_word_numbers_labels_undated_days_ages_and_former_values(parse):
    (parsed,) = parse(
        make_article(
            "Eighteen passengers were hurt on Route 9 on March 3.\n\n"
            "The records of a quarter of a million patients were stolen.\n\n"
            "A 62-year-old driver was arrested.\n\n"
            "The jobless rate fell from 9 percent to 6 percent last year, and then from 6 percent.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.sentence, q.text, q.value) for q in found] == [
        (0, "Eighteen", 18.0),
        (1, "a quarter of a million", 250000.0),
    ]
    assert found[0].subject == "passenger"
    assert found[1].subject == "patient"


def test_coordinated_money_amount_keeps_the_fine_subject(parse):
    (parsed,) = parse(
        make_article(
            "The rule lets the state fine employers up to $4,000 for a first violation and $4,000 up to"
            " $9,000 for each later violation.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.value, q.upper, q.subject, q.condition) for q in found] == [
        (4000.0, None, "fine", "first violation"),
        (4000.0, 9000.0, "fine", "later violation"),
    ]


def test_conflict_across_sentences_that_are_not_one_fact(parse):
    a = make_article(
        "A boiler exploded at the Norvale rail depot early on Monday, shaking nearby homes.\n\n"
        "Three workers were injured in the blast.\n\n"
        "Two people died at the scene.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "Four workers were hurt when a boiler blew up at the Norvale depot on Monday, the rail"
        " company said in a statement.\n\n"
        "Seventeen people were hurt in total, most of them with cuts from broken glass.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    flagged = sorted(
        sorted((g.values[i].text, g.values[j].text)) for g in groups for i, j in g.conflicts
    )
    # three vs four workers is one claim; the dead and the hurt are different counts
    assert flagged == [["Four", "Three"]]


def test_no_conflict_across_years_or_different_rates(parse):
    flagged = _flagged(
        parse,
        "Unemployment in Tollan fell to 12 percent in 2019.\n\n"
        "The murder rate in Tollan dropped by 20 percent.",
        "Unemployment in Tollan fell to 7 percent in 2021.\n\n"
        "The truancy rate in Tollan dropped by 15 percent.",
    )
    assert flagged == []


def test_money_in_taxes_prison_terms_and_magnitudes(parse):
    (parsed,) = parse(
        make_article(
            "Homeowners will pay an average of $150 more a year in property taxes.\n\n"
            "The former clerk will spend six years behind bars.\n\n"
            "A 5.8-magnitude earthquake shook the valley of Ostrel.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.text, q.value, q.unit, q.subject) for q in found] == [
        ("$150", 150.0, "$", "tax"),
        ("six years", 2191.5, "days", "sentence"),
        ("5.8-magnitude", 5.8, "magnitude", "earthquake"),
    ]


def test_jobs_cut_and_workers_laid_off_are_one_count(parse):
    flagged = _flagged(
        parse,
        "Dorlan Freight is eliminating 350 positions at its Kelby warehouse.",
        "About 300 workers will lose their jobs at the Dorlan Freight warehouse in Kelby.",
    )
    assert flagged == [["350", "About 300"]]


def test_forecasts_other_people_and_personal_accounts_are_not_flagged(parse):
    flagged = _flagged(
        parse,
        "The wholesale price of Norvex tablets is expected to be $1.98 a day.\n\n"
        "Edda Albury won 1,390 votes in the Brookside ward.\n\n"
        "The Brisa van travels 19 miles on a gallon of fuel.",
        "The wholesale price of Norvex tablets is $2.42 a day.\n\n"
        "Maria Tenning won 1,330 votes in the Brookside ward.\n\n"
        "My Brisa van travels 24 miles on a gallon of fuel.",
    )
    assert flagged == []


def test_round_numbers_allow_only_their_own_precision():
    assert contradicts(_q(48000, unit="$", text="$48,000"), _q(46500, unit="$", text="$46,500"))
    assert not contradicts(_q(3000, text="3,000"), _q(2888, text="2,888"))  # 3,000 rounds 2,888
    assert not contradicts(_q(1.5e6, text="1.5 million"), _q(1.52e6, text="1.52 million"))


def test_counts_described_by_synonymous_verbs_conflict(parse):
    a = make_article(
        "Orvane Cycles is recalling 9,000 electric bikes over a faulty battery.\n\n"
        "Inspectors know of 12 fires linked to the battery.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "About 9,000 Orvane electric bikes are being recalled because of a battery fault.\n\n"
        "Seventeen fires have been tied to the faulty cells, a regulator said.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    fires = [g for g in groups if g.subject == "fire"]
    assert len(fires) == 1
    assert [(v.text, v.value) for v in fires[0].values] == [("12", 12.0), ("Seventeen", 17.0)]
    assert fires[0].conflicts == ((0, 1),)  # "linked to" and "tied to" name one event


def test_up_to_after_a_rising_verb_is_the_value_reached(parse):
    (parsed,) = parse(
        make_article(
            "The starting wage goes up to $19 an hour in May.\n\n"
            "The board may fine stores up to $2,000.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.text, q.value, q.qualifier) for q in found] == [
        ("up to $19", 19.0, ""),
        ("up to $2,000", 2000.0, "up to"),
    ]


def test_word_number_the_entity_recognizer_misses_still_counts(parse):
    (parsed,) = parse(
        make_article(
            "Eleven climbers were treated for frostbite.\n\nThe trail is closed.",
            outlet="Test Wire",
        )
    )
    assert [(q.text, q.value, q.subject) for q in extract_quantities(parsed)] == [
        ("Eleven", 11.0, "climber")
    ]


def test_level_reached_names_the_thing_changed_and_state_degree(parse):
    (parsed,) = parse(
        make_article(
            "The Velden council voted to raise the parking fee to $4.50.\n\n"
            "The price of a day pass will rise to $12.\n\n"
            "The Marsh Creek blaze was 65 percent contained by Friday.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.text, q.value, q.subject) for q in found] == [
        ("$4.50", 4.5, "fee"),
        ("$12", 12.0, "price"),
        ("65 percent", 65.0, "contain"),
    ]


def test_within_is_an_upper_bound():
    assert contradicts(
        _q(3, unit="days", text="three days"), _q(2, "within", "days", "within two days")
    )
    assert not contradicts(
        _q(2, "within", "days", "within two days"), _q(1.5, unit="days", text="36 hours")
    )


def test_one_fare_named_by_different_money_words_conflicts(parse):
    a = make_article(
        "The Velden ferry board voted on Monday to raise the crossing fare to $6.50.\n\n"
        "The ferry service lost $2.2 million last year.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "Passengers will pay $7 for a Velden ferry crossing under a plan the board approved Monday.\n\n"
        "The ferry service ran a deficit of $3.1 million last fiscal year.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    flagged = sorted(
        sorted((g.values[i].text, g.values[j].text)) for g in groups for i, j in g.conflicts
    )
    assert flagged == [["$2.2 million", "$3.1 million"], ["$6.50", "$7"]]


def test_fine_and_fee_in_one_fact_are_different_amounts(parse):
    flagged = _flagged(
        parse,
        "Drivers caught speeding near the Velden school face a fine of $250.",
        "Drivers caught speeding near the Velden school face a court fee of $400.",
    )
    assert flagged == []


def test_measures_of_one_fact_conflict_whatever_carries_them(parse):
    flagged = _flagged(
        parse,
        "The Pine Hollow fire has burned 8,000 acres since Sunday.",
        "The Pine Hollow fire has spread across 6,000 acres of timber since Sunday.",
    )
    assert flagged == [["6,000 acres", "8,000 acres"]]


def test_vote_tallies_are_counts_of_votes_in_favour(parse):
    (parsed,) = parse(
        make_article(
            "The Velden council approved the budget by a vote of 7 to 2.\n\n"
            "The Rovers beat the Harriers 7-2 on Sunday.\n\n"
            "The court upheld the ban in a 5-4 decision.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.sentence, q.text, q.value, q.unit, q.subject) for q in found] == [
        (0, "7 to 2", 7.0, "vote", "vote"),
        (2, "5-4", 5.0, "vote", "vote"),
    ]


def test_different_tallies_of_one_vote_conflict(parse):
    flagged = _flagged(
        parse,
        "The Velden council approved the new parking rules by a vote of 7 to 2.",
        "Velden council members voted 6 to 3 to approve the new parking rules.",
    )
    assert flagged == [["6 to 3", "7 to 2"]]


def test_a_change_noun_figure_measures_the_thing_changed(parse):
    (parsed,) = parse(
        make_article(
            "The mill blamed a 15 percent fall in timber sales.\n\n"
            "The 9 percent water rate increase takes effect in May.",
            outlet="Test Wire",
        )
    )
    found = extract_quantities(parsed)
    assert [(q.text, q.subject) for q in found] == [("15 percent", "sale"), ("9 percent", "rate")]


def test_the_size_of_a_change_measures_the_thing_changed(parse):
    # Before, "raise fares by 12 percent" measured "raise" and never met the other
    # outlet's "15 percent rise in ferry fares": the disagreement went unflagged.
    flagged = _flagged(
        parse,
        "The port authority voted on Tuesday to raise ferry fares by 12 percent from March.",
        "The port authority on Tuesday approved a 15 percent rise in ferry fares.",
    )
    assert flagged == [["12 percent", "15 percent"]]
    (parsed,) = parse(make_article("Sales fell 18 percent. The council increased the budget by $2 million."))
    assert [(q.text, q.subject) for q in extract_quantities(parsed)] == [("18 percent", "sale"), ("$2 million", "budget")]


def test_a_count_of_other_members_is_not_the_whole(parse):
    a = make_article(
        "Inspectors tested 14 boats at the Corran marina on Monday.", outlet="Ridge Herald"
    )
    b = make_article(
        "Inspectors at the Corran marina tested the ferry and nine other boats on Monday.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    assert [g.conflicts for g in groups if g.subject == "boat"] in ([], [()])
    c = make_article(
        "Inspectors at the Corran marina tested nine boats on Monday.", outlet="Lakeside Star"
    )
    flagged = [g for g in compare_quantities(parse(a, c)) if g.subject == "boat"]
    assert flagged[0].conflicts == ((0, 1),)


def test_fined_names_the_fine_although_the_model_lemmatizes_it_fin(parse):
    (parsed,) = parse(
        make_article(
            "Owners who evict residents without a court order could be fined up to $20,000.",
            outlet="Test Wire",
        )
    )
    (fine,) = extract_quantities(parsed)
    assert (fine.text, fine.subject) == ("up to $20,000", "fine")


def test_a_shared_noun_or_a_year_alone_does_not_group_figures(parse):
    a = make_article(
        "Sheriff Dana Okafor said 23 deputies patrolled the county fairgrounds on Saturday"
        " after a fight broke out near the rodeo arena. Two men were arrested. The jobless"
        " rate in Marlow County fell to 4 percent in 1997.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "The union that represents 140 deputies asked the county council on Monday to pay"
        " for new radios. Council members said the budget was tight. The rate of burglaries"
        " in the county peaked in 1991.",
        outlet="Lakeside Star",
    )
    assert compare_quantities(parse(a, b)) == ()


def test_fines_of_one_story_are_shown_together(parse):
    a = make_article(
        "Owners who evict residents without a court order could be fined up to $20,000,"
        " the attorney general said on Monday.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "The new rules let the state fine landlords $5,000 for a first violation.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    assert [(g.subject, [v.text for v in g.values], g.conflict) for g in groups] == [
        ("fine", ["up to $20,000", "$5,000"], False)
    ]


def test_amounts_of_one_word_orders_apart_are_not_one_topic(parse):
    # Before: every "tax" figure of a long story was one group, a family's bill beside a
    # country's total.
    articles = [
        make_article(text, outlet=outlet)
        for outlet, text in (
            ("Ridge Herald", "The plan calls for a tax increase of $600 billion, the aide said."),
            ("Lakeside Star", "The plan means a tax increase of about $2,000 for a typical family."),
            ("Valley Post", "The senator offered a tax increase of $800 billion on Friday."),
        )
    ]
    groups = compare_quantities(parse(*articles))
    assert [(g.subject, [v.text for v in g.values], g.conflict) for g in groups] == [
        ("tax", ["$600 billion", "$800 billion"], True)  # the plan told two ways
    ]


def test_a_count_of_more_on_top_of_others_does_not_contradict_a_total(parse):
    # "68 more lives": the parse hangs "more" on the number; it is still a relative count.
    assert _flagged(
        parse,
        "If every child seat were fitted properly, 68 more lives would be saved each year,"
        " the safety board estimated.",
        "Child seats have saved an estimated 100 lives each year since the rule took effect,"
        " the safety board said.",
    ) == []


def test_a_change_of_a_measure_does_not_contradict_a_level(parse):
    assert _flagged(
        parse,
        "Being 30 pounds overweight doubles the strain on an arthritic knee, the Harlow clinic"
        " study found.",
        "A weight loss of 12 pounds halved knee pain in arthritic patients, the Harlow clinic"
        " study found.",
    ) == []


def test_the_whole_after_a_part_is_not_a_count_of_its_own(parse):
    (parsed,) = parse(make_article("The Harbor Party won 75 of the 125 seats on Monday.", outlet="Test Wire"))
    assert [q.text for q in extract_quantities(parsed)] == ["75"]
    assert _flagged(
        parse,
        "The Harbor Party won 75 of the 125 seats in Monday's election, the commission said.",
        "The Harbor Party won 75 seats in Monday's election, its best result in 20 years.",
    ) == []


def test_a_figure_twice_in_one_sentence_is_listed_once(parse):
    a = make_article(
        "The county plan takes $40 million from road repairs and $40 million from ferry"
        " subsidies, budget aides said.",
        outlet="Ridge Herald",
    )
    b = make_article(
        "The county plan takes $40 million from road repairs, the budget office said.",
        outlet="Lakeside Star",
    )
    groups = compare_quantities(parse(a, b))
    assert [[(v.article_id, v.text) for v in g.values] for g in groups] == [
        [(a.id, "$40 million"), (b.id, "$40 million")]
    ]


def _groups(parse, *texts):
    articles = [make_article(text, outlet=f"Outlet {n}") for n, text in enumerate(texts)]
    return [(g.subject, [v.text for v in g.values]) for g in compare_quantities(parse(*articles))]


def test_shares_of_different_orders_are_not_one_group(parse):
    # 2 percent and 98 percent of one people are two different shares, not one figure
    # reported two ways.
    assert _groups(
        parse,
        "Under the plan, tax rates would rise for 2 percent of Calderans.",
        "Under the plan, tax rates would not rise for 98 percent of Calderans.",
    ) == []


def test_a_group_is_headed_by_its_subject_as_written_or_by_none_when_a_verb_stood_in(parse):
    assert _groups(
        parse,
        "About 98 percent of Calderans would keep their lower rates under the plan.",
        "The plan spares 98 percent of Calderans from higher rates.",
    ) == [("Calderans", ["About 98 percent", "98 percent"])]
    # a subject the comparison counts as another measure ("jobs" as workers) heads as written
    assert _groups(
        parse,
        "About 300 jobs were lost when the cannery closed on Friday.",
        "The cannery closing cost 300 jobs, the union said.",
    ) == [("job", ["About 300", "300"])]
    # "including" has no subject of its own: the model's lemma of the verb is no heading;
    # what the amount is "in" is (before: no heading, which the page showed as "amount")
    assert _groups(
        parse,
        "Council members balked at the first offer, including $800 million in new spending.",
        "Ministers rejected a counteroffer, including $700 million in new spending.",
    ) == [("spending", ["$800 million", "$700 million"])]
    assert _groups(
        parse,
        "Council members balked at the first offer, including $800 million for roads.",
        "Ministers rejected a counteroffer, including $700 million for roads.",
    ) == [("", ["$800 million", "$700 million"])]
