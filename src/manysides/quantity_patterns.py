"""Numbers as news text writes them, read by regular expression (no parse needed).

Word numbers ("Forty-five", "a dozen", "half a million"), digits with scales ("$1.5
million", "3bn"), currencies, units (percentages, durations converted to days, distances,
weights), the qualifier in front ("up to", "more than", "nearly"), ranges ("from $5,000 to
$10,000", "between 3 and 5"), calendar dates ("March 1, 2025", "May 2024"), vote tallies
("voted 6 to 3") and earthquake magnitudes. Each reader returns ``NumberMatch`` character
offsets into the sentence text; ``quantities`` decides with spaCy which of them are figures
and what they measure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
    "hundred": 100, "a thousand": 1000,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}  # fmt: skip
_DURATIONS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "month": 30.4,
    "year": 365.25,
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a dozen|dozen|a hundred|hundred|a thousand)"
)
# Spelled-out fractions of a scale word ("a quarter of a million"), read as one number.
_FRACTIONS = {"a quarter of a million": 250e3, "a quarter million": 250e3, "half a million": 500e3,
              "a half million": 500e3, "half a billion": 500e6, "a quarter of a billion": 250e6}  # fmt: skip
# Word numbers end at a word boundary, so "eighteen" is not read as "eight".
_NUMBER = (
    rf"(?:{'|'.join(_FRACTIONS)}|(?<![\w.])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?"
    rf"|\b{_WORD_NUMBER}\b)"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mln|bn|tn|[kmb])\b)"
_CURRENCY = r"(?:\$|US\$|€|£)"
_UNIT_WORDS = (
    r"percent|per cent|%|(?:minute|hour|day|week|month|year)s?(?:-long|-old)?"
    r"|feet|foot|inch(?:es)?|miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|acres?|pounds|tons|"
    r"tonnes|degrees|gallons|barrels|dollars|euros"
)


def _amount(suffix: str) -> str:
    """An amount with currency, scale and unit, its group names ending in ``suffix`` (a
    range's second amount needs names of its own)."""
    unit = rf"(?:[\s-](?P<unit{suffix}>{_UNIT_WORDS})\b|(?P<pct{suffix}>%))"
    return (
        rf"(?P<cur{suffix}>{_CURRENCY})?\s?(?P<num{suffix}>{_NUMBER})"
        rf"(?P<scale{suffix}>{_SCALE})?{unit}?"
    )


_QUALIFIER = (
    r"(?P<qual>up to|as many as|as much as|at most|no more than|a maximum of|maximum of|"
    r"more than|over|above|in excess of|at least|a minimum of|upwards of|nearly|almost|"
    r"just under|just over|about|around|roughly|approximately|some|an estimated|estimated|"
    r"less than|fewer than|under|below|within)\s+"
)
_RANGE_JOIN = r"(?P<join>\s+(?:to|up to|through)\s+|\s?-\s?|(?(between)\s+and\s+|(?!)))"
_QUANTITY_RE = re.compile(
    # A match starts where a word starts: the lookbehind fails fast inside words.
    rf"(?<!\w)(?:(?P<between>between)\s+|(?P<from>from)\s+)?(?:{_QUALIFIER})?{_amount('')}"
    rf"(?:{_RANGE_JOIN}{_amount('2')})?",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?|(?P<year_only>\d{4}))\b",
    re.IGNORECASE,
)
_MAGNITUDE_RE = re.compile(
    r"\bmagnitude(?:\s+of)?[\s-](?P<a>\d(?:\.\d)?)\b|\b(?P<b>\d(?:\.\d)?)[\s-]magnitude\b",
    re.IGNORECASE,
)


# A vote tally ("by a vote of 7 to 2", "voted 6 to 3", "a 5-4 vote"): the number of votes
# in favour, compared as a count of its own (the regular amount pattern reads "7 to 2" as a
# score and drops it).
def _tally(suffix: str) -> str:
    """Votes for and against, its group names ending in ``suffix``."""
    return rf"(?P<yes{suffix}>\d{{1,3}})\s*(?:to|-|–)\s*(?P<no{suffix}>\d{{1,3}})\b"


_VOTE_RE = re.compile(
    rf"\b(?:vote\s+of|voted|votes?\s+were)\s+{_tally('')}|\b{_tally('2')}"
    r"(?:\s+|-)(?:vote|decision|ruling)\b",
    re.IGNORECASE,
)
# A verb of rising right before "up to": "went up to", "climbs up to" give the new value.
_RISE_BEFORE_RE = re.compile(
    r"\b(?:go|goes|went|gone|going|rise[sn]?|rose|rising|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?"
    r"|shoot(?:s|ing)?|shot|move[sd]?|moving)\s+$",
    re.IGNORECASE,
)
# Every pattern above needs a digit or one of these words; a sentence with none is skipped
# before the slower patterns run (most sentences of a story hold no number).
ANY_NUMBER_RE = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|dozen|hundred|thousand|quarter|half)\b",
    re.IGNORECASE,
)
# A calendar year as written (1800-2099), matched against a whole number or token.
CALENDAR_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
# Unit of a month and day without a year: matched only to mask its day number.
UNDATED = "undated"


