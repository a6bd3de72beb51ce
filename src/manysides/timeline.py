"""When things happened: dated statements of a story, in time order.

Every spaCy DATE entity that names a point or period in time becomes a candidate entry (the
sentence it is in, the date phrase as ``expression``). Durations and vague phrases ("three
years", "the coming weeks") are left out. Dates are read in three ways:

- absolute: "Jan. 1, 2018" → ``2018-01-01``, "January 2018" → ``2018-01``, "2017" → ``2017``;
- relative to the article's publication date: "Thursday" in an article published Friday
  2018-01-19 → ``2018-01-18`` (a weekday is the latest such day on or before publication,
  the next one when the verb is future: "will meet Thursday"), "last October" → the latest
  October before publication, "Oct. 1" / "in October" → the nearest one, "last week" → an ISO
  week, "earlier this month" → the month;
- relative without a publication date: ``when`` stays the phrase and ``resolved`` is False,
  but the entry is still placed in order against a story-level anchor: the latest publication
  date of the story's other articles, or else the latest explicit date the story mentions
  (a lower bound for when it was written; phrases about the days around publication are put
  just after it), or else, with no date at all, a stand-in publication day (see
  :func:`_story_week`).

Undated articles of one story are taken to share one "story week": weekday names in them
("Monday", "on Wednesday") fall within the seven days ending on the latest one, so they are
ordered by weekday, with "last week" before them and "tomorrow" or "next week" after.
Where that week starts is not known without a date; it is cut at the longest run of days
the story does not name (the named days are taken to lie as close together as possible):
{Tuesday, Thursday} reads Tuesday → Thursday, {Friday, Monday} reads Friday → Monday.

One event reported by several articles at the same date is one entry whose ``sources`` cite
each article's sentence: sentences in near-identical words, sentences the facts stage
aligned as one fact, sentences whose date modifies one verb with no different subject
("signed last October", "HB 212, signed ... last October"; within a year, only when they
also share a name), and sentences quoting one speaker (at a date coarser than a day, only
when they also name the same occasion: "Homan said on Fox News earlier this month"). The
entry shows the most readable of them. The entry point is :func:`build_timeline`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from .attribution_cues import CUE_VERBS
from .model import Citation, Fact, TimelineEntry
from .name_cues import shares_surname
from .nlp import ParsedArticle
from .quotes import extract_quotes
from .summary_units import own_penalty

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ]
    )
    for name in names.split()
}
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_DATE = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)$"
)
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)$")
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>(?:19|20)\d\d)$")
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?$")
_ISO = re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)$")
_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)$")
_MODIFIED_MONTH = re.compile(
    r"(?:(?P<mod>last|this|next|early|late|mid|earlier|later)[\s-]+)?" + _MONTH + r"$"
)
_WEEKDAY = re.compile(
    r"(?:(?P<mod>last|this|next|on|this past|past)\s+)?(?P<weekday>"
    + "|".join(_WEEKDAYS)
    + r")(?:'s|’s)?(?:\s+(?:morning|afternoon|evening|night))?$"
)
_LEADING = re.compile(r"^(?:(?:the|on|in|since|by|until|from|of|as of|before|after|during)\s+)+")
# Lemmas of verbs that put the dated clause in the future ("is expected to vote Thursday").
_FUTURE_VERBS = frozenset({"expect", "schedule", "plan", "set", "intend", "prepare"})
# Minimum rapidfuzz token_set_ratio for two same-date entries of different articles to count
# as one report. Calibrated on examples/demo: the wire story and its syndicated copy score 100,
# outlets' rewrites of the same dated fact 80-100, different facts on one date below 65.
_SAME_REPORT = 80
# Words between a date and the verb it modifies ("met Sunday afternoon").
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
# Verbs that name no event by themselves: the action of a date in their clause is the verb
# with its particle or object ("took effect", "took over"), or none ("was", "has").
_LIGHT_VERBS = frozenset(
    {"be", "have", "do", "make", "take", "get", "give", "go", "come", "put", "keep", "become",
     "remain", "begin", "start", "want", "need", "try", "use", "let", "see", "know", "seem",
     "appear", "accord"}
)  # fmt: skip


@dataclass(frozen=True)
class _Reading:
    """A date phrase read against an anchor: ISO text (None while unresolved) and sort day."""

    iso: str | None
    key: date | None
    relative: bool
    near: bool = False  # about the days around publication ("Thursday", "last week")


@dataclass(frozen=True)
class _Anchor:
    day: date
    exact: bool  # the article's own publication date
    lower_bound: bool = False  # only known to be on or after this day
    week: date | None = None  # stand-in publication day that orders undated weekday phrases


# --- reading one phrase ---------------------------------------------------------------------


def _absolute(text: str) -> _Reading | None:
    for pattern in (_FULL_DATE, _DAY_MONTH_YEAR):
        m = pattern.match(text)
        if m:
            return _day_reading(
                int(m.group("year")), _MONTHS[m.group("month")], int(m.group("day"))
            )
    m = _ISO.match(text)
    if m:
        return _day_reading(int(m.group("year")), int(m.group("m")), int(m.group("day")))
    m = _MONTH_YEAR.match(text)
    if m:
        year, month = int(m.group("year")), _MONTHS[m.group("month")]
        return _Reading(f"{year}-{month:02d}", date(year, month, 1), False)
    m = _YEAR.match(text)
    if m:
        return _Reading(m.group("year"), date(int(m.group("year")), 1, 1), False)
    return None


def _day_reading(year: int, month: int, day: int) -> _Reading | None:
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return _Reading(when.isoformat(), when, False)


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """The month/day closest to ``anchor`` ("Oct. 1" in mid-September is next October)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def _month_relative(mod: str | None, month: int, anchor: date, tense: str | None) -> date:
    """ "last October" is the latest October before the anchor's month; "in October" is the
    latest one on or before it in a past-tense clause, the next one in a future clause, and
    the nearest one otherwise."""
    same_year = date(anchor.year, month, 1)
    if mod == "last" or (mod != "next" and tense == "past"):
        before = month < anchor.month or (mod != "last" and month == anchor.month)
        return same_year if before else date(anchor.year - 1, month, 1)
    if mod == "next" or tense == "future":
        after = month > anchor.month or (mod != "next" and month == anchor.month)
        return same_year if after else date(anchor.year + 1, month, 1)
    if mod == "this":
        return same_year
    return _nearest_year(month, 1, anchor) or same_year


