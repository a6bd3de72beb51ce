"""Which person or organization a short name means: surnames to full names, acronyms to
organizations, across one story's mentions.

A one-word mention that is the surname of exactly one full name (in its article, else in the
story) becomes that person, whatever label the model gave it. When several full names share
the surname, the articles alone decide (no name lists): the mention's title ("President
Obama" is the Obama titled President), its gender (a "Mrs."/"Mr." honorific, or the he/she
continuing it) against the genders the text gives first names, and after an honorific the
most-mentioned candidate; a case it cannot decide stays a bare surname rather than a guess.
Also: an organization the model glued to a person the story names ("Homan and Department of
...") keeps the organization, and an all-capitals name takes the one organization whose
initials spell it ("ICE").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy
from spacy.strings import get_string_id

from .mentions import LAW, ORGANIZATION, OTHER, PERSON, PLACE, Mention
from .name_cues import (
    HONORIFIC_GENDER,
    honorific_key,
    is_title_word,
    organization_key,
    pronoun_gender,
    same_given_name,
)
from .nlp import ParsedArticle


def _honorific_gender(m: Mention) -> str | None:
    return HONORIFIC_GENDER.get(honorific_key(m.honorific))


def _words_among(doc: Any, words: frozenset[str]) -> list[Any]:
    """The tokens of ``doc`` whose lowercase form is in ``words``, found on the Doc's arrays
    (a Python loop over every token costs 0.05 CPU-s on a 25-article DUC 2006 cluster)."""
    if not words:
        return []
    lower = doc.to_array("LOWER")
    wanted = numpy.array([get_string_id(w) for w in words], dtype=lower.dtype)  # adds none
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(lower, wanted))]


def _first_name_genders(
    mentions: Sequence[Mention], parsed: Sequence[ParsedArticle]
) -> dict[str, str]:
    """First name (lowercased) → gender, where all the story's evidence agrees: the gender of
    its full-name mentions, and of the first name used alone ("Ana said ...", even where the
    model tagged no entity) when it is the first name of a full name and the surname of none."""
    full = [m for m in mentions if m.kind == PERSON and len(m.text.split()) >= 2]
    surnames = {m.text.split()[-1].lower() for m in full}
    firsts = frozenset(m.text.split()[0].lower() for m in full) - surnames
    seen: dict[str, set[str]] = defaultdict(set)
    for m in full:
        if m.gender:
            seen[m.text.split()[0].lower()].add(m.gender)
    for p in parsed:
        for token in _words_among(p.doc, firsts):
            if token.pos_ == "PROPN" and not token.ent_type_:
                gender = pronoun_gender(token.doc[token.i : token.i + 1], firsts)
                if gender:
                    seen[token.lower_].add(gender)
    for m in mentions:
        if m.kind != LAW and m.gender and m.text.lower() in firsts:  # "Malia" tagged GPE
            seen[m.text.lower()].add(m.gender)
    return {first: next(iter(g)) for first, g in seen.items() if len(g) == 1}


def _full_names(
    mentions: Iterable[Mention], people: frozenset[str] = frozenset()
) -> dict[str, set[str]]:
    """Surname (lowercased) → the multi-word person names ending in it, counting a name
    the model tagged otherwise here that is one of ``people`` (the story's full names of
    people): an article whose "Ana Lind Roe" was tagged an organization still names her."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        person = m.kind == PERSON or (m.kind != LAW and m.text in people)
        if person and len(m.text.split()) >= 2:
            by_surname[m.text.split()[-1].lower()].add(m.text)
    return by_surname


@dataclass(frozen=True)
class _People:
    """What resolving a surname needs to know about the story's full names."""

    story: dict[str, set[str]]  # surname → full names
    mentions: Counter[str]  # full name → mentions in the story
    genders: dict[str, str]  # first name → gender, where the articles make it unambiguous
    roles: dict[str, set[str]]  # full name → its roles, lowercased

    def gender(self, full_name: str) -> str | None:
        return self.genders.get(full_name.split()[0].lower())


def _role_words(roles: Iterable[str]) -> set[str]:
    """The office words of ``roles`` ("president" of "former President"; none of "a
    Republican and a foe of gambling")."""
    return {w for role in roles for w in role.lower().split() if is_title_word(w)}


# A role of at most this many words is a title; a longer one describes (as _surname_roles).
_TITLE_WORDS_AT_MOST = 3


