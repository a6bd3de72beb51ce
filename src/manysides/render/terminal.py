"""Terminal rendering with Rich: the story at a glance for ``manysides show``.

Text from articles and the outlet registry goes to Rich as ``Text``, never as a markup
string: a headline or outlet name holding "[bold]", "[/]" or ":fire:" shows as written
(as markup it would be styled, replaced by an emoji, or raise ``MarkupError``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import StoryReport
from .document import report_to_dict
from .view import (
    LOADED_SHOWN,
    VERDICTS,
    ReportView,
    clash_words,
    dated_pieces,
    figure_heading,
    more_label,
    other_speaker,
    short_title,
    shown_segments,
    variant_label,
)


def _articles(view: ReportView) -> Table:
    coverage = view.leaning_coverage
    title = "Coverage" + (
        " · by leaning: " + ", ".join(f"{k} {v}" for k, v in coverage.items()) if coverage else ""
    )
    table = Table(title=title, expand=True, title_justify="left")
    columns = ("#", "Outlet", *(("Leaning",) if coverage else ()), "Headline", "Published", "Kind")
    for column in columns:
        table.add_column(column, overflow="fold")
    for n, a in enumerate(view.articles, 1):
        outlet = view.outlet(a["id"]) + (" (copy)" if a.get("duplicate_of") else "")
        leaning = (Text(view.leaning_label(a["id"]) or "—"),) if coverage else ()
        table.add_row(
            str(n), Text(outlet), *leaning, Text(a["display_title"]),
            Text((a["published"] or "—")[:10]), Text(view.genre(a["id"])),
        )
    return table


def _summary(view: ReportView) -> Panel:
    numbers = view.citation_number()
    text = Text()
    for s in view.doc["summary"]:
        marks = sorted({numbers[c["article_id"]] for c in s["citations"] if c["article_id"] in numbers})
        text.append("• " + s["text"] + " ")
        text.append("".join(f"[{n}]" for n in marks), style="bold blue")
        text.append("\n")
    return Panel(text or Text("No sentence could be selected."), title="Summary", title_align="left")


def _facts(view: ReportView, limit: int = 15) -> Table | None:
    coverage = view.doc.get("coverage")
    if not coverage or not view.doc["facts"]:
        return None
    # Outlets are headed by their articles' numbers in the coverage table above, with a key
    # below: at 80 columns, five outlets' names squeezed the facts to one character a line.
    key = Text(" · ".join(f"[{view.outlet_numbers(o)}] {o}" for o in coverage["outlets"]), "table.caption")
    table = Table(
        title="What each outlet reports", expand=True, title_justify="left",
        caption=key, caption_justify="left",
    )
    table.add_column("Fact", ratio=1, overflow="fold")
    for outlet in coverage["outlets"]:
        table.add_column(view.outlet_numbers(outlet) or "?", justify="center", no_wrap=True)
    for fact in view.doc["facts"][:limit]:
        reporting = set(coverage["matrix"].get(fact["id"], []))
        marks = ["[green]●[/]" if o in reporting else "[dim]·[/]" for o in coverage["outlets"]]
        text = Text(short_title(fact["text"], 110))
        if fact["id"] in view.disputed_facts:
            text.append(" ⚠ figures differ", style="bold red")
        table.add_row(text, *marks)
    return table


def _variant(v: Mapping[str, Any], base_text: str) -> Text:
    segments = shown_segments(v, base_text)
    if all(kind == "same" for kind, _ in segments):
        return Text(str(v["text"]))  # nothing differs: the outlet's own punctuation
    text = Text()
    styles = {"added": "bold green", "extended": "green", "dropped": "strike red",
              "truncated": "strike dim", "splice": "magenta"}
    for kind, piece in segments:
        text.append(piece + " ", style=styles.get(kind, ""))
    return text


def _quotes(view: ReportView, limit: int = 8) -> Panel | None:
    """The report's first ``limit`` quote groups, speaker by speaker as the HTML and
    Markdown reports show them; a bullet opens each group, its variants one a line."""
    if not view.doc["quotes"]:
        return None
    shown = {id(group) for group in view.doc["quotes"][:limit]}
    parts: list[RenderableType] = []
    for speaker, groups in view.quotes_by_speaker():
        groups = [g for g in groups if id(g) in shown]
        if not groups:
            continue
        head = Text(speaker, style="bold")
        if role := view.speaker_role(speaker):
            head.append(f"  {role}", style="dim")
        parts.append(head)
        for group in groups:
            if group.get("speaker_conflict"):
                parts.append(Text("  ⚠ outlets attribute these words to different speakers", style="red"))
            for n, v in enumerate(group["variants"]):
                how = variant_label(v)
                if other := other_speaker(group, v):
                    how += f"; attributed to {other}"
                line = Text("  • " if n == 0 else "    ")
                line.append(f"{view.variant_outlet(group, v)} ({how}): ", style="cyan")
                parts.append(line + _variant(v, group["text"]))
    if rest := [group for group in view.doc["quotes"] if id(group) not in shown]:
        parts.append(Text(f"and {more_label(rest)} in the full report", style="dim"))
    return Panel(Group(*parts), title="Who said what", title_align="left")


def _numbers(view: ReportView) -> Panel | None:
    groups = view.number_groups()
    if not groups:
        return None
    text = Text()
    styles = {"disagree": "bold red", "disagree within": "bold red", "changed within": "yellow",
              "differ": "yellow", "agree": "green"}  # fmt: skip
    for verdict, group in groups:
        text.append(f"{figure_heading(group)} ", style="bold")
        text.append(f"({VERDICTS[verdict]})\n", style=styles[verdict])
        against = view.contradicted(group)
        mark, words = clash_words(verdict)
        # An outlet giving the same figure twice (in its lead and again lower down) is one
        # line, with the count: two identical lines read as a rendering fault. A figure in
        # conflict names the figures it contradicts, as in the other reports: "⚠ contradicts"
        # alone, on one of two outlets giving the same figure, read as a fault too.
        lines: dict[str, tuple[int, dict[str, None]]] = {}
        for n, v in enumerate(group["values"]):
            condition = f" ({v['condition']})" if v.get("condition") else ""
            line = f"  {view.outlet(v['article_id'])}: {v['text']}{condition}"
            times, clashes = lines.get(line, (0, {}))
            clashes.update(dict.fromkeys(against.get(n, ())))
            lines[line] = (times + 1, clashes)
        for line, (times, clashes) in lines.items():
            text.append(line + (f" (×{times})" if times > 1 else ""))
            if clashes:
                text.append(f" {mark}{words} {', '.join(clashes)}", style=styles[verdict])
            text.append("\n")
    border = "red" if groups[0][0].startswith("disagree") else "white"
    return Panel(text, title="Numbers across outlets", title_align="left", border_style=border)


def _framing(view: ReportView) -> Panel | None:
    framing = view.doc["framing"]
    text = Text()
    for pair in framing.get("pairs", []):
        names = "; ".join(f"{view.label(o)}: “{t}”" for o, t in pair["terms"])
        text.append(f"{pair['concept']}: {names}\n")
    for outlet, terms in view.terms_by_outlet(6).items():
        text.append(f"{view.label(outlet)}: ", style="cyan")
        text.append(", ".join(t["term"] for t in terms) + "\n")
    for row in view.loaded_sentences[:LOADED_SHOWN]:
        # the whole sentence, its loaded words marked, as the other reports show it: the
        # words alone do not say what they were said of
        text.append(f"{view.outlet(row.article_id)}: ", style="cyan")
        for piece, label in row.pieces:
            text.append(" ".join(piece.split("\n")), style="bold yellow" if label else "")
        text.append(f" ({' · '.join(row.notes)})\n", style="dim")
    biased = view.biased_sentences(5)
    if biased:
        shares = ", ".join(f"{o} {n}/{total}" for o, n, total in view.biased_share_by_outlet())
        text.append(f"Sentences that read as biased ({shares}):\n", style="bold")
    for b in biased:
        text.append(f"{view.outlet(b['article_id'])} ({b['score']:.1f}): ", style="cyan")
        text.append(short_title(b["text"], 160))
        text.append(f" ({'; '.join(b['cues'])})\n", style="dim")
    return Panel(text, title="Framing", title_align="left") if text else None


def _timeline(view: ReportView, limit: int = 12) -> Table | None:
    if not view.doc["timeline"]:
        return None
    table = Table(title="Timeline", expand=True, title_justify="left", show_header=False)
    table.add_column("When", no_wrap=True)
    table.add_column("What", overflow="fold")
    for t in view.doc["timeline"][:limit]:
        when = Text(t["when"]) if t["resolved"] else Text.assemble((f"{t['when']}?", "dim"))
        outlets = "; ".join(view.timeline_outlets(t))
        before, phrase, after = dated_pieces(t, 160)
        table.add_row(when, Text.assemble(before, (phrase, "underline"), after, (f" [{outlets}]", "dim")))
    return table


def render_terminal_doc(doc: Mapping[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    view = ReportView(doc)
    console.rule(Text(doc["story"]["title"], style="bold"))
    if doc["framing"].get("blindspot"):
        console.print(Text.assemble(("Blindspot: ", "bold yellow"), view.blindspot_text()))
    for part in (_articles(view), _summary(view), _facts(view), _quotes(view), _numbers(view),
                 _framing(view), _timeline(view)):
        if part is not None:
            # The tables and panels must wrap whatever console the caller passes: printed
            # soft-wrapped, Rich cuts each of their lines at the edge.
            console.print(part, soft_wrap=False)


def render_terminal(report: StoryReport, console: Console | None = None) -> None:
    render_terminal_doc(report_to_dict(report), console)
