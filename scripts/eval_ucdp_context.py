#!/usr/bin/env python3
"""UCDP GED place strings alone and in context (issue 13: ambiguous names decided by the document's other places).

    SITREP_DATA_DIR=$PWD/out/ucdp-ho .venv/bin/python scripts/eval_ucdp_context.py dev       # read side
    SITREP_DATA_DIR=$PWD/out/ucdp-dev .venv/bin/python scripts/eval_ucdp_context.py heldout  # never-seen names

Each precise place string (where_prec 1-2) of one half of ``ucdp-ged-syria-2016-2017.csv`` (the gazetteer build's
split, ``scripts/build_gazetteer.py``) is placed twice: alone, as ``sitrep geocode --country SY`` does (what
``score_geocode.py`` scores), and in a sentence naming the event's first-level unit from UCDP's ``adm_1``:
"Fighting was reported in NAME in PROVINCE province, Syria." read by ``sitrep.places.geoparse`` without a language
model, as extraction reads a story. Prints the share within 5 km, by name and weighted by events.
"""
from __future__ import annotations

import collections
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_gazetteer as bg  # noqa: E402
from sitrep.geo import geocode  # noqa: E402
from sitrep.places import geoparse  # noqa: E402
from sitrep.places.store import km  # noqa: E402

SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbourhood|neighborhood|camp|district|area|hamlet|farms?|"
                    r"checkpoint|airbase|base|dam|crossing|hill|mountain|bridge|road)$", re.I)  # as score_geocode.py
LEAD = "Fighting was reported in "


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "dev"
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "data"
    places: dict[str, tuple[tuple[float, float], str]] = {}
    weight: collections.Counter = collections.Counter()
    with open(data / "ucdp-ged-syria-2016-2017.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["where_prec"] not in ("1", "2") or not r["latitude"] or \
                    bg.half(bg.split_key(r["where_coordinates"])) != which:
                continue
            name = SUFFIX.sub("", r["where_coordinates"].strip())
            prov = re.sub(r"\s+(governorate|province)$", "", r["adm_1"].strip(), flags=re.I)
            places.setdefault(name, ((float(r["latitude"]), float(r["longitude"])), prov))
            weight[name] += 1
    c: collections.Counter = collections.Counter()
    for name, (gold, prov) in sorted(places.items()):
        alone = geocode(name, "SY")
        found = [p for p in geoparse(f"{LEAD}{name} in {prov} province, Syria.")
                 if p["start"] < len(LEAD) + len(name) and p["end"] > len(LEAD)]
        for how, p in (("alone", alone), ("in context", found[0] if found else None)):
            ok = p is not None and p.get("latitude") is not None and km(gold, (p["latitude"], p["longitude"])) <= 5
            c[how, "n"] += 1
            c[how, "events"] += weight[name]
            c[how, "ok"] += ok
            c[how, "events_ok"] += weight[name] * ok
    for how in ("alone", "in context"):
        print(f"{which} names {how}: {c[how, 'ok']}/{c[how, 'n']} within 5 km ({100 * c[how, 'ok'] / c[how, 'n']:.1f}%), "
              f"events {100 * c[how, 'events_ok'] / c[how, 'events']:.1f}%")


if __name__ == "__main__":
    main()
