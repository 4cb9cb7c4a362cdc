"""`sitrep run --scheduler tcp://HOST:PORT` (issue 17): documents processed on a real dask.distributed cluster (a
scheduler and two worker processes under their nannies, started here with Dask's own commands), the store written
by the driver alone. The yardstick is a one-process run (`--workers 0`) on the same input."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli, sitrep_exe
from test_crash import check, env, exports, wait_for_documents, write_corpus

distributed = pytest.importorskip("distributed")

STALL = "a02-stall"


def dask_exe() -> str:
    return str(Path(sys.executable).parent / "dask")


def wait_for(predicate, timeout: float, what: str):
    """Poll a state until it holds (the waits here are on the cluster's and the store's state, never on time)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = predicate()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError(f"{what} not within {timeout} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers on loopback; the workers stall on documents named *a02-stall*
    for a few seconds (the fault hook), so a test can kill the worker holding one."""
    work = tmp_path_factory.mktemp("dask")
    sched_file = work / "scheduler.json"
    e = env(SITREP_FAULT_SLOW=f"{STALL}:6")
    procs = [subprocess.Popen([dask_exe(), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(sched_file), "--preload", "sitrep.execute.daskconfig"], env=e, cwd=work,
                              stdout=subprocess.DEVNULL, stderr=open(work / "scheduler.log", "wb"))]
    wait_for(lambda: sched_file.exists() and sched_file.stat().st_size > 0, 120, "the scheduler's address file")
    address = json.loads(sched_file.read_text())["address"]
    for i in range(2):  # w0 as SCALING.md says; w1 without Sitrep's Dask settings (the plugin stops its profiler)
        preload = ["--preload-nanny", "sitrep.execute.daskconfig"] if i == 0 else []
        procs.append(subprocess.Popen([dask_exe(), "worker", address, "--nthreads", "1", "--nworkers", "1", *preload,
                                       "--no-dashboard", "--name", f"w{i}", "--local-directory", str(work / f"w{i}")],
                                      env=e, cwd=work, stdout=subprocess.DEVNULL,
                                      stderr=open(work / f"worker{i}.log", "wb")))
    client = distributed.Client(address, timeout=60, set_as_default=False)
    try:
        client.wait_for_workers(2, timeout=180)
        yield address, client
    finally:
        client.close()
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = write_corpus(tmp_path_factory.mktemp("dask-corpus") / "corpus", 6)
    (folder / "a02.txt").rename(folder / f"{STALL}.txt")
    return folder


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("dask-ref") / "ref.db"
    p = run_cli("run", corpus, "--db", db, "--quiet", "--workers", "0")
    assert p.returncode == 0, p.stderr.decode()
    return exports(db)


def test_a_cluster_run_gives_the_exports_of_one_process(cluster, tmp_path):
    address, client = cluster
    ref = tmp_path / "ref.db"
    assert run_cli("run", SEEDS, "--db", ref, "--workers", "0").returncode == 0
    db = tmp_path / "dask.db"
    p = run_cli("run", SEEDS, "--db", db, "--scheduler", address)
    assert p.returncode == 0, p.stderr.decode()
    assert exports(db) == exports(ref)
    assert check(db)["pending_mentions"] == 0
    p = run_cli("run", SEEDS, "--db", db, "--scheduler", address)  # idempotent, as ever
    assert p.returncode == 0 and b"0 new" in p.stderr and b"5 unchanged" in p.stderr, p.stderr.decode()


def test_the_cluster_started_as_documented_runs_with_sitreps_dask_settings(cluster):
    """`dask scheduler --preload sitrep.execute.daskconfig` and `dask worker --preload-nanny ...` (SCALING.md):
    the scheduler and the worker process run with Sitrep's housekeeping intervals, not Dask's defaults; a worker
    started without them (w1) still has the dashboard's profiler stopped by Sitrep's worker plugin."""
    from sitrep.execute.cluster import SitrepModels

    _, client = cluster
    client.register_plugin(SitrepModels(), name="sitrep-models")  # as every run does

    def settings(dask_worker=None, dask_scheduler=None):
        server = dask_worker or dask_scheduler
        return (server._tick_interval, server.periodic_callbacks["monitor"].callback_time,
                "profile" in server.periodic_callbacks)

    assert client.run_on_scheduler(settings) == (0.5, 2000, False)
    by_name = {info["name"]: addr for addr, info in client.scheduler_info(n_workers=-1)["workers"].items()}
    got = client.run(settings)
    assert got[by_name["w0"]] == (0.5, 2000, False)
    assert got[by_name["w1"]][2] is False and got[by_name["w1"]][0] == 0.02  # Dask's tick: no preload there


def test_sitreps_dask_settings_are_defaults_that_the_users_own_configuration_overrides(tmp_path):
    code = ("import sitrep.execute.daskconfig, dask; "
            "print(dask.config.get('distributed.admin.tick.interval'), dask.config.get('distributed.worker.profile.enabled'))")
    base = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    got = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True).stdout
    assert got.split() == ["500ms", "False"]
    # the user's own values win, even those equal to Dask's defaults
    mine = {**base, "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "20ms", "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "True"}
    got = subprocess.run([sys.executable, "-c", code], env=mine, capture_output=True, text=True, check=True).stdout
    assert got.split() == ["20ms", "True"]
    (tmp_path / "mine.yaml").write_text("distributed:\n  admin:\n    tick:\n      interval: 50ms\n")
    got = subprocess.run([sys.executable, "-c", code], env={**base, "DASK_CONFIG": str(tmp_path)}, capture_output=True,
                         text=True, check=True).stdout
    assert got.split() == ["50ms", "False"]


def test_documents_travel_in_batches_and_the_exports_stay_those_of_one_process(cluster, tmp_path):
    """Documents go several per task (by default as many as make about a second of work, once the workers' speed
    is known; fixed here): the outcomes of a batch come back to their own documents, and the exports are a
    one-process run's."""
    from sitrep.execute.cluster import DaskExecutor
    from sitrep.pipeline import run
    from sitrep.store import open_store

    address, _ = cluster
    folder = write_corpus(tmp_path / "many", 30)
    n = len(list(folder.glob("*.txt")))
    ref = tmp_path / "ref.db"
    assert run_cli("run", folder, "--db", ref, "--workers", "0", "--quiet").returncode == 0
    db = tmp_path / "batched.db"
    store = open_store(db)
    try:
        with DaskExecutor(address, doc_timeout=600, batch=4) as ex:
            report = run([str(folder)], store, executor=ex)
            batches = dict(ex.batches)
    finally:
        store.close()
    assert report.new == n and not report.errors, [str(e) for e in report.errors]
    assert max(batches) == 4 and sum(k * v for k, v in batches.items()) == n, batches  # each document sent once
    assert exports(db) == exports(ref)


def _processing(client, needle: str):
    for worker, keys in client.processing().items():
        if any(str(k).endswith(needle) for k in keys):
            return worker
    return None


def test_killing_a_dask_worker_mid_batch_loses_and_doubles_nothing(cluster, corpus, one_process, tmp_path):
    address, client = cluster
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sitrep_exe(), "run", str(corpus), "--db", str(db), "--scheduler", address, "--quiet"],
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # the task of the stalled document (input position 2) is running on some worker: kill that worker's process
        victim = wait_for(lambda: _processing(client, "-2"), 240, "the stalled document on a worker")
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()   # the scheduler gave the lost worker's task to another worker
    report = check(db)
    assert report["documents"] == 6 and report["pending_mentions"] == 0
    assert exports(db) == one_process          # nothing lost, nothing doubled
    client.wait_for_workers(2, timeout=180)    # the nanny restarted it


