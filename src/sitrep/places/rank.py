"""The candidate ranker: features of (mention, candidate place, document context) and a logistic regression over
them, trained by ``scripts/train_place_ranker.py`` (model file ``places/ranker.json``, shipped in the package).

Why a logistic regression: a few dozen features, a few thousand training mentions; it cross-validates as well as
gradient boosting here (``docs/EVALUATION.md``), its weights can be read and checked by an analyst, its model file is
a short JSON (no pickle), and scoring is a dot product (no scikit-learn at run time).
"""
from __future__ import annotations

import functools
import json
import math
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .store import Candidate, Place

KINDS = {
    "country": "country", "continent": "region", "admin1": "admin1", "district": "district",
    "subdistrict": "district", "city": "city", "town": "town", "village": "village", "neighbourhood": "neighbourhood",
    "region": "region", "desert": "region", "mountain": "region", "river": "region",
}
KIND_NAMES = ["country", "admin1", "district", "city", "town", "village", "neighbourhood", "region", "poi"]
MATCHES = ["exact", "alternate", "case", "demonym", "loose", "fuzzy"]
SOURCES = ["geonames", "ocha", "ucdp", "curated", "user"]

FEATURES = (
    [f"match_{m}" for m in MATCHES] + ["similarity", "logpop", "pop_is_max", "pop_gap"]
    + [f"kind_{k}" for k in KIND_NAMES] + [f"src_{s}" for s in SOURCES]
    + ["country_share", "country_named", "admin1_named", "near_50", "near_300", "log_dist", "anchor_in",
       "anchor_out", "n_cands", "same_place_sources", "loose_beside_exact", "near_share", "unit_of_namesake",
       "dist_is_min", "dist_gap", "alt_beside_current", "alt_over_current", "pop_is_max_own", "pop_gap_own", "loose_ucdp", "sim_gap",
       "sources_agree"]
)


def source_of(p: Place) -> str:
    s = p.source
    if s.startswith("UNCS/OCHA"):
        return "ocha"
    if s.startswith("UCDP"):
        return "ucdp"
    if s.startswith(("Sitrep", "Wikipedia", "GeoNames/countryinfo")) or "admin1.tsv" in s:
        return "curated"
    if s.startswith("GeoNames"):
        return "geonames"
    return "user"


def kind_of(p: Place) -> str:
    return KINDS.get(p.feature, "poi")


@dataclass
class Context:
    """What the document says around a mention: country shares, admin1 areas and countries named, the points of
    its other places, and the anchor this mention is tied to ("X, Louisiana", "X near Y", "75 km east of Y")."""
    country_share: dict[str, float] = field(default_factory=dict)
    countries_named: set[str] = field(default_factory=set)
    admin1_named: set[tuple[str, str]] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    anchor: Optional[tuple[list[Place], Optional[float]]] = None  # (anchor candidates, radius km or None)


def _in_anchor(p: Place, anchor: tuple[list[Place], Optional[float]]) -> bool:
    places, radius = anchor
    for a in places:
        if radius is not None:
            if p.km_to(a) <= radius:
                return True
        elif a.feature == "country":
            if p.country == a.country:
                return True
        elif a.feature in ("admin1", "district"):
            if p.country == a.country and (p.admin1 == a.admin1 or p.km_to(a) <= 100):
                return True
        elif p.km_to(a) <= 60:
            return True
    return False


def features(cands: list[Candidate], ctx: Optional[Context] = None) -> list[list[float]]:
    ctx = ctx or Context()
    if not cands:
        return []
    # a unit that shares its name with a town inside it (Kharkiv oblast, Alexandria governorate, Homs governorate)
    # weighs as much as that town: its own population sums its towns', so it would always look the largest
    namesakes = [_namesakes(c, cands) for c in cands]
    logpops = [math.log10(max([c.place.population] if not n else [o.place.population for o in n]) + 1) / 7
               for c, n in zip(cands, namesakes)]
    # a name some candidate bears as its own ("Pokrovsk", Ukraine) and another as an alternate or former name
    # (Engels, once Pokrovsk): the alternate's place is compared as if ten times smaller, so the current name
    # wins at similar population and a far bigger place still wins by its other name
    currents = [c.place for c in cands if c.match in ("exact", "case")]
    own_pops = [lp - ALT_DISCOUNT if _alt_beside(c, currents) else lp for c, lp in zip(cands, logpops)]
    top, top_own = max(logpops), max(own_pops)
    any_exact = any(c.match in ("exact", "alternate", "case") for c in cands)
    # distance to the document's other places, compared among the candidates (as population is): the nearest
    # candidate, and how much farther each other one lies
    per = _distances(cands, ctx.points)  # each distance once
    dists = [min(ds, default=None) for ds in per]
    dmin = min((d for d in dists if d is not None), default=None)
    sim_top = max(c.similarity for c in cands)
    out = []
    for c, lp, op, named, d, ds in zip(cands, logpops, own_pops, namesakes, dists, per):
        p = c.place
        v = [float(c.match == m) for m in MATCHES]
        v += [c.similarity, lp, float(lp == top and lp > 0), top - lp]
        k = kind_of(p)
        v += [float(k == n) for n in KIND_NAMES]
        s = source_of(p)
        v += [float(s == n) for n in SOURCES]
        v += [ctx.country_share.get(p.country, 0.0), float(p.country in ctx.countries_named),
              float((p.country, p.admin1 or "") in ctx.admin1_named),
              float(d is not None and d <= 50), float(d is not None and d <= 300),
              math.log1p(d) / 10 if d is not None else 1.0]
        if ctx.anchor is not None:
            inside = _in_anchor(p, ctx.anchor)
            v += [float(inside), float(not inside)]
        else:
            v += [0.0, 0.0]
        v += [math.log(len(cands)) / 5]
        v += [min(3, sum(1 for o in cands if o is not c and o.place.country == p.country
                         and abs(o.place.latitude - p.latitude) < 0.05 and abs(o.place.longitude - p.longitude) < 0.05)) / 3]
        v += [float(c.match in ("loose", "fuzzy") and any_exact)]  # a near-spelling beside a name spelled so
        # the share of the document's other places within 50 km: where most of the story is, not its one far place
        v += [sum(1 for x in ds if x <= 50) / len(ctx.points) if ctx.points else 0.0]
        v += [float(bool(named))]
        v += [float(d is not None and d <= dmin + 1.0 and len(cands) > 1),
              (math.log1p(d) - math.log1p(dmin)) / 10 if d is not None else 0.0]
        v += _kind_features(c, cands, currents, sim_top, float(op == top_own and lp > 0), top_own - op)
        out.append(v)
    return out


