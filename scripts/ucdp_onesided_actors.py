#!/usr/bin/env python3
"""A second held-out check of actor choice: UCDP GED Syria 2016-2017 one-sided violence (type_of_violence 3), whose
side_a is the perpetrator (IS, Syrian insurgents, the Government of Syria, the SDF). Sitrep runs on each event's
SOHR headline (the CLI, as users run it); the headline's biggest-toll event's actor 1, put in FA-KES's perpetrator
classes by the shared scorer's own table (``score_fakes.actor_class``), is compared with side_a's class.

Usage: .venv/bin/python scripts/ucdp_onesided_actors.py WORKDIR [--part read|unread|all] [--show]

Headlines that UCDP gives more than one perpetrator, or a perpetrator outside the four classes (Turkey, Jordan),
are left out. Parts: sha1 of the headline, last hex digit even = read (the project's split rule); ``--show`` lists
the read part's misses only. Read with care: many SOHR headlines are daily round-ups whose biggest toll is another
event than UCDP's one-sided one, so the figure bounds actor choice from below; it is for comparing versions.
Source: ../shared/data/ucdp-ged-syria-2016-2017.csv (UCDP GED 19.1, UCDP data terms).
"""
from __future__ import annotations

import collections
import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))

import score_fakes as S  # noqa: E402

GOLD = {"IS": "the organization of the islamic state in iraq and the levant - isis",
        "Government of Syria": "syrian government or russian troops",
        "Syrian insurgents": "armed opposition groups", "SDF": "self administration forces"}


def _key(h: str) -> str:
    return hashlib.sha1(h.encode("utf-8")).hexdigest()


def items(part: str) -> list[tuple[str, str]]:
    by = collections.defaultdict(set)
    with open(SHARED / "data" / "ucdp-ged-syria-2016-2017.csv", encoding="utf-8-sig") as f:
        for x in csv.DictReader(f):
            if x["type_of_violence"] == "3" and x["source_headline"].strip():
                by[x["source_headline"].strip()].add(x["side_a"])
    out = [(h, next(iter(s))) for h, s in sorted(by.items()) if len(s) == 1 and next(iter(s)) in GOLD]
    if part != "all":
        out = [(h, a) for h, a in out if (int(_key(h)[-1], 16) % 2 == 0) == (part == "read")]
    return out


def main() -> None:
    args = sys.argv[1:]
    work = Path(args[0])
    part = args[args.index("--part") + 1] if "--part" in args else "all"
    rows = items(part)
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "headlines.jsonl", "w", encoding="utf-8") as f:
        for h, _a in rows:
            f.write(json.dumps({"id": _key(h)[:12], "title": h, "text": h}, ensure_ascii=False) + "\n")
    db = work / "ucdp.db"
    if db.exists():
        db.unlink()
    sit = str(ROOT / ".venv" / "bin" / "sitrep")
    subprocess.run([sit, "run", str(work / "headlines.jsonl"), "--db", str(db)], check=True, capture_output=True)
    for what in ("events", "documents"):
        subprocess.run([sit, "export", what, "--db", str(db), "--format", "jsonl", "-o", str(work / f"{what}.jsonl")],
                       check=True, capture_output=True)
    docs = [json.loads(line) for line in open(work / "documents.jsonl", encoding="utf-8")]
    doc_of = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    events = collections.defaultdict(list)
    for line in open(work / "events.jsonl", encoding="utf-8"):
        e = json.loads(line)
        for s in e.get("sources") or []:
            events[doc_of.get(s["doc_id"])].append(e)
    c = collections.Counter()
    for h, a in rows:
        c["headlines"] += 1
        evs = events.get(_key(h)[:12])
        if not evs:
            c["no_event"] += 1
            continue
        m = max(evs, key=lambda e: e.get("fatalities") or 0)
        got = S.actor_class(m.get("actor1"))
        c["with_actor"] += got is not None
        c["right"] += got == GOLD[a]
        if "--show" in args and part == "read" and got != GOLD[a]:
            print(a, "|", m.get("actor1"), "|", m.get("sub_event_type"), "|", h[:160])
    print(json.dumps({"part": part, **c, "right_pct": round(100.0 * c["right"] / max(1, c["headlines"]), 1),
                      "right_of_with_actor_pct": round(100.0 * c["right"] / max(1, c["with_actor"]), 1)}))


if __name__ == "__main__":
    main()
