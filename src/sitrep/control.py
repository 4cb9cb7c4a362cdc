"""The control ledger: who holds each place over time, how sure, since when, on whose evidence.

Two kinds of entries:
- ``statement``: a sentence saying who holds how much of a place ("ISIS is controlling nearly 70% of Yarmouk
  Camp ... HTS ... 30%"), found by :mod:`sitrep.extract.control` when fusion first sees a document and kept in
  ``control_statements``; it speaks for the document's publication date (``since``), or, undated, for no earlier
  than the latest date the document reports (``not_before``).
- ``territory_event``: a fused event whose ``territory`` says control changed hands (to_actor gains the place
  on the event's date), with the event id and its evidence.

``status`` is ``claimed`` when the only word for it is a party's (Amaq for IS, regime media), else ``reported``.
An actor's entry for a place ends (``until``) where a later dated entry for the same actor and place begins.
Places are grouped by gazetteer point, so "Yarmouk Camp", "Yarmuk camp" and "al-Yarmūk" are one place.
"""
from __future__ import annotations

from collections import Counter

import json
from typing import Optional

from .claims import stance_of
from .geo import geocode, km
from .store import Store

SAME_PLACE_KM = 0.5


def statement_rows(text: str, outlet: Optional[str], sentences: list[tuple[int, int]]) -> list[tuple]:
    """A document's control statements as rows of ``Store.replace_control_statements``: a function of the
    document's stored text, outlet and sentence spans alone, so a worker can compute them beside the rest of the
    document's processing and the driver's fusion only stores them (``scan_documents``' ``known``)."""
    from .extract.control import statements

    return [(st.place, st.place_text, st.latitude, st.longitude, st.admin1, st.actor, st.share, st.status,
             st.claimant, st.start, st.end, st.text) for st in statements(text, sentences, outlet=outlet)]


def scan_documents(store: Store, doc_ids: list[str], known: Optional[dict[str, list[tuple]]] = None) -> int:
    """Extract and store the control statements of these documents (fusion calls this for new documents).
    ``known``: doc_id -> rows already computed from the same text (by the worker that processed the document)."""
    n = 0
    for doc_id in doc_ids:
        rows = known.get(doc_id) if known else None
        if rows is None:
            found = store.document_text_and_sentences(doc_id)
            if found is None:
                continue
            text, outlet, sents = found
            rows = statement_rows(text, outlet, sents)
        store.replace_control_statements(doc_id, rows)
        n += len(rows)
    return n


def _doc_dates(store: Store, doc_id: str) -> tuple[Optional[str], Optional[str]]:
    """(publication date, latest date the document's events start on)."""
    pub = store.document_fields(doc_id, ["published"])
    latest = None
    for data in store.mention_data_of(doc_id):
        m = json.loads(data)
        d = m.get("date_start") or m.get("event_date")
        if d and (latest is None or d > latest):
            latest = d
    return (pub["published"] if pub else None), latest


