"""Typer commands: thin wrappers over the library. Errors become one line on stderr."""

from __future__ import annotations

import functools
import json
import socket
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from .errors import ConfigError, ManysidesError
from .settings import Settings, load_settings

# The pipeline, the store and the renderers pull in spaCy, scikit-learn, SQLAlchemy and
# Alembic (seconds of imports): each command imports what it uses, so `--help` and a
# mistyped option answer at once.
if TYPE_CHECKING:
    from rich.tree import Tree

    from . import pipeline
    from .listing import StoryCard
    from .model import Event, Grouping, Storyline
    from .store import Store

app = typer.Typer(
    help="manysides: group news articles into stories and show each story from every side.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

outlets_app = typer.Typer(
    help="The outlets registry: name, domains, country, leaning, ownership.", no_args_is_help=True
)
app.add_typer(outlets_app, name="outlets")
export_app = typer.Typer(
    help="Tables for research: one row per article or per story, as CSV or JSON Lines.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")

# Renderables (trees, tables, the report's panels) wrap to the terminal: a soft-wrapping
# console would crop them at its edge instead. Message lines go through say().
console = Console()
errors = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def say(message: str) -> None:
    """Print a message line soft-wrapped: the terminal folds it, so the paths, URLs and
    ids in it stay whole (to copy, and for scripts reading the output)."""
    console.print(message, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy URL of the store (default: sqlite:///manysides.db, or MANYSIDES_DB).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="TOML settings file (default: manysides.toml when present)."),
]
WordsOption = Annotated[int | None, typer.Option(help="Summary length in words.")]
FocusOption = Annotated[str | None, typer.Option(help="Bias the summary toward a question or topic.")]
BlindspotOption = Annotated[
    str, typer.Option(help="Only blindspots: left, right or any (no outlet of that side covered it).")
]
REPO_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def one_line_errors(func: F) -> F:
    """Turn ManysidesError into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ManysidesError as exc:
            typer.echo(f"manysides: error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


@contextmanager
def opened_store(settings: Settings) -> Iterator[Store]:
    from .store import Store

    store = Store.open(settings.db)
    try:
        yield store
    finally:
        store.close()


def print_problems(problems: Any) -> None:
    for problem in problems:
        typer.echo(f"manysides: {problem}", err=True)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[pipeline.Progress | None]:
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as bar:
        shown: dict[str, TaskID] = {}  # the stages under way: a bar each, from start to end
        lock = threading.Lock()  # feeds are read together, each telling of its own stage

        def update(stage: str, done: int, total: int) -> None:
            with lock:
                if stage not in shown:
                    shown[stage] = bar.add_task(stage, total=total)
                bar.update(shown[stage], completed=done, total=total)
                if done >= total:
                    bar.remove_task(shown.pop(stage))

        yield update


@app.command()
@one_line_errors
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), globs, http(s) addresses of web pages and "
            "RSS/Atom feeds, or OPML subscription lists (.opml) of feeds."
        ),
    ],
    db: DbOption = None,
    config: ConfigOption = None,
    refetch: Annotated[
        bool,
        typer.Option(
            "--refetch",
            help="Fetch a feed's item pages again even when the store holds them (to pick "
            "up corrections); by default they are skipped and counted as already stored.",
        ),
    ] = False,
) -> None:
    """Ingest articles into the store and group them into stories.

    Example: `manysides ingest articles/ feeds/*.jsonl https://news.example/rss --db sqlite:///news.db`
    """
    from . import pipeline
    from .render.view import counted

    settings = settings_from(config, db=db)
    with opened_store(settings) as store, progress_bar(sys.stderr.isatty()) as progress:
        outcome = pipeline.ingest(paths, store, settings, refetch=refetch, progress=progress)
    print_problems(outcome.problems)
    grouping = outcome.grouping
    say(
        f"{len(outcome.added)} new, {len(outcome.existing)} already stored, "
        f"{sum(p.severity == 'error' for p in outcome.problems)} skipped; "
        f"{counted(len(grouping.events), 'story', 'stories')} in "
        f"{counted(len(grouping.storylines), 'storyline')}"
    )
    if not outcome.article_ids:
        raise typer.Exit(1)


@app.command()
@one_line_errors
def reindex(db: DbOption = None, config: ConfigOption = None) -> None:
    """Group every stored article into stories and storylines again, from the first: after
    an upgrade that changes how articles are grouped, or to turn embeddings on or off.

    Example: `manysides reindex --db sqlite:///news.db`
    """
    from . import pipeline
    from .render.view import counted

    settings = settings_from(config, db=db)
    with opened_store(settings) as store, progress_bar(sys.stderr.isatty()) as progress:
        before = store.grouping()
        grouping = pipeline.rebuild_index(store, settings, progress)
        articles = store.count_articles()
    say(
        f"{counted(articles, 'article')} grouped again: "
        f"{counted(len(grouping.events), 'story', 'stories')} in "
        f"{counted(len(grouping.storylines), 'storyline')} "
        f"(were {len(before.events):,} in {len(before.storylines):,})"
    )


# What a listing shows unless asked for everything (--limit 0): a store of 11,000 AllSides
# articles holds 1,200 storylines, its largest over 1,000 stories (38,000 lines of tree, 10 s
# to draw), more than anyone reads in a terminal.
LISTED_STORYLINES = 30
LISTED_EVENTS = 10  # a listed storyline's largest stories, kept in its order


def listed_storylines(grouping: Grouping, limit: int) -> tuple[Storyline, ...]:
    """The ``limit`` storylines with the most articles (all when ``limit`` is 0), largest
    first; ties keep the grouping's order."""
    sizes = {e.id: len(e.article_ids) for e in grouping.events}
    ranked = sorted(grouping.storylines, key=lambda s: -sum(sizes[e] for e in s.event_ids))
    return tuple(ranked[:limit] if limit > 0 else ranked)


def with_articles(grouping: Grouping, wanted: frozenset[str]) -> Grouping:
    """The stories with an article among ``wanted`` (whole, every article kept), in their
    storylines, each holding only those stories."""
    return with_events(grouping, {e.id for e in grouping.events if not wanted.isdisjoint(e.article_ids)})


def with_events(grouping: Grouping, kept: AbstractSet[str]) -> Grouping:
    """The stories whose ids are ``kept``, in their storylines, each holding only those."""
    events = tuple(e for e in grouping.events if e.id in kept)
    storylines = tuple(
        replace(line, event_ids=tuple(e for e in line.event_ids if e in kept))
        for line in grouping.storylines
        if not kept.isdisjoint(line.event_ids)
    )
    return replace(grouping, events=events, storylines=storylines)


def storylines_tree(
    store: Store,
    limit: int = LISTED_STORYLINES,
    grouping: Grouping | None = None,
    cards: Mapping[str, StoryCard] | None = None,
) -> Tree:
    """The tree of storylines, stories and articles; with ``cards`` (story id → its card,
    when the outlets registry knows leanings) each story shows its coverage by leaning and
    blindspot, and each article its outlet's leaning."""
    from rich.tree import Tree

    from .render.view import counted

    grouping = grouping or store.grouping()
    events = {e.id: e for e in grouping.events}
    shown = {
        line: _listed_events([events[e] for e in line.event_ids], limit)
        for line in listed_storylines(grouping, limit)
    }
    # every listed article in one read (one read per event took 5 s at 9,700 events)
    wanted = [a for listed in shown.values() for e in listed for a in e.article_ids]
    articles = {a.id: a for a in store.article_heads(wanted)}
    tree = Tree(
        f"[bold]Storylines[/] [dim]largest first · {len(shown):,} of {len(grouping.storylines):,}[/]"
    )
    for line, listed in shown.items():
        branch = tree.add(f"[bold]{line.label}[/] [dim]{line.id}[/]")
        for event in listed:
            card = (cards or {}).get(event.id)
            node = branch.add(
                f"{event.label} [dim]{event.id} · {counted(len(event.article_ids), 'article')}[/]"
                + (_coverage_text(card) if card else "")
            )
            sides = dict(zip(card.article_ids, card.leanings, strict=True)) if card else {}
            for article_id in event.article_ids:
                article = articles[article_id]
                side = f" [dim]({sides[article_id]})[/]" if sides.get(article_id) else ""
                node.add(f"[cyan]{article.outlet_name}[/]{side} {article.display_title}")
        if hidden := len(line.event_ids) - len(listed):
            branch.add(f"[dim]… {counted(hidden, 'more story', 'more stories')}[/]")
    if hidden := len(grouping.storylines) - len(shown):
        tree.add(f"[dim]… {counted(hidden, 'more storyline')} (--limit 0 lists every one)[/]")
    return tree


def _coverage_text(card: StoryCard) -> str:
    """" · left 1 · center 2 · right 1", and the blindspot, for a story's line."""
    text = "".join(f" · {leaning} {count}" for leaning, count in card.coverage)
    blind = f" [yellow]blindspot: {card.blindspot}[/]" if card.blindspot else ""
    return f"[dim]{text}[/]{blind}"


def _listed_events(events: list[Event], limit: int) -> list[Event]:
    """A storyline's LISTED_EVENTS largest events in its order (all when ``limit`` is 0)."""
    if limit <= 0 or len(events) <= LISTED_EVENTS:
        return events
    largest = sorted(range(len(events)), key=lambda i: -len(events[i].article_ids))
    return [events[i] for i in sorted(largest[:LISTED_EVENTS])]


@app.command()
@one_line_errors
def stories(
    db: DbOption = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a tree.")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            help=f"Storylines to list, those with the most articles first (0: all; default "
            f"{LISTED_STORYLINES}, and all with --json).",
        ),
    ] = None,
    search: Annotated[
        str,
        typer.Option(
            help="Only the stories with an article whose title or text has every word "
            "(stemmed full-text search, any case).",
        ),
    ] = "",
    blindspot: BlindspotOption = "",
) -> None:
    """List storylines → stories (events) → articles with their outlets, largest first;
    with a registry of outlet leanings, each story's coverage by leaning and blindspot.

    Example: `manysides stories --db sqlite:///news.db --limit 10 --search "ferry fares"`
    """
    from . import pipeline
    from .listing import blindspot_passes, blindspot_side, build_listing

    blindspot = _blindspot(blindspot)
    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        grouping = store.grouping()
        registry = pipeline.outlet_registry(store)
        cards = {c.id: c for c in build_listing(store, registry, grouping).cards} if len(registry) else {}
        if search.strip():
            grouping = with_articles(grouping, frozenset(store.matching_article_ids(search)))
            if not grouping.events:
                say(f"No story has an article with every word of {search!r}.")
                return
        if blindspot:
            blind = {i for i, c in cards.items() if blindspot_passes(c, blindspot)}
            grouping = with_events(grouping, blind)
            if not grouping.events:
                say(f"No story is a blindspot for {blindspot_side(blindspot)}.")
                return
        if as_json:
            lines = grouping.storylines if limit is None else listed_storylines(grouping, limit)
            listed = {e for line in lines for e in line.event_ids}
            doc = {
                "storylines": [
                    {"id": s.id, "label": s.label, "events": list(s.event_ids)} for s in lines
                ],
                "events": [
                    {
                        "id": e.id,
                        "label": e.label,
                        "articles": list(e.article_ids),
                        "coverage": dict(cards[e.id].coverage) if e.id in cards else {},
                        "blindspot": cards[e.id].blindspot if e.id in cards else None,
                    }
                    for e in grouping.events
                    if e.id in listed
                ],
            }
            console.print_json(json.dumps(doc))
        else:
            if search.strip():
                from .render.view import counted

                found = counted(len(grouping.events), "story", "stories")
                say(f"{found} with an article with every word of {search!r}:")
            console.print(
                storylines_tree(
                    store, LISTED_STORYLINES if limit is None else limit, grouping, cards
                )
            )


@app.command()
@one_line_errors
def show(
    story: Annotated[
        str,
        typer.Argument(
            help="Story (event) id, as listed by `manysides stories`, or a unique start of it."
        ),
    ],
    db: DbOption = None,
    config: ConfigOption = None,
    words: WordsOption = None,
    focus: FocusOption = None,
) -> None:
    """Show one story's report in the terminal.

    Example: `manysides show e-3f2a9c1d0b7e4a55`
    """
    from . import pipeline
    from .render import render_terminal_doc, report_to_dict
    from .report import ReportOptions

    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        grouping = store.grouping()
        report = pipeline.story_report(
            store,
            _story_named(store, grouping, story),
            settings,
            ReportOptions(words=words, focus=focus),
            grouping=grouping,
        )
    render_terminal_doc(report_to_dict(report), console)


@app.command()
@one_line_errors
def report(
    story: Annotated[str, typer.Argument(help="Story (event) id, or a unique start of it.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or json.")] = "html",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    words: WordsOption = None,
    focus: FocusOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only what is new: an ISO time, or comma-separated article ids already seen."
        ),
    ] = None,
    strategy: Annotated[str, typer.Option(help="Summarizer: default, lead or llm.")] = "default",
) -> None:
    """Write one story's report as HTML, Markdown or JSON.

    Example: `manysides report e-3f2a9c1d0b7e4a55 --format md -o story.md`
    """
    from . import pipeline
    from .render import render_html_doc, render_markdown_doc, report_to_dict
    from .report import ReportOptions

    renderers = {"html": render_html_doc, "md": render_markdown_doc, "json": _json_text}
    if fmt not in renderers:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use html, md or json", param_hint="--format"
        )
    if output:  # a folder given as the file stops the command before the report is built
        pipeline.output_file(output)
    settings = settings_from(config, db=db)
    options = ReportOptions(words=words, focus=focus, since=parse_since(since), strategy=strategy)
    with opened_store(settings) as store:
        grouping = store.grouping()
        story = _story_named(store, grouping, story)
        doc = report_to_dict(
            pipeline.story_report(store, story, settings, options, grouping=grouping)
        )
    text = renderers[fmt](doc)
    if output:
        pipeline.write_output(output, text)
        say(f"wrote {output}")
    else:
        sys.stdout.write(text)


