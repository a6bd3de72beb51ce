"""Where a reported statement starts and ends: a trained refiner of the content spans the
rules give reported speech.

``reported_speech`` takes a cue's content from the parse (the clause or object the cue
governs). News attributions draw the line by conventions a subtree does not follow: the
statement of "expressed an interest in debating Roe" is "debating Roe", a trailing "in
March" or "according to a poll" is the writer's, not the speaker's, and a relative clause
on an object is often the writer's gloss. This module moves each end of a reported span by
at most ``WINDOW`` tokens within its sentence, to the candidate a logistic regression over
the words, tags and dependency labels around it scores highest (the current boundary is a
candidate, and the model learned to keep it unless another is clearly better).

Trained by ``scripts/train_content_bounds.py`` on PolNeAR train (840 texts): each rule
span overlapping a gold Content is an example, the gold boundary is the positive
candidate. Held out on PolNeAR dev (84 texts), the first word is right for 0.913 of the
statements (the rules 0.845), the last for 0.961 (0.952); bench/quotes.py content F1,
exact 0.5569 -> 0.5864, over tokens 0.8624 -> 0.8634, at least half the words 0.7429 ->
0.7419; speaker accuracy 0.9068 -> 0.9074. Licence note: weights derived from PolNeAR
(train split); no text of it is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).parent / "data" / "content_bounds.json"
# Farthest a boundary moves, in tokens. PolNeAR train (300 texts): of the rule spans that
# overlap a gold Content without matching it, 364 of 572 need their start moved by 6 words
# or fewer, 273 their end.
WINDOW = 6


# Statements of fewer words keep the rules' ends: one word more or less is often the
# difference between matching a short PolNeAR Content by half its words and missing it.
# Chosen on PolNeAR train (a model fitted on the even-numbered texts, scored on the odd):
# content overlap F1 0.7485 unrefined; refining statements of any length / 3 / 4 / 6 words
# or more 0.7477 / 0.7482 / 0.7488 / 0.7484, exact F1 0.5575 -> 0.5976 / 0.5945 / 0.5899 /
# 0.5830 (before candidates had to sit on phrase edges; with them, at 4: 0.7489 / 0.5901).
MIN_WORDS = 4


def refined(
    doc: Any, pieces: tuple[tuple[int, int], ...], cue: Any, model: dict[str, Any] | None = None
) -> tuple[tuple[int, int], ...]:
    """``pieces`` (char spans of a statement ``cue`` reports, in order) with the start of
    the first and the end of the last moved to where ``model`` (the installed one by
    default) places them; unchanged when there is none or the statement is short."""
    model = model or load_model()
    if model is None or not pieces:
        return pieces
    span = _token_span(doc, pieces[0][0], pieces[-1][1])
    if span is None or _words(doc, span.start, span.end) < MIN_WORDS:
        return pieces
    start, end = span.start, span.end
    new_start = best(
        start_candidates(doc, start, end, cue),
        lambda t: start_features(doc, t, start, cue),
        model["start"],
        start,
    )
    new_end = best(
        end_candidates(doc, start, end, cue),
        lambda t: end_features(doc, t, end, cue),
        model["end"],
        end,
    )
    new_start, new_end = _with_marks(doc, new_start, new_end, start, end)
    if _marks(doc, new_start, new_end) % 2 != _marks(doc, start, end) % 2:
        return pieces  # an end inside a quotation would leave it open
    if new_end <= new_start or 2 * _words(doc, new_start, new_end) < _words(doc, start, end):
        return pieces  # the model would leave out most of what the rules found: they stand
    first = doc[new_start].idx
    last = doc[new_end - 1].idx + len(doc[new_end - 1])
    if first >= pieces[0][1] or last <= pieces[-1][0]:
        return pieces  # an end moved past a whole piece: the rules' reading stands
    if len(pieces) == 1:
        return ((first, last),)
    return ((first, pieces[0][1]), *pieces[1:-1], (pieces[-1][0], last))


def _with_marks(doc: Any, start: int, end: int, rule_start: int, rule_end: int) -> tuple[int, int]:
    """Ends on a word keep the quotation marks the rules' span held next to it: a statement
    cut just inside a closing mark would show a quotation left open."""
    while start > rule_start and doc[start - 1].is_quote:
        start -= 1
    while end < rule_end and doc[end].is_quote:
        end += 1
    return start, end


def best(candidates: Iterable[int], features: Any, weights: dict[str, float], keep: int) -> int:
    """The candidate whose features score highest; among equals the rules' boundary
    ``keep``, else the first."""
    return max(candidates, key=lambda t: (score(features(t), weights), t == keep))


def score(names: Iterable[str], weights: dict[str, float]) -> float:
    """A candidate's log-odds of being the gold boundary, less the model's intercept (the
    same for every candidate, so it does not change which wins)."""
    return sum(map(weights.get, names, repeat(0.0)))


def start_candidates(doc: Any, start: int, end: int, cue: Any) -> list[int]:
    """Token indices a statement spanning tokens [start, end) may start at: within its
    first sentence, after its cue and speaker when those come first, at its last token at
    the latest, on a word that none of its own dependents precede ("the pier", never
    "pier"), or where the rules start it."""
    low = max(doc[start].sent.start, start - WINDOW, _reach_back(cue, start))
    near = range(low, min(end - 1, start + WINDOW) + 1)
    return [t for t in near if t == start or (_is_word(doc[t]) and doc[t].left_edge.i == t)]


def end_candidates(doc: Any, start: int, end: int, cue: Any) -> list[int]:
    """Token indices (exclusive) a statement spanning [start, end) may end at: within its
    last sentence, before its cue and speaker when those come after, after its first
    token, after a word that none of its own dependents follow ("close soon", never
    "close"), or where the rules end it."""
    high = min(doc[end - 1].sent.end, end + WINDOW, _reach_on(cue, end))
    near = range(max(start + 1, end - WINDOW), high + 1)
    return [t for t in near if t == end or (_is_word(doc[t - 1]) and doc[t - 1].right_edge.i == t - 1)]


# The cue and its subject are the telling ("Roe said", "according to police"), not what was
# told: a statement starting after them may not reach back into them, nor one ending before
# them run on into them.


def _reach_back(cue: Any, start: int) -> int:
    """The first token a statement starting at ``start`` may take in."""
    before = [cue.i] + [c.right_edge.i for c in _subjects(cue) if c.i < start]
    return max((i + 1 for i in before if i < start), default=0)


def _reach_on(cue: Any, end: int) -> int:
    """The end (exclusive) past which a statement ending at ``end`` may not run on."""
    after = [cue.i] + [c.left_edge.i for c in _subjects(cue) if c.i >= end]
    return min((i for i in after if i >= end), default=len(cue.doc))


def _subjects(cue: Any) -> list[Any]:
    return [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]


def _offset(moved: int) -> str:
    return str(max(-WINDOW, min(WINDOW, moved)))


def _phrase_from(token: Any) -> Any:
    """The largest phrase that begins with ``token``: its highest ancestor (or itself)
    whose subtree starts there."""
    while token.head.i != token.i and token.head.left_edge.i == token.i:
        token = token.head
    return token


def _phrase_to(token: Any) -> Any:
    """The largest phrase that ends with ``token``."""
    while token.head.i != token.i and token.head.right_edge.i == token.i:
        token = token.head
    return token


def _describe(prefix: str, token: Any) -> list[str]:
    return [f"{prefix}w={token.lower_}", f"{prefix}t={token.tag_}", f"{prefix}d={token.dep_}"]


def _crossed(doc: Any, low: int, high: int, sign: str) -> list[str]:
    """The tokens a move takes in (sign "+") or leaves out ("-")."""
    return [name for token in doc[low:high] for name in _describe(sign, token)]


def _on_cue(doc: Any, low: int, high: int, sign: str, cue: Any) -> list[str]:
    """Whether a token an end's move takes in or leaves out hangs on the cue itself: a
    phrase of the telling ("said ... in March"), not of what was told."""
    return [f"{sign}cue_child"] if any(t.head.i == cue.i for t in doc[low:high]) else []


def start_features(doc: Any, at: int, start: int, cue: Any) -> list[str]:
    """What the model reads of starting a statement at token ``at`` (the rules said ``start``)."""
    token = doc[at]
    moved = at - start
    direction = (moved > 0) - (moved < 0)
    found = [f"off={_offset(moved)}", *_describe("", token)]
    if at > doc[at].sent.start:
        found += _describe("prev_", doc[at - 1])
    else:
        found.append("sentence_start")
    phrase = _phrase_from(token)
    found += [f"phrase={phrase.dep_}", f"phrase_pos={phrase.pos_}"]
    if phrase.head.i == cue.i:
        found.append("phrase_of_cue")
    if 0 < at - cue.i <= 3:
        found.append(f"after_cue={at - cue.i}")
    if moved < 0:
        found += _crossed(doc, at, start, "+")
    elif moved > 0:
        found += _crossed(doc, start, at, "-")
    found.append(f"w={token.lower_}|moved={direction}")
    found += [f"cue={cue.lemma_}|w={token.lower_}", f"cue_pos={cue.pos_}|moved={direction}"]
    return found


def end_features(doc: Any, at: int, end: int, cue: Any) -> list[str]:
    """What the model reads of ending a statement before token ``at`` (the rules said ``end``)."""
    last = doc[at - 1]
    moved = at - end
    direction = (moved > 0) - (moved < 0)
    found = [f"off={_offset(moved)}", *_describe("last_", last)]
    if at < len(doc) and at < last.sent.end:
        after = doc[at]
        found += _describe("next_", after)
        opened = _phrase_from(after)
        found += [f"next_phrase={opened.dep_}", f"next_phrase_head={opened.head.pos_}"]
        if opened.head.i == cue.i:
            found.append("next_phrase_of_cue")
    else:
        found.append("sentence_end")
    closed = _phrase_to(last)
    found += [f"phrase={closed.dep_}", f"phrase_pos={closed.pos_}"]
    if moved > 0:
        found += _crossed(doc, end, at, "+") + _on_cue(doc, end, at, "+", cue)
    elif moved < 0:
        found += _crossed(doc, at, end, "-") + _on_cue(doc, at, end, "-", cue)
    found.append(f"last_w={last.lower_}|moved={direction}")
    found.append(f"cue_pos={cue.pos_}|moved={direction}")
    return found


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> dict[str, Any] | None:
    """The fitted weights {"start": {feature: weight}, "end": {...}, "about": {...}}, or
    None where no model file is installed (the rules' spans then stand)."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def candidate_rows(
    doc: Any, pieces: Sequence[tuple[int, int]], cue: Any, gold: tuple[int, int]
) -> tuple[list[tuple[list[str], bool]], list[tuple[list[str], bool]]] | None:
    """Training rows for one rule span and the gold Content it overlaps (char start, end):
    (features, is the gold boundary) for each start and end candidate; None when the span
    does not map to tokens. Marks and punctuation at an end do not count (the bench scores
    words), so a candidate is the gold boundary when it keeps the same first or last word."""
    span = _token_span(doc, pieces[0][0], pieces[-1][1])
    gold_span = _token_span(doc, *gold)
    if span is None or gold_span is None or len(span) < 2:
        return None
    words = [t.i for t in gold_span if _is_word(t)]
    if not words:
        return None
    start, end = span.start, span.end
    starts = [
        (start_features(doc, t, start, cue), _first_word(doc, t, end) == words[0])
        for t in start_candidates(doc, start, end, cue)
    ]
    ends = [
        (end_features(doc, t, end, cue), _last_word(doc, start, t) == words[-1])
        for t in end_candidates(doc, start, end, cue)
    ]
    return starts, ends


def _token_span(doc: Any, start_char: int, end_char: int) -> Any:
    """The tokens covering chars [start_char, end_char); None when they map to none."""
    return doc.char_span(start_char, end_char, alignment_mode="expand")


def _marks(doc: Any, start: int, end: int) -> int:
    return sum(t.is_quote for t in doc[start:end])


def _words(doc: Any, start: int, end: int) -> int:
    return sum(map(_is_word, doc[start:end]))


def _is_word(token: Any) -> bool:
    return any(c.isalnum() for c in token.text)


def _first_word(doc: Any, at: int, end: int) -> int:
    return next((t.i for t in doc[at:end] if _is_word(t)), -1)


def _last_word(doc: Any, start: int, at: int) -> int:
    return next((t.i for t in reversed(doc[start:at]) if _is_word(t)), -1)
