#!/usr/bin/env python3
"""Build ``src/sitrep/data/gazetteer/ucdp_places.tsv`` from a UCDP GED CSV (Syria).

    python scripts/build_gazetteer.py ../shared/data/ucdp-ged-syria-2016-2017.csv            # the product: all
    python scripts/build_gazetteer.py ../shared/data/ucdp-ged-syria-2016-2017.csv --split dev \
        -o out/ucdp-dev/gazetteer/ucdp_places.tsv --write-csv-splits out/ucdp-split   # to measure unseen names

Only places UCDP gives with ``where_prec`` 1 (exact) or 2 (within ~25 km) are kept. Each place string from
``where_coordinates`` is cleaned: parenthetical remarks go to the alternative names ("Al-Rai town (Choban Bey)"),
generic descriptors are dropped from the name (" village", " town", " suburb", " area"...) while distinctive ones
stay ("Tishrin Dam", "Al Rukban camp", "Jirah Airbase"), and the feature is guessed from those words (else from the
precision: 1 a town, 2 a region). Per name the most frequent coordinate wins (ties: the earliest event); admin1 is
UCDP's adm_1 mapped to the names in admin1.tsv, admin2 its adm_2 without " district".

The split. Every descriptor and parenthesis is stripped from the place string (a superset of what
``score_geocode.py`` strips, so strings it counts as one place land together), the rest is normalised (NFKC,
case-folded, single spaces), and sha1 of that key decides the half: last hex digit even = dev, odd = held-out.
The product ships both halves (``--split all``, the default): every place the project may know. The halves
measure the geocoder on names it has never seen: build the dev half alone into a folder outside the package and
point ``SITREP_DATA_DIR`` at it (``SITREP_DATA_DIR=out/ucdp-dev``), then score the held-out rows
(``../shared/tools/score_geocode.py HELDOUT.csv DEV.csv``). ``--split dev|heldout`` refuses to overwrite the
committed file.

``--write-csv-splits DIR`` also writes ``ucdp_dev.csv`` and ``ucdp_heldout.csv``: the rows of the input CSV (every
precision) whose place falls in each half, for the measurement. DIR must be outside the repository (or under the
git-ignored scratch folder out/): the UCDP extract is not redistributed.

``--check`` validates the gazetteer folder instead (columns, coordinates, admin1 names, features, duplicates), the
source files ``scripts/build_gazetteer_sources.py`` writes (``ocha_sy_communities.tsv``, ``world_admin.tsv``) and
``admin1_abbreviations.tsv``.

Standard library only.
"""
from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "sitrep" / "data" / "gazetteer" / "ucdp_places.tsv"
COLUMNS = ["name", "alt_names", "latitude", "longitude", "country", "admin1", "admin2", "feature", "source", "notes"]
SOURCE = "UCDP GED 19.1 (where_coordinates)"

# UCDP adm_1 (after dropping " Governorate") -> Sitrep's admin1 display names (admin1.tsv).
ADMIN1 = {
    "Aleppo": "Aleppo", "Rif Dimashq": "Rif Dimashq", "Ar Raqqah": "Raqqa", "Deir ez Zor": "Deir ez-Zor",
    "Homs": "Homs", "Hamah": "Hama", "Idlib": "Idlib", "Daraa": "Daraa", "Damascus": "Damascus",
    "Al Hasakah": "Al-Hasakah", "Latakia": "Latakia", "Quneitra": "Quneitra", "As Suwayda": "As-Suwayda",
    "Tartus": "Tartus",
}
# UCDP adm_2 (after dropping " district") -> admin2 as Sitrep writes it.
ADMIN2 = {
    "Mintaqat Azaz": "Azaz", "Mintaqat Markaz Homs": "Markaz Homs", "Mintaqat Markaz Hamah": "Markaz Hama",
    "Mintaqat az Zabadani": "Az Zabadani", "Markaz Daraa": "Markaz Daraa", "Maarat al-Numaan": "Maarat al-Numan",
}