ALT_DISCOUNT = 1 / 7  # one order of magnitude on the logpop scale (log10(population + 1) / 7)


def _alt_beside(c: Candidate, currents: list[Place]) -> bool:
    """``c`` is found by an alternate name that another place of known population, more than 5 km away, bears as
    its own (a namesake of unknown population, most of OCHA's villages, cannot be said to be of similar size)."""
    return c.match == "alternate" and any(o.population > 0 and o.km_to(c.place) > 5.0 for o in currents)


def _kind_features(c: Candidate, cands: list[Candidate], currents: list[Place], sim_top: float,
                   pop_is_max_own: float, pop_gap_own: float) -> list[float]:
    """How the name was found, weighed against the other candidates: an alternate (often former or foreign) name
    while another place bears it as its current name ("Pokrovsk": Engels' former name, Ukraine's Pokrovsk's
    own), and whether it is then the bigger place; the largest place when an alternate's place counts ten times
    smaller (``pop_is_max_own``, ``pop_gap_own``: :data:`ALT_DISCOUNT`); a near-spelling of a UCDP record
    (another event's place string, not a gazetteer's name); how much closer the best spelling among the
    candidates is; how many other sources hold a place within 5 km. Which model uses which is the training
    script's choice (``TEXT_WITHOUT``, ``GEOCODE_WITHOUT``)."""
    p = c.place
    others = [o for o in currents if o.km_to(p) > 5.0] if c.match == "alternate" else []
    # the bigger namesake by another name: population alone would give it the name
    over = float(bool(others) and p.population > max(o.population for o in others))
    near = {source_of(o.place) for o in cands if o is not c and o.place.country == p.country
            and abs(o.place.latitude - p.latitude) < 0.05 and abs(o.place.longitude - p.longitude) < 0.05}
    near.discard(source_of(p))
    return [float(bool(others)), over, pop_is_max_own, pop_gap_own,
            float(c.match in ("loose", "fuzzy") and source_of(p) == "ucdp"), sim_top - c.similarity,
            min(3, len(near)) / 3]


def _distances(cands: list[Candidate], points: list[tuple[float, float]]) -> list[list[float]]:
    """:func:`sitrep.places.store.km` from each candidate to each point, the same operations in the same order
    (so the same floats), with each latitude's radians and cosine worked out once."""
    if not points:
        return [[] for _ in cands]
    rad, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt
    uniq = list(dict.fromkeys(points))  # a place the document names several times: its point once
    qs = [(rad(q[0]), cos(rad(q[0])), q[1]) for q in uniq]
    out = []
    for c in cands:
        lat, lon = c.place.latitude, c.place.longitude
        p1 = rad(lat)
        c1 = cos(p1)
        ds = [12742.0 * asin(sqrt(min(1.0, sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin(rad(q1 - lon) / 2) ** 2)))
              for p2, c2, q1 in qs]
        if len(uniq) < len(points):
            by_point = dict(zip(uniq, ds))
            ds = [by_point[q] for q in points]
        out.append(ds)
    return out


def _namesakes(c: Candidate, cands: list[Candidate]) -> list[Candidate]:
    """The towns inside unit ``c`` (admin1 or district) that other candidates of the same name are."""
    p = c.place
    if kind_of(p) not in ("admin1", "district") or c.match not in _NAME_MATCHES:
        return []
    return [o for o in cands if o is not c and kind_of(o.place) in ("city", "town", "village")
            and o.place.country == p.country and o.place.admin1 == p.admin1 and o.match in _NAME_MATCHES]


