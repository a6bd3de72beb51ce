"""Copies, originals and shared passages on invented articles (tests/corpus/tier1)."""

from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from conftest import tier1_corpus
from manysides.dedupe import Deduper, find_shared_passages, fingerprint, fingerprints
from manysides.model import Article, Duplicate, SharedPassage
from manysides.text import content_id


def article(text: str, published: str | None = None, outlet: str = "Test Desk") -> Article:
    when = datetime.fromisoformat(published) if published else None
    return Article(id=content_id(text), text=text, outlet=outlet, published=when)


_, ARTICLES = tier1_corpus()
WIRE = ARTICLES["elsin_strike_wire"]
# A lightly edited republication: new credit line, one sentence reworded, one dropped.
REPUBLISHED = WIRE.text.replace(
    "The authority called the strike premature and said",
    "The authority described the walkout as premature and said",
).replace(" where the departure boards showed every crossing cancelled", "")
REPUBLISHED = "By Northshore Wire staff, republished by the Gull Point Gazette\n\n" + REPUBLISHED

COLUMN_INTRO = (
    "Islanders have lived beside Mount Selde for generations and most of them will tell you "
    "that the mountain gives as much as it takes. This week it took. Here is how the first "
    "report described the night:"
)
COLUMN_OUTRO = (
    "What comes next is a question about money rather than geology: who pays to rebuild the "
    "coast road, and how quickly the ferries can bring the evacuees home."
)
KARROW_PARAGRAPH = ARTICLES["karrow_ash"].text.split("\n\n")[1]


def test_unrelated_articles_are_not_copies() -> None:
    deduper = Deduper()
    results = [deduper.add(a) for a in ARTICLES.values()]
    assert results == [None] * len(ARTICLES)
    assert deduper.duplicates() == ()
    assert deduper.copies() == {}


def test_lightly_edited_copy_names_the_earlier_original() -> None:
    deduper = Deduper()
    deduper.add(WIRE)
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00", outlet="Gull Point Gazette")
    duplicate = deduper.add(copy)
    assert isinstance(duplicate, Duplicate)
    assert (duplicate.article_id, duplicate.original_id) == (copy.id, WIRE.id)
    assert 0.5 <= duplicate.similarity < 1.0
    assert deduper.copies() == {copy.id: WIRE.id}
    assert deduper.duplicate_of(WIRE.id) == duplicate


def test_earlier_dated_copy_becomes_the_original() -> None:
    deduper = Deduper()
    deduper.add(WIRE)  # published 11:30
    earlier = article(REPUBLISHED, "2025-03-03T09:00:00+00:00")
    duplicate = deduper.add(earlier)
    assert duplicate is not None
    assert (duplicate.article_id, duplicate.original_id) == (WIRE.id, earlier.id)
    assert deduper.copies() == {WIRE.id: earlier.id}


def test_without_dates_the_first_seen_is_the_original() -> None:
    deduper = Deduper()
    first = replace(WIRE, published=None)
    second = article(REPUBLISHED)
    third = article(REPUBLISHED + "\n\nCorrection: an earlier version misspelt Gull Point.")
    deduper.add(first)
    deduper.add(second)
    deduper.add(third)
    assert deduper.copies() == {second.id: first.id, third.id: first.id}


def test_adding_the_same_article_twice_is_a_no_op() -> None:
    deduper = Deduper()
    assert deduper.add(WIRE) is None
    assert deduper.add(WIRE) is None
    assert len(deduper) == 1


def test_embedded_paragraph_is_a_shared_passage_with_offsets_in_both() -> None:
    source = ARTICLES["karrow_ash"]
    column = article("\n\n".join([COLUMN_INTRO, KARROW_PARAGRAPH, COLUMN_OUTRO]))
    deduper = Deduper()
    deduper.add(source)
    assert deduper.add(column) is None  # embedding one paragraph does not make a copy
    start = column.text.index(KARROW_PARAGRAPH)
    other_start = source.text.index(KARROW_PARAGRAPH)
    length = len(KARROW_PARAGRAPH) - 1  # the passage ends at its last word, before the "."
    expected = SharedPassage(
        column.id, start, start + length, source.id, other_start, other_start + length
    )
    assert deduper.shared_passages() == (expected,)
    assert deduper.shared_passages(source.id) == (expected,)
    assert deduper.shared_passages(ARTICLES["karrow_lava"].id) == ()
    assert (
        column.text[expected.start : expected.end]
        == source.text[expected.other_start : expected.other_end]
    )


