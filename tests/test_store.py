"""The store: schema migrations, one transaction per document, idempotent runs, versions of a changed file."""
from __future__ import annotations

import sqlite3

import pytest

from sitrep import PIPELINE_VERSION
from sitrep.ingest import read_paths
from sitrep.models import Block
from sitrep.pipeline import process, run
from sitrep.store import Store, StoreError, migrations

from conftest import SEEDS

ARTICLE = ("Five civilians were killed on Monday when shells hit a market in the town of Douma, "
           "the civil defence said, adding that rescue teams were still searching the rubble.\n")


def dump(db) -> dict:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in tables}
    out["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    return out


def test_new_store_is_migrated_to_the_latest_schema(tmp_path):
    with Store(tmp_path / "s.db") as s:
        assert s.schema_version == migrations()[-1][0]
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "blocks", "sentences", "mentions", "events", "event_sources", "claims", "evidence",
            "event_redirects"} <= names
    with Store(tmp_path / "s.db") as s:  # re-opening migrates nothing twice
        assert s.schema_version == migrations()[-1][0]


def test_a_store_from_a_newer_sitrep_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.db")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer than this Sitrep"):
        Store(tmp_path / "s.db")


def test_not_a_store(tmp_path):
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable Sitrep store"):
        Store(tmp_path / "junk.db")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_running_twice_changes_nothing(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as s:
        first = run([str(SEEDS)], s)
    before = dump(db)
    with Store(db) as s:
        second = run([str(SEEDS)], s)
    assert (first.new, second.new, second.unchanged) == (5, 0, 5)
    assert dump(db) == before
    assert len(before["documents"]) == 5 and len(before["sentences"]) > 50


def test_a_changed_file_is_a_new_version_that_supersedes_the_old(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as s:
        run([str(f)], s)
        (old,) = [r["doc_id"] for r in s.documents()]
        f.write_text(ARTICLE + "\nThe toll rose to seven by the evening, local sources said later on Monday.\n", encoding="utf-8")
        report = run([str(f)], s)
        assert report.new == 1
        current = list(s.documents())
        assert len(current) == 1 and current[0]["doc_id"] != old and "toll rose to seven" in current[0]["text"]
        everything = {r["doc_id"]: r["superseded_by"] for r in s.documents(include_superseded=True)}
        assert everything == {old: current[0]["doc_id"], current[0]["doc_id"]: None}


def test_the_same_content_under_two_paths_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(tmp_path / "s.db") as s:
        report = run([str(tmp_path)], s)
        assert (report.new, report.unchanged) == (1, 1)
        assert s.conn.execute("SELECT COUNT(*) FROM document_paths").fetchone()[0] == 2
        assert len(list(s.documents())) == 1


def test_a_document_is_written_whole_or_not_at_all(tmp_path):
    (raw,) = list(read_paths([str(SEEDS / "000_f0ab62f90ed1fe39.txt")]))
    processed = process(raw)
    # two blocks with one index violate the blocks' primary key half-way through the write
    processed.doc.blocks.append(Block(index=0, text="x", label="body"))
    with Store(tmp_path / "s.db") as s:
        with pytest.raises(sqlite3.IntegrityError):
            s.write_document(raw, processed, PIPELINE_VERSION)
        assert s.counts() == {k: 0 for k in s.counts()}


def test_a_new_pipeline_version_re_derives_a_stored_document(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(db) as s:
        run([str(tmp_path)], s)
        s.conn.execute("UPDATE documents SET pipeline_version = 'old'")
        report = run([str(tmp_path)], s)
        assert (report.new, report.updated) == (0, 1)
        assert s.conn.execute("SELECT pipeline_version FROM documents").fetchone()[0] == PIPELINE_VERSION
