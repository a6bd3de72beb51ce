"""Who and what a story is about: people, organizations, places and laws, with canonical names.

spaCy's named entities are the raw material; on top of them this module

- finds laws and bills the small model misses or mislabels, with regular expressions over
  the text: bill numbers ("SB54", "AB 450", "H.R. 1234", "House Bill 212") normalized to one
  spelling, and named acts ("the Immigrant Worker Protection Act", "Ordinance 19");
- merges mentions into one entity per referent: a surname into the full name it abbreviates
  ("Okonjo" → "Rafael Okonjo", even where the model tagged the surname ORG or GPE), an
  acronym into the organization it abbreviates ("ICE"), a short act name into the longer one
  it ends ("the Values Act" → "California Values Act"), and aliases the text states
  ("SB54, also known as the California Values Act", "AB 450, or the ... Act");
- when several full names share a surname, reads which one a surname means from the
  articles alone (no name lists): its title ("President Obama" → the Obama titled President),
  its gender (a "Mrs."/"Mr." honorific, or the he/she continuing it) against the genders the
  text gives first names, and after an honorific the most-mentioned candidate; a case it
  cannot decide stays a bare surname rather than a guess;
- mends model slips: "X and Department of ..." glued to a person, "Oakland" before "Mayor"
  tagged an organization, capitalized datelines ("WASHINGTON");
- reads a person's role from a title before the name ("acting FHEA Administrator Gregory Vance")
  or an apposition after it ("Walter Brandt, president of the ... Association");
- drops junk: dates and numbers, one-letter and all-lowercase names, and names found only in
  title-cased headlines ("California AG Pledges").

The entry point is :func:`extract_entities`. Nothing here mutates the shared ``nlp``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy
from spacy.strings import get_string_id

from .model import Entity
from .nlp import ParsedArticle


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON, ORGANIZATION, PLACE, LAW, OTHER = "person", "organization", "place", "law", "other"
_TYPE_OF_LABEL = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "LAW": LAW,
    "NORP": OTHER,
    "EVENT": OTHER,
}
# Labels that are never entities in a report (dates, numbers) or are mostly noise from the
# small model on news text (WORK_OF_ART, PRODUCT, LANGUAGE fire on headlines and site names).

# Bill numbers: chamber prefix, optional space, number. Prefixes of US state and federal bills.
_BILL = re.compile(
    r"\b(?P<prefix>H\.\s?R\.|H\.R|S\.\s?B\.|A\.\s?B\.|H\.\s?B\.|AB|SB|HB|ACA|SCA|HJR|SJR|LB|LD|HF|SF"
    r"|Assembly Bill|Senate Bill|House Bill|Prop\.|Proposition)\s?(?P<number>\d{1,5})\b"
)
_PREFIX_SPELLING = {
    "assembly bill": "AB",
    "senate bill": "SB",
    "house bill": "HB",
    "h.r.": "H.R.",
    "h.r": "H.R.",
    "h. r.": "H.R.",
    "s.b.": "SB",
    "s. b.": "SB",
    "a.b.": "AB",
    "a. b.": "AB",
    "h.b.": "HB",
    "h. b.": "HB",
    "prop.": "Proposition",
    "proposition": "Proposition",
}
# Named acts: capitalized words (small connectives allowed inside) ending in a law noun, on
# one line ("Monday.\n\nActing Director" is no law).
_LAW_NOUN = r"(?:Act|Code|Amendment|Ordinance|Statute|Charter|Resolution|Bill of Rights)"
_NAMED_LAW = re.compile(
    r"\b(?P<name>(?:[A-Z][\w’'.-]*[ \t]+(?:(?:of|for|and|the|on|to|in)[ \t]+)*){1,8}"
    + _LAW_NOUN
    + r")\b(?:[ \t]+(?P<number>\d{1,4})\b)?"
)
_PART_OF_LAW = re.compile(r"(?:Section|Article|Clause|Chapter|Title|Paragraph)\s+\w+$")
_BARE_LAW_NOUN = re.compile(r"(?:Ordinance|Resolution)\s+\d{1,4}\b")
# Phrases that say two law names are the same law: "X, also known as Y", "X, or the Y", "X (Y)".
_ALIAS_LINK = re.compile(
    r"^\W{0,3}(?:(?:also\s+)?(?:known|referred\s+to)(?:\s+(?:in|by|on)\s+(?:the\s+)?\w+)?\s+as|also called|or|\()"
    r"\s*(?:the\s+)?\W{0,2}$|^,\s+the\s+\W?$",
    re.I,
)

_TITLE_ABBREVIATIONS = {
    "gov.": "Governor",
    "sen.": "Senator",
    "sens.": "Senators",
    "rep.": "Representative",
    "reps.": "Representatives",
    "lt.": "Lieutenant",
    "gen.": "General",
    "atty.": "Attorney",
    "sec.": "Secretary",
    "supt.": "Superintendent",
    "det.": "Detective",
    "sgt.": "Sergeant",
    "insp.": "Inspector",
    "pres.": "President",
    "ag": "Attorney General",
}
_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "sir"})
# The honorifics that say a person's gender ("Dr.", "Sen." and "Gov." do not).
_GENDER_OF_HONORIFIC = {
    "mr": "male",
    "sir": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
}
# Subject pronouns that continue a sentence's subject ("Ana Ruiz said ... She added ...").
_GENDER_OF_PRONOUN = {"he": "male", "she": "female", "his": "male", "her": "female"}
_PRONOUN_ROLES = frozenset({"nsubj", "nsubjpass", "poss"})
# Words that make a role ("acting ICE Director"): offices and their modifiers.
_TITLE_WORDS = _wordset(
    """president vice governor lieutenant mayor senator representative congressman
    congresswoman attorney general secretary director administrator commissioner chief
    judge justice sheriff chairman chairwoman chair speaker minister chancellor prosecutor
    superintendent inspector officer spokesman spokeswoman spokesperson ambassador
    council member councilmember supervisor treasurer controller auditor engineer organizer
    professor founder ceo executive manager head leader lawmaker"""
)
_ROLE_MODIFIERS = frozenset(
    {"acting", "former", "interim", "deputy", "assistant", "senior", "regional", "executive"}
)
_ROLE_DROP = frozenset({"state", "federal", "u.s.", "then", "the", "a", "an", "(", ")", ","})


@dataclass(frozen=True)
class _Mention:
    """One occurrence of a name in one article, before merging."""

    article_id: str
    text: str
    kind: str  # person / organization / place / law / other
    start: int
    end: int
    role: str | None = None
    in_headline: bool = False
    surface: str = ""  # the text as written, when merging renamed the mention
    honorific: str = ""  # "Mr.", "Dr.", "Sen." ...: the honorific or title right before the name
    gender: str | None = None  # as the article says: a gendered honorific, or a pronoun after it


# --- finding mentions --------------------------------------------------------------------


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("[", "").replace("]", ""))  # "[Ana] Ruiz"
    if text.count("(") != text.count(")"):
        text = text.split("(")[0]
    text = text.strip(" \t\n,.;:!?\"“”‘’'()[]")
    text = re.sub(r"(?:\s+(?:of|and|for|at|in))+$", "", text)
    text = re.sub(r"(?:’s|'s|’|')$", "", text).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text


def _is_junk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) < 2 or text == text.lower() or not text[0].isalnum()


def _normalize_bill(match: re.Match[str]) -> str:
    prefix = match.group("prefix")
    spelled = _PREFIX_SPELLING.get(prefix.lower(), prefix.upper())
    return f"{spelled} {match.group('number')}"


def _law_mentions(text: str, article_id: str) -> list[_Mention]:
    found = [
        _Mention(article_id, _normalize_bill(m), LAW, m.start(), m.end())
        for m in _BILL.finditer(text)
    ]
    for m in _NAMED_LAW.finditer(text):
        name = _trim_law_name(_clean(m.group(0)))
        if len(name.split()) >= 2 and (not _BARE_LAW_NOUN.match(name) or m.group("number")):
            start = m.start() + m.group(0).find(name.split()[0])
            found.append(_Mention(article_id, name, LAW, start, m.end()))
    return found


# Capitalized words that start a sentence or a clause, not a law's name ("Under the ... Act").
_LEADING_FUNCTION_WORDS = _wordset(
    "under the a an by in on of its his her their this that since after before when while if "
    "because as with without against for from to and but or at"
)


def _trim_law_name(name: str) -> str:
    """ "Open Harbor Act" from "Under the Open Harbor Act" or "Calder's Open Harbor Act"."""
    words = name.split()
    while words and (
        words[0].lower() in _LEADING_FUNCTION_WORDS or re.search(r"[’']s?$", words[0])
    ):
        words = words[1:]
    name = " ".join(words)
    tail = name.rsplit(" the ", 1)[-1]
    return tail if len(tail.split()) >= 2 else name


def _title_cased_lines(text: str) -> list[tuple[int, int]]:
    """Char ranges of headline-like lines: short, most words capitalized, no final period."""
    ranges, offset = [], 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        capitalized = sum(w[0].isupper() for w in words)
        if (
            2 <= len(words) <= 20
            and capitalized / len(words) >= 0.6
            and not line.rstrip().endswith(".")
        ):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _article_mentions(parsed: ParsedArticle) -> list[_Mention]:
    text, aid = parsed.article.text, parsed.id
    laws = _law_mentions(text, aid)
    law_spans = [(m.start, m.end) for m in laws]
    headlines = _title_cased_lines(text)
    mentions = list(laws)
    for ent in parsed.doc.ents:
        kind = _TYPE_OF_LABEL.get(ent.label_)
        if kind is None or _overlaps(ent.start_char, ent.end_char, law_spans):
            continue
        name = _person_name(ent) if kind == PERSON else _clean(ent.text)
        if (
            not name
            or _is_junk(name)
            or (kind == LAW and (len(name.split()) < 2 or _PART_OF_LAW.match(name)))
        ):
            continue
        if kind in (ORGANIZATION, OTHER, PLACE) and _looks_like_person(ent, name):
            kind = PERSON
        kind, name = _place_fixes(ent, kind, name)
        # A one-word name of any label may be a surname ("President Tessaly" tagged GPE).
        role = _role_of(ent) if kind == PERSON or len(name.split()) == 1 else None
        honorific = _honorific_of(ent)
        gender = _GENDER_OF_HONORIFIC.get(_honorific_key(honorific)) or _pronoun_gender(ent)
        mentions.append(
            _Mention(
                aid,
                name,
                kind,
                ent.start_char,
                ent.end_char,
                role,
                honorific=honorific,
                gender=gender,
            )
        )
    return [
        _Mention(
            m.article_id,
            m.text,
            m.kind,
            m.start,
            m.end,
            m.role,
            _overlaps(m.start, m.end, headlines),
            honorific=m.honorific,
            gender=m.gender,
        )
        for m in mentions
    ]


# Offices held for a place: the one-word name before them is that place ("Oakland Mayor").
_OFFICES_OF_A_PLACE = frozenset({"mayor", "governor", "sheriff"})


def _place_fixes(ent: Any, kind: str, name: str) -> tuple[str, str]:
    """A one-word name right before a mayor's or governor's title and their name is the
    place they govern ("Oakland Mayor Ana Ruiz", whatever the model's label); a place written in capitals is a dateline ("WASHINGTON —"), named as usual."""
    doc, end = ent.doc, ent.end
    office = end + 1 < len(doc) and doc[end].lower_ in _OFFICES_OF_A_PLACE
    if kind != LAW and " " not in name and office and doc[end + 1].ent_type_ == "PERSON":
        kind = PLACE
    if kind == PLACE and name.isupper() and len(name) > 4 and "." not in name:
        name = name.title()
    return kind, name


def _honorific_of(ent: Any) -> str:
    """The honorific or title abbreviation that opens the name or stands right before it
    ("Mrs." in "Mrs. Ruiz"), as written; "" when there is none."""
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    for token in (ent[0], first):
        if token is not None and _is_title_abbreviation(token.text):
            return str(token.text)
    return ""


def _honorific_key(honorific: str) -> str:
    return honorific.lower().rstrip(".")


def _honorific_gender(m: _Mention) -> str | None:
    return _GENDER_OF_HONORIFIC.get(_honorific_key(m.honorific))


# Verbs whose subject is a person in news prose; used to catch names the small model tags ORG.
_SPEECH_VERBS = _wordset("say tell add write argue claim insist warn vow promise recall")


def _looks_like_person(ent: Any, name: str) -> bool:
    """A two- or three-word proper name, not ending in an organization word, that speaks
    ("Inés Calloway said") or carries a title by apposition ("..., an organizer with ...")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or words[-1].lower() in _ORGANIZATION_NOUNS or name.isupper():
        return False
    if any(_is_title_abbreviation(w) or w.isupper() for w in words):
        return False
    if not all(t.pos_ == "PROPN" for t in ent if not t.is_punct and t.lower_ != "the"):
        return False
    root = ent.root
    speaks = root.dep_ == "nsubj" and root.head.lemma_ in _SPEECH_VERBS
    return speaks or _apposition_after(ent) is not None


def _person_name(ent: Any) -> str:
    """A PERSON entity's name without honorifics and titles; "" when a title sits inside
    the name ("California Sens"), which means the model glued a title to a place."""
    words = _clean(ent.text).split()
    while words and (words[0].lower() in _HONORIFICS or words[0].lower() in _TITLE_ABBREVIATIONS):
        words = words[1:]
    if any(_is_title_abbreviation(w) for w in words):
        return ""
    return " ".join(words)


def _is_title_abbreviation(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return f"{lower}." in _TITLE_ABBREVIATIONS or lower in _HONORIFICS


# --- roles ---------------------------------------------------------------------------------


def _role_of(ent: Any) -> str | None:
    return _title_before(ent) or _apposition_after(ent)


def _title_before(ent: Any) -> str | None:
    """ "acting FHEA Administrator" in "acting FHEA Administrator Gregory Vance"; place names and "state"
    are dropped ("California Attorney General" → "Attorney General")."""
    doc, words = ent.doc, []
    i = ent.start - 1
    while i >= 0 and doc[i].sent == ent.sent:
        token = doc[i]
        lower = token.lower_
        if lower in _TITLE_ABBREVIATIONS or lower in _TITLE_WORDS or lower in _ROLE_MODIFIERS:
            words.append(_TITLE_ABBREVIATIONS.get(lower, token.text))
        elif token.ent_type_ in ("GPE", "LOC") or lower in _ROLE_DROP or token.is_punct:
            if (
                words
                and lower not in ("state", "federal", "u.s.")
                and token.ent_type_ not in ("GPE", "LOC")
            ):
                break
        elif token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "") and token.is_upper:
            words.append(token.text)  # an agency acronym inside the title ("ICE Director")
        else:
            break
        i -= 1
    words.reverse()
    if not any(w.lower() in _TITLE_WORDS for w in words):
        return None
    while words and not (words[0].lower() in _TITLE_WORDS or words[0].lower() in _ROLE_MODIFIERS):
        words = words[1:]
    return " ".join(words) or None


def _apposition_after(ent: Any) -> str | None:
    """ "president of the ... Association" in "Walter Brandt, president of the ... Association"."""
    doc = ent.doc
    for child in ent.root.rights:
        if child.dep_ != "appos" or child.ent_type_ == "PERSON" or child.i < ent.end:
            continue
        words = []
        for token in doc[child.left_edge.i : child.right_edge.i + 1]:
            if token.text in (",", "(", "—", "–", ";", "who", "which", "whose"):
                break
            if not token.is_punct or token.text in (".", "'", "’"):
                words.append(token.text_with_ws)
        text = "".join(words[:12]).strip()
        text = re.sub(r"^(?:the|a|an)\s+", "", text)
        if text and any(w.lower() in _TITLE_WORDS for w in text.split()):
            return text
    return None


# --- merging mentions into entities ------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _pronoun_gender(subject: Any, names: frozenset[str] = frozenset()) -> str | None:
    """The gender of the he/she/his/her that continues ``subject`` (a span, the subject of
    its sentence's main verb): the next subject or possessive pronoun in the same or the
    next sentence, when no other person is named before it (a PERSON entity, or a word in
    ``names``) and no quotation opens. "Ana Ruiz resigned. She said ..." and "Ana declined
    her father's offer" read female. Not read: object pronouns ("Ana Ruiz thanked him"), and
    subjects of other clauses ("when Ruiz was promoted, he ..." may be anyone)."""
    root = subject.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.i != subject.sent.root.i:
        return None
    doc = subject.doc
    end = subject.sent.end
    end = doc[end].sent.end if end < len(doc) else end
    for token in doc[subject.end : end]:
        if token.ent_type_ == "PERSON" or token.lower_ in names or token.is_quote:
            return None  # another person, or a quotation: its "she" is someone the speaker means
        if token.pos_ == "PRON" and token.dep_ in _PRONOUN_ROLES:
            return _GENDER_OF_PRONOUN.get(token.lower_)
    return None


def _words_among(doc: Any, words: frozenset[str]) -> list[Any]:
    """The tokens of ``doc`` whose lowercase form is in ``words``, found on the Doc's arrays
    (a Python loop over every token costs 0.05 CPU-s on a 25-article DUC 2006 cluster)."""
    if not words:
        return []
    lower = doc.to_array("LOWER")
    wanted = numpy.array([get_string_id(w) for w in words], dtype=lower.dtype)  # adds none
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(lower, wanted))]


def _first_name_genders(
    mentions: Sequence[_Mention], parsed: Sequence[ParsedArticle]
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
                gender = _pronoun_gender(token.doc[token.i : token.i + 1], firsts)
                if gender:
                    seen[token.lower_].add(gender)
    for m in mentions:
        if m.kind != LAW and m.gender and m.text.lower() in firsts:  # "Malia" tagged GPE
            seen[m.text.lower()].add(m.gender)
    return {first: next(iter(g)) for first, g in seen.items() if len(g) == 1}


def _full_names(mentions: Iterable[_Mention]) -> dict[str, set[str]]:
    """Surname (lowercased) → the multi-word person names ending in it."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == PERSON and len(m.text.split()) >= 2:
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


def _expand_surname(m: _Mention, article: dict[str, set[str]], people: _People) -> _Mention:
    """A one-word mention that is the surname of exactly one full name (in its article, else
    in the story) becomes that person, whatever label the model gave it.

    A mention of known gender (its honorific, or what the pronouns after its article's
    mentions of the surname agree on) never takes a full name whose first name is known to be of
    the other gender, and takes one known to be of its gender before one of unknown gender.
    After an honorific ("Mr. Ruiz", "Dr. Ruiz") the candidate mentioned most is taken when
    several share the surname, unless the honorific's gender is known and theirs is not: a
    guess between "Tomas Ruiz" and "Ana Ruiz" for "Mr. Ruiz" is left unmade."""
    if m.kind == LAW or len(m.text.split()) != 1:
        return m
    surname = m.text.lower()
    pools = [article.get(surname, set()), people.story.get(surname, set())]
    if m.role:  # "President Ruiz" is the Ruiz whose full name carries that role
        role = m.role.lower()
        pools = [{n for n in pool if role in people.roles.get(n, ())} for pool in pools] + pools
    gender = m.gender
    if gender:
        known = [{n for n in pool if people.gender(n) == gender} for pool in pools]
        unknown = [{n for n in pool if people.gender(n) is None} for pool in pools]
        pools = [*known, *unknown]
    names = next((sorted(pool) for pool in pools if pool), [])
    chosen = names[0] if len(names) == 1 else None
    if m.honorific and len(names) > 1 and (not gender or people.gender(names[0]) == gender):
        chosen = _most_mentioned(names, people.mentions)
    if not chosen:
        return m
    return _Mention(
        m.article_id,
        chosen,
        PERSON,
        m.start,
        m.end,
        m.role,
        m.in_headline,
        m.text,
        m.honorific,
        m.gender,
    )


def _most_mentioned(names: Sequence[str], mentions: Counter[str]) -> str | None:
    """The name with strictly the most mentions; None on a tie."""
    ranked = sorted(names, key=lambda n: -mentions[n])
    if len(ranked) > 1 and mentions[ranked[0]] == mentions[ranked[1]]:
        return None
    return ranked[0]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _acronym_targets(names: Iterable[str]) -> dict[str, str]:
    """Acronym → the one multi-word name whose capitalized initials spell it ("ICE")."""
    candidates: dict[str, set[str]] = defaultdict(set)
    for name in names:
        if len(name.split()) >= 2:
            candidates[_initials(name)].add(name)
    return {
        acr: next(iter(full))
        for acr, full in candidates.items()
        if len(full) == 1 and len(acr) >= 2
    }


def _law_links(mentions: Sequence[_Mention], texts: dict[str, str], groups: _UnionFind) -> None:
    """Join law names the text says are one law, and short names that end a longer one."""
    laws = sorted((m for m in mentions if m.kind == LAW), key=lambda m: (m.article_id, m.start))
    for a, b in zip(laws, laws[1:], strict=False):
        same_article = a.article_id == b.article_id and b.start >= a.end
        if same_article and _ALIAS_LINK.match(texts[a.article_id][a.end : b.start]):
            groups.union(a.text, b.text)
    names = {m.text for m in laws}
    for short in names:
        longer = [n for n in names if n != short and n.endswith(" " + short)]
        if len(short.split()) >= 2 and len(longer) == 1:
            groups.union(short, longer[0])


def _one_person_per_surname(
    mentions: list[_Mention], article: dict[str, set[str]], people: _People
) -> list[_Mention]:
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


def _without_leading_person(m: _Mention, people: _People) -> _Mention:
    """ "Department of Homeland Security" from "Homan and Department of Homeland Security":
    the model ran a person the story names and an organization into one name."""
    if m.kind != ORGANIZATION or " and " not in m.text:
        return m
    person, organization = m.text.split(" and ", 1)
    named = person.lower() in people.story or person in people.mentions
    return replace(m, text=organization) if named and len(organization.split()) >= 2 else m


def _surname_genders(mentions: Sequence[_Mention]) -> dict[str, str]:
    """Surname (lowercased) → gender, from one article's one-word mentions whose gender is
    known and agrees: news style names one person by one surname within an article."""
    seen: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.gender and m.kind != LAW and len(m.text.split()) == 1:
            seen[m.text.lower()].add(m.gender)
    return {surname: next(iter(g)) for surname, g in seen.items() if len(g) == 1}


def _resolve_names(
    per_article: Sequence[list[_Mention]], parsed: Sequence[ParsedArticle] = ()
) -> list[_Mention]:
    """Surnames → full names, acronyms → organization names."""
    everyone = [m for ms in per_article for m in ms]
    mentions_of = Counter(m.text for m in everyone if m.kind == PERSON and len(m.text.split()) >= 2)
    roles: dict[str, set[str]] = defaultdict(set)
    for m in everyone:
        if m.kind == PERSON and m.role and len(m.text.split()) >= 2:
            roles[m.text].add(m.role.lower())
    genders = _first_name_genders(everyone, parsed)
    people = _People(_full_names(everyone), mentions_of, genders, roles)
    mentions: list[_Mention] = []
    for ms in per_article:
        article, surname_genders = _full_names(ms), _surname_genders(ms)
        # One pronoun may mislead ("Ruiz urged that he ..."): a surname takes the gender its
        # article's mentions agree on, or its own honorific's.
        ms = [
            replace(m, gender=_honorific_gender(m) or surname_genders.get(m.text.lower()))
            if len(m.text.split()) == 1
            else m
            for m in ms
        ]
        expanded = [_expand_surname(m, article, people) for m in ms]
        mentions.extend(_one_person_per_surname(expanded, article, people))
    mentions = [_without_leading_person(m, people) for m in mentions]
    organizations = {m.text for m in mentions if m.kind == ORGANIZATION}
    acronyms = _acronym_targets(organizations)
    return [
        _Mention(
            m.article_id,
            acronyms[m.text],
            ORGANIZATION,
            m.start,
            m.end,
            m.role,
            m.in_headline,
            m.text,
        )
        if m.kind in (ORGANIZATION, OTHER, PLACE) and m.text.isupper() and m.text in acronyms
        else m
        for m in mentions
    ]


# Last words that make a name an organization whatever the model said ("... Sheriff's Department").
_ORGANIZATION_NOUNS = _wordset(
    """department office board association union court agency administration council
    commission service university committee company corporation foundation institute party
    bureau authority news times post press journal herald courier ledger daily network group
    police legislature"""
)


def _acronym_mentions(mentions: Sequence[_Mention], texts: dict[str, str]) -> list[_Mention]:
    """Occurrences of an organization's acronym the model did not tag ("(ICE)", "ICE agents")."""
    acronyms = _acronym_targets({m.text for m in mentions if m.kind == ORGANIZATION})
    if not acronyms:
        return []
    taken = defaultdict(list)
    for m in mentions:
        taken[m.article_id].append((m.start, m.end))
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, acronyms)) + r")\b")
    found = []
    for aid, text in texts.items():
        for match in pattern.finditer(text):
            if not _overlaps(match.start(), match.end(), taken[aid]):
                found.append(
                    _Mention(
                        aid,
                        acronyms[match.group(1)],
                        ORGANIZATION,
                        match.start(),
                        match.end(),
                        surface=match.group(1),
                    )
                )
    return found


