"""Where a fused event happened: the place its reports agree on, read against the datelines of its reports.

A dateline ("NAPLES, Fla. -", "PITTSBURGH (KDKA) --") is where a story was filed from; it is the event's own region
(its state, province or governorate) when it lies in the country the document's own reports are placed in (a
Beirut dateline over Syrian news is not). With such a region, a report placed outside it by a namesake ("Naples"
read as Italy in an article without a dateline, joined to one dated "NAPLES, Fla.") is read again inside it, and
reports inside it outrank reports outside it; a state or county standing for the event's place gives way to the
dateline's town inside it ("AMELIA, Ohio (AP)" over "Ohio"). Settings: ``place.datelines`` in data/fusion.yaml.
"""
from __future__ import annotations

import functools
from typing import Mapping, Optional

from ..models import ResolvedMention
from ..places import Place, candidates, choose, km
from ..places.event import COARSE_FEATURES, NAMED, dateline_place, in_region
from .common import rules
from .features import features
from .similarity import _km

Region = set[tuple[str, str]]


@functools.lru_cache(maxsize=4096)
def _dateline_of(head: str, near: frozenset) -> Optional[Place]:
    return dateline_place(head, set(near))


def local_datelines(ms: list[ResolvedMention], doc_of: list[str], docs: Mapping[str, Optional[Mapping]]) -> list[Place]:
    """The dateline places of the members' documents that lie in the country the document's own members are
    placed in, in member order, each once (none when ``place.datelines`` is off)."""
    out: list[Place] = []
    if not (rules()["place"].get("datelines") or {}).get("enabled", False):
        return out
    for d in dict.fromkeys(doc_of):
        head = (docs.get(d) or {}).get("head")
        own = {(m.country, m.admin1) for m, dd in zip(ms, doc_of) if dd == d and m.country}
        p = _dateline_of(head, frozenset(own)) if head else None
        if p is not None and p.admin1 is not None and p not in out and any(cc == p.country for cc, _ in own):
            out.append(p)
    return out


def _placed(m: ResolvedMention, p: Place) -> ResolvedMention:
    return m.model_copy(update={"location": p.name, "admin1": p.admin1, "country": p.country,
                                "latitude": p.latitude, "longitude": p.longitude, "geo_precision": p.geo_precision})


def _in(m: ResolvedMention, region: Region) -> bool:
    return (m.country, m.admin1) in region


def _reread(m: ResolvedMention, region: Region, lines: list[Place]) -> ResolvedMention:
    """A member placed outside the region, read again inside it when its place name has a town there (a county or
    state only by its full name: "Jackson" is no "Jackson County")."""
    if m.latitude is None or _in(m, region) or not m.location_text:
        return m
    cands = [c.place for c in candidates(m.location_text, fuzzy_ok=False) if c.match in NAMED]
    inside = [p for p in in_region(cands, region) if (p.country, p.admin1) in region and
              (p.feature not in COARSE_FEATURES or p.name.lower() == m.location_text.lower())]
    p = choose(inside, lines) if inside else None
    return _placed(m, p) if p is not None else m


def _dateline_town(m: ResolvedMention, lines: list[Place]) -> ResolvedMention:
    """A state or county standing for the event's place gives way to a finer dateline place inside it (a town, or a
    county for a state). A place named as its own admin1 is the state, whatever precision the report gave it; a
    report whose place no source holds keeps its unit."""
    conf = rules()["place"].get("datelines") or {}
    if m.latitude is None or (m.geo_precision or 1) < 2:
        return m
    if m.location_text and not candidates(m.location_text, loose_ok=True, fuzzy_ok=False):
        return m  # the report names its own place, one no source holds ("near Mucojo"): the dateline is not it
    for p in lines:
        if p.geo_precision >= (m.geo_precision or 1) or (p.country, p.admin1) != (m.country, m.admin1):
            continue
        if (m.geo_precision or 1) >= 3 or m.location == m.admin1 \
                or km((m.latitude, m.longitude), (p.latitude, p.longitude)) <= float(conf.get("district_km", 50.0)):
            return _placed(m, p)
    return m


def agreed_place(ms: list[ResolvedMention], main: list[bool], lines: Optional[list[Place]] = None) -> ResolvedMention:
    """The member whose place most members agree with (within ``place.agree_km``): one report resolved in the
    wrong state is outvoted; members inside the datelines' region (``lines``) before members outside it; without
    a majority, a document's main event (``main``, per member: what a headline and lead report is placed best),
    then the most precise, then the first."""
    km_ok = float(rules()["place"].get("agree_km", 25.0))
    region: Region = {(p.country, p.admin1) for p in lines or []}  # none when place.datelines is off
    if region:
        ms = [_dateline_town(_reread(m, region, lines), lines) for m in ms]
    keep = [i for i, m in enumerate(ms) if m.latitude is not None and m.longitude is not None]
    if not keep:
        return ms[0]
    located = [ms[i] for i in keep]
    lead = [main[i] for i in keep]
    pts = [features(m) for m in located]
    support = [sum(_km(p, q) <= km_ok for q in pts) for p in pts]
    outside = [bool(region) and not _in(m, region) for m in located]
    return located[min(range(len(located)),
                       key=lambda i: (outside[i], -support[i], not lead[i], located[i].geo_precision or 9, i))]
