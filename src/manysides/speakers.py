"""Who is speaking: the noun phrase that a cue verb names, and the person it refers to.

A speaker mention is the subject of a cue ("Okonjo said", "said Okonjo"), the object of
"according to", or a pronoun / title ("he", "the former congressman"). ``resolve`` turns it
into a canonical name: a person's longest full name in the article ("Rafael Okonjo" for
"Okonjo" or "Mr. Okonjo"), the antecedent of "he"/"she" (a small ordered choice among the
last person quoted and the people named since: subject position, then gender the text
states, then recency), or the person whose stated role a title repeats; a transcript's label in
capitals ("SEN. ROE:") is the one person the article writes out with that name, and an
organization the model tagged speaks by its whole name ("Justice Department"). What cannot
be resolved stays None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .attribution_cues import CUE_VERBS
from .mentions import ORGANIZATION_NOUNS, person_tagged_organization
from .name_cues import (
    FEMALE,
    HONORIFIC_GENDER,
    HONORIFICS,
    KIN_WORDS,
    MALE,
    PARTY_NOUNS,
    PARTY_OF_LETTER,
    PARTY_OF_WORD,
    PRONOUN_GENDER,
    ROLE_GENDER,
    TITLE_ABBREVIATIONS,
    TRAILING_PARTY_TAG,
    context_kind,
    honorific_key,
    is_title_abbreviation,
    is_title_word,
    name_span,
    spelled_title,
    suffix_dot,
    without_possessive,
)
from .nlp import dateline_end
from .reported_speech import cue_lemma

# Pronouns a speaker can be; only "he"/"she" are resolved to a person (news convention:
# a singular personal pronoun as cue subject refers back to the person most recently named).
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Fewest letters a lone surname must have to be read as a misspelling of one with the same
# letters (``PersonIndex._misspelt``): short names share letters by chance ("Lee", "Eel").
MISSPELT_MIN_LETTERS = 6
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
PRONOUNS = PERSONAL_PRONOUNS | frozenset({"i", "we", "they", "it", "you", "who", "which", "that"})

# Pronouns in a sentence naming one person that refer to that person (subject pronouns are
# left out: "Roe said he ..." usually reports someone else).
_REFLEXIVE_CLUES = frozenset({"his", "him", "himself", "her", "hers", "herself"})
# Head nouns of definite descriptions that name one office-holder ("the former congressman").
TITLE_NOUNS = frozenset(
    [
        "president",
        "congressman",
        "congresswoman",
        "senator",
        "governor",
        "mayor",
        "chief",
        "director",
        "secretary",
        "general",
        "attorney",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "official",
        "candidate",
        "nominee",
        "commissioner",
        "sheriff",
        "judge",
        "justice",
        "lawmaker",
        "representative",
        "leader",
        "speaker",
        "ambassador",
        "premier",
        "chancellor",
        "prosecutor",
        "superintendent",
        "commander",
        "officer",
        "executive",
        "ceo",
        "founder",
        "adviser",
        "advisor",
        "aide",
        "manager",
        "lawyer",
        "head",
        "councilman",
        "councilwoman",
        "councilor",
        "alderman",
        "delegate",
    ]
)
# Party words of a description that names a politician by party ("the Oregon Democrat") and
# of the roles that state a party ("Idaho Republican", "Democratic Sen."), as the party meant.
PARTIES = {word: party.lower() for word, party in PARTY_OF_WORD.items()}
# Members of a legislature, with the words of a role in the other chamber: "the Ohio
# congressman" may be the House Speaker quoted last, not a senator.
LEGISLATOR_NOUNS = {
    "congressman": frozenset({"senator", "senate"}),
    "congresswoman": frozenset({"senator", "senate"}),
    "representative": frozenset({"senator", "senate"}),
    "senator": frozenset({"representative", "congressman", "congresswoman", "house"}),
    "lawmaker": frozenset(),
    "legislator": frozenset(),
}
_GENDERED_TITLES = {"congressman": "he", "congresswoman": "she"}
# Abbreviated titles NER often keeps inside a person's name ("Gov. Jerry Brown").
_TITLE_ABBREVIATIONS = frozenset(
    {"gov.", "sen.", "sens.", "rep.", "reps.", "gen.", "lt.", "col.", "sgt.", "capt."}
)
# Left modifiers of a name that are part of a role, not of the name ("acting", "former").
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod"})
# One-word names the small English model tags PERSON that name a platform, not a person
# ("followers on Twitter"); found reading BASIL dev speaker errors, listed by kind, not by case.
NOT_PEOPLE = frozenset(
    {"twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat", "reddit", "linkedin"}
    | {"google", "gawker", "buzzfeed", "politico", "reuters", "fox", "cnn", "msnbc", "nbc"}
)
# Words that open a name with a title ("Senator", "Gov.").
_TITLE_WORDS = TITLE_NOUNS | _TITLE_ABBREVIATIONS
# Where a name stands when its person is what the sentence is about (grammatical subject).
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Speaker:
    """A speaker mention: its text and char offsets, the canonical name, the stated role."""

    text: str
    start: int
    end: int
    name: str | None
    role: str | None = None


@dataclass(frozen=True)
class PersonIndex:
    """The people named in one article: (char offset, full name, stated role), in order."""

    people: tuple[tuple[int, str, str], ...]
    genders: tuple[tuple[str, str], ...] = ()  # (full name, MALE or FEMALE) where the text says
    subjects: frozenset[int] = frozenset()  # offsets of the names that are a clause's subject
    # (entity, person name) of each person the model tagged in the whole Doc, None when not
    # worked out: ``_person_in`` reads them instead of scanning the Doc's entities per mention
    entities: tuple[tuple[Any, Any], ...] | None = field(default=None, compare=False, repr=False)
    # (offset of a name, the apposition set beside it): "Idaho Republican", "R-Ohio"
    appositions: tuple[tuple[int, str], ...] = ()
    # full names the article introduces as someone's relative ("his wife, Ana Roe")
    kin: frozenset[str] = frozenset()

    @classmethod
    def of(cls, doc: Any, quoted: Sequence[tuple[int, int]] = ()) -> PersonIndex:
        """People named outside ``quoted`` (a name inside a quotation is not a speaker)."""
        entities = tuple(_person_entity_pairs(doc.ents))
        named = cls._named(doc, [person for _, person in entities])
        outside = tuple(p for p in named.people if not any(a <= p[0] < b for a, b in quoted))
        offsets = {start for start, _, _ in outside}
        subjects = frozenset(offsets) & named.subjects
        appositions = tuple(a for a in named.appositions if a[0] in offsets)
        kin = _introduced_as_kin(doc, outside)
        genders = _genders(doc, cls(outside, kin=kin), quoted)
        return cls(outside, genders, subjects, entities, appositions, kin)

    @classmethod
    def _named(cls, doc: Any, persons: Sequence[Any]) -> PersonIndex:
        found: dict[int, tuple[int, str, str]] = {}
        subjects = set()
        appositions = []
        for ent in persons:
            head = name_head(ent.root)
            name, role = split_title(noun_phrase(head), ent)
            if name:
                found[head.i] = (ent.start_char, name, role or _appositive_role(head) or "")
                if head.dep_ in _SUBJECT_DEPS:
                    subjects.add(ent.start_char)
                appositions += [(ent.start_char, a) for a in _apposition(head)]
        for token in doc:
            if (
                token.pos_ == "PROPN"
                and token.dep_ not in ("compound", "flat")
                and token.i not in found
            ):
                name, role = split_title(noun_phrase(token), None)
                if role and len(name.split()) >= 2:
                    found[token.i] = (token.idx, name, role)
        for token in _surname_mentions(doc, found):
            found[token.i] = (token.idx, token.text, "")
            if token.dep_ in _SUBJECT_DEPS:
                subjects.add(token.idx)
        people = tuple(sorted(found.values()))
        return cls(people, subjects=frozenset(subjects), appositions=tuple(appositions))

    def is_surname(self, word: str) -> bool:
        """Whether ``word`` is the last word of the name of someone the article names."""
        return any(name.split()[-1] == word for _, name, _ in self.people if " " in name)

    def full_name(self, name: str, gender: str | None = None) -> str:
        """The longest name in the article that ends with (or equals) ``name``'s surname;
        of ``gender`` when an honorific gives one ("Mrs. Roe"). A bare surname is not a
        relative's (``_relatives``) when someone else holds it."""
        surname = _surname(name)
        fits = [
            candidate
            for _, candidate, _ in self.people
            if (_surname(candidate) == surname or _given_and_suffix(name, candidate))
            and len(candidate) > len(name)
            and _first_names_agree(name, candidate)
        ]
        if not fits and gender is not None and len(name.split()) == 1:
            fits = self._misspelt(name)  # ("Mr. Hovratich")
        if gender is not None:
            # "Mr. Roe" is not the Ana Roe the article calls "she"
            fits = [c for c in fits if self.gender(c) in (gender, None)]
            stated = [c for c in fits if self.gender(c) == gender]
            if stated:
                return max(stated, key=len)
        elif len(name.split()) == 1:
            fits = [c for c in fits if c not in self._relatives(surname)]
            fits = fits or self._by_given_name(name) or self._misspelt(name)
        return max(self._most_named(fits), key=len, default=name)

    def _misspelt(self, name: str) -> list[str]:
        """The full names of the one person whose surname a word alone spells with its
        letters out of order ("Hovratich" for Horvatich): same first letter,
        same letters, six at least. Two such surnames are never two people of one article."""
        key = _letters(name)
        if len(name) < MISSPELT_MIN_LETTERS or not name.isalpha():
            return []
        fits = {
            n
            for _, n, _ in self.people
            if " " in n and _surname(n) != name.lower() and _letters(_surname(n)) == key
        }
        return sorted(fits) if len({_surname(n) for n in fits}) == 1 else []

    def _by_given_name(self, name: str) -> list[str]:
        """The full names of the one person whose given name a word alone is, when no one
        has it as a surname ("Joe" of the article's "Joe Biden", as a son's account calls
        his father); none when several people share that given name."""
        fits = {
            n for _, n, _ in self.people if " " in n and n.split()[0].lower() == name.lower()
        }
        return sorted(fits) if len({_surname(n) for n in fits}) == 1 else []

    def _most_named(self, names: Sequence[str]) -> list[str]:
        """Of full names of several people sharing a surname ("Joe Biden", "Hunter Biden"),
        those of the one the article names in full most often, then first: the one a bare
        surname means (not the longer name). Names of one person pass unchanged."""
        by_given: dict[str, list[str]] = {}
        for name in names:
            by_given.setdefault(name.split()[0].lower(), []).append(name)
        if len(by_given) < 2:
            return list(names)
        mentions = [n for _, n, _ in self.people]

        def weight(given: str) -> tuple[int, int]:
            group = by_given[given]
            count = sum(1 for n in mentions if n in group)
            return count, -min(i for i, n in enumerate(mentions) if n in group)

        return by_given[max(by_given, key=weight)]

    def _relatives(self, surname: str) -> set[str]:
        """Full names of ``surname`` the article introduces as someone's relative ("his
        wife, Ana Roe", "first lady Ana Roe") while another person holds the surname: one
        it names in full, or titles by the surname alone ("President Roe")."""
        full = {n for _, n, _ in self.people if " " in n and n.split()[-1].lower() == surname}
        kin = full & self.kin
        titled = any(n.lower() == surname and role for _, n, role in self.people)
        return kin if kin and (titled or full - kin) else set()

    def written_out(self, words: Sequence[str]) -> str | None:
        """The one person the article names in ordinary case whom a name in capitals
        ("OKAFOR", "JANE OKAFOR") means: same surname and, when the label has one, same
        given name; None when no one or several people fit."""
        surname, first = words[-1].lower(), words[0].lower() if len(words) > 1 else ""
        fits = {
            name
            for _, name, _ in self.people
            if not name.isupper()
            and name.split()[-1].lower() == surname
            and (not first or name.split()[0].lower() == first)
        }
        longest = max(fits, key=len, default=None)
        return longest if longest and all(longest.endswith(n) for n in fits) else None

    def role_of(self, name: str) -> str | None:
        roles = [role for _, candidate, role in self.people if candidate == name and role]
        return roles[0] if roles else None

    def last_before(self, offset: int, pronoun: str = "") -> str | None:
        """Full name of the most recent person named before ``offset`` that ``pronoun``
        ("he"/"she") can refer to: one the text gives the other gender is passed over."""
        previous = [self.full_name(name) for start, name, _ in self.people if start < offset]
        for name in reversed(previous):
            if self.agrees(name, pronoun):
                return name
        return None

    def antecedent(
        self,
        offset: int,
        pronoun: str,
        recent: str | None,
        since: int,
        reported: frozenset[int] = frozenset(),
    ) -> str | None:
        """Whom "he"/"she" at ``offset`` refers to. ``recent`` is the last person quoted and
        ``since`` where that quote ended. In order: the latest person made a clause's subject
        since then ("Roe, however, refused. “...,” he said"); the recent speaker when the
        text gives them the pronoun's gender; the latest person named since then whom it
        does ("Enter Ms. Roe. “...,” she wrote"); the recent speaker; the last person named.
        Order set on BASIL dev (person-speaker accuracy 0.829 with the recent speaker first,
        0.921 with this order); PolNeAR train speaker accuracy is unchanged (its measure
        accepts the pronoun mention itself). ``reported``: offsets of the words the pronoun
        reports ("Lowe grabbed her arm, she said"), whose subjects are what the speaker
        tells of, not the speaker."""
        between = [
            (start, self.full_name(name))
            for start, name, _ in self.people
            if since <= start < offset and self.agrees(self.full_name(name), pronoun)
        ]
        subjects = [
            name for start, name in between if start in self.subjects and start not in reported
        ]
        if subjects:
            return subjects[-1]
        known = recent is not None and self.gender(recent) is not None
        if known and self.agrees(recent or "", pronoun):
            return recent
        gendered = [name for _, name in between if self.gender(name) is not None]
        if gendered and pronoun.lower() in PRONOUN_GENDER:
            return gendered[-1]
        if recent is not None and self.agrees(recent, pronoun):
            return recent
        return self.last_before(offset, pronoun)

    def gender(self, name: str) -> str | None:
        return dict(self.genders).get(name)

    def referred_to(self, speaker: Speaker) -> PersonIndex:
        """This index, knowing the gender of a person the article has just called "he" or
        "she" (``speaker``, resolved from that pronoun) when it did not: once "she" was Dana
        Okoro, the next "he" is not her."""
        gender = PRONOUN_GENDER.get(speaker.text.lower())
        if gender is None or speaker.name is None or self.gender(speaker.name) is not None:
            return self
        return replace(self, genders=(*self.genders, (speaker.name, gender)))

    def agrees(self, name: str, pronoun: str) -> bool:
        """Whether ``pronoun`` can refer to ``name`` (no gender known counts as agreeing)."""
        wanted = PRONOUN_GENDER.get(pronoun.lower())
        known = dict(self.genders).get(name)
        return wanted is None or known is None or known == wanted

    def by_title(self, noun: str, offset: int) -> str | None:
        """The most recent person before ``offset`` whose stated role has the word ``noun``,
        written out or abbreviated ("the governor" is the "Gov. Ana Roe" named before)."""
        matches = [
            n for start, n, role in self.people if start < offset and noun in role_words(role)
        ]
        return self.full_name(matches[-1]) if matches else None

    def by_role(self, words: set[str], offset: int) -> str | None:
        """The most recent person before ``offset`` whose stated role or apposition has all
        of ``words`` ("Rep. Raul Roe, Idaho Republican" for "the Idaho Republican")."""
        matches = [
            n
            for start, n, role in self.people
            if start < offset and words <= self._stated_words(start, role)
        ]
        return self.full_name(matches[-1]) if matches else None

    def names(self, name: str | None, before: int | None = None) -> bool:
        """Whether ``name`` is the full name of someone the article names (before the
        offset ``before``, when given): not a description such as "a spokeswoman"."""
        return any(
            self.full_name(n) == name
            for start, n, _ in self.people
            if before is None or start < before
        )

    def only_one_given(self, words: set[str]) -> str | None:
        """The one person the article gives a stated role or apposition with all of ``words``,
        wherever it names them; None when no one or several people have them."""
        names = {
            self.full_name(n)
            for start, n, role in self.people
            if words <= self._stated_words(start, role)
        }
        return names.pop() if len(names) == 1 else None

    def of_another_party(self, name: str, party: str) -> bool:
        """Whether the article gives ``name`` a party other than ``party`` in a role or an
        apposition: "the Texas Republican" is not the recent speaker introduced as
        "Democratic Sen. Ana Roe" or "Ana Roe (D-Texas)"."""
        stated = set()
        for start, n, role in self.people:
            if self.full_name(n) == name:
                stated |= {PARTIES[w] for w in self._stated_words(start, role) if w in PARTIES}
        return bool(stated - {party})

    def _stated_words(self, offset: int, role: str) -> set[str]:
        """The words of the role and of the appositions given the name at ``offset``."""
        texts = [text for start, text in self.appositions if start == offset]
        return role_words(role).union(*map(_words_of_apposition, texts))

    def _roles(self, name: str) -> list[str]:
        """The roles the article states for ``name``, under any form of the name."""
        return [role for _, n, role in self.people if role and self.full_name(n) == name]

    def in_other_chamber(self, name: str, noun: str) -> bool:
        """Whether a stated role of ``name`` sits in the chamber a legislator's title
        ``noun`` does not: a senator is no "congressman"."""
        return any(role_words(role) & LEGISLATOR_NOUNS[noun] for role in self._roles(name))

    def titled_otherwise(self, name: str, noun: str) -> bool:
        """Whether the article gives ``name`` stated roles, none of them with ``noun``: "the
        governor" is not the recent speaker titled "Acting Administrator"."""
        roles = self._roles(name)
        return bool(roles) and not any(noun in role_words(role) for role in roles)


