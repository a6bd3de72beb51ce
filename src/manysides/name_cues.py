"""What the words around a name in a parsed sentence say about the person: titles,
honorifics, roles and gender.

Readings on spaCy spans that the entities stage uses both when it gathers one article's
mentions (:mod:`.mentions`) and when it resolves surnames across a story
(:mod:`.name_resolution`):

- the honorific or title abbreviation that opens a name or stands right before it ("Mrs.",
  "Sen."), and the gender a gendered one ("Mr.", "Mrs.", "Ms.") gives;
- a person's role, from a title before the name ("acting FHEA Administrator Gregory Vance")
  or an apposition after it ("Walter Brandt, president of the ... Association");
- the gender of the he/she/his/her that continues a sentence's subject;
- where a name starts when the model glued a sentence-opening connective onto it ("Plus").

It also holds the package's gender tables (pronouns, honorifics, role nouns), which
:mod:`.speakers` reads too.
"""

from __future__ import annotations

import re
from typing import Any


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_ABBREVIATIONS = {
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
    "brig.": "Brigadier",
    "capt.": "Captain",
    "col.": "Colonel",
    "maj.": "Major",
    "cpl.": "Corporal",
    "pvt.": "Private",
    "adm.": "Admiral",
    "cmdr.": "Commander",
    "spc.": "Specialist",
    "rev.": "Reverend",
    "prof.": "Professor",
    "ag": "Attorney General",
}
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "sir"})
# A party tag the model ran into the name before it ("Sen. Ana Roe D-Calif., said").
TRAILING_PARTY_TAG = re.compile(r"\s+[DRI]-[A-Z][A-Za-z.]*$")
# Party words of the roles and descriptions that state a politician's party ("Democratic
# Sen.", "the Idaho Republican", "GOP Rep."), as the party a member belongs to.
PARTY_OF_WORD = {
    "democrat": "Democrat",
    "democratic": "Democrat",
    "republican": "Republican",
    "gop": "Republican",
    "independent": "Independent",
    "libertarian": "Libertarian",
}
# Nouns a party member is named by ("a Democrat", "the Kansas Republican").
PARTY_NOUNS = frozenset({"democrat", "republican", "independent", "libertarian"})
# The party the letter of a tag after a name stands for ("(D-Calif.)", ", R-Ore.,"): the US
# convention the tags come from.
PARTY_OF_LETTER = {"D": "Democrat", "R": "Republican", "I": "Independent"}

# The gender tables of the package (speakers reads them too): the gender that pronouns,
# honorifics and role nouns carry, as grammar says it, never a guess from a first name.
MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {
    "he": MALE,
    "him": MALE,
    "his": MALE,
    "himself": MALE,
    "she": FEMALE,
    "her": FEMALE,
    "hers": FEMALE,
    "herself": FEMALE,
}
# The honorifics that say a person's gender ("Dr.", "Sen." and "Gov." do not), keyed
# without the period (see honorific_key).
HONORIFIC_GENDER = {"mr": MALE, "sir": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE}
ROLE_GENDER = {
    "spokesman": MALE,
    "congressman": MALE,
    "chairman": MALE,
    "businessman": MALE,
    "councilman": MALE,
    "husband": MALE,
    "father": MALE,
    "spokeswoman": FEMALE,
    "congresswoman": FEMALE,
    "chairwoman": FEMALE,
    "businesswoman": FEMALE,
    "councilwoman": FEMALE,
    "wife": FEMALE,
    "mother": FEMALE,
    # kinship ("his brother, Emil Weil"; "Ana Roe, his daughter")
    "son": MALE,
    "brother": MALE,
    "grandfather": MALE,
    "uncle": MALE,
    "nephew": MALE,
    "widower": MALE,
    "daughter": FEMALE,
    "sister": FEMALE,
    "grandmother": FEMALE,
    "aunt": FEMALE,
    "niece": FEMALE,
    "widow": FEMALE,
    "lady": FEMALE,  # "first lady Ana Roe"
}
# Words that introduce someone as another person's relative ("his wife, Ana Roe"): the
# surname alone then names the other person (as it does beside a serving "first lady").
KIN_WORDS = frozenset(
    {"wife", "husband", "spouse", "son", "daughter", "brother", "sister", "mother", "father"}
    | {"grandfather", "grandmother", "uncle", "aunt", "nephew", "niece", "cousin", "widow"}
    | {"widower", "stepson", "stepdaughter", "stepmother", "stepfather"}
)
# The pronouns that can continue a sentence's subject ("Ana Ruiz said ... She added ...",
# "... her office"): subject and possessive forms, not object or reflexive ones.
_CONTINUING_PRONOUNS = frozenset({"he", "she", "his", "her"})
_PRONOUN_ROLES = frozenset({"nsubj", "nsubjpass", "poss"})
# Words that make a role ("acting ICE Director"): offices and their modifiers.
_TITLE_WORDS = wordset(
    """president vice governor lieutenant mayor senator representative congressman
    congresswoman attorney general secretary director administrator commissioner chief
    judge justice sheriff chairman chairwoman chair speaker minister chancellor prosecutor
    superintendent inspector officer spokesman spokeswoman spokesperson ambassador
    council member councilmember supervisor treasurer controller auditor engineer organizer
    professor founder ceo executive manager head leader lawmaker"""
)
_ROLE_MODIFIERS = frozenset(
    {"acting", "former", "interim", "deputy", "assistant", "senior", "regional", "executive"}
    | {"police", "fire"}  # "Police Chief Ana Ruiz": a chief of what
    | {"press", "campaign", "communications", "national"}  # "national press secretary"
)
_ROLE_DROP = frozenset({"state", "federal", "u.s.", "then", "the", "a", "an", "(", ")", ","})


