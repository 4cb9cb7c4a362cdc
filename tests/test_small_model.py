"""The English pipeline whose NER listens to the shared tok2vec (scripts/train_small_model.py, issue 16 session 11):
it loads from the package with no network, a written article through it gives the event the full pipeline gives,
and the switch selects the teacher."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from sitrep.annotate import FULL, MODEL_ENV, SHARED, SHARED_MODEL, load_english
from sitrep.resources import data_path

ARTICLE = ("Air strikes kill nine civilians in Maarat al-Numan\n\n"
           "Warplanes of the Syrian government bombed a market in the town of Maarat al-Numan in Idlib province on "
           "Tuesday, killing nine civilians and wounding 20 others, the Syrian Observatory for Human Rights said.\n\n"
           "The observatory said the dead included three children. Rescue workers searched the rubble for "
           "survivors late into the night.\n")


def _listens(nlp) -> bool:
    """The NER reads the shared tok2vec's output (and has no embedding of its own)."""
    return "ner" in nlp.get_pipe("tok2vec").listening_components and not any(
        n.name == "hashembed" for n in nlp.get_pipe("ner").model.walk())


def test_the_shared_model_is_the_teachers_components_with_a_shipped_ner_head_that_listens():
    head = data_path(SHARED_MODEL)
    assert (head / "ner" / "model").is_file() and (head / "ner" / "moves").is_file()
    assert Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" in head.resolve().parents
    assert sum(f.stat().st_size for f in head.rglob("*") if f.is_file()) < 8_000_000  # a few MB
    student, teacher = load_english(SHARED), load_english(FULL)
    assert student.pipe_names == teacher.pipe_names
    assert _listens(student) and not _listens(teacher)
    text = "Warplanes struck the town of Maarat al-Numan in Idlib province on Tuesday, the observatory said."
    s, t = student(text), teacher(text)
    # tagger, parser, lemmas: the teacher's own, token for token
    assert [(x.tag_, x.dep_, x.head.i, x.lemma_) for x in s] == [(x.tag_, x.dep_, x.head.i, x.lemma_) for x in t]
    assert {e.text for e in s.ents if e.label_ in ("GPE", "LOC", "FAC")} & {"Idlib", "Maarat al-Numan"}


def test_the_model_is_loaded_offline_from_the_package_and_chosen_by_the_setting(tmp_path):
    code = ("import socket\n"
            "def no(*a, **k): raise OSError('no network in this test')\n"
            "socket.socket.connect = no\n"
            "from sitrep.annotate import english, model_choice\n"
            "nlp = english()\n"
            "print(model_choice(), 'ner' in nlp.get_pipe('tok2vec').listening_components)\n")
    for choice, listener in ((SHARED, "True"), (FULL, "False")):
        env = dict(os.environ, **{MODEL_ENV: choice})
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
        assert p.returncode == 0, p.stderr
        assert p.stdout.split() == [choice, listener]
    env = dict(os.environ, **{MODEL_ENV: str(tmp_path / "no-such-model")})
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode != 0 and MODEL_ENV in p.stderr and "no-such-model" in p.stderr


@pytest.mark.parametrize("switch", ["--shared-model", "--full-model"])
def test_a_written_article_gives_its_event_through_either_model(tmp_path, switch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    p = run_cli("run", tmp_path / "a.txt", "--db", db, "--workers", "0", switch, "--quiet")
    assert p.returncode == 0, p.stderr.decode()
    p = run_cli("export", "events", "--db", db, "--format", "jsonl")
    events = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]
    strikes = [e for e in events if e["sub_event_type"] == "Air/drone strike"]
    assert strikes, events
    e = strikes[0]
    assert e["admin1"] == "Idlib" and e["fatalities"] == 9 and e["country"] == "SY"


def test_a_bad_model_setting_is_one_usage_error_and_the_switch_overrides_it(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bad = {MODEL_ENV: str(tmp_path / "no-such-model")}
    p = run_cli("run", tmp_path / "a.txt", "--db", tmp_path / "x.db", "--workers", "1", "--quiet", env=bad)
    assert p.returncode == 2 and MODEL_ENV in p.stderr.decode() and "Traceback" not in p.stderr.decode()
    assert not (tmp_path / "x.db").exists()
    # the switch wins over the environment, in the worker processes too
    p = run_cli("run", tmp_path / "a.txt", "--db", tmp_path / "y.db", "--workers", "1", "--quiet", "--full-model",
                env=bad)
    assert p.returncode == 0, p.stderr.decode()