def _weekday(mod: str | None, weekday: int, anchor: date, tense: str | None) -> date:
    """The latest such weekday on or before the anchor; the next one in a future clause."""
    if mod == "next" or (tense == "future" and mod not in ("last", "past", "this past")):
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if mod == "next" else 0))
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=back or (7 if mod == "last" else 0))


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _near_relative(text: str, anchor: date, tense: str | None) -> tuple[str, date] | None:
    """Phrases about the days and weeks around publication."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return anchor.isoformat(), anchor
    if text in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat(), anchor - timedelta(days=1)
    if text == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat(), anchor + timedelta(days=1)
    m = _WEEKDAY.match(text)
    if m:
        day = _weekday(m.group("mod"), _WEEKDAYS[m.group("weekday")], anchor, tense)
        return day.isoformat(), day
    offsets = {
        "last week": -7,
        "the past week": -3,
        "past week": -3,
        "this week": -1,
        "earlier this week": -2,
        "later this week": 2,
        "next week": 7,
    }
    if text in offsets:
        day = anchor + timedelta(days=offsets[text])
        return _iso_week(day), day
    return None


def _far_relative(text: str, anchor: date, tense: str | None) -> tuple[str, date] | None:
    """Months and years named relative to publication ("last October", "earlier this month")."""
    months_back = {
        "this month": 0,
        "earlier this month": 0,
        "later this month": 0,
        "last month": 1,
        "next month": -1,
        "earlier this year": None,
        "this year": None,
    }
    if text in months_back:
        back = months_back[text]
        if back is None:
            return str(anchor.year), date(anchor.year, 1, 1)
        start = _month_start(anchor, back)
        key = start + (anchor - start) / 2 if text == "earlier this month" else start
        return start.strftime("%Y-%m"), key
    years = {"last year": -1, "next year": 1}
    if text in years:
        year = anchor.year + years[text]
        return str(year), date(year, 1, 1)
    m = _MONTH_DAY.match(text)
    if m:
        day = _nearest_year(_MONTHS[m.group("month")], int(m.group("day")), anchor)
        return (day.isoformat(), day) if day else None
    m = _MODIFIED_MONTH.match(text)
    if m:
        mod = m.group("mod") if m.group("mod") in ("last", "this", "next") else None
        start = _month_relative(mod, _MONTHS[m.group("month")], anchor, tense)
        return start.strftime("%Y-%m"), start
    return None


def _normalize(expression: str) -> str:
    text = re.sub(r"\s+", " ", expression.lower().replace("’", "'")).strip(" .,;:")
    return _LEADING.sub("", text)


def _read(expression: str, anchor: date | None, tense: str | None) -> _Reading | None:
    """What ``expression`` means; None for durations and phrases that name no time."""
    text = _normalize(expression)
    absolute = _absolute(text)
    if absolute:
        return absolute
    probe = anchor or date(2000, 6, 15)  # any day: tells whether the phrase is a relative date
    near = _near_relative(text, probe, tense)
    far = None if near else _far_relative(text, probe, tense)
    if not (near or far):
        return None
    if anchor is None:
        return _Reading(None, None, True, near=near is not None)
    iso, key = near or far  # type: ignore[misc]
    return _Reading(iso, key, True, near=near is not None)


# --- finding dated statements ---------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    article_index: int
    article_id: str
    sentence: int
    text: str
    expression: str
    tense: str | None
    action: str | None = None
    actor: tuple[str, frozenset[str]] | None = None


def _clause_verb(ent: Any) -> Any:
    """The verb of the clause a date modifies: the nearest verb or auxiliary above it."""
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _present_passive(auxiliaries: list[Any]) -> bool:
    """A participle in a present passive ("is seated in January", "gets paid in May"): the
    participle names no past event, unlike a perfect's ("has been paved")."""
    passive_now = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP", "VB") for a in auxiliaries)
    return passive_now and not any(a.lemma_ == "have" for a in auxiliaries)