# Words that open a sentence as a connective or adverb, which the small model glues onto
# the name after them ("Plus Obama said", "Meanwhile Quill filed"): never part of a name.
_OPENING_CONNECTIVES = wordset(
    """plus also meanwhile still however moreover furthermore besides instead yet then now
    thus so and but or nor indeed later earlier meantime separately finally again even only
    overall afterward afterwards nonetheless nevertheless likewise similarly otherwise
    additionally ultimately eventually"""
)
# Parts of speech of a sentence's first word that make it a connective or adverb, not the
# start of a name, when the model puts it inside one ("Plus" reads CCONJ, "Hopefully" ADV).
_CONNECTIVE_POS = frozenset({"CCONJ", "SCONJ", "ADV", "INTJ"})
# Cues a sentence may open with before the speaker's name ("Said Ellis: “...”").
_INVERTED_CUES = wordset("said says added adds asked asks wrote writes")
_GLUED_OPENERS = _OPENING_CONNECTIVES | _INVERTED_CUES


def name_span(ent: Any) -> Any:
    """``ent`` without the connectives, adverbs or inverted cue that open its sentence glued
    to its start ("Obama" from "Plus Obama", "Ellis" from "Said Ellis"); ``ent`` itself
    when it has none."""
    doc = ent.doc
    if not all(t.is_punct for t in doc[ent.sent.start : ent.start]):
        return ent  # only a sentence's first words (after a quotation mark, a dash) qualify
    start = ent.start
    while start < ent.end - 1 and (
        doc[start].lower_ in _GLUED_OPENERS or doc[start].pos_ in _CONNECTIVE_POS
    ):
        start += 1
    return ent if start == ent.start else doc[start : ent.end]


def honorific_of(ent: Any) -> str:
    """The honorific or title abbreviation that opens the name or stands right before it
    ("Mrs." in "Mrs. Ruiz"), as written; "" when there is none."""
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    for token in (ent[0], first):
        if token is not None and is_title_abbreviation(token.text):
            return str(token.text)
    return ""


def honorific_key(honorific: str) -> str:
    return honorific.lower().rstrip(".")


# A generational suffix written with its dot, which belongs to the name ("Trump Jr.").
_DOTTED_SUFFIX = re.compile(r"\b(?:Jr|Sr)\.$")


def suffix_dot(name: str) -> str:
    """"." when ``name`` ends in a suffix whose dot is part of it ("Donald Trump Jr."), so
    the dot a cleaner strips with the sentence's punctuation can be put back; else ""."""
    return "." if _DOTTED_SUFFIX.search(name.rstrip(" ,;:!?\"“”‘’'()[]")) else ""


def without_possessive(name: str) -> str:
    """``name`` without the possessive ending it ("Tecora" from "Tecora's" or "Tecoras'")."""
    return re.sub(r"(?:’s|'s|’|')$", "", name).strip()


def is_title_word(word: str) -> bool:
    """An office or its abbreviation ("General", "Gov.", "Mayor")."""
    return word.lower() in _TITLE_WORDS or is_title_abbreviation(word)


