"""Framing benchmark: loaded language (BABE, BASIL) and left/right word choice (AllSides).

* BABE dev (rows with annotator agreement only): sentence biased vs non-biased macro-F1 from
  ``loaded.sentence_bias`` (loaded-span weights plus reporting/opinion cues plus the
  opinion-word score trained on AllSides dev genre, ``opinion_words``; a row is biased
  when one of its sentences reaches ``BIASED_SCORE``); biased words precision/recall against
  ``biased_words`` (over all agreed rows, and over Biased rows). The predicted biased words
  are the words of the loaded spans, less stopwords and less scare-quote spans: a scare quote
  is flagged for its quotation marks (the writer's distance), not for a word choice.
* BASIL dev: recall of lexical-bias spans (``bias == "lex"``): a gold span is recalled when a
  loaded span overlaps it; plus spans flagged per article and the share of flagged spans that
  overlap any gold bias span (lex or inf), so recall is not bought by flagging everything.
* ``--calibration``: the set the sentence-bias constants are calibrated on (AllSides dev
  opinion-page vs straight-news sentences, see ``loaded.CUE_WEIGHTS``): macro-F1 on its
  tuning half (A) and its other half (B), so the figures in those comments can be re-checked
  (the shipped opinion-word model was trained on all AllSides dev articles, these included:
  its weight was calibrated with each half's model trained on the other half, see
  ``loaded.OPINION_WEIGHT`` and ``scripts/train_opinion_words.py``, so
  these figures are in-sample for that score);
  and each rule class's opinion rate (its terms' per-word frequency in all AllSides dev
  opinion-page articles over straight news), the evidence ``loaded_language.toml`` cites.
* AllSides dev: top 20 terms each way separating left (bias 0) from right (bias 2) outlets
  by log-odds with the corpus itself as prior; term counting articles/second; loaded-span
  articles/second including spaCy parsing.

Nothing is trained or tuned on BABE: it is only measured here. ``--gate`` runs the whole BABE
and BASIL dev sets and 1,000 AllSides articles (about 45 s) with the issue's acceptance
floors, exiting 1 when one is missed.
"""

from __future__ import annotations

import argparse
import ast
import csv
import glob
import gzip
import json
import random
import re
import tomllib
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from _common import (
    Timer,
    acceptance,
    basil_text,
    data_path,
    finish,
    peak_memory_mb,
    skip_if_missing,
)
from manysides.clean import cleaned_body, untokenized
from manysides.framing import contrast, term_counts, terms_of
from manysides.genre import label_article
from manysides.lexicon import RULES_FILE, load_lexicon
from manysides.loaded import BIASED_SCORE, loaded_spans, sentence_bias
from manysides.model import Article, LoadedSpan
from manysides.nlp import load_nlp, parse_articles
from manysides.text import STOPWORDS, content_id

# Issue 7's acceptance floors. Full run with every constant calibrated without BABE (cue
# weights, threshold and the quoted / reported-speech weights on AllSides opinion/news
# sentences, see loaded.CUE_WEIGHTS; lexicon thresholds and rule classes on AllSides opinion
# rates and BASIL dev's tuning half): BASIL lex recall 0.608 (met), biased-word precision
# 0.523 and recall 0.507 (met since the uncommon verb / noun / negative adjective classes,
# lexicon.RARE_VERB_ZIPF; before them P 0.540 / R 0.464), but BABE macro-F1 0.723 is not
# (0.725 before those classes), so every run prints an "acceptance" block with each floor's
# status, and the issue stays open. With the opinion-word score (``loaded.OPINION_WEIGHT``,
# trained and weighted on AllSides dev only) macro-F1 is 0.7422, still short of 0.75.
ACCEPTANCE = {
    "babe.sentence_macro_f1": 0.75,
    "babe.word_recall_biased_rows": 0.5,
    "babe.word_precision_biased_rows": 0.5,
    "basil.lex_recall": 0.5,
}
# CI enforces ACCEPTANCE itself, on the whole BABE and BASIL dev sets (the full run takes
# about 45 s). History of the full BABE dev macro-F1: 0.7254 -> 0.7231 with the
# uncommon verb / noun / negative adjective classes (weight 0.5, chosen on AllSides; word
# recall up), 0.7439 with the opinion-word score, 0.7422 once its straight-news class left
# out blog / review outlets (as ``_genre_records`` does), 0.7494 with the word model's C
# chosen on the AllSides calibration set (0.03, was 0.01), 0.7528 with C 0.02 (tied with 0.03
# there, kept by the smaller-C rule). Before the gate ran whole sets it ran 400 BABE rows and
# 40 BASIL articles with regression floors (macro-F1 0.74): subset noise is about +-0.02.


