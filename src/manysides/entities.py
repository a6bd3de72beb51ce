"""Who and what a story is about: people, organizations, places and laws, with canonical names.

spaCy's named entities are the raw material; on top of them this stage

- finds laws and bills the small model misses or mislabels, with regular expressions over
  the text: bill numbers ("SB54", "AB 450", "H.R. 1234", "House Bill 212") normalized to one
  spelling, and named acts ("the Immigrant Worker Protection Act", "Ordinance 19");
- merges mentions into one entity per referent: a surname into the full name it abbreviates
  ("Okonjo" → "Rafael Okonjo", even where the model tagged the surname ORG or GPE), an
  acronym into the organization it abbreviates ("ICE"), a short act name into the longer one
  it ends ("the Values Act" → "California Values Act"), and aliases the text states
  ("SB54, also known as the California Values Act", "AB 450, or the ... Act"); a familiar
  given name into the full one ("Bill Roe" → "William Roe"); an organization's spellings
  ("Acme Corp"/"Acme Corporation"/"Acme", "U.S. X"/"X", "Corps of Engineers" → "Army Corps
  of Engineers", "Parti"/"Party Quebecois") and a people's plural ("Navajos" → "Navajo");
- when several full names share a surname, reads which one a surname means from the
  articles alone (no name lists): its title ("President Obama" → the Obama titled President),
  its gender (a "Mrs."/"Mr." honorific, or the he/she continuing it) against the genders the
  text gives first names, and after an honorific the most-mentioned candidate; a case it
  cannot decide stays a bare surname rather than a guess; a surname titled with one office
  ("President Clinton") never takes a full name the story gives another ("Governor");
- mends model slips: "X and Department of ..." glued to a person, "Oakland" before "Mayor"
  tagged an organization, capitalized datelines ("WASHINGTON"); a speaker named "<given
  name> Mills" is a person; a people's name ("the Navajo reservation") and a product
  ("Celebrex, made by ...") are typed "other", as nationalities are;
- reads a person's role from a title before the name ("acting FHEA Administrator Gregory Vance")
  or an apposition after it ("Walter Brandt, president of the ... Association");
- reads a person's party from a tag after the name ("(D-Calif.)") or "a Democrat" beside it;
- drops junk: dates and numbers, one-letter and all-lowercase names, names found only in
  title-cased headlines ("California AG Pledges"), party tags and words that describe
  someone ("Democrat", "Republican lawmakers"), connectives glued to a name ("Plus Obama"),
  bylines ("By ANA RUIZ") and transcript role labels ("HOST:").

The entry point is :func:`extract_entities`. Nothing here mutates the shared ``nlp``.

The stage spans four modules: :mod:`.mentions` gathers each article's mentions (with laws,
model-slip fixes and junk filtering), reading titles, honorifics, roles and pronoun genders
with :mod:`.name_cues`; :mod:`.name_resolution` resolves surnames and acronyms across the
story; this module links laws, acronyms and departments and merges mentions into entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .mentions import (
    BILL,
    LAW,
    LAW_NOUNS,
    ORGANIZATION,
    OTHER,
    PERSON,
    PLACE,
    Mention,
    article_mentions,
    overlaps,
    settle_name_kinds,
    settled_kind,
)
from .model import Entity
from .name_cues import also_abbreviates, is_title_word, organization_key, without_company_form
from .name_resolution import acronym_targets, resolve_names
from .nlp import ParsedArticle


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


# Phrases that say two law names are the same law: "X, also known as Y", "X, or the Y", "X (Y)".
_ALIAS_LINK = re.compile(
    r"^\W{0,3}(?:(?:also\s+)?(?:known|referred\s+to)(?:\s+(?:in|by|on)\s+(?:the\s+)?\w+)?\s+as|also called|or|\()"
    r"\s*(?:the\s+)?\W{0,2}$|^,\s+the\s+\W?$",
    re.I,
)


def _law_links(mentions: Sequence[Mention], texts: dict[str, str], groups: _UnionFind) -> None:
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
    _law_without_its_noun_links(mentions, names, groups)


def _law_without_its_noun_links(
    mentions: Sequence[Mention], laws: set[str], groups: _UnionFind
) -> None:
    """A law's name written without its law noun is that law: "the Open Harbor program",
    "Open Harbor petitions" (which the model tags a place or an organization) name the Open
    Harbor Act. Only names of two or more words or hyphenated ones ("Dodd-Frank"): a
    one-word place is no short name of a law named after it."""
    for m in mentions:
        if m.kind == LAW or not (len(m.text.split()) >= 2 or "-" in m.text):
            continue
        law = next((f"{m.text} {noun}" for noun in LAW_NOUNS if f"{m.text} {noun}" in laws), None)
        if law is not None:
            groups.union(m.text, law)


def _acronym_mentions(mentions: Sequence[Mention], texts: dict[str, str]) -> list[Mention]:
    """Occurrences of an organization's acronym the model did not tag ("(ICE)", "ICE agents")."""
    acronyms = acronym_targets([m.text for m in mentions if m.kind == ORGANIZATION])
    if not acronyms:
        return []
    taken = defaultdict(list)
    for m in mentions:
        taken[m.article_id].append((m.start, m.end))
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, acronyms)) + r")\b")
    found = []
    for aid, text in texts.items():
        for match in pattern.finditer(text):
            if not overlaps(match.start(), match.end(), taken[aid]):
                found.append(
                    Mention(
                        aid,
                        acronyms[match.group(1)],
                        ORGANIZATION,
                        match.start(),
                        match.end(),
                        surface=match.group(1),
                    )
                )
    return found