@dataclass(frozen=True)
class NumberMatch:
    """A number found in a sentence's text: character offsets, value (converted to the
    unit), upper bound of a range, unit key, qualifier, and whether it looks rounded."""

    start: int
    end: int
    value: float
    upper: float | None
    unit: str
    qualifier: str
    round: bool


def _number(text: str, scale: str | None) -> tuple[float, bool] | None:
    """The value of a number as written, and whether it looks rounded."""
    raw = text.lower().replace(",", "").strip()
    if raw in _FRACTIONS:
        return _FRACTIONS[raw], True
    if raw in _SMALL:
        value, is_round = float(_SMALL[raw]), False
    elif re.fullmatch(r"\d+(?:\.\d+)?", raw):
        value = float(raw)
        is_round = raw.endswith("00") or ("." in raw and scale is not None)
    else:
        parts = re.split(r"[- ]", raw)
        if len(parts) != 2 or parts[0] not in _SMALL or parts[1] not in _SMALL:
            return None
        value, is_round = float(_SMALL[parts[0]] + _SMALL[parts[1]]), False
    if scale:
        value *= _SCALES[scale.strip().lower()]
        is_round = is_round or value % 1e6 == 0 or "." in raw
    return value, is_round


def _unit(currency: str | None, unit: str | None) -> tuple[str, float]:
    """Unit key and the factor that converts the value to it (durations → days)."""
    if currency or (unit and unit.lower() == "dollars"):
        return ("€" if currency == "€" else "£" if currency == "£" else "$"), 1.0
    if not unit:
        return "", 1.0
    word = unit.lower().removesuffix("-long").removesuffix("-old")
    if word in ("%", "percent", "per cent"):
        return "%", 1.0
    singular = word.rstrip("s")
    if singular in _DURATIONS:
        return "days", _DURATIONS[singular]
    return singular, 1.0


def amount_matches(text: str, masked: Sequence[tuple[int, int]]) -> list[NumberMatch]:
    """Amounts, ranges and calendar years in ``text``, except those overlapping ``masked``."""
    matches = []
    for m in _QUANTITY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked):
            continue
        first = _number(m.group("num"), m.group("scale"))
        if first is None or (m.group("unit") or "").lower().endswith("-old"):
            continue  # ages describe people, they are not the story's figures
        if m.group("from") and not m.group("num2"):
            continue  # "fell from 70 percent": a former value, the sentence's news is the new one
        unit, factor = _unit(
            m.group("cur") or m.group("cur2"),
            m.group("unit") or m.group("pct") or m.group("unit2") or m.group("pct2"),
        )
        value, is_round = first
        upper = None
        if m.group("num2"):
            second = _number(m.group("num2"), m.group("scale2") or m.group("scale"))
            if second is None or second[0] <= value:
                continue  # "7-2" is a score, not a range
            if m.group("scale2") and not m.group("scale"):
                value *= _SCALES[m.group("scale2").strip().lower()]
            upper = second[0] * factor
        qualifier = (m.group("qual") or "").lower()
        if qualifier == "up to" and _RISE_BEFORE_RE.search(text[: m.start()]):
            qualifier = ""  # "the salary goes up to $48,000": the value reached, not a maximum
        if not unit and CALENDAR_YEAR_RE.fullmatch(m.group("num")):
            unit = "calendar year"
        matches.append(
            NumberMatch(m.start(), m.end(), value * factor, upper, unit, qualifier, is_round)
        )
    return matches


def date_matches(text: str) -> list[NumberMatch]:
    """Calendar dates as ordinal days; a month without a day spans the whole month."""
    matches = []
    for m in _DATE_RE.finditer(text):
        month = _MONTHS[m.group("month")[:3].lower()]
        year = m.group("year") or m.group("year_only")
        if not year:
            # "March 3" without a year: the timeline module places it; here it only keeps
            # its day number from being read as a count.
            matches.append(NumberMatch(m.start(), m.end(), 0.0, None, UNDATED, "", False))
            continue
        try:
            if m.group("day"):
                day = date(int(year), month, int(m.group("day"))).toordinal()
                matches.append(NumberMatch(m.start(), m.end(), day, None, "date", "", False))
            else:
                first = date(int(year), month, 1).toordinal()
                last = date(int(year) + month // 12, month % 12 + 1, 1).toordinal() - 1
                matches.append(NumberMatch(m.start(), m.end(), first, last, "date", "", False))
        except ValueError:
            continue
    return matches


def vote_matches(text: str) -> list[NumberMatch]:
    """Vote tallies, valued by the votes in favour ("voted 6 to 3" → 6)."""
    matches = []
    for m in _VOTE_RE.finditer(text):
        yes, no = m.group("yes") or m.group("yes2"), m.group("no") or m.group("no2")
        start = m.start("yes") if m.group("yes") else m.start("yes2")
        end = m.end("no") if m.group("no") else m.end("no2")
        if int(yes) >= int(no):
            matches.append(NumberMatch(start, end, float(yes), None, "vote", "", False))
    return matches


def magnitude_matches(text: str) -> list[NumberMatch]:
    """Earthquake magnitudes ("magnitude 6.1", "a 5.8-magnitude quake"), which the entity
    recognizer leaves unlabelled."""
    return [
        NumberMatch(
            m.start(), m.end(), float(m.group("a") or m.group("b")), None, "magnitude", "", False
        )
        for m in _MAGNITUDE_RE.finditer(text)
    ]