def _tense(ent: Any) -> str | None:
    """ "future" when the clause the date modifies is future ("will meet", "is expected to
    vote", "would return"), "past" for a past-tense verb, else None."""
    verb = _clause_verb(ent)
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if (
        any(a.lower_ in ("will", "'ll", "shall", "would") for a in auxiliaries)
        or verb.lemma_ in _FUTURE_VERBS
    ):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"  # checked before the ancestors: "filed in January, is scheduled for April"
    if verb.tag_ == "VBN" and not _present_passive(auxiliaries):
        return "past"  # "filed in January", "has been paved in June"
    if any(t.lemma_ in _FUTURE_VERBS for t in verb.ancestors):
        return "future"
    return None


def _dated_verb(ent: Any) -> Any:
    """The verb a date phrase modifies directly ("signed last October", "crashed on Oct.
    31"), or None when it dates a noun ("the 1996 platform", "a meeting on Wednesday")."""
    head = ent.root.head
    if head.lower_ in _TIMES_OF_DAY and head.head.i != head.i:  # "met Sunday afternoon"
        head = head.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head if head.pos_ == "VERB" and head.i != ent.root.i else None


def _action(ent: Any) -> str | None:
    """What the verb a date modifies says happened, as a lemma: "signed" → "sign", "took
    effect" → "take effect". None for speech ("said Tuesday": the speaker tells occasions
    apart, see ``_same_event``), light verbs alone ("had") and dates of nouns."""
    verb = _dated_verb(ent)
    if verb is None or verb.lemma_ in CUE_VERBS:
        return None
    if verb.lemma_ not in _LIGHT_VERBS:
        return verb.lemma_
    complements = [c.lemma_ for c in verb.children if c.dep_ in ("prt", "dobj")]
    return " ".join([verb.lemma_, *complements]) if complements else None


def _name_words(token: Any) -> set[str]:
    """Lower-cased nouns of a subject: its head, compounds and conjuncts ("the attorney
    general" → {"attorney", "general"}; "President Obama and Speaker Boehner" → all four)."""
    words = {token.lower_} if token.pos_ in ("NOUN", "PROPN") else set()
    for child in token.children:
        if child.dep_ in ("compound", "conj", "flat"):
            words |= _name_words(child)
    return words


