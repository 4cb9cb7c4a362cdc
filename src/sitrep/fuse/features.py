"""What fusion compares of a mention: its type, date range, place, actors and evidence words."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ..models import ResolvedMention
from .common import STOP


@dataclass
class Features:
    event_type: str
    sub_event_type: str
    lo: Optional[int]            # day ordinals of the date range the evidence allows
    hi: Optional[int]
    lat: Optional[float]
    lon: Optional[float]
    precision: int
    loc_key: Optional[str]
    actors: frozenset
    words: frozenset
    docs: frozenset = field(default_factory=frozenset)
    country: Optional[str] = None
    admin1: Optional[str] = None
    fatalities: Optional[int] = None   # the report's (or the event's) death toll


def _words(texts) -> frozenset:
    out = set()
    for t in texts:
        for w in re.findall(r"[^\W\d_]{3,}", (t or "").lower()):
            if w not in STOP:
                out.add(w)
    return frozenset(out)


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _range(m: ResolvedMention) -> tuple[Optional[int], Optional[int]]:
    lo = m.date_start or m.event_date
    hi = m.date_end or m.event_date or lo
    if lo is None:
        return None, None
    return lo.toordinal(), max(lo, hi).toordinal()


def _actors(m: ResolvedMention) -> frozenset:
    named = frozenset(a for a in [m.actor1, m.actor2, *m.assoc_actor_1, *m.assoc_actor_2] if a)
    sources = frozenset(c.value for c in m.claims if c.kind == "source" and isinstance(c.value, str))
    if sources and m.actor1 and m.actor1 not in sources:
        # the doer unknown, only its reporter named ("..., police said": extract.roles.sayer_not_doer): one
        # incident's reports still share who reported it, as they did when the reporter stood as actor 1
        named = (named - {m.actor1}) | sources
    return named


@functools.lru_cache(maxsize=4096)
def side_of(name: str) -> Optional[str]:
    """The coarse side (data/actors.yaml ``side``) of an actor by its exported name: allies of one side
    (Military Forces of the United States, Global Coalition Against Daesh) are compatible actors."""
    from ..actors import registry

    reg = registry()
    if not hasattr(side_of, "_names"):
        side_of._names = {}
        for a in reg.actors.values():
            for cc in ("SY", "IQ", None):
                side_of._names.setdefault(a.display(cc), a.side)
    if name in side_of._names:
        return side_of._names[name]
    a = reg.lookup(name)
    return a.side if a else None


@functools.lru_cache(maxsize=4096)
def actor_key(name: str) -> str:
    """An exported actor name without its qualifier (ACLED's "(Country)" or "(2009-2017)") and articles, so the
    names one actor is exported under compare equal."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).lower()
    return " ".join(w for w in bare.split() if w != "the")


def _parties(actors: frozenset) -> frozenset:
    """The parties among an event's actors, by key; civilians are victims, not a party."""
    return frozenset(k for k in map(actor_key, actors) if k != "civilians")


def _loc_key(m: ResolvedMention) -> Optional[str]:
    name = m.location or m.location_text
    return re.sub(r"\W+", " ", name.lower()).strip() if name else None


def published_window(m: ResolvedMention, published, days: int) -> tuple[Optional[int], Optional[int]]:
    """The days an undated report of news can have happened: the ``days`` before its document's publication
    (for matching only; the exported event keeps no date). None for dated, historical or undated-document reports."""
    if m.event_date or m.date_start or not published or days < 0 or m.factuality == "historical":
        return None, None
    day = dt.date.fromisoformat(str(published)[:10]).toordinal()
    return day - days, day


def features(m: ResolvedMention, docs=()) -> Features:
    lo, hi = _range(m)
    return Features(m.event_type, m.sub_event_type, lo, hi, m.latitude, m.longitude, m.geo_precision or 1,
                    _loc_key(m), _actors(m), _words(e.text for e in m.evidence), frozenset(docs),
                    m.country, m.admin1, m.fatalities)
