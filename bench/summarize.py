"""Benchmark: cited multi-document summaries on DUC 2006 and NeuS (dev).

DUC 2006 (50 topic clusters of 25 newswire articles, 4 human 250-word summaries each):
ROUGE-1/2 recall (rouge-score, Porter stemming) and ROUGE-SU4 recall (implemented here with
the same tokenizer: skip-bigrams with at most 4 words between, plus unigrams, clipped
counts), every summary cut to its first 250 words, averaged over the references; for
manysides generic and focused (topic title + narrative), a lead baseline, sumy LexRank and
TextRank (fed the same sentences) and the 35 official systems' summaries in peers/.

NeuS dev (150 clusters of 3 lead paragraphs from left/center/right outlets, one neutral
editor summary): ROUGE-1/2/L F1 (stemming) beside the 10 published systems in systems/.

Also seconds per cluster (spaCy parsing included, cold: nothing cached) and peak memory.
``--gate``: the first DUC clusters and a NeuS subset, with floors set from what the full run
gets on the same subsets. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rouge_score import rouge_scorer, tokenizers  # noqa: E402

from _common import (  # noqa: E402
    DirCache,
    Timer,
    data_path,
    duc_article,
    finish,
    peak_memory_mb,
    skip_if_missing,
)
from manysides.facts import align_facts  # noqa: E402
from manysides.loaded import sentence_penalties  # noqa: E402
from manysides.model import Article  # noqa: E402
from manysides.nlp import ParsedArticle, load_nlp, parse_articles  # noqa: E402
from manysides.summarize import summarize  # noqa: E402
from manysides.text import content_id  # noqa: E402

TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
DUC_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


# --- ROUGE --------------------------------------------------------------------------------


def truncate(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words (ROUGE-1.5.5's ``-l``), for every system."""
    return " ".join(text.split()[:words])


def su4_units(tokens: Sequence[str]) -> Counter[str]:
    """ROUGE-SU4 counting units: every unigram and every ordered pair with gap <= 4."""
    units: Counter[str] = Counter(tokens)
    for i, first in enumerate(tokens):
        for second in tokens[i + 1 : i + 6]:
            units[f"{first} {second}"] += 1
    return units


def recall(reference: Counter, summary: Counter) -> float:
    """Clipped matches over the reference's count (what rouge-score and ROUGE-1.5.5 do)."""
    total = sum(reference.values())
    return sum((reference & summary).values()) / total if total else 0.0


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def check_against_rouge_score(summary: str, texts: Sequence[str], words: int) -> None:
    """Fail loudly if our R-1/R-2 recall differs from rouge-score's on this summary."""
    ours = duc_scores(summary, [Reference(t, words) for t in texts], words)
    for key, name in (("R1", "rouge1"), ("R2", "rouge2")):
        theirs = statistics.fmean(
            DUC_SCORER.score(truncate(t, words), truncate(summary, words))[name].recall
            for t in texts
        )
        if abs(ours[key] - theirs) > 1e-9:
            raise SystemExit(f"ROUGE mismatch with rouge-score: {key} {ours[key]} != {theirs}")


class Reference:
    """A reference summary cut to ``words`` and tokenized once (rouge-score's tokenizer with
    Porter stemming), with its unigram, bigram and SU4 counts."""

    def __init__(self, text: str, words: int) -> None:
        tokens = TOKENIZER.tokenize(truncate(text, words))
        self.counts = (ngrams(tokens, 1), ngrams(tokens, 2), su4_units(tokens))


def duc_scores(summary: str, references: Sequence[Reference], words: int) -> dict[str, float]:
    """Recall averaged over the references, the summary cut to ``words`` like them.

    Same arithmetic as rouge-score's ``RougeScorer(["rouge1", "rouge2"], use_stemmer=True)``
    recall (``check_against_rouge_score`` runs on every cluster's first system), without
    re-tokenizing the references for every system."""
    tokens = TOKENIZER.tokenize(truncate(summary, words))
    own = (ngrams(tokens, 1), ngrams(tokens, 2), su4_units(tokens))
    rows = [[recall(ref.counts[k], own[k]) for k in range(3)] for ref in references]
    return {key: statistics.fmean(r[k] for r in rows) for k, key in enumerate(("R1", "R2", "SU4"))}


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.fmean(r[k] for r in rows), 4) for k in rows[0]} if rows else {}


# --- DUC 2006 -----------------------------------------------------------------------------


