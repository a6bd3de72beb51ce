"""Train the opinion-word sentence scorer (``manysides.opinion_words``) on AllSides dev.

Reads the AllSides dev articles at training time only. Opinion articles (an opinion-page
URL, or an opinion / guest / editorial outlet) against straight news (no opinion marker in
outlet, title or URL: an outlet the bench's ``_NOT_NEWS`` names, a blog or a review, is in
neither class, as in ``bench/framing._genre_records``); each article's sentences after the first (up to 40, 30-400
characters, quotations removed: the speaker's words are not the outlet's) are labelled with
their article's genre. Features: the set of lower-cased letter runs of a sentence (single
words only, less names: see ``NAME_SHARE``). A class-balanced logistic regression is fitted;
the held-out figure is ROC AUC with articles cross-fitted in two halves (crc32 of the article
id). C and ``loaded.OPINION_WEIGHT`` are chosen together on the bench's AllSides calibration
set (``bench/framing.calibration_sentences``): for each pair, each half's sentences are scored
by ``loaded.sentence_bias`` with the word model trained on the OTHER half's articles only,
and the pair with the best macro-F1 on half A (the tuning half of ``loaded.CUE_WEIGHTS``) is
kept (see ``C_GRID``). Writes ``src/manysides/data/opinion_words.json`` (word -> weight,
intercept, about). BABE and BASIL are never read here.

    .venv/bin/python scripts/train_opinion_words.py [--data ../shared/data/allsides_articles_dev.jsonl.gz]
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
from manysides import loaded  # noqa: E402
from manysides.nlp import load_nlp  # noqa: E402
from manysides.opinion_words import (  # noqa: E402
    MODEL_PATH,
    WORD_PATTERN,
    OpinionWords,
    opinion_score,
    without_quotations,
)

# Regularization strength candidates. C is chosen with OPINION_WEIGHT on the AllSides
# calibration set (cross-fitted, see the module docstring), since the score's job is that
# combined sentence decision: half A macro-F1 (half B) at weight 1 for C 0.003 / 0.01 / 0.02 /
# 0.03 / 0.05 / 0.1 / 0.3: 0.646 (0.605) / 0.664 (0.621) / 0.674 (0.617) / 0.674 (0.620) /
# 0.671 (0.612) / 0.669 (0.617) / 0.670 (0.622). 0.02 and 0.05 joined the grid later (it had
# picked 0.03); 0.02 ties 0.03 on half A (0.6740 both) and the tie rule (the smaller C) keeps
# it. The word-level held-out ROC AUC alone would pick 0.01 (0.6944 / 0.7005 / 0.7003 /
# 0.6988 / 0.6959 / 0.6901 / 0.6775): it ranks sentences of whole articles, not the combined
# decision.
C_GRID = (0.003, 0.01, 0.02, 0.03, 0.05, 0.1, 0.3)
# Tried and dropped: AllSides topic indicators (108 topics) fitted beside the words and left
# out of the file, so that words earn weight within a topic rather than by belonging to one
# opinion pages cover more: half A 0.6692 (B 0.6061) at C 0.03 and weight 1, against 0.6740
# (0.6195) without; on the seeds it lowers the opinion-word score of neutral sentences about
# employers and warrants (0.75 -> 0.59) but flags the same ones.
# Words in fewer sentences than this are dropped (one-off names and typos).
MIN_SENTENCES = 5
# Weights smaller than this are left out of the file (they move no decision).
MIN_WEIGHT = 0.005
# A word written with a capital inside a sentence more often than this is a name (a person,
# place or party: the topic, not the wording) and is no feature. Set by that rule, not fitted.
NAME_SHARE = 0.5
# ``loaded.OPINION_WEIGHT`` candidates (the cue grid's steps).
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


def half_fits(matrix, labels, halves, c: float) -> dict[int, LogisticRegression]:
    """Per article half, the model trained on the OTHER half's articles only."""
    return {half: _fit(matrix[halves != half], labels[halves != half], c) for half in (0, 1)}


def cross_fitted_auc(matrix, labels, halves, fits: dict[int, LogisticRegression]) -> float:
    """ROC AUC of every sentence scored by the model of the other half (``half_fits``)."""
    scores = np.zeros(len(labels))
    for half, model in fits.items():
        scores[halves == half] = model.decision_function(matrix[halves == half])
    return float(roc_auc_score(labels, scores))


