"""Places: one home for place logic (recognition, candidates, ranking) that geocode, geoparse, resolution and
extraction ask.

    store.py       the gazetteer index (built once, on disk) and the user's imported places
    build.py       how the index is built from the shipped data
    keys.py        name keys (normal form, consonant skeletons, loose transliteration keys incl. Arabic script)
    candidates.py  candidates for one name
    recognise.py   place mentions in running text
    rank.py        features and the learned ranker (ranker.json)
    resolve.py     document context (focus, anchors, other places) and the choice of each mention's place
    lookup.py      what extraction asks: the place names of a text with their candidates, and ``choose``
    event.py       where an event happened: its place name's candidates, anchors, the document's focus
    unknown.py     names a text uses as places that no source holds (an event there borrows no other point)
"""
from __future__ import annotations

import functools
from typing import Optional

from ..resources import load_yaml
from .candidates import _candidates, candidates, clean_query
from .lookup import choose, find
from .rank import Context, geocode_model, rank
from .recognise import Mention, recognise, unit_named
from .resolve import Resolved, resolve_mentions
from .store import Candidate, Place, km, store

__all__ = ["Place", "Candidate", "Mention", "Resolved", "Context", "candidates", "rank", "recognise",
           "resolve_mentions", "geocode", "geoparse", "parse", "km", "store", "entities", "find", "choose",
           "FEATURE_RANK"]

FEATURE_RANK = dict(load_yaml("geo.yaml")["feature_rank"])  # which of two same-named places a bare name means

EMPTY = {"name": None, "latitude": None, "longitude": None, "country": None, "admin1": None, "feature": None,
         "score": None}


def geocode(query: str, country: Optional[str] = None) -> dict:
    """One place name to one point, with no context but the country: the contract's fields, nulls when
    unresolved (empty, overlong, control characters only, a script the gazetteer does not hold)."""
    out = {"query": query, **EMPTY}
    try:
        cands = geocode_candidates(query, country)
    except (ValueError, TypeError):
        cands = []
    if cands and unit_named(query):  # "Sagaing Region", "Kaduna State": the unit, not its namesake town
        cands = [c for c in cands if c.place.feature == "admin1"] or cands
    ranked = rank(cands, Context(country_share={country.upper(): 1.0} if country else {}), geocode_model())
    if ranked:
        best, prob = ranked[0]
        p = best.place
        out.update(name=p.name, latitude=round(p.latitude, 6), longitude=round(p.longitude, 6),
                   country=p.country or None, admin1=p.admin1, feature=p.feature, score=round(prob, 3))
    return out


def geocode_candidates(query: str, country: Optional[str] = None, drop=None) -> list[Candidate]:
    """The candidates ``geocode`` ranks (``scripts/train_place_ranker.py`` trains on the same ones); ``drop``:
    records left out as if the index did not hold them (a name never seen)."""
    if drop is None:
        return candidates(query, country, by_shape=True)
    q = clean_query(query)
    if not q or not any(ch.isalpha() for ch in q):
        return []
    return _candidates(store(), q, country, True, True, False, True, drop=drop)


def entities(text: str, nlp) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]


def parse(text: str, ents: Optional[list[tuple[int, int, str]]] = None) -> list[Resolved]:
    """Recognise and resolve the places of a text (``ents``: the language model's entities, if any)."""
    return resolve_mentions(text, recognise(text, ents))


def geoparse(text: str, nlp=None) -> list[dict]:
    """Place mentions in running text with offsets into the text as given, resolved in context. A mention the
    gazetteer cannot resolve is still reported, with null coordinates; a street or site it cannot resolve ("Royal
    Street", "Airport Courthouse") is placed at the town the document names most (kind "inside")."""
    if not text:
        return []
    ents = entities(text, nlp) if nlp is not None else None
    out = []
    resolved = parse(text, ents)
    town = _main_town(resolved)
    for r in resolved:
        m, p = r.mention, r.place
        kind = "demonym" if m.demonym else "name"
        row = {"text": m.text, "start": m.start, "end": m.end, "name": None, "latitude": None, "longitude": None,
               "country": None, "admin1": None}
        prob = r.probability
        if p is None and town is not None and _site(m.text):
            p, prob, kind = town.place, town.probability, "inside"
        if p is not None:
            row.update(name=p.name, latitude=round(p.latitude, 6), longitude=round(p.longitude, 6),
                       country=p.country or None, admin1=p.admin1)
        row.update(feature=p.feature if p else None, score=round(prob, 3) if p else None, kind=kind)
        out.append(row)
    return out


TOWNS = {"city", "town", "village", "neighbourhood"}


@functools.lru_cache(maxsize=1)
def _site_words() -> frozenset:
    cues = load_yaml("geo.yaml").get("place_cues") or {}
    return frozenset(str(w).lower() for w in (cues.get("street_words") or []) + (cues.get("site_words") or []))


def _site(text: str) -> bool:
    """The name ends in a word of a street or a site (``place_cues.street_words`` and ``site_words``)."""
    words = text.split()
    return len(words) > 1 and words[-1].strip(".").lower() in _site_words()


def _main_town(resolved: list[Resolved]) -> Optional[Resolved]:
    """The town the document names most (ties: the one named first), or None when it names none."""
    counts: dict[tuple, list[Resolved]] = {}
    for r in resolved:
        if r.place is not None and r.place.feature in TOWNS:
            counts.setdefault((r.place.name, r.place.latitude, r.place.longitude), []).append(r)
    if not counts:
        return None
    best = max(counts.values(), key=lambda rs: (len(rs), -rs[0].mention.start))
    return best[0]