def _tag(text: str, name: str) -> str:
    match = re.search(rf"<{name}>(.*?)</{name}>", text, re.S | re.I)
    return match.group(1).strip() if match else ""


def _clean(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def read_topics(path: Path) -> dict[str, str]:
    raw = path.read_text(encoding="latin-1")
    return {
        _tag(t, "num"): f"{_clean(_tag(t, 'title'))}. {_clean(_tag(t, 'narr'))}"
        for t in re.findall(r"<topic>(.*?)</topic>", raw, re.S | re.I)
    }


def duc_clusters(root: Path) -> list[tuple[str, list[Path]]]:
    return [(d.name, sorted(d.iterdir())) for d in sorted((root / "docs").iterdir()) if d.is_dir()]


def summaries_for(folder: Path, prefix: str) -> dict[str, tuple[str, int]]:
    """{author or system: (text, length in words from the file name)} for one cluster."""
    found = {}
    for path in sorted(folder.glob(f"{prefix}.*")):
        parts = path.name.split(".")
        found[parts[-1]] = (path.read_text(encoding="latin-1"), int(parts[2]))
    return found


def _fast_sumy_classes() -> tuple[type, type]:
    """sumy's LexRank and TextRank with their O(n^2) pure-Python similarity loops replaced by
    the same arithmetic in numpy (checked equal to sumy's own matrices: ``--check-sumy``)."""
    import numpy
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    def counts(rows: Sequence[dict], vocab: dict[str, int]) -> numpy.ndarray:
        matrix = numpy.zeros((len(rows), len(vocab)))
        for r, row in enumerate(rows):
            for term, value in row.items():
                matrix[r, vocab[term]] = value
        return matrix

    class FastLexRank(LexRankSummarizer):
        def _create_matrix(self, sentences, threshold, tf_metrics, idf_metrics):  # noqa: ANN001, ANN202
            vocab = {t: k for k, t in enumerate(idf_metrics)}
            idf = numpy.array([idf_metrics[t] for t in vocab])
            weighted = counts(tf_metrics, vocab) * idf
            norms = numpy.sqrt((weighted**2).sum(axis=1))
            with numpy.errstate(divide="ignore", invalid="ignore"):
                cosine = (weighted @ weighted.T) / numpy.outer(norms, norms)
            cosine[~numpy.isfinite(cosine)] = 0.0
            cosine[numpy.outer(norms, norms) <= 0] = 0.0
            matrix = (cosine > threshold).astype(float)
            degrees = matrix.sum(axis=1)
            degrees[degrees == 0] = 1
            return matrix / degrees[:, None]

    class FastTextRank(TextRankSummarizer):
        def _create_matrix(self, document):  # noqa: ANN001, ANN202
            words = [self._to_words_set(s) for s in document.sentences]
            vocab = {w: k for k, w in enumerate(dict.fromkeys(w for ws in words for w in ws))}
            tally = counts([Counter(ws) for ws in words], vocab)
            rank = tally @ tally.T
            lengths = numpy.log(numpy.maximum([len(ws) for ws in words], 1))
            norm = lengths[:, None] + lengths[None, :]
            close = numpy.isclose(norm, 0.0)
            with numpy.errstate(divide="ignore", invalid="ignore"):
                weights = numpy.where(rank == 0, 0.0, numpy.where(close, rank, rank / norm))
            weights /= weights.sum(axis=1)[:, numpy.newaxis] + self._ZERO_DIVISION_PREVENTION
            n = len(words)
            return numpy.full((n, n), (1.0 - self.damping) / n) + self.damping * weights

    return FastLexRank, FastTextRank


def sumy_document(parsed: Sequence[ParsedArticle]):  # noqa: ANN201
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = RegexWordTokenizer()
    return ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, tokenizer) for s in p.sentences]) for p in parsed]
    )


def sumy_summarizer(kind: str, fast: bool = True):  # noqa: ANN201
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    lex, text = _fast_sumy_classes() if fast else (LexRankSummarizer, TextRankSummarizer)
    summarizer = (lex if kind == "lexrank" else text)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def sumy_summary(parsed: Sequence[ParsedArticle], kind: str, words: int, fast: bool = True) -> str:
    """sumy LexRank/TextRank over the same sentences, best-rated first until ``words``."""

    def enough(infos: list) -> list:
        taken, used = [], 0
        for info in infos:
            if used >= words:
                break
            taken.append(info)
            used += len(str(info.sentence).split())
        return taken

    summarizer = sumy_summarizer(kind, fast)
    return " ".join(str(s) for s in summarizer(sumy_document(parsed), enough))


