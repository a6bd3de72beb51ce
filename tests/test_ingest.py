"""Ingest: every format, outlet and date rules, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from manysides.errors import BinaryInput, EmptyInput, MalformedRecord
from manysides.ingest import (
    IngestResult,
    Problem,
    article_from_html,
    article_from_record,
    article_from_text,
    ingest_feed,
    ingest_location,
    ingest_paths,
    ingest_url,
    is_url,
    outlet_from_url,
    parse_date,
)
from manysides.settings import Settings
from manysides.text import content_id

CORPUS = Path(__file__).parent / "corpus" / "ingest"
SEEDS = Path(__file__).parents[2] / "shared" / "data" / "seeds"
STORY = "The harbor council approved the new pier on Monday after a long debate, members said."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def by_source(result: IngestResult) -> dict[str, object]:
    return {Path(a.source).name: a for a in result.articles}


# --- plain text -----------------------------------------------------------------------


def test_plain_text_headline_cleaning_credits_and_id(corpus):
    result = ingest_paths([corpus / "harbor_dam.txt"], Settings())
    assert result.problems == ()
    (article,) = result.articles
    assert article.title == "Dam Repairs Stall As County And State Trade Blame Over Cost Overruns"
    assert article.outlet == "Harbor Valley News Foundation"
    assert article.author == "Nora Quill"
    assert article.published is None and article.url is None
    assert article.source == str(corpus / "harbor_dam.txt")
    assert article.id == content_id(article.text, "Harbor Valley News Foundation")
    assert len(article.removed) == 8
    assert article.text.startswith("Repairs to the Millbrook Dam have stalled for a third month")
    assert article.text.endswith("warned investors about the delay.")


def test_header_block_gives_url_outlet_date_author():
    article = article_from_text((CORPUS / "header.txt").read_text(encoding="utf-8"), "h.txt")
    assert article.url == "https://www.Lakeshore-Tribune.com/2024/05/02/bridge-reopens"
    assert article.outlet == "Lakeshore Tribune"  # named outright beats the domain
    assert article.author == "Pia Lindqvist"
    assert article.published == datetime(2024, 5, 2, 8, 30, tzinfo=UTC)
    assert article.title == "Old Canal Bridge Reopens After Two-Year Closure"
    assert article.text.count("\n\n") == 1


def test_header_url_alone_gives_the_registrable_domain():
    article = article_from_text(
        f"url: https://amp.news.lakeshore-tribune.com/x\n\nPier Vote Passes\n\n{STORY}", "t"
    )
    assert article.outlet == "lakeshore-tribune.com"
    assert article.title == "Pier Vote Passes"


def test_a_markdown_heading_is_the_headline_without_its_marks():
    saved = article_from_text(f"## Pier Vote Passes\n\n{STORY}", "pier.md")
    assert saved.title == "Pier Vote Passes"
    assert saved.text == STORY
    tagged = article_from_text(f"#PierVote trends after council decision\n\n{STORY}", "t.txt")
    assert tagged.title == "#PierVote trends after council decision"


def test_syndication_credit_names_the_outlet_and_is_not_a_headline():
    article = article_from_text((CORPUS / "syndicated.txt").read_text(encoding="utf-8"), "s")
    assert article.outlet == "Pine Ridge Ledger"
    assert article.title == ""
    assert article.text.startswith("The town council of Pine Ridge voted 5 to 2")


def test_no_credit_no_outlet_and_lead_sentence_is_not_a_title():
    article = article_from_text(f"{STORY}\n\nMore details came on Tuesday.", "plain.txt")
    assert article.outlet is None
    assert article.title == ""
    assert article.text == f"{STORY}\n\nMore details came on Tuesday."


def test_an_outlet_named_in_the_text_is_not_the_publisher():
    # "told Harbor Post" names who was told; "Read the full article from the Source" names none
    text = (
        "Pier Vote Delayed\n\nAn aide told Harbor Post on Wednesday that the vote would wait, "
        "the Bayside Courier reported.\n\nRead the full article from the Source…"
    )
    article = article_from_text(text, "told.txt")
    assert article.outlet is None
    assert article.title == "Pier Vote Delayed"


def test_header_like_first_line_that_is_not_a_header_stays_text():
    article = article_from_text(f"Date: a night the harbor will remember\n\n{STORY}", "d")
    assert article.published is None
    assert article.title == "Date: a night the harbor will remember"


def test_header_lines_left_empty_say_nothing_and_a_header_alone_is_no_article():
    article = article_from_text(f"title:\nauthor: Pia Lindqvist\n\nPier Vote Passes\n\n{STORY}", "e")
    assert (article.title, article.author) == ("Pier Vote Passes", "Pia Lindqvist")
    assert article.text == STORY
    with pytest.raises(EmptyInput, match="^e.txt: no article text"):
        article_from_text("title: \nauthor:\n\n", "e.txt")


def test_defaults_fill_missing_metadata():
    article = article_from_text(
        STORY, "feed", {"outlet": "Harbor Post", "date": "2024-01-02", "title": "Pier"}
    )
    assert (article.outlet, article.title) == ("Harbor Post", "Pier")
    assert article.published == datetime(2024, 1, 2, tzinfo=UTC)


def test_article_from_text_raises_on_empty_and_boilerplate_only():
    with pytest.raises(EmptyInput, match="^t.txt: empty"):
        article_from_text("  \n\t ", "t.txt")
    with pytest.raises(EmptyInput, match="only boilerplate"):
        article_from_text("Share this:\n\nLeave a Reply", "t.txt")


# --- HTML -----------------------------------------------------------------------------


def test_html_metadata_and_clean_text(corpus):
    (article,) = ingest_paths([corpus / "page.html"]).articles
    assert article.title == "Harbor ferry fares rise for the first time in a decade"
    assert article.author == "Marta Ellison"
    assert article.url == "https://www.bayside-courier.com/news/2024/03/05/ferry-fares"
    assert article.outlet == "Bayside Courier"  # og:site_name: the name beats the domain
    assert article.published == datetime(2024, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert [(r.text, r.reason) for r in article.removed] == [
        ("Share this:", "share prompt"),
        ("RELATED: Bayside ferry adds a late-night crossing", "teaser"),
    ]
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The Bayside ferry authority voted on Tuesday")
    assert "Commuter groups said they would follow the authority’s budget hearings" in article.text
    assert "Home" not in article.text and "Subscribe" not in article.text


def test_html_sitename_when_there_is_no_url():
    html = (CORPUS / "page.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical" href="https://www.bayside-courier.com/news/2024'
                        '/03/05/ferry-fares">', "")
    article = article_from_html(html, source="upload")
    assert article.url is None
    assert article.outlet == "Bayside Courier"
    assert article.source == "upload"


PAGE_HEAD = """<html><head>{meta}
<link rel="canonical" href="https://www.tidewater-post.com/news/2024/ferry"></head>
<body><article><h1>Ferry fares rise</h1><p>{story}</p></article></body></html>"""


@pytest.mark.parametrize(
    ("meta", "outlet"),
    [
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
         '{"@type": "NewsArticle", "headline": "Ferry fares rise", "publisher": '
         '{"@type": "Organization", "name": "The Tidewater Post"}}]}</script>',
         "The Tidewater Post"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", '
         '"publisher": [{"@type": "Organization", "name": "Tidewater Post"}]}</script>',
         "Tidewater Post"),
        # a handle is no declared name: the URL's domain stays
        ('<meta name="twitter:site" content="@tidewaterpost">', "tidewater-post.com"),
        ("", "tidewater-post.com"),
    ],
)
def test_html_outlet_is_the_declared_site_name_else_the_domain(meta, outlet):
    article = article_from_html(PAGE_HEAD.format(meta=meta, story=STORY), source="p")
    assert article.url == "https://www.tidewater-post.com/news/2024/ferry"
    assert article.outlet == outlet


def test_html_without_text_raises():
    with pytest.raises(EmptyInput, match="^page: no article text"):
        article_from_html("<html><body><script>var x = 1;</script></body></html>", source="page")
    with pytest.raises(BinaryInput):
        article_from_html("<html>\x00\x00</html>", source="page")


# --- JSON and JSONL -------------------------------------------------------------------


def test_jsonl_records_malformed_line_and_duplicate(corpus):
    result = ingest_paths([corpus / "records.jsonl"])
    path = corpus / "records.jsonl"
    assert [a.source for a in result.articles] == [f"{path}:1", f"{path}:2", f"{path}:5"]
    first, second, copy = result.articles
    assert first.outlet == "valley-farm-report.com"  # m. stripped, registrable domain
    assert first.published == datetime(2024, 4, 15, 9, tzinfo=UTC)
    assert first.author == "Jon Bexley"
    assert second.outlet == "Eastfield Sun"
    assert second.title == "School board delays vote on new calendar"
    assert second.published == datetime(2024, 4, 16, tzinfo=UTC)
    # line 5 repeats line 1's text under another outlet: a separate article (tier 1 marks
    # it as a copy), since the id hashes the publisher in as well as the text
    assert copy.text == first.text and copy.outlet == "Valley Farm Report" and copy.id != first.id
    assert [(p.source, p.severity) for p in result.problems] == [
        (f"{path}:3", "error"),
        (f"{path}:4", "error"),
    ]
    assert str(result.problems[0]).startswith(f"error: {path}:3: invalid JSON")
    assert "no text" in result.problems[1].message


def test_json_list_of_records(corpus):
    result = ingest_paths([corpus / "list.json"])
    assert result.problems == ()
    first, second = result.articles
    assert first.source.endswith("list.json[0]")
    assert first.outlet == "Northgate Herald"
    assert first.published == datetime(2024, 6, 1, tzinfo=UTC)
    assert second.outlet == "riverfront-daily.co.uk"
    assert second.author == "Sam Ode, Lia Marr"


def test_json_object_with_articles_key_and_invalid_json(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"articles": [{"text": STORY}]}))
    (tmp_path / "bad.json").write_text('{"text": "unfinished')
    result = ingest_paths([tmp_path / "one.json", tmp_path / "bad.json"])
    assert [a.text for a in result.articles] == [STORY]
    (problem,) = result.problems
    assert problem.source == str(tmp_path / "bad.json")
    assert problem.message.startswith("invalid JSON at line 1")


def test_article_from_record_errors_and_html_body():
    with pytest.raises(MalformedRecord, match="expected a JSON object"):
        article_from_record(["not", "a", "record"], "api")  # type: ignore[arg-type]
    with pytest.raises(MalformedRecord, match="no text"):
        article_from_record({"title": "Only a title"}, "api")
    article = article_from_record(
        {"content": f"<p>{STORY}</p><p>Share this:</p><p>Work starts in May.</p>",
         "url": "https://www.harbor-post.com/pier"}, "api"
    )
    assert article.text == f"{STORY}\n\nWork starts in May."
    assert article.outlet == "harbor-post.com"


# --- Multi-News -----------------------------------------------------------------------


def test_multinews_documents(corpus):
    result = ingest_paths([corpus / "cluster.txt", corpus / "clusters.src"])
    assert result.problems == ()
    names = [a.source.split("/")[-1] for a in result.articles]
    assert names == ["cluster.txt#1", "cluster.txt#2", "clusters.src:1#1", "clusters.src:1#2",
                     "clusters.src:2#1"]
    storm = result.articles[2]
    assert storm.title == "Storm knocks out power to 40,000 homes in Dunmore"
    assert storm.text == "Crews expect to restore most service by Sunday, the utility said."
    assert result.articles[3].text.count("\n\n") == 1


# --- files, folders, globs, dedupe ----------------------------------------------------


def test_folder_is_walked_recursively_and_skips_hidden_and_unknown_files(corpus):
    nested = corpus / "deeper" / "still"
    nested.mkdir(parents=True)
    (nested / "pier.txt").write_text(f"Pier Vote Passes\n\n{STORY}")
    (corpus / ".hidden.txt").write_text("Hidden Story\n\nThis should never be read at all.")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    result = ingest_paths([corpus])
    names = {Path(a.source.split(":")[0].split("#")[0].split("[")[0]).name
             for a in result.articles}
    assert names == {"cluster.txt", "clusters.src", "harbor_dam.txt", "header.txt",
                     "list.json", "page.html", "records.jsonl", "syndicated.txt", "pier.txt"}
    assert len(result.articles) == 15
    assert len(result.errors) == 2  # the two bad JSONL lines
    (corpus / "feed.xml").write_text("<rss><channel></channel></rss>")
    warnings = [p for p in ingest_paths([corpus]).problems if p.severity == "warning"]
    assert [str(p) for p in warnings] == [
        f"warning: {corpus}: files of other types not read (1 .jpg, 1 .xml); "
        "name a file to read it whatever its type"
    ]


def test_folder_walk_passes_over_the_folders_own_documents(tmp_path):
    (tmp_path / "pier.txt").write_text(f"Pier Vote Passes\n\n{STORY}")
    (tmp_path / "README.md").write_text("# Our clippings\n\nArticles saved for the pier story.")
    (tmp_path / "LICENSE").write_text("Permission is granted to share these clippings.")
    (tmp_path / "notes.toml").write_text("kept = true\n")
    result = ingest_paths([tmp_path])
    assert [Path(a.source).name for a in result.articles] == ["pier.txt"]
    assert [str(p) for p in result.problems] == [
        f"warning: {tmp_path}: files of other types not read (1 .toml) and documenting the "
        "folder not read (LICENSE, README.md); name a file to read it whatever its type"
    ]
    (tmp_path / "notes.toml").unlink()
    assert [str(p) for p in ingest_paths([tmp_path]).problems] == [
        f"warning: {tmp_path}: files documenting the folder not read (LICENSE, README.md); "
        "name a file to read it whatever its type"
    ]
    named = ingest_paths([tmp_path / "README.md"])
    assert [a.title for a in named.articles] == ["Our clippings"]


def test_glob_and_same_text_twice_is_one_article(tmp_path):
    (tmp_path / "a.txt").write_text(f"Pier Vote Passes\n\n{STORY}")
    (tmp_path / "b.txt").write_text(f"Pier vote passes\n\n{STORY}\n\nShare this:")
    (tmp_path / "c.md").write_text(STORY.replace("Monday", "Tuesday"))
    result = ingest_paths([str(tmp_path / "*.txt"), tmp_path / "a.txt"])
    assert [Path(a.source).name for a in result.articles] == ["a.txt"]
    assert result.problems == ()
    result = ingest_paths(str(tmp_path / "**" / "*"))
    assert len(result.articles) == 2


def test_seeds_when_present():
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    result = ingest_paths([SEEDS])
    assert result.problems == ()
    assert len(result.articles) == 5
    outlets = [a.outlet for a in result.articles]
    assert outlets == [None, "Daily Kos", None, "Daily Caller News Foundation", None]
    assert all(a.title for i, a in enumerate(result.articles) if i != 1)
    removed = {r.reason for a in result.articles for r in a.removed}
    assert removed == {"syndication credit", "teaser", "logo caption", "byline", "widget",
                       "share prompt", "licensing trailer", "truncation notice",
                       "comment form"}


# --- bad input ------------------------------------------------------------------------


def test_every_bad_input_is_one_problem_and_the_batch_still_lands(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(f"Pier Vote Passes\n\n{STORY}")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n \t\n")
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x10binary")
    (tmp_path / "latin1.txt").write_bytes(
        "Caf\xe9 Reopens\n\nThe caf\xe9 by the pier opened again on Friday.".encode("latin-1")
    )
    # UTF-8 with one broken byte stays UTF-8 ("Ã©" would replace every accent otherwise)
    (tmp_path / "broken.txt").write_bytes(
        "Caf\xe9 Reopens\n\nThe caf\xe9 by the pier opened again on Friday.".encode() + b"\xff"
    )
    (tmp_path / "big.txt").write_text("Big Story\n\n" + "word " * 400)
    missing = tmp_path / "missing.txt"
    result = ingest_paths(
        [good, tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "binary.txt",
         tmp_path / "latin1.txt", tmp_path / "broken.txt", tmp_path / "big.txt", missing,
         str(tmp_path / "nope*.txt")],
        Settings(max_file_bytes=1000),
    )
    assert [Path(a.source).name for a in result.articles] == ["good.txt", "latin1.txt", "broken.txt"]
    assert result.articles[1].title == "Caf\xe9 Reopens"
    assert result.articles[1].text == "The caf\xe9 by the pier opened again on Friday."
    assert result.articles[2].title == "Caf\xe9 Reopens"
    assert result.articles[2].text == "The caf\xe9 by the pier opened again on Friday.\ufffd"
    lines = [str(p) for p in result.problems]
    assert lines == [
        f"error: {tmp_path / 'empty.txt'}: empty (nothing but whitespace)",
        f"error: {tmp_path / 'blank.txt'}: empty (nothing but whitespace)",
        f"error: {tmp_path / 'binary.txt'}: binary file, not text (contains NUL bytes)",
        f"warning: {tmp_path / 'latin1.txt'}: not UTF-8: read as Windows-1252",
        f"warning: {tmp_path / 'broken.txt'}: invalid UTF-8 at byte 60; undecodable bytes"
        " replaced with \ufffd",
        f"warning: {tmp_path / 'big.txt'}: larger than max_file_bytes (1,000 bytes); skipped",
        f"error: {missing}: no such file or directory",
        f"error: {tmp_path / 'nope*.txt'}: no files match this pattern",
    ]
    assert all("\n" not in line for line in lines)


def test_permission_denied_is_a_problem(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(f"Pier Vote Passes\n\n{STORY}")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    locked_jsonl = locked.with_name("locked.jsonl")
    locked_jsonl.write_text(json.dumps({"text": STORY}))
    result = ingest_paths([locked, locked_jsonl])
    assert [Path(a.source).name for a in result.articles] == ["locked.jsonl:1"]
    assert [str(p) for p in result.problems] == [f"error: {locked}: permission denied"]


def test_jsonl_bad_lines_binary_empty_gzip_and_oversized_record(tmp_path):
    lines = [json.dumps({"text": STORY}), "", "[1, 2]", json.dumps({"text": "x" * 600})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with gzip.open(tmp_path / "z.jsonl.gz", "wt") as handle:
        handle.write(json.dumps({"text": "The ferry returned to service on Sunday."}) + "\n")
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "Caf\xe9 owners met the mayor."}\n')
    result = ingest_paths(sorted(tmp_path.iterdir()), Settings(max_file_bytes=500))
    assert [Path(a.source).name for a in result.articles] == [
        "a.jsonl:1", "bad.jsonl:1", "z.jsonl.gz:1"
    ]
    assert result.articles[1].text == "Caf\xe9 owners met the mayor."  # a Latin-1 line
    assert [(Path(p.source).name, p.severity) for p in result.problems] == [
        ("a.jsonl:3", "error"),
        ("a.jsonl:4", "warning"),
        ("bad.jsonl:1", "warning"),
        ("bin.jsonl", "error"),
        ("empty.jsonl", "error"),
    ]
    assert result.problems[0].message == "expected a JSON object, got list"
    assert result.problems[2].message == "not UTF-8: read as Windows-1252"


# --- dates and outlets ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-03-05T10:00:00+02:00", datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:00 EST", datetime(2024, 3, 5, 15, tzinfo=UTC)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_is_aware_or_none(value, expected):
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.Example-News.com/a/b", "example-news.com"),
        ("http://m.example-news.com/", "example-news.com"),
        ("https://amp.example-news.com/story.amp", "example-news.com"),
        ("https://news.bayside.co.uk/x", "bayside.co.uk"),
        ("bayside-courier.com/news", "bayside-courier.com"),
        ("http://localhost:8000/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


# --- feeds and web pages through httpx.MockTransport ---------------------------------

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Bayside Courier</title>
<item><title>Ferry fares rise</title><link>https://www.bayside-courier.com/fares</link>
<pubDate>Tue, 05 Mar 2024 19:30:00 GMT</pubDate></item>
<item><title>Gone</title><link>https://www.bayside-courier.com/gone</link></item>
<item><title>Again</title><link>https://www.bayside-courier.com/fares?copy=1</link></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>
<entry><title>Landing closes</title><link rel="alternate" href="https://ledger-news.org/landing"/>
<updated>2024-04-01T12:00:00Z</updated><author><name>Ivo Brandt</name></author></entry>
</feed>"""

