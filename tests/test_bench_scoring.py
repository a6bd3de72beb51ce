"""The quotes bench's token measure (its acceptance figure) counts each token once."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from quotes import token_overlap, token_prf  # noqa: E402


def test_token_overlap_counts_each_token_once_per_span():
    predicted = [frozenset({1, 2, 3, 4}), frozenset({3, 4})]  # the two predictions overlap
    gold = [frozenset({3, 4, 5, 6}), frozenset({4, 9})]  # token 4 is in both gold contents
    # predicted tokens inside gold: 3 and 4 of the first, 3 and 4 of the second;
    # gold tokens covered: 3 and 4 of the first, 4 of the second
    assert token_overlap(predicted, gold) == (4, 3)


def test_token_prf():
    assert token_prf(4, 6, 3, 6) == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714}
    assert token_prf(0, 0, 0, 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_token_overlap_with_nothing_predicted():
    assert token_overlap([], [frozenset({1, 2})]) == (0, 0)