def _department_links(mentions: Sequence[Mention], groups: _UnionFind) -> None:
    """ "Justice Department" and "Justice" alone are "Department of Justice"."""
    names = {m.text for m in mentions if m.kind == ORGANIZATION}
    for name in names:
        match = re.fullmatch(r"(\w+) (Department|Ministry|Office)", name)
        if match and f"{match.group(2)} of {match.group(1)}" in names:
            groups.union(name, f"{match.group(2)} of {match.group(1)}")
        whole = [f"{kind} of {name}" for kind in ("Department", "Ministry")]
        if sum(w in names for w in whole) == 1:
            groups.union(name, next(w for w in whole if w in names))


def _canonical_name(group: Sequence[Mention], kind: str) -> str:
    counts = Counter(m.text for m in group)
    if kind == LAW:
        named = [n for n in counts if not BILL.fullmatch(n)]
        if named:
            return max(named, key=lambda n: (len(n.split()), counts[n]))
    if kind == PERSON:
        return max(counts, key=lambda n: (len(n.split()), counts[n]))
    # The name written most, or a longer one written more than half as often ("Army Corps of
    # Engineers" 15 times beside "Corps" 27 times: DUC 2006 D0603C).
    top = max(counts.values())
    common = [n for n in counts if counts[n] * 2 > top]
    name = max(common, key=lambda n: (len(n.split()), counts[n], len(n)))
    if " " in name:
        return name
    # One word ("Corps", "House") is short for the many-word name written most that holds it
    # ("Army Corps of Engineers"), unless that only adds a company form ("Pfizer Inc").
    longer = [
        n
        for n in counts
        if n != name
        and name in n.split()
        and without_company_form(n) == n
        and f"{name} and " not in n  # "Explorer and Expedition": two names run together
    ]
    return max(longer, key=lambda n: (counts[n], len(n))) if longer else name


# Words that complete a role with whom it is held for ("president" → "president of the
# Tarsin Grocers Guild", "organizer with the ... Union").
_ROLE_COMPLETION = re.compile(r"\s+(?:of|for|at|with|in)\s+", re.I)


def _role_core(role: str) -> str:
    """ "acting administrator" for "acting administrator of the Federal Grants Office", for
    "Acting Administrator" and for "acting FGO Administrator": the office's title words,
    without whom it is held for, in lower case (the role's words when none is a title)."""
    office = _ROLE_COMPLETION.split(role, maxsplit=1)[0].lower()
    titles = [w for w in office.split() if is_title_word(w) or w in ("acting", "former")]
    return " ".join(titles) or office


