"""Reported speech: the cues that attribute words to a speaker, and the words they report.

``find_cues`` finds every cue outside quotation marks: a verb of speech, writing or stance
(lexicons in ``attribution_cues``), any verb whose agentive subject states a clause
("officials fear that ..."), "according to X", a finding "in the poll", a speaker named
before a colon, a stance adjective after a copula ("Roe is critical of ...") or a cue noun
with its owner ("her call for ..."). Each comes with its speaker (the verb's subject, a
passive's agent, one borrowed from the verb a conjoined cue hangs on, or a person just
before a misparsed cue) and its content: the clause or object it reports, cut before the
speaker's next act and before a closing aside. ``quotes.extract_quotes`` links quotations
to these cues.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .attribution_cues import (
    ADJECTIVE_PREPS,
    AGENT_NOUNS,
    AGENT_PRONOUNS,
    CLAUSE_MARKS,
    CONTENT_PREPS,
    CUE_NOUNS,
    CUE_VERBS,
    DIRECT_ONLY_CUES,
    FINDING_SOURCES,
    HEADLINE_SPEAKER_WORDS,
    IMPERSONAL_PASSIVES,
    INTENT_VERBS,
    LEMMA_FIXES,
    LISTENER_CUES,
    NOT_CUES,
    NOUN_PREPS,
    OBJECT_TAKING,
    REGARD_PREPS,
    REGARD_VERBS,
    SECTION_LABELS,
    SEEMING_VERBS,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
    TOPIC_VERBS,
    WEAK_CUES,
)
from .nlp import dateline_end

# The lexicon unions and differences the cue tests read, built once (the union built on
# each test cost 2.7 µs, for every verb of a story).
_SPEECH_OR_OBJECT = CUE_VERBS | OBJECT_TAKING
_NEED_CONTENT = WEAK_CUES | OBJECT_TAKING - CUE_VERBS  # cues that report nothing without it
_NEVER_CUES = NOT_CUES - INTENT_VERBS


@dataclass(frozen=True)
class Cue:
    """A word that attributes content to a speaker, as ``find_cues`` returns it."""

    token: Any  # the cue verb (or "according")
    subject: Any  # head token of the speaker mention, or None
    content: tuple[tuple[int, int], ...] | None  # pieces of a reported clause, or None


def in_spans(pos: int, parts: Sequence[tuple[int, int]]) -> bool:
    """Whether char offset ``pos`` lies in one of the ``(start, end)`` spans ``parts``."""
    return any(a <= pos < b for a, b in parts)


class SpanIndex:
    """Many ``(start, end, tag)`` spans, asked which hold a char offset: one bisection over
    the spans sorted by start, looking back no further than the longest span reaches
    (``in_spans`` over every quote's or cue's parts, per token, made tens of thousands of
    tests on a 25-article DUC 2006 cluster)."""

    def __init__(self, spans: Iterable[tuple[int, int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _, _ in self._spans]
        self._longest = max((b - a for a, b, _ in self._spans), default=0)

    def holding(self, pos: int) -> Iterator[int]:
        """The tags of the spans holding ``pos``, latest start first."""
        k = bisect_right(self._starts, pos)
        while k > 0 and self._starts[k - 1] > pos - self._longest:
            k -= 1
            if pos < self._spans[k][1]:
                yield self._spans[k][2]


def _after_a_quotation(verb: Any) -> bool:
    """Whether a cue follows a closing quotation mark, maybe after a comma ('...,” said')."""
    doc, i = verb.doc, verb.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].is_quote


def _subject_of(verb: Any) -> Any:
    """The cue's subject, or the agent of a passive cue ("was criticized by X"). A cue with
    no subject of its own borrows one: a conjoined or participial cue ("stood and said",
    "tweeted on Monday, calling ...") from the verb it hangs on, a cue modifying a noun
    ("a tweet saying ...") from that noun."""
    borrowed = False
    for _ in range(3):
        agents = [
            g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        if agents:
            return agents[0]
        if not borrowed and _one_asked(verb):
            return None  # "Asked whether ..., Roe said": Roe was asked; the asker is unsaid
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) > 1:
            # '"... Plan like the storm is coming." added Roe': the parser gave the cue a word
            # of the quotation before as a subject too, and the inverted one after it speaks.
            # Before a cue that follows no quotation, the one next to it: "its chair Dana
            # Molloy said", "Her attacker ... pressed down so tightly she thought ..." (a long
            # sentence parsed into one clause gave the cue an earlier clause's subject too),
            # "the chairman, Sen. Roe, said the code name, “Dust Devil,” was ..." (the
            # reported clause's subjects hung on the cue).
            after = [c for c in subjects if c.i > verb.i]
            before = [c for c in subjects if c.i < verb.i]
            inverted = after and (not before or _after_a_quotation(verb))
            subjects = after if inverted else before[-1:]
        if verb.dep_ in ("amod", "compound") and verb.head.pos_ == "PROPN" and verb.head.i > verb.i:
            # an inverted cue read as a modifier of the name after it ('“...” added Roe'): a
            # "subject" the parser gave it is a word of the quotation before
            return verb.head
        if subjects:
            subject = _past_dateline(subjects[0])
            if not borrowed or agentive(subject):
                return subject
            # borrowed only from a subject that can speak: in "said a level of accountability
            # is needed and suggested ...", "suggested" hangs on "needed" and goes on to "said"
            if verb.dep_ != "ccomp":
                return None
        elif verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return verb.head  # a name it hangs on is usually a misparse of a longer clause
        elif verb.dep_ in ("amod", "compound") and verb.head.pos_ == "PROPN":
            return verb.head  # an inverted cue read as a modifier of the name ("added Roe, who")
        elif verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        # a cue the parser hung on a reported clause ("said the party was calm and urged
        # ...") is the reporting speaker's next act: its subject is the reporting verb's
        skip = (
            verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.lemma_.lower() in CUE_VERBS
        )
        verb, borrowed = (verb.head.head if skip else verb.head), True
    return None


def _past_dateline(subject: Any) -> Any:
    """A dateline parsed as the subject ("WASHINGTON — President Ann Roe said"): the person
    named after it instead."""
    if not (_opens_paragraph(subject) and subject.text.isupper() and len(subject.text) > 2):
        return subject
    people = [t for t in subject.subtree if t.ent_type_ == "PERSON" and t.i > subject.i]
    return people[-1] if people else subject


def _clause_span(tokens: Sequence[Any]) -> tuple[int, int] | None:
    """Char span of tokens with edge punctuation and quotation marks stripped, and without
    the terms the words were given on ("on the condition of anonymity", see ``_when``)."""
    terms = {
        u.i
        for t in tokens
        if t.dep_ == "pobj" and _anonymity(t) and t.head.dep_ == "prep"
        for u in t.head.subtree
    }
    words = [t for t in tokens if not (t.is_punct or t.is_space or t.i in terms)]
    first = min(tokens, key=lambda t: t.i, default=None)
    dash = dateline_end(first) if words and first is not None and _opens_paragraph(first) else None
    if dash is not None:
        words = [t for t in words if t.i > dash]  # the wire's dateline, not what was said
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def past_show(words: Sequence[Any]) -> Sequence[Any] | None:
    """``words`` (in order) without a leading programme the parser hung the clause on
    ("told CBS’s “Face the Nation” on Sunday that ...": the show is where it was said, the
    clause after "that" what was said), or none left when the show is all they are; None
    when they hold no such show. A leading run counts when it holds a title (WORK_OF_ART)
    and, but for it, only an outlet, a preposition, a possessive or a date. A title alone
    is kept: it may be what was said or liked ("chanted “Dump Roe”")."""
    run = 0
    while run < len(words) and _where_said(words[run]):
        run += 1
    titled = [t.ent_type_ == "WORK_OF_ART" for t in words[:run]]
    if not any(titled) or all(titled):
        return None
    if run == len(words):
        return []
    return words[run:] if words[run].lower_ == "that" and words[run].dep_ == "mark" else None


def _where_said(token: Any) -> bool:
    return (
        token.ent_type_ in ("WORK_OF_ART", "ORG", "DATE")
        or token.pos_ == "ADP"
        or token.tag_ == "POS"
        or token.lower_ in ("’s", "'s")
    )


def _pieces(span: tuple[int, int] | None) -> tuple[tuple[int, int], ...] | None:
    return None if span is None else (span,)


def _reported_clause(verb: Any) -> tuple[tuple[int, int], ...] | None:
    """The clause a cue verb reports: its ccomp or complements, or for a parenthetical cue
    ("the plan, he said, will fail") the clause it interrupts, in pieces around the cue."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            if _across_semicolon(child, verb) or not _set_off(child):
                continue
            fronted = _fronted(child)
            if fronted is None and _in_dateline(child):
                continue  # a dateline's dash the parser made a clause: the words said follow
            return fronted
        if child.dep_ == "ccomp":
            tokens = _closed(list(child.subtree), child)
            before = [c for c in child.lefts if c.dep_ == "mark"]
            tokens = before + [t for t in tokens if t not in before]
            for joined in _joined_complements(verb, child):
                tokens += list(verb.doc[tokens[-1].i + 1 : joined.left_edge.i])
                tokens += _closed(list(joined.subtree), joined)
            return _pieces(_clause_span(tokens))
    marked = _marked_clause(verb)
    if marked is not None:
        return marked
    objects = _complements(verb)
    wanted = _for_to_clause(objects)
    if wanted is not None:
        return wanted
    if objects:
        objects += _trailing_modifiers(verb, objects[-1])
        return _pieces(_clause_span(_closed([t for o in objects for t in o.subtree], objects[-1])))
    if verb.dep_ in ("parataxis", "advcl") and verb.head.i != verb.i:
        earlier = _clause_an_aside_follows(verb)
        if earlier is not None:
            return _pieces(_clause_span(_closed(list(earlier.subtree), earlier)))
        return _around(verb, _same_sentence(verb, verb.head.subtree))
    return None