def _story_named(store: Any, grouping: Any, given: str) -> str:
    """The story id ``given`` names (``pipeline.resolve_story_id``), or, for the id of a
    story that has since merged into another, that story's id, with a line saying so."""
    from . import pipeline
    from .errors import NotFound

    try:
        return pipeline.resolve_story_id(grouping, given)
    except NotFound:
        moved = pipeline.moved_id(store, given.strip())
        if moved is None or not moved.startswith("e-"):
            raise
    # on stderr: `report` without -o writes the report itself to stdout
    errors.print(f"story {given.strip()} is now part of story {moved}", soft_wrap=True)
    return moved


def _json_text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def parse_since(value: str | None) -> Any:
    """``--since``: an ISO date/time, or a comma-separated list of already-seen article ids."""
    if not value:
        return None
    moment = _iso_moment(value)
    return moment or frozenset(v.strip() for v in value.split(",") if v.strip())


def _iso_moment(value: str) -> Any:
    """``value`` as an ISO date or time (UTC when it names no zone); None when it is not one."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command()
@one_line_errors
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), globs, http(s) addresses of web pages and "
            "RSS/Atom feeds, or OPML subscription lists (.opml) of feeds."
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for index.json and the reports.")
    ] = Path("out"),
    db: DbOption = None,
    config: ConfigOption = None,
    words: WordsOption = None,
    focus: FocusOption = None,
) -> None:
    """Ingest, group and analyze: write index.json plus a json/md/html report per story.

    Example: `manysides analyze ../shared/data/seeds -o out/`
    """
    from . import pipeline
    from .render.view import counted
    from .report import ReportOptions

    settings = settings_from(config, db=db)
    pipeline.output_folder(output)  # a bad folder stops the command before the store opens
    with opened_store(settings) as store, progress_bar(sys.stderr.isatty()) as progress:
        result = pipeline.analyze(
            paths, output, store, settings, ReportOptions(words=words, focus=focus), progress
        )
    print_problems(result.ingest.problems)
    say(
        f"{counted(len(result.ingest.article_ids), 'article')} → "
        f"{counted(len(result.stories), 'story', 'stories')}; "
        f"reports in {output}/ (index: {result.index_file})"
    )
    if not result.ingest.article_ids:
        raise typer.Exit(1)


@app.command()
@one_line_errors
def demo(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the demo reports.")
    ] = Path("demo-out"),
    corpus: Annotated[Path, typer.Option(help="Demo corpus folder.")] = REPO_EXAMPLES / "demo",
) -> None:
    """Run the full pipeline on the invented demo corpus and write its reports.

    Example: `manysides demo -o demo-out`
    """
    from . import pipeline
    from .render.view import counted

    output.mkdir(parents=True, exist_ok=True)
    db_file = output / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    settings = load_settings(db=f"sqlite:///{db_file}")
    with opened_store(settings) as store:
        registry = corpus.parent / "outlets.toml"
        if registry.exists():
            pipeline.import_outlets(registry, store)
        result = pipeline.analyze([corpus], output, store, settings)
    print_problems(result.ingest.problems)
    say(
        f"[bold]Demo:[/] {counted(len(result.ingest.article_ids), 'article')} → "
        f"{counted(len(result.stories), 'story', 'stories')}"
    )
    for story in result.stories:
        say(f"  {story.title}\n    {story.files[2]}")
    say(f"Index: {result.index_file}\nStore: {settings.db}")
    say(
        f"Browse it: manysides serve --db {settings.db}  →  http://{settings.host}:{settings.port}/"
    )


@app.command()
@one_line_errors
def serve(
    db: DbOption = None,
    config: ConfigOption = None,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Open the store in a browser: story pages and the JSON API under /api/v1.

    Example: `manysides serve --db sqlite:///demo-out/demo.db --port 8000`
    """
    import uvicorn

    from .web import create_app

    settings = settings_from(config, db=db, host=host, port=port)
    listening = _listening_socket(settings.host, settings.port)  # before "serving" is said
    web_app = create_app(settings)
    say(f"manysides is serving {settings.db} at http://{settings.host}:{settings.port}/")
    server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
    server.run(sockets=[listening])


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port``; ConfigError (one line) when the address is in
    use or not this machine's, instead of the server's own error after the start message."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        reason = (error.strerror or str(error)).lower()
        raise ConfigError(f"cannot listen on {host}:{port} ({reason})") from None
    return listening