PAGE = f"""<html><head><title>Pier vote</title></head><body><article>
<p>{STORY}</p><p>Follow us on Facebook</p><p>Work on the pier starts in May and should last a year.</p>
</article></body></html>"""


def mock_client(routes: dict[str, tuple[int, str, str]]) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        key = str(request.url)
        if key not in routes:
            raise httpx.ConnectError("connection refused", request=request)
        status, content_type, body = routes[key]
        return httpx.Response(status, headers={"content-type": content_type}, text=body)

    return httpx.Client(transport=httpx.MockTransport(handle))


def test_ingest_feed_fetches_each_item_page():
    html = (CORPUS / "page.html").read_text(encoding="utf-8")
    client = mock_client({
        "https://feeds.example/rss": (200, "application/rss+xml", RSS),
        "https://www.bayside-courier.com/fares": (200, "text/html", html),
        "https://www.bayside-courier.com/fares?copy=1": (200, "text/html", html),
        "https://www.bayside-courier.com/gone": (404, "text/html", "gone"),
    })
    result = ingest_feed("https://feeds.example/rss", client, Settings())
    (article,) = result.articles  # the copy has the same text: kept once
    assert article.outlet == "Bayside Courier"  # the page's declared site name
    assert article.source == "https://www.bayside-courier.com/fares"
    assert article.published == datetime(2024, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert [str(p) for p in result.problems] == [
        "error: https://www.bayside-courier.com/gone: HTTP 404 Not Found",
        "error: https://feeds.example/rss: feed item 'No link' has no link",
    ]


def test_atom_feed_item_metadata_fills_what_the_page_lacks():
    client = mock_client({
        "https://ledger-news.org/atom": (200, "application/atom+xml", ATOM),
        "https://ledger-news.org/landing": (200, "text/html; charset=utf-8", PAGE),
    })
    (article,) = ingest_feed("https://ledger-news.org/atom", client, Settings()).articles
    assert article.author == "Ivo Brandt"
    assert article.published == datetime(2024, 4, 1, 12, tzinfo=UTC)
    assert article.outlet == "ledger-news.org"
    assert article.text == f"{STORY}\n\nWork on the pier starts in May and should last a year."
    assert [r.reason for r in article.removed] == ["share prompt"]


def test_feed_errors_are_problems():
    client = mock_client({
        "https://feeds.example/html": (200, "text/html", "<html><body>hi</body></html>"),
        "https://feeds.example/big": (200, "application/rss+xml", RSS),
    })
    result = ingest_feed("https://feeds.example/html", client, Settings())
    assert [str(p) for p in result.problems] == [
        "error: https://feeds.example/html: not an RSS or Atom feed"
    ]
    result = ingest_feed("https://feeds.example/big", client, Settings(max_file_bytes=100))
    assert result.problems[0].severity == "warning"
    assert "larger than max_file_bytes" in result.problems[0].message
    result = ingest_feed("https://down.example/rss", client, Settings())
    assert result.problems[0].message.startswith("cannot fetch (ConnectError")


def test_ingest_url_html_text_and_failures():
    client = mock_client({
        "https://harbor-post.com/pier": (200, "text/html", PAGE),
        "https://harbor-post.com/plain": (200, "text/plain", f"Pier Vote Passes\n\n{STORY}"),
        "https://harbor-post.com/empty": (200, "text/html", "<html><body></body></html>"),
        "https://harbor-post.com/err": (500, "text/html", "oops"),
    })
    (article,) = ingest_url("https://harbor-post.com/pier", client, Settings()).articles
    assert article.outlet == "harbor-post.com"
    assert article.url == "https://harbor-post.com/pier"
    (plain,) = ingest_url("https://harbor-post.com/plain", client, Settings()).articles
    assert (plain.title, plain.outlet) == ("Pier Vote Passes", "harbor-post.com")
    empty = ingest_url("https://harbor-post.com/empty", client, Settings())
    assert empty.articles == () and empty.problems[0].severity == "error"
    err = ingest_url("https://harbor-post.com/err", client, Settings())
    assert err.problems == (
        Problem("https://harbor-post.com/err", "HTTP 500 Internal Server Error", "error"),
    )


def test_ingest_location_reads_a_page_or_a_feed_as_the_address_answers():
    html = (CORPUS / "page.html").read_text(encoding="utf-8")
    client = mock_client({
        "https://harbor-post.com/pier": (200, "text/html", PAGE),
        "https://feeds.example/rss": (200, "application/rss+xml", RSS),
        "https://feeds.example/undeclared": (200, "text/plain", RSS),  # sniffed as a feed
        "https://www.bayside-courier.com/fares": (200, "text/html", html),
        "https://www.bayside-courier.com/fares?copy=1": (200, "text/html", html),
        "https://www.bayside-courier.com/gone": (404, "text/html", "gone"),
        "https://feeds.example/moved": (200, "application/rss+xml", "<html><body>moved</body></html>"),
        "https://feeds.example/empty": (200, "application/rss+xml", "<rss><channel></channel></rss>"),
    })
    (page,) = ingest_location("https://harbor-post.com/pier", client).articles
    assert page.url == "https://harbor-post.com/pier"
    for feed in ("https://feeds.example/rss", "https://feeds.example/undeclared"):
        result = ingest_location(feed, client)
        assert [a.source for a in result.articles] == ["https://www.bayside-courier.com/fares"]
        assert [str(p) for p in result.problems] == [
            "error: https://www.bayside-courier.com/gone: HTTP 404 Not Found",
            f"error: {feed}: feed item 'No link' has no link",
        ]
    assert [str(p) for p in ingest_location("https://feeds.example/moved", client).problems] == [
        "error: https://feeds.example/moved: not an RSS or Atom feed"
    ]
    assert [str(p) for p in ingest_location("https://feeds.example/empty", client).problems] == [
        "warning: https://feeds.example/empty: feed has no items"
    ]
    down = ingest_location("https://down.example/", client)
    assert down.problems[0].message.startswith("cannot fetch (ConnectError")
    assert is_url("HTTPS://x.example/a") and not is_url("x.example/a") and not is_url(Path("http:"))


def _site_page(head: str, body: str = "<p>Latest news from the harbor.</p>") -> str:
    return f"<html><head><title>Harbor Post</title>{head}</head><body>{body}</body></html>"


_FEEDS_IN_HEAD = (
    '<meta property="og:type" content="website">'
    '<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">'
    '<link rel="alternate" type="application/rss+xml" title="Harbor Post" href="/rss">'
    '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/rss">'
)


def test_a_home_or_section_page_gives_the_items_of_the_feed_it_names():
    feed = (
        "<rss><channel><title>Harbor Post</title>"
        "<item><title>Pier</title><link>https://harbor-post.com/pier</link></item>"
        "</channel></rss>"
    )
    client = mock_client({
        "https://harbor-post.com/": (200, "text/html", _site_page(_FEEDS_IN_HEAD)),
        "https://harbor-post.com/rss": (200, "application/rss+xml", feed),
        "https://harbor-post.com/pier": (200, "text/html", PAGE),
        "https://harbor-post.com/local/": (200, "text/html", _site_page(
            '<base href="https://cdn.harbor-post.com/x/">'
            '<meta property="og:type" content="website">'
            '<link rel="alternate" type="application/atom+xml" href="local.xml">')),
        "https://cdn.harbor-post.com/x/local.xml": (200, "application/atom+xml", ATOM),
        "https://ledger-news.org/landing": (200, "text/html", PAGE),
    })
    home = ingest_location("https://harbor-post.com/", client)
    assert [a.source for a in home.articles] == ["https://harbor-post.com/pier"]
    assert home.problems == ()
    section = ingest_location("https://harbor-post.com/local/", client)
    assert [(a.source, a.author) for a in section.articles] == [
        ("https://ledger-news.org/landing", "Ivo Brandt")
    ]


def test_an_article_page_that_names_its_sites_feed_is_still_the_article():
    as_article = PAGE.replace("<head>", '<head><meta property="og:type" content="article">'
                              '<link rel="alternate" type="application/rss+xml" href="/rss">')
    # og:type "website" on an article page, but its JSON-LD says it is a news article
    declared = PAGE.replace("<head>", '<head><meta property="og:type" content="website">'
                            '<link rel="alternate" type="application/rss+xml" href="/rss">'
                            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"},'
                            ' {"@type": ["NewsArticle"], "headline": "Pier vote"}]}</script>')
    client = mock_client({
        "https://harbor-post.com/": (200, "text/html", as_article),
        "https://harbor-post.com/2024/pier": (200, "text/html", declared),
    })
    for url in ("https://harbor-post.com/", "https://harbor-post.com/2024/pier"):
        result = ingest_location(url, client)
        assert [(a.url, a.title) for a in result.articles] == [(url, "Pier vote")]
        assert result.problems == ()


def test_a_home_page_with_no_feed_or_a_broken_one_is_a_problem_not_an_article():
    client = mock_client({
        "https://quiet.example": (200, "text/html", _site_page("", f"<p>{STORY}</p>" * 3)),
        "https://harbor-post.com/": (200, "text/html", _site_page(_FEEDS_IN_HEAD)),
    })
    assert [str(p) for p in ingest_location("https://quiet.example", client).problems] == [
        "error: https://quiet.example: a site's home or section page, not an article, "
        "and it names no RSS or Atom feed"
    ]
    broken = ingest_location("https://harbor-post.com/", client)
    assert broken.articles == ()
    assert [str(p) for p in broken.problems] == [
        "error: https://harbor-post.com/: its feed https://harbor-post.com/rss: cannot fetch "
        "(ConnectError: connection refused)"
    ]


def test_a_section_page_off_the_root_is_told_by_its_address_or_its_json_ld():
    teasers = f"<h2><a href='/2024/pier'>Pier vote</a></h2><p>{STORY}</p>" * 3
    collection = '<script type="application/ld+json">{"@type": "CollectionPage"}</script>'
    atom_link = '<link rel="alternate" type="application/atom+xml" href="/tag/pier/feed">'
    client = mock_client({
        "https://harbor-post.com/tag/pier/": (200, "text/html", _site_page("", teasers)),
        "https://harbor-post.com/local": (200, "text/html", _site_page(collection, teasers)),
        "https://harbor-post.com/author/ivo": (200, "text/html", _site_page(atom_link, teasers)),
        "https://harbor-post.com/tag/pier/feed": (200, "application/atom+xml", ATOM),
        "https://ledger-news.org/landing": (200, "text/html", PAGE),
        # og:type "website" alone, off the root: many sites' articles say so too
        "https://harbor-post.com/2024/pier": (200, "text/html", PAGE.replace(
            "<head>", '<head><meta property="og:type" content="website">')),
        "https://harbor-post.com/topics/pier-vote": (200, "text/html", PAGE.replace(
            "<head>", '<head><meta property="og:type" content="article">')),
        "https://harbor-post.com/news/?p=12": (200, "text/html", PAGE),  # a WordPress post
    })
    for url in ("https://harbor-post.com/tag/pier/", "https://harbor-post.com/local"):
        result = ingest_location(url, client)
        assert result.articles == ()
        assert [str(p) for p in result.problems] == [
            f"error: {url}: a site's home or section page, not an article, "
            "and it names no RSS or Atom feed"
        ]
    by_feed = ingest_location("https://harbor-post.com/author/ivo", client)
    assert [a.source for a in by_feed.articles] == ["https://ledger-news.org/landing"]
    for url in (
        "https://harbor-post.com/2024/pier",
        "https://harbor-post.com/topics/pier-vote",
        "https://harbor-post.com/news/?p=12",
    ):
        result = ingest_location(url, client)
        assert [(a.url, a.title) for a in result.articles] == [(url, "Pier vote")]
        assert result.problems == ()


def test_a_feeds_item_pages_are_fetched_together_and_kept_in_feed_order():
    import threading

    links = [f"https://harbor-post.com/story-{n}" for n in range(3)]
    feed = "<rss><channel><title>Harbor Post</title>" + "".join(
        f"<item><title>Story {n}</title><link>{link}</link></item>" for n, link in enumerate(links)
    ) + "</channel></rss>"
    together = threading.Barrier(3, timeout=5)  # fetched one by one, the first would wait in vain

    def handle(request: httpx.Request) -> httpx.Response:
        if str(request.url) == "https://harbor-post.com/rss":
            return httpx.Response(200, headers={"content-type": "application/rss+xml"}, text=feed)
        n = links.index(str(request.url))
        together.wait()
        body = f"Story {n}\n\n{STORY.replace('Monday', ['Monday', 'Tuesday', 'Friday'][n])}"
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(handle))
    result = ingest_location("https://harbor-post.com/rss", client)
    assert [a.title for a in result.articles] == ["Story 0", "Story 1", "Story 2"]
    assert result.problems == ()


