"""The CLI through Typer's runner: every command, errors as one line, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from manysides.cli import app

CORPUS = Path(__file__).parent / "corpus" / "story"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("cli")
    db = f"sqlite:///{tmp / 'cli.db'}"
    result = run("analyze", str(CORPUS), "-o", str(tmp / "out"), "--db", db)
    assert result.exit_code == 0, result.output
    return tmp, db, json.loads((tmp / "out" / "index.json").read_text())


def test_analyze_reports_counts(analyzed) -> None:
    tmp, _db, index = analyzed
    events = [e for line in index["storylines"] for e in line["events"]]
    assert len(events) == 2
    for event in events:
        for key in ("report", "markdown", "html"):
            assert (tmp / "out" / event[key]).is_file()


def test_stories_lists_storylines_events_and_outlets(analyzed) -> None:
    _tmp, db, index = analyzed
    result = run("stories", "--db", db)
    assert result.exit_code == 0
    assert "Valley Herald" in result.stdout and "Eastside Bulletin" in result.stdout
    # the tree wraps at the runner's 80 columns: long lines keep their event ids and titles
    for event in (e for line in index["storylines"] for e in line["events"]):
        assert event["id"] in result.stdout
    assert "light traffic" in result.stdout
    doc = json.loads(run("stories", "--db", db, "--json").stdout)
    assert len(doc["events"]) == 2 and len(doc["storylines"]) == 1


def test_report_and_show(analyzed, tmp_path: Path) -> None:
    _tmp, db, index = analyzed
    story = index["storylines"][0]["events"][0]["id"]
    out = tmp_path / "story.md"
    assert run("report", story, "--format", "md", "-o", str(out), "--db", db).exit_code == 0
    assert out.read_text().startswith("# ")
    shown = run("show", story, "--db", db)
    assert shown.exit_code == 0 and "Summary" in shown.output


def test_unknown_story_is_one_line_error(analyzed) -> None:
    _tmp, db, _index = analyzed
    result = run("report", "e-missing", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "manysides: error: no story 'e-missing' in the store; `manysides stories` lists them"
    )


def test_a_story_is_found_by_the_start_of_its_id(analyzed) -> None:
    _tmp, db, index = analyzed
    line = index["storylines"][0]
    first, second = (e["id"] for e in line["events"])
    short = next(first[:n] for n in range(3, len(first)) if not second.startswith(first[:n]))
    shown = run("show", short, "--db", db)
    assert shown.exit_code == 0 and "Summary" in shown.output
    assert run("report", short, "--format", "json", "--db", db).stdout.count(f'"{first}"') >= 1
    ambiguous = run("show", "e-", "--db", db)
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.strip() == (
        f"manysides: error: 'e-' starts 2 story ids ({first}, {second}); give more of it"
    )
    storyline = run("show", line["id"], "--db", db)
    assert storyline.stderr.strip() == (
        f"manysides: error: {line['id']} is a storyline, not a story; its stories: {first}, {second}"
    )


def test_the_id_of_a_story_that_merged_shows_the_story_it_merged_into(analyzed) -> None:
    _tmp, db, index = analyzed
    event = index["storylines"][0]["events"][0]
    later = next(a["id"] for a in event["articles"] if f"e-{a['id']}" != event["id"])
    result = run("report", f"e-{later}", "--format", "json", "--db", db)
    assert result.exit_code == 0
    assert result.stderr == f"story e-{later} is now part of story {event['id']}\n"
    assert json.loads(result.stdout)["story"]["id"] == event["id"]  # the note is not in it
    storyline = run("show", f"s-{later}", "--db", db)  # a storyline's id names no story
    assert storyline.exit_code == 1 and f"no story 's-{later}'" in storyline.stderr


def test_reindex_groups_the_store_again(analyzed) -> None:
    _tmp, db, index = analyzed
    result = run("reindex", "--db", db)
    assert result.exit_code == 0
    assert result.stdout == "4 articles grouped again: 2 stories in 1 storyline (were 2 in 1)\n"
    doc = json.loads(run("stories", "--db", db, "--json").stdout)
    assert sorted(e["id"] for e in doc["events"]) == sorted(e["id"] for e in index["storylines"][0]["events"])


def test_outputs_make_their_folder_and_bad_ones_are_one_line_errors(analyzed, tmp_path: Path) -> None:
    _tmp, db, index = analyzed
    story = index["storylines"][0]["events"][0]["id"]
    nested = tmp_path / "reports" / "week 1" / "story.md"
    assert run("report", story, "--format", "md", "-o", str(nested), "--db", db).exit_code == 0
    assert nested.read_text(encoding="utf-8").startswith("# ")
    folder = run("report", story, "--format", "md", "-o", str(tmp_path), "--db", db)
    assert folder.exit_code == 1
    assert folder.stderr.strip() == f"manysides: error: {tmp_path}: is a folder; name a file to write"
    a_file = tmp_path / "notes.txt"
    a_file.write_text("kept\n")
    analyzed_into_file = run("analyze", str(CORPUS), "-o", str(a_file), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert analyzed_into_file.exit_code == 1 and "Traceback" not in analyzed_into_file.output
    assert analyzed_into_file.stderr.strip() == (
        f"manysides: error: {a_file}: is a file, not a folder to write reports into"
    )
    assert a_file.read_text() == "kept\n" and not (tmp_path / "x.db").exists()  # nothing read or stored


def test_serve_on_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", str(port))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        f"manysides: error: cannot listen on 127.0.0.1:{port} (address already in use)"
    )


def test_bad_format_is_rejected(analyzed) -> None:
    _tmp, db, index = analyzed
    story = index["storylines"][0]["events"][0]["id"]
    result = run("report", story, "--format", "pdf", "--db", db)
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr


def test_bad_inputs_are_reported_and_the_rest_lands(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_text("   \n")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (batch / "records.jsonl").write_text('{"title": "Broken", "text": \n' + json.dumps({"title": "Ferry fares rise", "outlet": "Harbour Gazette", "text": "Ferry fares across the bay rise by ten percent on Monday, the operator said."}) + "\n")
    (batch / "good.txt").write_text("Library hours extended\n\nThe central library will open until 9 p.m. on weekdays from next month, the city said.\n")
    result = run("ingest", str(batch), str(tmp_path / "missing.txt"), "--db", f"sqlite:///{tmp_path / 'b.db'}")
    assert result.exit_code == 0
    assert result.stdout.startswith("2 new, 0 already stored, 4 skipped")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4 and "Traceback" not in result.stderr
    for name in ("empty.txt", "binary.txt", "records.jsonl:1", "missing.txt"):
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert all(line.startswith("manysides: error: ") for line in lines)


def test_an_address_that_cannot_be_fetched_is_one_line_and_the_files_still_land(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Library hours extended\n\nThe central library will open until 9 p.m. on weekdays from next month, the city said.\n")
    refused = "http://127.0.0.1:9/news/feed.xml"  # the discard port: refused at once
    result = run("ingest", refused, str(tmp_path / "good.txt"), "--db", f"sqlite:///{tmp_path / 'u.db'}")
    assert result.exit_code == 0 and result.stdout.startswith("1 new, 0 already stored, 1 skipped")
    assert result.stderr.startswith(f"manysides: error: {refused}: cannot fetch (ConnectError")
    assert len(result.stderr.strip().splitlines()) == 1


def test_nothing_ingested_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "empty.txt"), "--db", f"sqlite:///{tmp_path / 'e.db'}")
    assert result.exit_code == 1 and "empty.txt" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "stories", "show", "report", "analyze", "demo", "serve", "framing"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_demo_writes_reports(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "demo" / "index.json").read_text())
    events = [e for line in index["storylines"] for e in line["events"]]
    assert len(events) == 3
    assert sum(len(e["articles"]) for e in events) == 15
    # The README's report excerpt is this demo's output, line for line (a wrapped bullet
    # joined back): it must not drift from what `make demo` writes.
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    lines: list[str] = []
    for line in excerpt.splitlines():
        if line.startswith("  ") and lines:
            lines[-1] += " " + line.strip()
        elif line:
            lines.append(line)
    story = next(e for e in events if f"# {e['title']}" == lines[0])
    written = set((tmp_path / "demo" / story["markdown"]).read_text(encoding="utf-8").splitlines())
    assert [line for line in lines if line not in written] == []


def test_framing_across_the_storyline(analyzed) -> None:
    _tmp, db, index = analyzed
    storyline = index["storylines"][0]["id"]
    result = run("framing", "--storyline", storyline, "--db", db)
    assert result.exit_code == 0
    assert "Favoured terms (z-score)" in result.stdout
    assert "Eastside Bulletin │ east-side (1.1)" in result.stdout  # its word for the detour's victims
    missing = run("framing", "--storyline", "s-nope", "--db", db)
    assert missing.exit_code == 1 and missing.stderr.strip() == "manysides: error: no storyline 's-nope' in the store"


def test_outlets_import_and_list(tmp_path: Path) -> None:
    registry = tmp_path / "outlets.toml"
    registry.write_text('[[outlet]]\nname = "Valley Herald"\ndomains = ["valleyherald.example"]\nleaning = "center"\n')
    db = f"sqlite:///{tmp_path / 'o.db'}"
    assert run("outlets", "import", str(registry), "--db", db).stdout.strip() == f"1 outlet imported into {db}"
    listed = run("outlets", "list", "--db", db)
    assert "Valley Herald" in listed.stdout and "center" in listed.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[outlet]]\nname = "X"\nleaning = "sideways"\n')
    result = run("outlets", "import", str(bad), "--db", db)
    assert result.exit_code == 1 and result.stderr.startswith(f"manysides: error: {bad}:")


def test_help_loads_no_pipeline_library() -> None:
    """`manysides --help` answers without importing the analysis stack (seconds of imports)."""
    import subprocess
    import sys

    code = (
        "import sys; from typer.testing import CliRunner; from manysides.cli import app; "
        "result = CliRunner().invoke(app, ['--help']); "
        "heavy = sorted(m for m in ('spacy', 'sklearn', 'sqlalchemy', 'alembic') if m in sys.modules); "
        "print(result.exit_code, ','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0"]


def _listing_store(path: Path) -> str:
    """A store of three storylines: "Harbour" (one story of 3 articles), "Ferry" (12
    stories of one article, the fourth with 2) and "Bridge" (one story of 2 articles)."""
    from manysides.model import Article, Event, Grouping, Storyline
    from manysides.store import Store

    def article(n: int) -> Article:
        return Article(id=f"a{n:02d}", text=f"Text {n}.", title=f"Headline {n}", outlet="Desk")

    numbers = iter(range(100))
    events = [Event("e-harbour", tuple(f"a{next(numbers):02d}" for _ in range(3)), "Harbour")]
    for k in range(12):
        count = 2 if k == 3 else 1
        ids = tuple(f"a{next(numbers):02d}" for _ in range(count))
        events.append(Event(f"e-ferry{k:02d}", ids, f"Ferry day {k}"))
    events.append(Event("e-bridge", tuple(f"a{next(numbers):02d}" for _ in range(2)), "Bridge"))
    grouping = Grouping(
        events=tuple(events),
        storylines=(
            Storyline("s-harbour", ("e-harbour",), "Harbour"),
            Storyline("s-ferry", tuple(e.id for e in events[1:13]), "Ferry"),
            Storyline("s-bridge", ("e-bridge",), "Bridge"),
        ),
    )
    url = f"sqlite:///{path}"
    with Store(url) as store:
        store.add_articles(article(int(a[1:])) for e in events for a in e.article_ids)
        store.save_grouping(grouping)
    return url


def test_stories_lists_the_largest_storylines_first_within_the_limit(tmp_path: Path) -> None:
    db = _listing_store(tmp_path / "listing.db")
    listed = run("stories", "--db", db, "--limit", "2").stdout
    assert listed.index("s-ferry") < listed.index("s-harbour") and "s-bridge" not in listed
    assert "largest first · 2 of 3" in listed and "… 1 more storyline (--limit 0" in listed
    # a storyline's 10 largest stories in its order: the one of 2 articles and 9 of the rest
    assert [f"e-ferry{k:02d}" in listed for k in range(12)] == [True] * 10 + [False] * 2
    assert "… 2 more stories" in listed
    everything = run("stories", "--db", db, "--limit", "0").stdout
    assert all(f"e-ferry{k:02d}" in everything for k in range(12)) and "s-bridge" in everything
    assert "more stor" not in everything
    doc = json.loads(run("stories", "--db", db, "--json", "--limit", "1").stdout)
    assert [s["id"] for s in doc["storylines"]] == ["s-ferry"] and len(doc["events"]) == 12
    doc = json.loads(run("stories", "--db", db, "--json").stdout)
    assert [s["id"] for s in doc["storylines"]] == ["s-harbour", "s-ferry", "s-bridge"]


def test_stories_search_lists_only_the_stories_with_a_matching_article(tmp_path: Path) -> None:
    db = _listing_store(tmp_path / "listing.db")
    found = run("stories", "--db", db, "--search", "HEADLINE 7")
    assert found.exit_code == 0
    assert found.stdout.startswith("1 story with an article with every word of 'HEADLINE 7':")
    assert "e-ferry03" in found.stdout and "largest first · 1 of 1" in found.stdout
    assert "e-ferry02" not in found.stdout and "s-harbour" not in found.stdout
    assert "Headline 6" in found.stdout  # the story whole, its other article too
    doc = json.loads(run("stories", "--db", db, "--json", "--search", "text 1").stdout)
    assert doc == {  # "Text 1." only ("Text 10." has no word "1")
        "storylines": [{"id": "s-harbour", "label": "Harbour", "events": ["e-harbour"]}],
        "events": [
            {"id": "e-harbour", "label": "Harbour", "articles": ["a00", "a01", "a02"], "coverage": {}, "blindspot": None}
        ],
    }  # no outlets registry: no coverage by leaning
    doc = json.loads(run("stories", "--db", db, "--json", "--search", "headline 4").stdout)
    assert doc["storylines"] == [{"id": "s-ferry", "label": "Ferry", "events": ["e-ferry01"]}]
    none = run("stories", "--db", db, "--search", "zebra crossing")
    assert none.exit_code == 0
    assert none.stdout.strip() == "No story has an article with every word of 'zebra crossing'."


def test_the_progress_bar_shows_each_stage_under_way_from_its_start_to_its_end(monkeypatch) -> None:
    import io

    from rich.console import Console

    import manysides.cli

    shown = io.StringIO()
    monkeypatch.setattr(manysides.cli, "errors", Console(file=shown, force_terminal=True, width=100))
    with manysides.cli.progress_bar(True):
        pass  # an ingest of files reports no stage: no bar
    assert "━" not in shown.getvalue()
    with manysides.cli.progress_bar(True) as update:
        assert update is not None
        update("fetching https://news.example/rss", 2, 3)
        update("fetching https://other.example/atom", 1, 5)  # feeds are read together
        update("fetching https://news.example/rss", 3, 3)  # done: its bar goes
        update("analyzing stories", 1, 4)
    # the last frame drawn (the bar is erased after it): the stages under way
    last = shown.getvalue().rsplit("\n\x1b[?25h", 1)[0].rsplit("\x1b[2K", 1)[-1]
    assert "fetching https://news.example/rss" in shown.getvalue()
    assert "analyzing stories" in last and "1/4" in last
    assert "other.example/atom" in last and "1/5" in last and "news.example" not in last
    with manysides.cli.progress_bar(False) as update:
        assert update is None