@outlets_app.command("import")
@one_line_errors
def outlets_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="TOML ([[outlet]] tables) or CSV with name, domains, country, leaning, ownership."
        ),
    ],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Import (or update) outlets from a file you edit.

    Example: `manysides outlets import examples/outlets.toml`
    """
    from . import pipeline
    from .render.view import counted

    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        count = pipeline.import_outlets(file, store)
    say(f"{counted(count, 'outlet')} imported into {settings.db}")


@outlets_app.command("list")
@one_line_errors
def outlets_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """List the registry with article counts.

    Example: `manysides outlets list`
    """
    from rich.table import Table

    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        counts = store.outlets()
        table = Table("Outlet", "Leaning", "Country", "Ownership", "Domains", "Articles")
        for r in store.outlet_registry():
            table.add_row(
                r.name,
                r.leaning or "",
                r.country or "",
                r.ownership or "",
                ", ".join(r.domains),
                str(counts.get(r.name, 0)),
            )
    console.print(table)


@app.command()
@one_line_errors
def framing(
    storyline: Annotated[str | None, typer.Option(help="Storyline id (default: the whole store).")] = None,
    limit: Annotated[int, typer.Option(help="Newest articles to compare at most.")] = 400,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Word choice across a storyline or the store: terms each outlet (and leaning) favours,
    and the different names outlets give the same thing.

    Example: `manysides framing --storyline s-3f2a9c1d0b7e4a55`
    """
    from rich.table import Table

    from . import pipeline

    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        result = pipeline.corpus_framing(store, settings, storyline, limit)
    for pair in result.pairs:
        names = "; ".join(f"{outlet}: “{term}”" for outlet, term in pair.terms)
        say(f"[bold]{pair.concept}[/]: {names}")
    table = Table("Group", "Favoured terms (z-score)")
    by_group: dict[str, list[str]] = {}
    for term in sorted(result.terms, key=lambda t: -t.z):
        label = f"{term.outlet} ({term.group})" if term.group != "outlet" else term.outlet
        bucket = by_group.setdefault(label, [])
        if len(bucket) < 10:
            bucket.append(f"{term.term} ({term.z:.1f})")
    for group, terms in by_group.items():
        table.add_row(group, ", ".join(terms))
    console.print(table)


