"""Train the opinion-word sentence scorer (``manysides.opinion_words``) on AllSides dev.

Reads the AllSides dev articles at training time only. Opinion articles (an opinion-page
URL, or an opinion / guest / editorial outlet) against straight news (no opinion marker in
outlet, title or URL: an outlet the bench's ``_NOT_NEWS`` names, a blog or a review, is in
neither class, as in ``bench/framing._genre_records``); each article's sentences after the first (up to 40, 30-400
characters, quotations removed: the speaker's words are not the outlet's) are labelled with
their article's genre. Features: the set of lower-cased letter runs of a sentence (single
words only, less names: see ``NAME_SHARE``). A class-balanced logistic regression is fitted; the held-out figure is ROC AUC
with articles cross-fitted in two halves (crc32 of the article id), and C is chosen by it.
Writes ``src/manysides/data/opinion_words.json`` (word -> weight, intercept, about).
``--calibrate-weight`` also scores the bench's AllSides calibration set
(``bench/framing.calibration_sentences``) for each ``loaded.OPINION_WEIGHT`` candidate, each
half with the word model trained on the other half's articles (see ``loaded.OPINION_WEIGHT``).
BABE and BASIL are never read here.

    .venv/bin/python scripts/train_opinion_words.py [--data ../shared/data/allsides_articles_dev.jsonl.gz] [--calibrate-weight]
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import sys
import zlib
from collections import Counter
from pathlib import Path
from unittest.mock import patch

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import data_path  # noqa: E402
from framing import (  # noqa: E402
    _NOT_NEWS,
    _OPINION_URL,
    _detokenize,
    _macro_f1,
    calibration_sentences,
)
from manysides import loaded, opinion_words  # noqa: E402
from manysides.nlp import load_nlp  # noqa: E402
from manysides.opinion_words import (  # noqa: E402
    MODEL_PATH,
    WORD_PATTERN,
    OpinionWords,
    without_quotations,
)

# Regularization strength, chosen by the cross-fitted AllSides AUC (printed on each run):
# C 0.003 / 0.01 / 0.03 / 0.1 / 0.3: 0.6944 / 0.7005 / 0.6988 / 0.6901 / 0.6775.
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
# Words in fewer sentences than this are dropped (one-off names and typos).
MIN_SENTENCES = 5
# Weights smaller than this are left out of the file (they move no decision).
MIN_WEIGHT = 0.005
# A word written with a capital inside a sentence more often than this is a name (a person,
# place or party: the topic, not the wording) and is no feature. Set by that rule, not fitted.
NAME_SHARE = 0.5
# ``loaded.OPINION_WEIGHT`` candidates for ``--calibrate-weight`` (the cue grid's steps).
WEIGHT_GRID = (0.0, 0.5, 1.0)
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )[A-Za-z]+")
_OPINION_OUTLET = re.compile(r"opinion|guest|editorial|townhall|commentary|column", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _genre(record: dict) -> int | None:
    """1 opinion, 0 straight news, None neither (too short or unclear)."""
    url, title = record.get("url") or "", record.get("title") or ""
    if len(record["text"]) < 800:
        return None
    if _OPINION_URL.search(url) or _OPINION_OUTLET.search(record["outlet"]):
        return 1
    # An outlet the bench keeps out of both genres (a blog, a review) is neither here too.
    if _NOT_NEWS.search(record["outlet"]) or _NOT_NEWS.search(title) or "opinion" in url:
        return None
    return 0


def sentences(path: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sentence texts, genre labels and article halves."""
    texts, labels, halves = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            genre = _genre(record)
            if genre is None:
                continue
            text = without_quotations(_detokenize(record["text"]))
            parts = [s for s in _SENTENCE_END.split(text) if 30 <= len(s) <= 400][1:41]
            half = zlib.crc32(str(record["id"]).encode()) % 2
            texts += parts
            labels += [genre] * len(parts)
            halves += [half] * len(parts)
    return texts, np.array(labels), np.array(halves)


def names(texts: list[str]) -> list[str]:
    """Lower-cased words capitalised inside sentences more often than ``NAME_SHARE``."""
    capitalised: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        for match in _MID_SENTENCE_WORD.finditer(text):
            word = match.group(0)
            seen[word.lower()] += 1
            capitalised[word.lower()] += word[0].isupper()
    return sorted(w for w, n in seen.items() if capitalised[w] > NAME_SHARE * n)


