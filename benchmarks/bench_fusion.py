"""Fusion benchmark: time ``sitrep.fuse.fuse`` on synthetic mentions (1k .. 20k) and on an incremental batch.

    .venv/bin/python benchmarks/bench_fusion.py [--sizes 1000,2000,5000,10000,20000] [--write docs/BENCHMARKS.md]

Synthetic corpus: documents of 2 mentions each; events drawn over 2012-2024 at random gazetteer places in Syria
with random types and actor pairs; about a third of the mentions re-report an earlier event from another outlet
(same day, place, type, actors, overlapping wording), so fusion has real merges to make. Documents and mentions
are written straight into a fresh store (no spaCy), then ``fuse`` runs once over all of them. The incremental
case fuses 10 new documents into a store already holding 10,000 fused documents (issue 7: under 5 s).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep.fuse import fuse  # noqa: E402
from sitrep.geo import gazetteer  # noqa: E402
from sitrep.models import Evidence, ResolvedMention  # noqa: E402
from sitrep.store import Store  # noqa: E402

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Looting/property destruction")]
ACTORS = ["Military Forces of Syria (2000-2024)", "Islamic State (Syria)", "Hayat Tahrir al Sham", "Free Syrian Army",
          "Syrian Democratic Forces", "Military Forces of Russia (2000-)", "Hezbollah", "Civilians (Syria)"]
WORDS = ("clashes shelling strike killed wounded village town fighters regime rebels forces positions attack "
         "checkpoint mortar rocket airstrike warplanes civilians children market hospital school mosque "
         "neighbourhood district front offensive advance retreat convoy ambush explosion car bomb militants").split()


def _places(n: int, rng: random.Random) -> list:
    sy = [p for p in gazetteer().places if p.country == "SY" and p.feature not in ("country", "admin1")]
    return rng.sample(sy, min(n, len(sy)))


def synth(n_mentions: int, seed: int = 7, doc_offset: int = 0, rng: random.Random | None = None,
          events: list | None = None):
    """Documents (id, outlet, published, text) and their mentions; ``events`` is the pool re-reported."""
    rng = rng or random.Random(seed)
    places = _places(3000, random.Random(seed))
    events = events if events is not None else []
    docs = []
    for d in range(n_mentions // 2):
        doc_id = f"syn{doc_offset + d:08d}"
        mentions, text = [], []
        for i in range(2):
            if events and rng.random() < 0.33:
                ev = rng.choice(events)
            else:
                day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(365 * 12))
                t = rng.choice(TYPES)
                a1, a2 = rng.sample(ACTORS, 2)
                ev = dict(day=day, type=t, a1=a1, a2=a2, place=rng.choice(places),
                          words=" ".join(rng.choices(WORDS, k=12)))
                events.append(ev)
            sent = f"{ev['a1']} and {ev['a2']} {ev['words']} {' '.join(rng.choices(WORDS, k=4))} in {ev['place'].name}."
            start = sum(len(s) + 1 for s in text)
            text.append(sent)
            p = ev["place"]
            mentions.append(ResolvedMention(
                doc_id=doc_id, event_type=ev["type"][0], sub_event_type=ev["type"][1], actor1=ev["a1"], actor2=ev["a2"],
                location=p.name, admin1=p.admin1, country="Syria", latitude=p.latitude, longitude=p.longitude,
                geo_precision=1, event_date=ev["day"], date_start=ev["day"], date_end=ev["day"], time_precision=1,
                evidence=[Evidence(doc_id=doc_id, start=start, end=start + len(sent), text=sent)], confidence=0.6))
        body = " ".join(text) + " " + " ".join(rng.choices(WORDS, k=120))
        docs.append((doc_id, f"Outlet {rng.randrange(40)}", mentions[0].event_date.isoformat(), body, mentions))
    return docs, events


def load(store: Store, docs) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as c:
        for doc_id, outlet, published, text, mentions in docs:
            c.execute("INSERT INTO documents (doc_id, path, kind, outlet, published, text, raw, meta_json, "
                      "pipeline_version, ingested_at) VALUES (?, ?, 'txt', ?, ?, ?, ?, '{}', 'bench', ?)",
                      (doc_id, f"bench/{doc_id}.txt", outlet, published, text, text, now))
            for i, m in enumerate(mentions):
                c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, ?, ?)",
                          (f"{doc_id}:{i}", doc_id, i, m.model_dump_json()))


def bench_size(n: int, tmp: Path) -> dict:
    store = Store(tmp / f"bench_{n}.db")
    docs, _ = synth(n)
    load(store, docs)
    t0 = time.perf_counter()
    created = fuse(store)
    secs = time.perf_counter() - t0
    merged = store.conn.execute("SELECT COUNT(*) FROM fusion_members WHERE role != 'founder'").fetchone()[0]
    store.close()
    return {"mentions": n, "seconds": round(secs, 2), "us_per_mention": round(secs / n * 1e6), "events": created,
            "merged_mentions": merged}


def bench_incremental(tmp: Path, base_docs: int = 10_000, new_docs: int = 10) -> dict:
    store = Store(tmp / "bench_incr.db")
    rng = random.Random(11)
    docs, events = synth(base_docs * 2, rng=rng)
    load(store, docs)
    t0 = time.perf_counter()
    fuse(store)
    base_secs = time.perf_counter() - t0
    more, _ = synth(new_docs * 2, doc_offset=base_docs, rng=rng, events=events)
    load(store, more)
    t0 = time.perf_counter()
    fuse(store)
    secs = time.perf_counter() - t0
    store.close()
    return {"store_documents": base_docs, "new_documents": new_docs, "seconds": round(secs, 3),
            "base_seconds": round(base_secs, 1)}


def markdown(rows: list[dict], incr: dict) -> str:
    cpu = os.cpu_count()
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = ["## Fusion", "",
             f"`{' '.join(['.venv/bin/python', 'benchmarks/bench_fusion.py', '--write', 'docs/BENCHMARKS.md'])}` "
             f"({dt.date.today().isoformat()}, Python {platform.python_version()}, {cpu} cores, load average "
             f"{load1:.1f} at the end: the machine was shared with other jobs, so absolute times are pessimistic; "
             "rerun on a quiet machine).", "",
             "Synthetic mentions (2 per document, a third of them re-reporting an earlier event from another outlet) "
             "written straight into a fresh store, then one `fuse` over all of them (blocking by R*Tree over day x "
             "latitude x longitude, similarity, event rebuild, near-duplicate MinHash LSH per document).", "",
             "| mentions | fusion seconds | µs per mention | events | mentions merged into an event |",
             "|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['mentions']:,} | {r['seconds']} | {r['us_per_mention']} | {r['events']:,} | "
                     f"{r['merged_mentions']:,} |")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        ratio = (b["seconds"] / a["seconds"]) / (b["mentions"] / a["mentions"]) if a["seconds"] else float("nan")
        lines += ["", f"From {a['mentions']:,} to {b['mentions']:,} mentions ({b['mentions'] // a['mentions']}x) "
                      f"the time grows {b['seconds'] / a['seconds']:.1f}x: {ratio:.2f} of linear."]
    lines += ["", f"Incremental: {incr['new_documents']} new documents fused into a store already holding "
                  f"{incr['store_documents']:,} fused documents ({incr['store_documents'] * 2:,} mentions): "
                  f"**{incr['seconds']} s** of fusion (target: under 5 s; building that store took "
                  f"{incr['base_seconds']} s).", ""]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pat = re.compile(r"^## Fusion\n.*?(?=^## |\Z)", re.S | re.M)
    if pat.search(text):
        text = pat.sub(lambda m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000,10000,20000")
    ap.add_argument("--incremental-base", type=int, default=10_000)
    ap.add_argument("--write", type=Path, help="update the '## Fusion' section of this markdown file")
    args = ap.parse_args()
    from sitrep.actors import registry
    from sitrep.fuse import rules

    registry(), rules(), gazetteer()  # data files load once per process: not fusion time
    with tempfile.TemporaryDirectory() as d:
        rows = []
        for n in [int(x) for x in args.sizes.split(",")]:
            rows.append(bench_size(n, Path(d)))
            print(json.dumps(rows[-1]), flush=True)
        incr = bench_incremental(Path(d), base_docs=args.incremental_base)
        print(json.dumps(incr), flush=True)
    section = markdown(rows, incr)
    print(section)
    if args.write:
        write_section(args.write, section)


if __name__ == "__main__":
    main()
