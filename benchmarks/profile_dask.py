"""Where a Dask run's driver spends its CPU: a ``LocalCluster`` of N single-threaded workers on the FA-KES-style
corpus of ``benchmarks/run.py``, with the CPU split by process and, in the driver, by thread.

    .venv/bin/python benchmarks/profile_dask.py --articles 300 --workers 2 --out out/profdask
    .venv/bin/python benchmarks/profile_dask.py --articles 300 --workers 2 --out out/profdask --yappi   # + profile
    .venv/bin/python benchmarks/profile_dask.py --fuse-only out/profdask/unfused.db   # profile fusion alone
    .venv/bin/python benchmarks/profile_dask.py --idle 20 [--dask-defaults]   # housekeeping of an idle cluster

The driver's threads: ``main`` (reading the input, receiving outcomes, writing the store, fusing), the event
loop of the client and of the ``LocalCluster`` (scheduler, nannies, comms: ``IO loop``/``Dask-*``), the fusion
warm-up. With ``--yappi`` (``pip install yappi``; a profiling aid, not a dependency) every thread is profiled by
CPU time and the top functions per thread are written to ``OUT/yappi-THREAD.txt``. The unfused store (documents
written, before fusion) is kept as ``OUT/unfused.db`` so that ``--fuse-only`` can profile fusion on its own.
CPU times count each process's own work whatever the load (contention still inflates them a little); wall times
on a shared machine are not evidence.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pickle
import pstats
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import parallel  # noqa: E402
import run as bench  # noqa: E402


def thread_cpu() -> dict[int, float]:
    import psutil

    return {t.id: t.user_time + t.system_time for t in psutil.Process().threads()}


def thread_names() -> dict[int, str]:
    import threading

    return {t.native_id: t.name for t in threading.enumerate()}


def fuse_only(db: Path, out: Path, sort: str) -> None:
    """Profile ``fuse`` on a copy of an unfused store (cProfile, CPU time of this thread)."""
    from sitrep.fuse import fuse
    from sitrep.store import Store

    work = out / "fuse-copy.db"
    for f in out.glob("fuse-copy.db*"):
        f.unlink()
    shutil.copy(db, work)
    store = Store(work)
    from sitrep.pipeline import _warm_fusion

    _warm_fusion()
    pending = len(store.pending_mentions())
    control = None
    saved = db.with_name(db.stem + ".control.pickle")
    if saved.exists():  # as in the run: the control statements come with the documents
        with open(saved, "rb") as f:
            control = pickle.load(f)
    pr = cProfile.Profile(timer=time.thread_time)
    c0, w0 = time.thread_time(), time.perf_counter()
    pr.enable()
    events = fuse(store, control=control)
    pr.disable()
    cpu, wall = time.thread_time() - c0, time.perf_counter() - w0
    docs = store.counts()["documents"]
    print(f"fusion: {docs} documents, {pending} mentions, {events} events, control statements "
          f"{'from the run' if control is not None else 'computed by fusion'}; CPU {cpu:.2f} s "
          f"({1000 * cpu / docs:.1f} ms per document), wall {wall:.2f} s (load {os.getloadavg()[0]:.1f})")
    pr.dump_stats(out / "fuse.prof")
    st = pstats.Stats(str(out / "fuse.prof"))
    st.sort_stats(sort).print_stats(40)
    store.close()


def idle(workers: int, seconds: float, dask_defaults: bool) -> None:
    """CPU per second of an idle ``LocalCluster`` (models loaded): its housekeeping alone."""
    import psutil
    from distributed import LocalCluster

    if not dask_defaults:
        import sitrep.execute.daskconfig  # noqa: F401
    from sitrep.execute.cluster import SitrepModels

    if dask_defaults:  # the import above applied Sitrep's defaults: put Dask's back
        import dask.config
        import yaml

        import distributed

        path = Path(distributed.__file__).parent / "distributed.yaml"
        dask.config.update(dask.config.config, yaml.safe_load(path.read_text()), priority="new")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        from distributed import Client

        with Client(cluster.scheduler_address, set_as_default=False) as client:
            client.register_plugin(SitrepModels(), name="sitrep-models")
            client.wait_for_workers(workers)
            me = psutil.Process()
            kids = [k for k in me.children(recursive=True)]
            cpu = lambda p: sum(p.cpu_times()[:2])  # noqa: E731
            d0, k0 = cpu(me), [cpu(k) for k in kids]
            time.sleep(seconds)
            d1, k1 = cpu(me), [cpu(k) for k in kids]
    per = [round(1000 * (b - a) / seconds, 1) for a, b in zip(k0, k1)]
    print(f"idle LocalCluster of {workers} ({'Dask defaults' if dask_defaults else 'Sitrep defaults'}), "
          f"{seconds:g} s, load {os.getloadavg()[0]:.1f}: driver (scheduler, nannies, client) "
          f"{1000 * (d1 - d0) / seconds:.1f} ms CPU/s; child processes {per} ms CPU/s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("out/profdask"))
    ap.add_argument("--yappi", action="store_true", help="profile every thread of the driver (needs yappi)")
    ap.add_argument("--fuse-only", type=Path, metavar="UNFUSED_DB", help="profile fusion on a copy of this store")
    ap.add_argument("--sort", default="cumulative", help="pstats sort key for --fuse-only")
    ap.add_argument("--idle", type=float, metavar="SECONDS",
                    help="CPU per second of an idle cluster (scheduler, nannies, workers), no documents")
    ap.add_argument("--dask-defaults", action="store_true", help="with --idle: Dask's defaults, not Sitrep's")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    if a.idle:
        idle(a.workers, a.idle, a.dask_defaults)
        return 0
    if a.fuse_only:
        fuse_only(a.fuse_only, a.out, a.sort)
        return 0

    corpus = a.out / f"dask-{a.articles}.jsonl"
    if not corpus.exists():
        bench.write_jsonl(bench.build_corpus(bench.load_articles(bench.DEFAULT_FAKES), a.articles), corpus)
    db = a.out / f"run{a.workers}.db"
    for f in a.out.glob(f"run{a.workers}.db*"):
        f.unlink()

    from distributed import LocalCluster

    import sitrep.pipeline as pipeline
    from sitrep.execute.cluster import DaskExecutor
    from sitrep.store import Store

    real_fuse = pipeline.fuse
    marks: dict = {}

    def fuse_keeping_a_copy(store, control=None):
        marks["fuse_cpu0"] = time.process_time()
        marks["threads_before_fuse"] = thread_cpu()
        marks["children_before_fuse"] = parallel._children_cpu()
        store.conn.execute("PRAGMA wal_checkpoint(FULL)")
        for f in a.out.glob("unfused.db*"):
            f.unlink()
        store.conn.execute(f"VACUUM INTO '{a.out / 'unfused.db'}'")
        with open(a.out / "unfused.control.pickle", "wb") as f:  # the control statements the workers computed
            pickle.dump(control, f)
        marks["fuse_t0"], marks["fuse_tcpu0"] = time.perf_counter(), time.thread_time()
        n = real_fuse(store, control=control)
        marks["fuse_wall"] = time.perf_counter() - marks["fuse_t0"]
        marks["fuse_thread_cpu"] = time.thread_time() - marks["fuse_tcpu0"]
        return n

    pipeline.fuse = fuse_keeping_a_copy
    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        ex = DaskExecutor(cluster.scheduler_address, doc_timeout=120.0)
        ex.client.wait_for_workers(a.workers)
        store = Store(db)
        if a.yappi:
            import yappi

            yappi.set_clock_type("cpu")
            yappi.start(builtins=False, profile_threads=True)
        names0, th0, kids0, c0, w0 = thread_names(), thread_cpu(), parallel._children_cpu(), time.process_time(), time.perf_counter()
        report = pipeline.run([str(corpus)], store, executor=ex)
        wall, driver_cpu, th1, kids1 = time.perf_counter() - w0, time.process_time() - c0, thread_cpu(), parallel._children_cpu()
        if a.yappi:
            yappi.stop()
        names = {**names0, **thread_names()}
        batches = dict(ex.batches)
        ex.close()
        store.close()
    n = report.documents
    workers_cpu = sum(v - kids0.get(pid, 0.0) for pid, v in kids1.items())
    workers_before_fuse = sum(v - kids0.get(pid, 0.0) for pid, v in marks["children_before_fuse"].items())
    ms = lambda s: round(1000 * s / n, 1)  # noqa: E731
    by_thread = Counter()
    for tid, v in th1.items():
        by_thread[names.get(tid, f"thread {tid}")] += v - th0.get(tid, 0.0)
    before_fuse = Counter()
    for tid, v in marks["threads_before_fuse"].items():
        before_fuse[names.get(tid, f"thread {tid}")] += v - th0.get(tid, 0.0)
    stages = {k: ms(v) for k, v in sorted(report.stage_seconds.items())}
    res = {"articles": n, "workers": a.workers, "wall_s": round(wall, 2), "load_average": os.getloadavg(),
           "workers_cpu_ms": ms(workers_cpu), "workers_cpu_before_fuse_ms": ms(workers_before_fuse),
           "driver_cpu_ms": ms(driver_cpu),
           "driver_cpu_before_fuse_ms": ms(marks["fuse_cpu0"] - c0),
           "fuse_wall_ms": ms(marks["fuse_wall"]), "fuse_thread_cpu_ms": ms(marks["fuse_thread_cpu"]),
           "driver_threads_ms_before_fuse": {k: ms(v) for k, v in before_fuse.most_common()},
           "driver_threads_ms": {k: ms(v) for k, v in by_thread.most_common()},
           "stage_ms_per_article": stages, "batches": {str(k): v for k, v in sorted(batches.items())},
           "errors": len(report.errors)}
    print(json.dumps(res, indent=1))
    (a.out / f"split{a.workers}.json").write_text(json.dumps(res, indent=1))
    if a.yappi:
        import yappi

        for t in yappi.get_thread_stats():
            stats = yappi.get_func_stats(filter={"ctx_id": t.id})
            name = t.name.replace("/", "_").replace(" ", "_")
            path = a.out / f"yappi-{name}-{t.id}.txt"
            with open(path, "w") as f:
                f.write(f"thread {t.name} ({t.id}): {t.ttot:.2f} s CPU\n")
                stats.sort("tsub").print_all(out=f, columns={0: ("name", 90), 1: ("ncall", 10), 2: ("tsub", 8),
                                                            3: ("ttot", 8), 4: ("tavg", 8)})
            stats.save(str(path.with_suffix(".pstat")), type="pstat")
            print(f"{path}: {t.name} {t.ttot:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
