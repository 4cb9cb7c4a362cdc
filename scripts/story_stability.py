#!/usr/bin/env python3
"""How stable the story model's learner is: retrain it (``train_story_model.train``, the shipped procedure with its
choice of C and margin) on FA-KES's READ part minus a different 5% of its articles each time, and count, on an
evaluation part, how many articles' decisions change against the model trained on the whole read part, and how its
accuracy moves. Deterministic. Only aggregate counts are printed: the evaluation part may be the UNREAD part (scored,
never read: no article, value or id is printed).

Usage: PYTHONPATH=../shared/tools .venv/bin/python scripts/story_stability.py --read READ.csv --eval EVAL.csv
       [--bag 0] [--drops 5] [--cache-read JSON] [--cache-eval JSON] [--repeats 10]
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_story_model import chosen, examples, fold_of, train  # noqa: E402

DROP_PARTS = 20  # one part in 20 (5%) of the read articles left out of each retraining


def decisions_on(rankers: dict, exs: list[dict]) -> dict[str, list[tuple[str, bool]]]:
    """Per decision: the (chosen value, right) of each evaluation article with candidates."""
    out = {}
    for name, (features, coef, intercept, margin) in rankers.items():
        rows = []
        for e in exs:
            if e[name]:
                v = chosen(features, coef, intercept, margin, e[name])
                rows.append((v, next(ok for x, _, ok in e[name] if x == v)))
        out[name] = rows
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--read", type=Path, required=True)
    ap.add_argument("--eval", type=Path, required=True)
    ap.add_argument("--cache-read", type=Path)
    ap.add_argument("--cache-eval", type=Path)
    ap.add_argument("--bag", type=int, default=0)
    ap.add_argument("--c-mean", type=int, default=0)
    ap.add_argument("--drops", type=int, default=5)
    ap.add_argument("--first-drop", type=int, default=0, help="the first of the drops (to continue a run)")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--decisions", default="cause,actor,toll")
    a = ap.parse_args()
    if "unread" in a.read.name:
        sys.exit("the story model is trained on FA-KES's READ part only")
    read = examples(list(csv.DictReader(open(a.read, encoding="utf-8"))), a.cache_read)
    ev = examples(list(csv.DictReader(open(a.eval, encoding="utf-8"))), a.cache_eval)
    names = a.decisions.split(",")
    quiet = lambda *_: None  # noqa: E731
    full = decisions_on(train(read, names, a.folds, a.repeats, a.bag, {}, quiet, bool(a.c_mean)), ev)
    for name in names:
        n = len(full[name])
        print(f"{name}: full read part: {sum(ok for _, ok in full[name])}/{n} right on {a.eval.name}")
    changed = {name: [] for name in names}
    right = {name: [] for name in names}
    for d in range(a.first_drop, a.drops):
        kept = [e for e in read if fold_of(e["id"], DROP_PARTS, f"drop{d}") != 0]
        meta: dict = {}
        got = decisions_on(train(kept, names, a.folds, a.repeats, a.bag, meta, quiet, bool(a.c_mean)), ev)
        for name in names:
            changed[name].append(sum(x[0] != y[0] for x, y in zip(full[name], got[name])))
            right[name].append(sum(ok for _, ok in got[name]))
            print(f"drop {d} ({len(read) - len(kept)} read articles out; C={meta[name]['C']} "
                  f"margin={meta[name]['margin']}) {name}: {changed[name][-1]} changed, {right[name][-1]} right")
    for name in names:
        print(f"{name}: bag={a.bag} c_mean={a.c_mean}: changed per retrain {changed[name]} (total {sum(changed[name])}); right "
              f"{right[name]} (range {max(right[name]) - min(right[name])}) of {len(full[name])}")


if __name__ == "__main__":
    main()
