"""Shared pieces of ingest: problems, results, dates, outlets, and building an Article."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from dateutil import parser as date_parser
from tld import get_fld

from ..clean import (
    cleaned_body,
    credited_author,
    credited_date,
    credited_outlet,
    normalize_space,
    repaired_encoding,
)
from ..errors import BinaryInput, EmptyInput, GoneInput, InputError, OversizedInput
from ..model import Article, FeedState
from ..text import content_id

WARNING = "warning"
ERROR = "error"
# The address schemes ingest fetches: a link or list entry of any other is no page to read.
WEB_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Problem:
    """One input that could not be ingested (error) or was ingested with a caveat (warning)."""

    source: str
    message: str
    severity: str = ERROR
    lasting: bool = False  # reading the input again will not mend it (``read_problem``)

    def __str__(self) -> str:
        return f"{self.severity}: {self.source}: {self.message}"

    @classmethod
    def from_error(cls, error: InputError, severity: str = ERROR) -> Problem:
        return cls(error.source, error.message, severity)


@dataclass(frozen=True)
class IngestResult:
    """Articles in input order (duplicates dropped, first kept) and problems met on the way.
    ``stored``: ids of articles the store already holds that the input named by address (a
    feed's items read before), which were not fetched again. ``feeds``: see ``ingest_feed``."""

    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()
    stored: tuple[str, ...] = ()
    feeds: tuple[FeedState, ...] = ()  # what each feed read answered, to keep once stored

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)


def read_problem(error: InputError) -> Problem:
    """An input that failed as a whole (a fetch, a page, a list), as a problem: one over the
    size limit is a warning (skipped by the settings' choice), anything else an error. It is
    lasting when the input is gone, empty or not text: reading it again gives the same."""
    severity = WARNING if isinstance(error, OversizedInput) else ERROR
    lasting = isinstance(error, (GoneInput, EmptyInput, BinaryInput))
    return Problem(error.source, error.message, severity, lasting)


def dedupe(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Keep the first article of each id: the same text ingested twice is one article."""
    seen: set[str] = set()
    kept = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            kept.append(article)
    return tuple(kept)


# --- dates ----------------------------------------------------------------------------

# US zone abbreviations RSS feeds still use; dateutil does not know them without help.
_TZINFOS = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0,
    "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
    "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    # "ET"/"PT" do not say whether daylight time applies; standard time is at most an hour off
    "ET": -5 * 3600, "CT": -6 * 3600, "MT": -7 * 3600, "PT": -8 * 3600,
}


def parse_date(value: Any) -> datetime | None:
    """An aware datetime from a string, date, datetime or epoch seconds; naive means UTC."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, date):
            parsed = datetime(value.year, value.month, value.day)
        elif isinstance(value, int | float):
            parsed = datetime.fromtimestamp(value, tz=UTC)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = date_parser.parse(str(value).strip(), tzinfos=_TZINFOS)
    except (ValueError, OverflowError, OSError, TypeError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# A page or feed dated this far past the moment it is read misstates its date (clocks and
# zones ahead of UTC put honest dates up to a day ahead); the story pages order by date, and
# one article dated 2050 would top the newest stories for decades.
FUTURE_SLACK = timedelta(days=1)


def without_future_dates(
    articles: Iterable[Article], now: datetime
) -> tuple[tuple[Article, ...], tuple[Problem, ...]]:
    """``articles`` with each publication date later than ``now`` + FUTURE_SLACK left out
    (the article is kept, undated), and a warning naming each such input."""
    kept: list[Article] = []
    problems: list[Problem] = []
    for article in articles:
        if article.published is not None and article.published > now + FUTURE_SLACK:
            problems.append(Problem(
                article.source or article.id,
                f"publication date {article.published:%Y-%m-%d} is in the future; left out",
                WARNING,
            ))
            article = replace(article, published=None)
        kept.append(article)
    return tuple(kept), tuple(problems)


# --- outlets --------------------------------------------------------------------------

_MOBILE_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.")


def outlet_from_url(url: str | None) -> str | None:
    """The registrable domain of ``url`` ("example-news.com"), lower-case, or None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    registrable = get_fld(host, fix_protocol=True, fail_silently=True)
    if registrable:
        return str(registrable)
    while _MOBILE_PREFIX.match(host):  # IP addresses and unknown suffixes
        host = _MOBILE_PREFIX.sub("", host, count=1)
    return host


_DOMAIN_LIKE = re.compile(r"^(?:https?://)?[\w.-]+\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)


def _named_outlet(name: str | None) -> str | None:
    """An outlet as named; a domain or URL given as a name becomes its registrable domain."""
    if name and _DOMAIN_LIKE.match(name):
        return outlet_from_url(name) or name
    return name


def clean_field(value: Any) -> str | None:
    """A metadata value as one clean line, or None when empty."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v)
    text = normalize_space(repaired_encoding(str(value)))
    return text or None


# --- building articles ----------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """What a source says about an article besides its text. Empty strings mean unknown."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    sitename: str | None = None  # the name a page declares for its site
    author: str | None = None
    published: Any = None
    site_hint: str | None = None  # a weaker site name (an extractor's guess from the page)

    def merged(self, defaults: Mapping[str, Any] | None) -> Metadata:
        """Fill fields this metadata lacks from ``defaults`` (e.g. a feed item)."""
        if not defaults:
            return self
        return Metadata(
            title=self.title or clean_field(defaults.get("title")),
            url=self.url or clean_field(defaults.get("url")),
            outlet=self.outlet or clean_field(defaults.get("outlet")),
            sitename=self.sitename or clean_field(defaults.get("sitename")),
            author=self.author or clean_field(defaults.get("author")),
            published=self.published or defaults.get("published") or defaults.get("date"),
            site_hint=self.site_hint or clean_field(defaults.get("site_hint")),
        )


def build_article(body: str, meta: Metadata, source: str) -> Article:
    """Clean ``body`` (as prose when it comes split into tokens) and make the Article; raise
    EmptyInput when no text is left.

    Outlet, most explicit first: a named outlet, the site name the page declares (a name
    reads better than a domain, and is what a text file's ``outlet:`` header gives for the
    same outlet), the URL's domain, a weaker site-name hint, then a credit line in the text.
    Never guessed.
    """
    text, removed = cleaned_body(body)
    if not text:
        raise EmptyInput(source, "no article text (empty, or only boilerplate)")
    outlet = (
        _named_outlet(meta.outlet)
        or _named_outlet(meta.sitename)
        or outlet_from_url(meta.url)
        or _named_outlet(meta.site_hint)
        or _named_outlet(credited_outlet(removed))
    )
    return Article(
        id=content_id(text, outlet or meta.url),
        text=text,
        title=meta.title or "",
        url=meta.url,
        outlet=outlet,
        author=meta.author or credited_author(removed),
        published=parse_date(meta.published) or parse_date(credited_date(removed)),
        removed=removed,
        source=source,
    )
