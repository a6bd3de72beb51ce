"""Quote extraction and speaker attribution on PolNeAR (dev) and BASIL (dev).

PolNeAR (brat): gold attributions are ``E`` events linking a Content span (possibly in
pieces), a Cue and usually a Source; nested attributions (one inside another's content) are
gold items of their own and are all counted. Where a text has several annotators' files
(2 of the 84 dev texts), the first file name in sorted order is used: a fixed choice made
before scoring, never the best-scoring annotator. A predicted attribution is one per cue,
as PolNeAR annotates one Content per Cue: the quotes sharing a cue (an interrupted quotation,
a partial quote and the clause holding it) become one prediction whose content is the union
of their pieces; quotes with no cue are one prediction each.

Content matching works on word tokens (``\\w+``), so punctuation and quotation marks at the
edges never decide a match. Three measures:

* ``content_tokens``: the anchor's overlap measure, over tokens. BBC Citron, which the issue
  names ("content overlap F1 0.833" on PARC 3.0), scores content overlap by token counts:
  precision is the predicted content tokens that lie in gold content over all predicted
  content tokens, recall the gold content tokens that predictions cover over all gold content
  tokens. Citron sums the overlap over every (predicted, gold) pair, so a token counts twice
  where predictions overlap or gold contents nest; here a token counts once for each span it
  belongs to (a predicted token is in gold content or not; a gold token is covered or not),
  which never scores higher. Reported beside the anchor's figure; the issue's acceptance is
  on ``overlap`` below, the measure it defines.
* ``exact``: one to one, the same token set (Citron's exact measure also asks for the cue).
* ``overlap``: the issue's "at least 50% token overlap", one to one, counted per
  attribution: the shared tokens are at least half of the longer of the two spans (so
  neither a short prediction inside a long gold content nor a long prediction around a
  short one passes). Stricter than the token measure: a content missed by one clause, or
  one found as two halves, counts as a whole miss. Pairs are matched best first; precision
  counts every prediction, recall every gold attribution. Speaker accuracy is taken over
  these pairs.

Speaker "correct" for a matched pair whose gold has a Source: the predicted speaker mention
overlaps the gold Source span in the text (PolNeAR's Source is a mention, pronouns included:
a gold "he" is matched by our "he", whatever we resolved it to), or the gold Source ends in a
capitalized word (a name's head) that is one of the words of our resolved speaker name (a
surname match: "Clinton" accepts either Clinton). Pairs whose gold has no Source are left
out of speaker accuracy (their count is printed).

BASIL: annotated bias spans with ``quote = yes``. A span is covered when a predicted quote's
content overlaps it; accuracy is over covered spans (coverage is printed). The floor applies
to ``speaker_accuracy``: covered spans whose gold speaker names one person (``Rick_Perry``).
Group labels (``Democratic_Lawmakers``, ``Obama_campaign``, ``NAACP``) are reported apart in
``speaker_accuracy_named_incl_groups``: BASIL gives them to quotes of a named member ("Rep.
X said"), which no name comparison can check; the ``other_*`` classes name no one and are
only counted. A speaker is correct when a word of the gold name (other than "campaign",
"officials" and similar group words) is a word of our resolved speaker name or stated role.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from _common import (
    Timer,
    acceptance,
    basil_text,
    data_path,
    finish,
    peak_memory_mb,
    skip_if_missing,
)
from manysides.model import Article, Quote
from manysides.nlp import load_nlp, parse_articles
from manysides.quotes import extract_quotes

WORD = re.compile(r"\w+")
# Acceptance floors from the issue (PolNeAR dev content overlap F1 and speaker accuracy;
# BASIL dev speaker accuracy on annotated quotes). Every run reports their status.
ACCEPTANCE = {
    "polnear.content_overlap.f1": 0.85,
    "polnear.speaker_accuracy": 0.88,
    "basil.speaker_accuracy": 0.90,
}
# What CI enforces: the acceptance floors (BASIL speaker accuracy met in round 3: 0.921 on
# all of BASIL dev), and a regression floor a little under the measured figure for the one
# that does not hold yet (gate run: PolNeAR 40 texts content overlap F1 0.722 after the
# stance, adjective and noun cues; 0.7324 after the holderless, passive, topic and
# transcript-label cues, the closing-aside cuts on objects and the outermost-cue linking;
# 0.7444 with the trained cue scorer of attribution_model, trained on PolNeAR train only;
# 0.7493 (full dev 0.7343 -> 0.7404) with model candidates whatever their subject and "for
# ... to" clauses hung on the cue; 0.7515 (full dev 0.7411) with "regard ... as"; 0.7544
# (full dev 0.7434) with the passive-agent, semicolon, anonymity and "if" rules and the cue
# scorer retrained; 0.7557 (full dev 0.7445 -> 0.7427) with the cue scorer refitted to the
# current rules and its bar chosen against all gold Contents; 0.7553, full dev 0.7419, refitted
# after "in the words of"; 0.7557, full dev 0.7416, speakers 0.924 / 0.9107, refitted after the
# "as" aside, "Asked ..." and speaker rules of session 43), so a change that makes quotes
# worse fails. The token measure, the
# anchor's, is floored the same way (gate run 0.8678 when the bench first computed it).
FLOORS = {
    **ACCEPTANCE,
    "polnear.content_overlap.f1": 0.75,
    "polnear.content_tokens.f1": 0.86,
}
# Articles parsed together. The parser's working memory grows with the tokens of a batch
# and PolNeAR texts are long (up to 4.4k tokens): the 84 dev texts parsed in one call
# (batch 64) peaked at 1.19 GB, in chunks of 32 at 0.74 GB and of 16 at 0.58 GB, for
# 14.1, 14.2 and 16.7 s user CPU (one run each on the shared box).
PARSE_CHUNK = 32
GROUP_WORDS = {"campaign", "officials", "lawmakers", "and", "the", "of", "senate", "house", "white"}


# --- PolNeAR -----------------------------------------------------------------------------


def _spans(ranges: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in ranges.split(";")))


def read_brat(path: Path) -> list[dict]:
    """Gold attributions: {content: spans, source: spans or None, cue: spans or None}."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, ranges = fields[1].partition(" ")
            spans[fields[0]] = (label, _spans(ranges))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    gold = []
    for event in events:
        if "Content" not in event or event["Content"] not in spans:
            continue
        role = {
            k: spans[v][1]
            for k, v in event.items()
            if k in ("Content", "Source", "Cue") and v in spans
        }
        gold.append(
            {"content": role["Content"], "source": role.get("Source"), "cue": role.get("Cue")}
        )
    return gold


