"""Store benchmark (issue 17): the single writer and fusion on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_store.py [--articles 200] [--rounds 5] [--mentions 10000] \
        [--pg postgresql://user@host/db] [--write docs/SCALING.md]

- Writer: FA-KES dev articles are processed once (clean, annotate, extract, resolve: not timed); the same
  processed documents are then written with ``Store.write_document`` (one transaction each) into a fresh SQLite
  store and into a fresh PostgreSQL database, ``--rounds`` times under new document ids, so only the writer is
  measured. PostgreSQL twice: with the server's default ``synchronous_commit = on`` (each commit waits for its
  WAL flush) and with ``off`` for the writer's session (the same promise as SQLite's ``synchronous = NORMAL`` in
  WAL mode, which the SQLite store uses: a crash of the machine may lose the last commits, never consistency).
- Fusion: the synthetic mentions of ``bench_fusion.py`` (2 per document, a third re-reporting an earlier event)
  written straight into each store, then one ``fuse`` over all of them; seconds per 10^4 mentions.

Without ``--pg`` a throw-away server is started from Debian's postgresql package (tests/pg_server.py) with the
server's default durability settings (fsync on), on loopback: no network latency is in these figures.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

FAKES = ROOT.parent / "shared" / "data" / "fa-kes-dev.csv"


def processed_documents(n: int):
    from sitrep.ingest import read_paths
    from sitrep.pipeline import process

    with open(FAKES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[:n]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fakes.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["unit_id"], "title": r["article_title"], "outlet": r["source"],
                                    "text": f"{r['article_title']}\n\n{r['article_content']}"}) + "\n")
        out = []
        for raw in read_paths([str(path)]):
            if hasattr(raw, "doc_id"):
                out.append((raw, process(raw)))
    return out


def renamed(raw, processed, k: int):
    """The same processed document under a new id (round ``k``), so that every write is a new document."""
    doc_id = f"{raw.doc_id}r{k}"
    doc = processed.doc.model_copy(update={"doc_id": doc_id, "path": f"{raw.path}.r{k}"})
    return (raw.model_copy(update={"doc_id": doc_id, "path": f"{raw.path}.r{k}"}),
            processed.model_copy(update={"annotated": processed.annotated.model_copy(update={"doc": doc})}))


def bench_writer(store, docs, rounds: int, session_sql: list[str] = ()) -> dict:
    from sitrep import PIPELINE_VERSION

    for sql in session_sql:
        store.conn.execute(sql)
    items = [renamed(raw, proc, k) for k in range(rounds) for raw, proc in docs]
    t0, c0 = time.perf_counter(), time.process_time()
    for raw, proc in items:
        store.write_document(raw, proc, PIPELINE_VERSION)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    counts = store.counts()
    return {"documents": len(items), "seconds": round(secs, 2), "docs_per_s": round(len(items) / secs, 1),
            "client_cpu_s": round(cpu, 2), "rows": sum(counts.values()), "mentions": counts["mentions"]}


def bench_fuse(store, n: int) -> dict:
    from bench_fusion import load, synth
    from sitrep.fuse import fuse

    docs, _ = synth(n)
    load(store, docs)
    t0 = time.perf_counter()
    created = fuse(store)
    secs = time.perf_counter() - t0
    merged = store.conn.execute("SELECT COUNT(*) FROM fusion_members WHERE role != 'founder'").fetchone()[0]
    return {"mentions": n, "seconds": round(secs, 2), "s_per_1e4": round(secs / n * 1e4, 2), "events": created,
            "merged": merged}


def explain_candidates(store) -> str:
    """The plan PostgreSQL picks for fusion's blocking query (should use the GiST index)."""
    plan = store.conn.execute(
        "EXPLAIN SELECT e.event_id FROM fusion_rtree t JOIN fusion_events e ON e.rid = t.rid "
        "WHERE int4range(t.day_lo, t.day_hi, '[]') && int4range(?::integer, ?::integer, '[]') "
        "AND box(point(t.lon_lo, t.lat_lo), point(t.lon_hi, t.lat_hi)) && box(point(?, ?), point(?, ?)) "
        "ORDER BY e.rid", (736000, 736002, 36.0, 33.0, 37.0, 34.0)).fetchall()
    return "; ".join(r[0].strip().lstrip("-> ") for r in plan if "fusion_rtree_box" in r[0] or "Index Cond: ((int4range" in r[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--mentions", type=int, default=10_000)
    ap.add_argument("--pg", help="a PostgreSQL server URL whose user may CREATE DATABASE (default: a throw-away "
                                 "server from tests/pg_server.py)")
    ap.add_argument("--write", type=Path, help="update the '## Stores' section of this markdown file")
    args = ap.parse_args()

    from sitrep import annotate, geo
    from sitrep.actors import registry
    from sitrep.fuse import rules
    from sitrep.store import Store

    annotate.english(), geo.gazetteer(), registry(), rules()   # loaded once per process: not store time
    t0 = time.perf_counter()
    docs = processed_documents(args.articles)
    print(f"processed {len(docs)} articles in {time.perf_counter() - t0:.1f} s (not timed below)", file=sys.stderr)

    server = None
    if args.pg:
        import psycopg

        admin = args.pg

        def new_db(name: str) -> str:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f"DROP DATABASE IF EXISTS {name}")
                c.execute(f"CREATE DATABASE {name}")
            return admin.rsplit("/", 1)[0] + "/" + name
    else:
        from pg_server import TempPostgres

        server = TempPostgres().start()
        new_db = lambda name: server.create_database(name)  # noqa: E731
    res: dict = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                 "asked": args.articles, "articles": len(docs), "rounds": args.rounds, "writer": {}, "fusion": {}}
    try:
        with tempfile.TemporaryDirectory() as d:
            with Store(Path(d) / "w.db") as s:
                res["writer"]["sqlite"] = bench_writer(s, docs, args.rounds)
            with Store(new_db("bench_writer_sync")) as s:
                res["postgresql_version"] = s.conn.execute("SHOW server_version").fetchone()[0]
                res["writer"]["postgresql"] = bench_writer(s, docs, args.rounds)
            with Store(new_db("bench_writer_async")) as s:
                res["writer"]["postgresql_async"] = bench_writer(s, docs, args.rounds,
                                                                 ["SET synchronous_commit = off"])
            print(json.dumps(res["writer"]), file=sys.stderr, flush=True)
            with Store(Path(d) / "f.db") as s:
                res["fusion"]["sqlite"] = bench_fuse(s, args.mentions)
            with Store(new_db("bench_fusion")) as s:
                res["fusion"]["postgresql"] = bench_fuse(s, args.mentions)
                s.conn.execute("ANALYZE")
                res["pg_blocking_plan"] = explain_candidates(s)
            print(json.dumps(res["fusion"]), file=sys.stderr, flush=True)
    finally:
        if server is not None:
            server.stop()
    res["load_average"] = round(os.getloadavg()[0], 1)
    print(json.dumps(res, indent=1))
    if args.write:
        write_section(args.write, markdown(res))