def _department_links(mentions: Sequence[_Mention], groups: _UnionFind) -> None:
    """ "Justice Department" and "Justice" alone are "Department of Justice"."""
    names = {m.text for m in mentions if m.kind == ORGANIZATION}
    for name in names:
        match = re.fullmatch(r"(\w+) (Department|Ministry|Office)", name)
        if match and f"{match.group(2)} of {match.group(1)}" in names:
            groups.union(name, f"{match.group(2)} of {match.group(1)}")
        whole = [f"{kind} of {name}" for kind in ("Department", "Ministry")]
        if sum(w in names for w in whole) == 1:
            groups.union(name, next(w for w in whole if w in names))


def _entity_type(group: Sequence[_Mention]) -> str:
    kinds = Counter(m.kind for m in group)
    if kinds[PLACE] and group[0].text.split()[-1].lower() in _ORGANIZATION_NOUNS:
        return ORGANIZATION
    for decisive in (LAW, PERSON):
        if kinds[decisive] and (
            decisive == LAW or any(len(m.text.split()) > 1 for m in group if m.kind == PERSON)
        ):
            return decisive
    return kinds.most_common(1)[0][0]


def _canonical_name(group: Sequence[_Mention], kind: str) -> str:
    counts = Counter(m.text for m in group)
    if kind == LAW:
        named = [n for n in counts if not _BILL.fullmatch(n)]
        if named:
            return max(named, key=lambda n: (len(n.split()), counts[n]))
    if kind == PERSON:
        return max(counts, key=lambda n: (len(n.split()), counts[n]))
    return max(counts, key=lambda n: (counts[n], len(n)))


