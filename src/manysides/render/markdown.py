"""Markdown rendering of a report: readable in a terminal pager, on GitHub, in a wiki."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ..model import StoryReport
from .document import report_to_dict
from .view import (
    VERDICTS,
    ReportView,
    clash_words,
    counted,
    dated_pieces,
    figure_heading,
    in_quotes,
    lone_variant,
    other_speaker,
    reported,
    role_and_party,
    short_title,
    shown_segments,
    variant_label,
)

# Text from articles and the outlet registry (titles, sentences, outlet and speaker names)
# is escaped so that it shows as written: newswire ``quotes'' would open code spans, "*" and
# "_" emphasis, "[x](y)" a link, "<" HTML, "|" a table cell, "&amp;" an entity. A backslash
# before ASCII punctuation always shows the character, so escaping never changes the text.
_INLINE_MARKUP = re.compile(r"([\\`*_<\[\]~|]|&(?=#?\w+;))")
# What opens a block at the start of a line: a quote, a heading ("# " or a bare "#"), a list
# item ("- ", "+ ", "1. ", "2) "), a rule ("---"); "#hashtag" and "-in-chief" open none. Any
# text may stand where a line's content starts (a list item's, a heading's, a quote's).
_BLOCK_START = re.compile(r"^(\s*)(>|#{1,6}(?=\s|$)|[+-](?=\s|[-\s]*$)|\d{1,9}(?=[.)](\s|$)))")


def _esc(text: str) -> str:
    """Text from an article or the registry as literal Markdown on one line. Every such
    text goes through here exactly once, where it is placed (escaping twice would show
    the backslashes)."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", " ".join(text.splitlines()))
    return _BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1, 2)
    if marker.isdigit():  # "1990. The year" would number a list: escape the "." or ")"
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def _autolink(url: str) -> str:
    """An article's URL as a Markdown autolink, which takes no backslash escapes: what would
    end it early (whitespace, "<", ">") is percent-encoded, as a browser would send it."""
    return "<" + re.sub(r"[\s<>]", lambda m: quote(m.group()), url) + ">"


def _marks(view: ReportView, citations: list[Mapping[str, Any]]) -> str:
    numbers = view.citation_number()
    ids = sorted({c["article_id"] for c in citations}, key=lambda i: numbers.get(i, 0))
    return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)


def _header(view: ReportView) -> list[str]:
    story = view.doc["story"]
    articles = view.articles
    lines = [f"# {_esc(story['title'])}", ""]
    lines.append(
        f"Story `{story['id']}` · {counted(len(articles), 'article')} from "
        f"{counted(len(view.outlets()), 'outlet')}"
        + (f" · storyline `{story['storyline_id']}`" if story.get("storyline_id") else "")
    )
    if view.doc["framing"].get("blindspot"):
        lines += ["", f"**Blindspot:** {_esc(view.blindspot_text())}"]
    coverage = view.leaning_coverage
    if coverage:
        lines += ["", "Coverage by leaning: " + ", ".join(f"{_esc(k)} {v}" for k, v in coverage.items())]
    leaning_head = " Leaning |" if coverage else ""
    lines += ["", f"| # | Outlet |{leaning_head} Headline | Published | Kind |",
              "|---|---|" + ("---|" if coverage else "") + "---|---|---|"]
    for n, a in enumerate(articles, 1):
        copy = " (copy)" if a.get("duplicate_of") else ""
        leaning = f" {_esc(view.leaning_label(a['id']) or '—')} |" if coverage else ""
        lines.append(
            f"| {n} | {_esc(view.outlet(a['id']))}{copy} |{leaning} {_esc(a['display_title'])} | "
            f"{_esc((a['published'] or '—')[:10])} | {_esc(view.genre(a['id']) or '—')} |"
        )
    return lines


def _summary(view: ReportView) -> list[str]:
    lines = ["", "## Summary", ""]
    if not view.doc["summary"]:
        return lines + ["_No sentence could be selected._"]
    for s in view.doc["summary"]:
        lines.append(f"- {_esc(s['text'])} {_marks(view, s['citations'])}")
    for r in view.doc.get("rejected", []):
        lines.append(f"- ~~{_esc(r['text'])}~~ _(rejected: {_esc(r['reason'])})_")
    return lines