ExportOutput = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="File to write (default: stdout); .jsonl means JSON Lines."),
]
ExportFormat = Annotated[
    str | None, typer.Option("--format", "-f", help="csv or jsonl (default: from the file's suffix, else csv).")
]
SearchOption = Annotated[
    str, typer.Option(help="Only articles whose title or text has every word (stemmed full-text search).")
]
OutletFilter = Annotated[str, typer.Option(help="Only this outlet's articles (its name as listed).")]
SinceOption = Annotated[str | None, typer.Option(help="From this ISO date or time (inclusive).")]
UntilOption = Annotated[str | None, typer.Option(help="Before this ISO date or time.")]


def _export_format(output: Path | None, fmt: str | None) -> str:
    from .export import FORMATS, format_of

    chosen = format_of(str(output) if output else None, fmt)
    if chosen not in FORMATS:
        raise typer.BadParameter(f"unknown format {chosen!r}; use csv or jsonl", param_hint="--format")
    return chosen


def _moment(value: str | None, option: str) -> Any:
    """An ISO date or time for ``option`` (UTC when it names no zone)."""
    if not value:
        return None
    moment = _iso_moment(value)
    if moment is None:
        raise typer.BadParameter(f"expected an ISO date or time, got {value!r}", param_hint=option)
    return moment


