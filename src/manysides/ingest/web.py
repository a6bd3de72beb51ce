"""Web pages and feeds by URL, through an injected ``httpx.Client`` (tests mock it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import GoneInput, InputError, OversizedInput, UnreadableInput
from ..model import Article, FeedState
from ..settings import Settings
from .base import WARNING, WEB_SCHEMES, IngestResult, Problem, dedupe, read_problem
from .feeds import FeedItem, looks_like_feed, parse_feed
from .html import LISTING, article_from_html, listing_feed
from .plaintext import article_from_text

if TYPE_CHECKING:  # (the client is handed in: an ingest of files never imports httpx)
    import httpx

# Address → id of the stored article read from it, for the addresses the store holds
# (``Store.stored_at``).
StoredAt = Callable[[Sequence[str]], Mapping[str, str]]
# Told how far a long step has come: (what it is doing, steps done, steps in all).
Progress = Callable[[str, int, int], None]
# What a feed answered when last read (``Store.feed_state``), None for a feed never read.
FeedStateOf = Callable[[str], FeedState | None]


NOT_MODIFIED = 304
GONE_STATUSES = (404, 410)  # the server says nothing is at the address


def _conditions(known: FeedState | None) -> dict[str, str]:
    """The headers of a conditional GET that sends back what a feed gave last time."""
    if known is None:
        return {}
    found = {"If-None-Match": known.etag, "If-Modified-Since": known.last_modified}
    return {name: value for name, value in found.items() if value}


def fetch(
    client: httpx.Client, url: str, limit: int, known: FeedState | None = None
) -> httpx.Response:
    """GET ``url`` (redirects followed), reading at most ``limit`` bytes; with ``known``,
    only if it changed since (an answer "304 Not Modified" is then returned as it is).

    Raises UnreadableInput for network errors and non-2xx answers (GoneInput for 404 and
    410), OversizedInput when the body is larger than ``limit``.
    """
    import httpx

    try:
        headers = _conditions(known)
        with client.stream("GET", url, follow_redirects=True, headers=headers) as response:
            if headers and response.status_code == NOT_MODIFIED:
                response.read()
                return response
            if not response.is_success:
                failed = GoneInput if response.status_code in GONE_STATUSES else UnreadableInput
                raise failed(url, f"HTTP {response.status_code} {response.reason_phrase}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise OversizedInput(url, f"larger than max_file_bytes ({limit:,} bytes)")
    except httpx.HTTPError as error:
        raise UnreadableInput(url, f"cannot fetch ({type(error).__name__}: {error})") from None
    response._content = bytes(body)  # the body we already read, for .text/.content
    return response


def _article(response: httpx.Response, url: str, defaults: Mapping[str, Any] | None) -> Article:
    content_type = response.headers.get("content-type", "").lower()
    final_url = str(response.url) or url
    if content_type.startswith("text/plain"):
        return article_from_text(response.text, url, {"url": final_url, **(defaults or {})})
    return article_from_html(response.text, url=final_url, source=url, defaults=defaults)


def _page(
    url: str, client: httpx.Client, settings: Settings, defaults: Mapping[str, Any] | None
) -> tuple[list[Article], list[Problem]]:
    try:
        response = fetch(client, url, settings.max_file_bytes)
        return [_article(response, url, defaults)], []
    except InputError as error:
        return [], [read_problem(error)]


def ingest_url(url: str, client: httpx.Client, settings: Settings | None = None) -> IngestResult:
    """One article from a web page. Bad answers become problems; never raises for them."""
    articles, problems = _page(url, client, settings or Settings(), None)
    return IngestResult(tuple(articles), tuple(problems))


def _from_item(
    item: FeedItem, client: httpx.Client, settings: Settings, feed_url: str
) -> tuple[list[Article], list[Problem]]:
    if item.link:
        articles, problems = _page(item.link, client, settings, item.defaults())
        if articles or not item.content:
            return articles, problems
    if item.content:  # the page failed or there is none, but the feed has the full text
        source = item.link or feed_url
        try:
            return [article_from_html(item.content, url=item.link, source=source,
                                      defaults=item.defaults())], []
        except InputError as error:
            return [], [read_problem(error)]
    return [], [Problem(feed_url, f"feed item {item.title or '(untitled)'!r} has no link")]


# What a fetch from the command line sends and waits for (a library caller hands in its own
# client with its own settings).
USER_AGENT = "manysides (self-hosted news reader)"
TIMEOUT_S = 20.0
FEED_FETCHES = 6  # a feed's item pages fetched at once (httpx clients are thread-safe)
_FEED_TYPES = ("application/rss", "application/atom", "application/feed", "application/xml", "text/xml")


def is_url(location: str | object) -> bool:
    """Whether a location given to ``ingest`` is a web address, not a file path."""
    return isinstance(location, str) and location.lower().startswith(WEB_SCHEMES)


def web_client() -> httpx.Client:
    """A client for fetching pages and feeds named on the command line."""
    import httpx

    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT_S)


@dataclass(frozen=True)
class _Reading:
    """One read of an address and what it needs: the client, the settings, and what the
    store holds (``stored_at``, ``feed_state``: see ``ingest_feed``)."""

    client: httpx.Client
    settings: Settings
    stored_at: StoredAt | None = None
    feed_state: FeedStateOf | None = None
    progress: Progress | None = None
    _known: dict[str, FeedState | None] = field(default_factory=dict, compare=False)

    def fetch(self, url: str, known: FeedState | None = None) -> httpx.Response:
        return fetch(self.client, url, self.settings.max_file_bytes, known)

    def known_feed(self, url: str) -> FeedState | None:
        """What the feed at ``url`` answered when last read (None when never, or when the
        store is not asked), looked up once per read."""
        if url not in self._known:
            self._known[url] = self.feed_state(url) if self.feed_state and self.stored_at else None
        return self._known[url]


def ingest_location(
    url: str,
    client: httpx.Client,
    settings: Settings | None = None,
    *,
    stored_at: StoredAt | None = None,
    feed_state: FeedStateOf | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """A web page's article, or when the address answers with an RSS/Atom feed, the article
    of each item (its page, or the item's own full text): one command for both, as a user
    pastes either. A site's home or section page that names a feed in its head gives that
    feed's items; one that names none is a problem, not an article (``html.page_kind``).
    ``stored_at``, ``feed_state`` and ``progress``: see ``ingest_feed``."""
    reading = _Reading(client, settings or Settings(), stored_at, feed_state, progress)
    try:
        answer = _asked(url, reading)
    except InputError as error:
        return IngestResult((), (read_problem(error),))
    if isinstance(answer, IngestResult):
        return answer
    response = answer
    content_type = response.headers.get("content-type", "").lower()
    if content_type.startswith(_FEED_TYPES) or (
        not content_type.startswith("text/html") and looks_like_feed(response.text[:2000])
    ):
        return _feed_result(url, response, reading)
    page_url = str(response.url) or url
    if not content_type.startswith("text/plain"):
        # a pasted home or section page means its news, not the page: read the feed it names
        kind, feed = listing_feed(response.text, page_url)
        if feed:
            return _named_feed(url, feed, reading)
        if kind == LISTING:
            return IngestResult((), (Problem(url, _NO_FEED),))
    try:
        return IngestResult((_article(response, url, None),), ())
    except InputError as error:
        return IngestResult((), (read_problem(error),))


_NO_FEED = "a site's home or section page, not an article, and it names no RSS or Atom feed"


def _named_feed(url: str, feed: str, reading: _Reading) -> IngestResult:
    """The items of the feed that the page at ``url`` names; a failure names both."""
    try:
        return _read_feed(feed, reading)
    except InputError as error:
        failed = read_problem(error)
        return IngestResult((), (Problem(url, f"its feed {feed}: {failed.message}", failed.severity),))


def _read_feed(url: str, reading: _Reading) -> IngestResult:
    """The feed at ``url`` and its items, asked for only if it changed when it was read
    before. Raises InputError when the feed itself cannot be fetched."""
    answer = _asked(url, reading)
    return answer if isinstance(answer, IngestResult) else _feed_result(url, answer, reading)


def _asked(url: str, reading: _Reading) -> httpx.Response | IngestResult:
    """The answer of ``url``, asked for only if it changed when it was read before as a
    feed; a "304 Not Modified" is already the result (``_unchanged``). Raises InputError
    when it cannot be fetched."""
    known = reading.known_feed(url)
    response = reading.fetch(url, known)
    if known and known.conditional and response.status_code == NOT_MODIFIED:
        return _unchanged(url, known, reading)
    return response


def _unchanged(url: str, known: FeedState, reading: _Reading) -> IngestResult:
    """A feed that answered "304 Not Modified": its items are those it listed last time,
    all stored then (or given up on). Should the store lack any of them, the feed is read
    again in full (raising InputError when it cannot be fetched)."""
    stored = reading.stored_at(known.links) if reading.stored_at else {}
    if any(link not in stored and link not in known.given_up for link in known.links):
        return _feed_result(url, reading.fetch(url), reading)
    return IngestResult(stored=_held(known.links, stored))


def _held(links: Sequence[str], stored: Mapping[str, str]) -> tuple[str, ...]:
    """Ids of the stored articles read from ``links`` (``stored``: address -> id), in the
    feed's order, each once."""
    return tuple(dict.fromkeys(stored[link] for link in links if link in stored))


def _feed_result(url: str, response: httpx.Response, reading: _Reading) -> IngestResult:
    try:
        items = parse_feed(response.content, url)
    except InputError as error:
        return IngestResult((), (read_problem(error),))
    if not items:
        return IngestResult((), (Problem(url, "feed has no items", WARNING),))
    links = tuple(dict.fromkeys(i.link for i in items if i.link))
    stored = reading.stored_at(links) if reading.stored_at else {}
    known = reading.known_feed(url)
    given_up = set(known.given_up if known else ()) & set(links)  # still listed
    unread = [i for i in items if i.link not in stored and i.link not in given_up]
    articles: list[Article] = []
    problems: list[Problem] = []
    missed = False  # an item with a page that gave no article, and may give one later
    # the item pages are fetched FEED_FETCHES at a time (one by one, a 50-item feed on a slow
    # site took minutes); results keep the feed's order
    with ThreadPoolExecutor(max_workers=max(1, min(FEED_FETCHES, len(unread)))) as pool:
        fetched = pool.map(lambda item: _from_item(item, reading.client, reading.settings, url), unread)
        for done, (item, (found, failed)) in enumerate(zip(unread, fetched, strict=True), start=1):
            articles.extend(found)
            problems.extend(failed)
            if item.link and not found:
                if failed and all(p.lasting for p in failed):
                    given_up.add(item.link)
                else:
                    missed = True
            if reading.progress:
                reading.progress(f"fetching {url}", done, len(unread))
    # validators only once every item is stored or given up: a "304" must not hide an item
    # that a later read may still get
    headers = response.headers
    state = FeedState(
        url,
        None if missed else headers.get("etag"),
        None if missed else headers.get("last-modified"),
        links,
        tuple(link for link in links if link in given_up),
    )
    return IngestResult(dedupe(articles), tuple(problems), _held(links, stored), (state,))


def ingest_feed(
    url: str,
    client: httpx.Client,
    settings: Settings | None = None,
    *,
    stored_at: StoredAt | None = None,
    feed_state: FeedStateOf | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Fetch an RSS/Atom feed, then each item's page, and ingest the pages as HTML.

    With ``stored_at``, items whose address the store already holds are not fetched again
    (a feed polled every hour repeats most of its items): their ids are the result's
    ``stored``. With ``feed_state`` too, the feed itself is asked for only if it changed
    (a conditional GET with the validators it gave last time), and its items given up on
    before (pages gone, empty or not text: ``FeedState.given_up``) are skipped; the
    result's ``feeds`` hold what it answered now, for the caller to keep once the articles
    are stored. ``progress`` hears of each item page as it arrives."""
    reading = _Reading(client, settings or Settings(), stored_at, feed_state, progress)
    try:
        return _read_feed(url, reading)
    except InputError as error:
        return IngestResult((), (read_problem(error),))
