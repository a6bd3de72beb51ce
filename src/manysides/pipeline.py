"""The end-to-end flow shared by the CLI and the web app.

ingest → store → tier-1 index (copies, events, storylines) → per-story tier-2 report → files.
Each step takes its dependencies (settings, store, nlp) explicitly.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .cluster import FINGERPRINT_BATCH, INDEX_FORMAT, StoryIndex
from .collector import kept_for_good
from .dedupe import TextSource
from .embeddings import Encoder, unavailable_reason
from .errors import ConfigError, NotFound, OutputError
from .ingest import IngestResult, Problem, ingest_paths, is_url
from .ingest.base import without_future_dates
from .ingest.opml import is_feed_list, read_feed_lists
from .ingest.web import Progress
from .model import Article, Event, FeedState, Framing, Grouping, StoryReport
from .nlp import load_nlp, parse_articles
from .outlets import OutletRegistry, load_outlets, registry_of
from .render import render_html_doc, render_markdown_doc, report_to_dict
from .settings import Settings
from .store import SavedGrouping, Store

# The report and word-choice stages pull in spaCy and scikit-learn (2 s of imports): they are
# imported where a report or a prior is built, so an ingest from the CLI, which builds
# neither, does not wait for them.
if TYPE_CHECKING:
    from .framing import TermCounts
    from .report import ReportOptions

INDEX_STATE_KEY = "story_index"
GROUPED_SEQ_KEY = "grouped_seq"  # the ingest seq of the last article the stored grouping holds
INDEX_MODE_KEY = "story_index_mode"  # b"dense" or b"sparse": how the saved index scores joins
INDEX_EPOCH_KEY = "story_index_epoch"  # a count of ``rebuild_index`` runs (none: b"")
# The stages ``update_index`` tells its progress of.
GROUPING, LINKING = "grouping articles into stories", "linking stories into storylines"
PRIOR_STATE_KEY = "term_prior"
PRIOR_DRIFT = 0.05  # corpus growth after which cached reports are rebuilt (prior_epoch)
INDEX_SCHEMA = "manysides.index/1"
# The saved story index is rewritten (seconds in a store of 10,000 articles) once the
# articles it lacks reach this share of those the index holds; until then a process that
# loads it feeds them again from the store (about 1 ms each).
SNAPSHOT_SHARE = 0.02

Embed = Callable[[Article], Any]  # an article's unit embedding (numpy vector)


@dataclass(frozen=True)
class IngestOutcome:
    added: tuple[str, ...]
    existing: tuple[str, ...]
    problems: tuple[Problem, ...]
    grouping: Grouping = field(default_factory=Grouping)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return self.added + self.existing


@dataclass(frozen=True)
class StoryFiles:
    story_id: str
    title: str
    files: tuple[Path, ...]


@dataclass(frozen=True)
class AnalyzeResult:
    ingest: IngestOutcome
    stories: tuple[StoryFiles, ...]
    index_file: Path


def story_embedder(settings: Settings) -> Embed | None:
    """The embedding tier 1 mixes in when ``settings.embeddings`` is on (the model loads
    once per process); None when it is off. ConfigError when the extra is not installed."""
    if not settings.embeddings:
        return None
    reason = unavailable_reason()
    if reason:
        raise ConfigError(f"setting embeddings: {reason}")
    return _encoder().embed


@lru_cache(maxsize=1)
def _encoder() -> Encoder:
    return Encoder()


def _mode(embed: Embed | None) -> bytes:
    return b"dense" if embed is not None else b"sparse"


def _load_index(store: Store, embed: Embed | None) -> tuple[StoryIndex, int]:
    """The persisted story index and the ingest seq of the last article it has seen.

    An index scores joins one way for good (its thresholds are calibrated per mode), so a
    store indexed with embeddings on must be opened with them on, and the other way round.
    """
    state = store.get_state(INDEX_STATE_KEY)
    if not state:
        return StoryIndex(embed=embed), 0  # with ``embed``: the calibrated dense mix
    if other := _other_mode(store, embed):
        _refuse(other)
    with kept_for_good():
        index = StoryIndex.from_bytes(state[8:], embed=embed, text_source=_stored_texts(store))
    return index, struct.unpack(">Q", state[:8])[0]


def _stored_texts(store: Store) -> TextSource:
    """The articles' texts from the store, for a saved index that holds none (see
    ``update_index``)."""

    def texts(article_ids: Sequence[str]) -> dict[str, str]:
        return {article.id: article.text for article in store.get_articles(article_ids)}

    return texts


def check_index_mode(store: Store, embed: Embed | None) -> None:
    """ConfigError when ``store``'s story index was built in the other mode (see above).
    The small mode key is read first: the index blob (large in a big store) is read only
    to confirm an index exists when the modes differ."""
    if (other := _other_mode(store, embed)) and store.get_state(INDEX_STATE_KEY):
        _refuse(other)


def _other_mode(store: Store, embed: Embed | None) -> bytes | None:
    """The saved index mode when it is not the one asked for (no key: an index from before
    modes were recorded, which is sparse)."""
    saved = store.get_state(INDEX_MODE_KEY) or b"sparse"
    return saved if saved != _mode(embed) else None


def _refuse(saved: bytes) -> NoReturn:
    built, asked = ("on", "off") if saved == b"dense" else ("off", "on")
    raise ConfigError(
        f"this store's story index was built with embeddings {built}, but the setting "
        f"embeddings is {asked}: set it {built}, or run `manysides reindex` to group the "
        f"store again with embeddings {asked}"
    )


@dataclass
class LiveIndex:
    """A story index a long-running process (the web app) keeps between ingests, so an
    ingest need not load it from the store first: ``seen`` is the ingest seq of the last
    article it holds, ``snapshot`` the number of articles the store's saved copy holds.
    Empty until the first ingest fills it."""

    index: StoryIndex | None = None
    seen: int = 0
    snapshot: int = 0
    saved: SavedGrouping | None = None  # the grouping it saved last (Store.save_grouping)
    epoch: bytes = b""  # the store's ``index_epoch`` when the index was loaded


def update_index(
    store: Store,
    embed: Embed | None = None,
    live: LiveIndex | None = None,
    progress: Progress | None = None,
) -> Grouping:
    """Feed every stored article the story index has not seen yet, in ingest order
    (``embed``: the dense features of ``story_embedder``, None for the sparse index), and
    save the grouping; ``live``: an index kept in memory between calls, used and updated;
    ``progress`` hears of the articles grouped (``GROUPING``) and of the storylines pass
    (``LINKING``, one step).

    Driven by the store's ingest sequence rather than by the latest batch, so articles
    stored by a run that died before indexing are picked up by the next one. The saved
    index is a snapshot that may lag (SNAPSHOT_SHARE): whoever loads it feeds the articles
    it lacks again, in the same order, which gives the same events.
    """
    live = live if live is not None else LiveIndex()
    epoch = index_epoch(store)
    if live.index is not None and live.epoch != epoch:
        # the store was grouped again since (``rebuild_index``, another process): this
        # index holds the old events, and saving its grouping would bring them back
        live.index, live.saved = None, None
    newest = store.last_seq()
    if live.index is None:
        if _grouped_up_to(store) >= newest:
            return store.grouping()  # nothing new: not even the index need be loaded
        live.index, live.seen = _load_index(store, embed)
        live.epoch = epoch
        # a snapshot in an older format is written again by this ingest (it loads faster)
        live.snapshot = len(live.index) if live.index.loaded_format == INDEX_FORMAT else 0
    index, seen = live.index, live.seen
    for page in _pages(store.iter_sequenced(seen)):
        index.add_many(article for _, article in page)
        live.seen = page[-1][0]
        if progress:
            progress(GROUPING, live.seen - seen, max(newest, live.seen) - seen)
    if live.seen == seen:
        return store.grouping()
    if progress:
        progress(GROUPING, 1, 1)  # done, should the newest seqs have gone meanwhile
        progress(LINKING, 0, 1)
    grouping = index.grouping()
    if progress:
        progress(LINKING, 1, 1)
    live.saved = store.save_grouping(grouping, live.saved)
    store.put_state(GROUPED_SEQ_KEY, struct.pack(">Q", live.seen))
    store.put_state(INDEX_MODE_KEY, _mode(embed))
    if len(index) - live.snapshot >= SNAPSHOT_SHARE * len(index):
        # without the texts: the store holds them, and they were two thirds of the saved index
        store.put_state(
            INDEX_STATE_KEY, struct.pack(">Q", live.seen) + index.to_bytes(texts=False)
        )
        live.snapshot = len(index)
    store.invalidate_reports(live.saved.stale)  # the other stories' reports still hold
    return grouping


def rebuild_index(
    store: Store, settings: Settings, progress: Progress | None = None
) -> Grouping:
    """Group every stored article again from the first, in ingest order, into a new story
    index (this version's rules; embeddings as ``settings`` says, so a store may switch
    mode), and save it and its grouping in place of the old ones; the cached reports of the
    stories that changed are dropped. A store's index otherwise keeps the events it made,
    whatever a later version would make of the same articles. ``progress``: see
    ``update_index``."""
    embed = story_embedder(settings)
    epoch = index_epoch(store)
    live = LiveIndex(index=StoryIndex(embed=embed), epoch=epoch)
    grouping = update_index(store, embed, live, progress)
    # an index another process keeps in memory (the web app's) is now out of date
    store.put_state(INDEX_EPOCH_KEY, str(int(epoch or b"0") + 1).encode())
    return grouping


def index_epoch(store: Store) -> bytes:
    """How many times ``rebuild_index`` grouped the store again (b"" for never): an index
    or a cache made under another count holds stories that are gone."""
    return store.get_state(INDEX_EPOCH_KEY) or b""


def _grouped_up_to(store: Store) -> int:
    """The ingest seq of the last article the stored grouping holds (0 when unknown)."""
    state = store.get_state(GROUPED_SEQ_KEY)
    return struct.unpack(">Q", state)[0] if state else 0


def _pages(
    sequenced: Iterable[tuple[int, Article]], size: int = FINGERPRINT_BATCH
) -> Iterator[list[tuple[int, Article]]]:
    """``(seq, article)`` pairs a page at a time (``StoryIndex.add_many`` fingerprints a
    page at once)."""
    pending = iter(sequenced)
    while page := list(islice(pending, size)):
        yield page


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    client: Any = None,
    *,
    refetch: bool = False,
    progress: Progress | None = None,
) -> IngestOutcome:
    """Read ``paths`` (files, folders, globs, OPML subscription lists, and http(s) addresses
    of pages or feeds, which ``client``, an ``httpx.Client``, fetches: one is made when none
    is given), store new articles in one transaction, and index them. Unless ``refetch``, a
    feed's items the store already holds (by address) are not fetched again, and a feed
    read before is asked for only if it changed; ``progress`` hears of each item page
    fetched."""
    embed = story_embedder(settings)  # before reading: a missing extra stops nothing half-done
    lists = [p for p in paths if not is_url(p) and is_feed_list(p)]
    local = [p for p in paths if not is_url(p) and not is_feed_list(p)]
    result: IngestResult = ingest_paths(local, settings)
    listed, unread_lists = read_feed_lists(lists, settings.max_file_bytes)
    result = replace(result, problems=result.problems + tuple(unread_lists))
    urls = list(dict.fromkeys([str(p) for p in paths if is_url(p)] + listed))
    if urls:
        known = None if refetch else _StoreMemory(store)
        result = _with_fetched(result, urls, settings, client, known, progress)
    outcome = store_articles(
        result.articles, result.problems, store, embed, stored=result.stored, progress=progress
    )
    store.save_feed_states(result.feeds)  # only now: a "304" next time stands for stored items
    return outcome


ADDRESSES_AT_ONCE = 4  # web addresses read together (each feed's pages: FEED_FETCHES at once)


@dataclass(frozen=True)
class _StoreMemory:
    """What the store holds of earlier reads of the web (see ``ingest_feed``), looked up
    one at a time: addresses are read together, and an in-memory SQLite store has a single
    connection."""

    store: Store
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stored_at(self, addresses: Sequence[str]) -> dict[str, str]:
        with self.lock:
            return self.store.stored_at(addresses)

    def feed_state(self, url: str) -> FeedState | None:
        with self.lock:
            return self.store.feed_state(url)


def _with_fetched(
    result: IngestResult,
    urls: Sequence[str],
    settings: Settings,
    client: Any,
    known: _StoreMemory | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """``result`` with the articles and problems of fetching ``urls`` added (httpx is
    imported only when there is something to fetch)."""
    from .ingest.base import dedupe
    from .ingest.web import ingest_location, web_client

    own = client is None
    client = client or web_client()
    articles, problems, stored = list(result.articles), list(result.problems), list(result.stored)
    feeds = list(result.feeds)

    def read(url: str) -> IngestResult:
        return ingest_location(
            url, client, settings, progress=progress,
            stored_at=known.stored_at if known else None,
            feed_state=known.feed_state if known else None,
        )

    try:
        # ADDRESSES_AT_ONCE addresses are read together (an OPML list of 50 feeds read one by
        # one waited on each slow site in turn); results keep the order they were given in
        with ThreadPoolExecutor(max_workers=max(1, min(ADDRESSES_AT_ONCE, len(urls)))) as pool:
            for fetched in pool.map(read, urls):
                articles += fetched.articles
                problems += fetched.problems
                stored += fetched.stored
                feeds += fetched.feeds
    finally:
        if own:
            client.close()
    return IngestResult(
        dedupe(articles), tuple(problems), tuple(dict.fromkeys(stored)), tuple(feeds)
    )


def store_articles(
    articles: Sequence[Article],
    problems: Sequence[Problem],
    store: Store,
    embed: Embed | None = None,
    live: LiveIndex | None = None,
    *,
    stored: Sequence[str] = (),
    progress: Progress | None = None,
) -> IngestOutcome:
    """Store ``articles`` and index them; ``stored``: ids of articles the input named that
    the store held already and that were not read again, reported as already stored;
    ``progress``: see ``update_index``. A publication date in the future is left out, with a
    warning (``without_future_dates``)."""
    check_index_mode(store, embed)  # before storing: nothing is left unindexed
    articles, misdated = without_future_dates(articles, datetime.now(UTC))
    problems = (*problems, *misdated)
    added = store.add_articles(articles)
    grouping = update_index(store, embed, live, progress)
    existing = tuple(dict.fromkeys(added.existing + tuple(stored)))
    return IngestOutcome(added.added, existing, tuple(problems), grouping)


def outlet_registry(store: Store) -> OutletRegistry:
    """The outlets registry kept in the store (imported with ``manysides outlets import``)."""
    return registry_of(store.outlet_registry())


def import_outlets(path: str | Path, store: Store) -> int:
    """Read an outlets file (TOML or CSV) into the store; returns how many outlets."""
    registry = load_outlets(path)
    store.upsert_outlets(registry.outlets)
    store.invalidate_reports()
    return len(registry.outlets)


def corpus_prior(store: Store) -> TermCounts:
    """Term counts over every stored article: the prior of the word-choice contrast.

    Kept in the store and caught up lazily from the ingest sequence, so ingest stays cheap.
    """
    from .framing import TermCounts, term_counts

    state = store.get_state(PRIOR_STATE_KEY)
    seen, prior = (
        (struct.unpack(">Q", state[:8])[0], TermCounts.from_json(state[8:]))
        if state
        else (0, TermCounts())
    )
    last, texts = seen, []
    for seq, article in store.iter_sequenced(seen):
        texts.append(f"{article.title}\n{article.text}")
        last = seq
    if last != seen:
        prior = prior.merge(term_counts(texts))
        store.put_state(PRIOR_STATE_KEY, struct.pack(">Q", last) + prior.to_json())
    return prior


def corpus_framing(
    store: Store,
    settings: Settings,
    storyline_id: str | None = None,
    limit: int = 400,
    nlp: Any = None,
) -> Framing:
    """Word choice across a storyline (or the newest ``limit`` articles of the store):
    distinctive terms per outlet and leaning, and the different names outlets use."""
    from .framing import analyze_framing

    grouping = store.grouping()
    if storyline_id:
        named = _named_ids([s.id for s in grouping.storylines], storyline_id)
        if len(named) != 1:  # none, or a start of several ids
            many = f" ({len(named)} ids start so; give more of it)" if named else ""
            raise NotFound(f"no storyline {storyline_id!r} in the store{many}")
        line = next(s for s in grouping.storylines if s.id == named[0])
        events = {e.id: e for e in grouping.events}
        ids = [a for e in line.event_ids for a in events[e].article_ids]
    else:
        ids = [a.id for a in store.iter_articles()]
    copies = {d.article_id: d.original_id for d in grouping.duplicates}
    articles = [a for a in store.get_articles(ids[-limit:]) if a.id not in copies]
    parsed = parse_articles(
        articles,
        nlp or load_nlp(settings.spacy_model),
        cache=store,
        processes=settings.parse_processes,
    )
    return analyze_framing(parsed, prior=corpus_prior(store), outlets=outlet_registry(store))


def events_of(article_ids: Iterable[str], grouping: Grouping) -> tuple[Event, ...]:
    """Events holding any of ``article_ids``, in grouping order."""
    wanted = set(article_ids)
    return tuple(e for e in grouping.events if wanted.intersection(e.article_ids))


def resolve_story_id(grouping: Grouping, given: str) -> str:
    """The story (event) id that ``given`` names: the id itself or a unique start of it, as
    a user copies it from a listing ("e-3f2a9c" for "e-3f2a9c1d0b7e4a55"). Raises NotFound
    with what to do instead: an ambiguous start lists its stories, a storyline id lists the
    storyline's stories."""
    given = given.strip()
    starting = _named_ids([e.id for e in grouping.events], given)
    if len(starting) == 1:
        return starting[0]
    if starting:
        shown = ", ".join(starting[:5]) + (" …" if len(starting) > 5 else "")
        raise NotFound(f"{given!r} starts {len(starting)} story ids ({shown}); give more of it")
    lines = _named_ids([s.id for s in grouping.storylines], given)
    if len(lines) == 1:
        (line,) = (s for s in grouping.storylines if s.id == lines[0])
        events = ", ".join(line.event_ids[:5]) + (" …" if len(line.event_ids) > 5 else "")
        raise NotFound(f"{line.id} is a storyline, not a story; its stories: {events}")
    raise NotFound(f"no story {given!r} in the store; `manysides stories` lists them")