def _entries(store: Store) -> list[dict]:
    out = []
    dates: dict[str, tuple] = {}
    for r in store.current_control_statements():
        if r["doc_id"] not in dates:
            dates[r["doc_id"]] = _doc_dates(store, r["doc_id"])
        pub, latest = dates[r["doc_id"]]
        out.append({"place": r["place"], "latitude": r["latitude"], "longitude": r["longitude"], "admin1": r["admin1"],
                    "actor": r["actor"], "share": r["share"], "status": r["status"], "claimant": r["claimant"],
                    "since": pub, "until": None, "kind": "statement", "event_id": None,
                    "not_before": None if pub else latest,
                    "evidence": [{"doc_id": r["doc_id"], "start": r["start"], "end": r["end"], "text": r["text"]}]})
    for data in store.territory_event_data():
        ev = json.loads(data)
        t = ev.get("territory") or {}
        if not t.get("to_actor"):
            continue
        hit = geocode(t["place"], ev.get("country")) if t.get("place") else None  # the event's own country
        if not hit or hit["name"] is None:
            hit = {"name": ev.get("location"), "latitude": ev.get("latitude"), "longitude": ev.get("longitude"),
                   "admin1": ev.get("admin1")}
        if hit["name"] is None:
            continue
        tclaims = [c for c in ev.get("claims") or [] if c.get("kind") == "territory"]
        claimant = tclaims[0].get("claimant") if tclaims else None
        stances = [c.get("stance") or stance_of(c.get("claimant"))[0] for c in tclaims]
        status = "claimed" if ev.get("factuality") == "claimed" or (stances and all(s == "party" for s in stances)) \
            else "reported"
        out.append({"place": hit["name"], "latitude": hit["latitude"], "longitude": hit["longitude"],
                    "admin1": hit["admin1"], "actor": t["to_actor"], "share": None, "status": status,
                    "claimant": claimant, "since": ev.get("event_date") or ev.get("date_start"), "until": None,
                    "kind": "territory_event", "event_id": ev["event_id"], "from_actor": t.get("from_actor"),
                    "not_before": None, "evidence": ev.get("evidence") or []})
        if out[-1]["since"] is None:  # undated: no earlier than the latest date its sources report
            for d in {s["doc_id"] for s in ev.get("sources") or []}:
                if d not in dates:
                    dates[d] = _doc_dates(store, d)
                pub, latest = dates[d]
                nb = pub or latest
                if nb and (out[-1]["not_before"] is None or nb > out[-1]["not_before"]):
                    out[-1]["not_before"] = nb
    return out


def _group(entries: list[dict]) -> list[dict]:
    places: list[dict] = []
    for e in entries:
        home = None
        for p in places:
            if e["latitude"] is not None and p["latitude"] is not None:
                if km((e["latitude"], e["longitude"]), (p["latitude"], p["longitude"])) <= SAME_PLACE_KM:
                    home = p
                    break
            elif e["place"] == p["place"]:
                home = p
                break
        if home is None:
            home = {"place": e["place"], "latitude": e["latitude"], "longitude": e["longitude"],
                    "admin1": e["admin1"], "entries": []}
            places.append(home)
        home["entries"].append({k: v for k, v in e.items() if k not in ("place", "latitude", "longitude", "admin1")})
    for p in places:
        p["entries"].sort(key=lambda e: (e["since"] or e["not_before"] or "", e["kind"], e["actor"]))
        dated = [e for e in p["entries"] if e["since"]]
        for i, e in enumerate(dated):  # an actor's holding ends where its next dated entry for the place begins
            nxt = next((f for f in dated[i + 1:] if f["actor"] == e["actor"] and f["since"] > e["since"]), None)
            if nxt is not None:
                e["until"] = nxt["since"]
    places.sort(key=lambda p: p["place"])
    return places


def ledger(store: Store, place: str | None = None) -> list[dict]:
    """The control ledger, JSON-ready: one dict per place ``{"place", "latitude", "longitude", "admin1",
    "entries": [{"actor", "share", "status", "claimant", "since", "until", "kind", "event_id", "evidence", ...}]}``.
    ``place`` selects one place by name, through the gazetteer's transliteration-tolerant lookup."""
    places = _group(_entries(store))
    if place is None:
        return places
    # the country most of the ledger's places are in (the stories' own), never a configured one
    countries = Counter(c for c in (geocode(p["place"])["country"] for p in places[:20] if p.get("place")) if c)
    home = countries.most_common(1)[0][0] if countries else None
    hit = geocode(place, home) if home else geocode(place)
    if hit["name"] is None and home:
        hit = geocode(place)
    if hit["name"] is not None:
        pt = (hit["latitude"], hit["longitude"])
        return [p for p in places if p["latitude"] is not None and km(pt, (p["latitude"], p["longitude"])) <= SAME_PLACE_KM]
    from .textmatch import key
    return [p for p in places if key(p["place"]) == key(place)]
