"""UCDP GED place strings geocoded, split as the gazetteer build splits them (``scripts/build_gazetteer.py``: the dev
half feeds the gazetteer, the held-out half never does), distance to UCDP's point (rules of
``shared/tools/score_geocode.py``)."""
from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import km, pct

# -- UCDP GED geocoding (rules of shared/tools/score_geocode.py; split of scripts/build_gazetteer.py) -----------
UCDP_SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbourhood|neighborhood|camp|district|area|hamlet|farms?|"
                         r"checkpoint|airbase|base|dam|crossing|hill|mountain|bridge|road)$", re.I)


def split_module():
    """The gazetteer build's split (``scripts/build_gazetteer.py``): one definition, so the evaluation can never
    disagree with the build about which names the gazetteer has seen."""
    import importlib.util

    path = Path(__file__).resolve().parents[3] / "scripts" / "build_gazetteer.py"
    if not path.exists():
        raise FileNotFoundError(f"{path}: the gazetteer build script (needed for the dev/held-out split) is missing; "
                                "run from a source checkout")
    spec = importlib.util.spec_from_file_location("sitrep_build_gazetteer", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@dataclass
class GeoRow:
    places: int = 0
    resolved: int = 0
    within_5: int = 0
    within_25: int = 0

    def cells(self) -> str:
        return (f"{self.places} | {pct(self.resolved, self.places)} | {pct(self.within_5, self.places)} | "
                f"{pct(self.within_25, self.places)}")


@dataclass
class UcdpResult:
    rows: dict[str, GeoRow] = field(default_factory=dict)
    seconds: float = 0.0

    def markdown(self) -> str:
        label = {"dev": "in the gazetteer (dev half)", "heldout": "held out (never seen)",
                 "heldout_seen": "held out, string also in the dev half (scorer's 'seen')",
                 "heldout_unseen": "held out, string not in the dev half (scorer's 'unseen')"}
        out = ["| names | places | resolved | within 5 km | within 25 km |", "|---|---|---|---|---|"]
        for k, r in self.rows.items():
            if r.places:
                out.append(f"| {label.get(k, k)} | {r.cells()} |")
        return "\n".join(out)


def _ucdp_places(rows: list[dict], precise: bool) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for r in rows:
        if precise and r["where_prec"] not in ("1", "2"):
            continue
        name = UCDP_SUFFIX.sub("", r["where_coordinates"].strip())
        if name and r["latitude"]:
            out.setdefault(name, (float(r["latitude"]), float(r["longitude"])))
    return out


def score_ucdp(csv_path: Path) -> UcdpResult:
    """Each half's precise places (UCDP where_prec 1 or 2) through ``sitrep geocode --country SY``; the held-out
    half is also split as the shared scorer splits it (the same string in the dev half's rows or not)."""
    from ..geo import geocode

    split = split_module()
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    halves: dict[str, list[dict]] = {"dev": [], "heldout": []}
    for r in rows:
        halves[split.half(split.split_key(r["where_coordinates"]))].append(r)
    dev_names = _ucdp_places(halves["dev"], precise=False)
    res = UcdpResult(rows={k: GeoRow() for k in ("dev", "heldout", "heldout_seen", "heldout_unseen")})
    t0 = time.perf_counter()
    for half in ("dev", "heldout"):
        places = _ucdp_places(halves[half], precise=True)
        for name in sorted(places):
            r = geocode(name, "SY")
            groups = [half] + ([f"heldout_{'seen' if name in dev_names else 'unseen'}"] if half == "heldout" else [])
            d = None if r.get("latitude") is None else km((float(r["latitude"]), float(r["longitude"])), places[name])
            for gname in groups:
                g = res.rows[gname]
                g.places += 1
                if d is not None:
                    g.resolved += 1
                    g.within_5 += d <= 5
                    g.within_25 += d <= 25
    res.seconds = time.perf_counter() - t0
    return res
