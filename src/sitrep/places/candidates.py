"""Candidates for one name: exact and alternate names first, then the loose transliteration key, then (within a
country) a close spelling. Which candidate is meant is the ranker's business (:mod:`sitrep.places.rank`)."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Optional

from ..resources import load_yaml
from .keys import is_arabic, key, loose
from .store import Candidate, store

MAX_NAME = 200  # no place name is longer; a longer query is no name
GENERIC_SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbou?rhood|district|area|hamlet|locality|region|"
                            r"countryside|province|governorate|state|oblast|prefecture|emirate|camp|farms?|checkpoint|base|hill|mountain|bridge|"
                            r"road|crossing|airbase|dam|desert|plains?|valley|(?:oil|gas|oil/gas) fields?|fields?|"
                            r"reservoir|sector|castle|junction|roundabout|square|quarter|outskirts)$", re.I)
PAREN = re.compile(r"\([^)]*\)")
MAX_CANDIDATES = 80


def clean_query(query: str) -> str:
    """Control characters out, spaces tidied; '' for what cannot be a place name."""
    if not isinstance(query, str) or len(query) > MAX_NAME:
        return ""
    q = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in query)
    return " ".join(q.split())


def variants(q: str) -> list[str]:
    """The name as written, without remarks in parentheses, without a generic last word ("X village", "X oil
    field"); then each of the names a slash or parentheses give as alternatives ("Kobane/Ayn al Arab",
    "Aaliyah (Qurujah)")."""
    out = [q]

    def add(v: str) -> None:
        v = " ".join(v.split())
        if v and v not in out and any(ch.isalpha() for ch in v):
            out.append(v)

    bare = PAREN.sub(" ", q)
    add(bare)
    add(GENERIC_SUFFIX.sub("", " ".join(bare.split())))
    alts = [p for p in re.split(r"\s*/\s*(?=[A-Z])", bare) if p.strip()] if "/" in bare else []
    alts += [m.strip() for m in re.findall(r"\(([^)]*)\)", q)]
    for a in alts:
        add(a)
        add(GENERIC_SUFFIX.sub("", " ".join(a.split())))
    return out


@functools.lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    """Loose key of each transliterated qualifier word -> the English word OCHA writes first ("Fikhah Saghirah" /
    "Little Fikha", "Tall Hammam Gharbi" / "Western Tal Hmam"); ``place_qualifiers`` in ``data/geo.yaml``."""
    out: dict[str, str] = {}
    for english, words in (load_yaml("geo.yaml").get("place_qualifiers") or {}).items():
        for w in words:
            out.setdefault(loose(w), english)
    return out


def qualified(q: str) -> list[str]:
    """The name as a source that translates its qualifier writes it: a last word "Kabir", "Sharqiyah", "al
    Gharbiyah" becomes "Big X", "Eastern X", ...; a name with none, each qualifier before it (OCHA's "Eastern
    Gharibeh" and "Western Gharibeh" for UCDP's "Gharibah")."""
    quals = _qualifiers()
    words = q.split()
    if len(words) >= 2 and loose(words[-1]) in quals:
        rest = words[:-1]
        if len(rest) >= 2 and rest[-1].lower() in _PARTICLES:
            rest = rest[:-1]
        return [f"{quals[loose(words[-1])]} {' '.join(rest)}"]
    return [f"{e} {q}" for e in dict.fromkeys(quals.values())]


_PARTICLES = frozenset(load_yaml("geo.yaml")["place_cues"]["particles"])


def loose_floor(name: str) -> float:
    """How close a spelling must be to a name with the same loose key: the more consonants the key shares, the
    less the vowels matter ("Kudayran" ~ "Kdeiran": kdrn); Arabic script has no vowels to compare."""
    if is_arabic(name):
        return 0.55
    n = len(loose(name))
    return 0.75 if n <= 3 else LONG_KEY_SIMILARITY


LONG_KEY_SIMILARITY = 0.6


def candidates(query: str, country: Optional[str] = None, loose_ok: bool = True,
               fuzzy_ok: bool = True, beside: bool = False, by_shape: bool = False) -> list[Candidate]:
    """Exact and alternate names first (of the first form of the name that has any: :func:`variants`), else the
    loose transliteration key, else (within a country) a close spelling. ``beside``: near-spellings compete with
    the exact names too, for a caller with context to choose by (a name alone means what is spelled so).
    ``by_shape``: when no spelling is alike, a loose-key spelling in another vowel system counts ("Al Mujaymir" ~
    OCHA's "Mjeimer"), for a name given as a place name (``geocode``); in running text it made more false places
    than it found (FA-KES governorate read 95.2 -> 94.0, unread 91.4 -> 89.7), so recognition does not ask for it."""
    q = clean_query(query)
    if not q or not any(ch.isalpha() for ch in q):
        return []
    s = store()
    # the same names come back in every document (and in several stages of one): looked up once per store
    memo = s.__dict__.setdefault("_candidates_memo", {})
    ck = (q, country, loose_ok, fuzzy_ok, beside, by_shape)
    got = memo.get(ck)
    if got is None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        got = memo[ck] = tuple(_candidates(s, q, country, loose_ok, fuzzy_ok, beside, by_shape))
    return list(got)


MEMO_SIZE = 20_000


def _candidates(s, q: str, country: Optional[str], loose_ok: bool, fuzzy_ok: bool, beside: bool,
                by_shape: bool, drop: Optional[Callable[[Candidate], bool]] = None) -> list[Candidate]:
    """``drop``: records to leave out as if the index did not hold them (the ranker's training script asks for a
    UCDP string's candidates without that string's own records, as a name never seen)."""
    cc = country.upper() if country else None
    tries = variants(q)

    def keep(cs: list[Candidate]) -> list[Candidate]:
        return [c for c in cs if (cc is None or c.place.country == cc) and not (drop is not None and drop(c))]

    found: list[Candidate] = []
    for t in tries:
        found = keep(s.exact(t))
        if found:
            break
    if loose_ok and (beside or not found):
        # near-spellings beside the exact names: a tiny namesake spelled alike ("Tabaqa", a hamlet) competes with
        # the town the writer meant ("Tabqa"); the ranker weighs spelling, kind, population and context
        have = {(c.place.latitude, c.place.longitude) for c in found}
        for t in tries if not found else tries[:1]:
            near = [c for c in keep(s.loose(t, min_similarity=loose_floor(t)))
                    if (c.place.latitude, c.place.longitude) not in have]
            if near:
                found = found + near
                break
    if loose_ok and by_shape and not found:
        # no spelling alike: one in another vowel system, only now (beside close spellings it misled the ranker:
        # "Al Qasimiyah" lost OCHA's "Qasemiyeh" to Jasim)
        for t in tries:
            found = keep(s.loose(t, min_similarity=loose_floor(t), by_shape=True))
            if found:
                break
    if loose_ok and by_shape and not found:
        # no spelling alike in any vowel system: the name with its qualifier in English, as OCHA writes it
        for t in qualified(tries[-1]):
            found = keep(s.exact(t)) or keep(s.loose(t, min_similarity=loose_floor(t), by_shape=True))
            if found:
                break
    if not found and fuzzy_ok and cc and len(key(tries[-1])) >= 6:
        found = keep(s.fuzzy(tries[-1], cc, cutoff=85.0))
    if len(found) > MAX_CANDIDATES:
        found.sort(key=lambda c: (-c.place.population, c.place.name))
        found = found[:MAX_CANDIDATES]
    return found