def word_weights(vectorizer: CountVectorizer, model: LogisticRegression) -> dict[str, float]:
    """The model's word weights as the file stores them (rounded, tiny ones left out)."""
    return {
        word: round(float(w), 4)
        for word, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }


def half_models(
    fits: dict[int, LogisticRegression], vectorizer: CountVectorizer
) -> dict[int, OpinionWords]:
    """``half_fits`` as the word models the product would load."""
    return {
        half: OpinionWords(word_weights(vectorizer, m), round(float(m.intercept_[0]), 4), {})
        for half, m in fits.items()
    }


def _parts(parsed) -> list[tuple[float, str]]:
    """Each sentence's ``sentence_bias`` without the opinion-word score, and its own words."""
    with patch.object(loaded, "OPINION_WEIGHT", 0.0):
        base = loaded.sentence_bias(parsed)
    text, ranges = parsed.article.text, loaded.quoted_ranges(parsed.article.text)
    return [
        (base.get(s.index, 0.0), loaded.own_text(text, s.start, s.end, ranges))
        for s in parsed.sentences
    ]


def _row_scores(rows, models: dict[int, OpinionWords], weight: float) -> list[float]:
    """``sentence_bias`` of each calibration row (its highest sentence), the opinion-word
    score from the row's cross-fitted half model counting ``weight``."""
    return [
        max(
            (round(base + weight * opinion_score(own, models[half]), 4) for base, own in parts),
            default=0.0,
        )
        for half, parts in rows
    ]


def _half_figures(sentences, scores: list[float]) -> list[tuple[float, float]]:
    """Macro-F1 at ``BIASED_SCORE`` and ROC AUC on each calibration half (A = 0, B = 1)."""
    figures = []
    for half in (0, 1):
        rows = [(bool(s[0]), x) for s, x in zip(sentences, scores, strict=True) if s[1] == half]
        gold = [g for g, _ in rows]
        f1 = _macro_f1(gold, [x >= loaded.BIASED_SCORE for _, x in rows])
        figures.append((f1, float(roc_auc_score(gold, [x for _, x in rows]))))
    return figures


def calibrate(data: Path, models_by_c: dict[float, dict[int, OpinionWords]]) -> tuple[float, float]:
    """Macro-F1 and ROC AUC per calibration half for each (C, ``WEIGHT_GRID`` weight);
    returns the pair best on half A (ties: the smaller weight, then the smaller C)."""
    sentences = calibration_sentences(data, load_nlp())
    rows = [(half, _parts(parsed)) for _, half, parsed in sentences]
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for c, models in models_by_c.items():
        for weight in WEIGHT_GRID:
            (f1_a, auc_a), (f1_b, auc_b) = _half_figures(
                sentences, _row_scores(rows, models, weight)
            )
            print(
                f"C {c} weight {weight}: half A macro-F1 {f1_a:.4f} (ROC AUC {auc_a:.4f}), "
                f"half B {f1_b:.4f} ({auc_b:.4f})"
            )
            best = max(best, (round(f1_a, 4), -weight, -c))
    print(f"{len(sentences)} calibration rows; best on half A: C {-best[2]}, weight {-best[1]}")
    return -best[2], -best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_path("allsides_articles_dev.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
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
    fits = {c: half_fits(matrix, labels, halves, c) for c in C_GRID}
    aucs = {c: cross_fitted_auc(matrix, labels, halves, fits[c]) for c in C_GRID}
    for c, auc in aucs.items():
        print(f"C {c}: held-out (cross-fitted halves) ROC AUC {auc:.4f}")
    models_by_c = {c: half_models(fits[c], vectorizer) for c in C_GRID}
    best, weight = calibrate(args.data, models_by_c)
    if weight != loaded.OPINION_WEIGHT:
        print(f"note: loaded.OPINION_WEIGHT is {loaded.OPINION_WEIGHT}, calibration says {weight}")
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
        "C_chosen_by": "AllSides calibration set half A sentence macro-F1, cross-fitted",
        "train_roc_auc": round(train_auc, 4),
        "held_out_roc_auc": round(aucs[best], 4),
        "date": datetime.date.today().isoformat(),
        "scikit_learn": sklearn.__version__,
        "licence": "weights derived from AllSides dev articles; no text of them is stored",
    }
    out = {"about": about, "intercept": round(float(model.intercept_[0]), 4), "weights": weights}
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} words")


if __name__ == "__main__":
    main()
