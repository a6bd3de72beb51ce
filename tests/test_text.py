"""Tier-1 tokenizing of a page of texts at once (text.fast_token_page) against fast_tokens."""

from __future__ import annotations

import random

import pytest

from manysides.text import (
    _EDGE_PUNCTUATION,
    _SHED_ROUNDS,
    fast_token_offsets,
    fast_token_page,
    fast_tokens,
    token_hashes,
)

TEXTS = [
    "",
    "   ",
    "Dock cranes idle at Elsin; the port strike enters a third week.",
    "\u201cWe\u2019ll sail,\u201d the skipper said \u2014 (twice)... Done.",
    " \u00abOui,\u00bb dit-elle\u2026 -- 3.5%\u3000'u.s.'\u00a0end\u2003\U0001f600! ",
    "\u0130stanbul ferry \u03a3\u0391\u03a3. \u03a3 caf\u00e9 na\u00efve \u00e9t\u00e9",
    '-- \' ... ""',
    "a\x1cb\x85c\td\ne",
    "((((((((((((quay))))))))))))) " + "-" * 40 + " crane" + "!" * 30,
]


def _expected(texts: list[str]) -> tuple[list[str], list[int]]:
    tokens = [fast_tokens(text) for text in texts]
    return [t for found in tokens for t in found], [len(found) for found in tokens]


def test_page_tokens_counts_and_hashes_equal_fast_tokens_text_by_text() -> None:
    page = fast_token_page(TEXTS)
    flat, counts = _expected(TEXTS)
    assert page.counts.tolist() == counts
    assert page.tokens(0, len(flat)) == flat
    assert page.hashes.tolist() == token_hashes(flat).tolist()
    # a few expectations written out
    assert fast_token_page([TEXTS[3]]).tokens(0, 6) == [
        "we'll",
        "sail",
        "the",
        "skipper",
        "said",
        "twice",
    ]
    last = fast_token_page([TEXTS[-1]])
    assert last.tokens(0, 3) == ["quay", "crane"]  # marks past _SHED_ROUNDS shed as well
    assert len("((((((((((((") > _SHED_ROUNDS


def test_page_of_random_texts_equals_fast_tokens() -> None:
    pieces = ["quay", "Crane", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "caf\u00e9", "\u2019s"]
    pieces += ["\u201c", "\u201d", "(", ")", ".", ",", "-", "'", "\U0001f600", "\u0130", "\u03a3"]
    pieces += list(_EDGE_PUNCTUATION[:12])
    rng = random.Random(5)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(30))) for _ in range(400)]
    page = fast_token_page(texts)
    flat, counts = _expected(texts)
    assert page.counts.tolist() == counts
    assert page.tokens(0, len(flat)) == flat
    assert page.hashes.tolist() == token_hashes(flat).tolist()


@pytest.mark.parametrize("text", TEXTS)
def test_token_offsets_cover_each_token(text: str) -> None:
    starts, ends = fast_token_offsets(text)
    straight = text.replace("\u2019", "'").replace("\u2018", "'")
    found = [straight[s:e].lower() for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert found == fast_tokens(text)


def test_page_offsets_are_the_original_texts_token_offsets_when_lengths_are_kept() -> None:
    page = fast_token_page(TEXTS)
    start = 0
    for number, text in enumerate(TEXTS):
        found = page.offsets(number, start)
        if "\u0130" in text:  # lower-cased to two characters: offsets would shift
            assert found is None
        else:
            assert found is not None
            expected = fast_token_offsets(text)
            assert found[0].tolist() == expected[0].tolist()
            assert found[1].tolist() == expected[1].tolist()
        start += int(page.counts[number])


def test_words_with_long_runs_of_edge_marks_shed_them_all() -> None:
    # runs past _SHED_ROUNDS on either side go by the searches, shorter ones round by round
    runs = [1, _SHED_ROUNDS, _SHED_ROUNDS + 1, 5000]
    texts = [
        " ".join(f"{'(' * lead}quay{n}{'!' * tail}" for n, (lead, tail) in enumerate(pairs))
        for pairs in ([(a, b) for a in runs for b in runs], [(0, 5000)], [(5000, 0)])
    ]
    page = fast_token_page(texts)
    flat, counts = _expected(texts)
    assert flat[:3] == ["quay0", "quay1", "quay2"] and flat[-2:] == ["quay0", "quay0"]
    assert page.counts.tolist() == counts == [16, 1, 1]
    assert page.tokens(0, len(flat)) == flat
    for text in texts:
        starts, ends = fast_token_offsets(text)
        found = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        assert found == fast_tokens(text)
