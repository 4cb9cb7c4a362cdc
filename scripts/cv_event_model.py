#!/usr/bin/env python3
"""5-fold cross-validation of the event-type classifier through the CLI, as a user runs Sitrep.

Usage: .venv/bin/python scripts/cv_event_model.py [--case TSV] [--gvc DIR] [--folds 5] [--work out/cv] [--C 8.0]

Folds are stratified by label and fixed (within each label, snippets in sha1(id) order are dealt out in turn).
For each fold, a model is trained (scripts/train_event_model.py's `fit`) on the other folds only; the fold's
snippets are then scored by ../shared/tools/score_case.py through `sitrep run` and the exports, with
SITREP_EVENT_MODEL pointing at that fold's model: every snippet is typed by a model that never saw it. The Gun
Violence Corpus read-part examples (train_event_model.py) are added to every fold's training set, as in the shipped
model; they are never held out (the corpus's unread part is scored by score_fusion.py instead). The held-out
snippets of each fold are scored in two runs, the read and the unread part (`sitrep eval split`), so the figure
can be given overall and on the unread part alone. `--rules` scores the same runs with the rules alone.
The last line printed is one JSON object with the counts and percentages.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
from train_event_model import DEFAULT_CASE, DEFAULT_GVC, examples, fit, read_case, read_gvc_read_part  # noqa: E402

SCORER = ROOT.parent / "shared" / "tools" / "score_case.py"


def folds_of(rows: list[dict], k: int) -> dict[str, int]:
    from sitrep.evalsets import CASE_TO_ACLED

    by_label: dict[str, list[str]] = {}
    for r in rows:
        by_label.setdefault(CASE_TO_ACLED.get(r["SubType"], "NONE"), []).append(str(r["id"]))
    out = {}
    for label in sorted(by_label):
        ids = sorted(by_label[label], key=lambda i: hashlib.sha1(i.encode()).hexdigest())
        for n, i in enumerate(ids):
            out[i] = n % k
    return out


def score(tsv: Path, model: str, keep: Path) -> dict:
    env = dict(os.environ, SITREP_EVENT_MODEL=model)
    run = subprocess.run([sys.executable, str(SCORER), str(tsv), "--sitrep", str(ROOT / ".venv" / "bin" / "sitrep"),
                          "--keep", str(keep)], capture_output=True, text=True, env=env, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def counts(rows: list[dict], res: dict) -> dict[str, int]:
    from sitrep.evalsets import CASE_TO_ACLED

    acled = sum(r["SubType"] in CASE_TO_ACLED for r in rows)
    other = len(rows) - acled
    n = lambda key, of: round(float(res[key].rstrip("%")) * of / 100) if of else 0  # noqa: E731
    return {"acled": acled, "other": other, "sub": n("sub_event_first", acled), "coarse": n("event_type_first", acled),
            "acled_none": n("acled_no_event", acled), "other_quiet": n("other_no_event", other)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=DEFAULT_CASE)
    ap.add_argument("--gvc", type=Path, default=DEFAULT_GVC, help="Gun Violence Corpus folder ('' for none)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=ROOT / "out" / "cv")
    ap.add_argument("--C", type=float, default=8.0)
    ap.add_argument("--rules", action="store_true", help="score the same runs with the rules alone")
    a = ap.parse_args(argv)
    from sitrep.devsplit import part
    from sitrep.extract.classify import save

    rows = read_case(a.case)
    gvc = read_gvc_read_part(a.gvc) if str(a.gvc) not in ("", ".") else []
    exs = {e["id"]: e for e in examples(rows, ROOT / "out" / "event_model_examples.json", gvc)}
    extra = [e for i, e in exs.items() if i.startswith("gvc:")]
    fold = folds_of(rows, a.folds)
    a.work = a.work.resolve()  # the runs start in their own folders: a relative model path would not be found
    a.work.mkdir(parents=True, exist_ok=True)
    total = {p: {} for p in ("read", "unread")}
    for k in range(a.folds):
        train = [exs[str(r["id"])] for r in rows if fold[str(r["id"])] != k] + extra
        model = "none"
        if not a.rules:
            classes, features, coef, intercept = fit(train, a.C)
            path = a.work / f"fold{k}.npz"
            save(path, classes, features, coef, intercept, {"fold": k, "examples": len(train), "C": a.C})
            model = str(path)
        for p in ("read", "unread"):
            held = [r for r in rows if fold[str(r["id"])] == k and part(r["id"]) == p]
            if not held:
                continue
            tsv = a.work / f"fold{k}.{p}.tsv"
            with open(tsv, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t")
                w.writeheader()
                w.writerows(held)
            c = counts(held, score(tsv, model, (a.work / f"fold{k}.{p}").resolve()))
            for key, v in c.items():
                total[p][key] = total[p].get(key, 0) + v
    pct = lambda x, y: round(100.0 * x / y, 1) if y else None  # noqa: E731
    report = {"mode": "rules" if a.rules else f"model C={a.C}", "folds": a.folds}
    for name, parts in (("all", ("read", "unread")), ("read", ("read",)), ("unread", ("unread",))):
        c = {key: sum(total[p].get(key, 0) for p in parts) for key in total["read"]}
        report[name] = {"sub_event_first": pct(c["sub"], c["acled"]), "event_type_first": pct(c["coarse"], c["acled"]),
                        "acled_no_event": pct(c["acled_none"], c["acled"]),
                        "other_no_event": pct(c["other_quiet"], c["other"]), **c}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