def role_words(role: str) -> set[str]:
    """The lowercased words of a stated role, abbreviated titles written out: "Gov. Ana Roe"'s
    "Gov." is {"governor"}, "Lt. Gov." {"lieutenant", "governor"}."""
    words = set()
    for word in role.split():
        words.update((spelled_title(word) or word).lower().split())
    return words


def _genders(
    doc: Any, named: PersonIndex, quoted: Sequence[tuple[int, int]] = ()
) -> tuple[tuple[str, str], ...]:
    """Each person's gender as the article shows it: an honorific ("Mr.", "Ms."), a gendered
    role noun ("spokeswoman"), or the possessive/object pronouns of a sentence that names only
    them ("Roe said her office ..."). Votes are counted; a tie says nothing. A pronoun before
    the name ("His backers say Roe's ...") or inside a quotation (a speaker's "her" is whom
    the speaker means) is someone else's and does not vote, unless it opens the name's own
    clause ("For his part, Roe said")."""
    votes: dict[str, list[str]] = {}
    for start, name, role in named.people:
        full = named.full_name(name)
        first = _first_token(doc, start)
        before = doc[first.i - 1].lower_ if first is not None and first.i > 0 else ""
        clues = [ROLE_GENDER.get(w) for w in role.lower().split()]
        clues += [ROLE_GENDER.get(w) for w in _apposed_nouns(None if first is None else name_head(first))]
        if _one_person(named, name):  # "Mr. Roe" says nothing when two Roes are named
            clues.append(HONORIFIC_GENDER.get(honorific_key(before)))
        votes.setdefault(full, []).extend(c for c in clues if c)
    for sent in doc.sents:
        here = [(s, n) for s, n, _ in named.people if sent.start_char <= s < sent.end_char]
        people = {named.full_name(n) for _, n in here}
        if len(people) == 1:
            (only,) = people
            heads = [_name_token(doc, s) for s, _ in here]
            tellers = _tellers_around(sent, heads)
            first = min((h.i for h in heads if h is not None), default=sent.start)
            votes[only].extend(
                PRONOUN_GENDER[t.lower_]
                for t in sent
                if t.lower_ in _REFLEXIVE_CLUES
                and (t.i > first or _leads_to(t, heads))
                and not any(a <= t.idx < b for a, b in quoted)
                and PRONOUN_GENDER[t.lower_] not in tellers
                and not _in_their_mention(t, heads)
                and not _bound_away(t, heads)
            )
    decided = []
    for name, said in votes.items():
        male, female = said.count(MALE), said.count(FEMALE)
        if male != female:
            decided.append((name, MALE if male > female else FEMALE))
    return tuple(decided)


