"""Self-contained HTML rendering (inline CSS and JS, no network): one file per story.

The same templates serve the web app's story page, so a saved report and the live page match.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..model import StoryReport
from . import view as views
from .document import report_to_dict

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        short=views.short_title,
        in_quotes=views.in_quotes,
        counted=views.counted,
        span_label=views.span_label,
    )
    env.globals.update(
        shown_segments=views.shown_segments,
        lone_variant=views.lone_variant,
        other_speaker=views.other_speaker,
        reported=views.reported,
        variant_label=views.variant_label,
        more_label=views.more_label,
        dated_pieces=views.dated_pieces,
        figure_heading=views.figure_heading,
        clash_words=views.clash_words,
        party_shown=views.party_shown,
        role_shown=views.role_shown,
        verdicts=views.VERDICTS,
        quotes_shown=views.QUOTES_SHOWN,
        loaded_shown=views.LOADED_SHOWN,
    )
    return env


def _marks_in(text: str, offset: int, marks: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Split ``text`` (starting at char ``offset``) into plain and marked pieces."""
    pieces, cursor = [], 0
    for start, end, reason in marks:
        lo, hi = max(start - offset, cursor), min(end - offset, len(text))
        if lo >= hi:
            continue
        if lo > cursor:
            pieces.append({"text": text[cursor:lo], "reason": None})
        pieces.append({"text": text[lo:hi], "reason": reason})
        cursor = hi
    if cursor < len(text):
        pieces.append({"text": text[cursor:], "reason": None})
    return pieces


def article_blocks(article: Mapping[str, Any], loaded: list[Mapping[str, Any]]) -> list[list[dict[str, Any]]]:
    """Paragraphs of an article as lists of segments; sentences carry their index."""
    text = article["text"]
    marks = sorted(
        (s["start"], s["end"], s["reason"]) for s in loaded if s["article_id"] == article["id"] and s["end"] > s["start"]
    )
    sentences = article.get("sentences", [])
    paragraphs: list[list[dict[str, Any]]] = [[]]
    cursor = 0
    for index, (start, end) in enumerate(sentences):
        gap = text[cursor:start]
        if "\n\n" in gap and paragraphs[-1]:
            paragraphs.append([])
        elif gap:
            paragraphs[-1].append({"index": None, "pieces": [{"text": gap, "reason": None}]})
        paragraphs[-1].append({"index": index, "pieces": _marks_in(text[start:end], start, marks)})
        cursor = end
    return [p for p in paragraphs if p]


def render_html_doc(doc: Mapping[str, Any], *, standalone: bool = True) -> str:
    """The story as a self-contained HTML page, or (``standalone=False``) as the page body
    the web app puts in its own layout, with links to the storyline's other stories."""
    view = views.ReportView(doc)
    loaded = list(doc["framing"]["loaded"])
    blocks = {a["id"]: article_blocks(a, loaded) for a in doc["articles"]}
    template = environment().get_template("report.html" if standalone else "story_body.html")
    return template.render(doc=doc, view=view, blocks=blocks, standalone=standalone)


def render_html(report: StoryReport) -> str:
    return render_html_doc(report_to_dict(report))