def _subjects(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _actor(ent: Any) -> tuple[str, frozenset[str]] | None:
    """Who did what a date's clause says, and in which role: ("patient", the subject's
    nouns) when the verb is passive, else ("agent", ...). A verb without a subject takes the
    one above it ("was convened and was scheduled to meet": the jury), a relative pronoun
    stands for the noun its clause modifies ("Cheney, who married ..."); a pronoun subject
    ("he") tells nothing (None)."""
    verb = _dated_verb(ent)
    if verb is None:
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    holder, subjects = verb, _subjects(verb)
    while not subjects and holder.dep_ in ("xcomp", "conj") and holder.head.i != holder.i:
        holder = holder.head
        subjects = _subjects(holder)
    if not subjects:
        return None
    subject = subjects[0]
    if subject.tag_ in ("WP", "WDT") and holder.dep_ == "relcl":
        subject = holder.head
    words = _name_words(subject)
    return ("patient" if passive else "agent", frozenset(words)) if words else None


def _rhetorical(ent: Any, sentence: Any) -> bool:
    """ "today" or "tomorrow" inside a quotation ("a sanctuary city today, tomorrow and always")."""
    if _normalize(ent.text) not in ("today", "tomorrow", "tonight", "yesterday"):
        return False
    text = sentence.doc.text
    before, after = (
        text[sentence.start_char : ent.start_char],
        text[ent.end_char : sentence.end_char],
    )
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    return opened or after.count("”") > after.count("“")


def _nowadays(ent: Any) -> bool:
    """ "today" meaning these days, not the day of publication: with a present-tense verb
    ("Indians account for less than 1 percent of the population today", "members today remain
    guarded", "songs still sung today") or as "today's" ("today's kids"); "voted today",
    "will vote today" and "has announced today" are days."""
    if _normalize(ent.text).removesuffix("'s") != "today":
        return False
    possessive = ent.text.lower().replace("’", "'").endswith("'s") or (
        ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS"
    )
    if possessive:
        return True
    verb = _clause_verb(ent)
    passive = [c for c in verb.children if c.dep_ == "auxpass"]  # "are still sung today"
    if verb.tag_ == "VBN" and passive and passive[0].tag_ in ("VBP", "VBZ"):
        return not any(c.dep_ == "aux" for c in verb.children)  # "will be", "has been": days
    return _tense(ent) is None and verb.tag_ in ("VBP", "VBZ")


# Prepositions that relate a sentence to an event instead of placing it in that event's
# time ("after Tuesday's vote", "the inquiry into the July 25 crash"); "at", "on", "in" and
# "during" place it ("released at the July 8 session").
_RELATING_PREPOSITIONS = frozenset(
    {"after", "before", "following", "since", "until", "ahead", "into", "for", "of", "about",
     "over", "to", "toward", "towards", "up", "despite", "amid", "from"}
)


def _names_past_event(ent: Any) -> bool:
    """A date before the noun it modifies, that noun the object of a relating preposition
    ("the inquiry into the July 25 crash", "no protests following Thursday's announcement",
    "innocent of the 1981 murder", "since last year's strike") names an event the sentence
    refers to, not the time of what it reports. A date after its noun ("the crash last
    month") is left alone: the parser often hangs a verb's date on its object ("asked about
    the report Tuesday")."""
    head = ent.root.head
    if head.i < ent.end or head.pos_ != "NOUN" or head.lemma_ in _TIMES_OF_DAY:
        return False
    return head.dep_ == "pobj" and head.head.lower_ in _RELATING_PREPOSITIONS


def _candidates(parsed: ParsedArticle, article_index: int) -> list[_Candidate]:
    found = []
    for sentence in parsed.sentences:
        span = parsed.sentence_span(sentence.index)
        if span is None:
            continue
        for ent in parsed.sentence_ents(sentence.index):
            if (
                ent.label_ == "DATE"
                and not _rhetorical(ent, span)
                and not _nowadays(ent)
                and not _names_past_event(ent)
            ):
                found.append(
                    _Candidate(
                        article_index,
                        parsed.id,
                        sentence.index,
                        sentence.text,
                        ent.text.strip(),
                        _tense(ent),
                        _action(ent),
                        _actor(ent),
                    )
                )
    return found


# --- the story week of undated articles ------------------------------------------------------

# Any year would do: the stand-in day only orders phrases that have no date. Late December
# keeps month names of past-tense clauses ("in October") in one year in calendar order, and
# puts "earlier this month" (read as mid-month) before "last week". 2001-12-22 is a Saturday,
# so the next seven days hold one of each weekday.
_STAND_IN_WEEK = date(2001, 12, 22)
_FRIDAY = 4  # the stand-in publication weekday when the story names none


def _named_weekdays(candidates: Sequence[_Candidate]) -> set[int]:
    """Weekdays named as past days of the story week ("Tuesday", "on Wednesday"): not
    "last Monday" or "next Monday", not in a future clause."""
    days = set()
    for c in candidates:
        m = _WEEKDAY.match(_normalize(c.expression))
        if (
            m
            and c.tense != "future"
            and m.group("mod") not in ("last", "next", "past", "this past")
        ):
            days.add(_WEEKDAYS[m.group("weekday")])
    return days


def _week_end(days: set[int]) -> int:
    """The last day of the story week: the named day followed by the longest run of unnamed
    days, where publication most likely falls (ties: the later weekday). {Tue, Wed, Thu} ends
    on Thursday; {Fri, Mon} ends on Monday (three unnamed days follow it, two follow Friday)."""
    if not days:
        return _FRIDAY
    ordered = sorted(days)
    gaps = [((ordered[(i + 1) % len(ordered)] - d) % 7 or 7, d) for i, d in enumerate(ordered)]
    longest = max(gap for gap, _ in gaps)
    return max(d for gap, d in gaps if gap == longest)


def _stand_in_day(candidates: Sequence[_Candidate]) -> date:
    """A day in the stand-in week that falls on the story week's last day."""
    end = _week_end(_named_weekdays(candidates))
    return _STAND_IN_WEEK + timedelta(days=(end - _STAND_IN_WEEK.weekday()) % 7)


def _anchors(
    parsed: Sequence[ParsedArticle], candidates: Sequence[_Candidate]
) -> list[_Anchor | None]:
    """Each article's publication day, or the story-level stand-in for undated articles: the
    latest publication day of the others, else the latest explicit date (a lower bound),
    else the stand-in day of the story week."""
    published = [p.article.published.date() if p.article.published else None for p in parsed]
    known = [d for d in published if d]
    if known:
        fallback = _Anchor(max(known), exact=False)
    else:
        week = _stand_in_day(candidates)
        readings = [_read(c.expression, None, c.tense) for c in candidates if c.tense != "future"]
        explicit = [r.key for r in readings if r and not r.relative and r.key]
        if explicit:
            fallback = _Anchor(max(explicit), exact=False, lower_bound=True, week=week)
        else:
            fallback = _Anchor(week, exact=False, week=week)
    return [_Anchor(d, exact=True) if d else fallback for d in published]


@dataclass(frozen=True)
class _Placed:
    entry: TimelineEntry
    key: date | None
    article_index: int
    rank: int = 0  # order among phrases sharing ``key``: days from the story week's end
    # The date read against the article's anchor, resolved or not ("Last October" and "In
    # October" of two undated articles both read "2001-10"): what "the same time" compares.
    iso: str | None = None
    action: str | None = None  # what happened then (``_action``)
    actor: tuple[str, frozenset[str]] | None = None  # who did it (``_actor``)


def _week_rank(candidate: _Candidate, week: date | None) -> int:
    """Days from the story week's last day to what a phrase about the days around publication
    names ("last week" -7, "Tuesday" in a week ending on Thursday -2, "tomorrow" +1)."""
    reading = _read(candidate.expression, week, candidate.tense) if week else None
    return (reading.key - week).days if reading and reading.key and week else 0


def _place(candidate: _Candidate, anchor: _Anchor | None) -> _Placed | None:
    reading = _read(candidate.expression, anchor.day if anchor else None, candidate.tense)
    if reading is None:
        return None
    resolved = not reading.relative or bool(anchor and anchor.exact)
    key, rank = reading.key, 0
    if anchor and anchor.lower_bound and reading.near:
        key = anchor.day + timedelta(days=1)  # "Thursday" was written after every explicit date
        rank = _week_rank(candidate, anchor.week)
    when = reading.iso if resolved and reading.iso else candidate.expression
    entry = TimelineEntry(
        when,
        resolved,
        candidate.text,
        candidate.article_id,
        candidate.sentence,
        candidate.expression,
    )
    return _Placed(
        entry, key, candidate.article_index, rank, reading.iso, candidate.action, candidate.actor
    )


def _order(placed: _Placed) -> tuple[Any, ...]:
    """Time order; on one sort day, the coarser dates first ("2025" < "2025-01" < "2025-W01" <
    "2025-01-01" all start on New Year's Day), so that a month's entries are not split by a
    day's, then unresolved phrases after resolved ones, then article and sentence order."""
    e = placed.entry
    return (
        placed.key is None,
        placed.key or date.min,
        placed.rank,
        not e.resolved,
        len(e.when) if e.resolved else 0,  # ISO text: its length is its precision
        placed.article_index,
        e.sentence,
    )


@dataclass(frozen=True)
class _Evidence:
    """What tells two dated sentences of different articles apart or together: the fact
    group of each sentence, the speakers the quotes stage found in it, its proper nouns and
    its summary penalty."""

    fact_group: Mapping[Citation, int]
    speakers: Mapping[Citation, frozenset[str]]
    names: Mapping[Citation, frozenset[str]]
    penalties: Mapping[Citation, float]


def _evidence(
    parsed: Sequence[ParsedArticle],
    placed: Sequence[_Placed],
    facts: Sequence[Fact],
    penalties: Mapping[Citation, float] | None,
) -> _Evidence:
    """The evidence on the dated sentences (``placed``) of ``parsed``."""
    article = {p.id: p for p in parsed}
    dated = {Citation(e.article_id, e.sentence) for e in (item.entry for item in placed)}
    return _Evidence(
        _fact_groups(facts),
        {c: s for p in parsed for c, s in _sentence_speakers(p).items()},
        {c: _names(article[c.article_id].sentence_span(c.sentence)) for c in dated},
        penalties or {},
    )


def _fact_groups(facts: Sequence[Fact]) -> dict[Citation, int]:
    """Each supporting sentence's fact, facts linked as restatements of one lead
    (``Fact.restated``) counted as one."""
    group = {fact.id: k for k, fact in enumerate(facts)}
    for fact in facts:  # links are few: relabel the linked ones
        for other in fact.restated:
            if other in group and group[other] != group[fact.id]:
                old, new = group[other], group[fact.id]
                group = {f: new if g == old else g for f, g in group.items()}
    return {c: group[fact.id] for fact in facts for c in fact.support}


def _sentence_speakers(parsed: ParsedArticle) -> dict[Citation, frozenset[str]]:
    found: dict[Citation, set[str]] = {}
    for quote in extract_quotes(parsed):
        if quote.speaker:
            found.setdefault(Citation(parsed.id, quote.sentence), set()).add(quote.speaker)
    return {c: frozenset(names) for c, names in found.items()}


def _names(span: Any) -> frozenset[str]:
    """The proper nouns of a sentence, lower-cased ("fox", "news"): who and where."""
    if span is None:
        return frozenset()
    return frozenset(
        t.lower_ for t in span if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")
    )


def _same_event(x: _Placed, y: _Placed, evidence: _Evidence) -> bool:
    """Whether two dated sentences of different articles (same date) report one event: in
    near-identical words, as one fact (the facts stage aligned them), as one action or from
    one speaker.

    One action: the verbs the date modifies are one ("signed last October", "HB 212, signed
    ... last October"), their subjects in one role are not different people or things, and
    within a year, which holds many executions or adoptions, the two also share a proper
    noun ("Bush took office in 1995"). One speaker: a speaker has many occasions in a month
    or a year, so at a coarser date than a day the two must also name the same occasion: a
    proper noun other than the speaker's name ("Fox News" in "Homan said on Fox News earlier
    this month")."""
    a, b = x.entry, y.entry
    if fuzz.token_set_ratio(a.text, b.text) >= _SAME_REPORT:
        return True
    ca, cb = Citation(a.article_id, a.sentence), Citation(b.article_id, b.sentence)
    shared = evidence.names.get(ca, frozenset()) & evidence.names.get(cb, frozenset())
    iso = x.iso or ""
    one_action = x.action is not None and x.action == y.action
    if one_action and not _other_actors(x.actor, y.actor) and (len(iso) > len("2000") or shared):
        return True
    group = evidence.fact_group.get(ca)
    if group is not None and group == evidence.fact_group.get(cb):
        return True
    speakers = [
        (one, other)
        for one in evidence.speakers.get(ca, frozenset())
        for other in evidence.speakers.get(cb, frozenset())
        if _one_person(one, other)
    ]
    if not speakers:
        return False
    if len(iso) == len("2000-01-01"):
        return True
    speaker_words = {w.lower() for pair in speakers for name in pair for w in name.split()}
    return bool(shared - speaker_words)


def _other_actors(
    a: tuple[str, frozenset[str]] | None, b: tuple[str, frozenset[str]] | None
) -> bool:
    """Whether two clauses name different subjects in one role: "the attorney general met"
    and "a grand jury was scheduled to meet" on one Wednesday are two meetings."""
    return a is not None and b is not None and a[0] == b[0] and not a[1] & b[1]


def _one_person(a: str, b: str) -> bool:
    """Whether two speakers' names (of different articles, each resolved in its own) name
    one person: one holds the other's surname ("Okafor", "Priscilla Okafor"). Names only:
    "officials", "a spokesman" or "the Obama campaign" and "the Romney campaign" in two
    articles are no evidence of one occasion."""
    if not (a.split()[-1][:1].isupper() and b.split()[-1][:1].isupper()):  # "the Obama campaign"
        return False
    return shares_surname(a, b)


def _merge(placed: Sequence[_Placed], evidence: _Evidence) -> list[list[_Placed]]:
    """Groups of placed entries (in time order) that report one event at one time, at most
    one sentence per article: each joins the first earlier group of the same date holding
    none of its article's sentences and a member it reports the same event as. The same
    sentence read twice at one date (two date phrases naming one day) is kept once."""
    groups: list[list[_Placed]] = []
    for item in placed:
        e = item.entry
        same_time = [g for g in groups if _time(g[0]) == _time(item)]
        here = (e.article_id, e.sentence)
        if any((m.entry.article_id, m.entry.sentence) == here for g in same_time for m in g):
            continue
        home = next(
            (
                g
                for g in same_time
                if all(m.entry.article_id != e.article_id for m in g)
                and any(_same_event(m, item, evidence) for m in g)
            ),
            None,
        )
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return groups


def _time(item: _Placed) -> tuple[Any, ...]:
    return (item.key, item.rank, item.iso or item.entry.when)


def _shown(group: Sequence[_Placed], evidence: _Evidence) -> TimelineEntry:
    """The group's entry, told in its most readable sentence: a resolved date first, then
    the lowest summary penalty (a quotation-led sentence or one opening with "he" reads
    poorly out of its article; ``summary_units.own_penalty``) plus its loaded wording, then
    time order. Every member is a source."""

    def rank(k: int) -> tuple[bool, float, int]:
        e = group[k].entry
        loaded = evidence.penalties.get(Citation(e.article_id, e.sentence), 0.0)
        return (not e.resolved, own_penalty(e.text) + loaded, k)

    best = min(range(len(group)), key=rank)
    members = [group[best], *(m for k, m in enumerate(group) if k != best)]
    sources = tuple(Citation(m.entry.article_id, m.entry.sentence) for m in members)
    return replace(group[best].entry, sources=sources)


def build_timeline(
    parsed: Sequence[ParsedArticle],
    facts: Sequence[Fact] = (),
    penalties: Mapping[Citation, float] | None = None,
) -> tuple[TimelineEntry, ...]:
    """Dated statements of a story's articles, earliest first (see the module docstring).

    ``facts`` (with their ``restated`` links, ``facts.with_restated``) tell which sentences
    of different articles state the same thing; ``penalties`` (loaded wording, as
    ``loaded.sentence_penalties``) help pick the sentence each entry shows."""
    candidates = [c for i, p in enumerate(parsed) for c in _candidates(p, i)]
    anchors = _anchors(parsed, candidates)
    placed = [p for c in candidates if (p := _place(c, anchors[c.article_index]))]
    evidence = _evidence(parsed, placed, facts, penalties)
    return tuple(_shown(g, evidence) for g in _merge(sorted(placed, key=_order), evidence))
