"""A document's background mention of an earlier strike ("two weeks after an air strike hit an aid convoy ... on
September 19", factuality historical) is no source of another document's news event carrying that strike's dead:
it stays the document's own historical record, so the other article's toll never passes for this article's event
(issue 15; data/fusion.yaml ``background``). In either order the two documents are fused. Articles written for
this test. The same for a news clause dated by its background clause ("Elsewhere, air raids hit Urum al-Kubra,
where a deadly attack on an aid convoy took place on 19 September": reported, dated 19 September, weeks before its
article; ``background.days_before_published``)."""
from __future__ import annotations

import json

import pytest
from conftest import run_cli

CONVOY = {"id": "convoy", "title": "Air strike on aid convoy near Aleppo kills 20", "published": "2016-09-20",
          "outlet": "Wire A",
          "text": "An air strike hit a humanitarian aid convoy in Urum al-Kubra in Aleppo province on Monday, killing "
                  "20 aid workers and drivers and destroying 18 trucks, the Syrian Arab Red Crescent said. The United "
                  "Nations suspended all aid convoys to Syria after the attack."}
LATER = {"id": "later", "title": "Shelling kills eleven in Aleppo", "published": "2016-10-07", "outlet": "Wire B",
         "text": "Rebel shelling killed eleven people in a government-held district of Aleppo on Thursday, state "
                 "media said. The shelling came two weeks after an air strike hit an aid convoy in Urum al-Kubra on "
                 "September 19."}


ASIDE = dict(LATER, text="Rebel shelling killed eleven people in a government-held district of Aleppo on Thursday, "
                         "state media said. Elsewhere, air raids hit Urum al-Kubra, where a deadly attack on an aid "
                         "convoy took place on 19 September.")


def _events(d, articles) -> list[dict]:
    (d / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    assert run_cli("run", d / "a.jsonl", "--db", d / "s.db").returncode == 0
    out = run_cli("export", "events", "--db", d / "s.db", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="module", params=["news first", "background first"])
def events(request, tmp_path_factory) -> list[dict]:
    order = [CONVOY, LATER] if request.param == "news first" else [LATER, CONVOY]
    return _events(tmp_path_factory.mktemp("background"), order)


def _outlets(e: dict) -> set[str]:
    return {s["outlet"] for s in e["sources"]}


def test_the_convoy_strikes_toll_has_only_its_own_report_as_source(events):
    tolls = [(e["fatalities"], _outlets(e)) for e in events if e["sub_event_type"] == "Air/drone strike"
             and e["fatalities"]]
    assert tolls == [(20, {"Wire A"})], tolls


def test_the_background_mention_stays_the_later_articles_historical_record(events):
    mine = [e for e in events if _outlets(e) == {"Wire B"} and e["sub_event_type"] == "Air/drone strike"]
    assert [(e["event_date"], e["factuality"], e["fatalities"]) for e in mine] == [("2016-09-19", "historical", None)]


def test_the_later_articles_own_news_keeps_its_toll(events):
    assert [e["fatalities"] for e in events if _outlets(e) == {"Wire B"} and e["factuality"] != "historical"] == [11]


@pytest.fixture(scope="module")
def aside_events(tmp_path_factory) -> list[dict]:
    return _events(tmp_path_factory.mktemp("aside"), [CONVOY, ASIDE])


def test_a_dated_aside_is_no_source_of_the_earlier_strikes_toll(aside_events):
    strikes = sorted((e["fatalities"] or 0, sorted(_outlets(e))) for e in aside_events
                     if e["sub_event_type"] == "Air/drone strike")
    assert strikes == [(0, ["Wire B"]), (20, ["Wire A"])], strikes
