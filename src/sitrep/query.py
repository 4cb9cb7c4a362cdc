"""Reading events back out of the store with the filters an analyst uses: the API, the page, the briefing and
the exports share them, so "events in Rif Dimashq since 1 May involving ISIS" means the same thing everywhere.

An event's *day* for filtering and the timeline is its ``event_date``; an event whose day the text does not fix
falls back to the start of its date span, then to the earliest publication date of its sources, and says which
(``day_basis``: ``event``, ``span`` or ``report``), so an undated event is still placed, and marked as such.
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Iterable, Iterator, Optional

from .store import Store


class FilterError(ValueError):
    """A filter value that cannot be understood (bad date, bad bounding box)."""


def fold(s: Optional[str]) -> str:
    """Case-, accent- and transliteration-mark-insensitive form for matching ('al-Yarmūk' ~ 'al-yarmuk')."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in "ʿʾ'`’‘")
    return s.casefold()


def place_matches(query: str, name: str) -> bool:
    """'yarmouk' finds 'al-Yarmūk' and 'Yarmuk camp': a folded substring, or the query's transliteration-blind
    consonant skeleton (sitrep.geo.skeleton) as whole words of the name's."""
    if fold(query) in fold(name):
        return True
    from .geo import skeleton

    q, n = skeleton(query), skeleton(name)
    return bool(q) and f" {q} " in f" {n} "


def parse_day(value: Optional[str], name: str) -> Optional[dt.date]:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_bbox(value: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    """``min_lon,min_lat,max_lon,max_lat`` (the GeoJSON order)."""
    if value in (None, ""):
        return None
    try:
        parts = [float(x) for x in str(value).split(",")]
    except ValueError:
        raise FilterError(f"bbox: {value!r} is not four numbers min_lon,min_lat,max_lon,max_lat") from None
    if len(parts) != 4:
        raise FilterError(f"bbox: {value!r} is not four numbers min_lon,min_lat,max_lon,max_lat")
    w, s, e, n = parts
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise FilterError(f"bbox: {value!r} is outside -180..180 / -90..90 or south > north")
    return w, s, e, n


def event_day(ev: dict) -> tuple[Optional[str], Optional[str]]:
    """(ISO day, basis) for filtering and the timeline; basis is 'event', 'span', 'report' or None."""
    if ev.get("event_date"):
        return ev["event_date"], "event"
    if ev.get("date_start"):
        return ev["date_start"], "span"
    published = sorted(s["published"] for s in ev.get("sources") or [] if s.get("published"))
    if published:
        return published[0], "report"
    return None, None


@dataclass
class EventFilter:
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    place: Optional[str] = None            # location, admin1, country or the place whose control changed
    bbox: Optional[tuple[float, float, float, float]] = None
    actor: Optional[str] = None            # actor1/actor2/associated actors (substring, accent-insensitive)
    event_type: list[str] = field(default_factory=list)   # ACLED event or sub-event type names (any of)
    source: Optional[str] = None           # outlet, doc id or URL of any source
    q: Optional[str] = None                # words in notes, evidence, claims, places, actors (all must occur)
    factuality: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, since=None, until=None, place=None, bbox=None, actor=None, event_type=None, source=None, q=None,
              factuality=None) -> "EventFilter":
        def many(v) -> list[str]:
            if not v:
                return []
            items = v if isinstance(v, (list, tuple)) else [v]
            return [x.strip() for item in items for x in str(item).split("|") if x.strip()]

        f = cls(since=parse_day(since, "since"), until=parse_day(until, "until"), place=place or None,
                bbox=parse_bbox(bbox), actor=actor or None, event_type=many(event_type), source=source or None,
                q=q or None, factuality=many(factuality))
        if f.since and f.until and f.since > f.until:
            raise FilterError(f"since {f.since} is after until {f.until}")
        return f

    def as_dict(self) -> dict:
        out = {}
        for fl in fields(self):
            v = getattr(self, fl.name)
            if v:
                out[fl.name] = v.isoformat() if isinstance(v, dt.date) else v
        return out

    # -- matching -------------------------------------------------------------------------------------------
    def matches(self, ev: dict) -> bool:
        if self.since or self.until:
            day, _ = event_day(ev)
            if day is None:
                return False
            d = dt.date.fromisoformat(day[:10])
            if (self.since and d < self.since) or (self.until and d > self.until):
                return False
        if self.bbox:
            lat, lon = ev.get("latitude"), ev.get("longitude")
            if lat is None or lon is None:
                return False
            w, s, e, n = self.bbox
            in_lon = (w <= lon <= e) if w <= e else (lon >= w or lon <= e)  # a box across the antimeridian
            if not (in_lon and s <= lat <= n):
                return False
        if self.place:
            terr = ev.get("territory") or {}
            names = [ev.get("location"), ev.get("location_text"), ev.get("admin1"), ev.get("country"), terr.get("place")]
            if not any(place_matches(self.place, x) for x in names if x):
                return False
        if self.actor:
            a = fold(self.actor)
            actors = [ev.get("actor1"), ev.get("actor2"), *(ev.get("assoc_actor_1") or []), *(ev.get("assoc_actor_2") or [])]
            if not any(a in fold(x) for x in actors if x):
                return False
        if self.event_type:
            wanted = {fold(t) for t in self.event_type}
            if fold(ev.get("event_type")) not in wanted and fold(ev.get("sub_event_type")) not in wanted:
                return False
        if self.factuality and ev.get("factuality") not in self.factuality:
            return False
        if self.source:
            s = fold(self.source)
            if not any(s in fold(src.get("outlet")) or s == fold(src.get("doc_id")) or s in fold(src.get("url"))
                       for src in ev.get("sources") or []):
                return False
        if self.q:
            hay = fold(searchable_text(ev))
            if not all(word in hay for word in fold(self.q).split()):
                return False
        return True


