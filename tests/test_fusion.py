"""Cross-document fusion on real articles through the real command: merges, separations, stable ids, ledger.
Incremental batches, re-runs and the ledger run on SQLite and on PostgreSQL stores alike."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS, run_cli
from sitrep.store import is_url
from stores import copy_store

FUSION = FIXTURES / "fusion"


def _events(db: Path) -> list[dict]:
    p = run_cli("export", "events", "--db", db, "--format", "jsonl")
    assert p.returncode == 0, p.stderr.decode()
    return [json.loads(line) for line in p.stdout.decode().splitlines()]


def _run(db: Path, *paths) -> None:
    p = run_cli("run", *paths, "--db", db)
    assert p.returncode == 0, p.stderr.decode()


def test_two_batches_give_the_events_and_ids_of_one(seeds_db, store_target, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, (a if f.name[:3] in ("000", "001", "002") else b) / f.name)
    db = store_target  # on PostgreSQL too: two batches there give what one batch gives in SQLite
    _run(db, a)
    first = {e["event_id"] for e in _events(db)}
    _run(db, b)
    two = _events(db)
    one = _events(seeds_db)
    assert first <= {e["event_id"] for e in two}, "adding articles changed an existing event's id"
    key = lambda e: (e["event_id"], sorted(s["doc_id"] for s in e["sources"]))  # noqa: E731
    assert sorted(map(key, two)) == sorted(map(key, one))


def test_the_coalition_statement_of_december_2017_is_one_event_with_two_sources(seeds_db):
    events = [e for e in _events(seeds_db) if (e["date_start"] or "").startswith("2017-12")
              and e["event_type"] == "Strategic developments"]
    assert len(events) == 1
    ev = events[0]
    assert {s["outlet"] for s in ev["sources"]} == {"Syria News", "SMART"}
    assert ev["independent_sources"] == 2
    joined = [f for f in ev["fusion"] if f["role"] == "match"]
    assert joined and joined[0]["score"] >= 0.62
    assert any("dates overlap" in r for r in joined[0]["reasons"])


def test_three_outlets_on_one_air_raid_merge_with_every_claim(tmp_path):
    db = tmp_path / "raqqa.db"
    _run(db, FUSION / "raqqa_2015-07-05.jsonl")
    raids = [e for e in _events(db) if e["location"] == "Raqqa" and e["event_date"] == "2015-07-04"
             and len(e["sources"]) > 1]
    assert len(raids) == 1
    ev = raids[0]
    assert {s["outlet"] for s in ev["sources"]} == {"NNA", "Al-Manar", "Daily Sabah"}
    copies = [s for s in ev["sources"] if s["duplicate_of"]]
    assert len(copies) == 1 and copies[0]["outlet"] == "Al-Manar"  # the syndicated AFP copy is linked, not counted
    assert ev["independent_sources"] == 2
    assert ev["fatalities_low"] == 10 and ev["fatalities_high"] == 22 and ev["fatalities_conflict"] is True
    assert ev["fatalities"] == 22  # the party's (IS media's) figure is not the credible one
    assert "claimed 10" in ev["claims_summary"] and "(party)" in ev["claims_summary"]
    assert {e["doc_id"] for e in ev["evidence"]} == {s["doc_id"] for s in ev["sources"]}
    assert all(f["reasons"] for f in ev["fusion"] if f["role"] != "founder")


def test_same_day_strikes_on_neighbouring_towns_stay_apart(tmp_path):
    db = tmp_path / "ghouta.db"
    _run(db, FUSION / "ghouta_neighbours_2017-11-14.jsonl")
    strikes = [e for e in _events(db) if e["event_date"] == "2017-11-14" and e["location"] in ("Douma", "Harasta")]
    assert sorted(e["location"] for e in strikes) == ["Douma", "Harasta"]
    assert all(len(e["sources"]) == 1 for e in strikes)
    assert {e["fatalities"] for e in strikes} == {5, 3}


def test_rerun_changes_nothing(seeds_store, tmp_path, request):
    db = copy_store(seeds_store, tmp_path, request.getfixturevalue("pg") if is_url(seeds_store) else None)
    before = _events(db)
    _run(db, SEEDS)
    assert _events(db) == before


@pytest.mark.parametrize("name", ["Yarmouk Camp", "Yarmuk camp"])
def test_control_ledger_of_yarmouk_camp(seeds_store, name):
    p = run_cli("control", "--place", name, "--json", "--db", seeds_store)
    assert p.returncode == 0, p.stderr.decode()
    places = json.loads(p.stdout)
    assert len(places) == 1 and places[0]["place"] == "Yarmouk Camp"
    st = [e for e in places[0]["entries"] if e["kind"] == "statement"]
    shares = {(e["actor"], e["share"]) for e in st}
    assert ("Islamic State (Syria)", 0.7) in shares and ("Hayat Tahrir al Sham", 0.3) in shares
    hts = next(e for e in st if e["actor"] == "Hayat Tahrir al Sham")
    assert "30% of the camp" in hts["evidence"][0]["text"] and hts["status"] == "reported"
    assert all(e["evidence"] and e["evidence"][0]["end"] > e["evidence"][0]["start"] for e in places[0]["entries"])


def test_control_ledger_has_the_regime_advance_on_hajar_al_aswad(seeds_store):
    p = run_cli("control", "--place", "Hajr al-Aswad", "--json", "--db", seeds_store)
    assert p.returncode == 0, p.stderr.decode()
    (place,) = json.loads(p.stdout)
    adv = [e for e in place["entries"] if e["kind"] == "territory_event" and e["actor"].startswith("Military Forces of Syria")]
    assert adv and adv[0]["event_id"].startswith("EV")
    assert "gained control" in adv[0]["evidence"][0]["text"]
    assert (adv[0]["since"] or adv[0]["not_before"] or "").startswith("2018-05")


def test_control_text_output_and_unknown_place(seeds_store):
    p = run_cli("control", "--db", seeds_store)
    assert p.returncode == 0 and "Yarmouk Camp" in p.stdout.decode()
    p = run_cli("control", "--place", "Nowhereville", "--db", seeds_store)
    assert p.returncode == 0 and "no control entries" in p.stdout.decode()