def _introduced_as_kin(doc: Any, people: Sequence[tuple[int, str, str]]) -> frozenset[str]:
    """The full names whose role or apposition makes them someone's relative ("first lady
    Ana Roe", "his wife, Ana Roe"). A capitalized "Father" or "Sister" before the name is a
    cleric's title; a "former first lady" a public figure of her own ("Clinton" may be her)."""
    kin = set()
    for start, name, role in people:
        first = _first_token(doc, start)
        words = [w.strip(",.;") for w in role.split()]
        lady = "lady" in (w.lower() for w in words) and "former" not in role.lower()
        titled = {w for w in words if w.islower()}
        apposed = _apposed_nouns(None if first is None else name_head(first))
        if " " in name and (lady or KIN_WORDS & (titled | set(apposed))):
            kin.add(name)
    return frozenset(kin)


def _first_token(doc: Any, start: int) -> Any:
    """The token at char offset ``start`` (None when no token is there)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return None if span is None or not len(span) else span[0]


def _name_token(doc: Any, start: int) -> Any:
    """The last word of the name that starts at char offset ``start``."""
    first = _first_token(doc, start)
    return None if first is None else name_head(first)


def _apposed_nouns(name: Any) -> list[str]:
    """The common nouns set in apposition to a name ("his brother, Emil Weil"; "Ana Roe,
    his daughter"), lower case: what the article says the person is."""
    if name is None:
        return []
    found = [c.lower_ for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        found.append(name.head.lower_)
    return found


def _tellers_around(sent: Any, names: Sequence[Any]) -> frozenset[str]:
    """The genders of those in ``sent`` who tell of the person named there ("Lowe grabbed
    her arm, she said"; "Lowe pinned her down, Ford said", with Ford untagged: either
    gender): a pronoun of that gender may be the teller's, so it tells nothing of the
    person's."""
    named = {name.i for name in names if name is not None}
    genders: set[str] = set()
    for verb in sent:
        if verb.pos_ != "VERB" or cue_lemma(verb) not in CUE_VERBS:
            continue
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects or not all(_teller(c) for c in subjects):
            continue
        if named & {t.i for c in subjects for t in c.subtree}:
            continue  # the person tells it ("One senator, Ann Roe, warned her party")
        if named & {t.i for t in _told(verb)}:
            for c in subjects:
                gender = PRONOUN_GENDER.get(c.lower_)
                genders.update((gender,) if gender else (MALE, FEMALE))
    return frozenset(genders)


def _teller(subject: Any) -> bool:
    """Whether a subject is a person who may tell of another: "she", or a name the model did
    not tag as a person ("Ford said, ..."), or a lone word it tagged an organization, most
    often a surname ("Trump told reporters his speech ...")."""
    if subject.lower_ in PERSONAL_PRONOUNS:
        return True
    if subject.pos_ != "PROPN":
        return False
    lone_organization = subject.ent_type_ == "ORG" and len(_entity_of(subject) or ()) == 1
    return subject.ent_type_ in ("", "PERSON") or lone_organization


def _entity_of(token: Any) -> Any:
    """The entity span the model tagged around ``token``; None when there is none."""
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _leads_to(pronoun: Any, names: Sequence[Any]) -> bool:
    """Whether a pronoun before a name sits in the clause the name is the subject of ("For
    his part, Roe testified", "Fighting to save her seat, Roe ..."), where it is the name's."""
    heads = [_phrase_head(name) for name in names if name is not None]
    return any(
        head.dep_ in _SUBJECT_DEPS
        and pronoun.i < head.i
        and any(a.i == head.head.i for a in pronoun.ancestors)
        for head in heads
    )


def _phrase_head(token: Any) -> Any:
    """The word a name's words hang on ("Whitfield" of "Councilor Dana Whitfield")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def _bound_away(pronoun: Any, names: Sequence[Any]) -> bool:
    """Whether "him"/"her" is the object of a verb whose subject is the named person: such a
    pronoun is someone else ("Lowe pushed her"; of the subject it would be "herself"). In a
    noun phrase it may be the subject ("Roe rejects criticism of her")."""
    if pronoun.dep_ not in ("dobj", "dative") or pronoun.lower_ not in ("him", "her"):
        return False
    verb = pronoun.head
    while verb.dep_ == "conj" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        verb = verb.head  # "grabbed her arm and pushed her": the subject is the first verb's
    subjects = {c.i for c in verb.children if c.dep_ in _SUBJECT_DEPS}
    return any(name is not None and name.i in subjects for name in names)


def _in_their_mention(pronoun: Any, names: Sequence[Any]) -> bool:
    """Whether a possessive pronoun is part of how a person is introduced, and so is
    someone else's: "her rival, Victor Hale", "Victor Hale, her rival", "his wife Ana"."""
    if pronoun.dep_ != "poss":
        return False
    owned = pronoun.head
    for name in names:
        if name is None:
            continue
        if name.head.i == owned.i and name.dep_ in ("appos", "compound", "flat"):
            return True
        if owned.head.i == name.i and owned.dep_ == "appos":
            return True
    return False


def _surname_mentions(doc: Any, found: dict[int, tuple[int, str, str]]) -> list[Any]:
    """Surnames of people already named that the NER missed on a later mention ("Roe,
    however, refused"): the small model tags a bare surname far less often than a full name."""
    first_named: dict[str, int] = {}
    for start, name, _ in found.values():
        if len(name.split()) > 1:
            surname = name.split()[-1]
            first_named[surname] = min(start, first_named.get(surname, start))
    return [
        t
        for t in doc
        if t.text in first_named
        and t.i not in found
        and t.pos_ == "PROPN"
        and _untagged_or_taken(t, first_named[t.text])
        and t.dep_ not in ("compound", "flat")
    ]


def _untagged_or_taken(token: Any, named_at: int) -> bool:
    """Whether a surname token may be the person of that surname named at ``named_at``: the
    model tagged it nothing, or, after the full name, an organization (a person called Ford
    is "Ford" the carmaker to the small model, sentence after sentence)."""
    return not token.ent_type_ or (token.ent_type_ == "ORG" and token.idx > named_at)


def _person_shaped(ent: Any) -> bool:
    """Whether a PERSON entity can be a person's name: a one-word entity that is a platform
    or an interjection ("Nah") is not. (Words the article also writes in lower case were
    tried too and changed nothing on BASIL dev; left out, as surnames such as "Price" are
    common words.) Nor is a common noun opening a sentence ("Fares will rise, she said"),
    which the model may tag a person when it is capitalized. Nor is a name the words around
    it make a place or an organization ("the city of Marisa"), as the entities stage reads
    it, nor one with a figure in it."""
    if any(ch.isdigit() for ch in ent.text):
        return False  # "COVID-19", "Apollo 11": no one's name has a figure in it
    if context_kind(ent) in ("place", "organization"):
        return False
    if len(ent) > 1:
        return True
    token = ent[0]
    sentence_noun = token.is_sent_start and token.pos_ == "NOUN"
    return not (token.lower_ in NOT_PEOPLE or token.pos_ == "INTJ" or sentence_noun)


def _honorific_gender(span: Any) -> str | None:
    """The gender an honorific in a mention gives ("Mrs. Roe": female), None without one."""
    genders = {HONORIFIC_GENDER.get(honorific_key(t.text)) for t in span} - {None}
    return genders.pop() if len(genders) == 1 else None


def _one_person(named: PersonIndex, name: str) -> bool:
    surname = name.split()[-1].lower()
    full = {
        n for _, n, _ in named.people if n.split()[-1].lower() == surname and len(n.split()) > 1
    }
    return len(full) <= 1 and not named._relatives(surname)


def name_head(token: Any) -> Any:
    """The last word of a name the NER cut short ("Rafael" in "Rafael Okonjo (D)")."""
    while (
        token.dep_ in ("compound", "flat")
        and token.head.pos_ == "PROPN"
        and token.head.i == token.i + 1
    ):
        token = token.head
    return token


def _opens_party_tag(token: Any) -> bool:
    """ "D" of "D-Calif." right after a name."""
    doc = token.doc
    return (
        token.text in PARTY_OF_LETTER
        and not token.whitespace_
        and token.i + 1 < len(doc)
        and doc[token.i + 1].text == "-"
    )


def split_title(span: Any, person: Any) -> tuple[str, str]:
    """("acting FHEA Administrator", "Gregory Vance") from a mention: the name is the person entity,
    or the proper nouns after the last title word; the role is what precedes the name."""
    tokens = [t for t in span if not t.is_punct and t.dep_ != "det"]
    if person is not None:
        before = _given_names_before(person)
        name_tokens = before + list(person)
        after = [t for t in tokens if t.i >= person.end and t.pos_ == "PROPN"]
        tag = next((k for k, t in enumerate(after) if _opens_party_tag(t)), len(after))
        name_tokens += after[:tag]  # not a party tag run into the name ("Roe D-Calif.")
    else:
        titles = [i for i, t in enumerate(tokens) if t.lower_ in TITLE_NOUNS]
        name_tokens = tokens[titles[-1] + 1 :] if titles else []
        if not all(t.pos_ == "PROPN" for t in name_tokens):
            name_tokens = []
    # (a title abbreviation may come without its dot: "Sen Jeff Roe")
    while len(name_tokens) > 1 and (
        name_tokens[0].lower_ in _TITLE_WORDS
        or is_title_word(name_tokens[0].text)  # (offices the model tags with the name)
        or spelled_title(name_tokens[0].text)
    ):
        name_tokens = name_tokens[1:]
    role_tokens = [
        t for t in tokens if name_tokens and t.i < name_tokens[0].i and t.lower_ not in HONORIFICS
    ]
    name = _clean_name(_written(name_tokens))
    # a possessive is written against its owner ("Roe's spokesman", not "Roe 's spokesman")
    role = re.sub(r" (['’]s)\b", r"\1", " ".join(t.text for t in role_tokens))
    return name, role


def _written(tokens: Sequence[Any]) -> str:
    """Tokens as the text writes them where they are adjacent ("Jean-Marc", not "Jean - Marc"),
    with a space where words were left out between them."""
    parts = [
        t.text + (t.whitespace_ if nxt.i == t.i + 1 else " ")
        for t, nxt in zip(tokens, tokens[1:], strict=False)
    ]
    return "".join(parts) + (tokens[-1].text if tokens else "")


def _given_names_before(person: Any) -> list[Any]:
    """Proper nouns the model left out of a person's name between it and a title before it:
    "Nadia" of "Treasurer Nadia Pell" tagged "Pell". Only with the title to bound them: in
    "Ostland Nadia Pell" the first word may be a place; and only before a surname alone: a
    name tagged whole ("Dana Brody") lacks none, so "Chief Political Analyst Dana Brody" is
    the analyst Dana Brody, not "Political Analyst Dana Brody"."""
    if len(person) > 1:
        return []
    doc, start = person.doc, person.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        if is_title_word(doc[start - 1].text):
            return list(doc[start : person.start])
        start -= 1
    return []


def _first_names_agree(short: str, full: str) -> bool:
    """ "Jerry Brown" must not grow into "Kate Brown": given names, when both have one, agree."""
    a, b = short.split(), full.split()
    return len(a) == len(_surname(short).split()) or a[0].lower() == b[0].lower()


def _given_and_suffix(short: str, full: str) -> bool:
    """Whether ``short`` is the given name and suffix of ``full`` ("Donald Jr." of "Donald
    Trump Jr.")."""
    a, b = short.lower().split(), full.lower().split()
    suffix = _suffix(short)
    return bool(suffix) and len(a) == 2 and len(b) > 2 and a[0] == b[0] and _suffix(full) == suffix


def _suffix(name: str) -> str:
    """The generational suffix that ends a name, lower case and without its dot ("jr" of
    "Donald Trump Jr."); "" when there is none."""
    words = name.lower().split()
    last = words[-1].rstrip(".") if len(words) > 1 else ""
    return last if last in ("jr", "sr") else ""


def _letters(word: str) -> tuple[str, str]:
    """A word's first letter and all its letters in order, case aside."""
    lower = word.lower()
    return lower[:1], "".join(sorted(lower))


def _surname(name: str) -> str:
    """The lower-case surname of a name, with the generational suffix that sets its holder
    apart ("trump jr" of "Donald Trump Jr."): a bare "Trump" is not the son."""
    words = name.lower().split()
    suffix = _suffix(name)
    if suffix:
        return f"{words[-2]} {suffix}"
    return words[-1] if words else ""


def _clean_name(text: str) -> str:
    text = re.sub(r"[\[\]()]", " ", text)
    words = [
        w for w in text.replace("’s", "").replace("'s", "").split() if w.lower() not in HONORIFICS
    ]
    name = TRAILING_PARTY_TAG.sub("", " ".join(words))
    return name.strip(" ,.—–-") + suffix_dot(name)  # a pull quote signs off "— Raj Tan, aide"


def noun_phrase(head: Any) -> Any:
    """The mention around ``head``: its left modifiers and flat right name parts, no clauses."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        # a finite verb is no modifier of a name: it is an inverted cue misread ("added Roe")
        finite = child.tag_ in ("VBD", "VBZ", "VBP")
        if child.dep_ in _ROLE_DEPS and not finite:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in {"flat", "compound"} and child.i == right + 1:
            right = child.i
    while left < head.i and doc[left].is_punct:
        left += 1
    left = _past_stray_article(doc, left, head)
    start, end = _whole_words(doc, left, right)
    return doc[start:end]


def _past_stray_article(doc: Any, left: int, head: Any) -> int:
    """Where a plural head's phrase starts when the parser hung an indefinite article on
    it, with the singular noun after it: "an offer GOP leaders rejected" is "GOP leaders",
    "one of a only a few GOP senators" is "only a few GOP senators"."""
    while left < head.i and doc[left].lower_ in ("a", "an") and doc[left].head.i == head.i:
        if head.tag_ not in ("NNS", "NNPS"):
            break
        left += 1
        while left < head.i and doc[left].tag_ == "NN":
            left += 1
    return left


def _whole_words(doc: Any, left: int, right: int) -> tuple[int, int]:
    """(start, end) of tokens ``left`` to ``right`` widened so no hyphenated word is cut:
    the model splits "e-mail" into three tokens and may head a phrase with any of them.
    An article on the word comes along ("the e-mail")."""
    def joined(i: int) -> bool:  # tokens i and i + 1 are one word
        return not doc[i].whitespace_ and "-" in (doc[i].text, doc[i + 1].text)

    start = left
    while start > 0 and joined(start - 1):
        start -= 1
    while right + 1 < len(doc) and joined(right):
        right += 1
    if start < left and doc[start - 1].dep_ == "det" and start <= doc[start - 1].head.i <= right:
        start -= 1
    return start, right + 1


def _person_entity_pairs(ents: Sequence[Any]) -> list[tuple[Any, Any]]:
    """(entity, name) of the names of people the model tagged among ``ents``, and of those
    it tagged an organization that speak like a person ("Ana Roe of the Tecora Union said":
    "Ana Roe of" tagged ORG)."""
    found = []
    for ent in ents:
        dateline = dateline_end(ent[0])
        if dateline is not None and ent.start < dateline:
            continue  # "PORT ANSEL, Calder (CWS) —": a place the model may tag a person
        if ent.label_ == "PERSON" and _person_shaped(ent):
            found.append((ent, name_span(ent)))
        elif ent.label_ == "ORG" and (person := person_tagged_organization(ent)) is not None:
            found.append((ent, person))
    return found


def _person_in(span: Any, entities: Sequence[tuple[Any, Any]] | None = None) -> Any:
    """The last person named inside a mention, when the name holds the mention's head:
    not "Tecora" in "a Tecora owner", which the model may tag a person. ``entities``: the
    Doc's ``_person_entity_pairs`` when worked out already (``span.ents`` scans the Doc)."""
    if entities is None:
        entities = _person_entity_pairs(span.ents)
    ents = [
        e
        for ent, e in entities
        if span.start <= ent.start and ent.end <= span.end
        if span.start <= e.start and e.end <= span.end and not _modifies_a_noun(e)
        if not _owns_the_head(e, span)
    ]
    return ents[-1] if ents else None


def _modifies_a_noun(ent: Any) -> bool:
    return ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.pos_ == "NOUN"


def _owns_the_head(ent: Any, span: Any) -> bool:
    """Whether the person is the owner of the noun the mention is about: "Roe's spokesman"
    is the spokesman, not Roe (who is the speaker of "Roe's call for ...", where the
    mention is "Roe's" alone)."""
    owned = ent.root.head
    return ent.root.dep_ == "poss" and owned.i != ent.root.i and span.start <= owned.i < span.end


# Clauses inside an apposition that say what someone did, not what they are ("a banker
# who said ...", "an owner whose building ...").
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})


