"""The two questions extraction asks of places, over place records rather than mentions:

- :func:`find`: the place names of a text (no language model: cues, strong names and the text's own countries
  decide), each with its candidate places best first, resolved in the text's context; demonyms left out;
- :func:`choose`: the most plausible of several places for one name, given the document's other places.

Both are the ranker's (:mod:`sitrep.places.rank`) answers; a place keeps how its name found it (``Place.match``).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Optional

from ..textmatch import Match
from .rank import Context, rank
from .recognise import recognise
from .resolve import resolve_mentions
from .store import Candidate, Place

_CACHE: "OrderedDict[tuple, tuple]" = OrderedDict()
_LOCK = threading.Lock()
CACHE_TEXTS = 64  # the same text is asked for by several stages of one document


def find(text: str, ents: Optional[list[tuple[int, int, str]]] = None,
         others: Optional[list[tuple[int, int, str]]] = None) -> list[Match]:
    """``ents``: the language model's entities of ``text`` (start, end, label), when the caller has parsed it and
    the model decides what is a place; ``others``: its entities when they only veto (a name inside a person's name
    or a street's is not a place unless the words around use it as one; :func:`recognise`)."""
    ck = (text, tuple(ents) if ents is not None else None, tuple(others) if others else None)
    with _LOCK:
        hit = _CACHE.get(ck)
    if hit is None:
        res = resolve_mentions(text, [m for m in recognise(text, ents, others)
                                      if m.candidates and not m.demonym])
        out = []
        for r in res:
            cands = [c for c, _ in rank(r.mention.candidates)]
            if r.candidate is not None:
                cands = [r.candidate] + [c for c in cands if c is not r.candidate]
            out.append(Match(r.mention.start, r.mention.end, r.mention.text, [c.place for c in cands]))
        hit = tuple(out)
        with _LOCK:
            _CACHE[ck] = hit
            while len(_CACHE) > CACHE_TEXTS:
                _CACHE.popitem(last=False)
    return list(hit)


def choose(cands: list[Place], focus: Optional[list[Place]] = None) -> Optional[Place]:
    """The most plausible of several places for one name, given the document's other places (the ranker)."""
    if not cands:
        return None
    focus = [f for f in (focus or []) if f.feature != "country"]
    share: dict[str, float] = {}
    for f in focus:
        share[f.country] = share.get(f.country, 0.0) + 1.0 / len(focus)
    ctx = Context(country_share=share, points=[(f.latitude, f.longitude) for f in focus if f not in cands])
    # each place as its name found it (exact, alternate, loose spelling), exact where it was not found by a name
    ranked = rank([Candidate(p, p.match or "exact", p.similarity if p.match else 1.0) for p in dict.fromkeys(cands)],
                  ctx)
    return ranked[0][0].place


def clear() -> None:
    with _LOCK:
        _CACHE.clear()