def markdown(r: dict) -> str:
    w, f = r["writer"], r["fusion"]
    lines = [
        "## Stores", "",
        f"`.venv/bin/python benchmarks/bench_store.py --articles {r.get('asked', r['articles'])} --rounds {r['rounds']} "
        f"--mentions {f['sqlite']['mentions']} --write docs/SCALING.md` ({r['date']}; {r['machine']}; PostgreSQL "
        f"{r.get('postgresql_version', '?')} on loopback, server defaults; load average {r['load_average']} at the "
        "end: the machine is shared, so absolute times are pessimistic).", "",
        f"**Single writer.** {r['articles']} FA-KES dev articles processed once (not timed), then written "
        f"{r['rounds']} times under new ids with `Store.write_document` (one transaction per document: the document, "
        "its blocks, sentences, entities, mentions, claims, evidence and path).", "",
        "| back end | documents | seconds | documents per second | client CPU seconds |", "|---|---:|---:|---:|---:|"]
    names = {"sqlite": "SQLite (WAL, synchronous=NORMAL)", "postgresql": "PostgreSQL (synchronous_commit=on)",
             "postgresql_async": "PostgreSQL (synchronous_commit=off for the writer)"}
    for k in ("sqlite", "postgresql", "postgresql_async"):
        x = w[k]
        lines.append(f"| {names[k]} | {x['documents']:,} | {x['seconds']} | **{x['docs_per_s']}** | {x['client_cpu_s']} |")
    lines += ["", f"**Fusion.** {f['sqlite']['mentions']:,} synthetic mentions (`benchmarks/bench_fusion.py`'s "
                  "corpus) written straight into each store, then one `fuse`.", "",
              "| back end | mentions | fusion seconds | seconds per 10^4 mentions | events | merged mentions |",
              "|---|---:|---:|---:|---:|---:|"]
    for k, name in (("sqlite", "SQLite (R*Tree blocking)"), ("postgresql", "PostgreSQL (GiST blocking)")):
        x = f[k]
        lines.append(f"| {name} | {x['mentions']:,} | {x['seconds']} | **{x['s_per_1e4']}** | {x['events']:,} | "
                     f"{x['merged']:,} |")
    lines += ["", f"PostgreSQL's plan for the blocking query: `{r.get('pg_blocking_plan') or '?'}`.", ""]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Scaling\n\n"
    pat = re.compile(r"^## Stores\n.*?(?=^## |\Z)", re.S | re.M)
    if pat.search(text):
        text = pat.sub(lambda m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