def _appositive_role(head: Any) -> str | None:
    """The role an apposition gives: "president of the Ostland Bankers Guild" of "Bruno
    Sterk, president of ...", without a clause after it ("a banker who said ...")."""
    untagged = [c for c in head.rights if c.dep_ == "appos" and not c.ent_type_]
    return _apposition_text(untagged[0]) if untagged else None


def _apposition(head: Any) -> list[str]:
    """The text of each apposition set beside a name, whatever it is ("Idaho Republican",
    "R-Ohio", "a Democrat")."""
    return [_apposition_text(c) for c in head.rights if c.dep_ == "appos"]


def _apposition_text(child: Any) -> str:
    """An apposition's words up to a clause in it ("a banker", not "a banker who said")."""
    clauses = [c for c in child.rights if c.dep_ in _CLAUSE_DEPS]
    end = min((c.left_edge.i for c in clauses), default=child.right_edge.i + 1)
    return child.doc[child.left_edge.i : end].text.strip(" ,")


# A party and state written short after a name: "R-Ohio", "D-N.Y.", "(I-Vt.)".
_PARTY_STATE = re.compile(r"\b([DRI])-\s?[A-Z]")


def _words_of_apposition(text: str) -> set[str]:
    """The lowercased words of an apposition, a short party ("R-Ohio") as its party word."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return words | {PARTY_OF_LETTER[m.group(1)].lower() for m in _PARTY_STATE.finditer(text)}


def _affiliated_person(head: Any) -> Any:
    """The person whose affiliation ``head`` names ("the Tecora Union" of "Ana Roe of the
    Tecora Union"): the parser hangs a "who said" after it on the organization, but an
    affiliation does not speak for the person named with it. None otherwise."""
    of = head.head
    if head.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep":
        return None
    named = name_head(of.head)
    return named if _names_person(named) else None


def _described_person(head: Any) -> Any:
    """The name a common-noun mention stands in apposition to ("Ana Roe, a Tecora owner,"):
    the head of that name, None when ``head`` describes no named person."""
    if head.pos_ != "NOUN" or head.dep_ != "appos":
        return None
    named = head.head
    return named if _names_person(named) else None


def _subject_after(token: Any, dateline: int) -> Any:
    """The subject after the dateline of the verb a dateline word was made subject of."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    verb = token.head
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i > dateline]
    return subjects[0] if subjects else None