def searchable_text(ev: dict) -> str:
    parts = [ev.get("notes"), ev.get("location"), ev.get("admin1"), ev.get("actor1"), ev.get("actor2"),
             ev.get("event_type"), ev.get("sub_event_type"), ev.get("date_text")]
    parts += ev.get("assoc_actor_1") or []
    parts += ev.get("assoc_actor_2") or []
    parts += [e.get("text") for e in ev.get("evidence") or []]
    parts += [c.get("quote") for c in ev.get("claims") or []]
    parts += [c.get("claimant") for c in ev.get("claims") or []]
    return " \n ".join(p for p in parts if p)


def iter_events(store: Store, flt: Optional[EventFilter] = None) -> Iterator[dict]:
    """Events in store order (dated first, by date), each with ``day`` and ``day_basis`` added."""
    for ev in store.events():
        if flt is None or flt.matches(ev):
            ev["day"], ev["day_basis"] = event_day(ev)
            yield ev


def resolve_event_id(store: Store, event_id: str) -> Optional[str]:
    """The id of the surviving event (merged events leave a redirect), or None."""
    seen = set()
    while event_id not in seen:
        seen.add(event_id)
        if store.event_exists(event_id):
            return event_id
        new_id = store.redirect_of(event_id)
        if new_id is None:
            return None
        event_id = new_id
    return None


def get_event(store: Store, event_id: str) -> Optional[dict]:
    eid = resolve_event_id(store, event_id)
    if eid is None:
        return None
    ev = json.loads(store.event_data(eid))
    ev["day"], ev["day_basis"] = event_day(ev)
    return ev


DOC_COLUMNS = ["doc_id", "path", "url", "title", "outlet", "published", "published_from", "language"]


def document_meta(store: Store, doc_id: str, with_text: bool = False) -> Optional[dict]:
    return store.document_fields(doc_id, DOC_COLUMNS + (["text"] if with_text else []) + ["superseded_by"])


def documents(store: Store, source: Optional[str] = None, q: Optional[str] = None) -> list[dict]:
    out = []
    for d in store.current_documents(DOC_COLUMNS + ["text"]):
        text = d.pop("text")
        if source and not (fold(source) in fold(d["outlet"]) or fold(source) in fold(d["url"])
                           or fold(source) == fold(d["doc_id"]) or fold(source) in fold(d["path"])):
            continue
        if q and not all(w in fold((d["title"] or "") + " " + text) for w in fold(q).split()):
            continue
        d["chars"] = len(text)
        out.append(d)
    return out


def lead_headlines(store: Store, event_ids: set[str]) -> dict[str, list[dict]]:
    """event_id -> the articles whose main event it is (what their headline and lead report): ``{doc_id, title}``."""
    out: dict[str, list[dict]] = {}
    for doc_id, event_id in sorted(store.main_events().items()):
        if event_id in event_ids:
            title = (store.document_fields(doc_id, ["title"]) or {}).get("title")
            out.setdefault(event_id, []).append({"doc_id": doc_id, "title": title})
    return out


def event_detail(store: Store, event_id: str) -> Optional[dict]:
    """One event with, per source, the article (cleaned text), the evidence spans in it and that source's claims."""
    ev = get_event(store, event_id)
    if ev is None:
        return None
    doc_ids = [s["doc_id"] for s in ev.get("sources") or []]
    for e in ev.get("evidence") or []:
        if e["doc_id"] not in doc_ids:
            doc_ids.append(e["doc_id"])
    for c in ev.get("claims") or []:
        if c.get("doc_id") and c["doc_id"] not in doc_ids:
            doc_ids.append(c["doc_id"])
    per_source = []
    for doc_id in doc_ids:
        meta = document_meta(store, doc_id, with_text=True) or {"doc_id": doc_id, "text": None}
        per_source.append({
            "document": meta,
            "evidence": [e for e in ev.get("evidence") or [] if e["doc_id"] == doc_id],
            "claims": [c for c in ev.get("claims") or [] if c.get("doc_id") == doc_id],
        })
    return {"event": ev, "sources": per_source}


def timeline(events: Iterable[dict]) -> dict:
    """Events per day by event type: {"days": [{"day", "basis": {...}, "counts": {type: n}}], "undated": n}."""
    days: dict[str, dict] = {}
    undated = 0
    for ev in events:
        day, basis = ev.get("day"), ev.get("day_basis")
        if day is None:
            undated += 1
            continue
        d = days.setdefault(day[:10], {"day": day[:10], "counts": {}, "basis": {}})
        d["counts"][ev["event_type"]] = d["counts"].get(ev["event_type"], 0) + 1
        d["basis"][basis] = d["basis"].get(basis, 0) + 1
    return {"days": [days[k] for k in sorted(days)], "undated": undated}


def facets(events: Iterable[dict]) -> dict:
    types: dict[str, set] = {}
    actors, outlets, places = set(), set(), set()
    days = []
    for ev in events:
        types.setdefault(ev["event_type"], set()).add(ev["sub_event_type"])
        actors.update(a for a in [ev.get("actor1"), ev.get("actor2"), *(ev.get("assoc_actor_1") or []),
                                  *(ev.get("assoc_actor_2") or [])] if a)
        outlets.update(s.get("outlet") for s in ev.get("sources") or [] if s.get("outlet"))
        places.update(p for p in [ev.get("location"), ev.get("admin1")] if p)
        if ev.get("day"):
            days.append(ev["day"][:10])
    return {"event_types": {k: sorted(v) for k, v in sorted(types.items())}, "actors": sorted(actors),
            "outlets": sorted(outlets), "places": sorted(places),
            "first_day": min(days) if days else None, "last_day": max(days) if days else None}
