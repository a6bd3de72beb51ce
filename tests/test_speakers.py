"""Speakers: the people an article names, as quote attribution reads them. Invented text."""

from __future__ import annotations

from conftest import make_article
from manysides.quotes import extract_quotes
from manysides.speakers import PersonIndex, describe

FERRY = (
    "The harbor council met on Monday.\n\n"
    "Plus Obama backed the ferry plan. “We will not wait,” Obama said.\n\n"
    "Still Ada Brill voted no. “It was rushed,” Brill said."
)


def test_sentence_opening_connective_is_no_part_of_a_speakers_name(parse):
    # The model tags "Plus Obama" one person; before the fix the quote went to "Plus Obama".
    (article,) = parse(make_article(FERRY))
    people = [name for _, name, _ in PersonIndex.of(article.doc).people]
    # ("Brill" in "Brill said" is tagged an organization, after Ada Brill was named: her)
    assert people == ["Obama", "Obama", "Ada Brill", "Brill"]
    # (direct quotes only: whether "backed the ferry plan" is reported speech is the
    # attribution model's call, and "Plus" then leaves "backed" with no subject)
    assert [(q.speaker, q.text) for q in extract_quotes(article) if q.kind == "direct"] == [
        ("Obama", "We will not wait"),
        ("Ada Brill", "It was rushed"),
    ]


def test_words_before_an_untagged_name_are_its_role_not_part_of_it(nlp):
    doc = nlp(
        "Port director Tom Vasko spoke first. Later, acting Vasko said the port would stay open."
    )
    head = next(t for t in doc if t.text == "Vasko" and t.i > 5)
    doc.ents = [e for e in doc.ents if "Vasko" not in e.text]  # the model tagged it no person
    people = PersonIndex(((0, "Tom Vasko", "Port director"),))
    speaker = describe(head, people, None)
    assert (speaker.text, speaker.name, speaker.role) == ("acting Vasko", "Tom Vasko", "acting")


TRANSCRIPT = (
    "Senator Jane Okafor and Mark Velasquez debated the ferry bill on Sunday.\n\n"
    "SEN. OKAFOR: The bill is dead and everyone knows it, I think.\n\n"
    "VELASQUEZ: No. We need a better plan for the harbor towns.\n\n"
    "MARK VELASQUEZ: Then we will see in the vote next week."
)


def test_a_transcripts_labels_in_capitals_are_the_articles_people(parse):
    # Before: the speakers were "SEN. OKAFOR", "VELASQUEZ" and "MARK VELASQUEZ".
    (article,) = parse(make_article(TRANSCRIPT))
    # the labels' turns (the opening "debated the ferry bill" is a cue of its own)
    turns = [q for q in extract_quotes(article) if q.cue == ":"]
    assert [(q.speaker, q.text) for q in turns] == [
        ("Jane Okafor", "The bill is dead and everyone knows it, I think"),
        ("Mark Velasquez", "No. We need a better plan for the harbor towns"),
        ("Mark Velasquez", "Then we will see in the vote next week"),
    ]


def test_a_label_that_fits_two_people_stays_as_written(nlp):
    doc = nlp("Ana Okafor and Tom Okafor spoke.\n\nOKAFOR: We will appeal the ruling today.")
    head = next(t for t in doc if t.text == "OKAFOR")
    people = PersonIndex(((0, "Ana Okafor", ""), (15, "Tom Okafor", "")))
    assert describe(head, people, None).name == "OKAFOR"


def test_an_organization_speaks_by_its_whole_name(nlp):
    # "Justice" is a title word; before, the speaker was "Department". The article is lower
    # case wherever the mention stands, so the sentence's first word makes no second speaker.
    doc = nlp("The Justice Department told reporters that it would appeal.")
    head = next(t for t in doc if t.text == "Department")
    assert describe(head, PersonIndex.of(doc), None).name == "the Justice Department"


