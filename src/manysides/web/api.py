"""JSON API under /api/v1: stories, reports, articles, search and ingest.

Errors are RFC 9457 problem+json documents. Writes need the API key from settings (header
``X-API-Key`` or ``Authorization: Bearer``); reads are open.
"""

from __future__ import annotations

import hmac
import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..ingest import article_from_html, article_from_record
from ..listing import StoryFilter, blindspot_choice
from ..model import Article
from .services import Services

router = APIRouter(prefix="/api/v1", tags=["api"])


class ProblemDetail(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""


class ApiError(Exception):
    def __init__(self, status: int, title: str, detail: str = "") -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail


def problem(status: int, title: str, detail: str = "") -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


Svc = Annotated[Services, Depends(services)]
PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": ProblemDetail, "content": {"application/problem+json": {}}}
    for code in (400, 401, 403, 404, 413, 415, 422)
}


class ArticleIn(BaseModel):
    """A posted article: ``text`` is required, the rest is optional metadata."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=300)
    author: str | None = Field(default=None, max_length=300)
    date: str | None = Field(default=None, max_length=100)


def article_json(article: Article, story_id: str | None = None) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "display_title": article.display_title,
        "url": article.url,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "story_id": story_id,
    }


def parse_day(value: str | None, field_name: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ApiError(400, "Bad date", f"{field_name}: expected an ISO date, got {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.now().astimezone().tzinfo)


# Query parameters the story listing takes, shared by the API, the front page and its feed.
TextQuery = Annotated[str, Query(max_length=200)]
OutletQuery = Annotated[str, Query(max_length=300)]
LeaningQuery = Annotated[str, Query(max_length=20)]
BlindspotQuery = Annotated[str, Query(max_length=10, description="left, right or any")]


def parse_blindspot(value: str) -> str:
    """A blindspot filter: "" (none), or one of BLINDSPOT_CHOICES (``listing.blindspot_choice``)."""
    try:
        return blindspot_choice(value)
    except ValueError as error:
        raise ApiError(400, "Bad blindspot", f"blindspot: {error}") from None


@router.get("/stories", responses=PROBLEMS)
def list_stories(
    svc: Svc,
    q: TextQuery = "",
    outlet: OutletQuery = "",
    leaning: LeaningQuery = "",
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    blindspot: BlindspotQuery = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Stories (events), newest first, filtered by text, outlet, leaning, dates and
    blindspot (stories no outlet of one side covered: ``left``, ``right`` or ``any``)."""
    cards = svc.stories(
        StoryFilter(
            q, outlet, leaning, parse_day(since, "since"), parse_day(until, "until"),
            parse_blindspot(blindspot),
        )
    )
    return {"total": len(cards), "stories": [c.as_json() for c in cards[offset : offset + limit]]}


@router.get(
    "/stories/{story_id}",
    responses={**PROBLEMS, 200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
    response_class=Response,
)
def get_story(story_id: str, svc: Svc) -> Response:
    """The story's full report, a ``manysides.report/1`` document."""
    return Response(svc.report_json(story_id), media_type="application/json")


@router.get("/storylines/{storyline_id}", responses=PROBLEMS)
def get_storyline(storyline_id: str, svc: Svc) -> dict[str, Any]:
    """One storyline: its stories oldest first (each as in ``/stories``) and, for its largest
    stories, which outlet covered which (story id -> that outlet's first article there)."""
    return svc.storyline(storyline_id).as_json()


@router.get("/articles", responses=PROBLEMS)
def list_articles(
    svc: Svc,
    q: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Articles whose title or text has every word of ``q`` (stemmed full-text search), newest first."""
    found = svc.store.search_articles(q, limit=limit, outlet=outlet or None)
    return {"articles": [{k: v for k, v in article_json(a).items() if k not in ("text", "removed")} for a in found]}


@router.get("/articles/{article_id}", responses=PROBLEMS)
def get_article(article_id: str, svc: Svc) -> dict[str, Any]:
    """One article with its clean text and the boilerplate removed from it."""
    article = svc.store.get_article(article_id)
    event = svc.store.event_of_article(article_id)
    return article_json(article, event.id if event else None)


@router.get("/search", responses=PROBLEMS)
def search(svc: Svc, q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
    """Stories and articles matching ``q``."""
    cards, found = svc.search(StoryFilter(q))
    articles = svc.store.article_heads(found[:20])
    return {
        "stories": [c.as_json() for c in cards[:20]],
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet} for a in articles],
    }


def require_key(
    svc: Svc,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> None:
    expected = svc.settings.api_key
    if not expected:
        raise ApiError(403, "Writes disabled", "set MANYSIDES_API_KEY to enable POST /api/v1/articles")
    given = x_api_key or (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "Missing or wrong API key", "send the key in the X-API-Key header")


@router.post(
    "/articles",
    status_code=201,
    responses=PROBLEMS,
    dependencies=[Depends(require_key)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ArticleIn.model_json_schema()},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def post_article(request: Request, svc: Svc, url: Annotated[str | None, Query(max_length=2000)] = None) -> dict[str, Any]:
    """Ingest one article (JSON record, or an HTML page with ``?url=``); ``warnings`` tells
    what was stored with a caveat (a publication date in the future is left out)."""
    body = await request.body()
    if len(body) > svc.settings.api_max_body_bytes:
        raise ApiError(413, "Body too large", f"{len(body)} bytes; the limit is {svc.settings.api_max_body_bytes}")
    article = decode_article(body, request.headers.get("content-type", ""), url)
    outcome = svc.ingest([article], [])
    event = svc.store.event_of_article(article.id)
    return {
        "id": article.id,
        "created": article.id in outcome.added,
        "story_id": event.id if event else None,
        "warnings": [problem.message for problem in outcome.problems],
    }


def decode_article(body: bytes, content_type: str, url: str | None) -> Article:
    kind = content_type.split(";")[0].strip().lower()
    try:
        if kind == "application/json":
            record = ArticleIn.model_validate(json.loads(body.decode("utf-8")))
            return article_from_record(record.model_dump(exclude_none=True), "POST /api/v1/articles")
        if kind in ("text/html", "application/xhtml+xml"):
            return article_from_html(body.decode("utf-8", errors="replace"), url=url, source=url or "POST /api/v1/articles")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, "Unreadable body", str(exc).splitlines()[0]) from exc
    except ValueError as exc:  # pydantic ValidationError
        raise ApiError(422, "Invalid article", str(exc).splitlines()[0]) from exc
    except InputError as exc:
        raise ApiError(422, "Invalid article", str(exc)) from exc
    raise ApiError(415, "Unsupported media type", "send application/json or text/html")


def install_error_handlers(app: Any) -> None:
    @app.exception_handler(ApiError)
    def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail)