def _clause_an_aside_follows(verb: Any) -> Any | None:
    """The clause an "as" aside sits right after when the main clause's subject comes only
    after the aside ("Asked whether a delay would help, as critics urged, Roe refused"): the
    aside speaks for that clause, not for the main one (Roe's refusal is not the critics').
    A clause its head asked or was asked about gives its reported part ("whether ..."). PolNeAR
    train (300 texts) content overlap F1 0.7467 -> 0.7468."""
    marks = [m for m in verb.children if m.dep_ == "mark" and m.i < verb.i]
    if verb.dep_ != "advcl" or not marks or marks[0].lower_ != "as":
        return None
    head = verb.head
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].i < verb.i:
        return None
    before = [
        c for c in head.children
        if c.i < verb.left_edge.i and c.dep_ in ("advcl", "ccomp") and c.pos_ in ("VERB", "AUX")
    ]
    if not before or _mark_before(verb.left_edge) != ",":
        return None
    clause = before[-1]
    if any(not t.is_punct for t in verb.doc[clause.right_edge.i + 1 : verb.left_edge.i]):
        return None
    reported = [c for c in clause.children if c.dep_ == "ccomp" and c.i > clause.i]
    return reported[0] if reported else clause


def _joined_complements(verb: Any, clause: Any) -> list[Any]:
    """Further clauses a cue reports, joined to its verb after the first with their own
    "that" or "whether" ("said the border must be secured, but that he would not back
    mass deportation"): the parser hangs them on the cue, yet the mark makes them more of
    what was said. PolNeAR train (200 evenly spaced texts) content overlap F1 0.7396 ->
    0.7402; dev unchanged."""
    found = []
    for child in verb.rights:
        if child.i <= clause.right_edge.i or child.dep_ != "conj":
            continue
        marks = [m for m in child.children if m.dep_ == "mark" and m.i < child.i]
        if not marks or marks[0].lower_ not in ("that", "whether"):
            break
        found.append(child)
    return found