def _facts(view: ReportView, limit: int = 25) -> list[str]:
    coverage = view.doc.get("coverage")
    facts = view.doc["facts"]
    if not facts or not coverage:
        return []
    outlets = coverage["outlets"]
    lines = ["", "## What each outlet reports", ""]
    lines.append("| Fact | " + " | ".join(_esc(short_title(view.label(o), 24)) for o in outlets) + " |")
    lines.append("|---|" + "---|" * len(outlets))
    for fact in facts[:limit]:
        reporting = set(coverage["matrix"].get(fact["id"], []))
        marks = " | ".join("●" if o in reporting else "·" for o in outlets)
        disputed = " ⚠ *figures differ*" if fact["id"] in view.disputed_facts else ""
        lines.append(f"| {_esc(short_title(fact['text'], 90))}{disputed} | {marks} |")
    if len(facts) > limit:
        lines.append(f"\n_{len(facts) - limit} more facts in the JSON report._")
    texts = view.fact_texts
    lines.append("")
    for outlet, ids in view.exclusive().items():
        if ids:
            example = _esc(short_title(view.example_fact(ids), 100))
            lines.append(f"- Only **{_esc(view.label(outlet))}** reports {len(ids)} fact{'s' if len(ids) != 1 else ''}, e.g. {in_quotes(example)}")
    for outlet, ids in coverage.get("omitted", {}).items():
        if ids:
            missed = "; ".join(in_quotes(_esc(short_title(texts.get(i, i), 80))) for i in ids[:3])
            more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
            lines.append(f"- **{_esc(view.label(outlet))}** leaves out what most others report: {missed}{more}")
    return lines


def _variant_md(variant: Mapping[str, Any], base_text: str) -> str:
    segments = shown_segments(variant, base_text)
    if all(kind == "same" for kind, _ in segments):
        return _esc(str(variant["text"]))  # nothing differs: show the outlet's own punctuation
    parts = []
    for kind, raw in segments:
        text = _esc(raw)
        if kind in ("added", "extended"):
            parts.append(f"**{text}**")
        elif kind in ("dropped", "truncated"):
            parts.append(f"~~{text}~~")
        elif kind == "splice":
            parts.append(f"_[… for: {text}]_")
        else:
            parts.append(text)
    return " ".join(p for p in parts if p)


def _quotes(view: ReportView) -> list[str]:
    if not view.doc["quotes"]:
        return []
    lines = ["", "## Who said what", ""]
    for speaker, groups in view.quotes_by_speaker():
        role = view.speaker_role(speaker)
        lines += [f"### {_esc(speaker)}" + (f" ({_esc(role)})" if role else ""), ""]
        for group in groups:
            flag = " ⚠ *attributed to different speakers*" if group.get("speaker_conflict") else ""
            told = "_Reported, not quoted:_ " if reported(group) else ""
            lines.append(f"> {told}{_esc(group['text'])}{flag}")
            lines.append("")
            for v in group["variants"]:
                how = variant_label(v)
                cue = f", {_esc(v['cue'])}" if v.get("cue") else ""
                other = other_speaker(group, v)
                who = f"; attributed to {_esc(other)}" if other else ""
                words = "" if lone_variant(group) else f": {_variant_md(v, group['text'])}"
                lines.append(f"- **{_esc(view.variant_outlet(group, v))}** ({how}{cue}{who}){words}")
            lines.append("")
    return lines


def _numbers(view: ReportView) -> list[str]:
    groups = view.number_groups()
    if not groups:
        return []
    lines = ["", "## Numbers across outlets", ""]
    for verdict, group in groups:
        lines.append(f"**{_esc(figure_heading(group))}** — {VERDICTS[verdict]}")
        against = view.contradicted(group)
        mark, words = clash_words(verdict)
        for n, v in enumerate(group["values"]):
            condition = f" ({_esc(v['condition'])})" if v.get("condition") else ""
            clash = f" {mark}_{words} {_esc(', '.join(against[n]))}_" if n in against else ""
            lines.append(
                f"- {_esc(view.outlet(v['article_id']))}: {_esc(v['text'])}{condition}{clash} — "
                f"{in_quotes(_esc(view.sentence_text(v['article_id'], v['sentence'])))}"
            )
        lines.append("")
    return lines


