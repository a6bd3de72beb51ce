"""Quantities: numbers with their qualifier and subject, compared across outlets.

``extract_quantities`` finds money, percentages, counts, durations, measures and dates in
each sentence: a regular expression reads the number as written ("$1.5 million", "three-day",
"Forty-five", "from $5,000 to $10,000", "March 1, 2025") with the qualifier in front of it
("up to", "more than", "nearly" ...); spaCy's entities decide whether a bare number is a
quantity at all (so "Route 9" or "AB 450" are not), and its dependency parse gives the
subject — the noun the number counts or modifies ("immigrants", "fine"), or for a number
attached to a verb, that verb's noun ("fine violators up to $5,000" → "fine").

Every quantity becomes an interval (``_interval``): "up to 10,000" is [0, 10,000], "more than
1,500" is [1,500, ∞), "about 2,000" is 2,000 ± 10 %, a range is itself, and an exact round
number allows for rounding. ``compare_quantities`` groups quantities of the same unit about
the same subject, or stated in sentences the fact aligner put in the same fact; two values
conflict when they come from different articles, their sentences state the same fact, they
carry the same condition ("for a first violation") and their intervals do not overlap.
So a maximum fine and a first-violation fine are shown side by side but not flagged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .model import Fact, Quantity, QuantityGroup
from .nlp import ParsedArticle

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
_DURATIONS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "year": 365.25}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a dozen|dozen|a hundred|hundred|a thousand)"
)
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORD_NUMBER})"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mln|bn|tn|[kmb])\b)"
_CURRENCY = r"(?:\$|US\$|€|£)"
_UNIT = (
    r"(?:[\s-](?P<unit>percent|per cent|%|(?:minute|hour|day|week|month|year)s?(?:-long|-old)?"
    r"|feet|foot|inch(?:es)?|miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|acres?|pounds|tons|"
    r"tonnes|degrees|gallons|barrels|dollars|euros)\b|(?P<pct>%))"
)
_AMOUNT = rf"(?P<cur>{_CURRENCY})?\s?(?P<num>{_NUMBER})(?P<scale>{_SCALE})?{_UNIT}?"
_QUALIFIER = (
    r"(?P<qual>up to|as many as|as much as|at most|no more than|a maximum of|maximum of|"
    r"more than|over|above|in excess of|at least|a minimum of|upwards of|nearly|almost|"
    r"just under|just over|about|around|roughly|approximately|some|an estimated|estimated|"
    r"less than|fewer than|under|below)\s+"
)
_RANGE_JOIN = r"(?P<join>\s+(?:to|up to|through)\s+|\s?-\s?|(?(between)\s+and\s+|(?!)))"
_QUANTITY_RE = re.compile(
    rf"(?:(?P<between>between)\s+|(?P<from>from)\s+)?(?:{_QUALIFIER})?{_AMOUNT}"
    rf"(?:{_RANGE_JOIN}(?P<cur2>{_CURRENCY})?\s?(?P<num2>{_NUMBER})(?P<scale2>{_SCALE})?{_UNIT.replace('unit', 'unit2').replace('pct', 'pct2')}?)?",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?|(?P<year_only>\d{4}))\b",
    re.IGNORECASE,
)
_ENTITY_LABELS = ("MONEY", "CARDINAL", "PERCENT", "QUANTITY", "DATE", "TIME")
_CONDITION_WORDS = {"first", "second", "third", "subsequent", "repeat", "each", "every", "later", "additional", "further"}

# Width of an "about"-type qualifier, as a share of the value. Calibrated by hand on the
# tuning half of bench/data/facts_labelled ("about 2,000" must meet "more than 2,000").
APPROX = 0.10
# Rounding allowance for a round exact number (ends in 00, or "1.5 million"): 2 %; a
# precise number ("391") gets 0.5 %. Same calibration.
ROUND_TOLERANCE = 0.02
EXACT_TOLERANCE = 0.005

_UPPER_BOUND = {"up to", "as many as", "as much as", "at most", "no more than", "a maximum of",
                "maximum of", "less than", "fewer than", "under", "below"}  # fmt: skip
_LOWER_BOUND = {"more than", "over", "above", "in excess of", "at least", "a minimum of",
                "upwards of", "just over"}  # fmt: skip
_NEARLY = {"nearly", "almost", "just under"}
_UNIT_NOUNS = {"percent", "%", "million", "billion", "thousand", "dollar", "$", "year", "day",
               "week", "month", "hour", "minute", "euro", "foot", "inch", "mile", "acre"}  # fmt: skip
# Verbs whose amount is best named by the verb itself ("fine violators up to $5,000").
_AMOUNT_VERBS = {"fine", "pay", "cost", "charge", "spend", "earn", "raise", "owe", "award",
                 "donate", "lend", "borrow", "sentence", "penalize", "repay", "steal", "embezzle"}  # fmt: skip

_MONEY_NOUNS = {"fine", "penalty", "fee", "cost", "salary", "wage", "bail", "budget", "price",
                "damage", "settlement", "grant", "loan", "bonus", "reward", "tax", "revenue"}  # fmt: skip
# How far left of a money amount to look for its amount word (tokens); a hand-set guess
# covering "fine landlords who break the rule up to $X", not tuned on data.
MONEY_WINDOW = 6


@dataclass(frozen=True)
class _Match:
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


def _amount_matches(text: str, masked: Sequence[tuple[int, int]]) -> list[_Match]:
    matches = []
    for m in _QUANTITY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked):
            continue
        first = _number(m.group("num"), m.group("scale"))
        if first is None:
            continue
        unit, factor = _unit(m.group("cur") or m.group("cur2"), m.group("unit") or m.group("pct")
                             or m.group("unit2") or m.group("pct2"))
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
        if not unit and re.fullmatch(r"1[89]\d\d|20\d\d", m.group("num")):
            unit = "calendar year"
        matches.append(_Match(m.start(), m.end(), value * factor, upper, unit, qualifier, is_round))
    return matches


def _date_matches(text: str) -> list[_Match]:
    matches = []
    for m in _DATE_RE.finditer(text):
        month = _MONTHS[m.group("month")[:3].lower()]
        year = m.group("year") or m.group("year_only")
        if not year:
            continue  # "March 1" without a year cannot be placed on a calendar
        try:
            if m.group("day"):
                day = date(int(year), month, int(m.group("day"))).toordinal()
                matches.append(_Match(m.start(), m.end(), day, None, "date", "", False))
            else:
                first = date(int(year), month, 1).toordinal()
                last = date(int(year) + month // 12, month % 12 + 1, 1).toordinal() - 1
                matches.append(_Match(m.start(), m.end(), first, last, "date", "", False))
        except ValueError:
            continue
    return matches


def _entity_spans(doc) -> list[tuple[int, int]]:  # noqa: ANN001 - spaCy Doc
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _ENTITY_LABELS]


def _not_a_figure(span) -> bool:  # noqa: ANN001 - spaCy Span
    """Numbers that are not amounts: "no one", "10 times", "per 1,000", "two-thirds", ages."""
    doc, last = span.doc, span[-1]
    after = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in ("times", "-") or before in ("per", "aged", "age", "no"):
        return True
    root = span.root
    return root.lower_ == "one" and root.dep_ != "nummod"


def _verb_noun(verb) -> str:  # noqa: ANN001 - spaCy Token
    """What an amount attached to ``verb`` is about: the verb itself for amount verbs,
    else its subject (or object) noun."""
    if verb.lemma_.lower() in _AMOUNT_VERBS:
        return verb.lemma_.lower()
    for dep in ("nsubj", "nsubjpass", "dobj"):
        for child in verb.children:
            if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN"):
                return child.lemma_.lower()
    return verb.lemma_.lower()


def _subject(span, money: bool = False) -> str:  # noqa: ANN001 - spaCy Span
    """The noun phrase head a quantity measures (lemma), found by climbing the parse; for
    money, a nearby amount word to the left ("fine", "pay") wins, as the small model often
    attaches the amount to the wrong verb."""
    if money:
        for token in reversed(span.doc[max(span.sent.start, span.start - MONEY_WINDOW):span.start]):
            if token.lemma_.lower() in _AMOUNT_VERBS | _MONEY_NOUNS:
                return token.lemma_.lower()
    node = span.root
    for _ in range(5):
        if node.i < span.start or node.i >= span.end:
            if node.pos_ in ("NOUN", "PROPN") and node.lemma_.lower() not in _UNIT_NOUNS:
                return node.lemma_.lower()
            if node.pos_ in ("VERB", "AUX"):
                return _verb_noun(node)
        if node.head is node:
            break
        node = node.head
    return ""


def _phrase(token) -> list:  # noqa: ANN001 - spaCy Token
    """The token's subtree without coordinated phrases ("... and from $4,000 to ...")."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in ("conj", "cc", "punct"):
            tokens.extend(_phrase(child))
    return sorted(tokens, key=lambda t: t.i)