def _same_sentence(token: Any, tokens: Iterable[Any]) -> list[Any]:
    """The ``tokens`` in ``token``'s sentence, in order (``t.sent`` looks the sentence up
    again for each token: 5% of ``extract_quotes``'s CPU)."""
    sentence = token.sent
    return [t for t in tokens if sentence.start <= t.i < sentence.end]


def _across_semicolon(clause: Any, verb: Any) -> bool:
    """Whether a semicolon parts a clause the parser hung on a later cue from it ("Roe backs
    a levy; Dunn seeks a grant"): a clause of its own, not what the cue reports. PolNeAR
    content overlap F1, train (300 texts) 0.7381 -> 0.7383, dev 0.7410 -> 0.7413 (speaker
    accuracy 0.9052 -> 0.9077 and 0.9077 -> 0.9084)."""
    return any(t.text == ";" for t in verb.doc[clause.right_edge.i + 1 : verb.i])


def _marked_clause(verb: Any) -> tuple[tuple[int, int], ...] | None:
    """A clause the parser hung on the cue as an adverbial one although its mark makes it
    what was said or wanted ("called for the ferry to reopen", "said that ...")."""
    for child in verb.rights:
        marks = [m for m in child.children if m.dep_ == "mark" and m.i < child.i]
        if child.dep_ == "advcl" and marks and marks[0].lower_ in CLAUSE_MARKS:
            tokens = _closed(list(child.subtree), child)
            if marks[0].lower_ == "for":
                tokens = [t for t in tokens if t.i != marks[0].i]
            return _pieces(_clause_span(tokens))
    return None


def _for_to_clause(phrases: Sequence[Any]) -> tuple[tuple[int, int], ...] | None:
    """What a call or plea asks for when it names who is to act: "called for the council to
    reopen the pier", "called on Roe to resign", "her calls for the board to step down". The
    parser hangs the "to" clause on the cue or elsewhere, never on the person it is asked of,
    so a content of "for the council" lost what was asked; the content is who is to act and
    what (the "for" / "on" only introduces them). PolNeAR train (200 evenly spaced texts)
    content overlap F1 0.7389 -> 0.7396; dev 0.7434 unchanged (exact 0.5487 -> 0.5501)."""
    preps = [p for p in phrases if p.dep_ == "prep" and p.lower_ in _ASKED_OF]
    if not preps or not any(c.dep_ == "pobj" for c in preps[-1].children):
        return None
    prep = preps[-1]
    doc, end = prep.doc, prep.right_edge.i
    to = doc[end + 1] if end + 1 < len(doc) else None
    if to is None or to.tag_ != "TO" or to.head.i <= to.i or to.head.pos_ not in ("VERB", "AUX"):
        return None
    act = to.head
    asked = [t for t in prep.subtree if t.i != prep.i]
    asked += [t for t in act.subtree if end < t.i <= act.right_edge.i]
    return _pieces(_clause_span(_closed(asked, act)))


# Prepositions that name whom a call or plea is addressed to or on whose part it asks
# ("called on Roe to ...", "called for Roe to ...").
_ASKED_OF = frozenset({"for", "on", "upon"})


def _closed(tokens: list[Any], last: Any) -> list[Any]:
    """``tokens`` up to the speaker's next act or a closing aside hung on ``last``."""
    cut = _trailing_addition(last)
    if cut is None:
        cut = _trailing_aside(last)
    return tokens if cut is None else [t for t in tokens if t.i < cut]


def _trailing_modifiers(verb: Any, last: Any) -> list[Any]:
    """Prepositional phrases the parser hung on the cue after its object that go on with
    it ("touted progress since the hearing", "backed a levy for the pier"), up to a phrase
    of time or a comma-set participle ("including ..."). PolNeAR content overlap F1, train
    (840 texts) 0.7005 -> 0.7016, dev 0.7228 -> 0.7238. Clauses hung there ("pledged
    to veto it unless ...") split the two: with them too train 0.7024, dev 0.7202, so they
    stay out."""
    found = []
    for child in verb.rights:
        if child.i <= last.right_edge.i:
            continue
        after_comma = verb.doc[child.left_edge.i - 1].text == ","
        if child.dep_ != "prep" or _when(child) or (after_comma and child.tag_ == "VBG"):
            break
        found.append(child)
    return found


def _in_dateline(token: Any) -> bool:
    end = dateline_end(token)
    return end is not None and token.i <= end


def _fronted(clause: Any) -> tuple[tuple[int, int], ...] | None:
    """What a cue placed after its words reports ("The pier will reopen and the ferry will
    follow, Roe said"): the whole clause before it. The cuts made after a cue (a speaker's
    next act, a closing aside) do not apply: the speaker's act comes last. PolNeAR train
    (300 texts) content overlap F1 0.6900 -> 0.6905."""
    return _pieces(_clause_span(list(clause.subtree)))


def _set_off(clause: Any) -> bool:
    """Whether words placed before their cue end in a mark ("The pier will reopen, Roe
    said"): run on into the speaker ("the three witnesses she says she saw"), they are the
    writer's phrase the cue sits in, misparsed as what was said."""
    after = clause.right_edge.i + 1
    return after == len(clause.doc) or clause.doc[after].is_punct


def _around(cue: Any, clause: Sequence[Any]) -> tuple[tuple[int, int], ...] | None:
    """The pieces of a clause that a parenthetical cue interrupts ("The pier, Roe said,
    will reopen"), the cue clause left out."""
    cue_tokens = {t.i for t in cue.subtree}
    return _runs([t for t in clause if t.i not in cue_tokens])


