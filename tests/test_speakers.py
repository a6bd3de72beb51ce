"""Speakers: the people an article names, as quote attribution reads them. Invented text."""

from __future__ import annotations

from conftest import make_article
from manysides.quotes import extract_quotes
from manysides.speakers import PersonIndex

FERRY = (
    "The harbor council met on Monday.\n\n"
    "Plus Obama backed the ferry plan. “We will not wait,” Obama said.\n\n"
    "Still Ada Brill voted no. “It was rushed,” Brill said."
)


def test_sentence_opening_connective_is_no_part_of_a_speakers_name(parse):
    # The model tags "Plus Obama" one person; before the fix the quote went to "Plus Obama".
    (article,) = parse(make_article(FERRY))
    people = [name for _, name, _ in PersonIndex.of(article.doc).people]
    assert people == ["Obama", "Obama", "Ada Brill"]
    assert [(q.speaker, q.text) for q in extract_quotes(article)] == [
        ("Obama", "We will not wait,"),
        ("Ada Brill", "It was rushed,"),
    ]
