"""A place taken without fighting ("took control of Wad Madani ... after the army withdrew": ACLED's Non-violent
transfer of territory) changes hands like a place taken in battle: the event carries `territory` and the control
ledger records it beside the later recapture (data/lexicon.yaml `control_subs`). Articles written for this test."""
from __future__ import annotations

import json

from conftest import run_cli

ARTICLES = [
    {"id": "rsf", "title": "RSF seizes Wad Madani", "published": "2023-12-19", "outlet": "AP",
     "text": "Sudan's Rapid Support Forces took control of Wad Madani, the capital of Gezira state, on Monday after "
             "the army withdrew from the city, residents said."},
    {"id": "army", "title": "Sudan's army retakes Wad Madani from RSF", "published": "2025-01-12", "outlet": "Reuters",
     "text": "Sudan's army recaptured the city of Wad Madani, the capital of Gezira state, from the paramilitary Rapid "
             "Support Forces on Saturday, the army said."},
]


def test_a_transfer_without_fighting_is_in_the_ledger_before_the_recapture(tmp_path):
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert run_cli("run", tmp_path / "a.jsonl", "--db", tmp_path / "s.db").returncode == 0
    events = [json.loads(x) for x in run_cli("export", "events", "--db", tmp_path / "s.db", "--format",
                                             "jsonl").stdout.splitlines()]
    transfer = [e for e in events if e["sub_event_type"] == "Non-violent transfer of territory"]
    assert transfer and transfer[0]["territory"]["to_actor"] == "Rapid Support Forces", transfer
    out = run_cli("control", "--db", tmp_path / "s.db", "--json")
    assert out.returncode == 0, out.stderr
    ledger = json.loads(out.stdout)
    held = [((h["since"] or "")[:10], h["actor"], h["status"]) for p in ledger if p["place"] == "Wad Medani"
            for h in p["entries"]]
    assert ("2023-12-18", "Rapid Support Forces", "reported") in held, ledger
    assert any(a.startswith("Military Forces of Sudan") for _s, a, _st in held), ledger