def _most_common_role(group: Sequence[_Mention]) -> str | None:
    roles = [m.role for m in group if m.role]
    if not roles:
        return None
    counts = Counter(r.lower() for r in roles)
    best = max(counts, key=lambda r: (counts[r], r[0].islower()))  # "acting" over "Acting"
    return next(r for r in roles if r.lower() == best)


def _build_entity(group: Sequence[_Mention], article_order: dict[str, int]) -> Entity:
    kind = _entity_type(group)
    name = _canonical_name(group, kind)
    per_article = Counter(m.article_id for m in group)
    aliases = sorted({m.surface or m.text for m in group} - {name}, key=str.lower)
    return Entity(
        name=name,
        type=kind,
        mentions=tuple(sorted(per_article.items(), key=lambda item: article_order[item[0]])),
        role=_most_common_role(group) if kind == PERSON else None,
        aliases=tuple(aliases),
    )


def extract_entities(parsed: Sequence[ParsedArticle]) -> tuple[Entity, ...]:
    """People, organizations, places, laws and other names in a story, one entity per
    referent, with per-article mention counts; most mentioned first."""
    mentions = _resolve_names([_article_mentions(p) for p in parsed], parsed)
    texts = {p.id: p.article.text for p in parsed}
    mentions += _acronym_mentions(mentions, texts)
    groups = _UnionFind()
    _law_links(mentions, texts, groups)
    _department_links(mentions, groups)
    by_root: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_root[groups.find(m.text).lower()].append(m)
    article_order = {p.id: i for i, p in enumerate(parsed)}
    entities = [
        _build_entity(group, article_order)
        for group in by_root.values()
        if not all(m.in_headline for m in group)
    ]
    return tuple(sorted(entities, key=lambda e: (-sum(n for _, n in e.mentions), e.name)))