class RegexWordTokenizer:
    """sumy tokenizer that needs no NLTK data (sentences come pre-split)."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[^\W_]+(?:['\-][^\W_]+)*", sentence))


def text_of(summary) -> str:  # noqa: ANN001
    return " ".join(s.text for s in summary.sentences)


def run_duc(root: Path, limit: int | None, cache: DirCache | None, nlp, peers: bool = True) -> dict:  # noqa: ANN001
    topics = read_topics(root / "topics.sgml")
    systems: dict[str, list[dict[str, float]]] = {}
    seconds = []
    for name, paths in duc_clusters(root)[:limit]:
        prefix = re.sub(r"[A-Z]$", "", name)
        models = summaries_for(root / "models", prefix)
        length = next(iter(models.values()))[1]
        refs = [Reference(text, length) for text, _ in models.values()]
        articles = [a for a in map(duc_article, paths) if a]
        with Timer() as timer:
            parsed = parse_articles(articles, nlp, cache=cache)
            # Loaded-language penalties from the framing stage and the aligned facts, as the
            # report pipeline passes them.
            penalties, facts = sentence_penalties(parsed), align_facts(parsed)
            generic = summarize(parsed, words=length, penalties=penalties, facts=facts)
        seconds.append(timer.seconds)
        focused = summarize(
            parsed, words=length, focus=topics[name], penalties=penalties, facts=facts
        )
        lead = summarize(parsed, words=length, strategy="lead", penalties=penalties, facts=facts)
        outputs: dict[str, str] = {
            "manysides_generic": text_of(generic),
            "manysides_focused": text_of(focused),
            "manysides_lead": text_of(lead),
            "sumy_lexrank": sumy_summary(parsed, "lexrank", length),
            "sumy_textrank": sumy_summary(parsed, "textrank", length),
        }
        # Official systems have numbers; the lettered peers are the human summaries.
        for system, (text, _) in summaries_for(root / "peers", prefix).items() if peers else ():
            if system.isdigit():
                outputs[f"peer_{system}"] = text
        check_against_rouge_score(
            outputs["manysides_generic"], [t for t, _ in models.values()], length
        )
        for system, text in outputs.items():
            systems.setdefault(system, []).append(duc_scores(text, refs, length))
        print(
            f"  {name}: generic R2 {systems['manysides_generic'][-1]['R2']:.4f} "
            f"focused R2 {systems['manysides_focused'][-1]['R2']:.4f} ({timer.seconds:.1f} s)"
        )
    return {
        "systems": {k: mean_scores(v) for k, v in systems.items()},
        "seconds": seconds,
        "clusters": len(seconds),
    }


def read_official(path: Path) -> dict[str, float]:
    """NIST's per-system averages (``official_*.jk.m.avg``: "24 0.15464 (95%-conf.int. ...)")."""
    if not path.exists():
        return {}
    rows = (line.split() for line in path.read_text().splitlines())
    return {r[0]: float(r[1]) for r in rows if len(r) >= 2 and r[0].isdigit()}


def compare_official(root: Path, peers: dict[str, dict[str, float]]) -> dict:
    """Our R-2 and SU4 of each official system beside NIST's figures (validates SU4)."""
    result = {}
    for metric, file in (("R2", "official_rouge2.jk.m.avg"), ("SU4", "official_rougeSU4.jk.m.avg")):
        official = read_official(root / file)
        pairs = {k: (peers[k][metric], v) for k, v in official.items() if k in peers}
        if not pairs:
            continue
        diffs = [abs(a - b) for a, b in pairs.values()]
        result[metric] = {
            "mean_abs_diff": round(statistics.fmean(diffs), 4),
            "max_abs_diff": round(max(diffs), 4),
            "examples": {k: pairs[k] for k in ("24", "12", "1") if k in pairs},
        }
        print(
            f"{metric} vs NIST over {len(pairs)} systems: mean |diff| {result[metric]['mean_abs_diff']}, "
            f"max {result[metric]['max_abs_diff']}; "
            + ", ".join(
                f"system {k}: ours {a:.4f} NIST {b:.4f}"
                for k, (a, b) in result[metric]["examples"].items()
            )
        )
    return result