def test_find_shared_passages_tolerates_a_few_edited_words() -> None:
    source = ARTICLES["karrow_ash"]
    edited = KARROW_PARAGRAPH.replace("About 2,300 residents", "Some 2,300 islanders")
    column = article(COLUMN_INTRO + "\n\n" + edited)
    (passage,) = find_shared_passages(column, source)
    assert passage.start == column.text.index("Island geologist")
    assert passage.end == len(column.text) - 1
    assert passage.other_start == source.text.index("Island geologist")
    assert source.text[: passage.other_end].endswith("the island's main town, Hesk")


def test_short_common_phrases_are_not_passages() -> None:
    a = article("The council met on Monday. " + COLUMN_OUTRO)
    b = article("Residents asked who pays to rebuild the coast road after the storm last winter.")
    assert find_shared_passages(a, b) == ()


def test_fingerprint_is_stable() -> None:
    one, two = fingerprint(WIRE), fingerprint(WIRE)
    assert one.tokens == two.tokens
    assert (one.minhash.hashvalues == two.minhash.hashvalues).all()
    assert one.tokens[:4] == ["ferry", "services", "between", "port"]


def test_content_id_straightens_typographic_quotes_dashes_and_spaces() -> None:
    from manysides.text import _QUOTE_TRANSLATION, normalize_text

    curly = "\u201cWe\u2019ll sail\u201d \u2013 the\u00a0skipper\u2009said \u2014 at 6\u2032"
    assert normalize_text(curly) == "\"We'll sail\" - the skipper said - at 6'"
    assert content_id(curly) == content_id("\"We'll sail\" - the skipper said - at 6'")
    every = "".join(map(chr, _QUOTE_TRANSLATION)) + " caf\u00e9"
    nfkc = unicodedata.normalize("NFKC", every)  # (a double prime becomes two primes)
    assert normalize_text(every) == " ".join(nfkc.translate(_QUOTE_TRANSLATION).split())


def test_whitespace_collapse_lists_every_space_character() -> None:
    import sys

    from manysides.text import _ASCII_SPACES_BUT_SPACE, _SPACES_BUT_SPACE

    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")
    assert every == _SPACES_BUT_SPACE
    assert "".join(c for c in every if c.isascii()) == _ASCII_SPACES_BUT_SPACE


def test_normalize_text_collapses_whitespace_like_split_and_join() -> None:
    import random

    from manysides.text import _straighten, normalize_text

    pieces = ["quay", "crane", " ", "   ", "\t", "\n", "\r\n", "\x0b", "\x1f", "\u3000"]
    pieces += ["\u2003", "\xa0", "\x85", "caf\u00e9", "\u2019s", "-", "        "]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        nfkc = unicodedata.normalize("NFKC", text)
        expected = " ".join((nfkc if nfkc.isascii() else _straighten(nfkc)).split())
        assert normalize_text(text) == expected, repr(text)
    assert normalize_text("  Dock\n\n  cranes\t idle \r\n") == "Dock cranes idle"
    assert normalize_text(" \t\n ") == ""


def test_batch_fingerprints_equal_one_by_one() -> None:
    texts = [
        "",
        "Two words",
        "Exactly five words stand here",
        REPUBLISHED,
        "Six words: a short one.",
    ]
    batch = [*ARTICLES.values(), *(article(text) for text in texts)]
    for alone, together in zip(map(fingerprint, batch), fingerprints(batch), strict=True):
        assert together.article_id == alone.article_id
        assert together.tokens == alone.tokens
        assert together.shingles.dtype == alone.shingles.dtype
        assert together.shingles.tolist() == alone.shingles.tolist()
        assert together.signature.dtype == alone.signature.dtype
        assert together.signature.tolist() == alone.signature.tolist()
        assert together.word_hashes.tolist() == alone.word_hashes.tolist()
        assert len(together.word_hashes) == len(together.tokens)
    assert fingerprints([]) == []


