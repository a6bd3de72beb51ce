"""Timeline: dates read, resolved against publication, ordered, deduplicated. Invented articles."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import make_article
from manysides.facts import align_facts
from manysides.model import Citation
from manysides.timeline import _candidates, _one_person, build_timeline

FRIDAY = datetime(2024, 9, 13, 9, 0, tzinfo=UTC)

COUNCIL = (
    "The Eldham Town Council voted Thursday to close the Gannet Street bridge.\n\n"
    "Mayor Priscilla Okafor had warned last October that two beams were corroded.\n\n"
    "The bridge reopened on Jan. 1, 2023 after an earlier repair.\n\n"
    "The closure begins on Oct. 1.\n\n"
    "The council will meet again Tuesday to discuss detours.\n\n"
    "Residents complained about the traffic last week.\n\n"
    "Okafor has led the town for three years."
)


def _by_expression(entries):
    return {e.expression: e for e in entries}


def test_relative_dates_resolve_against_publication(parse):
    (parsed,) = parse(make_article(COUNCIL, "Valley Herald", published=FRIDAY))
    entries = build_timeline([parsed])
    found = {e.expression: (e.when, e.resolved) for e in entries}
    assert found == {
        "Thursday": ("2024-09-12", True),
        "last October": ("2023-10", True),
        "Jan. 1, 2023": ("2023-01-01", True),
        "Oct. 1": ("2024-10-01", True),
        "Tuesday": ("2024-09-17", True),  # future verb: the next Tuesday
        "last week": ("2024-W36", True),
    }
    assert [e.expression for e in entries] == [
        "Jan. 1, 2023", "last October", "last week", "Thursday", "Tuesday", "Oct. 1",
    ]
    assert _by_expression(entries)["Thursday"].text == "The Eldham Town Council voted Thursday to close the Gannet Street bridge."
    assert _by_expression(entries)["Thursday"].sentence == 0


def test_a_day_named_as_a_past_events_marker_does_not_date_the_sentence(parse):
    text = (
        "The Gannet Street bridge collapsed on Sept. 2 during the morning rush.\n\n"
        "The Sept. 2 collapse injured four drivers.\n\n"
        "Engineers joined the inquiry into the Sept. 2 collapse on Thursday.\n\n"
        "No repairs have begun since Tuesday's vote.\n\n"
        "The mayor was cleared of the 2019 fraud charges.\n\n"
        "The report was released at the Sept. 9 meeting of the council."
    )
    (parsed,) = parse(make_article(text, "Valley Herald", published=FRIDAY))
    placed = sorted((e.when, e.sentence) for e in build_timeline([parsed]))
    # Sentence 2 is dated by its own Thursday, not by the collapse it refers to; sentences 3
    # and 4 have no date of their own; sentence 5 happened at the meeting it names.
    assert placed == [("2024-09-02", 0), ("2024-09-02", 1), ("2024-09-09", 5), ("2024-09-12", 2)]


def test_without_publication_dates_relative_ones_stay_unresolved_but_ordered(parse):
    signing = make_article(
        "Last October, Mayor Priscilla Okafor signed Ordinance 19 into law.\n\n"
        "She spoke at a Thursday news conference about the bridge."
    )
    effect = make_article("Ordinance 19 took effect on Jan. 1, 2024, and pays for bridge repairs.")
    entries = build_timeline(parse(signing, effect))
    assert [(e.when, e.resolved) for e in entries] == [
        ("Last October", False),
        ("2024-01-01", True),
        ("Thursday", False),
    ]


def test_same_dated_report_in_two_outlets_is_kept_once(parse):
    text = "The council voted Thursday to close the Gannet Street bridge for six months."
    copy = "The council voted on Thursday to close the Gannet Street bridge for six months, officials said."
    a, b = parse(
        make_article(text, "Valley Herald", published=FRIDAY),
        make_article(copy, "Eastside Bulletin", published=FRIDAY),
    )
    entries = build_timeline([a, b])
    assert [(e.when, e.article_id) for e in entries] == [("2024-09-12", a.id)]
    assert entries[0].sources == (Citation(a.id, 0), Citation(b.id, 0))


def test_undated_article_borrows_the_story_publication_date(parse):
    dated = make_article("State inspectors reported on Tuesday that the bridge is safe.", published=datetime(2024, 11, 20, tzinfo=UTC))
    undated = make_article("Engineers said Tuesday that only two beams were affected.")
    entries = build_timeline(parse(dated, undated))
    assert [(e.when, e.resolved) for e in entries] == [("2024-11-19", True), ("Tuesday", False)]


def test_durations_and_rhetorical_today_are_not_dates(parse):
    text = "“We will keep this bridge open today, tomorrow and always,” the mayor said in 2021.\n\nShe has served for three years."
    entries = build_timeline(parse(make_article(text)))
    assert [(e.when, e.expression) for e in entries] == [("2021", "2021")]


def test_undated_story_orders_its_week_by_weekday(parse):
    text = (
        "The Harwick water board published its audit on Wednesday.\n\n"
        "Two board members resigned last week over the missing funds.\n\n"
        "Auditors met the board's lawyers on Monday.\n\n"
        "The state comptroller opened an inquiry earlier this month.\n\n"
        "The board voted Tuesday to hire an outside accountant.\n\n"
        "Residents will hold a public meeting tomorrow."
    )
    entries = build_timeline(parse(make_article(text)))
    assert [(e.when, e.resolved) for e in entries] == [
        ("earlier this month", False),
        ("last week", False),
        ("Monday", False),
        ("Tuesday", False),
        ("Wednesday", False),
        ("tomorrow", False),
    ]


def test_story_week_is_cut_at_the_longest_run_of_unnamed_days(parse):
    # Friday and Monday: two unnamed days after Friday, three after Monday, so the week
    # ends on Monday and Friday comes first, whatever the order of the text.
    text = (
        "The ferry operator apologized on Monday for the cancellations.\n\n"
        "Hundreds of passengers were stranded at Colby Pier on Friday."
    )
    entries = build_timeline(parse(make_article(text)))
    assert [e.expression for e in entries] == ["Friday", "Monday"]


def test_week_end_rule():
    from manysides.timeline import _week_end

    assert _week_end({1, 2, 3}) == 3  # Tue-Thu
    assert _week_end({4, 0}) == 0  # Fri, Mon
    assert _week_end({6}) == 6
    assert _week_end({0, 3, 6}) == 3  # two runs of two unnamed days: the later end
    assert _week_end(set()) == 4


def test_weekdays_after_a_lower_bound_date_are_ordered_by_weekday(parse):
    law = make_article(
        "The Harwick transit levy took effect on March 1, 2023.\n\n"
        "Drivers blocked the depot on Thursday to protest the levy."
    )
    reply = make_article("The transit authority defended the levy on Wednesday.")
    a, b = parse(law, reply)
    entries = build_timeline([a, b])
    assert [(e.when, e.article_id) for e in entries] == [
        ("2023-03-01", a.id),
        ("Wednesday", b.id),
        ("Thursday", a.id),
    ]


def test_same_weekday_report_in_two_undated_outlets_is_kept_once(parse):
    text = "The Harwick water board voted Tuesday to hire an outside accountant."
    copy = "The Harwick water board voted on Tuesday to hire an outside accountant, members said."
    a, b = parse(make_article(text, "Valley Herald"), make_article(copy, "Eastside Bulletin"))
    entries = build_timeline([a, b])
    assert [(e.when, e.article_id) for e in entries] == [("Tuesday", a.id)]
    assert entries[0].sources == (Citation(a.id, 0), Citation(b.id, 0))


def test_a_months_entries_are_not_split_by_a_day_it_starts_with(parse):
    text = (
        "The ferry levy took effect on Jan. 1, 2025.\n\n"
        "Last month, the harbour board hired two inspectors.\n\n"
        "The first inspection report was filed on Jan. 1, 2025, by the port office."
    )
    (parsed,) = parse(make_article(text, "Valley Herald", published=datetime(2025, 2, 12, tzinfo=UTC)))
    entries = build_timeline([parsed])
    assert [(e.when, e.sentence) for e in entries] == [
        ("2025-01", 1), ("2025-01-01", 0), ("2025-01-01", 2)
    ]


def test_today_meaning_these_days_is_no_date(parse):
    text = (
        "The Marlow council voted today to close the Gannet Street bridge.\n\n"
        "Residents along the river today remain wary of the old crossing.\n\n"
        "Today's commuters rarely walk across it.\n\n"
        "Ferry songs are still sung on the quay today.\n\n"
        "A report on the bridge was released today.\n\n"
        "The council will meet again today to discuss detours."
    )
    (parsed,) = parse(make_article(text, "Valley Herald", published=datetime(2025, 3, 10, tzinfo=UTC)))
    assert [(e.when, e.sentence) for e in build_timeline([parsed])] == [
        ("2025-03-10", 0), ("2025-03-10", 4), ("2025-03-10", 5)
    ]


# Two undated outlets tell the bridge story: the mayor's Thursday announcement (one quoting
# her), her television interview earlier this month, the governor's signing last October,
# and two remarks of hers in 2021 about different things; a council member also speaks on
# Thursday.
HERALD = (
    "Mayor Priscilla Okafor told reporters on Thursday that the Gannet Street bridge will close for six months.\n\n"
    "Earlier this month, Okafor said on Channel 9 that the town could not afford a new bridge.\n\n"
    "Last October, Governor Ellis Brandt signed the Harbor Act into law, which pays for bridge repairs across the state.\n\n"
    "In 2021, Okafor predicted that the new ferry terminal on the east shore would pay for itself within ten years of opening."
)
BULLETIN = (
    "“We cannot risk anyone's safety on that bridge,” Okafor said at a Thursday news conference.\n\n"
    "Okafor told a Channel 9 host earlier this month that repairs would cost more than the town has.\n\n"
    "In October, Governor Ellis Brandt signed the Harbor Act, which sends money to towns for bridge repairs.\n\n"
    "“I say we wait for the state,” council member Dana Whitlock said on Thursday.\n\n"
    "Back in 2021, Okafor complained that state lawmakers had ignored the Harbor Act while towns waited for repair money."
)


def _sources(entries, a, b):
    name = {a.id: "A", b.id: "B"}
    return [(e.when, [(name[c.article_id], c.sentence) for c in e.sources]) for e in entries]


def test_one_event_in_two_outlets_is_one_entry_citing_both(parse):
    a, b = parse(make_article(HERALD, "Valley Herald"), make_article(BULLETIN, "Eastside Bulletin"))
    entries = build_timeline([a, b], align_facts([a, b]))
    assert _sources(entries, a, b) == [
        ("Last October", [("A", 2), ("B", 2)]),  # one fact in the facts stage
        ("2021", [("A", 3)]),  # one speaker, a year: many occasions, no shared name
        ("2021", [("B", 4)]),
        ("Earlier this month", [("A", 1), ("B", 1)]),
        ("Thursday", [("A", 0), ("B", 0)]),  # one speaker on one day
        ("Thursday", [("B", 3)]),  # another speaker that day
    ]
    # The Thursday entry shows the Herald's report, not the Bulletin's quotation.
    assert entries[4].text.startswith("Mayor Priscilla Okafor told reporters on Thursday")


def test_one_speaker_at_a_coarse_date_needs_a_shared_name(parse):
    # Without the facts only wording and speakers join: "earlier this month" is a month, and
    # the two sentences name "Channel 9" beside Okafor; the 2021 remarks name nothing shared.
    a, b = parse(make_article(HERALD, "Valley Herald"), make_article(BULLETIN, "Eastside Bulletin"))
    entries = build_timeline([a, b])
    coarse = [e for e in entries if e.expression.lower() in ("earlier this month", "2021")]
    assert _sources(coarse, a, b) == [
        ("2021", [("A", 3)]),
        ("2021", [("B", 4)]),
        ("Earlier this month", [("A", 1), ("B", 1)]),
    ]


def test_speakers_are_one_person_by_surname_only_when_named():
    assert _one_person("Priscilla Okafor", "Okafor")
    assert _one_person("Okafor", "Mayor Priscilla Okafor")
    assert not _one_person("Priscilla Okafor", "Dana Whitlock")
    assert not _one_person("the Obama campaign", "the Romney campaign")
    assert not _one_person("officials", "officials")


# Two undated outlets on a dam: one finishing in March and one first filling in 1968 (told
# with different words around one verb), two inspections on one Tuesday by different
# teams, and two hirings in 2019 (different people: a year holds many).
OBSERVER = (
    "The county finished the Larkspur dam in March, two years late.\n\n"
    "Engineers from the state inspected the spillway on Tuesday.\n\n"
    "Warden Ines Moreau was hired in 2019 to run the reservoir.\n\n"
    "The Larkspur reservoir was first filled in 1968 by the old water board."
)
GAZETTE = (
    "The dam, finished in March after long delays, cost the county $40 million.\n\n"
    "A team of federal inspectors inspected the turbines on Tuesday.\n\n"
    "The town hired a new harbor master in 2019.\n\n"
    "First filled in 1968, the Larkspur reservoir now holds a third of its old volume."
)


def test_one_action_at_one_date_is_one_entry_unless_the_actors_differ(parse):
    a, b = parse(make_article(OBSERVER, "Observer"), make_article(GAZETTE, "Gazette"))
    assert _sources(build_timeline([a, b]), a, b) == [
        ("1968", [("A", 3), ("B", 3)]),  # one verb, a year, and both name Larkspur
        ("March", [("A", 0), ("B", 0)]),  # one verb in a month; the Gazette names no subject
        ("2019", [("A", 2)]),  # one verb in a year, no shared name: two hirings
        ("2019", [("B", 2)]),
        ("Tuesday", [("A", 1)]),  # one verb on one day, but engineers and a team
        ("Tuesday", [("B", 1)]),
    ]


def test_the_action_of_a_date_is_the_verb_it_modifies(parse):
    text = (
        "She ran for office in 1996.\n\n"
        "Her speech at the 1996 convention drew cheers.\n\n"
        "The law took effect on Jan. 1.\n\n"
        "The mayor met the council on Sunday morning.\n\n"
        "Okafor said on Monday that the bridge would close."
    )
    (parsed,) = parse(make_article(text, "Valley Herald"))
    assert [(c.expression, c.action, c.actor) for c in _candidates(parsed, 0)] == [
        ("1996", "run", None),  # a pronoun subject tells nothing
        ("1996", None, None),  # dates a noun, not the verb
        ("Jan. 1", "take effect", ("agent", frozenset({"law"}))),
        ("Sunday", "meet", ("agent", frozenset({"mayor"}))),
        ("Monday", None, ("agent", frozenset({"okafor"}))),  # speech: the speaker rule's
    ]


def test_a_month_in_a_present_passive_clause_is_the_nearest_one(parse):
    # published in December: "is seated in January" is the coming January; "was sworn in
    # in January" and "has been paved in June" are past
    december = datetime(2024, 12, 10, 9, 0, tzinfo=UTC)
    (parsed,) = parse(make_article(
        "The old council is finishing its work before the new one gets seated in January.\n\n"
        "The mayor was sworn in in January after a close race.\n\n"
        "Harbor Road has been paved in June by the county crews.",
        "Valley Herald", published=december,
    ))
    found = [(e.sentence, e.expression, e.when) for e in build_timeline([parsed])]
    assert sorted(found) == [(0, "January", "2025-01"), (1, "January", "2024-01"), (2, "June", "2024-06")]