def _trailing_addition(clause: Any) -> int | None:
    """Where a reported clause ends when the parser hung the speaker's next act on it: a
    conjoined cue verb with no subject of its own ("said the party was calm and urged
    patience") or a participle after a comma ("said he would stay, echoing a memo").
    PolNeAR leaves both out of the content (train, 80 texts: the clauses that swallowed them
    were the largest group of predictions sharing under half their words with the gold).
    The same cut applies to a cue's object ("plans to cut the toll, drawing on ..."):
    train, 300 texts, content overlap F1 0.6975 -> 0.6983."""
    for child in clause.rights:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "conj" and child.lemma_.lower() in CUE_VERBS and not own_subject:
            return _before_joint(child.left_edge)
        after_comma = _mark_before(child.left_edge) == ","
        if child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG" and after_comma:
            return child.left_edge.i
    return None


def _trailing_aside(clause: Any) -> int | None:
    """An aside set off by a comma or dash closing a reported clause or object: a relative
    clause on a name (", who worked on ...") or opened by "which" (", which would ..."), or
    an appositive (", a plan he has since changed"). PolNeAR leaves them out of the content
    more often than not (train, 120 texts: content overlap F1 0.644 -> 0.6455 on clauses; train, 300
    texts: "which" clauses on any noun 0.6945 -> 0.6949, the cut applied to objects and
    cue nouns' complements too -> 0.6975)."""
    words = [t for t in clause.subtree if not t.is_punct]
    if not words:
        return None
    last = words[-1].i
    for token in clause.subtree:
        if token.dep_ not in ("relcl", "appos") or token.i <= clause.i:
            continue
        if token.dep_ == "relcl" and token.head.pos_ != "PROPN" and not _which(token):
            continue
        if token.right_edge.i < last:
            continue
        before = _before_closing_marks(token.left_edge)
        if before > 0 and token.doc[before - 1].text in _ASIDE_MARKS:
            return before - 1
    return None


# What sets an aside off: a comma or a dash (train, 300 texts: dashes too, content overlap
# F1 0.7051 -> 0.7055; dev 0.7238 -> 0.7243)
_ASIDE_MARKS = frozenset({",", "—", "--", "–"})


# Closing quotation marks, which the tokenizer splits from the comma before them ("should
# be over by June," referring to ...): what sets an aside off is read past them. PolNeAR
# train (200 evenly spaced texts) content overlap F1 0.7385 -> 0.7389; dev unchanged.
_CLOSING_MARKS = frozenset({"”", '"', "''", "’", "'"})


def _before_closing_marks(token: Any) -> int:
    """Index just after the last word before ``token`` that is not a closing quotation mark."""
    i = token.i
    while i > 0 and token.doc[i - 1].text in _CLOSING_MARKS:
        i -= 1
    return i


def _mark_before(token: Any) -> str:
    """The punctuation (or word) just before ``token``, closing quotation marks skipped."""
    i = _before_closing_marks(token)
    return token.doc[i - 1].text if i > 0 else ""


def _which(relative: Any) -> bool:
    """A relative clause opened by "which" (set off by a comma it adds, it does not define)."""
    return relative.left_edge.lower_ == "which"


def _before_joint(token: Any) -> int:
    """Index where a conjoined phrase starts, its "and" and comma included."""
    i = token.i
    while i > 0 and (token.doc[i - 1].dep_ == "cc" or token.doc[i - 1].is_punct):
        i -= 1
    return i


def _complements(verb: Any) -> list[Any]:
    """What a cue says or wants when it has no clause: its object with any predicate of it
    ("called the plan a disaster", "described him as honest", "wants to leave"). The
    listener of tell/ask/urge is not part of it when something else follows."""
    objects = [
        c
        for c in verb.rights
        if c.dep_ in ("dobj", "xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS)
    ]
    objects = [c for c in objects if not _when(c)]
    if verb.lemma_.lower() in LISTENER_CUES:
        # "told reporters" names who heard it, not what was said
        listener = [c for c in objects if c.dep_ in ("dobj", "dative")]
        if len(objects) > 1 or (listener and agentive(listener[0])):
            objects = [c for c in objects if c not in listener]
        if not objects and listener:
            # what the listener is told of, hung on them ("accused the mayor of lying")
            objects = [
                c for c in listener[0].rights if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
            ]
    if objects:
        objects += _misattached_conjuncts(verb, objects[-1])
    return objects


def _when(phrase: Any) -> bool:
    """A prepositional phrase of time ("on Friday", "in March") or of the terms of speaking
    ("spoke on the condition of anonymity"): when or how, not what, was said. Leaving the
    latter out: PolNeAR train (300 texts) content overlap F1 0.7383 -> 0.7384 (22 such
    phrases in all 840 train texts, none in dev: dev 0.7413 unchanged)."""
    return phrase.dep_ == "prep" and any(
        c.dep_ == "pobj" and (c.ent_type_ in ("DATE", "TIME") or _anonymity(c))
        for c in phrase.children
    )


def _anonymity(noun: Any) -> bool:
    """ "condition of anonymity", the terms a source speaks on."""
    return noun.lemma_ == "condition" and any(
        g.lemma_ == "anonymity" for c in noun.children if c.dep_ == "prep" for g in c.children
    )


def _misattached_conjuncts(verb: Any, last: Any) -> list[Any]:
    """Verbs the parser coordinated with the cue that continue its object instead ("wants
    to cut taxes, grow the army and build a wall", "mentioned refinancing loans and forcing
    banks to pay"): no subject of their own and a verb form the cue cannot share (a cue in
    the present or past tense is not coordinated with an infinitive or participle)."""
    found = []
    for child in verb.rights:
        if child.dep_ == "conj" and child.i > last.i and child.pos_ in ("NOUN", "PROPN"):
            found.append(child)  # a noun is no verb's conjunct: the object's ("a vote and a poll")
            continue
        if child.dep_ != "conj" or child.i < last.i or child.pos_ != "VERB":
            continue
        # a subject, an auxiliary or "but" of its own makes it a clause of its own
        own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "neg") for c in child.children)
        contrast = any(c.dep_ == "cc" and c.lower_ == "but" for c in verb.children)
        if own or contrast or child.tag_ == verb.tag_ or child.tag_ not in ("VB", "VBG"):
            break
        if any(t.text == ";" for t in verb.doc[last.i : child.i]):
            break  # a list of the article's own, not of the speaker's words
        found.append(child)
    return found