# Trailing descriptors with the feature each implies. Longest first; applied repeatedly (so "X military
# checkpoint" loses both words). Two uses:
# - the split key strips all of them (a superset of the scorer's list), so two strings the scorer counts as one
#   place always fall in the same half;
# - the gazetteer name strips only the GENERIC ones (village, town, suburb, area...): a distinctive word stays in
#   the name ("Tishrin Dam" is not Tishrin town, "Al Dumayr Military Airport" is not Al Dumayr).
SUFFIXES = [
    ("military airbase", "airbase"), ("military air base", "airbase"), ("military airport", "airbase"),
    ("military heliport", "airbase"), ("air defense base", "military_base"), ("air defence base", "military_base"),
    ("army base", "military_base"), ("military base", "military_base"), ("military complex", "military_base"),
    ("military checkpoint", "checkpoint"), ("border crossing", "crossing"), ("refugee camp", "camp"),
    ("idp camp", "camp"), ("oil fields", "other"), ("oil field", "other"), ("gas field", "other"),
    ("airbase", "airbase"), ("air base", "airbase"), ("heliport", "airbase"),
    ("checkpoint", "checkpoint"), ("crossing", "crossing"), ("village", "village"), ("villae", "village"),
    ("villge", "village"), ("town", "town"), ("city", "city"), ("suburb", "neighbourhood"),
    ("neighbourhood", "neighbourhood"), ("neighborhood", "neighbourhood"), ("camp", "camp"),
    ("subdistrict", "subdistrict"), ("district", "district"), ("area", "region"), ("locality", "village"),
    ("hamlet", "village"), ("farms", "farm"), ("farm", "farm"), ("base", "military_base"), ("dam", "dam"),
    ("hills", "mountain"), ("hill", "mountain"), ("mountain", "mountain"), ("mount", "mountain"),
    ("bridge", "other"), ("road", "road"), ("oilfield", "other"), ("plains", "region"), ("plain", "region"),
    ("desert", "desert"), ("island", "other"), ("ruins", "other"), ("ruin", "other"), ("castle", "other"),
    ("tower", "other"), ("governorate", "region"),
]
GENERIC = {"village", "villae", "villge", "town", "city", "suburb", "neighbourhood", "neighborhood", "area",
           "locality", "hamlet", "district", "subdistrict"}
# "Jabal X mountain", "Tall X hill": the word repeats what the name already says
HILL_WORDS = {"mountain", "mount", "hill", "hills"}
HILL_NAME = re.compile(r"^(jabal|jebel|tall|tell|tal|tlul|tulul)\b", re.I)
SUFFIX_RE = re.compile(r"\s+(" + "|".join(re.escape(s) for s, _ in SUFFIXES) + r")$", re.I)
SUFFIX_FEATURE = {s: f for s, f in SUFFIXES}
PAREN_RE = re.compile(r"\s*\(([^)]*)\)")
# Words anywhere in the raw string that say what kind of place it is (when no generic suffix did).
KEYWORDS = [
    (r"\b(airbase|air base|airport|heliport)\b", "airbase"),
    (r"\b(brigade|division|army base|military base|regiment|military complex|air defen[cs]e base)\b", "military_base"),
    (r"\bcheckpoint\b", "checkpoint"), (r"\b(dam|reservoir)\b", "dam"), (r"\bcrossing\b", "crossing"),
    (r"\bprison\b", "prison"), (r"\bcamp\b", "camp"), (r"\b(road|highway|junction|crossroad)\b", "road"),
    (r"\bfarms?\b", "farm"), (r"\briver\b", "river"), (r"\bdesert\b", "desert"),
    (r"^(jabal|jebel|tall|tell|tal|tlul|tulul)\b|\b(mountain|mount|hills?)$", "mountain"),
    (r"\b(ghouta|qalamoun|pocket|governorate|countryside|sector|sahl|lajah|badia|plains?)\b", "region"),
    (r"^(wadi|sharat)\b", "region"),
    (r"\b(field|fields|oilfield|plant|station|factory|company|complex|project|island|castle|tower|ruins?)\b", "other"),
]


def _strip(s: str, generic_only: bool) -> tuple[str, str | None]:
    feature = None
    while True:
        m = SUFFIX_RE.search(s)
        if not m or m.start() == 0:
            break
        word = m.group(1).lower()
        if generic_only and word not in GENERIC and not (word in HILL_WORDS and HILL_NAME.search(s)):
            break
        feature = feature or SUFFIX_FEATURE[word]
        s = s[: m.start()].strip()
    return s, feature


def _tidy(raw: str) -> str:
    return " ".join(raw.replace("\u2013", "-").replace("\u2014", "-").split())


