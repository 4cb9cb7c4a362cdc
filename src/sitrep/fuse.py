"""Fuse: event mentions from many documents into events with stable ids (cross-document fusion, issue 5).

Until cross-document matching lands, each mention that no event holds yet becomes its own event; the id is
derived from the mention (document content hash and position), so it is stable across re-runs.
"""
from __future__ import annotations

import hashlib
import json

from .models import Event, ResolvedMention, Source
from .store import Store


def event_id_for(mention_id: str) -> str:
    return "EV" + hashlib.sha256(mention_id.encode()).hexdigest()[:14]


def fuse(store: Store) -> int:
    """Assign every unassigned mention to an event; returns the number of events created."""
    created = 0
    with store.transaction() as c:
        rows = c.execute(
            "SELECT m.mention_id, m.doc_id, m.data_json, d.outlet, d.url, d.published FROM mentions m "
            "JOIN documents d USING (doc_id) WHERE m.event_id IS NULL ORDER BY m.mention_id").fetchall()
        for mid, doc_id, data, outlet, url, published in rows:
            m = ResolvedMention.model_validate_json(data)
            eid = event_id_for(mid)
            ev = Event(**m.model_dump(), event_id=eid, fatalities_low=m.fatalities, fatalities_best=m.fatalities,
                       fatalities_high=m.fatalities,
                       sources=[Source(doc_id=doc_id, outlet=outlet, url=url, published=published)])
            c.execute(
                "INSERT OR REPLACE INTO events (event_id, event_date, event_type, sub_event_type, country, admin1, "
                "latitude, longitude, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, ev.event_date.isoformat() if ev.event_date else None, ev.event_type, ev.sub_event_type,
                 ev.country, ev.admin1, ev.latitude, ev.longitude, json.dumps(ev.model_dump(mode="json"))))
            c.execute("INSERT OR IGNORE INTO event_sources (event_id, doc_id) VALUES (?, ?)", (eid, doc_id))
            c.execute("UPDATE mentions SET event_id = ? WHERE mention_id = ?", (eid, mid))
            created += 1
    return created
