import io
import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from manysides.model import (
    Article,
    BiasedSentence,
    Citation,
    Coverage,
    DiffOp,
    Duplicate,
    Entity,
    Fact,
    Framing,
    FramingTerm,
    LoadedSpan,
    Quantity,
    QuantityGroup,
    QuoteGroup,
    QuoteVariant,
    RejectedSentence,
    Removed,
    Sentence,
    StoryReport,
    SummarySentence,
    TimelineEntry,
)
from manysides.render import (
    render_html,
    render_json,
    render_markdown,
    render_terminal,
    report_to_dict,
)
from manysides.render.html import article_blocks
from manysides.render.view import VERDICTS, ReportView, counted, dated_pieces, figure_heading

SCHEMA = json.loads((Path(__file__).parents[1] / "src/manysides/render/report.schema.json").read_text())

TEXT_A = "The council approved the budget on Monday. It adds 40 buses.\n\nMayor Ruth Adebayo called it “a fair deal for riders.”"
TEXT_B = "Councillors passed a reckless budget. The plan adds 25 buses, officials said."


def sentences(article_id: str, text: str, spans: list[tuple[int, int]]) -> tuple[Sentence, ...]:
    return tuple(Sentence(article_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))


def two_outlet_coverage(first: str, second: str) -> Coverage:
    """Coverage as facts.coverage lays it out when both outlets report f1 and only the
    first reports f2."""
    both = (first, second)
    return Coverage(both, (("f1", both), ("f2", (first,))), ((first, ("f2",)), (second, ())), ())


def sample_report() -> StoryReport:
    a = Article("a1", TEXT_A, title="Council passes budget", outlet="Metro Wire",
                published=datetime(2025, 5, 6, tzinfo=UTC), removed=(Removed("Share this story", "share prompt"),))
    b = Article("b2", TEXT_B, title="A reckless budget", outlet="Town Crier")
    sents = sentences("a1", TEXT_A, [(0, 42), (43, 60), (62, 115)]) + sentences("b2", TEXT_B, [(0, 37), (38, 78)])
    loaded_start = TEXT_B.index("reckless")
    return StoryReport(
        story_id="e-a1", title="Council passes budget", event_id="e-a1", storyline_id="s-a1",
        articles=(a, b), sentences=sents,
        duplicates=(),
        summary=(SummarySentence("The council approved the budget on Monday.", (Citation("a1", 0), Citation("b2", 0))),),
        facts=(Fact("f1", "The council approved the budget on Monday.", (Citation("a1", 0), Citation("b2", 0)), ("Metro Wire", "Town Crier")),
               Fact("f2", "It adds 40 buses.", (Citation("a1", 1),), ("Metro Wire",))),
        coverage=two_outlet_coverage("Metro Wire", "Town Crier"),
        quotes=(QuoteGroup("Ruth Adebayo", "a fair deal for riders", (
            QuoteVariant("a1", 2, "a fair deal for riders", "called", "Ruth Adebayo",
                         (DiffOp("equal", "a fair deal for riders", "a fair deal for riders"),)),
            QuoteVariant("b2", 1, "a good deal for riders", "said", "Ruth Adebayo",
                         (DiffOp("equal", "a", "a"), DiffOp("replace", "fair", "good"), DiffOp("equal", "deal for riders", "deal for riders")), False),
        )),),
        entities=(Entity("Ruth Adebayo", "person", (("a1", 1),), role="Mayor", affiliation="Greens"),),
        quantities=(QuantityGroup("buses", (Quantity("a1", 1, "40 buses", 40, "buses"), Quantity("b2", 1, "25 buses", 25, "buses")), True),),
        framing=Framing(terms=(FramingTerm("reckless", "Town Crier", 2.5),),
                        loaded=(LoadedSpan("b2", 0, "reckless", "evaluative adjective", loaded_start, loaded_start + 8),)),
        timeline=(TimelineEntry("2025-05-05", True, "The council approved the budget on Monday.", "a1", 0, "on Monday",
                                (Citation("a1", 0), Citation("b2", 0))),),
    )


def lone_quote(speaker: str, article_id: str, sentence: int, words: str, written: str = "") -> QuoteGroup:
    """A quotation one article carries, "said"; ``written``: how the article writes it."""
    return QuoteGroup(speaker, words, (QuoteVariant(
        article_id, sentence, written or words, "said", speaker, (DiffOp("equal", words, words),)),))


def test_json_follows_the_contract_schema() -> None:
    doc = json.loads(render_json(sample_report()))
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema"] == "manysides.report/1"
    assert doc["story"] == {"id": "e-a1", "title": "Council passes budget", "event_id": "e-a1", "storyline_id": "s-a1"}
    assert doc["summary"][0]["citations"] == [{"article_id": "a1", "sentence": 0}, {"article_id": "b2", "sentence": 0}]
    assert doc["articles"][0]["removed"] == [{"text": "Share this story", "reason": "share prompt"}]
    assert doc["articles"][0]["published"] == "2025-05-06T00:00:00+00:00"
    assert doc["articles"][0]["sentences"] == [[0, 42], [43, 60], [62, 115]]
    assert doc["quantities"][0]["conflict"] is True
    assert doc["entities"][0]["mentions"] == {"a1": 1}
    assert doc["framing"]["loaded"][0]["quoted"] is False
    assert doc["coverage"]["matrix"] == {"f1": ["Metro Wire", "Town Crier"], "f2": ["Metro Wire"]}
    assert doc["timeline"][0]["sources"] == [{"article_id": "a1", "sentence": 0}, {"article_id": "b2", "sentence": 0}]


def test_timeline_outlets_name_each_outlet_once() -> None:
    report = sample_report()
    follow_up = Article("c3", "The council approved the budget on Monday night.", outlet="Metro Wire")
    entry = replace(report.timeline[0], sources=(*report.timeline[0].sources, Citation("c3", 0)))
    report = replace(report, articles=(*report.articles, follow_up), timeline=(entry,))
    view = ReportView(report_to_dict(report))
    assert view.timeline_outlets(view.doc["timeline"][0]) == ["Metro Wire", "Town Crier"]


def test_an_outlets_exclusive_facts_are_shown_by_one_in_its_own_words() -> None:
    report = sample_report()
    quoted = Fact("f0", "“We will ride for free,” the mayor said.", (Citation("a1", 2),), ("Metro Wire",))
    coverage = Coverage(("Metro Wire", "Town Crier"), (("f1", ("Metro Wire", "Town Crier")),
                        ("f0", ("Metro Wire",)), ("f2", ("Metro Wire",))),
                        (("Metro Wire", ("f0", "f2")), ("Town Crier", ())), ())
    changed = replace(report, facts=(*report.facts, quoted), coverage=coverage)
    assert "- Only **Metro Wire** reports 2 facts, e.g. “It adds 40 buses.”" in render_markdown(changed)
    assert "reports 2 facts, e.g. “It adds 40 buses.”</p>" in render_html(changed)
    only_quoted = replace(changed, coverage=replace(coverage, exclusive=(("Metro Wire", ("f0",)),)))
    # a sentence opening with a quotation is not set in quotation marks again
    assert "e.g. “We will ride for free,” the mayor said.\n" in render_markdown(only_quoted)
    assert "e.g. “We will ride for free,” the mayor said.</p>" in render_html(only_quoted)


