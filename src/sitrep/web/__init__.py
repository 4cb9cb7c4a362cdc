"""``sitrep serve``: the analyst's page and a read-only JSON API over the store (FastAPI; schema at /openapi.json).

Security: binds 127.0.0.1 unless told otherwise; every endpoint only reads (so none needs a token); article text
is only ever sent as JSON data and put into the page as text nodes, never parsed as markup; a Content Security
Policy forbids inline and foreign scripts; static files come only from the package's ``static`` folder
(Starlette's StaticFiles refuses paths that leave it).
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..query import (EventFilter, FilterError, document_meta, documents, event_detail, facets, iter_events,
                     lead_headlines, timeline)
from ..store import Store, StoreError

STATIC = Path(str(resources.files("sitrep.web") / "static"))

# Map tiles are optional (the page has its own basemap); when the analyst switches them on, only OSM's are allowed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

FILTER_DOC = {
    "since": "first day (YYYY-MM-DD), inclusive; an event's day is its date, else its span's start, else its report date",
    "until": "last day (YYYY-MM-DD), inclusive",
    "place": "location, admin1 or country name (substring, case- and accent-insensitive)",
    "bbox": "min_lon,min_lat,max_lon,max_lat",
    "actor": "actor name or part of it (actor1, actor2, associated actors)",
    "event_type": "ACLED event type or sub-event type; repeat the parameter or join with | for several",
    "source": "outlet name, document id or URL of any source",
    "q": "words that must all occur in the notes, evidence sentences, claims, places or actors",
    "factuality": "reported, claimed, threatened, planned, denied or historical; repeat or join with |",
}


def _warm_gazetteer() -> None:
    try:
        from ..geo import gazetteer
        gazetteer()
    except Exception:  # noqa: BLE001 - warming is an optimisation; the request that needs it will report errors
        pass


def create_app(db: str | Path) -> FastAPI:
    """``db``: a SQLite file path or a PostgreSQL URL (each request opens its own read-only store)."""
    db = str(db)
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # the control ledger places names through the gazetteer, which takes seconds to load: load it now, in
        # the background, rather than on the first page view
        threading.Thread(target=_warm_gazetteer, name="sitrep-warm-gazetteer", daemon=True).start()
        yield

    app = FastAPI(title="Sitrep", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read-only API over a Sitrep store: events with their sources, claims and evidence; "
                              "documents; the control ledger.")

    def store() -> Store:
        try:
            return Store(db, readonly=True)
        except StoreError as e:
            raise HTTPException(503, detail=str(e))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    def flt(since, until, place, bbox, actor, event_type, source, q, factuality) -> EventFilter:
        return EventFilter.parse(since=since, until=until, place=place, bbox=bbox, actor=actor, event_type=event_type,
                                 source=source, q=q, factuality=factuality)

    @app.get("/api/events", summary="Events, filtered")
    def api_events(since: Optional[str] = Query(None, description=FILTER_DOC["since"]),
                   until: Optional[str] = Query(None, description=FILTER_DOC["until"]),
                   place: Optional[str] = Query(None, description=FILTER_DOC["place"]),
                   bbox: Optional[str] = Query(None, description=FILTER_DOC["bbox"]),
                   actor: Optional[str] = Query(None, description=FILTER_DOC["actor"]),
                   event_type: Optional[list[str]] = Query(None, description=FILTER_DOC["event_type"]),
                   source: Optional[str] = Query(None, description=FILTER_DOC["source"]),
                   q: Optional[str] = Query(None, description=FILTER_DOC["q"]),
                   factuality: Optional[list[str]] = Query(None, description=FILTER_DOC["factuality"]),
                   limit: int = Query(1000, ge=1, le=100_000), offset: int = Query(0, ge=0)) -> dict:
        f = flt(since, until, place, bbox, actor, event_type, source, q, factuality)
        with store() as s:
            evs = list(iter_events(s, f))
            page = evs[offset:offset + limit]
            leads = lead_headlines(s, {e["event_id"] for e in page})
        return {"filter": f.as_dict(), "total": len(evs), "offset": offset, "events": page, "leads": leads}

    @app.get("/api/timeline", summary="Events per day by event type, same filters as /api/events")
    def api_timeline(since: Optional[str] = None, until: Optional[str] = None, place: Optional[str] = None,
                     bbox: Optional[str] = None, actor: Optional[str] = None,
                     event_type: Optional[list[str]] = Query(None), source: Optional[str] = None,
                     q: Optional[str] = None, factuality: Optional[list[str]] = Query(None)) -> dict:
        f = flt(since, until, place, bbox, actor, event_type, source, q, factuality)
        with store() as s:
            return timeline(iter_events(s, f))

    @app.get("/api/facets", summary="Values the filters can take: event types, actors, outlets, places, days")
    def api_facets() -> dict:
        with store() as s:
            return facets(iter_events(s))

    @app.get("/api/events/{event_id}", summary="One event with each source's article, evidence and claims")
    def api_event(event_id: str) -> dict:
        with store() as s:
            d = event_detail(s, event_id)
        if d is None:
            raise HTTPException(404, detail=f"no event {event_id}")
        return d

    @app.get("/api/documents", summary="Documents (current versions)")
    def api_documents(source: Optional[str] = Query(None, description="outlet, URL, path or document id"),
                      q: Optional[str] = Query(None, description="words in the title or text")) -> dict:
        with store() as s:
            docs = documents(s, source=source, q=q)
        return {"total": len(docs), "documents": docs}

    @app.get("/api/documents/{doc_id}", summary="One document with its cleaned text and the events it reports")
    def api_document(doc_id: str) -> dict:
        with store() as s:
            meta = document_meta(s, doc_id, with_text=True)
            if meta is None:
                raise HTTPException(404, detail=f"no document {doc_id}")
            meta["events"] = [ev["event_id"] for ev in iter_events(s, EventFilter(source=doc_id))]
        return meta

    @app.get("/api/control", summary="The control ledger: who holds each place, since when, on whose claim")
    def api_control(place: Optional[str] = Query(None, description="a place name; all places when absent")) -> list:
        try:
            from ..control import ledger
        except ImportError:
            raise HTTPException(501, detail="this Sitrep has no control ledger (sitrep.control)")
        with store() as s:
            return ledger(s, place)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
