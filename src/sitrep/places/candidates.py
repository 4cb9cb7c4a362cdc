"""Candidates for one name: exact and alternate names first, then the loose transliteration key, then (within a
country) a close spelling. Which candidate is meant is the ranker's business (:mod:`sitrep.places.rank`)."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from .keys import is_arabic, key
from .store import Candidate, store

MAX_NAME = 200  # no place name is longer; a longer query is no name
GENERIC_SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbou?rhood|district|area|hamlet|locality|region|"
                            r"countryside|province|governorate|camp|farms?|checkpoint|base|hill|mountain|bridge|"
                            r"road|crossing|airbase|dam)$", re.I)
PAREN = re.compile(r"\([^)]*\)")
MAX_CANDIDATES = 80


def clean_query(query: str) -> str:
    """Control characters out, spaces tidied; '' for what cannot be a place name."""
    if not isinstance(query, str) or len(query) > MAX_NAME:
        return ""
    q = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in query)
    return " ".join(q.split())


def variants(q: str) -> list[str]:
    out = [q]
    bare = PAREN.sub(" ", q)
    bare = " ".join(bare.split())
    if bare and bare not in out:
        out.append(bare)
    stripped = GENERIC_SUFFIX.sub("", bare)
    if stripped and stripped not in out:
        out.append(stripped)
    return out


def candidates(query: str, country: Optional[str] = None, loose_ok: bool = True,
               fuzzy_ok: bool = True) -> list[Candidate]:
    q = clean_query(query)
    if not q or not any(ch.isalpha() for ch in q):
        return []
    s = store()
    cc = country.upper() if country else None
    tries = variants(q)

    def keep(cs: list[Candidate]) -> list[Candidate]:
        return [c for c in cs if cc is None or c.place.country == cc]

    found: list[Candidate] = []
    for t in tries:
        found = keep(s.exact(t))
        if found:
            break
    if not found and loose_ok:
        for t in tries:
            found = keep(s.loose(t, min_similarity=0.55 if is_arabic(t) else 0.75))
            if found:
                break
    if not found and fuzzy_ok and cc and len(key(tries[-1])) >= 6:
        found = s.fuzzy(tries[-1], cc, cutoff=85.0)
    if len(found) > MAX_CANDIDATES:
        found.sort(key=lambda c: (-c.place.population, c.place.name))
        found = found[:MAX_CANDIDATES]
    return found