def _most_common_role(group: Sequence[Mention]) -> str | None:
    """The office the mentions give most often, in its most complete form: a role that says
    for whom ("president of the Tarsin Grocers Guild") completes the same office given bare
    ("its president", "President Ana Roe") and counts with it; among the forms of the
    office, one naming for whom wins, then the most given, the longest ("Monsanto
    spokeswoman" over "spokeswoman"), lower case ("acting" over "Acting")."""
    roles = [m.role for m in group if m.role]
    if not roles:
        return None
    # "of the Tarsin Tenants Union" alone says whom someone is with, not what they are: any
    # office given elsewhere is the role
    offices = [r for r in roles if not _ROLE_COMPLETION.match(" " + r)]
    roles = offices or roles
    cores = Counter(_role_core(r) for r in roles)
    core = max(cores, key=lambda c: (cores[c], c[0].islower()))
    forms = [r for r in roles if _role_core(r) == core]
    counts = Counter(forms)
    return max(forms, key=lambda r: (_names_whom(r), counts[r], len(r), r[0].islower()))


def _names_whom(role: str) -> bool:
    """Whether a role says for whom it is held, by a name ("of the Tarsin Grocers Guild")."""
    parts = _ROLE_COMPLETION.split(role, maxsplit=1)
    return len(parts) == 2 and any(w[:1].isupper() for w in parts[1].split())


def _most_common_party(group: Sequence[Mention]) -> str | None:
    """The party the mentions give most often; the first given on a tie."""
    parties = Counter(m.party for m in group if m.party)
    return parties.most_common(1)[0][0] if parties else None


def _prefix_links(mentions: Sequence[Mention], groups: _UnionFind) -> None:
    """ "Army Corps" is "Army Corps of Engineers", and "Centers for Disease Control" is the
    one "Centers for Disease Control and Prevention": an organization's name that the
    story's only longer organization name continues with "of", "for" or "and"."""
    names = {m.text for m in mentions if m.kind == ORGANIZATION}
    longer: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for joint in re.finditer(r" (?:of|for|and) ", name):
            longer[name[: joint.start()]].add(name)
    for short, forms in longer.items():
        if short in names and len(forms) == 1:
            groups.union(short, next(iter(forms)))


def _suffix_links(mentions: Sequence[Mention], groups: _UnionFind) -> None:
    """ "Corps of Engineers" is "Army Corps of Engineers": an organization's name of two or
    more words that ends the story's only longer organization name, when the words before
    it are capitalized modifiers ("Journal of the American Medical Association" is no
    association) and name no place the story names ("California Department of Justice" is
    the state's, not the "Department of Justice")."""
    names = {m.text for m in mentions if m.kind == ORGANIZATION}
    places = {m.text for m in mentions if m.kind == PLACE}
    ending_in = _names_by_ending(names)
    for short in sorted(names):
        if len(short.split()) < 2:
            continue
        longer = sorted(ending_in.get(short, ()), key=lambda n: (len(n), n))
        if len({groups.find(n) for n in longer}) != 1:
            continue  # (spellings already joined count once: "U.S. Army Corps ...")
        before = longer[0][: -len(short) - 1]  # the shortest: "Army", not "U.S. Army"
        if not any(p in before for p in places) and _modifies(before):
            groups.union(short, longer[0])


def _names_by_ending(names: Iterable[str]) -> dict[str, list[str]]:
    """What follows each space of a name → the names it ends ("Corps of Engineers" →
    ["Army Corps of Engineers"]): one pass over the names instead of one per name."""
    ending_in: dict[str, list[str]] = defaultdict(list)
    for name in names:
        space = name.find(" ")
        while space != -1:
            ending_in[name[space + 1 :]].append(name)
            space = name.find(" ", space + 1)
    return ending_in


def _modifies(words: str) -> bool:
    """Capitalized words that modify a name ("Army", "White House"), not a name of its own
    that the name completes ("Journal of the", "Subcommittee on", "School of Journalism,")."""
    return all(w[:1].isupper() and w[-1].isalnum() for w in words.split())


def _company_form_links(mentions: Sequence[Mention], groups: _UnionFind) -> None:
    """An organization's name with company forms after it ("Acme Corp", "Acme Corporation
    Ltd") is the same name without them, and is the name the story writes bare ("Acme")
    unless most of that name's mentions are a place's ("California AG" is no company of
    California) or a law's."""
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        kinds[m.text][m.kind] += 1
    by_base: dict[str, set[str]] = defaultdict(set)
    for name, named_as in kinds.items():
        base = without_company_form(name)
        if named_as[ORGANIZATION] and base and base != name:
            by_base[base].add(name)
    for base, forms in by_base.items():
        bare = kinds.get(base, Counter())
        if bare and not bare[LAW] and bare[PLACE] * 2 <= bare.total():
            forms = forms | {base}
        elif any(also_abbreviates(name.split()[-1]) for name in forms):
            continue  # "Colorado AG" and "Colorado Co." need not be one
        first = min(forms)
        for name in forms:
            groups.union(name, first)


