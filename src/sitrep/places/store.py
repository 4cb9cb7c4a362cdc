"""The gazetteer store: place records and their names in the on-disk index (:mod:`sitrep.places.build`), plus
the places a user imported (``sitrep gazetteer import``), held in memory beside it.

Lookups return :class:`Candidate` records: the place, how the name met it (exact name, alternate name, loose
transliteration key, demonym, fuzzy spelling) and how close the spelling is. Nothing is loaded up front: a query
reads only the rows it needs, so start-up costs one file open.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..resources import load_yaml
from .build import ALTERNATE, DEMONYM, EXACT_CASE, PRIMARY, SUPPLEMENTS, _Writer, add_supplement, ensure_index
from .keys import is_arabic, key, loose, loose_arabic, shape

_GEO = load_yaml("geo.yaml")
PRECISION = dict(_GEO["precision"])


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    country: str
    admin1: Optional[str]
    admin2: Optional[str]
    feature: str
    population: int = 0
    source: str = ""
    ref: str = ""
    # the record's own name where it is one of several records of one place and carries that place's name
    # (:func:`sitrep.places.build.merge_records`); how close a query is to it says how well the query matched
    own_name: str = field(default="", compare=False, repr=False)
    # how the name that found this place met it (exact, alternate, loose ...; "" when not found by a name) and
    # how close the spelling was: callers that hold places rather than candidates (``sitrep.geo.choose``) keep it
    match: str = field(default="", compare=False, repr=False)
    similarity: float = field(default=1.0, compare=False, repr=False)

    @property
    def record_name(self) -> str:
        return self.own_name or self.name

    @property
    def geo_precision(self) -> int:
        return PRECISION.get(self.feature, 1)

    def km_to(self, other: "Place") -> float:
        return km((self.latitude, self.longitude), (other.latitude, other.longitude))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class Candidate:
    place: Place
    match: str          # exact | alternate | case | demonym | loose | fuzzy
    similarity: float   # spelling closeness of the query to the name that matched, 0..1


def matched(place: Place, match: str, similarity: float) -> Candidate:
    """A candidate whose place remembers how it was found."""
    return Candidate(dataclasses.replace(place, match=match, similarity=similarity), match, similarity)


MATCH_OF_KIND = {PRIMARY: "exact", ALTERNATE: "alternate", EXACT_CASE: "case", DEMONYM: "demonym"}


LOOSE_MEMO_SIZE = 20_000


class Store:
    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = path or ensure_index()
        self._local = threading.local()
        self._cache: dict[int, Place] = {}
        self.user: dict[str, list[tuple[Place, int]]] = {}
        self.user_loose: dict[str, list[tuple[Place, str]]] = {}
        self._load_user()

    @property
    def db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _load_user(self) -> None:
        """Imported GeoNames dumps and user TSVs: parsed once per process into memory (they may change at any
        time, so they stay out of the cached index)."""
        folder = user_gazetteer_dir()
        if not folder.exists():
            return
        mem = sqlite3.connect(":memory:")
        from .build import SCHEMA

        mem.executescript(SCHEMA)
        w = _Writer(mem)
        w.next_id = -10**9  # negative ids never meet the index's
        for path in sorted(folder.glob("*.tsv")):
            add_supplement(w, path)
        w.flush()
        rows = {r[0]: _place(r) for r in mem.execute("SELECT * FROM place")}
        for k, pid, kind in mem.execute("SELECT key, place, kind FROM name"):
            self.user.setdefault(k, []).append((rows[pid], kind))
        for k, pid, n in mem.execute("SELECT k, place, name FROM loose"):
            self.user_loose.setdefault(k, []).append((rows[pid], n))
        mem.close()

    def places(self, ids: Iterable[int]) -> dict[int, Place]:
        ids = list(dict.fromkeys(ids))
        out = {i: self._cache[i] for i in ids if i in self._cache}
        todo = [i for i in ids if i not in out]
        for chunk in range(0, len(todo), 500):
            part = todo[chunk:chunk + 500]
            q = f"SELECT * FROM place WHERE id IN ({','.join('?' * len(part))})"
            for r in self.db.execute(q, part):
                out[r[0]] = self._cache.setdefault(r[0], _place(r))
        if len(self._cache) > 200_000:
            self._cache.clear()
        return out

    def keys_present(self, keys: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
        """key -> [(place id, kind)] for the keys the index (or the user's places) holds."""
        keys = [k for k in dict.fromkeys(keys) if k]
        out: dict[str, list[tuple[int, int]]] = {}
        for chunk in range(0, len(keys), 500):
            part = keys[chunk:chunk + 500]
            q = f"SELECT key, place, kind FROM name WHERE key IN ({','.join('?' * len(part))})"
            for k, pid, kind in self.db.execute(q, part):
                out.setdefault(k, []).append((pid, kind))
        for k in keys:
            for p, kind in self.user.get(k, []):
                uid = id(p)
                self._cache.setdefault(-uid, p)
                out.setdefault(k, []).append((-uid, kind))
        return out

    def exact(self, name: str, case_sensitive: bool = True) -> list[Candidate]:
        """Places whose name (or alternate name) has the same key as ``name``; acronyms only as written."""
        qk = key(name)
        keys = [qk] + (["=" + name.strip()] if case_sensitive else [])
        hits = self.keys_present(keys)
        pairs = [(pid, kind) for k in keys for pid, kind in hits.get(k, [])]
        places = self.places(pid for pid, _ in pairs)
        best: dict[int, Candidate] = {}
        for pid, kind in pairs:
            if pid not in places:
                continue
            # an alternate name says less the further it is from the place's own name ("Salisbury" for Harare)
            sim = 1.0 if kind != ALTERNATE else _ratio(qk, key(places[pid].record_name))
            c = matched(places[pid], MATCH_OF_KIND[kind], sim)
            if pid not in best or _MATCH_ORDER[c.match] < _MATCH_ORDER[best[pid].match]:
                best[pid] = c
        return list(best.values())

    def loose(self, name: str, min_similarity: float = 0.0, by_shape: bool = False) -> list[Candidate]:
        """Places one of whose names has the same loose transliteration key ("Kafr Nabudah" ~ كفر نبودة); looked
        up once per name and threshold (the records are frozen). ``by_shape``: a spelling below the threshold
        counts too when its vowels stand where the name's do (:func:`keys.shape`: "Al Mujaymir" ~ "Mjeimer")."""
        memo = self.__dict__.setdefault("_loose_memo", {})
        mk = (name, min_similarity, by_shape)
        got = memo.get(mk)
        if got is None:
            if len(memo) >= LOOSE_MEMO_SIZE:
                memo.clear()
            got = memo[mk] = tuple(self._loose(name, min_similarity, by_shape))
        return list(got)

    def _loose(self, name: str, min_similarity: float, by_shape: bool) -> list[Candidate]:
        from rapidfuzz import fuzz

        lk = loose_arabic(name) if is_arabic(name) else loose(name)
        if len(lk) < 2:
            return []
        if len(lk) == 2 and not is_arabic(name):
            # two consonants meet hundreds of names the world over ("Quriyah" ~ "Koria"): only a close spelling
            min_similarity = max(min_similarity, SHORT_KEY_SIMILARITY)
        qk = key(name)
        name_ar = is_arabic(name)

        def similarity(other: str, via_arabic: bool = False) -> float:
            sim = fuzz.ratio(qk, other) / 100.0
            if by_shape and sim < min_similarity and _same_shape(name, via_arabic, qk, other, lk):
                sim = min_similarity
            return sim

        # each spelling compared before its place is read: only the places of close spellings are needed, but an
        # Arabic name has no spelling to compare with and the place's own (Latin) name stands in
        rows = []
        for pid, n, n_ar, nk in self._loose_rows(lk):
            if n_ar and not name_ar:
                if len(lk) >= 3:  # two consonants from Arabic script say too little
                    rows.append((pid, None))
            else:
                sim = similarity(nk)
                if sim >= min_similarity:
                    rows.append((pid, sim))
        places = self.places(pid for pid, _ in rows)
        scored = [(places[pid], sim) for pid, sim in rows if pid in places]
        scored = [(p, similarity(key(p.record_name), True) if sim is None else sim) for p, sim in scored]
        for p, n in self.user_loose.get(lk, []):
            if is_arabic(n) and not name_ar and len(lk) < 3:
                continue
            scored.append((p, similarity(key(p.record_name), True) if is_arabic(n) and not name_ar
                           else similarity(key(n))))
        best: dict[object, Candidate] = {}
        for p, sim in scored:
            if sim < min_similarity:
                continue
            cur = best.get(p)
            if cur is None or sim > cur.similarity:
                best[p] = matched(p, "loose", sim)
        return list(best.values())

    def _loose_rows(self, lk: str) -> list[tuple[int, str, bool, str]]:
        """The index's spellings of a loose key: (place id, name, Arabic script?, the name's key), read once per key
        (short keys hold hundreds of names and the same key comes back under other spellings and thresholds)."""
        memo = self.__dict__.setdefault("_loose_rows_memo", {})
        got = memo.get(lk)
        if got is None:
            if len(memo) >= LOOSE_MEMO_SIZE:
                memo.clear()
            got = memo[lk] = [(pid, n, is_arabic(n), key(n))
                              for pid, n in self.db.execute("SELECT place, name FROM loose WHERE k = ?", (lk,))]
        return got

    def units(self, country: str) -> list[Place]:
        """The first-level units of a country (the index's admin1 records)."""
        memo = self.__dict__.setdefault("_units_memo", {})
        if country not in memo:
            rows = self.db.execute("SELECT * FROM place WHERE country = ? AND feature = 'admin1' ORDER BY id",
                                   (country.upper(),)).fetchall()
            memo[country] = [_place(r) for r in rows]
        return memo[country]

    def country_names(self, country: str) -> dict[str, list[int]]:
        return _country_names(str(self.path), country.upper())

    def fuzzy(self, name: str, country: str, cutoff: float = 88.0) -> list[Candidate]:
        """The closest spelled names within one country (rapidfuzz), for names no exact or loose key finds."""
        from rapidfuzz import fuzz, process

        names = self.country_names(country)
        if not names:
            return []
        hits = process.extract(key(name), list(names), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        places = self.places(pid for k, _, _ in hits for pid in names[k])
        return [matched(places[pid], "fuzzy", score / 100.0) for k, score, _ in hits for pid in names[k]
                if pid in places]


def _same_shape(name: str, via_arabic: bool, qk: str, other: str, lk: str) -> bool:
    """Two spellings of one name in different vowel systems: the vowels stand in the same places ("Mujaymir" /
    "Mjeimer": 90% alike; with two consonants, the same shape exactly: "Uwayjil" / "Oweijel"), or the Arabic
    name holds the same four or more consonants ("Arbah Kabir" / أربعة كبيرة, whose OCHA name is "Big Arbaa")."""
    from rapidfuzz import fuzz

    if is_arabic(name):
        return False
    if via_arabic:  # matched through the place's Arabic name; ``other`` is its Latin name
        return len(lk) >= ARABIC_KEY_MIN_CONSONANTS
    if is_arabic(other):
        return False
    if len(lk) >= SHAPE_MIN_CONSONANTS:
        return fuzz.ratio(shape(qk), shape(other)) / 100.0 >= SHAPE_SIMILARITY
    return shape(qk) == shape(other)


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 4 else 0) / 100.0


SHORT_KEY_SIMILARITY = 0.85
SHAPE_SIMILARITY = 0.9
SHAPE_MIN_CONSONANTS = 3  # a shorter key compared by vowel positions must have the same shape ("Quriyah" ~ "Koria")
ARABIC_KEY_MIN_CONSONANTS = 4
_MATCH_ORDER = {"exact": 0, "case": 1, "alternate": 2, "demonym": 3, "loose": 4, "fuzzy": 5}


@functools.lru_cache(maxsize=4)
def _country_names(path: str, country: str) -> dict[str, list[int]]:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    out: dict[str, list[int]] = {}
    q = "SELECT n.key, n.place FROM name n JOIN place p ON p.id = n.place WHERE p.country = ? AND n.kind IN (0, 1)"
    for k, pid in con.execute(q, (country,)):
        if not is_arabic(k):
            out.setdefault(k, []).append(pid)
    con.close()
    return out


def _place(r: tuple) -> Place:
    return Place(r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8] or 0), r[9] or "", r[10] or "",
                 own_name=(r[12] or "") if len(r) > 12 else "")


def user_gazetteer_dir() -> Path:
    """Where `sitrep gazetteer import` puts places: $SITREP_HOME/gazetteer (default ~/.sitrep/gazetteer)."""
    import os

    return Path(os.environ.get("SITREP_HOME") or Path.home() / ".sitrep") / "gazetteer"


@functools.lru_cache(maxsize=1)
def store() -> Store:
    return Store()


__all__ = ["Place", "Candidate", "Store", "store", "km", "user_gazetteer_dir", "SUPPLEMENTS"]
