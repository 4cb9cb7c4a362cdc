"""The event record built from its member mentions: agreed place and date, type, actors, claims, sources."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Mapping, Optional

from ..claims import reconcile
from ..models import Event, FusionLink, ResolvedMention, Source
from .common import rules
from .features import _range, features
from .place import agreed_place, local_datelines


@dataclass
class Member:
    mention_id: str
    doc_id: str
    seq: int
    role: str
    score: Optional[float]
    reasons: list[str]
    mention: ResolvedMention


def _agreed_date(ms: list[ResolvedMention]) -> ResolvedMention:
    """The member whose date most members' date ranges allow: one report's misread date is outvoted; then the
    most precise, then the first."""
    dated = [m for m in ms if m.event_date is not None]
    if not dated:
        return ms[0]
    rng = [_range(m) for m in dated]
    support = [sum(lo <= m.event_date.toordinal() <= hi for lo, hi in rng) for m in dated]
    return dated[min(range(len(dated)), key=lambda i: (-support[i], dated[i].time_precision or 9, i))]


def _publication_date(base: dict, published: list) -> None:
    """An event no report dates takes the earliest report's publication date (ACLED codes news of the days
    before; ``undated.time_precision``, 2 = within the week), its range the days every report allows
    (``undated.published_days`` before each publication). Nothing when a report has no publication date (or only
    one read from its text: ``undated.date_from_publication`` names the trusted origins)."""
    conf = rules()["undated"]
    days = int(conf.get("published_days", -1))
    if days < 0 or not published or any(p is None for p in published):
        return
    pubs = [dt.date.fromisoformat(str(p)[:10]) for p in published]
    lo, hi = max(pubs) - dt.timedelta(days=days), min(pubs)
    if lo > hi:
        lo = hi - dt.timedelta(days=days)
    base.update(event_date=hi, date_start=lo, date_end=hi, time_precision=int(conf.get("time_precision", 2)))
    note = "Date: none in the reports; the earliest report's publication date."
    base["notes"] = f"{base['notes']} {note}" if base.get("notes") else note


def build_event(event_id: str, members: list[Member], docs: dict[str, Optional[Mapping]],
                dups: dict[str, str], mains: frozenset = frozenset()) -> Event:
    """One event from its member mentions (in fusion order): the place and date most reports agree with, the
    best-supported type and actors, every claim, source and piece of evidence, reconciled figures. ``mains``: the
    mention ids that are their document's main event; an undated event holding one takes a publication date."""
    members = sorted(members, key=lambda x: x.seq)
    ms = [x.mention for x in members]
    founder = ms[0]
    best = max(ms, key=lambda m: (m.factuality == "reported", m.confidence))  # stable: max keeps the first
    base = best.model_dump()
    lines = local_datelines(ms, [x.doc_id for x in members], docs)
    where = agreed_place(ms, [x.mention_id in mains for x in members], lines)
    for k in ("location", "location_text", "admin1", "country", "latitude", "longitude", "geo_precision"):
        base[k] = getattr(where, k)
    when = _agreed_date(ms)
    for k in ("event_date", "date_text", "time_precision"):
        base[k] = getattr(when, k)
    los = [m.date_start or m.event_date for m in ms if (m.date_start or m.event_date)]
    his = [m.date_end or m.event_date for m in ms if (m.date_end or m.event_date)]
    if los and his and max(los) <= min(his):
        base["date_start"], base["date_end"] = max(los), min(his)
    else:
        base["date_start"], base["date_end"] = when.date_start, when.date_end
    base["assoc_actor_1"] = sorted({a for m in ms for a in m.assoc_actor_1} - {base["actor1"], base["actor2"]})
    base["assoc_actor_2"] = sorted({a for m in ms for a in m.assoc_actor_2} - {base["actor1"], base["actor2"]}
                                   - set(base["assoc_actor_1"]))
    base["territory"] = next((m.territory.model_dump() for m in [best, *ms] if m.territory), None)
    base["factuality"] = "reported" if any(m.factuality == "reported" for m in ms) else founder.factuality
    base["confidence"] = round(1 - math.prod(1 - min(max(m.confidence, 0.0), 0.99) for m in ms), 4)
    base["evidence"] = [e.model_dump() for m in ms for e in m.evidence]
    sources, seen = [], set()
    for x in members:
        if x.doc_id in seen:
            continue
        seen.add(x.doc_id)
        d = docs.get(x.doc_id)
        sources.append(Source(doc_id=x.doc_id, outlet=d["outlet"] if d else None, url=d["url"] if d else None,
                              published=d["published"] if d else None, duplicate_of=dups.get(x.doc_id)))
    outlets = {x.doc_id: (docs[x.doc_id]["outlet"] if x.doc_id in docs else None) for x in members}
    rec = reconcile([(x.mention, outlets.get(x.doc_id)) for x in members], dups)
    base.update(rec)
    independent = len({dups.get(s.doc_id, s.doc_id) for s in sources})
    n_out = sorted({s.outlet for s in sources if s.outlet})
    note = founder.notes or best.notes
    if len(sources) > 1:
        extra = f"Reported by {independent} independent source(s)" + (f" ({', '.join(n_out)})" if n_out else "") + "."
        note = f"{note} {extra}" if note else extra
    base["notes"] = note
    if base["event_date"] is None and base["factuality"] != "historical" and any(x.mention_id in mains for x in members):
        given = set((rules()["undated"].get("date_from_publication") or "").split())
        _publication_date(base, [s.published if (docs.get(s.doc_id) or {}).get("published_from") in given else None
                                 for s in sources])
    links = [FusionLink(mention_id=x.mention_id, doc_id=x.doc_id, role=x.role, score=x.score, reasons=x.reasons)
             for x in members]
    return Event(**base, event_id=event_id, sources=sources, independent_sources=independent, fusion=links)
