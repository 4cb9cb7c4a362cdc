#!/usr/bin/env python3
"""What the story model's features add, on FA-KES's READ part only: per decision, the cross-validated accuracy
with every feature and with each feature family left out (the mean over the repeated 5-fold partitions of
``scripts/train_story_model.py``, at the setting it ships), and how stable each feature's coefficient is from fold
to fold (its sign in each of the first partition's folds). Deterministic; reads the training script's example
cache (run the training script first).

Usage: .venv/bin/python scripts/story_feature_review.py [--decision toll] [--repeats 10]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_story_model as t  # noqa: E402


def family(feature: str) -> str:
    """A feature's family: its name before '=' or '&' ("who=civilian" -> "who", "max&headline" -> "max&")."""
    m = re.match(r"[a-z_0-9]+", feature)
    head = m.group(0) if m else feature
    return head + "&" if feature[len(head):].startswith("&") else head


def without(exs: list[dict], name: str, fam: str) -> list[dict]:
    return [{**e, name: [(v, [f for f in feats if family(f) != fam], ok) for v, feats, ok in e[name]]} for e in exs]


def mean_cv(exs, name, k, C, margin, repeats) -> float:
    runs = [t.cross_validate(exs, name, k, C, margin, rep) for rep in range(repeats)]
    n = runs[0][0] or 1
    return 100 * sum(r[2] for r in runs) / len(runs) / n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--decision", default="toll")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    rows = list(csv.DictReader(open(t.DEFAULT_READ, encoding="utf-8")))
    exs = t.examples(rows, t.DEFAULT_CACHE)
    meta = __import__("numpy").load(t.DEFAULT_OUT)
    import json
    m = json.loads(str(meta["meta"]))[a.decision]
    C, margin, name = m["C"], m["margin"], a.decision
    base = mean_cv(exs, name, a.folds, C, margin, a.repeats)
    print(f"{name}: C={C} margin={margin}; all features {base:.1f}% (mean of {a.repeats} partitions)")
    fams = sorted({family(f) for e in exs for _, feats, _ in e[name] for f in feats})
    for fam in fams:
        print(f"  without {fam:<22} {mean_cv(without(exs, name, fam), name, a.folds, C, margin, a.repeats) - base:+5.1f}")
    signs: dict[str, list[str]] = {}
    for f in range(a.folds):
        features, coef, _ = t.fit([e[name] for e in exs if t.fold_of(e["id"], a.folds) != f], C)
        for feat, c in zip(features, coef):
            signs.setdefault(feat, ["."] * a.folds)[f] = "+" if c > 0.05 else "-" if c < -0.05 else "0"
    print("coefficient sign by fold (+ / - beyond 0.05, 0 within, . not in that fold's features):")
    for feat in sorted(signs):
        print(f"  {feat:<28} {''.join(signs[feat])}")


if __name__ == "__main__":
    main()
