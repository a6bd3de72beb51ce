"""Opinion-word score of a sentence: how much its words (outside quotation marks) read like
an opinion page's rather than straight news's.

A class-balanced logistic regression over the set of lower-cased words of a sentence,
trained by ``scripts/train_opinion_words.py`` on AllSides dev sentences labelled with their
article's genre (opinion pages vs straight news). Held-out ROC AUC (article halves,
cross-fitted) is in the model file's "about" (0.7003 for the shipped file, C 0.02: C is
chosen on the combined sentence decision, see the script). The score is the
model's log-odds: 0 is the balanced decision boundary. Weights derived from AllSides dev
articles; no text of them is stored (only single words and their weights).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import AnalysisError

MODEL_PATH = Path(__file__).parent / "data" / "opinion_words.json"
# One word: a run of letters (hyphens and apostrophes split words, as spaCy does).
WORD_PATTERN = r"[a-z]+"
_WORD_RE = re.compile(WORD_PATTERN)
_QUOTATION_RE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True)
class OpinionWords:
    weights: dict[str, float]
    intercept: float
    about: dict[str, Any]


@lru_cache(maxsize=1)
def load_opinion_words(path: Path = MODEL_PATH) -> OpinionWords:
    """The model file, read once per process."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return OpinionWords(dict(data["weights"]), float(data["intercept"]), dict(data["about"]))
    except (OSError, ValueError, KeyError) as exc:
        raise AnalysisError(f"{path}: cannot read the opinion-word model: {exc}") from exc


def without_quotations(text: str) -> str:
    """``text`` with every quotation (marks included) replaced by a space.

    The training script's reading (``scripts/train_opinion_words.py``); the product scores
    ``loaded.own_text`` over ``loaded.quoted_ranges``, which also takes single curly quotes
    (and caps a quotation's length). Switching the script to that changes 480 of its 11,208
    AllSides articles (479 by single quotes), hence the shipped weights: kept as trained."""
    return _QUOTATION_RE.sub(" ", text)


def opinion_score(text: str, model: OpinionWords | None = None) -> float:
    """Log-odds that ``text`` (already without quotations) is opinion-page wording."""
    model = model or load_opinion_words()
    return model.intercept + sum(model.weights.get(w, 0.0) for w in _words(text))


def _words(text: str) -> set[str]:
    """The words the model reads in ``text``: each lower-case word once."""
    return set(_WORD_RE.findall(text.lower()))


# How many of a sentence's words a reason names (the ones that weigh most toward opinion).
REASON_WORDS = 3


def leading_words(text: str, model: OpinionWords | None = None) -> tuple[str, ...]:
    """The words of ``text`` (already without quotations) that push its score most toward
    opinion-page wording, strongest first (ties: alphabetical): the reader sees what the
    score rests on, a stance word or only the story's topic words."""
    model = model or load_opinion_words()
    weighed = [
        (-model.weights[w], w)
        for w in _words(text)
        if model.weights.get(w, 0.0) > 0
    ]
    return tuple(w for _, w in sorted(weighed)[:REASON_WORDS])