def describe(head: Any, people: PersonIndex, recent: str | None, since: int = 0) -> Speaker:
    """The speaker mention headed by ``head``, resolved against the article's people.

    ``recent`` is the last person a quote was attributed to (that quote ending at
    ``since``): a bare title with no matching stated role ("the former congressman") refers
    to them, and "he"/"she" weigh them against people named since (``antecedent``).
    People named together speak together: "Sens. Ana Roe and Bo Lind suggested" is spoken
    by "Ana Roe and Bo Lind" (the mention stays the first name's).
    """
    speaker = _article_lowered(_describe_one(head, people, recent, since))
    groups = _groups_together(name_head(head))
    if groups:  # "Both Republicans and Democrats insist": not "Both Republicans"
        return replace(speaker, name=groups, role=None)
    others = [
        person
        for c in name_head(head).children
        if c.dep_ == "conj" and (person := _person_named_by(c)) is not None
    ]
    named = _names_person(name_head(head)) or people.names(speaker.name)
    if speaker.name is None or not others or not named:
        return speaker
    names = [speaker.name] + [_describe_one(c, people, None).name or c.text for c in others]
    return Speaker(speaker.text, speaker.start, speaker.end, _listed(names), speaker.role)


def _groups_together(head: Any) -> str | None:
    """ "Senate Republicans and House Democrats" for a party or people named as a group
    ("Republicans", "Democrats", "Kurds": a plural proper noun or a nationality) with
    others of the kind joined to it; None when ``head`` is no such group or stands alone."""
    joined = [c for c in head.children if c.dep_ == "conj" and _names_group(c)]
    if not joined or not _names_group(head):
        return None
    return _listed([_without_determiner(noun_phrase(t)) for t in (head, *joined)])