def _macro_f1(gold: list[bool], pred: list[bool]) -> float:
    scores = []
    for positive in (True, False):
        tp = sum(g == positive and p == positive for g, p in zip(gold, pred, strict=True))
        fp = sum(g != positive and p == positive for g, p in zip(gold, pred, strict=True))
        fn = sum(g == positive and p != positive for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def predicted_words(spans: tuple[LoadedSpan, ...]) -> set[str]:
    """The words a system's loaded spans call biased (see the module docstring)."""
    words = {
        w.strip("\"'“”‘’.,").lower()
        for s in spans
        if s.reason != "scare quotes"
        for w in s.text.split()
    }
    return {w for w in words if w and w not in STOPWORDS}


def bench_babe(path: Path, nlp: Any) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter=";")
            if r["label_bias"] in ("Biased", "Non-biased")
        ]
    articles = [Article(id=f"babe{i}", text=r["text"]) for i, r in enumerate(rows)]
    with Timer() as timer:
        parsed = parse_articles(articles, nlp, batch_size=64)
        spans = [loaded_spans(p) for p in parsed]
    gold = [r["label_bias"] == "Biased" for r in rows]
    pred = [
        max(sentence_bias(p, ss).values(), default=0.0) >= BIASED_SCORE
        for p, ss in zip(parsed, spans, strict=True)
    ]
    counts: dict[str, Counter[str]] = {"all": Counter(), "biased": Counter()}
    for row, ss, is_biased in zip(rows, spans, gold, strict=True):
        gold_words = {w.lower() for w in ast.literal_eval(row["biased_words"])}
        words = predicted_words(ss)
        for key in ("all", "biased") if is_biased else ("all",):
            counts[key].update(
                tp=len(words & gold_words), fp=len(words - gold_words), fn=len(gold_words - words)
            )
    p_all, r_all = _prf(counts["all"]["tp"], counts["all"]["fp"], counts["all"]["fn"])
    p_b, r_b = _prf(counts["biased"]["tp"], counts["biased"]["fp"], counts["biased"]["fn"])
    return {
        "sentences": len(rows),
        "sentence_macro_f1": round(_macro_f1(gold, pred), 4),
        "predicted_biased_share": round(sum(pred) / len(pred), 3),
        "word_precision_all_rows": round(p_all, 4),
        "word_recall_all_rows": round(r_all, 4),
        "word_precision_biased_rows": round(p_b, 4),
        "word_recall_biased_rows": round(r_b, 4),
        "sentences_per_s": round(len(rows) / timer.seconds, 1),
    }


def _basil_gold(
    article: dict[str, Any], annotations: list[dict[str, Any]]
) -> tuple[str, list[tuple[int, int, str]]]:
    """Article text and each annotation's (start, end, bias) in it."""
    text, starts = basil_text(article["body-paragraphs"])
    gold = []
    for ann in annotations:
        base = next((b for b, s in starts if s[ann["start"] : ann["end"]] == ann["txt"]), None)
        if base is None:
            found = text.find(ann["txt"])
            if found < 0:
                continue
            base, ann = 0, {**ann, "start": found, "end": found + len(ann["txt"])}
        gold.append((base + ann["start"], base + ann["end"], ann["bias"]))
    return text, gold


