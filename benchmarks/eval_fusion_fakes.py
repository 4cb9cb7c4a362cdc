"""Fusion against FA-KES: do articles about one event end up sharing an event, and do others stay apart?

    python3 ../shared/tools/score_fakes.py ../shared/data/fa-kes-dev.csv --keep /tmp/fakes
    .venv/bin/python benchmarks/eval_fusion_fakes.py ../shared/data/fa-kes-dev.csv /tmp/fakes

Gold: FA-KES codes each article's event date and location; two articles with the same (date, location) report
the same event (an approximation: one day and one governorate-level place may hold two events). Predicted: two
articles share at least one fused event (a source in both). Pairwise precision and recall over article pairs.
"""
from __future__ import annotations

import csv
import itertools
import json
import sys
from pathlib import Path


def main() -> None:
    csv_path, work = Path(sys.argv[1]), Path(sys.argv[2])
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8")))
    gold_key = {r["unit_id"]: (r["date"], r["location"].strip().lower()) for r in rows}
    docs = [json.loads(x) for x in (work / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    unit_of = {d["doc_id"]: str(d["path"]).rsplit("#", 1)[-1] for d in docs}
    pred = set()
    for line in (work / "events.jsonl").read_text(encoding="utf-8").splitlines():
        ev = json.loads(line)
        units = sorted({unit_of.get(s["doc_id"]) for s in ev.get("sources") or []} - {None})
        pred.update(itertools.combinations(units, 2))
    gold = {tuple(sorted(p)) for p in itertools.combinations(gold_key, 2) if gold_key[p[0]] == gold_key[p[1]]}
    tp = len(pred & gold)
    out = {"gold_pairs": len(gold), "predicted_pairs": len(pred), "true_pairs": tp,
           "precision": round(tp / len(pred), 3) if pred else None, "recall": round(tp / len(gold), 3) if gold else None}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
