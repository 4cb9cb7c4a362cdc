#!/usr/bin/env python3
"""Train the place ranker (``src/sitrep/places/ranker.json``) on development data, deterministically:

    .venv/bin/python scripts/train_place_ranker.py --data ../shared/data [--cv 5]

Examples (one group of candidates per mention, the right one labelled 1):
- GeoWebNews (``geowebnews/GWN.xml``), READ documents only (``sitrep.devsplit.part`` of the article's id): each gold
  toponym the recogniser finds, its candidates in the document's context; the right candidate is the one with the
  gold GeoNames id, else the nearest within 161 km.
- UCDP GED 2016-2017 (``ucdp-ged-syria-2016-2017.csv``), READ half of the place strings (the build script's split):
  each precise place string as ``sitrep geocode --country SY`` sees it, once with and once without the UCDP-derived
  rows (so the model learns names it has never seen too); the right candidate is the nearest within 5 km.

A logistic regression (scikit-learn, only to train) is fitted in two rounds: the second sees the document's other
places where the first put them, as the geoparser does. Cross-validated accuracy (folds by document and by place
name, never a mention of the same group on both sides) and the accuracy on GeoWebNews' UNREAD documents are
printed and written into the model's ``meta``.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sitrep.devsplit import part  # noqa: E402
import sitrep.places.rank  # noqa: E402,F401
rank_mod = sys.modules["sitrep.places.rank"]
from sitrep.places import geocode_candidates  # noqa: E402
from sitrep.places.candidates import candidates  # noqa: E402
from sitrep.places.rank import FEATURES, Context, features  # noqa: E402
from sitrep.places.recognise import recognise  # noqa: E402
from sitrep.places.resolve import contexts  # noqa: E402
from sitrep.places.store import km  # noqa: E402

GOLD_TYPES_EXCLUDED = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}


def gwn_articles(path: Path):
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            if (t.findtext("type") or "") in GOLD_TYPES_EXCLUDED:
                continue
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gold.append((int(t.findtext("start")), int(t.findtext("end")),
                         (float(lat), float(lon)) if lat and lon else None, (t.findtext("geonamesID") or "").strip()))
        yield art.get("file"), text, gold


def label(cands, coords, gid, radius, every: bool = False):
    """The right candidate: the gold GeoNames id, else the nearest within ``radius``. ``every``: all candidates
    within ``radius`` (and the gold id) are right, as the scorers count a point (several records of one place, or
    a village and its namesake 2 km away, are each a right answer); a tuple of indices, or None."""
    if every:
        right = tuple(i for i, c in enumerate(cands) if (gid and c.place.ref == f"geonameid {gid}")
                      or km((c.place.latitude, c.place.longitude), coords) <= radius)
        return right or None
    for i, c in enumerate(cands):
        if gid and c.place.ref == f"geonameid {gid}":
            return i
    best = min(range(len(cands)), key=lambda i: km((cands[i].place.latitude, cands[i].place.longitude), coords),
               default=None)
    if best is not None and km((cands[best].place.latitude, cands[best].place.longitude), coords) <= radius:
        return best
    return None


def _right(g) -> tuple:
    return g["y"] if isinstance(g["y"], tuple) else (g["y"],)


def gwn_groups(path: Path, which: str, picks_model=None):
    from sitrep.annotate import english

    nlp = english()
    out = []
    for aid, text, gold in gwn_articles(path):
        if part(aid) != which:
            continue
        ents = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
        mentions = recognise(text, ents)
        picks = None
        if picks_model is not None:
            ctx0 = contexts(text, mentions, None)
            picks = []
            for m, ctx in zip(mentions, ctx0):
                if not m.candidates:
                    picks.append(None)
                    continue
                s = picks_model.scores(features(m.candidates, ctx))
                picks.append(m.candidates[max(range(len(s)), key=s.__getitem__)].place)
        ctxs = contexts(text, mentions, picks)
        for m, ctx in zip(mentions, ctxs):
            g = next((g for g in gold if g[0] < m.end and m.start < g[1] and g[2] is not None), None)
            if g is None or not m.candidates:
                continue
            y = label(m.candidates, g[2], g[3], 161)
            if y is None:
                continue
            out.append({"group": f"gwn:{aid}", "X": features(m.candidates, ctx), "y": y,
                        "gold": g[2], "cands": m.candidates})
    return out


def ucdp_groups(path: Path, which: str, views=("text", "text unseen"), every: bool = False):
    """Each precise place string of one half, as ``views`` see it: "text", as the event resolver weighs a name in a
    story (near-spellings beside the exact names), "geocode", as ``sitrep geocode --country SY`` does; each also
    "unseen" (without the UCDP records: for text, all of them; for geocode, the string's own, as if the index
    lacked them; the other strings' records stay, as they do for a name of a later year). ``every``: every
    candidate within 5 km is right (the scorer's measure), else the nearest."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_gazetteer as bg

    places: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["where_prec"] not in ("1", "2") or not r["latitude"]:
                continue
            k = bg.split_key(r["where_coordinates"])
            if ("read" if bg.half(k) == "dev" else "unread") != which:
                continue
            name = bg.SUFFIX_RE.sub("", r["where_coordinates"].strip())
            places.setdefault(name, (float(r["latitude"]), float(r["longitude"])))
    out = []
    ctx = Context(country_share={"SY": 1.0})

    def own(c) -> bool:  # the string's own UCDP records: found by its name
        return c.place.source.startswith("UCDP") and c.match in ("exact", "alternate", "case")

    for name, coords in sorted(places.items()):
        for view in views:
            if view.startswith("geocode"):
                cands = geocode_candidates(name, "SY", drop=own if view == "geocode unseen" else None)
            else:
                cands = candidates(name, "SY", beside=True)  # near-spellings too, as the event resolver weighs them
                if view == "text unseen":
                    cands = [c for c in cands if not c.place.source.startswith("UCDP")]
                    if not cands:
                        from sitrep.places.store import store
                        cands = [c for c in store().loose(name, 0.75) if c.place.country == "SY"
                                 and not c.place.source.startswith("UCDP")]
            if not cands:
                continue
            y = label(cands, coords, "", 5, every=every)
            if y is None:
                continue
            out.append({"group": f"ucdp:{name}", "X": features(cands, ctx), "y": y, "gold": coords, "cands": cands})
    return out


WITHOUT: list[str] = []
# each model's own leave-outs. Running text keeps session 10's features: with the name-kind, spelling-gap and
# source features its CV rose (91.1 -> 92.5%, GeoWebNews unread 161 km 710 -> 715/891) but GVC unread within 25 km
# fell 71.8 -> 70.5 (docs/EVALUATION.md, session 11). Names alone compare population among the places that bear
# the name as their own (an alternate name's place counted ten times smaller): "Pokrovsk" is Ukraine's town, not
# Engels, which was Pokrovsk until 1931
TEXT_WITHOUT = ("alt_beside_current", "alt_over_current", "pop_is_max_own", "pop_gap_own", "loose_ucdp", "sim_gap",
                "sources_agree")
GEOCODE_WITHOUT = ("pop_is_max", "pop_gap")


def fit(groups, without=()):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([row for g in groups for row in g["X"]], dtype=float)
    X[:, [FEATURES.index(f) for f in set(WITHOUT) | set(without)]] = 0.0  # features left out: weight 0
    y = np.array([int(i in _right(g)) for g in groups for i in range(len(g["X"]))])
    clf = LogisticRegression(C=1.0, max_iter=5000)
    clf.fit(X, y)
    return rank_mod.Model([float(w) for w in clf.coef_[0]], float(clf.intercept_[0]), {})


def accuracy(model, groups) -> float:
    right = 0
    for g in groups:
        s = model.scores(g["X"])
        right += max(range(len(s)), key=s.__getitem__) in _right(g)
    return right / len(groups) if groups else 0.0


def cross_validate(groups, k: int, without=()) -> float:
    import hashlib

    folds = [[] for _ in range(k)]
    for g in groups:
        folds[int(hashlib.sha1(g["group"].encode()).hexdigest(), 16) % k].append(g)
    right = total = 0
    for i in range(k):
        train = [g for j, f in enumerate(folds) if j != i for g in f]
        m = fit(train, without)
        right += accuracy(m, folds[i]) * len(folds[i])
        total += len(folds[i])
    return right / total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--out", type=Path, default=rank_mod.MODEL_PATH)
    ap.add_argument("--out-geocode", type=Path, default=rank_mod.GEOCODE_MODEL_PATH)
    ap.add_argument("--without", default="", help="comma-separated features left out (weight 0), to measure them")
    a = ap.parse_args()
    WITHOUT.extend(f for f in a.without.split(",") if f)
    unknown = set(WITHOUT) - set(FEATURES)
    if unknown:
        ap.error(f"unknown features: {sorted(unknown)}")
    gwn = a.data / "geowebnews" / "GWN.xml"
    ucdp = a.data / "ucdp-ged-syria-2016-2017.csv"
    rank_mod.MODEL_PATH = Path("/nonexistent")  # round 1 scores picks with the default weights
    rank_mod.model.cache_clear()
    base = rank_mod.model()
    groups_u = ucdp_groups(ucdp, "read")
    groups_g = gwn_groups(gwn, "read", base)
    m1 = fit(groups_g + groups_u, TEXT_WITHOUT)
    groups_g = gwn_groups(gwn, "read", m1)  # round 2: the other places where round 1 put them
    groups = groups_g + groups_u
    model = fit(groups, TEXT_WITHOUT)
    cv = cross_validate(groups, a.cv, TEXT_WITHOUT)
    cv_g = cross_validate(groups_g, a.cv, TEXT_WITHOUT)
    unread_g = gwn_groups(gwn, "unread", model)
    unread_u = ucdp_groups(ucdp, "unread")
    meta = {
        "trained_on": "GeoWebNews read documents + UCDP GED 2016-2017 read place strings",
        "mentions": len(groups), "gwn_mentions": len(groups_g), "ucdp_groups": len(groups_u),
        "cv_folds": a.cv, "cv_accuracy": round(cv, 4), "cv_accuracy_gwn": round(cv_g, 4),
        "gwn_unread_accuracy": round(accuracy(model, unread_g), 4), "gwn_unread_mentions": len(unread_g),
        "ucdp_unread_accuracy": round(accuracy(model, unread_u), 4), "ucdp_unread_groups": len(unread_u),
        "train_accuracy": round(accuracy(model, groups), 4),
    }
    write(a.out, model, meta)
    # names alone (`sitrep geocode`): the same GeoWebNews mentions, and the UCDP strings as geocode sees them,
    # every candidate within 5 km right; running text keeps the model above
    geo_u = ucdp_groups(ucdp, "read", views=("geocode", "geocode unseen"), every=True)
    geo_groups = groups_g + geo_u
    gmodel = fit(geo_groups, GEOCODE_WITHOUT)
    geo_unread = ucdp_groups(ucdp, "unread", views=("geocode", "geocode unseen"), every=True)
    gmeta = {
        "trained_on": "GeoWebNews read documents + UCDP GED 2016-2017 read place strings as `geocode` sees them "
                      "(every candidate within 5 km right)",
        "mentions": len(geo_groups), "gwn_mentions": len(groups_g), "ucdp_groups": len(geo_u), "cv_folds": a.cv,
        "cv_accuracy": round(cross_validate(geo_groups, a.cv, GEOCODE_WITHOUT), 4),
        "cv_accuracy_ucdp": round(cross_validate(geo_u, a.cv, GEOCODE_WITHOUT), 4),
        "ucdp_unread_accuracy": round(accuracy(gmodel, geo_unread), 4), "ucdp_unread_groups": len(geo_unread),
        "train_accuracy": round(accuracy(gmodel, geo_groups), 4),
    }
    write(a.out_geocode, gmodel, gmeta)
    return 0


def write(path: Path, model, meta: dict) -> None:
    path.write_text(json.dumps({"features": FEATURES, "weights": [round(w, 5) for w in model.weights],
                                "bias": round(model.bias, 5), "meta": meta}, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1))
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
