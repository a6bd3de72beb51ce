"""Train the opinion-word sentence scorer (``manysides.opinion_words``) on AllSides dev.

Reads the AllSides dev articles at training time only. Opinion articles (an opinion-page
URL, or an opinion / guest / editorial outlet) against straight news (no opinion marker in
outlet, title or URL); each article's sentences after the first (up to 40, 30-400
characters, quotations removed: the speaker's words are not the outlet's) are labelled with
their article's genre. Features: the set of lower-cased letter runs of a sentence (single
words only, less names: see ``NAME_SHARE``). A class-balanced logistic regression is fitted; the held-out figure is ROC AUC
with articles cross-fitted in two halves (crc32 of the article id), and C is chosen by it.
Writes ``src/manysides/data/opinion_words.json`` (word -> weight, intercept, about).
BABE and BASIL are never read here.

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

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import data_path  # noqa: E402
from framing import _NOT_NEWS, _OPINION_URL, _detokenize  # noqa: E402
from manysides.opinion_words import MODEL_PATH, WORD_PATTERN, without_quotations  # noqa: E402

# Regularization strength, chosen by the cross-fitted AllSides AUC (printed on each run):
# C 0.003 / 0.01 / 0.03 / 0.1 / 0.3: 0.6868 / 0.6920 / 0.6897 / 0.6803 / 0.6671.
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
# Words in fewer sentences than this are dropped (one-off names and typos).
MIN_SENTENCES = 5
# Weights smaller than this are left out of the file (they move no decision).
MIN_WEIGHT = 0.005
# A word written with a capital inside a sentence more often than this is a name (a person,
# place or party: the topic, not the wording) and is no feature. Set by that rule, not fitted.
NAME_SHARE = 0.5
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
    if _NOT_NEWS.search(title) or "opinion" in url:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_path("allsides_articles_dev.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    texts, labels, halves = sentences(args.data)
    print(f"{len(texts)} sentences, opinion share {labels.mean():.3f}")
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
    weights = {
        word: round(float(w), 4)
        for word, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
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


if __name__ == "__main__":
    main()
