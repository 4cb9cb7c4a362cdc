"""Re-fuse a store made by `sitrep run` (extraction kept, fusion redone) and score its grouping against a gold
grouping with the shared scorer's own functions; with --why, the rule that kept each missed same-incident pair
apart. For development on the READ part only (docs/EVALUATION.md, "Measuring what generalises").

Usage: fusion_dev.py STORE.db GOLD.json [--why] [--keep OUT.db]
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "../shared/tools"))
import score_fusion as sf  # noqa: E402

from sitrep.fuse import fuse  # noqa: E402
from sitrep.store import Store  # noqa: E402

CLEAR = ["DELETE FROM event_sources", "DELETE FROM events", "DELETE FROM fusion_members", "DELETE FROM fusion_merges",
         "DELETE FROM fusion_events", "DELETE FROM fusion_rtree", "DELETE FROM event_redirects",
         "DELETE FROM doc_duplicates", "DELETE FROM doc_minhash", "DELETE FROM fusion_docs",
         "DELETE FROM control_statements", "UPDATE mentions SET event_id = NULL"]


def refuse(src: Path, dst: Path) -> None:
    shutil.copy(src, dst)
    import sqlite3
    c = sqlite3.connect(dst)
    for q in CLEAR:
        c.execute(q)
    c.commit()
    c.close()
    st = Store(str(dst))
    fuse(st)
    st.close()


def export(db: Path, work: Path):
    sitrep = str(ROOT / ".venv/bin/sitrep")
    out = {}
    for kind in ("events", "documents"):
        p = work / f"{kind}.jsonl"
        subprocess.run([sitrep, "export", kind, "--db", str(db), "--format", "jsonl", "-o", str(p)], check=True)
        out[kind] = sf.load_jsonl(p)
    return out["events"], out["documents"]


def score(events, docs, gold_path: Path):
    inc_of, incidents = sf.load_gold(gold_path)
    doc_of = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    ids = [d for d in doc_of.values() if d in inc_of]
    gold = {d: inc_of[d] for d in ids}
    by_doc, ev_by_id = defaultdict(list), {}
    for ev in events:
        ev_by_id[ev["event_id"]] = ev
        for d in {doc_of.get(s.get("doc_id")) for s in ev.get("sources") or []}:
            by_doc[d].append(ev)
    main_ev = {d: max(by_doc[d], key=lambda e: e.get("fatalities") or 0)["event_id"] for d in ids if by_doc.get(d)}
    pred = {d: main_ev.get(d, "none:" + d) for d in ids}
    res = {k: round(100 * v, 1) if isinstance(v, float) else v for k, v in sf.cluster_scores(pred, gold).items()}
    res["no_event"] = round(100 * sum(d not in main_ev for d in ids) / len(ids), 1)
    c = Counter()
    for inc, ds in sf._group(gold).items():
        info = incidents.get(inc) or {}
        votes = Counter(main_ev[d] for d in ds if d in main_ev)
        ev = ev_by_id.get(max(votes, key=votes.get)) if votes else None
        if info.get("killed") is not None:
            c["k_n"] += 1
            c["k_ok"] += ev is not None and (ev.get("fatalities") or 0) == int(info["killed"])
        if info.get("date"):
            c["d_n"] += 1
            c["d_ok"] += ev is not None and ev.get("event_date") == info["date"]
        if info.get("latitude") is not None:
            c["l_n"] += 1
            try:
                c["l_ok"] += sf.km((float(ev["latitude"]), float(ev["longitude"])),
                                   (float(info["latitude"]), float(info["longitude"]))) <= 25
            except (TypeError, KeyError, ValueError):
                pass
    res.update(killed=round(100 * c["k_ok"] / c["k_n"], 1), date=round(100 * c["d_ok"] / c["d_n"], 1),
               km25=round(100 * c["l_ok"] / c["l_n"], 1))
    return res, main_ev, ev_by_id, gold, incidents


def main():
    args = sys.argv[1:]
    db, gold_path = Path(args[0]), Path(args[1])
    work = Path(tempfile.mkdtemp(prefix="fusdev-"))
    out = Path(args[args.index("--keep") + 1]) if "--keep" in args else work / "s.db"
    refuse(db, out)
    events, docs = export(out, work)
    res, main_ev, ev_by_id, gold, incidents = score(events, docs, gold_path)
    print(json.dumps(res))
    if "--why" in args:
        why(out, main_ev, ev_by_id, gold, incidents)


def why(db, main_ev, ev_by_id, gold, incidents):
    """Each same-incident pair whose main events differ: the similarity verdict between the two main events."""
    from sitrep.fuse import Fuser, similarity
    st = Store(str(db))
    fz = Fuser(st)
    cnt = Counter()
    for inc, ds in sf._group(gold).items():
        for i, a in enumerate(ds):
            for b in ds[i + 1:]:
                ea, eb = main_ev.get(a), main_ev.get(b)
                if ea and ea == eb:
                    continue
                if not ea or not eb:
                    cnt["missing event"] += 1
                    print(f"{inc} {a[:8]} {b[:8]}: missing event")
                    continue
                (fa, ma), (fb, mb) = fz.event_features(ea), fz.event_features(eb)
                story = tuple(fz.story().shared(ma[0].doc_id, {x.doc_id for x in mb})) if ma and mb else ()
                s, reasons = similarity(fa, fb, story=story)
                reasons.append("names: " + ", ".join(story) if story else "no shared names")
                key = reasons[-2].split("(")[0].strip() if s is None else f"score {s:.2f} below threshold/text"
                key = "".join(ch for ch in key if not ch.isdigit()).strip()
                cnt[key] += 1
                gi = incidents.get(inc, {})
                print(f"{inc} [{gi.get('date')} {gi.get('city_or_county')} k{gi.get('killed')}] {a[:8]}/{b[:8]}: "
                      f"{s} | {'; '.join(reasons)}")
    print(cnt.most_common())


if __name__ == "__main__":
    main()
