"""A toll the article tells as news ("On Tuesday, 12 people were killed in an explosion in Maarat al-Numan") is not
lost in an event the same article tells as history ("In March 2015, air strikes on the market of Maarat al-Numan
killed 40 people", months before its publication): a historical event's figure is no event's fatalities, so the
news toll, joined to it as a figure-only sentence (``merge.attach_figures``), vanished from the export. It joins a
historical event only when it repeats that event's figure; otherwise it stands as the article's news event with its
toll (issue 15, branches ``events12``, ``events14``). Articles written for this test, one per way of telling the toll
alone. The extraction is tested with the story model off: the retrained toll ranker then picks the historical 40 over
the news event's 12 on these articles (a figure told only as history is still a toll candidate; excluding it was tried
in session 14 and moved unread figures the wrong way, docs/EVALUATION.md)."""
from __future__ import annotations

import json

import pytest
from conftest import run_cli

HISTORY = "In March 2015, air strikes on the market of Maarat al-Numan killed 40 people. "
NEWS = {
    "weak word": "On Tuesday, 12 people were killed in an explosion in Maarat al-Numan, the Syrian Observatory for "
                 "Human Rights said.",
    "toll rose": "On Tuesday the death toll in Maarat al-Numan rose to 12, the Syrian Observatory for Human Rights "
                 "said.",
}
AGAIN = "The March 2015 air strikes on the market killed 40 people, the Syrian Observatory for Human Rights said."


def _events(d, text: str) -> list[dict]:
    art = {"id": "a", "title": "Explosion in Idlib town", "published": "2016-07-15", "outlet": "Wire",
           "text": "Explosion in Idlib town\n\n" + text}
    (d / "a.jsonl").write_text(json.dumps(art) + "\n", encoding="utf-8")
    assert run_cli("run", d / "a.jsonl", "--db", d / "s.db", env={"SITREP_STORY_MODEL": "none"}).returncode == 0
    out = run_cli("export", "events", "--db", d / "s.db", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.mark.parametrize("way", sorted(NEWS))
def test_a_news_toll_after_a_historical_event_keeps_its_figure(way, tmp_path):
    events = _events(tmp_path, HISTORY + NEWS[way])
    assert [e["fatalities"] for e in events if e["fatalities"]] == [12], [
        (e["sub_event_type"], e["event_date"], e["factuality"], e["fatalities"]) for e in events]
    history = [e for e in events if e["event_date"] == "2015-03-01"]
    assert history and all(e["factuality"] == "historical" and not e["fatalities"] for e in history)


def test_the_historical_events_own_figure_told_again_stays_with_it(tmp_path):
    events = _events(tmp_path, HISTORY + AGAIN)
    assert not any(e["fatalities"] for e in events), [(e["sub_event_type"], e["fatalities"]) for e in events]
