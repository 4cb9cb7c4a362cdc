"""What is particular to choosing a back end: `--db postgresql://...` and `$SITREP_DB` on every command, an
unreachable database, the run lock as a PostgreSQL advisory lock, text PostgreSQL cannot hold as such, and a
SQLite store made by an earlier Sitrep (main at f22d97d) opened, migrated and written by this one."""
from __future__ import annotations

import json
import os
import shutil
import threading

import pytest

from sitrep.store import Store, migrations, redact
from sitrep.store.runlock import StoreBusy, run_lock

from conftest import FIXTURES, SEEDS, run_cli
from pg_server import free_port
from stores import count, query

OLD_STORE = FIXTURES / "stores" / "main-f22d97d-schema2.db"   # `sitrep run` of seeds 000 and 001 by main's code

COMMANDS = [
    ["run", str(SEEDS / "000_f0ab62f90ed1fe39.txt")],
    ["export", "documents", "-o", "docs.jsonl"],
    ["export", "events", "--format", "csv", "-o", "events.csv"],
    ["export", "events", "--format", "parquet", "-o", "events.parquet"],
    ["serve", "--port", "1"],
    ["brief", "-o", "brief.md"],
    ["control"],
    ["check"],
    ["info"],
]


CASES = [(args, "--db") for args in COMMANDS] + [(COMMANDS[0], "SITREP_DB"), (COMMANDS[1], "SITREP_DB")]


@pytest.mark.parametrize("args,how", CASES, ids=lambda x: " ".join(x[:2]) if isinstance(x, list) else x)
def test_an_unreachable_database_is_one_line_exit_3_and_nothing_written(args, how, tmp_path):
    url = f"postgresql://analyst:s3cret@127.0.0.1:{free_port()}/sitrep"   # nothing listens there
    work = tmp_path / "work"
    work.mkdir()
    if how == "--db":
        p = run_cli(*args, "--db", url, cwd=work)
    else:
        p = run_cli(*args, cwd=work, env={"SITREP_DB": url})
    err = p.stderr.decode()
    assert p.returncode == 3, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {redact(url)}: cannot connect to the database (")
    assert "s3cret" not in err + p.stdout.decode() and "analyst@127.0.0.1" in lines[0]
    assert list(work.iterdir()) == [], "nothing may be written when the store cannot be reached"


def test_redact_drops_the_password_and_query_parameters():
    assert redact("postgresql://u:pw@db.example:5433/events?sslmode=require&password=pw") == \
        "postgresql://u@db.example:5433/events"
    assert redact("postgres://db.example/events") == "postgres://db.example/events"
    assert redact("store.db") == "store.db"


def test_sitrep_db_names_a_server_store(seeds_pg):
    p = run_cli("info", env={"SITREP_DB": seeds_pg})
    assert p.returncode == 0, p.stderr.decode()
    info = json.loads(p.stdout)
    assert info["backend"] == "postgresql" and info["db"] == seeds_pg and info["documents"] == 5
    assert info["schema_version"] == migrations("postgresql")[-1][0]
    a = run_cli("export", "events", "--format", "jsonl", env={"SITREP_DB": seeds_pg})
    b = run_cli("export", "events", "--format", "jsonl", "--db", seeds_pg)
    assert a.returncode == 0 and a.stdout == b.stdout and a.stdout.count(b"\n") == count(seeds_pg, "events")


def test_the_run_lock_is_an_advisory_lock_with_the_same_semantics(pg_url):
    first = run_lock(pg_url)
    first.acquire(wait=False)
    try:
        with pytest.raises(StoreBusy, match=rf"another `sitrep run` \(pid {os.getpid()}\) is writing to this store"):
            run_lock(pg_url).acquire(wait=False)
        # a waiting run says once who it waits for, and takes the lock as soon as the holder lets go
        second, told, done = run_lock(pg_url), threading.Event(), threading.Event()
        messages: list[str] = []

        def waiter() -> None:
            second.acquire(wait=True, on_wait=lambda msg: (messages.append(msg), told.set()), poll=0.05)
            done.set()

        t = threading.Thread(target=waiter)
        t.start()
        assert told.wait(60) and not done.is_set()
    finally:
        first.release()
    t.join(60)
    assert done.is_set() and len(messages) == 1 and f"pid {os.getpid()}" in messages[0] and "waiting" in messages[0]
    with pytest.raises(StoreBusy):
        run_lock(pg_url).acquire(wait=False)
    second.release()
    third = run_lock(pg_url)
    third.acquire(wait=False)   # released: free again
    third.release()


def test_text_with_nul_characters_is_stored_on_both_back_ends(store_target, tmp_path):
    """PostgreSQL text cannot hold U+0000: it is stored as U+FFFD, one character for one, so offsets hold."""
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    text = ("Five civilians were killed on Monday when shells hit a market in the town of Douma,\u0000 the civil "
            "defence said.\n")
    feed.write_text(json.dumps({"id": "nul", "text": text, "title": "Shelling\u0000 of Douma"}) + "\n", encoding="utf-8")
    p = run_cli("run", feed, "--db", store_target)
    assert p.returncode == 0, p.stderr.decode()
    report = json.loads(run_cli("check", "--db", store_target).stdout)
    assert report["ok"] and report["documents"] == 1, report
    (raw, title) = query(store_target, "SELECT raw, title FROM documents")[0]
    assert len(raw) == len(text) and raw.replace("\ufffd", "\u0000") == text
    assert title.replace("\ufffd", "\u0000") == "Shelling\u0000 of Douma"


def test_a_store_made_by_an_earlier_sitrep_is_migrated_and_keeps_working(tmp_path, seeds_db):
    db = tmp_path / "old.db"
    shutil.copy(OLD_STORE, db)
    p = run_cli("check", "--db", db)
    assert p.returncode == 0 and json.loads(p.stdout)["ok"], p.stdout.decode()
    before = run_cli("export", "events", "--format", "jsonl", "--db", db).stdout
    assert before.count(b"\n") == 5
    some = tmp_path / "some"
    some.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(f, some / f.name)
    p = run_cli("run", some, "--db", db)   # opening for writing migrates to the latest schema
    assert p.returncode == 0 and b"(0 new" in p.stderr, p.stderr.decode()
    with Store(db, readonly=True) as s:
        assert s.schema_version == migrations("sqlite")[-1][0]
    p = run_cli("run", SEEDS, "--db", db)   # the rest of the batch joins the old events
    assert p.returncode == 0 and b"3 new" in p.stderr, p.stderr.decode()
    report = json.loads(run_cli("check", "--db", db).stdout)
    assert report["ok"] and report["pending_mentions"] == 0 and report["documents"] == 5, report
    events = [json.loads(x) for x in run_cli("export", "events", "--format", "jsonl", "--db", db).stdout.splitlines()]
    assert len({e["event_id"] for e in events}) == len(events)
    docs = {json.loads(x)["doc_id"] for x in run_cli("export", "documents", "--db", db).stdout.splitlines()}
    assert docs == {r[0] for r in query(seeds_db, "SELECT doc_id FROM documents")}