@dataclass
class Model:
    weights: list[float]
    bias: float
    meta: dict

    def scores(self, rows: list[list[float]]) -> list[float]:
        out = []
        for r in rows:
            z = self.bias + sum(map(operator.mul, self.weights, r))  # the same products, summed in the same order
            out.append(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


MODEL_PATH = Path(__file__).with_name("ranker.json")

# Used only until ``scripts/train_place_ranker.py`` has written ranker.json: exact names, big places, the
# document's country and anchors.
_DEFAULT = {
    "match_exact": 2.0, "match_alternate": 1.5, "match_case": 2.0, "match_demonym": 1.5, "match_loose": 0.5,
    "similarity": 2.0, "logpop": 3.0, "pop_is_max": 1.0, "pop_gap": -2.0, "kind_country": 2.5, "kind_admin1": 1.5,
    "kind_city": 0.5, "src_curated": 0.5, "src_ucdp": 0.5, "country_share": 3.0, "country_named": 1.0,
    "admin1_named": 1.0, "near_50": 1.0, "near_300": 0.5, "log_dist": -1.0, "anchor_in": 2.0, "anchor_out": -2.0,
}


# a name given alone (``sitrep geocode``) is ranked by its own model: trained on names as geocode sees them, so
# running text keeps the model above (``scripts/train_place_ranker.py`` writes both)
GEOCODE_MODEL_PATH = Path(__file__).with_name("ranker_geocode.json")


@functools.lru_cache(maxsize=1)
def model() -> Model:
    return _load(MODEL_PATH)


@functools.lru_cache(maxsize=1)
def geocode_model() -> Model:
    return _load(GEOCODE_MODEL_PATH) if GEOCODE_MODEL_PATH.exists() else model()


def _load(path: Path) -> Model:
    if path.exists():
        d = json.loads(path.read_text(encoding="utf-8"))
        w = dict(zip(d["features"], d["weights"]))
        return Model([float(w.get(f, 0.0)) for f in FEATURES], float(d["bias"]), d.get("meta") or {})
    return Model([_DEFAULT.get(f, 0.0) for f in FEATURES], -5.0, {"default": True})


def rank(cands: list[Candidate], ctx: Optional[Context] = None, m: Optional[Model] = None
         ) -> list[tuple[Candidate, float]]:
    """Candidates best first, each with the model's probability that it is the place meant (``m``: another
    model than the running text's, :func:`geocode_model`).

    The same candidates are ranked in the same context many times over one document (recognition, resolution,
    the story's country and focus, extraction's choices): the answer depends on their values only, so it is
    remembered (by the model, up to ``MEMO_SIZE`` answers, then anew) as positions and probabilities and given back with
    the caller's own objects."""
    if not cands:
        return []
    m = m or model()
    memo = m.__dict__.setdefault("_memo", {})  # a model loaded anew (a retraining) ranks anew
    k = (tuple(cands), _context_key(ctx))
    hit = memo.get(k)
    if hit is None:
        order = {id(c): i for i, c in enumerate(cands)}
        hit = tuple((order[id(c)], p) for c, p in _rank(m, cands, ctx))
        if len(memo) >= MEMO_SIZE:
            memo.clear()  # as the candidates' and the loose keys' memos do
        memo[k] = hit
    return [(cands[i], p) for i, p in hit]


MEMO_SIZE = 20_000


def _context_key(ctx: Optional[Context]) -> Optional[tuple]:
    """Everything of ``ctx`` the features read, as a hashable value."""
    if ctx is None:
        return None
    return (frozenset(ctx.country_share.items()), frozenset(ctx.countries_named), frozenset(ctx.admin1_named),
            tuple(ctx.points), None if ctx.anchor is None else (tuple(ctx.anchor[0]), ctx.anchor[1]))


def _rank(m: Model, cands: list[Candidate], ctx: Optional[Context]) -> list[tuple[Candidate, float]]:
    scored = list(zip(cands, m.scores(features(cands, ctx))))
    scored.sort(key=lambda cs: (-cs[1], cs[0].place.name, cs[0].place.latitude))
    # several records of one place (curated, GeoNames, UCDP, OCHA within 3 km of each other under the same name):
    # the best-kept record stands for it, so every mention of the place lands on the same point
    top, prob = scored[0]
    same = [cs for cs in scored if cs[0].place.country == top.place.country and cs[0].match in _NAME_MATCHES
            and top.match in _NAME_MATCHES and cs[0].place.km_to(top.place) <= 3.0
            and (kind_of(cs[0].place) == kind_of(top.place)
                 or not {kind_of(cs[0].place), kind_of(top.place)} & {"country", "admin1", "region", "district"})]
    if not same:
        return scored
    rep = min(same, key=lambda cs: (_SOURCE_ORDER.get(source_of(cs[0].place), 9), -cs[0].place.population,
                                    cs[0].place.name, cs[0].place.latitude))
    if rep is not scored[0]:
        scored.remove(rep)
        scored.insert(0, (rep[0], prob))
    return scored


_NAME_MATCHES = {"exact", "alternate", "case"}
_SOURCE_ORDER = {"curated": 0, "geonames": 1, "ucdp": 2, "ocha": 3, "user": 4}
