"""The store: schema migrations, one transaction per document, idempotent runs, versions of a changed file.
Every test that takes ``store_target`` runs on SQLite and on PostgreSQL with the same assertions."""
from __future__ import annotations

import pytest

from sitrep import PIPELINE_VERSION
from sitrep.ingest import read_paths
from sitrep.models import Block
from sitrep.pipeline import process, run
from sitrep.store import Store, StoreError, migrations

from conftest import SEEDS
from stores import raw_connection, set_schema_version

ARTICLE = ("Five civilians were killed on Monday when shells hit a market in the town of Douma, "
           "the civil defence said, adding that rescue teams were still searching the rubble.\n")


def dump(target) -> dict:
    """Every row of every table, and the schema version."""
    with Store(target, readonly=True) as s:
        out = {t: sorted(map(tuple, s.conn.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in s.table_names()}
        out["schema_version"] = s.schema_version
    return out


def test_new_store_is_migrated_to_the_latest_schema(store_target):
    with Store(store_target) as s:
        assert s.schema_version == migrations(s.dialect)[-1][0]
        names = set(s.table_names())
    assert {"documents", "blocks", "sentences", "mentions", "events", "event_sources", "claims", "evidence",
            "event_redirects", "fusion_events", "fusion_rtree", "fusion_members", "control_statements"} <= names
    with Store(store_target) as s:  # re-opening migrates nothing twice
        assert s.schema_version == migrations(s.dialect)[-1][0]


def test_both_back_ends_have_every_migration_and_the_same_tables(store_target):
    assert [v for v, _, _ in migrations("sqlite")] == [v for v, _, _ in migrations("postgresql")]
    assert [v for v, _, _ in migrations("sqlite")] == list(range(1, len(migrations("sqlite")) + 1))
    with Store(store_target) as s:
        columns = {t: [r[0] for r in s.conn.execute(f"SELECT * FROM {t} WHERE 1 = 0").description]
                   for t in s.table_names()}
    # the same tables and columns on both back ends (PostgreSQL adds ingest_seq: SQLite's rowid)
    expected = {"documents", "document_paths", "blocks", "sentences", "entities", "mentions", "events",
                "event_sources", "claims", "evidence", "event_redirects", "fusion_events", "fusion_rtree",
                "fusion_members", "fusion_merges", "doc_minhash", "doc_duplicates", "fusion_docs", "control_statements"}
    assert set(columns) == expected
    assert [c for c in columns["documents"] if c != "ingest_seq"][-2:] == ["ingested_at", "main_mention"]  # schema 3
    assert columns["fusion_rtree"] == ["rid", "day_lo", "day_hi", "lat_lo", "lat_hi", "lon_lo", "lon_hi"]


def test_a_store_from_a_newer_sitrep_is_refused(store_target):
    with Store(store_target):
        pass
    conn = raw_connection(store_target)
    set_schema_version(conn, store_target, 999)
    conn.close()
    with pytest.raises(StoreError, match="newer than this Sitrep"):
        Store(store_target)
    with pytest.raises(StoreError, match="newer than this Sitrep"):
        Store(store_target, readonly=True)


def test_a_database_holding_other_tables_is_not_a_store(pg_url):
    conn = raw_connection(pg_url)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not a Sitrep store"):
        Store(pg_url, readonly=True)
    with pytest.raises(StoreError, match="not a usable Sitrep store") as e:
        Store(pg_url)
    assert "\n" not in str(e.value) and str(e.value).startswith(pg_url)


def test_not_a_store(tmp_path):
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable Sitrep store"):
        Store(tmp_path / "junk.db")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_running_twice_changes_nothing(store_target):
    db = store_target
    with Store(db) as s:
        first = run([str(SEEDS)], s)
    before = dump(db)
    with Store(db) as s:
        second = run([str(SEEDS)], s)
    assert (first.new, second.new, second.unchanged) == (5, 0, 5)
    assert dump(db) == before
    assert len(before["documents"]) == 5 and len(before["sentences"]) > 50


def test_a_changed_file_is_a_new_version_that_supersedes_the_old(store_target, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    db = store_target
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


def test_the_same_content_under_two_paths_is_one_document(store_target, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(store_target) as s:
        report = run([str(tmp_path / "in")], s)
        assert (report.new, report.unchanged) == (1, 1)
        assert s.conn.execute("SELECT COUNT(*) FROM document_paths").fetchone()[0] == 2
        assert len(list(s.documents())) == 1


def test_a_document_is_written_whole_or_not_at_all(store_target):
    (raw,) = list(read_paths([str(SEEDS / "000_f0ab62f90ed1fe39.txt")]))
    processed = process(raw)
    # two blocks with one index violate the blocks' primary key half-way through the write
    processed.doc.blocks.append(Block(index=0, text="x", label="body"))
    with Store(store_target) as s:
        with pytest.raises(s.IntegrityError):
            s.write_document(raw, processed, PIPELINE_VERSION)
        assert s.counts() == {k: 0 for k in s.counts()}


def test_a_new_pipeline_version_re_derives_a_stored_document(store_target, tmp_path):
    db = store_target
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(db) as s:
        run([str(tmp_path / "in")], s)
        s.conn.execute("UPDATE documents SET pipeline_version = 'old'")
        report = run([str(tmp_path / "in")], s)
        assert (report.new, report.updated) == (0, 1)
        assert s.conn.execute("SELECT pipeline_version FROM documents").fetchone()[0] == PIPELINE_VERSION


FAKES = SEEDS.parent.parent.parent / "shared" / "data" / "fa-kes-dev.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="the shared FA-KES dev set is not on this machine")
def test_one_sentence_about_two_towns_gives_two_events_that_check_accepts(tmp_path):
    """'more than 100 civilians were killed in regime-bombardment on Idlip and Aleppo': one sentence, one sub-event
    type, two places, so two events on the same evidence. `sitrep check` flagged them as duplicates; a duplicate is
    the same evidence, sub-event type AND place."""
    import csv
    import json
    import sqlite3

    from conftest import run_cli

    row = next(r for r in csv.DictReader(FAKES.open(encoding="utf-8")) if r["unit_id"] == "1923102926")
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": row["unit_id"], "title": row["article_title"], "text": row["article_content"],
                               "outlet": row["source"]}) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    assert run_cli("run", src, "--db", db, "--workers", "0").returncode == 0
    conn = sqlite3.connect(db)
    shared = conn.execute(
        'SELECT e.start, e."end", COUNT(DISTINCT ev.event_id), COUNT(DISTINCT ev.latitude || "," || ev.longitude) '
        "FROM evidence e JOIN mentions m USING (mention_id) JOIN events ev ON ev.event_id = m.event_id "
        "WHERE e.text LIKE '%Idlip and Aleppo%' GROUP BY e.start, e.\"end\"").fetchall()
    conn.close()
    assert shared and shared[0][2] >= 2 and shared[0][3] >= 2  # the premise: two events, two places, one span
    out = run_cli("check", "--db", db)
    assert out.returncode == 0, out.stdout.decode() + out.stderr.decode()
    assert json.loads(out.stdout)["problems"] == []
