"""Web pages and feeds by URL, through an injected ``httpx.Client`` (tests mock it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import InputError, OversizedInput, UnreadableInput
from ..model import Article
from ..settings import Settings
from .base import WARNING, IngestResult, Problem, dedupe, read_problem
from .feeds import FeedItem, looks_like_feed, parse_feed
from .html import article_from_html, listing_feed
from .plaintext import article_from_text

if TYPE_CHECKING:  # (the client is handed in: an ingest of files never imports httpx)
    import httpx

# Address → id of the stored article read from it, for the addresses the store holds
# (``Store.stored_at``).
StoredAt = Callable[[Sequence[str]], Mapping[str, str]]
# Told how far a long step has come: (what it is doing, steps done, steps in all).
Progress = Callable[[str, int, int], None]


def fetch(client: httpx.Client, url: str, limit: int) -> httpx.Response:
    """GET ``url`` (redirects followed), reading at most ``limit`` bytes.

    Raises UnreadableInput for network errors and non-2xx answers, OversizedInput when the
    body is larger than ``limit``.
    """
    import httpx

    try:
        with client.stream("GET", url, follow_redirects=True) as response:
            if not response.is_success:
                raise UnreadableInput(url, f"HTTP {response.status_code} {response.reason_phrase}")
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
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def web_client() -> httpx.Client:
    """A client for fetching pages and feeds named on the command line."""
    import httpx

    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT_S)


def ingest_location(
    url: str,
    client: httpx.Client,
    settings: Settings | None = None,
    *,
    stored_at: StoredAt | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """A web page's article, or when the address answers with an RSS/Atom feed, the article
    of each item (its page, or the item's own full text): one command for both, as a user
    pastes either. A site's home or section page that names a feed in its head gives that
    feed's items; a home page that names none is a problem, not an article.
    ``stored_at`` and ``progress``: see ``ingest_feed``."""
    settings = settings or Settings()
    try:
        response = fetch(client, url, settings.max_file_bytes)
    except InputError as error:
        return IngestResult((), (read_problem(error),))
    content_type = response.headers.get("content-type", "").lower()
    if content_type.startswith(_FEED_TYPES) or (
        not content_type.startswith("text/html") and looks_like_feed(response.text[:2000])
    ):
        return _feed_result(url, response.content, client, settings, stored_at, progress)
    page_url = str(response.url) or url
    if not content_type.startswith("text/plain"):
        # a pasted home or section page means its news, not the page: read the feed it names
        listing, feed = listing_feed(response.text, page_url)
        if feed:
            return _named_feed(url, feed, client, settings, stored_at, progress)
        if listing and urlsplit(page_url).path in ("", "/"):
            return IngestResult((), (Problem(url, _NO_FEED),))
    try:
        return IngestResult((_article(response, url, None),), ())
    except InputError as error:
        return IngestResult((), (read_problem(error),))


_NO_FEED = "a site's home page, not an article, and it names no RSS or Atom feed"


def _named_feed(
    url: str,
    feed: str,
    client: httpx.Client,
    settings: Settings,
    stored_at: StoredAt | None,
    progress: Progress | None,
) -> IngestResult:
    """The items of the feed that the page at ``url`` names; a failure names both."""
    try:
        data = fetch(client, feed, settings.max_file_bytes).content
    except InputError as error:
        failed = read_problem(error)
        return IngestResult((), (Problem(url, f"its feed {feed}: {failed.message}", failed.severity),))
    return _feed_result(feed, data, client, settings, stored_at, progress)


def _feed_result(
    url: str,
    data: bytes,
    client: httpx.Client,
    settings: Settings,
    stored_at: StoredAt | None,
    progress: Progress | None,
) -> IngestResult:
    try:
        items = parse_feed(data, url)
    except InputError as error:
        return IngestResult((), (read_problem(error),))
    if not items:
        return IngestResult((), (Problem(url, "feed has no items", WARNING),))
    stored = stored_at([i.link for i in items if i.link]) if stored_at else {}
    unread = [i for i in items if i.link not in stored]
    articles: list[Article] = []
    problems: list[Problem] = []
    # the item pages are fetched FEED_FETCHES at a time (one by one, a 50-item feed on a slow
    # site took minutes); results keep the feed's order
    with ThreadPoolExecutor(max_workers=max(1, min(FEED_FETCHES, len(unread)))) as pool:
        fetched = pool.map(lambda item: _from_item(item, client, settings, url), unread)
        for done, (found, failed) in enumerate(fetched, start=1):
            articles.extend(found)
            problems.extend(failed)
            if progress:
                progress(f"fetching {url}", done, len(unread))
    known = tuple(dict.fromkeys(stored[i.link] for i in items if i.link and i.link in stored))
    return IngestResult(dedupe(articles), tuple(problems), known)


def ingest_feed(
    url: str,
    client: httpx.Client,
    settings: Settings | None = None,
    *,
    stored_at: StoredAt | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Fetch an RSS/Atom feed, then each item's page, and ingest the pages as HTML.

    With ``stored_at``, items whose address the store already holds are not fetched again
    (a feed polled every hour repeats most of its items): their ids are the result's
    ``stored``. ``progress`` hears of each item page as it arrives."""
    settings = settings or Settings()
    try:
        data = fetch(client, url, settings.max_file_bytes).content
    except InputError as error:
        return IngestResult((), (read_problem(error),))
    return _feed_result(url, data, client, settings, stored_at, progress)
