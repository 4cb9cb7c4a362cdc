"""Score Sitrep on the evaluation sets that need the whole pipeline or a shared scorer's rules.

Each scorer takes paths (nothing needs data inside the repository), runs Sitrep in-process exactly as the
``sitrep run`` / ``sitrep export`` / ``sitrep geocode`` commands do, and returns a result with a Markdown rendering:

* :func:`score_seeds`: seeds-style gold JSON (``shared/gold/seeds.json``) over a folder of articles; the scoring
  rules are those of ``shared/tools/score_events.py``, reimplemented here (the figures must agree with it on the
  same export: ``tests/test_evalsets.py`` runs both);
* :func:`score_fakes`: FA-KES CSV, the article's main event (most fatalities) against its governorate, perpetrator
  class, cause of death and death toll (rules of ``shared/tools/score_fakes.py``);
* :func:`score_ucdp`: UCDP GED place strings geocoded, split as the gazetteer build splits them
  (``scripts/build_gazetteer.py``: the dev half feeds the gazetteer, the held-out half never does), distance to
  UCDP's point (rules of ``shared/tools/score_geocode.py``);
* :func:`score_case`: CASE 2021 task 2 snippets, the event type Sitrep gives each (ACLED sub-event types mapped
  to the task's codes);
* :func:`score_wikievents`: WikiEvents (KAIROS) attack, death and injury events found by Sitrep (trigger inside an
  event's evidence);
* :func:`score_re3d`: re3d Organisation and Location entities recalled by the actor and place rulers.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .export import document_rows, write_jsonl


def pct(a: float, b: float) -> str:
    return f"{100.0 * a / b:.1f}%" if b else "n/a"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def run_and_export(inputs: Iterable[str], work: Path) -> tuple[Path, Path, object]:
    """Run the whole pipeline on ``inputs`` into a fresh store in ``work``; export events and documents as the
    ``sitrep export`` commands do. Returns (events.jsonl, documents.jsonl, run report)."""
    from .pipeline import run
    from .store import Store

    work.mkdir(parents=True, exist_ok=True)
    db = work / "eval.db"
    for f in work.glob("eval.db*"):
        f.unlink()
    store = Store(db)
    report = run(list(inputs), store)
    ev, docs = work / "events.jsonl", work / "documents.jsonl"
    with open(ev, "w", encoding="utf-8", newline="") as f:
        write_jsonl(store.events(), f)
    with open(docs, "w", encoding="utf-8", newline="") as f:
        write_jsonl(document_rows(store), f)
    store.close()
    return ev, docs, report


def _workdir(keep: Optional[Path]):
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return _Keep(keep)
    return tempfile.TemporaryDirectory(prefix="sitrep-eval-")


class _Keep:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> str:
        return str(self.path)

    def __exit__(self, *exc) -> None:
        return None


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# -- seeds-style gold (rules of shared/tools/score_events.py) ---------------------------------------------------
def _norm(s: Optional[str]) -> str:
    s = (s or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def _text_norm(s: Optional[str]) -> str:
    s = (s or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


class _Gold:
    def __init__(self, data: dict):
        self.places = data["places"]
        self.aliases = {k: {_norm(a) for a in v} for k, v in data["actors"].items()}
        self.docs = data["docs"]

    def actor_is(self, key: str, name: str) -> bool:
        n = _norm(name)
        if not n:
            return False
        if n in self.aliases[key]:
            return True
        return any(len(a) >= 4 and re.search(r"\b" + re.escape(a) + r"\b", n) for a in self.aliases[key])

    def place(self, name: str) -> tuple[float, float]:
        p = self.places[name]
        return (p["lat"], p["lon"])


def _actor_names(ev: dict) -> list[str]:
    names = [ev.get("actor1"), ev.get("actor2")]
    for k in ("assoc_actor_1", "assoc_actor_2"):
        v = ev.get(k)
        if isinstance(v, list):
            names += v
        elif v:
            names += [x for x in str(v).split(";")]
    return [n for n in names if n]


def _coords(ev: dict) -> Optional[tuple[float, float]]:
    try:
        lat, lon = ev.get("latitude"), ev.get("longitude")
        if lat is None or lon is None:
            return None
        return (float(lat), float(lon))
    except (TypeError, ValueError):
        return None


def _date_ok(g: dict, pred) -> bool:
    ok = [g["date"]] if g.get("date") else [None]
    ok += g.get("date_ok", [])
    if g.get("date") is None:
        ok.append(None)
    if pred is None:
        return None in ok
    return any(o is not None and str(pred).startswith(o) for o in ok)


def _compatible(gold: _Gold, g: dict, ev: dict) -> bool:
    if ev.get("event_type") not in g["event_type"]:
        return False
    c = _coords(ev)
    if c is not None and _km(c, gold.place(g["place"])) > g.get("tol_km", 5):
        return False
    names = _actor_names(ev)
    return any(gold.actor_is(a, n) for a in g["actors"] for n in names)


def _same_value(a, b) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def _field_checks(gold: _Gold, g: dict, ev: dict) -> dict[str, bool]:
    names = _actor_names(ev)
    c = _coords(ev)
    out = {
        "sub_event_type": ev.get("sub_event_type") in g.get("sub_event_type", [ev.get("sub_event_type")]),
        "actors": all(any(gold.actor_is(a, n) for n in names) for a in g["actors"]),
        "location": c is not None and _km(c, gold.place(g["place"])) <= g.get("tol_km", 5),
        "date": _date_ok(g, ev.get("event_date")),
    }
    if "fatalities" in g:
        out["fatalities"] = ev.get("fatalities") in g["fatalities"]
    for i, cl in enumerate(g.get("claims", [])):
        found = False
        for pc in ev.get("claims") or []:
            who = _norm(pc.get("claimant") or "")
            if any(w in who for w in cl["claimant"]) and _same_value(pc.get("value"), cl["value"]):
                found = True
        out[f"claim{i}"] = found
    if "territory" in g:
        t = ev.get("territory") or {}
        out["territory"] = bool(t) and gold.actor_is(g["territory"]["to"], t.get("to_actor") or "")
    return out


def _forbidden_hit(gold: _Gold, spec: dict, ev: dict) -> bool:
    c = _coords(ev)
    if "event_type" in spec and ev.get("event_type") not in spec["event_type"]:
        return False
    if "unless_date_prefix" in spec and str(ev.get("event_date") or "").startswith(spec["unless_date_prefix"]):
        return False
    if "near" in spec:
        return c is not None and _km(c, gold.place(spec["near"])) <= spec["within_km"]
    if "min_lat" in spec:
        return c is not None and c[0] >= spec["min_lat"]
    if "min_fatalities" in spec:
        return (ev.get("fatalities") or 0) >= spec["min_fatalities"]
    if "actor_text" in spec:
        names = " ".join(_norm(n) for n in _actor_names(ev))
        return any(a in names for a in spec["actor_text"])
    return False


def score_events(gold_path: Path, events_path: Path, docs_path: Path) -> dict:
    """The seeds scorer's report for an export: ``{"docs": {...}, "totals": {...}}``, the same structure and
    figures as ``score_events.py --json``."""
    gold = _Gold(json.loads(Path(gold_path).read_text(encoding="utf-8")))
    events, docs = load_jsonl(events_path), load_jsonl(docs_path)
    doc_key = {}
    for d in docs:
        base = Path(str(d.get("path") or "")).name
        if base in gold.docs:
            doc_key[d["doc_id"]] = base
    report: dict = {"docs": {}, "totals": {}}
    T = dict(required=0, found_required=0, optional_found=0, predicted=0, split=0, junk=0, unexplained=0,
             wrong_dates=0, boiler_total=0, boiler_removed=0, keep_total=0, keep_kept=0)
    fields: dict[str, list[int]] = {}
    for key, gd in gold.docs.items():
        doc_ids = [i for i, k in doc_key.items() if k == key]
        preds = [e for e in events if any(s.get("doc_id") in doc_ids for s in e.get("sources") or [])]
        T["predicted"] += len(preds)
        junk = {}
        for pi, ev in enumerate(preds):
            why = [s["why"] for s in gd.get("forbidden", []) if _forbidden_hit(gold, s, ev)]
            if why:
                junk[pi] = why[0]
        pairs = []
        for gi, g in enumerate(gd["events"]):
            for pi, ev in enumerate(preds):
                if pi not in junk and _compatible(gold, g, ev):
                    f = _field_checks(gold, g, ev)
                    pairs.append((sum(f.values()), gi, pi, f))
        pairs.sort(key=lambda x: -x[0])
        used_g, used_p, matches = set(), set(), []
        for s, gi, pi, f in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            matches.append((gi, pi, f))
        split = {pi for s, gi, pi, f in pairs if pi not in used_p}
        dr: dict = {"matched": [], "missed_required": [], "junk": [], "unexplained": [], "split": len(split)}
        for gi, pi, f in matches:
            g = gd["events"][gi]
            dr["matched"].append({"gold": g["id"], "event_id": preds[pi].get("event_id"), "fields": f})
            if g["required"]:
                T["found_required"] += 1
            else:
                T["optional_found"] += 1
            for k, v in f.items():
                k2 = "claims" if k.startswith("claim") else k
                fields.setdefault(k2, [0, 0])
                fields[k2][0] += int(bool(v))
                fields[k2][1] += 1
            if preds[pi].get("event_date") is not None and not f["date"]:
                T["wrong_dates"] += 1
        for gi, g in enumerate(gd["events"]):
            T["required"] += int(g["required"])
            if g["required"] and gi not in used_g:
                dr["missed_required"].append(g["id"])
        for pi, ev in enumerate(preds):
            if pi in used_p:
                continue
            if pi in junk:
                dr["junk"].append({"event_id": ev.get("event_id"), "why": junk[pi]})
            elif pi not in split:
                dr["unexplained"].append({"event_id": ev.get("event_id"), "type": ev.get("sub_event_type"),
                                          "location": ev.get("location"), "actors": _actor_names(ev)})
        T["split"] += len(split)
        T["junk"] += len(dr["junk"])
        T["unexplained"] += len(dr["unexplained"])
        text = " ".join(_text_norm(d.get("text")) for d in docs if d["doc_id"] in doc_ids)
        dr["boilerplate_left"] = [b for b in gd["boilerplate"] if not doc_ids or _text_norm(b) in text]
        dr["keep_lost"] = [k for k in gd["keep"] if _text_norm(k) not in text]
        T["boiler_total"] += len(gd["boilerplate"])
        T["boiler_removed"] += len(gd["boilerplate"]) - len(dr["boilerplate_left"])
        T["keep_total"] += len(gd["keep"])
        T["keep_kept"] += len(gd["keep"]) - len(dr["keep_lost"])
        dr["document_found"] = bool(doc_ids)
        report["docs"][key] = dr
    good = T["found_required"] + T["optional_found"] + T["split"]
    T["precision"] = round(good / T["predicted"], 3) if T["predicted"] else 0.0
    T["fields"] = {k: f"{a}/{b}" for k, (a, b) in sorted(fields.items())}
    report["totals"] = T
    return report


def events_summary(T: dict) -> str:
    """The one-line summary ``score_events.py`` prints."""
    f = " ".join(f"{k}={v}" for k, v in T["fields"].items())
    return (f"required {T['found_required']}/{T['required']} precision {T['precision']} junk {T['junk']} "
            f"unexplained {T['unexplained']} wrong_dates {T['wrong_dates']} boilerplate_removed "
            f"{T['boiler_removed']}/{T['boiler_total']} text_kept {T['keep_kept']}/{T['keep_total']} | {f}")


@dataclass
class SeedsResult:
    report: dict
    events_path: Path
    docs_path: Path

    def markdown(self) -> str:
        T = self.report["totals"]
        rows = ["| measure | score |", "|---|---|",
                f"| required events found | {T['found_required']}/{T['required']} |",
                f"| precision (matched or split / predicted) | {T['precision']} ({T['predicted']} predicted) |",
                f"| junk / unexplained events | {T['junk']} / {T['unexplained']} |",
                f"| wrong dates | {T['wrong_dates']} |",
                f"| boilerplate removed | {T['boiler_removed']}/{T['boiler_total']} |",
                f"| article text kept | {T['keep_kept']}/{T['keep_total']} |"]
        rows += [f"| field: {k} | {v} |" for k, v in T["fields"].items()]
        return "\n".join(rows) + "\n\n    " + events_summary(T)

    def failures(self) -> list[str]:
        out = []
        for k, d in self.report["docs"].items():
            out += [f"{k}: missed {g}" for g in d["missed_required"]]
            out += [f"{k}: junk {j['why']}" for j in d["junk"]]
            out += [f"{k}: unexplained {u['type']} at {u['location']}" for u in d["unexplained"]]
            out += [f"{k}: boilerplate left: {b[:70]}" for b in d["boilerplate_left"]]
            out += [f"{k}: text lost: {t[:70]}" for t in d["keep_lost"]]
        return out


def score_seeds(gold_path: Path, docs_dir: Path, keep: Optional[Path] = None) -> SeedsResult:
    """Run the pipeline on ``docs_dir`` into a fresh store, export, score against the seeds-style gold."""
    if not Path(docs_dir).exists():
        raise FileNotFoundError(f"{docs_dir}: no such folder")
    with _workdir(keep) as work:
        ev, docs, _ = run_and_export([str(docs_dir)], Path(work))
        rep = score_events(gold_path, ev, docs)
        return SeedsResult(rep, ev, docs)


# -- FA-KES (rules of shared/tools/score_fakes.py) ----------------------------------------------------------------
GOV = {  # FA-KES location -> accepted admin1 spellings, and a point inside
    "aleppo": (["aleppo", "halab"], (36.20, 37.16)),
    "damascus": (["damascus", "dimashq", "rif dimashq", "rural damascus", "damascus countryside", "reef dimashq",
                  "rif dimashq governorate"], (33.51, 36.29)),
    "idlib": (["idlib", "idleb"], (35.93, 36.63)),
    "deir ezzor": (["deir ez-zor", "deir ezzor", "deir ez zor", "dayr az zawr", "deir al-zour", "deir el-zour",
                    "deir al zour"], (35.33, 40.14)),
    "raqqa": (["raqqa", "ar raqqah", "al-raqqa", "raqqah"], (35.95, 39.01)),
    "homs": (["homs", "hims"], (34.73, 36.71)),
    "hasakeh": (["hasakeh", "al-hasakah", "al hasakah", "hasaka", "hasakah", "al-hasakeh"], (36.50, 40.75)),
    "hama": (["hama", "hamah"], (35.13, 36.75)),
    "daraa": (["daraa", "dar'a", "deraa"], (32.62, 36.10)),
    "lattakia": (["latakia", "lattakia", "al ladhiqiyah", "latakia governorate"], (35.52, 35.78)),
    "quneitra": (["quneitra", "al qunaytirah", "qunaitra"], (33.13, 35.82)),
    "tartous": (["tartus", "tartous"], (34.89, 35.89)),
}
PERPETRATOR = {
    "syrian government or russian troops": ["military forces of syria", "syrian regime", "regime", "syrian government",
                                            "syrian army", "syrian arab army", "assad", "pro-government", "loyalist",
                                            "government of syria", "military forces of russia", "russia", "russian",
                                            "national defence forces"],
    "the organization of the islamic state in iraq and the levant - isis": ["islamic state", "isis", "isil", "daesh",
                                                                            "is"],
    "international coalition forces": ["coalition", "military forces of the united states", "united states", "us-led",
                                       "american", "operation inherent resolve", "military forces of france",
                                       "military forces of the united kingdom"],
    "armed opposition groups": ["free syrian army", "fsa", "rebel", "opposition", "jaish al-islam", "jaysh al-islam",
                                "ahrar al-sham", "faylaq al-rahman", "militants", "terrorist"],
    "self administration forces": ["syrian democratic forces", "sdf", "ypg", "kurdish", "people's protection units",
                                   "asayish"],
    "al-nusra front": ["nusra", "fateh al-sham", "fath al-sham", "tahrir al-sham", "hts"],
}
CAUSE = {
    "shelling": {"Shelling/artillery/missile attack", "Air/drone strike"},
    "explosion": {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"},
    "chemical and toxic gases": {"Chemical weapon"},
    "shooting": {"Armed clash", "Attack"},
    "execution": {"Attack"},
}


def _fnorm(s: Optional[str]) -> str:
    s = (s or "").lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", s)).strip()


def perpetrator_class(name: Optional[str]) -> Optional[str]:
    n = _fnorm(name)
    for cls, keys in PERPETRATOR.items():
        for k in keys:
            if (len(k) <= 3 and re.search(r"\b" + re.escape(k) + r"\b", n)) or (len(k) > 3 and k in n):
                return cls
    return None


def governorate_ok(gold: str, ev: dict) -> bool:
    names, _ = GOV[gold]
    a = _fnorm(ev.get("admin1"))
    if a and any(a == x or a.startswith(x) or x in a for x in names):
        return True
    try:
        c = (float(ev["latitude"]), float(ev["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False
    return min(GOV, key=lambda g: _km(c, GOV[g][1])) == gold


@dataclass
class FakesResult:
    articles: int = 0
    events: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    errors: int = 0

    def figures(self) -> dict:
        c, n = self.counts, self.articles
        return {"articles": n, "events": self.events, "no_event": pct(c["no_event"], n), "governorate": pct(c["gov"], n),
                "perpetrator": pct(c["actor"], c["actor_n"]), "cause": pct(c["cause"], c["cause_n"]),
                "deaths_exact": pct(c["fat_exact"], c["fat_n"]), "deaths_within_20pct": pct(c["fat_close"], c["fat_n"]),
                "articles_per_s": round(n / self.seconds, 2) if self.seconds else None}

    def markdown(self) -> str:
        f, c = self.figures(), self.counts
        return "\n".join([
            "| measure | Sitrep | over |", "|---|---|---|",
            f"| no event | {f['no_event']} | {self.articles} articles |",
            f"| governorate | {f['governorate']} | {self.articles} articles |",
            f"| perpetrator class | {f['perpetrator']} | {c['actor_n']} articles with a known perpetrator |",
            f"| cause | {f['cause']} | {c['cause_n']} articles with a known cause |",
            f"| deaths exact | {f['deaths_exact']} | {c['fat_n']} articles with deaths |",
            f"| deaths within 20% | {f['deaths_within_20pct']} | {c['fat_n']} articles with deaths |",
            f"| speed | {f['articles_per_s']} articles/s (pipeline in one process, model load excluded) | |"])


def fakes_articles(csv_path: Path, limit: Optional[int] = None) -> list[dict]:
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


def score_fakes(csv_path: Path, limit: Optional[int] = None, keep: Optional[Path] = None) -> FakesResult:
    """FA-KES articles as ``score_fakes.py`` feeds them (title, blank line, body; no publication date), each
    article's main event = its event with the most fatalities (the first if tied)."""
    rows = fakes_articles(csv_path, limit)
    res = FakesResult(articles=len(rows))
    with _workdir(keep) as work:
        inp = Path(work) / "articles.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["unit_id"], "title": r["article_title"], "outlet": r["source"],
                                    "text": r["article_title"] + "\n\n" + r["article_content"]}, ensure_ascii=False) + "\n")
        from .annotate import english
        english()
        t0 = time.perf_counter()
        ev_path, docs_path, report = run_and_export([str(inp)], Path(work))
        res.seconds = time.perf_counter() - t0
        res.errors = len(report.errors)
        docs = load_jsonl(docs_path)
        events = load_jsonl(ev_path)
    doc_of = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    res.events = len(events)
    by_doc: dict[str, list[dict]] = {}
    for ev in events:
        for s in ev.get("sources") or []:
            by_doc.setdefault(doc_of.get(s.get("doc_id")), []).append(ev)
    c = res.counts
    for r in rows:
        evs = by_doc.get(r["unit_id"], [])
        if not evs:
            c["no_event"] += 1
            continue
        main_ev = max(evs, key=lambda e: e.get("fatalities") or 0)
        c["gov"] += governorate_ok(r["location"], main_ev)
        if r["actor"] != "unknown":
            c["actor_n"] += 1
            c["actor"] += perpetrator_class(main_ev.get("actor1")) == r["actor"]
        if r["cause_of_death"] != "unknown":
            c["cause_n"] += 1
            c["cause"] += main_ev.get("sub_event_type") in CAUSE[r["cause_of_death"]]
        deaths = int(r["nb_civilians"] or 0) + int(r["nb_noncivilians"] or 0)
        if deaths:
            c["fat_n"] += 1
            f = main_ev.get("fatalities") or 0
            c["fat_exact"] += f == deaths
            c["fat_close"] += abs(f - deaths) <= max(1, 0.2 * deaths)
    return res


