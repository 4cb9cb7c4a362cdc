"""`sitrep brief` and the Parquet export, on the seeds' store, through the real command."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from conftest import FIXTURES, run_cli


@pytest.fixture(scope="module")
def brief_md(seeds_db) -> str:
    p = run_cli("brief", "--db", seeds_db)
    assert p.returncode == 0, p.stderr.decode()
    return p.stdout.decode()


def section(md: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1)


def test_brief_states_competing_death_claims_with_their_claimants(brief_md):
    deaths = section(brief_md, "Deaths and competing claims")
    [line] = [ln for ln in deaths.splitlines() if "competing claims" in ln]
    # Amaq (the Islamic State's agency, a party) claims; SOHR (a monitor) reports
    assert "Amaq claimed 30 killed" in line
    assert "SOHR reported 1 killed" in line
    assert "Yarm" in line  # the place they are about
    assert "Enab Baladi" in line and "Zaman al-Wasl" in line  # each figure's article is cited
    summary = section(brief_md, "Summary")
    assert re.search(r"Competing death claims for .*Yarm.*Amaq claimed 30.*SOHR reported 1", summary)


def test_brief_lists_control_changes(brief_md):
    control = section(brief_md, "Control changes")
    lines = [ln for ln in control.splitlines() if ln.startswith("- ")]
    assert any("Yarmouk Camp: Islamic State (Syria) took control from Hayat Tahrir al Sham" in ln for ln in lines)
    assert any("Eastern Qalamoun: Free Syrian Army took control from Islamic State (Syria)" in ln for ln in lines)
    assert any("al-Hajar al-Aswad: Military Forces of Syria (2000-2024) took control" in ln for ln in lines)


def test_every_statement_cites_outlet_date_and_document(brief_md, seeds_db):
    doc_ids = [r[0] for r in sqlite3.connect(seeds_db).execute("SELECT doc_id FROM documents")]
    statements = [ln for ln in brief_md.split("## Sources")[0].splitlines() if ln.startswith("- ")]
    assert len(statements) > 20
    for ln in statements:
        cites = re.findall(r"\\\[(.*?)\\\]$", ln)
        assert cites, ln
        for c in cites[0].split("; "):
            outlet, date, doc = c.rsplit(", ", 2)
            assert outlet and (date == "undated" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date))
            assert any(d.startswith(doc.removeprefix("doc ")) for d in doc_ids), c


def test_historical_events_are_kept_apart(brief_md):
    dev = section(brief_md, "Key developments by area")
    assert "April 2015" not in dev
    assert "April 2015" in section(brief_md, "Historical background (not counted)")


def test_brief_filters_by_place_and_period(seeds_db):
    p = run_cli("brief", "--db", seeds_db, "--place", "Eastern Qalamoun")
    md = p.stdout.decode()
    assert p.returncode == 0 and "Eastern Qalamoun" in md
    assert "Yarmouk" not in section(md, "Key developments by area")
    p = run_cli("brief", "--db", seeds_db, "--since", "2018-05-01", "--until", "2018-05-31")
    dev = section(p.stdout.decode(), "Key developments by area")
    assert "2018-05-07" in dev and "2017-12-01" not in dev
    p = run_cli("brief", "--db", seeds_db, "--since", "May 2018")
    assert p.returncode == 2 and b"--since" in p.stderr


def test_threats_are_a_section_of_their_own(tmp_path):
    db = tmp_path / "t.db"
    assert run_cli("run", FIXTURES / "web" / "threat.jsonl", "--db", db).returncode == 0
    events = [json.loads(ln) for ln in run_cli("export", "events", "--db", db).stdout.decode().splitlines()]
    [threat] = [e for e in events if e["factuality"] == "threatened"]
    assert threat["location"] == "al-Hajar al-Aswad"
    md = run_cli("brief", "--db", db).stdout.decode()
    assert "al-Hajar al-Aswad" in section(md, "Threats and plans (not events)")
    assert "al-Hajar al-Aswad" not in section(md, "Key developments by area")
    assert "Yarm" in section(md, "Key developments by area")


def test_html_brief_escapes_article_text(tmp_path):
    db = tmp_path / "h.db"
    assert run_cli("run", FIXTURES / "web" / "hostile.jsonl", "--db", db).returncode == 0
    html = run_cli("brief", "--db", db, "--format", "html").stdout.decode()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned=&#x27;title&#x27;&lt;/script&gt;" in html
    assert "Example Wire &lt;img src=x" in html
    md = run_cli("brief", "--db", db).stdout.decode()
    assert not re.search(r"(?<!\\)<(?!https?://)[a-zA-Z/]", md)  # every '<' of article text is escaped
    assert "\\<script\\>" in md


def test_parquet_export_round_trips(seeds_db, tmp_path):
    import duckdb

    out = tmp_path / "events.parquet"
    p = run_cli("export", "events", "--db", seeds_db, "--format", "parquet", "-o", out)
    assert p.returncode == 0, p.stderr.decode()
    jsonl = [json.loads(ln) for ln in run_cli("export", "events", "--db", seeds_db).stdout.decode().splitlines()]
    con = duckdb.connect()
    rows = con.execute(f"SELECT event_id, CAST(event_date AS VARCHAR), fatalities, latitude, len(evidence), "
                       f"claims, sources[1].outlet, territory.to_actor FROM '{out}' ORDER BY event_id").fetchall()
    by_id = {e["event_id"]: e for e in jsonl}
    assert len(rows) == len(jsonl)
    for eid, date, fat, lat, n_ev, claims, outlet, to_actor in rows:
        e = by_id[eid]
        assert (date, fat, lat, n_ev, outlet) == (e["event_date"], e["fatalities"], e["latitude"], len(e["evidence"]),
                                                  e["sources"][0]["outlet"])
        assert [(c["claimant"], json.loads(c["value"]) if c["value"] else None) for c in claims] == \
               [(c["claimant"], c["value"]) for c in e["claims"]]
        assert to_actor == (e["territory"] or {}).get("to_actor")
    # to stdout as well (a temporary file underneath: Parquet needs a seekable file)
    p = run_cli("export", "events", "--db", seeds_db, "--format", "parquet")
    assert p.returncode == 0 and p.stdout[:4] == b"PAR1" and p.stdout[-4:] == b"PAR1"


def test_brief_says_who_holds_what(brief_md):
    pytest.importorskip("sitrep.control")
    ledger = section(brief_md, "Who holds what (control ledger)")
    [line] = [ln for ln in ledger.splitlines() if ln.startswith("- Yarmouk Camp")]
    assert "Islamic State (Syria) holds 70%" in line and "Hayat Tahrir al Sham holds 30%" in line
    assert "according to Syria News" in line and "Syria News, undated, doc" in line
