"""A wire story's dateline ("ADDIS ABABA, Aug 7 (Reuters) - ") is parsed apart from the sentence it opens
(sitrep.dateline, sitrep.annotate): with it, the language model lost "Fighters from the Fano militia" as the subject
and the residents who spoke became the captors. The document keeps its text whole, and every evidence span still
points into it. Article written for this test."""
from __future__ import annotations

import json

from conftest import run_cli

STORY = {"id": "et", "title": "Fano militia seizes town in Ethiopia's Amhara region", "published": "2023-08-07",
         "outlet": "Reuters",
         "text": "ADDIS ABABA, Aug 7 (Reuters) - Fighters from the Fano militia took control of Lalibela, a town in "
                 "Ethiopia's Amhara region famous for its rock-hewn churches, on Sunday after clashes with the army, "
                 "residents said."}


def test_the_dateline_is_parsed_apart_and_the_evidence_still_points_into_the_text(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    assert run_cli("run", tmp_path / "a.jsonl", "--db", tmp_path / "s.db").returncode == 0
    events = [json.loads(x) for x in run_cli("export", "events", "--db", tmp_path / "s.db", "--format",
                                             "jsonl").stdout.splitlines()]
    docs = [json.loads(x) for x in run_cli("export", "documents", "--db", tmp_path / "s.db", "--format",
                                           "jsonl").stdout.splitlines()]
    text = docs[0]["text"]
    assert text.startswith("ADDIS ABABA, Aug 7 (Reuters) - Fighters"), text[:60]
    taken = [e for e in events if e["sub_event_type"] == "Non-state actor overtakes territory"]
    assert taken and taken[0]["actor1"] == "Fano Militia", [(e["sub_event_type"], e["actor1"]) for e in events]
    assert taken[0]["event_date"] == "2023-08-06"
    for e in events:
        for ev in e["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
            assert ev["text"].startswith("Fighters from the Fano militia")
