"""Sentence units of a summary: display text and the penalty for poor summary sentences."""

from __future__ import annotations

import pytest

from manysides.summary_units import display_text, own_penalty


def test_display_text_drops_wire_dateline():
    assert (
        display_text("MILLBROOK, Ore. (Valley Wire) -- The  council voted on Tuesday.")
        == "The council voted on Tuesday."
    )
    assert (
        display_text("Officials said the bridge would close.")
        == "Officials said the bridge would close."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted on Tuesday to close the Elm Street bridge for repairs.", 0.0),
        ("Will the council vote on Tuesday to close the Elm Street bridge?", 0.7),
        ("We think the council should close the Elm Street bridge for repairs.", 0.6),
        ("Officials approved the plan. – READ MORE", 1.0),
        ("The bridge is closed.", 0.7),
        ("and approved on Tuesday by the council, the plan closes the Elm Street bridge.", 0.6),
        ("eMotor workers approved the plan to close the Elm Street bridge for repairs.", 0.0),
    ],
)
def test_own_penalty(text, expected):
    assert own_penalty(text) == pytest.approx(expected)
