#!/usr/bin/env python3
"""Train the event-type classifier (sitrep.extract.classify) on CASE 2021 task 2 snippets. Deterministic.

Usage: .venv/bin/python scripts/train_event_model.py [--case TSV] [--gvc DIR] [--out NPZ] [--C 8.0]

Each snippet goes through Sitrep's own clean -> annotate -> extract (rules only, SITREP_EVENT_MODEL=none); its
first candidate sentence (the first sentence a rule event rests on, else its first sentence) is one training
example with the snippet's label: the ACLED sub-event type of the CASE code, or NONE for the task's non-ACLED
codes (disasters, organised crime, diplomacy, attribution). The model is a multinomial logistic regression
(scikit-learn, lbfgs, L2) over binary features, L2-normalised per example, exactly as classify.Model applies it.

CASE has few violent incidents outside wars (its "organised crime" snippets are smuggling, fraud, theft), so the
model would read a shooting in local news as no event. The articles of the Gun Violence Corpus's READ part (by
incident, `sitrep eval split`; never the unread part) add one example each: the headline's or lead's candidate
sentence (the first a rule event rests on, else the first), labelled Attack (a violent incident with a victim is an
event everywhere; crime is flagged by `scope`, not dropped). `--gvc ''` leaves them out.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASE = ROOT.parent / "shared" / "data" / "case2021-task2-dev.tsv"
DEFAULT_GVC = ROOT.parent / "shared" / "data" / "gvc"
GVC_LABEL = "Attack"
DEFAULT_OUT = ROOT / "src" / "sitrep" / "data" / "models" / "event_type.npz"
MIN_COUNT = 2  # a feature seen in fewer training examples is left out


def read_case(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_gvc_read_part(folder: Path) -> list[list[str]]:
    """The JSON lines of the Gun Violence Corpus articles whose incident is in the READ part, grouped by incident
    (incidents and articles in file order)."""
    from sitrep.devsplit import part

    if not folder or not (folder / "docs.jsonl").exists():
        return []
    inc = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["doc_to_incident"]
    groups: dict[str, list[str]] = {}
    for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        i = inc.get(str(json.loads(line).get("id"))) if line.strip() else None
        if i is not None and part(i) == "read":
            groups.setdefault(str(i), []).append(line)
    return list(groups.values())


def _first_candidate(raw, violent: bool = False) -> list[str] | None:
    """The features of the document's first candidate sentence; with ``violent``, of its first candidate that
    names a violent act against people (a ``violent_act`` trigger), None when it has none."""
    from sitrep.annotate import annotate
    from sitrep.clean import clean
    from sitrep.extract.classify import candidates
    from sitrep.extract.engine import extract_document
    from sitrep.extract.triggers import lexicon

    doc = annotate(clean(raw))
    cands = candidates(doc, extract_document(doc))
    if not violent:
        return cands[0].feats if cands else ["r1=NONE"]
    specs = lexicon().specs
    for c in cands:
        if any(f.startswith("t=") and f[2:] in specs and specs[f[2:]].violent_act for f in c.feats):
            return c.feats
    return None


def examples(rows: list[dict], cache: Path | None = None, gvc: list[list[str]] | None = None) -> list[dict]:
    """[{id, label, feats}] for CASE rows (then the GVC read-part articles, labelled Attack), through Sitrep's own
    pipeline with the rules alone."""
    gvc = gvc or []
    src = ROOT / "src" / "sitrep"
    inputs = sorted((src / "data").glob("*.yaml")) + sorted((src / "extract").glob("*.py")) + [src / "actors.py"]
    key = hashlib.sha1(json.dumps([[(r["id"], r["EventSnippet"], r["SubType"]) for r in rows], gvc,
                                   [hashlib.sha1(p.read_bytes()).hexdigest() for p in inputs]]).encode()).hexdigest()
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return data["examples"]
    os.environ["SITREP_EVENT_MODEL"] = "none"
    from sitrep.evalsets import CASE_TO_ACLED
    from sitrep.extract.classify import NONE
    from sitrep.ingest import _jsonl_record, doc_id_for
    from sitrep.models import DocMeta, RawDocument

    out = []
    for r in rows:
        text = r["EventSnippet"]
        meta = DocMeta(id=str(r["id"]))
        raw = RawDocument(doc_id=doc_id_for("txt", text, meta), path=f"case.jsonl#{r['id']}", kind="txt",
                          container="jsonl", content=text, meta=meta)
        out.append({"id": str(r["id"]), "label": CASE_TO_ACLED.get(r["SubType"], NONE), "feats": _first_candidate(raw)})
    for group in gvc:  # one example per incident: its first article that names the violent act
        for line in group:
            raw = _jsonl_record("gvc.jsonl", 1, line)
            feats = _first_candidate(raw, violent=True)
            if feats is not None:
                out.append({"id": "gvc:" + str(raw.meta.id), "label": GVC_LABEL, "feats": feats})
                break
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "examples": out}), encoding="utf-8")
    return out


def fit(exs: list[dict], C: float = 8.0):
    """(classes, features, coef, intercept) of a logistic regression on the examples."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for e in exs:
        for f in set(e["feats"]):
            counts[f] = counts.get(f, 0) + 1
    features = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(features)}
    rows, cols, vals = [], [], []
    for i, e in enumerate(exs):
        idx = sorted({index[f] for f in e["feats"] if f in index})
        for j in idx:
            rows.append(i)
            cols.append(j)
            vals.append(1.0 / np.sqrt(len(idx)))
    X = csr_matrix((vals, (rows, cols)), shape=(len(exs), len(features)))
    classes = sorted({e["label"] for e in exs})
    y = np.array([classes.index(e["label"]) for e in exs])
    clf = LogisticRegression(C=C, max_iter=5000, tol=1e-6, solver="lbfgs")
    clf.fit(X, y)
    coef, intercept = clf.coef_, clf.intercept_
    if len(classes) == 2:  # sklearn's binary form: one row for class 1
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return classes, features, coef, intercept


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=DEFAULT_CASE)
    ap.add_argument("--gvc", type=Path, default=DEFAULT_GVC, help="Gun Violence Corpus folder ('' for none)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--C", type=float, default=8.0)
    ap.add_argument("--cache", type=Path, default=ROOT / "out" / "event_model_examples.json")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.extract.classify import save

    rows = read_case(a.case)
    gvc = read_gvc_read_part(a.gvc) if str(a.gvc) not in ("", ".") else []
    exs = examples(rows, a.cache, gvc)
    classes, features, coef, intercept = fit(exs, a.C)
    save(a.out, classes, features, coef, intercept,
         {"trained_on": a.case.name + (" + gvc read part" if gvc else ""), "examples": len(exs), "C": a.C,
          "min_count": MIN_COUNT})
    print(f"{a.out}: {len(classes)} classes, {len(features)} features, {len(exs)} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
