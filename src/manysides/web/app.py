"""FastAPI app: server-rendered pages (Jinja2, a little vanilla JS, no CDN) and the JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import pipeline
from ..errors import ManysidesError, NotFound
from ..listing import StoryCard, StoryFilter, blindspot_side, group_by_storyline
from ..outlets import SIDE_OF
from ..render.html import TEMPLATES as RENDER_TEMPLATES
from ..render.html import article_blocks, environment, render_html_doc
from ..render.view import ReportView, counted
from ..settings import Settings
from ..store import Store
from .api import (
    ApiError,
    BlindspotQuery,
    LeaningQuery,
    OutletQuery,
    TextQuery,
    article_json,
    install_error_handlers,
    parse_blindspot,
    parse_day,
    problem,
    router,
)
from .feed import stories_atom
from .services import Services

HERE = Path(__file__).parent
# Stories on one front page, newest first: a store of 11,000 AllSides articles lists 9,700,
# which made one page of 3.2 MB (2.3 s to serve the first time).
FRONT_PAGE_STORIES = 60


def page_environment() -> jinja2.Environment:
    env = environment().overlay(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(HERE / "templates")), jinja2.FileSystemLoader(str(RENDER_TEMPLATES))]
        )
    )
    env.filters["side"] = lambda leaning: SIDE_OF.get(leaning or "", "")
    return env


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The web app over ``store`` (opened from ``settings.db`` when not given)."""
    app = FastAPI(
        title="manysides",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.services = Services(settings, store or Store.open(settings.db))
    app.state.templates = page_environment()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)
    install_error_handlers(app)
    _install_page_errors(app)
    _install_pages(app)
    return app


def feed_url(filters: dict[str, str]) -> str:
    """The Atom feed of a front page's filters (its days left out: a feed follows news as it
    comes)."""
    kept = {k: v for k, v in filters.items() if k not in ("since", "until")}
    return "/feed.atom" + ("?" + urlencode(kept) if kept else "")


def feed_title(wanted: StoryFilter) -> str:
    """A feed's title, naming the filters it follows."""
    parts = [f"“{wanted.q.strip()}”"] if wanted.q.strip() else []
    parts += [f"from {wanted.outlet}"] if wanted.outlet else []
    parts += [f"covered by the {wanted.leaning}"] if wanted.leaning else []
    if wanted.blindspot:
        parts.append(f"blindspots for {blindspot_side(wanted.blindspot)}")
    return "manysides: stories" + (" — " + ", ".join(parts) if parts else "")


def _render(request: Request, template_name: str, status: int = 200, **context: Any) -> HTMLResponse:
    template = request.app.state.templates.get_template(template_name)
    return HTMLResponse(template.render(request=request, **context), status_code=status)