def test_json_marks_copies_with_their_original() -> None:
    report = sample_report()
    copy = Article("c3", TEXT_A + " Extra.", title="Council passes budget", outlet="Syndicator")
    report = StoryReport(**{**report.__dict__, "articles": report.articles + (copy,),
                            "duplicates": (Duplicate("c3", "a1", 0.93),)})
    doc = report_to_dict(report)
    assert [a["duplicate_of"] for a in doc["articles"]] == [None, None, "a1"]
    assert doc["duplicates"] == [{"article_id": "c3", "original_id": "a1", "similarity": 0.93}]


def test_markdown_sections() -> None:
    md = render_markdown(sample_report())
    assert md.startswith("# Council passes budget\n")
    assert "- The council approved the budget on Monday. [1][2]" in md
    assert "| It adds 40 buses. | ● | · |" in md
    assert "- Only **Metro Wire** reports 1 fact, e.g. “It adds 40 buses.”" in md
    assert "### Ruth Adebayo (Mayor, Greens)\n\n> a fair deal for riders\n" in md
    assert "- **Metro Wire** (verbatim, called): a fair deal for riders" in md
    assert "- **Town Crier** (reworded, said): a ~~fair~~ **good** deal for riders" in md
    assert "**buses** — ⚠ outlets disagree\n- Metro Wire: 40 buses — “It adds 40 buses.”" in md
    assert "- Town Crier: 25 buses — “The plan adds 25 buses, officials said.”" in md
    assert "- Town Crier: Councillors passed a **reckless** budget. _(evaluative adjective)_" in md
    assert "- **2025-05-05** — The council approved the budget *on Monday*. [Metro Wire; Town Crier]" in md
    assert "   - removed (share prompt): “Share this story”" in md
    assert "Story `e-a1` · 2 articles from 2 outlets" in md
    assert "- **Ruth Adebayo** (person, Mayor, Greens) — 1 mention in 1 article" in md


def test_html_is_self_contained_and_links_citations_to_sentences() -> None:
    html = render_html(sample_report())
    assert "http://" not in html and "https://" not in html  # no CDN, nothing remote
    assert '<span class="sent" id="s-a1-0">The council approved the budget on Monday.</span>' in html
    assert 'href="#s-b2-0" data-article="b2" data-sentence="0"' in html
    assert "<del>fair</del>" in html and "<ins>good</ins>" in html
    assert 'Councillors passed a <mark title="evaluative adjective">reckless</mark> budget.' in html
    assert "<title>Council passes budget — manysides</title>" in html
    assert "2 articles · 2 outlets" in html and "— 1 mention, 1 article</span>" in html
    assert 'Mayor <span class="meta">(Greens)</span>' in html
    timeline = html[html.index('<section id="timeline">'):]
    timeline = timeline[: timeline.index("</section>")]
    assert re.findall(r'class="cite" href="#(s-[^"]+)"', timeline) == ["s-a1-0", "s-b2-0"]
    assert 'The council approved the budget <span class="dated" title="the date phrase that places this entry">on Monday</span>.' in timeline


def test_article_blocks_keep_paragraphs_and_gaps() -> None:
    doc = report_to_dict(sample_report())
    blocks = article_blocks(doc["articles"][0], doc["framing"]["loaded"])
    assert [[seg["index"] for seg in p] for p in blocks] == [[0, None, 1], [2]]
    assert blocks[0][1]["pieces"] == [{"text": " ", "reason": None}]


def test_terminal_shows_summary_and_conflicts() -> None:
    console = Console(record=True, width=120)
    render_terminal(sample_report(), console)
    text = console.export_text()
    assert "The council approved the budget on Monday. [1][2]" in text
    assert "Numbers across outlets" in text and "buses (⚠ outlets disagree)" in text
    assert "Town Crier: 25 buses" in text
    assert "Ruth Adebayo  Mayor, Greens" in text
    assert "The council approved the budget on Monday. [Metro Wire; Town Crier]" in text  # timeline


def test_a_sentence_quoted_behind_a_figure_leaves_its_wire_dateline_out() -> None:
    report = sample_report()
    dated = "MILLBROOK, Ore. (Metro Wire) — The council approved the budget on Monday. It adds 40 buses."
    a = replace(report.articles[0], text=dated)
    cut = dated.index(" It adds")
    sents = sentences("a1", dated, [(0, cut), (cut + 1, len(dated))]) + report.sentences[3:]
    changed = replace(report, articles=(a, report.articles[1]), sentences=sents)
    view = ReportView(json.loads(render_json(changed)))
    assert view.sentence_text("a1", 0) == "The council approved the budget on Monday."
    assert view.sentence_text("a1", 1) == "It adds 40 buses."
    assert "- Metro Wire: 40 buses — “It adds 40 buses.”" in render_markdown(changed)


def test_the_coverage_table_gives_each_outlets_leaning_when_the_registry_knows_it() -> None:
    report = sample_report()
    framing = replace(report.framing, leaning_coverage=(("lean-left", 1), ("unknown", 1)),
                      leanings=(("a1", "lean-left"), ("b2", "")))
    changed = replace(report, framing=framing)
    md = render_markdown(changed)
    assert "| # | Outlet | Leaning | Headline | Published | Kind |\n|---|---|---|---|---|---|" in md
    assert "| 1 | Metro Wire | lean-left | Council passes budget | 2025-05-06 |" in md
    assert "| 2 | Town Crier | — | A reckless budget | — |" in md
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(changed, console)
    terminal = console.export_text()
    assert "Coverage · by leaning: lean-left 1, unknown 1" in terminal
    assert re.search(_row("1", "Metro Wire", "lean-left", "Council passes budget", "2025-05-06"), terminal)
    # no registry, no column
    assert "| # | Outlet | Headline | Published | Kind |" in render_markdown(report)


def test_dated_pieces_mark_the_phrase_that_places_an_entry() -> None:
    entry = {"text": "Hale, who took office in March, said the pier would reopen next spring.",
             "expression": "March"}
    assert dated_pieces(entry) == ("Hale, who took office in ", "March",
                                   ", said the pier would reopen next spring.")
    # shortened around the phrase, whole words kept at the cut
    assert dated_pieces(entry, 40) == ("…took office in ", "March", ", said the pier…")
    assert dated_pieces({"text": "The pier reopened.", "expression": "Friday"}, 10) == ("The pier…", "", "")
    assert dated_pieces({"text": "The pier reopened.", "expression": ""}) == ("The pier reopened.", "", "")


