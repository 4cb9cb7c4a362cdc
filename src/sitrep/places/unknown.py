"""Places a text names that no source holds: a capitalised name the words around use as a place ("near Mucojo",
"the village of X", "X district"), which neither an exact name nor a near-spelling of any source finds.

Such a name is still the place the writer meant: an event told there is not at another place of the story (its
dateline's city, the place it names most). :func:`unknown_places` lists them; :mod:`sitrep.places.event` then
falls back to the unit the story supports instead of borrowing another place's point.
"""
from __future__ import annotations

import re

from .candidates import candidates
from .keys import key
from .recognise import _data, _read


def _site(name: str) -> bool:
    from . import _site as site  # the last word of a street or a site (``place_cues``)

    return site(name) or name.split()[-1].lower() in _data()["street_words"]


NAME = re.compile(r"[A-Z][a-z][\w'’\-]*(?:\s+(?:(?:al|el|de|du|la|le)\s+)?[A-Z][a-z][\w'’\-]*){0,3}")


def _cued(text: str, start: int, end: int, d: dict) -> bool:
    before = text[max(0, start - 40):start]
    hit = d["before"].search(before)
    if hit is not None:
        prev = before[hit.start() - 1:hit.start()] if hit.start() else " "
        return not (prev.isalnum() or prev in "'’-")  # a cue of its own, not the tail of "Jama'at"
    after = text[end:end + 25]
    return bool(d["after"].match(after) or d["unit_after"].match(after))


def unknown_places(text: str) -> list[str]:
    """The names ``text`` uses as places that no source knows (see the module doc), in reading order."""
    d = _data()
    known, _ = _read(text, None)
    taken = [(m.start, m.end) for m in known]
    out = []
    for hit in NAME.finditer(text):
        s, e = hit.span()
        if any(s < b and a < e for a, b in taken):
            continue  # a place the gazetteer holds, or part of one
        name = hit.group()
        if any(w.lower() in d["stop"] or key(w) in d["stop"] for w in name.split()):
            continue  # days, months, titles, generic words ("Police", "Monday")
        if _site(name):
            continue  # a street or a site ("Westwood Mall") lies inside a town the story names
        if not _cued(text, s, e, d):
            continue
        if candidates(name, loose_ok=True, fuzzy_ok=False):
            continue
        out.append(name)
    return out
