"""`sitrep eval` on every kind of gold, and the benchmark script on a tiny corpus (real pipeline, real store, real
files, real subprocesses). The shared scorers and data are used only where present (they are not in the repo)."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli

SHARED = ROOT.parent / "shared"

ARTICLES = [  # (FA-KES-like row: governorate, perpetrator, cause, civilians, text)
    ("aleppo", "syrian government or russian troops", "shelling", 5,
     "Regime shelling kills five in Aleppo",
     "Five civilians were killed on Monday when Syrian regime forces shelled the Bustan al-Qasr neighbourhood of "
     "Aleppo city, the Syrian Observatory for Human Rights said."),
    ("idlib", "the organization of the islamic state in iraq and the levant - isis", "explosion", 0,
     "Car bomb in Idlib",
     "A car bomb exploded in the city of Idlib on Tuesday, Islamic State said in a statement, and rescuers were "
     "searching the rubble."),
]


def write_fakes(path: Path) -> Path:
    cols = ["unit_id", "article_title", "article_content", "source", "date", "location", "actor", "cause_of_death",
            "nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for i, (gov, actor, cause, civ, title, body) in enumerate(ARTICLES):
            w.writerow({"unit_id": f"a{i}", "article_title": title, "article_content": body, "source": "test",
                        "date": "", "location": gov, "actor": actor, "cause_of_death": cause, "nb_children": 0,
                        "nb_civilians": civ, "nb_noncivilians": 0, "nb_women": 0, "label": 1})
    return path


def test_events_scorer_on_a_hand_made_export(tmp_path):
    """The seeds rules on a gold file and an export written by hand: one right event, one forbidden one."""
    from sitrep.evalsets import events_summary, score_events

    gold = {"places": {"Douma": {"lat": 33.57, "lon": 36.40}, "Moscow": {"lat": 55.75, "lon": 37.62}},
            "actors": {"regime": ["Military Forces of Syria", "Syrian regime"]},
            "docs": {"a.txt": {"events": [{"id": "g1", "required": True, "event_type": ["Explosions/Remote violence"],
                                           "sub_event_type": ["Air/drone strike"], "place": "Douma",
                                           "actors": ["regime"], "date": "2018-02-20", "fatalities": [5]}],
                               "forbidden": [{"near": "Moscow", "within_km": 100, "why": "not in Russia"}],
                               "boilerplate": ["Share this"], "keep": ["Five civilians were killed"]}}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    docs = [{"doc_id": "D1", "path": "/x/a.txt", "text": "Five civilians were killed in Douma."}]
    events = [{"event_id": "E1", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
               "actor1": "Military Forces of Syria (2000-)", "latitude": 33.575, "longitude": 36.405,
               "event_date": "2018-02-20", "fatalities": 4, "sources": [{"doc_id": "D1"}]},
              {"event_id": "E2", "event_type": "Battles", "latitude": 55.7, "longitude": 37.6,
               "sources": [{"doc_id": "D1"}]}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    (tmp_path / "ev.jsonl").write_text("\n".join(json.dumps(e) for e in events), encoding="utf-8")
    rep = score_events(tmp_path / "gold.json", tmp_path / "ev.jsonl", tmp_path / "docs.jsonl")
    T = rep["totals"]
    assert (T["found_required"], T["required"], T["junk"], T["predicted"]) == (1, 1, 1, 2)
    assert T["fields"] == {"actors": "1/1", "date": "1/1", "fatalities": "0/1", "location": "1/1", "sub_event_type": "1/1"}
    assert (T["boiler_removed"], T["keep_kept"]) == (1, 1)
    assert events_summary(T).startswith("required 1/1 precision 0.5 junk 1")


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.json").exists() or not (SHARED / "tools" / "score_events.py").exists(),
                    reason="the shared seeds gold and scorer are not on this machine")
def test_eval_seeds_agrees_with_the_shared_scorer(tmp_path):
    keep = tmp_path / "kept"
    p = run_cli("eval", "seeds", SHARED / "gold" / "seeds.json", SEEDS, "--keep", keep, "--report", tmp_path / "r.md")
    assert p.returncode == 0, p.stderr.decode()
    ours = [ln.strip() for ln in p.stdout.decode().splitlines() if ln.strip().startswith("required ")]
    shared = subprocess.run([sys.executable, str(SHARED / "tools" / "score_events.py"), str(SHARED / "gold" / "seeds.json"),
                             str(keep / "events.jsonl"), str(keep / "documents.jsonl")], capture_output=True, text=True)
    assert shared.returncode == 0, shared.stderr
    assert ours == [shared.stdout.strip().splitlines()[-1]]
    assert "| required events found |" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_eval_fakes_on_a_small_csv(tmp_path):
    from sitrep.evalsets import score_fakes

    res = score_fakes(write_fakes(tmp_path / "f.csv"), keep=tmp_path / "work")
    f = res.figures()
    assert f["articles"] == 2 and res.errors == 0
    assert f["no_event"] == "0.0%"
    assert f["governorate"] == "100.0%"  # Aleppo and Idlib are both named outright
    assert res.counts["fat_n"] == 1 and f["deaths_exact"] == "100.0%"  # five civilians
    assert res.counts["cause"] >= 1
    assert (tmp_path / "work" / "events.jsonl").exists()


def test_eval_ucdp_splits_like_the_gazetteer_build(tmp_path):
    from sitrep.evalsets import score_ucdp, split_module

    split = split_module()
    rows = [("Aleppo city", "36.2021", "37.1343"), ("Qwxyzzyq village", "35.0", "38.0"), ("Idlib", "35.9306", "36.6339")]
    path = tmp_path / "u.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "where_coordinates", "where_prec", "latitude", "longitude", "adm_1", "adm_2"])
        for i, (name, lat, lon) in enumerate(rows):
            w.writerow([i, name, "1", lat, lon, "", ""])
    res = score_ucdp(path)
    halves = [split.half(split.split_key(n)) for n, _, _ in rows]
    assert res.rows["dev"].places == halves.count("dev") and res.rows["heldout"].places == halves.count("heldout")
    within = res.rows["dev"].within_5 + res.rows["heldout"].within_5
    resolved = res.rows["dev"].resolved + res.rows["heldout"].resolved
    assert within == 2 and resolved == 2  # the two cities, never the invented village


def test_eval_case_and_a_missing_set(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with open(data / "case2021-task2-dev.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("id\tEventSnippet\tSubType\n")
        f.write("1\tSyrian warplanes carried out air strikes on the town of Saraqeb, killing six civilians.\tAIR_STRIKE\n")
        f.write("2\tA magnitude 6 earthquake struck the coast of Chile on Sunday.\tNATURAL_DISASTER\n")
    report = tmp_path / "report.md"
    p = run_cli("eval", "all", "--data", data, "--seeds-gold", tmp_path / "none.json", "--cleaning", tmp_path / "nope",
                "--report", report)
    assert p.returncode == 1  # the other sets are missing: said, and the rest is still reported
    err = p.stderr.decode()
    assert "fa-kes-dev.csv: not found" in err and "none.json: not found" in err
    md = report.read_text(encoding="utf-8")
    assert "## Event types: CASE 2021 task 2 dev" in md and "sitrep eval case" in md
    assert "| sub-event type of Sitrep's first event right | 1/1 (100.0%) |" in md
    assert "| no event for a non-ACLED snippet (disaster, crime, diplomacy, attribution) | 1/1 (100.0%) |" in md
    assert "92.6%" in md  # the reference systems' figures stand beside ours


def test_eval_of_a_missing_file_is_a_clear_error(tmp_path):
    p = run_cli("eval", "fakes", tmp_path / "absent.csv")
    assert p.returncode == 1 and b"absent.csv: no such file or folder (FA-KES CSV)" in p.stderr


def test_benchmark_script_on_a_tiny_corpus(tmp_path):
    out, raw = tmp_path / "B.md", tmp_path / "b.json"
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--fakes", str(write_fakes(tmp_path / "f.csv")),
                        "--sizes", "5", "--compare", "5", "--add", "2", "--speed", "0", "--work", str(tmp_path / "w"),
                        "--out", str(out), "--json", str(raw)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    res = json.loads(raw.read_text(encoding="utf-8"))
    assert res["corpus"] == {"articles": 5, "mean_chars": res["corpus"]["mean_chars"], "distinct_texts": 7}
    run5 = res["runs"]["5"]
    assert run5["articles"] == 5 and run5["new"] == 5 and run5["n_errors"] == 0
    assert {"clean", "annotate", "extract", "resolve", "store", "fuse"} <= set(run5["stage_seconds"])
    assert res["spacy"]["articles"] == 5 and res["spacy"]["tokens"] > 50
    assert res["incremental"]["new"] == 2 and res["incremental"]["store"]["documents"] == 7
    assert 0 < res["ratio"] and 0 < run5["peak_rss_mb"] < 4096
    md = out.read_text(encoding="utf-8")
    assert "| peak memory at most 1.5 GB |" in md and "## Per-stage time" in md and "## Incremental ingest" in md
