from conftest import make_article
from manysides.model import Citation, Duplicate, Event, Fact, Grouping, Storyline
from manysides.report import neutral_wording, related_events, story_copies


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