def _install_page_errors(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    def _not_found(request: Request, exc: NotFound) -> Response:
        moved = _moved_location(request)
        if moved is not None:
            return RedirectResponse(moved, status_code=307)
        if request.url.path.startswith("/api/"):
            return problem(404, "Not found", str(exc))
        return _render(request, "error.html", 404, title="Not found", detail=str(exc))

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        if request.url.path.startswith("/api/"):
            return problem(422, "Invalid request", detail)
        return _render(request, "error.html", 422, title="Invalid request", detail=detail)

    @app.exception_handler(ManysidesError)
    def _failed(request: Request, exc: ManysidesError) -> Response:
        if request.url.path.startswith("/api/"):
            return problem(400, type(exc).__name__, str(exc))
        return _render(request, "error.html", 400, title="Something went wrong", detail=str(exc))


def _paged(cards: list[StoryCard], page: int) -> tuple[list[StoryCard], int]:
    """Page ``page`` (from 1) of ``cards``, FRONT_PAGE_STORIES a page, and how many pages
    they fill; NotFound past the last."""
    pages = max(1, -(-len(cards) // FRONT_PAGE_STORIES))
    if page > pages:
        raise NotFound(f"no page {page}: the stories fill {counted(pages, 'page')}")
    return cards[(page - 1) * FRONT_PAGE_STORIES : page * FRONT_PAGE_STORIES], pages


def _moved_location(request: Request) -> str | None:
    """Where a story or storyline page (or its API document) that is not found now lives,
    when its id names one that merged into another (``pipeline.moved_id``): the same
    address with the new id. A temporary redirect: a later split can bring the id back."""
    params = request.path_params
    gone, kind = (params["story_id"], "e-") if "story_id" in params else (params.get("storyline_id"), "s-")
    path = request.url.path
    if not gone or not gone.startswith(kind) or not path.endswith("/" + gone):
        return None
    services: Services = request.app.state.services
    target = pipeline.moved_id(services.store, gone)
    if target is None:
        return None
    query = f"?{request.url.query}" if request.url.query else ""
    return path.removesuffix(gone) + target + query


def _install_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        request: Request,
        q: TextQuery = "",
        outlet: OutletQuery = "",
        leaning: LeaningQuery = "",
        since: Annotated[str, Query(max_length=40)] = "",
        until: Annotated[str, Query(max_length=40)] = "",
        blindspot: BlindspotQuery = "",
        page: Annotated[int, Query(ge=1)] = 1,
    ) -> Response:
        svc: Services = request.app.state.services
        listing = svc.listing()
        try:
            wanted = StoryFilter(
                q, outlet, leaning, parse_day(since, "since"), parse_day(until, "until"),
                parse_blindspot(blindspot),
            )
            cards = svc.stories(wanted, listing)  # the outlets and cards of one listing
        except ApiError as exc:
            return _render(request, "error.html", 400, title=exc.title, detail=exc.detail)
        shown, pages = _paged(cards, page)
        filters = {k: v for k, v in (("q", q), ("outlet", outlet), ("leaning", leaning),
                                     ("since", since), ("until", until), ("blindspot", blindspot)) if v}
        return _render(
            request, "index.html", groups=group_by_storyline(shown), total=len(cards),
            outlets=listing.outlets, q=q, outlet=outlet, leaning=leaning, since=since, until=until,
            blindspot=blindspot, page=page, feed_url=feed_url(filters), pages=pages, filters=filters,
            base="/",
        )

    @app.get("/feed.atom", include_in_schema=False)
    def feed(
        request: Request,
        q: TextQuery = "",
        outlet: OutletQuery = "",
        leaning: LeaningQuery = "",
        blindspot: BlindspotQuery = "",
    ) -> Response:
        """The front page's newest stories, under the same filters, as an Atom feed."""
        svc: Services = request.app.state.services
        try:
            wanted = StoryFilter(q, outlet, leaning, blindspot=parse_blindspot(blindspot))
        except ApiError as exc:
            return _render(request, "error.html", 400, title=exc.title, detail=exc.detail)
        cards = svc.stories(wanted)
        site = str(request.base_url).rstrip("/")
        body = stories_atom(cards, feed_title(wanted), site, str(request.url))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> Response:
        svc: Services = request.app.state.services

        def render() -> str:
            template = request.app.state.templates.get_template("story.html")
            doc = svc.report_doc(story_id)
            body = render_html_doc(doc, standalone=False)
            return str(template.render(request=request, body=body, title=doc["story"]["title"]))

        return Response(svc.page(story_id, render), media_type="text/html; charset=utf-8")

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline(request: Request, storyline_id: str) -> Response:
        svc: Services = request.app.state.services
        return _render(request, "storyline.html", line=svc.storyline(storyline_id))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        svc: Services = request.app.state.services
        svc.store.get_article(article_id)  # 404 for unknown ids
        event = svc.store.event_of_article(article_id)
        doc = svc.report_doc(event.id) if event else None
        return _render(request, "article.html", **article_context(doc, svc, article_id))

    @app.get("/outlets/{name}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, name: str, page: Annotated[int, Query(ge=1)] = 1) -> Response:
        svc: Services = request.app.state.services
        cards = svc.listing().filter(StoryFilter(outlet=name))
        if not cards:
            raise NotFound(f"no articles from outlet {name!r}")
        shown, pages = _paged(cards, page)
        record = svc.registry().lookup(name)
        return _render(
            request, "outlet.html", name=name, record=record, cards=shown, total=len(cards),
            page=page, pages=pages, filters={}, base=f"/outlets/{quote(name)}",
            feed_url=feed_url({"outlet": name}),
        )

    @app.get("/healthz", include_in_schema=False)
    def health() -> JSONResponse:
        return JSONResponse({"ok": True})


def sentence_roles(doc: dict[str, Any], article_id: str) -> dict[int, list[str]]:
    """Per sentence of one article: cited in summary, quote, loaded (a loaded span in it),
    biased (its own wording scores as biased as a whole)."""
    roles: dict[int, list[str]] = {}

    def mark(index: int, role: str) -> None:
        bucket = roles.setdefault(index, [])
        if role not in bucket:
            bucket.append(role)

    for s in doc["summary"]:
        for c in s["citations"]:
            if c["article_id"] == article_id:
                mark(c["sentence"], "cited in summary")
    for group in doc["quotes"]:
        for v in group["variants"]:
            if v["article_id"] == article_id:
                mark(v["sentence"], "quote")
    for span in doc["framing"]["loaded"]:
        if span["article_id"] == article_id:
            mark(span["sentence"], "loaded")
    for sentence in doc["framing"].get("biased", ()):  # reports cached before it existed
        if sentence["article_id"] == article_id:
            mark(sentence["sentence"], "biased")
    return roles


def article_context(doc: dict[str, Any] | None, svc: Services, article_id: str) -> dict[str, Any]:
    if doc is None:
        article = article_json(svc.store.get_article(article_id))
        article["sentences"] = []
        return {"article": article, "doc": None, "blocks": [[{"index": None, "pieces": [{"text": article["text"], "reason": None}]}]], "roles": {}, "view": None}
    article = next(a for a in doc["articles"] if a["id"] == article_id)
    return {
        "article": article,
        "doc": doc,
        "view": ReportView(doc),
        "blocks": article_blocks(article, list(doc["framing"]["loaded"])),
        "roles": sentence_roles(doc, article_id),
    }