def is_title_abbreviation(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return f"{lower}." in TITLE_ABBREVIATIONS or lower in HONORIFICS


def spelled_title(word: str) -> str | None:
    """A title abbreviation written out, with or without its dot ("Gov." or "Gov", which an
    outlet may write or the tokenizer split from its dot, is "Governor"); None otherwise."""
    lower = word.lower()
    return TITLE_ABBREVIATIONS.get(lower) or TITLE_ABBREVIATIONS.get(f"{lower}.")


def pronoun_gender(subject: Any, names: frozenset[str] = frozenset()) -> str | None:
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
            continuing = token.lower_ in _CONTINUING_PRONOUNS
            return PRONOUN_GENDER.get(token.lower_) if continuing else None
    return None


# --- roles ---------------------------------------------------------------------------------


def role_of(ent: Any) -> str | None:
    """A person's role: a title before the name ("Judge Ana Roe"), completed by the
    organization after it ("... of the Tarsin Superior Court"); else an apposition ("Ana
    Roe, president of ..."); else a title shared with people named before; else the
    organization alone ("of the Tarsin Tenants Union")."""
    title = _title_before(ent)
    held = _held_at(ent)
    if title:
        return f"{title} {held}" if held else title
    return apposition_after(ent) or _shared_title(ent) or held


def _held_at(ent: Any) -> str | None:
    """ "of the Tarsin Tenants Union" in "Ana Roe of the Tarsin Tenants Union said" (or "Judge
    Ana Roe of the Tarsin Superior Court"): the organization a person is with, as the
    article writes it beside the name; None when "of" names no organization (a place)."""
    doc, end = ent.doc, ent.end
    if (
        end + 1 >= len(doc)
        or doc[end].lower_ != "of"
        or doc[end].head.i not in range(ent.start, end)
    ):
        return None
    starts = (end + 1, end + 2) if doc[end + 1].lower_ == "the" else (end + 1,)
    organization = next((e for e in doc.ents if e.start in starts), None)
    if organization is None or organization.label_ != "ORG" or len(organization) > 8:
        return None
    return doc[end : organization.end].text


def _shared_title(ent: Any) -> str | None:
    """ "Senator" for Bo Lind in "Sens. Ana Roe and Bo Lind": a plural title before the
    first of people named together is each one's."""
    root = ent.root
    if root.dep_ != "conj" or root.head.ent_type_ != "PERSON" or root.head.i >= ent.start:
        return None
    first = next((e for e in ent.doc.ents if e.start <= root.head.i < e.end), None)
    if first is None:
        return None
    first = past_titles(first)
    return _title_before(first) if _plural_title_before(first) else None


def past_titles(ent: Any) -> Any:
    """``ent`` without the honorifics and title abbreviations that open it ("Jeff Roe" of
    "Sen Jeff Roe", "Sens. Ana Roe"), so that they read as the title before the name;
    itself when none."""
    start = ent.start
    while start < ent.end - 1 and (
        is_title_abbreviation(ent.doc[start].text) or ent.doc[start].text == "."
    ):
        start += 1
    return ent if start == ent.start else ent.doc[start : ent.end]


def _title_before(ent: Any) -> str | None:
    """ "acting FHEA Administrator" in "acting FHEA Administrator Gregory Vance"; place names and "state"
    are dropped ("California Attorney General" → "Attorney General")."""
    doc = ent.doc
    words: list[str] = []
    i = ent.start - 1
    speaks = ent.end < len(doc) and doc[ent.end].lemma_ in ("say", "tell", "add", "write")
    if i >= 0 and (doc[i].text == "," and speaks or doc[i].is_quote):
        return None  # "The president, Ruiz said": the title is another clause's subject
    while i >= 0 and doc[i].sent == ent.sent:
        token = doc[i]
        lower = token.lower_
        spelled = spelled_title(lower)
        if not words and doc[i + 1 : ent.start].text.strip() == "," and _after_a_name(doc, i):
            break  # another person's surname ("letters from Mark Judge, Roe could ...")
        if words and _joins_titles(doc, i):
            words[-1] = f"{doc[i - 1].text}-{words[-1]}"  # "Secretary-General"
            i -= 2
            continue
        if spelled or lower in _TITLE_WORDS or lower in _ROLE_MODIFIERS:
            words.append(spelled or token.text)
        elif words and _bracketed_acronym(doc, i):
            words.append(doc[i - 1].text)  # "Department of ... (DHS) Director": "DHS Director"
            break
        elif words and lower in PARTY_OF_WORD:
            # a party caucus's office ("Senate GOP leader") or the party's own committee
            # ("Democratic National Committee Chairman") keeps the party; else it is an
            # affiliation, not part of the role ("GOP Sen.", "Ohio Republican Rep.")
            committee = [w.lower() for w in words[-2:]] == ["committee", "national"]
            if not committee and (i == 0 or doc[i - 1].lower_ not in _CHAMBERS):
                break
            words.append(token.text)
        elif words and _office_domain(token, words):
            words.append(token.text)  # "County Housing Director", "Senate Majority Leader"
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
    # (an abbreviation is written out: "AG" is "Attorney General", two words; a plural one
    # is each person's in the singular: "Sens." → "Senator")
    words = [_singular_title(w) for w in " ".join(words).split()]
    if not any(part in _TITLE_WORDS for w in words for part in w.lower().split("-")):
        return None
    return " ".join(words) or None


def _joins_titles(doc: Any, i: int) -> bool:
    """Whether ``doc[i]`` is a hyphen with no space joining a title word to the one after
    it ("Secretary-General", "Attorney-General")."""
    return (
        i >= 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].lower_ in _TITLE_WORDS
    )


def _after_a_name(doc: Any, i: int) -> bool:
    """Whether token ``i`` follows a word of a person's name ("Judge" in "Mark Judge")."""
    return i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].pos_ == "PROPN"


def party_before(ent: Any) -> str | None:
    """The party a word gives in the run of titles and places right before a name: "Republican"
    for "Ohio Republican Rep. Ana Roe", "Democrat" for "Democratic Sen. Ana Roe" or "House
    Democratic Leader Ana Roe". "Independent" is left out there: "Independent Counsel Ana Roe"
    holds an office."""
    doc, i = ent.doc, ent.start - 1
    while i >= ent.sent.start:
        token = doc[i]
        party = PARTY_OF_WORD.get(token.lower_)
        if party and party != "Independent":
            return party
        capitalized = token.pos_ == "PROPN" and (token.is_title or token.is_upper)
        if not (capitalized or token.text == "." or is_title_word(token.text)):
            return None  # the run ends ("a veteran Republican lawmaker" is someone else's run)
        i -= 1
    return None