# -- UCDP GED geocoding (rules of shared/tools/score_geocode.py; split of scripts/build_gazetteer.py) -----------
UCDP_SUFFIX = re.compile(r"\s+(town|village|city|suburb|neighbourhood|neighborhood|camp|district|area|hamlet|farms?|"
                         r"checkpoint|airbase|base|dam|crossing|hill|mountain|bridge|road)$", re.I)


def _split_module():
    """The gazetteer build's split (``scripts/build_gazetteer.py``): one definition, so the evaluation can never
    disagree with the build about which names the gazetteer has seen."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
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
    from .geo import geocode

    split = _split_module()
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
            d = None if r.get("latitude") is None else _km((float(r["latitude"]), float(r["longitude"])), places[name])
            for gname in groups:
                g = res.rows[gname]
                g.places += 1
                if d is not None:
                    g.resolved += 1
                    g.within_5 += d <= 5
                    g.within_25 += d <= 25
    res.seconds = time.perf_counter() - t0
    return res


# -- CASE 2021 task 2 (event types of snippets) -----------------------------------------------------------------
CASE_TO_ACLED = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}


@dataclass
class CaseResult:
    snippets: int = 0
    acled: int = 0             # snippets whose gold type is an ACLED sub-event type
    first_right: int = 0       # ... and Sitrep's first event has that type
    any_right: int = 0         # ... and one of Sitrep's events has it
    acled_none: int = 0        # ... and Sitrep found no event
    event_type_right: int = 0  # ... and the first event's ACLED event type (the coarse level) is right
    other: int = 0             # snippets of the task's non-ACLED types (disasters, crime, diplomacy, ...)
    other_quiet: int = 0       # ... where Sitrep found no event
    confusions: Counter = field(default_factory=Counter)

    def markdown(self) -> str:
        return "\n".join([
            "| measure | score |", "|---|---|",
            f"| snippets | {self.snippets} ({self.acled} of ACLED sub-event types, {self.other} of the task's other types) |",
            f"| sub-event type of Sitrep's first event right | {self.first_right}/{self.acled} ({pct(self.first_right, self.acled)}) |",
            f"| the gold sub-event type among Sitrep's events | {self.any_right}/{self.acled} ({pct(self.any_right, self.acled)}) |",
            f"| event type (coarse: Battles, Explosions/Remote violence, ...) of the first event right | "
            f"{self.event_type_right}/{self.acled} ({pct(self.event_type_right, self.acled)}) |",
            f"| no event found for an ACLED snippet | {self.acled_none}/{self.acled} ({pct(self.acled_none, self.acled)}) |",
            f"| no event for a non-ACLED snippet (disaster, crime, diplomacy, attribution) | "
            f"{self.other_quiet}/{self.other} ({pct(self.other_quiet, self.other)}) |",
            "",
            "The shipped event-type classifier was fitted on CASE dev: on that file these figures are an upper bound, "
            "not a measure; `scripts/cv_event_model.py` gives the 5-fold cross-validated figure "
            "(`SITREP_EVENT_MODEL=none`: the rules alone)."])


def _mentions_of(text: str, path: str = "snippet.txt") -> list:
    """Event mentions of a text through clean -> annotate -> extract (no store)."""
    from .annotate import annotate
    from .clean import clean
    from .extract import extract
    from .ingest import doc_id_for
    from .models import DocMeta, RawDocument

    raw = RawDocument(doc_id=doc_id_for("txt", text), path=path, kind="txt", content=text, meta=DocMeta())
    doc = annotate(clean(raw))
    return sorted(extract(doc), key=lambda m: min((e.start for e in m.evidence), default=0))


def score_case(tsv_path: Path, limit: Optional[int] = None) -> CaseResult:
    from .extract.triggers import lexicon

    with open(tsv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    rows = rows[:limit] if limit else rows
    lex = lexicon()
    res = CaseResult(snippets=len(rows))
    for r in rows:
        mentions = _mentions_of(r["EventSnippet"])
        gold = CASE_TO_ACLED.get(r["SubType"])
        if gold is None:
            res.other += 1
            res.other_quiet += not mentions
            continue
        res.acled += 1
        if not mentions:
            res.acled_none += 1
            res.confusions[(r["SubType"], None)] += 1
            continue
        first = mentions[0].sub_event_type
        res.first_right += first == gold
        res.any_right += any(m.sub_event_type == gold for m in mentions)
        res.event_type_right += lex.event_type_of(first) == lex.event_type_of(gold)
        if first != gold:
            res.confusions[(r["SubType"], first)] += 1
    return res


# -- WikiEvents (KAIROS) ----------------------------------------------------------------------------------------
KAIROS_VIOLENT = ("Conflict.Attack", "Life.Die", "Life.Injure")


@dataclass
class WikiEventsResult:
    documents: int = 0
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    events: int = 0
    events_on_gold: int = 0

    def markdown(self) -> str:
        out = ["| KAIROS events | gold | trigger inside a Sitrep event's evidence |", "|---|---|---|"]
        for k in sorted(self.gold):
            out.append(f"| {k} | {self.gold[k]} | {self.found[k]} ({pct(self.found[k], self.gold[k])}) |")
        tg, tf = sum(self.gold.values()), sum(self.found.values())
        out.append(f"| all attack, death and injury events | {tg} | {tf} ({pct(tf, tg)}) |")
        out += ["", f"{self.events} Sitrep events in {self.documents} documents; {self.events_on_gold} "
                f"({pct(self.events_on_gold, self.events)}) rest on a sentence that holds a gold attack, death or "
                "injury trigger."]
        return "\n".join(out)


def score_wikievents(jsonl_path: Path) -> WikiEventsResult:
    """Recall of the violent KAIROS events (attack, death, injury): a gold event counts when its trigger lies in
    the evidence (sentence) of one of the events Sitrep extracts from the document."""
    res = WikiEventsResult()
    for line in Path(jsonl_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        # the documents' text as sentences, one paragraph each, with a map from token to character offset
        paras, tok_at, pos = [], {}, 0
        ti = 0
        for toks, sent_text in d["sentences"]:
            base = pos
            for tok, s, _e in toks:
                tok_at[ti] = base + (s - toks[0][1])
                ti += 1
            paras.append(sent_text)
            pos += len(sent_text) + 2
        text = "\n\n".join(paras)
        mentions = _mentions_of(text, f"{d['doc_id']}.txt")
        res.documents += 1
        res.events += len(mentions)
        # evidence offsets are into the cleaned text: place each evidence sentence in the text given
        located: dict[int, list[tuple[int, int]]] = {}
        for mi, m in enumerate(mentions):
            for e in m.evidence:
                at = text.find(e.text)
                if at >= 0:
                    located.setdefault(mi, []).append((at, at + len(e.text)))
        spans = [sp for v in located.values() for sp in v]
        gold_offsets = []
        for e in d["event_mentions"]:
            kind = next((k for k in KAIROS_VIOLENT if e["event_type"].startswith(k)), None)
            if kind is None:
                continue
            off = tok_at.get(e["trigger"]["start"])
            res.gold[kind] += 1
            if off is not None:
                gold_offsets.append(off)
                if any(s <= off < t for s, t in spans):
                    res.found[kind] += 1
        for mi in range(len(mentions)):
            if any(s <= off < t for s, t in located.get(mi, []) for off in gold_offsets):
                res.events_on_gold += 1
    return res


# -- re3d (entities) -------------------------------------------------------------------------------------------
@dataclass
class Re3dResult:
    documents: int = 0
    gold: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    on_gold: Counter = field(default_factory=Counter)

    def markdown(self) -> str:
        out = ["| re3d type | Sitrep ruler | gold entities | recalled (a ruler match overlaps) | ruler matches | "
               "matches on a gold entity of that type |", "|---|---|---|---|---|---|"]
        for t, ruler in (("Organisation", "actors (actors.yaml)"), ("Location", "places (gazetteer)")):
            out.append(f"| {t} | {ruler} | {self.gold[t]} | {self.recalled[t]} ({pct(self.recalled[t], self.gold[t])}) | "
                       f"{self.predicted[t]} | {self.on_gold[t]} ({pct(self.on_gold[t], self.predicted[t])}) |")
        return "\n".join(out)


def score_re3d(folder: Path) -> Re3dResult:
    """Organisation entities against the actor ruler, Location entities against the gazetteer's place finder.
    Sitrep's actor list is about the Syrian war, re3d's organisations are any (ministries, the UN, companies):
    recall measures coverage of what a defence analyst marks, not an error rate."""
    from .actors import registry
    from .geo import gazetteer

    res = Re3dResult()
    reg, gaz = registry(), gazetteer()
    for docs_file in sorted(Path(folder).rglob("documents.json")):
        ents_file = docs_file.with_name("entities.json")
        ents: dict[str, list[dict]] = {}
        if ents_file.exists():
            for line in ents_file.read_text(encoding="utf-8-sig").splitlines():
                if line.strip():
                    e = json.loads(line)
                    ents.setdefault(e["documentId"], []).append(e)
        for line in docs_file.read_text(encoding="utf-8-sig").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d.get("text") or ""
            res.documents += 1
            pred = {"Organisation": [(m.start, m.end) for m in reg.find(text)],
                    "Location": [(m.start, m.end) for m in gaz.find(text)]}
            for t, spans in pred.items():
                gold = {(e["begin"], e["end"]) for e in ents.get(d["_id"], []) if e["type"] == t}
                res.gold[t] += len(gold)
                res.recalled[t] += sum(any(s < ge and gs < e for s, e in spans) for gs, ge in gold)
                res.predicted[t] += len(spans)
                res.on_gold[t] += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in spans)
    return res


# -- everything ---------------------------------------------------------------------------------------------------
def today() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
