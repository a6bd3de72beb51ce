"""A trained word model for loaded language (opt-in): how likely a content word is a loaded
word choice, from abstract features of the word (part of speech, tag, dependency, the head's
part of speech, word rarity and the rarity of the word it is made from, VADER valence,
Pattern subjectivity and polarity, the rule class that flagged it, quotation, reported
speech) and its lemma.

Trained by ``scripts/train_loaded_words.py`` on BASIL dev (150 articles from NYT, HuffPost
and Fox News, 2010-2014): a content word is positive when it lies inside a phrase-level
lexical-bias span (``bias == "lex"``; 340 of 34,998 words). Logistic regression (C 0.1,
balanced classes). Held out (cross-fitted over two halves split by event triplet): average
precision 0.082, ROC AUC 0.803 (training-set AP 0.186); the JSON's "about" object has the
figures of the last run. Weights derived from BASIL; no text of it is stored (single lemma
features only).

Why it is off by default (``loaded.loaded_spans(word_model=...)`` turns it on;
``bench/framing.py --word-model`` measures it): the words it adds beyond the rules are not
good enough. Its threshold (0.8) was chosen on BASIL, cross-fitted, as the lowest at which
its added flags overlap annotated bias at least 0.85 times as often as the rule flags (0.252
against 0.264): BASIL lex recall 0.558 -> 0.579 (cross-fitted) at 1 more flag per article.
Measured on BABE dev (held out, agreed rows; once for this feature set, once for its first
version without the base-word rarity): sentence macro-F1 0.7254 -> 0.7251 (0.7245), biased-
word precision 0.540 -> 0.515 (0.513) and recall 0.464 -> 0.482 (0.481): its added words
were annotated biased about one time in four, against one in two for the rule flags, and a
reader sees flags such as "day", "far" or "spokeswoman" among them (lemma memory of BASIL's
topics). With abstract features only (no lemmas) no threshold meets the BASIL bar (added
flags' share 0.195 at 0.85; 26 flags at 0.9). Also tried as a feature: each word's opinion-
page log-odds z on AllSides dev (opinion vs straight news): BASIL AP 0.079 -> 0.082, mostly
topic words ("qaeda", "socialism"), not kept.

The product loads the JSON once per process and scores with a dot product; it behaves the
same without ../shared/data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from math import exp
from pathlib import Path
from typing import Any

from wordfreq import zipf_frequency

from .errors import AnalysisError
from .lexicon import Lexicon, adjective_base, evaluative_score

WORD_MODEL_FILE = Path(__file__).parent / "data" / "loaded_words.json"

# Parts of speech the model scores (proper nouns, numbers and function words never carry a
# loaded word choice; the rules look at the same four).
CANDIDATE_POS = frozenset({"ADJ", "ADV", "NOUN", "VERB"})
_ZIPF_BINS = (3.0, 3.5, 4.0, 4.5, 5.0, 5.5)


@dataclass(frozen=True)
class WordModel:
    """Logistic-regression weights over named features, and the decision threshold."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + exp(-z))


def candidate(token: Any) -> bool:
    """Whether the model scores this token at all."""
    return token.pos_ in CANDIDATE_POS and not token.is_stop and token.is_alpha


def _zipf_bin(zipf: float) -> str:
    below = next((b for b in _ZIPF_BINS if zipf < b), None)
    return f"zipf<{below}" if below is not None else "zipf>=5.5"


def _base_zipf(lower: str, pos: str, zipf: float) -> float:
    """How common the word it is made from is: an -ly adverb's adjective ("validly" from
    "valid"), a "non-" word's stem; rare forms of common words are plain wording."""
    if pos == "ADV" and lower.endswith("ly"):
        return max(zipf, *(zipf_frequency(b, "en") for b in adjective_base(lower)))
    if lower.startswith("non") and len(lower) > 5:
        return max(zipf, zipf_frequency(lower[3:].lstrip("-"), "en"))
    return zipf


def _lexicon_features(token: Any, lexicon: Lexicon) -> dict[str, float]:
    lower, lemma = token.lower_, token.lemma_.lower()
    valence = lexicon.valence.get(lower, lexicon.valence.get(lemma, 0.0))
    subjective = evaluative_score(lower, token.pos_, lexicon)
    polarity = lexicon.polarity.get(lower, 0.0) if token.pos_ == "ADJ" else 0.0
    zipf = zipf_frequency(lower, "en")
    return {
        "base_zipf": _base_zipf(lower, token.pos_, zipf) / 8,
        "valence_negative": max(0.0, -valence) / 4,
        "valence_positive": max(0.0, valence) / 4,
        "in_vader": float(lower in lexicon.valence or lemma in lexicon.valence),
        "subjectivity": subjective,
        "polarity_abs": abs(polarity),
        "zipf": zipf / 8,
        _zipf_bin(zipf): 1.0,
        "neutral_term": float(lower in lexicon.neutral or lemma in lexicon.neutral),
    }


def _shape_features(token: Any) -> dict[str, float]:
    head = token.head
    features = {
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"head_pos={head.pos_}": 1.0,
        "head_person": float(head.ent_type_ == "PERSON"),
        "suffix_ly": float(token.lower_.endswith("ly")),
        "capitalised": float(token.text[:1].isupper()),
        "in_entity": float(bool(token.ent_type_)),
        "sentence_start": float(token.is_sent_start or False),
    }
    return features


def token_features(
    token: Any, lexicon: Lexicon, rule_reason: str | None, quoted: bool, reported: bool
) -> dict[str, float]:
    """Named features of one candidate token. ``rule_reason``: the rule class that flagged
    it (None when no rule did); ``quoted`` / ``reported``: inside quotation marks / in a
    clause reported after a speech verb."""
    features = {**_shape_features(token), **_lexicon_features(token, lexicon)}
    features[f"rule={rule_reason or 'none'}"] = 1.0
    features["quoted"] = float(quoted)
    features["reported"] = float(reported)
    features[f"lemma={token.lemma_.lower()}"] = 1.0
    return features


def model_from_json(data: Mapping[str, Any]) -> WordModel:
    return WordModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


@lru_cache(maxsize=4)
def load_word_model(path: Path = WORD_MODEL_FILE, fold: str = "") -> WordModel:
    """The shipped model (``fold`` "": trained on all of BASIL dev), or one of its cross-
    fitting halves ("A": trained on half A, for scoring half B; "B" the other way round)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnalysisError(f"{path}: cannot read the loaded-word model: {exc}") from exc
    return model_from_json(data["folds"][fold] if fold else data)
