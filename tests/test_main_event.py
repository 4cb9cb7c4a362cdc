"""The story's main event (issue 15): each document row names the event its headline and lead report
(``main_event`` in ``export documents``), stored by schema 3 on both back ends, followed through fusion, and the
brief and the page lead with it."""
from __future__ import annotations

import json
import shutil

from conftest import FIXTURES, SEEDS, run_cli
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process
from stores import query

OLD_STORE = FIXTURES / "stores" / "main-f22d97d-schema2.db"


def processed(text: str, title: str):
    raw = RawDocument(doc_id=doc_id_for("txt", title + text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(title=title))
    return process(raw)


def test_the_main_event_is_the_leads_news_of_the_headlines_kind():
    p = processed("Air strikes killed 12 civilians in the town of Saraqib in Idlib province on Tuesday, a monitor "
                  "said.\n\nRebels shelled government positions in the city of Hama on Monday.\n\n"
                  "Last year a car bomb killed 30 people in Aleppo.",
                  "Air strikes kill 12 in Idlib")
    assert p.main_mention is not None
    main = p.mentions[p.main_mention]
    assert main.sub_event_type == "Air/drone strike"
    assert main.fatalities == 12 and main.location == "Saraqib"
    assert main.evidence[0].text.startswith("Air strikes killed 12")


def test_a_story_whose_headline_names_no_event_leads_with_its_first_news():
    p = processed("Rebels shelled government positions in the city of Hama on Monday, killing four soldiers.\n\n"
                  "On Tuesday, clashes broke out near Aleppo.", "A hard week for Hama")
    assert p.mentions[p.main_mention].evidence[0].text.startswith("Rebels shelled")


def test_no_event_no_main_event():
    p = processed("The weather was mild and the markets were open on Sunday.", "A quiet day")
    assert p.mentions == [] and p.main_mention is None


def docs_and_events(target) -> tuple[list[dict], dict[str, dict]]:
    docs = [json.loads(x) for x in run_cli("export", "documents", "--db", target).stdout.splitlines()]
    events = {e["event_id"]: e for e in map(json.loads, run_cli(
        "export", "events", "--format", "jsonl", "--db", target).stdout.splitlines())}
    return docs, events


def test_documents_export_names_each_storys_main_event(seeds_store):
    docs, events = docs_and_events(seeds_store)
    assert len(docs) == 5
    by_title = {}
    for d in docs:
        assert d["main_event"] in events, d["title"]   # every seed reports an event; the id is an exported event
        ev = events[d["main_event"]]
        assert d["doc_id"] in {s["doc_id"] for s in ev["sources"]}
        assert ev["factuality"] in ("reported", "claimed")
        by_title[d["title"]] = ev
    capture = by_title["Islamic State captures 2 neighborhoods south of Damascus"]
    assert capture["sub_event_type"] == "Non-state actor overtakes territory"
    assert capture["actor1"] == "Islamic State (Syria)"
    # the lead ("Regime forces began bombarding ...") and not a clash told further down
    offensive = next(ev for t, ev in by_title.items() if t.startswith("Regime forces begin major offensive"))
    assert offensive["event_type"] == "Explosions/Remote violence"


def test_main_event_follows_merges_and_a_store_from_an_earlier_sitrep_gets_it(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(OLD_STORE, db)
    p = run_cli("export", "documents", "--db", db)   # read-only, schema 2: no main events yet, no error
    assert p.returncode == 0 and all(json.loads(x)["main_event"] is None for x in p.stdout.splitlines())
    p = run_cli("run", SEEDS, "--db", db)   # migrates to schema 3 and re-derives the old documents
    assert p.returncode == 0, p.stderr.decode()
    assert json.loads(run_cli("check", "--db", db).stdout)["ok"]
    docs, events = docs_and_events(db)
    assert len(docs) == 5 and all(d["main_event"] in events for d in docs)
    # the stored mention index and the mention's (possibly merged) event agree with the export
    rows = dict(query(db, "SELECT d.doc_id, m.event_id FROM documents d JOIN mentions m ON m.doc_id = d.doc_id "
                          "AND m.idx = d.main_mention"))
    assert {d["doc_id"]: d["main_event"] for d in docs} == rows
    p = run_cli("run", SEEDS, "--db", db)   # a re-run changes nothing
    assert docs_and_events(db)[0] == docs


def test_the_brief_leads_with_the_stories_main_events(seeds_db):
    md = run_cli("brief", "--db", seeds_db).stdout.decode()
    sections = [ln[3:] for ln in md.splitlines() if ln.startswith("## ")]
    assert sections[:2] == ["Summary", "Lead stories"]
    lead = md.split("## Lead stories", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in lead.splitlines() if ln.startswith("- ")]
    docs, events = docs_and_events(seeds_db)
    assert len(lines) == len({d["main_event"] for d in docs})
    assert any("Non-state actor overtakes territory" in ln and "Islamic State captures 2 neighborhoods" in ln
               for ln in lines)
