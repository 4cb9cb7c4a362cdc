"""The full English pipeline (the teacher) against the one whose NER listens to the shared tok2vec (the student,
scripts/train_small_model.py), interleaved A/B on the same FA-KES-style texts (issue 16, session 11).

Each round runs, in fresh child processes pinned to one core, for each model in turn: bare ``nlp.pipe`` over the
texts (CPU per article after one warm-up pass), then Sitrep with one worker in that process (``pipeline.run`` on the
same texts as ``benchmarks/run.py`` builds them, models loaded before the clock starts; CPU per article). Medians
over the rounds; the load of each pipeline is reported on its own.

Usage: .venv/bin/python benchmarks/model_ab.py [--n 120] [--rounds 3] [--json out/model_ab.json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
CHOICES = ("full", "shared")


def child_bare(corpus: Path, choice: str) -> dict:
    import run as bench

    pinned = bench._pin_one_core()
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.perf_counter()
    from sitrep.annotate import load_english

    nlp = load_english(choice)
    load = time.perf_counter() - t0
    for _ in nlp.pipe(texts[:20]):
        pass
    c0 = time.process_time()
    tokens = sum(len(d) for d in nlp.pipe(texts))
    cpu = time.process_time() - c0
    return {"kind": "bare", "choice": choice, "articles": len(texts), "tokens": tokens, "load_seconds": round(load, 2),
            "cpu_ms_per_article": round(cpu / len(texts) * 1000, 1), "pinned": pinned}


def child_sitrep(corpus: Path, db: Path, choice: str) -> dict:
    import run as bench

    out = bench.worker_sitrep(corpus, db, [])
    return {"kind": "sitrep", "choice": choice, "articles": out["articles"], "events": out["events_created"],
            "load_seconds": out["load_seconds"], "n_errors": out["n_errors"],
            "cpu_ms_per_article": round(out["cpu_seconds"] / out["articles"] * 1000, 1),
            "annotate_ms_per_article": round(out["stage_seconds"].get("annotate", 0) / out["articles"] * 1000, 1),
            "peak_rss_mb": out["peak_rss_mb"]}


def in_child(args: list[str], choice: str) -> dict:
    env = dict(os.environ, SITREP_SPACY_MODEL=choice)
    p = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args, "--choice", choice],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"error: child {args} {choice} failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--child", nargs="*", default=None)
    ap.add_argument("--choice", default="full")
    a = ap.parse_args()
    if a.child is not None:
        kind, corpus, *rest = a.child
        res = child_bare(Path(corpus), a.choice) if kind == "bare" else child_sitrep(Path(corpus), Path(rest[0]),
                                                                                       a.choice)
        print(json.dumps(res))
        return
    import run as bench

    work = Path(tempfile.mkdtemp())
    corpus = bench.write_jsonl(bench.build_corpus(bench.load_articles(bench.DEFAULT_FAKES), a.n), work / "c.jsonl")
    runs: list[dict] = []
    for r in range(a.rounds):
        for choice in (CHOICES if r % 2 == 0 else CHOICES[::-1]):
            runs.append(dict(in_child(["bare", str(corpus)], choice), round=r))
            runs.append(dict(in_child(["sitrep", str(corpus), str(work / f"{choice}{r}.db")], choice), round=r))
            print(json.dumps(runs[-2]), json.dumps(runs[-1]), file=sys.stderr)
    summary = {}
    for kind in ("bare", "sitrep"):
        for choice in CHOICES:
            xs = [x for x in runs if x["kind"] == kind and x["choice"] == choice]
            summary[f"{kind}/{choice}"] = {
                "cpu_ms_per_article": statistics.median(x["cpu_ms_per_article"] for x in xs),
                "load_seconds": statistics.median(x["load_seconds"] for x in xs),
                "all": [x["cpu_ms_per_article"] for x in xs]}
            if kind == "sitrep":
                summary[f"{kind}/{choice}"]["events"] = [x["events"] for x in xs]
                summary[f"{kind}/{choice}"]["annotate_ms_per_article"] = statistics.median(
                    x["annotate_ms_per_article"] for x in xs)
                summary[f"{kind}/{choice}"]["peak_rss_mb"] = max(x["peak_rss_mb"] for x in xs)
    summary["load_average"] = os.getloadavg()
    print(json.dumps(summary, indent=1))
    if a.json:
        a.json.write_text(json.dumps({"summary": summary, "runs": runs}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
