"""Geoparsing evaluation on GeoWebNews (Gritta et al. 2019), Sitrep beside a naive peer in the same run.

Gold sets:
- ``toponyms``: the 2,720 toponyms, every annotation type but Literal_Expression, Non_Lit_Expression and
  Non_Toponym (descriptions like "the city", not names); ``literal``: the 1,456 literal ones of those (Literal,
  Literal_Modifier, Coercion, Mixed, Embedded_Literal);
- ``all``: every annotation not marked non-locational (the figure Sitrep reported before, kept for comparison).

Recall: gold spans overlapped by a prediction; precision: predictions overlapping a gold span of the set;
accuracy: recognised gold toponyms with coordinates whose predicted point lies within 161 km. The peer is spaCy's
GPE/LOC/FAC entities, each resolved to the most populous place of that exact name in the same gazetteer.
Documents are also split as ``sitrep.devsplit.part`` splits them (article id): the ranker is trained on the read part.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .devsplit import part

EXCLUDED = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}
LITERAL = {"Literal", "Literal_Modifier", "Coercion", "Mixed", "Embedded_Literal"}
SETS = ("toponyms", "literal", "all")


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    on_gold: int = 0
    recalled: int = 0
    with_coords: int = 0
    within_161km: int = 0

    def cells(self) -> str:
        p = self.on_gold / self.predicted if self.predicted else 0.0
        r = self.recalled / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        a = self.within_161km / self.with_coords if self.with_coords else 0.0
        return (f"{self.gold} | {100 * r:.1f}% | {100 * p:.1f}% | {100 * f:.1f}% | "
                f"{self.within_161km}/{self.with_coords} ({100 * a:.1f}%)")


@dataclass
class GeoWebNewsResult:
    articles: dict = field(default_factory=lambda: {"whole": 0, "read": 0, "unread": 0})
    scores: dict = field(default_factory=dict)  # (system, set, part) -> Score

    def get(self, system: str, gset: str, prt: str) -> Score:
        return self.scores.setdefault((system, gset, prt), Score())

    def markdown(self) -> str:
        out = ["| system | gold set | part | gold | recall | precision | F1 | within 161 km of recognised |",
               "|---|---|---|---|---|---|---|---|"]
        for gset in SETS:
            for prt in ("whole", "read", "unread"):
                for system in ("Sitrep", "naive peer"):
                    out.append(f"| {system} | {gset} | {prt} ({self.articles[prt]} articles) | "
                               f"{self.get(system, gset, prt).cells()} |")
        return "\n".join(out)


def _peer(text: str, doc) -> list[dict]:
    from .places.store import store

    out = []
    for e in doc.ents:
        if e.label_ not in ("GPE", "LOC", "FAC"):
            continue
        cands = [c for c in store().exact(e.text) if c.match != "demonym"]
        row = {"start": e.start_char, "end": e.end_char, "latitude": None, "longitude": None}
        if cands:
            p = max(cands, key=lambda c: (c.place.population, c.place.feature == "country")).place
            row.update(latitude=p.latitude, longitude=p.longitude)
        out.append(row)
    return out


def _score(sc: Score, gold: list, pred: list[dict]) -> None:
    from .places.store import km

    sc.gold += len(gold)
    sc.predicted += len(pred)
    sc.on_gold += sum(any(p["start"] < ge and gs < p["end"] for gs, ge, _ in gold) for p in pred)
    used: set[int] = set()
    for gs, ge, coords in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and p["start"] < ge and gs < p["end"]), None)
        if hit is None:
            continue
        used.add(hit)
        sc.recalled += 1
        if coords is not None:
            sc.with_coords += 1
            p = pred[hit]
            if p["latitude"] is not None:
                sc.within_161km += km(coords, (p["latitude"], p["longitude"])) <= 161


def score_geowebnews(xml_path: Path) -> GeoWebNewsResult:
    from .annotate import english
    from .places import geoparse

    nlp = english()
    res = GeoWebNewsResult()
    for art in ET.parse(xml_path).getroot().iter("article"):
        text = art.findtext("text") or ""
        prt = part(art.get("file"))
        golds: dict[str, list] = {s: [] for s in SETS}
        for t in art.iter("toponym"):
            ty = t.findtext("type") or ""
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            g = (int(t.findtext("start")), int(t.findtext("end")), (float(lat), float(lon)) if lat and lon else None)
            if ty not in EXCLUDED:
                golds["toponyms"].append(g)
            if ty in LITERAL:
                golds["literal"].append(g)
            if (t.findtext("nonLocational") or "").strip().lower() != "yes":
                golds["all"].append(g)
        doc = nlp(text)
        preds = {"Sitrep": geoparse(text, nlp=lambda _t, _d=doc: _d), "naive peer": _peer(text, doc)}
        for p in ("whole", prt):
            res.articles[p] += 1
            for system, pred in preds.items():
                for gset, gold in golds.items():
                    _score(res.get(system, gset, p), gold, pred)
    return res