def moved_id(store: Store, gone_id: str) -> str | None:
    """The story or storyline that a story id ("e-…") or storyline id ("s-…") no longer in
    the store became part of, or None. Such ids are the prefix and the id of the article
    that started the story (storylines: its first story), and that article stays in the
    story it merged into, so old links, bookmarks and feed entries still lead somewhere.
    An id in use, or not naming a stored article, gives None."""
    kind, _, article_id = gone_id.partition("-")
    if kind not in ("e", "s") or not article_id:
        return None
    event = store.event_of_article(article_id)
    if event is None:
        return None
    if kind == "e":
        found = event.id
    else:
        line = store.storyline_of_event(event.id)
        found = "" if line is None else line.id
    return found if found and found != gone_id else None


def _named_ids(ids: Sequence[str], given: str) -> list[str]:
    """The ids ``given`` names: itself when it is one, else every id it is a start of (none
    for an empty ``given``)."""
    return [given] if given in ids else [i for i in ids if given and i.startswith(given)]


def story_report(
    store: Store,
    story_id: str,
    settings: Settings,
    options: ReportOptions | None = None,
    *,
    grouping: Grouping | None = None,
    nlp: Any = None,
    client: Any = None,
) -> StoryReport:
    """Build the report of one story (event) from the store, parsing with the cache."""
    from .report import build_report

    grouping = grouping or store.grouping()
    event = next((e for e in grouping.events if e.id == story_id), None)
    if event is None:
        raise NotFound(f"no story {story_id!r} in the store")
    articles = store.get_articles(event.article_ids)
    parsed = parse_articles(
        articles,
        nlp or load_nlp(settings.spacy_model),
        cache=store,
        processes=settings.parse_processes,
    )
    return build_report(
        event,
        parsed,
        grouping,
        settings,
        options,
        prior=corpus_prior(store),
        outlets=outlet_registry(store),
        client=client,
    )


