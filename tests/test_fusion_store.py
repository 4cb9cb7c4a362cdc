"""Fusion against a real store with mentions written by hand: bridging merges and redirects, incremental runs,
the upgrade of a schema-1 store; on SQLite and on PostgreSQL with the same assertions."""
from __future__ import annotations

import datetime as dt
import json

from sitrep.fuse import event_id_for, fuse, resolve_id
from sitrep.models import Evidence, ResolvedMention
from sitrep.store import Store, _split_sql, is_url, migrations

from stores import raw_connection, set_schema_version

DAY = dt.date(2017, 6, 3)


def _mention(doc_id: str, actors: list[str], text: str) -> ResolvedMention:
    return ResolvedMention(
        doc_id=doc_id, event_type="Battles", sub_event_type="Armed clash", actor1=actors[0],
        actor2=actors[1] if len(actors) > 1 else None, location="Raqqa", admin1="Ar Raqqah", country="Syria",
        latitude=35.95283, longitude=39.00788, geo_precision=1, event_date=DAY, date_start=DAY, date_end=DAY,
        time_precision=1, evidence=[Evidence(doc_id=doc_id, start=0, end=len(text), text=text)])


def _add(store: Store, doc_id: str, outlet: str, *mentions: ResolvedMention, published=DAY) -> None:
    text = " ".join(e.text for m in mentions for e in m.evidence)
    with store.transaction() as c:
        c.execute("INSERT INTO documents (doc_id, path, kind, outlet, published, text, raw, meta_json, pipeline_version, "
                  "ingested_at) VALUES (?, ?, 'txt', ?, ?, ?, ?, '{}', 'test', '2026-01-01')",
                  (doc_id, f"{doc_id}.txt", outlet, published and published.isoformat(), text, text))
        for i, m in enumerate(mentions):
            c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, ?, ?)",
                      (f"{doc_id}:{i}", doc_id, i, m.model_dump_json()))


def test_a_report_naming_both_sides_merges_two_one_sided_reports(store_target):
    store = Store(store_target)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"], "Islamic State fighters attacked positions in Raqqa"))
    _add(store, "b", "Hawar", _mention("b", ["Syrian Democratic Forces"], "SDF fighters repelled an attack in Raqqa"))
    assert fuse(store) == 2  # nothing in common between the two actors: two events
    ea, eb = event_id_for("a:0"), event_id_for("b:0")
    assert {e["event_id"] for e in store.events()} == {ea, eb}
    _add(store, "c", "SOHR", _mention("c", ["Islamic State (Syria)", "Syrian Democratic Forces"],
                                      "Islamic State fighters and the SDF clashed in Raqqa"))
    assert fuse(store) == 0
    (ev,) = list(store.events())
    assert ev["event_id"] == ea  # the older event survives
    assert resolve_id(store, eb) == ea
    assert {s["doc_id"] for s in ev["sources"]} == {"a", "b", "c"}
    merge = store.conn.execute("SELECT old_id, new_id, mention_id, score, reasons FROM fusion_merges").fetchone()
    assert tuple(merge[:3]) == (eb, ea, "c:0") and merge[3] > 0 and json.loads(merge[4])


def test_fusion_is_incremental_and_keeps_ids(store_target):
    store = Store(store_target)
    _add(store, "a", "SOHR", _mention("a", ["Islamic State (Syria)", "Syrian Democratic Forces"], "Clashes in Raqqa"))
    fuse(store)
    before = store.conn.execute("SELECT data_json FROM events").fetchone()[0]
    assert fuse(store) == 0  # nothing new: nothing changes
    assert store.conn.execute("SELECT data_json FROM events").fetchone()[0] == before
    _add(store, "b", "Reuters", _mention("b", ["Syrian Democratic Forces", "Islamic State (Syria)"],
                                         "The SDF and Islamic State clashed in Raqqa"))
    fuse(store)
    (ev,) = list(store.events())
    assert ev["event_id"] == event_id_for("a:0") and len(ev["sources"]) == 2
    assert store.conn.execute("SELECT COUNT(*) FROM fusion_members").fetchone()[0] == 2