def test_a_feeds_items_already_stored_are_not_fetched_again():
    links = [f"https://harbor-post.com/story-{n}" for n in range(3)]
    feed = "<rss><channel><title>Harbor Post</title>" + "".join(
        f"<item><title>Story {n}</title><link>{link}</link></item>" for n, link in enumerate(links)
    ) + "</channel></rss>"
    fetched = []

    def handle(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        if str(request.url) == "https://harbor-post.com/rss":
            return httpx.Response(200, headers={"content-type": "application/rss+xml"}, text=feed)
        n = links.index(str(request.url))
        body = f"Story {n}\n\n{STORY.replace('Monday', ['Monday', 'Tuesday', 'Friday'][n])}"
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body)

    looked_up = []

    def stored_at(addresses):
        looked_up.append(list(addresses))
        return {links[0]: "a1", links[2]: "a3"}

    heard = []
    client = httpx.Client(transport=httpx.MockTransport(handle))
    result = ingest_location(
        "https://harbor-post.com/rss", client, stored_at=stored_at,
        progress=lambda *step: heard.append(step),
    )
    assert looked_up == [links]
    assert fetched == ["https://harbor-post.com/rss", links[1]]
    assert [a.title for a in result.articles] == ["Story 1"]
    assert result.stored == ("a1", "a3")
    assert heard == [("fetching https://harbor-post.com/rss", 1, 1)]
    everything = ingest_feed("https://harbor-post.com/rss", client, Settings())  # no store
    assert [a.title for a in everything.articles] == ["Story 0", "Story 1", "Story 2"]
    assert everything.stored == ()