def _fit(matrix, labels, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    return model.fit(matrix, labels)


def cross_fitted_auc(matrix, labels, halves, c: float) -> float:
    scores = np.zeros(len(labels))
    for half in (0, 1):
        model = _fit(matrix[halves != half], labels[halves != half], c)
        scores[halves == half] = model.decision_function(matrix[halves == half])
    return float(roc_auc_score(labels, scores))


def word_weights(vectorizer: CountVectorizer, model: LogisticRegression) -> dict[str, float]:
    """The model's word weights as the file stores them (rounded, tiny ones left out)."""
    return {
        word: round(float(w), 4)
        for word, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }


def half_models(matrix, labels, halves, vectorizer, c: float) -> dict[int, OpinionWords]:
    """Per article half, the word model trained on the OTHER half's articles only."""
    models = {}
    for half in (0, 1):
        fitted = _fit(matrix[halves != half], labels[halves != half], c)
        weights = word_weights(vectorizer, fitted)
        models[half] = OpinionWords(weights, round(float(fitted.intercept_[0]), 4), {})
    return models


def _row_scores(sentences, models: dict[int, OpinionWords], weight: float) -> list[float]:
    """``sentence_bias`` of each calibration row (its highest sentence), the opinion-word
    score from the row's cross-fitted half model counting ``weight``."""
    scores = []
    for _, half, parsed in sentences:
        with (
            patch.object(loaded, "OPINION_WEIGHT", weight),
            patch.object(opinion_words, "load_opinion_words", lambda m=models[half]: m),
        ):
            scores.append(max(loaded.sentence_bias(parsed).values(), default=0.0))
    return scores


def calibrate_weight(data: Path, models: dict[int, OpinionWords]) -> float:
    """Macro-F1 at ``BIASED_SCORE`` (and 0.25) and ROC AUC per calibration half (A = 0,
    B = 1) for each ``WEIGHT_GRID`` weight; returns the best weight on half A."""
    sentences = calibration_sentences(data, load_nlp())
    best: tuple[float, float] = (-1.0, 0.0)
    for weight in WEIGHT_GRID:
        scores = _row_scores(sentences, models, weight)
        figures = []
        for half in (0, 1):
            rows = [(bool(s[0]), x) for s, x in zip(sentences, scores, strict=True) if s[1] == half]
            gold = [g for g, _ in rows]
            f1 = _macro_f1(gold, [x >= loaded.BIASED_SCORE for _, x in rows])
            f1_low = _macro_f1(gold, [x >= 0.25 for _, x in rows])
            auc = roc_auc_score(gold, [x for _, x in rows])
            figures.append(f1)
            print(
                f"weight {weight} half {'AB'[half]}: macro-F1 {f1:.4f} "
                f"(at 0.25: {f1_low:.4f}), ROC AUC {auc:.4f}"
            )
        best = max(best, (round(figures[0], 4), -weight))
    print(f"{len(sentences)} calibration rows; best on half A: weight {-best[1]}")
    return -best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_path("allsides_articles_dev.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--calibrate-weight",
        action="store_true",
        help="also calibrate loaded.OPINION_WEIGHT on the bench's calibration set, each half "
        "scored by a word model trained on the other half's articles",
    )
    args = parser.parse_args()
    texts, labels, halves = sentences(args.data)
    print(
        f"{len(texts)} sentences (opinion {int(labels.sum())}, news {int((labels == 0).sum())}),"
        f" opinion share {labels.mean():.3f}"
    )
    vectorizer = CountVectorizer(
        token_pattern=WORD_PATTERN,
        lowercase=True,
        binary=True,
        min_df=MIN_SENTENCES,
        stop_words=names(texts),
    )
    matrix = vectorizer.fit_transform(texts)
    aucs = {c: cross_fitted_auc(matrix, labels, halves, c) for c in C_GRID}
    for c, auc in aucs.items():
        print(f"C {c}: held-out (cross-fitted halves) ROC AUC {auc:.4f}")
    best = max(C_GRID, key=lambda c: aucs[c])
    model = _fit(matrix, labels, best)
    train_auc = float(roc_auc_score(labels, model.decision_function(matrix)))
    print(f"C {best}: train ROC AUC {train_auc:.4f}, held-out {aucs[best]:.4f}")
    weights = word_weights(vectorizer, model)
    about = {
        "data": "AllSides dev articles (allsides_articles_dev.jsonl.gz): opinion vs straight "
        "news sentences, labelled by their article's genre",
        "split": "all articles; held-out figure: two halves by crc32(article id), cross-fitted",
        "sentences": len(texts),
        "C": best,
        "train_roc_auc": round(train_auc, 4),
        "held_out_roc_auc": round(aucs[best], 4),
        "date": datetime.date.today().isoformat(),
        "scikit_learn": sklearn.__version__,
        "licence": "weights derived from AllSides dev articles; no text of them is stored",
    }
    out = {"about": about, "intercept": round(float(model.intercept_[0]), 4), "weights": weights}
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} words")
    if args.calibrate_weight:
        calibrate_weight(args.data, half_models(matrix, labels, halves, vectorizer, best))


if __name__ == "__main__":
    main()
