"""Crash safety and concurrency of `sitrep run` (issue 8), with real subprocesses, real SIGKILLs and a real store.

The assertions are the store's invariants (`sitrep check`: every stored document fully stored, evidence matching
its text, no duplicate events, nothing pending after a completed run) and equality with an uninterrupted run on
the same input: whatever the fusion stage does inside, a killed-then-resumed batch must end where a clean one does.
Every test runs on SQLite and on PostgreSQL (``store_target``); the reference run is SQLite's, so the PostgreSQL
runs must also end exactly where a SQLite run does.
"""
from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import run_cli, sitrep_exe
from stores import stored_documents

FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fa-kes-dev.csv"
N_DOCS = 6
LONG_DOCS = 24  # --fuzz-long: more documents, so more random kills land mid-batch


def write_corpus(folder: Path, n: int = N_DOCS) -> Path:
    """Real articles (FA-KES dev), one .txt file each, in sorted order."""
    folder.mkdir(parents=True, exist_ok=True)
    if FAKES.exists():
        with FAKES.open(encoding="utf-8") as f:
            texts = [f"{r['article_title']}\n\n{r['article_content']}\n" for r in list(csv.DictReader(f))[:n]]
    else:  # a clone without ../shared: the repository's own real articles (seeds, cleaning fixtures)
        root = Path(__file__).resolve().parents[1]
        files = sorted((root / "examples" / "seeds").glob("*.txt")) + sorted(
            (root / "tests" / "fixtures" / "cleaning").glob("*.txt")) + sorted(
            (root / "tests" / "fixtures" / "cleaning_heldout").glob("*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in files[:n]]
    for i, text in enumerate(texts):
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def env(**extra) -> dict:
    e = dict(os.environ)
    e.pop("SITREP_DB", None)
    e.update(extra)
    return e


def start_run(corpus: Path, db, **extra_env) -> subprocess.Popen:
    return subprocess.Popen([sitrep_exe(), "run", str(corpus), "--db", str(db), "--quiet"], env=env(**extra_env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_documents(db: Path, proc: subprocess.Popen, n: int, timeout: float = 240) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = stored_documents(db)
        if got >= n or proc.poll() is not None:
            return got
        time.sleep(0.05)
    raise AssertionError(f"no {n} documents stored within {timeout} s")


def check(db: Path) -> dict:
    p = run_cli("check", "--db", db)
    report = json.loads(p.stdout)
    assert p.returncode == 0 and report["ok"], report
    return report


def exports(db: Path) -> tuple[list, list]:
    ev = run_cli("export", "events", "--db", db, "--format", "jsonl")
    docs = run_cli("export", "documents", "--db", db, "--format", "jsonl")
    assert ev.returncode == 0 and docs.returncode == 0, (ev.stderr, docs.stderr)
    events = sorted((json.loads(x) for x in ev.stdout.decode().splitlines()), key=lambda e: e["event_id"])
    documents = sorted((json.loads(x) for x in docs.stdout.decode().splitlines()), key=lambda d: d["doc_id"])
    return events, documents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, long_mode) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus", LONG_DOCS if long_mode else N_DOCS)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The same batch, run once without interruption."""
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    p = run_cli("run", corpus, "--db", db, "--quiet")
    assert p.returncode == 0, p.stderr.decode()
    events, documents = exports(db)
    assert len(documents) == len(list(corpus.iterdir())) and events
    return events, documents


def test_sigkill_mid_batch_then_rerun_completes_without_duplicates(corpus, reference, store_target, backend,
                                                                   long_mode, record_figure):
    db = store_target
    kills, lost = 0, 0
    # 1. deterministic: the 5th document stalls (fault hook), the run is killed while 4 are stored
    proc = start_run(corpus, db, SITREP_FAULT_SLOW="a04.txt:600")
    got = wait_for_documents(db, proc, 4)
    assert got == 4 and proc.poll() is None
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kills += 1
    assert proc.returncode == -signal.SIGKILL
    report = check(db)  # consistent: every stored document fully stored
    assert report["documents"] == 4
    lost += max(0, 4 - report["documents"])
    # 2. random kills while documents are being written; each run must keep everything stored before it
    rng = random.Random(8)
    total = len(list(corpus.iterdir()))
    for _ in range(12 if long_mode else 1):
        before = stored_documents(db)
        if before >= total:
            break
        proc = start_run(corpus, db)
        wait_for_documents(db, proc, before + 1)
        time.sleep(rng.uniform(0, 1.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
        after = check(db)["documents"]
        lost += max(0, before - after)
        assert after >= before, "a kill lost documents already stored"
    # 3. re-run to completion
    p = run_cli("run", corpus, "--db", db, "--quiet")
    assert p.returncode == 0, p.stderr.decode()
    report = check(db)
    assert report["pending_mentions"] == 0, "mentions stored before the kill were not fused by the next run"
    events, documents = exports(db)
    ref_events, ref_documents = reference
    assert [d["doc_id"] for d in documents] == [d["doc_id"] for d in ref_documents]
    assert len({e["event_id"] for e in events}) == len(events), "duplicate event ids"
    assert events == ref_events, "a killed-then-resumed batch must end where an uninterrupted one does"
    # 4. idempotent afterwards
    p = run_cli("run", corpus, "--db", db)
    assert p.returncode == 0 and b"0 new" in p.stderr and b"0 new events" in p.stderr, p.stderr.decode()
    assert exports(db) == (events, documents)
    record_figure("crash", backend=backend, documents=total, sigkills=kills, documents_lost=lost, events=len(events),
                  duplicates=len(events) - len({e["event_id"] for e in events}))


def read_until(stream, needle: bytes) -> bytes:
    """Read a child's pipe line by line until a line holds ``needle`` (or the pipe closes); return what was read."""
    seen = b""
    for line in iter(stream.readline, b""):
        seen += line
        if needle in line:
            break
    return seen


def test_two_runs_at_once_one_waits_with_a_message_and_both_finish(corpus, reference, store_target, backend,
                                                                   record_figure, tmp_path):
    db = store_target
    release = tmp_path / "release"
    first = start_run(corpus, db, SITREP_FAULT_HOLD=f"a02.txt:{release}")  # holds the store until released
    wait_for_documents(db, first, 1)
    second = start_run(corpus, db)
    told = read_until(second.stderr, b"waiting")  # the second run says it waits; only then is the first let go
    release.touch()
    out2, err2 = second.communicate(timeout=600)
    err2 = told + err2
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, err1.decode()
    assert second.returncode == 0, err2.decode()
    assert b"another `sitrep run` (pid " in err2 and b"waiting" in err2, err2.decode()
    report = check(db)
    assert report["pending_mentions"] == 0
    assert exports(db) == reference
    record_figure("concurrency-wait", backend=backend, runs=2, both_exit_0=True, documents_lost=0)


def test_no_wait_refuses_with_a_clear_message_while_a_run_holds_the_store(corpus, store_target):
    db = store_target
    first = start_run(corpus, db, SITREP_FAULT_SLOW="a01.txt:600")
    try:
        wait_for_documents(db, first, 1)
        p = run_cli("run", corpus, "--db", db, "--no-wait", timeout=60)
        assert p.returncode == 3, p.stderr.decode()
        assert f"error: {db}: another `sitrep run` (pid {first.pid}) is writing to this store".encode() in p.stderr
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    # the kernel (SQLite's flock) or the server (PostgreSQL's advisory lock, when the killed run's session ended)
    # dropped the lock: the next run takes the store at once and finishes the batch
    p = run_cli("run", corpus, "--db", db, "--no-wait", "--quiet")
    assert p.returncode == 0, p.stderr.decode()
    assert check(db)["documents"] == len(list(corpus.iterdir()))


def test_reads_are_answered_while_a_run_writes(corpus, store_target, tmp_path):
    """Exports (the read path `sitrep serve` uses too) never wait for a writing run and see only whole documents."""
    db = store_target
    release = tmp_path / "release"
    proc = start_run(corpus, db, SITREP_FAULT_HOLD=f"a03.txt:{release}")
    try:
        wait_for_documents(db, proc, 1)
        seen = []
        while proc.poll() is None:
            p = run_cli("export", "documents", "--db", db, "--format", "jsonl", timeout=120)
            assert p.returncode == 0, p.stderr.decode()
            seen.append(len(p.stdout.decode().splitlines()))
            if len(seen) == 2:
                assert proc.poll() is None  # two reads answered while the run holds the store
                release.touch()
        proc.wait(timeout=600)
        assert proc.returncode == 0, proc.stderr.read().decode()
        assert seen == sorted(seen) and seen[0] >= 1 and len(seen) >= 2, seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
