"""Seeds-style gold JSON over a folder of articles, by the rules of ``shared/tools/score_events.py`` (the figures must
agree with it on the same export: ``tests/test_evalsets.py`` runs both)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .common import km, load_jsonl, norm, run_and_export, text_norm, workdir


class _Gold:
    def __init__(self, data: dict):
        self.places = data["places"]
        self.aliases = {k: {norm(a) for a in v} for k, v in data["actors"].items()}
        self.docs = data["docs"]

    def actor_is(self, key: str, name: str) -> bool:
        n = norm(name)
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
    if c is not None and km(c, gold.place(g["place"])) > g.get("tol_km", 5):
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
        "location": c is not None and km(c, gold.place(g["place"])) <= g.get("tol_km", 5),
        "date": _date_ok(g, ev.get("event_date")),
    }
    if "fatalities" in g:
        out["fatalities"] = ev.get("fatalities") in g["fatalities"]
    for i, cl in enumerate(g.get("claims", [])):
        found = False
        for pc in ev.get("claims") or []:
            who = norm(pc.get("claimant") or "")
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
        return c is not None and km(c, gold.place(spec["near"])) <= spec["within_km"]
    if "min_lat" in spec:
        return c is not None and c[0] >= spec["min_lat"]
    if "min_fatalities" in spec:
        return (ev.get("fatalities") or 0) >= spec["min_fatalities"]
    if "actor_text" in spec:
        names = " ".join(norm(n) for n in _actor_names(ev))
        return any(a in names for a in spec["actor_text"])
    return False


def _match(gold: _Gold, gd: dict, preds: list[dict]) -> tuple[dict, list, set]:
    """Gold events of one document matched one-to-one to predicted ones, the pairs with most fields right first;
    a forbidden (junk) prediction never matches. Returns junk ``{index: why}``, the matches ``[(gold index,
    prediction index, field checks)]`` and the split predictions (compatible with a matched gold event but not
    matched themselves)."""
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
    return junk, matches, split


def _count_matches(gd: dict, preds: list[dict], matches: list, T: dict, fields: dict) -> list[dict]:
    """Totals and per-field tallies of the matched gold events; their report rows."""
    rows = []
    for gi, pi, f in matches:
        g = gd["events"][gi]
        rows.append({"gold": g["id"], "event_id": preds[pi].get("event_id"), "fields": f})
        T["found_required" if g["required"] else "optional_found"] += 1
        for k, v in f.items():
            k2 = "claims" if k.startswith("claim") else k
            fields.setdefault(k2, [0, 0])
            fields[k2][0] += int(bool(v))
            fields[k2][1] += 1
        if preds[pi].get("event_date") is not None and not f["date"]:
            T["wrong_dates"] += 1
    return rows


def _text_checks(gd: dict, docs: list[dict], doc_ids: list, dr: dict, T: dict) -> None:
    """Boilerplate the cleaner should have removed, and article lines it should have kept."""
    text = " ".join(text_norm(d.get("text")) for d in docs if d["doc_id"] in doc_ids)
    dr["boilerplate_left"] = [b for b in gd["boilerplate"] if not doc_ids or text_norm(b) in text]
    dr["keep_lost"] = [k for k in gd["keep"] if text_norm(k) not in text]
    T["boiler_total"] += len(gd["boilerplate"])
    T["boiler_removed"] += len(gd["boilerplate"]) - len(dr["boilerplate_left"])
    T["keep_total"] += len(gd["keep"])
    T["keep_kept"] += len(gd["keep"]) - len(dr["keep_lost"])


def _score_document(gold: _Gold, gd: dict, preds: list[dict], T: dict, fields: dict) -> dict:
    """One gold document's report (its events' part); adds to the totals ``T`` and the field tallies."""
    T["predicted"] += len(preds)
    junk, matches, split = _match(gold, gd, preds)
    used_g = {gi for gi, _, _ in matches}
    used_p = {pi for _, pi, _ in matches}
    dr: dict = {"matched": _count_matches(gd, preds, matches, T, fields), "missed_required": [], "junk": [],
                "unexplained": [], "split": len(split)}
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
    return dr


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
        dr = _score_document(gold, gd, preds, T, fields)
        _text_checks(gd, docs, doc_ids, dr, T)
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
    with workdir(keep) as work:
        ev, docs, _ = run_and_export([str(docs_dir)], Path(work))
        rep = score_events(gold_path, ev, docs)
        return SeedsResult(rep, ev, docs)
