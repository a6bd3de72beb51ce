"""Read-side helpers over a ``manysides.report/1`` dict, shared by every renderer.

Renderers work from the JSON document (not the dataclasses) so that a cached report renders
without re-running the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

from ..clean import without_dateline
from ..name_cues import PARTY_OF_WORD, is_title_word, shares_surname

# The highest-scoring biased sentences a report lists; the per-outlet counts cover all.
BIASED_SHOWN = 10
# A story page shows each speaker's first QUOTES_SHOWN quotations (those more outlets quote
# first) and the first LOADED_SHOWN sentences with loaded wording; the rest fold away under
# "N more" (an AllSides story of 12 articles ran to 10,000 pixels of quotations and 15,000
# of framing).
QUOTES_SHOWN = 4
LOADED_SHOWN = 10
# Marks a fact's text opens with when it is a quotation.
_QUOTE_OPENINGS = frozenset("\"“‘'«")


@dataclass(frozen=True)
class LoadedSentence:
    """A sentence with loaded wording, as a report lists it: the sentence in ``pieces``,
    each (text, label), the loaded words with their reason and the words between them with
    "" (without the sentence, the loaded words alone); ``span``, its first loaded span, is
    what a citation links to."""

    article_id: str
    sentence: int
    pieces: tuple[tuple[str, str], ...]
    span: Mapping[str, Any]

    @property
    def notes(self) -> list[str]:
        """What is loaded and why: the reason alone when one span is marked, else each
        word with its reason ("sweeping: hyperbole"), a word and reason given twice once."""
        marks = [(text, label) for text, label in self.pieces if label]
        if len(marks) == 1:
            return [marks[0][1]]
        return list(dict.fromkeys(f"{text}: {label}" for text, label in marks))


@dataclass(frozen=True)
class ReportView:
    doc: Mapping[str, Any]

    @property
    def articles(self) -> list[Mapping[str, Any]]:
        return list(self.doc["articles"])

    def article(self, article_id: str) -> Mapping[str, Any] | None:
        return next((a for a in self.doc["articles"] if a["id"] == article_id), None)

    def outlet_label(self, article_id: str) -> str:
        """The label of an article's outlet as the report stores it (the coverage matrix's)."""
        a = self.article(article_id)
        if a is None:
            return article_id
        return str(a.get("outlet_label") or a.get("outlet") or f"unknown outlet ({a['id']})")

    def outlet(self, article_id: str) -> str:
        """How the report names an article's outlet (``label``)."""
        return self.label(self.outlet_label(article_id))

    def label(self, outlet: str) -> str:
        """An outlet label as the report shows it. An unknown outlet's label carries its
        headline so that two anonymous articles stay apart; shown, it is "unknown outlet"
        with the numbers of its articles, which the sources list maps to their headlines."""
        if not outlet.startswith("unknown outlet"):
            return outlet
        mine = self.outlet_numbers(outlet)
        return f"unknown outlet [{mine}]" if mine else outlet

    def sentence_text(self, article_id: str, index: int) -> str:
        """A sentence of an article as a report quotes it: as written, less a wire dateline
        opening it ("PORT ANSEL, Calder (CWS) — ")."""
        a = self.article(article_id)
        if a is None or index >= len(a.get("sentences", [])):
            return ""
        start, end = a["sentences"][index]
        return without_dateline(str(a["text"][start:end]))

    def outlet_numbers(self, outlet: str) -> str:
        """The numbers of an outlet's articles ("2" or "1, 4"), as the sources list them."""
        numbers = self.citation_number()
        return ", ".join(
            str(numbers[a["id"]])
            for a in self.doc["articles"]
            if self.outlet_label(a["id"]) == outlet
        )

    @cached_property
    def loaded_sentences(self) -> list[LoadedSentence]:
        """The sentences holding loaded wording, each once with every loaded span of it
        marked, in the order of their first span (one row per span showed a sentence with
        three loaded words three times)."""
        grouped: dict[tuple[str, int], list[Mapping[str, Any]]] = {}
        for span in self.doc["framing"]["loaded"]:
            grouped.setdefault((span["article_id"], span["sentence"]), []).append(span)
        return [self._loaded_sentence(spans) for spans in grouped.values()]

    def _loaded_sentence(self, spans: list[Mapping[str, Any]]) -> LoadedSentence:
        first = spans[0]
        article = self.article(first["article_id"])
        sentences = article.get("sentences", []) if article else []
        if article is None or first["sentence"] >= len(sentences):
            # no sentence to show them in: the loaded words alone, one after another
            pieces: list[tuple[str, str]] = []
            for span in spans:
                pieces += [("  …  ", "")] if pieces else []
                pieces.append((str(span["text"]), span_label(span)))
            return LoadedSentence(first["article_id"], first["sentence"], tuple(pieces), first)
        start, end = sentences[first["sentence"]]
        sentence = str(article["text"][start:end])
        places = [(_span_in_sentence(sentence, span, start), span) for span in spans]
        found = sorted(((*at, span) for at, span in places if at), key=lambda m: (m[0], m[1]))
        # as every report quotes a sentence: without the wire dateline opening it
        shown = without_dateline(sentence)
        cut = len(sentence) - len(shown)
        if cut and all(lo >= cut for lo, _, _ in found):
            sentence = shown
            found = [(lo - cut, hi - cut, span) for lo, hi, span in found]
        pieces, cursor = [], 0
        for lo, hi, label in _merged_marks(found):
            pieces += [(sentence[cursor:lo], "")] if lo > cursor else []
            pieces.append((sentence[lo:hi], label))
            cursor = hi
        pieces += [(sentence[cursor:], "")] if cursor < len(sentence) else []
        return LoadedSentence(first["article_id"], first["sentence"], tuple(pieces), first)

    def citation_number(self) -> dict[str, int]:
        """Articles numbered 1..n in report order, for compact citation marks."""
        return {a["id"]: i + 1 for i, a in enumerate(self.doc["articles"])}

    def variant_outlet(self, group: Mapping[str, Any], variant: Mapping[str, Any]) -> str:
        """The outlet a quotation's variant is named by, with its article's number when
        another article of the same outlet quotes the words too ("Ledger [3]", "Ledger [6]")."""
        return self._numbered_outlet(variant["article_id"], group["variants"])

    def _numbered_outlet(self, article_id: str, members: Sequence[Mapping[str, Any]]) -> str:
        """The outlet of ``article_id``, with the article's number when ``members`` (items
        with an ``article_id``) hold another article of the same outlet."""
        outlet = self.outlet(article_id)
        same = {m["article_id"] for m in members if self.outlet(m["article_id"]) == outlet}
        if len(same) < 2:
            return outlet
        return f"{outlet} [{self.citation_number().get(article_id, '?')}]"

    def first_per_article(self, citations: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """One citation per article (its first), in article-number order."""
        numbers = self.citation_number()
        first: dict[str, Mapping[str, Any]] = {}
        for c in citations:
            first.setdefault(c["article_id"], c)
        return sorted(first.values(), key=lambda c: numbers.get(c["article_id"], 0))

    def stating(self, fact: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The sentences that state ``fact``: its own support, then that of the facts
        restating it in other words (``restated``), which the coverage matrix counts too: a
        dot for an outlet with no sentence cited beside it reads as a mistake."""
        by_id = self.facts_by_id
        restating = (by_id[i] for i in fact.get("restated", []) if i in by_id)
        return [*fact["support"], *(c for other in restating for c in other["support"])]

    @cached_property
    def disputed_facts(self) -> frozenset[str]:
        """Ids of the facts whose sentences give figures the numbers check found to
        contradict each other: a fact is what outlets report, figures and all, so its row
        must say that they do not agree on the figure ("12 percent" / "15 percent")."""
        flagged = []
        for group in self.doc.get("quantities", []):
            values = group["values"]
            for i, j in group.get("conflicts", []):
                flagged.append({(values[k]["article_id"], values[k]["sentence"]) for k in (i, j)})
        disputed = set()
        for fact in self.doc.get("facts", []):
            stated = {(c["article_id"], c["sentence"]) for c in self.stating(fact)}
            if any(pair <= stated for pair in flagged):
                disputed.add(fact["id"])
        return frozenset(disputed)

    def timeline_sources(self, entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The sentences reporting a timeline entry, the shown one first (reports written
        before entries had ``sources`` give the shown one alone)."""
        return list(entry.get("sources") or [entry])

    def timeline_outlets(self, entry: Mapping[str, Any]) -> list[str]:
        """The outlets of the sentences reporting a timeline entry, the shown one's first,
        each once (an outlet may have two articles on the story)."""
        names = (self.outlet(c["article_id"]) for c in self.timeline_sources(entry))
        return list(dict.fromkeys(names))

    def outlets(self) -> list[str]:
        seen: dict[str, None] = {}
        for a in self.doc["articles"]:
            seen.setdefault(self.outlet(a["id"]), None)
        return list(seen)

    def exclusive(self) -> Mapping[str, list[str]]:
        """Outlet label → the facts only it reports; none when one outlet published the
        story's originals ("only it reports" then says nothing). facts.coverage already
        gives such a story none; the check stays for documents it did not make (a report
        JSON from an earlier release, a hand-built report). The report cache cannot serve
        an older one: its key holds the code's fingerprint."""
        independent = {self.outlet_label(a["id"]) for a in self.doc["articles"] if not a.get("duplicate_of")}
        return self.doc["coverage"].get("exclusive", {}) if len(independent) > 1 else {}

    @cached_property
    def facts_by_id(self) -> dict[str, Mapping[str, Any]]:
        """Fact id -> the fact (built once per view; coverage and restatements name facts
        by id)."""
        return {f["id"]: f for f in self.doc.get("facts", [])}

    @cached_property
    def fact_texts(self) -> dict[str, str]:
        """Fact id -> its text (built once per view; coverage names facts by id)."""
        return {i: f["text"] for i, f in self.facts_by_id.items()}

    def example_fact(self, ids: list[str]) -> str:
        """The text of the fact that stands for ``ids`` (an outlet's exclusive facts): the
        first told in the outlet's own words, as a quotation is a speaker's, not a fact the
        outlet reports; the first of all when every one is a quotation."""
        texts = self.fact_texts
        shown = [texts[i] for i in ids if i in texts]
        own = [t for t in shown if t[:1] not in _QUOTE_OPENINGS]
        return (own or shown or [""])[0]

    def genre(self, article_id: str) -> str:
        for label in self.doc["framing"].get("labels", []):
            if label["article_id"] == article_id:
                return str(label["label"])
        return ""

    def leaning(self, article_id: str) -> str:
        """left, center or right for the article's outlet ("lean-left" counts as left)."""
        return self.leaning_label(article_id).removeprefix("lean-")

    def leaning_label(self, article_id: str) -> str:
        """The registry's leaning of the article's outlet as written ("lean-left"), or ""."""
        return str(dict(self.doc["framing"].get("leanings", {})).get(article_id, ""))

    @property
    def leaning_coverage(self) -> dict[str, int]:
        """Articles per outlet leaning, when the registry knows a leaning (else empty):
        what "every side" rests on."""
        return dict(self.doc["framing"].get("leaning_coverage") or {})

    def blindspot_text(self) -> str:
        side = self.doc["framing"].get("blindspot")
        if not side:
            return ""
        return f"no {side}-leaning outlet covered this story, so {side}-leaning readers may not see it."

    def number_groups(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Quantities reported by two or more articles, with a verdict (a key of
        ``VERDICTS``): "disagree" (flagged conflict between outlets), "disagree within"
        (flagged conflicts all between articles of one outlet: an outlet's own figures
        moved, which is not outlets disagreeing), "changed within" (those articles were
        published on different days: a revision as the story moved on), "differ"
        (different figures that can both be true, e.g. a maximum and a first-offence
        amount) or "agree"; conflicts first."""
        verdicts = []
        for group in self.doc["quantities"]:
            if len({v["article_id"] for v in group["values"]}) < 2:
                continue
            figures = {(v["value"], v.get("upper"), v["qualifier"], v.get("condition", "")) for v in group["values"]}
            if group["conflict"] and self._within_one_outlet(group):
                verdict = "changed within" if self._days_apart(group) else "disagree within"
            elif group["conflict"]:
                verdict = "disagree"
            else:
                verdict = "differ" if len(figures) > 1 else "agree"
            verdicts.append((verdict, group))
        return sorted(verdicts, key=lambda item: list(VERDICTS).index(item[0]))

    def _within_one_outlet(self, group: Mapping[str, Any]) -> bool:
        """Whether every flagged pair of a group's figures comes from two articles of one
        outlet (reports written before ``conflicts`` existed count as between outlets)."""
        values = group["values"]
        pairs = group.get("conflicts") or []
        return bool(pairs) and all(
            self.outlet_label(values[i]["article_id"]) == self.outlet_label(values[j]["article_id"])
            for i, j in pairs
        )

    def _days_apart(self, group: Mapping[str, Any]) -> bool:
        """Whether every flagged pair of a group's figures comes from two articles published
        on different days: a figure an outlet revised as the story moved on ("$1.6 trillion"
        one week, "$1.4 trillion" after a new offer), not two figures for one moment."""
        values = group["values"]
        return all(
            (a := self._published_day(values[i]["article_id"]))
            and (b := self._published_day(values[j]["article_id"]))
            and a != b
            for i, j in group.get("conflicts") or []
        )

    def _published_day(self, article_id: str) -> str:
        article = self.article(article_id)
        return str((article or {}).get("published") or "")[:10]

    def contradicted(self, group: Mapping[str, Any]) -> dict[int, tuple[str, ...]]:
        """Value index → the figures it contradicts, each as "figure (outlet)", the outlet
        with its article's number when the group holds two of its articles, for a
        group's flagged pairs: which figures disagree, when a group holds more than the two
        that do. Every report names them the same way."""
        values = group["values"]
        against: dict[int, dict[str, None]] = {}
        for i, j in group.get("conflicts", []):
            for one, other in ((i, j), (j, i)):
                outlet = self._numbered_outlet(values[other]["article_id"], values)
                label = f"{values[other]['text']} ({outlet})"
                against.setdefault(one, {})[label] = None
        return {index: tuple(labels) for index, labels in against.items()}

    def quotes_by_speaker(self) -> list[tuple[str, list[Mapping[str, Any]]]]:
        """Quote groups speaker by speaker, speakers and then each speaker's quotations quoted
        by more outlets first (ties in the report's order), the statements outlets only
        report after them. A speaker is a heading: its first letter is a capital ("a
        spokeswoman for the port" at the start of one sentence and inside another is one
        speaker)."""
        by_speaker: dict[str, list[Mapping[str, Any]]] = {}
        for group in self.doc["quotes"]:
            by_speaker.setdefault(speaker_heading(group["speaker"]), []).append(group)
        for groups in by_speaker.values():  # quotations, more outlets first, then reports
            groups.sort(key=lambda group: (reported(group), -len(group["variants"])))

        def weight(item: tuple[str, list[Mapping[str, Any]]]) -> tuple[bool, int, int]:
            name, groups = item
            quoted = sum(len(g["variants"]) for g in groups if not reported(g))
            told = sum(len(g["variants"]) for g in groups if reported(g))
            return (name == "Unattributed", -quoted, -told)

        return sorted(by_speaker.items(), key=weight)

    def speaker_role(self, speaker: str) -> str:
        """What the story's entities say a quoted person is ("Mayor, Democrat"): their role
        and affiliation, or "" when the speaker is no person the story names. ``speaker`` is
        the name as written or as a heading ("de Klerk" heads as "De Klerk")."""
        for entity in self.doc.get("entities", []):
            name = entity.get("name") or ""
            if entity.get("type") == "person" and speaker in (name, speaker_heading(name)):
                return role_and_party(entity)
        return ""

    def biased_sentences(self, limit: int = BIASED_SHOWN) -> list[Mapping[str, Any]]:
        """The ``limit`` sentences whose own wording reads as biased, highest score first,
        each with its ``text`` (reports written before the field existed have none)."""
        biased = sorted(self.doc["framing"].get("biased", []), key=lambda b: -b["score"])
        return [
            {**b, "text": b.get("text") or self.sentence_text(b["article_id"], b["sentence"])}
            for b in biased[:limit]
        ]

    def biased_share_by_outlet(self) -> list[tuple[str, int, int]]:
        """(outlet, sentences that read as biased, sentences) for outlets with any biased
        sentence, highest share first: how much of each outlet's own prose editorializes."""
        biased: dict[str, int] = {}
        for b in self.doc["framing"].get("biased", []):
            outlet = self.outlet(b["article_id"])
            biased[outlet] = biased.get(outlet, 0) + 1
        totals: dict[str, int] = {}
        for a in self.doc["articles"]:
            outlet = self.outlet(a["id"])
            totals[outlet] = totals.get(outlet, 0) + len(a.get("sentences", []))
        rows = [(o, n, max(n, totals.get(o, 0))) for o, n in biased.items()]
        return sorted(rows, key=lambda r: (-r[1] / r[2], r[0]))

    def terms_by_outlet(self, limit: int = 8) -> dict[str, list[Mapping[str, Any]]]:
        grouped: dict[str, list[Mapping[str, Any]]] = {}
        for term in sorted(self.doc["framing"]["terms"], key=lambda t: -t["z"]):
            bucket = grouped.setdefault(term["outlet"], [])
            if len(bucket) < limit:
                bucket.append(term)
        return grouped


def party_shown(entity: Mapping[str, Any]) -> str:
    """A person's party as shown beside their role: none when the role already names it
    ("Republican strategist", not "Republican strategist, Republican")."""
    party = entity.get("affiliation") or ""
    role_words = re.findall(r"[A-Za-z]+", entity.get("role") or "")
    return "" if any(PARTY_OF_WORD.get(w.lower()) == party for w in role_words) else party


def role_and_party(entity: Mapping[str, Any]) -> str:
    """An entity's role and party, as a heading shows them ("Mayor, Democrat")."""
    role = role_shown(entity.get("role") or "")
    return ", ".join(part for part in (role, party_shown(entity)) if part)


# Forms of address an outlet puts between an office and the name ("House Majority Whip Rep.
# Ana Roe"): the office says who the person is; the role keeps both for "the senator".
_FORMS_OF_ADDRESS = frozenset({"representative", "senator", "congressman", "congresswoman"})


def role_shown(role: str) -> str:
    """A role as shown: without a form of address that follows an office ("Majority Whip",
    not "Majority Whip Representative"), without an "another" that compared the speaker
    with someone its article named before ("member of the defense team", not "another
    member ..."), and in title case when a headline gave it in capitals."""
    words = role.split()
    if len(words) > 1 and words[0].lower() == "another":
        words = words[1:]
        role = " ".join(words)
    if role.isupper() and len(words) > 1:  # from a headline in capitals
        words = [_uncapitalized(w) for w in words]
        role = " ".join(words)
    office = any(is_title_word(w) or w.lower() == "whip" for w in words[:-1])
    if len(words) > 1 and words[-1].lower() in _FORMS_OF_ADDRESS and office:
        return " ".join(words[:-1])
    return role


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "at", "on", "a", "an"})


def _uncapitalized(word: str) -> str:
    """A word of a role written in capitals as a title writes it: "FORMER" is "Former",
    "OF" is "of"; a short word stays as it is ("FBI", "CEO")."""
    if word.lower() in _SMALL_WORDS:
        return word.lower()
    return word.capitalize() if len(word) > 3 else word


def reported(group: Mapping[str, Any]) -> bool:
    """Whether a quote group is a statement no outlet quotes, only reports."""
    return bool(group.get("reported"))


def variant_label(variant: Mapping[str, Any]) -> str:
    """How an outlet gives the words: "verbatim", "reworded" (a quotation whose words
    differ) or "reported" (reported speech, no quotation)."""
    if variant.get("kind") == "indirect":
        return "reported"
    return "verbatim" if variant.get("verbatim") else "reworded"


def more_label(groups: Sequence[Mapping[str, Any]]) -> str:
    """What a fold of quote groups holds: "3 more quotations", "2 more reported statements"
    or "3 more quotations and 2 reported statements"."""
    told = sum(1 for group in groups if reported(group))
    quoted = len(groups) - told
    if not told:
        return counted(quoted, "more quotation")
    if not quoted:
        return counted(told, "more reported statement")
    return f"{counted(quoted, 'more quotation')} and {counted(told, 'reported statement')}"


def other_speaker(group: Mapping[str, Any], variant: Mapping[str, Any]) -> str | None:
    """The speaker a variant names when it is not the group's: "Lindqvist" for "Maren
    Lindqvist" is the same person (one name holds the other's last word), so None."""
    mine, theirs = variant.get("speaker") or "", group.get("speaker") or ""
    if not mine.split() or not theirs.split() or shares_surname(mine, theirs):
        return None
    return mine


# What a group of figures measures when no noun names it (a verb stood in: "included $800
# billion"), by the figures' unit.
UNIT_HEADINGS = {"$": "amount", "€": "amount", "£": "amount", "%": "share", "days": "duration",
                 "date": "date", "": "count"}  # fmt: skip


# What each verdict of ``ReportView.number_groups`` says, in the order groups are shown.
VERDICTS = {
    "disagree": "⚠ outlets disagree",
    "disagree within": "⚠ one outlet's articles disagree",
    "changed within": "one outlet's figure changed between its articles of different days",
    "differ": "reported differently (the figures can both be true)",
    "agree": "outlets agree",
}


def clash_words(verdict: str) -> tuple[str, str]:
    """(warning mark, words) with which a flagged figure names its counterparts: an
    outlet's revision over the days (verdict "changed within") is no contradiction."""
    return ("", "another day's figure:") if verdict == "changed within" else ("⚠ ", "contradicts")


def figure_heading(group: Mapping[str, Any]) -> str:
    """A number group's heading: its subject ("fine", "Americans"), else what its unit
    measures ("amount", "share"), else the unit itself ("acre")."""
    if group.get("subject"):
        return str(group["subject"])
    unit = group["values"][0]["unit"] if group.get("values") else ""
    return UNIT_HEADINGS.get(unit, unit)


def speaker_heading(speaker: str | None) -> str:
    """A quote group's speaker as a heading: "Unattributed" for none, else the speaker with
    a capital first letter ("a spokeswoman for the port" heads as "A spokeswoman ...") and
    typographic apostrophes (outlets writing "Ruiz's lawyers" and "Ruiz’s lawyers" quote one
    speaker)."""
    speaker = (speaker or "Unattributed").replace("'", "’")
    return speaker[:1].upper() + speaker[1:]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with ``noun`` in the right number: "1 article", "3 articles"; ``plural`` for
    a noun that does not just add "s" ("1 story", "2 stories"); thousands are grouped
    ("9,680 stories")."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {plural or noun + 's'}"


def span_label(span: Mapping[str, Any]) -> str:
    """A loaded span's reason, saying when the words are a quoted speaker's, not the outlet's."""
    return span["reason"] + ("; in a quotation" if span.get("quoted") else "")


def _span_in_sentence(
    sentence: str, span: Mapping[str, Any], sentence_start: int
) -> tuple[int, int] | None:
    """Where a loaded span lies in its sentence: at its own characters, so that a word the
    sentence holds twice is marked where it was found; for a report without offsets, its
    first occurrence; None when the sentence does not hold it."""
    text = str(span["text"])
    lo, hi = span.get("start", -1) - sentence_start, span.get("end", -1) - sentence_start
    if 0 <= lo < hi <= len(sentence) and sentence[lo:hi] == text:
        return lo, hi
    at = sentence.find(text) if text else -1
    return (at, at + len(text)) if at >= 0 else None


def _merged_marks(
    marks: list[tuple[int, int, Mapping[str, Any]]],
) -> list[tuple[int, int, str]]:
    """(start, end, label) of marks sorted by place, overlapping ones joined into one mark
    whose label lists their reasons once each ("so-called" inside "so-called reforms")."""
    merged: list[tuple[int, int, list[Mapping[str, Any]]]] = []
    for lo, hi, span in marks:
        if merged and lo < merged[-1][1]:
            last_lo, last_hi, spans = merged[-1]
            merged[-1] = (last_lo, max(last_hi, hi), [*spans, span])
        else:
            merged.append((lo, hi, [span]))
    return [(lo, hi, _joint_label(spans)) for lo, hi, spans in merged]


def _joint_label(spans: list[Mapping[str, Any]]) -> str:
    reasons = ", ".join(dict.fromkeys(str(span["reason"]) for span in spans))
    return span_label({"reason": reasons, "quoted": any(span.get("quoted") for span in spans)})


def in_quotes(text: str) -> str:
    """``text`` set in quotation marks, as a report cites an outlet's sentence; a sentence
    that opens with a quotation of its own is shown as it is (“"We won," she said.” read
    as a misprint)."""
    return text if text[:1] in _QUOTE_OPENINGS else f"“{text}”"


def dated_pieces(entry: Mapping[str, Any], limit: int | None = None) -> tuple[str, str, str]:
    """A timeline entry's sentence as (before, date phrase, after), so a renderer can mark
    the phrase that placed it: in "Vance, who took over the agency in December, said ..."
    the date is the relative clause's, not the statement's. ``limit`` shortens the text
    around the phrase (with "…") to about that many characters. No phrase found: (text, "",
    "")."""
    text, phrase = entry["text"], entry.get("expression") or ""
    at = text.find(phrase) if phrase else -1
    if at < 0:
        return (_words_within(text, limit) if limit else text), "", ""
    before, after = text[:at], text[at + len(phrase) :]
    if limit and len(text) > limit:
        room = max(limit - len(phrase), 0)
        if len(before) > room // 2:
            keep = max(room // 2, room - len(after))
            kept = before[len(before) - keep + 1 :] if keep > 1 else ""
            before = "…" + kept[kept.find(" ") + 1 :] if " " in kept else "…"  # whole words
        after = _words_within(after, max(limit - len(before) - len(phrase), 1))
    return before, phrase, after


def _words_within(text: str, limit: int) -> str:
    """``text`` cut to whole words within ``limit`` characters, "…" marking the cut."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    return (kept.rsplit(" ", 1)[0] if " " in kept.strip() else kept).rstrip() + "…"


def short_title(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def diff_segments(diff: list[Mapping[str, str]]) -> list[tuple[str, str]]:
    """(kind, text) segments of a variant's diff against its group's base text.

    Kinds: same; added and dropped (a ``replace`` is both); truncated (base words the variant
    cut off at either end); extended (words the variant quotes beyond the base); splice (base
    words the variant replaced with "…").
    """
    segments: list[tuple[str, str]] = []
    for op in diff:
        kind, base, variant = op["op"], op["base"], op["variant"]
        if kind == "equal":
            segments.append(("same", variant or base))
        elif kind == "replace":
            segments += [("dropped", base), ("added", variant)]
        else:
            name = {"insert": "added", "delete": "dropped", "truncate": "truncated", "extend": "extended"}
            segments.append((name.get(kind, kind), base if kind in ("delete", "truncate", "splice") else variant))
    return segments


# Segments whose words are the variant's own; the others are the base text's.
_VARIANT_KINDS = frozenset({"same", "added", "extended"})


def shown_segments(variant: Mapping[str, Any], base_text: str) -> list[tuple[str, str]]:
    """``diff_segments`` with each segment's words as its source writes them, punctuation
    included: the diff compares bare words, and "the locks pile someone's" shown for "the
    locks, pile someone's" would misquote the outlet. The variant's words come from its
    text, dropped and truncated words from the group's ``base_text``; a segment not found
    in its source stays as the diff has it."""
    cursors = {True: 0, False: 0}
    shown = []
    for kind, words in diff_segments(variant.get("diff", [])):
        own = kind in _VARIANT_KINDS
        source = str(variant["text"]) if own else base_text
        found = _as_written(words, source, cursors[own])
        if found is not None:
            words, cursors[own] = found
        shown.append((kind, words))
    return shown


def lone_variant(group: Mapping[str, Any]) -> bool:
    """Whether a quote group's only variant is written just as the group's quotation shows
    it (punctuation too): the reports then show the words once, not again on the outlet's
    line."""
    variants = group["variants"]
    return len(variants) == 1 and str(variants[0]["text"]).split() == str(group["text"]).split()


def _as_written(words: str, source: str, start: int) -> tuple[str, int] | None:
    """``words`` as ``source`` writes them from ``start`` on (any punctuation and spacing
    between them), and where that ends; None when they are not there in that order."""
    parts = words.split()
    if not parts:
        return None
    # (with the marks that close it: "point.", "nothing”")
    pattern = r"(?<!\w)" + re.escape(parts[0])
    for before, part in pairwise(parts):
        pattern += _gap(before, part) + re.escape(part)
    pattern += r"(?!\w)[.,;:!?…”’\"')\]]*"
    match = re.compile(pattern).search(source, start)
    return (match.group(), match.end()) if match else None


def _gap(before: str, after: str) -> str:
    """What may stand between two of a diff's words in the source: any punctuation and
    spacing, and nothing at all beside a word that is itself a mark ("give up…", where the
    diff has "up" and "…")."""
    touching = not (before[-1].isalnum() and after[0].isalnum())
    return r"[\W_]*" if touching else r"[\W_]+"