def _according_to(token: Any) -> Cue | None:
    """'according to X': X is the speaker, the rest of the sentence the content."""
    preps = [c for c in token.children if c.lower_ == "to"]
    objects = [c for p in preps for c in p.children if c.dep_ == "pobj"]
    if not objects:
        return None
    phrase = set(token.subtree)
    rest = [t for t in token.sent if t not in phrase]
    return Cue(token, objects[0], _pieces(_clause_span(rest)))


def words_of(token: Any) -> Any:
    """X of "in the words of X" when ``token`` is its "words": the quotation that follows
    is X's, whoever the sentence's verb belongs to. None otherwise."""
    if token.lower_ != "words" or token.dep_ != "pobj" or token.head.lower_ != "in":
        return None
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    objects = [c for p in of for c in p.children if c.dep_ == "pobj"]
    return objects[0] if objects and objects[0].pos_ in ("PROPN", "NOUN", "PRON") else None


def _in_source(token: Any) -> Cue | None:
    """'In the poll, Roe leads by five points': a finding the poll or study reports, the
    rest of the clause its content, when the clause has no cue verb of its own."""
    objects = [c for c in token.children if c.dep_ == "pobj"]
    head = token.head
    if not objects or objects[0].lemma_.lower() not in FINDING_SOURCES:
        return None
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in _SPEECH_OR_OBJECT:
        return None
    phrase = set(token.subtree)
    rest = [t for t in _same_sentence(token, head.subtree) if t not in phrase]
    return Cue(token, objects[0], _pieces(_clause_span(rest)))


def find_cues(doc: Any, quoted: Sequence[tuple[int, int]]) -> list[Cue]:
    """Every cue outside quotation marks: a cue verb with its subject and reported clause."""
    cues = []
    for token in _outside(doc, quoted):
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            cue = _according_to(token)
            if cue:
                cues.append(cue)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            cue = _in_source(token)
            if cue:
                cues.append(cue)
            continue
        if (speaker := words_of(token)) is not None:  # "in the words of Roe, “...”"
            cues.append(Cue(token, speaker, None))
            continue
        if token.text == ":":
            cue = _colon_cue(token)
        elif token.pos_ == "ADJ":
            cue = _adjective_cue(token)
        elif token.pos_ == "NOUN":
            cue = _noun_cue(token)
        else:
            cue = _hedge_cue(token) or _verb_cue(token, quoted)
        if cue is not None:
            cues.append(cue)
    return cues


def _outside(doc: Any, quoted: Sequence[tuple[int, int]]) -> Iterator[Any]:
    """The tokens outside the quoted spans, in one sweep over both (spans do not overlap)."""
    spans = sorted(quoted)
    k = 0
    for token in doc:
        idx = token.idx
        while k < len(spans) and spans[k][1] <= idx:
            k += 1
        if k == len(spans) or idx < spans[k][0]:
            yield token


def cue_lemma(token: Any) -> str:
    """The lemma the lexicons are keyed by (the model's wrong lemmas of "hope" mended)."""
    return LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def _verb_cue(token: Any, quoted: Sequence[tuple[int, int]]) -> Cue | None:
    """A cue verb of the lexicon, or any verb whose agentive subject states a clause
    ("Democrats fear that ...", "the poll found the race was tied"). The dash ending a
    dateline is none, though the model may tag it a verb ("WASHINGTON ― ..."); a dash after
    a quotation naming who said it may be one."""
    if token.pos_ not in ("VERB", "AUX") or _in_dateline(token):
        return None
    if _inside_a_name(token):
        return None  # "Nasir Ulla Said Wali ...", which the model tags a verb
    lemma = cue_lemma(token)
    if lemma == "call" and (_names(token) or _called_off(token)):
        return None  # "a group called Harbor First" names, it reports no words
    if lemma == "want" and any(c.dep_ == "auxpass" for c in token.children):
        return None  # "was wanted by the police for fraud": sought, not a wish
    if lemma == "show" and _shows_no_sign(token):
        return None  # "the row showed no sign of easing": how things stand, no one's finding
    if lemma in _SPEECH_OR_OBJECT and token.pos_ == "VERB":
        if _agentless_passive(token) or _linked_participle(token):
            return _passive_cue(token)
        content = None if lemma in DIRECT_ONLY_CUES else _reported_clause(token)
        if content is None and lemma not in DIRECT_ONLY_CUES:
            content = _agent_passive_object(token)
        if content is None and lemma in _NEED_CONTENT:
            return None
        subject = _subject_of(token)
        if lemma in STANCE_VERBS and not agentive(subject):
            return None  # "the plan raised concerns": only people and groups take stances
        if lemma in REGARD_VERBS and not _regards(token):
            return None  # "saw the ferry leave" is seeing, "saw the toll as a tax" a view
        if subject is not None and in_spans(subject.idx, quoted):
            subject = None  # a name inside the quotation is not who speaks it
        if subject is None and not _one_asked(token):
            subject = _named_after_quotation(token) or _nearby_person(token, quoted)
        return Cue(token, subject, content)
    if lemma in TOPIC_VERBS:
        return _topic_cue(token, TOPIC_VERBS[lemma])
    if lemma in _NEVER_CUES:
        return None
    clause = [
        c
        for c in token.children
        if (c.dep_ == "ccomp" and lemma not in NOT_CUES)
        or (c.dep_ == "xcomp" and lemma in INTENT_VERBS)
    ]
    subject = _subject_of(token)
    if not clause or subject is None or not agentive(subject):
        return None
    return Cue(token, subject, _reported_clause(token))