def test_batch_signatures_are_cut_into_bounded_products(monkeypatch) -> None:
    import manysides.dedupe as dedupe

    expected = [fp.signature.tolist() for fp in map(fingerprint, ARTICLES.values())]
    monkeypatch.setattr(dedupe, "_SIGNATURE_COLUMNS", 100)  # a product per article or two
    found = [fp.signature.tolist() for fp in fingerprints(list(ARTICLES.values()))]
    assert found == expected


def test_fingerprint_minhash_equals_datasketch_update_batch() -> None:
    from datasketch import MinHash

    from manysides.dedupe import _permutations

    fp = fingerprint(WIRE)
    permutations, scheme = _permutations(64)
    reference = MinHash(num_perm=64, hashfunc=int, permutations=permutations, scheme=scheme)
    reference.update_batch(fp.shingles.tolist())
    assert len(fp.shingles) > 50
    assert fp.minhash.hashvalues.tolist() == reference.hashvalues.tolist()


def regex_token_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Reference for the vectorized offsets: ``fast_tokens`` with each token's char span,
    read by a regex (a word between spaces, its edge punctuation stripped)."""
    from manysides.text import _EDGE_PUNCTUATION

    edge = re.escape(_EDGE_PUNCTUATION)
    core = re.compile(f"[^\\s{edge}]+(?:[{edge}]+[^\\s{edge}]+)*")
    straight = text.replace("\u2019", "'").replace("\u2018", "'")  # same length
    matches = list(core.finditer(straight))
    return [m.group(0).lower() for m in matches], [m.span() for m in matches]


def test_side_spans_equal_the_token_spans() -> None:
    from manysides.dedupe import _Side
    from manysides.text import fast_tokens

    text = "\u201cWe\u2019ll see,\u201d said Ana \u2014 (twice)... Done."
    tokens, spans = regex_token_spans(text)
    assert tokens == ["we'll", "see", "said", "ana", "twice", "done"] == fast_tokens(text)
    side = _Side(text)
    assert [side.span(i) for i in (3, 0, 5)] == [spans[3], spans[0], spans[5]]
    assert text[slice(*side.span(0))] == "We\u2019ll"


def test_vectorized_token_offsets_equal_the_regex_spans() -> None:
    from manysides.text import fast_token_offsets

    text = " \u00abOui,\u00bb dit-elle\u2026 -- 3.5%\u3000'u.s.'\u00a0end\u2003\U0001f600! "
    starts, ends = fast_token_offsets(text)
    _, spans = regex_token_spans(text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == spans
    assert [text[s:e] for s, e in spans] == ["Oui", "dit-elle", "3.5", "u.s", "end", "\U0001f600"]
    assert [len(a) for a in fast_token_offsets("")] == [0, 0]
    assert [len(a) for a in fast_token_offsets(" -- ' ")] == [0, 0]


def test_token_hashes_depend_on_the_token_not_its_position() -> None:
    from manysides.text import token_hashes as _token_hashes

    hashes = _token_hashes(["ferry", "port", "ferry", "ferrys", "\u00e9t\u00e9"]).tolist()
    assert hashes[0] == hashes[2]
    assert len(set(hashes)) == 4
    assert _token_hashes(["port"]).tolist() == [hashes[1]]


def test_state_saved_with_older_shingle_hashes_is_replayed() -> None:
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00")
    deduper = Deduper()
    for a in (WIRE, ARTICLES["karrow_ash"], copy):
        deduper.add(a)
    state = deduper.to_state()
    del state["hash_version"]  # as saved before version 2
    state["signatures"] = bytes(len(state["signatures"]))  # values that would never match
    loaded = Deduper.from_state(state)
    assert loaded.duplicates() == deduper.duplicates()
    assert loaded.copies() == {copy.id: WIRE.id}
    again = article(REPUBLISHED + " Updated.", "2025-03-04T09:00:00+00:00")
    assert loaded.add(again) is not None


def test_round_trip_keeps_groups_and_continues_identically() -> None:
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00")
    column = article("\n\n".join([COLUMN_INTRO, KARROW_PARAGRAPH, COLUMN_OUTRO]))
    first_half = [WIRE, ARTICLES["karrow_ash"]]
    second_half = [copy, column]

    straight = Deduper()
    for a in first_half + second_half:
        straight.add(a)

    saved = Deduper()
    for a in first_half:
        saved.add(a)
    restored = Deduper.from_bytes(saved.to_bytes())
    for a in second_half:
        restored.add(a)
    assert restored.duplicates() == straight.duplicates()
    assert restored.shared_passages() == straight.shared_passages()
    assert len(restored.duplicates()) == 1 and len(restored.shared_passages()) == 1


def test_state_without_texts_reads_them_from_a_source_when_a_passage_needs_one() -> None:
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00")
    column = article("\n\n".join([COLUMN_INTRO, KARROW_PARAGRAPH, COLUMN_OUTRO]))
    first_half = [WIRE, ARTICLES["karrow_ash"]]
    straight = Deduper()
    for a in [*first_half, copy, column]:
        straight.add(a)

    saved = Deduper()
    for a in first_half:
        saved.add(a)
    lean, full = saved.to_bytes(texts=False), saved.to_bytes()
    assert len(lean) < len(full)
    with pytest.raises(ValueError, match="no texts"):
        Deduper.from_bytes(lean)
    asked: list[list[str]] = []

    def source(ids):
        asked.append(list(ids))
        return {a.id: a.text for a in first_half if a.id in ids}

    restored = Deduper.from_bytes(lean, text_source=source)
    restored.add(copy)
    assert asked == []  # a copy is found from signatures alone
    restored.add(column)
    assert asked == [[ARTICLES["karrow_ash"].id]]  # the passage's source text, once
    assert restored.duplicates() == straight.duplicates()
    assert restored.shared_passages() == straight.shared_passages()
    # saved again with texts, the ones it never held come from the source
    again = Deduper.from_bytes(restored.to_bytes())
    assert again.shared_passages() == straight.shared_passages()


def test_state_without_texts_and_older_hashes_is_replayed_from_the_source() -> None:
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00")
    stored = [WIRE, ARTICLES["karrow_ash"], copy]
    deduper = Deduper()
    for a in stored:
        deduper.add(a)
    state = deduper.to_state(texts=False)
    del state["hash_version"]
    state["signatures"] = bytes(len(state["signatures"]))
    loaded = Deduper.from_state(state, text_source=lambda ids: {a.id: a.text for a in stored})
    assert loaded.copies() == {copy.id: WIRE.id}


def test_loading_refuses_blobs_that_name_classes() -> None:
    import zlib

    blob = zlib.compress(pickle.dumps({"threshold": Path("x")}))
    with pytest.raises(pickle.UnpicklingError):
        Deduper.from_bytes(blob)


def test_empty_text_does_not_crash() -> None:
    deduper = Deduper()
    assert deduper.add(article("")) is None
    assert deduper.add(article("Short.")) is None


def test_band_index_finds_what_datasketch_lsh_finds() -> None:
    from datasketch import MinHashLSH

    from manysides.dedupe import _as_minhash, _BandIndex, _signature

    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=300, dtype=np.uint64)
    signatures = []
    for k in range(40):  # variants of one text: 0-91% of its shingles replaced
        edited = base.copy()
        edited[: k * 7] = rng.integers(0, 2**32, size=k * 7, dtype=np.uint64)
        signatures.append(_as_minhash(_signature(edited, 64)))
    ours, theirs = _BandIndex(0.5, 64), MinHashLSH(threshold=0.5, num_perm=64)
    for position, minhash in enumerate(signatures[::2]):
        ours.insert(position, minhash.hashvalues)
        theirs.insert(position, minhash)
    found = [ours.query(m.hashvalues) for m in signatures]
    assert found == [set(theirs.query(m)) for m in signatures]
    assert found[0] and not found[-1]  # the index does find copies, and only copies


def test_band_index_insert_many_equals_inserting_one_by_one() -> None:
    from manysides.dedupe import _BandIndex

    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 2**32, size=(60, 64), dtype=np.uint64)
    signatures[7] = signatures[2]  # every band shared, by three originals
    signatures[9] = signatures[2]
    signatures[11, :4] = signatures[4, :4]  # the first band only
    positions = list(range(0, 120, 2))
    one_by_one, at_once = _BandIndex(0.5, 64), _BandIndex(0.5, 64)
    for position, row in zip(positions, signatures, strict=True):
        one_by_one.insert(position, row)
    at_once.insert_many(positions, signatures)
    assert at_once.tables == one_by_one.tables
    assert at_once.tables[0][one_by_one.keys(signatures[2])[0]] == [4, 14, 18]
    assert at_once.tables[0][one_by_one.keys(signatures[4])[0]] == [8, 22]


def test_anchor_index_answers_as_one_dict_across_a_save() -> None:
    from manysides.dedupe import _AnchorIndex

    rng = np.random.default_rng(8)
    articles = [
        list(dict.fromkeys(rng.integers(0, 400, size=30, dtype=np.uint32).tolist()))
        for _ in range(40)
    ]
    plain: dict[int, int] = {}
    expected = [[plain.setdefault(a, p) for a in anchors] for p, anchors in enumerate(articles)]
    index = _AnchorIndex()
    found = [index.firsts(anchors, p) for p, anchors in enumerate(articles[:25])]
    loaded = _AnchorIndex.from_state(index.to_state())
    found += [loaded.firsts(anchors, p) for p, anchors in enumerate(articles[25:], 25)]
    assert found == expected
    assert len(loaded) == len(plain)
    assert _AnchorIndex.from_state(loaded.to_state()).to_state() == loaded.to_state()


def test_state_with_anchors_saved_as_a_dict_still_loads() -> None:
    column = article("\n\n".join([COLUMN_INTRO, KARROW_PARAGRAPH, COLUMN_OUTRO]))
    saved = Deduper()
    for a in (WIRE, ARTICLES["karrow_ash"]):
        saved.add(a)
    state = saved.to_state()
    hashes, firsts = state["anchors"]
    # as saved before the anchors were arrays (and before the MinHash layout was kept)
    del state["layout"]
    state["anchors"] = dict(zip(np.frombuffer(hashes, np.uint32).tolist(),
                                np.frombuffer(firsts, np.int32).tolist(), strict=True))
    restored = Deduper.from_state(pickle.loads(pickle.dumps(state)))
    restored.add(column)
    assert [p.other_id for p in restored.shared_passages()] == [ARTICLES["karrow_ash"].id]


def test_a_state_with_another_minhash_layout_is_replayed() -> None:
    copy = article(REPUBLISHED, "2025-03-03T15:00:00+00:00")
    deduper = Deduper()
    for a in (WIRE, ARTICLES["karrow_ash"]):
        deduper.add(a)
    state = deduper.to_state()
    dtype, shape, data = state["layout"]["permutations"]
    other = (np.frombuffer(data, dtype=np.dtype(dtype)) ^ 1).tobytes()  # other permutations
    state["layout"] = {**state["layout"], "permutations": (dtype, shape, other)}
    loaded = Deduper.from_state(pickle.loads(pickle.dumps(state)))
    # this process's layout stands: the texts were fingerprinted again with it
    assert loaded.to_state()["signatures"] == deduper.to_state()["signatures"]
    assert loaded.add(copy) == Duplicate(copy.id, WIRE.id, deduper.add(copy).similarity)