def cached_report_doc(store: Store, story_id: str, settings: Settings) -> dict[str, Any]:
    """The report JSON of a story with default options, from the report cache when fresh."""
    epoch = prior_epoch(store.last_seq())
    version = report_version(settings, epoch)
    cached = store.get_report(story_id, version)
    if cached is not None:
        return dict(json.loads(cached))
    doc = report_to_dict(story_report(store, story_id, settings))
    # Reports of this story made by other code, or against a smaller corpus, are stale for
    # good: drop them.
    store.put_report(
        story_id,
        version,
        json.dumps(doc, ensure_ascii=False),
        keep_prefix=f"{report_code()}-p{epoch}-",
    )
    return doc


def report_version(settings: Settings, epoch: int = 0) -> str:
    """Key of cached reports: the release, the analysis code and data, the corpus prior's
    epoch (``prior_epoch``), the summary length. A cached report is stale as soon as any
    module or lexicon changes, released or not."""
    return f"{report_code()}-p{epoch}-w{settings.summary_words}"


def prior_epoch(corpus_size: int) -> int:
    """Which step of PRIOR_DRIFT growth a corpus of ``corpus_size`` articles is at.

    A report's word-choice contrast is weighed against the corpus prior (every stored
    article), which one more article barely moves: a cached report stays while its own
    story and storyline stay (``Store.save_grouping``) and the corpus has not grown by
    PRIOR_DRIFT since; a small corpus changes epoch with every article."""
    return int(math.log(max(corpus_size, 1)) / math.log1p(PRIOR_DRIFT))