def test_a_feed_read_before_is_asked_for_only_if_it_changed():
    from manysides.model import FeedState

    feed = "https://harbor-post.com/rss"
    links = [f"https://harbor-post.com/story-{n}" for n in range(3)]
    listed = links[:2]
    validators = {"etag": '"v1"', "last-modified": "Tue, 05 Mar 2024 19:30:00 GMT"}
    asked = []

    def handle(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        asked.append((url, request.headers.get("if-none-match"), request.headers.get("if-modified-since")))
        if url == feed:
            if request.headers.get("if-none-match") == '"v1"':
                return httpx.Response(304, headers=validators)
            items = "".join(f"<item><title>Item</title><link>{link}</link></item>" for link in listed)
            return httpx.Response(200, headers={"content-type": "application/rss+xml", **validators},
                                  text=f"<rss><channel>{items}</channel></rss>")
        if url == links[2]:
            return httpx.Response(503)
        n = links.index(url)
        body = f"Story {n}\n\n{STORY.replace('Monday', ['Monday', 'Tuesday'][n])}"
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(handle))
    ids = {links[0]: "a0", links[1]: "a1"}

    def read(holds, state):
        return ingest_location(
            feed, client, stored_at=lambda wanted: {a: ids[a] for a in wanted if a in holds},
            feed_state=lambda url: state if url == feed else None,
        )

    first = read((), None)
    assert [a.title for a in first.articles] == ["Story 0", "Story 1"]
    assert first.feeds == (FeedState(feed, '"v1"', validators["last-modified"], tuple(listed)),)
    asked.clear()
    again = read(tuple(ids), first.feeds[0])  # both items stored since
    assert asked == [(feed, '"v1"', validators["last-modified"])]
    assert again == IngestResult(stored=("a0", "a1"))
    asked.clear()
    lacking = read((links[0],), first.feeds[0])  # the store lacks one: read in full
    assert asked == [(feed, '"v1"', validators["last-modified"]), (feed, None, None),
                     (links[1], None, None)]
    assert [a.title for a in lacking.articles] == ["Story 1"] and lacking.stored == ("a0",)
    listed.append(links[2])
    failed = read(tuple(ids), None)  # an item page that fails: no validators kept
    assert [str(p) for p in failed.problems] == [f"error: {links[2]}: HTTP 503 Service Unavailable"]
    assert failed.feeds == (FeedState(feed, None, None, tuple(links)),)
    asked.clear()
    ingest_location(feed, client, stored_at=lambda wanted: {})  # no feed states: in full
    assert asked[0] == (feed, None, None)