def basil_articles(root: Path) -> list[tuple[Article, list[tuple[int, int, str]]]]:
    """BASIL dev articles in file order: (article, gold (start, end, bias) spans)."""
    files = sorted(glob.glob(str(root / "annotations" / "*" / "*_ann.json")))
    found = []
    for ann_path in files:
        art_path = ann_path.replace("annotations", "articles").replace("_ann.json", ".json")
        article = json.loads(Path(art_path).read_text(encoding="utf-8"))
        annotations = json.loads(Path(ann_path).read_text(encoding="utf-8"))[
            "phrase-level-annotations"
        ]
        text, gold = _basil_gold(article, annotations)
        found.append((Article(id=content_id(text), text=text), gold))
    return found


def bench_basil(root: Path, nlp: Any) -> dict[str, Any]:
    loaded = basil_articles(root)
    articles, golds = [a for a, _ in loaded], [g for _, g in loaded]
    with Timer() as timer:
        parsed = parse_articles(articles, nlp)
        spans = [loaded_spans(p) for p in parsed]
    lex_total = lex_hit = flagged = flagged_on_gold = 0
    for gold, ss in zip(golds, spans, strict=True):
        for start, end, bias in gold:
            if bias == "lex":
                lex_total += 1
                lex_hit += any(s.start < end and start < s.end for s in ss)
        flagged += len(ss)
        flagged_on_gold += sum(any(s.start < e and b < s.end for b, e, _ in gold) for s in ss)
    return {
        "articles": len(articles),
        "lex_spans": lex_total,
        "lex_recall": round(lex_hit / max(1, lex_total), 4),
        "flagged_per_article": round(flagged / max(1, len(articles)), 2),
        "lex_spans_per_article": round(lex_total / max(1, len(articles)), 2),
        "flagged_overlapping_gold_share": round(flagged_on_gold / max(1, flagged), 4),
        "articles_per_s_with_parse": round(len(articles) / timer.seconds, 2),
    }


