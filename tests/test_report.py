import gc
from dataclasses import replace

import pytest

from conftest import make_article
from manysides import report
from manysides.facts import align_facts
from manysides.model import Citation, Duplicate, Event, Fact, Grouping, Storyline
from manysides.report import (
    build_report,
    neutral_wording,
    related_events,
    story_copies,
    story_title,
)
from manysides.settings import Settings


def test_fact_shown_in_the_least_loaded_supporting_sentence(parse) -> None:
    slanted, plain = parse(
        make_article("The reckless council gutted the bus budget on Monday.", outlet="Town Crier"),
        make_article("The council cut the bus budget on Monday.", outlet="Metro Wire"),
    )
    support = (Citation(slanted.id, 0), Citation(plain.id, 0))
    fact = Fact("f1", slanted.sentences[0].text, support)
    penalties = {Citation(slanted.id, 0): 0.8, Citation(plain.id, 0): 0.0}
    (shown,) = neutral_wording([fact], [slanted, plain], penalties)
    assert shown.text == "The council cut the bus budget on Monday."
    assert shown.support == support
    # A tie keeps the facts stage's own choice.
    (kept,) = neutral_wording([fact], [slanted, plain], {})
    assert kept.text == "The reckless council gutted the bus budget on Monday."
    # Both at the full penalty: the sentence bias score parts them.
    full = {Citation(slanted.id, 0): 1.0, Citation(plain.id, 0): 1.0}
    bias = {Citation(slanted.id, 0): 1.9, Citation(plain.id, 0): 1.6}
    (tied,) = neutral_wording([fact], [slanted, plain], full, bias)
    assert tied.text == "The council cut the bus budget on Monday."


def test_fact_shown_in_a_sentence_that_stands_on_its_own_without_its_dateline(parse) -> None:
    leaning, dated = parse(
        make_article("It cut the bus budget by a third on Monday.", outlet="Town Crier"),
        make_article("MARLOW – The council cut the bus budget by a third on Monday.", outlet="Metro Wire"),
    )
    support = (Citation(leaning.id, 0), Citation(dated.id, 0))
    fact = Fact("f1", leaning.sentences[0].text, support)
    # Equally loaded, the sentence naming its subject is shown, without the wire dateline.
    (shown,) = neutral_wording([fact], [leaning, dated], {})
    assert shown.text == "The council cut the bus budget by a third on Monday."
    # The facts stage's own dateline-free text of that sentence is kept as it is.
    (kept,) = neutral_wording([replace(fact, text=shown.text)], [leaning, dated], {})
    assert kept.text == "The council cut the bus budget by a third on Monday."
    # A less loaded sentence still comes first, whatever its opening.
    loaded = {Citation(dated.id, 0): 0.8}
    (plain,) = neutral_wording([fact], [leaning, dated], loaded)
    assert plain.text == "It cut the bus budget by a third on Monday."


def test_fact_shown_only_in_a_sentence_that_states_it_closely(parse) -> None:
    parsed = parse(
        make_article("The Marlow council cut the city bus budget by a third on Monday, ending night routes.", outlet="Town Crier"),
        make_article("On Monday the Marlow council cut the city bus budget by a third and ended the night routes.", outlet="Metro Wire"),
        make_article("The Marlow council voted on Monday to cut the bus budget by a third, a plan riders fought for months.", outlet="Valley Post"),
        make_article("It came after riders who fought the Marlow council bus plan for months packed the Monday vote.", outlet="Ridge Herald"),
    )
    (fact,) = align_facts(parsed)
    assert [c.article_id for c in fact.support] == [p.id for p in parsed]
    # The riders' sentence joined the fact loosely (mean similarity 0.37 against 0.56 for
    # the others): it is no wording of the cut, however plain, so the choice stays among the
    # three close ones, all equally loaded here.
    loaded = {Citation(p.id, 0): 0.8 for p in parsed[:3]}
    (shown,) = neutral_wording([fact], parsed, loaded)
    assert shown.text == "The Marlow council cut the city bus budget by a third on Monday, ending night routes."


def test_copies_and_related_events_of_a_story() -> None:
    grouping = Grouping(
        events=(Event("e-1", ("a", "b", "c"), "vote"), Event("e-2", ("d",), "inspection"), Event("e-3", ("x",), "other")),
        storylines=(Storyline("s-1", ("e-1", "e-2"), "bridge"), Storyline("s-3", ("e-3",), "other")),
        duplicates=(Duplicate("b", "a", 0.91), Duplicate("y", "x", 0.95), Duplicate("c", "z", 0.9)),
    )
    assert story_copies(grouping, ["a", "b", "c"]) == {"b": "a"}  # c's original is elsewhere
    line, others = related_events(grouping.events[0], grouping)
    assert line is not None and line.id == "s-1" and [e.id for e in others] == ["e-2"]
    assert related_events(Event("e-9", ("q",)), grouping) == (None, ())


