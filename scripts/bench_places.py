#!/usr/bin/env python3
"""Benchmark the places package as a user meets it (figures for docs/BENCHMARKS.md, never a timed test):

    .venv/bin/python scripts/bench_places.py --data ../shared/data [--core 0]

- index build: ``sitrep gazetteer build`` into an empty cache folder (once per install / input change);
- start-up: wall time of ``sitrep geocode Aleppo`` (a fresh process, index already built), median of 5;
- 1,000 names: ``sitrep geocode --country SY --json -`` on 1,000 UCDP GED 2016-2017 place strings (sorted, the
  first 1,000 distinct), one process pinned to one core (``taskset``), median of 3;
- memory: peak RSS of one process that loads the gazetteer and the ranker, geocodes those 1,000 names without a
  country and geoparses 50 GeoWebNews articles (spaCy loaded too, as ``sitrep run`` has it).

Standard library only (plus the project's own CLI); prints one JSON object.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITREP = ROOT / ".venv" / "bin" / "sitrep"
PYTHON = ROOT / ".venv" / "bin" / "python"

MEMORY_PROBE = r"""
import resource, sys, xml.etree.ElementTree as ET
from sitrep.places import geocode, geoparse
from sitrep.annotate import english
names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
for n in names:
    geocode(n)
nlp = english()
arts = list(ET.parse(sys.argv[2]).getroot().iter("article"))[:50]
for a in arts:
    geoparse(a.findtext("text") or "", nlp)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def names(ucdp: Path, n: int = 1000) -> list[str]:
    out = set()
    with ucdp.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["where_coordinates"].strip():
                out.add(r["where_coordinates"].strip())
    return sorted(out)[:n]


def timed(cmd: list[str], stdin: str | None = None, env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--core", type=int, default=0)
    a = ap.parse_args()
    pin = ["taskset", "-c", str(a.core)] if shutil.which("taskset") else []
    ns = names(a.data / "ucdp-ged-syria-2016-2017.csv")
    res: dict = {"names": len(ns), "pinned_core": a.core if pin else None}

    with tempfile.TemporaryDirectory() as tmp:  # the index built from nothing, in a cache folder of its own
        env = {**os.environ, "SITREP_CACHE": tmp}
        res["index_build_s"] = round(timed([*pin, str(SITREP), "gazetteer", "build"], env=env), 1)
        idx = next(Path(tmp).rglob("gazetteer-*.sqlite"))
        res["index_mb"] = round(idx.stat().st_size / 2**20, 1)

    subprocess.run([str(SITREP), "gazetteer", "build"], capture_output=True, check=True)  # the user's own cache
    res["startup_geocode_one_s"] = round(statistics.median(
        timed([*pin, str(SITREP), "geocode", "Aleppo"]) for _ in range(5)), 2)
    stdin = "\n".join(ns) + "\n"
    res["geocode_1000_s"] = round(statistics.median(
        timed([*pin, str(SITREP), "geocode", "--country", "SY", "--json", "-"], stdin) for _ in range(3)), 2)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(stdin)
    try:
        p = subprocess.run([str(PYTHON), "-c", MEMORY_PROBE, f.name, str(a.data / "geowebnews" / "GWN.xml")],
                           capture_output=True, text=True, check=True)
        res["peak_rss_mb_gazetteer_ranker_spacy"] = int(p.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(f.name)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