def test_feed_items_whose_pages_give_no_article_for_good_are_given_up_on():
    from manysides.model import FeedState

    feed = "https://harbor-post.com/rss"
    ok, gone, empty, flaky = (f"https://harbor-post.com/{name}" for name in ("story", "gone", "video", "flaky"))
    listed = [ok, gone, empty]
    version = ['"v1"']
    asked = []

    def handle(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        asked.append(url)
        if url == feed:
            if request.headers.get("if-none-match") == version[0]:
                return httpx.Response(304, headers={"etag": version[0]})
            items = "".join(f"<item><title>Item</title><link>{link}</link></item>" for link in listed)
            return httpx.Response(200, headers={"content-type": "application/rss+xml", "etag": version[0]},
                                  text=f"<rss><channel>{items}</channel></rss>")
        if url == ok:
            return httpx.Response(200, headers={"content-type": "text/plain"}, text=f"Story\n\n{STORY}")
        if url == empty:
            return httpx.Response(200, headers={"content-type": "text/html"}, text="<html><body><video></video></body></html>")
        return httpx.Response({gone: 404, flaky: 503}[url])

    client = httpx.Client(transport=httpx.MockTransport(handle))

    def read(state):
        return ingest_location(feed, client, stored_at=lambda wanted: {ok: "a0"} if ok in wanted and state else {},
                               feed_state=lambda url: state if url == feed else None)

    first = read(None)
    assert [a.title for a in first.articles] == ["Story"]
    assert [(p.source, p.lasting) for p in first.problems] == [(gone, True), (empty, True)]
    # every item is stored or given up on: the validator is kept
    assert first.feeds == (FeedState(feed, '"v1"', None, (ok, gone, empty), (gone, empty)),)
    asked.clear()
    assert read(first.feeds[0]) == IngestResult(stored=("a0",))  # "304": nothing fetched
    assert asked == [feed]
    listed[1:2], version[0] = [flaky], '"v2"'  # the gone item leaves the feed; a failing one comes in
    asked.clear()
    changed = read(first.feeds[0])
    assert asked == [feed, flaky]  # the item given up on is not fetched again
    assert [(str(p), p.lasting) for p in changed.problems] == [(f"error: {flaky}: HTTP 503 Service Unavailable", False)]
    # a failure that may pass: no validator, so the next read is in full; given up: still listed only
    assert changed.feeds == (FeedState(feed, None, None, (ok, flaky, empty), (empty,)),)


def test_relative_feed_links_resolve_against_the_feed_or_its_xml_base():
    from manysides.ingest.feeds import parse_feed

    rss = (
        "<rss><channel><item><title>A</title><link>/fares</link></item>"
        "<item><title>B</title><link>//cdn.example/b</link></item>"
        "<item><title>C</title><guid>12345</guid></item>"  # an id, not a relative link
        "<item><title>D</title><guid>https://x.example/d</guid></item></channel></rss>"
    )
    assert [i.link for i in parse_feed(rss, "https://feeds.example/news/rss")] == [
        "https://feeds.example/fares",
        "https://cdn.example/b",
        None,
        "https://x.example/d",
    ]
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://ledger-news.org/news/">'
        '<entry><title>L</title><link href="landing"/></entry></feed>'
    )
    assert [i.link for i in parse_feed(atom, "/saved/ledger.atom")] == [
        "https://ledger-news.org/news/landing"
    ]
    # a saved file without xml:base has nothing to resolve a relative link against
    assert [i.link for i in parse_feed(rss, "/saved/feed.rss")][:2] == [None, None]