# Chambers whose party caucuses have offices ("House Democratic Whip").
_CHAMBERS = frozenset({"senate", "house", "assembly"})


def _office_domain(token: Any, title: list[str]) -> bool:
    """A capitalized word that says what an office is of, before its ``title`` words
    ("Housing" in "County Housing Director", "Majority" in "Senate Majority Leader"): a
    proper noun in title case or capitals that the model tags no place, person or group of
    people, before no office of a place (whose place the role leaves out: "Oakland Mayor")."""
    return (
        not _PLACE_OFFICE_WORDS & wordset(" ".join(title).lower())
        and token.pos_ == "PROPN"
        and (token.is_title or token.is_upper)
        and token.ent_type_ in ("ORG", "")
        and token.lower_ not in _ROLE_DROP
    )


def _bracketed_acronym(doc: Any, i: int) -> bool:
    """Whether ``doc[i]`` closes a bracketed acronym ("(DHS)") right before a title."""
    return (
        i >= 2
        and doc[i].text == ")"
        and doc[i - 2].text == "("
        and doc[i - 1].is_upper
        and len(doc[i - 1]) > 1
    )


def _singular_title(word: str) -> str:
    """ "Senator" for "Senators"; any other word as it is."""
    plural = word.endswith("s") and word[:-1].lower() in _TITLE_WORDS
    return word[:-1] if plural else word