def _listed(names: Sequence[str]) -> str:
    """ "A, B and C": speakers named together, as one speaker."""
    return ", ".join(names[:-1]) + " and " + names[-1]


def _names_group(token: Any) -> bool:
    return token.pos_ == "PROPN" and (token.tag_ == "NNPS" or token.ent_type_ == "NORP")


def _without_determiner(span: Any) -> str:
    return span.doc[span.start + (span[0].dep_ == "det") : span.end].text


def _reported_by(subject: Any) -> frozenset[int]:
    """Offsets of the words a subject's verb reports ("Lowe grabbed her arm" under "she
    said"), the subject's own left out."""
    if subject.dep_ not in _SUBJECT_DEPS or subject.head.i == subject.i:
        return frozenset()
    return frozenset(t.idx for t in _told(subject.head) if t.i != subject.i)


def _told(verb: Any) -> list[Any]:
    """The words a verb of saying reports, as the parser hangs them: its dependents but its
    subject, or, when the parser hung the verb on the clause it reports ("Lowe grabbed her
    arm, Roe said" parsed with "said" under "grabbed"), that clause."""
    subjects = {c.i for c in verb.children if c.dep_ in _SUBJECT_DEPS}
    told = [t for c in verb.children if c.i not in subjects for t in c.subtree]
    if verb.dep_ == "parataxis":
        own = {t.i for t in verb.subtree}
        told += [t for t in verb.head.subtree if t.i not in own]
    return told


_ARTICLES = frozenset({"The", "A", "An"})


def _article_lowered(speaker: Speaker) -> Speaker:
    """``speaker`` with a leading article in lower case: a sentence's first word is
    capitalised, and "The Justice Department" and "the Justice Department" are one speaker,
    "A spokeswoman" no name."""
    first, _, rest = (speaker.name or "").partition(" ")
    if first not in _ARTICLES or not rest:
        return speaker
    return replace(speaker, name=f"{first.lower()} {rest}")


def _titled_subject_before(pronoun: Any, people: PersonIndex) -> Any:
    """The subject of the sentence before the pronoun's when it is a person named by title
    alone ("The mayor was blunt.") and no one is named between it and the pronoun: the
    pronoun continues that subject, whom the article may name only later. None otherwise."""
    sentence = pronoun.sent
    if sentence.start == 0:
        return None
    before = pronoun.doc[sentence.start - 1].sent
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if len(subjects) != 1:
        return None
    (subject,) = subjects
    if subject.pos_ != "NOUN" or subject.lower_ not in TITLE_NOUNS or not _is_definite(noun_phrase(subject)):
        return None
    if any(subject.idx < start < pronoun.idx for start, _, _ in people.people):
        return None
    return subject


def _person_named_by(token: Any) -> Any:
    """The name a conjunct gives: itself ("Bo Lind"), or the name set beside a noun ("his
    brother, Emil Weil"); None for anything else."""
    if _names_person(token):
        return token
    if token.pos_ == "NOUN":
        return next((c for c in token.children if c.dep_ == "appos" and _names_person(c)), None)
    return None


def _names_person(token: Any) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ == "PERSON"


def _describe_one(head: Any, people: PersonIndex, recent: str | None, since: int = 0) -> Speaker:
    head = name_head(head)
    dateline = dateline_end(head)
    if dateline is not None and head.i < dateline:
        # "PORT ANSEL, Calder (CWS) — Attorney General Ana Roe warned": the place is no speaker
        subject = _subject_after(head, dateline)
        if subject is not None:
            return describe(subject, people, recent, since)
        return Speaker(head.text, head.idx, head.idx + len(head), None)
    if is_title_abbreviation(head.text) and head.dep_ in _SUBJECT_DEPS:
        # "Sens. Ana Roe and Bo Lind suggested", parsed with "Sens" a subject of its own
        subjects = [c for c in head.head.children if c.dep_ in _SUBJECT_DEPS and c.i > head.i]
        persons = [c for c in subjects if _names_person(name_head(c))]
        if persons:
            return describe(persons[0], people, recent, since)
    affiliated = _affiliated_person(head)
    if affiliated is not None:  # "Ana Roe of the Tecora Union, who called it ...": Ana Roe
        return describe(affiliated, people, recent, since)
    described = _described_person(head)
    if described is not None:  # "said Ana Roe, a Tecora owner who said ...": Ana Roe
        return describe(described, people, recent, since)
    span = noun_phrase(head)
    text, start, end = span.text, span.start_char, span.end_char
    lower = head.text.lower()
    if head.dep_ == "poss":  # the owner of a cue noun ("her call for ...") speaks
        lower = POSSESSIVE_PRONOUNS.get(lower, lower)
    if head.pos_ == "PRON" or lower in PRONOUNS:
        name = None
        titled = _titled_subject_before(head, people) if lower in PERSONAL_PRONOUNS else None
        if titled is not None:  # "The mayor was blunt. “We lost,” she said."
            described = describe(titled, people, recent, since)
            if described.name is not None and not people.agrees(described.name, lower):
                described = replace(described, name=None, role=None)  # "she" is not that man
            return replace(described, text=text, start=start, end=end)
        if lower in PERSONAL_PRONOUNS:
            name = people.antecedent(start, lower, recent, since, _reported_by(head))
        return Speaker(text, start, end, name, people.role_of(name) if name else None)
    organization = _organization_named(head)
    if organization is not None and not any(organization == n for _, n, _ in people.people):
        # "The Justice Department", not "Department" after the title word "Justice"
        return Speaker(text, start, end, organization)
    label = _label_in_capitals(span)
    if label is not None:  # a transcript's "SEN. OKAFOR:" is the article's Jane Okafor
        full = people.written_out(label[0])
        if full is not None:
            return Speaker(text, start, end, full, label[1] or people.role_of(full))
    name, role = split_title(span, _person_in(span, people.entities))
    if name:
        name = people.full_name(name, _honorific_gender(span))
        return Speaker(
            text, start, end, name, role or _appositive_role(head) or people.role_of(name)
        )
    # the role, then the name: "RNC spokesman Sean Spicer said", "Attorney General, Xavier
    # Becerra told"
    named = _appositive_person(head)
    if named is not None:
        role = _with_for_whom(span).text  # "Marsh's chief of staff, Omar Diaz"
        return Speaker(text, start, end, people.full_name(named), role)
    if _is_definite(span) and (lower in TITLE_NOUNS or lower in PARTY_NOUNS):
        # "the mayor", "the House Speaker" (tagged a proper noun), "the Oregon Democrat"
        return _titled_reference(span, lower, people, recent, since)
    if head.pos_ == "PROPN":  # a name the model did not tag as a person
        whole = _with_name_body(span)
        if whole is not span:  # "Americans for Tax Fairness": an organization's full name
            return Speaker(whole.text, start, whole.end_char, whole.text)
        titled = _name_after_title(span)
        if titled is not None:  # "Freshman Ohio Republican Rep Ana Roe", tagged a group
            name, role = titled
            return Speaker(text, start, end, people.full_name(name), role)
        name, role = _proper_name(span)
        full = people.full_name(name) if name and role else None
        if full is not None and any(full == named for _, named, _ in people.people):
            return Speaker(text, start, end, full, role)  # one of the article's people
        return Speaker(text, start, end, people.full_name(_clean_name(text)))
    if len(span) == 1 and head.text[:1].isupper() and people.is_surname(head.text):
        # a surname the tagger took for a common noun ("Ruiz later told reporters", NOUN):
        # the person the article named with it
        name = people.full_name(head.text)
        return Speaker(text, start, end, name, people.role_of(name))
    author = _author(head, people, recent, since)
    if author is not None:  # "“...,” his statement said": the statement's author speaks
        return Speaker(text, start, end, author, people.role_of(author))
    referred = _organization_referred_to(span) if _is_definite(span) else None
    if referred is not None:  # "the group said", of the Harbor Riders Union just named
        return Speaker(text, start, end, referred)
    return Speaker(text, start, end, _description(span, people, recent, since))