def split_key(raw: str) -> str:
    """The normalised string that decides a place's half: every descriptor and parenthesis removed."""
    s, _ = _strip(PAREN_RE.sub("", _tidy(raw)).strip(), generic_only=False)
    return norm(s)


def _content_words(s: str) -> int:
    return len([w for w in re.split(r"[\s-]+", s) if w and w.lower() not in ("al", "el", "as", "ash", "ad", "ar", "az", "at", "an")])


def clean(raw: str) -> tuple[str, str | None, list[str]]:
    """Return (gazetteer name, feature implied by a generic suffix or None, alternative names)."""
    s = _tidy(raw)
    alts = [a.strip() for a in PAREN_RE.findall(s)]
    s = PAREN_RE.sub("", s).strip()
    s, feature = _strip(s, generic_only=True)
    # parenthetical remarks that are alternative names, not locators or descriptions
    alts = [a for a in alts if a and not re.search(r"\b(camp|idp|aleppo|mayadin|hayyan)\b", a, re.I)]
    # "Ceqale Mezin/Jaqal al-Kabirah": both halves are names; "Silos east of Palmyra/Tadmur" is not a pair of names
    if s.count("/") == 1 and not re.search(r"\b(of|in|near|between)\b", s):
        parts = [p.strip() for p in s.split("/")]
        if all(p[:1].isupper() and _content_words(p) >= 2 for p in parts):
            alts.extend(_strip(p, generic_only=True)[0] for p in parts)
    return s, feature, alts


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(s.split())