SAVED_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbor Post</title>
<item><title>Pier vote passes</title><link>https://harbor-post.com/pier</link>
<dc:creator>Ada Brook</dc:creator><pubDate>Mon, 06 May 2024 18:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{STORY}</p><p>Share this:</p><p>Work starts in May.</p>]]>
</content:encoded></item>
<item><title>Summary only</title><link>https://harbor-post.com/short</link>
<description>Just a teaser.</description></item>
</channel></rss>"""


def test_saved_feed_file_ingests_items_with_full_text(tmp_path):
    (tmp_path / "harbor.rss").write_text(SAVED_RSS, encoding="utf-8")
    result = ingest_paths([tmp_path])
    (article,) = result.articles
    assert article.source == f"{tmp_path / 'harbor.rss'}#1"
    assert (article.title, article.author) == ("Pier vote passes", "Ada Brook")
    assert article.outlet == "harbor-post.com"
    assert article.published == datetime(2024, 5, 6, 18, tzinfo=UTC)
    assert article.text == f"{STORY}\n\nWork starts in May."
    assert [str(p) for p in result.problems] == [
        f"error: {tmp_path / 'harbor.rss'}#2: feed item has no full text"
        " (ingest the feed by its web address to fetch its pages)"
    ]


def test_feed_item_full_text_is_used_when_its_page_fails():
    client = mock_client({
        "https://harbor-post.com/rss": (200, "application/rss+xml", SAVED_RSS),
        "https://harbor-post.com/pier": (503, "text/html", "busy"),
        "https://harbor-post.com/short": (200, "text/html", PAGE),
    })
    result = ingest_feed("https://harbor-post.com/rss", client, Settings())
    assert [a.source for a in result.articles] == [
        "https://harbor-post.com/pier", "https://harbor-post.com/short"
    ]
    assert result.articles[0].text == f"{STORY}\n\nWork starts in May."
    assert result.articles[1].title == "Pier vote"  # the page's own title wins
    assert result.problems == ()


def test_utf16_file_and_json_lines_in_a_json_file(tmp_path):
    (tmp_path / "wide.txt").write_bytes(f"Pier Vote Passes\n\n{STORY}".encode("utf-16"))
    lines = [json.dumps({"text": STORY.replace("pier", "dock")}), "{oops"]
    (tmp_path / "lines.json").write_text("\n".join(lines))
    result = ingest_paths([tmp_path / "wide.txt", tmp_path / "lines.json"])
    assert [Path(a.source).name for a in result.articles] == ["wide.txt", "lines.json:1"]
    assert result.articles[0].title == "Pier Vote Passes"
    assert [Path(p.source).name for p in result.problems] == ["lines.json:2"]
    # binary data opening with a UTF-16 mark is no text (an odd byte out, here)
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe\x00\x01garbage")
    assert [str(p) for p in ingest_paths([tmp_path / "odd.txt"]).problems] == [
        f"error: {tmp_path / 'odd.txt'}: binary file, not text (a UTF-16 mark, then no UTF-16)"
    ]


@pytest.mark.parametrize(
    ("named", "outlet"),
    [("www.Harbor-Post.com", "harbor-post.com"), ("https://m.harbor-post.com/x", "harbor-post.com"),
     ("Harbor Post", "Harbor Post"), ("U.S. News", "U.S. News")],
)
def test_a_domain_given_as_the_outlet_name_is_normalized(named, outlet):
    assert article_from_record({"text": STORY, "outlet": named}, "api").outlet == outlet


def test_credit_naming_a_domain_gives_the_domain():
    text = f"Originally published at www.ledger-news.org\n\n{STORY}"
    assert article_from_text(text, "t").outlet == "ledger-news.org"


NEWSWIRE = """<DOC>
<DOCNO> APW20240102.0001 </DOCNO>
<DATE_TIME> 2024-01-02 09:15:00 </DATE_TIME>
<BODY>
<HEADLINE> Harbor pier vote set for Monday </HEADLINE>
<TEXT>
<P>
	DUNMORE (AP) -- The harbor council will vote on the new pier on
