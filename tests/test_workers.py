"""`sitrep run --workers N` (issue 16): documents processed in worker processes, the store written by the driver
alone. Real subprocesses, real SIGKILLs of real worker processes, a real store; the yardstick is a one-process
run (`--workers 0`) on the same input: its exports must come out identical."""
from __future__ import annotations

import os
import signal
import time
import subprocess
from pathlib import Path

import psutil
import pytest

from conftest import SEEDS, run_cli, sitrep_exe
from test_crash import check, env, exports, stored_documents, wait_for_documents, write_corpus

GOOD = ("Syrian government forces shelled the town of Khan Shaykhun in southern Idlib on Monday, killing five "
        "civilians, the Syrian Observatory for Human Rights said.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("workers") / "corpus", 6)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    """The same batch in one process, the way Sitrep ran before it had workers."""
    db = tmp_path_factory.mktemp("inline") / "ref.db"
    p = run_cli("run", corpus, "--db", db, "--quiet", "--workers", "0")
    assert p.returncode == 0, p.stderr.decode()
    return exports(db)


def worker_processes(driver: int) -> list[psutil.Process]:
    """The driver's worker processes: the children of its fork server (a child of the driver)."""
    out = []
    for child in psutil.Process(driver).children():
        out += child.children()
    return out


def _wait_dead(p: psutil.Process) -> None:
    """Until the killed process is gone or a zombie (its parent reaps it); a state, not a time, is waited on."""
    while True:
        try:
            if p.status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.01)


def test_two_workers_give_the_exports_of_one_process(corpus, one_process, tmp_path):
    db = tmp_path / "w.db"
    p = run_cli("run", corpus, "--db", db, "--workers", "2")
    assert p.returncode == 0, p.stderr.decode()
    assert exports(db) == one_process
    assert check(db)["pending_mentions"] == 0
    p = run_cli("run", corpus, "--db", db, "--workers", "2")  # idempotent, as ever
    assert p.returncode == 0 and b"0 new" in p.stderr and b"6 unchanged" in p.stderr, p.stderr.decode()
    assert exports(db) == one_process