def _agent_passive_object(verb: Any) -> tuple[tuple[int, int], ...] | None:
    """What a passive cue with an agent reports: its subject ("the move was criticized by
    economists", "her death was confirmed by the family"). PolNeAR content overlap F1,
    train (300 texts) 0.7376 -> 0.7381, dev 0.7408 -> 0.7410. (The noun a relative clause
    cue hangs on, "the columns Roe wrote", was tried too: train 0.7381 -> 0.7378, left out.)"""
    children = [c.dep_ for c in verb.children]
    if "agent" not in children or "nsubjpass" not in children:
        return None
    subject = next(c for c in verb.children if c.dep_ == "nsubjpass")
    return _pieces(_clause_span(list(subject.subtree)))


def _topic_cue(verb: Any, preps: tuple[str, ...]) -> Cue | None:
    """A verb that says what someone spoke of or dwelt on only through its preposition
    ("Roe spoke about the levy", "the campaign focused on the pier"): the preposition's object
    is the content, when a person or group is the subject."""
    subject = _subject_of(verb)
    if not agentive(subject):
        return None
    objects = [
        g
        for c in verb.rights
        if c.dep_ == "prep" and c.lower_ in preps and not _when(c)
        for g in c.children
        if g.dep_ in ("pobj", "pcomp")
    ]
    if not objects:
        return None
    return Cue(verb, subject, _pieces(_clause_span(list(objects[0].subtree))))


def _agentless_passive(verb: Any) -> bool:
    children = [c.dep_ for c in verb.children]
    return "auxpass" in children and "nsubjpass" in children and "agent" not in children


# Verbs a participle complements as a passive's auxiliary would ("Roe stands accused of
# fraud", "the levy remains opposed").
_LINKING_VERBS = frozenset({"stand", "remain", "sit", "seem", "appear", "look", "become"})


def _linked_participle(verb: Any) -> bool:
    """A cue participle right after a linking verb (adverbs aside), with no agent ("Roe
    stands accused of fraud"): a passive in all but its auxiliary, whose subject is the one
    spoken of. Read as a clause of the linking verb, it had borrowed a speaker from the
    sentence around it. Not a clause of its own ("appears uneasy when asked about ...")."""
    link = verb.head
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acomp", "oprd", "xcomp")
        and link.i < verb.i
        and link.lemma_.lower() in _LINKING_VERBS
        and all(t.pos_ == "ADV" for t in verb.doc[link.i + 1 : verb.i])
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in link.children)
        and not any(c.dep_ in ("agent", "mark") for c in verb.children)
    )


# Verbs whose passive subject is the one spoken to ("Roe was asked / told / pressed ...").
ADDRESSEE_VERBS = frozenset(
    {"ask", "tell", "press", "question", "quiz", "inform", "warn", "advise", "remind", "urge"}
)
# An object makes such a verb active ("..., urged the board to act").
_OBJECTS = frozenset({"dobj", "dative"})
# What a participle opening a clause does not have.
_OWN_SUBJECT_OR_OBJECT = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"}) | _OBJECTS


def _addressee_in_the_past(verb: Any) -> bool:
    """A verb of ``ADDRESSEE_VERBS`` as a participle or past tense (a subjectless "Asked"
    may be tagged a past tense)."""
    return cue_lemma(verb) in ADDRESSEE_VERBS and verb.tag_ in ("VBN", "VBD")


def _asked_participle(verb: Any) -> bool:
    """A verb of ``ADDRESSEE_VERBS`` in a past participle opening a clause ("Asked whether
    a delay would help, Roe refused"): the main clause's subject is the one asked or told,
    not who spoke. PolNeAR gives such cues no Source (train: every "Asked ..." opening a
    sentence it annotates with no "by ..."); train (300 texts) and dev figures unchanged,
    18 train questions no longer given to the one asked."""
    return (
        _addressee_in_the_past(verb)
        and verb.dep_ == "advcl"
        and not any(c.dep_ in _OWN_SUBJECT_OR_OBJECT for c in verb.children)
    )


def _asked_after_inverted_cue(verb: Any) -> bool:
    """'“...,” said Roe, the party's whip, asked about the vote': the parser made the name
    after an inverted cue the subject of the participle set off after it, though Roe was
    the one asked."""
    head = verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (
        _addressee_in_the_past(verb)
        and verb.dep_ == "ccomp"
        and head.pos_ == "VERB"
        and cue_lemma(head) in CUE_VERBS
        and len(subjects) == 1
        and head.i < subjects[0].i < verb.i
        and verb.doc[verb.i - 1].text == ","
        and not any(c.dep_ in _OBJECTS for c in verb.children)
    )


def _one_asked(verb: Any) -> bool:
    """Whether a cue's subject is the one asked or told, not its speaker."""
    return _asked_participle(verb) or _asked_after_inverted_cue(verb)


def answerer(verb: Any) -> Any | None:
    """Who answers the question an "Asked ..." participle opens: the subject of the clause it
    opens ('Asked whether ..., Roe shot back: “...”'), whose reply a quotation the
    participle introduces is. None for any other cue."""
    return _subject_of(verb.head) if _asked_participle(verb) else None