def _titles_of(roles: Iterable[str]) -> set[str]:
    """The office words of the roles that are titles ("former Vice President"), not
    descriptions by apposition ("a nephew of the president")."""
    return _role_words(r for r in roles if len(r.split()) <= _TITLE_WORDS_AT_MOST)


def _surname_roles(mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """Surname (lowercased) → the words of the roles one article gives it ("President
    Clinton": {"president"})."""
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        # a title ("President", "acting director"), not a description by apposition
        titled = m.role and len(m.role.split()) <= _TITLE_WORDS_AT_MOST
        if titled and m.kind != LAW and len(m.text.split()) == 1:
            roles[m.text.lower()] |= _role_words([m.role or ""])
    return roles


def _without_other_offices(names: set[str], titled: set[str], people: _People) -> set[str]:
    """The full names an article's surname may be, less those whose roles share no word with
    the roles the article gives that surname: its "President Clinton" is not the story's
    "Governor George Clinton" (a name with no stated role stays a candidate)."""
    if not titled:
        return names
    return {
        n
        for n in names
        if not (offices := _role_words(people.roles.get(n, ()))) or offices & titled
    }


def _expand_surname(
    m: Mention, article: dict[str, set[str]], people: _People, titled: Iterable[str] = ()
) -> Mention:
    """A one-word mention that is the surname of exactly one full name (in its article, else
    in the story) becomes that person, whatever label the model gave it.

    A mention of known gender (its honorific, or what the pronouns after its article's
    mentions of the surname agree on) never takes a full name whose first name is known to be of
    the other gender, and takes one known to be of its gender before one of unknown gender:
    anywhere in the story after an honorific, but after pronouns only within the same pool
    (the article's own full name before the story's others). A title ("Vice President Ruiz")
    takes the full name whose title holds its office words ("former Vice President").
    After an honorific ("Mr. Ruiz", "Dr. Ruiz") the candidate mentioned most is taken when
    several share the surname, unless the honorific's gender is known and theirs is not: a
    guess between "Tomas Ruiz" and "Ana Ruiz" for "Mr. Ruiz" is left unmade."""
    if m.kind == LAW or len(m.text.split()) != 1 or m.text.isupper():
        return m  # an all-capitals word is an acronym ("EPA"), not the surname of "Max Epa"
    surname = m.text.lower()
    pools = [article.get(surname, set()), people.story.get(surname, set())]
    pools = [_without_other_offices(pool, set(titled), people) for pool in pools]
    if m.role:  # "President Ruiz" is the Ruiz whose full name carries that role
        offices = _role_words([m.role])  # ("Vice President" is the "former Vice President")
        pools = [
            {n for n in pool if offices and offices <= _titles_of(people.roles.get(n, ()))}
            for pool in pools
        ] + pools
    gender = m.gender
    if gender:
        known = [{n for n in pool if people.gender(n) == gender} for pool in pools]
        unknown = [{n for n in pool if people.gender(n) is None} for pool in pools]
        if m.honorific:  # "Mrs. Ashby": one known to be a woman anywhere in the story first
            pools = [*known, *unknown]
        else:
            # a gender read from pronouns is weaker than the article's own full name: "Biden
            # ... he" is the article's Joe Biden, not the story's other Biden known as a man
            pools = [narrowed for pair in zip(known, unknown, strict=True) for narrowed in pair]
    names = next((sorted(pool) for pool in pools if pool), [])
    chosen = names[0] if len(names) == 1 else None
    if m.honorific and len(names) > 1 and (not gender or people.gender(names[0]) == gender):
        chosen = _most_mentioned(names, people.mentions)
    if not chosen:
        return m
    return replace(m, text=chosen, kind=PERSON, surface=m.text)


def _given_names(by_surname: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Given name (lowercased) → the full names of people that open with it, from a
    ``_full_names`` map (an initial opens none: "J. Dennis Hastert")."""
    by_given: dict[str, set[str]] = defaultdict(set)
    for names in by_surname.values():
        for name in names:
            first = name.split()[0]
            if not first.endswith("."):
                by_given[first.lower()].add(name)
    return by_given


def _expand_given_name(
    m: Mention, article: dict[str, set[str]], story: dict[str, set[str]], people: _People
) -> Mention:
    """A person named by a given name alone ("Dzhokhar", as stories name the young or the
    familiar) is the one full name of its article, else of the story, that opens with it,
    when the name is no one's surname. Two people with that given name leave it as it is."""
    if m.kind != PERSON or len(m.text.split()) != 1 or m.text.isupper():
        return m
    word = m.text.lower()
    if word in people.story:
        return m  # a surname ("Ruiz"), _expand_surname's to decide
    names = article.get(word) or story.get(word) or set()
    if len(names) != 1:
        return m
    return replace(m, text=next(iter(names)), surface=m.text)


def _most_mentioned(names: Sequence[str], mentions: Counter[str]) -> str | None:
    """The name with strictly the most mentions; None on a tie."""
    ranked = sorted(names, key=lambda n: -mentions[n])
    if len(ranked) > 1 and mentions[ranked[0]] == mentions[ranked[1]]:
        return None
    return ranked[0]


def _one_person_per_surname(
    mentions: list[Mention], article: dict[str, set[str]], people: _People
) -> list[Mention]:
    """In one article, a surname left unresolved takes the person its other mentions there
    resolved to, when they all agree ("President Ruiz" resolved by role, then "Mr. Ruiz"),
    the mention's own gender does not contradict that person's, and the article names in
    full no other person of that surname who could be meant (a family story's "Cheney")."""
    resolved: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == PERSON and m.surface and len(m.text.split()) >= 2:
            resolved[m.surface.lower()].add(m.text)
    out = []
    for m in mentions:
        surname = m.text.lower()
        names = resolved.get(surname, set()) if len(m.text.split()) == 1 else set()
        name = next(iter(names)) if len(names) == 1 and m.kind != LAW else None
        rivals = [
            n
            for n in article.get(surname, set()) - {name}
            if m.gender is None or people.gender(n) in (None, m.gender)
        ]
        if name and not rivals and (m.gender is None or people.gender(name) in (None, m.gender)):
            m = replace(m, text=name, kind=PERSON, surface=m.text)
        out.append(m)
    return out


# Words by which an article that names "George Bush" and "George W. Bush" tells a father
# and son (or other kin) of one name apart.
_KIN = re.compile(
    r"\b(?:[Ff]ather|[Ss]ons?|[Dd]ad|[Ee]lder|[Yy]ounger|[Bb]rother|[JS]r\.?"
    r"|[Mm]other|[Dd]aughters?|[Ss]ister)\b"
)


# Kin words this many characters or fewer from a name tell of its family there ("his son
# George R. Amsel"); farther off they are another family's (a bombing story's "his older
# brother" beside a police chief named "Timothy Alben" and "Timothy P. Alben").
KIN_WINDOW = 100


def _kin_near(text: str, name: str) -> bool:
    """Whether a kin word stands within ``KIN_WINDOW`` characters of ``name`` in ``text``."""
    return any(
        _KIN.search(text, max(0, m.start() - KIN_WINDOW), m.end() + KIN_WINDOW)
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )


def _with_middle_names(
    per_article: Sequence[list[Mention]], texts: Mapping[str, str] | None = None
) -> list[list[Mention]]:
    """ "Michael Farris" is "Michael P. Farris" (or "J. Michael Farris") when the story writes
    his name only those two ways: one longer form with the same first name and surname, with
    middle names or a leading initial, and no article naming both as kin (an article that
    writes "George Bush" and "George W. Bush" and speaks of a father or son near the name
    means two people; one that also quotes "Brett Kavanaugh" beside "Brett M. Kavanaugh"
    does not).
    Without the articles' ``texts`` any article naming both keeps the forms apart."""
    names = {m.text for ms in per_article for m in ms if m.kind == PERSON}
    longer: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)  # "Blasey Ford": "Christine Blasey Ford"
    for name in names:
        words = name.split()
        if len(words) >= 3 and all(w[0].isupper() for w in words[1:-1]):
            longer[f"{words[0]} {words[-1]}"].add(name)
        if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[0]):  # "J. Dennis Hastert"
            longer[f"{words[1]} {words[-1]}"].add(name)
        elif len(words) == 3 and all(w[0].isupper() and w[-1] != "." for w in words):
            surnames[f"{words[1]} {words[-1]}"].add(name)
    articles = [
        ({m.text for m in ms}, texts.get(ms[0].article_id, "") if texts and ms else None)
        for ms in per_article
    ]

    def kin(text: str | None, short: str, forms: set[str]) -> bool:
        # kin words near both forms tell of one family ("George Amsel ... his son George R.
        # Amsel"); near one only, of someone else's ("his older brother" near "Dzhokhar Roe")
        return text is None or (
            _kin_near(text, short) and any(_kin_near(text, form) for form in forms)
        )

    # a two-word surname is one when an article of no kin writes it after the full name
    # ("Christine Blasey Ford ... Blasey Ford said"), as news refers to a person again
    for short, forms in surnames.items():
        plain = [
            t for t, text in articles if short in t and forms & t and not kin(text, short, forms)
        ]
        if texts is not None and short not in longer and plain:
            longer[short] = forms
    both = {
        s
        for t, text in articles
        for s, forms in longer.items()
        if s in t and forms & t and kin(text, s, forms)
    }
    full = {short: next(iter(forms)) for short, forms in longer.items() if len(forms) == 1}
    return [
        [
            replace(m, text=full[m.text], surface=m.surface or m.text)
            if m.kind == PERSON and m.text in full and m.text not in both
            else m
            for m in ms
        ]
        for ms in per_article
    ]