Monday, members said &amp; residents plan to attend.
</P>
<P>
	The pier would cost $3 million. ``It is a fair price,'' a member said.
</P>
</TEXT>
</BODY>
</DOC>
<DOC>
<DOCNO> ZZZ20240102.0002 </DOCNO>
<TEXT>
The ferry returned to service on Sunday after the storm.
</TEXT>
</DOC>
"""


def test_newswire_sgml_documents(tmp_path):
    (tmp_path / "APW20240102.0001").write_text(NEWSWIRE)
    result = ingest_paths([tmp_path])
    assert result.problems == ()
    first, second = result.articles
    assert first.source == f"{tmp_path / 'APW20240102.0001'}#APW20240102.0001"
    assert first.title == "Harbor pier vote set for Monday"
    assert first.outlet == "Associated Press"  # LDC source code in the DOCNO
    assert first.published == datetime(2024, 1, 2, 9, 15, tzinfo=UTC)
    assert first.text == (
        "DUNMORE (AP) -- The harbor council will vote on the new pier on Monday, members"
        " said & residents plan to attend.\n\nThe pier would cost $3 million."
        " “It is a fair price,” a member said."
    )
    assert (second.outlet, second.title) == (None, "")
    assert second.text == "The ferry returned to service on Sunday after the storm."


def test_byline_and_timestamp_under_the_headline_fill_author_and_date():
    article = article_from_text(
        f"Pier Vote Passes\n\nBy Ada Brook\nPublished: March 8, 2018 4:21 PM ET\n\n{STORY}", "x"
    )
    assert article.author == "Ada Brook"
    assert article.published == datetime(2018, 3, 8, 21, 21, tzinfo=UTC)
    assert article.text == STORY


def test_unreadable_folder_inside_a_walk_is_a_problem(tmp_path, monkeypatch):
    import os

    (tmp_path / "ok.txt").write_text(f"Pier Vote Passes\n\n{STORY}")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Hidden\n\nThe ferry returned to service on Sunday.")
    real_scandir = os.scandir

    def deny(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    result = ingest_paths([tmp_path])
    assert [Path(a.source).name for a in result.articles] == ["ok.txt"]
    assert [str(p) for p in result.problems] == [f"error: {locked}: permission denied"]


def test_same_text_from_two_outlets_stays_two_articles(tmp_path):
    (tmp_path / "wire.txt").write_text(f"outlet: Coastal Wire\n\nPier Vote Passes\n\n{STORY}")
    (tmp_path / "paper.txt").write_text(f"outlet: Bayside Times\n\nPier Vote Passes\n\n{STORY}")
    (tmp_path / "wire-again.txt").write_text(f"outlet: Coastal Wire\n\nPier vote passes\n\n{STORY}")
    result = ingest_paths([tmp_path / "wire.txt", tmp_path / "paper.txt", tmp_path / "wire-again.txt"])
    assert [a.outlet for a in result.articles] == ["Coastal Wire", "Bayside Times"]
    assert result.articles[0].id != result.articles[1].id


def test_opml_lists_give_their_feed_addresses_or_one_problem_each(tmp_path):
    from manysides.ingest.opml import is_feed_list, read_feed_lists

    good = tmp_path / "feeds.opml"
    good.write_text(
        '<opml version="1.0"><body><outline title="News">'
        '<outline xmlUrl=" https://harbor-post.com/rss "/><outline xmlurl="http://ledger.example/atom"/>'
        '</outline><outline htmlUrl="https://harbor-post.com/"/></body></opml>'
    )
    feed = tmp_path / "feed.opml"
    feed.write_text("<rss><channel><title>Harbor Post</title></channel></rss>")
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline")
    big = tmp_path / "big.opml"
    big.write_text("<opml>" + " " * 400 + "</opml>")
    addresses, problems = read_feed_lists([good, feed, broken, tmp_path / "gone.opml", big, good], 300)
    assert addresses == ["https://harbor-post.com/rss", "http://ledger.example/atom"]
    assert [(p.source, p.severity, p.message.split(" (")[0]) for p in problems] == [
        (str(feed), "error", "not an OPML list"),
        (str(broken), "error", "OPML list names no http(s) feed"),
        (str(tmp_path / "gone.opml"), "error", "no such file or directory"),
        (str(big), "warning", "larger than max_file_bytes"),
    ]
    assert is_feed_list("a/Feeds.OPML") and not is_feed_list("feeds.xml")
    packed = tmp_path / "feeds.opml.gz"
    packed.write_bytes(gzip.compress(good.read_bytes()))
    assert is_feed_list(packed) and not is_feed_list("feeds.gz")
    assert read_feed_lists([packed], 300) == (["https://harbor-post.com/rss", "http://ledger.example/atom"], [])


def test_a_record_split_into_tokens_is_stored_as_prose():
    tokenized = (
        "The harbor council 's vote , taken Monday , does n't end the debate . "
        "`` We ’ ll appeal , '' a member said ."
    )
    article = article_from_record({"title": "Pier vote", "text": tokenized}, "data.jsonl:1")
    assert article.text == (
        "The harbor council's vote, taken Monday, doesn't end the debate. "
        "“We’ll appeal,” a member said."
    )


def test_mojibake_in_a_record_is_repaired():
    # UTF-8 read as Windows-1252 twice in the title; Windows-1252 punctuation left as C1
    # control characters in the text; text with accents and curly marks as it should be
    title = "Council stays \u2018far apart\u2019 on fares".encode().decode("cp1252")
    title = title.encode("utf-8").decode("cp1252")
    article = article_from_record(
        {
            "title": title,
            "author": "Jos\u00c3\u00a9 Ruiz",
            "text": "FERRYTOWN \x96 The mayor\x92s plan failed. Caf\u00e9 owners \u201cwelcomed\u201d it.",
        },
        "data.jsonl:1",
    )
    assert article.title == "Council stays \u2018far apart\u2019 on fares"
    assert article.author == "Jos\u00e9 Ruiz"
    assert article.text == (
        "FERRYTOWN \u2013 The mayor\u2019s plan failed. Caf\u00e9 owners \u201cwelcomed\u201d it."
    )