def test_sigkill_of_the_driver_then_a_rerun_completes_the_batch(cluster, corpus, one_process, tmp_path):
    address, client = cluster
    db = tmp_path / "d.db"
    proc = subprocess.Popen([sitrep_exe(), "run", str(corpus), "--db", str(db), "--scheduler", address, "--quiet"],
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got = wait_for_documents(db, proc, 2)  # a00, a01 stored; the stalled a02 holds back the rest (input order)
    assert got == 2 and proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert check(db)["documents"] == 2
    p = run_cli("run", corpus, "--db", db, "--scheduler", address, "--quiet")
    assert p.returncode == 0, p.stderr.decode()
    report = check(db)
    assert report["documents"] == 6 and report["pending_mentions"] == 0
    assert exports(db) == one_process


def test_an_unreachable_scheduler_is_one_line_and_exit_3_with_nothing_written(tmp_path):
    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    db = tmp_path / "none.db"
    p = run_cli("run", SEEDS, "--db", db, "--scheduler", address, "--scheduler-timeout", "3")
    lines = p.stderr.decode().splitlines()
    assert p.returncode == 3, lines
    assert len(lines) == 1 and lines[0].startswith(f"error: {address}: cannot reach the Dask scheduler"), lines
    assert list(tmp_path.iterdir()) == []
