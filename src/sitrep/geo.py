"""The place API the rest of Sitrep has always imported (``sitrep.geo``): a thin layer over :mod:`sitrep.places`,
which owns recognition, candidates and ranking. ``geocode``/``geoparse`` keep the contract's fields; ``gazetteer()``
keeps the interface older callers use (``find``, ``candidates``, ``lexicon.lookup``, ``similar``, ``fuzzy``);
``choose`` and ``find`` are :mod:`sitrep.places.lookup`'s.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from .places import FEATURE_RANK, choose, find, geocode, geoparse  # noqa: F401 - the public functions
from .places.candidates import candidates as _candidates
from .places.keys import key, skeleton  # noqa: F401
from .places.rank import rank
from .places.store import Place, km, store, user_gazetteer_dir  # noqa: F401
from .resources import data_path, load_yaml
from .textmatch import Match

_GEO = load_yaml("geo.yaml")
PRECISION = dict(_GEO["precision"])
COUNTRIES = {cc: (c["name"], float(c["latitude"]), float(c["longitude"])) for cc, c in _GEO["countries"].items()}
STOP_NAMES = {str(w).lower() for w in _GEO["stop_names"]}
# the country actor names default to when a story names none (actor naming, not place logic: places take their
# country from the story)
HOME = (_GEO.get("region") or ["SY"])[0]


class _Lexicon:
    def lookup(self, name: str) -> list[Place]:
        return [c.place for c, _ in rank([c for c in _candidates(name, loose_ok=False, fuzzy_ok=False)
                                          if c.match != "demonym"])]


class Gazetteer:
    """The gazetteer as extraction and resolution see it (backed by the on-disk index)."""

    def __init__(self) -> None:
        self.lexicon = _Lexicon()

    def candidates(self, name: str) -> list[Place]:
        return [c.place for c, _ in rank(_candidates(name, fuzzy_ok=False))]

    def similar(self, name: str, min_ratio: float = 70.0) -> list[Place]:
        return [c.place for c, _ in rank(store().loose(name, min_similarity=min_ratio / 100))]

    def fuzzy(self, name: str, country: Optional[str] = None, cutoff: float = 88.0) -> Optional[tuple[Place, float]]:
        if not country:
            return None
        hits = store().fuzzy(name, country, cutoff)
        return (hits[0].place, hits[0].similarity * 100) if hits else None

    @property
    def places(self) -> list[Place]:
        ids = [r[0] for r in store().db.execute("SELECT id FROM place")]
        return list(store().places(ids).values())

    def find(self, text: str) -> list[Match]:
        """Place names in running text, each with its candidate places best first (:func:`sitrep.places.find`)."""
        return find(text)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    store()
    return Gazetteer()


GEONAMES_COLUMNS = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                    "feature_code", "country", "cc2", "admin1", "admin2", "admin3", "admin4", "population",
                    "elevation", "dem", "timezone", "modified"]
FEATURE_CODES = dict(_GEO["geonames_feature_codes"])


@functools.lru_cache(maxsize=1)
def admin1_names() -> dict:
    """(country, GeoNames admin1 code) -> the admin1 name Sitrep writes: gazetteer/admin1.tsv, then every other
    country's from gazetteer/world_admin.tsv."""
    from .places.build import admin1_table

    return {k: v["name"] for k, v in admin1_table().items()}


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
    own_admin1: dict[tuple[str, str], str] = {}  # the dump's own ADM1 rows name codes world_admin.tsv lacks
    for line in io.StringIO(raw):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 15 and cols[7] == "ADM1" and cols[10] not in ("", "00"):
            own_admin1.setdefault((cols[8], cols[10]), cols[1])
    for lineno, line in enumerate(io.StringIO(raw), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise ValueError(f"{path}:{lineno}: {len(cols)} columns; a GeoNames dump row has 19")
        r = dict(zip(GEONAMES_COLUMNS, cols))
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except ValueError:
            raise ValueError(f"{path}:{lineno}: coordinate {r['latitude']!r}, {r['longitude']!r} is not a number")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"{path}:{lineno}: coordinate {lat}, {lon} out of range")
        if r["feature_class"] not in ("P", "A", "L", "S", "T", "H", "R"):
            continue
        pop = int(r["population"] or 0) if r["population"].strip().isdigit() else 0
        code = r["feature_code"]
        feature = FEATURE_CODES.get(code) or ("city" if pop >= 100_000 else "town" if pop >= 10_000 else "village") \
            if r["feature_class"] == "P" else FEATURE_CODES.get(code, "other")
        admin1 = admin1_names().get((r["country"], r["admin1"])) or own_admin1.get((r["country"], r["admin1"]))
        alts = [a for a in r["alternatenames"].split(",") if a][:30]
        rows.append([r["name"], "|".join([r["asciiname"], *alts]), r["latitude"], r["longitude"], r["country"],
                     admin1 or "", "", feature, "GeoNames dump (CC BY 4.0)", f"geonameid {r['geonameid']}", pop])
    out_dir = user_gazetteer_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"geonames_{path.stem}.tsv"
    tmp = target.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("name\talt_names\tlatitude\tlongitude\tcountry\tadmin1\tadmin2\tfeature\tsource\tnotes\tpopulation\n")
        for row in rows:
            f.write("\t".join(str(c).replace("\t", " ") for c in row) + "\n")
    tmp.replace(target)
    from .places import lookup

    gazetteer.cache_clear()
    store.cache_clear()
    lookup.clear()
    return target, len(rows)