def test_killing_the_workers_mid_batch_loses_and_doubles_nothing(corpus, one_process, tmp_path):
    db = tmp_path / "k.db"
    # a02 stalls: its worker is busy with it while the others go on; documents are written in input order, so
    # the store holds exactly a00 and a01 until a02 is done
    proc = subprocess.Popen([sitrep_exe(), "run", str(corpus), "--db", str(db), "--workers", "2", "--quiet"],
                            env=env(SITREP_FAULT_SLOW="a02.txt:8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert wait_for_documents(db, proc, 2) == 2 and proc.poll() is None
        victims = worker_processes(proc.pid)
        assert len(victims) == 2, victims
        # the driver is held while both die: otherwise, on a busy machine, it may hand the first victim's document
        # to the second worker between the two kills, and that document dies twice (the pool's limit) for the test
        driver = psutil.Process(proc.pid)
        driver.suspend()
        try:
            for w in victims:
                os.kill(w.pid, signal.SIGKILL)
            for w in victims:
                _wait_dead(w)
        finally:
            driver.resume()
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()   # the killed workers' documents were given to new workers
    assert not any(psutil.pid_exists(w.pid) and w.status() != psutil.STATUS_ZOMBIE for w in victims)
    report = check(db)
    assert report["documents"] == 6 and report["pending_mentions"] == 0
    assert exports(db) == one_process          # nothing lost, nothing doubled


def test_a_document_that_kills_its_worker_is_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_crash.txt").write_text(GOOD.replace("five", "six"), encoding="utf-8")
    (folder / "c.txt").write_text(GOOD.replace("five", "seven"), encoding="utf-8")
    db = tmp_path / "s.db"
    p = run_cli("run", folder, "--db", db, "--workers", "2", env={"SITREP_FAULT_CRASH": "b_crash"})
    err = p.stderr.decode()
    assert p.returncode == 1, err
    line = f"error: {folder / 'b_crash.txt'}: the worker process processing it died (signal 9) 2 times; skipped"
    assert line in err.splitlines(), err
    assert check(db)["documents"] == 2
    p = run_cli("run", folder, "--db", db, "--workers", "2")  # the next run (fault gone) stores it
    assert p.returncode == 0, p.stderr.decode()
    assert check(db)["documents"] == 3


def test_a_document_stuck_in_c_code_is_killed_with_its_worker(tmp_path):
    """Blocked signals and one C call that never returns: no timer can interrupt it, only killing the process."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_hang.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD.replace("five", "seven"), encoding="utf-8")
    db = tmp_path / "s.db"
    p = run_cli("run", folder, "--db", db, "--workers", "1", "--doc-timeout", "2", env={"SITREP_FAULT_HANG": "a_hang"})
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert (f"error: {folder / 'a_hang.txt'}: DocumentTimeout: took longer than the per-document time limit (2 s); "
            "skipped") in err.splitlines(), err
    assert check(db)["documents"] == 1
    assert stored_documents(db) == 1


def test_no_worker_outlives_a_killed_driver(corpus, tmp_path):
    db = tmp_path / "d.db"
    proc = subprocess.Popen([sitrep_exe(), "run", str(corpus), "--db", str(db), "--workers", "2", "--quiet"],
                            env=env(SITREP_FAULT_SLOW="a01.txt:600"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_documents(db, proc, 1)
    family = psutil.Process(proc.pid).children(recursive=True)
    assert len(family) >= 3, family  # fork server and workers (and multiprocessing's resource tracker)
    proc.kill()
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=60)
    assert not alive, alive
    assert check(db)["documents"] == 1


def test_control_statements_computed_by_the_workers_are_those_fusion_reads_back(seeds_store):
    """Workers compute a document's control statements beside its processing (fusion, serial in the driver, only
    stores them): they must be what fusion would extract from the stored text, outlet and sentences."""
    from sitrep.control import statement_rows
    from sitrep.store import open_store

    store = open_store(seeds_store)
    try:
        stored: dict[str, list[tuple]] = {}
        for r in store.current_control_statements():
            stored.setdefault(r["doc_id"], []).append(
                tuple(r[k] for k in ("place", "place_text", "latitude", "longitude", "admin1", "actor", "share",
                                     "status", "claimant", "start", "end", "text")))
        docs = [r["doc_id"] for r in store.documents()]
        recomputed = {}
        for doc_id in docs:
            text, outlet, sents = store.document_text_and_sentences(doc_id)
            rows = statement_rows(text, outlet, sents)
            if rows:
                recomputed[doc_id] = rows
    finally:
        store.close()
    assert any("Yarmouk" in r[0] for rows in stored.values() for r in rows)  # the seeds have some to compare
    assert stored == recomputed


def test_an_outcome_sent_back_by_a_worker_carries_no_spacy_object():
    """What a worker sends back is records only: a spaCy Doc left on a record (a parse cached by a stage) pickles
    with its whole vocabulary, about 2 MB a document, for the worker to pickle and the driver to unpickle."""
    import pickle

    from sitrep.execute import Task
    from sitrep.execute.work import handle
    from sitrep.ingest import read_paths

    raw = next(r for r in read_paths([str(SEEDS)]) if not isinstance(r, Exception))
    outcome = handle(Task(0, raw))
    assert outcome.error is None and outcome.processed.mentions
    data = pickle.dumps(outcome)
    assert b"spacy" not in data
    assert len(data) < 10 * len(outcome.processed.model_dump_json())
    back = pickle.loads(data)
    assert back.processed.mentions == outcome.processed.mentions
    assert back.processed.main_mention == outcome.processed.main_mention


def test_the_driver_loads_what_fusion_reads_while_the_workers_work():
    """With workers, the driver warms fusion's data (actor registry, gazetteer, rules) during the run: fusion runs
    alone at the end, so a load there is serial time. A fresh process, so nothing was loaded before."""
    import sys

    code = ("from sitrep.pipeline import _warm_fusion; _warm_fusion(); "
            "from sitrep.actors import registry; from sitrep.places.store import store; "
            "print(registry.cache_info().currsize, store.cache_info().currsize)")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert got == ["1", "1"], got  # the actor registry and the gazetteer are loaded