def test_diff_segments_cover_every_op() -> None:
    from manysides.render.view import diff_segments

    ops = [
        {"op": "equal", "base": "we will", "variant": "we will"},
        {"op": "replace", "base": "never", "variant": "not"},
        {"op": "splice", "base": "abandon our", "variant": "…"},
        {"op": "delete", "base": "core", "variant": ""},
        {"op": "insert", "base": "", "variant": "shared"},
        {"op": "truncate", "base": "values today", "variant": ""},
        {"op": "extend", "base": "", "variant": "she added"},
    ]
    assert diff_segments(ops) == [
        ("same", "we will"), ("dropped", "never"), ("added", "not"), ("splice", "abandon our"),
        ("dropped", "core"), ("added", "shared"), ("truncated", "values today"), ("extended", "she added"),
    ]


def test_number_verdicts() -> None:
    def group(conflict: bool, *values: tuple[str, float, str, str]) -> dict:
        return {"subject": "fine", "conflict": conflict, "values": [
            {"article_id": aid, "sentence": 0, "text": text, "value": value, "upper": None, "unit": "$",
             "qualifier": qualifier, "condition": ""} for aid, value, text, qualifier in values]}

    doc = {"quantities": [
        group(False, ("a1", 50000, "up to $50,000", "up to"), ("b2", 50000, "up to $50,000", "up to")),
        group(False, ("a1", 50000, "up to $50,000", "up to"), ("b2", 25000, "$25,000", "")),
        group(True, ("a1", 40, "40", ""), ("b2", 25, "25", "")),
        group(False, ("a1", 7, "7", ""), ("a1", 9, "9", "")),  # one article only: not shown
    ]}
    assert [verdict for verdict, _ in ReportView(doc).number_groups()] == ["disagree", "differ", "agree"]


def test_figures_that_clash_only_between_one_outlets_articles_are_not_outlets_disagreeing() -> None:
    articles = [{"id": aid, "outlet": outlet} for aid, outlet in
                (("a1", "Harbour Times"), ("b2", "Coast Wire"), ("c3", "Harbour Times"))]

    def group(subject: str, conflicts: list, *figures: tuple[str, float]) -> dict:
        values = [{"article_id": aid, "sentence": 0, "text": f"${value} billion", "value": value,
                   "upper": None, "unit": "$", "qualifier": "", "condition": ""}
                  for aid, value in figures]
        return {"subject": subject, "conflict": True, "conflicts": conflicts, "values": values}

    doc = {"articles": articles, "quantities": [
        group("levy", [[0, 1]], ("a1", 1.4), ("c3", 1.6), ("b2", 1.6)),
        group("toll", [[0, 1], [1, 2]], ("a1", 1.4), ("c3", 1.6), ("b2", 1.4)),
    ]}
    view = ReportView(doc)
    assert [(verdict, g["subject"]) for verdict, g in view.number_groups()] == [
        ("disagree", "toll"), ("disagree within", "levy")
    ]
    assert VERDICTS["disagree within"] == "⚠ one outlet's articles disagree"


def test_one_outlets_figures_from_different_days_are_a_change_not_a_contradiction() -> None:
    # Before: "⚠ one outlet's articles disagree" and "⚠ contradicts" for an outlet's figure
    # of one week beside its figure of the next (a new offer on the table). Articles of one
    # day, or with no date, still disagree.
    report = sample_report()
    dated = replace(report.articles[1], outlet="Metro Wire", published=datetime(2025, 5, 13, tzinfo=UTC))
    values = (Quantity("a1", 1, "40 buses", 40, ""), Quantity("b2", 1, "25 buses", 25, ""))
    changed = replace(report, articles=(report.articles[0], dated),
                      quantities=(QuantityGroup("bus", values, True, ((0, 1),)),))
    view = ReportView(json.loads(render_json(changed)))
    assert [verdict for verdict, _ in view.number_groups()] == ["changed within"]
    md = render_markdown(changed)
    assert "**bus** — one outlet's figure changed between its articles of different days" in md
    assert "- Metro Wire: 40 buses _another day's figure: 25 buses (Metro Wire \\[2\\])_ — " in md
    assert "another day&#39;s figure: 25 buses (Metro Wire [2])" in render_html(changed)
    console = Console(record=True, width=160, file=io.StringIO())
    render_terminal(changed, console)
    assert "40 buses another day's figure: 25 buses (Metro Wire [2])" in console.export_text()
    same_day = replace(dated, published=datetime(2025, 5, 6, 18, tzinfo=UTC))
    undated = replace(dated, published=None)
    for other in (same_day, undated):
        doc = json.loads(render_json(replace(changed, articles=(report.articles[0], other))))
        assert [verdict for verdict, _ in ReportView(doc).number_groups()] == ["disagree within"]


def test_a_contradicted_figure_names_the_article_when_its_outlet_gave_two() -> None:
    articles = [{"id": aid, "outlet": outlet} for aid, outlet in
                (("a1", "Harbour Times"), ("b2", "Coast Wire"), ("c3", "Harbour Times"))]
    values = [{"article_id": aid, "text": text} for aid, text in
              (("a1", "$1.4 billion"), ("b2", "$1.6 billion"), ("c3", "$1.6 billion"))]
    group = {"values": values, "conflicts": [[0, 1], [0, 2]]}
    assert ReportView({"articles": articles}).contradicted(group) == {
        0: ("$1.6 billion (Coast Wire)", "$1.6 billion (Harbour Times [3])"),
        1: ("$1.4 billion (Harbour Times [1])",),
        2: ("$1.4 billion (Harbour Times [1])",),
    }


def test_quoted_loaded_words_say_they_are_the_speakers() -> None:
    report = sample_report()
    start = TEXT_A.index("fair")
    quoted = LoadedSpan("a1", 2, "fair", "evaluative adjective", start, start + 4, quoted=True)
    framing = Framing(loaded=report.framing.loaded + (quoted,))
    md = render_markdown(StoryReport(**{**report.__dict__, "framing": framing}))
    assert "Councillors passed a **reckless** budget. _(evaluative adjective)_" in md
    assert "**fair** deal for riders" in md and "_(evaluative adjective; in a quotation)_" in md