def test_a_schema_1_store_is_refused_on_upgrade_with_the_same_ids(store_target):
    path = store_target
    dialect = "postgresql" if is_url(path) else "sqlite"
    conn = raw_connection(path)
    for stmt in _split_sql(migrations(dialect)[0][2]):
        conn.execute(stmt)
    set_schema_version(conn, path, 1)
    m = _mention("a", ["Islamic State (Syria)"], "Clashes in Raqqa")
    old_id = event_id_for("a:0")  # schema 1 made one event per mention with this id
    conn.execute("INSERT INTO documents (doc_id, path, kind, text, raw, meta_json, pipeline_version, ingested_at) "
                 "VALUES ('a', 'a.txt', 'txt', 'Clashes in Raqqa', 'Clashes in Raqqa', '{}', 'old', '2026-01-01')")
    conn.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json, event_id) VALUES ('a:0', 'a', 0, ?, ?)",
                 (m.model_dump_json(), old_id))
    conn.execute("INSERT INTO events (event_id, event_type, sub_event_type, data_json) VALUES (?, 'Battles', "
                 "'Armed clash', '{}')", (old_id,))
    conn.close()
    store = Store(path)  # migrates to the latest schema: the old events are to be fused again
    assert store.schema_version == migrations()[-1][0]
    assert list(store.events()) == []
    assert fuse(store) == 1
    (ev,) = list(store.events())
    assert ev["event_id"] == old_id and ev["fusion"][0]["role"] == "founder"


def test_undated_reports_of_two_documents_never_merge(tmp_path):
    """Issue 15: undated reports (of undated documents) merged across documents built absurd totals; the same wording does not suffice."""
    store = Store(tmp_path / "s.db")
    text = "Islamic State fighters attacked positions in Raqqa killing 12"
    undated = dict(event_date=None, date_start=None, date_end=None, time_precision=None)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"], text).model_copy(update=undated), published=None)
    other = "A monitor said Islamic State fighters attacked army positions in Raqqa on the edge of town killing 12"
    _add(store, "b", "SOHR", _mention("b", ["Islamic State (Syria)"], other).model_copy(update=undated),
         published=None)
    assert fuse(store) == 2
    dated_a = _mention("c", ["Islamic State (Syria)"], text)
    _add(store, "c", "Amaq", dated_a)
    _add(store, "d", "SOHR", _mention("d", ["Islamic State (Syria)"], other))
    fuse(store)
    ev = dict(store.conn.execute("SELECT doc_id, event_id FROM mentions").fetchall())
    assert ev["a"] != ev["b"] and ev["c"] == ev["d"]  # the same reports with their day do merge


def test_undated_news_of_dated_documents_matches_within_the_days_before_publication(tmp_path):
    """An undated report in a dated document counts as news of the days before it, for matching only."""
    store = Store(tmp_path / "s.db")
    undated = dict(event_date=None, date_start=None, date_end=None, time_precision=None)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"],
                                      "Islamic State fighters attacked positions in Raqqa killing 12").model_copy(update=undated))
    _add(store, "b", "SOHR", _mention("b", ["Islamic State (Syria)"],
                                      "A monitor said Islamic State fighters attacked army positions in Raqqa"
                                      ).model_copy(update=undated))
    old = _mention("c", ["Islamic State (Syria)"], "Islamic State fighters attacked positions in Raqqa in the past"
                   ).model_copy(update={**undated, "factuality": "historical"})
    _add(store, "c", "Hawar", old)
    fuse(store)
    ev = dict(store.conn.execute("SELECT doc_id, event_id FROM mentions").fetchall())
    assert ev["a"] == ev["b"] != ev["c"]
    (merged,) = [e for e in store.events() if len(e["sources"]) == 2]
    assert merged["event_date"] is None  # the event itself keeps no date
