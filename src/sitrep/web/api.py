"""The read-only JSON API (``/api/...``): events, timeline, facets, documents and the control ledger.

Every route opens its own read-only store for the request (``request.app.state.db``: a SQLite path or a PostgreSQL
URL) and closes it before answering; the event filters are one dependency shared by the routes that filter.
"""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..query import (EventFilter, document_meta, documents, event_detail, facets, iter_events, lead_headlines,
                     timeline)
from ..store import Store, StoreError

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

router = APIRouter(prefix="/api")


def open_store(request: Request) -> Store:
    """A read-only store on the app's database; 503 when it cannot be opened."""
    try:
        return Store(request.app.state.db, readonly=True)
    except StoreError as e:
        raise HTTPException(503, detail=str(e))


def event_filter(since: Optional[str] = Query(None, description=FILTER_DOC["since"]),
                 until: Optional[str] = Query(None, description=FILTER_DOC["until"]),
                 place: Optional[str] = Query(None, description=FILTER_DOC["place"]),
                 bbox: Optional[str] = Query(None, description=FILTER_DOC["bbox"]),
                 actor: Optional[str] = Query(None, description=FILTER_DOC["actor"]),
                 event_type: Optional[list[str]] = Query(None, description=FILTER_DOC["event_type"]),
                 source: Optional[str] = Query(None, description=FILTER_DOC["source"]),
                 q: Optional[str] = Query(None, description=FILTER_DOC["q"]),
                 factuality: Optional[list[str]] = Query(None, description=FILTER_DOC["factuality"])) -> EventFilter:
    """The filters of /api/events and /api/timeline (a bad value raises FilterError: 422)."""
    return EventFilter.parse(since=since, until=until, place=place, bbox=bbox, actor=actor, event_type=event_type,
                             source=source, q=q, factuality=factuality)


@router.get("/events", summary="Events, filtered")
def api_events(request: Request, f: EventFilter = Depends(event_filter),
               limit: int = Query(1000, ge=1, le=100_000), offset: int = Query(0, ge=0)) -> dict:
    with open_store(request) as s:
        evs = list(iter_events(s, f))
        page = evs[offset:offset + limit]
        leads = lead_headlines(s, {e["event_id"] for e in page})
    return {"filter": f.as_dict(), "total": len(evs), "offset": offset, "events": page, "leads": leads}


@router.get("/timeline", summary="Events per day by event type, same filters as /api/events")
def api_timeline(request: Request, f: EventFilter = Depends(event_filter)) -> dict:
    with open_store(request) as s:
        return timeline(iter_events(s, f))


@router.get("/facets", summary="Values the filters can take: event types, actors, outlets, places, days")
def api_facets(request: Request) -> dict:
    with open_store(request) as s:
        return facets(iter_events(s))


@router.get("/events/{event_id}", summary="One event with each source's article, evidence and claims")
def api_event(request: Request, event_id: str) -> dict:
    with open_store(request) as s:
        d = event_detail(s, event_id)
    if d is None:
        raise HTTPException(404, detail=f"no event {event_id}")
    return d


@router.get("/documents", summary="Documents (current versions)")
def api_documents(request: Request,
                  source: Optional[str] = Query(None, description="outlet, URL, path or document id"),
                  q: Optional[str] = Query(None, description="words in the title or text")) -> dict:
    with open_store(request) as s:
        docs = documents(s, source=source, q=q)
    return {"total": len(docs), "documents": docs}


@router.get("/documents/{doc_id}", summary="One document with its cleaned text and the events it reports")
def api_document(request: Request, doc_id: str) -> dict:
    with open_store(request) as s:
        meta = document_meta(s, doc_id, with_text=True)
        if meta is None:
            raise HTTPException(404, detail=f"no document {doc_id}")
        meta["events"] = [ev["event_id"] for ev in iter_events(s, EventFilter(source=doc_id))]
    return meta


@router.get("/control", summary="The control ledger: who holds each place, since when, on whose claim")
def api_control(request: Request,
                place: Optional[str] = Query(None, description="a place name; all places when absent")) -> list:
    try:
        from ..control import ledger
    except ImportError:
        raise HTTPException(501, detail="this Sitrep has no control ledger (sitrep.control)")
    with open_store(request) as s:
        return ledger(s, place)