def _same_person_forms(a: str, b: str) -> bool:
    """ "Bill Roe" and "William J. Roe": one surname, different given names one may be
    written for the other (see name_cues.same_given_name), and middle names that agree where
    both have them. Names with one given name are _with_middle_names' to decide ("George
    Bush" and "George W. Bush" may be father and son)."""
    x, y = a.split(), b.split()
    middles = x[1:-1], y[1:-1]
    return (
        x[-1].lower() == y[-1].lower()
        and (a == b or x[0] != y[0])
        and same_given_name(x[0], y[0])
        and (middles[0] == middles[1] or not middles[0] or not middles[1])
    )


def _with_familiar_names(per_article: Sequence[list[Mention]]) -> list[list[Mention]]:
    """ "Steve Roe" and "Steven Roe" in one story are one person, named as the story names
    them most (the longer given name on a tie): names that all pairwise may be one person's
    (see _same_person_forms); "Pat Roe" stays apart when the story also names a Patrick Roe
    and a Patricia Roe."""
    counts = Counter(
        m.text for ms in per_article for m in ms if m.kind == PERSON and len(m.text.split()) >= 2
    )
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in sorted(counts):
        by_surname[name.split()[-1].lower()].append(name)
    rename: dict[str, str] = {}
    for names in by_surname.values():
        for name in names:
            forms = [n for n in names if _same_person_forms(name, n)]
            if len(forms) > 1 and all(_same_person_forms(a, b) for a in forms for b in forms):
                rename[name] = max(forms, key=lambda n: (counts[n], len(n.split()[0]), n))
    return [
        [
            replace(m, text=rename[m.text], surface=m.surface or m.text)
            if m.kind == PERSON and rename.get(m.text, m.text) != m.text
            else m
            for m in ms
        ]
        for ms in per_article
    ]


