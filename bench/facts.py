"""Facts, coverage and number conflicts: labelled accuracy, and behaviour on real stories.

1. Labelled set (``bench/data/facts_labelled``, invented stories written for manysides):
   - fact alignment, pairwise: every pair of gold sentences from two different articles of
     a story is positive when the gold puts them in the same fact; predicted positive when
     the parsed sentences holding them belong to the same ``Fact``. Precision, recall, F1
     micro-averaged over pairs.
   - conflict flags: a predicted pair is two values of one ``QuantityGroup`` listed in its
     ``conflicts``; it matches a gold ``@conflict`` pair when each value is in the gold
     sentence and its text contains the gold number. Precision over predicted pairs,
     recall over gold pairs.
   Reported for the tuning half, the held-out half and all.
2. The canonical seeds' employers story (000-002): the fine amounts are shown side by side
   (a maximum in some outlets, a first-violation amount in another), none of them flagged,
   and "more than 1,500" not flagged.
3. BASIL (same event in three outlets) and DUC 2006 clusters (25 newswire articles): per
   story, facts, share of facts supported by two or more outlets, quantities found,
   conflicts flagged (with a printed sample of DUC flags for a human to judge), seconds per
   story, spaCy parse and analysis separately, and peak memory.

``--gate``: the labelled set, 6 BASIL triplets and 1 DUC cluster, with floors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    Timer,
    acceptance,
    basil_text,
    data_path,
    duc_cluster,
    finish,
    peak_memory_mb,
)
from manysides.facts import align_facts, coverage  # noqa: E402
from manysides.model import Article  # noqa: E402
from manysides.nlp import ParsedArticle, load_nlp, parse_articles  # noqa: E402
from manysides.quantities import compare_quantities, extract_quantities  # noqa: E402
from manysides.text import content_id  # noqa: E402

LABELLED = Path(__file__).resolve().parent / "data" / "facts_labelled"
LAST_ROUND_5 = "s27"  # the stories issue 6 was accepted on; later rounds are harder
_CONFLICT_RE = re.compile(r'(\w+):(\S+) "([^"]+)"')


@dataclass
class GoldSentence:
    label: str
    start: int
    end: int


@dataclass
class LabelledArticle:
    key: str
    article: Article
    sentences: list[GoldSentence] = field(default_factory=list)


@dataclass
class LabelledStory:
    name: str
    split: str
    articles: list[LabelledArticle]
    conflicts: list[tuple[tuple[str, str, str], tuple[str, str, str]]]


def _article(key: str, outlet: str, title: str, lines: list[tuple[str, str]]) -> LabelledArticle:
    text, gold = "", []
    for label, sentence in lines:
        if text:
            text += "\n\n"
        gold.append(GoldSentence(label, len(text), len(text) + len(sentence)))
        text += sentence
    article = Article(id=content_id(text), text=text, title=title, outlet=None if outlet == "-" else outlet)
    return LabelledArticle(key, article, gold)


def load_story(path: Path) -> LabelledStory:
    split, articles, conflicts = "", [], []
    header: tuple[str, str, str] | None = None
    lines: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("split:"):
            split = line.split(":", 1)[1].strip()
        elif line.startswith("@article"):
            if header:
                articles.append(_article(*header, lines))
            key, outlet, title = (part.strip() for part in line[len("@article"):].split("|"))
            header, lines = (key, outlet, title), []
        elif line.startswith("@conflict"):
            left, right = _CONFLICT_RE.findall(line)
            conflicts.append((left, right))
        elif line.startswith("["):
            label, sentence = line[1:].split("]", 1)
            lines.append((label.strip(), sentence.strip()))
    if header:
        articles.append(_article(*header, lines))
    return LabelledStory(path.stem, split, articles, conflicts)


def _parsed_index(parsed: ParsedArticle, gold: GoldSentence) -> int:
    for sentence in parsed.sentences:
        if sentence.start <= gold.start < sentence.end or gold.start <= sentence.start < gold.end:
            return sentence.index
    raise ValueError(f"gold sentence at {gold.start} not found in {parsed.id}")


def score_alignment(story: LabelledStory, parsed: tuple[ParsedArticle, ...]) -> dict[str, int]:
    fact_of = {(c.article_id, c.sentence): f.id for f in align_facts(parsed) for c in f.support}
    items = []
    for labelled, article in zip(story.articles, parsed, strict=True):
        for gold in labelled.sentences:
            predicted = fact_of.get((article.id, _parsed_index(article, gold)))
            items.append((labelled.key, gold.label, predicted))
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for (key_a, gold_a, pred_a), (key_b, gold_b, pred_b) in combinations(items, 2):
        if key_a == key_b:
            continue
        truth = gold_a == gold_b and gold_a != "."
        guess = pred_a is not None and pred_a == pred_b
        if guess and truth:
            counts["tp"] += 1
        elif guess:
            counts["fp"] += 1
        elif truth:
            counts["fn"] += 1
    return counts


def score_conflicts(story: LabelledStory, parsed: tuple[ParsedArticle, ...]) -> dict[str, int]:
    keys = {a.article.id: a for a in story.articles}
    by_key = {a.key: (a, p) for a, p in zip(story.articles, parsed, strict=True)}

    def matches(value, spec: tuple[str, str, str]) -> bool:  # noqa: ANN001
        labelled, article = by_key[spec[0]]
        gold = next(g for g in labelled.sentences if g.label == spec[1])
        return (value.article_id == article.id and value.sentence == _parsed_index(article, gold)
                and spec[2].lower() in value.text.lower())

    predicted = [(g.values[i], g.values[j]) for g in compare_quantities(parsed) for i, j in g.conflicts]

    def same(a, b, left, right) -> bool:  # noqa: ANN001
        return (matches(a, left) and matches(b, right)) or (matches(a, right) and matches(b, left))

    hits = [any(same(a, b, left, right) for left, right in story.conflicts) for a, b in predicted]
    found = [any(same(a, b, left, right) for a, b in predicted) for left, right in story.conflicts]
    for (a, b), hit in zip(predicted, hits, strict=True):
        if not hit:
            print(f"  {story.name}: false conflict {keys[a.article_id].key}:{a.text!r} vs {keys[b.article_id].key}:{b.text!r}")
    for (left, right), hit in zip(story.conflicts, found, strict=True):
        if not hit:
            print(f"  {story.name}: missed conflict {left} vs {right}")
    return {"tp": sum(hits), "fp": len(hits) - sum(hits), "fn": len(found) - sum(found)}


def _prf(counts: dict[str, int]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, **counts}


def evaluate_labelled(nlp) -> dict[str, dict[str, dict[str, float]]]:  # noqa: ANN001
    totals: dict[str, dict[str, dict[str, int]]] = {}
    for path in sorted(LABELLED.glob("s*.txt")):
        story = load_story(path)
        parsed = parse_articles([a.article for a in story.articles], nlp)
        scores = (("alignment", score_alignment(story, parsed)), ("conflicts", score_conflicts(story, parsed)))
        buckets = (story.split, "all") + (("rounds_1_5",) if path.stem <= LAST_ROUND_5 else ())
        for split in buckets:
            for name, counts in scores:
                bucket = totals.setdefault(split, {}).setdefault(name, {"tp": 0, "fp": 0, "fn": 0})
                for k, v in counts.items():
                    bucket[k] += v
    return {split: {name: _prf(c) for name, c in kinds.items()} for split, kinds in totals.items()}


# --- real stories ----------------------------------------------------------------------------


def basil_stories(limit: int) -> list[list[Article]]:
    root = data_path("basil_dev", "articles")
    triplets: dict[str, list[Path]] = {}
    for path in sorted(root.glob("*/*.json")):
        triplets.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    stories = []
    for paths in list(triplets.values())[:limit]:
        articles = []
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            text, _ = basil_text(data["body-paragraphs"])
            articles.append(Article(id=content_id(text), text=text, title=data.get("title", ""),
                                    outlet=data.get("source")))
        stories.append(articles)
    return stories


def duc_stories(limit: int) -> list[list[Article]]:
    root = data_path("duc2006", "docs")
    return [duc_cluster(folder) for folder in sorted(root.iterdir())[:limit]]


def analyze_story(articles: list[Article], nlp, samples: list[str] | None = None) -> dict[str, float]:  # noqa: ANN001
    """Parse and analyze one story; ``samples`` collects flagged conflicts for reading."""
    articles = [a for a in articles if a.text.strip()]
    with Timer() as total:
        with Timer() as parse:
            parsed = parse_articles(articles, nlp)
        with Timer() as analysis:
            facts = align_facts(parsed)
            coverage(facts, articles)
            groups = compare_quantities(parsed, facts=facts)
    quantities = sum(len(extract_quantities(p)) for p in parsed)  # counted outside the timing
    multi = sum(1 for f in facts if len(f.outlets) >= 2)
    if samples is not None:
        samples.extend(_conflict_lines(parsed, groups))
    return {"articles": len(articles), "facts": len(facts),
            "multi_outlet_share": multi / len(facts) if facts else 0.0,
            "quantities": quantities, "quantity_groups": len(groups),
            "conflicts": sum(len(g.conflicts) for g in groups),
            "seconds": total.seconds, "parse_seconds": parse.seconds, "analysis_seconds": analysis.seconds}


def _conflict_lines(parsed: tuple[ParsedArticle, ...], groups) -> list[str]:  # noqa: ANN001
    sentences = {(p.id, s.index): s.text for p in parsed for s in p.sentences}
    lines = []
    for group in groups:
        for i, j in group.conflicts:
            a, b = group.values[i], group.values[j]
            lines.append(f"[{group.subject}] {a.text!r} vs {b.text!r}\n"
                         f"      A: {sentences[(a.article_id, a.sentence)][:240]}\n"
                         f"      B: {sentences[(b.article_id, b.sentence)][:240]}")
    return lines


# --- the canonical seeds: the employers story ---------------------------------------------


def seed_penalties(nlp) -> dict[str, object]:  # noqa: ANN001
    """On seeds 000-002 (title = first line): the fine amounts must be shown side by side,
    the first-violation and the maximum amounts not flagged, "more than 1,500" not flagged."""
    articles = []
    for path in sorted(data_path("seeds").glob("00[012]_*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        articles.append(Article(id=content_id(text), text=text, title=title.strip(), outlet=path.name[:3]))
    groups = compare_quantities(parse_articles(articles, nlp))
    money = [g for g in groups if any(v.unit == "$" for v in g.values)]
    fines = max(money, key=lambda g: len(g.values)) if money else None
    shown = sorted({(v.value, v.upper, v.qualifier, v.condition) for v in fines.values}, key=str) if fines else []
    for group in groups:
        print(f"seeds: [{group.subject}] conflict={group.conflict} "
              + "; ".join(f"{v.text} ({v.condition or 'general'})" for v in group.values))
    flagged_1500 = any(g.conflict and any(v.value == 1500 for v in g.values) for g in groups)
    amounts = {v for v, _, _, _ in shown} | {u for _, u, _, _ in shown if u}
    return {"fine_values": len(fines.values) if fines else 0,
            "fine_amounts_differ": 1.0 if {5000.0, 10000.0} <= amounts else 0.0,
            "fine_conditions": len({c for _, _, _, c in shown}),
            "fines_flagged": 1.0 if fines and fines.conflict else 0.0,
            "flagged_1500": 1.0 if flagged_1500 else 0.0,
            "ok": 1.0 if {5000.0, 10000.0} <= amounts and not flagged_1500 and not (fines and fines.conflict) else 0.0}


def summarize_runs(name: str, runs: list[dict[str, float]]) -> dict[str, float]:
    if not runs:
        return {"stories": 0}
    mean = {k: round(sum(r[k] for r in runs) / len(runs), 4) for k in runs[0]}
    mean["max_seconds"] = round(max(r["seconds"] for r in runs), 3)
    print(f"{name}: {len(runs)} stories, mean per story: {mean}")
    return {"stories": len(runs), **mean}


# Issue 6's acceptance figures, on the labelled set it was accepted on (rounds 1-5, s01-s27);
# every run reports their status.
ACCEPTANCE = {"labelled.rounds_1_5.alignment.f1": 0.9, "labelled.rounds_1_5.conflicts.precision": 0.9,
              "labelled.rounds_1_5.conflicts.recall": 0.8}
# What CI enforces: the figures, and a regression floor on the whole set. After round
# 5 (s01-s27) and counts of the same thing aligning (facts._GENERIC_COUNTS): alignment F1
# 0.903 (tune 0.899, held-out 0.908), conflict precision 0.987 and recall 0.815. Round 6
# (s28-s29, topic-dense disputes) brought the whole set to 0.893; the speaker rule
# (facts.named_speakers) to 0.896 (s01-s27 unchanged); the topic-word rule (facts.
# TOPIC_SENTENCES_PER_ARTICLE) to 0.901 (tune 0.903, held-out 0.899, s01-s27 0.906). The
# labelled run is deterministic.
GATE_FLOORS = {**ACCEPTANCE, "labelled.all.alignment.f1": 0.9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gate", action="store_true", help="small subset with floors (~90 s)")
    parser.add_argument("--basil", type=int, default=50, help="BASIL triplets (full run)")
    parser.add_argument("--duc", type=int, default=50, help="DUC clusters (full run)")
    parser.add_argument("--samples", type=int, default=25, help="DUC conflicts printed for reading")
    args = parser.parse_args()
    nlp = load_nlp()
    labelled = evaluate_labelled(nlp)
    for split, kinds in labelled.items():
        for name, figures in kinds.items():
            print(f"labelled {split:8s} {name:10s} P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f}")
    figures: dict[str, object] = {"bench": "facts", "labelled": labelled}
    basil_n, duc_n = (6, 1) if args.gate else (args.basil, args.duc)
    if data_path("basil_dev").exists():
        figures["basil"] = summarize_runs("basil", [analyze_story(s, nlp) for s in basil_stories(basil_n)])
    else:
        print("skip: basil_dev absent")
    if data_path("seeds").exists():
        figures["seeds"] = seed_penalties(nlp)
    else:
        print("skip: seeds absent")
    if data_path("duc2006").exists():
        samples: list[str] = []
        figures["duc"] = summarize_runs("duc", [analyze_story(s, nlp, samples) for s in duc_stories(duc_n)])
        print(f"duc: {len(samples)} conflicts flagged; a sample for a human to judge:")
        for line in samples[: args.samples]:
            print(f"  - {line}")
    else:
        print("skip: duc2006 absent")
    figures["peak_memory_mb"] = peak_memory_mb()
    floors = {}
    figures["acceptance"] = acceptance(figures, ACCEPTANCE)
    if args.gate:
        floors = dict(GATE_FLOORS)
        if "seeds" in figures:
            floors["seeds.ok"] = 1.0
        if "duc" in figures:
            # A 25-article cluster parsed and analyzed; the issue asks under 10 s on this machine.
            figures["duc_under_10s"] = 1.0 if figures["duc"]["max_seconds"] < 10 else 0.0  # type: ignore[index]
    finish(figures, floors)


if __name__ == "__main__":
    main()