def report_code() -> str:
    """The release and the code fingerprint: the part of a report version that settings
    do not choose."""
    from . import __version__

    return f"{__version__}-{code_fingerprint()}"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Fingerprint of this installed package (computed once per process, ~3 ms)."""
    return folder_fingerprint(Path(__file__).parent)


def folder_fingerprint(folder: Path) -> str:
    """Hash (12 hex characters) of the Python modules and data files under ``folder``,
    by relative path and content; bytecode caches do not count."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".toml", ".json", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def slug(text: str, limit: int = 48) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "story"


def output_folder(path: str | Path) -> Path:
    """``path`` as a folder to write into, made with its parents when missing; OutputError
    (one line naming it) when it is a file or cannot be made."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder to write reports into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot make this folder ({_reason(error)})") from None
    return folder


def output_file(path: str | Path) -> Path:
    """``path`` as a file to write; OutputError (one line naming it) when it is a folder."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; name a file to write")
    return target


def write_output(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8, whole or not at all: ``opened_output``), making its
    folder when missing; OutputError (one line naming it) when it cannot be written."""
    with opened_output(path) as stream:
        stream.write(text)
    return Path(path)


@contextmanager
def opened_output(path: str | Path) -> Iterator[TextIO]:
    """A text file (UTF-8) to write ``path`` through, its folder made when missing. It is
    written beside ``path`` and moved there only when the writing ends without an error, so
    a failed export never leaves half a table; OutputError (one line naming it) when it
    cannot be written."""
    target = output_file(path)
    output_folder(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        partial.replace(target)
    except OSError as error:
        raise OutputError(f"{target}: cannot write ({_reason(error)})") from None
    finally:
        partial.unlink(missing_ok=True)


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def write_story_files(doc: dict[str, Any], out_dir: Path) -> tuple[Path, ...]:
    """Write ``<story>.json``, ``.md`` and ``.html`` for one report document."""
    stem = out_dir / doc["story"]["id"]
    files = (stem.with_suffix(".json"), stem.with_suffix(".md"), stem.with_suffix(".html"))
    write_output(files[0], json.dumps(doc, ensure_ascii=False, indent=2))
    write_output(files[1], render_markdown_doc(doc))
    write_output(files[2], render_html_doc(doc))
    return files


def index_document(
    grouping: Grouping, stories: Sequence[StoryFiles], store: Store
) -> dict[str, Any]:
    """``index.json``: storylines → events (stories) → articles, with report file names."""
    written = {s.story_id: s for s in stories}
    events = {e.id: e for e in grouping.events}
    storylines: list[dict[str, Any]] = []
    placed: set[str] = set()
    for line in grouping.storylines:
        ids = [e for e in line.event_ids if e in written]
        placed.update(ids)
        if ids:
            entries = [_event_entry(events[e], written, store) for e in ids]
            storylines.append({"id": line.id, "label": line.label, "events": entries})
    for story in stories:  # an event outside every storyline stands as its own thread
        if story.story_id not in placed:
            entry = _event_entry(events[story.story_id], written, store)
            storylines.append({"id": None, "label": story.title, "events": [entry]})
    return {"schema": INDEX_SCHEMA, "storylines": storylines}


def _event_entry(event: Event, written: dict[str, StoryFiles], store: Store) -> dict[str, Any]:
    articles = store.get_articles(event.article_ids)
    files = written[event.id].files
    return {
        "id": event.id,
        "title": written[event.id].title,
        "label": event.label,
        "report": files[0].name,
        "markdown": files[1].name,
        "html": files[2].name,
        "articles": [
            {
                "id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ],
    }


def analyze(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    store: Store,
    settings: Settings,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
) -> AnalyzeResult:
    """Ingest ``paths`` and write a report for every story their articles belong to."""
    out = output_folder(out_dir)  # before reading: a bad folder stops nothing half-done
    outcome = ingest(paths, store, settings, progress=progress)
    events = events_of(outcome.article_ids, outcome.grouping)
    nlp = load_nlp(settings.spacy_model) if events else None
    stories = []
    for done, event in enumerate(events):
        if progress:
            progress("analyzing stories", done, len(events))
        report = story_report(
            store, event.id, settings, options, grouping=outcome.grouping, nlp=nlp
        )
        files = write_story_files(report_to_dict(report), out)
        stories.append(StoryFiles(event.id, report.title, files))
    if progress:
        progress("analyzing stories", len(events), len(events))
    index_file = out / "index.json"
    doc = index_document(outcome.grouping, stories, store)
    write_output(index_file, json.dumps(doc, ensure_ascii=False, indent=2))
    return AnalyzeResult(outcome, tuple(stories), index_file)