def _without_leading_person(m: Mention, people: _People) -> Mention:
    """ "Department of Homeland Security" from "Homan and Department of Homeland Security":
    the model ran a person the story names and an organization into one name."""
    if m.kind != ORGANIZATION or " and " not in m.text:
        return m
    person, organization = m.text.split(" and ", 1)
    named = person.lower() in people.story or person in people.mentions
    return replace(m, text=organization) if named and len(organization.split()) >= 2 else m


def _surname_genders(mentions: Sequence[Mention]) -> dict[str, str]:
    """Surname (lowercased) → gender, from one article's one-word mentions whose gender is
    known and agrees: news style names one person by one surname within an article. An
    honorific says it ("Mr. Ruiz"); a pronoun after the name must be said twice, since one
    may be another person's ("Ruiz asked Ana Lind to come, to save her client": "her" is
    Lind's, and one such slip kept every "Ruiz" of an article from the full name)."""
    seen: dict[str, set[str]] = defaultdict(set)
    said: Counter[str] = Counter()
    honored: set[str] = set()
    for m in mentions:
        if m.gender and m.kind != LAW and len(m.text.split()) == 1:
            surname = m.text.lower()
            seen[surname].add(m.gender)
            said[surname] += 1
            if _honorific_gender(m):
                honored.add(surname)
    return {
        surname: next(iter(g))
        for surname, g in seen.items()
        if len(g) == 1 and (surname in honored or said[surname] >= 2)
    }