def _condition(span) -> str:  # noqa: ANN001 - spaCy Span
    """A "for a first violation"-type phrase attached to the quantity or its governor."""
    anchors = list(span) + [span.root.head, span.root.head.head]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ != "prep" or child.lower_ not in ("for", "on"):
                continue
            words = [t.lower_ for t in _phrase(child) if t.i != child.i and t.pos_ != "DET"]
            if _CONDITION_WORDS & set(words):
                return " ".join(words)
    return ""


def extract_quantities(parsed_article: ParsedArticle) -> tuple[Quantity, ...]:
    """Quantities of one article, sentence by sentence, in reading order."""
    found = []
    doc = parsed_article.doc
    entities = _entity_spans(doc)
    for sentence in parsed_article.sentences:
        dates = _date_matches(sentence.text)
        matches = dates + _amount_matches(sentence.text, [(d.start, d.end) for d in dates])
        for match in sorted(matches, key=lambda m: m.start):
            start, end = sentence.start + match.start, sentence.start + match.end
            if match.unit in ("", "calendar year") and not any(s < end and start < e for s, e in entities):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0 or _not_a_figure(span):
                continue
            subject = _subject(span, money=match.unit in ("$", "€", "£"))
            if not match.unit and not subject:
                continue  # a bare number with nothing it counts
            found.append(Quantity(
                parsed_article.id, sentence.index, sentence.text[match.start:match.end].strip(),
                match.value, match.unit, match.qualifier, subject, match.upper, _condition(span),
            ))  # fmt: skip
    return tuple(found)


