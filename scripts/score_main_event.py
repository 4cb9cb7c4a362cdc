#!/usr/bin/env python3
"""Score each FA-KES article's ``main_event`` (the document row's event: what its headline and lead report) against
FA-KES gold, beside the shared scorer's choice (the article's event with the most fatalities).

Usage: scripts/score_main_event.py CSV KEEP_DIR
KEEP_DIR is the ``--keep`` folder of ``../shared/tools/score_fakes.py CSV --keep KEEP_DIR`` (its events.jsonl and
docs.jsonl); the gold and the checks are the shared scorer's own, imported from ``../shared/tools``.
"""
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / ".." / "shared" / "tools"))
import score_fakes as sf  # noqa: E402


def main() -> None:
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    keep = Path(sys.argv[2])
    docs = [json.loads(x) for x in (keep / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    events = {e["event_id"]: e for e in map(json.loads, (keep / "events.jsonl").read_text(encoding="utf-8").splitlines())}
    main_of = {str(d.get("path", "")).rsplit("#", 1)[-1]: events.get(d.get("main_event")) for d in docs}
    by_doc: dict = {}
    unit = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    for e in events.values():
        for s in e.get("sources") or []:
            by_doc.setdefault(unit.get(s["doc_id"]), []).append(e)
    out = {}
    for name, pick in (("main_event", lambda u: main_of.get(u)),
                       ("most_fatalities", lambda u: max(by_doc[u], key=lambda e: e.get("fatalities") or 0)
                        if by_doc.get(u) else None)):
        c = dict(none=0, gov=0, actor=0, actor_n=0, cause=0, cause_n=0, fat=0, fat_n=0, same=0)
        for r in rows:
            ev = pick(r["unit_id"])
            if ev is None:
                c["none"] += 1
                continue
            c["gov"] += sf.gov_ok(r["location"], ev)
            if r["actor"] != "unknown":
                c["actor_n"] += 1
                c["actor"] += sf.actor_class(ev.get("actor1")) == r["actor"]
            if r["cause_of_death"] != "unknown":
                c["cause_n"] += 1
                c["cause"] += ev.get("sub_event_type") in sf.CAUSE[r["cause_of_death"]]
            deaths = int(r["nb_civilians"] or 0) + int(r["nb_noncivilians"] or 0)
            if deaths:
                c["fat_n"] += 1
                c["fat"] += abs((ev.get("fatalities") or 0) - deaths) <= max(1, 0.2 * deaths)
        pct = lambda a, b: round(100.0 * a / b, 1) if b else None  # noqa: E731
        out[name] = {"articles": len(rows), "no_event": pct(c["none"], len(rows)), "governorate": pct(c["gov"], len(rows)),
                     "perpetrator": pct(c["actor"], c["actor_n"]), "cause": pct(c["cause"], c["cause_n"]),
                     "deaths_within_20pct": pct(c["fat"], c["fat_n"])}
    same = sum(1 for r in rows if main_of.get(r["unit_id"]) is not None and by_doc.get(r["unit_id"]) and
               main_of[r["unit_id"]]["event_id"] == max(by_doc[r["unit_id"]], key=lambda e: e.get("fatalities") or 0)["event_id"])
    out["main_is_most_fatalities"] = round(100.0 * same / len(rows), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