def resolve_names(
    per_article: Sequence[list[Mention]], parsed: Sequence[ParsedArticle] = ()
) -> list[Mention]:
    """Surnames → full names, acronyms → organization names."""
    texts = {p.id: p.doc.text for p in parsed} if parsed else None
    per_article = _with_familiar_names(_with_middle_names(per_article, texts))
    everyone = [m for ms in per_article for m in ms]
    mentions_of = Counter(m.text for m in everyone if m.kind == PERSON and len(m.text.split()) >= 2)
    roles: dict[str, set[str]] = defaultdict(set)
    for m in everyone:
        if m.kind == PERSON and m.role and len(m.text.split()) >= 2:
            roles[m.text].add(m.role.lower())
    genders = _first_name_genders(everyone, parsed)
    people = _People(_full_names(everyone), mentions_of, genders, roles)
    named = frozenset(n for names in people.story.values() for n in names)
    story_given = _given_names(people.story)
    mentions: list[Mention] = []
    for ms in per_article:
        article, surname_genders = _full_names(ms, named), _surname_genders(ms)
        # One pronoun may mislead ("Ruiz urged that he ..."): a surname takes the gender its
        # article's mentions agree on, or its own honorific's.
        ms = [
            replace(m, gender=_honorific_gender(m) or surname_genders.get(m.text.lower()))
            if len(m.text.split()) == 1
            else m
            for m in ms
        ]
        titled = _surname_roles(ms)
        expanded = [_expand_surname(m, article, people, titled[m.text.lower()]) for m in ms]
        given = _given_names(article)
        expanded = [_expand_given_name(m, given, story_given, people) for m in expanded]
        mentions.extend(_one_person_per_surname(expanded, article, people))
    mentions = [_without_leading_person(m, people) for m in mentions]
    return _expand_acronyms(mentions)


def _expand_acronyms(mentions: list[Mention]) -> list[Mention]:
    """An all-capitals name takes the one organization of its article whose initials spell
    it, else the one of the story ("SJC" is the court its article names, though another
    article names a college with the same initials). A place's initials, dotted or not,
    take the place the same way ("U.S." and "US" are the United States a story names)."""
    out = []
    expand = {
        ORGANIZATION: _acronym_expander(mentions, ORGANIZATION),
        PLACE: _acronym_expander(mentions, PLACE),
    }
    for m in mentions:
        acronym = _undotted(m.text)
        if m.kind in (ORGANIZATION, OTHER, PLACE) and acronym.isupper():
            place = expand[PLACE](m.article_id, acronym) if m.kind == PLACE else None
            target = place or expand[ORGANIZATION](m.article_id, acronym)
            if target:
                kind = PLACE if place else ORGANIZATION
                m = replace(m, text=target, kind=kind, surface=m.text)
        out.append(m)
    return out


def _acronym_expander(mentions: Sequence[Mention], kind: str) -> Callable[[str, str], str | None]:
    """(article id, acronym) → the name of ``kind`` it stands for in that article, else in
    the story; None when there is none."""
    story = acronym_targets([m.text for m in mentions if m.kind == kind])
    by_article: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == kind:
            by_article[m.article_id].add(m.text)
    local = {aid: acronym_targets(names) for aid, names in by_article.items()}
    return lambda article_id, acronym: local.get(article_id, {}).get(acronym) or story.get(acronym)


def _undotted(name: str) -> str:
    """ "US" of "U.S.", "UN" of "U.N."; any other name as it is."""
    return name.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2,}", name) else name


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def acronym_targets(names: Iterable[str]) -> dict[str, str]:
    """Acronym → the one multi-word name whose capitalized initials spell it ("ICE"); names
    that are one organization's spellings count once ("Parti/Party Quebecois": "PQ").
    ``names`` may repeat a name once per mention: an organization written at least three
    times as often as any other the initials fit takes them over a one-off ("Parti
    Quebcois", a typo)."""
    candidates: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    spelled: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, times in Counter(names).items():
        if len(name.split()) >= 2:
            key = organization_key(name)
            candidates[_initials(name)][key] += times
            spelled[key].add(name)
    targets = {}
    for acronym, keys in candidates.items():
        ranked = keys.most_common(2)
        alone = len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]
        if alone and len(acronym) >= 2:
            targets[acronym] = min(spelled[ranked[0][0]])
    return targets