def _plural_title_before(ent: Any) -> bool:
    """Whether a plural title stands right before ``ent`` ("Sens.", "Senators")."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and doc[i].text == ".":
        i -= 1
    if i < 0:
        return False
    lower = doc[i].lower_
    spelled = spelled_title(lower) or lower
    last = spelled.split()[-1] if spelled.split() else ""  # (a line break is a token)
    return _singular_title(last) != last


def apposition_after(ent: Any) -> str | None:
    """ "president of the ... Association" in "Walter Brandt, president of the ... Association"."""
    doc = ent.doc
    for child in ent.root.rights:
        if child.dep_ != "appos" or child.ent_type_ == "PERSON" or child.i < ent.end:
            continue
        words, counted = [], 0
        for token in doc[child.left_edge.i : child.right_edge.i + 1]:
            if token.text == "&":  # "Tarr & Vane"
                words.append("& ")
                continue
            if counted == 12:
                words = _before_last_conjunction(words)  # not "... thorn in the side of"
                break
            if token.text in (",", "(", "—", "–", ";", "who", "which", "whose"):
                break
            if token.text == "-" or token.tag_ == "POS":
                words.append(token.text_with_ws)  # "69-year-old", "Bush's": no word of their own
            elif not token.is_punct or token.text in (".", "'", "’"):
                words.append(token.text_with_ws)
                counted += 1
        text = "".join(words).strip(" -")
        text = re.sub(r"^(?:the|a|an)\s+", "", text)
        # "the agency's acting administrator" is an acting administrator: a common noun
        # owning the role says which agency only beside the name; a named owner ("NEBA's")
        # or an office ("the governor's adviser") says it anywhere
        owner = re.match(r"([a-z]+)['’]s\s+", text)
        if owner and not is_title_word(owner.group(1)):
            text = text[owner.end() :]
        titled = any(w.lower() in _TITLE_WORDS for w in text.split())
        if text and (titled or child.lower_ in _STANDING_NOUNS):
            return text
    return None


def _before_last_conjunction(words: list[str]) -> list[str]:
    """An apposition cut at its length limit, back to before its last "and"/"or" ("attorney
    for Ana Roe" of "attorney for Ana Roe and frequent critic of the ..."); as it is when it
    has none."""
    cuts = [i for i, w in enumerate(words) if w.strip() in ("and", "or")]
    return words[: cuts[-1]] if cuts else words


# Nouns for someone's standing in a place ("a Tecora landlord", "the Brindle retiree"):
# both a role (_STANDING_NOUNS) and a sign that the name before them is a place
# (_RESIDENT_NOUNS). Written for this project.
_LOCAL_STANDINGS = wordset(
    """resident native owner homeowner landlord tenant farmer rancher shopkeeper retiree
    veteran businessman businesswoman"""
)
# Nouns that say what someone is when no title does ("Ana Roe, a Tecora landlord", "Tom
# Rusk, the Brindle retiree whose boat sank"): occupations and standings a story gives its
# people. Written for this project; kin and "man"/"woman" say too little to be a role.
_STANDING_NOUNS = _LOCAL_STANDINGS | wordset(
    """lawyer economist analyst researcher scientist historian teacher student nurse doctor
    physician activist advocate developer consultant strategist pastor priest rabbi imam
    pollster author writer volunteer aide adviser advisor staffer official"""
)


# --- places and organizations ---------------------------------------------------------------

# Nouns that say what kind of thing a name is when it stands in apposition ("Mexicali, a
# border city") or after "of" ("the city of Mexicali"). Common English nouns, not names.
PLACE_NOUNS = wordset(
    """city town village county state province region district suburb capital country
    island lake river valley area neighborhood neighbourhood community port municipality
    hamlet borough territory peninsula resort airport site park"""
)
ORGANIZATION_APPOSITIONS = wordset(
    """company firm maker manufacturer corporation conglomerate group chain carrier airline
    retailer agency bank organization organisation charity coalition insurer lender
    broadcaster newspaper network union association subsidiary unit brokerage"""
)
# Nouns for someone from or of a place, which a place's name modifies after "a" ("a
# Tecora landlord"); a person's name takes other nouns there ("a Ruiz supporter").
_RESIDENT_NOUNS = _LOCAL_STANDINGS | wordset("man woman couple family household")


# Nouns that, owned by a name, make it a place's: its government, its laws, its people
# ("Tarsin's governor", "Tarsin's housing law", "Tarsin's taxpayers"). A company has a
# chief, a board and employees, not these. Written for this project from news usage.
_OF_A_PLACE = wordset(
    """governor mayor legislature legislator legislators lawmakers capital capitol
    constitution law laws statute residents taxpayers citizens counties towns cities borders
    border"""
)


def _governs_a_place(noun: Any) -> bool:
    """``noun`` (owned by a name) is a place's: one of _OF_A_PLACE, or "attorney general"."""
    if noun.lower_ in _OF_A_PLACE:
        return True
    return noun.lower_ == "general" and any(c.lower_ == "attorney" for c in noun.lefts)


def _indefinite(noun: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def _someone(noun: Any) -> bool:
    """ "a Tecora owner", or "the Tecora retiree" set beside a person's name ("Ana Roe, the
    Tecora retiree"): one person the noun describes, not "the Roe family"."""
    if _indefinite(noun):
        return True
    beside = noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON"
    return beside and noun.lower_ not in _KIN and not noun.tag_.endswith("S")


# Nouns that, owned by a name, make it a person's ("Trevor's mother").
_KIN = wordset(
    """father mother parents parent son daughter sons daughters brother sister brothers
    sisters wife husband widow children child family grandmother grandfather uncle aunt
    nephew niece cousin"""
)
# Prepositions whose object is a place when nothing says it is a person ("in Mexicali",
# "near Mexicali"); "at" only after a noun ("the manager at ..."), since one looks at people.
_PLACE_PREPOSITIONS = wordset("in near outside across throughout inside around")
_COMPASS_OF = wordset("north south east west northeast northwest southeast southwest outskirts")
# Words whose "in" takes no place: one has faith, trust, a stake in someone ("faith in Ana
# Ruiz", "believe in Ruiz"), lemmas.
_IN_WITHOUT_PLACE = wordset(
    """faith trust confidence belief believe interest invest investment stake hope pride
    role part participate succeed share"""
)
# Verbs of going or sending whose "to" names a place ("sent to Tarsin", "fled to Tarsin"),
# lemmas; not "move", "return" or "transfer", which also go to a company or a person.
_SENT_OR_GONE = wordset("send travel fly deploy dispatch drive flee evacuate relocate")
# The kinds a name's context may give it besides the entity types: "product" (a drug, a car,
# a device the text says is made or marketed); the entities stage types such names "other".
PRODUCT = "product"
# Nouns for a people: a name that modifies one ("the Navajo reservation", "Cayuga tribe
# members") or stands in apposition with one ("the Santee Sioux, the tribe ...") is a
# people's name, which the entities stage types "other" as it does nationalities.
_PEOPLE_NOUNS = wordset("tribe tribes band reservation reservations pueblo people indian indians")
# Nouns in apposition that say a name is a product ("Enbrel, a drug for arthritis", "the
# painkiller Celebrex"), and the verbs by whose agent a product is made ("Celebrex, made by
# Searle", "marketed as Celebrex").
_PRODUCT_NOUNS = wordset(
    """drug pill tablet painkiller medication medicine vaccine inhibitor treatment product
    brand car sedan vehicle truck phone smartphone device software app console"""
)
_MAKING_VERBS = wordset("make manufacture develop market produce sell design build co-market")
# Company forms written after a company's name ("Pfizer Inc.", "Glaxo PLC", "Daimler AG"):
# the stage's one list of them (the cue after a name, a name's last word, "Acme Corp" as
# "Acme"). Spelling, lowercase without periods ("S.A." is "sa"), → the form it writes, so
# "Corporation" and "Corp" are one form ("British Aircraft Corp" is "British Aircraft
# Corporation"). General legal forms of US/UK/EU company law, not a list of companies.
_COMPANY_FORM_SPELLINGS = {
    **dict.fromkeys(("inc", "incorporated"), "inc"),
    **dict.fromkeys(("corp", "corporation"), "corp"),
    **dict.fromkeys(("co", "company"), "co"),
    **dict.fromkeys(("ltd", "limited"), "ltd"),
    **{form: form for form in ("plc", "llc", "llp", "lp", "ag", "sa", "nv", "gmbh")},
}
# Forms that, in capitals and undotted, also abbreviate an office or a state after a place's
# name ("the California AG" is its attorney general, "Reno NV" a town): a company form there
# only after a name that is no place.
_FORMS_ALSO_ABBREVIATIONS = frozenset({"ag", "co", "nv", "sa"})


def company_form(word: str) -> str | None:
    """The company form ``word`` writes ("corp" for "Corp." and "Corporation", "sa" for
    "S.A."); None when it is no company form."""
    return _COMPANY_FORM_SPELLINGS.get(word.lower().replace(".", ""))


def also_abbreviates(word: str) -> bool:
    """ "AG", "CO", "NV", "SA" as written in capitals: after a place they are an office or a
    state (see _FORMS_ALSO_ABBREVIATIONS), not a company's form."""
    return word.isupper() and "." not in word and company_form(word) in _FORMS_ALSO_ABBREVIATIONS


def without_company_form(name: str) -> str:
    """``name`` without the company forms that end it and the "and"/"&" before them
    ("Bear Stearns" from "Bear Stearns & Co. Inc."); "" when nothing else is left."""
    words = name.replace(",", " ").split()
    while words and (company_form(words[-1]) or words[-1].lower() in ("and", "&")):
        words.pop()
    return " ".join(words)


# Offices held for a place: the one-word name before them is that place ("Oakland Mayor",
# "Tarsin Attorney General"); written for this project from US and UK usage. Offices that
# companies also have ("Treasurer", "Secretary") are left out.
_OFFICES_OF_A_PLACE = (
    ("mayor",),
    ("governor",),
    ("gov.",),
    ("sheriff",),
    ("attorney", "general"),
    ("ag",),
    ("lieutenant", "governor"),
    ("lt.", "gov."),
    ("comptroller",),
    ("sen.",),
    ("sens.",),
    ("senator",),
    ("rep.",),
    ("reps.",),
    ("representative",),
)


# Words of the offices held for a place (see _OFFICES_OF_A_PLACE): the capitalized word
# before them is that place, which a role leaves out ("Oakland Mayor" → "Mayor").
_PLACE_OFFICE_WORDS = frozenset({w for office in _OFFICES_OF_A_PLACE for w in office}) - {"general"}


def place_office_after(ent: Any) -> bool:
    """Whether an office of a place and a person's name follow ``ent`` ("Tarsin Attorney
    General Ana Roe"): the office is that place's."""
    doc, end = ent.doc, ent.end
    for office in _OFFICES_OF_A_PLACE:
        after = end + len(office)
        words = tuple(t.lower_ for t in doc[end:after])
        if words == office and after < len(doc) and doc[after].ent_type_ == "PERSON":
            return True
    return False


def context_kind(ent: Any) -> str | None:
    """The kind the words around ``ent`` say it is, None when they say nothing: "person" when
    it owns a kinsman ("Ana's mother"); "organization" before a company form ("Zantor
    Inc."); "place" right after "in"/"near" or "the city of"/"south of", before a state or
    country ("Lisbon, Portugal"); else what an apposition's noun says ("a border city", "the
    nation's largest airline")."""
    doc, root = ent.doc, ent.root
    head = root.head
    if len(ent) == 1 and place_office_after(ent):
        return "place"  # "Tarsin Attorney General Ana Roe"
    after = ent.end
    while after < len(doc) and doc[after].lower_ in ("&", "&amp", ";", "and"):
        after += 1  # "Baum & Co.", "Stearns and Co."
    form = doc[after] if after < len(doc) and (after == ent.end or doc[after].is_title) else None
    if form is not None and _names_company_form(form, ent):
        return "organization"
    if root.dep_ == "poss" and head.lemma_.lower() in _KIN:
        return "person"
    if root.dep_ == "poss" and _governs_a_place(head):
        return "place"  # "Tarsin's governor", "Tarsin's attorney general", "Tarsin's law"
    if root.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" and head.lower_ in PLACE_NOUNS:
        return "place"  # "Charles de Gaulle airport", "the Tecora city council"
    if root.dep_ in ("compound", "nmod") and head.lower_ in _RESIDENT_NOUNS and _someone(head):
        return "place"  # "a Tecora owner", "Ana Roe, the Tecora retiree": someone from a place
    if _after_a_place_preposition(ent):
        return "place"
    after = doc[ent.end : ent.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE":
        return "place"
    return _apposition_kind(ent) or _people_or_product(ent)


def _after_a_place_preposition(ent: Any) -> bool:
    """Whether ``ent`` is the object of the preposition right before it (after "the" at
    most), read as a place's: "in"/"near", "at" after a noun, "to" after a verb of going or
    sending, "of" after a place noun or a compass word, or "of" right after a person's name
    ("Tom Vasko of Brindle said": where he is from, not a person)."""
    doc, root = ent.doc, ent.root
    head = root.head
    the = ent.start > 0 and doc[ent.start - 1].lower_ == "the"
    adjacent = root.dep_ == "pobj" and head.i == ent.start - 1 - the  # not "In 1997 Ana won"
    if not adjacent or any(c.dep_ == "case" for c in root.children):
        return False
    if head.lower_ in _PLACE_PREPOSITIONS and head.head.lemma_.lower() not in _IN_WITHOUT_PLACE:
        return True
    if head.lower_ == "at" and head.head.pos_ in ("NOUN", "PROPN"):
        return True
    if head.lower_ == "to" and head.head.lemma_.lower() in _SENT_OR_GONE:
        return True  # "auditors would be sent to Tarsin"
    if head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS | _COMPASS_OF:
        return True
    return head.lower_ == "of" and len(ent) == 1 and _hometown_of(head)


def _hometown_of(of: Any) -> bool:
    """Whether the word ``of`` hangs on comes right before it and ends a person's name
    ("Ana Ruiz of"): it and the word before it are proper nouns in title case, tagged a
    person or nothing."""
    name = of.head
    beside = name.i == of.i - 1 and name.i > 0
    return beside and _person_name_word(name) and _person_name_word(of.doc[name.i - 1])


def _person_name_word(token: Any) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ in ("PERSON", "")


def _people_or_product(ent: Any) -> str | None:
    """ "other" for a people's name: it modifies a noun for a people ("Navajo leaders" is
    not read, "the Navajo reservation" is) or a noun for a people stands in apposition with
    it ("the largest tribe, the Navajo"); PRODUCT for a product: made or marketed by someone
    ("Celebrex, made by Searle"), named by a product noun ("the painkiller Celebrex", "a
    drug, Celebrex") or what something is marketed as ("marketed as Celebrex")."""
    root = ent.root
    head, last = root.head, ent[-1].lower_
    if last not in _PEOPLE_NOUNS and last != "nation":
        modifies = root.dep_ in ("compound", "amod") and head.i >= ent.end
        # singular: "the Navajo reservation"; "the U.S. tribes" are tribes in a place
        singular = head.tag_ == "NN" and head.is_lower
        if modifies and singular and head.lower_ in _PEOPLE_NOUNS | {"nation"}:
            return "other"
        if root.dep_ == "appos" and head.lower_ in _PEOPLE_NOUNS:
            return "other"
        if _plural_the(ent):
            return "other"
    if root.dep_ == "appos" and head.lemma_.lower() in _PRODUCT_NOUNS:
        return PRODUCT
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in _MAKING_VERBS:
        return PRODUCT
    for child in root.children:
        made = child.dep_ == "acl" and child.lemma_.lower() in _MAKING_VERBS
        if made and any(c.dep_ == "agent" for c in child.children):
            return PRODUCT
        named = child.dep_ in ("amod", "compound", "appos") and child.i < ent.start
        if named and child.lemma_.lower() in _PRODUCT_NOUNS:
            return PRODUCT
    return None


def _names_company_form(form: Any, ent: Any) -> bool:
    """``form`` (the word after ``ent``) is a company form written after it: "Zantor Inc.",
    "Zantor LLC", "Zantor S.A."; not "AG" after a place ("California AG")."""
    if not company_form(form.text) or (form.is_lower and len(form.text) < 4):
        return False  # "co" in lower case is no form ("co-owner" splits to "co")
    return not (also_abbreviates(form.text) and ent.label_ in ("GPE", "LOC"))


def _plural_the(ent: Any) -> bool:
    """ "the Oskeni are voting ...", "the Veltari have ...": a singular-looking name after
    "the" whose verb is plural names a people (a person, place or company takes "is")."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.tag_ != "NNP" or root.is_upper:
        return False
    if root.lower_.endswith("s"):
        return False
    if not (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"):
        return False
    if any(c.dep_ == "conj" for c in root.children):
        return False  # "the Earth and its creatures were": the pair takes "were"
    verb = root.head
    forms = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in forms if t.i > root.i)


def _apposition_kind(ent: Any) -> str | None:
    """The kind the head noun of an apposition set off by a comma after ``ent`` names
    ("Mexicali, a border city"); not "Ana Ruiz of Fremont-based Ocean Bank"."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    for child in ent.root.rights:
        if child.dep_ == "appos" and child.left_edge.i == ent.end + 1 and child.pos_ == "NOUN":
            if child.lower_ in PLACE_NOUNS:
                return "place"
            if child.lower_ in ORGANIZATION_APPOSITIONS:
                return "organization"
            if child.lower_ in _PEOPLE_NOUNS:
                return "other"
            if child.lemma_.lower() in _PRODUCT_NOUNS:
                return PRODUCT
    return None


# --- given names and their familiar forms -----------------------------------------------------

# English given names and the familiar forms news writes for them ("Bill" for William), so
# that "Steve Roe" and "Steven Roe" in one story are one person. Written for this project
# from common usage; a form may belong to several names ("Pat": Patrick, Patricia).
_FAMILIAR_FORMS = {
    "william": "bill billy will willie liam",
    "robert": "bob bobby rob robbie bert",
    "richard": "dick rick rich richie ricky",
    "james": "jim jimmy jamie",
    "john": "jack johnny",
    "joseph": "joe joey",
    "thomas": "tom tommy",
    "michael": "mike mikey mick",
    "steven": "steve stevie",
    "stephen": "steve stevie",
    "edward": "ed eddie ted ned",
    "theodore": "ted teddy theo",
    "charles": "charlie chuck chas",
    "christopher": "chris kit",
    "daniel": "dan danny",
    "david": "dave davey",
    "anthony": "tony",
    "andrew": "andy drew",
    "alexander": "alex sandy",
    "benjamin": "ben benny",
    "samuel": "sam sammy",
    "nicholas": "nick nicky",
    "matthew": "matt",
    "patrick": "pat paddy",
    "peter": "pete",
    "timothy": "tim timmy",
    "kenneth": "ken kenny",
    "donald": "don donny",
    "ronald": "ron ronnie",
    "gerald": "jerry gerry",
    "lawrence": "larry",
    "laurence": "larry",
    "frederick": "fred freddie",
    "francis": "frank",
    "gregory": "greg",
    "jeffrey": "jeff",
    "geoffrey": "jeff",
    "jonathan": "jon",
    "joshua": "josh",
    "nathaniel": "nate nat",
    "raymond": "ray",
    "walter": "walt",
    "harold": "harry hal",
    "henry": "harry hank",
    "leonard": "len lenny",
    "philip": "phil",
    "phillip": "phil",
    "douglas": "doug",
    "albert": "al bert",
    "alfred": "al fred",
    "eugene": "gene",
    "vincent": "vince",
    "zachary": "zach zack",
    "bradley": "brad",
    "stanley": "stan",
    "terrence": "terry",
    "elizabeth": "liz beth betty betsy libby eliza",
    "margaret": "maggie meg peggy marge",
    "katherine": "kate katie kathy kat",
    "catherine": "cathy kate katie",
    "kathryn": "kate katie kathy",
    "patricia": "pat patty trish",
    "jennifer": "jen jenny",
    "susan": "sue susie",
    "deborah": "debbie deb",
    "rebecca": "becky",
    "victoria": "vicky tori",
    "christine": "chris tina",
    "christina": "chris tina",
    "barbara": "barb",
    "cynthia": "cindy",
    "abigail": "abby",
    "jessica": "jess",
    "alexandra": "alex",
    "samantha": "sam",
    "kimberly": "kim",
    "pamela": "pam",
    "judith": "judy",
    "theresa": "terry tess",
    "frances": "fran",
}
# Familiar form → the given names it shortens.
_FULL_FORMS: dict[str, frozenset[str]] = {}
for _name, _forms in _FAMILIAR_FORMS.items():
    for _form in _forms.split():
        _FULL_FORMS[_form] = _FULL_FORMS.get(_form, frozenset()) | {_name}


def given_name_forms(first: str) -> frozenset[str]:
    """The given names ``first`` may be written for, itself included, lowercased: {"bill",
    "william"} for "Bill", {"william"} for "William", {"ana"} for a name the table lacks."""
    lower = first.lower()
    return frozenset({lower}) | _FULL_FORMS.get(lower, frozenset())


def same_given_name(a: str, b: str) -> bool:
    """Whether the first names ``a`` and ``b`` can name one person: equal, or one a familiar
    form of the other, or both of one name ("Bill", "Will")."""
    return bool(given_name_forms(a) & given_name_forms(b))


def known_given_name(word: str) -> bool:
    """A given name or familiar form the table knows ("Peter", "Bill")."""
    lower = word.lower()
    return lower in _FAMILIAR_FORMS or lower in _FULL_FORMS


# --- organization names written several ways ------------------------------------------------

# Words that open an organization's name without changing which one it is ("U.S.
# Immigration and Customs Enforcement" is "Immigration and Customs Enforcement").
_NATIONAL_PREFIXES = ("U.S. ", "US ", "United States ")
_JOINING_WORDS = frozenset({"of", "and", "the", "for", "&"})
# "Parti Quebecois" is the "Party Quebecois" an English text writes.
_PARTY_WORDS = frozenset({"parti", "partido", "partito", "partei"})


def organization_key(name: str) -> tuple[str, ...]:
    """The words that say which organization ``name`` is, in order-free form: "U.S." before
    it and "of"/"and"/"the" in it do not count, a party word in another language is
    "party"; other words do ("state Board of Pilots" is not the "Board of Pilots").
    Lower case."""
    for prefix in _NATIONAL_PREFIXES:
        name = name.removeprefix(prefix)
    words = ("party" if w in _PARTY_WORDS else w for w in name.lower().split())
    return tuple(sorted(w for w in words if w not in _JOINING_WORDS))


def shares_surname(a: str, b: str) -> bool:
    """Whether one name's words hold the other's last word ("Okafor", "Priscilla Okafor")."""
    return a.split()[-1].lower() in b.lower().split() or b.split()[-1].lower() in a.lower().split()
