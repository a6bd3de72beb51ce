"""Speed of the full tier-2 analysis of one story: DUC 2006 clusters (25 newswire articles).

What one story report costs, cold: spaCy parsing with an empty parse cache, then every
tier-2 stage through ``report.build_report`` (framing, facts, summary, coverage, quotes,
entities, quantities, timeline) and the JSON document (``render.report_to_dict``). The model
load is paid once per process and reported apart. Issues #4 and #6 ask for a 25-article
DUC cluster in under 10 s on the project's 2-core machine.

The headline is the largest cluster (by text length), analyzed first in a fresh process so
nothing is warm but the loaded model. Parsing runs as the pipeline runs it: a long batch in
one forked process per usable core (``Settings.parse_processes``). Wall seconds are what a
user waits on a quiet machine; CPU seconds (this process, all threads, and the forked
parsers) are what the gate checks, since CI and other jobs share the cores. Per-stage CPU
seconds are printed for the headline cluster; those of the stages a long story computes in
a forked child beside the others (framing and entities, see ``side_process.py``) are in the
total but not in that list.

``--gate``: the largest cluster only, with a regression floor: under 18 CPU seconds. The
issues' 10 s (what the user waits) is printed as ``wall_under_10s`` on every run but not
gated: in one process the same code took 8 to 12 CPU seconds on this host depending on the
hour (CPU time grows when other tenants share the cores' caches), and forked parsing adds
about 1.5 CPU-s (each worker's copy-on-write pages, the parses sent back) while halving the
parse's wall time. The stories gate keeps the same kind of headroom.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import data_path, duc_cluster, finish, peak_memory_mb, skip_if_missing  # noqa: E402
from manysides import report as report_module  # noqa: E402
from manysides.model import Article, Event, Grouping  # noqa: E402
from manysides.nlp import load_nlp, parse_articles  # noqa: E402
from manysides.render import report_to_dict  # noqa: E402
from manysides.settings import Settings  # noqa: E402

# The stages build_report calls, by the names it imports them under.
STAGES = (
    "analyze_framing",
    "sentence_penalties",
    "align_facts",
    "neutral_wording",
    "summarize",
    "coverage",
    "restated_facts",
    "analyze_quotes",
    "extract_entities",
    "compare_quantities",
    "build_timeline",
)
LIMIT_S = 10.0  # issues #4 and #6: a 25-article DUC cluster in under 10 s
GATE_LIMIT_S = 18.0  # CI's regression floor: 12 CPU-s of a slow host hour, half again


def clusters(root: Path) -> dict[str, list[Article]]:
    """Cluster name → its non-empty articles, largest cluster (by characters) first."""
    found = {
        folder.name: duc_cluster(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir()
    }
    return dict(sorted(found.items(), key=lambda kv: -sum(len(a.text) for a in kv[1])))


class StageClock:
    """CPU seconds spent in each stage build_report calls (wraps them while active)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.saved: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> StageClock:
        for name in STAGES:
            self.saved[name] = getattr(report_module, name)
            setattr(report_module, name, self._timed(name, self.saved[name]))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, function in self.saved.items():
            setattr(report_module, name, function)

    def _timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                self.seconds[name] = self.seconds.get(name, 0.0) + spent

        return timed


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended child processes (the forked parsers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def analyze(articles: list[Article], nlp: Any, settings: Settings) -> dict[str, Any]:
    """Parse (no cache) and report one story, as the pipeline does (the parse processes of
    ``settings``); wall and CPU seconds of each part."""
    event = Event("story", tuple(a.id for a in articles))
    grouping = Grouping(events=(event,))
    wall, cpu = time.perf_counter(), cpu_seconds()
    parsed = parse_articles(articles, nlp, processes=settings.parse_processes)
    parse_wall, parse_cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    with StageClock() as clock:
        report_to_dict(report_module.build_report(event, parsed, grouping, settings))
    total_wall, total_cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    return {
        "articles": len(articles),
        "tokens": sum(len(p.doc) for p in parsed),
        "seconds": round(total_wall, 3),
        "cpu_seconds": round(total_cpu, 3),
        "parse_seconds": round(parse_wall, 3),
        "parse_cpu_seconds": round(parse_cpu, 3),
        "analysis_cpu_seconds": round(total_cpu - parse_cpu, 3),
        "stage_cpu_seconds": {
            k: round(v, 3) for k, v in sorted(clock.seconds.items(), key=lambda kv: -kv[1])
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gate", action="store_true", help="the largest cluster, with a floor")
    parser.add_argument("--duc", type=Path, default=data_path("duc2006"), help="DUC 2006 folder")
    parser.add_argument("--clusters", type=int, default=50, help="clusters in the full run")
    args = parser.parse_args()
    skip_if_missing(args.duc / "docs", "analysis_speed")
    stories = clusters(args.duc / "docs")
    wall, cpu = time.perf_counter(), time.process_time()
    nlp = load_nlp()
    load = {
        "seconds": round(time.perf_counter() - wall, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
    }
    print(
        f"model load: {load['seconds']:.2f} s wall, {load['cpu_seconds']:.2f} s CPU (once per process)"
    )
    settings = Settings()
    runs: dict[str, dict[str, Any]] = {}
    for name, articles in list(stories.items())[: 1 if args.gate else args.clusters]:
        runs[name] = analyze(articles, nlp, settings)
        run = runs[name]
        print(
            f"{name}: {run['articles']} articles, {run['tokens']} tokens: {run['seconds']:.2f} s wall, "
            f"{run['cpu_seconds']:.2f} s CPU (parse {run['parse_cpu_seconds']:.2f}, "
            f"stages {run['analysis_cpu_seconds']:.2f})"
        )
    largest_name, largest = next(iter(runs.items()))
    print(
        f"largest DUC cluster full analysis, cold ({largest_name}): {largest['seconds']:.2f} s wall, "
        f"{largest['cpu_seconds']:.2f} s CPU; model load {load['seconds']:.2f} s apart"
    )
    print(
        "  stage CPU seconds: "
        + ", ".join(f"{k} {v:.3f}" for k, v in largest["stage_cpu_seconds"].items())
    )
    figures: dict[str, Any] = {
        "bench": "analysis_speed",
        "model_load": load,
        "largest": {
            "cluster": largest_name,
            **largest,
            "cpu_under_10s": 1.0 if largest["cpu_seconds"] < LIMIT_S else 0.0,
            "wall_under_10s": 1.0 if largest["seconds"] < LIMIT_S else 0.0,
            "cpu_under_gate_limit": 1.0 if largest["cpu_seconds"] < GATE_LIMIT_S else 0.0,
        },
        "clusters": len(runs),
        "max_seconds": max(r["seconds"] for r in runs.values()),
        "max_cpu_seconds": max(r["cpu_seconds"] for r in runs.values()),
        "mean_seconds": round(sum(r["seconds"] for r in runs.values()) / len(runs), 3),
        "mean_cpu_seconds": round(sum(r["cpu_seconds"] for r in runs.values()) / len(runs), 3),
        "peak_memory_mb": peak_memory_mb(),
        "peak_child_memory_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    # Gated on CPU seconds: wall time on a shared CI runner measures the neighbours too.
    finish(figures, {"largest.cpu_under_gate_limit": 1.0} if args.gate else None)


if __name__ == "__main__":
    main()