def report_duc(result: dict) -> dict:
    systems = result["systems"]
    peers = {k: v for k, v in systems.items() if k.startswith("peer_")}
    best_peer = max(peers, key=lambda k: peers[k]["R2"]) if peers else None
    print(f"\nDUC 2006 ({result['clusters']} clusters), recall at 250 words:")
    print(f"{'system':24} {'R-1':>7} {'R-2':>7} {'SU4':>7}")
    for name in (
        "manysides_focused",
        "manysides_generic",
        "manysides_lead",
        "sumy_lexrank",
        "sumy_textrank",
    ):
        s = systems[name]
        print(f"{name:24} {s['R1']:7.4f} {s['R2']:7.4f} {s['SU4']:7.4f}")
    peer_mean = mean_scores(list(peers.values())) if peers else {}
    if best_peer:
        s = peers[best_peer]
        print(
            f"{'best official (' + best_peer[5:] + ')':24} {s['R1']:7.4f} {s['R2']:7.4f} {s['SU4']:7.4f}"
        )
        print(
            f"{'mean official':24} {peer_mean['R1']:7.4f} {peer_mean['R2']:7.4f} {peer_mean['SU4']:7.4f}"
        )
    secs = result["seconds"]
    print(
        f"seconds per cluster (parse + summary): mean {statistics.fmean(secs):.2f}, max {max(secs):.2f}"
    )
    return {
        "clusters": result["clusters"],
        **{k: systems[k] for k in systems if not k.startswith("peer_")},
        "best_official": {
            "system": best_peer[5:] if best_peer else None,
            **peers.get(best_peer, {}),
        },
        "mean_official": peer_mean,
        "official": {k[5:]: v for k, v in peers.items()},
        "seconds_per_cluster": round(statistics.fmean(secs), 2),
        "max_seconds_per_cluster": round(max(secs), 2),
    }


# --- NeuS ---------------------------------------------------------------------------------

# Summary length for NeuS. The 150 targets average 69.7 words (median 59, 10th-90th
# percentile 29-125; about 4 sentences, the first a headline), a third of the three sources'
# words (median ratio 0.33; correlation of target and input length 0.49). ROUGE-1/2 F1 on
# the even-numbered clusters (odd-numbered, held out, in brackets), one headline at most:
# 60 / 70 / 80 / 90 / 100 words gave 42.0 / 43.3 / 43.0 / 43.0 / 42.5 (40.6 / 42.3 / 42.2 /
# 42.6 / 42.0) and 19.6 / 20.9 / 20.4 / 20.2 / 20.1 (16.6 / 18.1 / 18.0 / 17.9 / 17.3); a
# budget derived from the input instead, 0.35 x the sources' words (the targets' ratio),
# gave 43.7 / 19.8 (42.3 / 17.3): more ROUGE-1, less ROUGE-2. F1 is flat from 70 to 90
# words (adding a sentence raises F1 while its precision exceeds about half the F1, which
# most lead sentences do), so 80: whole source sentences leave the summary a few words under.
# Re-checked with the current rules (two headlines, shared-core weighting), all 150 clusters
# (even / odd half): 80 gives 44.58 / 20.29 (45.11 / 21.88, 44.05 / 18.71), 67 words used
# on average; 70 / 75 / 85 / 90 / 100 give 43.84 / 43.85 / 44.30 / 44.22 / 43.65 and
# 19.81 / 19.72 / 20.29 / 20.17 / 19.79; a budget of 0.4-0.5 x the sources' words clipped
# to 60-100 gave 44.28-44.50 / 19.70-20.11. Still 80.
NEUS_WORDS = 80


# The end of a NeuS source's headline: the first ". ", "? " or "! " that does not close an
# abbreviation ("U.S. Troops", "Sen. Cory Gardner", "Aug. 1"). A plain split at ". " cut 34
# of the 450 dev headlines short, so their headline was not recognised as one.
_HEADLINE_END = re.compile(r"[.?!](?=\s)")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|[A-Z]\.[A-Z]|\b(?:Rep|Reps|Sen|Sens|Gov|Gen|Lt|Col|Sgt|Mr|Mrs|Ms|Dr|St|Jr"
    r"|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs))$"
)


def neus_headline(text: str) -> str:
    """The headline a NeuS source opens with (the whole text when none ends)."""
    for end in _HEADLINE_END.finditer(text):
        if end.group() != "." or not _ABBREVIATION.search(text[: end.start()]):
            return text[: end.start() + (end.group() != ".")]
    return text


