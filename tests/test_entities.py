"""Entities: canonical names, roles, laws, mention counts. Articles are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, make_article
from manysides.entities import extract_entities

WARNING = (
    "Lakeshore Attorney General Miriam Castellanos warned employers on Monday that they could be "
    "prosecuted under AB 450, or the “Worker Shield Act,” if they let federal agents into their "
    "warehouses.\n\n"
    "Castellanos said the Bureau of Port Security (BPS) had asked dozens of firms for payroll records "
    "without a warrant.\n\n"
    "“We are not going to hand over our workers,” said Delia Fontaine, president of the Lakeshore "
    "Grocers Guild.\n\n"
    "Acting BPS Director Thomas Whitlock said on Tuesday that his agents would return to Port Verity "
    "in the coming weeks."
)
RESPONSE = (
    "Whitlock told reporters that Castellanos was playing politics with the Worker Shield Act and "
    "with SB54, the state's sanctuary law.\n\n"
    "The Lakeshore Values Act, also known as SB 54, limits what local police may share with BPS "
    "agents. Senate Bill 54 took effect in 2018.\n\n"
    "A federal bill, H.R. 1234, would cut grants to states like Lakeshore."
)


@pytest.fixture(scope="module")
def entities(nlp):
    from manysides.nlp import parse_articles

    parsed = parse_articles(
        [make_article(WARNING, "Lakeshore Wire"), make_article(RESPONSE, "Verity Post")], nlp
    )
    return {e.name: e for e in extract_entities(parsed)}, parsed


def test_surnames_merge_into_full_names_across_articles(entities):
    by_name, parsed = entities
    castellanos = by_name["Miriam Castellanos"]
    assert castellanos.type == "person"
    assert dict(castellanos.mentions) == {parsed[0].id: 2, parsed[1].id: 1}
    assert "Castellanos" not in by_name and "Whitlock" not in by_name
    assert dict(by_name["Thomas Whitlock"].mentions) == {parsed[0].id: 1, parsed[1].id: 1}


def test_roles_from_titles_and_appositions(entities):
    by_name, _ = entities
    assert by_name["Miriam Castellanos"].role == "Attorney General"
    assert by_name["Thomas Whitlock"].role == "Acting BPS Director"
    assert by_name["Delia Fontaine"].role == "president of the Lakeshore Grocers Guild"


def test_acronym_merges_into_organization(entities):
    by_name, parsed = entities
    bureau = by_name["Bureau of Port Security"]
    assert bureau.type == "organization"
    assert bureau.aliases == ("BPS",)
    assert dict(bureau.mentions) == {parsed[0].id: 3, parsed[1].id: 1}
    assert "BPS" not in by_name


def test_bill_numbers_normalized_and_aliases_merged(entities):
    by_name, parsed = entities
    shield = by_name["Worker Shield Act"]
    assert (shield.type, shield.aliases) == ("law", ("AB 450",))
    assert dict(shield.mentions) == {parsed[0].id: 2, parsed[1].id: 1}
    values = by_name["Lakeshore Values Act"]
    assert values.aliases == ("SB 54",)
    assert dict(values.mentions) == {parsed[1].id: 4}  # SB54, the Act, SB 54, Senate Bill 54
    assert by_name["H.R. 1234"].type == "law"


def test_junk_is_dropped(entities):
    by_name, _ = entities
    for name in by_name:
        assert name != name.lower() and len(name) > 1
    assert not {"Monday", "Tuesday", "2018", "the coming weeks", "dozens"} & set(by_name)


def test_sorted_by_total_mentions(entities):
    totals = [sum(n for _, n in e.mentions) for e in entities[0].values()]
    assert totals == sorted(totals, reverse=True)


def test_headline_only_names_are_dropped(parse):
    text = (
        "Grocers Guild Slams Harbor Raids\n\nThe raids began at dawn, workers in Port Verity said."
    )
    names = {e.name for e in extract_entities(parse(make_article(text)))}
    assert names == {"Port Verity"}


def _demo_articles() -> list:
    articles = []
    for path in sorted(Path(EXAMPLES, "demo").glob("*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        articles.append(make_article(body, title=body.splitlines()[0]))
    return articles


def test_demo_corpus_people_and_law(nlp):
    from manysides.nlp import parse_articles

    entities = extract_entities(parse_articles(_demo_articles(), nlp))
    by_name = {e.name: e for e in entities}
    assert entities[0].name in {"Open Harbor Act", "Rafael Okonjo"}
    # ("the Open Harbor program" names the act without its noun)
    assert by_name["Open Harbor Act"].aliases == ("HB 212", "Open Harbor")
    assert by_name["Rafael Okonjo"].role == "Attorney General"
    assert by_name["Dana Whitcomb"].role == "Governor"
    assert by_name["Inés Calloway"].type == "person"
    assert len(by_name["Rafael Okonjo"].mentions) == 12  # every .txt article names him


# Two people share a surname; "She" after Clara Ashby's first sentence says she is a woman.
ASHBY_SEED_LIBRARY = (
    "Clara Ashby opened the Ridgefield seed library on Saturday. She said forty families had "
    "signed up.\n\n"
    "Mr. Ashby, who chairs the library board, praised the volunteers."
)
ASHBY_BOARD = (
    "Walter Ashby has chaired the Ridgefield library board since 2019.\n\n"
    "Walter Ashby told the council that the seed library would cost nothing.\n\n"
    "Mrs. Ashby will run the program on weekends."
)


def test_gendered_honorific_never_takes_a_full_name_of_the_other_gender(parse):
    library, board = parse(make_article(ASHBY_SEED_LIBRARY), make_article(ASHBY_BOARD))
    by_name = {e.name: e for e in extract_entities([library, board])}
    # "Mr. Ashby" skips the only Ashby of its own article (a woman) for the story's Walter;
    # "Mrs. Ashby" takes Clara, known to be a woman, over Walter, whose gender is unknown.
    assert by_name["Walter Ashby"].aliases == ("Ashby",)
    assert dict(by_name["Walter Ashby"].mentions) == {library.id: 1, board.id: 2}
    assert by_name["Clara Ashby"].aliases == ("Ashby",)
    assert dict(by_name["Clara Ashby"].mentions) == {library.id: 1, board.id: 1}
    assert "Ashby" not in by_name


def test_honorific_surname_takes_the_most_mentioned_full_name(parse):
    text = (
        "Walter Ashby and Clara Ashby both spoke at the Ridgefield council meeting on Tuesday.\n\n"
        "Walter Ashby asked for a new roof for the library.\n\n"
        "Dr. Ashby said the leaks had ruined two hundred books."
    )
    by_name = {e.name: e for e in extract_entities(parse(make_article(text)))}
    assert (
        by_name["Walter Ashby"].aliases,
        sum(n for _, n in by_name["Walter Ashby"].mentions),
    ) == (
        ("Ashby",),
        3,
    )
    assert (by_name["Clara Ashby"].aliases, sum(n for _, n in by_name["Clara Ashby"].mentions)) == (
        (),
        1,
    )


def test_gendered_honorific_with_no_fitting_full_name_stays_a_surname(parse):
    text = (
        "Clara Ashby opened the Ridgefield seed library on Saturday. She said forty families had "
        "signed up.\n\n"
        "Mr. Ashby praised the volunteers."
    )
    entities = extract_entities(parse(make_article(text)))
    assert {(e.name, sum(n for _, n in e.mentions)) for e in entities} == {
        ("Clara Ashby", 1),
        ("Ashby", 1),
        ("Ridgefield", 1),
    }


def test_first_name_genders_come_from_honorifics_and_pronouns(parse):
    from manysides.mentions import article_mentions
    from manysides.name_resolution import _first_name_genders

    text = (
        "Mrs. Nora Quill chaired the hearing. Tobias Vane testified first. He said the dam "
        "was safe.\n\n"
        "Edda Marsh's report was read aloud. She left early.\n\n"
        "Greta Lund spoke last.\n\n"
        "Greta said her office had warned the county twice.\n\n"
        "Alex Brook resigned. He gave no reason. Alex Stone replaced him. She starts Monday."
    )
    (parsed,) = parse(make_article(text))
    # Edda Marsh is not the subject of her clause, so the later "She" says nothing about her;
    # the two Alexes' evidence disagrees, so "alex" has no gender.
    assert _first_name_genders(article_mentions(parsed), [parsed]) == {
        "nora": "female",
        "tobias": "male",
        "greta": "female",
    }


def test_titled_surname_takes_the_full_name_with_that_title_and_the_article_follows(parse):
    opening = make_article(
        "President Omar Tessaly opened the Corven bridge on Monday.\n\n"
        "Rui Tessaly, a nephew of the president, cut the ribbon."
    )
    poem = make_article(
        "Lina Tessaly, 14, read a poem at the opening. She wrote it in one night.\n\n"
        "President Tessaly thanked the builders.\n\n"
        "Mr. Tessaly later walked across the bridge."
    )
    a, b = parse(opening, poem)
    by_name = {e.name: e for e in extract_entities([a, b])}
    # "President Tessaly" is the Tessaly titled President, though the poem article names only
    # Lina in full; "Mr. Tessaly" then follows it (the text says nothing of Omar's or Rui's
    # gender, so the honorific alone would decide nothing between them).
    omar = by_name["Omar Tessaly"]
    assert (omar.aliases, dict(omar.mentions)) == (("Tessaly",), {a.id: 1, b.id: 2})
    assert dict(by_name["Lina Tessaly"].mentions) == {b.id: 1}
    assert dict(by_name["Rui Tessaly"].mentions) == {a.id: 1}
    assert "Tessaly" not in by_name


def test_model_slips_around_organizations_and_places_are_mended(parse):
    text = (
        "Acting Port Director Wendell Osei said the Department of Maritime Safety had been "
        "warned.\n\n"
        "Osei and Department of Coastal Defense (DCD) inspectors toured the docks.\n\n"
        "Brindle Mayor Ottilie Graves said Maritime Safety had ignored the city.\n\n"
        "Brindle Mayor Ottilie Graves asked the Department of Coastal Defense for help."
    )
    by_name = {e.name: e for e in extract_entities(parse(make_article(text)))}
    # The model runs "Osei and Department of ..." together and tags "Brindle" a person.
    defense = by_name["Department of Coastal Defense"]
    assert (defense.aliases, sum(n for _, n in defense.mentions)) == (("DCD",), 3)
    safety = by_name["Department of Maritime Safety"]
    assert (safety.aliases, sum(n for _, n in safety.mentions)) == (("Maritime Safety",), 2)
    assert by_name["Brindle"].type == "place"
    assert by_name["Ottilie Graves"].role == "Mayor"
    assert set(by_name) == {
        "Department of Coastal Defense",
        "Department of Maritime Safety",
        "Brindle",
        "Ottilie Graves",
        "Wendell Osei",
    }


def test_dateline_place_is_named_as_usual_and_acting_is_no_act(parse):
    text = "CHICAGO — Dock workers walked off the job on Monday.\n\nThe Lakeshore Acting Troupe performed."
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type) for e in entities] == [("Chicago", "place")]


LEVY = (
    "Ferry levy heads to the governor\n\n"
    "State Sen. Marla Quintero (D-Harbor City) said the ferry levy would pass. Rep. Dale "
    "Okafor (R-Fla.) opposed it, and Attorney General Rina Castell (D) warned the port board. "
    "Sen. Tom Greer, R-Ore., abstained.\n\n"
    "Quintero, a Democrat, thanked the board. Republican lawmakers walked out. Democrats in "
    "the state senate cheered.\n\n"
    "Gov. Nell Ortiz signed the levy on Friday. Plus Ortiz vetoed a second bill. Meanwhile "
    "Castell filed a brief."
)


def test_party_tags_and_party_words_are_affiliations_and_connectives_no_names(parse):
    # "(R-Fla.)" names no place of the story, "a Democrat" and "Republican lawmakers"
    # describe people (the group "Democrats" stays): the tags and "a Democrat" are the
    # people's affiliations. "Plus" / "Meanwhile" open their sentences: "Plus Ortiz" is
    # Nell Ortiz, not a second person.
    entities = extract_entities(parse(make_article(LEVY)))
    assert [(e.name, e.type, sum(n for _, n in e.mentions)) for e in entities] == [
        ("Marla Quintero", "person", 2),
        ("Nell Ortiz", "person", 2),
        ("Rina Castell", "person", 2),
        ("Dale Okafor", "person", 1),
        ("Democrats", "other", 1),
        ("Tom Greer", "person", 1),
    ]
    assert [(e.role, e.affiliation) for e in entities if e.type == "person"] == [
        ("Senator", "Democrat"),  # "(D-Harbor City)", and "Quintero, a Democrat"
        ("Governor", None),
        ("Attorney General", "Democrat"),  # "(D)"
        ("Representative", "Republican"),  # "(R-Fla.)"
        ("Senator", "Republican"),  # ", R-Ore.,"
    ]


@pytest.mark.parametrize(
    ("sentence", "start", "end", "name"),
    [
        ("Plus Obama backed the plan.", 0, 2, "Obama"),
        ("Meanwhile Obadiah Quist backed the plan.", 0, 3, "Obadiah Quist"),
        ("“Also Obadiah Quist backed the plan.”", 1, 4, "Obadiah Quist"),
        ("And then Obadiah Quist backed the plan.", 0, 4, "Obadiah Quist"),
        ("Voters in Still River backed the plan.", 2, 4, "Still River"),  # not opening it
        ("Van Morrison backed the plan.", 0, 2, "Van Morrison"),
        ("Long Beach backed the plan.", 0, 2, "Long Beach"),
    ],
)
def test_name_span_drops_only_sentence_opening_connectives(nlp, sentence, start, end, name):
    # Spans set by hand: the model's own entity boundaries vary with the context.
    from spacy.tokens import Span

    from manysides.name_cues import name_span

    doc = nlp(sentence)
    assert name_span(Span(doc, start, end, label="PERSON")).text == name


# --- kinds settled over all of a story's mentions -------------------------------------------

AIRLINE = (
    "Air Portugal grounded its jets on Monday after a tire burst on takeoff. Air Portugal "
    "flies twelve of them. Flights to Portugal resume on Friday, Air Portugal said. Inspectors "
    "from Portugal will check every wheel before Air Portugal flies again."
)


def test_a_name_takes_the_kind_most_of_its_mentions_have(parse):
    # The model tags "Air Portugal" ORG four times; the one "Air Portugal said" read as a
    # person must neither make the airline a person nor "Portugal" its surname.
    entities = extract_entities(parse(make_article(AIRLINE)))
    assert [(e.name, e.type, sum(n for _, n in e.mentions), e.aliases) for e in entities] == [
        ("Air Portugal", "organization", 4, ()),
        ("Portugal", "place", 2, ()),
    ]


def test_place_context_outvotes_a_person_label(parse):
    text = (
        "Sewage from the border city of Tecora flows north. Residents of Tecora complained, "
        "and the mayor of Tecora, Luis Abarca, asked for money. Tecora, a city of 900,000 "
        "people, has no plant."
    )
    # The model tags every "Tecora" PERSON; "the city of", "a city" say it is a place.
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, sum(n for _, n in e.mentions)) for e in entities] == [
        ("Tecora", "place", 4),
        ("Luis Abarca", "person", 1),
    ]


def test_organization_suffix_makes_an_organization(parse):
    text = (
        "Marisol Teague, who runs the Dunmore Ski Resorts, said the road was a mistake. "
        "Dunmore Ski Resorts said it would pay for the damage. Brenner Labs sued."
    )
    by_name = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert by_name == {
        "Dunmore Ski Resorts": "organization",
        "Marisol Teague": "person",
        "Brenner Labs": "organization",
    }


def test_a_name_without_its_middle_initial_is_the_same_person(parse):
    first, second = parse(
        make_article("Harriet K. Lindqvist chairs the port board. The board met on Monday."),
        make_article("Harriet Lindqvist said the board would vote in May."),
    )
    (harriet,) = [e for e in extract_entities([first, second]) if e.type == "person"]
    assert (harriet.name, harriet.aliases) == ("Harriet K. Lindqvist", ("Harriet Lindqvist",))
    assert dict(harriet.mentions) == {first.id: 1, second.id: 1}


def test_a_name_without_its_leading_initial_is_the_same_person(parse):
    first, second = parse(
        make_article("T. Walden Price chairs the port board. The board met on Monday."),
        make_article("Walden Price said the board would vote in May."),
    )
    (walden,) = [e for e in extract_entities([first, second]) if e.type == "person"]
    assert (walden.name, walden.aliases) == ("T. Walden Price", ("Walden Price",))


def test_an_article_naming_both_forms_means_two_people(parse):
    (mill,) = parse(
        make_article("George Amsel founded the mill in 1950. His son George R. Amsel runs it now.")
    )
    names = {e.name for e in extract_entities([mill])}
    assert names == {"George Amsel", "George R. Amsel"}


def test_kin_words_far_from_the_name_tell_of_another_family(parse):
    # Before: any kin word in the article ("his older brother", of the suspects) kept the
    # police chief's two forms apart as if father and son.
    (story,) = parse(
        make_article(
            "Police chief Omar P. Haddad said the search of the riverside streets would go on "
            "through the night.\n\n"
            "The suspect fled on foot after a gun battle in which his older brother was "
            "killed, according to the police, who asked residents of the town to stay indoors "
            "and to keep their doors locked until the morning.\n\n"
            "Omar Haddad later told reporters that the suspect had been found."
        )
    )
    (haddad,) = [e for e in extract_entities([story]) if "Haddad" in e.name]
    assert (haddad.name, haddad.aliases) == ("Omar P. Haddad", ("Omar Haddad",))


def test_kin_words_near_one_form_only_tell_of_someone_elses_family(parse):
    # Before: "his older brother" beside the short form kept the suspect's two forms apart
    # as if father and son; kin is read between the forms, near both of them.
    (story,) = parse(
        make_article(
            "Suspect Dmitri K. Volkov was taken from the boat at dusk, the police said, "
            "and carried to a waiting ambulance under guard.\n\n"
            "The manhunt for the young man had shut the town for a day. His older brother, "
            "who fought beside Dmitri Volkov, died in the gun battle on Friday."
        )
    )
    (volkov,) = [e for e in extract_entities([story]) if "Volkov" in e.name and e.type == "person"]
    assert (volkov.name, volkov.aliases) == ("Dmitri K. Volkov", ("Dmitri Volkov",))


def test_a_given_name_alone_is_the_one_person_of_the_story_it_opens(parse):
    # Before: "Dmitri" was a person of his own beside "Dmitri Volkov".
    first, second = parse(
        make_article(
            "Dmitri Volkov, 19, was charged on Monday. His lawyer, Tessa Roe, said he would "
            "plead not guilty. Friends said Dmitri had kept to himself since the spring."
        ),
        make_article("Classmates said Dmitri rarely spoke. Tessa called the charges unfounded."),
    )
    people = {e.name: dict(e.mentions) for e in extract_entities([first, second]) if e.type == "person"}
    assert people == {
        "Dmitri Volkov": {first.id: 2, second.id: 1},
        "Tessa Roe": {first.id: 1, second.id: 1},
    }


def test_a_given_name_two_people_share_stays_apart(parse):
    (story,) = parse(
        make_article(
            "Dmitri Volkov and Dmitri Grant were charged on Monday. Classmates said Dmitri "
            "rarely spoke."
        )
    )
    names = {e.name for e in extract_entities([story]) if e.type == "person"}
    assert names == {"Dmitri Volkov", "Dmitri Grant", "Dmitri"}


def test_an_article_quoting_the_short_form_beside_the_long_one_still_means_one_person(parse):
    # Before: two people, since one article names both forms (the short one in a quotation).
    first, second = parse(
        make_article(
            "Judge Harriet K. Lindqvist chairs the port board. A witness said she “met "
            "Harriet Lindqvist, the judge” in 1990."
        ),
        make_article("Harriet Lindqvist said the board would vote in May."),
    )
    (harriet,) = [e for e in extract_entities([first, second]) if e.type == "person"]
    assert harriet.name == "Harriet K. Lindqvist"
    assert dict(harriet.mentions) == {first.id: 2, second.id: 1}


def test_a_two_word_surname_an_article_uses_after_the_full_name_is_that_person(parse):
    # Before: "Blasey Ford"-style surnames were a second person; sisters stay two people.
    first, second, sisters = parse(
        make_article("Marisol Vega Ruiz teaches in Tarsin. Vega Ruiz said she would testify."),
        make_article("Vega Ruiz will appear before the panel on Thursday."),
        make_article("Mary Ann Voss sold the farm. Her sister Ann Voss said it was time."),
    )
    people = {
        e.name: dict(e.mentions)
        for e in extract_entities([first, second, sisters])
        if e.type == "person"
    }
    assert people == {
        "Marisol Vega Ruiz": {first.id: 2, second.id: 1},
        "Mary Ann Voss": {sisters.id: 1},
        "Ann Voss": {sisters.id: 1},
    }


def test_an_acronym_takes_the_organization_its_own_article_names(parse):
    court, college = parse(
        make_article(
            "The Supreme Harbor Court ruled on Monday that the port must reopen. The SHC "
            "gave the port board a week."
        ),
        make_article("Students at St. Helena College marched to the port on Tuesday."),
    )
    by_name = {e.name: e for e in extract_entities([court, college])}
    assert by_name["Supreme Harbor Court"].aliases == ("SHC",)
    assert dict(by_name["Supreme Harbor Court"].mentions) == {court.id: 2}
    assert "SHC" not in by_name


def _mention(text: str, kind: str, cue: str | None = None, speaks: bool = False):
    from manysides.mentions import Mention

    return Mention("a1", text, kind, 0, len(text), cue=cue, speaks=speaks)


@pytest.mark.parametrize(
    ("group", "kind"),
    [
        # a one-word name the model alone calls a person, often and with no sign of one
        ([("Zentrax", "person", None, False)] * 8, "other"),
        ([("Zentrax", "person", None, False)] * 7, "person"),  # too few mentions to tell
        ([("Zentrax", "person", None, False)] * 7 + [("Zentrax", "person", None, True)], "person"),
        (
            [("Zentrax", "person", None, False)] * 8 + [("Zentrax", "organization", None, False)],
            "organization",
        ),
        # a person label against a place cue, with nothing else saying it is a person
        (
            [("Tres Lomas", "person", None, False)] * 3
            + [("Tres Lomas", "person", "place", False)],
            "place",
        ),
        (
            [("Tres Lomas", "person", "person", False)]
            + [("Tres Lomas", "person", "place", False)],
            "person",
        ),
        # a word in capitals is no person's name; an initial is
        ([("Max OTB", "person", None, False)], "other"),
        ([("Ada R. Quell", "person", None, False)], "person"),
        # a tie goes to a person of a person's shape, else the organization
        ([("Ada Quell", "person", None, False), ("Ada Quell", "place", None, False)], "person"),
        (
            [("Quell", "person", None, False), ("Quell", "organization", None, False)],
            "organization",
        ),
        # the last word decides, unless something says it is a person; places do not speak
        ([("Marrow Lake", "person", None, False)], "place"),
        ([("Marrow Lake", "person", None, True)], "person"),
        (
            [("Ada Court", "person", "person", False), ("Ada Court", "organization", None, False)],
            "person",
        ),
        ([("Ada Court", "place", None, False)], "organization"),
        ([("Marrow Act", "law", None, False), ("Marrow Act", "person", None, False)], "law"),
        # a company form ends an organization's name, however it is spelled
        ([("Brixley S.A.", "person", None, False)], "organization"),
        ([("Brixley GmbH", "person", None, False)], "organization"),
        # a person who speaks, named by a surname that is an organization's word
        ([("Harriet Mills", "person", None, True)], "person"),
        ([("Tarrow Mills", "organization", None, True)], "organization"),
        ([("General Mills", "person", None, True)], "organization"),  # a title, no given name
        ([("Harriet Mills", "person", None, False)], "organization"),  # nothing says person
        # a people: its cues say so more than anything else, in a third of its mentions
        (
            [("Velhari", "person", "other", False)] * 3
            + [("Velhari", "person", "person", True)]
            + [("Velhari", "organization", None, False)] * 5,
            "other",
        ),
        (
            [("Velhari", "place", "other", False)] + [("Velhari", "place", None, False)] * 3,
            "place",
        ),
    ],
)
def test_settled_kind(group, kind):
    from manysides.mentions import settled_kind

    assert settled_kind([_mention(*m) for m in group]) == kind


@pytest.mark.parametrize(
    ("sentence", "start", "end", "kind"),
    [
        ("The plant sits near Tecora, a border city.", 4, 5, "place"),
        ("Officials in Tecora said no.", 2, 3, "place"),
        ("The river starts south of Tecora and runs north.", 5, 6, "place"),
        ("Ships from Lisbon, Portugal, docked.", 2, 3, "place"),
        ("The manager at Tecora quit.", 3, 4, "place"),
        ("Tecora, the nation's largest airline, cut fares.", 0, 1, "organization"),
        ("Prices at Zantor Inc. rose.", 2, 3, "organization"),
        ("Prices at Zantor LLC rose.", 2, 3, "organization"),  # a form in capitals
        ("Prices at Zantor S.A. rose.", 2, 3, "organization"),
        ("Tecora co-owns the mill.", 0, 1, None),  # "co" in lower case is no form
        ("Tecora's mother said no.", 0, 1, "person"),
        ("The jet left from Charles de Gaulle airport.", 4, 7, "place"),
        ("The Clinton administration agreed.", 1, 2, None),
        ("In 1997 Ada Quell won.", 2, 4, None),  # not right after the preposition
        ("Ada Quell of Fremont-based Ocean Bank said no.", 0, 2, None),
        ("We looked at Ada Quell.", 3, 5, None),  # "at" after a verb
    ],
)
def test_context_kind(nlp, sentence, start, end, kind):
    from spacy.tokens import Span

    from manysides.name_cues import context_kind

    doc = nlp(sentence)
    assert context_kind(Span(doc, start, end, label="PERSON")) == kind


def test_a_short_organization_name_joins_the_one_longer_name_it_starts(parse):
    text = (
        "The Harbor Corps of Surveyors mapped the bay in May. The Harbor Corps said the "
        "channel was too shallow for U.S. ships. Officials at the Harbor Corps asked the "
        "U.S. Navy for a dredge."
    )
    entities = extract_entities(parse(make_article(text + "\n\n(Ana Ruiz/Harbor Daily Photo)")))
    # A photo credit names nothing. The name written most often names the organization; "U.S." keeps its last dot.
    assert [(e.name, e.type, sum(n for _, n in e.mentions), e.aliases) for e in entities] == [
        ("Harbor Corps", "organization", 3, ("Harbor Corps of Surveyors",)),
        ("U.S.", "place", 1, ()),
        ("U.S. Navy", "organization", 1, ()),
    ]


def test_a_company_form_joins_the_name_without_it(parse):
    text = (
        "Kelvane Inc. will sell the new pill in June. Analysts said Kelvane would win the "
        "race. Doctors who tested the pill praised Kelvane."
    )
    # The model tags the bare "Kelvane" PERSON twice; "Inc." says what it is.
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, sum(n for _, n in e.mentions), e.aliases) for e in entities] == [
        ("Kelvane", "organization", 3, ("Kelvane Inc",)),
    ]


def test_a_speaker_whose_surname_is_a_place_word_stays_a_person(nlp):
    from manysides.nlp import parse_articles

    text = (
        "Former envoy Harriet Lake told reporters on Monday that the ferry talks would resume. "
        "Lake said both towns were close to a deal. Tourists crowded the shore of Velmor Lake."
    )
    (parsed,) = parse_articles([make_article(text, "Harbor Wire")], nlp)
    kinds = {e.name: e.type for e in extract_entities([parsed])}
    assert (kinds.get("Harriet Lake"), kinds.get("Velmor Lake")) == ("person", "place")


def test_a_company_form_is_one_form_however_it_is_spelled(parse):
    text = (
        "Brixley Corp said on Tuesday that it would close two plants. Brixley Corporation "
        "employs 4,000 people in the valley."
    )
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, sum(n for _, n in e.mentions), e.aliases) for e in entities] == [
        ("Brixley Corporation", "organization", 2, ("Brixley Corp",)),
    ]


def test_a_speaker_whose_surname_is_an_organization_word_stays_a_person(parse):
    text = (
        "The mill closed in May. “We did what we could,” Harriet Mills said. General Mills "
        "said sales fell. Peter Post said the same."
    )
    # The model tags "Peter Post" an organization; "Peter" is a given name.
    kinds = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert kinds == {
        "Harriet Mills": "person",
        "General Mills": "organization",
        "Peter Post": "person",
    }


def test_familiar_and_full_given_names_of_one_surname_are_one_person(parse):
    port, union = parse(
        make_article(
            "Steven Marlowe, the port's director, said the cranes would stay. Bill Okafor "
            "backed him."
        ),
        make_article(
            "Steve Marlowe said he was tired. “It works,” said William Okafor, a dock worker. "
            "Pat Lindqvist spoke for the union. Patrick Lindqvist and Patricia Lindqvist own "
            "the shop."
        ),
    )
    people = {e.name: e.aliases for e in extract_entities([port, union]) if e.type == "person"}
    # "Pat" may be Patrick or Patricia, both named: no guess.
    assert people == {
        "Steven Marlowe": ("Steve Marlowe",),
        "William Okafor": ("Bill Okafor",),
        "Pat Lindqvist": (),
        "Patrick Lindqvist": (),
        "Patricia Lindqvist": (),
    }


def test_a_peoples_name_is_no_place_or_person(parse):
    text = (
        "The country's largest tribe, the Velhari, rejected the casino. Velhari leaders met on "
        "the Velhari reservation. Elders in Velhari country agreed."
    )
    # The model tags "Velhari" a person each time; "in ... country" alone read a place.
    kinds = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert kinds == {"Velhari": "other"}


def test_a_product_made_by_a_company_is_no_organization(parse):
    text = (
        "Zentrolex, made by Harrow Labs, was approved in May. Patients took Zentrolex twice a "
        "day. Harrow Labs said Zentrolex sold well."
    )
    kinds = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert kinds == {"Zentrolex": "other", "Harrow Labs": "organization"}


def test_faith_in_a_person_names_no_place(parse):
    text = "Voters kept their faith in Tom Vasko, and Vasko won again. Officials in Tecora said no."
    kinds = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert kinds == {"Tom Vasko": "person", "Tecora": "place"}


def test_bylines_and_transcript_role_labels_are_no_entities(parse):
    text = (
        "By AMY VELLACOTT\n\nThe ferry board met on Monday. Jane Okafor chaired it.\n\n"
        "HOST: Thank you for joining us, senator.\n\n"
        "OKAFOR: Thank you for having me here today."
    )
    names = {e.name for e in extract_entities(parse(make_article(text)))}
    assert names == {"Jane Okafor"}


def test_a_hyphenated_word_in_a_role_keeps_its_hyphen(parse):
    text = "“We will rebuild,” said Irma Castell, a 69-year-old chief of the Dunmore band council."
    (irma,) = [e for e in extract_entities(parse(make_article(text))) if e.type == "person"]
    assert irma.role == "69-year-old chief of the Dunmore band council"


def test_an_organization_written_with_us_before_it_or_reordered_is_one(parse):
    text = (
        "The Coastal Pilots Association sued the port on Monday. Lawyers for the U.S. Coastal "
        "Pilots Association said the case would be heard in May. The Tecora Board of Pilots, "
        "which the Pilots Board of Tecora renamed, objected."
    )
    organizations = {
        e.name: e.aliases
        for e in extract_entities(parse(make_article(text)))
        if e.type == "organization"
    }
    assert organizations == {
        "U.S. Coastal Pilots Association": ("Coastal Pilots Association",),
        "Tecora Board of Pilots": ("Pilots Board of Tecora",),
    }


def test_a_word_in_lower_case_tells_organizations_apart():
    from manysides.entities import _same_words_links, _UnionFind

    names = ["Pilots Board of Tecora", "state Pilots Board of Tecora", "Tecora Pilots Board"]
    groups = _UnionFind()
    _same_words_links([_mention(n, "organization") for n in names], groups)
    first, state, reordered = (groups.find(n) for n in names)
    assert first == reordered != state


def test_a_peoples_plural_is_that_people(parse):
    text = (
        "The country's largest tribe, the Velhari, rejected the casino. Velhari leaders met on "
        "the Velhari reservation. About 9,000 Velharis live there."
    )
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, e.aliases) for e in entities] == [("Velhari", "other", ("Velharis",))]


def test_a_titled_surname_is_not_the_story_s_holder_of_another_office(parse):
    old, new = parse(
        make_article("In 1790 Governor Amos Pellworth signed the treaty with the tribe."),
        make_article(
            "President Pellworth visited the reservation on Monday. Pellworth promised money "
            "for schools."
        ),
    )
    people = {
        e.name: (e.role, dict(e.mentions))
        for e in extract_entities([old, new])
        if e.type == "person"
    }
    assert people == {
        "Amos Pellworth": ("Governor", {old.id: 1}),
        "Pellworth": ("President", {new.id: 1}),
    }


def test_a_title_before_an_inverted_said_is_another_clause_s(parse):
    text = (
        "Tomas Quillan chairs the port board. “The mayor,” Quillan said, “has not called.” "
        "The mayor, Quillan said, would not return calls."
    )
    (tomas,) = [e for e in extract_entities(parse(make_article(text))) if e.type == "person"]
    assert (tomas.name, tomas.role) == ("Tomas Quillan", None)


def test_a_name_ending_the_only_longer_name_is_that_organization(parse):
    text = (
        "The Harbor Corps of Surveyors mapped the bay. The Corps of Surveyors said the channel "
        "was shallow. The Corps of Surveyors will dredge it. The Corps of Surveyors has no "
        "money. The Journal of the Velmor Medical Association printed the map; the Velmor "
        "Medical Association did not comment."
    )
    entities = extract_entities(parse(make_article(text)))
    organizations = {e.name: e.aliases for e in entities if e.type == "organization"}
    # "Corps of Surveyors" is short for the one longer name that ends with it; a journal is
    # not the association it is named after.
    assert organizations == {
        "Corps of Surveyors": ("Harbor Corps of Surveyors",),
        "Journal of the Velmor Medical Association": (),
        "Velmor Medical Association": (),
    }


def test_a_name_the_noun_of_an_organization_opens_is_one(parse):
    text = (
        "Lise Arnaud of Tecora said the Parti Vertois won 40 seats in the election. The Party "
        "Vertois will govern alone, Arnaud said. The Parti Vertois, founded in 1968, has never "
        "governed."
    )
    # The model tags the last "Parti Vertois" a person and runs "of Tecora" into her name.
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, e.aliases) for e in entities] == [
        ("Parti Vertois", "organization", ("Party Vertois",)),
        ("Lise Arnaud", "person", ("Arnaud",)),
    ]


def test_an_acronym_takes_the_organization_written_far_more_often_than_a_one_off():
    from manysides.name_resolution import acronym_targets

    dominant = ["Parti Vertois"] * 3 + ["Party Vertois", "Parti Vertoise"]
    assert acronym_targets(dominant) == {"PV": "Parti Vertois"}
    assert acronym_targets(["Parti Vertois", "Port Vessels"]) == {}


def test_a_name_two_cues_call_a_people_and_none_anything_else_is_a_people():
    from manysides.mentions import settled_kind

    # As the model tagged the Makah on DUC 2006 D0601A: a place 11 times in 13, with two
    # cues of a people ("the ... tribe's council", "the ... are voting") and no other cue.
    tagged = [_mention("Oskeni", "place") for _ in range(11)]
    cued = [_mention("Oskeni", "place", cue="other"), _mention("Oskeni", "person", cue="other")]
    assert settled_kind(tagged + cued) == "other"
    assert settled_kind(tagged + cued[:1]) == "place"  # one cue among 12 says too little
    placed = [*tagged, *cued, _mention("Oskeni", "place", cue="place")]
    assert settled_kind(placed) == "place"  # a cue of a place outweighs the lesser share


def test_a_pair_joined_by_and_takes_a_plural_verb_without_naming_a_people(parse):
    text = (
        "Some believe that the universe, the Earth and its creatures were made at once. "
        "Probes circle the Earth. The Earth is warming. Maps of the Earth improved."
    )
    kinds = {e.name: e.type for e in extract_entities(parse(make_article(text)))}
    assert kinds["Earth"] == "place"


def test_names_joined_by_an_ampersand_are_one_firm_not_a_surname(parse):
    # Before, each "Roux" of the firm was a mention of Jean Roux.
    text = (
        "Jean Roux, president of Roux & Roux, a Lyon polling company, said the vote was "
        "close. “It could go either way,” Roux said. The firm Tarr & Vane agreed."
    )
    entities = {e.name: e for e in extract_entities(parse(make_article(text)))}
    assert entities["Roux & Roux"].type == "organization"
    assert entities["Tarr & Vane"].type == "organization"
    jean = entities["Jean Roux"]
    assert (jean.type, jean.role, dict(jean.mentions).popitem()[1]) == (
        "person",
        "president of Roux & Roux",
        2,
    )


def test_a_places_office_is_a_title_not_an_entity_and_its_holder_a_person(parse):
    # Before: "Vermont AG Tara Quill" was one organization; "Colorado AG" another, and
    # "AG" before a name gave no role.
    vermont = "Vermont AG Tara Quill told reporters that the rules were unlawful."
    colorado = (
        "Colorado AG Nell Ambry said the rules hurt ranchers. “We will see them in court,” "
        "the Colorado AG said. Daimler AG declined to comment."
    )
    entities = {
        e.name: (e.type, e.role)
        for e in extract_entities(parse(make_article(vermont), make_article(colorado)))
    }
    assert entities["Tara Quill"] == ("person", "Attorney General")
    assert entities["Nell Ambry"] == ("person", "Attorney General")
    assert "Colorado AG" not in entities and "Vermont AG" not in entities
    assert entities["Daimler AG"] == ("organization", None)


def test_plural_peoples_joins_only_a_plural_of_a_peoples_name():
    from manysides.entities import _plural_peoples

    people = [_mention("Velhari", "place", cue="other") for _ in range(3)]
    person = [_mention("Kennedy", "person", cue="person")]
    by_root = {
        "velhari": people,
        "velharis": [_mention("Velharis", "other")],
        "kennedy": person,
        "kennedys": [_mention("Kennedys", "other")],
        "velhari acts": [_mention("Velhari Acts", "law")],
    }
    assert _plural_peoples(by_root) == {"velharis": "velhari"}


def test_roles_and_kinds_a_reader_sees_in_the_entity_list(parse):
    # Before: "Police Chief Ruben Ostrand" had the role "Chief"; Ines Varga's role was "the
    # agency's acting administrator" (which agency the list cannot say); "Tecora" in "a
    # Tecora landlord" was a person (the model's tag); the mill was an organization.
    text = (
        "Police Chief Ruben Ostrand said officers would patrol the Holloway Textile Mill. "
        "“We will be there,” said Ines Varga, the agency's acting administrator. "
        "“Nobody asked us,” said Lotte Brenn, a Tecora landlord. The Holloway Textile Mill "
        "is empty. Ostrand met Brenn at the Holloway Textile Mill. "
        "“It is late,” said Margaret Olsen, NEBA's executive director."
    )
    entities = {e.name: (e.type, e.role) for e in extract_entities(parse(make_article(text)))}
    assert entities["Ruben Ostrand"] == ("person", "Police Chief")
    assert entities["Ines Varga"] == ("person", "acting administrator")
    assert entities["Margaret Olsen"] == ("person", "NEBA's executive director")
    assert entities["Tecora"][0] == "place"
    assert entities["Holloway Textile Mill"][0] == "place"


def test_a_plural_title_is_each_named_persons(parse):
    # Before: "Sens. Dianna Fenwick and Kamila Horan" gave the second no role, and "Sens
    # Dianna Fenwick" (an outlet writing no dot) was dropped as a title glued to a name.
    first = make_article(
        "Ostland Sens. Dianna Fenwick and Kamila Horan blasted the idea in a letter."
    )
    second = make_article("The raids prompted a query from Sens Dianna Fenwick on Monday.")
    people = {
        e.name: (e.role, len(e.mentions))
        for e in extract_entities(parse(first, second))
        if e.type == "person"
    }
    assert people == {"Dianna Fenwick": ("Senator", 2), "Kamila Horan": ("Senator", 1)}


def test_a_plural_title_the_model_keeps_inside_the_first_name_is_each_persons(parse):
    # "Sens." is one token, and the model puts it inside the first name's entity
    text = "Sens. Dianna Fenwick and Kamila Horan blasted the idea. Ostland Rep. Ivo Pratt agreed."
    found = {(e.name, e.type, e.role) for e in extract_entities(parse(make_article(text)))}
    assert found == {
        ("Dianna Fenwick", "person", "Senator"),
        ("Kamila Horan", "person", "Senator"),
        ("Ivo Pratt", "person", "Representative"),  # a member for Ostland, not its office
    }


def test_a_name_the_model_labels_two_ways_takes_the_kind_the_text_gives_it(parse):
    # the small model calls "Halder" a facility, an organization and a nationality here;
    # "in Halder" and "Halder's governor" say it is a place
    first = (
        "The federal agency said Tuesday it would withhold $80 million in grants from Halder. "
        "About 30 auditors would be sent to Halder."
    )
    second = (
        "The agency wants to claw back money from Halder. Shelters in Halder would close. "
        "Halder's governor called the move illegal."
    )
    entities = extract_entities(parse(make_article(first), make_article(second)))
    assert [(e.name, e.type) for e in entities] == [("Halder", "place")]


def roles_in(parse, text: str) -> dict[str, str | None]:
    """Name -> role of the entities of one invented article."""
    return {e.name: e.role for e in extract_entities(parse(make_article(text)))}


def test_a_role_that_says_for_whom_completes_the_same_role_given_bare(parse):
    # Before: "president" (given bare twice) won over "president of the Tarsin Grocers Guild".
    text = (
        "The Tarsin Grocers Guild sued the city on Monday. Its president, Ona Birk, said the "
        "fees were unfair.\n\nOna Birk, president of the Tarsin Grocers Guild, said the guild "
        "would appeal.\n\nThe guild is small. Its president, Ona Birk, said it had 40 members."
    )
    entities = roles_in(parse, text)
    assert entities["Ona Birk"] == "president of the Tarsin Grocers Guild"


def test_a_laws_name_without_its_law_noun_is_that_law(parse):
    # Before: "Quiet Harbor" (of "the Quiet Harbor program", tagged a location) was a place.
    text = (
        "The Quiet Harbor Act took effect in May. The governor said the grants pay for "
        "shelters, not for the Quiet Harbor program."
    )
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, e.aliases, sum(n for _, n in e.mentions)) for e in entities] == [
        ("Quiet Harbor Act", "law", ("Quiet Harbor",), 2)
    ]


def test_someone_described_by_a_standing_has_it_as_role_and_its_place_is_a_place(parse):
    # Before: no role for either, and "Brindle" was a person ("the Brindle retiree").
    text = (
        "Gail Parrow, the Brindle retiree whose family warehouse has been occupied since last "
        "spring, said she hoped the pressure would work.\n\n"
        "“We lost everything,” said Tom Rusk, a Brindle landlord who owns six buildings."
    )
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type, e.role) for e in entities] == [
        ("Brindle", "place", None),
        ("Gail Parrow", "person", "Brindle retiree"),
        ("Tom Rusk", "person", "Brindle landlord"),
    ]


def test_the_organization_after_a_name_completes_or_gives_the_role(parse):
    # Before: "Judge" alone, and no role for Ines Calvo.
    text = (
        "“We won,” said Ines Calvo of the Tarsin Tenants Union. Judge Helen Marsh of the "
        "Brindle County Superior Court upheld the law."
    )
    entities = roles_in(parse, text)
    assert entities["Helen Marsh"] == "Judge of the Brindle County Superior Court"
    assert entities["Ines Calvo"] == "of the Tarsin Tenants Union"


def test_an_office_given_once_wins_over_the_organization_alone(parse):
    text = (
        "“We won,” said Ines Calvo of the Tarsin Tenants Union.\n\n"
        "Tenant groups cheered. Ines Calvo, an organizer with the Tarsin Tenants Union, said 40 "
        "families had filed petitions.\n\n"
        "“We will keep going,” said Ines Calvo of the Tarsin Tenants Union."
    )
    entities = roles_in(parse, text)
    assert entities["Ines Calvo"] == "organizer with the Tarsin Tenants Union"


def test_the_town_after_a_persons_name_is_no_person(parse):
    # Before: "Brindle" was a second person.
    text = "Tom Vasko of Brindle said the road was closed."
    entities = extract_entities(parse(make_article(text)))
    assert [(e.name, e.type) for e in entities] == [("Brindle", "place"), ("Tom Vasko", "person")]


def test_a_party_word_before_the_title_is_the_affiliation_not_the_role(parse):
    # Before: "Ohio Republican Representative" with no party; "Representative" with no party;
    # "Rep" (written without its dot) as the role; no party for the Democratic senator or
    # the Republican lawmaker; "GOP Senator" as a role.
    text = (
        "Freshman Ohio Republican Rep Dale Mercer said the plan fell short. South Dakota "
        "Republican Rep Tom Ganz said it carried weight. Democratic Illinois Sen. Dick Dunn "
        "said it would pass. Independent Counsel Ken Stahl said nothing. A veteran Republican "
        "lawmaker, Ann Polk, said she was unsure. GOP Sen. Tim Corlett voted no. Senate GOP "
        "leader Roy Blunden objected."
    )
    entities = {
        e.name: (e.role, e.affiliation)
        for e in extract_entities(parse(make_article(text)))
        if e.type == "person"
    }
    assert entities == {
        "Dale Mercer": ("Representative", "Republican"),
        "Tom Ganz": ("Representative", "Republican"),
        "Dick Dunn": ("Senator", "Democrat"),
        "Ken Stahl": (None, None),
        "Ann Polk": ("lawmaker", "Republican"),
        "Tim Corlett": ("Senator", "Republican"),
        "Roy Blunden": ("Senate GOP leader", "Republican"),  # a caucus's office
    }


def test_a_long_apposition_is_cut_before_its_last_conjunction(parse):
    # Before: "attorney for Ms. Swenson and frequent thorn in the side of", cut at 12 words.
    text = (
        "“That is by design,” Michael Avenoli, an attorney for Ms. Swenson and frequent thorn "
        "in the side of Mr. Tamm, tweeted Sunday. “It works,” said Ana Lind, president and "
        "chief executive of the Tarsin Grocers Guild."
    )
    roles = roles_in(parse, text)
    assert (roles["Michael Avenoli"], roles["Ana Lind"]) == (
        "attorney for Ms. Swenson",
        "president and chief executive of the Tarsin Grocers Guild",  # not cut: no limit hit
    )


def test_dotted_initials_are_the_place_or_organization_they_spell(parse):
    # Before: "U.S.", "US" and "U.N." were entities apart from the names they abbreviate.
    text = (
        "The United States and the United Nations met in Geneva on Monday. The U.S. envoy "
        "said the U.N. plan was fair. The US team left early."
    )
    found = {(e.name, e.type, e.aliases) for e in extract_entities(parse(make_article(text)))}
    assert found == {
        ("United States", "place", ("U.S.", "US")),
        ("United Nations", "organization", ("U.N.",)),
        ("Geneva", "place", ()),
    }


def test_a_party_committees_office_keeps_the_party(parse):
    # Before: "National Committee Chairman", the party read as his affiliation only.
    text = "Democratic National Committee Chairman Tom Perez said the debate rules would stand."
    found = {(e.name, e.role, e.affiliation) for e in extract_entities(parse(make_article(text)))}
    assert ("Tom Perez", "Democratic National Committee Chairman", "Democrat") in found


def test_a_hyphenated_title_is_one_title(parse):
    # Before: "General" alone, the hyphen having ended the title.
    first = roles_in(parse, "U.N. Secretary-General Kofi Annan said the ferry plan was fair.")
    second = roles_in(parse, "Attorney-General Ana Roe said it was real.")
    assert (first["Kofi Annan"], second["Ana Roe"]) == ("U.N. Secretary-General", "Attorney-General")


def test_a_brigadier_generals_title_is_the_role_with_or_without_dots(parse):
    # Before: "Brig Gen Ezra Zorn" was the name, and "Brig." alone a person of its own.
    text = (
        "Army spokesman Brig Gen Ezra Zorn said the strikes would go on. Brig. Gen. Ana "
        "Roe said they would not."
    )
    found = {(e.name, e.type, e.role) for e in extract_entities(parse(make_article(text)))}
    assert {f for f in found if f[1] == "person"} == {
        ("Ezra Zorn", "person", "Army spokesman Brigadier General"),
        ("Ana Roe", "person", "Brigadier General"),
    }


def test_press_campaign_and_communications_offices_keep_their_words(parse):
    # Before: "secretary" for both press secretaries, "director" for the communications one.
    text = (
        "Roe's national press secretary, Cal Mertens, said the ad was fair. White House "
        "press secretary Dana Lind agreed. The campaign's communications director Ana Ruiz "
        "did not."
    )
    roles = roles_in(parse, text)
    assert (roles["Cal Mertens"], roles["Dana Lind"], roles["Ana Ruiz"]) == (
        "national press secretary",
        "White House press secretary",
        "communications director",
    )


def test_a_possessive_counts_no_word_of_an_appositions_length(parse):
    # Before: "... in Governor Ada J. Marsh's", cut at 12 words with "'s" counted as one.
    text = (
        "Ivan Pellinger, a former Commerce Department trade counsel in Governor Ada J. Marsh's "
        "cabinet, said the ferry deal was sound."
    )
    roles = roles_in(parse, text)
    assert roles["Ivan Pellinger"] == (
        "former Commerce Department trade counsel in Governor Ada J. Marsh's cabinet"
    )


def test_a_title_the_model_put_inside_a_name_is_the_persons_role(parse):
    # Before: "Sen Jeff Markle" (no dot; one PERSON entity) gave Jeff Markle no role, and
    # "Another Democrat" set beside his name no party.
    text = "Another Democrat, Sen Jeff Markle of Oregon, said the process was unfair."
    entities = {
        e.name: (e.role, e.affiliation) for e in extract_entities(parse(make_article(text)))
    }
    assert entities["Jeff Markle"] == ("Senator", "Democrat")


def test_a_generational_suffix_keeps_its_dot_in_the_entity_name(parse):
    text = "Pastor Elias Crane Jr. said the chapel in Port Verity would reopen in May.\n"
    names = {e.name for e in extract_entities(parse(make_article(text)))}
    assert names == {"Elias Crane Jr.", "Port Verity"}



def test_a_titled_surname_takes_the_full_name_whose_title_holds_that_office(parse):
    # "Governor Okafor" is the former governor, not her nephew, whom no title names
    text = (
        "Former Governor Ruth Okafor opened the Corven bridge on Monday. Marcus Okafor, her "
        "nephew, cut the ribbon.\n\n"
        "Governor Okafor thanked the builders."
    )
    by_name = {e.name: e for e in extract_entities(parse(make_article(text)))}
    assert sum(n for _, n in by_name["Ruth Okafor"].mentions) == 2
    assert sum(n for _, n in by_name["Marcus Okafor"].mentions) == 1
    assert "Okafor" not in by_name