def test_counts_read_in_the_right_number() -> None:
    assert [counted(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
    assert counted(1, "other outlet") == "1 other outlet"
    assert [counted(n, "story", "stories") for n in (1, 2)] == ["1 story", "2 stories"]
    assert counted(9680, "story", "stories") == "9,680 stories"


def test_a_sentence_with_several_loaded_words_is_listed_once_with_each_marked() -> None:
    report = sample_report()
    text = "Critics said the so-called reform was a reckless, sweeping grab."
    article = replace(report.articles[1], text=text)

    def span(words: str, reason: str, quoted: bool = False) -> LoadedSpan:
        start = text.index(words)
        return LoadedSpan("b2", 0, words, reason, start, start + len(words), quoted=quoted)

    loaded = (
        span("reckless", "evaluative adjective"),
        span("so-called", "editorializing stance adverb"),
        span("sweeping", "hyperbole", quoted=True),
        span("so-called reform", "scare label"),  # overlaps the first: one mark
    )
    changed = replace(report, articles=(report.articles[0], article),
                      sentences=report.sentences[:3] + sentences("b2", text, [(0, len(text))]),
                      framing=Framing(loaded=loaded), quantities=())
    md = render_markdown(changed)
    assert md.count("Critics said") == 1
    assert ("- Town Crier: Critics said the **so-called reform** was a **reckless**, **sweeping** grab."
            " _(so-called reform: editorializing stance adverb, scare label · reckless: evaluative"
            " adjective · sweeping: hyperbole; in a quotation)_\n") in md
    html = render_html(changed)
    framing = html[html.index('<section id="framing">'):html.index('<section id="timeline">')]
    assert framing.count("<li>") == 1
    assert ('the <mark title="editorializing stance adverb, scare label">so-called reform</mark> was a '
            '<mark title="evaluative adjective">reckless</mark>, <mark title="hyperbole; in a quotation">'
            'sweeping</mark> grab.') in framing
    assert framing.count('<span class="badge">') == 3
    console = Console(record=True, width=200)
    render_terminal(changed, console)
    assert ("Town Crier: Critics said the so-called reform was a reckless, sweeping grab. (so-called"
            " reform:") in console.export_text()


def test_loaded_words_repeated_in_a_sentence_are_noted_once() -> None:
    report = sample_report()
    text = "A bold plan and a bold budget."
    first, second = text.index("bold"), text.rindex("bold")
    loaded = tuple(LoadedSpan("b2", 0, "bold", "evaluative adjective", a, a + 4) for a in (first, second))
    changed = replace(report, articles=(report.articles[0], replace(report.articles[1], text=text)),
                      sentences=report.sentences[:3] + sentences("b2", text, [(0, len(text))]),
                      framing=Framing(loaded=loaded), quantities=())
    md = render_markdown(changed)
    assert "- Town Crier: A **bold** plan and a **bold** budget. _(bold: evaluative adjective)_\n" in md


def test_loaded_word_is_marked_where_it_was_found_not_first() -> None:
    report = sample_report()
    text = "Backers call the plan bold, and it is a bold gamble with fares."
    article = replace(report.articles[1], text=text)
    start = text.index("bold", text.index("bold") + 1)
    sents = report.sentences[:3] + sentences("b2", text, [(0, len(text))])
    span = LoadedSpan("b2", 0, "bold", "evaluative adjective", start, start + 4)
    changed = replace(report, articles=(report.articles[0], article), sentences=sents,
                      framing=Framing(loaded=(span,)), quantities=())
    md = render_markdown(changed)
    assert "- Town Crier: Backers call the plan bold, and it is a **bold** gamble with fares." in md
    html = render_html(changed)
    assert 'the plan bold, and it is a <mark title="evaluative adjective">bold</mark> gamble' in html


def test_a_loaded_sentence_is_shown_without_the_wire_dateline_opening_it() -> None:
    # Before: "PORT ANSEL, Calder (CWS) — Backers call ..." in every report's framing list,
    # where every other quoted sentence leaves the dateline out.
    report = sample_report()
    text = "PORT ANSEL, Calder (CWS) — Backers call it a bold gamble with fares."
    start = text.index("bold")
    sents = report.sentences[:3] + sentences("b2", text, [(0, len(text))])
    span = LoadedSpan("b2", 0, "bold", "evaluative adjective", start, start + 4)
    changed = replace(report, articles=(report.articles[0], replace(report.articles[1], text=text)),
                      sentences=sents, framing=Framing(loaded=(span,)), quantities=())
    md = render_markdown(changed)
    assert "- Town Crier: Backers call it a **bold** gamble with fares. _(evaluative adjective)_\n" in md
    console = Console(record=True, width=200)
    render_terminal(changed, console)
    assert "Town Crier: Backers call it a bold gamble with fares. (evaluative" in console.export_text()


def test_unknown_outlets_are_named_by_article_number() -> None:
    report = sample_report()
    articles = tuple(replace(a, outlet=None) for a in report.articles)
    labels = ("unknown outlet: Council passes budget", "unknown outlet: A reckless budget")
    coverage = two_outlet_coverage(*labels)
    changed = replace(report, articles=articles, coverage=coverage)
    md = render_markdown(changed)
    # Brackets are escaped like any outlet label's (Markdown shows "unknown outlet [1]").
    assert "| Fact | unknown outlet \\[1\\] | unknown outlet \\[2\\] |" in md
    # In the text too: the headline the label carries is in the sources list already.
    assert "- Only **unknown outlet \\[1\\]** reports 1 fact, e.g. “It adds 40 buses.”" in md
    assert "- unknown outlet \\[2\\]: 25 buses — “The plan adds 25 buses, officials said.”" in md
    assert "\n1. unknown outlet \\[1\\] — Council passes budget\n" in md
    assert "| 2 | unknown outlet \\[2\\] | A reckless budget | — | — |" in md
    html = render_html(changed)
    assert f'<th class="outlet-col" title="{labels[1]}">unknown outlet [2]</th>' in html


def test_quote_tabs_have_unique_ids_and_name_their_panels() -> None:
    report = sample_report()
    (group,) = report.quotes
    quotes = (replace(group, speaker="Alexandra Petrova"), replace(group, speaker="Alexandra Peterson"))
    html = render_html(replace(report, quotes=quotes))
    ids = re.findall(r' id="(q\d[^"]*)"', html)
    assert len(ids) == 8 and len(set(ids)) == 8
    assert 'role="tab" id="q2-1-1-tab" aria-controls="q2-1-1"' in html
    assert 'id="q2-1-1" role="tabpanel" aria-labelledby="q2-1-1-tab"' in html


def test_terminal_wraps_on_a_soft_wrapping_console_and_keys_outlet_columns() -> None:
    report = sample_report()
    long_summary = (SummarySentence(
        "The council approved the budget on Monday after a long night of debate about bus"
        " routes, fares for students and the new depot on the east side of the town.",
        (Citation("a1", 0),)),)
    console = Console(record=True, width=60, soft_wrap=True, file=io.StringIO())
    render_terminal(replace(report, summary=long_summary), console)
    text = console.export_text()
    assert "depot on the east side of the town. [1]" in text  # wrapped, not cropped
    assert "┃ Fact" in text and "┃ 1 ┃ 2 ┃" in text
    assert "[1] Metro Wire · [2] Town Crier" in text


def test_a_conflicting_group_says_which_figures_contradict_which() -> None:
    report = sample_report()
    values = (Quantity("a1", 1, "40 buses", 40, ""), Quantity("b2", 1, "at least 25 buses", 25, "", "at least"),
              Quantity("b2", 1, "25 buses", 25, ""))
    changed = replace(report, quantities=(QuantityGroup("bus", values, True, ((0, 2),)),))
    doc = json.loads(render_json(changed))
    assert doc["quantities"][0]["conflicts"] == [[0, 2]]
    jsonschema.validate(doc, SCHEMA)
    md = render_markdown(changed)
    assert "- Metro Wire: 40 buses ⚠ _contradicts 25 buses (Town Crier)_ — “It adds 40 buses.”" in md
    assert "- Town Crier: at least 25 buses — “The plan adds 25 buses, officials said.”" in md
    assert "- Town Crier: 25 buses ⚠ _contradicts 40 buses (Metro Wire)_ — " in md
    html = render_html(changed)
    assert html.count('<li class="conflicting">') == 2
    assert "⚠ contradicts 25 buses (Town Crier)" in html
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(changed, console)
    terminal = console.export_text()
    assert "  Metro Wire: 40 buses ⚠ contradicts 25 buses (Town Crier) " in terminal
    assert "  Town Crier: at least 25 buses  " in terminal
    assert "  Town Crier: 25 buses ⚠ contradicts 40 buses (Metro Wire) " in terminal


def test_a_story_from_one_outlet_says_nothing_about_what_only_it_reports() -> None:
    # facts.coverage leaves such a story no exclusive facts; a report it did not make (an
    # earlier release's JSON, built by hand as here) listing its one outlet with every fact
    # renders without them too.
    report = sample_report()
    coverage = Coverage(("Metro Wire",), (("f1", ("Metro Wire",)), ("f2", ("Metro Wire",))),
                        (("Metro Wire", ("f1", "f2")),), ())
    changed = replace(report, articles=report.articles[:1], coverage=coverage)
    assert "Only **Metro Wire**" not in render_markdown(changed)
    assert "<strong>Only Metro Wire</strong>" not in render_html(changed)
    assert "- Only **Metro Wire** reports 1 fact" in render_markdown(report)


def test_markdown_shows_article_text_as_written_not_as_markup() -> None:
    report = sample_report()
    summary = (SummarySentence("``It adds *40* buses,'' the mayor_s aide said.", (Citation("a1", 0),)),)
    md = render_markdown(replace(report, summary=summary))
    assert "- \\`\\`It adds \\*40\\* buses,'' the mayor\\_s aide said. [1]" in md


def test_markdown_shows_outlet_names_and_article_text_as_written() -> None:
    report = sample_report()
    first, second = "Metro_Wire *Daily*", "[Crier](http://crier.example)"
    articles = (replace(report.articles[0], outlet=first), replace(report.articles[1], outlet=second))
    coverage = two_outlet_coverage(first, second)
    summary = (SummarySentence("# Buses & 1990. See [the plan](http://plan.example) <b>now</b>", (Citation("a1", 0),)),)
    group = report.quotes[0]
    renamed = tuple(replace(v, speaker="Ruth_Adebayo") for v in group.variants)
    quotes = (replace(group, speaker="Ruth_Adebayo", variants=renamed),)
    changed = replace(report, articles=articles, coverage=coverage, summary=summary, quotes=quotes)
    md = render_markdown(changed)
    assert "| 1 | Metro\\_Wire \\*Daily\\* | Council passes budget |" in md
    assert "- \\# Buses & 1990. See \\[the plan\\](http://plan.example) \\<b>now\\</b> [1]" in md
    assert "- Only **Metro\\_Wire \\*Daily\\*** reports 1 fact, e.g. “It adds 40 buses.”" in md
    assert "### Ruth\\_Adebayo" in md
    assert "- **\\[Crier\\](http://crier.example)** (reworded, said): " in md
    assert "- \\[Crier\\](http://crier.example): 25 buses — “The plan adds 25 buses, officials said.”" in md
    assert "\n2. \\[Crier\\](http://crier.example) — A reckless budget\n" in md
    # Rendered, every name and sentence reads as written: no link, heading or tag of theirs.
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "<a " not in html and "<b>" not in html and html.count("<h1>") == 1
    assert html.count("Metro_Wire *Daily*") == md.count("Metro\\_Wire \\*Daily\\*") == 7
    assert html.count("[Crier](http://crier.example)") == md.count("\\[Crier\\](http://crier.example)") == 6
    assert "<li># Buses &amp; 1990. See [the plan](http://plan.example) &lt;b&gt;now&lt;/b&gt; [1]</li>" in html
    assert "<h3>Ruth_Adebayo</h3>" in html


def test_markdown_escapes_what_starts_a_block_and_keeps_urls_whole() -> None:
    report = sample_report()
    texts = ("> Not a quote", "- not an item", "12) not a list", "1990. Not a list", "## Not a heading",
             "---", "3.5 is a figure", "#hashtags and -in-chief open nothing")
    summary = tuple(SummarySentence(t, (Citation("a1", 0),)) for t in texts)
    articles = (replace(report.articles[0], url="https://metro.example/a page<1>"), report.articles[1])
    md = render_markdown(replace(report, summary=summary, articles=articles))
    shown_as = ("\\> Not a quote", "\\- not an item", "12\\) not a list", "1990\\. Not a list", "\\## Not a heading",
                "\\---", "3.5 is a figure", "#hashtags and -in-chief open nothing")
    for shown in shown_as:
        assert f"\n- {shown} [1]\n" in md
    assert "1. Metro Wire — Council passes budget <https://metro.example/a%20page%3C1%3E>\n" in md
    html = MarkdownIt("commonmark").render(md)
    for text in texts:
        assert f"<li>{escape(text, quote=False)} [1]</li>" in html
    assert '<a href="https://metro.example/a%20page%3C1%3E">' in html


def test_terminal_shows_outlet_names_and_article_text_as_written() -> None:
    report = sample_report()
    first = "Metro [bold]Wire[/]"
    articles = (replace(report.articles[0], outlet=first, title="Buses :bus: [/] budget"), report.articles[1])
    coverage = two_outlet_coverage(first, "Town Crier")
    facts = (report.facts[0], replace(report.facts[1], text="It adds [red]40[/red] buses."))
    timeline = (TimelineEntry("[i]Monday", False, "Vote on [link=http://x.example]Monday[/link].", "a1", 0, "Monday"),)
    changed = replace(report, title="Council [/] passes :fire: budget", articles=articles, coverage=coverage,
                      facts=facts, timeline=timeline)
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(changed, console)
    text = console.export_text()
    assert " Council [/] passes :fire: budget " in text
    assert re.search(_row("1", first, "Buses :bus: [/] budget", "2025-05-06"), text)
    assert re.search(_row("It adds [red]40[/red] buses.", "●", "·"), text)
    assert "\n[1] Metro [bold]Wire[/] · [2] Town Crier " in text
    assert re.search(_row("[i]Monday?", "Vote on [link=http://x.example]Monday[/link]. [Metro [bold]Wire[/]]"), text)


def test_markdown_shows_cues_reasons_and_labels_as_written() -> None:
    # Before: a biased sentence's cues (which quote its words), a loaded span's reason, a
    # rejected sentence's reason and a removed passage's reason went into the Markdown raw.
    report = sample_report()
    start = TEXT_B.index("reckless")
    framing = replace(
        report.framing,
        loaded=(LoadedSpan("b2", 0, "reckless", "word *in* [list]", start, start + 8),),
        biased=(BiasedSentence("b2", 0, 1.5, ("emotive word: *reckless*", "tag: <b>x</b>"), "Councillors passed it."),),
    )
    articles = (replace(report.articles[0], removed=(Removed("Share", "share_prompt_"),)), report.articles[1])
    rejected = (RejectedSentence("It adds 90 buses.", "no support in [2]_"),)
    md = render_markdown(replace(report, framing=framing, articles=articles, rejected=rejected))
    assert "- Town Crier (score 1.5): Councillors passed it. _(emotive word: \\*reckless\\*; tag: \\<b>x\\</b>)_" in md
    assert "_(word \\*in\\* \\[list\\])_" in md
    assert "- ~~It adds 90 buses.~~ _(rejected: no support in \\[2\\]\\_)_" in md
    assert "   - removed (share\\_prompt\\_): “Share”" in md
    html = MarkdownIt("commonmark").enable(["strikethrough"]).render(md)
    assert "<em>(emotive word: *reckless*; tag: &lt;b&gt;x&lt;/b&gt;)</em>" in html
    assert "<em>(rejected: no support in [2]_)</em>" in html


def test_terminal_shows_the_blindspot_as_text_not_markup() -> None:
    report = replace(sample_report(), framing=replace(sample_report().framing, blindspot="[bold]left"))
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(report, console)
    assert "Blindspot: no [bold]left-leaning outlet covered this story" in console.export_text()


def _row(*cells: str) -> str:
    """A pattern for a table row's cells, each padded to its column's width."""
    return "│ " + " +│ ".join(re.escape(cell) for cell in cells) + " +│"


def _second_variant_as(base: str, text: str, ops: tuple[DiffOp, ...]) -> StoryReport:
    """The sample report with its quote group's base text ``base`` and the Town Crier
    variant quoting ``text`` with the diff ``ops``."""
    report = sample_report()
    (group,) = report.quotes
    variant = replace(group.variants[1], text=text, diff=ops)
    return replace(report, quotes=(replace(group, text=base, variants=(group.variants[0], variant)),))


def test_a_variants_diff_shows_the_outlets_punctuation() -> None:
    # The diff compares bare words; before, "deal, for riders!" showed as "deal for riders",
    # and a dropped sentence lost its full stop.
    ops = (DiffOp("equal", "a", "a"), DiffOp("replace", "fair", "good"),
           DiffOp("equal", "deal for riders", "deal for riders"), DiffOp("truncate", "It adds buses", ""))
    changed = _second_variant_as("a fair deal, for riders. It adds “buses.”", "a good deal, for riders!", ops)
    md = render_markdown(changed)
    assert "- **Town Crier** (reworded, said): a ~~fair~~ **good** deal, for riders! ~~It adds “buses.”~~\n" in md
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    assert "Town Crier (reworded): a fair good deal, for riders! It adds “buses.”" in console.export_text()
    assert "<del>fair</del> <ins>good</ins> deal, for riders! <del class=\"trunc\"" in render_html(changed)


def test_a_diff_word_that_is_a_mark_is_found_where_the_source_sets_it_close() -> None:
    # The diff splits "give up…" into "up" and "…"; before, no gap of zero characters was
    # allowed between them, the search failed, and the variant showed as bare diff words:
    # "give up … rights to privacy If you do so fines up to 10 000".
    said = "No one [can] give up… rights to privacy. If you do, fines — up to $10,000."
    ops = (DiffOp("replace", "Nobody", "No one"),
           DiffOp("equal", "[can] give up … rights to privacy If you do fines up to 10 000",
                  "[can] give up … rights to privacy If you do fines up to 10 000"))
    changed = _second_variant_as("Nobody [can] give up… rights to privacy. If you do, fines — up to $10,000.", said, ops)
    md = render_markdown(changed)
    assert "~~Nobody~~ **No one** \\[can\\] give up… rights to privacy. If you do, fines — up to $10,000.\n" in md
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    assert "Town Crier (reworded): Nobody No one [can] give up… rights to privacy. If you do, fines — up to $10,000." in (
        console.export_text())


def test_terminal_lists_quotes_speaker_by_speaker_and_repeats_no_figure() -> None:
    report = sample_report()
    (first,) = report.quotes
    other = lone_quote("Sam Okafor", "b2", 1, "we were not asked")
    second = lone_quote("Ruth Adebayo", "a1", 2, "riders come first", "riders come first!")
    again = Quantity("b2", 0, "25 buses", 25, "buses")
    (buses,) = report.quantities
    changed = replace(report, quotes=(first, other, second),
                      quantities=(replace(buses, values=(*buses.values, again)),))
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    text = console.export_text()
    shown = [line.strip("│ ") for line in text[text.index("Who said what"):].splitlines()[1:7]]
    assert shown == [
        "Ruth Adebayo  Mayor, Greens",
        "• Metro Wire (verbatim): a fair deal for riders",
        "Town Crier (reworded): a fair good deal for riders",
        "• Metro Wire (verbatim): riders come first!",
        "Sam Okafor",
        "• Town Crier (verbatim): we were not asked",
    ]
    assert "Town Crier: 25 buses (×2) " in text
    assert text.count("Town Crier: 25 buses") == 1
    # Eight groups are shown; the rest are counted.
    many = replace(report, quotes=(first, other, second) * 3 + (other,))
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(many, console)
    text = console.export_text()
    assert "│ and 2 more quotations in the full report " in text
    assert text.count("we were not asked") == 3


def test_a_quotation_one_outlet_carries_is_shown_once() -> None:
    report = sample_report()
    (first,) = report.quotes
    lone = lone_quote("Sam Okafor", "b2", 1, "we were not asked")
    marked = lone_quote("Ruth Adebayo", "a1", 2, "riders come first", "riders come first!")
    changed = replace(report, quotes=(first, lone, marked))
    md = render_markdown(changed)
    assert "> we were not asked\n\n- **Town Crier** (verbatim, said)\n" in md
    assert md.count("we were not asked") == 1
    # written otherwise by its outlet (its own mark): the outlet's words are shown too
    assert "- **Metro Wire** (verbatim, said): riders come first!\n" in md
    assert "- **Metro Wire** (verbatim, called): a fair deal for riders\n" in md  # two outlets
    html = render_html(changed)
    assert html.count("we were not asked") == 1
    assert html.count('<span class="variant-text">') == 3  # both of the first group's, the "!"


def test_a_long_list_of_quotations_or_loaded_phrases_folds_away_after_the_first() -> None:
    report = sample_report()
    (shared,) = report.quotes  # two outlets quote it: it comes first though it is last here
    alone = [lone_quote("Ruth Adebayo", "a1", 2, f"riders come first on route {n}") for n in range(1, 7)]
    text = " ".join(f"Stop {n} got a reckless timetable." for n in range(1, 13))
    bounds = [(m.start(), m.end()) for m in re.finditer(r"Stop \d+ [^.]+\.", text)]
    long_one = Article("c3", text, title="Timetables", outlet="Town Crier")
    spans = tuple(
        LoadedSpan("c3", i, "reckless", "evaluative adjective", a + 10 + len(str(i + 1)), a + 18 + len(str(i + 1)))
        for i, (a, _) in enumerate(bounds)
    )
    changed = replace(
        report, quotes=(*alone, shared), articles=(*report.articles, long_one),
        sentences=report.sentences + sentences("c3", text, bounds),
        framing=replace(report.framing, loaded=spans),
    )
    html = render_html(changed)
    first = html.index("a fair deal for riders")
    folded = html.index('<details class="more"><summary>3 more quotations of Ruth Adebayo</summary>')
    assert first < html.index("route 1") < html.index("route 3") < folded < html.index("route 4")
    framing = html[html.index('<section id="framing">'):html.index('<section id="timeline">')]
    assert framing.count("<mark ") == 12
    assert framing.count(">reckless</mark>") == 12
    loaded = framing.index('<details class="more"><summary>2 more sentences with loaded wording</summary>')
    assert framing.count("<mark ", 0, loaded) == 10
    assert framing.index("Stop 10 got a") < loaded < framing.index("Stop 11 got a")
    # two of each fit: nothing folds
    few = render_html(replace(report, quotes=(alone[0], shared)))
    assert '<details class="more">' not in few


def test_two_articles_of_one_outlet_quoting_the_same_words_are_told_apart() -> None:
    report = sample_report()
    (group,) = report.quotes
    again = Article("c3", TEXT_A + " More later.", title="Budget passes", outlet="Metro Wire")
    third = replace(group.variants[0], article_id="c3")
    changed = replace(report, articles=(*report.articles, again),
                      quotes=(replace(group, variants=(*group.variants, third)),))
    md = render_markdown(changed)
    assert "- **Metro Wire \\[1\\]** (verbatim, called): a fair deal for riders\n" in md
    assert "- **Metro Wire \\[3\\]** (verbatim, called): a fair deal for riders\n" in md
    assert "- **Town Crier** (reworded, said): " in md  # the only one of its outlet
    html = render_html(changed)
    tabs = re.findall(r'role="tab"[^>]*>([^<]+)</button>', html)
    assert tabs == ["Metro Wire [1]", "Town Crier", "Metro Wire [3]"]


def test_a_quoted_persons_role_is_shown_and_headings_start_with_a_capital() -> None:
    report = sample_report()
    (group,) = report.quotes
    unnamed = replace(group, speaker="a spokeswoman for the depot")
    html = render_html(replace(report, quotes=(group, unnamed)))
    assert '<h3>Ruth Adebayo <span class="meta">Mayor, Greens</span></h3>' in html
    assert "<h3>A spokeswoman for the depot</h3>" in html
    # The same description written with a capital elsewhere is the same heading.
    capital = replace(group, speaker="A spokeswoman for the depot")
    md = render_markdown(replace(report, quotes=(unnamed, capital)))
    assert md.count("### A spokeswoman for the depot\n") == 1
    # So is one written with a straight apostrophe and with a typographic one.
    straight = replace(group, speaker="the mayor's office")
    curly = replace(group, speaker="The mayor’s office")
    md = render_markdown(replace(report, quotes=(straight, curly)))
    assert md.count("### The mayor’s office\n") == 1 and "mayor's" not in md


def test_a_quoted_persons_role_is_found_under_a_lower_case_name() -> None:
    report = sample_report()
    (group,) = report.quotes
    (entity,) = report.entities
    renamed = replace(report, quotes=(replace(group, speaker="ruth de Adebayo"),),
                      entities=(replace(entity, name="ruth de Adebayo"),))
    assert "### Ruth de Adebayo (Mayor, Greens)\n" in render_markdown(renamed)
    assert '<h3>Ruth de Adebayo <span class="meta">Mayor, Greens</span></h3>' in render_html(renamed)


def _with_entity(**fields: str) -> StoryReport:
    """The sample report with its one entity (the quoted mayor) changed."""
    report = sample_report()
    (entity,) = report.entities
    return replace(report, entities=(replace(entity, **fields),))


@pytest.mark.parametrize(
    ("fields", "shown", "hidden"),
    [
        # a party the role already names is not repeated
        (
            {"role": "Democratic strategist", "affiliation": "Democrat"},
            "Democratic strategist",
            '<span class="meta">(Democrat)</span>',
        ),
        ({"role": "former Republican", "affiliation": "Democrat"}, "former Republican, Democrat", None),
        # a form of address after an office is left out; alone, or after no office, it stays
        ({"role": "Majority Whip Representative"}, "Majority Whip, Greens", "Representative"),
        ({"role": "Representative"}, "Representative, Greens", None),
        ({"role": "Conservative Representative"}, "Conservative Representative, Greens", None),
        # "another" compared the person with someone named before in their article
        ({"role": "another member of the defense team"}, "member of the defense team, Greens", "another"),
        # a role a headline gave in capitals
        ({"role": "FORMER DIRECTOR OF THE FBI"}, "Former Director of the FBI, Greens", "FORMER"),
    ],
)
def test_a_role_is_shown_without_a_repeated_party_or_a_form_of_address(
    fields: dict[str, str], shown: str, hidden: str | None
) -> None:
    report = _with_entity(**fields)
    md = render_markdown(report)
    assert f"### Ruth Adebayo ({shown})\n" in md
    assert f"- **Ruth Adebayo** (person, {shown}) — 1 mention in 1 article" in md
    html = render_html(report)
    assert f'<h3>Ruth Adebayo <span class="meta">{shown}</span></h3>' in html
    assert hidden is None or hidden not in html  # (the entity list too)
    console = Console(record=True, width=120)
    render_terminal(report, console)
    assert re.search(rf"Ruth Adebayo  {re.escape(shown)} +│", console.export_text())


def test_a_fact_row_cites_the_sentences_that_restate_it() -> None:
    # Coverage counts an outlet that states a fact in other words (``Fact.restated``) as
    # reporting it; before, the HTML row showed that outlet's dot with no citation of it.
    report = sample_report()
    first, second = report.facts
    restating = Fact("f3", "The plan adds 25 buses, officials said.", (Citation("b2", 1),), ("Town Crier",))
    both = ("Metro Wire", "Town Crier")
    coverage = Coverage(both, (("f1", both), ("f2", both), ("f3", ("Town Crier",))), tuple((o, ()) for o in both), ())
    changed = replace(report, facts=(first, replace(second, restated=("f3",)), restating), coverage=coverage)
    html = render_html(changed)
    row = html[html.index('<td class="fact-text">It adds 40 buses.'):]
    row = row[: row.index("</tr>")]
    assert re.findall(r'class="cite" href="#(s-[^"]+)"', row) == ["s-a1-1", "s-b2-1"]
    assert row.count('<span class="yes"') == 2


def test_a_variant_names_its_speaker_only_when_it_is_someone_else() -> None:
    # "Adebayo" is the group's "Ruth Adebayo": before, HTML said "attributed to Adebayo".
    report = sample_report()
    group = report.quotes[0]
    same, other = (replace(group.variants[0], speaker="Adebayo"), replace(group.variants[1], speaker="Ines Moreau"))
    changed = replace(report, quotes=(replace(group, variants=(same, other), speaker_conflict=True),))
    md = render_markdown(changed)
    assert "- **Metro Wire** (verbatim, called): a fair deal for riders\n" in md
    assert "- **Town Crier** (reworded, said; attributed to Ines Moreau): " in md
    html = render_html(changed)
    assert html.count("attributed to ") == 1 and '<span class="badge">attributed to Ines Moreau</span>' in html
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    text = console.export_text()
    assert "Town Crier (reworded; attributed to Ines Moreau): " in text and text.count("attributed to ") == 1


def test_a_fact_whose_outlets_give_contradicting_figures_says_so() -> None:
    # "It adds 40 buses" / "The plan adds 25 buses" are one fact; the numbers check flags
    # the figures. Before, the coverage row showed both outlets reporting "40 buses".
    report = sample_report()
    first, second = report.facts
    both = replace(second, support=(Citation("a1", 1), Citation("b2", 1)), outlets=("Metro Wire", "Town Crier"))
    (buses,) = report.quantities
    outlets = ("Metro Wire", "Town Crier")
    coverage = Coverage(outlets, (("f1", outlets), ("f2", outlets)), tuple((o, ()) for o in outlets), ())
    changed = replace(report, facts=(first, both), coverage=coverage, quantities=(replace(buses, conflicts=((0, 1),)),))
    assert ReportView(report_to_dict(changed)).disputed_facts == {"f2"}
    assert ReportView(report_to_dict(report)).disputed_facts == frozenset()  # no flagged pair
    assert "| It adds 40 buses. ⚠ *figures differ* | ● | ● |" in render_markdown(changed)
    html = render_html(changed)
    assert html.count("⚠ figures differ</a>") == 1 and 'href="#numbers"' in html
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    assert "It adds 40 buses. ⚠ figures differ " in console.export_text()


def test_the_stylesheet_closes_every_block_it_opens_and_no_more() -> None:
    # A stray "}" at the top level of a stylesheet makes the browser drop the rule after it
    # (moving the phone @media blocks once left two, which dropped ".speaker" and ".lean-left").
    from manysides.render.html import TEMPLATES

    css = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "style.css").read_text(encoding="utf-8"), flags=re.S)
    depth, depths = 0, []
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        depths.append(depth)
    assert min(depths) == 0 and depth == 0
    assert re.search(r"@media \(max-width: 600px\) \{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*$", css)