# Nouns by which an article refers back to any organization it has just named.
_GROUP_NOUNS = frozenset({"group", "organization", "organisation"})


def _organization_referred_to(span: Any) -> str | None:
    """The organization a definite description refers back to, named outside quotation
    marks in its sentence or the one before: "the group" (or "the conservative group") is
    the one organization named there, "the union" the latest one whose name ends in
    "Union". Words the description adds must be in that name ("the appeals court" is not
    the Supreme Court). None when there is no such one."""
    head = span.root
    noun = head.lower_
    if head.pos_ != "NOUN" or (noun not in _GROUP_NOUNS and noun not in ORGANIZATION_NOUNS):
        return None
    added = [t.lower_ for t in span if t.i != head.i and t.dep_ != "det"]
    adjectives = {t.lower_ for t in span if t.pos_ == "ADJ"} if noun in _GROUP_NOUNS else set()
    sentence = head.sent
    window = head.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    names = []
    for ent in head.doc.ents:
        if not (window <= ent.start and ent.end <= span.start and ent.label_ == "ORG"):
            continue
        name = _organization_named(ent.root)
        if name is None or _in_quotation(head.doc, window, ent):
            continue
        words = set(name.lower().split())
        fits = noun in _GROUP_NOUNS or name.lower().endswith(noun)
        if fits and all(w in words or w in adjectives for w in added):
            names.append(name[4:] if name.lower().startswith("the ") else name)
    if noun in _GROUP_NOUNS:
        return names[0] if len(set(names)) == 1 else None
    return names[-1] if names else None


def _in_quotation(doc: Any, start: int, ent: Any) -> bool:
    """Whether an entity stands inside quotation marks opened since token ``start``."""
    before = doc.text[doc[start].idx : ent.start_char]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# Nouns for something a person writes or issues, whose owner is its author ("his statement",
# "Roe's letter", "her tweet"); an office or a campaign speaks for someone, so is not one.
_WRITINGS = frozenset({"statement", "letter", "tweet", "post", "email", "memo", "message", "note"})
# Sentences before a definite writing ("the e-mail said") searched for the one that
# introduced it ("Harbor Action sent an e-mail to supporters").
_WRITING_LOOKBACK_SENTENCES = 2


def _writing_word(token: Any) -> str:
    """The word ``token`` belongs to, lower case without hyphens: the model splits "e-mail"
    into three tokens and may head a phrase with any of them."""
    start, end = _whole_words(token.doc, token.i, token.i)
    return token.doc[start:end].text.lower().replace("-", "").removeprefix("the ")


