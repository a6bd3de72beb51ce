"""`manysides export`: article and story tables (CSV, JSON Lines) on part of the invented demo
corpus with its outlets registry, and the table writers themselves; and on the same store,
`manysides stories` with coverage by leaning and blindspots."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from manysides import pipeline
from manysides.cli import app
from manysides.errors import OutputError
from manysides.export import ARTICLE_FIELDS, format_of, write_rows
from manysides.store import Store

EXAMPLES = Path(__file__).parents[1] / "examples"
FILES = [
    *sorted((EXAMPLES / "demo").glob("0[1-5]_*")),
    *(EXAMPLES / "demo" / name for name in ("10_calderwire_court_ruling.txt", "12_libertyledger_court_ruling.txt",
                                            "13_portanselcourier_court_ruling.txt")),
]
RULING = "Judge upholds most of Calder's Open Harbor Act, strikes police provision"
WARNING = "Calder attorney general warns landlords over evictions under new Open Harbor Act"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'export.db'}"
    assert run("ingest", *map(str, FILES), "--db", url).exit_code == 0
    assert run("outlets", "import", str(EXAMPLES / "outlets.toml"), "--db", url).exit_code == 0
    return url


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_story_table(db: str) -> None:
    result = run("export", "stories", "--db", db)
    assert result.exit_code == 0
    ruling, warning = table(result.stdout)  # newest first
    assert list(ruling) == [
        "id", "storyline_id", "label", "articles", "outlets", "outlet_names", "start", "end",
        "left", "lean-left", "center", "lean-right", "right", "unknown", "blindspot",
    ]
    assert (ruling["label"], warning["label"]) == (RULING, WARNING)
    assert ruling["storyline_id"] == warning["storyline_id"] != ""
    assert {k: ruling[k] for k in ("articles", "outlets", "left", "center", "right", "unknown", "blindspot")} == {
        "articles": "3", "outlets": "3", "left": "0", "center": "2", "right": "1", "unknown": "0",
        "blindspot": "left",
    }
    assert ruling["outlet_names"] == "Calder Wire Service; Liberty Ledger; Port Ansel Courier"
    assert (ruling["start"], ruling["end"]) == ("2025-03-11T00:00:00+00:00", "2025-03-11T00:00:00+00:00")
    # five articles, one a syndicated copy: four counted by leaning, as in the report
    assert {k: warning[k] for k in ("articles", "left", "center", "right", "blindspot")} == {
        "articles": "5", "left": "1", "center": "2", "right": "1", "blindspot": "",
    }


def test_story_table_filters_and_json_lines(db: str, tmp_path: Path) -> None:
    out = tmp_path / "tables" / "blindspots.jsonl"
    result = run("export", "stories", "--blindspot", "left", "-o", str(out), "--db", db)
    assert result.exit_code == 0
    assert result.stderr == f"wrote 1 story to {out}\n"
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["label"] == RULING and row["outlet_names"] == ["Calder Wire Service", "Liberty Ledger", "Port Ansel Courier"]
    assert row["blindspot"] == "left" and row["left"] == 0 and row["right"] == 1
    assert [r["label"] for r in table(run("export", "stories", "--outlet", "NewsStack Daily", "--db", db).stdout)] == [WARNING]
    assert [r["label"] for r in table(run("export", "stories", "--search", "squatter shield", "--db", db).stdout)] == [RULING]
    assert table(run("export", "stories", "--blindspot", "right", "--db", db).stdout) == []
    assert [r["label"] for r in table(run("export", "stories", "--until", "2025-02-01", "--db", db).stdout)] == [WARNING]


def test_article_table(db: str) -> None:
    result = run("export", "articles", "--db", db)
    assert result.exit_code == 0
    rows = table(result.stdout)
    assert list(rows[0]) == list(ARTICLE_FIELDS)
    assert [r["outlet"] for r in rows] == [  # ingest order
        "Calder Wire Service", "NewsStack Daily", "The Harbor Progressive", "Liberty Ledger", "Port Ansel Courier",
        "Calder Wire Service", "Liberty Ledger", "Port Ansel Courier",
    ]
    stories = {r["label"]: r["id"] for r in table(run("export", "stories", "--db", db).stdout)}
    assert [r["story_id"] for r in rows] == [stories[WARNING]] * 5 + [stories[RULING]] * 3
    assert [r["leaning"] for r in rows] == ["center", "center", "left", "right", "center", "center", "right", "center"]
    wire, copy = rows[0], rows[1]
    assert copy["copy_of"] == wire["id"] and wire["copy_of"] == ""
    with Store.open(db) as store:
        article = store.get_article(rows[2]["id"])
    assert rows[2]["words"] == str(len(article.text.split()))
    assert (rows[2]["title"], rows[2]["url"], rows[2]["author"], rows[2]["published"]) == (
        article.title, article.url, article.author, "2025-01-17T00:00:00+00:00",
    )
    assert rows[3]["published"] == ""  # the Ledger's first report carries no date


def test_article_table_filters_and_text(db: str) -> None:
    ledger = run("export", "articles", "--outlet", "Liberty Ledger", "-f", "jsonl", "--text", "--db", db)
    rows = [json.loads(line) for line in ledger.stdout.splitlines()]
    assert [r["leaning"] for r in rows] == ["right", "right"]
    assert rows[0]["published"] is None and rows[0]["copy_of"] is None
    assert rows[1]["title"] == "Judge guts squatter shield in Calder law, lets police act again"
    assert len(rows[1]["text"].split()) == rows[1]["words"] == 239
    late = table(run("export", "articles", "--since", "2025-03-01", "--db", db).stdout)
    assert [r["outlet"] for r in late] == ["Calder Wire Service", "Liberty Ledger", "Port Ansel Courier"]
    early = table(run("export", "articles", "--until", "2025-01-18", "--db", db).stdout)
    assert [r["outlet"] for r in early] == ["Calder Wire Service", "NewsStack Daily", "The Harbor Progressive"]
    found = table(run("export", "articles", "--search", "squatter shield", "--db", db).stdout)
    assert [r["outlet"] for r in found] == ["Liberty Ledger"]


def test_export_errors_are_one_line(db: str, tmp_path: Path) -> None:
    bad_format = run("export", "articles", "--format", "xml", "--db", db)
    assert bad_format.exit_code == 2 and "unknown format 'xml'; use csv or jsonl" in bad_format.output
    bad_day = run("export", "articles", "--since", "last week", "--db", db)
    assert bad_day.exit_code == 2 and "expected an ISO date or time, got 'last week'" in bad_day.output
    bad_blindspot = run("export", "stories", "--blindspot", "both", "--db", db)
    assert bad_blindspot.exit_code == 2 and "expected left, right or any, got 'both'" in bad_blindspot.output
    folder = run("export", "stories", "-o", str(tmp_path), "--db", db)
    assert folder.exit_code == 1
    assert folder.stderr == f"manysides: error: {tmp_path}: is a folder; name a file to write\n"


def test_writers() -> None:
    rows = [{"id": "a1", "outlet": None, "names": ["Tide Gazette", "Dune Daily"], "words": 7, "extra": "x"}]
    out = io.StringIO()
    assert write_rows(rows, ("id", "outlet", "names", "words"), "csv", out) == 1
    assert out.getvalue() == "id,outlet,names,words\na1,,Tide Gazette; Dune Daily,7\n"
    out = io.StringIO()
    assert write_rows(iter(rows), ("id",), "jsonl", out) == 1
    assert out.getvalue() == '{"id": "a1", "outlet": null, "names": ["Tide Gazette", "Dune Daily"], "words": 7, "extra": "x"}\n'
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        write_rows(rows, ("id",), "xml", io.StringIO())
    assert [format_of(p, f) for p, f in [(None, None), ("t.JSONL", None), ("t.ndjson", None), ("t.jsonl", "csv"), ("t.txt", None)]] == [
        "csv", "jsonl", "jsonl", "csv", "csv",
    ]


def test_output_is_whole_or_absent(tmp_path: Path) -> None:
    target = tmp_path / "out" / "table.csv"
    with pipeline.opened_output(target) as stream:
        stream.write("id\n")
    assert target.read_text() == "id\n"
    with pytest.raises(RuntimeError), pipeline.opened_output(target) as stream:
        stream.write("half a table")
        raise RuntimeError("stopped midway")
    assert target.read_text() == "id\n"  # the earlier table stays; no partial file is left
    assert sorted(p.name for p in target.parent.iterdir()) == ["table.csv"]
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    with pytest.raises(OutputError, match="is a file, not a folder"), pipeline.opened_output(blocker / "table.csv"):
        pass


# --- coverage in `manysides stories` ---------------------------------------------------------


def test_stories_tree_shows_coverage_and_filters_blindspots(db: str) -> None:
    tree = run("stories", "--db", db)
    assert tree.exit_code == 0
    flat = " ".join(tree.stdout.split())  # the tree wraps at the runner's 80 columns
    assert "5 articles · left 1 · center 2 · right 1 " in flat
    assert "3 articles · center 2 · right 1 blindspot: left" in flat
    assert flat.count("blindspot:") == 1
    assert "The Harbor Progressive (left) Okonjo puts corporate landlords" in flat
    assert "Liberty Ledger (right) Judge guts squatter shield" in flat
    doc = json.loads(run("stories", "--db", db, "--json", "--blindspot", "any").stdout)
    (event,) = doc["events"]
    assert event["label"] == RULING and event["coverage"] == {"center": 2, "right": 1} and event["blindspot"] == "left"
    assert [line["events"] for line in doc["storylines"]] == [[event["id"]]]
    none = run("stories", "--db", db, "--blindspot", "right")
    assert none.exit_code == 0 and none.stdout == "No story is a blindspot for the right.\n"
    bad = run("stories", "--db", db, "--blindspot", "center")
    assert bad.exit_code == 2 and "expected left, right or any, got 'center'" in bad.output