def bench_allsides(path: Path, limit: int | None, nlp: Any) -> dict[str, Any]:
    groups: dict[str, Counter[str]] = {"left": Counter(), "right": Counter()}
    texts = []
    with Timer() as timer, gzip.open(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit and n >= limit:
                break
            record = json.loads(line)
            texts.append(record["text"])
            side = {0: "left", 2: "right"}.get(int(record["bias"]))
            if side:
                groups[side].update(terms_of(record["text"]))
    prior = term_counts(texts[:2000])
    top = contrast(groups, prior, top=20, min_count=5)
    sample = [Article(id=f"as{i}", text=t) for i, t in enumerate(texts[:15])]
    with Timer() as parse_timer:
        for p in parse_articles(sample, nlp):
            loaded_spans(p)
    for side in ("left", "right"):
        print(
            f"allsides: terms most {side} vs the other side:",
            ", ".join(f"{t} ({z:.1f})" for t, z in top[side]),
        )
    return {
        "articles": len(texts),
        "term_articles_per_s": round(len(texts) / timer.seconds, 1),
        "loaded_articles_per_s_with_parse": round(len(sample) / parse_timer.seconds, 2),
        "top_left": [t for t, _ in top["left"]],
        "top_right": [t for t, _ in top["right"]],
    }


_OPINION_URL = re.compile(
    r"/opinions?/|/commentary/|/op-?eds?/|/editorials?/|/columns?/|/columnists?/", re.I
)
_NOT_NEWS = re.compile(r"opinion|guest|editorial|townhall|blog|column|review|commentary", re.I)


def _genre_records(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """AllSides dev articles of 800+ characters by genre: opinion-page URLs, and straight
    news (outlets, titles and URLs with no opinion marker)."""
    opinion, news = [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            url, title = r.get("url") or "", r.get("title") or ""
            if len(r["text"]) < 800:
                continue
            if _OPINION_URL.search(url):
                opinion.append(r)
            elif not (_NOT_NEWS.search(r["outlet"]) or _NOT_NEWS.search(title) or "opinion" in url):
                news.append(r)
    return opinion, news


def _genre_articles(
    path: Path, per_genre: int
) -> tuple[list[tuple[int, dict[str, Any]]], random.Random]:
    """(1 opinion / 0 news, record): ``per_genre`` articles of each genre, seeded."""
    opinion, news = _genre_records(path)
    rnd = random.Random(7)
    picked = rnd.sample(opinion, per_genre) + rnd.sample(news, per_genre)
    return [(int(i < per_genre), r) for i, r in enumerate(picked)], rnd


def calibration_sentences(path: Path, nlp: Any, per_genre: int = 240) -> list[tuple[int, int, Any]]:
    """The calibration set: 3 inner sentences of each article, each labelled with its
    article's genre and parsed alone (as a BABE row is): (1 opinion / 0 news, half by
    crc32 of the article id, parsed sentence)."""
    labelled, rnd = _genre_articles(path, per_genre)
    articles = [Article(id=f"as{r['id']}", text=untokenized(r["text"])[:2500]) for _, r in labelled]
    sentences = []
    for (label, r), p in zip(labelled, parse_articles(articles, nlp, batch_size=32), strict=True):
        inner = [
            s.text for s in p.sentences[1:-1] if 40 <= len(s.text) <= 300 and "\n" not in s.text
        ]
        for text in rnd.sample(inner, min(3, len(inner))):
            sentences.append((label, zlib.crc32(str(r["id"]).encode()) % 2, text))
    parsed = parse_articles(
        [Article(id=f"s{i}", text=t) for i, (_, _, t) in enumerate(sentences)], nlp
    )
    return [(label, h, p) for (label, h, _), p in zip(sentences, parsed, strict=True)]


def bench_calibration(path: Path, nlp: Any, per_genre: int = 240) -> dict[str, Any]:
    """Sentence macro-F1 on the calibration set (``calibration_sentences``), per half."""
    sentences = calibration_sentences(path, nlp, per_genre)
    result: dict[str, Any] = {"sentences": len(sentences)}
    for half, name in ((0, "tuning_half_macro_f1"), (1, "other_half_macro_f1")):
        gold, pred = [], []
        for label, h, p in sentences:
            if h == half:
                gold.append(bool(label))
                pred.append(max(sentence_bias(p).values(), default=0.0) >= BIASED_SCORE)
        result[name] = round(_macro_f1(gold, pred), 4)
    return result


def _ingested(record: dict[str, Any]) -> Article:
    """A record's article as ingest makes it: read as prose, boilerplate kept apart."""
    text, removed = cleaned_body(record["text"])
    return Article(
        id=f"as{record['id']}", text=text, title=record.get("title") or "",
        outlet=record["outlet"], removed=removed,
    )


def bench_genre(path: Path, nlp: Any, per_genre: int = 300) -> dict[str, Any]:
    """Article genre labels (``genre.label_article``) on AllSides dev opinion-page articles
    against straight news (``_genre_articles``, whole texts with their titles and outlets),
    per half by crc32 of the article id (A: the half ``genre.PERSON_SHARE`` and
    ``LOADED_SHARE`` are checked on; B: the other): accuracy, macro-F1 of opinion against
    the rest, opinion recall, and the share of straight news labelled opinion. The labels
    are noisy (straight news here is "no opinion marker in outlet, title or URL": some of it
    is commentary), so read differences of a point or two as noise."""
    labelled, _ = _genre_articles(path, per_genre)
    articles = [_ingested(r) for _, r in labelled]
    halves: dict[int, tuple[list[bool], list[bool]]] = {0: ([], []), 1: ([], [])}
    for (label, r), p in zip(labelled, parse_articles(articles, nlp, batch_size=32), strict=True):
        gold, pred = halves[zlib.crc32(str(r["id"]).encode()) % 2]
        gold.append(bool(label))
        pred.append(label_article(p).label == "opinion")
    result: dict[str, Any] = {"articles": len(articles)}
    for half, name in ((0, "half_a"), (1, "half_b")):
        gold, pred = halves[half]
        news = [p for g, p in zip(gold, pred, strict=True) if not g]
        opinion = [p for g, p in zip(gold, pred, strict=True) if g]
        result[name] = {
            "articles": len(gold),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
            "macro_f1": round(_macro_f1(gold, pred), 4),
            "opinion_recall": round(sum(opinion) / len(opinion), 4),
            "news_labelled_opinion": round(sum(news) / len(news), 4),
        }
    return result


def _term_pattern(term: str) -> str:
    """A rule term as a regex over lower-cased text: words joined by spaces or hyphens, the
    last one with an optional inflection ("slash" also finds "slashed", "slashing")."""
    words = re.findall(r"[\w']+", term.lower())
    words[-1] = re.escape(words[-1].removesuffix("e")) + r"(?:e|es|s|d|ed|ing|ies|ied)?"
    return r"[\s-]+".join(words[:-1] + [words[-1]]) if len(words) > 1 else words[0]


def _class_patterns() -> dict[str, re.Pattern[str]]:
    rules = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    patterns = {
        name: r"\b(?:" + "|".join(_term_pattern(t) for t in entry["terms"]) + r")\b"
        for name, entry in rules["classes"].items()
    }
    heads = "|".join(re.escape(h) for h in rules["compound_heads"]["terms"])
    patterns["compound_heads"] = r"\b[a-z]+-(?:" + heads + r")\b"
    return {name: re.compile(p) for name, p in patterns.items()}


def bench_class_rates(path: Path) -> dict[str, float]:
    """How much more often each rule class occurs per word in AllSides dev opinion-page
    articles than in straight news (the same genre split as the calibration set, all
    articles): the evidence each class of ``loaded_language.toml`` cites."""
    opinion, news = _genre_texts(path)
    words = {"opinion": len(opinion.split()), "news": len(news.split())}
    rates = {}
    for name, pattern in _class_patterns().items():
        hits_opinion, hits_news = len(pattern.findall(opinion)), len(pattern.findall(news))
        rate = (hits_opinion / words["opinion"]) / max(hits_news / words["news"], 1e-9)
        rates[name] = round(rate, 2)
        print(f"class rate {name}: opinion {hits_opinion}, news {hits_news}, ratio {rate:.2f}")
    return rates


def _genre_texts(path: Path) -> tuple[str, str]:
    """All AllSides dev opinion-page and straight-news texts (800+ characters), lower-cased."""
    opinion, news = _genre_records(path)
    return _joined_lower(opinion), _joined_lower(news)


def _joined_lower(records: list[dict[str, Any]]) -> str:
    return "\n".join(untokenized(r["text"]).lower() for r in records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gate", action="store_true", help="the issue's floors (AllSides subset, ~45 s)"
    )
    parser.add_argument(
        "--calibration", action="store_true", help="also score the AllSides calibration set"
    )
    parser.add_argument("--babe", type=Path, default=data_path("babe_dev.csv"))
    parser.add_argument("--basil", type=Path, default=data_path("basil_dev"))
    parser.add_argument(
        "--allsides", type=Path, default=data_path("allsides_articles_dev.jsonl.gz")
    )
    args = parser.parse_args()
    for path in (args.babe, args.basil, args.allsides):
        skip_if_missing(path, "framing")
    nlp = load_nlp()
    load_lexicon()
    figures: dict[str, Any] = {"bench": "framing", "gate": args.gate}
    figures["babe"] = bench_babe(args.babe, nlp)
    print("babe:", figures["babe"])
    figures["basil"] = bench_basil(args.basil, nlp)
    print("basil:", figures["basil"])
    figures["allsides"] = bench_allsides(args.allsides, 1000 if args.gate else None, nlp)
    print("allsides:", {k: v for k, v in figures["allsides"].items() if not k.startswith("top")})
    if args.calibration:
        figures["calibration"] = bench_calibration(args.allsides, nlp)
        print("calibration (allsides opinion vs news sentences):", figures["calibration"])
        figures["class_rates"] = bench_class_rates(args.allsides)
        figures["genre"] = bench_genre(args.allsides, nlp)
        print("genre (allsides opinion-page vs straight-news articles):", figures["genre"])
    figures["acceptance"] = acceptance(figures, ACCEPTANCE)
    print("acceptance (issue floors):", figures["acceptance"])
    figures["peak_memory_mb"] = peak_memory_mb()
    finish(figures, ACCEPTANCE if args.gate else None)


if __name__ == "__main__":
    main()