def _is_round(quantity: Quantity) -> bool:
    if quantity.unit == "date":
        return False
    value = quantity.value
    return value >= 100 and (value % 100 == 0 or "." in quantity.text)


def _interval(quantity: Quantity) -> tuple[float, float]:
    """The values a quantity with its qualifier allows."""
    value = quantity.value
    if quantity.unit in ("date", "calendar year"):
        return value, quantity.upper if quantity.upper is not None else value
    slack = ROUND_TOLERANCE if _is_round(quantity) else EXACT_TOLERANCE
    low, high = value * (1 - slack), value * (1 + slack)
    if quantity.upper is not None:
        return low, quantity.upper * (1 + slack)
    qualifier = quantity.qualifier
    if qualifier in _UPPER_BOUND:
        return 0.0, high
    if qualifier in _LOWER_BOUND:
        return low, math.inf
    if qualifier in _NEARLY:
        return value * (1 - APPROX), high
    if qualifier:
        return value * (1 - APPROX), value * (1 + APPROX)
    return low, high


def contradicts(a: Quantity, b: Quantity) -> bool:
    """Same unit and condition, and no value both could mean."""
    if a.unit != b.unit or a.condition != b.condition:
        return False
    (low_a, high_a), (low_b, high_b) = _interval(a), _interval(b)
    return high_a < low_b or high_b < low_a


def _linked(a: Quantity, b: Quantity, fact_of: Mapping[tuple[str, int], str],
            alone: Mapping[tuple[str, int, str], bool]) -> bool:
    """Whether two quantities of different articles are about the same thing."""
    if a.unit != b.unit or a.article_id == b.article_id:
        return False
    if a.subject and a.subject == b.subject:
        return True
    fact_a = fact_of.get((a.article_id, a.sentence))
    same_fact = fact_a is not None and fact_a == fact_of.get((b.article_id, b.sentence))
    return same_fact and alone[(a.article_id, a.sentence, a.unit)] and alone[(b.article_id, b.sentence, b.unit)]


def _components(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _group(values: Sequence[Quantity], fact_of: Mapping[tuple[str, int], str]) -> QuantityGroup:
    conflicts = tuple(
        (i, j)
        for i in range(len(values))
        for j in range(i + 1, len(values))
        if values[i].article_id != values[j].article_id
        and fact_of.get((values[i].article_id, values[i].sentence)) is not None
        and fact_of.get((values[i].article_id, values[i].sentence))
        == fact_of.get((values[j].article_id, values[j].sentence))
        and contradicts(values[i], values[j])
    )
    subjects = [v.subject for v in values if v.subject]
    subject = max(dict.fromkeys(subjects), key=subjects.count) if subjects else values[0].unit
    return QuantityGroup(subject, tuple(values), bool(conflicts), conflicts)


def compare_quantities(
    parsed: Sequence[ParsedArticle],
    copies: Mapping[str, str] | None = None,
    *,
    facts: Sequence[Fact] | None = None,
) -> tuple[QuantityGroup, ...]:
    """Quantities about the same thing reported by two or more articles, conflicts flagged.

    Copies are left out (a syndicated figure counts once). Values conflict only when their
    sentences state the same fact (``facts.align_facts``): "a 20 % raise demanded" and "a
    12 % raise offered" share a subject but are different facts, not a contradiction.
    Pass ``facts`` (from ``align_facts`` on the same articles) to avoid aligning twice.
    """
    from .facts import align_facts

    copies = copies or {}
    originals = [p for p in parsed if p.id not in copies]
    quantities = [q for p in originals for q in extract_quantities(p)]
    if facts is None:
        facts = align_facts(originals)
    fact_of = {(c.article_id, c.sentence): f.id for f in facts for c in f.support}
    per_sentence_unit: dict[tuple[str, int, str], int] = {}
    for q in quantities:
        key = (q.article_id, q.sentence, q.unit)
        per_sentence_unit[key] = per_sentence_unit.get(key, 0) + 1
    alone = {key: n == 1 for key, n in per_sentence_unit.items()}
    by_unit: dict[str, list[int]] = {}
    for i, q in enumerate(quantities):
        by_unit.setdefault(q.unit, []).append(i)
    edges = [
        (i, j)
        for members in by_unit.values()
        for n, i in enumerate(members)
        for j in members[n + 1:]
        if _linked(quantities[i], quantities[j], fact_of, alone)
    ]
    groups = []
    for component in _components(len(quantities), edges):
        if len({quantities[i].article_id for i in component}) < 2:
            continue
        groups.append(_group([quantities[i] for i in component], fact_of))
    groups.sort(key=lambda g: (not g.conflict, -len(g.values)))
    return tuple(groups)