def _blindspot(value: str) -> str:
    """A ``--blindspot`` value: "" (no filter), left, right or any."""
    from .listing import blindspot_choice

    try:
        return blindspot_choice(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--blindspot") from None


def _write_table(rows: Any, fields: Any, fmt: str, output: Path | None, noun: tuple[str, str]) -> None:
    from . import pipeline
    from .export import write_rows
    from .render.view import counted

    if output is None:
        write_rows(rows, fields, fmt, sys.stdout)
        return
    with pipeline.opened_output(output) as stream:
        count = write_rows(rows, fields, fmt, stream)
    errors.print(f"wrote {counted(count, *noun)} to {output}", soft_wrap=True)


@export_app.command("articles")
@one_line_errors
def export_articles(
    output: ExportOutput = None,
    fmt: ExportFormat = None,
    search: SearchOption = "",
    outlet: OutletFilter = "",
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[bool, typer.Option("--text", help="Add each article's clean text.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One row per article, in ingest order: id, story_id, storyline_id, outlet, leaning,
    published, title, url, author, words, copy_of (the article it copies, for a copy).

    Example: `manysides export articles -o articles.csv --since 2025-01-01`
    """
    from . import pipeline
    from .export import ARTICLE_FIELDS, ArticleFilter, article_rows

    fmt_name = _export_format(output, fmt)
    wanted_since, wanted_until = _moment(since, "--since"), _moment(until, "--until")
    if output:
        pipeline.output_file(output)
    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        ids = frozenset(store.matching_article_ids(search)) if search.strip() else None
        wanted = ArticleFilter(ids, outlet, wanted_since, wanted_until)
        leaning_of = pipeline.outlet_registry(store).article_leaning
        rows = article_rows(store.iter_articles(), store.grouping(), leaning_of, wanted, text)
        fields = (*ARTICLE_FIELDS, "text") if text else ARTICLE_FIELDS
        _write_table(rows, fields, fmt_name, output, ("article", "articles"))


@export_app.command("stories")
@one_line_errors
def export_stories(
    output: ExportOutput = None,
    fmt: ExportFormat = None,
    search: Annotated[
        str, typer.Option(help="Only stories with an article (or a headline) that has every word.")
    ] = "",
    outlet: Annotated[str, typer.Option(help="Only stories this outlet covered.")] = "",
    leaning: Annotated[str, typer.Option(help="Only stories an outlet of this side (left, center, right) covered.")] = "",
    since: Annotated[str | None, typer.Option(help="Only stories with an article from this ISO date or time.")] = None,
    until: Annotated[str | None, typer.Option(help="Only stories with an article up to this ISO date or time.")] = None,
    blindspot: BlindspotOption = "",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One row per story, newest first: id, storyline_id, label, articles, outlets,
    outlet_names, start, end, articles per leaning (copies once, as in its report) and
    blindspot.

    Example: `manysides export stories --blindspot left -o left-blindspots.csv`
    """
    from . import pipeline
    from .export import STORY_FIELDS, story_rows
    from .listing import StoryFilter, build_listing, stories_matching

    fmt_name = _export_format(output, fmt)
    wanted = StoryFilter(
        search, outlet, leaning, _moment(since, "--since"), _moment(until, "--until"), _blindspot(blindspot)
    )
    if output:
        pipeline.output_file(output)
    settings = settings_from(config, db=db)
    with opened_store(settings) as store:
        listing = build_listing(store, pipeline.outlet_registry(store))
        cards = stories_matching(listing, store, wanted)
        _write_table(story_rows(cards), STORY_FIELDS, fmt_name, output, ("story", "stories"))