def test_a_title_with_the_person_beside_it_is_that_person(nlp):
    from spacy.tokens import Doc

    # As the model parses some leads: "General" the subject, the person its apposition.
    doc = Doc(
        nlp.vocab,
        words=["Attorney", "General", "Dora", "Vellani", "told", "reporters", "."],
        heads=[1, 4, 3, 1, 4, 4, 4],
        deps=["compound", "nsubj", "compound", "appos", "ROOT", "dobj", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"],
        ents=["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
    )
    speaker = describe(doc[1], PersonIndex.of(doc), None)
    assert (speaker.name, speaker.role) == ("Dora Vellani", "Attorney General")


def test_the_governor_is_the_person_titled_gov_not_the_last_speaker(parse):
    # Before: "the governor" went to the last person quoted, a deputy director, as did "She".
    text = (
        "Deputy Director Oren Falk announced the cuts on Monday.\n\n"
        "“Nobody will be spared,” Falk said.\n\n"
        "Gov. Mira Telford answered within hours. “The cuts are illegal,” the governor said. "
        "She said the state would sue."
    )
    (article,) = parse(make_article(text))
    assert [(q.speaker, q.text) for q in extract_quotes(article)][1:] == [
        ("Oren Falk", "Nobody will be spared"),
        ("Mira Telford", "The cuts are illegal"),
        ("Mira Telford", "the state would sue"),
    ]


def test_a_title_no_one_holds_is_not_a_recent_speaker_with_another_title(nlp):
    doc = nlp("Deputy Director Oren Falk spoke first. Later the governor said no.")
    head = next(t for t in doc if t.text == "governor")
    people = PersonIndex(((0, "Oren Falk", "Deputy Director"),))
    # unresolved, the speaker is the description itself, as "an official" is
    assert (describe(head, people, "Oren Falk").name, describe(head, people, "Oren Falk").role) == (
        "the governor",
        None,
    )
    untitled = PersonIndex(((0, "Oren Falk", ""),))
    assert describe(head, untitled, "Oren Falk").name == "Oren Falk"


DATELINE = (
    "BRENTFORD, Ostland (OWS) — Ostland Treasurer Nadia Pell told bankers on Friday that "
    "they would face audits if they hid losses.\n\n"
    "“No bank is above the rules,” Pell said.\n\n"
    "“This is a trap,” said Rita Moss, a Brentford banker who said her branch had lost "
    "clients.\n\n"
    "Tessa Marlow of the Brentford Savers Union said the audits were overdue."
)


def test_dateline_apposition_and_org_tagged_names_are_not_speakers(parse):
    # Before: "Ostland" (the dateline's state, tagged a person) spoke the first line; the
    # treasurer was "Pell" with the role "Ostland Treasurer Nadia"; "a Brentford banker"
    # (in apposition to Rita Moss) spoke the last; "Tessa Marlow of" (tagged ORG) spoke.
    (article,) = parse(make_article(DATELINE))
    assert [(q.speaker, q.role) for q in extract_quotes(article)] == [
        ("Nadia Pell", "Ostland Treasurer"),
        ("Nadia Pell", "Ostland Treasurer"),
        ("Rita Moss", "a Brentford banker"),
        ("Rita Moss", "a Brentford banker"),
        ("Tessa Marlow", None),
    ]
    people = [name for _, name, _ in PersonIndex.of(article.doc).people]
    assert "Ostland" not in people


def test_people_named_together_speak_together(parse):
    # Before: the first parse's speaker was "Sens" (the title, parsed a subject of its own),
    # the second's "Nadia Pell" alone for a letter both senators signed.
    text = (
        "Sens. Ada Brill and Tomas Quillan suggested in a letter that the plan was “a gift to "
        "the ferry lobby.”\n\n"
        "Ostland Sens. Nadia Pell and Rita Moss blasted the idea and suggested in a letter that "
        "the board was “acting in bad faith.”"
    )
    (article,) = parse(make_article(text))
    assert [q.speaker for q in extract_quotes(article)] == [
        "Ada Brill and Tomas Quillan",
        "Nadia Pell and Rita Moss",
        "Nadia Pell and Rita Moss",
    ]


def test_a_persons_affiliation_does_not_speak_for_them(parse):
    # The parser hangs "who called" on the Guild; before, the Guild was the speaker.
    text = (
        "Reporters spoke to Bruno Sterk of the Ostland Bankers Guild, who called the plan "
        "“a trap for small lenders.”"
    )
    (article,) = parse(make_article(text))
    quotes = [(q.speaker, q.text) for q in extract_quotes(article) if q.kind == "partial"]
    assert quotes == [("Bruno Sterk", "a trap for small lenders.")]


def test_an_unnamed_speaker_is_described_with_whom_they_speak_for(parse):
    # Before: "A spokeswoman" alone. The text does not name her; she is not guessed to be
    # anyone, and the possessive is read as "she" would be.
    text = (
        "Attorney General Ana Roe said her office had received 300 complaints. “We will act,” "
        "Roe said.\n\nA spokeswoman for her office later said staff were reviewing “a few "
        "dozen” cases.\n\n“We are reviewing it,” said a spokesman for the Tarsin Department of "
        "Housing."
    )
    (article,) = parse(make_article(text))
    unnamed = {(q.speaker, q.speaker_text) for q in extract_quotes(article) if q.start > 120}
    assert unnamed == {
        ("a spokeswoman for Ana Roe’s office", "A spokeswoman"),
        ("a spokesman for the Tarsin Department of Housing", "a spokesman"),
    }


def test_an_unnamed_speakers_possessive_with_no_one_named_stays_as_written(parse):
    (article,) = parse(make_article("A spokeswoman for his office said “no one was hurt.”"))
    assert {q.speaker for q in extract_quotes(article)} == {"a spokeswoman for his office"}


def _quotes_in(parse, text: str) -> tuple:  # noqa: ANN001 - the parse fixture
    (article,) = parse(make_article(text))
    return extract_quotes(article)


def _fields(quotes, *names: str, kind: str | None = None, cue: str | None = None) -> list[tuple]:  # noqa: ANN001
    """The named fields of the quotes of ``kind`` (or with ``cue``), in text order."""
    chosen = [q for q in quotes if kind in (None, q.kind) and cue in (None, q.cue)]
    return [tuple(getattr(q, n) for n in names) for q in chosen]


def test_a_persons_spokesman_speaks_for_them_and_is_not_them(parse):
    # Before, the person named as the owner ("Ekholm's spokesman") took the quote: words
    # an aide said were put in the deputy mayor's mouth.
    text = (
        "Deputy mayor Tomas Ekholm opposed the ferry fees.\n\n"
        "“It is simple arithmetic,” Ekholm's spokesman said.\n\n"
        "“The boats cost money,” said Ekholm's spokesman, Paul Reyes.\n\n"
        "“We will keep asking,” Ekholm's wife Ana Ekholm said.\n\n"
        "Ekholm's demand that the board resign drew jeers."
    )
    quotes = _quotes_in(parse, text)
    assert _fields(quotes, "speaker", "role", "text", kind="direct") == [
        ("Ekholm's spokesman", None, "It is simple arithmetic"),
        ("Paul Reyes", "Ekholm's spokesman", "The boats cost money"),
        ("Ana Ekholm", "Ekholm's wife", "We will keep asking"),
    ]
    # the owner of a cue noun still speaks: the demand is Ekholm's
    (demand,) = [q for q in quotes if q.cue == "demand"]
    assert (demand.speaker, demand.speaker_text) == ("Tomas Ekholm", "Ekholm")


def test_a_possessive_in_how_a_person_is_introduced_says_nothing_of_their_gender(parse):
    # "Her rival, Victor Hale" names only Hale, and "her" counted as his gender: "he said"
    # then went to the governor quoted before. The rival is also named without his title.
    text = (
        "Governor Lena Marsh signed the bill on Friday. Her rival, state Sen. Victor Hale, "
        "opposed it.\n\n“This bill protects renters,” the governor said.\n\n"
        "Hale told the Tarsin Courier that he would challenge it in court. "
        "“We will see her in court,” he said."
    )
    quotes = _quotes_in(parse, text)
    assert _fields(quotes, "speaker", "text", kind="direct") == [
        ("Lena Marsh", "This bill protects renters"), ("Victor Hale", "We will see her in court"),
    ]
    assert {q.speaker for q in quotes} == {"Lena Marsh", "Victor Hale"}


def test_a_role_set_before_a_name_keeps_whom_it_serves(parse):
    text = (
        "Governor Lena Marsh signed the bill on Friday.\n\n"
        "Marsh's chief of staff, Omar Diaz, said the governor would not back down.\n\n"
        "“Not one cent,” said a spokesman for the port, Ali Rahimi."
    )
    assert _fields(_quotes_in(parse, text), "speaker", "role", cue="said") == [
        ("Omar Diaz", "Marsh's chief of staff"), ("Ali Rahimi", "a spokesman for the port"),
    ]


def test_once_she_is_one_person_he_is_another(parse):
    # Neither name tells a gender; before, "he replied" went to the fire chief quoted just
    # before as "she".
    text = (
        "Fire chief Dana Okoro and Mayor Paul Brandt clashed on Monday over the closures.\n\n"
        "“The plan is dead on arrival,” she said.\n\n"
        "“It is the only plan we have,” he replied."
    )
    assert _fields(_quotes_in(parse, text), "speaker", "speaker_text", kind="direct") == [
        ("Dana Okoro", "she"), ("Paul Brandt", "he"),
    ]


def test_a_surname_the_tagger_reads_as_a_common_noun_is_still_the_person(parse):
    # The small model tags "Ruiz" here a NOUN; before, the speaker stayed the bare "Ruiz".
    text = "Senator Amy Ruiz said the order would cost jobs.\n\nRuiz later told reporters: “This is reckless.”"
    assert _fields(_quotes_in(parse, text), "speaker", "speaker_text", "role", kind="direct") == [
        ("Amy Ruiz", "Ruiz", "Senator"),
    ]


def test_a_pronoun_after_a_person_named_by_title_alone_is_that_person(parse):
    # Before, "she" went to the last person named ("Emil Weil", whom "his brother" makes a
    # man): the mayor is not named until later, so the speaker stays unknown.
    text = (
        "Jonas Weil said the fees were unfair. “I have paid every year,” he said.\n\n"
        "Weil and his brother, Emil Weil, said they would sue.\n\n"
        "The mayor was blunt. “We lost,” she said.\n\n"
        "Mayor Ines Falk had warned of the ruling."
    )
    direct = _fields(_quotes_in(parse, text), "speaker", "speaker_text", kind="direct")
    assert direct == [("Jonas Weil", "he"), (None, "she")]
    # Named before, the title is that person.
    named = "Mayor Ines Falk had warned of the ruling.\n\nThe mayor was blunt. “We lost,” she said."
    assert _fields(_quotes_in(parse, named), "speaker", "speaker_text", kind="direct") == [("Ines Falk", "she")]


def test_a_noun_set_beside_a_name_tells_the_persons_gender(parse):
    text = "Jonas Weil and his brother, Emil Weil, sued the city. Helen Carter, his daughter, did not."
    (article,) = parse(make_article(text))
    genders = dict(PersonIndex.of(article.doc).genders)
    assert (genders.get("Emil Weil"), genders.get("Helen Carter")) == ("male", "female")


def test_a_person_and_a_relative_named_beside_a_noun_speak_together(parse):
    # Before: Jonas Weil alone. Two people quoted together then stand for no later "she"
    # (she was the last quoted, as "Jonas Weil and Emil Weil", before).
    text = (
        "Jonas Weil said the fees were unfair. “I have paid every year,” he said.\n\n"
        "Weil and his brother, Emil Weil, said in a joint statement that they would sue.\n\n"
        "The mayor was blunt. “We lost,” she said."
    )
    assert _fields(_quotes_in(parse, text), "kind", "speaker", cue="said") == [
        ("indirect", "Jonas Weil"), ("direct", "Jonas Weil"), ("indirect", "Jonas Weil and Emil Weil"), ("direct", None),
    ]


def test_an_inverted_cue_after_a_quotation_closed_by_a_full_stop_names_its_speaker(parse):
    # '"...." added Okafor': the parser reads "added" as a modifier of the name and gives it
    # a word of the quotation ("Plan", "Budget") as subject; the speaker was unknown.
    text = (
        "Nadia Okafor wrote to the council on Friday.\n\n"
        '"Think about the riders. Plan like the storm is coming." added Okafor, who works for Rep. Ivo Marsh.\n\n'
        '"Rise to the moment. Budget like the crews matter." added Okafor, who works for Rep. Ivo Marsh.'
    )
    assert _fields(_quotes_in(parse, text), "speaker", "cue", kind="direct") == [("Nadia Okafor", "added")] * 2


def quotes_in(parse, text: str) -> list:
    (article,) = parse(make_article(text))
    return extract_quotes(article)


def direct_speakers(parse, text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "direct"]


def test_a_party_description_is_the_politician_just_quoted(parse):
    # Before: the speakers were "the Oregon Democrat" and "the Kansas Republican".
    text = (
        "Sen. Maria Alvarez said the ferry bill was late.\n\n"
        "“They will come around in time,” the Oregon Democrat said.\n\n"
        "Rep. Dale Ruckert said the toll plan was weak.\n\n"
        "“That is not a place to start,” the Kansas Republican said."
    )
    assert direct_speakers(parse, text) == [
        ("Maria Alvarez", "They will come around in time"),
        ("Dale Ruckert", "That is not a place to start"),
    ]


def test_a_party_description_reads_the_party_an_apposition_gives(parse):
    # "the Idaho Republican" is the man introduced so, not the senator quoted last; and
    # the recent speaker introduced as "D-Texas" is no "Texas Republican"
    introduced = (
        "Rep. Lee Park, Idaho Republican, met the governor on Tuesday.\n\n"
        "Sen. Ann Lowe said no new tolls would pass.\n\n"
        "“That is not a place to start,” the Idaho Republican said."
    )
    assert direct_speakers(parse, introduced) == [("Lee Park", "That is not a place to start")]
    other_party = (
        "Sen. Ann Lowe, D-Texas, said no new tolls would pass.\n\n"
        "“That is not a place to start,” the Texas Republican said."
    )
    assert direct_speakers(parse, other_party) == [
        ("the Texas Republican", "That is not a place to start")
    ]


def test_a_title_the_model_tags_a_proper_noun_is_still_a_title(parse):
    # The model tags "president" in "the president said" a proper noun; before the fix the
    # speaker stayed "the president" although the article named President Ada Brill.
    text = (
        "President Ada Brill spoke at the harbor on Friday.\n\n"
        "Brill says the council is holding the ferry money “hostage.”\n\n"
        "“That does not make sense,” the president said, urging residents to call the council."
    )
    assert direct_speakers(parse, text)[-1] == ("Ada Brill", "That does not make sense")


def test_a_speakers_mention_keeps_hyphenated_words_whole(parse):
    # Before: "e-mail" cut into "e" or "mail", and "Jean - Marc Roe" spaced out.
    text = (
        "The harbor group sent an e-mail to its members on Monday.\n\n"
        "“We will not back this deal at all,” the e-mail stated.\n\n"
        "Jean-Marc Roe said the ferry plan was good."
    )
    found = [(q.speaker_text, q.speaker) for q in quotes_in(parse, text)]
    assert ("the e-mail", "the e-mail") in found
    assert ("Jean-Marc Roe", "Jean-Marc Roe") in found


def test_an_article_the_parser_hangs_on_a_plural_speaker_is_left_out(parse):
    # Before: "an offer GOP leaders" and "a only a few GOP senators".
    text = (
        "Aides floated a toll plan on Monday, an offer GOP leaders quickly rejected, saying "
        "the council must “get real” about costs.\n\n"
        "Tom Ivers was one of a only a few GOP senators who said he would back the plan."
    )
    speakers = {q.speaker for q in quotes_in(parse, text)}
    assert {"GOP leaders", "only a few GOP senators"} <= speakers
    assert not any(s and s.startswith(("a ", "an ")) for s in speakers)


def test_a_member_title_is_the_recent_speaker_unless_they_sit_in_the_other_chamber(parse):
    # Before: "the Ohio congressman" stayed unresolved after House Speaker Tom Brandt was
    # quoted (his role has no "congressman"); a senator quoted last is no congressman.
    speaker = (
        "“I did my part,” House Speaker Tom Brandt said on Friday.\n\n"
        "“They have done nothing,” the Ohio congressman said."
    )
    assert direct_speakers(parse, speaker)[-1] == ("Tom Brandt", "They have done nothing")
    senator = (
        "Sen. Ann Lowe said no new tolls would pass.\n\n"
        "“That is not a place to start,” the Idaho congressman said."
    )
    assert direct_speakers(parse, senator) == [
        ("the Idaho congressman", "That is not a place to start")
    ]


def test_a_pull_quotes_signature_dash_is_no_part_of_the_name():
    # The model tagged "— Raj Shah" of a pull quote's sign-off a person, dash included, and
    # the article's later "Shah" took that longest name ("— Raj Shah") as the speaker.
    from manysides.speakers import _clean_name

    assert _clean_name("— Ravi Tan") == "Ravi Tan"
    assert _clean_name("– Ravi Tan,") == "Ravi Tan"
    assert _clean_name("Jean-Marc Roe") == "Jean-Marc Roe"


def test_a_title_in_a_summary_above_the_story_is_the_one_person_it_then_names_so(parse):
    # Before: the speakers were "The House Speaker" and "the Ohio Democrat".
    text = (
        "The House Speaker says the plan failed because it lacked “enough votes”\n\n"
        "The Ohio Democrat calls the delay “a gift to lobbyists”\n\n"
        "House Speaker Tom Brandt said on Thursday that the vote would wait. Rep. Ida Marsh, an "
        "Ohio Democrat, said the bill was ready. Senator Ann Lowe agreed with her."
    )
    assert [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "partial"] == [
        ("Tom Brandt", "enough votes"),
        ("Ida Marsh", "a gift to lobbyists"),
    ]


def test_a_title_above_the_story_that_several_people_hold_stays_a_description(parse):
    text = (
        "The senator says the plan lacked “enough votes”\n\n"
        "Sen. Tom Brandt and Sen. Ann Lowe spoke on Thursday."
    )
    assert [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "partial"] == [
        ("the senator", "enough votes"),
    ]


def test_a_title_written_without_its_dot_is_no_part_of_the_name(parse):
    # Before: the speakers were "Sen Jeff Markle" and "Gov Ana Ruiz".
    text = (
        "Sen Jeff Markle of Oregon said the process was “jammed through”.\n\n"
        "“It is a farce,” said Gov Ana Ruiz."
    )
    assert [(q.speaker, q.kind) for q in quotes_in(parse, text)] == [
        ("Jeff Markle", "indirect"),
        ("Jeff Markle", "partial"),
        ("Ana Ruiz", "direct"),
    ]


def test_marks_with_no_letter_are_no_speaker(parse):
    # Before: "███" (a redacted outlet name) was the speaker and a heading of its own.
    assert [(q.speaker, q.text) for q in quotes_in(parse, "███ says, “It is a farce.”")] == [
        (None, "It is a farce."),
    ]


def test_a_writing_a_named_person_owns_is_spoken_by_that_person(parse):
    # Before: "Rick Blum’s statement" and "Blum's letter" were speakers of their own.
    text = (
        "Sen. Rick Blum spoke on Monday. “The chairman has rejected her requests,” his "
        "statement said. “It is late,” Blum's letter said. “We object,” the committee's "
        "statement said."
    )
    assert [q.speaker for q in quotes_in(parse, text)] == [
        "Rick Blum",
        "Rick Blum",
        "the committee's statement",
    ]


def test_a_writing_with_no_owner_is_spoken_by_whoever_issued_it(parse):
    # Before: "the e-mail" and "a statement" were speakers of their own. The letter
    # released by one side but written by others ("from 40 neighbors") stays the letter's,
    # and a statement both sides issued stays the statement's.
    text = (
        "Harbor Action for Oregon, an advocacy group, sent an e-mail to supporters on "
        "Monday.\n\n“The leaders have dropped their pledge,” the e-mail stated.\n\n"
        "The Lumber Guild released a statement late Monday that said, “The mill plan is "
        "too costly.”\n\n"
        "Republicans on the panel released a letter of support from 40 neighbors of the "
        "judge. “He has always been kind to us,” the letter said.\n\n"
        "Each side released an identical statement. “We met today,” the statement said."
    )
    direct = [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "direct"]
    assert direct == [
        ("Harbor Action for Oregon", "The leaders have dropped their pledge"),
        ("the Lumber Guild", "The mill plan is too costly."),
        ("the letter", "He has always been kind to us"),
        ("the statement", "We met today"),
    ]
    reported = [q for q in quotes_in(parse, text) if q.cue == "said" and q.kind == "indirect"]
    assert [(q.speaker, q.text) for q in reported] == [
        ("the Lumber Guild", "The mill plan is too costly"),
    ]


def test_an_organization_named_with_a_preposition_keeps_its_whole_name(parse):
    # Before: "Americans" (the model tags it a nationality, the rest an organization).
    # A person's "of Ohio" is no part of the name.
    # Nor is a union a person is "of", the person's name tagged an organization.
    text = (
        "Americans for Fair Budgets, a grassroots group, said, “This deal leaves taxpayers "
        "stranded.”\n\n“We will not stop,” said Bo Lind of Ohio.\n\n"
        "The warning came none too soon. Inés Calloway of the Harbor Tenants Union said crews "
        "hired by a fund tried to clear the mill."
    )
    assert [(q.speaker, q.text) for q in quotes_in(parse, text)] == [
        ("Americans for Fair Budgets", "This deal leaves taxpayers stranded."),
        ("Bo Lind", "We will not stop"),
        ("Inés Calloway", "crews hired by a fund tried to clear the mill"),
    ]


ACCOUNT = (
    "Ann Roe said she met Brett Lowe at a party in 1990. "
    "Lowe grabbed her arm and pushed her into a room, she said. "
    "When she tried to shout, she said, he covered her mouth."
)


def test_what_she_tells_of_a_man_gives_him_no_gender_and_her_account_stays_hers(parse):
    # "her" in what "she" tells of Lowe may be her own: before, the sentence naming only
    # Lowe made him "female", and each "she said" then went to him.
    (article,) = parse(make_article(ACCOUNT))
    assert PersonIndex.of(article.doc).genders == ()
    assert [(q.speaker, q.text) for q in extract_quotes(article)] == [
        ("Ann Roe", "she met Brett Lowe at a party in 1990"),
        ("Ann Roe", "Lowe grabbed her arm and pushed her into a room"),
        ("Ann Roe", "he covered her mouth"),
    ]


def test_the_object_of_a_persons_verb_is_someone_else(parse):
    # "Lowe pushed her": of Lowe it would be "herself", so "her" tells nothing of Lowe.
    (article,) = parse(
        make_article("Ann Roe met Brett Lowe in 1990. That night Lowe pushed her into a closet.")
    )
    assert PersonIndex.of(article.doc).genders == ()


SUMMARY_ABOVE = (
    "The Democrat says the pier must reopen. The governor says the state will pay for it.\n\n"
    "Bo Lind, a Democrat on the harbor board, spoke on Monday. "
    "Gov. Ana Roe announced the funding on Tuesday."
)


def test_a_title_above_the_story_is_not_the_speaker_quoted_just_before_it(parse):
    # Lind, "the Democrat", is named only below: "the governor" next to him is the one
    # governor the story names, as a party description already was (before: Lind).
    (article,) = parse(make_article(SUMMARY_ABOVE))
    assert [(q.speaker, q.text) for q in extract_quotes(article)][:2] == [
        ("Bo Lind", "the pier must reopen"),
        ("Ana Roe", "the state will pay for it"),
    ]


FAMILY = (
    "Governor Voss signs the ferry bill.\n\n"
    "Gov. Voss signed the ferry bill on Friday. "
    "First lady Helen Voss joined him at the pier. "
    "“This is a good day for the island,” Mrs. Voss said. "
    "“The boats will run all winter,” Voss said. "
    "Mr. Voss later thanked the harbor board.\n\n"
    "At a second event, Senator Bo Lind and his wife, Carla Lind, cut a ribbon. "
    "“We waited ten years,” Lind said. "
    "“It was worth it,” Mrs. Lind said."
)


def test_a_bare_surname_is_not_the_relative_who_shares_it(parse):
    # Before, every bare "Voss" and "Lind" took the longest full name of the surname: the
    # governor's words went to the first lady, and the senator's to his wife.
    (article,) = parse(make_article(FAMILY))
    assert _fields(extract_quotes(article), "speaker", "text", kind="direct") == [
        ("Helen Voss", "This is a good day for the island"),
        ("Voss", "The boats will run all winter"),
        ("Bo Lind", "We waited ten years"),
        ("Carla Lind", "It was worth it"),
    ]
    genders = dict(PersonIndex.of(article.doc).genders)
    assert genders.get("Helen Voss") == genders.get("Carla Lind") == "female"
    assert genders.get("Bo Lind") != "female"


def test_a_description_opening_a_sentence_is_no_one_a_pronoun_continues(parse):
    # Before, "Your letters" (capitalized as it opens the sentence) became the recent
    # speaker, and the "he" who wrote the next quotation was the letters.
    text = (
        "Bo Lind spoke at the pier on Monday. “We will rebuild the dock,” Lind said.\n\n"
        "Your letters clearly reveal how little the board cares about the island. "
        "“I read every one of them,” he wrote.\n"
    )
    assert _fields(_quotes_in(parse, text), "speaker", "text") == [
        ("Bo Lind", "We will rebuild the dock"),
        ("Your letters", "how little the board cares about the island"),
        ("Bo Lind", "I read every one of them"),
    ]


def test_the_group_or_the_union_is_the_organization_just_named(parse):
    # Before, each stayed a description ("the group"): a reader could not tell whose
    # statement it was, and outlets naming the group did not meet in one heading.
    text = (
        "The ruling drew criticism from the conservative Judicial Crisis Network. "
        "“The judge is admired in his church and in his community,” the conservative group "
        "said.\n\n"
        "The Harbor Riders Union met on Monday. “Fares must fall,” the union said.\n\n"
        "“We trust the Calder Supreme Court will reverse it,” said Ann Roe. "
        "“The appeals court did not rule on fares,” the court said.\n\n"
        "The Calder Supreme Court heard the case in May. “We will not rule on the ferry "
        "fares,” the appeals court said.\n"
    )
    # the one court named sits inside a quotation: "the court" stays unresolved; "the
    # appeals court" is not the supreme court named before it
    assert _fields(_quotes_in(parse, text), "speaker", kind="direct") == [
        ("Judicial Crisis Network",),
        ("Harbor Riders Union",),
        ("Ann Roe",),
        ("the court",),
        ("the appeals court",),
    ]


def test_a_former_first_lady_keeps_her_surname_and_a_lone_organization_tag_still_tells(parse):
    # A "former first lady" is a public figure of her own: the bare "Voss" is hers, not her
    # husband's (before, as the longest name of it, or as both were read as relatives).
    (voss,) = parse(make_article(
        "Voters weigh another Voss run.\n\nA poll showed Helen Voss, the former first lady "
        "and senator, well ahead. Her husband, Thomas Voss, served two terms. “I am ready,” "
        "Voss said.\n"
    ))
    assert _fields(extract_quotes(voss), "speaker", kind="direct") == [("Helen Voss",)]
    # The model tags the lone surname "Sterling" an organization; his "his" is his own, not
    # a clue that Ann Roe, the one person named in the sentence, is a man.
    (roe,) = parse(make_article(
        "Ann Roe spoke first. On Air Force One, Sterling told reporters his speech in Ohio "
        "last week, in which he was seen to mock Ann Roe, had worked.\n"
    ))
    assert PersonIndex.of(roe.doc).genders == ()


def test_a_generational_suffix_keeps_its_dot_and_names_the_son_not_the_father(parse):
    text = (
        "Pastor Elias Crane Jr. said the chapel would reopen in May. “It is our home,” "
        "Crane Jr. told the congregation. Elias Jr. said he agreed. "
        "Mr. Crane said he had not been told.\n"
    )
    (article,) = parse(make_article(text))
    assert [q.speaker for q in extract_quotes(article)] == [
        "Elias Crane Jr.",
        "Elias Crane Jr.",
        "Elias Crane Jr.",
        "Crane",
    ]


def test_a_name_tagged_an_organization_is_a_person_when_set_beside_an_aides_role(parse):
    # The model tags "Corbin Ventrell" an organization; "a communications aide" said no
    # role before, so he was no person and "Ventrell denied" stayed a bare surname.
    text = (
        "The paper reported that Corbin Ventrell, a communications aide on the Port "
        "Oversight Committee who had been helping lead the response, was stepping down.\n\n"
        "Ventrell denied any past “allegations of misconduct,” according to the paper."
    )
    quotes = quotes_in(parse, text)
    assert [(q.speaker, q.text) for q in quotes if q.kind == "partial"] == [
        ("Corbin Ventrell", "allegations of misconduct"),
    ]


def test_a_title_inside_a_run_the_model_tagged_an_organization_splits_name_from_role(parse):
    # The model tags "Freshman" a place and the rest of the run an organization: before,
    # the whole run was the speaker's name.
    text = "Freshman Ohio Republican Rep Corbin Ventrell said he wants a deal that cuts the debt."
    assert [(q.speaker, q.role, q.text) for q in quotes_in(parse, text)] == [
        ("Corbin Ventrell", "Representative", "he wants a deal that cuts the debt"),
    ]


def test_groups_named_together_speak_together(parse):
    # Before: "Both Republicans" (the first group, with the "both" of "both ... and").
    text = (
        "Both Republicans and Democrats insist they want a deal on the harbor debt. "
        "Senate Republicans and House Democrats said the ferry bill was dead."
    )
    assert [(q.speaker, q.text) for q in quotes_in(parse, text)] == [
        ("Republicans and Democrats", "they want a deal on the harbor debt"),
        ("Senate Republicans and House Democrats", "the ferry bill was dead"),
    ]


def test_a_titled_owner_of_a_speakers_noun_is_the_person_the_title_refers_to(parse):
    # Before: "the Oregon Republican’s campaign". An owner no one fits stays as written.
    text = (
        "Rep. Dana Kessler, an Oregon Republican, spoke on Thursday. On Friday, the Oregon "
        "Republican’s campaign released a statement: “The Senate must seek the truth,” it "
        "read. “We will wait,” the governor's office said."
    )
    direct = [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "direct"]
    assert direct == [
        ("Dana Kessler’s campaign", "The Senate must seek the truth"),
        ("the governor's office", "We will wait"),
    ]


def test_he_or_she_does_not_continue_a_group_quoted_last(parse):
    # Before: the group's "perception" (a reported cue) made "Republicans" the speaker
    # quoted last, and the "she" of the next quotation went to them.
    text = (
        "Oregon Sen. Dana Kessler, who is not on the panel, said Tuesday that she would talk "
        "to party leaders about the plan.\n\nRepublicans can not afford any perception that "
        "they are bullying the witness, given the deep hole the party is in with female "
        "voters.\n\n“It is not unheard of to have counsel ask the questions,” she said."
    )
    direct = [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "direct"]
    assert direct == [("Dana Kessler", "It is not unheard of to have counsel ask the questions")]
    # One member of a party is no group: "she" still goes on from "the top Democrat".
    text = (
        "Sen. Omar Reyes said the vote should wait. The top Democrat on the panel, Sen. Dana "
        "Kessler of Oregon, said that unless there was a review, the hearing should not go "
        "ahead.\n\n“The important thing is to get this reviewed,” she said."
    )
    direct = [(q.speaker, q.text) for q in quotes_in(parse, text) if q.kind == "direct"]
    assert direct == [("Dana Kessler", "The important thing is to get this reviewed")]


def test_in_the_words_of_someone_the_quotation_is_theirs(parse):
    # Before: the quotation went to the sentence's subject ("Backers").
    text = (
        "Backers praised the plan as bold, fair and, in the words of Sen. Ana Roe, “nothing "
        "short of heroic.”"
    )
    direct = [(q.speaker, q.cue, q.text) for q in quotes_in(parse, text) if q.kind != "indirect"]
    assert direct == [("Ana Roe", "in the words of", "nothing short of heroic.")]


def test_a_name_with_a_figure_in_it_is_no_person(parse):
    # Before: the model's "COVID-19" person was the last man named, whom "He" could mean.
    (parsed,) = parse(
        make_article(
            "Lind told Politico he wants far more spending to deal with COVID-19. He says one "
            "of the ways out of this crisis is through a bridge program."
        )
    )
    assert PersonIndex.of(parsed.doc).people == ()