def _passive_cue(verb: Any) -> Cue | None:
    """A cue verb in the passive with no agent ("Roe was criticized for the toll", "Roe was
    asked to resign", "Roe stands accused of fraud"): who spoke is not said (its subject is
    the one spoken of or to), and the content is the subject with what the verb says of it."""
    complements = [
        c
        for c in verb.rights
        if c.dep_ in ("ccomp", "xcomp", "oprd", "dobj", "dative")
        or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and not _when(c))
    ]
    # (a linked participle's subject is the linking verb's)
    own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    subject = (own or [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")])[0]
    # with no complement the subject alone is the content ("the plan was rejected"):
    # PolNeAR train (300 texts) content overlap F1 0.6919 requiring one, 0.6932 without
    said = [t for c in complements for t in c.subtree]
    words = {*subject.subtree, *(_closed(said, complements[-1]) if complements else [])}
    return Cue(verb, None, _runs(sorted(words, key=lambda t: t.i)))


def _hedge_cue(verb: Any) -> Cue | None:
    """A view the text gives without saying whose ("Roe seems to favor the plan", "the vote
    is expected to be close", "Roe, known for her temper"): the subject with its complement
    is the content, and no one is the speaker. PolNeAR annotates them without a Source;
    train (300 texts) content overlap F1 0.6845 -> 0.6900."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    kinds: tuple[str, ...]
    preps: tuple[str, ...]
    if lemma in SEEMING_VERBS:
        kinds, preps = ("xcomp", "oprd", "acomp"), ()
    elif lemma in IMPERSONAL_PASSIVES and verb.tag_ == "VBN":
        kinds, preps = ("xcomp", "prep"), REGARD_PREPS.get(lemma, ())
    else:
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None  # (tested after the lexicons: most verbs are in neither)
    complements = [
        c for c in verb.rights if c.dep_ in kinds and (c.dep_ != "prep" or c.lower_ in preps)
    ]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not complements or not (subjects or verb.dep_ == "acl"):
        return None
    # a participle on a noun ("Roe, known for ...") holds that noun, not its whole phrase
    held = list(subjects[0].subtree) if subjects else [t for t in verb.head.subtree if t.i < verb.i]
    said = _closed([t for c in complements for t in c.subtree], complements[-1])
    return Cue(verb, None, _runs(sorted({*held, *said}, key=lambda t: t.i)))


def _runs(words: Sequence[Any]) -> tuple[tuple[int, int], ...] | None:
    """Char spans of runs of consecutive tokens."""
    runs: list[list[Any]] = []
    for token in words:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    pieces = [span for run in runs if (span := _clause_span(run)) is not None]
    return tuple(pieces) or None


def _adjective_cue(adjective: Any) -> Cue | None:
    """A stance adjective after a copula ("Roe is critical of the plan", "Roe was eager
    to run"): the subject holds the view, the adjective's complement is the view."""
    if adjective.lemma_.lower() not in STANCE_ADJECTIVES:
        return None
    return adjective_view(adjective)


def adjective_view(adjective: Any) -> Cue | None:
    """Any adjective after a copula with an agentive subject and a complement, as a cue
    (``_adjective_cue`` asks the lexicon first; ``attribution_model`` scores the rest)."""
    if adjective.dep_ != "acomp":
        return None
    subject = _subject_of(adjective.head)
    if not agentive(subject):
        return None
    complements = [
        c
        for c in adjective.rights
        if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ADJECTIVE_PREPS)
    ]
    return Cue(adjective, subject, _content_of(complements)) if complements else None


def _noun_cue(noun: Any) -> Cue | None:
    """A noun of speech or stance with its content ("her call for a ban", "Roe's claim
    that ..."); its speaker is the owner ("her", "by Roe") or the subject of the verb it
    is the object of ("Roe renewed calls for ..."). Without one it is no cue: PolNeAR train
    (120 texts) content F1 is the same either way (0.7005 / 0.7004) and speaker accuracy
    0.900 / 0.905, and a reader gains nothing from a plan of no one's."""
    if noun.lemma_.lower() not in CUE_NOUNS:
        return None
    complements = noun_complements(noun) or _predicate_of(noun)
    if not complements:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"] + [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    speaker = owners[0] if owners else _holder(noun)
    if speaker is None:
        return None  # "the plan for a new pier drew crowds": whose plan is not said
    return Cue(noun, speaker, _content_of(complements))


def noun_complements(noun: Any) -> list[Any]:
    """What a noun of speech or stance says or wants: a clause or a phrase opened by one
    of ``NOUN_PREPS`` after it ("her call for a ban", "the claim that ...")."""
    return [
        c
        for c in noun.rights
        if (c.dep_ in ("acl", "ccomp") and c.tag_ != "VBN")
        or (c.dep_ == "prep" and c.lower_ in NOUN_PREPS)
    ]


def _predicate_of(noun: Any) -> list[Any]:
    """What a cue noun is said to be when it is the subject of a copula ("her message was
    that the pier must reopen", "his remarks were on trade"). PolNeAR train (840 texts):
    7 of 15 gold, content F1 0.6858 -> 0.6859."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() != "be":
        return []
    return [
        c
        for c in head.rights
        if c.dep_ in ("attr", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("on", "about"))
    ]


def _content_of(phrases: Sequence[Any]) -> tuple[tuple[int, int], ...] | None:
    wanted = _for_to_clause(phrases)
    if wanted is not None:
        return wanted
    tokens = [t for phrase in phrases for t in phrase.subtree]
    cut = _trailing_aside(phrases[-1])
    return _pieces(_clause_span([t for t in tokens if cut is None or t.i < cut]))


def _holder(noun: Any) -> Any:
    """Whose call or claim an unowned noun is: the subject of the verb it is the object of
    ("Roe renewed calls for ...", "Roe made the claim that ...")."""
    head = noun
    for _ in range(3):
        if head.dep_ not in ("dobj", "pobj", "prep", "conj", "attr") or head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            subject = _subject_of(head)
            return subject if agentive(subject) else None
    return None


def _called_off(verb: Any) -> bool:
    """ "called off the fair", "called up the reserves": an act, not words."""
    return any(c.dep_ == "prt" and c.lower_ in ("off", "up") for c in verb.children)


def _inside_a_name(token: Any) -> bool:
    """A word the model reads as part of a name with the proper noun before it ("Said" in
    "Nasir Ulla Said Wali"), by its parse or by the person entity it continues; not a cue
    opening its sentence ("Said Ellis: ...")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is None or before.pos_ != "PROPN":
        return False
    return token.dep_ == "compound" or (token.ent_type_ == "PERSON" and token.ent_iob_ == "I")


def _shows_no_sign(verb: Any) -> bool:
    """ "showed no sign of", "did not show any signs of"."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() == "sign"
        and (negated or any(d.lower_ == "no" for d in c.children))
        for c in verb.children
    )


def _names(verb: Any) -> bool:
    """A participle that gives a noun its name ("a stream called Miracle Run") or a term in
    quotation marks ("search flights (called “air sweeps”)"): the noun is what is named,
    not who speaks."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN":
        return False
    complements = [c for c in verb.children if c.dep_ not in ("punct", "advmod")]
    if len(complements) != 1:
        return False
    return complements[0].pos_ in ("PROPN", "NUM") or _opens_after_a_quote(complements[0])


def _opens_after_a_quote(token: Any) -> bool:
    """Whether ``token``'s phrase starts right after a quotation mark."""
    first = min(t.i for t in token.subtree if not t.is_quote)
    return first > 0 and token.doc[first - 1].is_quote


def _regards(verb: Any) -> bool:
    """A view held: a clause, or "as" after the object ("see the toll as unfair"). An "as"
    the parser hangs on an adverbial clause is not read: the content would stop at the
    object ("see the toll"), a quote without the view (PolNeAR dev figures are the same
    with or without that reading)."""
    return any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)


def _colon_cue(colon: Any) -> Cue | None:
    """A headline or lead-in that names its speaker before a colon ("Mayor Roe: We will
    rebuild", "... - Ann Roe: “...”", "From the report: “...”"): a short name or agent
    noun opening the paragraph or following a dash, with no verb of its own."""
    sent = colon.sent
    start = sent.start
    for token in colon.doc[sent.start : colon.i]:
        if token.text in _DASHES:
            start = token.i + 1
    while start < colon.i and colon.doc[start].lower_ in ("from", "more"):
        start += 1
    before = colon.doc[start : colon.i]
    after = [t for t in colon.doc[colon.i + 1 : sent.end] if not t.is_space]
    if not after or all(t.text.isupper() for t in before if t.is_alpha):
        after = [t for t in _rest_of_paragraph(colon) if not t.is_space]
    if not 0 < len(before) <= HEADLINE_SPEAKER_WORDS or sum(t.is_alpha for t in after) < 3:
        return None  # "Delegates: 46" is a figure, not words said
    opens = _opens_paragraph(before[0]) or before[0].nbor(-1).text in _DASHES
    if any(t.pos_ in ("VERB", "AUX") for t in before) or not opens:
        return None
    if not _names_a_speaker(before, after_dash=not _opens_paragraph(before[0])):
        return None
    return Cue(colon, before.root, _pieces(_clause_span(after)))


def _rest_of_paragraph(colon: Any) -> list[Any]:
    """The words after a transcript's speaker label ("SMITH: We debated. We lost."), or
    after a colon that ends its sentence: the rest of the paragraph, since a turn runs to
    the line's end. PolNeAR train (300 texts) content overlap F1, with capitals taken as
    speaker labels: 0.6905 -> 0.6915."""
    words = []
    for token in colon.doc[colon.i + 1 :]:
        if "\n" in token.text:
            break
        words.append(token)
    return words


def _names_a_speaker(words: Any, after_dash: bool) -> bool:
    """A name or a noun for people ("Roe", "Pew Research", "the report"), or capitalized
    nouns the model did not tag as a name ("Lindqvist"), not a section label
    ("Correction:", "Editor's note:", "WATCH:") or a heading ("Little Relief:"). Opening a
    paragraph, such a noun is one word: longer title-case runs there are headings."""
    if any(t.ent_type_ in _SPEAKER_ENTS or _agent_noun(t) for t in words):
        return True
    named = [t for t in words if t.is_alpha]
    if any(t.lower_ in SECTION_LABELS for t in named):
        return False
    # a transcript's speaker label is a name in capitals ("KATE ROE:"), whatever its tags
    if 0 < len(named) <= 3 and all(t.text.isupper() and len(t.text) > 1 for t in named):
        return True
    return (len(named) == 1 or (after_dash and bool(named))) and all(
        t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") for t in named
    )


_DASHES = frozenset({"-", "–", "—", "--"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _agent_noun(token: Any) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in AGENT_NOUNS


def _opens_paragraph(token: Any) -> bool:
    return token.i == 0 or "\n" in token.nbor(-1).text_with_ws


def agentive(token: Any) -> bool:
    """A subject that can hold or state a view: a person, group, organization or place
    named, a personal pronoun, or a noun for people or for a publication."""
    if token is None:
        return False
    if token.ent_type_ in _SPEAKER_ENTS or token.pos_ == "PROPN":
        return True
    if token.lower_ in ("that", "which") and token.head.dep_ == "relcl":
        # "the group that backed Roe": the group (PolNeAR train, 300 texts: content overlap
        # F1 0.6983 -> 0.6991)
        return agentive(token.head.head)
    return token.lower_ in AGENT_PRONOUNS or _agent_noun(token)


def _named_after_quotation(cue: Any) -> Any:
    """The person an inverted cue names right after a quotation ('“...,” said Sen. Ana Roe
    (D), asked about the vote'), which the parser may have made the subject of the clause
    after it: the last word of that name; None when anything but the name follows."""
    if cue.i == 0 or cue.doc[cue.i - 1].text not in _CLOSING_MARKS:
        return None
    name = None
    for token in cue.doc[cue.i + 1 : min(cue.i + 6, cue.sent.end)]:
        if token.pos_ != "PROPN":
            break
        if token.ent_type_ == "PERSON":
            name = token
    return name


def _nearby_person(cue: Any, quoted: Sequence[tuple[int, int]]) -> Any:
    """A misparsed cue with no subject (“…,” acting Mayor Ann Roe (D) said): the nearest
    person or he/she within a few words before the cue, not crossing a quotation."""
    for token in reversed(cue.doc[max(cue.sent.start, cue.i - 8) : cue.i]):
        if in_spans(token.idx, quoted) or token.text in ("“", "”", '"', "''"):
            return None
        if token.ent_type_ == "PERSON" or token.lower_ in ("he", "she"):
            return token
    return None