def neus_articles(sources: Sequence[str], cluster: int) -> list[Article]:
    """Each source is "Headline. Lead paragraph"; keep the headline as the title too."""
    articles = []
    for k, source in enumerate(sources):
        text = " ".join(source.split())
        if text:
            title = neus_headline(text)
            articles.append(
                Article(
                    id=content_id(f"{cluster}-{k}-{text}"),
                    text=text,
                    title=title,
                    outlet=("left", "right", "center")[k % 3],
                )
            )
    return articles


def f1_scores(target: str, summary: str) -> dict[str, float]:
    s = SCORER.score(target, summary)
    return {
        "R1": s["rouge1"].fmeasure * 100,
        "R2": s["rouge2"].fmeasure * 100,
        "RL": s["rougeL"].fmeasure * 100,
    }


def neus_halves(rows: Sequence[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean F1 over the even-numbered clusters (0, 2, ...: where NeuS constants are tuned)
    and over the odd-numbered ones (held out: the honest figure)."""
    return {
        half: {m: round(v, 2) for m, v in mean_scores(rows[start::2]).items()}
        for half, start in (("even", 0), ("odd", 1))
    }


def run_neus(root: Path, limit: int | None, nlp, words: int = NEUS_WORDS) -> dict:  # noqa: ANN001
    clusters = [
        json.loads(line)
        for line in (root / "clusters.jsonl").read_text().splitlines()
        if line.strip()
    ]
    clusters = clusters[:limit]
    systems = {
        p.stem: p.read_text(encoding="utf-8").splitlines()
        for p in sorted((root / "systems").glob("*.txt"))
    }
    rows: dict[str, list[dict[str, float]]] = {}
    seconds = []
    for i, cluster in enumerate(clusters):
        with Timer() as timer:
            parsed = parse_articles(neus_articles(cluster["sources"], i), nlp)
            summary = summarize(
                parsed, words=words, penalties=sentence_penalties(parsed), facts=align_facts(parsed)
            )
        seconds.append(timer.seconds)
        rows.setdefault("manysides", []).append(f1_scores(cluster["target"], text_of(summary)))
        for name, lines in systems.items():
            rows.setdefault(name, []).append(
                f1_scores(cluster["target"], lines[i] if i < len(lines) else "")
            )
    means = {k: {m: round(v, 2) for m, v in mean_scores(r).items()} for k, r in rows.items()}
    print(f"\nNeuS dev ({len(clusters)} clusters), ROUGE F1 x100, manysides at {words} words:")
    for name, s in sorted(means.items(), key=lambda kv: -kv[1]["R2"]):
        print(f"{name:28} {s['R1']:6.2f} {s['R2']:6.2f} {s['RL']:6.2f}")
    halves = neus_halves(rows["manysides"])
    print(
        "manysides by half (constants are tuned on the even-numbered clusters; the odd half is "
        "held out): "
        + ", ".join(f"{k} R-1 {v['R1']:.2f} R-2 {v['R2']:.2f}" for k, v in halves.items())
    )
    best = {m: max(v[m] for k, v in means.items() if k != "manysides") for m in ("R1", "R2", "RL")}
    return {
        "clusters": len(clusters),
        "words": words,
        "manysides": means["manysides"],
        "manysides_halves": halves,
        "best_system": best,
        "systems": {k: v for k, v in means.items() if k != "manysides"},
        "seconds_per_cluster": round(statistics.fmean(seconds), 3),
    }


# --- main ---------------------------------------------------------------------------------

# Gate: the first GATE_DUC DUC clusters and the first GATE_NEUS NeuS clusters (about 85 s on
# 2 cores; the official systems are not rescored). The code is deterministic, so the full
# run's figures on exactly these subsets are the gate's own figures: DUC focused / generic
# ROUGE-2 0.0768 / 0.0806, NeuS ROUGE-1 / ROUGE-2 F1 45.19 / 21.21, with the framing stage's
# penalties, as the pipeline runs (now 0.0743 / 0.0788 and 45.33 / 21.34: framing lexicon
# changes, cut-off sentences left out, a headline in every NeuS summary, and datelines kept
# on their first sentence (nlp 4a1a041: 0.0761 / 0.0801 before it; the full 50 clusters
# 0.0988 / 0.0985)). Floors were set about 5% under the earlier figures; the focused floor
# is now only about 2% under, so a small further loss fails the gate.
# Ten DUC clusters, not four: the neutral-adverb lexicon change (20cb0c3) moved the first
# four clusters' focused ROUGE-2 from 0.0854 to 0.0753 (-12%) while the full 50 moved from
# 0.1002 to 0.0990 (-1.2%) and the first ten from 0.0796 to 0.0768; four clusters swing too
# far on a penalty change to hold a floor. History on the first four: 0.0889 / 0.0802 at
# first; framing changes 0.0881 / 0.0790; "US" read as the country 0.0854 / 0.0790. The
# shared-core weighting of generic summaries (summary_scores.SHARED_EXPONENT) raised full
# DUC generic ROUGE-2 from 0.0950 to 0.0982; comparing headlines and body sentences apart
# (summarize.redundant) raised the NeuS subset from 43.89 / 20.27.
# Reading DUC as the product ingests it (bench/_common.duc_article: entities unescaped, the
# wire's `` and '' quotation marks kept, no longer turned into '"') moved these ten clusters
# from 0.0778 / 0.0794 to 0.0747 / 0.0781 and the full 50 from 0.0995 / 0.0984 to
# 0.0980 / 0.0978; the same reader with the marks turned into '"' gets 0.0997 / 0.0987 on
# the full 50, so the loss is in how the pipeline reads those marks, not in the reader.
# The product's SGML reader now reads them as curly marks (ingest/sgml._WIRE_QUOTES): these
# ten clusters 0.0758 / 0.0777, the full 50 0.0993 / 0.0982. Stemmed concepts with pairs
# one word apart (summary_scores.concepts_of): ten clusters 0.0797 /
# 0.0787, the full 50 0.1000 / 0.0986; NeuS subset 46.02 / 22.07. With the facts passed as
# the report does and a body sentence of a chosen fact redundant (summarize.redundant), and
# half quotations left out (summary_units._quotation_penalty): ten clusters 0.0810 / 0.0788,
# NeuS subset 47.55 / 23.13; with the demonstrative, dash-item, "Good News:" and time-stamp
# rules (summary_units) 0.0818 / 0.0783, NeuS subset 47.75 / 23.24; with a title parsed as
# one sentence (nlp.title_end) and the "That's", capitals and aside rules 0.0816 / 0.0785,
# NeuS subset 47.60 / 23.04.
GATE_DUC = 10
GATE_NEUS = 50
GATE_FLOORS = {
    "duc.manysides_focused.R2": 0.073,
    "duc.manysides_generic.R2": 0.076,
    "neus.manysides.R1": 42.4,
    "neus.manysides.R2": 19.8,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duc", type=Path, default=data_path("duc2006"))
    parser.add_argument("--neus", type=Path, default=data_path("neus_dev"))
    parser.add_argument("--gate", action="store_true", help="subset within ~90 s, with floors")
    parser.add_argument("--clusters", type=int, default=None, help="only the first N DUC clusters")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="parse cache folder for repeated tuning runs (timings then warm)",
    )
    parser.add_argument("--skip", choices=("duc", "neus"), action="append", default=[])
    args = parser.parse_args(argv)
    skip_if_missing(args.duc, "summarize")
    skip_if_missing(args.neus, "summarize")
    with Timer() as load:
        nlp = load_nlp()
        nlp("One warm-up sentence, so that one-time set-up is not billed to the first cluster.")
    figures: dict = {
        "bench": "summarize",
        "gate": args.gate,
        "model_load_s": round(load.seconds, 2),
        "cold_cache": args.cache is None,
    }
    duc_limit = GATE_DUC if args.gate else args.clusters
    if "duc" not in args.skip:
        cache = DirCache(args.cache) if args.cache else None
        # The gate leaves out the official systems (their scores do not depend on our code).
        figures["duc"] = report_duc(run_duc(args.duc, duc_limit, cache, nlp, peers=not args.gate))
        if not args.gate and duc_limit is None:
            figures["duc"]["vs_nist"] = compare_official(args.duc, figures["duc"]["official"])
    if "neus" not in args.skip:
        figures["neus"] = run_neus(args.neus, GATE_NEUS if args.gate else None, nlp)
    figures["peak_memory_mb"] = peak_memory_mb()
    print(f"peak memory {figures['peak_memory_mb']} MiB")
    # Floors apply to the parts that ran (--skip leaves the other's figures out).
    floors = {k: v for k, v in GATE_FLOORS.items() if k.split(".")[0] in figures}
    finish(figures, floors if args.gate else None)


if __name__ == "__main__":
    main()
