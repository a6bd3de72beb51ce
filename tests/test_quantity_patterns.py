"""Reading numbers as written, without a parse (``manysides.quantity_patterns``)."""

from __future__ import annotations

from datetime import date

from manysides.quantity_patterns import (
    ANY_NUMBER_RE,
    UNDATED,
    NumberMatch,
    amount_matches,
    date_matches,
    magnitude_matches,
    vote_matches,
)


def _read(text: str) -> list[tuple[float, float | None, str, str, bool]]:
    return [(m.value, m.upper, m.unit, m.qualifier, m.round) for m in amount_matches(text, [])]


def test_money_with_scale_and_qualifier() -> None:
    assert amount_matches("Fines of up to $1.5 million were set.", []) == [
        NumberMatch(9, 27, 1_500_000.0, None, "$", "up to", True)
    ]


def test_ranges_between_and_from() -> None:
    assert _read("The closure lasts between 3 and 5 days.") == [(3.0, 5.0, "days", "", False)]
    assert _read("Rents went from $5,000 to $10,000.") == [(5000.0, 10000.0, "$", "", True)]


def test_word_numbers_fractions_and_durations() -> None:
    assert _read("Forty-five welders walked out.") == [(45.0, None, "", "", False)]
    assert _read("a quarter of a million visitors") == [(250_000.0, None, "", "", True)]
    assert _read("after three weeks of talks") == [(21.0, None, "days", "", False)]
    assert _read("about 12% of members") == [(12.0, None, "%", "about", False)]


def test_not_amounts_scores_ages_and_former_values() -> None:
    assert _read("The Otters won 7-2 on Sunday.") == []
    assert _read("a 52-year-old ferry pilot") == []
    assert _read("approval fell from 70 percent") == []


def test_rise_before_up_to_is_the_value_reached() -> None:
    assert _read("the stipend goes up to $48,000") == [(48000.0, None, "$", "", True)]


def test_bare_year_and_masked_spans() -> None:
    assert _read("in 1997 the mill closed") == [(1997.0, None, "calendar year", "", False)]
    masked = amount_matches("On March 12, 40 rowers", [(3, 11)])
    assert [(m.value, m.unit) for m in masked] == [(40.0, "")]


def test_dates_day_month_and_undated() -> None:
    found = date_matches("on March 1, 2025 and in May 2024 and March 3")
    assert [(m.value, m.upper, m.unit) for m in found] == [
        (date(2025, 3, 1).toordinal(), None, "date"),
        (date(2024, 5, 1).toordinal(), date(2024, 5, 31).toordinal(), "date"),
        (0.0, None, UNDATED),
    ]


def test_votes_count_the_ayes_and_skip_reversed_tallies() -> None:
    found = vote_matches("the council voted 6 to 3, a 5-4 ruling, by a vote of 2 to 7")
    assert [(m.value, m.unit) for m in found] == [(6.0, "vote"), (5.0, "vote")]


def test_magnitudes() -> None:
    found = magnitude_matches("a 5.8-magnitude quake after a magnitude 6.1 shock")
    assert [m.value for m in found] == [5.8, 6.1]


def test_any_number_prefilter() -> None:
    assert ANY_NUMBER_RE.search("Half the crew stayed.")
    assert ANY_NUMBER_RE.search("Gate 4 closed.")
    assert not ANY_NUMBER_RE.search("Nobody stayed behind.")