def test_a_number_group_without_a_subject_is_headed_by_what_its_unit_measures():
    def group(subject, unit):
        return {"subject": subject, "values": [{"unit": unit}]}

    assert [
        figure_heading(group(s, u))
        for s, u in (("fine", "$"), ("", "$"), ("", "%"), ("", "days"), ("", ""), ("", "acre"))
    ] == ["fine", "amount", "share", "duration", "count", "acre"]


def reported_statement(speaker: str, article_id: str, sentence: int, words: str) -> QuoteGroup:
    """A statement one article reports in its own words (no quotation), "said"."""
    return QuoteGroup(speaker, words, (QuoteVariant(
        article_id, sentence, words, "said", speaker, (DiffOp("equal", words, words),),
        verbatim=False, kind="indirect"),))


def test_a_statement_outlets_only_report_is_shown_after_the_quotations_and_marked() -> None:
    report = sample_report()
    (quoted,) = report.quotes
    told = reported_statement("Ruth Adebayo", "b2", 1, "Adebayo said the depot would open in May")
    changed = replace(report, quotes=(told, quoted))
    doc = json.loads(render_json(changed))
    jsonschema.validate(doc, SCHEMA)
    assert [(g["reported"], [v["kind"] for v in g["variants"]]) for g in doc["quotes"]] == [
        (True, ["indirect"]), (False, ["direct", "direct"])]
    md = render_markdown(changed)
    section = md[md.index("### Ruth Adebayo"):]
    assert section.index("> a fair deal for riders") < section.index(
        "> _Reported, not quoted:_ Adebayo said the depot would open in May\n\n"
        "- **Town Crier** (reported, said)\n")
    html = render_html(changed)
    assert html.index("a fair deal for riders") < html.index(
        '    <p class="meta">Reported, not quoted</p>\n'
        '    <blockquote class="quote-base reported">Adebayo said the depot would open in May</blockquote>')
    assert '<span class="badge">reported</span>' in html
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(changed, console)
    assert "• Town Crier (reported): Adebayo said the depot would open in May" in console.export_text()


def test_a_fold_says_how_many_quotations_and_reported_statements_it_holds() -> None:
    report = sample_report()
    (shared,) = report.quotes
    quoted = [lone_quote("Ruth Adebayo", "a1", 2, f"riders come first on route {n}") for n in range(1, 6)]
    told = [reported_statement("Ruth Adebayo", "b2", 1, f"Adebayo said stop {n} would move") for n in (1, 2)]
    html = render_html(replace(report, quotes=(*told, *quoted, shared)))
    assert '<summary>2 more quotations and 2 reported statements of Ruth Adebayo</summary>' in html
    only_told = render_html(replace(report, quotes=(shared, *told * 2)))
    assert '<summary>1 more reported statement of Ruth Adebayo</summary>' in only_told
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(replace(report, quotes=(*quoted * 2, *told)), console)
    assert "│ and 2 more quotations and 2 reported statements in the full report " in console.export_text()
