"""Name resolution: surnames to full names across a story. Mentions and names are invented."""

from __future__ import annotations

from manysides.mentions import ORGANIZATION, PERSON, Mention
from manysides.name_resolution import resolve_names


def _person(article: str, text: str, at: int, gender: str | None = None, honorific: str = ""):
    return Mention(article, text, PERSON, at, at + len(text), gender=gender, honorific=honorific)


def _names(*female_mentions_in_b: bool) -> list[str]:
    first = [_person("a", "Joseph Faulkland", 0, "male"), _person("a", "Faulkland", 40, "male")]
    second = [
        _person("b", "Faulkland", 100 * i, "female" if female else None)
        for i, female in enumerate(female_mentions_in_b)
    ]
    return [m.text for m in resolve_names([first, second]) if m.article_id == "b"]


def test_one_pronoun_does_not_keep_a_surname_from_its_full_name():
    # "Faulkland asked Ana Lind to come, to save her client": the small model reads "her" as
    # Faulkland's. Before, every "Faulkland" of that article stayed a bare surname (a second
    # entry for the same person in the entity list).
    assert _names(False, True, False) == ["Joseph Faulkland"] * 3


def test_two_pronouns_that_agree_still_say_the_gender():
    assert _names(True, True) == ["Faulkland", "Faulkland"]


def test_an_honorific_says_the_gender_alone():
    first = [_person("a", "Joseph Faulkland", 0, "male")]
    second = [_person("b", "Faulkland", 0, "female", "Ms."), _person("b", "Faulkland", 50)]
    assert [m.text for m in resolve_names([first, second]) if m.article_id == "b"] == [
        "Faulkland",
        "Faulkland",
    ]


def test_a_full_name_tagged_an_organization_still_names_the_person_in_its_article():
    # Article c writes "Dana Reyes Holt" once (the model tagged it an organization), then
    # "Holt"; the story also names her husband Lee Holt. Before, c's "Holt" had only the
    # story's two Holts to choose from and stayed a bare surname.
    a = [_person("a", "Dana Reyes Holt", 0, "female")]
    b = [_person("b", "Lee Holt", 0, "male")]
    c = [Mention("c", "Dana Reyes Holt", ORGANIZATION, 0, 15), _person("c", "Holt", 40)]
    assert [m.text for m in resolve_names([a, b, c]) if m.article_id == "c"] == [
        "Dana Reyes Holt",
        "Dana Reyes Holt",
    ]


def test_a_surname_read_with_he_is_the_articles_own_full_name_before_the_storys_man():
    # the story's other Faulkland is known to be a man, article b's is not; b's "Faulkland"
    # with a "he" after it is still the Faulkland b names. An honorific says more: "Mr.
    # Faulkland" there may be the story's known man (test_an_honorific_says_the_gender_alone).
    first = [_person("a", "Joseph Faulkland", 0, "male")]
    second = [
        _person("b", "Edwin Faulkland", 0),
        _person("b", "Faulkland", 50, "male"),
        _person("b", "Faulkland", 90, "male"),
    ]
    assert [m.text for m in resolve_names([first, second]) if m.article_id == "b"] == [
        "Edwin Faulkland"
    ] * 3
