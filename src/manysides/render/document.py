"""The ``manysides.report/1`` JSON document: the contract for every renderer and the API.

Field names follow DESIGN.md; fields beyond the contract are added, never renamed.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..model import Article, Citation, QuoteGroup, StoryReport, TimelineEntry
from ..outlets import outlet_labels

SCHEMA = "manysides.report/1"


def _citation(c: Citation) -> dict[str, Any]:
    return {"article_id": c.article_id, "sentence": c.sentence}


def _article(
    report: StoryReport, a: Article, duplicate_of: str | None, label: str
) -> dict[str, Any]:
    sentences = [[s.start, s.end] for s in report.sentences if s.article_id == a.id]
    return {
        "id": a.id,
        "outlet": a.outlet,
        "outlet_label": label,
        "title": a.title,
        "display_title": a.display_title,
        "url": a.url,
        "author": a.author,
        "published": a.published.isoformat() if a.published else None,
        "duplicate_of": duplicate_of,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
        "source": a.source,
        "text": a.text,
        "sentences": sentences,
    }


def _quote_group(group: QuoteGroup) -> dict[str, Any]:
    return {
        "speaker": group.speaker,
        "text": group.text,
        "speaker_conflict": group.speaker_conflict,
        "reported": group.reported,
        "variants": [
            {
                "article_id": v.article_id,
                "sentence": v.sentence,
                "text": v.text,
                "cue": v.cue,
                "speaker": v.speaker,
                "verbatim": v.verbatim,
                "kind": v.kind,
                "diff": [{"op": d.op, "base": d.base, "variant": d.variant} for d in v.diff],
            }
            for v in group.variants
        ],
    }


def _timeline(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "when": entry.when,
        "resolved": entry.resolved,
        "text": entry.text,
        "article_id": entry.article_id,
        "sentence": entry.sentence,
        "expression": entry.expression,
        "sources": [
            _citation(c) for c in entry.sources or (Citation(entry.article_id, entry.sentence),)
        ],
    }


def _framing(report: StoryReport) -> dict[str, Any]:
    f = report.framing
    return {
        "terms": [{"term": t.term, "outlet": t.outlet, "z": round(t.z, 3)} for t in f.terms],
        "loaded": [
            {
                "article_id": s.article_id,
                "sentence": s.sentence,
                "text": s.text,
                "reason": s.reason,
                "start": s.start,
                "end": s.end,
                "quoted": s.quoted,  # inside quotation marks: the speaker's word, not the outlet's
            }
            for s in f.loaded
        ],
        "pairs": [{"concept": p.concept, "terms": [list(t) for t in p.terms]} for p in f.pairs],
        "labels": [
            {"article_id": a.article_id, "label": a.label, "reasons": list(a.reasons)}
            for a in f.labels
        ],
        "leaning_coverage": dict(f.leaning_coverage),
        "blindspot": f.blindspot,
        "leanings": dict(f.leanings),
        "biased": [
            {
                "article_id": b.article_id,
                "sentence": b.sentence,
                "score": b.score,
                "cues": list(b.cues),
                "text": b.text,
            }
            for b in f.biased
        ],
    }


def _coverage(report: StoryReport) -> dict[str, Any] | None:
    cov = report.coverage
    if cov is None:
        return None
    return {
        "outlets": list(cov.outlets),
        "matrix": {fact_id: list(outlets) for fact_id, outlets in cov.matrix},
        "exclusive": {outlet: list(ids) for outlet, ids in cov.exclusive},
        "omitted": {outlet: list(ids) for outlet, ids in cov.omitted},
    }


def report_to_dict(report: StoryReport) -> dict[str, Any]:
    """The report as a plain dict following ``manysides.report/1``."""
    copies = {d.article_id: d.original_id for d in report.duplicates}
    labels = outlet_labels(report.articles)
    return {
        "schema": SCHEMA,
        "story": {
            "id": report.story_id,
            "title": report.title,
            "event_id": report.event_id,
            "storyline_id": report.storyline_id,
        },
        "articles": [
            _article(report, a, copies.get(a.id), labels[a.id]) for a in report.articles
        ],
        "summary": [
            {"text": s.text, "citations": [_citation(c) for c in s.citations]}
            for s in report.summary
        ],
        "rejected": [{"text": r.text, "reason": r.reason} for r in report.rejected],
        "facts": [
            {
                "id": f.id,
                "text": f.text,
                "support": [_citation(c) for c in f.support],
                "outlets": list(f.outlets),
                "restated": list(f.restated),
            }
            for f in report.facts
        ],
        "coverage": _coverage(report),
        "quotes": [_quote_group(g) for g in report.quotes],
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "role": e.role,
                "affiliation": e.affiliation,
                "aliases": list(e.aliases),
                "mentions": dict(e.mentions),
            }
            for e in report.entities
        ],
        "quantities": [
            {
                "subject": g.subject,
                "conflict": g.conflict,
                "conflicts": [list(pair) for pair in g.conflicts],  # indexes into values
                "values": [
                    {
                        "article_id": q.article_id,
                        "sentence": q.sentence,
                        "text": q.text,
                        "value": q.value,
                        "upper": q.upper,
                        "unit": q.unit,
                        "qualifier": q.qualifier,
                        "condition": q.condition,
                    }
                    for q in g.values
                ],
            }
            for g in report.quantities
        ],
        "framing": _framing(report),
        "timeline": [_timeline(t) for t in report.timeline],
        "duplicates": [asdict(d) for d in report.duplicates],
        "shared_passages": [asdict(s) for s in report.shared_passages],
        "related_events": [
            {"id": e.id, "label": e.label, "articles": len(e.article_ids)}
            for e in report.related_events
        ],
    }


def render_json(report: StoryReport) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)