def _author(head: Any, people: PersonIndex, recent: str | None, since: int) -> str | None:
    """Who wrote the writing ``head`` names: its owner, a person of the article ("Rick
    Blum" for "his statement" after "Sen. Rick Blum"); with no owner, whoever issues it in
    its own sentence ("Harbor Action released a statement that said") or, for "the e-mail",
    in the sentence that introduced it ("Harbor Action for Oregon sent an e-mail ..."),
    when that is a name or a person of the article. None when it is no writing or no one
    the article names wrote it."""
    word = _writing_word(head)
    if word not in _WRITINGS:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        name = describe(owner, people, recent, since).name
        return name if people.names(name) else None
    if head.dep_ == "dobj":  # "... released a statement that said": who released it
        sender = _sender(head)
    elif _is_definite(noun_phrase(head)):
        sender = _sender_of_earlier(head, word)
    else:
        return None
    if sender is None:
        return None
    name = describe(sender, people, recent, since).name
    owners = [c for c in sender.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    # (a named one's office or campaign issues it too: "Roe's office issued a statement")
    named = name_head(sender).pos_ == "PROPN" or people.names(name) or bool(owners)
    return name if named else None


def _sender_of_earlier(head: Any, word: str) -> Any:
    """The subject of the verb whose object is the latest earlier mention of the writing
    ``word`` in the sentences just before ``head``'s ("sent an e-mail"), when that mention
    is not definite itself; None when there is none."""
    doc = head.doc
    sentence = head.sent
    for _ in range(_WRITING_LOOKBACK_SENTENCES):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    for token in reversed(doc[sentence.start : head.i]):
        if token.dep_ != "dobj" or token.pos_ != "NOUN" or _writing_word(token) != word:
            continue
        if _is_definite(noun_phrase(token)):
            return None
        return _sender(token)
    return None


def _sender(writing: Any) -> Any:
    """Who a writing that is a verb's object comes from: the one it says it is from ("a
    letter of support from 65 women", whoever released it), else the verb's subject."""
    for prep in writing.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return next((c for c in writing.head.children if c.dep_ == "nsubj"), None)


def _titled_reference(
    span: Any, noun: str, people: PersonIndex, recent: str | None, since: int
) -> Speaker:
    """Whom a definite description of a person means: "the governor" is the person named
    before with that title; "the Oregon Democrat" the one introduced as "Oregon Democrat".
    Failing that, the person quoted last (``recent``), as news writes "“...,” the Kansas
    Republican said" right after quoting Rep. Dale Ruckert, unless the article gives them
    another title or party. Failing that, the one person the article gives that title or
    party anywhere. No one else is guessed: the speaker is then the description."""
    start = span.start_char
    # (the recent speaker named so far: not one only a summary above the story quoted)
    named = people.names(recent, before=start)
    words = {t.lower_ for t in span if not t.is_punct and t.dep_ != "det"}
    if noun in PARTY_NOUNS:
        name = people.by_role(words, start)
        if name is None and recent is not None and named:
            name = None if people.of_another_party(recent, PARTIES[noun]) else recent
    elif noun in LEGISLATOR_NOUNS:
        # any member title fits the recent speaker ("the Ohio congressman" after House
        # Speaker John Boehner is quoted) unless their role is in the other chamber
        name = people.by_title(noun, start)
        fits = recent is not None and named and not people.in_other_chamber(recent, noun)
        if name is None and fits and people.agrees(recent or "", _GENDERED_TITLES.get(noun, "")):
            name = recent
    else:
        name = people.by_title(noun, start)
        fits = recent is not None and named and not people.titled_otherwise(recent, noun)
        if name is None and fits:
            name = recent
    if name is None:
        # a summary above the story ("The House Speaker says ...") means the one person the
        # story then introduces so
        name = people.only_one_given(words if noun in PARTY_NOUNS else {noun})
    if name is None:
        return Speaker(span.text, start, span.end_char, _description(span, people, recent, since))
    return Speaker(span.text, start, span.end_char, name, span.text)


# Prepositions whose phrase after a speaker's noun says whom they speak for ("a spokeswoman
# for the governor", "an official at the agency", "an organizer with the union").
_FOR_WHOM = frozenset({"for", "of", "at", "with", "from", "in"})
_MAX_FOR_WHOM_TOKENS = 8  # "a spokeswoman for the state Department of Housing": 6 words


def _description(span: Any, people: PersonIndex, recent: str | None, since: int) -> str:
    """How the article describes a speaker it does not name, with whom they speak for: "A
    spokeswoman for Rafael Okonjo’s office" for "A spokeswoman for his office said" (the
    possessive read as "he" would be), "an official at the Tarsin port authority". No one
    is guessed: the description stays one."""
    tokens = _with_for_whom(span)
    owner = _titled_owner(span.root, people, recent, since)
    words = []
    for t in tokens:
        if owner is not None and owner[0] <= t.i < owner[1]:
            # "the Oregon Republican’s campaign": Dana Kessler’s, as "the Oregon
            # Republican said" would be hers
            words.append(f"{owner[2]}’s " if t.i == owner[0] else "")
            continue
        words.append(_possessor(t, people, recent, since) + t.whitespace_)
    return "".join(words).strip()


def _titled_owner(
    head: Any, people: PersonIndex, recent: str | None, since: int
) -> tuple[int, int, str] | None:
    """(first token, end token, name) of a possessive owner of ``head`` that is a definite
    description of a person by title or party ("the Oregon Republican’s") and resolves
    to a person of the article; None otherwise."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = owner.lower_
    phrase = noun_phrase(owner)
    if not _is_definite(phrase) or (noun not in TITLE_NOUNS and noun not in PARTY_NOUNS):
        return None
    name = _titled_reference(phrase, noun, people, recent, since).name
    if not people.names(name):
        return None
    end = max([owner.i + 1] + [c.i + 1 for c in owner.children if c.dep_ == "case"])
    return phrase.start, end, name or ""


def _with_for_whom(span: Any) -> Any:
    """``span`` with the short phrase right after it that says whom the person speaks for
    or what they head ("a spokeswoman for the port", "chief of staff")."""
    for prep in span.root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _FOR_WHOM or prep.i != span.end:
            continue
        phrase = list(prep.subtree)
        clause = any(t.dep_ in _CLAUSE_DEPS or t.tag_ in ("WP", "WDT") for t in phrase)
        if len(phrase) <= _MAX_FOR_WHOM_TOKENS and not clause:  # not "two of whom"
            return span.doc[span.start : phrase[-1].i + 1]
        break
    return span


def _possessor(token: Any, people: PersonIndex, recent: str | None, since: int) -> str:
    """A possessive "his"/"her" as the person it refers to ("Rafael Okonjo's"), read as
    "he"/"she" would be; the word itself when no one fits or it is anything else."""
    pronoun = POSSESSIVE_PRONOUNS.get(token.lower_)
    if pronoun is None or token.dep_ != "poss":
        return token.text
    recent = recent if people.names(recent) else None  # "a spokeswoman" quoted last is no "her"
    name = people.antecedent(token.idx, pronoun, recent, since)
    return f"{name}’s" if name else token.text


def _organization_named(head: Any) -> str | None:
    """The many-word name of the organization the model tagged around ``head``, as written
    but for a possessive ("The Justice Department", not "Department" after the title word
    "Justice"; "the Orange County Board of Supervisors" for the Board that heads it); None
    for any other mention."""
    if head.ent_type_ != "ORG" or head.pos_ != "PROPN":
        return None
    ent = _entity_of(head)
    if ent is None or ent.label_ != "ORG" or person_tagged_organization(ent) is not None:
        return None
    name = without_possessive(ent.text)
    words = [w for w in name.lower().split() if w != "the"]
    # a title in it makes a person the model mislabelled ("Councilwoman Rita Vance") unless
    # an organization's word says otherwise ("Justice Department")
    titled = any(w in TITLE_NOUNS or is_title_abbreviation(w) for w in words)
    if titled and not any(w in ORGANIZATION_NOUNS for w in words):
        return None
    return name if len(words) > 1 else None  # one word may be a surname the model mislabels


def _label_in_capitals(span: Any) -> tuple[list[str], str] | None:
    """(name words, title) of a mention written in capitals, as transcripts label their
    speakers ("SEN. OKAFOR" → (["OKAFOR"], "Senator"), "MARK VELASQUEZ"); None for a mention
    in ordinary case or with no name left once titles are set aside."""
    words = [t.text for t in span if t.is_alpha]
    if not words or not all(w.isupper() and len(w) > 1 for w in words):
        return None
    title = [w for w in words if is_title_abbreviation(w) or w.lower() in TITLE_NOUNS]
    name = [w for w in words if w not in title]
    if not name or len(name) > 3:
        return None
    role = " ".join(TITLE_ABBREVIATIONS.get(f"{w.lower()}.", w.title()) for w in title)
    return name, role


def _proper_name(span: Any) -> tuple[str, str]:
    """(name, role) of a mention whose last words are proper nouns: the name is that run,
    the role the words before it ("acting Roe": "Roe", "acting"); ("", "") when the mention
    does not end in a proper noun."""
    tokens = [t for t in span if not t.is_punct and not t.is_space]
    first = len(tokens)
    while first > 0 and tokens[first - 1].pos_ == "PROPN":
        first -= 1
    if first == len(tokens):
        return "", ""
    role = " ".join(
        t.text for t in tokens[:first] if t.dep_ != "det" and t.lower_ not in HONORIFICS
    )
    name = span.doc[tokens[first].i : span.end].text  # as written ("Jean-Marc Roe")
    return _clean_name(name), role


# Prepositions inside an organization's name ("Americans for ...", "Friends of ...").
_NAME_PREPOSITIONS = frozenset({"for", "of", "against"})
_MAX_NAME_BODY_TOKENS = 5  # "Friends of the Harbor and Bay": 5 words after the preposition


def _with_name_body(span: Any) -> Any:
    """``span`` with the rest of an organization's name when the name goes on with a
    preposition and proper nouns: "Americans for Tax Fairness", not "Americans" (the model
    tags the first word a nationality and the rest an organization). Only for a head that
    names a group: a plural proper noun, one tagged a nationality, or one set beside a word
    for a group ("Harbor Action for Oregon, an advocacy group"); a person's "Bo Lind of
    Ohio" stays "Bo Lind", and so does "Ana Roe of the Harbor Union", tagged an
    organization."""
    head = span.root
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in _NAME_PREPOSITIONS:
        return span
    prep = doc[span.end]
    if prep.head.i != head.i or prep.dep_ != "prep":
        return span
    joins = ("the", "and", "&")
    end = prep.i + 1  # the name's words run on from the preposition to the first other word
    while end < len(doc) and (
        doc[end].lower_ in joins or (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper())
    ):
        end += 1
    body = doc[prep.i + 1 : end]
    if not body or len(body) > _MAX_NAME_BODY_TOKENS or body[-1].pos_ != "PROPN":
        return span
    if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):  # the words go on: no name
        return span
    if body[-1].i > prep.right_edge.i:  # the run goes past the preposition's phrase
        return span
    # (the parser hangs the apposition on either the first word or the last)
    group = any(
        c.dep_ == "appos" and (c.lower_ in _GROUP_NOUNS or c.lower_ in ORGANIZATION_NOUNS)
        for c in (*head.rights, *body[-1].rights)
    )
    if not (head.tag_ == "NNPS" or head.ent_type_ == "NORP" or group):
        return span  # (an organization tag alone may be a person's: "Ana Roe of the Union")
    return doc[span.start : end]


def _name_after_title(span: Any) -> tuple[str, str] | None:
    """(name, role) of a mention whose last words are a title and a name of two or three
    capitalized words ("Freshman Ohio Republican Rep Ana Roe": "Ana Roe", "Representative"),
    the role the title written out; None for any other mention. The model may tag such a
    run an organization, which the title shows it is not."""
    tokens = [t for t in span if not t.is_punct]
    titles = [i for i, t in enumerate(tokens) if _title_token(t)]
    if not titles:
        return None
    name = tokens[titles[-1] + 1 :]
    if not 2 <= len(name) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return None
    title = tokens[titles[-1]].text
    role = spelled_title(title) or title.capitalize()
    return _clean_name(span.doc[name[0].i : name[-1].i + 1].text), role


def _title_token(token: Any) -> bool:
    """A title word or abbreviation, with or without its dot ("Rep", "Sen.", "Governor")."""
    return token.lower_ in TITLE_NOUNS or spelled_title(token.text) is not None


def _appositive_person(head: Any) -> str | None:
    """The name set beside a role noun ("the aide, Ann Roe," / "spokesman Ann Roe")."""
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            phrase = noun_phrase(name_head(child))
            # without a title written before the name ("her rival, state Sen. Victor Hale")
            name = split_title(phrase, _person_in(phrase))[0] or _clean_name(phrase.text)
            return name or None
    return None


def _is_definite(span: Any) -> bool:
    return any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in span)