def polnear_files(root: Path, limit: int | None) -> list[tuple[Path, Path]]:
    pairs: dict[str, tuple[Path, Path]] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        text = root / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if text.exists() and text.name not in pairs:
            pairs[text.name] = (text, ann)
    found = list(pairs.values())
    if limit is None or limit >= len(found):
        return found
    # evenly spaced, so a subset holds every outlet (files sort by outlet name; the first 40
    # alone are two outlets)
    return [found[i * len(found) // limit] for i in range(limit)]


def quotes_of(articles: Sequence[Article], nlp) -> list[tuple[Quote, ...]]:
    """Each article's quotes, parsed ``PARSE_CHUNK`` articles at a time."""
    found: list[tuple[Quote, ...]] = []
    for i in range(0, len(articles), PARSE_CHUNK):
        found += [extract_quotes(p) for p in parse_articles(articles[i : i + PARSE_CHUNK], nlp)]
    return found


def tokens(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    """Word tokens (as char positions) inside ``spans``."""
    found = set()
    for a, b in spans:
        found.update((a + m.start(), a + m.end()) for m in WORD.finditer(text[a:b]))
    return frozenset(found)


def per_cue(quotes: Sequence[Quote]) -> list[Quote]:
    """One predicted attribution per cue, as PolNeAR annotates one Content per Cue: the
    quotes sharing a cue become one prediction whose content is the union of their pieces
    (an interrupted quote plus its reported clause), keeping the first quote's speaker."""
    merged: dict[object, Quote] = {}
    for i, quote in enumerate(quotes):
        key = quote.cue_start if quote.cue_start >= 0 else ("uncued", i)
        pieces = quote.spans or ((quote.start, quote.end),)
        if key in merged:
            first = merged[key]
            pieces = _union((*first.spans, *pieces))
            quote = replace(first, spans=pieces, start=pieces[0][0], end=pieces[-1][1])
        else:
            quote = replace(quote, spans=pieces)
        merged[key] = quote
    return list(merged.values())


def _union(pieces: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(pieces):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def match(pred: list[frozenset], gold: list[frozenset], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (pred, gold) whose shared tokens reach ``threshold`` of the longer."""
    scored = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p and g:
                share = len(p & g) / max(len(p), len(g))
                if share >= threshold:
                    scored.append((share, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def token_overlap(pred: Sequence[frozenset], gold: Sequence[frozenset]) -> tuple[int, int]:
    """Predicted tokens inside gold content, and gold tokens inside predicted content."""
    in_gold = frozenset().union(*gold)
    in_pred = frozenset().union(*pred)
    return sum(len(p & in_gold) for p in pred), sum(len(g & in_pred) for g in gold)


def token_prf(found_in_gold: int, n_pred: int, covered: int, n_gold: int) -> dict:
    """Precision (predictions' share found in the gold), recall (the gold's share covered)
    and their F1: tokens for the token measure, matched attributions for the others."""
    p = found_in_gold / n_pred if n_pred else 0.0
    r = covered / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
    }


def speaker_correct(text: str, quote: Quote, source: tuple[tuple[int, int], ...]) -> bool:
    if quote.speaker_start >= 0 and any(
        quote.speaker_start < b and a < quote.speaker_end for a, b in source
    ):
        return True
    gold_words = WORD.findall(" ".join(text[a:b] for a, b in source))
    if not gold_words or not quote.speaker or not gold_words[-1][:1].isupper():
        return False
    return gold_words[-1].lower() in {w.lower() for w in WORD.findall(quote.speaker)}


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    return token_prf(tp, n_pred, tp, n_gold)


def run_polnear(root: Path, limit: int | None, nlp) -> dict:
    files = polnear_files(root, limit)
    articles = [Article(id=t.stem, text=t.read_text(encoding="utf-8")) for t, _ in files]
    with Timer() as timer:
        predicted = [per_cue(q) for q in quotes_of(articles, nlp)]
    counts = {
        "pred": 0,
        "gold": 0,
        "exact": 0,
        "overlap": 0,
        "pred_tokens": 0,
        "gold_tokens": 0,
        "pred_in_gold": 0,
        "gold_covered": 0,
        "spk_n": 0,
        "spk_ok": 0,
        "no_source": 0,
    }
    kinds = {"direct": [0, 0], "partial": [0, 0], "indirect": [0, 0]}
    for article, (_, ann), quotes in zip(articles, files, predicted, strict=True):
        gold = read_brat(ann)
        text = article.text
        pred_tokens = [tokens(text, q.spans or ((q.start, q.end),)) for q in quotes]
        gold_tokens = [tokens(text, g["content"]) for g in gold]
        counts["pred"] += len(quotes)
        counts["gold"] += len(gold)
        counts["pred_tokens"] += sum(map(len, pred_tokens))
        counts["gold_tokens"] += sum(map(len, gold_tokens))
        in_gold, covered = token_overlap(pred_tokens, gold_tokens)
        counts["pred_in_gold"] += in_gold
        counts["gold_covered"] += covered
        counts["exact"] += len(match(pred_tokens, gold_tokens, 1.0))
        pairs = match(pred_tokens, gold_tokens, 0.5)
        counts["overlap"] += len(pairs)
        for q in quotes:
            kinds[q.kind][1] += 1
        for i, j in pairs:
            kinds[quotes[i].kind][0] += 1
            source = gold[j]["source"]
            if source is None:
                counts["no_source"] += 1
                continue
            counts["spk_n"] += 1
            counts["spk_ok"] += speaker_correct(text, quotes[i], source)
    return {
        "articles": len(articles),
        "gold_attributions": counts["gold"],
        "predicted": counts["pred"],
        "content_tokens": token_prf(
            counts["pred_in_gold"], counts["pred_tokens"], counts["gold_covered"],
            counts["gold_tokens"],
        ),
        "content_exact": prf(counts["exact"], counts["pred"], counts["gold"]),
        "content_overlap": prf(counts["overlap"], counts["pred"], counts["gold"]),
        "speaker_accuracy": round(counts["spk_ok"] / counts["spk_n"], 4)
        if counts["spk_n"]
        else 0.0,
        "speaker_pairs": counts["spk_n"],
        "matched_without_gold_source": counts["no_source"],
        "precision_by_kind": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in kinds.items()},
        "predicted_by_kind": {k: v[1] for k, v in kinds.items()},
        "articles_per_second": round(len(articles) / timer.seconds, 2),
    }


# --- BASIL -------------------------------------------------------------------------------


def basil_articles(root: Path, limit: int | None) -> Iterator[tuple[Article, list[dict]]]:
    files = sorted((root / "articles").glob("*/*.json"))[:limit]
    for path in files:
        ann_path = root / "annotations" / path.parent.name / (path.stem + "_ann.json")
        if not ann_path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        text, sentences = basil_text(data.get("body-paragraphs", []))
        spans = []
        for ann in json.loads(ann_path.read_text(encoding="utf-8"))["phrase-level-annotations"]:
            if ann.get("quote") != "yes":
                continue
            for offset, sentence in sentences:
                if sentence[ann["start"] : ann["end"]] == ann["txt"]:
                    spans.append(
                        {
                            "start": offset + ann["start"],
                            "end": offset + ann["end"],
                            "speaker": ann["speaker"],
                        }
                    )
                    break
        yield Article(id=path.stem, text=text, title=data.get("title", "")), spans


def is_person(label: str) -> bool:
    """A gold speaker that names one person ("Rick_Perry"), not a group ("Tea_Party",
    "Democratic_Lawmakers", "NAACP"): BASIL's group labels do not say which member spoke."""
    parts = label.split("_")
    groupish = {
        "party",
        "democrats",
        "republicans",
        "campaign",
        "lawmakers",
        "officials",
        "catholics",
    }
    return (
        len(parts) >= 2
        and all(p[:1].isupper() and not p.isupper() for p in parts)
        and not groupish & {p.lower() for p in parts}
    )


def basil_correct(gold: str, quote: Quote) -> bool:
    words = {w.lower() for w in WORD.findall(f"{quote.speaker or ''} {quote.role or ''}")}
    wanted = [w.lower() for w in gold.split("_") if w.lower() not in GROUP_WORDS]
    return any(w in words for w in wanted)


def run_basil(root: Path, limit: int | None, nlp) -> dict:
    pairs = list(basil_articles(root, limit))
    with Timer() as timer:
        predicted = quotes_of([a for a, _ in pairs], nlp)
    n = covered = named = named_covered = correct = people = people_correct = 0
    for (_, spans), quotes in zip(pairs, predicted, strict=True):
        for span in spans:
            n += 1
            is_named = not span["speaker"].startswith("other_") and bool(span["speaker"])
            named += is_named
            hits = [
                q for q in quotes if any(a < span["end"] and span["start"] < b for a, b in q.spans)
            ]
            if not hits:
                continue
            covered += 1
            if is_named:
                named_covered += 1
                best = max(hits, key=lambda q: (q.kind != "indirect", q.speaker is not None))
                ok = basil_correct(span["speaker"], best)
                correct += ok
                if is_person(span["speaker"]):
                    people += 1
                    people_correct += ok
    return {
        "articles": len(pairs),
        "quote_spans": n,
        "covered": round(covered / n, 4) if n else 0.0,
        "named_spans": named,
        "named_covered": named_covered,
        "speaker_accuracy": round(people_correct / people, 4) if people else 0.0,
        "person_spans_covered": people,
        "speaker_accuracy_named_incl_groups": round(correct / named_covered, 4)
        if named_covered
        else 0.0,
        "speaker_accuracy_named_incl_uncovered": round(correct / named, 4) if named else 0.0,
        "articles_per_second": round(len(pairs) / timer.seconds, 2),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=data_path("polnear_dev"))
    parser.add_argument("--basil", type=Path, default=data_path("basil_dev"))
    parser.add_argument(
        "--split", default="dev", help="PolNeAR split (dev for the floors; train to tune)"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most this many articles per data set"
    )
    parser.add_argument(
        "--gate", action="store_true", help="dev subsets within ~90 s, apply floors"
    )
    args = parser.parse_args(argv)
    skip_if_missing(args.polnear, "quotes")
    skip_if_missing(args.basil, "quotes")
    nlp = load_nlp()
    # gate: 40 evenly spaced PolNeAR dev texts and all of BASIL dev (its first 80 articles
    # alone scored 0.92 against 0.83 for all); 52 s wall on the shared 2-core box (load 4.8)
    polnear = run_polnear(args.polnear / args.split, args.limit or (40 if args.gate else None), nlp)
    basil = run_basil(args.basil, args.limit, nlp)
    for name, figures in (("PolNeAR " + args.split, polnear), ("BASIL", basil)):
        print(f"{name}:")
        for key, value in figures.items():
            print(f"  {key}: {value}")
    figures = {
        "bench": "quotes",
        "gate": args.gate,
        "polnear": polnear,
        "basil": basil,
        "peak_memory_mb": peak_memory_mb(),
    }
    figures["acceptance"] = acceptance(figures, ACCEPTANCE)
    finish(figures, FLOORS if args.gate else None)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
