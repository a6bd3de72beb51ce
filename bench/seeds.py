"""Acceptance checks on ../shared/data/seeds, the five articles manysides is built around.

Runs the whole pipeline (ingest, clean, tier-1 grouping, tier-2 report) on the seeds and
checks what each issue promises for them, printing one line per check and the JSON line last:

- ingest/clean: five articles, no problems, boilerplate removed with its reason;
- stories: 000-002 one event, 003 and 004 an event each, all five one storyline;
- summary: neutral wording, every summary sentence cites real sentences and every seed that
  states it;
- quotes: the attorney general's statement to employers is one group quoted by 000-002;
- facts: the fine amounts differ across outlets without being flagged, nor "more than 1,500";
- entities: the attorney general, the acting ICE director and both laws, with roles;
- timeline: the law's signing, then its taking effect, then the week's events;
- framing: the editorializing phrases of 000 flagged; across the storyline, the outlets'
  names for immigrants paired.

Seed articles are named by their file-name prefix (000 ... 004); no seed text is stored here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _common import Timer, data_path, finish, peak_memory_mb, skip_if_missing  # noqa: E402
from manysides import pipeline  # noqa: E402
from manysides.render import report_to_dict  # noqa: E402
from manysides.settings import Settings  # noqa: E402
from manysides.store import Store  # noqa: E402

BOILERPLATE_REASONS = {
    "syndication credit", "teaser", "logo caption", "byline", "widget", "share prompt",
    "licensing trailer", "truncation notice", "comment form",
}


def seed_names(doc: dict[str, Any]) -> dict[str, str]:
    """Article id → seed prefix ("000" ...), from the source path."""
    return {a["id"]: Path(a["source"]).name[:3] for a in doc["articles"]}


def sentence(doc: dict[str, Any], article_id: str, index: int) -> str:
    article = next(a for a in doc["articles"] if a["id"] == article_id)
    start, end = article["sentences"][index]
    return str(article["text"][start:end])


def check_ingest(outcome: pipeline.IngestOutcome, store: Store) -> dict[str, bool]:
    articles = store.get_articles(outcome.article_ids)
    reasons = {r.reason for a in articles for r in a.removed}
    return {
        "five_articles_no_problems": len(articles) == 5 and not outcome.problems,
        "boilerplate_removed_with_reasons": reasons == BOILERPLATE_REASONS,
    }


def check_stories(store: Store) -> dict[str, bool]:
    grouping = store.grouping()
    prefix = {a.id: Path(a.source or "").name[:3] for e in grouping.events for a in store.get_articles(e.article_ids)}
    events = sorted(sorted(prefix[a] for a in e.article_ids) for e in grouping.events)
    return {
        "employers_story_one_event": events == [["000", "001", "002"], ["003"], ["004"]],
        "one_storyline": len(grouping.storylines) == 1,
    }


SCHEMA_FILE = Path(__file__).resolve().parents[1] / "src" / "manysides" / "render" / "report.schema.json"


def check_schema(doc: dict[str, Any]) -> dict[str, bool]:
    """The report validates against the manysides.report/1 JSON Schema."""
    import jsonschema

    errors = list(jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).iter_errors(doc))
    for error in errors[:3]:
        print(f"schema: {error.json_path}: {error.message}")
    return {"report_json_valid": not errors}


def check_summary(doc: dict[str, Any]) -> dict[str, bool]:
    text = " ".join(s["text"] for s in doc["summary"]).lower()
    cited_ok = all(
        any(_overlap(s["text"], sentence(doc, c["article_id"], c["sentence"])) > 0.6 for c in s["citations"])
        for s in doc["summary"]
    )
    return {
        "summary_not_empty": bool(doc["summary"]),
        "summary_neutral": "go rogue" not in text and "illegal aliens" not in text,
        "summary_cites_real_sentences": cited_ok,
        "summary_sentences_cite_two_or_more_outlets": sum(len({c["article_id"] for c in s["citations"]}) >= 2 for s in doc["summary"]) >= 2,
    }


# Facts of the employers story that two or more seeds state, read by hand: seed prefix →
# indexes of its sentences (as the pipeline splits them) that state the fact. A summary
# sentence taken from one of them must cite every seed listed for it; a sentence in no
# group states what one seed alone reports.
SHARED_FACTS: dict[str, dict[str, tuple[int, ...]]] = {
    "attorney general's warning to employers": {"000": (0,), "001": (0, 1), "002": (5,)},
    "his statement to employers": {"000": (1,), "001": (2,), "002": (6,)},
    "what the workplace law forbids employers": {"000": (5,), "001": (11,)},
    "the fines": {"000": (6,), "001": (1, 5), "002": (5,)},
    "reports of a planned sweep": {"000": (2,), "001": (6,), "002": (0, 8, 10)},
    "the ICE director's warning on Fox News": {"001": (7, 8), "002": (9,)},
    "his call to charge politicians": {"000": (8,), "001": (16,)},
    "the sanctuary law's signing and limits": {"001": (9, 10), "002": (15,)},
}


def check_summary_citations(doc: dict[str, Any]) -> dict[str, bool]:
    """Each summary sentence cites every seed that states it (``SHARED_FACTS``)."""
    names = seed_names(doc)
    complete = True
    for line in doc["summary"]:
        source = line["citations"][0]
        key = (names[source["article_id"]], source["sentence"])
        reporting = {
            seed for fact in SHARED_FACTS.values() if key[1] in fact.get(key[0], ()) for seed in fact
        }
        missing = reporting - {names[c["article_id"]] for c in line["citations"]}
        if missing:
            complete = False
            print(f"summary sentence from {key[0]}:{key[1]} does not cite {', '.join(sorted(missing))}")
    return {"summary_cites_every_seed_stating_it": bool(doc["summary"]) and complete}


def _overlap(a: str, b: str) -> float:
    words = lambda t: set(re.findall(r"\w+", t.lower()))  # noqa: E731
    return len(words(a) & words(b)) / max(1, len(words(a)))


def check_quotes(doc: dict[str, Any]) -> dict[str, bool]:
    names = seed_names(doc)
    groups = [
        g for g in doc["quotes"]
        if "Becerra" in (g["speaker"] or "") and {names[v["article_id"]] for v in g["variants"]} >= {"000", "001", "002"}
    ]
    differs = bool(groups) and any(op["op"] != "equal" for v in groups[0]["variants"] for op in v["diff"])
    return {"employers_statement_one_group": len(groups) == 1, "employers_statement_diff_shown": differs}


def check_quantities(doc: dict[str, Any]) -> dict[str, bool]:
    money = [g for g in doc["quantities"] if any(v["unit"] in ("USD", "$", "dollars", "usd") or v["text"].startswith("$") for v in g["values"])]
    fines = [g for g in money if {10000, 5000} <= {v["value"] for v in g["values"]}]
    crowd = [g for g in doc["quantities"] if any(v["value"] == 1500 for v in g["values"])]
    return {
        "fine_amounts_differ_across_outlets": bool(fines) and len({v["article_id"] for v in fines[0]["values"]}) >= 2,
        "fines_not_flagged": bool(fines) and not any(g["conflict"] for g in fines),
        "1500_not_flagged": bool(crowd) and not any(g["conflict"] for g in crowd),
    }


def check_entities(doc: dict[str, Any]) -> dict[str, bool]:
    by_name = {e["name"]: e for e in doc["entities"]}
    ag = by_name.get("Xavier Becerra", {})
    ice = by_name.get("Thomas Homan", {})
    laws = [e for e in doc["entities"] if e["type"] == "law"]
    law_names = {n for e in laws for n in (e["name"], *e.get("aliases", []))}
    return {
        "attorney_general_with_role": "attorney general" in (ag.get("role") or "").lower(),
        "acting_ice_director_with_role": "director" in (ice.get("role") or "").lower(),
        "both_laws": "AB 450" in law_names and "SB 54" in law_names,
    }


# Events of the employers story that several seeds date, read by hand: seed prefix → the
# index of its sentence that dates the event. Each must be one timeline entry whose sources
# are exactly these sentences.
DATED_EVENTS: dict[str, dict[str, int]] = {
    "the attorney general's warning on Thursday": {"000": 1, "001": 1, "002": 5},
    "the ICE director on Fox News earlier this month": {"000": 8, "002": 9},
    "the sanctuary law signed in October": {"001": 9, "002": 15},
}


def check_timeline(doc: dict[str, Any]) -> dict[str, bool]:
    texts = [t["text"].lower() for t in doc["timeline"]]

    def first(pattern: str) -> int:
        return next((i for i, t in enumerate(texts) if re.search(pattern, t)), -1)

    signed, effect, week = first(r"\bsigned\b"), first(r"jan\. 1|january 1"), first(r"thursday")
    names = seed_names(doc)
    cited = [{(names[c["article_id"]], c["sentence"]) for c in t["sources"]} for t in doc["timeline"]]
    one_entry = True
    for event, sentences in DATED_EVENTS.items():
        wanted = set(sentences.items())
        holding = [sources for sources in cited if sources & wanted]
        if holding != [wanted]:
            one_entry = False
            print(f"timeline: {event} is in entries citing {[sorted(h) for h in holding]}, not one citing {sorted(wanted)}")
    return {
        "timeline_signing_effect_week_in_order": -1 < signed < effect < week,
        "timeline_one_entry_per_event_citing_every_seed": one_entry,
    }


def check_framing(doc: dict[str, Any]) -> dict[str, bool]:
    names = seed_names(doc)
    loaded_000 = " | ".join(s["text"].lower() for s in doc["framing"]["loaded"] if names[s["article_id"]] == "000")
    return {"editorializing_000_flagged": "go rogue" in loaded_000 and "constitutionally questionable" in loaded_000}


def check_storyline_framing(store: Store, settings: Settings) -> dict[str, bool]:
    """The outlets' names for immigrants contrasted across the storyline (all five seeds)."""
    (line,) = store.grouping().storylines or (None,)
    result = pipeline.corpus_framing(store, settings, line.id) if line else None
    terms = {term.lower() for p in result.pairs for _outlet, term in p.terms} if result else set()
    return {
        "immigrant_naming_contrast": "undocumented immigrants" in terms
        and bool({"illegal immigrants", "criminal aliens"} & terms)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=data_path("seeds"))
    parser.add_argument("--gate", action="store_true", help="fail when a check does not hold")
    args = parser.parse_args()
    skip_if_missing(args.seeds, "seeds")
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{Path(tmp) / 'seeds.db'}") as store, Timer() as timer:
        settings = Settings()
        outcome = pipeline.ingest([args.seeds], store, settings)
        checks: dict[str, bool] = {**check_ingest(outcome, store), **check_stories(store)}
        event = store.event_of_article(next(a for a in store.get_articles(outcome.article_ids) if Path(a.source or "").name.startswith("000")).id)
        doc = report_to_dict(pipeline.story_report(store, event.id, settings)) if event else None
        report_checks: list[Callable[[dict[str, Any]], dict[str, bool]]] = [
            check_schema, check_summary, check_summary_citations, check_quotes, check_quantities, check_entities, check_timeline, check_framing,
        ]
        for check in report_checks:
            checks.update(check(doc) if doc else {check.__name__: False})
        checks.update(check_storyline_framing(store, settings))
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    figures = {"bench": "seeds", "checks": {k: int(v) for k, v in checks.items()},
               "passed": sum(checks.values()), "total": len(checks),
               "seconds": round(timer.seconds, 2), "peak_memory_mb": peak_memory_mb()}
    finish(figures, {f"checks.{k}": 1 for k in checks} if args.gate else None)


if __name__ == "__main__":
    main()
