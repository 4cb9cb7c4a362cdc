"""'In a separate attack' opens another event of the same day, not an earlier one: it keeps its toll and the
lead's date, and fuses with another outlet's report of it, while the other strike of the same day stays apart
(data/dates.yaml: 'a separate' is a separate-event cue, no background cue). Articles written for this test."""
from __future__ import annotations

import json

import pytest
from conftest import run_cli

ARTICLES = [
    {"id": "both", "title": "Russian strikes kill 5 in Odesa and 3 in Kharkiv", "published": "2024-06-01",
     "outlet": "Reuters",
     "text": "Russian missile strikes killed five people in the southern port of Odesa on Friday, regional governor "
             "Oleh Kiper said. In a separate attack, a glide bomb hit a house in Kharkiv, killing three people, "
             "officials said."},
    {"id": "odesa", "title": "Odesa missile attack kills five", "published": "2024-06-01",
     "outlet": "Kyiv Independent",
     "text": "A Russian missile attack on Odesa on May 31 killed five people and injured 12, Governor Oleh Kiper "
             "reported."},
    {"id": "kharkiv", "title": "Glide bomb kills 3 in Kharkiv", "published": "2024-06-02", "outlet": "Ukrainska Pravda",
     "text": "Three people were killed when a Russian guided aerial bomb struck a private house in Kharkiv on Friday "
             "evening, Mayor Ihor Terekhov said on Saturday."},
]


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    d = tmp_path_factory.mktemp("separate")
    (d / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert run_cli("run", d / "a.jsonl", "--db", d / "s.db").returncode == 0
    out = run_cli("export", "events", "--db", d / "s.db", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def _outlets(e: dict) -> set[str]:
    return {s["outlet"] for s in e["sources"]}


def test_the_separate_attack_is_reported_news_with_its_toll_and_date(events):
    kharkiv = [e for e in events if e["location"] == "Kharkiv"]
    assert [(e["event_date"], e["fatalities"], e["factuality"]) for e in kharkiv] == [("2024-05-31", 3, "reported")]


def test_each_strike_fuses_with_its_other_report_and_never_with_the_other_strike(events):
    by_place = {e["location"]: _outlets(e) for e in events}
    assert by_place == {"Odesa": {"Reuters", "Kyiv Independent"}, "Kharkiv": {"Reuters", "Ukrainska Pravda"}}, by_place