def half(key: str) -> str:
    """dev if the last hex digit of sha1(normalised key) is even, else heldout."""
    return "dev" if int(hashlib.sha1(norm(key).encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "heldout"


def guess_feature(name: str, suffix_feature: str | None, prec: str) -> str:
    """Feature from a distinctive word in the name, else the generic suffix, else a shape of the name, else the
    precision (1: a populated place, 2: an area). "Tall Rifaat town" is a town, "Tall Kurdi" a hill."""
    for pat, feat in KEYWORDS:
        if feat not in ("mountain", "region") and re.search(pat, name, re.I):
            return feat
    if suffix_feature:
        return suffix_feature
    for pat, feat in KEYWORDS:
        if re.search(pat, name, re.I):
            return feat
    return "town" if prec == "1" else "region"


def admin1_of(adm_1: str) -> str:
    a = re.sub(r"\s+Governorate$", "", adm_1.strip())
    return ADMIN1.get(a, "")


def admin2_of(adm_2: str) -> str:
    a = re.sub(r"\s+district$", "", adm_2.strip())
    return ADMIN2.get(a, a)


def build(csv_path: Path, split: str) -> tuple[list[dict], dict, list[dict], dict[str, str]]:
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    places: dict[str, dict] = {}
    for r in rows:
        if r["where_prec"] not in ("1", "2") or not r["latitude"] or not r["longitude"]:
            continue
        raw = r["where_coordinates"].strip()
        name, feat, alts = clean(raw)
        if not name or norm(name) in ("syria",):
            continue
        key = norm(name)
        p = places.setdefault(key, {"names": collections.Counter(), "raws": collections.Counter(), "alts": [],
                                    "coords": collections.Counter(), "first": {}, "rows": [], "halves": set()})
        p["halves"].add(half(split_key(raw)))
        p["names"][name] += 1
        p["raws"][raw] += 1
        p["alts"].extend(alts)
        c = (round(float(r["latitude"]), 6), round(float(r["longitude"]), 6))
        p["coords"][c] += 1
        p["first"].setdefault(c, len(p["rows"]))
        p["rows"].append((c, r, feat))
    # the halves are counted over split keys (what the measurement sees as one place)
    keys_by_half: dict[str, set] = {"dev": set(), "heldout": set()}
    for r in rows:
        if r["where_prec"] in ("1", "2") and r["latitude"] and split_key(r["where_coordinates"]) not in ("", "syria"):
            k = split_key(r["where_coordinates"])
            keys_by_half[half(k)].add(k)
    halves = {h: len(v) for h, v in keys_by_half.items()}
    out = []
    for key, p in places.items():
        # a cleaned name whose raw strings straddle the halves (should not happen: the split key is a further
        # stripping of the name) counts as held-out, so nothing held-out can leak into the dev file
        h = next(iter(p["halves"])) if len(p["halves"]) == 1 else "heldout"
        if split != "all" and h != split:
            continue
        name = p["names"].most_common(1)[0][0]
        best = max(p["coords"], key=lambda c: (p["coords"][c], -p["first"][c]))
        at = [(r, feat) for c, r, feat in p["rows"] if c == best]
        a1 = collections.Counter(admin1_of(r["adm_1"]) for r, _ in at).most_common(1)[0][0]
        a2 = collections.Counter(admin2_of(r["adm_2"]) for r, _ in at).most_common(1)[0][0]
        feats = collections.Counter(guess_feature(name, f, r["where_prec"]) for r, f in at)
        alt_names = []
        for a in list(p["names"]) + list(p["raws"]) + p["alts"]:
            if a and norm(a) != norm(name) and a not in alt_names and "|" not in a:
                alt_names.append(a)
        n_events = sum(p["coords"].values())
        notes = f"{n_events} event" + ("s" if n_events != 1 else "")
        if len(p["coords"]) > 1:
            notes += f"; {len(p['coords'])} distinct coordinates, most frequent kept ({p['coords'][best]})"
        if not a1:
            notes += "; UCDP gives no governorate"
        out.append({
            "name": name, "alt_names": "|".join(alt_names), "latitude": f"{best[0]:.6f}".rstrip("0").rstrip("."),
            "longitude": f"{best[1]:.6f}".rstrip("0").rstrip("."), "country": "SY", "admin1": a1, "admin2": a2,
            "feature": feats.most_common(1)[0][0], "source": SOURCE if split == "all" else f"{SOURCE}, {split} split", "notes": notes,
        })
    out.sort(key=lambda d: (norm(d["name"]), d["admin1"]))
    keys = {r["id"]: half(split_key(r["where_coordinates"])) for r in rows}
    return out, halves, rows, keys


def write_tsv(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for d in records:
            vals = [str(d[c]).replace("\t", " ").replace("\n", " ") for c in COLUMNS]
            f.write("\t".join(vals) + "\n")


def check_outside_repo(folder: Path) -> None:
    folder = folder.resolve()
    inside = folder == ROOT or ROOT in folder.parents
    if inside and folder.relative_to(ROOT).parts[:1] != ("out",):
        # the UCDP extract is not redistributed: only the git-ignored scratch folder out/ is allowed in the repo
        sys.exit(f"refusing to write UCDP rows inside the repository ({folder}); use a folder outside it, or out/")


def write_csv_splits(folder: Path, rows: list[dict], keys: dict[str, str]) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    fields = list(rows[0].keys())
    for h, fname in (("dev", "ucdp_dev.csv"), ("heldout", "ucdp_heldout.csv")):
        sel = [r for r in rows if keys[r["id"]] == h]
        with (folder / fname).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(sel)
        counts[fname] = len(sel)
    return counts


FEATURES = {"city", "town", "village", "neighbourhood", "camp", "region", "district", "subdistrict", "checkpoint",
            "airbase", "military_base", "mountain", "river", "dam", "crossing", "road", "desert", "farm", "prison",
            "hospital", "other"}
ADMIN1_COLUMNS = ["country", "code", "name", "aliases", "latitude", "longitude"]
# Syria's bounding box, for rows whose country is SY
SY_BOX = (32.3, 37.4, 35.6, 42.4)


def check(folder: Path) -> list[str]:
    """Validate the gazetteer TSVs in ``folder``; return the problems found (empty when all is well)."""
    problems: list[str] = []

    def rows_of(path: Path, columns: list[str]) -> list[dict]:
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or lines[0].split("\t") != columns:
            problems.append(f"{path.name}: header is not {columns}")
            return []
        out = []
        for i, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != len(columns):
                problems.append(f"{path.name}:{i}: {len(cells)} columns, expected {len(columns)}")
                continue
            if any(c != c.strip() for c in cells):
                problems.append(f"{path.name}:{i}: leading or trailing spaces in a cell")
            d = dict(zip(columns, cells), _line=i)
            try:
                lat, lon = float(d["latitude"]), float(d["longitude"])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError
                d["_coord"] = (lat, lon)
            except ValueError:
                problems.append(f"{path.name}:{i}: bad coordinate {d['latitude']!r}, {d['longitude']!r}")
            out.append(d)
        return out

    admin1 = rows_of(folder / "admin1.tsv", ADMIN1_COLUMNS)
    names = {(d["country"], d["name"]) for d in admin1}
    seen_codes: set = set()
    for d in admin1:
        key = (d["country"], d["code"])
        if key in seen_codes:
            problems.append(f"admin1.tsv:{d['_line']}: duplicate code {key}")
        seen_codes.add(key)
        if not re.fullmatch(r"\d\d", d["code"]):
            problems.append(f"admin1.tsv:{d['_line']}: code {d['code']!r} is not a two-digit GeoNames admin1 code")
    sy = {n for c, n in names if c == "SY"}
    if sy != set(ADMIN1.values()):
        problems.append(f"admin1.tsv: Syrian names differ from the 14 governorates: {sorted(sy ^ set(ADMIN1.values()))}")
    for fname in ("sy_places.tsv", "ucdp_places.tsv"):
        path = folder / fname
        if not path.exists():
            problems.append(f"{fname}: missing")
            continue
        seen: set = set()
        for d in rows_of(path, COLUMNS):
            where = f"{fname}:{d['_line']}"
            if not d["name"]:
                problems.append(f"{where}: empty name")
            if d["admin1"] and (d["country"], d["admin1"]) not in names:
                problems.append(f"{where}: admin1 {d['admin1']!r} ({d['country']}) is not in admin1.tsv")
            if fname == "sy_places.tsv" and not d["admin1"]:
                problems.append(f"{where}: no admin1")
            if d["feature"] not in FEATURES:
                problems.append(f"{where}: feature {d['feature']!r} is not one of {sorted(FEATURES)}")
            if not d["source"]:
                problems.append(f"{where}: no source")
            if "_coord" in d and d["country"] == "SY":
                lat, lon = d["_coord"]
                if not (SY_BOX[0] <= lat <= SY_BOX[1] and SY_BOX[2] <= lon <= SY_BOX[3]):
                    problems.append(f"{where}: {d['name']} ({lat}, {lon}) is outside Syria")
            key = (norm(d["name"]), d["admin1"])
            if key in seen:
                problems.append(f"{where}: duplicate (name, admin1) {key}")
            seen.add(key)
            if any("|" in a or not a.strip() for a in d["alt_names"].split("|") if d["alt_names"]):
                problems.append(f"{where}: empty alternative name")
    problems += check_sources(folder, names, rows_of)
    return problems


WORLD_COLUMNS = ["country", "code", "admin1", "admin2", "feature", "latitude", "longitude", "population", "cities"]


def check_sources(folder: Path, names: set, rows_of) -> list[str]:
    """The files scripts/build_gazetteer_sources.py writes (OCHA communities, world admin units) and the admin1
    abbreviations: columns, coordinates, codes, P-codes, admin1 names that exist."""
    problems: list[str] = []
    path = folder / "ocha_sy_communities.tsv"
    if not path.exists():
        problems.append("ocha_sy_communities.tsv: missing")
    else:
        pcodes: set = set()
        for d in rows_of(path, COLUMNS):
            where = f"ocha_sy_communities.tsv:{d['_line']}"
            if not d["name"] or d["country"] != "SY":
                problems.append(f"{where}: empty name or country {d['country']!r} is not SY")
            if d["admin1"] and ("SY", d["admin1"]) not in names:
                problems.append(f"{where}: admin1 {d['admin1']!r} is not in admin1.tsv")
            if not d["notes"].startswith("ocha:") or d["notes"] in pcodes:
                problems.append(f"{where}: P-code {d['notes']!r} missing or repeated")
            pcodes.add(d["notes"])
            if d["feature"] not in FEATURES:
                problems.append(f"{where}: feature {d['feature']!r} is not one of {sorted(FEATURES)}")
            if "_coord" in d and not (SY_BOX[0] <= d["_coord"][0] <= SY_BOX[1] and SY_BOX[2] <= d["_coord"][1] <= SY_BOX[3]):
                problems.append(f"{where}: {d['name']} {d['_coord']} is outside Syria")
    path = folder / "world_admin.tsv"
    world = set()
    if not path.exists():
        problems.append("world_admin.tsv: missing")
    else:
        for d in rows_of(path, WORLD_COLUMNS):
            where = f"world_admin.tsv:{d['_line']}"
            if not re.fullmatch(r"[A-Z]{2}", d["country"]) or d["feature"] not in ("admin1", "district"):
                problems.append(f"{where}: country {d['country']!r} or feature {d['feature']!r} not valid")
            if not d["admin1"] or (d["feature"] == "district" and not d["admin2"]):
                problems.append(f"{where}: no name")
            if not d["population"].isdigit():
                problems.append(f"{where}: population {d['population']!r} is not a number")
            if d["feature"] == "admin1":
                world.add((d["country"], d["admin1"]))
    path = folder / "admin1_iso_names.tsv"
    if path.exists():  # ISO 3166-2 spellings of world units (build_gazetteer_sources.py --iso)
        codes = set()
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0].split("\t") != ["country", "code", "admin1", "iso_code", "iso_name", "similarity"]:
            problems.append("admin1_iso_names.tsv: header is not country, code, admin1, iso_code, iso_name, similarity")
        for i, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != 6 or not cells[4].strip() or not cells[3].startswith(cells[0] + "-"):
                problems.append(f"admin1_iso_names.tsv: row {i}: expected 6 cells, an ISO name and a code of its country")
                continue
            if (cells[0], cells[2]) not in world:
                problems.append(f"admin1_iso_names.tsv: row {i}: {cells[2]!r} ({cells[0]}) is no world_admin.tsv unit")
            if (cells[0], cells[1]) in codes:
                problems.append(f"admin1_iso_names.tsv: row {i}: {cells[0]}.{cells[1]} given twice")
            codes.add((cells[0], cells[1]))
    path = folder / "admin1_abbreviations.tsv"
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines or lines[0].split("\t") != ["country", "admin1", "abbreviations"]:
            problems.append("admin1_abbreviations.tsv: header is not country, admin1, abbreviations")
        seen: set = set()
        for i, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != 3 or not cells[2].strip():
                problems.append(f"admin1_abbreviations.tsv: row {i}: expected 3 cells with abbreviations")
                continue
            if (cells[0], cells[1]) not in world | names:
                problems.append(f"admin1_abbreviations.tsv: row {i}: {cells[1]!r} ({cells[0]}) is no admin1 known")
            for ab in cells[2].split("|"):
                if ab in seen:
                    problems.append(f"admin1_abbreviations.tsv: row {i}: {ab!r} given twice")
                seen.add(ab)
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", type=Path, nargs="?", help="UCDP GED CSV (e.g. ../shared/data/ucdp-ged-syria-2016-2017.csv)")
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="all",
                    help="which half of the place split to keep (default all: the committed file holds both halves; "
                         "a dev-only build, written elsewhere, measures names the gazetteer has never seen)")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help=f"TSV to write (default {DEFAULT_OUT})")
    ap.add_argument("--write-csv-splits", type=Path, metavar="DIR",
                    help="also write ucdp_dev.csv and ucdp_heldout.csv (rows of the input CSV) into DIR, "
                         "outside the repository (or the git-ignored out/)")
    ap.add_argument("--check", action="store_true",
                    help="only validate the gazetteer TSVs (columns, coordinates, admin1 names, duplicates) and exit")
    a = ap.parse_args(argv)
    if a.check:
        problems = check(a.output.parent)
        for p in problems:
            print(p)
        print(f"{len(problems)} problems in {a.output.parent}")
        return 1 if problems else 0
    if a.csv is None:
        ap.error("give the UCDP GED CSV (or --check)")
    if a.split != "all" and a.output.resolve() == DEFAULT_OUT.resolve():
        ap.error(f"--split {a.split} would leave half of UCDP's places out of the committed {DEFAULT_OUT.name}: "
                 "give -o elsewhere (e.g. out/ucdp-dev/gazetteer/ucdp_places.tsv)")
    if a.write_csv_splits:
        check_outside_repo(a.write_csv_splits)
    records, halves, rows, keys = build(a.csv, a.split)
    write_tsv(a.output, records)
    print(f"place names (where_prec 1-2): dev {halves['dev']}, held-out {halves['heldout']}, "
          f"total {halves['dev'] + halves['heldout']}")
    print(f"wrote {len(records)} places ({a.split}) to {a.output}")
    if a.write_csv_splits:
        for fname, n in write_csv_splits(a.write_csv_splits, rows, keys).items():
            print(f"wrote {n} rows to {a.write_csv_splits / fname}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