def _framing(view: ReportView) -> list[str]:
    framing = view.doc["framing"]
    lines = ["", "## Framing", ""]
    for pair in framing.get("pairs", []):
        names = "; ".join(f"{_esc(view.label(outlet))}: “{_esc(term)}”" for outlet, term in pair["terms"])
        lines.append(f"- Names for **{_esc(pair['concept'])}** — {names}")
    for outlet, terms in view.terms_by_outlet().items():
        lines.append(f"- **{_esc(view.label(outlet))}** favours: " + ", ".join(f"{_esc(t['term'])} (z {t['z']:.1f})" for t in terms))
    if framing["loaded"]:
        lines += ["", "Loaded wording:", ""]
        for row in view.loaded_sentences:
            shown = "".join(f"**{_esc(text)}**" if label else _esc(text) for text, label in row.pieces)
            notes = _esc(" · ".join(row.notes))
            lines.append(f"- {_esc(view.outlet(row.article_id))}: {shown} _({notes})_")
    biased = view.biased_sentences()
    if biased:
        shares = ", ".join(f"{_esc(o)} {n}/{total}" for o, n, total in view.biased_share_by_outlet())
        lines += ["", f"Sentences that read as biased (the outlet's own words; {shares}):", ""]
        for b in biased:
            cues = _esc("; ".join(b["cues"]))  # the cues quote the sentence's words
            lines.append(f"- {_esc(view.outlet(b['article_id']))} (score {b['score']:.1f}): {_esc(b['text'])} _({cues})_")
    return lines if len(lines) > 3 else []


def _timeline(view: ReportView) -> list[str]:
    if not view.doc["timeline"]:
        return []
    lines = ["", "## Timeline", ""]
    for t in view.doc["timeline"]:
        when = t["when"] if t["resolved"] else f"{t['when']} (relative, unresolved)"
        outlets = "; ".join(_esc(name) for name in view.timeline_outlets(t))
        before, phrase, after = dated_pieces(t)
        told = _esc(before) + (f"*{_esc(phrase)}*" if phrase else "") + _esc(after)
        lines.append(f"- **{_esc(when)}** — {told} [{outlets}]")
    return lines


def _entities(view: ReportView, limit: int = 20) -> list[str]:
    if not view.doc["entities"]:
        return []
    lines = ["", "## People, organizations, places and laws", ""]
    for e in view.doc["entities"][:limit]:
        kind = ", ".join(part for part in (e["type"], role_and_party(e)) if part)
        total = sum(e["mentions"].values())
        where = counted(len(e["mentions"]), "article")
        lines.append(f"- **{_esc(e['name'])}** ({_esc(kind)}) — {counted(total, 'mention')} in {where}")
    return lines


def _copies_and_related(view: ReportView) -> list[str]:
    lines = []
    if view.doc["duplicates"]:
        lines += ["", "## Copies", ""]
        for d in view.doc["duplicates"]:
            lines.append(
                f"- {_esc(view.outlet(d['article_id']))} republishes {_esc(view.outlet(d['original_id']))} "
                f"(similarity {d['similarity']:.2f})"
            )
    if view.doc.get("related_events"):
        lines += ["", "## Other events in this storyline", ""]
        lines += [
            f"- {_esc(e['label'])} ({counted(e['articles'], 'article')})" for e in view.doc["related_events"]
        ]
    return lines


def _sources(view: ReportView) -> list[str]:
    lines = ["", "## Sources", ""]
    for n, a in enumerate(view.articles, 1):
        where = f" {_autolink(a['url'])}" if a.get("url") else ""
        lines.append(f"{n}. {_esc(view.outlet(a['id']))} — {_esc(a['display_title'])}{where}")
        for r in a["removed"]:
            lines.append(f"   - removed ({_esc(r['reason'])}): “{_esc(short_title(r['text'], 80))}”")
    return lines


def render_markdown_doc(doc: Mapping[str, Any]) -> str:
    view = ReportView(doc)
    sections = (
        _header, _summary, _facts, _quotes, _numbers, _framing, _timeline, _entities,
        _copies_and_related, _sources,
    )
    lines: list[str] = []
    for section in sections:
        lines += section(view)
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(report: StoryReport) -> str:
    return render_markdown_doc(report_to_dict(report))