def _same_words_links(mentions: Sequence[Mention], groups: _UnionFind) -> None:
    """Organization names of three or more words with one organization_key (the same words
    in another order, "U.S." before them: "U.S. Immigration Customs and Enforcement", a slip
    for "Immigration and Customs Enforcement"; "New York Port Authority"), and a party's
    name in another language ("Parti Quebecois", "Party Quebecois") are one organization."""
    by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name in dict.fromkeys(m.text for m in mentions if m.kind == ORGANIZATION):
        key = organization_key(name)
        if len(name.split()) >= 3 or "party" in key:
            by_words[key].add(name)
    for names in by_words.values():
        first = min(names)
        for name in names:
            groups.union(name, first)


def _plural_peoples(by_root: dict[str, list[Mention]]) -> dict[str, str]:
    """Groups that name a people in the plural → the group that names it in the singular:
    every mention of the plural group is one word, the singular's name plus "s" ("Navajos"
    of "Navajo"), and the singular group is a people's name (settled "other", see
    settled_kind). "Kennedys" stays apart from a person "Kennedy", a law from anything."""
    peoples = {
        m.text.lower(): key
        for key, group in by_root.items()
        if settled_kind(group) == OTHER
        for m in group
        if " " not in m.text
    }
    merged = {}
    for key, group in by_root.items():
        if any(m.kind == LAW for m in group):
            continue
        singulars = {_singular(m.text.lower()) for m in group}
        if len(singulars) == 1:
            (singular,) = singulars
            people = peoples.get(singular)
            if singular and people is not None and people != key:
                merged[key] = people
    return merged


def _singular(word: str) -> str:
    """The name a one-word plural with an English "-s" is the plural of ("navajos" →
    "navajo"); "" for a word that is not one ("sioux", "congress", "new yorkers")."""
    if " " in word or not word.endswith("s") or word.endswith("ss") or len(word) < 4:
        return ""
    return word[:-1]


def _build_entity(
    group: Sequence[Mention], article_order: dict[str, int], kind: str | None = None
) -> Entity:
    kind = kind or settled_kind(group)
    name = _canonical_name(group, kind)
    per_article = Counter(m.article_id for m in group)
    aliases = sorted({m.surface or m.text for m in group} - {name}, key=lambda a: (a.lower(), a))
    return Entity(
        name=name,
        type=kind,
        mentions=tuple(sorted(per_article.items(), key=lambda item: article_order[item[0]])),
        role=_most_common_role(group) if kind == PERSON else None,
        aliases=tuple(aliases),
        affiliation=_most_common_party(group) if kind == PERSON else None,
    )


def extract_entities(parsed: Sequence[ParsedArticle]) -> tuple[Entity, ...]:
    """People, organizations, places, laws and other names in a story, one entity per
    referent, with per-article mention counts; most mentioned first."""
    per_article = settle_name_kinds([article_mentions(p) for p in parsed])
    mentions = resolve_names(per_article, parsed)
    texts = {p.id: p.article.text for p in parsed}
    mentions += _acronym_mentions(mentions, texts)
    groups = _UnionFind()
    _law_links(mentions, texts, groups)
    _department_links(mentions, groups)
    _prefix_links(mentions, groups)
    _company_form_links(mentions, groups)
    _same_words_links(mentions, groups)
    _suffix_links(mentions, groups)
    by_root: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_root[groups.find(m.text).lower()].append(m)
    plurals = _plural_peoples(by_root)
    for plural, people in plurals.items():
        by_root[people] += by_root.pop(plural)
    peoples = set(plurals.values())
    article_order = {p.id: i for i, p in enumerate(parsed)}
    entities = [
        _build_entity(group, article_order, OTHER if key in peoples else None)
        for key, group in by_root.items()
        if not all(m.in_headline for m in group)
    ]
    return tuple(sorted(entities, key=lambda e: (-sum(n for _, n in e.mentions), e.name)))
