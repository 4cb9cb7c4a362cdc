"""Why an incident's killed count is missed: per gold incident, the gold killed (and injured) count, the event the
shared scorer picks (the main event most of its documents share) with its fatalities and claims, and per document
its own main event's figure and the sentences that tell a death or a wound. For development on the READ part only
(docs/EVALUATION.md, "Measuring what generalises"): never run it on an unread part.

Usage: killed_dev.py KEEP_DIR DOCS.jsonl GOLD.json [--all] [--class]
KEEP_DIR: the directory of `score_fusion.py DOCS GOLD --keep KEEP_DIR` (its ev.jsonl and docs.jsonl).
--all prints the hits too; --class prints one line per miss (gold, predicted, a rough class) and a tally.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "../shared/tools"))
import score_fusion as sf  # noqa: E402

DEATHY = re.compile(r"\b(kill\w*|dead|death\w*|died|dies|die|fatal\w*|murder\w*|slain|homicide|shot|wound\w*|"
                    r"injur\w*|hurt|hospital\w*)\b", re.I)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text or "") if s.strip()]


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    keep, docs_path, gold_path = Path(args[0]), Path(args[1]), Path(args[2])
    show_all, classes = "--all" in args, "--class" in args
    inc_of, incidents = sf.load_gold(gold_path)
    rows = {str(r["id"]): r for r in sf.load_jsonl(docs_path) if str(r.get("id")) in inc_of}
    events = sf.load_jsonl(keep / "ev.jsonl")
    docs = sf.load_jsonl(keep / "docs.jsonl")
    doc_of = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    by_doc, ev_by_id = defaultdict(list), {}
    for ev in events:
        ev_by_id[ev["event_id"]] = ev
        for d in {doc_of.get(s.get("doc_id")) for s in ev.get("sources") or []}:
            by_doc[d].append(ev)
    main_ev = {d: max(evs, key=lambda e: e.get("fatalities") or 0)["event_id"] for d, evs in by_doc.items()}
    groups = defaultdict(list)
    for d in rows:
        groups[inc_of[d]].append(d)
    tally, n = Counter(), 0
    for inc, ds in sorted(groups.items()):
        info = incidents.get(inc) or {}
        if info.get("killed") is None:
            continue
        n += 1
        gold_k = int(info["killed"])
        votes = Counter(main_ev[d] for d in ds if d in main_ev)
        ev = ev_by_id.get(max(votes, key=votes.get)) if votes else None
        pred = (ev.get("fatalities") or 0) if ev else None
        ok = pred == gold_k
        own = [(ev_by_id[main_ev[d]].get("fatalities") if d in main_ev else "-") for d in ds]
        if classes:
            cls = ("no event" if ev is None else "none given" if not ev.get("fatalities") and gold_k
                   else "too low" if (pred or 0) < gold_k else "too high")
            if not ok:
                tally[cls] += 1
                print(f"{inc}\tgold {gold_k}\tpred {pred}\tper doc {own}\t{cls}")
            continue
        if ok and not show_all:
            continue
        print("=" * 100)
        print(f"incident {inc}  gold killed {gold_k} injured {info.get('injured')}  "
              f"participants killed {info.get('participants_killed')}  predicted {pred}  {'OK' if ok else 'MISS'}")
        if ev:
            print(f"  event {ev['event_id']} {ev.get('sub_event_type')} fatalities {ev.get('fatalities')} "
                  f"injured {ev.get('injured')} summary: {ev.get('claims_summary')}")
        for d in ds:
            r = rows[d]
            e = ev_by_id.get(main_ev.get(d))
            print(f"  doc {d[:10]} {r.get('published')} main event fatalities "
                  f"{e.get('fatalities') if e else '-'} ({e['event_id'] if e else 'none'}); title: {r.get('title')!s:.90}")
            for s in sentences(r.get("text", ""))[:40]:
                if DEATHY.search(s):
                    print(f"      | {s[:220]}")
    if classes:
        print(f"misses {sum(tally.values())} of {n}: {dict(tally)}")


if __name__ == "__main__":
    main()