def test_report_stages_run_with_the_collector_paused_and_it_comes_back(monkeypatch) -> None:
    seen = []

    def framing_stage(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        raise RuntimeError("stop after the first stage")

    monkeypatch.setattr(report, "analyze_framing", framing_stage)
    before = gc.get_threshold()
    for _ in range(2):  # each call pauses afresh
        with pytest.raises(RuntimeError):
            build_report(Event("e-1", ()), [], Grouping(), Settings())
    assert seen == [0, 0]
    assert gc.get_threshold() == before and before[0] > 0


# A story about a ferry fare rise, told three ways. The Harbor Gazette's article covers the
# most (it would sit nearest a centroid) but its headline is about its own angle: the
# dockworkers' union.
FARES_LEDGER = (
    "Port Anselm ferry fares will rise by a third in March, the transit board decided on "
    "Tuesday. Commuters said the ferry fare rise would hurt families on the islands."
)
FARES_GAZETTE = (
    "The transit board voted on Tuesday to raise ferry fares in Port Anselm by a third from "
    "March. The dockworkers' union said it would picket the terminal if the board cut crews "
    "as well. Island commuters said the ferry fare rise would cost families dearly."
)
FARES_UNTITLED = (
    "Island families face dearer ferry fares: the Port Anselm transit board approved a "
    "rise of a third on Tuesday, and commuters called it a blow."
)


def _fares_story(parse, gazette_first: bool = False):
    ledger = make_article(FARES_LEDGER, title="Port Anselm ferry fares to rise by a third")
    gazette = make_article(FARES_GAZETTE, title="Dockworkers' union threatens picket at terminal")
    untitled = make_article(FARES_UNTITLED)
    ordered = (gazette, ledger, untitled) if gazette_first else (ledger, gazette, untitled)
    return parse(*ordered)


def test_story_title_is_the_headline_the_other_articles_share_most(parse) -> None:
    parsed = _fares_story(parse, gazette_first=True)
    event = Event("e-1", tuple(p.id for p in parsed), "Dockworkers' union threatens picket at terminal")
    assert story_title(event, parsed) == "Port Anselm ferry fares to rise by a third"


def test_story_title_leaves_copies_out_and_falls_back_to_the_label(parse) -> None:
    ledger, gazette, untitled = _fares_story(parse)
    event = Event("e-1", (ledger.id, gazette.id, untitled.id), "picket, union, terminal")
    # With the Ledger a copy, one headline is left: the grouping's label stands.
    assert story_title(event, [ledger, gazette, untitled], copies={ledger.id}) == (
        "picket, union, terminal"
    )
    assert story_title(Event("e-2", (untitled.id,)), [untitled]) == "Story e-2"
    assert story_title(Event("e-3", (gazette.id,)), [gazette]) == (
        "Dockworkers' union threatens picket at terminal"
    )


def test_story_title_ties_go_to_the_first_article(parse) -> None:
    first, second = parse(
        make_article("The council cut the bus budget on Monday.", title="Council cut bus budget"),
        make_article("On Monday the council cut the bus budget.", title="Bus budget cut by council"),
    )
    event = Event("e-1", (first.id, second.id))
    assert story_title(event, [first, second]) == "Council cut bus budget"
    assert story_title(event, [second, first]) == "Bus budget cut by council"


def test_story_title_prefers_headlines_of_outlets_that_lean_neither_way(parse) -> None:
    ledger, gazette, _ = _fares_story(parse)
    (slanted,) = parse(make_article(FARES_UNTITLED, title="Board sets Port Anselm island ferry commuters a fare rise"))
    parsed = [slanted, ledger, gazette]
    event = Event("e-1", tuple(p.id for p in parsed), "ferry, fare, rise")
    assert story_title(event, parsed) == slanted.article.title  # shares the most words
    # Its outlet leans one way: the best of the other headlines stands for the story.
    assert story_title(event, parsed, partisan={slanted.id}) == "Port Anselm ferry fares to rise by a third"
    # One headline left that leans neither way: it stands, whatever the others share.
    assert story_title(event, parsed, partisan={slanted.id, ledger.id}) == (
        "Dockworkers' union threatens picket at terminal"
    )
    # Every headline partisan: the usual choice among them all.
    assert story_title(event, parsed, partisan={p.id for p in parsed}) == slanted.article.title


def test_story_title_passes_over_headlines_with_loaded_wording(parse) -> None:
    ledger, gazette, _ = _fares_story(parse)
    (loaded,) = parse(make_article(FARES_UNTITLED, title="Greedy board gouges Port Anselm island ferry commuters with fare rise"))
    parsed = [loaded, ledger, gazette]
    event = Event("e-1", tuple(p.id for p in parsed), "ferry, fare, rise")
    # it shares the most words, yet "greedy" is no word for a title that speaks for all
    assert story_title(event, parsed) == "Port Anselm ferry fares to rise by a third"
    # loaded wording outranks a leaning: the plain headline of a partisan outlet stands
    assert story_title(event, parsed, partisan={ledger.id, gazette.id}) == (
        "Port Anselm ferry fares to rise by a third"
    )
    # every headline loaded: the usual choice among them
    (gouging,) = parse(make_article(FARES_LEDGER, title="Board gouges commuters as Port Anselm ferry fares rise"))
    assert story_title(event, [loaded, gouging]) == "Board gouges commuters as Port Anselm ferry fares rise"


def test_a_reports_facts_name_the_facts_restating_them_as_its_coverage_counts_them(parse) -> None:
    from test_facts import CLOSURE, FINES, RESTATING

    parsed = parse(RESTATING, CLOSURE, FINES)
    event = Event("e-1", tuple(p.id for p in parsed))
    built = build_report(event, parsed, Grouping(events=(event,)), Settings())
    by_support = {c: f for f in built.facts for c in f.support}
    closure, fines = by_support[Citation(CLOSURE.id, 0)], by_support[Citation(FINES.id, 0)]
    assert closure.restated == (fines.id,) and fines.restated == (closure.id,)
    assert closure.outlets == ("Dunmore Ledger", "Valley Star")
    # The coverage counts the outlets of a fact and of the facts restating it.
    everyone = ("Dunmore Ledger", "Valley Star", "Harbor Times")
    assert dict(built.coverage.matrix)[closure.id] == everyone
    assert all(f.restated == () for f in built.facts if f.id not in (closure.id, fines.id))
