"""Train the statement-boundary refiner (``manysides.content_bounds``) on PolNeAR train.

Reads PolNeAR at training time only and parses it (spaCy, the product's pipeline; parses
cached under ``--cache`` between runs). Runs quote extraction with the refiner switched off,
so each reported statement keeps the span the rules gave it, and pairs the statement with
the gold Content sharing most of its words (statements sharing none teach nothing about
boundaries and are left out). Every start and end candidate within ``WINDOW`` tokens is a
row, positive when it is the gold boundary; one logistic regression per end is fitted and
written to ``src/manysides/data/content_bounds.json``. Boundary accuracy (the top-scoring
candidate is the gold one, among statements whose gold boundary is a candidate) is printed
for the rules and the model on dev, held out, and stored in the file's "about".

    .venv/bin/python scripts/train_content_bounds.py [--data ../shared/data/polnear_dev]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import DirCache, int32_indices  # noqa: E402
from manysides import quotes  # noqa: E402
from manysides.content_bounds import MODEL_PATH, candidate_rows  # noqa: E402
from manysides.model import Article  # noqa: E402
from manysides.nlp import load_nlp, parse_articles  # noqa: E402
from quotes import polnear_files, read_brat, tokens  # noqa: E402

# Regularization strength: a fit on the even-numbered train texts (features seen 10 times or
# more), scored on the odd, gave start / end boundary accuracy 0.9068 / 0.9482 at C 0.1,
# 0.9077 / 0.9486 at 0.3 and 0.9054 / 0.9494 at 1.0 (the rules' spans: 0.8264 / 0.9413),
# before candidates had to sit on phrase edges (with them, at 0.3: 0.9116 / 0.9604).
C = 0.3
# Features seen fewer times than this in train are dropped (the same fit at C 0.3: start /
# end accuracy 0.9079 / 0.9480 keeping those seen 3 times, 0.9077 / 0.9486 at 10, with a
# file half the size).
MIN_COUNT = 10

# one row group per statement: (features, is gold) for each candidate
Group = list[tuple[list[str], bool]]


def groups(root: Path, nlp, cache: DirCache) -> tuple[list[Group], list[Group]]:
    """The start and end candidate groups of every reported statement in a PolNeAR split
    that overlaps a gold Content."""
    starts: list[Group] = []
    ends: list[Group] = []
    statements: list[tuple] = []

    def unrefined(doc, pieces, cue):
        statements.append((doc, pieces, cue))
        return pieces

    files = polnear_files(root, None)
    with mock.patch.object(quotes, "refined", unrefined):
        for at in range(0, len(files), 32):
            chunk = files[at : at + 32]
            articles = [Article(id=t.stem, text=t.read_text(encoding="utf-8")) for t, _ in chunk]
            for parsed, (_, ann) in zip(parse_articles(articles, nlp, cache), chunk, strict=True):
                statements.clear()
                quotes.extract_quotes(parsed)
                text = parsed.article.text
                gold = [g["content"] for g in read_brat(ann)]
                gold_words = [tokens(text, g) for g in gold]
                for doc, pieces, cue in statements:
                    words = tokens(text, pieces)
                    shared = [len(words & g) for g in gold_words]
                    if not shared or max(shared) == 0:
                        continue
                    best = gold[shared.index(max(shared))]
                    bounds = (min(a for a, _ in best), max(b for _, b in best))
                    rows = candidate_rows(doc, pieces, cue, bounds)
                    if rows is not None:
                        starts.append(rows[0])
                        ends.append(rows[1])
    return starts, ends


def fit(train: list[Group]) -> tuple[DictVectorizer, LogisticRegression]:
    counts: dict[str, int] = {}
    for group in train:
        for names, _ in group:
            for name in names:
                counts[name] = counts.get(name, 0) + 1
    rows = [{n: 1 for n in names if counts[n] >= MIN_COUNT} for g in train for names, _ in g]
    labels = [int(gold) for g in train for _, gold in g]
    vectorizer = DictVectorizer(sort=True)
    x = int32_indices(vectorizer.fit_transform(rows))
    model = LogisticRegression(C=C, max_iter=3000, solver="liblinear").fit(x, labels)
    return vectorizer, model


def weights_of(vectorizer: DictVectorizer, model: LogisticRegression) -> dict[str, float]:
    names = vectorizer.get_feature_names_out()
    return {
        name: round(float(w), 4)
        for name, w in sorted(zip(names, model.coef_[0], strict=True))
        if abs(w) >= 0.001
    }


def accuracy(held_out: list[Group], weights: dict[str, float]) -> dict:
    """How often the rules' boundary and the model's top candidate are the gold one."""
    reachable = [g for g in held_out if any(gold for _, gold in g)]
    rules = model = 0
    for group in reachable:
        scores = [sum(weights.get(n, 0.0) for n in names) for names, _ in group]
        model += group[int(np.argmax(scores))][1]
        rules += next(gold for names, gold in group if "off=0" in names)
    n = max(len(reachable), 1)
    return {
        "statements": len(reachable),
        "rules": round(rules / n, 4),
        "model": round(model / n, 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/polnear_dev")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/manysides_polnear_parses"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    nlp = load_nlp()
    cache = DirCache(args.cache)
    train_starts, train_ends = groups(args.data / "train", nlp, cache)
    dev_starts, dev_ends = groups(args.data / "dev", nlp, cache)
    out: dict = {}
    dev: dict = {}
    for side, train, held_out in (
        ("start", train_starts, dev_starts),
        ("end", train_ends, dev_ends),
    ):
        out[side] = weights_of(*fit(train))
        dev[side] = accuracy(held_out, out[side])
        print(f"{side}: {len(out[side])} weights; dev boundary accuracy {json.dumps(dev[side])}")
    out["about"] = {
        "data": "PolNeAR (brat attributions), train split (840 texts)",
        "label": "the candidate keeping the first (or last) word of the overlapping gold Content",
        "model": f"LogisticRegression(C={C}, liblinear) per end; features seen >= {MIN_COUNT} times",
        "date": datetime.date.today().isoformat(),
        "sklearn": sklearn.__version__,
        "dev_heldout_boundary_accuracy": dev,
        "licence": "weights derived from PolNeAR; no text of it is stored",
    }
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
